import { describe, expect, it } from 'vitest';
import { instancesFromProbabilities } from '../../src/analysis/segmentModel.ts';

describe('instancesFromProbabilities', () => {
  it('keeps two touching discs apart through the boundary class and drops specks', () => {
    const [w, h] = [60, 40];
    const background = new Float32Array(w * h).fill(1);
    const interior = new Float32Array(w * h);
    const discs = [
      [20, 20],
      [36, 20],
    ];
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const d = discs.map(([cx, cy]) => Math.hypot(x - cx, y - cy));
        const nearest = Math.min(...d);
        if (nearest <= 9) background[y * w + x] = 0;
        // Interior only away from the other disc's edge: the boundary class separates them.
        if (nearest <= 6.5) interior[y * w + x] = 0.9;
      }
    interior[2 * w + 55] = 0.9; // a one-pixel speck, below minSeedPx
    const { labels, count } = instancesFromProbabilities(background, interior, w, h);
    expect(count).toBe(2);
    expect(labels[20 * w + 20]).not.toBe(labels[20 * w + 36]);
    expect(labels[20 * w + 20]).toBeGreaterThan(0);
    expect(labels[2 * w + 55]).toBe(0);
    // The whole foreground is assigned: the two objects together cover both discs.
    let covered = 0;
    for (let i = 0; i < w * h; i++) if (background[i] < 0.5 && labels[i] > 0) covered++;
    expect(covered).toBe(Array.from(background).filter((b) => b < 0.5).length);
  });
});

describe('instancesFromProbabilities with a distance channel', () => {
  it('splits touching discs along their distance ridge where the interior class joins them', () => {
    const [w, h] = [60, 40];
    const background = new Float32Array(w * h).fill(1);
    const interior = new Float32Array(w * h);
    const distance = new Float32Array(w * h);
    const discs = [
      [20, 20],
      [34, 20],
    ];
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const d = discs.map(([cx, cy]) => Math.hypot(x - cx, y - cy));
        const nearest = Math.min(...d);
        if (nearest > 8) continue;
        background[y * w + x] = 0;
        interior[y * w + x] = 0.9; // one connected interior over both discs: no boundary between them
        // Distance to the own disc's edge, in units of the training radius (8 px), cut where the discs meet.
        const own = d.indexOf(nearest);
        const other = d[1 - own];
        distance[y * w + x] = Math.max(0, Math.min(8 - nearest, (other - nearest) / 2)) / 8;
      }
    expect(instancesFromProbabilities(background, interior, w, h).count).toBe(1);
    const { labels, count } = instancesFromProbabilities(background, interior, w, h, { distance, distanceSeed: 0.3 });
    expect(count).toBe(2);
    expect(labels[20 * w + 20]).toBeGreaterThan(0);
    expect(labels[20 * w + 34]).toBeGreaterThan(0);
    expect(labels[20 * w + 20]).not.toBe(labels[20 * w + 34]);
    // The split runs between the centres: pixels left of the midline go with the left disc.
    expect(labels[20 * w + 25]).toBe(labels[20 * w + 20]);
    expect(labels[20 * w + 29]).toBe(labels[20 * w + 34]);
  });

  it('keeps a nucleus whose distance stays under the seed level as an object of its own', () => {
    const [w, h] = [30, 30];
    const background = new Float32Array(w * h).fill(1);
    const distance = new Float32Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const r = Math.hypot(x - 15, y - 15);
        if (r > 4) continue;
        background[y * w + x] = 0;
        distance[y * w + x] = (4 - r) / 8 / 2; // at most 0.25, under the seed level
      }
    const { labels, count } = instancesFromProbabilities(background, new Float32Array(w * h), w, h, { distance, distanceSeed: 0.3 });
    expect(count).toBe(1);
    expect(labels[15 * w + 15]).toBe(1);
  });

  it('names the wrong size of a distance plane', () => {
    const plane = new Float32Array(16);
    expect(() => instancesFromProbabilities(plane, plane, 4, 4, { distance: new Float32Array(9) })).toThrow(/9 pixels, expected 4x4/);
  });
});

describe('segmentWithModel accuracy on crowded simulated nuclei', () => {
  it('reaches matched F1 >= 0.65 at IoU 0.5 and beats the classical segmentation on the same frames, and honours the area and border filters', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { simulate } = await import('../../src/sim/index.ts');
    const { segmentWithModel } = await import('../../src/analysis/segmentModel.ts');
    const { segmentPlane } = await import('../../src/analysis/seg-plane.ts');
    const { matchLabels } = await import('../../src/analysis/matching.ts');
    const { openMovie } = await import('../../src/image/index.ts');
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-segmodel-'));
    try {
      // Held-out seed (training used 3001-3040, validation 4001-4004).
      const sim = simulate({ frames: 3, width: 128, height: 128, cells: 24, snr: 8, seed: 9401, crowding: 0.9, nucleusRadiusPx: 8 });
      const result = await segmentWithModel(sim.movie, { channel: 0, outputPath: join(dir, 'labels.tif') });
      const labels = await openMovie(result.path);
      let modelF1 = 0;
      let classicalF1 = 0;
      for (let t = 0; t < 3; t++) {
        const truth = await sim.labels.plane(t, 0, 0);
        modelF1 += matchLabels(await labels.plane(t, 0, 0), truth, 128, 128, 0.5).f1 / 3;
        classicalF1 += matchLabels(segmentPlane(await sim.movie.plane(t, 0, 0), 128, 128).labels, truth, 128, 128, 0.5).f1 / 3;
      }
      await labels.close();
      console.log(`matched F1 at IoU 0.5: model ${modelF1.toFixed(3)}, classical ${classicalF1.toFixed(3)}; objects per frame ${result.objectsPerFrame.join(', ')}`);
      // The retrained model (SIM+ 01 + widely varied simulator data, strong augmentation) trades
      // accuracy on our own crowded simulator (0.99 before) for foreign data (see the SIM+ test below).
      expect(modelF1).toBeGreaterThanOrEqual(0.65);
      expect(modelF1).toBeGreaterThan(classicalF1);
      const { labelsTouchingBorder, labelAreas } = await import('../../src/analysis/morphology.ts');
      const filtered = await segmentWithModel(sim.movie, { channel: 0, outputPath: join(dir, 'filtered.tif'), minAreaPx: 150, maxAreaPx: 260, excludeBorder: true });
      const f = await openMovie(filtered.path);
      const plane = Uint32Array.from(await f.plane(0, 0, 0));
      await f.close();
      const max = Math.max(...plane);
      const areas = labelAreas(plane, max);
      for (let l = 1; l <= max; l++) if (areas[l]) expect(areas[l] >= 150 && areas[l] <= 260, `area ${areas[l]}`).toBe(true);
      expect(labelsTouchingBorder(plane, 128, 128).size).toBe(0);
      expect(filtered.objectsPerFrame[0]).toBeLessThan(result.objectsPerFrame[0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the model at the object scale of the movie', () => {
  it('resizes so objects meet the training radius, within limits', async () => {
    const { modelInputScale } = await import('../../src/analysis/segmentModel.ts');
    expect(modelInputScale(8, 24)).toBeCloseTo(1 / 3, 6);
    expect(modelInputScale(8, 8.4)).toBe(1); // within 10%: not worth resizing
    expect(modelInputScale(undefined, 24)).toBe(1);
    expect(modelInputScale(8, 1)).toBe(4);
  });

  it('on Fluo-N2DH-SIM+ 02 (never trained on) large nuclei are found at the estimated scale, not at native size', async () => {
    const { ctcDataset, datasetPresent, annotatedFrames, scoreSegmentation, sequenceParameters } = await import('../../models/training/real-data.ts');
    const data = ctcDataset('simplus02');
    if (!datasetPresent(data)) return console.log(`skipping: ${data.images} not found`);
    const { segmentWithModel } = await import('../../src/analysis/segmentModel.ts');
    const { movieFromPlanes, dtypeOf } = await import('../../src/image/movie.ts');
    const { openMovie } = await import('../../src/image/index.ts');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-segmodel-real-'));
    const { chosen } = await sequenceParameters(data, {});
    let n = 0;
    const byModel = (radius?: number) => async (plane: Uint16Array | Float32Array | Uint8Array | Uint32Array | Int16Array | Int32Array | Int8Array | Float64Array, w: number, h: number) => {
      const movie = movieFromPlanes({ t: 1, z: 1, c: 1, y: h, x: w }, dtypeOf(plane), () => plane);
      const r = await segmentWithModel(movie, { channel: 0, outputPath: join(dir, `${++n}.tif`), objectRadiusPx: radius });
      const labels = await openMovie(r.path);
      const out = (await labels.plane(0, 0, 0)).slice();
      await labels.close();
      return out;
    };
    try {
      const frames = annotatedFrames(data, 50);
      const scaled = await scoreSegmentation(data, frames, byModel(chosen.objectRadiusPx));
      const native = await scoreSegmentation(data, frames, byModel(undefined));
      console.log(`SIM+ 02 frames ${frames.join(', ')}: model at radius ${chosen.objectRadiusPx} px DET ${scaled.DET.toFixed(3)} SEG ${scaled.SEG.toFixed(3)}; at native size DET ${native.DET.toFixed(3)} SEG ${native.SEG.toFixed(3)}`);
      expect(scaled.DET).toBeGreaterThan(native.DET + 0.1); // measured 0.51 against 0.34
      expect(scaled.SEG).toBeGreaterThanOrEqual(0.3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('choosing a model by its own evidence', () => {
  /** A copy of the tiny test model declared as a whole-cell segmenter with the given measurement. */
  async function fakeCellModel(root: string, name: string, modelSeg: number, classicalSeg: number, unlikeTraining?: object): Promise<void> {
    const { cpSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const folder = join(root, name);
    cpSync(fileURLToPath(new URL('../onnx/fixtures/tiny-unet', import.meta.url)), folder, { recursive: true });
    const evidence = { data: 'test frames', measure: 'SEG', model: { DET: 0.9, SEG: modelSeg }, classical: { DET: 0.9, SEG: classicalSeg }, ...(unlikeTraining ? { unlikeTraining } : {}) };
    const rdf = readFileSync(join(folder, 'rdf.yaml'), 'utf8').replace(/^config:\n/m, `config:\n  cellpilot: ${JSON.stringify({ task: 'segment-cells', evidence })}\n`);
    writeFileSync(join(folder, 'rdf.yaml'), rdf);
  }

  it('runs the whole-cell model under "auto" only where it measured better than the classical pipeline, and says why', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { modelByEvidence, modelsForTarget } = await import('../../src/analysis/segmentModel.ts');
    const better = mkdtempSync(join(tmpdir(), 'cellpilot-evidence-'));
    const worse = mkdtempSync(join(tmpdir(), 'cellpilot-evidence-'));
    const saved = process.env.CELLPILOT_MODELS;
    try {
      // Scores above any shipped model's, so the fakes are the best measured.
      await fakeCellModel(better, 'cells-better', 0.991, 0.42);
      await fakeCellModel(worse, 'cells-worse', 0.992, 0.999);
      process.env.CELLPILOT_MODELS = better;
      const chosen = await modelByEvidence('cells');
      expect(chosen).toMatchObject({ useModel: true, key: 'cells-better' });
      expect(chosen.reason).toMatch(/SEG 0\.99 for cells-better against 0\.42 for the classical pipeline on test frames/);
      process.env.CELLPILOT_MODELS = `${worse}:${better}`;
      expect((await modelsForTarget('cells')).map((m) => m.key).slice(0, 2)).toEqual(['cells-worse', 'cells-better']);
      const declined = await modelByEvidence('cells');
      expect(declined).toMatchObject({ useModel: false, key: 'cells-worse' });
      expect(declined.reason).toMatch(/classical pipeline measured better/);
      // better on its own movie's frames, worse on data unlike them: the latter decides, and both are named
      process.env.CELLPILOT_MODELS = worse;
      await fakeCellModel(worse, 'cells-own-movie', 0.993, 0.42, { data: 'variants', model: { DET: 0.7, SEG: 0.4 }, classical: { DET: 0.8, SEG: 0.55 } });
      const unlike = await modelByEvidence('cells');
      expect(unlike).toMatchObject({ useModel: false, key: 'cells-own-movie' });
      expect(unlike.reason).toMatch(/classical pipeline measured better on cells: SEG 0\.40 for cells-own-movie against 0\.55 for the classical pipeline on variants; on test frames: 0\.99 against 0\.42/);
      // nuclei models are not whole-cell models
      expect((await modelsForTarget('nuclei')).some((m) => m.key.startsWith('cells-'))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.CELLPILOT_MODELS;
      else process.env.CELLPILOT_MODELS = saved;
      rmSync(better, { recursive: true, force: true });
      rmSync(worse, { recursive: true, force: true });
    }
  });
});

describe('the whole-cell model sized by its own measure', () => {
  it('foregroundRadiusPx is the equivalent radius of the piece holding the median foreground pixel, whatever its shape, and ignores specks', async () => {
    const { foregroundRadiusPx } = await import('../../src/analysis/segmentModel.ts');
    const [w, h] = [200, 160];
    const plane = new Float32Array(w * h).fill(100);
    // Two elongated 'cells' of 60 x 20 px (area 1200) and one of 30 x 20 (600), plus specks.
    const rect = (x0: number, y0: number, rw: number, rh: number) => {
      for (let y = y0; y < y0 + rh; y++) for (let x = x0; x < x0 + rw; x++) plane[y * w + x] = 1000;
    };
    rect(10, 10, 60, 20);
    rect(100, 60, 60, 20);
    rect(20, 110, 30, 20);
    for (let k = 0; k < 30; k++) plane[((k * 37) % h) * w + ((k * 53) % w)] = 1000;
    const r = foregroundRadiusPx(plane, w, h)!;
    // The large cells' area, grown a little by the blur and the low triangle threshold (the small cell's would be under 19 px).
    expect(r).toBeGreaterThan(Math.sqrt(1200 / Math.PI));
    expect(r).toBeLessThan(Math.sqrt(2200 / Math.PI));
    expect(foregroundRadiusPx(new Float32Array(w * h).fill(7), w, h)).toBeUndefined();
  });

  it('foregroundRadiusOfMovie pools the pieces of many frames: frames where cells touch do not decide the size alone', async () => {
    const { foregroundRadiusOfMovie, foregroundRadiusPx } = await import('../../src/analysis/segmentModel.ts');
    const { MemoryMovie } = await import('../../src/image/movie.ts');
    const [w, h, frames] = [120, 60, 9];
    // Four 16 x 16 px squares; in the first, middle and last frames they touch in pairs (two 32 x 16 pieces).
    const planes = Array.from({ length: frames }, (_, t) => {
      const plane = new Float32Array(w * h).fill(100);
      const gap = t === 0 || t === 4 || t === frames - 1 ? 0 : 12;
      for (const [x0, y0] of [[10, 20], [26 + gap, 20], [70, 20], [86 + gap, 20]]) for (let y = y0; y < y0 + 16; y++) for (let x = x0; x < x0 + 16; x++) plane[y * w + x] = 1000;
      return plane;
    });
    const r = (await foregroundRadiusOfMovie(new MemoryMovie({ t: frames, z: 1, c: 1, y: h, x: w }, 'float32', planes), 0))!;
    // The size of one square (as a frame where they are apart measures it), not of a touching pair (which the first, middle and last frames alone gave).
    const [apart, touching] = [planes[1], planes[0]].map((p) => foregroundRadiusPx(p, w, h)!);
    expect(touching / apart).toBeGreaterThan(1.3);
    expect(r).toBeCloseTo(apart, 5);
  });

  it('on MSC-02 held-out frames (never trained on), cells-unet finds the cells at the scale it measures on the movie', async () => {
    const { ctcDataset, datasetPresent, readFrame, scoreSegmentation } = await import('../../models/training/real-data.ts');
    const { modelsForTarget, segmentWithModel } = await import('../../src/analysis/segmentModel.ts');
    const data = ctcDataset('msc02');
    if (!datasetPresent(data)) return console.log(`skipping: ${data.images} not found`);
    if (!(await modelsForTarget('cells')).some((m) => m.key === 'cells-unet')) return console.log('skipping: cells-unet not installed');
    const { movieFromPlanes, dtypeOf } = await import('../../src/image/movie.ts');
    const { openMovie } = await import('../../src/image/index.ts');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-cells-real-'));
    try {
      // The movie's first, middle and last frames (0, 24, 47, as in the whole movie) size it; the
      // nine annotated frames from 34 on are held out of training (cells-data.ts) and scored.
      const heldOut = [34, 35, 36, 38, 40, 41, 42, 43, 47];
      const frames = [0, 3, 5, 6, 7, 8, 9, 10, 11, 24, ...heldOut];
      const planes = await Promise.all(frames.map(async (t) => (await readFrame(data, t)).plane));
      const { width, height } = await readFrame(data, 0);
      const movie = movieFromPlanes({ t: frames.length, z: 1, c: 1, y: height, x: width }, dtypeOf(planes[0]), (t) => planes[t]);
      const result = await segmentWithModel(movie, { channel: 0, outputPath: join(dir, 'cells.tif'), modelName: 'cells-unet', minAreaPx: 600 });
      // Its declared 24.58 px over the ~112 px it measures on this movie: about 0.22.
      expect(result.inputScale).toBeGreaterThan(0.18);
      expect(result.inputScale).toBeLessThan(0.26);
      const labels = await openMovie(result.path);
      const byFrame = new Map<number, ArrayLike<number>>();
      for (const t of heldOut) byFrame.set(t, (await labels.plane(frames.indexOf(t), 0, 0)).slice());
      await labels.close();
      const scores = await scoreSegmentation(data, heldOut, (_p, _w, _h, t) => byFrame.get(t)!);
      console.log(`MSC-02 held-out frames: cells-unet at scale ${result.inputScale.toFixed(3)} DET ${scores.DET.toFixed(3)} SEG ${scores.SEG.toFixed(3)}`);
      // Measured (eval-cells.ts, the whole movie): the 8-channel model DET 0.926 / SEG 0.699, the first
      // 12-channel one 0.913 / 0.632; the classical default 0.448 / 0.208, triangle by name 0.845 / 0.627.
      expect(scores.DET).toBeGreaterThanOrEqual(0.88);
      expect(scores.SEG).toBeGreaterThanOrEqual(0.6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('segmentWithModel on a z-stack', () => {
  it('numbers a nucleus seen in every slice once per frame (3-D objects), as the classical route does', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { segmentWithModel } = await import('../../src/analysis/segmentModel.ts');
    const { MemoryMovie } = await import('../../src/image/index.ts');
    const { openMovie } = await import('../../src/image/index.ts');
    // 2 frames x 3 slices of 64², two bright disks (r 8) in every slice: 2 objects per frame, not 6
    const W = 64;
    const disk = (cx: number, cy: number, i: number) => ((i % W) - cx) ** 2 + (Math.floor(i / W) - cy) ** 2 <= 64;
    const planes = Array.from({ length: 6 }, () => Float32Array.from({ length: W * W }, (_, i) => (disk(18, 20, i) || disk(44, 42, i) ? 1000 : 100) + ((i * 7919) % 13)));
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-segmodel-z-'));
    try {
      const result = await segmentWithModel(new MemoryMovie({ t: 2, z: 3, c: 1, y: W, x: W }, 'float32', planes), { channel: 0, outputPath: join(dir, 'labels.tif'), objectRadiusPx: 8 });
      expect(result.objectsPerFrame).toEqual([2, 2]);
      const labels = await openMovie(result.path);
      for (const [x, y] of [[18, 20], [44, 42]]) {
        const ids = new Set<number>();
        for (let z = 0; z < 3; z++) ids.add((await labels.plane(1, z, 0))[y * W + x]);
        expect(ids.size).toBe(1);
        expect([...ids][0]).toBeGreaterThan(0);
      }
      await labels.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
