// The catalogue: every tool the agent, `cellpilot tool`, pipelines and the evals can call,
// the tools of tools/ (files, analysis, microscope) and the agent's own (help, pipelines).
import { TOOLS } from '../../tools/index.ts';
import type { ToolSpec } from '../../tools/types.ts';
import { AGENT_TOOLS } from './agentTools.ts';

export const ALL_TOOLS: ToolSpec[] = [...TOOLS, ...AGENT_TOOLS];

export function findTool(name: string): ToolSpec | undefined {
  return ALL_TOOLS.find((t) => t.name === name);
}
