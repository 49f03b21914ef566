// People's wording of commands to a running acquisition (stop 18), read in general forms: every
// figure of a rule's condition read or named (a count of divisions, a span of time), "once more
// than", "after N divisions"; a setting's value as a bare number ("say 60", "exp gfp 60", "lower the
// 488 to 2"), a short span said of a channel is its exposure, "twice as long", "up 15 ms"; rates
// ("3 frames an hour", "twice an hour", "hourly"); channel words ("nuclear channel", "2nd channel");
// a channel paused is dropped; the cells' own pace is no setting; a question form about a setting
// changes nothing; an amount left vague then given ("a bit faster? like every 3 min"); a bare number
// after a drop verb is one of the things the message numbers; "restrict to"; "N more time points";
// "until 24 h"; the interval at a named position; an added position's z.
import { describe, expect, it } from 'vitest';
import { withExposures, fourPositions, route, changes, asked, toolOf } from './runningAcquisition.ts';
import { normaliseText } from '../../../src/agent/acquisitionLanguage/words.ts';


describe('a rule whose condition has a figure no trigger reads', () => {
  it('names a count of divisions and sets nothing up (never a rule on the first division)', () => {
    expect(asked('when 50 cells have divided, stop')).toMatch(/cannot count them up to 50.*nothing was set up/);
    expect(asked('after 10 divisions image every minute')).toMatch(/up to 10/);
  });
  it('names a span of time in a condition (never the change made now); a span alone first is when the change is made', () => {
    // (stop 45: "after 2 hours, <change>" is a change made 2 h from now, by adjust_acquisition's inS)
    expect(route('after 2 hours, go to every 10 min')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 600 }], inS: 7200 } });
    expect(asked('if nothing has divided after 3 hours, stop')).toMatch(/"3 hours"/);
  });
  it('still reads a span then a stop as an end time, and levels with their threshold', () => {
    expect(changes('after 2 hours, stop')).toEqual([{ kind: 'endIn', inS: 7200 }]);
    const r = route('once more than 30 cells are in view, switch to every 2 minutes') as { tool: string; args: { rule: { trigger: unknown; action: unknown } } };
    expect(r.tool).toBe('add_rule');
    expect(r.args.rule.trigger).toEqual({ kind: 'cellCount', comparison: 'above', threshold: 30 });
    expect(r.args.rule.action).toEqual({ kind: 'setInterval', intervalS: 120 });
    expect(toolOf('when a cell divides, image every 30 s for 5 min')).toBe('add_rule');
  });
});

describe('a setting given its value in people\'s forms', () => {
  it('reads a bare number said of an exposure as ms, and of a laser line as %', () => {
    expect(changes('GFP exposure back down a notch, say 60', withExposures)).toEqual([{ kind: 'exposure', exposureMs: 60, channel: 'FITC' }]);
    expect(changes('exp gfp 60')).toEqual([{ kind: 'exposure', exposureMs: 60, channel: 'FITC' }]);
    expect(changes('power gfp 7')).toEqual([{ kind: 'power', powerPercent: 7, channel: 'FITC' }]);
    expect(changes('lower the 488 to 2 and the 561 to 3')).toEqual([
      { kind: 'power', powerPercent: 2, channel: 'FITC' },
      { kind: 'power', powerPercent: 3, channel: 'Rhodamine' },
    ]);
    expect(changes('the red it is too much strong, put the laser at 20')).toEqual([{ kind: 'power', powerPercent: 20, channel: 'Rhodamine' }]);
  });
  it('asks which setting a bare number of a channel is, never guesses', () => {
    expect(asked('GFP to 50')).toMatch(/50 what for FITC\?.*nothing was changed/);
  });
  it('reads a short span said of a channel as its exposure, and "twice as long", "up 15 ms"', () => {
    expect(changes('use 0.08 seconds for the GFP')).toEqual([{ kind: 'exposure', exposureMs: 80, channel: 'FITC' }]);
    expect(changes('give DAPI twice as long', withExposures)).toEqual([{ kind: 'exposureFactor', factor: 2, channel: 'DAPI' }]);
    expect(changes('bump GFP exposure up 15 ms', withExposures)).toEqual([{ kind: 'exposure', exposureMs: 95, channel: 'FITC' }]);
    // (a span with a word of timing is no exposure)
    expect(route('pause for 2 s')?.tool).toBe('pause_acquisition');
  });
});

describe('rates and timing words', () => {
  it('reads a count of time points in a span as the interval', () => {
    expect(changes("Let's go to 3 frames an hour")).toEqual([{ kind: 'interval', intervalS: 1200 }]);
    expect(changes('image twice an hour')).toEqual([{ kind: 'interval', intervalS: 1800 }]);
    expect(changes("let's do hourly imaging")).toEqual([{ kind: 'interval', intervalS: 3600 }]);
  });
  it('reads the whole length and an end a number of time points away', () => {
    expect(changes('run until 24 h')).toEqual([{ kind: 'duration', durationS: 86400 }]);
    expect(changes('end after 100 more frames')).toEqual([{ kind: 'endIn', inS: 30000 }]);
    expect(changes('20 more time points, then stop')).toEqual([{ kind: 'endIn', inS: 6000 }]);
  });
  it('takes an amount left vague and then given as an example as that amount', () => {
    expect(changes('umm, maybe go a bit faster? like every 3 min?')).toEqual([{ kind: 'interval', intervalS: 180 }]);
    expect(asked('lower the 488 a bit; every 5 min')).toMatch(/how much less light/i);
  });
  it('keeps a position named with an interval', () => {
    expect(changes('image position 1 every 2 min', fourPositions)).toEqual([{ kind: 'interval', intervalS: 120, onlyAt: '1' }]);
  });
});

describe('channels and positions in people\'s words', () => {
  it('reads the nuclear channel, an ordinal channel, and a channel paused (never the whole run)', () => {
    expect(changes('image just the nuclear channel and the red from now')).toEqual([{ kind: 'onlyChannels', channels: ['DAPI', 'Rhodamine'] }]);
    expect(changes('drop the 2nd channel')).toEqual([{ kind: 'dropChannel', channel: '2' }]);
    expect(changes('pause the DAPI channel for now')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
    expect(changes('limit imaging to GFP and DAPI')).toEqual([{ kind: 'onlyChannels', channels: ['FITC', 'DAPI'] }]);
  });
  it('reads a bare number after a drop verb as one of the positions the message numbers, and "it" after an observation of one', () => {
    expect(changes('Hi! Position 3 is out of focus and position 4 has a bubble. Drop 4 and refocus.', fourPositions)).toEqual([{ kind: 'dropPosition', position: '4' }, { kind: 'autofocus' }]);
    expect(changes("I think position 2 is dead, let's not image it anymore", fourPositions)).toEqual([{ kind: 'dropPosition', position: '2' }]);
    expect(changes('restrict imaging to position 3', fourPositions)).toEqual([
      { kind: 'dropPosition', position: '4' },
      { kind: 'dropPosition', position: '2' },
      { kind: 'dropPosition', position: '1' },
    ]);
    expect(changes('drop position 2 and 3', fourPositions)).toEqual([{ kind: 'dropPosition', position: '3' }, { kind: 'dropPosition', position: '2' }]);
  });
  it('reads the focus of a position added after its pair', () => {
    expect(changes('add a spot at 100, 200 µm with z 50', fourPositions)).toEqual([{ kind: 'addPosition', xUm: 100, yUm: 200, zUm: 50 }]);
  });
  it('reads the light of the one channel an earlier sentence told, unless all are said', () => {
    expect(changes('the GFP is getting bleached. Please reduce the laser power by half.')).toEqual([{ kind: 'powerFactor', factor: 0.5, channel: 'FITC' }]);
    expect(changes('Cells look stressed. Lower all laser powers by half.')).toEqual([{ kind: 'powerFactor', factor: 0.5 }]);
    expect(changes("That's too much light - go down to 2% on all lasers")).toEqual([{ kind: 'power', powerPercent: 2 }]);
  });
});

describe('questions, remarks and what is not the microscope\'s', () => {
  it('answers a question form about a setting from the run\'s report', () => {
    for (const q of ['how much power is the 561 at', 'are we still doing DAPI every frame?', 'what exposure does mCherry have?', 'what was the last exposure I set?']) expect(toolOf(q), q).toBe('microscope_status');
    // (an imperative "do ..." is no question)
    expect(toolOf('do something about the GFP')).not.toBe('microscope_status');
  });
  it('reads "keep everything the same" as a remark and the cells\' own pace as nothing to set', () => {
    expect(changes("Let's keep everything the same but image every 10 minutes")).toEqual([{ kind: 'interval', intervalS: 600 }]);
    expect(asked('make the cells divide faster')).toMatch(/asks the cells to change.*nothing was changed/);
  });
  it('corrects a last letter typed twice to the word without it', () => {
    expect(normaliseText('intervall 4 min')).toBe('interval 4 min');
  });
});
