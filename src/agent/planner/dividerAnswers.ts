// "the cell that divided first, how big was it before it split?", "for the first cell to divide, what was its area right
// before mitosis?", "the last nucleus to divide: its intensity beforehand?": a thing picked by when it divided (the mother
// of the earliest or latest division in the tracks' lineage) and a value of it asked before the division, answered from
// the table of objects that carries each object's track and branch: the mother's row in its last frame before the
// daughters appear. Nothing is run; the question is asked again of that track in that frame (tableAnswers).
import type { Conversation } from './conversation.ts';
import { divisionsOf } from './divisionTimes.ts';
import { answerFromTable, newestTracks, tablesOf } from './tableAnswers.ts';

const DIVIDE = String.raw`(?:divid\w*|split\w*|undergo(?:es)? mitosis|underwent mitosis|went into mitosis|enter(?:ed|s)? mitosis)`;
const THING = String.raw`(?:cell|nucleus|one|track|mother|object)`;
/** "the first cell to divide", "the earliest nucleus that split", "the cell that divided first", "whichever one split last". */
const PICKED_BY_DIVISION = new RegExp(
  String.raw`\b(?:the\s+|whichever\s+)?(?:(first|earliest|last|latest)\s+${THING}\s+(?:to|that|which)\s+${DIVIDE}|(?:${THING}\s+(?:that|which)|\bwhich\s+${THING})\s+${DIVIDE}\s+(first|earliest|last|latest))\b`,
  'i',
);
/** "before it split", "right before mitosis", "just prior to dividing", "beforehand": the frame before the daughters. */
const BEFORE = new RegExp(String.raw`\b(?:(?:right|just|immediately)\s+)?(?:before|prior to)\s+(?:it\s+|the\s+)?(?:${DIVIDE}|mitosis|the division|division)\b|\bbeforehand\b|\b(?:right|just)\s+before\b`, 'i');

/** The answer about the cell picked by its division, or undefined when the question picks none or no table has objects by branch. */
export function dividerAnswer(question: string, conversation: Conversation): string | undefined {
  const picked = PICKED_BY_DIVISION.exec(question);
  // (a value of the thing must be asked beside the pick: "which cell divided first, and when?" is the division's time, divisionTimes.ts)
  if (!picked || !/\b(?:its?|how|what)\b/i.test(question.replace(PICKED_BY_DIVISION, ' '))) return undefined;
  const lineage = newestTracks(conversation);
  if (!lineage) return undefined;
  const events = divisionsOf(lineage.tracks).sort((a, b) => a.t - b.t);
  if (events.length === 0) return `No cell divided in ${lineage.artifact.id}, so there is no ${(picked[1] ?? picked[2]).toLowerCase()} cell to divide to describe`;
  const latest = /^(?:last|latest)$/i.test(picked[1] ?? picked[2]);
  const e = latest ? events.at(-1)! : events[0];
  // the mother's own row in its last frame before the daughters (t is 0-based in the tables and the lineage)
  const objects = tablesOf(conversation).find(({ table }) => table.columns.includes('branch_id') && table.columns.includes('track_id') && table.columns.includes('t'));
  const rows = objects?.table.rows.filter((r) => Number(r.branch_id) === e.mother && typeof r.t === 'number' && r.t < e.t) ?? [];
  const before = rows.reduce<(typeof rows)[number] | undefined>((best, r) => (!best || (r.t as number) > (best.t as number) ? r : best), undefined);
  const which = `${latest ? 'the last' : 'the first'} division is branch ${e.mother} into ${e.daughters.join(' and ')}, the daughters first in frame ${e.t + 1}`;
  if (!before) return undefined;
  const track = Number(before.track_id);
  const frame = (before.t as number) + 1;
  // the rest of the question, asked of that track in that frame ("how big was it" → "how big was track 3 in frame 4")
  const rest = question
    .replace(PICKED_BY_DIVISION, `track ${track}`)
    .replace(BEFORE, `in frame ${frame}`)
    .replace(/\bits\b/gi, `track ${track}'s`)
    .replace(/\bit\b(?!['’]s)/gi, `track ${track}`)
    .replace(/^\s*(?:for|of)\s+(track \d+)\s*[,:;-]?\s*/i, '')
    .replace(/^\s*track \d+\s*(?:,\s*and\b)?\s*[,:;?–—-]\s*/i, '');
  const asked = /\bframe \d+\b/.test(rest) ? rest : `${rest.replace(/[?.!\s]+$/, '')} in frame ${frame}?`;
  const value = answerFromTable(asked, conversation);
  if (!value) return undefined;
  return `Track ${track} (branch ${e.mother}): ${which}; in frame ${frame}, its last before the split: ${value.charAt(0).toLowerCase()}${value.slice(1)}`;
}
