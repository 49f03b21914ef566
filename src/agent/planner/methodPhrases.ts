// A method said by a noun phrase in lower case, its last word the kind of thing it is: "with the linear motion tracker",
// "using the downsampled LoG detector", "with a b-spline transform", "by piecewise-rigid registration", "a top-hat
// filter". No tool offers it when none of its words is one of a tool's allowed values or value words (LAP, overlap,
// median, gaussian, deep learning) and the phrase is no tool's own word ("hessian detector", "spot detector"): it is then
// a method named as not available, as a proper name is (accounted.ts), never folded silently into the step that ran.
import { allowedValues, type Catalogue, selfOf } from './catalogue.ts';
import { CHANNEL_NAMES } from './lexicon.ts';
import { indexFor } from './toolIndex.ts';
import { isStopWord, meaning, tokenize } from './words.ts';

/** The kinds of method a phrase may end on. */
const KIND = 'tracker|tracking|detector|filter|filtering|classifier|segmenter|algorithm|registration|transform|transformation|deconvolution|network|approach|method|plugin|model|linker|linking';

/** Words that say which of ours, or none: degree, age, origin ("the default tracker", "my own model", "a trained network"). */
const GENERIC = new Set(['simple', 'standard', 'default', 'usual', 'normal', 'same', 'basic', 'good', 'better', 'best', 'built-in', 'builtin', 'own', 'custom', 'new', 'old', 'previous', 'other', 'different', 'trained', 'pretrained', 'pre-trained', 'current', 'right', 'appropriate', 'proper', 'fast', 'faster', 'quick', 'classic', 'classical', 'automatic', 'auto', 'manual', 'usual', 'existing', 'available', 'whole', 'entire', 'first', 'second', 'last', 'next', 'this', 'that', 'your', 'my', 'our', 'its', 'their', 'same', 'cellpilot', 'nucleus', 'nuclear', 'nuclei', 'cell', 'cells', 'spot', 'spots', 'object', 'objects']);

/** The articles and quantifiers that may open the phrase (a closed class of function words). */
const ARTICLES = /^(?:the|a|an|some|any)$/i;

/** A method phrase after a word that introduces a method: up to three words before its kind. */
const PHRASE = new RegExp(`\\b(?:with|using|via|by|use|apply|applying|try|run|running)\\s+(?:(?:the|a|an|some)\\s+)?((?:[\\p{L}][\\p{L}\\d]*(?:-[\\p{L}\\d]+)*\\s+){1,3}(?:${KIND}))\\b`, 'giu');

function plain(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\d]/gu, '');
}

/** The value names and value words of the tools, and every tool's own words, as plain names. */
function oursOf(catalogue: Catalogue, tools: string[]): { values: Set<string>; words: Set<string> } {
  const values = new Set<string>();
  const words = new Set<string>();
  for (const [tool, schema] of catalogue) {
    const self = selfOf(tool, catalogue) ?? {};
    for (const w of [...(self.words ?? []), ...Object.keys(self.insteadOf ?? {})]) words.add(plain(w));
    if (!tools.includes(tool)) continue;
    for (const p of Object.values(schema.properties ?? {})) for (const v of allowedValues(p)) values.add(plain(v));
    for (const byValue of Object.values(self.valueWords ?? {})) for (const list of Object.values(byValue)) for (const w of list) values.add(plain(w));
  }
  return { values, words };
}

/**
 * The method phrases of a request that no tool offers, with where they are said: none of their words (one, or two
 * together) is a value of the tools that run (`tools`: "linear" is interpolate_frames' blend, no tracker), and no tail of
 * the phrase is a tool's own word. A channel, a number or a word of which (generic, the things) leaves the phrase ours.
 */
export function lackedMethodPhrases(request: string, catalogue: Catalogue, tools: string[]): { name: string; start: number; end: number }[] {
  const { values, words } = oursOf(catalogue, tools);
  const channels = new Set(CHANNEL_NAMES.map(plain));
  const out: { name: string; start: number; end: number }[] = [];
  for (const m of request.matchAll(PHRASE)) {
    const phrase = m[1];
    const parts = phrase.split(/\s+/);
    // (an article the pattern let into the phrase by skipping its optional one, "with a linking distance", modifies nothing)
    const modifiers = parts.slice(0, -1).filter((w) => !GENERIC.has(w.toLowerCase()) && !ARTICLES.test(w));
    if (modifiers.length === 0) continue;
    if (modifiers.some((w) => /\d/.test(w) && !/\p{L}{2}/u.test(w) || channels.has(plain(w)))) continue;
    // (a word of the phrase, or two together, is one of our values: "the simple LAP tracker", "a deep learning model")
    const pieces = [...modifiers, ...modifiers.slice(1).map((w, i) => `${modifiers[i]} ${w}`), ...modifiers.flatMap((w) => w.split('-'))];
    if (pieces.some((w) => values.has(plain(w)))) continue;
    // (a tail of the phrase is a tool's own word: "the hessian detector", "a spot detector")
    if (parts.some((_, i) => i < parts.length - 1 && words.has(plain(parts.slice(i).join(' '))))) continue;
    // (the words before its kind are what a step of the plan does: "the super resolution model", "the tracking algorithm")
    const index = indexFor(catalogue);
    if (tokenize(modifiers.join(' ')).every((t) => isStopWord(t.word) || index.isWordOf(tools, meaning(t.stem)))) continue;
    const start = (m.index ?? 0) + m[0].length - phrase.length;
    // (from its first word not generic: "the standard linear motion tracker" names "linear motion tracker")
    const first = parts.findIndex((w) => !GENERIC.has(w.toLowerCase()));
    const offset = parts.slice(0, first).reduce((n, w) => n + w.length, 0);
    const from = start + (first > 0 ? phrase.indexOf(parts[first], offset) : 0);
    out.push({ name: request.slice(from, start + phrase.length), start: from, end: start + phrase.length });
  }
  return out;
}
