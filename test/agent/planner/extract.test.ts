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
