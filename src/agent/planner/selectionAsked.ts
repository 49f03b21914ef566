// A selection of things said as the clause's object ("the longest 10 tracks", "top 5 tracks by total distance",
// "tracks that start in the first frame", "trajectories lasting at least 15 frames"): the things a tool declares it
// selects (`selects`: filter_tracks of tracks), named in the plural, with a rule that tool's own reader reads from the
// words (a rank, a bound, the first or last frame). The rule's words are often other tools' words ("distance" of
// measure, "first frame" of correct_drift's reference), and the plural is the maker's name ("tracks" of track): what
// weighs is the object and its selection, not those words. A clause that opens with another step's own verb ("plot the
// 10 longest tracks", "measure the speed of ...") or asks a question ("which are the 3 fastest tracks?") keeps its reading.
import { buildArgs } from './builders.ts';
import { type Catalogue, selfOf } from './catalogue.ts';
import { GENERIC_SPREAD, type Match, type ToolIndex } from './matcher.ts';
import { meaning, tokenize } from './words.ts';

/** The tool that declares it selects things of a type, and that type (one per catalogue). */
function selectorOf(catalogue: Catalogue): { tool: string; type: string } | undefined {
  for (const name of catalogue.keys()) {
    const type = selfOf(name, catalogue)?.selects;
    if (type) return { tool: name, type };
  }
  return undefined;
}

/** Verbs of keeping in the selector's own words ("keep tracks", "only trajectories"): the word after one is a noun of the things it keeps. */
const KEEPING = /^(?:keep|only|drop|discard|remove|exclude)$/i;

/** The plural nouns the selector's own words call its things by ("tracks", "trajectories"), as written. */
export function thingsOf(tool: string, catalogue: Catalogue): Set<string> {
  const out = new Set<string>();
  for (const phrase of selfOf(tool, catalogue)?.words ?? []) {
    const words = phrase.toLowerCase().split(/\s+/).filter((w) => w !== 'the');
    if (words.length === 2 && KEEPING.test(words[0]) && /s$/.test(words[1])) out.add(words[1]);
  }
  return out;
}

/** Opening words of a clause before its verb or its noun phrase ("and", "then", "just", "please", "give me", "I want"). */
const OPENING = /^(?:\s*(?:and|then|also|please|pls|now|next|finally|just|only|,|i\s+(?:want|need)|i'?d\s+like|give\s+me|get\s+me)\b\s*)*/i;
/** A question, asked as one ("which are ...?", "how many ...", "what is ..."): answered from the results, never a new selection. */
const ASKED = /\?\s*$|^\s*(?:which|what|how|who|where|when|why|is|are|do|does|did|can|could)\b/i;

/** What the selector's own reader reads from the clause alone (no session): its rule, or its $decline / $ask. */
function selectorArgs(tool: string, text: string, catalogue: Catalogue): Record<string, unknown> {
  return buildArgs(tool, { clause: text, text, conversation: { request: text, artifactsAtStart: [], earlier: [], current: [], earlierRequests: [] }, catalogue, request: text, single: true });
}

/**
 * The selector's match when the clause asks for a selection of its things by its own rule (see the top of this file), else
 * undefined. `best` is the clause's reading so far; a step named by its own verb at the clause's opening keeps it.
 */
export function selectionAsked(text: string, best: Match | undefined, index: ToolIndex, catalogue: Catalogue): Match | undefined {
  const selector = selectorOf(catalogue);
  if (!selector || best?.tool === selector.tool || ASKED.test(text)) return undefined;
  const things = thingsOf(selector.tool, catalogue);
  // (a value of another step said in the clause by a telling word, "a histogram of ...", "make a histogram of ...": not the
  // things' own noun, plot's kind "tracks", nor a word many tools use, plot's kind "frame" in "... in the last frame")
  const valueWords = tokenize(text).filter((t) => !t.part && !things.has(t.word) && !things.has(`${t.word}s`) && index.spread(meaning(t.stem)) < GENERIC_SPREAD).map((t) => t.word);
  const said = tokenize(text).filter((t) => !t.part && things.has(t.word));
  if (said.length === 0) return undefined;
  // ("plot the 10 longest tracks", "measure the speed of the top 5 tracks": another step's verb opens the clause)
  const first = /^([\p{L}-]+)/u.exec(text.replace(OPENING, ''))?.[1];
  const verb = first ? index.stepVerb(first) : undefined;
  if (verb && !verb.tools.includes(selector.tool)) return undefined;
  // (the tool named by its own name before the things, "draw a kymograph of the 3 longest tracks")
  if (best?.named && !best.tool.split('_').some((w) => things.has(`${w}s`))) return undefined;
  const args = selectorArgs(selector.tool, text, catalogue);
  // a rule its own reader states: any value but its input, its output and the defaults of its ranking (as selectionScope.ts)
  const rule = Object.entries(args).some(([k, v]) => v !== undefined && v !== false && !k.startsWith('$') && ![selector.type, 'output', 'rankFrom', 'rankBy'].includes(k));
  if (!rule) return undefined;
  const at = said[0].start;
  // (its name's words as meanings, "filter track": the selection named as a whole, so it never gives way as a weak step)
  return { tool: selector.tool, score: Math.max(best?.score ?? 0, 1) + 1, at, matched: [tokenize(selector.tool.replace(/_/g, ' ')).map((t) => meaning(t.stem)).join(' ')], named: false, nameWord: true };
}

/**
 * True when the clause's reading so far is the selector, but the clause is a question with no rule the selector's reader
 * states ("how long do the tracks last, in minutes?": "last" is a word of keeping tracks present at the end): a question
 * about the things is answered from them, never a selection refused for want of a rule.
 */
export function selectionMisread(text: string, best: Match | undefined, catalogue: Catalogue): boolean {
  const selector = selectorOf(catalogue);
  if (!selector || best?.tool !== selector.tool || best.named || !ASKED.test(text)) return false;
  const args = selectorArgs(selector.tool, text, catalogue);
  return typeof args.$decline === 'string';
}

/**
 * "plot the 10 longest tracks", "a histogram of the speeds of the 20 fastest tracks", "draw the longest track": the clause
 * reads best as the selector, but it also names another step that reads the selected things, by the verb that opens the
 * clause, by its name, or by one of its values in a telling word ("histogram"; not "frame" of "... in the last frame"), scoring close to the selector: that step is what is asked,
 * the selection its scope (selectionScope.ts runs the selection first and the step on what it keeps). Never a selection
 * alone with the figure or the file dropped. Undefined when the clause is no such request.
 */
export function stepOnSelection(text: string, best: Match | undefined, ranked: Match[], index: ToolIndex, catalogue: Catalogue, namesValue: (tool: string, words: string) => boolean): Match | undefined {
  const selector = selectorOf(catalogue);
  if (!selector || best?.tool !== selector.tool || best.named || ASKED.test(text)) return undefined;
  const first = /^([\p{L}-]+)/u.exec(text.replace(OPENING, ''))?.[1];
  const verb = first ? index.stepVerb(first) : undefined;
  // (the things themselves opening the clause, "only tracks ...", are no value of another step: plot's kind "tracks")
  const things = thingsOf(selector.tool, catalogue);
  // (a value of another step said in the clause by a telling word, "a histogram of ...", "make a histogram of ...": not the
  // things' own noun, plot's kind "tracks", nor a word many tools use, plot's kind "frame" in "... in the last frame")
  const valueWords = tokenize(text).filter((t) => !t.part && !things.has(t.word) && !things.has(`${t.word}s`) && index.spread(meaning(t.stem)) < GENERIC_SPREAD).map((t) => t.word);
  const readsThings = (tool: string) => (selfOf(tool, catalogue)?.consumes ?? []).includes(selector.type as never) && !(selfOf(tool, catalogue)?.produces ?? []).includes(selector.type as never);
  return ranked.find((m) => m.tool !== selector.tool && m.score >= 0.75 * best.score && readsThings(m.tool) && (verb?.tools.includes(m.tool) || m.named || m.nameWord || valueWords.some((w) => namesValue(m.tool, w))));
}
