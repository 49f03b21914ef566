import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movieFromPlanes, writeMovie } from '../../src/image/index.ts';
import { DATA_DIR, HAVE_DATA } from '../image/helpers.ts';

const BIN = fileURLToPath(new URL('../../bin/cellpilot.js', import.meta.url));
function cellpilot(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cellpilot info', () => {
  let dir = '';
  let path = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cellpilot-info-'));
    path = join(dir, 'movie.tif');
    const m = movieFromPlanes({ t: 5, z: 3, c: 2, y: 16, x: 20 }, 'uint16', () => new Uint16Array(320), {
      pixelSizeUm: 0.108,
      zStepUm: 0.5,
      frameIntervalS: 90,
      channelNames: ['H2B-mCherry', 'GFP'],
    });
    await writeMovie(path, m);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('--json prints one document with shape, dtype, calibration, channels and file format', () => {
    const r = cellpilot(['info', path, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({
      path,
      format: 'imagej',
      shape: { t: 5, z: 3, c: 2, y: 16, x: 20 },
      axes: 'TZCYX',
      planes: 30,
      dtype: 'uint16',
      zStepUm: 0.5,
      frameIntervalS: 90,
      channelNames: ['H2B-mCherry', 'GFP'],
      compression: 'none',
      byteOrder: 'little',
      bigTiff: false,
      pixelBytes: 30 * 16 * 20 * 2,
    });
    expect(info.pixelSizeUm).toBeCloseTo(0.108, 6);
  });

  it.skipIf(!HAVE_DATA)('prints readable lines for a big-endian OME-TIFF', () => {
    const r = cellpilot(['info', join(DATA_DIR, 'sktracker-ometiff/CZT_peaks.ome.tif')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/format\s+OME-TIFF/);
    expect(r.stdout).toMatch(/shape\s+T=4 Z=4 C=1 Y=48 X=56 {2}\(16 planes\)/);
    expect(r.stdout).toMatch(/pixel size\s+0\.065 µm/);
    expect(r.stdout).toMatch(/z step\s+1 µm/);
    expect(r.stdout).toMatch(/frame interval\s+10 s/);
    expect(r.stdout).toMatch(/byte order\s+big-endian/);
  });

  it('exits 2 with one line for a missing file or no argument', () => {
    for (const args of [['info', join(dir, 'nope.tif')], ['info']]) {
      const r = cellpilot(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
