// An acquisition plan as data, shaped like useq-schema's MDASequence: a time plan
// (interval + loops, duration + loops, interval + duration, or phases of those),
// channels (preset, exposure, acquire-every, do-stack, z offset), a z plan
// (range around, top/bottom, above/below, relative or absolute positions), stage
// positions and a grid plan. Units are in the field names (s, ms, µm).
// Reference: pymmcore-plus/useq-schema src/useq/_time.py, _z.py, _channel.py, _grid.py.
import { z } from 'zod';
import { InputError } from '../errors.ts';

/** Most z planes a stack may have, most time points a plan may have, and most images in all: checked in the schema, before anything is allocated. */
export const MAX_Z_PLANES = 500;
export const MAX_TIMEPOINTS = 100_000;
export const MAX_IMAGES = 1_000_000;
const MANY_PLANES = `a z-stack may have at most ${MAX_Z_PLANES} planes: use a larger step or a smaller range`;
const MANY_TIMEPOINTS = `a plan may have at most ${MAX_TIMEPOINTS} time points: use a longer interval or a shorter duration`;
const fewPlanes = (rangeUm: number, stepUm: number) => rangeUm / stepUm + 1 <= MAX_Z_PLANES + 1e-9;

export const intervalLoops = z.object({
  intervalS: z.number().min(0).describe('Time between the starts of consecutive time points, s'),
  loops: z.number().int().min(1).max(MAX_TIMEPOINTS).describe(`Number of time points (at most ${MAX_TIMEPOINTS})`),
}).strict();
export const durationLoops = z.object({
  durationS: z.number().min(0).describe('Time from the first to the last time point, s'),
  loops: z.number().int().min(1).max(MAX_TIMEPOINTS).describe(`Number of time points (at most ${MAX_TIMEPOINTS})`),
}).strict();
export const intervalDuration = z.object({
  intervalS: z.number().min(0).describe('Time between the starts of consecutive time points, s'),
  durationS: z.number().min(0).describe('Total duration, s; time points start while t <= duration'),
}).strict().refine((p) => p.intervalS <= 0 || p.durationS / p.intervalS + 1 <= MAX_TIMEPOINTS, { message: MANY_TIMEPOINTS });
export const singlePhase = z.union([intervalLoops, durationLoops, intervalDuration]);
export const multiPhase = z.object({
  phases: z.array(singlePhase).min(1).describe('Time plans run one after the other (the first time point of later phases is skipped, as in useq)'),
}).strict();
export const timePlanSchema = z.union([multiPhase, singlePhase]);

export const channelSchema = z.object({
  config: z.string().min(1).describe('Channel preset: DAPI, FITC, Rhodamine, Cy5 or Brightfield (GFP/488 = FITC, mCherry/561 = Rhodamine)'),
  exposureMs: z.number().positive().optional().describe('Exposure, ms (default: the camera\'s current exposure, 100 ms on the demo camera)'),
  powerPercent: z.number().min(0).optional().describe('Light-source power, % (default: the source\'s current power)'),
  acquireEvery: z.number().int().min(1).default(1).describe('Acquire this channel every Nth time point (useq acquire_every, default 1)'),
  doStack: z.boolean().default(true).describe('Acquire the whole z stack in this channel (false: only the middle plane), useq do_stack, default true'),
  zOffsetUm: z.number().default(0).describe('Focus offset of this channel, µm (default 0)'),
}).strict();

export const zRangeAround = z.object({ rangeUm: z.number().min(0).describe('Total z range centred on the focus, µm'), stepUm: z.number().positive().describe('Step between planes, µm') }).strict()
  .refine((p) => fewPlanes(p.rangeUm, p.stepUm), { message: MANY_PLANES });
export const zTopBottom = z.object({ topUm: z.number().describe('Top, absolute µm'), bottomUm: z.number().describe('Bottom, absolute µm'), stepUm: z.number().positive().describe('Step, µm') }).strict()
  .refine((p) => fewPlanes(Math.abs(p.topUm - p.bottomUm), p.stepUm), { message: MANY_PLANES });
export const zAboveBelow = z.object({ aboveUm: z.number().min(0).describe('Above the focus, µm'), belowUm: z.number().min(0).describe('Below the focus, µm'), stepUm: z.number().positive().describe('Step, µm') }).strict()
  .refine((p) => fewPlanes(p.aboveUm + p.belowUm, p.stepUm), { message: MANY_PLANES });
export const zRelative = z.object({ relativeUm: z.array(z.number()).min(1).max(MAX_Z_PLANES).describe('Planes relative to the focus, µm') }).strict();
export const zAbsolute = z.object({ absoluteUm: z.array(z.number()).min(1).max(MAX_Z_PLANES).describe('Planes at absolute focus positions, µm') }).strict();
export const zPlanSchema = z
  .union([zRangeAround, zTopBottom, zAboveBelow, zRelative, zAbsolute])
  .describe('Z plan, µm: {rangeUm, stepUm} around the focus, {topUm, bottomUm, stepUm}, {aboveUm, belowUm, stepUm}, {relativeUm:[...]} or {absoluteUm:[...]}');

export const positionSchema = z.object({
  name: z.string().optional().describe('Position name (default "Pos0", "Pos1", ...)'),
  xUm: z.number().describe('Stage x, µm'),
  yUm: z.number().describe('Stage y, µm'),
  zUm: z.number().optional().describe('Focus z, µm (default: the current focus)'),
}).strict();

export const gridPlanSchema = z.object({
  rows: z.number().int().min(1).max(100).describe('Rows of fields'),
  columns: z.number().int().min(1).max(100).describe('Columns of fields'),
  overlapPercent: z.number().min(0).max(99).default(0).describe('Overlap between neighbouring fields, % (default 0)'),
}).strict().describe('A rows x columns grid of fields centred on each position, visited row-wise snake (useq default)');

export const autofocusPlanSchema = z.object({
  everyTimepoints: z.number().int().min(0).max(MAX_TIMEPOINTS).default(1).describe('Autofocus before every Nth time point, the first included (1 = before each time point; 0 = only once, before the first); useq autofocus_plan AxesBasedAF axes ["t"]'),
  eachPosition: z.boolean().default(false).describe('Autofocus at each position (useq axes ["p"]), each keeping its own focus; false: at the first position, its shift applied to every position'),
}).strict().describe('When to autofocus during the run (omitted = never on a schedule)');

export const sequenceSchema = z.object({
  channels: z.array(channelSchema).min(1).max(20).describe('Channels, acquired in this order at each time point'),
  timePlan: timePlanSchema.optional().describe('Time plan; omitted = one time point'),
  zPlan: zPlanSchema.optional(),
  stagePositions: z.array(positionSchema).max(1000).optional().describe('Stage positions; omitted = the current position'),
  gridPlan: gridPlanSchema.optional(),
  autofocusPlan: autofocusPlanSchema.optional(),
  axisOrder: z.enum(['tpgcz', 'tpgzc']).default('tpgcz').describe('Loop order (useq axis_order): "tpgcz" = all z of a channel, then the next channel'),
  name: z.string().optional().describe('Name of the acquisition, used for the file name'),
}).strict();

export type TimePlan = z.infer<typeof timePlanSchema>;
export type SinglePhase = z.infer<typeof singlePhase>;
export type ChannelSpec = z.infer<typeof channelSchema>;
export type ZPlan = z.infer<typeof zPlanSchema>;
export type StagePosition = z.infer<typeof positionSchema>;
export type GridPlan = z.infer<typeof gridPlanSchema>;
export type AutofocusPlan = z.infer<typeof autofocusPlanSchema>;
export type Sequence = z.infer<typeof sequenceSchema>;
export type SequenceInput = z.input<typeof sequenceSchema>;

/** Validates a plan (zod, then cross-field rules), returning it with defaults filled in. */
export function parseSequence(input: unknown): Sequence {
  const result = sequenceSchema.safeParse(input);
  if (!result.success) throw new InputError(`invalid acquisition plan: ${describeIssue(result.error.issues)}`);
  const seq = result.data;
  const names = seq.channels.map((c) => c.config.toLowerCase());
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new InputError(`channel ${dup} is listed twice in the plan: list each channel once`);
  const images = imageCount(seq);
  if (images > MAX_IMAGES) throw new InputError(`the plan asks for ${images.toExponential(2)} images: the limit is ${MAX_IMAGES}; use fewer time points, planes or positions`);
  return seq;
}

/** Images a plan takes (every channel at every time point, before acquire-every), counted without expanding it. */
export function imageCount(seq: Sequence): number {
  let timepoints = 1;
  for (const phase of phasesOf(seq.timePlan)) timepoints += phaseShape(phase).loops - 1;
  const planes = seq.zPlan ? zPlaneCount(seq.zPlan) : 1;
  const fields = (seq.stagePositions?.length || 1) * (seq.gridPlan ? seq.gridPlan.rows * seq.gridPlan.columns : 1);
  return timepoints * planes * fields * seq.channels.length;
}

/** Number of planes of a z plan, computed without listing them. */
export function zPlaneCount(plan: ZPlan): number {
  if ('absoluteUm' in plan) return plan.absoluteUm.length;
  if ('relativeUm' in plan) return plan.relativeUm.length;
  const span = 'rangeUm' in plan ? plan.rangeUm : 'aboveUm' in plan ? plan.aboveUm + plan.belowUm : Math.abs(plan.topUm - plan.bottomUm);
  return Math.floor(span / plan.stepUm + 1e-9) + 1;
}

/** One line for the most telling zod issue (inside a union, the member's own message). */
export function describeIssue(issues: readonly z.core.$ZodIssue[]): string {
  const issue = issues[0];
  if (issue.code === 'invalid_union' && 'errors' in issue) {
    const custom = (issue.errors as z.core.$ZodIssue[][]).flat().find((i) => i.code === 'custom' || i.code === 'too_big');
    if (custom) return `${[...issue.path, ...custom.path].join('.') || 'top level'}: ${custom.message}`;
  }
  return `${issue.path.join('.') || 'top level'}: ${issue.message}`;
}

// ---- time ---------------------------------------------------------------------

/** Interval (s) and number of time points of one phase. Infinite loops never occur: duration is required. */
export function phaseShape(phase: SinglePhase): { intervalS: number; loops: number; durationS?: number } {
  if ('loops' in phase && 'intervalS' in phase) return { intervalS: phase.intervalS, loops: phase.loops };
  if ('loops' in phase) return { intervalS: phase.loops > 1 ? phase.durationS / (phase.loops - 1) : 0, loops: phase.loops };
  const loops = phase.intervalS > 0 ? Math.floor(phase.durationS / phase.intervalS + 1e-9) + 1 : 1;
  return { intervalS: phase.intervalS, loops, durationS: phase.durationS };
}

export function phasesOf(plan: TimePlan | undefined): SinglePhase[] {
  if (!plan) return [{ intervalS: 0, loops: 1 }];
  return 'phases' in plan ? plan.phases : [plan];
}

/** Planned start times of all time points, s from the start (useq's deltas). */
export function timeDeltasS(plan: TimePlan | undefined): number[] {
  const out: number[] = [0];
  let accumS = 0;
  for (const phase of phasesOf(plan)) {
    const { intervalS, loops } = phaseShape(phase);
    // i = 0 of each phase coincides with the end of the previous one (useq skips it).
    for (let i = 1; i < loops; i++) out.push(accumS + i * intervalS);
    accumS += (loops - 1) * intervalS;
  }
  return out;
}

/** Whether the autofocus plan runs before time point t (0-based). */
export function autofocusDue(plan: Pick<AutofocusPlan, 'everyTimepoints'> | undefined, t: number): boolean {
  if (!plan) return false;
  const every = plan.everyTimepoints ?? 1;
  return every === 0 ? t === 0 : t % every === 0;
}

/** The autofocus plan in words ("autofocus before every 3rd time point, at each position"). */
export function describeAutofocusPlan(plan: { everyTimepoints?: number; eachPosition?: boolean } | undefined): string {
  if (!plan) return 'no scheduled autofocus';
  const every = plan.everyTimepoints ?? 1;
  const when = every === 0 ? 'once, before the first time point' : every === 1 ? 'before every time point' : `before every ${ordinalOf(every)} time point (the first included)`;
  return `autofocus ${when}, ${plan.eachPosition ? 'at each position' : 'at the first position (its shift moves every position)'}`;
}

function ordinalOf(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

// ---- space --------------------------------------------------------------------

/** Z positions of a plan, relative to the focus position (or absolute for absoluteUm), µm, bottom to top. */
export function zPositionsUm(plan: ZPlan | undefined): { positionsUm: number[]; absolute: boolean } {
  if (!plan) return { positionsUm: [0], absolute: false };
  if ('absoluteUm' in plan) return { positionsUm: [...plan.absoluteUm], absolute: true };
  if ('relativeUm' in plan) return { positionsUm: [...plan.relativeUm], absolute: false };
  if ('rangeUm' in plan) return { positionsUm: steps(-plan.rangeUm / 2, plan.rangeUm / 2, plan.stepUm), absolute: false };
  if ('aboveUm' in plan) return { positionsUm: steps(-plan.belowUm, plan.aboveUm, plan.stepUm), absolute: false };
  const lo = Math.min(plan.topUm, plan.bottomUm);
  const hi = Math.max(plan.topUm, plan.bottomUm);
  return { positionsUm: steps(lo, hi, plan.stepUm), absolute: true };
}

function steps(fromUm: number, toUm: number, stepUm: number): number[] {
  // useq: the number of planes is floor(range / step) + 1, centred on the range.
  const n = Math.floor((toUm - fromUm) / stepUm + 1e-9) + 1;
  const start = (fromUm + toUm) / 2 - ((n - 1) * stepUm) / 2;
  return Array.from({ length: n }, (_, i) => round6(start + i * stepUm));
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6 + 0;
}

/** Field offsets of a grid around a position, µm, row-wise snake from the top-left. */
export function gridOffsetsUm(grid: GridPlan | undefined, fieldWidthUm: number, fieldHeightUm: number): { row: number; column: number; dxUm: number; dyUm: number }[] {
  if (!grid) return [{ row: 0, column: 0, dxUm: 0, dyUm: 0 }];
  const stepX = fieldWidthUm * (1 - grid.overlapPercent / 100);
  const stepY = fieldHeightUm * (1 - grid.overlapPercent / 100);
  const out: { row: number; column: number; dxUm: number; dyUm: number }[] = [];
  for (let row = 0; row < grid.rows; row++) {
    for (let k = 0; k < grid.columns; k++) {
      const column = row % 2 === 0 ? k : grid.columns - 1 - k;
      out.push({
        row,
        column,
        dxUm: round6((column - (grid.columns - 1) / 2) * stepX),
        dyUm: round6((row - (grid.rows - 1) / 2) * stepY),
      });
    }
  }
  return out;
}

// ---- in words -------------------------------------------------------------------

/** The plan in a few words: channels, time plan, z-stack, positions and grid. */
export function describePlan(input: SequenceInput | Sequence): string {
  const plan = input as Sequence;
  const channels = plan.channels.map((c) => `${c.config}${c.exposureMs !== undefined ? ` ${c.exposureMs} ms` : ''}${c.powerPercent !== undefined ? ` ${c.powerPercent} %` : ''}${(c.acquireEvery ?? 1) > 1 ? ` every ${c.acquireEvery} time points` : ''}`);
  const timepoints = timeDeltasS(plan.timePlan);
  const lastS = timepoints[timepoints.length - 1];
  const time = timepoints.length > 1 ? `${timepoints.length} time points over ${formatS(lastS)}` : 'one time point';
  const z = plan.zPlan ? `, ${zPlaneCount(plan.zPlan)} z planes${'stepUm' in plan.zPlan ? ` ${plan.zPlan.stepUm} µm apart` : ''}` : '';
  const positions = plan.stagePositions?.length ? `, ${plan.stagePositions.length} position(s)` : '';
  const grid = plan.gridPlan ? `, a ${plan.gridPlan.rows} x ${plan.gridPlan.columns} grid at each` : '';
  const autofocus = plan.autofocusPlan ? `; ${describeAutofocusPlan(plan.autofocusPlan)}` : '';
  return `${channels.join(' and ')}; ${time}${z}${positions}${grid}${autofocus}`;
}

function formatS(s: number): string {
  return s < 120 ? `${Math.round(s)} s` : s < 7200 ? `${Math.round(s / 6) / 10} min` : `${Math.round(s / 360) / 10} h`;
}
