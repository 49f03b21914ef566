// The clause grammar: a request split into the clauses that each ask for one step,
// with their order ("then", "after that", "but first", "before X, Y", "Y after X"),
// negation and exclusion ("but don't", "without", "skip", "except", "no need to").
import { FRACTION_SCOPE, TIME_SPAN_SCOPE, withoutExcludedScope } from './extract.ts';
import { LAST_ADJECTIVE } from './quantities.ts';
import { OBJECT_OPENER, type ToolIndex } from './matcher.ts';
import { meaning, tokenize } from './words.ts';
import { readOnce, readOnceCopied } from './textMemo.ts';
import { leftToTheUser, saidOfAStepLeftToTheUser } from './leftToTheUser.ts';
import { looksAtItLater } from './ownLaterLook.ts';

export interface Clause {
  text: string;
  start: number;
  end: number;
  /** "but do not track them", "without denoising", "skip the drift correction". */
  negated: boolean;
  /** The word that joined it to the clause before ("and", "then", ",", "with"...), lower case. */
  joiner: string;
  /** 0-based sentence number. */
  sentence: number;
  /** It ends at a colon with more words after it ("the usual pipeline: drift, segment, track"). */
  heading?: boolean;
}

/**
 * A negation said after the thing turned down, as people write it in a hurry or in another language's word order
 * ("but the tracking no", "drift correction not needed", "tracking: not necessary"): a short noun phrase, then the "no".
 * ("... whether they move or not" asks a question, and is no negation.)
 */
const NEGATION_AFTER = /^(?:,?\s*)(?:but\s+|and\s+|so\s+)?(?:the\s+|any\s+|a\s+)?(?![\p{L}-]*\s*(?:or|whether|if)\b)[\p{L}-]+(?:\s+(?!or\b|whether\b|if\b)[\p{L}-]+){0,2}\s*:?\s+(?:no|nope|not|(?:is\s+|are\s+)?not\s+(?:needed|necessary|required|wanted|now|yet)|isn't\s+(?:needed|necessary|required)|aren't\s+(?:needed|necessary|required)|unnecessary|not\s+this\s+time)(?:\s+(?:please|thanks?|thank\s+you|pls))?\s*[.!]*$/iu;
/** "measure nothing", "plot nothing at all": a verb whose object is "nothing" turns its step down. */
const NOTHING_AS_OBJECT = /^(?:,?\s*)(?:but\s+|and\s+|so\s+|then\s+)?(?:please\s+)?[\p{L}-]+\s+nothing(?:\s+(?:else|at\s+all|yet|for\s+now|this\s+time))?(?:\s+(?:please|pls|thanks?))?\s*[.!]*$/iu;
/** The clause turns its step down: a negation before it, or one said after a short noun phrase or as the verb's object. */
function isNegated(text: string): boolean {
  return ((NEGATION.test(text) || NEGATION_AFTER.test(text) || NOTHING_AS_OBJECT.test(text)) && !leavesOutAScopeOfAStep(text)) || leftToTheUser(text);
}

/**
 * "leave out frame 12 when you segment", "skip the first 3 frames while tracking": a clause opening with channels or frames left
 * out, then the step they are left out of after a word of when or what for; the step is asked, only its scope is left out.
 */
function leavesOutAScopeOfAStep(text: string): boolean {
  const rest = withoutExcludedScope(text);
  if (rest === text || !/^(?:[\s,]*(?:but|and|then|so|please|also)\b)*[\s,]*_/i.test(rest)) return false;
  return /\b(?:when|while|during|for|before|after)\s+(?:(?:you|we|u|the)\s+)?[a-z]{3,}/i.test(rest.replace(/_+/g, ' '));
}

/** A bound said with "no" or "not" ("no smaller than 30 px", "not more than 10 px", "not over 5"): a limit, never a step turned down. */
const BOUND = String.raw`\s+(?:(?:smaller|bigger|larger|greater|more|less|fewer|longer|shorter|further|farther|wider|higher|lower|brighter|dimmer|faster|slower)\s+than|(?:over|above|below|under|beyond|exceeding)\s+\d)`;
const NEGATION = new RegExp(String.raw`^(?:,?\s*)(?:but\s+|and\s+|then\s+|so\s+)?(?:please\s+)?(?:(?:w\/o|do\s+not|don't|dont|never|(?:i'?d|i\s+would|we'?d|we\s+would)\s+(?:rather|prefer(?:\s+(?:it\s+)?if)?)\s+(?:you\s+|we\s+|it\s+)?(?:didn't|did\s+not|don't|do\s+not|not|never|wouldn't)|(?:you\s+)?(?:needn't|need\s+not|shouldn't|should\s+not|mustn't|must\s+not)|no\s+need\s+(?:to|for)|(?:there(?:'s|\s+is)\s+)?no\s+need\s+(?:to|for)|there(?:'s|\s+is|\s+are|\s+was|\s+were)\s+(?:(?:hardly|barely|scarcely)\s+any|almost\s+no|no|not\s+(?:much|any))(?!${BOUND})|(?:i|we)\s+(?:do\s+not|don't|dont|won't)\s+(?:want|need|care\s+about)|not(?!${BOUND})|without|skip(?:ping)?|except(?:\s+for)?|(?:apart|aside)\s+from|leave\s+(?:out|off)|omit(?:ting)?|no(?!${BOUND})|minus|(?<!\bso\s+)(?:disabl(?:e|ing)|deactivat(?:e|ing)|(?:turn|switch)(?:ing)?\s+off)|(?<!\bso\s+)(?:turn|switch)(?:ing)?\s+(?:the\s+|any\s+)?(?!(?:it|them|this|that|everything|the)\b)[\w-]+(?:\s+[\w-]+)?\s+off(?=\s*(?:$|[,.;!?]|(?:please|pls|for|when|while|as)\b))|forget(?:\s+about)?|hold\s+off\s+on|leave\s+(?=(?:[\w-]+\s+){1,4}(?:alone|as\s+(?:it\s+is|they\s+are|is|they\s+were|it\s+was))\b)|keep\s+(?=(?:[\w-]+\s+){1,4}as\s+(?:it\s+is|they\s+are|is)\b))\b)`, 'i');
/** Words that open a clause to say where it comes in the order ("start by registering", "begin with", "end with a max projection"). */
const ORDER_OPENER = /^((?:(?:and|then|but|so)\s+)?(?:(?:start|begin|kick)(?:\s+off)?|(?:end|finish|wrap)(?:\s+(?:off|up))?)\s+(?:by|with))\b/i;

/**
 * Words anywhere in a clause that say when in the order a step comes, or at which end of the movie, never a
 * command to start or end an acquisition ("at the end you track", "I only need the tracks as a CSV at the end",
 * "to finish, plot the speed"); "at the end of this time point" names when, and is kept.
 */
const ORDER_PHRASE = /\b(?:(?:at|in)\s+the\s+(?:very\s+)?(?:end|start|beginning)\b(?!\s+of\b)|(?<=^\W*(?:(?:and|then|but|so)\s+)?)to\s+(?:start|begin|finish|end)(?:\s+(?:off|up|with))?(?=\s*(?:,|$)))/gi;

/** The clause with its opening words of order blanked, same length ("start by registering the frames": no acquisition to start). */
export function withoutOrderOpener(text: string): string {
  return text.replace(ORDER_OPENER, (m) => ' '.repeat(m.length)).replace(ORDER_PHRASE, (m) => ' '.repeat(m.length));
}

/** A verb that leaves things out or switches a thing off ("ignore", "disregard", "turn off"), before what it leaves out. */
const LEAVES_OUT = /\b(?:ignor(?:e|ing)|disregard(?:ing)?|exclud(?:e|ing)|omit(?:ting)?|leav(?:e|ing)\s+out|forget\s+about|(?:turn|switch)(?:ing)?\s+off|disabl(?:e|ing))\s+/gi;
/** The words that end what such a verb is said of ("ignore mitoses when tracking": the tracking is not left out). */
const LEFT_OUT_ENDS = /^(?:when|while|during|in|on|for|and|but|or|then|so|because|as|if|before|after|to|from|with|by)$/i;

/**
 * What each verb that leaves out or switches off is said of, up to four words and their place in the text
 * ("ignore cells that divide" → "cells that divide"; "ignore mitoses when tracking" → "mitoses").
 */
export function leftOutSpans(text: string): { text: string; start: number; end: number }[] {
  return [...text.matchAll(LEAVES_OUT)].map((m) => {
    const from = m.index + m[0].length;
    let end = from;
    let count = 0;
    for (const w of text.slice(from).matchAll(/[\p{L}\d'-]+/gu)) {
      if (count === 4 || LEFT_OUT_ENDS.test(w[0]) || /[.,;:!?]/.test(text.slice(end, from + w.index))) break;
      count++;
      end = from + w.index + w[0].length;
    }
    const said = text.slice(from, end);
    return { text: said, start: from, end: from + said.length };
  });
}

const FIRST = /^(?:,?\s*)(?:but\s+|and\s+)?(?:first(?:\s+of\s+all)?|(?:start|begin|kick)(?:\s+off)?\s+(?:by|with)|(?:before|prior\s+to)\s+(?:(?:all|any|either|both|each)\s+(?:of\s+)?(?:that|this|these|those|them|it)|that|this|these|those|them|anything(?:\s+else)?|everything(?:\s+else)?|all\s+(?:else|the\s+rest)|the\s+rest|doing\s+(?:that|this|so|anything(?:\s+else)?)|(?:you|we|i)\s+(?:do|run|start)\s+(?:that|this|it|anything(?:\s+else)?)))\b/i;
const BEFORE = /^(?:,?\s*)(?:before|ahead\s+of|prior\s+to)\b/i;
// ("..., after which the intensities were measured": what follows comes after, like "after that")
// ("and after do the tracking": "after" before a command is "afterwards"; so is "after" before an infinitive, "and after
// to export the areas", as a learner of English writes it)
// ("having corrected the drift, ...": a perfect participle is done before the clause it is joined to)
const AFTER = /^(?:,?\s*)(?:but\s+|and\s+)?(?:(?:only\s+)?after\b(?!\s+(?:that|which|this|do|please|pls|run|make|perform|apply|then|to\s+(?!the\b|a\b|an\b)[\p{L}]+)\b|\s*,)|having\s+(?:been\s+|first\s+)?[\p{L}-]+(?:ed|en|t)\b)/iu;

/**
 * Where a new clause starts: sentence ends, commas, bullets ("* ", "• "; the request's lines are joined by then), "and", "then", "but", "before",
 * "after", "without" ... Numbers joined by "and" ("frames 10 and 20") stay together.
 */
const SPLIT = /[.;!?](?=\s|$)|,|\s(?=[*•·]\s)|:(?=\s)|\s[-–—](?=\s)|\s(?=[+&]\s)|(?<=[a-z])(?<!\b(?:ctrl|cmd|command|control|alt|option|shift))(?=[+&][a-z])|\s*(?=(?:-+>|→|=>|>(?=\s)|\|(?=\s)))|\s(?=as\s+well\s+as\b)|\s(?=(?:and\s+then|and\s+also|and\s+finally|and|then|after\s+that|afterwards|followed\s+by|but|before(?!\s*(?:[.,;!?]|$))|ahead\s+of|prior\s+to|after|having(?=\s+(?:been\s+|first\s+)?[a-z-]+(?:ed|en)\b)|without|except|(?:apart|aside)\s+from|minus|finally|also|plus|next(?!\s+(?:to|week|month|year|day|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|meeting)\b)|so(?!\s+(?:that|far|much|many|long|I\b|we\b))(?=\s+\w))\b)/gi;

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10 };
/**
 * Words before a verb's form that make it no verb of a new step: a determiner or possessive ("the track",
 * "each segment"), a preposition ("of track", "for segment"), "to" of an infinitive and the subjects, modals
 * and negations before a verb of the same clause ("you segment", "can track", "not measure").
 */
const NO_STEP_AFTER = /^(?:the|a|an|each|every|per|of|my|our|your|their|its|this|that|these|those|any|some|no|all|both|to|for|with|by|from|in|on|at|into|onto|via|as|than|i|we|you|they|he|she|it|can|could|would|will|shall|should|must|may|might|do|does|did|don't|dont|doesn't|didn't|not|never|n't|let|let's|lets|or|nor|and|how|what|which|when|where|why|who|whether|if|is|are|was|were|be|been|being|am|also|just|only|first|then|'s|s)$/i;
/** Words after a verb that say how its step runs ("with", "using"). */
const METHOD_OPENER = /^(?:with|using|via|w\/)$/i;
/** Words after a verb's form that make it a noun ("measure of", "the track is ..."). */
const NOUN_BEFORE = /^(?:of|is|are|was|were|has|have|had|'s|s)$/i;

/**
 * A clause written without punctuation or joiners cut where a second step's verb starts a new verb phrase
 * ("correct drift segment nuclei track them" → "correct drift", "segment nuclei", "track them"): a verb some
 * tool's examples open with (the tools' own words, via the index), in its plain form (no "tracked cells",
 * "segmentation"), not after a determiner, preposition, subject or modal ("the track", "you segment"), and
 * followed by what it acts on ("the", "them", a thing its examples act on, a word no tool knows), by another
 * step's verb, or said right after a verb ("stabilise segment track"). A noun said with another noun
 * ("measure track length", "show the drift plot", "measure of spread") is no cut; nor is a second verb of the
 * same step ("find and count" has its joiner, "detect count nuclei" is one step).
 */
/** The tool's name ("correct_bleach") holds every one of the meanings (a word's, in either order). */
function namesTool(tool: string, meanings: (string | undefined)[]): boolean {
  const parts = tool.split('_').map((p) => tokenize(p)[0]).filter((t) => t !== undefined).map((t) => meaning(t.stem));
  return parts.length > 1 && meanings.every((m) => m !== undefined && parts.includes(m));
}

export function withVerbPhrasesApart(clauses: Clause[], index: ToolIndex, readsWhole: (tool: string) => boolean = () => false): Clause[] {
  return clauses.flatMap((clause) => verbPhrasesOf(clause, index, readsWhole));
}

/**
 * `readsWhole`: a tool whose own language reads its command whole (the microscope's: "image GFP every 5 min
 * take a z-stack", "drop DAPI go every 10 min"). Its verbs cut nothing; only a verb of another tool starts
 * a step of its own ("image GFP every 5 min segment the nuclei").
 */
function verbPhrasesOf(clause: Clause, index: ToolIndex, readsWhole: (tool: string) => boolean): Clause[] {
  const words = [...clause.text.matchAll(/[\p{L}][\p{L}'’-]*|\d[\d.,]*/gu)].map((m) => ({ word: m[0], at: m.index ?? 0 }));
  const verbOf = (k: number) => (words[k] && /^\p{Ll}/u.test(words[k].word) ? index.stepVerb(words[k].word) : undefined);
  const meaningOf = (k: number) => {
    const token = words[k] ? tokenize(words[k].word)[0] : undefined;
    return token ? meaning(token.stem) : undefined;
  };
  // what a verb acts on: a thing the examples of several tools act on ("nuclei", "movie"), or a word no tool knows ("mitochondria")
  const isObject = (m: string) => index.isSharedObject(m) || (!index.knows(m) && !index.namesAnArgument(m));
  const cuts: number[] = [];
  // (the tools of the verbs said since the last cut: a second verb of one of them is the same step, "detect count nuclei")
  let stepTools = verbOf(0)?.tools ?? [];
  let from = 0;
  for (let k = 1; k < words.length; k++) {
    const verb = verbOf(k);
    if (!verb) continue;
    // ("bleach correct this", "background subtract it": the word before and the verb are together a step's name, one step)
    const named = verb.tools.filter((t) => namesTool(t, [meaningOf(k - 1), meaningOf(k)]));
    if (named.length > 0) {
      stepTools = [...stepTools, ...named];
      continue;
    }
    // (a verb some step said already shares, "correct" after "stabilise", starts another step only by another step's word after it: "correct the bleaching")
    const others = verb.tools.filter((t) => !stepTools.includes(t));
    if (others.every(readsWhole)) {
      stepTools = [...stepTools, ...verb.tools];
      continue;
    }
    const sharedMeaning = others.length < verb.tools.length ? meaningOf(k + (OBJECT_OPENER.test(words[k + 1]?.word ?? '') ? 2 : 1)) : undefined;
    if (NO_STEP_AFTER.test(words[k - 1].word) || others.length === 0 || (others.length < verb.tools.length && !(sharedMeaning && index.isWordOf(others, sharedMeaning, true)))) {
      stepTools = [...stepTools, ...verb.tools];
      continue;
    }
    // (the word before is said as a verb: not "a track" in "make a track plot")
    const afterVerb = verbOf(k - 1) !== undefined && (k === 1 || !NO_STEP_AFTER.test(words[k - 2].word));
    const next = words[k + 1];
    const nextMeaning = meaningOf(k + 1);
    const startsPhrase = next === undefined ? afterVerb
      : NOUN_BEFORE.test(next.word) ? false
      // ("denoise with a gaussian", "segment using Li": how the step runs)
      : OBJECT_OPENER.test(next.word) || METHOD_OPENER.test(next.word) || verbOf(k + 1) !== undefined ? true
      : nextMeaning === undefined ? false
      // ("measure segment area", "plot track speed": after a verb, a word of that verb's step makes the two one noun)
      : afterVerb && index.isWordOf(verbOf(k - 1)!.tools, nextMeaning) ? false
      // ("track them export csv", "segment channel 2": a word of the verb's own step or of its arguments)
      : index.isWordOf(verb.tools, nextMeaning, true) || isObject(nextMeaning);
    // (the words before name a step of their own: "please segment" has none to cut from)
    if (!startsPhrase || index.match(clause.text.slice(words[from].at, words[k].at)).length === 0) {
      stepTools = [...stepTools, ...verb.tools];
      continue;
    }
    cuts.push(words[k].at);
    stepTools = verb.tools;
    from = k;
  }
  if (cuts.length === 0) return [clause];
  return [0, ...cuts].map((at, i) => {
    const end = i < cuts.length ? cuts[i] : clause.text.length;
    const text = clause.text.slice(at, end).trimEnd();
    return i === 0 ? { ...clause, text, end: clause.start + text.length } : { text, start: clause.start + at, end: clause.start + at + text.length, negated: isNegated(text), joiner: ',', sentence: clause.sentence };
  });
}

/** The marks of a list's items: how to find each (its number in group 1), its value, and how to strip it from the item. */
const LIST_MARKERS: { find: RegExp; value: (m: string) => number; strip: RegExp }[] = [
  { find: /(?:^|\s)\(?(\d{1,2})\)(?=\s)/g, value: Number, strip: /^\(?\d{1,2}\)\s+/ },
  { find: /(?:^|\s)(?:step|stage)\s+(\d{1,2})\s*[:.)-]?(?=\s)/gi, value: Number, strip: /^(?:step|stage)\s+\d{1,2}\s*[:.)-]?\s*/i },
  { find: /(?:^|\s)(\d{1,2})\.(?=\s)/g, value: Number, strip: /^\d{1,2}\.\s+/ },
  { find: /(?:^|\s)\(?([a-h])\)(?=\s)/gi, value: (m) => m.toLowerCase().charCodeAt(0) - 96, strip: /^\(?[a-h]\)\s+/i },
  { find: /(?:^|\s)\(?(i{1,3}|iv|vi{0,3}|ix|x)[.)](?=\s)/gi, value: (m) => ROMAN[m.toLowerCase()] ?? 0, strip: /^\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)]\s+/i },
];

/** The list a text is written as, when it is one: its kind of marker and the markers found. */
function listOf(text: string): { f: (typeof LIST_MARKERS)[number]; markers: RegExpExecArray[] } | undefined {
  return LIST_MARKERS.map((f) => ({ f, markers: [...text.matchAll(f.find)] })).find(({ f, markers }) => markers.length >= 2 && markers.every((m, k) => f.value(m[1]) === k + 1));
}

/**
 * A reference to a document in an aside: "(Reviewer 1, point 4)", "(see Fig. 2b)", "(comment 3)", "(Supplementary Table 2)".
 * Its numbers name a place in a text, never a setting of a step.
 */
const REFERENCE_ASIDE = /\(\s*(?:see\s+|cf\.?\s+|as\s+in\s+)?(?:reviewers?|referees?|editor|comments?|points?|remarks?|figs?\.?|figures?|tables?|supp(?:lementary|l)?\.?|sections?|panels?|issues?|items?|questions?|ref\.?|refs\.?|eq\.?|equations?)\b[^()]*\)/gi;

/** The text with its asides that refer to a document blanked, same length ("quantify the divisions (Reviewer 1, point 4)"). */
export function withoutReferenceAsides(text: string): string {
  return text.replace(REFERENCE_ASIDE, (m) => ' '.repeat(m.length)).replace(REFERENCE_HEAD, (m) => ' '.repeat(m.length));
}

/**
 * The effect wished for after a command, said as what its subject will do or be: "register the stack so the cells stop
 * jumping around", "denoise it so that the nuclei look smoother". It says why, never a step of its own ("stop" here stops
 * no acquisition). Not when it holds a number, a unit or a format, which may be a setting ("so the speed is in µm/min").
 */
// (or what its subject does, better: "so it plays back smoother", "so the tracks run more smoothly")
const WISHED_EFFECT = /(?<=[\p{L}\d)])[\s,]+(?:so\s+that|so|such\s+that|in\s+order\s+that)\s+(?:(?:the|these|those|my|our|its|their|all\s+the)\s+[\p{L}-]+(?:\s+[\p{L}-]+)?|it|they)\s+(?:stop|stops|no\s+longer|don'?t|do\s+not|doesn'?t|does\s+not|won'?t|will|are|is|look|looks|become|becomes|get|gets|can|can'?t|cannot|stay|stays|remain|remains|appear|appears|show\s+up|shows\s+up|[\p{L}]+s\s+(?:(?:back|out|up|through|along|by)\s+)?(?:(?:a\s+(?:bit|lot|little)|much|even|far)\s+)?(?:more|less|(?!(?:after|over|under|never|other|either|together|rather|whether|later|per)\b)[\p{L}]{2,}er))\b(?:(?![.,;!?]|\s+(?:and\s+)?then\b).)*/giu;

/** The text with an effect wished for after a command blanked, same length. */
export function withoutWishedEffects(text: string): string {
  return text.replace(WISHED_EFFECT, (m) => (/\d|\b(?:µm|um|microns?|px|pixels?|seconds?|minutes?|hours?|frames?|csv|tiff?|xml|png|svg|channels?)\b/i.test(m) ? m : ' '.repeat(m.length)));
}

/**
 * The same reference opening a request as its heading, without brackets: "Reviewer 2, point 3: ...", "Referee #1, comment 4 -",
 * "Comment 5: ...", "Reviewer 3 :" (its bracketed point blanked above).
 */
const REFERENCE_HEAD = /^\s*(?:reviewers?|referees?|editor|comments?|points?|remarks?|issues?|questions?|major\s+(?:comment|point|issue)s?|minor\s+(?:comment|point|issue)s?|r)\s*#?\s*\d+[a-z]?(?:\s*[,.]?\s*(?:(?:point|comment|remark|issue|question|item)s?\s*#?\s*)?\d+[a-z]?)?\s*(?::|\s[-–—]\s)/i;

/**
 * Which data a request is about, named by a label and its number or date: "experiment 12", "experiment 2024-03-07", "day 3", "well A3", "replicate 2",
 * "embryo #2", "sample 17". Said before a comma, a colon, a bracket or the end ("for experiment 12 (day 3), track ..."),
 * never a setting of a step.
 */
const SAMPLE_LABEL = /(?<=^|[\s(,;:])(?:(?:for|from|of|in|on)\s+)?(?:the\s+)?(?:experiments?|expt?\.?|days?|wells?|replicates?|reps?|samples?|embryos?|plates?|dish(?:es)?|runs?|batch(?:es)?|animals?|mice|mouse|fish|larva[e]?|patients?|donors?|slides?|coverslips?)(?:\s*#\s*|\s*no\.\s*|\s+no\s+|\s+number\s+|\s+)[A-Z]?\d+(?:[-/]\d+)*[a-z]?(?=\s*(?:[,;:)(]|\.(?:\s|$)|$))/gi;

/** The text with its labels of which data it is about blanked, same length ("Experiment 3, day 2, well B4: segment ..."). */
export function withoutSampleLabels(text: string): string {
  return text.replace(SAMPLE_LABEL, (m) => ' '.repeat(m.length));
}

/** The text with a list's markers ("Step 3:", "b)", "ii.") blanked, same length: no marker's number is a setting of the step before it. */
export function withoutListMarkers(text: string): string {
  const list = listOf(text);
  if (!list) return text;
  let out = text;
  for (const m of list.markers) out = out.slice(0, m.index) + m[0].replace(/\S/g, ' ') + out.slice((m.index ?? 0) + m[0].length);
  return out;
}

/** The start of a path in Fiji's menus: a menu of its menu bar, as written there, then "> item" steps. */
const FIJI_MENU_PATH = /(?:^|[\s,;:.(])(?:File|Edit|Image|Process|Analy[sz]e|Plugins|Window)(?:\s*>\s*[\p{L}\d][\p{L}\d' -]*?)*\s*$/u;

/** Words people shorten with a full stop ("max. linking distance", "approx. 10 px", "fig. 2"). */
const ABBREVIATED_WORD = /\b(?:fig|figs|no|nr|approx|ca|incl|excl|resp|ref|eq|max|min|avg|std|sec|temp|conc|expt|exp|pos|ch|diam|dist|int|hier|seg|trk|proj|corr|thresh|dia|lin|avg)$/i;
/** A unit of time after a number or "per" ("3 min.", "µm per min."): the sentence's last word, not a shortened one. */
const TIME_UNIT_ENDING = /(?:\d|\bper|\/)\s*(?:min|sec)$/i;

/** True when the text ends with a word people shorten with a full stop (and not with a unit of time). */
function endsWithAbbreviation(before: string): boolean {
  return ABBREVIATED_WORD.test(before) && !TIME_UNIT_ENDING.test(before);
}

/**
 * The text with the full stops of abbreviations blanked (same length) where the sentence goes on after them, a lowercase
 * word or a number next ("max dist. 10 px", "approx. 5 frames"): a sentence ends at a full stop before a capital or at
 * the end, so nothing reads the abbreviation's stop as one.
 */
export function withAbbreviationStopsBlanked(text: string): string {
  return text.replace(/(?<=\p{L})\.(?=[^\S\n]+[\p{Ll}\d])/gu, (stop, at: number) => (endsWithAbbreviation(text.slice(0, at)) ? ' ' : stop));
}

export function splitClauses(text: string): Clause[] {
  return readOnceCopied(splitClausesOnce, text, (clauses) => clauses.map((c) => ({ ...c })));
}

/** A word that picks one channel by its colour, fluorophore or wavelength ("red", "GFP", "488 nm"). */
const PICKED = '(?:red|green|blue|cyan|magenta|yellow|orange|far[- ]red|[a-z]?[a-z]fp|mcherry|tdtomato|dapi|hoechst|fitc|tritc|cy\\d|\\d{3}(?:\\s*nm)?)';
const PICKED_BEFORE = new RegExp(`\\b${PICKED}\\s*$`, 'i');
const PICKED_AFTER = new RegExp(`^\\s+and\\s+(?:the\\s+)?${PICKED}\\s+(?:[\\w-]+\\s+)?(?:channels|colou?rs|signals|images|ones)\\b`, 'i');

function splitClausesOnce(text: string): Clause[] {
  const cuts: { at: number; sentenceEnd: boolean }[] = [];
  // "(speed, straightness)", "(the bright rim)": a short aside in brackets, whose commas and "and"s list things of one clause
  const asides = [...text.matchAll(/\((?:[^()]{1,60})\)/g)].map((a) => ({ start: a.index ?? 0, end: (a.index ?? 0) + a[0].length })).filter((a) => text.slice(a.start + 1, a.end - 1).trim().split(/\s+/).length <= 6);
  for (const m of text.matchAll(SPLIT)) {
    const at = m.index ?? 0;
    if (asides.some((a) => at > a.start && at < a.end) && /^(?:,|\s+(?:and|or)\b)/i.test(text.slice(at))) continue;
    // "between frames 10 and 20", "10 and 20 px": a range, not two clauses
    if (/^\s+and\b/i.test(text.slice(at)) && /\d\s*$/.test(text.slice(0, at)) && /^\s+and\s+\d/i.test(text.slice(at))) continue;
    // "between area and mean intensity", "correlate area and intensity": the two things compared, not two clauses
    if (/^\s+and\b/i.test(text.slice(at)) && /\b(?:between|correlat\w*|compar\w*)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}[\w-]+\s*$/i.test(text.slice(0, at)) && !/[,;.]/.test(text.slice(0, at).split(/\b(?:between|correlat\w*|compar\w*)\b/i).at(-1) ?? '')) continue;
    // "the red and green channels", "the 488 and 561 channels": two that pick which of one plural noun's things, one phrase
    if (/^\s+and\b/i.test(text.slice(at)) && PICKED_BEFORE.test(text.slice(0, at)) && PICKED_AFTER.test(text.slice(at))) continue;
    // "objects with area > 30 px": a comparison before a number, no arrow
    if (/^\s*>=?\s*\d/.test(text.slice(at))) continue;
    // "Image > Stacks > Z Project": a path in Fiji's menus (from one of its menu bar's menus), one step, not arrows
    if (/^\s*>(?!>)/.test(text.slice(at)) && FIJI_MENU_PATH.test(text.slice(0, at))) continue;
    // "anything but the model", "any method but otsu": the exception of what comes before, not a clause of its own
    if (/^\s+but\b/i.test(text.slice(at)) && /\b(?:anything|any\s+(?:method|one))\s*$/i.test(text.slice(0, at))) continue;
    // "..., not as csv but as trackmate": the value put in place of the one turned down, one phrase with it
    if (/^\s+but\b/i.test(text.slice(at)) && /(?:^|[,;:]\s*)not\s+(?:[\w-]+\s+){0,2}[\w-]+\s*$/i.test(text.slice(0, at))) continue;
    // "the paths on the max projection, coloured by speed", "areas, grouped by frame": a participle with "by" after a comma
    // tells how the thing before is drawn or arranged, no step of its own ("..., followed by tracking" joins steps)
    if (m[0] === ',' && PARTICIPLE_MODIFIER.test(text.slice(at + 1))) continue;
    // ("plot the tracks, coloured by speed, on top of the MIP": the picture drawn over is where the drawing goes, no step)
    if (m[0] === ',' && DRAWN_OVER.test(text.slice(at + 1))) continue;
    // "x, y" coordinates and "1,000"
    if (m[0] === ',' && /\d\s*$/.test(text.slice(0, at)) && /^,\s*-?\d/.test(text.slice(at))) continue;
    // "max. linking distance 10 px", "Dr. Klein", "e.g. Otsu", "approx. 10 px": the full stop of an abbreviation ends no sentence
    // (a title or "e.g." always leads on; another abbreviation's stop is a sentence's end before a capital or at the end)
    if (m[0] === '.' && (/\b(?:dr|prof|mr|mrs|ms|vs|e\.g|i\.e|cf|et\s+al)$/i.test(text.slice(0, at)) || (endsWithAbbreviation(text.slice(0, at)) && /^\.\s+[a-z\d]/.test(text.slice(at))))) continue;
    // "..., but smooth it with a gaussian before that", "run a median before anything else": "before" and a pronoun closing a
    // clause say when its step runs (runsFirst reads them), no clause of their own that would leave the step in place
    if (/^\s+(?:before|prior\s+to)\s+(?:that|this|it|anything(?:\s+else)?|everything(?:\s+else)?)\s*(?:[.;!?,]|$)/i.test(text.slice(at)) && /[\p{L}\d]\s*$/u.test(text.slice(0, at))) continue;
    // "Before that, correct the bleaching": the order words belong to the clause after the comma
    // ("but before you do that, register the frames", "prior to that, ...")
    if (m[0] === ',' && /(?:^|[.;!?]\s*|\b(?:and|but)\s+)(?:(?:before|prior\s+to)\s+(?:that|this|doing\s+(?:that|this|so)|anything(?:\s+else)?|(?:you|we|i)\s+(?:do|run|start)\s+(?:that|this|it|anything(?:\s+else)?))|first(?:\s+of\s+all)?|after\s+that|afterwards|then|next|finally|also)\s*$/i.test(text.slice(0, at))) continue;
    cuts.push({ at, sentenceEnd: /[.;!?]/.test(m[0]) });
  }
  // "1) drift correction 2) bleach correction (exponential) 3) segmentation", "Step 1: ... Step 2: ...", "a) ... b) ...",
  // "i. ... ii. ...": a numbered list, each number a step's clause
  const list = listOf(text);
  const markers = list?.markers ?? [];
  const listed = list !== undefined;
  if (listed) {
    for (const m of markers.slice(1)) if (!cuts.some((c) => Math.abs(c.at - (m.index ?? 0)) <= 1)) cuts.push({ at: m.index ?? 0, sentenceEnd: false });
    // ("Step 1: denoise": the colon after a marker heads nothing)
    for (const m of markers) {
      const colon = (m.index ?? 0) + m[0].length;
      const at = cuts.findIndex((c) => c.at >= (m.index ?? 0) && c.at <= colon && text[c.at] === ':');
      if (at >= 0) cuts.splice(at, 1);
    }
    cuts.sort((a, b) => a.at - b.at);
  }
  const clauses: Clause[] = [];
  let start = 0;
  let sentence = 0;
  let endsSentence = false;
  const push = (end: number, heading = false) => {
    // the clause after a sentence's end starts the next sentence
    if (endsSentence) sentence++;
    endsSentence = false;
    const raw = text.slice(start, end);
    // "stabilize + segment + track": a plus or an ampersand joins like "and" (a key chord, "ctrl+z", is one word: SPLIT)
    const plus = /^[\s,]*[+&]/.test(raw);
    // "drift -> segment -> track": an arrow joins like "then"
    // ("drift | seg | trk": a pipe too)
    const arrow = /^[\s,]*(?:-+>|→|=>|>(?=\s)|\|)/.test(raw);
    // "a max projection as well as a std projection": joins like "and"
    const asWell = /^\s*as\s+well\s+as\b/i.test(raw);
    const trimmed = raw.replace(/^[\s,]*(?:-+>|→|=>|>(?=\s)|\||[-–—](?=\s))/, '').replace(/^\s*as\s+well\s+as\s+/i, '').replace(/^[\s,.;:!?+&]+/, '').replace(/^[*•·]\s+/, '').replace(list ? list.f.strip : /^$/, '').replace(/^[\s:]+/, '');
    const offset = start + (raw.length - trimmed.length);
    if (/\w/.test(trimmed)) {
      const joiner = arrow ? 'then' : plus || asWell ? 'and' : /^(and\s+then|and|then|after\s+that|but|before|after|without|with|also|plus|next|finally|followed\s+by)\b/i.exec(trimmed)?.[1]?.toLowerCase() ?? (text.slice(Math.max(0, start - 1), start + 1).includes(',') ? ',' : '');
      clauses.push({ text: trimmed.trimEnd(), start: offset, end: offset + trimmed.trimEnd().length, negated: isNegated(trimmed), joiner, sentence, ...(heading ? { heading } : {}) });
    }
  };
  for (const cut of cuts) {
    push(cut.at, text[cut.at] === ':');
    endsSentence = cut.sentenceEnd;
    start = cut.at + (cut.sentenceEnd ? 1 : 0);
  }
  push(text.length);
  // "do the usual pipeline except tracking: ...": every clause of the heading, from the sentence's start
  for (let i = clauses.length - 1; i > 0; i--) if (clauses[i].heading && clauses[i - 1].sentence === clauses[i].sentence && !/:\s*$/.test(text.slice(clauses[i - 1].end, clauses[i].start))) clauses[i - 1].heading = true;
  // ("I'll do the measuring and plotting myself": the steps joined by "and" share the part's words, left to the user all)
  // ("I'd rather do the plotting myself": "rather" there is the wish, no contrast opening a step; "..., just track them" is one)
  const leftAlso = clauses.flatMap(withNegationScopeEnded).flatMap(withPurposeLeftToTheUserApart).map((c) => (!c.negated && !/^(?:just|only|instead|but)\b/i.test(c.text) && saidOfAStepLeftToTheUser(text, c.start) ? { ...c, negated: true } : c));
  return withContrastAsJoiner(leftAlso);
}

/** A purpose whose subject is the user, inside a clause: "... so that I can", "so we", "in order that I". */
const USER_PURPOSE = /\s(?:so\s+that|so|in\s+order\s+that)\s+(?=(?:i|we)\b)/i;

/**
 * "segment the nuclei so that I can track them myself in TrackMate": a purpose the user will see to themselves, said
 * inside the clause of the step asked, is a clause of its own, turned down (leftToTheUser.ts); the step before it runs.
 */
function withPurposeLeftToTheUserApart(clause: Clause): Clause[] {
  const m = USER_PURPOSE.exec(clause.text);
  if (!m || clause.negated) return [clause];
  const at = m.index + 1;
  const purpose = clause.text.slice(at);
  if (!leftToTheUser(purpose)) return [clause];
  const head = clause.text.slice(0, m.index).trimEnd();
  return [{ ...clause, text: head, end: clause.start + head.length }, { ...clause, text: purpose, start: clause.start + at, negated: true, joiner: 'so' }];
}

/** Words after a word of contrast that make it said of a thing, not opening a step ("just the bright ones", "only frame 3", "just once"). */
const CONTRAST_OF_A_THING = String.raw`(?:of|than|the|a|an|one|ones|this|that|these|those|some|any|in|on|at|for|from|with|frames?|time\s*points?|channels?|first|last|once|twice|if|when|because|not|no)\b`;
const CONTRAST = String.raw`(?:just|only|instead|rather|but)`;

/** A word of contrast opening a clause, before what to do instead of the clause turned down before it ("instead", "just"). */
const CONTRAST_OPENER = new RegExp(String.raw`^(?:just|only|instead|rather)\s+(?!${CONTRAST_OF_A_THING})(?=\p{L})`, 'iu');

/**
 * "skip the denoising, instead segment the nuclei": after a negated clause, the word of contrast opening the next clause
 * joins the two (its joiner), no word of the step ("instead" is no rerun, "just" no scope).
 */
function withContrastAsJoiner(clauses: Clause[]): Clause[] {
  return clauses.map((clause, i) => {
    const opener = CONTRAST_OPENER.exec(clause.text);
    if (!opener || i === 0 || !clauses[i - 1].negated || clauses[i - 1].sentence !== clause.sentence) return clause;
    return { ...clause, text: clause.text.slice(opener[0].length), start: clause.start + opener[0].length, joiner: opener[0].trim().toLowerCase() };
  });
}

/**
 * Where a negation's scope ends, written without a comma: a word of contrast that opens what to do instead ("dont write a
 * new movie just get rid of the wobble", "skip the denoising instead segment it"). Not one said of the thing turned down
 * ("don't track just the bright ones", "not only frame 3"), nor "instead of" / "rather than" (the thing turned down itself).
 */
const NEGATION_SCOPE_END = new RegExp(String.raw`\s(?=${CONTRAST}\s+(?!${CONTRAST_OF_A_THING})\p{L})`, 'giu');

/** A negated clause cut where its negation's scope ends: the words after it ask for a step again, not negated. */
function withNegationScopeEnded(clause: Clause): Clause[] {
  if (!clause.negated) return [clause];
  const head = NEGATION.exec(clause.text)?.[0].length ?? 0;
  NEGATION_SCOPE_END.lastIndex = 0;
  const cut = [...clause.text.matchAll(NEGATION_SCOPE_END)].find((m) => (m.index ?? 0) > head);
  if (!cut) return [clause];
  const at = (cut.index ?? 0) + 1;
  const before = clause.text.slice(0, at).trimEnd();
  const after = clause.text.slice(at);
  return [
    { ...clause, text: before, end: clause.start + before.length },
    { text: after, start: clause.start + at, end: clause.end, negated: isNegated(after), joiner: 'but', sentence: clause.sentence },
  ];
}

/**
 * A question asking for advice rather than for a step: "is it ok to ...?", "should I ...?",
 * "which ... should I use?", "what is the best way to ...?", "do you recommend ...?".
 */
const ADVICE = /^(?:so\s+|and\s+|but\s+|hi,?\s+|quick question:?\s+)?(?:(?:is|isn't|would|wouldn't) (?:it|that|this)(?: be)? (?:ok|okay|alright|safe|fine|wise|better|worse|bad|good|a good idea|a bad idea|advisable|recommended|valid|reasonable|acceptable|correct|legit)\b|(?:should|shall|must) (?:i|we)\b|(?:which|what) (?:[\w-]+\s+){0,3}(?:should|would you|do you recommend|do you suggest)\b|do you (?:recommend|advise|suggest)\b|what(?:'s| is) the (?:best|right|recommended|proper|usual)\b|how (?:should|do|would) (?:i|we) (?:choose|decide|pick)\b|(?:can|could) (?:i|we) trust\b)/i;

/**
 * A clause that tells, not asks: a greeting, thanks, or what the data is ("Hi!", "I have a
 * time-lapse of HeLa cells with H2B-GFP", "these are MDCK cells"). Numbers make it a fact
 * to use ("the movie is 0.65 µm per pixel"), so a clause with one is never only context.
 */
const CONTEXT = /^(?:(?:and|but|ok(?:ay)?|so|well|right|hi|hello|hey|hmm+|um+|uh+|oh|ah|argh|ugh)(?:\s+(?:there|all|everyone|team))?[,!]?\s+(?:so\s+)?)?(?:(?:yesterday|today|last\s+(?:night|week|month|year)|this\s+(?:morning|week|afternoon)|earlier(?:\s+today)?|recently|overnight|over\s+the\s+weekend)[,]?\s+)?(?:(?:hi|hello|hey|dear \w+|thanks|thank you|cheers|many thanks|best|regards|ok(?:ay)?|alright|right|well|so|um+|hmm+)(?:\s+(?:there|all|everyone|team|a lot|so much))?\b[\s!,.]*$|(?:i|we)(?:'ve|'m| have| got| imaged| recorded| acquired| took| filmed| am| are| work)\b|(?:i|we)(?:'ve|\s+have)?\s+(?:already|previously|earlier)\s+(?:\w+ed|made|done|did|ran|got|run)\b|(?:this|these|it|they|(?:the|my|our)\s+(?:[\w-]+\s+){0,2}?(?:movie|movies|data|cells?|nuclei|images?|sample|stage|drift|signal|stack|video|recording|time-?lapse|frames?|noise|background|scope|microscope|camera|laser|incubator|system|intensity|intensities|fluorescence|brightness|expression|levels?|confluen(?:ce|cy)|density|morphology|shape))(?: is|'s|'re| are| was| were| shows?| contains?| has| have| drifted| moved| fades?| faded| bleached| bleaches| looks?| seems?| gets?| got| (?:kept\s+|a\s+bit\s+|slowly\s+|slightly\s+)?(?!(?:n|f|sp|proc|succ|exc)eed\b)[a-z]+ed)|(?:[\w-]+\s+)?(?:cells|nuclei)\s+(?:(?:really|often|usually|typically|mostly|sometimes|all|tend\s+to|seem\s+to|look\s+to)\s+)?(?:spread|grow|divide|die|migrate|detach|float|cluster|overlap|touch|fuse|round\s+up|look|seem|appear|stay|remain|vary))\b/i;

/**
 * How the objects are labelled, said of them ("they're outlined by a membrane marker", "the nuclei are stained with
 * Hoechst in channel 2"): a fact about the sample that the step finding them reads (its words stay that step's), no
 * step of its own (no plot of "outlines").
 */
export function statesLabelling(text: string): boolean {
  return LABELLED.test(text.trim());
}
const LABELLED = /^(?:(?:and|but|so|since|as|because)\s+)?(?:[\w-]+\s+){0,3}?[\w-]+(?:\s+(?:are|is|were|was)|['’](?:re|s))\s+(?:(?:all|both|already|nicely|clearly)\s+)?(?:outlined|labell?ed|marked|stained|tagged|highlighted)\s+(?:by|with|using)\b[^,;]*$/i;

/** How the data was taken, opened by its participle ("imaged on the 60x objective", "acquired with a 40x lens"). */
const TAKEN = /^(?:(?:and|all|both)\s+)?(?:imaged|recorded|acquired|filmed|taken|shot|captured|collected)\s+(?:on|with|at|in|using|under|by|through|from)\b/i;

/** What a person did to get the data, in the past tense ("yesterday I imaged some MDCK cells for 12 h"). */
const NARRATIVE = /^(?:[\w,]+\s+){0,4}?(?:i|we)\s+(?:imaged|recorded|acquired|filmed|took|grew|treated|transfected|stained|plated|seeded|ran|did|made|had|followed|watched)\b|^(?:[\w,!]+\s+){0,4}?(?:i|we)(?:'ve|\s+have)?\s+(?:got|have)\s+(?:a|an|one|two|three|some|this|these|my|our)\b(?!.*\b(?:to|you)\b)/i;

/**
 * What someone else of the lab did to get the data ("my student acquired this timelapse last week on the spinning disk",
 * "our postdoc imaged them overnight"): a fact about the data, as NARRATIVE is for "I" and "we".
 */
const OTHERS_DID = /^(?:[\w,]+\s+){0,3}?(?:my|our|the|a)\s+(?:[\w-]+\s+)?(?:students?|postdocs?|colleagues?|lab\s*mates?|technicians?|techs?|collaborators?|supervisor|pi|boss|team|lab|group|facility|core|co-?workers?|friends?)\s+(?:(?:has|have|had)\s+)?(?:already\s+|just\s+|kindly\s+)?(?:imaged|recorded|acquired|filmed|took|taken|grew|grown|treated|transfected|stained|plated|seeded|made|prepared|sent|shared|collected|captured)\b/i;

/**
 * What the asked thing would be worth to the person ("That would be really helpful for my lab meeting tomorrow", "it'd be
 * a huge help"): no step; never "it would be great to segment ..." nor "... if you could track ...".
 */
const WORTH_TO_ME = /^(?:(?:and|so|also|oh|which)[,\s]+)?(?:that|this|it|which)(?:'d|\s+would|'ll|\s+will|'s|\s+is)\s+(?:(?:really|truly|just)\s+)?(?:be\s+)?(?:(?:really|very|so|super|extremely|incredibly|truly|most|hugely|immensely)\s+)?(?:helpful|useful|great|amazing|wonderful|fantastic|brilliant|perfect|awesome|lovely|ideal|handy|appreciated|a\s+(?:(?:big|great|huge|massive|real)\s+)?(?:help|lifesaver|life\s*saver))(?:\s+(?:for|to|in)\s+(?:my|our|me|us|the|this|next)\b[^.!?]*)?[\s!.,]*$/i;

/** An apology or a hedge before the ask ("sorry if this is a dumb question", "apologies for the long message"). */
const APOLOGY = /^(?:(?:and|but|ok(?:ay)?|so|hi|hello|hey)[,!]?\s+)?(?:sorry|apologies|apologi[sz]e|forgive me|excuse me|pardon)\b(?:[\s,]+(?:if|for|to|that|in advance|again|about)\b.*)?[\s!,.]*$/i;

/** Which channel holds what ("H2B-mCherry is in channel 2", "channel 1 is the nuclear marker"): a fact about the data. */
/** A channel's part in a step ("ch1 is the reference"), not what it shows: a setting, never context. */
const CHANNEL_ROLE = /\b(?:reference|ref|template|anchor)\b/i;
const CHANNEL_FACT = /^(?:(?:and|but|so)\s+)?(?:(?:the|my|our)\s+)?(?:[\w-]+\s+){0,2}?(?:is|are|was|were)\s+(?:in|on)\s+(?:the\s+)?(?:channel|ch|c)\s*\d+\s*$|^(?:(?:and|but|so)\s+)?(?:the\s+)?(?:channel|ch|c)\s*\d+\s+(?:is|has|shows|contains|was|holds)\b(?:\s+(?:the|a|an|my|our))?\s+(?:[\w-]+\s*){1,4}$/i;

/** Whom the result is for, as a clause of its own ("for my paper figure, ...", "this is for our lab meeting"): a purpose, no step. */
const PURPOSE = /^(?:(?:and|but|so|it'?s|this\s+is|that'?s)\s+)?(?:(?:just|mainly|mostly|all)\s+)?for\s+(?:my|our|his|her|their|your)\s+(?:[a-z][a-z'’-]*\s*){1,4}[\s!,.]*$/;

/** When the result is due ("before group meeting on Monday", "by tomorrow morning", "in time for the talk"): a time, no step. */
const DUE = /^(?:(?:and|but|so|ideally|hopefully|please)\s+)?(?:by|before|until|till|for|in\s+time\s+for|ahead\s+of)\s+(?:the\s+|our\s+|my\s+|next\s+|this\s+|tomorrow(?:'s)?\s+|today(?:'s)?\s+)?(?:[\p{L}-]+\s+){0,2}?(?:meeting|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today|week|weekend|month|deadline|lunch|noon|eod|submission|talk|seminar|conference|retreat|presentation|defen[cs]e|end\s+of\s+(?:the\s+)?(?:day|week|month))(?:\s+(?:morning|afternoon|evening|night))?(?:\s+(?:on|at)\s+(?:[\p{L}\d:]+\s*){1,2})?[\s!,.]*$/iu;

/** What the result is for, said as a check or a record ("for segmentation QC", "as a sanity check", "for the supplement"): a purpose, no step. */
const CHECK_PURPOSE = /^(?:(?:and|but|so|just|mainly)\s+)?(?:for|as)\s+(?:(?:a|an|the|some|my|our)\s+)?(?:[\p{L}-]+\s+){0,2}(?:qc|quality\s+control|checks?|checking|sanity\s+check|validation|inspection|review|comparison|documentation|the\s+record|publication|supplement|supplementary)[\s!,.]*$/iu;

/** What someone else doubts or asks about ("the reviewer wonders whether this depends on the threshold"): why the step is asked, no step itself. */
const REPORTED_DOUBT = /^(?:(?:and|but|so|now|ok(?:ay)?)[,\s]+)?(?:the\s+|my\s+|our\s+|one\s+)?(?:reviewers?|referees?|editor|pi|boss|supervisor|advisor|adviser|collaborators?|colleagues?)(?:\s*#?\d)?\s+(?:wonders|wondered|asks?\s+(?:whether|if)|asked\s+(?:whether|if)|questions?\s+(?:whether|if)|doubts?|suspects?|thinks|worries|is\s+(?:worried|concerned|not\s+sure)|notes?|noted|points?\s+out|pointed\s+out|comments?\s+that)\b/i;

/**
 * A methods paragraph's passive ("The nuclei were segmented with Otsu", "The movie was first bleach-corrected"): an analysis
 * step said in the past, to be done, not a fact about the data (unless it was done already: "the nuclei were segmented last week").
 */
const METHODS_PASSIVE = /^(?:(?:and|then)\s+)?(?:the|all|each|every)\s+(?:[\w-]+\s+){0,2}?(?:was|were)\s+(?:(?:first|then|subsequently|next|finally|also|initially|additionally|further|afterwards)\s+)?(?:[\w]+-)?(?:segmented|tracked|corrected|denoised|smoothed|filtered|projected|registered|aligned|measured|quantified|normali[sz]ed|thresholded|exported|plotted|linked|interpolated|upsampled|super-resolved|deconvolved|labell?ed|max(?:imum)?-projected|binari[sz]ed|clustered|classified)\b/i;

/** What comes with the message ("attached is movie 3", "here are the files", "please find attached ..."): no step. */
const ATTACHED = /^(?:(?:and|so|also)\s+)?(?:(?:attached|enclosed|here)\s+(?:is|are)|(?:please\s+)?find\s+(?:attached|enclosed)|i(?:'ve|\s+have)\s+attached|(?:i'm|i\s+am)\s+(?:attaching|sending|sharing))\b/i;

/** Thanks and appreciation, with what they are for and when ("Thanks for the help", "Thank you so much for your help last week", "Much appreciated"): no step. */
const THANKS = /^(?:(?:and|ok(?:ay)?|so|again|also)[,\s]+)?(?:many\s+|big\s+|a\s+lot\s+of\s+)?(?:thanks?|thank\s+you|thx|ty|cheers|much\s+appreciated|(?:this\s+is\s+|that's\s+|it's\s+)?(?:much|greatly|really)\s+appreciated|(?:i|we)(?:'d|\s+would)?\s+(?:really\s+|greatly\s+)?appreciate\s+(?:it|that|this)|(?:i'm|i\s+am|we're|we\s+are)\s+(?:very\s+|so\s+)?grateful)\b(?:\s+(?:so\s+much|a\s+lot|a\s+million|very\s+much|again|heaps|loads|in\s+advance))*(?:\s+(?:for|with)\s+(?:(?:all\s+)?(?:the|your|this|that|all)\s+)?(?:kind\s+|great\s+|quick\s+)?(?:help|assistance|support|work|effort|time|patience|everything|that|this|it)(?:\s+(?:so\s+far|in\s+advance|again|with\s+this|on\s+this))?(?:\s+(?:yesterday|earlier(?:\s+today)?|before|recently|the\s+other\s+day|(?:last|this)\s+(?:time|week|month|morning|night|friday|monday|tuesday|wednesday|thursday|saturday|sunday)))?)?[\s!.,:)-]*$/i;

/**
 * A heading over a list of steps, a word of structure alone ("Steps:", "To do:", "Workflow", "Plan", "Here's what I need"),
 * with the first line's number when no colon ends it ("steps\n1. segment"):
 * it names no step of its own ("steps" is no step length to measure).
 */
const LIST_HEADING = /^(?:(?:the|my|our)\s+)?(?:steps?|to[\s-]?dos?|tasks?|plan|workflow|work\s*flow|procedure|instructions?|checklist|todo\s+list|what\s+(?:i|we)\s+(?:need|want)(?:\s+(?:done|is))?|here(?:'s|\s+is)\s+(?:the\s+plan|what\s+(?:i|we)\s+(?:need|want)(?:\s+done)?)|(?:(?:please|pls|kindly|can\s+you|could\s+you|would\s+you|i'?d\s+like\s+you\s+to)\s+)*(?:do|run|perform|carry\s+out|apply)\s+the\s+following(?:\s+(?:steps?|things?|tasks?|operations?))?(?:\s+(?:please|for\s+me|in\s+order))?|the\s+following(?:\s+(?:steps?|things?|tasks?))?(?:\s+please)?)[\s:.-]*(?:[-*•]?\s*\(?\d{1,2}[.)]?)?\s*$/i;

export function isListHeading(text: string): boolean {
  return LIST_HEADING.test(text.trim());
}

/**
 * A statement that a property of the sample changes, or that the objects behave differently, told as the reason for a
 * request ("the speed of these cells changes after the drug", "their size increases over time", "migration speed drops
 * after treatment", "because the cells migrate faster after stimulation", "the nuclei slow down once the inhibitor is
 * added"): context, no step of its own; the quantity is what the person expects, not what they ask to be measured.
 * A question, or a clause with a verb of asking, is none (see isContextOnce).
 */
const SAMPLE_CHANGE_OPENER = String.raw`^(?:(?:and|but|so|because|since|as|given\s+that|note(?:\s+that)?|fyi|well|ok(?:ay)?|hmm+|um+)[,:]?\s+)*`;
const SAMPLE_CHANGE_ADVERBS = String.raw`(?:(?:really|often|clearly|visibly|gradually|slowly|quickly|strongly|also|then|only|probably|usually|typically|definitely|kind\s+of|sort\s+of|seem\s+to|tend\s+to)\s+)*`;
const SAMPLE_CHANGE = new RegExp(SAMPLE_CHANGE_OPENER + String.raw`(?:(?:the|their|its|these|those|our|my|this|that)\s+)?(?:[\p{L}-]+\s+){0,2}?(?:speeds?|velocit(?:y|ies)|motility|migration|movements?|motion|displacements?|sizes?|areas?|volumes?|intensit(?:y|ies)|fluorescence|brightness|signals?|shapes?|morphology|numbers?|counts?|density|expression|levels?|behaviou?rs?|dynamics|growth|rates?)(?:\s+of\s+(?:the\s+|these\s+|those\s+|our\s+|my\s+)?(?:[\p{L}-]+\s+){0,2}?(?:cells?|nuclei|nucleus|objects?|spots?|particles?|organoids?|bacteria|mitochondria))?\s+` + SAMPLE_CHANGE_ADVERBS + String.raw`(?:chang(?:es?|ed)|increas(?:es?|ed)|decreas(?:es?|ed)|drops?|dropped|rises?|rose|go(?:es)?\s+(?:up|down)|went\s+(?:up|down)|falls?|fell|var(?:y|ies|ied)|differs?|differed|slows?\s+down|slowed(?:\s+down)?|speeds?\s+up|sped\s+up|doubles?|doubled|halves?|halved|shifts?|shifted|jumps?|jumped|grows?|grew|shrinks?|shrank|declines?|declined|peaks?|peaked|(?:is|are|was|were|gets?|got|becomes?|became)\s+(?:much\s+|a\s+lot\s+|a\s+bit\s+)?(?:higher|lower|different|faster|slower|bigger|smaller|larger|brighter|dimmer|stronger|weaker))\b`
  + '|' + SAMPLE_CHANGE_OPENER + String.raw`(?:they|(?:(?:the|these|those|our|my|treated|control|some)\s+)?(?:[\p{L}-]+\s+)?(?:cells|nuclei|objects|organoids|bacteria))\s+` + SAMPLE_CHANGE_ADVERBS + String.raw`(?:move|migrate|travel|grow|shrink|swell|slow\s+down|speed\s+up|stop\s+moving|divide|round\s+up|change)\s+(?:(?:much\s+|a\s+lot\s+|a\s+bit\s+|way\s+)?(?:faster|slower|quicker|more|less|differently)|(?:down\s+|up\s+)?(?:after|when|once|upon|following|during|under|with|in\s+response\s+to))\b`
  + '|' + SAMPLE_CHANGE_OPENER + String.raw`(?:they|(?:(?:the|these|those|our|my|treated|control|some)\s+)?(?:[\p{L}-]+\s+)?(?:cells|nuclei|objects|organoids|bacteria))\s+` + SAMPLE_CHANGE_ADVERBS + String.raw`(?:slow\s+down|speed\s+up|stop\s+moving|round\s+up)\b`, 'iu');

/**
 * A clause that tells whether the objects divide ("cells divide a lot in this movie", "they're dividing all the time",
 * "these cells don't divide", "the nuclei never split"): 'yes' or 'no', else undefined. A question, or a clause with a
 * verb of asking, tells nothing. What the tracker does with it is the planner's (its splitting switch, the divisions found).
 */
const OBJECT_SUBJECT = String.raw`(?:they|(?:(?:the|these|those|our|my|most|many|some|all|lots\s+of|a\s+lot\s+of|plenty\s+of)\s+)*(?:of\s+(?:the|these|those)\s+)?(?:[\p{L}\d-]+\s+)?(?:cells|nuclei|objects|organoids|bacteria|yeast))`;
const DIVIDING = String.raw`(?:divide|split|undergo\s+(?:mitosis|division)|go\s+through\s+(?:mitosis|division))`;
const TOLD_DIVIDING = new RegExp(String.raw`^(?:(?:and|but|so|because|since|as|note(?:\s+that)?|fyi|well|ok(?:ay)?|also)[,:]?\s+)*` + OBJECT_SUBJECT
  + String.raw`(?:(?:'re|\s+are)\s+(?:(?:often|always|constantly|all|really|actively|mostly)\s+)*(?:dividing|splitting|mitotic)|\s+(?:(?:really|often|frequently|usually|typically|mostly|sometimes|all|also|actively|constantly|tend\s+to|seem\s+to|keep|will)\s+)*` + DIVIDING + String.raw`(?:s|ing)?)\b`, 'iu');
const TOLD_NOT_DIVIDING = new RegExp(String.raw`^(?:(?:and|but|so|because|since|as|note(?:\s+that)?|fyi|well|ok(?:ay)?|also)[,:]?\s+)*` + OBJECT_SUBJECT
  + String.raw`(?:(?:'re|\s+are)\s*(?:not|n't|never)\s+(?:\w+\s+)?(?:dividing|splitting|mitotic)|\s+(?:(?:really|usually|typically|mostly|basically|essentially|just)\s+)*(?:don['’]?t|do\s+not|never|won['’]?t|will\s+not|can['’]?t|cannot|rarely|hardly\s+ever|barely|shouldn['’]?t|should\s+not)\s+(?:really\s+|ever\s+)?` + DIVIDING + String.raw`)\b`, 'iu');
export function toldDividing(text: string): 'yes' | 'no' | undefined {
  const t = text.trim();
  if (/\?\s*$/.test(t) || /\b(?:could|can|would|will)\s+you\b|\bplease\b/i.test(t)) return undefined;
  if (TOLD_NOT_DIVIDING.test(t)) return 'no';
  if (TOLD_DIVIDING.test(t)) return 'yes';
  return undefined;
}

export function isContext(text: string): boolean {
  return readOnce(isContextOnce, text);
}

function isContextOnce(text: string): boolean {
  const t = text.trim();
  if (isListHeading(t)) return true;
  // (a question is no state: "how much bleaching is there")
  if ((STATE_DONE.test(t) && !WH_OPENING.test(t)) || RESULT_JUDGED.test(t) || DATA_NOUN_PHRASE.test(t)) return true;
  if (THANKS.test(t)) return true;
  // ("I'll have a look at the masks in napari": a person's own later look at a result, ownLaterLook.ts)
  if (looksAtItLater(t)) return true;
  // ("so there's a movie loaded I think", "there are some cells in the corner": what is there, told; no number, which a
  // setting could be, and no negation, which turns a step down: "there's no drift")
  if (EXISTENTIAL_STATE.test(t) && !/\d/.test(t)) return true;
  if (ATTACHED.test(t) && !/\b(?:could|can|would|please)\s+you\b/i.test(t)) return true;
  if (METHODS_PASSIVE.test(t) && !/\b(?:already|previously|earlier|yesterday|last\s+(?:week|time|month)|before)\b/i.test(t)) return false;
  if (WORTH_TO_ME.test(t)) return true;
  if (APOLOGY.test(t) || PURPOSE.test(t) || DUE.test(t) || CHECK_PURPOSE.test(t) || REPORTED_DOUBT.test(t) || (CHANNEL_FACT.test(t) && !/\b(?:segment|track|use|denoise|measure|correct|register|analy[sz]e|project|export|plot)\w*\b/i.test(t) && !CHANNEL_ROLE.test(t))) return true;
  // a number on its own (not one inside a name such as H2B-GFP, nor one that makes a word: "a 2-channel time-lapse";
  // nor, in what a person did, how long or how many: "yesterday I imaged some MDCK cells for 12 h", "we filmed 3 positions")
  // ("imaged on the 60x objective, segment the nuclei": how the data was taken, said by its participle, no step)
  if (TAKEN.test(t) && !/(?:^|[\s(~])\d/.test(t.replace(/\b\d+(?:\.\d+)?\s*(?:x|×|nm)(?![\w])|\bNA\s*\d+(?:\.\d+)?/gi, ' '))) return true;
  // ("we imaged HeLa H2B-mCherry every 5 min overnight": how often the recording was made is a fact about it too)
  const othersDid = OTHERS_DID.test(t);
  const told = NARRATIVE.test(t) || othersDid ? text.replace(/\b(?:every|each)\s+\d+(?:\.\d+)?\s*(?:s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?)\b|\bat\s+\d+(?:\.\d+)?[\s-]*(?:s|sec|second|min|minute|h|hour)s?\s+intervals?\b/gi, ' ').replace(/\b(?:for|over)\s+(?:about\s+|around\s+|roughly\s+|~\s*)?\d+(?:\.\d+)?\s*(?:h|hrs?|hours?|min|mins|minutes?|days?|weeks?)\b|\b\d+\s+(?:cells|positions|wells|dishes|plates|conditions|replicates|movies|fields|embryos)\b|\b\d+(?:\.\d+)?\s*(?:x|×|nm)(?![\w])|\bNA\s*\d+(?:\.\d+)?/gi, ' ') : text;
  // ("the speed of these cells changes after the drug", "because the cells migrate faster after stimulation": a change in the
  // sample told as a reason, never with a verb of asking or a question mark)
  if (SAMPLE_CHANGE.test(t) && !/\?\s*$/.test(t) && !/\b(?:could|can|would|will)\s+you\b|\bplease\b|\b(?:i|we)(?:'d|\s+would)?\s+(?:like|want|need)\b/i.test(t)) return true;
  return (CONTEXT.test(t) || othersDid) && !/(?:^|[\s(~])\d/.test(told.replace(/\b\d+-[\p{L}]+/gu, ''));
}

/** "there's a movie loaded", "there are a few cells": a statement of what is there (never "there's no drift", never a question). */
const EXISTENTIAL_STATE = /^(?:(?:so|and|but|ok(?:ay)?|well|now)[,\s]+)*there(?:['’]s|\s+is|\s+are|['’]re|\s+was|\s+were)\s+(?:already\s+|now\s+)?(?:a|an|the|some|one|two|several|many|lots\s+of|a\s+few)\s+(?![^,;.!?]*\b(?:no|not|n't|hardly|barely|to|you|u)\b)[^,;.!?]*$/i;

/** A clause opened by a question word ("how much bleaching is there"). */
const WH_OPENING = /^(?:(?:and|but|so|ok(?:ay)?|now)[,\s]+)?(?:how|what|which|where|when|why|who|whose)\b/i;

/** A participle with "by" or "according to" opening the words after a comma ("coloured by speed"), other than "followed by". */
const PARTICIPLE_MODIFIER = /^\s*(?!followed\b)[a-z]+ed\s+(?:by|according\s+to)\s+(?:the\s+|their\s+|its\s+)?[\p{L}-]+/iu;

/** The picture something is drawn over, said after a comma ("..., on top of the MIP", "..., over frame 20"). */
const DRAWN_OVER = /^\s*(?:on\s+top\s+of|over|onto|overlaid\s+on|on)\s+(?:the\s+|a\s+|an\s+)?(?:(?:max(?:imum)?|mean|average)(?:\s+intensity)?\s+)?(?:projection|mip|frame\s+\d+|(?:first|last)\s+frame|raw\s+(?:image|movie))\s*(?:[.;!?]|$)/i;

/**
 * What is done already, said of a result ("Tracks are done.", "the segmentation is finished", "masks have been made"):
 * the state of the session, no step to run. (Ends the clause: "segmentation is done with Li" is a methods line.)
 */
const STATE_DONE = /^(?:(?:and|but|so|ok(?:ay)?|now)[,\s]+)?(?:the\s+|my\s+|our\s+|all\s+(?:the\s+)?)?(?:[\w-]+\s+){0,2}?[\w-]+(?:\s+(?:is|are|was|were|has\s+been|have\s+been)|['’](?:s|re))\s+(?:already\s+|all\s+|now\s+)?(?:done|finished|complete|completed|ready|made|there)(?:\s+already)?\s*[.!]*$|^(?:(?:and|but|so|ok(?:ay)?|now)[,\s]+)?(?:(?:it|they|these|those|the\s+[\w-]+|[\w-]+(?:\s+[\w-]+)?)(?:\s+(?:is|are|were|was|has\s+been|have\s+been)|['’](?:s|re))\s+)?(?:already|all)\s+(?:[a-z]+ed|done|made)(?:\s+and\s+[a-z]+ed)?(?:\s+(?:in|with|by|on|using|during)\s+(?:the\s+|a\s+)?[\w-]+(?:\s+[\w-]+)?)?\s*[.!]*$/i;

/** How a result is judged, said of it ("The tracking looks fine", "the masks seem good"): the state of the session, no step. */
const RESULT_JUDGED = /^(?:(?:and|but|so|ok(?:ay)?|now)[,\s]+)?(?:(?:the|my|our|your)\s+(?:[\w-]+\s+){0,2}?[\w-]+|[\w-]+)\s+(?:looks?|seems?|is|are)\s+(?:(?:really|very|pretty|quite|all)\s+)?(?:fine|good|ok|okay|great|right|correct|reasonable|alright|nice|sensible)\s*(?:now|to\s+me)?\s*[.!]*$/i;

/** The request without its sentences of context ("Hi! I have a time-lapse of HeLa cells. Track them." → "Track them."). */
export function withoutContext(text: string): string {
  const sentences = text.split(/(?<=[.!?])\s+/);
  const kept = sentences.filter((s) => !isContext(s.replace(/[.!?]+$/, '')));
  return kept.length ? kept.join(' ') : text;
}

export function isAdviceQuestion(text: string): boolean {
  return ADVICE.test(text.trim());
}

/** Verbs that ask to be told something: after "can you" they ask for a value ("can you tell me the pixel size?"), not for a step. */
const ASKING_VERB = /^(?:tell|show|say|give|get|let|check|confirm|find|work|figure|remind|read|report|look|see|list|count|know|describe|explain|guess|estimate|measure|determine)$/i;
/** Nouns that, asked for with "a", are something to be told ("can I get a list of ...", "an idea of ..."). */
const TOLD_NOUN = /^(?:list|look|idea|sense|overview|summary|number|count|estimate|description|breakdown|report|answer|rough|quick|brief|short)\b/i;
const POLITE_ASK = /(?:^|[^\w'])(?:(?:(?:can|could|would|will)\s+(?:you|u)|(?:is\s+it|would\s+it\s+be)\s+possible\s+to|are\s+you\s+able\s+to|is\s+there\s+(?:a|any)\s+way\s+to)(?:\s+(?:please|kindly|maybe|possibly|just|also))*\s+(?:mind\s+)?([\p{L}-]+)|(?:can|could|may|might)\s+(?:i|we)\s+(?:please\s+)?(?:get|have|ask\s+(?:you\s+)?for|request)\s+(?:a|an|some)\s+(?:\w+\s+)?([\p{L}-]+))/iu;

/**
 * A request worded as a question: "can you / could you / would you (mind) <verb> ..." with a
 * verb that acts ("can you register it to the first frame?"), or "can I get a <thing made>"
 * ("can I get a higher resolution version of the images?"). It asks for a step, not about the
 * recording's properties; a verb of telling ("can you tell me the pixel size?") asks a value.
 */
/** "can it be made smoother?", "could the movie be stabilised?": a step asked for in the passive. */
const PASSIVE_ASK = /(?:^|[^\w'])(?:can|could|would|will)\s+(?:it|this|that|they|these|those|(?:the|my|this)\s+(?:[\w-]+\s+){0,2}?(?:image|images|movie|stack|video|data|frames?|nuclei|cells|tracks))\s+(?:please\s+)?be\s+(?:made\s+\w+|[\w-]+(?:ed|en))\b/i;

/**
 * A step suggested with a hedge, opening its clause: "maybe subtract the background with a 40 µm ball?", "perhaps denoise
 * first?". The question mark is the hedge's, no question about the data ("maybe it's drift?" names no verb).
 */
const HEDGED_ASK = /(?:^|[.;:!?,]\s*|\s[-–—]\s*)(?:(?:so|ok(?:ay)?|and|then|hmm+|um+)[,\s]+)*(?:maybe|perhaps|possibly|probably)\s+(?:just\s+|also\s+|first\s+)?(?!(?:it|its|it's|there|there's|that|that's|this|they|they're|the|a|an|i|i'm|we|we're|you|is|are|was|were|not|no|some|too|more|less|because|so|because|both|all|only|even|one|my|our|your|their)\b)([\p{L}-]+)\s+(?:it|them|this|that|the|a|an|my|our|each|every|all|both|first|channel|frames?)\b/iu;

/**
 * "how do I correct the drift?", "how can we export this to TrackMate?": asked of an assistant that does the steps, a
 * question of how to do a step is a request for it (as "can you ...?"), not a question about the data; one of how to
 * know or judge something ("how do I know if there is drift?") asks about the data.
 */
export const HOW_DO_I = /^(?:(?:so|hi|hey|ok(?:ay)?|um+)[,!]?\s+)*how\s+(?:do|can|could|should|would)\s+(?:i|we|one)\s+(?:go\s+about\s+|best\s+)?(?!(?:know|tell|see|find|check|judge|decide|say|be|interpret|read|understand|get\s+(?:a|the)\s+(?:number|value))\b)[a-z]/i;

export function asksForAStep(text: string): boolean {
  if (stepsSuggested(text) || HOW_DO_I.test(text)) return true;
  const hedged = HEDGED_ASK.exec(text);
  if (hedged && !ASKING_VERB.test(hedged[1]) && !/(?:ed|ing|ly|s)$/i.test(hedged[1])) return true;
  if (PASSIVE_ASK.test(text) && !/\b(?:what|which|how|where|when|who|why)\b[^,.;:!?]*\b(?:can|could|would|will)\s/i.test(text)) return true;
  const m = POLITE_ASK.exec(text);
  // ("what can you do?", "how many frames can you see?": a question word asks before it)
  if (!m || /\b(?:what|which|how|where|when|who|whom|whose|why)\b[^,.;:!?]*$/i.test(text.slice(0, m.index + 1))) return false;
  if (m[1] !== undefined) {
    // ("would you mind telling me ...": the verb's -ing form)
    const stem = m[1].toLowerCase().replace(/ing$/, '');
    const forms = [m[1], stem, stem.replace(/(\w)\1$/, '$1'), `${stem}e`];
    return !forms.some((f) => ASKING_VERB.test(f)) && !/^(?:be|please)$/i.test(m[1]);
  }
  // "can I get a higher resolution version": the thing is made; "a list of the channels" is told
  const object = text.slice(m.index).replace(/^.*?\b(?:get|have|for|request)\s+(?:a|an|some)\s+/i, '');
  return !TOLD_NOUN.test(object);
}

/** A clause that asks for its step after every other ("lastly export as csv; first segment and measure"). */
const RUNS_LAST = /^(?:(?:and|but|please|then|,)\s+)*(?:lastly|last(?:\s+of\s+all)?|at\s+the\s+(?:very\s+)?end|in\s+the\s+end|to\s+finish(?:\s+off)?)\b/i;

/** True when the clause asks for its step to run before the clause(s) written ahead of it. */
export function runsFirst(clause: Clause): boolean {
  // "..., so maybe smooth first", "denoise it first": "first" closing the clause says the same
  // ("train it first on this movie": "first" right after the verb and its object)
  // ("bleach-correct first though", "denoise first please": a softener after "first" closes the clause all the same)
  return FIRST.test(clause.text) || /\b(?:first|beforehand|before(?:\s+(?:that|this|anything(?:\s+else)?))?)(?:[\s,]+(?:though|tho|please|pls|plz|thanks|thx|if\s+possible|if\s+you\s+can|ok|okay|obviously|of\s+course|really|ideally))*\s*[.!?]*$/i.test(clause.text)
    || /^(?:(?:and|but|please|then)\s+)?[a-z]+\s+(?:it|them|this|that|(?:the|a|an)\s+[\w-]+)\s+first\b/i.test(clause.text);
}

/** "before segmenting, correct the drift": the clause's step runs after the next clause's. */
export function isBeforeClause(clause: Clause): boolean {
  return BEFORE.test(clause.text) && !FIRST.test(clause.text);
}

/** "segment after correcting the drift": the clause's step runs before the one it follows. */
export function isAfterClause(clause: Clause): boolean {
  return AFTER.test(clause.text);
}

/**
 * The steps in the order the words ask for: each item is the index of a clause.
 * `steps[i]` is the clause index of a step-bearing clause, in written order.
 */
export function orderSteps(clauses: Clause[], stepClauses: number[]): number[] {
  const order = [...stepClauses];
  for (let k = 0; k < order.length; k++) {
    const clause = clauses[order[k]];
    // ("first you correct drift, after you segment": an "after" never moves ahead of a step said to run first; it follows it)
    const afterTheFirst = !runsFirst(clause) && isAfterClause(clause) && /^\W*(?:and\s+)?after\s+(?:you|we|i)\b/i.test(clause.text) && runsFirst(clauses[order[k - 1]] ?? clause) && clauses[order[k - 1]]?.sentence === clause.sentence;
    if (k > 0 && !afterTheFirst && (runsFirst(clause) || isAfterClause(clause))) {
      // moves ahead of the steps written before it in the same sentence (all of them for "first")
      let to = k - 1;
      if (runsFirst(clause)) while (to > 0 && clauses[order[to - 1]].sentence === clause.sentence) to--;
      const [moved] = order.splice(k, 1);
      order.splice(to, 0, moved);
      // "..., after segmenting and tracking the nuclei": the gerunds joined to the "after" go with it
      let with_ = 0;
      while (isAfterClause(clause) && k + 1 < order.length && clauses[order[k + 1]].sentence === clause.sentence && /^(?:and|,)$/.test(clauses[order[k + 1]].joiner) && /^(?:and\s+)?(?:then\s+)?[a-z]+ing\b/i.test(clauses[order[k + 1]].text)) {
        const [next] = order.splice(k + 1, 1);
        order.splice(to + 1 + with_, 0, next);
        with_++;
        k++;
      }
    }
  }
  // "segment the nuclei; before segmenting, denoise", "track them. Prior to that, correct the drift": a sentence opened by
  // a "before ..." clause that holds no step of its own (the step it names was said already) puts its step ahead of the one said before it
  for (let k = 1; k < order.length; k++) {
    const opener = clauses[order[k] - 1];
    if (!opener || stepClauses.includes(order[k] - 1) || opener.sentence !== clauses[order[k]].sentence || clauses[order[k] - 2]?.sentence === opener.sentence) continue;
    if (!BEFORE.test(opener.text) || clauses[order[k - 1]].sentence === opener.sentence) continue;
    const [moved] = order.splice(k, 1);
    order.splice(k - 1, 0, moved);
  }
  // ("lastly ..." written before the others: after all of them, in the order written)
  const last = order.filter((c) => RUNS_LAST.test(clauses[c].text));
  if (last.length && last.length < order.length) order.splice(0, order.length, ...order.filter((c) => !last.includes(c)), ...last);
  for (let k = 0; k + 1 < order.length; k++) {
    if (isBeforeClause(clauses[order[k]]) && (k === 0 || clauses[order[k - 1]].sentence !== clauses[order[k]].sentence)) {
      [order[k], order[k + 1]] = [order[k + 1], order[k]];
      k++;
    }
  }
  return order;
}

/**
 * The clause with its frame scope blanked (same length, so positions hold): "for the first
 * 10 frames", "frames 10-20", "from frame 5 onwards", "in frame 12" say where a step runs,
 * not which step ("the first frame" alone, a reference, stays).
 */
export function withoutFrameScope(text: string): string {
  const blank = (m: string) => ' '.repeat(m.length);
  return text
    .replace(new RegExp(String.raw`\b(?:the\s+)?(?:first|initial|${LAST_ADJECTIVE})\s+\d+\s+(?:frames?|time ?points?|timepoints?)\b`, 'gi'), blank)
    .replace(/\b(?:between\s+)?(?:frames?|time ?points?|timepoints?)\s*#?\d+\s*(?:to|-|–|through|until|till|and)\s*(?:frame\s*)?\d+\b/gi, blank)
    .replace(/\b(?:from|after|since|starting\s+(?:at|from))\s+(?:frame|time ?point|timepoint)\s*#?\d+(?:\s+(?:onwards|onward|on|to\s+the\s+end))?\b/gi, blank)
    // ("frames 20 onwards", "frame 25 and later")
    .replace(/\b(?:frames?|time ?points?|timepoints?)\s*#?\d+\s*(?:onwards?|on\b|and\s+(?:after|later|beyond)|\+)/gi, blank)
    .replace(/\b(?:in|at|on|of|for)\s+(?:the\s+)?(?:frame|time ?point|timepoint)\s*#?\d+\b/gi, blank)
    .replace(new RegExp(FRACTION_SCOPE.source, 'gi'), blank)
    // ("in the first hour": a span of the movie, never the hours of an acquisition)
    .replace(new RegExp(TIME_SPAN_SCOPE.source, 'gi'), blank);
}

/** Words that may stand around a scope in a clause of its own ("only the first half of the movie:", "just frames 1-10"). */
// ("I only care about frames 20 onwards", "we're just interested in the first 10 frames": a scope said as what matters)
const AROUND_SCOPE = /^(?:only|just|please|for|in|on|at|over|across|do|it|this|all|everything|but|and|then|with|using|restricted|restrict|limited|limit|i|we|i'm|we're|care|cares|about|interested|want|need|look|looking|focus|focusing)$/i;

/**
 * A clause that says only where the steps run, no step ("only the first half of the movie:
 * segment the nuclei", "frames 10-20 only, then ..."): its frames apply to the request's steps.
 */
export function isFrameScopeOnly(text: string): boolean {
  const left = withoutFrameScope(text);
  if (left === text) return false;
  return left.split(/[^\p{L}\d'-]+/u).filter(Boolean).every((w) => AROUND_SCOPE.test(w) || /^(?:the|a|of|to)$/i.test(w));
}

/** Kinds of imaging ("phase contrast", "brightfield", "DIC", "fluorescence"), as written. */
const IMAGING_KIND = String.raw`(?:phase[\s-]*contrast|bright[\s-]*field|dic|nomarski|transmitted[\s-]+light|wide[\s-]*field|confocal|(?:epi)?fluorescen(?:ce|t)|label[\s-]*free)`;

/**
 * The data said as a noun phrase with how it was imaged ("Phase contrast movie of fibroblasts", "a 2-channel confocal
 * time-lapse of HeLa cells"): what the movie is, no step (a verb before it, "segment the phase contrast movie", asks one).
 */
const DATA_NOUN_PHRASE = new RegExp(String.raw`^(?:(?:a|an|my|our|this|the|it'?s|it\s+is|these\s+are|[\w-]*\d[\w-]*)\s+)*${IMAGING_KIND}(?:\s+(?:[\w-]*\d[\w-]*|live[\s-]cell|fluorescence))*\s+(?:movie|time[\s-]?lapse|video|recording|images?|data(?:set)?|z[\s-]?stack|stack|film)s?(?:\s+(?:of|with|from|showing)\s+[^,;]*)?[.!]*$`, 'i');

/**
 * The clause with the kind of imaging blanked where it describes the data ("segment the cells in
 * this phase contrast movie", "..., brightfield"): how the movie was taken, no step. Said as what a
 * step starts from or turns into ("predict the nuclei from the brightfield", "brightfield to
 * fluorescence") it stays: that is artificial labelling's own phrase.
 */
export function withoutImagingKind(text: string): string {
  const blank = (m: string) => ' '.repeat(m.length);
  // a clause of the kind alone ("..., phase contrast"), not the only data there is ("only brightfield": labelling asks for it)
  if (new RegExp(String.raw`^\W*(?:(?:in|on|with|under|using|by)\s+)?${IMAGING_KIND}(?:\s+(?:imaging|microscopy|illumination|images?|movies?|data))?\W*$`, 'i').test(text)) return blank(text);
  // the kind said of the data ("this phase contrast movie", "the brightfield images"), not what a step starts from ("from the brightfield")
  return text.replace(new RegExp(String.raw`(?<!\b(?:from|of)\s+(?:the\s+|this\s+|my\s+|our\s+)?)\b${IMAGING_KIND}(?=[\s-]+(?:movies?|videos?|images?|data|stacks?|time[\s-]?lapses?|recordings?|films?|acquisitions?|sequences?)\b)`, 'gi'), blank);
}

/**
 * The clause with a channel said as where a step runs blanked ("on channel 2", "in the second
 * channel"): which channel, not which step ("estimate the drift on channel 2" is no channel alignment).
 */
export function withoutChannelScope(text: string): string {
  // ("segment channel 2 only in the top left corner": a channel marked as the step's scope by "only", after the step's verb
  // and with more words after it; "keep channel 2 only" is the channel kept, crop's)
  return text.replace(/\b(?:on|in|of|for|from)\s+(?:the\s+)?(?:(?:channel|chan|ch)\s*#?\s*\d+|(?:first|second|third|fourth|fifth|last)\s+channel)\b|(?<=\b[a-z]{3,}\s+)(?<!\b(?:keep|keeping|crop|extract|isolate|split|take|duplicate)\s+)(?:channel|chan|ch)\s*#?\s*\d+\s+(?:only|alone)\b(?=\s*\S)/gi, (m) => ' '.repeat(m.length));
}

/**
 * A limit on how long something may take ("the whole thing should stay under 40 min", "within 2 hours", "no longer than
 * 30 minutes"): a budget, no time between frames (that is said of frames: "every", "apart", "per frame", "interval").
 */
const TIME_BUDGET = /\b(?:(?:stay|keep\s+it|keep|be|run|finish|done|take|last)\s+)?(?:in\s+)?(?:under|within|at\s+most|no\s+(?:longer|more)\s+than|not\s+(?:longer|more)\s+than|max(?:imum)?\s+of|a\s+maximum\s+of)\s+(?:about\s+|around\s+|roughly\s+|~\s*)?\d+(?:[.,]\d+)?\s*(?:h|hrs?|hours?|min|mins|minutes?|s|secs?|seconds?|days?)\b(?!\s*(?:apart|per\s+frame|\/\s*frame|between|interval|each|a\s+frame))/gi;

/** The clause with its limits on how long things take blanked, same length: a budget names no calibration. */
export function withoutTimeBudget(text: string): string {
  return text.replace(TIME_BUDGET, (m) => ' '.repeat(m.length));
}

/** Words that open a clause as a question or a statement, never as a command ("is", "how", "the", "I"). */
const NO_COMMAND_OPENER = /^(?:is|are|was|were|do|does|did|has|have|had|can|could|would|will|should|shall|may|might|must|how|what|which|why|when|where|who|whose|whether|if|the|a|an|my|our|your|their|this|that|these|those|it|they|there|i|we|you|he|she|not|no|any|some|all|each|every|ok|okay|sorry|hi|hello|hey|well|thanks|thank|yes|yeah|hmm|oh|right|any)$/i;
/** Words that open a question ("how", "is", "can"). */
const QUESTION_OPENER = /^(?:is|are|was|were|do|does|did|has|have|had|can|could|would|will|should|shall|may|might|must|how|what|which|why|when|where|who|whose|whether|if|any)$/i;
/** Joiners and softeners before a clause's first word ("then", "and then", "maybe", "please", "just"). */
const CLAUSE_LEAD = /^(?:(?:and|then|and\s+then|after\s+that|afterwards|next|finally|also|so|maybe|perhaps|possibly|please|pls|just|first|ok(?:ay)?)[\s,:]+)*/i;

/**
 * A chain of steps said with a question mark at its end, as a suggestion one is unsure of ("subtract the background, then
 * denoise, then find the nuclei?", "maybe: background subtraction, then some smoothing, then find the nuclei?"): one
 * sentence of two clauses or more joined as steps are ("then", "and then", a comma), the first opening with a command's
 * verb (no question word, auxiliary, subject or article). The mark is the hedge's; every step is asked for.
 */
function stepsSuggested(text: string): boolean {
  const t = text.trim();
  if (!/\?\s*$/.test(t) || /[.;!?](?=\s+\S)/.test(t.replace(/\?\s*$/, ''))) return false;
  const clauses = splitClauses(t).filter((c) => !c.heading);
  if (clauses.length < 2 || !clauses.slice(1).some((c) => /^(?:then|and then|after that|,|next|finally)$/.test(c.joiner))) return false;
  const opener = (c: Clause) => /^[\p{L}'’-]+/u.exec(c.text.replace(CLAUSE_LEAD, ''))?.[0] ?? '';
  const first = opener(clauses[0]);
  // (and no later clause opens a question: "segment the nuclei, then how many are there?" asks one)
  return first.length > 0 && !NO_COMMAND_OPENER.test(first) && !ASKING_VERB.test(first) && clauses.slice(1).every((c) => !QUESTION_OPENER.test(opener(c)));
}
