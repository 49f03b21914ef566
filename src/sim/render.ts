// Renders a view of the sample into a float32 photon plane. Each cell is evaluated
// analytically at pixel centres inside its bounding box only, from its continuous
// position, so sub-pixel motion and stage drift are exact (no integer shifts, no
// resampling). Nuclei are soft-edged ellipses with a dome profile and a chromatin
// texture carried in the cell's own frame; defocus widens the edge and dims the
// nucleus. The mask of a nucleus is where its edge weight is at least one half.
import { TEXTURE_SIZE, type Cell, type Sample } from './sample.ts';

/** What the camera sees: pixel (0,0)'s centre lies at (originXUm, originYUm) in sample coordinates. */
export interface FieldView {
  widthPx: number;
  heightPx: number;
  pixelSizeUm: number;
  originXUm: number;
  originYUm: number;
  /** Focal plane height in sample coordinates, µm. Default 0. */
  focusZUm?: number;
}

export interface NucleiRenderOptions {
  /** Photons at the centre of an average, unbleached, in-focus nucleus under full illumination. */
  peakPhotons: number;
  /** Which fluorophore's bleaching to apply (Cell.fluorophore key). Default "nuclei". */
  fluorophore?: string;
  /** Ignore bleaching (for the true-fluorescence target). Default false. */
  ignoreBleaching?: boolean;
  /** Half-width of the soft edge in focus, px (the optics' blur). Default 0.8. */
  edgeWidthPx?: number;
  /** Edge blur added per µm of defocus, µm. Default 0.6. */
  defocusBlurUmPerUm?: number;
  /** Axial over lateral radius of a nucleus (an ellipsoid). Default 0.75. */
  axialRatio?: number;
  /** Excitation field (length width*height, ~1 in the middle), multiplies the signal. */
  illumination?: Float32Array;
}

export interface RenderTarget {
  /** Adds photons into this plane (fill the background first). */
  photons: Float32Array;
  /** Writes each nucleus's id where it is in focus and covers the pixel (optional). */
  labels?: Uint16Array;
}

const ownerScratch = new Map<number, Float32Array>();

function ownerWeights(length: number): Float32Array {
  let weights = ownerScratch.get(length);
  if (!weights) {
    weights = new Float32Array(length);
    ownerScratch.set(length, weights);
  }
  weights.fill(0);
  return weights;
}

/** Bilinear lookup in a cell's texture at ellipse coordinates u, v in [-1, 1]. */
function textureAt(texture: Float32Array, u: number, v: number): number {
  const n = TEXTURE_SIZE;
  const gx = Math.min(n - 1.001, Math.max(0, (u * 0.5 + 0.5) * (n - 1)));
  const gy = Math.min(n - 1.001, Math.max(0, (v * 0.5 + 0.5) * (n - 1)));
  const x0 = gx | 0;
  const y0 = gy | 0;
  const fx = gx - x0;
  const fy = gy - y0;
  const i = y0 * n + x0;
  const top = texture[i] + (texture[i + 1] - texture[i]) * fx;
  const bottom = texture[i + n] + (texture[i + n + 1] - texture[i + n]) * fx;
  return top + (bottom - top) * fy;
}

function smoothstep01(t: number): number {
  const c = t < 0 ? 0 : t > 1 ? 1 : t;
  return c * c * (3 - 2 * c);
}

/** Where a nucleus lands in the view and how it looks at this focus. */
interface Footprint {
  cxPx: number;
  cyPx: number;
  aPx: number;
  bPx: number;
  cos: number;
  sin: number;
  edgePx: number;
  /** Height of the peak relative to in focus (defocus spreads light). */
  dimming: number;
  /** Texture amplitude after defocus. */
  textureAmplitude: number;
  /** The focal plane cuts the nucleus, so it has a mask here. */
  inFocus: boolean;
  brightness: number;
}

function footprint(sample: Sample, cell: Cell, view: FieldView, options: NucleiRenderOptions): Footprint {
  const shape = sample.shapeOf(cell);
  const ps = view.pixelSizeUm;
  const rUm = Math.sqrt(shape.aUm * shape.bUm);
  const axialUm = (options.axialRatio ?? 0.75) * rUm;
  const dz = Math.abs(cell.zUm - (view.focusZUm ?? 0));
  const cross = dz < axialUm ? Math.sqrt(1 - (dz / axialUm) ** 2) : 0;
  // The in-focus section shrinks away from the equator; out-of-focus light keeps a blurred core.
  const scale = Math.max(0.35, cross);
  const edge0 = options.edgeWidthPx ?? 0.8;
  const blurPx = ((options.defocusBlurUmPerUm ?? 0.6) * dz) / ps;
  const edgePx = Math.sqrt(edge0 * edge0 + blurPx * blurPx);
  const rPx = (rUm * scale) / ps;
  return {
    cxPx: (cell.xUm - view.originXUm) / ps,
    cyPx: (cell.yUm - view.originYUm) / ps,
    aPx: (shape.aUm * scale) / ps,
    bPx: (shape.bUm * scale) / ps,
    cos: Math.cos(cell.angleRad),
    sin: Math.sin(cell.angleRad),
    edgePx,
    dimming: (rPx / (rPx + blurPx)) ** 2,
    textureAmplitude: 0.12 * shape.textureContrast * Math.exp(-blurPx / 2),
    inFocus: cross > 0,
    brightness: shape.brightness,
  };
}

/** Adds the fluorescence of every nucleus into target.photons and (optionally) writes the masks into target.labels. */
export function renderNuclei(sample: Sample, view: FieldView, options: NucleiRenderOptions, target: RenderTarget): void {
  const { widthPx: w, heightPx: h } = view;
  const owner = target.labels ? ownerWeights(w * h) : undefined;
  const fluorophore = options.fluorophore ?? 'nuclei';
  for (const cell of sample.cells) {
    const f = footprint(sample, cell, view, options);
    const bleach = options.ignoreBleaching ? 1 : (cell.fluorophore[fluorophore] ?? 1);
    const peak = options.peakPhotons * f.brightness * bleach * f.dimming;
    const rMeanPx = Math.sqrt(f.aPx * f.bPx);
    const reach = Math.max(f.aPx, f.bPx) + 2 * f.edgePx + 1;
    const x0 = Math.max(0, Math.floor(f.cxPx - reach));
    const x1 = Math.min(w - 1, Math.ceil(f.cxPx + reach));
    const y0 = Math.max(0, Math.floor(f.cyPx - reach));
    const y1 = Math.min(h - 1, Math.ceil(f.cyPx + reach));
    const rhoMax = 1 + (2 * f.edgePx) / rMeanPx;
    for (let y = y0; y <= y1; y++) {
      const dy = y - f.cyPx;
      for (let x = x0; x <= x1; x++) {
        const dx = x - f.cxPx;
        const u = (dx * f.cos + dy * f.sin) / f.aPx;
        const v = (-dx * f.sin + dy * f.cos) / f.bPx;
        const rho2 = u * u + v * v;
        if (rho2 >= rhoMax * rhoMax) continue;
        const rho = Math.sqrt(rho2);
        const alpha = smoothstep01(0.5 - ((rho - 1) * rMeanPx) / (2 * f.edgePx));
        const dome = 0.7 + 0.3 * (1 - Math.min(rho2, 1));
        const texture = Math.max(0.2, 1 + f.textureAmplitude * textureAt(cell.texture, u, v));
        const p = y * w + x;
        const light = options.illumination ? options.illumination[p] : 1;
        target.photons[p] += peak * alpha * dome * texture * light;
        if (owner && f.inFocus && rho <= 1) {
          const weight = 1.0001 - rho;
          if (weight > owner[p]) {
            owner[p] = weight;
            target.labels![p] = cell.id;
          }
        }
      }
    }
  }
}

export interface BrightfieldRenderOptions {
  /** Transmitted photons per pixel with no sample under full illumination. */
  photons: number;
  /** Illumination field (length width*height), multiplies everything. */
  illumination?: Float32Array;
  /** Cell body radius over nucleus radius. Default 1.9. */
  bodyRatio?: number;
}

/**
 * Fills `out` with a brightfield image: cell bodies as faint absorption with a dark rim
 * and a bright phase halo outside, granular cytoplasm, and the nucleus weakly visible
 * (its envelope and a slight density step). Defocus lowers the contrast.
 */
export function renderBrightfield(sample: Sample, view: FieldView, options: BrightfieldRenderOptions, out: Float32Array): void {
  const { widthPx: w, heightPx: h, pixelSizeUm: ps } = view;
  const contrast = new Float32Array(w * h);
  const bodyRatio = options.bodyRatio ?? 1.9;
  for (const cell of sample.cells) {
    const shape = sample.shapeOf(cell);
    const cx = (cell.xUm - view.originXUm) / ps;
    const cy = (cell.yUm - view.originYUm) / ps;
    const cos = Math.cos(cell.angleRad);
    const sin = Math.sin(cell.angleRad);
    const na = shape.aUm / ps;
    const nb = shape.bUm / ps;
    // Bodies are rounder than nuclei and round up fully in mitosis.
    const ba = na * bodyRatio * 0.95;
    const bb = Math.max(nb * bodyRatio * 1.05, ba * 0.8);
    const dz = cell.zUm - (view.focusZUm ?? 0);
    const focus = 1 / (1 + (dz / 4) ** 2);
    const reach = Math.max(ba, bb) * 1.3 + 2;
    const x0 = Math.max(0, Math.floor(cx - reach));
    const x1 = Math.min(w - 1, Math.ceil(cx + reach));
    const y0 = Math.max(0, Math.floor(cy - reach));
    const y1 = Math.min(h - 1, Math.ceil(cy + reach));
    for (let y = y0; y <= y1; y++) {
      const dy = y - cy;
      for (let x = x0; x <= x1; x++) {
        const dx = x - cx;
        const along = dx * cos + dy * sin;
        const across = -dx * sin + dy * cos;
        const rb = Math.hypot(along / ba, across / bb);
        if (rb > 1.3) continue;
        const rn = Math.hypot(along / na, across / nb);
        let c =
          -0.06 * smoothstep01((1 - rb) / 0.1) -
          0.12 * Math.exp(-(((rb - 0.93) / 0.05) ** 2)) +
          0.18 * Math.exp(-(((rb - 1.08) / 0.07) ** 2));
        if (rb < 1) c += 0.03 * textureAt(cell.texture, along / ba, -across / bb);
        c += -0.04 * smoothstep01((1 - rn) / 0.1) - 0.03 * Math.exp(-(((rn - 1) / 0.08) ** 2));
        contrast[y * w + x] += c * focus;
      }
    }
  }
  for (let p = 0; p < w * h; p++) {
    const light = options.illumination ? options.illumination[p] : 1;
    out[p] = options.photons * light * Math.max(0.05, 1 + contrast[p]);
  }
}

export interface IlluminationOptions {
  /** Fractional drop at the corners (vignetting). Default 0.25. */
  vignetting?: number;
  /** Linear gradient across x and y, fraction over the half-field. Defaults 0.08 and -0.05. */
  tiltX?: number;
  tiltY?: number;
}

/** A smooth, uneven illumination field fixed to the camera: radial vignetting plus a tilt, 1 at the centre. */
export function illuminationField(widthPx: number, heightPx: number, options: IlluminationOptions = {}): Float32Array {
  const vignetting = options.vignetting ?? 0.25;
  const tiltX = options.tiltX ?? 0.08;
  const tiltY = options.tiltY ?? -0.05;
  const out = new Float32Array(widthPx * heightPx);
  const cx = (widthPx - 1) / 2;
  const cy = (heightPx - 1) / 2;
  const r2max = cx * cx + cy * cy || 1;
  for (let y = 0; y < heightPx; y++)
    for (let x = 0; x < widthPx; x++) {
      const r2 = ((x - cx) ** 2 + (y - cy) ** 2) / r2max;
      const tilt = 1 + tiltX * ((x - cx) / (cx || 1)) + tiltY * ((y - cy) / (cy || 1));
      out[y * widthPx + x] = (1 - vignetting * r2) * tilt;
    }
  return out;
}
