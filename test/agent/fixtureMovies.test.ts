import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FixtureMovies, fixtureKey } from '../../src/agent/fixtureMovies.ts';
import { simulateToFiles, type SimOptions } from '../../src/sim/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-fixture-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every file under a folder (or the file itself) by its path inside it, with its bytes. */
function filesOf(path: string): Map<string, Buffer> {
  const entries = readdirSync(path, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(entries.map((e) => [relative(path, join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name))]));
}

/** The movie and ground truth a fresh simulation of these options writes, as files. */
async function fresh(options: SimOptions, name: string): Promise<{ movie: Buffer; truth: Map<string, Buffer> }> {
  await simulateToFiles(options, join(dir, `${name}.tif`), join(dir, `${name}_GT`));
  return { movie: readFileSync(join(dir, `${name}.tif`)), truth: filesOf(join(dir, `${name}_GT`)) };
}

async function fromCache(fixtures: FixtureMovies, options: SimOptions, name: string): Promise<{ movie: Buffer; truth: Map<string, Buffer> }> {
  await fixtures.write(options, join(dir, `${name}.tif`), join(dir, `${name}_GT`));
  return { movie: readFileSync(join(dir, `${name}.tif`)), truth: filesOf(join(dir, `${name}_GT`)) };
}

const SMALL: SimOptions = { frames: 3, width: 32, height: 32, cells: 2, seed: 7, nucleusRadiusPx: 4 };

describe('FixtureMovies', () => {
  it('the key is the resolved options: key order and defaults written out make no other movie, any option changed does', async () => {
    expect(await fixtureKey({ seed: 7, frames: 3 })).toBe(await fixtureKey({ frames: 3, seed: 7 }));
    expect(await fixtureKey({ frames: 3 })).toBe(await fixtureKey({ frames: 3, driftPx: 0, snr: 20 }));
    expect(await fixtureKey({ frames: 3, seed: 7 })).not.toBe(await fixtureKey({ frames: 3, seed: 8 }));
    expect(await fixtureKey({ frames: 3, camera: { readNoiseE: 2 } })).not.toBe(await fixtureKey({ frames: 3, camera: { readNoiseE: 3 } }));
  });

  it('simulates each set of options once; every copy is byte for byte what a fresh simulation of the options asked writes', async () => {
    const fixtures = new FixtureMovies();
    try {
      const other: SimOptions = { ...SMALL, seed: 8, driftPx: 2 };
      const first = await fromCache(fixtures, SMALL, 'a');
      const again = await fromCache(fixtures, { seed: 7, ...SMALL, snr: 20 }, 'b');
      const changed = await fromCache(fixtures, other, 'c');
      expect(fixtures.simulated).toBe(2);
      const [wantSmall, wantOther] = [await fresh(SMALL, 'fresh-a'), await fresh(other, 'fresh-c')];
      for (const [got, want] of [[first, wantSmall], [again, wantSmall], [changed, wantOther]] as const) {
        expect(got.movie.equals(want.movie), 'movie bytes').toBe(true);
        expect([...got.truth.keys()].sort()).toEqual([...want.truth.keys()].sort());
        for (const [name, bytes] of want.truth) expect(got.truth.get(name)?.equals(bytes), name).toBe(true);
      }
      // the movie of other options is another movie: a cache that handed back the first would fail above
      expect(changed.movie.equals(first.movie)).toBe(false);
    } finally {
      fixtures.dispose();
    }
  });

  it('a simulation that fails is not kept: asking again fails the same way', async () => {
    const fixtures = new FixtureMovies();
    try {
      await expect(fixtures.write({ ...SMALL, frames: 0 }, join(dir, 'bad.tif'), join(dir, 'bad_GT'))).rejects.toThrow(/frames/);
      await expect(fixtures.write({ ...SMALL, frames: 0 }, join(dir, 'bad.tif'), join(dir, 'bad_GT'))).rejects.toThrow(/frames/);
    } finally {
      fixtures.dispose();
    }
  });
});

describe('FixtureMovies, announced', () => {
  it('a movie announced for one case is simulated where the case wants it, the bytes of a fresh simulation, and nothing is kept', async () => {
    const fixtures = new FixtureMovies();
    try {
      const options: SimOptions = { ...SMALL, seed: 11 };
      await fixtures.announce(options);
      const got = await fromCache(fixtures, options, 'once');
      const want = await fresh(options, 'fresh-once');
      expect(got.movie.equals(want.movie), 'movie bytes').toBe(true);
      expect([...got.truth.keys()].sort()).toEqual([...want.truth.keys()].sort());
      for (const [name, bytes] of want.truth) expect(got.truth.get(name)?.equals(bytes), name).toBe(true);
      expect(fixtures.simulated).toBe(1);
      // no run folder was made: a later unannounced ask simulates afresh and keeps that one
      await fromCache(fixtures, options, 'later');
      await fromCache(fixtures, options, 'later-again');
      expect(fixtures.simulated).toBe(2);
    } finally {
      fixtures.dispose();
    }
  });

  it('a movie announced for two cases is simulated once and copied for the second', async () => {
    const fixtures = new FixtureMovies();
    try {
      const options: SimOptions = { ...SMALL, seed: 12 };
      await fixtures.announce(options);
      await fixtures.announce({ snr: 20, ...SMALL, seed: 12 });
      const first = await fromCache(fixtures, options, 'twice-1');
      const second = await fromCache(fixtures, options, 'twice-2');
      expect(fixtures.simulated).toBe(1);
      expect(second.movie.equals(first.movie)).toBe(true);
    } finally {
      fixtures.dispose();
    }
  });
});
