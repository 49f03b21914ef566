// How one TIFF image (an IFD) stores its pixels, and reading it into a typed plane.
// Supports strips and tiles; uncompressed, LZW, Deflate, PackBits (and Zstd) through
// geotiff's decoders; horizontal and floating-point predictors; both byte orders.
import { getDecoder } from 'geotiff';
import { InputError } from '../../errors.ts';
import { allocatePlane, BYTES_PER_SAMPLE, type DType, type PlaneData } from '../movie.ts';
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

/** Reads the layout tags of an IFD and rejects what we cannot read, naming the problem. */
export async function readLayout(file: TiffFile, ifd: Ifd, what: string): Promise<PlaneLayout> {
  const p = file.path;
  const width = await file.number(ifd, Tag.ImageWidth);
  const height = await file.number(ifd, Tag.ImageLength);
  if (!width || !height || width < 1 || height < 1 || width > 1 << 20 || height > 1 << 20) {
    throw new InputError(`${p}: ${what} has an invalid size ${width}x${height} (corrupted file?)`);
  }
  const samples = (await file.number(ifd, Tag.SamplesPerPixel)) ?? 1;
  if (width * height > 2 ** 30) {
    throw new InputError(`${p}: ${what} claims ${width}x${height} pixels, too large for one plane (corrupted file?)`);
  }
  if (samples !== 1) {
    throw new InputError(`${p}: ${what} has ${samples} samples per pixel (RGB/interleaved); only grayscale planes are supported, split the channels first (e.g. Fiji Image > Color > Split Channels)`);
  }
  const bits = (await file.numbers(ifd, Tag.BitsPerSample)) ?? [1];
  const format = (await file.number(ifd, Tag.SampleFormat)) ?? 1;
  const dtype = dtypeFor(bits[0], format);
  if (!dtype) {
    throw new InputError(`${p}: ${what} has ${bits[0]}-bit ${format === 3 ? 'float' : format === 2 ? 'signed' : 'unsigned'} samples; supported are 8/16/32-bit integers and 32/64-bit floats`);
  }
  const compression = (await file.number(ifd, Tag.Compression)) ?? 1;
  if (compression !== 1 && !COMPRESSION_NAMES[compression]) {
    const name = UNSUPPORTED_COMPRESSION[compression] ?? `code ${compression}`;
    throw new InputError(`${p}: ${what} uses ${name} compression, which is not supported; re-save it uncompressed or with LZW/Deflate`);
  }
  const predictor = (await file.number(ifd, Tag.Predictor)) ?? 1;
  if (predictor !== 1 && predictor !== 2 && predictor !== 3) {
    throw new InputError(`${p}: ${what} uses unknown predictor ${predictor}`);
  }
  const tiled = ifd.entries.has(Tag.TileOffsets);
  const blockWidth = tiled ? (await file.number(ifd, Tag.TileWidth)) ?? 0 : width;
  const blockHeight = tiled
    ? (await file.number(ifd, Tag.TileLength)) ?? 0
    : Math.min(height, (await file.number(ifd, Tag.RowsPerStrip)) ?? height) || height;
  const offsets = await file.numbers(ifd, tiled ? Tag.TileOffsets : Tag.StripOffsets);
  let byteCounts = await file.numbers(ifd, tiled ? Tag.TileByteCounts : Tag.StripByteCounts);
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
  return { width, height, dtype, compression, predictor, tiled, blockWidth, blockHeight, offsets, byteCounts };
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
  let end = layout.offsets[0];
  for (let i = 0; i < nBlocks; i++) {
    if (layout.offsets[i] !== end) return undefined;
    end += layout.byteCounts[i];
  }
  return end - layout.offsets[0] >= planeBytes(layout) ? layout.offsets[0] : undefined;
}

/** Reads an uncompressed plane stored as one run of bytes at `offset`. */
export async function readContiguousPlane(file: TiffFile, offset: number, dtype: DType, length: number, what: string): Promise<PlaneData> {
  file.checkRange(offset, length * BYTES_PER_SAMPLE[dtype], what);
  const plane = uninitialisedPlane(dtype, length);
  const bytes = new Uint8Array(plane.buffer, plane.byteOffset, plane.byteLength);
  await file.readAt(offset, bytes.byteLength, what, bytes);
  if (!file.littleEndian) swapBytes(bytes, BYTES_PER_SAMPLE[dtype]);
  return plane;
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

/** Reads and decodes the plane described by `layout`. Errors are one-line InputErrors naming the file. */
export async function readPlane(file: TiffFile, layout: PlaneLayout, what: string): Promise<PlaneData> {
  const start = contiguousStart(layout);
  if (start !== undefined) return readContiguousPlane(file, start, layout.dtype, layout.width * layout.height, what);
  const bps = BYTES_PER_SAMPLE[layout.dtype];
  const plane = allocatePlane(layout.dtype, layout.width * layout.height);
  const out = new Uint8Array(plane.buffer);
  const blocksAcross = Math.ceil(layout.width / layout.blockWidth);
  const blocksDown = Math.ceil(layout.height / layout.blockHeight);
  const decoder = layout.compression === 1 ? undefined : await makeDecoder(layout);
  for (let by = 0; by < blocksDown; by++) {
    for (let bx = 0; bx < blocksAcross; bx++) {
      const i = by * blocksAcross + bx;
      const raw = await file.readAt(layout.offsets[i], layout.byteCounts[i], `${what}, ${layout.tiled ? 'tile' : 'strip'} ${i}`);
      let block: Uint8Array;
      if (decoder) {
        try {
          block = new Uint8Array(await decoder.decode(raw.slice().buffer));
        } catch (err) {
          throw new InputError(`${file.path}: ${what} is corrupted (${layout.tiled ? 'tile' : 'strip'} ${i} does not decompress: ${firstLine(err)})`);
        }
      } else {
        block = raw;
      }
      // Rows in this block (strips at the bottom may be short; tiles are always full size).
      const rows = layout.tiled ? layout.blockHeight : Math.min(layout.blockHeight, layout.height - by * layout.blockHeight);
      const rowBytes = layout.blockWidth * bps;
      if (block.byteLength < (layout.tiled ? rows * rowBytes : rows * layout.width * bps)) {
        throw new InputError(`${file.path}: ${what} is corrupted (${layout.tiled ? 'tile' : 'strip'} ${i} holds ${block.byteLength} bytes, needs ${rows * rowBytes})`);
      }
      if (layout.predictor !== 3 && !file.littleEndian) swapBytes(block, bps);
      if (layout.predictor === 2) undoHorizontalPredictor(block, layout.dtype, layout.blockWidth, rows);
      copyBlock(block, out, layout, bx, by, rows, bps);
    }
  }
  return plane;
}

async function makeDecoder(layout: PlaneLayout) {
  // Predictor 2 is undone here after byte-swapping (geotiff assumes little-endian for it);
  // predictor 3 (floating point) is byte-order independent and left to geotiff.
  return getDecoder(layout.compression, {
    tileWidth: layout.blockWidth,
    tileHeight: layout.blockHeight,
    predictor: layout.predictor === 3 ? 3 : 1,
    bitsPerSample: BYTES_PER_SAMPLE[layout.dtype] * 8,
    planarConfiguration: 1,
    samplesPerPixel: 1,
  });
}

function copyBlock(block: Uint8Array, out: Uint8Array, layout: PlaneLayout, bx: number, by: number, rows: number, bps: number): void {
  const x0 = bx * layout.blockWidth;
  const y0 = by * layout.blockHeight;
  const cols = Math.min(layout.blockWidth, layout.width - x0);
  const srcRow = layout.blockWidth * bps;
  for (let r = 0; r < rows && y0 + r < layout.height; r++) {
    const src = r * srcRow;
    const dst = ((y0 + r) * layout.width + x0) * bps;
    out.set(block.subarray(src, src + cols * bps), dst);
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
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    for (let x = 1; x < width; x++) view[o + x] += view[o + x - 1];
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
