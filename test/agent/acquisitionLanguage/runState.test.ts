// Words read against the running plan (src/agent/acquisitionLanguage/runState.ts and its
// readers in adjustments.ts / space.ts): "skip the next 2 time points", "drop the last
// position", "15 slices instead", "0.25 µm steps instead"; and the relative amounts, typos,
// observations and connectives of tuning-microscope-people-5.
import { describe, expect, it } from 'vitest';
import { parseAcquisitionRequest, parseAdjustment, routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { runStateOf, type StepSeen } from '../../../src/agent/acquisitionLanguage/runState.ts';
import { AmbiguousCommand } from '../../../src/agent/acquisitionLanguage/adjustments.ts';

const started = (text: string): StepSeen => ({ tool: 'start_acquisition', args: { plan: parseAcquisitionRequest(text).sequence } });
const THREE = 'image GFP, DAPI and mCherry every 5 minutes for 12 hours';
const FOUR_POSITIONS = 'image GFP and Cy5 every 10 min for 8 h at 4 positions';
const STACK = 'image GFP and mCherry every 5 min for 6 h with a z-stack of 11 slices 0.5 µm apart';

function route(start: string, text: string, more: StepSeen[] = []) {
  return routeMicroscopeRequest(text, { acquisitionRunning: true, earlier: [started(start), ...more] });
}

const isStart = (s: StepSeen) => s.tool === 'start_acquisition';
const isChange = (s: StepSeen) => s.tool === 'adjust_acquisition';

describe('runStateOf', () => {
  it('replays the plan and the changes since: interval, positions, z plan, channels', () => {
    const state = runStateOf(
      [
        started(FOUR_POSITIONS),
        { tool: 'adjust_acquisition', args: { changes: [{ kind: 'intervalFactor', factor: 0.5 }, { kind: 'dropPosition', position: '2' }, { kind: 'zPlan', zPlan: { planes: 5, stepUm: 2 } }, { kind: 'dropChannel', channel: 'Cy5' }, { kind: 'addChannel', channel: 'DAPI' }] } },
      ],
      isStart,
      isChange,
    );
    expect(state).toEqual({ intervalS: 300, positions: 3, zPlan: { rangeUm: 8, stepUm: 2 }, durationS: 28800, channels: ['FITC', 'DAPI'] });
  });
  it('tells nothing without a start in the conversation', () => {
    expect(runStateOf([], isStart, isChange)).toEqual({});
  });
});

describe('skipping time points is a pause as long as that many intervals', () => {
  const cases: [string, string, number][] = [
    [THREE, "miss out the next two timepoints, I'm changing the medium", 600],
    [THREE, 'skip 4 frames and then carry on as before', 1200],
    [FOUR_POSITIONS, 'leave out the next cycle, someone has the incubator door open', 600],
    [THREE, 'skip the next time point', 300],
  ];
  for (const [start, text, forS] of cases) {
    it(text, () => expect(route(start, text)).toMatchObject({ tool: 'pause_acquisition', args: { forS } }));
  }
  it('after an interval change, the new interval counts', () => {
    expect(route(THREE, 'skip the next 3 frames', [{ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 60 }] } }])).toMatchObject({ tool: 'pause_acquisition', args: { forS: 180 } });
  });
  it('is asked, never guessed, when the interval is not known', () => {
    expect(() => parseAdjustment('skip the next 2 time points')).toThrow(AmbiguousCommand);
  });
  it('a channel skipped every other frame is no pause', () => {
    expect(parseAdjustment('skip GFP every other frame')).toEqual([{ kind: 'acquireEvery', channel: 'FITC', every: 2 }]);
  });
});

describe('positions by first, last or ordinal', () => {
  const cases: [string, string][] = [
    ['get rid of the final position, it drifted off the cells', '4'],
    ['remove last xy point', '4'],
    ['drop the first stage position', '1'],
    ['stop imaging the last position', '4'],
  ];
  for (const [text, position] of cases) {
    it(text, () => expect(route(FOUR_POSITIONS, text)).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropPosition', position }] } }));
  }
  it('"the last" counts the positions added since the start', () => {
    expect(route(FOUR_POSITIONS, 'drop the last position', [{ tool: 'adjust_acquisition', args: { changes: [{ kind: 'addPosition', xUm: 10, yUm: 10 }] } }])).toMatchObject({ args: { changes: [{ kind: 'dropPosition', position: '5' }] } });
  });
  it('"the last" is asked when the number of positions is not known', () => {
    expect(() => parseAdjustment('drop the last position')).toThrow(/which position is the last/);
  });
  it('where the stage is now is added with no coordinates (the microscope reads them, and refuses one of the run\'s own positions)', () => {
    expect(route(FOUR_POSITIONS, 'add where the stage is now as a new position')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'addPosition' }] } });
  });
});

describe('a z-stack said in part keeps the rest of the running one', () => {
  const cases: [string, unknown][] = [
    ['can we have 15 slices instead of 11', { rangeUm: 7, stepUm: 0.5 }],
    ['go for 0.25 µm spacing in z instead', { rangeUm: 5, stepUm: 0.25 }],
    ['use 1 µm steps instead', { rangeUm: 5, stepUm: 1 }],
    ['take 7 slices, 1.5 um apart', { rangeUm: 9, stepUm: 1.5 }],
  ];
  for (const [text, zPlan] of cases) {
    it(text, () => expect(route(STACK, text)).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'zPlan', zPlan }] } }));
  }
  it('a µm step with no z-stack running and no z word is no z-stack', () => {
    expect(route(THREE, 'use 1 µm steps instead')).not.toMatchObject({ args: { changes: [{ kind: 'zPlan' }] } });
  });
});

describe('a multiplier goes to the setting it is said of', () => {
  const cases: [string, unknown][] = [
    ['half the interval', { kind: 'intervalFactor', factor: 0.5 }],
    ['cut the frame rate in half', { kind: 'intervalFactor', factor: 2 }],
    ['double the imaging frequency', { kind: 'intervalFactor', factor: 0.5 }],
    ['triple the gap between frames', { kind: 'intervalFactor', factor: 3 }],
    ['increase the frame rate 3x', { kind: 'intervalFactor', factor: 0.333333 }],
    ['halve the GFP exposure time', { kind: 'exposureFactor', factor: 0.5, channel: 'FITC' }],
    ['five times more 488 power', { kind: 'powerFactor', factor: 5, channel: 'FITC' }],
    ['Could you increase the time resolution to 1 min?', { kind: 'interval', intervalS: 60 }],
  ];
  for (const [text, change] of cases) it(text, () => expect(parseAdjustment(text)).toEqual([change]));
});

describe('several clauses: connectives, observations, a pause that ends by itself', () => {
  it('"Drop DAPI. Also speed up to every 2 min." is both changes ("speed" is no verb of an observation)', () => {
    expect(route(THREE, 'Drop DAPI. Also speed up to every 2 min.')).toMatchObject({ args: { changes: [{ kind: 'dropChannel', channel: 'DAPI' }, { kind: 'interval', intervalS: 120 }] } });
  });
  it('an observation beside the command names what "its" is', () => {
    expect(parseAdjustment('GFP looks dim; increase its exposure to 150 ms and keep everything else')).toEqual([{ kind: 'exposure', exposureMs: 150, channel: 'FITC' }]);
  });
  it('"Pause for 5 min. Then resume automatically." is one pause of 5 min', () => {
    expect(parseAdjustment('Pause for 5 min. Then resume automatically.')).toEqual([{ kind: 'pause', forS: 300 }]);
  });
  it('"resume in 20 minutes" after a break is the length of the pause', () => {
    expect(parseAdjustment('give them a break and resume in 20 minutes')).toEqual([{ kind: 'pause', forS: 1200 }]);
  });
  it('slips of typing in command words are read through', () => {
    expect(parseAdjustment('chanege the intervall to 4 min')).toEqual([{ kind: 'interval', intervalS: 240 }]);
  });
});

describe('words not understood while imaging run nothing and say so', () => {
  it('"do the thing with the laser" is asked back in one line', () => {
    const r = route(THREE, 'do the thing with the laser');
    expect(r?.tool).toBeUndefined();
    expect(r && 'ask' in r ? r.ask : '').toMatch(/nothing was changed/);
    expect((r && 'ask' in r ? r.ask : '').split('\n')).toHaveLength(1);
  });
  it('an amount without a number is asked, and heard as a command', () => {
    expect(route(THREE, 'a little quicker please')).toMatchObject({ ask: expect.stringMatching(/how much/i), command: true });
  });
  it('a dose question is no command to refuse', () => {
    const r = route(THREE, 'light dose per channel pls');
    expect(r && 'ask' in r).toBeFalsy();
  });
});

describe('second batch: spans, vague light, channels with values of their own, rules that name a channel', () => {
  it('"every minute and a half" is 90 s', () => expect(parseAdjustment('image every minute and a half')).toEqual([{ kind: 'interval', intervalS: 90 }]));
  it('shortening by a span takes it off the planned duration', () => {
    expect(route(THREE, 'cut the run short by 3 hours')).toMatchObject({ args: { changes: [{ kind: 'duration', durationS: 32400 }] } });
    expect(route(THREE, 'end it 1 h earlier')).toMatchObject({ args: { changes: [{ kind: 'duration', durationS: 39600 }] } });
  });
  it('shortening is asked when the plan is not known', () => expect(() => parseAdjustment('shorten the experiment by 2 h')).toThrow(AmbiguousCommand));
  it('"only 2 more hours" ends the run 2 h from now; "until 100 frames" is the number of time points', () => {
    expect(parseAdjustment('I only need 2 more hours of imaging')).toEqual([{ kind: 'endIn', inS: 7200 }]);
    expect(parseAdjustment('run until 100 frames')).toEqual([{ kind: 'loops', loops: 100 }]);
  });
  it('less light without an amount is asked; a pause or less light is asked when it could be either', () => {
    expect(() => parseAdjustment('ease up on the green')).toThrow(/how much less light on FITC/);
    expect(() => parseAdjustment('the cells look fried, turn everything down')).toThrow(/how much less light/);
    expect(() => parseAdjustment('lay off it for a while')).toThrow(/a pause or less light/);
    expect(parseAdjustment('back off the 488 by 20%')).toEqual([{ kind: 'powerFactor', factor: 0.8, channel: 'FITC' }]);
  });
  it('channels each with a value of their own are one change each; one value for several channels goes to each', () => {
    expect(parseAdjustment('Can you do the GFP at 2% and the mCherry at 4%?')).toEqual([{ kind: 'power', powerPercent: 2, channel: 'FITC' }, { kind: 'power', powerPercent: 4, channel: 'Rhodamine' }]);
    expect(parseAdjustment('DAPI 20 ms, mCherry 80 ms please')).toEqual([{ kind: 'exposure', exposureMs: 20, channel: 'DAPI' }, { kind: 'exposure', exposureMs: 80, channel: 'Rhodamine' }]);
    expect(parseAdjustment('set the 488 and 561 to 5%')).toEqual([{ kind: 'power', powerPercent: 5, channel: 'FITC' }, { kind: 'power', powerPercent: 5, channel: 'Rhodamine' }]);
    expect(parseAdjustment('drop mCherry and DAPI')).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }, { kind: 'dropChannel', channel: 'DAPI' }]);
  });
  it('a rule whose action stops one channel is refused, never a rule that stops the run', () => {
    const r = route(THREE, 'stop imaging GFP when its signal falls under 100');
    expect(r?.tool).toBeUndefined();
    expect(r && 'ask' in r ? r.ask : '').toMatch(/cannot stop imaging one channel/);
    expect(route(THREE, 'if the mCherry intensity goes over 3000, stop')).toMatchObject({ tool: 'add_rule', args: { rule: { action: { kind: 'stop' } } } });
  });
  it('a pause with one span in figures lasts that long', () => expect(parseAdjustment("pause imaging till I'm back, about 15 min")).toEqual([{ kind: 'pause', forS: 900 }]));
  it('"put the interval back to what it was" after a change', () => {
    expect(route(THREE, 'put the interval back to what it was', [{ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 120 }] } }])).toMatchObject({ args: { changes: [{ kind: 'interval', intervalS: 300 }] } });
  });
});

describe('third batch: nothing running yet', () => {
  const idle = (text: string) => routeMicroscopeRequest(text, { acquisitionRunning: false });
  it('a whole plan and a rule in one message: the start, then the rule to confirm', () => {
    expect(idle('image 488 every 5 min for 12 h and stop if more than 300 cells')).toMatchObject({
      tool: 'start_acquisition',
      args: { plan: { channels: [{ config: 'FITC' }], timePlan: { intervalS: 300, durationS: 43200 } } },
      then: [{ tool: 'add_rule', args: { confirm: false, rule: { trigger: { kind: 'cellCount', comparison: 'above', threshold: 300 }, action: { kind: 'stop' } } } }],
    });
    expect(idle('image GFP every 10 min for 4 h; if a cell divides, image every 1 min for 10 min')).toMatchObject({ tool: 'start_acquisition', then: [{ tool: 'add_rule', args: { rule: { trigger: { kind: 'division' }, action: { kind: 'setInterval', intervalS: 60 }, holdS: 600 } } }] });
  });
  it('a start at a time of day is asked, nothing started', () => {
    const r = idle('image FITC every 3 min for 2 h starting at 10 pm');
    expect(r?.tool).toBeUndefined();
    expect(r && 'ask' in r ? r.ask : '').toMatch(/10 pm.*nothing was started/);
  });
  it('a z-stack with a channel and a verb of taking images is one time point of it', () => {
    expect(idle('take a z-stack of GFP: 21 slices at 0.5 µm')).toMatchObject({ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC' }], zPlan: { rangeUm: 10, stepUm: 0.5 } } } });
  });
  it('"what objectives are there?" is the microscope\'s question', () => expect(idle('what objectives are there?')).toMatchObject({ tool: 'microscope_status', sure: true }));
  it('"m cherry" and "m-Cherry" are mCherry', () => expect(parseAdjustment('m cherry 150 ms at 5%')).toEqual([{ kind: 'power', powerPercent: 5, channel: 'Rhodamine' }, { kind: 'exposure', exposureMs: 150, channel: 'Rhodamine' }]));
});

describe('dyes by trade name', () => {
  const cases: [string, string][] = [
    ['turn off SiR-DNA', 'Cy5'],
    ['remove the TxRed', 'Rhodamine'],
    ['drop the Alexa Fluor 568 channel', 'Rhodamine'],
    ['drop the Cy3', 'Rhodamine'],
    ['switch off the venus', 'FITC'],
  ];
  for (const [text, channel] of cases) it(text, () => expect(parseAdjustment(text)).toEqual([{ kind: 'dropChannel', channel }]));
  it('Cy3 is not Cy5', () => expect(parseAdjustment('drop Cy5')).toEqual([{ kind: 'dropChannel', channel: 'Cy5' }]));
});
