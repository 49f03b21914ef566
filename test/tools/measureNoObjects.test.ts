// measure on labels that hold no objects (a segmentation that found nothing): there is no mean area or volume,
// and the result says so instead of "mean area 0 µm²", which an answer would quote as a measurement.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { writeMovie } from '../../src/image/index.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { tools } from '../../tools/track.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-measure-empty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ctx = createToolContext({ sessionDir: join(dir, 'session') });
async function measure(args: unknown) {
  const spec = tools.find((t) => t.name === 'measure')!;
  return spec.run(spec.schema.parse(args) as never, ctx);
}

describe('measure on empty labels', () => {
  it('reports no mean area (and no mean volume on a z-stack) rather than 0', async () => {
    const flat = join(dir, 'empty.tif');
    await writeMovie(flat, movieFromPlanes({ t: 2, z: 1, c: 1, y: 8, x: 8 }, 'uint16', () => new Uint16Array(64), { channelNames: ['labels'], pixelSizeUm: 0.5 }));
    const result = await measure({ kind: 'objects', labels: flat });
    expect(result.values.objects).toBe(0);
    expect(result.values).not.toHaveProperty('meanAreaPx');
    expect(result.summary).toMatch(/no mean area: .* hold no objects/);
    expect(result.summary).not.toMatch(/mean area 0/);
    const stack = join(dir, 'empty-stack.tif');
    await writeMovie(stack, movieFromPlanes({ t: 1, z: 3, c: 1, y: 8, x: 8 }, 'uint16', () => new Uint16Array(64), { channelNames: ['labels'] }));
    const volumes = await measure({ kind: 'objects', labels: stack, volumes: true });
    expect(volumes.values).not.toHaveProperty('meanVolumeVoxels');
    expect(volumes.summary).not.toMatch(/mean volume 0/);
  });
});
