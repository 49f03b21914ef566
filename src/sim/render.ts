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

/** A cell body in the view: centre, axes (px) and orientation. */
interface BodyFootprint {
  cx: number;
  cy: number;
  cos: number;
  sin: number;
  ba: number;
  bb: number;
  na: number;
  nb: number;
  focus: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

function bodyFootprint(sample: Sample, cell: Cell, view: FieldView, bodyRatio: number): BodyFootprint {
  const ps = view.pixelSizeUm;
  const shape = sample.shapeOf(cell);
  const cx = (cell.xUm - view.originXUm) / ps;
  const cy = (cell.yUm - view.originYUm) / ps;
  const na = shape.aUm / ps;
  const nb = shape.bUm / ps;
  // Bodies are rounder than nuclei (and round up fully in mitosis, as the nucleus does).
  const ba = na * bodyRatio * 0.95;
  const bb = Math.max(nb * bodyRatio * 1.05, ba * 0.8);
  const dz = cell.zUm - (view.focusZUm ?? 0);
  const reach = Math.max(ba, bb) * 1.3 + 2;
  return {
    cx,
    cy,
    cos: Math.cos(cell.angleRad),
    sin: Math.sin(cell.angleRad),
    ba,
    bb,
    na,
    nb,
    focus: 1 / (1 + (dz / 4) ** 2),
    x0: Math.max(0, Math.floor(cx - reach)),
    x1: Math.min(view.widthPx - 1, Math.ceil(cx + reach)),
    y0: Math.max(0, Math.floor(cy - reach)),
    y1: Math.min(view.heightPx - 1, Math.ceil(cy + reach)),
  };
}

/**
 * Fills `out` with a brightfield image. Cells in contact share a border, as in a
 * confluent culture: every pixel belongs to the cell whose body it is deepest in (the
 * smallest normalized distance), and a thin dark line marks where two territories meet.
 * Each body is a faint absorption with a dark rim and a bright phase halo outside, with
 * granular cytoplasm; the nucleus is weakly visible (a density step and its envelope).
 * Defocus lowers the contrast.
 */
export function renderBrightfield(sample: Sample, view: FieldView, options: BrightfieldRenderOptions, out: Float32Array): void {
  const { widthPx: w, heightPx: h } = view;
  const n = w * h;
  const nearest = new Float32Array(n).fill(9);
  const second = new Float32Array(n).fill(9);
  const owner = new Int32Array(n).fill(-1);
  const contrast = new Float32Array(n);
  const bodies = sample.cells.map((cell) => bodyFootprint(sample, cell, view, options.bodyRatio ?? 1.9));
  bodies.forEach((b, index) => {
    for (let y = b.y0; y <= b.y1; y++)
      for (let x = b.x0; x <= b.x1; x++) {
        const along = (x - b.cx) * b.cos + (y - b.cy) * b.sin;
        const across = -(x - b.cx) * b.sin + (y - b.cy) * b.cos;
        const rb2 = (along * along) / (b.ba * b.ba) + (across * across) / (b.bb * b.bb);
        if (rb2 > 1.69) continue;
        const rb = Math.sqrt(rb2);
        const p = y * w + x;
        if (rb < nearest[p]) {
          second[p] = nearest[p];
          nearest[p] = rb;
          owner[p] = index;
        } else if (rb < second[p]) second[p] = rb;
      }
  });
  bodies.forEach((b, index) => {
    const texture = sample.cells[index].texture;
    for (let y = b.y0; y <= b.y1; y++)
      for (let x = b.x0; x <= b.x1; x++) {
        const p = y * w + x;
        if (owner[p] !== index || nearest[p] >= 1) continue;
        const along = (x - b.cx) * b.cos + (y - b.cy) * b.sin;
        const across = -(x - b.cx) * b.sin + (y - b.cy) * b.cos;
        let c = 0.03 * textureAt(texture, along / b.ba, -across / b.bb);
        const rn2 = (along * along) / (b.na * b.na) + (across * across) / (b.nb * b.nb);
        if (rn2 < 1.69) {
          const rn = Math.sqrt(rn2);
          c -= 0.04 * smoothstep01((1 - rn) / 0.1) + 0.03 * Math.exp(-(((rn - 1) / 0.08) ** 2));
        }
        contrast[p] = c * b.focus;
      }
  });
  for (let p = 0; p < n; p++) {
    let c = contrast[p];
    if (owner[p] >= 0) {
      const rb = nearest[p];
      let body = -0.06 * smoothstep01((1 - rb) / 0.1);
      if (rb > 0.75 && rb < 1.1) body -= 0.1 * Math.exp(-(((rb - 0.93) / 0.05) ** 2));
      if (rb > 0.85) body += 0.14 * Math.exp(-(((rb - 1.08) / 0.07) ** 2));
      // Where two cells meet inside their bodies: a thin dark border instead of overlapping halos.
      if (second[p] < 1.05) body -= 0.08 * Math.exp(-(((second[p] - rb) / 0.05) ** 2));
      c += body * bodies[owner[p]].focus;
    }
    const light = options.illumination ? options.illumination[p] : 1;
    out[p] = options.photons * light * Math.max(0.05, 1 + c);
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
