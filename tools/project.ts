// Projection tools: intensity projections over time or z, Fiji's temporal colour code,
// and kymographs along a line. Thin wrappers over src/analysis/project.ts and kymograph.ts.
import { z } from 'zod';
import { channelArg, channelIndex, channelName, frameRange, frameRangeArg, movieArg, outputArg } from './common.ts';
import { defineTool, type RequestClause, type ToolContext, type ToolResult, type ToolSpec } from './types.ts';
import type { Movie } from '../src/image/movie.ts';
import { colouredByAProperty, colouredByAPropertyLine } from './requestWords.ts';

/** The projection method (max unless named) and axis: over time ("colour-coded", "through time") or z ("the z-stack"). */
/** Colour that tells time: "coloured by time", "colour each frame differently", "each frame a different colour", "time-coloured". */
const COLOURED_BY_TIME = /\bcolou?r(?:ed|[- ]coded)?\s+(?:by|according\s+to|with)\s+(?:the\s+)?(?:time|frames?|time ?points?)\b|\bcolou?r\s+(?:each|every)\s+(?:frame|time ?point)\b|\b(?:each|every)\s+(?:frame|time ?point)\s+(?:in\s+)?(?:a\s+)?(?:different|its\s+own)\s+colou?r\b|\btime[- ]colou?red\b/i;

/** Channels made into one colour image: "Merge Channels", "a composite", "overlay the red and green", "as an RGB". */
const MERGED_CHANNELS = /\bcomposite\b|\b(?:merg|overlay|overlaid|blend)\w*\s+(?:the\s+|all\s+|both\s+|my\s+)?(?:(?:two|three|four|\d)\s+)?(?:colou?r\s+)?channels\b|\bchannels?\b[^,;.]{0,30}\b(?:into|as|to)\s+(?:an?\s+|one\s+)?(?:rgb|colou?r\s+(?:image|picture|overlay)|overlay)\b|\b(?:into|as)\s+(?:an?\s+|one\s+)?rgb\b/i;

function readProjectionRequest(c: RequestClause): Record<string, unknown> {
  // ("colour-code the nuclei by their area": the Temporal-Color Code colours by time only; no projection, the line says why)
  const property = colouredByAProperty(c.text);
  if (property) return { $decline: colouredByAPropertyLine(property) };
  // "Merge Channels", "a composite", "overlay red and green": a colour image of several channels is no step here; named, never a projection
  if (MERGED_CHANNELS.test(c.text)) return { $decline: 'Not done: there is no tool to merge channels into a colour composite (one RGB image, as Fiji\'s Merge Channels); `project` collapses time or z for each channel, and `crop` keeps one channel ("just channel 2").' };
  // "average the channels together": collapsing the channels is no axis offered; asked back, never a time projection instead
  if (/\b(?:averag|sum|add|combin|merg|collaps|project|overlay|blend|flatten|max|mean)\w*\s+(?:up\s+|together\s+)?(?:the\s+|all\s+|both\s+)?(?:(?:two|three|four|\d)\s+)?(?:colou?r\s+)?channels\b(?!\s+\d)|\b(?:across|over)\s+(?:the\s+|all\s+)?channels\b/i.test(c.text) && !/\b(?:z|time|frames|slices|stack)\b/i.test(c.text)) {
    return { $ask: 'I cannot combine channels: `project` collapses time ("a max projection over time") or z ("a z projection"), one image per channel. Say which of these you want, or name one channel to work on ("channel 2").' };
  }
  // "every 5 min" is no "min" projection
  let method = c.read.value('method', c.text.replace(/\d+\s*min(?:ute)?s?\b/gi, '')) ?? 'max';
  if (/\bover time\b|\btime projection\b/i.test(c.text) && method === 'max' && !/\bmax/i.test(c.text) && /colou?r/i.test(c.text)) method = 'temporal_color';
  // (Fiji's Temporal-Color Code is a max projection with each frame in its colour: "a max projection coloured by time")
  if ((method === 'max' || method === 'temporal_color') && COLOURED_BY_TIME.test(c.text)) method = 'temporal_color';
  const overTime = /\bover time\b|\btime projection\b|\bcolou?r[- ]coded\b|\balong time\b|\ball frames\b|\btemporal\b|\bthrough time\b/i.test(c.text);
  const overZ = /\bz\b|\bz-?stack\b|\bslices\b|\bfocal planes\b|\bz-?project/i.test(c.text);
  // (the best-focused slice is one of the z slices: "the sharpest plane of each time point" says no z)
  if (method === 'best_focus') return { method, axis: 'z' };
  return { method, ...(overTime ? { axis: 't' } : overZ ? { axis: 'z' } : {}) };
}

const project = defineTool({
  name: 'project',
  summary: 'Projects a movie over time or z into one image (maximum, mean, sum, minimum, standard deviation, or a colour-coded time projection).',
  words: ['projection', 'project', 'maximum intensity projection', 'max projection', 'mip', 'z-projection', 'collapse', 'flatten', 'squash', 'squash the stack', 'colour-coded', 'color-coded', 'temporal colour', 'coloured by time', 'colored by time', 'overview image', 'single image', 'composite', 'merge channels', 'overlay channels', 'rgb overlay'],
  examples: ['make a maximum intensity projection', 'average projection over time', 'z-project the stack', 'colour-coded time projection', 'give me a MIP'],
  consumes: ['movie'],
  // over time (the default) or colour-coded: one frame; over z: the frames of the input
  framesOut: (args) => ((args.axis === 'z' || args.method === 'best_focus') && args.method !== 'temporal_color' ? 'same' : 'one'),
  // over z: one slice per frame; over time: the input's slices
  zOut: (args) => (args.axis === 'z' || args.method === 'best_focus' ? 'one' : 'same'),
  produces: ['movie'],
  results: { projected: { about: 'planes projected', unit: '' }, bestSlicePerFrame: { about: 'best-focused z slice kept in each frame (the sharpest plane, 1-based)', unit: '', example: 5, words: ['sharpest slice', 'sharpest plane', 'sharpest z slice', 'best focus', 'best-focused slice', 'focused slice', 'focused plane', 'slice kept', 'plane kept', 'slice to keep', 'plane to keep'] } },
  valueWords: { method: { max: ['maximum', 'max', 'mip', 'brightest'], mean: ['mean', 'average', 'avg'], sum: ['sum', 'summed', 'total intensity'], min: ['minimum', 'min'], std: ['standard deviation', 'std', 'sd', 'stdev'], temporal_color: ['colour-coded', 'color-coded', 'temporal colour', 'temporal color', 'rainbow', 'time colour', 'coloured by time', 'colored by time'], best_focus: ['best focused slice', 'best-focused slice', 'best focus slice', 'best focus plane', 'best focused plane', 'best-focused plane', 'focused slices', 'focused plane', 'focal plane with the best focus', 'find focused slices', 'sharpest plane', 'sharpest z plane', 'sharpest z slice', 'best z plane', 'focused z plane', 'in-focus z plane', 'in focus z plane', 'best focal plane', 'sharpest focal plane'] }, axis: { time: ['over time', 'time projection', 'all frames', 'through time', 'temporal'], z: ['z-stack', 'slices', 'focal planes', 'z-project', 'z projection'] } },
  description:
    'Collapses a movie along time or z into one image per remaining position, as Fiji\'s Z Project: "max" (default), "mean", "min", "sum" or "std" intensity; or "temporal_color" (Fiji\'s Temporal-Color Code: each frame tinted by its time through a LUT, merged into one RGB image that shows where things were when); or "best_focus" (Fiji\'s Find focused slices: the z slice of each frame with the highest normalised variance, kept whole, every channel from that slice). Writes a movie artifact.',
  schema: z.object({
    movie: movieArg,
    method: z
      .enum(['max', 'mean', 'min', 'sum', 'std', 'temporal_color', 'best_focus'])
      .default('max')
      .describe('Projection type, as Fiji\'s Z Project ("max" default, "mean", "min", "sum", "std" sample standard deviation), "temporal_color" for a time-coded RGB image, or "best_focus" to keep the best-focused z slice of each frame (highest normalised variance: grey-level variance over mean; scored on `channel`, else channel 1)'),
    axis: z.enum(['time', 'z']).default('time').describe('Axis to collapse: "time" (default; one image per z and channel) or "z" (one image per frame and channel); temporal_color always collapses time'),
    frames: frameRangeArg.optional().describe('Frames to include, 1-based inclusive (for axis "time" and temporal_color); default all'),
    channel: channelArg.optional().describe('Channel to project alone (1-based or name); default every channel (temporal_color: channel 1)'),
    lut: z.enum(['fire', 'spectrum']).default('fire').describe('temporal_color only: colour table from early to late, "fire" (Fiji\'s default) or "spectrum"'),
    output: outputArg.describe('Where to write the projection (.tif); default a new file in the session folder'),
  }),
  inapplicable: {
    lut: (a) => (a.method === 'temporal_color' ? undefined : 'a colour table applies only to method temporal_color'),
    axis: (a) => (a.method === 'temporal_color' && a.axis === 'z' ? 'temporal_color always collapses time' : a.method === 'best_focus' && a.axis === 'time' ? 'best_focus always picks a z slice in each frame' : undefined),
  },
  fromRequest: readProjectionRequest,
  async run(args, ctx) {
    const { projectMovie, temporalColorCode } = await import('../src/analysis/project.ts');
    const movie = await ctx.openMovie(args.movie);
    try {
      const frames = frameRange(movie, args.frames);
      const progress = (done: number, total: number, label?: string) => ctx.progress(done, total, label);
      if (args.method === 'temporal_color') {
        const channel = channelIndex(movie, args.channel);
        const path = ctx.outputPath('temporal-color.tif', args.output);
        await temporalColorCode(movie, path, { channel, frames, lut: args.lut, onProgress: progress, signal: ctx.signal });
        const ref = ctx.addArtifact('movie', path, `temporal colour code of frames ${frames[0] + 1}-${frames[1] + 1} (RGB)`);
        return {
          summary: `Colour-coded frames ${frames[0] + 1} to ${frames[1] + 1} of channel ${channel + 1} by time (${args.lut} LUT: dark = early, bright = late) into one RGB image.`,
          artifacts: [ref],
          values: { frames: frames[1] - frames[0] + 1, channel: channel + 1, lut: args.lut },
        };
      }
      if (args.method === 'best_focus') return await bestFocus(movie, args, ctx);
      const range: [number, number] = args.axis === 'time' ? frames : [0, movie.shape.z - 1];
      const path = ctx.outputPath(`${args.method}-projection.tif`, args.output);
      const channel = args.channel === undefined ? undefined : channelIndex(movie, args.channel);
      const { shape } = await projectMovie(movie, path, { method: args.method, axis: args.axis, range, channel, onProgress: progress, signal: ctx.signal });
      const ofChannel = channel === undefined ? '' : ` of channel ${channel + 1} (${channelName(movie, channel)})`;
      const ref = ctx.addArtifact('movie', path, `${args.method} projection${ofChannel} over ${args.axis}`);
      const over = args.axis === 'time' ? `frames ${range[0] + 1} to ${range[1] + 1}` : `${movie.shape.z} z slices`;
      return {
        summary: `Made the ${args.method} intensity projection${ofChannel} over ${over}.`,
        artifacts: [ref],
        values: { method: args.method, axis: args.axis, projected: range[1] - range[0] + 1, shape, ...(channel === undefined ? {} : { channel: channel + 1 }) },
      };
    } finally {
      await movie.close();
    }
  },
});

/** The best-focused z slice of each frame, every channel (or the one asked) from it. */
async function bestFocus(movie: Movie, args: { channel?: string | number; output?: string }, ctx: ToolContext): Promise<ToolResult> {
  const { bestFocusSlices } = await import('../src/analysis/bestFocus.ts');
  const channel = args.channel === undefined ? undefined : channelIndex(movie, args.channel);
  const path = ctx.outputPath('best-focus.tif', args.output);
  const { shape, slices } = await bestFocusSlices(movie, path, { channel, onProgress: (done, total, label) => ctx.progress(done, total, label), signal: ctx.signal });
  const scoredOn = channel ?? 0;
  const ref = ctx.addArtifact('movie', path, `best-focused z slice of each frame (of ${movie.shape.z})`);
  const kept = slices.map((z) => z + 1);
  const same = kept.every((z) => z === kept[0]);
  // (a score still rising at the first or last slice has no peak inside the stack: the sharpest plane may lie beyond it)
  const atAnEnd = slices.filter((z) => z === 0 || z === movie.shape.z - 1).length;
  const edge = atAnEnd > 0 ? ` In ${atAnEnd === slices.length ? 'every frame' : `${atAnEnd} of ${slices.length} frames`} the sharpest slice is the ${slices.some((z) => z === 0) ? 'first' : 'last'} of the stack, so the focus may lie outside it: check those slices by eye (a bright-field stack is often sharpest where its contrast is lowest).` : '';
  return {
    summary: `Kept the best-focused of ${movie.shape.z} z slices in each of ${kept.length} frame${kept.length === 1 ? '' : 's'} (highest normalised variance of channel ${scoredOn + 1} (${channelName(movie, scoredOn)}), as Fiji's Find focused slices): ${same ? `slice ${kept[0]} in every frame` : `slices ${kept.join(', ')}`}${channel === undefined && movie.shape.c > 1 ? '; every channel from that slice' : ''}.${edge}`,
    artifacts: [ref],
    values: { method: 'best_focus', axis: 'z', bestSlicePerFrame: kept, shape },
  };
}

const ASK_LINE = 'To draw a kymograph I need the line: give its end points in pixels, e.g. "a kymograph from (10, 50) to (200, 50)", or say where it runs ("a horizontal line through the middle").';

/**
 * A line said in words, across the whole image ("a horizontal line through the middle",
 * "along the top row", "down the left edge", "along the diagonal", "the row at y = 40"),
 * as end points from the movie's size; undefined when the words give no line.
 */
function lineFromWords(text: string, size: { width: number; height: number } | undefined): { points?: number[][]; say?: string; ask?: string } | undefined {
  const t = text.toLowerCase();
  const diagonal = /\bdiagonal/.test(t);
  const at = (axis: 'x' | 'y') => {
    const m = new RegExp(axis === 'y' ? '\\b(?:y\\s*=\\s*|row\\s+(?:at\\s+)?|at\\s+y\\s+)(\\d+)' : '\\b(?:x\\s*=\\s*|column\\s+(?:at\\s+)?|at\\s+x\\s+)(\\d+)').exec(t);
    return m ? Number(m[1]) : undefined;
  };
  const vertical = /\bvertical|\bcolumn\b|\bup\s+and\s+down\b|\bdown\s+(?:the\s+)?(?:middle|centre|center)\b|\btop\s+to\s+(?:the\s+)?bottom\b|\b(?:left|right)\s+(?:edge|side|border)\b|\bx\s*=\s*\d/.test(t);
  const horizontal = /\bhorizontal|\brow\b|\bleft\s+to\s+(?:the\s+)?right\b|\b(?:top|bottom)\s+(?:edge|side|border|row)\b|\by\s*=\s*\d/.test(t);
  const where = /\b(?:middle|centre|center|central|halfway|top|bottom|left|right)\b/.test(t);
  // (a place the kymograph runs across is a line too: "a kymograph across the middle", "through the centre")
  const runsAcross = /\b(?:across|through|along|down)\s+(?:the\s+)?(?:very\s+)?(?:middle|centre|center|top|bottom)\b/.test(t);
  if (!diagonal && !vertical && !horizontal && !(where && (/\bline\b|\brow\b|\bcolumn\b|\bedge\b/.test(t) || runsAcross))) return undefined;
  if (!size) return { ask: `${ASK_LINE} (The movie's size is not known here, so I cannot place a line said in words.)` };
  const w = size.width - 1;
  const h = size.height - 1;
  const mid = (n: number) => Math.round(n / 2);
  if (diagonal) {
    const other = /\banti-?diagonal|\bother\s+diagonal|\b(?:top|upper)[- ]right\b|\b(?:bottom|lower)[- ]left\b/.test(t);
    const points = other ? [[w, 0], [0, h]] : [[0, 0], [w, h]];
    return { points, say: `the ${other ? 'diagonal from the top right to the bottom left' : 'diagonal from the top left to the bottom right'}` };
  }
  if (vertical && !horizontal) {
    const x = at('x') ?? (/\bleft\b/.test(t) ? 0 : /\bright\b/.test(t) ? w : mid(w));
    return { points: [[x, 0], [x, h]], say: `a vertical line at x = ${x} px${x === mid(w) && at('x') === undefined ? ' (the middle)' : ''}` };
  }
  const y = at('y') ?? (/\btop\b/.test(t) ? 0 : /\bbottom\b/.test(t) ? h : mid(h));
  return { points: [[0, y], [w, y]], say: `a horizontal line at y = ${y} px${y === mid(h) && at('y') === undefined ? ' (the middle)' : ''}` };
}

/**
 * A straight line said as a range on one axis at a value of the other ("along x from 0 to 100 at y = 40",
 * "x = 10-90, y = 25"), in pixels; undefined when the words say no such range.
 */
function lineFromRange(text: string): number[][] | undefined {
  const range = /\b(?:along\s+|on\s+)?([xy])\s*(?:=\s*|from\s+|:\s*)?(?:from\s+)?(\d+(?:\.\d+)?)\s*(?:to|-|–|\.\.)\s*(?:[xy]\s*=\s*)?(\d+(?:\.\d+)?)\b/i.exec(text);
  if (!range) return undefined;
  const axis = range[1].toLowerCase();
  const other = axis === 'x' ? 'y' : 'x';
  const rest = text.slice(0, range.index) + ' '.repeat(range[0].length) + text.slice(range.index + range[0].length);
  const fixed = new RegExp(String.raw`\b${other}\s*=\s*(\d+(?:\.\d+)?)|\bat\s+${other}\s+(\d+(?:\.\d+)?)`, 'i').exec(rest);
  if (!fixed) return undefined;
  const at = Number(fixed[1] ?? fixed[2]);
  const [a, b] = [Number(range[2]), Number(range[3])];
  return axis === 'x' ? [[a, at], [b, at]] : [[at, a], [at, b]];
}

/** The line's end points in pixels ("from (10, 50) to (200, 50)", or in words from the movie's size), asked for when missing, and its width. */
function readKymographRequest(c: RequestClause): Record<string, unknown> {
  const pairs = [...c.text.matchAll(/\(?\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*\)?/g)].map((m) => [Number(m[1]), Number(m[2])]);
  const width = c.read.quantity(['length', 'count'], /wide|width|thick|(?:averag\w*|mean|max\w*)\s+(?:over|across)/) ?? c.quantities.find((q) => q.kind === 'length' && /^\s*(?:wide|thick)|^\s*(?:line )?width/.test(q.after));
  const across = /\baverag\w*|\bmean\b/i.test(c.text) ? { across: 'mean' } : {};
  if (pairs.length >= 2) return { points: pairs, widthPx: width?.value, ...across };
  const ranged = lineFromRange(c.text);
  if (ranged) return { points: ranged, widthPx: width?.value, ...across };
  const line = lineFromWords(c.text, c.movieSizePx);
  if (!line?.points) return { $ask: line?.ask ?? ASK_LINE };
  const size = c.movieSizePx!;
  const [a, b] = [line.points[0], line.points.at(-1)!];
  return { points: line.points, widthPx: width?.value, ...across, $note: `The kymograph line is ${line.say} of the ${size.width} x ${size.height} px image, from (${a.join(', ')}) to (${b.join(', ')}).` };
}

const kymographTool = defineTool({
  name: 'kymograph',
  summary: 'Draws a kymograph: the intensity along a line over time (space-time image).',
  words: ['kymograph', 'kymo', 'space-time', 'spatiotemporal', 'line over time', 'space-time plot', 'pixel row', 'pixel column', 'along the row', 'along the column', 'middle row', 'middle column', 'horizontal line', 'vertical line', 'kymogram', 'kymographs', 'time-space'],
  examples: ['draw a kymograph from (10, 50) to (200, 50)', 'make a kymograph along the line (0,0)-(100,100)', 'space-time plot along a line', 'a kymograph along the middle row'],
  consumes: ['movie'],
  framesOut: 'one',
  produces: ['movie'],
  needsFrames: true,
  results: { lengthPx: { about: 'length of the line', unit: 'px' }, frames: { about: 'frames', unit: 'frames' } },
  description:
    'Builds a kymograph (space-time image) along a straight or segmented line, as Fiji\'s KymographBuilder: one row per frame with time running down, one column per pixel along the line; a moving object draws a slanted track whose slope is its speed (px per frame). Works on every channel (z is max-projected). Writes a float32 image artifact.',
  schema: z.object({
    movie: movieArg,
    points: z
      .array(z.tuple([z.number().describe('x, px from the left edge'), z.number().describe('y, px from the top edge')]))
      .min(2)
      .describe('The line as a list of [x, y] points in pixels (0-based, as in Fiji\'s coordinates), at least two; more points make a polyline'),
    widthPx: z.number().int().min(1).max(200).default(1).describe('Line width in pixels across the line (Fiji line width, default 1)'),
    across: z.enum(['max', 'mean']).default('max').describe('How pixels across the line width are combined: "max" (KymographBuilder default) or "mean"'),
    frames: frameRangeArg.optional().describe('Frames to include, 1-based inclusive; default all'),
    output: outputArg.describe('Where to write the kymograph (.tif); default a new file in the session folder'),
  }),
  fromRequest: readKymographRequest,
  async run(args, ctx) {
    const { kymograph, writeKymograph } = await import('../src/analysis/kymograph.ts');
    const movie = await ctx.openMovie(args.movie);
    try {
      const frames = frameRange(movie, args.frames);
      const result = await kymograph(movie, args.points as [number, number][], {
        widthPx: args.widthPx,
        across: args.across,
        frames,
        signal: ctx.signal,
        onProgress: (done, total, label) => ctx.progress(done, total, label),
      });
      const path = ctx.outputPath('kymograph.tif', args.output);
      await writeKymograph(movie, result, path);
      const ref = ctx.addArtifact('movie', path, `kymograph along ${args.points.length}-point line`);
      const lengthUm = movie.meta.pixelSizeUm ? ` (${(result.width * movie.meta.pixelSizeUm).toFixed(1)} µm)` : '';
      return {
        summary: `Built a kymograph ${result.width} px long${lengthUm} over ${result.height} frames; time runs down, so a slanted track's slope is its speed in px per frame${slopeUnits(movie.meta)}.`,
        artifacts: [ref],
        values: { lengthPx: result.width, frames: result.height, widthPx: args.widthPx, across: args.across },
      };
    } finally {
      await movie.close();
    }
  },
});

/** " (1 px/frame = 0.138 µm/min at 0.415 µm/px and 3 min per frame)" when the movie is calibrated; "" otherwise. */
function slopeUnits(meta: { pixelSizeUm?: number; frameIntervalS?: number }): string {
  if (!meta.pixelSizeUm || !meta.frameIntervalS) return meta.pixelSizeUm || meta.frameIntervalS ? '' : ' (no calibration known)';
  const perMin = meta.frameIntervalS >= 60;
  const speed = (meta.pixelSizeUm / meta.frameIntervalS) * (perMin ? 60 : 1);
  const interval = perMin ? `${+(meta.frameIntervalS / 60).toPrecision(4)} min` : `${+meta.frameIntervalS.toPrecision(4)} s`;
  return ` (1 px/frame = ${+speed.toPrecision(4)} µm/${perMin ? 'min' : 's'} at ${+meta.pixelSizeUm.toPrecision(4)} µm/px and ${interval} per frame)`;
}

export const tools: ToolSpec[] = [project, kymographTool] as unknown as ToolSpec[];
