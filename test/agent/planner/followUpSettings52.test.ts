// Later chat turns that change what ran (stop 52 helper E), in words of no eval file: a movie-making step put ahead of
// the work done, a setting of a step that ran though a stray word names another tool, one bare number for the one
// number set before.
import { beforeAll, describe, expect, it } from 'vitest';
import { bareNumberSetting } from '../../../src/agent/planner/bareNumberSetting.ts';
import { findQuantities } from '../../../src/agent/planner/quantities.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { settingOfAStepRun } from '../../../src/agent/planner/settingOfAStepRun.ts';
import { stepPutFirstPlan } from '../../../src/agent/planner/stepPutFirst.ts';
import type { KnownArtifact, PastResult } from '../../../src/agent/planner/conversation.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

const movie: KnownArtifact = { id: 'movie-1', type: 'movie' };
const ran = (tool: string, args: Record<string, unknown>, artifacts: KnownArtifact[] = []): PastResult => ({ tool, args, ok: true, summary: '', values: {}, artifacts });
const after = (request: string, earlier: PastResult[]) =>
  planRequest({ request, artifactsAtStart: [movie, ...earlier.flatMap((r) => r.artifacts)], earlier, current: [], earlierRequests: earlier.map((r) => r.tool) }, catalogue);

describe('a step put ahead of the work done', () => {
  it('runs on the recording, then the first step that read it runs again on its result', () => {
    const earlier = [ran('segment', { movie: 'movie-1' }, [{ id: 'labels-1', type: 'labels', producedBy: 'segment' }])];
    const p = after('hold on, subtract the background beforehand', earlier);
    expect(p.steps.map((s) => s.tool)).toEqual(['subtract_background', 'rerun_step']);
    expect(p.steps[0].args.movie).toBe('movie-1');
    expect(p.steps[1].args).toMatchObject({ tool: 'segment', changes: { movie: { $ref: 'movie' } } });
  });

  it('leaves a step of its own said with "first" as said, and a turn with no order word', () => {
    const earlier = [ran('segment', { movie: 'movie-1' }, [{ id: 'labels-1', type: 'labels', producedBy: 'segment' }])];
    const conversation = { request: 'measure them, but first smooth the movie', artifactsAtStart: [movie], earlier, current: [], earlierRequests: ['segment'] };
    const planOf = () => ({ steps: [{ tool: 'denoise', args: {}, clause: 'smooth' }, { tool: 'measure', args: {}, clause: 'measure them' }] });
    expect(stepPutFirstPlan(conversation, catalogue, planOf)).toBeUndefined();
    expect(stepPutFirstPlan({ ...conversation, request: 'smooth the movie' }, catalogue, () => ({ steps: [{ tool: 'denoise', args: {}, clause: 'smooth' }] }))).toBeUndefined();
    expect(stepPutFirstPlan({ ...conversation, request: 'smooth the movie first' }, catalogue, () => ({ steps: [{ tool: 'denoise', args: {}, clause: 'smooth' }] }))?.steps.map((s) => s.tool)).toEqual(['denoise', 'rerun_step']);
  });
});

describe('a setting of a step that ran', () => {
  it('goes to that step when the tool a stray word names states none of its own', () => {
    const read = { settingsOf: (tool: string) => (tool === 'track' ? { maxFrameGap: 4 } : {}), namesItself: () => false };
    expect(settingOfAStepRun('and let it bridge a frame gap of 4', ['interpolate_frames'], ['track'], read)).toEqual({ tool: 'track', changes: { maxFrameGap: 4 } });
    expect(settingOfAStepRun('interpolate frames, gap 4', ['interpolate_frames'], ['track'], { ...read, namesItself: () => true })).toBeUndefined();
  });

  it('reads one bare number as the one number set before, in its unit', () => {
    const px = (arg: string) => (arg.endsWith('Px') ? 'px' : undefined);
    expect(bareNumberSetting(findQuantities('again but 35'), { radiusPx: 20 }, px)).toMatchObject({ arg: 'radiusPx', value: 35 });
    expect(bareNumberSetting(findQuantities('again but 35 min'), { radiusPx: 20 }, px)).toBeUndefined();
    expect(bareNumberSetting(findQuantities('again but 35'), { radiusPx: 20, sigmaPx: 2 }, px)).toBeUndefined();
    const p = after('hmm redo that with 45', [ran('subtract_background', { movie: 'movie-1', radiusPx: 20 }, [{ id: 'movie-2', type: 'movie', producedBy: 'subtract_background' }])]);
    expect(p.steps[0]).toMatchObject({ tool: 'rerun_step', args: { tool: 'subtract_background', changes: { radiusPx: 45 } } });
    expect((p.notes ?? []).join(' ')).toMatch(/Read 45 as radiusPx/);
  });
});
