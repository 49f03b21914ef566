// "max project through z and then segment the nucleus", then "what's its area over time?": the question asks of ONE object
// ("the nucleus", "its", "the cell") while the segmentation found several in each frame. The value answered is over all of
// them, so the answer says so in one line, with how many were found and how to ask for one, never a mean passed off as
// the one nucleus's value.
import { OBJECT_NOUNS } from './constraints.ts';
import type { Conversation, PastResult } from './conversation.ts';

/** An object noun in the singular ("cell", "nucleus", "spot"), by the shared list of object nouns. */
function singularObject(word: string): boolean {
  const w = word.toLowerCase();
  return OBJECT_NOUNS.test(w) && (w === 'nucleus' || !/(?:s|i)$/.test(w)) && w !== 'ones';
}

/** Words after "the cell" that make it the kind of thing counted, not one thing ("the cell count", "the nucleus density"). */
const OF_THE_KIND = /^(?:counts?|numbers?|density|densities|totals?|population|types?|lines?|cycles?)$/i;
/** Words that pick one of several (a rank, an identifier, each one): the question already says which. */
const PICKS_ONE = /\b(?:each|every|per|all|any|which|largest|biggest|smallest|fastest|slowest|brightest|dimmest|longest|shortest|highest|lowest|first|last|top|single|one\s+of)\b|#\s*\d|\b(?:track|cell|nucleus|object|spot|id|label|no\.?|number)\s*#?\s*\d/i;

/** The singular object a text names with a determiner ("the nucleus", "this cell", "my cell's"); undefined when none. */
export function oneObjectNamed(text: string): string | undefined {
  const words = [...text.matchAll(/[\p{L}][\p{L}'’]*/gu)].map((m) => m[0]);
  for (let k = 1; k < words.length; k++) {
    const noun = words[k].replace(/['’]s$/i, '');
    if (!/^(?:the|this|that|my|our)$/i.test(words[k - 1]) || !singularObject(noun)) continue;
    if (OF_THE_KIND.test(words[k + 1] ?? '')) continue;
    return noun.toLowerCase();
  }
  return undefined;
}

/** The question asks of one object: it names one, or says "its" after a request that named one. */
export function asksOfOneObject(question: string, requests: string[]): string | undefined {
  if (PICKS_ONE.test(question)) return undefined;
  const named = oneObjectNamed(question);
  if (named) return named;
  if (!/\bits\b/i.test(question)) return undefined;
  return [...requests].reverse().map(oneObjectNamed).find((n) => n !== undefined);
}

/** The latest step that found objects, with how many per frame on average (more than one: several to choose from). */
function objectsFound(results: PastResult[]): { tool: string; perFrame: number } | undefined {
  const found = [...results].reverse().find((r) => r.ok && typeof r.values?.objectsPerFrameMean === 'number');
  return found ? { tool: found.tool, perFrame: found.values.objectsPerFrameMean as number } : undefined;
}

/**
 * One line when the question asks of one object and the objects found are several per frame (1.5 or more on average):
 * the value is over all of them; '' otherwise.
 */
export function severalFoundNote(question: string, conversation: Conversation, answer: string): string {
  if (!/\d/.test(answer)) return '';
  const noun = asksOfOneObject(question, [...conversation.earlierRequests, conversation.request]);
  if (!noun) return '';
  const found = objectsFound([...conversation.earlier, ...conversation.current]);
  if (!found || found.perFrame < 1.5) return '';
  const n = Math.round(found.perFrame * 10) / 10;
  return `\nYou asked about one ${noun}, but ${found.tool} found ${n} objects per frame on average, not one: the value above is over all of them. Say which one (e.g. "track 3", "the largest ${noun}") for its own value, or check the segmentation if there should be one.`;
}
