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
