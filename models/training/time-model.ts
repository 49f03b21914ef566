// Time per 512² frame of every shipped model (or the ones named), the way cellpilot runs them:
//   node bin/run-ts.js models/training/time-model.ts [MODEL_OR_FOLDER ...] [--size 512] [--repeats 5] [--frames 8] [--scale S]
// For each model, one JSON line:
//  - oneThread: one frame through predictSample on a one-thread session (whole frame, the
//    model's own pre- and post-processing), wall and process CPU ms, medians of --repeats after
//    a warm-up;
//  - twoThreads: the same frame on one session with two intra-op threads (what a single frame
//    gets on 2 cores; the threads sleep between operators, session-task.ts), medians of --repeats;
//  - twoWorkers: a movie of --frames frames through mapModelOverMovie on two one-thread session
//    workers (what a movie run gets on 2 cores), wall and CPU ms per frame, the median of 3 runs
//    after a warm-up run that starts the workers;
//  - load: the 1-minute load average before and after. On a shared machine the CPU ms are the
//    steadier figure; wall ms mean something only where the load stays under the core count.
// With --scale S every frame goes through the movie path shrunk by S (resize in, model, outputs
// resized back). A model that declares a working scale (config.cellpilot input_object_radius_px
// below the training one) also gets a row at that scale: what a 512² frame of objects of the
// training size costs as cellpilot runs it.
import { loadavg } from 'node:os';
import { dtypeOf, movieFromPlanes } from '../../src/image/movie.ts';
import { BUILTIN_MODELS_DIR, listModels, loadModel, mapModelOverMovie, predictSample, tensorFromPlanes, type LoadedModel } from '../../src/onnx/index.ts';

interface Options {
  sizePx: number;
  repeats: number;
  frames: number;
  scale?: number;
}

function parseArgs(argv: string[]): { names: string[]; options: Options } {
  const names: string[] = [];
  const options: Options = { sizePx: 512, repeats: 5, frames: 8 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      names.push(a);
      continue;
    }
    const value = Number(argv[++i]);
    const positive = (what: string) => {
      if (!(value > 0)) throw new Error(`${a} must be a positive number, got ${argv[i]}`);
      return what === 'int' ? Math.round(value) : value;
    };
    if (a === '--size') options.sizePx = positive('int');
    else if (a === '--repeats') options.repeats = positive('int');
    else if (a === '--frames') options.frames = positive('int');
    else if (a === '--scale') options.scale = positive('float');
    else throw new Error(`unknown option ${a} (options: --size, --repeats, --frames, --scale)`);
  }
  return { names, options };
}

/** A noisy plane of uint16-like values, different for each seed. */
function noisyPlane(size: number, seed: number): Float32Array {
  const plane = new Float32Array(size * size);
  let s = seed >>> 0;
  for (let i = 0; i < plane.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    plane[i] = 100 + (s % 1000) / 10 + 50 * Math.sin((i % size) / 17) * Math.cos(Math.floor(i / size) / 23);
  }
  return plane;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

async function measure(run: () => Promise<unknown>, repeats: number, perRun = 1): Promise<{ wallMs: number; cpuMs: number }> {
  await run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await run();
    wall.push((performance.now() - t0) / perRun);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000 / perRun);
  }
  return { wallMs: Math.round(median(wall)), cpuMs: Math.round(median(cpu)) };
}

/** Input planes per frame: the model's input channels (frame offsets times movie channels). */
function inputPlanes(model: LoadedModel): { perFrame: number; offsets: number[] } {
  const offsets = (model.spec.config.cellpilot as { frame_offsets?: number[] } | undefined)?.frame_offsets ?? [0];
  const channelAxis = model.spec.inputs[0].axes.find((a) => a.type === 'channel');
  const perFrame = channelAxis?.size.kind === 'fixed' ? channelAxis.size.value : 1;
  return { perFrame, offsets };
}

/** The scale a model runs a frame of objects of its training size at, where it declares a smaller working size. */
export function workingScale(model: LoadedModel): number | undefined {
  const cp = model.spec.config.cellpilot as { input_object_radius_px?: number; training?: { input_object_radius_px?: number } } | undefined;
  const declared = cp?.input_object_radius_px;
  const trained = cp?.training?.input_object_radius_px;
  return declared && trained && Math.abs(declared / trained - 1) > 1e-3 ? declared / trained : undefined;
}

async function timeModel(name: string, options: Options, scale: number | undefined): Promise<Record<string, unknown>> {
  const load0 = loadavg()[0];
  const size = options.sizePx;
  const { perFrame, offsets } = inputPlanes(await loadModel(name, { threads: 1 }));
  const movieChannels = perFrame / offsets.length;
  if (!Number.isInteger(movieChannels)) throw new Error(`model ${name}: ${perFrame} input channels do not divide into ${offsets.length} frame offsets`);
  const planes = Array.from({ length: options.frames * movieChannels }, (_, k) => noisyPlane(size, 17 + k));
  const movie = movieFromPlanes({ t: options.frames, z: 1, c: movieChannels, y: size, x: size }, dtypeOf(planes[0]), (k) => planes[k]);
  const channels = Array.from({ length: movieChannels }, (_, c) => c);
  const check = (pixels: number, factor: number) => {
    if (pixels !== Math.round(size * factor) ** 2) throw new Error(`model ${name}: outputs came back with ${pixels} pixels, expected ${Math.round(size * factor)}² `);
  };

  // One thread, one frame.
  const one = await loadModel(name, { threads: 1 });
  const outputFactor = 1 / (one.spec.outputs[0].axes.find((a) => a.type === 'space')?.scale ?? 1); // 2 for a 2x super-resolution
  const input = one.spec.inputs[0];
  const sample = new Map([[input.id, tensorFromPlanes(input, planes.slice(0, perFrame), size, size, one.spec.key)]]);
  const oneFrame =
    scale === undefined
      ? () => predictSample(one, sample, { sessionWorkers: 1 })
      : () => mapModelOverMovie(one, movie, { inputScale: scale, sessionWorkers: 1, frames: [0, 0], channels }, ({ planes: out }) => check(out[0].length, outputFactor));
  const oneThread = await measure(oneFrame, options.repeats);

  // One frame on one two-thread session.
  const two = await loadModel(name, { threads: 2 });
  const twoFrame =
    scale === undefined
      ? () => predictSample(two, sample, { sessionWorkers: 1 })
      : () => mapModelOverMovie(two, movie, { inputScale: scale, sessionWorkers: 1, frames: [0, 0], channels }, ({ planes: out }) => check(out[0].length, outputFactor));
  const twoThreads = await measure(twoFrame, options.repeats);

  // Two one-thread session workers over a movie, as a movie run on 2 cores.
  let seen = 0;
  const wholeMovie = () =>
    mapModelOverMovie(two, movie, { inputScale: scale, sessionWorkers: 2, channels }, ({ planes: out }) => {
      check(out[0].length, outputFactor);
      seen++;
    });
  const twoWorkers = await measure(wholeMovie, 3, options.frames);
  if (seen !== 4 * options.frames) throw new Error(`model ${name}: ${seen} planes came back from 4 runs of ${options.frames} frames`);
  return {
    model: one.spec.key,
    sizePx: size,
    ...(scale === undefined ? {} : { inputScale: +scale.toFixed(3) }),
    oneThread,
    twoThreads,
    twoWorkers: { ...twoWorkers, frames: options.frames },
    load: [+load0.toFixed(1), +loadavg()[0].toFixed(1)],
  };
}

const { names, options } = parseArgs(process.argv.slice(2));
const models = names.length ? names : listModels([BUILTIN_MODELS_DIR]).filter((m) => m.spec).map((m) => m.folder);
for (const name of models) {
  const model = await loadModel(name, { threads: 1 });
  const scales = options.scale !== undefined ? [options.scale] : [undefined, workingScale(model)].filter((s, i) => i === 0 || s !== undefined);
  for (const scale of scales) console.log(JSON.stringify(await timeModel(name, options, scale)));
}
process.exit(0);
