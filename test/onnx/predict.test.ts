// The lean inference path: normalisation fused into the copy into the batch buffer, which
// is reused across runs, must give exactly what the step-by-step path gives.
import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadModel, predictSample, predictSamples, releaseSessions, tensorFromPlanes } from '../../src/onnx/index.ts';
import { affineInto } from '../../src/onnx/predict.ts';
import { affinePlan, applyProcessing } from '../../src/onnx/processing.ts';
import type { ProcessingOp } from '../../src/onnx/spec.ts';
import { extractBox, extractBoxInto, type Tensor } from '../../src/onnx/tensor.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/tiny-unet', import.meta.url));
afterAll(releaseSessions);

function randomTensor(shape: number[], seed: number): Tensor {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const n = shape.reduce((a, b) => a * b, 1);
  // Channels at different levels, so per-channel statistics differ.
  const perChannel = n / shape[0] / shape[1];
  return { axes: ['batch', 'channel', 'y', 'x'], shape, data: Float32Array.from({ length: n }, (_, i) => 100 * Math.floor(i / perChannel) + 50 * rand() ** 2) };
}

const op = (id: string, kwargs: Record<string, unknown> = {}): ProcessingOp => ({ id, kwargs }) as ProcessingOp;
const ctx = { tensors: new Map<string, Tensor>(), where: 'test' };

function applyPlan(t: Tensor, ops: ProcessingOp[]): Float32Array {
  const plan = affinePlan(t, ops, ctx);
  expect(plan).not.toBeNull();
  const out = new Float32Array(t.data.length);
  for (let i = 0; i < out.length; i++) {
    const b = Math.floor(i / plan!.blockSize);
    out[i] = t.data[i] * plan!.gain[b] + plan!.offset[b];
  }
  return out;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('affinePlan (normalisation as one gain and offset per block)', () => {
  const t = randomTensor([1, 3, 20, 24], 5);
  const chains: Array<[string, ProcessingOp[]]> = [
    ['whole-sample percentiles', [op('ensure_dtype', { dtype: 'float32' }), op('scale_range', { axes: ['channel', 'y', 'x'], min_percentile: 1, max_percentile: 99.8 })]],
    ['per-channel percentiles', [op('scale_range', { axes: ['y', 'x'], min_percentile: 2, max_percentile: 98 })]],
    ['per-channel mean and std, then a linear scale', [op('zero_mean_unit_variance', { axes: ['y', 'x'] }), op('scale_linear', { gain: 2, offset: -1 })]],
    ['whole-sample mean and std (no axes)', [op('zero_mean_unit_variance')]],
    ['fixed mean and std', [op('fixed_zero_mean_unit_variance', { mean: 40, std: 12 })]],
  ];
  for (const [name, ops] of chains) {
    it(`matches the step-by-step operations: ${name}`, () => {
      const reference = applyProcessing(t, ops, ctx).data;
      expect(maxDiff(applyPlan(t, ops), reference)).toBeLessThan(1e-4);
    });
  }

  it('keeps the mean and std of a bright, flat camera offset (one-pass statistics, shifted sums)', () => {
    // 16-bit data near saturation with a spread of a few counts, against the step-by-step
    // operations' two-pass statistics.
    const bright: Tensor = { ...t, data: t.data.map((v) => 65000 + v / 20) };
    const ops = [op('zero_mean_unit_variance', { axes: ['y', 'x'] })];
    expect(maxDiff(applyPlan(bright, ops), applyProcessing({ ...bright, data: bright.data.slice() }, ops, ctx).data)).toBeLessThan(1e-3);
  });

  it('declines chains that are not one affine map (clip, statistics after a scale, statistics over channels only)', () => {
    expect(affinePlan(t, [op('scale_range', { axes: ['channel', 'y', 'x'] }), op('clip', { min: 0, max: 1 })], ctx)).toBeNull();
    expect(affinePlan(t, [op('scale_linear', { gain: 2 }), op('zero_mean_unit_variance')], ctx)).toBeNull();
    expect(affinePlan(t, [op('zero_mean_unit_variance', { axes: ['channel'] })], ctx)).toBeNull();
  });

  it('normalises while copying a reflected box into a batch slot, as extractBox of the normalised tensor', () => {
    const ops = chains[1][1];
    const plan = affinePlan(t, ops, ctx)!;
    const normalised = applyProcessing(t, ops, ctx);
    const [start, size] = [[0, 0, -4, 10], [1, 3, 16, 20]]; // runs past the top and right edges
    const dest = new Float32Array(7 + 3 * 16 * 20);
    extractBoxInto(t, start, size, dest, 7, plan);
    expect(maxDiff(dest.subarray(7), extractBox(normalised, start, size).data)).toBeLessThan(1e-4);
  });
});

describe('affineInto (the whole sample normalised in one flat pass)', () => {
  it('writes what extractBoxInto writes for the whole box, bit for bit, per channel and per sample', () => {
    const t = randomTensor([1, 3, 20, 24], 9);
    for (const ops of [[op('zero_mean_unit_variance', { axes: ['y', 'x'] })], [op('zero_mean_unit_variance', { axes: ['channel', 'y', 'x'] })], [op('scale_range', { axes: ['y', 'x'], min_percentile: 1, max_percentile: 99 })]]) {
      const plan = affinePlan(t, ops, ctx)!;
      const boxed = new Float32Array(5 + t.data.length);
      extractBoxInto(t, [0, 0, 0, 0], t.shape, boxed, 5, plan);
      const flat = new Float32Array(5 + t.data.length);
      affineInto(t.data, plan, flat, 5);
      expect(Array.from(flat)).toEqual(Array.from(boxed));
      // and the plain arithmetic, value by value
      const b = (i: number) => Math.floor(i / plan.blockSize);
      expect(Array.from(flat.subarray(5))).toEqual(Array.from(t.data, (v, i) => Math.fround(v * plan.gain[b(i)] + plan.offset[b(i)])));
    }
  });
});

describe('predictSamples with a reused input buffer', () => {
  it('gives each frame its own result when the input buffer is reused across runs', async () => {
    const model = await loadModel(FIXTURE);
    const spec = model.spec.inputs[0];
    const [h, w] = [48, 40];
    const frames = [1, 2, 3, 4, 5].map((seed) => randomTensor([1, 1, h, w], seed).data);
    const one = async (plane: Float32Array) => (await predictSample(model, new Map([[spec.id, tensorFromPlanes(spec, [plane], h, w)]]))).get('probability')!.data.slice();
    const alone: Float32Array[] = [];
    for (const plane of frames) alone.push(await one(plane));
    const streamed: Float32Array[] = [];
    await predictSamples(model, frames.map((plane) => new Map([[spec.id, tensorFromPlanes(spec, [plane], h, w)]])), (_, outputs) => {
      streamed.push(outputs.get('probability')!.data);
    }, { batchSize: 2 });
    expect(streamed).toHaveLength(5);
    streamed.forEach((out, k) => expect(maxDiff(out, alone[k])).toBeLessThan(1e-5));
    // Results handed out earlier are not overwritten by later runs.
    expect(maxDiff(streamed[0], streamed[1])).toBeGreaterThan(1e-3);
  });
});

describe('percentiles of large samples (histogram, exact)', () => {
  it('equal numpy-style linear interpolation on sorted values, for integer and float data, ties and outliers', async () => {
    const { percentilePairs } = await import('../../src/onnx/processing.ts');
    const sortedPercentile = (s: Float64Array, p: number) => {
      const pos = (p / 100) * (s.length - 1);
      const lo = Math.floor(pos);
      return lo + 1 < s.length ? s[lo] + (s[lo + 1] - s[lo]) * (pos - lo) : s[lo];
    };
    let seed = 3;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const n = 200_003;
    const cases: Array<[string, Float32Array]> = [
      ['uint16-like counts', Float32Array.from({ length: n }, () => Math.floor(100 + 50 * rand() ** 3 * 100))],
      ['floats with a far outlier', Float32Array.from({ length: n }, (_, i) => (i === 7 ? 1e9 : rand() * 10))],
      ['mostly one value', Float32Array.from({ length: n }, () => (rand() < 0.98 ? 5 : rand()))],
    ];
    for (const [name, data] of cases) {
      const before = data.slice();
      const sorted = Float64Array.from(data).sort();
      const t = { axes: ['y', 'x'], shape: [1, n], data };
      for (const [lowP, highP] of [[1, 99.8], [0, 100], [3, 50]]) {
        const [low, high] = percentilePairs(t, ['y', 'x'], lowP, highP);
        expect(low[0], `${name} ${lowP}`).toBeCloseTo(sortedPercentile(sorted, lowP), 4);
        expect(high[0], `${name} ${highP}`).toBeCloseTo(sortedPercentile(sorted, highP), 4);
      }
      expect(maxDiff(data, before)).toBe(0); // read, not reordered
    }
  });
});

describe('a plane of a size the model does not take', () => {
  it('runs as one reflected, padded tile and comes back cropped, equal to session.run on the padded input', async () => {
    const model = await loadModel(FIXTURE);
    const spec = model.spec.inputs[0];
    const [h, w] = [45, 37]; // the model takes multiples of 8: one tile of 48 x 40
    const raw = tensorFromPlanes(spec, [randomTensor([1, 1, h, w], 9).data], h, w);
    const got = (await predictSample(model, new Map([[spec.id, raw]]))).get('probability')!;
    expect(got.shape).toEqual([1, 1, h, w]);
    const padded = extractBox(applyProcessing(raw, spec.preprocessing, ctx), [0, 0, 0, 0], [1, 1, 48, 40]);
    const { Tensor } = await import('onnxruntime-node');
    const out = (await model.session.run({ [model.inputNames[0]]: new Tensor('float32', padded.data, padded.shape) }))[model.outputNames[0]].data as Float32Array;
    const expected = new Float32Array(h * w);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) expected[y * w + x] = 1 / (1 + Math.exp(-out[y * 40 + x]));
    expect(maxDiff(got.data, expected)).toBeLessThan(1e-4);
  });
});

describe('resizeBilinear (separable, one kernel for every input type)', () => {
  /** The two-tap bilinear value at each output pixel centre, edges repeated (align_corners=False). */
  function reference(plane: ArrayLike<number>, width: number, height: number, outWidth: number, outHeight: number): Float64Array {
    const out = new Float64Array(outWidth * outHeight);
    const tap = (i: number, from: number, to: number) => {
      const p = Math.min(from - 1, Math.max(0, ((i + 0.5) * from) / to - 0.5));
      const i0 = Math.floor(p);
      return [i0, Math.min(from - 1, i0 + 1), p - i0];
    };
    for (let y = 0; y < outHeight; y++) {
      const [y0, y1, wy] = tap(y, height, outHeight);
      for (let x = 0; x < outWidth; x++) {
        const [x0, x1, wx] = tap(x, width, outWidth);
        const top = plane[y0 * width + x0] * (1 - wx) + plane[y0 * width + x1] * wx;
        const bottom = plane[y1 * width + x0] * (1 - wx) + plane[y1 * width + x1] * wx;
        out[y * outWidth + x] = top * (1 - wy) + bottom * wy;
      }
    }
    return out;
  }

  it('equals two-tap bilinear interpolation when shrinking, enlarging, at odd sizes and from uint16 planes', async () => {
    const { resizeBilinear } = await import('../../src/onnx/resize.ts');
    const [w, h] = [37, 29];
    const float = randomTensor([1, 1, h, w], 11).data;
    const counts = Uint16Array.from(float, (v) => Math.round(v * 100));
    for (const plane of [float, counts]) {
      for (const [ow, oh] of [[30, 23], [74, 58], [41, 17], [37, 29], [1, 1], [100, 3]]) {
        const got = resizeBilinear(plane, w, h, ow, oh);
        expect(got).toHaveLength(ow * oh);
        const want = reference(plane, w, h, ow, oh);
        expect(maxDiff(got, want) / 6000, `${plane.constructor.name} ${w}x${h} -> ${ow}x${oh}`).toBeLessThan(1e-6);
      }
    }
    // Into a given buffer, which is returned.
    const into = new Float32Array(20 * 10);
    expect(resizeBilinear(float, w, h, 20, 10, into)).toBe(into);
    expect(() => resizeBilinear(float, w + 1, h, 20, 10)).toThrow(RangeError);
  });
});

describe('session options', () => {
  it('let a multi-thread session sleep between operators, and such a session gives the one-thread result', async () => {
    const { sessionOptions } = await import('../../src/onnx/session-task.ts');
    expect(sessionOptions(2).extra).toEqual({ session: { intra_op: { allow_spinning: '0' } } });
    expect(sessionOptions(1).extra).toBeUndefined();
    const spec = (await loadModel(FIXTURE, { threads: 1 })).spec.inputs[0];
    const plane = randomTensor([1, 1, 48, 40], 4).data;
    const run = async (threads: number) => (await predictSample(await loadModel(FIXTURE, { threads }), new Map([[spec.id, tensorFromPlanes(spec, [plane], 48, 40)]]))).get('probability')!.data;
    expect(maxDiff(await run(2), await run(1))).toBeLessThan(1e-5);
  });
});
