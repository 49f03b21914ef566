// "save the masks and the tracks", "export the tracks and the table": a writer's verb said once for two results. The clause
// after "and" has no verb of its own, only the noun of another result, so it is the same writing step again, on that result
// (stop 51, helper D). Which result a noun names is read from the tools' own words: the tool whose words it is, and the
// kind of result that tool makes (masks: segment, labels; tracks: track, tracks).
import { makerOf, producesOf, selfOf, type Catalogue, type InputType } from './catalogue.ts';
import type { ToolIndex } from './matcher.ts';

/** A clause of a noun phrase only: "and the tracks", ", the masks too", "and also all the measurements". */
const NOUN_PHRASE_ONLY = /^(?:,\s*)?(?:and\s+)?(?:also\s+)?(?:the|my|our|its|their|those|these|all(?:\s+the)?)\s+[\p{L}-]+(?:\s+[\p{L}-]+)?(?:\s+(?:too|as\s+well|also))?\s*[.!]?$/iu;

/** The kinds of result the words name, among those `writer` reads: each the kind made by a tool whose words they are. */
function resultsNamed(text: string, writer: string, index: ToolIndex, catalogue: Catalogue): Set<string> {
  const reads = new Set<string>(selfOf(writer, catalogue)?.consumes ?? []);
  const named = new Set<string>();
  for (const m of index.match(text)) {
    if (m.tool === writer || m.byArgument) continue;
    for (const type of producesOf(m.tool, catalogue)) if (reads.has(type) && type !== 'movie' && makerOf(type as InputType, catalogue) === m.tool) named.add(type);
  }
  return named;
}

/**
 * True when `clause` (after "and") is only a noun phrase naming a result of another kind than the one the writer's clause
 * before names: the writer runs again on it. A writer is a tool that reads three kinds of result or more and writes a file.
 */
export function namesAnotherResult(writerClause: string, clause: string, writer: string, index: ToolIndex, catalogue: Catalogue): boolean {
  if (!NOUN_PHRASE_ONLY.test(clause.trim())) return false;
  if ((selfOf(writer, catalogue)?.consumes ?? []).length < 3 || !('output' in (catalogue.get(writer)?.properties ?? {}))) return false;
  const before = resultsNamed(writerClause, writer, index, catalogue);
  const after = resultsNamed(clause, writer, index, catalogue);
  return before.size === 1 && after.size === 1 && [...after][0] !== [...before][0];
}
