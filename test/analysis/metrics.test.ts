// CTC measures on hand-made 1x8-pixel movies whose scores are worked out by hand below.
import { describe, expect, it } from 'vitest';
import { MemoryMovie } from '../../src/image/movie.ts';
import { evaluateCtc, sequenceFromMovie, withDrift } from '../../src/analysis/metrics.ts';
import type { CtcTrackRow } from '../../src/analysis/ctc.ts';

/** A 1-row label movie from one 8-pixel row per frame. */
function movie(frames: number[][]): MemoryMovie {
  return new MemoryMovie({ t: frames.length, z: 1, c: 1, y: 1, x: 8 }, 'uint16', frames.map((f) => Uint16Array.from(f)));
}
function rows(text: string): CtcTrackRow[] {
  return text
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number))
    .map(([id, start, end, parent]) => ({ id, start, end, parent }));
}
async function score(ref: [number[][], string], res: [number[][], string], tolerance?: number) {
  const reference = sequenceFromMovie(movie(ref[0]), rows(ref[1]));
  return evaluateCtc(reference, sequenceFromMovie(movie(res[0]), rows(res[1])), { seg: reference, divisionFrameTolerance: tolerance });
}

// One cell over three frames: |V| = 3, |E| = 2, AOGM0 = 10*3 + 1.5*2 = 33, AOGM-D0 = 30.
const one: [number[][], string] = [
  [
    [1, 1, 1, 1, 0, 0, 0, 0],
    [1, 1, 1, 1, 0, 0, 0, 0],
    [1, 1, 1, 1, 0, 0, 0, 0],
  ],
  '1 0 2 0',
];

describe('evaluateCtc: TRA / DET / SEG', () => {
  it('scores a perfect result (other label values) as 1', async () => {
    const s = await score(one, [one[0].map((f) => f.map((v) => v * 5)), '5 0 2 0']);
    expect(s).toMatchObject({ TRA: 1, DET: 1, SEG: 1, AOGM: 0, AOGM0: 33 });
  });

  it('one missed link: EA = 1, AOGM = 1.5, TRA = 1 - 1.5/33', async () => {
    const s = await score(one, [[one[0][0], one[0][1], one[0][2].map((v) => v * 2)], '1 0 1 0\n2 2 2 0']);
    expect(s.counts).toMatchObject({ ea: 1, ed: 0, ec: 0, fn: 0, fp: 0, ns: 0 });
    expect(s.TRA).toBeCloseTo(1 - 1.5 / 33, 12);
    expect(s.DET).toBe(1);
  });

  it('a false positive object: FP = 1, TRA = 1 - 1/33, DET = 1 - 1/30', async () => {
    const res = one[0].map((f) => [...f]);
    res[1][6] = res[1][7] = 2;
    const s = await score(one, [res, '1 0 2 0\n2 1 1 0']);
    expect(s.counts.fp).toBe(1);
    expect(s.TRA).toBeCloseTo(1 - 1 / 33, 12);
    expect(s.DET).toBeCloseTo(1 - 1 / 30, 12);
    // SEG only looks at reference objects: still perfect.
    expect(s.SEG).toBe(1);
  });

  it('a missed object: FN = 1, the gap link is wrong (ED = 1), both reference links missing (EA = 2)', async () => {
    // AOGM = 10 + 1 + 2 * 1.5 = 14; TRA = 1 - 14/33; DET = 1 - 10/30; SEG = (1 + 0 + 1) / 3
    const s = await score(one, [[one[0][0], [0, 0, 0, 0, 0, 0, 0, 0], one[0][2]], '1 0 2 0']);
    expect(s.counts).toMatchObject({ fn: 1, ed: 1, ea: 2 });
    expect(s.AOGM).toBe(14);
    expect(s.TRA).toBeCloseTo(1 - 14 / 33, 12);
    expect(s.DET).toBeCloseTo(1 - 10 / 30, 12);
    expect(s.SEG).toBeCloseTo(2 / 3, 12);
  });

  it('a merged object (non-split): NS = 1 and both links need adding', async () => {
    // Reference: two cells, two frames. |V| = 4, |E| = 2, AOGM0 = 43. Result frame 1 is one object
    // covering both: NS = 1 (weight 5), EA = 2 (3) -> AOGM = 8, TRA = 1 - 8/43, DET = 1 - 5/40.
    // SEG: frame 1 objects: J = 2/6 each; (1 + 1 + 1/3 + 1/3) / 4 = 2/3.
    const ref: [number[][], string] = [
      [
        [1, 1, 0, 0, 2, 2, 0, 0],
        [1, 1, 0, 0, 2, 2, 0, 0],
      ],
      '1 0 1 0\n2 0 1 0',
    ];
    const s = await score(ref, [[ref[0][0], [3, 3, 3, 3, 3, 3, 0, 0]], '1 0 0 0\n2 0 0 0\n3 1 1 0']);
    expect(s.counts).toMatchObject({ ns: 1, fn: 0, fp: 0, ea: 2 });
    expect(s.TRA).toBeCloseTo(1 - 8 / 43, 12);
    expect(s.DET).toBeCloseTo(1 - 5 / 40, 12);
    expect(s.SEG).toBeCloseTo(2 / 3, 12);
  });
});

// A division: mother 1 in frames 0-1, daughters 2 and 3 from frame 2.
// |V| = 4, |E| = 1 track link + 2 parent links = 3, AOGM0 = 40 + 4.5 = 44.5.
const division: [number[][], string] = [
  [
    [1, 1, 1, 1, 0, 0, 0, 0],
    [1, 1, 1, 1, 0, 0, 0, 0],
    [2, 2, 3, 3, 0, 0, 0, 0],
  ],
  '1 0 1 0\n2 2 2 1\n3 2 2 1',
];

describe('evaluateCtc: divisions', () => {
  it('a perfect division: TRA 1, division F1 1', async () => {
    const s = await score(division, division);
    expect(s.TRA).toBe(1);
    expect(s.divisions).toMatchObject({ reference: 1, result: 1, tp: 1, f1: 1 });
  });

  it('a missed parent link: EA = 1, TRA = 1 - 1.5/44.5, no division found (F1 0)', async () => {
    const s = await score(division, [division[0], '1 0 1 0\n2 2 2 1\n3 2 2 0']);
    expect(s.counts).toMatchObject({ ea: 1, ed: 0, ec: 0 });
    expect(s.TRA).toBeCloseTo(1 - 1.5 / 44.5, 12);
    expect(s.divisions).toMatchObject({ reference: 1, result: 0, tp: 0, fn: 1, f1: 0 });
  });

  it('a daughter continuing the mother track: wrong link type (EC = 1) and a missing parent link (EA = 1)', async () => {
    // Result: track 1 runs frames 0-2 into the left daughter; the right daughter starts anew.
    // AOGM = 1 + 1.5 = 2.5, TRA = 1 - 2.5/44.5.
    const s = await score(division, [[division[0][0], division[0][1], [1, 1, 3, 3, 0, 0, 0, 0]], '1 0 2 0\n3 2 2 0']);
    expect(s.counts).toMatchObject({ ec: 1, ea: 1, ed: 0 });
    expect(s.TRA).toBeCloseTo(1 - 2.5 / 44.5, 12);
  });

  it('a division found one frame late matches within the default tolerance of 1 frame, not with 0', async () => {
    const ref: [number[][], string] = [[...division[0], [2, 2, 3, 3, 0, 0, 0, 0]], '1 0 1 0\n2 2 3 1\n3 2 3 1'];
    const late: [number[][], string] = [[division[0][0], division[0][1], [1, 1, 1, 1, 0, 0, 0, 0], [2, 2, 3, 3, 0, 0, 0, 0]], '1 0 2 0\n2 3 3 1\n3 3 3 1'];
    expect((await score(ref, late)).divisions).toMatchObject({ tp: 1, f1: 1 });
    expect((await score(ref, late, 0)).divisions).toMatchObject({ tp: 0, fp: 1, fn: 1, f1: 0 });
  });
});

describe('withDrift: a result made on a drift-corrected movie, moved back into raw coordinates', () => {
  // the cell sits at x 0..3 in the raw movie, which drifts by +2 px in frame 1 and +3.4 px in frame 2;
  // on the corrected movie it stays at x 0..3
  const raw: [number[][], string] = [
    [
      [1, 1, 1, 1, 0, 0, 0, 0],
      [0, 0, 1, 1, 1, 1, 0, 0],
      [0, 0, 0, 1, 1, 1, 1, 0],
    ],
    '1 0 2 0',
  ];
  const corrected = movie(one[0]);
  const drift = [{ dxPx: 0, dyPx: 0 }, { dxPx: 2, dyPx: 0 }, { dxPx: 3.4, dyPx: 0 }];

  it('moves each mask plane by the rounded drift of its frame, filling with background', async () => {
    const moved = withDrift(sequenceFromMovie(corrected, rows('1 0 2 0')), drift, 8, 1);
    expect(Array.from((await moved.frame(2))[0])).toEqual([0, 0, 0, 1, 1, 1, 1, 0]);
  });

  it('scores the drift-corrected result perfectly against the raw truth, and worse without it', async () => {
    const reference = sequenceFromMovie(movie(raw[0]), rows(raw[1]));
    const result = sequenceFromMovie(corrected, rows('1 0 2 0'));
    expect((await evaluateCtc(reference, withDrift(result, drift, 8, 1), { seg: reference })).TRA).toBe(1);
    expect((await evaluateCtc(reference, result, { seg: reference })).SEG).toBeLessThan(1);
  });
});
