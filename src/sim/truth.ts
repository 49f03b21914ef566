// Writes a simulation to disk: the movie as an ImageJ hyperstack and its ground truth in
// Cell Tracking Challenge layout (Maška et al. 2014, doi:10.1093/bioinformatics/btu080):
//   gt/TRA/man_track.txt   one "L B E P" line per track (label, begin, end, parent)
//   gt/TRA/man_trackNNN.tif, gt/SEG/man_segNNN.tif   full masks per frame (z pages for stacks)
//   gt/drift.csv           t,dx_px,dy_px: the sample's displacement from frame 0
//   gt/clean.tif           the movie without noise (float32, expected counts)
//   gt/nuclei.tif          true nuclei fluorescence (brightfield runs only)
// Streaming: frames are generated and written one at a time.
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.ts';
import { Simulation, type LineageRow, type SimFrame, type SimOptions, type SimResult } from './simulate.ts';
import type { DriftRow } from './drift.ts';
import { createMovieWriter, type MovieWriter } from '../image/index.ts';
import { MemoryMovie, planeIndex, type MovieMeta, type Shape } from '../image/movie.ts';

/**
 * mkdir -p, one level at a time. Node 20's recursive mkdir never returns when a parent exists but
 * refuses new entries with ENOENT (e.g. under /proc); here that is a one-line input error.
 */
export async function makeFolder(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) return;
  if (info) throw new InputError(`${path} is a file, not a folder: choose another ground-truth folder`);
  const parent = dirname(path);
  if (parent !== path) await makeFolder(parent);
  try {
    await mkdir(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw new InputError(`cannot create the folder ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): choose a writable location`);
  }
}

/** CTC frame numbers: three digits, more when the movie needs them. */
export function ctcFrameName(t: number, frames: number): string {
  return String(t).padStart(Math.max(3, String(frames - 1).length), '0');
}

export function formatManTrack(lineage: LineageRow[]): string {
  return lineage.map((r) => `${r.id} ${r.start} ${r.end} ${r.parent}\n`).join('');
}

export function formatDriftCsv(drift: DriftRow[]): string {
  return 't,dx_px,dy_px\n' + drift.map((r) => `${r.t},${r.dxPx.toFixed(6)},${r.dyPx.toFixed(6)}\n`).join('');
}

export interface SimulationFiles {
  moviePath: string;
  truthDir: string;
  lineage: LineageRow[];
  drift: DriftRow[];
  frames: number;
  /** Tracks that end in a division. */
  divisions: number;
  /** Cells in the first and the last frame. */
  cellsFirst: number;
  cellsLast: number;
}

/** Writers for the movie and every ground-truth file, fed one frame at a time. */
class SimulationWriter {
  private writers: MovieWriter[] = [];
  private constructor(
    private readonly truthDir: string,
    private readonly shape: Shape,
    private readonly meta: MovieMeta,
    private readonly movie: MovieWriter,
    private readonly clean: MovieWriter,
    private readonly nuclei: MovieWriter | undefined,
  ) {
    this.writers = [movie, clean, ...(nuclei ? [nuclei] : [])];
  }

  static async open(moviePath: string, truthDir: string, shape: Shape, meta: MovieMeta, withNuclei: boolean): Promise<SimulationWriter> {
    await makeFolder(join(truthDir, 'TRA'));
    await makeFolder(join(truthDir, 'SEG'));
    const opened: MovieWriter[] = [];
    try {
      const movie = await createMovieWriter(moviePath, { shape, dtype: 'uint16', meta });
      opened.push(movie);
      const clean = await createMovieWriter(join(truthDir, 'clean.tif'), { shape, dtype: 'float32', meta });
      opened.push(clean);
      const nuclei = withNuclei
        ? await createMovieWriter(join(truthDir, 'nuclei.tif'), { shape: { ...shape, c: 1 }, dtype: 'float32', meta: { ...meta, channelNames: ['nuclei'] } })
        : undefined;
      return new SimulationWriter(truthDir, shape, meta, movie, clean, nuclei);
    } catch (err) {
      await Promise.all(opened.map((w) => w.abort()));
      throw err;
    }
  }

  async writeFrame(frame: SimFrame): Promise<void> {
    for (const plane of frame.movie) await this.movie.writePlane(plane);
    for (const plane of frame.clean) await this.clean.writePlane(plane);
    if (this.nuclei && frame.nuclei) for (const plane of frame.nuclei) await this.nuclei.writePlane(plane);
    const maskShape: Shape = { ...this.shape, t: 1, c: 1 };
    const maskMeta: MovieMeta = { ...this.meta, channelNames: ['labels'] };
    const name = ctcFrameName(frame.t, this.shape.t);
    const masks = new MemoryMovie(maskShape, 'uint16', frame.labels, maskMeta);
    await writeWhole(join(this.truthDir, 'TRA', `man_track${name}.tif`), masks);
    await writeWhole(join(this.truthDir, 'SEG', `man_seg${name}.tif`), masks);
  }

  async close(lineage: LineageRow[], drift: DriftRow[]): Promise<void> {
    for (const writer of this.writers) await writer.close();
    await writeFile(join(this.truthDir, 'TRA', 'man_track.txt'), formatManTrack(lineage));
    await writeFile(join(this.truthDir, 'drift.csv'), formatDriftCsv(drift));
  }

  async abort(): Promise<void> {
    await Promise.all(this.writers.map((w) => w.abort().catch(() => undefined)));
  }
}

async function writeWhole(path: string, movie: MemoryMovie): Promise<void> {
  const writer = await createMovieWriter(path, { shape: movie.shape, dtype: movie.dtype, meta: movie.meta });
  try {
    for (const plane of movie.planes) await writer.writePlane(plane);
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close();
}

function summarize(moviePath: string, truthDir: string, lineage: LineageRow[], drift: DriftRow[], frames: number): SimulationFiles {
  const parents = new Set(lineage.filter((r) => r.parent > 0).map((r) => r.parent));
  const alive = (t: number) => lineage.filter((r) => r.start <= t && r.end >= t).length;
  return { moviePath, truthDir, lineage, drift, frames, divisions: parents.size, cellsFirst: alive(0), cellsLast: alive(frames - 1) };
}

export interface StreamOptions {
  onProgress?: (framesDone: number, frames: number) => void;
  signal?: AbortSignal;
}

/** Simulates and writes frame by frame, never holding the whole movie in memory. */
export async function simulateToFiles(options: SimOptions, moviePath: string, truthDir: string, stream: StreamOptions = {}): Promise<SimulationFiles> {
  const sim = new Simulation(options);
  const writer = await SimulationWriter.open(moviePath, truthDir, sim.shape, sim.meta, sim.options.brightfield);
  try {
    for (const frame of sim.frames()) {
      stream.signal?.throwIfAborted();
      await writer.writeFrame(frame);
      stream.onProgress?.(frame.t + 1, sim.options.frames);
    }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close(sim.lineage(), sim.drift);
  return summarize(moviePath, truthDir, sim.lineage(), sim.drift, sim.options.frames);
}

/** Writes an in-memory simulation: the movie at moviePath and its ground truth under truthDir. */
export async function writeSimulation(result: SimResult, moviePath: string, truthDir: string): Promise<void> {
  const { shape } = result.movie;
  const writer = await SimulationWriter.open(moviePath, truthDir, shape, result.movie.meta, result.nuclei !== undefined);
  try {
    for (let t = 0; t < shape.t; t++) await writer.writeFrame(frameOf(result, t));
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close(result.lineage, result.drift);
}

function frameOf(result: SimResult, t: number): SimFrame {
  const { shape } = result.movie;
  const planesAt = <T>(movie: MemoryMovie, channels: number): T[] => {
    const out: T[] = [];
    for (let z = 0; z < shape.z; z++) for (let c = 0; c < channels; c++) out.push(movie.planes[planeIndex(movie.shape, t, z, c)] as T);
    return out;
  };
  return {
    t,
    movie: planesAt<Uint16Array>(result.movie, shape.c),
    clean: planesAt<Float32Array>(result.clean, shape.c),
    labels: planesAt<Uint16Array>(result.labels, 1),
    ...(result.nuclei ? { nuclei: planesAt<Float32Array>(result.nuclei, 1) } : {}),
    drift: result.drift[t],
    cellIds: result.lineage.filter((r) => r.start <= t && r.end >= t).map((r) => r.id),
  };
}

/** Removes a truth folder written by a failed run (used by the CLI on error). */
export async function removeTruth(truthDir: string): Promise<void> {
  await rm(truthDir, { recursive: true, force: true });
}
