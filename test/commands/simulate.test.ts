import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openMovie } from '../../src/image/index.ts';
import { parseSimulateArgs } from '../../src/commands/simulate.ts';

const BIN = fileURLToPath(new URL('../../bin/cellpilot.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cellpilot-simcli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cellpilot(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cellpilot simulate', () => {
  it('writes a movie and CTC ground truth and reports it as JSON', async () => {
    const r = cellpilot(['simulate', '--out', 'movie.tif', '--truth', 'gt', '--frames', '8', '--size', '96x64', '--cells', '5', '--seed', '4', '--drift-px', '3.5', '--bleach-rate', '0.02', '--snr', '12', '--division-rate', '0.05', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: true, frames: 8, cellsFirst: 5, maxDriftPx: 3.5 });
    const movie = await openMovie(join(dir, 'movie.tif'));
    expect(movie.shape).toEqual({ t: 8, z: 1, c: 1, y: 64, x: 96 });
    await movie.close();
    expect(readdirSync(join(dir, 'gt', 'SEG')).sort()).toEqual(Array.from({ length: 8 }, (_, t) => `man_seg00${t}.tif`));
    expect(readdirSync(join(dir, 'gt', 'TRA'))).toContain('man_track.txt');
    expect(readFileSync(join(dir, 'gt', 'drift.csv'), 'utf8').split('\n')[0]).toBe('t,dx_px,dy_px');
    expect(existsSync(join(dir, 'gt', 'clean.tif'))).toBe(true);
  });

  it('refuses to replace an existing file unless --overwrite is given', () => {
    const raw = join(dir, 'raw.tif');
    writeFileSync(raw, 'my raw data');
    const r = cellpilot(['simulate', '--out', 'raw.tif', '--truth', 'gt3', '--frames', '2', '--size', '32x32', '--cells', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/raw\.tif already exists.*--overwrite/);
    expect(readFileSync(raw, 'utf8')).toBe('my raw data');
    expect(existsSync(join(dir, 'gt3'))).toBe(false);
    const again = cellpilot(['simulate', '--out', 'raw.tif', '--truth', 'gt3', '--frames', '2', '--size', '32x32', '--cells', '1', '--overwrite']);
    expect(again.code).toBe(0);
  });

  it('maps every flag onto the simulator options', () => {
    const args = parseSimulateArgs(['--out', 'a.tif', '--truth', 'g', '--size', '300x200', '--brightfield', '--z', '3', '--speed-px', '0.5', '--crowding', '0.8']);
    expect(args.options).toEqual({ width: 300, height: 200, brightfield: true, z: 3, speedPx: 0.5, crowding: 0.8 });
    expect(parseSimulateArgs(['--out', 'a.tif', '--truth', 'g', '--size', '128']).options).toEqual({ width: 128, height: 128 });
  });

  it.each([
    [['--truth', 'gt2'], /--out is required/],
    [['--out', 'x.tif'], /--truth is required/],
    [['--out', 'x.png', '--truth', 'gt2'], /--out must be a \.tif file, got "x\.png"/],
    [['--out', 'x.tif', '--truth', 'gt2', '--frames', 'ten'], /--frames expects a number, got "ten"/],
    [['--out', 'x.tif', '--truth', 'gt2', '--frames', '0'], /frames must be a whole number from 1/],
    [['--out', 'x.tif', '--truth', 'gt2', '--size', 'big'], /--size expects WIDTHxHEIGHT/],
    [['--out', 'x.tif', '--truth', 'gt2', '--wobble', '3'], /wobble/],
    [['--out', 'x.tif', '--truth', 'gt2', '--bleach-rate', '1.5'], /bleachRate must be/],
    [['--out', 'x.tif', '--truth', 'gt2', '--cells', '-4'], /cells must be/],
  ])('rejects %j with exit 2 and one line', (args, message) => {
    const r = cellpilot(['simulate', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(dir, 'x.tif'))).toBe(false);
    expect(existsSync(join(dir, 'gt2'))).toBe(false);
  });
});
