import { describe, expect, it } from 'vitest';
import { keptOnContents, memoOnContents, memoOnPlane, optionsKey, planeFingerprint } from '../../src/analysis/plane-memo.ts';
import { segmentationKey, segmentPlane, segmentPlaneRemembered } from '../../src/analysis/seg-plane.ts';
import { chooseSegmentParameters } from '../../src/analysis/seg-auto.ts';

function disks(size: number, radius: number, level: number): Float32Array {
  const plane = new Float32Array(size * size).fill(100);
  for (const [cx, cy] of [[16, 16], [44, 20], [22, 46], [48, 48]])
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= radius * radius) plane[y * size + x] = level;
  // a little deterministic texture so thresholds and noise have something to read
  for (let i = 0; i < plane.length; i++) plane[i] += ((i * 7919) % 13) - 6;
  return plane;
}

describe('memoOnPlane', () => {
  it('computes once per plane and key while the plane is unchanged', () => {
    const plane = new Uint16Array([1, 2, 3, 4]);
    let calls = 0;
    const f = (key: string) => memoOnPlane(plane, key, () => ++calls);
    expect([f('a'), f('a'), f('b'), f('a')]).toEqual([1, 1, 2, 1]);
    expect(memoOnPlane(new Uint16Array([1, 2, 3, 4]), 'a', () => ++calls)).toBe(3); // another plane object
  });

  it('computes again after the plane is written in place', () => {
    const plane = new Float32Array([1, 2, 3, 4, 5]);
    expect(memoOnPlane(plane, 'sum', () => plane.reduce((a, b) => a + b, 0))).toBe(15);
    plane[4] = 6;
    expect(memoOnPlane(plane, 'sum', () => plane.reduce((a, b) => a + b, 0))).toBe(16);
  });

  it('does not keep a result whose computation wrote the plane', () => {
    const plane = new Float32Array([1, 2]);
    let calls = 0;
    memoOnPlane(plane, 'k', () => ((plane[0] += 1), ++calls));
    memoOnPlane(plane, 'k', () => ++calls);
    expect(calls).toBe(2);
  });

  it('fingerprints every byte, of views at any offset and of any length', () => {
    const buffer = new Uint16Array(11).map((_, i) => i * 3);
    const view = buffer.subarray(1, 10); // byte offset 2, 18 bytes
    const before = planeFingerprint(view);
    for (let i = 0; i < view.length; i++) {
      const copy = view.slice();
      copy[i] ^= 1;
      expect(planeFingerprint(copy)).not.toBe(before);
    }
    expect(planeFingerprint(view.slice())).toBe(before);
    const odd = new Uint8Array([1, 2, 3, 4, 5, 6, 7]);
    expect(planeFingerprint(odd)).not.toBe(planeFingerprint(new Uint8Array([1, 2, 3, 4, 5, 6, 8])));
  });

  it('spells out non-finite numbers in option keys', () => {
    expect(optionsKey({ maxAreaPx: Number.POSITIVE_INFINITY })).not.toBe(optionsKey({ maxAreaPx: null }));
  });
});

describe('chooseSegmentParameters with remembered plane work', () => {
  it('chooses the same on a second call, and for a plane written in place as for a fresh copy of it', () => {
    const plane = disks(64, 7, 900);
    const first = chooseSegmentParameters([{ plane, width: 64, height: 64 }], { method: 'auto' });
    expect(chooseSegmentParameters([{ plane, width: 64, height: 64 }], { method: 'auto' })).toEqual(first);
    plane.set(disks(64, 4, 400));
    const again = chooseSegmentParameters([{ plane, width: 64, height: 64 }], { method: 'auto' });
    const fresh = chooseSegmentParameters([{ plane: plane.slice(), width: 64, height: 64 }], { method: 'auto' });
    expect(again).toEqual(fresh);
    expect(again.chosen.objectRadiusPx).toBeLessThan(first.chosen.objectRadiusPx);
  });
});

describe('memoOnContents', () => {
  it('finds a result by the plane\'s bytes: a copy finds it, other contents or another type of array do not', () => {
    const plane = new Uint16Array([5, 6, 7, 8, 9]);
    let calls = 0;
    expect(memoOnContents(plane, 'k', () => ++calls)).toBe(1);
    expect(memoOnContents(plane.slice(), 'k', () => ++calls)).toBe(1);
    expect(keptOnContents(plane.slice(), 'k')).toBe(1);
    expect(keptOnContents(plane.slice(), 'other key')).toBeUndefined();
    expect(keptOnContents(new Uint16Array([5, 6, 7, 8, 10]), 'k')).toBeUndefined();
    expect(keptOnContents(new Int16Array([5, 6, 7, 8, 9]), 'k')).toBeUndefined();
    // a computation that writes its plane is not kept
    const written = new Uint16Array([1, 1, 1]);
    memoOnContents(written, 'w', () => ((written[0] = 2), 0));
    expect(keptOnContents(new Uint16Array([1, 1, 1]), 'w')).toBeUndefined();
    expect(keptOnContents(written, 'w')).toBeUndefined();
  });

  it('keeps a segmentation under the options with their defaults, and it equals a fresh one', () => {
    const plane = disks(64, 8, 400);
    expect(segmentationKey(64, 64, { sigmaPx: 2, splitTouching: true, threshold: undefined })).toBe(segmentationKey(64, 64, {}));
    expect(segmentationKey(64, 64, { method: 'triangle' })).not.toBe(segmentationKey(64, 64, {}));
    // every option is in the key, those added since too (emptyIfNoise: a noise-alone plane is empty by default)
    expect(segmentationKey(64, 64, { emptyIfNoise: true })).toBe(segmentationKey(64, 64, {}));
    expect(segmentationKey(64, 64, { emptyIfNoise: false })).not.toBe(segmentationKey(64, 64, {}));
    const kept = segmentPlaneRemembered(plane, 64, 64, { method: 'triangle', minAreaPx: 30 });
    const found = keptOnContents(Float32Array.from(plane), segmentationKey(64, 64, { minAreaPx: 30, method: 'triangle', splitBy: 'distance' })!);
    expect(found).toBe(kept);
    expect(kept).toEqual(segmentPlane(plane, 64, 64, { method: 'triangle', minAreaPx: 30 }));
  });
});
