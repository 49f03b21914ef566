// A setting changed by comparison with no number ("redo the segmentation with a larger radius"): 1.5x (or 1/1.5) the
// value the step used last time, and said; never a rerun with nothing changed in silence.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const segmented: PastResult = { tool: 'segment', args: { movie: 'movie-1' }, ok: true, summary: 'Found 8 objects per frame.', values: { objects: 96, objectRadiusPx: 9 }, artifacts: [{ id: 'labels-1', type: 'labels', producedBy: 'segment' }] };
const tracked: PastResult = { tool: 'track', args: { labels: 'labels-1', maxLinkingDistancePx: 12 }, ok: true, summary: 'Tracked.', values: { tracks: 8 }, artifacts: [{ id: 'tracks-1', type: 'tracks', producedBy: 'track' }] };
const after = (request: string, earlier: PastResult[]) =>
  planRequest({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }, ...earlier.flatMap((r) => r.artifacts)], earlier, current: [], earlierRequests: [] }, catalogue);

describe('a setting changed by comparison', () => {
  it('is 1.5x the value used last time, and said', () => {
    const p = after('redo the segmentation but with a larger radius', [segmented]);
    expect(p.steps[0].args).toMatchObject({ tool: 'segment', changes: { objectRadiusPx: 13.5 } });
    expect((p.notes ?? []).join(' ')).toMatch(/objectRadiusPx 9 → 13\.5 \(1\.5x of what segment used last time/);
  });
  it('is 1/1.5 for a smaller one, of the argument its words name', () => {
    const p = after('redo the tracking with a smaller linking distance', [segmented, tracked]);
    expect(p.steps[0].args).toMatchObject({ tool: 'track', changes: { maxLinkingDistancePx: 8 } });
  });
  it('leaves a number said to the number', () => {
    expect(after('redo the segmentation with a larger radius of 12 px', [segmented]).steps[0].args).toMatchObject({ changes: { objectRadiusPx: 12 } });
  });
  it('says nothing of the comparison where a number of another word follows it', () => {
    // ("bigger object size" names the minimum area by its description; the 15 px radius after it is the setting asked)
    const p = after('redo the segmentation but with a bigger object size, like 15 pixels radius', [segmented]);
    expect(p.steps[0].args).toMatchObject({ changes: { objectRadiusPx: 15 } });
    expect((p.notes ?? []).join(' ')).not.toMatch(/bigger object size/);
  });
});

describe('a step of a tool that ran before, with a setting changed by comparison', () => {
  it('takes the changed value and says it', () => {
    const p = after('track again with a smaller linking distance', [segmented, tracked]);
    expect(p.steps.find((s) => s.tool === 'track')?.args.maxLinkingDistancePx).toBe(8);
    expect((p.notes ?? []).join(' ')).toMatch(/maxLinkingDistancePx 12 → 8/);
  });
});

describe('a setting changed by comparison with nothing to start from', () => {
  it('is named as not applied, never dropped', () => {
    for (const request of ['redo the tracking with a longer linking distance please', 'segment the nuclei with a larger radius']) {
      const p = after(request, []);
      expect((p.notes ?? []).join(' '), request).toMatch(/Not applied: "(?:longer linking distance|larger radius)" — `(?:track|segment)` has not run with a (?:maxLinkingDistancePx|objectRadiusPx)/);
    }
  });
});

describe('a setting named by the words its description opens with ("smoothing" of sigmaPx)', () => {
  const smoothed: PastResult = { ...segmented, args: { movie: 'movie-1', sigmaPx: 3 } };
  it('is changed from the value used last time', () => {
    for (const request of ['segment again with less smoothing', 'redo the segmentation with a weaker blur']) {
      const p = after(request, [smoothed]);
      expect(p.steps[0].args, request).toMatchObject({ tool: 'segment', changes: { sigmaPx: 2 } });
      expect((p.notes ?? []).join(' '), request).toMatch(/sigmaPx 3 → 2/);
    }
  });
  it('is named as not applied with nothing to start from', () => {
    expect((after('segment the nuclei with less smoothing', []).notes ?? []).join(' ')).toMatch(/Not applied: "less smoothing" — `segment` has not run with a sigmaPx/);
  });
  it('with a number said, is that number, and the words of how much are not called a method', () => {
    const p = after('segment the nuclei using a stronger smoothing, sigma 3', []);
    expect(p.steps.find((s) => s.tool === 'segment')?.args.sigmaPx).toBe(3);
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });
  it('leaves a method named before the setting named', () => {
    expect((after('segment using median smoothing, sigma 2', []).notes ?? []).join(' ')).toMatch(/Not applied: "median smoothing"/);
    // (the named step keeps its smoothing said after "using", a setting of its own: "sigma 2")
    expect(after('segment using median smoothing, sigma 2', []).steps.map((s) => [s.tool, s.args.sigmaPx])).toEqual([['segment', 2]]);
  });
});
