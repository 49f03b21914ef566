// A count with a rule that leaves some out ("how many nuclei if I ignore those under 40 px") is a count of the rest
// with the rule stated, never a share; a size in pixels of objects is their area; a track's net displacement at its extreme.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import { saveTracksJson } from '../../../src/analysis/trackio.ts';
import type { Spot, Tracks } from '../../../src/analysis/tracks.ts';
import type { Conversation, KnownArtifact, PastResult } from '../../../src/agent/planner/conversation.ts';
import { answerFromTable } from '../../../src/agent/planner/tableAnswers.ts';

const dir = mkdtempSync(join(tmpdir(), 'excluded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// two frames of five objects, 10 to 90 px² (2.5 to 22.5 µm² at 0.5 µm/px)
const rows = [0, 1].flatMap((t) => [10, 30, 50, 70, 90].map((area, i) => ({ label: i + 1, t, area_px: area, area_um2: area * 0.25, perimeter_px: 4 * Math.sqrt(area) })));
const tablePath = join(dir, 'objects.csv');
writeTableCsv(tablePath, { columns: ['label', 't', 'area_px', 'area_um2', 'perimeter_px'], rows });
const movie: KnownArtifact = { id: 'movie-1', type: 'movie', frames: 2, pixelSizeUm: 0.5, frameIntervalS: 60 };
const table: KnownArtifact = { id: 'table-1', type: 'table', producedBy: 'measure', path: tablePath };
const ran = (tool: string, artifact: KnownArtifact, values: Record<string, unknown> = {}): PastResult => ({ tool, args: {}, ok: true, summary: 'Done.', values, artifacts: [artifact] });
const measured = (artifacts: KnownArtifact[], earlier: PastResult[]): Conversation => ({ request: '', artifactsAtStart: [movie, ...artifacts], earlier, current: [], earlierRequests: [] });
const ask = (q: string) => answerFromTable(q, measured([table], [ran('measure', table, { lengthUnit: 'µm' })]));

describe('counts that leave some out', () => {
  it('counts the rest and states the rule, in many writings, never as a share', () => {
    const asked = [
      ['how many nuclei in the last frame if I ignore those under 40 px', 3],
      ['count the objects in frame 1, excluding anything smaller than 60 px²', 2],
      ['number of nuclei in frame 2 not counting the ones below 5 µm²', 4],
      ['how many cells in frame 1 once I leave out the tiny ones under 20 pixels?', 4],
      ['how many in frame 2 if we discard everything bigger than 80 px²', 4],
    ] as const;
    for (const [q, kept] of asked) {
      const answer = ask(q)!;
      expect(answer, q).toMatch(new RegExp(`^${kept} objects in frame \\d once those with area [<>] [\\d.]+ (?:px²|µm²) are left out \\(${5 - kept} left out of 5\\)`));
      expect(answer, q).not.toMatch(/%/);
    }
  });
  it('still answers a count over a threshold, without a rule that leaves out, as a count and share', () => {
    expect(ask('how many objects in frame 1 are bigger than 40 px²?')).toMatch(/^3 of 5 objects \(60%\) have area > 40 px²/);
    expect(ask('how many nuclei drop below 40 px² in frame 1?')).not.toMatch(/left out/);
  });
});

describe('the largest net displacement of a track', () => {
  // three tracks over 4 frames: track i moves i px per frame to the right
  const spots: Spot[] = [];
  const branches = [1, 2, 3].map((i) => {
    const ids: number[] = [];
    for (let t = 0; t < 4; t++) {
      spots.push({ id: spots.length + 1, t, x: 10 + i * t, y: 10 * i, branchId: i });
      ids.push(spots.length);
    }
    return { id: i, parent: 0, start: 0, end: 3, spotIds: ids };
  });
  const tracks: Tracks = { frames: 4, spots, branches, pixelSizeUm: 0.5, frameIntervalS: 60 };
  const tracksPath = join(dir, 'cells.tracks.json');
  saveTracksJson(tracksPath, tracks);
  const tracked: KnownArtifact = { id: 'tracks-1', type: 'tracks', producedBy: 'track', path: tracksPath };
  it('names the track at the end asked, with its unit, from the tracks when no table has it', () => {
    const conversation = measured([tracked, table], [ran('track', tracked), ran('measure', table, { lengthUnit: 'µm' })]);
    expect(answerFromTable('which track has the largest net displacement?', conversation)).toMatch(/^Track 3 has the largest net displacement[^:]*: 4\.5 µm/);
    expect(answerFromTable('which cell has the smallest net displacement?', conversation)).toMatch(/^Track 1 has the smallest net displacement[^:]*: 1\.5 µm/);
  });
});
