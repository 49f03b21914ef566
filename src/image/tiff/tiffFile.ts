// Low-level TIFF / BigTIFF structure reader: header, image file directories (IFDs) and
// tag values, read on demand from an open file handle. Nothing here holds pixel data;
// a huge file costs only the IFDs a caller asks for.
//
// Reads are synchronous (behind async methods): one plane is one pread of at most a few
// MiB, and a thread-pool round trip per read cost 2-4x in throughput on a loaded machine.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { DIRECT_MIN_READ_BYTES, DirectReader, wantsDirectIo } from './directRead.ts';
import { InputError } from '../../errors.ts';

export const Tag = {
  NewSubfileType: 254,
  ImageWidth: 256,
  ImageLength: 257,
  BitsPerSample: 258,
  Compression: 259,
  Photometric: 262,
  ImageDescription: 270,
  StripOffsets: 273,
  SamplesPerPixel: 277,
  RowsPerStrip: 278,
  StripByteCounts: 279,
  XResolution: 282,
  YResolution: 283,
  PlanarConfiguration: 284,
  ResolutionUnit: 296,
  Software: 305,
  Predictor: 317,
  TileWidth: 322,
  TileLength: 323,
  TileOffsets: 324,
  TileByteCounts: 325,
  SampleFormat: 339,
  IJMetadataByteCounts: 50838,
  IJMetadata: 50839,
} as const;

/** Sees every byte range read from a TIFF file (provenance hashes a movie while it is read, so never re-reads it). */
export type ReadObserver = (path: string, offset: number, bytes: Uint8Array) => void;
let readObserver: ReadObserver | undefined;

/** Sets (or clears) the one observer of TIFF reads. */
export function observeTiffReads(observer: ReadObserver | undefined): void {
  readObserver = observer;
}

export interface TiffOpenOptions {
  /**
   * Whether the read observer sees this file's reads (default true). A frame of a file-per-frame
   * series is opened unobserved: the series' provenance is its folder listing, so a content hash
   * of each frame (a tap per file: its real path, a stat, a lookup in the hash cache, a hash
   * state) would be computed and never used.
   */
  observed?: boolean;
}

/** What tells a version of a file from another without reading it: its size, inode and times. */
function fileIdentity(stat: { size: number; dev: number; ino: number; mtimeMs: number; ctimeMs: number; isFile(): boolean }): string {
  return stat.isFile() ? `${stat.size}:${stat.dev}:${stat.ino}:${stat.mtimeMs}:${stat.ctimeMs}` : '';
}

/** Bytes per value of each TIFF field type (1 BYTE ... 18 IFD8). */
const TYPE_SIZE: Record<number, number> = {
  1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8,
};

export interface IfdEntry {
  tag: number;
  type: number;
  count: number;
  /** Absolute file offset of the value bytes (inside the entry when they fit). */
  valueOffset: number;
  /** The value bytes when they fit inside the entry. */
  inline?: Buffer;
}

export interface Ifd {
  offset: number;
  entries: Map<number, IfdEntry>;
  /** Offset of the next IFD, 0 at the end of the chain. */
  nextOffset: number;
}

/** Largest IFD we accept: real files have < 100 tags; more means corruption. */
const MAX_TAGS = 4096;

export class TiffFile {
  private fd: number | undefined;
  /** Reusable byte buffers by purpose (raw strips, a tile, a row): one pool per open file. */
  private readonly scratchBuffers = new Map<string, Uint8Array>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Closed by suspend(), to be resumed. */
  private suspended = false;
  /** Large reads of a file bigger than the page cache keeps bypass it (directRead.ts). */
  private readonly direct: DirectReader | undefined;

  private constructor(
    readonly path: string,
    fd: number,
    readonly size: number,
    readonly littleEndian: boolean,
    readonly bigTiff: boolean,
    readonly firstIfdOffset: number,
    /** Whether the read observer sees this file's reads (TiffOpenOptions). */
    readonly observed: boolean,
    /** Size, inode and times when opened: resume() refuses a file that has changed since. */
    private readonly identity: string,
  ) {
    this.fd = fd;
    this.direct = wantsDirectIo(size) ? new DirectReader(path, size) : undefined;
  }

  /** Opens a file and checks its TIFF header; InputError names the file and the problem. */
  static async open(path: string, options: TiffOpenOptions = {}): Promise<TiffFile> {
    let fd: number;
    try {
      // O_NONBLOCK: opening a FIFO (say, among a folder's frames) must not wait for a writer forever
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (err) {
      throw new InputError(`cannot open ${path}: ${describeFsError(err)}`);
    }
    try {
      const stat = fstatSync(fd);
      if (stat.isDirectory()) throw new InputError(`${path} is a folder, not a TIFF file`);
      if (!stat.isFile()) throw new InputError(`${path} is a FIFO, device or socket, not a TIFF file: name a TIFF movie or a folder of TIFF frames`);
      if (stat.size === 0) throw new InputError(`${path} is empty (0 bytes): not a TIFF file`);
      const head = Buffer.alloc(16);
      const bytesRead = readSync(fd, head, 0, 16, 0);
      const order = head.toString('latin1', 0, 2);
      if (bytesRead < 8 || (order !== 'II' && order !== 'MM')) {
        const kind = otherFormat(head.subarray(0, bytesRead));
        throw new InputError(`${path} is not a TIFF file (${kind ? `it is ${kind}, whatever its name says` : 'no II/MM byte-order mark'}); convert it to TIFF first (e.g. open it in Fiji and save it as TIFF)`);
      }
      const le = order === 'II';
      const magic = le ? head.readUInt16LE(2) : head.readUInt16BE(2);
      let bigTiff = false;
      let first: number;
      if (magic === 42) {
        first = le ? head.readUInt32LE(4) : head.readUInt32BE(4);
      } else if (magic === 43 && bytesRead >= 16) {
        bigTiff = true;
        first = Number(le ? head.readBigUInt64LE(8) : head.readBigUInt64BE(8));
      } else {
        throw new InputError(`${path} is not a TIFF file (bad magic number ${magic}); convert it to TIFF first`);
      }
      const file = new TiffFile(path, fd, stat.size, le, bigTiff, first, options.observed ?? true, fileIdentity(stat));
      if (first === 0) throw new InputError(`${path} holds no images (TIFF without an image directory)`);
      file.checkRange(first, bigTiff ? 8 : 2, 'first image directory');
      return file;
    } catch (err) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      throw err instanceof InputError ? err : new InputError(`cannot read ${path}: ${describeFsError(err)}`);
    }
  }

  /**
   * Closes the descriptor but keeps what was parsed, for resume(): a file-per-frame series
   * checks every frame when it opens and reads each later, a few files open at a time.
   */
  suspend(): void {
    if (this.releaseDescriptor()) this.suspended = true;
  }

  /** Opens a suspended file again; false (and it stays closed) when it cannot be opened or has changed since. */
  resume(): boolean {
    if (this.fd !== undefined) return true;
    if (!this.suspended) return false;
    let fd: number;
    try {
      fd = openSync(this.path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch {
      return false;
    }
    try {
      if (fileIdentity(fstatSync(fd)) === this.identity) {
        this.fd = fd;
        this.suspended = false;
        return true;
      }
    } catch {
      // unreadable now: not resumed
    }
    closeSync(fd);
    return false;
  }

  async close(): Promise<void> {
    this.suspended = false;
    this.releaseDescriptor();
  }

  /** Closes the descriptor and drops the buffers read through it; false when none was open. */
  private releaseDescriptor(): boolean {
    if (this.fd === undefined) return false;
    const fd = this.fd;
    this.fd = undefined;
    this.scratchBuffers.clear();
    this.direct?.close();
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    return true;
  }

  /**
   * A buffer of at least `bytes` for `purpose`, reused across calls (grown when needed).
   * Callers must finish with it before the next call for the same purpose: plane reads
   * that use it run one at a time through serial().
   */
  scratch(purpose: string, bytes: number): Uint8Array {
    let buf = this.scratchBuffers.get(purpose);
    if (!buf || buf.byteLength < bytes) {
      buf = new Uint8Array(Math.max(bytes, Math.min(2 * (buf?.byteLength ?? 0), 1 << 26)));
      this.scratchBuffers.set(purpose, buf);
    }
    return buf.subarray(0, bytes);
  }

  /** Runs `work` after every earlier serial() task of this file has finished. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => {});
    return result;
  }

  /** Throws a one-line InputError when [offset, offset+length) is outside the file. */
  checkRange(offset: number, length: number, what: string): void {
    if (!Number.isFinite(offset) || offset < 0 || offset + length > this.size) {
      throw new InputError(
        `${this.path} is truncated or corrupted: ${what} at byte ${offset} (+${length}) lies outside the file (${this.size} bytes)`,
      );
    }
  }

  /** Reads exactly `length` bytes at `offset` into `target` (or a new buffer). */
  async readAt(offset: number, length: number, what: string, target?: Uint8Array): Promise<Uint8Array> {
    return this.readAtSync(offset, length, what, target);
  }

  /** readAt without a promise: for a caller that must use the bytes before any other task runs (a shared decoder's buffer). */
  readAtSync(offset: number, length: number, what: string, target?: Uint8Array): Uint8Array {
    this.checkRange(offset, length, what);
    if (this.fd === undefined) throw new InputError(`${this.path}: the file was closed`);
    const buf = target ? target.subarray(0, length) : new Uint8Array(length);
    if (length >= DIRECT_MIN_READ_BYTES && this.direct?.read(buf, offset)) {
      if (this.observed) readObserver?.(this.path, offset, buf);
      return buf;
    }
    let done = 0;
    while (done < length) {
      let bytesRead: number;
      try {
        bytesRead = readSync(this.fd, buf, done, length - done, offset + done);
      } catch (err) {
        throw new InputError(`cannot read ${this.path}: ${describeFsError(err)}`);
      }
      if (bytesRead === 0) throw new InputError(`${this.path} is truncated: ${what} ends early`);
      done += bytesRead;
    }
    if (this.observed) readObserver?.(this.path, offset, buf);
    return buf;
  }

  private async readBuffer(offset: number, length: number, what: string): Promise<Buffer> {
    const bytes = await this.readAt(offset, length, what);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Parses the IFD at `offset` (one read for typical IFDs: a 512-byte look-ahead covers ~40 tags). */
  async readIfd(offset: number): Promise<Ifd> {
    const le = this.littleEndian;
    const countSize = this.bigTiff ? 8 : 2;
    const entrySize = this.bigTiff ? 20 : 12;
    const offSize = this.bigTiff ? 8 : 4;
    this.checkRange(offset, countSize, 'image directory');
    const ahead = await this.readBuffer(offset, Math.min(512, this.size - offset), 'image directory');
    const n = this.bigTiff ? readU64(ahead, 0, le) : le ? ahead.readUInt16LE(0) : ahead.readUInt16BE(0);
    if (n === 0 || n > MAX_TAGS) {
      throw new InputError(`${this.path} is corrupted: image directory at byte ${offset} claims ${n} tags`);
    }
    const bodyBytes = n * entrySize + offSize;
    const body =
      countSize + bodyBytes <= ahead.length
        ? ahead.subarray(countSize, countSize + bodyBytes)
        : await this.readBuffer(offset + countSize, bodyBytes, 'image directory');
    const entries = new Map<number, IfdEntry>();
    for (let i = 0; i < n; i++) {
      const p = i * entrySize;
      const tag = le ? body.readUInt16LE(p) : body.readUInt16BE(p);
      const type = le ? body.readUInt16LE(p + 2) : body.readUInt16BE(p + 2);
      const count = this.bigTiff ? readU64(body, p + 4, le) : le ? body.readUInt32LE(p + 4) : body.readUInt32BE(p + 4);
      const typeSize = TYPE_SIZE[type];
      if (typeSize === undefined) continue; // unknown field types are skipped, as the spec says
      const bytes = typeSize * count;
      const valuePos = p + (this.bigTiff ? 12 : 8);
      const fieldAbs = offset + countSize + valuePos;
      if (bytes <= offSize) {
        entries.set(tag, { tag, type, count, valueOffset: fieldAbs, inline: body.subarray(valuePos, valuePos + bytes) });
      } else {
        const at = this.bigTiff ? readU64(body, valuePos, le) : le ? body.readUInt32LE(valuePos) : body.readUInt32BE(valuePos);
        entries.set(tag, { tag, type, count, valueOffset: at });
      }
    }
    const nextOffset = this.bigTiff ? readU64(body, n * entrySize, le) : le ? body.readUInt32LE(n * entrySize) : body.readUInt32BE(n * entrySize);
    return { offset, entries, nextOffset };
  }

  /** Raw bytes of a tag's value. */
  async rawValue(entry: IfdEntry): Promise<Buffer> {
    if (entry.inline) return entry.inline;
    return this.readBuffer(entry.valueOffset, TYPE_SIZE[entry.type] * entry.count, `value of tag ${entry.tag}`);
  }

  /** Numeric values of a tag (rationals as numerator/denominator), undefined when absent. */
  async numbers(ifd: Ifd, tag: number): Promise<number[] | undefined> {
    const entry = ifd.entries.get(tag);
    if (!entry) return undefined;
    if (entry.count > 1e8) throw new InputError(`${this.path} is corrupted: tag ${tag} claims ${entry.count} values`);
    const raw = await this.rawValue(entry);
    return decodeNumbers(raw, entry.type, entry.count, this.littleEndian);
  }

  /** Numeric values of a tag held in its IFD entry (nothing read): undefined when absent, null when stored elsewhere in the file. */
  inlineNumbers(ifd: Ifd, tag: number): number[] | undefined | null {
    const entry = ifd.entries.get(tag);
    if (!entry) return undefined;
    return entry.inline ? decodeNumbers(entry.inline, entry.type, entry.count, this.littleEndian) : null;
  }

  async number(ifd: Ifd, tag: number): Promise<number | undefined> {
    return (await this.numbers(ifd, tag))?.[0];
  }

  /** ASCII tag as a string (trailing NULs removed). UTF-8 is accepted, as ImageJ and tifffile write it. */
  async text(ifd: Ifd, tag: number): Promise<string | undefined> {
    const entry = ifd.entries.get(tag);
    if (!entry) return undefined;
    const raw = await this.rawValue(entry);
    return raw.toString('utf8').replace(/\0+$/, '');
  }
}

function readU64(buf: Buffer, pos: number, le: boolean): number {
  const v = le ? buf.readBigUInt64LE(pos) : buf.readBigUInt64BE(pos);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

function decodeNumbers(raw: Buffer, type: number, count: number, le: boolean): number[] {
  const out: number[] = new Array(type === 5 || type === 10 ? count : count);
  for (let i = 0; i < count; i++) {
    switch (type) {
      case 1: case 7: case 2: out[i] = raw.readUInt8(i); break;
      case 6: out[i] = raw.readInt8(i); break;
      case 3: out[i] = le ? raw.readUInt16LE(i * 2) : raw.readUInt16BE(i * 2); break;
      case 8: out[i] = le ? raw.readInt16LE(i * 2) : raw.readInt16BE(i * 2); break;
      case 4: case 13: out[i] = le ? raw.readUInt32LE(i * 4) : raw.readUInt32BE(i * 4); break;
      case 9: out[i] = le ? raw.readInt32LE(i * 4) : raw.readInt32BE(i * 4); break;
      case 11: out[i] = le ? raw.readFloatLE(i * 4) : raw.readFloatBE(i * 4); break;
      case 12: out[i] = le ? raw.readDoubleLE(i * 8) : raw.readDoubleBE(i * 8); break;
      case 16: case 18: out[i] = readU64(raw, i * 8, le); break;
      case 17: out[i] = Number(le ? raw.readBigInt64LE(i * 8) : raw.readBigInt64BE(i * 8)); break;
      case 5: {
        const num = le ? raw.readUInt32LE(i * 8) : raw.readUInt32BE(i * 8);
        const den = le ? raw.readUInt32LE(i * 8 + 4) : raw.readUInt32BE(i * 8 + 4);
        out[i] = den === 0 ? NaN : num / den;
        break;
      }
      case 10: {
        const num = le ? raw.readInt32LE(i * 8) : raw.readInt32BE(i * 8);
        const den = le ? raw.readInt32LE(i * 8 + 4) : raw.readInt32BE(i * 8 + 4);
        out[i] = den === 0 ? NaN : num / den;
        break;
      }
      default: out[i] = NaN;
    }
  }
  return out;
}

export function describeFsError(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return err instanceof Error ? err.message.split('\n')[0] : String(err);
}

/** The format a file's first bytes announce, for the one line that refuses it ("a JPEG image"). */
function otherFormat(head: Buffer): string | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'a GIF image';
  if (starts(0x42, 0x4d)) return 'a BMP image';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a ZIP archive';
  if (head.toString('latin1', 0, 10) === 'ZISRAWFILE') return 'a Zeiss CZI file';
  if (starts(0x89, 0x48, 0x44, 0x46)) return 'an HDF5 file';
  if (head.toString('latin1', 1, 6) === 'NUMPY') return 'a NumPy array file';
  return undefined;
}
