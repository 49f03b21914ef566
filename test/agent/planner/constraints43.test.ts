// Numbers in analysis requests (stop 43, helper C): a number binds to an argument only by its unit or its own words. A
// count of things ("the 3 most motile", "top 10", "4 cells") and the low end of a count of frames ("1 or 2 frames") are
// never a size; a range said for the largest gap is its upper end; a share in % of a 0..1 setting is the fraction; things
// picked by their rank are named when no step carries the count; frames left out in the middle say the two ranges left.
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords, movieAndLabels, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a count is never a size', () => {
  it('reads no object radius from a count of things, ranked or not', () => {
    expect(argsOf('segment and track, then I only want the 4 fastest cells', 'segment').objectRadiusPx).toBeUndefined();
    expect(argsOf('segment the nuclei and keep the 5 largest nuclei', 'segment').objectRadiusPx).toBeUndefined();
    expect(argsOf('segment, top 10 brightest cells', 'segment').objectRadiusPx).toBeUndefined();
    expect(argsOf('segment the cells, radius 8 px', 'segment').objectRadiusPx).toBe(8);
  });
  it('names things picked by their rank where no step carries the count', () => {
    expect(said('segment the cells, I just care about the two biggest cells')).toMatch(/Not applied: "the two biggest cells"/);
    expect(said('segment the cells and measure the top 5 brightest')).toMatch(/Not applied: "the top 5 brightest"/);
    expect(said('segment the 3 test movies')).not.toMatch(/Not applied: "the 3 test/);
  });
});

describe('frames things go missing', () => {
  it('takes the upper end of a range of frames for the largest gap, and no size from its low end', () => {
    expect(argsOf('segment and track, cells may disappear for 1 or 2 frames', 'segment').objectRadiusPx).toBeUndefined();
    expect(argsOf('segment and track, cells may disappear for 1 or 2 frames', 'track').maxFrameGap).toBe(2);
    expect(argsOf('link the objects allowing gaps of 2-4 frames', 'track', movieAndLabels).maxFrameGap).toBe(4);
    expect(argsOf('track them; nuclei sometimes vanish for up to 3 frames', 'track', movieAndLabels).maxFrameGap).toBe(3);
  });
});

describe('units and comparisons', () => {
  it('reads a share in % of a 0..1 setting as the fraction', () => {
    expect(argsOf('track by overlap, at least 50% IoU', 'track', movieAndLabels)).toMatchObject({ method: 'overlap', minIoU: 0.5 });
  });
  it('looks for divisions in the labels when the daughters\' overlap is set, with no line for the mother', () => {
    const request = 'find divisions in the labels, each daughter should overlap the mother by at least 40%';
    expect(toolsOf(request, movieAndLabels)).toEqual(['detect_divisions']);
    expect(argsOf(request, 'detect_divisions', movieAndLabels).minOverlap).toBe(0.4);
    expect(said(request, movieAndLabels)).not.toMatch(/Not applied/);
  });
  it('reads no setting from a modal verb of a description', () => {
    expect(argsOf('segment; objects must be at least 30 px', 'segment')).toMatchObject({ minAreaPx: 30 });
    expect(argsOf('segment; objects must be at least 30 px', 'segment').minSeedDepthPx).toBeUndefined();
  });
});

describe('frames left out', () => {
  it('names frames left out in the middle after "all frames", with the two ranges left', () => {
    const movie = [{ id: 'movie-1', type: 'movie', frames: 40 }];
    expect(said('segment all frames except 10 to 15', movie)).toMatch(/Not applied: "all frames except 10 to 15".*"frames 1-9" and "frames 16-40"/);
  });
  it('reads "they\'re blurry" after frames left out as the reason, no denoising', () => {
    const movie = [{ id: 'movie-1', type: 'movie', frames: 24 }];
    expect(toolsOf('measure the nuclei, but leave out the last 4 frames - they\'re blurry', movie)).not.toContain('denoise');
  });
});

describe('lengths named as bounds, windows and search radii', () => {
  it('bounds the area by a length named with min or max, never the typical radius', () => {
    expect(argsOf('segment, min size 5 um diameter', 'segment', [{ id: 'movie-1', type: 'movie', pixelSizeUm: 0.5 }])).toMatchObject({ minAreaPx: 79 });
    expect(argsOf('segment, max radius 12 px', 'segment')).toMatchObject({ maxAreaPx: 452 });
    expect(argsOf('segment, max radius 12 px', 'segment').objectRadiusPx).toBeUndefined();
    expect(argsOf('segment, min size 50 px', 'segment')).toMatchObject({ minAreaPx: 50 });
  });
  it('reads "smooth the traces over 3 frames" as the window', () => {
    const table = [{ id: 'movie-1', type: 'movie' }, { id: 'table-1', type: 'table', producedBy: 'measure' }];
    expect(argsOf('smooth the traces over 3 frames', 'analyze_timeseries', table).windowFrames).toBe(3);
  });
  it('takes a search radius as the linking distance, with no line', () => {
    expect(argsOf('track with a search radius of ~8 px', 'track', movieAndLabels).maxLinkingDistancePx).toBe(8);
    expect(said('track with a search radius of ~8 px', movieAndLabels)).not.toMatch(/Not applied/);
  });
});

describe('a speed is no move per frame', () => {
  it('names a length per unit of time for the tracker, never its linking distance', () => {
    const calibrated = [{ id: 'movie-1', type: 'movie', pixelSizeUm: 0.5 }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }];
    expect(argsOf('track, cells move no more than 2 um/min', 'track', calibrated).maxLinkingDistancePx).toBeUndefined();
    expect(said('track, cells move no more than 2 um/min', calibrated)).toMatch(/Not applied: "2 µm\/min"/);
    expect(argsOf('track, cells move up to 5 px per frame', 'track', calibrated).maxLinkingDistancePx).toBe(5);
  });
});
