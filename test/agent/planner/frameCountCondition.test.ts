import { describe, expect, it } from 'vitest';
import { countsPerFrame, frameCountConditionAnswer, framesInRuns } from '../../../src/agent/planner/frameCountCondition.ts';

const perFrame = [3, 5, 8, 9, 9].map((n, t) => ({ t, n }));

describe('frameCountCondition', () => {
  it('names the first frame over a count and the frames that meet it', () => {
    expect(frameCountConditionAnswer('at which frame do we first see more than 6 nuclei', { op: '>', value: 6 }, perFrame, 'table-1')).toMatch(/^Frame 3 is the first with more than 6 objects \(8\); 3 of 5 frames have more than 6 objects: frames 3-5/);
  });
  it('says yes or no first to a yes/no question, and the nearest count when no frame meets it', () => {
    expect(frameCountConditionAnswer('is there any frame with fewer than 4 nuclei?', { op: '<', value: 4 }, perFrame, 'table-1')).toMatch(/^Yes: 1 of 5 frames has fewer than 4 objects: frame 1/);
    expect(frameCountConditionAnswer('is there any frame with more than 20 nuclei?', { op: '>', value: 20 }, perFrame, 'table-1')).toMatch(/^No: No frame has more than 20 objects: the most is 9 in frame 4/);
  });
  it('counts the objects of each frame, an empty frame as 0', () => {
    const table = { columns: ['label', 't'], rows: [{ label: 1, t: 0 }, { label: 2, t: 0 }, { label: 1, t: 2 }] };
    expect(countsPerFrame(table)).toEqual([{ t: 0, n: 2 }, { t: 1, n: 0 }, { t: 2, n: 1 }]);
    expect(framesInRuns([1, 2, 3, 7])).toBe('frames 1-3, 7');
  });
});
