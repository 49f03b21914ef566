// Tools over the ONNX models: denoise (Noise2Void, Gaussian, non-local means),
// list_models, train_n2v. Heavy modules (onnxruntime, the analysis code) load inside run().
import { basename, join } from 'node:path';
import { movieStem } from '../src/image/moviePath.ts';
import { z } from 'zod';
import { channelArg, channelIndex, frameRange, frameRangeArg, movieArg, outputArg } from './common.ts';
import { defineTool, type RequestClause, type ToolSpec } from './types.ts';

/** The method named, and a filter size ("a Gaussian of sigma 2"). */
/** A light touch asked for ("smooth it a little", "not too aggressively", "gently"). */
const GENTLY = /\b(?:a\s+(?:little|tad|touch)(?:\s+bit)?|a\s+bit|slightly|lightly|gently|mildly|softly|subtly|not\s+(?:too|very|so|overly)\s+(?:much(?!\s+(?:trouble|bother|to\s+ask|work|effort|hassle))|strongly|aggressively|heavily|hard|strong|aggressive|heavy)|(?:gentle|light|mild|subtle|slight)\s+(?:denois\w*|smooth\w*|blur\w*|filter\w*|cleanup|clean-up|touch))\b/i;

function readDenoiseRequest(c: RequestClause): Record<string, unknown> {
  // ("smooth it with a median": the statistic's name alone is the median filter once the step is this one)
  const method = c.read.value('method') ?? (/\bmedian\b/i.test(c.text) ? 'median' : undefined);
  const size = c.read.quantity(['count', 'length'], /sigma|radius|kernel|size/)?.value;
  // a median's size is its radius (Fiji's Despeckle: radius 1; a square window "3x3" of side 2r + 1), said with the result
  if (method === 'median') {
    const window = /\b(\d{1,2})\s*[x×]\s*(\d{1,2})\b/.exec(c.text);
    const side = window && window[1] === window[2] && Number(window[1]) % 2 === 1 ? Number(window[1]) : undefined;
    // (a bare "5 px" is the radius, the one number Fiji's Median asks for)
    const bare = c.quantities.find((q) => q.unit === 'px' && q.kind === 'length')?.value;
    const radiusPx = side !== undefined ? (side - 1) / 2 : (window ? undefined : size ?? bare) ?? (/\bdespeckl/i.test(c.text) ? 1 : 2);
    return { method, radiusPx, $note: `Median filter of radius ${radiusPx} px (Fiji's Process > Filters > Median${side !== undefined ? `; a ${side}x${side} window` : ''}${radiusPx === 1 ? '; Despeckle is radius 1' : ''}).` };
  }
  // ("smooth it a little", "denoise, not too aggressively" with no method or size: a light Gaussian blur, said; the
  // network's strength has no setting)
  const gently = method === undefined && size === undefined ? GENTLY.exec(c.text) : null;
  if (gently) return { method: 'gaussian', sigmaPx: 1, $note: `"${gently[0]}": a light Gaussian blur (sigma 1 px) rather than the Noise2Void network, whose strength has no setting; say "sigma 2" for more.` };
  // (a light touch with the network named: said, as the network has no strength to set)
  const lightNetwork = method === 'n2v' ? GENTLY.exec(c.text) : null;
  return { method, sigmaPx: size, ...(lightNetwork ? { $note: `"${lightNetwork[0]}": Noise2Void has no strength setting, so it ran as it is; a light Gaussian blur is "gaussian, sigma 1".` } : {}) };
}

/**
 * The noise figure (finest-scale wavelet noise, before and after) measures smoothness, not fidelity: a blur
 * scores high on it by taking out edges and fine structure as well. This says what was taken out.
 */
function removedSentence(removed: { residualRms: number; neighbourCorrelation: number }): string {
  return `That figure measures smoothing, not fidelity: a blur scores high by removing signal too. What was taken out (input - output, ${+removed.residualRms.toPrecision(3)} rms) is about ${Math.round(100 * removed.neighbourCorrelation)}% structure (edges, fine detail), by how its neighbouring pixels correlate (${removed.neighbourCorrelation.toFixed(2)}; independent pixel noise alone gives 0).`;
}

const denoise = defineTool({
  name: 'denoise',
  references: { cite: { n2v: ['Krull A, Buchholz TO, Jug F (2019) Noise2Void - learning denoising from single noisy images. CVPR 2019:2129-2137'], nlmeans: ['Buades A, Coll B, Morel JM (2005) A non-local algorithm for image denoising. CVPR 2005:60-65'] } },
  summary: 'Removes camera noise from a movie with Noise2Void (self-supervised deep learning), a Gaussian blur, a median filter or non-local means.',
  words: ['denoise', 'denoising', 'noise', 'background noise', 'noisy', 'grainy', 'clean up', 'restore', 'restoration', 'smooth', 'blur', 'speckle', 'noise2void', 'n2v', 'snr', 'median filter', 'mean filter', 'bilateral filter', 'smoothing filter', 'anisotropic diffusion', 'perona-malik', 'salt and pepper noise', 'salt-and-pepper noise', 'shot noise', 'poisson noise', 'hot pixels', 'despeckle'],
  removes: ['noise', 'camera noise', 'background noise', 'graininess', 'grain', 'speckle', 'speckles', 'shot noise'],
  insteadOf: {
    bilateral: { args: { method: 'nlmeans' }, size: 'patchSizePx', say: 'Not applied: a bilateral filter is not available here, so I used non-local means (denoise method "nlmeans"), which also keeps edges.' },
    anisotropic: { args: { method: 'nlmeans' }, say: 'Not applied: anisotropic (Perona-Malik) diffusion is not available here, so I used non-local means (denoise method "nlmeans"), which also smooths within objects and keeps their edges.' },
    peronamalik: { args: { method: 'nlmeans' }, say: 'Not applied: Perona-Malik (anisotropic) diffusion is not available here, so I used non-local means (denoise method "nlmeans"), which also smooths within objects and keeps their edges.' },
    bm3d: { args: { method: 'nlmeans' }, say: 'Not applied: BM3D is not available here, so I used non-local means (denoise method "nlmeans"), the closest patch-based method.' },
  },
  examples: ['denoise the movie', 'it is very noisy, clean it up', 'remove the noise with Noise2Void', 'smooth it with a Gaussian of sigma 2', 'median filter with radius 2', 'non-local means denoising'],
  consumes: ['movie'],
  framesOut: 'same',
  produces: ['movie'],
  results: { planes: { about: 'planes denoised', unit: '' }, noiseSigmaBefore: { about: 'noise before', unit: 'grey levels' }, noiseSigmaAfter: { about: 'noise after', unit: 'grey levels' }, noiseReductionDb: { about: 'noise reduction', unit: 'dB' }, removedRms: { about: 'intensity removed', unit: 'grey levels' }, removedNeighbourCorrelation: { about: 'structure share of the intensity removed', unit: '' } },
  valueWords: { method: { n2v: ['n2v', 'noise2void', 'noise to void', 'self-supervised', 'deep learning'], gaussian: ['gaussian', 'blur', 'gaussian blur'], median: ['despeckle'], nlmeans: ['non-local means', 'non local means', 'nonlocal means', 'nl-means', 'nlmeans', 'nlm'] } },
  description:
    'Removes camera noise from one channel of a movie. method "n2v" (default) runs a Noise2Void network (self-supervised deep learning, best on low-signal fluorescence); "gaussian" blurs with a Gaussian of sigmaPx; "median" is a median filter of radiusPx (radius 1 is Despeckle; good on salt-and-pepper specks); "nlmeans" is non-local means (skimage). Returns a new float32 movie with the denoised channel and the noise level before and after.',
  schema: z.object({
    movie: movieArg,
    method: z.enum(['n2v', 'gaussian', 'median', 'nlmeans']).default('n2v').describe('n2v: Noise2Void network (default); gaussian: Gaussian blur; median: median filter; nlmeans: non-local means'),
    model: z.string().min(1).optional().describe('N2V model: a folder name in models/ or a model folder path (default "n2v-nuclei-t3", which also looks at the previous and next frame, or "n2v-nuclei" for a single plane; train_n2v makes your own)'),
    augment: z.boolean().default(false).describe('N2V only: average over the 8 rotations and flips of each plane (test-time augmentation; a little cleaner, 8x slower). Default false'),
    channel: channelArg.optional(),
    frames: frameRangeArg.optional(),
    sigmaPx: z.number().positive().max(50).optional().describe('Gaussian sigma in pixels (method gaussian; Fiji Gaussian Blur default 2)'),
    radiusPx: z.number().min(0.5).max(50).optional().describe('Median filter radius in pixels (method median; default 2, Despeckle 1)'),
    patchSizePx: z.number().int().min(1).max(31).optional().describe('Non-local means patch size in pixels (skimage default 7)'),
    patchDistancePx: z.number().int().min(1).max(50).optional().describe('Non-local means search distance in pixels (skimage default 11)'),
    h: z.number().positive().optional().describe("Non-local means cut-off in the movie's intensity units (default 0.8 x the estimated noise sigma, skimage's advice)"),
    output: outputArg,
  }),
  inapplicable: {
    augment: (a) => (a.method === 'n2v' ? undefined : `test-time augmentation applies only to method n2v, not ${a.method}`),
    model: (a) => (a.method === 'n2v' ? undefined : `a model applies only to method n2v, not ${a.method}`),
    sigmaPx: (a) => (a.method === 'gaussian' ? undefined : `sigmaPx applies only to method gaussian, not ${a.method}`),
    radiusPx: (a) => (a.method === 'median' ? undefined : `radiusPx applies only to method median, not ${a.method}`),
    patchSizePx: (a) => (a.method === 'nlmeans' ? undefined : `applies only to method nlmeans, not ${a.method}`),
    patchDistancePx: (a) => (a.method === 'nlmeans' ? undefined : `applies only to method nlmeans, not ${a.method}`),
    h: (a) => (a.method === 'nlmeans' ? undefined : `applies only to method nlmeans, not ${a.method}`),
  },
  fromRequest: readDenoiseRequest,
  async run(args, ctx) {
    const { denoiseMovie } = await import('../src/analysis/denoise.ts');
    const movie = await ctx.openMovie(args.movie);
    try {
      const channel = channelIndex(movie, args.channel);
      const frames = frameRange(movie, args.frames);
      const stem = movieStem(movie.source.path);
      const outputPath = ctx.outputPath(`${stem}-denoised-${args.method}.tif`, args.output);
      const result = await denoiseMovie(movie, {
        method: args.method,
        channel,
        frames,
        modelName: args.model,
        augment: args.augment,
        sigmaPx: args.sigmaPx,
        radiusPx: args.radiusPx,
        nlMeans: { patchSizePx: args.patchSizePx, patchDistancePx: args.patchDistancePx, h: args.h },
        outputPath,
        onProgress: (done, total) => ctx.progress(done, total, 'planes denoised'),
        signal: ctx.signal,
      });
      const how = args.method === 'n2v' ? `Noise2Void (${result.model})` : args.method === 'gaussian' ? `a Gaussian blur (sigma ${args.sigmaPx ?? 2} px)` : args.method === 'median' ? `a median filter (radius ${args.radiusPx ?? 2} px)` : 'non-local means';
      const artifact = ctx.addArtifact('movie', result.path, `${movie.meta.channelNames[channel] ?? 'channel'} denoised with ${how}`);
      const reductionDb = 20 * Math.log10(result.noiseSigmaBefore / Math.max(result.noiseSigmaAfter, 1e-12));
      return {
        summary: `Denoised ${result.planes} plane(s) of ${movie.meta.channelNames[channel] ?? `channel ${channel + 1}`} with ${how}: estimated noise fell from ${result.noiseSigmaBefore.toFixed(1)} to ${result.noiseSigmaAfter.toFixed(1)} (${reductionDb.toFixed(1)} dB). ${removedSentence(result.removed)}`,
        artifacts: [artifact],
        values: {
          method: args.method,
          model: result.model ?? null,
          planes: result.planes,
          noiseSigmaBefore: result.noiseSigmaBefore,
          noiseSigmaAfter: result.noiseSigmaAfter,
          noiseReductionDb: reductionDb,
          removedRms: result.removed.residualRms,
          removedNeighbourCorrelation: result.removed.neighbourCorrelation,
        },
      };
    } finally {
      await movie.close();
    }
  },
});

const listModels = defineTool({
  name: 'list_models',
  role: 'list',
  summary: 'Lists the deep-learning models (bioimage.io folders with ONNX weights) installed in models/.',
  words: ['models', 'list models', 'available models', 'installed models', 'onnx', 'bioimage.io', 'pretrained', 'networks', 'which models', 'what models', 'which networks', 'what networks', 'model zoo', 'models installed', 'networks installed', 'models available', 'networks available', 'neural networks', 'deep learning models'],
  examples: ['which models are available?', 'list the models', 'what models do you have installed?'],
  consumes: [],
  produces: [],
  results: { count: { about: 'usable models', unit: '' } },
  description: 'Lists the deep-learning models available (bioimage.io folders in models/ and CELLPILOT_MODELS): name, task, input and output channels. Use it to pick a model for denoise or segment.',
  schema: z.object({}),
  async run() {
    const { listModels: list } = await import('../src/onnx/registry.ts');
    const models = list().map((m) => ({
      name: m.key,
      title: m.spec?.name ?? null,
      task: ((m.spec?.config.cellpilot as { task?: string } | undefined)?.task ?? m.spec?.tags.join(', ')) || null,
      inputs: m.spec?.inputs.map((t) => t.axes.find((a) => a.type === 'channel')?.channelNames?.join('+') ?? t.id) ?? [],
      outputs: m.spec?.outputs.map((t) => t.axes.find((a) => a.type === 'channel')?.channelNames?.join('+') ?? t.id) ?? [],
      problem: m.problem ?? null,
    }));
    const usable = models.filter((m) => !m.problem);
    return {
      summary: usable.length ? `${usable.length} model(s): ${usable.map((m) => `${m.name} (${m.task})`).join('; ')}.` : 'No models found in models/.',
      artifacts: [],
      values: { models, count: usable.length },
    };
  },
});

function readTrainingRequest(c: RequestClause): Record<string, unknown> {
  return { epochs: c.quantities.find((q) => /^\s*epochs?/.test(q.after))?.value };
}

const trainN2V = defineTool({
  name: 'train_n2v',
  summary: 'Trains a Noise2Void denoising model on this movie and installs it in models/.',
  words: ['train', 'training', 'fine-tune', 'finetune', 'train n2v', 'train noise2void', 'denoising model', 'noise2void model', 'train a model', 'train a denoiser', 'epochs', 'self-supervised', 'self supervised', 'denoising network', 'train a network', 'learn a denoiser'],
  examples: ['train a Noise2Void model on this movie', 'fine-tune the denoiser for 20 epochs', 'train my own denoising model'],
  consumes: ['movie'],
  produces: ['model'],
  results: { steps: { about: 'training steps', unit: '' }, planes: { about: 'planes used', unit: '' }, finalLoss: { about: 'final loss', unit: '' }, seconds: { about: 'training time', unit: 's' } },
  description:
    'Trains a Noise2Void denoiser on the noisy movie itself (no clean images needed) and saves it as a model usable by denoise (model: its name). Needs Python 3 with PyTorch (python3-torch); takes minutes on a CPU. Returns the model folder.',
  schema: z.object({
    movie: movieArg,
    channel: channelArg.optional(),
    frames: frameRangeArg.optional(),
    epochs: z.number().int().min(1).max(1000).default(5).describe('Passes over the movie (N2V default 100 on a GPU; 5 is a few minutes on a CPU); each at most 200 steps of 16 patches of 64x64 px'),
    name: z.string().regex(/^[A-Za-z0-9_-]+$/).optional().describe('Model folder name (default n2v-<movie name>); letters, digits, - and _'),
    output: outputArg,
  }),
  fromRequest: readTrainingRequest,
  async run(args, ctx) {
    const { trainN2V: train } = await import('../src/onnx/train.ts');
    const { trainedModelsDir } = await import('../src/onnx/registry.ts');
    const movie = await ctx.openMovie(args.movie);
    try {
      const channel = channelIndex(movie, args.channel);
      const frames = frameRange(movie, args.frames);
      const stem = movieStem(movie.source.path).replace(/[^A-Za-z0-9_-]+/g, '_');
      const folderName = args.name ?? `n2v-${stem}`;
      const outDir = args.output ? ctx.outputPath(folderName, args.output) : join(trainedModelsDir(), folderName);
      const result = await train(movie, { channel, frames, outDir, epochs: args.epochs, onProgress: (d, t) => ctx.progress(d, t, 'training steps'), signal: ctx.signal });
      const artifact = ctx.addArtifact('model', result.folder, `Noise2Void model trained on ${basename(movie.source.path)}`);
      return {
        summary: `Trained a Noise2Void denoiser "${result.spec.key}" on ${result.planes} plane(s) in ${Math.round(result.seconds)} s (${result.steps} steps); use it with denoise, model "${result.spec.key}".`,
        artifacts: [artifact],
        values: { model: result.spec.key, folder: result.folder, steps: result.steps, planes: result.planes, finalLoss: result.finalLoss, seconds: result.seconds },
      };
    } finally {
      await movie.close();
    }
  },
});

export const tools: ToolSpec[] = [denoise, listModels, trainN2V] as unknown as ToolSpec[];
