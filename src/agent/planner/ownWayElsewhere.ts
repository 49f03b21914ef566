// "In Fiji I'd use TrackMate for this. Can you do the tracking here?", "Normally I'd do this in TrackMate and export the
// spots. Could you just track the cells?": a sentence telling how the person would do it, or usually does it, on their
// own (a conditional "I'd"/"I would" that is no wish, or a habit: "normally I ..."), beside a sentence that asks the
// assistant, is context: the steps it names (an export, a tracking in another program) are theirs, not asked here.

/** The person, with a conditional that is no wish ("I'd like", "I'd rather", "I would prefer" ask for something). */
const WOULD_DO = /\b(?:i|we)(?:['’]d|\s+would)\s+(?:(?:normally|usually|typically|generally|probably|just|then|first)\s+)*(?!(?:like|love|prefer|rather|want|need|appreciate|be|have\s+(?:liked|loved))\b)\p{L}+/iu;

/** A habit of the person: "normally I ...", "usually we ...", "I usually ..." (a closed class of adverbs of habit). */
const HABIT = /\b(?:normally|usually|typically|generally|ordinarily|traditionally)[,\s]+(?:i|we)\s+\p{L}+|\b(?:i|we)\s+(?:normally|usually|typically|generally|always|ordinarily)\s+\p{L}+/iu;

/** A direct ask to the assistant: "can you", "could you", "would you", "please", an imperative after "just". */
const ASKS_THE_ASSISTANT = /\b(?:can|could|would|will)\s+(?:you|u)\b|\bplease\b|\bpls\b/i;

/** True when the sentence tells the person's own way of doing it (a conditional or a habit) and asks nothing itself. */
export function tellsOwnWay(sentence: string): boolean {
  return (WOULD_DO.test(sentence) || HABIT.test(sentence)) && !ASKS_THE_ASSISTANT.test(sentence) && !/\?\s*$/.test(sentence.trim());
}

/** The sentences (by number) that tell the person's own way while another sentence of the request asks the assistant. */
export function sentencesOfOwnWay(sentences: Map<number, string>): Set<number> {
  const own = [...sentences].filter(([, s]) => tellsOwnWay(s)).map(([n]) => n);
  return new Set(own.filter((n) => [...sentences].some(([m, s]) => m !== n && ASKS_THE_ASSISTANT.test(s))));
}
