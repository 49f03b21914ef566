// A request that joins an errand from elsewhere to a step of ours ("buy milk and then track the nuclei", "order
// pizza, then segment"): the errand is named in one line as not something cellpilot does, the rest is planned as
// if it had been asked alone, and none of the errand's words reach a step (no "Paris" as a drift option, no step
// added for them). A request that is wholly from elsewhere is refused whole, elsewhere (outOfScope.ts).
import { type Clause, isContext, splitClauses } from './clauses.ts';
import type { ToolIndex } from './matcher.ts';
import { namesAThingImaged } from './outOfScope.ts';
import { withoutPurpose } from './unapplied.ts';
import { meaning, stopWords, tokenize } from './words.ts';
import { CHANNEL_NAMES } from './lexicon.ts';
import { CENTRE_WORDS, EDGE_WORDS, FIELD_PART_NOUNS, PLACE_WORDS, pluralOf } from '../../../tools/regionWords.ts';

/** Channel and fluorophore names, lower case, three letters or more ("gfp" also ends "egfp"). */
const CHANNELS = CHANNEL_NAMES.map((c) => c.toLowerCase()).filter((c) => c.length >= 3);

/** Words that open no request for an action: pronouns, articles, prepositions, question words, modals, greetings, the verbs that ask for an answer ("let me know the roundest one"), and the statistics a value is asked by ("..., median and interquartile range"). */
const NOT_AN_ASKING_VERB = /^(?:i|we|you|it|they|he|she|this|that|these|those|there|here|the|a|an|my|our|your|his|her|their|for|from|with|in|on|at|of|to|by|about|as|during|before|after|until|nothing|no|not|so|well|yes|ok|okay|hi|hello|hey|thanks?|cheers|what|how|which|why|when|where|who|is|are|was|were|do|does|did|can|could|would|will|should|may|might|if|unless|because|since|while|but|or|and|then|above|below|under|over|after|before|between|within|without|across|along|around|near|per|via|let|lets|tell|show|give|report|say|explain|list|h+m+|u+m+|u+h+|oh|ah|er|erm|sorry|right|great|cool|nice|fine|sure|thx|ty|maybe|perhaps|possibly|probably|ideally|preferably|mean|average|median|sd|std|sem|cv|iqr|interquartile|inter-quartile|standard|variance|range|spread|percentiles?|quartiles?|min|max|minimum|maximum|coefficient)$/i;
/** Words that join a clause to the one before or soften it ("and then", "please", "also"). */
const OPENERS = /^(?:\s*(?:,|;|and|then|also|please|pls|plz|now|next|first|finally|afterwards|after\s+that|before\s+that)(?![\p{L}]))*\s*/iu;

export interface ForeignClause {
  start: number;
  end: number;
  /** The errand as written, without the words that join it ("buy milk"). */
  said: string;
  /** An everyday errand ("walk the dog"): named as outside what cellpilot does even where its verb reads as an action we lack. */
  everyday?: boolean;
}

/** How the planner reads words alone: outside microscopy (the whole-request test of scope). */
export interface AloneReading {
  outside: (words: string) => boolean;
  /** Whether the words name a channel the microscope's language knows ("far-red only", "the 561 line"): imaging, no errand. */
  namesAChannel?: (words: string) => boolean;
}

/**
 * The clauses of a request that ask for an errand from elsewhere: each opens with a verb, names nothing imaged, no
 * tool, channel or number, and alone is read as outside microscopy. Empty when no clause is one, or when every clause
 * is (the whole request is then refused as it stands).
 */
export function foreignClauses(text: string, index: ToolIndex, alone: AloneReading): ForeignClause[] {
  const clauses = splitClauses(text).filter((c) => c.text.replace(OPENERS, '').trim().length > 0);
  if (clauses.length < 2) return [];
  const everyday = new Set(clauses.filter((c) => asksForAnErrand(c, index, { outside: (words) => isEverydayErrand(words, index), namesAChannel: alone.namesAChannel }, false)));
  const foreign = clauses.filter((c) => everyday.has(c) || asksForAnErrand(c, index, alone));
  if (foreign.length === 0 || foreign.length === clauses.length) return [];
  return foreign.map((c) => {
    const opener = OPENERS.exec(c.text)?.[0].length ?? 0;
    return { start: c.start + opener, end: c.end, said: c.text.slice(opener).replace(/[\s,;.!?]+$/, ''), ...(everyday.has(c) ? { everyday: true } : {}) };
  });
}

function asksForAnErrand(clause: Clause, index: ToolIndex, alone: AloneReading, byWhatItActsOn = true): boolean {
  if (clause.negated || clause.heading || isContext(clause.text)) return false;
  const bare = clause.text.replace(OPENERS, '');
  const verb = /^[\p{L}'’-]+/u.exec(bare)?.[0];
  if (!verb || NOT_AN_ASKING_VERB.test(verb.replace(/['’]\p{L}+$/u, ''))) return false;
  // ("..., ditch the elongated ones", "toss the debris": leaving some of the things out is a filter on them, never an errand;
  // "drop off the parcel" is one)
  const verbToken = tokenize(verb)[0];
  if (verbToken && meaning(verbToken.stem) === meaning(tokenize('exclude')[0].stem) && !/^\S+\s+off\b/i.test(bare)) return false;
  // ("correct for it", "take that out": what it acts on was said before, a problem described, no errand of its own)
  if (/\b(?:it|its|that|this|them|those|these|they)\b/i.test(bare)) return false;
  // (an errand is a verb and what it acts on: "buy milk"; a word alone, "hm", "lovely", is none)
  if ((bare.match(/[\p{L}'’-]{2,}/gu) ?? []).length < 2) return false;
  // ("..., nothing fancy", "for my thesis": how or for whom it is asked, no errand)
  if (withoutPurpose(bare).trim().length === 0) return false;
  // ("polynomial order 3)", "method=li", "5 um above": numbers, settings and asides are a step's, never an errand;
  // tested before the readings below, which cost more)
  if (/[\d=:()[\]]/.test(bare)) return false;
  // (a fluorophore or channel named, "time series in EGFP", is imaging)
  if ((bare.match(/[\p{L}\d]+/gu) ?? []).some((w) => CHANNELS.some((c) => w.toLowerCase().endsWith(c))) || alone.namesAChannel?.(bare)) return false;
  // (a tool named, "track them for my thesis", or a thing imaged, "feed the cells", keeps the clause ours)
  if (index.match(bare).some((m) => m.named) || namesAThingImaged(bare, index)) return false;
  return alone.outside(bare) || (byWhatItActsOn && actsOnAThingFromElsewhere(bare, index));
}

/** Words that join a verb to what it acts on ("pick up", "drop off"): no part of the thing. */
const PARTICLE = /^(?:up|off|out|down|away|over|back|in|on)$/i;

/**
 * "pick up the dry cleaning", "clean the bathroom": a verb and what it acts on, where no tool's words match the clause
 * at all and what it acts on holds a word no tool knows (its verb may be ours: "pick", "clean"); what is imaged, a
 * channel, a number or a tool named was ruled out before.
 */
function actsOnAThingFromElsewhere(words: string, index: ToolIndex): boolean {
  if (index.match(words).length > 0) return false;
  const stop = new Set(stopWords());
  const tokens = tokenize(words).filter((t) => !t.part);
  const thing = tokens.slice(1).filter((t, i) => !(i === 0 && PARTICLE.test(t.word)) && !stop.has(t.word) && t.word.length >= 3);
  const unknown = thing.filter((t) => !index.knows(meaning(t.stem)) && !index.namesAnArgument(meaning(t.stem)));
  // ("keep the defaults", "use your judgement": after a verb of how to work, how the work is done, no errand)
  if (HOW_TO_WORK.test(tokens[0]?.word ?? '')) return false;
  // ("crop the top left corner", "rotate the view by a quarter turn": a part of the image or the view is what is imaged)
  if (thing.some((t) => IMAGE_PART.test(t.word))) return false;
  return unknown.length > 0;
}

/** Words for a part of an image or of what is shown. */
const IMAGE_PART = new RegExp(String.raw`^(?:${[...[...FIELD_PART_NOUNS.filter((n) => n !== 'side' && n !== 'part'), 'area'].flatMap((n) => [n, pluralOf(n)]), ...EDGE_WORDS, ...CENTRE_WORDS, ...PLACE_WORDS].join('|')}|view|views|field|fields|fov|roi|rois|pixels?|turn|degrees?|brightness|contrast|colou?rs?|scale|scalebar|bar|axis|axes|legend|title|labels?)$`, 'i');

/** Verbs that say how to do the work asked, not a thing to do. */
const HOW_TO_WORK = /^(?:keep|use|leave|stick|follow|trust|go|try|be|make|take|assume|treat|consider|ignore|skip|avoid|prefer|choose|apply|stay|stop|start|run|do)$/i;

/**
 * "walk the dog", "feed the cat", "water the plants": a verb no tool's words know, not even as a slip of one, and no word
 * after it that a tool writes as it stands (a slip of a short word, "dog" for "log", is no word of ours). An action we lack
 * on what is imaged ("rotate the movie", "crop the stack") names a thing of ours and is no errand.
 */
function isEverydayErrand(words: string, index: ToolIndex): boolean {
  const stop = [...stopWords()];
  const tokens = tokenize(words).filter((t) => !t.part && !stop.includes(t.word));
  if (tokens.length < 2 || index.knows(meaning(tokens[0].stem))) return false;
  // (a short verb read as a slip of ours, "wash", is an errand only when nothing after it reads as ours even by a slip: not "trak the cels")
  const slipOfVerb = index.recognizes(tokens[0], stop);
  if (slipOfVerb && tokens[0].word.length > 4) return false;
  return tokens.slice(1).every((t) => !index.knows(meaning(t.stem)) && !index.namesAnArgument(meaning(t.stem)) && !((slipOfVerb || t.word.length >= 5) && index.recognizes(t, stop)));
}

/** The line that names the errands left undone. */
export function foreignNote(foreign: ForeignClause[]): string {
  const said = foreign.map((f) => `"${f.said}"`).join(' and ');
  return `${said} ${foreign.length === 1 ? 'is' : 'are'} not something cellpilot does (it analyses microscopy movies and runs the microscope), so nothing was done for ${foreign.length === 1 ? 'it' : 'them'}.`;
}

/** The request with the errands' words blanked (positions kept), for planning the rest as if asked alone. */
export function withoutForeign(text: string, foreign: ForeignClause[]): string {
  return foreign.reduce((t, f) => t.slice(0, f.start) + ' '.repeat(f.end - f.start) + t.slice(f.end), text);
}
