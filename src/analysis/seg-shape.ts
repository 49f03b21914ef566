// Learned nucleus outlines on top of the classical pipeline: the classical seeded watershed
// (seg-plane.ts) says where each nucleus is; a small U-Net (models/nuclei-shape, trained by
// models/training/nuclei_shape.py) redraws each one's outline. Every object is cut out in a
// 64 x 64 window scaled so that its own equivalent radius becomes the model's canonical radius,
// with four channels (the image normalised to the object, the image in units of the window's
// background noise, the object's mask, the other objects' masks); the window's p(nucleus) is
// mapped back and each pixel goes to the object that claims it most (above 0.5).
// Why: on textured nuclei (Fluo-N2DH-SIM+ 02) the threshold's outline follows the bright
// chromatin while the nucleus is round over it, with parts at background level (models/README.md).
import type { LoadedModel } from '../onnx/index.ts';
import type { ModelEvidence } from './segmentModel.ts';

/** The task name of a shape model in its rdf.yaml (config.cellpilot.task). */
export const SHAPE_TASK = 'refine-nuclei-shape';
const CROP = 64;

interface ShapeConfig {
  task?: string;
  canonical_radius_px?: number;
  /** How the model's outlines are sized (ShapeArea), as its evidence was measured; "model" when absent. */
  area?: ShapeArea;
  evidence?: ModelEvidence;
}

interface ObjectGeometry {
  label: number;
  cy: number;
  cx: number;
  /** Crop pixels per frame pixel. */
  scale: number;
  /** The classical object's area, pixels. */
  area: number;
}

/** Each object's centroid and the scale that brings its equivalent radius to `canonicalRadiusPx`. */
function objectGeometry(labels: ArrayLike<number>, width: number, height: number, canonicalRadiusPx: number): ObjectGeometry[] {
  let maxLabel = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] > maxLabel) maxLabel = labels[i];
  const area = new Float64Array(maxLabel + 1);
  const sy = new Float64Array(maxLabel + 1);
  const sx = new Float64Array(maxLabel + 1);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const l = labels[y * width + x];
      if (l) (area[l]++, (sy[l] += y), (sx[l] += x));
    }
  const out: ObjectGeometry[] = [];
  for (let l = 1; l <= maxLabel; l++) {
    if (!area[l]) continue;
    const radius = Math.sqrt(area[l] / Math.PI);
    out.push({ label: l, cy: sy[l] / area[l], cx: sx[l] / area[l], area: area[l], scale: Math.min(4, Math.max(0.25, canonicalRadiusPx / Math.max(radius, 1))) });
  }
  return out;
}

/** Reflects a coordinate into [-0.5, n - 0.5] (scipy's "reflect": half-sample symmetric). */
function reflect(c: number, n: number): number {
  const period = 2 * n;
  let u = (c + 0.5) % period;
  if (u < 0) u += period;
  return (u < n ? u : period - u) - 0.5;
}

/** Median of a copy of `values`. */
function median(values: Float64Array): number {
  const s = values.slice().sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** numpy's percentile (linear interpolation) of `values`. */
function percentile(values: Float64Array, q: number): number {
  const s = values.slice().sort();
  const pos = ((s.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}

/**
 * The model's four input planes for one object, written at `offset` of `dest`: bilinear image
 * samples (reflected at the frame's edges), nearest-neighbour masks (0 outside the frame), then the
 * normalisation of nuclei_shape.py `channels`.
 */
function objectCrop(plane: ArrayLike<number>, labels: ArrayLike<number>, width: number, height: number, g: ObjectGeometry, dest: Float32Array, offset: number): void {
  const n = CROP * CROP;
  const raw = new Float64Array(n);
  const own = new Uint8Array(n);
  const other = new Uint8Array(n);
  for (let i = 0; i < CROP; i++)
    for (let j = 0; j < CROP; j++) {
      const y = g.cy + (i - CROP / 2 + 0.5) / g.scale;
      const x = g.cx + (j - CROP / 2 + 0.5) / g.scale;
      const k = i * CROP + j;
      const ry = reflect(y, height);
      const rx = reflect(x, width);
      const y0 = Math.max(0, Math.min(height - 1, Math.floor(ry)));
      const x0 = Math.max(0, Math.min(width - 1, Math.floor(rx)));
      const y1 = Math.min(height - 1, y0 + 1);
      const x1 = Math.min(width - 1, x0 + 1);
      const fy = Math.max(0, Math.min(1, ry - y0));
      const fx = Math.max(0, Math.min(1, rx - x0));
      raw[k] =
        (1 - fy) * ((1 - fx) * plane[y0 * width + x0] + fx * plane[y0 * width + x1]) + fy * ((1 - fx) * plane[y1 * width + x0] + fx * plane[y1 * width + x1]);
      const ny = Math.round(y);
      const nx = Math.round(x);
      const l = ny >= 0 && ny < height && nx >= 0 && nx < width ? labels[ny * width + nx] : 0;
      own[k] = l === g.label ? 1 : 0;
      other[k] = l && l !== g.label ? 1 : 0;
    }
  let outsideCount = 0;
  let insideCount = 0;
  for (let k = 0; k < n; k++) {
    if (!own[k] && !other[k]) outsideCount++;
    if (own[k]) insideCount++;
  }
  const outside = outsideCount >= 0.1 * n ? new Float64Array(outsideCount) : raw;
  if (outside !== raw) for (let k = 0, m = 0; k < n; k++) if (!own[k] && !other[k]) outside[m++] = raw[k];
  const bg = median(outside);
  const deviation = new Float64Array(outside.length);
  for (let k = 0; k < outside.length; k++) deviation[k] = Math.abs(outside[k] - bg);
  const noise = 1.4826 * median(deviation) + 1e-3;
  let core: number;
  if (insideCount) {
    const inside = new Float64Array(insideCount);
    for (let k = 0, m = 0; k < n; k++) if (own[k]) inside[m++] = raw[k];
    core = percentile(inside, 99);
  } else core = raw.reduce((a, b) => Math.max(a, b), -Infinity);
  const contrast = Math.max(core - bg, noise);
  for (let k = 0; k < n; k++) {
    dest[offset + k] = (raw[k] - bg) / contrast;
    dest[offset + n + k] = Math.min(3, Math.max(-0.5, (raw[k] - bg) / (10 * noise)));
    dest[offset + 2 * n + k] = own[k];
    dest[offset + 3 * n + k] = other[k];
  }
}

/** Objects run through the model per session call. */
const BATCH_OBJECTS = 32;

/**
 * How large each redrawn object is: "model" (its p(nucleus) above 0.5, as trained), "classical"
 * (the model's outline at the level that gives the classical object's area: the learned shape, the
 * classical extent), or "atLeastClassical" (the model's 0.5 outline, lowered to the classical area
 * where the model draws the object smaller).
 */
export type ShapeArea = 'model' | 'classical' | 'atLeastClassical';

/** The lowest level an object's outline may be lowered to (below it the model says background). */
const MIN_LEVEL = 0.05;

/**
 * The classical labels with each object's outline redrawn by the shape model. Pixels go to the
 * object whose p(nucleus) is highest there (above its level: 0.5, or as `areaRule`, else the model's
 * own config.cellpilot.area, sets it); an object
 * the model all but drops (under a fifth of its classical area left) keeps its classical pixels
 * where no other object took them. Label numbers are kept.
 */
export async function refineShapes(plane: ArrayLike<number>, labels: ArrayLike<number>, width: number, height: number, model: LoadedModel, areaRule?: ShapeArea): Promise<Uint32Array> {
  const { ort } = await import('../onnx/model.ts');
  const { Tensor } = await ort();
  const config = (model.spec.config.cellpilot ?? {}) as ShapeConfig;
  const area = areaRule ?? config.area ?? 'model';
  const objects = objectGeometry(labels, width, height, config.canonical_radius_px ?? 12);
  const best = new Float32Array(width * height);
  const out = new Uint32Array(width * height);
  const n = CROP * CROP;
  for (let start = 0; start < objects.length; start += BATCH_OBJECTS) {
    const chunk = objects.slice(start, start + BATCH_OBJECTS);
    const input = new Float32Array(chunk.length * 4 * n);
    chunk.forEach((g, b) => objectCrop(plane, labels, width, height, g, input, b * 4 * n));
    const result = await model.session.run({ [model.inputNames[0]]: new Tensor('float32', input, [chunk.length, 4, CROP, CROP]) });
    const p = result[model.outputNames[0]].data as Float32Array;
    chunk.forEach((g, b) => pasteObject(p.subarray(b * n, (b + 1) * n), g, width, height, best, out, area));
  }
  keepDropped(labels, out);
  return out;
}

/** One object's frame window and its p(nucleus) there, mapped back from the crop (bilinear, 0 outside the crop). */
function objectWindow(p: Float32Array, g: ObjectGeometry, width: number, height: number): { x0: number; x1: number; y0: number; y1: number; q: Float64Array } {
  const half = CROP / 2 / g.scale;
  const y0 = Math.max(0, Math.trunc(g.cy - half));
  const y1 = Math.min(height, Math.ceil(g.cy + half) + 1);
  const x0 = Math.max(0, Math.trunc(g.cx - half));
  const x1 = Math.min(width, Math.ceil(g.cx + half) + 1);
  const q = new Float64Array(Math.max(0, (y1 - y0) * (x1 - x0)));
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const u = (y - g.cy) * g.scale + CROP / 2 - 0.5;
      const v = (x - g.cx) * g.scale + CROP / 2 - 0.5;
      q[(y - y0) * (x1 - x0) + (x - x0)] = sampleCrop(p, u, v);
    }
  return { x0, x1, y0, y1, q };
}

/** The level at which `q` holds `targetArea` pixels (the next value below the targetArea largest), within [MIN_LEVEL, 1]. */
function levelForArea(q: Float64Array, targetArea: number): number {
  if (targetArea < 1 || !q.length) return 0.5;
  // Only values above the floor can set the level (most of a window is background, near 0): they alone are sorted.
  const candidates = q.filter((v) => v > MIN_LEVEL).sort();
  const k = candidates.length - Math.round(targetArea);
  return k > 0 ? candidates[k - 1] : MIN_LEVEL;
}

/** One object's p(nucleus) pasted into the frame where it is above the object's level and above every other object's claim. */
function pasteObject(p: Float32Array, g: ObjectGeometry, width: number, height: number, best: Float32Array, out: Uint32Array, area: ShapeArea): void {
  const w = objectWindow(p, g, width, height);
  let level = 0.5;
  if (area !== 'model') {
    let above = 0;
    for (let k = 0; k < w.q.length; k++) if (w.q[k] > 0.5) above++;
    if (area === 'classical' || above < g.area) level = levelForArea(w.q, g.area);
  }
  const ww = w.x1 - w.x0;
  for (let y = w.y0; y < w.y1; y++)
    for (let x = w.x0; x < w.x1; x++) {
      const q = w.q[(y - w.y0) * ww + (x - w.x0)];
      const i = y * width + x;
      if (q > level && q > best[i]) (best[i] = q), (out[i] = g.label);
    }
}

/** Bilinear sample of a crop plane, 0 beyond it (scipy map_coordinates, order 1, constant 0). */
function sampleCrop(p: Float32Array, u: number, v: number): number {
  if (u < 0 || v < 0 || u > CROP - 1 || v > CROP - 1) return 0;
  const u0 = Math.min(CROP - 2, Math.floor(u));
  const v0 = Math.min(CROP - 2, Math.floor(v));
  const fu = u - u0;
  const fv = v - v0;
  const k = u0 * CROP + v0;
  return (1 - fu) * ((1 - fv) * p[k] + fv * p[k + 1]) + fu * ((1 - fv) * p[k + CROP] + fv * p[k + CROP + 1]);
}

/** An object the model all but dropped keeps its classical pixels that no other object took. */
function keepDropped(labels: ArrayLike<number>, out: Uint32Array): void {
  let maxLabel = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] > maxLabel) maxLabel = labels[i];
  const before = new Float64Array(maxLabel + 1);
  const after = new Float64Array(maxLabel + 1);
  for (let i = 0; i < labels.length; i++) {
    before[labels[i]]++;
    after[out[i]]++;
  }
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l && !out[i] && after[l] < 0.2 * before[l]) out[i] = l;
  }
}

/**
 * Whether the segment tool's "auto" should redraw nuclei with a shape model: only where an
 * installed one (config.cellpilot.task "refine-nuclei-shape") carries a measurement on data we did
 * not make that beat the classical outlines (the measure better, DET not lower). The reason says which and why.
 */
export async function shapeModelByEvidence(): Promise<{ useModel: boolean; key?: string; reason: string }> {
  const { listModels } = await import('../onnx/index.ts');
  const found = listModels().filter((m) => ((m.spec?.config.cellpilot ?? {}) as ShapeConfig).task === SHAPE_TASK);
  const withEvidence = found.find((m) => ((m.spec!.config.cellpilot ?? {}) as ShapeConfig).evidence);
  if (!withEvidence) return { useModel: false, key: found[0]?.key, reason: found.length ? `${found[0].key} carries no measurement against the classical outlines` : 'no nucleus shape model is installed' };
  const e = ((withEvidence.spec!.config.cellpilot ?? {}) as ShapeConfig).evidence!;
  const ours = e.model[e.measure];
  const theirs = e.classical[e.measure];
  const figures = `${e.measure} ${ours.toFixed(3)} against ${theirs.toFixed(3)}, DET ${e.model.DET.toFixed(3)} against ${e.classical.DET.toFixed(3)} on ${e.data}`;
  // Better outlines must not cost detections (an object shrunk off its nucleus is a miss).
  return ours > theirs && e.model.DET >= e.classical.DET
    ? { useModel: true, key: withEvidence.key, reason: `nucleus outlines redrawn by ${withEvidence.key}, whose outlines measured better than the classical ones (${figures})` }
    : { useModel: false, key: withEvidence.key, reason: `classical outlines kept: ${withEvidence.key}'s outlines did not measure better in both ${e.measure} and DET (${figures})` };
}
