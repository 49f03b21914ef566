// "I want to quantify migration. Could you correct the drift, segment with Otsu and track?", "for the revision the reviewers
// asked us to quantify migration, so could you first correct the drift, ...": the aim said first is reached by the steps asked
// after it, so its own step runs after them (stop 51, helper D); run first, it made their inputs itself and the steps asked
// were merged into those or ran again.
import type { Clause } from './clauses.ts';

/** An aim reported of someone else: "the reviewers asked us to ...", "my PI wants me to ...", "for the revision our referees asked us to ...". */
const REPORTED_AIM = /^(?:(?:so|and|but)\s+)?(?:(?:for|in)\s+(?:the|this|our|my)\s+[\w-]+(?:\s+[\w-]+)?[,\s]+)?(?:the|my|our)\s+(?:[\w-]+\s+){0,2}?(?:asked|told|wants?|wanted|would\s+like|requested|expects?)\s+(?:us|me)\s+to\b/i;

export function isReportedAim(text: string): boolean {
  return REPORTED_AIM.test(text.trim());
}

/**
 * The order with each aim's step (`isAim` of its clause) after the steps asked in the clauses after it, when one of those
 * makes a result the aim's step reads (`readsResultOf`): an aim said last, or with nothing it reads asked after it, keeps its place.
 */
export function withAimsLast(order: number[], picked: { clause: number; tool: string }[], clauses: Clause[], isAim: (text: string) => boolean, readsResultOf: (aim: string, later: string) => boolean): number[] {
  // (only an aim that reads a result a step asked after it makes, labels, tracks or a table, in a later sentence unless the
  // aim is reported: "I'd like to fix the drift first, then ...", "I need both the min and the max projection" and "I want a
  // CSV and a plot and the masks as tiff" are steps asked in order)
  const aims = [...new Set(picked.map((p) => p.clause))].filter((c) => isAim(clauses[c].text) && picked.some((p) => p.clause === c && picked.some((q) => q.clause > c && (clauses[q.clause].sentence > clauses[c].sentence || isReportedAim(clauses[c].text)) && !isAim(clauses[q.clause].text) && readsResultOf(p.tool, q.tool))));
  if (aims.length === 0) return order;
  return [...order.filter((c) => !aims.includes(c)), ...order.filter((c) => aims.includes(c))];
}
