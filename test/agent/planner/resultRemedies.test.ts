// A complaint about an earlier result ("too many cells are merged", "the tracks jump between cells"): the step runs again
// from the settings it used, changed the way the fault its tool declares calls for, and the answer says which; never the
// same run again with "Done", never nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { remedyAsked } from '../../../src/agent/planner/resultRemedies.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const segmented: PastResult = {
  tool: 'segment',
  args: { movie: 'movie-1', method: 'manual', threshold: 900 },
  ok: true,
  summary: 'Found 8 objects per frame.',
  values: { objects: 96, objectRadiusPx: 9, minAreaPx: 50, thresholdPerFrame: [900, 900], parameters: { sigmaPx: 1.5, minAreaPx: 50, minSeedDistancePx: 6, minSeedDepthPx: 0 } },
  artifacts: [{ id: 'labels-1', type: 'labels', producedBy: 'segment' }],
};
const tracked: PastResult = { tool: 'track', args: { labels: 'labels-1', maxLinkingDistancePx: 12 }, ok: true, summary: 'Tracked.', values: { tracks: 8, maxLinkingDistancePx: 12 }, artifacts: [{ id: 'tracks-1', type: 'tracks', producedBy: 'track' }] };
const after = (request: string, earlier: PastResult[]) =>
  planRequest({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }, ...earlier.flatMap((r) => r.artifacts)], earlier, current: [], earlierRequests: [] }, catalogue);
const notes = (p: { notes?: string[]; reply?: string }) => [...(p.notes ?? []), p.reply ?? ''].join(' ');

describe('merged objects', () => {
  it('run the segmentation again from its last settings with seeds closer together, said', () => {
    for (const request of ['too many cells are merged together', 'the nuclei look clumped, can you fix that?', 'it is counting two nuclei as one']) {
      const p = after(request, [segmented]);
      expect(p.steps.map((s) => s.tool), request).toEqual(['segment']);
      expect(p.steps[0].args, request).toMatchObject({ method: 'manual', threshold: 900, minSeedDistancePx: 4 });
      expect(notes(p), request).toMatch(/touching objects merged into one.*minSeedDistancePx 6 → 4/);
    }
  });
  it('is read even when the words would otherwise ask for divisions ("split them better")', () => {
    const p = after('it merged touching nuclei, split them better', [segmented, tracked]);
    expect(p.steps.map((s) => s.tool)).toEqual(['segment']);
  });
  it('is read when the object named again is the one segmented ("too many nuclei are merged")', () => {
    const p = after('too many nuclei are merged together', [{ ...segmented, args: { ...segmented.args, target: 'nuclei' } }]);
    expect(p.steps.map((s) => s.tool)).toEqual(['segment']);
  });
});

describe('other faults of a segmentation', () => {
  it('cut into pieces: seeds further apart', () => {
    expect(after('now they are cut into pieces', [segmented]).steps[0].args).toMatchObject({ minSeedDistancePx: 9 });
  });
  it('missed dim objects: a lower threshold', () => {
    const p = after('it missed a lot of the dim ones', [segmented]);
    expect(p.steps[0].args).toMatchObject({ threshold: 600 });
    expect(notes(p)).toMatch(/dim objects missed.*threshold 900 → 600/);
  });
  it('debris: a larger minimum area, not "not picked up" read in "picking up debris"', () => {
    const p = after('it is also picking up debris', [segmented]);
    expect(p.steps[0].args).toMatchObject({ minAreaPx: 75 });
    expect(p.steps[0].args.threshold).toBe(900);
  });
});

describe('faults of the tracks', () => {
  it('tracks jumping between cells: a shorter linking distance on the tracking, not the segmentation', () => {
    const p = after('the tracks keep jumping between neighbouring cells', [segmented, tracked]);
    expect(p.steps.map((s) => s.tool)).toEqual(['track']);
    expect(p.steps[0].args).toMatchObject({ maxLinkingDistancePx: 8 });
  });
  it('fragmented tracks name the tracking, fragmented masks the segmentation', () => {
    expect(remedyAsked('the tracks are fragmented', [segmented, tracked], catalogue)?.last.tool).toBe('track');
    expect(remedyAsked('the segmentation is fragmented', [segmented, tracked], catalogue)?.last.tool).toBe('segment');
  });
});

describe('what is not a complaint to act on', () => {
  it('a question about the fault runs no remedy', () => {
    expect(remedyAsked('are the cells merged?', [segmented], catalogue)).toBeDefined();
    expect(after('are the cells merged?', [segmented]).steps.every((s) => s.args.minSeedDistancePx === undefined)).toBe(true);
  });
  it('a setting said is the plan ("too many merged, use Li instead")', () => {
    const p = after('too many are merged. use Li instead', [segmented]);
    expect(JSON.stringify(p.steps)).toMatch(/"li"/);
  });
  it('a setting named by comparison is the plan ("merged, redo that with less smoothing")', () => {
    const p = after('hmm they look a bit blobby and merged, can you redo that with less smoothing?', [segmented]);
    expect(JSON.stringify(p.steps)).toMatch(/"sigmaPx":1/);
    expect(JSON.stringify(p.steps)).not.toMatch(/minSeedDistancePx/);
  });
  it('a method swapped is the plan, no fault of the tracks ("same again, but swap Otsu for triangle")', () => {
    const p = after('Same pipeline again, but swap Otsu for triangle.', [{ ...segmented, args: { movie: 'movie-1', method: 'otsu' } }, tracked]);
    expect(JSON.stringify(p.steps)).toMatch(/"triangle"/);
    expect(notes(p)).not.toMatch(/jumping between objects/);
  });
  it('no step that declares the fault ran: nothing to mend', () => {
    expect(remedyAsked('too many cells are merged', [], catalogue)).toBeUndefined();
  });
  it('a fault with no value to change from runs nothing and says what to give', () => {
    const bare: PastResult = { ...segmented, args: { movie: 'movie-1' }, values: { objects: 96 } };
    const p = after('too many cells are merged together', [bare]);
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/^Not run: "merged" read as touching objects merged into one.*minSeedDistancePx/);
  });
});
