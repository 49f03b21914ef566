import { describe, expect, it } from 'vitest';
import { movieFromPlanes, reinterpretAxes, stackAsTimeSeries } from '../../src/image/index.ts';

describe('reinterpretAxes', () => {
  const movie = movieFromPlanes({ t: 2, z: 3, c: 2, y: 2, x: 2 }, 'uint16', (t, z, c) => new Uint16Array(4).fill(t * 100 + z * 10 + c), {
    zStepUm: 2,
    channelNames: ['a', 'b'],
  });

  it('keeps the ImageJ plane order while changing the sizes', async () => {
    const v = reinterpretAxes(movie, { t: 6, z: 1, c: 2 });
    expect(v.shape).toEqual({ t: 6, z: 1, c: 2, y: 2, x: 2 });
    expect(v.meta.channelNames).toEqual(['a', 'b']);
    expect(v.meta.zStepUm).toBeUndefined();
    // plane k of the view is plane k of the movie: t=4 c=1 -> k=9 -> (t=1, z=1, c=1)
    expect((await v.plane(4, 0, 1))[0]).toBe(111);
    expect((await v.plane(5, 0, 0))[0]).toBe(120);
  });

  it('refuses sizes with another plane count, in one line', () => {
    expect(() => reinterpretAxes(movie, { t: 5, z: 1, c: 2 })).toThrow(/plane counts differ/);
  });

  it('stackAsTimeSeries turns a z-only stack into time points', async () => {
    const stack = movieFromPlanes({ t: 1, z: 4, c: 1, y: 1, x: 1 }, 'uint8', (_t, z) => new Uint8Array([z]));
    const series = stackAsTimeSeries(stack);
    expect(series.shape).toMatchObject({ t: 4, z: 1, c: 1 });
    expect((await series.plane(3, 0, 0))[0]).toBe(3);
    expect(stackAsTimeSeries(movie)).toBe(movie);
  });
});
