// Settings said for a step named again by its noun ("track the nuclei and measure their speed; for the tracking use a max
// distance of 15 px", "segment and track, and for the segmentation use li"): the clause opens with what the step is for
// ("for the tracking", "when segmenting", "in the segmentation"), so its settings are that step's, never a second run of it.
import type { Catalogue } from './catalogue.ts';
import { indexFor } from './toolIndex.ts';
import { isRef, type Plan, type PlannedStep } from './types.ts';
import { unshifted } from './regionScope.ts';

/** "for the tracking, ...", "and when segmenting ...", "oh and in the segmentation ...": the words naming the step. */
const FOR_THE_STEP = /^[\s,;.:-]*(?:(?:and|also|oh|but|then|plus|p\.?s\.?|btw)\b[\s,]*)*(?:for|in|during|when|while|with)\s+(?:the\s+|your\s+|my\s+)?((?:[\p{L}-]+\s+){0,1}[\p{L}-]+)/iu;

/** The clause opens with the words of what the tool does, as what its settings are for ("for the tracking, ..."). */
export function opensWithTheStep(clause: string, tool: string, catalogue: Catalogue): boolean {
  const named = FOR_THE_STEP.exec(clause);
  return !!named && indexFor(catalogue).match(named[1])[0]?.tool === tool;
}

/** The plan with a step named again only to give its settings folded into the first step of that tool (see above). */
export function settingsForANamedStep(plan: Plan, catalogue: Catalogue): Plan {
  let steps = plan.steps;
  for (let i = 1; i < steps.length; i++) {
    const again = steps[i];
    const first = steps.findIndex((s, j) => j < i && s.tool === again.tool);
    if (first < 0) continue;
    if (!opensWithTheStep(again.clause, again.tool, catalogue)) continue;
    const settings = Object.entries(again.args).filter(([k, v]) => !isRef(v) && !k.startsWith('$'));
    // (a choice the first took otherwise, "max project, and for the mean projection ...": a step of its own)
    if (settings.some(([k, v]) => steps[first].args[k] !== undefined && JSON.stringify(steps[first].args[k]) !== JSON.stringify(v))) continue;
    const merged: PlannedStep = { ...steps[first], args: { ...steps[first].args, ...Object.fromEntries(settings) }, clause: `${steps[first].clause} ${again.clause}` };
    steps = steps.map((s, j) => (j === first ? merged : s)).filter((_, j) => j !== i).map((s, j) => (j >= i ? unshifted(s, i) : s));
    i--;
  }
  return steps === plan.steps ? plan : { ...plan, steps };
}
