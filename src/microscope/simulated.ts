// A simulated microscope on src/sim: the sample lives in physical coordinates (µm) beneath
// the stage (cells move, grow, divide, die); each fluorescence channel excites its own
// label, which bleaches with the light dose it gets; the cumulative dose slows division
// and eventually kills cells (phototoxicity); the stage drifts in x, y and z; defocus
// blurs and dims nuclei; the camera adds Poisson and read noise with an offset and gain.
// Time comes from the injected clock, so a simulated hour runs in the time its frames take.
import { Rng } from '../sim/random.ts';
import { Sample, type Cell, type SampleOptions } from '../sim/sample.ts';
import { illuminationField, renderBrightfield, renderNuclei, type FieldView } from '../sim/render.ts';
import { cameraWithDefaults, type Camera, type CameraOptions } from '../sim/camera.ts';
import { exposeFast } from './fastCamera.ts';
import { InputError } from '../errors.ts';
import type { Clock } from './clock.ts';
import { RealClock } from './clock.ts';
import { DEMO_CONFIG, lightSourceOf, resolveChannel, resolveLightSource, resolveObjective, startingPowerPercent, type MicroscopeConfig } from './config.ts';
import { exposureDose } from './dose.ts';
import type { Microscope, MicroscopeState, Roi, Snapshot } from './microscope.ts';

/** What a channel preset sees in the sample. */
export interface ChannelLabel {
  /** Name of the fluorophore (its bleaching state is kept per cell). */
  fluorophore: string;
  /** Photons at an average nucleus's peak per ms of exposure at 100 % power, binning 1. */
  peakPhotonsPerMsAtFull: number;
  /** Bleaching: remaining fraction *= exp(-rate × dose in J/cm²). */
  bleachPerJPerCm2: number;
}

export interface SimulatedMicroscopeOptions {
  config?: MicroscopeConfig;
  clock?: Clock;
  seed?: number;
  /** The cell population; bounds default to ±256 µm around the stage origin (a 10X field). */
  sample?: Partial<SampleOptions>;
  /** What each preset images; presets without an entry show only background. */
  labels?: Record<string, ChannelLabel>;
  /** Background photons per ms at 100 % power (autofluorescence, out-of-focus light). */
  backgroundPhotonsPerMsAtFull?: number;
  /** Transmitted-light photons per ms at 100 % lamp power. */
  brightfieldPhotonsPerMsAtFull?: number;
  camera?: CameraOptions;
  /** Stage drift, µm per hour, plus a random walk of `walkUmPerSqrtH`. */
  drift?: { xUmPerH?: number; yUmPerH?: number; zUmPerH?: number; walkUmPerSqrtH?: number };
  /** Phototoxicity: the division rate halves at slowDivision J/cm² and cells die beyond death J/cm². */
  phototoxicity?: { slowDivisionJPerCm2?: number; deathJPerCm2?: number; deathHalfLifeS?: number };
  /** Longest time step of the sample simulation, s. Default 30. */
  maxStepS?: number;
  /** Sensor readout time added to every snap, ms. Default 10. */
  readoutMs?: number;
}

export const DEFAULT_LABELS: Record<string, ChannelLabel> = {
  DAPI: { fluorophore: 'hoechst', peakPhotonsPerMsAtFull: 40, bleachPerJPerCm2: 0.02 },
  FITC: { fluorophore: 'h2b-gfp', peakPhotonsPerMsAtFull: 60, bleachPerJPerCm2: 0.03 },
  Rhodamine: { fluorophore: 'mcherry', peakPhotonsPerMsAtFull: 30, bleachPerJPerCm2: 0.015 },
};

export class SimulatedMicroscope implements Microscope {
  readonly config: MicroscopeConfig;
  readonly clock: Clock;
  readonly sample: Sample;
  /** Divisions and deaths the sample has had (ground truth for tests), with their times. */
  readonly history: { divisions: { timeS: number; parent: number; daughters: [number, number] }[]; deaths: { timeS: number; id: number }[] } = { divisions: [], deaths: [] };
  private readonly labels: Record<string, ChannelLabel>;
  private readonly camera: Camera;
  private readonly cameraRng: Rng;
  private readonly driftRng: Rng;
  private readonly options: Required<Pick<SimulatedMicroscopeOptions, 'backgroundPhotonsPerMsAtFull' | 'brightfieldPhotonsPerMsAtFull' | 'maxStepS' | 'readoutMs'>>;
  private readonly driftRate: { xUmPerS: number; yUmPerS: number; zUmPerS: number; walkUmPerSqrtS: number };
  private readonly illuminations = new Map<string, Float32Array>();
  private state: MicroscopeState;
  /** Sample displacement relative to the stage, µm (what drift correction undoes). */
  drift = { xUm: 0, yUm: 0, zUm: 0 };
  private sampleTimeS: number;
  private readonly startMs: number;

  constructor(options: SimulatedMicroscopeOptions = {}) {
    this.config = options.config ?? DEMO_CONFIG;
    this.clock = options.clock ?? new RealClock();
    const seed = options.seed ?? 1;
    const toxicity = { slowDivisionJPerCm2: 50, deathJPerCm2: 150, deathHalfLifeS: 1800, ...options.phototoxicity };
    const deathHazard = Math.LN2 / toxicity.deathHalfLifeS;
    this.sample = new Sample(
      {
        boundsUm: { x0: -256, y0: -256, x1: 256, y1: 256 },
        cells: 150,
        divisionHazardPerS: 1 / (12 * 3600),
        ...options.sample,
        divisionHazardScale: (cell: Cell) => 1 / (1 + cell.doseTotal / toxicity.slowDivisionJPerCm2),
        deathHazardPerS: (cell: Cell) => (cell.doseTotal > toxicity.deathJPerCm2 ? deathHazard : 0),
      },
      seed,
    );
    this.labels = options.labels ?? DEFAULT_LABELS;
    this.camera = cameraWithDefaults({ ...options.camera, exposureMs: 100, referenceExposureMs: 100 });
    this.cameraRng = new Rng(seed, 'camera');
    this.driftRng = new Rng(seed, 'stage-drift');
    this.options = {
      backgroundPhotonsPerMsAtFull: options.backgroundPhotonsPerMsAtFull ?? 4,
      brightfieldPhotonsPerMsAtFull: options.brightfieldPhotonsPerMsAtFull ?? 100,
      maxStepS: options.maxStepS ?? 30,
      readoutMs: options.readoutMs ?? 10,
    };
    const d = options.drift ?? {};
    this.driftRate = {
      xUmPerS: (d.xUmPerH ?? 1.5) / 3600,
      yUmPerS: (d.yUmPerH ?? -1) / 3600,
      zUmPerS: (d.zUmPerH ?? 0.5) / 3600,
      walkUmPerSqrtS: (d.walkUmPerSqrtH ?? 0.3) / 60,
    };
    const objective = this.config.objectives.find((o) => o.name === '20X') ?? this.config.objectives[0];
    const powerPercent: Record<string, number> = {};
    for (const s of this.config.lightSources) powerPercent[s.name] = startingPowerPercent(s);
    this.state = {
      channel: this.config.channels[0].name,
      exposureMs: 100,
      binning: 1,
      roi: null,
      powerPercent,
      xUm: 0,
      yUm: 0,
      zUm: 0,
      objective: objective.name,
      pixelSizeUm: objective.pixelSizeUm,
      imageWidthPx: this.config.sensorWidthPx,
      imageHeightPx: this.config.sensorHeightPx,
    };
    this.startMs = this.clock.now();
    this.sampleTimeS = 0;
  }

  getState(): MicroscopeState {
    return { ...this.state, powerPercent: { ...this.state.powerPercent }, roi: this.state.roi ? { ...this.state.roi } : null };
  }

  async setChannel(preset: string): Promise<void> {
    this.state.channel = resolveChannel(this.config, preset).name;
  }

  async setExposure(exposureMs: number): Promise<void> {
    if (!(exposureMs > 0) || !Number.isFinite(exposureMs)) throw new InputError(`exposure must be more than 0 ms, got ${exposureMs}`);
    this.state.exposureMs = exposureMs;
  }

  async setBinning(binning: number): Promise<void> {
    if (!this.config.binnings.includes(binning)) throw new InputError(`binning ${binning} is not offered: choose ${this.config.binnings.join(', ')}`);
    this.state.binning = binning;
    this.updateImageSize();
  }

  async setRoi(roi: Roi | null): Promise<void> {
    if (roi) {
      const { sensorWidthPx: w, sensorHeightPx: h } = this.config;
      const ok = [roi.xPx, roi.yPx, roi.widthPx, roi.heightPx].every(Number.isInteger) && roi.xPx >= 0 && roi.yPx >= 0 && roi.widthPx >= 1 && roi.heightPx >= 1 && roi.xPx + roi.widthPx <= w && roi.yPx + roi.heightPx <= h;
      if (!ok) throw new InputError(`ROI ${JSON.stringify(roi)} does not fit the ${w}x${h} sensor`);
    }
    this.state.roi = roi ? { ...roi } : null;
    this.updateImageSize();
  }

  async setLightPower(source: string, percent: number): Promise<void> {
    const light = resolveLightSource(this.config, source);
    if (!(percent >= 0 && percent <= 100)) throw new InputError(`power of ${light.name} must be 0 to 100 %, got ${percent}`);
    this.state.powerPercent[light.name] = percent;
  }

  async setXY(xUm: number, yUm: number): Promise<void> {
    if (!Number.isFinite(xUm) || !Number.isFinite(yUm)) throw new InputError(`stage position must be numbers, got (${xUm}, ${yUm})`);
    this.state.xUm = xUm;
    this.state.yUm = yUm;
  }

  async setZ(zUm: number): Promise<void> {
    if (!Number.isFinite(zUm)) throw new InputError(`focus must be a number of µm, got ${zUm}`);
    this.state.zUm = zUm;
  }

  async setObjective(name: string): Promise<void> {
    const objective = resolveObjective(this.config, name);
    this.state.objective = objective.name;
    this.updateImageSize();
  }

  /** Brings the sample and the drift up to the clock's time. */
  advanceTo(timeS: number): void {
    while (this.sampleTimeS < timeS - 1e-9) {
      const dtS = Math.min(this.options.maxStepS, timeS - this.sampleTimeS);
      const events = this.sample.step(dtS);
      this.sampleTimeS += dtS;
      for (const d of events.divisions) this.history.divisions.push({ timeS: this.sampleTimeS, ...d });
      for (const id of events.deaths) this.history.deaths.push({ timeS: this.sampleTimeS, id });
      const walk = this.driftRate.walkUmPerSqrtS * Math.sqrt(dtS);
      this.drift.xUm += this.driftRate.xUmPerS * dtS + walk * this.driftRng.normal();
      this.drift.yUm += this.driftRate.yUmPerS * dtS + walk * this.driftRng.normal();
      this.drift.zUm += this.driftRate.zUmPerS * dtS;
    }
  }

  /** The field of view in sample coordinates for the current settings. */
  view(): FieldView {
    const s = this.state;
    const ps1 = resolveObjective(this.config, s.objective).pixelSizeUm;
    const roi = s.roi ?? { xPx: 0, yPx: 0, widthPx: this.config.sensorWidthPx, heightPx: this.config.sensorHeightPx };
    // Sensor centre images the stage position; a binned pixel's centre is the centre of its block.
    const firstX = roi.xPx + (s.binning - 1) / 2 - (this.config.sensorWidthPx - 1) / 2;
    const firstY = roi.yPx + (s.binning - 1) / 2 - (this.config.sensorHeightPx - 1) / 2;
    return {
      widthPx: s.imageWidthPx,
      heightPx: s.imageHeightPx,
      pixelSizeUm: ps1 * s.binning,
      originXUm: s.xUm - this.drift.xUm + firstX * ps1,
      originYUm: s.yUm - this.drift.yUm + firstY * ps1,
      focusZUm: s.zUm - this.drift.zUm,
    };
  }

  async snap(): Promise<Snapshot> {
    const timeMs = this.clock.now();
    this.advanceTo((timeMs - this.startMs) / 1000);
    const s = this.getState();
    const preset = resolveChannel(this.config, s.channel);
    const source = lightSourceOf(this.config, preset);
    const powerPercent = s.powerPercent[source.name] ?? 0;
    const view = this.view();
    const photons = this.renderPhotons(view, preset.name, preset.transmitted === true, s.exposureMs * (powerPercent / 100) * s.binning * s.binning);
    const data = exposeFast(photons, this.camera, this.cameraRng);
    this.applyDose(view, preset.name, exposureDose(this.config, preset.name, powerPercent, s.exposureMs));
    await this.clock.sleep(s.exposureMs + this.options.readoutMs);
    return {
      data,
      widthPx: view.widthPx,
      heightPx: view.heightPx,
      channel: preset.name,
      exposureMs: s.exposureMs,
      powerPercent,
      xUm: s.xUm,
      yUm: s.yUm,
      zUm: s.zUm,
      objective: s.objective,
      pixelSizeUm: view.pixelSizeUm,
      timeMs,
    };
  }

  /** Photons per pixel for `lightMs` = exposure × power fraction × binning² (binned pixels collect more light). */
  private renderPhotons(view: FieldView, channel: string, transmitted: boolean, lightMs: number): Float32Array {
    const n = view.widthPx * view.heightPx;
    const illumination = this.illumination(view.widthPx, view.heightPx);
    const photons = new Float32Array(n);
    if (transmitted) {
      renderBrightfield(this.sample, view, { photons: this.options.brightfieldPhotonsPerMsAtFull * lightMs, illumination }, photons);
      return photons;
    }
    const background = this.options.backgroundPhotonsPerMsAtFull * lightMs;
    for (let p = 0; p < n; p++) photons[p] = background * illumination[p];
    const label = this.labels[channel];
    if (label) {
      renderNuclei(this.sample, view, { peakPhotons: label.peakPhotonsPerMsAtFull * lightMs, fluorophore: label.fluorophore, illumination }, { photons });
    }
    return photons;
  }

  /** Cells inside the illuminated field get the dose: their label bleaches and their total dose rises. */
  private applyDose(view: FieldView, channel: string, doseJPerCm2: number): void {
    if (doseJPerCm2 <= 0) return;
    const x0 = view.originXUm - view.pixelSizeUm / 2;
    const y0 = view.originYUm - view.pixelSizeUm / 2;
    const x1 = x0 + view.widthPx * view.pixelSizeUm;
    const y1 = y0 + view.heightPx * view.pixelSizeUm;
    const inField = (cell: Cell) => cell.xUm >= x0 && cell.xUm <= x1 && cell.yUm >= y0 && cell.yUm <= y1;
    const label = this.labels[channel];
    this.sample.expose(label?.fluorophore ?? `unlabelled-${channel}`, doseJPerCm2, label?.bleachPerJPerCm2 ?? 0, inField);
  }

  private illumination(widthPx: number, heightPx: number): Float32Array {
    const key = `${widthPx}x${heightPx}`;
    let field = this.illuminations.get(key);
    if (!field) this.illuminations.set(key, (field = illuminationField(widthPx, heightPx, { vignetting: 0.15 })));
    return field;
  }

  private updateImageSize(): void {
    const s = this.state;
    const roi = s.roi ?? { xPx: 0, yPx: 0, widthPx: this.config.sensorWidthPx, heightPx: this.config.sensorHeightPx };
    s.imageWidthPx = Math.max(1, Math.floor(roi.widthPx / s.binning));
    s.imageHeightPx = Math.max(1, Math.floor(roi.heightPx / s.binning));
    s.pixelSizeUm = resolveObjective(this.config, s.objective).pixelSizeUm * s.binning;
  }
}
