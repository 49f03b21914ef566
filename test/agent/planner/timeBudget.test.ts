// A limit on how long the work may take ("under 40 min", "within 2 hours") is a budget, never the time between frames:
// no calibration is set from it, and the answer names it as not applied. Time between frames said of frames still is one.
import { beforeAll, describe, expect, it } from 'vitest';
import { withoutTimeBudget } from '../../../src/agent/planner/clauses.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const BUDGETS = ['the whole thing should stay under 40 min', 'keep it within 2 hours', 'it should take no longer than 30 minutes', 'at most 15 min please', 'this has to run in under 1 h'];
const REQUESTS = ['segment and track the nuclei', 'correct the drift then segment the cells', 'measure the area of the nuclei'];

/** Every budget said before and after every request, with a comma. */
export function budgetFamily(): string[] {
  return BUDGETS.flatMap((budget) => REQUESTS.flatMap((request) => [`${request}, ${budget}`, `${budget}, ${request}`]));
}

describe('a time budget', () => {
  it('is blanked from a clause, a time said of frames is not', () => {
    expect(withoutTimeBudget('stay under 40 min').trim()).toBe('');
    expect(withoutTimeBudget('frames under 5 min apart')).toBe('frames under 5 min apart');
    expect(withoutTimeBudget('one frame every 40 min')).toBe('one frame every 40 min');
  });

  it('sets no frame interval and is named as not applied (a generated family of budgets and requests)', () => {
    const family = budgetFamily();
    const calibrated = family.filter((r) => plan(r).steps.some((s) => s.args.frameIntervalS !== undefined));
    expect(calibrated).toEqual([]);
    const silent = family.filter((r) => { const p = plan(r); return p.steps.length > 0 && !(p.notes ?? []).join(' ').match(/\d+\s*(?:min|minutes|hours?|h)\b/); });
    expect(silent).toEqual([]);
  });

  it('still reads the time between frames said of frames', () => {
    expect(plan('track the nuclei, frames are 5 min apart').steps.find((s) => s.args.frameIntervalS !== undefined)?.args.frameIntervalS).toBe(300);
    expect(plan('segment the nuclei, interval 40 min').steps.find((s) => s.args.frameIntervalS !== undefined)?.args.frameIntervalS).toBe(2400);
  });
});
