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

describe('a value written as the start of its name (brief R2)', () => {
  it('reads "gauss" as gaussian, and no start shared by two values', async () => {
    const { findEnumValue } = await import('../../../src/agent/planner/enums.ts');
    const { ALL_TOOLS } = await import('../../../src/agent/allTools.ts');
    const { catalogueFromTools } = await import('../../../src/agent/planner/catalogue.ts');
    const cat = catalogueFromTools(ALL_TOOLS);
    expect(findEnumValue('denoise', 'method', 'denoise with gauss', cat)).toBe('gaussian');
    expect(findEnumValue('denoise', 'method', 'denoise the movie', cat)).toBeUndefined();
  });
});

describe('a word the tool itself uses is no shortened value (brief R2)', () => {
  it('does not read "noise" as the start of "noise2void"', () => {
    expect(findEnumValue('denoise', 'method', 'remove camera noise', catalogue)).toBeUndefined();
  });
});

describe('four letters of a long value (brief R, stop 14)', () => {
  it('reads "hist" as histogram, but "over" is no "overlap"', () => {
    expect(findEnumValue('plot', 'kind', 'hist of area pls', catalogue)).toBe('histogram');
    expect(findEnumValue('track', 'method', 'link them over the frames', catalogue)).toBeUndefined();
  });
});

describe('the form asked for', () => {
  it('prefers the form asked for after "as" over a value said as a thing ("each track ... as a histogram")', () => {
    expect(findEnumValue('plot', 'kind', 'plot the mean speed of each track as a histogram', catalogue)).toBe('histogram');
    expect(findEnumValue('plot', 'kind', 'plot the tracks as a scatter of speed against area', catalogue)).toBe('scatter');
    // without "as", the first value said stays
    expect(findEnumValue('plot', 'kind', 'plot the tracks', catalogue)).toBe('tracks');
  });
});

describe('a compound joined by a small word', () => {
  it('is said with that word: "frame-by-frame" is no "frame-to-frame" (links)', () => {
    expect(findEnumValue('measure', 'kind', 'give me the frame-by-frame cell count', catalogue)).not.toBe('links');
    expect(findEnumValue('measure', 'kind', 'frame-to-frame speeds of the cells', catalogue)).toBe('links');
  });
});
