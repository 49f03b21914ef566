// How one TIFF image (an IFD) stores its pixels, and reading it into a typed plane.
// Supports strips and tiles; uncompressed, LZW, Deflate, PackBits and Zstd (bounded
// decoders in codecs.ts); horizontal and floating-point predictors; both byte orders.
import { InputError } from '../../errors.ts';
import { BYTES_PER_SAMPLE, dtypeOf, type DType, type PlaneData } from '../movie.ts';
import { decodeBlock, inflater, lzwReadBuffer, MAX_EXPANSION, maxCompressedBytes } from './codecs.ts';
import { planeBudgetBytes, TINY_PLANE_BYTES } from './limits.ts';
import { Tag, type Ifd, type TiffFile } from './tiffFile.ts';

export const COMPRESSION_NAMES: Record<number, string> = {
  1: 'none',
  5: 'lzw',
  8: 'deflate',
  32946: 'deflate',
  32773: 'packbits',
  50000: 'zstd',
};

const UNSUPPORTED_COMPRESSION: Record<number, string> = {
  2: 'CCITT', 3: 'CCITT T.4', 4: 'CCITT T.6', 6: 'old-style JPEG', 7: 'JPEG', 34712: 'JPEG 2000',
  33003: 'JPEG 2000', 33005: 'JPEG 2000', 34887: 'LERC', 34925: 'LZMA', 50001: 'WebP', 50002: 'JPEG XL',
};

export interface PlaneLayout {
  width: number;
  height: number;
  dtype: DType;
  compression: number;
  predictor: number;
  /** Strips: blockWidth = width, blockHeight = rows per strip. Tiles: the tile size. */
  tiled: boolean;
  blockWidth: number;
  blockHeight: number;
  offsets: number[];
  byteCounts: number[];
}

export function planeBytes(layout: { width: number; height: number; dtype: DType }): number {
  return layout.width * layout.height * BYTES_PER_SAMPLE[layout.dtype];
}

/** The tags readLayout reads. */
const LAYOUT_TAGS = [
  Tag.ImageWidth, Tag.ImageLength, Tag.SamplesPerPixel, Tag.BitsPerSample, Tag.SampleFormat, Tag.Compression, Tag.Predictor,
  Tag.TileWidth, Tag.TileLength, Tag.RowsPerStrip, Tag.TileOffsets, Tag.TileByteCounts, Tag.StripOffsets, Tag.StripByteCounts,
];

/**
 * Reads the layout tags of an IFD and rejects what we cannot read, naming the problem. Values held
 * in the IFD's entries (all of them for a plane of one strip) are taken as they are; only values
 * stored elsewhere (lists of strips or tiles) are read, first: a read that fails is thrown where the
 * checks first ask for that tag, so a corrupted file gets the error it got when each tag was awaited
 * in turn. (A multi-page file read plane by plane calls this per plane, in cold code: ~14 awaits a
 * plane, whose removal saved 20-37 ms of CPU per 300 planes in one command; issue 16.)
 */
export async function readLayout(file: TiffFile, ifd: Ifd, what: string): Promise<PlaneLayout> {
  const elsewhere = new Map<number, { values?: number[]; error?: unknown }>();
  for (const tag of LAYOUT_TAGS) {
    const entry = ifd.entries.get(tag);
    if (!entry || entry.inline) continue;
    try {
      elsewhere.set(tag, { values: await file.numbers(ifd, tag) });
    } catch (error) {
      elsewhere.set(tag, { error });
    }
  }
  const numbers = (tag: number): number[] | undefined => {
    const read = elsewhere.get(tag);
    if (!read) return file.inlineNumbers(ifd, tag) ?? undefined;
    if (read.error !== undefined) throw read.error;
    return read.values;
  };
  return layoutFrom(file, ifd, what, numbers);
}

/** readLayout's checks, on the tags' values. */
function layoutFrom(file: TiffFile, ifd: Ifd, what: string, numbers: (tag: number) => number[] | undefined): PlaneLayout {
  const number = (tag: number) => numbers(tag)?.[0];
  const p = file.path;
  const width = number(Tag.ImageWidth);
  const height = number(Tag.ImageLength);
  if (!width || !height || width < 1 || height < 1 || width > 1 << 20 || height > 1 << 20) {
    throw new InputError(`${p}: ${what} has an invalid size ${width}x${height} (corrupted file?)`);
  }
  const samples = (number(Tag.SamplesPerPixel)) ?? 1;
  if (width * height > 2 ** 30) {
    throw new InputError(`${p}: ${what} claims ${width}x${height} pixels, too large for one plane (corrupted file?)`);
  }
  if (samples !== 1) {
    throw new InputError(`${p}: ${what} has ${samples} samples per pixel (RGB/interleaved); only grayscale planes are supported, split the channels first (e.g. Fiji Image > Color > Split Channels)`);
  }
  const bits = (numbers(Tag.BitsPerSample)) ?? [1];
  const format = (number(Tag.SampleFormat)) ?? 1;
  const dtype = dtypeFor(bits[0], format);
  if (!dtype) {
    throw new InputError(`${p}: ${what} has ${bits[0]}-bit ${format === 3 ? 'float' : format === 2 ? 'signed' : 'unsigned'} samples; supported are 8/16/32-bit integers and 32/64-bit floats`);
  }
  const compression = (number(Tag.Compression)) ?? 1;
  if (compression !== 1 && !COMPRESSION_NAMES[compression]) {
    const name = UNSUPPORTED_COMPRESSION[compression] ?? `code ${compression}`;
    throw new InputError(`${p}: ${what} uses ${name} compression, which is not supported; re-save it uncompressed or with LZW/Deflate`);
  }
  const predictor = (number(Tag.Predictor)) ?? 1;
  if (predictor !== 1 && predictor !== 2 && predictor !== 3) {
    throw new InputError(`${p}: ${what} uses unknown predictor ${predictor}`);
  }
  const tiled = ifd.entries.has(Tag.TileOffsets);
  const blockWidth = tiled ? (number(Tag.TileWidth)) ?? 0 : width;
  const blockHeight = tiled
    ? (number(Tag.TileLength)) ?? 0
    : Math.min(height, (number(Tag.RowsPerStrip)) ?? height) || height;
  const offsets = numbers(tiled ? Tag.TileOffsets : Tag.StripOffsets);
  let byteCounts = numbers(tiled ? Tag.TileByteCounts : Tag.StripByteCounts);
  if (!offsets || blockWidth < 1 || blockHeight < 1) {
    throw new InputError(`${p}: ${what} has no pixel data offsets (corrupted file?)`);
  }
  const expectedBlocks = Math.ceil(width / blockWidth) * Math.ceil(height / blockHeight);
  if (offsets.length < expectedBlocks) {
    throw new InputError(`${p}: ${what} lists ${offsets.length} ${tiled ? 'tiles' : 'strips'}, expected ${expectedBlocks} (corrupted file?)`);
  }
  if (!byteCounts) {
    // Missing StripByteCounts in old uncompressed files: each strip holds its rows.
    if (compression !== 1) throw new InputError(`${p}: ${what} has no strip byte counts (corrupted file?)`);
    byteCounts = offsets.map(() => blockWidth * blockHeight * BYTES_PER_SAMPLE[dtype]);
  }
  const layout = { width, height, dtype, compression, predictor, tiled, blockWidth, blockHeight, offsets, byteCounts };
  checkDeclaredSizes(file, layout, what);
  return layout;
}

/**
 * Refuses, before any allocation, a plane whose declared size cannot be honest: larger
 * than the memory budget, larger than the file (uncompressed), more than its codec can
 * expand its compressed bytes to, or strips far larger than their pixels need (a small
 * plane fed a huge stream: the classic decompression bomb).
 */
function checkDeclaredSizes(file: TiffFile, layout: PlaneLayout, what: string): void {
  const p = file.path;
  const bytes = planeBytes(layout);
  const budget = planeBudgetBytes();
  if (bytes > budget) {
    throw new InputError(`${p}: ${what} is ${layout.width}x${layout.height} ${layout.dtype} (${mib(bytes)}), more than the ${mib(budget)} one plane may use; if the file is genuine, set CELLPILOT_MAX_PLANE_MB higher`);
  }
  if (layout.compression === 1) {
    if (bytes > file.size) throw new InputError(`${p} is truncated or corrupted: ${what} needs ${bytes} bytes of pixels but the file has ${file.size}`);
    return;
  }
  const blocks = Math.ceil(layout.width / layout.blockWidth) * Math.ceil(layout.height / layout.blockHeight);
  const blockBytes = layout.blockWidth * layout.blockHeight * BYTES_PER_SAMPLE[layout.dtype];
  const name = COMPRESSION_NAMES[layout.compression];
  let stored = 0;
  for (let i = 0; i < blocks; i++) {
    const count = layout.byteCounts[i];
    if (!(count >= 0) || count > maxCompressedBytes(layout.compression, blockBytes)) {
      throw new InputError(`${p}: ${what} is corrupted or a decompression bomb: ${layout.tiled ? 'tile' : 'strip'} ${i} holds ${count} ${name} bytes for ${blockBytes} bytes of pixels`);
    }
    stored += Math.min(count, file.size);
  }
  if (bytes > TINY_PLANE_BYTES && bytes > stored * MAX_EXPANSION[layout.compression]) {
    throw new InputError(`${p}: ${what} is corrupted or a decompression bomb: it declares ${mib(bytes)} of pixels from ${stored} ${name} bytes, more than ${name} can expand to`);
  }
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 3 : 0)} MiB`;
}

function dtypeFor(bits: number, format: number): DType | undefined {
  if (format === 3) return bits === 32 ? 'float32' : bits === 64 ? 'float64' : undefined;
  const signed = format === 2;
  if (format !== 1 && format !== 2 && format !== 4) return undefined;
  if (bits === 8) return signed ? 'int8' : 'uint8';
  if (bits === 16) return signed ? 'int16' : 'uint16';
  if (bits === 32) return signed ? 'int32' : 'uint32';
  return undefined;
}

/** Start offset when the plane is one uncompressed run of bytes, else undefined. */
export function contiguousStart(layout: PlaneLayout): number | undefined {
  if (layout.compression !== 1 || layout.tiled) return undefined;
  const nBlocks = Math.ceil(layout.height / layout.blockHeight);
  const stripBytes = layout.width * layout.blockHeight * BYTES_PER_SAMPLE[layout.dtype];
  let end = layout.offsets[0];
  for (let i = 0; i < nBlocks; i++) {
    if (layout.offsets[i] !== end) return undefined;
    // Every strip but the last must hold exactly its rows: padding would shift the ones after it.
    if (i < nBlocks - 1 && layout.byteCounts[i] !== stripBytes) return undefined;
    end += layout.byteCounts[i];
  }
  return end - layout.offsets[0] >= planeBytes(layout) ? layout.offsets[0] : undefined;
}

/**
 * Reads an uncompressed plane stored as one run of bytes at `offset`: one pread straight
 * into the plane's memory (into `target` when it fits, so a caller can reuse one buffer),
 * byte-swapped in place only for big-endian files.
 */
export async function readContiguousPlane(file: TiffFile, offset: number, dtype: DType, length: number, what: string, target?: PlaneData): Promise<PlaneData> {
  file.checkRange(offset, length * BYTES_PER_SAMPLE[dtype], what);
  const plane = reusable(target, dtype, length) ?? uninitialisedPlane(dtype, length);
  const bytes = new Uint8Array(plane.buffer, plane.byteOffset, plane.byteLength);
  await file.readAt(offset, bytes.byteLength, what, bytes);
  if (!file.littleEndian) swapBytes(bytes, BYTES_PER_SAMPLE[dtype]);
  return plane;
}

/** `target` when it is a plane of this dtype and length, else undefined. */
function reusable(target: PlaneData | undefined, dtype: DType, length: number): PlaneData | undefined {
  return target && target.length === length && dtypeOf(target) === dtype ? target : undefined;
}

/** A plane without zero-filling (every byte is overwritten by the read). */
function uninitialisedPlane(dtype: DType, length: number): PlaneData {
  const bytes = Buffer.allocUnsafeSlow(length * BYTES_PER_SAMPLE[dtype]);
  const ab = bytes.buffer as ArrayBuffer;
  switch (dtype) {
    case 'uint8': return new Uint8Array(ab, 0, length);
    case 'int8': return new Int8Array(ab, 0, length);
    case 'uint16': return new Uint16Array(ab, 0, length);
    case 'int16': return new Int16Array(ab, 0, length);
    case 'uint32': return new Uint32Array(ab, 0, length);
    case 'int32': return new Int32Array(ab, 0, length);
    case 'float32': return new Float32Array(ab, 0, length);
    case 'float64': return new Float64Array(ab, 0, length);
  }
}

/**
 * Reads and decodes the plane described by `layout` (into `target` when it fits).
 * Strips that follow each other in the file are fetched with one pread into the reader's
 * scratch buffer; a strip decodes straight into its rows of the plane (tiles go through a
 * scratch tile). Errors are one-line InputErrors naming the file.
 */
export async function readPlane(file: TiffFile, layout: PlaneLayout, what: string, target?: PlaneData): Promise<PlaneData> {
  const length = layout.width * layout.height;
  const start = contiguousStart(layout);
  if (start !== undefined) return readContiguousPlane(file, start, layout.dtype, length, what, target);
  const bps = BYTES_PER_SAMPLE[layout.dtype];
  const plane = reusable(target, layout.dtype, length) ?? uninitialisedPlane(layout.dtype, length);
  const out = new Uint8Array(plane.buffer, plane.byteOffset, plane.byteLength);
  const blocksAcross = Math.ceil(layout.width / layout.blockWidth);
  const blocksDown = Math.ceil(layout.height / layout.blockHeight);
  const blockCount = blocksAcross * blocksDown;
  const rowBytes = layout.blockWidth * bps;
  const fullBlockBytes = rowBytes * layout.blockHeight;
  const readBytes = (i: number) => (layout.compression === 1 ? Math.min(layout.byteCounts[i], fullBlockBytes) : layout.byteCounts[i]);
  const blockName = (i: number) => `${what}, ${layout.tiled ? 'tile' : 'strip'} ${i}`;
  const tile = layout.tiled ? file.scratch('tile', fullBlockBytes) : undefined;
  // Deflate strips inflate into their rows by offsets: no view per strip (7475 strips of a 65-frame movie)
  const inflate = !tile && (layout.compression === 8 || layout.compression === 32946) ? inflater() : null;
  const transformed = layout.predictor !== 1 || !file.littleEndian;
  for (let run = 0; run < blockCount; ) {
    // A run of blocks stored back to back is read with one call.
    let runEnd = run + 1;
    let runBytes = readBytes(run);
    // (A block read only in part, an uncompressed strip with surplus bytes, ends its run.)
    while (
      runEnd < blockCount &&
      readBytes(runEnd - 1) === layout.byteCounts[runEnd - 1] &&
      layout.offsets[runEnd] === layout.offsets[runEnd - 1] + layout.byteCounts[runEnd - 1] &&
      runBytes + readBytes(runEnd) <= 1 << 26
    ) {
      runBytes += readBytes(runEnd);
      runEnd++;
    }
    file.checkRange(layout.offsets[run], runBytes, blockName(run));
    // LZW strips are read into the decoder's memory and decoded there, with no await until the run is done
    const raw =
      layout.compression === 5
        ? file.readAtSync(layout.offsets[run], runBytes, blockName(run), lzwReadBuffer(runBytes, fullBlockBytes))
        : await file.readAt(layout.offsets[run], runBytes, blockName(run), file.scratch('raw', runBytes));
    let at = 0;
    for (let i = run; i < runEnd; i++) {
      if (inflate) {
        const rows = Math.min(layout.blockHeight, layout.height - i * layout.blockHeight);
        const needed = rows * rowBytes;
        const outAt = i * layout.blockHeight * rowBytes;
        let written: number;
        try {
          written = inflate.inflateAt(raw, at, layout.byteCounts[i], out, outAt, needed);
        } catch (err) {
          throw new InputError(`${file.path}: ${what} is corrupted (strip ${i} does not decompress: ${firstLine(err)})`);
        }
        at += layout.byteCounts[i];
        if (written < needed) throw new InputError(`${file.path}: ${what} is corrupted (strip ${i} holds ${written} bytes, needs ${needed})`);
        if (transformed) undoPredictor(file, layout, out.subarray(outAt, outAt + needed), rows, bps, rowBytes);
        continue;
      }
      const input = raw.subarray(at, at + readBytes(i));
      at += readBytes(i);
      const bx = i % blocksAcross;
      const by = Math.floor(i / blocksAcross);
      // Rows in this block (strips at the bottom may be short; tiles are always full size).
      const rows = layout.tiled ? layout.blockHeight : Math.min(layout.blockHeight, layout.height - by * layout.blockHeight);
      const dest = tile ?? out.subarray(by * layout.blockHeight * rowBytes, (by * layout.blockHeight + rows) * rowBytes);
      const needed = rows * rowBytes;
      let written: number;
      if (layout.compression === 1) {
        written = Math.min(input.length, needed);
        dest.set(input.subarray(0, written));
      } else {
        try {
          const decoded = decodeBlock(layout.compression, input, dest.subarray(0, needed));
          written = typeof decoded === 'number' ? decoded : await decoded;
        } catch (err) {
          throw new InputError(`${file.path}: ${what} is corrupted (${layout.tiled ? 'tile' : 'strip'} ${i} does not decompress: ${firstLine(err)})`);
        }
      }
      if (written < needed) {
        throw new InputError(`${file.path}: ${what} is corrupted (${layout.tiled ? 'tile' : 'strip'} ${i} holds ${written} bytes, needs ${needed})`);
      }
      if (transformed) undoPredictor(file, layout, dest.subarray(0, needed), rows, bps, rowBytes);
      if (tile) copyTile(tile, out, layout, bx, by, bps);
    }
    run = runEnd;
  }
  return plane;
}

/** A decoded block in host byte order with its predictor undone. */
function undoPredictor(file: TiffFile, layout: PlaneLayout, block: Uint8Array, rows: number, bps: number, rowBytes: number): void {
  if (layout.predictor !== 3 && !file.littleEndian) swapBytes(block, bps);
  if (layout.predictor === 2) undoHorizontalPredictor(block, layout.dtype, layout.blockWidth, rows);
  else if (layout.predictor === 3) undoFloatPredictor(block, bps, layout.blockWidth, rows, file.scratch('row', rowBytes));
}

function copyTile(block: Uint8Array, out: Uint8Array, layout: PlaneLayout, bx: number, by: number, bps: number): void {
  const x0 = bx * layout.blockWidth;
  const y0 = by * layout.blockHeight;
  const cols = Math.min(layout.blockWidth, layout.width - x0);
  const srcRow = layout.blockWidth * bps;
  for (let r = 0; r < layout.blockHeight && y0 + r < layout.height; r++) {
    const src = r * srcRow;
    const dst = ((y0 + r) * layout.width + x0) * bps;
    out.set(block.subarray(src, src + cols * bps), dst);
  }
}

/**
 * Floating-point predictor (TIFF Technical Note 3): each row holds its samples' bytes as
 * planes, most significant first, byte-differenced; undone into host (little-endian) order.
 */
function undoFloatPredictor(block: Uint8Array, bps: number, width: number, rows: number, row: Uint8Array): void {
  const rowBytes = width * bps;
  for (let r = 0; r < rows; r++) {
    const o = r * rowBytes;
    for (let i = o + 1; i < o + rowBytes; i++) block[i] = (block[i] + block[i - 1]) & 0xff;
    row.set(block.subarray(o, o + rowBytes));
    for (let x = 0; x < width; x++) for (let b = 0; b < bps; b++) block[o + x * bps + b] = row[(bps - b - 1) * width + x];
  }
}

/** Horizontal differencing (predictor 2), undone row by row in host byte order. */
function undoHorizontalPredictor(block: Uint8Array, dtype: DType, width: number, rows: number): void {
  const bps = BYTES_PER_SAMPLE[dtype];
  const n = width * rows;
  // Typed views need aligned offsets; decoded blocks start at 0, raw strips may not.
  const aligned = block.byteOffset % bps === 0 ? block : block.slice();
  const view =
    bps === 1 ? new Uint8Array(aligned.buffer, aligned.byteOffset, n)
      : bps === 2 ? new Uint16Array(aligned.buffer, aligned.byteOffset, n)
        : new Uint32Array(aligned.buffer, aligned.byteOffset, n);
  // the running sum kept in a local (int32 arithmetic; the store keeps the sample's low bits, so it wraps
  // as the sample does): reading back the sample just stored made this loop ~2x slower
  for (let r = 0; r < rows; r++) {
    const end = (r + 1) * width;
    let sum = view[r * width];
    for (let i = r * width + 1; i < end; i++) {
      sum = (sum + view[i]) | 0;
      view[i] = sum;
    }
  }
  if (aligned !== block) block.set(aligned.subarray(0, n * bps));
}

/** Reverses the byte order of each sample in place (big-endian file -> host order). */
export function swapBytes(bytes: Uint8Array, bytesPerSample: number): void {
  if (bytesPerSample === 1) return;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength - (bytes.byteLength % bytesPerSample));
  if (bytesPerSample === 2) buf.swap16();
  else if (bytesPerSample === 4) buf.swap32();
  else if (bytesPerSample === 8) buf.swap64();
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}
