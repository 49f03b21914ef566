// A pipeline made on a two-channel movie, run on a one-channel one: the failure names the
// --set that changes the step's setting and the value this run used (it said only
// "channel 2 does not exist", with no way shown to pick channel 1 for this run).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { runPipelineOnMovies } from '../../src/agent/batch.ts';
import { parsePipeline } from '../../src/agent/pipeline.ts';
import { writeMovie } from '../../src/image/index.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-settings-hint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a failed step in cellpilot run', () => {
  it('names its --set settings and this run\'s values', async () => {
    const movie = join(dir, 'one.tif');
    await writeMovie(movie, movieFromPlanes({ t: 2, z: 1, c: 1, y: 16, x: 16 }, 'uint16', () => new Uint16Array(256).fill(5)));
    const pipeline = parsePipeline(
      ['name: ch2', 'version: 1', 'inputs:', '  movie:', '    type: movie', 'parameters:', '  segment_channel:', '    value: 2', 'steps:', '  - id: segment', '    tool: segment', '    args:', '      channel: ${params.segment_channel}', '      movie: ${inputs.movie}', ''].join('\n'),
      'ch2.yaml',
    );
    const [result] = await runPipelineOnMovies(pipeline, [movie], ALL_TOOLS, { outDir: join(dir, 'out') });
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/channel 2 does not exist.*; change this step's settings with --set segment_channel=\.\.\. \(this run: segment_channel=2\)$/);
  });
});
