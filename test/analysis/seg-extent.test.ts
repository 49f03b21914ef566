// The nuclear-extent combination (seg-extent.ts): classical objects flooded over, and cut back to, a
// model's foreground. Synthetic planes only (the model itself is measured in models/README.md; it is
// not the default, see there).
import { describe, expect, it } from 'vitest';
import { boundByExtent } from '../../src/analysis/seg-extent.ts';

const W = 40;
const H = 20;

/** p(nucleus) 1 inside two disks of radius r at (10, 10) and (x2, 10), 0 elsewhere; distance to their edge. Default: touching disks. */
function twoDisks(x2 = 24, r = 7): { fg: Float32Array; dist: Float32Array } {
  const fg = new Float32Array(W * H);
  const dist = new Float32Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const a = r - Math.hypot(x - 10, y - 10);
      const b = r - Math.hypot(x - x2, y - 10);
      const d = Math.max(a, b);
      if (d >= 0) (fg[y * W + x] = 1), (dist[y * W + x] = d);
    }
  return { fg, dist };
}

describe('boundByExtent', () => {
  it('grows each classical object to the model foreground, splits at the waist, and cuts what lies outside', () => {
    const { fg, dist } = twoDisks();
    const labels = new Uint32Array(W * H);
    // Classical cores (radius 3) of both disks, and a spur of object 1 reaching outside the foreground.
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        if (Math.hypot(x - 10, y - 10) <= 3 || (y === 10 && x >= 0 && x <= 2)) labels[y * W + x] = 1;
        if (Math.hypot(x - 24, y - 10) <= 3) labels[y * W + x] = 2;
      }
    const out = boundByExtent(labels, fg, dist, W, H, { minAreaPx: 5 });
    expect(out.count).toBe(2);
    const area = [0, 0, 0];
    for (let i = 0; i < out.labels.length; i++) area[out.labels[i]]++;
    expect(area[1]).toBeGreaterThan(120); // a disk of radius 7 holds about 150 pixels; the cores 29
    expect(area[2]).toBeGreaterThan(120);
    expect(out.labels[10 * W + 5]).toBe(out.labels[10 * W + 10]); // inside disk 1
    expect(out.labels[10 * W + 28]).toBe(out.labels[10 * W + 24]); // inside disk 2
    expect(out.labels[10 * W + 10]).not.toBe(out.labels[10 * W + 24]);
    expect(out.labels[10 * W + 1]).toBe(0); // the spur outside the foreground is cut
  });

  it('keeps a classical object the model missed, and adds model foreground no classical object reached', () => {
    const { fg, dist } = twoDisks(27, 6); // apart
    const labels = new Uint32Array(W * H);
    // Object 1 at disk 1's centre (radius 6 now); object 2 far outside the foreground (x 34-38, y 2-6: the model missed it).
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        if (Math.hypot(x - 10, y - 10) <= 3) labels[y * W + x] = 1;
        if (x >= 34 && x <= 38 && y >= 2 && y <= 6) labels[y * W + x] = 2;
      }
    const out = boundByExtent(labels, fg, dist, W, H, { minAreaPx: 5 });
    // disk 1 (grown), the missed object, and disk 2 as a new object: 3 objects
    expect(out.count).toBe(3);
    expect(out.labels[4 * W + 36]).toBeGreaterThan(0);
    expect(out.labels[10 * W + 27]).toBeGreaterThan(0);
    expect(out.labels[10 * W + 27]).not.toBe(out.labels[10 * W + 10]);
    // Without adding unreached foreground, disk 2 stays empty.
    const none = boundByExtent(labels, fg, dist, W, H, { minAreaPx: 5, addUnreached: false });
    expect(none.count).toBe(2);
    expect(none.labels[10 * W + 27]).toBe(0);
  });
});
