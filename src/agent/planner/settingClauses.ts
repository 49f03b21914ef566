// A clause that only states a setting ("with a drift of 7 pixels, simulate ...", "set the upsample factor to 7 and
// correct the drift"): its argument's words may be another tool's telling words ("drift", "upsample"), but it asks for
// no step of its own. When a step asked in another clause takes that number by those words, the clause is that
// step's setting, not a step: its mention is dropped, and the number goes to the step (by its clause, or read from
// the words no step took).
import type { Catalogue } from './catalogue.ts';
import { statedNumbers } from './arguments.ts';

interface Mention { tool: string; start: number; end: number; order: number }

/** "with a sigma of 7 px", "set the patch distance to 5 pixels", "using an upsample factor of 20": the setting's words (group 1) and number. */
// ("but with max distance 8": no article and no "of" before the number, as people write it in a hurry)
export const SETTING_ALONE = /^[\s,;:]*(?:(?:and|then|also|but)\s+)?(?:(?:with|using)\s+(?:a|an|the)\s+|set(?:ting)?\s+(?:the\s+)?|(?:with|using)\s+(?=[\p{L}][\p{L}\s-]*?\s+=?\s*\d))([\p{L}][\p{L}\s-]*?)\s+(?:(?:of|to|=|at|as)\s+(?:\d+(?:[.,]\d+)?|[a-z]+)|=?\s*\d+(?:[.,]\d+)?)\s*(?:[\p{L}µ%/]+)?\s*[,;.]?\s*$/iu;

/** "max area 500", "maxArea=500 sigma 2": names each followed by its number, nothing else (lab shorthand, spelled out). */
const NAMED_NUMBERS = /^\s*(?:(?:and\s+)?[\p{L}][\p{L}\s-]*?\s*[=:]?\s*\d+(?:[.,]\d+)?\s*(?:px|pixels?|µm|um|s|sec|min|%)?\s*)+$/iu;

/** One setting of several after "use" or "with": "a sigma of 2 for smoothing", "min area of 30 px", "radius 5". */
const SETTING_PIECE = /^\s*(?:(?:a|an|the)\s+)?[\p{L}][\p{L}\s-]*?\s+(?:(?:of|to|=|at|as)\s+)?=?\s*\d+(?:[.,]\d+)?\s*(?:[\p{L}µ%/²]+)?(?:\s+(?:for|in|as)\s+(?:the\s+)?[\p{L}-]+(?:\s+[\p{L}-]+)?)?\s*$/iu;
/** "use a sigma of 2 for smoothing and min area of 30 px": settings said after a verb of using, joined by "and". */
const SETTINGS_USED = /^[\s,;:]*(?:(?:and|then|also|but|first|please)\s+)*(?:use|using|with|set|setting|apply|take)\s+(.+)$/i;

function usedSettings(part: string): boolean {
  const used = SETTINGS_USED.exec(part.replace(/[\s,;:]*(?:\b(?:then|and|and\s+then|after\s+that)\s*)?$/i, ''));
  // ("use the model on frame 3": a place or a scope before the number is no setting's name)
  const named = (piece: string) => !/\b(?:on|in|from|frames?|time ?points?|channels?|slices?|planes?)\b/i.test(piece.split(/\d/)[0]);
  return !!used && used[1].split(/\s+and\s+|\s*\+\s*/i).every((piece) => SETTING_PIECE.test(piece) && named(piece));
}

/** A clause that states settings and nothing else. */
function isSettingAlone(clause: string): boolean {
  return SETTING_ALONE.test(clause) || usedSettings(clause);
}

/** The parts of a text (between commas, semicolons and full stops) that each state a setting alone. */
export function settingsAlone(text: string): string[] {
  return text.split(/[,;]|\.(?:\s|$)/).filter((part) => /\p{L}/u.test(part) && (SETTING_ALONE.test(part) || NAMED_NUMBERS.test(part) || usedSettings(part)));
}

/** The mentions less those whose clause states a setting alone that a step asked in another clause takes. */
export function withoutSettingClauses<M extends Mention>(mentions: M[], text: string, catalogue: Catalogue): M[] {
  if (mentions.length < 2) return mentions;
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const clauseOf = (m: M) => text.slice(m.start, sorted.find((o) => o.start > m.start)?.start ?? text.length);
  // ("track them again but with max distance 8": the clause from its joining word, when the mention starts after "with")
  const joinedClauseOf = (m: M) => {
    const prevEnd = Math.max(0, ...sorted.filter((o) => o.end <= m.start).map((o) => o.end));
    const before = text.slice(prevEnd, m.start);
    const at = /(?:^|[,;]|\b(?:but|and|then)\b)(?:(?![,;]|\b(?:but|and|then)\b)[\s\S])*$/i.exec(before)?.index ?? 0;
    return text.slice(prevEnd + at, m.start) + clauseOf(m);
  };
  const dropped = new Set<M>();
  for (const m of sorted) {
    const clause = isSettingAlone(clauseOf(m)) ? clauseOf(m) : joinedClauseOf(m);
    if (!isSettingAlone(clause)) continue;
    // (a step asked in another clause whose schema takes the number by these words)
    // (or a step that runs an earlier one again with changes, "track them again, but with max distance 8": its changes are any tool's settings)
    const rerun = (tool: string) => 'changes' in (catalogue.get(tool)?.properties ?? {});
    const taker = sorted.find((o) => o !== m && !dropped.has(o) && o.tool !== m.tool && !isSettingAlone(clauseOf(o)) && (Object.keys(statedNumbers(o.tool, clause, catalogue)).length > 0 || (rerun(o.tool) && /\d/.test(clause))));
    if (taker) dropped.add(m);
  }
  return dropped.size ? mentions.filter((m) => !dropped.has(m)) : mentions;
}
