// Advice questions no note of ours answers ("when should I change the medium?", "what's a good
// fixative for this?", "how long can I keep them alive on the stage?"): the movie's data cannot
// tell, and the method notes the adviser reads (prompts/methods, the review's) cover none of it.
// They are answered honestly in one line as outside what cellpilot can tell, with what it can
// advise on; nothing runs (the adviser would only list its topics, another tool would answer
// something else). Advice a note covers ("should I correct the drift before tracking?") goes to
// the adviser as before.
import { loadNotes, searchNotes } from '../notes.ts';

/** Words that ask for advice or an opinion, beyond the adviser's own "should I": "what's a good ...", "how long can I ...", "do you think ...". */
const ASKS_ADVICE = new RegExp(
  [
    String.raw`\b(?:should|shall|must|ought)\s+(?:i|we)\b`,
    String.raw`\bwhat(?:'s|’s|\s+is|\s+are|\s+would\s+be)\s+(?:a|an|the|some)?\s*(?:good|best|better|right|ideal|suitable|sensible|recommended|proper|usual|typical\s+recommended)\b`,
    String.raw`\b(?:which|what)\s+(?:[\w-]+\s+){0,3}(?:should|would\s+you|do\s+you\s+(?:recommend|suggest|use))\b`,
    String.raw`\b(?:do|would|can)\s+you\s+(?:recommend|advise|suggest)\b`,
    // "which medium is best for HeLa cells?", "what dye works best?"
    String.raw`\b(?:which|what)\s+(?:[\w-]+\s+){1,3}(?:is|are|would\s+be|works?)\s+(?:the\s+)?(?:best|better|ideal|most\s+suitable)\b`,
    String.raw`\bhow\s+(?:long|much|many|often|soon|early|late)\s+(?:[\w-]+\s+){0,4}?(?:can|could|should|must)\s+(?:i|we)\b`,
    String.raw`\b(?:do|would)\s+you\s+(?:think|reckon|say)\b`,
    String.raw`\bis\s+it\s+(?:ok|okay|safe|fine|better|worse|wise|advisable|a\s+good\s+idea)\s+(?:to|if)\b`,
    String.raw`\bany\s+(?:tips|advice|suggestions?|recommendations?)\b`,
  ].join('|'),
  'i',
);

/** Words that ask how to use cellpilot itself ("what can you do?", "how do I use this?"): the adviser's usage answer, never refused. */
const ABOUT_US = /\b(?:what\s+can\s+(?:you|i)\s+(?:do|ask)|how\s+(?:do|should)\s+i\s+use\s+(?:you|this|cellpilot)|cellpilot|help\s+me)\b/i;

/** A question that asks for advice or an opinion (not a request worded politely: that has no question word of advice). */
export function asksAdvice(text: string): boolean {
  return ASKS_ADVICE.test(text) && !ABOUT_US.test(text);
}

/** The lowest score of a note that answers: one word of the question covered by its keywords, tools or title. */
const COVERED = 1;

/**
 * One line for an advice question that no method note covers: outside what cellpilot can tell from the
 * data, and the topics it can advise on; undefined when it asks no advice or a note answers it.
 */
export function adviceOutsideNotes(text: string): string | undefined {
  if (!asksAdvice(text)) return undefined;
  if (searchNotes(text).some((r) => r.score >= COVERED)) return undefined;
  const topics = loadNotes().filter((n) => n.topic !== 'choosing').map((n) => n.title.toLowerCase());
  const asked = text.trim().replace(/\s+/g, ' ').slice(0, 100);
  return `That is outside what I do: "${asked}" is not something the movie's data or my method notes can tell (I analyse live-cell microscopy movies and run the microscope), so I ran nothing. I can advise on ${topics.join(', ')}; for example, ask "which denoising method should I use?".`;
}
