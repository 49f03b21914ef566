import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { foregroundRadiusOfMovie, modelInputScale, modelsForTarget, segmentWithModel } from '../../src/analysis/segmentModel.ts';
import { MemoryMovie } from '../../src/image/movie.ts';
import { loadModel } from '../../src/onnx/index.ts';

// A model's working scale is a promise about cost and accuracy (models/README.md): each
// segmentation model declares the object radius it works at (config.cellpilot
// input_object_radius_px), and the network must see the movie resized to it, not the movie at
// its own size. This looks at the tensors the onnxruntime session itself is given: it fails when
// the declared scale is dropped anywhere between the rdf and session.run.

/** Bright disks of `radiusPx` on a dim, noisy background. */
function disks(size: number, radiusPx: number): MemoryMovie {
  const plane = new Float32Array(size * size);
  const step = size / 2;
  let seed = 11;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const dx = (x % step) - step / 2;
      const dy = (y % step) - step / 2;
      plane[y * size + x] = (Math.hypot(dx, dy) <= radiusPx ? 400 : 100) + (seed % 50);
    }
  return new MemoryMovie({ t: 1, z: 1, c: 1, y: size, x: size }, 'float32', [plane]);
}

describe('segmentation models run at their declared working scale', () => {
  it('every shipped model declaring an object radius is fed planes resized by declared / measured radius', async () => {
    const models = [...(await modelsForTarget('nuclei')), ...(await modelsForTarget('cells'))];
    let checked = 0;
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-model-scale-'));
    try {
      for (const { key } of models) {
        const model = await loadModel(key);
        const config = model.spec.config.cellpilot as { input_object_radius_px?: number; object_radius_measure?: string };
        const declared = config.input_object_radius_px;
        if (!declared) continue;
        // Objects twice the declared radius: the model must run on planes about half the size.
        const size = 256;
        const movie = disks(size, Math.min(2 * declared, size / 4 - 4));
        const ownMeasure = config.object_radius_measure === 'foreground';
        const radius = ownMeasure ? await foregroundRadiusOfMovie(movie, 0) : Math.min(2 * declared, size / 4 - 4);
        const scale = modelInputScale(declared, radius);
        expect(scale, key).toBeLessThan(0.75);
        const expectedPx = Math.round(size * scale);
        const run = vi.spyOn(model.session, 'run');
        try {
          const result = await segmentWithModel(movie, { channel: 0, outputPath: join(dir, `${key}.tif`), modelName: key, objectRadiusPx: ownMeasure ? undefined : radius });
          expect(result.inputScale, key).toBeCloseTo(scale, 6);
          expect(run, key).toHaveBeenCalled();
          const input = model.spec.inputs[0];
          const halo = Math.max(...model.spec.outputs[0].axes.map((a) => a.halo));
          for (const [feeds] of run.mock.calls) {
            const dims = (feeds as Record<string, { dims: readonly number[] }>)[model.inputNames[0]].dims;
            const spatial = input.axes.flatMap((a, d) => (a.type === 'space' ? [dims[d]] : []));
            // The resized plane, plus at most the padding to the model's size step and its halo on each side.
            for (const px of spatial) {
              expect(px, `${key}: the network saw ${spatial.join('x')} px`).toBeGreaterThanOrEqual(Math.min(expectedPx, 16));
              expect(px, `${key}: the network saw ${spatial.join('x')} px, expected about ${expectedPx} (scale ${scale.toFixed(3)})`).toBeLessThanOrEqual(expectedPx + 2 * halo + 8);
            }
          }
        } finally {
          run.mockRestore();
        }
        checked++;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (!checked) console.log('skipping: no segmentation model declaring input_object_radius_px is installed');
  }, 120_000);
});
