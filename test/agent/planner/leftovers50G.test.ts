// Analysis leftovers (stop 50, helper G): a clause opened by a preposition is no action left undone, a frame that dates an
// event is no frame range, and a table measured before the calibration is measured again before a step reads it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';
import { eventMoments, withoutEventMoments } from '../../../src/agent/planner/eventMoment.ts';
import { findFrames } from '../../../src/agent/planner/extract.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { opensWithoutAnAction } from '../../../src/agent/planner/unapplied.ts';
import { asSaid, catalogue, loadAcquisitionWords, movieAndLabels } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

const threeChannels = [{ id: 'movie-1', type: 'movie' as const, channels: 3 }];

describe('a clause opened by a preposition', () => {
  it('asks for no action, so nothing is named as not done', () => {
    expect(opensWithoutAnAction('for')).toBe(true);
    expect(opensWithoutAnAction('using')).toBe(true);
    expect(opensWithoutAnAction('invert')).toBe(false);
    const p = asSaid.plan('for the channel number two, segment the nuclei', threeChannels);
    expect(p.steps.find((s) => s.tool === 'segment')?.args.channel).toBe(2);
    expect((p.notes ?? []).join(' ')).not.toMatch(/no tool/);
  });
});

describe('a frame that dates an event', () => {
  it('is blanked for the readers of frame ranges; a frame asked for stays', () => {
    expect(eventMoments('segment them, the drug went in at frame 4')).toEqual(['went in at frame 4']);
    expect(eventMoments('treatment was added at timepoint 12')).toEqual(['was added at timepoint 12']);
    expect(findFrames(withoutEventMoments('after the wash-out at frame 20'))).toBeUndefined();
    expect(eventMoments('segment the cells at frame 4')).toEqual([]);
    expect(findFrames('segment the cells at frame 4')).toEqual({ first: 4, last: 4 });
  });

  it('leaves the steps on the whole movie', () => {
    const p = asSaid.plan('segment and track the nuclei, after the drug went in at frame 4');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'track']);
    expect(p.steps[0].args.frames).toBeUndefined();
  });
});

describe('a table measured before the calibration', () => {
  const result = (tool: string, args: Record<string, unknown>, artifacts: PastResult['artifacts'] = []): PastResult => ({ tool, args, ok: true, summary: '', values: {}, artifacts });
  const earlier = [
    result('measure', { kind: 'objects', labels: 'labels-1', movie: 'movie-1' }, [{ id: 'table-1', type: 'table', producedBy: 'measure', path: '/nonexistent/table-1.csv' }]),
    result('set_calibration', { pixelSizeUm: 1.6 }),
  ];
  const known = [...movieAndLabels, { id: 'table-1', type: 'table' as const, producedBy: 'measure', path: '/nonexistent/table-1.csv' }];
  const exportPlan = (current: PastResult[]) => planRequest({ request: 'save the table as csv', artifactsAtStart: known, earlier, current, earlierRequests: [] }, catalogue);

  it('is measured again before it is exported, and the answer says why', () => {
    const p = exportPlan([]);
    expect(p.steps.map((s) => s.tool)).toEqual(['measure', 'export']);
    expect(p.steps[0].args).toMatchObject({ kind: 'objects', labels: 'labels-1' });
    expect((p.notes ?? []).join(' ')).toMatch(/before the calibration/);
  });

  it('stays the same plan after the measurement ran', () => {
    const again = result('measure', { kind: 'objects', labels: 'labels-1', movie: 'movie-1' }, [{ id: 'table-2', type: 'table', producedBy: 'measure' }]);
    expect(exportPlan([again]).steps.map((s) => s.tool)).toEqual(['measure', 'export']);
  });

  it('is exported as it is when no calibration was set after it', () => {
    const p = planRequest({ request: 'save the table as csv', artifactsAtStart: known, earlier: [earlier[0]], current: [], earlierRequests: [] }, catalogue);
    expect(p.steps.map((s) => s.tool)).toEqual(['export']);
  });
});

describe('a mean asked per frame when only the mean over the movie is known', () => {
  it('is said as over the whole movie, with why the value of each frame is not given', async () => {
    const { composeAnswer } = await import('../../../src/agent/planner/answers.ts');
    const measured: PastResult = { tool: 'measure', args: { kind: 'objects', labels: 'labels-1' }, ok: true, summary: '', values: { meanArea: 152.3 }, artifacts: [{ id: 'table-1', type: 'table', producedBy: 'measure', path: '/nonexistent/table-1.csv' }] };
    const conversation = { request: 'mean nucleus area per frame', artifactsAtStart: movieAndLabels, earlier: [], current: [measured], earlierRequests: [] };
    const answer = composeAnswer(planRequest(conversation, catalogue), conversation);
    expect(answer).toMatch(/not per frame/);
  });
});
