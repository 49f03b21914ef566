// Every content word of a request is accounted for (brief s55/K, issue 11 item 4). The readers before this one look for
// known classes of dropped parts (a name, a condition, a number, a reference); a part said in plain words of no such class
// ("with a separate sheet for each frame", "with the y axis starting at zero", "weighted by their area") was dropped in
// silence. Here each content word (not a function word, not the person's framing) must be accounted for by a running
// step's own declaration (its words, examples, argument names, values and units: toolDeclares), a value a step took, the
// things imaged and worked on, a channel, or a word the answer says already; the words left, grouped into the phrase they
// stand in, are named in one line. Parts that only tell (toldParts.ts), are turned down or left to the person, and
// questions (read by the answer builders) are not read here.
import type { Catalogue } from './catalogue.ts';
import { allowedValues, selfOf } from './catalogue.ts';
import { isShortenedForm } from './english.ts';
import { isOrdinaryWord, toolDeclares } from './constraints.ts';
import { CHANNEL_NAMES } from './lexicon.ts';
import type { ToolIndex } from './matcher.ts';
import { parseNumber } from './quantities.ts';
import { withoutToldParts } from './toldParts.ts';
import type { Plan, PlannedStep } from './types.ts';
import { withoutPurpose } from './unapplied.ts';
import { editDistance, isStopWord, meaning, stopWords, type Token, tokenize } from './words.ts';
import { isContext } from './clauses.ts';
import { numbersHeld } from './unaccounted.ts';

/** A phrase of the request none of whose content words any step, value or line of the answer accounts for. */
export interface UnaccountedPhrase { text: string; start: number; end: number }

/**
 * The person's framing, which asks for nothing of its own: verbs of asking, wanting, giving and seeing ("could you give me",
 * "I'd love to see"), verbs of any analysis that name no operation ("compute", "work out"), words of politeness and
 * hope, and words of order and amount in time ("again", "afterwards"). A closed class: each word names no step's detail.
 */
const FRAMING = /^(?:kindly|possible|possibly|maybe|perhaps|help|helps|helping|cheers|wonder|wondering|curious|interested|love|happy|glad|grateful|appreciate|appreciated|mind|able|quick|again|next|first|finally|afterwards|later|today|tomorrow|tonight|anyway|both|either|everything|anything|something|stuff|thing|things|give|gimme|show|tell|see|know|look|check|got|run|doing|make|making|made|find|work|compute|calculate|quantify|quantity|analyse|analyze|analysis|determine|report|return|provide|display|view|print|list|generate|produce|create|put|take|use|try|wanted|wanna|would|needed|hoping|hope|ideally|actually|basically|simply|still|already|yet|whole|entire|everyone|folks|guys|team|lab|idea|way|able|sure|great|nice|good|fine|cool|awesome|thx|ty|lol|hmm|um|uh|yes|yeah|yep|nope|well|right|alright|want|wants|wish|going|gonna|trying|able|time|bit|little|quite|rather|pretty|also|just|only|even|still|much|many|more|most|less|least|lots|way|please|plz|pls|thanks|thank|ok|okay|hi|hello|hey|dear|regards|best|done|finished|ready|result|results|output|outputs|number|numbers|value|values|data|dataset|figure|figures|back)$/i;

/**
 * Words that say what to do with a part, never what the part is: keeping, leaving out, turning on or off, doing again,
 * and negation and modality ("keep those between 20 and 300 px", "get rid of the specks", "it should never jump",
 * "instead of Otsu"). The part's own words carry its content; these are read by the readers of filters and negations.
 */
const HANDLING = /^(?:keep|keeps|keeping|kept|leave|leaves|leaving|exclude|excluding|excluded|filter|filtering|remove|removing|rid|toss|drop|dropping|discard|discarding|ignore|ignoring|skip|skipping|throw|ditch|nothing|never|none|except|instead|rather|restrict|restricting|allow|allowing|turn|switch|off|redo|rerun|should|shouldn't|must|might|may|shall|bother|sure|including|include|consider|considering|count|counting|bigger|smaller|larger|longer|shorter|higher|lower|stronger|weaker|heavier|lighter|gentler|finer|coarser|tighter|looser|above|below|under|over|least|most|atleast|approx|approximately|circa|about|around|roughly|ish|style|like|based|wise|type|kind|sort)$/i;

/** Verbs of keeping or leaving some of the things out (the readers of filters and exclusions read what follows them). */
const LEAVING = /^(?:keep|keeping|leave|leaving|exclude|excluding|skip|skipping|ignore|ignoring|remove|removing|discard|discarding|drop|dropping|toss|ditch|throw|omit|omitting|only|except|excluding|without)$/i;

/** A contraction of a pronoun or a negated auxiliary ("I'd", "we'll", "don't", "shouldn't"): a function word. */
const CONTRACTION = /^(?:[\p{L}]+['’](?:d|ll|m|re|ve|s|t)|[\p{L}]+n['’]?t)$/iu;

/** A word that tells which ones by place or order in the request ("the same", "the second", "the two halves"), read by scope readers. */
const POINTING = /^(?:same|former|latter|previous|earlier|other|others|another|rest|remaining|such|following|mentioned|said|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|half|halves|quarter|quarters|thirds?)$/i;

/** Where the phrases another line of the answer quotes ("...") stand in the request. */
function quotedSpans(request: string, said: string): { start: number; end: number }[] {
  const lower = request.toLowerCase();
  return [...said.matchAll(/"([^"]{2,})"/g)].flatMap((q) => {
    const at = lower.indexOf(q[1].toLowerCase());
    return at >= 0 ? [{ start: at, end: at + q[1].length }] : [];
  });
}

/** The things steps work on and the words for them (cells, nuclei, frames, the image and its field of view): what a step runs on, no detail of it. */
const THINGS = /^(?:cells?|nucle(?:us|i)|objects?|ones?|tracks?|trajector(?:y|ies)|spots?|blobs?|particles?|frames?|time|times|points?|timepoints?|slices?|planes?|stacks?|channels?|movies?|images?|videos?|pictures?|fields?|view|fovs?)$/i;

/** Places of the field ("away from the edges", "in the centre"): the region and edge readers apply or name them. */
const PLACE = /^(?:edges?|borders?|boundar(?:y|ies)|cent(?:re|er)s?|corners?|middle|periphery|peripheral|sides?|top|bottom|left|right|inside|outside|interior|away|near|nearby|close|far)$/i;

/** How a frame looks ("out of focus", "blurry"): the readers of image quality and of frames left out by kind read them. */
const QUALITY = /^(?:focus|focused|unfocused|blurry|blurred|blur|sharp|noisy|saturated|overexposed|underexposed)$/i;

/** Prepositions that open the phrase a word stands in ("with the y axis ...", "per well", "on a log axis"). */
const PREPOSITION = /^(?:with|by|per|on|in|as|for|at|from|across|over|into|onto|within|without|using|via|under|between|against|along|inside|outside|through|after|before|during|like|of)$/i;

/** Words that end a phrase: joining words, the start of another clause. */
const CLAUSE_BREAK = /^(?:and|then|but|so|also|plus|while|whereas|because|since|if|when|whenever|once|unless|whether|provided|please)$/i;

/** Words that open a part which is a condition or a reason ("if it drifts", "as long as the segmentation looks ok"), read by the readers of conditions. */
const SUBORDINATE = /^(?:while|whereas|because|since|if|when|whenever|once|unless|whether|provided|long)$/i;

/** The meanings of every word in the texts (a plan's values, the answer's lines). */
function meaningsOf(texts: string[]): Set<string> {
  return new Set(tokenize(texts.join(' ').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ')).map((t) => meaning(t.stem)));
}

/** The argument names and every string value a step holds, at any depth, as text. */
function valueTexts(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) valueTexts(v, out);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) {
    if (k === '$ref' || k === 'mode' || k === 'producers') continue;
    out.push(k);
    valueTexts(v, out);
  }
  return out;
}

/** What accounts for a word: the steps' declarations, their values, the things, the channels, the answer's words. */
interface Accounts {
  steps: PlannedStep[];
  catalogue: Catalogue;
  index: ToolIndex;
  taken: Set<string>;
  said: Set<string>;
  isThing: (word: string) => boolean;
  /** The values the steps' tools offer and the words they declare, lower case ("gaussian", "threshold"). */
  offered: string[];
}

/** Whether a content word is accounted for. */
function accounted(token: Token, a: Accounts, written: string): boolean {
  const word = token.word;
  if (word.length < 3 || /\d/.test(word) || parseNumber(word) !== undefined || isStopWord(word) || FRAMING.test(word) || POINTING.test(word) || isOrdinaryWord(word)) return true;
  if (PREPOSITION.test(word) || CLAUSE_BREAK.test(word) || HANDLING.test(word) || CONTRACTION.test(word) || THINGS.test(word) || PLACE.test(word) || QUALITY.test(word)) return true;
  const own = meaning(token.stem);
  const read = a.index.meanings([token])[0];
  if (a.taken.has(own) || a.taken.has(read) || a.said.has(own) || a.said.has(read)) return true;
  if (CHANNEL_NAMES.some((c) => c.toLowerCase() === word)) return true;
  if (a.steps.some((s) => toolDeclares(s.tool, token, a.catalogue, a.index))) return true;
  // ("save the corrected movie", "the tracked cells": a participle of what a tool does names a result made before, no detail)
  if (/(?:ed|en)$/.test(word) && [...a.catalogue.keys()].some((tool) => toolDeclares(tool, token, a.catalogue, a.index))) return true;
  if (a.isThing(written)) return true;
  // ("otsu thresh", "a gauss filter": a word cut short of a value a step offers is that value)
  if (a.offered.some((v) => isShortenedForm(word, v))) return true;
  // (a slip of a function word, "befor", "atleast", is that word)
  return word.length >= 4 && [...stopWords()].some((w) => w.length >= 4 && editDistance(word, w, 1) <= 1);
}

/**
 * Whether a word stands in a phrase that says a detail of a step: after a preposition of its part (within four words:
 * "with a separate sheet", "on a log axis", "as a violin plot") or just before one ("weighted by", "starting at"). The
 * words before any preposition are the step's verb and object, which chose the step.
 */
function inAPhrase(part: { word: string }[], i: number): boolean {
  if (i + 1 < part.length && PREPOSITION.test(part[i + 1].word) && i > 0) return true;
  for (let k = i - 1; k >= 0 && i - k <= 4; k--) if (PREPOSITION.test(part[k].word)) return true;
  return false;
}

/** A word written as a name ("HeLa", "FRET", "Fiji"): the reader of names (unaccounted.ts) names it or found it covered. */
function writtenAsAName(word: string): boolean {
  return /\p{Lu}/u.test(word.slice(1)) || (/^\p{Lu}/u.test(word) && word.length > 1 && word !== word.toUpperCase() && !/^(?:I|I['’]d|I['’]m)$/.test(word));
}

/** The words of a request between punctuation marks and joining words, each a list of its words with their positions. */
function parts(text: string): { word: string; start: number; end: number }[][] {
  const out: { word: string; start: number; end: number }[][] = [[]];
  let subordinate = false;
  for (const m of text.matchAll(/[\p{L}\d][\p{L}\d'’]*(?:-[\p{L}\d]+)*|[,;:.!?()"\n]/gu)) {
    const word = m[0];
    // ("as long as the segmentation looks ok", "if it drifts": a condition or a reason, to the end of its part, is other readers')
    if (SUBORDINATE.test(word) && (word.toLowerCase() !== 'long' || /^as\s+long\s+as\b/i.test(text.slice(Math.max(0, (m.index ?? 0) - 3))))) subordinate = true;
    if (/^[,;:.!?()"\n]$/.test(word) || CLAUSE_BREAK.test(word)) {
      if (out.at(-1)!.length) out.push([]);
      if (/^[,;:.!?()"\n]$/.test(word)) subordinate = false;
      continue;
    }
    if (subordinate) continue;
    out.at(-1)!.push({ word, start: m.index ?? 0, end: (m.index ?? 0) + word.length });
  }
  return out.filter((p) => p.length);
}

/**
 * The phrase an unaccounted word stands in: back over the words before it that are no accounted content word (its
 * article, its adjectives) to the preposition that opens it ("with a separate sheet"), and on through a preposition after
 * it to that phrase's first accounted word ("... for each frame", "weighted by their area").
 */
function phraseAround(part: { word: string; start: number; end: number }[], from: number, to: number, isOpen: (i: number) => boolean): [number, number] {
  let first = from;
  for (let i = from - 1; i >= 0 && from - i <= 4; i--) {
    if (PREPOSITION.test(part[i].word)) {
      first = i;
      break;
    }
    if (!isOpen(i)) break;
    first = i;
  }
  // (never an article or a pronoun alone before the word: "the", "their")
  while (first < from && isStopWord(part[first].word.toLowerCase()) && !PREPOSITION.test(part[first].word)) first++;
  let last = to;
  // (with the noun it modifies: "as a box plot", "SEM error bars")
  if (to + 1 < part.length && !PREPOSITION.test(part[to + 1].word) && !isStopWord(part[to + 1].word.toLowerCase())) last = to + 1;
  else if (to + 1 < part.length && PREPOSITION.test(part[to + 1].word)) {
    for (let i = to + 1; i < part.length && i - to <= 4; i++) {
      last = i;
      if (!isStopWord(part[i].word.toLowerCase()) && !PREPOSITION.test(part[i].word)) break;
    }
  }
  return [first, last];
}

/**
 * The phrases of the request whose content words nothing accounts for (see the head of this file). `skip(at)` leaves the
 * words another reader owns or that ask for nothing (turned down, left to the user, said in a context sentence).
 */
export function unaccountedPhrases(request: string, plan: Plan, catalogue: Catalogue, index: ToolIndex, said: string, isThing: (word: string) => boolean, skip: (at: number) => boolean): UnaccountedPhrase[] {
  if (!plan.steps.length || plan.question || plan.reply) return [];
  const steps = plan.steps;
  const a: Accounts = {
    steps,
    catalogue,
    index,
    taken: meaningsOf([...steps.flatMap((s) => valueTexts(s.args)), ...steps.flatMap((s) => Object.values(catalogue.get(s.tool)?.properties ?? {}).flatMap(allowedValues))]),
    said: meaningsOf([said]),
    isThing,
    offered: steps.flatMap((s) => [...Object.values(catalogue.get(s.tool)?.properties ?? {}).flatMap(allowedValues), ...(selfOf(s.tool, catalogue)?.words ?? [])]).flatMap((v) => v.toLowerCase().split(/[\s_-]+/)),
  };
  const text = withoutToldParts(withoutPurpose(request));
  const held = new Set(steps.flatMap((s) => numbersHeld(s.args)));
  const quoted = quotedSpans(request, said);
  const values = meaningsOf(steps.flatMap((s) => Object.values(s.args).filter((v): v is string => typeof v === 'string')));
  const out: UnaccountedPhrase[] = [];
  for (const part of parts(text)) {
    // (a part that only tells, "the speed changes after the drug", asks for nothing)
    if (isContext(request.slice(part[0].start, part.at(-1)!.end))) continue;
    // (the words beside a number a step took say what it is: "3 px wide", "2000 square pixels", "debris under 15")
    const nearTaken = (i: number) => part.some((w, k) => Math.abs(k - i) <= 4 && /^\d/.test(w.word) && held.has(Number(w.word.replace(/[^\d.].*$/, ''))));
    // ("skip any stuck on the image border", "keep those away from ..."): after a verb of keeping or leaving out, the words
    // say which ones, and the readers of filters and exclusions apply or name them
    const leftOut = part.findIndex((w) => LEAVING.test(w.word));
    const open = part.map((w, i) => {
      if (leftOut >= 0 && i > leftOut) return false;
      const tokens = tokenize(w.word);
      const whole = tokens.find((t) => !t.part);
      if (!whole || !inAPhrase(part, i) || writtenAsAName(w.word) || nearTaken(i)) return false;
      // (a hyphenated word is accounted when it is, or when each of its parts is: "max-intensity", "per-object")
      const pieces = tokens.filter((t) => t.part);
      if (accounted(whole, a, w.word) || (pieces.length > 0 && pieces.every((t) => accounted(t, a, w.word)))) return false;
      return !skip(w.start);
    });
    // ("the maximum intensity projection" of a projection drawn: words before a value a step took, with no preposition between, name that value)
    for (let i = 0; i < part.length; i++) {
      const head = part.slice(i + 1, i + 3).findIndex((w) => PREPOSITION.test(w.word) || tokenize(w.word).some((t) => !t.part && values.has(meaning(t.stem))));
      if (open[i] && head >= 0 && !PREPOSITION.test(part[i + 1 + head].word)) open[i] = false;
    }
    for (let i = 0; i < part.length; i++) {
      if (!open[i]) continue;
      let j = i;
      // (words left side by side, or one word apart, are one phrase: "a separate sheet", "violin or swarm")
      while (j + 1 < part.length && (open[j + 1] || (j + 2 < part.length && open[j + 2] && isStopWord(part[j + 1].word.toLowerCase())))) j = open[j + 1] ? j + 1 : j + 2;
      const [first, last] = phraseAround(part, i, j, (k) => !tokenize(part[k].word).some((t) => !t.part) || open[k]);
      const phrase = { text: request.slice(part[first].start, part[last].end), start: part[first].start, end: part[last].end };
      // (a phrase overlapping one another line quotes, "after the drug addition at" beside "frame 30", is named there)
      if (!quoted.some((q) => q.start < phrase.end && phrase.start < q.end)) out.push(phrase);
      i = last;
    }
  }
  return out;
}
