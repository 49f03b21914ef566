// Real data: the cancer-cell-migration crop of Bio-Image Analysis Notebooks (48 x 130 x 130)
// against the supplied pyclesperanto voronoi_otsu_labeling(spot_sigma=5, outline_sigma=3)
// labels (an algorithm's output, not manual truth). Skips where ../shared/data is absent.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { matchLabels } from '../../src/analysis/matching.ts';
import { segmentPlane, type SegmentOptions } from '../../src/analysis/segment.ts';
import { chooseSegmentParameters } from '../../src/analysis/seg-auto.ts';
import { openMovie } from '../../src/image/index.ts';

const DIR = fileURLToPath(new URL('../../../shared/data/biaNotebooks-timelapse/', import.meta.url));
const MOVIE = DIR + 'cancer_cell_migration_crop.tif';
const REFERENCE = DIR + 'cancer_cell_migration_voronoi_otsu_labeling_crop.tif';
const present = existsSync(MOVIE) && existsSync(REFERENCE);
if (!present) console.log(`skipping real-data segmentation: ${DIR} not found`);

async function agreement(options: SegmentOptions) {
  const movie = await openMovie(MOVIE);
  const reference = await openMovie(REFERENCE);
  const { x, y, t: frames } = movie.shape;
  let tp = 0, fp = 0, fn = 0, iouSum = 0;
  for (let t = 0; t < frames; t++) {
    const ours = segmentPlane(await movie.plane(t, 0, 0), x, y, options);
    const m = matchLabels(ours.labels, await reference.plane(t, 0, 0), x, y, 0.5);
    (tp += m.tp), (fp += m.fp), (fn += m.fn), (iouSum += m.meanMatchedIoU * m.tp);
  }
  await movie.close();
  await reference.close();
  return { f1: (2 * tp) / (2 * tp + fp + fn), meanMatchedIoU: iouSum / tp, tp, fp, fn };
}

describe.skipIf(!present)('segmentation of real nuclei vs voronoi-otsu labels', () => {
  it('agrees with default options and, smoothing as voronoi-otsu does (sigma 3), agrees closely', async () => {
    const defaults = await agreement({});
    const sigma3 = await agreement({ sigmaPx: 3 });
    console.log(`cancer_cell_migration_crop vs voronoi-otsu: defaults F1 ${defaults.f1.toFixed(3)} mean IoU ${defaults.meanMatchedIoU.toFixed(3)}; sigmaPx 3 F1 ${sigma3.f1.toFixed(3)} mean IoU ${sigma3.meanMatchedIoU.toFixed(3)}`);
    expect(defaults.f1).toBeGreaterThanOrEqual(0.9);
    expect(defaults.meanMatchedIoU).toBeGreaterThanOrEqual(0.85);
    expect(sigma3.f1).toBeGreaterThanOrEqual(0.93);
    expect(sigma3.meanMatchedIoU).toBeGreaterThanOrEqual(0.93);
  });

  it('agrees with the segment tool\'s automatic choices (method "auto", parameters from 3 frames): Otsu, since it misses none of the nuclei', async () => {
    const movie = await openMovie(MOVIE);
    const samples = [];
    for (const t of [0, 24, 47]) samples.push({ plane: (await movie.plane(t, 0, 0)).slice(), width: movie.shape.x, height: movie.shape.y });
    await movie.close();
    const { options, chosen } = chooseSegmentParameters(samples, { method: 'auto' });
    const auto = await agreement(options);
    console.log(`cancer_cell_migration_crop, method auto (${chosen.method}, radius ${chosen.objectRadiusPx} px): F1 ${auto.f1.toFixed(3)} mean IoU ${auto.meanMatchedIoU.toFixed(3)}`);
    // Measured 0.958 (triangle, the previous automatic default, 0.930).
    expect(chosen.method).toBe('otsu');
    expect(auto.f1).toBeGreaterThanOrEqual(0.945);
  });
});

// Foreign ground truth (Cell Tracking Challenge): Fluo-N2DH-SIM+ 02 (another group's simulator,
// never trained on) and MSC-02 (real whole cells). Segmentation with the segment tool's
// defaults (method "auto", parameters from the frame), scored by DET and SEG; the full
// figures over more frames are in models/README.md (models/training/eval-real.ts).
import { execFileSync } from 'node:child_process';
import { resolveSegmentMethod } from '../../src/analysis/seg-auto.ts';
import { annotatedFrames, ctcDataset, datasetPresent, scoreSegmentation, sequenceParameters } from '../../models/training/real-data.ts';

const simplus = ctcDataset('simplus02');
const msc = ctcDataset('msc02');
const auto = { method: resolveSegmentMethod('auto').method as 'auto' };
if (!datasetPresent(simplus)) console.log(`skipping SIM+ 02 segmentation: ${simplus.images} not found`);
if (!datasetPresent(msc)) console.log(`skipping MSC-02 segmentation: ${msc.images} not found`);

function skimagePresent(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import skimage, scipy, PIL'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!datasetPresent(simplus))('segmentation of Fluo-N2DH-SIM+ 02 with default arguments', () => {
  it('detects most nuclei and outlines them, far ahead of fixed simulator-sized defaults', async () => {
    const frames = annotatedFrames(simplus, 50); // frames 0, 50, 100: sparse to crowded
    const { options, chosen } = await sequenceParameters(simplus, auto); // as the tool chooses them for the movie
    expect(options.method, 'Otsu misses the dim nuclei here').toBe('triangle');
    // The threshold's radius disagrees between frames (10.7-19.7 px: it sees the bright chromatin as the nuclei dim);
    // the Laplacian-of-Gaussian blob scale (15.6-25.5 px, masks 18-26) sets it, and the objects grow through their dim body.
    expect(chosen.objectRadiusPx).toBeGreaterThanOrEqual(14);
    expect(chosen.growToNoiseSd).toBeGreaterThan(0);
    const ours = await scoreSegmentation(simplus, frames, (plane, w, h) => segmentPlane(plane, w, h, options).labels);
    const fixed = await scoreSegmentation(simplus, frames, (plane, w, h) => segmentPlane(plane, w, h, {}).labels);
    console.log(`SIM+ 02 frames ${frames.join(', ')}: defaults DET ${ours.DET.toFixed(3)} SEG ${ours.SEG.toFixed(3)}; fixed Otsu/sigma 2/seeds 4 px DET ${fixed.DET.toFixed(3)} SEG ${fixed.SEG.toFixed(3)}`);
    // Measured 0.902 / 0.643 on these frames with each object filled to its convex hull (0.881 / 0.610 without;
    // 0.623 / 0.434 with the threshold's radius of 11.5 px, which split the nuclei into their bright parts, and no
    // growth). The goal (0.95 / 0.80) is not met: the masks take in nucleus parts at background level and are
    // round where the intensity is a crescent (models/README.md).
    expect(chosen.convexFill).toBe(true);
    expect(ours.DET).toBeGreaterThanOrEqual(0.88);
    expect(ours.SEG).toBeGreaterThanOrEqual(0.625);
    expect(ours.DET).toBeGreaterThan(fixed.DET + 0.3);
  }, 120_000);
});

const simplus01 = ctcDataset('simplus01');
if (!datasetPresent(simplus01)) console.log(`skipping SIM+ 01 segmentation: ${simplus01.images} not found`);

describe.skipIf(!datasetPresent(simplus01))('segmentation of Fluo-N2DH-SIM+ 01 (large, textured, touching nuclei) with default arguments', () => {
  it('sizes the nuclei from the movie and outlines them closely', async () => {
    const frames = annotatedFrames(simplus01, 30); // frames 0, 30, 60
    const { options, chosen } = await sequenceParameters(simplus01, auto);
    // Inscribed radii in the ground truth: medians 19-24 px over the movie.
    expect(chosen.objectRadiusPx).toBeGreaterThanOrEqual(16);
    expect(chosen.objectRadiusPx).toBeLessThanOrEqual(26);
    const ours = await scoreSegmentation(simplus01, frames, (plane, w, h) => segmentPlane(plane, w, h, options).labels);
    console.log(`SIM+ 01 frames ${frames.join(', ')}: defaults (radius ${chosen.objectRadiusPx} px) DET ${ours.DET.toFixed(3)} SEG ${ours.SEG.toFixed(3)}`);
    // Measured 0.979 / 0.827 here (0.812 before the edges of clear nuclei were placed on the plane smoothed by r / 10);
    // over every 10th frame see models/README.md (before the radius and edge changes 0.989 / 0.745).
    expect(ours.DET).toBeGreaterThanOrEqual(0.97);
    expect(ours.SEG).toBeGreaterThanOrEqual(0.81);
  }, 120_000);
});

describe.skipIf(!datasetPresent(msc))('whole-cell segmentation of MSC-02 with default arguments', () => {
  // both tests score the same segmentation of the same frames: it is made once, by whichever runs first
  let segmented: Promise<{ frames: number[]; options: SegmentOptions; ours: Awaited<ReturnType<typeof scoreSegmentation>> }> | undefined;
  const segmentMsc = () =>
    (segmented ??= (async () => {
      const frames = annotatedFrames(msc, 16); // 3 of the 33 annotated frames
      const { options } = await sequenceParameters(msc, { ...auto, shape: 'irregular' }); // as the tool does for target "cells"
      const ours = await scoreSegmentation(msc, frames, (plane, w, h) => segmentPlane(plane, w, h, options).labels);
      return { frames, options, ours };
    })());

  it('finds the large, dim, elongated cells that simulator-sized defaults shatter', async () => {
    const { frames, options, ours } = await segmentMsc();
    expect(options.method, 'Otsu misses the dim cells here').toBe('triangle');
    console.log(`MSC-02 frames ${frames.join(', ')}: defaults DET ${ours.DET.toFixed(3)} SEG ${ours.SEG.toFixed(3)}`);
    // Measured 0.843 / 0.570 (0.786 / 0.495 with nuclei's seeds, splitting at every shallow waist).
    expect(ours.DET).toBeGreaterThanOrEqual(0.8);
    expect(ours.SEG).toBeGreaterThanOrEqual(0.52);
  }, 120_000);

  it.skipIf(!skimagePresent())('beats the scikit-image Otsu + watershed baseline on the same frames', async () => {
    const { frames, ours } = await segmentMsc();
    const out = join(mkdtempSync(join(tmpdir(), 'skimage-peer-')), 'labels');
    const script = fileURLToPath(new URL('../../models/training/skimage_baseline.py', import.meta.url));
    execFileSync('/usr/bin/python3', [script, out, ...frames.map((t) => join(msc.images, `t${String(t).padStart(3, '0')}.tif`))]);
    const peer = await scoreSegmentation(msc, frames, async (_p, _w, _h, t) => {
      const m = await openMovie(join(out, `t${String(t).padStart(3, '0')}.tif`));
      const labels = (await m.plane(0, 0, 0)).slice();
      await m.close();
      return labels;
    });
    console.log(`MSC-02: ours SEG ${ours.SEG.toFixed(3)} DET ${ours.DET.toFixed(3)}; scikit-image Otsu + watershed SEG ${peer.SEG.toFixed(3)} DET ${peer.DET.toFixed(3)}`);
    expect(ours.SEG).toBeGreaterThan(peer.SEG);
    expect(ours.DET).toBeGreaterThan(peer.DET);
  }, 120_000);
});
