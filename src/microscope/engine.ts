// The acquisition runner: owns time, pause, stop and live changes; drives the microscope
// event by event and streams frames to disk (pymmcore-plus's MDARunner + MDAEngine split:
// the plan is data, this file is the runner, the Microscope is the hardware). Time points
// are expanded one at a time from the live plan, so a change applies to every event not
// yet started: exposure and power from the next image, channels, z plan, positions and
// zoom from the next time point (a hyperstack's layout can only change between them).
// Teardown (closing the files) runs whatever happens; a listener that throws is reported
// as a note, never allowed to stop the acquisition.
import { InputError } from '../errors.ts';
import type { Adjustment } from './adjustment.ts';
import { describeAdjustment, formatDuration } from './adjustment.ts';
import { autofocus } from './autofocus.ts';
import type { Clock } from './clock.ts';
import { findChannel, lightSourceOf, resolveChannel, resolveObjective } from './config.ts';
import { DoseLedger, exposureDose } from './dose.ts';
import { eventsAtTimepoint, fieldNames, positionsOf, zCount, type AcquisitionEvent, type StageContext } from './events.ts';
import { GuardedMicroscope } from './guard.ts';
import { DEFAULT_LIMITS, checkExposure, checkInterval, checkPower, checkStage, type Limits } from './limits.ts';
import { segmentNuclei, type Nucleus } from './measures.ts';
import type { Microscope, Snapshot } from './microscope.ts';
import { RuleRunner, type FrameScorer, type Rule, type RuleStatus } from './rules.ts';
import { parseSequence, zPositionsUm, type ChannelSpec, type Sequence } from './sequence.ts';
import { HyperstackSink, type FrameSink, type WrittenFile } from './sink.ts';
import { Timeline } from './timeline.ts';

export type AcquisitionState = 'idle' | 'waiting' | 'acquiring' | 'paused' | 'finishing' | 'done';

export interface FrameEvent {
  event: AcquisitionEvent;
  /** Time point index (0-based) and start of the exposure, s since the acquisition started. */
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

export interface AdjustResult {
  /** What was done, in one sentence (or the status answer). */
  message: string;
  /** Limits that clamped the request, if any. */
  notes: string[];
}

export interface AcquisitionStatus {
  state: AcquisitionState;
  name: string;
  timepointsDone: number;
  imagesAcquired: number;
  elapsedS: number;
  /** Estimate with the current plan; 0 when done. */
  remainingS: number;
  /** Time to the next time point, s (0 while acquiring). */
  nextTimepointInS: number;
  intervalS: number;
  channels: { channel: string; exposureMs?: number; powerPercent?: number; acquireEvery: number }[];
  zPlanes: number;
  positions: { name: string; xUm: number; yUm: number; zUm: number }[];
  objective: string;
  pixelSizeUm: number;
  dose: {
    totalJPerCm2: number;
    byChannel: Record<string, number>;
    byPosition: Record<string, number>;
    budgetJPerCm2: number;
    /** Highest fraction of the budget any position has used. */
    budgetUsed: number;
    lightOnS: number;
  };
  files: WrittenFile[];
  framesTable: string;
  stopReason?: string;
  error?: string;
  rules: RuleStatus[];
  notes: string[];
}

export interface AcquisitionOptions {
  microscope: Microscope;
  clock: Clock;
  /** First output file (.tif); other positions and parts get suffixes next to it. */
  outputPath: string;
  limits?: Limits;
  /** Shared with the session so the budget spans acquisitions; a new one by default. */
  ledger?: DoseLedger;
  rules?: Rule[];
  scorers?: Record<string, FrameScorer>;
  /** Makes a scorer for a name not in `scorers` (e.g. a model in models/). */
  scorerFor?: (name: string) => FrameScorer | undefined;
  /** Where frames go (default: ImageJ hyperstacks at outputPath). */
  sink?: FrameSink;
}

type Listener<T> = (value: T) => void;

interface Listeners {
  frame: Listener<FrameEvent>[];
  timepoint: Listener<TimepointEvent>[];
  state: Listener<AcquisitionState>[];
  adjusted: Listener<{ adjustment: Adjustment; source: string; result: AdjustResult }>[];
  note: Listener<string>[];
}

const MAX_Z_PLANES = 500;

/** Starts an acquisition in the background; await `.done` for the end. Throws InputError for a bad plan. */
export function startAcquisition(plan: unknown, options: AcquisitionOptions): Acquisition {
  const acquisition = new Acquisition(plan, options);
  acquisition.start();
  return acquisition;
}

export class Acquisition {
  state: AcquisitionState = 'idle';
  readonly plan: Sequence;
  readonly ledger: DoseLedger;
  readonly limits: Limits;
  readonly done: Promise<AcquisitionStatus>;
  readonly notes: string[] = [];
  private resolveDone!: (status: AcquisitionStatus) => void;
  private readonly microscope: GuardedMicroscope;
  private readonly clock: Clock;
  private readonly sink: FrameSink;
  private readonly timeline: Timeline;
  private readonly rules: RuleRunner;
  private readonly scorers: Record<string, FrameScorer>;
  private readonly scorerFor: ((name: string) => FrameScorer | undefined) | undefined;
  private readonly listeners: Listeners = { frame: [], timepoint: [], state: [], adjusted: [], note: [] };
  private startMs = 0;
  private imagesAcquired = 0;
  private timepointsDone = 0;
  private pauseRequested = false;
  private stopRequested = false;
  private stopReason: string | undefined;
  private error: string | undefined;
  private wake: AbortController | undefined;
  private pendingObjective: string | undefined;
  private pendingAutofocus = false;
  private lastTimepointS = 0;
  private readonly defaultExposureMs: number;
  private readonly defaultPower: Record<string, number>;
  /** Latest image per position and channel (zoom to a cell, status). */
  private readonly latest = new Map<string, Snapshot>();
  private started = false;

  constructor(planInput: unknown, options: AcquisitionOptions) {
    this.limits = options.limits ?? DEFAULT_LIMITS;
    this.microscope = options.microscope instanceof GuardedMicroscope ? options.microscope : new GuardedMicroscope(options.microscope, this.limits, (n) => this.note(n));
    this.clock = options.clock;
    this.ledger = options.ledger ?? new DoseLedger();
    this.scorers = { ...options.scorers };
    this.scorerFor = options.scorerFor;
    this.plan = this.validatePlan(parseSequence(planInput));
    this.timeline = new Timeline(this.plan.timePlan);
    const state = this.microscope.getState();
    this.defaultExposureMs = state.exposureMs;
    this.defaultPower = { ...state.powerPercent };
    this.sink = options.sink ?? new HyperstackSink(options.outputPath);
    this.rules = new RuleRunner([...(options.rules ?? [])], {
      adjust: (adj, source) => this.adjust(adj, source),
      intervalS: () => this.timeline.intervalS,
      hasChannel: (c) => this.hasChannel(c),
      defaultChannel: () => this.defaultTriggerChannel(),
      scorer: (name) => (this.scorers[name] ??= this.scorerFor?.(name)!),
      note: (m) => this.note(m),
    });
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    for (const rule of options.rules ?? []) this.warnIfRuleBlind(rule);
  }

  get name(): string {
    return this.plan.name ?? 'acquisition';
  }

  on<K extends keyof Listeners>(event: K, listener: Listeners[K][number]): () => void {
    (this.listeners[event] as unknown[]).push(listener);
    return () => {
      const list = this.listeners[event] as unknown[];
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    };
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.run();
  }

  addRule(rule: Rule): void {
    this.rules.add(rule);
    this.warnIfRuleBlind(rule);
  }

  /** A rule watching a channel this acquisition does not image would never fire: say so. */
  private warnIfRuleBlind(rule: Rule): void {
    const channel = rule.trigger.channel;
    if (channel && !this.hasChannel(channel)) {
      this.note(`rule ${rule.id} watches ${resolveChannel(this.microscope.config, channel).name}, which this acquisition does not image: add that channel or it will never fire`);
    }
  }

  removeRule(id: string): boolean {
    return this.rules.remove(id);
  }

  // ---- live control -------------------------------------------------------------

  pause(): AdjustResult {
    return this.adjust({ kind: 'pause' });
  }

  resume(): AdjustResult {
    return this.adjust({ kind: 'resume' });
  }

  stop(reason = 'stopped on request'): AdjustResult {
    if (!this.stopRequested) this.stopReason = reason;
    return this.adjust({ kind: 'stop' });
  }

  finish(): AdjustResult {
    return this.adjust({ kind: 'finish' });
  }

  /** Applies a live change to events not yet started. Throws InputError when a value is refused. */
  adjust(adj: Adjustment, source = 'user'): AdjustResult {
    if (this.state === 'done' && adj.kind !== 'status') throw new InputError(`the acquisition "${this.name}" has ended (${this.stopReason ?? 'finished'}): start a new one`);
    const notes: string[] = [];
    const clampNote = (n: string | undefined) => n && notes.push(n);
    let message = describeAdjustment(adj);
    switch (adj.kind) {
      case 'interval': {
        const checked = checkInterval(this.limits, adj.intervalS);
        clampNote(checked.note);
        this.timeline.setInterval(checked.value);
        message = `interval set to ${formatDuration(checked.value)} from the next time point`;
        break;
      }
      case 'intervalFactor': {
        if (!(adj.factor > 0)) throw new InputError(`interval factor must be more than 0, got ${adj.factor}`);
        return this.adjust({ kind: 'interval', intervalS: this.timeline.intervalS * adj.factor }, source);
      }
      case 'duration':
        if (!(adj.durationS > 0)) throw new InputError(`duration must be more than 0 s, got ${adj.durationS}`);
        this.timeline.setDuration(adj.durationS);
        message = `the acquisition now ends ${formatDuration(adj.durationS)} after its start`;
        break;
      case 'extend': {
        const endS = Math.max(this.timeline.lastStartPlannedS(), this.elapsedS()) + adj.extraS;
        this.timeline.setDuration(endS);
        message = `extended by ${formatDuration(adj.extraS)}: it now ends about ${formatDuration(endS)} after its start`;
        break;
      }
      case 'loops':
        if (!(Number.isInteger(adj.loops) && adj.loops >= 1)) throw new InputError(`number of time points must be a whole number of at least 1, got ${adj.loops}`);
        this.timeline.setLoops(adj.loops, this.timeline.timepointsTaken);
        break;
      case 'exposure': {
        const checked = checkExposure(this.limits, adj.exposureMs);
        clampNote(checked.note);
        for (const spec of this.channelsFor(adj.channel)) spec.exposureMs = checked.value;
        message = `${adj.channel ? resolveChannel(this.microscope.config, adj.channel).name : 'all channels'}: exposure ${checked.value} ms from the next image`;
        break;
      }
      case 'power': {
        for (const spec of this.channelsFor(adj.channel)) {
          const source = lightSourceOf(this.microscope.config, resolveChannel(this.microscope.config, spec.config)).name;
          const checked = checkPower(this.limits, source, adj.powerPercent);
          clampNote(checked.note);
          spec.powerPercent = checked.value;
        }
        message = `${adj.channel ? resolveChannel(this.microscope.config, adj.channel).name : 'all channels'}: light power ${this.channelsFor(adj.channel)[0].powerPercent} % from the next image`;
        break;
      }
      case 'addChannel': {
        const preset = resolveChannel(this.microscope.config, adj.channel);
        const existing = this.plan.channels.find((c) => c.config === preset.name);
        const exposure = adj.exposureMs !== undefined ? checkExposure(this.limits, adj.exposureMs) : undefined;
        clampNote(exposure?.note);
        const power = adj.powerPercent !== undefined ? checkPower(this.limits, preset.lightSource, adj.powerPercent) : undefined;
        clampNote(power?.note);
        if (existing) {
          if (exposure) existing.exposureMs = exposure.value;
          if (power) existing.powerPercent = power.value;
          if (adj.acquireEvery) existing.acquireEvery = adj.acquireEvery;
          message = `${preset.name} is already imaged${exposure ? `; exposure now ${exposure.value} ms` : ''}`;
        } else {
          this.plan.channels.push({ config: preset.name, exposureMs: exposure?.value, powerPercent: power?.value, acquireEvery: adj.acquireEvery ?? 1, doStack: true, zOffsetUm: 0 });
          message = `${preset.name} added from the next time point`;
        }
        break;
      }
      case 'dropChannel': {
        const preset = resolveChannel(this.microscope.config, adj.channel);
        const i = this.plan.channels.findIndex((c) => c.config === preset.name);
        if (i < 0) throw new InputError(`${preset.name} is not being imaged (channels: ${this.plan.channels.map((c) => c.config).join(', ')})`);
        if (this.plan.channels.length === 1) throw new InputError(`cannot drop ${preset.name}: it is the only channel; stop the acquisition instead`);
        this.plan.channels.splice(i, 1);
        message = `${preset.name} dropped from the next time point`;
        break;
      }
      case 'acquireEvery': {
        if (!(Number.isInteger(adj.every) && adj.every >= 1)) throw new InputError(`"every" must be a whole number of time points, at least 1, got ${adj.every}`);
        for (const spec of this.channelsFor(adj.channel)) spec.acquireEvery = adj.every;
        break;
      }
      case 'zPlan': {
        if (adj.zPlan) {
          const { positionsUm, absolute } = zPositionsUm(adj.zPlan);
          if (positionsUm.length > MAX_Z_PLANES) throw new InputError(`z plan has ${positionsUm.length} planes: the limit is ${MAX_Z_PLANES}; use a larger step`);
          for (const p of positionsOf(this.plan, this.stageContext())) for (const dz of positionsUm) checkStage(this.limits, { zUm: absolute ? dz : p.zUm + dz });
          this.plan.zPlan = adj.zPlan;
          message = `z-stack of ${positionsUm.length} planes from the next time point`;
        } else {
          this.plan.zPlan = undefined;
          message = 'single plane from the next time point';
        }
        break;
      }
      case 'positions': {
        if (adj.positions.length === 0) throw new InputError('at least one stage position is needed');
        for (const p of adj.positions) checkStage(this.limits, p);
        this.plan.stagePositions = adj.positions.map((p, i) => ({ ...p, name: p.name ?? `Pos${i}` }));
        message = `${adj.positions.length} position(s) from the next time point`;
        break;
      }
      case 'moveStage': {
        const positions = this.plan.stagePositions!;
        const p = positions[0];
        const target = {
          xUm: adj.xUm === undefined ? p.xUm : adj.relative ? p.xUm + adj.xUm : adj.xUm,
          yUm: adj.yUm === undefined ? p.yUm : adj.relative ? p.yUm + adj.yUm : adj.yUm,
          zUm: adj.zUm === undefined ? p.zUm : adj.relative ? (p.zUm ?? 0) + adj.zUm : adj.zUm,
        };
        checkStage(this.limits, target);
        Object.assign(p, target);
        message = `${p.name} moved to (${round(target.xUm)}, ${round(target.yUm)}) µm from the next time point`;
        break;
      }
      case 'zoom':
        message = this.zoom(adj);
        break;
      case 'objective':
        this.pendingObjective = resolveObjective(this.microscope.config, adj.objective).name;
        message = `switching to the ${this.pendingObjective} objective at the next time point`;
        break;
      case 'autofocus':
        this.pendingAutofocus = true;
        message = 'autofocus before the next time point';
        break;
      case 'pause':
        this.pauseRequested = true;
        message = 'pausing after the current image';
        break;
      case 'resume':
        if (!this.pauseRequested) message = 'the acquisition is not paused';
        this.pauseRequested = false;
        break;
      case 'stop':
        this.stopRequested = true;
        this.stopReason ??= source === 'user' ? 'stopped on request' : `stopped by ${source}`;
        message = 'stopping after the current image; every frame so far is on disk';
        break;
      case 'finish':
        this.timeline.finish();
        if (this.state !== 'done') this.setState(this.state === 'acquiring' ? 'finishing' : this.state);
        this.stopReason ??= 'finished after the current time point on request';
        message = 'finishing after the current time point';
        break;
      case 'status':
        message = this.describeStatus(adj.about ?? 'all');
        break;
    }
    for (const n of notes) this.note(n);
    this.wake?.abort();
    const result = { message, notes };
    this.emit('adjusted', { adjustment: adj, source, result });
    return result;
  }

  // ---- status ----------------------------------------------------------------------

  status(): AcquisitionStatus {
    const mic = this.microscope.getState();
    const elapsedS = this.state === 'idle' ? 0 : this.elapsedS();
    const byPosition = this.ledger.byPosition();
    const maxPosition = Math.max(0, ...Object.values(byPosition));
    const next = this.state === 'done' ? undefined : this.timeline.nextStartS();
    return {
      state: this.state,
      name: this.name,
      timepointsDone: this.timepointsDone,
      imagesAcquired: this.imagesAcquired,
      elapsedS,
      remainingS: this.remainingS(),
      nextTimepointInS: next === undefined || this.state === 'acquiring' ? 0 : Math.max(0, next - elapsedS),
      intervalS: this.timeline.intervalS,
      channels: this.plan.channels.map((c) => ({ channel: c.config, exposureMs: c.exposureMs ?? this.defaultExposureMs, powerPercent: c.powerPercent ?? this.defaultPowerFor(c.config), acquireEvery: c.acquireEvery })),
      zPlanes: zCount(this.plan),
      positions: positionsOf(this.plan, this.stageContext()).map((p) => ({ name: p.name, xUm: p.xUm, yUm: p.yUm, zUm: p.zUm })),
      objective: mic.objective,
      pixelSizeUm: mic.pixelSizeUm,
      dose: {
        totalJPerCm2: this.ledger.total(),
        byChannel: this.ledger.byChannel(),
        byPosition,
        budgetJPerCm2: this.limits.doseBudgetJPerCm2,
        budgetUsed: maxPosition / this.limits.doseBudgetJPerCm2,
        lightOnS: this.ledger.totalExposureS(),
      },
      files: this.sink.files.map((f) => ({ ...f })),
      framesTable: this.sink.framesPath,
      stopReason: this.stopReason,
      error: this.error,
      rules: this.rules.status(),
      notes: [...this.notes],
    };
  }

  /**
   * The nuclei of the latest image of a position (the first by default), numbered as
   * "zoom into cell N" numbers them; empty before the first image.
   */
  latestCells(position?: string): { position: string; channel: string; cells: Nucleus[] } {
    const name = position ?? this.plan.stagePositions?.[0]?.name ?? 'Pos0';
    const snapshot = this.latestImage(name);
    if (!snapshot) return { position: name, channel: '', cells: [] };
    return { position: name, channel: snapshot.channel, cells: segmentNuclei(snapshot.data, snapshot.widthPx, snapshot.heightPx, snapshot.pixelSizeUm).nuclei };
  }

  /** "How long is left" and "how much light so far" in words. */
  describeStatus(about: 'time' | 'dose' | 'all' = 'all'): string {
    const s = this.status();
    const time =
      s.state === 'done'
        ? `The acquisition has ended after ${s.timepointsDone} time point(s) (${s.stopReason ?? 'finished'}).`
        : `${capitalise(s.state)}: ${s.timepointsDone} time point(s) done in ${formatDuration(s.elapsedS)}, about ${formatDuration(s.remainingS)} left (every ${formatDuration(s.intervalS)}).`;
    const perChannel = Object.entries(s.dose.byChannel)
      .map(([c, d]) => `${c} ${round3(d)}`)
      .join(', ');
    const dose = `Light so far: ${round3(s.dose.totalJPerCm2)} J/cm²${perChannel ? ` (${perChannel})` : ''}, ${Math.round(s.dose.budgetUsed * 100)} % of the ${s.dose.budgetJPerCm2} J/cm² budget at the most exposed position.`;
    return about === 'time' ? time : about === 'dose' ? dose : `${time} ${dose}`;
  }

  // ---- the run loop ------------------------------------------------------------------

  private async run(): Promise<void> {
    this.startMs = this.clock.now();
    try {
      await this.prepareStart();
      for (;;) {
        const go = await this.waitForNextTimepoint();
        if (!go) break;
        const t = this.timeline.timepointsTaken;
        const startS = this.elapsedS();
        this.timeline.markTaken(startS);
        this.setState('acquiring');
        const images = await this.runTimepoint(t, startS);
        await this.sink.flush();
        if (images === 0 && this.stopRequested) break; // stopped before its first image: not a time point
        this.timepointsDone++;
        this.lastTimepointS = this.elapsedS() - startS;
        this.emit('timepoint', { t, startS, images, intervalS: this.timeline.intervalS });
        this.rules.afterTimepoint(this.elapsedS());
        if (this.stopRequested) break;
      }
    } catch (err) {
      this.error = (err as Error).message.split('\n')[0];
      this.stopReason ??= `failed: ${this.error}`;
    } finally {
      this.setState('finishing');
      try {
        await this.sink.close();
      } catch (err) {
        this.error ??= `could not close the files: ${(err as Error).message.split('\n')[0]}`;
      }
      this.stopReason ??= 'finished';
      this.setState('done');
      this.resolveDone(this.status());
    }
  }

  /** Fixes the positions the plan refers to (the current one when none is given). */
  private async prepareStart(): Promise<void> {
    const stage = this.stageContext();
    if (!this.plan.stagePositions?.length) this.plan.stagePositions = [{ name: 'Pos0', xUm: stage.xUm, yUm: stage.yUm, zUm: stage.zUm }];
    this.plan.stagePositions = this.plan.stagePositions.map((p, i) => ({ ...p, name: p.name ?? `Pos${i}`, zUm: p.zUm ?? stage.zUm }));
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
      const nextS = this.timeline.nextStartS();
      if (nextS === undefined) return false;
      const waitMs = nextS * 1000 - (this.clock.now() - this.startMs);
      if (waitMs <= 0) return true;
      this.setState('waiting');
      await this.sleep(waitMs);
    }
  }

  /** Sleeps on the clock; any live change wakes it early so the wait is recomputed. */
  private async sleep(ms: number): Promise<void> {
    this.wake = new AbortController();
    await this.clock.sleep(ms, this.wake.signal);
    this.wake = undefined;
  }

  private async runTimepoint(t: number, startS: number): Promise<number> {
    if (this.pendingObjective) {
      await this.microscope.setObjective(this.pendingObjective);
      this.pendingObjective = undefined;
    }
    if (this.pendingAutofocus) {
      this.pendingAutofocus = false;
      await this.runAutofocus();
    }
    const stage = this.stageContext();
    const events = eventsAtTimepoint(this.plan, t, stage, startS);
    const mic = this.microscope.getState();
    const positionNames = fieldNames(this.plan, stage);
    const remaining = this.timeline.remainingTimepoints();
    await this.sink.ensureLayout({
      positions: positionNames,
      channels: this.plan.channels.map((c) => c.config),
      zCount: zCount(this.plan),
      widthPx: mic.imageWidthPx,
      heightPx: mic.imageHeightPx,
      pixelSizeUm: mic.pixelSizeUm,
      zStepUm: zStepOf(this.plan),
      intervalS: this.timeline.intervalS || undefined,
      capacity: Math.min(100_000, Math.max(8, Math.ceil((remaining + 1) * 1.5))),
    });
    let images = 0;
    for (const event of events) {
      while (this.pauseRequested && !this.stopRequested) {
        this.setState('paused');
        await this.sleep(1000);
      }
      if (this.stopRequested) break;
      this.setState(this.state === 'finishing' ? 'finishing' : 'acquiring');
      if (!(await this.execute(event, t))) break;
      images++;
    }
    return images;
  }

  /** One image. Returns false (and stops the run) when the dose budget would be exceeded. */
  private async execute(event: AcquisitionEvent, t: number): Promise<boolean> {
    const spec = this.plan.channels.find((c) => c.config === event.channel);
    if (!spec) return true; // dropped after this time point was expanded
    const config = this.microscope.config;
    const preset = resolveChannel(config, spec.config);
    const source = lightSourceOf(config, preset).name;
    const exposureMs = checkExposure(this.limits, spec.exposureMs ?? this.defaultExposureMs).value;
    const powerPercent = checkPower(this.limits, source, spec.powerPercent ?? this.defaultPowerFor(spec.config)).value;
    const dose = exposureDose(config, preset.name, powerPercent, exposureMs);
    const mic0 = this.microscope.getState();
    const doseKey = this.ledger.locate(event.positionName, event.xUm, event.yUm, (Math.min(mic0.imageWidthPx, mic0.imageHeightPx) * mic0.pixelSizeUm) / 2);
    const already = this.ledger.atPosition(doseKey);
    if (already + dose > this.limits.doseBudgetJPerCm2 + 1e-12) {
      this.stopRequested = true;
      this.stopReason ??= `dose budget reached: position ${doseKey} has had ${round3(already)} J/cm² and the next ${preset.name} image would pass the ${this.limits.doseBudgetJPerCm2} J/cm² limit`;
      this.note(this.stopReason);
      return false;
    }
    const mic = this.microscope.getState();
    if (mic.xUm !== event.xUm || mic.yUm !== event.yUm) await this.microscope.setXY(event.xUm, event.yUm);
    if (mic.zUm !== event.zUm) await this.microscope.setZ(event.zUm);
    if (mic.channel !== preset.name) await this.microscope.setChannel(preset.name);
    if (mic.exposureMs !== exposureMs) await this.microscope.setExposure(exposureMs);
    if (mic.powerPercent[source] !== powerPercent) await this.microscope.setLightPower(source, powerPercent);
    const snapshot = await this.microscope.snap();
    this.ledger.record(doseKey, preset.name, dose, exposureMs);
    this.imagesAcquired++;
    const timeS = (snapshot.timeMs - this.startMs) / 1000;
    await this.sink.add(t, event.index.c, event.index.z, snapshot.data, {
      t,
      position: event.positionName,
      channel: preset.name,
      zIndex: event.index.z,
      timeS,
      exposureMs,
      powerPercent,
      xUm: snapshot.xUm,
      yUm: snapshot.yUm,
      zUm: snapshot.zUm,
      objective: snapshot.objective,
      pixelSizeUm: snapshot.pixelSizeUm,
      doseJPerCm2: dose,
    });
    this.latest.set(`${event.positionName}\u0000${preset.name}`, snapshot);
    const frame: FrameEvent = { event, t, timeS, channel: preset.name, position: event.positionName, zIndex: event.index.z, exposureMs, powerPercent, doseJPerCm2: dose, snapshot };
    this.emit('frame', frame);
    try {
      await this.rules.onFrame({ position: event.positionName, channel: preset.name, zIndex: event.index.z, zCount: zCount(this.plan), data: snapshot.data, widthPx: snapshot.widthPx, heightPx: snapshot.heightPx, pixelSizeUm: snapshot.pixelSizeUm });
    } catch (err) {
      this.note(`a rule could not measure the frame: ${(err as Error).message.split('\n')[0]}`);
    }
    return true;
  }

  private async runAutofocus(): Promise<void> {
    const position = this.plan.stagePositions![0];
    const channel = this.defaultTriggerChannel();
    const spec = this.plan.channels.find((c) => c.config === channel);
    await this.microscope.setXY(position.xUm, position.yUm);
    await this.microscope.setZ(position.zUm ?? this.microscope.getState().zUm);
    await this.microscope.setChannel(channel);
    const source = lightSourceOf(this.microscope.config, resolveChannel(this.microscope.config, channel)).name;
    // Autofocus images are short and dim: a fifth of the plan's exposure.
    const exposureMs = Math.max(this.limits.minExposureMs, (spec?.exposureMs ?? this.defaultExposureMs) / 5);
    await this.microscope.setExposure(exposureMs);
    await this.microscope.setLightPower(source, spec?.powerPercent ?? this.defaultPowerFor(channel));
    const mic = this.microscope.getState();
    const doseKey = this.ledger.locate(position.name!, position.xUm, position.yUm, (Math.min(mic.imageWidthPx, mic.imageHeightPx) * mic.pixelSizeUm) / 2);
    const result = await autofocus(this.microscope, {
      onSnap: (snap) => this.ledger.record(doseKey, snap.channel, exposureDose(this.microscope.config, snap.channel, snap.powerPercent, snap.exposureMs), snap.exposureMs),
    });
    for (const p of this.plan.stagePositions!) p.zUm = (p.zUm ?? 0) + result.shiftUm;
    this.note(`autofocus moved the focus by ${round(result.shiftUm)} µm`);
  }

  private zoom(adj: Extract<Adjustment, { kind: 'zoom' }>): string {
    const positions = this.plan.stagePositions!;
    const position = positions.find((p) => p.name === adj.position) ?? positions[0];
    const snapshot = this.latestImage(position.name!);
    let xPx = adj.xPx;
    let yPx = adj.yPx;
    let chosen: Nucleus | undefined;
    if (adj.cell !== undefined) {
      if (!snapshot) throw new InputError(`no image of ${position.name} yet: cells are numbered from the latest image`);
      const nuclei = segmentNuclei(snapshot.data, snapshot.widthPx, snapshot.heightPx, snapshot.pixelSizeUm).nuclei;
      chosen = nuclei[adj.cell - 1];
      if (!chosen) throw new InputError(`there is no cell ${adj.cell}: the latest ${snapshot.channel} image of ${position.name} has ${nuclei.length} cells (numbered 1 to ${nuclei.length})`);
      xPx = chosen.xPx;
      yPx = chosen.yPx;
    }
    const mic = this.microscope.getState();
    const widthPx = snapshot?.widthPx ?? mic.imageWidthPx;
    const heightPx = snapshot?.heightPx ?? mic.imageHeightPx;
    const pixelSizeUm = snapshot?.pixelSizeUm ?? mic.pixelSizeUm;
    const dxUm = xPx === undefined ? 0 : (xPx - (widthPx - 1) / 2) * pixelSizeUm;
    const dyUm = yPx === undefined ? 0 : (yPx - (heightPx - 1) / 2) * pixelSizeUm;
    const target = { xUm: position.xUm + dxUm, yUm: position.yUm + dyUm };
    checkStage(this.limits, target);
    const objectives = [...this.microscope.config.objectives].sort((a, b) => a.magnification - b.magnification);
    const current = objectives.findIndex((o) => o.name === (this.pendingObjective ?? mic.objective));
    const objective = adj.objective ? resolveObjective(this.microscope.config, adj.objective) : objectives[Math.min(objectives.length - 1, current + 1)];
    position.xUm = target.xUm;
    position.yUm = target.yUm;
    this.pendingObjective = objective.name;
    const what = chosen ? `cell ${adj.cell}` : xPx !== undefined ? `pixel (${Math.round(xPx)}, ${Math.round(yPx!)})` : 'the centre';
    return `zooming on ${what}: stage moved by (${round(dxUm)}, ${round(dyUm)}) µm, ${objective.name} objective (${objective.pixelSizeUm} µm/px) from the next time point`;
  }

  // ---- helpers ----------------------------------------------------------------------

  private validatePlan(plan: Sequence): Sequence {
    const config = this.microscope.config;
    for (const spec of plan.channels) {
      spec.config = resolveChannel(config, spec.config).name;
      if (spec.exposureMs !== undefined) {
        const checked = checkExposure(this.limits, spec.exposureMs);
        if (checked.note) this.note(checked.note);
        spec.exposureMs = checked.value;
      }
      if (spec.powerPercent !== undefined) {
        const checked = checkPower(this.limits, lightSourceOf(config, resolveChannel(config, spec.config)).name, spec.powerPercent);
        if (checked.note) this.note(checked.note);
        spec.powerPercent = checked.value;
      }
    }
    const names = plan.channels.map((c) => c.config);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) throw new InputError(`channel ${dup} is listed twice (GFP/488 and FITC are the same preset): list it once`);
    for (const p of plan.stagePositions ?? []) checkStage(this.limits, p);
    const { positionsUm } = zPositionsUm(plan.zPlan);
    if (positionsUm.length > MAX_Z_PLANES) throw new InputError(`z plan has ${positionsUm.length} planes: the limit is ${MAX_Z_PLANES}; use a larger step`);
    if (plan.timePlan) {
      const phases = 'phases' in plan.timePlan ? plan.timePlan.phases : [plan.timePlan];
      for (const phase of phases) {
        if ('intervalS' in phase && phase.intervalS < this.limits.minIntervalS) {
          throw new InputError(`interval ${phase.intervalS} s is below the ${this.limits.minIntervalS} s limit`);
        }
      }
    }
    return plan;
  }

  private channelsFor(channel: string | undefined): ChannelSpec[] {
    if (channel === undefined) return this.plan.channels;
    const preset = resolveChannel(this.microscope.config, channel);
    const spec = this.plan.channels.find((c) => c.config === preset.name);
    if (!spec) throw new InputError(`${preset.name} is not being imaged (channels: ${this.plan.channels.map((c) => c.config).join(', ')}); add it first`);
    return [spec];
  }

  private hasChannel(channel: string): boolean {
    const preset = findChannel(this.microscope.config, channel);
    return !!preset && this.plan.channels.some((c) => c.config === preset.name);
  }

  private defaultTriggerChannel(): string {
    const config = this.microscope.config;
    return (this.plan.channels.find((c) => !resolveChannel(config, c.config).transmitted) ?? this.plan.channels[0]).config;
  }

  private defaultPowerFor(channel: string): number {
    const config = this.microscope.config;
    const source = lightSourceOf(config, resolveChannel(config, channel)).name;
    return this.defaultPower[source] ?? 0;
  }

  private latestImage(position: string): Snapshot | undefined {
    const preferred = this.defaultTriggerChannel();
    // Grid fields are named "<position>_r<row>c<column>"; any field of the position will do.
    const entries = [...this.latest.entries()].filter(([k]) => k.startsWith(`${position}\u0000`) || k.startsWith(`${position}_r`));
    return this.latest.get(`${position}\u0000${preferred}`) ?? entries.find(([k]) => k.endsWith(`\u0000${preferred}`))?.[1] ?? entries[0]?.[1];
  }

  private stageContext(): StageContext {
    const s = this.microscope.getState();
    return { xUm: s.xUm, yUm: s.yUm, zUm: s.zUm, fieldWidthUm: s.imageWidthPx * s.pixelSizeUm, fieldHeightUm: s.imageHeightPx * s.pixelSizeUm };
  }

  private elapsedS(): number {
    return (this.clock.now() - this.startMs) / 1000;
  }

  private remainingS(): number {
    if (this.state === 'done') return 0;
    const perTimepointS = this.lastTimepointS || this.estimateTimepointS();
    const remaining = this.timeline.remainingTimepoints();
    if (remaining === 0) return this.state === 'acquiring' || this.state === 'finishing' ? perTimepointS : 0;
    const lastStart = this.timeline.lastStartPlannedS();
    return Math.max(0, lastStart - this.elapsedS()) + perTimepointS;
  }

  private estimateTimepointS(): number {
    const events = eventsAtTimepoint(this.plan, 0, this.stageContext());
    return events.reduce((sum, e) => sum + ((this.plan.channels.find((c) => c.config === e.channel)?.exposureMs ?? this.defaultExposureMs) + 10) / 1000, 0);
  }

  private setState(state: AcquisitionState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', state);
  }

  private note(message: string): void {
    this.notes.push(message);
    if (this.notes.length > 200) this.notes.shift();
    for (const listener of this.listeners.note) {
      try {
        listener(message);
      } catch {
        // a failing listener must never stop the acquisition
      }
    }
  }

  private emit<K extends keyof Listeners>(event: K, value: Parameters<Listeners[K][number]>[0]): void {
    for (const listener of this.listeners[event] as Listener<unknown>[]) {
      try {
        listener(value);
      } catch (err) {
        if (event !== 'note') this.note(`a ${event} listener failed: ${(err as Error).message.split('\n')[0]}`);
      }
    }
  }
}

function zStepOf(plan: Sequence): number | undefined {
  const z = plan.zPlan;
  if (!z) return undefined;
  if ('stepUm' in z) return z.stepUm;
  return undefined;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
