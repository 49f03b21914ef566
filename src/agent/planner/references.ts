// A value asked relative to a reference (brief s54/K): "normalised to frame 1", "relative to the first frame", "as fold
// change over baseline", "as a percentage of its initial value", "divided by the cytoplasm". Applied only when a running
// step was given a setting its tool declares as one that relates values to a reference (its argument's name, value or
// value words say normalise, baseline, relative, fold, ratio or percentage: analyze_timeseries' normalize); otherwise the
// values are as measured and the answer says so in one line.
import { type Catalogue, selfOf } from './catalogue.ts';
import type { Plan } from './types.ts';

/** A reference the request relates its values to, as written, and where. */
export interface Reference { text: string; start: number; end: number }

/**
 * The words that relate a value to a reference (a small closed class: normalise, relative to, fold change, ratio to,
 * as a share of, divided by, baseline-subtracted), then the reference up to the end of its phrase.
 */
const REFERENCE = /\b(?:normali[sz](?:e|es|ed|ing|ation)(?:\s+(?:each|every|all)\s+[\p{L}-]+)?\s+(?:to|by|against|on|relative\s+to|with\s+respect\s+to)|relative\s+to|fold[\s-]*changes?\s+(?:over|to|from|vs\.?|versus|relative\s+to|compared\s+to)|ratios?\s+(?:to|over|against)|as\s+(?:a\s+)?(?:percentage|percent|fraction|proportion|share)\s+of|divided\s+by|baseline[\s-]+(?:subtracted|corrected)\s+(?:using|with|by|from))\s+((?:(?!(?:and|then|but|so|because|or|please|thanks?|for|per)\b)[\p{L}\d'’.%µ-]+\s*){1,5})/giu;

/** The words of an argument's name, value or value words that say it relates values to a reference. */
const RELATES = /\bnormali[sz]|\bbaseline\b|\brelative\b|\bfold\b|\bratio\b|\bpercentage\b|\bF\/F0\b/i;

/** The references the request names. */
export function referencesSaid(request: string): Reference[] {
  return [...request.matchAll(REFERENCE)].map((m) => {
    const text = m[0].replace(/[\s,.;:!?'’-]+$/u, '');
    return { text, start: m.index ?? 0, end: (m.index ?? 0) + text.length };
  });
}

/**
 * Whether a running step was given a setting (a value, not an input it reads) that relates values to a reference by its
 * argument's name, its value or the words its tool declares for that value (normalize: f_f0, "baseline").
 */
export function relatesToAReference(plan: Plan, catalogue: Catalogue): boolean {
  return plan.steps.some((s) => Object.entries(s.args).some(([arg, v]) => (typeof v === 'string' || typeof v === 'number' || v === true)
    && RELATES.test([arg, typeof v === 'string' ? v : '', ...(typeof v === 'string' ? selfOf(s.tool, catalogue)?.valueWords?.[arg]?.[v] ?? [] : [])].join(' '))));
}

/** The references no running step applied: every one, when no step relates values to a reference. */
export function unappliedReferences(request: string, plan: Plan, catalogue: Catalogue): Reference[] {
  return relatesToAReference(plan, catalogue) ? [] : referencesSaid(request);
}
