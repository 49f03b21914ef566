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
  /** The settings changed and the step's declared numbers, before and after (from the two steps' records). */
  compared?: ComparedValue[];
}

/** One setting or result of a step run again, as the replaced step had it and as the new one has it. */
export interface ComparedValue {
  /** The argument or result value's name (method, objects). */
  name: string;
  /** What it is, as the tool declares it ("objects found over all frames"). */
  about: string;
  /** Its unit ('' for counts and names), as the new step reported it. */
  unit: string;
  /** The replaced step's unit, when it differs (a calibration set between the two runs: px/frame then µm/min). */
  unitBefore?: string;
  before: number | string | boolean;
  after: number | string | boolean;
  /** A setting of the step (an argument changed), not a result. */
  setting?: boolean;
}

/** A number as the comparison shows it: whole numbers as they are, others to 4 significant digits. */
function shown(v: number | string | boolean): string {
  if (typeof v !== 'number') return String(v);
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}

/**
 * One value before and after, with its unit and its change: a count named by what it counts ("30 → 34 objects found over
 * all frames (+4, +13%)"), a measure after its name ("mean speed: 0.42 → 0.39 µm/min (−0.03, −7%)"), a setting as it ran
 * ("method: otsu → li").
 */
function comparedText(c: ComparedValue): string {
  const unit = c.unit ? ` ${c.unit}` : '';
  // (numbers in two units are not compared: "1.79 px/frame → 0.286 µm/min (now calibrated)")
  if (c.unitBefore !== undefined) return `${c.about}: ${shown(c.before)}${c.unitBefore ? ` ${c.unitBefore}` : ''} → ${shown(c.after)}${unit} (units changed with the calibration)`;
  const numbers = typeof c.before === 'number' && typeof c.after === 'number' ? { before: c.before, after: c.after } : undefined;
  const sign = (d: number) => (d > 0 ? '+' : '−');
  const change = !numbers ? '' : numbers.after === numbers.before ? ' (unchanged)' : ` (${sign(numbers.after - numbers.before)}${shown(Math.abs(numbers.after - numbers.before))}${numbers.before !== 0 ? `, ${sign(numbers.after - numbers.before)}${shown(Math.abs((100 * (numbers.after - numbers.before)) / numbers.before))}%` : ''})`;
  // (a count whose description opens with its own name, "objects found ...": the numbers read before it)
  if (numbers && !c.unit && !c.setting && c.about.toLowerCase().startsWith(c.name.toLowerCase())) return `${shown(c.before)} → ${shown(c.after)} ${c.about}${change}`;
  return `${c.about}: ${shown(c.before)}${unit} → ${shown(c.after)}${unit}${change}`;
}

/** The comparison of every step run again with the one it replaced, a sentence per step, what changed first ('' when none was compared). */
export function comparisonText(replaced: Replacement[]): string {
  return replaced
    .filter((r) => r.compared?.length)
    .map((r) => {
      const same = (c: ComparedValue) => !c.setting && c.before === c.after;
      const ordered = [...r.compared!.filter((c) => !same(c)), ...r.compared!.filter(same)];
      return ` Compared with ${r.oldStep} (${r.tool}): ${ordered.slice(0, 6).map(comparedText).join('; ')}.`;
    })
    .join('');
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
  words: ['undo', 'revert', 'go back a step', 'go back one step', 'drop the last step', 'remove the last step', 'take back', 'scrap that', 'forget that', 'cancel that step', 'roll back', 'ctrl-z', 'ctrl+z', 'cmd-z', 'undo that', 'that was wrong'],
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
  words: ['redo', 'rerun', 're-run', 'update', 'refresh', 'refine', 'fine-tune', 'tweak', 'run again', 'instead', 'use instead', 'change the', 'try again with', 'repeat with', 'with a different setting', 'with different settings', 'a different value', 'again but'],
  examples: ['use Li instead', 'redo the tracking with 10 px', 'redo the segmentation with the Otsu threshold', 'run the drift correction again with a 3 px sigma', 'try the tracking again with gaps of 3 frames'],
  consumes: [],
  produces: ['movie', 'labels', 'tracks', 'table', 'plot'],
  results: { replaced: { about: 'steps replaced, old -> new, each with its changed settings and declared numbers, old and new (compared)' }, artifacts: { about: 'old artifact id -> new artifact id' } },
  description:
    'Runs an earlier step again with changed arguments (e.g. segment with method "li", track with maxLinkingDistancePx 10) and then every later step that used its results, wired to the new results; its result lists, for each step run again, the settings changed and the numbers its tool declares, old and new. The old artifacts stay addressable by id; the provenance log records which steps replaced which.',
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
      summary: `Ran ${first.tool} again (${first.oldStep} -> ${first.newStep}) with ${JSON.stringify(args.changes)}${downstream ? ` and the ${downstream} step${downstream === 1 ? '' : 's'} after it (${replaced.slice(1).map((r) => r.tool).join(', ')})` : ''}; new results: ${Object.entries(map).map(([o, n]) => `${n} (was ${o})`).join(', ') || 'none'}.${comparisonText(replaced)}`,
      artifacts: [],
      values: { replaced: replaced.map((r) => ({ old: r.oldStep, new: r.newStep, tool: r.tool, ...(r.compared?.length ? { compared: r.compared } : {}) })), artifacts: map },
    };
  },
});

export const tools: ToolSpec[] = [undo, rerunStep] as unknown as ToolSpec[];
