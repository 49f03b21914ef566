import { describe, expect, it } from 'vitest';
import { linkSlices } from '../../src/analysis/seg-zlink.ts';

const W = 40;
/** A 40x40 slice holding disks (cx, cy, r) numbered in the order given. */
function slice(disks: [number, number, number][]): Uint32Array {
  const out = new Uint32Array(W * W);
  disks.forEach(([cx, cy, r], k) => {
    for (let i = 0; i < out.length; i++) if (((i % W) - cx) ** 2 + (Math.floor(i / W) - cy) ** 2 <= r * r) out[i] = k + 1;
  });
  return out;
}
const idsAt = (labels: Uint32Array[], x: number, y: number) => labels.map((s) => s[y * W + x]);

describe('linkSlices', () => {
  it('numbers one nucleus seen in every slice once, whatever each slice numbered it', () => {
    // two nuclei, numbered in the opposite order in the middle slice
    const a: [number, number, number] = [10, 10, 6];
    const b: [number, number, number] = [28, 28, 7];
    const linked = linkSlices([slice([a, b]), slice([b, a]), slice([a, b])]);
    expect(linked.count).toBe(2);
    expect(new Set(idsAt(linked.labels, 10, 10)).size).toBe(1);
    expect(new Set(idsAt(linked.labels, 28, 28)).size).toBe(1);
    expect(idsAt(linked.labels, 10, 10)[0]).not.toBe(idsAt(linked.labels, 28, 28)[0]);
  });

  it('joins a nucleus cut in two in one slice, and starts a new object where one appears', () => {
    const whole = slice([[20, 20, 9]]);
    // the middle slice holds the same nucleus in two halves (a seam at x = 20) and a new small object
    const halves = slice([[20, 20, 9], [34, 5, 3]]);
    for (let i = 0; i < halves.length; i++) if (halves[i] === 1 && i % W > 20) halves[i] = 3;
    for (let i = 0; i < halves.length; i++) if (i % W === 20 && halves[i] === 1) halves[i] = 0;
    const linked = linkSlices([whole, halves, whole]);
    expect(linked.count).toBe(2);
    expect(new Set([...idsAt(linked.labels, 15, 20), ...idsAt(linked.labels, 25, 20)])).toEqual(new Set([1]));
    expect(linked.labels[1][5 * W + 34]).toBe(2);
  });

  it('does not chain two nuclei into one where a slice merges them', () => {
    const apart = slice([[12, 20, 6], [28, 20, 6]]);
    const merged = slice([[20, 20, 12]]);
    const linked = linkSlices([apart, merged, apart]);
    const left = idsAt(linked.labels, 12, 20);
    const right = idsAt(linked.labels, 28, 20);
    expect(left[0]).not.toBe(right[0]);
    expect(left[2]).not.toBe(right[2]);
  });
});
