// A running acquisition as a person and the tools see it: a live plan that commands and
// rules change (applyAdjustment, a pure function, for what each time point acquires;
// the runner for timing, pause and stop), its status, its rules and its signals. The
// Runner (runner.ts) executes it through an AcquisitionEngine (engine.ts).
import { InputError } from '../errors.ts';
import { describeAdjustment, formatDuration, type Adjustment } from './adjustment.ts';
import { describeStatus, doseStatus, type AcquisitionState, type AcquisitionStatus } from './acquisitionStatus.ts';
import { ChannelSettings } from './channelSettings.ts';
import type { Clock } from './clock.ts';
import { findChannel, lightSourceOf, resolveChannel, type MicroscopeConfig } from './config.ts';
import { DoseLedger } from './dose.ts';
import type { AcquisitionEngine } from './engine.ts';
import { positionsOf, timepointImaging, zCount, type StageContext } from './events.ts';
import { GuardedMicroscope } from './guard.ts';
import { LatestImages } from './latestImages.ts';
import { DEFAULT_LIMITS, checkExposure, checkPower, checkStage, intervalBelowImaging, type Limits } from './limits.ts';
import type { Nucleus } from './measures.ts';
import type { Microscope, Snapshot } from './microscope.ts';
import { MicroscopeEngine } from './microscopeEngine.ts';
import { applyAdjustment, changesPlan, type PlanAdjustment, type PlanEnv } from './planEdit.ts';
import { RuleRunner, type FrameScorer, type Rule } from './rules.ts';
import { Runner, type RunnerSignals } from './runner.ts';
import { autofocusScheduleAt } from './autofocusSchedule.ts';
import { describeAutofocusPlan, parseSequence, zPlaneCount, type Sequence } from './sequence.ts';
import { Signals } from './signals.ts';
import { undoOf } from './temporaryChange.ts';
import { HyperstackSink, type FrameSink } from './sink.ts';
import { adjustTimeline, Timeline } from './timeline.ts';

export type { AcquisitionState, AcquisitionStatus } from './acquisitionStatus.ts';
export type { FrameEvent, TimepointEvent } from './runner.ts';

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

interface SignalMap extends RunnerSignals {
  adjusted: { adjustment: Adjustment; source: string; result: AdjustResult };
}

/** Starts an acquisition in the background; await `.done` for the end. Throws InputError for a bad plan. */
export function startAcquisition(plan: unknown, options: AcquisitionOptions): Acquisition {
  const acquisition = new Acquisition(plan, options);
  acquisition.start();
  return acquisition;
}

/** A moment a change waits for (a time from now, a time point of the run), and how the run's log names it. */
interface LaterMoment {
  label: string;
  wait: (then: () => void) => void;
}

export class Acquisition {
  readonly ledger: DoseLedger;
  readonly limits: Limits;
  readonly done: Promise<AcquisitionStatus>;
  readonly notes: string[] = [];
  private livePlan: Sequence;
  private readonly microscope: GuardedMicroscope;
  private readonly sink: FrameSink;
  private readonly timeline: Timeline;
  private readonly rules: RuleRunner;
  private readonly settings: ChannelSettings;
  private readonly latest = new LatestImages();
  private readonly signals = new Signals<SignalMap>((event, err) => event !== 'note' && this.note(`a ${event} listener failed: ${err.message.split('\n')[0]}`));
  private readonly runner: Runner;
  private run: Promise<void> | undefined;
  private readonly clock: Clock;
  private pauses = 0;
  /** A faster interval at one position only (a rule's "at that position"): the others keep theirs. */
  private burst: { position: string; baseIntervalS: number } | undefined;
  /** A slower interval at one position (a person's "position 3 every 20 min"): left out of the time points until it is due. */
  private slowAt: { position: string; intervalS: number } | undefined;
  /** When each position was last imaged (time point, s), for the positions a burst leaves on their own interval. */
  private readonly lastImaged = new Map<string, { t: number; startS: number }>();

  constructor(planInput: unknown, options: AcquisitionOptions) {
    this.limits = options.limits ?? DEFAULT_LIMITS;
    this.microscope = options.microscope instanceof GuardedMicroscope ? options.microscope : new GuardedMicroscope(options.microscope, this.limits, (n) => this.note(n));
    this.ledger = options.ledger ?? new DoseLedger();
    this.clock = options.clock;
    this.livePlan = validatePlan(parseSequence(planInput), this.microscope.config, this.limits, (n) => this.note(n));
    this.timeline = new Timeline(this.livePlan.timePlan);
    this.settings = new ChannelSettings(this.microscope.config, this.limits, this.microscope.getState());
    this.sink = options.sink ?? new HyperstackSink(options.outputPath);
    const scorers = { ...options.scorers };
    const config = this.microscope.config;
    this.rules = new RuleRunner([], {
      adjust: (adj, source) => this.adjust(adj, source),
      intervalS: () => this.timeline.intervalS,
      hasChannel: (c) => this.livePlan.channels.some((s) => s.config === findChannel(config, c)?.name),
      defaultChannel: () => this.settings.triggerChannel(this.livePlan),
      scorer: (name) => (scorers[name] ??= options.scorerFor?.(name)!),
      note: (m) => this.note(m),
    });
    const engine = options.engine ?? new MicroscopeEngine(this.microscope, this.ledger, this.limits);
    this.runner = new Runner({
      plan: () => this.livePlan, timeline: this.timeline, engine, sink: this.sink, settings: this.settings, latest: this.latest,
      microscope: this.microscope, clock: options.clock, limits: this.limits, rules: this.rules, signals: this.signals, note: (m) => this.note(m),
      skipPosition: (position, t, nowS) => this.skipPosition(position, t, nowS),
    });
    this.signals.on('frame', (f) => {
      const at = this.lastImaged.get(positionOf(f.position));
      if (at?.t !== f.t) this.lastImaged.set(positionOf(f.position), { t: f.t, startS: f.timeS });
    });
    this.done = new Promise((resolve) => {
      this.signals.on('state', (state) => state === 'done' && resolve(this.status()));
    });
    for (const rule of options.rules ?? []) this.addRule(rule);
  }

  get state(): AcquisitionState {
    return this.runner.state;
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
    this.run ??= this.runner.run();
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
    if (!this.runner.stopping) this.runner.stopReason = reason;
    return this.adjust({ kind: 'stop' });
  }

  finish(): AdjustResult {
    return this.adjust({ kind: 'finish' });
  }

  /**
   * The changes that set `changes` back, worked out from the run as it is now (call it before applying them),
   * for a change made for a while; throws InputError (nothing changed) naming a change that cannot be set back.
   */
  undoOf(changes: Adjustment[]): Adjustment[] {
    const before = { intervalS: this.timeline.intervalS, channels: this.status().channels, zPlan: this.livePlan.zPlan, gridPlan: this.livePlan.gridPlan, positions: this.livePlan.stagePositions };
    const presetOf = (name: string) => (/^\d+$/.test(name) ? this.livePlan.channels[Number(name) - 1]?.config : findChannel(this.microscope.config, name)?.name);
    return changes.flatMap((c) => {
      const undo = undoOf(c, before, presetOf);
      if (typeof undo === 'string') throw new InputError(`I can make a change for a while only when it can be set back by itself, and "${describeAdjustment(c)}" cannot (${undo}): say it without the time it lasts; nothing was changed`);
      return undo;
    });
  }

  /** Throws InputError (naming the change and why) for a change of the plan its current state refuses; changes nothing. */
  checkChanges(changes: Adjustment[]): void {
    for (const c of changes) {
      if (!changesPlan(c)) continue;
      try {
        applyAdjustment(this.livePlan, c, this.planEnv());
      } catch (err) {
        if (err instanceof InputError) throw new InputError(`${describeAdjustment(c)}: ${err.message}`);
        throw err;
      }
    }
  }

  /**
   * Makes `changes` after `inS` seconds ("after 1 hour, halve the frame rate"), then with `forS` sets them back that much
   * later, unless the acquisition has ended by then; each change is noted in the run's log as made or refused, with why.
   */
  applyAfter(changes: Adjustment[], inS: number, forS?: number): void {
    this.changeLater(changes, this.afterSeconds(inS), forS ? this.afterSeconds(forS) : undefined);
  }

  /** Applies `undo` (from undoOf) after `forS` seconds, unless the acquisition has ended by then; each step is noted. */
  revertAfter(undo: Adjustment[], forS: number): void {
    const moment = this.afterSeconds(forS);
    moment.wait(() => this.adjustOnTimer(undo, `set back ${moment.label}`));
  }

  /**
   * Makes `changes` once `afterTimepoint` time points of the run are taken (from the next one on) and, with `untilTimepoint`,
   * sets them back once that many are; unless the acquisition has ended by then. Each step is noted, made or not and why.
   */
  applyAtTimepoint(changes: Adjustment[], afterTimepoint: number, untilTimepoint?: number): void {
    this.changeLater(changes, this.afterTimepoint(afterTimepoint), untilTimepoint ? this.afterTimepoint(untilTimepoint) : undefined);
  }

  /** Applies `undo` (from undoOf) once `untilTimepoint` time points of the run are taken, unless it has ended by then; noted. */
  revertAtTimepoint(undo: Adjustment[], untilTimepoint: number): void {
    const moment = this.afterTimepoint(untilTimepoint);
    moment.wait(() => this.adjustOnTimer(undo, `set back ${moment.label}`));
  }

  /** Makes `changes` at `at` and, with `back`, sets them back at `back` (counted from the change); each step noted, made or not. */
  private changeLater(changes: Adjustment[], at: LaterMoment, back?: LaterMoment): void {
    at.wait(() => {
      const undo = back ? this.undoOrNoted(changes) : [];
      this.adjustOnTimer(changes, `made ${at.label}`);
      if (back && undo.length) back.wait(() => this.adjustOnTimer(undo, `set back ${back.label}`));
    });
  }

  /** A moment `s` seconds after it is waited for, by the run's clock; never after the run ends. */
  private afterSeconds(s: number): LaterMoment {
    return { label: `after ${formatDuration(s)}`, wait: (then) => void this.clock.sleep(s * 1000).then(() => (this.state === 'done' ? undefined : then())) };
  }

  /** The moment `n` time points of the run are taken. */
  private afterTimepoint(n: number): LaterMoment {
    return { label: `after time point ${n}`, wait: (then) => this.whenTimepointsDone(n, then) };
  }

  /** The changes that set `changes` back (undoOf), or none with the reason noted in the run's log. */
  private undoOrNoted(changes: Adjustment[]): Adjustment[] {
    try {
      return this.undoOf(changes);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      this.note(`not set back later: ${err.message}`);
      return [];
    }
  }

  /** Calls `then` once `n` time points are done (right after that time point, before the next is planned); never after the run ends. */
  private whenTimepointsDone(n: number, then: () => void): void {
    if (this.runner.timepointsDone >= n) {
      if (this.state !== 'done') then();
      return;
    }
    const off = this.signals.on('timepoint', () => {
      if (this.runner.timepointsDone < n) return;
      off();
      if (this.state !== 'done') then();
    });
  }

  /** Makes each change by the clock, noting it as done ("<done>: ...") or, refused, as not done ("not <done> (...): why"). */
  private adjustOnTimer(changes: Adjustment[], done: string): void {
    for (const c of changes) {
      try {
        this.adjust(c, 'timer');
        this.note(`${done}: ${describeAdjustment(c)}`);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        this.note(`not ${done} (${describeAdjustment(c)}): ${err.message}`);
      }
    }
  }

  /** Applies a live change to events not yet started. Throws InputError (nothing changed) when a value is refused. */
  adjust(adj: Adjustment, source = 'user'): AdjustResult {
    if (this.state === 'done' && adj.kind !== 'status') throw new InputError(`the acquisition "${this.name}" has ended (${this.runner.stopReason ?? 'finished'}): start a new one`);
    let result: AdjustResult;
    if (changesPlan(adj)) {
      const edit = applyAdjustment(this.livePlan, adj, this.planEnv());
      this.livePlan = edit.plan;
      if (edit.objective) this.runner.pendingObjective = edit.objective;
      const perImage = adj.kind === 'power' || adj.kind === 'powerFactor' || adj.kind === 'exposure' || adj.kind === 'exposureFactor';
      const from = perImage && this.state === 'acquiring' ? this.timeline.timepointsTaken - 1 : this.timeline.timepointsTaken;
      result = { message: `${edit.message.replace(/ from the next (time point|image)$/, '')} (from t=${from})`, notes: edit.notes, fromTimepoint: from };
    } else {
      result = this.control(adj, source);
    }
    for (const n of result.notes) this.note(n);
    this.runner.wakeUp();
    this.signals.emit('adjusted', { adjustment: adj, source, result });
    return result;
  }

  /** Timing, run control and questions: the runner's part. */
  private control(adj: Exclude<Adjustment, PlanAdjustment>, source: string): AdjustResult {
    const next = this.timeline.timepointsTaken;
    const now = Math.max(0, next - 1);
    const at = (message: string, notes: string[] = []): AdjustResult => ({ message: `${message} (from t=${next})`, notes, fromTimepoint: next });
    switch (adj.kind) {
      case 'interval':
      case 'intervalFactor':
      case 'duration':
      case 'extend':
      case 'endIn':
      case 'loops': {
        const baseIntervalS = this.burst?.baseIntervalS ?? this.timeline.intervalS;
        // a person's interval shorter than one time point takes is refused with the shortest one the plan keeps
        // (at one position, that position's share of the time point)
        if (source === 'user' && (adj.kind === 'interval' || adj.kind === 'intervalFactor')) {
          const { images, seconds } = timepointImaging(this.livePlan, this.runner.stageContext(), this.settings.defaultExposureMs);
          const share = adj.kind === 'interval' && adj.onlyAt ? Math.max(1, positionsOf(this.livePlan, this.runner.stageContext()).length) : 1;
          const asked = adj.kind === 'interval' ? adj.intervalS : this.timeline.intervalS * adj.factor;
          // (checked as the limits will set it: one below the minimum interval is raised to it)
          const refused = intervalBelowImaging(asked > 0 ? Math.max(asked, this.limits.minIntervalS) : asked, seconds / share, Math.round(images / share));
          if (refused) throw new InputError(refused);
        }
        // one position imaged less often than the others ("position 3 every 20 min" at 10 min): the run keeps its time points and
        // leaves that position out of them until its own interval is due (were the time points slowed, every position would be)
        if (adj.kind === 'interval' && adj.onlyAt && adj.intervalS > baseIntervalS) {
          const position = this.positionNamed(adj.onlyAt);
          // (the position a faster interval was set at goes back to the run's pace first: no other position changes)
          if (this.burst?.position === position) {
            adjustTimeline(this.timeline, { kind: 'interval', intervalS: baseIntervalS }, this.limits, this.runner.elapsedS());
            this.burst = undefined;
          }
          this.slowAt = { position, intervalS: adj.intervalS };
          return at(`interval set to ${formatDuration(adj.intervalS)} at ${position}; the other positions stay every ${formatDuration(baseIntervalS)}`);
        }
        const { message, notes } = adjustTimeline(this.timeline, adj, this.limits, this.runner.elapsedS());
        if (adj.kind === 'interval' && adj.onlyAt) {
          this.burst = { position: this.positionNamed(adj.onlyAt), baseIntervalS };
          if (this.slowAt?.position === this.burst.position) this.slowAt = undefined;
          return at(`${message} at ${this.burst.position}; the other positions stay every ${formatDuration(baseIntervalS)}`, notes);
        }
        if (adj.kind === 'interval' || adj.kind === 'intervalFactor') [this.burst, this.slowAt] = [undefined, undefined]; // a new interval for all
        return at(message, notes);
      }
      case 'autofocus':
        this.runner.pendingAutofocus = true;
        return at('autofocus before the next time point');
      case 'autofocusSchedule': {
        const { plan, said } = autofocusScheduleAt(adj, this.timeline.intervalS, this.livePlan.autofocusPlan);
        this.livePlan.autofocusPlan = plan;
        return at(`${describeAutofocusPlan(plan)}${said}`);
      }
      case 'noAutofocusSchedule': {
        const had = this.livePlan.autofocusPlan;
        this.livePlan.autofocusPlan = undefined;
        return had ? at(`no more scheduled autofocus (it was: ${describeAutofocusPlan(had)})`) : { message: 'no autofocus was scheduled: nothing to stop', notes: [] };
      }
      case 'pause': {
        this.runner.pause();
        const pause = ++this.pauses;
        // a timed pause resumes by itself, unless something else resumed or paused it since
        if (adj.forS) void this.clock.sleep(adj.forS * 1000).then(() => pause === this.pauses && this.runner.paused && this.state !== 'done' && this.adjust({ kind: 'resume' }, 'timer'));
        return { message: `pausing after the current image${adj.forS ? `; resuming by itself in ${formatDuration(adj.forS)}` : ''}`, notes: [], fromTimepoint: next };
      }
      case 'resume': {
        const was = this.runner.paused;
        this.runner.resume();
        return { message: was ? 'resumed' : 'the acquisition is not paused', notes: [] };
      }
      case 'stop':
        this.runner.stop(source === 'user' ? 'stopped on request' : `stopped by ${source}`);
        return { message: `stopping after the current image (t=${now}); every frame so far is on disk`, notes: [], fromTimepoint: next };
      case 'finish':
        this.runner.finish('finished after the current time point on request');
        return { message: `finishing after the current time point (t=${now}); no time point from t=${next} on`, notes: [], fromTimepoint: next };
      case 'status':
        return { message: this.describeStatus(adj.about ?? 'all'), notes: [] };
    }
  }

  status(): AcquisitionStatus {
    const r = this.runner;
    const elapsedS = r.elapsedS();
    const next = this.state === 'done' ? undefined : this.timeline.nextStartS();
    return {
      ...statusOfPlan(this.livePlan, this.settings, r.stageContext(), this.microscope.getState()),
      state: this.state, name: this.name, timepointsDone: r.timepointsDone, imagesAcquired: r.imagesAcquired, elapsedS,
      remainingS: r.remainingS(),
      nextTimepointInS: next === undefined || this.state === 'acquiring' ? 0 : Math.max(0, next - elapsedS),
      intervalS: this.timeline.intervalS,
      dose: doseStatus(this.ledger, this.limits),
      files: this.sink.files.map((f) => ({ ...f })),
      framesTable: this.sink.framesPath,
      stopReason: r.stopReason, error: r.error, rules: this.rules.status(), notes: [...this.notes],
      autofocus: { schedule: this.livePlan.autofocusPlan ? describeAutofocusPlan(this.livePlan.autofocusPlan) : undefined, runs: r.autofocusRuns.map((run) => ({ ...run })) },
    };
  }

  /** The nuclei of the latest image of a position (the first by default), numbered as "zoom into cell N" numbers them. */
  latestCells(position?: string): { position: string; channel: string; cells: Nucleus[] } {
    return this.latest.cells(position ?? this.livePlan.stagePositions?.[0]?.name ?? 'Pos0', this.settings.triggerChannel(this.livePlan));
  }

  /** The latest image of a position (the first by default) in each channel imaged so far, with the position's name. */
  latestImages(position?: string): { position: string; images: Snapshot[] } {
    const name = position ?? this.livePlan.stagePositions?.[0]?.name ?? 'Pos0';
    return { position: name, images: this.latest.all(name) };
  }

  describeStatus(about: 'time' | 'dose' | 'all' = 'all'): string {
    return describeStatus(this.status(), about);
  }

  /**
   * A position on an interval of its own longer than the time points' is imaged only when that interval is due: the others during
   * a burst at one position (the run's interval), and a position set slower than the run.
   */
  private skipPosition(position: string, t: number, nowS: number): boolean {
    const p = positionOf(position);
    const own = this.slowAt?.position === p ? this.slowAt.intervalS : this.burst && this.burst.position !== p ? this.burst.baseIntervalS : undefined;
    if (own === undefined) return false;
    const last = this.lastImaged.get(p);
    if (!last || last.t === t) return false;
    return nowS - last.startS < own - this.timeline.intervalS / 2;
  }

  /** A position of the running plan by its name, or by its number in the list ("2" = the second), as dropPosition takes it. */
  private positionNamed(position: string): string {
    const names = positionsOf(this.livePlan, this.runner.stageContext()).map((p) => p.name);
    if (names.includes(positionOf(position))) return positionOf(position);
    const n = /^\s*(?:position|pos|field|site)?\s*#?\s*(\d+)\s*$/i.exec(position);
    if (n && Number(n[1]) >= 1 && Number(n[1]) <= names.length && !names.some((name) => name.toLowerCase() === position.trim().toLowerCase())) return names[Number(n[1]) - 1];
    return positionOf(position);
  }

  private planEnv(): PlanEnv {
    return {
      config: this.microscope.config,
      limits: this.limits,
      stage: this.runner.stageContext(),
      defaultExposureMs: this.settings.defaultExposureMs,
      defaultPowerPercent: (c) => this.settings.defaultPowerFor(c),
      objective: this.runner.pendingObjective ?? this.microscope.getState().objective,
      latestImage: (p) => this.latest.image(p, this.settings.triggerChannel(this.livePlan)),
    };
  }

  private note(message: string): void {
    this.notes.push(message);
    if (this.notes.length > 200) this.notes.shift();
    this.signals.emit('note', message);
  }
}

/** The stage position a field belongs to (grid fields are "<position>_r<row>c<column>"). */
function positionOf(field: string): string {
  return field.replace(/_r\d+c\d+$/, '');
}

/** The plan's part of a status: channels with their settings, planes, positions, objective. */
function statusOfPlan(plan: Sequence, settings: ChannelSettings, stage: StageContext, mic: { objective: string; pixelSizeUm: number }) {
  return {
    channels: plan.channels.map((c) => ({ channel: c.config, exposureMs: c.exposureMs ?? settings.defaultExposureMs, powerPercent: c.powerPercent ?? settings.defaultPowerFor(c.config), acquireEvery: c.acquireEvery })),
    zPlanes: zCount(plan),
    positions: positionsOf(plan, stage).map((p) => ({ name: p.name, xUm: p.xUm, yUm: p.yUm, zUm: p.zUm })),
    objective: mic.objective,
    pixelSizeUm: mic.pixelSizeUm,
  };
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

