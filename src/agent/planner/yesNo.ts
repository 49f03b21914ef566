// Whether a question is answered yes or no ("is it 3D?", "are they moving in a preferred direction?", "any cells faster
// than 1 µm/min?"), not by a value ("what is ...") nor by one of two values ("8 or 16 bit?"). One reader for every answer
// that leads with "Yes:"/"No:" (recordingQuestions.ts, migrationDirection.ts); it imports nothing, so any module of the
// planner may use it without an import cycle. It reads the words as given: a caller with raw words passes them plain
// first where it can (recordingQuestions' isYesNoQuestion does, through tableAnswers' plainQuestion).

/** Openers said before the question's own first word ("so", "and", "ok", "hmm", "quick question"). */
const OPENERS = /^\W*(?:(?:so|and|but|ok(?:ay)?|now|hey|hi|hmm+|quick question)[,:\s]+)+/i;

/** A yes/no question, read from its words as given. */
export function isYesNoForm(text: string): boolean {
  const plain = text.trim().replace(OPENERS, '');
  // "can you tell me the pixel size?" asks for the value
  // "cell number going up?", "any cells faster than 1 µm/min?": no verb first, but a change or an existence asked
  const verbless = /\?\s*$/.test(plain) && !/^(?:what|which|how|when|where|who|whose|why)\b/i.test(plain) && (/^any\b/i.test(plain) || /\b(?:going (?:up|down)|goes (?:up|down)|increas\w*|decreas\w*|ris(?:e|es|ing)|fall\w*|dropp?\w*|grow\w*|shrink\w*|declin\w*|stable|steady|constant)\b/i.test(plain));
  if (/\byes or no\b|\(?y\/n\)?\s*\??\s*$/i.test(plain)) return true;
  // "is it 8 bit or 16 bit?", "did the number increase or decrease?": either/or, answered by the value
  const eitherOr = /\b\w+\s+or\s+(?!not\b)\w+/i.test(plain.replace(/\bor\s+(?:so|not)\b/gi, ''));
  if (verbless) return !eitherOr;
  if (!/^(?:is|are|was|were|does|do|did|has|have|had|can|could|will)\b/i.test(plain) || /^(?:can|could|would|will)\s+(?:you|u)\b/i.test(plain)) return false;
  return !eitherOr;
}
