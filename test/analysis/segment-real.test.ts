// Real data: the cancer-cell-migration crop of Bio-Image Analysis Notebooks (48 x 130 x 130)
// against the supplied pyclesperanto voronoi_otsu_labeling(spot_sigma=5, outline_sigma=3)
// labels (an algorithm's output, not manual truth). Skips where ../shared/data is absent.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { matchLabels } from '../../src/analysis/matching.ts';
import { segmentPlane, type SegmentOptions } from '../../src/analysis/segment.ts';
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
});
