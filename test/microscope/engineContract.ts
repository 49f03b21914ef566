// The contract every AcquisitionEngine must pass (engine.ts): run it on a new engine, e.g.
// a Micro-Manager bridge, with `engineContract('name', make)`. The runner drives the engine
// through a recording wrapper, so the order of calls is checked as well as their results.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/microscope/clock.ts';
import { DoseLedger } from '../../src/microscope/dose.ts';
import type { AcquisitionEngine, EventOutcome, ResolvedEvent } from '../../src/microscope/engine.ts';
import { DEFAULT_LIMITS, type Limits } from '../../src/microscope/limits.ts';
import type { Microscope } from '../../src/microscope/microscope.ts';
import { startAcquisition } from '../../src/microscope/acquisition.ts';
import { tempDir } from './fixtures.ts';

export interface EngineUnderTest {
  engine: AcquisitionEngine;
  microscope: Microscope;
  clock: Clock;
}

type Call = { step: 'setupSequence' | 'setupEvent' | 'execEvent' | 'teardownEvent' | 'teardownSequence'; event?: ResolvedEvent; outcome?: EventOutcome };

function recording(inner: AcquisitionEngine, calls: Call[], failAt?: number): AcquisitionEngine {
  let executed = 0;
  return {
    setupSequence: async (plan) => {
      calls.push({ step: 'setupSequence' });
      await inner.setupSequence(plan);
    },
    setupEvent: async (event) => {
      calls.push({ step: 'setupEvent', event });
      await inner.setupEvent(event);
    },
    execEvent: async (event) => {
      if (failAt !== undefined && executed++ === failAt) throw new Error('camera disconnected');
      const outcome = await inner.execEvent(event);
      calls.push({ step: 'execEvent', event, outcome });
      return outcome;
    },
    teardownEvent: async (event) => {
      calls.push({ step: 'teardownEvent', event });
      await inner.teardownEvent(event);
    },
    teardownSequence: async (plan) => {
      calls.push({ step: 'teardownSequence' });
      await inner.teardownSequence(plan);
    },
  };
}

const PLAN = { channels: [{ config: 'FITC', exposureMs: 20, powerPercent: 10 }, { config: 'DAPI', exposureMs: 10, powerPercent: 10 }], timePlan: { intervalS: 30, loops: 3 }, zPlan: { rangeUm: 2, stepUm: 1 }, stagePositions: [{ xUm: 0, yUm: 0 }, { xUm: 800, yUm: 0 }] };

export function engineContract(name: string, make: (limits: Limits, ledger: DoseLedger) => EngineUnderTest): void {
  describe(`engine contract: ${name}`, () => {
    it('set up once, then set up, execute and tear down every event in order, then tear down once', async () => {
      const calls: Call[] = [];
      const ledger = new DoseLedger();
      const { engine, microscope, clock } = make(DEFAULT_LIMITS, ledger);
      const acquisition = startAcquisition(PLAN, { microscope, clock, outputPath: join(tempDir(), 'c.tif'), engine: recording(engine, calls), ledger });
      const status = await acquisition.done;
      expect(status.error).toBeUndefined();
      const steps = calls.map((c) => c.step);
      expect(steps[0]).toBe('setupSequence');
      expect(steps.at(-1)).toBe('teardownSequence');
      expect(steps.filter((s) => s === 'setupSequence' || s === 'teardownSequence')).toHaveLength(2);
      const perEvent = steps.slice(1, -1);
      expect(perEvent).toHaveLength(3 * 2 * 2 * 3 * 3); // time points x positions x channels x planes x 3 calls
      for (let i = 0; i < perEvent.length; i += 3) expect(perEvent.slice(i, i + 3)).toEqual(['setupEvent', 'execEvent', 'teardownEvent']);
      // each image is the one asked for: its channel, exposure, stage position and plane
      for (const call of calls.filter((c) => c.step === 'execEvent')) {
        const { event, outcome } = call;
        expect(outcome!.kind).toBe('frame');
        if (outcome!.kind !== 'frame') continue;
        expect(outcome!.snapshot.channel).toBe(event!.channel);
        expect(outcome!.snapshot.exposureMs).toBe(event!.exposureMs);
        expect(outcome!.snapshot.xUm).toBeCloseTo(event!.xUm, 6);
        expect(outcome!.snapshot.zUm).toBeCloseTo(event!.zUm, 6);
        expect(outcome!.doseJPerCm2).toBeGreaterThan(0);
      }
      expect(status.imagesAcquired).toBe(36);
    });

    it('refuses an image past the dose budget without exposing, and the run ends with teardown', async () => {
      const calls: Call[] = [];
      const ledger = new DoseLedger();
      // 20 ms at 10 % of 5 W/cm² = 0.01 J/cm² per FITC image: a 0.025 budget allows two images per field
      const { engine, microscope, clock } = make({ ...DEFAULT_LIMITS, doseBudgetJPerCm2: 0.025 }, ledger);
      const acquisition = startAcquisition({ channels: [PLAN.channels[0]], timePlan: { intervalS: 30, loops: 5 } }, { microscope, clock, outputPath: join(tempDir(), 'b.tif'), engine: recording(engine, calls), ledger, limits: { ...DEFAULT_LIMITS, doseBudgetJPerCm2: 0.025 } });
      const status = await acquisition.done;
      const outcomes = calls.filter((c) => c.step === 'execEvent').map((c) => c.outcome!.kind);
      expect(outcomes).toEqual(['frame', 'frame', 'refused']);
      expect(status.stopReason).toMatch(/dose budget/);
      expect(calls.at(-1)!.step).toBe('teardownSequence');
      expect(ledger.total()).toBeCloseTo(0.02, 9);
    });

    it('an engine failure ends the run with the error named, after tearing down', async () => {
      const calls: Call[] = [];
      const ledger = new DoseLedger();
      const { engine, microscope, clock } = make(DEFAULT_LIMITS, ledger);
      const acquisition = startAcquisition(PLAN, { microscope, clock, outputPath: join(tempDir(), 'f.tif'), engine: recording(engine, calls, 5), ledger });
      const status = await acquisition.done;
      expect(status.error).toBe('camera disconnected');
      expect(status.imagesAcquired).toBe(5);
      expect(calls.at(-2)!.step).toBe('teardownEvent'); // the failed event is torn down too
      expect(calls.at(-1)!.step).toBe('teardownSequence');
    });
  });
}
