// What the data lacks, told beside a step that finds the objects: "is it possible to track the cells? we have no nuclear
// stain", "the cells are unlabelled, segment them", "no nuclear marker in this movie - count the nuclei". A tool that
// declares it makes what is lacking (`supplies`, its own file: predict_label's virtual nuclear stain) runs first, and the
// step that finds the objects reads its result. Without it the objects were looked for in a movie the user had just
// said cannot show them, and the answer said "Done". Whole cells said to be dark or outlined (a threshold on the
// transmitted light finds them) keep the step as asked.
import { selfOf, type Catalogue } from './catalogue.ts';
import type { Plan, PlannedStep } from './types.ts';

/** Words that say a thing is not there: "no", "without", "lacking", "we don't have a(ny)", "missing". */
const LACK = String.raw`(?:no|without|lack(?:s|ing)?(?:\s+(?:a|an|any))?|missing|(?:(?:do|does|did)\s*n[o']?t|have\s*n[o']?t|has\s*n[o']?t)\s+(?:have|got)\s+(?:a|an|any)|(?:have|has)\s+(?:got\s+)?no)`;
/** Said as one word of the things themselves: "unstained", "unlabelled", "label-free". */
const LACKING_WORD = /\b(?:un-?stained|un-?label(?:l)?ed|label[\s-]?free|stain[\s-]?free|marker[\s-]?free)\b/i;
/** A word after the thing lacked that makes it another thing ("no label image", "no marker channel set"). */
const NOUN_AFTER = /^\s*(?:image|images|layer|layers|file|files|movie|mask|masks|table|set|column)\b/i;

/** The tool that supplies what the request says the data lacks, if any. */
export function supplierOfLack(request: string, catalogue: Catalogue): string | undefined {
  for (const tool of catalogue.keys()) {
    const supplied = selfOf(tool, catalogue)?.supplies ?? [];
    if (supplied.length === 0) continue;
    if (LACKING_WORD.test(request)) return tool;
    const nouns = supplied.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).join('|');
    const re = new RegExp(String.raw`\b${LACK}\s+(?:[\p{L}-]+\s+){0,2}?(?:${nouns})(?![\p{L}-])`, 'giu');
    for (const m of request.matchAll(re)) if (!NOUN_AFTER.test(request.slice(m.index! + m[0].length))) return tool;
  }
  return undefined;
}

/** The plan with the supplier of a lack told run before the first step that finds objects in the movie. */
export function withLackSupplied(plan: Plan, request: string, catalogue: Catalogue): Plan {
  if (plan.steps.length === 0) return plan;
  const supplier = supplierOfLack(request, catalogue);
  if (!supplier || plan.steps.some((s) => s.tool === supplier)) return plan;
  const supplies = selfOf(supplier, catalogue)?.produces ?? [];
  const finds = (s: PlannedStep) => {
    const self = selfOf(s.tool, catalogue);
    return (self?.consumes ?? []).includes('movie') && (self?.produces ?? [])[0] === 'labels';
  };
  const at = plan.steps.findIndex(finds);
  if (at < 0 || !supplies.includes('movie')) return plan;
  const finder = plan.steps[at].args;
  // (whole cells found on the transmitted light itself: "dark on a bright background", outlined by a membrane)
  if (finder.target === 'cells' || finder.objects === 'dark' || finder.membraneStain === true) return plan;
  const movie = finder.movie;
  // (a finder told to read a movie made before it, or a given file, keeps it)
  if (!movie || typeof movie !== 'object' || (movie as { mode?: string }).mode !== 'chain') return plan;
  const step: PlannedStep = { tool: supplier, args: { movie: { $ref: 'movie', mode: 'chain' } }, clause: request };
  return { ...plan, steps: [...plan.steps.slice(0, at), step, ...plan.steps.slice(at)] };
}
