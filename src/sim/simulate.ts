// A time-lapse simulation frame by frame: the sample (sample.ts) seen through a drifting
// stage (drift.ts), rendered (render.ts) and exposed on a camera (camera.ts), with its
// ground truth (masks per frame, lineage, drift). `Simulation.frames()` yields one frame
// at a time so a long movie streams to disk; `simulate()` collects everything in memory.
import { cameraWithDefaults, expectedCounts, expose, peakPhotonsForSnr, type Camera, type CameraOptions } from './camera.ts';
import { driftPath, type DriftRow } from './drift.ts';
import { Rng } from './random.ts';
import { illuminationField, renderBrightfield, renderNuclei, type FieldView } from './render.ts';
import { Sample } from './sample.ts';
import { MemoryMovie, type MovieMeta, type Shape } from '../image/movie.ts';
import { InputError, WorkError } from '../errors.ts';

export interface SimOptions {
  /** Number of time points. Default 50. */
  frames?: number;
  /** Field of view, px. Defaults 256 x 256. */
  width?: number;
  height?: number;
  /** Founder cells. Default 30. */
  cells?: number;
  /** Seed: the same seed and options give the same movie. Default 1. */
  seed?: number;
  /** Largest stage drift from frame 0, px (sub-pixel random walk plus trend; the cells have no collective flow of their own). Default 0. */
  driftPx?: number;
  /** Fractional loss of fluorescence per frame at the reference dose (exponential in dose). Default 0. */
  bleachRate?: number;
  /** Peak nucleus signal over the noise SD there, at frame 0 in the field centre. Default 20. */
  snr?: number;
  /** Probability per cell per frame of entering mitosis (division follows after mitosisFrames). Default 0.005. */
  divisionRate?: number;
  /** Adds a brightfield channel (and the true nuclei fluorescence target). Default false. */
  brightfield?: boolean;
  /** Number of z planes. Default 1. */
  z?: number;
  /** Distance between z planes, µm. Default 1.5. */
  zStepUm?: number;
  /** Pixel size, µm. Default 0.5. */
  pixelSizeUm?: number;
  /** Time between frames, s. Default 60. */
  frameIntervalS?: number;
  /** Mean nucleus radius at birth, px. Default 8. */
  nucleusRadiusPx?: number;
  /** RMS cell speed, px per frame. Default 1. */
  speedPx?: number;
  /** 0 (spread out, barely touching) to 1 (clustered, touching and overlapping up to 20%). Default 0.2. */
  crowding?: number;
  /** Frames a cell spends in mitosis (rounded, bright) before splitting. Default 3. */
  mitosisFrames?: number;
  /** Background fluorescence photons per pixel (field centre). Default 100. */
  backgroundPhotons?: number;
  /** Transmitted photons per pixel in brightfield (field centre). Default 3000. */
  brightfieldPhotons?: number;
  /** Fractional illumination drop at the corners. Default 0.25. */
  vignetting?: number;
  camera?: CameraOptions;
}

export type ResolvedSimOptions = Required<Omit<SimOptions, 'camera'>> & { camera: Camera };

export interface LineageRow {
  id: number;
  start: number;
  end: number;
  parent: number;
}

/** One time point: planes indexed as z * channels + c for the movie, by z for the masks. */
export interface SimFrame {
  t: number;
  movie: Uint16Array[];
  clean: Float32Array[];
  labels: Uint16Array[];
  nuclei?: Float32Array[];
  drift: DriftRow;
  /** Ids of the cells alive in this frame. */
  cellIds: number[];
}

const LIMITS = {
  frames: [1, 100000],
  width: [16, 16384],
  height: [16, 16384],
  cells: [0, 60000],
  z: [1, 500],
  mitosisFrames: [1, 1000],
} as const;

function checkInteger(name: keyof typeof LIMITS, value: number): void {
  const [low, high] = LIMITS[name];
  if (!Number.isInteger(value) || value < low || value > high) {
    throw new InputError(`${name} must be a whole number from ${low} to ${high}, got ${value}`);
  }
}

function checkRange(name: string, value: number, low: number, high: number, openLow = false, openHigh = false): void {
  const ok = Number.isFinite(value) && (openLow ? value > low : value >= low) && (openHigh ? value < high : value <= high);
  if (!ok) {
    const lowText = openLow ? `above ${low}` : `at least ${low}`;
    const highText = high === Infinity ? '' : openHigh ? ` and below ${high}` : ` and at most ${high}`;
    throw new InputError(`${name} must be a number ${lowText}${highText}, got ${value}`);
  }
}

/** Fills in the defaults and checks every option, throwing a one-line InputError for a bad one. */
export function resolveSimOptions(options: SimOptions = {}): ResolvedSimOptions {
  const o: ResolvedSimOptions = {
    frames: options.frames ?? 50,
    width: options.width ?? 256,
    height: options.height ?? 256,
    cells: options.cells ?? 30,
    seed: options.seed ?? 1,
    driftPx: options.driftPx ?? 0,
    bleachRate: options.bleachRate ?? 0,
    snr: options.snr ?? 20,
    divisionRate: options.divisionRate ?? 0.005,
    brightfield: options.brightfield ?? false,
    z: options.z ?? 1,
    zStepUm: options.zStepUm ?? 1.5,
    pixelSizeUm: options.pixelSizeUm ?? 0.5,
    frameIntervalS: options.frameIntervalS ?? 60,
    nucleusRadiusPx: options.nucleusRadiusPx ?? 8,
    speedPx: options.speedPx ?? 1,
    crowding: options.crowding ?? 0.2,
    mitosisFrames: options.mitosisFrames ?? 3,
    backgroundPhotons: options.backgroundPhotons ?? 100,
    brightfieldPhotons: options.brightfieldPhotons ?? 3000,
    vignetting: options.vignetting ?? 0.25,
    camera: cameraWithDefaults(options.camera),
  };
  for (const name of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) checkInteger(name, o[name]);
  if (!Number.isInteger(o.seed)) throw new InputError(`seed must be a whole number, got ${o.seed}`);
  checkRange('driftPx', o.driftPx, 0, Infinity);
  checkRange('bleachRate', o.bleachRate, 0, 1, false, true);
  checkRange('snr', o.snr, 0, Infinity, true);
  checkRange('divisionRate', o.divisionRate, 0, 1);
  checkRange('zStepUm', o.zStepUm, 0, Infinity, true);
  checkRange('pixelSizeUm', o.pixelSizeUm, 0, Infinity, true);
  checkRange('frameIntervalS', o.frameIntervalS, 0, Infinity, true);
  checkRange('nucleusRadiusPx', o.nucleusRadiusPx, 1, Math.min(o.width, o.height) / 4);
  checkRange('speedPx', o.speedPx, 0, Infinity);
  checkRange('crowding', o.crowding, 0, 1);
  checkRange('backgroundPhotons', o.backgroundPhotons, 0, Infinity);
  checkRange('brightfieldPhotons', o.brightfieldPhotons, 0, Infinity, true);
  checkRange('vignetting', o.vignetting, 0, 0.9);
  const margin = edgeMarginPx(o);
  if (Math.min(o.width, o.height) - 2 * margin < 2) {
    throw new InputError(
      `a ${o.width}x${o.height} field is too small for ${o.driftPx} px of drift with ${o.nucleusRadiusPx} px nuclei: use a larger size or less drift`,
    );
  }
  const areaPx = o.width * o.height;
  const coverage = (o.cells * Math.PI * o.nucleusRadiusPx ** 2) / areaPx;
  if (coverage > MAX_COVERAGE) {
    const most = Math.floor((MAX_COVERAGE * areaPx) / (Math.PI * o.nucleusRadiusPx ** 2));
    throw new InputError(`${o.cells} cells of ${o.nucleusRadiusPx} px radius do not fit in a ${o.width}x${o.height} field: use at most ${most} cells, a larger size or smaller nuclei`);
  }
  return o;
}

/** Largest fraction of the field the founder nuclei may cover (dense, but every nucleus stays visible). */
const MAX_COVERAGE = 0.5;

/** Cells stay this far from the image edge at frame 0, so drift never takes a nucleus out of view. */
function edgeMarginPx(o: ResolvedSimOptions): number {
  return o.driftPx + o.nucleusRadiusPx + 2;
}

function planeHeightsUm(o: ResolvedSimOptions): number[] {
  return Array.from({ length: o.z }, (_, k) => (k - (o.z - 1) / 2) * o.zStepUm);
}

/** A simulation run one frame at a time. */
export class Simulation {
  readonly options: ResolvedSimOptions;
  readonly sample: Sample;
  readonly drift: DriftRow[];
  readonly illumination: Float32Array;
  /** Photons at an average nucleus's centre, chosen to give the requested SNR. */
  readonly peakPhotons: number;
  readonly channelNames: string[];
  private readonly cameraRng: Rng;
  private readonly tracks = new Map<number, LineageRow>();

  constructor(options: SimOptions = {}) {
    const o = resolveSimOptions(options);
    this.options = o;
    const ps = o.pixelSizeUm;
    const margin = edgeMarginPx(o);
    const heights = planeHeightsUm(o);
    const zSpan = o.z > 1 ? 0.8 * Math.abs(heights[0]) : 0.5;
    this.sample = new Sample(
      {
        boundsUm: { x0: margin * ps, y0: margin * ps, x1: (o.width - 1 - margin) * ps, y1: (o.height - 1 - margin) * ps, z0: -zSpan, z1: zSpan },
        cells: o.cells,
        nucleusRadiusUm: o.nucleusRadiusPx * ps,
        speedUmPerS: (o.speedPx * ps) / o.frameIntervalS,
        persistenceS: 10 * o.frameIntervalS,
        divisionHazardPerS: -Math.log(1 - Math.min(o.divisionRate, 0.999999)) / o.frameIntervalS,
        mitosisDurationS: o.mitosisFrames * o.frameIntervalS - 1e-6 * o.frameIntervalS,
        cycleS: Math.max(o.divisionRate > 0 ? 1 / o.divisionRate : 1000, 4 * o.mitosisFrames) * o.frameIntervalS,
        crowding: o.crowding,
      },
      o.seed,
    );
    this.drift = driftPath(o.frames, o.driftPx, o.seed);
    this.illumination = illuminationField(o.width, o.height, { vignetting: o.vignetting });
    this.peakPhotons = peakPhotonsForSnr(o.snr, o.backgroundPhotons, o.camera.readNoiseE);
    this.channelNames = o.brightfield ? ['nuclei', 'brightfield'] : ['nuclei'];
    this.cameraRng = new Rng(o.seed, 'camera');
  }

  get shape(): Shape {
    return { t: this.options.frames, z: this.options.z, c: this.channelNames.length, y: this.options.height, x: this.options.width };
  }

  get labelShape(): Shape {
    return { ...this.shape, c: 1 };
  }

  get meta(): MovieMeta {
    const o = this.options;
    return {
      pixelSizeUm: o.pixelSizeUm,
      frameIntervalS: o.frameIntervalS,
      ...(o.z > 1 ? { zStepUm: o.zStepUm } : {}),
      channelNames: [...this.channelNames],
      extra: { source: 'cellpilot simulate', seed: o.seed },
    };
  }

  /** man_track.txt rows for the frames produced so far. */
  lineage(): LineageRow[] {
    return [...this.tracks.values()].sort((a, b) => a.id - b.id);
  }

  /** Yields frames 0 .. frames-1; each call to next() renders one time point. */
  *frames(): Generator<SimFrame> {
    const o = this.options;
    const bleachPerDose = -Math.log(1 - o.bleachRate);
    for (let t = 0; t < o.frames; t++) {
      const frame = this.renderFrame(t);
      this.sample.expose('nuclei', 1, bleachPerDose);
      yield frame;
      if (t < o.frames - 1) this.sample.step(o.frameIntervalS);
    }
  }

  private renderFrame(t: number): SimFrame {
    const o = this.options;
    const n = o.width * o.height;
    const drift = this.drift[t];
    const cellIds = this.sample.cells.map((cell) => cell.id);
    this.recordTracks(t);
    const frame: SimFrame = { t, movie: [], clean: [], labels: [], drift, cellIds, ...(o.brightfield ? { nuclei: [] } : {}) };
    for (const focusZUm of planeHeightsUm(o)) {
      const view: FieldView = {
        widthPx: o.width,
        heightPx: o.height,
        pixelSizeUm: o.pixelSizeUm,
        originXUm: -drift.dxPx * o.pixelSizeUm,
        originYUm: -drift.dyPx * o.pixelSizeUm,
        focusZUm,
      };
      const photons = new Float32Array(n);
      for (let p = 0; p < n; p++) photons[p] = o.backgroundPhotons * this.illumination[p];
      const labels = new Uint16Array(n);
      renderNuclei(this.sample, view, { peakPhotons: this.peakPhotons, illumination: this.illumination }, { photons, labels });
      frame.labels.push(labels);
      frame.clean.push(expectedCounts(photons, o.camera));
      frame.movie.push(expose(photons, o.camera, this.cameraRng));
      if (o.brightfield) {
        const transmitted = new Float32Array(n);
        renderBrightfield(this.sample, view, { photons: o.brightfieldPhotons, illumination: this.illumination }, transmitted);
        frame.clean.push(expectedCounts(transmitted, o.camera));
        frame.movie.push(expose(transmitted, o.camera, this.cameraRng));
        const truth = new Float32Array(n);
        renderNuclei(this.sample, view, { peakPhotons: 1, ignoreBleaching: true }, { photons: truth });
        frame.nuclei!.push(truth);
      }
    }
    return frame;
  }

  private recordTracks(t: number): void {
    for (const cell of this.sample.cells) {
      if (cell.id > 65535) throw new WorkError(`more than 65535 cells were simulated: use fewer cells, frames or a lower division rate`);
      const row = this.tracks.get(cell.id);
      if (row) row.end = t;
      else this.tracks.set(cell.id, { id: cell.id, start: t, end: t, parent: this.tracks.has(cell.parent) ? cell.parent : 0 });
    }
  }
}

export interface SimResult {
  /** uint16 camera counts, channels ['nuclei'] or ['nuclei', 'brightfield']. */
  movie: MemoryMovie;
  /** float32 expected counts: the same movie without noise (same drift, bleaching, background). */
  clean: MemoryMovie;
  /** uint16 masks per frame and z plane, value = CTC track id (SEG and TRA truth). */
  labels: MemoryMovie;
  /** man_track.txt rows (L B E P). */
  lineage: LineageRow[];
  /** The sample's displacement from frame 0, px (drift.csv). */
  drift: DriftRow[];
  /** float32 true nuclei fluorescence without noise, bleaching, background or uneven illumination (brightfield runs only); 1 = an average nucleus's peak. */
  nuclei?: MemoryMovie;
  /** The options after defaults. */
  options: ResolvedSimOptions;
  /** Photons at an average nucleus's centre at frame 0 (from the SNR). */
  peakPhotons: number;
}

/** Runs a whole simulation in memory. Deterministic per seed and options. */
export function simulate(options: SimOptions = {}): SimResult {
  const sim = new Simulation(options);
  const movie: Uint16Array[] = [];
  const clean: Float32Array[] = [];
  const labels: Uint16Array[] = [];
  const nuclei: Float32Array[] = [];
  for (const frame of sim.frames()) {
    movie.push(...frame.movie);
    clean.push(...frame.clean);
    labels.push(...frame.labels);
    if (frame.nuclei) nuclei.push(...frame.nuclei);
  }
  const meta = sim.meta;
  const labelMeta: MovieMeta = { ...meta, channelNames: ['labels'] };
  return {
    movie: new MemoryMovie(sim.shape, 'uint16', movie, meta, 'simulated movie'),
    clean: new MemoryMovie(sim.shape, 'float32', clean, meta, 'simulated clean movie'),
    labels: new MemoryMovie(sim.labelShape, 'uint16', labels, labelMeta, 'simulated labels'),
    lineage: sim.lineage(),
    drift: sim.drift,
    ...(sim.options.brightfield
      ? { nuclei: new MemoryMovie(sim.labelShape, 'float32', nuclei, { ...meta, channelNames: ['nuclei'] }, 'simulated nuclei') }
      : {}),
    options: sim.options,
    peakPhotons: sim.peakPhotons,
  };
}
