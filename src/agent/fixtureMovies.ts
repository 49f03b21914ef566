// Simulated movies for executed eval cases, each made once per run: the first case that asks
// for a set of simulation options simulates it into this run's folder, later cases with the
// same options (defaults filled in, so {} and the defaults written out are one movie) get a
// copy. A simulation is a function of its options alone, so the copy holds the bytes a fresh
// simulation would write (test/agent/fixtureMovies.test.ts compares them). A run that says
// beforehand which movies its cases will ask for (announce) has the movie asked for once only
// simulated straight where the case wants it: nearly every executed case has a movie of its own,
// and a copy of it (about 20 files) cost more than simulating it.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimOptions } from '../sim/index.ts';

/** The options as one string: every option resolved (defaults filled in), keys in a fixed order. */
export async function fixtureKey(options: SimOptions): Promise<string> {
  const { resolveSimOptions } = await import('../sim/index.ts');
  return canonicalJson(resolveSimOptions(options));
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export class FixtureMovies {
  /** Folder of each simulation made, by its key (a promise, so two cases asking at once simulate once). */
  private readonly made = new Map<string, Promise<string>>();
  /** This run's folder of simulations, made when the first is. */
  private dir: string | undefined;
  /** How many times each movie is still to be asked for, by its key, as the run announced it. */
  private readonly announced = new Map<string, number>();
  /** How many movies were simulated (the rest were copies). */
  simulated = 0;

  /** Says that a case of this run will ask for the movie of these options (once per case that will). */
  async announce(options: SimOptions): Promise<void> {
    const key = await fixtureKey(options);
    this.announced.set(key, (this.announced.get(key) ?? 0) + 1);
  }

  /** Writes the movie of these options to moviePath and its ground truth to truthDir. */
  async write(options: SimOptions, moviePath: string, truthDir: string): Promise<void> {
    const key = await fixtureKey(options);
    const left = this.announced.get(key);
    if (left !== undefined) this.announced.set(key, left - 1);
    // announced for this case alone: no later case will want a copy
    if (left === 1 && !this.made.has(key)) return this.simulateTo(options, moviePath, truthDir);
    let folder = this.made.get(key);
    if (!folder) {
      this.dir ??= mkdtempSync(join(tmpdir(), 'cellpilot-fixtures-'));
      folder = this.simulate(options, join(this.dir, String(this.made.size + 1)));
      this.made.set(key, folder);
      // a failed simulation is not kept: the next case asking for it fails the same way
      folder.catch(() => this.made.delete(key));
    }
    const from = await folder;
    cpSync(join(from, 'movie.tif'), moviePath);
    cpSync(join(from, 'truth'), truthDir, { recursive: true });
  }

  /** Removes the simulated movies (call when the run is over). */
  dispose(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.made.clear();
    this.announced.clear();
  }

  private async simulate(options: SimOptions, folder: string): Promise<string> {
    await this.simulateTo(options, join(folder, 'movie.tif'), join(folder, 'truth'));
    return folder;
  }

  private async simulateTo(options: SimOptions, moviePath: string, truthDir: string): Promise<void> {
    const { simulateToFiles } = await import('../sim/index.ts');
    this.simulated++;
    await simulateToFiles(options, moviePath, truthDir);
  }
}
