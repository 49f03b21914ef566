// "before segmentation correct for drift", "after registering the frames track the nuclei", "prior to tracking subtract
// the background": an order opener written without the comma that ends it. The clause grammar splits a sentence at its
// commas, so the opener and the step it puts first were one clause, read as one step (the segmentation was lost). The
// opener ends where a tool's step verb begins the main clause; the comma is put back there.
import type { Catalogue } from './catalogue.ts';
import { indexFor } from './toolIndex.ts';

/** An order opener at the start of a sentence, and up to five words of the step it names. */
const OPENER = /(^|[.;!?]\s+|\n\s*)((?:(?:and|then|but|so|please)\s+)?(?:before|after|prior\s+to|ahead\s+of|following|once)\s+)((?:[\p{L}-]+\s+){1,5})/giu;
/** Words a verb of the main clause never follows inside the opener's noun phrase ("after the track ..."). */
const BEFORE_A_NOUN = /^(?:the|a|an|my|our|this|these|those|each|every|of|for|with|to|in|on|and|or)$/i;

/**
 * The request with a comma closing each order opener that runs into its main clause with no comma: the first word
 * after the opener's step (its gerund or noun, and what it acts on) that is a tool's step verb opens the main clause.
 */
export function withOrderOpenersClosed(text: string, catalogue: Catalogue): string {
  const index = indexFor(catalogue);
  return text.replace(OPENER, (whole, lead: string, opener: string, words: string) => {
    const list = words.trim().split(/\s+/);
    // (the opener's own step comes first: the verb of the main clause is the second word or later)
    for (let k = 1; k < list.length; k++) {
      if (!index.stepVerb(list[k]) || BEFORE_A_NOUN.test(list[k - 1]) || /[,;:]$/.test(list[k - 1])) continue;
      const said = list.slice(0, k).join(' ');
      // (a step of the opener said as a gerund or a noun of a step, never a clause with its own verb: "before you segment")
      // (nor a subject with its verb, "once the cells start dividing": a plural noun alone names no step)
      if (!/(?:ing|tion|sion|ment|al)s?\b/i.test(said) || /\b(?:you|we|i|it|they)\b/i.test(said)) return whole;
      return `${lead}${opener}${said}, ${words.trim().split(/\s+/).slice(k).join(' ')}${/\s$/.test(words) ? ' ' : ''}`;
    }
    return whole;
  });
}
