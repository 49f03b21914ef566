// The shipped denoise-segment pipeline on a movie we did not make (Cell Tracking Challenge Fluo-N2DH-SIM+ 02, two
// frames, a 320 px centred crop): its denoise step must not make the segmentation worse than segmenting the movie as it is. The Noise2Void
// network (trained on our simulator only) did: outlines SEG 0.586 against 0.657, DET 0.969 against 0.994 over the first
// 30 frames; on this crop SEG 0.597 against 0.732, so the pipeline now segments the movie as recorded. About 6 s of CPU
// (N2V and the segment step on two 320 px frames). Skips with a message where ../shared is absent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';
import { evaluateCtc, sequenceFromMovie, type CtcScores } from '../../src/analysis/metrics.ts';
import { openMovie, writeMovie } from '../../src/image/index.ts';
import { movieFromPlanes, type PlaneData } from '../../src/image/movie.ts';
import { ctcDataset, datasetPresent } from '../../models/training/real-data.ts';
import { runPipelineForScoring, toolCaller, truthOfFirstFrames } from '../../models/training/eval-tracking.ts';

const data = ctcDataset('simplus02');
const present = datasetPresent(data);
if (!present) console.log(`skipping the denoise-segment pipeline on SIM+ 02: ${data.images} not found`);
const FRAMES = 2;
/** A centred square of the frames (and of the masks), px: about six nuclei. */
const CROP_PX = 320;
let box = { x0: 0, y0: 0, width: 0 };
const crop = <P extends ArrayLike<number> & { constructor: unknown }>(plane: P): P => {
  const out = new (plane.constructor as new (n: number) => P & { [k: number]: number })(CROP_PX * CROP_PX);
  for (let y = 0; y < CROP_PX; y++) for (let x = 0; x < CROP_PX; x++) out[y * CROP_PX + x] = plane[(box.y0 + y) * box.width + box.x0 + x];
  return out;
};
const PIPELINE = resolve(import.meta.dirname, '..', '..', 'pipelines', 'denoise-segment.yaml');

describe.skipIf(!present)('pipelines/denoise-segment.yaml on Fluo-N2DH-SIM+ 02 (2 frames, a centred crop)', () => {
  let dir = '';
  let moviePath = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'denoise-segment-'));
    const source = await openMovie(data.images);
    const planes: PlaneData[] = [];
    box = { x0: (source.shape.x - CROP_PX) >> 1, y0: (source.shape.y - CROP_PX) >> 1, width: source.shape.x };
    for (let t = 0; t < FRAMES; t++) planes.push(crop(await source.plane(t, 0, 0)));
    moviePath = join(dir, 'movie.tif');
    await writeMovie(moviePath, movieFromPlanes({ ...source.shape, x: CROP_PX, y: CROP_PX, t: FRAMES, z: 1, c: 1 }, source.dtype, (t) => planes[t], {}));
    await source.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const score = async (labelsPath: string): Promise<CtcScores> => {
    const full = truthOfFirstFrames(data, FRAMES);
    const truth = { ...full, frame: async (t: number) => (await full.frame(t)).map(crop) };
    const masks = listCtcFrames(join(data.truth, 'SEG'), 'man_seg');
    const seg = { frames: [...masks.keys()].filter((t) => t < FRAMES).sort((a, b) => a - b), frame: async (t: number) => (await readMaskFrame(masks.get(t)!)).planes.map(crop) };
    const labels = await openMovie(labelsPath);
    try {
      return await evaluateCtc({ ...truth, rows: [] }, sequenceFromMovie(labels, []), { seg });
    } finally {
      await labels.close();
    }
  };

  it('segments at least as well as the segment step on the movie as it is (DET and SEG)', async () => {
    const call = await toolCaller(join(dir, 'session'));
    const alone = await score((await call('segment', { movie: moviePath })).artifacts[0].path);
    const run = await runPipelineForScoring(moviePath, join(dir, 'out'), PIPELINE);
    const piped = await score(run.labelsPath!);
    console.log(`SIM+ 02, ${FRAMES} frames: segment alone DET ${alone.DET.toFixed(3)} SEG ${alone.SEG!.toFixed(3)}; denoise-segment DET ${piped.DET.toFixed(3)} SEG ${piped.SEG!.toFixed(3)} (${run.notes[0]?.slice(0, 120)})`);
    expect(piped.DET).toBeGreaterThanOrEqual(alone.DET - 0.02);
    expect(piped.SEG!).toBeGreaterThanOrEqual(alone.SEG! - 0.02);
  }, 240_000);
});
