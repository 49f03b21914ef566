// The unit of length a question asks its values in ("the velocity in nm/s", "displacement in nanometers", "area in
// mm²"): a value the session has in µm (or µm², µm/min) is said in that unit, the µm value beside it, instead of the
// µm a biologist did not ask for. A number just before the unit ("488 nm", "pixels of 120 nm") is a quantity told,
// never the unit asked.

export type LengthUnit = 'nm' | 'µm' | 'mm';

const ASKED: [RegExp, LengthUnit][] = [
  [/(?<![\d.]\s?)(?:\bnm(?:\^?[23])?\b|\bnanom[ei]t(?:er|re)s?\b)/i, 'nm'],
  [/(?<![\d.]\s?)(?:\bmm(?:\^?[23])?\b|\bmillim[ei]t(?:er|re)s?\b)/i, 'mm'],
];

/** The length unit other than µm a question asks values in; undefined when it asks none (or µm, the default). */
export function askedLengthUnit(text: string): LengthUnit | undefined {
  return ASKED.find(([words]) => words.test(text))?.[1];
}

/** µm per unit of each length. */
const UM_PER: Record<LengthUnit, number> = { nm: 0.001, µm: 1, mm: 1000 };

/**
 * A value whose unit is in µm (µm, µm², µm³, µm/min) said in the length unit asked: the value scaled by the power of
 * its length, the unit renamed; undefined when the unit has no µm or the unit asked is µm.
 */
export function inLengthUnit(value: number, unit: string, to: LengthUnit | undefined): { value: number; unit: string } | undefined {
  if (!to || to === 'µm') return undefined;
  const m = /(?:µm|μm)(²|\^?2|³|\^?3)?/.exec(unit);
  if (!m) return undefined;
  const power = !m[1] ? 1 : /2|²/.test(m[1]) ? 2 : 3;
  return { value: value / UM_PER[to] ** power, unit: unit.replace(m[0], `${to}${m[1] ?? ''}`) };
}
