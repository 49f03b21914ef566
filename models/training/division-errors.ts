// Every division error on a movie with lineage truth, by cause (issue 12's breakdown):
//   node bin/run-ts.js models/training/division-errors.ts SET [seed=11] [frames=N] [segmentation=FILE] [save=FILE] [tolerance=2] [list=1] [intensity=off]
// SET: sim (our simulator's 50-cell, 256 x 256 movie; seed=, frames= default 100) | simplus01 | simplus02.
// The segment tool with its defaults (or a kept segmentation=FILE; save=FILE keeps the one made), then the tracker as the
// track tool runs it (distances from the movie, repair over time, divisions with evidence), scored against the truth.
// A result division matches a true one (CTC-style) when its daughters start within `tolerance` frames of the true
// daughters (default 2) and its mother's last object and daughters' first objects lie mostly on the true family.
// Every true division missed (FN) and every division reported that matches none (FP) gets one cause, the first that
// applies, in this order:
//   FN: dated off (a result division on the family, beyond the tolerance) | refused: REASON (the tracker proposed it;
//       the evidence check refused it) | daughters seen as one (both true daughters' first frames lie on one object) |
//       a daughter missed (a true daughter's first two frames lie on no object) | mother lost (the true mother's last
//       frame lies on no object) | not proposed, with what the segmentation did: the mother cut in two before the
//       division (two objects hold 20% of it each), a daughter merged with a neighbour at birth (its object covers
//       another true object), a daughter taken by a track that began earlier, a daughter's track begins late, the
//       other daughter began a track of its own (the mother went on into one daughter); else linked otherwise
//   FP: dated off | pieces of one nucleus (both daughters lie on one true object) | a neighbour (the daughters lie on
//       two true cells that are not sisters) | a false object (a daughter lies on no true object) | other
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMovie, writeMovie } from '../../src/image/index.ts';
import { evaluateCtc, sequenceFromMovie, sequenceFromTracks, type CtcSequence } from '../../src/analysis/metrics.ts';
import { overlapCounts } from '../../src/analysis/overlapTracker.ts';
import { trackLabelsWithEvidence } from '../../src/analysis/track.ts';
import type { CtcTrackRow } from '../../src/analysis/ctc.ts';
import { toolCaller, truthOfFirstFrames } from './eval-tracking.ts';
import { ctcDataset, type DatasetName } from './real-data.ts';

const option = (key: string) => process.argv.find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1);
const set = process.argv[2] ?? 'sim';
const tolerance = Number(option('tolerance') ?? 2);
const dir = mkdtempSync(join(tmpdir(), 'division-errors-'));

interface Division { t: number; mother: number; daughters: number[] }

function divisionsOf(rows: CtcTrackRow[]): Division[] {
  const kids = new Map<number, number[]>();
  for (const r of rows) if (r.parent > 0) kids.set(r.parent, [...(kids.get(r.parent) ?? []), r.id]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: Division[] = [];
  for (const [mother, ds] of kids) if (ds.length >= 2 && byId.has(mother)) out.push({ t: Math.min(...ds.map((d) => byId.get(d)!.start)), mother, daughters: ds });
  return out.sort((a, b) => a.t - b.t);
}

try {
  let moviePath: string;
  let truth: CtcSequence;
  if (set === 'sim') {
    const { simulate } = await import('../../src/sim/index.ts');
    const sim = simulate({ frames: Number(option('frames') ?? 100), cells: 50, seed: Number(option('seed') ?? 11), width: 256, height: 256 });
    moviePath = join(dir, 'movie.tif');
    await writeMovie(moviePath, sim.movie);
    truth = sequenceFromMovie(sim.labels, sim.lineage);
  } else {
    const data = ctcDataset(set as DatasetName);
    if (option('frames')) throw new Error('frames= is for sim only');
    moviePath = data.images;
    const movie = await openMovie(moviePath);
    truth = truthOfFirstFrames(data, movie.shape.t);
    await movie.close();
  }
  let segPath = option('segmentation');
  if (!segPath) {
    const call = await toolCaller(join(dir, 'session'));
    segPath = (await call('segment', { movie: moviePath })).artifacts[0].path;
    if (option('save')) copyFileSync(segPath, option('save')!);
  }
  const labels = await openMovie(segPath);
  const movie = await openMovie(moviePath);
  const cpu = process.cpuUsage();
  const result = await trackLabelsWithEvidence(labels, {
    // intensity=off: the labels alone, no brightness (track on labels the session did not make, no movie given)
    intensity: option('intensity') === 'off' ? undefined : movie,
    labelsPath: segPath,
    distancesFromMovie: true,
    divisionCheck: {},
    temporalRepair: true,
    lap: { allowGapClosing: true, maxFrameGap: 2, allowSplitting: true, alternativeLinkingCostFactor: 1.05, cutoffPercentile: 0.9, linkingFeaturePenalties: {} },
  });
  const trackCpu = process.cpuUsage(cpu);
  const source = result.repair?.labels ?? labels;
  const res = sequenceFromTracks(result.tracks, source);
  const scores1 = await evaluateCtc(truth, res);
  const scores2 = await evaluateCtc(truth, res, { divisionFrameTolerance: tolerance });

  // per frame: result label -> dominant truth label (most shared pixels), and truth label -> result labels covering most of it
  const dominant = new Map<string, number>();
  const covered = new Map<string, number>();
  const parts = new Map<string, [number, number][]>(); // truth label -> result labels on it, with the share of its area
  const mergedWith = new Map<string, number>(); // result label -> how many truth objects it covers for the most part
  const frames = Math.max(...truth.frames) + 1;
  for (let t = 0; t < frames; t++) {
    const o = overlapCounts(await truth.frame(t), await res.frame(t));
    const best = new Map<number, [number, number]>();
    for (const [r, row] of o.intersections)
      for (const [s, shared] of row) {
        if (!best.has(s) || shared > best.get(s)![1]) best.set(s, [r, shared]);
        if (shared > 0.5 * o.areaA.get(r)!) covered.set(`${t}:${r}`, s), mergedWith.set(`${t}:${s}`, (mergedWith.get(`${t}:${s}`) ?? 0) + 1);
        parts.set(`${t}:${r}`, [...(parts.get(`${t}:${r}`) ?? []), [s, shared / o.areaA.get(r)!]]);
      }
    for (const [s, [r]] of best) dominant.set(`${t}:${s}`, r);
  }
  const refRows = new Map(truth.rows.map((r) => [r.id, r]));
  const resRows = new Map(res.rows.map((r) => [r.id, r]));
  const refDivs = divisionsOf(truth.rows);
  const resDivs = divisionsOf(res.rows).filter((d) => resRows.get(d.mother)!.end >= 0);
  const family = (d: Division) => new Set([d.mother, ...d.daughters]);
  const onFamily = (rd: Division, c: Division) => {
    const f = family(rd);
    const m = resRows.get(c.mother)!;
    return f.has(dominant.get(`${m.end}:${c.mother}`) ?? 0) && c.daughters.every((k) => f.has(dominant.get(`${resRows.get(k)!.start}:${k}`) ?? 0));
  };
  // one-to-one, closest in time first (as metrics.ts); any dt for the "dated off" class
  const pairs: [number, number, number][] = [];
  refDivs.forEach((r, ri) => resDivs.forEach((c, ci) => onFamily(r, c) && pairs.push([Math.abs(c.t - r.t), ri, ci])));
  pairs.sort((a, b) => a[0] - b[0]);
  const refMatched = new Map<number, number>();
  const resMatched = new Map<number, number>();
  for (const [dt, ri, ci] of pairs) {
    if (refMatched.has(ri) || resMatched.has(ci)) continue;
    refMatched.set(ri, dt);
    resMatched.set(ci, dt);
  }
  const causes = { fn: new Map<string, string[]>(), fp: new Map<string, string[]>() };
  const add = (m: Map<string, string[]>, cause: string, what: string) => m.set(cause, [...(m.get(cause) ?? []), what]);
  // the tracker's proposals by the truth label under their mother's last spot and their frame
  const spotById = new Map(result.tracks.spots.map((s) => [s.id, s]));
  const refused = result.divisionEvidence.filter((e) => !e.accepted);
  const labelOfSpot = (id: number) => {
    const s = spotById.get(id) as { t: number; branchId: number } | undefined;
    return s ? dominant.get(`${s.t}:${s.branchId}`) : undefined;
  };
  refDivs.forEach((r, ri) => {
    const dt = refMatched.get(ri);
    if (dt !== undefined && dt <= tolerance) return;
    // with list=1, the result's objects on the mother's last 2 frames and the daughters' first 4: label[start-end^parent]
    const on = (t: number, l: number) => (parts.get(`${t}:${l}`) ?? []).map(([s2, share]) => `${s2}[${resRows.get(s2)!.start}-${resRows.get(s2)!.end}^${resRows.get(s2)!.parent}]${share.toFixed(1)}`).join('+') || '-';
    const detail = option('list') === '1' ? ` | ${[refRows.get(r.mother)!.end - 1, refRows.get(r.mother)!.end].map((t) => `m@${t}:${on(t, r.mother)}`).join(' ')} | ${[0, 1, 2, 3].map((k) => `@${r.t + k}:${r.daughters.map((dd) => on(r.t + k, dd)).join(',')}`).join(' ')}` : '';
    const what = `t${r.t} mother ${r.mother}${detail}`;
    const f = family(r);
    const start = r.daughters.map((d) => refRows.get(d)!.start);
    const motherEnd = refRows.get(r.mother)!.end;
    const proposal = refused.find((e) => {
      const m = spotById.get(e.mother);
      const k = spotById.get(e.daughters[0]);
      return m && k && Math.abs(k.t - r.t) <= tolerance && f.has(labelOfSpot(e.mother) ?? 0);
    });
    const firsts = r.daughters.map((d, i) => [0, 1].map((k) => covered.get(`${start[i] + k}:${d}`)));
    if (dt !== undefined) add(causes.fn, `dated off (${dt} frames)`, what);
    else if (proposal) add(causes.fn, `refused: ${proposal.reason.replace(/\(.*$/, '').replace(/\d+(\.\d+)?/g, 'N').trim()}`, `${what} (${proposal.reason})`);
    else if (firsts[0][0] !== undefined && firsts[0][0] === firsts[1][0]) add(causes.fn, 'daughters seen as one', what);
    else if (firsts.some((f2) => f2.every((s) => s === undefined))) add(causes.fn, 'a daughter missed', what);
    else if (covered.get(`${motherEnd}:${r.mother}`) === undefined) add(causes.fn, 'mother lost before the cut', what);
    else if ((parts.get(`${motherEnd}:${r.mother}`) ?? []).filter(([, share]) => share >= 0.2).length >= 2) add(causes.fn, 'not proposed: mother cut in two before the division', what);
    else if (firsts.some((f2, i) => (mergedWith.get(`${start[i]}:${f2[0]}`) ?? 0) > 1)) add(causes.fn, 'not proposed: a daughter merged with a neighbour at birth', what);
    else if (firsts.some((f2, i) => f2[0] !== undefined && resRows.get(f2[0])!.start < start[i] && f2[0] !== covered.get(`${motherEnd}:${r.mother}`))) add(causes.fn, 'not proposed: a daughter taken by a track that began earlier', what);
    else if (firsts.some((f2, i) => f2[0] !== undefined && resRows.get(f2[0])!.start > start[i])) add(causes.fn, 'not proposed: a daughter track begins late', what);
    else if (firsts.some((f2, i) => f2[0] !== undefined && resRows.get(f2[0])!.start === start[i] && resRows.get(f2[0])!.parent === 0)) {
      // the mother went on into one daughter; the other began a track of its own: how far from the mother it appeared
      const i = firsts.findIndex((f2, k) => f2[0] !== undefined && resRows.get(f2[0])!.start === start[k] && resRows.get(f2[0])!.parent === 0);
      const m = result.tracks.spots.find((sp) => sp.t === motherEnd && sp.branchId === covered.get(`${motherEnd}:${r.mother}`));
      const k = result.tracks.spots.find((sp) => sp.t === start[i] && sp.branchId === firsts[i][0]);
      const far = m && k ? Math.hypot(m.x - k.x, m.y - k.y).toFixed(1) : '?';
      add(causes.fn, 'not proposed: the other daughter began a track of its own', `${what} (${far} px from the mother's last centroid; splitting distance ${result.scale?.splittingMaxDistancePx})`);
    } else add(causes.fn, 'not proposed (linked otherwise)', what);
  });
  resDivs.forEach((c, ci) => {
    const dt = resMatched.get(ci);
    if (dt !== undefined && dt <= tolerance) return;
    const m = resRows.get(c.mother)!;
    const mRef = dominant.get(`${m.end}:${c.mother}`) ?? 0;
    const kRefs = c.daughters.map((k) => dominant.get(`${resRows.get(k)!.start}:${k}`) ?? 0);
    const what = `t${c.t} mother ${c.mother} on ${mRef}, daughters on ${kRefs.join('+')}`;
    if (dt !== undefined) add(causes.fp, `dated off (${dt} frames)`, what);
    else if (kRefs.includes(0)) add(causes.fp, 'a false object', what);
    else if (new Set(kRefs).size === 1) add(causes.fp, 'pieces of one nucleus', what);
    else if (kRefs.every((k) => refRows.get(k)?.parent === refRows.get(kRefs[0])?.parent && refRows.get(k)!.parent > 0)) add(causes.fp, 'true sisters, mother elsewhere', what);
    else add(causes.fp, 'a neighbour (cells not sisters)', what);
  });
  const d = scores2.divisions;
  const list = option('list') === '1';
  const show = (m: Map<string, string[]>) => Object.fromEntries([...m].sort((a, b) => b[1].length - a[1].length).map(([k, v]) => [k, list ? v : v.length]));
  console.log(
    JSON.stringify(
      {
        set,
        seed: set === 'sim' ? Number(option('seed') ?? 11) : undefined,
        TRA: +scores1.TRA.toFixed(4),
        DET: +scores1.DET.toFixed(4),
        tol1: { ...scores1.divisions, precision: +scores1.divisions.precision.toFixed(3), recall: +scores1.divisions.recall.toFixed(3), f1: +scores1.divisions.f1.toFixed(3) },
        [`tol${tolerance}`]: { ...d, precision: +d.precision.toFixed(3), recall: +d.recall.toFixed(3), f1: +d.f1.toFixed(3) },
        proposed: result.divisionEvidence.length,
        fn: show(causes.fn),
        fp: show(causes.fp),
        trackCpuS: +((trackCpu.user + trackCpu.system) / 1e6).toFixed(1),
      },
      null,
      list ? 1 : 0,
    ),
  );
  await labels.close();
  await movie.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
