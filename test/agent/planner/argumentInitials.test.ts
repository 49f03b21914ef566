// A setting by the initials of the words its argument is described with: "rb 50" is the rolling ball radius.
import { beforeAll, describe, expect, it } from 'vitest';
import { withArgumentInitials } from '../../../src/agent/planner/argumentInitials.ts';
import { argsOf, catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe("an argument's initials", () => {
  it('are read as its words before a number, and nothing else is', () => {
    expect(withArgumentInitials('bg sub rb 50', catalogue)).toBe('bg sub rolling ball radius 50');
    expect(withArgumentInitials('mf 3', catalogue)).toBe('median filter radius 3');
    for (const t of ['at 20 ms', 'sd 2', 'rb then 50', 'every 5 min']) expect(withArgumentInitials(t, catalogue)).toBe(t);
  });
  it('set the step', () => {
    expect(argsOf('bg sub rb 50', 'subtract_background').radiusPx).toBe(50);
  });
});
