// When cells divide, from the tracks' lineage: a mother branch ends where its daughters begin, so each division is
// the frame its daughters first appear in. Answers "when does the first division happen?", "how many divisions per
// frame?", "when do the cells divide?"; a count of objects per frame or a mean of split counts answers none of them.
import type { Tracks } from '../../analysis/tracks.ts';
import { divisionsFromTracks } from '../../analysis/divisions.ts';
import { counted } from '../../../tools/counted.ts';

const DIVISION_WORDS = String.raw`(?:divi(?:de|des|ded|ding|sions?)|split(?:s|ting)?|mitos[ie]s|mitotic|cytokinesis)`;
/** Which time of division a question asks: the first, the last, every one per frame, or when they happen. */
export type DivisionTime = 'first' | 'last' | 'perFrame' | 'when';

/** The time of division a question asks about, or undefined when it asks no time of them ("how many cells divide?" is a count). */
export function divisionTimeAsked(question: string): DivisionTime | undefined {
  const q = question.toLowerCase();
  if (!new RegExp(String.raw`\b${DIVISION_WORDS}\b`).test(q)) return undefined;
  const perFrame = new RegExp(String.raw`\b${DIVISION_WORDS}\b[^?.]*\b(?:per|each|every|by|in each|over)\s+(?:frame|time ?point|timepoint)s?\b|\b${DIVISION_WORDS}\b[^?.]*\bover time\b|\b(?:per|each|every)\s+(?:frame|time ?point)\b[^?.]*\b${DIVISION_WORDS}\b`).test(q);
  if (perFrame) return 'perFrame';
  const when = new RegExp(String.raw`\bwhen\b|\bat what (?:time|frame|point)\b|\b(?:which|what) (?:frame|time ?point|timepoint|time)\b|\bhow (?:early|late|soon)\b|\btiming\b`).test(q);
  if (!when) return undefined;
  if (/\bfirst\b|\bearliest\b/.test(q)) return 'first';
  if (/\blast\b|\blatest\b|\bfinal\b/.test(q)) return 'last';
  return 'when';
}

/** Each division: the mother branch, its daughters and the frame (0-based) the daughters start in (the lineage walk of divisions.ts). */
export function divisionsOf(tracks: Tracks): { mother: number; daughters: number[]; t: number }[] {
  return divisionsFromTracks(tracks).map(({ mother, daughters, t }) => ({ mother, daughters, t }));
}

/** "frame 4 (at 3 min)" when the frame interval is known. */
function frameText(t: number, frameIntervalS: number | undefined): string {
  if (!frameIntervalS) return `frame ${t + 1}`;
  const min = (t * frameIntervalS) / 60;
  return `frame ${t + 1} (at ${min >= 120 ? `${Math.round((min / 60) * 100) / 100} h` : `${Math.round(min * 100) / 100} min`})`;
}

/** The answer to a time of division from the tracks file `source`, with the frame interval when known. */
export function divisionTimesAnswer(asked: DivisionTime, tracks: Tracks, source: string, frameIntervalS?: number): string {
  const events = divisionsOf(tracks);
  if (events.length === 0) return `No divisions in ${source}: none of its ${counted(tracks.branches.length, 'branch', 'branches')} splits into daughters, so there is no time of division to give`;
  const said = (e: { mother: number; daughters: number[]; t: number }) => `${frameText(e.t, frameIntervalS)}: branch ${e.mother} into ${e.daughters.join(' and ')}`;
  if (asked === 'first' || asked === 'last') {
    const e = asked === 'first' ? events[0] : events.at(-1)!;
    return `The ${asked} division is in ${frameText(e.t, frameIntervalS)}, the first frame with the daughters (branch ${e.mother} into ${e.daughters.join(' and ')}); ${counted(events.length, 'division')} in all (from ${source})`;
  }
  const perFrame = new Map<number, number>();
  for (const e of events) perFrame.set(e.t, (perFrame.get(e.t) ?? 0) + 1);
  if (asked === 'perFrame') {
    const shown = [...perFrame.entries()].map(([t, n]) => `frame ${t + 1}: ${n}`).join(', ');
    return `Divisions per frame (the frame the daughters first appear in; frames not listed have none): ${shown}; ${counted(events.length, 'division')} over ${counted(tracks.frames, 'frame')} (from ${source})`;
  }
  const shown = events.slice(0, 12).map(said).join('; ');
  return `${counted(events.length, 'division')}, each in the first frame with its daughters: ${shown}${events.length > 12 ? '; ...' : ''} (from ${source})`;
}
