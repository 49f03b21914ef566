// "drop the blurry frames", "discard any noisy timepoints", "remove the out-of-focus planes": frames left out by what they
// look like (stop 49, helper C). The words between the verb and the frames say WHICH frames, so a tool's word among them
// ("blurry" of a blur, "noisy" of the denoiser, "drifting" of the drift correction) names no step: the clause is a
// restriction of the step beside it, which applies it or names it as not applied (no step here judges each frame's focus
// or quality), never a blur or a denoising nobody asked for. Frames left out by their place or number ("skip the first 3
// frames", "drop frames 1-5") are the frame scope's.

const LEAVE_OUT_VERB = String.raw`(?:drop|remov|discard|exclud|skip|ignor|omit|reject|toss|ditch|delet|disregard|throw\w*\s+(?:out|away)|leav\w*\s+out|get\s+rid\s+of|filter\w*\s+out|cut\s+out|take\s+out)\w*`;
const FRAME_NOUN = String.raw`(?:frames?|time[\s-]?points?|timepoints?|planes?|slices?|images?|stacks?|volumes?)`;
const FRAMES_BY_KIND = new RegExp(
  String.raw`^\W*(?:(?:and|then|but|please|pls|also|just|first|so|now)\s+)*${LEAVE_OUT_VERB}\s+(?:(?:the|any|all(?:\s+the)?|those|these|some|every)\s+)?((?:[\p{L}][\p{L}'-]*\s+){1,3})${FRAME_NOUN}\b(?!\s+(?:of|from|in|on)\b)`,
  'iu',
);
/** Words of which frames by their place or count: the frame scope's, not a kind. */
const PLACE_OR_COUNT = /^(?:first|last|initial|final|next|previous|other|odd|even|early|late|later|earlier|middle|remaining|extra|\d[\w-]*|one|two|three|four|five|six|seven|eight|nine|ten|few|couple|several|many|some|more|the|a|an|and|or)$/i;
/** A preposition ends the verb's object ("remove the flicker between frames": the flicker is removed, no frame left out). */
const PREPOSITION = /^(?:of|from|in|on|at|to|with|between|across|over|through|throughout|within|among|after|before|during|by|for|into|per|along|around|near|under|above|below|beyond|without|than)$/i;

/** The words saying which kind of frames the clause leaves out ("blurry", "out-of-focus"), or undefined. */
export function framesLeftOutByKind(clause: string): string | undefined {
  const m = FRAMES_BY_KIND.exec(clause);
  if (!m) return undefined;
  const kind = m[1].trim().split(/\s+/);
  if (kind.some((w) => PLACE_OR_COUNT.test(w) || PREPOSITION.test(w))) return undefined;
  return kind.join(' ');
}
