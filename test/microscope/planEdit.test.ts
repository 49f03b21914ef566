import { describe, expect, it } from 'vitest';
import { DEMO_CONFIG } from '../../src/microscope/config.ts';
import { DEFAULT_LIMITS } from '../../src/microscope/limits.ts';
import { applyAdjustment, type PlanEnv } from '../../src/microscope/planEdit.ts';
import { parseSequence } from '../../src/microscope/sequence.ts';

const env: PlanEnv = {
  config: DEMO_CONFIG,
  limits: DEFAULT_LIMITS,
  stage: { xUm: 0, yUm: 0, zUm: 100, fieldWidthUm: 256, fieldHeightUm: 256 },
  defaultExposureMs: 100,
  defaultPowerPercent: () => 20,
  objective: '20X',
};
const plan = () => parseSequence({ channels: [{ config: 'FITC', powerPercent: 10, exposureMs: 50 }, { config: 'DAPI' }], timePlan: { intervalS: 60, loops: 10 } });

describe('applyAdjustment (a pure function of the plan)', () => {
  it('relative changes are computed from the current value: "reduce by 90 %" at 10 % is 1 %', () => {
    const before = plan();
    const edit = applyAdjustment(before, { kind: 'powerFactor', channel: '488', factor: 0.1 }, env);
    expect(edit.plan.channels[0].powerPercent).toBe(1);
    expect(before.channels[0].powerPercent).toBe(10); // the input is untouched
    expect(applyAdjustment(before, { kind: 'exposureFactor', factor: 0.5 }, env).plan.channels.map((c) => c.exposureMs)).toEqual([25, 50]);
    expect(applyAdjustment(before, { kind: 'powerFactor', channel: 'DAPI', factor: 10 }, env).plan.channels[1].powerPercent).toBe(100); // 20 % x 10, clamped
  });

  it('drops a channel and the others go on; the only channel cannot be dropped', () => {
    const edit = applyAdjustment(plan(), { kind: 'dropChannel', channel: 'GFP' }, env);
    expect(edit.plan.channels.map((c) => c.config)).toEqual(['DAPI']);
    expect(edit.message).toMatch(/FITC dropped .* DAPI go on/);
    expect(() => applyAdjustment(edit.plan, { kind: 'dropChannel', channel: 'DAPI' }, env)).toThrow(/only channel; to end the acquisition, ask to stop it/);
  });

  it('a channel by its number in the plan (1-based); a number past the plan is refused naming the channels', () => {
    expect(applyAdjustment(plan(), { kind: 'dropChannel', channel: '2' }, env).plan.channels.map((c) => c.config)).toEqual(['FITC']);
    expect(applyAdjustment(plan(), { kind: 'powerFactor', channel: 'channel 1', factor: 0.5 }, env).plan.channels[0].powerPercent).toBe(5);
    expect(() => applyAdjustment(plan(), { kind: 'dropChannel', channel: '3' }, env)).toThrow(/there is no channel 3: the plan images 1 = FITC, 2 = DAPI/);
  });

  it('moves the position named (by number or name), else the first', () => {
    const three = parseSequence({ channels: [{ config: 'FITC' }], timePlan: { intervalS: 60, loops: 10 }, stagePositions: [0, 1, 2].map((i) => ({ name: `Pos${i}`, xUm: i * 1000, yUm: 0 })) });
    expect(applyAdjustment(three, { kind: 'moveStage', relative: true, xUm: 50, position: '2' }, env).plan.stagePositions!.map((p) => p.xUm)).toEqual([0, 1050, 2000]);
    expect(applyAdjustment(three, { kind: 'moveStage', relative: true, xUm: 50, position: 'Pos2' }, env).plan.stagePositions!.map((p) => p.xUm)).toEqual([0, 1000, 2050]);
    expect(applyAdjustment(three, { kind: 'moveStage', relative: true, xUm: 50 }, env).plan.stagePositions!.map((p) => p.xUm)).toEqual([50, 1000, 2000]);
  });

  it('a position dropped by name or number, one added; the last position cannot be dropped', () => {
    const three = parseSequence({ channels: [{ config: 'FITC' }], stagePositions: [{ xUm: 0, yUm: 0 }, { xUm: 800, yUm: 0 }, { xUm: 1600, yUm: 0 }] });
    expect(applyAdjustment(three, { kind: 'dropPosition', position: '2' }, env).plan.stagePositions!.map((p) => p.name)).toEqual(['Pos0', 'Pos2']);
    const byName = applyAdjustment(three, { kind: 'dropPosition', position: 'pos 2' }, env);
    expect(byName.plan.stagePositions!.map((p) => p.name)).toEqual(['Pos0', 'Pos1']);
    expect(byName.message).toMatch(/Pos2 dropped from the next time point; Pos0, Pos1 go on/);
    // ("Pos3" with Pos0-Pos2 is no name: the third position, as people count)
    expect(applyAdjustment(three, { kind: 'dropPosition', position: 'Pos3' }, env).plan.stagePositions!.map((p) => p.name)).toEqual(['Pos0', 'Pos1']);
    expect(() => applyAdjustment(three, { kind: 'dropPosition', position: 'Pos4' }, env)).toThrow(/there is no position "Pos4"/);
    expect(() => applyAdjustment(three, { kind: 'dropPosition', position: '7' }, env)).toThrow(/there is no position "7": the plan images 1 = Pos0, 2 = Pos1, 3 = Pos2/);
    const added = applyAdjustment(three, { kind: 'addPosition', xUm: 500, yUm: 500 }, env);
    expect(added.plan.stagePositions!.at(-1)).toEqual({ name: 'Pos3', xUm: 500, yUm: 500, zUm: 100 });
    // a plan with no positions images where the stage is: that one cannot be dropped
    expect(() => applyAdjustment(plan(), { kind: 'dropPosition', position: '1' }, env)).toThrow(/only position/);
    expect(() => applyAdjustment(three, { kind: 'addPosition', xUm: 1e9, yUm: 0 }, env)).toThrow(/travel limit/);
  });

  it('a position with no coordinates is where the stage is now; one of the run\'s own positions there is refused', () => {
    const three = parseSequence({ channels: [{ config: 'FITC' }], stagePositions: [{ xUm: 0, yUm: 0 }, { xUm: 800, yUm: 0 }, { xUm: 1600, yUm: 0 }] });
    const moved = { ...env, stage: { ...env.stage, xUm: 300, yUm: -200 } };
    expect(applyAdjustment(three, { kind: 'addPosition' }, moved).plan.stagePositions!.at(-1)).toEqual({ name: 'Pos3', xUm: 300, yUm: -200, zUm: 100 });
    // (the run has just moved the stage to Pos1: adding "here" would image it twice)
    const atPos1 = { ...env, stage: { ...env.stage, xUm: 800, yUm: 0 } };
    expect(() => applyAdjustment(three, { kind: 'addPosition' }, atPos1)).toThrow(/the stage is at Pos1 .* one of the run's own positions: move it .*nothing was changed/);
    expect(() => applyAdjustment(three, { kind: 'addPosition', xUm: 5 }, moved)).toThrow(/both x and y/);
  });

  it('a position given as an offset goes that far from the run\'s last position', () => {
    const three = parseSequence({ channels: [{ config: 'FITC' }], stagePositions: [{ xUm: 0, yUm: 0 }, { xUm: 800, yUm: 0 }, { xUm: 1600, yUm: 50 }] });
    const edit = applyAdjustment(three, { kind: 'addPosition', dxUm: 200, dyUm: -30 }, env);
    expect(edit.plan.stagePositions!.at(-1)).toMatchObject({ name: 'Pos3', xUm: 1800, yUm: 20 });
    // (no positions in the plan: from where the stage is)
    expect(applyAdjustment(plan(), { kind: 'addPosition', dxUm: -100 }, env).plan.stagePositions!.at(-1)).toMatchObject({ xUm: env.stage.xUm - 100, yUm: env.stage.yUm });
    expect(() => applyAdjustment(three, { kind: 'addPosition', xUm: 5, yUm: 5, dxUm: 1 }, env)).toThrow(/x and y or by an offset/);
  });

  it('"only GFP" keeps that channel, drops the others and adds one not imaged yet', () => {
    const edit = applyAdjustment(plan(), { kind: 'onlyChannels', channels: ['GFP', 'Cy5'] }, env);
    expect(edit.plan.channels.map((c) => [c.config, c.powerPercent])).toEqual([['FITC', 10], ['Cy5', undefined]]);
    expect(edit.message).toMatch(/only FITC and Cy5 .*DAPI dropped; Cy5 added/);
  });

  it('z-stacks by planes, channels every Nth time point, positions', () => {
    expect(applyAdjustment(plan(), { kind: 'zPlan', zPlan: { planes: 11, stepUm: 0.5 } }, env).plan.zPlan).toEqual({ rangeUm: 5, stepUm: 0.5 });
    expect(() => applyAdjustment(plan(), { kind: 'zPlan', zPlan: { rangeUm: 1_000_000, stepUm: 0.001 } }, env)).toThrow(/1000000001 planes is refused/);
    const added = applyAdjustment(plan(), { kind: 'addChannel', channel: 'brightfield', acquireEvery: 3 }, env);
    expect(added.plan.channels.at(-1)).toMatchObject({ config: 'Brightfield', acquireEvery: 3 });
    const positions = applyAdjustment(plan(), { kind: 'positions', positions: [{ xUm: 0, yUm: 0 }, { xUm: 500, yUm: 0 }, { xUm: 1000, yUm: 200 }] }, env);
    expect(positions.plan.stagePositions!.map((p) => [p.name, p.zUm])).toEqual([['Pos0', 100], ['Pos1', 100], ['Pos2', 100]]);
    expect(() => applyAdjustment(plan(), { kind: 'positions', positions: [{ xUm: 1e6, yUm: 0 }] }, env)).toThrow(/outside the travel limit/);
  });
});

describe('where each channel sits in z (zOffsetUm, doStack, axisOrder)', () => {
  const stacked = () => parseSequence({ channels: [{ config: 'FITC' }, { config: 'Brightfield' }], timePlan: { intervalS: 60, loops: 10 }, zPlan: { rangeUm: 4, stepUm: 1 } });
  it('sets one channel\'s focus offset and middle-plane-only, leaving the other channel as it was', () => {
    const offset = applyAdjustment(stacked(), { kind: 'channelZOffset', channel: 'GFP', zOffsetUm: 1.5 }, env).plan;
    expect(offset.channels.map((c) => c.zOffsetUm)).toEqual([1.5, 0]);
    const single = applyAdjustment(stacked(), { kind: 'channelStack', channel: 'Brightfield', doStack: false }, env).plan;
    expect(single.channels.map((c) => c.doStack)).toEqual([true, false]);
    expect(single.zPlan).toEqual({ rangeUm: 4, stepUm: 1 });
  });
  it('sets the loop order, and refuses an offset beyond the stage\'s z range', () => {
    expect(applyAdjustment(stacked(), { kind: 'axisOrder', axisOrder: 'tpgzc' }, env).plan.axisOrder).toBe('tpgzc');
    expect(() => applyAdjustment(stacked(), { kind: 'channelZOffset', channel: 'GFP', zOffsetUm: -6000 }, env)).toThrow(/outside the travel limit/);
  });
});
