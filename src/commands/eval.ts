// `cellpilot eval SUITE|DIR [--model M] [--json] [--case ID] [--only-failures]`: runs
// evaluation suites and prints per-case pass/fail with the difference, the pass rate
// (held-out part separately) and the latency. With `--perturb [--sample N] [--family F]`: the
// tuned files' passing cases reworded (typos, spelling, case, ...) and how many keep their plan.
import { relative } from 'node:path';
import { ALL_TOOLS } from '../agent/allTools.ts';
import { differenceKind, loadSuites, runSuites } from '../agent/evals.ts';
import { defaultModelName } from '../agent/models.ts';
import { perturbationKeepRates } from '../agent/perturbedEvals.ts';
import { PERTURBATION_FAMILIES, type PerturbationFamily } from '../agent/planner/perturbations.ts';
import { InputError } from '../errors.ts';
import { parseCommandLine } from './commandLine.ts';

const USAGE = 'usage: cellpilot eval <suite.yaml|dir> [--model M] [--json] [--case ID] [--failures] [--perturb [--sample N] [--family F]]';

export const help = `options:
  --model M         offline (the built-in planner, default) or openai:<name>
  --case ID         score one case
  --failures        list only the failing cases (held-out and -check cases are never listed, only counted)
  --json            print one JSON document on stdout
  --perturb         reword every passing tuned case one family at a time and count those that keep their plan
  --sample N        with --perturb: N cases sampled per family
  --family F        with --perturb: only this family (repeat for several): ${PERTURBATION_FAMILIES.join(', ')}
`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandLine({ args: argv, options: { model: { type: 'string' }, json: { type: 'boolean' }, case: { type: 'string' }, failures: { type: 'boolean' }, perturb: { type: 'boolean' }, sample: { type: 'string' }, family: { type: 'string', multiple: true } }, allowPositionals: true }, USAGE);
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new InputError(`name a suite file or folder (e.g. evals/); ${USAGE}`);
  const suites = positionals.flatMap((p) => loadSuites(p));
  const model = defaultModelName(values.model);
  const json = values.json === true;
  if (values.perturb) return perturbed(suites, model, { json, failures: values.failures === true, sample: values.sample, families: values.family });
  let unlisted = 0;
  const unlistedFailureKinds = new Map<string, Map<string, number>>();
  const report = await runSuites(suites, {
    model,
    tools: ALL_TOOLS,
    filter: values.case ? (c) => c.id === values.case : undefined,
    onCase: (r) => {
      if (json) return;
      // held-out cases and those of a -check companion are measured, never read (as the eval gate prints them): totals only
      if (r.heldout || r.suite.endsWith('-check')) {
        const kinds = unlistedFailureKinds.get(r.suite) ?? new Map<string, number>();
        for (const kind of new Set(r.differences.map(differenceKind))) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        unlistedFailureKinds.set(r.suite, kinds);
        return void unlisted++;
      }
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
    for (const s of report.suites) {
      process.stdout.write(`  ${relative(process.cwd(), s.path).padEnd(44)} ${pct(s).padStart(16)}${s.heldout ? '  held-out' : ''}\n`);
      // unlisted files: what kind of check failed, counted per case, so a fix can aim at a mechanism without a case read
      const kinds = unlistedFailureKinds.get(s.suite);
      if (kinds?.size) process.stdout.write(`      failing cases by kind: ${[...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
    }
    process.stdout.write(
      `\nmodel ${model}: passed ${pct(report)}; tuned ${ran(report.tuned)}; held-out ${ran(report.heldout)}\n` +
        `planner latency per turn: mean ${report.meanTurnMs.toFixed(1)} ms, p95 ${report.p95TurnMs.toFixed(1)} ms\n`,
    );
  }
  return report.passed === report.total ? 0 : 1;
}

/** `--perturb`: per family, how many passing tuned cases keep their plan when reworded (held-out and -check files are skipped). */
async function perturbed(suites: ReturnType<typeof loadSuites>, model: string, options: { json: boolean; failures: boolean; sample?: string; families?: string[] }): Promise<number> {
  const sample = options.sample === undefined ? undefined : Number(options.sample);
  if (sample !== undefined && !(Number.isInteger(sample) && sample > 0)) throw new InputError(`--sample ${options.sample}: give a whole number of cases above 0`);
  const unknown = (options.families ?? []).filter((f) => !(PERTURBATION_FAMILIES as readonly string[]).includes(f));
  if (unknown.length) throw new InputError(`--family ${unknown.join(', ')}: no such family; families: ${PERTURBATION_FAMILIES.join(', ')}`);
  const report = await perturbationKeepRates(suites, {
    tools: ALL_TOOLS,
    model,
    sample,
    families: options.families as PerturbationFamily[] | undefined,
    onCase: options.json ? undefined : (done, total) => done % 50 === 0 && process.stderr.write(`  ${done}/${total} cases\n`),
  });
  if (options.json) {
    process.stdout.write(JSON.stringify(report) + '\n');
    return 0;
  }
  if (options.failures) {
    // grouped by family, in the families' order, so one cause's rewordings are read together
    const order = (b: (typeof report.broken)[number]) => PERTURBATION_FAMILIES.indexOf(b.family);
    for (const b of [...report.broken].sort((x, y) => order(x) - order(y))) {
      process.stdout.write(`BROKEN ${b.family}  ${b.suite}/${b.id}\n`);
      for (const t of b.turns) process.stdout.write(`        > ${t}\n`);
      for (const d of b.why) process.stdout.write(`        ${d}\n`);
    }
  }
  process.stdout.write(`\n${report.cases} passing cases of tuned files reworded (${report.failingBefore} failing as written, not reworded); held-out and -check files are never reworded\n`);
  process.stdout.write(`${'family'.padEnd(14)}${'kept'.padStart(16)}  ran nothing -> ran something\n`);
  for (const f of report.families) {
    const rate = f.applicable ? `${f.kept}/${f.applicable} (${((100 * f.kept) / f.applicable).toFixed(1)}%)` : 'not applicable';
    process.stdout.write(`${f.family.padEnd(14)}${rate.padStart(16)}  ${f.gainedCalls}/${f.ranNothing}\n`);
  }
  return 0;
}
