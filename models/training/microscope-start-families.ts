// The start and snap families of test/agent/acquisitionLanguage/commandFamilies.ts swept with nothing running
// (node bin/run-ts.js models/training/microscope-start-families.ts [--list VERDICT]).
import { routeMicroscopeRequest } from '../../src/agent/acquisitionLanguage/index.ts';
import { generatedStarts, startVerdictOf, type Verdict } from '../../test/agent/acquisitionLanguage/commandFamilies.ts';

const list = process.argv.includes('--list') ? process.argv[process.argv.indexOf('--list') + 1] : undefined;
const counts = new Map<string, Map<Verdict, number>>();
const all = generatedStarts();
for (const c of all) {
  const { verdict, why } = startVerdictOf(c, routeMicroscopeRequest(c.text, { acquisitionRunning: false }) as Parameters<typeof startVerdictOf>[1]);
  for (const key of ['all', `naming ${c.naming}`, `scope ${c.scope}`, `tool ${c.text.split(' ')[0]}`]) {
    const m = counts.get(key) ?? new Map<Verdict, number>();
    m.set(verdict, (m.get(verdict) ?? 0) + 1);
    counts.set(key, m);
  }
  if (list && (list === verdict || list === 'all')) console.log(`${verdict.padEnd(11)} ${c.text}  ->  ${why.slice(0, 200)}`);
}
const V: Verdict[] = ['right', 'asked', 'named', 'silentDrop', 'wrongTarget', 'unrouted'];
console.log(`${all.length} commands`);
console.log('group'.padEnd(22) + V.map((v) => v.padStart(12)).join(''));
for (const [k, m] of counts) console.log(k.padEnd(22) + V.map((v) => String(m.get(v) ?? 0).padStart(12)).join(''));
