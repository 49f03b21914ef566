// People's wording of commands to a running acquisition (stop 20), read in general forms: a stop
// of the whole run for a span is a pause that long ("halt imaging for half an hour"); a rate said
// as a count in so many units ("frame rate 1 per 10 min"); "N times as often"; two commands
// joined by "and" with a verb of their own ("... and stretch the interval to 10 min"); rules by
// their other names ("automatic triggers"); "overnight" with the span that says how long.
import { describe, expect, it } from 'vitest';
import { parseAcquisitionRequest, timeSpans } from '../../../src/agent/acquisitionLanguage/requests.ts';
import { changes, fourPositions, route, toolOf } from './runningAcquisition.ts';

describe('a stop of the whole run said for a while', () => {
  it('pauses for the span said, never stops', () => {
    expect(route('can you halt imaging for half an hour while I add nocodazole?')).toEqual({ tool: 'pause_acquisition', args: { forS: 1800 } });
    expect(route('halt imaging for 30 min')).toEqual({ tool: 'pause_acquisition', args: { forS: 1800 } });
    expect(toolOf('stop imaging for a bit')).toBe('pause_acquisition');
  });
  it('reads a stop verb with an amount of light as the light changed, never a stop', () => {
    expect(changes('the cells look stressed, cut the light in half')).toEqual([{ kind: 'powerFactor', factor: 0.5 }]);
    expect(changes('cut the power by 30%')).toEqual([{ kind: 'powerFactor', factor: 0.7 }]);
    expect(toolOf('cut the light')).toBeUndefined();
  });
  it('still stops when no span is said, and ends at a span said with "after"', () => {
    expect(toolOf('stop the acquisition')).toBe('stop_acquisition');
    expect(changes('stop after 2 h')).toEqual([{ kind: 'endIn', inS: 7200 }]);
  });
});

describe('timing in people\'s forms', () => {
  it('reads a rate as a count in so many units, and "N times as often"', () => {
    expect(changes('frame rate 1 per 10 min')).toEqual([{ kind: 'interval', intervalS: 600 }]);
    expect(changes('image 3 times as often')).toEqual([{ kind: 'intervalFactor', factor: 0.333333 }]);
    expect(changes('image 2x as slowly')).toEqual([{ kind: 'intervalFactor', factor: 2 }]);
  });
  it('reads two commands joined by "and" when the second has a verb of its own', () => {
    expect(changes('lower the mCherry laser to 4% and stretch the interval to 10 min')).toEqual([{ kind: 'power', powerPercent: 4, channel: 'Rhodamine' }, { kind: 'interval', intervalS: 600 }]);
  });
  it('reads "another N frames" said with a verb of going on as the end that many intervals from now', () => {
    expect(changes('run for another 30 frames')).toEqual([{ kind: 'endIn', inS: 9000 }]);
    expect(changes('keep going another 20 time points')).toEqual([{ kind: 'endIn', inS: 6000 }]);
  });
  it('takes "overnight" as 12 h only when no span says how long', () => {
    expect(timeSpans('an overnight mda: gfp/cy5, every 20 min, 14 hours')).toEqual({ intervalS: 1200, durationS: 50400 });
    expect(timeSpans('image gfp every 10 min overnight')).toEqual({ intervalS: 600, durationS: 43200 });
  });
});

describe('rules by their other names', () => {
  it('lists the rules asked about as triggers or automations', () => {
    expect(toolOf('which automatic triggers are set?')).toBe('list_rules');
    expect(toolOf('any automations running?')).toBe('list_rules');
  });
});

describe('a rule whose event is said as a noun after "on" or "upon"', () => {
  it('is a rule (never the action done now with its condition dropped)', () => {
    const r = route('on division zoom in with the 40x') as { tool: string; args: { rule: { trigger: unknown; action: unknown } } };
    expect(r.tool).toBe('add_rule');
    expect(r.args.rule.trigger).toEqual({ kind: 'division' });
    expect(r.args.rule.action).toEqual({ kind: 'zoom', objective: '40X' });
    expect(toolOf('upon mitosis, image every 30 s for 10 min')).toBe('add_rule');
    expect(toolOf('at the division, stop')).toBe('add_rule');
  });
  it('reads a condition and its action written with an arrow as a rule, never the action now', () => {
    expect(toolOf('trigger: division -> interval 20 s for 10 frames')).toBe('add_rule');
    expect((route('count > 100 → stop') as unknown as { args: { rule: { trigger: unknown } } }).args.rule.trigger).toEqual({ kind: 'cellCount', comparison: 'above', threshold: 100 });
    expect(changes('GFP -> 5%')).toEqual([{ kind: 'power', powerPercent: 5, channel: 'FITC' }]);
  });
  it('leaves other words after "on" to the other readers', () => {
    expect(changes('on position 2, stop', fourPositions)).toEqual([{ kind: 'dropPosition', position: '2' }]);
  });
});

describe('an exposure said as a bare number before the power', () => {
  it('reads both, never drops the exposure', () => {
    expect(changes('set the 488 exposure to 50 and power to 5%')).toEqual([{ kind: 'power', powerPercent: 5, channel: 'FITC' }, { kind: 'exposure', exposureMs: 50, channel: 'FITC' }]);
    expect(changes('bump 488 to 10')).toEqual([{ kind: 'power', powerPercent: 10, channel: 'FITC' }]);
  });
});

describe('a plan to start in people\'s forms', () => {
  it('gives each channel its own exposure and power said together ("GFP 100ms 10%, mCherry 200ms 20%")', () => {
    const plan = parseAcquisitionRequest('timelapse: GFP 100ms 10%, mCherry 200ms 20%, every 5 min, 6 hours').sequence;
    expect(plan.channels).toEqual([{ config: 'FITC', exposureMs: 100, powerPercent: 10 }, { config: 'Rhodamine', exposureMs: 200, powerPercent: 20 }]);
  });
  it('gives a value said in a part of its own after one channel to that channel; a list of channels before it shares it', () => {
    expect(parseAcquisitionRequest('GFP + brightfield, 1 frame every 5 min, 10 hours, brightfield at 20 ms').sequence.channels).toEqual([{ config: 'FITC' }, { config: 'Brightfield', exposureMs: 20 }]);
    expect(parseAcquisitionRequest('image GFP and mCherry every 5 min for 2 h, mCherry 100 ms').sequence.channels).toEqual([{ config: 'FITC' }, { config: 'Rhodamine', exposureMs: 100 }]);
    expect(parseAcquisitionRequest('image GFP, mCherry at 100 ms, every 5 min for 2 h').sequence.channels).toEqual([{ config: 'FITC', exposureMs: 100 }, { config: 'Rhodamine', exposureMs: 100 }]);
  });
  it('reads a count of planes and a distance after it as their step ("21 planes 0.5 µm")', () => {
    expect(parseAcquisitionRequest('image GFP, interval 2 minutes, duration 3 hours, z-stack 21 planes 0.5 µm').sequence.zPlan).toEqual({ rangeUm: 10, stepUm: 0.5 });
  });
  it('carries a channel imaged every Nth time point, or asks which channel (never drops it)', () => {
    const plan = parseAcquisitionRequest('image GFP every 10 min for 12 h, brightfield only every 6th frame');
    expect(plan.sequence.channels).toEqual([{ config: 'FITC' }, { config: 'Brightfield', acquireEvery: 6 }]);
    expect(plan.understood).toMatch(/Brightfield only every 6 time points/);
    expect(() => parseAcquisitionRequest('image GFP and DAPI every 10 min for 2 h, every other frame')).toThrow(/for which channel.*nothing was started/);
  });
});

describe('a request taken back', () => {
  it('changes nothing and says so (never asks whether to stop)', () => {
    expect(route('forget it')).toEqual({ ask: 'OK, I changed nothing.' });
    expect(route('oh, never mind')).toEqual({ ask: 'OK, I changed nothing.' });
    expect(changes('forget the DAPI')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
  });
});

describe('several commands in one message', () => {
  it('splits at a comma before a verb that only commands, and never gives one channel\'s value to another', () => {
    expect(changes('drop DAPI, set GFP to 30 ms')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }, { kind: 'exposure', exposureMs: 30, channel: 'FITC' }]);
    expect(changes('lower the 488, set it to 2%')).toEqual([{ kind: 'power', powerPercent: 2, channel: 'FITC' }]);
  });
  it('reads a numbered list, "and" set off by commas, and "and" before a value of a setting', () => {
    expect(changes('Dear team, please (1) drop DAPI, (2) set GFP to 30 ms and (3) image every 10 min. Cheers')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }, { kind: 'exposure', exposureMs: 30, channel: 'FITC' }, { kind: 'interval', intervalS: 600 }]);
    expect(changes('reduce the 488 nm laser from 10% to 5%, and, if possible, also extend the time-lapse by 3 h')).toEqual([{ kind: 'power', powerPercent: 5, channel: 'FITC' }, { kind: 'extend', extraS: 10800 }]);
    expect(changes('For the remaining time please use 2 min intervals and 40 ms exposure for GFP.')).toEqual([{ kind: 'interval', intervalS: 120 }, { kind: 'exposure', exposureMs: 40, channel: 'FITC' }]);
  });
});

