// "when did they divide, and how sure are you?": each division's frame with its daughters' confidence, from the tracks;
// an event's time and certainty are data, never the record of how a step chose.
import { describe, expect, it } from 'vitest';
import type { Tracks } from '../../../src/analysis/tracks.ts';
import { CERTAINTY_ASKED, divisionTimesAnswer } from '../../../src/agent/planner/divisionTimes.ts';
import { asksWhy } from '../../../src/agent/planner/explanations.ts';
import { questionPartsOf } from '../../../src/agent/planner/tableAnswers.ts';

// branch 1 divides into 2 (confidence 0.9) and 3 (0.6) with daughters from frame 5; branch 4 never divides
const branch = (id: number, parent: number, start: number, end: number, confidence?: number) => ({ id, parent, start, end, spotIds: [id], ...(confidence !== undefined ? { confidence } : {}) });
const spot = (id: number, t: number) => ({ id, t, x: 10 * id, y: 0, branchId: id });
const scored = (c: (number | undefined)[]): Tracks => ({ spots: [spot(1, 3), spot(2, 7), spot(3, 7), spot(4, 7)], frames: 8, branches: [branch(1, 0, 0, 3, c[0]), branch(2, 1, 4, 7, c[1]), branch(3, 1, 4, 7, c[2]), branch(4, 0, 0, 7, c[3])] });

describe('the certainty of divisions', () => {
  it('is asked in several wordings', () => {
    for (const q of ['how confident are you in that?', 'with what certainty?', 'are you sure about it', 'how reliable is the timing?']) expect(CERTAINTY_ASKED.test(q), q).toBe(true);
    expect(CERTAINTY_ASKED.test('in which frame did the cell split?')).toBe(false);
  });

  it('is each division with the weaker daughter confidence and the mean over branches', () => {
    const answer = divisionTimesAnswer('when', scored([1, 0.9, 0.6, 0.8]), 'tracks-2', undefined, true);
    expect(answer).toMatch(/frame 5: branch 1 into 2 and 3, confidence 0\.6\b/);
    expect(answer).toMatch(/mean branch confidence 0\.83 over 4 branches/);
    expect(divisionTimesAnswer('first', scored([1, 0.9, 0.6, 0.8]), 'tracks-2', 120, true)).toMatch(/frame 5 \(at 8 min\).*confidence 0\.6\)/);
  });

  it('is said to be unknown for tracks with no confidence, and left out when not asked', () => {
    expect(divisionTimesAnswer('when', scored([undefined, undefined, undefined, undefined]), 'tracks-2', undefined, true)).toMatch(/no confidence recorded.*carry no confidence/);
    expect(divisionTimesAnswer('when', scored([1, 0.9, 0.6, 0.8]), 'tracks-2')).not.toMatch(/confidence/);
  });

  it('is a question about the data, not about how a step chose', () => {
    expect(asksWhy('in what frame did the mitosis occur, and how confident are you?')).toBe(false);
    expect(asksWhy('when did the first cell split? are you sure?')).toBe(false);
    expect(asksWhy('how confident are you about the tracking?')).toBe(true);
  });

  it('is no part of its own beside the time asked', () => {
    expect(questionPartsOf('when did the cells split, and how sure are you about that?')).toBeUndefined();
  });
});
