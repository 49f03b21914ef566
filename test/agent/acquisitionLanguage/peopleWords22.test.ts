// People's wording of commands to a running acquisition (stop 22), read in general forms, each
// with fresh variants of its class (none of them in an eval file): any part of a time unit ("a
// tenth of a second"); exposures in µs; spans written as a clock (h:min:s); an amount taken off a
// setting ("knock 20% off"); two parts switched off and on joined by "and"; several positions with
// the verb's particle at the end ("take positions 3 and 4 out"); coordinates each with its unit; one
// new position added (never the list replaced); rules asked about with a verb of making in the past;
// a rule by what it watches ("the division one"); another value offered for the one just set.
import { describe, expect, it } from 'vitest';
import type { EarlierStep } from '../../../src/agent/acquisitionLanguage/route.ts';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { asked, changes, fourPositions, route, start, threeChannels, toolOf, withExposures } from './runningAcquisition.ts';

const after = (...steps: Record<string, unknown>[][]): EarlierStep[] => [...threeChannels, ...steps.map((c) => ({ tool: 'adjust_acquisition', args: { changes: c } }))];
const twoRules: EarlierStep[] = [
  ...threeChannels,
  { tool: 'add_rule', args: { rule: { trigger: { kind: 'division' }, action: { kind: 'setInterval', intervalS: 60 } } }, values: { ruleId: 'rule-1' } },
  { tool: 'add_rule', args: { rule: { trigger: { kind: 'cellCount', comparison: 'above', threshold: 100 }, action: { kind: 'setInterval', intervalS: 1200 } } }, values: { ruleId: 'rule-2' } },
];

describe('a part of a time unit', () => {
  it('is that share of the unit, for any part a camera exposure is said in', () => {
    expect(changes('Cy5 exposure a twentieth of a second', fourPositions)).toEqual([{ kind: 'exposure', exposureMs: 50, channel: 'Cy5' }]);
    expect(changes('DAPI exposure two tenths of a second')).toEqual([{ kind: 'exposure', exposureMs: 200, channel: 'DAPI' }]);
    expect(changes('GFP exposure a hundredth of a second')).toEqual([{ kind: 'exposure', exposureMs: 10, channel: 'FITC' }]);
  });
});

describe('an exposure in microseconds', () => {
  it('is in ms', () => {
    expect(changes('GFP exposure 800 us')).toEqual([{ kind: 'exposure', exposureMs: 0.8, channel: 'FITC' }]);
    expect(changes('mCherry exposure 750 microseconds')).toEqual([{ kind: 'exposure', exposureMs: 0.75, channel: 'Rhodamine' }]);
    expect(changes('DAPI exposure to 1500 µs')).toEqual([{ kind: 'exposure', exposureMs: 1.5, channel: 'DAPI' }]);
  });
});

describe('a span written as a clock', () => {
  it('reads h:min:s, and min:s or h:min with their unit', () => {
    expect(changes('interval 0:00:30')).toEqual([{ kind: 'interval', intervalS: 30 }]);
    expect(changes('set the interval to 00:10:00')).toEqual([{ kind: 'interval', intervalS: 600 }]);
    expect(changes('every 1:30 min')).toEqual([{ kind: 'interval', intervalS: 90 }]);
  });
  it('reads a time of day as the end of the run, never a span of that length (stop 37: by the clock, said)', () => {
    // (whenever it runs: 14:30 is always between a minute and a day ahead, the span rounded up; clockTimes37.test.ts pins the clock)
    const [change] = changes('stop at 14:30') as { kind: string; inS: number }[];
    expect(change.kind).toBe('endIn');
    expect(change.inS).toBeGreaterThanOrEqual(60);
    expect(change.inS).toBeLessThanOrEqual(24 * 3600);
    expect(route('stop at 14:30')).toMatchObject({ notApplied: [expect.stringMatching(/^14:30/)] });
  });
});

describe('an amount taken off a setting', () => {
  it('reduces the setting by it, never sets the amount as its value', () => {
    expect(changes('knock 20% off the GFP power')).toEqual([{ kind: 'powerFactor', factor: 0.8, channel: 'FITC' }]);
    expect(changes('shave 10 ms off the DAPI exposure', withExposures)).toEqual([{ kind: 'exposure', exposureMs: 20, channel: 'DAPI' }]);
    expect(changes('take 1 min off the interval')).toEqual([{ kind: 'interval', intervalS: 240 }]);
    expect(changes('take a third off the Hoechst exposure')).toEqual([{ kind: 'exposureFactor', factor: 0.666667, channel: 'DAPI' }]);
  });
});

describe('two parts switched off and on, joined by "and"', () => {
  it('is two changes, neither dropped', () => {
    expect(changes('DAPI off and Cy5 on')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }, { kind: 'addChannel', channel: 'Cy5' }]);
    expect(changes('switch mCherry off and brightfield on')).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }, { kind: 'addChannel', channel: 'Brightfield' }]);
    expect(changes('turn GFP off and the far red on')).toEqual([{ kind: 'dropChannel', channel: 'FITC' }, { kind: 'addChannel', channel: 'Cy5' }]);
  });
});

describe('several positions with the verb\'s particle at the end', () => {
  it('drops each of them, never the run', () => {
    const dropped = (text: string) => (changes(text, fourPositions) as { position: string }[]).map((c) => c.position).sort();
    expect(dropped('take positions 3 and 4 out')).toEqual(['3', '4']);
    expect(dropped('positions 1 and 2 off please')).toEqual(['1', '2']);
    expect(dropped('leave positions 2 and 4 out from now')).toEqual(['2', '4']);
  });
});

describe('a position added by its coordinates', () => {
  it('reads each coordinate with its unit', () => {
    expect(changes('add another stage position at (2000 µm, 350 µm)', fourPositions)).toEqual([{ kind: 'addPosition', xUm: 2000, yUm: 350 }]);
    expect(changes('add a point at (2000um, -350um)', fourPositions)).toEqual([{ kind: 'addPosition', xUm: 2000, yUm: -350 }]);
  });
  it('adds one new position to the list, never replaces the list by it', () => {
    expect(changes('new position x = 1200 µm, y = 800 µm', fourPositions)).toEqual([{ kind: 'addPosition', xUm: 1200, yUm: 800 }]);
  });
});

describe('the rules', () => {
  it('are listed when asked about with a verb of making in the past', () => {
    expect(toolOf('what triggers have you set up?', twoRules)).toBe('list_rules');
    expect(toolOf('list the rules we added', twoRules)).toBe('list_rules');
    expect(toolOf('show me the automations you created', twoRules)).toBe('list_rules');
  });
  it('are removed by what they watch: "the division one"', () => {
    expect(route('delete the mitosis one', twoRules)).toEqual({ tool: 'remove_rule', args: { ruleId: 'rule-1' } });
    expect(route('scrap the cell count one', twoRules)).toEqual({ tool: 'remove_rule', args: { ruleId: 'rule-2' } });
    // (after another change, not only right after the rule)
    const later: EarlierStep[] = [...twoRules, { tool: 'adjust_acquisition', args: { changes: [{ kind: 'power', powerPercent: 5, channel: 'FITC' }] } }];
    expect(route('get rid of the division one', later)).toEqual({ tool: 'remove_rule', args: { ruleId: 'rule-1' } });
  });
});

describe('another value offered for the one just set', () => {
  it('replaces the value, in its unit', () => {
    expect(changes('a bit more, say 70', after([{ kind: 'exposure', exposureMs: 50, channel: 'FITC' }]))).toEqual([{ kind: 'exposure', exposureMs: 70, channel: 'FITC' }]);
    expect(changes('try 40', after([{ kind: 'exposure', exposureMs: 100, channel: 'Rhodamine' }]))).toEqual([{ kind: 'exposure', exposureMs: 40, channel: 'Rhodamine' }]);
    expect(changes('hmm, 2% then', after([{ kind: 'power', powerPercent: 5, channel: 'DAPI' }]))).toEqual([{ kind: 'power', powerPercent: 2, channel: 'DAPI' }]);
  });
});

describe('a count of time points said after its noun', () => {
  it('is the run\'s total number of time points', () => {
    expect(changes('time points 120')).toEqual([{ kind: 'loops', loops: 120 }]);
    expect(changes('number of timepoints = 80')).toEqual([{ kind: 'loops', loops: 80 }]);
    expect(changes('total number of frames: 300')).toEqual([{ kind: 'loops', loops: 300 }]);
  });
  it('reads a plan written as settings', () => {
    const r = routeMicroscopeRequest('MDA: channels Cy5 (40 ms), DAPI (10 ms); time points 50, interval 1 min');
    expect(r).toMatchObject({ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'Cy5', exposureMs: 40 }, { config: 'DAPI', exposureMs: 10 }], timePlan: { intervalS: 60, loops: 50 } } } });
  });
});

describe('the interval by its other names', () => {
  it('reads the spacing, delay or time between time points as the interval (never a spacing in z)', () => {
    expect(changes('time-point spacing 4 min')).toEqual([{ kind: 'interval', intervalS: 240 }]);
    expect(changes('set the delay between frames to 90 s')).toEqual([{ kind: 'interval', intervalS: 90 }]);
    expect(changes('time between consecutive time points: 20 min')).toEqual([{ kind: 'interval', intervalS: 1200 }]);
  });
});

describe('a position added by a pair after its noun', () => {
  it('reads the pair as coordinates when they look like ones', () => {
    expect(changes('add xy position 750, -120', fourPositions)).toEqual([{ kind: 'addPosition', xUm: 750, yUm: -120 }]);
    expect(changes('add a point 2500, 40', fourPositions)).toEqual([{ kind: 'addPosition', xUm: 2500, yUm: 40 }]);
    expect(changes('also image location 12.5, 300', fourPositions)).toEqual([{ kind: 'addPosition', xUm: 12.5, yUm: 300 }]);
  });
});

describe('one channel\'s focus moved', () => {
  const stack = start({ channels: [{ config: 'FITC' }, { config: 'Rhodamine' }, { config: 'Brightfield' }], timePlan: { intervalS: 300, durationS: 43200 }, zPlan: { rangeUm: 10, stepUm: 1 } });
  it('is that channel\'s z offset, never the stage moved for every channel', () => {
    expect(changes('shift the GFP focus up by 0.5 µm', stack)).toEqual([{ kind: 'channelZOffset', channel: 'FITC', zOffsetUm: 0.5 }]);
    expect(changes('move the focus for mCherry down 2 µm', stack)).toEqual([{ kind: 'channelZOffset', channel: 'Rhodamine', zOffsetUm: -2 }]);
    expect(changes('lower the brightfield plane by 1.5 µm', stack)).toEqual([{ kind: 'channelZOffset', channel: 'Brightfield', zOffsetUm: -1.5 }]);
  });
  it('moves the focus when no channel is named', () => {
    expect(changes('shift the focus up by 1 µm', stack)).toEqual([{ kind: 'moveStage', relative: true, zUm: 1 }]);
  });
});

describe('the run going again, said alone', () => {
  it('resumes', () => {
    expect(toolOf('restart acquiring')).toBe('resume_acquisition');
    expect(toolOf('ok, get it going again')).toBe('resume_acquisition');
    expect(toolOf('turn the acquisition back on please')).toBe('resume_acquisition');
  });
});

describe('"go back to" a value right after a change', () => {
  it('is the value just set, corrected', () => {
    expect(changes('too strong, go back to 3', after([{ kind: 'power', powerPercent: 8, channel: 'Rhodamine' }]))).toEqual([{ kind: 'power', powerPercent: 3, channel: 'Rhodamine' }]);
    expect(changes('hmm, back to 40 ms', after([{ kind: 'exposure', exposureMs: 90, channel: 'DAPI' }]))).toEqual([{ kind: 'exposure', exposureMs: 40, channel: 'DAPI' }]);
    expect(changes('too fast, go back to 4 min', after([{ kind: 'interval', intervalS: 60 }]))).toEqual([{ kind: 'interval', intervalS: 240 }]);
  });
});

describe('the run\'s report asked for', () => {
  it('is the status, never an analysis', () => {
    for (const text of ['send me a short recap of the acquisition', 'progress report please', 'where are we with the run?', 'where will the files end up?']) expect(toolOf(text), text).toBe('microscope_status');
  });
});

describe('the end of the run said other ways', () => {
  it('finishes or stops the whole run (a person confirms), never a channel', () => {
    expect(route('finish this experiment now')).toEqual({ tool: 'stop_acquisition', args: { finishTimepoint: true } });
    expect(route('finish the time-lapse please')).toEqual({ tool: 'stop_acquisition', args: { finishTimepoint: true } });
    expect(route('ok, pull the plug')).toEqual({ tool: 'stop_acquisition', args: {} });
  });
});

describe('a share up or down, and a share of the setting as it is', () => {
  it('reads "down by a third", "up by a half"', () => {
    expect(changes('Cy5 laser down by a third', fourPositions)).toEqual([{ kind: 'powerFactor', factor: 0.666667, channel: 'Cy5' }]);
    expect(changes('DAPI exposure up by a half')).toEqual([{ kind: 'exposureFactor', factor: 1.5, channel: 'DAPI' }]);
    expect(changes('every laser down by a quarter')).toEqual([{ kind: 'powerFactor', factor: 0.75 }]);
  });
  it('is a factor of the setting, never the share as its new value (30% of the current power is not 30 %)', () => {
    expect(changes('mCherry laser 30% of the current power')).toEqual([{ kind: 'powerFactor', factor: 0.3, channel: 'Rhodamine' }]);
    expect(changes('GFP exposure to twice what it is now')).toEqual([{ kind: 'exposureFactor', factor: 2, channel: 'FITC' }]);
    expect(changes('reduce the 405 to half its current value')).toEqual([{ kind: 'powerFactor', factor: 0.5, channel: 'DAPI' }]);
  });
});

describe('commands numbered inside one line', () => {
  it('are each read', () => {
    expect(changes('two changes: 1) DAPI off 2) interval 8 min')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }, { kind: 'interval', intervalS: 480 }]);
    expect(changes('please 1) GFP to 4% 2) extend by 2 h')).toEqual([{ kind: 'power', powerPercent: 4, channel: 'FITC' }, { kind: 'extend', extraS: 7200 }]);
  });
  it('leaves coordinates in brackets alone', () => {
    expect(changes('image at (0, 0), (800, 0) and (1600, 0) from now on')[0]).toMatchObject({ kind: 'positions' });
  });
});

describe('the last channel', () => {
  it('is the plan\'s last one', () => {
    expect(changes('drop the last channel')).toEqual([{ kind: 'dropChannel', channel: '3' }]);
    expect(changes('switch off the final channel', fourPositions)).toEqual([{ kind: 'dropChannel', channel: '2' }]);
    expect(changes('last channel exposure 60 ms')).toEqual([{ kind: 'exposure', exposureMs: 60, channel: '3' }]);
  });
});

describe('a proposed rule declined', () => {
  const proposed: EarlierStep[] = [...threeChannels, { tool: 'add_rule', args: { rule: { trigger: { kind: 'division' }, action: { kind: 'setInterval', intervalS: 60 } }, confirm: false }, values: { ruleId: 'rule-1', confirmed: false } }];
  it('stays inactive, said so, and nothing runs', () => {
    for (const text of ['no, don\'t activate it', 'nope', 'please do not enable that rule']) expect(asked(text, proposed), text).toMatch(/rule-1 was not activated/);
  });
});

describe('an event said as the object of an action', () => {
  it('is a rule watching for it', () => {
    expect(route('switch to 40x on any dividing cell')).toMatchObject({ tool: 'add_rule', args: { rule: { trigger: { kind: 'division' }, action: { kind: 'zoom' } } } });
    expect(route('add Cy5 for every mitosis')).toMatchObject({ tool: 'add_rule', args: { rule: { trigger: { kind: 'division' }, action: { kind: 'addChannel', channel: 'Cy5' } } } });
    expect(route('image every 15 s at each division')).toMatchObject({ tool: 'add_rule', args: { rule: { trigger: { kind: 'division' }, action: { kind: 'setInterval', intervalS: 15 } } } });
  });
});

describe('a span said instead of the run\'s current one', () => {
  it('is the new interval or length, by the value it replaces', () => {
    expect(changes('10 min instead of 5')).toEqual([{ kind: 'interval', intervalS: 600 }]);
    expect(changes('let\'s do 90 s instead of 5 min')).toEqual([{ kind: 'interval', intervalS: 90 }]);
    expect(changes('20 h rather than 12')).toEqual([{ kind: 'duration', durationS: 72000 }]);
  });
});

describe('more ways of saying the run goes on, the changes made, a rule\'s hold', () => {
  it('resumes on "imaging back on"', () => {
    expect(toolOf('ok, imaging back on')).toBe('resume_acquisition');
    expect(toolOf('acquisition back on please')).toBe('resume_acquisition');
  });
  it('reports the run when asked what was changed', () => {
    expect(toolOf('what did you change so far?')).toBe('microscope_status');
    expect(toolOf('remind me, what have we adjusted?')).toBe('microscope_status');
  });
  it('holds a rule\'s action "for the next" span', () => {
    expect(route('when a cell divides, image every 20 s for the next 3 min')).toMatchObject({ tool: 'add_rule', args: { rule: { holdS: 180 } } });
    expect(route('if the count goes above 50, image every 1 min over the following 2 hours')).toMatchObject({ tool: 'add_rule', args: { rule: { holdS: 7200 } } });
  });
});

describe('an event said after the action', () => {
  it('is the rule\'s condition, never dropped for a change now', () => {
    expect(route('add DAPI after a division')).toMatchObject({ tool: 'add_rule', args: { rule: { trigger: { kind: 'division' }, action: { kind: 'addChannel', channel: 'DAPI' } } } });
    expect(route('speed up to every 30 s only after the first mitosis')).toMatchObject({ tool: 'add_rule', args: { rule: { trigger: { kind: 'division' }, action: { kind: 'setInterval', intervalS: 30 } } } });
    expect(route('refocus following each division')).toMatchObject({ tool: 'add_rule', args: { rule: { trigger: { kind: 'division' }, action: { kind: 'autofocus' } } } });
  });
});

describe('a channel or position unticked, as in Micro-Manager\'s lists', () => {
  it('is dropped, never the run stopped', () => {
    expect(changes('uncheck Cy5 in the channel list', fourPositions)).toEqual([{ kind: 'dropChannel', channel: 'Cy5' }]);
    expect(changes('untick the 561')).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }]);
    expect(changes('deselect position 2', fourPositions)).toEqual([{ kind: 'dropPosition', position: '2' }]);
  });
});
