import { describe, expect, it } from 'vitest';
import { blurMaskForTest, findObjects } from '../../src/analysis/driftObjects.ts';

/** A background-free plane with bright nuclei (100 at the centre, 50 at the rim), dark holes (0) cut into them afterwards. */
function plane(height: number, width: number, discs: { x: number; y: number; r: number }[], holes: { x: number; y: number; r: number }[] = []): Float32Array {
  const p = new Float32Array(height * width);
  const paint = (list: { x: number; y: number; r: number }[], value: number) => {
    for (const { x: cx, y: cy, r } of list)
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) p[y * width + x] = value && Math.max(p[y * width + x], value * (1 - 0.5 * ((x - cx) ** 2 + (y - cy) ** 2) / (r * r)));
  };
  paint(discs, 100);
  paint(holes, 0);
  return p;
}

const sorted = (c: Float32Array) => Array.from({ length: c.length / 2 }, (_, k) => [c[2 * k], c[2 * k + 1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);

describe('findObjects', () => {
  const discs = [
    { x: 30, y: 30, r: 8 },
    { x: 80, y: 40, r: 8 }, // these two touch: one object, two nuclei
    { x: 97, y: 40, r: 8 },
    { x: 60, y: 95, r: 9 }, // with a dark nucleolus
  ];
  const holes = [{ x: 60, y: 95, r: 3 }];
  const scene = () => plane(128, 128, discs, holes);

  it('finds each nucleus once: touching nuclei split by shape, a dark nucleolus filled', () => {
    const found = findObjects(scene(), 128, 128);
    expect(found.areasPx.length).toBe(4);
    const truth = [...discs].sort((a, b) => a.x - b.x || a.y - b.y);
    sorted(found.centroids).forEach(([x, y], k) => {
      expect(Math.abs(x - truth[k].x)).toBeLessThan(1);
      expect(Math.abs(y - truth[k].y)).toBeLessThan(1);
    });
    // the nucleus with a hole keeps its whole area (filled): the same areas as without the nucleolus
    const solid = findObjects(plane(128, 128, discs), 128, 128);
    expect(Array.from(found.areasPx)).toEqual(Array.from(solid.areasPx));
  });

  it('gives the same objects when frames of another size come between (buffers kept per thread)', () => {
    const first = findObjects(scene(), 128, 128);
    const other = findObjects(plane(64, 96, [{ x: 20, y: 20, r: 6 }, { x: 60, y: 40, r: 7 }, { x: 40, y: 50, r: 5 }]), 64, 96);
    expect(other.areasPx.length).toBe(3);
    const again = findObjects(scene(), 128, 128);
    expect(Array.from(again.centroids)).toEqual(Array.from(first.centroids));
    expect(Array.from(again.areasPx)).toEqual(Array.from(first.areasPx));
    expect(Array.from(again.masses)).toEqual(Array.from(first.masses));
  });

  it('gives the same objects after a frame of the same size with a nucleus over most of it (the depth planes are cleared where they were written)', () => {
    const first = findObjects(scene(), 128, 128);
    // one big nucleus over the scene's background and across its nuclei: depths left there would move the scene's centres
    const between = findObjects(plane(128, 128, [{ x: 64, y: 64, r: 62 }]), 128, 128);
    expect(between.areasPx.length).toBeGreaterThan(0);
    const again = findObjects(scene(), 128, 128);
    expect(Array.from(again.centroids)).toEqual(Array.from(first.centroids));
    expect(Array.from(again.areasPx)).toEqual(Array.from(first.areasPx));
    expect(Array.from(again.masses)).toEqual(Array.from(first.masses));
  });

  it('counts every pixel of objects that run along or across the edges of the plane (the passes visit object runs only)', () => {
    const [height, width] = [64, 80];
    const p = plane(height, width, [
      { x: 0, y: 0, r: 7 }, // cut by two edges
      { x: 79, y: 50, r: 8 }, // cut by the right edge, with a dark centre
      { x: 40, y: 63, r: 6 }, // cut by the bottom edge
    ], [{ x: 76, y: 50, r: 2 }]);
    // a band across the whole plane, rows 20 to 30, as bright as the nuclei
    for (let y = 20; y <= 30; y++) p.fill(100, y * width, (y + 1) * width);
    const found = findObjects(p, height, width);
    expect(found.areasPx.length).toBe(4);
    const objects = Array.from(found.areasPx, (area, k) => ({ area, x: found.centroids[2 * k], y: found.centroids[2 * k + 1] }));
    // the band: whole rows (with as many blurred rows above as below); uniform, so its centroid is its middle
    const band = objects.find((o) => Math.abs(o.y - 25) < 0.5)!;
    expect(band.area % width).toBe(0);
    expect((band.area / width - 11) % 2).toBe(0);
    expect(band.area).toBeGreaterThanOrEqual(11 * width);
    expect(band.x).toBeCloseTo((width - 1) / 2, 4);
    expect(band.y).toBeCloseTo(25, 4);
    expect(objects.filter((o) => o.x < 4 && o.y < 4)).toHaveLength(1);
    expect(objects.filter((o) => o.x > 74 && Math.abs(o.y - 50) < 1)).toHaveLength(1);
    expect(objects.filter((o) => Math.abs(o.x - 40) < 1 && o.y > 59)).toHaveLength(1);
    // mirrored left to right: the same objects, mirrored (the hole touching nothing but its nucleus stays filled)
    const mirrored = new Float32Array(p.length);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) mirrored[y * width + x] = p[y * width + width - 1 - x];
    const other = findObjects(mirrored, height, width);
    const key = (a: number[]) => a.map((v) => v.toFixed(3)).join(',');
    expect(objects.map((o) => key([o.area, width - 1 - o.x, o.y])).sort()).toEqual(Array.from(other.areasPx, (area, k) => key([area, other.centroids[2 * k], other.centroids[2 * k + 1]])).sort());
  });

  it('marks the same pixels with the SIMD blur-and-threshold kernel as with the JavaScript loop, on even, odd and narrow sizes', () => {
    let seed = 11;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let compared = 0;
    for (const [height, width] of [[96, 128], [37, 53], [8, 8], [1, 9], [2, 8], [5, 4], [64, 81]]) {
      // sparse bright spots on a dim floor, with values right at the levels compared
      const p = Float32Array.from({ length: height * width }, () => (random() < 0.3 ? random() * 100 : random() * 5));
      for (let i = 0; i < p.length; i += 7) p[i] = 16;
      for (const level of [1, 3.7, 10, 16, 50.123]) {
        const plain = blurMaskForTest(p, height, width, level, false);
        const kernel = blurMaskForTest(p, height, width, level, true);
        expect(Buffer.from(kernel).equals(Buffer.from(plain))).toBe(true);
        compared += plain.reduce((n, v) => n + v, 0);
      }
    }
    expect(compared).toBeGreaterThan(1000); // both sides of every level were met
    // levels exactly at a pixel's blurred value (as the loop rounds it) and just below: any other rounding flips it
    const [height, width] = [40, 44];
    const p = Float32Array.from({ length: height * width }, () => random() * 1000);
    const smoothedX = (y: number, x: number) => Math.fround((p[y * width + x - 2] + 4 * p[y * width + x - 1] + 6 * p[y * width + x] + 4 * p[y * width + x + 1] + p[y * width + x + 2]) * 0.0625);
    for (const [y, x] of [[10, 10], [20, 31], [33, 5]]) {
      const v = Math.fround((smoothedX(y - 2, x) + 4 * smoothedX(y - 1, x) + 6 * smoothedX(y, x) + 4 * smoothedX(y + 1, x) + smoothedX(y + 2, x)) * 0.0625);
      for (const [level, marked] of [[v, 0], [v * (1 - 1e-12), 1]] as const) {
        const plain = blurMaskForTest(p, height, width, level, false);
        expect(plain[y * width + x]).toBe(marked);
        expect(Buffer.from(blurMaskForTest(p, height, width, level, true)).equals(Buffer.from(plain))).toBe(true);
      }
    }
  });

  it('finds nothing on an empty plane', () => {
    expect(findObjects(new Float32Array(32 * 32), 32, 32).areasPx.length).toBe(0);
  });
});
