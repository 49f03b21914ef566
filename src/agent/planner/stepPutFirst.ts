// "wait, before that correct the drift", "oh I forgot, the movie needs drift correction first", "denoise it first": a turn
// that puts a step that makes a movie ahead of the work already done. The step runs on the recording the earlier work read,
// then the first earlier step that read that recording runs again on its result (rerun_step, with the steps after it), so
// the work is redone in the order meant. Before, the step ran alone (its result used by nothing) beside a pause of the
// acquisition for "wait", or an undo for "forgot".
import { producesOf, rerunnerOf, selfOf, type Catalogue } from './catalogue.ts';
import type { Conversation, PastResult } from './conversation.ts';
import type { Plan, Ref } from './types.ts';

/** The words that put what they say ahead of the work before: "before that", "first" said of the step, "beforehand". */
const AHEAD = /\b(?:before\s+(?:that|this|it|them|those|doing\s+(?:that|this|it)|all\s+(?:that|this)|you\s+do\s+(?:that|this|it)|anything\s+else)|beforehand|first(?:\s+of\s+all)?(?!\s+(?:\d|frame|channel|time|one|slice|plane|position|point|movie|file|image|cell|nucle|track|half|few|two|three|\w+\s+frames?)))\b/i;
/** What a turn says around the step besides: a slip owned up to, a hesitation. */
const ASIDE = /^\s*(?:(?:oh|ah|oops|hmm+|sorry|no|wait|hold\s+on|hang\s+on|stop|actually|and|but|so|ok(?:ay)?)[\s,.!-]+)*(?:i\s+forgot(?:\s+(?:to\s+say|that|to\s+mention))?[\s,.:-]*)?/i;

/** The first earlier step that read one of the person's own movies (no rerun of a step, no step that only tells). */
function firstReaderOfRecording(conversation: Conversation, rerun: string, catalogue: Catalogue): PastResult | undefined {
  const own = new Set(conversation.artifactsAtStart.filter((a) => a.type === 'movie' && (!a.producedBy || a.producedBy === 'user')).map((a) => a.id));
  return conversation.earlier.find((r) => r.ok && r.tool !== rerun && typeof r.args.movie === 'string' && own.has(r.args.movie) && selfOf(r.tool, catalogue)?.domain !== 'microscope');
}

/**
 * The plan of a turn that puts movie-making steps ahead of the work done before; undefined for any other turn. `planOf`
 * plans words as a request of their own.
 */
export function stepPutFirstPlan(conversation: Conversation, catalogue: Catalogue, planOf: (words: string) => Plan): Plan | undefined {
  const text = conversation.request;
  if (!AHEAD.test(text) || /\?\s*$/.test(text)) return undefined;
  const rerun = rerunnerOf(catalogue);
  if (!rerun) return undefined;
  const reader = firstReaderOfRecording(conversation, rerun, catalogue);
  if (!reader) return undefined;
  const rest = text.replace(AHEAD, ' ').replace(ASIDE, '').replace(/\s+([,.;!?])/g, '$1').replace(/^[\s,.;:-]+|[\s,.;:-]+$/g, '').replace(/\s{2,}/g, ' ');
  if (!rest) return undefined;
  const planned = planOf(rest);
  // (only steps that make a movie: "track them, but first denoise" names a step of its own after it, planned as said)
  if (planned.reply || planned.question || planned.steps.length === 0 || planned.steps.some((s) => producesOf(s.tool, catalogue)[0] !== 'movie' || s.tool === reader.tool)) return undefined;
  const steps = planned.steps.map((s, i) => (i === 0 ? { ...s, args: { ...s.args, movie: reader.args.movie } } : s));
  const made = { $ref: 'movie', mode: 'chain' } satisfies Ref;
  return {
    ...planned,
    steps: [...steps, { tool: rerun, args: { tool: reader.tool, changes: { movie: made } }, clause: text }],
    notes: [...(planned.notes ?? []), `I ran ${steps.map((s) => s.tool).join(', ')} first, on ${String(reader.args.movie)}, then ${reader.tool} again on its result and the steps after it; the earlier results stay addressable by id.`],
  };
}
