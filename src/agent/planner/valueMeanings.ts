// "What is this value?", "what does this number mean?", "what do those numbers stand for?" after an answer: the
// numbers the last step reported, each with what its tool declares it is and its unit, without running anything.
// With no step run before, the words ask nothing of a result and are read otherwise.
import type { ToolSpec } from '../../../tools/types.ts';
import { findTool } from '../allTools.ts';
import { valueUnit } from '../valueUnits.ts';
import type { PastResult } from './conversation.ts';
import { valueText } from './quantities.ts';

/** A value's word ("value", "number", "figure", "score", "count") or its meaning asked ("mean", "stand for"). */
const VALUE_WORD = String.raw`(?:values?|numbers?|figures?|scores?|counts?|results?|metrics?|quantit(?:y|ies)|readouts?)`;
const ASKS_MEANING = new RegExp(
  [
    // "what is this value", "what's that number?", "what are these numbers"
    String.raw`^[\s,;:.-]*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+|sorry,?\s+|hm+,?\s+)?what(?:\s+is|\s+are|'s|’s|s)\s+(?:this|that|these|those|the)\s+${VALUE_WORD}\b`,
    // "what does this number mean", "what does that mean?", "what do these values represent", "what does it stand for"
    String.raw`^[\s,;:.-]*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+|sorry,?\s+|hm+,?\s+)?what\s+(?:does|do|did)\s+(?:this|that|these|those|it|the)\s*(?:${VALUE_WORD}\s+)?(?:mean|stand\s+for|represent|measure|tell\s+me)\b`,
    // "explain this number", "meaning of that value?"
    String.raw`^[\s,;:.-]*(?:(?:can|could)\s+you\s+|please\s+)?(?:explain|meaning\s+of)\s+(?:this|that|these|those|the)\s+${VALUE_WORD}\b`,
  ].join('|'),
  'i',
);

/** True when the words ask what an answer's value means, not for a step. */
export function asksValueMeaning(text: string): boolean {
  return ASKS_MEANING.test(text.trim());
}

/** The numbers a result reported that its tool declares (with what each is), in the tool's order. */
function declaredNumbers(result: PastResult, tool: ToolSpec | undefined): [string, number][] {
  const declared = Object.keys(tool?.results ?? {});
  return declared.filter((k) => typeof result.values[k] === 'number' && Number.isFinite(result.values[k])).map((k) => [k, result.values[k] as number]);
}

/**
 * One line per number the latest step that reported declared numbers gave: its value and unit, what its tool says it
 * is. Undefined when the words ask no such thing or no step reported one.
 */
export function explainValues(text: string, earlier: PastResult[], toolOf: (name: string) => ToolSpec | undefined = findTool): string | undefined {
  if (!asksValueMeaning(text)) return undefined;
  const last = [...earlier].reverse().find((r) => r.ok && declaredNumbers(r, toolOf(r.tool)).length > 0);
  if (!last) return undefined;
  const tool = toolOf(last.tool);
  const lines = declaredNumbers(last, tool).map(([key, value]) => {
    const unit = valueUnit(tool, key, last.values);
    const about = tool?.results?.[key]?.about ?? key;
    const quoted = unit ? `${valueText(value)} ${unit}` : `${valueText(value)}`;
    const kind = unit === '' ? ' (a count, no unit)' : unit ? ` (in ${unit})` : '';
    return `${key} = ${quoted}: ${about}${kind}.`;
  });
  return [`These are the numbers \`${last.tool}\` reported (I ran nothing again):`, ...lines.map((l) => `- ${l}`)].join('\n');
}
