// The tool catalogue: every tool the agent, `cellpilot tool` and pipelines can call.
// One file per area; each exports `tools`.
import type { ToolSpec } from './types.ts';
import { tools as io } from './io.ts';
import { tools as preprocess } from './preprocess.ts';
import { tools as project } from './project.ts';
import { tools as segment } from './segment.ts';
import { tools as timeseries } from './timeseries.ts';
import { tools as track } from './track.ts';
import { tools as models } from './models.ts';
import { tools as microscope } from './microscope.ts';
import { tools as agent } from './agent.ts';
import { tools as plot } from './plot.ts';
import { tools as restore } from './restore.ts';
import { tools as calibration } from './calibration.ts';

export const ALL_TOOLS: ToolSpec[] = [...io, ...calibration, ...preprocess, ...project, ...segment, ...timeseries, ...track, ...models, ...restore, ...plot, ...microscope, ...agent];

export function findTool(name: string): ToolSpec | undefined {
  return ALL_TOOLS.find((t) => t.name === name);
}
