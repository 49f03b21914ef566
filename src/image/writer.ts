// Streaming ImageJ-hyperstack writer (uncompressed, little-endian, TIFF or BigTIFF).
//
// Layout: header | IFD 0 (+ description, calibration, labels) | IFD 1..N-1 | pixel data.
// Every IFD has a fixed size, so its place is known before any pixel is written, and the
// planes are contiguous, which ImageJ requires (it reads `images=` planes from the first
// strip offset and ignores later IFDs). tifffile, napari and Fiji read the axes from the
// description and the pixel size from XResolution/YResolution.
//
// Default mode writes a temporary file and renames it into place on close(): the header and
// every IFD first (all known from the shape), then the planes, so the file is written once,
// front to back, and a WriteObserver (provenance) can hash it as it goes instead of reading
// it again. crashSafe mode writes in place and after every complete time point rewrites the
// description's counts and links that time point's IFDs into the chain (always terminated).
import { closeSync, openSync, writeSync } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError, WorkError } from '../errors.ts';
import { BYTES_PER_SAMPLE, defaultChannelNames, dtypeOf, formatShape, type DType, type Movie, type MovieMeta, type PlaneData, type Shape } from './movie.ts';
import { encodeIfd, FieldType, ifdSize, toRational, type Field } from './tiff/ifdEncoder.ts';
import { encodeImageJLabels, formatImageJDescription } from './tiff/imagej.ts';
import { Tag } from './tiff/tiffFile.ts';
import { viewOf } from './simdKernels.ts';
import { hashablePlane } from './xxh128.ts';

export interface WriterOptions {
  shape: Shape;
  dtype: DType;
  meta: MovieMeta;
  /** 'auto' (default) switches to BigTIFF when the file would pass 4 GiB. */
  bigTiff?: boolean | 'auto';
  /**
   * false (default): write to a temporary file and rename on close(), so a failure never
   * leaves a half-written file. true: write in place and keep the file readable after
   * every plane (the acquisition engine uses this so a crash keeps every frame so far).
   */
  crashSafe?: boolean;
}

export interface MovieWriter {
  /** Appends the next plane in ImageJ order (channel fastest, then z, then time). */
  writePlane(data: PlaneData): Promise<void>;
  readonly planesWritten: number;
  /** Finishes the file (and renames it into place). */
  close(): Promise<void>;
  /** Stops and removes the partial file (crash-safe writers keep what was written). */
  abort(): Promise<void>;
}

/**
 * Sees a movie file as the default (not crash-safe) writer writes it: every byte once, in
 * file order from offset 0, then finished() once it is renamed into place at `path`, or
 * abandoned() when it is not written after all.
 */
export interface WriteObserver {
  written(path: string, offset: number, bytes: Uint8Array): void;
  finished(path: string): void;
  abandoned(path: string): void;
}
let writeObserver: WriteObserver | undefined;

/** Sets (or clears) the one observer of movie writes (provenance hashes outputs while they are written). */
export function observeMovieWrites(observer: WriteObserver | undefined): void {
  writeObserver = observer;
}

const CLASSIC_LIMIT = 2 ** 32 - 1;
let writersMade = 0;
const DATA_ALIGN = 16;

interface Layout {
  bigTiff: boolean;
  headerBytes: number;
  ifd0Fields: Field[];
  ifd0Bytes: number;
  ifdBytes: number;
  dataStart: number;
  planeBytes: number;
  total: number;
}

export async function createMovieWriter(path: string, options: WriterOptions): Promise<MovieWriter> {
  const { shape, dtype } = options;
  checkShape(path, shape, dtype);
  const meta: MovieMeta = {
    ...options.meta,
    channelNames: options.meta.channelNames?.length === shape.c ? options.meta.channelNames : defaultChannelNames(shape.c),
  };
  const layout = planLayout(path, shape, dtype, meta, options.bigTiff ?? 'auto');
  try {
    const dir = await stat(dirname(path));
    if (!dir.isDirectory()) throw new Error('not a folder');
  } catch {
    throw new InputError(`cannot write ${path}: folder ${dirname(path)} does not exist`);
  }
  const crashSafe = options.crashSafe ?? false;
  // a name no other writer uses (process, writer count, random) without node:crypto, whose
  // loading costs every command that opens a movie ~4 ms of CPU (`cellpilot info` does not write)
  const unique = `${process.pid}-${(writersMade++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const target = crashSafe ? path : join(dirname(path), `.${basename(path)}.${unique}.tmp`);
  let fd: number;
  try {
    fd = openSync(target, 'w');
  } catch (err) {
    throw new InputError(`cannot write ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
  const writer = new HyperstackWriter(path, target, fd, shape, dtype, meta, layout, crashSafe);
  try {
    // A crash-safe file is a valid (empty) TIFF from the start: header, no image yet.
    if (crashSafe) await writer.writeEmptyHeader();
    else await writer.writeStructure();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  return writer;
}

function checkShape(path: string, shape: Shape, dtype: DType): void {
  for (const k of ['t', 'z', 'c', 'y', 'x'] as const) {
    if (!Number.isInteger(shape[k]) || shape[k] < 1) {
      throw new InputError(`cannot write ${path}: shape.${k} must be a positive integer, got ${shape[k]}`);
    }
  }
  if (!(dtype in BYTES_PER_SAMPLE)) throw new InputError(`cannot write ${path}: unsupported dtype ${dtype}`);
}

/** IFD 0 = the first plane's fields + description, calibration and per-plane labels. */
function ifd0FieldsFor(shape: Shape, meta: MovieMeta, descriptionCapacity: number, firstPlane: Field[]): Field[] {
  const fields = [...firstPlane];
  const desc = Buffer.alloc(descriptionCapacity); // filled in later; capacity fixed here
  fields.push({ tag: Tag.ImageDescription, type: FieldType.ASCII, value: desc });
  if (meta.pixelSizeUm) {
    fields.push({ tag: Tag.XResolution, type: FieldType.RATIONAL, value: toRational(1 / meta.pixelSizeUm) });
    fields.push({ tag: Tag.YResolution, type: FieldType.RATIONAL, value: toRational(1 / (meta.pixelSizeYUm ?? meta.pixelSizeUm)) });
    fields.push({ tag: Tag.ResolutionUnit, type: FieldType.SHORT, value: [1] });
  }
  const labels = encodeImageJLabels(planeLabels(shape, meta));
  fields.push({ tag: Tag.IJMetadataByteCounts, type: FieldType.LONG, value: labels.byteCounts });
  fields.push({ tag: Tag.IJMetadata, type: FieldType.BYTE, value: labels.data });
  return fields;
}

/** One label per plane (the channel name), as Micro-Manager and Fiji show them. */
function planeLabels(shape: Shape, meta: MovieMeta): string[] {
  const n = shape.t * shape.z * shape.c;
  return Array.from({ length: n }, (_, i) => meta.channelNames[i % shape.c] ?? `C${(i % shape.c) + 1}`);
}

/** The per-plane fields; offsets are placeholders of the right width. */
function planeFields(shape: Shape, dtype: DType, bigTiff: boolean, dataOffset: number, planeBytes: number): Field[] {
  const offType = bigTiff ? FieldType.LONG8 : FieldType.LONG;
  const sampleFormat = dtype.startsWith('float') ? 3 : dtype.startsWith('int') ? 2 : 1;
  return [
    { tag: Tag.NewSubfileType, type: FieldType.LONG, value: [0] },
    { tag: Tag.ImageWidth, type: FieldType.LONG, value: [shape.x] },
    { tag: Tag.ImageLength, type: FieldType.LONG, value: [shape.y] },
    { tag: Tag.BitsPerSample, type: FieldType.SHORT, value: [BYTES_PER_SAMPLE[dtype] * 8] },
    { tag: Tag.Compression, type: FieldType.SHORT, value: [1] },
    { tag: Tag.Photometric, type: FieldType.SHORT, value: [1] },
    { tag: Tag.StripOffsets, type: offType, value: [dataOffset] },
    { tag: Tag.SamplesPerPixel, type: FieldType.SHORT, value: [1] },
    { tag: Tag.RowsPerStrip, type: FieldType.LONG, value: [shape.y] },
    { tag: Tag.StripByteCounts, type: offType, value: [planeBytes] },
    { tag: Tag.SampleFormat, type: FieldType.SHORT, value: [sampleFormat] },
  ];
}

function planLayout(path: string, shape: Shape, dtype: DType, meta: MovieMeta, bigTiffOption: boolean | 'auto'): Layout {
  const n = shape.t * shape.z * shape.c;
  const planeBytes = shape.y * shape.x * BYTES_PER_SAMPLE[dtype];
  // Room for the final description plus slack, so crash-safe rewrites always fit.
  const descriptionCapacity = Buffer.byteLength(formatImageJDescription(shape, meta)) + 32;
  const plan = (bigTiff: boolean): Layout => {
    const headerBytes = bigTiff ? 16 : 8;
    const first = planeFields(shape, dtype, bigTiff, 0, planeBytes);
    const ifd0Fields = ifd0FieldsFor(shape, meta, descriptionCapacity, first);
    const ifd0Bytes = ifdSize(ifd0Fields, bigTiff);
    const ifdBytes = ifdSize(first, bigTiff);
    const ifdEnd = headerBytes + ifd0Bytes + (n - 1) * ifdBytes;
    const dataStart = Math.ceil(ifdEnd / DATA_ALIGN) * DATA_ALIGN;
    return { bigTiff, headerBytes, ifd0Fields, ifd0Bytes, ifdBytes, dataStart, planeBytes, total: dataStart + n * planeBytes };
  };
  if (bigTiffOption === true) return plan(true);
  const classic = plan(false);
  if (classic.total <= CLASSIC_LIMIT) return classic;
  if (bigTiffOption === false) {
    throw new InputError(`cannot write ${path}: ${formatShape(shape)} ${dtype} needs ${classic.total} bytes, over the 4 GiB TIFF limit; allow BigTIFF`);
  }
  return plan(true);
}

class HyperstackWriter implements MovieWriter {
  planesWritten = 0;
  private closed = false;
  private readonly total: number;
  private descriptionOffset = 0;
  private lastNextPointer = 0;

  constructor(
    private readonly path: string,
    private readonly target: string,
    private readonly fd: number,
    private readonly shape: Shape,
    private readonly dtype: DType,
    private readonly meta: MovieMeta,
    private readonly layout: Layout,
    private readonly crashSafe: boolean,
  ) {
    this.total = shape.t * shape.z * shape.c;
  }

  async writePlane(data: PlaneData): Promise<void> {
    if (this.closed) throw new WorkError(`cannot write to ${this.path}: the writer is closed`);
    if (this.planesWritten >= this.total) {
      throw new WorkError(`cannot write plane ${this.planesWritten + 1} to ${this.path}: the movie has ${this.total} planes (${formatShape(this.shape)})`);
    }
    if (data.length !== this.shape.y * this.shape.x) {
      throw new WorkError(`cannot write to ${this.path}: plane has ${data.length} pixels, expected ${this.shape.y}x${this.shape.x}`);
    }
    if (dtypeOf(data) !== this.dtype) {
      throw new WorkError(`cannot write to ${this.path}: plane is ${dtypeOf(data)}, the movie is ${this.dtype}`);
    }
    const k = this.planesWritten;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    await this.writeAt(bytes, this.layout.dataStart + k * this.layout.planeBytes);
    if (!this.crashSafe) writeObserver?.written(this.path, this.layout.dataStart + k * this.layout.planeBytes, bytes);
    this.planesWritten++;
    if (this.crashSafe) await this.linkPlane(k);
  }

  /**
   * Crash-safe step: write plane k's IFD; when k completes a time point, update the
   * description and link that time point's IFDs into the chain. ImageJ and tifffile
   * need the IFD count to match the description, so a partial time point stays
   * unlinked until it is complete (a crash loses at most that one time point).
   */
  private async linkPlane(k: number): Promise<void> {
    const perFrame = this.shape.c * this.shape.z;
    const completes = (k + 1) % perFrame === 0;
    const ifd = this.encodePlaneIfd(k, completes ? 0 : this.ifdOffset(k + 1));
    await this.writeAt(ifd.bytes, this.ifdOffset(k));
    if (k === 0) this.descriptionOffset = ifd.valueOffsets.get(Tag.ImageDescription) ?? 0;
    if (!completes) return;
    await this.writeDescription();
    const groupStart = k + 1 - perFrame;
    if (groupStart === 0) await this.writeAt(this.header(), 0);
    else await this.writeAt(this.pointer(this.ifdOffset(groupStart)), this.lastNextPointer);
    this.lastNextPointer = ifd.nextPointerOffset;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (!this.crashSafe) {
        if (this.planesWritten !== this.total) {
          throw new WorkError(`${this.path} not written: the writer was closed after ${this.planesWritten} of ${this.total} planes`);
        }
      }
      closeSync(this.fd);
    } catch (err) {
      this.closeQuietly();
      if (!this.crashSafe) await this.discard();
      throw err instanceof WorkError || err instanceof InputError ? err : new WorkError(`cannot write ${this.path}: ${(err as Error).message.split('\n')[0]}`);
    }
    if (!this.crashSafe) {
      try {
        await rename(this.target, this.path);
      } catch (err) {
        await this.discard();
        throw new WorkError(`cannot write ${this.path}: ${(err as Error).message.split('\n')[0]}`);
      }
      writeObserver?.finished(this.path);
    }
  }

  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closeQuietly();
    if (!this.crashSafe) await this.discard();
  }

  private async discard(): Promise<void> {
    writeObserver?.abandoned(this.path);
    await unlink(this.target).catch(() => {});
  }

  /**
   * Default mode, before any plane: the header, every IFD (the description already says all
   * planes; close() refuses a movie with fewer) and the padding up to the pixels, in file
   * order and in batches of about 8 MiB.
   */
  async writeStructure(): Promise<void> {
    const chunks: Buffer[] = [this.header()];
    let chunkStart = 0;
    let pending = chunks[0].length;
    const flush = async () => {
      const bytes = Buffer.concat(chunks);
      await this.writeAt(bytes, chunkStart);
      writeObserver?.written(this.path, chunkStart, bytes);
      chunkStart += pending;
      chunks.length = 0;
      pending = 0;
    };
    const later = this.laterIfds();
    for (let k = 0; k < this.total; ) {
      if (k > 0 && later) {
        // planes 1..N-1 in batches of up to ~1 MiB of IFDs, each a patched copy of the template
        const count = Math.min(this.total - k, Math.max(1, Math.floor((1 << 20) / later.bytes.length)));
        const batch = Buffer.allocUnsafe(count * later.bytes.length);
        for (let i = 0; i < count; i++, k++) later.write(batch, i * later.bytes.length, k, k + 1 < this.total ? this.ifdOffset(k + 1) : 0);
        chunks.push(batch);
        pending += batch.length;
      } else {
        const next = k + 1 < this.total ? this.ifdOffset(k + 1) : 0;
        const ifd = this.encodePlaneIfd(k, next);
        if (k === 0) {
          const at = (ifd.valueOffsets.get(Tag.ImageDescription) ?? 0) - this.ifdOffset(0);
          this.descriptionBytes(this.total).copy(ifd.bytes, at);
        }
        chunks.push(ifd.bytes);
        pending += ifd.bytes.length;
        k++;
      }
      if (pending > 8 << 20) await flush();
    }
    const padding = this.layout.dataStart - (chunkStart + pending);
    if (padding > 0) {
      chunks.push(Buffer.alloc(padding));
      pending += padding;
    }
    await flush();
  }

  /**
   * The IFDs of planes 1..N-1 differ only in their strip offset and next-IFD pointer (every
   * value fits in its entry): plane 1's is encoded once and copied with those two patched,
   * instead of encoding each anew (~25 ms of CPU for 300 planes in a fresh process, ~0.5 ms
   * this way). Undefined when a value lies outside the entries (each IFD is then encoded).
   */
  private laterIfds(): { bytes: Buffer; write(out: Buffer, at: number, k: number, next: number): void } | undefined {
    if (this.total < 2) return undefined;
    const { bigTiff, dataStart, planeBytes, ifdBytes } = this.layout;
    const base = this.ifdOffset(1);
    const ifd = this.encodePlaneIfd(1, 0);
    const entriesEnd = ifd.nextPointerOffset - base + (bigTiff ? 8 : 4);
    if (ifd.bytes.length !== ifdBytes || entriesEnd !== ifd.bytes.length) return undefined;
    const stripAt = ifd.valueOffsets.get(Tag.StripOffsets)! - base;
    const nextAt = ifd.nextPointerOffset - base;
    const template = ifd.bytes;
    return {
      bytes: template,
      write(out, at, k, next) {
        template.copy(out, at);
        const strip = dataStart + k * planeBytes;
        if (bigTiff) {
          out.writeBigUInt64LE(BigInt(strip), at + stripAt);
          out.writeBigUInt64LE(BigInt(next), at + nextAt);
        } else {
          out.writeUInt32LE(strip, at + stripAt);
          out.writeUInt32LE(next, at + nextAt);
        }
      },
    };
  }

  private ifdOffset(k: number): number {
    const { headerBytes, ifd0Bytes, ifdBytes } = this.layout;
    return k === 0 ? headerBytes : headerBytes + ifd0Bytes + (k - 1) * ifdBytes;
  }

  private encodePlaneIfd(k: number, next: number) {
    const { bigTiff, dataStart, planeBytes, ifd0Fields } = this.layout;
    const fields = planeFields(this.shape, this.dtype, bigTiff, dataStart + k * planeBytes, planeBytes);
    if (k === 0) {
      const extra = ifd0Fields.filter((f) => !fields.some((g) => g.tag === f.tag));
      return encodeIfd([...fields, ...extra], this.ifdOffset(0), bigTiff, next);
    }
    return encodeIfd(fields, this.ifdOffset(k), bigTiff, next);
  }

  /** Description for the planes present: complete time points only (crash-safe), padded to its capacity. */
  private async writeDescription(): Promise<void> {
    const perFrame = this.shape.c * this.shape.z;
    const images = Math.floor(this.planesWritten / perFrame) * perFrame;
    await this.writeAt(this.descriptionBytes(images), this.descriptionOffset);
  }

  /** The description of a movie of `images` planes, padded to its fixed capacity. */
  private descriptionBytes(images: number): Buffer {
    const text = formatImageJDescription(this.shape, this.meta, images);
    const capacity = this.layout.ifd0Fields.find((f) => f.tag === Tag.ImageDescription)!.value.length;
    const buf = Buffer.alloc(capacity, '\n'.charCodeAt(0));
    buf.write(text, 0, 'utf8');
    buf[capacity - 1] = 0;
    return buf;
  }

  async writeEmptyHeader(): Promise<void> {
    const h = this.header();
    h.fill(0, this.layout.bigTiff ? 8 : 4);
    await this.writeAt(h, 0);
  }

  private header(): Buffer {
    if (this.layout.bigTiff) {
      const h = Buffer.alloc(16);
      h.write('II', 0, 'latin1');
      h.writeUInt16LE(43, 2);
      h.writeUInt16LE(8, 4);
      h.writeBigUInt64LE(BigInt(this.ifdOffset(0)), 8);
      return h;
    }
    const h = Buffer.alloc(8);
    h.write('II', 0, 'latin1');
    h.writeUInt16LE(42, 2);
    h.writeUInt32LE(this.ifdOffset(0), 4);
    return h;
  }

  private pointer(value: number): Buffer {
    const b = Buffer.alloc(this.layout.bigTiff ? 8 : 4);
    if (this.layout.bigTiff) b.writeBigUInt64LE(BigInt(value));
    else b.writeUInt32LE(value);
    return b;
  }

  /** Synchronous pwrite, as in the reader (see tiffFile.ts): one plane per call. */
  private async writeAt(bytes: Uint8Array, position: number): Promise<void> {
    let done = 0;
    try {
      while (done < bytes.byteLength) done += writeSync(this.fd, bytes, done, bytes.byteLength - done, position + done);
    } catch (err) {
      const code = (err as { code?: string }).code;
      throw new WorkError(`cannot write ${this.path}: ${code === 'ENOSPC' ? 'the disk is full' : (err as Error).message.split('\n')[0]}`);
    }
  }

  private closeQuietly(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

/** Writes a whole movie plane by plane. */
export async function writeMovie(
  path: string,
  movie: Movie,
  options: { onProgress?: (done: number, total: number) => void; bigTiff?: boolean | 'auto' } = {},
): Promise<void> {
  const { shape } = movie;
  const writer = await createMovieWriter(path, { shape, dtype: movie.dtype, meta: movie.meta, bigTiff: options.bigTiff });
  const total = shape.t * shape.z * shape.c;
  // writePlane has written the plane when it returns, so one buffer carries every plane; it
  // lies in the content hasher's memory, so provenance hashes the bytes read and written
  // where they are (a 150 MiB export: ~15 ms for each hash instead of ~30 with copies)
  const pixels = shape.y * shape.x;
  const bytes = writeObserver ? hashablePlane(pixels * BYTES_PER_SAMPLE[movie.dtype]) : undefined;
  let buffer: PlaneData | undefined = bytes && viewOf(movie.dtype, bytes.buffer as ArrayBuffer, bytes.byteOffset, pixels);
  try {
    for (let t = 0; t < shape.t; t++)
      for (let z = 0; z < shape.z; z++)
        for (let c = 0; c < shape.c; c++) {
          buffer = await movie.plane(t, z, c, buffer);
          await writer.writePlane(buffer);
          options.onProgress?.(writer.planesWritten, total);
        }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close();
}
