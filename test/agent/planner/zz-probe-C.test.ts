import { beforeAll, it } from 'vitest';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';
const S = (process.env.PROBE ?? '').split('|||');
beforeAll(loadAcquisitionWords);
it('probe', () => {
  for (const s of S) {
    const p = asSaid.plan(s);
    console.log('>>', s, '\n   ', JSON.stringify(p.steps.map((x) => [x.tool, x.args])), '\n    notes:', JSON.stringify(p.notes), 'reply:', p.reply);
  }
});
