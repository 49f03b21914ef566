// The microscope language's words: filter bands as channels, and numbers read with the planner's one reader of numbers.
import { describe, expect, it } from 'vitest';
import { correctTypos, filterBands, findChannels, spokenNumbers, toNumber } from '../../../src/agent/acquisitionLanguage/words.ts';
describe('filterBands', () => {
  it('reads an emission filter by its centre and width, and the channel whose emission lies in it', () => {
    expect(filterBands('through the 535/30')).toEqual([{ text: '535/30', index: 12, centreNm: 535, widthNm: 30, preset: 'FITC' }]);
    expect(filterBands('FF01-447/60 filter')[0]).toMatchObject({ centreNm: 447, widthNm: 60, preset: 'DAPI' });
    expect(filterBands('the 690/50 nm one')[0].preset).toBe('Cy5');
  });
  it('names no channel for a band that catches none, and skips what is no band', () => {
    expect(filterBands('the 800/20')[0].preset).toBeUndefined();
    expect(filterBands('an exposure of 1/60 s, open 24/7, on 12/05')).toEqual([]);
  });
  it('is one of the ways findChannels reads a channel', () => {
    expect(findChannels('swap the 595/40 for the 535/30').map((c) => c.preset)).toEqual(['Rhodamine', 'FITC']);
  });
});

describe('toNumber', () => {
  it('reads figures, "a", number words and tens with units, by the planner\'s readers', () => {
    expect([toNumber('7'), toNumber('0.25'), toNumber('an'), toNumber('thirteen'), toNumber('sixty-three'), toNumber('eighty four')]).toEqual([7, 0.25, 1, 13, 63, 84]);
    expect(toNumber('plenty')).toBeNaN();
  });

  it('turns amounts said in words before a unit into figures', () => {
    expect(spokenNumbers('wait sixty-three seconds and expose for thirteen ms')).toBe('wait 63 seconds and expose for 13 ms');
    expect(spokenNumbers('two and a half minutes')).toBe('2.5 minutes');
  });
});

describe('commas between numbers', () => {
  it('reads "500,500" as a pair where the writer puts commas between coordinates, else as thousands', async () => {
    const { normaliseText } = await import('../../../src/agent/acquisitionLanguage/words.ts');
    expect(normaliseText('add positions at 0,0 and 500,500')).toBe('add positions at 0,0 and 500,500');
    expect(normaliseText('add a position at 1,500, 200')).toBe('add a position at 1500, 200');
    const { parseAdjustment } = await import('../../../src/agent/acquisitionLanguage/index.ts');
    expect(parseAdjustment('add positions at 0,0 and 500,500', undefined, { positions: 4 })).toEqual([{ kind: 'addPosition', xUm: 0, yUm: 0 }, { kind: 'addPosition', xUm: 500, yUm: 500 }]);
  });
});

describe('a span between time points (brief s54/M)', () => {
  it('is the interval', async () => {
    const { normaliseText } = await import('../../../src/agent/acquisitionLanguage/words.ts');
    expect(normaliseText('I want 2 min between frames')).toBe('I want every 2 min');
    expect(normaliseText('30 s between consecutive time points')).toBe('every 30 s');
  });
});

describe('numbers said in words (stop 55)', () => {
  it('are never corrected into command words', () => {
    expect(correctTypos('set the exposure to fifty ms')).toBe('set the exposure to fifty ms');
  });
  it('are figures where they are the value a setting is put at', () => {
    expect(spokenNumbers('I want the exposure at fifty')).toBe('I want the exposure at 50');
    expect(spokenNumbers('exposure should be twenty, please')).toBe('exposure should be 20, please');
    expect(spokenNumbers('go to two positions')).toBe('go to two positions');
  });
});
