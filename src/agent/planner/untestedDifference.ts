// A test of a difference asked beside steps that run ("measure the areas and give me a p value", "plot the speeds with
// significance stars", "is the difference statistically significant between the halves, after tracking"): no step tests
// one (the answers to a question that compares two parts do, tableAnswers.ts), so the answer names it in one line with how
// to ask for the test, never a "Done" alone (brief s50/C). A step whose tool declares a result of significance (a Granger
// analysis reports the cells where it is significant) applies it.
import { type Catalogue, selfOf } from './catalogue.ts';
import type { Plan } from './types.ts';

/** A test of a difference asked ("is that significant?", "statistically significant?", "what's the p-value?", "is the difference real?"). */
export const SIGNIFICANCE = /\bsignifican(?:t|ce|tly)\b|\bp[\s-]?values?\b|\bstatistical(?:ly)?\s+(?:test|different|real)\b|\b(?:is|was)\s+(?:that|this|it|the\s+difference)\s+real\b/i;

/**
 * A statistical test asked by its name: the noun "test" after the words that name which one ("a Mann-Whitney U test", "a
 * paired t-test", "Wilcoxon signed-rank test", "Tukey post-hoc test", "a chi-square test"): a name written with a capital,
 * a one-letter statistic (t, U, z, F), chi-square, and the words that qualify a test's design before them. "test" as a
 * verb ("test whether ...", "test it") is none.
 */
const NAMED_TEST = /\b(?:(?:paired|unpaired|independent|one|two|one[\s-]sample|two[\s-]sample|one[\s-]way|two[\s-]way|one[\s-]sided|two[\s-]sided|one[\s-]tailed|two[\s-]tailed|welch'?s?|student'?s?)[\s-]+)*(?:\b[tuzf]|chi[\s-]?squared?|\p{Lu}[\p{L}'’]+(?:[\s-]+(?:\p{Lu}[\p{L}'’]*|signed|rank|sum|exact|rank[\s-]sum|signed[\s-]rank))*)[\s-]+(?:post[\s-]?hoc[\s-]+)?tests?\b(?!\s+(?:it|them|this|that|these|those|the|my|our|whether|if|how|for|run|runs|image|images|movie|data|set)\b)/gu;

/** The statistical tests a text asks by name, as written ("Mann-Whitney U test", "paired t-test"). */
export function namedTests(text: string): { words: string; start: number; end: number }[] {
  return [...text.matchAll(NAMED_TEST)].map((m) => {
    // (a capitalised word that opens the sentence is no part of the name: "Then Wilcoxon test", "Run Welch's t-test")
    const opener = /^(?:(?:please|pls|can|could|would|do|run|then|and|also|now|just|perform|apply|use|with|using|by)[\s-]+)+/i.exec(m[0])?.[0].length ?? 0;
    const start = (m.index ?? 0) + opener;
    return { words: m[0].slice(opener), start, end: (m.index ?? 0) + m[0].length };
  }).filter((t) => /\S[\s-]+(?:post[\s-]?hoc[\s-]+)?tests?$/i.test(t.words));
}

/** Whether a tool declares a result that weighs significance (it runs a test of its own). */
export function runsATest(tool: string, catalogue: Catalogue): boolean {
  return testsSignificance(tool, catalogue);
}

/** Results a tool declares that weigh significance (by their name or what they are about). */
const WEIGHS = /signific|p[\s-]?value/i;

function testsSignificance(tool: string, catalogue: Catalogue): boolean {
  const results = selfOf(tool, catalogue)?.results ?? {};
  return Object.entries(results).some(([name, r]) => WEIGHS.test(name) || WEIGHS.test(r.about ?? ''));
}

/** The words of the test as asked, with the noun just after it ("significance stars", "p value"). */
function asked(request: string, at: number, length: number): string {
  const after = /^[ -]([\p{L}]{3,})\b/u.exec(request.slice(at + length))?.[1];
  const noun = after && /^(?:stars?|tests?|levels?|testing|values?|bars?|asterisks?|annotations?)$/i.test(after) ? ` ${after}` : '';
  return request.slice(at, at + length) + noun;
}

/** The line naming a test of significance asked beside steps that run none, or undefined. */
export function untestedDifferenceLine(request: string, plan: Plan, catalogue: Catalogue, said: string): string | undefined {
  if (!plan.steps.length || plan.reply || plan.question) return undefined;
  const test = namedTests(request)[0];
  const m = SIGNIFICANCE.exec(request) ?? (test ? Object.assign([test.words], { index: test.start }) as unknown as RegExpExecArray : null);
  if (!m) return undefined;
  // ("cells with significant GFP signal", "a significant fraction": "significant" before another noun is a size, no test)
  const next = /^\s+([\p{L}]+)/u.exec(request.slice(m.index + m[0].length))?.[1];
  if (/^significant$/i.test(m[0]) && next && !/^(?:difference|differences|change|changes|effect|effects|increase|decrease|drop|shift|at|between|or|and|for|in|vs|versus|than|compared|then|please|pls)$/i.test(next)) return undefined;
  if (plan.steps.some((s) => testsSignificance(s.tool, catalogue))) return undefined;
  const words = asked(request, m.index, m[0].length);
  if (said.toLowerCase().includes(words.toLowerCase())) return undefined;
  return `Not applied: "${words}" — no step here tests a difference for significance; the steps ran without a test. Ask it as a question once they have run, e.g. "is the mean speed higher in the second half than in the first?", then "is that significant?" (Welch's t-test).`;
}
