// "Correct the drift, then tell me the largest shift in microns": a question after the steps about what one
// of those steps reports (its declared results: correct_drift's largest drift) is answered from that step's
// values. Without this reading the question was taken for one about objects: segment and measure ran and the
// answer gave the largest object's area.
import { producesOf, selfOf, type Catalogue } from './catalogue.ts';
import type { ToolIndex } from './matcher.ts';
import { withoutToldCalibration } from './askedUnits.ts';
import { askedPart } from './tableAnswers.ts';
import type { Plan } from './types.ts';

/** The plan without the steps added to answer a question that a step asked before it answers by its own results. */
export function answeredByAnAskedStep(plan: Plan, request: string, catalogue: Catalogue, index: ToolIndex): Plan {
  const asked = askedPart(request);
  if (!asked || plan.steps.length < 2) return plan;
  const askedWords = plain(asked.text);
  // the steps whose words are the question's (added to answer it), and those asked before it
  // (a step whose words start before the asking words, "with 1.2 µm pixels, what is ...", was asked for itself)
  const startsAtTheQuestion = (clause: string) => { const at = request.indexOf(clause.trim()); return at < 0 || at >= asked.from - 1; };
  const forTheQuestion = plan.steps.filter((s) => (plain(s.clause) === askedWords || (askedWords.length > 0 && plain(s.clause).endsWith(askedWords))) && startsAtTheQuestion(s.clause));
  const before = plan.steps.filter((s) => !forTheQuestion.includes(s));
  if (forTheQuestion.length === 0 || before.length === 0) return plan;
  // the tool the question's words name first is one asked before it, and it declares values it reports
  // (a calibration told beside the question names no step it asks about: "which one moved the furthest (pixel size 0.8 um)")
  const named = index.match(withoutToldCalibration(asked.text))[0]?.tool;
  const reporter = before.find((s) => s.tool === named);
  if (!reporter || Object.keys(selfOf(reporter.tool, catalogue)?.results ?? {}).length === 0) return plan;
  if (forTheQuestion.some((s) => s.tool === named)) return plan;
  // (steps that build on the named step's results answer the question from them: "segment the nuclei; how many per frame?" measures its labels)
  const made = new Set(producesOf(reporter.tool, catalogue).filter((t) => t !== 'movie'));
  if (forTheQuestion.some((s) => (selfOf(s.tool, catalogue)?.consumes ?? []).some((t) => made.has(t)))) return plan;
  return { ...plan, steps: before };
}

/** The words of a clause without the joining words and punctuation around them, lowercase. */
function plain(text: string): string {
  return text.toLowerCase().replace(/^[\s,;:.!]*(?:(?:and|then|also|so|finally)\s+)*/, '').replace(/[\s?.!,;:]+$/, '').replace(/\s+/g, ' ').trim();
}
