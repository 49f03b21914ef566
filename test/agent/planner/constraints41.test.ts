import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { normalisedRequest } from '../../../src/agent/planner/normalise.ts';
import { argsOf, catalogue, loadAcquisitionWords, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';

/** The request as the agent hands it to the planner (normalise.ts): "[50, 500] px", "3+ frames". */
const norm = (text: string) => normalisedRequest(text, catalogue);

beforeAll(loadAcquisitionWords);

const calibrated: KnownArtifact[] = [{ id: 'movie-1', type: 'movie', pixelSizeUm: 0.5 }];

describe('a limit on which objects inside a later step\'s words, with no comma (stop 41)', () => {
  it('is the finding step\'s bound, applied there and never named as not applied', () => {
    for (const [text, min] of [
      ['segment the nuclei then measure mean intensity excluding objects below 30 px', 30],
      ['segment and measure the area of cells bigger than 50 px', 50],
      ['segment then track only objects larger than 40 px', 40],
      ['segment then measure only objects >= 50 px', 50],
      ['segment and track the ones bigger than 80 px', 80],
      ['segment, then track the larger nuclei (at least 60 px)', 60],
    ] as const) {
      expect(argsOf(text, 'segment').minAreaPx).toBe(min);
      expect(said(text)).not.toMatch(/Not applied/);
    }
    expect(argsOf('segment then measure the intensity for nuclei over 20 µm²', 'segment', calibrated).minAreaPx).toBe(80);
    expect(argsOf('segment the cells and measure mean intensity excluding objects smaller than 30 px and larger than 500 px', 'segment')).toMatchObject({ minAreaPx: 30, maxAreaPx: 500 });
    expect(argsOf('find nuclei and track those between 50 and 400 px', 'segment')).toMatchObject({ minAreaPx: 50, maxAreaPx: 400 });
  });
  it('goes to the nearest step before that takes it, and a scope of frames after it stays the later step\'s', () => {
    expect(argsOf('segment, track and plot the speed of cells over 60 px', 'segment').minAreaPx).toBe(60);
    const framed: KnownArtifact[] = [{ id: 'movie-1', type: 'movie', frames: 40 }];
    const p = plan('segment and measure cells between 100 and 500 px in the last 10 frames', framed);
    expect(p.steps[0].args).toMatchObject({ minAreaPx: 100, maxAreaPx: 500 });
    expect(p.steps[1].args.frames).toEqual({ first: 31, last: 40 });
  });
  it('a verb of leaving out before it keeps its direction', () => {
    expect(argsOf('segment then measure, excluding nuclei smaller than 10 µm²', 'segment', calibrated).minAreaPx).toBe(40);
    expect(said('segment then measure, excluding nuclei smaller than 10 µm²', calibrated)).not.toMatch(/did not apply|Not applied/);
    expect(argsOf('segment, drop edge objects and anything under 15 px', 'segment')).toMatchObject({ excludeBorder: true, minAreaPx: 15 });
  });
  it('a setting the later step names by its own words stays there', () => {
    expect(argsOf('segment then track, max 15 px per frame', 'track').maxLinkingDistancePx).toBe(15);
  });
});

describe('objects at the image edge left out, in any words (stop 41)', () => {
  it('set the finding step\'s border rule', () => {
    for (const text of ['segment the nuclei not on the border', 'segment, not touching the border', 'segment cells that don\'t touch the edge', 'segment the cells away from the edges', 'segment, interior cells only']) {
      expect(argsOf(text, 'segment').excludeBorder).toBe(true);
      expect(said(text)).not.toMatch(/Not applied/);
    }
  });
  it('said in a later step\'s words or for a step added to make its input, are the finding step\'s', () => {
    expect(toolsOf('segment then measure area for cells not touching the edges')).toEqual(['segment', 'measure']);
    expect(argsOf('segment then measure area for cells not touching the edges', 'segment').excludeBorder).toBe(true);
    expect(said('segment then measure area for cells not touching the edges')).not.toMatch(/Not applied/);
    expect(argsOf('measure the area of the nuclei not touching the border', 'segment').excludeBorder).toBe(true);
  });
});

describe('bounds and ranges in other forms (stop 41)', () => {
  it('"20 px or more", "size cutoff 40 px", "[50, 500] px", "> 30 px and < 800 px" are area bounds', () => {
    expect(argsOf('segment, objects of 20 px or more', 'segment')).toEqual(expect.objectContaining({ minAreaPx: 20 }));
    expect(argsOf('segment, objects of 20 px or more', 'segment').objectRadiusPx).toBeUndefined();
    expect(argsOf('segment, size cutoff 40 px', 'segment').objectRadiusPx).toBeUndefined();
    expect(argsOf(norm('segment, only objects with area in [50, 500] px'), 'segment')).toMatchObject({ minAreaPx: 50, maxAreaPx: 500 });
    expect(said(norm('segment, only objects with area in [50, 500] px'))).not.toMatch(/Not applied/);
    expect(argsOf('segment then measure objects with area > 30 px and < 800 px', 'segment')).toMatchObject({ minAreaPx: 30, maxAreaPx: 800 });
  });
  it('a range of object radii is the area bounds (pi r^2 at each end); a range for another setting of one value is named', () => {
    for (const text of ['segment, objects 8-12 px radius', 'segment, radius 8-12 px']) {
      expect(argsOf(text, 'segment')).toMatchObject({ minAreaPx: 201, maxAreaPx: 453 });
      expect(said(text)).toMatch(/8-12 px/);
      expect(said(text)).not.toMatch(/Not applied/);
    }
    expect(said('track, linking radius 10-15 px', movieAndLabels)).toMatch(/the range "10-15 px"/);
  });
  it('a kind with its bound in brackets, applied, is not named', () => {
    expect(said('segment then count only the big ones (>200 px)')).not.toMatch(/Not applied/);
  });
});

describe('objects compared with a typical one, and "N+" (stop 41)', () => {
  it('the typical object\'s area when its size is told, measured on the movie when it is not (stop 42: was named)', () => {
    expect(argsOf('segment; nuclei are about 10 µm across, drop anything bigger than a typical nucleus', 'segment', calibrated)).toMatchObject({ objectRadiusPx: 10, maxAreaPx: 314 });
    expect(argsOf('segment and drop anything bigger than a typical nucleus', 'segment')).toMatchObject({ maxTypicalShare: 1.5 });
    expect(said('segment and drop anything bigger than a typical nucleus')).toMatch(/"bigger than a typical nucleus": objects larger than one and a half typical objects' area are left out/);
    expect(said('segment and drop anything bigger than a typical nucleus')).not.toMatch(/to make larger/);
  });
  it('"3+ frames" is at least 3 frames, applied by the track filter before the measuring step (stop 43: filter_tracks)', () => {
    expect(norm('only for tracks lasting 3+ frames')).toBe('only for tracks lasting at least 3 frames');
    expect(said(norm('measure speeds, only for tracks lasting 3+ frames'), movieAndLabels)).toMatch(/Tracks kept: at least 3 frames long/);
    expect(said(norm('measure speeds, only for tracks lasting 3+ frames'), movieAndLabels)).not.toMatch(/Not applied/);
  });
  it('an edge limit the added segmentation applies is not named at the measuring step', () => {
    expect(argsOf('measure mean GFP in nuclei not touching the border', 'segment').excludeBorder).toBe(true);
    expect(said('measure mean GFP in nuclei not touching the border')).not.toMatch(/Not applied/);
  });
});
