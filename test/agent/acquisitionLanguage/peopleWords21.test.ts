// People's wording of commands to a running acquisition (stop 21), read in general forms: a part
// taken out and a command after a comma are two commands ("drop DAPI, set exposure to 30 ms"); one
// stop word over a channel and a position; a share of a setting after "and" is the named channel's;
// "it" after a change of one setting is that setting; an end said at a time into the run is its
// duration; a plane named after "at"/"in"; the loop order said with "before switching"; a clause
// with a number left over read as two commands; wishes and salutations around the command.
import { describe, expect, it } from 'vitest';
import { parseAcquisitionRequest } from '../../../src/agent/acquisitionLanguage/requests.ts';
import type { EarlierStep } from '../../../src/agent/acquisitionLanguage/route.ts';
import { changes, fourPositions, start, threeChannels, toolOf } from './runningAcquisition.ts';

const stackOf3 = start({ channels: [{ config: 'FITC' }, { config: 'Rhodamine' }, { config: 'Brightfield' }], timePlan: { intervalS: 300, durationS: 43200 }, zPlan: { rangeUm: 10, stepUm: 1 } });
const after = (...steps: Record<string, unknown>[][]): EarlierStep[] => [...threeChannels, ...steps.map((c) => ({ tool: 'adjust_acquisition', args: { changes: c } }))];

describe('a part taken out, then a comma, then a command of its own', () => {
  it('is two changes: the drop, and the setting for the channels that remain (never the dropped one)', () => {
    expect(changes('drop DAPI, set exposure to 30 ms')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }, { kind: 'exposure', exposureMs: 30 }]);
    expect(changes('lose mCherry, GFP to 8%')).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }, { kind: 'power', powerPercent: 8, channel: 'FITC' }]);
    expect(changes('remove the Hoechst, exposure 40 ms for the rest')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }, { kind: 'exposure', exposureMs: 40 }]);
  });
  it('drops a channel and a position said after one stop word, never the whole run', () => {
    expect(changes('stop Cy5 and position 3', fourPositions)).toEqual([{ kind: 'dropChannel', channel: 'Cy5' }, { kind: 'dropPosition', position: '3' }]);
    expect(changes('drop position 2 and Cy5', fourPositions)).toEqual([{ kind: 'dropPosition', position: '2' }, { kind: 'dropChannel', channel: 'Cy5' }]);
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
