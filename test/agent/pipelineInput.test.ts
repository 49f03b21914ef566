// `cellpilot run` given a movie where the pipeline goes, or a parameter name misspelt: one
// line that says what to do (it was "not valid YAML: Unexpected flow-map-end token").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { checkRunValues, loadPipeline, parsePipeline } from '../../src/agent/pipeline.ts';
import { writeMovie } from '../../src/image/index.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-pipeline-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pipeline inputs', () => {
  it('a TIFF named as the pipeline is said to be a movie, with the order of the arguments', async () => {
    const movie = join(dir, 'cells.tif');
    await writeMovie(movie, movieFromPlanes({ t: 2, z: 1, c: 1, y: 8, x: 8 }, 'uint16', () => new Uint16Array(64)));
    expect(() => loadPipeline(movie)).toThrow(`${movie} is a TIFF image, not a pipeline: the pipeline's .yaml file comes first (cellpilot run PIPELINE.yaml MOVIE... --out DIR)`);
  });

  it('a misspelt parameter is answered with the nearest name', () => {
    const pipeline = parsePipeline(
      ['name: p', 'version: 1', 'inputs:', '  movie:', '    type: movie', 'parameters:', '  segment_method:', '    value: li', 'steps:', '  - id: segment', '    tool: segment', '    args:', '      method: ${params.segment_method}', '      movie: ${inputs.movie}', ''].join('\n'),
      'p.yaml',
    );
    expect(() => checkRunValues(pipeline, { segment_methd: 'li' }, ALL_TOOLS)).toThrow(/has no input or parameter "segment_methd" \(did you mean "segment_method"\?\)/);
  });

  it('a --set on a pipeline without parameters says it has none and how to add one (was "it has movie")', () => {
    const pipeline = parsePipeline(['name: p', 'version: 1', 'inputs:', '  movie:', '    type: movie', 'steps:', '  - id: segment', '    tool: segment', '    args:', '      movie: ${inputs.movie}', ''].join('\n'), 'p.yaml');
    expect(() => checkRunValues(pipeline, { segment_method: 'li' }, ALL_TOOLS)).toThrow(
      'pipeline "p" has no input or parameter "segment_method"; it has no parameters, only its input movie: its steps choose their settings from each movie. To fix a setting, add it under `parameters:` in the pipeline\'s YAML and name it in the step\'s args as ${params.NAME}, or save a pipeline from the chat, which names every setting',
    );
  });
});
