// An acquisition plan as data, shaped like useq-schema's MDASequence: a time plan
// (interval + loops, duration + loops, interval + duration, or phases of those),
// channels (preset, exposure, acquire-every, do-stack, z offset), a z plan
// (range around, top/bottom, above/below, relative or absolute positions), stage
// positions and a grid plan. Units are in the field names (s, ms, µm).
// Reference: pymmcore-plus/useq-schema src/useq/_time.py, _z.py, _channel.py, _grid.py.
import { z } from 'zod';
import { InputError } from '../errors.ts';

export const intervalLoops = z.object({
  intervalS: z.number().min(0).describe('Time between the starts of consecutive time points, s'),
  loops: z.number().int().min(1).describe('Number of time points'),
}).strict();
export const durationLoops = z.object({
  durationS: z.number().min(0).describe('Time from the first to the last time point, s'),
  loops: z.number().int().min(1).describe('Number of time points'),
}).strict();
export const intervalDuration = z.object({
  intervalS: z.number().min(0).describe('Time between the starts of consecutive time points, s'),
  durationS: z.number().min(0).describe('Total duration, s; time points start while t <= duration'),
}).strict();
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

export const zRangeAround = z.object({ rangeUm: z.number().min(0), stepUm: z.number().positive() }).strict();
export const zTopBottom = z.object({ topUm: z.number(), bottomUm: z.number(), stepUm: z.number().positive() }).strict();
export const zAboveBelow = z.object({ aboveUm: z.number().min(0), belowUm: z.number().min(0), stepUm: z.number().positive() }).strict();
export const zRelative = z.object({ relativeUm: z.array(z.number()).min(1) }).strict();
export const zAbsolute = z.object({ absoluteUm: z.array(z.number()).min(1) }).strict();
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
  rows: z.number().int().min(1),
  columns: z.number().int().min(1),
  overlapPercent: z.number().min(0).max(99).default(0).describe('Overlap between neighbouring fields, % (default 0)'),
}).strict().describe('A rows x columns grid of fields centred on each position, visited row-wise snake (useq default)');

export const sequenceSchema = z.object({
  channels: z.array(channelSchema).min(1).describe('Channels, acquired in this order at each time point'),
  timePlan: timePlanSchema.optional().describe('Time plan; omitted = one time point'),
  zPlan: zPlanSchema.optional(),
  stagePositions: z.array(positionSchema).optional().describe('Stage positions; omitted = the current position'),
  gridPlan: gridPlanSchema.optional(),
  axisOrder: z.enum(['tpgcz', 'tpgzc']).default('tpgcz').describe('Loop order (useq axis_order): "tpgcz" = all z of a channel, then the next channel'),
  name: z.string().optional().describe('Name of the acquisition, used for the file name'),
}).strict();

export type TimePlan = z.infer<typeof timePlanSchema>;
export type SinglePhase = z.infer<typeof singlePhase>;
export type ChannelSpec = z.infer<typeof channelSchema>;
export type ZPlan = z.infer<typeof zPlanSchema>;
export type StagePosition = z.infer<typeof positionSchema>;
export type GridPlan = z.infer<typeof gridPlanSchema>;
export type Sequence = z.infer<typeof sequenceSchema>;
export type SequenceInput = z.input<typeof sequenceSchema>;

/** Validates a plan (zod, then cross-field rules), returning it with defaults filled in. */
export function parseSequence(input: unknown): Sequence {
  const result = sequenceSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(`invalid acquisition plan at ${issue.path.join('.') || 'top level'}: ${issue.message}`);
  }
  const seq = result.data;
  const names = seq.channels.map((c) => c.config.toLowerCase());
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new InputError(`channel ${dup} is listed twice in the plan: list each channel once`);
  if (seq.zPlan && 'topUm' in seq.zPlan && seq.zPlan.topUm === seq.zPlan.bottomUm && seq.zPlan.stepUm <= 0) {
    throw new InputError('z plan step must be more than 0 µm');
  }
  return seq;
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
