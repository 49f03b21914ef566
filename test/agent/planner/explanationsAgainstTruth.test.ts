// "how good is the segmentation compared to the ground truth?": a result scored against a reference is the scoring step's
// to measure, never the record of how the step chose (which answered it before).
import { beforeAll, describe, expect, it } from 'vitest';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';
import { asksWhy } from '../../../src/agent/planner/explanations.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const segmented: PastResult = { tool: 'segment', args: { movie: 'movie-1' }, ok: true, summary: 'Found 8 objects per frame.', values: { objects: 96 }, artifacts: [{ id: 'labels-1', type: 'labels', producedBy: 'segment' }] };
const after = (request: string) =>
  planRequest({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }, ...segmented.artifacts], earlier: [segmented], current: [], earlierRequests: ['segment the cells'] }, catalogue);

describe('a result asked against a reference', () => {
  it('is no question of how a step chose', () => {
    expect(asksWhy('how good is the segmentation compared to the ground truth in 02_GT?')).toBe(false);
    expect(asksWhy('how good is the segmentation?')).toBe(true);
  });
  it('runs the scoring step', () => {
    for (const request of ['how good is the segmentation compared to the ground truth in 02_GT?', 'how accurate are the masks vs the annotations?']) {
      expect(after(request).steps.map((s) => s.tool), request).toEqual(['evaluate']);
    }
  });
});
