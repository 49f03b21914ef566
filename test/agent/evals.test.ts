// The evaluation suites as a test: the offline planner must pass at least 95% of the
// tuned cases; the held-out part is run and reported, not tuned against.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../tools/index.ts';
import { checkValue, loadSuites, runSuites } from '../../src/agent/evals.ts';

const EVALS = fileURLToPath(new URL('../../evals', import.meta.url));

describe('evaluation suites (offline planner)', () => {
  it('has at least 150 cases covering every tool and the four uses', () => {
    const suites = loadSuites(EVALS);
    const cases = suites.flatMap((s) => s.cases);
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const text = JSON.stringify(suites);
    const missing = ALL_TOOLS.map((t) => t.name).filter((name) => !text.includes(`"tool":"${name}"`));
    expect(missing, 'tools no eval case calls').toEqual([]);
    for (const use of ['analysis', 'pipeline', 'acquisition', 'follow-up']) expect(cases.some((c) => c.use === use)).toBe(true);
  });

  it('passes >= 95% of the tuned cases; reports the held-out rate separately', async () => {
    const report = await runSuites(loadSuites(EVALS), { model: 'offline', tools: ALL_TOOLS });
    const failures = report.cases.filter((c) => !c.pass).map((c) => `${c.suite}/${c.id}: ${c.differences.join('; ')}`);
    console.log(
      `eval: tuned ${report.tuned.passed}/${report.tuned.total} (${(100 * report.tuned.passRate).toFixed(1)}%), ` +
        `held-out ${report.heldout.passed}/${report.heldout.total} (${(100 * report.heldout.passRate).toFixed(1)}%), ` +
        `mean ${report.meanTurnMs.toFixed(1)} ms per turn\n${failures.join('\n')}`,
    );
    expect(report.tuned.passRate).toBeGreaterThanOrEqual(0.95);
    expect(report.heldout.total).toBeGreaterThanOrEqual(30);
  }, 120_000);

  it('checks argument predicates', () => {
    expect(checkValue(5, { $between: [1, 8] })).toBeUndefined();
    expect(checkValue(15.9, { $between: [1, 8] })).toBe('expected between [1,8], got 15.9');
    expect(checkValue('Every 10 seconds', { $matches: 'every 10 s' })).toBeUndefined();
    expect(checkValue({ first: 1, last: 3 }, { first: 1, last: 3 })).toBeUndefined();
    expect(checkValue(undefined, { $absent: true })).toBeUndefined();
    expect(checkValue('GFP', 'gfp')).toBeUndefined();
    expect(checkValue('li', { $in: ['otsu', 'triangle'] })).toMatch(/expected in/);
  });
});
