import { beforeAll, it } from 'vitest';
import { plan, loadAcquisitionWords } from '../agent/planner/planOffline.ts';
beforeAll(loadAcquisitionWords);
const reqs = ["track, and throw away tracks shorter than 5 frames", "track, keep only tracks spanning at least 20 frames", "Cells were tracked with the LAP tracker and tracks shorter than 10 frames were excluded.", "track, then throw away tracks shorter than 5 frames", "track the cells and only keep tracks longer than 10 frames", "how many tracks are longer than 4 frames?", "how many tracks are there if I ignore those shorter than 3 frames?", "track the cells over the first 10 frames", "track the cells but only in frames 10 to 30 and ignore tracks shorter than 5 frames"];
it('probe', () => {
  for (const r of reqs) { const p = plan(r); console.log(r, '\n  ', p.steps.map((s) => s.tool + (s.onlyIf ? '(if)' : '') + JSON.stringify(Object.fromEntries(Object.entries(s.args).filter(([k,v]) => !(v && typeof v === 'object' && '$ref' in v))))).join(' | '), '\n  notes:', (p.notes ?? []).join(' / '), '\n  reply:', p.reply ?? ''); }
});
