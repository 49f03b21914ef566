// Tables measured before the calibration changed ("pixels are 1.6 um and one frame every 10 min" said after the speeds
// were measured): their lengths and times are in the old units (px, frames), so a question asked afterwards ("what's the
// speed now in um/h?") must not be answered from them; the planner measures again and the answer uses the new units.
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
