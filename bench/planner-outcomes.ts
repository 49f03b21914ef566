// The planner's outcomes, as hashes: every plan-only case of evals/ (held-out and -check files included, executed
// cases skipped) is planned offline and hashed (its tool calls, their arguments and status, and its answers, turn by
// turn). Nothing of a case's content is printed: one line per case (file name, case number, hash) and the total.
// A speed-up of the planner must leave every hash as it was:
//   node bin/run-ts.js bench/planner-outcomes.ts > before.txt   (then after the change)   diff before.txt after.txt
// An optional argument (a regular expression on the file path) runs only the files it matches.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_TOOLS } from '../src/agent/allTools.ts';
import { loadSuites, runSuites, type EvalSuite } from '../src/agent/evals.ts';

// (a time of day said, "stop at 17:30", is planned as minutes from now: each case runs on a clock that starts at the same
// 09:00 and goes on with the real one, so that its plan is the same whenever the check runs)
const FIXED_START = new Date(2026, 0, 5, 9, 0, 0).getTime();
const RealDate = Date;
let caseStarted = RealDate.now();
class CaseClock extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(CaseClock.now());
    else super(...(args as [number]));
  }
  static override now(): number {
    return FIXED_START + (RealDate.now() - caseStarted);
  }
}
globalThis.Date = CaseClock as DateConstructor;

const evals = fileURLToPath(new URL('../evals/', import.meta.url));
const only = process.argv[2] ? new RegExp(process.argv[2]) : undefined;
const files = readdirSync(evals, { recursive: true })
  .map(String)
  .filter((f) => /\.ya?ml$/.test(f) && (!only || only.test(f)))
  .sort()
  .map((f) => join(evals, f));
const suites: EvalSuite[] = files.flatMap((f) => loadSuites(f));
const numberOf = new Map<string, number>();
for (const s of suites) s.cases.forEach((c, i) => numberOf.set(`${s.path}\u0000${c.id}`, i + 1));
const pathOf = new Map(suites.map((s) => [s.suite, s.path]));

const whole = createHash('sha256');
let count = 0;
const cpu = process.cpuUsage();
caseStarted = RealDate.now();
await runSuites(suites, {
  model: 'offline',
  tools: ALL_TOOLS,
  filter: (c, s) => !(c.execute ?? s.execute),
  onCase: (r) => {
    caseStarted = RealDate.now();
    const path = pathOf.get(r.suite) ?? r.suite;
    // a case's temporary folder is named at random: it is not part of the outcome
    const text = JSON.stringify({ calls: r.calls, answers: r.answers, skipped: r.skipped ?? null }).replace(/cellpilot-eval-[A-Za-z0-9]+/g, 'cellpilot-eval-X');
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
    whole.update(hash);
    count++;
    console.log(`${basename(path)}#${numberOf.get(`${path}\u0000${r.id}`) ?? '?'} ${hash}`);
  },
});
const used = process.cpuUsage(cpu);
console.log(`total ${count} plan-only cases ${whole.digest('hex').slice(0, 16)}`);
console.error(`planner outcomes: ${count} cases, ${((used.user + used.system) / 1e6).toFixed(1)} s of CPU`);
