// `cellpilot eval SUITE|DIR [--model M] [--json] [--case ID] [--only-failures]`: runs
// evaluation suites and prints per-case pass/fail with the difference, the pass rate
// (held-out part separately) and the latency.
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ALL_TOOLS } from '../agent/allTools.ts';
import { loadSuites, runSuites } from '../agent/evals.ts';
import { defaultModelName } from '../agent/models.ts';
import { InputError } from '../errors.ts';

const USAGE = 'usage: cellpilot eval <suite.yaml|dir> [--model M] [--json] [--case ID] [--failures]';

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { model: { type: 'string' }, json: { type: 'boolean' }, case: { type: 'string' }, failures: { type: 'boolean' } }, allowPositionals: true });
  } catch (err) {
    throw new InputError(`${(err as Error).message}; ${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new InputError(`name a suite file or folder (e.g. evals/); ${USAGE}`);
  const suites = positionals.flatMap((p) => loadSuites(p));
  const model = defaultModelName(values.model);
  const json = values.json === true;
  let unlisted = 0;
  const report = await runSuites(suites, {
    model,
    tools: ALL_TOOLS,
    filter: values.case ? (c) => c.id === values.case : undefined,
    onCase: (r) => {
      if (json) return;
      // held-out cases and those of a -check companion are measured, never read (as the eval gate prints them): totals only
      if (r.heldout || r.suite.endsWith('-check')) return void unlisted++;
      if (r.skipped) {
        process.stdout.write(`SKIP  ${r.suite}/${r.id}: ${r.skipped}\n`);
        return;
      }
      if (values.failures && r.pass) return;
      const mark = r.pass ? 'PASS' : 'FAIL';
      process.stdout.write(`${mark}  ${r.suite}/${r.id}${r.heldout ? ' (held-out)' : ''}  ${r.latencyMs.toFixed(0)} ms\n`);
      for (const d of r.differences) process.stdout.write(`        ${d}\n`);
    },
  });
  if (report.total === 0) throw new InputError(values.case ? `no case "${values.case}" in ${positionals.join(', ')}` : 'the suites have no cases');
  if (json) {
    process.stdout.write(JSON.stringify(report) + '\n');
  } else {
    const pct = (r: { passed: number; total: number; passRate: number }) => `${r.passed}/${r.total} (${(100 * r.passRate).toFixed(1)}%)`;
    // no case of that kind ran: no rate to give (0/0 read as 0.0%)
    const ran = (r: { passed: number; total: number; passRate: number }) => (r.total ? pct(r) : 'none run');
    if (unlisted) process.stdout.write(`\n${unlisted} case${unlisted === 1 ? '' : 's'} of held-out and -check files not listed: they are measured, never read; their totals are below\n`);
    process.stdout.write('\nper file:\n');
    for (const s of report.suites) process.stdout.write(`  ${relative(process.cwd(), s.path).padEnd(44)} ${pct(s).padStart(16)}${s.heldout ? '  held-out' : ''}\n`);
    process.stdout.write(
      `\nmodel ${model}: passed ${pct(report)}; tuned ${ran(report.tuned)}; held-out ${ran(report.heldout)}\n` +
        `planner latency per turn: mean ${report.meanTurnMs.toFixed(1)} ms, p95 ${report.p95TurnMs.toFixed(1)} ms\n`,
    );
  }
  return report.passed === report.total ? 0 : 1;
}
