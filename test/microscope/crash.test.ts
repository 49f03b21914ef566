import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openMovie } from '../../src/image/index.ts';
import { readFramesTable, tempDir } from './fixtures.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('a crash mid-acquisition', () => {
  it('keeps a readable hyperstack with every complete time point (process killed with SIGKILL)', async () => {
    const dir = tempDir();
    const output = join(dir, 'crash.tif');
    const child = spawn(process.execPath, [join(root, 'bin/run-ts.js'), join(root, 'test/microscope/crash.fixture.ts'), output], { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        seen += (chunk.toString().match(/timepoint/g) ?? []).length;
        if (seen >= 8) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code) => (seen >= 8 ? resolve() : reject(new Error(`child exited early (${code}): ${child.stderr.read()?.toString()}`))));
    });
    await new Promise((r) => child.on('close', r));
    const movie = await openMovie(output);
    expect(movie.shape).toMatchObject({ c: 2, z: 1, y: 64, x: 64 });
    expect(movie.shape.t).toBeGreaterThanOrEqual(8);
    expect(movie.meta.channelNames).toEqual(['FITC', 'DAPI']);
    const last = await movie.plane(movie.shape.t - 1, 0, 1);
    expect(Math.max(...last)).toBeGreaterThan(90); // real camera counts, not an empty plane
    await movie.close();
    // The frame table lists at least every image the file holds.
    const rows = readFramesTable(readFileSync(join(dir, 'crash.frames.csv'), 'utf8'));
    expect(rows.length).toBeGreaterThanOrEqual(movie.shape.t * 2);
  });
});
