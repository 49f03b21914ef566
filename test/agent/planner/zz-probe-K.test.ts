import { beforeAll, it } from 'vitest';
import { loadAcquisitionWords, plan, said, movieAndLabels } from './planOffline.ts';
import { readFileSync } from 'node:fs';
beforeAll(async () => { await loadAcquisitionWords(); });
it('probe', () => {
  const lines = readFileSync('/tmp/k53/probe.txt', 'utf8').split('\n').filter(Boolean);
  for (const l of lines) {
    const p = plan(l, movieAndLabels);
    console.log('\n>> ' + l + '\n   ' + p.steps.map((s) => `${s.tool}(${JSON.stringify(s.args)}) [${s.clause}]`).join(' | ') + '\n   SAID: ' + said(l, movieAndLabels));
  }
});
