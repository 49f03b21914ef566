// A value of an argument that reads only some of the tool's inputs (export as CSV writes tracks or a table, never
// masks; as TIFF a movie or masks): the step reads one that fits, made first by its usual maker when the plan so far
// made none ("outline the nuclei, then hand me a CSV": the objects measured, then that table written), and the answer
// says which step was added and why. What fits each value is the tool's own declaration (`readsByValue`).
import { type Catalogue, type InputType, makerOf, selfOf } from './catalogue.ts';
import type { PlannedStep } from './types.ts';

/** The inputs the step's argument values let it read, in the tool's order of preference; undefined when every input fits. */
export function inputsForValues(step: PlannedStep, catalogue: Catalogue): { arg: string; value: string; fits: InputType[] } | undefined {
  const byValue = selfOf(step.tool, catalogue)?.readsByValue ?? {};
  for (const [arg, values] of Object.entries(byValue)) {
    const value = step.args[arg];
    if (typeof value === 'string' && values[value]) return { arg, value, fits: values[value] as InputType[] };
  }
  return undefined;
}

export interface FittedInput {
  type: InputType;
  /** The line the answer says when a step is added to make it. */
  note?: string;
}

/**
 * The input a step reads when the one it would take (`wanted`) does not fit its values: the newest fitting one the
 * plan or the session has, else the first fitting one a tool makes (that step added, and named). When `wanted` fits
 * but is not there while another fitting one is, that one; with none there, the first the tool declares; unless the
 * words chose (`wordsChose`) or another step of the request reads or makes `wanted` (`otherSteps`). Undefined when
 * `wanted` fits and stands, or nothing fits.
 */
export function fittedInput(step: PlannedStep, wanted: InputType[], has: (t: InputType) => boolean, catalogue: Catalogue, wordsChose = false, otherSteps: Set<string> = new Set()): FittedInput | undefined {
  const asked = inputsForValues(step, catalogue);
  if (!asked) return undefined;
  // ("measure the areas, then a histogram and a csv": a fitting input that exists is written, before another is made for it,
  // unless the words chose which: "the tracks as csv")
  // ("denoise, then send me a spreadsheet": with none there, the one the tool declares first is made, a table of measurements, not tracks)
  if (wanted.length > 0 && wanted.every((t) => asked.fits.includes(t))) {
    if (wordsChose || wanted.every(has) || wanted.some((t) => otherSteps.has(t))) return undefined;
    const present = asked.fits.filter(has);
    if (present.length) return { type: present[0] };
    const first = asked.fits.find((t) => makerOf(t, catalogue) !== undefined);
    return first && !wanted.includes(first) ? { type: first, note: addedNote(step, asked, first, '', catalogue) } : undefined;
  }
  const present = asked.fits.find(has);
  if (present) return { type: present };
  const made = asked.fits.find((t) => makerOf(t, catalogue) !== undefined);
  if (!made) return undefined;
  const from = wanted.filter((t) => !asked.fits.includes(t));
  return { type: made, note: addedNote(step, asked, made, from.length ? `, not ${from.join(' or ')}` : '', catalogue) };
}

/** The line said when the step that makes `made` is added for a value ("csv (export's format) takes a table or tracks, and none was made yet, so I added `measure` first ..."). */
function addedNote(step: PlannedStep, asked: { arg: string; value: string; fits: InputType[] }, made: InputType, instead: string, catalogue: Catalogue): string {
  return `${asked.value} (${step.tool}'s ${asked.arg}) takes ${orList(asked.fits)}${instead}, and none was made yet, so I added \`${makerOf(made, catalogue)}\` first and ${step.tool === 'export' ? 'exported' : 'used'} its ${made}.`;
}

/** "a table or tracks", "labels or a movie": artifact types as words. */
function orList(types: InputType[]): string {
  return types.map((t) => (t === 'table' || t === 'movie' ? `a ${t}` : t)).join(' or ');
}
