// A field of a multi-position recording named in an analysis request ("segment the nuclei in well B3", "count the cells in
// position 3", "in the treated wells"): a movie here is one field of view, so no step can pick a well or a position out of
// it. The words are named in one line with what ran, never dropped in silence (stop 48, lead).
import type { Catalogue } from './catalogue.ts';
import type { PlannedStep } from './types.ts';

/** "in well B3", "at position 3", "for site 2", "in the treated wells", "from the control wells". */
const FIELD_NAMED = /\b(?:in|at|for|from|of)\s+(?:the\s+)?(?:(?:wells?|positions?|pos\.?|sites?|tiles?|fields?\s+of\s+view|fovs?|xy\s*points?|series)\s*#?\s*(?:[A-P]\s*\d{1,2}|\d+)\b|(?:[\p{L}-]+\s+){1,2}wells\b)/iu;

/** The line naming a field picked that no step of the plan can pick, or undefined. */
export function fieldNamedLine(request: string, steps: readonly PlannedStep[], notes: readonly string[], catalogue: Catalogue): string | undefined {
  const said = FIELD_NAMED.exec(request);
  if (!said || steps.length === 0) return undefined;
  // (a step that takes a position, the microscope's, picks it)
  if (steps.some((s) => Object.keys(catalogue.get(s.tool)?.properties ?? {}).some((k) => /position/i.test(k)))) return undefined;
  const phrase = said[0].trim();
  // (named already, in part, by another line)
  if (notes.some((n) => phrase.split(/\s+/).some((w) => w.length > 3 && !/^(?:wells?|from|the)$/i.test(w) && n.includes(`"${w}`)))) return undefined;
  const tools = [...new Set(steps.map((s) => `\`${s.tool}\``))].join(', ');
  return `Not applied: "${phrase}" — a movie here is one field of view, with no wells or positions to pick from, so ${tools} ran on the whole movie; open that field's own file to analyse it alone.`;
}
