// A clause that opens with a step's own verb on a question it asks ("and quantify how bright each nucleus is in frame 7")
// is that step, even where more of its words are the step before's arguments ("bright" objects, "frame"): it had been
// folded into segment's settings and named as not applied (src/agent/planner/planner.ts, opensWithOwnWord).
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a step asked for with a question after another step', () => {
  it('measures after segmenting, in the frame asked, and names nothing as not applied', () => {
    const request = 'segment the nuclei and quantify how bright each nucleus is in frame 7';
    expect(toolsOf(request)).toEqual(['segment', 'measure']);
    expect(argsOf(request, 'measure').frames).toEqual({ first: 7, last: 7 });
    expect(argsOf(request, 'segment').frames).toBeUndefined();
    expect(said(request)).not.toMatch(/not applied/i);
  });

  it('keeps a following clause of the step before\'s settings with it ("..., excluding cells cut by the image border")', () => {
    expect(toolsOf('segment the nuclei, excluding cells cut by the image border')).toEqual(['segment']);
    expect(argsOf('segment the nuclei, excluding cells cut by the image border', 'segment').excludeBorder).toBe(true);
  });
});
