// Where a tracked result (a CTC folder) still misses reference objects, and whether time could have given them back:
//   node bin/run-ts.js models/training/missed-runs.ts GT_DIR RESULT_DIR
// Each TRA reference object no result object covers by more than half is a miss, classed as border (touches the image
// edge), none (nothing there), tiny (best object covers < 0.2), partial (0.2-0.5), mergedInto (its best object holds
// more than half of another reference object). Consecutive misses of one reference track are a run, 'inside' where
// the same reference track is found the frame before and the frame after (a gap a tracker could bridge), else 'edge'.
import { join } from 'node:path';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';

const [gt, res] = process.argv.slice(2);
const ref = listCtcFrames(join(gt, 'TRA'), 'man_track');
const out = listCtcFrames(res, 'mask');
const causes = new Map<string, number>();
const missed = new Map<number, { t: number; cause: string; frac: number }[]>();
const present = new Map<number, Set<number>>();
const mergedRuns: { t: number; key: string; resArea: number; refArea: number[] }[] = [];
const bump = (m: Map<string, number>, k: string, v = 1) => m.set(k, (m.get(k) ?? 0) + v);
for (const [t, path] of [...ref].sort((a, b) => a[0] - b[0])) {
  const r = await readMaskFrame(path);
  const s = await readMaskFrame(out.get(t)!);
  const rp = r.planes[0], sp = s.planes[0], W = r.width, H = r.height;
  const area = new Map<number, number>(), inter = new Map<string, number>(), box = new Map<number, number[]>();
  const resArea = new Map<number, number>();
  for (let i = 0; i < rp.length; i++) {
    const a = rp[i], b = sp[i];
    if (b) resArea.set(b, (resArea.get(b) ?? 0) + 1);
    if (!a) continue;
    area.set(a, (area.get(a) ?? 0) + 1);
    if (b) inter.set(`${a},${b}`, (inter.get(`${a},${b}`) ?? 0) + 1);
    const x = i % W, y = (i / W) | 0, bb = box.get(a) ?? [x, y, x, y];
    box.set(a, [Math.min(bb[0], x), Math.min(bb[1], y), Math.max(bb[2], x), Math.max(bb[3], y)]);
  }
  const best = new Map<number, [number, number]>();
  for (const [k, n] of inter) {
    const [a, b] = k.split(',').map(Number);
    if (n > (best.get(a)?.[1] ?? 0)) best.set(a, [b, n]);
  }
  // merged: one result object holding more than half of two or more reference objects
  const holders = new Map<number, number[]>();
  for (const [k, n] of inter) {
    const [a, b] = k.split(',').map(Number);
    if (n > 0.5 * area.get(a)!) holders.set(b, [...(holders.get(b) ?? []), a]);
  }
  for (const [b, refs] of holders) if (refs.length > 1) mergedRuns.push({ t, key: refs.sort((x, y) => x - y).join('+'), resArea: resArea.get(b)!, refArea: refs.map((a) => area.get(a)!) });
  for (const [a, n] of area) {
    if (!present.has(a)) present.set(a, new Set());
    const [b, c] = best.get(a) ?? [0, 0];
    const frac = c / n;
    if (frac > 0.5) { present.get(a)!.add(t); continue; }
    const bb = box.get(a)!;
    let cause = bb[0] === 0 || bb[1] === 0 || bb[2] === W - 1 || bb[3] === H - 1 ? 'border' : c === 0 ? 'none' : frac < 0.2 ? 'tiny' : 'partial';
    if (cause !== 'border' && b) for (const [k, m] of inter) { const [a2, b2] = k.split(',').map(Number); if (b2 === b && a2 !== a && m > 0.5 * area.get(a2)!) cause = 'mergedInto'; }
    bump(causes, cause);
    missed.set(a, [...(missed.get(a) ?? []), { t, cause: `${cause} ${frac.toFixed(2)} area ${n} res ${resArea.get(b) ?? 0}`, frac }]);
  }
}
console.log('misses by cause', Object.fromEntries(causes));
const runs = new Map<string, number>();
for (const [a, list] of missed) {
  let start = 0;
  for (let k = 1; k <= list.length; k++) {
    if (k < list.length && list[k].t === list[k - 1].t + 1) continue;
    const first = list[start].t, last = list[k - 1].t;
    const inside = present.get(a)!.has(first - 1) && present.get(a)!.has(last + 1);
    bump(runs, `${k - start} ${inside ? 'inside' : 'edge'} ${list[start].cause.split(' ')[0]}`);
    if (process.env.VERBOSE) console.log(a, inside ? 'inside' : 'edge', list.slice(start, k).map((m) => `${m.t}:${m.cause}`).join('; '));
    start = k;
  }
}
console.log('runs (length, inside/edge, first cause):', Object.fromEntries([...runs].sort()));
const byPair = new Map<string, number[]>();
for (const m of mergedRuns) byPair.set(m.key, [...(byPair.get(m.key) ?? []), m.t]);
console.log('merged reference pairs (frames):');
for (const [k, ts] of byPair) console.log(`  ${k}: ${ts.join(',')}`);
