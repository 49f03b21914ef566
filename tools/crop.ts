// The crop tool: a rectangle of every plane (and, if asked, some frames or one channel) written as a new
// movie, as Fiji's Image > Crop and Image > Duplicate with a rectangle. The raw movie is never changed; the
// crop keeps the calibration, so what is measured on it is the recording's, in the same units.
import { z } from 'zod';
import { InputError } from '../src/errors.ts';
import type { PlaneData } from '../src/image/movie.ts';
import { channelArg, channelIndex, frameRange, frameRangeArg, movieArg, outputArg } from './common.ts';
import { REGION_WORDS, REGIONS, type Region } from './regionWords.ts';
import { defineTool, type RequestClause, type ToolSpec } from './types.ts';

export interface Rectangle {
  /** Left and top edges, px from the image's top-left corner (0-based, as Fiji's rectangle). */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The rectangle a crop's arguments name in an image of widthPx x heightPx: exact coordinates, a size placed in a region, or a region (a quarter, a half, the central half). */
export function cropRectangle(widthPx: number, heightPx: number, args: { x?: number; y?: number; width?: number; height?: number; region?: Region; frames?: unknown; channel?: unknown }): Rectangle {
  // (frames or a channel alone, as Fiji's Duplicate: the whole field)
  if (args.x === undefined && args.y === undefined && args.width === undefined && args.height === undefined && args.region === undefined && (args.frames !== undefined || args.channel !== undefined)) return { x: 0, y: 0, width: widthPx, height: heightPx };
  const half = (n: number) => Math.floor(n / 2);
  const w = args.width ?? (args.region === undefined ? undefined : /half$/.test(args.region) && /^(?:top|bottom)/.test(args.region) ? widthPx : half(widthPx));
  const h = args.height ?? (args.region === undefined ? undefined : /half$/.test(args.region) && /^(?:left|right)/.test(args.region) ? heightPx : half(heightPx));
  if (w === undefined || h === undefined) throw new InputError('crop needs a rectangle: give x, y, width and height in px (e.g. {"x": 10, "y": 20, "width": 64, "height": 64}) or a region such as "top_left" or "centre"');
  const region = args.region ?? (args.x === undefined && args.y === undefined ? 'centre' : undefined);
  const across = (side: number, size: number, where: 'start' | 'middle' | 'end') => (where === 'start' ? 0 : where === 'end' ? side - size : half(side - size));
  const whereX = region === undefined ? undefined : /left/.test(region) ? 'start' : /right/.test(region) ? 'end' : 'middle';
  const whereY = region === undefined ? undefined : /^top/.test(region) ? 'start' : /^bottom/.test(region) ? 'end' : 'middle';
  const x = args.x ?? across(widthPx, w, whereX ?? 'start');
  const y = args.y ?? across(heightPx, h, whereY ?? 'start');
  if (w < 1 || h < 1 || x < 0 || y < 0 || x + w > widthPx || y + h > heightPx) {
    throw new InputError(`crop: the rectangle x ${x}-${x + w - 1}, y ${y}-${y + h - 1} (${w} x ${h} px) does not fit in the ${widthPx} x ${heightPx} px image; give one inside x 0-${widthPx - 1}, y 0-${heightPx - 1}`);
  }
  return { x, y, width: w, height: h };
}

/** The rectangle in people's words: "the top left quarter", "the central 100 x 100 px", "a 64x64 region at (10, 20)", "x 10-100, y 20-80", "from (5,5) to (60,60)". */
/** Fiji's Split Channels in words: every channel into an image of its own. */
const SPLIT_CHANNELS = /\b(?:split|separat|unmix|de-?interleav|break)\w*\s+(?:up\s+)?(?:the\s+|all\s+|my\s+|both\s+)?(?:(?:two|three|four|\d)\s+)?(?:colou?r\s+)?channels\b|\bchannels\s+(?:split|separated)\b|\b(?:a|one)\s+(?:file|image|stack|movie|tiff?)\s+(?:per|for\s+each|for\s+every)\s+channel\b/i;
/** One channel kept alone ("just the green channel", "only channel 2", "the DAPI channel alone", "drop the other channels"). */
const ONE_CHANNEL = /\b(?:just|only|solely|alone|isolate|extract|keep|duplicate)\b[^,;.]{0,30}\bchannel\b|\bchannel\b[^,;.]{0,20}\b(?:alone|only|by\s+itself|on\s+its\s+own)\b|\b(?:drop|discard|remove|lose|ditch)\s+(?:the\s+|all\s+the\s+)?(?:rest|other\s+channels?|others)\b/i;

export function readCropRequest(c: RequestClause): Record<string, unknown> {
  const text = c.text;
  const args: Record<string, unknown> = {};
  const region = REGION_WORDS.find(([words]) => words.test(text))?.[1];
  if (region) args.region = region;
  const corners = /\(\s*(\d+)\s*,\s*(\d+)\s*\)\s*(?:to|-|–|and)\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)/.exec(text);
  if (corners) {
    const [x0, y0, x1, y1] = corners.slice(1).map(Number);
    return { x: Math.min(x0, x1), y: Math.min(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0), region: undefined };
  }
  const ranges = /\bx\s*(?:=|:|from)?\s*(\d+)\s*(?:-|–|to)\s*(\d+)\s*(?:,|and)?\s*y\s*(?:=|:|from)?\s*(\d+)\s*(?:-|–|to)\s*(\d+)/i.exec(text);
  if (ranges) {
    const [x0, x1, y0, y1] = ranges.slice(1).map(Number);
    return { x: Math.min(x0, x1), y: Math.min(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0), region: undefined };
  }
  const size = /\b(\d+)\s*(?:px|pixels?)?\s*(?:x|×|by)\s*(\d+)\b/i.exec(text);
  if (size) Object.assign(args, { width: Number(size[1]), height: Number(size[2]) });
  const at = /\b(?:at|from|starting\s+at|origin|top[\s-]*left\s+corner\s+at|corner\s+at)\s*\(?\s*(\d+)\s*,\s*(\d+)\s*\)?/i.exec(text);
  if (at && size) Object.assign(args, { x: Number(at[1]), y: Number(at[2]), region: undefined });
  // "split the channels", Fiji's Split Channels: a file per channel is no one step; one channel is kept per crop
  if (SPLIT_CHANNELS.test(text)) return { $decline: 'Not done: splitting every channel into a file of its own is no single step here; `crop` keeps one channel ("just channel 2", "only the GFP channel") and `export` saves it, one channel at a time.' };
  // "just the green channel", "keep only channel 2", "drop the rest": one channel alone, Fiji's Duplicate of a channel, the whole field
  const one = ONE_CHANNEL.test(text) ? c.read.channel(text) : undefined;
  if (one !== undefined) args.channel = one;
  // ("crop to frames 1-20": frames alone, Fiji's Duplicate of a range, keep the whole field)
  if (!args.region && !args.width && one === undefined && !/\b(?:frames?|time ?points?|timepoints?|channels?)\s*\d|\b(?:first|initial|last|final)\s+\d+\s+(?:frames|time ?points|timepoints)\b/i.test(text)) args.$ask = 'Which part of the image should I crop? Give a rectangle in px (e.g. "x 10-100, y 20-80" or "a 64x64 region at (10, 20)") or a region ("the top left quarter", "the left half", "the centre").';
  return args;
}

const crop = defineTool({
  name: 'crop',
  // (no program named here: the summary's words are the matcher's vocabulary, and "fiji" there made "fix" a slip of it)
  summary: 'Crops the movie to a rectangle of its frames (optionally only some frames or one channel), written as a new movie; the original is left as it is.',
  // (the words of a region alone, "the top left quarter", are another step's scope: regionScope.ts cuts it first)
  // ("cut" means touching in the thesaurus: "cells cut by the edge")
  // (one channel alone is Fiji's Duplicate of a channel; "split channels" is declined by the reader, named, never a division)
  words: ['crop', 'cropped', 'cropping', 'crop out', 'trim the image', 'channel alone', 'only channel', 'just channel', 'keep channel', 'extract channel', 'isolate channel', 'duplicate channel', 'split channels', 'separate channels', 'split channel', 'subregion', 'subimage'],
  examples: ['crop to the top left quarter', 'crop a 64x64 region at (10, 20)', 'crop x 10-100, y 20-80 and segment it', 'crop it to 256 x 256 px'],
  consumes: ['movie'],
  produces: ['movie'],
  framesOut: 'same',
  // (only cut: intensities measured on it are the recording's)
  keepsRecording: true,
  cutsRegion: true,
  // (a region's words name no crop by themselves: "segment the top left quarter" is a segmentation of a region)
  valueWords: { region: Object.fromEntries(REGIONS.map((r) => [r, []])) },
  results: {
    x: { about: 'left edge of the rectangle, px from the left of the image (0-based)', unit: 'px', setting: true },
    y: { about: 'top edge of the rectangle, px from the top of the image (0-based)', unit: 'px', setting: true },
    width: { about: 'width of the crop', unit: 'px', setting: true },
    height: { about: 'height of the crop', unit: 'px', setting: true },
    frames: { about: 'frames kept', unit: 'frames' },
  },
  inapplicable: {
    region: (a) => (a.x !== undefined && a.y !== undefined ? 'the rectangle was given by its corner, so no region places it' : undefined),
  },
  description:
    'Crops a movie to a rectangle, as Image > Crop (and Image > Duplicate with a rectangle, frames and a channel) do: give x, y (the top-left corner, px from the image\'s top-left, 0-based) with width and height in px, or a region ("top_left", "top_right", "bottom_left", "bottom_right" quarters, "left_half", "right_half", "top_half", "bottom_half", or "centre": the central half, or a width x height placed in the middle); a size alone is centred. Every z slice is kept; frames and channel keep only those. Writes a new movie with the same data type and calibration; the input is never changed.',
  schema: z.object({
    movie: movieArg,
    x: z.number().int().min(0).optional().describe('Left edge of the rectangle, px from the image\'s left (0-based, as Fiji)'),
    y: z.number().int().min(0).optional().describe('Top edge of the rectangle, px from the image\'s top (0-based)'),
    width: z.number().int().min(1).optional().describe('Width of the rectangle, px'),
    height: z.number().int().min(1).optional().describe('Height of the rectangle, px'),
    region: z.enum(REGIONS).optional().describe('A part of the image instead of (or to place) a rectangle: a quarter ("top_left" ...), a half ("left_half" ...), or "centre" (the central half, or width x height in the middle)'),
    frames: frameRangeArg.optional().describe('Frames to keep, 1-based inclusive; default all'),
    channel: channelArg.optional().describe('Keep only this channel (1-based or name); default every channel'),
    output: outputArg.describe('Where to write the cropped movie (.tif); default a new file in the session folder'),
  }),
  fromRequest: readCropRequest,
  async run(args, ctx) {
    const { createMovieWriter } = await import('../src/image/writer.ts');
    const movie = await ctx.openMovie(args.movie);
    try {
      const { x: widthPx, y: heightPx, z: slices } = movie.shape;
      const rect = cropRectangle(widthPx, heightPx, args);
      const [first, last] = frameRange(movie, args.frames);
      const channels = args.channel === undefined ? Array.from({ length: movie.shape.c }, (_, c) => c) : [channelIndex(movie, args.channel)];
      const colours = typeof movie.meta.extra?.channel_colors === 'string' ? String(movie.meta.extra.channel_colors).split(',') : undefined;
      const meta = {
        ...movie.meta,
        channelNames: channels.map((c) => movie.meta.channelNames[c] ?? `C${c + 1}`),
        extra: { ...movie.meta.extra, ...(colours ? { channel_colors: channels.map((c) => colours[c] ?? '').join(',') } : {}), crop: `x=${rect.x} y=${rect.y} width=${rect.width} height=${rect.height} frames=${first + 1}-${last + 1}` },
      };
      const path = ctx.outputPath('cropped.tif', args.output);
      const shape = { t: last - first + 1, z: slices, c: channels.length, y: rect.height, x: rect.width };
      const writer = await createMovieWriter(path, { shape, dtype: movie.dtype, meta });
      try {
        let plane: PlaneData | undefined;
        let out: PlaneData | undefined;
        const total = shape.t * shape.z * shape.c;
        for (let t = first; t <= last; t++)
          for (let z = 0; z < slices; z++)
            for (const c of channels) {
              if (ctx.signal.aborted) throw new InputError('cancelled');
              plane = await movie.plane(t, z, c, plane);
              const source = plane;
              const target = (out ??= new (source.constructor as new (n: number) => PlaneData)(rect.width * rect.height));
              for (let row = 0; row < rect.height; row++) {
                const from = (rect.y + row) * widthPx + rect.x;
                target.set(source.subarray(from, from + rect.width) as never, row * rect.width);
              }
              await writer.writePlane(out);
              ctx.progress(writer.planesWritten, total, 'planes');
            }
      } catch (err) {
        await writer.abort();
        throw err;
      }
      await writer.close();
      const where = `x ${rect.x}-${rect.x + rect.width - 1}, y ${rect.y}-${rect.y + rect.height - 1}`;
      const place = args.region && (args.x === undefined || args.y === undefined) ? ` (${args.region.replace('_', ' ')}${args.region === 'centre' && args.width === undefined ? ': the central half' : ''})` : args.x === undefined && args.y === undefined ? ' (centred)' : '';
      const keptFrames = first === 0 && last === movie.shape.t - 1 ? `all ${shape.t} frames` : `frames ${first + 1}-${last + 1}`;
      const keptChannels = args.channel === undefined ? '' : `, channel ${meta.channelNames[0]} only`;
      const ref = ctx.addArtifact('movie', path, `crop ${where} of ${args.movie}`);
      const pixel = movie.meta.pixelSizeUm ? ` (${+(rect.width * movie.meta.pixelSizeUm).toPrecision(4)} x ${+(rect.height * movie.meta.pixelSizeUm).toPrecision(4)} µm)` : '';
      return {
        summary: `Cropped ${rect.width} x ${rect.height} px${pixel} at ${where}${place} of the ${widthPx} x ${heightPx} px image, ${keptFrames}${keptChannels}; saved as ${ref.id}, the original unchanged.`,
        artifacts: [ref],
        values: { ...rect, frames: shape.t, channels: shape.c },
      };
    } finally {
      await movie.close();
    }
  },
});

export const tools: ToolSpec[] = [crop as unknown as ToolSpec];
