// Microscopy work no tool does ("stitch", "deconvolve") beside a step of ours is never "outside what I do":
// the missing step is named in one line and the rest runs. (A crop is a tool since stop 39: test/tools/crop.test.ts,
// regionScope.test.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a step we lack beside a step of ours', () => {
  const cases: [string, string, string][] = [
    ['stitch the tiles together then segment the nuclei', 'stitch', 'segment'],
    ['deconvolve it and then measure', 'deconvolve', 'measure'],
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

  it('crops, then runs the step, where a crop names its part; asks which part where it does not', () => {
    expect(plan('crop it to the lower right corner, then track').steps.map((s) => s.tool)).toEqual(['crop', 'segment', 'track']);
    expect(plan('crop the border off and track').reply).toMatch(/Which part of the image should I crop/);
  });

  it('still refuses a step of ours acting on a thing from elsewhere', () => {
    for (const request of ['track my parcel from the courier', 'segment my customers by postcode']) {
      expect(plan(request).reply ?? '', request).toMatch(/outside what I do/);
    }
  });
});
