// People's wording of commands to a running acquisition (stop 17): settings written as lists or
// key=value, amounts added to or taken off a setting, a setting put back, verbs of a share
// ("quarter"), a power without its % sign, channel names with figures (Cy5), positions kept or
// dropped by range, z by slices, the interval at one position and one channel's own rate, "keep
// going but ...", an observation before a comma, a channel wished away, spans told in an earlier
// sentence, and several questions at once. Every case is read through the router as the planner calls it.
import { describe, expect, it } from 'vitest';
import { threeChannels, withExposures, fourPositions, withStack, route, changes, asked } from './runningAcquisition.ts';
import type { EarlierStep } from '../../../src/agent/acquisitionLanguage/route.ts';
import { asClauses } from '../../../src/agent/acquisitionLanguage/words.ts';


describe('settings written as a list or as key=value', () => {
  it('reads each line or setting as a clause of its own', () => {
    expect(asClauses('- interval: 10 min\n- DAPI: off')).toBe('interval: 10 min; DAPI: off');
    expect(asClauses('gfp_exposure=40ms')).toBe('gfp exposure=40ms');
    expect(changes('- interval: 10 min\n- DAPI: off')).toEqual([{ kind: 'interval', intervalS: 600 }, { kind: 'dropChannel', channel: 'DAPI' }]);
    expect(changes('interval=3min; gfp_exposure=40ms')).toEqual([{ kind: 'interval', intervalS: 180 }, { kind: 'exposure', exposureMs: 40, channel: 'FITC' }]);
  });
});

describe('an amount added to or taken off an exposure', () => {
  it('is reckoned from the exposure the conversation tells, never set to the amount', () => {
    expect(changes('give GFP 20 ms more exposure', withExposures)).toEqual([{ kind: 'exposure', exposureMs: 100, channel: 'FITC' }]);
    expect(changes('take 10 ms off the DAPI exposure', withExposures)).toEqual([{ kind: 'exposure', exposureMs: 20, channel: 'DAPI' }]);
    expect(changes('increase the GFP exposure by 20 ms', withExposures)).toEqual([{ kind: 'exposure', exposureMs: 100, channel: 'FITC' }]);
    expect(changes('add 20 ms to the GFP exposure', withExposures)).toEqual([{ kind: 'exposure', exposureMs: 100, channel: 'FITC' }]);
  });
  it('asks when the exposure now is not known', () => {
    expect(asked('give GFP 20 ms more exposure')).toMatch(/do not know the FITC exposure now.*nothing was changed/);
  });
  it('still reads an absolute exposure and a channel added with its exposure', () => {
    expect(changes('GFP exposure 50 ms', withExposures)).toEqual([{ kind: 'exposure', exposureMs: 50, channel: 'FITC' }]);
    expect(changes('add Cy5 at 200 ms')).toEqual([{ kind: 'addChannel', channel: 'Cy5', exposureMs: 200 }]);
  });
});

describe('a setting put back', () => {
  const changed: EarlierStep[] = [...withExposures, { tool: 'adjust_acquisition', args: { changes: [{ kind: 'exposure', exposureMs: 60, channel: 'DAPI' }] } }];
  it('restores the value the channel had before', () => {
    expect(changes('hmm no, put the DAPI exposure back to what it was', changed)).toEqual([{ kind: 'exposure', exposureMs: 30, channel: 'DAPI' }]);
    expect(changes('put it back', changed)).toEqual([{ kind: 'exposure', exposureMs: 30, channel: 'DAPI' }]);
    expect(changes('undo that', changed)).toEqual([{ kind: 'exposure', exposureMs: 30, channel: 'DAPI' }]);
  });
  it('says so when the setting was never changed', () => {
    expect(asked('GFP exposure back to the original', changed)).toMatch(/has not been changed: it is still 80 ms/);
  });
  it('a channel dropped is still added back', () => {
    expect(changes('put it back', [...threeChannels, { tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropChannel', channel: 'DAPI' }] } }])).toEqual([{ kind: 'addChannel', channel: 'DAPI' }]);
  });
});

describe('light in other words', () => {
  it('reads "quarter" as a share, a bare number of power as %, and channel names with figures', () => {
    expect(changes('quarter the GFP power')).toEqual([{ kind: 'powerFactor', factor: 0.25, channel: 'FITC' }]);
    expect(changes('EGFP laser power at 8 please')).toEqual([{ kind: 'power', powerPercent: 8, channel: 'FITC' }]);
    expect(changes('crank the cy5 laser to max', fourPositions)).toEqual([{ kind: 'power', powerPercent: 100, channel: 'Cy5' }]);
    expect(asked('lower the cy5 a bit', fourPositions)).toMatch(/how much less light/i);
  });
  it('an observation before the comma does not give the direction', () => {
    expect(changes('the GFP is way too dim, give it 3x the exposure')).toEqual([{ kind: 'exposureFactor', factor: 3, channel: 'FITC' }]);
  });
  it('a frame rate said with a slash', () => {
    expect(changes('1 frame/10 min')).toEqual([{ kind: 'interval', intervalS: 600 }]);
  });
});

describe('positions kept or dropped', () => {
  /** The list after dropping, one change after the other, as the microscope applies them (a number is the place in the list now). */
  const remaining = (drops: { position: string }[]) => drops.reduce((names, d) => names.filter((_, i) => i !== Number(d.position) - 1), ['Pos0', 'Pos1', 'Pos2', 'Pos3']);
  it('"only the second one" drops every other position, last first so each number still means the same one', () => {
    const c = changes('only image the second position from now', fourPositions) as { kind: string; position: string }[];
    expect(c.every((x) => x.kind === 'dropPosition')).toBe(true);
    expect(remaining(c)).toEqual(['Pos1']);
    expect(remaining(changes('drop positions 1 and 3', fourPositions) as { position: string }[])).toEqual(['Pos1', 'Pos3']);
  });
  it('a range of positions', () => {
    expect(remaining(changes('remove positions 1-3', fourPositions) as { position: string }[])).toEqual(['Pos3']);
  });
  it('a position the run does not have is asked about', () => {
    expect(asked('only position 7', fourPositions)).toMatch(/4 positions: there is no position 7/);
  });
  it('the interval at one position only', () => {
    expect(changes('image position 2 every minute, leave the others as they are', fourPositions)).toEqual([{ kind: 'interval', intervalS: 60, onlyAt: '2' }]);
  });
});

describe('one channel at a rate of its own', () => {
  it('is that channel every Nth time point of the run', () => {
    expect(changes('DAPI just once an hour, the rest as is')).toEqual([{ kind: 'acquireEvery', channel: 'DAPI', every: 12 }]);
    expect(asked('DAPI every 7 min, the rest as is')).toMatch(/every Nth time point/);
  });
});

describe('z by slices', () => {
  it('reads a count of slices and the distance after it, a range from-to, and more or fewer slices', () => {
    expect(changes('z stack: 21 slices, 0.25 um')).toEqual([{ kind: 'zPlan', zPlan: { rangeUm: 5, stepUm: 0.25 } }]);
    expect(changes('add z: from -3 to +3 um, step 0.5')).toEqual([{ kind: 'zPlan', zPlan: { belowUm: 3, aboveUm: 3, stepUm: 0.5 } }]);
    expect(changes('fewer slices please, 5 is enough', withStack)).toEqual([{ kind: 'zPlan', zPlan: { rangeUm: 2, stepUm: 0.5 } }]);
  });
});

describe('clauses', () => {
  it('"keep going but ..." is the change; an explicit resume is kept', () => {
    expect(changes('Keep going but add another hour at the end.')).toEqual([{ kind: 'extend', extraS: 3600 }]);
    expect(changes('resume and then drop DAPI')).toEqual([{ kind: 'resume' }, { kind: 'dropChannel', channel: 'DAPI' }]);
  });
  it('a channel wished away is dropped, never the run', () => {
    expect(changes("please don't stop the run, I only want the DAPI gone")).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
  });
  it('"until then" is the span an earlier sentence told', () => {
    expect(route("I'll be back in half an hour. Pause until then.")).toEqual({ tool: 'pause_acquisition', args: { forS: 1800 } });
    expect(route('we do pause of 15 minutes now')).toEqual({ tool: 'pause_acquisition', args: { forS: 900 } });
  });
  it('several questions change nothing', () => {
    expect(route("what's the GFP power, and should I lower it?")?.tool).toBe('dose_report');
    expect(route('is DAPI on? and how long is left?')?.tool).toBe('microscope_status');
  });
  it('short slips and the lab short name of autofocus', () => {
    expect(route('paus 10 min')).toEqual({ tool: 'pause_acquisition', args: { forS: 600 } });
    expect(changes('run AF now please')).toEqual([{ kind: 'autofocus' }]);
    expect(route('show me the plan')?.tool).toBe('microscope_status');
  });
});

describe('forms of figures and units', () => {
  it('reads "1h30", "from A to B", "pct", an arrow between two intervals and "N min frames"', () => {
    expect(route('pause for 1h30')).toEqual({ tool: 'pause_acquisition', args: { forS: 5400 } });
    expect(changes('reduce the DAPI laser from 20% to 10%')).toEqual([{ kind: 'power', powerPercent: 10, channel: 'DAPI' }]);
    expect(changes('change the interval from 5 to 10 min')).toEqual([{ kind: 'interval', intervalS: 600 }]);
    expect(changes('power 488 10 pct')).toEqual([{ kind: 'power', powerPercent: 10, channel: 'FITC' }]);
    expect(changes('every 5 mins → every 15 mins')).toEqual([{ kind: 'interval', intervalS: 900 }]);
    expect(changes("let's do 2 min frames")).toEqual([{ kind: 'interval', intervalS: 120 }]);
  });
  it('"@" is at; thinner or finer slices are the step, never the range', () => {
    expect(changes('z: 7 planes @ 1.5 µm')).toEqual([{ kind: 'zPlan', zPlan: { rangeUm: 9, stepUm: 1.5 } }]);
    expect(changes('thinner slices, 0.2 um', withStack)).toEqual([{ kind: 'zPlan', zPlan: { rangeUm: 5, stepUm: 0.2 } }]);
  });
  it('a z range from-to is still a range', () => {
    expect(changes('add a z stack from 0 to 10 µm, 1 µm steps')).toEqual([{ kind: 'zPlan', zPlan: { belowUm: 0, aboveUm: 10, stepUm: 1 } }]);
  });
});

describe('channels on and off in other words', () => {
  it('"take X out" drops it; "switch X on with 100 ms" adds it with its exposure', () => {
    expect(changes('take DAPI out of the acquisition')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
    expect(changes('switch Cy5 on with 100ms')).toEqual([{ kind: 'addChannel', channel: 'Cy5', exposureMs: 100 }]);
  });
});

describe('conditions and questions said another way', () => {
  it('"should the count exceed 300, end the experiment" is a rule, never a stop now', () => {
    const r = route('should the count exceed 300, end the experiment');
    expect(r?.tool).toBe('add_rule');
    expect(JSON.stringify(r)).toMatch(/"cellCount".*300|300.*"cellCount"/);
  });
  it('advice and state questions change nothing', () => {
    expect(route('should we lower the power?')?.tool).toBe('dose_report');
    expect(route('should I stop?')?.tool).toBe('microscope_status');
    expect(route('is DAPI on or off')?.tool).toBe('microscope_status');
    expect(route('how long till the next frame')?.tool).toBe('microscope_status');
    expect(route('did the rule fire?')?.tool).toBe('list_rules');
  });
});

describe('an old value before the new one, and every Nth frame of the whole run', () => {
  it('"488 power 3 -> 6" sets 6, never 3; a wavelength before the arrow is still the channel', () => {
    expect(changes('488 power 3 -> 6')).toEqual([{ kind: 'power', powerPercent: 6, channel: 'FITC' }]);
    expect(changes('488 -> 5%')).toEqual([{ kind: 'power', powerPercent: 5, channel: 'FITC' }]);
    expect(changes('up the power on 561 to 25')).toEqual([{ kind: 'power', powerPercent: 25, channel: 'Rhodamine' }]);
  });
  it('"image every other time point" is the interval doubled; with a channel it is that channel only', () => {
    expect(changes('image every other time point')).toEqual([{ kind: 'intervalFactor', factor: 2 }]);
    expect(changes('skip every other frame')).toEqual([{ kind: 'intervalFactor', factor: 2 }]);
    expect(changes('mCherry every 3rd frame')).toEqual([{ kind: 'acquireEvery', channel: 'Rhodamine', every: 3 }]);
  });
});

describe('courtesy, wishes and context around a command', () => {
  it('reads the command inside them', () => {
    expect(changes('Sorry to bother, but could the interval be 10 min rather than 5?')).toEqual([{ kind: 'interval', intervalS: 600 }]);
    expect(changes("it'd be great if the exposure on GFP were 60ms")).toEqual([{ kind: 'exposure', exposureMs: 60, channel: 'FITC' }]);
    expect(changes('my boss wants DAPI gone')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
    expect(changes("we'd rather not image DAPI any more")).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
    expect(changes("there's no point imaging position 3 anymore")).toEqual([{ kind: 'dropPosition', position: '3' }]);
    expect(changes('GFP to 10%, rather 5%')).toEqual([{ kind: 'power', powerPercent: 5, channel: 'FITC' }]);
  });
  it('a value of light with no channel is for the one channel an earlier sentence told', () => {
    expect(changes("I think we're overexposing the GFP. Can we try 50 ms?")).toEqual([{ kind: 'exposure', exposureMs: 50, channel: 'FITC' }]);
    expect(changes('GFP looks dim. 200 ms please.')).toEqual([{ kind: 'exposure', exposureMs: 200, channel: 'FITC' }]);
    expect(changes('The cells look stressed. Halve the light.')).toEqual([{ kind: 'powerFactor', factor: 0.5 }]);
  });
});
