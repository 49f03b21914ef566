// The steps that set the session's calibration (by their tool's declaration, set_calibration: a step that applies to
// every later step), and the keys they set. Read by the answers (the calibration told) and by staleTables.ts (tables
// measured before it).
import { ALL_TOOLS } from '../allTools.ts';
import type { PastResult } from './conversation.ts';

/** The calibration keys a step that applies to later steps sets (set_calibration): told in the session, over any header. */
export const TOLD_KEYS = ['pixelSizeUm', 'frameIntervalS', 'zStepUm'];

/** Tools whose step applies to every later step (by their declaration: set_calibration). */
const CALIBRATION_SETTERS = new Set(ALL_TOOLS.filter((t) => t.appliesToLaterSteps).map((t) => t.name));

/** Whether a past step set a calibration key (pixel size, frame interval, z step) that every later step reads. */
export function setsCalibration(result: PastResult): boolean {
  return result.ok && CALIBRATION_SETTERS.has(result.tool) && TOLD_KEYS.some((key) => typeof result.args[key] === 'number' || typeof result.values[key] === 'number');
}
