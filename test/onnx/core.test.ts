import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryMovie } from '../../src/image/movie.ts';
import {
  listModels,
  loadModel,
  mapModelOverMovie,
  predictSample,
  readModelSpec,
  readNpy,
  releaseSessions,
  tensorFromPlanes,
  verifyModel,
  writeNpy,
} from '../../src/onnx/index.ts';
import { InputError } from '../../src/errors.ts';
import { closeWorkerPools, nativeTasksInFlight } from '../../src/parallel/pool.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/tiny-unet', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'cellpilot-onnx-'));
afterAll(async () => {
  await releaseSessions();
  await closeWorkerPools();
  rmSync(temp, { recursive: true, force: true });
});

function copyFixture(name: string): string {
  const dir = join(temp, name);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

/** A smooth random image (sum of blobs) with noise, deterministic. */
function testImage(height: number, width: number, seed = 1): Float32Array {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const blobs = Array.from({ length: 6 }, () => [rand() * height, rand() * width, 20 + rand() * 60]);
  const out = new Float32Array(height * width);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let v = 100 + 30 * rand();
      for (const [by, bx, r2] of blobs) v += 500 * Math.exp(-((y - by) ** 2 + (x - bx) ** 2) / r2);
      out[y * width + x] = v;
    }
  return out;
}

describe('npy', () => {
  it('round-trips float32 and int arrays with numpy headers', () => {
    const data = Float32Array.from({ length: 24 }, (_, i) => i * 0.5 - 3);
    const back = readNpy(writeNpy({ shape: [2, 3, 4], dtype: 'float32', data }));
    expect(back.shape).toEqual([2, 3, 4]);
    expect(Array.from(back.data as Float32Array)).toEqual(Array.from(data));
    const ints = readNpy(writeNpy({ shape: [5], dtype: 'uint16', data: Uint16Array.from([1, 2, 3, 65535, 0]) }));
    expect(ints.dtype).toBe('uint16');
    expect(Array.from(ints.data as Uint16Array)).toEqual([1, 2, 3, 65535, 0]);
  });

  it('reads the test tensor numpy wrote', () => {
    const npy = readNpy(readFileSync(join(FIXTURE, 'test_input.npy')));
    expect(npy.shape).toEqual([1, 1, 64, 48]);
    expect(npy.dtype).toBe('float32');
  });

  it('rejects a file that is not .npy', () => {
    expect(() => readNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), 'x.npy')).toThrow(/x.npy is not a NumPy/);
  });
});

describe('bioimage.io model description', () => {
  it('parses axes, sizes, halo and processing of a 0.5 rdf.yaml', () => {
    const spec = readModelSpec(FIXTURE);
    expect(spec.name).toBe('Tiny test network');
    expect(spec.inputs[0].axes.map((a) => a.id)).toEqual(['batch', 'channel', 'y', 'x']);
    expect(spec.inputs[0].axes[2].size).toEqual({ kind: 'parametrized', min: 16, step: 8 });
    expect(spec.outputs[0].axes[3]).toMatchObject({ halo: 4, size: { kind: 'reference', tensorId: 'raw', axisId: 'x', factor: 1, offset: 0 } });
    expect(spec.inputs[0].preprocessing.map((p) => p.id)).toEqual(['ensure_dtype', 'scale_range']);
    expect(spec.tolerance.absolute).toBe(1e-4);
  });

  it('reads the older 0.4 format into the same model', async () => {
    const dir = copyFixture('v04');
    writeFileSync(
      join(dir, 'rdf.yaml'),
      `format_version: 0.4.9
type: model
name: tiny v04
inputs:
  - name: raw
    axes: bcyx
    data_type: float32
    shape: {min: [1, 1, 16, 16], step: [0, 0, 8, 8]}
    preprocessing:
      - name: scale_range
        kwargs: {mode: per_sample, axes: cyx, min_percentile: 1.0, max_percentile: 99.8}
outputs:
  - name: probability
    axes: bcyx
    data_type: float32
    halo: [0, 0, 4, 4]
    shape: {reference_tensor: raw, scale: [1, 1, 1, 1], offset: [0, 0, 0, 0]}
    postprocessing:
      - name: sigmoid
test_inputs: [test_input.npy]
test_outputs: [test_output.npy]
weights:
  onnx: {source: weights.onnx}
`,
    );
    const spec = readModelSpec(dir);
    expect(spec.inputs[0].preprocessing[0].kwargs.axes).toEqual(['channel', 'y', 'x']);
    const result = await verifyModel(dir);
    expect(result.ok).toBe(true);
  });

  it('explains a folder without ONNX weights, an unknown operation and a bad version in one line', () => {
    const dir = copyFixture('bad');
    const rdf = readFileSync(join(dir, 'rdf.yaml'), 'utf8');
    writeFileSync(join(dir, 'rdf.yaml'), rdf.replace('  onnx:\n', '  torchscript:\n'));
    expect(() => readModelSpec(dir)).toThrow(/no ONNX weights \(it has: torchscript\)/);
    writeFileSync(join(dir, 'rdf.yaml'), rdf.replace('id: sigmoid', 'id: fancy_norm'));
    expect(() => readModelSpec(dir)).toThrow(/"fancy_norm", which cellpilot does not support/);
    writeFileSync(join(dir, 'rdf.yaml'), rdf.replace('format_version: 0.5.4', 'format_version: 0.3.6'));
    expect(() => readModelSpec(dir)).toThrow(InputError);
    writeFileSync(join(dir, 'rdf.yaml'), rdf.replace('type: space\n        id: y', 'type: spaceship\n        id: y'));
    expect(() => readModelSpec(dir)).toThrow(/rdf.yaml: inputs.0.axes/);
  });
});

describe('loading and running a model', () => {
  it('verifies the test output (pre-processing, inference, post-processing)', async () => {
    const result = await verifyModel(FIXTURE);
    expect(result.ok).toBe(true);
    expect(result.maxAbsDiff).toBeLessThan(1e-4);
    expect(result.elements).toBe(64 * 48);
  });

  it('refuses weights whose sha256 does not match, and a missing weights file', async () => {
    const dir = copyFixture('corrupt');
    const bytes = readFileSync(join(dir, 'weights.onnx'));
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(join(dir, 'weights.onnx'), bytes);
    await expect(loadModel(dir)).rejects.toThrow(/has sha256 .* but rdf.yaml declares/);
    rmSync(join(dir, 'weights.onnx'));
    await expect(loadModel(dir)).rejects.toThrow(/weights file .* is missing/);
  });

  it('runs a model dropped into a models folder, by folder name and by its name', async () => {
    const root = join(temp, 'dropped');
    cpSync(FIXTURE, join(root, 'my-unet'), { recursive: true });
    process.env.CELLPILOT_MODELS = root;
    try {
      expect(listModels().map((m) => m.key)).toContain('my-unet');
      const byKey = await loadModel('my-unet');
      const byName = await loadModel('tiny test network');
      expect(byName.spec.folder).toBe(byKey.spec.folder);
      await expect(loadModel('no-such-model')).rejects.toThrow(/no model called "no-such-model" \(available: .*my-unet/);
    } finally {
      delete process.env.CELLPILOT_MODELS;
    }
  });

  it('tiles with the halo so that tiled and whole-image results agree', async () => {
    const model = await loadModel(FIXTURE);
    const [h, w] = [96, 88]; // sizes the model accepts, so the whole image runs in one tile
    const sample = new Map([['raw', tensorFromPlanes(model.spec.inputs[0], [testImage(h, w)], h, w)]]);
    const whole = (await predictSample(model, sample, { tileSizePx: 1024 })).get('probability')!;
    const tiled = (await predictSample(model, sample, { tileSizePx: 32, blendPx: 4, batchSize: 3 })).get('probability')!;
    expect(tiled.shape).toEqual([1, 1, h, w]);
    let maxDiff = 0;
    for (let i = 0; i < whole.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(whole.data[i] - tiled.data[i]));
    expect(maxDiff).toBeLessThan(1e-5);
  });

  it('pads images of sizes the model does not accept and crops back', async () => {
    const model = await loadModel(FIXTURE);
    const [h, w] = [37, 50];
    const sample = new Map([['raw', tensorFromPlanes(model.spec.inputs[0], [testImage(h, w, 3)], h, w)]]);
    const out = (await predictSample(model, sample, { tileSizePx: 24, blendPx: 2 })).get('probability')!;
    expect(out.shape).toEqual([1, 1, h, w]);
    expect(out.data.every((v) => v > 0 && v < 1)).toBe(true);
  });

  it('runs over a movie plane by plane with progress, and checks channels', async () => {
    const shape = { t: 3, z: 1, c: 2, y: 40, x: 32 };
    const planes = Array.from({ length: 6 }, (_, i) => testImage(40, 32, i + 1));
    const movie = new MemoryMovie(shape, 'float32', planes);
    const progress: number[] = [];
    const seen: number[] = [];
    await mapModelOverMovie(FIXTURE, movie, { channels: [1], frames: [1, 2], onProgress: (d) => progress.push(d) }, ({ t, planes: out, height, width }) => {
      seen.push(t);
      expect([height, width, out.length]).toEqual([40, 32, 1]);
    });
    expect(seen).toEqual([1, 2]);
    expect(progress).toEqual([1, 2]);
    await expect(mapModelOverMovie(FIXTURE, movie, { channels: [0, 1] }, () => {})).rejects.toThrow(/takes 1 channel\(s\) \(raw\) but was given 2/);
    await expect(mapModelOverMovie(FIXTURE, movie, { channels: [4] }, () => {})).rejects.toThrow(/channel 5 does not exist/);
  });

  it('runs the planes on one-thread sessions in worker threads with the outputs of the session in this thread, in order', async () => {
    const shape = { t: 6, z: 1, c: 1, y: 40, x: 32 };
    const movie = new MemoryMovie(shape, 'float32', Array.from({ length: 6 }, (_, i) => testImage(40, 32, i + 7)));
    const run = async (sessionWorkers: number) => {
      const out: Array<{ t: number; plane: Float32Array }> = [];
      await mapModelOverMovie(FIXTURE, movie, { sessionWorkers, batchSize: 1 }, ({ t, planes }) => void out.push({ t, plane: planes[0] }));
      return out;
    };
    const here = await run(1);
    const workers = await run(2);
    expect(workers.map((p) => p.t)).toEqual([0, 1, 2, 3, 4, 5]);
    let maxDiff = 0;
    for (let k = 0; k < here.length; k++) for (let i = 0; i < here[k].plane.length; i++) maxDiff = Math.max(maxDiff, Math.abs(here[k].plane[i] - workers[k].plane[i]));
    expect(maxDiff).toBeLessThan(1e-5);
    // Frames differ, so a plane sent to the wrong place would show.
    expect(here[0].plane.some((v, i) => Math.abs(v - here[1].plane[i]) > 1e-3)).toBe(true);
  });

  it('gives every frame its own output when the shared input buffers of the session workers are reused (more frames than in flight)', async () => {
    const shape = { t: 11, z: 1, c: 1, y: 24, x: 32 };
    const movie = new MemoryMovie(shape, 'float32', Array.from({ length: 11 }, (_, i) => testImage(24, 32, i + 3)));
    const run = async (sessionWorkers: number) => {
      const out: Array<{ t: number; plane: Float32Array }> = [];
      await mapModelOverMovie(FIXTURE, movie, { sessionWorkers, batchSize: 1 }, ({ t, planes }) => void out.push({ t, plane: planes[0].slice() }));
      return out;
    };
    const [two, three, here] = [await run(2), await run(3), await run(1)];
    expect(two.map((p) => p.t)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(three.map((p) => p.t)).toEqual(two.map((p) => p.t));
    for (let k = 0; k < here.length; k++) {
      for (const other of [two, three]) {
        let diff = 0;
        for (let i = 0; i < here[k].plane.length; i++) diff = Math.max(diff, Math.abs(here[k].plane[i] - other[k].plane[i]));
        expect(diff).toBeLessThan(1e-5);
      }
      // one-thread sessions in workers: the same values from 2 and 3 of them
      expect(Array.from(three[k].plane)).toEqual(Array.from(two[k].plane));
    }
  });

  it('stops when cancelled', async () => {
    const movie = new MemoryMovie({ t: 4, z: 1, c: 1, y: 32, x: 32 }, 'float32', Array.from({ length: 4 }, (_, i) => testImage(32, 32, i)));
    const controller = new AbortController();
    let planes = 0;
    const run = mapModelOverMovie(FIXTURE, movie, { signal: controller.signal, batchSize: 1 }, () => {
      if (++planes === 2) controller.abort();
    });
    await expect(run).rejects.toThrow(/cancelled/);
    expect(planes).toBe(2);
  });

  it('stops when cancelled on session workers only once their runs in flight have ended (exiting inside one aborts the process)', async () => {
    const movie = new MemoryMovie({ t: 8, z: 1, c: 1, y: 64, x: 64 }, 'float32', Array.from({ length: 8 }, (_, i) => testImage(64, 64, i)));
    const controller = new AbortController();
    let planes = 0;
    const run = mapModelOverMovie(FIXTURE, movie, { signal: controller.signal, batchSize: 1, sessionWorkers: 2 }, () => {
      if (++planes === 2) controller.abort();
    });
    await expect(run).rejects.toThrow(/cancelled/);
    expect(nativeTasksInFlight()).toBe(0);
  });
});

describe('models whose output is larger than the input', () => {
  const UPSAMPLER = fileURLToPath(new URL('./fixtures/tiny-upsampler', import.meta.url));

  it('verifies and tiles a 2x upsampler (output scale 0.5) like whole-image inference', async () => {
    expect((await verifyModel(UPSAMPLER)).ok).toBe(true);
    const model = await loadModel(UPSAMPLER);
    expect(model.spec.outputs[0].axes[2].size).toMatchObject({ kind: 'reference', factor: 2 });
    const [h, w] = [48, 40];
    const sample = new Map([['input', tensorFromPlanes(model.spec.inputs[0], [testImage(h, w, 5)], h, w)]]);
    const whole = (await predictSample(model, sample, { tileSizePx: 1024 })).get('output')!;
    const tiled = (await predictSample(model, sample, { tileSizePx: 16, blendPx: 2 })).get('output')!;
    expect(tiled.shape).toEqual([1, 1, 2 * h, 2 * w]);
    let maxDiff = 0;
    for (let i = 0; i < whole.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(whole.data[i] - tiled.data[i]));
    expect(maxDiff).toBeLessThan(1e-3);
  });
});

describe('runModelOnMovie', () => {
  it('writes the output movie with the model output channel names', async () => {
    const { runModelOnMovie } = await import('../../src/onnx/index.ts');
    const { openMovie } = await import('../../src/image/index.ts');
    const movie = new MemoryMovie({ t: 2, z: 1, c: 1, y: 32, x: 40 }, 'float32', [testImage(32, 40, 1), testImage(32, 40, 2)], { channelNames: ['DAPI'], pixelSizeUm: 0.5 });
    const path = join(temp, 'out.tif');
    const result = await runModelOnMovie(FIXTURE, movie, { outputPath: path });
    expect(result).toMatchObject({ planes: 2, outputChannels: 1, modelKey: 'tiny-unet' });
    const out = await openMovie(path);
    expect(out.shape).toMatchObject({ t: 2, c: 1, y: 32, x: 40 });
    expect(out.meta.channelNames).toEqual(['probability']);
    const plane = await out.plane(1, 0, 0);
    expect(Math.max(...plane)).toBeLessThanOrEqual(1);
    await out.close();
  });
});

describe('test-time augmentation', () => {
  it('each of the 8 rotations/flips is undone exactly', async () => {
    const { DIHEDRAL, forward, addInverse } = await import('../../src/onnx/augment.ts');
    const [h, w] = [5, 7];
    const plane = Float32Array.from({ length: h * w }, (_, i) => i * 1.5 - 4);
    expect(new Set(DIHEDRAL.map((t) => JSON.stringify(Array.from(forward(plane, h, w, t).data)))).size).toBe(8);
    for (const tr of DIHEDRAL) {
      const moved = forward(plane, h, w, tr);
      expect([moved.height, moved.width]).toEqual(tr.transpose ? [w, h] : [h, w]);
      const back = new Float32Array(h * w);
      addInverse(moved.data, moved.height, moved.width, tr, back);
      expect(Array.from(back)).toEqual(Array.from(plane));
    }
  });

  it('averages a model over the 8 transforms of each plane', async () => {
    const movie = new MemoryMovie({ t: 2, z: 1, c: 1, y: 32, x: 24 }, 'float32', [testImage(32, 24, 1), testImage(32, 24, 2)]);
    const plain: Float32Array[] = [];
    const augmented: Float32Array[] = [];
    await mapModelOverMovie(FIXTURE, movie, {}, ({ planes }) => void plain.push(planes[0]));
    await mapModelOverMovie(FIXTURE, movie, { augment: true, batchSize: 3 }, ({ planes, height, width }) => {
      expect([height, width]).toEqual([32, 24]);
      augmented.push(planes[0]);
    });
    expect(augmented).toHaveLength(2);
    // Different from the plain prediction (the test network is not symmetric) but close to it.
    let diff = 0;
    for (let i = 0; i < plain[0].length; i++) diff = Math.max(diff, Math.abs(plain[0][i] - augmented[0][i]));
    expect(diff).toBeGreaterThan(1e-4);
    expect(diff).toBeLessThan(0.5);
  });
});
