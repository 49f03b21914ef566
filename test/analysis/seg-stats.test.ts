// Student's t quantile used for every 95 % confidence interval (answers and plots), against the printed table.
import { describe, expect, it } from 'vitest';
import { tQuantile975 } from '../../src/analysis/seg-stats.ts';

describe('tQuantile975', () => {
  it('matches the printed t table and tends to the normal quantile', () => {
    for (const [df, t] of [[1, 12.706], [2, 4.303], [4, 2.776], [10, 2.228], [30, 2.042], [120, 1.98]] as const) expect(tQuantile975(df), `df ${df}`).toBeCloseTo(t, 2);
    expect(tQuantile975(100000)).toBeCloseTo(1.96, 2);
  });

  it('is not a number below one degree of freedom', () => {
    expect(tQuantile975(0)).toBeNaN();
  });
});
