import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// Records the input scale every model run is given, then runs it for real.
const scalesSeen: Array<number | undefined> = [];
vi.mock('../../src/onnx/index.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/onnx/index.ts')>();
  return {
    ...actual,
    mapModelOverMovie: (...args: Parameters<typeof actual.mapModelOverMovie>) => {
      scalesSeen.push(args[2].inputScale);
      return actual.mapModelOverMovie(...args);
    },
  };
});

describe('segmentWithModel sizes the whole-cell model by the movie', () => {
  it('runs cells-unet shrunk by its declared object radius over the radius it measures, and says so', async () => {
    const { foregroundRadiusOfMovie, modelInputScale, modelsForTarget, segmentWithModel } = await import('../../src/analysis/segmentModel.ts');
    const { loadModel } = await import('../../src/onnx/index.ts');
    const { MemoryMovie } = await import('../../src/image/movie.ts');
    if (!(await modelsForTarget('cells')).some((m) => m.key === 'cells-unet')) return console.log('skipping: cells-unet not installed');
    const declared = ((await loadModel('cells-unet')).spec.config.cellpilot as { input_object_radius_px?: number }).input_object_radius_px;
    expect(declared).toBeGreaterThan(0);
    // Four bright cells of radius 48 px on a dim, noisy background: twice the size the model works at or more.
    const [w, h] = [256, 256];
    const plane = new Float32Array(w * h);
    let seed = 7;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        const inside = [
          [64, 64],
          [192, 64],
          [64, 192],
          [192, 192],
        ].some(([cx, cy]) => Math.hypot(x - cx, y - cy) <= 48);
        plane[y * w + x] = (inside ? 400 : 100) + (seed % 50);
      }
    const movie = new MemoryMovie({ t: 1, z: 1, c: 1, y: h, x: w }, 'float32', [plane]);
    const measured = (await foregroundRadiusOfMovie(movie, 0))!;
    expect(measured).toBeGreaterThan(40);
    const expected = modelInputScale(declared, measured);
    expect(expected).toBeLessThan(0.8);
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-cells-scale-'));
    try {
      scalesSeen.length = 0;
      const result = await segmentWithModel(movie, { channel: 0, outputPath: join(dir, 'cells.tif'), modelName: 'cells-unet' });
      expect(result.inputScale).toBeCloseTo(expected, 6);
      // The model itself ran on the shrunk planes: every run was given that scale.
      expect(scalesSeen.length).toBeGreaterThan(0);
      for (const s of scalesSeen) expect(s).toBeCloseTo(expected, 6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
