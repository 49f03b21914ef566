// When cells divide, from the tracks' lineage: a mother branch ends where its daughters begin, so each division is
// the frame its daughters first appear in. Answers "when does the first division happen?", "how many divisions per
// frame?", "when do the cells divide?"; a count of objects per frame or a mean of split counts answers none of them.
import type { Tracks } from '../../analysis/tracks.ts';
import { divisionsFromTracks } from '../../analysis/divisions.ts';
import { counted } from '../../../tools/counted.ts';

const DIVISION_WORDS = String.raw`(?:divi(?:de|des|ded|ding|sions?)|split(?:s|ting)?|mitos[ie]s|mitotic|cytokinesis)`;
/** Which time of division a question asks: the first, the last, every one per frame, when they happen, or the time from one to the next (the cell cycle). */
export type DivisionTime = 'first' | 'last' | 'perFrame' | 'when' | 'cycle';

/**
 * "how long is the cell cycle?", "inter-division time", "generation time", "time between two divisions", "how long do
 * the cells take to divide?", "how often do they divide?": a cell's birth to its own division.
 */
const CELL_CYCLE = new RegExp(
  String.raw`\bcell[- ]?cycles?\b|\binter-?\s?division\b|\b(?:generation|doubling)\s+times?\b|\b(?:time|frames|minutes|hours|long)\s+(?:from\s+one\s+division\s+to\s+the\s+next|between\s+(?:(?:two|successive|consecutive)\s+)?${DIVISION_WORDS})` +
    String.raw`|\bhow\s+(?:long|many\s+(?:frames|minutes|hours))\b[^?.!;]*?\b(?:take|takes|took|need|needs|wait)\s+(?:\w+\s+)?to\s+(?:re-?)?divide\b|\bhow\s+(?:often|frequently)\b[^?.!;]*?\bdivide\b`,
);

/** "how sure are you?", "how confident", "how certain is that", "with what confidence": the certainty of the events asked beside their time. */
export const CERTAINTY_ASKED = /\bhow\s+(?:sure|confident|certain|reliable|trustworthy)\b|\b(?:confidence|certainty|uncertainty|sure|certain)\b/i;

/** The time of division a question asks about, or undefined when it asks no time of them ("how many cells divide?" is a count). */
export function divisionTimeAsked(question: string): DivisionTime | undefined {
  const q = question.toLowerCase();
  if (CELL_CYCLE.test(q)) return 'cycle';
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

/** A span of frames as a time, in min, or in h from 2 h on ("36 min", "2.5 h"). */
function timeOfFrames(frames: number, frameIntervalS: number): string {
  const min = (frames * frameIntervalS) / 60;
  return min >= 120 ? `${Math.round((min / 60) * 100) / 100} h` : `${Math.round(min * 100) / 100} min`;
}

/** "frame 4 (at 3 min)" when the frame interval is known. */
function frameText(t: number, frameIntervalS: number | undefined): string {
  return frameIntervalS ? `frame ${t + 1} (at ${timeOfFrames(t, frameIntervalS)})` : `frame ${t + 1}`;
}

/** A number of frames as a time when the interval is known ("12 frames (36 min)"). */
function framesText(frames: number, frameIntervalS: number | undefined): string {
  const n = Math.round(frames * 100) / 100;
  return frameIntervalS ? `${n} frames (${timeOfFrames(frames, frameIntervalS)})` : `${n} frames`;
}

/**
 * The cell cycles the lineage holds: each branch born at a division (it has a mother) that divides itself, from the
 * frame it first appears in to the frame its own daughters first appear in. A branch seen from birth but not to its
 * division, or to its division but not from birth, holds no whole cycle and is left out (said in the answer).
 */
export function cellCycles(tracks: Tracks, events = divisionsOf(tracks)): { branch: number; frames: number }[] {
  const dividesAt = new Map(events.map((e) => [e.mother, e.t]));
  return tracks.branches.filter((b) => b.parent !== 0 && dividesAt.has(b.id)).map((b) => ({ branch: b.id, frames: dividesAt.get(b.id)! - b.start }));
}

function cellCycleAnswer(tracks: Tracks, source: string, frameIntervalS: number | undefined): string {
  const events = divisionsOf(tracks);
  const cycles = cellCycles(tracks, events);
  if (cycles.length === 0) {
    const why = events.length === 0 ? 'no branch divides' : `of the ${counted(events.length, 'division')}, none is of a cell seen from its own birth at an earlier division`;
    return `No whole cell cycle in ${source}: a cycle runs from a cell's birth at one division to its own division, and ${why} over ${counted(tracks.frames, 'frame')}, so there is no cycle length to give (a movie longer than one cycle is needed)`;
  }
  const lengths = cycles.map((c) => c.frames);
  const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
  const sd = lengths.length > 1 ? Math.sqrt(lengths.reduce((a, b) => a + (b - mean) ** 2, 0) / (lengths.length - 1)) : 0;
  const spread = lengths.length > 1 ? ` ± ${framesText(sd, frameIntervalS)} SD, ${framesText(Math.min(...lengths), frameIntervalS)} to ${framesText(Math.max(...lengths), frameIntervalS)}` : '';
  return `Cell cycle (birth at one division to the cell's own division): mean ${framesText(mean, frameIntervalS)}${spread}, over ${counted(cycles.length, 'whole cycle')} (branches ${cycles.slice(0, 8).map((c) => c.branch).join(', ')}${cycles.length > 8 ? ', ...' : ''}); cells not seen from birth to division are left out (from ${source})`;
}

/** The answer to a time of division from the tracks file `source`, with the frame interval when known. */
export function divisionTimesAnswer(asked: DivisionTime, tracks: Tracks, source: string, frameIntervalS?: number, certaintyAsked = false): string {
  if (asked === 'cycle') return cellCycleAnswer(tracks, source, frameIntervalS);
  const events = divisionsOf(tracks);
  if (events.length === 0) return `No divisions in ${source}: none of its ${counted(tracks.branches.length, 'branch', 'branches')} splits into daughters, so there is no time of division to give`;
  // ("and how sure are you?": each division's own confidence, its daughters' branch confidence, which the track step
  // scores from their links and, for a daughter, from the division's evidence; with the mean over all branches)
  const confidence = (e: { daughters: number[] }) => {
    const of = e.daughters.map((d) => tracks.branches.find((b) => b.id === d)?.confidence).filter((c): c is number => typeof c === 'number');
    return certaintyAsked ? (of.length ? `, confidence ${Math.min(...of)}` : ', no confidence recorded') : '';
  };
  const scored = tracks.branches.map((b) => b.confidence).filter((c): c is number => typeof c === 'number');
  const certainty = !certaintyAsked
    ? ''
    : scored.length
      ? `; confidence is the lower of the daughters' branch confidences (0 to 1: how well their links and the division's evidence, daughters alike, moving apart, the mother brightening, support them), mean branch confidence ${Math.round((scored.reduce((a, c) => a + c, 0) / scored.length) * 100) / 100} over ${counted(scored.length, 'branch', 'branches')}`
      : '; these tracks carry no confidence (the tracker that made them gives none), so how sure the divisions are cannot be said from them';
  const said = (e: { mother: number; daughters: number[]; t: number }) => `${frameText(e.t, frameIntervalS)}: branch ${e.mother} into ${e.daughters.join(' and ')}${confidence(e)}`;
  if (asked === 'first' || asked === 'last') {
    const e = asked === 'first' ? events[0] : events.at(-1)!;
    return `The ${asked} division is in ${frameText(e.t, frameIntervalS)}, the first frame with the daughters (branch ${e.mother} into ${e.daughters.join(' and ')}${confidence(e)}); ${counted(events.length, 'division')} in all${certainty} (from ${source})`;
  }
  const perFrame = new Map<number, number>();
  for (const e of events) perFrame.set(e.t, (perFrame.get(e.t) ?? 0) + 1);
  if (asked === 'perFrame') {
    const shown = [...perFrame.entries()].map(([t, n]) => `frame ${t + 1}: ${n}`).join(', ');
    return `Divisions per frame (the frame the daughters first appear in; frames not listed have none): ${shown}; ${counted(events.length, 'division')} over ${counted(tracks.frames, 'frame')}${certainty} (from ${source})`;
  }
  const shown = events.slice(0, 12).map(said).join('; ');
  return `${counted(events.length, 'division')}, each in the first frame with its daughters: ${shown}${events.length > 12 ? '; ...' : ''}${certainty} (from ${source})`;
}
