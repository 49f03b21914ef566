// Time-series analysis of per-cell measurements: normalisation (F/F0, ΔF/F0, z-score,
// min-max), smoothing (centred moving average; Savitzky–Golay as scipy.signal.savgol_filter
// with mode 'interp'), detrending (least-squares polynomial, scipy.signal.detrend for
// degree 1), normalised cross-correlation over lags, Granger causality (the ssr-based F test
// of statsmodels.tsa.stattools.grangercausalitytests), and per-cell summary variables as the
// CellPhe toolkit computes them (Wiggins et al. 2023, doi:10.1038/s41467-023-37447-3:
// mean, sd, skewness, elevation variables ascent/descent/max, and the same on the detail
// coefficients of a 3-level Haar wavelet decomposition, plus trajectory area).
import { fSurvival } from './seg-stats.ts';
import type { Cell, Table } from './table.ts';

export type Normalisation = 'f_f0' | 'df_f0' | 'zscore' | 'minmax';

function checkFinite(values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) throw new RangeError(`${name} holds a missing or non-finite value at position ${i}; fill or drop it first`);
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Standard deviation with `ddof` degrees of freedom removed (0: population, 1: sample). */
export function standardDeviation(values: ArrayLike<number>, ddof = 0): number {
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i] - m) ** 2;
  return Math.sqrt(ss / (values.length - ddof));
}

/** Sample skewness, type 2 of R's e1071 (SAS/SPSS; CellPhe's choice). NaN below 3 values. */
export function skewness(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 3) return NaN;
  const m = mean(values);
  let m2 = 0, m3 = 0;
  for (let i = 0; i < n; i++) (m2 += (values[i] - m) ** 2), (m3 += (values[i] - m) ** 3);
  m2 /= n;
  m3 /= n;
  if (m2 === 0) return 0;
  return ((m3 / m2 ** 1.5) * Math.sqrt(n * (n - 1))) / (n - 2);
}

/** Sample excess kurtosis, type 2 of e1071 (SAS/SPSS, Excel's KURT). NaN below 4 values. */
export function kurtosis(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 4) return NaN;
  const m = mean(values);
  let m2 = 0, m4 = 0;
  for (let i = 0; i < n; i++) (m2 += (values[i] - m) ** 2), (m4 += (values[i] - m) ** 4);
  m2 /= n;
  m4 /= n;
  if (m2 === 0) return 0;
  const g2 = m4 / (m2 * m2) - 3;
  return ((n - 1) / ((n - 2) * (n - 3))) * ((n + 1) * g2 + 6);
}

/**
 * Normalises a series: F/F0 and ΔF/F0 with F0 the mean of the first `baselineFrames` values
 * (default 1), z-score with the population SD (scipy.stats.zscore), or min-max to [0, 1].
 */
export function normalise(values: ArrayLike<number>, method: Normalisation, options: { baselineFrames?: number } = {}): Float64Array {
  checkFinite(values, 'the series');
  const n = values.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  if (method === 'f_f0' || method === 'df_f0') {
    const baseline = options.baselineFrames ?? 1;
    if (!Number.isInteger(baseline) || baseline < 1 || baseline > n) throw new RangeError(`baselineFrames must be a whole number from 1 to ${n}, got ${baseline}`);
    const f0 = mean(Array.prototype.slice.call(values, 0, baseline) as number[]);
    if (f0 === 0) throw new RangeError('F0 (the mean of the baseline frames) is 0, so F/F0 is undefined: subtract less background or use z-score');
    for (let i = 0; i < n; i++) out[i] = method === 'f_f0' ? values[i] / f0 : (values[i] - f0) / f0;
    return out;
  }
  if (method === 'zscore') {
    const m = mean(values);
    const sd = standardDeviation(values);
    for (let i = 0; i < n; i++) out[i] = sd > 0 ? (values[i] - m) / sd : 0;
    return out;
  }
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) (min = Math.min(min, values[i])), (max = Math.max(max, values[i]));
  for (let i = 0; i < n; i++) out[i] = max > min ? (values[i] - min) / (max - min) : 0;
  return out;
}

/** Centred moving average over `windowFrames` (odd); the window shrinks at the ends (pandas rolling(center=True, min_periods=1)). */
export function movingAverage(values: ArrayLike<number>, windowFrames: number): Float64Array {
  if (!Number.isInteger(windowFrames) || windowFrames < 1 || windowFrames % 2 === 0) throw new RangeError(`windowFrames must be an odd whole number >= 1, got ${windowFrames}`);
  const half = (windowFrames - 1) / 2;
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const from = Math.max(0, i - half);
    const to = Math.min(n - 1, i + half);
    let s = 0;
    for (let k = from; k <= to; k++) s += values[k];
    out[i] = s / (to - from + 1);
  }
  return out;
}

/** Least-squares polynomial coefficients (c0 + c1 x + ...) by QR (Householder), stable for small degrees. */
export function polynomialFit(xs: ArrayLike<number>, ys: ArrayLike<number>, degree: number): Float64Array {
  const rows = xs.length;
  const design = Array.from({ length: rows }, (_, i) => Float64Array.from({ length: degree + 1 }, (_, j) => xs[i] ** j));
  return leastSquares(design, Float64Array.from(ys)).coefficients;
}

function polyval(coefficients: ArrayLike<number>, x: number): number {
  let v = 0;
  for (let j = coefficients.length - 1; j >= 0; j--) v = v * x + coefficients[j];
  return v;
}

/** Ordinary least squares by Householder QR: coefficients and residual sum of squares. */
export function leastSquares(design: Float64Array[], y: Float64Array): { coefficients: Float64Array; ssr: number } {
  const m = design.length;
  const n = design[0]?.length ?? 0;
  if (m < n) throw new RangeError(`least squares needs at least ${n} observations, got ${m}`);
  const a = design.map((r) => Float64Array.from(r));
  const b = Float64Array.from(y);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += a[i][k] * a[i][k];
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const alpha = a[k][k] > 0 ? -norm : norm;
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = a[i][k];
    v[0] -= alpha;
    let vv = 0;
    for (let i = 0; i < v.length; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    for (let j = k; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i - k] * a[i][j];
      const f = (2 * dot) / vv;
      for (let i = k; i < m; i++) a[i][j] -= f * v[i - k];
    }
    let dot = 0;
    for (let i = k; i < m; i++) dot += v[i - k] * b[i];
    const f = (2 * dot) / vv;
    for (let i = k; i < m; i++) b[i] -= f * v[i - k];
  }
  const coefficients = new Float64Array(n);
  for (let k = n - 1; k >= 0; k--) {
    let s = b[k];
    for (let j = k + 1; j < n; j++) s -= a[k][j] * coefficients[j];
    coefficients[k] = Math.abs(a[k][k]) > 1e-12 ? s / a[k][k] : 0;
  }
  let ssr = 0;
  for (let i = n; i < m; i++) ssr += b[i] * b[i];
  return { coefficients, ssr };
}

/** Savitzky–Golay smoothing (scipy.signal.savgol_filter, mode 'interp': the end windows are fitted directly). */
export function savitzkyGolay(values: ArrayLike<number>, windowFrames: number, polyorder: number): Float64Array {
  const n = values.length;
  if (!Number.isInteger(windowFrames) || windowFrames % 2 === 0 || windowFrames < 1) throw new RangeError(`windowFrames must be an odd whole number, got ${windowFrames}`);
  if (!Number.isInteger(polyorder) || polyorder < 0 || polyorder >= windowFrames) throw new RangeError(`polyorder must be a whole number below windowFrames (${windowFrames}), got ${polyorder}`);
  if (windowFrames > n) throw new RangeError(`windowFrames (${windowFrames}) is longer than the series (${n} values)`);
  checkFinite(values, 'the series');
  const half = (windowFrames - 1) / 2;
  // Convolution weights: the fitted value at the window's centre is linear in the samples.
  const xs = Float64Array.from({ length: windowFrames }, (_, i) => i - half);
  const weights = new Float64Array(windowFrames);
  for (let k = 0; k < windowFrames; k++) {
    const unit = new Float64Array(windowFrames);
    unit[k] = 1;
    weights[k] = polyval(polynomialFit(xs, unit, polyorder), 0);
  }
  const out = new Float64Array(n);
  for (let i = half; i < n - half; i++) {
    let s = 0;
    for (let k = 0; k < windowFrames; k++) s += weights[k] * values[i - half + k];
    out[i] = s;
  }
  const positions = Float64Array.from({ length: windowFrames }, (_, i) => i);
  const head = polynomialFit(positions, Array.prototype.slice.call(values, 0, windowFrames) as number[], polyorder);
  const tail = polynomialFit(positions, Array.prototype.slice.call(values, n - windowFrames) as number[], polyorder);
  for (let i = 0; i < half; i++) {
    out[i] = polyval(head, i);
    out[n - half + i] = polyval(tail, windowFrames - half + i);
  }
  return out;
}

/** Subtracts the least-squares polynomial of `degree` over the frame index (degree 1 = scipy.signal.detrend 'linear'). */
export function detrend(values: ArrayLike<number>, degree = 1): Float64Array {
  if (!Number.isInteger(degree) || degree < 0 || degree > 10) throw new RangeError(`degree must be a whole number from 0 to 10, got ${degree}`);
  checkFinite(values, 'the series');
  const n = values.length;
  if (n <= degree) throw new RangeError(`a degree-${degree} trend needs more than ${degree} values, got ${n}`);
  // Scale x to [-1, 1] so high degrees stay well conditioned.
  const xs = Float64Array.from({ length: n }, (_, i) => (n > 1 ? (2 * i) / (n - 1) - 1 : 0));
  const c = polynomialFit(xs, values, degree);
  return Float64Array.from({ length: n }, (_, i) => values[i] - polyval(c, xs[i]));
}

export interface CrossCorrelation {
  /** Lags in frames, -maxLag..maxLag. Positive: b follows a (a leads by that many frames). */
  lags: number[];
  r: number[];
  /** Lag of the largest |r| and its r. */
  peakLag: number;
  peakR: number;
}

/** Normalised cross-correlation r(k) = Σ (a_t − ā)(b_{t+k} − b̄) / (n σ_a σ_b), as R's ccf and statsmodels' ccf. */
export function crossCorrelation(a: ArrayLike<number>, b: ArrayLike<number>, maxLag: number): CrossCorrelation {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`the two series must be the same length, got ${n} and ${b.length}`);
  if (!Number.isInteger(maxLag) || maxLag < 0 || maxLag >= n) throw new RangeError(`maxLag must be a whole number from 0 to ${n - 1}, got ${maxLag}`);
  checkFinite(a, 'the first series');
  checkFinite(b, 'the second series');
  const ma = mean(a), mb = mean(b);
  const sa = standardDeviation(a), sb = standardDeviation(b);
  const lags: number[] = [];
  const r: number[] = [];
  let peakLag = 0, peakR = 0, best = -1;
  for (let k = -maxLag; k <= maxLag; k++) {
    let s = 0;
    for (let t = Math.max(0, -k); t < Math.min(n, n - k); t++) s += (a[t] - ma) * (b[t + k] - mb);
    const value = sa > 0 && sb > 0 ? s / (n * sa * sb) : 0;
    lags.push(k);
    r.push(value);
    if (Math.abs(value) > best) (best = Math.abs(value)), (peakLag = k), (peakR = value);
  }
  return { lags, r, peakLag, peakR };
}

export interface GrangerLagResult {
  lag: number;
  f: number;
  pValue: number;
  dfNum: number;
  dfDen: number;
}

/**
 * Does `cause` help predict `effect` beyond effect's own past? For each lag p = 1..maxLag,
 * compares effect_t ~ 1 + effect_{t-1..t-p} with the model adding cause_{t-1..t-p} by the F test
 * on their residual sums of squares (statsmodels' "ssr_ftest"): F = ((SSR_r − SSR_u)/p) / (SSR_u/(n − 2p − 1)).
 */
export function grangerCausality(effect: ArrayLike<number>, cause: ArrayLike<number>, maxLag: number): GrangerLagResult[] {
  const total = effect.length;
  if (cause.length !== total) throw new RangeError(`the two series must be the same length, got ${total} and ${cause.length}`);
  if (!Number.isInteger(maxLag) || maxLag < 1) throw new RangeError(`maxLag must be a whole number >= 1, got ${maxLag}`);
  checkFinite(effect, 'the effect series');
  checkFinite(cause, 'the cause series');
  const results: GrangerLagResult[] = [];
  for (let p = 1; p <= maxLag; p++) {
    const n = total - p;
    const dfDen = n - 2 * p - 1;
    if (dfDen < 1) throw new RangeError(`a Granger test over ${p} lags needs more than ${3 * p + 1} time points, the series has ${total}: use fewer lags`);
    const y = new Float64Array(n);
    const restricted: Float64Array[] = [];
    const full: Float64Array[] = [];
    for (let t = p; t < total; t++) {
      y[t - p] = effect[t];
      const own = [1];
      for (let k = 1; k <= p; k++) own.push(effect[t - k]);
      const other = [];
      for (let k = 1; k <= p; k++) other.push(cause[t - k]);
      restricted.push(Float64Array.from(own));
      full.push(Float64Array.from([...own, ...other]));
    }
    const ssrR = leastSquares(restricted, y).ssr;
    const ssrU = leastSquares(full, y).ssr;
    const f = ssrU > 0 ? ((ssrR - ssrU) / p) / (ssrU / dfDen) : Infinity;
    results.push({ lag: p, f, pValue: Number.isFinite(f) ? fSurvival(f, p, dfDen) : 0, dfNum: p, dfDen });
  }
  return results;
}

/** CellPhe's ascent: the sum of positive steps (or values, for wavelet coefficients) over the series length. */
export function ascent(values: ArrayLike<number>, difference = true): number {
  const n = values.length;
  let s = 0;
  if (difference) for (let i = 1; i < n; i++) s += Math.max(0, values[i] - values[i - 1]);
  else for (let i = 0; i < n; i++) s += Math.max(0, values[i]);
  return s / n;
}

/** CellPhe's descent: the sum of negative steps (or values) over the series length (≤ 0). */
export function descent(values: ArrayLike<number>, difference = true): number {
  const n = values.length;
  let s = 0;
  if (difference) for (let i = 1; i < n; i++) s += Math.min(0, values[i] - values[i - 1]);
  else for (let i = 0; i < n; i++) s += Math.min(0, values[i]);
  return s / n;
}

/**
 * Detail coefficients of a 3-level Haar decomposition as CellPhe takes them (pywt.dwt 'db1',
 * an odd trailing sample dropped, each level on the pairwise means): d = (x_2k − x_2k+1)/√2.
 */
export function haarDetails(values: ArrayLike<number>, levels = 3): Float64Array[] {
  const out: Float64Array[] = [];
  let signal = Float64Array.from(values as ArrayLike<number>);
  for (let level = 0; level < levels; level++) {
    const pairs = Math.floor(signal.length / 2);
    const detail = new Float64Array(pairs);
    const next = new Float64Array(pairs);
    for (let k = 0; k < pairs; k++) {
      detail[k] = (signal[2 * k] - signal[2 * k + 1]) / Math.SQRT2;
      next[k] = (signal[2 * k] + signal[2 * k + 1]) / 2;
    }
    out.push(detail);
    signal = next;
  }
  return out;
}

/** Fills missing frames by linear interpolation between observed ones (CellPhe interpolates before elevation and wavelet variables). */
export function interpolateFrames(frames: ArrayLike<number>, values: ArrayLike<number>): Float64Array {
  const first = frames[0];
  const last = frames[frames.length - 1];
  const out = new Float64Array(last - first + 1);
  for (let k = 0; k < frames.length - 1; k++) {
    const t0 = frames[k], t1 = frames[k + 1];
    for (let t = t0; t < t1; t++) out[t - first] = values[k] + ((values[k + 1] - values[k]) * (t - t0)) / (t1 - t0);
  }
  out[last - first] = values[values.length - 1];
  return out;
}

/**
 * CellPhe-style summary variables of one feature's time series for one cell (frames ascending,
 * 0-based, gaps allowed): mean, sd (sample), skew (0 when no value is positive, as CellPhe),
 * kurtosis, and on the gap-filled series asc, des, max and the Haar levels l1..l3 asc/des/max.
 */
export function seriesSummary(frames: ArrayLike<number>, values: ArrayLike<number>): Record<string, number> {
  const n = values.length;
  const hasPositive = Array.prototype.some.call(values, (v: number) => v > 0);
  const filled = n > 0 ? interpolateFrames(frames, values) : new Float64Array();
  const out: Record<string, number> = {
    mean: mean(values),
    sd: n > 1 ? standardDeviation(values, 1) : NaN,
    skew: hasPositive ? skewness(values) : 0,
    kurtosis: kurtosis(values),
    asc: ascent(filled),
    des: descent(filled),
    max: Math.max(...filled),
  };
  const details = filled.length > 3 ? haarDetails(filled) : [new Float64Array(), new Float64Array(), new Float64Array()];
  details.forEach((d, i) => {
    out[`l${i + 1}_asc`] = d.length ? ascent(d, false) : NaN;
    out[`l${i + 1}_des`] = d.length ? descent(d, false) : NaN;
    out[`l${i + 1}_max`] = d.length ? Math.max(...d) : NaN;
  });
  return out;
}

/** CellPhe's trajectory area: bounding-box area of the path over the number of frames spanned. */
export function trajectoryArea(xs: ArrayLike<number>, ys: ArrayLike<number>, framesSpanned: number): number {
  const bx = Math.max(...(xs as number[])) - Math.min(...(xs as number[]));
  const by = Math.max(...(ys as number[])) - Math.min(...(ys as number[]));
  return (bx * by) / framesSpanned;
}

// ---------------------------------------------------------------------------------------
// Tidy tables: one row per cell per frame (e.g. measure's output, or a track table).


export const ID_COLUMNS = ['track_id', 'track', 'branch_id', 'cell_id', 'CellID', 'cell', 'id', 'label'];
export const TIME_COLUMNS = ['t', 'frame', 'FrameID', 'time_s'];

export interface SeriesColumns {
  /** Column naming the cell or track; absent means the whole table is one series. */
  idColumn?: string;
  /** Column giving the frame (whole numbers, used to order and to detect gaps). */
  timeColumn?: string;
}

export interface Series {
  id: Cell;
  /** Frames in ascending order. */
  frames: number[];
  rows: Record<string, Cell>[];
}

function pickColumn(table: Table, wanted: string | undefined, candidates: string[], what: string): string | undefined {
  if (wanted !== undefined) {
    if (!table.columns.includes(wanted)) throw new RangeError(`no column "${wanted}" in the table (columns: ${table.columns.join(', ')})`);
    return wanted;
  }
  const found = candidates.find((c) => table.columns.includes(c));
  if (!found && what === 'time') throw new RangeError(`no frame column found (looked for ${candidates.join(', ')}): name it with timeColumn`);
  return found;
}

/** Resolves the id and frame columns, by name or by the usual names. */
export function seriesColumns(table: Table, columns: SeriesColumns = {}): Required<Pick<SeriesColumns, 'timeColumn'>> & SeriesColumns {
  return { idColumn: pickColumn(table, columns.idColumn, ID_COLUMNS, 'id'), timeColumn: pickColumn(table, columns.timeColumn, TIME_COLUMNS, 'time')! };
}

/** Splits a tidy table into one series per cell, rows ordered by frame. */
export function splitSeries(table: Table, columns: SeriesColumns = {}): Series[] {
  const { idColumn, timeColumn } = seriesColumns(table, columns);
  const groups = new Map<Cell, Record<string, Cell>[]>();
  for (const row of table.rows) {
    const id = idColumn ? row[idColumn] : 'all';
    if (id === null || id === undefined) continue;
    if (!groups.has(id)) groups.set(id, []);
    groups.get(id)!.push(row);
  }
  const toFrame = frameIndexer(table, timeColumn);
  return [...groups.entries()].map(([id, rows]) => {
    rows.sort((a, b) => Number(a[timeColumn]) - Number(b[timeColumn]));
    return { id, rows, frames: rows.map((r) => toFrame(Number(r[timeColumn]))) };
  });
}

/** Frame numbers from the time column: as they are when whole, else (and always for time_s) time / smallest time step. */
function frameIndexer(table: Table, timeColumn: string): (time: number) => number {
  const times = [...new Set(table.rows.map((r) => Number(r[timeColumn])).filter(Number.isFinite))].sort((a, b) => a - b);
  if (times.length !== new Set(table.rows.map((r) => r[timeColumn])).size - (table.rows.some((r) => r[timeColumn] === null) ? 1 : 0)) {
    throw new RangeError(`column "${timeColumn}" holds non-numeric values; name the frame column with timeColumn`);
  }
  if (timeColumn !== 'time_s' && times.every(Number.isInteger)) return (t) => t;
  let step = Infinity;
  for (let i = 1; i < times.length; i++) step = Math.min(step, times[i] - times[i - 1]);
  if (!Number.isFinite(step)) return () => 0;
  return (t) => Math.round((t - times[0]) / step);
}

function numericValues(series: Series, column: string): number[] {
  return series.rows.map((r) => {
    const v = r[column];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`column "${column}" has a missing or non-numeric value for ${String(series.id)} at frame ${r.t ?? '?'}`);
    return v;
  });
}

function requireColumn(table: Table, column: string): void {
  if (!table.columns.includes(column)) throw new RangeError(`no column "${column}" in the table (columns: ${table.columns.join(', ')})`);
}

export interface TransformOptions extends SeriesColumns {
  normalise?: Normalisation;
  baselineFrames?: number;
  /** Subtract a polynomial trend of this degree (1 = linear). */
  detrendDegree?: number;
  smooth?: { method: 'moving_average' | 'savitzky_golay'; windowFrames: number; polyorder?: number };
}

/**
 * Applies, per cell and in this order, normalisation, detrending and smoothing to `valueColumn`,
 * adding the result as a new column (named in the returned `column`).
 */
export function transformTable(table: Table, valueColumn: string, options: TransformOptions): { table: Table; column: string; cells: number } {
  requireColumn(table, valueColumn);
  const steps: string[] = [];
  if (options.normalise) steps.push(options.normalise);
  if (options.detrendDegree !== undefined) steps.push('detrended');
  if (options.smooth) steps.push(options.smooth.method === 'moving_average' ? 'smoothed' : 'savgol');
  if (steps.length === 0) throw new RangeError('nothing to do: choose a normalisation, detrending or smoothing');
  const column = `${valueColumn}_${steps.join('_')}`;
  const series = splitSeries(table, options);
  const results = new Map<Record<string, Cell>, number>();
  for (const s of series) {
    let values: ArrayLike<number> = numericValues(s, valueColumn);
    if (options.normalise) values = normalise(values, options.normalise, { baselineFrames: options.baselineFrames });
    if (options.detrendDegree !== undefined) values = detrend(values, options.detrendDegree);
    if (options.smooth) {
      const { method, windowFrames, polyorder } = options.smooth;
      values = method === 'moving_average' ? movingAverage(values, windowFrames) : savitzkyGolay(values, windowFrames, polyorder ?? 2);
    }
    s.rows.forEach((row, i) => results.set(row, values[i]));
  }
  const rows = table.rows.map((row) => ({ ...row, [column]: results.get(row) ?? null }));
  return { table: { columns: [...table.columns.filter((c) => c !== column), column], rows }, column, cells: series.length };
}

/** Cross-correlation of two columns per cell: a table of (id, lag, r) and each cell's peak lag. */
export function crossCorrelateTable(table: Table, a: string, b: string, maxLag: number, columns: SeriesColumns = {}): { table: Table; peaks: { id: Cell; lag: number; r: number }[] } {
  requireColumn(table, a);
  requireColumn(table, b);
  const series = splitSeries(table, columns).filter((s) => s.rows.length > maxLag);
  if (series.length === 0) throw new RangeError(`no cell has more than ${maxLag} frames: lower maxLag`);
  const rows: Record<string, Cell>[] = [];
  const peaks: { id: Cell; lag: number; r: number }[] = [];
  for (const s of series) {
    const cc = crossCorrelation(numericValues(s, a), numericValues(s, b), maxLag);
    cc.lags.forEach((lag, i) => rows.push({ id: s.id, lag, r: cc.r[i] }));
    peaks.push({ id: s.id, lag: cc.peakLag, r: cc.peakR });
  }
  return { table: { columns: ['id', 'lag', 'r'], rows }, peaks };
}

/**
 * Granger tests per cell in both directions (cause → effect and effect → cause). A direction
 * counts as significant for a cell when its smallest p over lags, Bonferroni-corrected for the
 * number of lags, is below alpha.
 */
export function grangerTable(table: Table, cause: string, effect: string, maxLag: number, options: SeriesColumns & { alpha?: number } = {}) {
  requireColumn(table, cause);
  requireColumn(table, effect);
  const alpha = options.alpha ?? 0.05;
  const series = splitSeries(table, options).filter((s) => s.rows.length > 3 * maxLag + 1);
  if (series.length === 0) throw new RangeError(`no cell has more than ${3 * maxLag + 1} frames, which a Granger test over ${maxLag} lags needs: lower maxLag`);
  const rows: Record<string, Cell>[] = [];
  let forward = 0, reverse = 0;
  for (const s of series) {
    const x = numericValues(s, cause);
    const y = numericValues(s, effect);
    const directions = [
      { name: `${cause} -> ${effect}`, results: grangerCausality(y, x, maxLag) },
      { name: `${effect} -> ${cause}`, results: grangerCausality(x, y, maxLag) },
    ];
    directions.forEach(({ name, results }, k) => {
      for (const r of results) rows.push({ id: s.id, direction: name, lag: r.lag, f: r.f, p_value: r.pValue, df_num: r.dfNum, df_den: r.dfDen });
      const significant = Math.min(...results.map((r) => r.pValue)) * results.length < alpha;
      if (significant && k === 0) forward++;
      if (significant && k === 1) reverse++;
    });
  }
  return { table: { columns: ['id', 'direction', 'lag', 'f', 'p_value', 'df_num', 'df_den'], rows } as Table, cells: series.length, forwardSignificant: forward, reverseSignificant: reverse };
}

/** Columns that are identifiers, frames or positions, never features. */
const NOT_FEATURES = new Set([...ID_COLUMNS, ...TIME_COLUMNS, 'z', 'parent', 'spot_id', 'track_index']);
const POSITION_COLUMNS: [string, string][] = [['centroid_x_px', 'centroid_y_px'], ['x', 'y'], ['x_px', 'y_px'], ['POSITION_X', 'POSITION_Y']];

/** Numeric feature columns of a table (identifiers, frames and positions excluded). */
export function featureColumns(table: Table, exclude: string[] = []): string[] {
  const positions = new Set(POSITION_COLUMNS.flat().concat(['centroid_x_um', 'centroid_y_um']));
  return table.columns.filter(
    (c) => !NOT_FEATURES.has(c) && !positions.has(c) && !exclude.includes(c) && table.rows.some((r) => typeof r[c] === 'number') && table.rows.every((r) => r[c] === null || typeof r[c] === 'number'),
  );
}

/** The fewest frames a cell needs for summariseCells (its skew, kurtosis and elevation variables need a few values). */
export const MIN_SUMMARY_FRAMES = 4;

/**
 * One row per cell with CellPhe-style variables of each feature column
 * (`<feature>_mean`, `_sd`, `_skew`, `_kurtosis`, `_asc`, `_des`, `_max`, `_l1_asc` ... `_l3_max`),
 * `frames` (observed) and, when positions are present, `traj_area` (px² per frame).
 */
export function summariseCells(table: Table, options: SeriesColumns & { features?: string[]; minFrames?: number } = {}): Table {
  const features = options.features ?? featureColumns(table);
  features.forEach((f) => requireColumn(table, f));
  if (features.length === 0) throw new RangeError('the table has no numeric feature columns to summarise');
  const minFrames = options.minFrames ?? MIN_SUMMARY_FRAMES;
  const position = POSITION_COLUMNS.find(([x, y]) => table.columns.includes(x) && table.columns.includes(y));
  const rows: Record<string, Cell>[] = [];
  let columns: string[] = [];
  for (const s of splitSeries(table, options)) {
    if (s.rows.length < minFrames) continue;
    const row: Record<string, Cell> = { id: s.id, frames: s.rows.length };
    for (const f of features) {
      const usable = s.rows.map((r, i) => [s.frames[i], r[f]] as const).filter((p): p is readonly [number, number] => typeof p[1] === 'number' && Number.isFinite(p[1]));
      if (usable.length < 2) continue;
      const summary = seriesSummary(usable.map((p) => p[0]), usable.map((p) => p[1]));
      for (const [k, v] of Object.entries(summary)) row[`${f}_${k}`] = v;
    }
    if (position) {
      const [xc, yc] = position;
      const span = s.frames[s.frames.length - 1] - s.frames[0] + 1;
      row.traj_area = trajectoryArea(s.rows.map((r) => Number(r[xc])), s.rows.map((r) => Number(r[yc])), span);
    }
    if (columns.length === 0) columns = Object.keys(row);
    rows.push(row);
  }
  if (rows.length === 0) throw new RangeError(`no cell has at least ${minFrames} frames to summarise`);
  const all = new Set(columns);
  for (const r of rows) Object.keys(r).forEach((k) => all.add(k));
  return { columns: [...all], rows };
}
