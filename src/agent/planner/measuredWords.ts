// The words of measured quantities, as the tools that make tables declare them: their own
// words and what each declared result value is ("mean object area", "mean speed", "mean 3-D
// object volume"). A question's word that is none of them (e.g. "plot", "apart") names no
// quantity, whatever else it is; a new tool's declared results add their words here unedited.
import { ALL_TOOLS } from '../allTools.ts';
import { meaning, tokenize } from './words.ts';

let vocabulary: Set<string> | undefined;

/** The meanings of every word the table-making tools use for what they measure. */
function measuredVocabulary(): Set<string> {
  if (vocabulary) return vocabulary;
  const makers = ALL_TOOLS.filter((t) => (t.produces ?? []).includes('table'));
  const texts = makers.flatMap((t) => [...(t.words ?? []), ...Object.entries(t.results ?? {}).flatMap(([key, r]) => [key.replace(/([a-z])([A-Z])/g, '$1 $2'), r.about])]);
  vocabulary = new Set(tokenize(texts.join(' ').replace(/\b(\w{4,})ies\b/gi, '$1y').replace(/\b(\w{3,}[^s])s\b/gi, '$1')).map((t) => meaning(t.stem)));
  return vocabulary;
}

/** True when every word of a name ("nuclear area", "speed", "volume") is one the tools measure, or an adjective of it they also write. */
export function namesMeasuredQuantity(name: string): boolean {
  const words = tokenize(name.replace(/\b(\w{4,})ies\b/gi, '$1y').replace(/\b(\w{3,}[^s])s\b/gi, '$1'));
  const known = measuredVocabulary();
  return words.length > 0 && words.some((t) => known.has(meaning(t.stem)));
}

let declared: string[] | undefined;

/** What each value the table-making tools declare is, in their words, singular and lower case ("mean track duration"). */
function declaredResultWords(): string[] {
  declared ??= ALL_TOOLS.filter((t) => (t.produces ?? []).includes('table')).flatMap((t) => Object.values(t.results ?? {}).map((r) => ` ${singular(r.about.toLowerCase())} `));
  return declared;
}

const singular = (text: string) => text.replace(/\b(\w{4,})ies\b/g, '$1y').replace(/\b(\w{3,}[^s])s\b/g, '$1');

/**
 * True when a text opens with two words that together name a value a tool declares ("track
 * duration per track", "confinement ratios of each cell", "object area in frame 2"): a quantity
 * named, not a verb and its object, whatever a verb its first word can be ("track").
 */
export function opensWithDeclaredQuantity(text: string): boolean {
  const words = singular(text.toLowerCase()).replace(/^\s*(?:(?:and|so|now|also)\s+)?(?:(?:the|their|its|each|every)\s+)?/, '').split(/[^\p{L}\d-]+/u);
  if (words.length < 2 || !words[0] || !words[1]) return false;
  const opening = ` ${words[0]} ${words[1]} `;
  return declaredResultWords().some((about) => about.includes(opening));
}

let operations: string[] | undefined;

/** The names of operations in two or more words that the tools which make no table declare ("median filter", "max projection"), lower case. */
function operationNames(): string[] {
  // (only those opening with a statistic's word: "count nuclei" of segment still asks a count)
  operations ??= ALL_TOOLS.filter((t) => !(t.produces ?? []).includes('table')).flatMap((t) => t.words ?? []).map((w) => w.toLowerCase()).filter((w) => /^(?:mean|median|average|max(?:imum)?|min(?:imum)?|sum|std)\s+[\p{L}-]+/u.test(w));
  return operations;
}

/**
 * True when a text opens with an operation a tool names in its own words whose first word is also
 * a statistic ("median filter 3x3, then segment", "mean filter first"): the name of a step, never
 * a statistic asked of the data.
 */
export function opensWithOperationName(text: string): boolean {
  const opening = text.toLowerCase().replace(/^\s*(?:(?:and|so|now|also|then|first|please|pls)\s+)*(?:(?:a|an|the)\s+)?/, '');
  return operationNames().some((name) => opening.startsWith(name) && /^(?:[^\p{L}\d]|$)/u.test(opening.slice(name.length)));
}
