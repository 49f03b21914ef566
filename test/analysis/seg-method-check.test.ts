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
    expect(brokenObjects(ref, other)).toEqual({ objects: 2, broken: 1 });
  });

  it('leaves out reference objects over 1.5x the median area (touching neighbours kept whole)', () => {
    const ref = reference();
    for (let y = 1; y < 9; y++) for (let x = 9; x < 10; x++) ref[y * 20 + x] = 2; // object 2 now 72 px
    const big = new Uint32Array(400);
    big.set(ref);
    for (let y = 11; y < 19; y++) for (let x = 1; x < 19; x++) big[y * 20 + x] = 3; // a 144 px object: 2x the median
    const other = big.map((l, i) => (l === 3 ? ((i % 20) < 10 ? 7 : 8) : l ? 9 : 0));
    const counts = brokenObjects(big, other);
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
    expect(brokenObjects(ref, other)).toEqual({ objects: 2, broken: 0 });
    // The same two pieces, each wholly inside object 1: broken.
    for (let y = 1; y < 9; y++) for (let x = 11; x < 19; x++) other[y * 20 + x] = 5;
    expect(brokenObjects(ref, other)).toEqual({ objects: 2, broken: 1 });
  });
});
