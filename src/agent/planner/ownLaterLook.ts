// "I'll have a look at the masks in napari", "I'm going to open the labels in Fiji afterwards", "my supervisor will then look
// at the masks": what a person says they (or someone else) will do later with a result, by a verb of looking at it, is
// context: the result is made and written already, so no step runs for it (no export, no figure). Work said the same way
// ("I'll plot it in Prism", "I'll do the stats in R") is not looking: the table is taken there, which its writer does.

/** A person as the subject: the speaker, their group, or someone of their lab (a closed class of people words). */
const PERSON = String.raw`(?:i|we|(?:my|our|the)\s+(?:[\p{L}-]+\s+)?(?:supervisor|boss|pi|advisor|adviser|postdoc|student|colleague|collaborator|lab\s*mate|team|lab|group|reviewer)s?)`;

/** The future or an intention: "'ll", "will", "shall", "am going to", "plan to", "intend to" (a closed class of auxiliaries). */
const LATER = String.raw`(?:['’]ll|\s+will|\s+shall|(?:['’]m|\s+am|['’]re|\s+are|\s+is)\s+(?:going|gonna)\s+to|\s+(?:plan|intend|mean)s?\s+to|\s+gonna)`;

/** Verbs of looking at a result, not of working on it (a closed class). */
const LOOKING = String.raw`(?:have\s+a\s+(?:quick\s+|closer\s+|good\s+)?look|take\s+a\s+(?:quick\s+|closer\s+|good\s+)?look|look|view|see|inspect|check|eyeball|browse|examine|open|explore|review|go\s+(?:through|over)|proof-?read|scroll\s+through)`;

const OWN_LATER_LOOK = new RegExp(String.raw`^(?:(?:and|but|so|then|ok(?:ay)?)[,\s]+)*${PERSON}${LATER}\s+(?:(?:then|just|probably|maybe|myself|later|first|quickly|also)\s+)*${LOOKING}\b`, 'iu');

/** True when the clause says that a person will look at a result later, themselves: context, no step. */
export function looksAtItLater(clause: string): boolean {
  return OWN_LATER_LOOK.test(clause.trim());
}

/** A clause split off the look that only says when or why ("afterwards to check them", "then to proofread"): part of it. */
const PURPOSE_OF_THE_LOOK = /^\W*(?:(?:and|then|afterwards|later(?:\s+on)?|after\s+that|first)[,\s]+)*(?:(?:in\s+order|so\s+as)\s+)?to\s+\p{L}/iu;

/** True when `clause` follows a person's own later look in its sentence and only carries on its purpose. */
export function continuesALaterLook(before: string, clause: string): boolean {
  return looksAtItLater(before) && PURPOSE_OF_THE_LOOK.test(clause);
}
