// The lead's user tries of stop 50, in fresh words, each a general mechanism.
import { beforeAll, describe, expect, it } from 'vitest';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a wish to know with a hedge or a noun phrase after it is the question', () => {
  it.each([
    "find the cells and follow them over time. I'd like to know roughly how fast they move",
    "segment and track, I'd like to know the mean speed",
    'track the nuclei; we need to know their average speed',
  ])('%s', (request) => {
    const p = asSaid.plan(request);
    expect(p.steps.map((s) => s.tool)).toContain('measure');
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });
});

describe('a rule the microscope watches, said with its condition, is a rule', () => {
  it.each(['when a cell divides switch to 1 minute intervals for 30 minutes', 'stop the run if the focus is lost'])('%s', (request) => {
    const p = asSaid.plan(request);
    expect(p.steps.map((s) => s.tool)).toEqual(['add_rule']);
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });

  it('an analysis on a condition stays an analysis', () => {
    expect(asSaid.plan('if the cells drift, correct it').steps.map((s) => s.tool)).toEqual(['correct_drift']);
  });
});

describe('a condition of need is whole in its words', () => {
  it('"correct drift if needed and track" corrects first, then tracks', () => {
    expect(asSaid.plan('correct drift if needed and track').steps.map((s) => s.tool)).toEqual(['correct_drift', 'segment', 'track']);
  });
});

describe("the microscope's state now is its status, never the file's", () => {
  it.each(["what's the current z position?", "what's the stage position?", 'which objective is in?'])('%s', (request) => {
    expect(asSaid.plan(request).steps.map((s) => s.tool)).toEqual(['microscope_status']);
  });

  it('a property of the movie stays the file\'s', () => {
    expect(asSaid.plan('how many positions does the movie have?').steps.map((s) => s.tool)).toEqual(['movie_info']);
  });
});

describe('questions read from their words', () => {
  it('"the average ..., and how variable is it?" asks both statistics', async () => {
    const { readQuestion } = await import('../../../src/agent/planner/tableAnswers.ts');
    expect(readQuestion("what's the average nucleus size, and how variable is it?").stats).toEqual(['mean', 'sd']);
  });

  it('"did the number go up or down?" asks the count over the frames', async () => {
    const { readQuestion } = await import('../../../src/agent/planner/tableAnswers.ts');
    expect(readQuestion('so did the number go up or down over the movie?')).toMatchObject({ reduce: 'count', perFrame: true });
  });

  it('an either/or question about a change is answered by the value, never "Yes"', async () => {
    const { isYesNoForm } = await import('../../../src/agent/planner/yesNo.ts');
    expect(isYesNoForm('did the number of nuclei increase or decrease?')).toBe(false);
    expect(isYesNoForm('cell number going up?')).toBe(true);
  });
});

describe('a command to the running acquisition before a question about it', () => {
  it('is made, the question answered beside it (never the report alone)', async () => {
    const { planRequest } = await import('../../../src/agent/planner/planner.ts');
    const { catalogue } = await import('./planOffline.ts');
    const started = { tool: 'start_acquisition', args: { plan: { channels: [{ config: 'DAPI' }, { config: 'FITC' }], timePlan: { intervalS: 300, durationS: 21600 } } }, ok: true, summary: 'Started.', values: { state: 'running' }, artifacts: [] };
    const planned = planRequest({ request: 'switch off DAPI. how much longer?', artifactsAtStart: [], earlier: [started], current: [], earlierRequests: ['image DAPI and GFP every 5 min for 6 h'] }, catalogue);
    expect(planned.steps.map((s) => s.tool)).toEqual(['adjust_acquisition']);
    expect(planned.steps[0].args.changes).toContainEqual({ kind: 'dropChannel', channel: 'DAPI' });
  });
});
