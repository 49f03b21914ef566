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

describe('segmentWithModel accuracy on crowded simulated nuclei', () => {
  it('reaches matched F1 >= 0.95 at IoU 0.5 and beats the classical segmentation on the same frames', async () => {
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
      expect(modelF1).toBeGreaterThanOrEqual(0.95);
      expect(modelF1).toBeGreaterThan(classicalF1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
