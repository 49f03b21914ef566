// A subset of the objects said after their noun ("the dividing cells only", "the mitotic cells alone") on a plot or a
// measure step, which neither can restrict itself to, is named as not applied, as "only the dividing cells" is; never
// dropped in silence. (constraints.ts, trailingSubset)
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, movie, plan } from './planOffline.ts';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';

beforeAll(loadAcquisitionWords);

const tracked: KnownArtifact[] = [movie, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
const SUBSETS = ['the dividing cells only', 'dividing cells only', 'the mitotic cells alone', 'the non-dividing nuclei only', 'the apoptotic cells only', 'the daughter cells only'];
const ASKS: ((s: string) => string)[] = [
  (s) => `plot the speed of ${s}`,
  (s) => `measure the track speed for ${s}`,
  (s) => `histogram of the displacement of ${s}`,
  (s) => `give me the mean speed over time for ${s} as a plot`,
];
const cases = SUBSETS.flatMap((s) => ASKS.map((a) => ({ request: a(s), subset: s.replace(/^the\s+/, '') })));

describe('a subset said after its noun', () => {
  it.each(cases.map((c) => [c.request, c]))('"%s" names the subset as not applied', (_r, c) => {
    const p = plan(c.request, tracked);
    expect(p.steps.length, c.request).toBeGreaterThan(0);
    const said = (p.notes ?? []).join(' ');
    expect(said, c.request).toMatch(/Not applied: "[^"]*"/);
    expect(said, c.request).toContain(c.subset.split(' ')[0]);
  });

  it('names nothing for the objects alone or a kind the step applies', () => {
    for (const request of ['segment the nuclei only', 'track the cells only', 'segment the bright nuclei only']) {
      expect((plan(request).notes ?? []).join(' '), request).not.toMatch(/Not applied: "[^"]*only"/);
    }
  });
});

describe('a subset after its noun in a question', () => {
  it('is left to the answer, which reads it from the data', () => {
    for (const request of ['what is the mean speed of the dividing cells only?', 'how many dividing cells only?', 'how fast are the mitotic cells alone']) {
      expect((plan(request, tracked).notes ?? []).join(' '), request).not.toMatch(/cannot restrict itself/);
    }
  });
});
