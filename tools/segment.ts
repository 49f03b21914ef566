// The segment tool: nuclei or cells as a label movie, by a classical pipeline
// (smoothing, Otsu / Li / triangle / manual threshold, fill holes, distance-transform
// watershed to split touching objects, size filters) or by the project's ONNX model.
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InputError, WorkError } from '../src/errors.ts';
import type { Movie } from '../src/image/movie.ts';
import { channelArg, channelIndex, frameRange, frameRangeArg, movieArg, outputArg } from './common.ts';
import { defineTool, type ToolContext, type ToolSpec } from './types.ts';

const schema = z.object({
  movie: movieArg,
  channel: channelArg.optional().describe('Channel to segment, 1-based as in Fiji or by name (e.g. "DAPI"); default 1'),
  method: z
    .enum(['otsu', 'li', 'triangle', 'manual', 'model'])
    .default('otsu')
    .describe('How to find objects: a global threshold as in Fiji/scikit-image ("otsu", default; "li"; "triangle"; "manual" with `threshold`), or "model" for the deep-learning nucleus segmenter'),
  threshold: z.number().optional().describe('Intensity threshold for method "manual", in the movie\'s grey levels (pixels brighter than it are objects)'),
  sigmaPx: z.number().min(0).max(100).optional().describe('Gaussian smoothing before thresholding, pixels (0 = none); default 2'),
  minAreaPx: z.number().min(0).optional().describe('Drop objects smaller than this, pixels; default 20'),
  maxAreaPx: z.number().min(0).optional().describe('Drop objects larger than this, pixels; default no limit'),
  splitTouching: z.boolean().default(true).describe('Split touching objects by a distance-transform watershed (as Fiji\'s Binary > Watershed); default true'),
  splitBy: z
    .enum(['distance', 'intensity'])
    .optional()
    .describe('What separates touching objects: "distance" (shape; maxima of the distance map, default) or "intensity" (bright centres, CellProfiler-style)'),
  minSeedDistancePx: z.number().int().min(1).optional().describe('Smallest distance between the centres of two split objects, pixels (peak_local_max min_distance); default 4'),
  excludeBorder: z.boolean().optional().describe('Drop objects touching the image edge; default false'),
  frames: frameRangeArg.optional().describe('Frames to segment, 1-based inclusive as in Fiji; default all'),
  output: outputArg.describe('Where to write the label movie (.tif); default a new file in the session folder'),
});

type Args = z.infer<typeof schema>;

function summarise(objectsPerFrame: number[]) {
  const total = objectsPerFrame.reduce((a, b) => a + b, 0);
  const mean = objectsPerFrame.length ? total / objectsPerFrame.length : 0;
  return { total, mean: +mean.toFixed(2), min: Math.min(...objectsPerFrame), max: Math.max(...objectsPerFrame) };
}

/** The deep-learning route, provided by src/analysis/segmentModel.ts (the ONNX area). */
async function segmentByModel(movie: Movie, channel: number, frames: [number, number], outputPath: string, ctx: ToolContext) {
  const moduleUrl = new URL('../src/analysis/segmentModel.ts', import.meta.url);
  if (!existsSync(fileURLToPath(moduleUrl))) {
    throw new WorkError('the model segmenter is not installed in this build: use method "otsu" (or "li", "triangle") instead');
  }
  const mod: { segmentWithModel?: Function } = await import(moduleUrl.href);
  if (typeof mod.segmentWithModel !== 'function') throw new WorkError('the model segmenter is not installed in this build: use method "otsu" instead');
  const result = (await mod.segmentWithModel(movie, {
    channel,
    frames,
    outputPath,
    signal: ctx.signal,
    onProgress: (done: number, total: number) => ctx.progress(done, total, 'frames'),
  })) as { path: string; objectsPerFrame: number[] };
  return { ...result, thresholds: [] as number[] };
}

async function segmentClassical(movie: Movie, channel: number, frames: [number, number], outputPath: string, args: Args, ctx: ToolContext) {
  if (args.method === 'manual' && args.threshold === undefined) {
    throw new InputError('method "manual" needs `threshold`, an intensity in the movie\'s grey levels (or use method "otsu")');
  }
  const { segmentMovie } = await import('../src/analysis/segment.ts');
  try {
    return await segmentMovie(movie, {
      channel,
      frames,
      outputPath,
      method: args.method as 'otsu' | 'li' | 'triangle' | 'manual',
      threshold: args.threshold,
      sigmaPx: args.sigmaPx,
      minAreaPx: args.minAreaPx,
      maxAreaPx: args.maxAreaPx,
      splitTouching: args.splitTouching,
      splitBy: args.splitBy,
      minSeedDistancePx: args.minSeedDistancePx,
      excludeBorder: args.excludeBorder,
      signal: ctx.signal,
      onProgress: (done, total) => ctx.progress(done, total, 'planes'),
    });
  } catch (err) {
    if (err instanceof RangeError) throw new InputError(err.message);
    throw err;
  }
}

const segment = defineTool({
  name: 'segment',
  summary: 'Finds nuclei or cells in every frame and writes a label movie (each object its own number), by a threshold and watershed or a deep-learning model.',
  words: ['segment', 'segmentation', 'detect', 'find', 'identify', 'outline', 'mask', 'masks', 'label', 'nuclei', 'nucleus', 'cells', 'objects', 'blobs', 'threshold', 'thresholding', 'otsu', 'watershed', 'count cells', 'pick out', 'locate', 'spot', 'stardist', 'cellpose', 'u-net'],
  examples: ['segment the nuclei', 'find the cells', 'detect nuclei with the Li threshold', 'make masks of the nuclei', 'outline every cell', 'count the nuclei in each frame', 'segment with a threshold of 120'],
  consumes: ['movie'],
  produces: ['labels'],
  makes: ['labels'],
  results: { objects: { about: 'objects found over all frames', unit: '' }, objectsPerFrameMean: { about: 'mean objects per frame', unit: '' }, objectsPerFrame: { about: 'objects in each frame', unit: '' }, thresholdPerFrame: { about: 'threshold used in each frame', unit: 'grey levels' }, frames: { about: 'frames segmented', unit: 'frames' } },
  valueWords: { method: { model: ['u-net', 'unet', 'deep learning', 'neural network', 'nucleus model', 'the model', 'ai'], li: ['li', 'minimum cross entropy'], manual: ['manual', 'fixed threshold'] }, splitBy: { intensity: ['bright centres', 'bright centers', 'intensity peaks'] } },
  description:
    'Finds nuclei (or cells) in every frame and writes a label movie (each object a number, background 0; not linked over time, use track for that). Classical: Gaussian smoothing, a global threshold (Otsu by default, Li, triangle or manual), hole filling, a distance-transform watershed that splits touching nuclei, and size filters; or method "model" for the deep-learning segmenter. Returns the labels artifact and the object count per frame.',
  schema,
  async run(args, ctx) {
    const movie = await ctx.openMovie(args.movie);
    try {
      const channel = channelIndex(movie, args.channel);
      const frames = frameRange(movie, args.frames);
      const stem = basename(movie.source.path, extname(movie.source.path)) || 'movie';
      const outputPath = ctx.outputPath(`${stem}-labels.tif`, args.output);
      const result =
        args.method === 'model' ? await segmentByModel(movie, channel, frames, outputPath, ctx) : await segmentClassical(movie, channel, frames, outputPath, args, ctx);
      const counts = summarise(result.objectsPerFrame);
      const how = args.method === 'model' ? 'the nucleus model' : `${args.method} threshold${args.splitTouching ? ' and watershed splitting' : ''}`;
      const ref = ctx.addArtifact('labels', result.path, `${channelName(movie, channel)} objects of ${basename(movie.source.path)} (${how})`);
      const nFrames = result.objectsPerFrame.length;
      return {
        summary: `Found ${counts.mean} objects per frame on average (${counts.min} to ${counts.max}) in ${nFrames} frame${nFrames === 1 ? '' : 's'} of channel ${channelName(movie, channel)} by ${how}; labels saved as ${ref.id}.`,
        artifacts: [ref],
        values: {
          objects: counts.total,
          objectsPerFrameMean: counts.mean,
          objectsPerFrame: result.objectsPerFrame,
          ...(result.thresholds.length ? { thresholdPerFrame: result.thresholds.map((v) => +v.toPrecision(6)) } : {}),
          frames: nFrames,
          method: args.method,
          path: result.path,
        },
      };
    } finally {
      await movie.close();
    }
  },
});

function channelName(movie: Movie, channel: number): string {
  return movie.meta.channelNames[channel] ?? `C${channel + 1}`;
}

export const tools: ToolSpec[] = [segment] as unknown as ToolSpec[];
