// Enum values read from words: a value written as itself beats one reached through the thesaurus; "without X" names no value.
import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { catalogueFromTools } from '../../../src/agent/planner/catalogue.ts';
import { findEnumValue, withoutRejected } from '../../../src/agent/planner/enums.ts';

const catalogue = catalogueFromTools(ALL_TOOLS);

describe('enum values from words', () => {
  it('prefers the value written as itself ("cell migration" is tracks, not objects by "cell")', () => {
    expect(findEnumValue('measure', 'kind', 'analyse cell migration', catalogue)).toBe('tracks');
    expect(findEnumValue('measure', 'kind', 'quantify cell motility', catalogue)).toBe('tracks');
    expect(findEnumValue('measure', 'kind', 'measure the cells', catalogue)).toBe('objects');
  });

  it('reads no value after "without"', () => {
    expect(withoutRejected('measure the nuclei without tracking them')).not.toMatch(/tracking/);
    expect(findEnumValue('measure', 'kind', 'measure the nuclei without tracking them', catalogue)).not.toBe('tracks');
  });
});

describe('values rejected with a word before them (brief R)', () => {
  it('reads "not as csv" and "don\'t use otsu" as rejected values', () => {
    expect(findEnumValue('export', 'format', 'export the tracks, not as csv though, trackmate xml please', catalogue)).toBe('trackmate');
    expect(withoutRejected("don't use otsu")).not.toMatch(/otsu/);
  });
});
