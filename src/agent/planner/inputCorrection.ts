// "not that one, the drift-corrected one", "use the original instead of the denoised one", "no, take the raw movie": a
// correction of WHICH movie the last step read. The last step that read a movie runs again (by the tool whose schema
// changes an earlier step's arguments, rerun_step) with its movie the one the words point at: named by the step that made
// it ("the drift-corrected one": correct_drift's) or as the recording itself ("the original", "the raw movie"), and the
// steps after it follow. Before, such a turn was "not understood": it named no step of its own.
import { rerunnerOf, selfOf, type Catalogue } from './catalogue.ts';
import type { Conversation, PastResult } from './conversation.ts';
import type { Plan } from './types.ts';

/** The movie turned down: "not that one", "instead of the denoised one", "rather than the smoothed movie". */
const TURNED_DOWN = /\b(?:not|instead\s+of|rather\s+than|in\s+place\s+of)\s+(?:the\s+|that\s+|this\s+|my\s+)?(?:[\w-]+\s+){0,2}?(?:one|movie|version|image|images|stack|data|file|recording)\b/gi;
/** Words that correct a choice made before: "not ...", "instead", "rather", "no,", "wrong one", "I meant", "use", "take". */
const CORRECTS = /\b(?:not|instead|rather|no|nope|wrong|meant|use|take|switch|want)\b/i;

/** The movie of the person's the earlier steps read most recently (no step made it). */
function recordingRead(conversation: Conversation): string | undefined {
  const own = new Set(conversation.artifactsAtStart.filter((a) => a.type === 'movie' && (!a.producedBy || a.producedBy === 'user')).map((a) => a.id));
  const read = [...conversation.earlier].reverse().map((r) => r.args.movie).find((m): m is string => typeof m === 'string' && own.has(m));
  return read ?? [...own][0];
}

/** The latest movie made by one of `producers` in this session, and where its step sits. */
function madeBy(producers: string[], earlier: PastResult[]): { id: string; at: number } | undefined {
  for (let at = earlier.length - 1; at >= 0; at--) {
    const r = earlier[at];
    if (!r.ok || !producers.includes(r.tool)) continue;
    const movie = r.artifacts.find((a) => a.type === 'movie');
    if (movie) return { id: movie.id, at };
  }
  return undefined;
}

/**
 * The plan of a turn that only corrects which movie the last step read; undefined for any other turn.
 * `producersNamed` gives the tools whose movie a reference phrase names ('(input)': the recording itself), `stepsNamed`
 * the tools the words ask to run as steps of their own (a turn that names one is planned as said: "segment the raw one").
 */
export function inputCorrectionPlan(conversation: Conversation, catalogue: Catalogue, producersNamed: (text: string) => string[] | undefined, stepsNamed: (text: string) => string[]): Plan | undefined {
  const text = conversation.request;
  if (conversation.earlier.length === 0 || !CORRECTS.test(text)) return undefined;
  const rerun = rerunnerOf(catalogue);
  if (!rerun) return undefined;
  const kept = text.replace(TURNED_DOWN, ' ');
  const producers = producersNamed(kept);
  if (!producers?.length) return undefined;
  if (stepsNamed(kept).some((t) => t !== rerun && !producers.includes(t))) return undefined;
  const target = producers.includes('(input)') ? { id: recordingRead(conversation), at: -1 } : madeBy(producers, conversation.earlier);
  if (!target?.id) return undefined;
  // (the last step after the one that made that movie that read another movie: the step whose input is corrected)
  const earlier = conversation.earlier;
  let step: PastResult | undefined;
  for (let at = earlier.length - 1; at > target.at; at--) {
    const r = earlier[at];
    if (!r.ok || r.tool === rerun || 'tool' in (catalogue.get(r.tool)?.properties ?? {})) continue;
    if (typeof r.args.movie === 'string') { step = r; break; }
  }
  if (!step || step.args.movie === target.id) return undefined;
  const source = producers.includes('(input)') ? 'the movie as recorded' : `the ${producers.join(' or ')} result`;
  return {
    steps: [{ tool: rerun, args: { tool: step.tool, changes: { movie: target.id } }, clause: text }],
    notes: [`I ran ${step.tool} again on ${target.id} (${source}) instead of ${step.args.movie as string}, and the steps after it on its results; the earlier results stay addressable by id.`],
  };
}

/** "instead", "rather", "instead of the denoised one": what the words put in the place of something before. */
const INSTEAD = /\b(?:instead(?:\s+of\s+(?:the\s+|that\s+|this\s+|my\s+)?(?:[\w-]+\s+){0,2}?(?:one|movie|version|image|stack|data|file|recording))?|rather(?=\s*[.!]?\s*$))\b/gi;

/**
 * "segment the original movie instead" when nothing was segmented yet: a step of its own, on the movie named, never the
 * last step run again with its settings unchanged (the rerunning tool reads "instead" as its own word). The words without
 * "instead" to plan; undefined when the words name no step by its own verb, or when that step ran before (then it is the
 * one to run again).
 */
export function withoutInsteadOfNothing(conversation: Conversation, catalogue: Catalogue, stepsNamed: (text: string) => string[], opensWith: (text: string, tool: string) => boolean): string | undefined {
  const text = conversation.request;
  const rerun = rerunnerOf(catalogue);
  // (while the microscope's steps are the ones before, "instead" changes them: "make the grid 4x4 instead")
  if (!rerun || !text.match(INSTEAD) || conversation.earlier.some((r) => selfOf(r.tool, catalogue)?.domain === 'microscope')) return undefined;
  const named = stepsNamed(text);
  if (named.length === 0 || named.some((t) => t !== rerun)) return undefined;
  const own = [...catalogue.keys()].filter((t) => t !== rerun && opensWith(text.trim(), t));
  if (own.length === 0 || [...conversation.earlier, ...conversation.current].some((r) => r.ok && own.includes(r.tool))) return undefined;
  return text.replace(INSTEAD, ' ').replace(/\s+([,.;!?])/g, '$1').replace(/\s{2,}/g, ' ').trim();
}
