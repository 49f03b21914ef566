// "the red and green channels don't line up, there's a shift between them", "the channels are offset by a few pixels,
// register them onto each other": a clause whose thing is only a pronoun for what the clause before named, said in words
// the step before declares its own ("shift", "register" are align_channels' words), says that step again. It added a
// second tool of the same kind (a drift correction over time) for the channels' offset.
import { type Catalogue, producesOf, selfOf } from './catalogue.ts';
import type { PlannedStep } from './types.ts';
import { isStopWord, tokenize } from './words.ts';

/** Words that point back at a thing named before (the tokenizer drops them as stop words: read as written). */
const POINTING_BACK = /\b(?:them|it|they|those|these|each\s+other|one\s+another)\b/i;
/** Words of place between things, which name no step ("a shift between them", "register them onto each other"). */
const BETWEEN = new Set(['between', 'onto', 'into', 'among', 'across', 'against', 'together', 'each', 'other', 'another']);

/** True when the step sets some argument of its own (a value said, not an input reference or a note). */
function setsSomething(step: PlannedStep): boolean {
  return Object.entries(step.args).some(([k, v]) => !k.startsWith('$') && v !== undefined && (typeof v !== 'object' || Array.isArray(v)));
}

/** True when `step` restates `before`: same kind of result, a pronoun for its thing, and every other word one of `before`'s own. */
export function restatesStepBefore(step: PlannedStep, before: PlannedStep | undefined, catalogue: Catalogue): boolean {
  if (!before || before.tool === step.tool || setsSomething(step) || step.clause === before.clause) return false;
  const made = producesOf(step.tool, catalogue)[0];
  if (!made || made !== producesOf(before.tool, catalogue)[0]) return false;
  if (!POINTING_BACK.test(step.clause)) return false;
  const content = tokenize(step.clause).filter((t) => !t.part && !isStopWord(t.word) && !BETWEEN.has(t.word.toLowerCase()));
  if (content.length === 0) return false;
  const own = new Set((selfOf(before.tool, catalogue)?.words ?? []).flatMap((w) => tokenize(w).map((t) => t.stem)));
  return content.every((t) => own.has(t.stem));
}
