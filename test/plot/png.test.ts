import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng, encodePng } from '../../src/plot/png.ts';

function gradient(width: number, height: number) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set([(x * 7) & 255, (y * 13) & 255, (x * y) & 255, 200 + ((x + y) % 56)], (y * width + x) * 4);
  return { width, height, data };
}

describe('PNG codec', () => {
  it('round-trips RGBA pixels exactly', () => {
    const image = gradient(37, 23);
    const png = encodePng(image);
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const back = decodePng(png);
    expect(back.width).toBe(37);
    expect(back.height).toBe(23);
    expect(Buffer.from(back.data).equals(Buffer.from(image.data))).toBe(true);
  });

  it('decodes grey PNGs written with sub, average and paeth filters', () => {
    // a 3x3 grey image, rows filtered with sub (1), average (3) and paeth (4), built by hand
    const pixels = [10, 20, 30, 40, 50, 60, 70, 80, 90];
    const raw = Buffer.from([1, 10, 10, 10, 3, 40 - 5, 50 - 30, 60 - 40, 4, 70 - 40, 80 - 70, 90 - 80]);
    const ihdr = Buffer.from([0, 0, 0, 3, 0, 0, 0, 3, 8, 0, 0, 0, 0]);
    const chunk = (type: string, body: Buffer) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(body.length, 0);
      head.write(type, 4, 'latin1');
      return Buffer.concat([head, body, Buffer.alloc(4)]); // CRC is not checked on read
    };
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
    const image = decodePng(png);
    expect([...image.data].filter((_, i) => i % 4 === 0)).toEqual(pixels);
    expect(image.data[3]).toBe(255);
  });

  it('refuses what is not a PNG with one line', () => {
    expect(() => decodePng(new Uint8Array([1, 2, 3]))).toThrow(/not a PNG/);
  });
});
