// How to use cellpilot: the answer to a bare plea for help ("help", "what can you do?", "how do I use this?"),
// built from the tools' own summaries and declared examples and the chat's commands, never a method essay.
import type { ToolSpec } from '../../tools/types.ts';
import { COMMANDS } from './chatCommands.ts';

export { asksHowToUse } from './planner/helpPlea.ts';

/** How many example requests the answer quotes. */
const EXAMPLE_COUNT = 7;

/**
 * One declared example from each of `count` tools spread evenly over the catalogue, among the tools that make
 * something (a movie, masks, tracks, a table, a plot); the microscope's commands, advice and rules are asked otherwise.
 */
export function exampleRequests(tools: ToolSpec[], count = EXAMPLE_COUNT): string[] {
  const makers = tools.filter((t) => (t.examples?.length ?? 0) > 0 && (t.produces?.length ?? 0) > 0 && !t.role);
  const step = Math.max(1, makers.length / count);
  const picked: string[] = [];
  for (let i = 0; i < count && Math.floor(i * step) < makers.length; i++) picked.push(makers[Math.floor(i * step)].examples![0]);
  return picked;
}

/** The answer: what cellpilot does, example requests from the tools' declarations, and the chat's commands. */
export function usageAnswer(tools: ToolSpec[]): string {
  const examples = exampleRequests(tools).map((e) => `  - "${e}"`);
  return [
    `I analyse live-cell microscopy movies and run the microscope, with ${tools.length} tools (/tools or "cellpilot tools" lists them). Ask in plain words, one or several steps at a time; for example:`,
    ...examples,
    'Ask "which denoising method should I use?" for advice on methods. In the chat, commands start with a slash: ' + COMMANDS.map((c) => `/${c}`).join(', ') + ' (/help explains them).',
  ].join('\n');
}
