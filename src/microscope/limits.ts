// Safety limits that no command, sequence or rule can exceed: light power, exposure,
// stage travel, interval and the light-dose budget per position. Out-of-range power and
// exposure are clamped to the limit with a message; stage moves outside the travel range
// and nonsense values are refused with a one-line InputError naming the limit.
import { InputError } from '../errors.ts';

export interface Limits {
  /** Highest light-source power, % (per source, or the default for all). */
  maxPowerPercent: number;
  maxPowerPercentBySource?: Record<string, number>;
  minExposureMs: number;
  maxExposureMs: number;
  /** Stage travel range, µm (absolute stage coordinates). */
  xRangeUm: [number, number];
  yRangeUm: [number, number];
  zRangeUm: [number, number];
  /** Shortest time between time points a sequence may ask for, s. */
  minIntervalS: number;
  /** Light dose any one position may receive over an acquisition, J/cm² (all channels together). */
  doseBudgetJPerCm2: number;
  /** Most images one acquisition may take (guards against runaway plans). */
  maxEvents: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxPowerPercent: 100,
  minExposureMs: 0.1,
  maxExposureMs: 10_000,
  xRangeUm: [-50_000, 50_000],
  yRangeUm: [-50_000, 50_000],
  zRangeUm: [-5_000, 5_000],
  minIntervalS: 0,
  doseBudgetJPerCm2: 200,
  maxEvents: 1_000_000,
};

/** A value after applying a limit, with the message a person sees when it was changed. */
export interface Checked {
  value: number;
  /** Set when the value was clamped. */
  note?: string;
}

function finite(what: string, value: number, unit: string): void {
  if (!Number.isFinite(value)) throw new InputError(`${what} must be a number of ${unit}, got ${value}`);
}

export function checkPower(limits: Limits, source: string, percent: number): Checked {
  finite(`power of ${source}`, percent, '%');
  if (percent < 0) throw new InputError(`power of ${source} must be 0 to 100 %, got ${percent} %`);
  const max = limits.maxPowerPercentBySource?.[source] ?? limits.maxPowerPercent;
  if (percent > max) return { value: max, note: `power of ${source} clamped from ${percent} % to the ${max} % limit` };
  return { value: percent };
}

export function checkExposure(limits: Limits, exposureMs: number): Checked {
  finite('exposure', exposureMs, 'ms');
  if (exposureMs <= 0) throw new InputError(`exposure must be more than 0 ms, got ${exposureMs} ms`);
  if (exposureMs > limits.maxExposureMs) {
    return { value: limits.maxExposureMs, note: `exposure clamped from ${exposureMs} ms to the ${limits.maxExposureMs} ms limit` };
  }
  if (exposureMs < limits.minExposureMs) {
    return { value: limits.minExposureMs, note: `exposure raised from ${exposureMs} ms to the ${limits.minExposureMs} ms minimum` };
  }
  return { value: exposureMs };
}

export function checkInterval(limits: Limits, intervalS: number): Checked {
  finite('interval', intervalS, 's');
  if (intervalS < 0) throw new InputError(`interval must be 0 s or more, got ${intervalS} s`);
  if (intervalS < limits.minIntervalS) {
    return { value: limits.minIntervalS, note: `interval raised from ${intervalS} s to the ${limits.minIntervalS} s minimum` };
  }
  return { value: intervalS };
}

/**
 * An interval shorter than one time point takes (its `images` with their exposures, `imagingS`): refused in one line that
 * says the shortest interval the plan can keep; undefined when it can keep it. 0 ("as fast as possible") is never refused.
 */
export function intervalBelowImaging(intervalS: number, imagingS: number, images: number): string | undefined {
  if (!(intervalS > 0) || !(imagingS > 0) || intervalS >= imagingS) return undefined;
  const span = (s: number) => (s < 1 ? `${Math.round(s * 1000)} ms` : `${Math.round(s * 100) / 100} s`);
  const shortest = Math.ceil(imagingS * 100 - 1e-6) / 100;
  return `an interval of ${span(intervalS)} is shorter than one time point takes (${images} image${images === 1 ? '' : 's'} with their exposures, about ${span(imagingS)}): the shortest interval this plan can keep is ${span(shortest)}; say ${span(shortest)} or longer, or "as fast as possible" (no wait between time points); nothing was changed`;
}

/** Refuses a stage position outside the travel range (never clamped: a clamped move images the wrong place). */
export function checkStage(limits: Limits, position: { xUm?: number; yUm?: number; zUm?: number }): void {
  const axes: ['x' | 'y' | 'z', number | undefined, [number, number]][] = [
    ['x', position.xUm, limits.xRangeUm],
    ['y', position.yUm, limits.yRangeUm],
    ['z', position.zUm, limits.zRangeUm],
  ];
  for (const [axis, value, [lo, hi]] of axes) {
    if (value === undefined) continue;
    finite(`stage ${axis}`, value, 'µm');
    if (value < lo || value > hi) {
      throw new InputError(`stage ${axis} = ${round(value)} µm is outside the travel limit of ${lo} to ${hi} µm: choose a position inside it`);
    }
  }
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
