// Image restoration tools over our trained models: predict_label (artificial labelling,
// nuclei from brightfield), super_resolve (2x spatial), interpolate_frames (2x temporal).
// Heavy modules (onnxruntime, the analysis code) load inside run().
import { movieStem } from '../src/image/moviePath.ts';
import { z } from 'zod';
import type { Movie } from '../src/image/movie.ts';
import { channelArg, channelIndex, frameRange, frameRangeArg, movieArg, outputArg } from './common.ts';
import { defineTool, type RequestClause, type ToolSpec } from './types.ts';

const modelArg = (task: string, fallback: string) =>
  z.string().min(1).optional().describe(`${task} model: a folder name in models/ (default "${fallback}") or a model folder path`);

function stemOf(movie: Movie): string {
  return movieStem(movie.source.path);
}

function channelName(movie: Movie, channel: number): string {
  return movie.meta.channelNames[channel] ?? `channel ${channel + 1}`;
}

/** Names of a transmitted-light channel: what the model reads. */
const TRANSMITTED = /^(?:bf|brightfield|bright-field|bright field|phase|phase contrast|dic|transmitted|trans|tl)$/i;

/**
 * "predict a DAPI-like channel from my phase images", "predict the Hoechst stain": a fluorescence stain named is what the
 * model predicts, never the channel it reads (the transmitted-light one); said in one line.
 */
function readPredictLabelRequest(c: RequestClause): Record<string, unknown> {
  const channel = c.read.channel();
  if (typeof channel !== 'string' || TRANSMITTED.test(channel.trim())) return {};
  // ("virtual DAPI from the brightfield channel": the transmitted-light channel named beside the stain is the one read)
  const read = c.read.channels().find((name) => TRANSMITTED.test(name.trim()));
  return { channel: read, $note: `"${channel}" is the stain predicted (the nuclei, by the label-nuclei model), not the channel read: it reads the ${read ? `${read} channel` : 'brightfield (transmitted-light) channel'}.` };
}

const predictLabel = defineTool({
  name: 'predict_label',
  summary: 'Predicts a fluorescence (nucleus) channel from brightfield or phase contrast with a model: artificial labelling, virtual staining.',
  words: ['in silico', 'insilico', 'in silico labelling', 'artificial labelling', 'artificial labeling', 'virtual staining', 'in silico staining', 'predict fluorescence', 'predict nuclei', 'label-free', 'from brightfield', 'from phase contrast', 'virtual stain', 'fake fluorescence', 'fake stain', 'fake nuclear channel', 'virtual channel', 'virtual nuclear channel', 'from transmitted light', 'from dic', 'predict channel', 'predict stain', 'predict label', 'predicted channel', 'predicted stain'],
  examples: ['predict the nuclei from the brightfield channel', 'virtual staining of the phase contrast movie', 'make an artificial nuclear label'],
  fromRequest: readPredictLabelRequest,
  supplies: ['nuclear stain', 'nuclear marker', 'nuclear label', 'nuclear dye', 'nuclear channel', 'nuclear reporter', 'fluorescent nuclei', 'stain', 'marker', 'fluorescent label', 'fluorescent marker', 'fluorescence', 'dapi', 'hoechst', 'h2b'],
  consumes: ['movie'],
  framesOut: 'same',
  produces: ['movie'],
  results: { planes: { about: 'planes predicted', unit: '' }, meanSignal: { about: 'mean predicted signal', unit: '' }, nucleusFraction: { about: 'fraction of pixels in nuclei', unit: '' } },
  description:
    'Artificial (in-silico) labelling: predicts a nuclei fluorescence channel from the brightfield (transmitted-light) channel with a trained network, so nuclei can be segmented and tracked without a nuclear stain. Returns a new float32 movie (1 = an average nucleus\'s brightness).',
  schema: z.object({
    movie: movieArg,
    channel: channelArg.optional().describe('The brightfield channel, 1-based number or name (default: the channel named brightfield, BF, phase or DIC)'),
    model: modelArg('Artificial labelling', 'label-nuclei'),
    frames: frameRangeArg.optional(),
    output: outputArg,
  }),
  async run(args, ctx) {
    const { predictLabelMovie } = await import('../src/analysis/label.ts');
    const movie = await ctx.openMovie(args.movie);
    try {
      const channel = args.channel === undefined ? undefined : channelIndex(movie, args.channel);
      const result = await predictLabelMovie(movie, {
        channel,
        frames: frameRange(movie, args.frames),
        modelName: args.model,
        outputPath: ctx.outputPath(`${stemOf(movie)}-nuclei-predicted.tif`, args.output),
        onProgress: (done, total) => ctx.progress(done, total, 'planes labelled'),
        signal: ctx.signal,
      });
      const onlyChannel = args.channel === undefined && movie.meta.channelNames.length <= 1 && !/bright|phase|dic|trans/i.test(movie.meta.channelNames[0] ?? '');
      const source = `${channelName(movie, result.channel)}${onlyChannel ? ' (the movie\'s only channel, taken as transmitted light)' : ''}`;
      const artifact = ctx.addArtifact('movie', result.path, `nuclei predicted from ${source} by ${result.model}`);
      return {
        summary: `Predicted the nuclei channel from ${source} for ${result.planes} plane(s) with ${result.model}; ${(100 * result.nucleusFraction).toFixed(1)}% of the field is predicted nucleus.`,
        artifacts: [artifact],
        values: { model: result.model, sourceChannel: result.channel + 1, planes: result.planes, meanSignal: result.meanSignal, nucleusFraction: result.nucleusFraction },
      };
    } finally {
      await movie.close();
    }
  },
});

/** The upsampling factor said ("two-fold", "by a factor of 4"). */
function factorSaid(c: RequestClause): number | undefined {
  return c.quantities.find((q) => q.kind === 'factor' || /factor of\s*$/.test(q.before))?.value;
}

/** The classical method when asked for ("bicubic", "no deep learning"), and the factor. */
function readSuperResolveRequest(c: RequestClause): Record<string, unknown> {
  const factor = factorSaid(c);
  // two-fold is what it does: said, it is applied (another factor is named as not applied)
  return { ...(/\bbicubic\b|\bclassical\b|\bno (?:deep learning|model)\b/i.test(c.text) ? { method: 'bicubic' } : {}), ...(factor === 2 ? { $note: 'Super-resolution here is always 2x (half the pixel size).' } : { factor }) };
}

const superResolve = defineTool({
  name: 'super_resolve',
  summary: 'Increases the spatial resolution of a movie two-fold with a super-resolution model (or bicubic upsampling).',
  words: ['super-resolution', 'super resolve', 'superres', 'upsample', 'upscale', 'resolution', 'spatial resolution', 'higher resolution', 'sharpen', 'sharper', 'bicubic', 'bicubic interpolation', 'scale up', 'enlarge', 'twice the size', 'double the size'],
  examples: ['super-resolve the movie', 'increase the resolution', 'upsample it two-fold', 'make it sharper', 'scale it up 2x with bicubic interpolation'],
  consumes: ['movie'],
  framesOut: 'same',
  produces: ['movie'],
  results: { planes: { about: 'planes', unit: '' }, widthPx: { about: 'new width', unit: 'px' }, heightPx: { about: 'new height', unit: 'px' }, pixelSizeUm: { about: 'new pixel size', unit: 'µm' }, factor: { about: 'upsampling factor', unit: 'x' } },
  valueWords: { method: { bicubic: ['bicubic', 'classical', 'no deep learning', 'no model'], model: ['network', 'neural network', 'trained network', 'deep learning', 'the model', 'ai'] } },
  description:
    'Doubles the spatial resolution of one channel (2x width and height, half the pixel size) with a trained super-resolution network (method "model", for fluorescence nuclei) or bicubic interpolation (method "bicubic", as Fiji\'s Scale with bicubic interpolation). By default ("auto") it checks on the movie itself which restores a 2x-binned frame better and uses bicubic unless the network wins. Returns a new float32 movie and which method ran and why.',
  schema: z.object({
    movie: movieArg,
    channel: channelArg.optional().describe('Channel to upsample, 1-based number or name (default 1, the first)'),
    method: z
      .enum(['auto', 'model', 'bicubic'])
      .default('auto')
      .describe('auto (default): bicubic unless the network restores a 2x-binned frame of this movie better (PSNR); model: the super-resolution network; bicubic: cubic convolution a = -0.5 as in Fiji'),
    model: modelArg('Super-resolution', 'superres-nuclei'),
    frames: frameRangeArg.optional(),
    output: outputArg,
  }),
  fromRequest: readSuperResolveRequest,
  async run(args, ctx) {
    const { superResolveMovie, chooseSuperResMethod } = await import('../src/analysis/superres.ts');
    const movie = await ctx.openMovie(args.movie);
    try {
      const channel = channelIndex(movie, args.channel);
      const frames = frameRange(movie, args.frames);
      const choice = args.method === 'auto' ? await chooseSuperResMethod(movie, channel, frames, args.model) : undefined;
      const method = choice?.method ?? (args.method as 'model' | 'bicubic');
      const result = await superResolveMovie(movie, {
        method,
        channel,
        frames,
        modelName: args.model,
        outputPath: ctx.outputPath(`${stemOf(movie)}-superres-${method}.tif`, args.output),
        onProgress: (done, total) => ctx.progress(done, total, 'planes upsampled'),
        signal: ctx.signal,
      });
      const how = result.method === 'model' ? `the ${result.model} network` : 'bicubic interpolation';
      const artifact = ctx.addArtifact('movie', result.path, `${channelName(movie, channel)} at 2x resolution by ${how}`);
      const pixel = result.pixelSizeUm === undefined ? '' : `, pixel size ${result.pixelSizeUm.toPrecision(3)} µm`;
      return {
        summary: `Upsampled ${result.planes} plane(s) of ${channelName(movie, channel)} 2x with ${how}: ${result.widthPx}x${result.heightPx} px${pixel}.${choice ? ` Method chosen: ${choice.reason}.` : ''}`,
        artifacts: [artifact],
        values: {
          method: result.method,
          methodReason: choice?.reason ?? 'asked for',
          ...(choice ? { modelPsnrDb: +choice.modelPsnrDb.toFixed(2), bicubicPsnrDb: +choice.bicubicPsnrDb.toFixed(2) } : {}),
          model: result.model ?? null,
          planes: result.planes,
          widthPx: result.widthPx,
          heightPx: result.heightPx,
          pixelSizeUm: result.pixelSizeUm ?? null,
          factor: 2,
        },
      };
    } finally {
      await movie.close();
    }
  },
});

/** The classical method when asked for ("linearly"), and the factor ("double the frame rate"). */
function readInterpolationRequest(c: RequestClause): Record<string, unknown> {
  const factor = factorSaid(c) ?? (/\bdouble\b/i.test(c.text) ? 2 : /\btriple\b/i.test(c.text) ? 3 : undefined);
  // (two-fold is what it does, as for super_resolve: said, it is applied; another factor is named as not applied)
  return { ...(/\blinear(?:ly)?\b|\bclassical\b/i.test(c.text) ? { method: 'linear' } : {}), ...(factor === 2 ? { $note: 'Frame interpolation here is always 2x (one new frame between each pair).' } : { factor }) };
}

const interpolateFrames = defineTool({
  name: 'interpolate_frames',
  summary: 'Adds frames between the recorded ones (temporal super-resolution) with a model or linear interpolation.',
  words: ['interpolate', 'interpolation', 'in-between frames', 'intermediate frames', 'add frames', 'frames between', 'frames in between', 'frame rate', 'temporal resolution', 'temporal upsampling', 'more frames', 'missing frames', 'fill in the gaps', 'frames in the gaps', 'gaps between frames', 'upsample in time', 'upsampled in time', 'interpolate in time', 'double the frames', 'twice as many frames', 'more time points'],
  examples: ['interpolate frames to double the frame rate', 'add intermediate frames', 'increase the temporal resolution', 'interpolate linearly'],
  consumes: ['movie'],
  produces: ['movie'],
  needsFrames: true,
  results: { frames: { about: 'frames after interpolation', unit: 'frames' }, predictedFrames: { about: 'frames added', unit: 'frames' }, frameIntervalS: { about: 'new time between frames', unit: 's' } },
  valueWords: { method: { linear: ['linear', 'linearly', 'classical'] } },
  description:
    'Doubles the temporal resolution of a movie: predicts the frame halfway between each pair of neighbouring frames with a trained network for moving nuclei (method "model", default) or a linear blend (method "linear"). The output has 2T-1 frames and half the frame interval; originals are kept at the odd frames.',
  schema: z.object({
    movie: movieArg,
    channel: channelArg.optional().describe('Channel to interpolate, 1-based number or name (default: all channels)'),
    method: z.enum(['model', 'linear']).default('model').describe('model: the interpolation network (default); linear: mean of the two neighbours'),
    model: modelArg('Frame interpolation', 'interp-nuclei'),
    frames: frameRangeArg.optional(),
    output: outputArg,
  }),
  fromRequest: readInterpolationRequest,
  async run(args, ctx) {
    const { interpolateMovie } = await import('../src/analysis/interpolate.ts');
    const movie = await ctx.openMovie(args.movie);
    try {
      const channels = args.channel === undefined ? undefined : [channelIndex(movie, args.channel)];
      const result = await interpolateMovie(movie, {
        method: args.method,
        channels,
        frames: frameRange(movie, args.frames),
        modelName: args.model,
        outputPath: ctx.outputPath(`${stemOf(movie)}-interpolated-${args.method}.tif`, args.output),
        onProgress: (done, total) => ctx.progress(done, total, 'frames interpolated'),
        signal: ctx.signal,
      });
      const how = result.method === 'model' ? `the ${result.model} network` : 'linear blending';
      const artifact = ctx.addArtifact('movie', result.path, `movie with ${result.predictedFrames} frame(s) interpolated by ${how}`);
      const interval = result.frameIntervalS === undefined ? '' : `; frame interval now ${result.frameIntervalS} s`;
      return {
        summary: `Interpolated ${result.predictedFrames} new frame(s) with ${how}: the movie now has ${result.frames} frames${interval}.`,
        artifacts: [artifact],
        values: { method: result.method, model: result.model ?? null, frames: result.frames, predictedFrames: result.predictedFrames, frameIntervalS: result.frameIntervalS ?? null },
      };
    } finally {
      await movie.close();
    }
  },
});

export const tools: ToolSpec[] = [predictLabel, superResolve, interpolateFrames] as unknown as ToolSpec[];
