// The scenes the segmentation evaluations share (eval-sim-seg.ts, eval-extent.ts, eval-shape.ts):
// our simulator's held-out crowded conditions (seeds 9401-9404, r 8 px, 90 cells), a sparser one
// (9405, r 14), the segment.test.ts movie (seed 4), the 100-frame division movie of issue 12
// (seed 11), all 256 x 256 px; and the real cancer_cell_migration_crop movie against its
// voronoi-otsu labels (algorithmic reference labels, 48 frames).
import { existsSync } from 'node:fs';
import { matchLabels } from '../../src/analysis/matching.ts';
import { chooseSegmentParameters, sampleMoviePlanes } from '../../src/analysis/seg-auto.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { openMovie } from '../../src/image/index.ts';
import type { Movie } from '../../src/image/movie.ts';
import { simulate } from '../../src/sim/index.ts';
import type { SimOptions } from '../../src/sim/simulate.ts';

export const SCENE_SIZE_PX = 256;

export type SegmentationScene = { name: string; options: Partial<SimOptions>; frames: number[] };

export const SIMULATED_SCENES: SegmentationScene[] = [
  ...([[9401, 0.9, 8], [9402, 0.6, 20], [9403, 1.0, 8], [9404, 0.9, 3]] as const).map(([seed, crowding, snr]) => ({
    name: `sim seed ${seed} (crowding ${crowding}, snr ${snr}, r 8, 90 cells)`,
    options: { frames: 3, cells: 90, snr, seed, crowding, nucleusRadiusPx: 8 },
    frames: [0, 1, 2],
  })),
  { name: 'sim seed 9405 (crowding 0.6, snr 8, r 14, 30 cells)', options: { frames: 3, cells: 30, snr: 8, seed: 9405, crowding: 0.6, nucleusRadiusPx: 14 }, frames: [0, 1, 2] },
  { name: 'sim seed 4 (crowding 0.5, 30 cells; segment.test.ts)', options: { frames: 3, cells: 30, seed: 4, crowding: 0.5 }, frames: [0, 1, 2] },
  { name: 'sim seed 11 (50 cells, every 3rd of 100 frames; the division movie)', options: { frames: 100, cells: 50, seed: 11 }, frames: Array.from({ length: 34 }, (_, k) => 3 * k) },
];

/** A simulated scene's movie and its true labels. */
export function simulateScene(scene: SegmentationScene) {
  return simulate({ width: SCENE_SIZE_PX, height: SCENE_SIZE_PX, ...scene.options } as SimOptions);
}

type Score = (name: string, movie: Movie, reference: Movie, frames: number[]) => Promise<void>;

/** Scores the real cancer movie (when ../shared/data has it) and then every simulated scene. */
export async function scoreScenes(score: Score, which: { cancer: boolean; simulated: boolean }): Promise<void> {
  if (which.cancer) {
    const dir = '../shared/data/biaNotebooks-timelapse/';
    if (existsSync(dir + 'cancer_cell_migration_crop.tif')) {
      const movie = await openMovie(dir + 'cancer_cell_migration_crop.tif');
      const reference = await openMovie(dir + 'cancer_cell_migration_voronoi_otsu_labeling_crop.tif');
      await score('cancer_cell_migration_crop vs voronoi-otsu, 48 frames', movie, reference, Array.from({ length: movie.shape.t }, (_, k) => k));
    } else console.log(`skipping the cancer movie: ${dir} not found`);
  }
  if (which.simulated) {
    for (const scene of SIMULATED_SCENES) {
      const sim = simulateScene(scene);
      await score(scene.name, sim.movie, sim.labels, scene.frames);
    }
  }
}

/** What the classical pipeline chose for a scene, handed to the outlines being compared with it. */
export type ClassicalChoice = Awaited<ReturnType<typeof chooseSegmentParameters>>;
type Labels = ReturnType<typeof segmentPlane>['labels'];
type Plane = Awaited<ReturnType<Movie['plane']>>;
/** Other outlines for one frame, from the frame and its classical labels. */
export type OutlinesFrom = (plane: Plane, classical: Labels, width: number, height: number, choice: ClassicalChoice) => Promise<Labels>;

/**
 * Scores the classical segmentation (parameters from the movie, as the segment tool chooses them) and the outlines
 * `other` draws from it against the reference labels: matched F1 at IoU 0.5, FP, FN and the mean IoU of matched
 * objects over the frames, and the milliseconds `other` takes per frame. Prints one line.
 */
export function compareWithClassical(otherName: string, other: OutlinesFrom) {
  return async (name: string, movie: Movie, truth: Movie, frames: number[]): Promise<void> => {
    const { x, y } = movie.shape;
    const choice = chooseSegmentParameters(await sampleMoviePlanes(movie, 0, [0, movie.shape.t - 1]), { method: 'auto' });
    const sums = { classical: [0, 0, 0, 0], other: [0, 0, 0, 0] };
    let otherMs = 0;
    for (const t of frames) {
      const plane = await movie.plane(t, 0, 0);
      const reference = await truth.plane(t, 0, 0);
      const classical = segmentPlane(plane, x, y, choice.options).labels;
      const started = Date.now();
      const drawn = await other(plane, classical, x, y, choice);
      otherMs += Date.now() - started;
      for (const [key, labels] of [['classical', classical], ['other', drawn]] as const) {
        const m = matchLabels(labels, reference, x, y, 0.5);
        const s = sums[key];
        (s[0] += m.tp), (s[1] += m.fp), (s[2] += m.fn), (s[3] += m.meanMatchedIoU * m.tp);
      }
    }
    const line = (s: number[]) => `F1 ${((2 * s[0]) / (2 * s[0] + s[1] + s[2])).toFixed(3)} (FP ${s[1]}, FN ${s[2]}) IoU ${(s[3] / s[0]).toFixed(3)}`;
    console.log(`${name} (r ${choice.chosen.objectRadiusPx} px): classical ${line(sums.classical)}; ${otherName} ${line(sums.other)}; model ${(otherMs / frames.length).toFixed(0)} ms/frame`);
  };
}
