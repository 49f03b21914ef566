// "redo it with 60" after "subtract the background, rolling ball 15": a step run again with one bare number, no setting
// named, when the person set exactly one number of that step before: the number is the new value of that setting (said
// in the answer). Before, the step ran again with nothing changed and the number was dropped in silence.
import type { Quantity } from './quantities.ts';

/** The setting a bare number changes, with a line saying so; undefined when the words hold more or other numbers. */
export function bareNumberSetting(quantities: Quantity[], setBefore: Record<string, unknown>, unitOf: (arg: string) => string | undefined): { arg: string; value: number; note: string } | undefined {
  if (quantities.length !== 1) return undefined;
  const [q] = quantities;
  const numeric = Object.entries(setBefore).filter(([, v]) => typeof v === 'number');
  if (numeric.length !== 1) return undefined;
  const [arg, was] = numeric[0];
  // (a unit said must be the setting's own: "60 px" for a radius in px, never "60 s" for it)
  const unit = unitOf(arg);
  if (q.unit !== '' && unit !== undefined && q.unit !== unit) return undefined;
  if (q.unit !== '' && unit === undefined) return undefined;
  return { arg, value: q.value, note: `Read ${q.value} as ${arg} (the one number set before, ${String(was)}); say the setting's name to change another.` };
}
