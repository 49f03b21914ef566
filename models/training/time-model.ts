// CPU time of one model on square frames, the way cellpilot runs it (predictSample, whole frame):
//   node bin/run-ts.js models/training/time-model.ts MODEL_OR_FOLDER [sizePx=512] [threads=2] [repeats=5] [inputScale]
// Prints wall and process CPU milliseconds per frame (the median of the repeats, after one warm-up);
// on a shared machine the CPU time is the steadier figure. With inputScale, the frame goes through
// the movie path (mapModelOverMovie): shrunk by that factor, the model, its outputs resized back.
import { dtypeOf, movieFromPlanes } from '../../src/image/movie.ts';
import { loadModel, mapModelOverMovie, predictSample, tensorFromPlanes } from '../../src/onnx/index.ts';

const [name, sizeArg, threadsArg, repeatsArg, scaleArg] = process.argv.slice(2);
if (!name) {
  console.error('usage: node bin/run-ts.js models/training/time-model.ts MODEL [sizePx] [threads] [repeats]');
  process.exit(2);
}
const size = Number(sizeArg ?? 512);
const threads = Number(threadsArg ?? 2);
const repeats = Number(repeatsArg ?? 5);
const model = await loadModel(name, { threads });
const plane = new Float32Array(size * size);
let seed = 1;
for (let i = 0; i < plane.length; i++) {
  seed = (seed * 1103515245 + 12345) >>> 0;
  plane[i] = 100 + (seed % 1000) / 10;
}
const input = model.spec.inputs[0];
const sample = new Map([[input.id, tensorFromPlanes(input, [plane], size, size, model.spec.key)]]);
const inputScale = scaleArg === undefined ? undefined : Number(scaleArg);
if (inputScale !== undefined && !(inputScale > 0)) throw new Error(`inputScale must be a positive number, got ${scaleArg}`);
const movie = movieFromPlanes({ t: 1, z: 1, c: 1, y: size, x: size }, dtypeOf(plane), () => plane);
let outputPixels = 0;
const once = () =>
  inputScale === undefined
    ? predictSample(model, sample, { sessionWorkers: 1 })
    : mapModelOverMovie(model, movie, { inputScale, sessionWorkers: 1 }, ({ planes }) => {
        outputPixels = planes[0].length;
      });
await once();
if (inputScale !== undefined && outputPixels !== size * size) throw new Error(`outputs came back with ${outputPixels} pixels, expected ${size}x${size}`);
const wall: number[] = [];
const cpu: number[] = [];
for (let k = 0; k < repeats; k++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await once();
  const c = process.cpuUsage(c0);
  wall.push(performance.now() - t0);
  cpu.push((c.user + c.system) / 1000);
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
console.log(JSON.stringify({ model: model.spec.key, sizePx: size, threads, ...(inputScale === undefined ? {} : { inputScale }), wallMs: Math.round(median(wall)), cpuMs: Math.round(median(cpu)) }));
