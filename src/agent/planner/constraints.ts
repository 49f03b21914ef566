// Constraints a step's words state that its tool does not apply: a method, algorithm or
// software named ("with BM3D", "a median projection", "using the Hungarian algorithm"),
// an output format ("as xlsx", "to HDF5"), a scope ("only the dividing cells", "per
// condition") or a number with its unit that no argument took ("of 50 px"). Each one is
// named in the answer in one line, with what the tool offers and what ran instead:
// nothing the person asked for is dropped silently. What a tool applies is read from its
// own declaration (description, words, examples, argument names, allowed values).
import { leftToTheUser } from './leftToTheUser.ts';
import { comparedNumberAt } from './comparedValue.ts';
import { adaptArgs, allowedValues, type Catalogue, producesOf, type PropertyInfo, selfOf } from './catalogue.ts';
import { findEnumValue } from './enums.ts';
import { nameWords } from './arguments.ts';
import type { ToolIndex } from './matcher.ts';
import { findQuantities, parseNumber, seconds, withAppositiveValues } from './quantities.ts';
import { withoutHedges } from './unapplied.ts';
import { isStopWord, meaning, type Token, tokenize } from './words.ts';
import { isEverydayWord, isShortenedForm } from './english.ts';
import { CHANNEL_NAMES } from './lexicon.ts';
import { isDegreeWord } from './relativeChanges.ts';
import { edgeSubsetOf } from './edgeObjects.ts';

export type ConstraintKind = 'method' | 'format' | 'scope' | 'number' | 'relation' | 'groups';

/** A constraint of the request that the step's tool does not apply. */
export interface Unapplied {
  /** As the person wrote it ("median projection", "only the dividing cells", "50 px"). */
  text: string;
  kind: ConstraintKind;
  start: number;
  end: number;
  /** The argument whose allowed values it stands for, when known. */
  arg?: string;
}

export interface StepWords {
  tool: string;
  args: Record<string, unknown>;
  /** The words of the step. */
  clause: string;
}

/** Nouns that a method, an algorithm, a piece of software or a file format is named before ("a bilateral filter", "an Imaris file"). */
const METHOD_HEADS = /^(?:methods?|algorithms?|filters?|filtering|projections?|thresholds?|thresholding|models?|networks?|fits?|fitting|approach|technique|plugins?|software|package|programs?|transforms?|kernels?|subtraction|deconvolution|estimators?|classifiers?|trackers?|detectors?|segmenters?|denoisers?|interpolation|smoothing|blur|scheme|metric|mode|regression|tests?|clustering|embedding|segmentation|tracking|registration|correction|normali[sz]ation)$/i;
/** Verbs that open a request without naming a method ("run filter", "compute projection"). */
const VERBS = /^(?:make|do|run|compute|create|generate|give|show|get|apply|use|perform|calculate|draw|plot|try|add|produce|build|render|save|export|write|fit|throw|toss|bin|keep|put)$/i;
const FORMAT_HEADS = /^(?:formats?|files?|extension)$/i;
/** Words that introduce the method or format to use ("with", "using", "as", "to"). */
const NAMING_CUES = /^(?:with|using|use|via|by|through|in|as|into|to|from|run|apply)$/i;
/** The meaning of "exclude" (drop, leave out, ...) in the thesaurus. */
const EXCLUDE_MEANING = meaning(tokenize('exclude')[0]?.stem ?? 'exclude');
/** Words that introduce a scope or a condition on what the step covers. */
const SCOPE_CUES = /^(?:only|just|except|excluding|per|each|whose|during)$/i;
/** The things a step finds or follows, picked out by the words before them ("only the dividing cells"). */
export const OBJECT_NOUNS = /^(?:cells?|nuclei|nucleus|objects?|ones|tracks?|trajectories|spots?|blobs?|particles?)$/i;
/** Counts said as words before a superlative ("the two biggest"). */
const COUNT_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred|dozen';
/** Words ending in "est" that are no superlative ("3 test movies", "the 2 request"). */
const NOT_SUPERLATIVE = 'guest|chest|quest|crest|forest|harvest|honest|modest|digest|invest|suggest|manifest|arrest|interest|request|contest|protest|conquest|rest|test|nest|west|pest|vest|zest|priest';
/** The frames a step covers, picked out by a kind said before them ("the out-of-focus frames", "any blurry time points"). */
const FRAME_NOUNS = /^(?:frames?|time-?points?|timepoints?|images?|slices?|planes?)$/i;
/** Words that end a phrase. */
// (and the words that say where a step comes in the order, "with the U-Net beforehand", "using Li first": no part of a name)
const BOUNDARY = /^(?:and|or|then|but|so|if|when|while|because|after|before|until|than|instead|rather|please|beforehand|afterwards?|first|firstly|finally|lastly|later)$/i;
const FILLERS = /^(?:the|a|an|my|our|your|their|its|this|that|these|those|some|all|every|each|of)$/i;
/**
 * Which data: the units an experiment's data come in ("the 2025-11-30 dataset", "well B3", "the second replicate"), never
 * how to run a step; but a grouping by one of them ("per well", "for each embryo") is a scope no step takes (see scopes).
 */
const DATA_UNITS = 'dataset datasets replicate replicates acquisition acquisitions experiment experiments plate plates well wells dish dishes slide slides coverslip coverslips passage passages sample samples embryo embryos ';
const DATA_UNIT_WORDS = new Set(DATA_UNITS.trim().split(' '));

/**
 * Words that say how well or which one in general, never a method by name ("a good
 * threshold", "the usual settings", "with care"), and positions handled by numbers.
 */
const ORDINARY = new Set(
  ('maybe perhaps possibly particular certain specific given know knows known knew general various both either good better best nice proper appropriate suitable reasonable sensible right correct wrong new different other own whole entire full simple ' +
    'quick quickly fast faster slow slower robust recommended optimal usual standard normal typical default defaults setting settings parameter ' +
    'parameters value values option options care caution high higher low lower more less much many few little same similar first last initial ' +
    'final early late later earlier next previous current whole ones one thing things stuff way help me them it everything anything something ' +
    'data result results output outputs version versions copy copies variant ' +
    // (words of where a step comes in the order: "segment with the U-Net beforehand")
    'beforehand afterwards afterward ' +
    // what any part of an image is called ("the cells are the dark regions"), never a method by name
    'region regions part parts portion portions piece pieces bit bits zone zones patch patches ' +
    // words that join a sentence to the one before ("otherwise segment them all")
    'otherwise anyway anyhow besides moreover furthermore meanwhile likewise nevertheless ' +
    // what any method is called ("a linear assignment approach", "a thresholding procedure"), never a method by name
    'approach approaches technique techniques strategy procedure algorithm algorithms method methods routine ' +
    // which data ("for the 2025-11-30 dataset", "the second replicate"), never how to run it
    DATA_UNITS +
    'overnight daytime nightly weekly daily id ids ' +
    // when the person wants it, never how to run it ("by friday", "tomorrow")
    'today tonight tomorrow yesterday asap soon morning afternoon evening weekend week monday tuesday wednesday thursday friday saturday sunday deadline ' +
    // who asks for it and for what occasion ("for the rebuttal", "my PI", "the reviewer"), never how to run it
    'boss pi supervisor advisor adviser reviewer reviewers referee referees editor collaborator collaborators colleague colleagues manager postdoc professor prof ' +
    'rebuttal revision submission manuscript paper thesis meeting talk poster seminar conference supplement supplementary figure').split(' '),
);

interface RawWord {
  word: string;
  lower: string;
  start: number;
  end: number;
}

function rawWords(text: string): RawWord[] {
  const out: RawWord[] = [];
  for (const m of text.matchAll(/[\p{L}\d][\p{L}\d'’]*(?:[-.][\p{L}\d]+)*/gu)) {
    const word = m[0].replace(/['’]s?$/, '');
    out.push({ word, lower: word.toLowerCase(), start: m.index ?? 0, end: (m.index ?? 0) + word.length });
  }
  return out;
}

/** Per index of tools (one per set of tools), each tool's vocabulary. */
const vocabularies = new WeakMap<ToolIndex, Map<string, Set<string>>>();

/** Every meaning the tool's own declaration uses: what it applies when a request says it (built once per set of tools). */
function vocabularyOf(tool: string, catalogue: Catalogue, index: ToolIndex): Set<string> {
  let known = vocabularies.get(index);
  if (!known) vocabularies.set(index, (known = new Map()));
  let vocabulary = known.get(tool);
  if (!vocabulary) known.set(tool, (vocabulary = declaredMeanings(tool, catalogue)));
  return vocabulary;
}

/** Per index of tools, each tool's declared words as written, lower case (for words cut short of them: "thresh" of threshold). */
const writtenVocabularies = new WeakMap<ToolIndex, Map<string, string[]>>();

function writtenVocabularyOf(tool: string, catalogue: Catalogue, index: ToolIndex): string[] {
  let known = writtenVocabularies.get(index);
  if (!known) writtenVocabularies.set(index, (known = new Map()));
  let written = known.get(tool);
  if (!written) known.set(tool, (written = [...new Set(declaredTexts(tool, catalogue).join(' ').toLowerCase().match(/\p{L}{5,}/gu) ?? [])]));
  return written;
}

/** Whether the tool's own declaration uses the word (its meaning, a slip mapped onto the tools' words). */
export function toolDeclares(tool: string, token: Token, catalogue: Catalogue, index: ToolIndex): boolean {
  const vocabulary = vocabularyOf(tool, catalogue, index);
  if (vocabulary.has(meaning(token.stem)) || vocabulary.has(index.meanings([token])[0])) return true;
  // (another form of a word it declares, the first six letters alike: "overlaid" of "overlay")
  const word = token.word.toLowerCase();
  return word.length >= 6 && writtenVocabularyOf(tool, catalogue, index).some((w) => w.length >= 6 && w.slice(0, 6) === word.slice(0, 6));
}

function declaredMeanings(tool: string, catalogue: Catalogue): Set<string> {
  return new Set(tokenize(declaredTexts(tool, catalogue).join(' ')).map((t) => meaning(t.stem)));
}

/** Every text the tool's own declaration has: its name, description, summary, words, examples, values and arguments. */
function declaredTexts(tool: string, catalogue: Catalogue): string[] {
  const self = selfOf(tool, catalogue) ?? {};
  const props: Record<string, PropertyInfo> = catalogue.get(tool)?.properties ?? {};
  const texts = [
    tool.replace(/_/g, ' '),
    catalogue.get(tool)?.description ?? '',
    self.summary ?? '',
    ...(self.words ?? []),
    ...(self.examples ?? []),
    ...Object.values(self.valueWords ?? {}).flatMap((v) => Object.entries(v).flatMap(([value, words]) => [value, ...words])),
    ...Object.keys(self.insteadOf ?? {}),
    ...Object.entries(props).flatMap(([name, p]) => [
      name.replace(/(Px|Um|S|Ms|Percent|Frames)$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
      p.description ?? '',
      ...allowedValues(p).map((v) => v.replace(/_/g, ' ')),
    ]),
  ];
  return texts;
}

const recognizedWords = new WeakMap<ToolIndex, Map<string, boolean>>();

/** The index recognizes the word (a known word or a slip of one); remembered, as spelling tolerance is slow. */
function recognized(index: ToolIndex, token: Token): boolean {
  let known = recognizedWords.get(index);
  if (!known) recognizedWords.set(index, (known = new Map()));
  let answer = known.get(token.word);
  if (answer === undefined) known.set(token.word, (answer = index.recognizes(token)));
  return answer;
}

/** Words written in full that tools declare short. */
const SHORT_FORMS: Record<string, string> = { maximum: 'max', maximal: 'max', minimum: 'min', minimal: 'min' };

class Reader {
  readonly vocabulary: Set<string>;
  readonly values: Set<string>;
  /** The tool's declared words and the step's own words, as written: what a word cut short may stand for. */
  readonly written: string[];
  constructor(readonly step: StepWords, readonly index: ToolIndex, readonly catalogue: Catalogue) {
    this.vocabulary = vocabularyOf(step.tool, catalogue, index);
    this.written = [...writtenVocabularyOf(step.tool, catalogue, index), ...(step.clause.toLowerCase().match(/\p{L}{5,}/gu) ?? [])];
    this.values = new Set(Object.values(catalogue.get(step.tool)?.properties ?? {}).flatMap((p) => allowedValues(p)).filter((v) => v.length > 2).map((v) => v.toLowerCase()));
  }

  /** True when the tool's declaration uses the word (with the thesaurus and spelling tolerance). */
  applies(word: RawWord): boolean {
    const tokens = tokenize(word.word);
    if (tokens.length === 0) return true;
    const meanings = this.index.meanings(tokens).map((m, i) => [m, meaning(tokens[i].stem)]);
    const known = (i: number) => meanings[i].some((m) => this.vocabulary.has(m));
    // a hyphenated word: the whole word, or every part of it
    // ("otsu thresh", "a gauss filter": a word cut short of one the tool declares, or the request says in full, is that word)
    return known(0) || (tokens.length > 1 && tokens.slice(1).every((_, i) => known(i + 1))) || this.shortens(word.word) || this.writtenShort(word.word);
  }

  /** The word written in full where the tool declares it short ("maximum intensity projection" of plot's "max projection"). */
  writtenShort(word: string): boolean {
    const short = SHORT_FORMS[word.toLowerCase()];
    return !!short && tokenize(short).every((t) => this.vocabulary.has(meaning(t.stem)));
  }

  /** True when the word is in a phrase of the tool's own that the clause says ("split clumped" of segment in "separate the clumped cells"). */
  ownWord(word: RawWord): boolean {
    const tokens = tokenize(word.word);
    const found = this.index.match(this.step.clause).find((m) => m.tool === this.step.tool)?.matched ?? [];
    return tokens.length > 0 && this.index.meanings(tokens).every((m) => found.some((key) => key.includes(' ') && key.split(' ').includes(m)));
  }

  /** The step took the scope the word names: a channel ("channel") or frames ("frame"). */
  takesScope(word: string): boolean {
    return /^chan/.test(word) ? this.step.args.channel !== undefined : /^frame/.test(word) ? this.step.args.frames !== undefined : false;
  }

  /** The word is one the tool declares, or the step says in full, cut short ("thresh" of threshold, "gauss" of gaussian). */
  shortens(word: string): boolean {
    return this.written.some((w) => isShortenedForm(word, w));
  }

  /** The tool's arguments (no inputs) whose name or description uses the word ("smaller" of minAreaPx: "small"). */
  argumentsDescribing(word: RawWord): string[] {
    const tokens = tokenize(word.word);
    if (tokens.length === 0) return [];
    const said = this.index.meanings(tokens).map((ms, i) => [...ms, meaning(tokens[i].stem)]);
    const props: Record<string, PropertyInfo> = this.catalogue.get(this.step.tool)?.properties ?? {};
    return Object.entries(props).filter(([name]) => !INPUTS.has(name)).filter(([name, p]) => {
      const described = new Set(tokenize(`${name.replace(/([a-z])([A-Z])/g, '$1 $2')} ${p.description ?? ''}`).map((t) => meaning(t.stem)));
      return said.every((ms) => ms.some((m) => described.has(m)));
    }).map(([name]) => name);
  }

  /**
   * "stronger smoothing", "a light blur": words of how much before the name of a setting the step was given (sigmaPx,
   * described as "Gaussian smoothing ..."), so they say that setting, not a method.
   */
  saysHowMuchOfASetting(phrase: RawWord[]): boolean {
    const head = phrase.at(-1);
    if (!head || phrase.length < 2) return false;
    return phrase.slice(0, -1).every((w) => this.applies(w) || isDegreeWord(w.lower)) && this.argumentsDescribing(head).some((arg) => this.step.args[arg] !== undefined);
  }

  /** A word that could name a method: not a function word, a number, or a word that only says how good. */
  content(word: RawWord): boolean {
    // "CARE" is a method, "with care" is not
    const acronym = /^\p{Lu}[\p{Lu}\d]+$/u.test(word.word);
    // (a number or a range of them, "1-30", is no name: frames and values are read elsewhere)
    // ("frames five to twelve": a number written as a word is a number too)
    return !isStopWord(word.lower) && !FILLERS.test(word.lower) && !/^\d+(?:[.,]\d+)?(?:[-–]\d+(?:[.,]\d+)?)?$/.test(word.lower) && !(/^[a-z]{3,}$/.test(word.lower) && parseNumber(word.lower) !== undefined) && (acronym || !ORDINARY.has(word.lower));
  }

  /** A phrase that names the argument a number was given to ("a search radius of 10 µm" → the linking distance). */
  namesAppliedNumber(text: string, end: number): boolean {
    const m = /^\s*(?:of|=|:|at|to|is)?\s*(?:~|≈|about|around|approx(?:imately|\.)?|roughly|circa|ca\.|some)?\s*(\d+(?:\.\d+)?)/.exec(withAppositiveValues(text.slice(end)));
    return !!m && numbersIn(this.step.args).some((n) => Math.abs(n - Number(m[1])) < 1e-9);
  }

  /** "10x", "ch1", "5px": a value the step carries, written joined to its unit or argument. */
  carries(word: string): boolean {
    // (a name the step was given as written, "Cy5" of channel: Cy5)
    if (Object.values(this.step.args).some((v) => typeof v === 'string' && v.toLowerCase() === word.toLowerCase())) return true;
    const joined = /^\p{L}{0,3}(\d+(?:\.\d+)?)\p{L}{0,3}$/u.exec(word);
    return !!joined && numbersIn(this.step.args).some((n) => Math.abs(n - Number(joined[1])) < 1e-9);
  }

  /** The word names an allowed value the step was given ("bright" of objects: bright). */
  carriesValue(word: RawWord): boolean {
    return Object.entries(this.step.args).some(([arg, v]) => typeof v === 'string' && findEnumValue(this.step.tool, arg, word.word, this.catalogue) === v);
  }

  /** The word is, as written, a value the step took ("GFP" of channel: "GFP" in "segment only the GFP channel"). */
  isValueTaken(word: RawWord): boolean {
    return Object.entries(this.step.args).some(([arg, v]) => !arg.startsWith('$') && typeof v === 'string' && v.toLowerCase() === word.lower);
  }

  /** One of the tool's allowed values, written as a word ("exponential", "max"). */
  isValue(word: RawWord): boolean {
    return this.values.has(word.lower);
  }

  /** Written as a name: an acronym, a name with capitals or digits, or a word no tool knows. */
  nameLike(word: RawWord, first: boolean): boolean {
    if (this.carries(word.word)) return false;
    if (/\d/.test(word.word) && /\p{L}/u.test(word.word)) return true;
    if (/\p{Lu}.*\p{Lu}/u.test(word.word) || (!first && /^\p{Lu}/u.test(word.word))) return true;
    return tokenize(word.word).some((t) => !recognized(this.index, t));
  }
}

/** Words after "instead of"/"rather than" and negated parts ("but don't track them") name nothing to apply. */
export function maskRejected(text: string): string {
  const blank = (m: string) => m.replace(/[^\s]/g, ' ');
  return text
    .replace(/\b(?:instead\s+of|rather\s+than|not\s+with|but\s+not|avoid(?:ing)?|anything\s+(?:but|except)|other\s+than)\s+(?:the\s+|an?\s+)?[\w-]+(?:\s+(?:method|filter|threshold|model|algorithm))?/gi, blank)
    // ("skipping any out-of-focus frames", "skip the mitotic cells": things or frames of a kind left out are a condition to
    // apply or name, not a step turned down; which frames by their place, "skip the first 5 frames", is the frame scope's)
    .replace(/\b(?:do\s+not|don'?t|never|no\s+need\s+to|skip(?:ping)?)\b[^,.;]*/gi, (m) => (SKIPPED_KIND.test(m) || SKIPPED_BY_LENGTH.test(m) ? m : blank(m)))
    // ("I'll do the tracking myself in TrackMate": a step left to the user is turned down, its words no setting of another)
    .replace(/[^,.;]+/g, (m) => (leftToTheUser(m) ? blank(m) : m));
}

/**
 * "skip cells only there for 1 or 2 frames", "skipping nuclei seen in fewer than 3 frames": things left out by how many
 * frames they last, a number of frames said after their noun (which frames by their place is the frame scope's).
 */
const SKIPPED_BY_LENGTH = /^skip(?:ping)?\s+(?:(?:the|any|all|those|these)\s+)?(?!(?:first|last|initial|final|next|previous|other)\b)(?:[a-z][\w-]*\s+){0,2}(?:cells?|nuclei|nucleus|objects?|tracks?|spots?|blobs?|particles?)\s+[^,.;\d]*\d[^,.;]*\b(?:frames?|time-?points?|timepoints?)\b/i;

/** "skip any blurry frames", "skipping the rounded cells", "skip the dead/apoptotic cells" (kinds joined by a slash): a kind of thing or frame left out, said without a number or a place. */
const SKIPPED_KIND = /^skip(?:ping)?\s+(?:(?:the|any|all|those|these)\s+)?(?!(?:first|last|initial|final|next|previous|other)\b)(?:[a-z][\w-]*(?:\s*\/\s*[a-z][\w-]*)*\s+){1,3}(?:cells?|nuclei|nucleus|objects?|ones|tracks?|spots?|blobs?|particles?|frames?|time-?points?|timepoints?|images?|slices?|planes?)\b(?![^,.;]*\d)/i;

/** A word that says how, or how good, never which method ("actually", "properly", "good"). */
export function isOrdinaryWord(word: string): boolean {
  return ORDINARY.has(word.toLowerCase()) || /^\p{L}{3,}ly$/u.test(word);
}

/** "a bilateral filter", "the Hungarian algorithm", "an Imaris file": modifiers of a method or format noun the tool does not know. */
function namedBeforeHead(words: RawWord[], reader: Reader, text: string): Unapplied[] {
  const out: Unapplied[] = [];
  words.forEach((head, h) => {
    const format = FORMAT_HEADS.test(head.lower);
    // an allowed value is a head too: "a double exponential" is not the "exponential" offered
    if (!format && !METHOD_HEADS.test(head.lower) && !reader.isValue(head)) return;
    if (reader.namesAppliedNumber(text, head.end)) return;
    const modifiers: RawWord[] = [];
    for (let j = h - 1; j >= 0 && modifiers.length < 3; j--) {
      const w = words[j];
      if (!reader.content(w) || NAMING_CUES.test(w.lower) || SCOPE_CUES.test(w.lower) || BOUNDARY.test(w.lower)) break;
      // punctuation in between ends the phrase
      if (words[j + 1].start - w.end > 1) break;
      modifiers.unshift(w);
    }
    // the verb of the step ("segment", "track", "run filter") is not a modifier; a method opening the words is ("median projection over time")
    while (modifiers.length && modifiers[0] === words[0] && (reader.applies(modifiers[0]) || VERBS.test(modifiers[0].lower))) modifiers.shift();
    if (!modifiers.some((w) => !reader.applies(w))) return;
    if (reader.saysHowMuchOfASetting([...modifiers, head])) return;
    // ("the stem cells", "HeLa nuclei", "MDCK cells": a name no tool knows before the things imaged is the kind of cell, no method)
    if (OBJECT_NOUNS.test(head.lower) && !NAMING_CUES.test(words[h - modifiers.length - 1]?.lower ?? '')) return;
    // ("no cut-off cells at the image boundary": things said with where they are, which a switch the step set leaves
    // out, excludeBorder by its object "border"; applied)
    if (OBJECT_NOUNS.test(head.lower)) {
      const around = [...modifiers, head, ...words.slice(h + 1, h + 6)].flatMap((w) => tokenize(w.word)).map((t) => meaning(t.stem));
      if (Object.entries(reader.step.args).some(([arg, v]) => v === true && nameWords(arg).length >= 2 && nameWords(arg).slice(1).every((w) => around.includes(w)))) return;
    }
    const from = modifiers.findIndex((w) => !reader.applies(w));
    const first = modifiers[from];
    out.push({ text: '', kind: format ? 'format' : 'method', start: first.start, end: head.end });
  });
  return out;
}

/**
 * "track the nuclei like Imaris spots", "segment them the way Cellpose does": a method compared with ("like", "the way") is
 * named as a "with" names it (stop 49, helper C); "like" as a verb of wanting or seeming ("I'd like", "looks like") is no cue.
 */
function comparesWithAMethod(words: RawWord[], c: number): boolean {
  const before = words[c - 1]?.lower ?? '';
  if (words[c].lower === 'like') return !/^(?:i|we|you|they|he|she|d|i'd|we'd|you'd|would|should|could|might|do|does|did|don't|dont|look|looks|looked|seem|seems|seemed|feel|feels|sound|sounds|things|stuff|something|anything|much|more|just)$/.test(before);
  return words[c].lower === 'way' && /^(?:the|same)$/.test(before);
}

/** "with BM3D", "using mean shift", "as xlsx", "to HDF5": a name after a naming word that the tool does not know. */
function namedAfterCue(words: RawWord[], reader: Reader, text: string): Unapplied[] {
  const out: Unapplied[] = [];
  words.forEach((cue, c) => {
    if (!NAMING_CUES.test(cue.lower) && !comparesWithAMethod(words, c)) return;
    let i = c + 1;
    while (i < words.length && FILLERS.test(words[i].lower)) i++;
    const phrase: RawWord[] = [];
    for (; i < words.length && phrase.length < 3; i++) {
      const w = words[i];
      if (!reader.content(w) || NAMING_CUES.test(w.lower) || SCOPE_CUES.test(w.lower) || BOUNDARY.test(w.lower)) break;
      if (phrase.length && w.start - phrase.at(-1)!.end > 2) break;
      phrase.push(w);
      if (METHOD_HEADS.test(w.lower) || FORMAT_HEADS.test(w.lower)) break;
    }
    // ("with Mask R-CNN": a word the tool knows opening a name the tool does not, is that name)
    const nameAfter = phrase.length >= 2 && phrase.slice(1).some((w) => !reader.applies(w) && reader.nameLike(w, false) && !METHOD_HEADS.test(w.lower) && !FORMAT_HEADS.test(w.lower));
    if (phrase.length === 0 || (reader.applies(phrase[0]) && !nameAfter)) return;
    // ("a median filter to reduce the noise", "a blur to smooth it": "to" and a verb acting on something is the step's purpose, no format)
    if (/^to$/i.test(cue.lower) && /^\s+(?:the|any|all|some|that|this|those|these|my|our|its|their|it|them)\b/i.test(text.slice(phrase[0].end))) return;
    // ("using the second channel": an ordinal of a channel or frame the step took is that scope, never a method's name)
    const scopeWord = [...phrase.slice(1), words[i]].find((w) => w && /^(?:channels?|chan|frames?)$/.test(w.lower));
    if (ORDINAL_OF_SCOPE.test(phrase[0].lower) && scopeWord && reader.takesScope(scopeWord.lower)) return;
    // "in the zebrafish embryo" is a place: "in"/"from" name a method or format only with its noun ("in Imaris format")
    if (/^(?:in|from)$/i.test(cue.lower) && !phrase.some((w) => METHOD_HEADS.test(w.lower) || FORMAT_HEADS.test(w.lower))) return;
    // a name, or two words the tool does not know ("mean shift")
    const unknown = phrase.filter((w) => !reader.applies(w) && !METHOD_HEADS.test(w.lower) && !FORMAT_HEADS.test(w.lower));
    // ("project it using the median, frames 1-10": one everyday word the tool does not know, closing the words of how, for a
    // tool that offers a choice of method, is the method asked by its name)
    const closing = phrase.length === 1 && /^(?:using|with|via|by)$/i.test(cue.lower) && /^\s*(?:[,.;!)]|$|\s+(?:only|please|instead)\b)/i.test(text.slice(phrase[0].end));
    const methodNamed = closing && unknown.length === 1 && !OBJECT_NOUNS.test(phrase[0].lower) && !FRAME_NOUNS.test(phrase[0].lower) && !/^(?:channels?|chan|labels?|masks?|tracks?|tables?|movies?|files?|data)$/i.test(phrase[0].lower) && !!choiceArgument('method', reader.catalogue.get(reader.step.tool)?.properties ?? {}) && !reader.carries(phrase[0].word);
    if (!reader.nameLike(phrase[0], false) && unknown.length < 2 && !methodNamed) return;
    const last = phrase.at(-1)!;
    if (reader.namesAppliedNumber(text, last.end) || reader.saysHowMuchOfASetting(phrase)) return;
    // ("smoothed with a 3-frame moving average": the phrase says a value the step was given, smooth: moving_average)
    if (saysAGivenValue(reader.step, text.slice(phrase[0].start, last.end), reader.catalogue)) return;
    const kind: ConstraintKind = FORMAT_HEADS.test(last.lower) || /^(?:as|into|to)$/i.test(cue.lower) ? 'format' : 'method';
    out.push({ text: '', kind, start: phrase[0].start, end: last.end });
  });
  return out;
}

/** Whether the words say a value a choice of the step holds, by the value ("moving_average") or the words its tool declares for it. */
function saysAGivenValue(step: StepWords, words: string, catalogue: Catalogue): boolean {
  const said = ` ${words.toLowerCase().replace(/[^\p{L}\d]+/gu, ' ')} `;
  const valueWords = selfOf(step.tool, catalogue)?.valueWords ?? {};
  return Object.entries(step.args).some(([arg, v]) => typeof v === 'string' && !INPUTS.has(arg)
    && [v.replace(/[_-]+/g, ' '), ...(valueWords[arg]?.[v] ?? [])].some((w) => w.length >= 3 && said.includes(` ${w.toLowerCase().replace(/[^\p{L}\d]+/gu, ' ').trim()} `)));
}

/**
 * The word is a verb that opens a clause: a particle ("work out", "find out"), a question word
 * ("check how", "see whether") or an article or pronoun ("find the", "tell me") follows it,
 * where a noun in a list ("the perimeter and solidity of") is followed by none of them.
 */
function opensClause(words: RawWord[], i: number): boolean {
  const next = words[i + 1]?.lower ?? '';
  return /^(?:out|up|how|what|which|whether|if|where|when|why|who|the|a|an|each|every|all|their|its|his|her|them|it|me|us|those|these|this|that)$/.test(next);
}

/**
 * "measure the perimeter and solidity": a word no tool knows, joined by "and"/"or"/"," to
 * a word the tool applies, asks for one thing more of the same kind.
 */
function coordinated(words: RawWord[], reader: Reader, text: string): Unapplied[] {
  const out: Unapplied[] = [];
  for (let i = 2; i < words.length; i++) {
    const [before, joiner, word] = [words[i - 2], words[i - 1], words[i]];
    const joined = /^(?:and|or)$/i.test(joiner.lower) && words[i].start - joiner.end <= 2 && joiner.start - before.end <= 2;
    const listed = /^\s*,\s*$/.test(text.slice(before.end, word.start));
    if (!joined && !listed) continue;
    if (!reader.content(word) || !reader.content(before) || !reader.applies(before) || reader.applies(word)) continue;
    if (!tokenize(word.word).every((t) => !recognized(reader.index, t))) continue;
    // ("segment the nuclei and work out how big each one is": a verb opening a clause of its own, no second thing of the same kind)
    if (opensClause(words, i)) continue;
    out.push({ text: '', kind: 'method', start: word.start, end: word.end });
  }
  return out;
}

/**
 * "the 3 most motile cells", "the two biggest", "top 10 brightest nuclei", "the 5 largest ones": things picked by their rank,
 * a count and a superlative. A step applies it only where it carries the count (a setting that keeps the top N); else the
 * whole selection is named, never its number read as a size (arguments.ts leaves a count of things to unitless settings).
 */
const RANKED = new RegExp(String.raw`\b(?:(?:the|top|bottom)\s+)*(\d+|${COUNT_WORDS})\s+(?:(?:most|least)\s+[\p{L}-]+|best|worst|(?!(?:${NOT_SUPERLATIVE})\b)\p{L}{2,}est)\b(?:\s+(?:[\p{L}-]+\s+)?(?:cells?|nuclei|nucleus|objects?|tracks?|trajectories|spots?|blobs?|particles?|ones))?`, 'giu');
function rankedSelections(step: StepWords, text: string): Unapplied[] {
  const carried = numbersIn(step.args);
  const out: Unapplied[] = [];
  for (const m of text.matchAll(RANKED)) {
    const n = /^\d/.test(m[1]) ? Number(m[1]) : parseNumber(m[1]);
    if (n !== undefined && carried.includes(n)) continue;
    out.push({ text: '', kind: 'scope', start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}

/** "only the dividing cells", "per condition", "except the round ones": a scope whose words the tool does not know. */
function scopes(words: RawWord[], reader: Reader, notes: string[] = []): Unapplied[] {
  const out: Unapplied[] = [];
  const quoted = quotedWords(notes);
  words.forEach((cue, c) => {
    const after = trailingSubset(words, c, reader, quoted);
    if (after) out.push(after);
    // ("measure the nuclei but not the ones at the edge": things left out after "but not", a scope as "except" is)
    const butNot = cue.lower === 'not' && /^(?:but|and)$/i.test(words[c - 1]?.lower ?? '') && /^(?:the|those|these|any|ones|cells?|nuclei|nucleus|objects?|tracks?)$/i.test(words[c + 1]?.lower ?? '');
    if (!SCOPE_CUES.test(cue.lower) && !butNot) return;
    // "could you just make a kymograph", "just segment them": a hedge before the verb, no scope
    // "on top of each other": a reciprocal, no scope
    if (cue.lower === 'each' && /^(?:other|another)$/i.test(words[c + 1]?.lower ?? '')) return;
    // "only segment the nuclei": the step's own verb after the cue is no part of the scope ("only segment the odd frames" keeps "the odd frames")
    const nextStem = words[c + 1] ? tokenize(words[c + 1].word)[0]?.stem : undefined;
    // ("tired... just find the nuclei": a verb of a phrase of the tool's own, "find nuclei" of segment, is the step's verb too)
    const verbAfter = /^(?:only|just)$/.test(cue.lower) && !!nextStem && (tokenize(reader.step.tool.replace(/_/g, ' ')).some((t) => meaning(t.stem) === meaning(nextStem)) || reader.ownWord(words[c + 1]));
    if (cue.lower === 'just' && (c === 0 || /^(?:you|u|to|please|pls|plz|pleas|i|we|can|could|would|will|and|then|so|maybe|ok|okay|hi|hey|now)$/i.test(words[c - 1].lower))) return;
    // "µm per minute", "per frame": a unit, not a scope
    // ("per time point" is two words: the next two are read together)
    if (cue.lower === 'per' && /^(?:min(?:ute)?s?|s|sec(?:ond)?s?|h(?:ou)?rs?|hours?|frames?|time ?points?|timepoints?|time ?steps?|µm|um|microns?|pixels?|px)(?: |$)/i.test(words.slice(c + 1, c + 3).map((w) => w.lower).join(' '))) return;
    // "in each time point", "each frame", "for each image": every frame, which every step covers, not a part of the movie
    if (cue.lower === 'each' && /^(?:frames?|time ?points?|timepoints?|images?|planes?|time ?steps?)(?: (?!of |in |from )|$)/i.test(words.slice(c + 1, c + 4).map((w) => w.lower).join(' '))) return;
    let i = verbAfter ? c + 2 : c + 1;
    const phrase: RawWord[] = [];
    for (; i < words.length && phrase.length < 6; i++) {
      const w = words[i];
      // ("only the ones in focus", "only the cells at the edge": a place or state said after the things' noun goes on the phrase)
      const postModifier = /^(?:in|at|on|near|inside|outside|within|with|without|along)$/.test(w.lower) && OBJECT_NOUNS.test(phrase.at(-1)?.lower ?? '') && !/^(?:frames?|time|channels?|ch|the\s+movie)$/i.test(words[i + 1]?.lower ?? '');
      // ("only the nuclei that are in focus": inside a relative clause a preposition goes on the phrase too)
      const inRelative = /^(?:only|just)$/.test(cue.lower) && NAMING_CUES.test(w.lower) && phrase.some((p) => /^(?:that|which|who)$/.test(p.lower));
      if (BOUNDARY.test(w.lower) || ((NAMING_CUES.test(w.lower) || SCOPE_CUES.test(w.lower)) && !postModifier && !inRelative)) break;
      if (w.start - (phrase.at(-1) ?? (verbAfter ? words[c + 1] : cue)).end > 2) break;
      phrase.push(w);
    }
    // ("measure the intensity per well", "for each embryo": a unit of the data, no content word elsewhere, is the grouping asked)
    const grouped = /^(?:per|each)$/.test(cue.lower) && DATA_UNIT_WORDS.has(phrase.find((w) => !FILLERS.test(w.lower))?.lower ?? '');
    const contentWords = phrase.filter((w) => reader.content(w) || (grouped && DATA_UNIT_WORDS.has(w.lower)));
    // "only the dividing cells", "just the moving nuclei": a kind of the objects picked out by a word, which the tool applies
    // only when the word names a value the step carries ("only the bright nuclei" → objects: bright); a word the tool knows
    // for something else ("dividing" of divisions) picks out nothing
    // ("only the bright ones": the noun may be a word too plain to be content, "ones")
    const noun = phrase.at(-1);
    const kinds = noun && OBJECT_NOUNS.test(noun.lower) ? phrase.slice(0, -1).filter((w) => reader.content(w)) : [];
    // ("only the big ones": the step's own reader applied or named the kind, its note quoting the words)
    if (kinds.length >= 1 && kinds.every((w) => quoted.has(w.lower))) return;
    // ("only those that divide", "just the cells which move": things picked out by a relative clause, which the tool applies
    // only by a number it took or a switch whose whole name the words say; a switch that lets tracks split keeps every cell)
    const relative = /^(?:only|just)$/.test(cue.lower) && phrase.some((w, k) => k >= 1 && /^(?:that|which|who|whose)$/.test(w.lower) && (OBJECT_NOUNS.test(phrase[k - 1].lower) || /^(?:those|these)$/.test(phrase[k - 1].lower)) && k < phrase.length - 1);
    const subset = relative || (/^(?:only|just)$/.test(cue.lower) && kinds.length >= 1 && kinds.every((w) => !OBJECT_NOUNS.test(w.lower) && !reader.carriesValue(w)));
    // ("segment only the GFP channel": the channel's name the step took is applied, no scope left out)
    if (!subset && !contentWords.some((w) => !reader.applies(w) && !reader.isValueTaken(w))) return;
    // "only link objects closer than 10 px": a comparison whose number the step took (maxLinkingDistancePx: 10) is applied
    const compared = /^(?:than|below|above|under|over)$/.test(words[i]?.lower ?? '') ? parseFloat(words[i + 1]?.lower ?? '') : NaN;
    if (Number.isFinite(compared) && Object.values(reader.step.args).includes(compared)) return;
    // ("only keep objects bigger than usual": a comparison with the typical object, which the step took as a share of it)
    if (words[i]?.lower === 'than' && /^(?:usual|average|typical|normal|a|an|the|one)$/.test(words[i + 1]?.lower ?? '') && Object.keys(reader.step.args).some((k) => /Typical/.test(k) && reader.step.args[k] !== undefined)) return;
    // ("excluding debris under 20 px": the comparison inside the phrase, its number taken by the step: minAreaPx 20)
    const carried = numbersIn(reader.step.args);
    // ("only keep those between 200 px² and 800 px²", "nuclei >30px": a range or a bound glued to its sign, its number taken)
    const takenNumber = (w: string) => carried.some((n) => Math.abs(n - parseFloat(w.replace(/^[<>≥≤]=?/, ''))) < 1e-9);
    if (phrase.some((w, k) => (k > 0 && /^(?:than|below|above|under|over|between|from|<|>)$/.test(phrase[k - 1].lower) && /^\d/.test(w.lower) && takenNumber(w.lower)) || (/^[<>≥≤]=?\d/.test(w.lower) && takenNumber(w.lower)) || (/^\d/.test(w.lower) && /[<>≥≤]=?\s*$/.test(reader.step.clause.slice(Math.max(0, w.start - 3), w.start)) && takenNumber(w.lower)))) return;
    if (timeTaken(reader, phrase)) return;
    // "excluding those cut off at the border": the scope is the name of a switch the step sets (excludeBorder: true), applied
    const said = [cue, ...phrase].flatMap((w) => tokenize(w.word)).map((t) => meaning(t.stem));
    if (butNot) said.push(EXCLUDE_MEANING);
    if (Object.entries(reader.step.args).some(([arg, v]) => typeof v === 'boolean' && nameWords(arg).length >= 2 && nameWords(arg).every((w) => said.includes(w)))) return;
    // ("each daughter should overlap the mother by at least 40%": the word of a number the step carries, minOverlap, other than
    // its bound, says how it is set: no scope)
    if (Object.entries(reader.step.args).some(([arg, v]) => typeof v === 'number' && nameWords(arg).some((w) => !BOUND_WORDS.has(w) && said.includes(w)))) return;
    // ("only small round nuclei" with "small" applied by the step's own reader: the rest is named)
    const firstOpen = kinds.some((w) => quoted.has(w.lower)) ? kinds.find((w) => !quoted.has(w.lower)) : undefined;
    out.push({ text: '', kind: 'scope', start: firstOpen?.start ?? cue.start, end: phrase.at(-1)!.end });
  });
  return out;
}

/**
 * Words that say how things look or behave, the properties a kind of them is picked out by: size, brightness, shape, state
 * ("the round nuclei", "the big cells", "the dead ones"). A closed class of the language's property adjectives, read
 * before an object's noun; whether a step applies one is the step's (an argument it set that the word describes, a value it
 * carries, a note of its own that quotes the words), never this list's.
 */
const PROPERTY_WORDS = /^(?:big|bigger|biggest|large|larger|largest|huge|giant|massive|small|smaller|smallest|tiny|little|bright|brighter|brightest|dim|dimmer|dimmest|faint|fainter|faintest|intense|weak|round|rounder|rounded|roundish|circular|oval|elongated|elliptical|irregular|spindle-shaped|spiky|flat|flattened|compact|lobed|polygonal|blebbing|dead|dying|apoptotic|necrotic|healthy|mitotic|senescent|blurry|blurred|out-of-focus|saturated|overlapping|clumped|clustered|isolated|fragmented|condensed|fast|faster|fastest|slow|slower|slowest|motile|immobile|stationary|green|red|blue|yellow|magenta|cyan|positive|negative)$/i;

/**
 * States of a cell that pick some out and no image property says: a phase of the cell cycle ("interphase", "metaphase",
 * "G1", "S-phase"), how many nuclei it has ("multinucleated", "binucleate"), whether it took up a construct or a virus
 * ("transfected", "uninfected"). Classes of the field's words, by their forms, read beside PROPERTY_WORDS.
 */
const STATE_FORMS = /^(?:(?:inter|pro|prometa|meta|ana|telo|cyto)phase|g[012]|g2-?m|s-?phase|(?:multi|bi|mono|tri|poly|un)-?nucleat(?:ed|e)|(?:un|non-?)?(?:transfected|infected|transduced|electroporated))$/i;

/** Marker status said of a cell with a hyphen ("GFP-positive", "EdU-negative", "Ki67-high", "mCherry-expressing"). */
const MARKER_STATUS = /^[\p{L}\d]+(?:-[\p{L}\d]+)*-(?:positive|negative|pos|neg|high|low|hi|lo|bright|dim|expressing|null)$|^[\p{L}\d]+[+−](?:\/[\p{L}\d]+[+−])*$/iu;

/** A word that picks out a kind of the things by how they look, behave or what state they are in. */
export function isPropertyWord(word: string): boolean {
  return PROPERTY_WORDS.test(word) || STATE_FORMS.test(word) || MARKER_STATUS.test(word);
}

/**
 * "segment the round nuclei", "just segment the big cells", "track the dead cells": a kind of the things picked out by
 * property words said before their noun, with no cue word ("only", "except") and no verb that leaves them out (scopes and
 * kindsLeftOut read those). Named unless the step applies each word (see PROPERTY_WORDS).
 */
/** The words the notes quote ("\"big\" (the big nuclei): objects ..."): what a step's own reader said it applied or named. */
function quotedWords(notes: string[]): Set<string> {
  return new Set(notes.flatMap((n) => [...n.matchAll(/"([^"]+)"/g)].flatMap((m) => rawWords(m[1]).map((w) => w.lower))));
}

function qualifiedObjects(words: RawWord[], reader: Reader, notes: string[], text = ''): Unapplied[] {
  if (ASKED.test(reader.step.clause)) return [];
  const quoted = quotedWords(notes);
  const out: Unapplied[] = [];
  words.forEach((noun, n) => {
    if (!OBJECT_NOUNS.test(noun.lower) || /^(?:tracks?|trajectories)$/.test(noun.lower)) return;
    const kind: RawWord[] = [];
    for (let i = n - 1; i >= 0 && kind.length < 3; i--) {
      const w = words[i];
      // ("the large, bright nuclei": a comma or "and" between two of them)
      if (w.lower === 'and' && kind.length) continue;
      // ("the GFP+ cells", "mCherry− nuclei": a marker's sign written on its name, which the words leave off, is its status)
      if ((kind[0] ?? noun).start - w.end > 2 || !(isPropertyWord(w.lower) || isPropertyWord(text.slice(w.start, w.end + 1)))) break;
      kind.unshift(w);
    }
    // ("bright" of objects: bright, "small" of a size bound the step was given, a word its own note quotes)
    // ("separate the clumped cells": a word the step's tool declares its own, "split clumped" of segment, is what the step does to them)
    // (a marker's sign is its status, which the channel the step reads does not apply: "the GFP+ cells" on channel GFP)
    const signed = (w: RawWord) => !isPropertyWord(w.lower) && isPropertyWord(text.slice(w.start, w.end + 1));
    const open = kind.filter((w) => (signed(w) && !quoted.has(w.lower)) || (!reader.carriesValue(w) && !reader.argumentsDescribing(w).some((a) => reader.step.args[a] !== undefined) && !quoted.has(w.lower) && !reader.ownWord(w)));
    if (!open.length) return;
    out.push({ text: '', kind: 'scope', start: open[0].start, end: noun.end });
  });
  return out;
}

/**
 * "measure the area of cells that are GFP positive", "track the nuclei which look apoptotic": a kind of the things said
 * after their noun in a relative clause of state (that/which/who + are/is/look/appear/seem), in property words
 * (PROPERTY_WORDS, STATE_FORMS, a marker's status), in any clause (a filter's verb is relativeFilters'). Named unless the
 * step applies each word, as qualifiedObjects reads it.
 */
function statedKinds(words: RawWord[], reader: Reader, notes: string[]): Unapplied[] {
  if (ASKED.test(reader.step.clause)) return [];
  const quoted = quotedWords(notes);
  const out: Unapplied[] = [];
  words.forEach((noun, n) => {
    if (!OBJECT_NOUNS.test(noun.lower) || !/^(?:that|which|who)$/.test(words[n + 1]?.lower ?? '') || !/^(?:are|is|were|was|look|looks|appear|appears|seem|seems)$/.test(words[n + 2]?.lower ?? '')) return;
    if ((n >= 1 && filterVerb(words, n - 1)) || (n >= 2 && filterVerb(words, n - 2))) return;
    const phrase: RawWord[] = [];
    for (let j = n + 3; j < words.length && phrase.length < 3 && words[j].start - (phrase.at(-1) ?? words[n + 2]).end <= 2 && !BOUNDARY.test(words[j].lower); j++) phrase.push(words[j]);
    const last = phrase.findLastIndex((w) => isPropertyWord(w.lower));
    if (last < 0) return;
    const kind = phrase.slice(0, last + 1);
    const open = kind.filter((w) => isPropertyWord(w.lower) && !reader.carriesValue(w) && !reader.argumentsDescribing(w).some((a) => reader.step.args[a] !== undefined) && !quoted.has(w.lower) && !reader.ownWord(w));
    if (!open.length) return;
    out.push({ text: '', kind: 'scope', start: noun.start, end: kind.at(-1)!.end });
  });
  return out;
}

/**
 * "the dividing cells only", "for mitotic cells alone": a kind of the objects picked out by a word before their noun,
 * with "only" or "alone" after it; a scope as "only the dividing cells" is, applied only when the word names a value the
 * step carries ("the bright nuclei only" → objects: bright).
 */
function trailingSubset(words: RawWord[], c: number, reader: Reader, quoted: Set<string> = new Set()): Unapplied | undefined {
  if (!/^(?:only|alone)$/.test(words[c].lower) || c < 2) return undefined;
  // ("what is the mean speed of the dividing cells only?": a question's scope is its answer's to read, from the data)
  if (ASKED.test(reader.step.clause)) return undefined;
  // ("measure the intensity in the cytoplasm only": a part of the cell the tool does not know, with what places it)
  if (COMPARTMENTS.test(words[c - 1].lower) && !reader.applies(words[c - 1])) {
    const from = /^(?:the|a|an|its|their)$/.test(words[c - 2].lower) && /^(?:in|within|inside|of|for|on)$/.test(words[c - 3]?.lower ?? '') ? c - 3 : /^(?:in|within|inside|of|for|on)$/.test(words[c - 2].lower) ? c - 2 : c - 1;
    return { text: '', kind: 'scope', start: words[from].start, end: words[c].end };
  }
  if (!OBJECT_NOUNS.test(words[c - 1].lower)) return undefined;
  const phrase: RawWord[] = [words[c - 1]];
  for (let i = c - 2; i >= 0 && phrase.length < 4; i--) {
    const w = words[i];
    if (BOUNDARY.test(w.lower) || NAMING_CUES.test(w.lower) || FILLERS.test(w.lower) || /^(?:for|on|at|over|across)$/.test(w.lower) || OBJECT_NOUNS.test(w.lower)) break;
    if (phrase[0].start - w.end > 2) break;
    phrase.unshift(w);
  }
  const kinds = phrase.slice(0, -1).filter((w) => reader.content(w));
  if (!kinds.length || kinds.some((w) => reader.carriesValue(w)) || kinds.every((w) => quoted.has(w.lower))) return undefined;
  return { text: '', kind: 'scope', start: kinds.find((w) => !quoted.has(w.lower))!.start, end: words[c].end };
}

/** Parts of a cell that a measure could be restricted to ("the cytoplasm", "the membrane", "the nucleoli"). */
const COMPARTMENTS = /^(?:cytoplasm|cytosol|nucleoli|nucleolus|periphery|perinuclear|cortex)$/i;

/** Words asked as a question ("what is ...", "how many ...", "...?"). */
const ASKED = /\?|^\W*(?:what|what's|whats|how|which|who|when|where|is|are|do|does|did)\b/i;

/** A verb that keeps or drops some of the things found ("discard", "keep only", "exclude"). */
const FILTER_VERBS = /^(?:discard|discards|discarding|exclude|excluding|drop|dropping|remove|removing|ignore|ignoring|reject|rejecting|filter|keep|keeping|retain|omit|omitting|skip|skips|skipping|avoid|avoiding)$/i;
/** Things that are no cells, whose own word says so, left out ("the debris", "any junk", "the clumps"). */
const LEFT_OUT_THINGS = /^(?:debris|junk|dust|specks?|clumps?|aggregates?|fragments?|crud|garbage|rubbish)$/i;

/**
 * The word at `v` keeps or drops some of the things found: a verb of the list, or a verb the thesaurus reads as leaving
 * out ("toss", "ditch", "leave out"); not the prepositions of that meaning ("without", "except") nor "leave" alone.
 */
function filterVerb(words: RawWord[], v: number): boolean {
  const w = words[v].lower;
  if (FILTER_VERBS.test(w)) return true;
  if (/^(?:without|except|excepting)$/.test(w) || (/^leav/.test(w) && words[v + 1]?.lower !== 'out')) return false;
  const t = tokenize(words[v].word)[0];
  return t !== undefined && meaning(t.stem) === EXCLUDE_MEANING;
}

/**
 * A yes/no setting the step was given that leaves things out: one turned on whose name says leaving out (excludeBorder),
 * or any of a tool that keeps things by rules (filter_tracks' presentAtStart). A switch that lets something happen
 * ("allowMerging" of "excluding cells that merge") keeps every thing: it applies no leaving out.
 */
function leavesOut(reader: Reader, arg: string, value: unknown): boolean {
  if (typeof value !== 'boolean' || nameWords(arg).length < 2) return false;
  return (value && nameWords(arg)[0] === EXCLUDE_MEANING) || !!selfOf(reader.step.tool, reader.catalogue)?.selects;
}

/**
 * A time said in the phrase that the step took in seconds ("keep the tracks that last 2 hours" → minDurationS 7200; the
 * unit may lie past the phrase's last word, "which last 3 hours"): the phrase is applied.
 */
function timeTaken(reader: Reader, phrase: RawWord[]): boolean {
  if (phrase.length === 0) return false;
  const span = phrase.at(-1)!.end - phrase[0].start;
  const times = findQuantities(reader.step.clause.slice(phrase[0].start)).filter((q) => q.kind === 'time' && q.start < span).map(seconds);
  const carried = numbersIn(reader.step.args);
  return times.some((t) => carried.some((n) => Math.abs(n - t) < 1e-6 * Math.max(1, t)));
}

/**
 * "discard tracks that leave the field of view", "exclude nuclei which overlap": a filter on the things found, by a
 * condition said after "that"/"which"/"whose", which the step applies only as a switch it sets or a number it took.
 */
function relativeFilters(words: RawWord[], reader: Reader): Unapplied[] {
  const out: Unapplied[] = [];
  words.forEach((verb, v) => {
    // ("track the nuclei without the ones that leave the field": the prepositions that leave out head such a filter too)
    if (!filterVerb(words, v) && !/^(?:without|except|excepting)$/.test(verb.lower)) return;
    let i = v + 1;
    while (i < words.length && /^(?:the|any|all|those|these|only|just|out)$/i.test(words[i].lower)) i++;
    // ("ignore the ones my colleague marked", "drop the cells I flagged": a relative clause with its pronoun left out, opened by its subject)
    const reduced = /^(?:my|our|your|his|her|their|i|we|you|they|he|she|someone|somebody)$/i.test(words[i + 1]?.lower ?? '');
    // ("ignoring frames where the focus is bad": frames left out by what happens in them, said after "where"/"when")
    const frames = FRAME_NOUNS.test(words[i]?.lower ?? '') && /^(?:where|when|in\s+which|that|which)$/i.test(words[i + 1]?.lower ?? '');
    // ("remove the ones touching each other", "drop cells crossing the scratch": a relative clause cut to its participle)
    const participle = /^\p{L}{2,}ing$/u.test(words[i + 1]?.lower ?? '') && !filterVerb(words, i + 1) && words[i + 1].start - words[i].end <= 2;
    // ("ignoring cells on the edge", "drop nuclei near the scratch": things left out by where they are, a place said after
    // them; not frames or a channel, "ignore nuclei in the first 5 frames", which their own readers take)
    const placed = /^(?:on|at|near|inside|outside|along|within|beside|next|close|in)$/.test(words[i + 1]?.lower ?? '') && words[i + 1].start - words[i].end <= 2 && !!words[i + 2] && words[i + 2].start - words[i + 1].end <= 2
      && !/^(?:frames?|time|channels?|ch|c\d|first|last|\d)/i.test(words.slice(i + 2, i + 4).find((w) => !FILLERS.test(w.lower))?.lower ?? '');
    // ("keep the cells on the border too": keeping them all, a leaving-out switch left off, is no filter; "keep only ..." is one)
    const keepsAll = /^(?:keep|keeping|retain|retaining)$/.test(verb.lower) && !words.slice(v + 1, i).some((w) => /^(?:only|just)$/.test(w.lower));
    if ((participle || placed) && keepsAll) return;
    if (!frames && (!OBJECT_NOUNS.test(words[i]?.lower ?? '') || (!reduced && !participle && !placed && !/^(?:that|which|whose|who)$/i.test(words[i + 1]?.lower ?? '')))) return;
    const phrase: RawWord[] = [];
    for (let j = reduced || participle || placed ? i + 1 : i + 2; j < words.length && phrase.length < 8; j++) {
      // ("smaller than 50 px": the comparison goes on past "than")
      if ((BOUNDARY.test(words[j].lower) && words[j].lower !== 'than') || words[j].start - (phrase.at(-1) ?? words[i + 1]).end > 2) break;
      phrase.push(words[j]);
    }
    if (phrase.length === 0) return;
    // a number the step took ("drop nuclei that are smaller than 50 px" → minAreaPx 50), or a switch the words name, is applied
    if (phrase.some((w) => /^\d/.test(w.lower) && numbersIn(reader.step.args).some((n) => Math.abs(n - parseFloat(w.lower)) < 1e-9))) return;
    if (timeTaken(reader, phrase)) return;
    const said = [verb, ...phrase].flatMap((w) => tokenize(w.word)).map((t) => meaning(t.stem));
    if (Object.entries(reader.step.args).some(([arg, val]) => leavesOut(reader, arg, val) && nameWords(arg).some((w) => said.includes(w)))) return;
    out.push({ text: '', kind: 'scope', start: verb.start, end: phrase.at(-1)!.end });
  });
  return out;
}

/** Prepositions: a word of place or time between a thing and what follows it, never a kind said before a noun. */
const PREPOSITION = /^(?:between|across|from|over|through|throughout|within|during|in|on|at|to|into|onto|after|before|along|among|amongst)$/i;

/**
 * "exclude mitotic cells", "drop the rounded nuclei", "ignore dim spots": things found left out by a kind said before
 * their noun, which the step applies only as a switch it sets ("exclude border cells" → excludeBorder) or a value it carries.
 * ("skipping any out-of-focus frames", "leave out the blurry time points": frames left out by what they look like, which no
 * frame range says; which frames by their place, "the first 5 frames", is the frame scope's, its words no kind)
 */
function kindsLeftOut(words: RawWord[], reader: Reader, text: string): Unapplied[] {
  const out: Unapplied[] = [];
  words.forEach((verb, v) => {
    // ("segment the cells, no apoptotic cells please": "no" opening a part of the words leaves out as a verb does)
    const no = verb.lower === 'no' && (v === 0 || /[,;:(]\s*$/.test(text.slice(words[v - 1].end, verb.start)) || /^(?:and|but|with|please)$/i.test(words[v - 1].lower));
    if ((!no && !filterVerb(words, v)) || /^(?:keep|keeping|retain)$/i.test(verb.lower)) return;
    let i = v + 1;
    // ("throw away the elongated ones", "leave off the debris": the verb's particle)
    while (i < words.length && /^(?:the|any|all|those|these|out|away|off|of)$/i.test(words[i].lower)) i++;
    // ("leaving out the debris", "drop the junk": things whose own word says they are no cells, left out; applied only where
    // the step drops objects by a number of its own, a setting whose description says it drops: segment's share of a typical object)
    if (LEFT_OUT_THINGS.test(words[i]?.lower ?? '') && !no) {
      const drops = reader.argumentsDescribing({ word: 'drop', lower: 'drop', start: 0, end: 0 });
      if (!drops.some((a) => typeof reader.step.args[a] === 'number')) out.push({ text: '', kind: 'scope', start: verb.start, end: words[i].end });
      return;
    }
    const kind: RawWord[] = [];
    const found = (w: RawWord | undefined) => OBJECT_NOUNS.test(w?.lower ?? '') || FRAME_NOUNS.test(w?.lower ?? '');
    for (; i < words.length && kind.length < 3 && !found(words[i]); i++) {
      // (the gap is to the word before, an article skipped or not: "drop the short tracks")
      if (BOUNDARY.test(words[i].lower) || words[i].start - words[i - 1].end > 2) return;
      // ("remove the flicker between frames": a preposition ends the verb's object, what follows is no kind of frames)
      if (PREPOSITION.test(words[i].lower)) return;
      kind.push(words[i]);
    }
    if (kind.length === 0 || !found(words[i]) || !kind.every((w) => reader.content(w))) return;
    // (a kind filters only through an argument the step was given: "drop the small nuclei" with minAreaPx set; with it unset,
    // the answer names the argument that would, "drop the short tracks" names none)
    if (kind.every((w) => reader.carriesValue(w))) return;
    const args = kind.flatMap((w) => reader.argumentsDescribing(w));
    if (args.some((a) => reader.step.args[a] !== undefined)) return;
    const said = [verb, ...kind].flatMap((w) => tokenize(w.word)).map((t) => meaning(t.stem));
    if (Object.entries(reader.step.args).some(([arg, val]) => leavesOut(reader, arg, val) && nameWords(arg).some((w) => said.includes(w) && w !== said[0]))) return;
    out.push({ text: '', kind: 'scope', start: verb.start, end: words[i].end });
  });
  return out;
}

/** A verb leaving things out, the things, then a number of frames said of them: "skip cells only there for 1 or 2 frames". */
const LEFT_OUT_BY_LENGTH = /\b(?:skip|ignor|drop|exclud|remov|discard|omit|reject|toss|ditch|throw\s+(?:out|away)|leav(?:e|ing)\s+out|get(?:ting)?\s+rid\s+of)\w*\s+(?:(?:the|any|all|those|these)\s+)?(?:[a-z][\w-]*\s+){0,2}?(?:cells?|nuclei|nucleus|objects?|tracks?|trajectories|spots?|blobs?|particles?|ones)\s+[^,.;\d]*\d+(?:\s*(?:or|to|-|–|and)\s*\d+)?\s*(?:frames?|time-?points?|timepoints?)\b/gi;

/**
 * Things left out by how many frames they last ("skip cells only there for 1 or 2 frames", "drop nuclei seen in fewer
 * than 3 frames"): one condition from the verb to the frames, unless the step carries its number.
 */
function leftOutByLength(step: StepWords, text: string): Unapplied[] {
  const carried = numbersIn(step.args);
  return [...text.matchAll(LEFT_OUT_BY_LENGTH)]
    .filter((m) => !(m[0].match(/\d+/g) ?? []).some((n) => carried.includes(Number(n))))
    .map((m) => ({ text: '', kind: 'scope' as const, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
}

/** Small things found inside cells, counted per cell ("foci per nucleus"), and the things that hold them. */
const PARTS = String.raw`(?:spots?|foci|focus|puncta|punctae?|granules?|vesicles?|dots?|speckles?|aggregates?|condensates?|droplets?|mitochondria|peroxisomes?|lysosomes?|endosomes?|centrosomes?|telomeres?|particles?)`;
const HOLDERS = String.raw`(?:cells?|nuclei|nucleus|nuclear\s+regions?|cytoplasms?|objects?)`;
const PARTS_PER_HOLDER = new RegExp(String.raw`\b${PARTS}\b(?:(?![.;?!]).){0,40}?\b(?:per|in\s+(?:each|every|the|a|its)|inside\s+(?:each|every|the|a)|within\s+(?:each|every|the|a)|for\s+(?:each|every)|by)\s+(?:single\s+|individual\s+)?${HOLDERS}\b`, 'gi');

/**
 * "count the spots per nucleus", "how many foci are in each cell": things counted or measured inside other things, which
 * needs two kinds of object related to each other (CellProfiler's RelateObjects); no tool here does that, so it is named.
 */
/** The line naming things counted inside other things ("puncta per cell") as not applied by `tool`, or undefined when the words ask none. */
export function objectsWithinObjectsNote(text: string, tool: string): string | undefined {
  const said = [...text.matchAll(PARTS_PER_HOLDER)].map((m) => m[0]);
  return said.length ? `Not applied: ${said.map((t) => `"${t}"`).join(', ')} — no tool here relates one kind of object to another (things counted or measured inside each cell or nucleus); \`${tool}\` ran on one kind of object, and its counts are of those.` : undefined;
}

function objectsWithinObjects(text: string): Unapplied[] {
  return [...text.matchAll(PARTS_PER_HOLDER)].map((m) => ({ text: '', kind: 'relation' as const, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
}

/**
 * "every other frame", "every 3rd time point", "each second frame": a stride through the
 * frames, which no argument takes unless the tool has one named for it (a step or stride).
 */
function strides(step: StepWords, text: string, catalogue: Catalogue): Unapplied[] {
  // (an argument named for it, or one its schema describes as a stride: montage's "Every Nth frame")
  const props = Object.entries(catalogue.get(step.tool)?.properties ?? {});
  if (props.some(([p, info]) => /stride|step(?:Frames)?$|every/i.test(p) || /\bevery\s+nth\b/i.test(info.description ?? ''))) return [];
  const out: Unapplied[] = [];
  // ("a montage of every 5th frame": a stride a step took as a number of its own, montage's increment 5, is applied)
  const used = numbersIn(step.args);
  const strideOf = (m: string) => { const w = /(other|alternate|second|third|fourth|fifth|\d+)/i.exec(m)?.[1].toLowerCase() ?? ''; return ({ other: 2, alternate: 2, second: 2, third: 3, fourth: 4, fifth: 5 } as Record<string, number>)[w] ?? Number(w); };
  for (const m of text.matchAll(/\b(?:(?:only\s+)?(?:every|each)\s+(?:other|second|third|fourth|fifth|\d+(?:st|nd|rd|th)?)|alternate)\s+(?:frames?|time ?points?|timepoints?|images?|planes?)\b/gi)) {
    if (used.includes(strideOf(m[0]))) continue;
    out.push({ text: '', kind: 'scope', start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}

/**
 * "plot area over time for track 5 only", "measure cell 12 alone": one numbered thing, which no argument takes unless the
 * tool has one named for it (a track or object id); a question's is its answer's to read from the data.
 */
function oneThingOnly(step: StepWords, text: string, catalogue: Catalogue): Unapplied[] {
  if (ASKED.test(step.clause)) return [];
  const props = Object.keys(catalogue.get(step.tool)?.properties ?? {});
  if (props.some((p) => /^(?:track|cell|object|label|lineage)(?:Id|Ids|s?Number)?$/i.test(p) && p !== 'tracks')) return [];
  const out: Unapplied[] = [];
  for (const m of text.matchAll(/\b(?:(?:for|of|on|in)\s+(?:the\s+)?)?(?:track|cell|nucleus|object|lineage|trajectory)\s*(?:#|no\.?|number)?\s*(\d+)(?:\s+(?:only|alone))?\b/gi)) {
    // ("only for track 5": the thing said with "only" before it, or after it, or "for"/"of" a numbered one)
    if (!/\b(?:only|alone|just|for|of)\b/i.test(`${text.slice(Math.max(0, (m.index ?? 0) - 6), m.index)} ${m[0]}`)) continue;
    out.push({ text: '', kind: 'scope', start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}

/**
 * "measure 20 cells at random", "only 50 nuclei", "pick 10 cells", "track 3 cells only": a number of the things a step works
 * on, said as how many to take (after a word of picking, or with "at random"/"only" after it), which no argument takes
 * unless one was given that number (simulate's cells, filter_tracks' top); "segment 30 cells", "the 30 cells in the field"
 * describe the data and are no pick.
 */
const COUNTED_SUBSET = new RegExp(String.raw`\b(?:only|just|of|pick|choose|select|sample|sampling|randomly|random|any|up\s+to|at\s+most|no\s+more\s+than|max(?:imum)?\s+of|a\s+(?:random\s+)?(?:sample|subset|selection)\s+of)\s+(?:(?:the\s+)?(?:first|last|random|randomly\s+chosen)\s+)?(\d+)\s+(?:(?:random|randomly\s+chosen|random(?:ly)?\s+picked|representative|individual|single)\s+)?(?:cells|nuclei|objects|tracks|trajectories|spots|particles)\b|(?<![\w.-])(\d+)\s+(?:cells|nuclei|objects|tracks|trajectories|spots|particles)(?=\s+(?:at\s+random|randomly|chosen\s+at\s+random|only)\b)`, 'giu');

function countedSubset(step: StepWords, text: string): Unapplied[] {
  if (ASKED.test(step.clause)) return [];
  // (the numbers the step was given, never a default it has: measure's 20 lags is no pick of 20 cells)
  const used = numbersIn(step.args);
  const out: Unapplied[] = [];
  for (const m of text.matchAll(COUNTED_SUBSET)) {
    const count = m[1] ?? m[2];
    const n = Number(count);
    if (n < 2 || used.includes(n)) continue;
    const at = (m.index ?? 0) + m[0].indexOf(count);
    // (with the words of picking around it: "20 cells at random", "randomly")
    const after = /^\s+(?:at\s+random|randomly|chosen\s+at\s+random|only)\b/i.exec(text.slice((m.index ?? 0) + m[0].length))?.[0] ?? '';
    out.push({ text: '', kind: 'scope', start: at, end: (m.index ?? 0) + m[0].length + after.length });
  }
  return out;
}

/** Groups of the data a result is pooled or compared over, beside the units of an experiment (DATA_UNITS). */
const GROUPS = new Set([...DATA_UNIT_WORDS, ...'conditions treatments genotypes groups animals mice donors patients movies videos files cohorts strains'.split(' ')]);
/** Words that pool or compare over groups of the data ("across", "pooled over", "between"). */
const OVER_GROUPS = /^(?:across|over|between|among|amongst|throughout)$/i;

/**
 * "average across replicates", "pool over the three experiments", "compare between conditions": a result pooled or
 * compared over groups of the data, which no step does (each runs on the one movie it reads); named as a scope.
 */
function acrossGroups(words: RawWord[], reader: Reader): Unapplied[] {
  const out: Unapplied[] = [];
  words.forEach((cue, c) => {
    if (!OVER_GROUPS.test(cue.lower)) return;
    let i = c + 1;
    while (i < words.length && i < c + 4 && (FILLERS.test(words[i].lower) || /^(?:\d+|two|three|four|five|six|both|biological|technical|different|independent|separate)$/i.test(words[i].lower))) i++;
    const noun = words[i];
    if (!noun || !GROUPS.has(noun.lower) || reader.applies(noun)) return;
    // (with the verb of pooling just before: "average across replicates")
    const verb = words[c - 1] && /^(?:average|averaged|averaging|pool|pooled|pooling|combine|combined|combining|compare|compared|comparing|aggregate|aggregated|mean|summed|sum|merge|merged)$/i.test(words[c - 1].lower) ? words[c - 1] : cue;
    out.push({ text: '', kind: 'groups', start: verb.start, end: noun.end });
  });
  return out;
}

/** All numbers in an object's values, at any depth. */
function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) numbersIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) numbersIn(v, out);
  return out;
}

const CONVERSIONS = [1, 60, 3600, 1000, 1 / 60, 1 / 3600, 1 / 1000, 100, 1 / 100];

/** A range of two plain numbers ("0 to 500", "between 100 and 4000", "0-255"), not inside a name, date or id. */
const BARE_RANGE = /(?<![\w.\/:#-])(?:(from|between)\s+)?(\d+(?:\.\d+)?)\s*(to|-|–|and|until|through)\s*(\d+(?:\.\d+)?)(?![\w.\/:%°²-])/gi;
/** Words before a range that say what it counts or picks, which other readings take (frames, channels, rows of a list). */
const RANGE_OF_SCOPE = /\b(?:frames?|slices?|planes?|z-?slices?|time-?points?|timepoints?|t|z|channels?|chan|ch|c|wells?|positions?|pos|fields?|fovs?|tiles?|rows?|columns?|cols?|tracks?|ids?|labels?|objects?|cells?|nuclei|steps?|lines?|x|y|w|h)\s*#?\s*$/i;

/**
 * "x axis from 0 to 500", "intensities between 100 and 4000", "display range 0-255": a range of plain numbers, a bound
 * on both sides of something, that no argument of the step took (neither end, as written, 0-based or converted), named
 * with the words before it (up to two, "x axis"). Ranges with a unit are read as quantities; ranges of frames, channels
 * and other things picked by number are the scope readers'.
 */
function bareRanges(text: string, used: number[], notes: string[]): Unapplied[] {
  const out: Unapplied[] = [];
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  const taken = (v: number) => used.some((n) => CONVERSIONS.some((f) => close(n, v * f)) || close(n, v - 1)) || notes.some((note) => new RegExp(`(?<![\\d.])${String(v).replace('.', '\\.')}(?![\\d])`).test(note));
  for (const m of text.matchAll(BARE_RANGE)) {
    const [whole, opener, a, joint, b] = m;
    const at = m.index ?? 0;
    // "between 3 and 5": "and" joins a range only after "between"; a unit after either end ("10-12 h", "3 to 5 px") is
    // a quantity's
    if (joint.toLowerCase() === 'and' && opener?.toLowerCase() !== 'between') continue;
    if (findQuantities(text.slice(at)).some((q) => q.start < whole.length && q.kind !== 'count')) continue;
    if (Number(a) >= Number(b)) continue;
    if (RANGE_OF_SCOPE.test(text.slice(0, at))) continue;
    if (taken(Number(a)) || taken(Number(b))) continue;
    // (with the words before it that say what it bounds: "x axis", "the y range", "display")
    const lead = /((?:[\p{L}][\p{L}-]*\s+){0,2})$/u.exec(text.slice(0, at))?.[1] ?? '';
    const kept = lead.split(/\s+/).filter(Boolean);
    while (kept.length && (FILLERS.test(kept[0]) || BOUNDARY.test(kept[0]) || isStopWord(kept[0].toLowerCase()) || VERBS.test(kept[0]))) kept.shift();
    if (kept.some((w) => BOUNDARY.test(w))) kept.length = 0;
    const start = kept.length ? at - lead.length + lead.indexOf(kept[0]) : at;
    out.push({ text: '', kind: 'number', start, end: at + whole.length });
  }
  return out;
}

/** Numbers with units that no argument took (converted units, 0-based indices and the notes' conversions count as taken). */
function numbers(step: StepWords, text: string, notes: string[], catalogue: Catalogue, reader?: Reader): Unapplied[] {
  // what the call will carry: an argument the tool's schema does not have is dropped there
  const info = catalogue.get(step.tool);
  const used = numbersIn(info ? adaptArgs(step.args, info) : step.args);
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  const out: Unapplied[] = [];
  // a range of slices, planes or frames ("slices 3 to 7") no argument took
  for (const m of text.matchAll(/\b(?:slices?|planes?|z-?slices?|frames?|time ?points?)\s*(\d+)\s*(?:to|-|–|through|until)\s*(\d+)\b/gi)) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (used.some((n) => close(n, a) || close(n, a - 1)) && used.some((n) => close(n, b) || close(n, b - 1))) continue;
    // "frames 1-5 as baseline": the first b frames, a count the step took
    if (a === 1 && used.some((n) => close(n, b))) continue;
    out.push({ text: '', kind: 'number', start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  out.push(...bareRanges(text, used, notes));
  // ("is the drift more than 2 px?": the number a yes/no question compares with is answered, never a setting left out)
  const comparedAt = comparedNumberAt(text);
  // (a number inside the words the tool declares for a value the step carries: "95% CI" of plot's summary: mean)
  const valueWords = selfOf(step.tool, catalogue)?.valueWords ?? {};
  const lower = text.toLowerCase();
  const inValuePhrase = (at: number) => Object.entries(step.args).some(([arg, v]) => typeof v === 'string' && (valueWords[arg]?.[v] ?? []).some((phrase) => {
    if (!/\d/.test(phrase)) return false;
    for (let i = lower.indexOf(phrase); i >= 0; i = lower.indexOf(phrase, i + 1)) if (at >= i && at < i + phrase.length) return true;
    return false;
  }));
  for (const q of findQuantities(text)) {
    if (q.start === comparedAt || inValuePhrase(q.start)) continue;
    const before = text.slice(Math.max(0, q.start - 12), q.start);
    // parts of names, ids and channels ("movie-2", "channel 2", "488 nm"), counts of things ("30 cells"), ranges the step read
    if (/[\w-]$/.test(before) || /\b(?:channel|chan|ch|c|laser|line)\s*#?\s*$/i.test(before) || /^\s*(?:nm\b)/i.test(text.slice(q.end - 2, q.end + 3)) && q.value > 300) continue;
    // (a bare number after a comparison is a condition: "with mean intensity above 300")
    const compared = /(?:\b(?:above|below|over|under|exceeding|than|least|most)|[<>≥≤]=?)\s*$/i.test(before);
    // ("export the masks as png at 300 dpi": a count of a unit no tool's words know is a setting asked, which nothing took)
    // (a unit the step's own words do not know: "dpi" is plot's, not export's)
    // ("with 8-connected labelling", "a 3-class Otsu": a count joined to its word by a hyphen is the same setting asked)
    const unitWord = /^(?:\s*|-)([a-z]{2,})\b/i.exec(q.after)?.[1];
    const unknownUnit = q.kind === 'count' && !!reader && !!unitWord && !OBJECT_NOUNS.test(unitWord) && !FRAME_NOUNS.test(unitWord) && reader.content({ word: unitWord, lower: unitWord.toLowerCase(), start: 0, end: 0 }) && !reader.applies({ word: unitWord, lower: unitWord.toLowerCase(), start: 0, end: 0 });
    if (q.kind === 'count' && !compared && !unknownUnit && !/^\s*(?:px|pixels?|µm|um)/i.test(q.after)) continue;
    // "ones" is no "one s"; "a min seed distance" is no minute
    if (!/\d/.test(text.slice(q.start, q.end)) && (!/\s/.test(text.slice(q.start, q.end)) || /^\s+[a-z]/i.test(q.after))) continue;
    if (used.some((n) => CONVERSIONS.some((f) => close(n, q.value * f)) || close(n, q.value - 1))) continue;
    // "nuclei 14 px across": a diameter taken as a radius of half of it
    if (/\b(?:diameter|diam|across|wide|width)\b/i.test(text.slice(Math.max(0, q.start - 30), q.end + 30)) && used.some((n) => close(n, q.value / 2))) continue;
    if (notes.some((note) => new RegExp(`(?<![\\d.])${String(q.value).replace('.', '\\.')}(?![\\d])`).test(note))) continue;
    if (compared) {
      // the condition whole, with the quantity it is on: "mean intensity above 300", "circularity above 0.8"
      const lead = /((?:[\p{L}-]+\s+){0,3}?)(?:(?:more|less|greater|smaller|larger|bigger|longer|shorter|higher|lower|fewer|brighter|dimmer|darker|fainter|faster|slower|rounder)\s+than|at\s+(?:least|most)|above|below|over|under|exceeding|[<>≥≤]=?)\s*$/iu.exec(text.slice(0, q.start));
      const words = lead ? lead[1].split(/\s+/).filter(Boolean) : [];
      while (words.length && /^(?:with|those|ones|the|a|an|only|just|keep|keeping|but|and|that|which|whose|of|is|are|has|have|any)$/i.test(words[0])) words.shift();
      const phrase = words.join(' ');
      const at = lead ? (lead.index ?? 0) + lead[0].indexOf(phrase || lead[0].slice(lead[1].length)) : q.start;
      out.push({ text: '', kind: 'number', start: Math.min(at, q.start), end: q.end });
      continue;
    }
    // ("w/ 95% CI", "at 10x zoom": the word just after the value that says what it is of, foreign to the step, named with it)
    const follower = unknownUnit ? undefined : /^\s+(\p{L}[\p{L}-]+)/u.exec(text.slice(q.end));
    const ofIt = !!follower && !!reader && !OBJECT_NOUNS.test(follower[1]) && !FRAME_NOUNS.test(follower[1]) && !isStopWord(follower[1].toLowerCase()) && !BOUNDARY.test(follower[1]) && reader.content({ word: follower[1], lower: follower[1].toLowerCase(), start: 0, end: 0 }) && !reader.applies({ word: follower[1], lower: follower[1].toLowerCase(), start: 0, end: 0 });
    out.push({ text: '', kind: 'number', start: q.start, end: unknownUnit ? q.end + /^(?:\s*|-)[a-z]+/i.exec(q.after)![0].length : ofIt ? q.end + follower[0].length : q.end });
  }
  return out;
}

/**
 * Allowed values the words name that the step does not use ("with first as the reference"
 * while correct_drift keeps "follow"): the value is named, with the argument it belongs to.
 */
function valuesNotSet(step: StepWords, catalogue: Catalogue, text: string): Unapplied[] {
  const info = catalogue.get(step.tool);
  if (!info) return [];
  const args = adaptArgs(step.args, info);
  const out: Unapplied[] = [];
  for (const [arg, p] of Object.entries(info.properties)) {
    if (INPUTS.has(arg) || allowedValues(p).length < 2) continue;
    const named = findEnumValue(step.tool, arg, text, catalogue);
    // unset with no default: the tool chooses, so the value named may well be what it does
    if (named === undefined || (args[arg] === undefined && p.default === undefined) || named === String(args[arg] ?? p.default)) continue;
    // a value another argument of the step took ("mean" as the method, not also as the axis)
    if (Object.entries(args).some(([other, v]) => other !== arg && v === named)) continue;
    // the value set is said too, the other one of something else ("dark cells between bright membranes": objects dark)
    if (typeof args[arg] === 'string' && new RegExp(`\\b${String(args[arg]).replace(/_/g, '[ _-]?')}\\b`, 'i').test(text)) continue;
    const written = new RegExp(`\\b${named.replace(/_/g, '[ _-]?')}\\b`, 'i').exec(text);
    const at = written?.index ?? text.length;
    // (a value's word that begins a frame's noun is that noun: "time" of "in each time point" is no axis said)
    if (written && FRAME_NOUNS.test(`${written[0]}${/^[\s-]?\p{L}+/u.exec(text.slice(at + written[0].length))?.[0] ?? ''}`.replace(/\s+/g, ''))) continue;
    // the statistic of a quantity another argument took ("the mean speed" as the feature: the speed's own name, TRACK_MEAN_SPEED)
    if (written && namesQuantityAfter(args, arg, text.slice(at + written[0].length))) continue;
    out.push({ text: written?.[0] ?? named, kind: 'method', start: at, end: at + (written?.[0].length ?? 0), arg });
  }
  return out;
}

/** Two written words of one meaning (their stems, through the thesaurus). */
const sameMeaning = (a: string, b: string) => { const [x, y] = [tokenize(a)[0], tokenize(b)[0]]; return !!x && !!y && meaning(x.stem) === meaning(y.stem); };

/** The next word after a value names the text of another argument the step was given ("mean" before "speed" with feature: speed). */
function namesQuantityAfter(args: Record<string, unknown>, arg: string, after: string): boolean {
  const next = /^\s+([\p{L}]+)/u.exec(after)?.[1].toLowerCase();
  if (!next) return false;
  return Object.entries(args).some(([other, v]) => other !== arg && !INPUTS.has(other) && typeof v === 'string' && v.toLowerCase().split(/[\s_-]+/).some((w) => w.length > 2 && sameMeaning(w, next)));
}

/** A channel named by its place in the movie ("second channel", "the 2nd channel", "channel two"). */
const CHANNEL_BY_PLACE = /^(?:the\s+)?(?:(?:first|second|third|fourth|fifth|last|\d+(?:st|nd|rd|th))\s+chan(?:nel)?s?|chan(?:nel)?\s+(?:one|two|three|four|five|\d+))$/i;

/**
 * The constraints of a step's words that its tool does not apply, in written order (a
 * phrase inside a longer one counts once). `notes` are the lines the answer already says
 * (a unit converted); `masked` is the clause with names and paths blanked out.
 */
export function unappliedConstraints(step: StepWords, catalogue: Catalogue, index: ToolIndex, notes: string[] = [], masked = step.clause): Unapplied[] {
  // ("count nuclei in frames 3-6 only, nothing else": an aside of how it is asked restricts nothing)
  const text = maskRejected(withoutHedges(masked));
  const words = rawWords(text);
  const reader = new Reader(step, index, catalogue);
  const found = [...namedBeforeHead(words, reader, text), ...namedAfterCue(words, reader, text), ...coordinated(words, reader, text), ...scopes(words, reader, notes), ...relativeFilters(words, reader), ...kindsLeftOut(words, reader, text), ...qualifiedObjects(words, reader, notes, text), ...statedKinds(words, reader, notes), ...numbers(step, text, notes, catalogue, reader), ...valuesNotSet(step, catalogue, text), ...strides(step, text, catalogue), ...oneThingOnly(step, text, catalogue), ...countedSubset(step, text), ...acrossGroups(words, reader), ...objectsWithinObjects(text), ...leftOutByLength(step, text), ...rankedSelections(step, text)]
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Unapplied[] = [];
  for (const item of found) {
    const last = out.at(-1);
    if (last && item.start < last.end) {
      // overlapping phrases: one item covering both, the more specific kind kept; a value word inside a scope ("only the dividing cells") stays the scope
      const inside = item.end <= last.end;
      if (item.end > last.end) last.end = item.end;
      if (last.kind === 'number' || (last.kind === 'scope' && item.kind !== 'number' && !inside)) last.kind = item.kind;
      last.arg ??= item.arg;
      continue;
    }
    out.push({ ...item });
  }
  for (const item of out) item.text = step.clause.slice(item.start, item.end).trim();
  // (with the words just after it: "only those away" + "from the border")
  // ("use the second channel and track": a channel named by its place is a channel, given to the step that reads it, no method)
  return out.filter((item) => item.text.length > 0 && !(item.kind === 'method' && (statisticOfATable(step, item.text, catalogue) || CHANNEL_BY_PLACE.test(item.text))) && !(item.kind === 'scope' && (selectsByRule(step, item.text, catalogue) || edgeLeftOutBySwitch(step, item.text) || edgeLeftOutBySwitch(step, item.text + step.clause.slice(item.end, item.end + 40).split(/[,;.]/)[0]) || boundInBracketsCarried(step, item.end))));
}

/** "only the big ones (>200 px)", "the larger nuclei (at least 60 px)": a kind said with its bound in brackets after it, applied when the step carries the bound's number. */
function boundInBracketsCarried(step: StepWords, end: number): boolean {
  const bound = /^\s*\(\s*(?:[<>]=?|≥|≤|(?:over|under|above|below|at\s+least|at\s+most|(?:bigger|smaller|larger|greater|less|more)\s+than)\s*)\s*(\d+(?:\.\d+)?)/i.exec(step.clause.slice(end));
  return !!bound && numbersIn(step.args).some((n) => Math.abs(n - Number(bound[1])) < 1e-9);
}

const EDGE_MEANINGS = new Set(['edge', 'border'].map((w) => meaning(tokenize(w)[0]?.stem ?? w)));

/**
 * "interior cells only", "the nuclei not touching the border": objects at the image edge left out (edgeObjects.ts), which a
 * switch the step set leaves out by the words of its name, leaving out and the edge (excludeBorder): applied, not named.
 */
function edgeLeftOutBySwitch(step: StepWords, text: string): boolean {
  if (!edgeSubsetOf(text)?.negated) return false;
  return Object.entries(step.args).some(([arg, v]) => v === true && nameWords(arg).length === 2 && nameWords(arg)[0] === EXCLUDE_MEANING && EDGE_MEANINGS.has(nameWords(arg)[1]));
}

/** An ordinal, in words or digits ("second", "2nd"). */
const ORDINAL_OF_SCOPE = /^(?:first|second|third|fourth|fifth|sixth|last|\d+(?:st|nd|rd|th))$/i;

/** A word of the name of an argument the step was given ("across" of across: mean). */
function namesGivenArgument(step: StepWords, word: string): boolean {
  const said = tokenize(word).map((t) => meaning(t.stem));
  return said.length > 0 && Object.entries(step.args).some(([arg, v]) => v !== undefined && !INPUTS.has(arg) && said.every((w) => nameWords(arg).includes(w)));
}

/** A number the step carries just before the word, with its unit ("3 px wide", "10 µm across"). */
function carriedBefore(step: StepWords, at: number): boolean {
  const m = /(\d+(?:\.\d+)?)\s*(?:px|pixels?|µm|um|microns?|frames?|s|sec|seconds?|min|minutes?|h|hours?|%)?\s*$/i.exec(step.clause.slice(0, at));
  return !!m && numbersIn(step.args).some((n) => Math.abs(n - Number(m[1])) < 1e-9);
}

/** A word of the name of a switch the step sets ("no gap closing" → allowGapClosing: false): applied, not unknown. */
function namesSetArgument(step: StepWords, word: string, at = -1): boolean {
  const said = tokenize(word).map((t) => meaning(t.stem));
  const switches = Object.entries(step.args).filter(([, v]) => typeof v === 'boolean').map(([arg]) => nameWords(arg));
  if (said.length > 0 && switches.some((name) => said.every((w) => name.includes(w)))) return true;
  // the verb of a switch's phrase ("touch" in "any that touch the edge", "cut" in "cut by the image border")
  if (at < 0) return false;
  const next = tokenize(step.clause.slice(at + word.length)).slice(0, 4).map((t) => meaning(t.stem));
  return switches.some((name) => name.some((w) => next.includes(w)));
}

/** Words that keep what a leaving-out switch would drop: a verb of keeping, or leaving out turned down. */
const KEEPS_BEFORE = /\b(?:keep|keeping|retain|retaining|include|including|preserve|preserving)\b|\b(?:don'?t|do\s+not|never|no\s+need\s+to)\s+(?:exclude|drop|remove|discard|throw\s+(?:out|away)|leave\s+out|filter(?:\s+out)?|lose|get\s+rid\s+of)\b/i;

/**
 * A word of a leaving-out switch the words ask to keep ("keep the cells on the border too": excludeBorder left off,
 * as asked; "don't drop the edge ones"): applied by the switch staying off, not unknown.
 */
function namesKeptSwitch(step: StepWords, word: string, at: number, catalogue: Catalogue): boolean {
  const said = tokenize(word).map((t) => meaning(t.stem));
  if (!said.length) return false;
  const props: Record<string, PropertyInfo> = catalogue.get(step.tool)?.properties ?? {};
  const named = Object.entries(props).some(([arg, p]) => (p.type === 'boolean' || !!p.anyOf?.some((a) => a.type === 'boolean')) && step.args[arg] !== true && nameWords(arg)[0] === EXCLUDE_MEANING && said.every((w) => nameWords(arg).slice(1).includes(w)));
  // ("keep only those away from the border": keeping some only is leaving the others out, never keeping the border ones)
  const before = step.clause.slice(0, at);
  const keeps = KEEPS_BEFORE.exec(before);
  return named && !!keeps && !/\bonly\b|\b(?:away|far|clear)\s+(?:from|of)\b|\bnot\b|\bno\b|\bwithout\b/i.test(before.slice(keeps.index + keeps[0].length));
}

/** Tools that use a word this rarely hold it as their own term ("log", "bar" of a scale bar): see foreignToStep. */
const OWN_TERM_SPREAD = 3;

/**
 * A word the step's tool does not declare, which no tool knows, or only a few other tools as their own term ("font",
 * "log" of one tool's log-ratio, "bar" of plot's scale bar said of a projection); English words and function words are
 * never foreign.
 */
export function foreignToStep(step: StepWords, word: string, catalogue: Catalogue, index: ToolIndex): boolean {
  const tokens = tokenize(word).filter((t) => !t.part);
  // (a channel's name is the channel readers' to read: "on Hoechst, not on YFP")
  if (CHANNEL_NAMES.some((c) => c.toLowerCase() === word.toLowerCase())) return false;
  // (the tool's own words with their short forms and spellings: "maximum" of plot's "max")
  if (new Reader(step, index, catalogue).applies({ word, lower: word.toLowerCase(), start: 0, end: word.length })) return false;
  return tokens.length > 0 && tokens.every((t) => !isStopWord(t.word) && !isEverydayWord(t.word) && !toolDeclares(step.tool, t, catalogue, index) && (!index.recognizes(t) || index.spread(index.meanings([t])[0]) <= OWN_TERM_SPREAD));
}

/**
 * A word beside a choice the step was given, within two words before or one after ("exponential fitting", "the otsu
 * based approach", "with mean projection"): part of that choice's phrase, which was applied.
 */
function besideGivenChoice(step: StepWords, word: string, at: number): boolean {
  const chosen = new Set(
    Object.entries(step.args)
      .filter(([arg, v]) => typeof v === 'string' && !INPUTS.has(arg))
      // (the things the step finds, "nuclei" of target: nuclei, are the object of every request, no choice's phrase:
      // "segment the nuclei in 3D" keeps its "3D")
      .flatMap(([, v]) => tokenize(String(v).replace(/[_-]+/g, ' ')).filter((t) => !OBJECT_NOUNS.test(t.word)).map((t) => meaning(t.stem))),
  );
  if (chosen.size === 0) return false;
  const before = tokenize(step.clause.slice(0, at)).slice(-2);
  const after = tokenize(step.clause.slice(at + word.length)).slice(0, 1);
  return [...before, ...after].some((t) => chosen.has(meaning(t.stem)));
}

/** A word of what one of the step's declared results is ("fit a diffusion coefficient": measure reports the diffusion coefficient): a value it gives, no option it lacks. */
function namesAResultOf(tool: string, word: string, catalogue: Catalogue): boolean {
  const w = word.trim().toLowerCase();
  return w.length >= 4 && Object.values(selfOf(tool, catalogue)?.results ?? {}).some((r) => new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(r.about));
}

/** The statistics an answer reads from a table's rows ("the median speed with the IQR"): computed by the answer, no option of a step. */
const STATISTIC_WORD = /^(?:mean|average|median|sd|std|stdev|stddev|sem|cv|iqr|interquartile|inter-quartile|variance|spread|percentiles?|quartiles?|deciles?|range)$/i;

/** A statistic named beside a step that makes a table: the answer computes it from the rows ("median" of a projection stays named). */
export function statisticOfATable(step: { tool: string }, word: string, catalogue: Catalogue): boolean {
  return STATISTIC_WORD.test(word.trim().replace(/^the\s+/i, '')) && producesOf(step.tool, catalogue).includes('table');
}

/**
 * Words another reading found unknown (after a condition word), kept where none of the
 * items covers them, they are no everyday word, and they do not name the argument a number
 * went to ("a search radius of 10 µm").
 */
export function withWords(step: StepWords, items: Unapplied[], words: string[], catalogue: Catalogue, index: ToolIndex, skip: (word: string) => boolean = () => false, besideChoiceOnly: string[] = []): Unapplied[] {
  const reader = new Reader(step, index, catalogue);
  const out = [...items];
  for (const word of [...words, ...besideChoiceOnly.filter((w) => !words.includes(w))]) {
    const at = step.clause.indexOf(word);
    // (a word of a few other tools is named only beside a choice given, foreign to the step: "log" of "on a log scale")
    // (never a verb of purpose: "to reduce the noise")
    if (besideChoiceOnly.includes(word) && !words.includes(word) && (/\bto\s+$/i.test(step.clause.slice(0, at)) || !(besideGivenChoice(step, word, at) && foreignToStep(step, word, catalogue, index)))) continue;
    if (at < 0 || skip(word) || isOrdinaryWord(word) || reader.carries(word) || reader.shortens(word) || namesSetArgument(step, word, at) || namesKeptSwitch(step, word, at, catalogue) || out.some((i) => at >= i.start && at < i.end)) continue;
    // "3 px wide", "across" of across: mean: the word of a value or argument the step carries
    // (a word beside a choice given is of that choice's phrase unless it is foreign to the step's tool: "on a log scale" beside
    // a histogram of areas, "a colour bar" beside temporal_color, "font size" beside a histogram name a detail not applied)
    const beside = besideGivenChoice(step, word, at);
    const foreign = beside && foreignToStep(step, word, catalogue, index);
    if (namesGivenArgument(step, word) || carriedBefore(step, at) || (beside && !foreign) || statisticOfATable(step, word, catalogue) || namesAResultOf(step.tool, word, catalogue)) continue;
    // ("a stronger smoothing, sigma 3": a word of how much, before the name of a setting the step was given)
    if (isDegreeWord(word) && reader.saysHowMuchOfASetting(rawWords(step.clause.slice(at)).slice(0, 2).map((w) => ({ ...w, start: w.start + at, end: w.end + at })))) continue;
    const rest = step.clause.slice(at + word.length);
    // ("the second channel", "the 2nd frame": an ordinal of a scope the step took is that scope)
    const scopeAfter = /^\s+(channels?|chan|frames?)\b/i.exec(rest);
    // (a channel so named is never a method, whichever step took it: "the nuclei are on the second channel, track them"
    // gives it to the segmentation track reads)
    if (ORDINAL_OF_SCOPE.test(word) && scopeAfter && (/^chan/i.test(scopeAfter[1]) || reader.takesScope(scopeAfter[1].toLowerCase()))) continue;
    const phraseEnd = /^(?:[\s-]+[\p{L}]+){0,2}/u.exec(rest)?.[0].length ?? 0;
    if (reader.namesAppliedNumber(step.clause, at + word.length) || reader.namesAppliedNumber(step.clause, at + word.length + phraseEnd)) continue;
    out.push(foreign ? withItsNoun(step.clause, word, at) : { text: word, kind: 'method', start: at, end: at + word.length });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * A foreign word named with the noun it goes with, the word just after it, else the one just before ("log scale", "font
 * size", "colour bar"): what the person asked for, not a word torn out of it.
 */
function withItsNoun(clause: string, word: string, at: number): Unapplied {
  const end = at + word.length;
  const after = /^[ -]([\p{L}]{3,})/u.exec(clause.slice(end));
  if (after && !isStopWord(after[1].toLowerCase())) return { text: clause.slice(at, end + after[0].length), kind: 'method', start: at, end: end + after[0].length };
  const before = /([\p{L}]{3,})[ -]$/u.exec(clause.slice(0, at));
  if (before && !isStopWord(before[1].toLowerCase())) return { text: clause.slice(at - before[0].length, end), kind: 'method', start: at - before[0].length, end };
  return { text: word, kind: 'method', start: at, end };
}

/** The enum argument a method or format constraint stands in for (named like it, else method/format/kind). */
function choiceArgument(kind: ConstraintKind, props: Record<string, PropertyInfo>): string | undefined {
  const enums = Object.keys(props).filter((k) => [...(props[k].enum ?? []), ...(props[k].anyOf ?? []).flatMap((a) => a.enum ?? [])].length > 1);
  const preferred = kind === 'format' ? ['format', 'kind', 'method'] : ['method', 'kind', 'format', 'analysis'];
  return preferred.find((k) => enums.includes(k)) ?? enums[0];
}

const INPUTS = new Set(['movie', 'labels', 'tracks', 'table', 'output', 'result', 'pipeline']);
/** Words of a setting's name that say only its bound or the things it is of (min, max, object): no word of what it sets. */
const BOUND_WORDS = new Set(['min', 'max', 'minimum', 'maximum', 'object'].flatMap((w) => tokenize(w).map((t) => meaning(t.stem))));

/**
 * One line naming what was not applied, what the tool offers and what ran:
 * "Not applied: "median projection" — `project` has no such option (it offers method: max,
 * mean, min, sum, std, temporal_color); I used max."
 */
export function unappliedNote(step: StepWords, items: Unapplied[], catalogue: Catalogue): string | undefined {
  if (items.length === 0) return undefined;
  const props: Record<string, PropertyInfo> = catalogue.get(step.tool)?.properties ?? {};
  const options = Object.keys(props).filter((k) => !INPUTS.has(k));
  const listed = (names: string[]) => (names.length > 8 ? `${names.slice(0, 8).join(', ')}, ...` : names.join(', '));
  const sentences: string[] = [];
  const choices = items.filter((i) => i.kind === 'method' || i.kind === 'format');
  if (choices.length) {
    const arg = choices.find((i) => i.arg && props[i.arg])?.arg ?? choiceArgument(choices[0].kind, props);
    const things = choices.map((i) => `"${i.text}"`).join(', ');
    if (arg) {
      const used = step.args[arg] ?? props[arg].default;
      sentences.push(`Not applied: ${things} — \`${step.tool}\` has no such option (it offers ${arg}: ${allowedValues(props[arg]).join(', ')}); ${used !== undefined ? `I used ${String(used)}` : 'I used its default'}.`);
    } else {
      sentences.push(`Not applied: ${things} — \`${step.tool}\` has no such option${options.length ? ` (its options: ${listed(options)})` : ''}; I used its default.`);
    }
  }
  const related = items.filter((i) => i.kind === 'relation');
  if (related.length) sentences.push(`Not applied: ${related.map((i) => `"${i.text}"`).join(', ')} — no tool here relates one kind of object to another (things counted or measured inside each cell or nucleus); \`${step.tool}\` ran on one kind of object, and its counts are of those.`);
  const pooled = items.filter((i) => i.kind === 'groups');
  if (pooled.length) sentences.push(`Not applied: ${pooled.map((i) => `"${i.text}"`).join(', ')} — \`${step.tool}\` runs on the one movie it reads; nothing here pools or compares results over replicates, conditions or experiments, so this result is of this movie alone.`);
  const scoped = items.filter((i) => i.kind === 'scope');
  if (scoped.length) {
    sentences.push(`Not applied: ${scoped.map((i) => `"${i.text}"`).join(', ')} — \`${step.tool}\` cannot restrict itself to that${options.length ? ` (its options: ${listed(options)})` : ''}; it ran on everything.`);
  }
  // ("bigger than 20 µm²" with no pixel size known: an area in µm² cannot be made pixels, and says so)
  const inSquareMicrons = (i: Unapplied) => findQuantities(i.text).some((q) => q.squared && q.unit === 'um');
  const areas = Object.keys(props).some((k) => /AreaPx$/.test(k)) ? items.filter((i) => i.kind === 'number' && inSquareMicrons(i)) : [];
  if (areas.length) sentences.push(`Not applied: ${areas.map((i) => `"${i.text}"`).join(', ')} — \`${step.tool}\` takes areas in pixels and the movie's pixel size is not known; say it (e.g. "pixel size 0.65 µm") or give the area in px².`);
  const numbered = items.filter((i) => i.kind === 'number' && !areas.includes(i));
  if (numbered.length) {
    sentences.push(`Not applied: ${numbered.map((i) => `"${i.text}"`).join(', ')} — no option of \`${step.tool}\` takes ${numbered.length > 1 ? 'these values' : 'this value'}${options.length ? ` (its options: ${listed(options)})` : ''}; I used its defaults.`);
  }
  return sentences.join(' ');
}

/**
 * A scope said on the things a step keeps by rules (`selects`: filter_tracks), that the tool's own reader reads a rule
 * from ("only the tracks at least 10 frames long", "the 3 fastest cells"): applied by it. A scope it reads none from
 * ("but only for the round cells") is named as for any step.
 */
function selectsByRule(step: StepWords, scope: string, catalogue: Catalogue): boolean {
  const self = selfOf(step.tool, catalogue);
  if (!self?.selects || !self.fromRequest) return false;
  try {
    const read = self.fromRequest({ text: scope, request: scope, quantities: [], paths: [], artifacts: [], earlier: [], read: { edgeObjects: () => undefined } as never });
    // (a number, a yes, or a value the tool declares words for: "interior tracks")
    const named = (k: string, v: unknown) => typeof v === 'string' && (self.valueWords?.[k]?.[v]?.length ?? 0) > 0;
    return read.$decline === undefined && read.$ask === undefined && Object.entries(read).some(([k, v]) => !k.startsWith('$') && (typeof v === 'number' || v === true || named(k, v)));
  } catch {
    return false;
  }
}
