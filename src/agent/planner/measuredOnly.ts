// "Is there drift?", "did the stage move?": a question whose answer a correcting step measures on its way runs that
// step to measure, and keeps the data as recorded: the step's switch that writes its corrected result (correct_drift's
// writeMovie, on by default) is turned off, so a question never leaves a corrected movie behind that nobody asked for.
// Only the plan's last step (nothing after it reads its result) of a request asked as a question, never a step asked
// for by its own verb ("correct the drift, how far did it move?" writes the movie).
import type { Catalogue, PropertyInfo } from './catalogue.ts';
import type { Plan } from './types.ts';

/** A yes/no argument, on by default, that writes a result ("writeMovie"). */
export function writesAResult(name: string, p: PropertyInfo): boolean {
  const boolean = p.type === 'boolean' || (p.anyOf ?? []).some((a) => a.type === 'boolean');
  return boolean && p.default === true && /^write[A-Z]/.test(name);
}

/**
 * The plan with its last step's result-writing switch off, when the request asks a question and does not ask for that step
 * (`askedForStep(tool)`: the request opens with one of the tool's own verbs); the plan as it was otherwise.
 */
export function measuredOnlyForAQuestion(plan: Plan, askedAsAQuestion: boolean, askedForStep: (tool: string) => boolean, catalogue: Catalogue): Plan {
  const last = plan.steps.at(-1);
  if (!askedAsAQuestion || !last || plan.steps.some((s) => s.onlyIf) || askedForStep(last.tool)) return plan;
  const props = catalogue.get(last.tool)?.properties ?? {};
  const switches = Object.entries(props).filter(([name, p]) => writesAResult(name, p) && last.args[name] === undefined);
  if (switches.length === 0) return plan;
  const args = { ...last.args, ...Object.fromEntries(switches.map(([name]) => [name, false])) };
  return { ...plan, steps: [...plan.steps.slice(0, -1), { ...last, args }] };
}
