// Cell Tracking Challenge measures: DET, SEG and TRA, plus a division F1.
//
// TRA and DET follow the acyclic oriented graph matching measure (AOGM) of Matula et al.
// 2015, doi:10.1371/journal.pone.0144959, as the CTC evaluation software computes it
// (and traccuracy re-implements it):
// - Vertices are (frame, label) objects. A reference object R is matched by the result
//   object S with |R ∩ S| > 0.5 |R| (at most one S can pass).
// - NS: a result object matching k > 1 reference objects needs k - 1 splits (weight 5).
//   FN: an unmatched reference object (10). FP: a result object matching none (1).
// - Edges are links between consecutive detections of a track ("track links") and from a
//   mother's last detection to a daughter's first ("parent links"). Among result objects
//   matched one-to-one, a result edge missing from the reference is deleted (ED, 1); one
//   present with the other link type has its semantics changed (EC, 1). A reference edge
//   whose ends are not both matched one-to-one and linked in the result is added (EA, 1.5).
// - AOGM = 5 NS + 10 FN + 1 FP + 1 ED + 1.5 EA + 1 EC; AOGM0 = 10 |V_ref| + 1.5 |E_ref| (the
//   cost of building the reference from nothing); TRA = 1 - min(AOGM, AOGM0) / AOGM0.
//   DET uses the vertex terms only: DET = 1 - min(5 NS + 10 FN + FP, 10 |V_ref|) / (10 |V_ref|).
// SEG (Maška et al. 2014): for every object of the SEG reference, the Jaccard index with the
// result object covering more than half of it (0 if none); SEG is their mean.
// Division F1: a result division (a mother with two or more daughters) matches a reference
// division when their frames (first frame of the daughters) differ by at most
// `divisionFrameTolerance` (default 1) and the mother's last object and every daughter's
// first object in the result lie mostly on objects of the reference family (mother and
// daughters) at their frames; matching is one-to-one, closest in time first.
import type { Movie } from '../image/movie.ts';
import type { Tracks } from './tracks.ts';
import { overlapCounts } from './overlapTracker.ts';
import { locateCtcFolder, listCtcFrames, readMaskFrame, type CtcTrackRow } from './ctc.ts';
import { join } from 'node:path';
import { existsSync } from 'node:fs';

export const AOGM_WEIGHTS = { ns: 5, fn: 10, fp: 1, ed: 1, ea: 1.5, ec: 1 } as const;

/** A tracking in CTC form: the track table and the label planes (z planes) of each frame. */
export interface CtcSequence {
  rows: CtcTrackRow[];
  /** Frames that have a mask. */
  frames: number[];
  frame(t: number): Promise<ArrayLike<number>[]>;
}

export interface CtcScores {
  TRA: number;
  DET: number;
  /** Null when there is no segmentation reference. */
  SEG: number | null;
  AOGM: number;
  AOGM0: number;
  AOGMD: number;
  AOGMD0: number;
  counts: { ns: number; fn: number; fp: number; ed: number; ea: number; ec: number; referenceObjects: number; referenceEdges: number; resultObjects: number; resultEdges: number; segObjects: number };
  divisions: { reference: number; result: number; tp: number; fp: number; fn: number; precision: number; recall: number; f1: number };
}

export interface EvaluateOptions {
  /** Segmentation reference (man_seg): frames with full object masks. */
  seg?: { frames: number[]; frame(t: number): Promise<ArrayLike<number>[]> };
  /** Frames by which a division may be early or late and still match. Default 1. */
  divisionFrameTolerance?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** A CtcSequence over a label movie whose label values are track ids (e.g. simulator truth). */
export function sequenceFromMovie(labels: Movie, rows: CtcTrackRow[]): CtcSequence {
  return {
    rows,
    frames: Array.from({ length: labels.shape.t }, (_, t) => t),
    frame: async (t) => {
      const planes: ArrayLike<number>[] = [];
      for (let z = 0; z < labels.shape.z; z++) planes.push(await labels.plane(t, z, 0));
      return planes;
    },
  };
}

/** A CtcSequence of tracks made on a label movie: each object relabelled with its branch id. */
export function sequenceFromTracks(tracks: Tracks, labels: Movie): CtcSequence {
  const branchAt = new Map<string, number>();
  for (const s of tracks.spots) if (s.label !== undefined) branchAt.set(key(s.t, s.label), s.branchId);
  return {
    rows: tracks.branches.map((b) => ({ id: b.id, start: b.start, end: b.end, parent: b.parent })),
    frames: Array.from({ length: labels.shape.t }, (_, t) => t),
    frame: relabelledFrame(labels, (t, label) => branchAt.get(key(t, label)) ?? 0),
  };
}

/** A frame reader of a label movie with each object's label replaced (by a track id, a number unique over the frames). */
function relabelledFrame(labels: Movie, relabel: (t: number, label: number) => number): (t: number) => Promise<ArrayLike<number>[]> {
  return async (t) => {
    const planes: ArrayLike<number>[] = [];
    for (let z = 0; z < labels.shape.z; z++) {
      const plane = await labels.plane(t, z, 0);
      const out = new Uint32Array(plane.length);
      for (let k = 0; k < plane.length; k++) if (plane[k] > 0) out[k] = relabel(t, plane[k]);
      planes.push(out);
    }
    return planes;
  };
}

/** A CtcSequence over a CTC result or ground-truth folder. */
export function sequenceFromFolder(dir: string): CtcSequence {
  const folder = locateCtcFolder(dir);
  return { rows: folder.rows, frames: [...folder.masks.keys()].sort((a, b) => a - b), frame: async (t) => (await readMaskFrame(folder.masks.get(t)!)).planes };
}

/** Drift of one frame (px), in the simulator's convention: a reference point appears at (x + dxPx, y + dyPx). */
export interface FrameDrift {
  dxPx: number;
  dyPx: number;
}

/**
 * A result made on a drift-corrected movie, seen in the raw movie's coordinates (where the ground truth
 * lives): each mask plane moved by +drift of its frame, rounded to whole pixels (labels are not interpolated).
 */
export function withDrift(sequence: CtcSequence, drift: FrameDrift[], width: number, height: number): CtcSequence {
  return {
    ...sequence,
    frame: async (t) => {
      const planes = await sequence.frame(t);
      const dx = Math.round(drift[t]?.dxPx ?? 0);
      const dy = Math.round(drift[t]?.dyPx ?? 0);
      if (dx === 0 && dy === 0) return planes;
      return planes.map((plane) => {
        if (plane.length !== width * height) throw new RangeError(`mask of ${plane.length} pixels is not ${width}x${height}`);
        const out = new Uint32Array(plane.length);
        for (let y = Math.max(0, dy); y < Math.min(height, height + dy); y++) {
          const source = (y - dy) * width - dx;
          for (let x = Math.max(0, dx); x < Math.min(width, width + dx); x++) out[y * width + x] = plane[source + x];
        }
        return out;
      });
    },
  };
}

/**
 * The sequence seen only in frames first-last (0-based, inclusive): a track cut by the window keeps its part inside it,
 * and one whose mother ended before the window starts there without a mother (as the Cell Tracking Challenge's rule for a
 * track whose start is not observed).
 */
export function withinFrames(sequence: CtcSequence, first: number, last: number): CtcSequence {
  const rows = sequence.rows.filter((r) => r.end >= first && r.start <= last).map((r) => ({ ...r, start: Math.max(r.start, first), end: Math.min(r.end, last) }));
  const kept = new Set(rows.map((r) => r.id));
  return {
    rows: rows.map((r) => (r.parent > 0 && (!kept.has(r.parent) || r.start === first) ? { ...r, parent: 0 } : r)),
    frames: sequence.frames.filter((t) => t >= first && t <= last),
    frame: sequence.frame,
  };
}

/** The sequence with its frames renumbered by `offset` (a result made on frames 21-40 of a movie, seen as those frames). */
export function shiftedFrames(sequence: CtcSequence, offset: number): CtcSequence {
  if (offset === 0) return sequence;
  return {
    rows: sequence.rows.map((r) => ({ ...r, start: r.start + offset, end: r.end + offset })),
    frames: sequence.frames.map((t) => t + offset),
    frame: (t) => sequence.frame(t - offset),
  };
}

/**
 * Scores a result folder against a ground-truth folder (GT/TRA and, if present, GT/SEG). `resultFirstFrame`: the
 * reference frame the result's first frame is (a result made on part of the movie); `frames`: score only these
 * reference frames (0-based, inclusive), those the result covers, instead of counting every other frame as missed.
 */
/** Options of a scoring against a ground-truth folder: the result's drift to undo, its first frame, the frames scored. */
export type FolderEvaluateOptions = Omit<EvaluateOptions, 'seg'> & { resultDrift?: FrameDrift[]; resultFirstFrame?: number; frames?: { first: number; last: number } };

export async function evaluateCtcFolders(resultDir: string, referenceDir: string, options: FolderEvaluateOptions = {}): Promise<CtcScores> {
  let result = sequenceFromFolder(resultDir);
  if (options.resultDrift) {
    const first = locateCtcFolder(resultDir).masks.values().next().value;
    if (first) {
      const { width, height } = await readMaskFrame(first);
      result = withDrift(result, options.resultDrift, width, height);
    }
  }
  return evaluateAgainstFolder(result, referenceDir, options);
}

/**
 * A segmentation alone (a label movie, objects numbered afresh in each frame) as a CTC result: each object of each frame
 * a track of one frame, so DET and SEG score it; TRA, with no links, says nothing of it.
 */
export async function sequenceFromSegmentation(labels: Movie): Promise<CtcSequence> {
  const offsets: number[] = [];
  const rows: CtcTrackRow[] = [];
  let next = 0;
  for (let t = 0; t < labels.shape.t; t++) {
    offsets[t] = next;
    let most = 0;
    const seen = new Set<number>();
    for (let z = 0; z < labels.shape.z; z++) {
      const plane = await labels.plane(t, z, 0);
      for (let k = 0; k < plane.length; k++) if (plane[k] > 0) seen.add(plane[k]);
    }
    for (const label of seen) {
      rows.push({ id: next + label, start: t, end: t, parent: 0 });
      most = Math.max(most, label);
    }
    next += most;
  }
  return {
    rows,
    frames: Array.from({ length: labels.shape.t }, (_, t) => t),
    frame: relabelledFrame(labels, (t, label) => label + offsets[t]),
  };
}

/** Scores a result sequence against a ground-truth folder in CTC layout (TRA/, and SEG/ when it has one). */
export async function evaluateAgainstFolder(resultSequence: CtcSequence, referenceDir: string, options: FolderEvaluateOptions = {}): Promise<CtcScores> {
  const window = options.frames;
  const fullReference = sequenceFromFolder(referenceDir);
  const reference = window ? withinFrames(fullReference, window.first, window.last) : fullReference;
  const result = shiftedFrames(resultSequence, options.resultFirstFrame ?? 0);
  const segDir = join(referenceDir, 'SEG');
  let seg: EvaluateOptions['seg'];
  if (existsSync(segDir)) {
    const masks = listCtcFrames(segDir, 'man_seg');
    const segFrames = [...masks.keys()].filter((t) => !window || (t >= window.first && t <= window.last)).sort((a, b) => a - b);
    if (segFrames.length > 0) seg = { frames: segFrames, frame: async (t) => (await readMaskFrame(masks.get(t)!)).planes };
  }
  return evaluateCtc(reference, result, { ...options, seg });
}

type Key = string;
const key = (t: number, label: number): Key => `${t}:${label}`;

interface Edge {
  source: Key;
  target: Key;
  parentLink: boolean;
}

/** Track links and parent links of a sequence, given which labels are present in which frames. */
function graphEdges(rows: CtcTrackRow[], present: Map<number, number[]>): Map<string, Edge> {
  const edges = new Map<string, Edge>();
  const add = (source: Key, target: Key, parentLink: boolean) => edges.set(`${source}>${target}`, { source, target, parentLink });
  for (const [label, frames] of present) for (let k = 1; k < frames.length; k++) add(key(frames[k - 1], label), key(frames[k], label), false);
  for (const row of rows) {
    if (row.parent <= 0) continue;
    const mother = present.get(row.parent);
    const child = present.get(row.id);
    if (mother?.length && child?.length) add(key(mother[mother.length - 1], row.parent), key(child[0], row.id), true);
  }
  return edges;
}

/** Computes TRA, DET, SEG and division F1 of `result` against `reference`. */
export async function evaluateCtc(reference: CtcSequence, result: CtcSequence, options: EvaluateOptions = {}): Promise<CtcScores> {
  const tolerance = options.divisionFrameTolerance ?? 1;
  const frames = [...new Set([...reference.frames, ...result.frames])].sort((a, b) => a - b);
  const refPresent = new Map<number, number[]>();
  const resPresent = new Map<number, number[]>();
  const refMatch = new Map<Key, Key>(); // reference object -> result object (> 50% of it)
  const resMatches = new Map<Key, Key[]>(); // result object -> reference objects it matches
  const dominantRef = new Map<Key, number>(); // result object -> reference label it overlaps most
  const total = frames.length + (options.seg?.frames.length ?? 0);
  let done = 0;
  const refFrames = new Set(reference.frames);
  const resFrames = new Set(result.frames);

  for (const t of frames) {
    if (options.signal?.aborted) throw new Error('cancelled');
    const refPlanes = refFrames.has(t) ? await reference.frame(t) : undefined;
    const resPlanes = resFrames.has(t) ? await result.frame(t) : undefined;
    const template = refPlanes ?? resPlanes!;
    const empty = template.map((p) => new Uint8Array(p.length));
    const o = overlapCounts(refPlanes ?? empty, resPlanes ?? empty);
    for (const r of o.areaA.keys()) appendTo(refPresent, r, t);
    for (const s of o.areaB.keys()) appendTo(resPresent, s, t);
    const best = new Map<number, [number, number]>(); // s -> [r, shared]
    for (const [r, row] of o.intersections) {
      for (const [s, shared] of row) {
        if (shared > 0.5 * o.areaA.get(r)!) {
          refMatch.set(key(t, r), key(t, s));
          const list = resMatches.get(key(t, s)) ?? [];
          list.push(key(t, r));
          resMatches.set(key(t, s), list);
        }
        const b = best.get(s);
        if (!b || shared > b[1]) best.set(s, [r, shared]);
      }
    }
    for (const [s, [r]] of best) dominantRef.set(key(t, s), r);
    options.onProgress?.(++done, total);
  }

  // Vertex errors.
  let refObjects = 0;
  let resObjects = 0;
  for (const f of refPresent.values()) refObjects += f.length;
  for (const f of resPresent.values()) resObjects += f.length;
  let ns = 0;
  const truePositive = new Set<Key>();
  for (const [s, refs] of resMatches) {
    if (refs.length === 1) truePositive.add(s);
    else ns += refs.length - 1;
  }
  const fn = refObjects - refMatch.size;
  const fp = resObjects - resMatches.size;

  // Edge errors.
  const refEdges = graphEdges(reference.rows, refPresent);
  const resEdges = graphEdges(result.rows, resPresent);
  const matchOfRes = new Map<Key, Key>();
  for (const s of truePositive) matchOfRes.set(s, resMatches.get(s)![0]);
  let ed = 0;
  let ec = 0;
  for (const e of resEdges.values()) {
    const ra = matchOfRes.get(e.source);
    const rb = matchOfRes.get(e.target);
    if (ra === undefined || rb === undefined) continue;
    const refEdge = refEdges.get(`${ra}>${rb}`);
    if (!refEdge) ed++;
    else if (refEdge.parentLink !== e.parentLink) ec++;
  }
  let ea = 0;
  for (const e of refEdges.values()) {
    const sa = refMatch.get(e.source);
    const sb = refMatch.get(e.target);
    if (sa === undefined || sb === undefined || !truePositive.has(sa) || !truePositive.has(sb) || !resEdges.has(`${sa}>${sb}`)) ea++;
  }

  const W = AOGM_WEIGHTS;
  const AOGMD = W.ns * ns + W.fn * fn + W.fp * fp;
  const AOGM = AOGMD + W.ed * ed + W.ea * ea + W.ec * ec;
  const AOGMD0 = W.fn * refObjects;
  const AOGM0 = AOGMD0 + W.ea * refEdges.size;
  const score = (cost: number, zero: number) => (zero === 0 ? (cost === 0 ? 1 : 0) : 1 - Math.min(cost, zero) / zero);

  const seg = options.seg ? await segScore(options.seg, result, resFrames, options, () => options.onProgress?.(++done, total)) : null;
  const divisions = matchDivisions(reference, refPresent, result, resPresent, dominantRef, tolerance);
  return {
    TRA: score(AOGM, AOGM0),
    DET: score(AOGMD, AOGMD0),
    SEG: seg ? seg.score : null,
    AOGM,
    AOGM0,
    AOGMD,
    AOGMD0,
    counts: { ns, fn, fp, ed, ea, ec, referenceObjects: refObjects, referenceEdges: refEdges.size, resultObjects: resObjects, resultEdges: resEdges.size, segObjects: seg?.objects ?? 0 },
    divisions,
  };
}

function appendTo(map: Map<number, number[]>, label: number, t: number): void {
  const list = map.get(label);
  if (list) list.push(t);
  else map.set(label, [t]);
}

async function segScore(seg: NonNullable<EvaluateOptions['seg']>, result: CtcSequence, resFrames: Set<number>, options: EvaluateOptions, tick: () => void): Promise<{ score: number; objects: number }> {
  let sum = 0;
  let objects = 0;
  for (const t of seg.frames) {
    if (options.signal?.aborted) throw new Error('cancelled');
    const refPlanes = await seg.frame(t);
    const resPlanes = resFrames.has(t) ? await result.frame(t) : refPlanes.map((p) => new Uint8Array(p.length));
    const o = overlapCounts(refPlanes, resPlanes);
    for (const [r, area] of o.areaA) {
      objects++;
      for (const [s, shared] of o.intersections.get(r) ?? []) {
        if (shared > 0.5 * area) sum += shared / (area + o.areaB.get(s)! - shared);
      }
    }
    tick();
  }
  return { score: objects === 0 ? 0 : sum / objects, objects };
}

interface DivisionEvent {
  /** First frame of the daughters. */
  t: number;
  mother: number;
  motherLast: Key;
  daughterFirsts: Key[];
  family: Set<number>;
}

function divisionEvents(rows: CtcTrackRow[], present: Map<number, number[]>): DivisionEvent[] {
  const daughters = new Map<number, number[]>();
  for (const row of rows) if (row.parent > 0 && present.has(row.id) && present.has(row.parent)) appendTo(daughters, row.parent, row.id);
  const events: DivisionEvent[] = [];
  for (const [mother, kids] of daughters) {
    if (kids.length < 2) continue;
    const motherFrames = present.get(mother)!;
    const firsts = kids.map((k) => present.get(k)![0]);
    events.push({
      t: Math.min(...firsts),
      mother,
      motherLast: key(motherFrames[motherFrames.length - 1], mother),
      daughterFirsts: kids.map((k, i) => key(firsts[i], k)),
      family: new Set([mother, ...kids]),
    });
  }
  return events.sort((a, b) => a.t - b.t || a.mother - b.mother);
}

function matchDivisions(reference: CtcSequence, refPresent: Map<number, number[]>, result: CtcSequence, resPresent: Map<number, number[]>, dominantRef: Map<Key, number>, tolerance: number): CtcScores['divisions'] {
  const refEvents = divisionEvents(reference.rows, refPresent);
  const resEvents = divisionEvents(result.rows, resPresent);
  const pairs: [number, number, number][] = []; // |dt|, ref index, result index
  resEvents.forEach((c, ci) => {
    refEvents.forEach((r, ri) => {
      const dt = Math.abs(c.t - r.t);
      if (dt > tolerance) return;
      const onFamily = (k: Key) => r.family.has(dominantRef.get(k) ?? 0);
      if (onFamily(c.motherLast) && c.daughterFirsts.every(onFamily)) pairs.push([dt, ri, ci]);
    });
  });
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const usedRef = new Set<number>();
  const usedRes = new Set<number>();
  for (const [, ri, ci] of pairs) {
    if (usedRef.has(ri) || usedRes.has(ci)) continue;
    usedRef.add(ri);
    usedRes.add(ci);
  }
  const tp = usedRef.size;
  const fp = resEvents.length - tp;
  const fn = refEvents.length - tp;
  const precision = resEvents.length === 0 ? (refEvents.length === 0 ? 1 : 0) : tp / resEvents.length;
  const recall = refEvents.length === 0 ? 1 : tp / refEvents.length;
  const f1 = tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn);
  return { reference: refEvents.length, result: resEvents.length, tp, fp, fn, precision, recall, f1 };
}
