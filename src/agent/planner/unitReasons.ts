// "why are the speeds in px/frame and not microns?", "why is the area in pixels?", "how come the times are in frames?":
// a question about the units of the results is answered from the calibration the session knows (a pixel size and a
// frame interval, from the file's header or told), never by explaining a step's other choices, and nothing is run.
import type { Conversation } from './conversation.ts';
import { knownFrameIntervalS, knownPixelSizeUm } from './tableAnswers.ts';

/** Words that name a unit of length, area, time or speed, or the calibration itself. */
const UNIT_WORDS = /(?:^|[\s(/])(?:px|pixels?|µm|μm|um|microns?|micrometres?|micrometers?|mm|nm|px\/frame|µm\/min|units?|calibrat\w*|per frame|frames?|seconds?|minutes?|mins?|hours?)(?=$|[\s)/?.,!²2^])/i;
/** A question asking why, or how come. */
const WHY = /\b(?:why|how come|what makes)\b/i;

/** Whether a question asks why the results are in the units they are in. */
export function asksWhyTheseUnits(question: string): boolean {
  return WHY.test(question) && UNIT_WORDS.test(question) && /\b(?:in|as|not|instead|units?|calibrat\w*)\b/i.test(question);
}

/** The answer to a question about the results' units, from the calibration known; undefined when it asks none. */
export function whyTheseUnits(question: string, conversation: Conversation): string | undefined {
  if (!asksWhyTheseUnits(question)) return undefined;
  const pixelSizeUm = knownPixelSizeUm(conversation);
  const intervalS = knownFrameIntervalS(conversation);
  const lengths = pixelSizeUm
    ? `lengths and areas are in µm and µm² at ${pixelSizeUm} µm per pixel (the pixel size known for this movie)`
    : 'lengths and areas are in px and px² because no pixel size is known: the file\'s header has none and none was told in this session';
  const times = intervalS
    ? `times are in s or min at ${intervalS} s per frame (the frame interval known for this movie)`
    : 'times are in frames (speeds in px or µm per frame) because no frame interval is known: the header has none and none was told';
  const tell = !pixelSizeUm || !intervalS ? ` Tell me the calibration (for example "the pixel size is 0.65 µm and frames are 5 min apart") and I will give ${!pixelSizeUm ? 'µm' : ''}${!pixelSizeUm && !intervalS ? ' and ' : ''}${!intervalS ? 'minutes' : ''} without re-running anything.` : '';
  return `I ran nothing. The ${lengths}; ${times}.${tell}`;
}
