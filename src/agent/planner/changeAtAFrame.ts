// A change asked about one frame of the movie (stop 50, helper D): "do the cells slow down after drug addition at frame
// 25?", "did the nuclei get smaller after treatment at frame 15?", "how many nuclei before frame 10 compared with after
// it?". The frame is when something happened in the experiment, the moment the movie is split at: the question compares
// the frames before it with the frames from it on, never asks about that one frame (or only the frames after it) alone.
import type { FrameStretch } from './tableAnswers.ts';

/** A change or a difference asked: a verb of change, a comparative, or a comparison word. */
const CHANGE = /\b(?:slow(?:s|ed|ing)?\s+down|speed(?:s|ed|ing)?\s+up|slow(?:er|ing)|fast(?:er)|quicker|shr[iau]nk\w*|grow(?:s|n|ing)?|grew|bigger|larger|smaller|brighter|dimmer|fainter|higher|lower|more|less|fewer|increas\w*|decreas\w*|drop(?:s|ped|ping)?|ris(?:e|es|ing)|rose|fall(?:s|ing)?|fell|chang\w*|differ\w*|respond\w*|react\w*|affect\w*|effect|compar\w*|vs\.?|versus)\b/i;
/** Before or after a moment. */
const SIDE = /\b(?:after(?:wards)?|following|since|once|post|before|prior\s+to|pre)\b/i;
const FRAME = String.raw`(?:frame|time ?point|timepoint)\s*#?(\d+)\b`;
/** Every frame said by its number ("frame 25", "at timepoint 10"); a range or a second frame is no split. */
const ONE_FRAME = new RegExp(FRAME, 'gi');
const A_RANGE = new RegExp(String.raw`${FRAME}\s*(?:-|–|to|through|until|and|&|,|or|vs\.?)\s*(?:frame\s*)?\d`, 'i');

/**
 * The two stretches compared when a question asks a change before or after one frame: the frames before it against the
 * frames from it on ("at frame 25": the event's own frame is after it) or after it ("after frame 25"). Undefined when no
 * change is asked, no side is said, or more than one frame is named.
 */
export function changeAtAFrame(text: string): [FrameStretch, FrameStretch] | undefined {
  if (!CHANGE.test(text) || !SIDE.test(text) || A_RANGE.test(text)) return undefined;
  const frames = [...text.matchAll(ONE_FRAME)];
  if (frames.length !== 1) return undefined;
  const at = Number(frames[0][1]);
  if (at < 2) return undefined;
  // ("after drug addition at frame 25": the frame the event happened at begins the after; "after frame 25": the frames past it)
  const from = /\b(?:at|in|on|from)\s+$/i.test(text.slice(0, frames[0].index)) ? at : at + 1;
  return [{ first: at - 1 }, { from, to: Infinity }];
}
