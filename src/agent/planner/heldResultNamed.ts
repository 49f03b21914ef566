// "analyse the tracks: straightness and speed", "look at the masks and give me their areas", with the tracks or masks
// already made: the result is named as the thing the other step reads, under a verb that is none of its maker's. The
// maker is not run again (a second tracking or segmentation, its result read in place of the first, was a silent redo).
// A step said with its own verb ("track them again", "segment the cells and ..."), a setting ("redo the tracks with a
// max distance of 10 px") or a word of doing it anew stays.
import { type Catalogue, selfOf } from './catalogue.ts';
import { tokenize } from './words.ts';

/** Words before the verb of a request that are no verb of a step ("can you", "please", "I'd like to", "ok so"). */
const LEAD = new Set(['can', 'could', 'would', 'will', 'you', 'u', 'please', 'pls', 'plz', 'kindly', 'ok', 'okay', 'so', 'now', 'then', 'and', 'also', 'just', 'i', 'we', 'id', 'd', 'like', 'want', 'need', 'to', 'let', 's', 'lets', 'us', 'me', 'first', 'next', 'finally', 'maybe', 'perhaps', 'hi', 'hey', 'thanks']);

/** Words that ask for the result anew, whatever the verb. */
const ANEW = new Set(['again', 'redo', 'rerun', 're', 'new', 'fresh', 'repeat', 'another', 'retrack', 'resegment', 'over']);

/** The stems a tool's own requests open with: the first word of each of its examples and its one-word words. */
function ownVerbs(tool: string, catalogue: Catalogue): Set<string> {
  const self = selfOf(tool, catalogue);
  const firsts = (self?.examples ?? []).map((e) => tokenize(e)[0]?.stem).filter((s): s is string => !!s);
  const words = (self?.words ?? []).filter((w) => !/\s/.test(w)).map((w) => tokenize(w)[0]?.stem).filter((s): s is string => !!s);
  return new Set([...firsts, ...words]);
}

/**
 * True when the step's clause only names its result, held already, for another step of the plan to read: the clause
 * names that result (`namesResult`), another step consumes its type, and the clause's verb is none of the tool's own.
 */
export function namesHeldResultOnly(step: { tool: string; clause: string }, steps: { tool: string }[], made: string, catalogue: Catalogue, namesResult: (clause: string) => boolean): boolean {
  if (!namesResult(step.clause)) return false;
  if (!steps.some((other) => other !== step && other.tool !== step.tool && (selfOf(other.tool, catalogue)?.consumes ?? []).includes(made as never))) return false;
  const tokens = tokenize(step.clause);
  if (tokens.some((t) => ANEW.has(t.word.toLowerCase()) || ANEW.has(t.stem))) return false;
  const verb = tokens.find((t) => !LEAD.has(t.word.toLowerCase()));
  if (!verb) return false;
  const own = ownVerbs(step.tool, catalogue);
  return !own.has(verb.stem);
}
