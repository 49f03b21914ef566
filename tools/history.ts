// Undo and change: drop the last step (or a named one) and what was built on it, or run
// a step again with changed arguments together with every step downstream of it. Old
// artifacts stay addressable by id; the provenance log records what replaced what.
// The session provides the mechanism (ctx.state "history"); tools never import the agent.
import { z } from 'zod';
import { InputError } from '../src/errors.ts';
import { HISTORY_KEY } from './historyKey.ts';
import { defineTool, type ToolContext, type ToolSpec } from './types.ts';

export interface Replacement {
  /** The step replaced and the step that replaces it. */
  oldStep: string;
  newStep: string;
  tool: string;
  /** Old artifact id -> new artifact id. */
  artifacts: Record<string, string>;
}

/** What the session offers tools about its own steps (installed as ctx.state.get(HISTORY_KEY)). */
export interface StepHistory {
  /** Marks a step and everything built on it as undone; their artifacts stay addressable by id. */
  undo(step?: string, tool?: string): { undone: string[]; artifacts: string[] };
  /** Runs a step again with `changes` merged into its arguments, then every step downstream of it. */
  replay(step: string | undefined, tool: string | undefined, changes: Record<string, unknown>, ctx: Pick<ToolContext, 'signal' | 'progress'>): Promise<Replacement[]>;
  /** Steps no longer in effect (undone or replaced), which a saved pipeline leaves out. */
  setAside(): string[];
}

export { HISTORY_KEY };

function historyOf(ctx: ToolContext): StepHistory {
  const history = ctx.state.get(HISTORY_KEY) as StepHistory | undefined;
  if (!history) throw new InputError('undo and rerun need a session: run them in the chat or with cellpilot ask --session');
  return history;
}

const stepArg = z.string().regex(/^s\d+$/).optional().describe('The step to act on, by its id in /log (e.g. "s4"); default: the latest step of `tool`, else the last analysis step');
const toolArg = z.string().min(1).optional().describe('The tool whose latest step to act on, e.g. "segment" for "redo the segmentation", "track" for "redo the tracking"');

const undo = defineTool({
  name: 'undo',
  summary: 'Undoes the last step (or a named one) and the steps built on it; their results stay addressable by id.',
  words: ['undo', 'revert', 'go back a step', 'go back one step', 'drop the last step', 'remove the last step', 'take back', 'scrap that', 'forget that', 'cancel that step', 'roll back'],
  examples: ['undo', 'drop the last step', 'undo the tracking', 'go back one step', 'scrap the segmentation'],
  consumes: [],
  produces: [],
  results: { undone: { about: 'steps undone' }, artifacts: { about: 'artifacts set aside (still addressable by id)' } },
  description:
    'Undoes the last analysis step (or the step named, or the latest step of a tool) and every step built on its results. Later requests no longer use those results, but their artifacts stay addressable by id; the provenance log records the undo.',
  schema: z.object({ step: stepArg, tool: toolArg }),
  async run(args, ctx) {
    const { undone, artifacts } = historyOf(ctx).undo(args.step, args.tool);
    return {
      summary: `Undid step${undone.length === 1 ? '' : 's'} ${undone.join(', ')}${artifacts.length ? `; ${artifacts.join(', ')} set aside (still addressable by id)` : ''}.`,
      artifacts: [],
      values: { undone, artifacts },
    };
  },
});

const rerunStep = defineTool({
  name: 'rerun_step',
  summary: 'Runs an earlier step again with changed settings, and every step built on it, keeping the old results addressable.',
  words: ['redo', 'rerun', 're-run', 'run again', 'instead', 'use instead', 'change the', 'try again with', 'repeat with', 'with a different', 'again but'],
  examples: ['use Li instead', 'redo the tracking with 10 px', 'redo the segmentation with the Otsu threshold', 'run the drift correction again with a 3 px sigma', 'try the tracking again with gaps of 3 frames'],
  consumes: [],
  produces: ['movie', 'labels', 'tracks', 'table', 'plot'],
  results: { replaced: { about: 'steps replaced, old -> new' }, artifacts: { about: 'old artifact id -> new artifact id' } },
  description:
    'Runs an earlier step again with changed arguments (e.g. segment with method "li", track with maxLinkingDistancePx 10) and then every later step that used its results, wired to the new results. The old artifacts stay addressable by id; the provenance log records which steps replaced which.',
  schema: z.object({
    step: stepArg,
    tool: toolArg,
    changes: z.record(z.string(), z.unknown()).default({}).describe('Arguments to change, as the tool names them, e.g. {"method": "li"} or {"maxLinkingDistancePx": 10}'),
  }),
  async run(args, ctx) {
    const replaced = await historyOf(ctx).replay(args.step, args.tool, args.changes, ctx);
    const map = Object.assign({}, ...replaced.map((r) => r.artifacts)) as Record<string, string>;
    const first = replaced[0];
    const downstream = replaced.length - 1;
    return {
      summary: `Ran ${first.tool} again (${first.oldStep} -> ${first.newStep}) with ${JSON.stringify(args.changes)}${downstream ? ` and the ${downstream} step${downstream === 1 ? '' : 's'} after it (${replaced.slice(1).map((r) => r.tool).join(', ')})` : ''}; new results: ${Object.entries(map).map(([o, n]) => `${n} (was ${o})`).join(', ') || 'none'}.`,
      artifacts: [],
      values: { replaced: replaced.map((r) => ({ old: r.oldStep, new: r.newStep, tool: r.tool })), artifacts: map },
    };
  },
});

export const tools: ToolSpec[] = [undo, rerunStep] as unknown as ToolSpec[];
