// Counts per part of the field ("which region has the most cells?"), and questions that name the cutter's words without asking for a cut.
import { beforeAll, describe, expect, it } from 'vitest';
import { asksCountPerRegion, regionCountAnswer } from '../../../src/agent/planner/regionCounts.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { loadAcquisitionWords, movieAndLabels, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const conversation = { request: '', artifactsAtStart: [{ id: 'movie-1', type: 'movie', width: 100, height: 100 }], earlier: [], current: [], earlierRequests: [] } as unknown as Conversation;
const at = (t: number, x: number, y: number) => ({ t, centroid_x_px: x, centroid_y_px: y });
const table = { columns: ['t', 'centroid_x_px', 'centroid_y_px'], rows: [at(0, 10, 10), at(0, 20, 30), at(0, 80, 90), at(1, 15, 12), at(1, 30, 20), at(1, 70, 20)] };
const tables = [{ artifact: { id: 'table-1', type: 'table' }, table }];

describe('counts per part of the field', () => {
  it('reads the questions that ask them, not a part of a cell nor a region cut for a step', () => {
    for (const q of ['which region has the most cells?', 'how many nuclei in each quadrant?', 'is the left half more crowded than the right half?', 'which corner has the fewest nuclei']) expect(asksCountPerRegion(q)).toBe(true);
    for (const q of ['segment only the top left quarter', 'which part of the cell is brightest?', 'what is the mean area?']) expect(asksCountPerRegion(q)).toBe(false);
  });

  it('counts the objects by their centroids per quarter, as a mean per frame, naming the busiest', () => {
    const answer = regionCountAnswer('which region has the most cells?', tables, conversation) ?? '';
    expect(answer).toMatch(/^The top left quarter has the most objects, 2 per frame on average/);
    expect(answer).toMatch(/top right quarter 0\.5, bottom left quarter 0, bottom right quarter 0\.5/);
    expect(answer).toMatch(/100 x 100 px field split at x 50, y 50; from table-1/);
  });

  it('compares only the halves asked', () => {
    const answer = regionCountAnswer('is the left half more crowded than the right half?', tables, conversation) ?? '';
    expect(answer).toMatch(/left half 2, right half 1\b/);
    expect(answer).not.toMatch(/top half/);
  });

  it('plans no cut for the question, and still cuts for a step scoped to a region', () => {
    expect(toolsOf('which quadrant has the most cells?', movieAndLabels)).not.toContain('crop');
    expect(toolsOf('is the left half more crowded than the right half?', movieAndLabels)).not.toContain('crop');
    expect(toolsOf('segment only the top left quarter')).toEqual(['crop', 'segment']);
  });

  it('reads "how far did the sample drift?" as the drift, not the cells\' distance', () => {
    expect(toolsOf('how far did the sample drift?')).toEqual(['correct_drift']);
    expect(toolsOf('how far did the cells travel?')).toContain('measure');
  });
});
