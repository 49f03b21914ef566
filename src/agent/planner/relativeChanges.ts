// "redo the segmentation with a larger radius", "track again with a smaller linking distance": a setting changed by a
// comparison and no number. The new value is the one the step used last time (its argument, or the value it reported
// choosing) times 1.5, or divided by it, and said; with no earlier value to start from, the words are named as not
// applied. Never a rerun with nothing changed in silence.
import type { Catalogue, PropertyInfo } from './catalogue.ts';
import { selfOf } from './catalogue.ts';
import { choiceOfSetting } from './impliedChoices.ts';
import type { Conversation } from './conversation.ts';
import { nameWords } from './arguments.ts';
import { isStopWord, meaning, tokenize } from './words.ts';

/** How much "larger" or "smaller" changes a value when no number is said. */
const STEP_FACTOR = 1.5;

const MORE_WORDS = 'larger|bigger|higher|greater|longer|wider|more|stronger|heavier|looser|increased';
const LESS_WORDS = 'smaller|lower|less|shorter|narrower|fewer|weaker|lighter|milder|gentler|tighter|decreased|reduced';
const MORE = new RegExp(`^(?:${MORE_WORDS})$`, 'i');
const LESS = new RegExp(`^(?:${LESS_WORDS})$`, 'i');
const COMPARED = new RegExp(`\\b(${MORE_WORDS}|${LESS_WORDS})\\s+((?:[\\p{L}-]+\\s+){0,2}[\\p{L}-]+)`, 'giu');
/** Words that say how much of a setting, not which method: "stronger smoothing", "a light blur". */
const DEGREE = new RegExp(`^(?:${MORE_WORDS}|${LESS_WORDS}|strong|heavy|light|mild|gentle|slight|little|much|extra|lot)$`, 'i');

/** A word that says how much of a setting ("stronger", "light"), not a method's name. */
export const isDegreeWord = (word: string): boolean => DEGREE.test(word);

/** The meanings of the noun phrase a description opens with, up to the first comma or preposition ("Gaussian smoothing before thresholding": gaussian, smoothing). */
function openingWords(description = ''): string[] {
  const opening = description.split(/[,;(]|\s(?:before|after|of|for|in|on|at|to|from|with|by|per|when|if|than|as)\s/i)[0];
  // (and a short other name in brackets in its first sentence: "Drop objects smaller than this, pixels (minimum size)")
  const aside = /^[^.;]*?\(([^()]{1,30})\)/.exec(description)?.[1];
  const named = aside && aside.trim().split(/\s+/).length <= 3 ? ` ${aside}` : '';
  return tokenize(opening + named).filter((t) => !isStopWord(t.word)).map((t) => meaning(t.stem));
}

/**
 * The numeric arguments of `props` that words name by the noun phrase their description opens with ("less smoothing",
 * "a weaker blur": sigmaPx, described "Gaussian smoothing or blur before thresholding"), with those opening words.
 */
export function numericArgumentsDescribed(props: Record<string, PropertyInfo>, said: string[]): { k: string; words: string[] }[] {
  return Object.keys(props)
    .filter((k) => props[k].type === 'number' || props[k].type === 'integer')
    .map((k) => ({ k, words: openingWords(props[k].description) }))
    .filter(({ words }) => words.some((w) => said.includes(w)));
}

export interface RelativeChange {
  arg: string;
  /** The new value; undefined when there is no earlier value to change (the note then says so). */
  value?: number;
  /** The value of a choice the setting belongs to, where the step ran with another (a threshold is method "manual"'s). */
  implies?: { arg: string; value: string };
  note: string;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * The value `tool`'s last run used for `arg`, and how much "larger" or "smaller" changes it: the argument given, the value
 * it reported choosing (at the top of its values or in a group of them, segment's parameters), or a result the tool
 * declares as what it used for that argument (segment's thresholdPerFrame for its threshold: their median).
 */
export function valueUsed(tool: string, arg: string, last: Conversation['earlier'][number] | undefined, catalogue: Catalogue): { value: number; factor: number; from?: string } | undefined {
  if (!last) return undefined;
  const positive = (v: unknown): v is number => typeof v === 'number' && v > 0;
  const direct = [last.args[arg], last.values[arg], ...Object.values(last.values).map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[arg] : undefined))].find(positive);
  if (direct !== undefined) return { value: direct, factor: STEP_FACTOR };
  for (const [key, result] of Object.entries(selfOf(tool, catalogue)?.results ?? {})) {
    if (result.usedFor !== arg) continue;
    const reported = last.values[key];
    const numbers = (Array.isArray(reported) ? reported : [reported]).filter(positive);
    if (numbers.length) return { value: Number(median(numbers).toPrecision(4)), factor: result.stepFactor ?? STEP_FACTOR, from: result.about };
  }
  return undefined;
}

/** A value made larger (times `factor`) or smaller (divided by it), whole where the argument takes integers (at least 1). */
export function steppedValue(before: number, factor: number, up: boolean, prop: PropertyInfo | undefined): number {
  const raw = up ? before * factor : before / factor;
  return prop?.type === 'integer' ? Math.max(1, Math.round(raw)) : Number(raw.toPrecision(3));
}

/**
 * The changes a clause says by comparison for `tool`'s numeric arguments, from the value its last run used; the note
 * says the old and new value and that no number was said.
 */
export function relativeChanges(tool: string, clause: string, conversation: Conversation, catalogue: Catalogue): RelativeChange[] {
  const props = catalogue.get(tool)?.properties ?? {};
  const last = [...conversation.earlier].reverse().find((r) => r.ok && r.tool === tool);
  const out: RelativeChange[] = [];
  for (const m of clause.matchAll(COMPARED)) {
    // ("anything bigger than a typical nucleus": things compared with another thing, no setting made larger)
    if (/^than\b/i.test(m[2])) continue;
    // ("a bigger object size, like 15 pixels radius", "a longer interval: 10 min"): a number said with the comparison is the
    // setting, which the argument readers take; the comparison only says which way it went
    if (/^[^.;!?]*?\d/.test(clause.slice((m.index ?? 0) + m[0].length))) continue;
    const said = tokenize(m[2]).map((t) => meaning(t.stem));
    // the numeric argument the words name: every word of its name said, the fewest other words first
    const numeric = Object.keys(props).filter((k) => props[k].type === 'number' || props[k].type === 'integer');
    const byName = numeric
      .map((k) => ({ k, words: nameWords(k) }))
      // (the head of the name said: "radius" of objectRadiusPx, "distance" of maxLinkingDistancePx)
      .filter(({ words }) => words.length > 0 && said.includes(words.at(-1)!))
      .sort((a, b) => b.words.filter((w) => said.includes(w)).length - a.words.filter((w) => said.includes(w)).length || a.words.length - b.words.length)[0];
    // ("less smoothing": sigmaPx goes by "Gaussian smoothing" in its description; one argument only, never a guess among several)
    // ("a bigger minimum size": of "Minimum object size" and "Maximum object size", the one more of the words name)
    const byDescription = numericArgumentsDescribed(props, said).map((d) => ({ ...d, n: d.words.filter((w) => said.includes(w)).length })).sort((a, b) => b.n - a.n);
    const named = byName ?? (byDescription.length === 1 || (byDescription.length > 1 && byDescription[0].n > byDescription[1].n) ? byDescription[0] : undefined);
    if (!named || out.some((c) => c.arg === named.k)) continue;
    const up = MORE.test(m[1]);
    if (!up && !LESS.test(m[1])) continue;
    const used = valueUsed(tool, named.k, last, catalogue);
    const before = used?.value;
    // (nothing to start from: said, never dropped; the words up to the argument's own, "longer linking distance")
    if (before === undefined) {
      const words = m[2].split(/\s+/);
      const end = words.findLastIndex((w) => tokenize(w).some((t) => named.words.includes(meaning(t.stem))));
      const phrase = `${m[1]} ${words.slice(0, end + 1).join(' ')}`;
      const spoken = named.k.replace(/(?:Px|Um|S)$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      out.push({ arg: named.k, note: `Not applied: "${phrase}" — \`${tool}\` has not run with a ${named.k} to make ${up ? 'larger' : 'smaller'}, so it used its default; say a number (e.g. "${spoken} 12").` });
      continue;
    }
    const factor = used!.factor;
    const value = steppedValue(before, factor, up, props[named.k]);
    // ("a lower threshold" after an automatic one: the threshold is method "manual"'s, so that method runs, said)
    const choice = choiceOfSetting(named.k, props);
    const implies = choice && last && last.args[choice.arg] !== choice.value ? choice : undefined;
    const from = used!.from ? `, the median of the ${used!.from}` : '';
    out.push({ arg: named.k, value, ...(implies ? { implies } : {}), note: `"${m[0].trim()}": ${named.k} ${before} → ${value} (${up ? `${factor}x` : `1/${factor}`} of what ${tool} used last time${from}, as no number was said; say one to choose it)${implies ? `; ${implies.arg} "${implies.value}", the one that takes a ${named.k}` : ''}.` });
  }
  return out;
}

/**
 * The numeric settings `tool`'s last run used, as "name value" ("threshold 412 (the median of the threshold used in each
 * frame), minAreaPx 52"): what a rerun with nothing said to change can be told to change.
 */
export function settingsUsed(tool: string, conversation: Conversation, catalogue: Catalogue, most = 5): string[] {
  const props = catalogue.get(tool)?.properties ?? {};
  const last = [...conversation.earlier].reverse().find((r) => r.ok && r.tool === tool);
  return Object.keys(props)
    .filter((k) => props[k].type === 'number' || props[k].type === 'integer')
    .flatMap((k) => {
      const used = valueUsed(tool, k, last, catalogue);
      return used ? [`${k} ${used.value}${used.from ? ` (the median of the ${used.from})` : ''}`] : [];
    })
    .slice(0, most);
}
