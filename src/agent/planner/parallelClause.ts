// "plot the area as a histogram and the speed as a histogram", "export the tracks as CSV and the table as CSV": two parallel
// phrases joined by "and", the second with no verb of its own but the same choice of the step's tool said again (the same
// kind of figure, the same format) of another thing. Each phrase is a step of that tool, never one step that keeps the first
// thing and drops the second.
import type { Catalogue } from './catalogue.ts';
import { findEnumValue } from './enums.ts';

/**
 * The clause says a value of one of the tool's own choices (an enum argument) that the step before's clause says too, with
 * words of its own besides that value (a thing to draw or write): the same step again, of that other thing.
 */
export function repeatsAChoice(tool: string, before: string, clause: string, catalogue: Catalogue): boolean {
  const shared = sharedPhrases(before, clause);
  return Object.keys(catalogue.get(tool)?.properties ?? {}).some((arg) => {
    const said = findEnumValue(tool, arg, clause, catalogue);
    // (said again in the same words: "as a histogram ... as a histogram", not "an excel spreadsheet, one sheet per cell")
    return said !== undefined && said === findEnumValue(tool, arg, before, catalogue) && shared.some((p) => findEnumValue(tool, arg, p, catalogue) === said);
  });
}

/** The words and pairs of words both texts say ("histogram", "over time"). */
function sharedPhrases(a: string, b: string): string[] {
  const phrases = (t: string) => {
    const w = t.toLowerCase().match(/\p{L}{2,}/gu) ?? [];
    return new Set([...w, ...w.slice(1).map((x, i) => `${w[i]} ${x}`)]);
  };
  const inB = phrases(b);
  return [...phrases(a)].filter((p) => inB.has(p));
}
