// An OME-TIFF of two images (positions) said so: info, ask and load_movie read only the first
// image, and said nothing (a second position was silently left out).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { havePython, runPython } from '../image/helpers.ts';
import { runCli } from './run-cli.ts';

const HAVE_PY = havePython(['tifffile', 'numpy']);
if (!HAVE_PY) console.warn('skipping the two-position OME-TIFF test: python3 with tifffile and numpy is absent');
const dir = mkdtempSync(join(tmpdir(), 'cellpilot-two-pos-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!HAVE_PY)('an OME-TIFF with two images', () => {
  it('info, load_movie and run say only the first is read', async () => {
    const file = join(dir, 'two_pos.ome.tif');
    const script = `import numpy as np, tifffile
with tifffile.TiffWriter(${JSON.stringify(file)}, ome=True) as tw:
    for p in range(2):
        tw.write(np.zeros((3, 2, 16, 16), np.uint16) + p, metadata={'axes': 'TCYX', 'PhysicalSizeX': 0.5, 'PhysicalSizeY': 0.5})
`;
    runPython(['-c', script]);
    const info = await runCli(['info', file]);
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toContain('the file holds 2 images (series, e.g. positions); only the first is read');
    const json = await runCli(['info', file, '--json']);
    expect(JSON.parse(json.stdout).imagesInFile).toBe(2);
    const loaded = await runCli(['tool', 'load_movie', '--args', JSON.stringify({ movie: file }), '--json'], { cwd: dir, env: { ...process.env, CELLPILOT_SESSIONS: join(dir, 'sessions') } });
    expect(JSON.parse(loaded.stdout).summary).toContain('Note: the file holds 2 images');
    // cellpilot run says it on the movie's progress line
    const pipeline = join(dir, 'info.yaml');
    writeFileSync(pipeline, ['name: info', 'version: 1', 'inputs:', '  movie:', '    type: movie', 'steps:', '  - id: info', '    tool: movie_info', '    args:', '      movie: ${inputs.movie}', ''].join('\n'));
    const run = await runCli(['run', pipeline, file, '--out', join(dir, 'out')], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('two_pos.ome.tif: note: the file holds 2 images (series, e.g. positions); only the first is read');
  });
});
