// One microscope per chat session: the (guarded) microscope, its clock, limits, the dose
// ledger that spans every snap and acquisition, the running acquisition and the rules a
// person has confirmed. The agent tools keep it in ToolContext.state so it persists
// across calls; nothing here knows about the agent or zod.
import { InputError } from '../errors.ts';
import type { Adjustment } from './adjustment.ts';
import type { Clock } from './clock.ts';
import { RealClock, VirtualClock } from './clock.ts';
import { lightSourceOf, resolveChannel } from './config.ts';
import { DoseLedger, exposureDose } from './dose.ts';
import { describeEnded, endedRecord, readEnded, writeEnded, type EndedAcquisition } from './endedAcquisition.ts';
import type { AcquisitionStatus } from './acquisitionStatus.ts';
import { Acquisition, startAcquisition, type AdjustResult } from './engine.ts';
import { GuardedMicroscope } from './guard.ts';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import type { Microscope, Snapshot } from './microscope.ts';
import { describeRule, type FrameScorer, type Rule } from './rules.ts';
import { SimulatedMicroscope, type SimulatedMicroscopeOptions } from './simulated.ts';
import { modelScorer } from './modelScore.ts';
import { timeDeltasS } from './sequence.ts';

export interface MicroscopeSessionOptions {
  microscope?: Microscope;
  clock?: Clock;
  limits?: Limits;
  simulator?: SimulatedMicroscopeOptions;
  scorers?: Record<string, FrameScorer>;
  /** Where the dose ledger lives (a file in the session folder), so every process on the session shares one budget. */
  ledgerPath?: string;
  /** Where the record of the acquisition that ended last lives (a file in the session folder), so a later command on the session can say what became of it. */
  endedPath?: string;
}

export class MicroscopeSession {
  readonly clock: Clock;
  readonly limits: Limits;
  readonly ledger: DoseLedger;
  readonly microscope: GuardedMicroscope;
  readonly notes: string[] = [];
  acquisition: Acquisition | undefined;
  /** Rules the person has confirmed: they run in every acquisition from now on. */
  readonly rules: Rule[] = [];
  /** Rules understood but not yet confirmed, by id. */
  readonly pending = new Map<string, Rule>();
  /** The acquisition that ended last in an earlier process on this session (read from its record), if any. */
  readonly endedEarlier: EndedAcquisition | undefined;
  /** The acquisition that ended last in this process. */
  private endedHere: EndedAcquisition | undefined;
  /** Said with the record of the running acquisition when it ends (set by whoever ends it: how to keep the next one running). */
  private endAdvice: string | undefined;
  private readonly endedPath: string | undefined;
  private readonly scorers: Record<string, FrameScorer>;
  private ruleCount = 0;

  constructor(options: MicroscopeSessionOptions = {}) {
    this.clock = options.clock ?? (process.env.CELLPILOT_MICROSCOPE_CLOCK === 'virtual' ? new VirtualClock() : new RealClock());
    this.limits = options.limits ?? DEFAULT_LIMITS;
    this.ledger = new DoseLedger(options.ledgerPath);
    const inner = options.microscope ?? new SimulatedMicroscope({ ...options.simulator, clock: this.clock });
    this.microscope = new GuardedMicroscope(inner, this.limits, (note) => this.notes.push(note));
    this.scorers = options.scorers ?? {};
    this.endedPath = options.endedPath;
    this.endedEarlier = options.endedPath ? readEnded(options.endedPath) : undefined;
  }

  get running(): boolean {
    return !!this.acquisition && this.acquisition.state !== 'done';
  }

  /** Starts an acquisition; refuses while another one runs. */
  start(plan: unknown, outputPath: string): Acquisition {
    if (this.running) throw new InputError(`an acquisition ("${this.acquisition!.name}") is already running: stop it or wait for it to end first`);
    this.acquisition = startAcquisition(plan, {
      microscope: this.microscope,
      clock: this.clock,
      outputPath,
      limits: this.limits,
      ledger: this.ledger,
      rules: [...this.rules],
      scorers: this.scorers,
      scorerFor: (name) => modelScorer(name),
    });
    const acquisition = this.acquisition;
    const startedAtMs = Date.now();
    // its record is kept when it ends, whatever ends it (the plan done, a stop, the process that ran it ending)
    void acquisition.done.then((status) => {
      this.endedHere = endedRecord(status, startedAtMs, Date.now(), timeDeltasS(acquisition.plan.timePlan).length, this.endAdvice);
      if (this.endedPath) {
        try {
          writeEnded(this.endedPath, this.endedHere);
        } catch {
          // (the record only explains a later "no acquisition is running"; the frames are on disk regardless)
        }
      }
    });
    return this.acquisition;
  }

  /** Stops the running acquisition (if any) with its reason, and the advice its record keeps; resolves with its last status. */
  async stopRunning(reason: string, advice?: string): Promise<AcquisitionStatus | undefined> {
    if (!this.running) return undefined;
    this.endAdvice = advice;
    this.acquisition!.stop(reason);
    return this.acquisition!.done;
  }

  /**
   * Why nothing is running, in one line, when nothing is: the acquisition that ended last (in this process
   * or in an earlier command on the session), when, after how much, and why; undefined while one runs.
   */
  notRunning(): string | undefined {
    if (this.running) return undefined;
    const last = this.endedHere ?? this.endedEarlier;
    if (!last) return 'no acquisition has been started in this session';
    return `no acquisition is running: ${describeEnded(last)}`;
  }

  /** The record of the acquisition that ended last came from an earlier process on the session (it ran inside that command). */
  get lastEndedInEarlierProcess(): boolean {
    return !this.running && !this.endedHere && !!this.endedEarlier;
  }

  requireAcquisition(): Acquisition {
    if (!this.acquisition) throw new InputError(`${this.notRunning() ?? 'no acquisition has been started in this session'}: start one with start_acquisition`);
    return this.acquisition;
  }

  adjust(adj: Adjustment): AdjustResult {
    return this.requireAcquisition().adjust(adj);
  }

  /** One image with the given settings, outside any acquisition (counted in the ledger and held to the budget). */
  async snap(settings: { channel?: string; exposureMs?: number; powerPercent?: number } = {}): Promise<{ snapshot: Snapshot; doseJPerCm2: number; position: string; notes: string[] }> {
    if (this.running && this.acquisition!.state !== 'paused') {
      throw new InputError(`the microscope is busy with the acquisition "${this.acquisition!.name}": pause it first, or look at its latest frames`);
    }
    const before = this.notes.length;
    const m = this.microscope;
    if (settings.channel) await m.setChannel(settings.channel);
    if (settings.exposureMs !== undefined) await m.setExposure(settings.exposureMs);
    const state = m.getState();
    const source = lightSourceOf(m.config, resolveChannel(m.config, state.channel)).name;
    if (settings.powerPercent !== undefined) await m.setLightPower(source, settings.powerPercent);
    const now = m.getState();
    const power = now.powerPercent[source] ?? 0;
    const dose = exposureDose(m.config, now.channel, power, now.exposureMs);
    const field = { xUm: now.xUm, yUm: now.yUm, widthUm: now.imageWidthPx * now.pixelSizeUm, heightUm: now.imageHeightPx * now.pixelSizeUm };
    const refusal = this.ledger.refusal(field, dose, this.limits.doseBudgetJPerCm2);
    if (refusal) throw new InputError(`snap refused: ${refusal}`);
    const position = this.ledger.locate(`stage_x${Math.round(now.xUm)}_y${Math.round(now.yUm)}`, field);
    const snapshot = await m.snap();
    this.ledger.record(position, field, now.channel, dose, now.exposureMs);
    return { snapshot, doseJPerCm2: dose, position, notes: this.notes.slice(before) };
  }

  /** Parks a parsed rule until the person confirms it. */
  propose(parsed: Rule): { rule: Rule; description: string } {
    // Ids count per session (rule-1, rule-2, ...), whatever the parser numbered them.
    const rule = { ...parsed, id: `rule-${++this.ruleCount}` };
    this.pending.set(rule.id, rule);
    return { rule, description: describeRule(rule) };
  }

  /** Activates a rule (pending by id, or given): it joins the running acquisition and every later one. */
  confirm(ruleOrId: Rule | string): Rule {
    const rule = typeof ruleOrId === 'string' ? this.pending.get(ruleOrId) : this.propose(ruleOrId).rule;
    if (!rule) {
      const known = [...this.pending.keys()].join(', ') || 'none';
      throw new InputError(`no rule ${String(ruleOrId)} is waiting for confirmation (waiting: ${known})`);
    }
    this.pending.delete(rule.id);
    if (!this.rules.some((r) => r.id === rule.id)) this.rules.push(rule);
    if (this.running) this.acquisition!.addRule(rule);
    return rule;
  }

  removeRule(id: string): Rule {
    const pending = this.pending.get(id);
    if (pending) {
      this.pending.delete(id);
      return pending;
    }
    const i = this.rules.findIndex((r) => r.id === id);
    if (i < 0) throw new InputError(`no rule called ${id} (rules: ${[...this.rules.map((r) => r.id), ...this.pending.keys()].join(', ') || 'none'})`);
    const [rule] = this.rules.splice(i, 1);
    this.acquisition?.removeRule(id);
    return rule;
  }
}

