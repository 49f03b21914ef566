// Channels are read from explicit forms; a channel name that is also an everyday or method word needs one.
import { describe, expect, it } from 'vitest';
import { findChannel, findChannels, findPaths, isMoviePath } from '../../../src/agent/planner/extract.ts';

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

describe('a part of the movie said as a fraction (brief R, stop 14)', async () => {
  const { findFrames, fractionOfFrames } = await import('../../../src/agent/planner/extract.ts');
  it('reads halves, thirds and quarters of a movie of known length', () => {
    expect(findFrames('segment the first half of the movie', 40)).toEqual({ first: 1, last: 20 });
    expect(findFrames('max projection of the second half of the movie', 40)).toEqual({ first: 21, last: 40 });
    expect(findFrames('mean projection of the first quarter', 40)).toEqual({ first: 1, last: 10 });
    expect(findFrames('denoise the last third of the time-lapse', 30)).toEqual({ first: 21, last: 30 });
    expect(fractionOfFrames('the middle third of the recording', 30)).toEqual({ first: 11, last: 20 });
  });

  it('needs the movie length, and a middle only of an odd number of parts', () => {
    expect(findFrames('segment the first half of the movie')).toBeUndefined();
    expect(fractionOfFrames('the middle half of the movie', 40)).toBeUndefined();
  });
});

describe('an output named in the text, never a unit', async () => {
  const { findOutput } = await import('../../../src/agent/planner/extract.ts');
  it('reads files and folders', () => {
    expect(findOutput('save the tracks to results/tracks.csv')).toBe('results/tracks.csv');
    expect(findOutput('write the masks into out/')).toBe('out/');
  });

  it('reads a folder or a file named by "called"/"named" ("into a folder called masks", "a tiff called clean.tif")', () => {
    expect(findOutput('export the masks as PNGs, one per frame, into a folder called masks')).toBe('masks');
    expect(findOutput('save the tracks into a folder named out')).toBe('out');
    expect(findOutput('please export the denoised movie as a tiff called clean.tif')).toBe('clean.tif');
    expect(findOutput('segment the nuclei in a movie called cells')).toBeUndefined();
  });

  it('takes no rate written with a slash for a path (a file "nm/s" was once written)', () => {
    expect(findOutput('convert the mean speed to nm/s')).toBeUndefined();
    expect(findOutput('give the speeds as um/min')).toBeUndefined();
    expect(findOutput('save the speed in px/frame')).toBeUndefined();
    expect(findOutput('diffusion coefficient as um^2/s')).toBeUndefined();
  });
});

describe('paths named in a request', () => {
  it('reads files, and folders written from the root, the home or the working folder', () => {
    expect(findPaths('count the nuclei in /data/ctc/01/')).toEqual(['/data/ctc/01/']);
    expect(findPaths('open ~/movies/run2 and track')).toEqual(['~/movies/run2']);
    expect(findPaths('segment data/cells.tif')).toEqual(['data/cells.tif']);
    // (a rate or a ratio is no folder; an output folder is not an input)
    expect(findPaths('give the speed in µm/min and dF/F0')).toEqual([]);
    expect(findPaths('segment the nuclei and save the masks to /tmp/out/')).toEqual([]);
    for (const p of ['/data/ctc/01/', '~/frames', 'cells.ome.tif']) expect(isMoviePath(p), p).toBe(true);
    for (const p of ['tracks.csv', '/data/table.xlsx', 'dF/F0.x']) expect(isMoviePath(p), p).toBe(false);
  });
});
