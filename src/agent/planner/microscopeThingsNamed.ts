// The safety net of a turn said to a running acquisition: words that name the run's own things (a channel of its
// sequence, its exposure, power, interval, z-stack, positions, the run itself) and that no reader took as a microscope
// command or question must not end in a reader of the movie's line (a crop's question, the analysis help, "I did not
// understand"): the acquisition language asks back in one line what to change, naming what it read
// (acquisitionLanguage/runThingsNamed.ts). Stop 55.
import type { Plan } from './types.ts';

/** What the net needs of the planner, by the tools' declarations and the acquisition language. */
export interface RunTurnReaders {
  isMicroscopeTool: (tool: string) => boolean;
  /** The acquisition language read the words as a command or a question of its own (a tool, or a line to ask back). */
  heardByTheMicroscope: (words: string) => boolean;
  /** The acquisition language's line asking back about a command it heard that lacks something, or undefined. */
  microscopeAsks: (words: string) => string | undefined;
  /** The acquisition language's line asking what to change, when the words name the run's things. */
  askBack: (words: string) => string | undefined;
  /** A remark and a command run together, written apart ("we're done. shut it down"), or undefined. */
  commandApart: (words: string) => string | undefined;
  /** The plan of other words in the same conversation. */
  replan: (words: string) => Plan;
}

/** A question asking for a fact ("what is ...", "how many ...", "which ..."): answered by its own reader, never asked back. */
const FACT_QUESTION = /^\s*(?:(?:so|ok(?:ay)?|and|but|hey|erm+|um+|hmm+)[\s,]+)*(?:what|which|how|why|when|where|who|whose|is|are|was|were|does|do|did|has|have)\b/i;

/** A sentence that opens with its subject, no verb: a remark ("the GFP is bleaching", "seeing phototoxicity"), never a command. */
const REMARK = /^\s*(?:(?:so|ok(?:ay)?|hmm+|erm+|um+|well|oh|hey|btw|fyi|also)[\s,]+)*(?:the|my|our|its|it's|it|this|that|these|those|they|they're|we|we're|we've|i|i'm|i've|there|there's|seeing|getting|lots\s+of|a\s+lot\s+of|heavy|too\s+much)\b/i;

/** The plan, or one line asking back what to change when it left words about the running acquisition to no microscope reader. */
export function withRunThingsAskedBack(plan: Plan, request: string, readers: RunTurnReaders): Plan {
  if (plan.steps.some((s) => readers.isMicroscopeTool(s.tool))) return plan;
  // ("the 488 is too strong halve it": the command run on after a remark, read apart, when that makes a change)
  const apart = readers.commandApart(request);
  const replanned = apart === undefined ? undefined : readers.replan(apart);
  if (replanned && replanned.steps.length > 0 && replanned.steps.every((s) => readers.isMicroscopeTool(s.tool))) return replanned;
  // ("the GFP is bleaching a lot": a remark on the run that the acquisition language asks back about, never a step on the
  // movie that the remark did not ask for)
  const asked = plan.steps.length > 0 && REMARK.test(request) ? readers.microscopeAsks(request) : undefined;
  if (asked) return { steps: [], reply: asked };
  if (plan.steps.length > 0 || plan.question !== undefined) return plan;
  if (FACT_QUESTION.test(request) || readers.heardByTheMicroscope(request)) return plan;
  const line = readers.askBack(request);
  return line ? { steps: [], reply: line } : plan;
}
