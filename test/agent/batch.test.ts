// `cellpilot run` into an --out an earlier run wrote: the movie's folder is replaced only with the
// same movie's results, and the run says so (a movie of the same name from another folder had
// silently replaced the earlier movie's results with its own failure).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPipelineOnMovies } from '../../src/agent/batch.ts';
import { parsePipeline } from '../../src/agent/pipeline.ts';
import { fakeTools } from './fakeTools.ts';

const root = mkdtempSync(join(tmpdir(), 'cellpilot-batch-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const pipeline = (name: string) => parsePipeline(`name: ${name}\ninputs: { movie: { type: movie } }\nsteps:\n  - { id: d, tool: correct_drift, args: { movie: "\${inputs.movie}" } }\n`);

describe('runPipelineOnMovies over an earlier run', () => {
  it('refuses the folder of another movie with the same name and says when it replaces the same movie\'s results', async () => {
    for (const folder of ['day1', 'day2']) mkdirSync(join(root, folder));
    writeFileSync(join(root, 'day1', 'cells.tif'), 'day 1 pixels');
    writeFileSync(join(root, 'day2', 'cells.tif'), 'day 2 pixels');
    const out = join(root, 'out');
    const [first] = await runPipelineOnMovies(pipeline('p'), [join(root, 'day1', 'cells.tif')], fakeTools, { outDir: out });
    expect(first.status).toBe('ok');
    const before = readFileSync(join(first.dir, 'results.json'), 'utf8');

    const lines: string[] = [];
    const [other] = await runPipelineOnMovies(pipeline('p'), [join(root, 'day2', 'cells.tif')], fakeTools, { outDir: out, onProgress: (l) => lines.push(l) });
    expect(other.status).toBe('failed');
    expect(other.error).toBe(`${first.dir} holds the results of ${join(root, 'day1', 'cells.tif')} from an earlier run (another movie, whose name gives the same folder): choose another --out, or move those results first`);
    expect(readFileSync(join(first.dir, 'results.json'), 'utf8')).toBe(before);

    lines.length = 0;
    const [again] = await runPipelineOnMovies(pipeline('q'), [join(root, 'day1', 'cells.tif')], fakeTools, { outDir: out, onProgress: (l) => lines.push(l) });
    expect(again.status).toBe('ok');
    expect(lines).toContain(`[1/1] cells.tif: replacing the results of an earlier run of pipeline "p" in ${first.dir}`);
  });
});
