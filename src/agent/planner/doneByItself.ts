// Operations a step always does as part of its own work ("fill holes" of a threshold segmentation), asked for by name:
// the line that would name them as not done ("I have no tool to fill ...", "... is not something cellpilot does") is
// the line the step's tool declares instead (its `alwaysDoes`), so the answer says they were applied. The operations and
// their lines live in each tool's own file; this reads them.
import { selfOf, type Catalogue } from './catalogue.ts';
import type { Plan } from './types.ts';
import { meaning, tokenize } from './words.ts';

/** A line that names something asked as not done. */
const NOT_DONE_LINE = /\bnothing was done\b|\bnot applied\b|\bno tool (?:to|for)\b/i;

export function withOperationsDoneByItself(plan: Plan, catalogue: Catalogue): Plan {
  if (!plan.notes?.length || !plan.steps.length) return plan;
  const declared = [...new Set(plan.steps.map((s) => s.tool))].flatMap((tool) => Object.entries(selfOf(tool, catalogue)?.alwaysDoes ?? {}));
  if (!declared.length) return plan;
  const names = (text: string, operation: string) => {
    const said = new Set(tokenize(text).map((t) => meaning(t.stem)));
    return tokenize(operation).every((t) => said.has(meaning(t.stem)));
  };
  const notes = plan.notes.flatMap((note) => {
    if (!NOT_DONE_LINE.test(note)) return [note];
    const quoted = note.match(/"[^"]+"/g) ?? [];
    // ("fill holes" and "order a pizza" are not ...: the line keeps the other things asked, the operation is said as applied)
    if (quoted.length > 1) {
      const done = declared.find(([operation]) => quoted.some((q) => names(q, operation)));
      if (!done) return [note];
      const left = quoted.filter((q) => !names(q, done[0]));
      if (!left.length) return [done[1]];
      const rest = note.replace(quoted.join(' and '), left.join(' and ')).replace(/\bare not\b/, left.length === 1 ? 'is not' : 'are not').replace(/\bfor them\b/, left.length === 1 ? 'for it' : 'for them');
      return rest === note ? [note, done[1]] : [done[1], rest];
    }
    const done = declared.find(([operation]) => names(note, operation));
    return [done ? done[1] : note];
  });
  return { ...plan, notes: [...new Set(notes)] };
}
