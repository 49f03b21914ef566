// Nuclear extent from a learned foreground model, combined with the classical seeds: the
// classical pipeline (seg-plane.ts) says where the nuclei are and splits touching ones; a small
// U-Net run at a normalised object scale (models/nuclei-extent, trained by
// models/training/nuclei_fg.py) says how far each nucleus reaches, dim parts at background level
// included. Each classical object is flooded over the model's foreground (a watershed on the
// model's distance to the edge), and cut back to it.
import type { PlaneData } from '../image/movie.ts';
import { filterLabels, labelAreas, labelComponents } from './morphology.ts';
import { watershed } from './watershed.ts';

/** The extent model's folder in models/. */
export const EXTENT_MODEL = 'nuclei-extent';

export interface ExtentOptions {
  /** p(nucleus) above which a pixel is foreground. Default 0.5. */
  level?: number;
  /** Objects smaller than this are dropped at the end; pieces of model foreground no classical object reaches become objects from this area on. */
  minAreaPx?: number;
  maxAreaPx?: number;
  excludeBorder?: boolean;
  /** A classical object keeps its own outline where less than this share of it lies in the model's foreground (the model missed it). Default 0.3. */
  keepOutsideShare?: number;
  /** New objects from model foreground no classical object reached (default true). */
  addUnreached?: boolean;
}

/**
 * Classical labels bounded by the model's foreground: markers are the classical objects' pixels
 * inside the foreground; they flood the rest of the foreground by the model's distance channel
 * (deepest first) or, without one, by p(nucleus). Returns labels renumbered 1..count.
 */
export function boundByExtent(
  labels: ArrayLike<number>,
  foreground: Float32Array,
  distance: Float32Array | undefined,
  width: number,
  height: number,
  options: ExtentOptions = {},
): { labels: Uint32Array; count: number } {
  const n = width * height;
  const level = options.level ?? 0.5;
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = foreground[i] > level ? 1 : 0;
  let maxLabel = 0;
  for (let i = 0; i < n; i++) if (labels[i] > maxLabel) maxLabel = labels[i];
  const area = labelAreas(labels, maxLabel);
  const inside = new Float64Array(maxLabel + 1);
  for (let i = 0; i < n; i++) if (labels[i] && mask[i]) inside[labels[i]]++;
  const keepShare = options.keepOutsideShare ?? 0.3;
  const markers = new Uint32Array(n);
  const kept = new Uint8Array(maxLabel + 1);
  for (let l = 1; l <= maxLabel; l++) kept[l] = area[l] > 0 && inside[l] < keepShare * area[l] ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l && (mask[i] || kept[l])) markers[i] = l;
  }
  const landscape = new Float32Array(n);
  for (let i = 0; i < n; i++) landscape[i] = distance ? -distance[i] : 1 - foreground[i];
  const floodMask = new Uint8Array(n);
  for (let i = 0; i < n; i++) floodMask[i] = mask[i] || markers[i] ? 1 : 0;
  const out = watershed(landscape, markers, width, height, { mask: floodMask, connectivity: 4 });
  if (options.addUnreached ?? true) {
    const rest = new Uint8Array(n);
    for (let i = 0; i < n; i++) rest[i] = mask[i] && !out[i] ? 1 : 0;
    const pieces = labelComponents(rest, width, height, 4);
    if (pieces.count) {
      const pieceArea = labelAreas(pieces.labels, pieces.count);
      for (let i = 0; i < n; i++) {
        const p = pieces.labels[i];
        if (p && pieceArea[p] >= (options.minAreaPx ?? 0)) out[i] = maxLabel + p;
      }
    }
  }
  return filterLabels(out, width, height, { minAreaPx: options.minAreaPx, maxAreaPx: options.maxAreaPx, excludeBorder: options.excludeBorder });
}

/** The extent model's planes (p(nucleus), distance) for one image plane whose objects have radius objectRadiusPx. */
export async function extentOfPlane(plane: PlaneData, width: number, height: number, objectRadiusPx: number, modelName = EXTENT_MODEL): Promise<{ foreground: Float32Array; distance?: Float32Array; inputScale: number }> {
  const { movieFromPlanes, dtypeOf } = await import('../image/movie.ts');
  const { loadModel, mapModelOverMovie } = await import('../onnx/index.ts');
  const { modelInputScale } = await import('./segmentModel.ts');
  const model = await loadModel(modelName);
  const config = (model.spec.config.cellpilot ?? {}) as { input_object_radius_px?: number };
  const inputScale = modelInputScale(config.input_object_radius_px, objectRadiusPx);
  const names = model.spec.outputs[0].axes.find((a) => a.type === 'channel')?.channelNames ?? [];
  const movie = movieFromPlanes({ t: 1, z: 1, c: 1, y: height, x: width }, dtypeOf(plane), () => plane);
  let result: { foreground: Float32Array; distance?: Float32Array; inputScale: number } | undefined;
  await mapModelOverMovie(model, movie, { channels: [0], inputScale }, ({ planes }) => {
    const fi = Math.max(0, names.indexOf('foreground'));
    const di = names.indexOf('distance');
    result = { foreground: planes[fi], distance: di >= 0 ? planes[di] : undefined, inputScale };
  });
  return result!;
}
