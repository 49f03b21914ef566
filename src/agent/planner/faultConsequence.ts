// "the images are super noisy, I can barely see anything": what the person can or cannot see, said beside a fault a tool
// declares it removes, is that fault's consequence, no request of its own ("barely see" is a contrast word of the
// background subtraction's); the fault's step runs.

/** The person saying what they can or cannot see, tell or find (a closed class of perception verbs). */
const PERCEIVING = /^\W*(?:(?:and|so|but)\s+)?(?:i|we)\s+(?:can(?:not|['’]t)?|could(?:n['’]t)?|am\s+not\s+able\s+to)\s+(?:\w+ly\s+)?(?:see|tell|make\s+out|spot|find)\b/i;

/** True when the clause says what the person can or cannot see. */
export function saysWhatIsSeen(clause: string): boolean {
  return PERCEIVING.test(clause);
}
