// The light a person's words ask for, checked against the microscope's safety limits before anything runs.
// A power over the limit or an exposure the camera cannot take is clamped in the typed arguments and said in one
// line (the tools check again with the session's own limits when they run); a cap on the light dose is no
// setting a command changes (the dose budget is the microscope's), so it is said, and nothing is changed.
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
  return `I cannot set a light-dose limit: the dose budget (${limits.doseBudgetJPerCm2} J/cm² per position, all channels together) is the microscope's own safety limit and no command changes it, so nothing was changed. To give less light, lower the power or exposure or image less often; "how much light have they had?" reports the dose so far.`;
}
