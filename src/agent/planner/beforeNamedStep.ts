// "track the nuclei, but prior to tracking subtract the background", "segment them; before segmenting, denoise": a step said
// after "before <doing another step>" runs ahead of that step, wherever that step was said earlier in the sentence (stop 51,
// helper D). The step named by the gerund is found by the tools' own words (the matcher), never by a list here.
import type { Clause } from './clauses.ts';

/** "before tracking", "prior to segmenting the nuclei", "ahead of measuring": the gerund after a word of order. */
const BEFORE_DOING = /^(?:,\s*)?(?:(?:but|and|so|then)\s+)?(?:just\s+|right\s+)?(?:before|prior\s+to|ahead\s+of)\s+([\p{L}-]+ing)\b/iu;

/**
 * The order of the step clauses with each step said under "before <gerund>" (in its own clause, or the opener clause just
 * before it that holds no step) moved ahead of the earlier step of the tool the gerund names, in the same sentence.
 * `toolNamed` gives the tool a gerund names (undefined when none).
 */
export function withStepsAheadOfNamed(order: number[], picked: { clause: number; tool: string }[], clauses: Clause[], toolNamed: (gerund: string) => string | undefined): number[] {
  const out = [...order];
  const stepClauses = new Set(picked.map((p) => p.clause));
  for (const p of picked) {
    const clause = clauses[p.clause];
    const opener = clauses[p.clause - 1];
    const own = BEFORE_DOING.exec(clause.text);
    const byOpener = !own && opener && !stepClauses.has(p.clause - 1) && opener.sentence === clause.sentence ? BEFORE_DOING.exec(opener.text) : null;
    const gerund = (own ?? byOpener)?.[1];
    if (!gerund) continue;
    const named = toolNamed(gerund);
    if (!named || named === p.tool) continue;
    const target = picked.find((q) => q.tool === named && q.clause !== p.clause && clauses[q.clause].sentence === clause.sentence);
    if (!target) continue;
    const from = out.indexOf(p.clause);
    const to = out.indexOf(target.clause);
    if (from < 0 || to < 0 || from < to) continue;
    out.splice(from, 1);
    out.splice(to, 0, p.clause);
  }
  return out;
}
