// What a tracking result's TRA loses, by class, and why true divisions are not found:
//   node bin/run-ts.js models/training/tra-errors.ts TRUTH RESULT [frames=N]
//   TRUTH: a Cell Tracking Challenge ground-truth folder (SEQ_GT, or its TRA folder); RESULT: a result folder
//   (res_track.txt + maskNNN.tif, as the export tool writes). frames=N keeps the first N frames of both.
// Objects are matched as the CTC measures match them (a result object covering more than half of a reference object).
// The AOGM cost (weights of metrics.ts AOGM_WEIGHTS: missed 10, merged 5, false 1, link to delete 1, link to add 1.5,
// wrong semantics 1) is split into what the segmentation caused and what the tracker did:
// - links to add whose ends are both found, each by its own result object, are the tracker's (a link it left out: a
//   track broken, or a daughter not joined to its mother); those with an end missed or merged come with that object;
// - links to delete are the tracker's.
// Each true division is put in one class by what the result holds at the daughters' first frame: found (the result's
// mother track ends and both daughters' tracks have it as parent, within one frame as the CTC matching allows), mother
// goes on as one daughter with the other a new track beside it (a division not proposed or refused), the other daughter
// taken from another track, both daughters new tracks, daughters merged (one result object for both), or an object missed.
// Prints one JSON line: the cost by class with its share, and the division classes with their frames.
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { locateCtcFolder, readMaskFrame, type CtcTrackRow } from '../../src/analysis/ctc.ts';
import { AOGM_WEIGHTS } from '../../src/analysis/metrics.ts';

type Key = string;
const key = (t: number, label: number): Key => `${t}:${label}`;

export interface TraErrors {
  cost: Record<string, number>;
  share: Record<string, number>;
  divisions: Record<string, number[]>;
}

/** Reference -> result matches of one frame (result label covering > 0.5 of the reference label), and result -> references. */
function matchFrame(ref: ArrayLike<number>, res: ArrayLike<number>): { refTo: Map<number, number>; resTo: Map<number, number[]>; refLabels: Set<number>; resLabels: Set<number> } {
  const area = new Map<number, number>();
  const shared = new Map<number, Map<number, number>>();
  const resLabels = new Set<number>();
  for (let i = 0; i < ref.length; i++) {
    const [r, s] = [ref[i], res[i]];
    if (s) resLabels.add(s);
    if (!r) continue;
    area.set(r, (area.get(r) ?? 0) + 1);
    if (!s) continue;
    const row = shared.get(r) ?? new Map<number, number>();
    row.set(s, (row.get(s) ?? 0) + 1);
    shared.set(r, row);
  }
  const refTo = new Map<number, number>();
  const resTo = new Map<number, number[]>();
  for (const [r, row] of shared) for (const [s, n] of row) if (n > 0.5 * area.get(r)!) refTo.set(r, s), resTo.set(s, [...(resTo.get(s) ?? []), r]);
  return { refTo, resTo, refLabels: new Set(area.keys()), resLabels };
}

/** Edges of a CTC lineage: consecutive frames of a track (where present), and parent's last frame -> daughter's first. */
function edgesOf(rows: CtcTrackRow[], present: Map<number, number[]>): { from: Key; to: Key; division: boolean }[] {
  const out: { from: Key; to: Key; division: boolean }[] = [];
  for (const row of rows) {
    const frames = present.get(row.id) ?? [];
    for (let k = 1; k < frames.length; k++) out.push({ from: key(frames[k - 1], row.id), to: key(frames[k], row.id), division: false });
    const parentFrames = present.get(row.parent);
    if (row.parent && parentFrames?.length && frames.length) out.push({ from: key(parentFrames[parentFrames.length - 1], row.parent), to: key(frames[0], row.id), division: true });
  }
  return out;
}

export async function traErrors(truthDir: string, resultDir: string, frames = Infinity): Promise<TraErrors> {
  const truth = locateCtcFolder(existsSync(join(truthDir, 'TRA')) ? join(truthDir, 'TRA') : truthDir);
  const result = locateCtcFolder(resultDir);
  const times = [...new Set([...truth.masks.keys(), ...result.masks.keys()])].filter((t) => t < frames).sort((a, b) => a - b);
  const refTo = new Map<Key, Key>();
  const resTo = new Map<Key, Key[]>();
  const refPresent = new Map<number, number[]>();
  const resPresent = new Map<number, number[]>();
  for (const t of times) {
    const [ref, res] = await Promise.all([truth.masks.get(t), result.masks.get(t)].map(async (p) => (p ? (await readMaskFrame(p)).planes : undefined)));
    const planes = (ref ?? res)!.map((_, z) => [ref?.[z] ?? new Uint8Array(0), res?.[z] ?? new Uint8Array(0)]);
    for (const [a, b] of planes) {
      const m = matchFrame(a.length ? a : new Uint8Array(b.length), b.length ? b : new Uint8Array(a.length));
      for (const r of m.refLabels) if (!refPresent.get(r)?.includes(t)) refPresent.set(r, [...(refPresent.get(r) ?? []), t]);
      for (const s of m.resLabels) if (!resPresent.get(s)?.includes(t)) resPresent.set(s, [...(resPresent.get(s) ?? []), t]);
      for (const [r, s] of m.refTo) refTo.set(key(t, r), key(t, s));
      for (const [s, rs] of m.resTo) resTo.set(key(t, s), rs.map((r) => key(t, r)));
    }
  }
  const cut = (rows: CtcTrackRow[]) => rows.filter((r) => r.start < frames).map((r) => ({ ...r, end: Math.min(r.end, frames - 1) }));
  const [refRows, resRows] = [cut(truth.rows), cut(result.rows)];
  const W = AOGM_WEIGHTS;
  const cost: Record<string, number> = {};
  const add = (what: string, c: number) => (cost[what] = (cost[what] ?? 0) + c);
  let refObjects = 0;
  for (const f of refPresent.values()) refObjects += f.length;
  let resObjects = 0;
  for (const f of resPresent.values()) resObjects += f.length;
  const merged = new Set<Key>();
  for (const [s, refs] of resTo) if (refs.length > 1) add('segmentation: merged objects (ns)', W.ns * (refs.length - 1)), refs.forEach((r) => merged.add(r));
  add('segmentation: missed objects (fn)', W.fn * (refObjects - refTo.size));
  add('segmentation: false objects (fp)', W.fp * (resObjects - resTo.size));
  const tpOfRef = (r: Key) => (refTo.has(r) && !merged.has(r) ? refTo.get(r) : undefined);
  const resEdges = edgesOf(resRows, resPresent);
  const resEdgeSet = new Map(resEdges.map((e) => [`${e.from}>${e.to}`, e]));
  const refEdges = edgesOf(refRows, refPresent);
  const refEdgeSet = new Map(refEdges.map((e) => [`${e.from}>${e.to}`, e]));
  for (const e of refEdges) {
    const [a, b] = [tpOfRef(e.from), tpOfRef(e.to)];
    if (a !== undefined && b !== undefined && resEdgeSet.has(`${a}>${b}`)) continue;
    if (!refTo.has(e.from) || !refTo.has(e.to)) add('links to add: an end missed (ea)', W.ea);
    else if (a === undefined || b === undefined) add('links to add: an end merged (ea)', W.ea);
    else add(e.division ? 'tracker: mother-daughter link left out (ea)' : 'tracker: track broken or swapped (ea)', W.ea);
  }
  const refOfRes = new Map<Key, Key>();
  for (const [s, refs] of resTo) if (refs.length === 1) refOfRes.set(s, refs[0]);
  for (const e of resEdges) {
    const [a, b] = [refOfRes.get(e.from), refOfRes.get(e.to)];
    if (a === undefined || b === undefined) continue;
    const ref = refEdgeSet.get(`${a}>${b}`);
    if (!ref) add(e.division ? 'tracker: false division link (ed)' : 'tracker: wrong link (ed)', W.ed);
    else if (ref.division !== e.division) add('tracker: link of the wrong kind (ec)', W.ec);
  }
  const total = Object.values(cost).reduce((a, b) => a + b, 0);
  const share = Object.fromEntries(Object.entries(cost).map(([k, v]) => [k, Number((v / total).toFixed(3))]));
  return { cost, share, divisions: divisionClasses(refRows, refPresent, resRows, refTo) };
}

/** Each true division's class by what the result holds at its daughters' first frame (see the file's comment). */
function divisionClasses(refRows: CtcTrackRow[], refPresent: Map<number, number[]>, resRows: CtcTrackRow[], refTo: Map<Key, Key>): Record<string, number[]> {
  const resRow = new Map(resRows.map((r) => [r.id, r]));
  const labelOf = (k: Key | undefined) => (k === undefined ? undefined : Number(k.split(':')[1]));
  const out: Record<string, number[]> = {};
  const kidsOf = new Map<number, number[]>();
  for (const r of refRows) if (r.parent && refPresent.has(r.id)) kidsOf.set(r.parent, [...(kidsOf.get(r.parent) ?? []), r.id]);
  for (const [mother, kids] of kidsOf) {
    const motherFrames = refPresent.get(mother);
    if (kids.length < 2 || !motherFrames?.length) continue;
    const tm = motherFrames[motherFrames.length - 1];
    const t = refPresent.get(kids[0])![0];
    const m = labelOf(refTo.get(key(tm, mother)));
    const [d1, d2] = kids.slice(0, 2).map((k) => labelOf(refTo.get(key(refPresent.get(k)![0], k))));
    const parentOf = (label: number) => resRow.get(label)?.parent ?? 0;
    let what: string;
    if (m === undefined) what = 'mother missed';
    else if (d1 === undefined || d2 === undefined) what = 'a daughter missed';
    else if (d1 === d2) what = 'daughters merged';
    else if (parentOf(d1) === parentOf(d2) && parentOf(d1) !== 0 && (parentOf(d1) === m || (resRow.get(m)?.end ?? -9) >= t - 2)) what = 'found';
    else if (d1 === m || d2 === m) {
      const other = resRow.get(d1 === m ? d2 : d1)!;
      what = other.start >= t - 1 ? (other.parent ? 'mother goes on; other daughter from another division' : 'mother goes on; other daughter a new track') : 'mother goes on; other daughter taken from another track';
    } else if ([d1, d2].every((d) => resRow.get(d)!.start >= t - 1 && !resRow.get(d)!.parent)) what = 'both daughters new tracks';
    else what = 'daughters on other tracks';
    (out[what] ??= []).push(t);
  }
  return out;
}

if (process.argv[1]?.endsWith('tra-errors.ts')) {
  const [truthDir, resultDir] = process.argv.slice(2);
  const frames = Number(process.argv.find((a) => a.startsWith('frames='))?.slice(7) ?? Infinity);
  console.log(JSON.stringify(await traErrors(truthDir, resultDir, frames)));
  process.exit(0);
}
