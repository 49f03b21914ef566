// "hmm, too many are merged. use Li instead", "make again the segmentation but with the threshold more low": a request that
// runs an earlier step again (the rerun tool) and also plans a fresh step of that same tool from words that set nothing of
// it (the complaint, a detail of the rerun) asks for one run, the rerun. The fresh step ran a second segmentation beside
// the one asked for, from the movie with default settings.
import { type Catalogue, rerunnerOf } from './catalogue.ts';
import type { PlannedStep } from './types.ts';

/** True when the step sets some argument of its own (a value said, not an input reference or a note). */
function setsSomething(step: PlannedStep): boolean {
  return Object.entries(step.args).some(([k, v]) => !k.startsWith('$') && v !== undefined && (typeof v !== 'object' || Array.isArray(v)));
}

/**
 * The steps of the plan a rerun in it covers: steps of the tool it runs again that set nothing of their own. Their words
 * are the rerun's (so what they say and nothing applies is named with it). Returns the rerun and those steps.
 */
export function stepsARerunCovers(steps: PlannedStep[], catalogue: Catalogue): { rerun: PlannedStep; covered: PlannedStep[] } | undefined {
  const tool = rerunnerOf(catalogue);
  const rerun = steps.find((s) => s.tool === tool && typeof s.args.tool === 'string');
  if (!rerun) return undefined;
  const covered = steps.filter((s) => s !== rerun && s.tool === rerun.args.tool && !setsSomething(s));
  return covered.length ? { rerun, covered } : undefined;
}
