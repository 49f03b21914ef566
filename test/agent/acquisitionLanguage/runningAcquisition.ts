// A running acquisition as the microscope tests set it up (the start_acquisition step a chat made
// earlier), and the router's answer read as the planner reads it.
import { expect } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import type { EarlierStep } from '../../../src/agent/acquisitionLanguage/route.ts';

export const start = (plan: Record<string, unknown>): EarlierStep[] => [{ tool: 'start_acquisition', args: { plan } }];
export const threeChannels = start({ channels: [{ config: 'FITC' }, { config: 'DAPI' }, { config: 'Rhodamine' }], timePlan: { intervalS: 300, durationS: 43200 } });
export const withExposures = start({ channels: [{ config: 'DAPI', exposureMs: 30 }, { config: 'FITC', exposureMs: 80 }], timePlan: { intervalS: 300, durationS: 36000 } });
export const fourPositions = start({ channels: [{ config: 'FITC' }, { config: 'Cy5' }], timePlan: { intervalS: 600, durationS: 28800 }, stagePositions: [0, 1, 2, 3].map((i) => ({ name: `Pos${i}`, xUm: i * 3000, yUm: 0 })) });
export const withStack = start({ channels: [{ config: 'FITC' }, { config: 'Rhodamine' }], timePlan: { intervalS: 300, durationS: 21600 }, zPlan: { rangeUm: 5, stepUm: 0.5 } });

export const route = (text: string, earlier: EarlierStep[] = threeChannels) => routeMicroscopeRequest(text, { acquisitionRunning: true, earlier });
/** The changes of an adjust_acquisition the text must route to. */
export const changes = (text: string, earlier: EarlierStep[] = threeChannels) => {
  const r = route(text, earlier);
  expect(r?.tool, `${text} → ${JSON.stringify(r)}`).toBe('adjust_acquisition');
  return (r as unknown as { args: { changes: unknown[] } }).args.changes;
};
/** The question the router asks back instead of running anything. */
export const asked = (text: string, earlier: EarlierStep[] = threeChannels) => {
  const r = route(text, earlier);
  expect(r?.tool, `${text} → ${JSON.stringify(r)}`).toBeUndefined();
  return (r as { ask: string }).ask;
};
export const toolOf = (text: string, earlier: EarlierStep[] = threeChannels) => route(text, earlier)?.tool;
