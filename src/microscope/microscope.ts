// The Microscope interface: what the acquisition engine and the agent tools need from a
// microscope, shaped after Micro-Manager's core (camera, light sources, channel group,
// XY and Z stage, objective turret, snap). SimulatedMicroscope implements it on the
// simulator; a Micro-Manager bridge can implement it against a real stand.
import type { MicroscopeConfig } from './config.ts';

/** A camera region of interest in sensor pixels at binning 1. */
export interface Roi {
  xPx: number;
  yPx: number;
  widthPx: number;
  heightPx: number;
}

export interface MicroscopeState {
  /** Current preset of the "Channel" group. */
  channel: string;
  exposureMs: number;
  binning: number;
  /** null means the full sensor. */
  roi: Roi | null;
  /** Power of each light source in % of its maximum. */
  powerPercent: Record<string, number>;
  xUm: number;
  yUm: number;
  zUm: number;
  /** Current objective preset ("20X"). */
  objective: string;
  /** Pixel size at the sample for the current objective and binning, µm. */
  pixelSizeUm: number;
  /** Image size the next snap returns. */
  imageWidthPx: number;
  imageHeightPx: number;
}

/** One camera image with what the hardware was doing when it was taken. */
export interface Snapshot {
  /** Row-major heightPx * widthPx, camera counts. */
  data: Uint16Array;
  widthPx: number;
  heightPx: number;
  channel: string;
  exposureMs: number;
  /** Power of the channel's light source, %. */
  powerPercent: number;
  xUm: number;
  yUm: number;
  zUm: number;
  objective: string;
  pixelSizeUm: number;
  /** Clock time at the start of the exposure, ms since the clock's epoch. */
  timeMs: number;
}

export interface Microscope {
  readonly config: MicroscopeConfig;
  getState(): MicroscopeState;
  setChannel(preset: string): Promise<void>;
  setExposure(exposureMs: number): Promise<void>;
  setBinning(binning: number): Promise<void>;
  setRoi(roi: Roi | null): Promise<void>;
  setLightPower(source: string, percent: number): Promise<void>;
  setXY(xUm: number, yUm: number): Promise<void>;
  setZ(zUm: number): Promise<void>;
  setObjective(name: string): Promise<void>;
  /** Exposes with the current settings and returns the image (takes exposure time on the microscope's clock). */
  snap(): Promise<Snapshot>;
}
