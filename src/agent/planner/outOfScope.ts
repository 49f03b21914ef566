// A request outside microscopy analysis or control ("track my package from Amazon",
// "what's the weather tomorrow", "add milk to my shopping list"): most of its words are
// in no tool's description and none names a thing under the microscope. A method named
// after "with"/"using" ("denoise using BM3D", "the Hungarian algorithm") is a name to
// report as not applied, never a reason to refuse the request.
import { allowedValues, type Catalogue, selfOf } from './catalogue.ts';
import { GENERIC_SPREAD, type ToolIndex } from './matcher.ts';
import { indexFor } from './toolIndex.ts';
import { memoForStep } from './stepMemo.ts';
import { findQuantities } from './quantities.ts';
import { splitClauses } from './clauses.ts';
import { allowedEdits, editDistance, isStopWord, meaning, normalizeWord, stopWords, type Token, tokenize } from './words.ts';
import { ALL_TOOLS } from '../allTools.ts';
import { isEverydayNoun, isEverydayWord } from './english.ts';
import { isNotQuantityWord, quantityOfAdjectives } from './tableAnswers.ts';
import { withoutHedges } from './unapplied.ts';
import { METHOD_NAMES } from './lexicon.ts';
import { isComputeWord } from './computeWords.ts';

/** What is measured on cells, but also on things from elsewhere ("the speed of my car"): a subject, though no thing imaged. */
const MEASURED = new Set(['migration', 'motility', 'trajectory', 'speed', 'area', 'intensity', 'morphology', 'growth'].map((w) => meaning(normalizeWord(w))));
/** Things under the microscope or in a movie: a request about one is in scope whatever else it says. */
const SUBJECTS = new Set(
  ['cell', 'nucleus', 'movie', 'image', 'frame', 'channel', 'pixel', 'microscope', 'fluorescence', 'mask', 'drift', 'division', 'embryo', 'tissue', 'organoid', 'bacteria', 'yeast', 'mitochondria', 'protein', 'sample', 'objective', 'laser',
    // what is measured on cells
    ...MEASURED,
    // parts of the field of view, and an image made of a movie's line ("a kymograph along the middle row")
    'quadrant', 'roi', 'fov', 'kymograph']
    .map((w) => meaning(normalizeWord(w))),
);

/** Words that name how or with what, not a subject ("using", "algorithm"), fillers of speech ("hmm"), and looking ("they look confluent" names nothing of ours). */
const NEUTRAL = new Set(
  'cellpilot using use via algorithm method filter approach technique model format file software plugin tool hmm hm uh um oh ah well yeah yes yep okay ok cool great actually maybe perhaps kindly quickly everything anything something both again whole hello hiya cheers bye goodbye morning afternoon evening thanks thank nope nah sorry wait stop perfect nevermind never mind awesome nice lovely brilliant fine sure alright look looks looking looked hope hoped hoping grateful appreciate appreciated straight away straightaway immediately asap soon later'.split(' '),
);
/**
 * Who asks for the result, and their asking ("my PI needs the tracks ...", "the reviewer wants ..."): around a request
 * of ours they are no evidence against it; in a request with fewer than two words of ours ("write an email to my boss") they are read as any word.
 */
const REQUESTERS = new Set(
  ('boss pi supervisor advisor adviser reviewer reviewers referee referees editor collaborator collaborators colleague colleagues postdoc professor prof rebuttal ' +
    'wants needs wanted needed asks asked requests requested requires required').split(' '),
);
/** Words of analysing images in general ("a Sholl analysis", "quantify"): ours, though no one tool is named by them. */
const ANALYSING = new Set(['analysis', 'analyse', 'analyze', 'analysing', 'analyzing', 'quantification', 'quantitative', 'processing', 'pipeline', 'workflow'].map((w) => meaning(normalizeWord(w))));
const NAMING = /\b(?:with|using|via|by|as|into|to)\s+(?:the\s+|a\s+|an\s+)?$/i;
/** A method named in a few words after "with"/"using" ("with a random forest classifier like Weka"): every word of it is a name asked for. */
const NAMED_PHRASE = /\b(?:with|using|via)\s+(?:(?:the|a|an|some|my|our)\s+)?(?:(?!(?:and|then|but|or|on|in|for|to|of)\b)[\p{L}\d'’-]+\s+){0,4}$/iu;

/** The field's method names (lexicon.METHOD_NAMES) in lower case, those of 4 letters or more that are no everyday word ("kalman", "omnipose"; not "li", "care"). */
let methodWords: Set<string> | undefined;
function namesAMethodOfTheField(word: string): boolean {
  methodWords ??= new Set(METHOD_NAMES.map((n) => n.toLowerCase()).filter((n) => /^[a-z\d]{4,}$/.test(n) && !isEverydayWord(n)));
  return methodWords.has(word.toLowerCase());
}

/** The word is part of what a naming word names: right after it, or in the few words of its phrase. */
function named(token: Token, masked: string): boolean {
  const before = masked.slice(Math.max(0, token.start - 60), token.start);
  return NAMING.test(before.slice(-16)) || NAMED_PHRASE.test(before);
}

const toolWordSets = new WeakMap<ToolIndex, Set<string>>();

/** Meanings of the tools' own words, names and allowed values: what a misspelling may stand for. */
function toolWords(index: ToolIndex, catalogue: Catalogue): Set<string> {
  let words = toolWordSets.get(index);
  if (words) return words;
  const texts: string[] = [];
  for (const [name, info] of catalogue) {
    const self = selfOf(name, catalogue) ?? {};
    texts.push(name.replace(/_/g, ' '), ...(self.words ?? []), ...Object.values(self.valueWords ?? {}).flatMap((v) => Object.values(v).flat()));
    for (const p of Object.values(info.properties)) texts.push(...allowedValues(p));
  }
  words = new Set(tokenize(texts.join(' ')).map((t) => meaning(t.stem)));
  toolWordSets.set(index, words);
  return words;
}

/** The first words of the tools' names as written, their verbs ("segment", "track", "measure", "correct"). */
const TOOL_NAME_WORDS = new Set(ALL_TOOLS.map((t) => t.name.split('_')[0]));
/** What comes before a verb that opens a request or a clause ("segment ...", "can you segment ...", "..., then track ..."). */
const BEFORE_A_VERB = /(?:^|[.;,!?:]\s*|\b(?:and|then|now|please|pls|plz|can you|could you|would you|can u|could u|to|just|also)\s+)$/i;

const writtenSets = new WeakMap<ToolIndex, Map<string, string>>();
const closeCache = new Map<string, boolean>();

/** The words the tools' own texts use as written (names, words, examples, summaries, descriptions, values), to their meanings. */
function writtenWords(index: ToolIndex): Map<string, string> {
  let written = writtenSets.get(index);
  if (written) return written;
  const texts: string[] = [];
  for (const tool of ALL_TOOLS) {
    texts.push(tool.name.replace(/_/g, ' '), tool.description, tool.summary ?? '', ...(tool.words ?? []), ...(tool.examples ?? []), ...Object.values(tool.valueWords ?? {}).flatMap((v) => Object.values(v).flat()));
  }
  written = new Map(tokenize(texts.join(' ')).filter((t) => t.word.length >= 3).map((t) => [t.word, meaning(t.stem)]));
  writtenSets.set(index, written);
  return written;
}

/**
 * True when the word as written is a slip of a word the tools write: the same first letter,
 * a length within two letters and no more edits than a slip of its length allows.
 */
function closeToWritten(token: Token, corrected: string, index: ToolIndex): boolean {
  const word = token.word;
  if (isEverydayWord(word)) return false;
  const key = `${word} ${corrected}`;
  const cached = closeCache.get(key);
  if (cached !== undefined) return cached;
  const edits = Math.max(1, allowedEdits(word));
  let close = false;
  for (const [w, m] of writtenWords(index)) {
    // a slip of a word that means what the word was read as ("segmnet" of "segment"; "customers" is no slip of "count")
    if (m !== corrected || w[0] !== word[0] || Math.abs(w.length - word.length) > 2) continue;
    if (editDistance(word, w, edits) <= edits) {
      close = true;
      break;
    }
  }
  closeCache.set(key, close);
  return close;
}

/** True when the text names a thing under the microscope or in a movie ("the nuclei", "this stack"), misspelt or not. */
export function namesASubject(text: string, index: ToolIndex): boolean {
  return tokenize(text).some((token) => SUBJECTS.has(meaning(token.stem)) || (SUBJECTS.has(index.meanings([token])[0]) && index.recognizes(token)));
}

/** How a word reads; a `slip` is a word read as a tool's word or a subject only by its spelling ("Illumina", "stock", "share"). */
type Reading = 'subject' | 'known' | 'unknown' | 'neutral';

/** Things heard, never imaged: a movie word after one of them ("this podcast recording", "the audio track") is sound, not a movie. */
const HEARD = /\b(?:podcasts?|audio|sound|songs?|music|voice|speech|radio|voicemail|phone\s+call|interview|lecture|concert)\s+$/i;

/**
 * Words formed as the names of living things and their cells do, by the endings biology builds them with
 * ("neuromasts", "hemocytes", "osteoclasts", "macrophages", "melanophores", "neutrophils", "zebrafish", "Drosophila"): a thing
 * under the microscope, though no tool's words name it. Seven letters or more ("phone", "houses" are none).
 */
const LIVING_FORM = /^[\p{L}-]{3,}(?:cytes?|blasts?|clasts?|masts?|osomes?|plasts?|phages?|phores?|phils?|zoites?|cocc(?:i|us)|bacteri(?:a|um)|fish|phila|myces|ocysts?)$/iu;

/** True when the words name a thing under the microscope: a subject of ours ("nuclei") or a word formed as a living thing's name ("hemocytes"). */
export function namesAThingImaged(text: string, index: ToolIndex): boolean {
  return namesASubject(text, index) || tokenize(text).some((t) => t.word.length >= 7 && LIVING_FORM.test(t.word));
}

/** How a word reads: a thing under the microscope, a word of the tools, a word from elsewhere, or neither. */
function reading(token: Token, index: ToolIndex, words: Set<string>, asVerb = false, before = ''): Reading {
  const own = meaning(token.stem);
  if (HEARD.test(before) && SUBJECTS.has(own)) return 'unknown';
  const corrected = index.meanings([token])[0];
  // (a tool's name as the verb is the step, not the thing: "segment" means masks, but "segment my customers" names no cells)
  if (token.word.length >= 7 && LIVING_FORM.test(token.word)) return 'subject';
  if (!(TOOL_NAME_WORDS.has(token.word) && asVerb) && (SUBJECTS.has(own) || (SUBJECTS.has(corrected) && index.recognizes(token) && closeToWritten(token, corrected, index)))) return 'subject';
  if (index.knows(own) || index.namesAnArgument(own) || ANALYSING.has(own)) return 'known';
  // a misspelling of a tool's own word ("segmnet", "stabalise"); "parcel" is no slip of a rare word of a description,
  // and a word far from every word the tools write is none either ("customers" is no slip of "count")
  if (corrected !== own && words.has(corrected) && closeToWritten(token, corrected, index)) return 'known';
  // short words are too close to everything to tell ("teh", "cels", "oat")
  if (token.word.length <= 4 && index.recognizes(token, stopWords())) return 'neutral';
  return 'unknown';
}

/**
 * A module or plugin name written in CamelCase reads as its words ("IdentifyPrimaryObjects", "MeasureObjectIntensity",
 * "CellProfiler": a step of finding or measuring objects, a program for cells): a thing imaged when a piece names one, ours
 * when a piece is a tool's word (pieces of four letters or more, as written; a slip of a piece tells nothing).
 */
function camelCaseReading(token: Token, tokens: readonly Token[], masked: string, index: ToolIndex, words: Set<string>): Reading | undefined {
  if (!/\p{Ll}\p{Lu}/u.test(masked.slice(token.start, token.end)) || masked.slice(token.start, token.end).includes('-')) return undefined;
  const pieces = tokens.filter((t) => t.part && t.start === token.start && t.word.length >= 4).map((t) => ({ r: reading(t, index, words), slip: false, t }));
  for (const p of pieces) p.slip = isSlip(p.t, p.r, index);
  const read = pieces.filter((p) => !p.slip).map((p) => p.r);
  return read.includes('subject') ? 'subject' : read.includes('known') ? 'known' : undefined;
}

/** True when the word reads as ours only by its spelling: no tool uses it or a subject as written. */
function isSlip(token: Token, r: Reading, index: ToolIndex): boolean {
  const own = meaning(token.stem);
  return (r === 'known' || r === 'subject') && !SUBJECTS.has(own) && !index.knows(own);
}

/** A name in the middle of a sentence ("the Illumina share price"): a proper noun, never a slip of our word. */
function isProperNoun(token: Token, masked: string): boolean {
  const written = masked.slice(token.start, token.end);
  return /^\p{Lu}\p{Ll}+$/u.test(written) && /[\p{L}\d,]\s+$/u.test(masked.slice(0, token.start));
}

/**
 * The request read by its words as written: spelling tolerance needs microscopy context, so
 * slips count for nothing here and a proper noun is a word from elsewhere. True when words
 * from elsewhere outnumber our telling words ("should I buy Illumina stock this week").
 */
function outOfScopeAsWritten(read: { token: Token; reading: Reading }[], index: ToolIndex, masked: string, words: Set<string>): boolean {
  let known = 0;
  let unknown = 0;
  for (const { token, reading: r } of read) {
    if (r === 'neutral' || named(token, masked)) continue;
    if (isSlip(token, r, index) || (r === 'unknown' && isProperNoun(token, masked))) {
      if (isProperNoun(token, masked)) unknown += 1;
      continue;
    }
    if (r === 'subject') known += 3;
    else if (r === 'known' && index.spread(meaning(token.stem)) < GENERIC_SPREAD) known += weightOf(token, words);
    else if (r === 'unknown' && !quantityOfAdjectives(token.word)) unknown += 1;
  }
  return unknown >= 2 && unknown > known;
}

/** A tool's own word ("recipe", "segment") tells more than one only its description uses ("give", "good"). */
function weightOf(token: Token, words: Set<string>): number {
  return words.has(meaning(token.stem)) ? 1 : 0.5;
}

/** Question words, modals and pronouns: what an advice question is made of, whatever it asks about. */
const ASKING = new Set('what which when where how why who whats much many should would could can may might shall i we you use using used best good better right'.split(' '));
/** An advice question ("when should I passage my HeLa cells?", "what medium should I grow them in?"). */
const ADVICE = /\b(?:should|shall|would you recommend|do you recommend|recommend)\b/i;

/**
 * An advice question whose telling words are all from elsewhere: two or more words no tool
 * uses, and none of the tools' own words, whatever cells it names ("how much lipofectamine
 * should I use for transfection?"; not "should I correct drift before tracking my HeLa cells?").
 */
function adviceFromElsewhere(read: { token: Token; reading: Reading }[], index: ToolIndex, words: Set<string>, masked: string): boolean {
  if (!ADVICE.test(masked)) return false;
  let unknown = 0;
  for (const { token, reading: r } of read) {
    if (ASKING.has(token.word) || r === 'subject') continue;
    // a short word of no tool's ("HeLa"), too close to ours to read as a word from elsewhere otherwise
    if (r === 'neutral') {
      if (token.word.length >= 4 && !index.knows(meaning(token.stem)) && !isStopWord(token.word)) unknown += 1;
      continue;
    }
    // a tool's own word: the advice is ours (a word only a description uses tells nothing)
    if (r === 'known' && words.has(meaning(token.stem))) return false;
    if (r === 'unknown') unknown += 1;
  }
  return unknown >= 2;
}

/** The words of everyday pictures ("my holiday photos", "a pic of the dog", "this selfie"); a microscopist says "image". */
const PICTURE = /^(?:photos?|photographs?|pictures?|pics?|selfies?)$/i;
const OF_A_THING = /^\s+of\s+(?:(?:the|a|an|my|our|your|his|her|their|this|that|these|those|some)\s+)?$/i;

/**
 * Pictures of everyday life, not of a sample: a selfie, or a photo or picture whose modifier or whose "of ..." is a word
 * from elsewhere ("remove the noise from my holiday photos", "take a picture of my cat", "brighten my wedding pictures"),
 * in words that name no thing under the microscope ("a picture of the GFP channel", "a photo of the cells" are ours).
 * Such a request runs nothing, whatever tool its verb names (snap takes pictures only through the microscope).
 */
export function picturesOfElsewhere(masked: string, index: ToolIndex, catalogue: Catalogue): boolean {
  const tokens = tokenize(masked.replace(/_+/g, ' ')).filter((t) => !t.part);
  const pictures = tokens.filter((t) => PICTURE.test(t.word));
  if (!pictures.length) return false;
  const words = toolWords(index, catalogue);
  // an everyday thing no tool's word names ("holiday", "wedding", "kids"), or a short word read as none of ours ("cat", "dog");
  // never a thing a session holds ("the dish", "the slide") nor one numbered ("pos 2")
  const elsewhere = (t: Token | undefined) => {
    // (nor a word the tools' own texts write: "a new picture" is one the microscope takes)
    if (t === undefined || HELD.test(t.word) || NEUTRAL.has(t.word) || isStopWord(t.word) || /\d/.test(t.word) || /^\s*#?\d/.test(masked.slice(t.end)) || writtenWords(index).has(t.word)) return false;
    const r = reading(t, index, words);
    return (r === 'unknown' && isEverydayWord(t.word)) || (r === 'neutral' && t.word.length >= 3);
  };
  // (anything else under the microscope named keeps the request ours: "a picture of my cat's nuclei")
  if (tokens.some((t) => !PICTURE.test(t.word) && reading(t, index, words) === 'subject')) return false;
  return pictures.some((p) => {
    if (/^selfies?$/i.test(p.word)) return true;
    const at = tokens.indexOf(p);
    const before = tokens[at - 1];
    const modifier = before && /^\s+$/.test(masked.slice(before.end, p.start)) ? before : undefined;
    const after = tokens[at + 1] && OF_A_THING.test(masked.slice(p.end, tokens[at + 1].start)) ? tokens[at + 1] : tokens[at + 2] && OF_A_THING.test(masked.slice(p.end, tokens[at + 2].start)) && /^(?:the|a|an|my|our|your|his|her|their|this|that|these|those|some)$/.test(tokens[at + 1].word) ? tokens[at + 2] : undefined;
    return elsewhere(modifier) || elsewhere(after);
  });
}

/**
 * A verb whose object is a person, then what they are put down for ("register me for the conference", "sign us up for
 * the course", "book me on the training"): the person is acted on, not an image (a movie is registered, never "me").
 * Verbs of telling and showing ("show me", "give me", "tell me for each frame") ask for a result and are not this.
 */
const PERSON_AS_OBJECT = /\b(?!(?:show|give|tell|let|send|help|remind|get|make|find|bring|walk|take|talk|guide|teach|ask)\b)[a-z]+\s+(?:me|us|him|her|myself|ourselves)\s+(?:up\s+)?(?:for|on|onto|into|at)\s+(?:the|a|an|this|that|next|our|my)\b/i;
/** A piece of writing asked for ("write my essay on mitosis", "compose a poem", "draft a cover letter"): prose we do not write, whatever its topic. */
const WRITING_ASKED = /\b(?:write|compose|draft|do|finish|help\s+(?:me\s+)?(?:with|write))\s+(?:me\s+)?(?:a|an|my|our|the|this|his|her)\s+(?:[\w-]+\s+){0,3}?(?:essays?|poems?|stor(?:y|ies)|songs?|novels?|homework|assignments?|speech(?:es)?|limericks?|haikus?|jokes?|tweets?|cover\s+letters?|reference\s+letters?|love\s+letters?)\b/i;
/**
 * Work on a document or a language from elsewhere ("summarise this paper for me", "proofread my thesis", "translate cell
 * division into German"): a text we do not read, a language we do not speak, whatever its topic. (Translating an image is
 * a shift by a length, never into a word written with a capital: "translate the frames by 5 px".)
 */
const DOCUMENT_WORK = /\b(?:summari[sz]e|translate|proof-?read|paraphrase|rewrite|rephrase|edit|review|read)\s+(?:me\s+)?(?:a|an|my|our|the|this|that|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:papers?|articles?|manuscripts?|abstracts?|thesis|theses|e-?mails?|letters?|books?|chapters?|pdfs?|grants?|proposals?|essays?|reports?)\b|\btranslat(?:e|es|ed|ing|ion)\b[^.?!;]{0,60}?\b(?:in|into|to)\s+[A-Z][a-z]{3,}\b(?!\s*\d)/;

/**
 * A purchase asked ("order us a new 63x objective from Zeiss", "buy more dishes", "can you purchase two filter cubes"):
 * buying, renting or paying is outside what we do whatever is bought, a lens or a microscope included. "Order" sorts
 * only with its object then "by" ("order the tracks by speed"), never after an article that buys ("order a new ...").
 */
const PURCHASE_ASKED = /(?:^|[.;!?,]\s*|\b(?:please|pls|kindly|can|could|would|will|to|and|then)\s+(?:you\s+|u\s+)?(?:please\s+)?)(?:buy|purchase|order|reorder|re-order|rent|lease|pay\s+for)\s+(?:(?:me|us|them|him|her)\s+)?(?:a|an|some|more|new|another|two|three|four|five|six|ten|\d+)\b(?![^.?!;]*\bby\s+(?:their|its|the|speed|size|area|length|time|frame|intensity)\b)/i;

/** A purchase is asked, whatever is bought. */
export function asksAPurchase(masked: string): boolean {
  return PURCHASE_ASKED.test(masked.trim());
}

/** True when the request has no microscopy or analysis meaning. `masked` has names and paths blanked. */
export function isOutOfScope(masked: string, index: ToolIndex, catalogue: Catalogue): boolean {
  // (asked several times per planning step with the same words: stepMemo.ts; the catalogue's own index only)
  return index === indexFor(catalogue) ? memoForStep(catalogue, 'isOutOfScope', masked, () => isOutOfScopeNow(masked, index, catalogue)) : isOutOfScopeNow(masked, index, catalogue);
}

function isOutOfScopeNow(said: string, index: ToolIndex, catalogue: Catalogue): boolean {
  // ("a max projection of the whole thing, nothing fancy": an aside of how it is asked is read as no word from elsewhere)
  const masked = /\p{L}/u.test(withoutHedges(said)) ? withoutHedges(said) : said;
  // (before quantities: "a new 63x objective" names a magnification, and is still bought)
  if (asksAPurchase(masked)) return true;
  // a time, a length or a percentage ("every 30 min", "5 µm", "to 20%") is about imaging
  if (findQuantities(masked).some((q) => q.kind !== 'count')) return false;
  if (picturesOfElsewhere(masked, index, catalogue)) return true;
  if (PERSON_AS_OBJECT.test(masked) || WRITING_ASKED.test(masked) || DOCUMENT_WORK.test(masked)) return true;
  // so is a count in a unit only the tools' settings are described in ("threshold at 300 grey levels")
  if (findQuantities(masked).some((q) => countsInSettingUnits(q.after, catalogue))) return false;
  // a quantity a tool declares it returns ("the diffusion coefficient", "the MSD exponent", "the numerical aperture")
  if (namesADeclaredQuantity(masked)) return false;
  const words = toolWords(index, catalogue);
  let known = 0;
  let unknown = 0;
  const read: { token: Token; reading: Reading }[] = [];
  const tokens = tokenize(masked.replace(/_+/g, ' '));
  for (const token of tokens) {
    // numbers with letters ("3x3", "20x", "488nm") are quantities, not words from elsewhere
    if (NEUTRAL.has(token.word) || token.part || token.word.length < 2 || /\d/.test(token.word)) continue;
    // ("on my laptop CPU", "gpu=True": the computer the analysis runs on is no word from elsewhere, nor one of ours)
    const whole = isComputeWord(token.word) ? 'neutral' : reading(token, index, words, BEFORE_A_VERB.test(masked.slice(0, token.start)), masked.slice(Math.max(0, token.start - 24), token.start));
    read.push({ token, reading: whole === 'unknown' ? camelCaseReading(token, tokens, masked, index, words) ?? whole : whole });
  }
  // (two words of ours at least: "write an email to my boss" has only the verb)
  const ours = read.filter((r) => !REQUESTERS.has(r.token.word)).reduce((sum, r) => sum + (r.reading === 'subject' ? 3 : r.reading === 'known' ? weightOf(r.token, words) : 0), 0);
  if (ours >= 2) read.splice(0, read.length, ...read.filter((r) => !REQUESTERS.has(r.token.word)));
  // ("track with kalman and gap closing", "segment w omnipose"): a method of the field named beside a word of ours is image
  // analysis asked with a method we may lack, named as not applied, never refused
  if (ours >= 1 && read.some((r) => namesAMethodOfTheField(r.token.word))) return false;
  // a clause that is a step of ours by itself ("..., then track", "segment the nuclei"): the rest is microscopy work
  // we may lack a tool for ("crop to the top left quarter and track"), named as not done, never refused
  // (unless another clause acts on a thing from elsewhere: "segment the stock market data by sector and plot it")
  const clauses = clauseVerbs(masked, read);
  if (clauses.some(([i, end]) => isOwnStep(read.slice(i, end), index, words, masked)) && !clauses.some(([i, end]) => foreignObject(read.slice(i, end), index, words, masked))) return false;
  if (outOfScopeAsWritten(read, index, masked, words) || adviceFromElsewhere(read, index, words, masked)) return true;
  if (ourWordForElsewhere(read, masked, catalogue)) return true;
  // (question words and "good" are read as ours, but tell nothing against words from elsewhere: "what's a good recipe for banana bread?")
  let asking = 0;
  for (const r of read) {
    if (r.reading === 'subject') known += 3;
    else if (r.reading === 'known' && QUESTION_WORDS.has(r.token.word)) asking += weightOf(r.token, words);
    else if (r.reading === 'known') known += weightOf(r.token, words);
    // a name after "with"/"using" is a method asked for, reported as not applied
    // (nor an adjective the question reader reads as a quantity: "rank the tracks from longest to shortest")
    else if (r.reading === 'unknown' && !named(r.token, masked) && !quantityOfAdjectives(r.token.word)) unknown += 1;
  }
  // nothing under the microscope is named, and a tool's verb acts on a thing from elsewhere ("track the parcel", "segment my customers")
  // (with one more word from elsewhere: "do an MSD analysis" is ours, "track the parcel I ordered" is not)
  if (!read.some((r) => r.reading === 'subject')) {
    for (const [i, end] of clauseVerbs(masked, read)) {
      const object = foreignObject(read.slice(i, end), index, words, masked);
      if (object && read.some((r) => r !== object && r.reading === 'unknown')) return true;
      // (or held in a thing from elsewhere: "count the votes in the spreadsheet", "segment this customer list into age groups")
      if (object && heldElsewhere(read.slice(read.indexOf(object) + 1, end), masked, catalogue)) return true;
      // one thing, someone's own, that is nothing under the microscope ("track my package", "measure my flat");
      // things imaged come in numbers ("track my worms", "count my puncta")
      if (object && /\b(?:my|our|your)\s+(?:[\w-]+ing\s+)?$/i.test(masked.slice(Math.max(0, object.token.start - 20), object.token.start)) && !isPluralForm(object.token.word)) return true;
      // the thing the tool's verb acts on, right after it, is an everyday thing and nothing imaged ("segment the market",
      // "export my contacts"): the verb is ours, its object is from elsewhere (a pronoun, "count them", is no object here)
      if (everydayObject(read.slice(i, end), index, catalogue, masked)) return true;
      // a thing from elsewhere with its own code ("track flight LH400", "track parcel 1Z999AA1"): an order, a flight, a parcel
      if (object && /^\s+(?:no\.?\s*|number\s+|#\s*)?(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9-]{4,}\b/.test(masked.slice(object.token.end))) return true;
    }
  }
  // "plot my running times for the marathon", "measure the speed of my car on the motorway": someone's own thing, in everyday
  // words and none a thing imaged or a result of ours, with a word from elsewhere said too
  if (read.every((r) => r.reading !== 'subject' || MEASURED.has(meaning(r.token.stem))) && ownThingFromElsewhere(read, masked, catalogue)) return true;
  // the thing asked for is from elsewhere, and what is under the microscope only its topic ("write a poem about cells")
  if (topicOnly(read, masked)) return true;
  // not one word of ours, and a thing from elsewhere ("can you do my taxes", "play some music");
  // an action we lack on what is at hand ("flip it", "invert", "rotate 90 degrees") is named as not done instead
  // (a word the question reader knows, "the slowest one?", "and the SD?", asks of the data at hand)
  const aThing = (r: { token: Token; reading: Reading }) => r.reading === 'unknown' && !isNotQuantityWord(r.token.word) && !quantityOfAdjectives(r.token.word) && /\b(?:a|an|the|some|my|your|our|his|her|their|this|that|these|those)\s+(?:[\w-]+\s+)?$/i.test(masked.slice(Math.max(0, r.token.start - 24), r.token.start));
  // (question and statistic words ask, they are no word of ours: "what's the median salary of a postdoc?")
  if (known === 0 && read.some(aThing)) return true;
  // more words from elsewhere than words of ours (a word about cells counts three)
  return unknown >= 2 && unknown > known;
}

let declaredQuantities: RegExp[] | undefined;

/** Words that ask about any thing, an object's or a flat's ("how big", "how often"): no sign of a quantity of ours alone. */
const ASKING_ONLY = new Set(['how', 'what', 'which', 'big', 'bigger', 'large', 'small', 'often', 'long', 'many', 'much', 'between', 'fast', 'slow', 'quick', 'quickly', 'rapidly', 'far', 'farther', 'further', 'organised', 'organized']);

/**
 * The quantities the tools declare they return, each its `about` and the words people call it by, as
 * whole-word patterns; a phrase of everyday words only ("the date", "mean speed") tells nothing alone.
 */
function quantityPatterns(): RegExp[] {
  if (declaredQuantities) return declaredQuantities;
  const phrases = new Set<string>();
  for (const tool of ALL_TOOLS) {
    for (const value of Object.values(tool.results ?? {})) {
      for (const phrase of [value.about, ...(value.words ?? [])]) {
        if (isTellingQuantityPhrase(phrase)) phrases.add(phrase.toLowerCase().trim());
      }
    }
  }
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  declaredQuantities = [...phrases].map((p) => new RegExp(`(?<![\\p{L}\\d])${escape(p)}(?![\\p{L}\\d])`, 'iu'));
  return declaredQuantities;
}

/** A declared phrase that tells a quantity of ours: a word of it is no stop word, everyday word, number or asking word ("how big" tells nothing). */
export function isTellingQuantityPhrase(phrase: string): boolean {
  return tokenize(phrase).some((t) => !t.part && !isStopWord(t.word) && !isEverydayWord(t.word) && !/\d/.test(t.word) && !ASKING_ONLY.has(t.word));
}

/** True when the text names a quantity some tool declares among its results ("calculate the diffusion coefficient"). */
export function namesADeclaredQuantity(text: string): boolean {
  const pattern = quantityPattern();
  // (the pattern never changes once made: answers kept with it, stepMemo.ts)
  return memoForStep(pattern, 'namesADeclaredQuantity', text, () => pattern.test(text));
}

let declaredQuantityPattern: RegExp | undefined;

/**
 * The declared phrases as one pattern, each between the same look-arounds: it matches wherever one of quantityPatterns()
 * does (the alternatives are tried at each place, the look-ahead backtracking into them), in one pass over the text
 * instead of one per phrase (their separate passes were 6% of a plan-only suite's CPU).
 */
function quantityPattern(): RegExp {
  return (declaredQuantityPattern ??= new RegExp(`(?<![\\p{L}\\d])(?:${quantityPatterns().map((re) => re.source.slice('(?<![\\p{L}\\d])'.length, -'(?![\\p{L}\\d])'.length)).join('|')})(?![\\p{L}\\d])`, 'iu'));
}

/** Words for what a session holds or makes, whoever's they are ("my data", "our results", "my stack"). */
const HELD = /^(?:data|dataset|datasets|results?|measurements?|files?|stacks?|images?|pictures?|movies?|videos?|recordings?|experiments?|samples?|time-?lapses?|acquisitions?|analysis|analyses|pipelines?|plots?|figures?|outputs?|tables?|numbers|values|series|traces?|tracks?|trajectories|lineages?|masks?|labels?|slides?|plates?|wells?|dishes|dish|cultures?|lines?|clones?|mice|mouse|fish|worms?|flies|larvae|embryos?)$/i;
const POSSESSIVE = /\b(?:my|our|your|his|her|their)\s+/gi;
/**
 * Endings of the plurals biology keeps from Latin and Greek ("puncta", "foci", "bacteria", "larvae", "flagella"): a word
 * of five letters or more so ending, and no everyday English word ("pizza", "camera"), names things, not one thing.
 */
const LATIN_PLURAL = /^[\p{L}-]{3,}(?:ae|i|ta|ia|la)$/iu;

/** The word is a plural by its form: "-s" (not "-ss"), or a Latin or Greek plural that is no everyday word. */
function isPluralForm(word: string): boolean {
  return /[^s]s$/i.test(word) || (LATIN_PLURAL.test(word) && !isEverydayWord(word.toLowerCase()));
}

/** Words that end a noun phrase ("my car on the motorway": "car"). */
const PHRASE_END = /^(?:on|in|at|for|from|with|by|of|to|into|over|during|and|or|but|then|so|as|since|this|last|next|every|each|per)$/i;

/**
 * Someone's own thing named in everyday words ("my running times", "my car"), none of them a word for what a session
 * holds or makes (data, results, tracks ...) nor a subject imaged, with a word from elsewhere in the request too
 * ("marathon", "motorway"): the request is about their life, not their movies.
 */
function ownThingFromElsewhere(read: { token: Token; reading: Reading }[], masked: string, catalogue: Catalogue): boolean {
  const made = new Set([...catalogue.keys()].flatMap((t) => [...(selfOf(t, catalogue)?.consumes ?? []), ...(selfOf(t, catalogue)?.produces ?? [])]).map((type) => meaning(normalizeWord(type))));
  for (const m of masked.matchAll(POSSESSIVE)) {
    const from = (m.index ?? 0) + m[0].length;
    const phrase: { token: Token; reading: Reading }[] = [];
    for (const w of masked.slice(from).matchAll(/[\p{L}'-]+/gu)) {
      if (phrase.length === 3 || PHRASE_END.test(w[0]) || /[.,;:!?]/.test(masked.slice(from, from + (w.index ?? 0)))) break;
      const r = read.find((x) => x.token.start === from + (w.index ?? 0));
      if (!r) break;
      phrase.push(r);
    }
    if (phrase.length === 0) continue;
    // (a word that is neither the tools' nor everyday English, "my colonies", "my spheroids", "my puncta", is a specialist's
    // name for what they image: only a thing named in everyday words, "my car", "my running times", is from elsewhere)
    const everyday = phrase.every((r) => !HELD.test(r.token.word) && !made.has(meaning(r.token.stem)) && r.reading !== 'subject' && ((r.reading === 'neutral' && !isStopWord(r.token.word)) || isEverydayNoun(r.token.word)));
    const elsewhere = read.some((r) => r.reading === 'unknown');
    if (everyday && elsewhere) return true;
  }
  return false;
}

const settingWordSets = new WeakMap<Catalogue, Set<string>>();

/** Meanings of the words of the tools' settings' descriptions ("grey levels" of a threshold). */
function settingWords(catalogue: Catalogue): Set<string> {
  let words = settingWordSets.get(catalogue);
  if (!words) {
    words = new Set(tokenize([...catalogue.values()].flatMap((info) => Object.values(info.properties).map((p) => p.description ?? '')).join(' ')).map((t) => meaning(t.stem)));
    settingWordSets.set(catalogue, words);
  }
  return words;
}

/** The words after a number (up to two, no small words) are all words of a setting's description, one of them at least four letters. */
function countsInSettingUnits(after: string, catalogue: Catalogue): boolean {
  const unit = tokenize(after.split(/[,.;:!?]/)[0]).filter((t) => !t.part && !isStopWord(t.word)).slice(0, 2);
  return unit.length === 2 && unit.every((t) => settingWords(catalogue).has(meaning(t.stem))) && unit.some((t) => t.word.length >= 4);
}

/** A question asking for advice or a thing known: "what's ...", "any ...?", "do you know ...", "can you recommend ...". */
const ADVICE_ASKED = /^\s*(?:(?:hey|hi|so|ok(?:ay)?|quick\s+question)[,!\s]+)*(?:what(?:s|'s|’s|\s+is|\s+are)?|which|any|know|got|recommend|suggest|(?:do|does|would|could|can)\s+(?:you|u|anyone)\s+(?:have|know|recommend|suggest|share))\b/i;
/** "for" and what may stand before the thing something is for ("a recipe for lasagne", "a protocol for my sourdough"). */
const FOR_A_THING = /\bfor\s+(?:(?:a|an|the|my|our|your|some|his|her|their)\s+)?$/i;

/**
 * A word of ours said of a thing from elsewhere, with nothing imaged named: "what's a good recipe for lasagne?",
 * "a workflow for my tax return". The thing after "for" ends the request or its clause and is a word no tool uses
 * (never a name, "a macro for Fiji"; never a thing a session holds, "a pipeline for my movies"): our word is the
 * everyday one ("recipe") and the request asks for something from elsewhere.
 */
function ourWordForElsewhere(read: { token: Token; reading: Reading }[], masked: string, catalogue: Catalogue): boolean {
  if (read.some((r) => r.reading === 'subject')) return false;
  const made = new Set([...catalogue.keys()].flatMap((t) => [...(selfOf(t, catalogue)?.consumes ?? []), ...(selfOf(t, catalogue)?.produces ?? [])]).map((type) => meaning(normalizeWord(type))));
  return read.some((r, i) => {
    if (r.reading !== 'unknown' || !FOR_A_THING.test(masked.slice(Math.max(0, r.token.start - 16), r.token.start))) return false;
    if (HELD.test(r.token.word) || made.has(meaning(r.token.stem)) || isProperNoun(r.token, masked) || LIVING_FORM.test(r.token.word) || quantityOfAdjectives(r.token.word) || /[A-Z]/.test(r.token.word)) return false;
    // (the thing ends the request or its clause: "for lasagne?", not "for lasagne cells")
    if (!/^(?:\s+(?:please|pls|plz|thanks|thx))?\s*(?:[.,;:!?]|$)/i.test(masked.slice(r.token.end))) return false;
    // (the word before "for" is one of ours: what is asked for is a thing of ours made for something from elsewhere)
    const before = read[i - 1];
    if (before === undefined || before.reading !== 'known' || !/^\s+for\s+(?:\w+\s+)?$/i.test(masked.slice(before.token.end, r.token.start))) return false;
    // (asked as advice, "what's a good recipe for ...", "any protocol for ...?": never a result made for a purpose, "make a
    // plot for the grant", "save the pipeline for tomorrow")
    return ADVICE_ASKED.test(masked) || /\b(?:good|best|nice|great|favou?rite|easy|simple|decent|classic|proper)\s+$/i.test(masked.slice(Math.max(0, before.token.start - 16), before.token.start));
  });
}

/** Question words and words of how good, which say nothing of what a request is about. */
// (and the statistics any numbers have, "the median salary", "the standard deviation of the weather": they ask, they name nothing of ours)
const QUESTION_WORDS = new Set('what whats which who why where good best mean average median standard deviation variance percentile quartile sem'.split(' '));

/** Words that say where a thing is kept or what it is made into ("in the spreadsheet", "into age groups"). */
const HELD_IN = /\b(?:in|into|inside|within|from)\s+(?:(?:the|this|that|these|those|a|an|my|our|your|some)\s+)?$/i;

/**
 * A thing acted on is kept in, or made into, a word from elsewhere or a file we only write ("in the spreadsheet", "in this
 * Excel file", "into age groups"): not a word of what is imaged or how ("in the movie", "in the cytoplasm", "into tracks").
 */
function heldElsewhere(after: { token: Token; reading: Reading }[], masked: string, catalogue: Catalogue): boolean {
  const place = after.find((r) => HELD_IN.test(masked.slice(Math.max(0, r.token.start - 24), r.token.start)));
  if (!place || place.reading === 'subject' || HELD.test(place.token.word) || isStopWord(place.token.word)) return false;
  // (the words a tool declares for a file format it writes, "spreadsheet" and "excel" of a CSV: a file, never anything imaged)
  const valueWords = new Set([...catalogue.keys()].flatMap((t) => Object.values(selfOf(t, catalogue)?.valueWords?.format ?? {}).flat()).map((w) => w.toLowerCase()));
  return place.reading === 'unknown' || place.reading === 'neutral' || valueWords.has(place.token.word);
}

/** Words that make what follows the topic of the thing before them. */
const TOPIC = /\b(?:about|regarding|concerning)\b/gi;

/**
 * True when every word about cells or movies comes after "about" ("a poem about cells", "a
 * joke about microscopes") and the thing asked for before it is a word no tool uses, with none
 * of the tools' telling words beside it: the request makes something from elsewhere.
 */
function topicOnly(read: { token: Token; reading: Reading }[], masked: string): boolean {
  const subjects = read.filter((r) => r.reading === 'subject');
  if (subjects.length === 0) return false;
  for (const m of masked.matchAll(TOPIC)) {
    const at = m.index ?? 0;
    if (!subjects.every((r) => r.token.start > at)) continue;
    const before = read.filter((r) => r.token.end <= at);
    // (a thing named with an article, "a poem", "an essay"; not a verb, "what do you know about")
    const thing = (r: { token: Token; reading: Reading }) => r.reading === 'unknown' && /\b(?:a|an|the|some|my|your|our|this|that)\s+(?:[\w-]+\s+)?$/i.test(masked.slice(Math.max(0, r.token.start - 24), r.token.start));
    if (before.some(thing) && !before.some((r) => r.reading === 'subject')) return true;
  }
  return false;
}

/**
 * True when a clause opens with a tool's verb as written ("track", "segment", "measure") and every other word of it
 * is ours or says nothing: no word from elsewhere, no thing acted on from elsewhere ("track my parcel" is none).
 */
function isOwnStep(clause: { token: Token; reading: Reading }[], index: ToolIndex, words: Set<string>, masked: string): boolean {
  const verb = clause[0]?.token;
  if (!verb || !TOOL_NAME_WORDS.has(verb.word) || !BEFORE_A_VERB.test(masked.slice(0, verb.start))) return false;
  const rest = clause.slice(1);
  // (its object, if it names one, is a thing we image: "track", "track the nuclei"; never "measure how big my flat is",
  // "cluster our customers by how often they buy")
  const namesOurThing = rest.every((r) => r.reading === 'neutral') || rest.some((r) => r.reading === 'subject');
  return namesOurThing && rest.every((r) => r.reading !== 'unknown') && foreignObject(clause, index, words, masked) === undefined;
}

/** Each clause's words (its verb first) as [first, end) indexes into `read`. */
function clauseVerbs(masked: string, read: { token: Token }[]): [number, number][] {
  const out: [number, number][] = [];
  // ("denoise while preserving the fine structure": what a step must keep, after "while", is a clause of its own)
  const parts = splitClauses(masked).flatMap((c) => {
    const cuts = [...masked.slice(c.start, c.end).matchAll(/\s(?:while|whilst)\s/gi)].map((m) => c.start + (m.index ?? 0) + 1);
    return [c.start, ...cuts].map((start, i, all) => ({ start, end: all[i + 1] ?? c.end }));
  });
  for (const clause of parts) {
    const inside = read.map((r, i) => ({ r, i })).filter(({ r }) => r.token.start >= clause.start && r.token.start < clause.end);
    if (inside.length) out.push([inside[0].i, inside.at(-1)!.i + 1]);
  }
  return out;
}

/**
 * The thing a clause's verb acts on when the verb is a tool's own word (as written, not a
 * slip) and the thing is a word no tool uses, no slip of one and no shorthand of one
 * ("parcel" after "track"; not "corr" after "bleach", not "nicely" after "segment").
 */
function foreignObject<R extends { token: Token; reading: Reading }>(clause: R[], index: ToolIndex, words: Set<string>, masked: string): R | undefined {
  const verb = clause[0].token;
  if (!words.has(meaning(verb.stem)) || !index.knows(meaning(verb.stem))) return undefined;
  // ("Tracking was performed in ...": a step named as the subject of a passive, a methods paragraph's, acts on nothing)
  if (/^\s+(?:was|were|is|are|(?:has|have|had)\s+been)\s/i.test(masked.slice(verb.end))) return undefined;
  for (const next of clause.slice(1)) {
    // "track these using a Kalman filter": a method named, not the thing acted on
    if (NAMING.test(masked.slice(Math.max(0, next.token.start - 16), next.token.start))) return undefined;
    // fillers and adverbs ("teh", "properly", "monthly") come before the thing named
    if (next.reading === 'neutral' || next.token.word.endsWith('ly')) continue;
    // ("track my running pace": a word in -ing before a word from elsewhere qualifies it)
    const after = clause[clause.indexOf(next) + 1];
    if (next.token.word.endsWith('ing') && after && after.reading === 'unknown' && /^\s+$/.test(masked.slice(next.token.end, after.token.start))) continue;
    // the object is its noun phrase's head, the last word before a phrase end ("the Apple stock price", "next year's lab budget")
    const phrase = nounPhrase(clause, clause.indexOf(next), masked);
    const head = phrase.at(-1)!;
    // a phrase owned by a word from elsewhere ("next year's budget", "London's temperature") is a thing from elsewhere, whatever its head
    const owner = phrase.find((r) => r !== head && r.reading === 'unknown' && /^['’]s\b/.test(masked.slice(r.token.end - 2, r.token.end + 1)));
    if (owner && head.reading !== 'subject' && !HELD.test(head.token.word)) return head;
    const ours = (r: R) => r.reading === 'subject' || index.knows(meaning(r.token.stem)) || index.abbreviates(r.token.word);
    // (its first word from elsewhere, "the stock market data", or its head, "the Apple stock price")
    if (!ours(next)) return next;
    return ours(head) || head.reading !== 'unknown' ? undefined : head;
  }
  return undefined;
}

/**
 * Things imaged or made of images besides SUBJECTS and HELD: what the tools find, follow and draw ("spots", "beads",
 * "colonies", "outlines"), as biologists name them. A word here is never an object from elsewhere.
 */
const IMAGED = new Set(
  ('spot bead particle object blob punctum puncta focus foci vesicle granule colony neuron axon dendrite organelle droplet condensate chromosome ' +
    'filament fibre fiber region roi point outline contour boundary edge border event signal marker feature structure body cluster population ' +
    'trajectory lineage daughter mother membrane cytoplasm plane slice stack well field position sequence series trace movement motion colonies ' +
    // and the session's own things
    'setting settings parameter parameters option options session history step steps work')
    .split(' ').map((w) => meaning(normalizeWord(w))),
);

const aloneSets = new WeakMap<Catalogue, Set<string>>();

/** Meanings of the tools' words that stand alone (a one-word entry, a value, a name's word): "contact" of "contact sheet" is none. */
function wordsAlone(catalogue: Catalogue): Set<string> {
  let alone = aloneSets.get(catalogue);
  if (alone) return alone;
  const single: string[] = [];
  for (const [name, info] of catalogue) {
    const self = selfOf(name, catalogue) ?? {};
    single.push(...name.split('_'), ...(self.words ?? []).filter((w) => !/\s/.test(w.trim())));
    for (const p of Object.values(info.properties)) single.push(...allowedValues(p).filter((v) => !/[\s_]/.test(v)));
  }
  alone = new Set(tokenize(single.join(' ')).map((t) => meaning(t.stem)));
  aloneSets.set(catalogue, alone);
  return alone;
}

/**
 * The object right after a tool's verb (only an article or an owner between: "segment the market", "export my contacts")
 * when it is an everyday thing and nothing imaged: an everyday English word no tool knows, or someone's own thing that
 * the tools name only inside a phrase of theirs ("contacts" of "contact sheet"). A quantity measured is no thing here.
 */
function everydayObject(clause: { token: Token; reading: Reading }[], index: ToolIndex, catalogue: Catalogue, masked: string): boolean {
  const [verb, object] = clause;
  const verbWord = verb?.token.word.toLowerCase() ?? '';
  if (!verb || !object || !index.knows(meaning(verb.token.stem)) || !(TOOL_NAME_WORDS.has(verbWord) || wordsAlone(catalogue).has(meaning(verb.token.stem)))) return false;
  if (!BEFORE_A_VERB.test(masked.slice(0, verb.token.start))) return false;
  const between = masked.slice(verb.token.end, object.token.start);
  const owned = /^\s+(?:my|our|your|their|his|her)\s+$/i.test(between);
  if (!owned && !/^\s+(?:the|these|those|all\s+the|all\s+my)\s+$/i.test(between)) return false;
  const word = object.token.word.toLowerCase();
  const own = meaning(object.token.stem);
  if (object.reading === 'subject' || object.reading === 'neutral' || SUBJECTS.has(own) || MEASURED.has(own) || IMAGED.has(own) || HELD.test(word) || LIVING_FORM.test(word)) return false;
  if (isNotQuantityWord(word) || quantityOfAdjectives(word) || namesADeclaredQuantity(word)) return false;
  if (object.reading === 'unknown') return isEverydayNoun(word);
  return owned && !wordsAlone(catalogue).has(own) && !index.abbreviates(object.token.word);
}

/** The words of the noun phrase that starts at `first` (at most four, up to a phrase end or a mark), in the clause's reading. */
function nounPhrase<R extends { token: Token }>(clause: R[], first: number, masked: string): R[] {
  const phrase = [clause[first]];
  for (const r of clause.slice(first + 1)) {
    const between = masked.slice(phrase.at(-1)!.token.end, r.token.start);
    if (phrase.length === 4 || !/^\s+$/.test(between) || PHRASE_END.test(r.token.word)) break;
    phrase.push(r);
  }
  return phrase;
}

/** How each word of a request reads (for tests and diagnostics): subject, known, unknown or neutral. */
export function readingsOf(masked: string, index: ToolIndex, catalogue: Catalogue): [string, Reading][] {
  const words = toolWords(index, catalogue);
  return tokenize(masked.replace(/_+/g, ' '))
    .filter((token) => !(NEUTRAL.has(token.word) || token.part || token.word.length < 2 || /\d/.test(token.word)))
    .map((token) => [token.word, reading(token, index, words, BEFORE_A_VERB.test(masked.slice(0, token.start)))]);
}
