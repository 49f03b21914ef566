// Whether the bright objects of a movie are whole cells (a cytoplasmic or membrane label, with
// protrusions) or nuclei, told from the movie itself, for a request that says only "the cells"
// (biologists call nuclei cells too). The lower quartile of the foreground pieces' solidity decides;
// the other measures are reported for models/training/probe-object-kind.ts, where none of them
// separated the sets better (models/README.md, "Whole cells or nuclei").
import { distanceTransform } from './distance.ts';
import { toFloat32 } from './filters.ts';
import { brightObjects } from './object-size.ts';
import { memoOnPlane } from './plane-memo.ts';
import { chooseSegmentParameters, type SamplePlane } from './seg-auto.ts';
import { binFactorFor, binPlane } from './seg-bin.ts';
import { segmentPlane } from './seg-plane.ts';
import { frameObjects, solidity } from './temporalRepair.ts';

/** The shape measures of a movie's foreground pieces (unsplit, at least the minimum area). */
export interface ObjectShapeMeasures {
  /** Pieces measured over the sample planes. */
  pieces: number;
  /** Lower quartile of the pieces' solidity (area over convex hull area): 1 for convex nuclei, low for cells with protrusions. */
  quartileSolidity: number;
  /** Median solidity of the pieces. */
  medianSolidity: number;
  /** Median over pieces of the fraction of their pixels nearer the edge than a quarter of the piece's deepest point: 0.44 for a disc, more for thin protrusions. */
  thinFraction: number;
  /** The solidity below which a quarter of the pieces' pixels lie: large cells count by their area, specks little. */
  pixelQuartileSolidity: number;
  /** The sample planes were binned by this factor before measuring (SHAPE_WORKING_RADIUS_PX); 1: as recorded. */
  binFactor: number;
  /** The object radius (pixels, as recorded) the bin factor follows. */
  radiusPx: number;
}

/**
 * Objects are measured at a radius between this and twice it (pixels): larger ones on planes binned by a whole factor
 * (seg-bin.ts). Outlines then keep their detail relative to the object whatever the pixel density; as recorded the
 * smoothing cap then in force (8 px, seg-auto.ts; now only on the noise rule's extra smoothing) and the area limits made MSC-02's whole cells measure convex at 2x
 * (lower-quartile solidity 0.86 with 10 objects, against 0.70 at 1x and 0.72 at 0.5x; probe-kind-scale.ts), and the
 * measure took 24 s at 2x and 121 s at 3x for 3 frames. Every set we have keeps its 1x decision and figure (radii
 * 8-46 px: factor 1).
 */
const SHAPE_WORKING_RADIUS_PX = 24;

function weightedQuantile(values: number[], weights: number[], q: number): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const total = weights.reduce((a, b) => a + b, 0);
  let seen = 0;
  for (const i of order) {
    seen += weights[i];
    if (seen >= q * total) return values[i];
  }
  return Number.NaN;
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : Number.NaN;
}

/** The shape measures of the bright objects in the sample planes (the segment tool's classical foreground, unsplit). */
export function objectShapeMeasures(recorded: SamplePlane[], radiusPx?: number): ObjectShapeMeasures {
  // (the whole-cell parameters: one scale, no shape-based smoothing, so protrusions stay; convex nuclei stay convex)
  const first = radiusPx === undefined ? chooseSegmentParameters(recorded, { objects: 'bright', shape: 'irregular' }) : undefined;
  const radius = radiusPx ?? first!.chosen.objectRadiusPx;
  const binFactor = binFactorFor(radius, SHAPE_WORKING_RADIUS_PX);
  // (the same binned plane each time, so what the parameter choice measured on it is remembered: plane-memo.ts)
  const samples = binFactor > 1 ? recorded.map((s) => memoOnPlane(s.plane, `binned:${s.width}x${s.height}:${binFactor}`, () => binPlane(s, binFactor))) : recorded;
  const { options } = binFactor === 1 && first ? first : chooseSegmentParameters(samples, { objects: 'bright', shape: 'irregular' });
  const solidities: number[] = [];
  const thin: number[] = [];
  const areas: number[] = [];
  for (const s of samples) {
    const { labels } = segmentPlane(s.plane, s.width, s.height, options);
    const objects = frameObjects(labels, s.width);
    const depth = distanceTransform(labels.map((v) => (v ? 1 : 0)), s.width, s.height);
    const deepest = new Map<number, number>();
    for (let i = 0; i < labels.length; i++) if (labels[i] && depth[i] > (deepest.get(labels[i]) ?? 0)) deepest.set(labels[i], depth[i]);
    const thinPx = new Map<number, number>();
    for (let i = 0; i < labels.length; i++) if (labels[i] && depth[i] < 0.25 * deepest.get(labels[i])!) thinPx.set(labels[i], (thinPx.get(labels[i]) ?? 0) + 1);
    for (const [label, box] of objects.boxes) {
      const area = objects.areas.get(label)!;
      // (a piece cut by the plane's edge is measured too: a convex object cut by a straight edge stays convex)
      if (area < (options.minAreaPx ?? 0)) continue;
      solidities.push(solidity(labels, s.width, label, box));
      thin.push((thinPx.get(label) ?? 0) / area);
      areas.push(area);
    }
  }
  return { pieces: solidities.length, quartileSolidity: quantile(solidities, 0.25), medianSolidity: quantile(solidities, 0.5), thinFraction: quantile(thin, 0.5), pixelQuartileSolidity: weightedQuantile(solidities, areas, 0.25), binFactor, radiusPx: radius };
}

/**
 * Lower quartile of solidity at or below which the objects are whole cells. Measured on the objects of the
 * whole-cell pipeline (split only at deep waists, so touching nuclei come apart and protrusions stay),
 * 3 sample frames: see models/README.md "Whole cells or nuclei" for every set and variant.
 */
export const WHOLE_CELL_MAX_QUARTILE_SOLIDITY = 0.85;
/** Fewer pieces than this over the sample planes say too little: nuclei, the default. */
const MIN_PIECES = 5;

/**
 * Whole cells or nuclei for a request that names neither, from the movie's objects; nuclei where unsure. Dark objects
 * (whole cells under inverted contrast, phase contrast) are measured on the planes inverted, so their shape is told as
 * a bright object's is: MSC-02's whole cells inverted were taken for nuclei when only bright objects were measured.
 */
export function objectKindOfSamples(recorded: SamplePlane[], radiusPx?: number, objects: 'bright' | 'dark' = 'bright'): { target: 'nuclei' | 'cells'; measures: ObjectShapeMeasures; reason: string } {
  const samples = objects === 'dark' ? recorded.map((s) => ({ ...s, plane: brightObjects(toFloat32(s.plane)) })) : recorded;
  const measures = objectShapeMeasures(samples, radiusPx);
  const q = measures.quartileSolidity;
  const binned = measures.binFactor > 1 ? `, measured on the frames binned ${measures.binFactor}x${measures.binFactor} (objects of ${+measures.radiusPx.toFixed(1)} px in radius)` : '';
  const figures = `a quarter of the ${measures.pieces}${objects === 'dark' ? ' dark' : ''} objects in ${samples.length} sample frame(s) are less convex than solidity ${q.toFixed(2)}${binned}`;
  if (measures.pieces >= MIN_PIECES && q <= WHOLE_CELL_MAX_QUARTILE_SOLIDITY) {
    return { target: 'cells', measures, reason: `whole cells, told from the movie: ${figures} (at most ${WHOLE_CELL_MAX_QUARTILE_SOLIDITY}: protrusions)` };
  }
  const why = measures.pieces < MIN_PIECES ? `only ${measures.pieces} objects to judge by` : `${figures} (above ${WHOLE_CELL_MAX_QUARTILE_SOLIDITY}: convex)`;
  return { target: 'nuclei', measures, reason: `nuclei, told from the movie: ${why}` };
}
