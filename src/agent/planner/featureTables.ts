// A figure of a quantity the table before it does not hold ("show the area over time and a histogram of the speed": the
// objects' table has areas, the speed is a property of tracks): the table-making step's own words for the value of its
// choice that holds that quantity (measure's valueWords, kind "tracks": speed, displacement, ...) say which table it is;
// when the latest table made before the figure is of another value, the steps that make the right one are planned as if
// asked alone ("measure the speed": track, measure the tracks) and put before the figure, never a figure of a column
// the table read has not.
import { selfOf, type Catalogue } from './catalogue.ts';
import type { Plan, PlannedStep } from './types.ts';
import { isRef } from './types.ts';

/** The choice and value of a table maker whose own words name the feature ("speed" → kind: tracks), if any. */
function valueHolding(tool: string, feature: string, catalogue: Catalogue): { arg: string; value: string } | undefined {
  const f = feature.toLowerCase().replace(/_/g, ' ');
  for (const [arg, values] of Object.entries(selfOf(tool, catalogue)?.valueWords ?? {})) {
    for (const [value, words] of Object.entries(values)) {
      if (words.some((w) => w.toLowerCase() === f || (w.length >= 4 && f.startsWith(w.toLowerCase())))) return { arg, value };
    }
  }
  return undefined;
}

export function withFeatureTables(plan: Plan, catalogue: Catalogue, planOf: (words: string) => Plan): Plan {
  if (plan.reply || plan.steps.length < 2) return plan;
  const steps: PlannedStep[] = [];
  let changed = false;
  for (const step of plan.steps) {
    const feature = step.args.feature;
    const table = step.args.table;
    const reads = typeof feature === 'string' && isRef(table) && table.$ref === 'table' && table.mode !== 'id';
    const maker = reads ? [...steps].reverse().find((s) => selfOf(s.tool, catalogue)?.produces?.[0] === 'table') : undefined;
    const holds = maker && valueHolding(maker.tool, feature as string, catalogue);
    if (maker && holds && maker.args[holds.arg] !== holds.value && !steps.some((s) => s.tool === maker.tool && s.args[holds.arg] === holds.value)) {
      const made = planOf(`measure the ${String(feature).replace(/_/g, ' ')}`);
      const lead = made.steps.slice(0, -1);
      const last = made.steps.at(-1);
      if (!made.reply && last && last.tool === maker.tool && last.args[holds.arg] === holds.value) {
        // (a step the plan already has, "track" when the tracks are made before, is not run twice)
        for (const s of lead) if (!steps.some((t) => t.tool === s.tool)) steps.push({ ...s, clause: step.clause });
        steps.push({ ...last, clause: step.clause });
        changed = true;
      }
    }
    steps.push(step);
  }
  return changed ? { ...plan, steps } : plan;
}
