// A remark and a command run together with no stop between ("we're done shut it down", "the 488 is too strong halve
// it", "it's drifting refocus"): the command starts at its imperative verb right after a clause that already has its
// own verb of being or seeming, and is read as a sentence of its own. Without the stop the command was read as the
// remark's tail, and nothing ran. Stop 55.

/** A verb of being, seeming or becoming: the remark's own verb ("is", "'re", "looks", "getting"). */
const LINKING_VERB = /\b(?:is|are|am|was|were|'s|'re|'m|looks?|looking|seems?|getting|gets|got|been|drifting|bleaching|fading|dying)\b/i;

/** The imperative verbs of commands to a run (a closed class: the acquisition language's verbs of change). */
const COMMAND_VERB = /\b(?:halve|double|triple|shut|stop|pause|drop|lower|raise|reduce|increase|decrease|turn|switch|set|make|change|skip|add|remove|end|kill|cut|bump|resume|refocus|autofocus|move|cancel|abort|extend|lose|bring|speed|slow)\b/gi;

/** Words after which a verb is no imperative ("need to stop", "we can halve", "don't stop", "and drop"). */
const NOT_AN_IMPERATIVE_BEFORE = /(?:\b(?:to|and|or|but|then|will|would|can|could|should|shall|must|might|may|please|not|n't|i|we|you|they|he|she|it|let's|let|us|me|don't|didn't|won't|also|just|the|a|an)|[,;:.!?\u2013\u2014-])\s*$/i;

/** The text with a stop before a command run on after a remark, or undefined when there is none. */
export function runOnCommandApart(text: string): string | undefined {
  for (const m of text.matchAll(COMMAND_VERB)) {
    const before = text.slice(0, m.index);
    if (!before.trim() || !LINKING_VERB.test(before) || NOT_AN_IMPERATIVE_BEFORE.test(before)) continue;
    return `${before.trimEnd()}. ${text.slice(m.index)}`;
  }
  return undefined;
}
