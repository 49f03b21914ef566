// An argument given where its tool says it does not apply (ToolSpec.inapplicable) is named in the step's
// summary, its values and the answer, never dropped silently: "max projection with the spectrum LUT" had
// said Done with a plain max projection and no word about the LUT.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { runStep } from '../../src/agent/executor.ts';
import { inapplicableArguments } from '../../src/agent/inapplicable.ts';
import { briefAnswer } from '../../src/agent/planner/answers.ts';
import { Session } from '../../src/agent/session.ts';
import { writeMovie } from '../../src/image/index.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-inapplicable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tool = (name: string) => ALL_TOOLS.find((t) => t.name === name)!;

describe('inapplicableArguments', () => {
  it('every declared argument exists in its tool schema', () => {
    for (const t of ALL_TOOLS) for (const name of Object.keys(t.inapplicable ?? {})) expect(Object.keys(t.schema.shape), `${t.name}.${name}`).toContain(name);
  });

  it('names a value given where it does not apply, not one that applies, is absent, or equals the default', () => {
    const project = tool('project');
    expect(inapplicableArguments(project, { lut: 'spectrum' }, { method: 'max', lut: 'spectrum' })).toEqual([expect.stringMatching(/^lut \(.*temporal_color/)]);
    expect(inapplicableArguments(project, { lut: 'spectrum' }, { method: 'temporal_color', lut: 'spectrum' })).toEqual([]);
    expect(inapplicableArguments(project, {}, { method: 'max', lut: 'fire' })).toEqual([]);
    expect(inapplicableArguments(project, { lut: 'fire' }, { method: 'max', lut: 'fire' })).toEqual([]);
    expect(inapplicableArguments(tool('denoise'), { augment: true, sigmaPx: 2 }, { method: 'gaussian', augment: true, sigmaPx: 2 })).toEqual([expect.stringMatching(/^augment \(.*n2v/)]);
    expect(inapplicableArguments(tool('correct_bleach'), { backgroundIntensity: 100 }, { method: 'exponential', backgroundIntensity: 100 })).toEqual([expect.stringMatching(/^backgroundIntensity/)]);
  });

  it('a step run with one says so in its summary, its values and the answer', async () => {
    const path = join(dir, 'm.tif');
    await writeMovie(path, movieFromPlanes({ t: 3, z: 1, c: 1, y: 8, x: 8 }, 'uint16', (t) => new Uint16Array(64).fill(10 + t)));
    const session = Session.create({ root: dir, id: 'inapplicable' });
    const movie = session.addInput('movie', path).id;
    const outcome = await runStep(session, ALL_TOOLS, 'project', { movie, method: 'max', lut: 'spectrum' });
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toMatch(/Not applied: lut \(/);
    expect(outcome.values.notApplied).toHaveLength(1);
    const answer = briefAnswer([{ tool: 'project', ok: true, summary: outcome.summary, artifacts: outcome.artifacts, values: outcome.values } as never]);
    expect(answer).toMatch(/^Done: .*Not applied: lut \(/);
  });
});
