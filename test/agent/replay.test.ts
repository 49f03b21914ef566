// Undo and change: "use Li instead" runs the segmentation again and every step built on
// it, rewired to the new results; old artifacts stay addressable; "undo" sets aside a step
// and what was built on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runStep } from '../../src/agent/executor.ts';
import { Session } from '../../src/agent/session.ts';
import { downstreamOf, liveSteps } from '../../src/agent/replay.ts';
import { writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rerun_step and undo', () => {
  it('reruns a step with changed arguments and its downstream steps, and undoes steps', async () => {
    await writeMovie(join(dir, 'movie.tif'), simulate({ frames: 4, width: 64, height: 64, cells: 5, seed: 31, divisionRate: 0 }).movie);
    const session = Session.create({ root: dir, id: 'replay' });
    const run = async (name: string, args: Record<string, unknown>) => {
      const outcome = await runStep(session, ALL_TOOLS, name, args);
      expect(outcome.status, outcome.error).toBe('ok');
      return outcome;
    };
    const movie = session.addInput('movie', join(dir, 'movie.tif')).id;
    const segmented = await run('segment', { movie, method: 'otsu' });
    const labels = segmented.artifacts[0].id;
    await run('project', { movie }); // a side branch: not downstream of the segmentation
    const tracked = await run('track', { labels });
    const tracks = tracked.artifacts[0].id;
    const measured = await run('measure', { kind: 'tracks', tracks });
    const steps = liveSteps(session);
    expect(downstreamOf(steps, steps.find((s) => s.step === segmented.stepId)!).map((s) => s.tool)).toEqual(['segment', 'track', 'measure']);

    const rerun = await run('rerun_step', { tool: 'segment', changes: { method: 'li' } });
    const replaced = rerun.values.replaced as { old: string; new: string; tool: string; compared?: { name: string; before: unknown; after: unknown }[] }[];
    // each step run again is compared with the one it replaced, from the two records: the method as it ran, the counts
    const before = session.provenance.read().find((r) => r.step === segmented.stepId)!.values!;
    const after = session.provenance.read().find((r) => r.step === replaced[0].new)!.values!;
    expect(replaced[0].compared).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'method', before: 'otsu', after: 'li' }),
      expect.objectContaining({ name: 'objects', before: before.objects, after: after.objects }),
    ]));
    expect(rerun.summary).toContain(`Compared with ${segmented.stepId} (segment): method: otsu → li`);
    // (in the words segment declares for its count)
    const objectsAbout = ALL_TOOLS.find((t) => t.name === 'segment')?.results?.objects?.about;
    expect(rerun.summary).toContain(`${before.objects} → ${after.objects} ${objectsAbout}`);
    expect(replaced[1].compared?.map((c) => c.name)).toContain('tracks');
    expect(replaced.map((r) => r.tool)).toEqual(['segment', 'track', 'measure']);
    const map = rerun.values.artifacts as Record<string, string>;
    expect(Object.keys(map).sort()).toEqual([labels, tracks, measured.artifacts[0].id].sort());
    // the new steps ran with the change, wired to the new results
    const records = session.provenance.read();
    const newSegment = records.find((r) => r.step === replaced[0].new)!;
    expect(newSegment.args).toMatchObject({ movie, method: 'li' });
    expect(records.find((r) => r.step === replaced[1].new)!.args).toMatchObject({ labels: map[labels] });
    expect(records.find((r) => r.step === replaced[2].new)!.args).toMatchObject({ tracks: map[tracks] });
    // old artifacts stay addressable, but listings (and so "the labels") give the new ones
    expect(session.store.get(labels)).toBeDefined();
    expect(() => session.context().resolve(labels)).not.toThrow();
    expect(session.store.list().map((a) => a.id)).not.toContain(labels);
    expect(session.store.list().map((a) => a.id)).toContain(map[labels]);
    expect(session.meta.replacedSteps).toMatchObject({ [segmented.stepId]: replaced[0].new });

    // a question and a calibration since are not steps to undo: "undo" reaches the measurement of the new tracks
    await run('help', { question: 'which tracker?' });
    await run('set_calibration', { pixelSizeUm: 0.5 });
    // undo the measurement of the new tracks: the tracks stay, the table is set aside
    const undone = await run('undo', {});
    expect(undone.values).toMatchObject({ undone: [replaced[2].new], artifacts: [map[measured.artifacts[0].id]] });
    // a resumed session remembers what was undone and replaced
    const resumed = Session.open('replay', { root: dir });
    expect(resumed.store.list().map((a) => a.id)).not.toContain(map[measured.artifacts[0].id]);
    expect(liveSteps(resumed).map((s) => s.tool)).toEqual(['project', 'segment', 'track', 'rerun_step', 'help', 'set_calibration', 'undo']);
  }, 60000);

  it('says which step cannot be found', async () => {
    const session = Session.create({ root: dir, id: 'empty' });
    const outcome = await runStep(session, ALL_TOOLS, 'rerun_step', { tool: 'track', changes: { maxLinkingDistancePx: 10 } });
    expect(outcome.error).toMatch(/no track step in this session/);
  });
});
