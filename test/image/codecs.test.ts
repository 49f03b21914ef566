// The bounded TIFF decompressors: exact on valid streams (checked against geotiff's
// decoders and, for real LZW files, Pillow), never writing past the buffer they are given.
import { deflateSync } from 'node:zlib';
import { join } from 'node:path';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { getDecoder } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { CodecError, decodeDeflate, decodeLzw, decodePackBits, inflateOnce, inflater } from '../../src/image/tiff/codecs.ts';
import { openMovie } from '../../src/image/index.ts';
import { encodeIfd, FieldType, type Field } from '../../src/image/tiff/ifdEncoder.ts';
import { Tag } from '../../src/image/tiff/tiffFile.ts';
import { mulberry32 } from '../../src/random.ts';
import { DATA_DIR, havePython, runPython } from './helpers.ts';
import { encodeLzw } from './lzw-reference.ts';

function samples(kind: 'random' | 'runs' | 'constant', n: number, seed = 1): Uint8Array {
  const random = mulberry32(seed);
  const a = new Uint8Array(n);
  for (let i = 0; i < n; i++) a[i] = kind === 'constant' ? 7 : kind === 'random' ? Math.floor(random() * 256) : Math.floor(i / (1 + Math.floor(random() * 40))) % 5;
  return a;
}

describe('LZW', () => {
  for (const kind of ['random', 'runs', 'constant'] as const) {
    it(`round-trips ${kind} data across code widths and clear codes, as geotiff decodes it`, async () => {
      const data = samples(kind, 200_000);
      const encoded = encodeLzw(data);
      const out = new Uint8Array(data.length);
      expect(decodeLzw(encoded, out)).toBe(data.length);
      expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);
      const geotiff = await getDecoder(5, { tileWidth: 1, tileHeight: 1, predictor: 1, bitsPerSample: 8, planarConfiguration: 1, samplesPerPixel: 1 });
      expect(Buffer.from(await geotiff.decode(encoded.slice().buffer)).equals(Buffer.from(data))).toBe(true);
    });
  }

  it('stops at the end of the buffer it is given', () => {
    const encoded = encodeLzw(samples('constant', 1_000_000));
    const out = new Uint8Array(1000);
    expect(decodeLzw(encoded, out)).toBe(1000);
    expect(out.every((v) => v === 7)).toBe(true);
  });

  it('refuses codes that are not in the table', () => {
    // Clear, literal 1, then code 600 (the table holds 258 entries).
    const bits = [256, 1, 600].map((c) => c.toString(2).padStart(9, '0')).join('').padEnd(32, '0');
    const bytes = Uint8Array.from({ length: 4 }, (_, i) => parseInt(bits.slice(i * 8, i * 8 + 8), 2));
    expect(() => decodeLzw(bytes, new Uint8Array(100))).toThrow(CodecError);
  });

  const real = join(DATA_DIR, 'ctc-Fluo-C2DL-MSC-02/02/t000.tif');
  it.skipIf(!existsSync(real) || !havePython(['PIL', 'numpy']))('reads a real LZW movie frame as Pillow does', async () => {
    const raw = join(tmpdir(), `cellpilot-pil-${process.pid}.u16`);
    runPython(['-c', 'import sys, numpy as np; from PIL import Image; np.asarray(Image.open(sys.argv[1])).astype("<u2").tofile(sys.argv[2])', real, raw]);
    const theirs = readFileSync(raw);
    rmSync(raw);
    const m = await openMovie(real);
    const p = await m.plane(0, 0, 0);
    await m.close();
    expect(m.source.compression).toBe('lzw');
    expect(Buffer.from(p.buffer, p.byteOffset, p.byteLength).equals(theirs)).toBe(true);
  });
});

describe('PackBits', () => {
  it("decodes Apple's example", () => {
    const input = Uint8Array.from([0xfe, 0xaa, 0x02, 0x80, 0x00, 0x2a, 0xfd, 0xaa, 0x03, 0x80, 0x00, 0x2a, 0x22, 0xf7, 0xaa]);
    const expected = [0xaa, 0xaa, 0xaa, 0x80, 0x00, 0x2a, 0xaa, 0xaa, 0xaa, 0xaa, 0x80, 0x00, 0x2a, 0x22, ...Array(10).fill(0xaa)];
    const out = new Uint8Array(expected.length);
    expect(decodePackBits(input, out)).toBe(expected.length);
    expect([...out]).toEqual(expected);
    expect(decodePackBits(input, new Uint8Array(5))).toBe(5);
  });
});

describe('Deflate', () => {
  it('inflates into the plane and refuses a stream that holds more', () => {
    const data = samples('runs', 50_000);
    const out = new Uint8Array(data.length);
    expect(decodeDeflate(deflateSync(data), out)).toBe(data.length);
    expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);
    expect(() => decodeDeflate(deflateSync(new Uint8Array(64 << 20)), new Uint8Array(4096))).toThrow(/more than the 4096 bytes/);
  });

  it('inflates strip after strip through its kept stream as inflateSync does, errors and all', () => {
    expect(inflater()).not.toBeNull(); // Node's zlib handle is as the kept stream expects (else inflateSync is used)
    const random = mulberry32(5);
    const outcome = (decode: (input: Uint8Array, out: Uint8Array) => number, input: Uint8Array, capacity: number) => {
      const out = new Uint8Array(capacity).fill(0xa5);
      try {
        return { written: decode(input, out), out: Buffer.from(out).toString('hex') };
      } catch (err) {
        expect(err).toBeInstanceOf(CodecError);
        return { error: /more than/.test((err as Error).message) ? 'too much' : 'corrupt' };
      }
    };
    let errors = 0;
    for (let i = 0; i < 120; i++) {
      const data = samples((['random', 'runs', 'constant'] as const)[i % 3], 1 + Math.floor(random() * 9000), i);
      let input: Uint8Array = deflateSync(data, { level: i % 10 });
      if (i % 7 === 3) input = input.subarray(0, Math.floor(input.length * random())); // truncated
      if (i % 11 === 5) input = Uint8Array.from(input, (v, k) => (k === 2 + (i % Math.max(1, input.length - 2)) ? v ^ 0x5a : v)); // a flipped byte
      // rows that the stream fills exactly, leaves short, or overflows
      const capacity = [data.length, data.length + 17, Math.max(1, data.length - 9)][i % 3];
      const ours = outcome(decodeDeflate, input, capacity);
      expect(ours, `stream ${i}`).toEqual(outcome(inflateOnce, input, capacity));
      if ('error' in ours) errors++;
      else expect(Buffer.from(ours.out, 'hex').subarray(0, ours.written).equals(Buffer.from(data).subarray(0, ours.written))).toBe(true);
    }
    expect(errors).toBeGreaterThan(20); // the errors were met, and each later stream still decoded
  });

  it('reads multi-page Deflate movies with and without horizontal differencing as their uncompressed pixels', async () => {
    // 3 pages of 61 x 46 of 8, 16 and 32 bits, 6 rows per strip (the last strip 4 rows), strips deflated one by one as libtiff writes them
    const [width, height, pages, rowsPerStrip] = [61, 46, 3, 6];
    const random = mulberry32(9);
    for (const bits of [8, 16, 32] as const)
      for (const predictor of [1, 2]) {
        const n = width * height;
        const planes = Array.from({ length: pages }, (_, t) => {
          const p = bits === 8 ? new Uint8Array(n) : bits === 16 ? new Uint16Array(n) : new Uint32Array(n);
          // smooth rows with noise; 32-bit samples near the top of their range, so that differences and sums wrap
          for (let k = 0; k < n; k++) p[k] = Math.floor(random() * 50) + (k % 251) + (bits === 8 ? 0 : (k % width) * 37 + t * 1000) + (bits === 32 ? 0xfff00000 * (k % 2) : 0);
          return p;
        });
        const path = join(tmpdir(), `cellpilot-deflate-${bits}-${predictor}-${process.pid}.tif`);
        writeFileSync(path, deflateMovie(planes, width, height, bits, predictor, rowsPerStrip));
        try {
          const m = await openMovie(path);
          expect(m.source.compression).toBe('deflate');
          expect(m.shape.t * m.shape.z * m.shape.c).toBe(pages);
          let reused: Awaited<ReturnType<typeof m.plane>> | undefined;
          for (let t = 0; t < pages; t++) {
            const fresh = await m.plane(t, 0, 0);
            expect([...fresh], `${bits}-bit, predictor ${predictor}, page ${t}`).toEqual([...planes[t]]);
            reused = await m.plane(t, 0, 0, reused); // into a caller's buffer too
            expect([...reused]).toEqual([...planes[t]]);
          }
          await m.close();
        } finally {
          rmSync(path);
        }
      }
  });
});

/** A little-endian multi-page TIFF of `planes`, Deflate strips of `rowsPerStrip` rows, with predictor 1 or 2 (horizontal differencing). */
function deflateMovie(planes: (Uint8Array | Uint16Array | Uint32Array)[], width: number, height: number, bits: 8 | 16 | 32, predictor: number, rowsPerStrip: number): Buffer {
  const parts: Buffer[] = [Buffer.from([0x49, 0x49, 42, 0, 0, 0, 0, 0])];
  let at = 8;
  const ifdAt: number[] = [];
  const ifds: { fields: Field[] }[] = [];
  for (const plane of planes) {
    const offsets: number[] = [];
    const counts: number[] = [];
    for (let y0 = 0; y0 < height; y0 += rowsPerStrip) {
      const rows = Math.min(rowsPerStrip, height - y0);
      const strip = plane.slice(y0 * width, (y0 + rows) * width);
      if (predictor === 2) for (let r = 0; r < rows; r++) for (let x = width - 1; x > 0; x--) strip[r * width + x] -= strip[r * width + x - 1];
      const z = deflateSync(new Uint8Array(strip.buffer, 0, strip.byteLength));
      offsets.push(at);
      counts.push(z.length);
      parts.push(z);
      at += z.length;
    }
    ifds.push({
      fields: [
        { tag: Tag.ImageWidth, type: FieldType.LONG, value: [width] },
        { tag: Tag.ImageLength, type: FieldType.LONG, value: [height] },
        { tag: Tag.BitsPerSample, type: FieldType.SHORT, value: [bits] },
        { tag: Tag.Compression, type: FieldType.SHORT, value: [8] },
        { tag: Tag.Photometric, type: FieldType.SHORT, value: [1] },
        { tag: Tag.StripOffsets, type: FieldType.LONG, value: offsets },
        { tag: Tag.SamplesPerPixel, type: FieldType.SHORT, value: [1] },
        { tag: Tag.RowsPerStrip, type: FieldType.LONG, value: [rowsPerStrip] },
        { tag: Tag.StripByteCounts, type: FieldType.LONG, value: counts },
        { tag: Tag.Predictor, type: FieldType.SHORT, value: [predictor] },
      ],
    });
  }
  // the directories after the pixels, each pointing at the next
  let sizes = 0;
  for (const ifd of ifds) {
    ifdAt.push(at + sizes);
    sizes += encodeIfd(ifd.fields, 0, false).bytes.length;
  }
  ifds.forEach((ifd, i) => parts.push(encodeIfd(ifd.fields, ifdAt[i], false, ifdAt[i + 1] ?? 0).bytes));
  const file = Buffer.concat(parts);
  file.writeUInt32LE(ifdAt[0], 4);
  return file;
}

describe('strip layouts', () => {
  it('reads uncompressed strips whose byte counts include padding after the pixels', async () => {
    const width = 8;
    const height = 6;
    const rowsPerStrip = 2;
    const stripPixels = width * rowsPerStrip * 2;
    const pad = 16;
    const strips = height / rowsPerStrip;
    const pixels = Uint16Array.from({ length: width * height }, (_, i) => i * 7 + 1);
    const data = Buffer.alloc(strips * (stripPixels + pad), 0xee);
    for (let k = 0; k < strips; k++) Buffer.from(pixels.buffer, k * stripPixels, stripPixels).copy(data, k * (stripPixels + pad));
    const ifdOffset = 8 + data.length;
    const fields: Field[] = [
      { tag: Tag.ImageWidth, type: FieldType.LONG, value: [width] },
      { tag: Tag.ImageLength, type: FieldType.LONG, value: [height] },
      { tag: Tag.BitsPerSample, type: FieldType.SHORT, value: [16] },
      { tag: Tag.Compression, type: FieldType.SHORT, value: [1] },
      { tag: Tag.Photometric, type: FieldType.SHORT, value: [1] },
      { tag: Tag.StripOffsets, type: FieldType.LONG, value: Array.from({ length: strips }, (_, k) => 8 + k * (stripPixels + pad)) },
      { tag: Tag.SamplesPerPixel, type: FieldType.SHORT, value: [1] },
      { tag: Tag.RowsPerStrip, type: FieldType.LONG, value: [rowsPerStrip] },
      { tag: Tag.StripByteCounts, type: FieldType.LONG, value: Array(strips).fill(stripPixels + pad) },
    ];
    const ifd = encodeIfd(fields, ifdOffset, false).bytes;
    const file = Buffer.alloc(ifdOffset + ifd.length);
    file.write('II', 0, 'latin1');
    file.writeUInt16LE(42, 2);
    file.writeUInt32LE(ifdOffset, 4);
    data.copy(file, 8);
    ifd.copy(file, ifdOffset);
    const path = join(tmpdir(), `cellpilot-padded-strips-${process.pid}.tif`);
    writeFileSync(path, file);
    try {
      const m = await openMovie(path);
      expect([...(await m.plane(0, 0, 0))]).toEqual([...pixels]);
      await m.close();
    } finally {
      rmSync(path);
    }
  });
});
