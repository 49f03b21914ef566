// Cell Tracking Challenge (CTC) files: a track table ("L B E P" per line: label, begin
// frame, end frame, parent label or 0) and one label TIFF per frame whose pixel values
// are track labels. Results are `res_track.txt` + `maskNNN.tif`; ground truth is
// `TRA/man_track.txt` + `TRA/man_trackNNN.tif` and `SEG/man_segNNN.tif`.
// Conventions: Maška et al. 2014, doi:10.1093/bioinformatics/btu080, and the CTC
// "Naming and file content conventions".
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Movie, PlaneData } from '../image/movie.ts';
import type { Spot, Tracks } from './tracks.ts';
import { parseFrameNumbers } from '../image/seriesLayout.ts';
import { writeTextAtomic } from './table.ts';

export interface CtcTrackRow {
  /** Track label, >= 1 (the pixel value in the masks). */
  id: number;
  /** First and last frame, 0-based inclusive. */
  start: number;
  end: number;
  /** Mother track label, 0 for none. */
  parent: number;
}

/** Parses a CTC track file; the error names the bad line. */
export function parseCtcTrackFile(text: string, name = 'track file'): CtcTrackRow[] {
  const rows: CtcTrackRow[] = [];
  text.split(/\r?\n/).forEach((line, k) => {
    if (!line.trim()) return;
    const parts = line.trim().split(/\s+/).map(Number);
    if (parts.length !== 4 || parts.some((v) => !Number.isInteger(v) || v < 0) || parts[0] < 1 || parts[2] < parts[1]) {
      throw new RangeError(`${name} line ${k + 1} "${line.trim()}" is not "label begin end parent" with integers (label >= 1, end >= begin)`);
    }
    rows.push({ id: parts[0], start: parts[1], end: parts[2], parent: parts[3] });
  });
  return rows;
}

export function formatCtcTrackFile(rows: CtcTrackRow[]): string {
  return rows.map((r) => `${r.id} ${r.start} ${r.end} ${r.parent}\n`).join('');
}

/** CTC frame numbers: three digits, four or more when the movie needs them. */
export function ctcFrameNumber(t: number, frames: number): string {
  return String(t).padStart(Math.max(3, String(Math.max(0, frames - 1)).length), '0');
}

/** Frame files `${prefix}NNN.tif` in a folder, by frame index. */
export function listCtcFrames(dir: string, prefix: string): Map<number, string> {
  const out = new Map<number, string>();
  if (!existsSync(dir)) return out;
  const pattern = new RegExp(`^${prefix}(\\d+)\\.tiff?$`, 'i');
  for (const name of readdirSync(dir)) {
    const m = pattern.exec(name);
    if (m) out.set(Number(m[1]), join(dir, name));
  }
  return out;
}

export interface MaskFrame {
  planes: PlaneData[];
  width: number;
  height: number;
}

/** The z planes of one CTC mask file (a 2-D image, or a z-stack stored as pages). */
export async function readMaskFrame(path: string): Promise<MaskFrame> {
  const { openMovie } = await import('../image/index.ts');
  const movie = await openMovie(path);
  try {
    const planes: PlaneData[] = [];
    const { t, z } = movie.shape;
    // A z-stack saved without hyperstack metadata reads as T pages: treat them as z.
    if (z === 1 && t > 1) for (let k = 0; k < t; k++) planes.push(await movie.plane(k, 0, 0));
    else for (let k = 0; k < z; k++) planes.push(await movie.plane(0, k, 0));
    return { planes, width: movie.shape.x, height: movie.shape.y };
  } finally {
    await movie.close();
  }
}

/** A CTC folder on disk: its track table and mask file per frame. */
export interface CtcFolder {
  rows: CtcTrackRow[];
  masks: Map<number, string>;
}

/**
 * Finds the track table and masks of a CTC result folder (res_track.txt + mask*.tif) or a
 * ground-truth folder (TRA/man_track.txt + TRA/man_track*.tif, or those files directly).
 */
export function locateCtcFolder(dir: string): CtcFolder {
  const candidates: [string, string, string][] = [
    [join(dir, 'res_track.txt'), dir, 'mask'],
    [join(dir, 'TRA', 'man_track.txt'), join(dir, 'TRA'), 'man_track'],
    [join(dir, 'man_track.txt'), dir, 'man_track'],
  ];
  for (const [file, maskDir, prefix] of candidates) {
    if (!existsSync(file)) continue;
    const masks = listCtcFrames(maskDir, prefix);
    if (masks.size === 0) throw new RangeError(`${maskDir} has ${file} but no ${prefix}NNN.tif masks`);
    return { rows: parseCtcTrackFile(readFileSync(file, 'utf8'), file), masks };
  }
  throw new RangeError(`${dir} is not a Cell Tracking Challenge folder: expected res_track.txt + maskNNN.tif, or TRA/man_track.txt + TRA/man_trackNNN.tif`);
}

/** Reads a CTC folder as Tracks: one spot per label and frame (centroid, area), branches = CTC tracks. */
export async function readCtcTracks(dir: string): Promise<Tracks> {
  const folder = locateCtcFolder(dir);
  const frames = [...folder.masks.keys(), ...folder.rows.map((r) => r.end)].reduce((a, b) => Math.max(a, b), -Infinity) + 1;
  const spots: Spot[] = [];
  const spotIdsOf = new Map<number, number[]>();
  for (const t of [...folder.masks.keys()].sort((a, b) => a - b)) {
    const { planes, width } = await readMaskFrame(folder.masks.get(t)!);
    const sums = new Map<number, { n: number; x: number; y: number; z: number }>();
    planes.forEach((plane, z) => {
      for (let k = 0; k < plane.length; k++) {
        const label = plane[k];
        if (label <= 0) continue;
        let s = sums.get(label);
        if (!s) sums.set(label, (s = { n: 0, x: 0, y: 0, z: 0 }));
        s.n++, (s.x += k % width), (s.y += Math.floor(k / width)), (s.z += z);
      }
    });
    for (const label of [...sums.keys()].sort((a, b) => a - b)) {
      const s = sums.get(label)!;
      const spot: Spot = { id: spots.length + 1, t, x: s.x / s.n, y: s.y / s.n, label, branchId: label, features: { area_px: s.n } };
      if (planes.length > 1) spot.z = s.z / s.n;
      spots.push(spot);
      const list = spotIdsOf.get(label) ?? [];
      list.push(spot.id);
      spotIdsOf.set(label, list);
    }
  }
  const branches = folder.rows
    .filter((r) => spotIdsOf.has(r.id))
    .map((r) => ({ id: r.id, start: r.start, end: r.end, parent: r.parent, spotIds: spotIdsOf.get(r.id)! }));
  return { spots, branches, frames };
}

/**
 * The CTC track table of Tracks and the CTC label of every spot. A CTC track must be present in every
 * frame from its begin to its end, so a branch with gaps (closed by the tracker) is cut at each gap: the
 * part after a gap gets a new label with the part before as its parent (the CTC rule for gap closing),
 * and the branch's daughters name its last part. Labels follow the branch ids, new ones after the largest.
 * `frameNumbers` (the movie's own frame numbers, by frame index: a folder t005.tif, t006.tif ...) give begin and
 * end as the movie numbers its frames; a jump in them is a gap like any other.
 */
export function ctcTracksOf(tracks: Tracks, frameNumbers?: number[]): { rows: CtcTrackRow[]; labelOfSpot: Map<number, number> } {
  const numberOf = (t: number) => frameNumbers?.[t] ?? t;
  const spotById = new Map(tracks.spots.map((s) => [s.id, s]));
  let nextLabel = Math.max(0, ...tracks.branches.map((b) => b.id)) + 1;
  const lastLabelOf = new Map<number, number>();
  const firstLabelOf = new Map<number, number>();
  const rows: CtcTrackRow[] = [];
  const labelOfSpot = new Map<number, number>();
  for (const branch of [...tracks.branches].sort((a, b) => a.id - b.id)) {
    const frames = branch.spotIds.map((id) => spotById.get(id)!).sort((a, b) => a.t - b.t);
    if (frames.length === 0) continue;
    let row: CtcTrackRow = { id: branch.id, start: numberOf(frames[0].t), end: numberOf(frames[0].t), parent: branch.parent };
    firstLabelOf.set(branch.id, row.id);
    rows.push(row);
    for (const spot of frames) {
      const number = numberOf(spot.t);
      if (number > row.end + 1) {
        row = { id: nextLabel++, start: number, end: number, parent: row.id };
        rows.push(row);
      }
      row.end = number;
      labelOfSpot.set(spot.id, row.id);
    }
    lastLabelOf.set(branch.id, row.id);
  }
  // a daughter's parent is the mother branch's last part (and no parent that has no row)
  for (const row of rows) {
    if (row.parent > 0 && firstLabelOf.get(row.id) === row.id) row.parent = lastLabelOf.get(row.parent) ?? 0;
  }
  return { rows, labelOfSpot };
}

/**
 * The frame numbers a movie records for its frames (a folder or pattern of files not numbered 0, 1, 2, ...: see
 * image/series.ts), one per frame and rising; undefined when it records none or they do not fit its frames.
 */
export function movieFrameNumbers(movie: Pick<Movie, 'meta' | 'shape'>): number[] | undefined {
  const text = movie.meta.extra?.frameNumbers;
  if (text === undefined) return undefined;
  const numbers = parseFrameNumbers(String(text));
  return numbers && numbers.length === movie.shape.t && numbers.every((n, i) => i === 0 || n > numbers[i - 1]) ? numbers : undefined;
}

/**
 * Writes Tracks as a CTC result folder: res_track.txt and one maskNNN.tif per frame of the
 * label movie, each object relabelled with its CTC track label (ctcTracksOf; objects not in any branch become 0).
 * Masks and track rows keep the frame numbers the movie records (a folder starting at t005.tif gives mask005.tif
 * onwards), as the CTC rules ask: a result frame has the number of the image it was made from.
 */
export async function writeCtcResult(tracks: Tracks, labels: Movie, dir: string, options: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {}): Promise<{ files: number }> {
  const { createMovieWriter } = await import('../image/index.ts');
  if (labels.shape.t !== tracks.frames) throw new RangeError(`the label movie has ${labels.shape.t} frames but the tracks were made on ${tracks.frames}`);
  const frameNumbers = movieFrameNumbers(labels);
  const { rows, labelOfSpot } = ctcTracksOf(tracks, frameNumbers);
  const maxLabel = Math.max(0, ...rows.map((r) => r.id));
  if (maxLabel > 65535) throw new RangeError(`CTC masks are 16-bit: ${maxLabel} track labels do not fit`);
  const branchAt = new Map<string, number>();
  for (const s of tracks.spots) {
    if (s.label === undefined) throw new RangeError(`spot ${s.id} has no label value: CTC export needs tracks made from a label movie`);
    const label = labelOfSpot.get(s.id);
    if (label !== undefined) branchAt.set(`${s.t}:${s.label}`, label);
  }
  mkdirSync(dir, { recursive: true });
  const { shape } = labels;
  for (let t = 0; t < shape.t; t++) {
    if (options.signal?.aborted) throw new Error('cancelled');
    const path = join(dir, `mask${ctcFrameNumber(frameNumbers?.[t] ?? t, (frameNumbers?.[shape.t - 1] ?? shape.t - 1) + 1)}.tif`);
    const writer = await createMovieWriter(path, { shape: { t: 1, z: shape.z, c: 1, y: shape.y, x: shape.x }, dtype: 'uint16', meta: { ...labels.meta, channelNames: ['labels'] } });
    try {
      for (let z = 0; z < shape.z; z++) {
        const plane = await labels.plane(t, z, 0);
        const out = new Uint16Array(plane.length);
        const cache = new Map<number, number>();
        for (let k = 0; k < plane.length; k++) {
          const label = plane[k];
          if (label <= 0) continue;
          let branch = cache.get(label);
          if (branch === undefined) cache.set(label, (branch = branchAt.get(`${t}:${label}`) ?? 0));
          out[k] = branch;
        }
        await writer.writePlane(out);
      }
    } catch (err) {
      await writer.abort();
      throw err;
    }
    await writer.close();
    options.onProgress?.(t + 1, shape.t);
  }
  const file = join(dir, 'res_track.txt');
  writeTextAtomic(file, formatCtcTrackFile(rows));
  return { files: shape.t + 1 };
}
