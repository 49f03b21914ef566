// Tracking a label movie: measure one spot per object and frame, link the spots with
// TrackMate's LAP tracker (lap.ts) or by label overlap (overlapTracker.ts), and turn the
// links into the Tracks model: branches that end at divisions, daughters naming their
// mother as parent (Cell Tracking Challenge lineage), tracks = connected trees (TrackMate).
import type { Movie, PlaneData } from '../image/movie.ts';
import type { Branch, Spot, Tracks } from './tracks.ts';
import { lapTrack, LAP_DEFAULTS, type LapSettings, type SpotLink, type TrackerSpot } from './lap.ts';
import { overlapTrack, OVERLAP_DEFAULTS, type OverlapSettings } from './overlapTracker.ts';

/** A spot before it belongs to a branch. */
export type DetectedSpot = Omit<Spot, 'branchId'> & { label: number };

export interface MeasureSpotsOptions {
  /** Intensity movie (same T, Z, Y, X) for mean_intensity; optional. */
  intensity?: Movie;
  /** 0-based channel of the intensity movie (and of the label movie). Default 0. */
  channel?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/**
 * One spot per label per frame: centroid (px; z in slices), area_px (pixels or voxels) and,
 * with an intensity movie, mean_intensity. Spot ids run 1, 2, ... in frame then label order.
 */
export async function measureSpots(labels: Movie, options: MeasureSpotsOptions = {}): Promise<DetectedSpot[]> {
  const { shape } = labels;
  const channel = options.channel ?? 0;
  if (options.intensity) checkSameGrid(labels, options.intensity);
  if (labels.dtype === 'float32' || labels.dtype === 'float64') throw new RangeError(`labels must be an integer movie, got ${labels.dtype}`);
  const spots: DetectedSpot[] = [];
  for (let t = 0; t < shape.t; t++) {
    if (options.signal?.aborted) throw new Error('cancelled');
    const sums = new Map<number, { n: number; x: number; y: number; z: number; i: number }>();
    for (let z = 0; z < shape.z; z++) {
      const plane = await labels.plane(t, z, Math.min(channel, shape.c - 1));
      const intensity = options.intensity ? await options.intensity.plane(t, z, Math.min(channel, options.intensity.shape.c - 1)) : undefined;
      accumulate(plane, intensity, shape.x, z, sums);
    }
    const ids = [...sums.keys()].sort((a, b) => a - b);
    for (const label of ids) {
      const s = sums.get(label)!;
      const features: Record<string, number> = { area_px: s.n };
      if (options.intensity) features.mean_intensity = s.i / s.n;
      const spot: DetectedSpot = { id: spots.length + 1, t, x: s.x / s.n, y: s.y / s.n, label, features };
      if (shape.z > 1) spot.z = s.z / s.n;
      spots.push(spot);
    }
    options.onProgress?.(t + 1, shape.t);
  }
  return spots;
}

function accumulate(plane: PlaneData, intensity: PlaneData | undefined, width: number, z: number, sums: Map<number, { n: number; x: number; y: number; z: number; i: number }>): void {
  for (let k = 0; k < plane.length; k++) {
    const label = plane[k];
    if (label <= 0) continue;
    let s = sums.get(label);
    if (!s) sums.set(label, (s = { n: 0, x: 0, y: 0, z: 0, i: 0 }));
    s.n++;
    s.x += k % width;
    s.y += Math.floor(k / width);
    s.z += z;
    if (intensity) s.i += intensity[k];
  }
}

function checkSameGrid(a: Movie, b: Movie): void {
  const sa = a.shape;
  const sb = b.shape;
  if (sa.t !== sb.t || sa.z !== sb.z || sa.y !== sb.y || sa.x !== sb.x) {
    throw new RangeError(`labels (T=${sa.t} Z=${sa.z} ${sa.y}x${sa.x}) and intensity movie (T=${sb.t} Z=${sb.z} ${sb.y}x${sb.x}) must have the same frames and size`);
  }
}

/**
 * Builds branches from links. A branch runs while each spot has one successor whose only
 * predecessor it is; it ends at a division (two or more successors), and its daughters
 * get it as parent. At a merge the new branch takes the first predecessor branch as
 * parent and lists the others in otherParents. Branch ids follow the first frame, then spot id.
 */
export function tracksFromLinks(spots: Omit<Spot, 'branchId'>[], links: Pick<SpotLink, 'source' | 'target'>[], frames: number, calibration: Partial<Pick<Tracks, 'pixelSizeUm' | 'frameIntervalS' | 'zStepUm' | 'labelsPath'>> = {}): Tracks {
  const byId = new Map(spots.map((s) => [s.id, s]));
  const successors = new Map<number, number[]>();
  const predecessors = new Map<number, number[]>();
  for (const l of links) {
    const a = byId.get(l.source);
    const b = byId.get(l.target);
    if (!a || !b) throw new RangeError(`link ${l.source} -> ${l.target} names a spot that does not exist`);
    if (b.t <= a.t) throw new RangeError(`link ${l.source} -> ${l.target} goes backwards in time (t=${a.t} -> ${b.t})`);
    push(successors, l.source, l.target);
    push(predecessors, l.target, l.source);
  }
  const startsBranch = (id: number) => {
    const preds = predecessors.get(id) ?? [];
    return preds.length !== 1 || (successors.get(preds[0])?.length ?? 0) !== 1;
  };
  const ordered = [...spots].sort((a, b) => a.t - b.t || a.id - b.id);
  const branchOfSpot = new Map<number, number>();
  const branches: Branch[] = [];
  for (const first of ordered) {
    if (!startsBranch(first.id)) continue;
    const branch: Branch = { id: branches.length + 1, start: first.t, end: first.t, parent: 0, spotIds: [] };
    let id: number | undefined = first.id;
    while (id !== undefined) {
      branch.spotIds.push(id);
      branchOfSpot.set(id, branch.id);
      branch.end = byId.get(id)!.t;
      const next: number[] = successors.get(id) ?? [];
      id = next.length === 1 && !startsBranch(next[0]) ? next[0] : undefined;
    }
    branches.push(branch);
  }
  for (const branch of branches) {
    const parents = (predecessors.get(branch.spotIds[0]) ?? []).map((p) => branchOfSpot.get(p)!);
    if (parents.length > 0) branch.parent = parents[0];
    if (parents.length > 1) branch.otherParents = parents.slice(1);
  }
  const outSpots: Spot[] = ordered.map((s) => ({ ...s, branchId: branchOfSpot.get(s.id)! }) as Spot);
  return { spots: outSpots, branches, frames, ...calibration };
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A link of the track graph, recovered from the branches. */
export interface TrackEdge {
  source: Spot;
  target: Spot;
  /** 'link' within a branch, 'split' from a mother to a daughter, 'merge' into a merged branch. */
  kind: 'link' | 'split' | 'merge';
}

export function trackEdges(tracks: Tracks): TrackEdge[] {
  const spotById = new Map(tracks.spots.map((s) => [s.id, s]));
  const branchById = new Map(tracks.branches.map((b) => [b.id, b]));
  const edges: TrackEdge[] = [];
  for (const branch of tracks.branches) {
    for (let k = 1; k < branch.spotIds.length; k++) {
      edges.push({ source: spotById.get(branch.spotIds[k - 1])!, target: spotById.get(branch.spotIds[k])!, kind: 'link' });
    }
    const first = spotById.get(branch.spotIds[0])!;
    const parents = [branch.parent, ...(branch.otherParents ?? [])].filter((p) => p > 0);
    for (const p of parents) {
      const parent = branchById.get(p);
      if (!parent) continue;
      const kind = branch.otherParents?.length ? 'merge' : 'split';
      edges.push({ source: spotById.get(parent.spotIds[parent.spotIds.length - 1])!, target: first, kind });
    }
  }
  return edges;
}

/**
 * TrackMate-style track id of every branch: branches connected by lineage (divisions,
 * merges) form one track, named after its smallest branch id.
 */
export function trackIdOfBranch(tracks: Tracks): Map<number, number> {
  const parentOf = new Map<number, number>();
  const find = (id: number): number => {
    let root = id;
    while (parentOf.has(root) && parentOf.get(root) !== root) root = parentOf.get(root)!;
    parentOf.set(id, root);
    return root;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parentOf.set(Math.max(ra, rb), Math.min(ra, rb));
  };
  for (const b of tracks.branches) {
    parentOf.set(b.id, parentOf.get(b.id) ?? b.id);
  }
  for (const b of tracks.branches) for (const p of [b.parent, ...(b.otherParents ?? [])]) if (p > 0 && parentOf.has(p)) union(b.id, p);
  return new Map(tracks.branches.map((b) => [b.id, find(b.id)]));
}

export interface TrackLabelsOptions extends MeasureSpotsOptions {
  /** 'lap' (TrackMate's LAP tracker on centroids, default) or 'overlap' (label IoU). */
  method?: 'lap' | 'overlap';
  lap?: Partial<LapSettings>;
  overlap?: Partial<OverlapSettings>;
  labelsPath?: string;
}

/** Above this many distinct ids in a frame without background, a "label movie" is taken for intensities. */
const MAX_LABELS_WITHOUT_BACKGROUND = 1000;

/**
 * Label movies hold object ids on a background of 0. A movie whose first frame has no 0 pixel and
 * thousands of distinct values is an intensity movie passed by mistake: tracking it would link every
 * grey level as an "object" (slow, meaningless), so it is refused with what to do instead.
 */
export async function checkLooksLikeLabels(labels: Movie, name = 'the label movie'): Promise<void> {
  const ids = new Set<number>();
  for (let z = 0; z < labels.shape.z; z++) {
    const plane = await labels.plane(0, z, 0);
    for (let i = 0; i < plane.length; i++) {
      if (plane[i] === 0) return;
      ids.add(plane[i]);
    }
  }
  if (ids.size > MAX_LABELS_WITHOUT_BACKGROUND) {
    throw new RangeError(`${name} does not look like a label movie (frame 1 has no background 0 and ${ids.size} distinct values): it looks like an intensity movie; segment it first (segment) and track its labels`);
  }
}

/** Tracks the objects of a label movie. Calibration comes from the label movie's metadata. */
export async function trackLabels(labels: Movie, options: TrackLabelsOptions = {}): Promise<Tracks> {
  const method = options.method ?? 'lap';
  const { meta, shape } = labels;
  await checkLooksLikeLabels(labels, options.labelsPath);
  const calibration = {
    pixelSizeUm: meta.pixelSizeUm,
    frameIntervalS: meta.frameIntervalS,
    zStepUm: meta.zStepUm,
    labelsPath: options.labelsPath,
  };
  const spots = await measureSpots(labels, { ...options, onProgress: (d, t) => options.onProgress?.(d, 2 * t) });
  let links: Pick<SpotLink, 'source' | 'target'>[];
  if (method === 'overlap') {
    links = await overlapTrack(labels, spots, { ...OVERLAP_DEFAULTS, ...options.overlap }, { signal: options.signal });
  } else {
    const zScale = meta.zStepUm && meta.pixelSizeUm ? meta.zStepUm / meta.pixelSizeUm : 1;
    links = lapTrack(spots as TrackerSpot[], { ...LAP_DEFAULTS, zScale, ...options.lap }, { signal: options.signal });
  }
  options.onProgress?.(shape.t * 2, shape.t * 2);
  return tracksFromLinks(spots, links, shape.t, calibration);
}
