// The acquisition runner (pymmcore-plus's MDARunner): owns time, the event queue, pause,
// resume and stop, and emits the signals; an AcquisitionEngine (engine.ts) does the
// hardware work for each event. Time points are expanded one at a time from the live plan
// (acquisition.ts changes it), so a change applies to every event not yet started.
// Teardown runs whatever happens.
import type { AcquisitionState } from './acquisitionStatus.ts';
import type { ChannelSettings } from './channelSettings.ts';
import type { Clock } from './clock.ts';
import type { AcquisitionEngine, ResolvedEvent } from './engine.ts';
import { eventsAtTimepoint, fieldNames, positionsOf, zCount, type StageContext } from './events.ts';
import type { GuardedMicroscope } from './guard.ts';
import type { LatestImages } from './latestImages.ts';
import type { Limits } from './limits.ts';
import type { Snapshot } from './microscope.ts';
import type { RuleRunner } from './rules.ts';
import { autofocusDue, type Sequence } from './sequence.ts';
import { AUTOFOCUS_EXPOSURE_SHARE } from './autofocus.ts';
import type { Signals } from './signals.ts';
import type { FrameSink } from './sink.ts';
import { remainingTimeS, type Timeline } from './timeline.ts';

export interface FrameEvent {
  event: ResolvedEvent;
  /** Time point index (0-based, as in the frames table) and start of the exposure, s since the acquisition started. */
  t: number;
  timeS: number;
  channel: string;
  position: string;
  zIndex: number;
  exposureMs: number;
  powerPercent: number;
  doseJPerCm2: number;
  snapshot: Snapshot;
}

export interface TimepointEvent {
  t: number;
  startS: number;
  images: number;
  intervalS: number;
}

export interface RunnerSignals extends Record<string, unknown> {
  frame: FrameEvent;
  timepoint: TimepointEvent;
  state: AcquisitionState;
  note: string;
}

/** What the runner works with: the live plan (changed in place by the acquisition), the timeline, the engine, the outputs. */
export interface RunnerParts {
  plan(): Sequence;
  timeline: Timeline;
  engine: AcquisitionEngine;
  sink: FrameSink;
  settings: ChannelSettings;
  latest: LatestImages;
  microscope: GuardedMicroscope;
  clock: Clock;
  limits: Limits;
  rules: RuleRunner;
  signals: Signals<RunnerSignals>;
  note(message: string): void;
  /** Whether to leave out a position at time point t (its own interval is not yet due). */
  skipPosition?(position: string, t: number, nowS: number): boolean;
}

export class Runner {
  state: AcquisitionState = 'idle';
  imagesAcquired = 0;
  timepointsDone = 0;
  stopReason: string | undefined;
  error: string | undefined;
  /** An objective to switch to, and an autofocus to run, before the next time point. */
  pendingObjective: string | undefined;
  pendingAutofocus = false;
  /** Every autofocus run: the time point it ran before, where, why (the plan's schedule or a command) and the focus shift, µm. */
  readonly autofocusRuns: { t: number; position: string; reason: 'plan' | 'asked'; shiftUm: number }[] = [];
  private pauseRequested = false;
  private stopRequested = false;
  private startMs = 0;
  private lastTimepointS = 0;
  private wake: AbortController | undefined;

  constructor(private readonly parts: RunnerParts) {}

  get paused(): boolean {
    return this.pauseRequested;
  }

  get stopping(): boolean {
    return this.stopRequested;
  }

  pause(): void {
    this.pauseRequested = true;
    this.wakeUp();
  }

  resume(): void {
    this.pauseRequested = false;
    this.wakeUp();
  }

  /** Stops after the current image. */
  stop(reason: string): void {
    this.stopRequested = true;
    this.stopReason ??= reason;
    this.wakeUp();
  }

  /** Ends the plan after the time point in progress. */
  finish(reason: string): void {
    this.parts.timeline.finish();
    if (this.state === 'acquiring') this.setState('finishing');
    this.stopReason ??= reason;
    this.wakeUp();
  }

  /** A live change happened: a wait is recomputed at once. */
  wakeUp(): void {
    this.wake?.abort();
  }

  elapsedS(): number {
    return this.state === 'idle' ? 0 : (this.parts.clock.now() - this.startMs) / 1000;
  }

  remainingS(): number {
    if (this.state === 'done') return 0;
    const plan = this.parts.plan();
    const perTimepointS = this.lastTimepointS || eventsAtTimepoint(plan, 0, this.stageContext()).reduce((sum, e) => sum + ((plan.channels.find((c) => c.config === e.channel)?.exposureMs ?? this.parts.settings.defaultExposureMs) + 10) / 1000, 0);
    return remainingTimeS(this.parts.timeline, this.elapsedS(), perTimepointS, this.state === 'acquiring' || this.state === 'finishing');
  }

  stageContext(): StageContext {
    const s = this.parts.microscope.getState();
    return { xUm: s.xUm, yUm: s.yUm, zUm: s.zUm, fieldWidthUm: s.imageWidthPx * s.pixelSizeUm, fieldHeightUm: s.imageHeightPx * s.pixelSizeUm };
  }

  /** Runs the whole acquisition; resolves when it has ended (never rejects: see error). */
  async run(): Promise<void> {
    this.startMs = this.parts.clock.now();
    try {
      this.fixPositions();
      await this.parts.engine.setupSequence(this.parts.plan());
      while (await this.waitForNextTimepoint()) {
        const t = this.parts.timeline.timepointsTaken;
        const startS = this.elapsedS();
        this.parts.timeline.markTaken(startS);
        // what this time point images is fixed here, in the same tick as markTaken: a change
        // arriving from now on reports t+1 as its first time point, so it must not reach t's events
        const atStart = structuredClone(this.parts.plan());
        // the plan's autofocus schedule (useq autofocus_plan) or one asked for
        const scheduled = autofocusDue(atStart.autofocusPlan, t);
        const before = { objective: this.pendingObjective, autofocus: this.pendingAutofocus || scheduled, reason: scheduled ? ('plan' as const) : ('asked' as const) };
        this.pendingObjective = undefined;
        this.pendingAutofocus = false;
        this.setState('acquiring');
        const images = await this.runTimepoint(t, atStart, before);
        await this.parts.sink.flush();
        if (images === 0 && this.stopRequested) break; // stopped before its first image: not a time point
        this.timepointsDone++;
        this.lastTimepointS = this.elapsedS() - startS;
        this.parts.signals.emit('timepoint', { t, startS, images, intervalS: this.parts.timeline.intervalS });
        this.parts.rules.afterTimepoint(this.elapsedS());
        if (this.stopRequested) break;
      }
    } catch (err) {
      this.error = (err as Error).message.split('\n')[0];
      this.stopReason ??= `failed: ${this.error}`;
    } finally {
      this.setState('finishing');
      await this.parts.engine.teardownSequence(this.parts.plan()).catch((err) => this.parts.note(`engine teardown failed: ${(err as Error).message.split('\n')[0]}`));
      await this.parts.sink.close().catch((err) => (this.error ??= `could not close the files: ${(err as Error).message.split('\n')[0]}`));
      this.stopReason ??= 'finished';
      this.setState('done');
    }
  }

  /** Names the plan's positions and pins them (the current stage position when none is given). */
  private fixPositions(): void {
    const plan = this.parts.plan();
    plan.stagePositions = positionsOf(plan, this.stageContext()).map((p) => ({ ...p }));
  }

  /** Waits for the next time point's start; false when the run should end. */
  private async waitForNextTimepoint(): Promise<boolean> {
    for (;;) {
      if (this.stopRequested) return false;
      if (this.pauseRequested) {
        this.setState('paused');
        await this.sleep(1000);
        continue;
      }
      const nextS = this.parts.timeline.nextStartS();
      if (nextS === undefined) return false;
      const waitMs = nextS * 1000 - (this.parts.clock.now() - this.startMs);
      if (waitMs <= 0) return true;
      this.setState('waiting');
      await this.sleep(waitMs);
    }
  }

  /** Sleeps on the clock; any live change wakes it early so the wait is recomputed. */
  private async sleep(ms: number): Promise<void> {
    this.wake = new AbortController();
    await this.parts.clock.sleep(ms, this.wake.signal);
    this.wake = undefined;
  }

  /** Images time point t as the plan stood when it started (`atStart`, with the objective and autofocus asked for before it; live exposure and power apply per image). */
  private async runTimepoint(t: number, atStart: Sequence, before: { objective?: string; autofocus: boolean; reason: 'plan' | 'asked' }): Promise<number> {
    if (before.objective) await this.parts.engine.setObjective?.(before.objective);
    if (before.autofocus) {
      // at each position when the plan says so (each keeps its own focus), else at the first with its shift moving all
      const positions = atStart.autofocusPlan?.eachPosition ? this.parts.plan().stagePositions!.map((p) => p.name!) : [undefined];
      for (const position of positions) {
        if (this.stopRequested) break;
        await this.autofocusNow(atStart, t, before.reason, position).catch((err) => this.parts.note((err as Error).message.split('\n')[0]));
      }
    }
    const stage = this.stageContext();
    const mic = this.parts.microscope.getState();
    await this.parts.sink.ensureLayout({
      positions: fieldNames(atStart, stage),
      channels: atStart.channels.map((c) => c.config),
      zCount: zCount(atStart),
      widthPx: mic.imageWidthPx, heightPx: mic.imageHeightPx, pixelSizeUm: mic.pixelSizeUm,
      zStepUm: atStart.zPlan && 'stepUm' in atStart.zPlan ? atStart.zPlan.stepUm : undefined,
      intervalS: this.parts.timeline.intervalS || undefined,
      capacity: Math.min(100_000, Math.max(8, Math.ceil((this.parts.timeline.remainingTimepoints() + 1) * 1.5))),
    });
    let images = 0;
    for (const event of eventsAtTimepoint(atStart, t, stage)) {
      while (this.pauseRequested && !this.stopRequested) {
        this.setState('paused');
        await this.sleep(1000);
      }
      if (this.stopRequested) break;
      if (this.parts.skipPosition?.(event.positionName, t, this.elapsedS())) continue;
      this.setState(this.state === 'finishing' ? 'finishing' : 'acquiring');
      const resolved = this.parts.settings.resolve(event, this.parts.plan(), atStart);
      if (!resolved) continue;
      if (!(await this.execute(resolved, t))) break;
      images++;
    }
    return images;
  }

  /** One image through the engine. Returns false (and stops the run) when the engine refuses (dose budget). */
  private async execute(event: ResolvedEvent, t: number): Promise<boolean> {
    await this.parts.engine.setupEvent(event);
    try {
      const outcome = await this.parts.engine.execEvent(event);
      if (outcome.kind === 'refused') {
        this.stopRequested = true;
        this.stopReason ??= outcome.reason;
        this.parts.note(outcome.reason);
        return false;
      }
      const { snapshot, doseJPerCm2 } = outcome;
      this.imagesAcquired++;
      const timeS = (snapshot.timeMs - this.startMs) / 1000;
      const { xUm, yUm, zUm, objective, pixelSizeUm } = snapshot;
      await this.parts.sink.add(t, event.index.c, event.index.z, snapshot.data, { t, position: event.positionName, channel: event.channel, zIndex: event.index.z, timeS, exposureMs: event.exposureMs, powerPercent: event.powerPercent, xUm, yUm, zUm, objective, pixelSizeUm, doseJPerCm2 });
      this.parts.latest.set(event.positionName, event.channel, snapshot);
      this.parts.signals.emit('frame', { event, t, timeS, channel: event.channel, position: event.positionName, zIndex: event.index.z, exposureMs: event.exposureMs, powerPercent: event.powerPercent, doseJPerCm2, snapshot });
      await this.parts.rules
        .onFrame({ position: event.positionName, channel: event.channel, zIndex: event.index.z, zCount: zCount(this.parts.plan()), data: snapshot.data, widthPx: snapshot.widthPx, heightPx: snapshot.heightPx, pixelSizeUm: snapshot.pixelSizeUm })
        .catch((err: Error) => this.parts.note(`a rule could not measure the frame: ${(err as Error).message.split('\n')[0]}`));
      return true;
    } finally {
      await this.parts.engine.teardownEvent(event);
    }
  }

  /**
   * Autofocus at one position (its shift moves that position, in the live plan and in the time point starting, `atStart`),
   * or at the first position with its shift moving every position (`only` undefined).
   */
  private async autofocusNow(atStart: Sequence, t: number, reason: 'plan' | 'asked', only?: string): Promise<void> {
    if (!this.parts.engine.autofocus) return this.parts.note('this engine has no autofocus');
    const position = this.parts.plan().stagePositions!.find((p) => p.name === only) ?? this.parts.plan().stagePositions![0];
    const channel = this.parts.settings.triggerChannel(this.parts.plan());
    const spec = this.parts.plan().channels.find((c) => c.config === channel);
    // Autofocus images are short and dim: a fifth of the plan's exposure.
    const exposureMs = Math.max(this.parts.limits.minExposureMs, (spec?.exposureMs ?? this.parts.settings.defaultExposureMs) * AUTOFOCUS_EXPOSURE_SHARE);
    const shiftUm = await this.parts.engine.autofocus({ positionName: position.name!, xUm: position.xUm, yUm: position.yUm, zUm: position.zUm ?? this.parts.microscope.getState().zUm, channel, exposureMs, powerPercent: spec?.powerPercent ?? this.parts.settings.defaultPowerFor(channel) });
    for (const plan of [this.parts.plan(), atStart]) for (const p of plan.stagePositions ?? []) if (only === undefined || p.name === only) p.zUm = (p.zUm ?? 0) + shiftUm;
    this.autofocusRuns.push({ t, position: position.name!, reason, shiftUm: Math.round(shiftUm * 1000) / 1000 });
    // (a planned run is in the record, not in the notes, which it would flood at every time point)
    if (reason === 'asked') this.parts.note(`autofocus moved the focus by ${Math.round(shiftUm * 100) / 100} µm`);
  }

  private setState(state: AcquisitionState): void {
    if (this.state === state) return;
    this.state = state;
    this.parts.signals.emit('state', state);
  }
}
