// Rewordings of a request that keep its meaning: the surface forms people write that our eval
// sentences do not (a typo, British or American spelling, all lower or upper case, no
// punctuation, a polite frame, contractions, units and numbers spelt another way, hyphens; the steps written as a list;
// a hurried frame, a request asked as a question or said as a wish, all lower case with no punctuation).
// The planner should read each as the original; perturbedEvals.ts measures how often it does.
// Each family is deterministic for a seed, and returns undefined when it has nothing to change
// in a text (a request with no unit has no unit spelling to vary).
import { mulberry32 } from '../../random.ts';
import { NEIGHBOURING_KEYS, plainWords } from './words.ts';

export const PERTURBATION_FAMILIES = ['typo', 'spelling', 'lowerCase', 'upperCase', 'punctuation', 'polite', 'contractions', 'units', 'numberWords', 'hyphens', 'runOn', 'listed', 'hurried', 'question', 'wish', 'bareLower'] as const;
export type PerturbationFamily = (typeof PERTURBATION_FAMILIES)[number];

/** A seed from a text (a case id and a family), so each case gets its own fixed rewording. */
export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The text with `change` applied outside double quotes only (a name in quotes is the user's own). */
function outsideQuotes(text: string, change: (part: string) => string): string {
  return text.split(/("[^"]*"|“[^”]*”)/).map((part, i) => (i % 2 === 1 ? part : change(part))).join('');
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];

/** Words no typo goes into: the words that carry no meaning, and those only a few letters long. */
const FUNCTION_WORDS = new Set('about above after again against along among around because before being below between could during every other should their there these those through under until where which while would'.split(' '));

/**
 * One typo in one content word of five letters or more, written in lower case (no name, no
 * channel or file): a letter dropped, doubled, swapped with the next, or a neighbouring key.
 * The first letter stays (people rarely slip on it).
 */
function typo(text: string, random: () => number): string | undefined {
  const words = plainWords(text).filter((m) => /^\p{Ll}{5,}$/u.test(m[0]) && !FUNCTION_WORDS.has(m[0]));
  if (words.length === 0) return undefined;
  const m = pick(words, random);
  const w = m[0];
  const at = 1 + Math.floor(random() * (w.length - 2));
  const kind = Math.floor(random() * 4);
  let slipped: string;
  if (kind === 0) slipped = w.slice(0, at) + w.slice(at + 1);
  else if (kind === 1) slipped = w.slice(0, at + 1) + w[at] + w.slice(at + 1);
  else if (kind === 2) slipped = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
  else slipped = w.slice(0, at) + pick([...(NEIGHBOURING_KEYS[w[at]] ?? w[at])], random) + w.slice(at + 1);
  if (slipped === w) return undefined;
  return text.slice(0, m.index) + slipped + text.slice(m.index! + w.length);
}

/** American spellings and their British forms: [American, British, American ending, British ending] (the stem between them). */
const SPELLINGS: [RegExp, RegExp, string, string][] = [
  [/\b(\p{L}{2,})iz(e|es|ed|ing|ation|ations|er|ers)\b/giu, /\b(\p{L}{2,})is(e|es|ed|ing|ation|ations|er|ers)\b/giu, 'iz', 'is'],
  [/\b(anal|paral)yz(e|es|ed|ing|er)\b/giu, /\b(anal|paral)ys(e|es|ed|ing|er)\b/giu, 'yz', 'ys'],
  [/\b(col|behavi|fav|neighb|hum|harb)or(s|ed|ing|ful)?\b/giu, /\b(col|behavi|fav|neighb|hum|harb)our(s|ed|ing|ful)?\b/giu, 'or', 'our'],
  [/\b(label|model|cancel|travel|signal)(ed|ing|er|ers)\b/giu, /\b(label|model|cancel|travel|signal)l(ed|ing|er|ers)\b/giu, '', 'l'],
  [/\b(cent|met|lit|fib|micromet|millimet|nanomet)er(s)?\b/giu, /\b(cent|met|lit|fib|micromet|millimet|nanomet)re(s)?\b/giu, 'er', 're'],
  [/\b(gr)a(y)\b/giu, /\b(gr)e(y)\b/giu, 'a', 'e'],
  [/\b(catalog)()\b/giu, /\b(catalog)ue()\b/giu, '', 'ue'],
];
// (stems whose -ise is no spelling choice: "noise", "precise", "raise", "advise", "exercise", "promise", "expertise", ...)
const NOT_SPELLING = new Set(
  'no prec ra adv exerc surpr otherw likew clockw anticlockw counterclockw prem prom comprom expert rev desp improv superv telev enterpr disgu franch merchand po cru ar dev ma pra appra conc exc bru treat parad torto porpo turquo advert ka repr inc chem mo'.split(' '),
);

/** British spellings as American, or American as British when it has none of the first. */
function spelling(text: string, _random: () => number): string | undefined {
  const swap = (t: string, toBritish: boolean) =>
    SPELLINGS.reduce(
      (out, [us, uk, usEnding, ukEnding]) =>
        out.replace(toBritish ? us : uk, (m: string, stem: string, ending: string | undefined) => {
          if ((usEnding === 'iz' || usEnding === 'yz') && NOT_SPELLING.has(stem.toLowerCase())) return m;
          const to = toBritish ? ukEnding : usEnding;
          return stem + (/^\p{Lu}+$/u.test(m) ? to.toUpperCase() : to) + (ending ?? '');
        }),
      t,
    );
  const british = outsideQuotes(text, (t) => swap(t, true));
  if (british !== text) return british;
  const american = outsideQuotes(text, (t) => swap(t, false));
  return american !== text ? american : undefined;
}

/** The letters of words (not files, ids, paths or numbers) in lower or upper case. */
function recased(text: string, upper: boolean): string | undefined {
  let out = text;
  // (a unit's symbol keeps its form: "µm" in capitals is the Greek "ΜM", no unit anyone writes)
  for (const m of plainWords(text).reverse().filter((w) => !/[µμ]/.test(w[0]))) out = out.slice(0, m.index) + (upper ? m[0].toUpperCase() : m[0].toLowerCase()) + out.slice(m.index + m[0].length);
  return out !== text ? out : undefined;
}

/** Commas, question and exclamation marks, semicolons and the last full stop dropped (decimal points and file names kept). */
function punctuation(text: string, _random: () => number): string | undefined {
  const out = text
    // (a comma between two numbers is part of what they say: "at (500, 300)", "1,2 and 3")
    .replace(/(?<!\d)[,;!?]+(?=\s|$)|(?<=\d)[,;!?]+(?=\s*(?:[^\d\s(]|$))/g, '')
    .replace(/\.+\s*$/, '')
    .replace(/\s+$/, '');
  return out !== text ? out : undefined;
}

/** Words that join two clauses: said between two steps, a run-on writer leaves them out ("segment track them"). */
const CLAUSE_JOINER = /\s+(?:and\s+then|and\s+afterwards|after\s+that|followed\s+by|then)(?=\s+\p{L})/giu;
/** "and" before a word with its object right after ("and track them", "and export the table"): that word is a verb, the "and" joins two steps. */
const AND_BEFORE_VERB = /\s+and(?=\s+\p{Ll}+\s+(?:the|them|it|all|each|every|their|its|my|our|this|these|those|everything)\b)/gu;

/**
 * One run-on clause, as people type in a hurry: every comma, semicolon, colon, question and
 * exclamation mark and full stop between sentences dropped (decimals, times, files and
 * coordinates kept), and the words that join two steps left out ("then", "and then", "after
 * that"; "and" where a verb and its object follow): "correct the drift, then segment the
 * nuclei and track them." → "correct the drift segment the nuclei track them".
 */
function runOn(text: string, _random: () => number): string | undefined {
  const out = outsideQuotes(text, (t) =>
    t
      // (a full stop between sentences: the next sentence's capital goes too, not an acronym's)
      .replace(/(?<=[\p{L})\]])\.+\s+(\p{L}+)/gu, (_m, w: string) => ` ${/^\p{Lu}\p{Ll}+$/u.test(w) ? w[0].toLowerCase() + w.slice(1) : w}`)
      .replace(/(?<!\d)[,;:!?]+(?=\s|$)|(?<=\d)[,;!?]+(?=\s*(?:[^\d\s(]|$))/g, '')
      .replace(/\s+[-–—](?=\s)/g, '')
      .replace(CLAUSE_JOINER, '')
      .replace(AND_BEFORE_VERB, ''),
  )
    .replace(/\.+\s*$/, '')
    .replace(/\s+$/, '');
  return out !== text ? out : undefined;
}

const QUESTION_START = /^\s*(?:what|which|how|why|when|where|who|is|are|does|do|did|can|could|was|were|whats|what's)\b/i;

/** First words of a request that is no bare imperative: a condition, a subject, an answer. */
// (the acronym's test is case-sensitive apart: under the i flag \p{Lu} matches any letter, and every request read as one)
const NOT_A_VERB = { test: (text: string) => /^\s*(?:if|when|whenever|once|only|also|and|but|then|so|the|a|an|my|our|this|that|these|those|it|its|they|we|i|you|there|no|yes|ok|okay|now|for|from|with|without|after|before|in|on|at|by|to|each|every|all|any|both|just|not|don't|do|[\p{L}\d]*\d)\b/iu.test(text) || /^\s*\p{Lu}{2,}\b/u.test(text) };

/** A polite frame around the request: "hi, could you please ...", "... thanks!", "pls", "thx". */
function polite(text: string, random: () => number): string | undefined {
  const question = /\?\s*$/.test(text) || QUESTION_START.test(text);
  const lowered = text.replace(/^\s*(\p{Lu})(?!\p{Lu})/u, (c) => c.toLowerCase());
  // ("can you" and "could you please" only before a verb: "can you if it ..." is no request anyone writes)
  const verbFirst = !NOT_A_VERB.test(text) && /^\s*\p{Ll}/u.test(lowered);
  const prefixes = question ? ['hi, quick question: ', 'hey, ', 'Hello! ', 'sorry to bother you, '] : verbFirst ? ['hi, could you please ', 'please ', 'can you ', 'Hello, I would like you to ', 'pls '] : ['hi, ', 'Hello! ', 'hey - '];
  const suffixes = [' thanks!', ' thx', ' Thank you very much.', ' cheers', ' (thanks in advance)'];
  const way = Math.floor(random() * 3);
  const asked = /^\s*(?:please|pls|plz|could|can|would|hi|hello|hey|dear)\b/i.test(text);
  const prefix = way !== 1 && !asked ? pick(prefixes, random) : '';
  const suffix = way !== 0 || asked ? pick(suffixes, random) : '';
  const body = prefix ? lowered : text;
  return `${prefix}${body.trim()}${suffix}`;
}

const CONTRACTIONS: [RegExp, string][] = [
  [/\bdo not\b/gi, "don't"],
  [/\bdoes not\b/gi, "doesn't"],
  [/\bdid not\b/gi, "didn't"],
  [/\bis not\b/gi, "isn't"],
  [/\bare not\b/gi, "aren't"],
  [/\bcannot\b/gi, "can't"],
  [/\bcan not\b/gi, "can't"],
  [/\bwill not\b/gi, "won't"],
  [/\bshould not\b/gi, "shouldn't"],
  [/\bI would\b/g, "I'd"],
  [/\bI am\b/g, "I'm"],
  [/\bI have\b/g, "I've"],
  [/\blet us\b/gi, "let's"],
  [/\b(what|that|it|there|where|how) is\b/gi, "$1's"],
  [/\bthey are\b/gi, "they're"],
  [/\bwe are\b/gi, "we're"],
];

/** Spelt-out forms contracted ("do not" → "don't"), or contractions spelt out when it has none. */
function contractions(text: string, random: () => number): string | undefined {
  const apostrophe = random() < 0.3 ? '’' : "'";
  const contracted = CONTRACTIONS.reduce((t, [re, to]) => t.replace(re, (m, g1?: string) => (typeof g1 === 'string' ? to.replace('$1', g1) : keepCase(m, to)).replace("'", apostrophe)), text);
  if (contracted !== text) return contracted;
  const spelt = text
    .replace(/\b(do|does|did|is|are|should|could|would)n['’]t\b/gi, '$1 not')
    .replace(/\bcan['’]t\b/gi, 'cannot')
    .replace(/\bwon['’]t\b/gi, 'will not')
    .replace(/\bI['’]d\b/g, 'I would')
    .replace(/\bI['’]m\b/g, 'I am')
    .replace(/\blet['’]s\b/gi, 'let us')
    .replace(/\b(what|that|it|there|where|how)['’]s\b/gi, '$1 is');
  return spelt !== text ? spelt : undefined;
}

function keepCase(original: string, to: string): string {
  return /^\p{Lu}/u.test(original) ? to[0].toUpperCase() + to.slice(1) : to;
}

/** Other ways to write a unit after a number: "5 µm" as "5um", "5 microns", "5 micrometres"; "3 min" as "3 minutes". */
const UNIT_FORMS: [RegExp, string[]][] = [
  [/^(?:µm|μm|um|microns?|micrometers?|micrometres?)$/i, ['um', ' µm', ' microns', ' micrometres', ' micrometers', 'µm']],
  [/^(?:px|pixels?|pix)$/i, ['px', ' pixels', ' pixel', ' pix']],
  [/^(?:min|mins|minutes?)$/i, ['min', ' mins', ' minutes', ' minute']],
  [/^(?:s|sec|secs|seconds?)$/i, ['s', ' sec', ' secs', ' seconds']],
  [/^(?:h|hr|hrs|hours?)$/i, ['h', ' hr', ' hrs', ' hours']],
  [/^(?:ms|msec|milliseconds?)$/i, ['ms', ' msec', ' milliseconds']],
  [/^(?:nm|nanometers?|nanometres?)$/i, ['nm', ' nanometres', ' nanometers']],
];

/** Each number's unit written another way (the same unit: only its spelling and the space before it change). */
function units(text: string, random: () => number): string | undefined {
  const out = text.replace(/(\d(?:[\d.,]*\d)?)(\s?)(µm|μm|um|microns?|micrometers?|micrometres?|px|pixels?|pix|minutes?|mins?|seconds?|secs?|sec|s|hours?|hrs?|hr|h|ms|msec|milliseconds?|nm|nanometers?|nanometres?)(?![\p{L}\d²³/^])/giu, (m, n: string, _space: string, unit: string) => {
    const forms = UNIT_FORMS.find(([re]) => re.test(unit))?.[1];
    if (!forms) return m;
    const others = forms.filter((f) => f.trim().toLowerCase() !== unit.toLowerCase());
    return others.length ? n + pick(others, random) : m;
  });
  return out !== text ? out : undefined;
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

/** A whole number from 2 to 20 standing alone (no range, id, decimal, time or file) as its word: "10 frames" → "ten frames". */
function numberWords(text: string, random: () => number): string | undefined {
  const numbers = [...text.matchAll(/(?<![\p{L}\d_.,:/#\\-])(\d{1,2})(?![\d,:/%\p{L}_\\-]|\.\d)/gu)].filter((m) => Number(m[1]) >= 2 && Number(m[1]) <= 20 && !/^0/.test(m[1]));
  if (numbers.length === 0) return undefined;
  const m = pick(numbers, random);
  return text.slice(0, m.index) + NUMBER_WORDS[Number(m[1])] + text.slice(m.index! + m[1].length);
}

/** Words people write as one, two or hyphenated ("time-lapse", "time lapse", "timelapse"). */
const COMPOUND_WORDS = ['time lapse', 'bright field', 'dark field', 'z stack', 'max projection', 'set up', 'follow up', 'read out', 'nucleus area', 'cell cycle', 'data set', 'frame rate', 'pixel size', 'time point', 'time course', 'close up', 'non dividing', 'sub region', 'back ground', 'out of focus'];

/** Hyphenated words written with a space or joined, and common compounds hyphenated. */
function hyphens(text: string, random: () => number): string | undefined {
  const joined = random() < 0.5;
  // (a name said in quotes, or one with a part of two letters, "li-seg", is the user's own: kept)
  let out = outsideQuotes(text, (t) => t.replace(/(?<![\p{L}\d_./\\-])(\p{L}{3,})-(\p{L}{3,})(?![\p{L}\d_./\\-])/gu, (_m, a: string, b: string) => (joined ? a + b : `${a} ${b}`)));
  if (out !== text) return out;
  for (const compound of COMPOUND_WORDS) {
    const [a, b] = compound.split(' ', 2);
    const rest = compound.slice(a.length + 1 + b.length);
    const re = new RegExp(`\\b(${a})(?:\\s+|)(${b})${rest.replace(/ /g, '\\s+')}\\b`, 'gi');
    out = out.replace(re, (m) => m.replace(/\s+/, '-').replace(new RegExp(`^(${a})(${b})`, 'i'), '$1-$2'));
  }
  return out !== text ? out : undefined;
}

/** Words that join two steps in order, said between them: where a list's next line starts. */
const STEP_JOINER = /\s*(?:[,;]\s*(?:and\s+)?then|,\s*and\s+then|\s+and\s+then|\s+then|[,;]\s*after\s+that,?|\.\s+then,?|\.\s+after\s+that,?|,?\s+followed\s+by)\s+(?=\p{L})/giu;
/** Headings people put over a list of steps (none, too). */
const LIST_HEADINGS = ['Steps:', 'To do:', 'Plan:', 'Workflow:', 'steps', ''];
/** How each line of a list is marked, from its number. */
const LIST_MARKS: ((n: number) => string)[] = [(n) => `${n}. `, () => '- ', (n) => `${n}) `, (n) => `- ${n}. `, () => '* '];

/**
 * The steps of a request written as a list, one a line, under a heading ("Steps:\n1. correct the drift\n2. segment the
 * nuclei"): the joiners of order ("then", "after that") become the lines' order. Only a request of steps in order has one.
 */
function listed(text: string, random: () => number): string | undefined {
  if (/\n/.test(text) || /"[^"]*\bthen\b[^"]*"/i.test(text) || QUESTION_START.test(text)) return undefined;
  const items = text.split(STEP_JOINER).map((t) => t.trim().replace(/[.!]+$/, '')).filter(Boolean);
  if (items.length < 2) return undefined;
  const heading = pick(LIST_HEADINGS, random);
  const mark = pick(LIST_MARKS, random);
  const lines = items.map((item, i) => mark(i + 1) + item[0].toLowerCase() + item.slice(1));
  return [...(heading ? [heading] : []), ...lines].join('\n');
}

/** Verbs a request to these tools opens with: a frame is put only around a request that opens with one (never "here is ...", "mean intensity ...", "whoa ..."). */
const IMPERATIVES = new Set(
  'segment track measure export save plot draw show make correct denoise subtract remove stop pause end image acquire take record start run use apply count compute calculate find detect label filter drop keep exclude crop rotate project blur smooth sharpen normalise normalize stabilise stabilize register align fix go set change switch turn reduce increase lower raise halve double add put bring give tell list open load write compare check get identify classify outline follow link predict estimate threshold split merge combine restore deconvolve bin resample upsample downsample invert flip overlay colour color quantify analyse analyze extract skip ignore only do redo rerun repeat undo revert return use generate create build produce summarise summarize report mark highlight annotate focus refocus autofocus move snap capture acquire switch swap replace skip'.split(' '),
);

/** A bare imperative (not a question, a condition or a statement): the request a frame can be put around. */
function verbFirst(text: string): boolean {
  const first = /^\s*(\p{L}+)/u.exec(text)?.[1].toLowerCase();
  return first !== undefined && IMPERATIVES.has(first) && !/\?\s*$/.test(text) && !NOT_A_VERB.test(text);
}

/** The first letter in lower case (not an acronym's) and the last full stop or exclamation mark dropped. */
function body(text: string): string {
  return text.trim().replace(/^(\p{Lu})(?!\p{Lu})/u, (c) => c.toLowerCase()).replace(/(?<![.\d])[.!]+$/, '');
}

/**
 * A request typed in a hurry: "pls ... asap", "quick: ...", "... pls", no final stop. A question keeps
 * its question ("quick q: how many ...?"); a statement gets only a hurried word after it.
 */
function hurried(text: string, random: () => number): string | undefined {
  const question = /\?\s*$/.test(text) || QUESTION_START.test(text);
  if (question) return `${pick(['quick q: ', 'quick question - ', 'urgent: '], random)}${body(text)}`;
  if (!verbFirst(text)) return `${body(text)}${pick([' asap', ' asap pls', ', quick pls'], random)}`;
  const way = Math.floor(random() * 3);
  const prefix = way !== 1 ? pick(['pls ', 'quick: ', 'asap: ', 'plz ', 'need to '], random) : '';
  const suffix = way !== 0 ? pick([' asap', ' pls', ' asap thx', ' - urgent', ' quickly pls'], random) : '';
  return `${prefix}${body(text)}${suffix}`;
}

/** A bare imperative asked as a question: "can you ...?", "would it be possible to ...?", "could you please ...?". */
function question(text: string, random: () => number): string | undefined {
  if (!verbFirst(text)) return undefined;
  return `${pick(['can you ', 'could you ', 'would it be possible to ', 'Is it possible to ', 'Could you please ', 'would you mind to '], random)}${body(text)}?`;
}

/** A bare imperative said as what the user wants: "I'd like to ...", "I need you to ...", "I want to ...". */
function wish(text: string, random: () => number): string | undefined {
  if (!verbFirst(text)) return undefined;
  return `${pick(["I'd like to ", 'I need to ', 'I want you to ', 'I would like you to ', 'I need you to ', 'we want to ', 'I’d like to '], random)}${body(text)}${pick(['.', '', '.', ' please.'], random)}`;
}

const FAMILIES: Record<PerturbationFamily, (text: string, random: () => number) => string | undefined> = {
  typo,
  spelling,
  lowerCase: (t) => recased(t, false),
  upperCase: (t) => recased(t, true),
  punctuation,
  polite,
  contractions,
  units,
  numberWords,
  hyphens,
  runOn,
  listed,
  hurried,
  question,
  wish,
  bareLower: (t, random) => {
    const lower = recased(t, false) ?? t;
    return punctuation(lower, random) ?? (lower !== t ? lower : undefined);
  },
};

/** The text reworded by one family (undefined when the family has nothing to change in it). */
export function perturb(text: string, family: PerturbationFamily, seed: number): string | undefined {
  const out = FAMILIES[family](text, mulberry32(seed));
  return out === undefined || out === text ? undefined : out;
}
