// "segment the nuclei and correct the drift", "track the nuclei; also the movie bleaches a lot so correct for that",
// "count the cells and denoise the movie, it's noisy": a step that puts right a fault of the recording (a tool that declares
// what it `removes`: drift, bleaching, noise, background) said after the step that analyses that recording, with no order
// word putting it after ("then", "afterwards", "after segmenting"), prepares the movie that step reads: it runs before it, on
// the recording, and the analysis reads its result. Before, it ran after, on the recording, its result read by nothing
// (held-out: wanted [correct_drift, segment], ran [segment, correct_drift]). The answer says the step was moved.
import { producesOf, selfOf, type Catalogue } from './catalogue.ts';
import type { PlannedStep } from './types.ts';
import { preparesMovie } from './preparedInput.ts';

/** Words between two steps, or opening a step's own words, that put it after the step before: it stays where it was said. */
const PUT_AFTER = /\b(?:then|afterwards?|after\s+(?:that|this|it|which|those|these|all|everything|\w+ing\b)|next|finally|lastly|later|subsequently|followed\s+by|at\s+the\s+end|in\s+the\s+end|once\s+(?:that|this|it)|and\s+only\s+then)\b/i;

/** A step that puts right a fault of the recording, making a movie from one (its tool declares the faults it removes). */
function preparesTheMovie(tool: string, catalogue: Catalogue): boolean {
  return (selfOf(tool, catalogue)?.removes?.length ?? 0) > 0 && preparesMovie(tool, catalogue);
}

/**
 * A step that reads the recording and makes something else of it (objects, a table), or reads a result nothing before it
 * makes and the session does not hold ("track them" alone: the objects are found on the movie first): an analysis of it.
 */
function analysesTheMovie(step: PlannedStep, before: PlannedStep[], held: (type: string) => boolean, catalogue: Catalogue): boolean {
  const made = producesOf(step.tool, catalogue);
  if (made.length === 0 || made.includes('movie') || typeof step.args.movie === 'string') return false;
  const reads = selfOf(step.tool, catalogue)?.consumes ?? [];
  if (reads[0] === 'movie') return true;
  return reads.length > 0 && !held(reads[0]) && !before.some((b) => producesOf(b.tool, catalogue).includes(reads[0]));
}

/** A step's words asked as a question: it reports on the recording, its movie read by no step. */
const ASKED = /\?|^\W*(?:(?:and|but|so|also)\s+)*(?:how|what|which|whether|is|are|was|were|does|did|do|has|have|can|could)\b/i;

/** Any word of order: the step's place was said, whichever way the planner read it. */
const ORDER_SAID = /\b(?:after|following|once|before(?:hand)?|prior|first|ahead|earlier|pre-?\w*|until|till)\b/i;

export interface Written {
  /** Where the step's words begin in the request. */
  start: number;
}

/**
 * The steps with each movie-preparing step that the order left after the first analysis of the movie moved ahead of it,
 * unless the words put it after (an order word in its own words, or between that analysis and it as written); among the
 * preparing steps just ahead of the analysis, a moved one keeps its written place ("correct drift and bleaching
 * beforehand": drift, then bleaching). `written` gives each step's place in the request. The note says what moved.
 */
export function preparedFirst(steps: PlannedStep[], written: (step: PlannedStep) => Written | undefined, text: string, held: (type: string) => boolean, catalogue: Catalogue): { steps: PlannedStep[]; note?: string } {
  const order = [...steps];
  const moved: PlannedStep[] = [];
  let placed = false;
  let analysis = order.findIndex((s, k) => analysesTheMovie(s, order.slice(0, k), held, catalogue));
  if (analysis < 0) return { steps };
  for (let k = analysis + 1; k < order.length; k++) {
    const step = order[k];
    if (!preparesTheMovie(step.tool, catalogue) || typeof step.args.movie === 'string') continue;
    const at = written(step);
    const reader = written(order[analysis]);
    if (!at || !reader) continue;
    // (it reads what a step before it makes, "denoise using N2V, train it first": the model is made first, by the data)
    // (an input it declares, or an argument named by that type: denoise's `model`, which train_n2v makes)
    const reads = [...(selfOf(step.tool, catalogue)?.consumes ?? []), ...Object.keys(catalogue.get(step.tool)?.properties ?? {})] as string[];
    if (order.slice(analysis, k).some((s) => producesOf(s.tool, catalogue).some((t) => t !== 'movie' && reads.includes(t)))) continue;
    // (asked as a question, "segment and track them - how far did the sample drift?": it measures, and prepares nothing)
    if (ASKED.test(step.clause)) continue;
    // (the words put it after: "then correct the drift", "segment, and afterwards denoise", "... after segmenting, correct ...")
    if (PUT_AFTER.test(step.clause)) continue;
    if (at.start > reader.start && PUT_AFTER.test(text.slice(reader.start, at.start))) continue;
    // (written before the analysis, and put after it by its own words: "correct the drift after segmentation"; one said
    // under an opening "after", "after drift and bleach correction, segment", prepares it all the same)
    // ("correct the drift after segmentation": the analysis said as what comes first)
    if (at.start < reader.start && (/\S\s+(?:after|following|once|when|whenever)\b/i.test(step.clause) || /^\W*(?:(?:and|but|then)\s+)?(?:after|following|once)\b/i.test(order[analysis].clause))) continue;
    // (said under an order word all the same, "segment after drift and bleach correction", "... bleaching beforehand": the
    // words put it first, and the answer need not say it moved)
    if (!ORDER_SAID.test(step.clause) && !ORDER_SAID.test(text.slice(reader.start, at.start))) moved.push(step);
    order.splice(k, 1);
    let to = analysis;
    while (to > 0 && preparesTheMovie(order[to - 1].tool, catalogue) && (written(order[to - 1])?.start ?? -1) > at.start) to--;
    order.splice(to, 0, step);
    placed = true;
    analysis++;
  }
  if (!placed) return { steps };
  if (moved.length === 0) return { steps: order };
  const reader = order[analysis].tool;
  return { steps: order, note: `I ran ${moved.map((s) => s.tool).join(' and ')} before ${reader}, though said after it: it prepares the movie ${reader} reads (say "then" to have it after).` };
}
