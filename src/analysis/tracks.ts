// The Tracks model: spots linked over time into branches with lineage, as in the Cell
// Tracking Challenge (a branch ends where a cell divides; its daughters name it as
// parent) and TrackMate (a track is the whole tree of connected branches).
// Conversions (CTC, CSV, TrackMate XML) live in trackio.ts.

export interface Spot {
  /** Unique within the Tracks, >= 1. */
  id: number;
  /** Frame index, 0-based. */
  t: number;
  /** Position in pixels (x right, y down); z in slices for 3-D movies. */
  x: number;
  y: number;
  z?: number;
  /** Label value of the object in the label movie at frame t, if segmented. */
  label?: number;
  /** Branch (CTC track) the spot belongs to. */
  branchId: number;
  /** Per-spot features such as area_px or mean_intensity_c1. */
  features?: Record<string, number>;
}

export interface Branch {
  /** CTC track id, >= 1. */
  id: number;
  /** First and last frame of the branch (inclusive). */
  start: number;
  end: number;
  /** Mother branch id for a daughter of a division, 0 for a root. */
  parent: number;
  /** Spot ids in time order (frames may be skipped where the tracker closed a gap). */
  spotIds: number[];
  /** Further parent branches where tracks merged (CTC keeps one parent; TrackMate allows merges). */
  otherParents?: number[];
  /** 0..1: how well its links (step lengths, size changes, gaps) and, for a daughter, the division are supported. */
  confidence?: number;
}

export interface Tracks {
  spots: Spot[];
  branches: Branch[];
  /** Frame count of the movie they were tracked on. */
  frames: number;
  /** Calibration used for speeds and distances, if known. */
  pixelSizeUm?: number;
  frameIntervalS?: number;
  /** z step in micrometres, for 3-D tracks. */
  zStepUm?: number;
  /** Label movie the spots were measured on (spot.label refers to it), for CTC export. */
  labelsPath?: string;
  /** Unit of a spot feature whose name does not say it, as the file it came from declares it (a TrackMate XML's RADIUS: "µm"). */
  spotFeatureUnits?: Record<string, string>;
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
