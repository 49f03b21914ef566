// seg-method-check.ts: objects one segmentation leaves in pieces (none holding half) that the other keeps whole.
import { describe, expect, it } from 'vitest';
import { brokenObjects } from '../../src/analysis/seg-method-check.ts';

/** A 20 x 10 plane with two 8 x 8 objects (labels 1, 2) of the reference. */
function reference(): Uint32Array {
  const r = new Uint32Array(200);
  for (let y = 1; y < 9; y++) for (let x = 1; x < 9; x++) (r[y * 20 + x] = 1), (r[y * 20 + x + 10] = 2);
  return r;
}

describe('brokenObjects', () => {
  it('counts an object cut in two halves, not one kept whole or one merely shrunk', () => {
    const ref = reference();
    const other = new Uint32Array(200);
    for (let y = 1; y < 9; y++)
      for (let x = 1; x < 9; x++) {
        other[y * 20 + x] = x < 5 ? 3 : 4; // object 1: two pieces
        if (x >= 2 && x < 8) other[y * 20 + x + 10] = 5; // object 2: one piece of 0.75
      }
    for (let y = 1; y < 9; y++) other[y * 20 + 4] = 0; // a cut two columns wide: pieces of 24 px of 64 each
    for (let y = 1; y < 9; y++) other[y * 20 + 5] = 0;
    expect(brokenObjects(ref, other, 20)).toEqual({ objects: 2, broken: 1, shrunk: 0 });
  });

  it('counts an object outlined as one piece under half of it and under the given radius as shrunk, not broken', () => {
    const ref = reference();
    const other = new Uint32Array(200);
    // object 1: one 4 x 7 piece (28 of 64 px, equivalent radius 2.99 px); object 2: one 6 x 6 piece (36 of 64 px: kept)
    for (let y = 2; y < 9; y++) for (let x = 2; x < 6; x++) other[y * 20 + x] = 3;
    for (let y = 2; y < 8; y++) for (let x = 12; x < 18; x++) other[y * 20 + x] = 4;
    expect(brokenObjects(ref, other, 20, true, 4)).toEqual({ objects: 2, broken: 0, shrunk: 1 });
    // the piece as large as the objects' estimated size (a low threshold's halo around it): not counted
    expect(brokenObjects(ref, other, 20, true, 2.5)).toEqual({ objects: 2, broken: 0, shrunk: 0 });
  });

  it('leaves out reference objects over 1.5x the median area (touching neighbours kept whole)', () => {
    const ref = reference();
    for (let y = 1; y < 9; y++) for (let x = 9; x < 10; x++) ref[y * 20 + x] = 2; // object 2 now 72 px
    const big = new Uint32Array(400);
    big.set(ref);
    for (let y = 11; y < 19; y++) for (let x = 1; x < 19; x++) big[y * 20 + x] = 3; // a 144 px object: 2x the median
    const other = big.map((l, i) => (l === 3 ? ((i % 20) < 10 ? 7 : 8) : l ? 9 : 0));
    const counts = brokenObjects(big, other, 20);
    expect(counts.objects).toBe(2);
    expect(counts.broken).toBe(0);
  });
});

describe('brokenObjects: pieces that lie mostly in a neighbour', () => {
  it('does not count an object whose second piece lies mostly inside the next object (a split line drawn elsewhere)', () => {
    const ref = reference();
    const other = new Uint32Array(200);
    for (let y = 1; y < 9; y++) {
      for (let x = 1; x < 4; x++) other[y * 20 + x] = 3; // 24 px of object 1, wholly inside it
      for (let x = 6; x < 9; x++) other[y * 20 + x] = 4; // 24 px of object 1 ...
      for (let x = 11; x < 19; x++) other[y * 20 + x] = 4; // ... in one piece with all of object 2 (88 px, under a third inside 1)
    }
    expect(brokenObjects(ref, other, 20)).toEqual({ objects: 2, broken: 0, shrunk: 0 });
    // The same two pieces, each wholly inside object 1: broken.
    for (let y = 1; y < 9; y++) for (let x = 11; x < 19; x++) other[y * 20 + x] = 5;
    expect(brokenObjects(ref, other, 20)).toEqual({ objects: 2, broken: 1, shrunk: 0 });
  });
});

describe('brokenObjects: objects with a waist', () => {
  // Three 40 x 40 planes' worth in one: a round object (disk r 8) and two touching disks (r 8, centres 14 px apart),
  // each cut in two halves by the other segmentation.
  const width = 60;
  const ref = new Uint32Array(width * 30);
  const other = new Uint32Array(width * 30);
  const disk = (cx: number, cy: number, r: number, label: number) => {
    for (let y = 0; y < 30; y++) for (let x = 0; x < width; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) ref[y * width + x] = label;
  };
  disk(12, 15, 9, 1);
  disk(33, 15, 8, 2);
  disk(47, 15, 8, 2);
  for (let i = 0; i < ref.length; i++) {
    const x = i % width;
    if (ref[i] === 1 && x !== 12) other[i] = x < 12 ? 3 : 4;
    if (ref[i] === 2 && x !== 40) other[i] = x < 40 ? 5 : 6;
  }

  it('counts touching round objects cut apart as no broken object, the round one cut in halves as one', () => {
    expect(brokenObjects(ref, other, width)).toEqual({ objects: 1, broken: 1, shrunk: 0 });
  });

  it('counts both where objects are not round (whole cells have waists of their own)', () => {
    expect(brokenObjects(ref, other, width, false)).toEqual({ objects: 2, broken: 2, shrunk: 0 });
  });
});

describe('brokenObjects: two nuclei pressed together kept apart (stop 45)', () => {
  // A 96 x 64 plane: the reference outlines two oval nuclei pressed together end to end (half-axes 11 x 8.5 and 9 x 7.5,
  // centres 16 px apart) with a halo of 2 px as one object (a low threshold), beside three single nuclei (radius 14) that make it no larger than one.
  const W = 96;
  const inA = (x: number, y: number, grow = 0) => ((x - 38) / (11 + grow)) ** 2 + ((y - 32) / (8.5 + grow)) ** 2 <= 1;
  const inB = (x: number, y: number, grow = 0) => ((x - 54) / (9 + grow)) ** 2 + ((y - 32) / (7.5 + grow)) ** 2 <= 1;
  const singles = [[14, 14], [82, 14], [82, 50]];
  function planes(otherPieces: (x: number, y: number) => number): { ref: Uint32Array; other: Uint32Array } {
    const ref = new Uint32Array(W * 64);
    const other = new Uint32Array(W * 64);
    for (let y = 0; y < 64; y++)
      for (let x = 0; x < W; x++) {
        if (inA(x, y, 2) || inB(x, y, 2)) ref[y * W + x] = 1;
        other[y * W + x] = otherPieces(x, y);
        singles.forEach(([sx, sy], i) => {
          if ((x - sx) ** 2 + (y - sy) ** 2 <= 196) (ref[y * W + x] = 2 + i), (other[y * W + x] = 12 + i);
        });
      }
    return { ref, other };
  }

  it('does not count the pair as one object the other segmentation broke', () => {
    const { ref, other } = planes((x, y) => (inA(x, y) && x < 47 ? 10 : inB(x, y) && x >= 47 ? 11 : 0));
    expect(brokenObjects(ref, other, W)).toEqual({ objects: 3, broken: 0, shrunk: 0 });
  });

  it('still counts a round nucleus cut in two pieces as broken', () => {
    // the reference's object 1 a disk of radius 13; the other cuts it into halves with a 2 px gap
    const { ref, other } = planes((x, y) => ((x - 44) ** 2 + (y - 32) ** 2 <= 169 ? (x < 43 ? 10 : x > 44 ? 11 : 0) : 0));
    for (let y = 0; y < 64; y++) for (let x = 0; x < W; x++) if (ref[y * W + x] === 1) ref[y * W + x] = 0;
    for (let y = 0; y < 64; y++) for (let x = 0; x < W; x++) if ((x - 44) ** 2 + (y - 32) ** 2 <= 169) ref[y * W + x] = 1;
    expect(brokenObjects(ref, other, W)).toEqual({ objects: 4, broken: 1, shrunk: 0 });
  });
});
