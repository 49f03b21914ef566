// "tell me whether the cells migrate in one direction. Could you follow them over time and plot their trajectories?": the
// question's steps (segment, track, measure) and the clause that asks for the tracking again in other words both plan a
// tracking. A step planned a second time with the same settings, on an input no step in between made anew, would give
// the same result again: it runs once (the steps after it take its result).
import { type Catalogue, producesOf, selfOf, writesCopies } from './catalogue.ts';
import type { Plan, PlannedStep } from './types.ts';

/** The settings of a step as one comparable text (keys sorted, the words it came from left out). */
function settingsOf(step: PlannedStep): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]));
    return value;
  };
  return `${step.tool} ${JSON.stringify(sorted(step.args))}`;
}

/** The plan without a step that repeats an earlier one with the same settings on inputs nothing in between made anew. */
export function withoutRepeatedSteps(plan: Plan, catalogue: Catalogue): Plan {
  const kept: PlannedStep[] = [];
  for (const step of plan.steps) {
    const same = kept.findLastIndex((k) => settingsOf(k) === settingsOf(step));
    const reads = new Set<string>(selfOf(step.tool, catalogue)?.consumes ?? []);
    const remade = same >= 0 && kept.slice(same + 1).some((k) => producesOf(k.tool, catalogue).some((type) => reads.has(type)));
    // (a step that writes a copy for the user or makes what no step reads, an export or a figure, is kept: asked twice,
    // it may be meant as two files)
    const makesAnInput = !writesCopies(step.tool, catalogue) && producesOf(step.tool, catalogue).some((type) => isInput(type, catalogue));
    if (same >= 0 && !remade && makesAnInput) continue;
    kept.push(step);
  }
  return kept.length === plan.steps.length ? plan : { ...plan, steps: kept };
}

/** A kind of result some tool takes as its input (labels, tracks, a table, a movie). */
function isInput(type: string, catalogue: Catalogue): boolean {
  return [...catalogue.keys()].some((tool) => (selfOf(tool, catalogue)?.consumes ?? []).includes(type as never));
}
