import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStep } from '../../src/agent/executor.ts';
import { executePipeline, parsePipeline, pipelineFromSession, pipelineToYaml } from '../../src/agent/pipeline.ts';
import { Session } from '../../src/agent/session.ts';
import { fakeTools } from './fakeTools.ts';

async function sessionWithSteps() {
  const root = mkdtempSync(join(tmpdir(), 'cellpilot-pipe-'));
  const movie = join(root, 'raw.tif');
  writeFileSync(movie, 'pixels');
  const session = Session.create({ root, id: 's' });
  session.addInput('movie', movie);
  await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', reference: 'previous', output: join(root, 'mine.tif') });
  await runStep(session, fakeTools, 'denoise', { movie: 'movie-2', method: 'bilateral' }); // invalid: left out
  await runStep(session, fakeTools, 'segment', { movie: 'movie-2', channel: 2, radiusPx: 6 });
  await runStep(session, fakeTools, 'help' as never, {}); // unknown here: left out
  await runStep(session, fakeTools, 'track', { labels: 'labels-1', allowSplitting: true });
  return { root, movie, session };
}

describe('pipelines', () => {
  it('turns the successful steps of a session into steps wired by ids, with the input as a parameter', async () => {
    const { session } = await sessionWithSteps();
    const pipeline = pipelineFromSession('nuclei-tracking', session.provenance.read(), session.store.list(), { tools: fakeTools });
    expect(pipeline.inputs).toEqual({ movie: { type: 'movie', description: 'like raw.tif in the session' } });
    expect(pipeline.steps).toEqual([
      { id: 'correct_drift', tool: 'correct_drift', args: { movie: '${inputs.movie}', reference: '${params.correct_drift_reference}' } },
      { id: 'segment', tool: 'segment', args: { movie: '${steps.correct_drift.movie}', channel: '${params.segment_channel}', radiusPx: '${params.segment_radius_px}' } },
      { id: 'track', tool: 'track', args: { labels: '${steps.segment.labels}', allowSplitting: '${params.track_allow_splitting}' } },
    ]);
    // every setting is a named parameter holding the session's value
    expect(pipeline.parameters).toEqual({
      correct_drift_reference: { value: 'previous' },
      segment_channel: { value: 2 },
      segment_radius_px: { value: 6 },
      track_allow_splitting: { value: true },
    });
    // the YAML round-trips through the validating loader
    expect(parsePipeline(pipelineToYaml(pipeline))).toEqual(pipeline);
    expect(() => pipelineFromSession('Bad Name', session.provenance.read(), session.store.list(), { tools: fakeTools })).toThrow(/lowercase/);
  });

  it('rejects pipelines with unknown references, duplicate ids or bad YAML, naming the field', () => {
    const base = 'name: p\ninputs: {movie: {type: movie}}\nsteps:\n';
    expect(() => parsePipeline(base + '  - {id: a, tool: segment, args: {movie: "${inputs.film}"}}')).toThrow(/steps\.0\.args: step "a" uses \$\{inputs\.film\}, which is not declared/);
    expect(() => parsePipeline(base + '  - {id: a, tool: segment, args: {movie: "${steps.b.movie}"}}')).toThrow(/no earlier step has id "b"/);
    expect(() => parsePipeline(base + '  - {id: a, tool: segment}\n  - {id: a, tool: track}')).toThrow(/step id "a" is used twice/);
    expect(() => parsePipeline('name: [')).toThrow(/not valid YAML/);
    expect(() => parsePipeline('name: p\ninputs: {}\nsteps: []')).toThrow(/inputs|steps/);
  });

  it('runs the steps in order with references resolved, and stops at a failure naming the step', async () => {
    const { session, root } = await sessionWithSteps();
    const pipeline = pipelineFromSession('p', session.provenance.read(), session.store.list(), { tools: fakeTools });
    const other = Session.create({ root, id: 'other' });
    const input = join(root, 'other.tif');
    writeFileSync(input, 'more pixels');
    const results = await executePipeline(pipeline, { movie: input }, async (tool, args) => {
      const o = await runStep(other, fakeTools, tool, args);
      return { tool, status: o.status, summary: o.summary, error: o.error, artifacts: o.artifacts, values: o.values, durationMs: o.durationMs };
    });
    expect(results.map((r) => [r.id, r.status])).toEqual([['correct_drift', 'ok'], ['segment', 'ok'], ['track', 'ok']]);
    expect(other.provenance.read().map((r) => [r.tool, r.args])).toEqual([
      ['correct_drift', { movie: input, reference: 'previous' }],
      ['segment', { movie: 'movie-1', channel: 2, radiusPx: 6 }],
      ['track', { labels: 'labels-1', allowSplitting: true }],
    ]);
    // the same values as in the session
    expect(results.at(-1)!.values).toEqual(session.provenance.read().at(-1)!.values);

    const broken = parsePipeline('name: b\ninputs: {movie: {type: movie}}\nsteps:\n  - {id: boom, tool: fail_always}\n  - {id: never, tool: segment, args: {movie: "${inputs.movie}"}}');
    await expect(
      executePipeline(broken, { movie: input }, async (tool, args) => {
        const o = await runStep(other, fakeTools, tool, args);
        return { tool, status: o.status, summary: o.summary, error: o.error, artifacts: o.artifacts, values: o.values, durationMs: o.durationMs };
      }),
    ).rejects.toThrow(/step "boom" \(fail_always\) failed: disk full/);
  });

  it('changes a named parameter for a run, read as the type of its saved value, and refuses unknown names', async () => {
    const { session, root } = await sessionWithSteps();
    const pipeline = pipelineFromSession('p', session.provenance.read(), session.store.list(), { tools: fakeTools, describe: (tool, arg) => `${tool}.${arg}` });
    expect(pipeline.parameters?.segment_radius_px).toEqual({ value: 6, description: 'segment.radiusPx' });
    const input = join(root, 'other.tif');
    writeFileSync(input, 'more pixels');
    const seen: Record<string, unknown>[] = [];
    const record = async (tool: string, args: Record<string, unknown>) => {
      seen.push(args);
      return { tool, status: 'ok', summary: '', artifacts: [{ id: `${tool}-1`, type: tool === 'segment' ? 'labels' : tool === 'track' ? 'tracks' : 'movie', path: '/x' }], values: {}, durationMs: 0 };
    };
    await executePipeline(pipeline, { movie: input, segment_radius_px: '8', track_allow_splitting: 'no' }, record as never);
    expect(seen[1]).toMatchObject({ channel: 2, radiusPx: 8 });
    expect(seen[2]).toMatchObject({ allowSplitting: false });
    await expect(executePipeline(pipeline, { movie: input, segment_radius_px: 'big' }, record as never)).rejects.toThrow(/--set segment_radius_px=big: segment_radius_px needs a number \(saved value: 6\)/);
    await expect(executePipeline(pipeline, { movie: input, radius: '8' }, record as never)).rejects.toThrow(/no input or parameter "radius"; it has movie, correct_drift_reference, segment_channel/);
    expect(() => parsePipeline('name: p\ninputs: {movie: {type: movie}}\nsteps:\n  - {id: a, tool: segment, args: {movie: "${inputs.movie}", method: "${params.m}"}}')).toThrow(/uses \$\{params\.m\}, which is not declared under parameters/);
  });
});

describe('lean pipelines: neededSteps', () => {
  const step = (n: number, tool: string, args: Record<string, unknown>, outputs: string[]) =>
    ({ step: `s${n}`, time: '', tool, args, inputs: Object.entries(args).filter(([, v]) => typeof v === 'string' && /^[a-z]+-\d+$/.test(v)).map(([arg, ref]) => ({ arg, ref, path: `/x/${ref}` })), outputs: outputs.map((id) => ({ id, type: id.split('-')[0], path: `/x/${id}` })), durationMs: 1, versions: {}, models: [], status: 'ok' }) as never;
  // a session with dead ends: an Otsu segmentation measured then abandoned, a denoised movie never used, a failed step
  const provenance = [
    step(1, 'set_calibration', { pixelSizeUm: 0.65 }, []),
    step(2, 'correct_drift', { movie: 'movie-1' }, ['movie-2', 'table-1']),
    step(3, 'segment', { movie: 'movie-1', method: 'otsu' }, ['labels-1']),
    step(4, 'measure', { kind: 'objects', labels: 'labels-1' }, ['table-2']),
    step(5, 'denoise', { movie: 'movie-2' }, ['movie-3']),
    { ...(step(6, 'segment', { movie: 'movie-3', method: 'bad' }, []) as object), status: 'error' } as never,
    step(7, 'segment', { movie: 'movie-2', method: 'li' }, ['labels-2']),
    step(8, 'track', { labels: 'labels-2' }, ['tracks-1']),
    step(9, 'plot', { kind: 'timeseries', tracks: 'tracks-1', feature: 'speed' }, ['plot-1']),
    step(10, 'export', { format: 'trackmate', tracks: 'tracks-1' }, ['tracks-2']),
  ];
  it('keeps only the steps leading to the final results', async () => {
    const { neededSteps } = await import('../../src/agent/pipeline.ts');
    const { ALL_TOOLS } = await import('../../src/agent/allTools.ts');
    expect(neededSteps(provenance, ALL_TOOLS)).toEqual(['s1', 's2', 's7', 's8', 's9', 's10']);
    expect(neededSteps(provenance, ALL_TOOLS, ['table-2'])).toEqual(['s1', 's3', 's4']);
    expect(() => neededSteps(provenance, ALL_TOOLS, ['plot-9'])).toThrow(/plot-9 is not a result/);
  });

  it('leaves out a calibration step whose every value a later one sets again (its parameter would change nothing: --set on it was overridden)', async () => {
    const { neededSteps } = await import('../../src/agent/pipeline.ts');
    const { ALL_TOOLS } = await import('../../src/agent/allTools.ts');
    const told = [
      step(1, 'set_calibration', { pixelSizeUm: 0.65, frameIntervalS: 300, timeUnit: 'min', movie: 'movie-1' }, []),
      step(2, 'set_calibration', { pixelSizeUm: 0.5, movie: 'movie-1', keepHeader: true }, []),
      step(3, 'set_calibration', { frameIntervalS: 60, timeUnit: 's', movie: 'movie-1' }, []),
      step(4, 'set_calibration', { zStepUm: 2, movie: 'movie-1' }, []),
      step(5, 'set_calibration', { pixelSizeUm: 0.3, movie: 'movie-9' }, []),
      step(6, 'segment', { movie: 'movie-1', method: 'li' }, ['labels-1']),
    ];
    // s1's pixel size is set again by s2, its interval and unit by s3; s4 sets what no later step does; s5 is another movie's
    expect(neededSteps(told, ALL_TOOLS)).toEqual(['s2', 's3', 's4', 's5', 's6']);
    // a later step that sets only part of it keeps it
    expect(neededSteps([told[0], told[1], told[5]], ALL_TOOLS)).toEqual(['s1', 's2', 's6']);
  });

  it("a step whose tool opens a file (role 'open') becomes the pipeline's input, whatever its name", () => {
    const opened = [
      { ...(step(1, 'read_file_in', { movie: '/data/a.tif', kind: 'movie' }, ['movie-1']) as object), inputs: [{ arg: 'movie', ref: '/data/a.tif', path: '/data/a.tif' }] },
      step(2, 'segment', { movie: 'movie-1', method: 'li' }, ['labels-1']),
    ] as never[];
    const artifacts = [{ id: 'movie-1', type: 'movie', path: '/data/a.tif', description: 'a.tif', createdAt: '' }, { id: 'labels-1', type: 'labels', path: '/x/labels-1', description: '', createdAt: '' }] as never[];
    const pipeline = pipelineFromSession('p', opened, artifacts, { tools: [{ name: 'read_file_in', role: 'open' }, { name: 'segment' }] });
    expect(pipeline.steps).toEqual([{ id: 'segment', tool: 'segment', args: { movie: '${inputs.movie}', method: '${params.segment_method}' } }]);
    expect(Object.keys(pipeline.inputs)).toEqual(['movie']);
  });

  it('keeps a step whose tool declares it applies to later steps, whatever its name', async () => {
    const { neededSteps } = await import('../../src/agent/pipeline.ts');
    const renamed = provenance.map((r) => ((r as { tool: string }).tool === 'set_calibration' ? { ...(r as object), tool: 'units_for_all' } : r)) as typeof provenance;
    // the same session, its calibration tool under another name: kept by its declaration, dropped without it
    expect(neededSteps(renamed, [{ name: 'units_for_all', appliesToLaterSteps: true }])).toEqual(['s1', 's2', 's7', 's8', 's9', 's10']);
    expect(neededSteps(renamed, [])).toEqual(['s2', 's7', 's8', 's9', 's10']);
  });
});
