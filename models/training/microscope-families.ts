// The command families of test/agent/acquisitionLanguage/commandFamilies.ts swept through the
// acquisition language: counts of each verdict, per naming and per scope (node bin/run-ts.js models/training/microscope-families.ts [--list VERDICT]).
import { routeMicroscopeRequest } from '../../src/agent/acquisitionLanguage/index.ts';
import { generatedCommands, RUNNING_PLAN, verdictOf, type Verdict } from '../../test/agent/acquisitionLanguage/commandFamilies.ts';

const earlier = [{ tool: 'start_acquisition', args: { plan: RUNNING_PLAN } }];
const list = process.argv.includes('--list') ? process.argv[process.argv.indexOf('--list') + 1] : undefined;
const all = generatedCommands();
const counts = new Map<string, Map<Verdict, number>>();
const bump = (key: string, v: Verdict) => {
  const m = counts.get(key) ?? new Map<Verdict, number>();
  m.set(v, (m.get(v) ?? 0) + 1);
  counts.set(key, m);
};
for (const c of all) {
  const r = routeMicroscopeRequest(c.text, { acquisitionRunning: true, earlier }) as Parameters<typeof verdictOf>[1];
  const { verdict, why } = verdictOf(c, r);
  bump('all', verdict);
  bump(`naming ${c.naming}`, verdict);
  bump(`scope ${c.scope}`, verdict);
  bump(`kind ${c.kind}`, verdict);
  if (list && (list === verdict || list === 'all')) console.log(`${verdict.padEnd(11)} ${c.text}  ->  ${why.slice(0, 200)}`);
}
const V: Verdict[] = ['right', 'asked', 'named', 'silentDrop', 'wrongTarget', 'unrouted'];
console.log(`${all.length} commands`);
console.log('group'.padEnd(22) + V.map((v) => v.padStart(12)).join(''));
for (const [k, m] of counts) console.log(k.padEnd(22) + V.map((v) => String(m.get(v) ?? 0).padStart(12)).join(''));
