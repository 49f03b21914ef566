// The run said to wait, as the subject of the verb rather than its object ("could the acquisition wait while I add the
// drug?", "can the time-lapse hold on a moment?", "let the movie sit idle for 10 min", "the imaging should take a break"):
// the running acquisition paused, never a question about the movie or its file (brief s53/M, issue 11). And a stop said
// with its own going on later ("stop it for now, I'll restart it after lunch", "halt imaging, we'll carry on at 3"): a
// pause, as a run stopped never goes on.
import { durationsIn } from './words.ts';

/** The run by its nouns: what a sentence can make wait. */
const RUN = String.raw`(?:the\s+|this\s+|our\s+|my\s+)?(?:acquisition|acquisitions|run|imaging|time[\s-]?lapse|movie|recording|experiment|mda|scope|microscope|it|things|everything)`;
/** A verb of waiting said of the run (its idle forms). */
const WAITS = String.raw`(?:wait|hold(?:\s+on|\s+off)?|pause|rest|sit(?:\s+(?:idle|still|tight|there))?|stay\s+(?:idle|paused|put|still)|idle|take\s+an?\s+(?:short\s+|quick\s+|brief\s+)?break|have\s+an?\s+(?:short\s+|quick\s+|brief\s+)?break|be\s+paused|be\s+put\s+on\s+hold|go\s+on\s+hold|stand\s+by)`;
/** "could the acquisition wait", "can the movie hold on", "the imaging should take a break", "let the time-lapse sit idle". */
const RUN_WAITS = new RegExp(
  String.raw`^(?:(?:please|pls|ok(?:ay)?|so|and|hang on|hold on|wait)[,\s]+)*(?:(?:can|could|would|will|should|shall|may|might)\s+${RUN}\s+(?:please\s+|just\s+)?${WAITS}|${RUN}\s+(?:can|could|should|must|needs? to|has to|will have to)\s+(?:just\s+)?${WAITS}|let\s+${RUN}\s+(?:just\s+)?${WAITS}|(?:delay|postpone|hold\s+back)\s+the\s+next\s+(?:time[\s-]?point|timepoint|frame|acquisition|image|round|cycle))\b`,
  'i',
);

/**
 * The sentence with the run's waiting said as the command "pause" ("could the acquisition wait while I add the drug?" →
 * "pause while I add the drug?"); the sentence as it is otherwise.
 */
export function runWaitsAsPause(sentence: string): string {
  const m = RUN_WAITS.exec(sentence.trim());
  return m ? `pause${sentence.trim().slice(m[0].length)}` : sentence;
}

/** The run going on later, said by the speaker: "I'll restart it after lunch", "we will resume at 3", "then carry on later". */
const GOES_ON_LATER = /\b(?:(?:i|we|you)(?:'ll|\s+will|\s+can|\s+could|\s+(?:want|plan|need)\s+to|'?m\s+going\s+to|'?re\s+going\s+to)\s+(?:then\s+)?(?:restart|resume|continue|carry\s+on|pick\s+(?:it\s+)?(?:up|back\s+up)|start\s+(?:it\s+|imaging\s+)?again|unpause|go\s+on)|(?:restart|resume|continue|carry\s+on|start\s+again)\s+(?:it\s+|imaging\s+)?(?:later|afterwards|after\s+(?:lunch|that|the\s+break)|in\s+a\s+(?:bit|while)|when\s+i'?m\s+back))\b(?!\s+with\b)/i;
/** A stop said to last only a while: "temporarily", "for the time being", "for the moment". */
const STOP_FOR_A_WHILE = /\b(?:temporarily|for\s+the\s+time\s+being|for\s+the\s+moment)\b/i;

/** A word of stopping, and words of a part of the plan (a stop of one is no stop of the run). */
const STOP_WORD = /\b(?:stop|halt|end|abort|cancel|kill|terminate|cease|quit)\b/i;
const PART_WORD = /\b(?:positions?|pos|fields?|sites?|channels?|lasers?|lights?|lamps?|stacks?|z|slices|planes|autofocus\w*|rules?|grid|tiles?)\b/i;

/**
 * The words as "pause" when they stop the whole run and say it goes on later, or lasts a while only ("stop it for now,
 * I'll restart it after lunch", "halt imaging temporarily"); the words as they are otherwise (a channel or a part named,
 * or no stop said).
 */
export function stopThatGoesOnAsPause(text: string, channelsNamed: number): string {
  if (!STOP_WORD.test(text) || channelsNamed > 0 || PART_WORD.test(text)) return text;
  const later = GOES_ON_LATER.exec(text);
  if (!later && !STOP_FOR_A_WHILE.test(text)) return text;
  // ("stop for now, we'll continue in 20 min": the span it goes on in is how long the pause lasts)
  const from = later ? later.index + later[0].length : 0;
  const span = durationsIn(text).find((d) => d.index >= from && /\b(?:in|after)\s+(?:another\s+|about\s+|around\s+)?$/i.test(text.slice(0, d.index)));
  return span ? `pause for ${span.seconds} s` : 'pause';
}
