// Enum arguments read from the words of a clause: each allowed value of the tool's
// schema, and the words the tool declares for it (`valueWords`), matched with the
// thesaurus and spelling tolerance. "Li threshold instead of Otsu" → method "li".
import type { ToolSelfDescription } from '../../../tools/types.ts';
import { type Catalogue, type PropertyInfo, selfOf } from './catalogue.ts';
import { allowedEdits, editDistance, meaning, type Token, type Tokens, tokenize } from './words.ts';
import { indexFor } from './toolIndex.ts';
import { memoForStep } from './stepMemo.ts';

function enumValues(p: PropertyInfo | undefined): string[] {
  if (!p) return [];
  if (p.enum) return p.enum.filter((v): v is string => typeof v === 'string');
  return (p.anyOf ?? []).flatMap(enumValues);
}

/** A unit said with "in" or "as", then "instead" (a unit, not a value of a step, is what is swapped). */
const UNIT_INSTEAD = /(\b(?:in|as)\s+(?:square\s+)?(?:µm|um|μm|microns?|micrometers?|micrometres?|nm|mm|px|pixels?|sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|hours?|frames?)(?:\s*(?:²|\^?2|\/\s*[a-zµμ]+))?)\s+instead\b(?!\s+of\b)/gi;

/** A thing said after a comparison of worth ("more helpful than graphs", "better than a plot"), not a number. */
const WORTH_LESS_THAN = /\b(?:better|more\s+(?:helpful|useful|important|informative|interesting|relevant|practical|convenient)|easier|nicer|preferable|handier)(?:\s+(?:to|for)\s+(?:me|us|my\s+[\p{L}]+|our\s+[\p{L}]+))?\s+than\s+(?![\d.])(?:the\s+|a\s+|an\s+|any\s+|some\s+)?[\p{L}-]+/giu;

/** Words after "instead of", "rather than", "not", "except", "without": values the person does not want. */
export function withoutRejected(text: string): string {
  // ("not as csv", "don't use otsu": the value after the word that introduces it)
  // ("the area in um^2 instead", "speeds in µm/min instead": "instead" after a unit swaps the unit, never a step run again)
  // ("exact numbers will be more helpful than graphs", "a table is better for me than a plot": what is said to be worth
  // less is not asked for; never a bound, "more than 10 frames", "faster than 2 µm/min")
  return text.replace(WORTH_LESS_THAN, (m) => m.replace(/[^\s]/g, '_')).replace(UNIT_INSTEAD, (m, unit: string) => `${unit}${m.slice(unit.length).replace(/[^\s]/g, '_')}`).replace(/(?:\bw\/o|\b(?:instead\s+of|rather\s+than|not|don'?t|never|except|but\s+not|without))\s+(?:(?:use|using|as|in|with|to|into|via|by)\s+)?(?:the\s+|an?\s+|any\s+)?[\w-]+/gi, (m) => m.replace(/[^\s]/g, '_'));
}

/**
 * The step said under "no" masked ("no tracking needed", "no tracks"): a step turned down, never a value of another step's
 * choice. A value turned down ("no gaussian") stays, for the reader of values turned down to name; "no more than" too.
 */
export function withoutSaidNone(text: string, catalogue: Catalogue): string {
  const steps = new Set([...catalogue.keys()].filter((t) => !t.includes('_')).map((t) => tokenize(t)[0]?.stem));
  return text.replace(/\bno\s+(?:(?:the|any)\s+)?([\p{L}-]+)/giu, (m, word: string) => (steps.has(tokenize(word)[0]?.stem) ? m.replace(/[^\s]/g, '_') : m));
}

/**
 * The tokens without the parts of a name written with capitals inside it ("StarDist", "FluxMapper"): a name is one
 * word, and its parts ("dist") name no value (of a hyphenated word, "frame-to-frame", the parts stay words).
 */
function withoutNameParts(tokens: Tokens, text: string): Tokens {
  return tokens.filter((t) => !t.part || !/\p{Ll}\p{Lu}/u.test(text.slice(t.start, t.end)));
}

function stems(text: string): string[] {
  return tokenize(text).map((t) => meaning(t.stem));
}

/**
 * Where the phrase's words follow in order, each within three words of the one before, with no clause break between
 * them (`breaks[i]`: punctuation before word i): "over time, colour LUT fire" says no "time colour".
 */
function indexOfPhrase(haystack: string[], phrase: string[], breaks?: boolean[]): number {
  for (let i = 0; i < haystack.length; i++) {
    if (haystack[i] !== phrase[0]) continue;
    let j = i;
    let ok = true;
    for (let k = 1; k < phrase.length && ok; k++) {
      const next = haystack.slice(j + 1, j + 4).indexOf(phrase[k]);
      if (next < 0) ok = false;
      else j += next + 1;
    }
    if (ok && breaks && breaks.slice(i + 1, j + 1).some(Boolean)) ok = false;
    if (ok) return i;
  }
  return -1;
}

/** For each word, whether punctuation that ends a clause or a list item stands between it and the word before. */
function clauseBreaks(tokens: Tokens, text: string): boolean[] {
  return tokens.map((t, i) => i > 0 && /[,;:.!?()]/.test(text.slice(tokens[i - 1].end, t.start)));
}

const NEGATED_NAME = /^(?:no|not|without|don't|dont|never)\s/i;

/** True when the text says the negated name, its negation and words in order ("no clustering", "without any clustering"). */
function saysNegated(text: string, name: string): boolean {
  const [negation, ...rest] = name.split(/\s+/);
  const first = tokenize(rest.join(' ')).map((t) => meaning(t.stem))[0];
  const said = tokenize(text);
  return said.some((t, i) => meaning(t.stem) === first && new RegExp(`\\b(?:${negation}|no|not|without|don't|dont|never)\\s+(?:[\\w-]+\\s+){0,2}$`, 'i').test(text.slice(Math.max(0, t.start - 30), t.start)) && i >= 0);
}

/** A name whose words are joined by a small word that the stems leave out ("frame-to-frame", "end-to-end"). */
const LINKED_COMPOUND = /[\p{L}]+-(?:to|by|in|on|of|for|per|and)-[\p{L}]+/iu;

/** The text says the compound with its own small word, hyphens or spaces between ("frame to frame"). */
function saysCompound(text: string, name: string): boolean {
  const words = name.trim().split(/[\s-]+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(String.raw`\b${words.join(String.raw`[\s-]+`)}\b`, 'i').test(text);
}

/** The phrases that name each allowed value: the tool's value words, else the value itself. */
function namesOf(value: string, declared: Record<string, string[]> | undefined): string[] {
  const words = declared?.[value];
  if (words?.length) return words;
  return [value.replace(/_/g, ' ')];
}

/**
 * The allowed value of `arg` that the text names (the longest name wins, then the first
 * written), or undefined. Reads the enum from the bound schema, else from the tool's values.
 */
export function findEnumValue(tool: string, arg: string, text: string, catalogue: Catalogue): string | undefined {
  // (asked several times per planning step with the same words: stepMemo.ts)
  return memoForStep(catalogue, 'findEnumValue', `${tool}\0${arg}\0${text}`, () => findEnumValueNow(tool, arg, text, catalogue));
}

function findEnumValueNow(tool: string, arg: string, text: string, catalogue: Catalogue): string | undefined {
  const self: Partial<ToolSelfDescription> | undefined = selfOf(tool, catalogue);
  const declared = self?.valueWords?.[arg];
  const values = enumValues(catalogue.get(tool)?.properties[arg]);
  const candidates = values.length ? values : Object.keys(declared ?? {});
  // (read as the matcher reads them: "prev frame" is "previous frame", a shorthand or a slip of the tools' words)
  // ("measure their area, no tracking": a word under "no" chooses no value, unless a value of this argument is named so, "no clustering")
  const read = candidates.some((v) => namesOf(v, declared).some((n) => NEGATED_NAME.test(n))) ? withoutRejected(text) : withoutSaidNone(withoutRejected(text), catalogue);
  const tokens = withoutNameParts(tokenize(read), text);
  const words = indexFor(catalogue).meanings(tokens);
  const written = tokens.map((t) => t.stem);
  const breaks = clauseBreaks(tokens, read);
  // values the thesaurus makes one meaning ("nuclei", "cells" of segment's target) are told apart only as written:
  // "outline every nucleus" is no "outline cells"
  const confusable = new Set(candidates.map((v) => stems(v.replace(/_/g, ' ')).join(' '))).size < candidates.length;
  const saysAs = /\bas\s/i.test(text);
  let best: { value: string; asForm: boolean; literal: boolean; length: number; at: number } | undefined;
  for (const value of candidates) {
    for (const name of namesOf(value, declared)) {
      const phrase = stems(name);
      if (phrase.length === 0) continue;
      const at = confusable ? indexOfPhrase(written, tokenize(name).map((t) => t.stem), breaks) : indexOfPhrase(words, phrase, breaks);
      if (at < 0) continue;
      // "no clustering", "no model": the negation is part of the name ("cluster the cells" is no "no clustering")
      if (NEGATED_NAME.test(name) && !saysNegated(text, name)) continue;
      // a compound joined by a small word is said with that word ("frame-by-frame" is no "frame-to-frame")
      if (LINKED_COMPOUND.test(name) && !saysCompound(text, name)) continue;
      // a value written as itself beats one reached through the thesaurus ("cell migration": tracks by "migration", not objects by "cell")
      const literal = indexOfPhrase(written, tokenize(name).map((t) => t.stem)) >= 0;
      // a negated name said ("no deep learning") outweighs the same words without it
      // (a name said word for word counts its small words too: "per step" says more than "speeds"; "the tracked cells" is no "per track")
      const wordForWord = new RegExp(String.raw`\b${name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, String.raw`\s+`)}\b`, 'i').test(text);
      const length = (wordForWord ? Math.max(phrase.length, name.trim().split(/\s+/).length) : phrase.length) + (NEGATED_NAME.test(name) ? 1 : 0);
      // the form asked for beats a value said as a thing ("plot the mean speed of each track as a histogram": histogram, not tracks)
      // ("export the label images as 16-bit PNG": a bit depth or a resolution before the form's name still says the form)
      const asForm = saysAs && new RegExp(String.raw`\bas\s+(?:an?\s+)?(?:\d{1,4}[\s-]?(?:bits?|dpi|ppi)\s+)?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s_]+/g, String.raw`[\s_-]+`)}\b`, 'i').test(text);
      const better = !best || (asForm !== best.asForm ? asForm : literal !== best.literal ? literal : length > best.length || (length === best.length && at < best.at));
      if (better) best = { value, asForm, literal, length, at };
    }
  }
  return best?.value ?? otherOfTwo(candidates, text) ?? shortenedValue(valueNamesOf(tool, arg, candidates, declared, catalogue), tokens, knownWords(catalogue));
}

/** What shortenedValue reads of one argument of one tool: the words of the tool's description and its values' one-word names. */
interface ValueNames {
  own: Set<string>;
  names: { value: string; name: string }[];
}

/** ValueNames per catalogue, tool and argument (they depend on the declarations alone; every clause asks of every argument). */
const VALUE_NAMES = new WeakMap<Catalogue, Map<string, ValueNames>>();

function valueNamesOf(tool: string, arg: string, candidates: string[], declared: Record<string, string[]> | undefined, catalogue: Catalogue): ValueNames {
  let byArgument = VALUE_NAMES.get(catalogue);
  if (!byArgument) VALUE_NAMES.set(catalogue, (byArgument = new Map()));
  const key = `${tool}\0${arg}`;
  let kept = byArgument.get(key);
  if (!kept) {
    // a word the tool's own description uses stands for itself ("noise" is no start of "noise2void")
    // (by stem: "frame" stands for itself where the description says "frames")
    const own = new Set(tokenize(catalogue.get(tool)?.description ?? '').flatMap((t) => [t.word, t.stem]));
    const names = candidates.flatMap((value) => namesOf(value, declared).filter((n) => !/\s/.test(n)).map((n) => ({ value, name: n.toLowerCase() })));
    byArgument.set(key, (kept = { own, names }));
  }
  return kept;
}

/**
 * Of an argument with two values, the other one when the text rejects one by name ("segment the cells, not the
 * nuclei" → cells; "over time rather than z" → time): the person said which they do not want.
 */
function otherOfTwo(candidates: string[], text: string): string | undefined {
  if (candidates.length !== 2) return undefined;
  const masked = withoutRejected(text);
  const rejected = [...text].map((ch, i) => (masked[i] !== ch ? ch : ' ')).join('');
  if (!/\w/.test(rejected)) return undefined;
  const said = tokenize(rejected).map((t) => t.stem);
  const named = candidates.filter((v) => indexOfPhrase(said, tokenize(v.replace(/_/g, ' ')).map((t) => t.stem)) >= 0);
  return named.length === 1 ? candidates.find((v) => v !== named[0]) : undefined;
}

/**
 * A value written as the start of its one-word name ("gauss" of "gaussian", "expon" of
 * "exponential", "hist" of "histogram"): five letters or more (four of a name of eight or
 * more), and the start of no other value's name.
 */
const KNOWN = new WeakMap<Catalogue, Set<string>>();
/** A word's slip of a one-word value among the names given, or null: by word and names. */
const SLIPS = new Map<string, string | null>();

/** Every word of every tool's description and declared words, written as they are ("overlay" is a word, no slip of "overlap"). */
function knownWords(catalogue: Catalogue): Set<string> {
  let known = KNOWN.get(catalogue);
  if (!known) {
    known = new Set([...catalogue.entries()].flatMap(([name, info]) => tokenize([info.description ?? '', ...(selfOf(name, catalogue)?.words ?? []), ...(selfOf(name, catalogue)?.examples ?? [])].join(' ')).map((t) => t.word)));
    KNOWN.set(catalogue, known);
  }
  return known;
}

function shortenedValue({ own, names }: ValueNames, said: Tokens, known: Set<string> = new Set()): string | undefined {
  // a whole word of a hyphenated name is no shortening of it: "frame" is one word of "frame-to-frame", which needs them all
  const wholePart = (word: string, name: string) => name.includes('-') && name.split('-').includes(word);
  for (const t of said) {
    if (t.word.length < 4 || own.has(t.word) || own.has(t.stem)) continue;
    // (four letters only of a long name: "hist" of "histogram"; "over" is no "overlap")
    const hits = new Set(names.filter((n) => n.name.length > t.word.length && n.name.startsWith(t.word) && !wholePart(t.word, n.name) && (t.word.length >= 5 || n.name.length >= 8)).map((n) => n.value));
    if (hits.size === 1) return [...hits][0];
  }
  // "umpa", "tnse": a short one-word name with two neighbouring letters swapped, its letters all there and its first kept
  for (const t of said) {
    if (t.part || t.word.length < 4 || t.word.length > 5 || own.has(t.word) || own.has(t.stem) || known.has(t.word)) continue;
    const letters = [...t.word].sort().join('');
    const hits = new Set(names.filter((n) => n.name.length === t.word.length && n.name[0] === t.word[0] && n.name !== t.word && [...n.name].sort().join('') === letters && editDistance(t.word, n.name, 1) === 1).map((n) => n.value));
    if (hits.size === 1) return [...hits][0];
  }
  // "tirangle", "otsus methd": a one-word name of six letters or more misspelt by one edit (two above eight letters), no word of
  // the tool's own description, and a slip of no other value's name
  for (const t of said) {
    if (t.part || t.word.length < 6 || own.has(t.word) || own.has(t.stem) || known.has(t.word)) continue;
    // (the same word against the same names gives the same answer: kept, as the planner asks often)
    const key = `${t.word}|${names.map((n) => n.name).join(',')}`;
    let hit = SLIPS.get(key);
    if (hit === undefined) {
      const hits = new Set(names.filter((n) => n.name.length >= 6 && !/[^a-z]/.test(n.name) && n.name !== t.word && editDistance(t.word, n.name, allowedEdits(n.name)) <= allowedEdits(n.name)).map((n) => n.value));
      hit = hits.size === 1 ? [...hits][0] : null;
      if (SLIPS.size > 20000) SLIPS.clear();
      SLIPS.set(key, hit);
    }
    if (hit) return hit;
  }
  return undefined;
}
