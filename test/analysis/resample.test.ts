import { describe, expect, it } from 'vitest';
import { castPlane, translatePlane, translateStack } from '../../src/analysis/resample.ts';

const ramp = (h: number, w: number) => Float64Array.from({ length: h * w }, (_, i) => 3 * (i % w) + 2 * Math.floor(i / w) + 10);

describe('translatePlane', () => {
  it('a whole-pixel shift moves values exactly and fills 0 where nothing comes in', () => {
    const src = ramp(8, 8);
    const out = translatePlane(src, 8, 8, 2, -1, 'bilinear');
    expect(out[3 * 8 + 4]).toBe(src[4 * 8 + 2]);
    expect(out[3 * 8 + 0]).toBe(0); // x = 0 came from x = -2
    expect(out[7 * 8 + 4]).toBe(0); // y = 7 came from y = 8
  });

  it.each(['bilinear', 'bicubic'] as const)('%s reproduces a linear ramp at a sub-pixel shift', (interpolation) => {
    const src = ramp(16, 16);
    const out = translatePlane(src, 16, 16, 0.3, -0.45, interpolation);
    // interior pixel (8, 8) samples the ramp at (7.7, 8.45)
    expect(out[8 * 16 + 8]).toBeCloseTo(3 * 7.7 + 2 * 8.45 + 10, 9);
  });

  it('shifting back and forth by half a pixel keeps the interior close (bicubic)', () => {
    const src = Float64Array.from({ length: 32 * 32 }, (_, i) => 100 + 50 * Math.sin((i % 32) / 3) * Math.cos(Math.floor(i / 32) / 4));
    const back = translatePlane(translatePlane(src, 32, 32, 0.5, 0.5, 'bicubic'), 32, 32, -0.5, -0.5, 'bicubic');
    expect(Math.abs(back[16 * 32 + 16] - src[16 * 32 + 16])).toBeLessThan(1);
  });
});

describe('translateStack', () => {
  it('shifts along z by interpolating planes', () => {
    const planes = [0, 1, 2, 3].map((z) => new Float64Array(4).fill(10 * z + 5));
    const out = translateStack(planes, 2, 2, { dxPx: 0, dyPx: 0, dzPx: 0.5 }, 'bilinear');
    expect(out[2][0]).toBeCloseTo(20, 9); // z=2 reads z=1.5
    expect(out[0][0]).toBeCloseTo(5, 9); // z=0 reads z=-0.5, clamped to the edge plane
  });
});

describe('castPlane', () => {
  it('rounds and clamps to the integer range, keeps floats', () => {
    expect(Array.from(castPlane([-3, 1.5, 2.4, 70000], 'uint16'))).toEqual([0, 2, 2, 65535]);
    expect(Array.from(castPlane([1.25], 'float32'))).toEqual([1.25]);
  });
});
