import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAcquisition } from '../../src/microscope/engine.ts';
import { describeStatus } from '../../src/microscope/acquisitionStatus.ts';
import { autofocusScheduleAt, timepointsForSpan } from '../../src/microscope/autofocusSchedule.ts';
import { autofocusDue, describeAutofocusPlan, describePlan, parseSequence } from '../../src/microscope/sequence.ts';
import { simulatedScope, tempDir } from './fixtures.ts';

describe('the autofocus plan of a sequence', () => {
  it('is due before every Nth time point, the first included; 0 = only before the first', () => {
    const due = (every: number) => [0, 1, 2, 3, 4, 5, 6].filter((t) => autofocusDue({ everyTimepoints: every }, t));
    expect(due(1)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(due(3)).toEqual([0, 3, 6]);
    expect(due(0)).toEqual([0]);
    expect(autofocusDue(undefined, 0)).toBe(false);
  });

  it('is part of the typed plan, with defaults, and said in the plan in words', () => {
    const plan = parseSequence({ channels: [{ config: 'DAPI' }], timePlan: { intervalS: 360, durationS: 4 * 3600 }, autofocusPlan: {} });
    expect(plan.autofocusPlan).toEqual({ everyTimepoints: 1, eachPosition: false });
    expect(describePlan(plan)).toMatch(/autofocus before every time point/);
    expect(describeAutofocusPlan({ everyTimepoints: 3, eachPosition: true })).toMatch(/every 3rd time point.*at each position/);
    expect(() => parseSequence({ channels: [{ config: 'DAPI' }], autofocusPlan: { everyTimepoints: -1 } })).toThrow(/autofocusPlan/);
  });

  it('a span becomes every N time points at the interval, and says so', () => {
    expect(timepointsForSpan(600, 300)).toEqual({ everyTimepoints: 2, exact: true });
    expect(timepointsForSpan(600, 360)).toEqual({ everyTimepoints: 2, exact: false });
    expect(timepointsForSpan(60, 300).everyTimepoints).toBe(1);
    const { plan, said } = autofocusScheduleAt({ kind: 'autofocusSchedule', everyS: 600 }, 360, undefined);
    expect(plan).toEqual({ everyTimepoints: 2, eachPosition: false });
    expect(said).toMatch(/10 min is about every 2 time point\(s\) at the 6 min interval/);
  });
});

/** Frames' focus error (stage z less the sample's z drift), µm, of a run on a simulated scope whose focus drifts 30 µm/h. */
async function focusErrors(autofocusPlan: object | undefined, positions = 1): Promise<{ errors: number[]; runs: { t: number; position: string }[]; status: ReturnType<ReturnType<typeof startAcquisition>['status']> }> {
  const { clock, microscope } = simulatedScope({ drift: { zUmPerH: 30, xUmPerH: 0, yUmPerH: 0, walkUmPerSqrtH: 0 } });
  const plan = { channels: [{ config: 'DAPI', exposureMs: 20 }], timePlan: { intervalS: 240, loops: 6 }, stagePositions: Array.from({ length: positions }, (_, i) => ({ xUm: i * 1000, yUm: 0, zUm: 0 })), ...(autofocusPlan ? { autofocusPlan } : {}) };
  const acquisition = startAcquisition(plan, { microscope, clock, outputPath: join(tempDir(), 'af.tif') });
  const errors: number[] = [];
  acquisition.on('frame', (f) => errors.push(f.snapshot.zUm - microscope.drift.zUm));
  const status = await acquisition.done;
  return { errors, runs: status.autofocus.runs, status };
}

describe('a run with an autofocus plan on the simulated microscope (focus drifting 30 µm/h)', () => {
  it('keeps the focus error bounded where the run without one drifts away', async () => {
    const without = await focusErrors(undefined);
    const withAf = await focusErrors({ everyTimepoints: 1 });
    // 5 intervals of 4 min at 30 µm/h: 10 µm of drift by the last frame
    expect(Math.abs(without.errors.at(-1)!)).toBeGreaterThan(8);
    expect(Math.max(...withAf.errors.map(Math.abs))).toBeLessThan(1.5);
    expect(without.runs).toEqual([]);
  });

  it('runs at the planned time points and records them in the status', async () => {
    const { runs, status } = await focusErrors({ everyTimepoints: 2 });
    expect(runs.map((r) => r.t)).toEqual([0, 2, 4]);
    expect(status.autofocus.runs.every((r) => r.reason === 'plan')).toBe(true);
    expect(status.autofocus.schedule).toMatch(/every 2nd time point/);
    expect(describeStatus(status)).toMatch(/Autofocus before every 2nd time point.*; 3 autofocus run\(s\) so far, the last before t=4/);
  });

  it('at each position: one run per position at each planned time point', async () => {
    const { runs } = await focusErrors({ everyTimepoints: 0, eachPosition: true }, 2);
    expect(runs.map((r) => `${r.t}:${r.position}`)).toEqual(['0:Pos0', '0:Pos1']);
  });

  it('is set, turned to a span and stopped on a running acquisition, each change said', async () => {
    const { clock, microscope } = simulatedScope();
    const plan = { channels: [{ config: 'DAPI', exposureMs: 20 }], timePlan: { intervalS: 300, loops: 7 } };
    const acquisition = startAcquisition(plan, { microscope, clock, outputPath: join(tempDir(), 'af-live.tif') });
    const replies: string[] = [];
    acquisition.on('timepoint', (e) => {
      if (e.t === 0) replies.push(acquisition.adjust({ kind: 'autofocusSchedule', everyS: 600 }).message);
      if (e.t === 3) replies.push(acquisition.adjust({ kind: 'noAutofocusSchedule' }).message);
    });
    const status = await acquisition.done;
    expect(replies[0]).toMatch(/every 2nd time point.*10 min is every 2 time point\(s\) at the 5 min interval/);
    expect(replies[1]).toMatch(/no more scheduled autofocus/);
    expect(status.autofocus.runs.map((r) => r.t)).toEqual([2]);
    expect(status.autofocus.schedule).toBeUndefined();
  });
});
