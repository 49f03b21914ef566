// Tables measured before the calibration changed ("pixels are 1.6 um and one frame every 10 min" said after the speeds
// were measured): their lengths and times are in the old units (px, frames), so a question asked afterwards ("what's the
// speed now in um/h?") must not be answered from them; the planner measures again and the answer uses the new units.
// (A table of objects whose only units are px and px² in its column names, area_px, is still answered from: the answer
// shows those in µm at the pixel size set, and says so, tableAnswers' setLater.)
import type { Table } from '../../analysis/table.ts';
import type { Conversation } from './conversation.ts';
import { setsCalibration } from './recordingQuestions.ts';

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
    const fromStale = i > lastSetter && Object.values(r.args).some((v) => typeof v === 'string' && stale.has(v));
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
