// Constraints in people's words (brief s31/B), in forms of no eval file: a size range never read as one diameter;
// leaving out said with any verb the thesaurus reads so ("toss", "ditch"), as a bound, a filter named, or no errand;
// a condition on a quantity no argument takes ("circularity above 0.8") named, never a setting nor a measuring step;
// keeping the edge objects turned down ("don't keep cells cut by the edge"); what the things do, said of them
// ("cells don't move more than 20 px per frame"), a setting of the step before; pictures of everyday life refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { singleValues } from '../../../src/agent/planner/builders.ts';
import { argsOf, loadAcquisitionWords, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('sizes', () => {
  it('a size range bounds the area, and no end of it is the objects\' diameter', () => {
    expect(argsOf('outline the cells sized 120 to 900 px', 'segment')).toMatchObject({ minAreaPx: 120, maxAreaPx: 900 });
    expect(argsOf('outline the cells sized 120 to 900 px', 'segment').objectRadiusPx).toBeUndefined();
    expect(singleValues('sized 120 to 900 px, radius 7 px').map((q) => q.value)).toEqual([7]);
  });

  it('a size compared is a bound on the area, no diameter', () => {
    expect(argsOf('segment, keep the nuclei with size over 45', 'segment')).toEqual(expect.objectContaining({ minAreaPx: 45 }));
    expect(argsOf('segment, keep the nuclei with size over 45', 'segment').objectRadiusPx).toBeUndefined();
  });

  it('reads a range written with a tilde', () => {
    expect(argsOf('find nuclei, area 60~700 px', 'segment')).toMatchObject({ minAreaPx: 60, maxAreaPx: 700 });
  });
});

describe('leaving out with any verb of that meaning', () => {
  it('is a lower bound on size, with no action left undone', () => {
    expect(argsOf('find the nuclei and chuck the junk under 25 px', 'segment')).toMatchObject({ minAreaPx: 25 });
    expect(argsOf('segment, ditch anything below 12 px', 'segment')).toMatchObject({ minAreaPx: 12 });
    expect(said('find the nuclei and chuck the junk under 25 px')).not.toMatch(/no tool to/i);
  });

  it('names a kind it cannot leave out, and is never an errand or a step of its own', () => {
    expect(toolsOf('segment the nuclei, trash the apoptotic ones')).toEqual(['segment']);
    expect(said('segment the nuclei, trash the apoptotic ones')).toMatch(/apoptotic/);
    expect(said('segment the nuclei, trash the apoptotic ones')).not.toMatch(/not something cellpilot does/);
    expect(said('find the nuclei but leave out the pyknotic ones')).toMatch(/pyknotic/);
  });
});

describe('conditions on a quantity no argument takes', () => {
  it('are named, never a setting nor a measuring step', () => {
    expect(toolsOf('segment nuclei with solidity above 0.9')).toEqual(['segment']);
    expect(argsOf('segment nuclei with solidity above 0.9', 'segment').objectRadiusPx).toBeUndefined();
    expect(said('segment nuclei with solidity above 0.9')).toMatch(/solidity/);
    // (a condition on a quantity an argument takes is applied)
    expect(argsOf('segment the nuclei with an area above 80 px', 'segment')).toMatchObject({ minAreaPx: 80 });
  });
});

describe('edge objects not wanted', () => {
  it('"don\'t keep", "don\'t want" before the things at the edge leaves them out', () => {
    expect(argsOf("segment, and don't keep nuclei cut off by the border", 'segment')).toMatchObject({ excludeBorder: true });
    expect(argsOf("find the cells; I don't want the ones touching the edge", 'segment')).toMatchObject({ excludeBorder: true });
  });
});

describe('what the things do, said of them', () => {
  it('is a setting of the step before', () => {
    expect(plan('link them, they move at most 9 px between frames', movieAndLabels).steps.map((s) => [s.tool, s.args.maxLinkingDistancePx])).toEqual([['track', 9]]);
  });
});

describe('pictures of everyday life', () => {
  it('run nothing and say it is outside what cellpilot does', () => {
    for (const text of ['denoise the photos from our beach trip', 'snap a picture of my baby', 'sharpen my birthday pics']) {
      expect(toolsOf(text), text).toEqual([]);
      expect(plan(text).reply, text).toMatch(/outside what I do/);
    }
  });

  it('leave pictures through the microscope alone', () => {
    for (const text of ['take a picture of the cells', 'take another picture', 'take a picture of the coverslip', 'snap a quick picture in brightfield']) expect(toolsOf(text), text).toEqual(['snap']);
  });
});
