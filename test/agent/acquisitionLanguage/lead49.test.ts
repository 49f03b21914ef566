// The lead's user tries of stop 49 on the simulated microscope: a short while said as an idiom, and "gentler" light.
import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { asked, route, start } from './runningAcquisition.ts';

describe('a pause for "a sec" or "a moment"', () => {
  it('lasts until resumed: the idiom is no span of 1 s, and the rest of the words ("while I add drug") are a remark', () => {
    for (const text of ['hold it there for a sec while I add drug', 'hold the acquisition a sec, I need to top up the medium', 'wait a sec', 'pause for a second', 'pause for a moment']) {
      const r = route(text);
      expect(r?.tool, `${text} → ${JSON.stringify(r)}`).toBe('pause_acquisition');
      expect((r as { args: Record<string, unknown> }).args.forS, text).toBeUndefined();
    }
  });

  it('keeps a span said in figures', () => {
    expect((route('pause for 10 minutes') as { args: Record<string, unknown> }).args).toEqual({ forS: 600 });
    expect((route('pause for 1 second') as { args: Record<string, unknown> }).args).toEqual({ forS: 1 });
  });
});

describe('"go a bit gentler on the 488"', () => {
  it('is less light on that channel, asked how much (never "not understood")', () => {
    for (const text of ['can we go a bit gentler on the 488?', 'be a little gentler with the FITC']) expect(asked(text), text).toMatch(/^How much less light on FITC\?/);
  });
});

describe('"cancel" with no change made since the start', () => {
  it('is the acquisition cancelled (a stop, which asks to confirm), never an undo of nothing', () => {
    for (const text of ['cancel', 'ok cancel', 'cancel everything']) expect(route(text)?.tool, text).toBe('stop_acquisition');
    // ("cancel it", as "stop it": the whole run or one channel is asked, never an undo)
    expect(asked('cancel it')).toMatch(/stop the whole acquisition, or to stop imaging one channel/);
  });
});

describe('"save this position as a new point"', () => {
  it('keeps the place the stage is at (a position added), never an analysis to save', () => {
    for (const text of ['save the current stage location as a new point', 'save this position as a new point']) expect(route(text), text).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'addPosition' }] } });
    expect(route('save the tracks as csv')).toBeUndefined();
  });
});

describe('stage and focus moves said as people say them', () => {
  const idle = (text: string) => routeMicroscopeRequest(text, { acquisitionRunning: false }) as { tool?: string; args?: Record<string, unknown> };
  it('a move in two directions is one move in x and y ("100 um to the left and 50 um up")', () => {
    expect(idle('move the stage 100 um to the left and 50 um up')).toMatchObject({ tool: 'move_stage', args: { xUm: -100, yUm: -50, relative: true } });
    expect(idle('shift the stage right by 200 um and down 100 um')).toMatchObject({ tool: 'move_stage', args: { xUm: 200, yUm: 100, relative: true } });
  });
  it('"set the focus to 1520 microns" moves the focus drive to that height', () => {
    expect(idle('set the focus to 1520 microns')).toMatchObject({ tool: 'move_stage', args: { zUm: 1520, relative: false } });
    expect(idle('put the focal plane at 1.5 mm')).toMatchObject({ tool: 'move_stage', args: { zUm: 1500, relative: false } });
    expect(idle('focus up 3 um')).toMatchObject({ tool: 'move_stage', args: { zUm: 3, relative: true } });
  });
});

describe('changes to a run said briefly (the lead\'s second round of tries)', () => {
  const stacked = start({ channels: [{ config: 'FITC' }], timePlan: { intervalS: 300, durationS: 21600 }, zPlan: { rangeUm: 10, stepUm: 1 }, stagePositions: [{ name: 'Pos0', xUm: 0, yUm: 0 }, { name: 'Pos1', xUm: 500, yUm: 0 }] });
  const changed = (text: string) => (route(text, stacked) as unknown as { args: { changes: unknown[] } }).args.changes;
  it('a rate with "one": "one frame per 10 min" is a 10 min interval', () => {
    expect(changed('decrease the temporal resolution to one frame per 10 min')).toEqual([{ kind: 'interval', intervalS: 600 }]);
  });
  it('a place to image after "image at": "also image at 1500, 200" adds that position', () => {
    expect(changed('also image at 1500, 200')).toEqual([{ kind: 'addPosition', xUm: 1500, yUm: 200 }]);
  });
  it('a z step said finer after its noun: "make the steps finer, 0.25 um"', () => {
    expect(changed('make the steps finer, 0.25 um')).toEqual([{ kind: 'zPlan', zPlan: { rangeUm: 10, stepUm: 0.25 } }]);
  });
  it('a channel with "also" or "plus" alone is added', () => {
    expect(changed('also the Texas Red channel')).toEqual([{ kind: 'addChannel', channel: 'Rhodamine' }]);
    expect(changed('plus DAPI please')).toEqual([{ kind: 'addChannel', channel: 'DAPI' }]);
  });
});

describe('"stop after the next time point"', () => {
  it('finishes the time point coming, then stops (never asked what to stop)', () => {
    expect(route('stop after the next time point')).toMatchObject({ tool: 'stop_acquisition', args: { finishTimepoint: true } });
  });
});
