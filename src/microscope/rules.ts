// Self-driving rules: a trigger computed on the fly from incoming frames (number of
// cells, a division, mean intensity, a focus score, a model's score) and an action
// (change the interval, add a channel for a while, zoom, autofocus, stop). Level
// triggers have hysteresis (a separate release threshold); every rule keeps its mode for
// a minimum number of time points, so noise cannot make it flap; a "hold" keeps the
// action on for a time or a number of time points after the last trigger, then the
// previous setting comes back. Rules act through the engine's adjust(), so the limits
// hold for them exactly as for a person's commands.
import type { Adjustment } from './adjustment.ts';
import { detectDivisions, focusScore, meanIntensity, segmentNuclei, type NucleiResult } from './measures.ts';
import { describeRule, type Rule, type RuleAction, type TriggerSpec } from './ruleSpec.ts';
import { formatDuration } from './adjustment.ts';

export { describeRule, type Rule, type RuleAction, type TriggerSpec } from './ruleSpec.ts';

/** Scores a frame (e.g. an ONNX model's output); registered by name for modelScore triggers. */
export type FrameScorer = (data: Uint16Array, widthPx: number, heightPx: number) => number | Promise<number>;

export interface FrameForRules {
  position: string;
  channel: string;
  zIndex: number;
  zCount: number;
  data: Uint16Array;
  widthPx: number;
  heightPx: number;
  pixelSizeUm: number;
}

/** What a rule needs from the running acquisition. */
export interface RuleHost {
  adjust(adj: Adjustment, source: string): { message: string };
  intervalS(): number;
  hasChannel(channel: string): boolean;
  /** Default trigger channel: the plan's first fluorescence channel. */
  defaultChannel(): string;
  scorer(name: string): FrameScorer | undefined;
  note(message: string): void;
}

export type RuleMode = 'base' | 'active';

export interface RuleStatus {
  id: string;
  mode: RuleMode;
  lastValue?: number;
  triggers: number;
  description: string;
}

interface RuleState {
  mode: RuleMode;
  framesInMode: number;
  /** For level triggers: condition currently on (with hysteresis). */
  conditionOn: boolean;
  holdUntilS: number;
  holdFramesLeft: number;
  triggers: number;
  lastValue?: number;
  /** What the action changed, to undo it. */
  saved?: { intervalS?: number; setIntervalS?: number; addedChannel?: string };
  /** Per-position previous nuclei, for division detection. */
  previous: Map<string, NucleiResult>;
  /** Trigger fired during the current time point. */
  firedNow: boolean;
  /** Where it fired (for zoom). */
  firedAt?: { position: string; xPx: number; yPx: number };
  /** Values seen during the current time point (level triggers use the mean). */
  values: number[];
}

export class RuleRunner {
  private readonly states = new Map<string, RuleState>();

  constructor(
    private readonly rules: Rule[],
    private readonly host: RuleHost,
  ) {
    for (const rule of rules) this.states.set(rule.id, newState());
  }

  add(rule: Rule): void {
    this.rules.push(rule);
    this.states.set(rule.id, newState());
  }

  remove(id: string): boolean {
    const i = this.rules.findIndex((r) => r.id === id);
    if (i < 0) return false;
    this.rules.splice(i, 1);
    this.states.delete(id);
    return true;
  }

  get size(): number {
    return this.rules.length;
  }

  status(): RuleStatus[] {
    return this.rules.map((rule) => {
      const s = this.states.get(rule.id)!;
      return { id: rule.id, mode: s.mode, lastValue: s.lastValue, triggers: s.triggers, description: describeRule(rule) };
    });
  }

  /** Measures a frame for every rule that triggers on its channel (middle plane of a stack only). */
  async onFrame(frame: FrameForRules): Promise<void> {
    if (frame.zIndex !== Math.floor(frame.zCount / 2)) return; // the plane do_stack=false channels use (useq)
    let nuclei: NucleiResult | undefined;
    const getNuclei = () => (nuclei ??= segmentNuclei(frame.data, frame.widthPx, frame.heightPx, frame.pixelSizeUm));
    for (const rule of this.rules) {
      const channel = rule.trigger.channel ?? this.host.defaultChannel();
      if (channel.toLowerCase() !== frame.channel.toLowerCase()) continue;
      const state = this.states.get(rule.id)!;
      const trigger = rule.trigger;
      switch (trigger.kind) {
        case 'division': {
          const now = getNuclei();
          const before = state.previous.get(frame.position);
          state.previous.set(frame.position, now);
          if (before && before.labels.length === now.labels.length) {
            const divisions = detectDivisions(before, now);
            if (divisions.length) {
              state.firedNow = true;
              const d = divisions[0];
              state.firedAt = { position: frame.position, xPx: (d.daughters[0].xPx + d.daughters[1].xPx) / 2, yPx: (d.daughters[0].yPx + d.daughters[1].yPx) / 2 };
            }
            state.values.push(divisions.length);
          }
          break;
        }
        case 'cellCount':
          state.values.push(getNuclei().nuclei.length);
          break;
        case 'meanIntensity':
          state.values.push(meanIntensity(frame.data, frame.widthPx, frame.heightPx, trigger.region));
          break;
        case 'focusScore':
          state.values.push(focusScore(frame.data));
          break;
        case 'modelScore': {
          const scorer = this.host.scorer(trigger.model);
          if (!scorer) throw new Error(`no model called ${trigger.model} to score frames with`);
          const score = await scorer(frame.data, frame.widthPx, frame.heightPx);
          if (Number.isFinite(score)) state.values.push(score);
          break;
        }
      }
    }
  }

  /** Decides mode changes at the end of a time point and applies them through the host. */
  afterTimepoint(nowS: number): void {
    for (const rule of [...this.rules]) {
      const state = this.states.get(rule.id);
      if (!state) continue;
      state.framesInMode++;
      const fired = this.evaluate(rule, state);
      if (state.mode === 'base') {
        if (fired && state.framesInMode >= rule.minFramesPerMode) this.enter(rule, state, nowS);
      } else {
        if (fired) this.extendHold(rule, state, nowS);
        else state.holdFramesLeft = Math.max(0, state.holdFramesLeft - 1);
        const holdOver = nowS >= state.holdUntilS - 1e-9 && state.holdFramesLeft <= 0;
        const levelOff = rule.trigger.kind === 'division' ? true : !state.conditionOn;
        if (holdOver && levelOff && state.framesInMode >= rule.minFramesPerMode) this.leave(rule, state);
      }
      state.firedNow = false;
      state.values = [];
    }
  }

  private evaluate(rule: Rule, state: RuleState): boolean {
    const trigger = rule.trigger;
    if (trigger.kind === 'division') {
      if (state.values.length) state.lastValue = state.values.reduce((a, b) => a + b, 0);
      return state.firedNow;
    }
    if (state.values.length === 0) return state.conditionOn;
    const value = state.values.reduce((a, b) => a + b, 0) / state.values.length;
    state.lastValue = value;
    const release = trigger.release ?? trigger.threshold;
    if (trigger.comparison === 'above') {
      if (!state.conditionOn && value > trigger.threshold) state.conditionOn = true;
      else if (state.conditionOn && value < release) state.conditionOn = false;
    } else {
      if (!state.conditionOn && value < trigger.threshold) state.conditionOn = true;
      else if (state.conditionOn && value > release) state.conditionOn = false;
    }
    return state.conditionOn;
  }

  private enter(rule: Rule, state: RuleState, nowS: number): void {
    state.mode = 'active';
    state.framesInMode = 0;
    state.triggers++;
    this.extendHold(rule, state, nowS);
    const source = `rule ${rule.id}`;
    const action = rule.action;
    switch (action.kind) {
      case 'setInterval':
        state.saved = { intervalS: this.host.intervalS(), setIntervalS: action.intervalS };
        this.host.adjust({ kind: 'interval', intervalS: action.intervalS, ...(action.atTriggerPosition && state.firedAt ? { onlyAt: state.firedAt.position } : {}) }, source);
        break;
      case 'addChannel':
        if (!this.host.hasChannel(action.channel)) {
          this.host.adjust({ kind: 'addChannel', channel: action.channel, exposureMs: action.exposureMs }, source);
          state.saved = { addedChannel: action.channel };
        }
        break;
      case 'zoom':
        this.host.adjust({ kind: 'zoom', xPx: state.firedAt?.xPx, yPx: state.firedAt?.yPx, position: state.firedAt?.position, objective: action.objective }, source);
        break;
      case 'autofocus':
        this.host.adjust({ kind: 'autofocus' }, source);
        break;
      case 'stop':
        this.host.adjust({ kind: 'stop' }, source);
        break;
    }
    // One-shot actions have nothing to undo: the rule re-arms after its minimum frames.
    if (!rule.revert || action.kind === 'autofocus' || action.kind === 'stop' || action.kind === 'zoom') {
      state.holdUntilS = nowS;
      state.holdFramesLeft = 0;
    }
  }

  private leave(rule: Rule, state: RuleState): void {
    state.mode = 'base';
    state.framesInMode = 0;
    const saved = state.saved;
    state.saved = undefined;
    if (!rule.revert || !saved) return;
    const source = `rule ${rule.id} (back)`;
    if (saved.setIntervalS !== undefined) {
      // Undo only if nobody changed the interval since: a person's later command wins.
      if (Math.abs(this.host.intervalS() - saved.setIntervalS) < 1e-9) {
        this.host.adjust({ kind: 'interval', intervalS: rule.revertIntervalS ?? saved.intervalS ?? saved.setIntervalS }, source);
      } else {
        this.host.note(`rule ${rule.id}: the interval was changed by hand, so it stays at ${formatDuration(this.host.intervalS())}`);
      }
    }
    if (saved.addedChannel && this.host.hasChannel(saved.addedChannel)) this.host.adjust({ kind: 'dropChannel', channel: saved.addedChannel }, source);
  }

  private extendHold(rule: Rule, state: RuleState, nowS: number): void {
    state.holdUntilS = Math.max(state.holdUntilS, nowS + (rule.holdS ?? 0));
    state.holdFramesLeft = Math.max(state.holdFramesLeft, rule.holdFrames ?? 0);
  }
}

function newState(): RuleState {
  return { mode: 'base', framesInMode: Number.MAX_SAFE_INTEGER / 2, conditionOn: false, holdUntilS: 0, holdFramesLeft: 0, triggers: 0, previous: new Map(), firedNow: false, values: [] };
}
