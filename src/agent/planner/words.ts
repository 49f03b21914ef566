// Words as the matcher compares them: lower case, American spelling, a light stem, a
// small domain thesaurus, and spelling tolerance (one or two edits on longer words).
// Nothing here knows about tools; the tools' own words are indexed in matcher.ts.

export interface Token {
  /** The stem the matcher compares ("segmentation" → "segment", "nuclei" → "nucleus"). */
  stem: string;
  /** The word as written, lower case. */
  word: string;
  start: number;
  end: number;
  /** One part of a hyphenated word ("time" of "time-lapse"), besides the whole word. */
  part?: boolean;
}

/** Words that carry no meaning for choosing a tool or an argument. */
const STOP = new Set(
  ('a an the of to and or in on at for with by from into onto as is are be been was were it its this that these those them they ' +
    'their my our your me we you us please can could would will shall do does did done just also then so now ' +
    'some any all each every there here who where than too very really bit lot let make sure ok okay ' +
    'hi hey thanks thank want need like get go have has had one same out about per after before but not no don dont pls plz thx though although tho').split(' '),
);

/** British → American endings, so that "stabilise", "colour", "labelling" and "analyse" index once. */
function american(word: string): string {
  return word
    .replace(/is(e|es|ed|ing|ation|ations|er|ers)$/, 'iz$1')
    .replace(/ys(e|es|ed|ing|er)$/, 'yz$1')
    .replace(/our(s|ed|ing)?$/, 'or$1')
    .replace(/([aeiou][^aeiou])l(ed|ing|er)$/, '$1$2')
    .replace(/tre(s)?$/, 'ter$1')
    .replace(/ogue(s)?$/, 'og$1');
}

/**
 * The shortest stem a suffix may leave: "segment" is not "seg" + "ment"; "-er" goes only
 * from longer words ("tracker", "segmenter", "cluster"), so "darker", "filter", "order"
 * and "number" keep their meaning.
 */
function minimumStem(suffix: string): number {
  return suffix.startsWith('er') ? 5 : suffix.startsWith('ment') ? 4 : 3;
}

const STEMS = new Map<string, string>();

/** A light suffix stemmer: enough to make "tracks", "tracking" and "tracked" one word (each word stemmed once). */
function stemOf(word: string): string {
  let stem = STEMS.get(word);
  if (stem === undefined) {
    stem = stemOnce(word);
    if (STEMS.size > 50_000) STEMS.clear();
    STEMS.set(word, stem);
  }
  return stem;
}

function stemOnce(word: string): string {
  let w = american(word);
  for (const suffix of ['izations', 'ization', 'ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ies', 'ied', 'ers', 'er', 'ed', 'es', 's', 'e', 'y']) {
    if (!w.endsWith(suffix) || w.length - suffix.length < minimumStem(suffix)) continue;
    // "speed", "seed" and "exceed" are no past tense: "-eed" keeps its "ed"
    if ((suffix === 'ed' || suffix === 'e') && /eed?$/.test(w) && !/eeded?$/.test(w)) break;
    // "story", "memory", "history": a noun in -ory is no adjective in -y of a verb ("noisy" of "noise"), so "story" is not "store"
    if (suffix === 'y' && /ory$/.test(w)) break;
    w = w.slice(0, -suffix.length) + (suffix === 'ies' || suffix === 'ied' ? 'y' : '');
    // ("intensities", "velocities": the plural's "y" goes as the singular's does, so both are one word)
    if ((suffix === 'ies' || suffix === 'ied') && !/ory$/.test(w) && w.length - 1 >= minimumStem('y')) w = w.slice(0, -1);
    break;
  }
  // "correlate", "interpolated" as "correlation", "interpolation" (whose "-ation" went above)
  if (/at(?:e|ed|es|ing)$/.test(word) && w.endsWith('at') && w.length - 2 >= 4) w = w.slice(0, -2);
  // "clustering" → "cluster" → "clust", as "cluster" itself; "tracker" → "track"
  if (w.endsWith('er') && w.length - 2 >= minimumStem('er')) w = w.slice(0, -2);
  // "tracked" → "track", "plotting" → "plot": doubled final consonant
  if (/([bdglmnprt])\1$/.test(w) && w.length > 4) w = w.slice(0, -1);
  return w.replace(/e$/, '');
}

/**
 * The domain thesaurus: each group is one meaning. Only words a biologist uses
 * interchangeably; the tools' own word lists carry the rest.
 */
const GROUPS: string[][] = [
  ['nucleus', 'nuclei', 'nuclear', 'cell', 'object', 'blob'],
  ['drift', 'stabilize', 'register', 'registration', 'jitter', 'wobble', 'shift'],
  ['edge', 'border', 'boundary', 'boundaries'],
  ['exclude', 'drop', 'remove', 'discard', 'ignore', 'omit', 'leave', 'without', 'skip', 'throw', 'toss', 'except', 'disregard', 'reject', 'ditch', 'chuck', 'trash', 'eliminate'],
  ['division', 'divide', 'dividing', 'mitosis', 'mitoses', 'mitotic'],
  ['speed', 'velocity', 'fast'],
  ['distance', 'displacement', 'travel', 'traveled', 'travelled'],
  ['length', 'long', 'longer', 'short', 'shorter', 'duration'],
  ['mean', 'average', 'avg', 'typical'],
  ['area', 'size', 'big', 'large', 'small', 'bigger', 'larger', 'smaller', 'tiny', 'huge'],
  ['intensity', 'brightness', 'bright', 'fluorescence', 'signal'],
  // ("an intensity cut-off of 900", "cutoff 1200": the threshold by its other name)
  ['threshold', 'cutoff', 'cut-off'],
  // how much of the field the cells cover ("what is the confluence?"; not "confluent": a slip of "confident" by spelling)
  ['confluence', 'confluency'],
  ['movie', 'video', 'stack', 'timelapse', 'recording'],
  // an adjective is its noun ("temporal resolution" is the resolution in time; "upsample the time" reads it so)
  ['time', 'temporal', 'temporally'],
  // irregular forms the stemmer does not reach ("the paths drawn over the movie")
  ['draw', 'drawn', 'drew'],
  // lab speech for the instrument ("the scope was acting up")
  ['microscope', 'scope'],
  ['plot', 'graph', 'chart', 'figure'],
  // British and American spellings the stemmer leaves apart ("summarise each cell's time series" is its summary)
  ['summary', 'summarise', 'summarize', 'summarised', 'summarized', 'summarising', 'summarizing', 'summaries'],
  ['split', 'separate', 'separated', 'separating'],
  ['touch', 'touching', 'cut', 'clip', 'clipped', 'truncate', 'truncated'],
  ['count', 'number', 'many', 'tally', 'enumerate', 'enumeration'],
  ['write', 'save', 'store'],
  ['mask', 'label', 'segmentation'],
  // a piece of a track is a track ("drop the short tracklets": TrackMate's and btrack's word)
  ['track', 'tracklet'],
  // to teach a network is to train it ("teach a self-supervised denoiser on my data")
  ['train', 'teach', 'taught'],
  // verbs of making say what is made by their object ("generate the in-between frames"), not which tool
  ['make', 'create', 'generate', 'produce'],
];

/** Every word of the thesaurus, as written. */
export function thesaurusWords(): string[] {
  return GROUPS.flat();
}

const CANONICAL = new Map<string, string>();
for (const group of GROUPS) for (const w of group) CANONICAL.set(stemOf(w), stemOf(group[0]));

/** The meaning a stem stands for in the thesaurus (itself when it is in no group). */
export function meaning(stem: string): string {
  return CANONICAL.get(stem) ?? stem;
}

export function normalizeWord(word: string): string {
  return stemOf(word.toLowerCase());
}

/** The words that carry no meaning (for telling a slip of one, "teh", from an unknown word). */
export function stopWords(): Iterable<string> {
  return STOP;
}

export function isStopWord(word: string): boolean {
  return STOP.has(word.toLowerCase().replace(/'.*$/, ''));
}

/** Two-word names of one thing, read as the one word ("time points" → "frames"); same length, so positions hold. */
const COMPOUNDS: [RegExp, string][] = [
  [/\btime[- ]?points?\b/gi, 'frames'],
  [/\btime[- ]?steps?\b/gi, 'frames'],
  // "a box plot", "box-and-whisker plots", "a violin plot": one word each, the figure's name
  [/\bbox(?:[\s-]+and[\s-]+whiskers?)?[\s-]+plots?\b/gi, 'boxplot'],
  [/\bviolin[\s-]+plots?\b/gi, 'violinplot'],
  // "not to take the ones in the border", "don't count those on the edge": leaving things out
  [/\b(?:not|never)\s+(?:to\s+)?(?:take|include|count|consider|keep)\s+(?=(?:the|those|these|any|ones|cells|nuclei|objects)\b)/gi, 'exclude'],
  // "for the figure in the paper, a max projection": what the result is for, no plot asked
  [/(?<=\bfor\s+(?:the|a|an|my|our|this|that|his|her|their)\s+(?:[\w-]+\s+)?)(?:figures?|figs?)\b/gi, ''],
  // "apart from the bleaching": leaving out, never a spacing in time ("frames 5 min apart" of the calibration)
  [/\bapart\s+from\b/gi, 'except'],
  // "get rid of debris smaller than 30 px": to remove
  [/\b(?:get|got|getting|gets)\s+rid\s+of\b/gi, 'remove'],
  // "image analysis", "image processing": analysing images, no imaging
  [/\bimage\s+(?=(?:analysis|analyses|processing|quantification)\b)/gi, ''],
  // "each cell in the film": a film with an article is the movie, no filming
  [/\b(?:the|this|that|my|our|whole|entire)\s+films?\b/gi, 'movie'],
  // "figure out how fast", "find out whether": to learn, no figure drawn, nothing found
  [/\b(?:figure|find|work)\s+out\b/gi, ''],
  // "normalise out the bleaching", "divide out the decay": a verb with "out" takes its object away
  [/\b(?:normali[sz]e|normali[sz]ing|divide|dividing|factor|factoring|regress|regressing|subtract|subtracting|correct|correcting)\s+out\b/gi, 'remove'],
  // a unit of speed ("µm/min", "px per frame") is one word, speed: its "min" is no minimum projection, its "frame" no
  // frame to take (quantities.ts and the units asked read the unit itself from the text)
  [/(?<![\p{L}\d])(?:[µμu]m|microns?|micrometers?|micrometres?|px|pixels?|nm|mm)\s*(?:\/|\bper\b)\s*(?:min|mins|minutes?|s|secs?|seconds?|h|hrs?|hours?|frames?)(?![\p{L}\d])/giu, 'speed'],
  // "Long day. Just segment the nuclei", "short week, so quick: ...": the length words said of a span of the calendar are
  // small talk about the day, no length of tracks or objects asked
  [/\b(?:long|longer|short|shorter)(?=\s+(?:days?|weeks?|nights?|mornings?|afternoons?|evenings?|weekends?|shifts?|months?|years?)\b)/gi, ''],
];

// "cut out the top left corner", "cut out a 100 x 100 box", "cut it down to the centre": a part of the field kept, a crop
// ("cut out the debris" leaves things out; "cells cut by the border" touch it)
COMPOUNDS.push([/\bcut\s+(?:out|down\s+to|away\s+all\s+but)(?=\s+(?:(?:the|a|an|just|only|me)\s+)*(?:top|bottom|left|right|upper|lower|centre|center|central|middle|corner|region|area|part|piece|box|square|rectangle|window|roi|quarter|half|\d))/gi, 'crop']);

function withCompounds(text: string): string {
  let out = text;
  for (const [re, word] of COMPOUNDS) out = out.replace(re, (m) => word + ' '.repeat(Math.max(0, m.length - word.length)));
  return out;
}

/** The words of a text as tokenize gives them: shared by every caller, so no caller may change them. */
export type Tokens = readonly Readonly<Token>[];

const TOKENS = new Map<string, Tokens>();

/** Under the tests each text's tokens are frozen, so a caller that changes shared tokens fails there. */
const FREEZE = typeof process !== 'undefined' && !!process.env.VITEST;

/**
 * The content words of a text with their positions (hyphenated words kept whole and split).
 * A planner turn reads the same clause many times: each text is read once, and every caller
 * gets the same tokens, readonly (a caller that needs to change them copies them).
 */
export function tokenize(text: string): Tokens {
  let tokens = TOKENS.get(text);
  if (!tokens) {
    const read = tokenizeOnce(text);
    if (FREEZE) {
      for (const t of read) Object.freeze(t);
      Object.freeze(read);
    }
    tokens = read;
    if (TOKENS.size > 20_000) TOKENS.clear();
    TOKENS.set(text, tokens);
  }
  return tokens;
}

/** Pieces of a CamelCase word that make a name, not words ("He La", "Ca Ski"): a short first piece, none of one letter ("Io U" of IoU is "IoU"'s words). */
function namesALine(pieces: string[]): boolean {
  return pieces[0].length < 3 && pieces.every((p) => p.length >= 2);
}

function tokenizeOnce(text: string): Token[] {
  const out: Token[] = [];
  for (const m of withCompounds(text).matchAll(/[\p{L}\d][\p{L}\d'’]*(?:-[\p{L}\d]+)*/gu)) {
    // "µm" (micro sign or Greek mu) is "um": people type either, and the tools' words use both
    const word = m[0].toLowerCase().replace(/['’]s?$/, '').replace(/[µμ]/g, 'u');
    const start = m.index ?? 0;
    // (a number, "5e-1" of "6.5e-1" too, is no word: quantities.ts reads it)
    if (isStopWord(word) || /^\d+(?:[.,]\d+)?(?:e[-+]?\d+)?$/.test(word)) continue;
    // "IdentifyPrimaryObjects", "KymographBuilder": a plugin or module name written in CamelCase is its words, like a hyphenated one
    // ("HeLa", "CaSki", "McCoy": a cell line's name is one word; its short pieces are no words of their own)
    const camel = /\p{Ll}\p{Lu}/u.test(m[0]) && !/\d/.test(m[0]) ? m[0].replace(/(\p{Ll})(\p{Lu})/gu, '$1-$2').toLowerCase().split('-') : [];
    // ("LoG", "DoG": a filter "of Gaussian(s)" is one word, no pieces "lo" and "g" between its neighbours; "minA", "maxA"
    // keep theirs, and so does "IoU", whose pieces are those of the arguments named with it, minIoU)
    const acronym = camel.length === 2 && camel[0].length <= 2 && camel[1] === 'g';
    const parts = word.includes('-') ? [word.replace(/-/g, ''), ...word.split('-')] : camel.length > 1 && !namesALine(camel) && !acronym ? [word, ...camel] : [word];
    parts.forEach((part, i) => {
      if (part && !isStopWord(part)) out.push({ stem: stemOf(part), word: part, start, end: start + m[0].length, ...(i > 0 ? { part: true } : {}) });
    });
  }
  return out;
}

/** Optimal string alignment distance (a transposition counts as one edit), stopping above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2][j - 2] + 1);
      rows[i][j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length][b.length];
}

/**
 * A word as it sounds, for slips that spell the sound: "ph" and "f", "ck", "k" and "c" before a
 * hard vowel, "sion"/"tion", "z"/"s", doubled letters once ("kymograf" = "kymograph", "trakmate" = "trackmate").
 */
export function soundsLike(word: string): string {
  return word
    .toLowerCase()
    .replace(/ph/g, 'f')
    .replace(/ck|q/g, 'k')
    .replace(/c(?=[aou]|$)/g, 'k')
    .replace(/[st]ion/g, 'sion')
    .replace(/z/g, 's')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1');
}

/** How many edits a misspelling of this word may have: none for short words, 1 above 4 letters, 2 above 8. */
export function allowedEdits(word: string): number {
  return word.length > 8 ? 2 : word.length > 4 ? 1 : 0;
}

/**
 * The words of a text made of letters only (apostrophes and hyphens within), with where they start: a
 * file name ("cells.tif"), an id ("movie-2"), a path or a number is no word to reword.
 */
export function plainWords(text: string): { 0: string; index: number }[] {
  const out: { 0: string; index: number }[] = [];
  for (const m of text.matchAll(/[^\s()[\]{}"“”<>]+/gu)) {
    const core = /^[\p{L}'’-]*?([\p{L}][\p{L}'’-]*?)[.,;:!?'’]*$/u.exec(m[0]);
    const lead = m[0].length - m[0].trimStart().length;
    if (!core || !/^\p{L}(?:[\p{L}'’-]*\p{L})?$/u.test(core[1]) || m[0].indexOf(core[1]) !== 0) continue;
    out.push({ 0: core[1], index: (m.index ?? 0) + lead });
  }
  return out;
}

/** Neighbouring keys on a QWERTY keyboard, for a slip of the finger. */
export const NEIGHBOURING_KEYS: Record<string, string> = {
  a: 'sqz', b: 'vgn', c: 'xvd', d: 'sfe', e: 'wrd', f: 'dgr', g: 'fht', h: 'gjy', i: 'uok', j: 'hku', k: 'jli', l: 'kop', m: 'nj',
  n: 'bmh', o: 'ipl', p: 'ol', q: 'wa', r: 'etf', s: 'adw', t: 'ryg', u: 'yij', v: 'cbf', w: 'qes', x: 'zcs', y: 'tuh', z: 'xa',
};
