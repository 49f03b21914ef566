// A small PNG codec for 8-bit RGBA / RGB / grey images (non-interlaced), enough for our
// own image outputs and for reading back resvg's plots. zlib does the deflate.
// Format: https://www.w3.org/TR/png-3/
import { deflateSync, inflateSync } from 'node:zlib';
import { WorkError } from '../errors.ts';

export interface RgbaImage {
  width: number;
  height: number;
  /** width * height * 4 bytes, row-major, straight (not premultiplied) alpha. */
  data: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  out.set(body, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

/** Encodes RGBA pixels as a PNG (filter "up" on every row: small files for plots and label images). */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, data } = image;
  if (data.length !== width * height * 4) throw new WorkError(`encodePng: expected ${width * height * 4} bytes for ${width}x${height} RGBA, got ${data.length}`);
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    raw[row] = y === 0 ? 0 : 2;
    for (let i = 0; i < stride; i++) {
      const v = data[y * stride + i];
      raw[row + 1 + i] = y === 0 ? v : (v - data[(y - 1) * stride + i]) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', new Uint8Array(0))]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** Decodes an 8-bit, non-interlaced grey / grey+alpha / RGB / RGBA PNG to RGBA. */
export function decodePng(bytes: Uint8Array): RgbaImage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new WorkError('not a PNG file (bad signature)');
  let offset = 8;
  let width = 0, height = 0, colorType = -1, bitDepth = 0, interlace = 0;
  const idat: Buffer[] = [];
  while (offset + 8 <= buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const body = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      bitDepth = body[8];
      colorType = body[9];
      interlace = body[12];
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = CHANNELS[colorType];
  if (bitDepth !== 8 || channels === undefined || interlace !== 0) throw new WorkError(`unsupported PNG (bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}); only 8-bit non-interlaced grey/RGB/RGBA`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? pixels[dst + i - channels] : 0;
      const up = y > 0 ? pixels[dst - stride + i] : 0;
      const upLeft = y > 0 && i >= channels ? pixels[dst - stride + i - channels] : 0;
      const v = raw[src + i];
      pixels[dst + i] = (filter === 0 ? v : filter === 1 ? v + left : filter === 2 ? v + up : filter === 3 ? v + ((left + up) >> 1) : v + paeth(left, up, upLeft)) & 0xff;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    if (channels === 1 || channels === 2) {
      data[p * 4] = data[p * 4 + 1] = data[p * 4 + 2] = pixels[s];
      data[p * 4 + 3] = channels === 2 ? pixels[s + 1] : 255;
    } else {
      data[p * 4] = pixels[s];
      data[p * 4 + 1] = pixels[s + 1];
      data[p * 4 + 2] = pixels[s + 2];
      data[p * 4 + 3] = channels === 4 ? pixels[s + 3] : 255;
    }
  }
  return { width, height, data };
}
