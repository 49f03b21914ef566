// The light a person's words ask for, checked against the microscope's safety limits before anything runs.
// A power over the limit or an exposure the camera cannot take is clamped in the typed arguments and said in one
// line (the tools check again with the session's own limits when they run); a cap on the light dose is no
// setting a command changes (the dose budget is the microscope's), so it is said, and nothing is changed.
import type { Adjustment } from '../../microscope/adjustment.ts';
import { DEFAULT_LIMITS, checkExposure, checkPower, type Limits } from '../../microscope/limits.ts';

/** Arguments with every power (`powerPercent`) and exposure (`exposureMs`) within the limits, and a line for each value changed. */
export function withinLightLimits<T>(args: T, limits: Limits = DEFAULT_LIMITS): { args: T; notes: string[] } {
  const notes: string[] = [];
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    const record = value as Record<string, unknown>;
    const source = typeof record.channel === 'string' ? record.channel : typeof record.config === 'string' ? record.config : 'the light source';
    for (const [key, v] of Object.entries(record)) {
      out[key] = key === 'powerPercent' && typeof v === 'number' ? checked(() => checkPower(limits, source, v), v) : key === 'exposureMs' && typeof v === 'number' ? checked(() => checkExposure(limits, v), v) : walk(v);
    }
    return out;
  };
  const checked = (check: () => { value: number; note?: string }, v: number): number => {
    try {
      const c = check();
      if (c.note) notes.push(`${c.note.charAt(0).toUpperCase()}${c.note.slice(1)}.`);
      return c.value;
    } catch {
      // (a value no limit can make sense of, a negative power: the tool refuses it with its own line)
      return v;
    }
  };
  const out = walk(args) as T;
  return { args: out, notes };
}

/** Words that set a ceiling: "under", "below", "no more than", "cap", "limit", "must not exceed", "don't give them more than". */
const CEILING = /(?:(?:\bnot|\bnever|n't)\s+(?:exceed|go (?:over|above|past)|pass)\b)|(?:(?:\bnot|\bnever|n't)\b[^.;?]*?\b(?:more than|over|above|beyond|in excess of)\b)|\b(?:under|below|less than|at most|no more than|not more than|max(?:imum)?|cap(?:ped)?|limit(?:ed)?|budget|keep|stay|within)\b/;
/** The light dose named: "light dose", "dose", "J/cm²", "joules per square centimetre". */
const DOSE = /\bdose\b|\bj\s*\/\s*cm(?:2|²|\^2)?\b|\bjoules?\s+per\s+(?:square\s+)?cm\b|\bjoules?\s+per\s+square\s+centimet(?:er|re)\b/;

/**
 * "keep the total light dose under 20 J/cm²", "cap the dose at 50": a ceiling on the light dose asked for. No command
 * sets one (the dose budget per position is the microscope's safety limit), so the line says so and nothing changes.
 * Undefined when the words ask nothing of the kind (a question about the dose is the report's).
 */
export function doseCapRefusal(t: string, limits: Limits = DEFAULT_LIMITS): string | undefined {
  if (!DOSE.test(t) || !CEILING.test(t)) return undefined;
  // (a condition on the dose, "stop if the dose goes over 50", is a rule's to read)
  if (/\b(?:when(?:ever)?|if|once|as soon as)\b/.test(t)) return undefined;
  if (/\?\s*$/.test(t) || /^(?:what|which|how|when|where|why|is|are|was|were|has|have|did|does|do|will|would)\b/.test(t)) return undefined;
  // (the limit asked is quoted, so the answer says which part was not applied: "keep the total light under 5 J/cm2", stop 47)
  const asked = /(\d+(?:\.\d+)?)\s*(?:j|joules?)\s*(?:\/|per)\s*(?:cm\s*(?:2|²|\^2)|square\s+cm|cm\s*squared)/i.exec(t);
  return `I cannot set a light-dose limit${asked ? ` of ${asked[1]} J/cm²` : ''}: the dose budget (${limits.doseBudgetJPerCm2} J/cm² per position, all channels together) is the microscope's own safety limit and no command changes it, so nothing was changed. To give less light, lower the power or exposure or image less often; "how much light have they had?" reports the dose so far.`;
}

/**
 * "triple the GFP power" with GFP at 50 %, "double the exposure" at 8 s: a share of a channel's light whose result the
 * run's known values put past the limits is that channel's light set at the limit, and said in one line ("3 x 50 % =
 * 150 %"); shares whose result is within the limits, or of a value not known, are left to the tool. `known` gives each
 * channel's current power (%) and exposure (ms) where the conversation said them, and the channels imaged.
 */
export function scaledWithinLimits(changes: Adjustment[], known: { powerPercent?: Record<string, number>; exposureMs?: Record<string, number>; channels?: string[] }, limits: Limits = DEFAULT_LIMITS): { changes: Adjustment[]; notes: string[] } {
  const notes: string[] = [];
  const out = changes.flatMap((c): Adjustment[] => {
    if (c.kind !== 'powerFactor' && c.kind !== 'exposureFactor') return [c];
    const values = (c.kind === 'powerFactor' ? known.powerPercent : known.exposureMs) ?? {};
    // (a share of every channel's light: only when every channel imaged has its value known)
    const channels = c.channel ? [c.channel] : known.channels ?? Object.keys(values);
    if (!channels.length || channels.some((ch) => values[ch] === undefined)) return [c];
    const unit = c.kind === 'powerFactor' ? ' %' : ' ms';
    const over = channels.map((ch) => {
      const wanted = Math.round(values[ch] * c.factor * 1e6) / 1e6;
      try {
        return { ch, wanted, checked: c.kind === 'powerFactor' ? checkPower(limits, ch, wanted) : checkExposure(limits, wanted) };
      } catch {
        return { ch, wanted, checked: { value: wanted } };
      }
    });
    if (!over.some((o) => o.checked.note)) return [c];
    return over.map((o) => {
      if (o.checked.note) notes.push(`${o.ch} ${c.kind === 'powerFactor' ? 'power' : 'exposure'}: ${c.factor} x ${values[o.ch]}${unit} = ${o.wanted}${unit} is past the ${o.checked.value}${unit} limit, so it is set to ${o.checked.value}${unit}.`);
      return c.kind === 'powerFactor' ? { kind: 'power', powerPercent: o.checked.value, channel: o.ch } : { kind: 'exposure', exposureMs: o.checked.value, channel: o.ch };
    });
  });
  return { changes: out, notes };
}

/**
 * "go to x = 80000 µm", "move the stage 100 mm to the right", "focus down 6 mm": a move the stage cannot make, refused
 * with its travel (nothing is moved). An absolute position is checked against the travel; a relative move only where it is
 * longer than the whole travel of its axis (where the stage is now is the tool's to check). `moves`: the typed moves
 * (adjust_acquisition's moveStage changes, or move_stage's arguments). Undefined when every move can be made.
 */
export function stageMoveRefusal(moves: { xUm?: unknown; yUm?: unknown; zUm?: unknown; relative?: unknown }[], limits: Limits = DEFAULT_LIMITS): string | undefined {
  const travel = { x: limits.xRangeUm, y: limits.yRangeUm, z: limits.zRangeUm };
  for (const move of moves) {
    for (const axis of ['x', 'y', 'z'] as const) {
      const v = move[`${axis}Um`];
      if (typeof v !== 'number') continue;
      const [min, max] = travel[axis];
      const out = move.relative === true ? Math.abs(v) > max - min : v < min || v > max;
      if (out) return `${axis} ${move.relative === true ? `by ${v} µm` : `= ${v} µm`} is beyond the stage's travel (${axis} from ${min} to ${max} µm${move.relative === true ? `, ${max - min} µm in all` : ''}), so nothing was moved or changed.`;
    }
  }
  return undefined;
}
