// A clause whose action is the method named ("refine the nucleus outlines with active contours"): its verb is no word of
// the tool its object noun chose (plot, for "outlines"), and the method is one no tool offers. Running that tool would do
// something else with confidence; the step is left out and the answer names the method as not available (accounted.ts).
// A verb of the tool ("segment the nuclei with active contours", "plot the outlines with snakes") keeps the step: the
// method is then a manner of a step we do run, named beside it.
import { allowedValues, type Catalogue, producesOf, selfOf } from './catalogue.ts';
import type { ToolIndex } from './matcher.ts';
import type { Plan, PlannedStep } from './types.ts';
import { meaning, tokenize } from './words.ts';

/** Verbs that say nothing of which tool acts ("do", "run", "use"): a clause opened by one keeps the step its words chose. */
const ANY_TOOLS_VERB = /^(?:do|does|run|make|get|give|show|use|apply|try|perform|compute|calculate|can|could|would|let|lets|i|we|you|want|need|just|something|anything|like|maybe|perhaps|kind|sort|some)$/i;

/**
 * Whether the step was chosen by the object of a clause whose verb belongs to no tool of the step (`refine`, `smooth out`,
 * `polish`): the named method at `at` (inside the step's words) is then the action, and the step is none of it. A step
 * another step reads from is kept (its product is needed).
 */
export function chosenOnlyByItsObject(step: PlannedStep | undefined, request: string, at: number, plan: Plan, catalogue: Catalogue, index: ToolIndex): boolean {
  if (!step?.clause) return false;
  const from = request.indexOf(step.clause);
  if (from < 0 || at < from || at >= from + step.clause.length) return false;
  const verb = /^([\p{L}]+)/u.exec(fromItsVerb(step.clause))?.[1];
  // (only a verb written plainly acts: "IdentifyPrimaryObjects", a program's module name, is the step's own name)
  if (!verb || ANY_TOOLS_VERB.test(verb) || !/^\p{Ll}+$/u.test(verb)) return false;
  const self = selfOf(step.tool, catalogue);
  // (the tool's words, examples and values: "Auto Threshold -> Yen" opens on segment's method "auto")
  const values = Object.values(catalogue.get(step.tool)?.properties ?? {}).flatMap((p) => allowedValues(p));
  const valueWords = Object.values(self?.valueWords ?? {}).flatMap((byValue) => Object.values(byValue).flat());
  const own = new Set(index.meanings(tokenize([step.tool.replace(/_/g, ' '), ...(self?.words ?? []), ...(self?.examples ?? []), ...values, ...valueWords].join(' '))));
  const verbMeaning = tokenize(verb).map((t) => meaning(t.stem))[0];
  // (a verb of the tool's own words, "segment", "count", "plot", chose the step itself; any other leaves it to the object)
  if (!verbMeaning || own.has(verbMeaning)) return false;
  // (nor a verb of the tool later in the words: "deconvolve with Richardson-Lucy, then segment the nuclei" is segment's too)
  const verbs = new Set(index.meanings(tokenize([step.tool.split('_')[0], ...(self?.examples ?? []).map((e) => e.split(/\s+/)[0])].join(' '))));
  if (index.meanings(tokenize(step.clause)).some((w) => verbs.has(w))) return false;
  const made = producesOf(step.tool, catalogue);
  return !plan.steps.some((s) => s !== step && (selfOf(s.tool, catalogue)?.consumes ?? []).some((type) => made.includes(type)));
}


/** The clause from its verb on, without the words that join it to the one before ("and refine ..." → "refine ..."). */
export function fromItsVerb(clause: string): string {
  return clause.replace(/^[\s,;:]*(?:(?:and|then|also|please|pls|now|next|finally|after\s+that)\b[\s,]*)*/iu, '').trim();
}
