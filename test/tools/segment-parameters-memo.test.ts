// The segmentation parameters are chosen once per sample planes' contents and options (seg-auto.ts
// chooseSegmentParameters, plane-memo.ts memoOnPlanes): a rerun on the same movie is answered from the memo with the
// labels a fresh choice gives; another argument or a rewritten file is chosen afresh.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { clearPlanesMemo, memoOnPlanes, planesMemoCounts } from '../../src/analysis/plane-memo.ts';
import { writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { tools } from '../../tools/segment.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-segment-memo-'));
afterAll(() => {
  clearPlanesMemo();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => clearPlanesMemo());

const ctx = createToolContext({ sessionDir: join(dir, 'session') });

async function segment(args: Record<string, unknown>, memo = true) {
  const spec = tools.find((t) => t.name === 'segment')!;
  const before = process.env.CELLPILOT_NO_PLANES_MEMO;
  if (!memo) process.env.CELLPILOT_NO_PLANES_MEMO = '1';
  try {
    const out = await spec.run(spec.schema.parse(args) as never, ctx);
    const labels = await ctx.openMovie(out.artifacts[0].id);
    const hash = createHash('sha256');
    for (let t = 0; t < labels.shape.t; t++) for (let z = 0; z < labels.shape.z; z++) hash.update(await labels.plane(t, z, 0));
    await labels.close();
    const values = out.values as { parameters: unknown; objectRadiusPx: number; method: string };
    // (the summary names the labels' artifact id, new on every run)
    return { labels: hash.digest('hex'), summary: out.summary.replace(/\blabels saved as \S+/, ''), parameters: values.parameters, radius: values.objectRadiusPx, method: values.method };
  } finally {
    if (before === undefined) delete process.env.CELLPILOT_NO_PLANES_MEMO;
    else process.env.CELLPILOT_NO_PLANES_MEMO = before;
  }
}

describe('segmentation parameters chosen once per movie', () => {
  // movies of the kinds the tests and eval cases use: nuclei, crowded nuclei, brightfield, whole cells asked
  const cases: [string, Parameters<typeof simulate>[0], Record<string, unknown>][] = [
    ['nuclei', { frames: 4, width: 96, height: 96, cells: 8, seed: 3 }, { method: 'auto' }],
    ['crowded nuclei, noisy', { frames: 3, width: 96, height: 96, cells: 16, seed: 11, snr: 3 }, { method: 'auto' }],
    ['brightfield', { frames: 3, width: 96, height: 96, cells: 8, seed: 5, brightfield: true }, {}],
    ['whole cells', { frames: 3, width: 96, height: 96, cells: 8, seed: 7 }, { target: 'cells' }],
  ];
  for (const [name, sim, args] of cases) {
    it(`${name}: a rerun is served from the memo, with the labels, parameters and summary of a fresh choice`, async () => {
      const path = join(dir, `${name.replace(/\W+/g, '-')}.tif`);
      await writeMovie(path, simulate(sim).movie);
      const fresh = await segment({ movie: path, ...args }, false);
      expect(planesMemoCounts).toEqual({ hits: 0, misses: 0 });
      const first = await segment({ movie: path, ...args });
      const misses = planesMemoCounts.misses;
      expect(misses).toBeGreaterThan(0);
      const again = await segment({ movie: path, ...args });
      expect(planesMemoCounts.misses).toBe(misses);
      expect(planesMemoCounts.hits).toBeGreaterThanOrEqual(misses);
      expect(first).toEqual(fresh);
      expect(again).toEqual(fresh);
    });
  }

  it('another argument the choice reads is chosen afresh, never served from the memo', async () => {
    const path = join(dir, 'args.tif');
    await writeMovie(path, simulate({ frames: 3, width: 96, height: 96, cells: 8, seed: 21 }).movie);
    const base = await segment({ movie: path, method: 'auto' });
    for (const changed of [{ objectRadiusPx: 9 }, { minAreaPx: 40 }, { sigmaPx: 2.5 }, { objects: 'dark' }, { method: 'li' }, { frames: { first: 2, last: 3 } }]) {
      const misses = planesMemoCounts.misses;
      const other = await segment({ movie: path, method: 'auto', ...changed });
      expect(planesMemoCounts.misses, JSON.stringify(changed)).toBeGreaterThan(misses);
      expect(other, JSON.stringify(changed)).toEqual(await segment({ movie: path, method: 'auto', ...changed }, false));
    }
    expect(await segment({ movie: path, method: 'auto' })).toEqual(base);
  });

  it('a file rewritten in place (same path) is chosen afresh from its new contents', async () => {
    const path = join(dir, 'rewritten.tif');
    await writeMovie(path, simulate({ frames: 3, width: 96, height: 96, cells: 6, seed: 31, nucleusRadiusPx: 5 }).movie);
    const before = await segment({ movie: path, method: 'auto' });
    await writeMovie(path, simulate({ frames: 3, width: 96, height: 96, cells: 6, seed: 31, nucleusRadiusPx: 9 }).movie);
    const misses = planesMemoCounts.misses;
    const after = await segment({ movie: path, method: 'auto' });
    expect(planesMemoCounts.misses).toBeGreaterThan(misses);
    expect(after).toEqual(await segment({ movie: path, method: 'auto' }, false));
    expect(after.radius).not.toBe(before.radius);
  });
});

describe('memoOnPlanes', () => {
  it('hands out copies: a caller writing its result does not change what is kept', () => {
    const planes = [new Uint16Array([1, 2, 3]), new Uint16Array([4, 5, 6])];
    const first = memoOnPlanes(planes, 'k', () => ({ sum: 21, list: [1] }));
    first.list.push(2);
    const second = memoOnPlanes([planes[0].slice(), planes[1].slice()], 'k', () => ({ sum: -1, list: [] as number[] }));
    expect(second).toEqual({ sum: 21, list: [1] });
    expect(planesMemoCounts).toEqual({ hits: 1, misses: 1 });
  });

  it('keys by every plane, in order, byte for byte, and by the key', () => {
    let calls = 0;
    const f = (planes: (Uint16Array | Int16Array)[], key = 'k') => memoOnPlanes(planes, key, () => ++calls);
    const a = new Uint16Array([1, 2, 3]);
    const b = new Uint16Array([4, 5, 6]);
    expect([f([a, b]), f([a, b]), f([b, a]), f([a]), f([a, b], 'other')]).toEqual([1, 1, 2, 3, 4]);
    b[1] = 7; // written in place
    expect(f([a, b])).toBe(5);
    expect(f([new Int16Array([1, 2, 3]), new Int16Array([4, 7, 6])])).toBe(6); // same bytes, another type
  });

  it('does not keep a result whose compute wrote the planes', () => {
    const plane = new Uint16Array([1, 2, 3]);
    let calls = 0;
    memoOnPlanes([plane], 'w', () => ((plane[0] = 9), ++calls));
    plane[0] = 1;
    expect(memoOnPlanes([plane], 'w', () => ++calls)).toBe(2);
  });
});
