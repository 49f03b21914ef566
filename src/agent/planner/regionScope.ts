// A region of the field said as the scope of a step ("segment only the top half of the image", "track the cells in the
// central 64x64 region"): applied by cutting that region out first, with the tool that declares it cuts regions
// (`cutsRegion`), its movie then the input of the steps; a region the cutter cannot make a rectangle of ("in the ROI")
// is left to the step's note that names it. A cut said after the steps it scopes ("segment, but only in the top half")
// runs before them: a cut of the movie made after them would change nothing they made.
import { buildArgs } from './builders.ts';
import { asksCountPerRegion } from './regionCounts.ts';
import { type Catalogue, acceptedInputs, selfOf } from './catalogue.ts';
import type { Conversation } from './conversation.ts';
import { isRef, type Plan, type PlannedStep, type Ref } from './types.ts';
import { CENTRE_WORDS, PART_NOUNS, PLACE_WORDS, type Region, regionSaid } from '../../../tools/regionWords.ts';

/** A part of the field by its place or its corners: "top left quarter", "left half", "central 64x64 region", "region x 10-100, y 20-80". */
const PLACES = PLACE_WORDS.join('|');
const PART = String.raw`(?:(?:${PLACES})(?:[\s-]+(?:left|right|hand|most))?\s+(?:\d+\s*(?:px|pixels?)?\s*(?:x|×|by)\s*\d+\s*(?:px|pixels?)?\s+)?(?:${PART_NOUNS.join('|')})|(?:(?:top|bottom|upper|lower|left|right)(?:[\s-]+(?:left|right|hand))?\s+)?(?:quadrant|corner)|(?:region|area|rectangle|box)\s+(?:x\s*(?:=|:)?\s*\d+\s*(?:-|–|to)\s*\d+\s*,?\s*(?:and\s+)?y\s*(?:=|:)?\s*\d+\s*(?:-|–|to)\s*\d+|(?:from\s+)?\(\s*\d+\s*,\s*\d+\s*\)\s*(?:to|-)\s*\(\s*\d+\s*,\s*\d+\s*\)))`;
const OF_THE_IMAGE = String.raw`(?:\s+of\s+(?:the\s+)?(?:image|field(?:\s+of\s+view)?|frame|fov|view|well|movie))?`;
/** The middle of the field, not of the stack or the movie ("the middle z slice", "the middle frame": a z or time scope). */
const CENTRE = String.raw`(?:${CENTRE_WORDS.join('|')})(?![\s-]+(?:z\b|z[\s-]*(?:slices?|planes?|sections?)|slices?|planes?|sections?|frames?|time\s*points?|timepoints?|focal))`;

/**
 * A part of the field named as a place: "in the top left quarter", "within the centre of the image", "on the left
 * half", "in the central 64x64 region", "in the region x 10-100, y 20-80", "in the ROI" (a step's note names one it
 * cannot apply).
 */
export const REGION = new RegExp(String.raw`\b(?:in|inside|within|at|on|from|of)\s+(?:the\s+|a\s+|my\s+)?(?:${PART}|(?:left|right|top|bottom)\s+edge|${CENTRE}|roi|region\s+of\s+interest)${OF_THE_IMAGE}\b`, 'i');

/** A part of the field as the scope of a step, with or without a preposition ("only the top half", "segment the left half of the image", "in the centre"). */
const SCOPED_PART = new RegExp(String.raw`${REGION.source}|\b(?:only|just|solely)\s+(?:in\s+|on\s+)?(?:the\s+)?(?:${PART}|${CENTRE})${OF_THE_IMAGE}\b|\b(?:the|a)\s+${PART}${OF_THE_IMAGE}\b`, 'i');

/** Words that place a step after another ("then crop"): a cut said so keeps its place. */
const SAID_AFTER = /\b(?:then|after(?:wards?)?|next|finally|afterwards|once\s+(?:that|this|it)\s+is\s+done)\b/i;

/** The tool that cuts a region of the field out of a movie, by its own declaration. */
function regionCutter(catalogue: Catalogue): string | undefined {
  for (const name of catalogue.keys()) if (selfOf(name, catalogue)?.cutsRegion) return name;
  return undefined;
}

/** Whether the cutter's arguments name a rectangle or a region (not only the movie). */
function namesRectangle(args: Record<string, unknown>): boolean {
  return ['region', 'x', 'y', 'width', 'height'].some((k) => args[k] !== undefined);
}

const readsMovie = (step: PlannedStep, catalogue: Catalogue) => acceptedInputs(step.tool, catalogue.get(step.tool)).includes('movie') && step.args.movie !== undefined;

/** `before` and `aside` step indices of a step's references, shifted for a step inserted at `at` (also selectionScope.ts). */
export function shifted(step: PlannedStep, at: number): PlannedStep {
  const args = Object.fromEntries(
    Object.entries(step.args).map(([k, v]) => {
      if (!isRef(v)) return [k, v];
      return [k, { ...v, ...(v.before !== undefined && v.before >= at ? { before: v.before + 1 } : {}), ...(v.aside ? { aside: v.aside.map((i) => (i >= at ? i + 1 : i)) } : {}) }];
    }),
  );
  return { ...step, args };
}

/** The step's references with the step at `at` removed before them (the inverse of `shifted`; stepNamedAgain.ts). */
export function unshifted(step: PlannedStep, at: number): PlannedStep {
  const args = Object.fromEntries(
    Object.entries(step.args).map(([k, v]) => {
      if (!isRef(v)) return [k, v];
      return [k, { ...v, ...(v.before !== undefined && v.before > at ? { before: v.before - 1 } : {}), ...(v.aside ? { aside: v.aside.filter((i) => i !== at).map((i) => (i > at ? i - 1 : i)) } : {}) }];
    }),
  );
  return { ...step, args };
}

/** The part the cutter's arguments name, in words: "the top left quarter", "the central 64 x 64 px", "x 10-59, y 10-59". */
function partSaid(args: Record<string, unknown>): string {
  const size = typeof args.width === 'number' && typeof args.height === 'number' ? `${args.width} x ${args.height} px` : undefined;
  if (typeof args.x === 'number' && typeof args.y === 'number' && size) return `x ${args.x}-${args.x + (args.width as number) - 1}, y ${args.y}-${args.y + (args.height as number) - 1}`;
  const region = (typeof args.region === 'string' ? args.region : 'centre') as Region;
  const place = region === 'centre' ? 'central' : region.replace(/_(?:half)?$/, '').replace('_', ' ');
  return size ? `the ${place} ${size}` : regionSaid(region);
}

/** The plan with a region said as a step's scope cut out first (see the top of this file). */
export function withRegionCut(plan: Plan, conversation: Conversation, catalogue: Catalogue): Plan {
  const cutter = regionCutter(catalogue);
  // ("is the left half more crowded than the right?": parts of the field compared, each counted, none cut out)
  if (!cutter || plan.steps.length === 0 || asksCountPerRegion(conversation.request)) return plan;
  const firstReader = plan.steps.findIndex((s) => s.tool !== cutter && readsMovie(s, catalogue));
  const cutAt = plan.steps.findIndex((s) => s.tool === cutter);
  // a cut said after the steps it scopes, with no word that orders it after them: moved before them
  if (cutAt >= 0) {
    if (firstReader < 0 || firstReader > cutAt || SAID_AFTER.test(plan.steps[cutAt].clause)) return plan;
    const steps = [...plan.steps];
    const [cut] = steps.splice(cutAt, 1);
    steps.splice(firstReader, 0, cut);
    return { ...plan, steps, notes: [...(plan.notes ?? []), `Cut to ${partSaid(cut.args)} of the image first, as you asked ("${cut.clause.trim()}").`] };
  }
  if (firstReader < 0) return plan;
  const scoped = plan.steps.slice(firstReader).find((s) => SCOPED_PART.test(s.clause));
  const said = scoped ? SCOPED_PART.exec(scoped.clause)?.[0] : undefined;
  if (!said || /\bedge\b|\broi\b|region\s+of\s+interest/i.test(said)) return plan;
  const args = buildArgs(cutter, { clause: said, text: said, conversation, catalogue, request: conversation.request });
  if (!namesRectangle(args)) return plan;
  const cut: PlannedStep = { tool: cutter, args: { ...args, movie: { $ref: 'movie', mode: 'chain' } satisfies Ref }, clause: said.trim() };
  const steps = plan.steps.map((s, i) => (i >= firstReader ? shifted(s, firstReader) : s));
  steps.splice(firstReader, 0, cut);
  // (the step's note that it could not restrict itself to the region no longer holds)
  const notes = (plan.notes ?? []).filter((n) => !(/cannot restrict itself/.test(n) && [...n.matchAll(/"([^"]+)"/g)].some((q) => said.includes(q[1].trim()) || q[1].includes(said.trim()))));
  return { ...plan, steps, notes: [...notes, `Cut to ${partSaid(args)} of the image first, as you asked ("${said.trim()}").`] };
}
