// Stop 46, the lead's user tries: a size word with its number, and an output place said by the input.
import { beforeAll, describe, expect, it } from 'vitest';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a size word followed by its number is that bound, no vague size', () => {
  it('"ignore tiny debris below 30 pixels" sets 30 px, without a typical-share rule or a note asking for a size', () => {
    const args = asSaid.argsOf('I need the nuclei outlined but please ignore tiny debris below 30 pixels', 'segment');
    expect(args.minAreaPx).toBe(30);
    expect(args.minTypicalShare).toBeUndefined();
    expect(asSaid.said('I need the nuclei outlined but please ignore tiny debris below 30 pixels')).not.toMatch(/typical object/);
  });
  it('"drop the big clumps over 2000 px" is an upper bound of 2000 px', () => {
    const args = asSaid.argsOf('segment cells and drop the big clumps over 2000 px', 'segment');
    expect(args.maxAreaPx).toBe(2000);
    expect(args.maxTypicalShare).toBeUndefined();
  });
  it('a size word alone still takes its bound from the typical object and says so', () => {
    expect(asSaid.argsOf('segment, ignore the tiny debris', 'segment').minTypicalShare).toBeGreaterThan(0);
    expect(asSaid.said('segment, ignore the tiny debris')).toMatch(/typical object/);
  });
});

describe('an output place said by where the input is', () => {
  const withPath = [{ id: 'movie-1', type: 'movie', path: '/data/exp3/cells.tif' }];
  it('"next to the movie" stays one clause with its step and is named, with the movie\'s folder to type', () => {
    const p = asSaid.plan('segment only in the first 10 frames and save the masks next to the movie', withPath);
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'export']);
    expect(p.steps[1].args.output).toBeUndefined();
    expect((p.notes ?? []).join(' ')).toMatch(/Not applied: "next to the movie" — I write results only into the session folder or a folder you type; say the folder \(e\.g\. "save it to \/data\/exp3\/"\)/);
    expect((p.notes ?? []).join(' ')).not.toMatch(/no tool to to/);
  });
  it('"in the same folder as the original movie" and "next to the raw data" are named too', () => {
    expect(asSaid.said('export the tracks as csv in the same folder as the original movie')).toMatch(/Not applied: "in the same folder as the original movie"/);
    expect(asSaid.said('track, and put the csv next to the raw data')).toMatch(/Not applied: "next to the raw data"/);
  });
  it('a path typed is the output, and nothing is named', () => {
    const p = asSaid.plan('segment and save the masks to /data/exp3/masks.tif');
    expect(p.steps.find((s) => s.tool === 'export')?.args.output).toBe('/data/exp3/masks.tif');
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });
});

describe('the median filter and a light touch, read from the words', () => {
  it('"apply a median filter of radius 2" runs the median of radius 2, said, and "to reduce the noise" is its purpose, no format', () => {
    expect(asSaid.argsOf('apply a median filter of radius 2', 'denoise')).toMatchObject({ method: 'median', radiusPx: 2 });
    expect(asSaid.argsOf('apply a median filter of radius 2', 'denoise').sigmaPx).toBeUndefined();
    const note = asSaid.said('apply a median filter to reduce the noise');
    expect(note).toMatch(/Median filter of radius 2 px/);
    expect(note).not.toMatch(/"reduce"/);
    expect(asSaid.said('apply a gaussian blur to reduce the noise')).not.toMatch(/Not applied/);
  });
  it('a window "3x3" is radius 1, a bare "5 px" the radius, "despeckle" radius 1', () => {
    expect(asSaid.argsOf('median filter 3x3, then segment', 'denoise')).toMatchObject({ method: 'median', radiusPx: 1 });
    expect(asSaid.argsOf('median filter, 5 px, on channel 1 before segmenting', 'denoise')).toMatchObject({ method: 'median', radiusPx: 5 });
    expect(asSaid.argsOf('median filter, 5 px, on channel 1 before segmenting', 'denoise').sigmaPx).toBeUndefined();
    expect(asSaid.argsOf('despeckle the movie', 'denoise')).toMatchObject({ method: 'median', radiusPx: 1 });
  });
  it('"smooth it a little bit" and "not too aggressively" run a light Gaussian blur and say so; a method named keeps it', () => {
    for (const request of ['smooth the movie a little bit', 'denoise it, not too aggressively']) {
      expect(asSaid.argsOf(request, 'denoise')).toMatchObject({ method: 'gaussian', sigmaPx: 1 });
      expect(asSaid.said(request)).toMatch(/a light Gaussian blur \(sigma 1 px\)/);
    }
    expect(asSaid.argsOf('denoise the movie', 'denoise').method).toBeUndefined();
    expect(asSaid.argsOf('gently denoise with n2v', 'denoise').method).toBe('n2v');
    expect(asSaid.said('gently denoise with n2v')).toMatch(/Noise2Void has no strength setting/);
  });
});

describe('a step named before "using" keeps the smoothing said after it', () => {
  it('"segment using gaussian smoothing, sigma 2" segments with sigma 2 (it ran a blur alone and dropped the segmentation)', () => {
    expect(asSaid.plan('segment using gaussian smoothing, sigma 2').steps.map((s) => [s.tool, s.args.sigmaPx])).toEqual([['segment', 2]]);
  });
});

describe('a thing named that the step makes itself', () => {
  const tracked = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
  it('"plot the tracks on the MIP" with no projection made is plot\'s own projection of the movie (it looked for a projection and ran nothing)', () => {
    const step = asSaid.plan('plot the tracks on the MIP', tracked).steps[0];
    expect(step.tool).toBe('plot');
    expect(step.args.kind).toBe('projection');
    expect(step.args.movie).toMatchObject({ mode: 'chain' });
  });
  it('a product the step does not make itself is still looked for ("segment the denoised movie")', () => {
    // (stop 47: when neither the session nor the request has made it, it is made first: preparedInput.test.ts)
    const held = [{ id: 'movie-1', type: 'movie' }, { id: 'movie-2', type: 'movie', producedBy: 'denoise' }];
    expect(asSaid.plan('segment the denoised movie', held).steps[0].args.movie).toMatchObject({ mode: 'producer', producers: ['denoise'] });
    expect(asSaid.plan('segment the denoised movie').steps.map((s) => s.tool)).toEqual(['denoise', 'segment']);
  });
});
