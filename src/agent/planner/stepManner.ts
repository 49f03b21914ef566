// "segment, smoothing with sigma 1.5 px first", "threshold the nuclei, blurring with sigma 2 px before": a participle clause
// (no verb of asking, no subject) after a step in its sentence, whose words name a setting that step itself declares (segment's
// sigmaPx, "Gaussian smoothing or blur before thresholding"), says how that step runs: no step of its own. Said as a command
// ("smooth with sigma 1.5 first, then segment") or with a method no setting holds ("segment, denoising with n2v first"), the
// preparing step runs as before.

import type { Match } from './matcher.ts';

/** A clause opened by a participle ("smoothing", "blurring", "using"), after an optional joiner. */
const PARTICIPLE_OPENING = /^\W*(?:(?:and|while|by)\s+)?\p{L}{3,}ing\b/iu;

/** True when the clause is a participle whose words name a setting the step before declares (matched by that setting's words). */
export function mannerOfTheStepBefore(clause: string, matched: Match[], before: string): boolean {
  return PARTICIPLE_OPENING.test(clause) && matched.some((m) => m.tool === before && m.byArgument === true);
}
