// Settings said for a step named again by its noun go to that step, never to a second run of it (brief s47/C).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, movieAndLabels, plan } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a step named again to give its settings', () => {
  it('folds "for the tracking, ..." into the tracking step, in another sentence or after a dash', () => {
    for (const request of ['link the nuclei and plot their speed. For the linking, allow gaps of 2 frames.', 'link the nuclei and plot their speed - for the linking allow gaps of 2 frames']) {
      const p = plan(request, movieAndLabels);
      expect(p.steps.filter((s) => s.tool === 'track')).toHaveLength(1);
      expect(p.steps.find((s) => s.tool === 'track')?.args).toMatchObject({ maxFrameGap: 2 });
      expect((p.notes ?? []).join(' ')).not.toMatch(/I have no tool/);
    }
  });

  it('keeps a second step that takes another choice ("a max projection, and for the mean projection ...")', () => {
    expect(plan('make a max projection, and for the mean projection use frames 1-10').steps.map((s) => s.tool)).toEqual(['project', 'project']);
  });
});
