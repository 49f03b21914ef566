// The montage picture (Fiji's Make Montage): panels in a grid of the columns asked, a gap between them, a caption per
// panel and a scale bar on the last one.
import { describe, expect, it } from 'vitest';
import { makeMontage, montageColumns } from '../../src/plot/montage.ts';
import type { RgbaImage } from '../../src/plot/png.ts';

const panel = (value: number, width = 64, height = 48): RgbaImage => {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([value, value, value, 255], i * 4);
  return { width, height, data };
};
const pixel = (image: RgbaImage, x: number, y: number) => Array.from(image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3));

describe('makeMontage', () => {
  it('lays the panels row by row in the columns asked, with the gap around them', () => {
    const image = makeMontage([panel(10), panel(20), panel(30)], { columns: 2, borderPx: 2 });
    expect([image.width, image.height]).toEqual([2 * 64 + 3 * 2, 2 * 48 + 3 * 2]);
    expect(pixel(image, 2 + 32, 2 + 40)).toEqual([10, 10, 10]);
    expect(pixel(image, 2 + 64 + 2 + 32, 2 + 40)).toEqual([20, 20, 20]);
    expect(pixel(image, 2 + 32, 2 + 48 + 2 + 40)).toEqual([30, 30, 30]);
    // (the cell left empty in the last row, and the gaps, are grey)
    expect(pixel(image, 2 + 64 + 2 + 32, 2 + 48 + 2 + 24)).toEqual([128, 128, 128]);
    expect(pixel(image, 0, 0)).toEqual([128, 128, 128]);
  });

  it('writes each caption in white on black at the top left of its panel', () => {
    const plain = makeMontage([panel(100)], { columns: 1, borderPx: 0 });
    const captioned = makeMontage([panel(100)], { columns: 1, borderPx: 0, captions: ['t=12'] });
    const region = (image: RgbaImage) => Array.from({ length: 20 * 8 }, (_, k) => pixel(image, k % 20, Math.floor(k / 20))[0]);
    expect(region(plain).every((v) => v === 100)).toBe(true);
    expect(region(captioned)).toContain(0);
    expect(region(captioned)).toContain(255);
  });

  it('draws the scale bar only on the last panel, its length in panel pixels', () => {
    const image = makeMontage([panel(0), panel(0)], { columns: 2, borderPx: 0, scaleBarPx: 20 });
    const row = image.height - 3 * 2 + 1;
    const white = (x0: number, x1: number) => Array.from({ length: x1 - x0 }, (_, k) => pixel(image, x0 + k, row)[0]).filter((v) => v === 255).length;
    expect(white(0, 64)).toBe(0);
    expect(white(64, 128)).toBe(20);
  });

  it('enlarges small panels by a whole factor, the bar with them', () => {
    const image = makeMontage([panel(50, 8, 8)], { columns: 1, borderPx: 0, zoom: 4, scaleBarPx: 2 });
    expect([image.width, image.height]).toEqual([32, 32]);
  });

  it('takes as square a grid as fits when no columns are asked', () => {
    expect([1, 2, 3, 4, 5, 9, 10].map(montageColumns)).toEqual([1, 2, 2, 2, 3, 3, 4]);
  });
});
