// The matcher: scores a clause of a request against every tool's own self-description
// (its words, the words of its argument values, its examples and summary), TF-IDF
// style, with the domain thesaurus and spelling tolerance of words.ts. A tool is a
// candidate only when one of its own words (or value words) is in the clause; examples
// and the summary only rank the candidates.
import type { ToolSelfDescription } from '../../../tools/types.ts';
import { allowedEdits, editDistance, isStopWord, meaning, normalizeWord, soundsLike, type Token, type Tokens, tokenize } from './words.ts';
import { isEverydayWord } from './english.ts';

export interface DescribedTool {
  name: string;
  description: string;
  self?: Partial<ToolSelfDescription>;
  /** Allowed values of its enum arguments, by argument. */
  enums?: Record<string, string[]>;
  /** Its arguments' names ("allowGapClosing", "maxFrameGap"). */
  argumentNames?: string[];
}

/** The words of argument names (units left out): "allowGapClosing" → allow gap closing. */
/** The letters of `short` appear in `long` in the same order. */
function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

function argumentWords(names: string[]): string[] {
  return names.map((n) => n.replace(/(Px|Pixels?|Um|Ms|S|Seconds?|Percent)$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'));
}

interface Phrase {
  /** Meanings of the phrase's words, in order. */
  stems: string[];
  /** A word of an argument's name, not of the tool itself. */
  argument?: boolean;
  /** Words as written (the parts of a hyphenated word count once). */
  length: number;
  weight: number;
  /** Counts as evidence that the clause asks for this tool. */
  anchor: boolean;
  /** Words of an argument's allowed value ("all frames" of axis time), not of the tool itself. */
  value?: boolean;
  /** A value of a unit argument ("min" of timeUnit): said after a number it is still this tool's. */
  unit?: boolean;
  /** A word of the tool's summary: its sentence about itself, in everyday words ("written as a new movie"); it only ranks. */
  summary?: boolean;
  /**
   * An adjective and the action it qualifies ("temporal upsampling", "spatial registration"): said as the action's verb and
   * the adjective's noun, in that order ("upsample the time", "register in space"), it is the same phrase.
   */
  reversible?: boolean;
  /**
   * The preposition written before the phrase's last word ("in" of "upsample in time", "along" of "project along z"): that
   * word with its preposition is an adverb of the rest, which may stand after the verb's object ("upsample the frames 2x in
   * time") as English puts it.
   */
  preposition?: string;
}

interface ToolDoc {
  name: string;
  phrases: Phrase[];
  /** The tool's name as meanings ("kymograph", "segment"): a request that names it asks for it. */
  nameStems: string[];
  /** The faults it declares it takes away (`removes`), each as meanings ("uneven background" → uneven, background). */
  removes: string[][];
}

export interface Match {
  tool: string;
  score: number;
  /** Where in the clause the first of the tool's own words is. */
  at: number;
  /** The tool's own words found ("segment", "li threshold"). */
  matched: string[];
  /** The tool's name is in the words as the thing to make ("segment it", "draw a kymograph"), not as a result ("the tracks"). */
  named?: boolean;
  /** Only words of its arguments' names were found ("no gap closing"): how a step runs, not which step. */
  byArgument?: boolean;
  /** A word of the tool's name is among those found ("count the divisions" for detect_divisions), however many tools use it. */
  nameWord?: boolean;
}

/** A value's words that are a question's opening ("how far", "how long"): the form of what is asked, not the thing asked about. */
const QUESTION_FORM = /^(?:how|what|which|when|where|why)\b/i;

/** Words before a tool's name that make it a result (what is said of, counted or shared out), not the thing to make: "the tracks", "% of tracks", "how many tracks". */
const AS_A_RESULT = /(?:\b(?:the|those|these|my|our|its|their|how many|(?:percent(?:age)?|fraction|proportion|share)\s+of)|%\s*of)\s+$/i;

/** Two words, an adjective (-al, -ic, -ar) and a noun of action (-ing, -ion, -ment): "temporal upsampling", "spatial resolution". */
const ADJECTIVE_OF_ACTION = /^[a-z]+(?:al|ic|ar)\s+[a-z]+(?:ing|ion|ment)$/i;

/** Words written right after a number that are its unit ("every 20 min", "5 s", "3 px"), never a value of a setting ("min" of a projection). */
const UNIT_AFTER_NUMBER = /^(?:min|mins|s|sec|secs|h|hr|hrs|px|nm|um|µm|ms|x)$/i;

/** A phrase whose last word follows a preposition of where or along what ("upsample in time", "register in z"): group 1. */
const ADVERBIAL_PREPOSITION = /^[\p{L}-]+(?:\s+[\p{L}-]+)?\s+(in|along|across|over)\s+[\p{L}-]+$/iu;

const WEIGHT = { words: 3, valueWords: 1.5, name: 2, argumentWords: 1, examples: 1, summary: 0.5 } as const;

function phrasesOf(texts: string[], weight: number, anchor: boolean): Phrase[] {
  const out: Phrase[] = [];
  for (const text of texts) {
    const tokens = tokenize(text);
    // (a word said twice is said twice: "side by side" is no "side"; only the parts of a hyphenated word repeat it whole)
    const whole = tokens.map((t) => meaning(t.stem)).filter((stem, i, all) => all.indexOf(stem) === i || (!tokens[i].part && !tokens[all.indexOf(stem)].part));
    if (whole.length === 0) continue;
    const preposition = whole.length >= 2 ? ADVERBIAL_PREPOSITION.exec(text.trim())?.[1]?.toLowerCase() : undefined;
    if (anchor) out.push({ stems: whole, length: tokens.filter((t) => !t.part).length, weight, anchor, ...(whole.length === 2 && ADJECTIVE_OF_ACTION.test(text.trim()) ? { reversible: true } : {}), ...(preposition ? { preposition } : {}) });
    else for (const s of whole) out.push({ stems: [s], length: 1, weight, anchor });
  }
  return out;
}

/** Every meaning a tool's own texts use (words, values, examples, summary, description). */
function vocabularyOf(t: DescribedTool): Set<string> {
  const self = t.self ?? {};
  const texts = [t.name.replace(/_/g, ' '), t.description, self.summary ?? '', ...(self.words ?? []), ...(self.examples ?? []),
    ...Object.values(self.valueWords ?? {}).flatMap((v) => Object.values(v).flat()), ...Object.values(t.enums ?? {}).flat()];
  return new Set(tokenize(texts.join(' ')).map((k) => meaning(k.stem)));
}

/** A word in the texts of this many tools or more says little about which one is asked for, or what a request is about ("file", "movie", "frame", "how"); compare with `spread`. */
export const GENERIC_SPREAD = 7;

/** A verb a tool's example requests open with, before what it acts on ("segment the nuclei", "track them"). */
export interface StepVerb {
  /** The tools whose examples open with it. */
  tools: string[];
  /** Meanings of what those examples act on ("nucleus", "cell"): a word after the verb that is one of them is its object. */
  objects: Set<string>;
}

/** Words that stand before what a verb acts on ("the", "them"): a word of an example before one of them is its verb. */
export const OBJECT_OPENER = /^(?:the|a|an|it|them|all|each|every|my|our|your|this|these|those|its|their|both|everything)$/i;

/** Verbs of the tools' examples, as written, from each example "VERB [the] OBJECT ..." whose verb has an object opener after it in some example. */
function stepVerbsOf(tools: DescribedTool[]): Map<string, StepVerb> {
  const found = new Map<string, { tools: Set<string>; objects: Set<string>; opened: boolean }>();
  for (const t of tools) {
    for (const example of t.self?.examples ?? []) {
      const [verb, second, third] = example.toLowerCase().split(/[^\p{L}-]+/u).filter(Boolean);
      if (!verb || !second || isStopWord(verb) || /^(?:what|how|which|when|why|where|who|whether|if)$/.test(verb)) continue;
      const opened = OBJECT_OPENER.test(second);
      const object = opened ? third : second;
      const entry = found.get(verb) ?? { tools: new Set<string>(), objects: new Set<string>(), opened: false };
      entry.tools.add(t.name);
      entry.opened ||= opened;
      const objectToken = object ? tokenize(object)[0] : undefined;
      if (objectToken) entry.objects.add(meaning(objectToken.stem));
      found.set(verb, entry);
    }
  }
  return new Map([...found].filter(([, e]) => e.opened).map(([verb, e]) => [verb, { tools: [...e.tools], objects: e.objects }]));
}

/** The index of the tools' self-descriptions, built once per catalogue. */
export class ToolIndex {
  private readonly docs: ToolDoc[];
  private readonly idf = new Map<string, number>();
  private readonly stemIdf = new Map<string, number>();
  private toolsUsing = new Map<string, number>();
  private readonly vocabulary: string[];
  private readonly fuzzyCache = new Map<string, string | undefined>();
  /** Meanings of the tools' words, values, names and examples (not of their summaries nor their arguments' names). */
  private readonly domain = new Set<string>();
  private readonly written = new Set<string>();
  /** The tools' words as written, to their meanings ("segmentation" → "mask"): a misspelling is closer to the whole word than to its stem. */
  private readonly writtenWords = new Map<string, string>();
  /** Meanings of the tools' own words (not only of their examples). */
  private readonly anchors = new Set<string>();
  /** The words of the tools' names as written ("track", "segment"), to their meanings. */
  private readonly nameWords = new Map<string, string>();
  /** Meanings of the words of every argument's name ("allowMerging" → allow, merge). */
  private readonly argumentStems = new Set<string>();
  /** The one-word values the tools declare, as written ("histogram", "exponential"). */
  private readonly valueWritten = new Set<string>();
  /** Allowed values of four letters as written ("umap", "tsne"), to their meanings: a slip of one only swaps two letters. */
  private readonly shortValues = new Map<string, string>();
  /** The tools' phrases of two words as written ("cross correlation", "hierarchical clustering"), for shorthand joined into one word ("xcorr", "hclust"). */
  private readonly twoWordPhrases: [string, string, string][] = [];
  /** Initials of the tools' phrases of two or three words ("dc" of drift correction), to the phrase's rarest meaning; undefined when two tools share them. */
  private readonly initials = new Map<string, string | undefined>();
  /** The verbs the tools' example requests open with (stepVerbsOf), as written. */
  private readonly stepVerbs: Map<string, StepVerb>;

  constructor(tools: DescribedTool[]) {
    this.stepVerbs = stepVerbsOf(tools);
    // an enum value that is another tool's word (help's topic "drift") does not name the tool
    const otherWords = new Set(tools.flatMap((t) => [...(t.self?.words ?? []), t.name.replace(/_/g, ' ')]).flatMap((w) => tokenize(w).map((k) => meaning(k.stem))));
    // a word of the arguments' names that one or two tools use ("gap" of maxFrameGap) names them, weakly
    const argumentUse = new Map<string, number>();
    for (const t of tools) for (const stem of new Set(tokenize(argumentWords(t.argumentNames ?? []).join(' ')).map((k) => meaning(k.stem)))) argumentUse.set(stem, (argumentUse.get(stem) ?? 0) + 1);
    for (const stem of argumentUse.keys()) this.argumentStems.add(stem);
    this.docs = tools.map((t) => {
      const self = t.self ?? {};
      const ownArgumentWords = [...new Set(tokenize(argumentWords(t.argumentNames ?? []).join(' ')).map((k) => k.word))].filter((w) => w.length > 2 && (argumentUse.get(meaning(normalizeWord(w))) ?? 0) <= 2 && !otherWords.has(meaning(normalizeWord(w))));
      // an allowed value names the tool by itself ("otsu", "umap") unless the tool declares the words for it
      const declared = self.valueWords ?? {};
      const valueWords = [
        ...Object.values(declared).flatMap((values) => Object.values(values).flat()),
        ...Object.entries(t.enums ?? {}).flatMap(([arg, values]) => values.filter((v) => !declared[arg]?.[v] && v.length > 2 && !otherWords.has(meaning(normalizeWord(v)))).map((v) => v.replace(/_/g, ' '))),
      ];
      // (the values of a unit argument, "min" of timeUnit: said after a number they are that unit, and name the tool)
      const unitValues = new Set(Object.entries(t.enums ?? {}).filter(([arg]) => /unit$/i.test(arg)).flatMap(([, values]) => values.map((v) => tokenize(v.replace(/_/g, ' ')).map((k) => meaning(k.stem)).join(' '))));
      return {
        name: t.name,
        nameStems: tokenize(t.name.replace(/_/g, ' ')).map((k) => meaning(k.stem)),
        removes: (self.removes ?? []).map((r) => tokenize(r).map((k) => meaning(k.stem))).filter((r) => r.length > 0),
        phrases: [
          ...phrasesOf(self.words ?? [], WEIGHT.words, true),
          // a value said in several words ("tracks on top of the projection") is as telling as a tool's own word
          ...phrasesOf(valueWords.filter((v) => !QUESTION_FORM.test(v)), WEIGHT.valueWords, true).map((p) => ({ ...(p.length > 1 ? { ...p, weight: WEIGHT.words } : p), value: true, ...(unitValues.has(p.stems.join(' ')) ? { unit: true } : {}) })),
          // (a value said as a question's form, "how far", ranks the tool but names no step over another tool's own word: "how far did the sample drift?" asks the drift)
          ...phrasesOf(valueWords.filter((v) => QUESTION_FORM.test(v)), WEIGHT.valueWords, false).map((p) => ({ ...p, value: true })),
          ...phrasesOf([t.name.replace(/_/g, ' ')], WEIGHT.name, true),
          ...phrasesOf(ownArgumentWords, WEIGHT.argumentWords, true).map((p) => ({ ...p, argument: true })),
          ...phrasesOf(self.examples ?? [], WEIGHT.examples, false),
          ...phrasesOf([self.summary ?? t.description.split(/(?<=\.)\s/)[0]], WEIGHT.summary, false).map((p) => ({ ...p, summary: true })),
        ],
      };
    });
    // a word's weight: rarer across the tools' whole texts is more telling ("kymograph" over "draw" or "movie")
    const df = new Map<string, number>();
    for (const t of tools) for (const stem of vocabularyOf(t)) df.set(stem, (df.get(stem) ?? 0) + 1);
    for (const [stem, n] of df) this.stemIdf.set(stem, Math.log(1 + this.docs.length / n));
    this.toolsUsing = df;
    // a value said only in words a third of the tools use ("all frames") says how a step runs, not which step
    for (const doc of this.docs) for (const p of doc.phrases) if (p.value && p.stems.every((stem) => (df.get(stem) ?? 0) * 3 >= tools.length)) p.anchor = false;
    for (const doc of this.docs) {
      for (const p of doc.phrases) {
        const key = p.stems.join(' ');
        // a phrase is as telling as its rarest word ("outline nuclei" as "outline")
        // (argument words only rank: they are no words of the tools' own for knowing or correcting a word)
        if (!this.idf.has(key) && !p.argument) this.idf.set(key, Math.max(...p.stems.map((stem) => this.stemIdf.get(stem) ?? 1)));
      }
    }
    this.vocabulary = [...new Set(this.docs.flatMap((d) => d.phrases.filter((p) => !p.argument).flatMap((p) => p.stems)))];
    // (a word only a summary writes, "new", "original", "left", is an everyday word of that sentence, not one of the domain:
    // a tool added with such a sentence must not change how the words of every other request are read)
    for (const d of this.docs) for (const p of d.phrases) if (!p.argument && !p.summary) for (const stem of p.stems) this.domain.add(stem);
    for (const d of this.docs) for (const p of d.phrases) if (p.anchor && !p.argument) for (const stem of p.stems) this.anchors.add(stem);
    for (const t of tools) for (const token of tokenize(t.name.replace(/_/g, ' '))) this.nameWords.set(token.word, meaning(token.stem));
    for (const t of tools) for (const v of [...Object.values(t.self?.valueWords ?? {}).flatMap((values) => Object.values(values).flat()), ...Object.values(t.enums ?? {}).flat()]) if (/^[a-z]{5,}$/i.test(v)) this.valueWritten.add(v.toLowerCase());
    for (const t of tools) for (const v of Object.values(t.enums ?? {}).flat()) if (/^[a-z]{4}$/i.test(v)) this.shortValues.set(v.toLowerCase(), meaning(normalizeWord(v)));
    // lab initials: "DC" for drift correction, "BC" for bleach correction (a tool's name is a verb and its object; people say the noun first)
    // (initials of a tool's name win over those of its words: "dc" is drift correction before "dividing cells")
    const byName = new Map<string, string | undefined>();
    const byWords = new Map<string, string | undefined>();
    const initialsOf = (phrase: string, into: Map<string, string | undefined>, tool: string) => {
      const tokens = tokenize(phrase).filter((k) => !k.part);
      if (tokens.length < 2 || tokens.length > 3 || tokens.length !== phrase.trim().split(/[\s-]+/).length) return;
      const key = tokens.map((k) => k.word[0]).join('');
      // the word that singles the tool out: in the fewest tools' names, then the rarest in their texts
      const inNames = (stem: string) => tools.filter((o) => tokenize(o.name.replace(/_/g, ' ')).some((k) => meaning(k.stem) === stem)).length;
      const rarest = tokens.map((k) => meaning(k.stem)).sort((a, b) => inNames(a) - inNames(b) || (this.stemIdf.get(b) ?? 0) - (this.stemIdf.get(a) ?? 0))[0];
      const owner = `${tool}:${rarest}`;
      into.set(key, into.has(key) && into.get(key) !== owner && into.get(key)?.split(':')[0] !== tool ? undefined : into.get(key) ?? owner);
    };
    for (const t of tools) {
      const name = t.name.split('_');
      for (const phrase of [name.join(' '), ...(name.length === 2 ? [`${name[1]} ${name[0]}`] : [])]) initialsOf(phrase, byName, t.name);
      for (const phrase of t.self?.words ?? []) initialsOf(phrase, byWords, t.name);
    }
    for (const [key, owner] of [...byWords, ...byName]) this.initials.set(key, owner?.split(':')[1]);
    // two-word phrases as written, with the meaning of their last word (the head: "correlation" of "cross correlation")
    for (const t of tools) {
      const values = [...Object.values(t.self?.valueWords ?? {}).flatMap((v) => Object.values(v).flat()), ...Object.values(t.enums ?? {}).flat()];
      for (const phrase of [...(t.self?.words ?? []), ...values]) {
        const parts = phrase.toLowerCase().split(/[\s_-]+/).filter(Boolean);
        if (parts.length !== 2 || parts.some((w) => !/^[a-z]{3,}$/.test(w))) continue;
        const head = tokenize(parts[1])[0];
        if (head && !this.twoWordPhrases.some(([a, b]) => a === parts[0] && b === parts[1])) this.twoWordPhrases.push([parts[0], parts[1], meaning(head.stem)]);
      }
    }
    // the words as written in the descriptions too ("segment" before the thesaurus made it "mask"), for misspellings
    for (const t of tools) {
      const texts = [...(t.self?.words ?? []), ...(t.self?.examples ?? []), t.name.replace(/_/g, ' ')];
      for (const token of tokenize(texts.join(' '))) {
        this.written.add(token.stem);
        if (token.word.length > 4) this.writtenWords.set(token.word, meaning(token.stem));
      }
    }
  }

  /**
   * The step a word is the verb of, when it is written as a verb some tool's examples open with, in
   * the same form ("segment", "stabilize" for "stabilise"; not "segmented", "tracks", "segmentation").
   */
  stepVerb(written: string): StepVerb | undefined {
    const word = written.toLowerCase();
    const exact = this.stepVerbs.get(word);
    if (exact) return exact;
    // (British or American spelling of the same form: the same stem and length, "-ise" for "-ize")
    const stem = normalizeWord(word);
    for (const [verb, entry] of this.stepVerbs) if (verb.length === word.length && verb[0] === word[0] && normalizeWord(verb) === stem && !/(?:ed|ing|s)$/.test(word)) return entry;
    return undefined;
  }

  /** True when the meaning is a word of one of these tools' own (their words, values, name; `withArguments`, their arguments' names too), or what their examples act on. */
  isWordOf(tools: readonly string[], stem: string, withArguments = false): boolean {
    if (tools.some((tool) => this.docs.find((d) => d.name === tool)?.phrases.some((p) => p.anchor && (withArguments || !p.argument) && p.stems.includes(stem)))) return true;
    for (const [, entry] of this.stepVerbs) if (entry.tools.some((t) => tools.includes(t)) && entry.objects.has(stem)) return true;
    return false;
  }

  /**
   * True when the meaning is what the example requests of two tools or more act on ("nucleus" of "segment the
   * nuclei" and "track the nuclei", "movie"): a thing steps act on, not a quantity one step reads ("speed" of "plot speed").
   */
  isSharedObject(stem: string): boolean {
    const tools = new Set<string>();
    for (const entry of this.stepVerbs.values()) if (entry.objects.has(stem)) for (const t of entry.tools) tools.add(t);
    return tools.size >= 2;
  }

  /** True when any tool's self-description uses the word (a domain word). */
  knows(stem: string): boolean {
    return this.domain.has(stem);
  }

  /**
   * True when the word is in the name of some tool's argument ("allow", "merge" of allowMerging): a word of
   * the domain for telling a request about microscopy from one about something else, though no word that
   * names a tool (an unknown word after a condition is still named as not applied).
   */
  namesAnArgument(stem: string): boolean {
    return this.argumentStems.has(stem);
  }

  /** How many tools' texts use the meaning (0 for a word none uses). */
  spread(stem: string): number {
    return this.toolsUsing.get(stem) ?? 0;
  }

  /** True when the word is a known word or a slip of one ("cels", "segmentaion", "teh"). */
  recognizes(token: Token, extra: Iterable<string> = []): boolean {
    if (this.knows(this.correct(meaning(token.stem), token.word))) return true;
    // (an everyday word written correctly is itself: "spend" is no slip of "speed")
    if (token.word.length < 3 || isEverydayWord(token.word)) return false;
    for (const w of [...this.writtenWords.keys(), ...this.vocabulary, ...extra]) {
      // a slip keeps the first letter ("cels", "teh"); "round" is not "ground"
      if (w[0] === token.word[0] && Math.abs(w.length - token.word.length) <= 1 && editDistance(token.word, w, 1) <= 1) return true;
    }
    return false;
  }

  /** True when the word is the start of a word the tools use: lab shorthand ("corr", "seg", "quant"). */
  abbreviates(word: string): boolean {
    if (word.length < 3) return false;
    for (const w of this.writtenWords.keys()) if (w.length > word.length && w.startsWith(word)) return true;
    return false;
  }

  /** The clause's words as meanings, misspellings mapped onto the tools' vocabulary. */
  meanings(tokens: Tokens): string[] {
    return tokens.map((t) => this.correct(meaning(t.stem), t.word));
  }

  private readonly soundCache = new Map<string, string>();

  private sounds(word: string): string {
    let heard = this.soundCache.get(word);
    if (heard === undefined) this.soundCache.set(word, (heard = soundsLike(word)));
    return heard;
  }

  private correct(stem: string, word: string): string {
    if (this.idf.has(stem) || this.vocabulary.includes(stem) || isEverydayWord(word)) return stem;
    const cached = this.fuzzyCache.get(stem);
    if (cached !== undefined || this.fuzzyCache.has(stem)) return cached ?? stem;
    const edits = allowedEdits(word);
    // a short stem ("filt" of "filter") is too close to other short stems ("film") to correct as a stem
    const stemEdits = Math.min(edits, allowedEdits(stem));
    // a misspelling keeps its first letter ("segmnet", "stabalise")
    let best: string | undefined;
    let bestDistance = edits + 1;
    // (a short stem stands for the word only when the stemmer took an inflection off it: "segmnted" is "segmnt" + "ed",
    // but "seperate" is "seper" + "ate", a word of its own, never a slip of "super" of super-resolution; a stem of six
    // letters or more carries its word, "quantif" of "quantification")
    let kept = 0;
    while (kept < stem.length && stem[kept] === word[kept]) kept++;
    const ending = word.slice(kept);
    if (stemEdits > 0 && (stem.length >= 6 || ending.length < 3 || /^(?:ing|ies|ied|ers)$/.test(ending))) {
      for (const v of new Set([...this.vocabulary, ...this.written])) {
        if (v.length < 4 || v[0] !== stem[0]) continue;
        // (editDistance says max + 1 for anything farther: no closer than the edits allowed is no slip)
        const max = Math.min(stemEdits, bestDistance - 1);
        const d = editDistance(stem, v, max);
        if (d <= max && d < bestDistance) [best, bestDistance] = [meaning(v), d];
      }
    }
    if (edits > 0) {
      for (const [w, m] of this.writtenWords) {
        if (w[0] !== word[0] || bestDistance === 0) continue;
        const max = Math.min(edits, bestDistance - 1);
        const d = editDistance(word, w, max);
        if (d <= max && d < bestDistance) [best, bestDistance] = [m, d];
      }
    }
    // a word spelt as it sounds ("kymograf", "trakmate", "segmentasion"): the same sounds as a word the tools write
    if (best === undefined && edits > 0) {
      const heard = soundsLike(word);
      for (const [w, m] of this.writtenWords) {
        if (w[0] !== word[0] || Math.abs(w.length - word.length) > 3) continue;
        if (editDistance(heard, this.sounds(w), Math.max(0, edits - 1)) <= Math.max(0, edits - 1)) {
          best = m;
          break;
        }
      }
    }
    // a four-letter word is a slip of a tool's name only by a dropped letter ("trak" for "track")
    if (edits === 0 && word.length === 4) {
      for (const [w, m] of this.nameWords) if (w.length === 5 && w.startsWith(word.slice(0, 2)) && editDistance(word, w, 1) === 1) best = m;
      // or by two letters swapped, its letters all there ("plto" for "plot", "umpa" for the value "umap")
      for (const [w, m] of [...this.nameWords, ...this.shortValues]) if (w.length === 4 && w[0] === word[0] && [...w].sort().join('') === [...word].sort().join('') && editDistance(word, w, 1) === 1) best = m;
    }
    // lab shorthand: "seg" of "segment", "trk" of "track" (written without its vowels), when it stands for one word only
    if (best === undefined && word.length >= 3 && word.length <= 4 && !this.knows(stem)) best = this.expand(word);
    // two words' starts joined into one ("xcorr": cross correlation, "hclust": hierarchical clustering; "x" is written for "cross")
    if (best === undefined && word.length >= 4 && word.length <= 9 && !this.knows(stem)) best = this.joinedShorthand(word);
    // lab initials ("dc", "bc"): two or three letters without a vowel, no unit, standing for one tool's phrase only
    if (best === undefined && /^[b-df-hj-np-tv-xz]{2,3}$/.test(word) && !UNIT_LETTERS.test(word) && !this.knows(stem)) best = this.initials.get(word);
    this.fuzzyCache.set(stem, best);
    return best ?? stem;
  }

  /**
   * The one tool name a short word abbreviates: its start ("seg", "proj") or its consonants in
   * order ("trk"). Words that start with another candidate ("segmentation" of "segment") are
   * one family; two families ("exp": export, exponential) make it no abbreviation.
   */
  private expand(word: string): string | undefined {
    const skeleton = !/[aeiouy]/.test(word);
    const fits = (w: string) => w.length > word.length && w[0] === word[0] && (w.startsWith(word) || (skeleton && isSubsequence(word, w)));
    const all = [...new Set([...this.writtenWords.keys(), ...this.nameWords.keys(), ...this.valueWritten])].filter(fits);
    const families = all.filter((w) => !all.some((o) => o !== w && w.startsWith(o)));
    if (families.length !== 1) return undefined;
    // a four-letter start of another of the tools' own words ("hist" of histogram), not only of a tool's name
    // (a word of an argument's value, three letters longer or more: "mode" is no shortened "model", "work" no "workflow")
    if (!this.nameWords.has(families[0])) return word.length === 4 && !skeleton && families[0].length >= word.length + 3 && this.valueWritten.has(families[0]) ? meaning(normalizeWord(families[0])) : undefined;
    return this.nameWords.get(families[0]);
  }

  /**
   * The meaning of the one two-word phrase whose words' starts, joined, are the word ("xcorr" of
   * cross correlation); each start at least one letter of the first word and three of the second.
   * Two phrases fitting ("tcol": two meanings) make it none.
   */
  private joinedShorthand(word: string): string | undefined {
    const found = new Set<string>();
    for (let cut = 1; cut <= word.length - 3; cut++) {
      const [first, second] = [word.slice(0, cut), word.slice(cut)];
      for (const [a, b, head] of this.twoWordPhrases) {
        const firstFits = a.startsWith(first) || (first === 'x' && /^(?:cross|trans)$/.test(a));
        if (firstFits && b.startsWith(second) && b.length > second.length - 1) found.add(head);
      }
    }
    return found.size === 1 ? [...found][0] : undefined;
  }

  /** Tools whose own words are in the text, best first. */
  match(text: string): Match[] {
    // a planner turn matches the same clause many times (and again after every step): each text once
    let found = this.matches.get(text);
    if (!found) {
      found = this.matchOnce(text);
      if (this.matches.size > 5_000) this.matches.clear();
      this.matches.set(text, found);
    }
    return found.map((m) => ({ ...m, matched: [...m.matched] }));
  }

  private readonly matches = new Map<string, Match[]>();

  private matchOnce(text: string): Match[] {
    const tokens = tokenize(text);
    const stems = this.meanings(tokens);
    const perDoc = this.docs.map((doc) => ({ doc, found: this.phrasesFound(doc, stems, tokens, text) }));
    // where a tool's word is a whole hyphenated word ("z-scored"), another tool's word that is only a part of it ("scored") is weak
    const wholeMatched = new Set(perDoc.flatMap(({ found }) => found.flatMap((f) => f.at.filter((x) => !tokens[x].part).map((x) => tokens[x].start))));
    const out: Match[] = [];
    for (const { doc, found } of perDoc) {
      const matched = found.filter((f) => f.anchor).map((f) => f.key);
      const byArgument = found.filter((f) => f.anchor).every((f) => f.argument);
      if (matched.length === 0) continue;
      const at = Math.min(...found.filter((f) => f.anchor).map((f) => tokens[f.at[0]].start));
      let score = 0;
      // words counted once: a phrase inside a longer one found ("max" in "max projection") adds nothing
      for (const f of found) {
        if (found.some((g) => g !== f && g.at.length > f.at.length && f.at.every((x) => g.at.includes(x)))) continue;
        const partOnly = f.at.every((x) => tokens[x].part && wholeMatched.has(tokens[x].start));
        score += f.score * (partOnly ? 0.5 : 1);
      }
      // the tool named as the thing to make ("draw a kymograph", "track with ..."), not as a result ("the tracks")
      // (nor as what a share or a count is of: "what % of tracks divide?", "how many tracks end in a division?")
      const named = findPhrase(stems, doc.nameStems, this.anchors);
      // (nor as a piece of a program's CamelCase name the tools know whole: the "Track" of "TrackMate" names the program, which
      // the file may be for; "TrackObjects", a name no tool knows whole, is its words)
      const whole = named >= 0 && tokens[named].part === true && !text.slice(tokens[named].start, tokens[named].end).includes('-') ? tokens.findIndex((t) => t.start === tokens[named].start && !t.part) : -1;
      const inAProgramName = whole >= 0 && this.knows(stems[whole]);
      const namedAsRequest = named >= 0 && !inAProgramName && !AS_A_RESULT.test(text.slice(Math.max(0, tokens[named].start - 24), tokens[named].start));
      if (namedAsRequest) {
        score += WEIGHT.name * doc.nameStems.reduce((a, stem) => a + (this.stemIdf.get(stem) ?? 1), 0) / doc.nameStems.length;
      }
      const nameWord = found.some((f) => f.anchor && !f.argument && f.at.some((x) => doc.nameStems.includes(stems[x])));
      out.push({ tool: doc.name, score, at, matched, named: namedAsRequest, ...(byArgument ? { byArgument } : {}), ...(nameWord ? { nameWord } : {}) });
    }
    this.faultTakesItsVerb(out, perDoc, stems, tokens, text);
    this.verbTakesItsTool(out, perDoc, stems, tokens, text);
    placeWordsWeigh(out, perDoc, tokens, text);
    return out.sort((a, b) => b.score - a.score);
  }

  /**
   * A verb of putting a fault right with a fault a tool declares it `removes` as its object asks for that tool (stop 40,
   * helper C): "normalise the bleaching" is a bleach correction (not analyze_timeseries's normalisation, whose word the
   * verb is), "take out the background" a background subtraction, "get rid of the jitter" a drift correction. What the
   * verb alone scored for another tool moves to the fault's tool; the object must follow the verb (its articles and
   * particles between), so "normalise the traces" and "correct the focus" keep their own reading.
   */
  private faultTakesItsVerb(out: Match[], perDoc: { doc: ToolDoc; found: { key: string; at: number[]; score: number; anchor: boolean }[] }[], stems: string[], tokens: Tokens, text: string): void {
    // (stop words are no tokens: what stands before the verb and between it and its object is read from the text)
    const wordsOf = (from: number, to: number) => text.slice(from, to).toLowerCase().match(/[a-z']+/g) ?? [];
    // ("stop the image from jumping around", "keep the cells from flickering": a verb of preventing, the fault after "from")
    const preventing = tokens.findIndex((t) => PREVENTING.test(t.word));
    const fromAt = preventing >= 0 && preventing <= 3 ? PREVENTED.exec(text.slice(tokens[preventing].end)) : null;
    const verbAt = fromAt ? preventing : tokens.findIndex((t) => FAULT_VERB.test(t.word));
    if (verbAt < 0 || verbAt > 3 || !wordsOf(0, tokens[verbAt].start).every((w) => BEFORE_A_VERB.test(w))) return;
    // (a particle that is a word of its own, "away" of "take away the background", stands between the verb and its object)
    let objectAt = fromAt ? tokens.findIndex((t) => t.start >= tokens[verbAt].end + fromAt[0].length) : verbAt + 1;
    while (!fromAt && objectAt < tokens.length && FAULT_PARTICLE.test(tokens[objectAt].word)) objectAt++;
    if (objectAt < 0 || objectAt >= tokens.length) return;
    // (a verb read from a longer phrase, "get rid of" as "remove", ends where its phrase does: the rest of its last word is no word between)
    const verbEnd = tokens[verbAt].end + (/^\S*/.exec(text.slice(tokens[verbAt].end))?.[0].length ?? 0);
    const between = wordsOf(Math.min(verbEnd, tokens[objectAt].start), tokens[objectAt].start);
    const needsParticle = VERB_NEEDS_PARTICLE[tokens[verbAt].word.replace(/s$/, '')];
    if (!fromAt && needsParticle && !(between.length > 0 && needsParticle.test(between[0] ?? ''))) return;
    if (!fromAt && !between.every((w) => OBJECT_OPENER.test(w) || FAULT_PARTICLE.test(w))) return;
    const fits = (fault: string[]) => fault.every((stem, i) => stems[objectAt + i] === stem);
    // the longest fault said wins ("the background noise" is noise, "the background" a background)
    const longestOf = (doc: ToolDoc) => Math.max(0, ...doc.removes.filter(fits).map((f) => f.length));
    const longest = Math.max(0, ...perDoc.map(({ doc }) => longestOf(doc)));
    const owners = perDoc.filter(({ doc }) => longest > 0 && longestOf(doc) === longest);
    if (owners.length !== 1) return;
    const owner = owners[0].doc;
    // what the verb's own word scored for other tools ("normalise" of analyze_timeseries) is the fault's tool's
    let moved = 0;
    for (const { doc, found } of perDoc) {
      if (doc === owner) continue;
      const match = out.find((m) => m.tool === doc.name);
      if (!match || match.named) continue;
      const verbOnly = found.filter((f) => f.anchor && f.at.every((x) => x >= verbAt && x < objectAt));
      if (verbOnly.length === 0) continue;
      const score = verbOnly.reduce((a, f) => a + f.score, 0);
      moved = Math.max(moved, score);
      match.score -= score;
      // nothing of its own left: the verb was all that named it
      if (!found.some((f) => f.anchor && f.at.some((x) => x < verbAt || x >= objectAt))) out.splice(out.indexOf(match), 1);
    }
    const key = stems.slice(objectAt, objectAt + longest).join(' ');
    const existing = out.find((m) => m.tool === owner.name);
    if (existing) existing.score += moved;
    else out.push({ tool: owner.name, score: WEIGHT.words * (this.idf.get(key) ?? Math.max(...stems.slice(objectAt, objectAt + longest).map((x) => this.stemIdf.get(x) ?? 1))) + moved, at: tokens[objectAt].start, matched: [key], named: false });
  }

  /**
   * A verb one tool's examples open with, said as the clause's verb in that same form and acting on the things those
   * examples act on, asks for that tool (stop 49, helper C): "trace the nuclei through the movie" is the tracker's (its
   * example "trace the cells through the time-lapse"), though the stem of "trace" is the plot's and the time series' noun
   * ("traces"). What the verb's word alone scored for other tools moves to the verb's tool; "trace the outlines" (no
   * object of the verb's examples) and a verb two tools' examples open with keep their reading.
   */
  private verbTakesItsTool(out: Match[], perDoc: { doc: ToolDoc; found: { key: string; at: number[]; score: number; anchor: boolean }[] }[], stems: string[], tokens: Tokens, text: string): void {
    const verbAt = tokens.findIndex((t) => !t.part);
    if (verbAt < 0 || verbAt > 3) return;
    const before = text.slice(0, tokens[verbAt].start).toLowerCase().match(/[a-z']+/g) ?? [];
    if (!before.every((w) => BEFORE_A_VERB.test(w))) return;
    const verb = this.stepVerb(tokens[verbAt].word);
    if (!verb || verb.tools.length !== 1) return;
    const owner = verb.tools[0];
    // (the verb's object: the next word, articles and the like being no tokens; the things its examples act on, or things steps share)
    const object = stems[verbAt + 1];
    // (a thing steps share counts only for a verb whose examples act on such things: "align the channels" makes no "align
    // the frames" the channels' step)
    if (object === undefined || !(verb.objects.has(object) || (this.isSharedObject(object) && [...verb.objects].some((o) => this.isSharedObject(o))))) return;
    // (the verb's own tool matched it already: nothing to move)
    const own = perDoc.find(({ doc }) => doc.name === owner);
    if (own?.found.some((f) => f.anchor && f.at.includes(verbAt))) return;
    let moved = 0;
    for (const { doc, found } of perDoc) {
      if (doc.name === owner) continue;
      const match = out.find((m) => m.tool === doc.name);
      if (!match || match.named) continue;
      const verbOnly = found.filter((f) => f.anchor && f.at.length === 1 && f.at[0] === verbAt);
      if (verbOnly.length === 0) continue;
      const score = verbOnly.reduce((a, f) => a + f.score, 0);
      moved = Math.max(moved, score);
      match.score -= score;
      // (the verb's word is no longer what names it)
      match.matched = match.matched.filter((k) => !verbOnly.some((f) => f.key === k));
      if (!found.some((f) => f.anchor && f.at.some((x) => x !== verbAt))) out.splice(out.indexOf(match), 1);
    }
    if (moved === 0) return;
    const existing = out.find((m) => m.tool === owner);
    if (existing) {
      existing.score += moved;
      existing.matched.push(stems[verbAt]);
      existing.at = Math.min(existing.at, tokens[verbAt].start);
    } else out.push({ tool: owner, score: moved, at: tokens[verbAt].start, matched: [stems[verbAt]], named: false });
  }

  /** A word inside the phrase's span, not its own, is the thing another tool's name names ("division" of detect_divisions). */
  private gapNamesAnother(doc: ToolDoc, at: number[], stems: string[]): boolean {
    for (let k = 1; k < at.length; k++) {
      for (let x = at[k - 1] + 1; x < at[k]; x++) {
        const stem = stems[x];
        if (doc.nameStems.includes(stem)) continue;
        // (the thing a two-word name names, "divisions" of detect_divisions, a word few tools use; never its verb, "move" of move_stage)
        if (this.docs.some((d) => d !== doc && d.nameStems.length > 1 && d.nameStems.at(-1) === stem && this.nameStemOwners(stem) === 1 && this.spread(stem) <= GENERIC_SPREAD)) return true;
      }
    }
    return false;
  }

  /** How many tools' names hold the meaning ("track": track; "movie": two). */
  private nameStemOwners(stem: string): number {
    return this.docs.filter((d) => d.nameStems.includes(stem)).length;
  }

  /** The clause's meanings as a set, made once per clause for every tool's phrases (the last clause's is kept). */
  private presentStems(stems: string[]): Set<string> {
    if (this.present?.stems !== stems) this.present = { stems, set: new Set(stems) };
    return this.present.set;
  }

  private present: { stems: string[]; set: Set<string> } | undefined;

  /** The tool's phrases found in the clause, each with where its words are and its score. */
  private phrasesFound(doc: ToolDoc, stems: string[], tokens: Tokens, text: string): { key: string; at: number[]; score: number; anchor: boolean; argument: boolean }[] {
    const found: { key: string; at: number[]; score: number; anchor: boolean; argument: boolean }[] = [];
    const seen = new Set<string>();
    // (each way of finding a phrase needs every one of its words in the clause: most of a tool's phrases are not there)
    const present = this.presentStems(stems);
    for (const p of doc.phrases) {
      if (!p.stems.every((stem) => present.has(stem))) continue;
      const key = p.stems.join(' ');
      if (seen.has(key)) continue;
      let at = phrasePositions(stems, p.stems, this.anchors, tokens) ?? (p.reversible ? reversedPositions(stems, p.stems) : undefined) ?? (p.anchor && !p.value && !p.argument ? ofPositions(stems, p.stems, tokens, text) : undefined);
      if (at && bridgesAClause(at, tokens, text)) at = undefined;
      at ??= p.preposition ? adverbialPositions(stems, p.stems, p.preposition, tokens, text) : undefined;
      if (!at) continue;
      // ("find the dividing cells" is no "find cells": a word between a verb and its object that names another tool, said as
      // the object's kind, makes the object that tool's thing; the phrase with the gap is not this tool's)
      if (p.anchor && !p.value && this.gapNamesAnother(doc, at, stems)) continue;
      // ("imaged every 20 min": a unit after its number is no value of a setting, the minimum projection)
      if (p.value && !p.unit && at.length === 1 && UNIT_AFTER_NUMBER.test(tokens[at[0]].word) && /\d\s*$/.test(text.slice(0, tokens[at[0]].start))) continue;
      seen.add(key);
      // a phrase is stronger evidence than a word; the clause's first word is usually its verb
      found.push({ key, at, anchor: p.anchor, argument: p.argument === true, score: p.weight * (this.idf.get(key) ?? 1) * (p.length > 1 ? 1.5 : 1) * (p.anchor && at[0] === 0 ? 1.5 : 1) });
    }
    return found;
  }
}

/** A preposition of place and up to three words after it, right before a word: that word names where, not what is done. */
const IN_A_PLACE_BEFORE = /\b(?:in|at|inside|within|from)\s+(?:(?:the|a|an|each|every|all)\s+)?(?:[\p{L}\d-]+\s+){0,3}$/iu;

/**
 * "count the nuclei in the treated wells", "segment the nuclei in well B3": a tool named only by words inside a phrase of
 * place ("well" of move_stage) weighs half where another tool is named by the clause's first word, its verb; the place
 * is where the verb's work is, never a second request (stop 48, lead: move_stage outscored the verb's tool).
 */
function placeWordsWeigh(out: Match[], perDoc: { doc: ToolDoc; found: { at: number[]; anchor: boolean }[] }[], tokens: Tokens, text: string): void {
  const byVerb = out.some((m) => tokens[0] && m.at === tokens[0].start && !m.byArgument);
  if (!byVerb) return;
  for (const m of out) {
    if (tokens[0] && m.at === tokens[0].start) continue;
    const anchors = perDoc.find((p) => p.doc.name === m.tool)?.found.filter((f) => f.anchor) ?? [];
    if (anchors.length && anchors.every((f) => f.at.every((x) => IN_A_PLACE_BEFORE.test(text.slice(0, tokens[x].start))))) m.score /= 2;
    // "segment only channel 2", "track just the GFP channel": a tool named only by a restriction ("only", "just" and what
    // follows) after another tool's verb says what that verb works on, never a step of its own (stop 49, helper E:
    // crop's "only channel" replaced the segmentation)
    else if (anchors.length && anchors.every((f) => f.at.every((x) => ONLY_BEFORE.test(text.slice(0, tokens[x].end))))) m.score /= 2;
  }
}

/** A word of restriction ("only", "just", "solely") and up to two words after it, ending at a word: what is restricted, not what is done. */
const ONLY_BEFORE = /\b(?:only|just|solely|exclusively)(?:\s+(?:the|a|an|my|our))?(?:\s+[\p{L}\d-]+){0,2}$/iu;

/** Letters that are a unit or a common abbreviation of one, never a tool's initials ("px", "ms", "nm"). */
const UNIT_LETTERS = /^(?:px|pxs|ms|nm|mm|hr|hrs|fps|sd|std|ch|cm|kb|mb|gb|ml|nd|rd|th)$/;

/**
 * Verbs of putting a fault right (English, no tool's): said with a fault a tool `removes` as their object, they ask
 * for that tool. "get", "take", "sort", "deal" only with their particle ("get rid of", "take out", "sort out", "deal with").
 */
const FAULT_VERB = /^(?:correct|corrects|correcting|fix|smooth|fixes|fixing|normali[sz]e|normali[sz]ing|remove|removing|compensate|compensating|eliminate|undo|reduce|suppress|counteract|cancel|subtract|clean|account|adjust|deal|strip|get|take|sort|even|flatten|equali[sz]e|kill|ditch|mitigate|minimi[sz]e|lose)$/i;
const VERB_NEEDS_PARTICLE: Record<string, RegExp> = { get: /^rid$/i, take: /^(?:out|away|off)$/i, sort: /^out$/i, deal: /^with$/i, even: /^out$/i, account: /^for$/i, lose: /^(?:the|that|this)$/i };
/** Verbs of preventing ("stop", "prevent", "keep"), said with what is kept from a fault: "stop the image from jumping". */
const PREVENTING = /^(?:stop|stops|prevent|prevents|keep|keeps)$/i;
/** What is kept from the fault, up to "from" ("the image from ", "them from "): the fault's words follow. */
const PREVENTED = /^\s+(?:(?:the|this|that|my|our|these|those|it|them|all\s+the)\s+)?(?:[\p{L}-]+\s+){0,2}?from\s+(?:the\s+)?/iu;
/** Words between a verb of putting right and the fault ("correct for the drift", "get rid of any noise"). */
const FAULT_PARTICLE = /^(?:for|out|away|off|up|of|rid|with|any|some|all|that|this)$/i;
/** Words that may open a clause before its verb ("please", "then", "can you", "don't"). */
const BEFORE_A_VERB = /^(?:please|pls|also|then|just|and|first|now|next|finally|can|could|would|will|you|kindly|i|we|need|want|to|d|like|let|lets|let's|don't|dont|do|not|never|also|try|maybe|perhaps)$/i;

/** Words that open a clause of their own: what follows them is that clause's, not the object of the verb before. */
const CLAUSE_OPENER = /\b(?:where|when|whether|which|that|if|who|whom|whose|why|what)\b/i;

/** Words between two of a phrase that pick which of the second's things: "of every 5th", "of each 10th", "every 3rd". */
const ORDINAL_PICK = /^\s+(?:of\s+)?(?:(?:every|each)\s+)?\d+(?:st|nd|rd|th)\s+$/i;

/**
 * The phrase's words lie on both sides of a word that opens a clause ("find where cells split in
 * two": the cells are not what "find" finds, so it is no "find nuclei"); the words of a phrase are one clause's.
 */
function bridgesAClause(at: number[], tokens: Tokens, text: string): boolean {
  for (let k = 1; k < at.length; k++) {
    const [a, b] = [tokens[at[k - 1]], tokens[at[k]]];
    if (a && b && b.start > a.end && CLAUSE_OPENER.test(text.slice(a.end, b.start))) return true;
    // ("more than 5e-3 mm per frame" is no "more frames": a number between them belongs to neither)
    // (an ordinal that picks the next word's things is of the phrase: "a grid of every 5th frame" is a "grid of frames")
    if (a && b && b.start > a.end && /\d/.test(text.slice(a.end, b.start)) && !ORDINAL_PICK.test(text.slice(a.end, b.start))) return true;
  }
  return false;
}

/**
 * Index of the phrase's first word when all its words follow in order. One word may come
 * in between ("max intensity projection", "detect cell divisions", "align the colour channels").
 */
function findPhrase(stems: string[], phrase: string[], anchors: Set<string>): number {
  return phrasePositions(stems, phrase, anchors)?.[0] ?? -1;
}

/** Words that only pick which of a noun's things (colours, fluorophores, wavelengths, "both"): a gap of them keeps a phrase whole. */
const WHICH_OF_THEM = /^(?:red|green|blue|cyan|magenta|yellow|orange|far|color|both|two|three|all|[a-z]?[a-z]fp|mcherry|tdtomato|dapi|hoechst|fitc|tritc|cy\d|alexa|\d{3})$/;

/** Where `next` stands after two to four picking words from `from` on, or -1. */
function whichOfThem(stems: string[], from: number, next: string): number {
  for (let end = from + 2; end <= from + 4 && end < stems.length; end++) {
    if (!stems.slice(from, end).every((s) => WHICH_OF_THEM.test(s))) return -1;
    if (stems[end] === next) return end;
  }
  return -1;
}

/** Where the two words of an adjective-and-action phrase are, said as the action's verb then the adjective's noun next to it ("upsample the time"). */
function reversedPositions(stems: string[], phrase: string[]): number[] | undefined {
  for (let i = 0; i + 1 < stems.length; i++) if (stems[i] === phrase[1] && stems[i + 1] === phrase[0]) return [i, i + 1];
  return undefined;
}

/** Words between a noun and the one it is "of" ("loss of the fluorescence", "size of my pixels"): "of" and an article at most. */
const OF_BETWEEN = /^\s+of\s+(?:(?:the|a|an|this|that|these|those|my|our|its|their|each|every|all\s+the)\s+)?$/i;

/**
 * Where the two words of a noun phrase ("signal loss", "pixel size", "channel alignment") are, said the other way round
 * with "of" ("loss of fluorescence", "the size of the pixels", "alignment of the channels"), as English says either: the
 * head noun, "of" (an article after it), then the noun that qualifies it, next to each other.
 */
function ofPositions(stems: string[], phrase: string[], tokens: Tokens, text: string): number[] | undefined {
  if (phrase.length !== 2 || phrase[0] === phrase[1]) return undefined;
  for (let i = 0; i + 1 < stems.length; i++) {
    if (stems[i] !== phrase[1] || stems[i + 1] !== phrase[0] || tokens[i + 1].part) continue;
    if (OF_BETWEEN.test(text.slice(tokens[i].end, tokens[i + 1].start))) return [i, i + 1];
  }
  return undefined;
}

/**
 * Where the words of a phrase with a preposition before its last word are, said with that word and its preposition after
 * the verb's object ("upsample the frames 2x in time" for "upsample in time"): the words before it in order, up to four
 * words apart, then the last word right after the same preposition (an article between), with no word that opens another
 * clause between them.
 */
function adverbialPositions(stems: string[], phrase: string[], preposition: string, tokens: Tokens, text: string): number[] | undefined {
  const head = phrasePositions(stems, phrase.slice(0, -1), new Set());
  if (!head) return undefined;
  const last = head[head.length - 1];
  for (let j = last + 1; j < stems.length && j <= last + 4; j++) {
    if (stems[j] !== phrase[phrase.length - 1]) continue;
    const between = text.slice(tokens[last].end, tokens[j].start);
    if (CLAUSE_OPENER.test(between) || /[,;.!?]/.test(between)) return undefined;
    if (new RegExp(String.raw`\b${preposition}\s+(?:the\s+)?$`, 'i').test(between)) return [...head, j];
  }
  return undefined;
}

/** The first token from `i` on that is no part of the hyphenated word before it. */
function afterParts(tokens: Tokens, i: number): number {
  while (i < tokens.length && tokens[i].part) i++;
  return i;
}

/** Where each word of the phrase is, as findPhrase finds it, or undefined. */
function phrasePositions(stems: string[], phrase: string[], anchors: Set<string>, tokens?: Tokens): number[] | undefined {
  if (phrase.length === 0) return undefined;
  for (let i = 0; i < stems.length; i++) {
    if (stems[i] !== phrase[0]) continue;
    const at = [i];
    let ok = true;
    for (let k = 1; k < phrase.length && ok; k++) {
      const j = at[at.length - 1];
      if (stems[j + 1] === phrase[k]) at.push(j + 1);
      // "how many nuclei per frame" is not "how many frames": what follows "many" is what is counted
      else if (stems[j + 2] === phrase[k] && stems[j] !== 'count') at.push(j + 2);
      // (the word between is one written word, a hyphenated one with its parts: "predict a DAPI-like channel")
      else if (tokens && tokens[j + 1] && !tokens[j + 1].part && tokens[j + 2]?.part && stems[j] !== 'count' && stems[afterParts(tokens, j + 2)] === phrase[k]) at.push(afterParts(tokens, j + 2));
      // (or a few that only say which of the next word's things: "align the red and green channels", "the GFP and mCherry channels")
      else if (k === phrase.length - 1 && whichOfThem(stems, j + 1, phrase[k]) > 0) at.push(whichOfThem(stems, j + 1, phrase[k]));
      else ok = false;
    }
    if (ok) return at;
  }
  return undefined;
}
