// The tool areas: one file per area (files, analysis, microscope), each exports `tools`.
// Each is loaded on demand, so that `cellpilot tool NAME` evaluates only the area that
// defines NAME (src/commands/toolLookup.ts); tools/index.ts loads them all, in this order.
import type { ToolSpec } from './types.ts';

export type ToolArea = () => Promise<{ tools: ToolSpec[] }>;

export const AREAS: Record<string, ToolArea> = {
  io: () => import('./io.ts'),
  calibration: () => import('./calibration.ts'),
  preprocess: () => import('./preprocess.ts'),
  project: () => import('./project.ts'),
  montage: () => import('./montage.ts'),
  crop: () => import('./crop.ts'),
  segment: () => import('./segment.ts'),
  timeseries: () => import('./timeseries.ts'),
  track: () => import('./track.ts'),
  filterTracks: () => import('./filterTracks.ts'),
  models: () => import('./models.ts'),
  restore: () => import('./restore.ts'),
  plot: () => import('./plot.ts'),
  microscope: () => import('./microscope.ts'),
  history: () => import('./history.ts'),
};
