// Segmentation results check (stop 40, helper E): segments a fixed set of movies with the segment tool's default
// arguments and prints, per movie, the parameters chosen (tool values and summary) and a hash of every label plane.
// A change meant to cost less CPU must print the same lines as before it (diff the output of two runs).
// Movies: our simulator (80x80x8 as the eval's executed cases, and 256x256x20), cancer_cell_migration_crop.tif,
// membrane_2d_timelapse.tif, and the first frames of Fluo-N2DH-SIM+ 01 and Fluo-C2DL-MSC-02 (read in place from
// ../shared/data, never copied). Run: nice node bin/run-ts.js bench/seg-check.ts [name-filter]
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createToolContext } from '../src/agent/artifacts.ts';
import { openMovie } from '../src/image/index.ts';
import { simulateToFiles } from '../src/sim/index.ts';
import { tools } from '../tools/segment.ts';

const shared = resolve(import.meta.dirname, '../../shared/data');
const filter = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'seg-check-'));
const ctx = createToolContext({ sessionDir: join(dir, 'session') });
const spec = tools.find((t) => t.name === 'segment')!;

interface Case {
  name: string;
  movie: () => Promise<string>;
  args?: Record<string, unknown>;
}

const sim = (o: { frames: number; width: number; height: number; cells: number; seed: number }) => async () => {
  const folder = join(dir, `sim-${o.seed}-${o.width}`);
  await simulateToFiles(o, join(folder, 'movie.tif'), join(folder, 'truth'));
  return join(folder, 'movie.tif');
};
const file = (path: string) => async () => path;

const cases: Case[] = [
  ...[2101, 2104, 2107, 11].map((seed) => ({ name: `sim80-${seed}`, movie: sim({ frames: 8, width: 80, height: 80, cells: 5, seed }) })),
  { name: 'sim64-2102', movie: sim({ frames: 5, width: 64, height: 64, cells: 5, seed: 2102 }) },
  { name: 'sim256-9405', movie: sim({ frames: 20, width: 256, height: 256, cells: 30, seed: 9405 }) },
  { name: 'sim256-4', movie: sim({ frames: 20, width: 256, height: 256, cells: 20, seed: 4 }) },
  { name: 'cancer', movie: file(join(shared, 'biaNotebooks-timelapse/cancer_cell_migration_crop.tif')) },
  { name: 'membrane', movie: file(join(shared, 'biaNotebooks-timelapse/membrane_2d_timelapse.tif')) },
  { name: 'simplus01', movie: file(join(shared, 'ctc-Fluo-N2DH-SIMplus/01/t{t:3}.tif')), args: { frames: { first: 1, last: 3 } } },
  { name: 'msc02', movie: file(join(shared, 'ctc-Fluo-C2DL-MSC-02/02/t{t:3}.tif')), args: { frames: { first: 1, last: 3 } } },
];

try {
  for (const c of cases) {
    if (filter && !c.name.includes(filter)) continue;
    const path = await c.movie();
    if (!path.includes('{t') && !existsSync(path)) {
      console.log(`${c.name}: missing ${path}`);
      continue;
    }
    const started = process.cpuUsage();
    const out = await spec.run(spec.schema.parse({ movie: path, ...c.args }) as never, ctx);
    const cpu = process.cpuUsage(started);
    const { path: _p, ...values } = out.values as Record<string, unknown>;
    console.log(`${c.name}: ${JSON.stringify(values)}`);
    console.log(`${c.name} summary: ${out.summary.replace(/labels saved as \S+/, 'labels saved')}`);
    const labels = await openMovie((out.values as { path: string }).path);
    const hashes: string[] = [];
    for (let t = 0; t < labels.shape.t; t++)
      for (let z = 0; z < labels.shape.z; z++) {
        const plane = await labels.plane(t, z, 0);
        hashes.push(createHash('sha256').update(new Uint8Array(plane.buffer, plane.byteOffset, plane.byteLength)).digest('hex').slice(0, 12));
      }
    await labels.close();
    console.log(`${c.name} planes: ${hashes.join(' ')}`);
    console.error(`${c.name}: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
