// Measures nuclei segmentation (model vs classical) on held-out simulated movies:
//   node bin/run-ts.js models/training/eval-segment.ts [MODEL]
// Prints matched F1 at IoU 0.5 (StarDist matching) per condition (the README's numbers).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchLabels } from '../../src/analysis/matching.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { segmentWithModel } from '../../src/analysis/segmentModel.ts';
import { openMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';

const modelName = process.argv[2] ?? 'nuclei-unet';
const dir = mkdtempSync(join(tmpdir(), 'eval-segment-'));
try {
  for (const [seed, crowding, snr] of [[9401, 0.9, 8], [9402, 0.6, 20], [9403, 1.0, 8], [9404, 0.9, 3]] as const) {
    const size = 256;
    const sim = simulate({ frames: 3, width: size, height: size, cells: 90, snr, seed, crowding, nucleusRadiusPx: 8 });
    const result = await segmentWithModel(sim.movie, { channel: 0, outputPath: join(dir, `${seed}.tif`), modelName });
    const labels = await openMovie(result.path);
    let model = 0;
    let classical = 0;
    for (let t = 0; t < 3; t++) {
      const truth = await sim.labels.plane(t, 0, 0);
      model += matchLabels(await labels.plane(t, 0, 0), truth, size, size, 0.5).f1 / 3;
      classical += matchLabels(segmentPlane(await sim.movie.plane(t, 0, 0), size, size).labels, truth, size, size, 0.5).f1 / 3;
    }
    await labels.close();
    console.log(JSON.stringify({ seed, crowding, snr, size, cells: 90, modelF1: +model.toFixed(3), classicalF1: +classical.toFixed(3) }));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
