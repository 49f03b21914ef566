// Each object's outline placed where its own intensity falls part of the way (half, for a blurred spot or step) from
// the background around it to its own level (issue 12, s39-D): a per-object half-maximum, measured in the object's
// dilated bounding box. Dark pixels enclosed by brighter ones (texture) stay in the object; the outline may move
// out into unclaimed pixels as well as in. Measured on Fluo-N2DH-SIM+ and not made a default (models/README.md
// "Per-object outline levels on SIM+"): those masks' edges lie far below half of a textured nucleus's own level.
import { distanceTransform } from './distance.ts';
import { groupBox, groupPixels } from './regionprops.ts';

export interface HalfLevelOptions {
  /** Where the edge lies from the local background (0) to the object's level (1). 0.5: a blurred edge. */
  fraction: number;
  /** How far (pixels) an outline may move out of the object as found; its local background is sampled beyond this. */
  reachPx: number;
  /** The share of its pixels an object must keep (else it is left as found: the level cuts its texture, not its rim). Default 0.3. */
  minKeptShare?: number;
  /** Background samples: pixels at least reachPx from every object, within this much beyond its box dilated by reachPx. Default 2 * reachPx. */
  ringPx?: number;
}

/** Fewer background samples than this around an object: the plane's background is used. */
const MIN_RING_SAMPLES = 16;

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  return values.length ? values[values.length >> 1] : Number.NaN;
}

/**
 * Redraws each object of `labels` (in place) as the pixels of `image` at or above its own level
 * background + fraction * (core - background), 4-connected to its pixels above that level, within reachPx of the
 * object and not another object's, with the holes of that region filled. The core is the median of the object's
 * pixels at least half as deep inside it as its deepest; the background the median of the pixels at least reachPx
 * from every object within the object's box dilated by reachPx + ringPx (`fallbackBackground` where too few).
 * An object whose core is not above its background, or that would keep under minKeptShare of its pixels, is left as
 * found. Returns how many objects were redrawn.
 */
export function outlineAtHalfLevel(labels: Uint32Array, image: ArrayLike<number>, width: number, height: number, fallbackBackground: number, options: HalfLevelOptions): number {
  const { fraction, reachPx } = options;
  const ringPx = options.ringPx ?? 2 * reachPx;
  const minKept = options.minKeptShare ?? 0.3;
  const { ids, start, order } = groupPixels(labels);
  if (!ids.length) return 0;
  const original = labels.slice();
  const background0 = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) background0[i] = original[i] ? 0 : 1;
  const fromObjects = distanceTransform(background0, width, height); // 0 on objects, the distance to the nearest one elsewhere
  const depth = distanceTransform(original, width, height);
  const visited = new Int32Array(labels.length);
  const queue = new Int32Array(labels.length);
  let redrawn = 0;
  for (const label of ids) {
    const from = start[label];
    const to = start[label + 1];
    const box = groupBox(order, from, to, width);
    const pad = Math.ceil(reachPx + ringPx);
    const ring: number[] = [];
    for (let y = Math.max(0, box.y0 - pad); y <= Math.min(height - 1, box.y1 + pad); y++)
      for (let x = Math.max(0, box.x0 - pad); x <= Math.min(width - 1, box.x1 + pad); x++) {
        const i = y * width + x;
        if (fromObjects[i] >= reachPx) ring.push(image[i]);
      }
    const background = ring.length >= MIN_RING_SAMPLES ? median(ring) : fallbackBackground;
    let deepest = 0;
    for (let j = from; j < to; j++) deepest = Math.max(deepest, depth[order[j]]);
    const core: number[] = [];
    for (let j = from; j < to; j++) if (depth[order[j]] >= 0.5 * deepest) core.push(image[order[j]]);
    const coreLevel = median(core);
    if (!(coreLevel > background)) continue;
    const level = background + fraction * (coreLevel - background);
    const r = Math.ceil(reachPx);
    const bx0 = Math.max(0, box.x0 - r), bx1 = Math.min(width - 1, box.x1 + r);
    const by0 = Math.max(0, box.y0 - r), by1 = Math.min(height - 1, box.y1 + r);
    // Flood from the object's pixels at or above the level through pixels at or above it that are its own or nobody's.
    let head = 0, tail = 0;
    for (let j = from; j < to; j++) {
      const p = order[j];
      if (image[p] >= level) (visited[p] = label), (queue[tail++] = p);
    }
    if (tail === 0) continue;
    while (head < tail) {
      const p = queue[head++];
      const x = p % width;
      const y = (p - x) / width;
      const step = (q: number, qx: number, qy: number) => {
        if (qx < bx0 || qx > bx1 || qy < by0 || qy > by1 || visited[q] === label || image[q] < level) return;
        const owner = original[q];
        if (owner !== label && (owner !== 0 || labels[q] !== 0 || fromObjects[q] > reachPx)) return;
        visited[q] = label;
        queue[tail++] = q;
      };
      if (x > 0) step(p - 1, x - 1, y);
      if (x < width - 1) step(p + 1, x + 1, y);
      if (y > 0) step(p - width, x, y - 1);
      if (y < height - 1) step(p + width, x, y + 1);
    }
    const region = withHolesFilled(queue, tail, width, height, visited, label);
    let keptOfOriginal = 0;
    for (let j = 0; j < region.length; j++) if (original[region[j]] === label) keptOfOriginal++;
    if (keptOfOriginal < minKept * (to - from)) continue;
    for (let j = from; j < to; j++) labels[order[j]] = 0;
    for (let j = 0; j < region.length; j++) {
      const p = region[j];
      if (original[p] === label || (original[p] === 0 && labels[p] === 0)) labels[p] = label;
    }
    redrawn++;
  }
  return redrawn;
}

/** The region queue[0 .. n) (visited[p] === stamp) with its holes (4-connected background enclosed by it) filled: its pixel indices. */
function withHolesFilled(queue: Int32Array, n: number, width: number, height: number, visited: Int32Array, stamp: number): Int32Array {
  let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
  for (let j = 0; j < n; j++) {
    const x = queue[j] % width;
    const y = (queue[j] - x) / width;
    (x0 = Math.min(x0, x)), (x1 = Math.max(x1, x)), (y0 = Math.min(y0, y)), (y1 = Math.max(y1, y));
  }
  // The region's box with one pixel of margin; flood the outside from its corner.
  const w = x1 - x0 + 3, h = y1 - y0 + 3;
  const inRegion = (bx: number, by: number) => {
    const x = bx + x0 - 1, y = by + y0 - 1;
    return x >= 0 && y >= 0 && x < width && y < height && visited[y * width + x] === stamp;
  };
  const outside = new Uint8Array(w * h);
  const q = new Int32Array(w * h);
  let head = 0, tail = 0;
  outside[0] = 1;
  q[tail++] = 0;
  while (head < tail) {
    const b = q[head++];
    const bx = b % w, by = (b - bx) / w;
    const visit = (nx: number, ny: number) => {
      if (nx < 0 || ny < 0 || nx >= w || ny >= h) return;
      const nb = ny * w + nx;
      if (outside[nb] || inRegion(nx, ny)) return;
      outside[nb] = 1;
      q[tail++] = nb;
    };
    visit(bx - 1, by), visit(bx + 1, by), visit(bx, by - 1), visit(bx, by + 1);
  }
  const out: number[] = [];
  for (let by = 1; by < h - 1; by++)
    for (let bx = 1; bx < w - 1; bx++) if (!outside[by * w + bx]) out.push((by + y0 - 1) * width + bx + x0 - 1);
  return Int32Array.from(out);
}
