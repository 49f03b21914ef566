// Wording robustness: every passing case of the tuned eval files is run again with its turns
// reworded by one perturbation family at a time (planner/perturbations.ts), and the plan (tools
// called and their arguments) and the verdict must stay the same. Held-out and -check files are
// never perturbed (they are measured, never read). Cases that ran nothing (out of scope, a
// reply) must run nothing under a rewording too: a typo must not make a match out of nothing.
import type { ToolSpec } from '../../tools/types.ts';
import { type CaseResult, type EvalCase, type EvalSuite, removed, runCase } from './evals.ts';
import { FixtureMovies } from './fixtureMovies.ts';
import { createChatModel } from './models.ts';
import { mulberry32 } from '../random.ts';
import { PERTURBATION_FAMILIES, type PerturbationFamily, perturb, seedOf } from './planner/perturbations.ts';

/** How one family fared over the cases it could reword. */
export interface FamilyScore {
  family: PerturbationFamily;
  /** Passing cases the family had something to change in. */
  applicable: number;
  /** Of those, the same plan and still passing. */
  kept: number;
  /** Cases that ran nothing before and ran something once reworded (a match out of nothing). */
  gainedCalls: number;
  /** Cases that ran nothing before (out of scope, a reply): the denominator of gainedCalls. */
  ranNothing: number;
}

/** One reworded case whose plan or verdict changed (tuned files only). */
export interface BrokenRewording {
  suite: string;
  id: string;
  family: PerturbationFamily;
  turns: string[];
  /** What changed: the differences of the eval's checks, or the plan before and after. */
  why: string[];
}

export interface PerturbationReport {
  /** Passing cases perturbed (after sampling). */
  cases: number;
  /** Cases of the files that did not pass as written (not perturbed). */
  failingBefore: number;
  families: FamilyScore[];
  broken: BrokenRewording[];
}

export interface PerturbationOptions {
  tools: ToolSpec[];
  model?: string;
  /** Only these families (all by default). */
  families?: readonly PerturbationFamily[];
  /** At most this many cases, drawn with a fixed seed over all the files' cases (all by default). */
  sample?: number;
  /** Called after each case with its index and the number of cases, for progress. */
  onCase?: (done: number, total: number) => void;
}

/** Is this a file whose cases may be read and reworded (not held-out, not a -check companion)? */
export function isTunedSuite(suite: EvalSuite): boolean {
  return !suite.heldout && !suite.suite.endsWith('-check') && !/-check\.ya?ml$/.test(suite.path);
}

/** A string argument of four words or more is free text (a command, a title): it may echo the wording, so it is not compared. */
function canonical(value: unknown): unknown {
  if (typeof value === 'string') return value.trim().split(/\s+/).length >= 4 ? '<text>' : value.toLowerCase().replace(/[^\p{L}\d.]+/gu, '');
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  return value;
}

/** The plan of a run: per turn, each call's tool and arguments, as compared. */
export function planOf(result: CaseResult): string {
  return JSON.stringify(result.calls.map((turn) => turn.map((c) => [c.name, canonical(c.args)])));
}

function turnsOf(evalCase: EvalCase): string[] {
  return evalCase.turns.map((t) => (typeof t === 'string' ? t : t.say));
}

/** The case with each turn reworded by the family (undefined when no turn has anything to change). */
export function reworded(evalCase: EvalCase, suite: EvalSuite, family: PerturbationFamily): EvalCase | undefined {
  let changed = false;
  const turns = evalCase.turns.map((t, i) => {
    const say = typeof t === 'string' ? t : t.say;
    const out = perturb(say, family, seedOf(`${suite.suite}/${evalCase.id}/${family}/${i}`));
    if (out === undefined) return t;
    changed = true;
    return typeof t === 'string' ? out : { ...t, say: out };
  });
  return changed ? { ...evalCase, turns } : undefined;
}

function sampled<T>(items: T[], n: number | undefined): T[] {
  if (n === undefined || n >= items.length) return items;
  const random = mulberry32(20261203);
  const order = items.map((item) => ({ item, key: random() }));
  return order.sort((a, b) => a.key - b.key).slice(0, n).map((o) => o.item);
}

/** Runs the tuned suites' passing cases under each family; held-out and -check suites are skipped. */
export async function perturbationKeepRates(suites: EvalSuite[], options: PerturbationOptions): Promise<PerturbationReport> {
  const families = options.families ?? PERTURBATION_FAMILIES;
  const all = suites.filter(isTunedSuite).flatMap((suite) => suite.cases.filter((c) => !(c.execute ?? suite.execute)).map((c) => ({ suite, c })));
  const chosen = sampled(all, options.sample);
  const fixtures = new FixtureMovies();
  const chat = await createChatModel(options.model);
  const removals: Promise<Error | undefined>[] = [];
  const run = { tools: options.tools, model: options.model, chat, fixtures, removals };
  const scores = new Map(families.map((f) => [f, { family: f, applicable: 0, kept: 0, gainedCalls: 0, ranNothing: 0 } as FamilyScore]));
  const broken: BrokenRewording[] = [];
  let cases = 0;
  let failingBefore = 0;
  try {
    for (const [k, { suite, c }] of chosen.entries()) {
      const before = await runCase(c, suite, run);
      if (before.skipped) continue;
      if (!before.pass) {
        failingBefore++;
        continue;
      }
      cases++;
      const plan = planOf(before);
      const ranNothing = before.calls.every((t) => t.length === 0);
      for (const family of families) {
        const variant = reworded(c, suite, family);
        if (!variant) continue;
        const score = scores.get(family)!;
        score.applicable++;
        if (ranNothing) score.ranNothing++;
        const after = await runCase(variant, suite, run);
        const same = planOf(after) === plan;
        if (same && after.pass) score.kept++;
        else broken.push({ suite: suite.suite, id: c.id, family, turns: turnsOf(variant), why: after.pass ? [`plan ${plan} became ${planOf(after)}`] : after.differences });
        if (ranNothing && after.calls.some((t) => t.length > 0)) score.gainedCalls++;
      }
      options.onCase?.(k + 1, chosen.length);
      // let timers run between cases (a plan-only case settles in microtasks alone)
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    fixtures.dispose();
    await removed(removals);
  }
  return { cases, failingBefore, families: [...scores.values()], broken };
}
