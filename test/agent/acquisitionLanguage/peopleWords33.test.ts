// Microscope commands in people's own words (brief s33/B): the past tense tells how a recording was made (never a
// change), "2x per hour" is a rate, "for a day" a duration, a schedule said alone belongs to the channel just added,
// a rule to "image faster" with no figure proposes half the run's interval (and says so), "don't give them more than
// 5 J/cm2" is a dose ceiling no command sets, and an imperative to image channels is a plan to start.
import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { reportsThePast } from '../../../src/agent/acquisitionLanguage/sentences.ts';
import { labShorthand, spokenNumbers } from '../../../src/agent/acquisitionLanguage/words.ts';
import { doseCapRefusal } from '../../../src/agent/acquisitionLanguage/lightLimits.ts';
import { changes, route, threeChannels } from './runningAcquisition.ts';

describe('the past tense', () => {
  it('tells how an earlier recording was made', () => {
    for (const words of ['we imaged every 5 min', 'yesterday we imaged at 10 min intervals and the cells looked happier', 'the movie was recorded every 30 s', 'I acquired GFP every 2 min for 6 h', 'they were imaged at 20 min intervals']) {
      expect(reportsThePast(words), words).toBe(true);
    }
  });

  it('is no report when a command follows it, or when it asks', () => {
    for (const words of ['we imaged every 10 min yesterday, so go to 10 min now', 'we imaged every 5 min before, can you do that again', 'image every 5 min', 'did we image every 5 min?', 'it went out of focus, refocus']) {
      expect(reportsThePast(words), words).toBe(false);
    }
  });

  it('changes nothing while an acquisition runs, and says so', () => {
    const r = route('yesterday we imaged at 10 min intervals and the cells looked happier');
    expect(r?.tool).toBeUndefined();
    expect((r as { ask: string }).ask).toMatch(/changed nothing/);
  });

  it('starts nothing when nothing runs (the words are about the movie)', () => {
    expect(routeMicroscopeRequest('we imaged GFP every 5 min for 8 h')).toBeUndefined();
  });
});

describe('rates and spans in shorthand', () => {
  it('reads "2x per hour" as two time points an hour, never a multiplier', () => {
    expect(labShorthand('dapi 2x per hour')).toBe('dapi 2 times per hour');
    expect(labShorthand('3x a day')).toBe('3 times a day');
    expect(labShorthand('exposure 2x')).toBe('exposure 2x');
    expect(changes('from now on just 2x per hour')).toEqual([{ kind: 'interval', intervalS: 1800 }]);
  });

  it('reads "for a day" as one day', () => {
    expect(spokenNumbers('for a day')).toBe('for 1 day');
    expect(routeMicroscopeRequest('start imaging dapi 2x per hour for a day')).toMatchObject({ tool: 'start_acquisition', args: { plan: { timePlan: { intervalS: 1800, durationS: 86400 } } } });
  });
});

describe('a schedule said alone', () => {
  it('is the schedule of the channel just added', () => {
    expect(changes('add brightfield at 20 ms, every 3rd timepoint')).toEqual([{ kind: 'addChannel', channel: 'Brightfield', exposureMs: 20, acquireEvery: 3 }]);
    expect(changes('add Cy5, only every other frame')).toEqual([{ kind: 'addChannel', channel: 'Cy5', acquireEvery: 2 }]);
  });
});

describe('a rule to image faster with no figure', () => {
  it('proposes half the run interval and says so', () => {
    const r = route('if the cells start dividing, image faster', threeChannels) as unknown as { tool: string; args: { rule: { action: unknown } }; notApplied?: string[] };
    expect(r.tool).toBe('add_rule');
    expect(r.args.rule.action).toEqual({ kind: 'setInterval', intervalS: 150 });
    expect(r.notApplied?.join(' ')).toMatch(/did not say how often.*150 s/);
  });

  it('keeps a figure said', () => {
    const r = route('if the cells start dividing, image every 1 min', threeChannels) as unknown as { args: { rule: { action: unknown } }; notApplied?: string[] };
    expect(r.args.rule.action).toEqual({ kind: 'setInterval', intervalS: 60 });
    expect(r.notApplied).toBeUndefined();
  });
});

describe('a dose ceiling said with a negation', () => {
  it('is refused and said', () => {
    expect(doseCapRefusal("don't give the cells more than 5 j/cm2 in total")).toMatch(/cannot set a light-dose limit/);
    expect(doseCapRefusal('how much dose have they had?')).toBeUndefined();
  });
});

describe('an imperative to image channels at an interval', () => {
  it('is a plan to start, asked about when it lacks a duration', () => {
    const r = routeMicroscopeRequest('image GFP and RFP every 5 min, but not DAPI');
    expect(r).toMatchObject({ start: true });
    expect((r as { ask: string }).ask).toMatch(/how long/i);
  });
});
