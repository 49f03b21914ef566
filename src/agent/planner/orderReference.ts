// "After tracking, cluster the cells": a clause that is only a word of order and a step's gerund names that step as the
// point the request starts from. When the session already holds what that step makes, it asks for no new run.

/** A clause of order alone: "after tracking", "once segmenting is done", "now that tracking's finished", "following tracking". */
const ORDER_ONLY = /^(?:(?:and|so|ok(?:ay)?)[,\s]+)?(?:after|once|following|now\s+that|when)\s+(?:the\s+|my\s+|your\s+)?[a-z-]+(?:ing|ion|ment)(?:\s+(?:is|are|was|has\s+been|'s)\s+(?:done|finished|complete|completed|over))?\s*[,.!]*$/i;

/** True when the clause only says after which step the rest comes, naming no object, value or setting of it. */
export function namesOnlyTheOrder(clause: string): boolean {
  return ORDER_ONLY.test(clause.trim());
}
