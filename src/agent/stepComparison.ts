// A step run again with changed settings ("redo the segmentation with Li and compare the counts") is compared with
// the step it replaces: each setting changed (as the step ran it: "method otsu → li", not "auto → li") and each number
// the tool declares among its results (objects found, tracks, mean speed), before and after, with its unit. The
// numbers come from the two steps' own provenance records; nothing is measured again.
import type { ComparedValue } from '../../tools/history.ts';
import type { ResultValue } from '../../tools/types.ts';
import { resultUnit } from './valueUnits.ts';

interface StepRun {
  args: Record<string, unknown>;
  values?: Record<string, unknown>;
}

type Scalar = number | string | boolean;

function scalar(v: unknown): Scalar | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  return typeof v === 'string' || typeof v === 'boolean' ? v : undefined;
}

/** A setting as the step ran it: the value it reports (the method "auto" chose), else the argument given. */
function settingOf(run: StepRun, key: string): Scalar | undefined {
  return scalar(run.values?.[key]) ?? scalar(run.args[key]);
}

/**
 * The settings changed and the declared numbers of a step and the step that replaced it: every changed setting
 * whose value is new, then every declared number (never a setting the tool chose) that both runs report.
 */
export function comparedValues(results: Record<string, ResultValue>, before: StepRun, after: StepRun, changed: string[]): ComparedValue[] {
  const out: ComparedValue[] = [];
  for (const key of changed) {
    const was = settingOf(before, key);
    const now = settingOf(after, key);
    // (a setting said again with the value it had, "target: nuclei", changed nothing)
    if (now === undefined || now === was) continue;
    out.push({ name: key, about: key, unit: results[key]?.unit ?? '', before: was ?? 'default', after: now, setting: true });
  }
  // (a setting the tool chose that an argument it declares as setting it moved, "smallest object area kept 52 → 86 px²"
  // after "drop the tiny ones"; never a setting the tool chose otherwise)
  for (const [key, declared] of Object.entries(results)) {
    if (!declared.setting || changed.includes(key) || declared.unit === undefined || !(declared.changedBy ?? []).some((k) => changed.includes(k))) continue;
    const was = before.values?.[key];
    const now = after.values?.[key];
    if (typeof was !== 'number' || typeof now !== 'number' || was === now || !Number.isFinite(was) || !Number.isFinite(now)) continue;
    out.push({ name: key, about: declared.about, unit: declared.unit, before: was, after: now, setting: true });
  }
  for (const [key, declared] of Object.entries(results)) {
    if (declared.setting || changed.includes(key) || declared.unit === undefined) continue;
    const was = before.values?.[key];
    const now = after.values?.[key];
    if (typeof was !== 'number' || typeof now !== 'number' || !Number.isFinite(was) || !Number.isFinite(now)) continue;
    // (each run's value in the unit it reported: a calibration set between the runs turns px/frame into µm/min)
    const unit = resultUnit(results, key, after.values ?? {}) ?? declared.unit;
    const unitBefore = resultUnit(results, key, before.values ?? {}) ?? declared.unit;
    out.push({ name: key, about: declared.about, unit, before: was, after: now, ...(unitBefore !== unit ? { unitBefore } : {}) });
  }
  return out;
}
