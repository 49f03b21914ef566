// Channels are read from explicit forms; a channel name that is also an everyday or method word needs one.
import { describe, expect, it } from 'vitest';
import { findChannel, findChannels } from '../../../src/agent/planner/extract.ts';

describe('channels', () => {
  it('reads numbered, ordinal and named channels', () => {
    expect(findChannel('segment ch2')).toBe(2);
    expect(findChannel('denoise channel 3')).toBe(3);
    expect(findChannel('denoise the second channel')).toBe(2);
    expect(findChannel('threshold the GFP channel with triangle')).toBe('GFP');
    expect(findChannel('segment the DAPI')).toBe('DAPI');
  });

  it('does not read a method word as a channel ("phase correlation")', () => {
    expect(findChannel('correct the drift using phase correlation')).toBeUndefined();
    expect(findChannels('register the frames by phase correlation')).toEqual([]);
  });

  it('reads word-like channel names when said as channels', () => {
    expect(findChannel('segment the phase channel')).toBe('Phase');
    expect(findChannel('use channel Brightfield')).toBe('Brightfield');
    expect(findChannel('predict nuclei from the brightfield')).toBe('Brightfield');
    expect(findChannel('the phase contrast images')).toBe('Phase');
  });
});

describe('channels and frames ruled out', () => {
  it('never reads a channel or frames the words rule out as the ones to use', async () => {
    const { excludedScopes, findFrames } = await import('../../../src/agent/planner/extract.ts');
    expect(findChannel('denoise, but not the first channel')).toBeUndefined();
    expect(findChannel('segment everything except channel 2')).toBeUndefined();
    expect(findFrames('skip frames 1-5 and segment the rest')).toBeUndefined();
    expect(findChannel('segment the GFP channel but not the DAPI channel')).toBe('GFP');
    expect(excludedScopes('segment everything except channel 2')).toEqual(['except channel 2']);
  });
});

describe('frame ranges as people write them (brief R2)', async () => {
  const { findFrames } = await import('../../../src/agent/planner/extract.ts');
  it('reads "t=5..15" and "frames ten to twenty"', () => {
    expect(findFrames('segment only t=5..15')).toEqual({ first: 5, last: 15 });
    expect(findFrames('mean projection of frames ten to twenty')).toEqual({ first: 10, last: 20 });
  });

  it('leaves words that are no numbers alone ("frames up to date")', () => {
    expect(findFrames('frames up to date')).toBeUndefined();
  });
});
