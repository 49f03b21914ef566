// Where a tracking result's AOGM goes, beyond the counts (Cell Tracking Challenge measures):
//   node bin/run-ts.js models/training/missed-objects.ts SET RESULT_CTC_FOLDER      (DETAILS=1: one line per case on stderr)
// SET: simplus01 | simplus02 | msc02 (the reference is the set's TRA masks). Prints one JSON line:
// - byKind: every reference object no result object covers by more than half (FN), by what covers it: nothing
//   (background: under 0.2 of it covered), one object partly (partial), two or more pieces of at least 0.15 of it each
//   (pieces), or an object that matches another reference object (merged); with how many are alone in time (the same
//   reference track matched in the frames before and after: a gap a tracker could bridge);
// - mergedKinds: the result objects matching several reference objects (NS), as sisters within a frame of their birth,
//   sisters later, or unrelated objects;
// - linksOfFound / linksOfFoundMissing: the reference links whose two objects are both found alone (true positives), and
//   how many of them the result lacks: the linker's own share of the links to add (the rest belong to missed or merged
//   objects). On MSC-02 the TRA masks are markers, so a miss there is only ever "background".
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { overlapCounts } from '../../src/analysis/overlapTracker.ts';
import { sequenceFromFolder } from '../../src/analysis/metrics.ts';
import { ctcDataset, type DatasetName } from './real-data.ts';

export type MissKind = 'background' | 'partial' | 'pieces' | 'merged';

export async function classifyMisses(set: DatasetName, resultDir: string) {
  const reference = sequenceFromFolder(join(ctcDataset(set).truth, 'TRA'));
  const result = sequenceFromFolder(resultDir);
  const matchedAt = new Map<number, Set<number>>(); // t -> reference labels matched
  const tpOf = new Map<string, number>(); // `t:r` -> the result label matching r alone (a true positive)
  const presentRef = new Map<number, number[]>();
  const presentRes = new Map<number, number[]>();
  const merges: { t: number; s: number; refs: number[] }[] = []; // result objects matching several reference objects
  const misses: { t: number; r: number; kind: MissKind; bestShare: number; covered: number; pieces: number; covers: unknown[] }[] = [];
  for (const t of reference.frames) {
    const o = overlapCounts(await reference.frame(t), await result.frame(t));
    // result objects that match some reference object (> half of it)
    const matching = new Set<number>();
    const matched = new Set<number>();
    for (const [r, row] of o.intersections) for (const [s, shared] of row) if (shared > 0.5 * o.areaA.get(r)!) (matching.add(s), matched.add(r));
    matchedAt.set(t, matched);
    const refsOf = new Map<number, number[]>();
    for (const [r, row] of o.intersections) for (const [s, shared] of row) if (shared > 0.5 * o.areaA.get(r)!) refsOf.set(s, [...(refsOf.get(s) ?? []), r]);
    for (const [s, rs] of refsOf) if (rs.length === 1) tpOf.set(`${t}:${rs[0]}`, s);
    for (const [s, rs] of refsOf) if (rs.length > 1) merges.push({ t, s, refs: rs });
    for (const r of o.areaA.keys()) presentRef.set(r, [...(presentRef.get(r) ?? []), t]);
    for (const s of o.areaB.keys()) presentRes.set(s, [...(presentRes.get(s) ?? []), t]);
    for (const [r, area] of o.areaA) {
      if (matched.has(r)) continue;
      const row = [...(o.intersections.get(r) ?? new Map()).entries()].filter(([s]) => s !== 0);
      const covered = row.reduce((a, [, n]) => a + n, 0) / area;
      const best = row.reduce((b, e) => (e[1] > b[1] ? e : b), [0, 0] as [number, number]);
      const bigPieces = row.filter(([, n]) => n >= 0.15 * area).length;
      const kind: MissKind = covered < 0.2 ? 'background' : matching.has(best[0]) ? 'merged' : bigPieces >= 2 ? 'pieces' : 'partial';
      misses.push({ t, r, kind, bestShare: best[1] / area, covered, pieces: bigPieces, covers: row.filter(([, n]) => n >= 0.1 * area).map(([s, n]) => { const w = result.rows.find((x) => x.id === s); return [s, +(n / area).toFixed(2), +(n / o.areaB.get(s)!).toFixed(2), w?.start, w?.end, w?.parent]; }) });
    }
  }
  const isolated = (m: { t: number; r: number }) => matchedAt.get(m.t - 1)?.has(m.r) && matchedAt.get(m.t + 1)?.has(m.r);
  const byKind: Record<string, { count: number; isolatedInTime: number; medianBestShare: number; medianCovered: number }> = {};
  for (const kind of ['background', 'partial', 'pieces', 'merged'] as MissKind[]) {
    const list = misses.filter((m) => m.kind === kind);
    const med = (xs: number[]) => (xs.length ? xs.sort((a, b) => a - b)[xs.length >> 1] : NaN);
    byKind[kind] = { count: list.length, isolatedInTime: list.filter(isolated).length, medianBestShare: +med(list.map((m) => m.bestShare)).toFixed(2), medianCovered: +med(list.map((m) => m.covered)).toFixed(2) };
  }
  // Links of the reference whose two objects are both found alone (true positives) but not linked in the result: the
  // linker's own share of the links to add (the rest are links of missed or merged objects)
  const edges = (rows: { id: number; parent: number }[], present: Map<number, number[]>) => {
    const out: [number, number, number, number][] = []; // t0, label0, t1, label1
    for (const [l, ts] of present) for (let k = 1; k < ts.length; k++) out.push([ts[k - 1], l, ts[k], l]);
    for (const row of rows) {
      const [m, c] = [present.get(row.parent), present.get(row.id)];
      if (row.parent > 0 && m?.length && c?.length) out.push([m[m.length - 1], row.parent, c[0], row.id]);
    }
    return out;
  };
  const resEdges = new Set(edges(result.rows, presentRes).map((e) => e.join(':')));
  let linksOfFound = 0;
  let linksOfFoundMissing = 0;
  for (const [t0, r0, t1, r1] of edges(reference.rows, presentRef)) {
    const [s0, s1] = [tpOf.get(`${t0}:${r0}`), tpOf.get(`${t1}:${r1}`)];
    if (s0 === undefined || s1 === undefined) continue;
    linksOfFound++;
    if (resEdges.has([t0, s0, t1, s1].join(':'))) continue;
    linksOfFoundMissing++;
    if (process.env.DETAILS) console.error(JSON.stringify({ missingLink: [t0, r0, t1, r1], result: [s0, s1] }));
  }
  // merged objects (NS): sisters (one parent) within 2 frames of their birth, sisters later, or unrelated objects
  const rowOf = new Map(reference.rows.map((r) => [r.id, r]));
  const mergedKinds = { sistersAtBirth: 0, sistersLater: 0, unrelated: 0 };
  for (const m of merges) {
    const rows = m.refs.map((r) => rowOf.get(r));
    const sisters = rows.every((r) => r && r.parent > 0 && r.parent === rows[0]!.parent);
    const kind = !sisters ? 'unrelated' : m.t - Math.max(...rows.map((r) => r!.start)) <= 1 ? 'sistersAtBirth' : 'sistersLater';
    mergedKinds[kind] += m.refs.length - 1;
    if (process.env.DETAILS) console.error(JSON.stringify({ merged: m, kind, rows }));
  }
  return { set, misses: misses.length, byKind, mergedKinds, linksOfFound, linksOfFoundMissing, details: misses };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await classifyMisses(process.argv[2] as DatasetName, process.argv[3]);
  if (process.env.DETAILS) for (const m of out.details) console.error(JSON.stringify(m));
  console.log(JSON.stringify({ ...out, details: undefined }));
}
