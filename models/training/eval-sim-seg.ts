// Measures classical segmentation on our own simulator, with the parameters the segment tool
// derives from the movie (sampleMoviePlanes + chooseSegmentParameters, method "auto") beside
// segmentMovie's fixed defaults (SEGMENT_DEFAULTS), so the two can be compared on one movie:
//   node bin/run-ts.js models/training/eval-sim-seg.ts ['{"minSeedDistancePx":4,...}']
// The JSON, when given, is passed to chooseSegmentParameters (given values win over derived ones).
// Movies: the held-out crowded conditions of eval-segment.ts (seeds 9401-9404, r 8 px, 90 cells),
// a sparser one (9405), the segment.test.ts movie (seed 4) and the 100-frame division movie of
// issue 12 (seed 11, 50 cells, 256x256). Matched F1 at IoU 0.5 (StarDist matching), summed over
// the frames listed, and the mean IoU of matched objects.
import { matchLabels } from '../../src/analysis/matching.ts';
import { chooseSegmentParameters, sampleMoviePlanes } from '../../src/analysis/seg-auto.ts';
import { segmentPlane, SEGMENT_DEFAULTS, type SegmentOptions } from '../../src/analysis/seg-plane.ts';
import { SCENE_SIZE_PX as SIZE, SIMULATED_SCENES, simulateScene } from './seg-scenes.ts';

const given = JSON.parse(process.argv.find((a) => a.startsWith('{')) ?? '{}');
for (const scene of SIMULATED_SCENES) {
  const { name, frames } = scene;
  const sim = simulateScene(scene);
  // As the segment tool does: parameters from the first, middle and last frames.
  const { options: derived, chosen } = chooseSegmentParameters(await sampleMoviePlanes(sim.movie, 0, [0, sim.movie.shape.t - 1]), { method: 'auto', ...given });
  const score = async (segmentOptions: SegmentOptions) => {
    let tp = 0, fp = 0, fn = 0, iou = 0;
    for (const t of frames) {
      const m = matchLabels(segmentPlane(await sim.movie.plane(t, 0, 0), SIZE, SIZE, segmentOptions).labels, await sim.labels.plane(t, 0, 0), SIZE, SIZE, 0.5);
      (tp += m.tp), (fp += m.fp), (fn += m.fn), (iou += m.meanMatchedIoU * m.tp);
    }
    return `F1 ${((2 * tp) / (2 * tp + fp + fn)).toFixed(3)} (FP ${fp}, FN ${fn}), IoU ${(iou / tp).toFixed(3)}`;
  };
  console.log(`${name}: from the movie (r ${chosen.objectRadiusPx} px, ${chosen.method}, sigma ${derived.sigmaPx}, seeds ${derived.minSeedDistancePx} px) ${await score(derived)}; fixed defaults (sigma ${SEGMENT_DEFAULTS.sigmaPx}, seeds ${SEGMENT_DEFAULTS.minSeedDistancePx} px) ${await score({})}`);
}
