// The tools of this layer (files, analysis, microscope): every area of tools/areas.ts,
// loaded once. The full catalogue, with the agent's own tools (help, pipelines), is
// src/agent/allTools.ts.
import { AREAS } from './areas.ts';
import type { ToolSpec } from './types.ts';

export const TOOLS: ToolSpec[] = (await Promise.all(Object.values(AREAS).map((load) => load()))).flatMap((area) => area.tools);
