// A session after segment, track and measure have run on three cells of known sizes and speeds, as the measure
// tool reports them: the conversations the question generators ask in (scopedQuestions, plainWordQuestions).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureObjects } from '../../../src/analysis/features.ts';
import { writeTableCsv, type Table } from '../../../src/analysis/table.ts';
import { linkTable, trackTable } from '../../../src/analysis/trackFeatures.ts';
import { saveTracksJson } from '../../../src/analysis/trackio.ts';
import type { Spot, Tracks } from '../../../src/analysis/tracks.ts';
import type { Conversation, KnownArtifact, PastResult } from '../../../src/agent/planner/conversation.ts';
import { MemoryMovie } from '../../../src/image/movie.ts';

const dir = mkdtempSync(join(tmpdir(), 'scoped-questions-'));

/**
 * Removes the sessions' files: each file that measures sessions calls it in its afterAll (`afterAll(removeMeasuredSessions)`),
 * so that files sharing loaded modules on one thread (project planner-shared) each find the folder made again by their own
 * afterMeasuring and leave none behind (a module-level afterAll ran in the first importing file alone).
 */
export function removeMeasuredSessions(): void {
  rmSync(dir, { recursive: true, force: true });
}

export const FRAMES = 6;
const SIZE = 64;
const PIXEL_UM = 0.5;
const INTERVAL_S = 60;

// three cells as squares of side 3, 5 and 7 px, cell i moving i px per frame to the right, cell 3 from frame 2 on
function cellsOf(): { spots: Spot[]; branches: Tracks['branches'] } {
  const spots: Spot[] = [];
  const branches = [1, 2, 3].map((i) => {
    const ids: number[] = [];
    for (let t = i === 3 ? 1 : 0; t < FRAMES; t++) {
      spots.push({ id: spots.length + 1, t, x: 6 + 14 * (i - 1) + i * t, y: 10 + 12 * (i - 1), branchId: i, label: i });
      ids.push(spots.length);
    }
    return { id: i, parent: 0, start: i === 3 ? 1 : 0, end: FRAMES - 1, spotIds: ids };
  });
  return { spots, branches };
}

function labelMovie(spots: Spot[], calibrated: boolean): MemoryMovie {
  const planes = Array.from({ length: FRAMES }, () => new Uint16Array(SIZE * SIZE));
  for (const s of spots) {
    const half = (s.label! * 2 + 1 - 1) / 2;
    for (let y = s.y - half; y <= s.y + half; y++) for (let x = s.x - half; x <= s.x + half; x++) planes[s.t][y * SIZE + x] = s.label!;
  }
  return new MemoryMovie({ t: FRAMES, z: 1, c: 1, y: SIZE, x: SIZE }, 'uint16', planes, { channelNames: ['C1'], ...(calibrated ? { pixelSizeUm: PIXEL_UM, frameIntervalS: INTERVAL_S } : {}) });
}

const ran = (tool: string, args: Record<string, unknown>, artifact: KnownArtifact, values: Record<string, unknown> = {}): PastResult => ({ tool, args, ok: true, summary: 'Done.', values, artifacts: [artifact] });

/**
 * The session after "segment, track and measure the objects, the tracks and their steps", as measure
 * reports it; with `stepsOnly`, after measuring the steps between frames alone (measure kind links); with
 * `thisTurn`, the same steps run for the request itself (a movie open, nothing run before it).
 */
export async function afterMeasuring(calibrated: boolean, stepsOnly = false, thisTurn = false): Promise<(request: string) => Conversation> {
  // (made again after an earlier file's removeMeasuredSessions)
  mkdirSync(dir, { recursive: true });
  const { spots, branches } = cellsOf();
  const tracks: Tracks = { frames: FRAMES, spots, branches, ...(calibrated ? { pixelSizeUm: PIXEL_UM, frameIntervalS: INTERVAL_S } : {}) };
  const tag = calibrated ? 'cal' : 'raw';
  const tracksPath = join(dir, `${tag}.tracks.json`);
  saveTracksJson(tracksPath, tracks);
  const timeUnit = calibrated ? 'min' : undefined;
  const objects: Table = await measureObjects(labelMovie(spots, calibrated));
  // the track id of each object, as measure adds it
  for (const row of objects.rows) row.track_id = row.label;
  objects.columns.splice(1, 0, 'track_id');
  const write = (name: string, table: Table) => {
    const path = join(dir, `${tag}-${name}.csv`);
    writeTableCsv(path, table);
    return path;
  };
  const byTrack = trackTable(tracks, { timeUnit });
  const steps = linkTable(tracks, { timeUnit });
  const movie: KnownArtifact = { id: 'movie-1', type: 'movie', frames: FRAMES, ...(calibrated ? { pixelSizeUm: PIXEL_UM, frameIntervalS: INTERVAL_S } : {}) };
  const labels: KnownArtifact = { id: 'labels-1', type: 'labels', producedBy: 'segment' };
  const tracked: KnownArtifact = { id: 'tracks-1', type: 'tracks', producedBy: 'track', path: tracksPath };
  const objectTable: KnownArtifact = { id: 'table-1', type: 'table', producedBy: 'measure', path: write('objects', objects) };
  const trackFeatures: KnownArtifact = { id: 'table-2', type: 'table', producedBy: 'measure', path: write('tracks', byTrack.table) };
  const links: KnownArtifact = { id: 'table-3', type: 'table', producedBy: 'measure', path: write('links', steps.table) };
  const units = { lengthUnit: byTrack.units.length, timeUnit: byTrack.units.time };
  const earlier = [
    ran('segment', { movie: 'movie-1' }, labels, { objects: objects.rows.length }),
    ran('track', { labels: 'labels-1' }, tracked, { tracks: 3 }),
    ran('measure', { kind: 'objects', labels: 'labels-1' }, objectTable, { objects: objects.rows.length, meanAreaPx: 25 }),
    ran('measure', { kind: 'tracks', tracks: 'tracks-1' }, trackFeatures, { tracks: 3, meanSpeed: 2, meanDuration: 4.7, meanDisplacement: 9, meanConfinementRatio: 1, ...units }),
    ran('measure', { kind: 'links', tracks: 'tracks-1' }, links, { links: steps.table.rows.length, meanSpeed: 2, speedUnit: `${units.lengthUnit}/${units.timeUnit}`, lengthUnit: units.lengthUnit }),
  ];
  if (stepsOnly) return (request) => ({ request, artifactsAtStart: [movie, labels, tracked, links], earlier: [earlier[0], earlier[1], earlier[4]], current: [], earlierRequests: [] });
  if (thisTurn) return (request) => ({ request, artifactsAtStart: [movie], earlier: [], current: earlier, earlierRequests: [] });
  return (request) => ({ request, artifactsAtStart: [movie, labels, tracked, objectTable, trackFeatures, links], earlier, current: [], earlierRequests: [] });
}

