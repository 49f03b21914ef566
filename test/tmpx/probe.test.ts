import { beforeAll, test } from 'vitest';
import { plan, loadAcquisitionWords } from '../agent/planner/planOffline.ts';
beforeAll(loadAcquisitionWords);
const qs = (process.env.QS ?? '').split('|').filter(Boolean);
test('probe', () => {
  for (const q of qs) {
    const p = plan(q);
    console.log(`=== ${q}\n  ${p.steps.map((s) => `${s.tool} ${JSON.stringify(s.args)}${(s as any).onlyIf ? ' onlyIf=' + (s as any).onlyIf : ''}`).join('\n  ')}\n  notes: ${(p.notes ?? []).join(' / ')}\n  reply: ${p.reply ?? ''}`);
  }
});
