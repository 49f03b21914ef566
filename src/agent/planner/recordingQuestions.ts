// Questions about the recording itself ("how long is the movie?", "is there more than one
// channel?", "how big are the images?", "how many positions are there?"): a property of the
// file, answered from its header by the tool that only reports it (movie_info), with units,
// never by running an analysis. The properties and the words people use for them are the
// reporting tool's declared results (`results[key].words`); nothing here names a tool.
// A question about cells, tracks or a measured quantity is not about the recording, and
// while an acquisition runs "how many frames?" is about its progress (the caller's to tell).
import { counted } from '../../../tools/counted.ts';
import { type Catalogue, selfOf } from './catalogue.ts';
import type { KnownArtifact, PastResult } from './conversation.ts';
import { asksProgress, countsInEachFrame, onlyReports } from './propertyQuestions.ts';
import { findChannels } from './extract.ts';
import { isAdviceQuestion } from './clauses.ts';
import { asksWhy } from './explanations.ts';
import { plainQuestion, readQuestion } from './tableAnswers.ts';
import { isYesNoForm } from './yesNo.ts';
import { allowedEdits, editDistance, meaning, normalizeWord } from './words.ts';
import { ALL_TOOLS } from '../allTools.ts';
import { setsCalibration, TOLD_KEYS } from './calibrationSteps.ts';
import { numberText } from './quantities.ts';

export interface RecordingQuestion {
  /** The tool that reports the recording's properties. */
  tool: string;
  /** Its declared results the question asks about, the best first. */
  keys: string[];
  /** Only words that name the recording matched ("what's in this file?"): the whole description answers. */
  loose?: boolean;
  /** How much of a property's own phrase the words said (each word 1): "pixel size" 2, "frames" 1. */
  score?: number;
}

/** Words that name the recording itself: they say what the question is about, not which property. */
const RECORDING = /^(?:movie|movies|film|video|file|files|stack|stacks|image|images|recording|timelapse|time|lapse|data|dataset|acquisition|experiment|sequence|hyperstack|tif|tiff)$/;

/**
 * Things found or measured in the recording, and what is measured on them: a question about
 * one of these ("how big are the nuclei?", "how long are the tracks?", "the intensity in
 * channel 2") is about the analysis, not the file.
 */
const ANALYSED = /^(?:cells?|nucle(?:us|i|ar)|objects?|tracks?|trajector(?:y|ies)|tracklets?|divisions?|divid\w*|mitos[ie]s|mitotic|spots?|blobs?|labels?|masks?|lineages?|particles?|organelles?|mitochondria|vesicles?|intensit(?:y|ies)|brightness|bright(?:er|est)?|dim(?:mer|mest)?|fluorescence|signal|speeds?|velocit(?:y|ies)|fast(?:er|est)?|slow(?:er|est|ly)?|quick(?:er|est|ly)?|area|areas|perimeters?|circularity|roundness|displacements?|distances?|drift\w*|shift\w*|jitter\w*|wobbl\w*|register\w*|registration|moved?|moving|travel\w*|migrat\w*|(?:photo)?bleach\w*|grow\w*|segment\w*|tracked|tracking|measure\w*|thresholds?|counts?|compare|comparison|versus|vs|confluen\w*|densit(?:y|ies)|coverage|covered)$/;

/** A word that names a thing analysed or a measured quantity, outside the words a property's phrase took. */
function namesAnalysed(words: string[], covered: Set<number> = new Set()): boolean {
  return words.some((w, i) => !covered.has(i) && ANALYSED.test(w));
}

/** One thing analysed named by its number or ordinal ("track 2", "cell #3", "nucleus no. 4", "the 2nd track"). */
const ONE_ANALYSED = /\b(?:tracks?|trajector(?:y|ies)|tracklets?|lineages?|cells?|nucle(?:us|i)|objects?|labels?|spots?|particles?)\s*(?:#|no\.?|number)?\s*\d+\b(?!\s*(?:%|(?:µm|um|px|s|sec|min|h|frames?)\b))|\b\d+(?:st|nd|rd|th)\s+(?:track|trajectory|cell|nucleus|object)\b/i;

/**
 * A question about one thing found in the movie ("when does track 2 start?", "where does cell 3
 * end up?"): about the results, answered from them whatever verb it uses ("start", "end", "stop"
 * are no command to the microscope, nor a question about its run).
 */
export function namesOneAnalysedThing(text: string): boolean {
  return ONE_ANALYSED.test(plainQuestion(text));
}

/**
 * The one reader of "is this about the analysis, not the file?": a question (or a request)
 * that names a thing analysed or a measured quantity ("which frame contains the fewest
 * cells?", "describe the distribution of nuclear areas", "how many cells divide?") outside
 * the phrases by which the reporting tools name their properties ("the frame count", "the
 * intensity range"). The tool that only reports the file never answers it, whatever words
 * of its own ("contain", "describe") the question uses.
 */
export function aboutTheAnalysis(text: string, catalogue: Catalogue = new Map()): boolean {
  // (a file's name, "describe cells.tif", names no thing analysed)
  const words = wordsOf(withoutToldValues(text.replace(/[^\s"'`]+\.(?:ome\.)?[a-z][a-z0-9]{1,4}\b/gi, ' ')));
  if (!namesAnalysed(words) && !measuredPhrases(catalogue).some((parts) => phraseAt(words, parts) >= 0)) return false;
  // (a property's own phrase, "the intensity range of the first frame", keeps its words)
  const covered = new Set<number>();
  for (const parts of reportedPhrases(catalogue)) {
    const at = phraseAt(words, parts);
    if (at >= 0) for (let k = 0; k < parts.length; k++) covered.add(at + k);
  }
  return analysedOutside(words, covered, catalogue);
}

/**
 * A thing analysed or a measured quantity named outside the words a property's phrase took: the fixed words of things
 * found, or a quantity the measuring tool declares in its own words ("what's the average lifetime in hours?", "how far do
 * they end up from where they started?", "how many of them split during the recording?").
 */
function analysedOutside(words: string[], covered: Set<number>, catalogue: Catalogue): boolean {
  if (namesAnalysed(words, covered)) return true;
  // (not of the recording's own parts: "how far apart in time are the frames?" asks the frame interval)
  if (words.some((w) => RECORDING_PARTS.test(w))) return false;
  return measuredPhrases(catalogue).some((parts) => { const at = phraseAt(words, parts); return at >= 0 && parts.every((_, k) => !covered.has(at + k)); });
}

/** The recording's own parts, as a question names them ("the frames", "time points", "planes", "channels"). */
const RECORDING_PARTS = /^(?:frames?|images?|pictures?|timepoints?|planes?|slices?|tiles?|channels?|positions?|wells?)$/;

/**
 * The words and value words of each tool that measures things analysed (it makes a table from labels or tracks): the
 * quantities it names ("lifetime", "how far", "path length") and what its values are about ("splits"), read once per catalogue.
 */
function measuredPhrases(catalogue: Catalogue): string[][] {
  const kept = measuredByCatalogue.get(catalogue.size ? catalogue : ALL_TOOLS);
  if (kept) return kept;
  const out: string[][] = [];
  for (const tool of toolNames(catalogue)) {
    const self = selfOf(tool, catalogue);
    if (!self || onlyReports(tool, catalogue) || !(self.makes ?? []).includes('table') || !(self.consumes ?? []).some((c) => c === 'labels' || c === 'tracks')) continue;
    // (and what its values are about, said whole: "splits", "mean track duration")
    const phrases = [...(self.words ?? []), ...Object.values(self.valueWords ?? {}).flatMap((byValue) => Object.values(byValue).flat()), ...Object.values(self.results ?? {}).filter((r) => !r.setting).map((r) => r.about.replace(/\s*\(.*$/, ''))];
    for (const phrase of phrases) {
      const parts = phrase.toLowerCase().replace(/µm/g, 'um').match(/[\p{L}\d]+/gu) ?? [];
      // (a tool's own name or verb says no quantity: "measure", "quantify" ask for a step)
      if (parts.length && !(parts.length === 1 && (parts[0] === tool || /^(?:measure\w*|quantif\w*|features|statistics)$/.test(parts[0])))) out.push(parts);
    }
  }
  measuredByCatalogue.set(catalogue.size ? catalogue : ALL_TOOLS, out);
  return out;
}
const measuredByCatalogue = new WeakMap<object, string[][]>();

/** The words of every phrase the reporting tools declare for their results, read once per catalogue (the tools' own when it is empty). */
function reportedPhrases(catalogue: Catalogue): string[][] {
  const kept = catalogue.size ? phrasesByCatalogue.get(catalogue) : phrasesOfOurTools;
  if (kept) return kept;
  const out: string[][] = [];
  for (const tool of toolNames(catalogue)) {
    if (!onlyReports(tool, catalogue)) continue;
    for (const value of Object.values(selfOf(tool, catalogue)?.results ?? {})) {
      for (const phrase of value.words ?? []) out.push(phrase.toLowerCase().replace(/µm/g, 'um').match(/[\p{L}\d]+/gu) ?? []);
    }
  }
  if (catalogue.size) phrasesByCatalogue.set(catalogue, out);
  else phrasesOfOurTools = out;
  return out;
}
const phrasesByCatalogue = new WeakMap<Catalogue, string[][]>();
let phrasesOfOurTools: string[][] | undefined;

/** The words of a text as written (lower case, hyphens and slashes split), for phrase matching. */
function wordsOf(text: string): string[] {
  return plainQuestion(text).toLowerCase().replace(/µm/g, 'um').match(/[\p{L}\d]+/gu) ?? [];
}

/** One written word standing for a phrase's word: the same, the same stem, or a slip of a longer word (same first letter). */
function sameWord(written: string, wanted: string): boolean {
  if (written === wanted) return true;
  if (/\d/.test(written) || /\d/.test(wanted)) return false;
  if (normalizeWord(written) === normalizeWord(wanted)) return true;
  const edits = allowedEdits(wanted);
  // (only longer words: "share" is no slip of "shape")
  return edits > 0 && wanted.length >= 6 && written[0] === wanted[0] && editDistance(written, wanted, edits) <= edits;
}

/** Where a phrase stands in the words (its first index), or -1. */
function phraseAt(words: string[], phrase: string[]): number {
  for (let i = 0; i + phrase.length <= words.length; i++) if (phrase.every((p, k) => sameWord(words[i + k], p))) return i;
  return -1;
}

function toolNames(catalogue: Catalogue): string[] {
  return catalogue.size ? [...catalogue.keys()] : ALL_TOOLS.map((t) => t.name);
}

/**
 * "whats the mean duration in min" with tracks held: a property a held result's table also has, asked without naming the
 * recording, is of the things analysed, never the movie's. True when a table-making tool that consumes a held result
 * (tracks, labels) declares a value whose words mean what the matched property's words mean ("duration", "how long" ~
 * "mean track duration") and that names the held thing ("track" of tracks); the question names no recording word.
 */
export function heldTableHasIt(text: string, asked: RecordingQuestion, held: readonly string[], catalogue: Catalogue = new Map()): boolean {
  const words = wordsOf(text);
  if (words.some((w) => RECORDING.test(w) && w !== 'time' && w !== 'data')) return false;
  const results = selfOf(asked.tool, catalogue)?.results ?? {};
  const matched = new Set(
    asked.keys.flatMap((key) => (results[key]?.words ?? []).map((p) => p.toLowerCase().match(/[\p{L}\d]+/gu) ?? []).filter((parts) => phraseAt(words, parts) >= 0).flat()).map((w) => meaning(normalizeWord(w))),
  );
  if (matched.size === 0) return false;
  const things = held.filter((t) => t !== 'movie' && t !== 'table').map((t) => (t === 'labels' ? 'object' : t.replace(/s$/, '')));
  return toolNames(catalogue).some((tool) => {
    const self = selfOf(tool, catalogue);
    if (!(self?.produces ?? []).includes('table') || !(self?.consumes ?? []).some((t) => held.includes(t) && t !== 'movie')) return false;
    return Object.values(self?.results ?? {}).some((r) => {
      const about: string[] = (r.about ?? '').toLowerCase().match(/[\p{L}]+/gu) ?? [];
      return things.some((t) => about.includes(t)) && about.some((w) => matched.has(meaning(normalizeWord(w))));
    });
  });
}

/**
 * "what's the current z position?", "where is the stage?", "which objective is in?": the microscope's state now (its own
 * status tool answers), never a property of a file, unless the file is named or the past is asked ("the stage positions
 * in the movie", "what objective was used?").
 */
function asksTheMicroscopeNow(text: string): boolean {
  return /\b(?:stage|focus|objective|z[\s-]?position|current\s+(?:z|position|positions))\b/i.test(text) && !/\b(?:movie|file|recording|image|images|stack|dataset|tiff?|video|data|was|were|used|recorded|taken|acquired|imaged)\b/i.test(text);
}

/**
 * The recording's properties the question asks about, by the words the reporting tool
 * declares for each of its results; undefined when it asks about none, names something
 * analysed or measured, or asks for advice. Several properties come back when the question
 * joins them ("how many frames and channels?").
 */
export function recordingQuestion(text: string, catalogue: Catalogue = new Map()): RecordingQuestion | undefined {
  // advice, progress and "why did you choose ..." (the record's to explain) are no questions about the file
  if (isAdviceQuestion(text) || /\b(?:should|shall)\s+(?:i|we)\b/i.test(text) || asksProgress(text) || asksWhy(text) || asksTheMicroscopeNow(text)) return undefined;
  // "how many in the last 2 frames?", "in frame 3": a scope within the movie asks about its content, not the file
  // ("how many were in the first frame?", "in the 3rd timepoint": one frame said by its place is a scope too)
  if (/\b(?:in|at|during|over|for)\s+(?:the\s+)?(?:(?:first|last|final)\s+\d+\s+(?:frames?|time ?points?)|(?:frame|time ?point|timepoint)\s*#?\d+|(?:very\s+)?(?:first|last|final|second|third|\d+(?:st|nd|rd|th))\s+(?:frame|time ?point|timepoint|image)\b(?!\s+(?:rate|interval|size)))\b/i.test(text)) return undefined;
  // "which frame has the fewest nuclei?", "the brightest timepoint": an extreme over the frames is about their content
  if (readQuestion(text).whichFrame) return undefined;
  // ("how many per frame?", "how many are there at each time point?": things counted in each frame, not the frames)
  if (countsInEachFrame(text)) return undefined;
  // ("which plane did you keep?", "what slice did you pick?": a choice a step made, never the file's)
  if (STEPS_CHOICE.test(text)) return undefined;
  // ("which z slice is the sharpest?", "the brightest channel": an extreme over the parts' content; a header holds none)
  if (EXTREME_PART.test(plainQuestion(text))) return undefined;
  // "how big are they in um^2?", "how fast do these move?": a property of the things analysed, said by a pronoun (a file is "it")
  // ("how big is each frame?", "how many frames and how big are they?": "each" of the recording's parts, or a pronoun whose
  // nearest noun before it is one of them, asks about the file)
  const pronoun = /\bhow\s+(?!many\b|much\b)[a-z]+\s+(?:are|were|do|did|is)\s+(?:they|these|those|them|each)\b(?!\s+(?:frames?|images?|pictures?|time ?points?|timepoints?|planes?|slices?|z[- ]?slices?|tiles?|channels?)\b)/i.exec(plainQuestion(text));
  if (pronoun && !partsOfTheRecordingBefore(plainQuestion(text).slice(0, pronoun.index))) return undefined;
  // "what's the mean speed? the pixels are 0.65 µm": a value the person tells is no property asked
  const words = wordsOf(withoutToldValues(text));
  if (words.length === 0 || words.length > 24) return undefined;
  // "what is this?", "can you tell me what this is": the movie's facts, all of them (the step's summary answers)
  if (pointsAtTheMovie(text)) {
    const reporter = toolNames(catalogue).find((t) => onlyReports(t, catalogue) && selfOf(t, catalogue)?.results?.channelNames);
    if (reporter) return { tool: reporter, keys: [], loose: true };
  }
  // "is this brightfield or fluorescence?": the kind of imaging, read from the channels' names
  if (asksModality(text)) {
    const reporter = toolNames(catalogue).find((t) => onlyReports(t, catalogue) && selfOf(t, catalogue)?.results?.channelNames);
    if (reporter) return { tool: reporter, keys: ['channelNames'] };
  }
  for (const tool of toolNames(catalogue)) {
    if (!onlyReports(tool, catalogue)) continue;
    const results = selfOf(tool, catalogue)?.results ?? {};
    const covered = new Set<number>();
    const scored: { key: string; score: number; at: number }[] = [];
    for (const [key, value] of Object.entries(results)) {
      let best = { score: 0, at: -1 };
      for (const phrase of value.words ?? []) {
        const parts = phrase.toLowerCase().replace(/µm/g, 'um').match(/[\p{L}\d]+/gu) ?? [];
        const at = phraseAt(words, parts);
        if (at < 0) continue;
        for (let k = 0; k < parts.length; k++) covered.add(at + k);
        // a word that only names the recording ("file") tells less than one that names a property
        // (and a single letter, "z" in "(t, z, c, y, x)", less than a word)
        // ("in frames" asks the unit of the answer: it outweighs "how long" before it)
        const score = parts.reduce((sum, p) => sum + (RECORDING.test(p) || p.length === 1 ? 0.5 : 1), 0) + (parts[0] === 'in' ? 0.5 : 0);
        if (score > best.score) best = { score, at };
      }
      if (best.score > 0) scored.push({ key, ...best });
    }
    if (scored.length === 0) continue;
    // the microscope's own settings ("what's the exposure?", "which objective is in?") are the microscope's to report;
    // the recording's only in the past tense about it ("what objective was used?", "when was this recorded?")
    // (the file's free-form metadata, the result that calls itself so, against the microscope's settings now)
    const freeForm = (key: string) => (results[key].words ?? []).includes('metadata');
    if (scored.every((s) => freeForm(s.key) && namesTheMicroscope(results[s.key].words ?? [], words, catalogue)) && !PAST_RECORDING.test(plainQuestion(text))) return undefined;
    // a thing analysed or a measured quantity among the other words: the question is about the analysis
    if (analysedOutside(words, covered, catalogue)) return undefined;
    scored.sort((a, b) => b.score - a.score || a.at - b.at);
    const top = scored[0].score;
    // "how many frames and channels?": each property the question joins; else the best only
    const joined = /\b(?:and|plus|as well as)\b|&/.test(text);
    const keys = joined
      ? scored.filter((s, i) => (s.score >= top || s.score >= 1) && !scored.slice(0, i).some((o) => o.at === s.at)).sort((a, b) => a.at - b.at).map((s) => s.key)
      : [scored[0].key];
    return { tool, keys, score: top, ...(top < 1 ? { loose: true } : {}) };
  }
  return undefined;
}

/** A part of the recording and an extreme of its content, either order: "which slice was the sharpest", "the brightest channel". */
const SUPERLATIVE = String.raw`(?:most|least|best|worst|(?!(?:inter|requ|t|r|for|hon|mod|sugg|dig|prot|conqu|lat)est)[a-z]{2,}est)`;
const PART = String.raw`(?:z[\s-]?)?(?:slices?|planes?|channels?|positions?|tiles?)`;
const EXTREME_PART = new RegExp(String.raw`${PART}(?:\s+\w+){0,4}?\s+(?:the\s+)?${SUPERLATIVE}|${SUPERLATIVE}\s+(?:\w+\s+)?${PART}`, 'i');

/** A choice the assistant made, asked of it: "did you keep", "have you picked", "you chose". */
const STEPS_CHOICE = /\b(?:(?:did|have|had)\s+you\s+(?:keep|choose|pick|select|take|retain)|you\s+(?:kept|chose|picked|selected|took|retained))\b/i;

/** The nearest noun before a pronoun names the recording's parts ("how many frames and how big are they?"), none analysed. */
function partsOfTheRecordingBefore(before: string): boolean {
  const nouns = before.match(/\b(?:frames?|images?|pictures?|time ?points?|timepoints?|planes?|slices?|tiles?|channels?|cells?|nuclei|nucleus|objects?|tracks?|spots?|particles?|labels?|masks?|divisions?)\b/gi) ?? [];
  const last = nouns[nouns.length - 1];
  return last !== undefined && !ANALYSED.test(last.toLowerCase());
}

/**
 * The text without the pieces that only tell a value with its unit ("the pixels are 0.65 µm",
 * "frames are 2 min apart", "pixel size 0.65 µm") when another piece asks something; else the text.
 */
function withoutToldValues(text: string): string {
  const pieces = text.split(/(?<=[,;.!?])\s+|\s+[-–—]\s+|\s+(?=(?:and\s+)?(?:the\s+)?(?:pixels?|pixel size|frames?|frame interval|interval)\b[^?]*\d)/i);
  // (only a calibration: "the nuclei are 8 µm across" says what the question is about)
  // ("the nuclei have a diameter of 12 pixels" tells the size of what is analysed, not the calibration)
  const told = (p: string) => !/\b(?:diameter|diam|radius|radii|across|wide|width)\b/i.test(p) && /\d\s*(?:µm|μm|um|microns?|nm|px|pixels?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)\b/i.test(p) && /\bpixel|\binterval|\bapart\b|\bevery\b|\bper frame\b|\/\s*(?:px|frame)\b|\bframes?\b/i.test(p) && !/\?|\b(?:what|which|how|is|are|do|does|did)\b(?!\s+\d)/i.test(p.replace(/^(?:and\s+)?(?:the\s+)?[\w ]{0,20}?\b(?:is|are)\b/i, ''));
  const kept = pieces.filter((p) => !told(p));
  return kept.length && kept.length < pieces.length ? kept.join(' ') : text;
}

/** A question in the past tense about how the recording was made. */
const PAST_RECORDING = /\b(?:was|were)\s+(?:\w+\s+){0,2}(?:used|taken|recorded|acquired|imaged|filmed|shot|captured|made|set)\b|\bwhen was\b|\b(?:did|do) (?:you|they|we|i) (?:use|image|record|acquire|film)\b|\bin (?:the|this) (?:file|movie|recording|metadata)\b|\bmetadata\b/i;

/** The phrases the question matched are words of a microscope tool too (objective, exposure, laser). */
function namesTheMicroscope(phrases: string[], words: string[], catalogue: Catalogue): boolean {
  const matched = phrases.filter((p) => phraseAt(words, p.toLowerCase().match(/[\p{L}\d]+/gu) ?? []) >= 0);
  const wordsOfTools = (microscope: boolean) => new Set(toolNames(catalogue).filter((t) => (selfOf(t, catalogue)?.domain === 'microscope') === microscope && !onlyReports(t, catalogue)).flatMap((t) => selfOf(t, catalogue)?.words ?? []).join(' ').toLowerCase().match(/[\p{L}\d]+/gu) ?? []);
  const [microscope, analysis] = [wordsOfTools(true), wordsOfTools(false)];
  // a thing of the microscope's only ("objective", "exposure"), not a question word ("how long") nor one analysis uses too ("interval", "channel")
  return matched.some((p) => {
    const parts = p.toLowerCase().match(/[\p{L}\d]+/gu) ?? [];
    return !/^(?:how|when|what|which)$/.test(parts[0] ?? '') && parts.every((w) => microscope.has(w)) && !parts.every((w) => analysis.has(w));
  });
}

/** A yes/no question ("is it 3D?", "does it have a brightfield channel?"), not an either/or one ("8 or 16 bit?"): yesNo.ts on the plain words. */
export function isYesNoQuestion(text: string): boolean {
  return isYesNoForm(plainQuestion(text));
}

const COUNT_MORE = /\b(?:more than|over|above|greater than|at least|several|multiple|many|multi)\s*(\w+)?/i;
/** Words that ask whether there is only one ("2D", "single", "just one"). */
const ONLY_ONE = /\b(?:2d|single|only one|just one|one)\b/i;

function number(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const words: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
  return /^\d+$/.test(text) ? Number(text) : words[text.toLowerCase()];
}


/** A time in the unit people read it in: 45 s, 12 min, 3.5 h (seconds beside it when converted). */
function timeText(seconds: number, asked?: string): string {
  const unit = asked ?? (seconds < 120 ? 's' : seconds < 7200 ? 'min' : 'h');
  const inUnit = unit === 'h' ? seconds / 3600 : unit === 'min' ? seconds / 60 : seconds;
  return unit === 's' ? `${numberText(seconds)} s` : `${numberText(inUnit)} ${unit} (${numberText(seconds)} s)`;
}

/** The time unit a question asks its answer in ("in minutes", "how many hours"). */
function askedTimeUnit(text: string): string | undefined {
  if (/\b(?:hours?|hrs?|h)\b/i.test(text)) return 'h';
  if (/\b(?:minutes?|mins?)\b/i.test(text)) return 'min';
  if (/\b(?:seconds?|secs?|s)\b/i.test(text)) return 's';
  return undefined;
}


/**
 * The calibration told in the session: the latest value of each key set by a step that applies to later steps (by its
 * declaration, set_calibration), from its arguments or its reported values. Empty when none was told.
 */
export function toldCalibration(results: readonly PastResult[]): Record<string, number> {
  const told: Record<string, number> = {};
  for (const r of results) {
    if (!setsCalibration(r)) continue;
    for (const key of TOLD_KEYS) {
      const value = typeof r.args[key] === 'number' ? r.args[key] : r.values[key];
      if (typeof value === 'number' && value > 0) told[key] = value;
    }
  }
  return told;
}

/** The rate a question asks a frame interval as ("in Hz", "fps", "frames per minute"): the seconds of its "per", or undefined. */
function askedRate(question: string): { per: number; unit: string } | undefined {
  if (/\b(?:hz|hertz|fps)\b/i.test(question)) return { per: 1, unit: /\bfps\b/i.test(question) ? 'frames/s' : 'Hz' };
  const m = /\b(?:frames?|images?|time\s*points?)\s+(?:per|a|an|every|\/)\s*(second|sec|s|minute|min|hour|hr|h)\b/i.exec(question);
  if (!m) return undefined;
  const per = /^(?:minute|min)$/i.test(m[1]) ? 60 : /^(?:hour|hr|h)$/i.test(m[1]) ? 3600 : 1;
  return { per, unit: per === 60 ? 'frames/min' : per === 3600 ? 'frames/h' : 'frames/s' };
}

/** One property of the recording as a sentence part, with its unit; "unknown" said with why and what sets it. */
function propertyText(key: string, v: Record<string, unknown>, question: string): string {
  if (v[key] === undefined && ['dtype', 'format', 'path'].includes(key)) return `${key === 'dtype' ? 'the bit depth' : `the file's ${key}`} was not reported`;
  const frames = Number(v.frames);
  const num = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : undefined);
  const names = Array.isArray(v.channelNames) ? (v.channelNames as unknown[]).map(String) : [];
  // the tool that sets what every later step reads (the calibration), by its declaration
  const setter = ALL_TOOLS.find((t) => t.appliesToLaterSteps)?.name;
  const unknown = (what: string) => `${what} unknown: the file does not record it${setter ? ` (${setter} can set it)` : ''}`;
  // (a value told in the session, not read from the file, says so)
  const toldHere = (k: string) => (Array.isArray(v.told) && v.told.includes(k) ? ', as told in this session' : '');
  switch (key) {
    case 'frames':
      return `${counted(frames, 'frame')} (time points)`;
    case 'durationS': {
      const interval = num('frameIntervalS');
      if (frames <= 1) return '1 frame: a single time point, no duration';
      if (num('durationS') === undefined && interval !== undefined && frames > 1) return `${timeText(interval * (frames - 1), askedTimeUnit(question))} from the first to the last frame (${frames} frames, ${timeText(interval)} apart${toldHere('frameIntervalS')})`;
      if (num('durationS') === undefined) return `${unknown('duration')}; ${counted(frames, 'frame')}, no frame interval known`;
      return `${timeText(num('durationS')!, askedTimeUnit(question))} from the first to the last frame (${frames} frames, ${timeText(interval ?? 0)} apart)`;
    }
    case 'frameIntervalS': {
      if (num('frameIntervalS') === undefined) return unknown('frame interval');
      const interval = num('frameIntervalS')!;
      const rate = askedRate(question);
      const between = `${timeText(interval, rate ? undefined : askedTimeUnit(question))} between frames`;
      return `${rate ? `${numberText(rate.per / interval)} ${rate.unit} (${between})` : between}${toldHere('frameIntervalS')}`;
    }
    case 'channels':
      return `${counted(Number(v.channels), 'channel')}${names.length ? ` (${names.join(', ')})` : ''}`;
    case 'channelNames':
      return names.length ? `${counted(names.length, 'channel')}: ${names.join(', ')}` : `${counted(Number(v.channels), 'channel')} (the file names none)`;
    case 'zSlices': {
      const z = Number(v.zSlices);
      return `${counted(z, 'z slice')} (${z > 1 ? '3D: a z-stack per time point' : '2D: no z-stack'})`;
    }
    case 'zStepUm':
      return Number(v.zSlices) <= 1 ? 'no z step: 1 z slice (2D)' : num('zStepUm') === undefined ? unknown('z step') : `${numberText(num('zStepUm')!)} µm between z slices${toldHere('zStepUm')}`;
    case 'widthPx':
    case 'heightPx': {
      const px = num('pixelSizeUm');
      const [w, h] = [Number(v.widthPx), Number(v.heightPx)];
      return `${w} x ${h} px${px ? ` (${numberText(w * px)} x ${numberText(h * px)} µm at ${numberText(px)} µm/px)` : ' (no calibration known)'}`;
    }
    case 'pixelSizeUm': {
      const px = num('pixelSizeUm');
      // a print resolution the file carries instead (movie_info's printDpi) is named: "300 dpi" is no pixel size
      const dpi = num('printDpi') ? `; its ${numberText(num('printDpi')!)} dpi is a print resolution, not a pixel size` : '';
      return px === undefined ? `${unknown('pixel size')}${dpi}; lengths stay in px (no calibration known)` : `${numberText(px)} µm per pixel (${numberText(px * 1000)} nm)${toldHere('pixelSizeUm')}`;
    }
    case 'dtype': {
      const bits = /(\d+)/.exec(String(v.dtype))?.[1];
      return `${String(v.dtype)}${bits ? ` (${bits}-bit ${/float/.test(String(v.dtype)) ? 'floating point' : 'integer'} pixels)` : ''}`;
    }
    case 'positions':
      return `${counted(Number(v.positions ?? 1), 'position')}: the file holds ${Number(v.positions ?? 1) === 1 ? 'one field of view (stage position)' : 'several fields of view'}`;
    case 'format':
      return `${String(v.format)}${v.compression && v.compression !== 'none' ? `, ${String(v.compression)}` : ', uncompressed'}`;
    case 'shape': {
      const px = num('pixelSizeUm');
      return `${counted(frames, 'frame')} x ${counted(Number(v.zSlices), 'z slice')} x ${counted(Number(v.channels), 'channel')} x ${Number(v.heightPx)} x ${Number(v.widthPx)} px (T, Z, C, Y, X; ${Number(v.widthPx)} px wide${px ? `, ${numberText(px)} µm/px` : ', no calibration known'})`;
    }
    case 'metadata': {
      const entries = Object.entries((v.metadata ?? {}) as Record<string, unknown>);
      const asked = wordsOf(question).filter((w) => w.length >= 4 && !/^(?:what|which|when|does|this|that|file|movie|used|with|were|record\w*|taken|acquired|metadata)$/.test(w));
      const found = entries.filter(([k, value]) => asked.some((w) => `${k} ${String(value)}`.toLowerCase().includes(w.replace(/s$/, ''))));
      if (found.length) return found.slice(0, 6).map(([k, value]) => `${k} = ${String(value)}`).join(', ') + ' (quoted from the file\'s metadata)';
      return `the file's metadata does not record that${entries.length ? ` (it holds: ${entries.slice(0, 12).map(([k]) => k).join(', ')})` : ' (it holds no acquisition metadata)'}`;
    }
    case 'path':
      return `${String(v.path ?? '').split('/').pop()} (${String(v.path ?? '')})`;
    default:
      return `${key} = ${JSON.stringify(v[key])}`;
  }
}

/** Whether the recording has what a yes/no question asks, by the property asked; undefined when the values cannot tell. */
function verdict(key: string, v: Record<string, unknown>, question: string): boolean | undefined {
  const plain = plainQuestion(question);
  const value = key === 'channelNames' ? v.channels : v[key];
  // "is there a GFP channel?", "does it have a brightfield channel?": a channel by its name
  if (key === 'channels' || key === 'channelNames') {
    const names = (Array.isArray(v.channelNames) ? (v.channelNames as unknown[]).map(String) : []).map((n) => n.toLowerCase());
    const asked = [...findChannels(plain).map((n) => n.toLowerCase()), ...[...plain.matchAll(/\b([\p{L}\d-]+)\s+(?:channel|chan)\b/giu)].map((m) => m[1].toLowerCase())]
      .filter((n) => !/^(?:a|an|the|one|single|second|another|more|other|any|only|this|that|extra|separate|different)$/.test(n));
    if (asked.length) return asked.some((a) => names.some((n) => n.includes(a) || a.includes(n)));
  }
  if (typeof value === 'number' && ['frames', 'zSlices', 'channels', 'channelNames', 'positions'].includes(key)) {
    const more = COUNT_MORE.exec(plain);
    if (more) {
      const n = number(more[1]);
      return /at least/i.test(more[0]) ? value >= (n ?? 2) : value > (n ?? 1);
    }
    if (ONLY_ONE.test(plain)) return value === 1;
    return value > 1;
  }
  // "is it calibrated?", "is the interval stored?": known or not
  if (['pixelSizeUm', 'frameIntervalS', 'zStepUm', 'durationS'].includes(key)) return value !== null && value !== undefined;
  // "is it 16 bit?", "is it a TIFF?": the value names what is asked
  if (typeof value === 'string') {
    const said = plain.toLowerCase().match(/[\p{L}\d]+/gu) ?? [];
    const own = value.toLowerCase();
    const telling = said.filter((w) => w.length >= 2 && !/^(?:is|it|the|a|an|this|that|file|data|movie|image|images|stack|bit|type|format|does|do|have|has|of|in)$/.test(w));
    return telling.length ? telling.some((w) => own.includes(w)) : undefined;
  }
  return undefined;
}

const KIND = String.raw`(?:bright\s*-?\s*field|fluo\w*|phase(?:\s+contrast)?|dic|nomarski|transmitted(?:\s+light)?|widefield|wide-field|confocal|epifluorescence|label[\s-]?free)`;
/** The kind of imaging asked: either/or ("brightfield or fluo?"), "is this a fluorescence movie?", "what modality", "taken in phase contrast". */
const ASKS_MODALITY = new RegExp(
  [
    String.raw`\b${KIND}\b[^?.]{0,30}\bor\s+(?:\w+\s+){0,2}${KIND}\b`,
    String.raw`^(?:is|are|was|were)\s+(?:this|it|these|those|they|the\s+(?:movie|images?|data|stack|recording|file))\s+(?:a\s+|an\s+|in\s+)?(?:\w+\s+)?${KIND}\b`,
    String.raw`\b(?:modality|modalities|kind\s+of\s+(?:imaging|microscopy|images?)|type\s+of\s+(?:imaging|microscopy|images?)|imaging\s+(?:method|technique))\b`,
    String.raw`\b(?:taken|imaged|acquired|recorded|shot|done)\s+(?:in|with|by|using|under)\s+${KIND}\b`,
  ].join('|'),
  'i',
);

/** True when the question asks how the recording was imaged (fluorescence, brightfield, phase contrast, DIC). */
export function asksModality(text: string): boolean {
  return ASKS_MODALITY.test(plainQuestion(text).replace(/^(?:(?:so|and|ok(?:ay)?|now|hey|hi|quick question)[,:\s]+)+/i, '').trim());
}

/** Channel names that say transmitted light, and the kind they say. */
const TRANSMITTED: [RegExp, string][] = [
  [/bright\s*-?\s*field|^bf$|^tl$|trans/i, 'brightfield (transmitted light)'],
  [/phase|^ph\d?$|^pc$/i, 'phase contrast (transmitted light)'],
  [/dic|nomarski/i, 'DIC (transmitted light)'],
];
/** Channel names that say a fluorophore, a filter or a fluorescent label. */
const FLUORESCENT = /gfp|yfp|cfp|bfp|rfp|mcherry|tomato|dapi|hoechst|fitc|tritc|texas|rhodamine|alexa|cy\d|atto|sir|mneon|venus|citrine|ruby|scarlet|fluo|far\s*-?red|\d{3}\s*(?:nm)?$|nucle|h2b|actin|tubulin|mito|membrane|marker|label|stain/i;

/** What a channel's name says of how it was imaged, or undefined when the name does not tell ("C1", "Channel 2"). */
function modalityOfName(name: string): string | undefined {
  for (const [pattern, kind] of TRANSMITTED) if (pattern.test(name)) return kind;
  return FLUORESCENT.test(name) ? 'fluorescence (its name is a fluorophore or a fluorescent label)' : undefined;
}

/** The kind of imaging of each channel, read from its name; said plainly when a name does not tell. */
function modalityText(v: Record<string, unknown>, question: string): { text: string; yes?: boolean } {
  const names = Array.isArray(v.channelNames) ? (v.channelNames as unknown[]).map(String) : [];
  const count = Number(v.channels ?? names.length) || names.length;
  const read = names.map((n, i) => ({ n, i, kind: modalityOfName(n) }));
  const parts = read.map(({ n, i, kind }) => `channel ${i + 1} "${n}": ${kind ?? 'I cannot tell from its name'}`);
  const unknown = read.filter((r) => !r.kind);
  const text = `${names.length ? parts.join('; ') : `${count} channel${count === 1 ? '' : 's'}, unnamed: I cannot tell the kind of imaging`} (read from the channel names in the file header, ${'movie_info'}; the file records no imaging modality${unknown.length ? ', and a name like ' + JSON.stringify(unknown[0].n) + ' does not say it, so I cannot tell for that channel' : ''})`;
  // "is this a fluorescence movie?": yes when a channel's name says the kind asked
  const asked = /fluo/i.test(question) && !/\bor\b/i.test(question) ? /fluorescence/ : /bright\s*-?\s*field|transmitted/i.test(question) && !/\bor\b/i.test(question) ? /brightfield|transmitted/ : /phase/i.test(question) && !/\bor\b/i.test(question) ? /phase/ : /dic|nomarski/i.test(question) && !/\bor\b/i.test(question) ? /DIC/ : undefined;
  const yes = asked && read.every((r) => r.kind) ? read.some((r) => asked.test(r.kind!)) : undefined;
  return { text, yes };
}

/**
 * The answer to a question about the recording from the reporting tool's values: each property
 * asked with its unit; a yes/no question starts "Yes"/"No" with the evidence.
 */
export function recordingAnswer(question: string, result: PastResult, catalogue: Catalogue = new Map(), told: Record<string, number> = {}): string | undefined {
  const asked = recordingQuestion(question, catalogue);
  if (!asked || asked.tool !== result.tool || !result.ok) return undefined;
  // (the calibration told in the session stands over the header's: "frames are 200 ms apart", then "what's the frame rate?")
  if (Object.keys(told).length) result = { ...result, values: { ...result.values, ...told, told: Object.keys(told) } };
  // width and height are one answer, and so are the channels and their names
  const keys = asked.keys.filter((k) => !(k === 'heightPx' && asked.keys.includes('widthPx')) && !(k === 'channelNames' && asked.keys.includes('channels')));
  // "is this brightfield or fluorescence?": the kind of imaging, from the channels' names
  if (asksModality(question) && keys.some((k) => k === 'channels' || k === 'channelNames')) {
    const { text, yes } = modalityText(result.values, question);
    return isYesNoQuestion(question) && yes !== undefined ? `${yes ? 'Yes' : 'No'}: ${text}` : capitalize(text);
  }
  const parts = [...new Set(keys.map((k) => propertyText(k === 'heightPx' ? 'widthPx' : k, result.values, question)))];
  // (every value asked was told in the session: the header is not its source)
  const allTold = keys.every((k) => k in told || (k === 'durationS' && 'frameIntervalS' in told));
  const text = asked.loose ? result.summary.replace(/\.\s*$/, '') : allTold ? `${parts.join('; ').replace(/, as told in this session/g, '')} (as told in this session)` : `${parts.join('; ')} (from the file header, ${result.tool})`;
  if (!isYesNoQuestion(question)) return capitalize(text);
  const yes = verdict(keys[0], result.values, question);
  return yes === undefined ? capitalize(text) : `${yes ? 'Yes' : 'No'}: ${text}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The header facts the session knows of a movie already (read when it was opened), keyed as the reporting tool's results. */
function headerFacts(movie: KnownArtifact): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  if (typeof movie.frames === 'number') facts.frames = movie.frames;
  if (typeof movie.zSlices === 'number') facts.zSlices = movie.zSlices;
  // (null: the header was read and records no pixel size)
  if (movie.pixelSizeUm !== undefined) facts.pixelSizeUm = movie.pixelSizeUm;
  if (typeof movie.frameIntervalS === 'number') facts.frameIntervalS = movie.frameIntervalS;
  if (typeof movie.width === 'number') facts.widthPx = movie.width;
  if (typeof movie.height === 'number') facts.heightPx = movie.height;
  if (movie.channelNames?.length) Object.assign(facts, { channelNames: movie.channelNames, channels: movie.channelNames.length });
  return facts;
}

/**
 * "what's the pixel size?", "time between frames?" once the movie is open: answered from the header
 * facts the session already holds, without reading the file again; undefined when the question asks
 * a property the session does not hold (the reporting tool then reads it).
 */
export function answerFromHeader(question: string, movies: KnownArtifact[], catalogue: Catalogue = new Map(), told: Record<string, number> = {}): string | undefined {
  const movie = movies.filter((a) => a.type === 'movie').at(-1);
  const asked = movie ? recordingQuestion(question, catalogue) : undefined;
  if (!movie || !asked || asked.loose || asked.keys.length === 0) return undefined;
  const facts = { ...headerFacts(movie), ...told };
  // (width and height are one answer; the channels and their names too)
  const needed = asked.keys.filter((k) => !(k === 'heightPx' && asked.keys.includes('widthPx')) && !(k === 'channelNames' && asked.keys.includes('channels')));
  if (!needed.every((k) => k in facts)) return undefined;
  return recordingAnswer(question, { tool: asked.tool, args: {}, ok: true, summary: '', values: facts, artifacts: [] }, catalogue, told);
}

/** Fillers before a question ("so", "ok", "hey", "um", "quick question:"). */
const FILLER = String.raw`(?:(?:so|ok(?:ay)?|hey|hi|hello|um+|uh+|hmm+|erm|well|and|right|sorry|quick\s+question:?|just\s+curious)[,!.:]?\s+)*`;
/** What a pointer may name: the movie open, said as a thing ("this file", "that stack", "these images"). */
const POINTED = String.raw`(?:\s+(?:thing|stuff|file|movie|data(?:\s*set)?|dataset|stack|image|images|recording|video|film|clip|sample|timelapse|time-lapse|tiff?|one))?`;
/** The pointer: "this", "that", "it", "these", "here". */
const POINTER = String.raw`(?:this|that|it|these|those|here)${POINTED}`;
/** Words after the pointer that add nothing ("exactly", "again", "all about", "then"). */
const AFTER = String.raw`(?:\s+(?:exactly|again|then|actually|here|there|even|all\s+about|about|supposed\s+to\s+be|showing|show))*`;
const BARE_DEICTIC = new RegExp(
  String.raw`^${FILLER}(?:` +
    [
      // "what is this?", "what's that file?", "what are these images?", "what exactly is this?", "what is in here?"
      String.raw`what(?:'s|’s|\s+is|\s+are|\s+was)?(?:\s+exactly)?(?:\s+(?:is|are))?\s+(?:in\s+)?${POINTER}${AFTER}`,
      // "what kind of data is this?", "what sort of file is it?"
      String.raw`what\s+(?:kind|sort|type)\s+of\s+(?:thing|data|file|movie|image|images|recording|stack|experiment|sample)\s+(?:is|are)\s+${POINTER}${AFTER}`,
      // "can you tell me what this is", "any idea what this is?", "I wonder what this file is"
      String.raw`(?:(?:can|could)\s+you\s+(?:please\s+)?(?:tell|remind)\s+me|please\s+tell\s+me|tell\s+me|any\s+idea|i\s+wonder|do\s+you\s+know|i(?:'d|\s+would)\s+like\s+to\s+know)\s+what\s+${POINTER}\s+(?:is|are)${AFTER}`,
      // "what does this show?", "what does the file contain?", "what's this showing?"
      String.raw`what\s+(?:does|do)\s+(?:this|that|it|these|the)${POINTED}\s+(?:show|contain|have\s+in\s+it|hold)`,
      // "what have we got here?", "what do we have here?"
      String.raw`what\s+(?:have\s+(?:i|we)\s+got|do\s+(?:i|we)\s+have|did\s+i\s+(?:just\s+)?(?:open|load))(?:\s+here|\s+open)?`,
    ].join('|') +
    String.raw`)\s*(?:please|pls|plz)?\s*[?.!]*$`,
  'i',
);

/**
 * A bare question that points at what is open and names nothing in it ("what is this?", "what am I
 * looking at", "can you tell me what this is", "what's in this file"): it asks what the movie is, its facts.
 */
export function pointsAtTheMovie(text: string): boolean {
  return BARE_DEICTIC.test(text.trim().replace(/\s+/g, ' '));
}
