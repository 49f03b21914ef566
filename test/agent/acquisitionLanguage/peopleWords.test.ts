// People's wording of commands to a running acquisition (session 16): lab shorthand, spans said in
// words, courtesy around a request, sentences of context, "for another X, then stop", questions
// worded as requests to be told. Every case is read through the router as the planner calls it.
import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { leadingDurationS, spokenNumbers } from '../../../src/agent/acquisitionLanguage/words.ts';
import { withoutCourtesy } from '../../../src/agent/acquisitionLanguage/sentences.ts';

const earlier = [{ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC' }, { config: 'DAPI' }, { config: 'Rhodamine' }], timePlan: { intervalS: 300, durationS: 43200 } } } }];
const route = (text: string) => routeMicroscopeRequest(text, { acquisitionRunning: true, earlier });
const changes = (text: string) => {
  const r = route(text);
  expect(r?.tool, `${text} → ${JSON.stringify(r)}`).toBe('adjust_acquisition');
  return (r as unknown as { args: { changes: unknown[] } }).args.changes;
};

describe('spans and amounts said in words', () => {
  it.each([
    ['half a second', '0.5 second'],
    ['a quarter of a second', '0.25 second'],
    ['three quarters of an hour', '0.75 hour'],
    ['two and a half minutes', '2.5 minutes'],
    ['an hour and a half', '1.5 hour'],
    ['forty-five minutes', '45 minutes'],
    ['twenty milliseconds', '20 milliseconds'],
    ['for the next hour', 'for 1 hour'],
  ])('%s → %s', (said, figures) => expect(spokenNumbers(said)).toBe(figures));
  it('leaves figures of speech alone', () => {
    expect(spokenNumbers('hold on a second')).toBe('hold on a second');
    expect(spokenNumbers('wait one minute')).toBe('wait one minute');
  });
  it('reads the same span whatever the call (patterns built once)', () => {
    expect(leadingDurationS('1 h 30 min')?.seconds).toBe(5400);
    expect(leadingDurationS('half a second')?.seconds).toBe(0.5);
    expect(leadingDurationS('2 and a half hours')?.seconds).toBe(9000);
    expect(leadingDurationS('xyz')).toBeUndefined();
  });
  it('applies them as values, not as a halving', () => {
    expect(changes('set the GFP exposure to half a second')).toEqual([{ kind: 'exposure', exposureMs: 500, channel: 'FITC' }]);
    expect(changes('change the time between frames to two and a half minutes')).toEqual([{ kind: 'interval', intervalS: 150 }]);
    expect(route('pause for three quarters of an hour')).toEqual({ tool: 'pause_acquisition', args: { forS: 2700 } });
  });
});

describe('lab shorthand', () => {
  it('reads short names, arrows and signs', () => {
    expect(changes('int 10 min')).toEqual([{ kind: 'interval', intervalS: 600 }]);
    expect(changes('488 -> 7%, int 15 min')).toEqual([{ kind: 'power', powerPercent: 7, channel: 'FITC' }, { kind: 'interval', intervalS: 900 }]);
    expect(changes('GFP exp 100ms -> 40ms')).toEqual([{ kind: 'exposure', exposureMs: 40, channel: 'FITC' }]);
    expect(changes('exp 561: 200ms')).toEqual([{ kind: 'exposure', exposureMs: 200, channel: 'Rhodamine' }]);
    expect(changes('run +2h')).toEqual([{ kind: 'extend', extraS: 7200 }]);
    expect(changes('cy5 on pls')).toEqual([{ kind: 'addChannel', channel: 'Cy5' }]);
    expect(changes('no z from now')).toEqual([{ kind: 'zPlan', zPlan: null }]);
    expect(changes('pos 2 out')).toEqual([{ kind: 'dropPosition', position: 'Pos2' }]);
    expect(route('stop after this tp')).toEqual({ tool: 'stop_acquisition', args: { finishTimepoint: true } });
    expect(changes('mCherry exp x2')).toEqual([{ kind: 'exposureFactor', factor: 2, channel: 'Rhodamine' }]);
    expect(changes('GFP power ×0.5')).toEqual([{ kind: 'powerFactor', factor: 0.5, channel: 'FITC' }]);
    expect(changes('1.5 h more please')).toEqual([{ kind: 'extend', extraS: 5400 }]);
    expect(changes('2 more hours')).toEqual([{ kind: 'extend', extraS: 7200 }]);
  });
  it('keeps one timing said twice as one change', () => {
    expect(changes('image faster, every 30 s')).toHaveLength(1);
  });
});

describe('the end of the run', () => {
  it('"for another X, then stop" ends the run X from now', () => {
    expect(changes('image for another 90 minutes, then stop')).toEqual([{ kind: 'endIn', inS: 5400 }]);
    expect(changes('image for 30 more minutes and then end it')).toEqual([{ kind: 'endIn', inS: 1800 }]);
  });
  it('"for another X" alone runs X longer', () => {
    expect(changes('run for another 3 hours')).toEqual([{ kind: 'extend', extraS: 10800 }]);
  });
  it('sets the whole length only when the words say it is the run', () => {
    expect(changes('make it 10 hours instead of 12')).toEqual([{ kind: 'duration', durationS: 36000 }]);
    expect(route('make it 3 min')?.tool).not.toBe('adjust_acquisition');
  });
});

describe('safety of questions and stops', () => {
  it('a question about the end never stops', () => {
    expect(route('at what time does the run end')?.tool).toBe('microscope_status');
    expect(route('what happens if I stop now?')?.tool).toBe('microscope_status');
  });
  it('asking to be told a setting is a question', () => {
    for (const q of ['tell me the interval', 'show me the channel settings', 'check whether the 561 is on', 'Can you tell me what the exposure times are?']) expect(route(q)?.tool, q).toBe('microscope_status');
  });
  it('stops said twice with courtesy are one stop (still confirmed by the tool)', () => {
    expect(route('we need to stop now, abort')?.tool).toBe('stop_acquisition');
  });
  it('a span said without a figure ("for the next hour") is never dropped: the change is made for that long', () => {
    expect(route('switch to every 1 min for the next hour')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 60 }], forS: 3600 } });
  });
  it('a channel stop never stops the run', () => {
    expect(changes('kill the 561 laser')).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }]);
  });
});

describe('courtesy and context around a request', () => {
  it.each([
    ["if it's not too much trouble, could you skip position 1 from now on", 'could you skip position 1 from now on'],
    ['is it possible to add a fourth channel, Cy5?', 'add a fourth channel, Cy5?'],
    ['would you mind dropping the DAPI?', 'drop the DAPI?'],
    ['would you mind pausing for 10 min', 'pause for 10 min'],
    ['I was wondering if we could perhaps go to every 15 minutes', 'go to every 15 minutes'],
  ])('%s → %s', (said, request) => expect(withoutCourtesy(said)).toBe(request));
  it('reads the command among sentences of context', () => {
    expect(route('Media change in a few minutes. Pause for 20 min.')).toEqual({ tool: 'pause_acquisition', args: { forS: 1200 } });
    expect(changes('Hi! So my PI just came in and wants faster imaging around the divisions. Could you change the interval to 2 minutes? Thanks a lot')).toEqual([{ kind: 'interval', intervalS: 120 }]);
  });
  it('a rule whose condition starts with "start" keeps its condition whole', () => {
    const r = route('if the cells start dividing switch to 1 min frames for 20 min') as unknown as { tool: string; args: { rule: { trigger: { kind: string }; action: { intervalS: number }; holdS: number } } };
    expect(r.tool).toBe('add_rule');
    expect(r.args.rule.trigger.kind).toBe('division');
    expect(r.args.rule.action.intervalS).toBe(60);
    expect(r.args.rule.holdS).toBe(1200);
  });
});
