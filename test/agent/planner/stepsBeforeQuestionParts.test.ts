// Steps asked before a question of two parts, and a calibration told anywhere in the request, planned in the order they
// must run (src/agent/planner/planner.ts: the question parts' route and settingsFirst).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a question of two parts after steps', () => {
  it.each([
    ["correct drift then track the cells; how many tracks last the whole movie and what's their average speed?", ['correct_drift', 'segment', 'track', 'measure']],
    ['denoise first, then segment the nuclei: how many are there and what is their mean area?', ['denoise', 'segment', 'measure']],
  ])('keeps the steps before it: %s', (request, tools) => {
    expect(toolsOf(request)).toEqual(tools);
  });

  it('a question of two parts alone plans only what it needs', () => {
    expect(toolsOf("how many tracks are there and what's their mean speed?")).toEqual(['segment', 'track', 'measure']);
  });
});

describe('a told calibration runs before the steps whose tables it gives units', () => {
  it.each([
    "correct drift then track the cells; how many tracks last the whole movie and what's their average speed in um per minute? pixel size is 1.2 microns and the interval is 10 min",
    "track the cells; what's their average speed in um per minute? pixel size is 1.2 microns and the interval is 10 min",
  ])('%s', (request) => {
    const tools = toolsOf(request);
    expect(tools[0]).toBe('set_calibration');
    expect(tools).toContain('measure');
  });
});
