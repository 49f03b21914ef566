// Where to image, in words: z-stacks said with spelled distances, "in total" or "spaced", and several positions by their coordinates.
import { describe, expect, it } from 'vitest';
import { parsePositionList, parseZPlan, spelledDistances } from '../../../src/agent/acquisitionLanguage/space.ts';

describe('distances said in words', () => {
  it('writes fractions and "a micron" as numbers with their unit', () => {
    expect(spelledDistances('9 slices half a micron apart')).toBe('9 slices 0.5 micron apart');
    expect(spelledDistances('steps of a quarter micron')).toBe('steps of 0.25 micron');
    expect(spelledDistances('z range 8 um, steps of a micron')).toBe('z range 8 um, steps of 1 micron');
    expect(spelledDistances('a 10 µm stack')).toBe('a 10 µm stack');
  });
});

describe('z-stacks by range and step, count and step, count over a range', () => {
  it('reads each writing as the same plan', () => {
    expect(parseZPlan('start doing stacks, 6 um total, 1 um spacing')).toEqual({ rangeUm: 6, stepUm: 1 });
    expect(parseZPlan('take 9 slices half a micron apart')).toEqual({ rangeUm: 4, stepUm: 0.5 });
    expect(parseZPlan('I want 11 z planes now, spaced 0.5 µm')).toEqual({ rangeUm: 5, stepUm: 0.5 });
    expect(parseZPlan('z-stack over 12 microns with 7 planes')).toEqual({ rangeUm: 12, stepUm: 2 });
    expect(parseZPlan('more z coverage please: 20 µm')).toMatchObject({ rangeUm: 20 });
    // (the count said as the stack's adjective; a spacing after the stack's word is the step, not the range)
    expect(parseZPlan('add a 5 slice z stack 2 um apart')).toEqual({ rangeUm: 8, stepUm: 2 });
    expect(parseZPlan('a 7-plane stack, 0.5 µm steps')).toEqual({ rangeUm: 3, stepUm: 0.5 });
    expect(parseZPlan('a z stack of 10 µm')).toMatchObject({ rangeUm: 10 });
  });
  it('finds no z-stack in words about something else', () => {
    expect(parseZPlan('image GFP every 5 minutes')).toBeUndefined();
    expect(parseZPlan('add a position at (100, 200)')).toBeUndefined();
  });
});

describe('positions by their coordinates', () => {
  it('reads each pair joined by "and" as one more position', () => {
    expect(parsePositionList('add positions at 100, 200 and 300, 400').map((p) => [p.xUm, p.yUm])).toEqual([[100, 200], [300, 400]]);
    expect(parsePositionList('a position at 1500, -300').map((p) => [p.xUm, p.yUm])).toEqual([[1500, -300]]);
  });
});
