// Vega-Lite spec -> SVG (vega's headless View, no browser) -> PNG (resvg). Fonts: a
// Debian sans font when present (DejaVu, Liberation, Lato), else the system's fonts.
import { existsSync } from 'node:fs';
import { WorkError } from '../errors.ts';

export interface RenderedPlot {
  svg: string;
  png: Uint8Array;
  widthPx: number;
  heightPx: number;
  /** The compiled Vega spec (what was rendered). */
  vegaSpec: unknown;
}

const FONT_CANDIDATES: { family: string; files: string[] }[] = [
  { family: 'DejaVu Sans', files: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'] },
  { family: 'Liberation Sans', files: ['/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf'] },
  { family: 'Lato', files: ['/usr/share/fonts/truetype/lato/Lato-Regular.ttf', '/usr/share/fonts/truetype/lato/Lato-Bold.ttf'] },
];

/** The font resvg should use: the first Debian family present, else system fonts. */
export function plotFont(): { family?: string; files: string[] } {
  for (const candidate of FONT_CANDIDATES) {
    const files = candidate.files.filter((f) => existsSync(f));
    if (files.length) return { family: candidate.family, files };
  }
  return { files: [] };
}

/** Compiles and renders a Vega-Lite spec; `scale` multiplies the pixel size of the PNG (2 = crisp on hi-dpi). */
export async function renderVegaLite(spec: Record<string, unknown>, options: { scale?: number } = {}): Promise<RenderedPlot> {
  const [{ compile }, vega, { Resvg }] = await Promise.all([import('vega-lite'), import('vega'), import('@resvg/resvg-js')]);
  let vegaSpec;
  try {
    vegaSpec = compile(spec as never).spec;
  } catch (err) {
    throw new WorkError(`the plot specification is invalid: ${(err as Error).message.split('\n')[0]}`);
  }
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const font = plotFont();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    background: 'white',
    font: {
      loadSystemFonts: font.files.length === 0,
      fontFiles: font.files,
      defaultFontFamily: font.family ?? 'sans-serif',
      sansSerifFamily: font.family ?? 'sans-serif',
    },
  });
  const image = resvg.render();
  return { svg, png: image.asPng(), widthPx: image.width, heightPx: image.height, vegaSpec };
}
