// "image GFP and DAPI every 5 minutes for 12 hours at 3 positions with 11 planes 0.5 µm
// apart" → the useq-like plan start_acquisition takes, and what was understood in words.
import { InputError } from '../../errors.ts';
import { DEMO_CONFIG, type MicroscopeConfig } from '../../microscope/config.ts';
import type { SequenceInput } from '../../microscope/sequence.ts';
import { parseGrid, parsePositionList, parseZPlan, positionCount, spreadPositions } from './space.ts';
import { durationAfter, exposureMs, findChannels, fmtS, normaliseText, percent, uniquePresets } from './words.ts';

export interface ParsedRequest {
  sequence: SequenceInput;
  /** Objective the request names ("with the 40x"), to switch to before starting. */
  objective?: string;
  /** What was understood, in words. */
  understood: string;
}

/** The plan in the words; InputError naming what is missing (one line). */
export function parseAcquisitionRequest(text: string, config: MicroscopeConfig = DEMO_CONFIG): ParsedRequest {
  const t = normaliseText(text);
  const presets = uniquePresets(findChannels(t, config));
  if (presets.length === 0) {
    throw new InputError(`which channel should I image? I understood no channel in "${text.trim()}": say e.g. GFP, DAPI, mCherry, Cy5 or brightfield`);
  }
  const intervalS = durationAfter(t, /\bevery\b|\beach\b|\binterval(?:\s+of)?\b|\bat intervals of\b/) ?? (/\b(continuously|as fast as possible|streaming)\b/i.test(t) ? 0 : undefined);
  const durationS = durationAfter(t, /\bfor(?:\s+the\s+next)?\b|\bover\b|\blasting\b|\bduring\b/) ?? (/\bovernight\b/i.test(t) ? 12 * 3600 : undefined);
  const framesMatch = /(\d+)\s*(?:time[\s-]?points|frames|timepoints|loops|images per channel)/i.exec(t);
  const loops = framesMatch ? Number(framesMatch[1]) : undefined;
  let timePlan: SequenceInput['timePlan'];
  if (intervalS !== undefined && durationS !== undefined) timePlan = { intervalS, durationS };
  else if (intervalS !== undefined && loops !== undefined) timePlan = { intervalS, loops };
  else if (durationS !== undefined && loops !== undefined) timePlan = { durationS, loops };
  else if (intervalS !== undefined) throw new InputError(`for how long? I understood every ${fmtS(intervalS)} but no duration or number of time points: add e.g. "for 12 hours" or "100 frames"`);
  else if (durationS !== undefined) throw new InputError(`how often? I understood ${fmtS(durationS)} but no interval: add e.g. "every 5 minutes"`);
  else if (loops !== undefined) timePlan = { intervalS: 0, loops };
  const exposure = exposureMs(t);
  const power = percent(t.replace(/\d+(?:\.\d+)?\s*(?:%|percent)\s*overlap/gi, ''));
  const zPlan = parseZPlan(t);
  const grid = parseGrid(t);
  const listed = parsePositionList(t);
  const count = listed.length ? undefined : positionCount(t);
  const spread = count && count > 1 ? spreadPositions(count, config) : undefined;
  const stagePositions = listed.length ? listed : spread?.positions;
  const objective = /\b(10|20|40)\s*x\b(?!\s*\d)/i.exec(t);
  const sequence: SequenceInput = {
    channels: presets.map((name) => ({ config: name, ...(exposure !== undefined ? { exposureMs: exposure } : {}), ...(power !== undefined ? { powerPercent: power } : {}) })),
    ...(timePlan ? { timePlan } : {}),
    ...(zPlan ? { zPlan } : {}),
    ...(stagePositions ? { stagePositions } : {}),
    ...(grid ? { gridPlan: grid } : {}),
  };
  const parts = [
    `image ${presets.join(' and ')}`,
    exposure !== undefined ? `at ${exposure} ms` : '',
    power !== undefined ? `${power} % power` : '',
    timePlan ? describeTimePlan(timePlan) : 'once',
    zPlan && 'rangeUm' in zPlan ? `with ${Math.floor(zPlan.rangeUm / zPlan.stepUm + 1e-9) + 1} z planes ${zPlan.stepUm} µm apart` : '',
    listed.length ? `at ${listed.length} position(s) ${listed.map((p) => `(${p.xUm}, ${p.yUm})`).join(', ')} µm` : '',
    spread ? `at ${count} positions ${spread.spacingUm} µm apart (x = ${spread.positions.map((p) => p.xUm).join(', ')} µm, y = 0; no two fields overlap; give coordinates to choose them)` : '',
    grid ? `tiling each position ${grid.rows} x ${grid.columns}${grid.overlapPercent ? ` with ${grid.overlapPercent} % overlap` : ''}` : '',
    objective ? `with the ${objective[1]}X objective` : '',
  ].filter(Boolean);
  return { sequence, understood: parts.join(' '), ...(objective ? { objective: `${objective[1]}X` } : {}) };
}

function describeTimePlan(plan: NonNullable<SequenceInput['timePlan']>): string {
  if ('phases' in plan) return `in ${plan.phases.length} phases`;
  if ('intervalS' in plan && 'durationS' in plan) return `every ${fmtS(plan.intervalS)} for ${fmtS(plan.durationS)}`;
  if ('intervalS' in plan) return plan.intervalS > 0 ? `every ${fmtS(plan.intervalS)}, ${plan.loops} time points` : `${plan.loops} time points as fast as possible`;
  return `${plan.loops} time points over ${fmtS(plan.durationS)}`;
}
