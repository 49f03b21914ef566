// The SIMD transforms' plumbing against its plain arithmetic: the 2-D real transform moves complex values
// between PFFFT's row and column passes as 8-byte words (the same bits as moving each float), and the zoom
// (chirp-z) transform runs its convolution on the smallest size PFFFT takes, not the next power of two.
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKWARD, FORWARD, loadSimdFft, realFft2d, zoomDft, type SimdFft } from '../../src/analysis/fft-simd.ts';

let simd: SimdFft | undefined;
beforeAll(async () => {
  simd = await loadSimdFft();
});

function randomPlane(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 1000 - 200);
}

/** The half spectrum as RealFft2d computes it, every float moved one at a time (the arithmetic before the 8-byte moves). */
function plainForward(simd: SimdFft, plane: Float32Array, ny: number, nx: number): { values: Float32Array; energy: number } {
  const hc = nx / 2 + 1;
  const rows = simd.allocate(ny * nx);
  const columns = simd.allocate(2 * hc * ny);
  const work = simd.allocate(2 * Math.max(nx, ny));
  const rowSetup = simd.setup(nx, true);
  const columnSetup = simd.setup(ny, false);
  const heap = simd.heap();
  heap.set(plane, rows);
  for (let y = 0; y < ny; y++) simd.ordered(rowSetup, rows + y * nx, work, FORWARD);
  for (let y = 0; y < ny; y++) {
    heap[columns + 2 * y] = heap[rows + y * nx];
    heap[columns + 2 * y + 1] = 0;
    heap[columns + 2 * ((nx / 2) * ny + y)] = heap[rows + y * nx + 1];
    heap[columns + 2 * ((nx / 2) * ny + y) + 1] = 0;
    for (let k = 1; k < nx / 2; k++) {
      heap[columns + 2 * (k * ny + y)] = heap[rows + y * nx + 2 * k];
      heap[columns + 2 * (k * ny + y) + 1] = heap[rows + y * nx + 2 * k + 1];
    }
  }
  for (let k = 0; k < hc; k++) simd.ordered(columnSetup, columns + 2 * k * ny, work, FORWARD);
  const values = new Float32Array(2 * ny * hc);
  for (let y = 0; y < ny; y++)
    for (let k = 0; k < hc; k++) {
      values[2 * (y * hc + k)] = heap[columns + 2 * (k * ny + y)];
      values[2 * (y * hc + k) + 1] = heap[columns + 2 * (k * ny + y) + 1];
    }
  // the energy in RealFft2d's order (tiles of 16 columns, then rows)
  let energy = 0;
  for (let k0 = 0; k0 < hc; k0 += 16)
    for (let y = 0; y < ny; y++)
      for (let k = k0; k < Math.min(hc, k0 + 16); k++) {
        const [re, im] = [values[2 * (y * hc + k)], values[2 * (y * hc + k) + 1]];
        energy += (k === 0 || k === nx / 2 ? 1 : 2) * (re * re + im * im);
      }
  return { values, energy };
}

/** The plane back from a half spectrum, float by float, unscaled. */
function plainInverse(simd: SimdFft, half: Float32Array, ny: number, nx: number): Float32Array {
  const hc = nx / 2 + 1;
  const rows = simd.allocate(ny * nx);
  const columns = simd.allocate(2 * hc * ny);
  const work = simd.allocate(2 * Math.max(nx, ny));
  const heap = simd.heap();
  for (let y = 0; y < ny; y++)
    for (let k = 0; k < hc; k++) {
      heap[columns + 2 * (k * ny + y)] = half[2 * (y * hc + k)];
      heap[columns + 2 * (k * ny + y) + 1] = half[2 * (y * hc + k) + 1];
    }
  for (let k = 0; k < hc; k++) simd.ordered(simd.setup(ny, false), columns + 2 * k * ny, work, BACKWARD);
  for (let y = 0; y < ny; y++) {
    heap[rows + y * nx] = heap[columns + 2 * y];
    heap[rows + y * nx + 1] = heap[columns + 2 * ((nx / 2) * ny + y)];
    for (let k = 1; k < nx / 2; k++) {
      heap[rows + y * nx + 2 * k] = heap[columns + 2 * (k * ny + y)];
      heap[rows + y * nx + 2 * k + 1] = heap[columns + 2 * (k * ny + y) + 1];
    }
  }
  for (let y = 0; y < ny; y++) simd.ordered(simd.setup(nx, true), rows + y * nx, work, BACKWARD);
  return heap.slice(rows, rows + ny * nx);
}

describe('RealFft2d', () => {
  it.each([
    [64, 64],
    [48, 96],
    [160, 32],
  ])('%ix%i: the same bits as moving each float one at a time, forward and back', (ny, nx) => {
    if (!simd) return void console.log('WebAssembly SIMD missing: skipped');
    const plane = randomPlane(ny * nx, ny + nx);
    // zeros, negative zeros and tiny values must move unchanged too
    plane.fill(0, 0, nx);
    plane[nx] = -0;
    plane[nx + 1] = 1e-40;
    const plan = realFft2d(ny, nx)!;
    const values = new Float32Array(2 * ny * plan.halfWidth);
    const energy = plan.forward(plane, values);
    const plain = plainForward(simd, plane, ny, nx);
    expect(Buffer.from(values.buffer).equals(Buffer.from(plain.values.buffer))).toBe(true);
    expect(energy).toBe(plain.energy);
    const back = plan.inverseUnscaled(values).slice();
    expect(Buffer.from(back.buffer).equals(Buffer.from(plainInverse(simd, values, ny, nx).buffer))).toBe(true);
    // and a half spectrum not aligned for 8-byte moves (a view at an odd float offset) gives the same plane
    const shifted = new Float32Array(values.length + 1);
    shifted.set(values, 1);
    const unaligned = plan.inverseUnscaled(shifted.subarray(1)).slice();
    expect(Buffer.from(unaligned.buffer).equals(Buffer.from(back.buffer))).toBe(true);
    // round trip: the plane times ny * nx
    for (let i = 0; i < plane.length; i += 37) expect(back[i] / (ny * nx)).toBeCloseTo(plane[i], 1);
    // in column order: the same values, value (y, k) at 2 * (k * ny + y), and the same plane back
    const columns = new Float32Array(values.length);
    const columnEnergy = plan.forwardColumns(plane, columns);
    const transposed = new Float32Array(values.length);
    for (let y = 0; y < ny; y++)
      for (let k = 0; k < plan.halfWidth; k++) {
        transposed[2 * (k * ny + y)] = values[2 * (y * plan.halfWidth + k)];
        transposed[2 * (k * ny + y) + 1] = values[2 * (y * plan.halfWidth + k) + 1];
      }
    expect(Buffer.from(columns.buffer).equals(Buffer.from(transposed.buffer))).toBe(true);
    expect(columnEnergy).toBeCloseTo(energy, -Math.log10(energy) + 5); // summed in another order
    const backColumns = plan.inverseColumnsUnscaled(columns).slice();
    expect(Buffer.from(backColumns.buffer).equals(Buffer.from(back.buffer))).toBe(true);
  });
});

describe("kernels in PFFFT's memory", () => {
  it("reach it, so the moves between the passes and the zoom's gather run in WebAssembly (the tests above and registration.test.ts compare them with the loops)", async () => {
    if (!simd) return void console.log('WebAssembly SIMD missing: skipped');
    const { gatherKernel, pairMoves } = await import('../../src/analysis/fftKernels.ts');
    expect(simd.memory).toBeDefined();
    if (process.env.CELLPILOT_NO_DRIFT_KERNEL !== '1') {
      expect(pairMoves(simd.memory, 64, 64)).toBeDefined();
      expect(gatherKernel(simd.memory)).toBeDefined();
    }
    // the zoom from gathered rows: the same bits as from rows loaded by a callback
    const [length, outputs, rows] = [40, 9, 3];
    const input = randomPlane(2 * length * rows, 11).map((v) => v / 1000);
    const byColumns = new Float32Array(input.length);
    for (let r = 0; r < rows; r++) for (let m = 0; m < length; m++) byColumns.set(input.subarray(2 * (r * length + m), 2 * (r * length + m) + 2), 2 * (m * rows + r));
    const plan = zoomDft(simd, 40 * 5, length, outputs);
    const at = simd.allocate(byColumns.length);
    simd.heap().set(byColumns, at);
    const gathered = new Float64Array(2 * rows * outputs);
    plan.runGathered(rows, 3, -7, at, 2, 2 * rows, gathered);
    const loaded = new Float64Array(2 * rows * outputs);
    plan.run(rows, 3, -7, (r, heap, to) => heap.set(input.subarray(2 * r * length, 2 * (r + 1) * length), to), loaded);
    expect(Buffer.from(gathered.buffer).equals(Buffer.from(loaded.buffer))).toBe(true);
  });
});

describe('ZoomDft', () => {
  it.each([
    [256, 30, 512 * 20, -7, 0],
    [512, 30, 512 * 20, 13, -255],
    [100, 9, 100 * 7, 3, -49],
  ])('length %i, %i outputs, period %i: the direct sum within single precision', (length, outputs, period, offset, start) => {
    if (!simd) return void console.log('WebAssembly SIMD missing: skipped');
    const input = randomPlane(2 * length * 2, length).map((v) => v / 1000);
    const out = new Float64Array(2 * 2 * outputs);
    zoomDft(simd, period, length, outputs).run(2, offset, start, (row, heap, at) => heap.set(input.subarray(2 * row * length, 2 * (row + 1) * length), at), out);
    let scale = 0;
    let worst = 0;
    for (let row = 0; row < 2; row++)
      for (let v = 0; v < outputs; v++) {
        let re = 0;
        let im = 0;
        for (let m = 0; m < length; m++) {
          const angle = (2 * Math.PI * (v - offset) * (start + m)) / period;
          const [gr, gi] = [input[2 * (row * length + m)], input[2 * (row * length + m) + 1]];
          re += gr * Math.cos(angle) - gi * Math.sin(angle);
          im += gr * Math.sin(angle) + gi * Math.cos(angle);
        }
        const i = 2 * (row * outputs + v);
        scale = Math.max(scale, Math.hypot(re, im));
        worst = Math.max(worst, Math.hypot(out[i] - re, out[i + 1] - im));
      }
    expect(worst / scale).toBeLessThan(1e-5);
  });
});
