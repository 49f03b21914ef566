import { describe, expect, it } from 'vitest';
import { leastRatio, pairedRatio, samplesNote, type Comparison, type Sample } from '../../bench/_harness.ts';

const run = (wallS: number, cpuS: number, load: number): Sample => ({ wallS, cpuS, report: {}, load, peakMiB: 50 });

// Two sides timed back to back in each round, the load moving between rounds (x1, x3, x1.5): the
// ratio of each round's pair holds where the ratio of the sides' medians follows the load.
describe('back-to-back ratios of a comparison', () => {
  const comparison: Comparison = {
    samples: [
      [run(10, 2, 8), run(30, 2, 24), run(15, 2, 12)],
      [run(20, 3, 8), run(62, 3, 24), run(29, 3, 12)],
    ],
    wallS: [15, 29],
    cpuS: [2, 3],
    workS: [undefined, undefined],
    workCpuS: [undefined, undefined],
    peakMiB: [50, 50],
    load: 14.7,
  };

  it('takes the median of the rounds’ peer / ours ratios with their spread', () => {
    const wall = pairedRatio(comparison, 0, 1, (x) => x.wallS);
    expect(wall.ratio).toBeCloseTo(2.0, 6);
    expect(wall.low).toBeCloseTo(29 / 15, 6);
    expect(wall.high).toBeCloseTo(62 / 30, 6);
    expect(pairedRatio(comparison, 0, 1, (x) => x.cpuS).ratio).toBeCloseTo(1.5, 6);
  });

  it('lists every run of a side with its load', () => {
    expect(samplesNote(comparison, 1, 'peer')).toBe('peer runs (whole command wall / CPU @ load): 20.00 s / 3.00 s @ 8.0, 62.00 s / 3.00 s @ 24.0, 29.00 s / 3.00 s @ 12.0');
  });
});

// One side's runs erratic (other jobs only ever add to a run's CPU time), the other's steady.
describe('the ratio of the least runs', () => {
  const comparison: Comparison = {
    samples: [
      [run(10, 5.0, 9), run(10, 4.9, 12), run(10, 5.1, 10)],
      [run(20, 11.6, 9), run(20, 8.7, 12), run(20, 10.5, 10)],
    ],
    wallS: [10, 20],
    cpuS: [5.0, 10.5],
    workS: [undefined, undefined],
    workCpuS: [undefined, undefined],
    peakMiB: [50, 50],
    load: 10.3,
  };

  it('divides the peer’s least run by ours, whichever rounds they came from', () => {
    expect(leastRatio(comparison, 0, 1, (x) => x.cpuS)).toBeCloseTo(8.7 / 4.9, 6);
    expect(leastRatio(comparison, 1, 0, (x) => x.cpuS)).toBeCloseTo(4.9 / 8.7, 6);
  });
});
