import { beforeAll, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';
beforeAll(async () => { await loadAcquisitionWords(); });
it('probe', () => {
  const lines = readFileSync('/tmp/b52/probe.txt', 'utf8').split('\n').filter(Boolean);
  const arts: Record<string, any[]> = {
    m: [{ id: 'movie-1', type: 'movie' }],
    l: [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }],
    t: [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }],
  };
  const out: string[] = [];
  for (const line of lines) {
    const [k, ...rest] = line.split('|'); const req = rest.join('|');
    const p = asSaid.plan(req, arts[k] ?? arts.m);
    out.push(`### ${req}\n  steps: ${p.steps.map((s) => `${s.tool}${JSON.stringify(s.args)}`).join(' ; ')}\n  notes: ${(p.notes ?? []).join(' // ')}\n  reply: ${p.reply ?? ''}`);
  }
  console.log(out.join('\n'));
});
