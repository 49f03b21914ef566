// The lead's user tries of stop 50 on a running acquisition: the old state a change replaces is no part of it, end idioms.
import { describe, expect, it } from 'vitest';
import { changes, route, withStack } from './runningAcquisition.ts';

describe('the state a change replaces, said beside it, is no part of the change', () => {
  it.each([
    ['go from single plane to 7 planes, 1 micron step', { rangeUm: 6, stepUm: 1 }],
    ['instead of a single plane take 7 planes 1 um apart', { rangeUm: 6, stepUm: 1 }],
    ['rather than single plane do a 5 slice stack', { rangeUm: 4, stepUm: 1 }],
  ])('%s', (text, zPlan) => {
    expect(changes(text)).toEqual([{ kind: 'zPlan', zPlan }]);
  });

  it('an interval said instead of "every N", and a z length changed from one to another', () => {
    expect(changes('instead of every 5 min do every 2 min')).toEqual([{ kind: 'interval', intervalS: 120 }]);
    expect(changes('increase the stack from 5 um to 10 um', withStack)).toEqual([{ kind: 'zPlan', zPlan: { rangeUm: 10, stepUm: 0.5 } }]);
    expect(changes('change the z range from 5 to 8 microns', withStack)).toEqual([{ kind: 'zPlan', zPlan: { rangeUm: 8, stepUm: 0.5 } }]);
    // (alone, "from 0 to 10 µm" is a z range)
    expect(changes('image from 0 to 10 um in 1 um steps', withStack)).toEqual([{ kind: 'zPlan', zPlan: { belowUm: 0, aboveUm: 10, stepUm: 1 } }]);
  });
});

describe('an end idiom ends the run', () => {
  it.each(['call it a day', "let's call it a night", 'cut it short', 'end it early', 'stop it early, the cells look dead'])('%s', (text) => {
    expect(route(text)?.tool).toBe('stop_acquisition');
  });

  it('"stop it" alone is still asked back (it may be a channel)', () => {
    expect(route('stop it')?.tool).toBeUndefined();
  });
});
