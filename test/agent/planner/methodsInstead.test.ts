// A method people name that we lack runs the tool that declares a stand-in for it (`insteadOf`), and the answer says
// what ran instead; for every tool's declared stand-ins, after its own first example and after each of its words.
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

/** How people write a method's name: "basic" as "BaSiC" is not known here, so each key in capitals and as written. */
const written = (key: string) => [key, key.toUpperCase()];
const LEADS = ['with', 'using', 'via'];

const cases = ALL_TOOLS.filter((t) => t.insteadOf && t.examples?.length).flatMap((t) =>
  Object.entries(t.insteadOf!).flatMap(([key, instead], k) =>
    written(key).map((name, j) => ({ tool: t.name, say: instead.say, request: `${t.examples![0].replace(/[.?!]$/, '')} ${LEADS[(k + j) % LEADS.length]} ${name}` }))));

describe('a method we lack, named', () => {
  it('has cases from the declarations', () => expect(cases.length).toBeGreaterThan(10));

  it.each(cases.map((c) => [c.request, c]))('"%s" runs the stand-in and says so', (_r, c) => {
    const p = plan(c.request);
    expect(p.steps.map((s) => s.tool), c.request).toContain(c.tool);
    expect(p.notes ?? [], c.request).toContain(c.say);
  });

  it('reads anisotropic (Perona-Malik) diffusion as smoothing, not as the cells\' diffusion', () => {
    for (const request of ['smooth it with anisotropic diffusion', 'apply a Perona-Malik filter, then segment the nuclei', 'run anisotropic diffusion on the movie']) {
      const p = plan(request);
      expect(p.steps[0]?.tool, request).toBe('denoise');
      expect(p.steps.map((s) => s.tool), request).not.toContain('measure');
      expect((p.notes ?? []).join(' '), request).toMatch(/Perona-Malik.*not available here/);
    }
    const tracked = [{ id: 'movie-1', type: 'movie' as const }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];
    expect(plan('what is the diffusion coefficient of the cells?', tracked).steps.map((s) => s.tool)).toContain('measure');
  });

  it('reads shading and vignetting as the uneven background, BaSiC named', () => {
    const tool = ALL_TOOLS.find((t) => t.insteadOf?.basic)!;
    for (const request of ['correct the shading with BaSiC', 'fix the vignetting using BaSiC, then segment the nuclei', 'do a BaSiC shading correction']) {
      const p = plan(request);
      expect(p.steps.map((s) => s.tool), request).toContain(tool.name);
      expect((p.notes ?? []).join(' '), request).toMatch(/BaSiC is not installed/);
    }
  });
});
