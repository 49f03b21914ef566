// The evaluation suites: their coverage of the tools and uses, and how they are dealt to the
// test files that run them (evals-part-N.test.ts, whose last part judges the GATE of
// evalParts.ts on every part's scores); the checks an eval case can make are tested on
// hand-made outcomes.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { checkTurn, checkValue, differenceKind, loadSuites, removed, runCase, runSuites, standInValues, suiteSchema } from '../../src/agent/evals.ts';
import type { StepOutcome } from '../../src/agent/executor.ts';
import { defineTool, type ToolSpec } from '../../tools/types.ts';
import { dealFiles, EVAL_PARTS, EVALS, estimatedCost, EXECUTED_CASE_COST, EXECUTED_TUNED_SHARE, filesOfPart, GATE, gatedCase, gatedSuiteFiles, partScores, PLAN_ONLY_TUNED_SHARE, suiteFiles } from './evalParts.ts';

describe('evaluation suites (offline planner)', () => {
  const suites = loadSuites(EVALS);

  it('has at least 150 tuned cases covering every tool and the four uses, and a held-out part', () => {
    const cases = suites.filter((s) => !s.heldout).flatMap((s) => s.cases);
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const expected = new Set([...JSON.stringify(suites).matchAll(/"tool":"([^"]+)"/g)].flatMap((m) => m[1].split('|')));
    const missing = ALL_TOOLS.map((t) => t.name).filter((name) => !expected.has(name));
    expect(missing, 'tools no eval case calls').toEqual([]);
    for (const use of ['analysis', 'pipeline', 'acquisition', 'follow-up']) expect(cases.some((c) => c.use === use)).toBe(true);
    const heldout = suites.filter((s) => s.heldout);
    expect(heldout.every((s) => s.path.includes('heldout')), 'held-out suites live in evals/heldout/').toBe(true);
    expect(heldout.flatMap((s) => s.cases).length).toBeGreaterThanOrEqual(GATE.heldoutMinCases);
  });

  it('every suite file but the -check companions runs in exactly one part, and every part has its test file', () => {
    const dealt = Array.from({ length: EVAL_PARTS }, (_, i) => filesOfPart(i + 1)).flat();
    expect(dealt.sort()).toEqual(gatedSuiteFiles());
    expect(suiteFiles().filter((f) => !gatedSuiteFiles().includes(f)).every((f) => f.endsWith('-check.yaml')), 'only -check files are left out').toBe(true);
    expect(gatedSuiteFiles().some((f) => f.endsWith('-check.yaml'))).toBe(false);
    expect(suites.map((s) => s.path).sort()).toEqual(suiteFiles());
    for (let part = 1; part <= EVAL_PARTS; part++) expect(existsSync(fileURLToPath(new URL(`./evals-part-${part}.test.ts`, import.meta.url))), `evals-part-${part}.test.ts`).toBe(true);
    expect(existsSync(fileURLToPath(new URL(`./evals-part-${EVAL_PARTS + 1}.test.ts`, import.meta.url))), 'a part file beyond EVAL_PARTS runs nothing').toBe(false);
  });

  it('estimates a file by its cases, each by the share of its kind that runs, and deals the costliest first to the lightest part', () => {
    const planOnly = 'suite: a\ncases:\n  - id: one\n    turns: [x]\n  - id: two\n    turns: [y]\n';
    const oneExecuted = 'suite: b\ncases:\n  - id: one\n    execute: true\n    turns: [x]\n  - id: two\n    turns: [y]\n';
    const allExecuted = 'suite: c\nexecute: true\ncases:\n  - id: one\n    turns: [x]\n  - id: two\n    turns: [y]\n';
    // (npm test runs PLAN_ONLY_TUNED_SHARE of the tuned plan-only cases and every held-out one)
    expect(estimatedCost(planOnly)).toBe(Math.max(1, 2 * PLAN_ONLY_TUNED_SHARE));
    expect(estimatedCost(`heldout: true\n${planOnly}`)).toBe(2);
    // (npm test runs EXECUTED_TUNED_SHARE of the executed cases: one costs that share of EXECUTED_CASE_COST plan-only ones)
    expect(estimatedCost(oneExecuted)).toBeCloseTo(PLAN_ONLY_TUNED_SHARE + EXECUTED_CASE_COST * EXECUTED_TUNED_SHARE, 9);
    expect(estimatedCost(allExecuted)).toBeCloseTo(Math.max(1, 2 * EXECUTED_CASE_COST * EXECUTED_TUNED_SHARE), 9);
    expect(estimatedCost('suite: e\n'), 'a file whose cases are not found still costs something').toBe(1);
    // cases written as flow YAML or JSON count the same
    expect(estimatedCost('suite: d\ncases:\n  - {"id": "one", "execute": true, "turns": ["x"]}\n  - { id: two, turns: [y] }\n')).toBe(estimatedCost(oneExecuted));
    const files = [{ path: 'a', cost: 5 }, { path: 'b', cost: 4 }, { path: 'c', cost: 3 }, { path: 'd', cost: 2 }, { path: 'e', cost: 2 }];
    expect(dealFiles(files, 2)).toEqual([['a', 'd', 'e'], ['b', 'c']]);
    expect(dealFiles(files, 2).flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('runs every held-out case, and a fixed share of the plan-only and of the executed tuned ones chosen by name', () => {
    const tuned = suites.filter((s) => !s.heldout);
    const kind = (executed: boolean) => tuned.flatMap((s) => s.cases.filter((c) => Boolean(c.execute ?? s.execute) === executed).map((c) => ({ c, s })));
    for (const [cases, share] of [[kind(true), EXECUTED_TUNED_SHARE], [kind(false), PLAN_ONLY_TUNED_SHARE]] as const) {
      const run = cases.filter(({ c, s }) => gatedCase(c, s));
      expect(run.length / cases.length).toBeGreaterThan(share - 0.05);
      expect(run.length / cases.length).toBeLessThan(share + 0.05);
      // the same cases every run: by name, never by chance or by outcome
      expect(cases.filter(({ c, s }) => gatedCase(c, s)).map(({ c }) => c.id)).toEqual(run.map(({ c }) => c.id));
    }
    expect(suites.filter((s) => s.heldout).every((s) => s.cases.every((c) => gatedCase(c, s))), 'held-out cases all run').toBe(true);
  });

  it('prints the failures of tuned files only: never those of held-out files or of -check companions', () => {
    const suite = (name: string, heldout = false) => ({ suite: name, path: `${name}.yaml`, heldout, passed: 0, total: 1, passRate: 0 });
    const failed = (name: string) => ({ suite: name, id: 'x', pass: false, differences: ['wrong'] });
    const report = { suites: [suite('tuning-a'), suite('tuning-a-check'), suite('people', true)], cases: [failed('tuning-a'), failed('tuning-a-check'), failed('people')] };
    expect(partScores(report as unknown as Parameters<typeof partScores>[0]).failures).toEqual(['  tuning-a/x: wrong']);
  });
});

describe('eval checks', () => {
  const call = (tool: string, args: Record<string, unknown> = {}, status: StepOutcome['status'] = 'ok'): StepOutcome => ({
    stepId: 's', tool, args, status, summary: '', artifacts: [], values: {}, durationMs: 0,
  });
  const turn = (calls: StepOutcome[], answer = 'Done.') => ({ calls, answer, status: 'ok' });

  it('plan-only stand-in values are the typical values a tool declares for its results (so answers find their units)', () => {
    const measure = ALL_TOOLS.find((t) => t.name === 'measure')!;
    const values = standInValues(measure);
    expect(Object.keys(values).length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(values)) expect(measure.results?.[key]?.example, key).toBe(value);
    // a result without a typical value stands in for nothing
    expect(standInValues({ ...measure, results: { objects: { about: 'objects', unit: '' } } })).toEqual({});
  });

  it('checks argument predicates', () => {
    expect(checkValue(5, { $between: [1, 8] })).toBeUndefined();
    expect(checkValue(15.9, { $between: [1, 8] })).toBe('expected between [1,8], got 15.9');
    expect(checkValue('Every 10 seconds', { $matches: 'every 10 s' })).toBeUndefined();
    expect(checkValue({ first: 1, last: 3 }, { first: 1, last: 3 })).toBeUndefined();
    expect(checkValue(undefined, { $absent: true })).toBeUndefined();
    expect(checkValue('GFP', 'gfp')).toBeUndefined();
    expect(checkValue('li', { $in: ['otsu', 'triangle'] })).toMatch(/expected in/);
  });

  it('forbid: names a forbidden tool that was called', () => {
    expect(checkTurn({ forbid: ['track'] }, turn([call('segment')]))).toEqual([]);
    expect(checkTurn({ forbid: ['track'] }, turn([call('segment'), call('track')]))).toEqual(['expected no track call, got [segment, track]']);
  });

  it('names the kind of each failing check, so held-out files are counted by kind without being read', () => {
    const calls = [call('correct_drift'), call('segment', { method: 'li' })];
    const kindsOf = (expectation: Parameters<typeof checkTurn>[0], outcome = turn(calls)) => checkTurn(expectation, outcome).map(differenceKind);
    expect(kindsOf({ calls: [{ tool: 'track' }] })).toEqual(['wrong or missing tool']);
    expect(kindsOf({ calls_include: [{ tool: 'track' }] })).toEqual(['wrong or missing tool']);
    expect(kindsOf({ args: { segment: { method: 'otsu' } } })).toEqual(['wrong argument value']);
    expect(kindsOf({ calls: [{ tool: 'correct_drift' }, { tool: 'segment', args: { method: 'otsu' } }] })).toEqual(['wrong argument value']);
    expect(kindsOf({ forbid: ['segment'] })).toEqual(['called a forbidden tool']);
    expect(kindsOf({ no_calls: true })).toEqual(['called a tool where none was wanted']);
    expect(kindsOf({ answer_has_unit: true })).toEqual(['answer without a unit']);
    expect(kindsOf({ answer_contains: 'Otsu' })).toEqual(['answer text']);
    expect(kindsOf({ answer_mentions: ['edge'] })).toEqual(['answer does not name a dropped part']);
    expect(differenceKind('turn 2: expected no track call, got [track]')).toBe('called a forbidden tool');
    expect(differenceKind('the case could not run: no movie')).toBe('the turn failed');
    expect(kindsOf({ calls: [{ tool: 'segment' }, { tool: 'correct_drift' }] })).toEqual(['the wanted tools in another order']);
    expect(kindsOf({ calls: [{ tool: 'segment' }] })).toEqual(['the wanted tools and others beside them']);
    expect(kindsOf({ calls: [{ tool: 'segment' }] }, turn([]))).toEqual(['no tool ran where one was wanted']);
    expect(kindsOf({ calls_include: [{ tool: 'segment' }, { tool: 'correct_drift' }] })).toEqual(['the wanted tools in another order']);
  });

  it('calls: [] means nothing ran', () => {
    expect(checkTurn({ calls: [] }, turn([]))).toEqual([]);
    expect(checkTurn({ calls: [] }, turn([call('segment')]))[0]).toMatch(/expected calls \[\], got \[segment\]/);
  });

  it('args: some call of the tool has the values, wherever it comes', () => {
    const calls = [call('correct_drift'), call('segment', { method: 'li', channel: 2 })];
    expect(checkTurn({ args: { segment: { method: 'li' } } }, turn(calls))).toEqual([]);
    expect(checkTurn({ args: { segment: { method: 'otsu' } } }, turn(calls))).toEqual(['call segment.method: expected "otsu", got "li"']);
    expect(checkTurn({ args: { track: { method: 'lap' } } }, turn(calls))[0]).toMatch(/expected a track call/);
  });

  it("an argument left out passes when the tool's default is the value wanted", () => {
    const thresholder = defineTool({
      name: 'threshold', description: 'test tool', schema: z.object({ movie: z.string(), method: z.enum(['otsu', 'li']).default('otsu') }),
      run: async () => ({ summary: '', artifacts: [], values: {} }),
    }) as unknown as ToolSpec;
    const omitted = turn([call('threshold', { movie: 'movie-1' })]);
    expect(checkTurn({ calls: [{ tool: 'threshold', args: { method: 'otsu' } }] }, omitted, [thresholder])).toEqual([]);
    expect(checkTurn({ calls: [{ tool: 'threshold', args: { method: 'li' } }] }, omitted, [thresholder])).toEqual(['call 1 threshold.method: expected "li", got nothing']);
  });

  it('mentions: words or values anywhere in the arguments, plain words or typed data alike; alternatives in a list', () => {
    const typed = turn([call('adjust_acquisition', { changes: [{ kind: 'dropChannel', channel: 'DAPI' }] })]);
    const words = turn([call('adjust_acquisition', { command: 'turn off the dapi channel' })]);
    for (const t of [typed, words]) expect(checkTurn({ calls: [{ tool: 'adjust_acquisition', mentions: ['DAPI'] }] }, t)).toEqual([]);
    expect(checkTurn({ calls: [{ tool: 'adjust_acquisition', mentions: [['GFP', 'FITC']] }] }, typed)[0]).toMatch(/do not mention "GFP\|FITC"/);
    // numbers match whole: 40 is in "40x" but not in 140
    expect(checkTurn({ calls: [{ tool: 'move_stage', mentions: [40] }] }, turn([call('move_stage', { objective: '40X' })]))).toEqual([]);
    expect(checkTurn({ calls: [{ tool: 'move_stage', mentions: [40] }] }, turn([call('move_stage', { xUm: 140 })]))).toHaveLength(1);
  });

  it('a tool name "a|b" accepts either tool', () => {
    expect(checkTurn({ calls: [{ tool: 'dose_report|microscope_status' }] }, turn([call('microscope_status')]))).toEqual([]);
    expect(checkTurn({ calls: [{ tool: 'dose_report|microscope_status' }] }, turn([call('snap')]))).toHaveLength(1);
  });

  it('answer_has_unit: a number quoted with its unit', () => {
    for (const answer of ['Mean speed: 0.81 µm/min.', 'Mean area 152.3 px² (no calibration known).', 'Mean area (µm²) = 31.2', 'It lasts 40 frames.']) {
      expect(checkTurn({ answer_has_unit: true }, turn([], answer)), answer).toEqual([]);
    }
    for (const answer of ['Mean speed = 0.3611 (from measure).', 'Objects = 460.']) {
      expect(checkTurn({ answer_has_unit: true }, turn([], answer)), answer).toHaveLength(1);
    }
  });

  it('answer_mentions: the answer names each word (or one of the alternatives)', () => {
    const answer = 'I used Otsu; excluding edge objects is not an option of segment.';
    expect(checkTurn({ answer_mentions: ['otsu', ['border', 'edge']] }, turn([], answer))).toEqual([]);
    expect(checkTurn({ answer_mentions: ['stardist'] }, turn([], 'Done: segment → labels-1.'))).toEqual(['answer does not name "stardist": Done: segment → labels-1.']);
  });
});

describe('case folders', () => {
  const savedTmp = process.env.TMPDIR;
  let tmp = '';
  beforeEach(() => {
    // each case makes its folder under os.tmpdir(), which reads TMPDIR
    tmp = mkdtempSync(join(tmpdir(), 'eval-folders-'));
    process.env.TMPDIR = tmp;
  });
  afterEach(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    rmSync(tmp, { recursive: true, force: true });
  });
  const suite = { ...suiteSchema.parse({ suite: 'folders', cases: [{ id: 'one', turns: ['segment the nuclei'] }, { id: 'two', turns: ['track the cells'] }] }), path: '/tmp/folders.yaml' };

  it('a run of suites returns with every case folder removed', async () => {
    const report = await runSuites([suite], { model: 'offline', tools: ALL_TOOLS });
    expect(report.total).toBe(2);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('a case given a list of removals leaves its folder to it, and removed() waits until it is gone', async () => {
    const removals: Promise<Error | undefined>[] = [];
    await runCase(suite.cases[0], suite, { model: 'offline', tools: ALL_TOOLS, removals });
    expect(removals).toHaveLength(1);
    await removed(removals);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('a case alone removes its folder before it returns', async () => {
    await runCase(suite.cases[0], suite, { model: 'offline', tools: ALL_TOOLS });
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('an executed case that starts an acquisition ends it before its folder is removed, and nothing is written there after', async () => {
    const acquiring = { ...suiteSchema.parse({ suite: 'acquiring', execute: true, cases: [{ id: 'start', turns: ['image gfp every 0.5 s for 1 min'], expect: { calls: [{ tool: 'start_acquisition' }] } }] }), path: '/tmp/acquiring.yaml' };
    const result = await runCase(acquiring.cases[0], acquiring, { model: 'offline', tools: ALL_TOOLS });
    expect(result.differences).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
    // (a time point later, an acquisition left running would have written into the folder again, or failed to)
    await new Promise((r) => setTimeout(r, 1200));
    expect(readdirSync(tmp)).toEqual([]);
  }, 30_000);

  it('removed() throws the error of a removal that failed', async () => {
    const failure = new Error('EBUSY: /tmp/x');
    await expect(removed([Promise.resolve(undefined), Promise.resolve(failure)])).rejects.toBe(failure);
  });
});
