// The z slices a step is said to run on ("segment the nuclei in z-slice 5 only", "denoise only z 2-6", "the middle
// slice"): applied where the step's tool takes a z range, else named in one line with what ran instead. Never dropped in
// silence, and a slice's number is never read as another setting of the step (slice 5 is no object radius of 5 px).
import { type Catalogue, selfOf } from './catalogue.ts';
import type { Plan } from './types.ts';

/** "z-slice 5", "slices 2 to 6", "z 2-6", "plane 12", "optical section 3", "z=4": a number or range of slices. */
const NUMBERED = /\b(?:(?:z[- ]?(?:slices?|planes?|sections?|levels?|positions?)|(?:optical\s+)?(?:slices?|sections?)|planes?)\s*#?|z\s*=?\s*)(\d+)(?:\s*(?:-|–|to|through)\s*(\d+))?(?![.,]\d|\d|\s*(?:µm|um|microns?|nm|px|pixels?|%|x\b))/i;
/** "the middle slice", "the top z plane", "the brightest plane": one slice named by where it is. */
const PLACED = /\b(?:the\s+)?(?:middle|central|centre|center|top|bottom|first|last|brightest|best|in-focus|focal)\s+(?:z[- ]?)?(?:slices?|planes?|sections?)\b/i;

/** The z slices a clause says its step runs on, as said, and the numbers in them. */
export function zScopeSaid(clause: string): { said: string; numbers: number[] } | undefined {
  const m = NUMBERED.exec(clause) ?? PLACED.exec(clause);
  if (!m) return undefined;
  return { said: m[0].trim(), numbers: (m[0].match(/\d+/g) ?? []).map(Number) };
}

/** Arguments that choose slices, by name: a tool that has one reads the slices itself. */
const Z_ARGUMENT = /^(?:z|zRange|slices?|planes?|zSlices?)$/;

/** The plan with each step's z scope left to the step that takes one, or named; numbers read from it as settings undone. */
export function applyZScope(plan: Plan, catalogue: Catalogue): Plan {
  const lines: string[] = [];
  for (const step of plan.steps) {
    const scope = zScopeSaid(step.clause);
    if (!scope || selfOf(step.tool, catalogue)?.domain === 'microscope') continue;
    const props = catalogue.get(step.tool)?.properties ?? {};
    if (Object.keys(props).some((k) => Z_ARGUMENT.test(k))) continue;
    // (a step that makes one plane of the slices, a projection over z, takes them all by what it does)
    const zOut = selfOf(step.tool, catalogue)?.zOut;
    if ((typeof zOut === 'function' ? zOut(step.args) : zOut) === 'one') continue;
    // a number of the slices that a setting took, said nowhere else in the clause, was the slice's
    const rest = step.clause.replace(scope.said, ' ');
    for (const [k, v] of Object.entries(step.args)) {
      if (typeof v === 'number' && scope.numbers.includes(v) && !new RegExp(`(?<![\\d.])${v}(?![\\d.])`).test(rest)) delete step.args[k];
    }
    const line = `Not applied: "${scope.said}" — \`${step.tool}\` cannot pick z slices, so it ran on every slice of the stack; for one image per time point, project over z first ("max project over z, then ${step.tool.replace(/_/g, ' ')}").`;
    if (!lines.includes(line) && ![...(plan.notes ?? []), ...lines].some((n) => n.toLowerCase().includes(scope.said.toLowerCase()))) lines.push(line);
  }
  return lines.length ? { ...plan, notes: [...(plan.notes ?? []), ...lines] } : plan;
}
