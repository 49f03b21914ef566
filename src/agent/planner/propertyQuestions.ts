// Questions about a quantity, routed by what the tools declare they report. "is this a
// z-stack?" and "is the movie calibrated?" name words of `project` and `set_calibration`,
// but only a tool that reads a movie and makes nothing new (movie_info) reports z slices
// or a pixel size: a yes/no or "how many / what is" question goes to such a reporter
// when its declared results name the quantity better than the named tools' own results.
import { type Catalogue, makerOf, selfOf } from './catalogue.ts';
import { isNotQuantityWord, plainQuestion } from './tableAnswers.ts';
import { indexFor } from './toolIndex.ts';
import { GENERIC_SPREAD } from './matcher.ts';
import { allowedEdits, editDistance, meaning, tokenize } from './words.ts';

/** A length with its unit ("10 px", "~8 µm", "6 pixel"): a value the person states. */
const STATED_LENGTH = /\d\s*(?:px|pix|pixels?|µm|μm|um|microns?|micromet\w*|nm)(?![\p{L}])/iu;
/** A time with its unit ("2 min", "every 30 s"): a value the person states. */
const STATED_TIME = /\d\s*(?:s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)\b/i;
/** Words of a calibration told: a pixel size or a time between frames. */
const CALIBRATION_TOLD = /\bpixel\s+size|\bpixels?\s+(?:is|are|of)\b|(?:µm|μm|\bum|microns?|\bnm)\s*(?:\/|per|a)?\s*(?:px|pixels?)\b|\b(?:interval|apart|every|frame rate|fps|per frame|calibrat\w*)\b/i;
const QUESTION_WORD = /\b(?:how|what|which|who|whose|when|where|why|whats|wats|is|are|do|does|did|can|could)\b|\?/i;

/**
 * The text without the parts that only tell a value ("the nuclei are around 10 px in diameter,
 * how many are in frame 2?" → "how many are in frame 2?"): a piece between commas, semicolons
 * or sentence ends with a length and its unit and no question of its own says what is given,
 * not what is asked ("diameter" there is no result to report). The whole text when nothing else is left.
 */
export function withoutStatedValues(text: string): string {
  const pieces = text.split(/(?<=[,;.!?])\s+|\s+[-–—]\s+/);
  // (or only how big they are, "the nuclei are quite big", beside a length told)
  const statement = (p: string) => !QUESTION_WORD.test(plainQuestion(p).replace(/^(?:the\s+)?\w+\s+(?:is|are)\b/i, ''));
  const lengthTold = pieces.some((p) => STATED_LENGTH.test(p) && statement(p));
  const told = (p: string) => statement(p) && (STATED_LENGTH.test(p) || STATED_TIME.test(p) || (lengthTold && SIZE_WORD.test(p) && p.replace(SIZE_STATEMENT_WORDS, ' ').trim() === ''));
  if (!pieces.some(told) || pieces.every(told)) return text;
  // (what a size is about stays: "the nuclei" of "the nuclei are 10 px across" are what the question counts;
  // a calibration told, "the pixels are 0.65 µm", "frames 2 min apart", goes whole: it asks for no pixel size)
  return pieces.map((p) => (!told(p) ? p : CALIBRATION_TOLD.test(p) || (STATED_TIME.test(p) && !STATED_LENGTH.test(p)) ? ' ' : p.replace(SIZE_TOLD, ' '))).join(' ').replace(/\s+/g, ' ').trim();
}
/** The words a statement of the objects' size is made of, besides its length: what they are, how big, roughly. */
const SIZE_STATEMENT_WORDS = /\b(?:the|my|our|their|these|those|this|each|every|one|single|a|an|all|most|nucle(?:us|i|ii|ar)|cells?|objects?|blobs?|spots?|they|them|it|its|they['’]re|it['’]s|are|is|be|re|s|of|in|with|have|has|quite|fairly|pretty|very|rather|typically|usually|normally|roughly|about|around|approx(?:imately)?|ca|circa|some|more or less|or so|so|big|large|small|sized?|diameter|diam|radius|radii|across|wide|width|long)\b|[~≈,.;:!'’]/giu;

/**
 * A clause that only tells how big the objects are ("the nuclei are about 10 px in diameter",
 * "~12 px wide nuclei", "about 24 pixels across", "radius of one nucleus is more or less 6
 * pixel"): a setting of the step that finds them, never a step of its own.
 */
const SIZE_WORD = /\b(?:diameter|diam|radius|radii|across|wide|width|big|large|size|sized)\b/i;
export function statesObjectSize(text: string): boolean {
  if (!STATED_LENGTH.test(text) || !SIZE_WORD.test(text)) return false;
  return text.replace(SIZE_TOLD, ' ').replace(SIZE_STATEMENT_WORDS, ' ').trim() === '';
}

/**
 * A clause that only tells how far the objects move between frames ("hardly any cell moves more than 12 px per frame",
 * "nothing jumps further than 8 pixels between frames", "the nuclei move at most 5 µm a frame", "I doubt anything moves
 * more than 10 px"): a setting of the step that links them, never a step (no speeds to measure). A question or a
 * request ("measure how far the cells move per frame") is none.
 */
export function statesObjectMotion(text: string): boolean {
  const t = text.trim();
  if (/\?\s*$/.test(t) || !MOTION_TOLD.test(t)) return false;
  return MOTION_SUBJECT.test(t);
}
/** A move of a length per frame: "moves more than 12 px per frame", "move at most 5 µm between frames", "travel under 8 pixels". */
const MOTION_TOLD = /\b(?:moves?|moving|moved|migrates?|travel(?:s|l?ed)?|jumps?|shifts?|go(?:es)?|displaces?)\s+(?:(?:more|further|farther|less|fewer|by)\s+(?:than\s+)?|(?:at\s+most|at\s+least|up\s+to|over|under|beyond|above|below|about|around|roughly|~)\s*)?(?:a\s+(?:max(?:imum)?|maximum)\s+of\s+)?\d+(?:[.,]\d+)?\s*(?:px|pix|pixels?|µm|μm|um|microns?)(?![\p{L}])/iu;
/** The things that move as the clause's subject, or a person's doubt about them ("I doubt", "I don't think"), with nothing asked before. */
const MOTION_SUBJECT = /^(?:(?:and|but|so|also|ok(?:ay)?|well|hmm+)[,\s]+)*(?:(?:i|we)\s+(?:doubt|don['’]?t\s+think|do\s+not\s+think|reckon|think|guess|expect|suspect|believe)\s+(?:that\s+)?)?(?:(?:hardly|almost|nearly|barely|scarcely)\s+)?(?:any(?:thing|one)?|nothing|none(?:\s+of\s+them)?|no|every(?:thing)?|each|all|most|few|some|they|it|(?:the|my|our|these|those)\b)(?:\s+(?:of\s+the\s+)?(?:[\w-]+\s+)?(?:cells?|nuclei|nucleus|objects?|blobs?|spots?|particles?|ones?))?\s+(?:(?:really|ever|typically|usually|normally|probably|should|will|would|can|could|might|does|do|doesn['’]?t|don['’]?t|never|rarely|seldom|only)\s+)*(?:moves?|moving|moved|migrates?|travel(?:s|l?ed)?|jumps?|shifts?|go(?:es)?|displaces?)\b|^(?:(?:and|but|so|also)[,\s]+)*(?:[\w-]+\s+){0,2}?(?:cells|nuclei|objects|blobs|spots|particles)\s+(?:(?:really|typically|usually|normally|probably|rarely|seldom|only|never)\s+)*(?:move|migrate|travel|jump|shift)\b/iu;

/** A length told with its unit and the words of size around it ("~10 px in diameter", "radius ... 6 pixel", "24 pixels across"). */
const SIZE_TOLD = /[~≈]?\s*\d+(?:[.,]\d+)?\s*(?:px|pix|pixels?|µm|μm|um|microns?|micromet\w*|nm)(?![\p{L}])|\b(?:in\s+)?(?:diameter|diam|radius|radii|across|wide|width|size|big|large|long)\b/giu;

/** The question's content words as meanings, misspellings mapped onto the tools' vocabulary (values it only states left out). */
export function askedMeanings(text: string, catalogue: Catalogue): Set<string> {
  const tokens = tokenize(withoutStatedValues(text));
  return new Set([...tokens.map((t) => meaning(t.stem)), ...indexFor(catalogue).meanings(tokens)]);
}

/** A count asked ("how many", "number of", "count"). */
const COUNT_ASKED = /\b(?:how\s+many|number\s+of|count)\b/i;
/** Parts of a recording that a count per frame may count: slices, sections, planes, channels, positions, tiles. */
const RECORDING_PARTS_COUNTED = /\b(?:how\s+many|number\s+of)\s+(?:[\w-]+\s+)?(?:z[\s-]?)?(?:slices?|sections?|planes?|channels?|positions?|tiles?|z[\s-]?steps?)\b/i;
/** The frames a count is counted in: "per frame", "in each time point", "at every timepoint". */
const FRAMES_COUNTED_IN = /\b(?:(?:in|for|at|on)\s+)?(?:per|each|every)\s+(?:single\s+)?(?:frames?|time[\s-]?points?|timepoints?|images?|time\s*steps?)\b/i;

/** A count asked in each frame ("how many per frame?", "how many are there at every time point?"): about the frames' content. */
export function countsInEachFrame(text: string): boolean {
  // ("how many optical sections per timepoint?": parts of the recording counted per frame are the file's)
  return COUNT_ASKED.test(text) && !RECORDING_PARTS_COUNTED.test(text) && FRAMES_COUNTED_IN.test(text);
}

/** Meanings of a declared result: its name split into words ("zSlices" → z, slice) and what it is. */
function resultMeanings(key: string, about: string): Set<string> {
  return new Set(tokenize(`${key.replace(/([a-z])([A-Z])/g, '$1 $2')} ${about}`).map((t) => meaning(t.stem)));
}

/**
 * Words about how far something under way has got ("how long until it's done?", "how many
 * frames so far?", "how much longer?"): the acquisition's progress, never the file's.
 */
const PROGRESS = /\b(?:until|till|til|left|remaining|longer|finish\w*|so far|yet|elapsed|to go|been (?:going|running|imaging|recording))\b|\bhow much more\b|\bdone\b/i;

/** A question about the progress of something under way, not about a recording's properties. */
export function asksProgress(text: string): boolean {
  return PROGRESS.test(plainQuestion(text));
}

/** A question must share at least one telling word with a result to be about it. */
const MIN_HITS = 1;

/** One word under two stems ("calibrated" → calibrat, "calibration" → calibr): one stem begins the other. */
function sameWord(a: string, b: string): boolean {
  return a === b || (Math.min(a.length, b.length) >= 5 && (a.startsWith(b) || b.startsWith(a)));
}

/**
 * How well the best of the tool's declared results names the asked words (0 when it declares
 * none): a telling word counts 1, a word most tools use a quarter ("pixel size" is no answer
 * to "does the area Granger-cause the intensity?").
 */
export function resultHits(tool: string, asked: Set<string>, catalogue: Catalogue): number {
  const index = indexFor(catalogue);
  let best = 0;
  for (const [key, value] of Object.entries(selfOf(tool, catalogue)?.results ?? {})) {
    const hits = [...resultMeanings(key, value.about)].filter((w) => [...asked].some((a) => sameWord(a, w))).reduce((sum, w) => sum + (index.spread(w) < GENERIC_SPREAD ? 1 : 0.25), 0);
    best = Math.max(best, hits);
  }
  return best;
}

/** A tool that only reports: it reads an input and makes no new movie, labels, tracks or table. */
export function onlyReports(tool: string, catalogue: Catalogue): boolean {
  const self = selfOf(tool, catalogue);
  return !!self && (self.consumes ?? []).length > 0 && (self.produces ?? []).length === 0 && self.domain !== 'microscope';
}

/**
 * The reporting tool whose declared results answer the question better than every named
 * tool's results, or undefined (a named tool reports it as well: "how far did it drift?"
 * stays with correct_drift).
 */
export function reporterFor(text: string, named: string[], catalogue: Catalogue): string | undefined {
  // "how much longer?", "how long until it's done?": progress of something under way, not a property a reporter reads
  if (named.some((tool) => onlyReports(tool, catalogue)) || asksProgress(text)) return undefined;
  // (what cells do, "how many cells divide during the movie?", is the analysis's: the caller asks recordingQuestions.aboutTheAnalysis, the one reader of that)
  const asked = askedMeanings(text, catalogue);
  const namedBest = Math.max(0, ...named.map((tool) => resultHits(tool, asked, catalogue)));
  let best: { tool: string; hits: number } | undefined;
  for (const tool of catalogue.keys()) {
    if (!onlyReports(tool, catalogue)) continue;
    const hits = resultHits(tool, asked, catalogue);
    if (hits >= MIN_HITS && hits >= namedBest && (!best || hits > best.hits)) best = { tool, hits };
  }
  return best?.tool;
}

/**
 * The words a question asks the value of: "what's the (mean) X of ...". ("how X are they?"
 * is left out: "how straight", "how fast" name measured quantities by other words; so is
 * "tell me roughly how fast ...": a hedge before the question word says how exact, not what.)
 */
const ASKED_PHRASE = /^(?:(?:so|and|ok(?:ay)?|now|hey|hi)[,\s]+)*(?:what(?:'s|’s| is| are| was| were)|whats|give me|tell me|show me|can you tell me|could you tell me)\s+(?:an?\s+(?:(?:rough|quick|ballpark|general|approximate|first)\s+)?(?:idea|estimate|sense|feel|guess|figure|impression)\s+(?:of|for|on|about)\s+)?(?:the\s+|their\s+|its\s+)?(?:(?:mean|average|avg|median|typical|total|overall|max(?:imum)?|min(?:imum)?)\s+)?(?!(?:(?:roughly|approximately|approx\.?|about|around|more or less|exactly|precisely|briefly|quickly|just|please|kindly|honestly|basically|ca\.?|circa)\s+)*(?:which|what|who|how|where|when|whether|if)\b)(.+?)(?=\s+(?:of|for|in|per|across|over|at|on|from|to|since|after|before|between|by|with|during|until)\b|\s*[?,.;!]|$)/i;

/**
 * A quantity the question asks for that no tool knows, named as asked ("solidity", "feret
 * diameter"), or undefined. Only the asked phrase counts (a cell line's name elsewhere is
 * no quantity), and only words that no tool uses, misspells or abbreviates, nor the question
 * reader takes for a statistic, extreme, scope or unit ("biggest"); channel names
 * in the phrase ("GFP intensity") are the caller's to mask.
 */
export function unmeasuredQuantity(question: string, catalogue: Catalogue): string | undefined {
  const index = indexFor(catalogue);
  const known = new Set(tokenize(Object.values(catalogue.get(makerOf('table', catalogue) ?? '')?.properties ?? {}).map((p) => p.description ?? '').join(' ')).map((t) => meaning(t.stem)));
  for (const sentence of question.split(/(?<=[?.!])\s+/)) {
    const phrase = ASKED_PHRASE.exec(sentence.trim())?.[1];
    if (!phrase) continue;
    const unknown = tokenize(phrase).filter((t) => t.word.length >= 4 && !isNotQuantityWord(t.word) && !t.part && !/\d/.test(t.word) && !known.has(meaning(t.stem)) && !index.recognizes(t) && !index.abbreviates(t.word) && !slipOfWritten(t.word, catalogue) && !slipOfWritten(t.stem, catalogue));
    if (unknown.length) return phrase.trim();
  }
  return undefined;
}

const writtenWords = new WeakMap<Catalogue, string[]>();

/** Every word the tools write about themselves (descriptions, words, examples, arguments), as written and as stems. */
function toolsWrittenWords(catalogue: Catalogue): string[] {
  let words = writtenWords.get(catalogue);
  if (words) return words;
  const texts: string[] = [];
  for (const [name, info] of catalogue) {
    const self = selfOf(name, catalogue) ?? {};
    texts.push(info.description ?? '', self.summary ?? '', ...(self.words ?? []), ...(self.examples ?? []), ...Object.values(info.properties).map((p) => p.description ?? ''));
  }
  words = [...new Set(tokenize(texts.join(' ')).flatMap((t) => [t.word, t.stem]))];
  writtenWords.set(catalogue, words);
  return words;
}

/** A misspelling of a word (or stem) the tools write ("eccentricty", "roundnes"): same first letter, a slip's few edits. */
function slipOfWritten(word: string, catalogue: Catalogue): boolean {
  const edits = allowedEdits(word);
  return toolsWrittenWords(catalogue).some((w) => w[0] === word[0] && Math.abs(w.length - word.length) <= edits && editDistance(word, w, edits) <= edits);
}

/** One line: the quantity is not measured, and what the table maker measures instead. */
export function notMeasuredReply(quantity: string, catalogue: Catalogue): string {
  const maker = makerOf('table', catalogue);
  const properties = Object.values(catalogue.get(maker ?? '')?.properties ?? {});
  // the argument that chooses what is measured lists the columns of each kind
  const columns = properties.filter((p) => (p.enum ?? []).length > 0).map((p) => p.description ?? '').sort((a, b) => b.length - a.length)[0];
  return `"${quantity}" is not something I measure, so I ran nothing.${maker && columns ? ` \`${maker}\` measures ${columns}.` : ''}`;
}

/**
 * A tool that changes or makes images and measures nothing of its own: it reads a movie and
 * writes only a movie (or a model) — denoise, correct_bleach, predict_label, super_resolve,
 * interpolate_frames. A tool that also writes a table (correct_drift's drift table) measures.
 */
export function makesImages(tool: string, catalogue: Catalogue): boolean {
  const self = selfOf(tool, catalogue);
  if (!self || self.readsOnly || self.domain === 'microscope') return false;
  const made = (self.produces ?? []).filter((t) => !(self.truth ?? []).includes(t));
  return (self.consumes ?? []).includes('movie') && made.includes('movie') && made.every((t) => t === 'movie' || t === 'model');
}

/** "can you denoise it?", "could you correct the bleaching?", "please ...": a request worded as a question, asking for the step's output ("could you tell me whether ..." asks a value). */
const ASKS_FOR_THE_STEP = /^(?:(?:so|ok(?:ay)?|now|and)[,\s]+)?(?:(?:can|could|would|will)\s+(?:you|we|i)\b(?!(?:\s+(?:please|kindly|possibly|maybe|perhaps|be\s+able\s+to))*\s+(?:tell|say|let\s+(?:me|us)\s+know|find\s+out|work\s+out)\b)|please\b|pls\b|let'?s\b|i(?:'d| would)\s+like\b|i\s+(?:want|need)\b|(?:do|run|apply|make|give|show|produce|generate|create)\b)/i;

/** A question about the data: it asks for a value or a verdict, not for a step's output. */
export function asksAValue(text: string): boolean {
  // "..., can you correct for that?", "My images are noisy. Can you clean them up?": any sentence or clause that asks for a step
  const parts = (t: string) => t.split(/[.;:!?,]\s+|\s+(?:and|so|but)\s+/i).map((p) => p.trim());
  // ("would you be able to tell me whether ...", "is it possible to say if ...": asking to be told is asking a value)
  if (/\b(?:possible|able)\s+to\b(?!\s+(?:tell|say|let\s+(?:me|us)\s+know|find\s+out|work\s+out)\b)/i.test(text)) return false;
  return ![...parts(text), ...parts(plainQuestion(text))].some((p) => ASKS_FOR_THE_STEP.test(p));
}

/**
 * The questions the data can answer for a tool that changes images: each of its declared
 * results, worded as the question asks (yes/no or how much), by what the result is ("is
 * intensity lost from the first to the last frame?" for correct_bleach's intensityLossPercent).
 * Only results with a unit of their own (a percentage, a length): counts of planes say nothing, nor do the step's settings.
 */
export function measuredInstead(tool: string, text: string, catalogue: Catalogue): string[] {
  const results = Object.values(selfOf(tool, catalogue)?.results ?? {});
  const yesNo = /^(?:is|are|was|were|does|do|did|has|have|any)\b/i.test(plainQuestion(text).trim()) || /\b(?:tell|say|know|out)\s+(?:me\s+|us\s+)?(?:whether|if)\b/i.test(text) || !/\s/.test(plainQuestion(text).trim().replace(/\?$/, ''));
  return results
    // (a setting of the step, crop's x or width, is what it was told, nothing it finds in the data: "which region has the most cells?" is no crop's left edge)
    .filter((r) => r.unit && !r.setting && r.unit !== 'frames' && r.unit !== 'x' && !/\b(?:after|new|predicted|added)\b/i.test(r.about))
    .map((r) => (yesNo ? `is ${r.about}?` : `how much ${r.about}?`));
}

/** One line when no measurement answers a question about what an image-changing step would make: said, nothing run. */
export function changesImagesReply(tool: string, text: string, catalogue: Catalogue): string {
  const maker = makerOf('table', catalogue);
  const properties = Object.values(catalogue.get(maker ?? '')?.properties ?? {});
  const columns = properties.filter((p) => (p.enum ?? []).length > 0).map((p) => p.description ?? '').sort((a, b) => b.length - a.length)[0];
  const asked = plainQuestion(text).trim().replace(/\?+$/, '');
  return `Nothing I run measures that without changing the images ("${asked}"), so I ran nothing: \`${tool}\` would make a new movie, not a measurement; ask for it by name to run it.${maker && columns ? ` \`${maker}\` measures ${columns}.` : ''}`;
}
