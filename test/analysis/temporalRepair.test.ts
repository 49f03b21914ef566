import { describe, expect, it } from 'vitest';
import { MemoryMovie } from '../../src/image/movie.ts';
import { repairLabelMovie, repairLabelsOverTime, solidity } from '../../src/analysis/temporalRepair.ts';

const W = 80;
const H = 60;

/** A plane with disks [cx, cy, r, label]. */
function disks(list: [number, number, number, number][]): Uint32Array {
  const plane = new Uint32Array(W * H);
  for (const [cx, cy, r, label] of list)
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) plane[y * W + x] = label;
  return plane;
}

const labelsOf = (plane: Uint32Array) => new Set([...plane].filter((v) => v > 0));
const box = (plane: Uint32Array, label: number) => {
  const b = { x0: W, y0: H, x1: -1, y1: -1 };
  plane.forEach((v, i) => {
    if (v !== label) return;
    const [x, y] = [i % W, Math.floor(i / W)];
    Object.assign(b, { x0: Math.min(b.x0, x), y0: Math.min(b.y0, y), x1: Math.max(b.x1, x), y1: Math.max(b.y1, y) });
  });
  return b;
};

describe('solidity', () => {
  it('is about 1 for a disk of any size and well below for two touching disks', () => {
    for (const r of [4, 8, 15]) {
      const p = disks([[40, 30, r, 1]]);
      expect(solidity(p, W, 1, box(p, 1))).toBeGreaterThan(0.93);
    }
    const pair = disks([[28, 30, 8, 1], [45, 30, 8, 1]]);
    expect(solidity(pair, W, 1, box(pair, 1))).toBeLessThan(0.88);
  });
});

describe('repairLabelsOverTime', () => {
  // two touching nuclei (r 8, centres 17 px apart) seen as one object in frames 2 and 3
  const apart = () => disks([[28, 30, 8, 1], [45, 30, 8, 2]]);
  const merged = () => disks([[28, 30, 8, 7], [45, 30, 8, 7]]);

  it('splits an object that is two nuclei, seen apart in the frames around it, into two of about their size', () => {
    const movie = [apart(), apart(), merged(), merged(), apart(), apart()];
    const r = repairLabelsOverTime(movie, W, H);
    expect(r.split).toBe(2);
    expect(r.merged).toBe(0);
    for (const t of [2, 3]) {
      const labels = [...labelsOf(r.planes[t])];
      expect(labels).toHaveLength(2);
      const areas = labels.map((l) => r.planes[t].filter((v) => v === l).length);
      // each disk holds 197 px; the cut follows the waist
      for (const a of areas) expect(Math.abs(a - 197)).toBeLessThan(15);
    }
    // the input is not changed
    expect(labelsOf(movie[2]).size).toBe(1);
  });

  it('splits sisters merged from their birth on, backwards from the first frame they are apart (they have a waist)', () => {
    // two more nuclei elsewhere: the movie's objects are convex in the main, so a waist means two
    const others = (plane: Uint32Array) => plane.map((v, i) => v || ((i % W - 8) ** 2 + (Math.floor(i / W) - 8) ** 2 <= 36 ? 20 : (i % W - 70) ** 2 + (Math.floor(i / W) - 50) ** 2 <= 36 ? 21 : 0));
    const movie = [merged(), merged(), merged(), apart(), apart()].map(others);
    const r = repairLabelsOverTime(movie, W, H);
    expect(r.split).toBe(3);
    expect(r.events.every((e) => e.evidence === 'waist')).toBe(true);
  });

  it('splits sisters pressed together with no waist from their birth (two round nuclei end to end), never the round mother', () => {
    // the convex hull of the two disks: no waist (solidity 1), elongated as two disks are (about 2)
    const capsule = (label: number) => {
      const plane = merged().map((v) => (v ? label : 0));
      for (let y = 22; y <= 38; y++) for (let x = 28; x <= 45; x++) plane[y * W + x] = label;
      return plane;
    };
    const others = (plane: Uint32Array) => plane.map((v, i) => v || ((i % W - 8) ** 2 + (Math.floor(i / W) - 8) ** 2 <= 36 ? 20 : (i % W - 70) ** 2 + (Math.floor(i / W) - 50) ** 2 <= 36 ? 21 : 0));
    const mother = disks([[36, 30, 11, 5]]);
    const movie = [mother, capsule(7), capsule(7), apart(), apart()].map(others);
    expect(solidity(movie[1], W, 7, box(movie[1], 7))).toBeGreaterThan(0.95);
    const r = repairLabelsOverTime(movie, W, H);
    expect(r.events.filter((e) => e.kind === 'split').map((e) => [e.t, e.evidence])).toEqual([
      [2, 'pair shape'],
      [1, 'pair shape'],
    ]);
    for (const t of [1, 2]) expect(labelsOf(r.planes[t]).size).toBe(4);
    expect(labelsOf(r.planes[0]).size).toBe(3); // the round mother stays one
    // off: nothing is cut
    expect(repairLabelsOverTime(movie, W, H, { minPairElongation: Infinity }).split).toBe(0);
    // two pieces seen on it for one frame only (one again in the frame beyond): no evidence of two nuclei
    const flicker = [capsule(7), capsule(7), apart(), capsule(7), capsule(7)].map(others);
    expect(repairLabelsOverTime(flicker, W, H).events.filter((e) => e.kind === 'split')).toEqual([]);
    // an object no longer than one nucleus of our simulator (elongation under 1.7) is not cut on shape alone
    const ellipse = (label: number) => {
      const plane = new Uint32Array(W * H);
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (((x - 36) / 13) ** 2 + ((y - 30) / 10) ** 2 <= 1) plane[y * W + x] = label;
      return plane;
    };
    const halves = () => ellipse(1).map((v, i) => (v && i % W > 36 ? 2 : v));
    const short = [ellipse(7), ellipse(7), halves(), halves()].map(others);
    expect(repairLabelsOverTime(short, W, H).events.filter((e) => e.kind === 'split')).toEqual([]);
  });

  it('does not split a round mother beside its separate daughters (no division is made)', () => {
    const mother = () => disks([[36, 30, 11, 5]]);
    const daughters = () => disks([[29, 30, 7.5, 1], [44, 30, 7.5, 2]]);
    const r = repairLabelsOverTime([mother(), mother(), mother(), daughters(), daughters()], W, H);
    expect(r.split).toBe(0);
    expect(labelsOf(r.planes[2]).size).toBe(1);
  });

  it('merges a nucleus cut in two for one frame, and leaves touching nuclei that are two apart', () => {
    const whole = () => disks([[40, 30, 10, 1]]);
    const cut = whole();
    cut.forEach((v, i) => {
      if (v && i % W >= 40) cut[i] = 9;
    });
    const r = repairLabelsOverTime([whole(), cut, whole()], W, H);
    expect(r.merged).toBe(1);
    expect(labelsOf(r.planes[1]).size).toBe(1);
    // two touching nuclei in every frame stay two
    const r2 = repairLabelsOverTime([apart(), apart(), apart()], W, H);
    expect(r2.merged + r2.split).toBe(0);
  });

  it('splits nothing in a movie of ragged objects, where a waist is no sign of two', () => {
    const movie = [merged(), merged(), merged(), apart(), apart()];
    const r = repairLabelsOverTime(movie, W, H);
    expect(r.split).toBe(0);
    expect(r.noSplits).toMatch(/solidity 0\.8\d/);
    expect(repairLabelsOverTime(movie, W, H, { minMovieSolidity: 0.8 }).split).toBe(3);
  });

  it('draws in a nucleus the segmentation missed for one frame, halfway between where the frames around show it', () => {
    // a nucleus moving 2 px per frame to the right, missed in frame 2; another, still, seen in every frame
    const frame = (t: number, missed = false) => disks([...(missed ? [] : [[20 + 2 * t, 30, 8, 1] as [number, number, number, number]]), [60, 30, 6, 2]]);
    const movie = [frame(0), frame(1), frame(2, true), frame(3), frame(4)];
    const r = repairLabelsOverTime(movie, W, H);
    expect(r.filled).toBe(1);
    expect(r.events.filter((e) => e.kind === 'fill')).toEqual([expect.objectContaining({ t: 2, evidence: 'missing for one frame' })]);
    const drawn = [...labelsOf(r.planes[2])].filter((l) => l !== 2);
    expect(drawn).toHaveLength(1);
    const pixels = [...r.planes[2].keys()].filter((k) => r.planes[2][k] === drawn[0]);
    expect(Math.abs(pixels.length - 197)).toBeLessThan(10);
    const cx = pixels.reduce((a, k) => a + (k % W), 0) / pixels.length;
    expect(Math.abs(cx - 24)).toBeLessThan(0.6);
    // the still nucleus is left as it is, and nothing else is drawn
    expect(r.planes[2].filter((v) => v === 2).length).toBe(movie[2].filter((v) => v === 2).length);
    expect(repairLabelsOverTime(movie, W, H, { fillMissedFrames: 0 }).filled).toBe(0);
    // missed for two frames in a row: drawn into both, a third and two thirds of the way
    const twice = [frame(0), frame(1), frame(2, true), frame(3, true), frame(4)];
    const r2 = repairLabelsOverTime(twice, W, H);
    expect(r2.events.filter((e) => e.kind === 'fill').map((e) => [e.t, e.evidence])).toEqual([[2, 'missing for 2 frames'], [3, 'missing for 2 frames']]);
    expect(repairLabelsOverTime(twice, W, H, { fillMissedFrames: 1 }).filled).toBe(0);
    expect(() => repairLabelsOverTime(twice, W, H, { fillMissedFrames: 1.5 })).toThrow(/fillMissedFrames must be a whole number of frames >= 0, got 1.5/);
  });

  it('draws whole a nucleus outlined in part for a frame (under 0.6 of it), keeping its label', () => {
    const still = (r: number, label: number) => disks([[30, 30, r, label], [62, 30, 6, 9]]);
    const r = repairLabelsOverTime([still(8, 1), still(8, 1), still(4, 5), still(8, 1)], W, H);
    expect(r.events.filter((e) => e.kind === 'fill')).toEqual([expect.objectContaining({ t: 2, label: 5, evidence: 'outlined in part' })]);
    expect(r.planes[2].filter((v) => v === 5).length).toBe(still(8, 1).filter((v) => v === 1).length);
    expect(r.planes[2].filter((v) => v === 9).length).toBe(113);
    // a part of about 0.66 of it is the object, unless maxOutlinedPart allows more
    const larger = [still(8, 1), still(8, 1), still(6.5, 5), still(8, 1)];
    expect(repairLabelsOverTime(larger, W, H).filled).toBe(0);
    expect(repairLabelsOverTime(larger, W, H, { maxOutlinedPart: 0.75 }).events.filter((e) => e.kind === 'fill')).toEqual([expect.objectContaining({ t: 2, label: 5, evidence: 'outlined in part' })]);
    expect(() => repairLabelsOverTime(larger, W, H, { maxOutlinedPart: 1 })).toThrow(/maxOutlinedPart must be in \(0, 1\), got 1/);
  });

  it('makes one object again of a nucleus cut into two pieces for three frames, each under half of it, and draws in the rest', () => {
    // a still nucleus (r 8, label 1), outlined smaller (r 7) and cut in two touching halves in frames 2-4 (the larger, right half keeps its label), whole again in frame 5
    const whole = () => disks([[30, 30, 8, 1], [62, 30, 6, 9]]);
    const cut = (t: number) => {
      const plane = new Uint32Array(W * H);
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) if ((x - 30) ** 2 + (y - 30) ** 2 <= 49) plane[y * W + x] = x < 30 ? 10 + t : 20 + t;
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if ((x - 62) ** 2 + (y - 30) ** 2 <= 36) plane[y * W + x] = 9;
      return plane;
    };
    const movie = [whole(), whole(), cut(2), cut(3), cut(4), whole(), whole()];
    const area = whole().filter((v) => v === 1).length;
    const r = repairLabelsOverTime(movie, W, H, { fillMissedFrames: 3 });
    const fills = r.events.filter((e) => e.kind === 'fill');
    expect(fills.map((e) => [e.t, e.label, e.others])).toEqual([[2, 22, [12]], [3, 23, [13]], [4, 24, [14]]]);
    for (const t of [2, 3, 4]) {
      // one object the size of the nucleus on both sides, the other nucleus untouched
      expect(r.planes[t].filter((v) => v === 20 + t).length).toBe(area);
      expect(r.planes[t].filter((v) => v === 10 + t).length).toBe(0);
      expect(r.planes[t].filter((v) => v === 9).length).toBe(113);
    }
    // a run longer than fillMissedFrames is left cut
    expect(repairLabelsOverTime(movie, W, H, { fillMissedFrames: 2 }).events.filter((e) => e.kind === 'fill')).toEqual([]);
  });

  it('bridges a nucleus missed for five frames in a row when fillMissedFrames allows it', () => {
    const frame = (t: number, missed = false) => disks([...(missed ? [] : [[20 + t, 30, 8, 1] as [number, number, number, number]]), [62, 30, 6, 2]]);
    const movie = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((t) => frame(t, t >= 2 && t <= 6));
    const r = repairLabelsOverTime(movie, W, H, { fillMissedFrames: 5 });
    expect(r.events.filter((e) => e.kind === 'fill').map((e) => [e.t, e.evidence])).toEqual([2, 3, 4, 5, 6].map((t) => [t, 'missing for 5 frames']));
    // drawn along the way: the centroid moves 1 px a frame as the nucleus did
    for (const t of [2, 3, 4, 5, 6]) {
      const drawn = [...r.planes[t].keys()].filter((k) => r.planes[t][k] && r.planes[t][k] !== 2);
      const cx = drawn.reduce((s, k) => s + (k % W), 0) / drawn.length;
      expect(Math.abs(cx - (20 + t))).toBeLessThan(0.6);
    }
    expect(repairLabelsOverTime(movie, W, H, { fillMissedFrames: 4 }).filled).toBe(0);
  });

  it('draws nothing where the frame has an object of its own there, or where the objects before and after are not one', () => {
    const still = (r: number, label: number) => disks([[30, 30, r, label]]);
    // an outline of 0.6 or more of the object in the middle frame: the object is there
    expect(repairLabelsOverTime([still(8, 1), still(8, 1), still(7, 1), still(8, 1)], W, H).filled).toBe(0);
    // two small bits inside the outline, together under half of the object: not drawn over
    expect(repairLabelsOverTime([still(8, 1), still(8, 1), disks([[26, 30, 3, 1], [34, 30, 3, 2]]), still(8, 1)], W, H).filled).toBe(0);
    // a mother, an empty frame, two daughters: no one object on both sides
    const daughters = disks([[23, 30, 6, 1], [37, 30, 6, 2]]);
    expect(repairLabelsOverTime([still(9, 1), still(9, 1), new Uint32Array(W * H), daughters, daughters], W, H).filled).toBe(0);
    // the object jumped away for a frame (a whole cell that moves far) and came back: it is there, elsewhere
    expect(repairLabelsOverTime([still(8, 1), still(8, 1), disks([[44, 30, 8, 1]]), still(8, 1)], W, H).filled).toBe(0);
    // objects at different places before and after
    expect(repairLabelsOverTime([still(8, 1), new Uint32Array(W * H), disks([[60, 30, 8, 1]])], W, H).filled).toBe(0);
  });

  it('names a wrong option value', () => {
    expect(() => repairLabelsOverTime([apart()], W, H, { minOverlapFraction: 2 })).toThrow(/minOverlapFraction.*2/);
  });
});

describe('repairLabelMovie', () => {
  it('keeps repaired labels as uint16 when every label fits, so Fiji opens them as 16-bit masks', async () => {
    const apart = () => disks([[28, 30, 8, 1], [45, 30, 8, 2]]);
    const merged = () => disks([[28, 30, 8, 7], [45, 30, 8, 7]]);
    const planes = [apart(), apart(), merged(), merged(), apart(), apart()].map((p) => Uint16Array.from(p));
    const movie = new MemoryMovie({ t: planes.length, z: 1, c: 1, y: H, x: W }, 'uint16', planes);
    const repair = await repairLabelMovie(movie);
    expect(repair.split).toBe(2);
    // it was always uint32 (18 labels exported as a 32-bit image)
    expect(repair.labels.dtype).toBe('uint16');
    expect(labelsOf(Uint32Array.from(await repair.labels.plane(2, 0, 0))).size).toBe(2);
  });
});
