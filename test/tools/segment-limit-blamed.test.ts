// A limit the person set that left the objects out is named as the cause (stop 45, helper C): a brightness floor above
// every object's mean leaves none, and the doubt says the floor did it, not the size bounds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { MemoryMovie, writeMovie } from '../../src/image/index.ts';
import { tools } from '../../tools/segment.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-segment-limit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function call(args: unknown, ctx: ReturnType<typeof createToolContext>) {
  const spec = tools.find((t) => t.name === 'segment')!;
  return spec.run(spec.schema.parse(args) as never, ctx);
}

/** 3 frames of 64 x 64: background 100 with four discs of radius 6 at 1000. */
async function discs(): Promise<string> {
  const centres = [[16, 16], [46, 16], [16, 46], [46, 46]];
  const plane = () => Float32Array.from({ length: 64 * 64 }, (_, i) => (centres.some(([x, y]) => ((i % 64) - x) ** 2 + (Math.floor(i / 64) - y) ** 2 <= 36) ? 1000 : 100) + ((i * 7919) % 13));
  const path = join(dir, 'discs.tif');
  await writeMovie(path, new MemoryMovie({ t: 3, z: 1, c: 1, y: 64, x: 64 }, 'float32', [plane(), plane(), plane()]));
  return path;
}

describe('segment with a limit that leaves every object out', () => {
  it('names the brightness floor as the cause, not the size bounds', async () => {
    const ctx = createToolContext({ sessionDir: join(dir, 'session') });
    const movie = await discs();
    const kept = await call({ movie, method: 'otsu' }, ctx);
    expect((kept.values as { objectsPerFrame: number[] }).objectsPerFrame).toEqual([4, 4, 4]);
    const out = await call({ movie, method: 'otsu', minMean: 5000 }, ctx);
    expect((out.values as { objectsPerFrame: number[] }).objectsPerFrame).toEqual([0, 0, 0]);
    expect(out.summary).toMatch(/the mean intensity floor \(minMean 5000[^)]*\) left every object out \(on 3 sampled frames: 0 objects with it, 12 without it\), not the size bounds/);
    expect(out.summary).not.toMatch(/than the object size allows/);
  });
});
