// The montage tool: chosen frames of a movie (or of its masks) side by side in a grid, as Fiji's
// Image > Stacks > Make Montage, with the frame number on each panel and a scale bar. A thin
// wrapper over src/plot/montage.ts; it describes itself here, so the planner, `help` and the
// evals know it from this file alone.
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../src/errors.ts';
import { channelArg, channelIndex, frameRange, frameRangeArg, labelsArg, movieArg, outputArg } from './common.ts';
import type { RgbaImage } from '../src/plot/png.ts';
import { defineTool, type RequestClause, type ToolSpec } from './types.ts';

/** Number words people write for a step or a count ("every fifth frame", "three columns"). */
// ("every other frame": every second one)
const NUMBER_WORDS: Record<string, number> = { two: 2, second: 2, other: 2, three: 3, third: 3, four: 4, fourth: 4, five: 5, fifth: 5, six: 6, sixth: 6, eight: 8, eighth: 8, ten: 10, tenth: 10 };
const NUMBER = String.raw`(\d+|two|three|four|five|six|eight|ten|other|second|third|fourth|fifth|sixth|eighth|tenth)`;
const asNumber = (s: string) => (/^\d+$/.test(s) ? Number(s) : NUMBER_WORDS[s.toLowerCase()]);

/** Objects drawn on the movie's frames, as Fiji's overlay of ROIs: "with the outlines", "masks overlaid", "contours drawn on", "segmentation on top". */
const OUTLINES_ASKED = /\b(?:outlin(?:es?|ed)|contours?|borders? of the (?:cells|nuclei|objects)|overla(?:y|id|ys)|(?:masks?|segmentation|labels)\s+(?:drawn\s+)?(?:on top|over|on (?:the|each|every) (?:frames?|panels?|images?|movie)))\b/i;

/** The frames, grid and decorations a request names ("frames 1, 10 and 20", "every 5th frame", "4 columns", "no scale bar"); a range of frames ("the first 12 frames") is read as for every tool. */
export function readMontageRequest(c: RequestClause): Record<string, unknown> {
  const text = c.text;
  const args: Record<string, unknown> = {};
  // a list of single frames: "frames 1, 10 and 20", "timepoints 1, 6, 11 and 16", "t = 2, 4, 6"
  const list = /\b(?:frames?|time ?points?|timepoints?|t\s*=?)\s*((?:\d+\s*(?:,|and|&|\+)\s*)+\d+)\b/i.exec(text) ?? /\b((?:\d+\s*,\s*)+\d+\s*(?:,\s*)?(?:and|&)\s*\d+)\b/.exec(text);
  if (list) {
    args.at = [...list[1].matchAll(/\d+/g)].map((m) => Number(m[0]));
    args.frames = undefined;
  }
  // "every 5th frame", "every fifth timepoint", "every 10 frames"
  const every = new RegExp(String.raw`\bevery\s+${NUMBER}(?:st|nd|rd|th)?\s*(?:frames?|time ?points?|timepoints?)?\b`, 'i').exec(text);
  if (every && !list) args.increment = asNumber(every[1]);
  // ("alternate frames", "alternating timepoints": every other one)
  else if (!list && /\balternat(?:e|ing)\s+(?:frames?|time ?points?|timepoints?)\b/i.test(text)) args.increment = 2;
  const columns = new RegExp(String.raw`\b${NUMBER}\s*(?:columns?|cols?|across|per row|wide)\b|\bcolumns?\s*(?:of\s*)?[=:]?\s*(\d+)\b`, 'i').exec(text);
  if (columns) args.columns = asNumber(columns[1] ?? columns[2]);
  const rows = new RegExp(String.raw`\b${NUMBER}\s*rows?\b`, 'i').exec(text);
  if (rows && !columns) args.rows = asNumber(rows[1]);
  // (the decorations are often said apart, after a comma: "montage of frames 1-8, no scale bar, no labels")
  const said = `${text} ${c.request}`;
  if (/\b(?:no|without(?:\s+a|\s+the)?|skip(?:\s+the)?|leave\s+out\s+the|don'?t\s+(?:add|want|need|put)(?:\s+a|\s+the|\s+any)?)\s+scale\s*bars?\b/i.test(said)) args.scaleBar = false;
  else if (/\bscale\s*bars?\b/i.test(said)) args.scaleBar = true;
  if (/\b(?:no|without(?:\s+any|\s+the)?|skip(?:\s+the)?|don'?t\s+(?:add|want|need|put)(?:\s+any|\s+the)?)\s+(?:frame\s+)?(?:labels?|captions?|numbers?|time ?stamps?|timestamps?|text|annotations?)\b/i.test(said)) args.frameNumbers = false;
  // "the masks", "the segmentation", "the labels": the label movie, else the movie; the masks drawn on the movie
  // ("with the outlines", "the segmentation overlaid", "masks on top") need both
  const masks = /\b(?:masks?|segmentation|label (?:movie|images?)|labels)\b/i.test(text.replace(/\b(?:frame\s+)?labels?\s+(?:on|off)\b|\bno\s+labels?\b|\bwithout\s+(?:any\s+|the\s+)?labels?\b/gi, ' '));
  args.$needs = OUTLINES_ASKED.test(said) ? ['movie', 'labels'] : masks ? ['labels'] : ['movie'];
  return args;
}

const montageSchema = z.object({
  movie: movieArg.optional().describe('The movie to lay out (an artifact id or a file path); give this or `labels`'),
  labels: labelsArg.optional().describe('A label movie: alone, laid out with each object filled in its own colour; with `movie`, each object outlined in its colour on the movie\'s frames (an overlay)'),
  at: z.array(z.number().int().min(1)).min(1).optional().describe('The frames to show, 1-based, in the order given ("frames 1, 10 and 20")'),
  increment: z.number().int().min(1).optional().describe("Every Nth frame, as Make Montage's increment: the first, first+N, first+2N ... within `frames`"),
  frames: frameRangeArg.optional().describe('The range of frames to choose from, 1-based inclusive; default all'),
  columns: z.number().int().min(1).optional().describe('Panels per row; default as square a grid as fits'),
  rows: z.number().int().min(1).optional().describe('Rows, when columns are not given'),
  channel: channelArg.optional().describe('Channel to show (1-based or name); default 1'),
  scaleBar: z.boolean().default(true).describe('Draw a scale bar on the last panel (needs the pixel size; without it none is drawn, and the summary says so)'),
  frameNumbers: z.boolean().default(true).describe('Write each panel\'s frame number ("t=12") in its corner, as Make Montage\'s "Label slices"'),
  zoom: z.number().int().min(1).max(8).optional().describe('Enlarge each panel by this whole factor (nearest neighbour); default: small movies enlarged to at least 128 px'),
  borderPx: z.number().int().min(0).max(50).default(2).describe('Gap between panels, px of the picture'),
  output: outputArg.describe('Where to write the montage (.png); default a new file in the session folder'),
});

/** The 0-based frames shown: those listed, else every Nth of the range (all frames, at most 16, when nothing is said). */
export function montageFrames(total: number, args: { at?: number[]; increment?: number; frames?: { first: number; last: number } }, range: [number, number]): number[] {
  if (args.at?.length) {
    const outside = args.at.filter((f) => f < 1 || f > total);
    if (outside.length) throw new InputError(`montage: frame${outside.length > 1 ? 's' : ''} ${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} outside the movie's ${total} frames`);
    return args.at.map((f) => f - 1);
  }
  const [first, last] = range;
  const count = last - first + 1;
  const step = args.increment ?? (args.frames ? 1 : Math.max(1, Math.ceil(count / 16)));
  const out: number[] = [];
  for (let t = first; t <= last; t += step) out.push(t);
  return out;
}

const montage = defineTool({
  name: 'montage',
  summary: "Makes a montage of chosen frames: a movie's (or its masks') frames side by side in a grid, with frame numbers and a scale bar.",
  words: ['montage', 'make montage', 'contact sheet', 'grid of frames', 'side by side', 'tile the frames', 'gallery', 'panel of frames', 'filmstrip', 'film strip', 'frames next to each other', 'figure panel', 'thumbnails', 'thumbnail', 'strip of frames', 'strip of snapshots', 'tile frames', 'tiled frames'],
  examples: ['make a montage of frames 1, 10 and 20', 'contact sheet of every 5th frame', 'a grid of every 10th frame', 'show frames 1, 5 and 9 side by side', 'montage of the masks at frames 2, 4 and 6 in 3 columns', 'montage of every frame with the outlines drawn on', 'a grid of the first 12 frames with a scale bar'],
  consumes: ['movie', 'labels'],
  produces: ['plot'],
  results: {
    panels: { about: 'frames shown in the montage', unit: 'frames', words: ['panels', 'frames shown'] },
    columns: { about: 'panels per row', unit: '', setting: true },
    rows: { about: 'rows of panels', unit: '', setting: true },
    scaleBarUm: { about: 'length of the scale bar', unit: 'µm', setting: true },
    objectsOutlined: { about: 'objects outlined over all panels (labels drawn on the movie)', unit: 'objects', words: ['outlined'] },
  },
  inapplicable: {
    increment: (a) => (Array.isArray(a.at) && a.at.length ? 'the frames were listed one by one, so no step between them applies' : undefined),
    rows: (a) => (a.columns !== undefined ? 'the columns were given, so the rows follow from them' : undefined),
  },
  description:
    "Lays chosen frames of a movie or label movie side by side in a grid and saves it as a PNG picture, as Image > Stacks > Make Montage does: frames listed one by one (`at`, 1-based) or every Nth frame of a range, in `columns` per row, each panel with its frame number and the last with a scale bar (µm, from the pixel size). One channel, its display range stretched as ImageJ's Auto; a label movie shows each object in its colour, or, given with the movie, each object outlined on the movie's frames. Writes a plot artifact.",
  schema: montageSchema,
  fromRequest: readMontageRequest,
  async run(args, ctx) {
    const ref = args.movie ?? args.labels;
    if (!ref) throw new InputError('montage needs a `movie` or a `labels` movie to lay out');
    const { makeMontage, montageColumns } = await import('../src/plot/montage.ts');
    const { colorOf, displayRange, drawLabelOutlines, planeToRgba } = await import('../src/plot/images.ts');
    const { encodePng } = await import('../src/plot/png.ts');
    const { scaleBarLength } = await import('../src/plot/specs.ts');
    const movie = await ctx.openMovie(ref);
    const outlines = args.movie !== undefined && args.labels !== undefined ? await ctx.openMovie(args.labels) : undefined;
    try {
      const { t: total, z: slices, x: width, y: height } = movie.shape;
      if (outlines && (outlines.shape.x !== width || outlines.shape.y !== height)) throw new InputError(`montage: labels ${args.labels} are ${outlines.shape.x}x${outlines.shape.y} px but the movie ${args.movie} is ${width}x${height} px; give the labels segmented from this movie`);
      if (outlines && outlines.shape.t !== total) throw new InputError(`montage: labels ${args.labels} have ${outlines.shape.t} frames but the movie ${args.movie} has ${total}; give the labels segmented from this movie`);
      const isLabels = args.movie === undefined;
      const channel = isLabels ? 0 : channelIndex(movie, args.channel);
      const shown = montageFrames(total, args, frameRange(movie, args.frames));
      const mid = Math.floor(slices / 2);
      // one contrast for every panel (from the planes shown), so frames compare as in Fiji's montage of a stack
      const planes: ArrayLike<number>[] = [];
      for (const t of shown) {
        if (ctx.signal.aborted) throw new Error('cancelled');
        planes.push(await movie.plane(t, mid, channel));
      }
      const sample: number[] = [];
      for (const p of planes) for (let i = 0; i < p.length; i += Math.max(1, Math.floor(p.length / 20000))) sample.push(p[i]);
      const range = displayRange(sample);
      let outlined = 0;
      const panels: RgbaImage[] = [];
      for (const [k, plane] of planes.entries()) {
        if (!isLabels) {
          const panel = planeToRgba(plane, width, height, range);
          if (outlines) outlined += drawLabelOutlines(panel, await outlines.plane(shown[k], outlines.shape.z > 1 ? mid : 0, 0));
          panels.push(panel);
          continue;
        }
        const data = new Uint8Array(width * height * 4);
        for (let i = 0; i < width * height; i++) {
          if (plane[i] !== 0) [data[i * 4], data[i * 4 + 1], data[i * 4 + 2]] = colorOf(plane[i]);
          data[i * 4 + 3] = 255;
        }
        panels.push({ width, height, data });
      }
      const columns = args.columns ?? (args.rows ? Math.ceil(shown.length / args.rows) : montageColumns(shown.length));
      const rows = Math.ceil(shown.length / Math.min(columns, shown.length));
      const zoom = args.zoom ?? Math.max(1, Math.ceil(128 / Math.max(1, Math.min(width, height))));
      const pixelUm = movie.meta.pixelSizeUm;
      const barUm = args.scaleBar && pixelUm ? scaleBarLength(width * pixelUm) : undefined;
      const picture = makeMontage(panels, {
        columns,
        borderPx: args.borderPx * zoom,
        zoom,
        ...(args.frameNumbers ? { captions: shown.map((t) => `t=${t + 1}`) } : {}),
        ...(barUm && pixelUm ? { scaleBarPx: barUm / pixelUm } : {}),
      });
      const path = ctx.outputPath('montage.png', args.output);
      writeFileSync(path, encodePng(picture));
      const list = shown.map((t) => t + 1).join(', ');
      const what = isLabels ? ' of the masks' : outlines ? ` with the outlines of ${args.labels} (${outlined} object${outlined === 1 ? '' : 's'} over the panels)` : slices > 1 ? ' (middle z slice)' : '';
      const artifact = ctx.addArtifact('plot', path, `montage of frames ${list}${isLabels ? ' (masks)' : outlines ? ' (outlined)' : ''}`);
      const bar = !args.scaleBar ? 'no scale bar (as asked)' : barUm ? `scale bar ${barUm} µm on the last panel` : 'no scale bar: the pixel size is not known (set it with "the pixel size is 0.65 µm")';
      return {
        summary: `Made a montage of frames ${list}${what} in ${Math.min(columns, shown.length)} column${Math.min(columns, shown.length) > 1 ? 's' : ''} x ${rows} row${rows > 1 ? 's' : ''}, ${args.frameNumbers ? 'each panel with its frame number' : 'no frame numbers'}, ${bar}.`,
        artifacts: [artifact],
        values: { panels: shown.length, columns: Math.min(columns, shown.length), rows, ...(barUm ? { scaleBarUm: barUm } : {}), ...(outlines ? { objectsOutlined: outlined } : {}) },
      };
    } finally {
      await movie.close();
      await outlines?.close();
    }
  },
});

export const tools: ToolSpec[] = [montage as unknown as ToolSpec];
