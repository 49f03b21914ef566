// "what did you just change?": the last change, from the record, nothing run (stop 52 helper E), in words of no eval file.
import { beforeAll, describe, expect, it } from 'vitest';
import { asksWhatChanged, lastChangeAnswer } from '../../../src/agent/planner/lastChangeAsked.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';
import { catalogue, loadAcquisitionWords, movie } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

const ran = (tool: string, args: Record<string, unknown>, values: Record<string, unknown> = {}): PastResult => ({ tool, args, ok: true, summary: '', values, artifacts: [] });

describe('the last change asked', () => {
  it('reads the question in its forms, and no other question', () => {
    expect(asksWhatChanged('so which settings have you changed?')).toBe(true);
    expect(asksWhatChanged('what has been altered exactly?')).toBe(true);
    expect(asksWhatChanged('what did u adjust, thanks')).toBe(true);
    expect(asksWhatChanged('what changed between frame 1 and 10?')).toBe(false);
    expect(asksWhatChanged('change the threshold to li')).toBe(false);
  });

  it('answers with the step run again and its settings before, nothing run', () => {
    const earlier = [ran('track', { maxLinkingDistancePx: 20 }), ran('rerun_step', { tool: 'track', changes: { maxLinkingDistancePx: 9 } })];
    const p = planRequest({ request: 'which values did you modify?', artifactsAtStart: [movie], earlier, current: [], earlierRequests: ['track them', 'link distance 9 px'] }, catalogue);
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/track again with maxLinkingDistancePx 9 \(was 20\)/);
  });

  it('says an adjustment of the running acquisition, an undo, and a new step that changed nothing', () => {
    expect(lastChangeAnswer([ran('adjust_acquisition', { changes: [{ kind: 'interval', intervalS: 60 }] })], () => 'image every 1 min', () => true)).toMatch(/image every 1 min/);
    expect(lastChangeAnswer([ran('undo', { tool: 'segment' }, { undone: ['s2'] })], String, () => false)).toMatch(/undid the latest segment step/);
    expect(lastChangeAnswer([ran('denoise', { method: 'gaussian' })], String, () => false)).toMatch(/changed no earlier setting: it ran denoise with method gaussian/);
    expect(lastChangeAnswer([], String, () => false)).toMatch(/Nothing has been run/);
  });
});
