// Microscope commands by kinds of sentence (brief s35/B): a channel named as the one the run goes on with, beside a
// change of the whole run, is used by that change when it is the only channel left (asked when another is left too);
// the one plane wanted said as a place to go to ("back to a single focal plane") drops the z-stack; "go on until
// <something a trigger watches>" is a rule that stops the run then; a verb of undoing names a light setting by itself
// ("revert the GFP exposure"); one channel paused, dropped or set "for <a span>" is that change for a while; an interval
// and a duration the time plan reads start a time-lapse whatever words said them ("each 5 minute during 2 hour").
import { describe, expect, it } from 'vitest';
import { parseAdjustment, routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { asked, changes, route, start, threeChannels, withStack } from './runningAcquisition.ts';

const greenAndRed = start({ channels: [{ config: 'FITC' }, { config: 'Rhodamine' }], timePlan: { intervalS: 300, durationS: 28800 } });

describe('a channel the run goes on with, beside a change of the whole run', () => {
  it('is used by that change when it is the only channel left', () => {
    for (const words of ['drop the red and do the green every 2 min instead', 'turn off mCherry; image GFP every 2 min instead', 'lose mCherry, keep GFP going at every 2 minutes']) {
      expect(changes(words, greenAndRed), words).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }, { kind: 'interval', intervalS: 120 }]);
    }
    expect(changes('stop mCherry and run GFP for 2 more hours', greenAndRed)).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }, { kind: 'extend', extraS: 7200 }]);
  });

  it('is asked about when another channel is left, which the change would reach too', () => {
    expect(asked('turn off mCherry; image GFP every 2 min instead', threeChannels)).toMatch(/every channel still imaged.*DAPI/);
  });

  it('is asked about when the run\'s channels are not known', () => {
    expect(asked('drop the red and do the green every 2 min instead', [])).toMatch(/green/);
  });
});

describe('the one plane wanted, said as a place to go to', () => {
  it('drops the z-stack', () => {
    for (const words of ['go back to a single focal plane please', 'one optical section is enough from now', 'image at one plane', 'a single z plane is fine', 'no more slices']) {
      expect(changes(words, withStack), words).toEqual([{ kind: 'zPlan', zPlan: null }]);
    }
  });

  it('is never a count of planes changed', () => {
    for (const words of ['add one slice more', 'one more plane please']) {
      let read: unknown[] = [];
      try {
        read = parseAdjustment(words, undefined, { zPlan: { rangeUm: 5, stepUm: 0.5 } });
      } catch {
        // (asked about: no z-stack dropped either)
      }
      expect(read, words).not.toContainEqual({ kind: 'zPlan', zPlan: null });
    }
  });
});

describe('going on until something a trigger watches', () => {
  const ruleOf = (words: string) => {
    const r = route(words);
    expect(r?.tool, words).toBe('add_rule');
    return (r as unknown as { args: { rule: { trigger: unknown; action: unknown }; confirm: boolean } }).args;
  };

  it('is a rule that stops the run then, to confirm', () => {
    expect(ruleOf('keep going until there are more than 300 nuclei, then end it')).toMatchObject({ rule: { trigger: { kind: 'cellCount', comparison: 'above', threshold: 300 }, action: { kind: 'stop' } }, confirm: false });
    expect(ruleOf('carry on till the count drops below 20').rule).toMatchObject({ trigger: { kind: 'cellCount', comparison: 'below', threshold: 20 }, action: { kind: 'stop' } });
    expect(ruleOf('until a cell divides, then stop').rule).toMatchObject({ trigger: { kind: 'division' }, action: { kind: 'stop' } });
    expect(ruleOf('continue imaging until the mean intensity falls below 400, then stop the run').rule).toMatchObject({ trigger: { kind: 'meanIntensity', comparison: 'below', threshold: 400 }, action: { kind: 'stop' } });
  });

  it('is no rule for a clock time, and never a stop now', () => {
    expect(route('keep going until 8 pm')?.tool).not.toBe('add_rule');
    expect(route('keep going until 8 pm')?.tool).not.toBe('stop_acquisition');
    expect(route('keep imaging until I say so')?.tool).not.toBe('stop_acquisition');
  });
});

describe('a verb of undoing with a light setting named', () => {
  const changed = [...start({ channels: [{ config: 'FITC', exposureMs: 60 }, { config: 'Rhodamine', exposureMs: 100 }], timePlan: { intervalS: 300, durationS: 28800 } }), { tool: 'adjust_acquisition', args: { changes: [{ kind: 'exposure', exposureMs: 120, channel: 'FITC' }] } }];

  it('sets the value it had before', () => {
    for (const words of ['hmm, revert the GFP exposure please', 'undo the GFP exposure change', 'restore the gfp exposure', 'roll back the GFP exposure']) {
      expect(changes(words, changed), words).toEqual([{ kind: 'exposure', exposureMs: 60, channel: 'FITC' }]);
    }
  });

  it('says so when that setting was never changed', () => {
    expect(asked('revert the mCherry exposure', changed)).toMatch(/has not been changed/);
  });
});

describe('one channel paused, dropped or set for a span', () => {
  it('is that change for a while, never a new plan nor a part left unread', () => {
    expect(route('pause DAPI for an hour')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropChannel', channel: 'DAPI' }], forS: 3600 } });
    expect(route('switch off the mCherry for 45 minutes, then back on')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropChannel', channel: 'Rhodamine' }], forS: 2700 } });
    expect(route('GFP at 2% for 20 min')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'power', powerPercent: 2, channel: 'FITC' }], forS: 1200 } });
  });

  it('leaves a channel imaged at a new interval for a span asked about (it may be a new plan)', () => {
    expect(route('image GFP every 5 min for 2 h')?.tool).toBeUndefined();
  });
});

describe('an interval and a duration in other words', () => {
  it('start a time-lapse', () => {
    for (const words of ['please make imaging of GFP each 5 minute during 2 hour', 'I want GFP pictures each 5 minutes, during 2 hours']) {
      expect(routeMicroscopeRequest(words, {}), words).toMatchObject({ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC' }], timePlan: { intervalS: 300, durationS: 7200 } } } });
    }
  });
});

type Started = { tool?: string; then?: unknown[]; notApplied?: string[] } | undefined;

describe('a plan to start that goes on until something', () => {
  it('is the plan, then a rule that stops it then, when a trigger watches it', () => {
    const r = routeMicroscopeRequest('image GFP every 2 min for 10 h until there are more than 300 cells', {}) as Started;
    expect(r).toMatchObject({ tool: 'start_acquisition', args: { plan: { timePlan: { intervalS: 120, durationS: 36000 } } } });
    expect(r?.then?.[0]).toMatchObject({ tool: 'add_rule', args: { rule: { trigger: { kind: 'cellCount', comparison: 'above', threshold: 300 }, action: { kind: 'stop' } }, confirm: false } });
    expect((routeMicroscopeRequest('image GFP every 2 min for 10 h, till a cell divides', {}) as Started)?.then?.[0]).toMatchObject({ args: { rule: { trigger: { kind: 'division' }, action: { kind: 'stop' } } } });
  });

  it('names an end no trigger watches, never drops it', () => {
    const r = routeMicroscopeRequest('image GFP every 2 min for 10 h until the cells die', {}) as Started;
    expect(r?.tool).toBe('start_acquisition');
    expect(r?.notApplied?.join(' ')).toMatch(/until the cells die/);
  });
});
