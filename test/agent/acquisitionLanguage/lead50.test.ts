// The lead's user tries of stop 50 on a running acquisition: the old state a change replaces is no part of it, end idioms.
import { describe, expect, it } from 'vitest';
import { changes, fourPositions, route, withStack } from './runningAcquisition.ts';

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

describe('positions said by the ones excepted', () => {
  it('a verb of dropping keeps the ones after "except"; a verb of imaging drops them', () => {
    expect(changes('drop all positions except 2', fourPositions)).toEqual(['4', '3', '1'].map((position) => ({ kind: 'dropPosition', position })));
    expect(changes('skip every field except 1 and 3', fourPositions)).toEqual(['4', '2'].map((position) => ({ kind: 'dropPosition', position })));
    expect(changes('image all positions but 2', fourPositions)).toEqual([{ kind: 'dropPosition', position: '2' }]);
  });
});

describe('the spacing of the planes and the time resolution, said in a word of their own', () => {
  it('a length given to the slices is their step', () => {
    expect(changes('slices to 0.3 um please', withStack)).toEqual([{ kind: 'zPlan', zPlan: { rangeUm: 5, stepUm: 0.3 } }]);
  });

  it('"temporal resolution" with a span after a comma is the interval', () => {
    expect(changes('we need better temporal resolution, 1 min')).toEqual([{ kind: 'interval', intervalS: 60 }]);
  });
});

describe('a command in a sentence before a question', () => {
  it('is made, and the question answered with it', () => {
    expect(changes('drop GFP. how long is left?')).toEqual([{ kind: 'dropChannel', channel: 'FITC' }, { kind: 'status', about: 'time' }]);
  });

  it('a value the question asks about is not set', () => {
    expect(route('GFP at 5%. is that too much?')?.tool).toBe('dose_report');
  });

  it('one change said twice is made once', () => {
    expect(changes('lose the z, just one plane from now', withStack)).toEqual([{ kind: 'zPlan', zPlan: null }]);
  });
});

describe('more of a running run, said in fresh words', () => {
  it('"move position 2 by 50 um to the right" moves that position', () => {
    expect(changes('move position 2 by 50 um to the right', fourPositions)).toEqual([{ kind: 'moveStage', relative: true, xUm: 50, position: '2' }]);
  });

  it('a span past the planned end makes the run longer, never ends it sooner', () => {
    for (const text of ['keep going for another 2 hours after the planned end', 'run 2 hours past the planned end', 'go on 2 h beyond the end']) {
      expect(changes(text, fourPositions)).toEqual([{ kind: 'extend', extraS: 7200 }]);
    }
  });

  it('"wait," before a command is an interjection; before nothing else it pauses', () => {
    expect(changes('no wait, drop DAPI instead')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
    expect(changes('hold on, add Cy5')).toEqual([{ kind: 'addChannel', channel: 'Cy5' }]);
    expect(route('wait, a sec')?.tool).toBe('pause_acquisition');
    expect(route("hold on, I'm adding the drug")?.tool).toBe('pause_acquisition');
  });
});

describe('an interval said without its unit that no change carries', () => {
  it('is asked about, never dropped', () => {
    const r = route('image position 1 every minute and the rest every 5', fourPositions) as { ask?: string };
    expect(r.ask).toMatch(/but not "every 5"/);
  });
});
