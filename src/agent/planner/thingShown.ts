// "show me the tracks", "show us the masks on a plot", "let me see the trajectories in a figure": a thing a step makes,
// asked to be shown with nothing asked about it (no quantity, no question word, no "which ones"), is a request to draw
// it, never a question whose answer needs a table measured. "show me the tracks that move fastest" still asks which.

/** A verb of showing to the person: "show me", "show us", "let me see", "display for me". */
const SHOWING = /^(?:show|display)\s+(?:me|us)\b|^let\s+(?:me|us)\s+see\b/i;

/** The things a step makes and a figure draws, as people name them (a closed class of result nouns). */
const MADE_THING = String.raw`(?:tracks?|trajector(?:y|ies)|paths?|masks?|labels?|outlines?|contours?|segmentation|lineages?|nuclei|cells|objects)`;

/** Where the thing is to be shown ("on a plot", "in a figure", "over the movie"): the picture, no question. */
const PLACE_SHOWN = String.raw`(?:\s+(?:on|in|as|over|onto|on\s+top\s+of)\s+(?:an?\s+|the\s+|one\s+)?(?:plot|figure|graph|chart|picture|image|overlay|movie|video|frames?|raw\s+(?:image|movie)))?`;

const BARE_THING = new RegExp(String.raw`^(?:(?:the|their|its|all\s+the|all|those|these)\s+)?(?:[\p{L}-]+\s+)?${MADE_THING}${PLACE_SHOWN}\s*(?:please|pls|too|as\s+well)?[\s.!]*$`, 'iu');

/** True when the asking words show something and what follows them is only a made thing, maybe with where to show it. */
export function showsAMadeThing(askingWords: string, rest: string): boolean {
  return SHOWING.test(askingWords.replace(/^\W*(?:(?:and|then|also|now|finally|please|pls|(?:could|can|would|will)\s+(?:you|u))\s+)*/i, '').trim()) && BARE_THING.test(rest.trim());
}
