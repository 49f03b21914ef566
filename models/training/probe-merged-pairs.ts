// Touching nuclei merged with no valley and no waist (issue 12, stop 45): a small movie of our simulator segmented and
// tracked with the tools' defaults; per frame, objects found against the truth, and every result object that covers
// more than half of two truth nuclei (a merged pair) with its area over the movie's median, elongation and solidity.
//   node bin/run-ts.js models/training/probe-merged-pairs.ts [seed=4] [size=128] [frames=20] [cells=10] [stage=segment|track]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMovie, writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { solidity } from '../../src/analysis/temporalRepair.ts';
import { evaluateCtc, sequenceFromFolder, sequenceFromMovie } from '../../src/analysis/metrics.ts';
import { toolCaller } from './eval-tracking.ts';

const arg = (k: string, d: number) => Number(process.argv.find((a) => a.startsWith(`${k}=`))?.slice(k.length + 1) ?? d);
const seed = arg('seed', 4), size = arg('size', 128), frames = arg('frames', 20), cells = arg('cells', 10);
const dir = mkdtempSync(join(tmpdir(), 'probe-merged-'));
try {
  const sim = simulate({ frames, cells, seed, width: size, height: size });
  const moviePath = join(dir, 'movie.tif');
  await writeMovie(moviePath, sim.movie);
  const call = await toolCaller(join(dir, 'session'));
  const seg = await call('segment', { movie: moviePath });
  console.log('segment:', seg.summary);
  const tr = await call('track', { labels: seg.artifacts[0].id, movie: moviePath });
  console.log('track:', tr.summary);
  const repaired = tr.artifacts[1]?.path;
  const exported = await call('export', { format: 'ctc', tracks: tr.artifacts[0].id });
  const tra = await evaluateCtc(sequenceFromMovie(sim.labels, sim.lineage), sequenceFromFolder(exported.artifacts[0].path));
  console.log(`tracks: TRA ${tra.TRA.toFixed(4)} DET ${tra.DET.toFixed(4)}, divisions ${tra.divisions.result} found for ${tra.divisions.reference}`);
  const truthMovie = sim.labels;
  const W = size;
  for (const [name, path] of [['segment', seg.artifacts[0].path], ['repaired', repaired]] as const) {
    if (!path) continue;
    const m = await openMovie(path);
    const scores = await evaluateCtc({ ...sequenceFromMovie(sim.labels, sim.lineage), rows: [] }, sequenceFromMovie(m, []));
    console.log(`${name}: DET ${scores.DET.toFixed(4)}`, JSON.stringify(scores.counts));
    const counts: number[] = [];
    for (let t = 0; t < frames; t++) {
      const plane = (await m.plane(t, 0, 0)) as ArrayLike<number>;
      const truth = (await truthMovie.plane(t, 0, 0)) as ArrayLike<number>;
      const area = new Map<number, number>(), tArea = new Map<number, number>(), ov = new Map<string, number>();
      for (let k = 0; k < plane.length; k++) {
        const l = plane[k], g = truth[k];
        if (l) area.set(l, (area.get(l) ?? 0) + 1);
        if (g) tArea.set(g, (tArea.get(g) ?? 0) + 1);
        if (l && g) ov.set(`${l},${g}`, (ov.get(`${l},${g}`) ?? 0) + 1);
      }
      counts.push(area.size);
      const med = [...area.values()].sort((a, b) => a - b)[area.size >> 1];
      const covered = new Map<number, number[]>();
      for (const [key, n] of ov) {
        const [l, g] = key.split(',').map(Number);
        if (n > 0.5 * tArea.get(g)!) covered.set(l, [...(covered.get(l) ?? []), g]);
      }
      for (const [l, gs] of covered) if (gs.length >= 2) {
        let [n, sx, sy, sxx, syy, sxy] = [0, 0, 0, 0, 0, 0];
        for (let k = 0; k < plane.length; k++) if (plane[k] === l) { const x = k % W, y = (k - x) / W; n++; sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y; }
        const cx = sx / n, cy = sy / n, a = sxx / n - cx * cx, c = syy / n - cy * cy, b = sxy / n - cx * cy;
        const root = Math.sqrt(((a - c) / 2) ** 2 + b * b);
        const el = Math.sqrt(((a + c) / 2 + root) / ((a + c) / 2 - root));
        console.log(`  t${t} label ${l} covers truth ${gs.join('+')} (${gs.map((g) => tArea.get(g)).join('+')} px): area ${n} = ${(n / med).toFixed(2)}x median ${med}, elongation ${el.toFixed(2)}, solidity ${solidity(plane, W, l, { x0: 0, y0: 0, x1: W - 1, y1: plane.length / W - 1 }).toFixed(3)} at (${cx.toFixed(0)},${cy.toFixed(0)})`);
      }
    }
    console.log(`  objects per frame: ${counts.join(' ')} (mean ${(counts.reduce((a, b) => a + b, 0) / frames).toFixed(1)})`);
    await m.close();
  }
  console.log('track values:', JSON.stringify(Object.fromEntries(Object.entries(tr.values).filter(([k]) => /divi|repair|split|merg|fill|solid/i.test(k)))).slice(0, 1500));
} finally {
  if (process.env.KEEP) console.error(`kept ${dir}`); else rmSync(dir, { recursive: true, force: true });
}
