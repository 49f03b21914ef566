// The scenes the segmentation evaluations share (eval-sim-seg.ts, eval-extent.ts, eval-shape.ts):
// our simulator's held-out crowded conditions (seeds 9401-9404, r 8 px, 90 cells), a sparser one
// (9405, r 14), the segment.test.ts movie (seed 4), the 100-frame division movie of issue 12
// (seed 11), all 256 x 256 px; and the real cancer_cell_migration_crop movie against its
// voronoi-otsu labels (algorithmic reference labels, 48 frames).
import { existsSync } from 'node:fs';
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
