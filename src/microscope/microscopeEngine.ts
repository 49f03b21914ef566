// The engine for any `Microscope` (the simulated one, or a bridge to Micro-Manager): sets
// the hardware up for each event, refuses an exposure the dose budget cannot take, snaps,
// and books the light on the lit field in the dose ledger (autofocus images included).
import { AUTOFOCUS_PLANES, autofocus } from './autofocus.ts';
import { lightSourceOf, resolveChannel } from './config.ts';
import { exposureDose, type DoseLedger, type Field } from './dose.ts';
import type { AcquisitionEngine, EventOutcome, ResolvedEvent } from './engine.ts';
import type { GuardedMicroscope } from './guard.ts';
import type { Limits } from './limits.ts';

export class MicroscopeEngine implements AcquisitionEngine {
  constructor(
    private readonly microscope: GuardedMicroscope,
    private readonly ledger: DoseLedger,
    private readonly limits: Limits,
  ) {}

  async setupSequence(): Promise<void> {}

  async setupEvent(event: ResolvedEvent): Promise<void> {
    const m = this.microscope;
    const s = m.getState();
    const source = lightSourceOf(m.config, resolveChannel(m.config, event.channel)).name;
    if (s.xUm !== event.xUm || s.yUm !== event.yUm) await m.setXY(event.xUm, event.yUm);
    if (s.zUm !== event.zUm) await m.setZ(event.zUm);
    if (s.channel !== event.channel) await m.setChannel(event.channel);
    if (s.exposureMs !== event.exposureMs) await m.setExposure(event.exposureMs);
    if (s.powerPercent[source] !== event.powerPercent) await m.setLightPower(source, event.powerPercent);
  }

  async execEvent(event: ResolvedEvent): Promise<EventOutcome> {
    const dose = exposureDose(this.microscope.config, event.channel, event.powerPercent, event.exposureMs);
    const field = this.fieldAt(event.xUm, event.yUm);
    const refusal = this.ledger.refusal(field, dose, this.limits.doseBudgetJPerCm2);
    if (refusal) return { kind: 'refused', reason: `dose budget reached at ${event.positionName}: ${refusal}` };
    const snapshot = await this.microscope.snap();
    const doseLabel = this.ledger.locate(event.positionName, field);
    this.ledger.record(doseLabel, field, snapshot.channel, dose, snapshot.exposureMs);
    return { kind: 'frame', snapshot, doseJPerCm2: dose, doseLabel };
  }

  async teardownEvent(): Promise<void> {}

  async teardownSequence(): Promise<void> {}

  async setObjective(name: string): Promise<void> {
    await this.microscope.setObjective(name);
  }

  /** A z sweep whose every image is checked against the budget and booked, like any other. */
  async autofocus(at: { positionName: string; xUm: number; yUm: number; zUm: number; channel: string; exposureMs: number; powerPercent: number }): Promise<number> {
    const m = this.microscope;
    await m.setXY(at.xUm, at.yUm);
    await m.setZ(at.zUm);
    await m.setChannel(at.channel);
    await m.setExposure(at.exposureMs);
    await m.setLightPower(lightSourceOf(m.config, resolveChannel(m.config, at.channel)).name, at.powerPercent);
    const field = this.fieldAt(at.xUm, at.yUm);
    const perImage = exposureDose(m.config, at.channel, at.powerPercent, m.getState().exposureMs);
    const planes = AUTOFOCUS_PLANES;
    const refusal = this.ledger.refusal(field, perImage * planes, this.limits.doseBudgetJPerCm2);
    if (refusal) throw new Error(`autofocus skipped at ${at.positionName}: ${refusal}`);
    const label = this.ledger.locate(at.positionName, field);
    const result = await autofocus(m, {
      rangeUm: planes - 1,
      stepUm: 1,
      onSnap: (snap) => this.ledger.record(label, field, snap.channel, exposureDose(m.config, snap.channel, snap.powerPercent, snap.exposureMs), snap.exposureMs),
    });
    return result.shiftUm;
  }

  /** The field of view centred on (x, y) with the current objective and camera, µm. */
  fieldAt(xUm: number, yUm: number): Field {
    const s = this.microscope.getState();
    return { xUm, yUm, widthUm: s.imageWidthPx * s.pixelSizeUm, heightUm: s.imageHeightPx * s.pixelSizeUm };
  }
}
