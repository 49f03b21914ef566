// Microscopy work no tool does ("crop", "stitch", "deconvolve") beside a step of ours is never "outside what I do":
// the missing step is named in one line and the rest runs.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a step we lack beside a step of ours', () => {
  const cases: [string, string, string][] = [
    ['crop it to the lower right corner, then track', 'crop', 'track'],
    ['stitch the tiles together then segment the nuclei', 'stitch', 'segment'],
    ['deconvolve it and then measure', 'deconvolve', 'measure'],
    ['crop the border off and track', 'crop', 'track'],
  ];
  for (const [request, lacked, tool] of cases) {
    it(`names "${lacked}" as not done and runs ${tool}: ${request}`, () => {
      const p = plan(request);
      const said = [...(p.notes ?? []), p.reply ?? ''].join(' ');
      expect(said).not.toMatch(/outside what I do/);
      expect(said).toMatch(new RegExp(`no tool to ${lacked}`));
      expect(p.steps.map((s) => s.tool)).toContain(tool);
    });
  }

  it('still refuses a step of ours acting on a thing from elsewhere', () => {
    for (const request of ['track my parcel from the courier', 'segment my customers by postcode']) {
      expect(plan(request).reply ?? '', request).toMatch(/outside what I do/);
    }
  });
});
