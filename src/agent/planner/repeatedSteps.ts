// "tell me whether the cells migrate in one direction. Could you follow them over time and plot their trajectories?": the
// question's steps (segment, track, measure) and the clause that asks for the tracking again in other words both plan a
// tracking. A step planned a second time with the same settings (or with more that contradict none), on an input no step
// in between made anew, would give the same result again: it runs once, with all its settings (the steps after it take
// its result).
import { type Catalogue, INPUT_TYPES, producesOf, selfOf, writesCopies } from './catalogue.ts';
import type { Plan, PlannedStep } from './types.ts';

/** A setting's value as one comparable text (keys sorted). */
function settingText(value: unknown): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]));
    return value;
  };
  return JSON.stringify(sorted(value)) ?? '';
}

/**
 * The plan without a step that repeats an earlier one on inputs nothing in between made anew: the same settings, or
 * settings that add to the earlier one's without contradicting any ("segment the nuclei ... the segmentation should use
 * Li" is one segmentation of the nuclei with Li; "segment the cells, then segment the nuclei" stays two).
 */
export function withoutRepeatedSteps(plan: Plan, catalogue: Catalogue): Plan {
  const kept: PlannedStep[] = [];
  for (const step of plan.steps) {
    const reads = new Set<string>(selfOf(step.tool, catalogue)?.consumes ?? []);
    // (a step that writes a copy for the user or makes what no step reads, an export or a figure, is kept: asked twice,
    // it may be meant as two files)
    const makesAnInput = !writesCopies(step.tool, catalogue) && producesOf(step.tool, catalogue).some((type) => (INPUT_TYPES as readonly string[]).includes(type));
    // (a step run only on a condition, "if so, correct it", is another step than the one that measures whether)
    const same = makesAnInput ? kept.findLastIndex((k) => k.tool === step.tool && k.onlyIf === step.onlyIf && compatible(k.args, step.args)) : -1;
    const remade = same >= 0 && kept.slice(same + 1).some((k) => producesOf(k.tool, catalogue).some((type) => reads.has(type)));
    if (same >= 0 && !remade) {
      kept[same] = { ...kept[same], args: { ...kept[same].args, ...step.args } };
      continue;
    }
    kept.push(step);
  }
  return kept.length === plan.steps.length ? plan : { ...plan, steps: kept };
}

/**
 * No setting of one contradicts the other's: each said in both has the same value, and a switch said in one only is no
 * difference of kind (a correction run only to measure, writeMovie false, is not the correction that writes its movie).
 */
function compatible(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const onlyInOne = [...Object.keys(a).filter((k) => !(k in b)).map((k) => a[k]), ...Object.keys(b).filter((k) => !(k in a)).map((k) => b[k])];
  return Object.keys(a).every((k) => !(k in b) || settingText(a[k]) === settingText(b[k])) && !onlyInOne.some((v) => typeof v === 'boolean');
}
