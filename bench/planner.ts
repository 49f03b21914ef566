// The offline planner's latency: one planner turn (a request → its plan) over every
// request of the tuned eval suites (held-out files are not read), median and 95th
// percentile. Goal (issue 11): a planner turn under 50 ms.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { ALL_TOOLS } from '../src/agent/allTools.ts';
import { catalogueFromBoundTools } from '../src/agent/planner/catalogue.ts';
import { loadMicroscopeLanguage } from '../src/agent/planner/microscopeLanguage.ts';
import { planRequest } from '../src/agent/planner/planner.ts';
import { toolJsonSchema } from '../tools/jsonSchema.ts';
import { summaryRow } from './_harness.ts';

const evals = fileURLToPath(new URL('../evals/', import.meta.url));
const requests: string[] = [];
for (const file of readdirSync(evals).filter((f) => f.endsWith('.yaml') && !f.startsWith('heldout'))) {
  const suite = YAML.parse(readFileSync(evals + file, 'utf8')) as { heldout?: boolean; cases: { turns: (string | { say: string })[] }[] };
  if (suite.heldout) continue;
  for (const c of suite.cases) for (const t of c.turns) requests.push(typeof t === 'string' ? t : t.say);
}
await loadMicroscopeLanguage();
const catalogue = catalogueFromBoundTools(ALL_TOOLS.map((t) => ({ name: t.name, description: t.description, schema: toolJsonSchema(t) })));
const conversation = (request: string) => ({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie', producedBy: 'user' }], earlier: [], current: [], earlierRequests: [] });
for (const r of requests.slice(0, 20)) planRequest(conversation(r), catalogue); // warm-up
const times: number[] = [];
// (the planner keeps what it read of a text: the first round is a request never seen, the later ones a re-plan of the same turn)
const firstSeen: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const r of requests) {
    const start = performance.now();
    planRequest(conversation(r), catalogue);
    times.push(performance.now() - start);
    if (round === 0) firstSeen.push(times.at(-1)!);
  }
}
firstSeen.sort((a, b) => a - b);
console.log(`planner, first time each request is seen: median ${firstSeen[Math.floor(firstSeen.length / 2)].toFixed(2)} ms, p95 ${firstSeen[Math.floor(firstSeen.length * 0.95)].toFixed(2)} ms, max ${firstSeen.at(-1)!.toFixed(1)} ms`);
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const p95 = times[Math.floor(times.length * 0.95)];
const max = times.at(-1)!;
console.log(`planner: ${requests.length} requests x 3: median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${max.toFixed(1)} ms per turn`);
summaryRow({ work: `planner turn (${requests.length} eval requests)`, ours: `${median.toFixed(2)} ms median, ${p95.toFixed(2)} ms p95`, peer: '-', ratio: null, goal: '< 50 ms', load: 0 });
