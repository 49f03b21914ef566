import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/route.ts';
import { changesUndone } from '../../../src/agent/acquisitionLanguage/undo.ts';

type Step = { tool: string; args: Record<string, unknown> };
const START: Step = { tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC', exposureMs: 100, powerPercent: 10 }, { config: 'Rhodamine', exposureMs: 50 }, { config: 'DAPI' }], timePlan: { intervalS: 300, durationS: 21600 }, zPlan: { rangeUm: 8, stepUm: 1 }, stagePositions: [1, 2, 3, 4].map((i) => ({ name: `Pos${i}`, xUm: i * 100, yUm: 0 })) } } };
const change = (...changes: Record<string, unknown>[]): Step => ({ tool: 'adjust_acquisition', args: { changes } });
const running = (text: string, earlier: Step[] = [START]) => routeMicroscopeRequest(text, { acquisitionRunning: true, earlier });

describe('several changes undone at once (stop 44)', () => {
  it('reads how many', () => {
    expect(changesUndone('undo the last two changes')).toBe(2);
    expect(changesUndone('undo both of those')).toBe(2);
    expect(changesUndone('revert my last 3 changes please')).toBe(3);
    expect(changesUndone('undo that')).toBeUndefined();
  });
  it('sets every setting they moved back to its value before the first of them', () => {
    const earlier = [START, change({ kind: 'interval', intervalS: 120 }), change({ kind: 'exposure', exposureMs: 200, channel: 'FITC' })];
    expect(running('undo the last two changes', earlier)).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'exposure', exposureMs: 100, channel: 'FITC' }, { kind: 'interval', intervalS: 300 }] } });
    const dropped = [START, change({ kind: 'dropChannel', channel: 'DAPI' }), change({ kind: 'zPlan', zPlan: null })];
    expect(running('undo both of those', dropped)).toMatchObject({ args: { changes: [{ kind: 'addChannel', channel: 'DAPI' }, { kind: 'zPlan', zPlan: { rangeUm: 8, stepUm: 1 } }] } });
  });
  it('names what it cannot set back, or that fewer changes were made, and changes nothing', () => {
    expect(running('undo the last two changes', [START, change({ kind: 'dropPosition', position: '2' }), change({ kind: 'interval', intervalS: 60 })])).toMatchObject({ ask: expect.stringMatching(/stop imaging position 2.*nothing was changed/), command: true });
    expect(running('undo the last 3 changes', [START, change({ kind: 'interval', intervalS: 60 })])).toMatchObject({ ask: expect.stringMatching(/Only 1 change has been made.*nothing was changed/) });
  });
  it('"undo" right after the z-stack was taken away brings it back', () => {
    expect(running('undo', [START, change({ kind: 'zPlan', zPlan: null })])).toMatchObject({ args: { changes: [{ kind: 'zPlan', zPlan: { rangeUm: 8, stepUm: 1 } }] } });
  });
});

describe('lab shorthand, microscope software words and limits (stop 44)', () => {
  it('a factor before the short name of the exposure; a particle saying which way an interval moves', () => {
    expect(running('gfp 2x exp')).toMatchObject({ args: { changes: [{ kind: 'exposureFactor', factor: 2, channel: 'FITC' }] } });
    expect(running('bump the interval up by 2 min')).toMatchObject({ args: { changes: [{ kind: 'interval', intervalS: 420 }] } });
    expect(running('knock the interval down by 1 min')).toMatchObject({ args: { changes: [{ kind: 'interval', intervalS: 240 }] } });
  });
  it('a Z-series counted in steps of a size, as NIS-Elements says it, is that many planes', () => {
    expect(running('change the Z-series to 21 steps of 0.5 µm')).toMatchObject({ args: { changes: [{ kind: 'zPlan', zPlan: { rangeUm: 10, stepUm: 0.5 } }] } });
  });
  it('more planes than a stack may have is refused with the limit', () => {
    expect(running('600 slices at 0.1 µm')).toMatchObject({ ask: expect.stringMatching(/at most 500 planes.*600.*nothing was changed/), command: true });
  });
  it('a hardware focus lock is said to be missing, the software autofocus offered, nothing changed', () => {
    for (const text of ['turn PFS on', 'engage the perfect focus please']) expect(running(text)).toMatchObject({ ask: expect.stringMatching(/no hardware focus lock.*nothing was changed.*autofocus/), command: true });
  });
  it('a level that "passes" a value is above it', () => {
    expect(running('once the cell count passes 200, go to every 10 min')).toMatchObject({ tool: 'add_rule', args: { rule: { trigger: { kind: 'cellCount', comparison: 'above', threshold: 200 } } } });
  });
});

describe('more words of people at the microscope (stop 44)', () => {
  it('"delete", "erase", "omit" take a position, a channel or the z-stack away', () => {
    expect(running('delete position #4 from the list')).toMatchObject({ args: { changes: [{ kind: 'dropPosition', position: '4' }] } });
    expect(running('omit GFP from now on')).toMatchObject({ args: { changes: [{ kind: 'dropChannel', channel: 'FITC' }] } });
    expect(running('delete the z-stack')).toMatchObject({ args: { changes: [{ kind: 'zPlan', zPlan: null }] } });
  });
  it('the interval said to go back with no value is the one before its last change', () => {
    const earlier = [START, change({ kind: 'interval', intervalS: 60 })];
    for (const text of ['put the interval back', 'interval back please', 'reset the interval']) expect(running(text, earlier)).toMatchObject({ args: { changes: [{ kind: 'interval', intervalS: 300 }] } });
    expect(running('interval back to 10 min', earlier)).toMatchObject({ args: { changes: [{ kind: 'interval', intervalS: 600 }] } });
  });
  it('"twice as long exposure" with no channel named is every channel\'s exposure', () => {
    expect(running('twice as long exposure')).toMatchObject({ args: { changes: [{ kind: 'exposureFactor', factor: 2 }] } });
    expect(running('run twice as long')).toMatchObject({ args: { changes: [{ kind: 'duration', durationS: 43200 }] } });
  });
  it('"stop after this one" finishes the time point', () => {
    expect(running('stop after this one')).toMatchObject({ tool: 'stop_acquisition', args: { finishTimepoint: true } });
    expect(running('drop GFP after this one')).toMatchObject({ args: { changes: [{ kind: 'dropChannel', channel: 'FITC' }] } });
  });
});

describe('the z-stack off, and the interval at several positions (stop 44)', () => {
  it('"z-stack off" is a single plane', () => {
    for (const text of ['z-stack off', 'z stack off please', 'stack off']) expect(running(text)).toMatchObject({ args: { changes: [{ kind: 'zPlan', zPlan: null }] } });
  });
  it('an interval for several positions is refused in one line, nothing applied', () => {
    for (const text of ['set the interval to 10 min for positions 1 and 2', 'image pos 1 and 3 every 2 min']) {
      expect(running(text)).toMatchObject({ ask: expect.stringMatching(/one position at a time.*nothing was changed/i), command: true });
    }
    expect(running('every 2 min at all positions')).toMatchObject({ args: { changes: [{ kind: 'interval', intervalS: 120 }] } });
  });
  it('one position slower or faster than the run is that position\'s own interval', () => {
    expect(running('image position 2 every 10 min')).toMatchObject({ args: { changes: [{ kind: 'interval', intervalS: 600, onlyAt: '2' }] } });
    expect(running('image position 2 every 1 min')).toMatchObject({ args: { changes: [{ kind: 'interval', intervalS: 60, onlyAt: '2' }] } });
  });
});
