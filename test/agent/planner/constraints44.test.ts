// Constraints as people state them (stop 44, helper C): objects left out by their brightness are applied (segment's
// minMean), a lone "n" joins two steps, kinds of things left out after "no", "throw away" or as debris are named where
// the step cannot apply them, a method named by one everyday word after "using" is named, a range "from 50 up to 400"
// and a length bound "at most 12 µm in diameter" bound the area, and "the median cell" is a typical object.
import { beforeAll, describe, expect, it } from 'vitest';
import { withLoneNAsAnd } from '../../../src/agent/planner/normalise.ts';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { argsOf, asSaid, loadAcquisitionWords, movieAndLabels, said } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('objects left out by their brightness', () => {
  it('is a floor on each object\'s mean intensity, said with the words as written', () => {
    expect(argsOf('segment the nuclei, excluding anything dimmer than 300', 'segment')).toMatchObject({ minMean: 300 });
    expect(argsOf('segment and keep only nuclei brighter than 500', 'segment')).toMatchObject({ minMean: 500 });
    expect(argsOf('find nuclei or cells, mean intensity no smaller than 7', 'segment')).toMatchObject({ minMean: 7 });
    expect(said('segment the nuclei, excluding anything dimmer than 300')).toContain('"dimmer than 300"');
  });
  it('leaves a level of the pixels or the background, and a ceiling, alone', () => {
    expect(argsOf('segment whatever is brighter than a grey level of 450', 'segment')).toMatchObject({ method: 'manual', threshold: 450 });
    expect(argsOf('segment; anything dimmer than 400 is background', 'segment').minMean).toBeUndefined();
    expect(argsOf('segment, keeping only nuclei dimmer than 300', 'segment').minMean).toBeUndefined();
    expect(said('segment, keeping only nuclei dimmer than 300')).toContain('dimmer than 300');
  });
});

describe('a lone "n" between two words', () => {
  it('is "and"', () => {
    expect(withLoneNAsAnd('segment n track, then plot')).toBe('segment and track, then plot');
    expect(withLoneNAsAnd("drift 'n' segment")).toBe('drift and segment');
    expect(withLoneNAsAnd('keep the first n frames')).toBe('keep the first n frames');
    expect(withLoneNAsAnd('segment n cells')).toBe('segment n cells');
    expect(asSaid.toolsOf('seg n track them, then export the tracks')).toEqual(expect.arrayContaining(['segment', 'track', 'export']));
  });
});

describe('things left out that the step cannot leave out', () => {
  it('are named: after "no", "throw away", or debris for a step that drops nothing', () => {
    expect(said('segment the cells, no apoptotic cells please')).toMatch(/Not applied: "no apoptotic cells"/);
    expect(said('segment, throw away the elongated ones')).toMatch(/Not applied: "throw away the elongated ones"/);
    expect(said('measure intensity, leaving out the debris', movieAndLabels)).toMatch(/Not applied: "leaving out the debris"/);
    expect(said('segment the nuclei but skip the clumped ones')).toMatch(/Not applied: "skip the clumped ones"/);
    expect(said('measure the intensity in the cytoplasm only', movieAndLabels)).toMatch(/Not applied: "in the cytoplasm only"/);
    // (segment drops the debris by a share of a typical object: applied, never named)
    expect(said('segment the cells, leave out the debris')).not.toMatch(/Not applied/);
  });
  it('names a method said by one everyday word after "using"', () => {
    expect(said('project the movie using the median, frames 1-10 only')).toMatch(/Not applied: "median"/);
  });
});

describe('sizes in words', () => {
  it('reads "from 50 up to 400 pixels" and "at most 12 µm in diameter" as area bounds, "the median cell" as a typical one', () => {
    expect(argsOf('segment and keep objects from 50 up to 400 pixels in area', 'segment')).toMatchObject({ minAreaPx: 50, maxAreaPx: 400 });
    const pixel: KnownArtifact[] = [{ id: 'movie-1', type: 'movie', pixelSizeUm: 0.6 }];
    const args = argsOf('segment, objects at most 12 µm in diameter', 'segment', pixel);
    expect(args.objectRadiusPx).toBeUndefined();
    expect(args.maxAreaPx).toBeCloseTo(314, -1);
    expect(argsOf('segment cells larger than the median cell', 'segment').minTypicalShare).toBeDefined();
  });
});
