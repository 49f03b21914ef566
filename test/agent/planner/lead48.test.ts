// The lead's user tries of stop 48: what a first try in fresh words found, each a general cause.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

const movie = [{ id: 'movie-1', type: 'movie' }];

describe('"per time point" is a unit of the result, as "per frame" is', () => {
  it('names nothing as not applied when a z projection makes one image per time point', () => {
    const p = plan('squash the z stack into one image per time point (max)', movie);
    expect(p.steps.map((s) => s.tool)).toEqual(['project']);
    expect(p.steps[0].args).toMatchObject({ axis: 'z', method: 'max' });
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });
});

describe('a method name that another step took as where the result goes', () => {
  it('is no stand-in of the tracker: "open them in TrackMate" is the export format, not a tracker asked for', () => {
    for (const request of ['save the tracks so I can open them in TrackMate', 'I want the trajectories as TrackMate XML']) {
      const p = plan(request);
      expect(p.steps.map((s) => s.tool), request).toEqual(['segment', 'track', 'export']);
      expect(p.steps[2].args, request).toMatchObject({ format: 'trackmate' });
      expect((p.notes ?? []).join(' '), request).not.toMatch(/not installed/);
    }
  });

  it('still names the stand-in when the name is said as the tracking method', () => {
    expect((plan('track the nuclei with TrackMate').notes ?? []).join(' ')).toMatch(/TrackMate itself is not installed/);
  });
});

describe('a measured quantity said of an exported table', () => {
  it('is what the table holds, never named as an option export lacks', () => {
    const p = plan('could you outline every nucleus and give me a spreadsheet with their sizes');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'measure', 'export']);
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied: "sizes"/);
  });
});

describe('a kymograph said by the place it runs across', () => {
  const sized = [{ id: 'movie-1', type: 'movie', frames: 20, width: 100, height: 60 }] as Parameters<typeof plan>[1];
  it('reads "across the middle" as the horizontal middle line and "down the middle" as the vertical one', () => {
    expect(plan('make a kymograph across the middle', sized).steps.find((s) => s.tool === 'kymograph')?.args.points).toEqual([[0, 30], [99, 30]]);
    expect(plan('kymograph down the centre please', sized).steps.find((s) => s.tool === 'kymograph')?.args.points).toEqual([[50, 0], [50, 59]]);
  });
});

describe('a preposition ends the object of a verb of leaving out', () => {
  it('reads "remove the flicker between frames" as a correction of the whole movie, no frames left out by their look', () => {
    const p = plan('remove the flicker between frames');
    expect(p.steps.map((s) => s.tool)).toEqual(['correct_bleach']);
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });
});

describe('a question of straightness read from a table of whole tracks', () => {
  it('is the confinement ratio, never the straight-line speed; a speed asked is still the speed', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { writeTableCsv } = await import('../../../src/analysis/table.ts');
    const { composeAnswer } = await import('../../../src/agent/planner/answers.ts');
    const { planRequest } = await import('../../../src/agent/planner/planner.ts');
    const { catalogue } = await import('./planOffline.ts');
    const dir = mkdtempSync(join(tmpdir(), 'lead48-'));
    try {
      const path = join(dir, 'tracks.csv');
      writeTableCsv(path, {
        columns: ['TRACK_ID', 'TRACK_MEAN_SPEED', 'MEAN_STRAIGHT_LINE_SPEED', 'CONFINEMENT_RATIO'],
        rows: [
          { TRACK_ID: 1, TRACK_MEAN_SPEED: 3, MEAN_STRAIGHT_LINE_SPEED: 1.5, CONFINEMENT_RATIO: 0.25 },
          { TRACK_ID: 2, TRACK_MEAN_SPEED: 5, MEAN_STRAIGHT_LINE_SPEED: 2.5, CONFINEMENT_RATIO: 0.75 },
        ],
      });
      const measured = { tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: 'Done.', values: { tracks: 2 }, artifacts: [{ id: 'table-1', type: 'table' }] };
      const answer = (request: string) => {
        const conversation = { request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }, { id: 'table-1', type: 'table', producedBy: 'measure', path }], earlier: [measured], current: [], earlierRequests: ['measure the tracks'] };
        const plan = planRequest(conversation, catalogue);
        expect(plan.steps, request).toEqual([]);
        return composeAnswer(plan, conversation);
      };
      expect(answer('how straight do they move?')).toMatch(/confinement|straightness/i);
      expect(answer('how straight do they move?')).not.toMatch(/straight-line speed/i);
      expect(answer('what is their straight-line speed?')).toMatch(/straight-line speed/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a size across told with its number', () => {
  it('is a setting given, no question of the nuclei\'s size', () => {
    const p = plan('The nuclei are roughly 8 px in radius. Could you segment them with that in mind?');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment']);
    expect(p.steps[0].args).toMatchObject({ objectRadiusPx: 8 });
  });
});

describe('a well or a position named in an analysis request', () => {
  it('is where the verb\'s work is, never a stage move, and is named as not applied (a movie is one field)', () => {
    for (const [request, phrase] of [['segment the nuclei in well B3', 'in well B3'], ['segment the nuclei in position 3', 'in position 3']]) {
      const p = plan(request);
      expect(p.steps.map((s) => s.tool), request).toEqual(['segment']);
      expect(p.steps[0].args.objectRadiusPx, request).toBeUndefined();
      expect((p.notes ?? []).join(' '), request).toContain(`Not applied: "${phrase}"`);
    }
    const counted = plan('count the nuclei in the treated wells');
    expect(counted.steps.map((s) => s.tool)).toEqual(['segment']);
    expect((counted.notes ?? []).join(' ')).toMatch(/treated/);
  });
});
