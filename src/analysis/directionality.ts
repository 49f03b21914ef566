// Whether cells migrate in a preferred direction (chemotaxis, a wound's edge, flow): the directions of the
// branches' net displacements as circular data, as the Ibidi "Chemotaxis and Migration Tool" reports them:
// the mean direction, the mean resultant length R (0: every way, 1: all one way), the Rayleigh test of
// uniformity, the forward migration indices along x and y, and the displacement of the centre of mass.
// Image coordinates: x to the right, y down; angles in degrees clockwise from +x on the image (0 right, 90 down).
import type { Tracks } from './tracks.ts';

export interface Directionality {
  /** Branches (a cell's path between divisions) with at least two positions apart, whose directions are counted. */
  paths: number;
  /** Direction of the mean unit vector, degrees in [0, 360), clockwise from +x (image right) as the image is shown. */
  meanDirectionDeg: number;
  /** Length of the mean unit vector, 0-1. */
  meanResultantLength: number;
  /** Rayleigh test p-value against directions spread evenly (Zar 1999, eq. 27.4). */
  rayleighP: number;
  /** Forward migration index along +x and +y: the mean over paths of the net displacement along the axis over the path length. */
  forwardMigrationIndex: { x: number; y: number };
  /** Mean net displacement vector of the paths (the centre of mass's displacement), px. */
  centreOfMassPx: { dx: number; dy: number };
}

/** The directionality of the branches' net displacements, or undefined with fewer than 3 moving paths. */
export function directionalityOf(tracks: Tracks): Directionality | undefined {
  const byBranch = new Map<number, Tracks['spots']>();
  for (const spot of tracks.spots) {
    const spots = byBranch.get(spot.branchId);
    if (spots) spots.push(spot);
    else byBranch.set(spot.branchId, [spot]);
  }
  const paths: { dx: number; dy: number; lengthPx: number }[] = [];
  for (const spots of byBranch.values()) {
    spots.sort((a, b) => a.t - b.t);
    const [first, last] = [spots[0], spots[spots.length - 1]];
    const [dx, dy] = [last.x - first.x, last.y - first.y];
    if (Math.hypot(dx, dy) === 0) continue;
    let lengthPx = 0;
    for (let i = 1; i < spots.length; i++) lengthPx += Math.hypot(spots[i].x - spots[i - 1].x, spots[i].y - spots[i - 1].y);
    paths.push({ dx, dy, lengthPx });
  }
  const n = paths.length;
  if (n < 3) return undefined;
  let [c, s] = [0, 0];
  for (const p of paths) {
    const r = Math.hypot(p.dx, p.dy);
    (c += p.dx / r), (s += p.dy / r);
  }
  const meanResultantLength = Math.hypot(c, s) / n;
  const mean = (f: (p: (typeof paths)[number]) => number) => paths.reduce((sum, p) => sum + f(p), 0) / n;
  return {
    paths: n,
    meanDirectionDeg: ((Math.atan2(s, c) * 180) / Math.PI + 360) % 360,
    meanResultantLength,
    rayleighP: rayleighP(n, meanResultantLength),
    forwardMigrationIndex: { x: mean((p) => p.dx / p.lengthPx), y: mean((p) => p.dy / p.lengthPx) },
    centreOfMassPx: { dx: mean((p) => p.dx), dy: mean((p) => p.dy) },
  };
}

/** Rayleigh test of circular uniformity for n directions of mean resultant length r (Zar's approximation, good from n = 3). */
export function rayleighP(n: number, r: number): number {
  const resultant = n * r;
  const p = Math.exp(Math.sqrt(1 + 4 * n + 4 * (n * n - resultant * resultant)) - (1 + 2 * n));
  return Math.min(1, Math.max(0, p));
}

/** A direction in words as the image is shown (y down): "right", "down and to the left", ... (eight sectors). */
export function directionInWords(degrees: number): string {
  const sectors = ['right', 'down and to the right', 'down', 'down and to the left', 'left', 'up and to the left', 'up', 'up and to the right'];
  return sectors[Math.round((((degrees % 360) + 360) % 360) / 45) % 8];
}
