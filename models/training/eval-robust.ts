// Robustness suite for segmentation defaults (issue 12 items 3, 4, 7): harder movies made from the
// annotated ones, with their ground truth transformed alongside, scored with the segment tool's defaults
// (parameters chosen from the variant's own first, middle and last frames, method "auto", the pixel size as
// the file would give it) and scikit-image's Otsu + watershed peer (skimage_baseline.py) on the same pixels.
//   node bin/run-ts.js models/training/eval-robust.ts [SET,...] [VARIANT,...] [frames=N] [noskimage] ['{"...":...}']
// Sets: simplus01, simplus02, msc02 (whole cells: target "cells"), sim (our simulator, seed 4, 256 px, 30
// nuclei), cancer (cancer_cell_migration_crop against its voronoi-otsu reference labels). Variants: see
// VARIANTS (scale 0.5x / 2x / 3x with labels by nearest neighbour and a crop to at most 1000 px where the
// movie grows; 8-bit; gamma 0.5 / 2; a background offset; a smooth gradient; Poisson and Gaussian noise;
// blur; inverted contrast; and combinations). Prints DET / SEG (Cell Tracking Challenge measures, the
// masks standing in for TRA markers where a set has none) and F1 at IoU 0.5 per variant, and a table.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';
import { gaussianBlur } from '../../src/analysis/filters.ts';
import { matchLabels } from '../../src/analysis/matching.ts';
import { evaluateCtc } from '../../src/analysis/metrics.ts';
import { chooseSegmentParameters, describeChosen, type AutoSegmentOptions } from '../../src/analysis/seg-auto.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import type { PlaneData } from '../../src/image/movie.ts';
import { openMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { annotatedFrames, ctcDataset, resamplePlane } from './real-data.ts';
import { mulberry32 } from '../../src/random.ts';

const DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/** A plane of a source movie: the image and its truth (instance masks, which serve as TRA markers too). */
interface Frame {
  image: Float32Array;
  truth: PlaneData;
  /** TRA markers where the set has them (CTC), else the masks. */
  markers: PlaneData;
  width: number;
  height: number;
}

export interface RobustSource {
  name: string;
  /** Frames scored. */
  frames: number[];
  /** First, middle and last frame of the movie: the segment tool estimates its parameters there. */
  samples: number[];
  /** Pixel size the file states, µm (undefined: not in the file). */
  pixelSizeUm?: number;
  shape: 'round' | 'irregular';
  image(t: number): Promise<{ image: Float32Array; width: number; height: number }>;
  truth(t: number): Promise<{ truth: PlaneData; markers: PlaneData } | undefined>;
}

async function readPlane(path: string, t = 0): Promise<{ image: Float32Array; width: number; height: number }> {
  const movie = await openMovie(path);
  try {
    return { image: Float32Array.from(await movie.plane(t, 0, 0)), width: movie.shape.x, height: movie.shape.y };
  } finally {
    await movie.close();
  }
}

function ctcSource(name: 'simplus01' | 'simplus02' | 'msc02', count: number): RobustSource | undefined {
  const data = ctcDataset(name);
  if (!existsSync(data.images) || !existsSync(join(data.truth, 'SEG'))) return undefined;
  const annotated = annotatedFrames(data);
  const frames = Array.from({ length: count }, (_, k) => annotated[Math.round(((k + 0.5) * (annotated.length - 1)) / count)]);
  const all = [...listCtcFrames(data.images, 't').keys()].sort((a, b) => a - b);
  const tra = listCtcFrames(join(data.truth, 'TRA'), 'man_track');
  const seg = listCtcFrames(join(data.truth, 'SEG'), 'man_seg');
  return {
    name,
    frames: [...new Set(frames)],
    samples: [all[0], all[all.length >> 1], all[all.length - 1]],
    // Fluo-N2DH-SIM+: 0.125 µm/px; Fluo-C2DL-MSC-02: 0.3 µm/px (the challenge's dataset descriptions).
    pixelSizeUm: name === 'msc02' ? 0.3 : 0.125,
    shape: name === 'msc02' ? 'irregular' : 'round',
    image: (t) => readPlane(join(data.images, `t${String(t).padStart(3, '0')}.tif`)),
    truth: async (t) => {
      if (!seg.has(t)) return undefined;
      const masks = (await readMaskFrame(seg.get(t)!)).planes[0];
      const markers = tra.has(t) ? (await readMaskFrame(tra.get(t)!)).planes[0] : masks;
      return { truth: masks, markers };
    },
  };
}

function simSource(count: number): RobustSource {
  const sim = simulate({ width: 256, height: 256, frames: 3, cells: 30, seed: 4, crowding: 0.5 });
  return {
    name: 'sim',
    frames: [0, 2].slice(0, Math.max(1, count)),
    samples: [0, 1, 2],
    pixelSizeUm: sim.movie.meta.pixelSizeUm,
    shape: 'round',
    image: async (t) => ({ image: Float32Array.from(await sim.movie.plane(t, 0, 0)), width: 256, height: 256 }),
    truth: async (t) => {
      const l = await sim.labels.plane(t, 0, 0);
      return { truth: l, markers: l };
    },
  };
}

function cancerSource(count: number): RobustSource | undefined {
  const movie = join(DATA, 'biaNotebooks-timelapse', 'cancer_cell_migration_crop.tif');
  const labels = join(DATA, 'biaNotebooks-timelapse', 'cancer_cell_migration_voronoi_otsu_labeling_crop.tif');
  if (!existsSync(movie) || !existsSync(labels)) return undefined;
  return {
    name: 'cancer',
    frames: Array.from({ length: count }, (_, k) => Math.round(((k + 0.5) * 47) / count)),
    samples: [0, 24, 47],
    shape: 'round',
    image: (t) => readPlane(movie, t),
    truth: async (t) => {
      const l = (await readPlane(labels, t)).image;
      const u = Uint32Array.from(l);
      return { truth: u, markers: u };
    },
  };
}


function gaussian(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function quantile(values: Float32Array, f: number): number {
  const step = Math.max(1, Math.floor(values.length / 65536));
  const s: number[] = [];
  for (let i = 0; i < values.length; i += step) s.push(values[i]);
  s.sort((a, b) => a - b);
  return s[Math.round(f * (s.length - 1))];
}

/** Background (median) and the objects' contrast above it (99.5th percentile - median) of a plane. */
export function levels(p: Float32Array): { bg: number; contrast: number; min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of p) (v < min && (min = v), v > max && (max = v));
  const bg = quantile(p, 0.5);
  return { bg, contrast: Math.max(1e-6, quantile(p, 0.995) - bg), min, max };
}

/** mask: the frame's truth labels (track ids where the caller has them, tra-robust.ts; absent elsewhere). */
export type Intensity = (p: Float32Array, w: number, h: number, r: () => number, ref: ReturnType<typeof levels>, mask?: ArrayLike<number>) => Float32Array;

const u8: Intensity = (p, _w, _h, _r, ref) => {
  // An 8-bit file as a camera or an export would write it: the movie's range mapped onto 0-255 (levels fixed per movie).
  const span = ref.max - ref.min || 1;
  return p.map((v) => Math.max(0, Math.min(255, Math.round((255 * (v - ref.min)) / span))));
};
/** A dim 8-bit camera: the background at 10 grey levels and the objects' contrast over it 12 levels (gain and offset changed, then rounded). */
const dim8: Intensity = (p, _w, _h, _r, ref) => p.map((v) => Math.max(0, Math.min(255, Math.round(10 + (12 * (v - ref.bg)) / ref.contrast))));
const gamma = (g: number): Intensity => (p, _w, _h, _r, ref) => {
  const span = ref.max - ref.min || 1;
  return p.map((v) => ref.min + span * Math.pow(Math.max(0, Math.min(1, (v - ref.min) / span)), g));
};
const offset: Intensity = (p, _w, _h, _r, ref) => p.map((v) => v + 4 * ref.contrast);
const gradient: Intensity = (p, w, h, _r, ref) => p.map((v, i) => v + ref.contrast * (0.5 * ((i % w) / w) + 0.5 * (Math.floor(i / w) / h)) * 1.2);
/**
 * The gradient with the exposure lowered so the plane stays within the first frame's range (as a user sets a camera
 * so the bright side does not saturate): on a movie whose objects already reach the top of the range (MSC-02: 65280 of
 * 65535) the plain gradient, written as uint16, clips a third of the field to a flat plateau (tra-robust.ts).
 */
const gradientInRange: Intensity = (p, w, h, r, ref) => {
  // (one gain for the whole movie, from the first frame's levels: the gradient adds at most 1.2x the contrast)
  const k = (ref.max - ref.min) / (ref.max + 1.2 * ref.contrast - ref.min || 1);
  return gradient(p, w, h, r, ref).map((v) => ref.min + (v - ref.min) * k);
};
const poisson: Intensity = (p, _w, _h, r, ref) => {
  // Photon noise with 25 photons of object contrast over a background of 10 photons (normal approximation).
  const k = 25 / ref.contrast;
  return p.map((v) => {
    const lambda = Math.max(0, (v - ref.min) * k + 10);
    return ref.min + (lambda + Math.sqrt(lambda) * gaussian(r) - 10) / k;
  });
};
/**
 * Nuclei of mixed brightness, as in GOWT1- or HeLa-like movies where the label's expression differs from cell to cell: each
 * object's contrast above the background times a factor of its own, log-uniform in 0.15-1.2 and the same in every frame
 * (drawn from its track id), spread 3 px past its outline so its blur halo follows. Needs the truth labels (no-op without).
 */
const mixedBrightness: Intensity = (p, w, h, _r, ref, mask) => {
  if (!mask) return p;
  const factorOf = (id: number) => {
    const u = mulberry32(7919 * id + 17)();
    return Math.exp(Math.log(0.15) + u * (Math.log(1.2) - Math.log(0.15)));
  };
  const cache = new Map<number, number>();
  const delta = new Float32Array(w * h);
  const weight = new Float32Array(w * h);
  for (let i = 0; i < delta.length; i++) {
    const id = mask[i];
    if (!id) continue;
    let f = cache.get(id);
    if (f === undefined) cache.set(id, (f = factorOf(id)));
    delta[i] = f;
    weight[i] = 1;
  }
  const num = gaussianBlur(delta, w, h, 3);
  const den = gaussianBlur(weight, w, h, 3);
  return p.map((v, i) => {
    // (inside and near an object its own factor; far from every object 1, the background untouched)
    const near = Math.min(1, den[i] * 4);
    const f = den[i] > 1e-3 ? num[i] / den[i] : 1;
    return ref.bg + (v - ref.bg) * (near * f + (1 - near));
  });
};
const noise: Intensity = (p, _w, _h, r, ref) => p.map((v) => v + 0.15 * ref.contrast * gaussian(r));
const blur: Intensity = (p, w, h) => gaussianBlur(p, w, h, 2);
const invert: Intensity = (p, _w, _h, _r, ref) => p.map((v) => ref.max + ref.min - v);
/**
 * Large textured nuclei as in GOWT1-like movies (issue 12 item 2), applied after a 3x upscale: each object's contrast above
 * the background is multiplied by dark nucleoli (Gaussian spots of σ 8 px, 0.6-0.9 deep, about 4 per 10,000 px, so 3-5 in a
 * SIM+ 01 nucleus at 3x), uneven brightness (a smooth field of 0.5-1.5 with periods of 90-170 px, about a nucleus across)
 * and chromatin grain (σ 2 px, 15 %). The background stays as it was, so the truth masks are unchanged.
 */
const nucleoli: Intensity = (p, w, h, r, ref) => {
  const spots = new Float32Array(w * h);
  const sigma = 8;
  for (let k = Math.round(w * h * 4e-4); k > 0; k--) spots[Math.floor(r() * h) * w + Math.floor(r() * w)] += (0.6 + 0.3 * r()) * 2 * Math.PI * sigma * sigma;
  const dark = gaussianBlur(spots, w, h, sigma);
  const grain = gaussianBlur(Float32Array.from({ length: w * h }, () => gaussian(r)), w, h, 2);
  let grainSd = 0;
  for (const v of grain) grainSd += v * v;
  grainSd = Math.sqrt(grainSd / grain.length) || 1;
  const waves = Array.from({ length: 3 }, () => ({ kx: (2 * Math.PI) / (90 + 80 * r()), ky: (2 * Math.PI) / (90 + 80 * r()), px: 2 * Math.PI * r(), py: 2 * Math.PI * r() }));
  return p.map((v, i) => {
    const x = i % w;
    const y = (i / w) | 0;
    const uneven = 1 + (0.5 / 3) * waves.reduce((a, wv) => a + Math.sin(wv.kx * x + wv.px) + Math.sin(wv.ky * y + wv.py), 0) / 2;
    const texture = Math.max(0.05, uneven * (1 - Math.min(0.85, dark[i])) * (1 + (0.15 * grain[i]) / grainSd));
    return ref.bg + (v - ref.bg) * texture;
  });
};

interface Variant {
  name: string;
  scale?: number;
  /** Applied in order after scaling (the reference levels are the scaled plane's). */
  steps?: Intensity[];
  /** Kept frames (0-based) that hold no cell: the background level and noise, their truth empty (tra-robust.ts only). */
  blank?: number[];
}

export const VARIANTS: Variant[] = [
  { name: 'native' },
  { name: 'scale 0.5x', scale: 0.5 },
  { name: 'scale 2x', scale: 2 },
  { name: 'scale 3x', scale: 3 },
  { name: '8-bit', steps: [u8] },
  { name: 'gamma 0.5', steps: [gamma(0.5)] },
  { name: 'gamma 2', steps: [gamma(2)] },
  { name: 'offset', steps: [offset] },
  { name: 'gradient', steps: [gradient] },
  { name: 'gradient in range', steps: [gradientInRange] },
  { name: 'poisson', steps: [poisson] },
  { name: 'gauss noise', steps: [noise] },
  { name: 'blur 2px', steps: [blur] },
  { name: 'inverted', steps: [invert] },
  { name: '2x+gradient+8-bit', scale: 2, steps: [gradient, u8] },
  { name: 'inverted+noise+offset', steps: [invert, offset, noise] },
  { name: '0.5x+gamma 2+blur', scale: 0.5, steps: [gamma(2), blur] },
  { name: '3x+8-bit+poisson', scale: 3, steps: [poisson, u8] },
  { name: 'textured 3x', scale: 3, steps: [nucleoli] },
  { name: 'textured 3x+poisson', scale: 3, steps: [nucleoli, poisson] },
  { name: 'empty frames', blank: [3, 4] },
  { name: 'empty frames+poisson', blank: [3, 4], steps: [poisson] },
  { name: 'dim 8-bit', steps: [dim8] },
  { name: 'dim noisy 8-bit', steps: [poisson, dim8] },
  { name: 'mixed brightness', steps: [mixedBrightness] },
  { name: 'mixed brightness+poisson', steps: [mixedBrightness, poisson] },
];

const MAX_SIDE = 1000;

/** The window (before scaling) that keeps the scaled frame within MAX_SIDE px, centred. */
function windowFor(width: number, height: number, scale: number): { x: number; y: number; w: number; h: number } {
  const w = Math.min(width, Math.floor(MAX_SIDE / scale));
  const h = Math.min(height, Math.floor(MAX_SIDE / scale));
  return { x: (width - w) >> 1, y: (height - h) >> 1, w, h };
}

function crop<T extends ArrayLike<number>>(p: T, width: number, win: { x: number; y: number; w: number; h: number }, labels: boolean): Float32Array | Uint32Array {
  const out = labels ? new Uint32Array(win.w * win.h) : new Float32Array(win.w * win.h);
  for (let y = 0; y < win.h; y++) for (let x = 0; x < win.w; x++) out[y * win.w + x] = p[(win.y + y) * width + win.x + x];
  return out;
}

/** A variant's frame: cropped and scaled (labels by nearest neighbour), then the intensity steps with the movie's reference levels. */
export async function variantFrame(source: RobustSource, variant: Variant, t: number, ref: ReturnType<typeof levels> | undefined, withTruth: boolean): Promise<Frame & { levels: ReturnType<typeof levels> }> {
  const scale = variant.scale ?? 1;
  const { image, width, height } = await source.image(t);
  const win = windowFor(width, height, scale);
  const cropped = crop(image, width, win, false) as Float32Array;
  const scaled = scale === 1 ? { plane: cropped, width: win.w, height: win.h } : resamplePlane(cropped, win.w, win.h, scale, false);
  let plane = scaled.plane as Float32Array;
  const own = levels(plane);
  const r = mulberry32(1000 + t);
  for (const step of variant.steps ?? []) plane = step(plane, scaled.width, scaled.height, r, ref ?? own);
  let truth: PlaneData = new Uint32Array(0);
  let markers: PlaneData = truth;
  if (withTruth) {
    const tr = await source.truth(t);
    if (!tr) throw new Error(`${source.name}: no truth for frame ${t}`);
    const conv = (l: PlaneData) => {
      const c = crop(l, width, win, true);
      return scale === 1 ? c : resamplePlane(c, win.w, win.h, scale, true).plane;
    };
    truth = conv(tr.truth) as PlaneData;
    markers = tr.markers === tr.truth ? truth : (conv(tr.markers) as PlaneData);
  }
  return { image: plane, truth, markers, width: scaled.width, height: scaled.height, levels: own };
}

/** Writes a float32 .npy file (for the scikit-image peer). */
function writeNpy(path: string, data: Float32Array, width: number, height: number): void {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${height}, ${width}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  writeFileSync(path, Buffer.concat([head, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}

export interface RobustScore {
  DET: number;
  SEG: number;
  F1: number;
  objects: number;
  reference: number;
  chosen?: string;
  radiusPx?: number;
}

async function score(frames: Frame[], results: ArrayLike<number>[]): Promise<RobustScore> {
  const ts = frames.map((_, k) => k);
  const s = await evaluateCtc(
    { rows: [], frames: ts, frame: async (k) => [frames[k].markers] },
    { rows: [], frames: ts, frame: async (k) => [results[k]] },
    { seg: { frames: ts, frame: async (k) => [frames[k].truth] } },
  );
  let tp = 0;
  let fp = 0;
  let fn = 0;
  frames.forEach((f, k) => {
    const m = matchLabels(results[k] as PlaneData, f.truth, f.width, f.height, 0.5);
    (tp += m.tp), (fp += m.fp), (fn += m.fn);
  });
  return { DET: s.DET, SEG: s.SEG ?? Number.NaN, F1: (2 * tp) / Math.max(1, 2 * tp + fp + fn), objects: s.counts.resultObjects, reference: s.counts.referenceObjects };
}

/** The defaults (and optionally the scikit-image peer) on one variant of one source. */
export async function runVariant(source: RobustSource, variant: Variant, options: { skimage?: boolean; given?: AutoSegmentOptions } = {}): Promise<{ defaults: RobustScore; skimage?: RobustScore }> {
  // The movie's reference levels (for 8-bit and gamma: the whole movie is mapped one way) from its first frame.
  const first = await variantFrame(source, { ...variant, steps: [] }, source.samples[0], undefined, false);
  const ref = first.levels;
  const samples = [];
  for (const t of source.samples) {
    const f = await variantFrame(source, variant, t, ref, false);
    samples.push({ plane: f.image, width: f.width, height: f.height });
  }
  const scale = variant.scale ?? 1;
  const { options: segOptions, chosen } = chooseSegmentParameters(samples, {
    method: 'auto',
    shape: source.shape,
    ...(source.pixelSizeUm ? { pixelSizeUm: source.pixelSizeUm / scale } : {}),
    ...options.given,
  });
  const frames: Frame[] = [];
  for (const t of source.frames) frames.push(await variantFrame(source, variant, t, ref, true));
  const results = frames.map((f) => segmentPlane(f.image, f.width, f.height, segOptions).labels);
  if (process.env.ROBUST_DUMP) dumpFrames(join(process.env.ROBUST_DUMP, `${source.name}-${variant.name.replace(/[^a-z0-9.]+/gi, '_')}`), frames, results, segOptions);
  const defaults = { ...(await score(frames, results)), chosen: `${chosen.method}; ${describeChosen(chosen)}`, radiusPx: chosen.objectRadiusPx };
  if (!options.skimage) return { defaults };
  const dir = mkdtempSync(join(tmpdir(), 'eval-robust-'));
  try {
    const paths = frames.map((f, k) => {
      const p = join(dir, `f${k}.npy`);
      writeNpy(p, f.image, f.width, f.height);
      return p;
    });
    execFileSync('/usr/bin/python3', [fileURLToPath(new URL('./skimage_baseline.py', import.meta.url)), join(dir, 'out'), ...paths], { stdio: 'inherit' });
    const peer: ArrayLike<number>[] = [];
    for (let k = 0; k < frames.length; k++) peer.push(Uint32Array.from((await readPlane(join(dir, 'out', `f${k}.tif`))).image));
    return { defaults, skimage: await score(frames, peer) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * With ROBUST_DUMP=DIR: each frame's image (float32), truth and our labels (uint32), raw little-endian, and meta.json,
 * for models/training/diag_seg_loss.py.
 */
function dumpFrames(dir: string, frames: Frame[], results: ArrayLike<number>[], options: object): void {
  mkdirSync(dir, { recursive: true });
  frames.forEach((f, k) => {
    writeFileSync(join(dir, `image_${k}.f32`), Buffer.from(f.image.buffer, f.image.byteOffset, f.image.byteLength));
    const truth = Uint32Array.from(f.truth as ArrayLike<number>);
    writeFileSync(join(dir, `truth_${k}.u32`), Buffer.from(truth.buffer));
    const ours = Uint32Array.from(results[k]);
    writeFileSync(join(dir, `ours_${k}.u32`), Buffer.from(ours.buffer));
  });
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ raw: true, frames: frames.map((_, k) => k), sizes: frames.map((f) => [f.width, f.height]), options }));
}

export function robustSources(names: string[], count: number): RobustSource[] {
  const out: RobustSource[] = [];
  for (const n of names) {
    const s = n === 'sim' ? simSource(count) : n === 'cancer' ? cancerSource(count + 1) : ctcSource(n as 'simplus01', count);
    if (s) out.push(s);
    else console.error(`skipping ${n}: data not found under ${DATA}`);
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const setNames = args.find((a) => /^(simplus0[12]|msc02|sim|cancer)(,|$)/.test(a))?.split(',') ?? ['simplus01', 'simplus02', 'msc02', 'sim', 'cancer'];
  const variantArg = args.find((a) => VARIANTS.some((v) => a.split(',').includes(v.name)));
  const variants = variantArg ? VARIANTS.filter((v) => variantArg.split(',').includes(v.name)) : VARIANTS;
  const count = Number(args.find((a) => a.startsWith('frames='))?.slice(7) ?? 2);
  const given = JSON.parse(args.find((a) => a.startsWith('{')) ?? '{}');
  const withPeer = !args.includes('noskimage');
  const rows: string[] = ['| set | variant | defaults DET / SEG (F1) | scikit-image DET / SEG (F1) | objects (truth) | radius px |', '|---|---|---|---|---|---|'];
  for (const source of robustSources(setNames, count)) {
    for (const variant of variants) {
      const started = Date.now();
      const r = await runVariant(source, variant, { skimage: withPeer, given });
      const f = (s?: RobustScore) => (s ? `${s.DET.toFixed(3)} / ${s.SEG.toFixed(3)} (${s.F1.toFixed(3)})` : '-');
      rows.push(`| ${source.name} | ${variant.name} | ${f(r.defaults)} | ${f(r.skimage)} | ${r.defaults.objects} (${r.defaults.reference}) | ${r.defaults.radiusPx} |`);
      console.error(`${rows[rows.length - 1]} ${((Date.now() - started) / 1000).toFixed(1)} s; ${r.defaults.chosen}`);
    }
  }
  console.log(rows.join('\n'));
}
