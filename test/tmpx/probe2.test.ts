import { beforeAll, it } from 'vitest';
import { plan, loadAcquisitionWords } from '../agent/planner/planOffline.ts';
beforeAll(loadAcquisitionWords);
it('p', () => {
  const arts = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }, { id: 'table-1', type: 'table', producedBy: 'measure' }] as never;
  for (const r of ['how many tracks are longer than 4 frames?', 'how many tracks are there if I ignore those shorter than 3 frames?']) { const p = plan(r, arts); console.log(r, JSON.stringify(p.steps.map((s) => [s.tool, s.args])), p.question, p.reply); }
});
