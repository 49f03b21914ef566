// Outlines of the objects of a label image as polygons along the pixel edges, and a label movie written as a GeoJSON
// FeatureCollection (one Feature per object and plane), the format QuPath imports objects from (File > Import objects;
// `objectType` "detection" or "annotation", the plane in `geometry.plane` as QuPath writes it) and napari-geojson reads.
//
// The outline follows the cracks between an object's pixels and the others (crack following, as QuPath's own
// labels-to-objects conversion traces them), so a polygon's area is the object's pixel count exactly (holes filled).
// An iso-line tracer (d3-contour, marching squares) would cut the corners between pixel centres instead: areas short by
// about half the perimeter. Objects are 4-connected: pieces touching only at a corner are two polygons of one object.
import type { Labels, PlaneData } from '../image/movie.ts';
import { writeTextAtomic } from './table.ts';

/**
 * Whether a plane reads as a label image (each object one number over a run of pixels) rather than intensities: in a
 * label image neighbouring object pixels mostly share their number (they differ only where two objects touch); in an
 * intensity image, noise makes most neighbours differ, and written as labels every grey level would be an "object"
 * scattered over the field. Fractional values are no labels. Too few object pixels to tell reads as labels.
 */
export function readsAsLabels(plane: ArrayLike<number>, width: number, height: number): boolean {
  let pairs = 0;
  let differ = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x + 1 < width; x++) {
      const a = plane[row + x];
      const b = plane[row + x + 1];
      if (!Number.isInteger(a)) return false;
      if (a === 0 || b === 0) continue;
      pairs++;
      if (a !== b) differ++;
    }
  }
  return pairs < 16 || differ / pairs < 0.5;
}

/** A closed ring of [x, y] corners in pixel coordinates (0,0 the top-left corner of the image), first corner repeated last. */
export type Ring = [number, number][];

// directions in the order of a right turn in image coordinates (y down): east, south, west, north
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

/**
 * The outer outline of each object of a label plane (width x height, row-major, 0 background), as rings traced clockwise
 * on screen with the object on their right: one ring per 4-connected piece, holes left out. Only corners where the
 * outline turns are kept.
 */
export function labelOutlines(plane: ArrayLike<number>, width: number, height: number): Map<number, Ring[]> {
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= width || y >= height ? 0 : plane[y * width + x]);
  // does an edge of the object `label` start at corner (x, y) going in direction d (object on its right)?
  const edge = (x: number, y: number, d: number, label: number): boolean => {
    switch (d) {
      case 0: return at(x, y) === label && at(x, y - 1) !== label; // top side of pixel (x, y)
      case 1: return at(x - 1, y) === label && at(x, y) !== label; // right side of pixel (x-1, y)
      case 2: return at(x - 1, y - 1) === label && at(x - 1, y) !== label; // bottom side of pixel (x-1, y-1)
      default: return at(x, y - 1) === label && at(x - 1, y - 1) !== label; // left side of pixel (x, y-1)
    }
  };
  const topTraced = new Uint8Array(width * height);
  const out = new Map<number, Ring[]>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const label = plane[y * width + x];
      if (label === 0 || topTraced[y * width + x] || at(x, y - 1) === label) continue;
      // a ring from the top side of this pixel: an object's outline, or the rim of one of its holes
      const ring: Ring = [];
      let cx = x;
      let cy = y;
      let d = 0;
      let twiceArea = 0;
      do {
        if (d === 0) topTraced[cy * width + cx] = 1;
        const nx = cx + DX[d];
        const ny = cy + DY[d];
        twiceArea += cx * ny - nx * cy;
        cx = nx;
        cy = ny;
        // turn right if the object goes on there (keeps a corner-touching piece apart), else straight, else left
        const next = [(d + 1) % 4, d, (d + 3) % 4].find((n) => edge(cx, cy, n, label));
        if (next === undefined) throw new Error(`outline of object ${label} is not closed at (${cx}, ${cy})`);
        if (next !== d) ring.push([cx, cy]);
        d = next;
      } while (cx !== x || cy !== y || d !== 0);
      // a hole's rim runs the other way round (negative area): only outer outlines are kept
      if (twiceArea <= 0) continue;
      // start the ring at its first corner and close it
      if (ring.length && (ring[ring.length - 1][0] !== x || ring[ring.length - 1][1] !== y)) ring.unshift([x, y]);
      else if (ring.length) ring.unshift(ring.pop()!);
      ring.push([ring[0][0], ring[0][1]]);
      const rings = out.get(label);
      if (rings) rings.push(ring);
      else out.set(label, [ring]);
    }
  }
  return out;
}

/** The area inside a ring (shoelace), in px²; positive for an outer outline. */
export function ringArea(ring: Ring): number {
  let twice = 0;
  for (let i = 0; i + 1 < ring.length; i++) twice += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return twice / 2;
}

export interface GeoJsonOptions {
  /** QuPath's object type: "detection" (many light objects, cells or nuclei; the default) or "annotation" (editable regions). */
  objectType?: 'detection' | 'annotation';
  /** The class name every object gets in QuPath (e.g. "Nucleus"); none when absent. */
  classification?: string;
  /** Frames to write, 0-based inclusive; default all. */
  frames?: [number, number];
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Writes every object of every plane of a label movie as a GeoJSON Feature (a Polygon, or a MultiPolygon for an object
 * in pieces) with its plane (`geometry.plane`: c -1, z and t 0-based, as QuPath writes it) and its label and frame in
 * `properties.name` and `properties.metadata`. Coordinates are pixels from the image's top-left corner, as QuPath reads
 * them. Returns the number of objects written and of frames.
 */
export async function writeLabelsGeoJson(path: string, labels: Labels, options: GeoJsonOptions = {}): Promise<{ objects: number; frames: number }> {
  const { x: width, y: height, z: slices } = labels.shape;
  const [first, last] = options.frames ?? [0, labels.shape.t - 1];
  const parts: string[] = [];
  let objects = 0;
  let plane: PlaneData | undefined;
  const total = (last - first + 1) * slices;
  for (let t = first; t <= last; t++) {
    for (let z = 0; z < slices; z++) {
      options.signal?.throwIfAborted();
      plane = await labels.plane(t, z, 0, plane);
      for (const [label, rings] of labelOutlines(plane, width, height)) {
        const planeOf = { c: -1, z, t };
        const geometry = rings.length === 1 ? { type: 'Polygon', coordinates: [rings[0]], plane: planeOf } : { type: 'MultiPolygon', coordinates: rings.map((r) => [r]), plane: planeOf };
        const properties: Record<string, unknown> = {
          objectType: options.objectType ?? 'detection',
          name: `${label}`,
          ...(options.classification ? { classification: { name: options.classification } } : {}),
          metadata: { label: `${label}`, frame: `${t + 1}`, ...(slices > 1 ? { slice: `${z + 1}` } : {}) },
        };
        parts.push(JSON.stringify({ type: 'Feature', geometry, properties }));
        objects++;
      }
      options.onProgress?.((t - first) * slices + z + 1, total);
    }
  }
  writeTextAtomic(path, `{"type":"FeatureCollection","features":[\n${parts.join(',\n')}\n]}\n`);
  return { objects, frames: last - first + 1 };
}
