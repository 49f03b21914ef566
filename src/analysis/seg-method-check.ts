// Otsu or triangle, judged by what each does to the objects once segmented (seg-auto.ts, method "auto"): the objects
// one threshold's segmentation leaves in pieces (none holding half of an object of the other's) or joins together. A
// mask-level count (Otsu's pixels inside each triangle object) misses textured nuclei that Otsu keeps connected but
// thin-necked, which the watershed then cuts (Fluo-N2DH-SIM+ 01, first 20 frames: 38 nuclei in 102 fragments).
import type { SamplePlane } from './seg-auto.ts';
import { upperMedianOf } from './quickselect.ts';
import { memoOnPlane, optionsKey } from './plane-memo.ts';
import { twoNucleiPressed } from './seg-join.ts';
import { PlaneShare, segmentPlaneRemembered, type SegmentOptions } from './seg-plane.ts';
import { MAX_SOLIDITY_OF_ONE, overlaps, solidity } from './temporalRepair.ts';
import { boundingBoxes } from './watershed.ts';

/**
 * An object counts as one object (not touching neighbours left whole) up to this many times the median object's area,
 * and, for round objects, only where it has no waist (solidity at least MAX_SOLIDITY_OF_ONE): a plane with few objects
 * has a cluster of touching nuclei for its median. Measured with models/training/probe-breaks.ts: the objects Otsu
 * breaks in Fluo-N2DH-SIM+ 01 (first 20 frames) and 02 (first 6) measure solidity 0.920-0.999; in small crowded
 * movies of our simulator (64 px, 5 nuclei dividing, seeds 1, 2, 3, 5, 8) the triangle object Otsu cut into 3-5
 * nuclei measured 0.843-0.898. Two pieces of the other segmentation that together are shaped as two disks pressed
 * together (seg-join.ts twoNucleiPressed: each piece round, the two end to end) are two nuclei the other kept apart where this one joined them (the join of pieces
 * keeps such pairs apart, stop 45), not a nucleus broken: on seed 9401 of eval-sim-seg.ts, 3 triangle objects so
 * "broken" by Otsu (elongated 1.87-1.93 with triangle's halo, Otsu's pairs 2 or more) turned the choice to triangle
 * (F1 0.661 -> 0.509).
 */
const SINGLE_OBJECT_AREAS = 1.5;
/** A piece counts where it holds at least this share of the object; an object is whole where one piece holds half of it. */
const MIN_PIECE_SHARE = 0.1;
const WHOLE_SHARE = 0.5;
/**
 * A piece counts as a fragment of the object only where at least this share of it lies inside the object: a piece
 * mostly inside a neighbouring object is the other segmentation drawing the line between two objects elsewhere (a
 * small daughter pressed against a large nucleus, joined to its neighbour by one and split off by the other), not
 * breaking one. Our simulator (64 px, seed 4, divisions; models/README.md): triangle ran on 1 of 13 objects so
 * "broken" by a piece 0.32 inside it, and merged 3 of 8 nuclei in the last frames.
 */
const MIN_PIECE_INSIDE = 0.5;

export interface PieceCounts {
  /** Objects of the reference segmentation (single-object sized ones only). */
  objects: number;
  /** Of them, left in two or more pieces by the other segmentation, none of which holds half of the object. */
  broken: number;
  /**
   * Of them, outlined by the other segmentation as one piece under half of the object, the rest left to the background,
   * the piece smaller than the object size the movie's blobs give (`shrunkBelowRadiusPx`): the bright part of a textured
   * or dim nucleus, which the Cell Tracking Challenge measures count as missed, as they do a broken one. (A piece of the
   * blobs' size is the object itself, the rest a low threshold's blur halo around it.)
   */
  shrunk: number;
}

function areas(labels: Uint32Array): Map<number, number> {
  const out = new Map<number, number>();
  for (const l of labels) if (l) out.set(l, (out.get(l) ?? 0) + 1);
  return out;
}

/**
 * How many single-object-sized objects of `reference` the `other` labels leave in pieces (none holding WHOLE_SHARE of
 * it), counting only pieces that lie mostly inside it (MIN_PIECE_INSIDE).
 */
export function brokenObjects(reference: Uint32Array, other: Uint32Array, width: number, round = true, shrunkBelowRadiusPx = 0): PieceCounts {
  const refArea = areas(reference);
  const boxes = round ? boundingBoxes(reference, width) : [];
  const otherArea = areas(other);
  let otherBoxes: ReturnType<typeof boundingBoxes> | undefined;
  const pairOfPieces = (a: number, b: number): boolean => {
    otherBoxes ??= boundingBoxes(other, width);
    const [ba, bb] = [otherBoxes[a]!, otherBoxes[b]!];
    return twoNucleiPressed(other, width, a, b, { x0: Math.min(ba.x0, bb.x0), y0: Math.min(ba.y0, bb.y0), x1: Math.max(ba.x1, bb.x1), y1: Math.max(ba.y1, bb.y1) });
  };
  const typical = upperMedianOf([...refArea.values()]);
  const overlap = overlaps(reference, other);
  let objects = 0;
  let broken = 0;
  let shrunk = 0;
  for (const [r, area] of refArea) {
    if (area > SINGLE_OBJECT_AREAS * typical) continue;
    if (round && solidity(reference, width, r, boxes[r]!) < MAX_SOLIDITY_OF_ONE) continue;
    const pieces = [...(overlap.get(r)?.entries() ?? [])];
    const counted = pieces.filter(([o, v]) => v >= MIN_PIECE_SHARE * area && v >= MIN_PIECE_INSIDE * otherArea.get(o)!);
    const fragments = counted.length;
    // two nuclei the other segmentation kept apart: not one object
    if (round && fragments === 2 && !pieces.some(([, v]) => v >= WHOLE_SHARE * area) && pairOfPieces(counted[0][0], counted[1][0])) continue;
    objects++;
    if (pieces.some(([, v]) => v >= WHOLE_SHARE * area)) continue;
    if (fragments >= 2) broken++;
    else if (fragments === 1 && pieces.reduce((sum, [, v]) => sum + v, 0) < WHOLE_SHARE * area) {
      const piece = pieces.find(([o, v]) => v >= MIN_PIECE_SHARE * area && v >= MIN_PIECE_INSIDE * otherArea.get(o)!)!;
      if (Math.sqrt(piece[1] / Math.PI) < shrunkBelowRadiusPx) shrunk++;
    }
  }
  return { objects, broken, shrunk };
}

/**
 * On the sample planes, segmented with `options` once by Otsu and once by triangle: the triangle objects Otsu breaks and
 * the Otsu objects triangle breaks, summed over the planes.
 */
export function thresholdBreakage(samples: SamplePlane[], options: SegmentOptions, round = true, shrunkBelowRadiusPx = 0): { byOtsu: PieceCounts; byTriangle: PieceCounts } {
  const byOtsu = { objects: 0, broken: 0, shrunk: 0 };
  const byTriangle = { objects: 0, broken: 0, shrunk: 0 };
  for (const { plane, width, height } of samples) {
    // (the segment tool asks again with the same options for the same planes: each segmentation is made once; segment.ts
    // finds the chosen method's segmentations of these planes when it segments the movie)
    // (both methods read the same smoothed planes: PlaneShare computes them once for the two)
    const share = new PlaneShare(plane);
    const labelsBy = (method: 'otsu' | 'triangle') => memoOnPlane(plane, `labels:${width}x${height}:${optionsKey({ ...options, method })}`, () => segmentPlaneRemembered(plane, width, height, { ...options, method }, share).labels);
    const otsu = labelsBy('otsu');
    const triangle = labelsBy('triangle');
    const a = brokenObjects(triangle, otsu, width, round, shrunkBelowRadiusPx);
    const b = brokenObjects(otsu, triangle, width, round, shrunkBelowRadiusPx);
    (byOtsu.objects += a.objects), (byOtsu.broken += a.broken), (byOtsu.shrunk += a.shrunk);
    (byTriangle.objects += b.objects), (byTriangle.broken += b.broken), (byTriangle.shrunk += b.shrunk);
  }
  return { byOtsu, byTriangle };
}
