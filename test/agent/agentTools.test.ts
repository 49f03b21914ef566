// help, save_pipeline and run_pipeline through createToolContext.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_TOOLS as tools } from '../../src/agent/agentTools.ts';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { runStep } from '../../src/agent/executor.ts';
import { Session } from '../../src/agent/session.ts';
import { simulateToFiles } from '../../src/sim/index.ts';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { clauseForTool } from '../../src/agent/planner/builders.ts';

const tool = (name: string) => tools.find((t) => t.name === name)!;

describe('agent tools', () => {
  afterEach(() => {
    delete process.env.CELLPILOT_PIPELINES;
  });

  it('help answers from the method notes, choosing the topic the question is about', async () => {
    const ctx = createToolContext({ sessionDir: mkdtempSync(join(tmpdir(), 'cellpilot-help-')) });
    const cases: [string, string, RegExp][] = [
      ['my movie is very noisy, which denoiser should I use?', 'denoise', /Noise2Void/],
      ['why should I correct drift before tracking?', 'drift', /Fast4DReg/],
      ['should I use Otsu or StarDist for crowded nuclei?', 'segmentation', /StarDist/],
      ['how should I set the linking distance?', 'tracking', /linking distance/],
      ['which bleach correction keeps intensities comparable?', 'bleach', /exponential/],
      ['can I image less often without missing divisions? phototoxicity is a problem', 'microscope', /phototoxicity/],
    ];
    for (const [question, topic, text] of cases) {
      const r = await tool('help').run({ question } as never, ctx);
      expect(r.values.topic, question).toBe(topic);
      expect(String(r.values.answer)).toMatch(text);
    }
    const forced = await tool('help').run({ question: 'anything', topic: 'timeseries' } as never, ctx);
    expect(forced.values.topic).toBe('timeseries');
  });

  it('save_pipeline reads its name and keeps the results a request names', () => {
    const clause = (text: string) => clauseForTool('save_pipeline', text, { artifactsAtStart: [{ id: 'plot-2', type: 'plot' }, { id: 'tracks-3', type: 'tracks' }] });
    expect(tool('save_pipeline').fromRequest!(clause('save what made plot-2 and tracks-3 as a pipeline called speed'))).toEqual({ name: 'speed', keep: ['plot-2', 'tracks-3'] });
    expect(tool('save_pipeline').fromRequest!(clause('save plot-9 as a pipeline'))).toEqual({ name: 'my-pipeline' });
    expect(tool('save_pipeline').fromRequest!(clause('save this as a pipeline called nuclei'))).toEqual({ name: 'nuclei' });
  });

  it('save_pipeline writes pipelines/NAME.yaml from the session and run_pipeline runs it on another movie', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cellpilot-agenttools-'));
    process.env.CELLPILOT_PIPELINES = join(root, 'pipelines');
    await simulateToFiles({ frames: 4, width: 48, height: 48, cells: 3, seed: 1, divisionRate: 0 }, join(root, 'a.tif'), join(root, 'a_GT'));
    await simulateToFiles({ frames: 4, width: 48, height: 48, cells: 3, seed: 2, divisionRate: 0 }, join(root, 'b.tif'), join(root, 'b_GT'));
    const session = Session.create({ root, id: 's' });
    session.addInput('movie', join(root, 'a.tif'));
    expect((await runStep(session, ALL_TOOLS, 'segment', { movie: 'movie-1', method: 'otsu' })).status).toBe('ok');
    const saved = await runStep(session, ALL_TOOLS, 'save_pipeline', { name: 'seg-only' });
    expect(saved.status).toBe('ok');
    expect(readFileSync(join(root, 'pipelines', 'seg-only.yaml'), 'utf8')).toMatch(/segment_method:\n\s+value: otsu\n[^]*tool: segment\n\s+args:\n\s+movie: \$\{inputs\.movie\}\n\s+method: \$\{params\.segment_method\}/);
    const again = await runStep(session, ALL_TOOLS, 'save_pipeline', { name: 'seg-only' });
    expect(again.error).toMatch(/already exists .* overwrite: true/);

    const ran = await runStep(session, ALL_TOOLS, 'run_pipeline', { pipeline: 'seg-only', movie: join(root, 'b.tif') });
    expect(ran.status).toBe('ok');
    expect(ran.artifacts.map((a) => a.type)).toEqual(['labels']);
    expect(ran.values).toMatchObject({ pipeline: 'seg-only', steps: 1, frames: 4 });

    // ("export it for snakemake", "run this on the cluster"): a Snakefile of the pipeline in the session folder, nothing run on a cluster
    expect(tool('save_pipeline').fromRequest!(clauseForTool('save_pipeline', 'export it for snakemake', { artifactsAtStart: [] }))).toMatchObject({ snakefile: true });
    expect(tool('save_pipeline').fromRequest!(clauseForTool('save_pipeline', 'save this, then cluster the cells by shape', { artifactsAtStart: [] }))).not.toHaveProperty('snakefile');
    const smk = await runStep(session, ALL_TOOLS, 'save_pipeline', { name: 'seg-smk', snakefile: true });
    expect(smk.status).toBe('ok');
    expect(smk.summary).toMatch(/Snakefile[^]*snakemake -s [^]*nothing was run on a cluster/);
    expect(readFileSync(String(smk.values.snakefile), 'utf8')).toMatch(/PIPELINE = "[^"]*seg-smk\.yaml"[^]*rule run_pipeline:/);

    writeFileSync(join(root, 'pipelines', 'broken.yaml'), 'name: broken\ninputs: {movie: {type: movie}}\nsteps:\n  - {id: a, tool: segment, args: {movie: "${inputs.movie}", method: magic}}\n');
    const broken = await runStep(session, ALL_TOOLS, 'run_pipeline', { pipeline: 'broken', movie: join(root, 'b.tif') });
    expect(broken.status).toBe('error');
    expect(broken.error).toMatch(/argument "method" must be one of/);
  });
});
