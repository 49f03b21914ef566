// GeoJSON export of a label movie (what QuPath imports objects from): read back, the file holds one Feature per object
// and frame, on its frame's plane, whose outline encloses the object's pixels (areas equal to the pixel counts of objects
// without holes); the outline kernel keeps pieces touching at a corner apart and leaves holes out.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { labelOutlines, readsAsLabels, ringArea, type Ring } from '../../src/analysis/outlines.ts';
import { movieFromPlanes, writeMovie } from '../../src/image/index.ts';
import { tools } from '../../tools/track.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-export-geojson-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ctx = createToolContext({ sessionDir: join(dir, 'session') });
const exportTool = tools.find((t) => t.name === 'export')!;
const exported = (args: unknown) => exportTool.run(exportTool.schema.parse(args) as never, ctx);
const labelsPath = join(dir, 'labels.tif');
const rawPath = join(dir, 'raw.tif');

// an intensity movie: a bright blob on a noisy background with an offset (no zeros)
function rawFrame(): Uint16Array {
  const p = new Uint16Array(W * H);
  let seed = 7;
  for (let i = 0; i < p.length; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const x = i % W;
    const y = Math.floor(i / W);
    p[i] = 100 + (seed % 40) + ((x - 20) ** 2 + (y - 15) ** 2 < 36 ? 500 : 0);
  }
  return p;
}

// 3 frames of 40 x 30 px: discs and a square that move, a ring-shaped object with a hole in frame 3
const W = 40;
const H = 30;
function frame(t: number): Uint16Array {
  const p = new Uint16Array(W * H);
  const disc = (cx: number, cy: number, r: number, id: number) => {
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) p[y * W + x] = id;
  };
  disc(8 + t, 8, 5, 1);
  disc(25, 10 + t, 4, 2);
  for (let y = 18; y < 26; y++) for (let x = 3 + t; x < 12 + t; x++) p[y * W + x] = 3;
  if (t === 2) {
    for (let y = 18; y < 28; y++) for (let x = 22; x < 32; x++) p[y * W + x] = 4;
    for (let y = 21; y < 25; y++) for (let x = 25; x < 29; x++) p[y * W + x] = 0;
  }
  // an object on the image's edge
  p[0 * W + 39] = 5;
  p[1 * W + 39] = 5;
  return p;
}

interface Feature { geometry: { type: string; coordinates: number[][][] | number[][][][]; plane: { c: number; z: number; t: number } }; properties: { objectType: string; name: string; metadata: { label: string; frame: string } } }

beforeAll(async () => {
  await writeMovie(labelsPath, movieFromPlanes({ t: 3, z: 1, c: 1, y: H, x: W }, 'uint16', (t) => frame(t)));
  await writeMovie(rawPath, movieFromPlanes({ t: 2, z: 1, c: 1, y: H, x: W }, 'uint16', () => rawFrame()));
});

describe('labelOutlines', () => {
  it('traces each object along its pixel edges: the area is its pixel count, corners only', () => {
    const p = new Uint8Array([
      1, 1, 0, 0, 2, 2,
      1, 1, 0, 3, 0, 2,
      0, 0, 3, 0, 2, 2,
      4, 4, 4, 0, 0, 0,
      4, 0, 4, 0, 0, 5,
    ]);
    const outlines = labelOutlines(p, 6, 5);
    expect([...outlines.keys()].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(outlines.get(1)).toEqual([[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]);
    expect(outlines.get(2)!.map(ringArea)).toEqual([5]);
    expect(outlines.get(4)!.map(ringArea)).toEqual([5]);
    // two pixels touching at a corner: two pieces of one object
    expect(outlines.get(3)!.map(ringArea)).toEqual([1, 1]);
    for (const rings of outlines.values()) for (const ring of rings) expect(ring[0]).toEqual(ring.at(-1));
  });

  it('leaves a hole out: the outline is the outer one', () => {
    const p = new Uint8Array(25).fill(7);
    p[12] = 0;
    const rings = labelOutlines(p, 5, 5).get(7)!;
    expect(rings).toHaveLength(1);
    expect(ringArea(rings[0])).toBe(25);
  });
});

describe('export as geojson', () => {
  it('writes one Feature per object and frame whose areas match the labels', async () => {
    const result = await exported({ format: 'geojson', labels: labelsPath });
    expect(result.values).toMatchObject({ format: 'geojson', frames: 3 });
    expect(result.summary).toMatch(/QuPath/);
    const collection = JSON.parse(readFileSync(result.artifacts[0].path, 'utf8')) as { type: string; features: Feature[] };
    expect(collection.type).toBe('FeatureCollection');
    let expected = 0;
    for (let t = 0; t < 3; t++) {
      const p = frame(t);
      const counts = new Map<number, number>();
      for (const v of p) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
      expected += counts.size;
      const here = collection.features.filter((f) => f.geometry.plane.t === t);
      expect(here.map((f) => Number(f.properties.metadata.label)).sort()).toEqual([...counts.keys()].sort());
      for (const f of here) {
        expect(f.properties.objectType).toBe('detection');
        expect(f.geometry.type).toBe('Polygon');
        const label = Number(f.properties.name);
        const area = ringArea((f.geometry.coordinates as number[][][])[0] as Ring);
        // object 4 has a hole of 16 px: its outline encloses it
        expect(Math.abs(area - counts.get(label)! - (label === 4 ? 16 : 0))).toBeLessThan(1);
        expect(f.properties.metadata.frame).toBe(String(t + 1));
      }
    }
    expect(collection.features).toHaveLength(expected);
    expect(result.values.objects).toBe(expected);
  });

  it('writes the frames asked only, on their own planes', async () => {
    const result = await exported({ format: 'geojson', labels: labelsPath, frames: { first: 2, last: 3 } });
    const collection = JSON.parse(readFileSync(result.artifacts[0].path, 'utf8')) as { features: Feature[] };
    expect(new Set(collection.features.map((f) => f.geometry.plane.t))).toEqual(new Set([1, 2]));
    expect(result.summary).toMatch(/frames 2-3 of 3/);
  });

  it('writes QuPath annotations where asked', async () => {
    const result = await exported({ format: 'geojson', labels: labelsPath, objectType: 'annotation', frames: { first: 1, last: 1 } });
    const collection = JSON.parse(readFileSync(result.artifacts[0].path, 'utf8')) as { features: Feature[] };
    expect(new Set(collection.features.map((f) => f.properties.objectType))).toEqual(new Set(['annotation']));
    expect(result.summary).toMatch(/QuPath annotations/);
  });

  it('refuses a movie that is no label movie in one line', async () => {
    await expect(exported({ format: 'geojson', movie: labelsPath })).rejects.toThrow(/writes the objects of a label movie/);
  });

  // (stop 42: a raw movie given as labels wrote one "object" per grey level, 50585 of them, without a word)
  it('refuses an intensity image given as labels, saying what to do', async () => {
    expect(readsAsLabels(frame(0), W, H)).toBe(true);
    expect(readsAsLabels(rawFrame(), W, H)).toBe(false);
    expect(readsAsLabels(new Float32Array([0.5, 0.5, 1, 1]), 2, 2)).toBe(false);
    await expect(exported({ format: 'geojson', labels: rawPath })).rejects.toThrow(/not a label image.*Segment it first/);
    await expect(exported({ format: 'tiff', labels: rawPath })).rejects.toThrow(/not a label image/);
    // (an artifact registered as a movie is refused by its type, whatever its pixels)
    const movie = ctx.addArtifact('movie', labelsPath, 'a movie');
    await expect(exported({ format: 'geojson', labels: movie.id })).rejects.toThrow(new RegExp(`${movie.id} is an intensity movie`));
    // a label movie is still written as a label TIFF
    expect((await exported({ format: 'tiff', labels: labelsPath })).artifacts[0].type).toBe('labels');
  });
});

describe('a program named chooses the format from the export tool\'s declaration', () => {
  it('declares what each program opens for each kind', () => {
    expect(exportTool.opensIn?.QuPath.formats.labels).toBe('geojson');
    expect(exportTool.opensIn?.Fiji.formats.tracks).toBe('trackmate');
    expect(exportTool.opensIn?.napari.formats.labels).toBe('tiff');
    expect(exportTool.valueWords?.format.geojson).toContain('qupath');
    expect(exportTool.valueWords?.format.csv).toEqual(expect.arrayContaining(['excel', 'prism']));
  });
});
