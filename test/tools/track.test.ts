import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTableCsv } from '../../src/analysis/table.ts';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { writeMovie } from '../../src/image/index.ts';
import { simulate, writeSimulation } from '../../src/sim/index.ts';
import { tools } from '../../tools/track.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-track-tool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ctx = createToolContext({ sessionDir: join(dir, 'session') });
async function call(name: string, args: unknown) {
  const spec = tools.find((t) => t.name === name)!;
  return spec.run(spec.schema.parse(args) as never, ctx);
}

describe('track tools', () => {
  const sim = simulate({ frames: 20, width: 128, height: 128, cells: 12, seed: 9, divisionRate: 0.03, pixelSizeUm: 0.5, frameIntervalS: 60 });
  const labelsPath = join(dir, 'labels.tif');
  const moviePath = join(dir, 'movie.tif');
  const truth = join(dir, 'gt');
  const trueDivisions = sim.lineage.filter((r) => r.parent > 0).length / 2;

  it('every argument is described, names match the contract', () => {
    expect(tools.map((t) => t.name)).toEqual(['track', 'measure', 'detect_divisions', 'evaluate', 'export']);
    for (const t of tools) for (const [key, field] of Object.entries(t.schema.shape)) expect((field as { description?: string }).description, `${t.name}.${key}`).toBeTruthy();
  });

  it('says which linking distance it chose from the movie, and links on drift-corrected positions with a drift table', async () => {
    const drifting = simulate({ frames: 12, width: 128, height: 128, cells: 8, seed: 4, driftPx: 20, divisionRate: 0 });
    const path = join(dir, 'drift-labels.tif');
    await writeMovie(path, drifting.labels);
    const driftCsv = join(dir, 'drift.csv');
    writeFileSync(driftCsv, 't,dx_px,dy_px\n' + drifting.drift.map((d) => `${d.t},${d.dxPx},${d.dyPx}`).join('\n') + '\n');
    const plain = await call('track', { labels: path });
    expect(plain.summary).toMatch(/max [\d.]+ px per frame, chosen from the movie: objects [\d.]+ px across/);
    expect((plain.values as { maxLinkingDistancePx: number }).maxLinkingDistancePx).toBeGreaterThan(5);
    const corrected = await call('track', { labels: path, drift: driftCsv, maxLinkingDistancePx: 12 });
    expect(corrected.summary).toMatch(/corrected for the stage drift/);
    expect(corrected.summary).toMatch(/max 12 px per frame\)/);
    // positions are in the sample's frame: each spot moved back by its frame's drift, labels unchanged
    const { loadTracks } = await import('../../src/analysis/trackio.ts');
    const raw = await loadTracks(plain.artifacts[0].path);
    const moved = await loadTracks(corrected.artifacts[0].path);
    const rawAt = new Map(raw.spots.map((sp) => [`${sp.t}:${sp.label}`, sp]));
    for (const sp of moved.spots) {
      const before = rawAt.get(`${sp.t}:${sp.label}`)!;
      expect(sp.x).toBeCloseTo(before.x - drifting.drift[sp.t].dxPx, 6);
      expect(sp.y).toBeCloseTo(before.y - drifting.drift[sp.t].dyPx, 6);
    }
  });

  it('measures a z-stack label movie\'s 3-D objects: areas per slice and each object\'s volume, with the units in the header', async () => {
    const { movieFromPlanes } = await import('../../src/image/movie.ts');
    // object 1: a 2x2 square in 3 slices (12 voxels); object 2: one pixel in slice 2
    const stack = movieFromPlanes({ t: 1, z: 3, c: 1, y: 5, x: 6 }, 'uint16', (_t, z) => {
      const p = new Uint16Array(30);
      for (const i of [0, 1, 6, 7]) p[i] = 1;
      if (z === 1) p[29] = 2;
      return p;
    }, { pixelSizeUm: 0.5, zStepUm: 2 });
    const path = join(dir, 'stack-labels.tif');
    await writeMovie(path, stack);
    const measured = await call('measure', { kind: 'objects', labels: path });
    expect(measured.summary).toMatch(/areas per z slice/);
    expect(measured.summary).toMatch(/Volumes \(each object's voxels over the z slices it spans, one label through z\): 2 objects in 1 frame, mean volume 3\.25 µm³ \(6\.5 voxels of 0\.5 x 0\.5 x 2 µm\)/);
    expect(measured.artifacts).toHaveLength(2);
    expect(measured.values).toMatchObject({ volumes: 2, meanVolumeVoxels: 6.5, meanVolumeUm3: 3.25 });
    expect(readFileSync(measured.artifacts[1].path, 'utf8').split('\n')[0]).toBe('label,t (frame index from 0),z_slices,volume_voxels,volume_um3');
  });

  it('reads a request for volumes (in words or µm³) as volumes asked for, and nothing else as one', async () => {
    const { clauseForTool } = await import('../../src/agent/planner/builders.ts');
    const measure = tools.find((t) => t.name === 'measure')!;
    for (const text of ['measure the volume of each nucleus over time', 'nuclear volumes in µm³ per frame', 'size in cubic microns'])
      expect(measure.fromRequest!(clauseForTool('measure', text)).volumes, text).toBe(true);
    expect(measure.fromRequest!(clauseForTool('measure', 'measure the area of the nuclei')).volumes).toBeUndefined();
  });

  it('tracks a label movie, measures, finds divisions, exports and evaluates', async () => {
    await writeMovie(labelsPath, sim.labels);
    await writeSimulation(sim, moviePath, truth);
    const tracked = await call('track', { labels: labelsPath, movie: moviePath });
    expect(tracked.artifacts[0]).toMatchObject({ type: 'tracks' });
    const tv = tracked.values as { branches: number; divisions: number; spots: number };
    expect(tv.branches).toBe(sim.lineage.length);
    expect(tv.divisions).toBe(trueDivisions);
    const tracksId = tracked.artifacts[0].id;

    const links = await call('measure', { kind: 'links', tracks: tracksId });
    expect((links.values as { speedUnit: string }).speedUnit).toBe('µm/min');
    const feats = await call('measure', { kind: 'tracks', tracks: tracksId });
    expect((feats.values as { splits: number }).splits).toBe(trueDivisions);
    expect(readFileSync(feats.artifacts[0].path, 'utf8').split('\n')[0]).toContain('TRACK_MEAN_SPEED');
    const msd = await call('measure', { kind: 'msd', tracks: tracksId });
    expect((msd.values as { diffusionUnit: string }).diffusionUnit).toBe('µm²/s');
    const objects = await call('measure', { kind: 'objects', labels: labelsPath, movie: moviePath });
    expect(objects.summary).not.toMatch(/volume/i); // a 2-D movie has no volumes to name, unless asked for
    const askedVolumes = await call('measure', { kind: 'objects', labels: labelsPath, volumes: true });
    expect(askedVolumes.summary).toMatch(/ Volumes not measured: the labels are a single z slice \(2-D\), so there are areas only; a volume needs a z-stack\.$/);
    expect((objects.values as { objects: number }).objects).toBe(tv.spots);
    const perTrack = await call('measure', { kind: 'objects', labels: labelsPath, movie: moviePath, tracks: tracksId });
    const rows = readTableCsv(perTrack.artifacts[0].path).rows;
    expect(rows.every((r) => typeof r.track_id === 'number' && typeof r.branch_id === 'number')).toBe(true);
    expect(new Set(rows.map((r) => r.branch_id)).size).toBe(tv.branches);
    expect(new Set(rows.map((r) => r.track_id)).size).toBeLessThan(tv.branches); // daughters share their mother's track

    const fromTracks = await call('detect_divisions', { tracks: tracksId });
    expect((fromTracks.values as { divisions: number }).divisions).toBe(trueDivisions);
    const fromLabels = await call('detect_divisions', { labels: labelsPath });
    expect((fromLabels.values as { divisions: number }).divisions).toBeGreaterThanOrEqual(trueDivisions - 1);

    const ctc = await call('export', { format: 'ctc', tracks: tracksId });
    expect(existsSync(join(ctc.artifacts[0].path, 'res_track.txt'))).toBe(true);
    expect(existsSync(join(ctc.artifacts[0].path, 'mask019.tif'))).toBe(true);
    const csv = await call('export', { format: 'csv', tracks: tracksId });
    expect(readFileSync(csv.artifacts[0].path, 'utf8').split('\n')[0]).toMatch(/^track_id,branch_id,parent,spot_id,t \(frame index from 0\),x \(px\),y \(px\),label/);
    const xml = await call('export', { format: 'trackmate', tracks: tracksId });
    expect(readFileSync(xml.artifacts[0].path, 'utf8')).toContain('<AllTracks>');
    // our TrackMate XML keeps each spot's label: measured with it, the objects join their branches by label
    const byLabel = await call('measure', { kind: 'objects', labels: labelsPath, tracks: xml.artifacts[0].id });
    expect(byLabel.summary).not.toMatch(/carry no label values/);
    expect(readTableCsv(byLabel.artifacts[0].path).rows.filter((r) => typeof r.branch_id === 'number').length).toBe(tv.spots);
    // one from Fiji keeps no label values: its spots are matched to the objects by position, to the same branches
    // (measuring with it failed: "these tracks carry no label values")
    const fijiXml = join(dir, 'from-fiji.xml');
    writeFileSync(fijiXml, readFileSync(xml.artifacts[0].path, 'utf8').replace(/ LABEL="[^"]*"/g, ''));
    const byPosition = await call('measure', { kind: 'objects', labels: labelsPath, tracks: fijiXml });
    expect(byPosition.summary).toMatch(new RegExp(`${tv.spots} of ${tv.spots} objects were matched to a spot of their frame by position`));
    const positioned = readTableCsv(byPosition.artifacts[0].path).rows;
    const branchOf = new Map(rows.map((r) => [`${r.t}:${r.label}`, r.branch_id]));
    expect(positioned.filter((r) => branchOf.get(`${r.t}:${r.label}`) === r.branch_id).length).toBe(tv.spots);
    const tiff = await call('export', { format: 'tiff', labels: labelsPath });
    expect(tiff.artifacts[0].type).toBe('labels');

    const scores = await call('evaluate', { result: ctc.artifacts[0].path, groundTruth: truth });
    const sv = scores.values as { TRA: number; DET: number; SEG: number; divisionF1: number };
    expect(sv.DET).toBe(1);
    expect(sv.SEG).toBe(1);
    expect(sv.TRA).toBeGreaterThan(0.99);
    expect(sv.divisionF1).toBe(1);
    // The tracks artifact itself can be scored (it names its label movie).
    const direct = await call('evaluate', { result: tracksId, groundTruth: truth });
    expect((direct.values as { TRA: number }).TRA).toBe(sv.TRA);
    // Tracks reloaded from the exported CSV and XML keep the lineage.
    const again = await call('detect_divisions', { tracks: xml.artifacts[0].id });
    expect((again.values as { divisions: number }).divisions).toBe(trueDivisions);
  }, 60_000);

  it('says how many proposed divisions lacked evidence and why, on labels from the classical segmentation', async () => {
    const { segmentMovie } = await import('../../src/analysis/segment.ts');
    const crowded = simulate({ frames: 30, width: 128, height: 128, cells: 25, seed: 3, divisionRate: 0.02 });
    const segmented = join(dir, 'segmented.tif');
    await segmentMovie(crowded.movie, { outputPath: segmented });
    const intensity = join(dir, 'crowded.tif');
    await writeMovie(intensity, crowded.movie);
    const r = await call('track', { labels: segmented, movie: intensity });
    const v = r.values as { divisions: number; divisionsProposed: number };
    expect(v.divisionsProposed).toBeGreaterThan(v.divisions);
    const rejected = v.divisionsProposed - v.divisions;
    expect(r.summary).toContain(`${rejected} of ${v.divisionsProposed} divisions the tracker proposed lacked evidence and were not kept (`);
    // the reasons are named and counted, without their per-event numbers
    const reasons = /were not kept \((.*?)\)\./.exec(r.summary)![1];
    expect(reasons).toMatch(/^\d+: [a-z]/);
    expect(reasons).not.toMatch(/\d\.\d/);
  }, 60_000);

  it('exports and scores tracks made on a label movie named by a frame pattern', async () => {
    const { movieFromPlanes } = await import('../../src/image/movie.ts');
    const small = simulate({ frames: 6, width: 64, height: 64, cells: 4, seed: 2, divisionRate: 0 });
    mkdirSync(join(dir, 'frames'));
    for (let t = 0; t < 6; t++) {
      const plane = await small.labels.plane(t, 0, 0);
      await writeMovie(join(dir, 'frames', `mask${t}.tif`), movieFromPlanes({ t: 1, z: 1, c: 1, y: 64, x: 64 }, small.labels.dtype, () => plane));
    }
    const tracked = await call('track', { labels: join(dir, 'frames', 'mask*.tif') });
    const ctcOut = await call('export', { format: 'ctc', tracks: tracked.artifacts[0].id });
    expect(existsSync(join(ctcOut.artifacts[0].path, 'mask005.tif'))).toBe(true);
  });

  it('names tracks that last a single frame (pieces cut off by the segmentation)', async () => {
    const { movieFromPlanes } = await import('../../src/image/movie.ts');
    // one 5x5 object in all 4 frames; a second one only in frame 2, far from it
    const planes = [0, 1, 2, 3].map((t) => {
      const p = new Uint16Array(48 * 48);
      for (let y = 10; y < 15; y++) for (let x = 10 + t; x < 15 + t; x++) p[y * 48 + x] = 1;
      if (t === 1) for (let y = 35; y < 40; y++) for (let x = 35; x < 40; x++) p[y * 48 + x] = 2;
      return p;
    });
    const path = join(dir, 'single-frame.tif');
    await writeMovie(path, movieFromPlanes({ t: 4, z: 1, c: 1, y: 48, x: 48 }, 'uint16', (t) => planes[t]));
    const r = await call('track', { labels: path });
    expect(r.values.singleFrameTracks).toBe(1);
    expect(r.summary).toContain('1 track(s) last a single frame');
    // its mean speed is over the one track with steps, and says so (it said "Measured 2 tracks: mean speed ...")
    const measured = await call('measure', { kind: 'tracks', tracks: r.artifacts[0].id });
    expect(measured.summary).toMatch(/^Measured 2 tracks: mean speed 1 px\/frame over 1 track \(1 lasts a single frame: no speed\)/);
  });

  it('scores a segmentation alone (a label movie, no tracks) by DET and SEG, with no TRA claimed', async () => {
    // (the simulator's own masks against its truth: each object found, each outline exact)
    const scores = await call('evaluate', { result: labelsPath, groundTruth: truth });
    const values = scores.values as { DET: number; SEG: number; TRA?: number };
    expect(values.DET).toBeCloseTo(1, 6);
    expect(values.SEG).toBeCloseTo(1, 6);
    expect(values.TRA).toBeUndefined();
    expect(scores.summary).toMatch(/^Segmentation scored against gt: DET 1\.0000, SEG 1\.000 \(masks alone, no tracks/);
    expect(readFileSync(scores.artifacts[0].path, 'utf8').split('\n')[0]).toBe('DET,SEG,ns,fn,fp');
  });

  it('answers bad input with one-line errors', async () => {
    await expect(call('measure', { kind: 'tracks' })).rejects.toThrow(/needs `tracks`/);
    await expect(call('detect_divisions', {})).rejects.toThrow(/needs `tracks`/);
    await expect(call('export', { format: 'ctc' })).rejects.toThrow(/needs `tracks`/);
    await expect(call('evaluate', { result: join(dir, 'nope'), groundTruth: truth })).rejects.toThrow(/no such file/);
    expect(() => tools[0].schema.parse({ labels: 'x', maxLinkingDistancePx: -3 })).toThrow();
  });
});

describe('track reads brightness from the movie the labels were made on', () => {
  // issue 12: a large nucleus (twice its neighbours' area) that the segmentation cuts into two alike halves for three
  // frames (t 3-5), whole before and after, is no division; the halves never move apart and the mother does not brighten
  const [size, frames] = [64, 10];
  const disk = (plane: Uint16Array, cx: number, cy: number, r: number, value: number, keep: (x: number) => boolean = () => true) => {
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r && keep(x)) plane[y * size + x] = value;
  };
  const cut = (t: number) => t >= 3 && t <= 5;
  const scene = (t: number, labels: boolean) => {
    const plane = new Uint16Array(size * size).fill(labels ? 0 : 10);
    const big = 30 + 0.3 * t;
    disk(plane, big, 32, 11, labels ? 1 : 100, (x) => !labels || !cut(t) || x < big);
    if (labels && cut(t)) disk(plane, big, 32, 11, 4, (x) => x >= big);
    disk(plane, 10, 10, 7, labels ? 2 : 100);
    disk(plane, 54, 54, 7, labels ? 3 : 100);
    disk(plane, 10, 54, 7, labels ? 5 : 100);
    return plane;
  };
  const shape = { t: frames, z: 1, c: 1, y: size, x: size };

  it('uses the movie the session segmented for the division evidence when no movie is given, says so, and reports no division for a nucleus cut for a while', async () => {
    const { movieFromPlanes } = await import('../../src/image/movie.ts');
    const { ArtifactStore } = await import('../../src/agent/artifacts.ts');
    const moviePath = join(dir, 'big-nucleus.tif');
    await writeMovie(moviePath, movieFromPlanes(shape, 'uint16', (t) => scene(t, false)));
    const store = new ArtifactStore(join(dir, 'session-big'));
    const session = (toolName: string) => createToolContext({ sessionDir: join(dir, 'session-big'), store, toolName });
    // a segment step as the session records it: it reads the movie and makes the labels
    const segment = session('segment');
    segment.resolve(moviePath, 'movie');
    const labelsPath = join(dir, 'session-big', 'artifacts', 'big-nucleus-labels.tif');
    await writeMovie(labelsPath, movieFromPlanes(shape, 'uint16', (t) => scene(t, true)));
    const labels = segment.addArtifact('labels', labelsPath, 'objects of big-nucleus.tif');
    const spec = tools.find((t) => t.name === 'track')!;
    const r = await spec.run(spec.schema.parse({ labels: labels.id }) as never, session('track'));
    const v = r.values as { divisions: number; divisionsProposed: number; intensityMovie?: string };
    expect(v.intensityMovie).toBe(moviePath);
    expect(r.summary).toMatch(/Brightness .* was read from big-nucleus\.tif, the movie the labels were made on \(no movie given\)/);
    expect(v.divisions).toBe(0);
    expect(r.summary).toMatch(/0 divisions/);
    // the split was proposed, refused as pieces of one object, and the halves made one object again
    expect(r.summary).toMatch(/3 pair\(s\) of touching objects in 3 frame\(s\) were pieces of one object/);

    // of a movie with two channels, the one the objects stand out in (here the second; the first is flat)
    const twoPath = join(dir, 'two-channels.tif');
    await writeMovie(twoPath, movieFromPlanes({ ...shape, c: 2 }, 'uint16', (t, _z, c) => (c === 0 ? new Uint16Array(size * size).fill(50) : scene(t, false))));
    const segmentTwo = session('segment');
    segmentTwo.resolve(twoPath, 'movie');
    const labelsTwoPath = join(dir, 'session-big', 'artifacts', 'two-labels.tif');
    await writeMovie(labelsTwoPath, movieFromPlanes(shape, 'uint16', (t) => scene(t, true)));
    const labelsTwo = segmentTwo.addArtifact('labels', labelsTwoPath, 'objects of two-channels.tif');
    const rTwo = await spec.run(spec.schema.parse({ labels: labelsTwo.id }) as never, session('track'));
    expect(rTwo.summary).toMatch(/read from two-channels\.tif, channel 2 \([^)]*\), in which the objects stand out most/);
    expect((rTwo.values as { divisions: number }).divisions).toBe(0);

    // the channel the segment step recorded it segmented comes first, even where another channel shows the objects with more contrast
    const decoyPath = join(dir, 'decoy-two.tif');
    const brighter = (t: number) => scene(t, false).map((v) => v * 10);
    await writeMovie(decoyPath, movieFromPlanes({ ...shape, c: 2 }, 'uint16', (t, _z, c) => (c === 0 ? brighter(t) : scene(t, false)), { channelNames: ['decoy', 'H2B'] }));
    const segmentSpec = (await import('../../tools/segment.ts')).tools.find((t) => t.name === 'segment')!;
    const segmented = await segmentSpec.run(segmentSpec.schema.parse({ movie: decoyPath, channel: 'H2B', method: 'otsu' }) as never, session('segment'));
    expect(store.get(segmented.artifacts[0].id)?.channel).toEqual({ index: 1, name: 'H2B' });
    const rDecoy = await spec.run(spec.schema.parse({ labels: segmented.artifacts[0].id }) as never, session('track'));
    expect(rDecoy.summary).toMatch(/read from decoy-two\.tif, channel 2 \(H2B\), the channel the labels were segmented on/);
    expect(rDecoy.summary).not.toMatch(/stand out most/);
    expect((rDecoy.values as { intensityChannel?: number }).intensityChannel).toBe(2);

    // a movie of another size is not used, and the answer says why
    const otherPath = join(dir, 'other-size.tif');
    await writeMovie(otherPath, movieFromPlanes({ ...shape, x: 32 }, 'uint16', () => new Uint16Array(32 * size)));
    const segment2 = session('segment');
    segment2.resolve(otherPath, 'movie');
    const labels2Path = join(dir, 'session-big', 'artifacts', 'other-labels.tif');
    await writeMovie(labels2Path, movieFromPlanes(shape, 'uint16', (t) => scene(t, true)));
    const labels2 = segment2.addArtifact('labels', labels2Path, 'objects of other-size.tif');
    const r2 = await spec.run(spec.schema.parse({ labels: labels2.id }) as never, session('track'));
    expect(r2.summary).toMatch(/No brightness was read for the division evidence: other-size\.tif, the movie the labels were made on, is not the labels' size/);
    expect((r2.values as { intensityMovie?: string }).intensityMovie).toBeUndefined();
  }, 20_000);
});

describe('evaluate finds the ground truth of a Cell Tracking Challenge sequence', () => {
  it('takes "01_GT" beside a movie opened from its folder "01", and a folder named by itself beside the movie', async () => {
    const { plan, loadAcquisitionWords } = await import('../agent/planner/planOffline.ts');
    await loadAcquisitionWords();
    const root = join(dir, 'ctc-sequence');
    mkdirSync(join(root, '01'), { recursive: true });
    mkdirSync(join(root, '01_GT', 'TRA'), { recursive: true });
    mkdirSync(join(root, 'other_GT'), { recursive: true });
    const artifacts = [{ id: 'movie-1', type: 'movie', path: join(root, '01'), producedBy: 'user' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }];
    const args = (request: string) => plan(request, artifacts).steps.find((s) => s.tool === 'evaluate')?.args ?? {};
    expect(args('score the segmentation against the ground truth').groundTruth).toBe(join(root, '01_GT'));
    expect(args('score the segmentation against other_GT').groundTruth).toBe(join(root, '01', '..', 'other_GT'));
    // (a movie with no such folder beside it: nothing guessed, the tool asks for it)
    const lone = [{ id: 'movie-1', type: 'movie', path: join(dir, 'movie.tif'), producedBy: 'user' }, artifacts[1]];
    expect(plan('score the segmentation against the ground truth', lone).steps.find((s) => s.tool === 'evaluate')?.args.groundTruth).toBeUndefined();
  });
});

