import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/cellpilot.js', import.meta.url));

export function cellpilot(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, ...options });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// `cellpilot --help` and `cellpilot frobnicate` from the bundle, run once each: several tests read the same output
let help: ReturnType<typeof cellpilot> | undefined;
let unknown: ReturnType<typeof cellpilot> | undefined;
const bundledHelp = () => (help ??= cellpilot(['--help']));
const bundledUnknown = () => (unknown ??= cellpilot(['frobnicate']));

describe('cellpilot command line', () => {
  it('--help lists every command of the design contract', () => {
    const r = bundledHelp();
    expect(r.code).toBe(0);
    for (const cmd of ['chat', 'ask', 'tool', 'tools', 'info', 'simulate', 'run', 'export snakemake', 'eval', 'models', 'sessions']) {
      expect(r.stdout).toContain(`cellpilot ${cmd}`);
    }
  });

  it('`cellpilot NAME --help` names every option the command takes (info --check, eval --perturb and train --epochs were missing)', async () => {
    const { COMMANDS } = await import('../../src/cli.ts');
    for (const name of Object.keys(COMMANDS)) {
      const source = readFileSync(fileURLToPath(new URL(`../../src/commands/${name}.ts`, import.meta.url)), 'utf8');
      // the options of its parseArgs call: `name: { type: 'string' }`
      const options = [...source.matchAll(/'?([a-z][a-z-]*)'?: \{ type: '(?:string|boolean)'/g)].map((m) => m[1]);
      const help = cellpilot([name, '--help']);
      expect(help.code).toBe(0);
      for (const option of options) expect(help.stdout, `${name} --help`).toContain(`--${option}`);
    }
  });

  it('--help shows the four uses with an example each, the microscope among them, and nothing on stderr', () => {
    const r = bundledHelp();
    expect(r.stdout).toMatch(/analyse a movie in the chat\s+cellpilot chat ~\/data\/cells\.tif/);
    expect(r.stdout).toMatch(/save and rerun a pipeline\s+in the chat: "save this as a pipeline called nuclei"[^]*cellpilot run pipelines\/nuclei\.yaml/);
    expect(r.stdout).toMatch(/steer an acquisition\s+in the chat, on the simulated microscope[^]*"image GFP and DAPI every 5 minutes/);
    expect(r.stdout).toMatch(/score the agent\s+cellpilot eval evals\//);
    expect(r.stderr).toBe('');
  });

  it('npx cellpilot prints no npm warning (the .npmrc holds only settings npm knows)', () => {
    const npx = spawnSync('npx', ['--no-install', 'cellpilot', '--help'], { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8', timeout: 120_000 });
    if (npx.error) {
      console.log('npx is not installed: skipping the npx check');
      return;
    }
    expect(npx.status).toBe(0);
    expect(npx.stderr).not.toMatch(/npm warn|Unknown (project|user) config/i);
    expect(npx.stdout).toContain('cellpilot: a natural-language assistant');
  });

  it('an unknown command exits 2 with one line on stderr', () => {
    const r = bundledUnknown();
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('frobnicate');
  });

  it('a large --json document reaches a pipe whole (not cut at the 64 KiB pipe buffer)', () => {
    // A shell pipe into a reader that drains slowly reproduces the cut; spawnSync's own pipe does not.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" tools --json | (sleep 1; cat)`], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(65536);
    expect(JSON.parse(r.stdout).tools.length).toBeGreaterThan(30);
  });
});

// bin/cellpilot.js runs the command bundle when it matches the sources (src/bundle/), else
// the sources through tsx; CELLPILOT_NO_BUNDLE=1 forces the sources. Both must behave alike.
describe('cellpilot from the command bundle and from the sources', () => {
  const fromSources = { env: { ...process.env, CELLPILOT_NO_BUNDLE: '1' } };

  it('--help prints the same text, exit 0, nothing on stderr (no loader or npm warning)', () => {
    const bundled = bundledHelp();
    const sources = cellpilot(['--help'], fromSources);
    expect(bundled).toEqual(sources);
    expect(bundled.code).toBe(0);
    expect(bundled.stderr).toBe('');
  });

  it('a bad command and a bad argument fail alike: same exit code, one line', () => {
    for (const args of [['frobnicate'], ['info', '/nonexistent/movie.tif'], ['tool', 'project', '--args', '{"movie": 3}']]) {
      const bundled = args.length === 1 && args[0] === 'frobnicate' ? bundledUnknown() : cellpilot(args);
      const sources = cellpilot(args, fromSources);
      expect(bundled.code, args.join(' ')).toBe(sources.code);
      expect(bundled.code, args.join(' ')).toBe(2);
      expect(bundled.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(bundled.stderr).toBe(sources.stderr);
    }
  });

  it('a tool that runs on worker threads (drift of a 64 x 256² movie) gives the same result from both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-cli-'));
    try {
      const sim = cellpilot(['simulate', '--out', 'movie.tif', '--truth', 'gt', '--frames', '64', '--size', '256x256', '--cells', '12', '--drift-px', '6', '--seed', '3'], { cwd: dir });
      expect(sim.code, sim.stderr).toBe(0);
      const drift = (env: NodeJS.ProcessEnv, out: string) => cellpilot(['tool', 'correct_drift', '--json', '--args', JSON.stringify({ movie: join(dir, 'movie.tif'), output: join(dir, out) })], { cwd: dir, env: { ...env, CELLPILOT_THREADS: '2' } });
      const bundled = drift(process.env, 'a.tif');
      const sources = drift(fromSources.env, 'b.tif');
      expect(bundled.code, bundled.stderr).toBe(0);
      expect(sources.code, sources.stderr).toBe(0);
      const outcome = (r: { stdout: string }) => {
        const { ok, summary, values } = JSON.parse(r.stdout);
        return { ok, summary, values };
      };
      expect(outcome(bundled).values.frames).toBe(64);
      expect(outcome(bundled)).toEqual(outcome(sources));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
