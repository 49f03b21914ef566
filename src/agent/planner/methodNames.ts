// The field's known method names ("UMAP", "t-SNE", "U-Net"), read in any case or hyphenation. Kept apart from
// accounted.ts, which names the methods a plan lacks, so that the question readers can ask whether a word is a method's
// name without importing the whole accounting (tableAnswers -> accounted -> outOfScope -> tableAnswers was a cycle).
import { METHOD_NAMES } from './lexicon.ts';

/** Letters and digits only, lower case: "t-SNE" and "tsne", "U-Net" and "unet" are one name. */
export function plainName(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\d]/gu, '');
}

/** The known method names by their plain form. */
export const KNOWN_METHODS = new Map(METHOD_NAMES.map((n) => [plainName(n), n]));

/** Whether a name is one of the field's known method names, in any case or hyphenation ("UMAP", "tsne", "k means"). */
export function isKnownMethodName(name: string): boolean {
  return KNOWN_METHODS.has(plainName(name));
}
