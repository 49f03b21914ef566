// Gaps over empty frames (issue 12): a frame in which the segmentation found nothing at all (an empty well, a frame out of
// focus) is no evidence that the cells left. TrackMate's gap of 2 frames does not span two such frames, so every track
// broke there (SIM+ 01 with 2 empty frames of 8: TRA 0.977 with DET 1.000); a gap now counts only frames with objects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { lapTrack, type TrackerSpot } from '../../src/analysis/lap.ts';
import { trackLabelsWithEvidence } from '../../src/analysis/track.ts';
import { MemoryMovie, writeMovie } from '../../src/image/index.ts';
import { tools } from '../../tools/track.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-track-empty-frames-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const [w, h, frames] = [64, 64, 8];
const empty = new Set([3, 4]);
const centres = [12, 32, 52].flatMap((cy) => [12, 32, 52].map((cx) => [cx, cy] as const));

/** 9 disks of radius 4 moving 1 px a frame to the right; frames 3 and 4 (0-based) hold nothing. */
function labelMovie(): MemoryMovie {
  const planes = Array.from({ length: frames }, (_, t) => {
    const p = new Uint16Array(w * h);
    if (empty.has(t)) return p;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) centres.forEach(([cx, cy], k) => Math.hypot(x - cx - t, y - cy) <= 4 && (p[y * w + x] = k + 1));
    return p;
  });
  return new MemoryMovie({ t: frames, z: 1, c: 1, y: h, x: w }, 'uint16', planes);
}

describe('a gap counts only frames with objects', () => {
  it('the LAP tracker links over two empty frames with the option, and not without it (TrackMate)', () => {
    const spots: TrackerSpot[] = [];
    for (let t = 0; t < frames; t++) if (!empty.has(t)) centres.forEach(([cx, cy]) => spots.push({ id: spots.length, t, x: cx + t, y: cy }));
    const gaps = (links: ReturnType<typeof lapTrack>) => links.filter((l) => l.kind === 'gap').length;
    expect(gaps(lapTrack(spots, { maxFrameGap: 2 }))).toBe(0);
    expect(gaps(lapTrack(spots, { maxFrameGap: 2, gapSkipsEmptyFrames: true }))).toBe(9);
    // every frame holding spots: the same links either way
    const full = spots.filter((s) => s.t < 3);
    expect(lapTrack(full, { gapSkipsEmptyFrames: true })).toEqual(lapTrack(full, {}));
  });

  it('the track tool keeps one track per cell over the empty frames and says so', async () => {
    const labels = labelMovie();
    const result = await trackLabelsWithEvidence(labels, { distancesFromMovie: true, temporalRepair: true });
    expect(result.tracks.branches).toHaveLength(9);
    expect(result.emptyFrameGaps).toEqual({ links: 9, frames: [3, 4] });

    const path = join(dir, 'labels.tif');
    await writeMovie(path, labels);
    const ctx = createToolContext({ sessionDir: join(dir, 'session') });
    const spec = tools.find((t) => t.name === 'track')!;
    const out = await spec.run(spec.schema.parse({ labels: path }) as never, ctx);
    expect(out.values).toMatchObject({ tracks: 9, linksOverEmptyFrames: 9, emptyFramesBridged: [4, 5] });
    expect(out.summary).toMatch(/9 links bridged frames 4-5, where the segmentation found no object/);
  });
});
