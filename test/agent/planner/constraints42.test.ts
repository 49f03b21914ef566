import { beforeAll, describe, expect, it } from 'vitest';
import type { Conversation, KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { argsOf, catalogue, loadAcquisitionWords, movieAndLabels, said } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

/** A segmentation that ran with these values (as the tool reports them), then `request`. */
const afterSegment = (request: string, values: Record<string, unknown> = { objects: 30, method: 'otsu', objectRadiusPx: 9, thresholdPerFrame: [600, 620, 640], minAreaPx: 51, parameters: { minSeedDistancePx: 9, minSeedDepthPx: 0, sigmaPx: 1.5 } }) => {
  const conversation: Conversation = {
    request,
    artifactsAtStart: movieAndLabels,
    earlier: [{ tool: 'segment', args: { movie: 'movie-1' }, ok: true, summary: 'Found 5 objects per frame.', values, artifacts: [{ id: 'labels-1', type: 'labels' }] }],
    current: [],
    earlierRequests: ['segment the nuclei'],
  } as unknown as Conversation;
  return planRequest(conversation, catalogue);
};
const rerunOf = (p: ReturnType<typeof afterSegment>) => p.steps.find((s) => s.tool === 'rerun_step')?.args as { tool?: string; changes?: Record<string, unknown> } | undefined;

describe('a segmentation changed in words after it ran (stop 42)', () => {
  it('"a lower threshold" starts from the threshold that ran, with the method that takes one, both values said', () => {
    const p = afterSegment('redo it with a lower threshold');
    expect(rerunOf(p)).toMatchObject({ tool: 'segment', changes: { threshold: 496, method: 'manual' } });
    expect(p.notes?.join(' ')).toMatch(/threshold 620 → 496/);
  });
  it('"smaller seeds" and "a bigger minimum size" are the settings segment describes so', () => {
    expect(rerunOf(afterSegment('try again but with smaller seeds'))?.changes).toEqual({ minSeedDistancePx: 6 });
    expect(rerunOf(afterSegment('do it again with a bigger minimum size'))?.changes).toEqual({ minAreaPx: 76.5 });
  });
  it('"refine the segmentation" runs it again and names the settings it used, never help', () => {
    const p = afterSegment('refine the segmentation');
    expect(p.steps.map((s) => s.tool)).toEqual(['rerun_step']);
    expect(p.notes?.join(' ')).toMatch(/no setting to change was said.*threshold 620/);
  });
  it('a vague size word on masks already made runs the segmentation again with the bound from the typical object', () => {
    for (const text of ['drop the tiny ones', 'can you get rid of the small specks?', 'remove the small bits please']) {
      const p = afterSegment(text);
      expect(rerunOf(p)).toMatchObject({ tool: 'segment', changes: { minTypicalShare: 0.33 } });
      expect(p.notes?.join(' ')).toMatch(/a third of a typical object's area/);
    }
  });
});

describe('sizes compared with a typical object, measured on the movie (stop 42)', () => {
  it('"bigger than a typical nucleus" with no size told is a bound from the movie, never named as not applied', () => {
    expect(argsOf('segment and drop anything bigger than a typical nucleus', 'segment')).toMatchObject({ maxTypicalShare: 1.5 });
    expect(said('segment and drop anything bigger than a typical nucleus')).not.toMatch(/Not applied/);
    expect(argsOf('segment and keep only nuclei bigger than an average one', 'segment')).toMatchObject({ minTypicalShare: 0.67 });
    // (told, the size is the radius said, as before)
    const calibrated: KnownArtifact[] = [{ id: 'movie-1', type: 'movie', pixelSizeUm: 0.5 }];
    expect(argsOf('segment; nuclei are about 10 µm across, drop anything bigger than a typical nucleus', 'segment', calibrated)).toMatchObject({ objectRadiusPx: 10, maxAreaPx: 314 });
  });
  it('a range in pixels is never a share of the typical object', () => {
    expect(said('segment, only objects with area in [50, 500] px')).not.toMatch(/Not applied/);
  });
});

describe('frames and the border left out in other words (stop 42)', () => {
  const framed: KnownArtifact[] = [{ id: 'movie-1', type: 'movie', frames: 20 }];
  it('a preposition before the frames left out keeps them out (was the opposite)', () => {
    for (const text of ['count the nuclei but not in the first 5 frames', 'segment the nuclei except in the first 5 frames']) expect(argsOf(text, 'segment', framed).frames).toEqual({ first: 6, last: 20 });
  });
  it('"not the ones at the border" after a comma', () => {
    expect(argsOf('segment the cells, not the ones at the border', 'segment').excludeBorder).toBe(true);
  });
});

describe('sizes said as lengths compared, and things whose word says their size (stop 42)', () => {
  const calibrated: KnownArtifact[] = [{ id: 'movie-1', type: 'movie', pixelSizeUm: 0.5 }];
  it('a diameter compared is an area bound of a round object that size, never the object radius', () => {
    expect(argsOf('segment nuclei larger than 5 um in diameter', 'segment', calibrated)).toMatchObject({ minAreaPx: 79 });
    expect(argsOf('segment nuclei larger than 5 um in diameter', 'segment', calibrated).objectRadiusPx).toBeUndefined();
    expect(said('segment nuclei larger than 5 um in diameter', calibrated)).not.toMatch(/Not applied/);
    expect(argsOf('segment, drop cells smaller than 8 px across', 'segment')).toMatchObject({ minAreaPx: 50 });
  });
  it('"exclude clumps", "leave out the debris", "bigger than usual": shares of the typical object', () => {
    expect(argsOf('segment, exclude clumps', 'segment')).toMatchObject({ maxTypicalShare: 3 });
    expect(argsOf('segment but leave out the debris', 'segment')).toMatchObject({ minTypicalShare: 0.33 });
    expect(argsOf('segment, only keep objects bigger than usual', 'segment')).toMatchObject({ minTypicalShare: 0.67 });
    expect(said('segment, only keep objects bigger than usual')).not.toMatch(/Not applied/);
  });
});
