import { describe, expect, it } from 'vitest';
import { describeRule, parseAcquisitionRequest, parseAdjustment, parseRule, routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { normaliseText } from '../../../src/agent/acquisitionLanguage/words.ts';
import { adjustmentSchema } from '../../../src/microscope/adjustment.ts';
import { parseSequence } from '../../../src/microscope/sequence.ts';
import { InputError } from '../../../src/errors.ts';

describe('parseAcquisitionRequest', () => {
  const cases: [string, { channels: string[]; intervalS?: number; durationS?: number; loops?: number; exposureMs?: number; powerPercent?: number; zRangeUm?: number; zStepUm?: number; objective?: string }][] = [
    ['image GFP and DAPI every 5 minutes for 12 hours', { channels: ['FITC', 'DAPI'], intervalS: 300, durationS: 43200 }],
    ['Image gfp every 30 s for 2 h', { channels: ['FITC'], intervalS: 30, durationS: 7200 }],
    ['take mCherry and brightfield images every minute for an hour', { channels: ['Rhodamine', 'Brightfield'], intervalS: 60, durationS: 3600 }],
    ['acquire the 488 channel at 50 ms and 10% power every 10 seconds, 100 frames', { channels: ['FITC'], intervalS: 10, loops: 100, exposureMs: 50, powerPercent: 10 }],
    ['image DAPI every 2 min for 1.5 hours with a 10 µm z-stack at 1 µm steps', { channels: ['DAPI'], intervalS: 120, durationS: 5400, zRangeUm: 10, zStepUm: 1 }],
    ['record Cy5 every 15 min overnight', { channels: ['Cy5'], intervalS: 900, durationS: 43200 }],
    ['time-lapse of far red and GFP every 2 minutes for 3 hours', { channels: ['Cy5', 'FITC'], intervalS: 120, durationS: 10800 }],
    ['image H2B-GFP every 1 min 30 s for 45 minutes', { channels: ['FITC'], intervalS: 90, durationS: 2700 }],
    ['image tdTomato every 20 seconds for half an hour', { channels: ['Rhodamine'], intervalS: 20, durationS: 1800 }],
    ['snap GFP and DAPI 5 time points', { channels: ['FITC', 'DAPI'], loops: 5 }],
    ['image mCherry with the 40x every 3 min for 90 minutes', { channels: ['Rhodamine'], intervalS: 180, durationS: 5400, objective: '40X' }],
  ];
  for (const [text, want] of cases) {
    it(text, () => {
      const { sequence, understood, objective } = parseAcquisitionRequest(text);
      expect(objective).toBe(want.objective);
      const seq = parseSequence(sequence);
      expect(seq.channels.map((c) => c.config)).toEqual(want.channels);
      const plan = seq.timePlan as Record<string, number> | undefined;
      if (want.intervalS !== undefined) expect(plan?.intervalS).toBeCloseTo(want.intervalS);
      if (want.durationS !== undefined) expect(plan?.durationS).toBeCloseTo(want.durationS);
      if (want.loops !== undefined) expect(plan?.loops).toBe(want.loops);
      if (want.exposureMs !== undefined) expect(seq.channels[0].exposureMs).toBe(want.exposureMs);
      if (want.powerPercent !== undefined) expect(seq.channels[0].powerPercent).toBe(want.powerPercent);
      if (want.zRangeUm !== undefined) expect(seq.zPlan).toEqual({ rangeUm: want.zRangeUm, stepUm: want.zStepUm });
      expect(understood.length).toBeGreaterThan(5);
    });
  }

  it('asks for what is missing, in one line', () => {
    expect(() => parseAcquisitionRequest('image every 5 minutes for 2 hours')).toThrow(/which channel/);
    expect(() => parseAcquisitionRequest('image GFP every 5 minutes')).toThrow(/for how long/);
    expect(() => parseAcquisitionRequest('image GFP for 5 hours')).toThrow(/how often/);
    try {
      parseAcquisitionRequest('image GFP every 5 minutes');
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});

describe('parseAdjustment', () => {
  const cases: [string, unknown[]][] = [
    ['speed up to every 10 seconds', [{ kind: 'interval', intervalS: 10 }]],
    ['image every 30 s from now on', [{ kind: 'interval', intervalS: 30 }]],
    ['slow down to every 5 min', [{ kind: 'interval', intervalS: 300 }]],
    ['change the interval to 1 minute', [{ kind: 'interval', intervalS: 60 }]],
    ['image twice as often', [{ kind: 'intervalFactor', factor: 0.5 }]],
    ['drop the 488 laser to 5%', [{ kind: 'power', powerPercent: 5, channel: 'FITC' }]],
    ['lower the mCherry power to 2 %', [{ kind: 'power', powerPercent: 2, channel: 'Rhodamine' }]],
    ['set the 561 laser to 15 percent', [{ kind: 'power', powerPercent: 15, channel: 'Rhodamine' }]],
    ['set GFP exposure to 50 ms', [{ kind: 'exposure', exposureMs: 50, channel: 'FITC' }]],
    ['increase the exposure to 200ms', [{ kind: 'exposure', exposureMs: 200 }]],
    ['add a 10 µm z-stack with 1 µm steps', [{ kind: 'zPlan', zPlan: { rangeUm: 10, stepUm: 1 } }]],
    ['add a z stack of 6 um with 2 um spacing', [{ kind: 'zPlan', zPlan: { rangeUm: 6, stepUm: 2 } }]],
    ['take 5 z-slices 0.5 µm apart', [{ kind: 'zPlan', zPlan: { rangeUm: 2, stepUm: 0.5 } }]],
    ['remove the z-stack', [{ kind: 'zPlan', zPlan: null }]],
    ['add mCherry', [{ kind: 'addChannel', channel: 'Rhodamine' }]],
    ['also image Cy5 at 100 ms', [{ kind: 'addChannel', channel: 'Cy5', exposureMs: 100 }]],
    ['drop DAPI', [{ kind: 'dropChannel', channel: 'DAPI' }]],
    ['stop imaging brightfield', [{ kind: 'dropChannel', channel: 'Brightfield' }]],
    ['image DAPI only every 5th time point', [{ kind: 'acquireEvery', channel: 'DAPI', every: 5 }]],
    ['DAPI every other frame', [{ kind: 'acquireEvery', channel: 'DAPI', every: 2 }]],
    ['zoom into cell 12', [{ kind: 'zoom', cell: 12 }]],
    ['zoom in on cell 3 with the 40x', [{ kind: 'zoom', cell: 3, objective: '40X' }]],
    ['switch to the 10x objective', [{ kind: 'objective', objective: '10X' }]],
    ['move the stage to x 100 y -50', [{ kind: 'moveStage', relative: false, xUm: 100, yUm: -50 }]],
    ['move the stage by x 20', [{ kind: 'moveStage', relative: true, xUm: 20 }]],
    ['pause', [{ kind: 'pause' }]],
    ['Pause the acquisition', [{ kind: 'pause' }]],
    ['resume', [{ kind: 'resume' }]],
    ['continue', [{ kind: 'resume' }]],
    ['stop', [{ kind: 'stop' }]],
    ['abort!', [{ kind: 'stop' }]],
    ['stop imaging the 488 channel', [{ kind: 'dropChannel', channel: 'FITC' }]],
    ['switch off the 488', [{ kind: 'dropChannel', channel: 'FITC' }]],
    ['drop GFP', [{ kind: 'dropChannel', channel: 'FITC' }]],
    ['turn the 561 off', [{ kind: 'dropChannel', channel: 'Rhodamine' }]],
    ['stop after this time point', [{ kind: 'finish' }]],
    ['reduce the 488 laser power by 90%', [{ kind: 'powerFactor', factor: 0.1, channel: 'FITC' }]],
    ['halve the GFP exposure', [{ kind: 'exposureFactor', factor: 0.5, channel: 'FITC' }]],
    ['double the 561 power', [{ kind: 'powerFactor', factor: 2, channel: 'Rhodamine' }]],
    ['add brightfield every 3rd frame', [{ kind: 'addChannel', channel: 'Brightfield', acquireEvery: 3 }]],
    ['add 11 planes, 0.5 µm apart', [{ kind: 'zPlan', zPlan: { rangeUm: 5, stepUm: 0.5 } }]],
    ['image at (0, 0), (500, 0) and (1000, 200)', [{ kind: 'positions', positions: [{ name: 'Pos0', xUm: 0, yUm: 0 }, { name: 'Pos1', xUm: 500, yUm: 0 }, { name: 'Pos2', xUm: 1000, yUm: 200 }] }]],
    ['pause for 10 minutes', [{ kind: 'pause', forS: 600 }]],
    ['only image GFP from now on', [{ kind: 'onlyChannels', channels: ['FITC'] }]],
    ["don't image DAPI anymore", [{ kind: 'dropChannel', channel: 'DAPI' }]],
    ['we no longer need the brightfield', [{ kind: 'dropChannel', channel: 'Brightfield' }]],
    ['lower the 488 to a tenth', [{ kind: 'powerFactor', factor: 0.1, channel: 'FITC' }]],
    ['increase the 488 power tenfold', [{ kind: 'powerFactor', factor: 10, channel: 'FITC' }]],
    ['tile it as a 2 by 3 grid', [{ kind: 'grid', grid: { rows: 2, columns: 3, overlapPercent: 0 } }]],
    ['finish after this time point', [{ kind: 'finish' }]],
    ['refocus', [{ kind: 'autofocus' }]],
    ['how much longer?', [{ kind: 'status', about: 'time' }]],
    ['how long is left', [{ kind: 'status', about: 'time' }]],
    ['how much light so far?', [{ kind: 'status', about: 'dose' }]],
    ["what's the dose so far", [{ kind: 'status', about: 'dose' }]],
    ['extend by 2 hours', [{ kind: 'extend', extraS: 7200 }]],
    ['keep going for another hour', [{ kind: 'extend', extraS: 3600 }]],
    ['speed up to every 10 s and drop DAPI', [{ kind: 'interval', intervalS: 10 }, { kind: 'dropChannel', channel: 'DAPI' }]],
    ['what is the light dose', [{ kind: 'status', about: 'dose' }]],
    ['increase GFP exposure to 150 ms and lower its power to 8%', [{ kind: 'exposure', exposureMs: 150, channel: 'FITC' }, { kind: 'power', powerPercent: 8, channel: 'FITC' }]],
    ['add mCherry at 80 ms, then set GFP exposure to 40 ms', [{ kind: 'addChannel', channel: 'Rhodamine', exposureMs: 80 }, { kind: 'exposure', exposureMs: 40, channel: 'FITC' }]],
  ];
  for (const [text, want] of cases) {
    it(text, () => {
      const changes = parseAdjustment(text);
      expect(changes).toEqual(want);
      for (const c of changes) expect(adjustmentSchema.safeParse(c).success).toBe(true);
    });
  }

  it('asks when a stop could mean a channel or the whole acquisition', () => {
    for (const text of ['switch it off', 'turn off the laser', 'stop the light', 'turn that off please', 'shut the laser down']) {
      expect(() => parseAdjustment(text), text).toThrow(/stop the whole acquisition, or to stop imaging one channel/);
    }
  });

  it('a part not understood is asked about, and nothing is changed (never a silent partial)', () => {
    const route = routeMicroscopeRequest('speed up to every 10 s and make it nicer', { acquisitionRunning: true });
    expect(route && 'ask' in route ? route.ask : '').toMatch(/^I understood image every 10 s, but not "make it nicer".* nothing was changed/);
    expect(parseAdjustment('speed up to every 10 s, please')).toEqual([{ kind: 'interval', intervalS: 10 }]);
  });

  it('analysis requests are not microscope commands, alone or mixed with one (the planner plans both)', () => {
    for (const text of ['measure the GFP intensity every 5 frames', 'project the 10 µm z-stack', 'speed up to every 10 s and segment the nuclei', 'drop DAPI and then track the cells']) {
      expect(routeMicroscopeRequest(text, { acquisitionRunning: true }), text).toBeUndefined();
    }
  });

  it('a stop word and a channel that are not verb and object are not a channel command', () => {
    expect(routeMicroscopeRequest('remove the background in the GFP channel', { acquisitionRunning: true })).toBeUndefined();
    expect(routeMicroscopeRequest('drop the first 5 frames of GFP', { acquisitionRunning: true })).toBeUndefined();
  });

  it('says what it understands when nothing matches', () => {
    expect(() => parseAdjustment('make it nicer')).toThrow(/could not turn "make it nicer" into a change/);
  });
});

describe('parseRule and describeRule', () => {
  it('reads the division rule from the issue', () => {
    const rule = parseRule('when a cell divides, image every 10 s for 5 minutes, then go back to every 2 minutes');
    expect(rule.trigger).toEqual({ kind: 'division' });
    expect(rule.action).toEqual({ kind: 'setInterval', intervalS: 10 });
    expect(rule.holdS).toBe(300);
    expect(rule.revert).toBe(true);
    expect(rule.revertIntervalS).toBe(120);
    expect(describeRule(rule)).toBe('When a cell divides, image every 10 s for 5 min, then go back to every 2 min; at least 3 time points between changes.');
  });

  const cases: [string, Partial<ReturnType<typeof parseRule>>][] = [
    ['if the number of cells goes above 50, stop', { trigger: { kind: 'cellCount', comparison: 'above', threshold: 50 }, action: { kind: 'stop' }, revert: false }],
    ['when there are more than 40 cells, image every minute', { trigger: { kind: 'cellCount', comparison: 'above', threshold: 40 }, action: { kind: 'setInterval', intervalS: 60 }, revert: false }],
    ['when the focus score drops below 3, autofocus', { trigger: { kind: 'focusScore', comparison: 'below', threshold: 3 }, action: { kind: 'autofocus' } }],
    ['if it goes out of focus, refocus', { trigger: { kind: 'focusScore', comparison: 'below', threshold: 5, release: 8 }, action: { kind: 'autofocus' } }],
    ['when the mean GFP intensity rises above 300 until it drops below 250, add mCherry for 10 frames', { trigger: { kind: 'meanIntensity', channel: 'FITC', comparison: 'above', threshold: 300, release: 250 }, action: { kind: 'addChannel', channel: 'Rhodamine' }, holdFrames: 10, revert: true }],
    ['when a cell divides, zoom in with the 40x', { trigger: { kind: 'division' }, action: { kind: 'zoom', objective: '40X' } }],
    ['if the mitosis score is above 0.8, image every 30 s', { trigger: { kind: 'modelScore', model: 'mitosis', comparison: 'above', threshold: 0.8 }, action: { kind: 'setInterval', intervalS: 30 } }],
    ['after a division, add DAPI for 3 time points', { trigger: { kind: 'division' }, action: { kind: 'addChannel', channel: 'DAPI' }, holdFrames: 3, revert: true }],
    ['image every 20 s for 10 minutes whenever a cell divides', { trigger: { kind: 'division' }, action: { kind: 'setInterval', intervalS: 20 }, holdS: 600, revert: true }],
    ['whenever a nucleus divides take a DAPI image for 2 frames', { trigger: { kind: 'division' }, action: { kind: 'addChannel', channel: 'DAPI' }, holdFrames: 2, revert: true }],
    ['when cells divide image every 30 s for 10 min and then back to every 5 min', { trigger: { kind: 'division' }, action: { kind: 'setInterval', intervalS: 30 }, holdS: 600, revert: true, revertIntervalS: 300 }],
    ['if a cell divides, image every 30 s for 10 frames at that position', { trigger: { kind: 'division' }, action: { kind: 'setInterval', intervalS: 30, atTriggerPosition: true }, holdFrames: 10, revert: true }],
    ['when fewer than 5 cells are left, stop', { trigger: { kind: 'cellCount', comparison: 'below', threshold: 5 }, action: { kind: 'stop' } }],
  ];
  for (const [text, want] of cases) {
    it(text, () => {
      const rule = parseRule(text);
      expect(rule).toMatchObject(want);
      expect(describeRule(rule)).toMatch(/^When .+; at least 3 time points between changes\.$/);
    });
  }

  it('refuses what it cannot read, naming what it understands', () => {
    expect(() => parseRule('make the cells happy')).toThrow(/as a rule/);
    expect(() => parseRule('when the moon is full, stop')).toThrow(/what should trigger/);
    expect(() => parseRule('when a cell divides, dance')).toThrow(/what the rule should do/);
  });
});


describe('routeMicroscopeRequest (for the offline planner)', () => {
  const cases: [string, boolean, string | undefined, Record<string, unknown>?][] = [
    ['image GFP and DAPI every 5 minutes for 12 hours', false, 'start_acquisition', { plan: { channels: [{ config: 'FITC' }, { config: 'DAPI' }], timePlan: { intervalS: 300, durationS: 43200 } } }],
    ['when a cell divides, image every 10 s for 5 minutes, then go back to every 2 minutes', true, 'add_rule', { confirm: false }],
    ['speed up to every 10 seconds', true, 'adjust_acquisition', { changes: [{ kind: 'interval', intervalS: 10 }] }],
    ['stop imaging the 488 channel', true, 'adjust_acquisition', { changes: [{ kind: 'dropChannel', channel: 'FITC' }] }],
    ['drop the 488 laser to 5%', true, 'adjust_acquisition'],
    ['zoom into cell 12', true, 'adjust_acquisition'],
    ['pause', true, 'pause_acquisition'],
    ['resume', true, 'resume_acquisition'],
    ['stop the acquisition', true, 'stop_acquisition'],
    ['finish after this time point', true, 'stop_acquisition', { finishTimepoint: true }],
    ['how much longer?', true, 'microscope_status'],
    ['how much light so far?', true, 'dose_report'],
    ['snap a GFP image at 50 ms', false, 'snap', { channel: 'FITC', exposureMs: 50 }],
    ['move the stage to x 100 y 200', false, 'move_stage', { xUm: 100, yUm: 200, relative: false }],
    ['switch to the 40x objective', false, 'move_stage', { objective: '40X' }],
    ['segment the nuclei and track them', false, undefined],
    ['plot the area over time', false, undefined],
  ];
  for (const [text, running, tool, args] of cases) {
    it(`${text} -> ${tool ?? 'not a microscope request'}`, () => {
      const call = routeMicroscopeRequest(text, { acquisitionRunning: running });
      expect(call?.tool).toBe(tool);
      if (args && call && call.tool) expect(call.args).toMatchObject(args);
    });
  }
});

describe('plans with positions, grids and z-stacks in words', () => {
  it('"3 positions" gives three fields that do not overlap at any objective, and says so', () => {
    const { sequence, understood } = parseAcquisitionRequest('image GFP and DAPI every 5 minutes for 12 hours at 3 positions');
    const seq = parseSequence(sequence);
    expect(seq.stagePositions).toHaveLength(3);
    const dx = seq.stagePositions![1].xUm - seq.stagePositions![0].xUm;
    expect(dx).toBeGreaterThan(512); // the widest field (10X) is 512 µm
    expect(understood).toMatch(/3 positions/);
  });
  it('an explicit list, a grid, and "11 planes 0.5 µm apart"', () => {
    const seq = parseSequence(parseAcquisitionRequest('image GFP every 2 min for 1 h at (0, 0), (500, 0) and (1000, 200) with 11 planes 0.5 µm apart').sequence);
    expect(seq.stagePositions!.map((p) => [p.xUm, p.yUm])).toEqual([[0, 0], [500, 0], [1000, 200]]);
    expect(seq.zPlan).toEqual({ rangeUm: 5, stepUm: 0.5 });
    const grid = parseSequence(parseAcquisitionRequest('image mCherry every 10 min for 6 h in a 3x3 grid with 10% overlap').sequence);
    expect(grid.gridPlan).toEqual({ rows: 3, columns: 3, overlapPercent: 10 });
    expect(grid.channels[0].powerPercent).toBeUndefined(); // 10% overlap is not a power
  });
  it('intervals and durations in any unit', () => {
    const plan = (t: string) => parseSequence(parseAcquisitionRequest(t).sequence).timePlan as Record<string, number>;
    expect(plan('image DAPI every 90 seconds for 2 days')).toEqual({ intervalS: 90, durationS: 172800 });
    expect(plan('image DAPI every 1.5 min for 45 min')).toEqual({ intervalS: 90, durationS: 2700 });
    expect(plan('image DAPI every 500 ms for 10 s')).toEqual({ intervalS: 0.5, durationS: 10 });
  });
  it('a 1000000 µm z-stack in 0.001 µm steps is refused in one line, before anything is allocated', () => {
    const route = routeMicroscopeRequest('image GFP every 1 min for 1 h with a 1000000 µm z-stack in 0.001 µm steps');
    expect(route && 'ask' in route ? route.ask : '').toMatch(/at most 500 planes/);
  });
});

describe('wording as microscopists write it', () => {
  const change = (text: string) => parseAdjustment(text);
  it('slips of the language\'s own words are read as the word; everyday words near one are not', async () => {
    const { correctTypos } = await import('../../../src/agent/acquisitionLanguage/words.ts');
    expect(correctTypos('stop imagng the gfp')).toBe('stop imaging the gfp');
    expect(correctTypos('every 3 minuets, lower the expsoure')).toBe('every 3 minutes, lower the exposure');
    expect(correctTypos('switch of the 488')).toBe('switch off the 488');
    // short words, everyday words and ties between two command words stay as written
    expect(correctTypos('do it later, there are three places')).toBe('do it later, there are three places');
    expect(change('stop imagng the gfp')).toEqual([{ kind: 'dropChannel', channel: 'FITC' }]);
  });
  it('a channel with off or out, a pronoun for the channel, "no need for", "enough"', () => {
    for (const text of ['488 off', 'GFP out please', 'switch the green colour channel off', "that's enough GFP, stop it", 'no need for GFP anymore', 'stop exciting with the 488 laser']) {
      expect(change(text), text).toEqual([{ kind: 'dropChannel', channel: 'FITC' }]);
    }
  });
  it('faster and slower, by how much, frames per unit, fps', () => {
    expect(change('image faster')).toEqual([{ kind: 'intervalFactor', factor: 0.5 }]);
    expect(change('slower please')).toEqual([{ kind: 'intervalFactor', factor: 2 }]);
    expect(change('three times faster')).toEqual([{ kind: 'intervalFactor', factor: 0.333333 }]);
    expect(change('slow down by a factor of 4')).toEqual([{ kind: 'intervalFactor', factor: 4 }]);
    expect(change('go to 2 frames per minute')).toEqual([{ kind: 'interval', intervalS: 30 }]);
    expect(change('image at 2 fps')).toEqual([{ kind: 'interval', intervalS: 0.5 }]);
    // light words make it a light change, not a timing one
    expect(change('more power on the 488, 20%')[0].kind).toBe('power');
  });
  it('durations: a quarter of an hour, "3 more hours", a total', () => {
    expect(change('every quarter of an hour instead')).toEqual([{ kind: 'interval', intervalS: 900 }]);
    expect(change('run for 3 more hours')).toEqual([{ kind: 'extend', extraS: 10800 }]);
    expect(change('make it 24 hours in total')).toEqual([{ kind: 'duration', durationS: 86400 }]);
    expect(change('the whole thing 6 h long')).toEqual([{ kind: 'duration', durationS: 21600 }]);
  });
  it('a stop word on a part of the plan is about that part, never the acquisition', () => {
    expect(change('stop after 100 time points')).toEqual([{ kind: 'loops', loops: 100 }]);
    expect(change('stop tiling')).toEqual([{ kind: 'grid', grid: null }]);
    expect(change('tile 3x3')).toEqual([{ kind: 'grid', grid: { rows: 3, columns: 3, overlapPercent: 0 } }]);
    expect(change('let this time point finish and then stop')).toEqual([{ kind: 'finish' }]);
    // an end that many time points away, when the interval is not known: asked, not guessed (never a stop now)
    const route = routeMicroscopeRequest('stop after 10 more frames', { acquisitionRunning: true });
    expect(route && 'ask' in route ? route.ask : '').toMatch(/do not know the interval.*nothing was changed/);
  });
  it('pause for a while, resume, questions about the run', () => {
    expect(change('hold the imaging for half an hour')).toEqual([{ kind: 'pause', forS: 1800 }]);
    expect(change('ok carry on')).toEqual([{ kind: 'resume' }]);
    for (const text of ["what's running", "what's the current interval?", 'where is the stage?', 'is it still running?']) expect(change(text), text).toEqual([{ kind: 'status', about: 'all' }]);
  });
  it('a duration with no "for": its role from the words beside it', () => {
    const plan = (t: string) => parseSequence(parseAcquisitionRequest(t).sequence).timePlan as Record<string, number>;
    expect(plan('timelapse DAPI + far red, 30s interval, 2hrs')).toEqual({ intervalS: 30, durationS: 7200 });
    expect(plan('GFP, 5 min apart, 12 h total')).toEqual({ intervalS: 300, durationS: 43200 });
    expect(plan('image GFP at 50 ms every 10 s, 100 frames')).toEqual({ intervalS: 10, loops: 100 });
  });
});

describe('conditions, stage moves, slices, any verb for a whole plan', () => {
  const running = { acquisitionRunning: true };
  it('a rule with its condition after the action; a frequency ("once every") is no condition', () => {
    const rule = routeMicroscopeRequest('stop when there are more than 100 cells', running);
    expect(rule).toMatchObject({ tool: 'add_rule', args: { rule: { trigger: { kind: 'cellCount', comparison: 'above', threshold: 100 }, action: { kind: 'stop' } } } });
    const reversed = routeMicroscopeRequest('image every 15 s when a cell divides, for 3 minutes', running);
    expect(reversed).toMatchObject({ tool: 'add_rule', args: { rule: { trigger: { kind: 'division' }, action: { kind: 'setInterval', intervalS: 15 }, holdS: 180 } } });
    expect(routeMicroscopeRequest('reduce the frequency to once every 30 min', running)).toEqual({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 1800 }] } });
    expect(routeMicroscopeRequest('finish once this time point is done', running)).toEqual({ tool: 'stop_acquisition', args: { finishTimepoint: true } });
  });
  it('a command on a condition nothing can watch is asked back, not done at once without it', () => {
    const route = routeMicroscopeRequest('stop imaging GFP once it is bleached', running);
    expect(route && 'ask' in route ? route.ask : '').toMatch(/could not tell what should trigger the rule in "it is bleached"/);
  });
  it('stage and focus moves in words: distance and direction, a pair of coordinates, the focus', () => {
    const move = (t: string) => routeMicroscopeRequest(t);
    expect(move('move 200 microns to the right')).toEqual({ tool: 'move_stage', args: { xUm: 200, relative: true }, sure: true });
    expect(move('shift left by 0.1 mm')).toEqual({ tool: 'move_stage', args: { xUm: -100, relative: true }, sure: true });
    expect(move('move to (1000, 500)')).toEqual({ tool: 'move_stage', args: { xUm: 1000, yUm: 500, relative: false }, sure: true });
    expect(move('move the focus down 2 µm')).toEqual({ tool: 'move_stage', args: { zUm: -2, relative: true }, sure: true });
    // no distance: not a move ("go to 5 positions" is a plan change)
    expect(parseAdjustment('go to 5 positions')[0].kind).toBe('positions');
  });
  it('"20 z-slices at 0.5 um", "add 2 hours", and a whole plan with any verb', () => {
    const seq = parseSequence(parseAcquisitionRequest('acquire GFP, 20 z-slices at 0.5 um, every 5 minutes for an hour').sequence);
    expect(seq.zPlan).toEqual({ rangeUm: 9.5, stepUm: 0.5 });
    expect(parseAdjustment('add 2 hours')).toEqual([{ kind: 'extend', extraS: 7200 }]);
    expect(routeMicroscopeRequest("I'd like to follow GFP for 48h, one frame every 15 min")).toMatchObject({ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC' }], timePlan: { intervalS: 900, durationS: 172800 } } } });
    // an analysis request with a channel and times is not an acquisition
    expect(routeMicroscopeRequest('measure GFP every 5 frames for 10 frames')?.tool).not.toBe('start_acquisition');
  });
});

describe('one position or a channel by its number, everything but a channel', () => {
  const change = (text: string) => parseAdjustment(text);
  it('a position named or numbered is dropped, never the acquisition; one is added by its coordinates', () => {
    expect(change('stop imaging position 2')).toEqual([{ kind: 'dropPosition', position: '2' }]);
    expect(change('drop Pos1')).toEqual([{ kind: 'dropPosition', position: 'Pos1' }]);
    expect(change('skip the third field')).toEqual([{ kind: 'dropPosition', position: '3' }]);
    expect(change('position 3 is out of focus, drop it')).toEqual([{ kind: 'dropPosition', position: '3' }]);
    expect(change('add a position at (500, 500)')).toEqual([{ kind: 'addPosition', xUm: 500, yUm: 500 }]);
  });
  it('a channel by its number; everything except the channels named', () => {
    expect(change('drop channel 2')).toEqual([{ kind: 'dropChannel', channel: '2' }]);
    expect(change('turn off ch3')).toEqual([{ kind: 'dropChannel', channel: '3' }]);
    expect(change('stop the second channel')).toEqual([{ kind: 'dropChannel', channel: '2' }]);
    expect(change('stop everything except GFP')).toEqual([{ kind: 'onlyChannels', channels: ['FITC'] }]);
    expect(change('stop all channels but DAPI and mCherry')).toEqual([{ kind: 'onlyChannels', channels: ['DAPI', 'Rhodamine'] }]);
  });
});

describe('a stop said not to be done, and rules by id', () => {
  it('"don\'t stop, just pause" pauses; "do not stop" alone changes nothing', () => {
    expect(parseAdjustment("don't stop, just pause")).toEqual([{ kind: 'pause' }]);
    expect(routeMicroscopeRequest('do not stop the acquisition', { acquisitionRunning: true })?.tool).not.toBe('stop_acquisition');
  });
  it('a rule named by id is removed (never the acquisition); "that rule" with no rule set up removes nothing and says so (ruleReference.test.ts reads the others)', () => {
    expect(routeMicroscopeRequest('cancel rule-1', { acquisitionRunning: true })).toEqual({ tool: 'remove_rule', args: { ruleId: 'rule-1' } });
    expect(routeMicroscopeRequest('stop rule 2', { acquisitionRunning: true })).toEqual({ tool: 'remove_rule', args: { ruleId: 'rule-2' } });
    expect(routeMicroscopeRequest('turn off the division rule', { acquisitionRunning: true })).toMatchObject({ ask: expect.stringMatching(/no rule.*removed nothing/) });
  });
});

describe('settings per channel, phases, questions about the plan', () => {
  const channels = (t: string) => parseSequence(parseAcquisitionRequest(t).sequence).channels.map((c) => [c.config, c.exposureMs, c.powerPercent]);
  it('a value beside a channel is that channel\'s; one said after all the channels is every channel\'s', () => {
    expect(channels('image GFP at 100 ms and mCherry at 200 ms every 5 min for 2 h')).toEqual([['FITC', 100, undefined], ['Rhodamine', 200, undefined]]);
    expect(channels('GFP at 100 ms, mCherry 200 ms, every 2 min for 1 h')).toEqual([['FITC', 100, undefined], ['Rhodamine', 200, undefined]]);
    expect(channels('image GFP every 5 min for 1 h with 5% 488 and 10% 561 for mCherry')).toEqual([['FITC', undefined, 5], ['Rhodamine', undefined, 10]]);
    expect(channels('image GFP and DAPI at 50 ms every 5 min for 1 h')).toEqual([['FITC', 50, undefined], ['DAPI', 50, undefined]]);
    expect(parseAcquisitionRequest('image GFP at 100 ms and mCherry at 200 ms every 5 min for 2 h').understood).toMatch(/FITC \(100 ms\) and Rhodamine \(200 ms\)/);
  });
  it('phases one after the other; "as fast as possible" for a while asks how many', () => {
    expect(parseSequence(parseAcquisitionRequest('image GFP every 30 s for 10 min, then every 5 min for 2 h').sequence).timePlan).toEqual({ phases: [{ intervalS: 30, durationS: 600 }, { intervalS: 300, durationS: 7200 }] });
    expect(() => parseAcquisitionRequest('image GFP continuously for 10 minutes')).toThrow(/how many time points/);
    expect(parseSequence(parseAcquisitionRequest('acquire 50 frames of GFP as fast as possible').sequence).timePlan).toEqual({ intervalS: 0, loops: 50 });
  });
  it('questions about the plan are status questions; a periodic autofocus is a schedule', () => {
    for (const text of ['which channels are on?', 'what objective are we using?', 'how many positions are we imaging?', 'how many images have we taken?', 'when is the next time point?']) expect(parseAdjustment(text), text).toEqual([{ kind: 'status', about: 'all' }]);
    expect(parseAdjustment('refocus every 10 time points')).toEqual([{ kind: 'autofocusSchedule', everyTimepoints: 10 }]);
  });
});

describe('never a silent partial', () => {
  const running = { acquisitionRunning: true };
  it('a number with its unit that no change carries is asked about, and nothing is changed', () => {
    const route = routeMicroscopeRequest('image GFP every 5 min for 2 h', running);
    expect(route && 'ask' in route ? route.ask : '').toMatch(/understood image every 5 min, but not "2 h".*nothing was changed/);
    // carried values pass, whatever form the change holds them in (a factor for "by 90 %", µm for "0.1 mm")
    expect(parseAdjustment('reduce the 488 laser power by 90%')).toEqual([{ kind: 'powerFactor', factor: 0.1, channel: 'FITC' }]);
    expect(parseAdjustment('move the stage 0.1 mm left')).toEqual([{ kind: 'moveStage', relative: true, xUm: -100 }]);
  });
  it('two intervals at once are asked about; a question in the same breath is answered too', () => {
    expect(() => parseAdjustment('image every 2 min for the next hour, then every 10 min')).toThrow(/change the interval once/);
    expect(parseAdjustment('lower GFP to 5% and tell me the dose')).toEqual([{ kind: 'power', powerPercent: 5, channel: 'FITC' }, { kind: 'status', about: 'dose' }]);
  });
  it('a new acquisition asked for while one runs is asked about (one runs at a time; stop 47), never a change nor a start', () => {
    expect(routeMicroscopeRequest('start a new time-lapse of DAPI every 1 min for 10 min', running)).toMatchObject({ ask: expect.stringMatching(/already running.*not started/), command: true });
  });
  it('words of the analysis near a command word are not corrected into it ("movie" is not "move")', async () => {
    const { correctTypos } = await import('../../../src/agent/acquisitionLanguage/words.ts');
    expect(correctTypos('simulate a 128 x 96 movie, print the state of the slide')).toBe('simulate a 128 x 96 movie, print the state of the slide');
    expect(routeMicroscopeRequest('simulate a 128 x 96 movie with 10 cells')).toBeUndefined();
  });
});

describe('a start request only partly understood', () => {
  it('is asked about, naming what was understood and what was not; nothing starts', () => {
    expect(() => parseAcquisitionRequest('image GFP every 5 min for 2 h, 30 min after adding the drug')).toThrow(/understood image FITC every 5 min for 2 h, but not "30 min".*nothing was started/);
  });
});

describe('snaps, moves and ends in other words', () => {
  const route = (t: string, acquisitionRunning = false) => routeMicroscopeRequest(t, { acquisitionRunning });
  it('a single image in any verb; a frame every so often is no snap', () => {
    expect(route('grab an image in GFP')).toEqual({ tool: 'snap', args: { channel: 'FITC' }, sure: true });
    expect(route('capture a brightfield frame')).toEqual({ tool: 'snap', args: { channel: 'Brightfield' }, sure: true });
    expect(route('slow down to one frame every 15 minutes', true)).toEqual({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 900 }] } });
  });
  it('the origin, a position by its coordinates, the focus by a distance, an objective to use', () => {
    expect(route('move the stage back to the origin')).toMatchObject({ tool: 'move_stage', args: { xUm: 0, yUm: 0, relative: false } });
    expect(route('go to position (100, 200)')).toMatchObject({ tool: 'move_stage', args: { xUm: 100, yUm: 200, relative: false } });
    expect(route('focus 3 µm higher')).toMatchObject({ tool: 'move_stage', args: { zUm: 3, relative: true } });
    expect(route('use the 10x')).toMatchObject({ tool: 'move_stage', args: { objective: '10X' } });
  });
  it('an end time from now; a count of time points; after this time point', () => {
    expect(parseAdjustment('stop the acquisition in 2 hours')).toEqual([{ kind: 'endIn', inS: 7200 }]);
    expect(parseAdjustment('finish 1 h from now')).toEqual([{ kind: 'endIn', inS: 3600 }]);
    expect(parseAdjustment('stop after this time point')).toEqual([{ kind: 'finish' }]);
  });
  it('two spans with no word for their roles, channel names through a slip', () => {
    expect(parseSequence(parseAcquisitionRequest('time lapse, GFP, 5 min, 24 h').sequence).timePlan).toEqual({ intervalS: 300, durationS: 86400 });
    expect(parseSequence(parseAcquisitionRequest('image mchery every 5 min for 1 h').sequence).channels[0].config).toBe('Rhodamine');
  });
});

describe('the end of the run in everyday words', () => {
  it('"we\'re done", "shut down", "stop the scope" end the run (a person confirms); "enough DAPI" drops DAPI', () => {
    for (const text of ["we're done", 'shut down', 'stop the scope', "that's all for today", "I'm done with this experiment"]) expect(parseAdjustment(text), text).toEqual([{ kind: 'stop' }]);
    expect(parseAdjustment('enough DAPI')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
    expect(parseAdjustment('are we done?')).toEqual([{ kind: 'status', about: 'all' }]);
  });
});

describe('words that point back at earlier steps', () => {
  const start = { tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC' }, { config: 'Rhodamine' }], timePlan: { intervalS: 300, durationS: 43200 } } } };
  const route = (text: string, earlier: { tool: string; args: Record<string, unknown> }[]) => routeMicroscopeRequest(text, { acquisitionRunning: true, earlier });
  it('"the same for the 561" repeats the last channel change for the channel named; a value of its own is a new change', () => {
    const lowered = { tool: 'adjust_acquisition', args: { changes: [{ kind: 'power', powerPercent: 5, channel: 'FITC' }] } };
    expect(route('same for the 561', [start, lowered])).toEqual({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'power', powerPercent: 5, channel: 'Rhodamine' }] } });
    expect(route('the 561 to 3% too', [start, lowered])).toEqual({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'power', powerPercent: 3, channel: 'Rhodamine' }] } });
  });
  it('"back to the old interval" is the one before the last change; "the original" the first', () => {
    const faster = { tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 60 }] } };
    const twice = { tool: 'adjust_acquisition', args: { changes: [{ kind: 'intervalFactor', factor: 0.5 }] } };
    expect(route('go back to the old interval', [start, faster])).toEqual({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 300 }] } });
    expect(route('go back to the previous interval', [start, faster, twice])).toEqual({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 60 }] } });
    expect(route('restore the original interval', [start, faster, twice])).toEqual({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 300 }] } });
  });
  it('the rules and the cells of the latest image are questions for the microscope', () => {
    expect(routeMicroscopeRequest('what does the rule do?')).toEqual({ tool: 'list_rules', args: {}, sure: true });
    expect(parseAdjustment('how many cells are in the latest image?')).toEqual([{ kind: 'status', about: 'all' }]);
  });
});

describe('rules without a comma, questions that begin like a condition', () => {
  it('"when the cell count is over 50 stop the experiment" is a rule, never a stop now', () => {
    expect(routeMicroscopeRequest('when the cell count is over 50 stop the experiment', { acquisitionRunning: true })).toMatchObject({ tool: 'add_rule', args: { rule: { trigger: { kind: 'cellCount', comparison: 'above', threshold: 50 }, action: { kind: 'stop' } } } });
    expect(routeMicroscopeRequest('every time a cell divides, snap a Cy5 image', { acquisitionRunning: true })).toMatchObject({ tool: 'add_rule', args: { rule: { action: { kind: 'addChannel', channel: 'Cy5' }, holdFrames: 1, revert: true } } });
  });
  it('"when will it finish?" is a question', () => {
    expect(routeMicroscopeRequest('when will it finish?', { acquisitionRunning: true })).toEqual({ tool: 'microscope_status', args: {} });
  });
});

describe('z-stacks around the focus', () => {
  const z = (t: string) => parseSequence(parseAcquisitionRequest(t).sequence).zPlan;
  it('"from -5 to +5 µm", "5 µm above and below focus", a step with no unit', () => {
    expect(z('image GFP every 5 min for 1 h with a z-stack from -5 to +5 um in 1 um steps')).toEqual({ belowUm: 5, aboveUm: 5, stepUm: 1 });
    expect(z('image GFP every 5 min for 1 h, 5 um above and below focus, 1 um step')).toEqual({ belowUm: 5, aboveUm: 5, stepUm: 1 });
    expect(z('image GFP every 5 min for 1 h, z: 21 planes, step 0.5')).toEqual({ rangeUm: 10, stepUm: 0.5 });
    expect(parseAdjustment('take a z-stack of 5 um every time point')).toEqual([{ kind: 'zPlan', zPlan: { rangeUm: 5, stepUm: 1 } }]);
  });
});

describe('positions added, not replaced', () => {
  it('"also image at (500, 500)" adds a position; "image at ... from now on" replaces them', () => {
    expect(parseAdjustment('also image at (500, 500)')).toEqual([{ kind: 'addPosition', xUm: 500, yUm: 500 }]);
    expect(parseAdjustment('add positions (100, 100) and (300, 300)')).toEqual([{ kind: 'addPosition', xUm: 100, yUm: 100 }, { kind: 'addPosition', xUm: 300, yUm: 300 }]);
    // (an offset from the run's last position; "a second position" is no span of 1 s)
    expect(parseAdjustment('add a second position 200 um to the right')).toEqual([{ kind: 'addPosition', dxUm: 200, dyUm: 0 }]);
    expect(parseAdjustment('add another field 0.5 mm down')).toEqual([{ kind: 'addPosition', dxUm: 0, dyUm: 500 }]);
    expect(parseAdjustment('image at (0, 0) and (800, 0) from now on')[0].kind).toBe('positions');
  });
});

describe('what the microscope does not control', () => {
  it('a temperature, a gas or a binning in a start request is named, nothing started; 5% CO2 is no light power', () => {
    expect(() => parseAcquisitionRequest('image GFP every 5 min for 2 h at 37 degrees')).toThrow(/but not "37 degrees"/);
    expect(() => parseAcquisitionRequest('image GFP every 5 min for 2 h, 5% CO2')).toThrow(/but not "5% co2"/);
    expect(() => parseAcquisitionRequest('image GFP every 5 min for 2 h with 2x2 binning')).toThrow(/the camera's binning \("2x2 binning"\) is no part of a plan/);
    expect(() => parseAdjustment('set CO2 to 5%')).toThrow(/about the incubator .* nothing was changed/);
  });
});

describe('lab shorthand', () => {
  it('"q10min x 24h", "dt = 2 min", 5\' and 30\'\' are intervals and durations', async () => {
    const { labShorthand } = await import('../../../src/agent/acquisitionLanguage/words.ts');
    expect(labShorthand('GFP/mCherry, q10min x 24h')).toBe('GFP/mCherry, every 10 min for 24 h');
    expect(labShorthand("every 5' for 2h, 30'' exposure, a 3 x 3 grid")).toBe('every 5 min for 2h, 30 s exposure, a 3 x 3 grid');
    expect(parseSequence(parseAcquisitionRequest('image DAPI, dt = 2 min, 6 h').sequence).timePlan).toEqual({ intervalS: 120, durationS: 21600 });
    expect(parseAdjustment('dim the DAPI to half')).toEqual([{ kind: 'powerFactor', factor: 0.5, channel: 'DAPI' }]);
  });
});

describe('analysis for later is not a rule', () => {
  it('"when it\'s done, track the cells" is left to the planner; a command on an unwatchable condition is asked', () => {
    expect(routeMicroscopeRequest("when it's done, track the cells", { acquisitionRunning: true })).toBeUndefined();
    const route = routeMicroscopeRequest('stop GFP once it is bleached', { acquisitionRunning: true });
    expect(route && 'ask' in route ? route.ask : '').toMatch(/trigger the rule/);
  });
});

describe('terse dose and time questions', () => {
  it('are the run\'s own questions', () => {
    for (const text of ['light exposure per channel', 'total dose?', 'how much of the budget is left?']) expect(parseAdjustment(text), text).toEqual([{ kind: 'status', about: 'dose' }]);
    for (const text of ['how long has it been running?', "what's the remaining time"]) expect(parseAdjustment(text), text).toEqual([{ kind: 'status', about: 'time' }]);
  });
});

describe('a rule activated by its id', () => {
  it('"activate rule-1" asks to confirm that rule (a person approves it)', () => {
    expect(routeMicroscopeRequest('activate rule-1', { acquisitionRunning: true })).toEqual({ tool: 'add_rule', args: { ruleId: 'rule-1', confirm: true } });
  });
});

describe('zoom on a cell', () => {
  it('by its number in other words; a cell described, not numbered, is asked about', () => {
    expect(parseAdjustment('image cell 4 at higher magnification')).toEqual([{ kind: 'zoom', cell: 4 }]);
    expect(() => parseAdjustment('zoom in on the brightest cell')).toThrow(/which cell\? I zoom on a cell by its number/);
  });
});

describe('light without an amount', () => {
  it('"max power" is 100 %; "more light", "down a bit", "minimise the dose" ask how much', () => {
    expect(parseAdjustment('max power on the 640')).toEqual([{ kind: 'power', powerPercent: 100, channel: 'Cy5' }]);
    for (const text of ['more light on the 488 please', 'turn the 488 down a bit', 'minimise the light dose', 'exposure as short as possible']) expect(() => parseAdjustment(text), text).toThrow(/how much (?:more|less) light/);
  });
});

describe('wording as people talk to a microscope (tuning-microscope-people)', () => {
  const running = { acquisitionRunning: true };
  it('more verbs for dropping a channel, two channels joined by "and the", "we\'ve got enough of"', () => {
    expect(parseAdjustment('can we ditch the far red')).toEqual([{ kind: 'dropChannel', channel: 'Cy5' }]);
    expect(parseAdjustment('stop the green and the red, keep DAPI')).toEqual([{ kind: 'dropChannel', channel: 'FITC' }, { kind: 'dropChannel', channel: 'Rhodamine' }]);
    expect(parseAdjustment("we've got enough of the Hoechst signal, stop acquiring it")).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
  });

  it('the interval by other names ("time step", "cadence") and "speed it up to 30 s intervals"', () => {
    expect(parseAdjustment('change the time step to 1 min')).toEqual([{ kind: 'interval', intervalS: 60 }]);
    expect(parseAdjustment('cadence of 20 s please')).toEqual([{ kind: 'interval', intervalS: 20 }]);
    expect(parseAdjustment('can you speed it up to 30 s intervals?')).toEqual([{ kind: 'interval', intervalS: 30 }]);
  });

  it('"bump the laser" asks how much; "max out the DAPI laser" is 100 % (a raise a person approves)', () => {
    expect(() => parseAdjustment('bump the laser')).toThrow(/how much more light/i);
    expect(() => parseAdjustment('crank up the 561')).toThrow(/how much more light/i);
    expect(parseAdjustment('max out the DAPI laser')).toEqual([{ kind: 'power', powerPercent: 100, channel: 'DAPI' }]);
    expect(parseAdjustment('bump the 488 to 20%')).toEqual([{ kind: 'power', powerPercent: 20, channel: 'FITC' }]);
  });

  it('a word said twice for urgency, a figure of speech that is no time, a question about the end', () => {
    expect(parseAdjustment('abort abort')).toEqual([{ kind: 'stop' }]);
    expect(parseAdjustment('hold on a sec, I need to add media')).toEqual([{ kind: 'pause' }]);
    expect(parseAdjustment('pause for a minute')).toEqual([{ kind: 'pause', forS: 60 }]);
    expect(routeMicroscopeRequest('when does it finish', running)?.tool).toBe('microscope_status');
    expect(routeMicroscopeRequest('what time will the run end?', running)?.tool).toBe('microscope_status');
  });
});

describe('wording as people talk to a microscope, second batch', () => {
  it('a bare number takes the unit of the interval it replaces; a frame rate per unit', () => {
    expect(parseAdjustment('imaging every 5 min is too fast, make it 10')).toEqual([{ kind: 'interval', intervalS: 600 }]);
    expect(parseAdjustment('image every 30 s, make it 20 instead')).toEqual([{ kind: 'interval', intervalS: 20 }]);
    expect(parseAdjustment('frame rate: 1 per min')).toEqual([{ kind: 'interval', intervalS: 60 }]);
  });

  it('a position without brackets, "how bleached are they?", "focus up 3 microns"', () => {
    expect(parseAdjustment('add another position at 1500, -300')).toEqual([{ kind: 'addPosition', xUm: 1500, yUm: -300 }]);
    expect(routeMicroscopeRequest('how bleached are they?', { acquisitionRunning: true })?.tool).toBe('dose_report');
    expect(routeMicroscopeRequest('focus up 3 microns')).toMatchObject({ tool: 'move_stage', args: { zUm: 3, relative: true } });
  });

  it('"drop GFP to 10" is a change of light without a unit, never a dropped channel', () => {
    expect(() => parseAdjustment('drop GFP to 10')).toThrow(InputError);
    expect(parseAdjustment('drop GFP to 10%')).toEqual([{ kind: 'power', powerPercent: 10, channel: 'FITC' }]);
  });
});

describe('wording as people talk to a microscope, third batch', () => {
  it('starts said other ways: "at 10-minute intervals", "overnight (16 h)", "evry" and "strat"', () => {
    expect(routeMicroscopeRequest('Please acquire DAPI and GFP at 10-minute intervals for 24 hours')).toMatchObject({ tool: 'start_acquisition', args: { plan: { timePlan: { intervalS: 600, durationS: 86400 } } } });
    expect(routeMicroscopeRequest('image H2B-mCherry every 20 min overnight (16 h)')).toMatchObject({ tool: 'start_acquisition', args: { plan: { timePlan: { intervalS: 1200, durationS: 57600 } } } });
    expect(routeMicroscopeRequest('strat imaging gfp evry 5 min for 2 hrs')).toMatchObject({ tool: 'start_acquisition', args: { plan: { timePlan: { intervalS: 300, durationS: 7200 } } } });
  });

  it('a well of a plate is asked about (no plate layout), never imaged or moved to somewhere guessed', () => {
    expect(routeMicroscopeRequest('image wells A1 to A6 in GFP every 10 min for 12 h')).toEqual({ ask: expect.stringMatching(/where well A1 is/) });
    expect(routeMicroscopeRequest('go to well B3', { acquisitionRunning: true })).toEqual({ ask: expect.stringMatching(/where well B3 is/) });
  });

  it('"brighter than" is an intensity rule; an action the rules cannot take is asked about', () => {
    expect(parseRule('if the GFP gets brighter than 2000, stop').trigger).toMatchObject({ kind: 'meanIntensity', comparison: 'above', threshold: 2000 });
    expect(() => parseRule('if the GFP gets brighter than 2000, drop the exposure to 20 ms')).toThrow(/what the rule should do/);
    expect(routeMicroscopeRequest('whats the interval atm?', { acquisitionRunning: true })?.tool).toBe('microscope_status');
  });
});

describe('wording as people talk to a microscope, fourth batch', () => {
  it('a percentage in words, a grid with words between the noun and its size', () => {
    expect(parseAdjustment('set the 488 to five percent')).toEqual([{ kind: 'power', powerPercent: 5, channel: 'FITC' }]);
    expect(parseAdjustment('tile each position 3x3')).toEqual([{ kind: 'grid', grid: { rows: 3, columns: 3, overlapPercent: 0 } }]);
  });
});

describe('wording as people talk to a microscope, sixth batch', () => {
  it('"mch" and "bf" are channels; "10 min 12h" is an interval and a duration, "1 min 30 s" one span; a stage pair without brackets', () => {
    expect(parseAdjustment('pls drop mch')).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }]);
    expect(routeMicroscopeRequest('image gfp/mch q10min 12h')).toMatchObject({ tool: 'start_acquisition', args: { plan: { timePlan: { intervalS: 600, durationS: 43200 } } } });
    expect(routeMicroscopeRequest('image GFP every 1 min 30 s for 2 h')).toMatchObject({ args: { plan: { timePlan: { intervalS: 90, durationS: 7200 } } } });
    expect(routeMicroscopeRequest('go to 2500, 1200 um')).toMatchObject({ tool: 'move_stage', args: { xUm: 2500, yUm: 1200, relative: false } });
  });
});

describe('wording as people talk to a microscope, seventh batch', () => {
  it('several positions stop, never the acquisition; a remark beside a command is no part of it', () => {
    // (the last first: each drop renumbers the positions after it, so "3" then "4" would drop the third and then find no fourth)
    expect(parseAdjustment('stop imaging positions 3 and 4')).toEqual([{ kind: 'dropPosition', position: '4' }, { kind: 'dropPosition', position: '3' }]);
    expect(parseAdjustment('skip pos 1 and 2')).toEqual([{ kind: 'dropPosition', position: 'Pos1' }, { kind: 'dropPosition', position: 'Pos2' }]);
    expect(parseAdjustment('The cells look a bit stressed. Can we lower the 488 to 3%?')).toEqual([{ kind: 'power', powerPercent: 3, channel: 'FITC' }]);
    // a part with a number is never a remark: asked about, nothing changed
    expect(() => parseAdjustment('image every 5 min. for 2 hours.')).toThrow(/not "for 2 hours/);
  });

  it('"lower it" after a channel asks how much; "ok that\'s all for today" ends the run (a person confirms)', () => {
    expect(() => parseAdjustment('GFP is bleaching a lot, lower it')).toThrow(/how much less light/i);
    expect(parseAdjustment("ok that's all for today")).toEqual([{ kind: 'stop' }]);
  });
});

describe('wording as people talk to a microscope, eighth batch', () => {
  it('a pause for a while without "for"', () => {
    expect(parseAdjustment('pause 5 min')).toEqual([{ kind: 'pause', forS: 300 }]);
    expect(parseAdjustment('pause it 10 minutes')).toEqual([{ kind: 'pause', forS: 600 }]);
    expect(parseAdjustment('hold on a sec, I need to add media')).toEqual([{ kind: 'pause' }]);
  });
});

describe('wording as people talk to a microscope, ninth batch', () => {
  it('short slips ("kil"), "stop now please", and the current stage position added where the stage is (read when the change is made)', () => {
    expect(parseAdjustment('kil the gfp chanel')).toEqual([{ kind: 'dropChannel', channel: 'FITC' }]);
    expect(parseAdjustment('stop now please')).toEqual([{ kind: 'stop' }]);
    expect(parseAdjustment('add the current stage position too')).toEqual([{ kind: 'addPosition' }]);
  });
});

describe('wording as people talk to a microscope, tenth batch', () => {
  it('"GFP off, 561 to 5%" is two changes (never the 5 % on GFP); a remark after "out"; "turn the 561 down by 10 percent" is a factor', () => {
    expect(parseAdjustment('GFP off, 561 to 5%')).toEqual([{ kind: 'dropChannel', channel: 'FITC' }, { kind: 'power', powerPercent: 5, channel: 'Rhodamine' }]);
    expect(parseAdjustment('mcherry out, everything else is fine')).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }]);
    expect(parseAdjustment('turn the 561 down by 10 percent')).toEqual([{ kind: 'powerFactor', factor: 0.9, channel: 'Rhodamine' }]);
    expect(parseAdjustment('turn the 488 up by 20%')).toEqual([{ kind: 'powerFactor', factor: 1.2, channel: 'FITC' }]);
  });
});

describe('wording as people talk to a microscope, eleventh batch', () => {
  it('"at half power", "how many positions are there?", "stop the whole thing" (a person confirms); "turn it all off" is asked', () => {
    expect(parseAdjustment('put GFP at half power')).toEqual([{ kind: 'powerFactor', factor: 0.5, channel: 'FITC' }]);
    expect(routeMicroscopeRequest('how many positions are there?', { acquisitionRunning: true })?.tool).toBe('microscope_status');
    expect(parseAdjustment('stop the whole thing')).toEqual([{ kind: 'stop' }]);
    expect(() => parseAdjustment('turn it all off')).toThrow(/whole acquisition, or to stop imaging one channel/);
  });
});

describe('the tools that carry out its commands', () => {
  it('every command the acquisition language reads is carried out by exactly one tool, by its own declaration', async () => {
    const { ALL_TOOLS } = await import('../../../src/agent/allTools.ts');
    const { MICROSCOPE_COMMANDS } = await import('../../../tools/types.ts');
    for (const command of MICROSCOPE_COMMANDS) expect(ALL_TOOLS.filter((t) => t.carriesOut?.includes(command)).length, command).toBe(1);
  });

  it('routes to the tool that declares the command, and reads earlier steps by what their tools carry out', async () => {
    const { toolCarrying } = await import('../../../src/agent/acquisitionLanguage/index.ts');
    const { ALL_TOOLS } = await import('../../../src/agent/allTools.ts');
    const declared = (name: string | undefined) => ALL_TOOLS.find((t) => t.name === name)?.carriesOut ?? [];
    expect(declared(routeMicroscopeRequest('pause for 10 minutes', { acquisitionRunning: true })?.tool)).toContain('pause');
    expect(declared(routeMicroscopeRequest('drop DAPI', { acquisitionRunning: true })?.tool)).toContain('change');
    // "the same for DAPI" repeats the last change: the earlier step is found by its tool's declaration
    const start = { tool: toolCarrying('start'), args: { plan: { channels: [{ config: 'FITC' }, { config: 'DAPI' }], timePlan: { intervalS: 300, durationS: 3600 } } } };
    const lower = { tool: toolCarrying('change'), args: { changes: [{ kind: 'power', powerPercent: 5, channel: 'FITC' }] } };
    expect(routeMicroscopeRequest('the same for DAPI', { acquisitionRunning: true, earlier: [start, lower] })).toEqual({ tool: toolCarrying('change'), args: { changes: [{ kind: 'power', powerPercent: 5, channel: 'DAPI' }] } });
  });
});

describe('relative changes, typing slips and units it does not take (tuning-microscope-people-2)', () => {
  const change = (text: string) => parseAdjustment(text);
  it('an amount with a direction is a factor, never a new absolute value', () => {
    const cases: [string, unknown][] = [
      ['561 up 20%', { kind: 'powerFactor', factor: 1.2, channel: 'Rhodamine' }],
      ['gfp exposure -25%', { kind: 'exposureFactor', factor: 0.75, channel: 'FITC' }],
      ['raise the 640 by a third', { kind: 'powerFactor', factor: 1.333333, channel: 'Cy5' }],
      ['shorten the DAPI exposure by 10%', { kind: 'exposureFactor', factor: 0.9, channel: 'DAPI' }],
      ['up the mCherry power 3x', { kind: 'powerFactor', factor: 3, channel: 'Rhodamine' }],
      ['2x the GFP exposure', { kind: 'exposureFactor', factor: 2, channel: 'FITC' }],
      ['make the interval twice as long', { kind: 'intervalFactor', factor: 2 }],
      ['make the interval 4 times shorter', { kind: 'intervalFactor', factor: 0.25 }],
      ['shorten the interval by 20 percent', { kind: 'intervalFactor', factor: 0.8 }],
    ];
    for (const [text, want] of cases) expect(change(text), text).toEqual([want]);
    // "up to 20%" is where to, not by how much
    expect(change('488 up to 20%')).toEqual([{ kind: 'power', powerPercent: 20, channel: 'FITC' }]);
  });
  it('a channel taken out or no longer collected is dropped; the run goes on', () => {
    for (const [text, channel] of [['take out the DAPI', 'DAPI'], ['stop collecting the 561', 'Rhodamine'], ['take away far red', 'Cy5']]) {
      expect(change(text), text).toEqual([{ kind: 'dropChannel', channel }]);
    }
    expect(change('from here on only mCherry')).toEqual([{ kind: 'onlyChannels', channels: ['Rhodamine'] }]);
  });
  it('a question about the state is a status, never the command its word resembles', () => {
    expect(change('is the acquisition paused?')).toEqual([{ kind: 'status', about: 'all' }]);
    expect(change('how much 488 light have the cells had')).toEqual([{ kind: 'status', about: 'dose' }]);
  });
  it('on hold is a pause; a focus said to be off is an autofocus', () => {
    expect(change('keep it on hold for 20 min')).toEqual([{ kind: 'pause', forS: 1200 }]);
    expect(change('just hold for 2 minutes')).toEqual([{ kind: 'pause', forS: 120 }]);
    expect(change('please fix the focus')).toEqual([{ kind: 'autofocus' }]);
  });
  it('exposure in seconds before the word, a z-series, an XY point, an objective put in', () => {
    expect(change('GFP 1.5 s exposure')).toEqual([{ kind: 'exposure', exposureMs: 1500, channel: 'FITC' }]);
    expect(change('z-series of 8 um, step 2 um')).toEqual([{ kind: 'zPlan', zPlan: { rangeUm: 8, stepUm: 2 } }]);
    // a z-stack's "step" is no stage move
    expect(change('9 planes, 0.5 µm step')).toEqual([{ kind: 'zPlan', zPlan: { rangeUm: 4, stepUm: 0.5 } }]);
    expect(change('skip XY point 2')).toEqual([{ kind: 'dropPosition', position: '2' }]);
    expect(change('put the 20x in')).toEqual([{ kind: 'objective', objective: '20X' }]);
  });
  it('power in watts is asked about, never read as a percentage', () => {
    expect(() => change('set the 561 to 2 mW')).toThrow(/% of each light source's maximum, not in mW/);
  });
  it('typing slips: swapped letters in short words, and a tie broken by the same letters', () => {
    for (const [slip, word] of [['snpa', 'snap'], ['stpo', 'stop'], ['puase', 'pause'], ['dorp', 'drop']]) expect(normaliseText(slip), slip).toBe(word);
    // a real word that is no slip stays itself
    expect(normaliseText('does it')).toBe('does it');
  });
  it('a rule whose action is an interval said before its word', () => {
    expect(parseRule('when a cell divides, switch to 20 s intervals').action).toEqual({ kind: 'setInterval', intervalS: 20 });
  });
});

describe('rates, plates, corrections and more everyday words (tuning-microscope-people-2, second batch)', () => {
  const change = (text: string) => parseAdjustment(text);
  it('a rate of frames is the interval of a plan, never its count', () => {
    const seq = parseSequence(parseAcquisitionRequest('image DAPI at 3 images per hour for a day').sequence);
    expect(seq.timePlan).toEqual({ intervalS: 1200, durationS: 86400 });
    expect(parseSequence(parseAcquisitionRequest('GFP at 0.5 fps for 10 min').sequence).timePlan).toEqual({ intervalS: 2, durationS: 600 });
  });
  it('a whole plate is asked about: the configuration places no wells', () => {
    expect(routeMicroscopeRequest('image every well in DAPI every 2 h for a day')).toMatchObject({ ask: expect.stringMatching(/no plate layout/) });
    expect(routeMicroscopeRequest('scan the 384-well plate with GFP every hour for 12 h')).toMatchObject({ ask: expect.stringMatching(/no plate layout/) });
  });
  it('a correction said in passing keeps only what follows it', () => {
    expect(routeMicroscopeRequest('drop GFP, sorry I mean drop mCherry', { acquisitionRunning: true })).toEqual({ tool: expect.any(String), args: { changes: [{ kind: 'dropChannel', channel: 'Rhodamine' }] } });
  });
  it('speed up or slow down to a value, the whole run as a total, a z-stack switched off, a cell by number', () => {
    expect(change('slow down to 15 min')).toEqual([{ kind: 'interval', intervalS: 900 }]);
    expect(change('the entire experiment should be 20 h')).toEqual([{ kind: 'duration', durationS: 72000 }]);
    expect(change('turn the z stack off')).toEqual([{ kind: 'zPlan', zPlan: null }]);
    expect(change('just a single z slice')).toEqual([{ kind: 'zPlan', zPlan: null }]);
    expect(change('zoom onto cell number 9')).toEqual([{ kind: 'zoom', cell: 9 }]);
  });
  it('a pronoun after an -ing word stands for the one channel named; the run goes on', () => {
    expect(change('the Cy5 is useless, stop acquiring it')).toEqual([{ kind: 'dropChannel', channel: 'Cy5' }]);
  });
  it('triple and quadruple are factors; dimmer or brighter without an amount is asked', () => {
    expect(change('quadruple the 561 power')).toEqual([{ kind: 'powerFactor', factor: 4, channel: 'Rhodamine' }]);
    expect(() => change('make the DAPI brighter')).toThrow(/how much more light/);
  });
  it('questions about the microscope itself stand without a running acquisition', () => {
    expect(routeMicroscopeRequest('what is the microscope up to?')).toMatchObject({ sure: true });
    // the light received is the microscope's ledger; bleaching in a movie is not
    expect(routeMicroscopeRequest('how much light have the cells received so far?')).toMatchObject({ sure: true });
    expect(routeMicroscopeRequest('how much photobleaching is there?')).not.toMatchObject({ sure: true });
    expect(change('how far through is it?')).toEqual([{ kind: 'status', about: 'all' }]);
    expect(change('what power are we at?')).toEqual([{ kind: 'status', about: 'all' }]);
  });
});

describe('follow-ups: a value corrected, a second change after "and" (tuning-microscope-people-2, third batch)', () => {
  const start = { tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC' }, { config: 'DAPI' }], timePlan: { intervalS: 300, durationS: 3600 } } } };
  const made = (changes: unknown[]) => ({ tool: routeMicroscopeRequest('drop DAPI', { acquisitionRunning: true })!.tool!, args: { changes } });
  const routeAfter = (text: string, last: unknown[]) => routeMicroscopeRequest(text, { acquisitionRunning: true, earlier: [start, made(last)] });
  it('the change just made, with the value said again', () => {
    expect(routeAfter('no, make it 20 ms', [{ kind: 'exposure', exposureMs: 50, channel: 'FITC' }])).toMatchObject({ args: { changes: [{ kind: 'exposure', exposureMs: 20, channel: 'FITC' }] } });
    expect(routeAfter('oops, I meant 2 %', [{ kind: 'power', powerPercent: 20, channel: 'DAPI' }])).toMatchObject({ args: { changes: [{ kind: 'power', powerPercent: 2, channel: 'DAPI' }] } });
    expect(routeAfter('actually make that 90 s', [{ kind: 'interval', intervalS: 60 }])).toMatchObject({ args: { changes: [{ kind: 'interval', intervalS: 90 }] } });
    // a value of another unit is no correction of that change
    expect(routeAfter('actually make that 5%', [{ kind: 'interval', intervalS: 60 }])).not.toMatchObject({ args: { changes: [{ kind: 'interval' }] } });
  });
  it('a second change after "and" is read as its own clause', () => {
    expect(parseAdjustment('DAPI to 2% and interval 3 min')).toEqual([{ kind: 'power', powerPercent: 2, channel: 'DAPI' }, { kind: 'interval', intervalS: 180 }]);
  });
  it('questions about a pause and a channel setting now are status', () => {
    expect(parseAdjustment('how long have we been paused?')).toEqual([{ kind: 'status', about: 'time' }]);
    expect(parseAdjustment("what's the DAPI power right now?")).toEqual([{ kind: 'status', about: 'all' }]);
  });
});

describe('a z range said after the letter z (tuning-microscope-people-2, fifth batch)', () => {
  it('"z from -3 to +3 µm" is a stack around the focus, in a plan and as a change', () => {
    expect(parseSequence(parseAcquisitionRequest('DAPI every 5 min for 2 h, z from -3 to +3 µm, 1.5 µm steps').sequence).zPlan).toEqual({ belowUm: 3, aboveUm: 3, stepUm: 1.5 });
    expect(parseAdjustment('z between 0 and 6 um, step 2 um')).toEqual([{ kind: 'zPlan', zPlan: { belowUm: 0, aboveUm: 6, stepUm: 2 } }]);
  });
});
