// Pictures in the terminal: the kitty graphics protocol or iTerm2 inline images where
// the terminal supports them, otherwise unicode half-blocks (two pixels per cell,
// 24-bit colour) that any modern terminal shows.
import type { RgbaImage } from '../plot/png.ts';

export type ImageProtocol = 'kitty' | 'iterm' | 'text';

/** Which protocol this terminal understands, from TERM / TERM_PROGRAM / KITTY_WINDOW_ID. */
export function detectImageProtocol(env: NodeJS.ProcessEnv = process.env): ImageProtocol {
  if (env.CELLPILOT_IMAGES === 'text' || env.TMUX) return 'text'; // tmux swallows both protocols
  if (env.CELLPILOT_IMAGES === 'kitty' || env.CELLPILOT_IMAGES === 'iterm') return env.CELLPILOT_IMAGES;
  if (env.KITTY_WINDOW_ID || env.TERM === 'xterm-kitty' || env.TERM_PROGRAM === 'ghostty' || env.TERM === 'xterm-ghostty') return 'kitty';
  if (env.TERM_PROGRAM === 'iTerm.app' || env.TERM_PROGRAM === 'WezTerm' || env.LC_TERMINAL === 'iTerm2') return 'iterm';
  return 'text';
}

/** The escape sequence that shows a PNG inline, `columns` cells wide. */
export function inlineImageSequence(png: Uint8Array, protocol: 'kitty' | 'iterm', columns: number): string {
  const b64 = Buffer.from(png).toString('base64');
  if (protocol === 'iterm') return `\x1b]1337;File=inline=1;size=${png.length};width=${columns};preserveAspectRatio=1:${b64}\x07`;
  // kitty: f=100 (PNG), a=T (transmit and show), c=columns; payload in 4096-byte chunks
  const parts: string[] = [];
  for (let i = 0; i < b64.length; i += 4096) {
    const more = i + 4096 < b64.length ? 1 : 0;
    const head = i === 0 ? `a=T,f=100,c=${columns},m=${more}` : `m=${more}`;
    parts.push(`\x1b_G${head};${b64.slice(i, i + 4096)}\x1b\\`);
  }
  return parts.join('');
}

/** Colour composited on white. */
function pixel(image: RgbaImage, x: number, y: number): [number, number, number] {
  const i = (y * image.width + x) * 4;
  const a = image.data[i + 3] / 255;
  return [image.data[i] * a + 255 * (1 - a), image.data[i + 1] * a + 255 * (1 - a), image.data[i + 2] * a + 255 * (1 - a)];
}

/**
 * The colour of the region [x0,x1) x [y0,y1) that differs most from the background
 * (the corner pixel). Averaging would wash thin plot lines and small bright nuclei
 * into the background; keeping the most distinct pixel keeps them visible.
 */
function salientColor(image: RgbaImage, background: [number, number, number], x0: number, x1: number, y0: number, y1: number): [number, number, number] {
  let best: [number, number, number] = background;
  let bestDistance = -1;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const c = pixel(image, x, y);
      const d = Math.abs(c[0] - background[0]) + Math.abs(c[1] - background[1]) + Math.abs(c[2] - background[2]);
      if (d > bestDistance) (bestDistance = d), (best = c);
    }
  }
  return best.map(Math.round) as [number, number, number];
}

/**
 * The image as lines of '▀' cells, `columns` wide (aspect kept: one cell = 1 x 2 pixels
 * of the resampled image, since a cell is about twice as tall as it is wide).
 */
export function halfBlockLines(image: RgbaImage, columns: number, maxRows = 18): string[] {
  const background = pixel(image, 0, 0);
  // fit in columns x maxRows cells, keeping the aspect ratio (a cell is 1 x 2 pixels)
  const cols = Math.max(1, Math.min(columns, image.width, Math.floor((maxRows * 2 * image.width) / image.height)));
  const scale = image.width / cols;
  const pixelRows = Math.max(2, Math.round(image.height / scale));
  const lines: string[] = [];
  for (let row = 0; row < pixelRows; row += 2) {
    let line = '';
    for (let c = 0; c < cols; c++) {
      const x0 = Math.floor(c * scale), x1 = Math.max(x0 + 1, Math.floor((c + 1) * scale));
      const span = (r: number) => [Math.floor((r * image.height) / pixelRows), Math.max(Math.floor((r * image.height) / pixelRows) + 1, Math.floor(((r + 1) * image.height) / pixelRows))];
      const [ty0, ty1] = span(row);
      const [by0, by1] = row + 1 < pixelRows ? span(row + 1) : [ty0, ty1];
      const top = salientColor(image, background, x0, x1, ty0, Math.min(ty1, image.height));
      const bottom = salientColor(image, background, x0, x1, by0, Math.min(by1, image.height));
      line += `\x1b[38;2;${top.join(';')}m\x1b[48;2;${bottom.join(';')}m▀`;
    }
    lines.push(line + '\x1b[0m');
  }
  return lines;
}
