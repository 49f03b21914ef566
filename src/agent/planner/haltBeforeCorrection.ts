// "stop, that's wrong - I meant the DAPI exposure", "wait, before that correct the drift", "hold on, no, the other
// channel": a word that halts the talk, said before a correction of the turn before or before a step to put first, is
// no command of its own. Read as one, "stop" stopped the whole acquisition and "wait" paused it, next to the correction.
// A halt said alone, or before anything else ("stop, that's enough", "wait 5 minutes, then image"), keeps its words.

/** Words that halt the talk at the start of a turn; "stop" may also be the command itself ("stop - not the whole thing, only DAPI"). */
const HALT = String.raw`(?:wait|hold\s+on|hang\s+on|no\s+wait|wait\s+no|whoa|woah)`;
/** What a correction of the turn before opens with: it was wrong, or something else was meant. */
const WRONG = String.raw`(?:that'?s\s+(?:wrong|not\s+(?:it|right|what\s+i\s+(?:asked|meant|wanted|said)))|(?:that|it)\s+(?:was|is)\s+(?:wrong|a\s+mistake|not\s+(?:it|right|what\s+i\s+(?:asked|meant|wanted|said)))|wrong\b|i\s+meant?\b|i\s+(?:wanted|asked\s+for)\b|sorry\b|oops\b|my\s+bad\b)`;
/** After a pause word, also a plain "no", "not that", or a step to put before the work done. */
const CORRECTION = String.raw`(?:${WRONG}|not\s+(?:that|this|the)\b|no\b|nope\b|(?:before|prior\s+to)\s+(?:that|this|it|doing\s+that)\b|first\b)`;
const OPENING = new RegExp(String.raw`^\s*(?:${HALT}\s*(?:[,.!;:]+|\s[-–—]+)\s*(?=${CORRECTION})|stop\s*(?:[,.!;:]+|\s[-–—]+)\s*(?=${WRONG}))`, 'i');

/** The turn without a halting word said before a correction or a step to put first. */
export function withoutHaltBeforeCorrection(text: string): string {
  return text.replace(OPENING, '');
}
