// The acquisition runner (pymmcore-plus's MDARunner): owns time, the event queue, pause,
// resume, stop and live changes, and emits signals; an AcquisitionEngine (engine.ts) does
// the hardware work. Time points are expanded one at a time from the live plan, so a change
// applies to every event not yet started: exposure and power from the next image, channels,
// z plan, positions and zoom from the next time point (a hyperstack's layout can only
// change between them). Teardown runs whatever happens.
import { InputError } from '../errors.ts';
import { describeAdjustment, formatDuration, type Adjustment } from './adjustment.ts';
import { capitalise, describeStatus, doseStatus, type AcquisitionState, type AcquisitionStatus } from './acquisitionStatus.ts';
import type { Clock } from './clock.ts';
import { findChannel, lightSourceOf, resolveChannel, type MicroscopeConfig } from './config.ts';
import { DoseLedger } from './dose.ts';
import type { AcquisitionEngine, ResolvedEvent } from './engine.ts';
import { eventsAtTimepoint, fieldNames, positionsOf, zCount, type AcquisitionEvent, type StageContext } from './events.ts';
import { GuardedMicroscope } from './guard.ts';
import { DEFAULT_LIMITS, checkExposure, checkInterval, checkPower, checkStage, type Limits } from './limits.ts';
import { segmentNuclei, type Nucleus } from './measures.ts';
import type { Microscope, Snapshot } from './microscope.ts';
import { MicroscopeEngine } from './microscopeEngine.ts';
import { applyAdjustment, changesPlan, type PlanAdjustment, type PlanEnv } from './planEdit.ts';
import { RuleRunner, type FrameScorer, type Rule } from './rules.ts';
import { parseSequence, zPlaneCount, type Sequence } from './sequence.ts';
import { Signals } from './signals.ts';
import { HyperstackSink, type FrameSink } from './sink.ts';
import { Timeline } from './timeline.ts';

export type { AcquisitionState, AcquisitionStatus } from './acquisitionStatus.ts';

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

export interface AdjustResult {
  /** What was done, in one sentence, with the time point it takes effect from (or the status answer). */
  message: string;
  /** Limits that clamped the request, if any. */
  notes: string[];
  /** First time point (0-based t of the frames table) the change applies to; undefined for questions. */
  fromTimepoint?: number;
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
  /** The hardware side (default: a MicroscopeEngine on `microscope`). */
  engine?: AcquisitionEngine;
}

interface SignalMap extends Record<string, unknown> {
  frame: FrameEvent;
  timepoint: TimepointEvent;
  state: AcquisitionState;
  adjusted: { adjustment: Adjustment; source: string; result: AdjustResult };
  note: string;
}

/** Starts an acquisition in the background; await `.done` for the end. Throws InputError for a bad plan. */
export function startAcquisition(plan: unknown, options: AcquisitionOptions): Acquisition {
  const acquisition = new Acquisition(plan, options);
  acquisition.start();
  return acquisition;
}

export class Acquisition {
  state: AcquisitionState = 'idle';
  readonly ledger: DoseLedger;
  readonly limits: Limits;
  readonly done: Promise<AcquisitionStatus>;
  readonly notes: string[] = [];
  private livePlan: Sequence;
  private resolveDone!: (status: AcquisitionStatus) => void;
  private readonly microscope: GuardedMicroscope;
  private readonly engine: AcquisitionEngine;
  private readonly clock: Clock;
  private readonly sink: FrameSink;
  private readonly timeline: Timeline;
  private readonly rules: RuleRunner;
  private readonly signals = new Signals<SignalMap>((event, err) => event !== 'note' && this.note(`a ${event} listener failed: ${err.message.split('\n')[0]}`));
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
  /** Latest image per position and channel (zoom to a cell, rules, status). */
  private readonly latest = new Map<string, Snapshot>();
  private started = false;

  constructor(planInput: unknown, options: AcquisitionOptions) {
    this.limits = options.limits ?? DEFAULT_LIMITS;
    this.microscope = options.microscope instanceof GuardedMicroscope ? options.microscope : new GuardedMicroscope(options.microscope, this.limits, (n) => this.note(n));
    this.clock = options.clock;
    this.ledger = options.ledger ?? new DoseLedger();
    this.engine = options.engine ?? new MicroscopeEngine(this.microscope, this.ledger, this.limits);
    this.livePlan = validatePlan(parseSequence(planInput), this.microscope.config, this.limits, (n) => this.note(n));
    this.timeline = new Timeline(this.livePlan.timePlan);
    const state = this.microscope.getState();
    this.defaultExposureMs = state.exposureMs;
    this.defaultPower = { ...state.powerPercent };
    this.sink = options.sink ?? new HyperstackSink(options.outputPath);
    const scorers = { ...options.scorers };
    this.rules = new RuleRunner([], {
      adjust: (adj, source) => this.adjust(adj, source),
      intervalS: () => this.timeline.intervalS,
      hasChannel: (c) => !!findChannel(this.microscope.config, c) && this.livePlan.channels.some((s) => s.config === findChannel(this.microscope.config, c)!.name),
      defaultChannel: () => this.triggerChannel(),
      scorer: (name) => (scorers[name] ??= options.scorerFor?.(name)!),
      note: (m) => this.note(m),
    });
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    for (const rule of options.rules ?? []) this.addRule(rule);
  }

  /** The live plan (a copy: change it with adjust()). */
  get plan(): Sequence {
    return structuredClone(this.livePlan);
  }

  get name(): string {
    return this.livePlan.name ?? 'acquisition';
  }

  on<K extends keyof SignalMap>(event: K, listener: (value: SignalMap[K]) => void): () => void {
    return this.signals.on(event, listener);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.run();
  }

  addRule(rule: Rule): void {
    this.rules.add(rule);
    const channel = rule.trigger.channel;
    if (channel && !this.livePlan.channels.some((c) => c.config === resolveChannel(this.microscope.config, channel).name)) {
      this.note(`rule ${rule.id} watches ${resolveChannel(this.microscope.config, channel).name}, which this acquisition does not image: add that channel or it will never fire`);
    }
  }

  removeRule(id: string): boolean {
    return this.rules.remove(id);
  }

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

  /** Applies a live change to events not yet started. Throws InputError (nothing changed) when a value is refused. */
  adjust(adj: Adjustment, source = 'user'): AdjustResult {
    if (this.state === 'done' && adj.kind !== 'status') throw new InputError(`the acquisition "${this.name}" has ended (${this.stopReason ?? 'finished'}): start a new one`);
    let result: AdjustResult;
    if (changesPlan(adj)) {
      const edit = applyAdjustment(this.livePlan, adj, this.planEnv());
      this.livePlan = edit.plan;
      if (edit.objective) this.pendingObjective = edit.objective;
      const perImage = adj.kind === 'power' || adj.kind === 'powerFactor' || adj.kind === 'exposure' || adj.kind === 'exposureFactor';
      const from = perImage && this.state === 'acquiring' ? this.timeline.timepointsTaken - 1 : this.timeline.timepointsTaken;
      result = { message: `${edit.message.replace(/ from the next (time point|image)$/, '')} (from t=${from})`, notes: edit.notes, fromTimepoint: from };
    } else {
      result = this.control(adj, source);
    }
    for (const n of result.notes) this.note(n);
    this.wake?.abort();
    this.signals.emit('adjusted', { adjustment: adj, source, result });
    return result;
  }

  /** Timing, run control and questions: the runner's own state. */
  private control(adj: Exclude<Adjustment, PlanAdjustment>, source: string): AdjustResult {
    const next = this.timeline.timepointsTaken;
    const at = (message: string, notes: string[] = []): AdjustResult => ({ message: `${message} (from t=${next})`, notes, fromTimepoint: next });
    switch (adj.kind) {
      case 'interval': {
        const checked = checkInterval(this.limits, adj.intervalS);
        this.timeline.setInterval(checked.value);
        return at(`interval set to ${formatDuration(checked.value)}`, checked.note ? [checked.note] : []);
      }
      case 'intervalFactor':
        return this.control({ kind: 'interval', intervalS: this.timeline.intervalS * adj.factor }, source);
      case 'duration':
        this.timeline.setDuration(adj.durationS);
        return at(`the acquisition now ends ${formatDuration(adj.durationS)} after its start`);
      case 'extend': {
        const endS = Math.max(this.timeline.lastStartPlannedS(), this.elapsedS()) + adj.extraS;
        this.timeline.setDuration(endS);
        return at(`extended by ${formatDuration(adj.extraS)}: it now ends about ${formatDuration(endS)} after its start`);
      }
      case 'loops':
        this.timeline.setLoops(adj.loops, this.timeline.timepointsTaken);
        return at(`${adj.loops} time points in total`);
      case 'autofocus':
        this.pendingAutofocus = true;
        return at('autofocus before the next time point');
      case 'pause':
        this.pauseRequested = true;
        return { message: 'pausing after the current image', notes: [], fromTimepoint: next };
      case 'resume': {
        const was = this.pauseRequested;
        this.pauseRequested = false;
        return { message: was ? 'resumed' : 'the acquisition is not paused', notes: [] };
      }
      case 'stop':
        this.stopRequested = true;
        this.stopReason ??= source === 'user' ? 'stopped on request' : `stopped by ${source}`;
        return { message: `stopping after the current image (t=${Math.max(0, next - 1)}); every frame so far is on disk`, notes: [], fromTimepoint: next };
      case 'finish':
        this.timeline.finish();
        if (this.state === 'acquiring') this.setState('finishing');
        this.stopReason ??= 'finished after the current time point on request';
        return { message: `finishing after the current time point (t=${Math.max(0, next - 1)}); no time point from t=${next} on`, notes: [], fromTimepoint: next };
      case 'status':
        return { message: this.describeStatus(adj.about ?? 'all'), notes: [] };
    }
  }

  status(): AcquisitionStatus {
    const mic = this.microscope.getState();
    const elapsedS = this.state === 'idle' ? 0 : this.elapsedS();
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
      channels: this.livePlan.channels.map((c) => ({ channel: c.config, exposureMs: c.exposureMs ?? this.defaultExposureMs, powerPercent: c.powerPercent ?? this.defaultPowerFor(c.config), acquireEvery: c.acquireEvery })),
      zPlanes: zCount(this.livePlan),
      positions: positionsOf(this.livePlan, this.stageContext()).map((p) => ({ name: p.name, xUm: p.xUm, yUm: p.yUm, zUm: p.zUm })),
      objective: mic.objective,
      pixelSizeUm: mic.pixelSizeUm,
      dose: doseStatus(this.ledger, this.limits),
      files: this.sink.files.map((f) => ({ ...f })),
      framesTable: this.sink.framesPath,
      stopReason: this.stopReason,
      error: this.error,
      rules: this.rules.status(),
      notes: [...this.notes],
    };
  }

  /** The nuclei of the latest image of a position (the first by default), numbered as "zoom into cell N" numbers them. */
  latestCells(position?: string): { position: string; channel: string; cells: Nucleus[] } {
    const name = position ?? this.livePlan.stagePositions?.[0]?.name ?? 'Pos0';
    const snapshot = this.latestImage(name);
    if (!snapshot) return { position: name, channel: '', cells: [] };
    return { position: name, channel: snapshot.channel, cells: segmentNuclei(snapshot.data, snapshot.widthPx, snapshot.heightPx, snapshot.pixelSizeUm).nuclei };
  }

  describeStatus(about: 'time' | 'dose' | 'all' = 'all'): string {
    return describeStatus(this.status(), about);
  }

  // ---- the run loop ------------------------------------------------------------------

  private async run(): Promise<void> {
    this.startMs = this.clock.now();
    try {
      this.fixPositions();
      await this.engine.setupSequence(this.livePlan);
      while (await this.waitForNextTimepoint()) {
        const t = this.timeline.timepointsTaken;
        const startS = this.elapsedS();
        this.timeline.markTaken(startS);
        this.setState('acquiring');
        const images = await this.runTimepoint(t);
        await this.sink.flush();
        if (images === 0 && this.stopRequested) break; // stopped before its first image: not a time point
        this.timepointsDone++;
        this.lastTimepointS = this.elapsedS() - startS;
        this.signals.emit('timepoint', { t, startS, images, intervalS: this.timeline.intervalS });
        this.rules.afterTimepoint(this.elapsedS());
        if (this.stopRequested) break;
      }
    } catch (err) {
      this.error = (err as Error).message.split('\n')[0];
      this.stopReason ??= `failed: ${this.error}`;
    } finally {
      this.setState('finishing');
      await this.engine.teardownSequence(this.livePlan).catch((err) => this.note(`engine teardown failed: ${(err as Error).message.split('\n')[0]}`));
      await this.sink.close().catch((err) => (this.error ??= `could not close the files: ${(err as Error).message.split('\n')[0]}`));
      this.stopReason ??= 'finished';
      this.setState('done');
      this.resolveDone(this.status());
    }
  }

  /** Names the plan's positions and pins them (the current stage position when none is given). */
  private fixPositions(): void {
    const stage = this.stageContext();
    this.livePlan.stagePositions = positionsOf(this.livePlan, stage).map((p) => ({ ...p }));
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

  private async runTimepoint(t: number): Promise<number> {
    if (this.pendingObjective) {
      await this.engine.setObjective?.(this.pendingObjective);
      this.pendingObjective = undefined;
    }
    if (this.pendingAutofocus) {
      this.pendingAutofocus = false;
      await this.autofocusNow().catch((err) => this.note((err as Error).message.split('\n')[0]));
    }
    const stage = this.stageContext();
    const mic = this.microscope.getState();
    await this.sink.ensureLayout({
      positions: fieldNames(this.livePlan, stage),
      channels: this.livePlan.channels.map((c) => c.config),
      zCount: zCount(this.livePlan),
      widthPx: mic.imageWidthPx,
      heightPx: mic.imageHeightPx,
      pixelSizeUm: mic.pixelSizeUm,
      zStepUm: this.livePlan.zPlan && 'stepUm' in this.livePlan.zPlan ? this.livePlan.zPlan.stepUm : undefined,
      intervalS: this.timeline.intervalS || undefined,
      capacity: Math.min(100_000, Math.max(8, Math.ceil((this.timeline.remainingTimepoints() + 1) * 1.5))),
    });
    let images = 0;
    for (const event of eventsAtTimepoint(this.livePlan, t, stage)) {
      while (this.pauseRequested && !this.stopRequested) {
        this.setState('paused');
        await this.sleep(1000);
      }
      if (this.stopRequested) break;
      this.setState(this.state === 'finishing' ? 'finishing' : 'acquiring');
      const resolved = this.resolve(event);
      if (!resolved) continue; // its channel was dropped after this time point was expanded
      if (!(await this.execute(resolved, t))) break;
      images++;
    }
    return images;
  }

  /** The event with the live plan's exposure and power (a change applies from the next image). */
  private resolve(event: AcquisitionEvent): ResolvedEvent | undefined {
    const spec = this.livePlan.channels.find((c) => c.config === event.channel);
    if (!spec) return undefined;
    const config = this.microscope.config;
    const source = lightSourceOf(config, resolveChannel(config, spec.config)).name;
    const exposureMs = checkExposure(this.limits, spec.exposureMs ?? this.defaultExposureMs).value;
    const powerPercent = checkPower(this.limits, source, spec.powerPercent ?? this.defaultPowerFor(spec.config)).value;
    return { index: event.index, channel: spec.config, exposureMs, powerPercent, positionName: event.positionName, xUm: event.xUm, yUm: event.yUm, zUm: event.zUm };
  }

  /** One image through the engine. Returns false (and stops the run) when the engine refuses (dose budget). */
  private async execute(event: ResolvedEvent, t: number): Promise<boolean> {
    await this.engine.setupEvent(event);
    try {
      const outcome = await this.engine.execEvent(event);
      if (outcome.kind === 'refused') {
        this.stopRequested = true;
        this.stopReason ??= outcome.reason;
        this.note(outcome.reason);
        return false;
      }
      const { snapshot, doseJPerCm2 } = outcome;
      this.imagesAcquired++;
      const timeS = (snapshot.timeMs - this.startMs) / 1000;
      await this.sink.add(t, event.index.c, event.index.z, snapshot.data, {
        t, position: event.positionName, channel: event.channel, zIndex: event.index.z, timeS,
        exposureMs: event.exposureMs, powerPercent: event.powerPercent, xUm: snapshot.xUm, yUm: snapshot.yUm, zUm: snapshot.zUm,
        objective: snapshot.objective, pixelSizeUm: snapshot.pixelSizeUm, doseJPerCm2,
      });
      this.latest.set(`${event.positionName}\u0000${event.channel}`, snapshot);
      this.signals.emit('frame', { event, t, timeS, channel: event.channel, position: event.positionName, zIndex: event.index.z, exposureMs: event.exposureMs, powerPercent: event.powerPercent, doseJPerCm2, snapshot });
      await this.rules
        .onFrame({ position: event.positionName, channel: event.channel, zIndex: event.index.z, zCount: zCount(this.livePlan), data: snapshot.data, widthPx: snapshot.widthPx, heightPx: snapshot.heightPx, pixelSizeUm: snapshot.pixelSizeUm })
        .catch((err) => this.note(`a rule could not measure the frame: ${(err as Error).message.split('\n')[0]}`));
      return true;
    } finally {
      await this.engine.teardownEvent(event);
    }
  }

  private async autofocusNow(): Promise<void> {
    if (!this.engine.autofocus) return this.note('this engine has no autofocus');
    const position = this.livePlan.stagePositions![0];
    const channel = this.triggerChannel();
    const spec = this.livePlan.channels.find((c) => c.config === channel);
    // Autofocus images are short and dim: a fifth of the plan's exposure.
    const exposureMs = Math.max(this.limits.minExposureMs, (spec?.exposureMs ?? this.defaultExposureMs) / 5);
    const shiftUm = await this.engine.autofocus({ positionName: position.name!, xUm: position.xUm, yUm: position.yUm, zUm: position.zUm ?? this.microscope.getState().zUm, channel, exposureMs, powerPercent: spec?.powerPercent ?? this.defaultPowerFor(channel) });
    for (const p of this.livePlan.stagePositions!) p.zUm = (p.zUm ?? 0) + shiftUm;
    this.note(`autofocus moved the focus by ${Math.round(shiftUm * 100) / 100} µm`);
  }

  // ---- helpers ----------------------------------------------------------------------

  private planEnv(): PlanEnv {
    return {
      config: this.microscope.config,
      limits: this.limits,
      stage: this.stageContext(),
      defaultExposureMs: this.defaultExposureMs,
      defaultPowerPercent: (c) => this.defaultPowerFor(c),
      objective: this.pendingObjective ?? this.microscope.getState().objective,
      latestImage: (p) => this.latestImage(p),
    };
  }

  private triggerChannel(): string {
    const config = this.microscope.config;
    return (this.livePlan.channels.find((c) => !resolveChannel(config, c.config).transmitted) ?? this.livePlan.channels[0]).config;
  }

  private defaultPowerFor(channel: string): number {
    const config = this.microscope.config;
    return this.defaultPower[lightSourceOf(config, resolveChannel(config, channel)).name] ?? 0;
  }

  private latestImage(position: string): Snapshot | undefined {
    const preferred = this.triggerChannel();
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
    const events = eventsAtTimepoint(this.livePlan, 0, this.stageContext());
    const perTimepointS = this.lastTimepointS || events.reduce((sum, e) => sum + ((this.livePlan.channels.find((c) => c.config === e.channel)?.exposureMs ?? this.defaultExposureMs) + 10) / 1000, 0);
    if (this.timeline.remainingTimepoints() === 0) return this.state === 'acquiring' || this.state === 'finishing' ? perTimepointS : 0;
    return Math.max(0, this.timeline.lastStartPlannedS() - this.elapsedS()) + perTimepointS;
  }

  private setState(state: AcquisitionState): void {
    if (this.state === state) return;
    this.state = state;
    this.signals.emit('state', state);
  }

  private note(message: string): void {
    this.notes.push(message);
    if (this.notes.length > 200) this.notes.shift();
    this.signals.emit('note', message);
  }
}

/** Resolves channel names, clamps values to the limits, refuses a plan beyond them (before anything runs). */
function validatePlan(plan: Sequence, config: MicroscopeConfig, limits: Limits, note: (n: string) => void): Sequence {
  for (const spec of plan.channels) {
    const preset = resolveChannel(config, spec.config);
    spec.config = preset.name;
    if (spec.exposureMs !== undefined) spec.exposureMs = clamped(checkExposure(limits, spec.exposureMs), note);
    if (spec.powerPercent !== undefined) spec.powerPercent = clamped(checkPower(limits, lightSourceOf(config, preset).name, spec.powerPercent), note);
  }
  const names = plan.channels.map((c) => c.config);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new InputError(`channel ${dup} is listed twice (GFP/488 and FITC are the same preset): list it once`);
  for (const p of plan.stagePositions ?? []) checkStage(limits, p);
  if (plan.zPlan && zPlaneCount(plan.zPlan) > 500) throw new InputError(`z plan has ${zPlaneCount(plan.zPlan)} planes: the limit is 500; use a larger step`);
  for (const phase of plan.timePlan ? ('phases' in plan.timePlan ? plan.timePlan.phases : [plan.timePlan]) : []) {
    if ('intervalS' in phase && phase.intervalS < limits.minIntervalS) throw new InputError(`interval ${phase.intervalS} s is below the ${limits.minIntervalS} s limit`);
  }
  return plan;
}

function clamped(checked: { value: number; note?: string }, note: (n: string) => void): number {
  if (checked.note) note(checked.note);
  return checked.value;
}

export { capitalise, describeAdjustment };
