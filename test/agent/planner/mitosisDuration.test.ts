// The length of mitosis or of its stages is not measured: said so, never answered with the tracks' durations.
import { beforeAll, describe, expect, it } from 'vitest';
import { mitosisDurationAsked } from '../../../src/agent/planner/mitosisDuration.ts';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('how long mitosis takes', () => {
  it('is read in the ways people ask it', () => {
    expect(mitosisDurationAsked('how long does mitosis take on average?')).toBe('mitosis');
    expect(mitosisDurationAsked("what's the duration of metaphase?")).toBe('metaphase');
    expect(mitosisDurationAsked('how long are cells in anaphase')).toBe('anaphase');
    expect(mitosisDurationAsked('how long does a division take')).toBe('division');
    expect(asSaid.plan('find out how long mitosis takes').steps).toEqual([]);
  });
  it('is no question of the cell cycle, of division times or of the tracks', () => {
    for (const q of ['how long is the cell cycle?', 'when do the cells divide?', 'how long do the tracks last?', 'what is the division rate?']) expect(mitosisDurationAsked(q), q).toBeUndefined();
  });
  it('runs nothing and says what is measured instead', () => {
    const plan = asSaid.plan('how long does mitosis take on average?');
    expect(plan.steps).toEqual([]);
    expect(plan.reply).toMatch(/^Not measured: how long mitosis takes/);
    expect(plan.reply).toMatch(/detect_divisions/);
  });
});
