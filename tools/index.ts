// The tools of this layer (files, analysis, microscope): one file per area, each exports
// `tools`. The full catalogue, with the agent's own tools (help, pipelines), is
// src/agent/allTools.ts.
import type { ToolSpec } from './types.ts';
import { tools as io } from './io.ts';
import { tools as preprocess } from './preprocess.ts';
import { tools as project } from './project.ts';
import { tools as segment } from './segment.ts';
import { tools as timeseries } from './timeseries.ts';
import { tools as track } from './track.ts';
import { tools as models } from './models.ts';
import { tools as microscope } from './microscope.ts';
import { tools as plot } from './plot.ts';
import { tools as restore } from './restore.ts';
import { tools as calibration } from './calibration.ts';
import { tools as history } from './history.ts';

export const TOOLS: ToolSpec[] = [...io, ...calibration, ...preprocess, ...project, ...segment, ...timeseries, ...track, ...models, ...restore, ...plot, ...microscope, ...history];
