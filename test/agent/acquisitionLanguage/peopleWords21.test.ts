// People's wording of commands to a running acquisition (stop 21), read in general forms: a part
// taken out and a command after a comma are two commands ("drop DAPI, set exposure to 30 ms"); one
// stop word over a channel and a position; a share of a setting after "and" is the named channel's;
// "it" after a change of one setting is that setting; an end said at a time into the run is its
// duration; a plane named after "at"/"in"; the loop order said with "before switching"; a clause
// with a number left over read as two commands; wishes and salutations around the command.
import { describe, expect, it } from 'vitest';
import { parseAcquisitionRequest } from '../../../src/agent/acquisitionLanguage/requests.ts';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import type { EarlierStep } from '../../../src/agent/acquisitionLanguage/route.ts';
import { asked, changes, fourPositions, route, start, threeChannels, toolOf } from './runningAcquisition.ts';

const stackOf3 = start({ channels: [{ config: 'FITC' }, { config: 'Rhodamine' }, { config: 'Brightfield' }], timePlan: { intervalS: 300, durationS: 43200 }, zPlan: { rangeUm: 10, stepUm: 1 } });
const after = (...steps: Record<string, unknown>[][]): EarlierStep[] => [...threeChannels, ...steps.map((c) => ({ tool: 'adjust_acquisition', args: { changes: c } }))];

describe('a part taken out, then a comma, then a command of its own', () => {
  it('is two changes: the drop, and the setting for the channels that remain (never the dropped one)', () => {
    expect(changes('drop DAPI, set exposure to 30 ms')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }, { kind: 'exposure', exposureMs: 30 }]);
    expect(changes('lose mCherry, GFP to 8%')).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }, { kind: 'power', powerPercent: 8, channel: 'FITC' }]);
    expect(changes('remove the Hoechst, exposure 40 ms for the rest')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }, { kind: 'exposure', exposureMs: 40 }]);
  });
  it('reads the drop after the comma too, and "no <channel>" as a drop', () => {
    expect(changes('GFP exposure 50 ms, DAPI off')).toEqual([{ kind: 'exposure', exposureMs: 50, channel: 'FITC' }, { kind: 'dropChannel', channel: 'DAPI' }]);
    expect(changes('no DAPI from now, GFP 20 ms')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }, { kind: 'exposure', exposureMs: 20, channel: 'FITC' }]);
    expect(changes('no DAPI anymore')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
  });
  it('drops a channel and a position said after one stop word, never the whole run', () => {
    expect(changes('stop Cy5 and position 3', fourPositions)).toEqual([{ kind: 'dropChannel', channel: 'Cy5' }, { kind: 'dropPosition', position: '3' }]);
    expect(changes('drop position 2 and Cy5', fourPositions)).toEqual([{ kind: 'dropPosition', position: '2' }, { kind: 'dropChannel', channel: 'Cy5' }]);
  });
  it('asks when a channel or its setting is said for one position only (never applied at every position)', () => {
    expect(asked('cancel Cy5 at position 2', fourPositions)).toMatch(/not Cy5 at position 2 only.*nothing was changed/);
    expect(asked('GFP to 5% at position 2', fourPositions)).toMatch(/not at position 2 only.*nothing was changed/);
    // (the interval can differ between positions)
    expect(changes('every 5 min at position 4 only, others unchanged', fourPositions)).toEqual([{ kind: 'interval', intervalS: 300, onlyAt: '4' }]);
  });
});

describe('a share of a setting after "and"', () => {
  it('is that setting of the one channel named before, not of every channel', () => {
    expect(changes('DAPI to 1% and half the exposure')).toEqual([{ kind: 'power', powerPercent: 1, channel: 'DAPI' }, { kind: 'exposureFactor', factor: 0.5, channel: 'DAPI' }]);
    expect(changes('GFP 50 ms and double the power')).toEqual([{ kind: 'exposure', exposureMs: 50, channel: 'FITC' }, { kind: 'powerFactor', factor: 2, channel: 'FITC' }]);
    // (after a drop, the share is of the channels that remain)
    expect(changes('drop DAPI and double the power')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }, { kind: 'powerFactor', factor: 2 }]);
  });
});

describe('"it" right after a change of one setting of one channel', () => {
  it('is that setting, so a bare number is in its unit', () => {
    expect(changes('hmm, lower it to 60', after([{ kind: 'exposure', exposureMs: 100, channel: 'Rhodamine' }]))).toEqual([{ kind: 'exposure', exposureMs: 60, channel: 'Rhodamine' }]);
    expect(changes('raise it to 8', after([{ kind: 'power', powerPercent: 5, channel: 'FITC' }]))).toEqual([{ kind: 'power', powerPercent: 8, channel: 'FITC' }]);
  });
});

describe('the run\'s timing changed by a span', () => {
  it('adds the span to the interval said, or to the run', () => {
    expect(changes('increase the interval by 5 min')).toEqual([{ kind: 'interval', intervalS: 600 }]);
    expect(changes('add 5 min to the interval')).toEqual([{ kind: 'interval', intervalS: 600 }]);
    expect(changes('make the interval 30 s shorter')).toEqual([{ kind: 'interval', intervalS: 270 }]);
    expect(changes('lengthen the experiment by 4h')).toEqual([{ kind: 'extend', extraS: 14400 }]);
    expect(changes('all channels 50 ms')).toEqual([{ kind: 'exposure', exposureMs: 50 }]);
  });
});

describe('an end said at a time into the run', () => {
  it('is the run\'s total duration, never a stop now', () => {
    expect(changes('wrap up at the 8 h mark')).toEqual([{ kind: 'duration', durationS: 28800 }]);
    expect(changes('end the run at 9 hours in')).toEqual([{ kind: 'duration', durationS: 32400 }]);
    expect(changes('stop at hour 6')).toEqual([{ kind: 'duration', durationS: 21600 }]);
    expect(toolOf('stop the acquisition')).toBe('stop_acquisition');
  });
});

describe('planes and loop order in other words', () => {
  it('reads a plane named after "at"/"in", and a single slice placed in the stack, as one plane of that channel', () => {
    expect(changes('only acquire the GFP at the mid plane', stackOf3)).toEqual([{ kind: 'channelStack', channel: 'FITC', doStack: false }]);
    expect(changes('bf: single slice in the middle', stackOf3)).toEqual([{ kind: 'channelStack', channel: 'Brightfield', doStack: false }]);
    expect(changes('centre slice for mCherry please', stackOf3)).toEqual([{ kind: 'channelStack', channel: 'Rhodamine', doStack: false }]);
    // (the stack taken out for one channel is that channel's, never the stack of all)
    expect(changes('take the stack out for mCherry', stackOf3)).toEqual([{ kind: 'channelStack', channel: 'Rhodamine', doStack: false }]);
    expect(changes('take the stack out', stackOf3)).toEqual([{ kind: 'zPlan', zPlan: null }]);
  });
  it('reads what is done whole "before switching" as the inner loop', () => {
    expect(changes('acquire all the slices for GFP before switching channel', stackOf3)).toEqual([{ kind: 'axisOrder', axisOrder: 'tpgcz' }]);
    expect(changes('image every channel before moving to the next plane', stackOf3)).toEqual([{ kind: 'axisOrder', axisOrder: 'tpgzc' }]);
  });
  it('reads a count joined to what it counts ("a 7-slice stack at 2 µm")', () => {
    expect(parseAcquisitionRequest('record GFP every 2 min for 4 hours with a 7-slice stack at 2 µm').sequence.zPlan).toEqual({ rangeUm: 12, stepUm: 2 });
  });
});

describe('a clause with a number left over', () => {
  it('is read as two commands joined by "and" when each carries its own numbers', () => {
    expect(changes('For the remainder of the experiment, 561 nm exposure should be 50 ms and images taken every 10 min.')).toEqual([{ kind: 'exposure', exposureMs: 50, channel: 'Rhodamine' }, { kind: 'interval', intervalS: 600 }]);
  });
});

describe('the words around a command in an email', () => {
  it('reads the command after a salutation and a wish ("we\'d like the acquisition to ...", "a further")', () => {
    expect(changes("Dear facility, we'd like the acquisition to continue for a further 6 h. Thank you")).toEqual([{ kind: 'extend', extraS: 21600 }]);
    expect(changes('Dear Anna, please drop DAPI. Best, Tom')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
  });
});

describe('rules said other ways', () => {
  const oneRule: EarlierStep[] = [...threeChannels, { tool: 'add_rule', args: { rule: { trigger: { kind: 'division' }, action: { kind: 'setInterval', intervalS: 60 } } }, values: { ruleId: 'rule-1' } }];
  const twoRules: EarlierStep[] = [...oneRule, { tool: 'add_rule', args: { rule: { trigger: { kind: 'cellCount', comparison: 'above', threshold: 100 }, action: { kind: 'setInterval', intervalS: 1200 } } }, values: { ruleId: 'rule-2' } }];
  it('reads an event as a noun after "in case of" and "once a" as a condition, never the action now', () => {
    expect(toolOf('in case of division, add mCherry for 5 frames')).toBe('add_rule');
    expect(toolOf('once a mitosis happens, image every 30 sec for 10 min')).toBe('add_rule');
    expect(changes('image once a minute')).toEqual([{ kind: 'interval', intervalS: 60 }]);
  });
  it('removes "the one about divisions", and asks before changing a rule (never the run\'s own setting)', () => {
    expect(route('turn off the one about divisions', twoRules)).toEqual({ tool: 'remove_rule', args: { ruleId: 'rule-1' } });
    expect(asked('actually change that rule to every 2 min', oneRule)).toMatch(/cannot change a rule in place.*remove rule-1/);
  });
  it('starts a plan and proposes its rule said after "then"', () => {
    const r = routeMicroscopeRequest('image GFP every 5 min for 12 h at 3 positions then stop if there are more than 500 cells', {}) as { tool: string; then?: { tool: string }[] };
    expect(r.tool).toBe('start_acquisition');
    expect(r.then?.map((s) => s.tool)).toEqual(['add_rule']);
  });
});

describe('channels and questions in other words', () => {
  it('names a dye no channel images, and never leaves it out of the plan', () => {
    const r = routeMicroscopeRequest('time lapse of CFP and YFP every 2 min, 1 h', {}) as { ask?: string };
    expect(r.ask).toMatch(/^CFP is imaged by no channel.*nothing was started/);
    expect(asked('add mTurquoise')).toMatch(/mTurquoise is imaged by no channel.*nothing was changed/);
    expect((routeMicroscopeRequest('image H2B-GFP every 5 min for 2 h', {}) as { tool?: string }).tool).toBe('start_acquisition');
  });
  it('reads a channel as a label with a stop word for its value, and an exposure number before the channel', () => {
    expect(changes('mCherry: stop')).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }]);
    expect(changes('exposure to 35 for GFP')).toEqual([{ kind: 'exposure', exposureMs: 35, channel: 'FITC' }]);
  });
  it('answers the time that remains and problems so far from the run\'s report', () => {
    expect(toolOf('how much time remains')).toBe('microscope_status');
    expect(toolOf('any problems so far?')).toBe('microscope_status');
    // (a question about the cells is the data's)
    expect(toolOf('how many divisions so far?')).toBeUndefined();
  });
});

describe('a share said of something other than light', () => {
  it('scales the z-stack\'s step, planes or range (never the light)', () => {
    expect(changes('half the z step', stackOf3)).toEqual([{ kind: 'zPlan', zPlan: { rangeUm: 10, stepUm: 0.5 } }]);
    expect(changes('double the number of slices', stackOf3)).toEqual([{ kind: 'zPlan', zPlan: { rangeUm: 10, stepUm: 0.5 } }]);
    expect(changes('halve the z range', stackOf3)).toEqual([{ kind: 'zPlan', zPlan: { rangeUm: 5, stepUm: 1 } }]);
    expect(asked('half the z step')).toMatch(/no z-stack.*nothing was changed/);
  });
  it('scales the run\'s length, and asks about positions, channels or everything (never a doubling of the light)', () => {
    expect(changes('run twice as long')).toEqual([{ kind: 'duration', durationS: 86400 }]);
    expect(asked('double the number of positions', fourPositions)).toMatch(/cannot apply "double" to the positions/);
    expect(asked('double everything')).toMatch(/cannot apply "double" to the everything|cannot apply "double"/);
    expect(changes('double the power')).toEqual([{ kind: 'powerFactor', factor: 2 }]);
  });
  it('reads milliseconds by their other spellings', () => {
    expect(changes('GFP exp 50msecs')).toEqual([{ kind: 'exposure', exposureMs: 50, channel: 'FITC' }]);
    expect(changes('DAPI 20 millis')).toEqual([{ kind: 'exposure', exposureMs: 20, channel: 'DAPI' }]);
  });
});

describe('going on, going back and saying it again', () => {
  it('resumes for "we can carry on now", "restart the time-lapse", "stop the pause", and pauses with "pls"', () => {
    expect(toolOf('we can carry on now')).toBe('resume_acquisition');
    expect(toolOf('restart the time-lapse')).toBe('resume_acquisition');
    expect(toolOf('stop the pause')).toBe('resume_acquisition');
    expect(route('pls pause 20min, changing media')).toEqual({ tool: 'pause_acquisition', args: { forS: 1200 } });
  });
  it('keeps a channel said to stay unchanged out of the change', () => {
    expect(changes('Per our discussion: exposure for 488 reduced to 40 ms, 561 unchanged, interval 8 min.')).toEqual([{ kind: 'exposure', exposureMs: 40, channel: 'FITC' }, { kind: 'interval', intervalS: 480 }]);
  });
  it('takes a bare value after a vague amount as that amount, for the channel named', () => {
    expect(changes('Could you possibly lower the blue laser a bit? Like 1%?')).toEqual([{ kind: 'power', powerPercent: 1, channel: 'DAPI' }]);
  });
  it('reads "no wait, make that 2%", "same again" and "go back to how it was" after a change', () => {
    expect(changes('no wait, make that 2%', after([{ kind: 'power', powerPercent: 5, channel: 'FITC' }]))).toEqual([{ kind: 'power', powerPercent: 2, channel: 'FITC' }]);
    expect(changes('same again', after([{ kind: 'exposureFactor', factor: 0.5, channel: 'FITC' }]))).toEqual([{ kind: 'exposureFactor', factor: 0.5, channel: 'FITC' }]);
    expect(changes('hmm, go back to how it was', after([{ kind: 'interval', intervalS: 600 }]))).toEqual([{ kind: 'interval', intervalS: 300 }]);
    expect(changes('go back to every 5 min')).toEqual([{ kind: 'interval', intervalS: 300 }]);
  });
});

describe('lists and questions', () => {
  it('drops every channel of a list after one stop word', () => {
    // (with a fourth channel imaged: every channel of the run dropped is a stop, asked back since stop 41)
    const fourChannels = start({ channels: [{ config: 'FITC' }, { config: 'DAPI' }, { config: 'Rhodamine' }, { config: 'Cy5' }], timePlan: { intervalS: 300, durationS: 43200 } });
    expect(changes('drop DAPI, GFP and mCherry', fourChannels)).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }, { kind: 'dropChannel', channel: 'FITC' }, { kind: 'dropChannel', channel: 'Rhodamine' }]);
    expect(asked('drop DAPI, GFP and mCherry')).toMatch(/stop the acquisition/);
  });
  it('answers frames to go, bleaching so far and the current z step, and sets "the current interval" when given a value', () => {
    expect(toolOf('how many frames to go')).toBe('microscope_status');
    expect(toolOf('how much have we bleached so far?')).toBe('dose_report');
    expect(toolOf('current z step?', stackOf3)).toBe('microscope_status');
    expect(changes('set the current interval to 10 min')).toEqual([{ kind: 'interval', intervalS: 600 }]);
  });
});

describe('how often at one position, and one tile', () => {
  it('sets the interval at the one position a direction is said of (never every position), asked without an amount to go by', () => {
    expect(changes('image position 3 more often, every 2 min', fourPositions)).toEqual([{ kind: 'interval', intervalS: 120, onlyAt: '3' }]);
    expect(changes('image pos 2 twice as often', fourPositions)).toEqual([{ kind: 'interval', intervalS: 300, onlyAt: 'Pos2' }]);
    expect(changes('image faster, every 30 s')).toEqual([{ kind: 'interval', intervalS: 30 }]);
  });
  it('reads one tile as no grid', () => {
    expect(changes('make it a single tile again', fourPositions)).toEqual([{ kind: 'grid', grid: null }]);
  });
});
