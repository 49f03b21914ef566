// The microscope language reads numbers with the planner's one reader of numbers.
import { describe, expect, it } from 'vitest';
import { spokenNumbers, toNumber } from '../../../src/agent/acquisitionLanguage/words.ts';

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
