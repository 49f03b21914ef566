import type { ToolSpec } from './types.ts';

export const tools: ToolSpec[] = [];
