// Parts of a request that only tell (brief s55/K): how the sample was handled or the data taken, said in the past
// ("we washed 3 times before imaging", "the movie was taken at 37 degrees with 5% CO2", "cells were seeded at 20,000 per
// well"), what the person has ("I have a movie of migrating fibroblasts"), why ("because the cells were starved for 24 h")
// and what the result is for ("so that I can put it in my paper"). Nothing in them is asked of a step, so no number or
// word in them is named as not applied. Read by the grammar of the part (its opener, its subject and the tense of its
// verb), never by its words; a part with a word of asking ("please", "could you", "I want") is never told.

/** Where a told part lies in the text. */
export interface ToldPart { start: number; end: number }

/** Parts of a sentence: between punctuation marks (a decimal point or a thousands comma inside a number is none). */
const PART = /[^,;:.!?()\n]+(?:[.,](?=\d)[^,;:.!?()\n]*)*/g;

/** A word of asking: the part asks for something. */
const ASKING = /\b(?:please|pls|plz|kindly|could|can|would|will|you|u|want|wanna|need|like|let's|lets)\b|\?/i;

/** Words that may open a part before its subject: joining words, and when it happened. */
const OPENER = String.raw`(?:(?:and|but|so|also|then|just|ok(?:ay)?|fyi|note|btw|yesterday|today|earlier|recently|beforehand|before\s+that|after\s+that|this\s+morning|last\s+(?:night|week))\s+)*`;

/** Who did it, before a verb of the past: a personal pronoun, or "my student", "our facility" (never "the nuclei labelled ...", a noun with its participle). */
const DOER = String.raw`(?:i|we|they|he|she|(?:my|our)\s+[\p{L}-]+)`;

/** What it was done to, before a passive: a short noun phrase with no relative word ("the cells that were treated" selects). */
const SUBJECT = String.raw`(?:it|they|(?:(?:the|my|our|these|those|this|all|both|some|all\s+the)\s+)?(?!(?:that|which|who|whose|where|when)\b)[\p{L}\d-]+(?:\s+(?!(?:that|which|who|whose|where|when)\b)[\p{L}\d-]+){0,2})`;

/** A verb of the past: a regular form in -ed (not "need", "speed"), or one of the few irregular pasts of lab narration. */
const PAST = String.raw`(?:(?!(?:n|sp|s|f|exc|proc|succ)eed\b)\p{L}{2,}ed|took|grew|ran|did|made|had|got|kept|put|left|spun|fed|froze|gave|went|saw|shot|split|spent|brought|found|drew|wrote|chose|sent|told|said|bought|thought)`;

/** "was taken", "were starved", "has been fixed", "was at 37 degrees": a passive or a state of the past. */
const PASSIVE = String.raw`(?:was|were|had\s+been|has\s+been|have\s+been|'ve\s+been|got)\s+(?:(?:all|already|then|first|briefly|just|also|previously|gently|kept)\s+)*(?:${PAST}|\p{L}+en|at|in|on|under|for)\b`;

/** A part told in the past: its subject, then a past verb or a passive ("we washed 3 times", "the movie was taken at 37 °C"). */
const NARRATED = new RegExp(String.raw`^\s*${OPENER}(?:${DOER}\s+(?:(?:then|also|first|all|already|just|previously|originally|briefly)\s+)?${PAST}\b|${SUBJECT}\s+(?:(?:then|also|first|all|already|just|previously|originally)\s+)?${PASSIVE})`, 'iu');

/** "I have a movie of ...", "we've got two conditions": what the person has, told before asking. */
const HAVING = new RegExp(String.raw`^\s*${OPENER}(?:i|we)(?:'ve|\s+have)?\s+(?:got|have)\s+(?:a|an|one|two|three|some|this|these|my|our)\b`, 'iu');

/** "Acquired at 20x with 2x2 binning", "grown on glass": a part opened by a participle of handling the sample or taking the data (the closed class of such verbs; "coloured by speed" is a plot's detail, no told part). */
const HANDLED = /^\s*(?:(?:and|all|both|cells?|first)\s+)?(?:imaged|recorded|acquired|filmed|taken|shot|captured|collected|grown|treated|fixed|stained|plated|seeded|incubated|transfected|starved|cultured|washed|mounted|kept)\s+(?:on|with|at|in|using|under|by|from|for|overnight|in)\b/i;

/** "at frame 30", "at timepoint 12": a moment of the movie the person may point back at ("measure after that"), never only told. */
const MOMENT = /\b(?:frames?|time\s*-?points?|tp|t\s*=)\s*#?\s*\d/i;

/** A reason ("because ...", "since ...", "as the cells ..."), to the end of its part. */
const REASON = /^\s*(?:(?:and|but|just|mainly|mostly)\s+)?(?:because|since|cause|cuz|cos|given\s+that|as\s+(?=(?:i|we|they|it|the|these|those|my|our)\b))\b/i;

/** A purpose said of the person ("so that I can ...", "so we can ...", "in order that ..."), to the end of its part. */
const PURPOSE = /\b(?:so\s+that|so(?=\s+(?:i|we)\s+(?:can|could|may|might|will)\b)|in\s+order\s+that)\s+(?:i|we)\b/i;

/** A reason or a narration that starts inside a part: "as it's out of focus", "because they drift", "(that) I drew in Fiji". */
const INSIDE = new RegExp(String.raw`\b(?:because|since|as(?=\s+(?:it|they|we|i|these|those)\b(?:['’]s|['’]re|\s+(?:is|are|was|were|has|have|had|do|does|did|look|looks|seem|seems)\b)))\s+\S|\b(?:that|which)?\s*\b(?:i|we)\s+${PAST}\b`, 'iu');

/** The told parts of a text. */
export function toldParts(text: string): ToldPart[] {
  const out: ToldPart[] = [];
  for (const m of text.matchAll(PART)) {
    const part = m[0];
    const start = m.index ?? 0;
    const purpose = PURPOSE.exec(part);
    if (purpose) {
      out.push({ start: start + (purpose.index ?? 0), end: start + part.length });
      continue;
    }
    // ("leave out frame 12, as it's out of focus", "the ROI that I drew in Fiji": a reason or a narration inside the part, to its end)
    const inside = INSIDE.exec(part);
    if (inside && !MOMENT.test(part.slice(inside.index ?? 0))) {
      out.push({ start: start + (inside.index ?? 0), end: start + part.trimEnd().length });
      continue;
    }
    if (ASKING.test(part) || MOMENT.test(part)) continue;
    if (REASON.test(part) || NARRATED.test(part) || HAVING.test(part) || HANDLED.test(part)) out.push({ start: start + part.length - part.trimStart().length, end: start + part.trimEnd().length });
  }
  return out;
}

/** The text with its told parts blanked (the same length, so positions still hold). */
export function withoutToldParts(text: string): string {
  return toldParts(text).reduce((t, p) => t.slice(0, p.start) + ' '.repeat(p.end - p.start) + t.slice(p.end), text);
}

/** Whether the position lies in a told part of the text. */
export function inToldPart(text: string, at: number): boolean {
  return toldParts(text).some((p) => at >= p.start && at < p.end);
}
