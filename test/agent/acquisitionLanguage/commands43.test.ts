import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/route.ts';
import { intervalBelowImaging } from '../../../src/microscope/limits.ts';

const RUN = (exposureMs = 500, zPlan?: { rangeUm: number; stepUm: number }) => [{ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC', exposureMs, powerPercent: 10 }, { config: 'Rhodamine', exposureMs }, { config: 'DAPI' }], timePlan: { intervalS: 300, durationS: 21600 }, ...(zPlan ? { zPlan } : {}) } } }];
const running = (text: string, earlier: { tool: string; args: Record<string, unknown> }[] = RUN()) => routeMicroscopeRequest(text, { acquisitionRunning: true, earlier });

describe('an interval shorter than one time point takes (stop 43)', () => {
  it('is refused with the shortest interval the plan keeps', () => {
    // 500 + 500 + 100 (default) ms of exposure and 20 ms per image: 1.16 s
    expect(running('every 200 ms')).toMatchObject({ ask: expect.stringMatching(/shorter than one time point takes.*shortest interval this plan can keep is 1\.16 s.*nothing was changed/), command: true });
    expect(running('image every second')).toMatchObject({ ask: expect.stringMatching(/1\.16 s/), command: true });
  });
  it('counts the changes said with it, and keeps what the plan can keep', () => {
    expect(running('every 2 s')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 2 }] } });
    expect(running('every 2 s', RUN(500, { rangeUm: 10, stepUm: 1 }))).toMatchObject({ ask: expect.stringMatching(/33 images.*12\.76 s/) });
    expect(running('as fast as possible')).not.toMatchObject({ ask: expect.stringMatching(/shorter than one time point/) });
  });
  it('as the acquisition checks it (0 is as fast as possible)', () => {
    expect(intervalBelowImaging(0, 1, 2)).toBeUndefined();
    expect(intervalBelowImaging(2, 1, 2)).toBeUndefined();
    expect(intervalBelowImaging(0.5, 1.04, 2)).toMatch(/500 ms is shorter.*2 images.*1\.04 s/);
  });
});

describe('relative changes and undo in people\'s words (stop 43)', () => {
  it('a share of a light setting said of it is a factor, of the channel named before "and" too', () => {
    expect(running("put DAPI at a third of the power it's on now")).toMatchObject({ args: { changes: [{ kind: 'powerFactor', factor: 0.333333, channel: 'DAPI' }] } });
    expect(running('GFP power two thirds of what it is now')).toMatchObject({ args: { changes: [{ kind: 'powerFactor', factor: 0.666667, channel: 'FITC' }] } });
    expect(running('DAPI to 1% and a third of the exposure')).toMatchObject({ args: { changes: [{ kind: 'power', powerPercent: 1, channel: 'DAPI' }, { kind: 'exposureFactor', factor: 0.333333, channel: 'DAPI' }] } });
    // (a percentage of "the laser power" with no word of now is left as said)
    expect(running('set GFP to 50% of the laser power')).toMatchObject({ args: { changes: [{ kind: 'power', powerPercent: 50, channel: 'FITC' }] } });
  });
  it('"minus 20 ms" takes it off the exposure the channel has', () => {
    expect(running('GFP exposure minus 20ms')).toMatchObject({ args: { changes: [{ kind: 'exposure', exposureMs: 480, channel: 'FITC' }] } });
    expect(running('mCherry exposure plus 100 ms')).toMatchObject({ args: { changes: [{ kind: 'exposure', exposureMs: 600, channel: 'Rhodamine' }] } });
  });
  it('a count settled after a vague one, or changed from one to another', () => {
    const stack = RUN(50, { rangeUm: 5, stepUm: 0.5 });
    expect(running('fewer slices please, 5 instead of 11', stack)).toMatchObject({ args: { changes: [{ kind: 'zPlan', zPlan: { rangeUm: 2, stepUm: 0.5 } }] } });
    expect(running('go from 11 planes to 5', stack)).toMatchObject({ args: { changes: [{ kind: 'zPlan', zPlan: { rangeUm: 2, stepUm: 0.5 } }] } });
  });
  it('a channel said to be kept after it was dropped is added back', () => {
    const dropped = [...RUN(), { tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropChannel', channel: 'DAPI' }] } }];
    expect(running('never mind, keep DAPI after all', dropped)).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'addChannel', channel: 'DAPI' }] } });
  });
});

describe('when a change happens, and what no command does (stop 43)', () => {
  // (stop 45: a change for later is made later by the tool, `inS`; before, it was named and nothing changed)
  it('a change for later is made at that time, never now', () => {
    for (const [text, inS] of [['in an hour, drop to every 10 min', 3600], ['in 20 minutes drop mCherry', 1200], ['switch to every minute in 10 min', 600], ['30 min from now, go to every 10 min', 1800]] as const) {
      expect(running(text), text).toMatchObject({ tool: 'adjust_acquisition', args: { inS } });
    }
    expect(running('stop in 2 hours')).toMatchObject({ args: { changes: [{ kind: 'endIn', inS: 7200 }] } });
    // (a pause said for later is no pause of that length now; "resume in" still is)
    expect(running('pause in 10 min')).toMatchObject({ ask: expect.stringMatching(/not later by itself.*nothing was changed/) });
    expect(running('pause, and resume in 20 min')).toMatchObject({ tool: 'pause_acquisition', args: { forS: 1200 } });
    expect(running("let's call it a day in half an hour")).toMatchObject({ args: { changes: [{ kind: 'endIn', inS: 1800 }] } });
  });
  it('"after this time point" beside a channel command is when it starts, never a stop of the run', () => {
    expect(running('after this timepoint, stop mCherry')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropChannel', channel: 'Rhodamine' }] } });
    expect(running('after this timepoint, stop')).toMatchObject({ tool: 'stop_acquisition', args: { finishTimepoint: true } });
  });
  it('a rule that would change the light is named with what a rule can do; an exposure of 0 ms is refused', () => {
    expect(running('if the signal gets too dim, raise the exposure')).toMatchObject({ ask: expect.stringMatching(/a rule cannot change the exposure/), command: true });
    expect(running('if the GFP gets brighter than 2000, drop the exposure to 20 ms')).toMatchObject({ ask: expect.stringMatching(/what the rule should do.*a rule cannot change the exposure/) });
    expect(running('GFP exposure 0 ms')).toMatchObject({ ask: expect.stringMatching(/more than 0 ms.*0\.1 to 10000 ms/), command: true });
  });
});
