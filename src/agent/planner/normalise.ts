// A request as the planner reads it: the surface forms people write that say nothing more put
// into one form, once, before any reader of words, numbers or units sees the text. Curly
// apostrophes as straight ones; a request written all in capitals in lower case; a unit
// spelt out after its number as its symbol ("3 micrometres" → "3 µm"); and a slip of a word
// ("chanel", "pixells", "segemnt") as the word the tools declare or a request's common word;
// objects turned down in everyday words ("I don't want the edge ones") as "exclude"; a setting
// turned off after its name ("with watershed off") as "without" it; a closing "..., do you
// reckon?" and an opening "wait," left off the question they stand by; a lone "n" between two words ("segment n
// track") as "and"; words of hurry around the request ("pls ... asap", "quick q:") left out (hurryWords.ts);
// "could you please ...?" and "I'd like you to ..." as the request "please ..." (politeAsks.ts).
// A word written correctly is never changed: an everyday English word ("truck", "spend"), a
// word the tools use, and anything short, quoted, or made of more than letters (a file, an id).
import { withElidedCountNounSaid } from './elidedCountNoun.ts';
import { withOrderPhrasesAsAfter } from './orderPhrases.ts';
import { withOrderOpenersClosed } from './orderOpenerEnd.ts';
import { withStepsSaidDoneAsAfter } from './stepSaidDone.ts';
import { withContrastedObjectsApart } from './contrastedValues.ts';
import { withoutHaltBeforeCorrection } from './haltBeforeCorrection.ts';
import { withPossibleAsksAsPlease } from './possibleAsks.ts';
import { withHowToDoneAsCommand } from './howToThenDoIt.ts';
import { withWishAskedIfPossibleAsWish } from './wishThenAskedPossible.ts';
import { withTellMeIfAsWhether } from './askedWhether.ts';
import { withDeclarativeQuestionInverted } from './declarativeQuestion.ts';
import { withFilterSizesNamed } from './filterSizes.ts';
import type { ToolSelfDescription } from '../../../tools/types.ts';
import { ALL_TOOLS } from '../allTools.ts';
import { allowedValues, type Catalogue } from './catalogue.ts';
import { SAID_NUMBER, saidNumberValue } from './quantities.ts';
import { withoutApologyAsides } from './letterForms.ts';
import { withoutHurry } from './hurryWords.ts';
import { withPoliteAskAsPlease, withWishAsPlease } from './politeAsks.ts';
import { withChannelChangeAsIntensity } from './channelAsIntensity.ts';
import { SECOND_QUESTION_JOINER } from './tableAnswers.ts';
import { correctedWord, inCaseOf, type Vocabulary, vocabularyOf } from './spelling.ts';
import { meaning, plainWords, stopWords, thesaurusWords, tokenize } from './words.ts';

/**
 * Words of requests that state what to do and with which values, though no tool's own text
 * says them ("the first ten frames", "greater than 0.5", "named lineage"): a slip of one is
 * read as the word. Units and the words around numbers live here, since every reader of a
 * quantity needs them spelt right.
 */
const REQUEST_WORDS = (
  'first second third fourth fifth last quarter every between greater smaller larger bigger fewer higher lower ' +
  'longer shorter faster slower above below under after before until around about approximately maximum minimum ' +
  'average median total number count named called using without except instead channel channels frame frames ' +
  'slice slices plane planes pixel pixels micron microns micrometre micrometres micrometer micrometers nanometre ' +
  'nanometres nanometer nanometers millisecond milliseconds second seconds minute minutes hour hours position ' +
  'positions interval exposure possible experiment acquisition imaging image images acquire nuclei nucleus cells ' +
  'divisions intensity intensities distance threshold segment segmentation tracks tracking focus laser stack ' +
  'workflow pipeline please thanks could would should which where there their these those other another change ' +
  'switch increase decrease reduce double halve twice triple quarter percent percentage'
).split(' ');

/** Number words and ordinals: written right, never a slip ("three" is not "there"). */
const NUMBER_WORDS = 'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million first second third fourth fifth sixth seventh eighth ninth tenth'.split(' ');

const VOCABULARIES = new Map<string, Vocabulary>();

/** Every string in a declaration (words, examples, summary, result words, argument descriptions), depth-limited. */
function declaredTexts(value: unknown, depth = 0, out: string[] = []): string[] {
  if (depth > 6 || value === null || value === undefined) return out;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) declaredTexts(v, depth + 1, out);
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) declaredTexts([k.replace(/([a-z])([A-Z])/g, '$1 $2'), v], depth + 1, out);
  return out;
}

const wordsOf = (texts: string[]) => new Set(texts.flatMap((t) => t.toLowerCase().match(/\p{L}{3,}/gu) ?? []));

function vocabularyFor(catalogue: Catalogue): Vocabulary {
  const key = catalogue.size ? [...catalogue.keys()].join(',') : '';
  let vocabulary = VOCABULARIES.get(key);
  if (!vocabulary) {
    const tools = catalogue.size
      ? [...catalogue.values()].map((t) => ({ name: t.name.replace(/_/g, ' '), description: t.description, self: t.self, properties: t.properties as unknown, enums: Object.values(t.properties).flatMap((p) => allowedValues(p)) }))
      : ALL_TOOLS.map((t) => ({ name: t.name.replace(/_/g, ' '), description: t.description, self: t as Partial<ToolSelfDescription>, properties: {} as unknown, enums: [] as string[] }));
    const own = tools.flatMap((t) => [t.name, ...(t.self?.words ?? []), ...declaredTexts(t.self?.valueWords ?? {}), ...t.enums]);
    const common = [...REQUEST_WORDS, ...thesaurusWords()];
    const targets = wordsOf([...own, ...common]);
    const described = declaredTexts(tools.map((t) => [t.description, t.self?.summary, t.self?.examples, t.self?.results, t.properties]));
    const known = wordsOf([...described, ...own, ...common, ...stopWords(), ...NUMBER_WORDS]);
    vocabulary = vocabularyOf(targets, known);
    VOCABULARIES.set(key, vocabulary);
  }
  return vocabulary;
}

/** Slips of words corrected, outside quotes. */
export function withSlipsCorrected(text: string, catalogue: Catalogue): string {
  const vocabulary = vocabularyFor(catalogue);
  return outsideQuotes(text, (part) => {
    let out = part;
    for (const w of plainWords(part).reverse()) {
      if (!/^\p{L}+$/u.test(w[0])) continue;
      // (a capital after the first letter in a request not all in capitals is a name as written: "SIFT", "StackReg", never "shift")
      if (/^.\p{L}*\p{Lu}/u.test(w[0])) continue;
      const fixed = correctedWord(w[0], vocabulary);
      if (fixed) out = out.slice(0, w.index) + inCaseOf(w[0], fixed) + out.slice(w.index + w[0].length);
    }
    return out;
  });
}

/** A request written all in capitals ("SEGMENT THE NUCLEI"), its words in lower case; a request with some capitals is kept as written. */
export function withoutShouting(text: string): string {
  const words = plainWords(text).filter((w) => w[0].length >= 3);
  const upper = words.filter((w) => w[0] === w[0].toUpperCase());
  if (words.length < 3 || upper.length < 0.8 * words.length) return text;
  let out = text;
  for (const w of plainWords(text).reverse()) out = out.slice(0, w.index) + w[0].toLowerCase() + out.slice(w.index + w[0].length);
  return out;
}

/** Units spelt out after a number, as their symbols: "3 micrometres" → "3 µm", "500 nanometers" → "500 nm", "5um" → "5 µm". */
export function withUnitSymbols(text: string): string {
  return text
    .replace(/(\d)\s*(?:micrometres?|micrometers?|microns?|[uμ]m)(?![\p{L}\d])/giu, '$1 µm')
    .replace(/(\d)\s*(?:nanometres?|nanometers?)(?![\p{L}\d])/giu, '$1 nm')
    .replace(/(\d)\s*(?:milliseconds?|msecs?)(?![\p{L}\d])/giu, '$1 ms');
}

/** Things counted ("ten epochs", "four positions", "twenty iterations"): a number said in words before them is a count. */
const COUNTED = String.raw`(?=\s+(?:epochs?|fps|positions?|pos|iterations?|clusters?|neighbou?rs?|tracks?|cells?|nuclei|objects?|slices?|planes?|channels?|steps?|replicates?|wells?|stacks?|sections?|images?|repeats?)\b)`;
/** Things numbered ("position two", "pos three", "track three", "well five"): a number said in words after them is an index. */
const NUMBERED = String.raw`(?<=\b(?:position|pos|track|cell|nucleus|object|well|slice|plane|step|label|replicate|experiment|condition|field)\s+)`;

/**
 * Counts and indices said in words as digits ("ten epochs" → "10 epochs", "skip position two" →
 * "skip position 2", "forty five minutes"); quantities.ts reads those before units and after "channel" or "frame".
 */
export function withCountsInDigits(text: string): string {
  const digits = (m: string) => {
    const n = saidNumberValue(m);
    // ("more than one channel", "one of the cells": "one" is as often no count as a count; two and up are counts)
    return n === undefined || !Number.isInteger(n) || n < 2 ? m : String(n);
  };
  return text
    // ("fortyfive": tens and units written as one word)
    .replace(/\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(one|two|three|four|five|six|seven|eight|nine)\b/gi, '$1-$2')
    .replace(new RegExp(`\\b${SAID_NUMBER}\\b${COUNTED}`, 'gi'), digits)
    .replace(new RegExp(`${NUMBERED}${SAID_NUMBER}\\b`, 'gi'), digits);
}

const ORDINAL_WORDS: Record<string, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', 6: 'sixth', 7: 'seventh', 8: 'eighth', 9: 'ninth', 10: 'tenth' };

/**
 * An ordinal in digits before a channel, a frame or a stage position as its word: "the 2nd channel" → "the second
 * channel", "the 3rd frame" → "the third frame", "drop the 2nd position" → "drop the second position" (the words every
 * reader of a scope knows). "every 3rd frame" is a stride and stays as said.
 */
export function withOrdinalsInWords(text: string): string {
  return text.replace(/(?<!\bevery\s+(?:other\s+)?)\b([1-9]|10)(?:st|nd|rd|th)(?=\s+(?:(?:channel|chan|frame|time ?point|timepoint)s?|(?:(?:stage|xy|imaging)\s+)?(?:position|field|site|fov|location|point)s?)\b)/gi, (m, n: string) => ORDINAL_WORDS[n] ?? m);
}

/**
 * A setting written as code ("min_area=35 max_area=900", "radius=8", "frames = 5-20", "min area: 50") as words: the
 * name's parts apart and its number after it, one setting apart from the next ("min area 35, max area 900"), so each reader of a named value finds the
 * name right before its number, as in "min area 35". Only a name of letters (3 or more, parts joined by "_") directly
 * before "=" or ":" and a number; a tool's own name ("subtract_background") without "=" is left as written.
 */
export function withSettingsAsWords(text: string): string {
  return outsideQuotes(text, (part) => part.replace(/\b(\p{L}{2,}(?:_\p{L}+)*)\s*[=:]\s*(?=[-+]?\.?\d)/gu, (m, name: string, at: number) => {
    if (name.length < 3) return m;
    // (one setting right after another's value, "min_area=35 max_area=900": a comma between them, as a person writes it)
    const afterValue = /\d\s*(?:\p{L}{1,3}\d?)?\s+$/u.test(part.slice(0, at));
    // ("minArea=25": camel case spelt out as words too)
    return `${afterValue ? ', ' : ''}${name.replace(/_/g, ' ').replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').toLowerCase()} `;
  }).replace(/\s+,\s/g, ', '));
}

/** A path in Fiji's menus, from a menu of its menu bar through "> item" steps, up to the last item (the command). */
const MENU_PATH_TO_COMMAND = /\b(?:File|Edit|Image|Process|Analy[sz]e|Plugins|Window)\s*>\s*(?:[\p{L}\d][\p{L}\d' -]*?\s*>\s*)*(?=[\p{L}\d])/gu;

/**
 * "run Image > Adjust > Bleach Correction", "Plugins > Registration > StackReg": the menus of a path in Fiji are where the
 * command is, no words of the request; the command (its last item) is what is asked.
 */
export function withMenuPathsAsCommands(text: string): string {
  return text.includes('>') ? text.replace(MENU_PATH_TO_COMMAND, '') : text;
}

/** Curly apostrophes and quotes as straight ones, and odd spaces as spaces; an interval in square brackets as a range ("[50, 500] px" → "50 to 500 px"); "3+ frames" as "at least 3 frames". */
export function withPlainTypography(text: string): string {
  return text.replace(/[’‘]/g, "'").replace(/[\u00a0\u2009\u202f]/g, ' ').replace(/\[\s*(\d+(?:\.\d+)?)\s*[,;]\s*(\d+(?:\.\d+)?)\s*\]/g, '$1 to $2')
    // ("tracks of 3+ frames", "objects of 50+ px": a number and a plus before its unit is a lower bound)
    .replace(/(?<![\d.])(\d+(?:\.\d+)?)\s*\+\s*(?=(?:frames?|time\s?points?|timepoints?|px|pixels?|µm|um|microns?|s|sec|seconds?|min|mins|minutes?|h|hours?)\b|µm)/gi, 'at least $1 ')
    // ("denoise and then - if it looks ok - segment": an aside between spaced dashes, opened by a word of a condition or a
    // hedge, is an aside in brackets; no numbers, and never a list of steps "segment - track - export")
    .replace(/(?<=\S)\s+[-–—]\s+((?:if|when|unless|maybe|perhaps|ideally|preferably|assuming|provided|probably|possibly|especially|particularly|i\s+think|i\s+guess|i\s+hope|hopefully|say|or\s+so|as\s+usual)\b[\p{L}'\s,]{0,60}?)\s+[-–—]\s+(?=\S)/giu, ' ($1) ');
}

/**
 * A wish to know said before a question ("I would like to know how many cells there are in each frame", "we'd love to know
 * which track is longest", "I want to know whether they divide", "I'd like to know roughly how fast they move", "we need to
 * know the mean speed") as the plain ask "tell me ...": the question after it is what is asked ("know how" is no setting
 * of a step; a hedge such as "roughly" before the question word goes with the wish).
 */
export function withWishToKnowAsTellMe(text: string): string {
  return text.replace(/\b(?:(?:i|we)(?:'d|\s+would)\s+(?:(?:really|very\s+much)\s+)?(?:like|love|want)|(?:i|we)\s+(?:(?:really|just)\s+)?(?:want|need|wanna)|(?:i|we)(?:'m|\s+am|'re|\s+are)\s+(?:keen|eager|curious))\s+(?:to\s+)?(?:know|find\s+out|learn)\s+(?:(?:roughly|approximately|about|more\s+or\s+less|exactly|precisely|also)\s+)?(?=(?:how|what|which|where|when|whether|who|if|the|their|its|our|my|each|every)\b)/gi, 'tell me ');
}

/**
 * Chat shorthand and a learner's ask as they are said in full: "correct drift b4" → "before"; "fr 10-20", "frs 3 to 9" →
 * "frames 10-20" (only before a frame number or range); "is possible to make the tracking?" → "is it possible to ...";
 * "I want that you count the nuclei" → "please count the nuclei"; an apology for asking ("so apologies if this is a silly
 * question", "sorry in advance if this is obvious") left out, so its "if" is no condition of a step.
 */
export function withChatShorthandSpelledOut(text: string): string {
  return withoutApologyAsides(text)
    .replace(/\bb4\b/gi, 'before')
    .replace(/\bfrs?\.?\s*(?=\d+(?:\s*(?:-|–|to|until|till)\s*\d+)?\b)/gi, 'frames ')
    .replace(/(^|[.!?;,]\s*|\b(?:and|so|but)\s+)(is|was|would\s+be)\s+(?=possible\s+to\b)/gi, (_m, lead: string, verb: string) => `${lead}${/^would/i.test(verb) ? 'would it be' : `${verb} it`} `)
    .replace(/\b(?:i|we)\s+(?:want|would\s+like|'d\s+like|need|wish)\s+that\s+(?:you|u)\s+/gi, 'please ')
    // ("segment and after make the tracking": "after" before a verb of doing is "then", as "after do X" is said)
    .replace(/\b(and\s+|,\s*)?after\s+(?=(?:make|do|perform|run|apply|realize|realise|carry)\s+(?:the|a|an)\b)/gi, (_m, lead?: string) => `${lead ?? ''}then `)
    // ("do the tracking to the cells", "make the segmentation of nuclei", "perform a denoising"): a verb that only carries an
    // action named by its noun is that action's noun, as "then tracking" is read (never "make a movie", "run the experiment")
    // (never the "does" or "do" that asks: "what method does the segmentation use?", "how do the tracking results look?")
    .replace(/(?<!\bto\s+)(?<!\b(?:what|which|how|why|where|when|who|whom|whose)\b[^,.;:?!]{0,60})\b(?:do|doing|make|makes|making|perform|performs|performing|carry\s+out|carrying\s+out|realise|realize|execute|effectuate)\s+(?:the|a|an|some)\s+(?=(?!(?:some|any|no|every)?thing|following|remaining|beginning|ending|opening|meeting|morning|evening|setting|experiment|string|ring|building|painting|drawing|recording|booking|statement|appointment|payment|comment)[\p{L}-]*(?:ing|tion|sion|ment)s?\b)/giu, '');
}

/**
 * "segment n track", "drift 'n' segment", "seg n' track them": a lone lower-case "n" between two words is "and", as a
 * person types it. Not where it stands for a number ("the first n frames", "every n time points", "n = 5", "n of 3"):
 * after an article, a quantifier or a preposition, before a digit, "=" or a noun counted.
 */
const LONE_N = /(?<=\b[A-Za-z]{2,}(?<!\b(?:the|a|an|of|for|per|every|each|first|last|top|bottom|middle|any|some|all|with|by|to|than|and|or|is|are|was|were|be|at|in|on|over|under|from|n)))\s+(?:'n'|'n|n'|n)\s+(?=[A-Za-z]{2,}\b)(?!(?:frames?|cells?|nuclei|objects?|times?|time\s?points?|timepoints?|positions?|steps?|samples?|channels?|images?|slices?|planes?|replicates?|movies?|wells?|repeats?|fields?)\b)/g;
export function withLoneNAsAnd(text: string): string {
  return outsideQuotes(text, (part) => part.replace(LONE_N, ' and '));
}

/** A word that sets objects apart ("edge", "tiny", "out-of-focus"), never an article, a pronoun or "to". */
const QUALIFIER = String.raw`(?!(?:the|a|an|any|all|those|these|my|our|to|it|them|their|of)\b)[\w-]+\s+`;
/** Things found, named with what sets them apart: "the edge ones", "the tiny nuclei", "those touching the border", "anything on the edge". */
const SET_APART_OBJECTS = String.raw`(?=(?:(?:the|any|all|those|these)\s+)?(?:${QUALIFIER}){1,2}(?:ones|cells|nuclei|objects|blobs|spots|particles|tracks)\b|(?:the\s+ones|ones|those|these|any|anything|(?:the|any|all)\s+(?:cells|nuclei|objects|tracks))\s+(?:that|which|touching|on|at|near|along|cut|clipped|smaller|bigger|larger|shorter|longer|under|over|below|above|with|without|less|more)\b)`;

/**
 * Objects turned down in everyday words, as the one verb of leaving out that every reader knows:
 * "I don't want the edge ones", "don't bother with the tiny ones", "don't count those touching
 * the border", "nothing on the edges" → "exclude ...". Only objects set apart by a word of
 * their own are meant ("I don't want the tracks" turns down a step, and stays as said).
 */
export function withExclusionsSaidPlainly(text: string): string {
  return text
    // ("apart from the bleaching", "aside from denoising": "except", whose readers every step has; not a distance, "far apart from each other")
    .replace(/(?<!\b(?:far|well|further|farther|wide|widely|set|is|are|was|were|be|been|being|mov\w*|pull\w*|com\w*|came|fall\w*|fell|spread\w*|split\w*|drift\w*|grow\w*)\s+)\b(?:apart|aside)\s+from\b/gi, 'except')
    .replace(new RegExp(String.raw`\b(?:(?:i|we)\s+)?(?:do\s+not|don't|dont|won't)\s+(?:want|need|include|count|keep|touch|bother\s+with|care\s+about|look\s+at|analy[sz]e)\s+${SET_APART_OBJECTS}`, 'gi'), 'exclude ')
    .replace(/\bnothing\s+(?=(?:on|at|near|along|touching|cut\s+by)\s+the\s+(?:image\s+|frame\s+)?(?:edges?|borders?|boundar(?:y|ies)|sides?)\b)/gi, 'exclude anything ');
}

/**
 * A question's closing tag of opinion, which asks nothing more than the question before it: "..., do you
 * reckon?", "..., would you say?", "..., in your opinion?", "..., you think?" → "...?". Only after a
 * question that stands without it (a comma before it); "do you think I should use Li?" keeps its words.
 */
export function withoutOpinionTag(text: string): string {
  return text.replace(/(\S)\s*[,;-]+\s*(?:(?:do|would)\s+(?:you|u)\s+(?:reckon|think|say|guess|agree)|(?:you|u|ya)\s+(?:reckon|think)|would\s+you\s+say|in\s+your\s+(?:opinion|view|experience)|if\s+you\s+ask\s+me|i\s+(?:guess|wonder|suppose))\s*(\?*)\s*$/i, (_, last: string, mark: string) => `${last}${mark || '?'}`);
}

/**
 * "could you summarise the speeds - median and IQR", "describe the nuclear areas": to summarise or describe a measured
 * quantity asks what its values are (the answer gives their statistics), never a per-cell time-series analysis; a summary
 * of each cell's series ("summarise each cell's speed over time", "per-cell summary") keeps its words.
 */
export function withDescribingAsked(text: string): string {
  return text.replace(
    /(^|[.?!;]\s+)((?:(?:so|and|ok(?:ay)?|now|then)[,\s]+)*)(?:(?:can|could|would|will)\s+(?:you|u)\s+)?(?:please\s+)?(?:summari[sz]e|describe|characteri[sz]e)\s+(?:for\s+me\s+)?(the|their|its|my|our)\s+((?:[a-z]+\s+)?(?:speeds?|velocit(?:y|ies)|areas?|sizes?|intensit(?:y|ies)|displacements?|distances?|durations?|lifetimes?|straightness|volumes?|perimeters?|circularit(?:y|ies)))\b(?![^.?!;]*\b(?:each|every|per|individual|single)[\s-]+(?:cell|nucleus|nuclei|track|object)s?\b|[^.?!;]*\b(?:time[\s-]?series|traces?|over\s+time|embed\w*|cellphe|phenotyp\w*)\b)/gi,
    (_m, lead: string, words: string, det: string, quantity: string) => `${lead}${words}what are ${det.toLowerCase() === 'the' ? 'the' : det} ${quantity}`,
  );
}

/**
 * "fewer nuclei in the last frame than in the first?", "more cells at the end?": a question of how many, its "are there" left
 * out (the question mark says it asks); read with it, as a question about the data, never as a fault to correct.
 */
export function withElidedAreThere(text: string): string {
  return text.replace(/(^|[.?!;]\s+)((?:(?:so|and|ok(?:ay)?|hm+|but)[,\s]+)*)(?=(?:more|fewer|less)\s+(?!than\b|or\b)\p{L}[^.?!;]*\?)/giu, '$1$2are there ');
}

/**
 * "remind me, how many nuclei were there?", "can you remind me what the mean speed was", "remind me of the mean area": to
 * be reminded asks the question that follows, of a value known, never for the work that made it ("remind me how many" is
 * no count to be made again); the asking words go, the question stays ("remind me of the X" → "what was the X?").
 */
export function withoutRemindMe(text: string): string {
  return text
    .replace(/(^|[.?!;]\s+)(?:(?:sorry|so|and|ok(?:ay)?|hm+|wait|quick(?:ly)?|just)[,\s\-–—]+)*(?:(?:can|could|would|will)\s+(?:you|u)\s+)?(?:please\s+)?(?:just\s+)?remind\s+me\s*(?:again\s*)?[,:\-–—]*\s*(?:again\s*[,:]?\s*)?(?=(?:what|what's|whats|how|which|who|when|where|whether|if)\b)/gi, '$1')
    .replace(/(^|[.?!;]\s+)(?:(?:sorry|so|and|ok(?:ay)?|hm+|wait|quick(?:ly)?|just)[,\s\-–—]+)*(?:(?:can|could|would|will)\s+(?:you|u)\s+)?(?:please\s+)?(?:just\s+)?remind\s+me\s+(?:again\s+)?(?:of|about)\s+(?=(?:the|their|its|our|my)\s)/gi, '$1what was ');
}

/**
 * "what was the mean area again?", "sorry, how many nuclei were there again": a question that closes with "again" asks to
 * be reminded of a value, never for the work to be done again; the "again" is dropped (a request, "segment it again",
 * keeps it, and so does a question that asks for work: "can you run it again?").
 */
export function withoutRecallAgain(text: string): string {
  return withDescribingAsked(withoutRemindMe(withElidedAreThere(text))).replace(/(^|[.?!;]\s+)((?:(?:sorry|remind me|so|and|ok(?:ay)?|hm+|wait)[,\s]+)*(?:what(?:'s|s)?|how|which|who|when|where)\b[^.?!;]*?)\s*,?\s+again\s*(?=[?.!;]|$)/gi, '$1$2');
}

/**
 * Doubt said before the steps asked ("not sure what's best but maybe: background subtraction, then ...", "I'm not sure if
 * this is right, but denoise and segment", "no idea what the right order is, but ..."): how unsure the person is, no
 * question for advice and no step turned down by its "not"; what follows "but" is the request.
 */
const UNSURE_OPENING = /^\s*(?:(?:hmm+|um+|ok(?:ay)?|so|honestly|tbh)[,.]?\s+)*(?:(?:i'?m|i\s+am|we'?re|we\s+are)\s+)?(?:not\s+(?:really\s+|entirely\s+|totally\s+|quite\s+|100%\s+)?(?:sure|certain)|unsure|no\s+idea|(?:i\s+|we\s+)?(?:don'?t|do\s+not)\s+(?:really\s+)?know)\b[^,.;:!?]{0,60}?(?:[,;]\s*|\s+)(?:but|though)\s+(?:(?:maybe|perhaps|probably|i\s+(?:guess|think|suppose))\s*[:,]?\s*)?(?=\p{L})/iu;

/**
 * What is wanted said as a pseudo-cleft ("What I'd like in the end is a plot of how fast each cell moves", "What I need is
 * the number of nuclei per frame", "all we want is a csv"): the same request as "I'd like ...", never a question
 * ("what ... how fast" asks no time of a step).
 */
const WANT_CLEFT = /(^|[.!?;]\s+|,\s*(?:so|and|but)\s+)(?:what|all)\s+(i|we)(?:'d|\s+would)?\s+(like|need|want|am\s+after|'m\s+after|are\s+after|'re\s+after|really\s+(?:need|want)|ultimately\s+(?:need|want))(?:\s+(?:to\s+(?:have|get|see)|in\s+the\s+end|ultimately|eventually|at\s+the\s+end|from\s+(?:this|it|the\s+movie)))*\s+(?:is|are)\s+(?=\p{L})/giu;

/**
 * A closing plea that only asks whether the help asked for can be given ("... Could you help?", "Can you help with that?",
 * "could you help me with this please?"), after a sentence that asks for something: how it is asked, no plea for help
 * with cellpilot itself.
 */
const HELP_CLOSING = /([.!?])\s+(?:(?:so|and)\s+)?(?:(?:can|could|would)\s+(?:you|u)|are\s+you\s+able\s+to|is\s+that\s+(?:possible|doable))(?:\s+(?:please|maybe|possibly))?(?:\s+help(?:\s+(?:me|us))?(?:\s+(?:with|on)\s+(?:that|this|it))?|\s+do\s+(?:that|this|it))?(?:\s+(?:please|pls|thanks?|thank\s+you))?\s*[?.!]*\s*$/i;

/** The request with what is wanted said plainly and a closing plea that asks nothing else dropped. */
export function withWantedSaidPlainly(text: string): string {
  const plain = text.replace(WANT_CLEFT, (_m, lead: string, who: string, want: string) => `${lead}${who.toLowerCase() === 'i' ? 'I' : who} ${/^(?:am|'m|are|'re)\s+after$/i.test(want) ? 'want' : want.replace(/^(?:really|ultimately)\s+/i, '')} `);
  const closing = HELP_CLOSING.exec(plain);
  // (only after a sentence of its own that asks for something: "could you help?" alone is a plea for help)
  if (!closing || !/\p{L}/u.test(plain.slice(0, closing.index))) return plain;
  return plain.slice(0, closing.index + 1);
}

/** The request without the doubt said before it. */
export function withoutUnsureOpening(text: string): string {
  return text.replace(UNSURE_OPENING, '');
}

/**
 * A word of surprise before a question, which asks nothing of its own: "wait, is that in microns?", "hang on -
 * why did it stop?", "hmm so what threshold was that?" → the question. Only before a question (a "?" at its end,
 * a question word or verb after the word): "wait 5 minutes, then image" keeps its words.
 */
export function withoutInterjection(text: string): string {
  // ("how many tracks are there btw?", "by the way, what's the mean area?": an aside that says the question is by the way, no word of it)
  return text.replace(/[,\s]+(?:btw|by\s+the\s+way|anyway|anyhow)(?=\s*[?.!]+(?:\s|$)|\s*$)/gi, '').replace(/(^|[.?!;]\s+)(?:btw|by\s+the\s+way)[,:]?\s+(?=\S)/gi, '$1').replace(/^\s*(?:(?:oh|ah|hmm+|um+|ok(?:ay)?|so)[,.!]?\s+)*(?:wait|hold on|hang on|hmm+|oh|ah|huh|whoa|woah)(?:\s+a\s+(?:sec(?:ond)?|minute|moment))?\s*[,.!:-]*\s+(?=(?:so\s+|but\s+|then\s+)?(?:is|are|was|were|do|does|did|what|why|how|which|where|who|when|isn'?t|aren'?t|wasn'?t|didn'?t|doesn'?t|should|shouldn'?t|can|could|that'?s|those|these|that|this)\b[^?]*\?\s*$)/i, '');
}

/**
 * A change asked as a thing that exists ("is there a difference in speed between the first and second half?", "is there
 * any change in nucleus size over time?", "are there differences in area between channel 1 and 2?") as the verb every
 * reader of a compared quantity knows ("is the speed different between ...", "does the nucleus size change over time");
 * read as nouns, "difference between" asked the method adviser and "change" re-ran a step.
 */
export function withChangeAskedAsVerb(text: string): string {
  return text.replace(/\b(?:is|are)\s+there\s+(?:(?:a|any)\s+)?((?:significant|real|big|clear|noticeable|measurable|obvious|statistically significant)\s+)?(differences?|changes?|shifts?|trends?|increases?|rises?|decreases?|drops?|declines?)\s+in\s+(?:the\s+)?((?:[\p{L}-]+\s+){0,3}?[\p{L}-]+)\s+(?=(?:between|over|across|from|after|before|during|along|through|with|among|in|at)\b)/giu, (_, adjective: string | undefined, noun: string, quantity: string) => {
    const kind = noun.toLowerCase().replace(/s$/, '');
    // (a test of the difference asked is kept: "significantly different")
    const tested = adjective && /significant/i.test(adjective) ? 'significantly ' : '';
    if (kind === 'difference') return `is the ${quantity} ${tested}different `;
    const verb = kind === 'increase' || kind === 'rise' ? 'increase' : kind === 'decrease' || kind === 'drop' || kind === 'decline' ? 'decrease' : 'change';
    return `does the ${quantity} ${tested}${verb} `;
  });
}

/**
 * Several steps asked as whether they are possible ("is it possible to correct the drift and then track?", "would it be
 * possible to denoise, then segment?") as the request they are ("please ..."): read as one question, only the first
 * step ran and the rest was dropped without a word. One step asked so stays a question ("is it possible to segment in
 * 3D?" asks what the tools can do).
 */
export function withStepsAskedAsPossiblePlain(text: string): string {
  return text.replace(/^\s*(?:(?:so|ok(?:ay)?|and|hi|hello)[,\s]+)?(?:is\s+it|would\s+it\s+be|will\s+it\s+be|could\s+it\s+be|is\s+there\s+a\s+way)\s+(?:possible\s+)?(?:for\s+(?:you|me|us)\s+)?to\s+(.+?\b(?:and\s+then|then|after\s+that|afterwards|followed\s+by)\b.+?)\s*\?+\s*$/i, (_, steps: string) => `please ${steps}`);
}

/**
 * An exclamation that opens a request and asks nothing ("whoa the GFP looks really bleached, halve the laser", "ugh, it
 * drifts", "yikes the cells are dying, image less often"): left off whatever follows, as a word of surprise before a
 * question is; read as words, it took the observation after it for a question of its own and dropped the command.
 */
export function withoutOpeningExclamation(text: string): string {
  return text.replace(/^\s*(?:(?:whoa|woah|wow|ugh+|urgh+|argh+|yikes|oops|whoops|ooh+|aah+|ah+|aha|oh(?:\s+(?:no|dear|man|wow|god|boy))?|uh(?:[\s-]+oh)?|eek|gosh|jeez|geez|damn|dang|darn|meh|hmm+|huh|phew|yay)\b\s*[,.!:;-]*\s+|(?:nice|great|cool|perfect|brilliant|awesome|excellent|lovely|thanks|thank you|cheers)\s*[,.!:;-]+\s+)+(?=\p{L})/iu, '');
}

/**
 * A setting turned off after its name, "with X off", as the one form every reader of a turned-down setting knows:
 * "segment with watershed off", "track with gap closing disabled", "with the split switched off" → "without ...".
 * Only after "with" (a name of one or two words): "turn off mCherry" is a command of its own.
 */
export function withSettingsOffSaidPlainly(text: string): string {
  return text.replace(/\bwith\s+((?:the\s+|any\s+)?(?!(?:the|a|an|it|them|that|this)\b)[\p{L}-]+(?:\s+(?!(?:off|and|or|but|then)\b)[\p{L}-]+)?)\s+(?:(?:switched|turned|set|toggled)\s+off|off|disabled|deactivated)\b/giu, 'without $1');
}

/**
 * A verb of switching off said in its other everyday forms, as the one form every reader knows ("turn off X"): the
 * particle after its object, "turn the watershed off", "switching gap closing off" → "turn off the watershed", "turn off gap closing";
 * and the Latinate verbs, "disable the watershed", "deactivate the autofocus" → "turn off ...". A
 * pronoun keeps its place ("turn it off"); "disabled"/"deactivated" after a name is read by withSettingsOffSaidPlainly.
 */
export function withSwitchingOffSaidPlainly(text: string): string {
  return text
    .replace(/\b(turn|switch|shut)(ing|s)?\s+((?:the|any|all|that|this)\s+)?(?!(?:it|them|this|that|everything|those|these|off|on)\b)([\p{L}\d-]+(?:\s+(?!off\b|on\b)[\p{L}\d-]+)?)\s+off\b/giu, (_, verb: string, ending: string | undefined, det: string | undefined, what: string) => `${verb}${ending ?? ''} off ${det ?? ''}${what}`)
    .replace(/\b(?:disabl|deactivat)(e|es|ing)\b/gi, (word: string, ending: string) => `${/^[A-Z]/.test(word) ? 'T' : 't'}urn${ending === 'ing' ? 'ing' : ending === 'es' ? 's' : ''} off`)
    // ("segment, turning off the watershed", "track while switching off gap closing": the gerund after a clause is its command)
    .replace(/((?:^|[,;]|\b(?:and|but|while|by|then))\s+)(turn|switch)ing\s+off\b/gi, '$1$2 off');
}

/**
 * "Than" written "then" after a comparative and before a number ("tracks lasting more then 3 frames", "bigger then 40
 * µm²", "less then ~5 px"): the comparison it is; "then" after a comma or before a word stays a sequence ("larger, then 3 ...").
 */
export function withThanAfterComparatives(text: string): string {
  return text.replace(/\b((?:more|less|fewer|greater|bigger|larger|smaller|longer|shorter|faster|slower|brighter|dimmer|darker|higher|lower|further|farther|wider|narrower|rounder|older|newer|earlier|later)(?:\s+or\s+equal(?:\s+to)?)?)\s+then(?=\s+(?:about\s+|around\s+|approx(?:imately|\.)?\s+|roughly\s+|[~≈]\s*)?\d)/gi, '$1 than');
}

/** The things of a movie a request counts or scopes by, plural → singular ("nuclei" → "nucleus"). */
const SINGULAR_OF: Record<string, string> = {
  frames: 'frame', cells: 'cell', nuclei: 'nucleus', nucleuses: 'nucleus', nucleis: 'nucleus', tracks: 'track', objects: 'object',
  trajectories: 'trajectory', channels: 'channel', positions: 'position', timepoints: 'timepoint', 'time points': 'time point',
  images: 'image', wells: 'well', slices: 'slice', spots: 'spot',
};

/**
 * "Each" and "every" take one thing; a plural after them is a slip of grammar ("for each cells", "in each frames",
 * "every nuclei") and reads as the singular every scope reader knows. "Each of the cells" and "each two frames"
 * keep their words (a word stands between).
 */
export function withEachInSingular(text: string): string {
  const plurals = Object.keys(SINGULAR_OF).sort((a, b) => b.length - a.length).map((w) => w.replace(' ', '\\s+')).join('|');
  return text.replace(new RegExp(`\\b(each|every)\\s+(${plurals})\\b(?!['’])`, 'gi'), (_, each: string, plural: string) => `${each} ${SINGULAR_OF[plural.toLowerCase().replace(/\s+/g, ' ')] ?? plural}`);
}

/**
 * The whole view moving, asked as a question, is drift: "has the sample shifted?", "did the stage move during the
 * movie?", "is the field of view sliding?", "does the image jump between frames?" → "is there drift ...?". Only a
 * question about the sample, stage, dish or view itself ("did the cells move?" asks about the cells, and keeps its words).
 */
export function withViewMotionAsDrift(text: string): string {
  return text.replace(/^(\s*(?:(?:so|and|also|ok(?:ay)?|quick question)[,:]?\s+)*)(?:has|have|had|did|does|do|is|are|was|were)\s+(?:the\s+|my\s+|our\s+|this\s+)?(?:whole\s+|entire\s+)?(?:sample|specimen|stage|dish|slide|plate|coverslip|well|field\s+of\s+view|fov|field|view|image|images|picture)\s+(?:been\s+|got\s+|gotten\s+)?(?:shift(?:s|ed|ing)?|mov(?:e|es|ed|ing)|drift(?:s|ed|ing)?|slid(?:e|es|ing)?|wander(?:s|ed|ing)?|jump(?:s|ed|ing)?|cr(?:e|ee)p(?:s|t|ing)?|translat(?:e|es|ed|ing)|walk(?:s|ed|ing)?)\b(?!\s+(?:to|by)\s+\d)(?=[^?]*\?\s*$|[^?.]*$)/i, (_, lead: string) => `${lead}is there drift`);
}

/**
 * Channels said not to line up are misaligned: "the red and green channels don't line up", "the colours do not overlap",
 * "GFP and mCherry don't match up" → "... are misaligned" (a fault a tool removes). Said as a negated verb, the clause
 * would read as a step turned down; only with channels or colours as the subject.
 */
export function withChannelsApartSaidPlainly(text: string): string {
  return text.replace(/\b((?:channels?|colou?rs?|red|green|blue|magenta|cyan|far[\s-]red|gfp|rfp|yfp|cfp|mcherry|tdtomato|dapi|hoechst)\b[^,.;!?]{0,30}?\s)(?:(?:do|does|did|will|would)\s*(?:not|n't)|don'?t|doesn'?t|didn'?t|won'?t|aren'?t|are\s+not|never)\s+(?:quite\s+|really\s+|exactly\s+|perfectly\s+)?(?:line\s+up|lined\s+up|match\s+up|overlap|overlay|superimpose|register|coincide|align|aligned)(?:\s+(?:properly|correctly|exactly|perfectly|well|with\s+each\s+other|on\s+each\s+other|on\s+top\s+of\s+each\s+other))?\b/gi, '$1are misaligned');
}

/**
 * What the light of the images does is no motion of the field: "the brightness jumps up and down between frames", "the
 * intensity goes up and down", "the signal fluctuates", "the illumination bounces around" → "... flickers" (a fault a
 * tool removes). Only with the light as the subject: "the image jumps up and down" is still the field moving (drift).
 */
export function withLightSwingsAsFlicker(text: string): string {
  return text.replace(/\b((?:the\s+|its\s+|their\s+|my\s+|overall\s+)?(?:brightness|intensit(?:y|ies)|signal|fluorescence|illumination|lighting|light\s+levels?|gr[ae]y\s+levels?)\s+(?:(?:just|kind\s+of|sort\s+of|really|constantly|always|also|randomly|keeps?)\s+)?)(?:(?:jump(?:s|ed|ing)?|go(?:es|ing)?|went|bounc(?:e|es|ed|ing)|swing(?:s|ing)?|mov(?:e|es|ed|ing)|flip(?:s|ped|ping)?)\s+(?:up\s+and\s+down|around|about|all\s+over\s+the\s+place)|fluctuat(?:e|es|ed|ing))\b/gi, '$1flickers');
}

/**
 * "Split" said of the things imaged, with no object after it, is their division: "how many of them split during the
 * recording?", "did any cells split?", "which nuclei split first?" → "divided", "divide". A split with an object ("split
 * touching nuclei", "did the segmentation split any nuclei?", "split the channels") keeps its words: a setting or a step.
 */
export function withSplitAsDivision(text: string): string {
  return text.replace(/\b(they|them|those|these|cells?|nuclei|nucleus|ones|any|which|that|who|mothers?)(\s+(?:(?:ever|actually|really|also|then|still|first|later|eventually|are|were|is|was|have|has|had|did|do|does|will|would|can|could|not|never)\s+)*)split(s|ting)?(?:\s+up)?\b(?=\s*(?:$|[?.,;!)]|(?:during|over|in|at|into|before|after|within|between|across|throughout|and|or|apart|twice|once|again|more|first|early|late|later|yet|already|so\s+far)\b|\d))/gi,
    (said: string, subject: string, gap: string, form: string | undefined, at: number, whole: string) => {
      // ("the nuclei were split in two": a passive split is the segmentation's doing, no division)
      if (/\b(?:are|were|is|was|been|be|being|get|got)\b/i.test(gap) && form?.toLowerCase() !== 'ting') return said;
      // (the plain form after an auxiliary before or inside: "did any cells split?", "do they ever split?")
      const plain = /\b(?:did|do|does|will|would|can|could|to)\b/i.test(gap) || /\b(?:did|do|does|will|would|can|could|to)\b[^?.,;]*$/i.test(whole.slice(0, at));
      return `${subject}${gap}${form?.toLowerCase() === 's' ? 'divides' : form?.toLowerCase() === 'ting' ? 'dividing' : plain ? 'divide' : 'divided'}`;
    });
}

/**
 * "Who" asked of the things imaged, as the question every reader of the data knows: "who's the slowest mover?", "who
 * divided first?", "who went furthest?" → "which cell is ...", "which cell divided first?". Only a question opening
 * with "who" before a superlative ("who is the fastest") or a verb of what cells do (move, divide, travel, grow, last);
 * "who made this movie?" keeps its words.
 */
export function withWhoAsWhichCell(text: string): string {
  return text.replace(/^(\s*(?:(?:so|and|ok(?:ay)?|now|also|then)[,:]?\s+)*)who(?:'s|\s+is|\s+was|\s+are|\s+were)\s+(?=(?:the\s+)?(?:most|least|[a-z]+est)\b)/i, (_, lead: string) => `${lead}which cell is `)
    .replace(/^(\s*(?:(?:so|and|ok(?:ay)?|now|also|then)[,:]?\s+)*)who\s+(?=(?:(?:has|had|did|does)\s+)?(?:mov|divid|split|travel|went|go(?:es)?\b|gone\b|grew|grow|shr[iau]nk|migrat|wander|liv|last|surviv|stay|stopp|brighten|dimm|fad|speed|sped|slow)\w*)/i, (_, lead: string) => `${lead}which cell `)
    // ("whereabouts in the image is the brightest nucleus?": the question word "where", as every reader knows it)
    .replace(/^(\s*(?:(?:so|and|ok(?:ay)?|now|also|then)[,:]?\s+)*)whereabouts\b(?=\s+(?:in|on|is|are|was|were|do|does|did)\b)/i, (_, lead: string) => `${lead}where`);
}

/**
 * Two questions joined by "and" as two questions: "how many cells are there on average per frame, and how does that
 * change over the movie?" → "how many cells are there on average per frame? how does that change over the movie?".
 * Read as one, the second's words ("change", "movie") and the first's ("average") met a step neither asks for. Only
 * when the request opens with a question and the joined part with a question word; commands keep their words.
 */
export function withQuestionsApart(text: string): string {
  if (!/^\s*(?:(?:so|and|ok(?:ay)?|now|also|hey)[,:]?\s+)*(?:how|what|which|when|where|why|who|is|are|was|were|does|do|did|has|have)\b/i.test(text)) return text;
  const parts = text.split(new RegExp(String.raw`${SECOND_QUESTION_JOINER}(?=(?:how|what|which|when|where|why)\s+(?:does|do|did|is|are|was|were|has|have|many|much|long|fast|far|often)\b)`, 'i'));
  if (parts.length < 2) return text;
  // ("..., and how does that change?": "that" is the quantity the first question asked, "the number of cells")
  const counted = /\bhow\s+many\s+([a-z]+)/i.exec(parts[0])?.[1];
  const valued = /\bwhat(?:'s|\s+is|\s+was)\s+(the\s+(?:[a-z]+\s+){0,2}?[a-z]+)(?=\s+(?:of|in|per|for|across|over)\b|\s*$)/i.exec(parts[0])?.[1];
  const quantity = counted ? `the number of ${counted}` : valued;
  const rest = parts.slice(1).map((p) => (quantity ? p.replace(/^((?:\w+\s+){1,2}?)(?:that|it|this)\b(?!')/i, `$1${quantity}`) : p));
  // ("? and how ...": still one request of two parts for the answer, tableAnswers.ts questionPartsOf)
  return [parts[0], ...rest].join('? and ');
}

/** The faults each tool declares it takes away (`removes`), its first as the name to say, each fault as meanings. */
const FAULTS = new Map<string, { said: string; words: string[]; meanings: string[][] }[]>();

function faultsDeclared(catalogue: Catalogue): { said: string; words: string[]; meanings: string[][] }[] {
  const key = catalogue.size ? [...catalogue.keys()].join(',') : '';
  let faults = FAULTS.get(key);
  if (!faults) {
    const selves = catalogue.size ? [...catalogue.values()].map((t) => t.self) : ALL_TOOLS.map((t) => t as Partial<ToolSelfDescription>);
    faults = selves.filter((s) => s?.removes?.length).map((s) => {
      const declared = s!.removes!.filter((r) => tokenize(r).length > 0);
      return { said: s!.removes![0], words: declared, meanings: declared.map((r) => tokenize(r).map((t) => meaning(t.stem))) };
    });
    FAULTS.set(key, faults);
  }
  return faults;
}

/** Verbs of putting a fault right, with their particle ("get rid of", "sort out"). */
const PUT_RIGHT = String.raw`(?:correct|fix|remove|eliminate|undo|reduce|suppress|compensate\s+for|account\s+for|adjust\s+for|correct\s+for|normali[sz]e|get\s+rid\s+of|sort\s+out|deal\s+with|take\s+care\s+of|take\s+out|handle|address|tackle|solve|(?:sort|straighten|iron|take\s+care\s+of)(?=\s+\S+(?:\s+\S+){0,2}\s+out\b))`;
/** Words that point back at things said before: "both", "them", "these two", "all of that", "the issues", "it". */
const POINTS_BACK = String.raw`(?:both(?:\s+of\s+(?:them|these|those))?(?:\s+(?:issues|problems|things|artefacts|artifacts|faults|effects))?|them(?:\s+(?:both|all))?|th(?:ese|ose)(?:\s+(?:two|three|things|issues|problems|artefacts|artifacts|faults|effects))?|all\s+(?:of\s+)?(?:them|these|those|that|this)|all\s+(?:two|three)|(?:the\s+)?(?:two|three|lot)|the\s+(?:issues|problems|artefacts|artifacts|faults)|it|that|this|everything)`;
/** Things found in a movie: said between the faults and the verb, "them" is those things ("..., segment the cells and remove them"). */
const THINGS_FOUND = /\b(?:cells?|nuclei|nucleus|objects?|tracks?|spots?|masks?|labels?|particles?|blobs?|debris|outliers?|ones)\b/i;

/**
 * A verb of putting right whose object points back ("fix both", "correct them", "sort these out", "deal with all of
 * that") at the faults told before in the request, as the faults themselves: "the stage drifts and the signal bleaches;
 * fix both and then track" → "...; fix the drift and fix the bleaching and then track". The faults are those some
 * tool declares it `removes` (each tool once, in the order said), not one already the object of such a verb; nothing
 * changes where no fault was told before, or where a thing found (cells, tracks) stands between ("remove them").
 */
export function withFaultsSaidBackNamed(text: string, catalogue: Catalogue): string {
  // ("the background is uneven, subtract it with a 40 px ball": the verbs of one fault's own step point back too)
  const at = new RegExp(String.raw`\b(${PUT_RIGHT}|subtract|flatten|even\s+out|denoise|stabili[sz]e)\s+(${POINTS_BACK})(\s+(?:out|up))?(?=\s*(?:$|[.,;:!?)]|\s(?:and|then|before|first|please|pls|too|as\s+well|so|prior|ahead|for\s+me|if\s+you\s+can|with|using|via)\b))`, 'i').exec(text);
  if (!at) return text;
  const before = text.slice(0, at.index);
  const tokens = tokenize(before);
  // ("noisy", "grainy", "hazy", "shaky": the adjective of a fault is the fault)
  const senses = tokens.map((t) => {
    const own = [meaning(t.stem)];
    if (/y$/i.test(t.word) && t.word.length > 4) for (const w of [t.word.slice(0, -1), `${t.word.slice(0, -1)}e`]) own.push(...tokenize(w).map((x) => meaning(x.stem)));
    return own;
  });
  const faults = faultsDeclared(catalogue);
  const found: { said: string; at: number; end: number }[] = [];
  for (const fault of faults) {
    for (let i = 0; i < tokens.length && !found.some((f) => f.said === fault.said); i++) {
      const fits = fault.meanings.find((m) => m.every((stem, k) => senses[i + k]?.includes(stem)));
      if (!fits) continue;
      // (a fault already asked to be put right, "correct the drift, ... then fix it", is not what the words point at)
      if (new RegExp(String.raw`\b${PUT_RIGHT}\s+(?:the\s+|any\s+|all\s+|some\s+|for\s+(?:the\s+)?)?(?:[\p{L}-]+\s+)?$`, 'iu').test(before.slice(Math.max(0, tokens[i].start - 40), tokens[i].start))) continue;
      found.push({ said: fault.said, at: tokens[i].start, end: tokens[i + fits.length - 1].end });
    }
  }
  if (found.length === 0) return text;
  const last = Math.max(...found.map((f) => f.end));
  if (THINGS_FOUND.test(before.slice(last))) return text;
  // ("it", "that", "this" point at one thing: only where one fault was told)
  if (/^(?:it|that|this)$/i.test(at[2]) && found.length > 1) return text;
  // ("sort both out": the particle after the words that point back goes with the verb)
  const verb = at[3] && !new RegExp(String.raw`\s${at[3].trim()}$`, 'i').test(at[1]) ? `${at[1]} ${at[3].trim()}` : at[1];
  const named = found.sort((a, b) => a.at - b.at).map((f) => `${verb} the ${f.said}`);
  const said = named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : named[0];
  return text.slice(0, at.index) + said + text.slice(at.index + at[0].length);
}

/**
 * "is it bleaching?" then "ok, correct for that and save it as a tiff": a verb of putting right whose object points back,
 * in a request that tells no fault of its own, points at the fault the turn before told (the same reading as within one
 * request, `withFaultsSaidBackNamed`, over both turns); the request unchanged otherwise.
 */
export function withFaultOfTheTurnBefore(text: string, before: string | undefined, catalogue: Catalogue): string {
  if (!before || withFaultsSaidBackNamed(text, catalogue) !== text) return text;
  const prefix = `${before.trim().replace(/[\s.?!]+$/, '')}. `;
  const named = withFaultsSaidBackNamed(prefix + text, catalogue);
  return named !== prefix + text && named.startsWith(prefix) ? named.slice(prefix.length) : text;
}

/** The text with `change` applied outside double quotes only (a name in quotes is the user's own). */
function outsideQuotes(text: string, change: (part: string) => string): string {
  return text.split(/("[^"]*"|“[^”]*”)/).map((part, i) => (i % 2 === 1 ? part : change(part))).join('');
}

/** Words that say a fault told is small, absent or to be left alone ("the drift is minor", "noisy but fine", "anyway"). */
const FAULT_LEFT_ALONE = /\b(?:no|not|n't|never|hardly|barely|little|slight(?:ly)?|small|minor|minimal|negligible|tiny|fine|ok(?:ay)?|acceptable|anyway|regardless|nevertheless|despite|ignore|leave\s+(?:it|them|that|this)|as\s+(?:it\s+)?is|don'?t\s+(?:correct|fix|remove)|without\s+(?:correct|fix|remov)\w*)\b/i;
/** Words that tell a thing as a problem: it is there, there is much of it, it is bad or keeps happening. */
const SAID_AS_A_PROBLEM = /\bthere(?:'s|\s+is|\s+are|\s+was|\s+were)\b|\b(?:a\s+lot\s+of|lots\s+of|too|so\s+much|quite\s+a\s+bit|much|strong|heavy|severe|bad|terrible|awful|horrible|uneven|patchy|high|massive|serious|really|very|keeps?|kept|always|constantly)\b/i;
/** A verb of putting a fault right, anywhere in the words. */
const PUT_RIGHT_SAID = new RegExp(String.raw`\b${PUT_RIGHT}\b|\b(?:subtract|stabili[sz]|regist|align|denois|de-nois|clean|flatten|even\s+out|smooth|filter|bleach[\s-]*correct|drift[\s-]*correct)\w*`, 'i');
/** A sentence part that asks something of the data or of the person: a question, a condition or a comparison, never a complaint to act on. */
const NO_COMPLAINT = /\?|^\s*(?:if|whether|when|unless|is|are|was|were|does|do|did|has|have|how|what|which|why)\b/i;

/**
 * A fault of the recording told as a complaint before or after a request for steps ("the image is really grainy; count
 * the cells", "the cells keep jumping around between frames, I need them tracked", "the signal fades towards the end,
 * so measure the intensities properly"): the fault some tool declares it `removes` is asked to be put right where it is
 * told ("...; fix the noise; count the cells"), as a person who names a problem beside a request expects. Only a
 * statement (no question, condition or verb of putting right already said for it), with the fault's own word or its
 * form ("grainy" of grain, "fades" of fade; "dim" is no "dimming"), not said to be small or to be left alone, and only
 * beside another part that asks for a step.
 */
export function withToldFaultsAsked(text: string, catalogue: Catalogue): string {
  if (!/\s/.test(text.trim())) return text;
  const parts = text.split(/(?<=[.;!?])\s+|\s*[,;]\s*(?=(?:so\s+|and\s+|then\s+)?(?:i|we|please|can|could|would|now|just)\b)|(?<=\S)\s*[,;]\s*(?=(?:so\s+|and\s+|then\s+)?[a-z]+\s+(?:the|them|it|my|these|those)\b)/i);
  const faults = faultsDeclared(catalogue);
  let out = text;
  for (const part of parts) {
    // (a fault told as the reason for how the data was taken, "they bleach, so I imaged every 10 min", is no complaint)
    if (NO_COMPLAINT.test(part) || FAULT_LEFT_ALONE.test(part) || /\b(?:so\s+(?:i|we)|because|since|which\s+is\s+why)\b/i.test(part) || PUT_RIGHT_SAID.test(part)) continue;
    // (a statement: it opens with a subject or "there", not with a verb asking for a step)
    if (!/^\s*(?:(?:and|but|also|plus|so)\s+)?(?:the|my|our|this|these|those|it|they|there|its|their|a\s+lot|lots)\b/i.test(part)) continue;
    const tokens = tokenize(part);
    // the fault told, and whether it is said as one: a verb or adjective of it ("drifts", "grainy"), not its plain noun
    let fault: (typeof faults)[number] | undefined;
    let asForm = false;
    const fits = (word: string, stemSaid: string, stem: string, declared: string): boolean => {
      const senses = [meaning(stemSaid), ...(/y$/i.test(word) && word.length > 4 ? [word.slice(0, -1), `${word.slice(0, -1)}e`].flatMap((w) => tokenize(w).map((x) => meaning(x.stem))) : [])];
      // (the fault's own word or a form of it, never a shorter word of the same root: "dim" is no "dimming")
      return senses.includes(stem) && word.length >= declared.length - 1;
    };
    for (const f of faults) {
      for (let i = 0; i < tokens.length && !fault; i++) {
        const k = f.meanings.findIndex((m, k2) => m.every((stem, j) => !!tokens[i + j] && fits(tokens[i + j].word, tokens[i + j].stem, stem, f.words[k2]?.split(/\s+/)[j] ?? '')));
        if (k < 0) continue;
        fault = f;
        asForm = f.meanings[k].some((_, j) => tokens[i + j].word.toLowerCase() !== (f.words[k]?.split(/\s+/)[j] ?? '').toLowerCase());
      }
      if (fault) break;
    }
    if (!fault) continue;
    // (a plain noun is a fault only said as a problem: "there's a haze", "a lot of background", "keeps jumping"; "bright
    // nuclei on a dark background" describes the sample)
    if (!asForm && !SAID_AS_A_PROBLEM.test(part)) continue;
    // (a fault another part already asks to put right, by its name or by words pointing back: "...; fix it and track";
    // or asks about, "the signal fades; can you measure by how much?": the fault is what is measured, never taken away first)
    const saysFault = (p: string) => { const t = tokenize(p).map((x) => meaning(x.stem)); return fault.meanings.some((m) => m.every((stem) => t.includes(stem))); };
    if (parts.some((p) => p !== part && PUT_RIGHT_SAID.test(p) && (saysFault(p) || /\b(?:it|that|this|them|both|these|those|everything)\b/i.test(p)))) continue;
    if (parts.some((p) => p !== part && (saysFault(p) || /\b(?:how|whether|what|which|why|if)\b/i.test(p)))) continue;
    // ("the noise": the fault put right where it is told, before the steps said after it)
    const at = out.indexOf(part);
    if (at < 0) continue;
    // ("there's a haze that messes up the segmentation": the step it spoils is asked too, after the fault is put right)
    const spoils = SPOILS.exec(part);
    if (spoils) {
      out = `${out.slice(0, at + spoils.index)}; fix the ${fault.said}, then ${spoils[1]}${out.slice(at + part.length)}`;
      continue;
    }
    const end = at + part.length;
    const stop = /[.;!?]\s*$/.exec(part)?.[0].trim();
    out = stop ? `${out.slice(0, end)} fix the ${fault.said}${stop}${out.slice(end)}` : `${out.slice(0, end)}; fix the ${fault.said}${out.slice(end)}`;
  }
  // (only beside a part that asks for a step, or a step it spoils: a complaint alone is planned as said; a fault told
  // beside a change to the microscope, "the cells bleach fast, lower the laser power", is the reason for that change)
  if (parts.some((p) => asksAStep(p) && ASKS_THE_MICROSCOPE.test(p))) return text;
  return out === text || (parts.every((p) => !asksAStep(p)) && !parts.some((p) => SPOILS.test(p))) ? text : out;
}

/** Words of a request to the microscope ("lower the laser power", "image every 5 min", "turn on autofocus"). */
const ASKS_THE_MICROSCOPE = /\b(?:lasers?|power|exposures?|autofocus|focus|acquisitions?|acquire|imaging|time-?lapse|intervals?|objectives?|illumination|light|lamp|led|snap|dose|stage|z-?stack)\b|%|\b\d+\s*(?:ms|nm)\b/i;

/** A fault said to spoil a step ("... that messes up the segmentation", "which ruins the tracking"): the step's noun. */
const SPOILS = /\s*,?\s*(?:(?:that|which|and\s+(?:it|this|that))\s+)?(?:really\s+|totally\s+|completely\s+|always\s+|keeps?\s+)?(?:mess(?:es|ed)?\s+up|ruins?|spoils?|breaks?|confuses?|throws?\s+off|interferes?\s+with|hurts?|kills?|wrecks?|screws?\s+up)\s+((?:the|my|our)\s+(?:[\p{L}-]+\s+)?(?:segmentation|tracking|measurements?|detection|quantification|counting|counts?|intensities|analysis))\b[^,;.]*$/iu;

/** A part of a request that asks for a step: an imperative, "I need/want ...", "can you ...", "so VERB ...". */
function asksAStep(part: string): boolean {
  return /^\s*(?:(?:so|and|then|now|please|pls|just)\s+)*(?:i|we)\s+(?:need|want|would\s+like|'d\s+like)\b|^\s*(?:(?:so|and|then|now|please|pls|just)\s+)*(?:can|could|would)\s+you\b/i.test(part)
    || /^\s*(?:(?:so|and|then|now|please|pls|just)\s+)*(?!(?:the|my|our|this|these|those|it|they|there|its|their|i|we|you|he|she|a|an|is|are|was|were|do|does|did|has|have|how|what|which|why|when|where|who|if|whether|not|no)\b)[a-z]+\b(?:\s+\S+)+/i.test(part);
}

/** The request in the one form the planner reads (see the top of this file). */
export function normalisedRequest(request: string, catalogue: Catalogue): string {
  // (one normaliser per line below this chain, each applied after it)
  const chained = withoutHaltBeforeCorrection(withTellMeIfAsWhether(withToldFaultsAsked(withFaultsSaidBackNamed(withQuestionsApart(withThanAfterComparatives(withSettingsOffSaidPlainly(withSwitchingOffSaidPlainly(withExclusionsSaidPlainly(withCountsInDigits(withOrdinalsInWords(withEachInSingular(withViewMotionAsDrift(withChannelsApartSaidPlainly(withLightSwingsAsFlicker(withSlipsCorrected(withUnitSymbols(withoutOpinionTag(withoutRecallAgain(withoutInterjection(withoutUnsureOpening(withWantedSaidPlainly(withSplitAsDivision(withWhoAsWhichCell(withoutShouting(withSettingsAsWords(withLoneNAsAnd(withMenuPathsAsCommands(withWishToKnowAsTellMe(withStepsAskedAsPossiblePlain(withChatShorthandSpelledOut(withChangeAskedAsVerb(withChannelChangeAsIntensity(withoutOpeningExclamation(withHowToDoneAsCommand(withFilterSizesNamed(withWishAsPlease(withPoliteAskAsPlease(withoutHurry(withPlainTypography(request)))), catalogue)))))))))))))))))))), catalogue)))))))))))), catalogue), catalogue)));
  // (a statement asked as a question, "the signal is bleaching or not?": the question, declarativeQuestion.ts)
  const asked = withPossibleAsksAsPlease(withWishAskedIfPossibleAsWish(withDeclarativeQuestionInverted(chained)));
  // ("find the divisions and tell me how many": the count is of the divisions, elidedCountNoun.ts)
  return withContrastedObjectsApart(withOrderOpenersClosed(withStepsSaidDoneAsAfter(withOrderPhrasesAsAfter(withElidedCountNounSaid(asked)), catalogue), catalogue), catalogue);
}
