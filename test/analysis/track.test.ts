import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/index.ts';
import { MemoryMovie } from '../../src/image/movie.ts';
import { branchConfidence, checkDriftAgainstObjects, measureSpots, measureSpotsAndBackground, trackConfidences, trackLabels, tracksFromLinks, trackEdges } from '../../src/analysis/track.ts';
import { evaluateCtc, sequenceFromMovie, sequenceFromTracks } from '../../src/analysis/metrics.ts';

describe('measureSpots', () => {
  it('gives centroid, area and mean intensity per label and frame', async () => {
    // 4x4 frame: label 1 = top-left 2x2 block, label 7 = pixel (3, 2)
    const labels = new MemoryMovie({ t: 1, z: 1, c: 1, y: 4, x: 4 }, 'uint16', [Uint16Array.from([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0])]);
    const intensity = new MemoryMovie({ t: 1, z: 1, c: 1, y: 4, x: 4 }, 'float32', [Float32Array.from([1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0])]);
    const spots = await measureSpots(labels, { intensity });
    expect(spots).toEqual([
      { id: 1, t: 0, x: 0.5, y: 0.5, label: 1, features: { area_px: 4, mean_intensity: 2.5 } },
      { id: 2, t: 0, x: 3, y: 2, label: 7, features: { area_px: 1, mean_intensity: 9 } },
    ]);
    await expect(measureSpots(new MemoryMovie({ t: 1, z: 1, c: 1, y: 1, x: 1 }, 'float32', [new Float32Array(1)]))).rejects.toThrow(/integer/);
  });

  it('gives the background grey level beside the spots: the median over frames of the mean outside every object', async () => {
    const labels = new MemoryMovie({ t: 3, z: 1, c: 1, y: 1, x: 4 }, 'uint8', [0, 1, 2].map(() => Uint8Array.from([1, 0, 0, 2])));
    const intensity = new MemoryMovie({ t: 3, z: 1, c: 1, y: 1, x: 4 }, 'uint16', [Uint16Array.from([50, 10, 12, 60]), Uint16Array.from([50, 20, 22, 60]), Uint16Array.from([50, 90, 90, 60])]);
    const { spots, backgroundIntensity } = await measureSpotsAndBackground(labels, { intensity });
    expect(spots).toHaveLength(6);
    // frames' backgrounds 11, 21 and 90: a frame flooded by stray light does not move the median
    expect(backgroundIntensity).toBe(21);
    expect((await measureSpotsAndBackground(labels)).backgroundIntensity).toBeUndefined();
  });
});

describe('tracksFromLinks', () => {
  it('makes branches that end at divisions and merges, with parents', () => {
    const s = (id: number, t: number) => ({ id, t, x: 0, y: 0, label: id });
    // 1-2 then division into 3 and 4; 4-5; 6 merges into 5? no: 6 at t=2 links to 7 at t=3 together with 4 (merge)
    const spots = [s(1, 0), s(2, 1), s(3, 2), s(4, 2), s(5, 3), s(6, 2), s(7, 3)];
    const links = [
      { source: 1, target: 2 },
      { source: 2, target: 3 },
      { source: 2, target: 4 },
      { source: 4, target: 7 },
      { source: 6, target: 7 },
      { source: 3, target: 5 },
    ];
    const tracks = tracksFromLinks(spots, links, 4);
    const byFirst = new Map(tracks.branches.map((b) => [b.spotIds[0], b]));
    expect(byFirst.get(1)!.spotIds).toEqual([1, 2]);
    expect(byFirst.get(3)!.spotIds).toEqual([3, 5]);
    expect(byFirst.get(3)!.parent).toBe(byFirst.get(1)!.id);
    expect(byFirst.get(4)!.parent).toBe(byFirst.get(1)!.id);
    expect(byFirst.get(7)!.parent).toBe(byFirst.get(4)!.id);
    expect(byFirst.get(7)!.otherParents).toEqual([byFirst.get(6)!.id]);
    const kinds = trackEdges(tracks).map((e) => e.kind).sort();
    expect(kinds).toEqual(['link', 'link', 'merge', 'merge', 'split', 'split']);
    expect(() => tracksFromLinks(spots, [{ source: 3, target: 1 }], 4)).toThrow(/backwards/);
  });
});

describe('trackLabels on a simulated movie (50 nuclei, 100 frames, divisions; ground-truth labels as input)', () => {
  it('LAP tracker: TRA >= 0.97 and division F1 >= 0.8; overlap tracker: TRA >= 0.97', async () => {
    const sim = simulate({ frames: 100, cells: 50, width: 256, height: 256, seed: 3, divisionRate: 0.01 });
    const reference = sequenceFromMovie(sim.labels, sim.lineage);
    const divisions = sim.lineage.filter((r) => r.parent > 0).length / 2;
    expect(divisions).toBeGreaterThanOrEqual(20);

    const lap = await trackLabels(sim.labels);
    const lapScores = await evaluateCtc(reference, sequenceFromTracks(lap, sim.labels));
    // measured: TRA 0.99988, division F1 0.947 (36 of 38)
    expect(lapScores.TRA).toBeGreaterThanOrEqual(0.97);
    expect(lapScores.divisions.f1).toBeGreaterThanOrEqual(0.8);

    const overlap = await trackLabels(sim.labels, { method: 'overlap' });
    const overlapScores = await evaluateCtc(reference, sequenceFromTracks(overlap, sim.labels));
    // measured: TRA 0.99987, division F1 0.946
    expect(overlapScores.TRA).toBeGreaterThanOrEqual(0.97);
    expect(overlapScores.divisions.f1).toBeGreaterThanOrEqual(0.8);
    console.log(`tracking on simulated truth: LAP TRA ${lapScores.TRA.toFixed(5)} division F1 ${lapScores.divisions.f1.toFixed(3)}; overlap TRA ${overlapScores.TRA.toFixed(5)} division F1 ${overlapScores.divisions.f1.toFixed(3)}`);
  }, 60_000);
});

describe('trackLabels refuses an intensity movie passed as labels', () => {
  it('a noisy intensity frame (no background 0, thousands of grey levels) is a one-line error naming the file, not a stack overflow', async () => {
    const sim = simulate({ width: 128, height: 128, frames: 3, cells: 15, seed: 1 });
    await expect(trackLabels(sim.movie, { labelsPath: 'sim.tif' })).rejects.toThrow(/sim\.tif does not look like a label movie \(frame 1 has no background 0 and \d+ distinct values\)/);
  });

  it('a label movie that fills the whole field (no background, few ids) is still tracked', async () => {
    const planes = [0, 1].map(() => Uint16Array.from({ length: 16 * 16 }, (_, i) => (i % 16 < 8 ? 1 : 2)));
    const tracks = await trackLabels(new MemoryMovie({ t: 2, z: 1, c: 1, y: 16, x: 16 }, 'uint16', planes));
    expect(tracks.branches.length).toBe(2);
  });
});

describe('checkDriftAgainstObjects', () => {
  // 12 objects scattered over 200 x 200 px; the stage moves them all by (10, -4) px from frame 2 on
  const base = Array.from({ length: 12 }, (_, k) => ({ x: 20 + ((k * 53) % 160), y: 20 + ((k * 97) % 160) }));
  const stage = (t: number) => (t >= 2 ? { dxPx: 10, dyPx: -4 } : { dxPx: 0, dyPx: 0 });
  const spots = Array.from({ length: 5 }, (_, t) => base.map((p) => ({ t, x: p.x + stage(t).dxPx, y: p.y + stage(t).dyPx }))).flat();

  it('applies the steps the objects show and leaves out one they do not (a wild registration step)', () => {
    const right = checkDriftAgainstObjects(spots, [0, 1, 2, 3, 4].map(stage), 5);
    expect(right.rejectedFrames).toEqual([]);
    expect(right.appliedPx[4]).toEqual({ dxPx: 10, dyPx: -4 });
    // frame 3 carries a 15 px step that is not there (and frame 4 keeps it): only that step is refused
    const wrong = [0, 1, 2, 3, 4].map((t) => ({ dxPx: stage(t).dxPx + (t >= 3 ? 15 : 0), dyPx: stage(t).dyPx }));
    const checked = checkDriftAgainstObjects(spots, wrong, 5);
    expect(checked.rejectedFrames).toEqual([3]);
    expect(checked.largestRejectedStepPx).toBe(15);
    expect(checked.appliedPx[4]).toEqual({ dxPx: 10, dyPx: -4 });
  });

  it('takes the table as it is where too few objects can weigh a step', () => {
    const few = spots.filter((s) => s.x < 60);
    expect(new Set(few.filter((s) => s.t === 3).map((s) => s.x)).size).toBeLessThan(3);
    const checked = checkDriftAgainstObjects(few, [0, 1, 2, 3, 4].map((t) => ({ dxPx: t * 30, dyPx: 0 })), 5);
    expect(checked.rejectedFrames).toEqual([]);
    expect(checked.appliedPx[4].dxPx).toBe(120);
  });
});

describe('per-track confidence', () => {
  // a lineage (mother 1 of 4 spots, daughters 2 and 3 of 2 spots each) and a lone track 4
  const spot = (id: number, t: number, branchId: number) => ({ id, t, x: id, y: 0, label: id, branchId });
  const tracks = {
    spots: [spot(1, 0, 1), spot(2, 1, 1), spot(3, 2, 1), spot(4, 3, 1), spot(5, 4, 2), spot(6, 5, 2), spot(7, 4, 3), spot(8, 5, 3), spot(9, 0, 4), spot(10, 1, 4)],
    branches: [
      { id: 1, start: 0, end: 3, parent: 0, spotIds: [1, 2, 3, 4], confidence: 1 },
      { id: 2, start: 4, end: 5, parent: 1, spotIds: [5, 6], confidence: 0.8 },
      { id: 3, start: 4, end: 5, parent: 1, spotIds: [7, 8], confidence: 0.2 },
      { id: 4, start: 0, end: 1, parent: 0, spotIds: [9, 10], confidence: 0.4 },
    ],
    frames: 6,
  };

  it('is the mean of its branches weighted by their spots, with the weakest branch named', async () => {
    const { trackConfidences } = await import('../../src/analysis/track.ts');
    expect(trackConfidences(tracks)).toEqual([
      { trackId: 1, confidence: 0.75, weakestBranch: 3, weakestConfidence: 0.2 },
      { trackId: 4, confidence: 0.4, weakestBranch: 4, weakestConfidence: 0.4 },
    ]);
  });

  it('goes into the track table (TRACK_CONFIDENCE) and the tidy CSV (branch_confidence), and is read back from it', async () => {
    const { trackTable } = await import('../../src/analysis/trackFeatures.ts');
    const { tracksToTable, tracksFromTable } = await import('../../src/analysis/trackio.ts');
    const table = trackTable(tracks).table;
    expect(table.columns).toContain('TRACK_CONFIDENCE');
    expect(table.rows.map((r) => r.TRACK_CONFIDENCE)).toEqual([0.75, 0.4]);
    const tidy = tracksToTable(tracks);
    expect(tidy.rows.find((r) => r.spot_id === 7)!.branch_confidence).toBe(0.2);
    expect(tracksFromTable(tidy).branches.map((b) => b.confidence)).toEqual([1, 0.8, 0.2, 0.4]);
    // the CSV headers state the scale (a confidence has no unit), and the tidy CSV reads back with it
    const { parseCsv, tableToCsv } = await import('../../src/analysis/table.ts');
    expect(tableToCsv(table).split('\n')[0]).toContain('TRACK_CONFIDENCE (0-1)');
    expect(tableToCsv(tidy).split('\n')[0]).toContain('branch_confidence (0-1)');
    expect(tracksFromTable(parseCsv(tableToCsv(tidy))).branches.map((b) => b.confidence)).toEqual([1, 0.8, 0.2, 0.4]);
    // tracks without confidences (made elsewhere) get no such column
    const bare = { ...tracks, branches: tracks.branches.map(({ confidence: _, ...b }) => b) };
    expect(trackTable(bare).table.columns).not.toContain('TRACK_CONFIDENCE');
    expect(tracksToTable(bare).columns).not.toContain('branch_confidence');
  });

  it('goes into the TrackMate XML as a declared track feature without dimension, one value per track', async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { writeTrackMateXml } = await import('../../src/analysis/trackmateXml.ts');
    const dir = mkdtempSync(join(tmpdir(), 'confidence-xml-'));
    try {
      writeTrackMateXml(join(dir, 'tracks.xml'), tracks, { width: 64, height: 64 });
      const xml = readFileSync(join(dir, 'tracks.xml'), 'utf8');
      expect(xml).toMatch(/<Feature feature="TRACK_CONFIDENCE"[^>]*dimension="NONE"[^>]*isint="false"/);
      expect([...xml.matchAll(/<Track name="Track_(\d+)"[^>]*TRACK_CONFIDENCE="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])])).toEqual([[1, 0.75], [4, 0.4]]);
      const bare = { ...tracks, branches: tracks.branches.map(({ confidence: _, ...b }) => b) };
      writeTrackMateXml(join(dir, 'bare.xml'), bare, { width: 64, height: 64 });
      expect(readFileSync(join(dir, 'bare.xml'), 'utf8')).not.toContain('TRACK_CONFIDENCE');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('branch confidence (what the per-track confidence is made of)', () => {
  // three objects stepping 2 px a frame for 8 frames: ordinary steps, kept size
  const steady = (k: number, t: number) => ({ t, x: 2 * t, y: 100 * k, label: k + 1, features: { area_px: 300 } });
  const build = (bad: (t: number) => Partial<ReturnType<typeof steady>> | 'missing') => {
    const spots: (ReturnType<typeof steady> & { id: number })[] = [];
    const links: { source: number; target: number }[] = [];
    for (let k = 0; k < 3; k++) {
      let last = 0;
      for (let t = 0; t < 8; t++) {
        const change = k === 2 ? bad(t) : {};
        if (change === 'missing') continue;
        spots.push({ id: spots.length + 1, ...steady(k, t), ...change });
        if (last) links.push({ source: last, target: spots.length });
        last = spots.length;
      }
    }
    const tracks = tracksFromLinks(spots, links, 8);
    branchConfidence(tracks);
    return tracks;
  };
  const confidences = (tracks: ReturnType<typeof build>) => tracks.branches.map((b) => b.confidence!);

  it('is full for ordinary steps and falls for the links a person should check: a long jump, a size change, a gap', () => {
    expect(confidences(build(() => ({})))).toEqual([1, 1, 1]);
    // the third object jumps 40 px once (20 ordinary steps): likely another cell taken for it
    const jumped = build((t) => (t >= 4 ? { x: 2 * t + 40 } : {}));
    const jump = confidences(jumped);
    expect(jump.slice(0, 2)).toEqual([1, 1]);
    expect(jump[2]).toBeLessThan(0.9);
    // its area halves for good from frame 4 (a piece of it, or a neighbour)
    const size = confidences(build((t) => (t >= 4 ? { features: { area_px: 120 } } : {})));
    expect(size[2]).toBeLessThan(0.95);
    expect(size[2]).toBeGreaterThan(jump[2]);
    // it is missed for two frames, bridged by a gap
    const gap = confidences(build((t) => (t === 3 || t === 4 ? 'missing' : {})));
    expect(gap.slice(0, 2)).toEqual([1, 1]);
    expect(gap[2]).toBeLessThan(1);
    // the track the tool names first to check is the one with the jump
    const [least] = trackConfidences(jumped).sort((a, b) => a.confidence - b.confidence);
    expect(least.trackId).toBe(jumped.branches[2].id);
    expect(least.confidence).toBe(jump[2]);
  });
});

describe('trackLabels progress', () => {
  it('counts frames, ending at frames/frames once linked (a 12-frame movie printed "track 6/24 frames")', async () => {
    const sim = simulate({ frames: 5, width: 48, height: 48, cells: 3, seed: 2, divisionRate: 0 });
    const seen: [number, number][] = [];
    await trackLabels(sim.labels, { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.length).toBeGreaterThan(1);
    for (const [done, total] of seen) {
      expect(total).toBe(5);
      expect(done).toBeLessThanOrEqual(5);
    }
    expect(seen.at(-1)).toEqual([5, 5]);
    expect(seen.slice(0, -1).every(([done]) => done < 5)).toBe(true);
  });
});
