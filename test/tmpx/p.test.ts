import { beforeAll, it } from 'vitest';
import { catalogue, loadAcquisitionWords, plan as planRaw } from '../agent/planner/planOffline.ts';
import { normalisedRequest } from '../../src/agent/planner/normalise.ts';
const plan = (r: string) => (process.env.RAW ? planRaw(r) : planRaw(normalisedRequest(r, catalogue)));
beforeAll(loadAcquisitionWords);
it('p', () => {
  for (const r of (process.env.REQS ?? '').split('|')) {
    const p = plan(r);
    console.log(r, '=>', JSON.stringify(p.steps.map((s) => [s.tool, s.args])), JSON.stringify(p.notes ?? p.reply ?? ''));
  }
});
