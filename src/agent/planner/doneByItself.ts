// Operations a step always does as part of its own work ("fill holes" of a threshold segmentation), asked for by name:
// the line that would name them as not done ("I have no tool to fill ...", "... is not something cellpilot does") is
// the line the step's tool declares instead (its `alwaysDoes`), so the answer says they were applied. The operations and
// their lines live in each tool's own file; this reads them.
import { selfOf, type Catalogue } from './catalogue.ts';
import type { Plan } from './types.ts';
import { meaning, tokenize } from './words.ts';

/** A line that names something asked as not done. */
const NOT_DONE_LINE = /\bnothing was done\b|\bnot applied\b|\bno tool (?:to|for)\b/i;

export function withOperationsDoneByItself(plan: Plan, catalogue: Catalogue, request = ''): Plan {
  if (!plan.steps.length) return plan;
  const declared = [...new Set(plan.steps.map((s) => s.tool))].flatMap((tool) => Object.entries(selfOf(tool, catalogue)?.alwaysDoes ?? {}));
  if (!declared.length) return plan;
  const names = (text: string, operation: string) => {
    const said = tokenize(text).map((t) => meaning(t.stem));
    return tokenize(operation).every((t) => said.some((w) => sameWord(w, meaning(t.stem))));
  };
  // (a line that quotes only some words of an operation the request names whole: "holes" of "fill holes")
  const onlyWordsOf = (quoted: string, operation: string) => {
    const own = tokenize(operation).map((t) => meaning(t.stem));
    const said = tokenize(quoted).filter((t) => !t.part);
    return said.length > 0 && said.every((t) => own.some((w) => sameWord(w, meaning(t.stem))));
  };
  // "segment, but don't fill holes", "without filling the holes": an operation the step always does, turned down, cannot be
  // left out (no argument does it): said in one line, never a silent "Done"
  const turnedDown = declared.flatMap(([operation, line]) => {
    const words = turnedDownWords(request, operation);
    return words ? [{ operation, line: `Not applied: "${words}": ${line.replace(/^Applied:\s*/, '').replace(/^`[^`]+`/, (tool) => `${tool} has no option to leave it out; it`)}` }] : [];
  });
  const asked = declared.filter(([operation]) => names(request, operation) && !turnedDown.some((d) => d.operation === operation));
  const isAbout = (quoted: string, operation: string) => names(quoted, operation) || onlyWordsOf(quoted.replace(/"/g, ''), operation);
  // (the lines that named a turned-down operation otherwise, as not done or as applied, give way to the one that says it cannot be left out)
  const notes = (plan.notes ?? []).filter((note) => !turnedDown.some((d) => names(note, d.operation) || (note.match(/"[^"]+"/g) ?? []).some((q) => onlyWordsOf(q.replace(/"/g, ''), d.operation)))).flatMap((note) => {
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
    const done = declared.find(([operation]) => names(note, operation)) ?? asked.find(([operation]) => quoted.length === 1 && isAbout(quoted[0], operation));
    return [done ? done[1] : note];
  });
  // (an operation asked that no line names yet is said as applied: "segment, fill holes and order a pizza")
  const unsaid = asked.filter(([, line]) => !notes.includes(line)).map(([, line]) => line);
  const all = [...new Set([...notes, ...unsaid, ...turnedDown.map((d) => d.line)])];
  return all.length || plan.notes ? { ...plan, notes: all } : plan;
}

/** The words that turn down an operation (a negation, then the operation's words within a few words, any form): "don't fill holes", "without filling the holes", "no hole filling". */
function turnedDownWords(request: string, operation: string): string | undefined {
  const wanted = tokenize(operation).map((t) => meaning(t.stem));
  const negation = /(?:\bw\/o|\b(?:don'?t|do not|never|no|not|without|skip(?:ping)?|omit(?:ting)?|avoid(?:ing)?))\s+/gi;
  for (const m of request.matchAll(negation)) {
    const after = request.slice(m.index! + m[0].length).split(/[,;.!?]|\b(?:and|but|then)\b/i)[0];
    const said = tokenize(after).filter((t) => !t.part).slice(0, 5);
    // (a form the light stemmer leaves apart counts: "filling" is "fil", "fill" itself)
    if (wanted.every((w) => said.some((t) => sameWord(meaning(t.stem), w)))) return `${m[0]}${after}`.trim();
  }
  return undefined;
}

/** One word in two forms the light stemmer leaves apart ("fill" and "filling" → "fil"): equal, or one the other with its last letter doubled. */
function sameWord(a: string, b: string): boolean {
  return a === b || (a.length >= 3 && b.length >= 3 && (a === b.slice(0, -1) || b === a.slice(0, -1)) && /(.)\1$/.test(a.length > b.length ? a : b));
}
