// Streams an acquisition to disk as ImageJ hyperstacks, one file per stage position
// (as Micro-Manager does), written in place so the file is readable after every time
// point: a stop, an abort or a crash keeps every frame acquired so far. A change of
// layout (channels, z planes, positions, objective) starts a new part file, because a
// hyperstack's C, Z, Y, X and calibration are fixed. Planes of a time point are buffered
// and written in ImageJ order (channel fastest, then z) when the time point is complete;
// planes a plan skips (acquire-every, single-plane channels) are written as zeros and
// marked in the frame table (<stem>.frames.csv), which says where every image went.
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { createMovieWriter, type MovieWriter } from '../image/index.ts';

export interface SinkLayout {
  positions: string[];
  channels: string[];
  zCount: number;
  widthPx: number;
  heightPx: number;
  pixelSizeUm: number;
  zStepUm?: number;
  intervalS?: number;
  /** Upper bound on the time points this part will hold (the writer's capacity). */
  capacity: number;
}

export interface FrameRecord {
  t: number;
  position: string;
  channel: string;
  zIndex: number;
  timeS: number;
  exposureMs: number;
  powerPercent: number;
  xUm: number;
  yUm: number;
  zUm: number;
  objective: string;
  pixelSizeUm: number;
  doseJPerCm2: number;
}

export interface WrittenFile {
  path: string;
  position: string;
  part: number;
  channels: string[];
  zCount: number;
  timepoints: number;
}

interface PartWriter {
  file: WrittenFile;
  writer: MovieWriter;
  /** Buffered planes of the time point in progress, by c + z * C. */
  pending: (Uint16Array | undefined)[];
  pendingT: number | undefined;
  /** Time points this file has room for (fixed when it was created). */
  capacity: number;
}

/** Where an acquisition's frames go; HyperstackSink writes them to disk. */
export interface FrameSink {
  readonly files: WrittenFile[];
  readonly framesPath: string;
  ensureLayout(layout: SinkLayout): Promise<boolean>;
  add(t: number, channelIndex: number, zIndex: number, data: Uint16Array, record: FrameRecord): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

const FRAME_COLUMNS = 'file,plane,t,position,channel,z_index,time_s,exposure_ms,power_percent,x_um,y_um,z_um,objective,pixel_size_um,dose_j_per_cm2';

export class HyperstackSink implements FrameSink {
  private layout: SinkLayout | undefined;
  private part = 0;
  private writers = new Map<string, PartWriter>();
  readonly files: WrittenFile[] = [];
  readonly framesPath: string;
  private readonly stem: string;
  private readonly dir: string;
  private framesFd: number | undefined;

  /** `path` names the first file (e.g. ".../run.tif"); other positions and parts get suffixes. */
  constructor(readonly path: string) {
    this.dir = dirname(path);
    const stem = basename(path, extname(path));
    mkdirSync(this.dir, { recursive: true });
    // Never write over an earlier acquisition: pick a fresh stem when the name is taken.
    let unique = stem;
    for (let i = 2; existsSync(join(this.dir, `${unique}.tif`)) || existsSync(join(this.dir, `${unique}.frames.csv`)); i++) unique = `${stem}-${i}`;
    this.stem = unique;
    this.framesPath = join(this.dir, `${this.stem}.frames.csv`);
    writeFileSync(this.framesPath, FRAME_COLUMNS + '\n');
    // Kept open: each line goes straight to the OS (writeSync), so a crash loses none.
    this.framesFd = openSync(this.framesPath, 'a');
  }

  /** Starts a new part when the layout differs from the current one. Call at a time-point boundary. */
  async ensureLayout(layout: SinkLayout): Promise<boolean> {
    if (this.layout && sameLayout(this.layout, layout)) {
      this.layout.capacity = layout.capacity; // used by the next part, if one is needed
      return false;
    }
    await this.closeWriters();
    this.layout = layout;
    this.part++;
    return true;
  }

  /** Adds one image of time point t. Planes are buffered until the time point is flushed. */
  async add(t: number, channelIndex: number, zIndex: number, data: Uint16Array, record: FrameRecord): Promise<void> {
    const layout = this.requireLayout();
    let part = await this.writerFor(record.position, layout);
    if (part.pendingT !== undefined && part.pendingT !== t) await this.flushPart(part, layout);
    if (part.file.timepoints >= part.capacity) {
      // The file is full (the plan grew past its estimate): continue in a new part.
      await this.closeWriters();
      this.part++;
      part = await this.writerFor(record.position, layout);
    }
    part.pendingT = t;
    const planeInT = channelIndex + zIndex * layout.channels.length;
    part.pending[planeInT] = data;
    const plane = part.writer.planesWritten + planeInT;
    if (this.framesFd !== undefined) writeSync(this.framesFd, frameLine(part.file.path, plane, record) + '\n');
  }

  /** Writes every buffered time point (call at the end of each time point). */
  async flush(): Promise<void> {
    const layout = this.layout;
    if (!layout) return;
    for (const part of this.writers.values()) await this.flushPart(part, layout);
  }

  /** Flushes and closes every file; safe to call more than once. */
  async close(): Promise<void> {
    try {
      await this.closeWriters();
    } finally {
      if (this.framesFd !== undefined) closeSync(this.framesFd);
      this.framesFd = undefined;
    }
  }

  private async closeWriters(): Promise<void> {
    const layout = this.layout;
    const errors: unknown[] = [];
    for (const part of this.writers.values()) {
      try {
        if (layout) await this.flushPart(part, layout);
      } catch (err) {
        errors.push(err);
      }
      try {
        await part.writer.close();
      } catch (err) {
        errors.push(err);
      }
    }
    this.writers.clear();
    if (errors.length) throw errors[0];
  }

  private async flushPart(part: PartWriter, layout: SinkLayout): Promise<void> {
    if (part.pendingT === undefined) return;
    const planeLength = layout.widthPx * layout.heightPx;
    for (let i = 0; i < layout.channels.length * layout.zCount; i++) {
      await part.writer.writePlane(part.pending[i] ?? new Uint16Array(planeLength));
    }
    part.pending = [];
    part.pendingT = undefined;
    part.file.timepoints++;
  }

  private async writerFor(position: string, layout: SinkLayout): Promise<PartWriter> {
    const existing = this.writers.get(position);
    if (existing) return existing;
    const path = this.pathFor(position, layout);
    const writer = await createMovieWriter(path, {
      shape: { t: layout.capacity, z: layout.zCount, c: layout.channels.length, y: layout.heightPx, x: layout.widthPx },
      dtype: 'uint16',
      meta: {
        channelNames: layout.channels,
        pixelSizeUm: layout.pixelSizeUm,
        zStepUm: layout.zStepUm,
        frameIntervalS: layout.intervalS,
        extra: { position, part: this.part },
      },
      crashSafe: true,
    });
    const file: WrittenFile = { path, position, part: this.part, channels: [...layout.channels], zCount: layout.zCount, timepoints: 0 };
    this.files.push(file);
    const part: PartWriter = { file, writer, pending: [], pendingT: undefined, capacity: layout.capacity };
    this.writers.set(position, part);
    return part;
  }

  private pathFor(position: string, layout: SinkLayout): string {
    const posPart = layout.positions.length > 1 || this.files.some((f) => f.position !== position) ? `_${safe(position)}` : '';
    const partPart = this.part > 1 ? `_part${this.part}` : '';
    return join(this.dir, `${this.stem}${posPart}${partPart}.tif`);
  }

  private requireLayout(): SinkLayout {
    if (!this.layout) throw new Error('HyperstackSink: ensureLayout() must be called before add()');
    return this.layout;
  }
}

function sameLayout(a: SinkLayout, b: SinkLayout): boolean {
  return (
    a.positions.join('\u0000') === b.positions.join('\u0000') &&
    a.channels.join('\u0000') === b.channels.join('\u0000') &&
    a.zCount === b.zCount &&
    a.widthPx === b.widthPx &&
    a.heightPx === b.heightPx &&
    a.pixelSizeUm === b.pixelSizeUm &&
    a.zStepUm === b.zStepUm
  );
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '_');
}

function frameLine(file: string, plane: number, r: FrameRecord): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const n = (v: number, digits = 4) => String(Math.round(v * 10 ** digits) / 10 ** digits);
  return [
    q(basename(file)),
    plane,
    r.t,
    q(r.position),
    q(r.channel),
    r.zIndex,
    n(r.timeS, 3),
    n(r.exposureMs, 3),
    n(r.powerPercent, 3),
    n(r.xUm, 3),
    n(r.yUm, 3),
    n(r.zUm, 3),
    q(r.objective),
    n(r.pixelSizeUm, 4),
    n(r.doseJPerCm2, 6),
  ].join(',');
}
