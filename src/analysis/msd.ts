// Mean squared displacement (MSD) versus time lag, per branch and for the ensemble, with
// a diffusion coefficient fit. For each lag n (frames), MSD(n) = mean over all pairs of
// detections of the same branch n frames apart of |r(t+n) - r(t)|^2 (pairs across gaps
// count when both ends exist). The ensemble MSD pools the pairs of every branch. The
// diffusion coefficient comes from a least-squares line MSD = 2 d D tau + offset over the
// first `fitLags` lags (d = 2 or 3 dimensions; the offset absorbs localisation error), as
// in Michalet 2010, doi:10.1103/PhysRevE.82.041914; the anomalous exponent alpha from a
// log-log line over the same lags. Units: µm and s when calibrated, else px and frames.
import type { Tracks } from './tracks.ts';
import type { Table } from './table.ts';
import { unitsOf, type Units } from './trackFeatures.ts';

export interface MsdOptions {
  /** Largest lag, frames. Default: a quarter of the longest branch, at least 1. */
  maxLag?: number;
  /** Lags used in the fit, frames. Default 4. */
  fitLags?: number;
}

export interface MsdFit {
  /** Diffusion coefficient, length^2 / time. */
  diffusionCoefficient: number;
  offset: number;
  /** Anomalous exponent (1 = Brownian, < 1 confined, > 1 directed). */
  alpha: number;
  lags: number;
}

export interface MsdResult {
  /** Rows: branch_id ('all' for the ensemble), lag (frames), tau, msd, pairs; the units of lag, tau and msd in `table.units`. */
  table: Table;
  ensemble: MsdFit | null;
  /** Fit per branch with enough lags. */
  perBranch: Map<number, MsdFit>;
  units: Units;
  dimensions: number;
}

export function meanSquaredDisplacement(tracks: Tracks, options: MsdOptions = {}): MsdResult {
  const fitLags = options.fitLags ?? 4;
  if (!(Number.isInteger(fitLags) && fitLags >= 2)) throw new RangeError(`fitLags must be an integer >= 2, got ${fitLags}`);
  const px = tracks.pixelSizeUm ?? 1;
  const zStep = tracks.pixelSizeUm ? (tracks.zStepUm ?? px) : 1;
  const dt = tracks.frameIntervalS ?? 1;
  const dimensions = tracks.spots.some((s) => s.z !== undefined) ? 3 : 2;
  const spotById = new Map(tracks.spots.map((s) => [s.id, s]));
  const longest = Math.max(0, ...tracks.branches.map((b) => b.end - b.start));
  const maxLag = options.maxLag ?? Math.max(1, Math.floor(longest / 4));
  if (!(Number.isInteger(maxLag) && maxLag >= 1)) throw new RangeError(`maxLag must be an integer >= 1, got ${maxLag}`);

  const rows: Table['rows'] = [];
  const pooledSum = new Float64Array(maxLag + 1);
  const pooledCount = new Float64Array(maxLag + 1);
  const perBranch = new Map<number, MsdFit>();
  for (const branch of tracks.branches) {
    const spots = branch.spotIds.map((id) => spotById.get(id)!);
    const sum = new Float64Array(maxLag + 1);
    const count = new Float64Array(maxLag + 1);
    for (let i = 0; i < spots.length; i++) {
      for (let j = i + 1; j < spots.length; j++) {
        const lag = spots[j].t - spots[i].t;
        if (lag > maxLag) break;
        const d2 = ((spots[j].x - spots[i].x) * px) ** 2 + ((spots[j].y - spots[i].y) * px) ** 2 + (((spots[j].z ?? 0) - (spots[i].z ?? 0)) * zStep) ** 2;
        sum[lag] += d2;
        count[lag]++;
      }
    }
    const msd: number[] = [];
    for (let lag = 1; lag <= maxLag; lag++) {
      if (count[lag] === 0) continue;
      rows.push({ branch_id: branch.id, lag, tau: lag * dt, msd: sum[lag] / count[lag], pairs: count[lag] });
      pooledSum[lag] += sum[lag];
      pooledCount[lag] += count[lag];
      msd[lag] = sum[lag] / count[lag];
    }
    const fit = fitMsd(msd, fitLags, dt, dimensions);
    if (fit) perBranch.set(branch.id, fit);
  }
  const ensemble: number[] = [];
  for (let lag = 1; lag <= maxLag; lag++) {
    if (pooledCount[lag] === 0) continue;
    ensemble[lag] = pooledSum[lag] / pooledCount[lag];
    rows.push({ branch_id: 'all', lag, tau: lag * dt, msd: ensemble[lag], pairs: pooledCount[lag] });
  }
  const units = unitsOf(tracks, { timeUnit: 's' });
  // the header says each quantity's unit: "lag (frames)", "tau (s)", "msd (µm²)" (px² and frames uncalibrated)
  const tableUnits = { lag: 'frames', tau: units.time === 'frame' ? 'frames' : units.time, msd: `${units.length}²` };
  return {
    table: { columns: ['branch_id', 'lag', 'tau', 'msd', 'pairs'], rows, units: tableUnits },
    ensemble: fitMsd(ensemble, fitLags, dt, dimensions),
    perBranch,
    units,
    dimensions,
  };
}

/** Fits MSD = 2 d D tau + offset and log MSD = alpha log tau + c over lags 1..fitLags present. */
function fitMsd(msd: number[], fitLags: number, dt: number, dimensions: number): MsdFit | null {
  const tau: number[] = [];
  const y: number[] = [];
  for (let lag = 1; lag <= fitLags; lag++) if (msd[lag] !== undefined) tau.push(lag * dt), y.push(msd[lag]);
  if (tau.length < 2) return null;
  const line = leastSquares(tau, y);
  const positive = y.map((v, i) => [Math.log(tau[i]), v > 0 ? Math.log(v) : NaN]).filter(([, v]) => Number.isFinite(v));
  const loglog = positive.length >= 2 ? leastSquares(positive.map((p) => p[0]), positive.map((p) => p[1])) : { slope: NaN, intercept: NaN };
  return { diffusionCoefficient: line.slope / (2 * dimensions), offset: line.intercept, alpha: loglog.slope, lags: tau.length };
}

function leastSquares(x: number[], y: number[]): { slope: number; intercept: number } {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) (sxy += (x[i] - mx) * (y[i] - my)), (sxx += (x[i] - mx) ** 2);
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** How far the MSD exponent may stray from 1 and the motion still be read as diffusion (a random walk); beyond it the line's slope is no diffusion coefficient. */
export const DIFFUSIVE_ALPHA_TOLERANCE = 0.3;

/**
 * What an MSD fit says, in words: the exponent α and what it means for the motion, and the
 * slope D of MSD = 2dDτ + offset named for what it is: a diffusion coefficient only when α is
 * near 1; with α far above 1 (directed motion) or far below (confined) it is an effective
 * slope over the fitted lags. `unit` is D's unit (µm²/s, px²/frame).
 */
export function describeMsdFit(fit: MsdFit, dimensions: number, unit: string): string {
  const round = (v: number) => Number(v.toPrecision(3));
  const line = `MSD = ${2 * dimensions}Dτ + offset over the first ${fit.lags} lags`;
  const alpha = `exponent α ${round(fit.alpha)}`;
  if (fit.alpha > 1 + DIFFUSIVE_ALPHA_TOLERANCE) {
    return `${alpha}, well above 1: the motion is directed (super-diffusive), not diffusive, so the fitted slope D = ${round(fit.diffusionCoefficient)} ${unit} (${line}) is an effective rate over those lags, not a diffusion coefficient`;
  }
  if (fit.alpha < 1 - DIFFUSIVE_ALPHA_TOLERANCE) {
    return `${alpha}, well below 1: the motion is confined or hindered (sub-diffusive), not free diffusion, so the fitted slope D = ${round(fit.diffusionCoefficient)} ${unit} (${line}) is an apparent diffusion coefficient over those lags only`;
  }
  return `diffusion coefficient ${round(fit.diffusionCoefficient)} ${unit} (${line}), ${alpha}: close to 1, consistent with a random walk`;
}
