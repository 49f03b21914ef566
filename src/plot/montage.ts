// A montage: chosen frames of a movie laid side by side in a grid, as Fiji's Image > Stacks >
// Make Montage, each panel with its frame number ("t=12") and the last one with a scale bar.
// Pure functions over RGBA pictures; tools/montage.ts reads the planes and writes the PNG.
import type { RgbaImage } from './png.ts';

/** Columns for n panels when none are asked: as square a grid as fits (Fiji's default). */
export function montageColumns(n: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(n)));
}

export interface MontageOptions {
  /** Panels per row. */
  columns: number;
  /** Gap between panels and around them, in pixels of the picture (white in Fiji: here mid-grey). */
  borderPx: number;
  /** Each panel's caption (its frame, 1-based: "t=12"), drawn top left; none when undefined. */
  captions?: string[];
  /** A scale bar drawn bottom right of the last panel, its length in panel pixels. */
  scaleBarPx?: number;
  /** Panels enlarged by this whole factor before they are laid out (small movies stay readable). */
  zoom?: number;
}

/** 3 x 5 glyphs for captions: digits, "t", "=", "-", "z", "c", space. Rows top to bottom, 3 bits each. */
const GLYPHS: Record<string, number[]> = {
  '0': [7, 5, 5, 5, 7], '1': [2, 6, 2, 2, 7], '2': [7, 1, 7, 4, 7], '3': [7, 1, 7, 1, 7], '4': [5, 5, 7, 1, 1],
  '5': [7, 4, 7, 1, 7], '6': [7, 4, 7, 5, 7], '7': [7, 1, 1, 1, 1], '8': [7, 5, 7, 5, 7], '9': [7, 5, 7, 1, 7],
  t: [2, 7, 2, 2, 3], '=': [0, 7, 0, 7, 0], '-': [0, 0, 7, 0, 0], z: [0, 7, 1, 2, 7], c: [0, 7, 4, 4, 7], ' ': [0, 0, 0, 0, 0],
};

function fill(image: RgbaImage, x0: number, y0: number, w: number, h: number, rgb: [number, number, number]): void {
  for (let y = Math.max(0, y0); y < Math.min(image.height, y0 + h); y++) {
    for (let x = Math.max(0, x0); x < Math.min(image.width, x0 + w); x++) {
      const i = (y * image.width + x) * 4;
      image.data[i] = rgb[0];
      image.data[i + 1] = rgb[1];
      image.data[i + 2] = rgb[2];
      image.data[i + 3] = 255;
    }
  }
}

/** Writes `text` at (x, y) in white on a black box, each glyph pixel `size` pixels wide. */
export function drawCaption(image: RgbaImage, text: string, x: number, y: number, size: number): void {
  const glyphs = [...text].map((ch) => GLYPHS[ch] ?? GLYPHS[' ']);
  fill(image, x, y, (glyphs.length * 4 + 1) * size, 7 * size, [0, 0, 0]);
  glyphs.forEach((rows, k) => {
    rows.forEach((bits, r) => {
      for (let b = 0; b < 3; b++) if (bits & (4 >> b)) fill(image, x + (1 + k * 4 + b) * size, y + (1 + r) * size, size, size, [255, 255, 255]);
    });
  });
}

/** Enlarges a picture by a whole factor, nearest neighbour (pixels stay square, as Fiji's zoom). */
function zoomed(image: RgbaImage, factor: number): RgbaImage {
  if (factor <= 1) return image;
  const width = image.width * factor;
  const height = image.height * factor;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (Math.floor(y / factor) * image.width + Math.floor(x / factor)) * 4;
      data.set(image.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** The panels (all of one size) in a grid of `columns`, row by row, with captions and a scale bar. */
export function makeMontage(panels: RgbaImage[], options: MontageOptions): RgbaImage {
  if (panels.length === 0) throw new Error('a montage needs at least one panel');
  const zoom = Math.max(1, Math.floor(options.zoom ?? 1));
  const shown = panels.map((p) => zoomed(p, zoom));
  const { width: pw, height: ph } = shown[0];
  const columns = Math.max(1, Math.min(options.columns, shown.length));
  const rows = Math.ceil(shown.length / columns);
  const gap = Math.max(0, Math.floor(options.borderPx));
  const width = columns * pw + (columns + 1) * gap;
  const height = rows * ph + (rows + 1) * gap;
  const image: RgbaImage = { width, height, data: new Uint8Array(width * height * 4) };
  fill(image, 0, 0, width, height, [128, 128, 128]);
  const size = Math.max(1, Math.floor(Math.min(pw, ph) / 64));
  shown.forEach((panel, k) => {
    const x0 = gap + (k % columns) * (pw + gap);
    const y0 = gap + Math.floor(k / columns) * (ph + gap);
    for (let y = 0; y < ph; y++) image.data.set(panel.data.subarray(y * pw * 4, (y + 1) * pw * 4), ((y0 + y) * width + x0) * 4);
    const caption = options.captions?.[k];
    if (caption) drawCaption(image, caption, x0 + size, y0 + size, size);
    if (k === shown.length - 1 && options.scaleBarPx && options.scaleBarPx > 0) {
      const bar = Math.round(options.scaleBarPx * zoom);
      const thick = Math.max(2, Math.round(ph / 50));
      fill(image, x0 + pw - bar - 2 * thick, y0 + ph - 3 * thick, bar, thick, [255, 255, 255]);
    }
  });
  return image;
}
