// Time-series functions against known answers. Reference numbers for Granger, Savitzky–Golay
// and detrend were computed with numpy 1.24 / scipy 1.10 (/usr/bin/python3) on the same
// deterministic series built below:
//   Granger: OLS by np.linalg.lstsq of eff[t] on [1, eff[t-1..t-p]] and on that plus
//   cau[t-1..t-p]; F = (ssr_r - ssr_u)/p / (ssr_u/(n-2p-1)); p = scipy.stats.f.sf(F, p, n-2p-1)
//   (statsmodels' ssr_ftest formula). savgol_filter(s, 7, 2); signal.detrend(s).
import { describe, expect, it } from 'vitest';
import { fSurvival, incompleteBeta } from '../../src/analysis/seg-stats.ts';
import {
  ascent, crossCorrelation, descent, detrend, grangerCausality, haarDetails, interpolateFrames, kurtosis,
  movingAverage, normalise, savitzkyGolay, seriesSummary, skewness,
} from '../../src/analysis/timeseries.ts';

function varSeries(T = 200) {
  const x = new Float64Array(T);
  const y = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const e = ((t * 7919 + 13) % 101) / 101 - 0.5;
    const u = ((t * 104729 + 7) % 97) / 97 - 0.5;
    if (t === 0) (x[t] = e), (y[t] = u);
    else (x[t] = 0.5 * x[t - 1] + e), (y[t] = 0.3 * y[t - 1] + 0.8 * x[t - 1] + u);
  }
  return { x, y };
}
const s = Float64Array.from({ length: 25 }, (_, t) => ((t * 31 + 5) % 17) + 0.1 * t);

describe('normalisation', () => {
  it('F/F0, ΔF/F0, z-score and min-max are exact', () => {
    const f = [10, 12, 8, 20, 30];
    expect([...normalise(f, 'f_f0')]).toEqual([1, 1.2, 0.8, 2, 3]);
    expect([...normalise(f, 'f_f0', { baselineFrames: 3 })]).toEqual([1, 1.2, 0.8, 2, 3]); // F0 = mean(10,12,8) = 10
    expect([...normalise(f, 'df_f0')].map((v) => +v.toFixed(12))).toEqual([0, 0.2, -0.2, 1, 2]);
    const z = normalise([1, 2, 3, 4, 5], 'zscore'); // mean 3, population SD sqrt(2)
    expect([...z].map((v) => +v.toFixed(12))).toEqual([-2, -1, 0, 1, 2].map((v) => +(v / Math.SQRT2).toFixed(12)));
    expect([...normalise([2, 4, 6], 'minmax')]).toEqual([0, 0.5, 1]);
    expect(() => normalise([0, 1], 'f_f0')).toThrow(/F0 .* is 0/);
    expect(() => normalise([1, NaN], 'zscore')).toThrow(/non-finite value at position 1/);
  });
});

describe('smoothing and detrending match scipy', () => {
  it('Savitzky–Golay (window 7, order 2, mode interp)', () => {
    const out = savitzkyGolay(s, 7, 2);
    const ref = [2.9761904761904514, 8.171428571428557, 11.342857142857133, 12.490476190476203, 5.009523809523815, 13.719047619047632, 11.628571428571423, 7.514285714285706, 1.3761904761904686];
    [0, 1, 2, 3, 12, 21, 22, 23, 24].forEach((i, k) => expect(out[i]).toBeCloseTo(ref[k], 9));
  });
  it('linear detrend and centred moving average', () => {
    const d = detrend(s);
    expect(d[0]).toBeCloseTo(-3.452307692307695, 9);
    expect(d[5]).toBeCloseTo(-1.1638461538461549, 9);
    expect(d[24]).toBeCloseTo(-6.067692307692308, 9);
    const quadratic = Float64Array.from({ length: 20 }, (_, t) => 3 + 0.5 * t - 0.02 * t * t);
    expect(Math.max(...detrend(quadratic, 2).map(Math.abs))).toBeLessThan(1e-9);
    expect([...movingAverage([1, 2, 3, 4, 5], 3)]).toEqual([1.5, 2, 3, 4, 4.5]);
  });
});

describe('cross-correlation', () => {
  it('peaks at the known lag with r = 1 where b is a shifted copy of a', () => {
    const n = 120;
    const a = Float64Array.from({ length: n }, (_, t) => Math.sin(t / 3) + ((t * 7919) % 13) / 13);
    const b = Float64Array.from({ length: n }, (_, t) => (t >= 4 ? a[t - 4] : a[0])); // b follows a by 4 frames
    const cc = crossCorrelation(a, b, 10);
    expect(cc.peakLag).toBe(4);
    expect(cc.peakR).toBeGreaterThan(0.9);
    expect(cc.lags).toHaveLength(21);
    expect(crossCorrelation(a, a, 0).r[0]).toBeCloseTo(1, 12);
  });
});

describe('Granger causality (statsmodels ssr F test)', () => {
  it('detects x -> y in a VAR and not y -> x, with the reference F and p', () => {
    const { x, y } = varSeries();
    const forward = grangerCausality(y, x, 3);
    const backward = grangerCausality(x, y, 3);
    const refForward = [[89.42442377258665, 1.0128775738704181e-17, 196], [51.59818085960052, 1.119018779239867e-18, 193], [65.75670333552326, 3.3035088696886853e-29, 190]];
    const refBackward = [[0.2253939257532005, 0.6354889530842924, 196], [0.7650998711356706, 0.4666934025990366, 193], [0.20975328030792623, 0.889561723781168, 190]];
    forward.forEach((r, i) => {
      expect(r.f).toBeCloseTo(refForward[i][0], 7);
      expect(r.pValue / refForward[i][1]).toBeCloseTo(1, 6);
      expect(r.dfDen).toBe(refForward[i][2]);
    });
    backward.forEach((r, i) => {
      expect(r.f).toBeCloseTo(refBackward[i][0], 9);
      expect(r.pValue).toBeCloseTo(refBackward[i][1], 9);
    });
    expect(() => grangerCausality(x.subarray(0, 6), y.subarray(0, 6), 2)).toThrow(/needs more than 7 time points/);
  });
  it('F survival and incomplete beta agree with closed forms', () => {
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(incompleteBeta(0.3, 2, 1)).toBeCloseTo(0.09, 14);
    // F(2, d2) survival has the closed form (1 + 2f/d2)^(-d2/2).
    expect(fSurvival(3, 2, 10)).toBeCloseTo((1 + 0.6) ** -5, 12);
  });
});

describe('CellPhe-style summary variables', () => {
  it('computes skewness, kurtosis, elevation and Haar variables by their definitions', () => {
    expect(skewness([1, 2, 3])).toBeCloseTo(0, 12);
    // e1071 type 2 on 1,2,3,10: g1 = m3/m2^1.5, G1 = g1*sqrt(n(n-1))/(n-2)
    const v = [1, 2, 3, 10];
    const m = 4;
    const m2 = v.reduce((a, x) => a + (x - m) ** 2, 0) / 4;
    const m3 = v.reduce((a, x) => a + (x - m) ** 3, 0) / 4;
    const m4 = v.reduce((a, x) => a + (x - m) ** 4, 0) / 4;
    expect(skewness(v)).toBeCloseTo(((m3 / m2 ** 1.5) * Math.sqrt(12)) / 2, 12);
    expect(kurtosis(v)).toBeCloseTo((3 / (2 * 1)) * (5 * (m4 / m2 ** 2 - 3) + 6), 12);
    expect(ascent([1, 3, 2, 5])).toBeCloseTo((2 + 3) / 4, 12);
    expect(descent([1, 3, 2, 5])).toBeCloseTo(-1 / 4, 12);
    const [d1, d2, d3] = haarDetails([4, 2, 5, 5, 1, 3, 8, 0, 9]);
    expect([...d1]).toEqual([2, 0, -2, 8].map((d) => d / Math.SQRT2));
    expect([...d2]).toEqual([(3 - 5) / Math.SQRT2, (2 - 4) / Math.SQRT2]);
    expect([...d3]).toEqual([(4 - 3) / Math.SQRT2]);
    expect([...interpolateFrames([2, 4, 5], [10, 20, 0])]).toEqual([10, 15, 20, 0]);
    const summary = seriesSummary([0, 1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 4, 3, 2, 1]);
    expect(summary).toMatchObject({ mean: 2.5, max: 4, asc: 3 / 8, des: -3 / 8 });
    expect(Object.keys(summary)).toEqual(['mean', 'sd', 'skew', 'kurtosis', 'asc', 'des', 'max', 'l1_asc', 'l1_des', 'l1_max', 'l2_asc', 'l2_des', 'l2_max', 'l3_asc', 'l3_des', 'l3_max']);
    expect(seriesSummary([0, 1], [-1, -2]).skew).toBe(0);
  });
});

describe('tidy tables', () => {
  it('orders each cell by frame and derives frames from a time column in seconds', async () => {
    const { splitSeries, summariseCells } = await import('../../src/analysis/timeseries.ts');
    const rows = [
      { track_id: 2, time_s: 60, v: 3 }, { track_id: 1, time_s: 0, v: 1 }, { track_id: 1, time_s: 120, v: 5 },
      { track_id: 1, time_s: 60, v: 2 }, { track_id: 2, time_s: 0, v: 4 }, { track_id: 1, time_s: 240, v: 9 },
    ];
    const table = { columns: ['track_id', 'time_s', 'v'], rows };
    const series = splitSeries(table);
    expect(series.map((s) => [s.id, s.frames])).toEqual([[2, [0, 1]], [1, [0, 1, 2, 4]]]);
    const summary = summariseCells(table, { minFrames: 4 });
    expect(summary.rows).toHaveLength(1);
    // Frame 3 is missing and interpolated (7) before the elevation variables: steps 1, 3, 2, 2 over 5 values.
    expect(summary.rows[0].v_asc).toBeCloseTo(8 / 5, 12);
    expect(summary.rows[0].v_mean).toBeCloseTo(17 / 4, 12);
  });
});
