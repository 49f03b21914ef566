// Tables measured before the calibration changed ("pixels are 1.6 um and one frame every 10 min" said after the speeds
// were measured): their lengths and times are in the old units (px, frames), so a question asked afterwards ("what's the
// speed now in um/h?") must not be answered from them; the planner measures again and the answer uses the new units.
// (A table of objects whose only units are px and px² in its column names, area_px, is still answered from: the answer
// shows those in µm at the pixel size set, and says so, tableAnswers' setLater.)
import type { Table } from '../../analysis/table.ts';
import { type Catalogue, producesOf, writesCopies } from './catalogue.ts';
import type { Conversation, PastResult } from './conversation.ts';
import type { Plan, PlannedStep, Ref } from './types.ts';
import { setsCalibration } from './calibrationSteps.ts';

/** Whether a past step took one of these artifacts as an argument (by its id). */
function readsOneOf(result: PastResult, ids: ReadonlySet<string>): boolean {
  return Object.values(result.args).some((v) => typeof v === 'string' && ids.has(v));
}

/**
 * The ids of the session's tables made before the latest step that set a calibration, and of every table made since
 * from one of them (a CSV export of an old table holds the old units too). Empty when no calibration was set.
 */
export function tablesMeasuredBeforeCalibration(conversation: Conversation): Set<string> {
  const results = [...conversation.earlier, ...conversation.current];
  const lastSetter = results.findLastIndex((r) => setsCalibration(r));
  const stale = new Set<string>();
  if (lastSetter < 0) return stale;
  results.forEach((r, i) => {
    const fromStale = i > lastSetter && readsOneOf(r, stale);
    if (i < lastSetter || fromStale) for (const a of r.artifacts) if (a.type === 'table') stale.add(a.id);
  });
  return stale;
}

/** Units the answers do not convert with a calibration set later: TrackMate's px/frame, frames (a column's own, or its name's). */
const UNITS_KEPT_AS_MEASURED = /^(?:px|frames?|planes?)$|px\/frames?$/i;

/** Whether a table measured before the calibration holds a column whose values stay in the old units. */
export function staleAfterCalibration(table: Table): boolean {
  return table.columns.some((c) => UNITS_KEPT_AS_MEASURED.test(table.units?.[c] ?? '') || /_per_frame$|\((?:px|frames?)\b/i.test(c));
}

/**
 * "the pixel size is 1.6 um" told after the areas were measured, then "save the table as csv": a step that reads the
 * newest table to write it out (an export) while that table was measured before the calibration would write the old units (px,
 * frames). The step that made it runs again first, with its own arguments, so the step reads a table in the new units;
 * the answer says why. A plan that makes a table of its own before that step is left as it is.
 */
export function measuredAgainAfterCalibration(plan: Plan, conversation: Conversation, catalogue: Catalogue): Plan {
  if (plan.reply || plan.steps.length === 0) return plan;
  // (read as the turn began: the plan is made again after each step it runs, and must stay the same plan)
  const before = { ...conversation, current: [] };
  const stale = tablesMeasuredBeforeCalibration(before);
  if (stale.size === 0) return plan;
  const isTableRef = (v: unknown) => !!v && typeof v === 'object' && (v as Ref).$ref === 'table';
  // (a step that writes the table out, an export; a question asked of old tables is tableAnswers.ts's, in the units set)
  const at = plan.steps.findIndex((s) => writesCopies(s.tool, catalogue) && Object.values(s.args).some(isTableRef));
  if (at < 0 || plan.steps.slice(0, at).some((s) => producesOf(s.tool, catalogue).includes('table'))) return plan;
  const results = before.earlier;
  const newest = results.findLast((r) => r.ok && r.artifacts.some((a) => a.type === 'table'));
  const table = newest?.artifacts.findLast((a) => a.type === 'table');
  if (!table || !stale.has(table.id)) return plan;
  // (the step that measured it: a table made from another table, an export of it, is measured again by the first maker)
  const maker = results.findLast((r) => r.ok && r.artifacts.some((a) => a.type === 'table' && stale.has(a.id)) && !readsOneOf(r, stale));
  if (!maker) return plan;
  const again: PlannedStep = { tool: maker.tool, args: { ...maker.args }, clause: plan.steps[at].clause };
  const note = `${table.id} was measured before the calibration was set (its lengths in px, its times in frames), so \`${maker.tool}\` ran again first and \`${plan.steps[at].tool}\` uses the new units.`;
  return { ...plan, steps: [...plan.steps.slice(0, at), again, ...plan.steps.slice(at)], notes: [...(plan.notes ?? []), note] };
}
