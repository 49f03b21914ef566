// When one track starts and ends ("when does track 2 start?", "which frame does track 1
// first appear in?", "when is cell 3 last seen?"): the frames (and times) of its first and
// last spots, from a table of whole tracks (TrackMate's TRACK_START / TRACK_STOP, which are
// times in the table's time unit, or frame indices from 0 when the movie has no frame interval).
import type { Table } from '../../analysis/table.ts';
import { numberText } from './quantities.ts';
import { counted } from '../../../tools/counted.ts';

export type TrackEvent = 'start' | 'stop';

const STOPS = /\b(?:ends?|ended|ending|stop(?:s|ped|ping)?|finish(?:es|ed|ing)?|disappear\w*|vanish\w*|last seen|lost|dies?|died|terminat\w*|leaves?|left|exits?|exited)\b/i;
const STARTS = /\b(?:starts?|started|starting|begins?|began|beginning|appear\w*|first seen|born|emerg\w*|shows? up|showed up|enters?|entered|arrives?|arrived|comes? in|came in)\b/i;
const WHEN = /\bwhen\b|\b(?:which|what|at what)\s+(?:frame|time ?point|timepoint|time|point|moment)\b|\bat what point\b|\bhow (?:early|late)\b/i;

/** The end of one track a question asks about ("when does track 2 start?" → start), or undefined. */
export function trackEventOf(text: string, track: number | undefined): TrackEvent | undefined {
  if (track === undefined || !WHEN.test(text)) return undefined;
  // (the stop first: "when does track 1 end, having started in frame 2?" asks the end)
  const stop = STOPS.exec(text);
  const start = STARTS.exec(text);
  if (stop && (!start || stop.index < start.index)) return 'stop';
  return start ? 'start' : undefined;
}

/**
 * "Track 2 starts in frame 2 (1 min into the movie) and ends in frame 6 (5 min), 5 frames.":
 * from the first table with the track's TRACK_START and TRACK_STOP; undefined when none has it.
 * `timeUnit` is the unit the table's times are in (undefined or "frame" when in frames).
 */
export function trackSpanAnswer(track: number, event: TrackEvent, tables: { table: Table; timeUnit?: string; intervalInTimeUnit?: number }[]): string | undefined {
  for (const { table, timeUnit, intervalInTimeUnit } of tables) {
    if (!['TRACK_ID', 'TRACK_START', 'TRACK_STOP'].every((c) => table.columns.includes(c))) continue;
    const row = table.rows.find((r) => r.TRACK_ID === track);
    if (!row || typeof row.TRACK_START !== 'number' || typeof row.TRACK_STOP !== 'number') continue;
    const inFrames = !timeUnit || /^frames?$/.test(timeUnit);
    const frameOf = (v: number) => (inFrames ? Math.round(v) + 1 : intervalInTimeUnit ? Math.round(v / intervalInTimeUnit) + 1 : undefined);
    const at = (v: number) => {
      const frame = frameOf(v);
      const time = inFrames ? '' : `${numberText(v)} ${timeUnit} into the movie`;
      return frame === undefined ? `at ${time}` : `in frame ${frame}${time ? ` (${time})` : ''}`;
    };
    const first = at(row.TRACK_START);
    const last = at(row.TRACK_STOP);
    const spots = typeof row.NUMBER_SPOTS === 'number' ? `, seen in ${counted(row.NUMBER_SPOTS, 'frame')}` : '';
    return event === 'start'
      ? `Track ${track} starts ${first} and ends ${last}${spots} (frame 1 is the movie's first)`
      : `Track ${track} ends ${last}; it started ${first}${spots} (frame 1 is the movie's first)`;
  }
  return undefined;
}

/**
 * Tracks asked about by when they start or end, none named by its number (stop 41, helper A): "how many tracks start after
 * frame 1?", "what fraction of the cells disappear before the end?", "which track ends first?", "which cell appears last?".
 * `count`: those that start later than the first frame (or than the frame said) or end before the last; `which`: the
 * earliest or latest to start or end. The verb is said of the tracks, never a command ("end", "start" name no step here).
 */
export interface TrackEndsAsked {
  event: TrackEvent;
  kind: 'count' | 'which';
  /** `which`: the earliest or the latest to start or end. */
  order?: 'first' | 'last';
  /** `count`: the frame said ("after frame 5": 5); else the movie's first frame for a start, its last for an end. */
  frame?: number;
}

const THINGS = String.raw`(?:tracks?|trajector(?:y|ies)|tracklets?|cells?|nuclei|nucleus|objects?|ones|lineages?)`;
const ASKED_START = /\b(?:start(?:s|ed|ing)?|begin(?:s|ning)?|began|first\s+(?:seen|appear(?:s|ed)?|show(?:s|ed)?\s+up)|appear(?:s|ed)?|show(?:s|ed)?\s+up|emerg(?:e|es|ed))\b/i;
const ASKED_STOP = /\b(?:end(?:s|ed)?|stop(?:s|ped)?|finish(?:es|ed)?|disappear(?:s|ed)?|vanish(?:es|ed)?|last\s+seen|(?:get|gets|got)\s+lost|terminat(?:e|es|ed))\b/i;
/** What ends a track other than its time: a division ("end in a division") is the event's question, a border or the field another. */
const ENDS_OTHERWISE = /\b(?:divi(?:de|des|ded|sion|sions)|mitos[ie]s|split|border|edge|field|view|frame\s+of\s+view)\b/i;
/** A start later than the first frame, or an end before the last ("partway through", "before the end", "early"). */
const LATE_START = /\bafter\s+(?:the\s+)?(?:first\s+(?:frame|time ?point|timepoint)|start|beginning)\b|\b(?:part[\s-]?way|midway|mid-?way|half[\s-]?way)(?:\s+through)?\b|\blater?\b(?!\s+than)|\bnot\s+(?:in|at)\s+(?:the\s+)?(?:first\s+frame|start|beginning)\b|\bduring\s+the\s+(?:movie|recording|film|time-?lapse)\b/i;
const EARLY_STOP = /\bbefore\s+(?:the\s+)?(?:last\s+(?:frame|time ?point|timepoint)|end|final\s+frame)\b|\b(?:early|prematurely|too\s+soon)\b|\bnot\s+(?:in|at)\s+(?:the\s+)?(?:last\s+frame|end)\b/i;
const AFTER_FRAME = /\b(?:after|later\s+than|past|beyond)\s+(?:the\s+)?(?:frame|time ?point|timepoint)\s*#?(\d+)\b/i;
const BEFORE_FRAME = /\b(?:before|earlier\s+than|prior\s+to)\s+(?:the\s+)?(?:frame|time ?point|timepoint)\s*#?(\d+)\b/i;
const COUNTED = /\b(?:how\s+many|number\s+of|count|fraction|percent(?:age)?|per\s*cent|proportion|share)\b|%/i;
const WHICH = new RegExp(String.raw`\b(?:which|what)\s+(?:(?:one|\w+)\s+(?:of\s+(?:the|them|these|those)\s+)?)?${THINGS}?\b`, 'i');
const FIRST = /\b(?:first|earliest|soonest)\b/i;
const LAST = /\b(?:last|latest)\b/i;

/** The question asks about tracks by when they start or end, none by its number; undefined for anything else. */
export function trackEndsAsked(question: string): TrackEndsAsked | undefined {
  const q = question.toLowerCase();
  if (!new RegExp(String.raw`\b${THINGS}\b`, 'i').test(q) || /\b(?:track|trajectory|cell|nucleus|object|label)\s*(?:number\s*|no\.?\s*|#\s*)?\d+\b/i.test(q)) return undefined;
  if (ENDS_OTHERWISE.test(q)) return undefined;
  const stop = ASKED_STOP.exec(q);
  const start = ASKED_START.exec(q);
  if (!stop && !start) return undefined;
  const event: TrackEvent = stop && (!start || stop.index < start.index) ? 'stop' : 'start';
  const verb = (event === 'stop' ? stop : start)!;
  const after = q.slice(verb.index + verb[0].length);
  if (COUNTED.test(q.slice(0, verb.index))) {
    const said = (event === 'start' ? AFTER_FRAME : BEFORE_FRAME).exec(after);
    if (said) return { event, kind: 'count', frame: Number(said[1]) };
    return (event === 'start' ? LATE_START : EARLY_STOP).test(after) ? { event, kind: 'count' } : undefined;
  }
  // ("which track ends first?", "which cell appears last?": the order word after the verb)
  if (WHICH.test(q.slice(0, verb.index)) && !/\bframe\b/i.test(q.slice(0, verb.index))) {
    const order = FIRST.test(after) ? 'first' : LAST.test(after) ? 'last' : undefined;
    return order ? { event, kind: 'which', order } : undefined;
  }
  return undefined;
}

/**
 * The tracks counted or picked by when they start or end, from a table of whole tracks (TRACK_START / TRACK_STOP in
 * frames from 0 or in the table's time unit): "3 of 8 tracks start after frame 1 (in frames 2-5); 5 start in frame 1".
 */
export function trackEndsAnswer(asked: TrackEndsAsked, share: boolean, tables: { table: Table; id: string; timeUnit?: string; intervalInTimeUnit?: number }[]): string | undefined {
  for (const { table, id, timeUnit: told, intervalInTimeUnit } of tables) {
    if (!['TRACK_ID', 'TRACK_START', 'TRACK_STOP'].every((c) => table.columns.includes(c))) continue;
    const rows = table.rows.filter((r) => typeof r.TRACK_START === 'number' && typeof r.TRACK_STOP === 'number');
    if (rows.length === 0) continue;
    const timeUnit = told ?? table.units?.TRACK_START;
    const inFrames = !timeUnit || /^frames?$/.test(timeUnit);
    const frameOf = (v: number) => (inFrames ? Math.round(v) + 1 : intervalInTimeUnit ? Math.round(v / intervalInTimeUnit) + 1 : undefined);
    const at = (v: number) => {
      const frame = frameOf(v);
      return frame === undefined ? `at ${numberText(v)} ${timeUnit}` : `in frame ${frame}${inFrames ? '' : ` (${numberText(v)} ${timeUnit})`}`;
    };
    const key = asked.event === 'start' ? 'TRACK_START' : 'TRACK_STOP';
    const value = (r: (typeof rows)[number]) => r[key] as number;
    const starts = asked.event === 'start';
    const verb = starts ? 'start' : 'end';
    if (asked.kind === 'which') {
      const pick = asked.order === 'first' ? Math.min(...rows.map(value)) : Math.max(...rows.map(value));
      const ids = rows.filter((r) => value(r) === pick).map((r) => r.TRACK_ID);
      const other = asked.order === 'first' ? Math.max(...rows.map(value)) : Math.min(...rows.map(value));
      if (pick === other) return `All ${rows.length} tracks ${verb} ${at(pick)}: none ${verb}s ${asked.order === 'first' ? 'earlier' : 'later'} than the others (from ${id}; frame 1 is the movie's first)`;
      const named = ids.length === 1 ? `Track ${ids[0]} ${verb}s` : `${ids.length} tracks ${verb} together (${ids.slice(0, 6).join(', ')}${ids.length > 6 ? ' ...' : ''})`;
      return `${named} ${asked.order === 'first' ? 'first' : 'last'}, ${at(pick)}; the ${asked.order === 'first' ? 'latest' : 'earliest'} ${verb}s ${at(other)} (${rows.length} tracks, from ${id}; frame 1 is the movie's first)`;
    }
    // (a frame said is a frame from 1; else the first frame any track starts in, or the last any ends in)
    const edge = starts ? Math.min(...rows.map((r) => r.TRACK_START as number)) : Math.max(...rows.map((r) => r.TRACK_STOP as number));
    const edgeFrame = frameOf(edge);
    const limitFrame = asked.frame ?? edgeFrame;
    if (limitFrame === undefined) continue;
    const frame = (r: (typeof rows)[number]) => frameOf(value(r))!;
    const kept = rows.filter((r) => (starts ? frame(r) > limitFrame : frame(r) < limitFrame));
    const where = asked.frame !== undefined ? `${starts ? 'after' : 'before'} frame ${limitFrame}` : starts ? `after frame ${limitFrame}, the first` : `before frame ${limitFrame}, the last any reaches`;
    const framesOf = [...new Set(kept.map(frame))].sort((a, b) => a - b);
    const inFramesSaid = framesOf.length === 0 ? '' : framesOf.length <= 6 ? ` (in frame${framesOf.length > 1 ? 's' : ''} ${framesOf.join(', ')})` : ` (in frames ${framesOf[0]}-${framesOf.at(-1)})`;
    const percent = share ? ` (${numberText(Math.round((kept.length / rows.length) * 1000) / 10)}%)` : '';
    return `${kept.length} of ${rows.length} tracks ${verb} ${where}${inFramesSaid}${percent}; ${rows.length - kept.length} ${starts ? `start in frame ${limitFrame} or before` : `end in frame ${limitFrame} or later`} (from ${id}; frame 1 is the movie's first)`;
  }
  return undefined;
}
