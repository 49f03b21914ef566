// A question's side product: "is there drift? Track the cells." runs correct_drift to answer the
// question, and the drift-corrected movie it writes is no input of the steps asked after it
// (the user asked about the drift, not for the correction). Those steps chain on the movie as
// it was; a correction asked for in words of its own ("correct the drift, then track",
// "is there drift? if so, correct it") is an ordinary step and is chained as before.
import { producesOf, type Catalogue } from './catalogue.ts';
import { asksForAStep } from './clauses.ts';
import type { Plan, Ref } from './types.ts';

/** A clause that asks about the data (a question, not a request worded as one: "can you correct the drift?"). */
function asksOnly(clause: string): boolean {
  return /\?\s*$/.test(clause.trim()) && !asksForAStep(clause);
}

/** The plan with the movies made by a question's steps set aside as inputs of the later steps that are not questions. */
export function questionProductsAside(plan: Plan, catalogue: Catalogue): Plan {
  const aside = plan.steps.map((step, i) => (!step.onlyIf && asksOnly(step.clause) && producesOf(step.tool, catalogue).includes('movie') ? i : -1)).filter((i) => i >= 0);
  if (aside.length === 0) return plan;
  let changed = false;
  const steps = plan.steps.map((step, at) => {
    const before = aside.filter((i) => i < at);
    if (before.length === 0 || asksOnly(step.clause)) return step;
    const args = { ...step.args };
    for (const [key, value] of Object.entries(args)) {
      const ref = value as Ref | undefined;
      if (!ref || typeof ref !== 'object' || ref.$ref !== 'movie' || ref.mode !== 'chain') continue;
      args[key] = { ...ref, aside: [...(ref.aside ?? []), ...before] } satisfies Ref;
      changed = true;
    }
    return { ...step, args };
  });
  return changed ? { ...plan, steps } : plan;
}
