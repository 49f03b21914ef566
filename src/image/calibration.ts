// Physical calibration of a movie (pixel size, z step, frame interval, channel names and
// colours) and the units every number is shown in. A session keeps one Calibration set
// by the user; it wins over what a file's header says, and the header fills the rest.
// Without calibration, lengths are in px and times in frames, and labels say so.
import type { Movie, MovieMeta } from './movie.ts';

export type TimeUnit = 'ms' | 's' | 'min' | 'h';

export const SECONDS_PER: Record<TimeUnit, number> = { ms: 0.001, s: 1, min: 60, h: 3600 };

/** The words people write for a time unit after a number ("5 min", "30 secs"), each with the unit it names. */
export const TIME_UNIT_WORDS: Record<string, TimeUnit> = {
  ms: 'ms', s: 's', sec: 's', secs: 's', second: 's', seconds: 's', min: 'min', mins: 'min', minute: 'min', minutes: 'min',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
};
/** Seconds per time unit word ("5min" is 300 s). */
export const SECONDS_PER_WORD: Record<string, number> = Object.fromEntries(Object.entries(TIME_UNIT_WORDS).map(([word, unit]) => [word, SECONDS_PER[unit]]));
/** Micrometres per length unit word written after a pixel size or z step ("650nm" is 0.65 µm). */
export const MICROMETRES_PER_WORD: Record<string, number> = { nm: 0.001, um: 1, 'µm': 1, 'μm': 1, micron: 1, microns: 1, micrometer: 1, micrometers: 1, micrometre: 1, micrometres: 1, mm: 1000 };

export interface Calibration {
  /** Lateral pixel size, micrometres. */
  pixelSizeUm?: number;
  /** Distance between z planes, micrometres. */
  zStepUm?: number;
  /** Time between frames, seconds. */
  frameIntervalS?: number;
  /** Unit times are shown in (the one the user spoke in); default: from the interval. */
  timeUnit?: TimeUnit;
  /** One name per channel, e.g. ["H2B-GFP", "brightfield"]. */
  channelNames?: string[];
  /** One colour per channel: a CSS name or #rrggbb (e.g. "green", "#ff00ff"). */
  channelColors?: string[];
  /**
   * Values for movies whose file header has none: a movie that carries its own keeps it. What a
   * saved pipeline applies of the calibration told for the session's movie (another movie's
   * header knows better). Values above (set outright) win over these and over any header.
   */
  unlessHeader?: HeaderCalibration;
}

/** The values a file header can carry. */
export type HeaderCalibration = Pick<Calibration, 'pixelSizeUm' | 'zStepUm' | 'frameIntervalS' | 'channelNames'>;
export const HEADER_KEYS = ['pixelSizeUm', 'zStepUm', 'frameIntervalS', 'channelNames'] as const;

/** The units a table, a plot axis or an answer uses for a given calibration. */
export interface DisplayUnits {
  /** "µm" or "px". */
  length: string;
  /** "min", "s", ... or "frame". */
  time: string;
  /** Column-name suffixes: "um" / "px", "min" / "frame". */
  lengthKey: string;
  timeKey: string;
  /** Multiply px by this to get `length`. */
  umPerPx: number;
  /** Multiply frames by this to get `time`. */
  timePerFrame: number;
}

/** The unit a frame interval reads best in: s below a minute, min below two hours, else h. */
export function naturalTimeUnit(frameIntervalS: number): TimeUnit {
  if (frameIntervalS < 1) return 'ms';
  if (frameIntervalS < 60) return 's';
  if (frameIntervalS < 7200) return 'min';
  return 'h';
}

export function displayUnits(calibration: Pick<Calibration, 'pixelSizeUm' | 'frameIntervalS' | 'timeUnit'>): DisplayUnits {
  const { pixelSizeUm, frameIntervalS } = calibration;
  const timeUnit = frameIntervalS ? (calibration.timeUnit ?? naturalTimeUnit(frameIntervalS)) : undefined;
  return {
    length: pixelSizeUm ? 'µm' : 'px',
    lengthKey: pixelSizeUm ? 'um' : 'px',
    umPerPx: pixelSizeUm ?? 1,
    time: timeUnit ?? 'frame',
    timeKey: timeUnit ?? 'frame',
    timePerFrame: frameIntervalS && timeUnit ? frameIntervalS / SECONDS_PER[timeUnit] : 1,
  };
}

/** "0.65 µm/px, 5 min/frame" or "uncalibrated (px, frames)". */
export function describeCalibration(calibration: Calibration): string {
  const parts: string[] = [];
  if (calibration.pixelSizeUm) parts.push(`pixel size ${round(calibration.pixelSizeUm)} µm`);
  if (calibration.zStepUm) parts.push(`z step ${round(calibration.zStepUm)} µm`);
  if (calibration.frameIntervalS) {
    const u = displayUnits(calibration);
    parts.push(`frame interval ${round(u.timePerFrame)} ${u.time}`);
  }
  if (calibration.channelNames?.length) {
    parts.push(`channels ${calibration.channelNames.map((n, i) => (calibration.channelColors?.[i] ? `${n} (${calibration.channelColors[i]})` : n)).join(', ')}`);
  }
  const fallback = calibration.unlessHeader && hasCalibration(calibration.unlessHeader) ? describeCalibration({ ...calibration.unlessHeader, timeUnit: calibration.timeUnit }) : '';
  if (fallback) parts.push(`for a movie whose file header has none: ${fallback}`);
  return parts.length ? parts.join(', ') : 'no calibration (lengths in px, times in frames)';
}

function round(v: number): number {
  return +v.toPrecision(6);
}

/** Fiji's LUT colours by name (Grays is white), besides #rrggbb. */
const NAMED_COLOURS: Record<string, [number, number, number]> = {
  red: [255, 0, 0], green: [0, 255, 0], blue: [0, 0, 255], cyan: [0, 255, 255], magenta: [255, 0, 255], yellow: [255, 255, 0],
  orange: [255, 165, 0], gray: [255, 255, 255], grey: [255, 255, 255], grays: [255, 255, 255], greys: [255, 255, 255], white: [255, 255, 255],
};
export const COLOUR_NAMES = Object.keys(NAMED_COLOURS).filter((n) => !/s$/.test(n));

/** A channel colour as RGB 0-255 ("green", "#ff00ff"); undefined when it is neither a known name nor #rrggbb. */
export function colourRgb(colour: string): [number, number, number] | undefined {
  const text = colour.trim().toLowerCase();
  if (text in NAMED_COLOURS) return NAMED_COLOURS[text];
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(text);
  return hex ? [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)] : undefined;
}

/** The display colour of each channel a movie's meta carries (set with set_calibration), or undefined where none. */
export function channelColours(meta: MovieMeta, channels: number): ([number, number, number] | undefined)[] {
  const given = String(meta.extra?.channel_colors ?? '').split(',').filter(Boolean);
  return Array.from({ length: channels }, (_, c) => (given[c] ? colourRgb(given[c]) : undefined));
}

/** The calibration a movie's header carries. */
export function calibrationOf(meta: MovieMeta): Calibration {
  return { pixelSizeUm: meta.pixelSizeUm, zStepUm: meta.zStepUm, frameIntervalS: meta.frameIntervalS, channelNames: meta.channelNames };
}

/** A header's channel names that say nothing ("C1", "Channel 2", ""): a told name may replace them even where the header wins. */
const GENERIC_CHANNEL = /^(?:c|ch|channel)?\s*\d*$/i;

/** Whether a channel name says nothing beyond its number ("C1", "Channel 2", ""). */
export function isGenericChannelName(name: string | undefined): boolean {
  return name === undefined || GENERIC_CHANNEL.test(name.trim());
}

/**
 * Meta with the session's calibration laid over the header's (set values win, unset ones keep
 * the header's); `unlessHeader` values fill only what the header lacks.
 */
export function applyCalibration(meta: MovieMeta, calibration: Calibration | undefined, channels: number): MovieMeta {
  if (!calibration) return meta;
  const fallback = calibration.unlessHeader;
  if (fallback) {
    const { unlessHeader: _, ...outright } = calibration;
    const filled: MovieMeta = { ...meta };
    if (fallback.pixelSizeUm && !meta.pixelSizeUm) filled.pixelSizeUm = fallback.pixelSizeUm;
    if (fallback.zStepUm && !meta.zStepUm) filled.zStepUm = fallback.zStepUm;
    if (fallback.frameIntervalS && !meta.frameIntervalS) filled.frameIntervalS = fallback.frameIntervalS;
    if (fallback.channelNames?.length && meta.channelNames.every((n) => GENERIC_CHANNEL.test(n))) {
      filled.channelNames = meta.channelNames.map((n, i) => fallback.channelNames![i] ?? n);
    }
    return applyCalibration(filled, outright, channels);
  }
  const names = calibration.channelNames?.length ? meta.channelNames.map((n, i) => calibration.channelNames![i] ?? n) : meta.channelNames;
  const out: MovieMeta = { ...meta, channelNames: names.length === channels ? names : meta.channelNames };
  if (calibration.pixelSizeUm) {
    out.pixelSizeUm = calibration.pixelSizeUm;
    // a kymograph's rows are time (yUnit): their height is no length the told pixel size replaces
    if (!meta.yUnit) out.pixelSizeYUm = undefined;
  }
  if (calibration.zStepUm) out.zStepUm = calibration.zStepUm;
  if (calibration.frameIntervalS) out.frameIntervalS = calibration.frameIntervalS;
  if (calibration.channelColors?.length) out.extra = { ...meta.extra, channel_colors: calibration.channelColors.join(',') };
  return out;
}

/** The same movie (same planes, same file) seen with the calibration applied to its meta. */
export function calibratedMovie(movie: Movie, calibration: Calibration | undefined): Movie {
  if (!calibration || !hasCalibration(calibration)) return movie;
  const meta = applyCalibration(movie.meta, calibration, movie.shape.c);
  return {
    shape: movie.shape,
    dtype: movie.dtype,
    meta,
    source: movie.source,
    plane: (t, z, c, into) => movie.plane(t, z, c, into),
    close: () => movie.close(),
  };
}

export function hasCalibration(calibration: Calibration): boolean {
  return Boolean(
    calibration.pixelSizeUm || calibration.zStepUm || calibration.frameIntervalS || calibration.channelNames?.length || calibration.channelColors?.length || (calibration.unlessHeader && hasCalibration(calibration.unlessHeader)),
  );
}

/**
 * `previous` with `given` laid over it: values given outright replace both kinds; values given
 * with `unlessHeader` become values for movies whose header has none (an outright value of the
 * same key is dropped, so the latest word counts).
 */
export function mergeCalibration(previous: Calibration, given: Calibration, unlessHeader: boolean): Calibration {
  const next: Calibration = { ...previous, unlessHeader: previous.unlessHeader ? { ...previous.unlessHeader } : undefined };
  for (const [key, value] of Object.entries(given) as [keyof Calibration, unknown][]) {
    if (value === undefined || key === 'unlessHeader') continue;
    const headerKey = (HEADER_KEYS as readonly string[]).includes(key);
    if (unlessHeader && headerKey) {
      next.unlessHeader = { ...next.unlessHeader, [key]: value };
      delete next[key];
    } else {
      (next as Record<string, unknown>)[key] = value;
      if (next.unlessHeader && headerKey) delete next.unlessHeader[key as keyof HeaderCalibration];
    }
  }
  if (next.unlessHeader && !hasCalibration(next.unlessHeader)) delete next.unlessHeader;
  if (!next.unlessHeader) delete next.unlessHeader;
  return next;
}

/** Sample pixels and z steps of light microscopes lie far below this; a larger value is most likely nanometres. */
const LARGEST_LIKELY_UM = 100;

/** A note when a length given in µm is so large it was most likely meant in nanometres (650 for 0.65 µm); undefined otherwise. */
export function nanometresDoubt(valueUm: number | undefined, option: string): string | undefined {
  if (valueUm === undefined || valueUm < LARGEST_LIKELY_UM) return undefined;
  return `${option} ${valueUm} is ${valueUm} µm, larger than a microscope's sample pixel or z step; if you meant nanometres, that is ${option} ${+(valueUm / 1000).toPrecision(6)} (the run goes on with ${valueUm} µm)`;
}
