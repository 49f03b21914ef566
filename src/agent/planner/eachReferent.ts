// "each" with no noun of its own ("save each as a tiff", "export each of them as png") points back at the things the
// request before named ("split the channels"). When that request was not done (declined or refused, nothing ran), there
// is nothing for "each" to be: the answer says so and names the request before and why it was not done, instead of
// writing whatever result happens to be at hand (the movie's results table).
import { splitClauses } from './clauses.ts';
import { tokenize } from './words.ts';

/**
 * "each", "each one", "each of them", "every one of them" standing for things said before: no noun after it, only how
 * the things are written ("as a tiff", "to png", "separately") or the end; or "them" done one at a time ("save them
 * separately", "export them one by one").
 */
const BARE_EACH = /\b(?:each|every)(?:\s+one)?(?:\s+of\s+(?:them|those|these))?(?=\s+(?:as|to|into|in|on|separately|individually|one\s+by\s+one|please|pls)\b|\s*[,.!?]*\s*$)|\b(?:them|those|these)\s+(?:each\s+|all\s+)?(?:separately|individually|one\s+by\s+one)\b/i;

/** A word in the plural ("channels", "stacks"), not one of asking ("please", "thanks") nor one ending in "-ss" or "-is". */
const PLURAL = /^(?!(?:please|pls|thanks|cheers|always|perhaps|sometimes|yes)$)[\p{L}-]{2,}[^si]s$/iu;

/**
 * The answer when the request's "each" is of the request before and that request ran nothing: undefined when the
 * request names its own things, has several clauses, or the request before planned steps (or named no things).
 * `planBefore` plans the request before as it was asked (its steps, or its reply when it ran none).
 */
export function eachOfNothingDone(request: string, before: string | undefined, planBefore: (request: string) => { steps: unknown[]; reply?: string }): string | undefined {
  if (!before || !BARE_EACH.test(request) || splitClauses(request).length > 1) return undefined;
  if (!tokenize(before).some((t) => !t.part && PLURAL.test(t.word))) return undefined;
  const earlier = planBefore(before);
  if (earlier.steps.length > 0) return undefined;
  const why = (earlier.reply ?? '').trim().replace(/\s+/g, ' ');
  const asked = before.trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '');
  return `Nothing was done: "each" is of what your request before named ("${asked}"), and that was not done${why ? ` (${why.replace(/\.$/, '')})` : ''}. Say which result you mean (e.g. "the movie", "the masks").`;
}
