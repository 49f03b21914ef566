// One moment of the movie said in other words than "frame N": its time index ("at t=10"), its place in order ("the
// 10th frame", "the tenth time point"), the middle of the movie ("halfway through"), or a time into the movie with the
// frame interval known ("at 30 min": frame 1 is at time 0). The step that measures runs on that one frame, as the
// question's reader (tableAnswers.ts readQuestion) reads the same words, so the value the step reports answers it.
import { findQuantities, seconds } from './quantities.ts';

type FrameRange = { first: number; last: number };

export interface FrameMoment {
  /** The words as said. */
  said: string;
  /** The one frame meant, when it can be worked out (the middle needs the movie's length, a time the interval). */
  range?: FrameRange;
  /** Said in time ("at 30 min"): its frame needs the frame interval. */
  inTime?: boolean;
}

const FRAME_NOUN = String.raw`(?:frame|time ?point|timepoint)`;
/** Ordinal words a person spells out (the closed class "second" .. "twentieth"; "first" and "last" are the movie's ends, read elsewhere). */
const ORDINAL_WORDS = ['second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth'];
/** A frame by its time index, as Fiji and napari write it: "t=10", "t = 10", never a time with its unit ("t = 2 min") nor an end of a range ("t=5 to t=20"). */
const TIME_INDEX = /(?<!\b(?:to|and|through|until|till|between|from)\s*|[-–]\s*)\bt\s*=\s*(\d+)\b(?![.,]\d)(?!\s*(?:s|sec|secs|seconds?|min|mins|minutes?|h|hrs?|hours?|ms)\b)(?!\s*(?:-|–|to|through|until|till|and)\s*t?\s*=?\s*\d)/i;
/** "the 10th frame", "the tenth time point": one frame by its place, never "every 2nd frame" nor "from the 5th frame on". */
const ORDINAL_FRAME = new RegExp(String.raw`(?<!\b(?:every|each|from|since|starting\s+(?:at|from|with)|beginning\s+(?:at|with))\s+(?:the\s+)?(?:other\s+)?)\b(?:the\s+)?(?:(\d{1,5})(?:st|nd|rd|th)|(${ORDINAL_WORDS.join('|')}))\s+${FRAME_NOUN}\b(?!s)(?!\s*(?:on(?:wards?)?\b|to\s+the\s+end|-|–|to\b|through\b|until\b))`, 'i');
/** "halfway through", "midway into the movie", "in the middle of the recording": the frame halfway through the movie. */
const HALFWAY = /\b(?:half-?way|mid-?way)(?:\s+(?:through|into|in|along))?(?:\s+(?:the|this|my)\s+(?:movie|recording|time-?lapse|video|experiment|acquisition|run|sequence|stack))?\b|\b(?:in\s+|at\s+)?the\s+middle\s+of\s+(?:the|this|my)\s+(?:movie|recording|time-?lapse|video|experiment|acquisition|run|sequence|stack)\b/i;
/** Words before a time that make it a moment of the movie ("at 30 min", "around 2 h"), not a span or an interval. */
const MOMENT_BEFORE = /\b(?:at|around|about)\s*(?:the\s+)?$|\bt\s*=\s*$/i;

/** The one frame a text names by a moment, with the movie's length and frame interval where they are known. */
export function momentSaid(text: string, frameCount?: number, intervalS?: number): FrameMoment | undefined {
  const index = TIME_INDEX.exec(text);
  if (index) return oneFrame(index[0], Number(index[1]), frameCount);
  const ordinal = ORDINAL_FRAME.exec(text);
  if (ordinal) return oneFrame(ordinal[0], ordinal[1] !== undefined ? Number(ordinal[1]) : ORDINAL_WORDS.indexOf(ordinal[2].toLowerCase()) + 2, frameCount);
  const half = HALFWAY.exec(text);
  if (half) return { said: half[0], range: frameCount !== undefined && frameCount >= 1 ? single(Math.ceil(frameCount / 2)) : undefined };
  return timeMoment(text, frameCount, intervalS);
}

/** "at 30 min" with 5 min between frames: frame 7 (frame 1 at time 0), the frame nearest to that time. */
function timeMoment(text: string, frameCount?: number, intervalS?: number): FrameMoment | undefined {
  for (const q of findQuantities(text)) {
    if (q.kind !== 'time' || q.unit === 'ms' || !MOMENT_BEFORE.test(q.before)) continue;
    // ("at 5 min intervals", "at 2 min per frame": the interval itself, never a moment)
    if (/^\s*(?:intervals?|apart|per\b|each\b|every\b|\/)/i.test(q.after)) continue;
    const said = `${/\S+\s*$/.exec(q.before)?.[0] ?? ''}${text.slice(q.start, q.end)}`.trim();
    if (!intervalS) return { said, inTime: true };
    const frame = Math.round(seconds(q) / intervalS) + 1;
    return { said, range: frameCount === undefined || frame <= frameCount ? single(frame) : undefined, inTime: true };
  }
  return undefined;
}

function oneFrame(said: string, n: number, frameCount?: number): FrameMoment {
  return { said, range: n >= 1 && (frameCount === undefined || n <= frameCount) ? single(n) : undefined };
}

const single = (n: number): FrameRange => ({ first: n, last: n });
