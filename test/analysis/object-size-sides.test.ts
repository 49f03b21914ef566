// Brightfield and phase contrast are not bright objects on a dark background: their structures stand out on both
// sides of the background, so which side holds the cells cannot be read from the intensities (object-size.ts
// contrastSides, seg-auto.ts twoSidedDoubt), and the segment tool asks instead of counting specks of texture as
// cells. Figures on real movies: models/README.md, models/training/probe-polarity.ts. TC_BF_cells skips where
// ../shared/data is absent.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { gaussianBlur } from '../../src/analysis/filters.ts';
import { contrastSides } from '../../src/analysis/object-size.ts';
import { chooseSegmentParameters, twoSidedDoubt, type SamplePlane } from '../../src/analysis/seg-auto.ts';
import { simulate } from '../../src/sim/index.ts';
import { tools } from '../../tools/segment.ts';

const SIZE = 128;

/** Disks of radius 9 on a grid over background 1000 (noise SD 20): `core` added inside, `halo` in a 3 px ring outside. */
function field(core: number, halo: number, seed = 3): Float32Array {
  let s = seed;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const image = new Float32Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const cx = Math.round(x / 32) * 32;
      const cy = Math.round(y / 32) * 32;
      const d = Math.hypot(x - cx, y - cy);
      image[y * SIZE + x] = 1000 + (d <= 9 ? core : d <= 12 ? halo : 0) + 20 * gauss();
    }
  return image;
}

const sides = (image: Float32Array) => contrastSides(image, SIZE, gaussianBlur(image, SIZE, SIZE, 1));
const samples = (image: Float32Array): SamplePlane[] => [0, 1, 2].map(() => ({ plane: image, width: SIZE, height: SIZE }));

describe('contrastSides', () => {
  it('fluorescence and its inverse are one-sided; dark cells in bright halos (phase contrast) are two-sided', () => {
    const bright = sides(field(400, 0));
    expect(bright.twoSided).toBe(false);
    expect(bright.brightSd).toBeGreaterThan(10);
    expect(bright.darkSd).toBeLessThan(3);
    expect(sides(field(-400, 0)).twoSided).toBe(false);
    const phase = sides(field(-400, 300));
    expect(phase.twoSided).toBe(true);
    expect(phase.darkSd).toBeGreaterThan(6);
    expect(phase.brightSd).toBeGreaterThan(6);
  });

  it('a faint second side within the noise, or much shorter than the first, stays one-sided', () => {
    expect(sides(field(400, -40)).twoSided).toBe(false); // a dark rim of 2 noise SD
    expect(sides(field(900, -200)).twoSided).toBe(false); // a rim a fifth of the objects' contrast
  });
});

describe('twoSidedDoubt and the segment tool', () => {
  it('names both sides in noise SD for a phase-contrast-like field, and nothing where the polarity is given', () => {
    expect(twoSidedDoubt(samples(field(-400, 300)))).toMatch(/noise SD below the background and .* above it: structures on both sides, as in brightfield or phase contrast/);
    expect(twoSidedDoubt(samples(field(400, 0)))).toBeUndefined();
    expect(chooseSegmentParameters(samples(field(-400, 300)), { objects: 'dark' }).chosen.polarityDoubt).toBeUndefined();
    expect(chooseSegmentParameters(samples(field(-400, 300))).chosen.polarityDoubt).toBeTruthy();
  });

  const dir = mkdtempSync(join(tmpdir(), 'cellpilot-sides-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ctx = createToolContext({ sessionDir: join(dir, 'session') });
  const call = async (args: unknown) => {
    const spec = tools.find((t) => t.name === 'segment')!;
    return spec.run(spec.schema.parse(args) as never, ctx);
  };

  it("our simulator's brightfield channel is asked about", async () => {
    const sim = simulate({ frames: 2, width: 128, height: 128, cells: 10, seed: 5, brightfield: true });
    const path = join(dir, 'bf.tif');
    const { writeMovie } = await import('../../src/image/index.ts');
    await writeMovie(path, sim.movie);
    expect((await call({ movie: path, channel: 2 })).summary).toMatch(/^Unsure which parts are the cells: .*brightfield or phase contrast.*objects "dark"/);
  });

  const bf = fileURLToPath(new URL('../../../shared/data/sktracker-ometiff/TC_BF_cells.ome.tif', import.meta.url));
  it.skipIf(!existsSync(bf))('TC_BF_cells (real brightfield): leads with the doubt and asks whether cells are dark or bright, not 198 specks as cells', async () => {
    expect((await call({ movie: bf })).summary).toMatch(/^Unsure which parts are the cells: on 3 of 3 sample frames .* noise SD below the background/);
    expect((await call({ movie: bf, objects: 'dark' })).summary).not.toMatch(/Unsure/);
  });
});
