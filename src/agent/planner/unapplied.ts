// Words of a step that name a condition no tool knows: "export the tracks as an Imaris
// file", "save the masks to HDF5", "only keep the round ones". They follow a word that
// introduces a condition (as, to, with, using, only, except...) and are in no tool's
// description, nor a slip of a word that is: the answer names them as not applied.
import type { ToolIndex } from './matcher.ts';
import { withoutToldCalibration } from './askedUnits.ts';
import { findQuantities, parseNumber } from './quantities.ts';
import { meaning, normalizeWord, stopWords, type Token, tokenize } from './words.ts';
import { correctedWord, isWrittenRight, vocabularyOf } from './spelling.ts';
import { isEverydayWord } from './english.ts';

/** Words that introduce a method, a format, a scope, a place ("near the wound", "inside the ROI", "around the colony") or a condition. */
const CONDITION = /\b(?:with|using|via|by|as|in|into|to|only|except|excluding|without|but|that|which|where|whose|keep|for|from|on|if|unless|near|nearby|around|inside|within|outside|along|beside|at)\b/gi;

/**
 * Whom or what the result is for, in plain lower-case words ("for lab meeting tomorrow", "for my
 * paper"): the purpose of the request, no condition on a step. A name after "for" ("for Imaris",
 * "for N2V") is written with capitals or digits and stays.
 */
const PURPOSE = /\bfor((?:\s+(?!(?:with|using|via|by|as|in|into|to|only|except|excluding|without|but|that|which|where|whose|keep|from|on|if|unless|and|then)\b)[a-z][a-z'’-]*){1,4})(?=\s*(?:[,.;:!?]|$))/g;

/** Hedges and asides around a request ("nothing fancy", "if possible", "no rush", "it would be great if"): how it is asked, no condition on a step. */
const HEDGE = /\b(?:(?:i|we)(?:'d|\s+would)\s+(?:(?:really|very\s+much)\s+)?(?:like|love|want)\s+to\s+(?:know|find\s+out|learn)|(?:i|we)\s+(?:(?:really|just)\s+)?(?:want|need|wanna)\s+(?:to\s+)?(?:know|find\s+out|learn)|(?:it\s+would|it'?d|that\s+would|that'?d)\s+be\s+(?:really\s+|very\s+|so\s+|most\s+)?(?:great|nice|good|ideal|helpful|perfect|lovely|fantastic|wonderful|amazing|brilliant|appreciated)|as\s+(?:discussed|agreed|mentioned|requested|promised|planned|before)|to\s+whom\s+it\s+may\s+concern|nothing\s+(?:fancy|special|complicated|more|else)|(?:and\s+)?that(?:'?s|\s+is)\s+(?:all|it)\b|no\s+more\s+than\s+that|no\s+(?:rush|hurry|pressure|worries)|if\s+(?:possible|at\s+all\s+possible|you\s+can|you\s+could|you\s+would|you\s+don'?t\s+mind|you\s+do\s+not\s+mind|you\s+(?:get|have)\s+(?:a\s+)?(?:chance|moment|minute|time)|it'?s\s+not\s+(?:too\s+much\s+)?(?:trouble|a\s+bother|too\s+much\s+to\s+ask)|it\s+is\s+not\s+(?:too\s+much\s+)?(?:trouble|a\s+bother)|that'?s\s+(?:ok|okay|possible|fine|alright|all\s+right))|when(?:ever)?\s+you\s+(?:can|have\s+(?:a\s+)?(?:time|moment|minute|chance)|get\s+a\s+chance)|as\s+(?:usual|always)|for\s+now|just\s+in\s+case|(?:at\s+least\s+)?roughly\s+speaking|an?\s+(?:(?:rough|quick|general|approximate|first)\s+)?(?:idea|estimate|sense|feel|guess|impression)\s+(?:of|for|on|about)|(?:an?\s+)?ball\s*park(?:\s+(?:figure|number|estimate|value))?(?:\s+(?:of|for|on))?)\b/gi;

/** The text with its hedges and asides blanked ("..., nothing else", "if possible"): positions kept. */
export function withoutHedges(text: string): string {
  return text.replace(HEDGE, (m) => m.replace(/[^\s]/g, ' '));
}

export function withoutPurpose(text: string): string {
  return withoutHedges(text).replace(PURPOSE, (m, words: string) => m.slice(0, m.length - words.length) + words.replace(/[^\s]/g, ' '));
}

/**
 * A number joined to letters that make no unit of ours and no ordinal ("3D", "8bit", "300dpi"): a dimension, a bit depth
 * or a resolution asked, a word to account for, never a number read elsewhere ("20x", "5px", "10min", "1st" are); "2D" is
 * how every step on an image plane runs.
 */
function dimensionOrDepth(word: string): boolean {
  return /^\d+[a-z]+$/i.test(word) && !/^\d+(?:st|nd|rd|th)$/i.test(word) && !/^[12]d$/i.test(word) && findQuantities(word).length === 0;
}

let stopVocabulary: ReturnType<typeof vocabularyOf> | undefined;

/**
 * A word of the tools or a slip of one, or a function word or a slip of one by the slips fingers make ("teh", "wiht"):
 * "wound" is no slip of "would" (n and l are no neighbouring keys), so "near the wound edge" keeps its place named.
 */
function knownWord(index: ToolIndex, token: Token, stop: string[]): boolean {
  if (index.recognizes(token) || stop.includes(token.word)) return true;
  if (!index.recognizes(token, stop)) return false;
  // (known only as near a function word: a form of one, "needs", or a slip the fingers make, "wiht", "teh")
  stopVocabulary ??= vocabularyOf(stop);
  return token.word.length <= 4 || (isWrittenRight(token.word, stopVocabulary.known) && !isEverydayWord(token.word)) || correctedWord(token.word, stopVocabulary) !== undefined;
}

/** An ordinal in words or digits ("fifth", "10th"). */
const ORDINAL = /^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|twentieth|last|\d+(?:st|nd|rd|th))$/i;

/** A word the tools know only as a few tools' own term, or a slip of one, none of them the step's (stepDeclares). */
function rareElsewhere(index: ToolIndex, token: Token, stop: string[], stepDeclares: (token: Token) => boolean): boolean {
  // (an ordinal is a number, read elsewhere: "every fifth frame")
  if (stop.includes(token.word) || isEverydayWord(token.word) || ORDINAL.test(token.word) || stepDeclares(token)) return false;
  return index.spread(index.meanings([token])[0]) <= RARE_SPREAD;
}

/**
 * Tools that use a word this rarely know it as their own term ("log" of one tool's log-ratio, "bar" of a scale bar, "bit"
 * of a summary's 8-bit): said of a step whose tool does not declare it, such a word is a detail that step did not apply.
 */
const RARE_SPREAD = 3;

/**
 * Unknown words after a condition word in the step's words (names, paths and numbers left out), in order. With
 * stepDeclares and rare: a word of a few other tools only goes into rare, for the reader of constraints to name where it
 * stands beside a choice the step was given ("on a log scale" beside a histogram), never alone ("YFP", "reduce").
 */
export function unappliedWords(clause: string, index: ToolIndex, masked: string = clause, stepDeclares?: (token: Token) => boolean, rare?: string[]): string[] {
  masked = withoutPurpose(masked);
  const first = [...masked.matchAll(CONDITION)][0];
  const from = first ? (first.index ?? 0) + first[0].length : masked.length;
  const stop = [...stopWords()];
  const out: string[] = [];
  // ("wavelet denoising on the GFP channel", "font size 14", "cellpose cyto3 on the cells": a word before any condition word
  // that no tool knows, nor English, is a method or a detail said of the step all the same)
  for (const written of wordsBeforeCue(clause, masked.slice(0, from), index, stop)) if (!out.includes(written)) out.push(written);
  const tokens = tokenize(masked.slice(from));
  for (const token of tokens) {
    // (a number written as a word, "frames five to twelve", is a number: read elsewhere, no name)
    if (token.part || (token.word.length < 3 && !dimensionOrDepth(token.word)) || /_/.test(token.word) || (/^\d/.test(token.word) && !dimensionOrDepth(token.word)) || parseNumber(token.word) !== undefined || new RegExp(`^${CONDITION.source}$`, 'i').test(token.word)) continue;
    // (a word of a few other tools only, which the step's own tool does not declare, is no word of this step: "on a log
    // scale" of plot, "at 300 dpi", "in 8-bit" of export)
    if (knownWord(index, token, stop)) {
      if (stepDeclares && rare && rareElsewhere(index, token, stop, stepDeclares)) {
        const written = clause.slice(from + token.start, from + token.end);
        if (!rare.includes(written)) rare.push(written);
      }
      continue;
    }
    // a hyphenated word whose every part is known ("drift-corrected") is known
    // (a hyphen written, not a CamelCase name: "MaxEntropy" stays a name)
    const parts = tokens.filter((t) => t.part && t.start === token.start);
    if (parts.length > 1 && masked.slice(from + token.start, from + token.end).includes('-') && parts.every((t) => t.word.length < 3 || knownWord(index, t, stop))) continue;
    const written = clause.slice(from + token.start, from + token.end);
    if (!out.includes(written)) out.push(written);
  }
  return out;
}

/**
 * The words before the first condition word that name a method or a detail no tool knows: a word no tool knows, nor a slip
 * of one, nor an everyday English word, that stands as the modifier of a word the tools know ("wavelet" of "wavelet
 * denoising", "font" of "font size 14"), or a name with digits ("cyto3" of "cellpose cyto3"). Prose around the request
 * ("I think the drift is quite bad") modifies no word of the tools and is left alone; adverbs are mannerWords.ts's.
 */
function wordsBeforeCue(clause: string, head: string, index: ToolIndex, stop: string[]): string[] {
  const out: string[] = [];
  const tokens = tokenize(head).filter((t) => !t.part);
  tokens.forEach((token, i) => {
    if (token.word.length < 4 || /_/.test(token.word) || /^\d/.test(token.word) || parseNumber(token.word) !== undefined || ORDINAL.test(token.word)) return;
    if (isEverydayWord(token.word) || knownWord(index, token, stop) || /^\p{L}{3,}ly$/u.test(token.word)) return;
    const next = tokens[i + 1];
    // (the next word follows at once as written, a space or a hyphen between (never across a hedge blanked: "grateful if you could measure"), and is a word of the tools as written, of four letters
    // at least: "wavelet denoising", "font size"; never "quite bad", "grateful if")
    const modifies = !!next && /^[\s-]+$/.test(clause.slice(token.end, next.start)) && next.word.length >= 4 && !stop.includes(next.word) && index.knows(meaning(next.stem));
    if (modifies || /\p{L}\d/u.test(token.word) || predicatedInACount(clause, tokens, i, index)) out.push(clause.slice(token.start, token.end));
  });
  return out;
}

/** A linking verb between two words: what follows says what the things before it are ("the cells are multinucleated", "which nuclei look fragmented"). */
const LINKING_VERB = /^\s+(?:are|is|were|was|look|looks|appear|appears|seem|seems|became|become)\s+$/i;

/** A question or order that counts or picks things: "how many", "what fraction/share/percentage/proportion of", "which", "count". */
const COUNTING_OPENER = /\b(?:how\s+many|what\s+(?:fraction|share|percentage|percent|proportion|number)|which|count|number\s+of|percentage\s+of|fraction\s+of|proportion\s+of)\b/i;

/**
 * "how many of the cells are multinucleated?", "what fraction of nuclei look fragmented": a lower-case word no tool knows,
 * said of things the tools know through a linking verb in a clause that counts or picks them, is the condition the count is
 * of; a count of all the things does not apply it. A name ("the cells are HeLa") or prose outside a count stays context.
 */
function predicatedInACount(clause: string, tokens: Token[], i: number, index: ToolIndex): boolean {
  const subject = tokens[i - 1];
  if (!subject || !LINKING_VERB.test(clause.slice(subject.end, tokens[i].start)) || !/^\p{Ll}+$/u.test(clause.slice(tokens[i].start, tokens[i].end))) return false;
  return index.knows(meaning(subject.stem)) && COUNTING_OPENER.test(clause.slice(0, subject.start));
}

/** Whether a clause's first word asks for no action: a preposition ("for the channel number two, ..."), a polite or question word. */
export const opensWithoutAnAction = (word: string): boolean => NOT_AN_ACTION.test(word);

/** Words that open a clause without asking for an action (a reason: "because the cells were starved", "please", "thanks", "ok", a question word, an adverb: "only those over 50 px", an order word: "..., after that"). */
const NOT_AN_ACTION = /^(?:for|from|with|using|via|per|within|across|through|throughout|under|over|into|onto|in|on|at|of|to|by|about|as|during|regarding|re|name|call|title|that's|thats|that’s|please|pls|plz|thanks?|thank|cheers|ok|okay|hi|hello|hey|yes|no|so|well|also|just|maybe|perhaps|what|how|which|why|when|where|who|is|are|was|were|do|does|did|can|could|would|will|should|may|might|i|we|you|it|they|this|that|there|the|a|an|my|our|let|lets|let's|make|get|give|show|list|tell|need|want|like|try|see|use|keep|leave|do|but|except|apart|besides|not|only|solely|merely|simply|even|exactly|mainly|mostly|especially|particularly|preferably|ideally|after|afterwards|before|later|once|then|next|first|finally|because|since|cause|cuz|cos)$/i;

/**
 * The action a clause asks for when no tool's words match it: "invert it", "flip the movie
 * horizontally", "rotate them by 90°". The clause opens (after "and", "then") with a word no
 * tool matched, followed by what it acts on (a pronoun or an article). Returns that verb, or
 * undefined when the clause is no such action.
 */
export function unmatchedAction(clause: string, index: ToolIndex, unknownVerb = false): string | undefined {
  // ("frames every 2 minutes", "pixels are 0.3 µm": the words that state the calibration are read as it, no action left undone;
  // what the clause says besides them is read alone)
  const bare = withoutToldCalibration(clause);
  if (bare !== clause) return unmatchedAction(bare, index, unknownVerb);
  // ("if it's not too much trouble", "if you don't mind": how it is asked, no action)
  if (!/\p{L}/u.test(withoutHedges(clause))) return undefined;
  // ("rotate by 45 degrees": an amount after "by" is what it acts with)
  // (a joining word is never the verb: "and the nuclei are about 10 µm wide" has none; nor "plus", "additionally" of
  // "segment and track, plus flag the cells that leave", whose verb is "flag")
  // ("can you stitch the tiles": the verb after a polite opening)
  const m = /^(?:\s*(?:and|then|and then|also|plus|additionally|in addition|on top of that|please|pls|now|next|first|finally|after that|,|(?:can|could|would|will)\s+(?:you|u)(?:\s+(?:please|kindly|maybe|possibly|just|also))*)\b\s*)*(?!(?:and|then|also|plus|please|pls|now|next|first|finally|can|could|would|will)\b)([a-z][a-z'-]+)\s+(?:(?:(?:to|by|into|onto|down\s+to|out)\s+)?(?:it|them|this|that|these|those|the|my|our|all|each|every|everything|both)\b|by\s+\d)/i.exec(clause.trim());
  // "make a 3D rendering", "create an animation": a thing to make that no tool's words know is an action no tool does
  const made = /^(?:\s*(?:and|then|and then|also|plus|additionally|in addition|on top of that|please|pls|now|next|first|finally|after that|,)\b\s*)*((?:make|create|generate|produce|build|render|do)\s+(?:an?|some)\s+([\w-]+(?:\s+[\w-]+)?))\s*$/i.exec(clause.trim());
  if (made && tokenize(made[2]).length > 0 && tokenize(made[2]).every((t) => !index.recognizes(t, [...stopWords()]))) return made[1].toLowerCase();
  if (!m || NOT_AN_ACTION.test(m[1])) return undefined;
  // ("toss the debris under 15 px", "ditch the tiny ones": leaving some of the things out is a filter the readers of
  // arguments and constraints apply or name, no action of its own)
  if (meaning(normalizeWord(m[1])) === meaning(normalizeWord('exclude')) || /^avoid(?:s|ing|ed)?$/i.test(m[1])) return undefined;
  // (unknownVerb: the verb itself is in no tool's words, nor a slip of one of them)
  const token = tokenize(m[1])[0];
  // (after a polite opening only a verb no tool's words know: "could you take that out first" points back at a fault)
  const polite = /^(?:\s*(?:and|then|also|please|pls|now|,)\b\s*)*(?:can|could|would|will)\s+(?:you|u)\b/i.test(clause.trim());
  if ((unknownVerb || polite) && (!token || index.recognizes(token, [...stopWords()]))) return undefined;
  return m[1].toLowerCase();
}

/** Verbs of any analysis, which name no operation of their own. */
const GENERIC_ANALYSIS = /^(?:analy[sz]e|quantify|compute|calculate|assess|perform|run|determine|work|figure|evaluate|estimate|get)$/i;

/** One line for an action no tool does, and for the step left out because it would have used its result. */
export function notDoneNote(n: { verb: string; clause: string; dropped?: string }): string {
  const after = n.dropped ? `; ${n.dropped} was not run either, as it would have used that result` : '';
  // (an operation named as a noun: "I have no tool for shading correction")
  if (n.verb === `do ${n.clause}`) return `I have no tool for ${n.clause}: nothing was done for it${after}.`;
  // ("analyse the colocalisation of GFP", "work out the doubling time": a verb of any analysis names nothing; what it is of does)
  const thing = GENERIC_ANALYSIS.test(n.verb) ? new RegExp(String.raw`\b${n.verb}\s+(?:(?:out|up)\s+)?(.+)$`, 'i').exec(n.clause)?.[1]?.trim() : undefined;
  if (thing) return `I have no tool for ${thing} ("${n.clause}"): nothing was done for it${after}.`;
  return `I have no tool to ${n.verb} ("${n.clause}"): nothing was done for it${after}.`;
}
