// Live changes to a running acquisition, as typed data: what a person's command ("speed
// up to every 10 seconds", "switch off the 488") or a self-driving rule asks for. The tools
// take exactly this schema (an LLM fills it; the agent's language parser produces it);
// applyAdjustment() applies one to a plan, the runner to events not yet started.
import { z } from 'zod';
import { MAX_Z_PLANES, describeAutofocusPlan, gridPlanSchema, positionSchema, zPlanSchema, type ZPlan } from './sequence.ts';

const channel = z.string().min(1).describe('Channel preset, wavelength or dye: DAPI, FITC, Rhodamine, Cy5 or Brightfield (GFP/488 = FITC, mCherry/561 = Rhodamine, 640 = Cy5), or its number in the running plan ("2" = the second channel)');
const position = z.string().min(1).describe('A stage position of the running plan: its name ("Pos1") or its number in the list ("2" = the second)');
const factor = (what: string) => z.number().positive().max(1000).describe(`Multiply the current ${what} by this (0.1 = reduce by 90 %, 0.5 = halve, 2 = double)`);

/** "11 planes, 0.5 µm apart": a stack centred on the focus by its number of planes. */
export const zPlanesSchema = z.object({
  planes: z.number().int().min(1).max(MAX_Z_PLANES).describe(`Number of z planes (at most ${MAX_Z_PLANES})`),
  stepUm: z.number().positive().describe('Step between planes, µm'),
}).strict();

export const adjustmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('interval'), intervalS: z.number().min(0).describe('New interval between time points, s'), onlyAt: z.string().optional().describe('Only at this position (its name, or its number in the list: "2" = the second), longer or shorter than the others\' interval, which they keep; one position at a time') }),
  z.object({ kind: z.literal('intervalFactor'), factor: factor('interval') }),
  z.object({ kind: z.literal('duration'), durationS: z.number().positive().describe('New total duration from the start, s') }),
  z.object({ kind: z.literal('extend'), extraS: z.number().positive().describe('Run this much longer, s') }),
  z.object({ kind: z.literal('endIn'), inS: z.number().positive().describe('End the acquisition this long from now, s (its last time point is the last one due by then)') }),
  z.object({ kind: z.literal('loops'), loops: z.number().int().min(1).max(100_000).describe('New total number of time points') }),
  z.object({ kind: z.literal('exposure'), exposureMs: z.number().describe('Exposure, ms (absolute)'), channel: channel.optional() }),
  z.object({ kind: z.literal('exposureFactor'), factor: factor('exposure'), channel: channel.optional() }),
  z.object({ kind: z.literal('power'), powerPercent: z.number().describe('Light-source power, % (absolute)'), channel: channel.optional() }),
  z.object({ kind: z.literal('powerFactor'), factor: factor('power'), channel: channel.optional() }),
  z.object({ kind: z.literal('addChannel'), channel, exposureMs: z.number().optional().describe('Exposure, ms'), powerPercent: z.number().optional().describe('Power, %'), acquireEvery: z.number().int().min(1).optional().describe('Image it every Nth time point (default 1)') }),
  z.object({ kind: z.literal('dropChannel'), channel: channel.describe('The channel to stop imaging; the acquisition goes on with the others') }),
  z.object({ kind: z.literal('onlyChannels'), channels: z.array(channel).min(1).max(20).describe('The channels to image from now on; every other channel is dropped, and one not yet imaged is added') }),
  z.object({ kind: z.literal('acquireEvery'), channel, every: z.number().int().min(1).describe('Image this channel every Nth time point') }),
  z.object({ kind: z.literal('channelZOffset'), channel, zOffsetUm: z.number().min(-1000).max(1000).describe('Focus offset of this channel from the plan\'s focus, µm (useq z_offset; 0 = none)') }),
  z.object({ kind: z.literal('channelStack'), channel, doStack: z.boolean().describe('true: acquire the whole z-stack in this channel; false: only the middle plane (useq do_stack)') }),
  z.object({ kind: z.literal('axisOrder'), axisOrder: z.enum(['tpgcz', 'tpgzc']).describe('Loop order (useq axis_order): "tpgcz" = the whole z-stack of one channel, then the next channel; "tpgzc" = every channel at one plane, then the next plane') }),
  z.object({ kind: z.literal('zPlan'), zPlan: z.union([zPlanSchema, zPlanesSchema]).nullable().describe('Z-stack, µm ({rangeUm, stepUm}, {planes, stepUm}, ...); null = a single plane') }),
  z.object({ kind: z.literal('positions'), positions: z.array(positionSchema).min(1).max(1000).describe('The stage positions to image from the next time point') }),
  z.object({
    kind: z.literal('addPosition'),
    xUm: z.number().optional().describe('Stage x, µm (x and y left out: where the stage is now, "add the current position")'),
    yUm: z.number().optional().describe('Stage y, µm (with x)'),
    zUm: z.number().optional().describe('Focus z, µm (default: the current focus)'),
    dxUm: z.number().optional().describe('Instead of x and y: an offset in x from the run\'s last position, µm ("a position 200 µm to the right": 200)'),
    dyUm: z.number().optional().describe('With dxUm: the offset in y, µm (down is +y)'),
  }),
  z.object({ kind: z.literal('dropPosition'), position: position.describe('The position to stop imaging; the others go on') }),
  z.object({ kind: z.literal('grid'), grid: gridPlanSchema.nullable().describe('Tile each position as a grid; null = no grid') }),
  z.object({ kind: z.literal('zoom'), cell: z.number().int().min(1).optional().describe('Cell number in the latest image (1-based, raster order)'), xPx: z.number().optional().describe('Or a pixel x in the latest image'), yPx: z.number().optional().describe('Pixel y'), objective: z.string().optional().describe('Objective to switch to: 10X, 20X, 40X (default: the next higher)'), position: z.string().optional().describe('Position name (default the first)') }),
  z.object({ kind: z.literal('moveStage'), xUm: z.number().optional().describe('x, µm'), yUm: z.number().optional().describe('y, µm'), zUm: z.number().optional().describe('z, µm'), relative: z.boolean().optional().describe('Move by rather than to'), position: position.optional().describe('The position of the run to move (default the first)') }),
  z.object({ kind: z.literal('objective'), objective: z.string().describe('10X, 20X or 40X') }),
  z.object({ kind: z.literal('autofocus').describe('Autofocus once, before the next time point') }),
  z.object({
    kind: z.literal('autofocusSchedule').describe('Autofocus on a schedule from the next time point (useq autofocus_plan); replaces any schedule'),
    everyTimepoints: z.number().int().min(1).max(100_000).optional().describe('Before every Nth time point, counted from the first (1 = each)'),
    everyS: z.number().positive().optional().describe('Or every this long, s: becomes every N time points at the current interval'),
    eachPosition: z.boolean().optional().describe('At each position (true) or at the first, its shift moving all (false, default)'),
  }),
  z.object({ kind: z.literal('noAutofocusSchedule').describe('Stop the scheduled autofocus (the plan then never autofocuses by itself)') }),
  z.object({ kind: z.literal('pause'), forS: z.number().positive().max(7 * 86400).optional().describe('Resume by itself after this long, s (default: stay paused until resumed)') }),
  z.object({ kind: z.literal('resume') }),
  z.object({ kind: z.literal('stop').describe('Stop the whole acquisition now (needs a person\'s confirmation)') }),
  z.object({ kind: z.literal('finish').describe('Stop after the current time point (needs a person\'s confirmation)') }),
  z.object({ kind: z.literal('status'), about: z.enum(['time', 'dose', 'all']).optional().describe('What to report') }),
]);

export type Adjustment = z.infer<typeof adjustmentSchema>;
export type AdjustmentKind = Adjustment['kind'];
export type ZPlanInput = ZPlan | z.infer<typeof zPlanesSchema>;

/** A z plan given by its number of planes, as the range-around plan it is. */
export function toZPlan(plan: ZPlanInput): ZPlan {
  if ('planes' in plan) return { rangeUm: Math.round((plan.planes - 1) * plan.stepUm * 1e6) / 1e6, stepUm: plan.stepUm };
  return plan;
}

/** Stops or ends the acquisition: these are never undone, so a person confirms them. */
export function endsAcquisition(adj: Adjustment): boolean {
  return adj.kind === 'stop' || adj.kind === 'finish';
}

/** One line saying what a change does, for confirmations and the provenance log. */
export function describeAdjustment(adj: Adjustment): string {
  switch (adj.kind) {
    case 'interval':
      return `image every ${formatDuration(adj.intervalS)}${adj.onlyAt ? ` at ${adj.onlyAt}` : ''}`;
    case 'intervalFactor':
      return adj.factor < 1 ? `image ${Math.round(1 / adj.factor)} times as often` : `image ${adj.factor} times less often`;
    case 'duration':
      return `run for ${formatDuration(adj.durationS)} in total`;
    case 'extend':
      return `run ${formatDuration(adj.extraS)} longer`;
    case 'endIn':
      return `end the acquisition in ${formatDuration(adj.inS)}`;
    case 'loops':
      return `take ${adj.loops} time points in total`;
    case 'exposure':
      return `set the ${adj.channel ?? 'current channel'} exposure to ${adj.exposureMs} ms`;
    case 'exposureFactor':
      return `multiply the ${adj.channel ?? 'current channel'} exposure by ${adj.factor}`;
    case 'power':
      return `set the ${adj.channel ?? 'current'} light to ${adj.powerPercent} %`;
    case 'powerFactor':
      return `multiply the ${adj.channel ?? 'current'} light power by ${adj.factor}`;
    case 'addChannel':
      return `add the ${adj.channel} channel${adj.exposureMs ? ` at ${adj.exposureMs} ms` : ''}${adj.acquireEvery && adj.acquireEvery > 1 ? ` every ${adj.acquireEvery} time points` : ''}`;
    case 'dropChannel':
      return `stop imaging ${adj.channel}`;
    case 'onlyChannels':
      return `image only ${adj.channels.join(' and ')}`;
    case 'acquireEvery':
      return `image ${adj.channel} every ${adj.every === 1 ? '' : ordinal(adj.every) + ' '}time point`;
    case 'channelZOffset':
      return `focus the ${adj.channel} channel ${adj.zOffsetUm} µm from the plan's focus (z offset)`;
    case 'channelStack':
      return adj.doStack ? `acquire the whole z-stack in ${adj.channel}` : `image ${adj.channel} at the middle plane only (no z-stack)`;
    case 'axisOrder':
      return adj.axisOrder === 'tpgzc' ? 'every channel at each plane, then the next plane (axis order tpgzc)' : 'the whole z-stack of each channel, then the next channel (axis order tpgcz)';
    case 'zPlan':
      return adj.zPlan ? `acquire a z-stack (${describeZPlan(toZPlan(adj.zPlan))})` : 'acquire a single plane (no z-stack)';
    case 'positions':
      return `image ${adj.positions.length} stage position(s)`;
    case 'addPosition':
      if (adj.dxUm !== undefined || adj.dyUm !== undefined) return `add a position ${offsetText(adj.dxUm ?? 0, adj.dyUm ?? 0)} the run's last one`;
      return adj.xUm === undefined || adj.yUm === undefined ? 'add the position the stage is at now' : `add a position at (${adj.xUm}, ${adj.yUm}) µm`;
    case 'dropPosition':
      return `stop imaging position ${adj.position}`;
    case 'grid':
      return adj.grid ? `tile each position as a ${adj.grid.rows} x ${adj.grid.columns} grid` : 'no grid';
    case 'zoom':
      return `zoom in${adj.cell !== undefined ? ` on cell ${adj.cell}` : adj.xPx !== undefined ? ` on pixel (${adj.xPx}, ${adj.yPx})` : ''}${adj.objective ? ` with the ${adj.objective} objective` : ''}`;
    case 'moveStage':
      return `move ${adj.position !== undefined ? `position ${adj.position}` : 'the stage'} ${adj.relative ? 'by' : 'to'} ${(
        [
          ['x', adj.xUm],
          ['y', adj.yUm],
          ['z', adj.zUm],
        ] as const
      )
        .filter(([, v]) => v !== undefined)
        .map(([axis, v]) => `${axis} ${v} µm`)
        .join(', ')}`;
    case 'objective':
      return `switch to the ${adj.objective} objective`;
    case 'autofocus':
      return 'refocus (autofocus)';
    case 'autofocusSchedule':
      return adj.everyS !== undefined ? `autofocus every ${formatDuration(adj.everyS)}${adj.eachPosition ? ' at each position' : ''}` : describeAutofocusPlan({ everyTimepoints: adj.everyTimepoints ?? 1, eachPosition: adj.eachPosition });
    case 'noAutofocusSchedule':
      return 'stop the scheduled autofocus';
    case 'pause':
      return adj.forS ? `pause the acquisition for ${formatDuration(adj.forS)}` : 'pause the acquisition';
    case 'resume':
      return 'resume the acquisition';
    case 'stop':
      return 'stop the acquisition now';
    case 'finish':
      return 'finish after the current time point';
    case 'status':
      return adj.about === 'dose' ? 'report the light dose so far' : adj.about === 'time' ? 'report the time left' : 'report the status';
  }
}

export function describeZPlan(plan: ZPlan): string {
  if ('rangeUm' in plan) return `${Math.floor(plan.rangeUm / plan.stepUm + 1e-9) + 1} planes, ${plan.stepUm} µm apart (${plan.rangeUm} µm range)`;
  if ('aboveUm' in plan) return `${plan.belowUm} µm below to ${plan.aboveUm} µm above, ${plan.stepUm} µm steps`;
  if ('topUm' in plan) return `z ${plan.bottomUm} to ${plan.topUm} µm, ${plan.stepUm} µm steps`;
  if ('relativeUm' in plan) return `${plan.relativeUm.length} planes relative to focus`;
  return `${plan.absoluteUm.length} absolute planes`;
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** "10 s", "2 min", "1 h 30 min" (rounded so that no unit shows 60). */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'an unknown time';
  const s = Math.max(0, Math.round(seconds * 10) / 10);
  if (s < 60) return `${trim(s)} s`;
  const whole = Math.round(s);
  if (whole < 3600) {
    const m = Math.floor(whole / 60);
    const rest = whole - m * 60;
    return rest ? `${m} min ${rest} s` : `${m} min`;
  }
  const minutes = Math.round(whole / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes - h * 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

function trim(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** An offset in words: "200 µm right and 50 µm down of" (x right, y down). */
function offsetText(dxUm: number, dyUm: number): string {
  const parts = [...(dxUm !== 0 ? [`${Math.abs(dxUm)} µm ${dxUm > 0 ? 'right' : 'left'}`] : []), ...(dyUm !== 0 ? [`${Math.abs(dyUm)} µm ${dyUm > 0 ? 'down' : 'up'}`] : [])];
  return `${parts.length ? parts.join(' and ') : '0 µm'} of`;
}
