// The unit of a result value or argument: the one its tool declares, else the one its name ends
// with (objectRadiusPx, frameIntervalS), in the calibrated unit the step reported when it did.
import type { ToolSpec } from '../../tools/types.ts';

/** Units a result key or argument name can end with (objectRadiusPx, cellMotionPxPerFrame, fieldLostPercent, frameIntervalS), for a value its tool does not declare. */
const KEY_UNITS: [RegExp, string][] = [
  [/PxPerFrame$/, 'px/frame'],
  [/UmPerMin$/, 'µm/min'],
  [/Px2$/, 'px²'],
  [/Px$/, 'px'],
  [/Um2$/, 'µm²'],
  [/Um3$/, 'µm³'],
  [/Um$/, 'µm'],
  [/Nm$/, 'nm'],
  [/Percent$/, '%'],
  [/Frames$/, 'frames'],
  [/Ms$/, 'ms'],
  [/(?<=[a-z])S$/, 's'],
  [/Deg$/, '°'],
  [/Rad$/, 'rad'],
];

/** The unit a value's name ends with ("objectRadiusPx" → px, "frameIntervalS" → s); undefined when it names none. */
export function unitOfName(key: string): string | undefined {
  return KEY_UNITS.find(([suffix]) => suffix.test(key))?.[1];
}

/**
 * The unit of one result value as the step reported it: the tool's declared one, else the one
 * its key names at its end; undefined when neither says one (counts, ratios).
 */
export function valueUnit(tool: ToolSpec | undefined, key: string, values: Record<string, unknown>): string | undefined {
  return resultUnit(tool?.results ?? {}, key, values);
}

/** valueUnit from the tool's declared results alone (what a step's comparison has at hand). */
export function resultUnit(results: NonNullable<ToolSpec['results']>, key: string, values: Record<string, unknown>): string | undefined {
  const declared = results[key]?.unit;
  if (declared === undefined) return unitOfName(key);
  if (declared === '') return declared;
  // a key that names its unit (objectRadiusPx, maxLagFrames, cellMotionPxPerFrame) is in that unit whatever the calibration
  if (/(Px|Px2|Frames|Spots|PerFrame)$/.test(key)) return declared;
  const length = typeof values.lengthUnit === 'string' ? values.lengthUnit : undefined;
  const time = typeof values.timeUnit === 'string' ? values.timeUnit : undefined;
  if (typeof values.speedUnit === 'string' && /^px\/frames?$/.test(declared)) return values.speedUnit;
  let unit = declared;
  if (length) unit = unit.replace(/\bpx\b/g, length);
  if (time && time !== 'frame') unit = unit.replace(/\bframes?\b/g, time);
  return unit;
}
