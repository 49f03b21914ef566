import { beforeAll, it } from 'vitest';
import { loadAcquisitionWords, movieAndLabels, plan } from './planOffline.ts';
beforeAll(async () => { await loadAcquisitionWords(); });
it('probe', () => {
  for (const r of (process.env.PROBE ?? '').split('|')) {
    const p = plan(r, movieAndLabels);
    console.log(JSON.stringify(r), '=>', JSON.stringify(p.steps.map((s) => [s.tool, s.args])), '|', (p.notes ?? []).join(' '), '|', p.reply ?? '');
  }
});
