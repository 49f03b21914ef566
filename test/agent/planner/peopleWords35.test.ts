// Requests in people's own words (stop 35, lead, issue 11): a hedge before the question word ("tell me roughly how
// fast ...") asks the question; "a rough idea of" is how it is asked, nothing to make; a setting turned off after its
// name ("with watershed off"); an adverb opening a restriction ("only those ...") is no action; what a step must keep
// ("but keep the edges sharp", "while preserving ...") is a wish on that step, never a step of its own nor out of
// scope; an area said in µm² with no pixel size known is said as an area.
import { beforeAll, describe, expect, it } from 'vitest';
import { normalisedRequest } from '../../../src/agent/planner/normalise.ts';
import { catalogue, loadAcquisitionWords, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

/** As a user's words reach the planner: normalised first. */
const read = (words: string) => normalisedRequest(words, catalogue);

describe('a hedge before the question word', () => {
  it('asks the question after it', () => {
    for (const words of ['tell me roughly how fast the cells are moving', 'could you tell me approximately how far the nuclei travel', 'tell me exactly how fast the nuclei move']) {
      expect(toolsOf(read(words)), words).toEqual(['segment', 'track', 'measure']);
      expect(said(read(words)), words).not.toMatch(/not something I measure/);
    }
    expect(toolsOf(read('tell me approximately how big the nuclei are'))).toEqual(['segment', 'measure']);
  });

  it('"a rough idea of" and "an estimate of" ask, they name no thing to make', () => {
    for (const words of ['can you give me a rough idea of how many cells divide', 'give me an estimate of the drift']) {
      expect(plan(read(words)).steps.length, words).toBeGreaterThan(0);
      expect(said(read(words)), words).not.toMatch(/did not apply|no tool here makes/i);
    }
  });
});

describe('a setting turned off after its name', () => {
  it('"with X off", "with X disabled" turn the switch off', () => {
    for (const words of ['segment with watershed off', 'segment with the watershed split switched off', 'segment the nuclei with watershed disabled']) {
      expect(plan(read(words)).steps.find((s) => s.tool === 'segment')?.args.splitTouching, words).toBe(false);
    }
    expect(plan(read('track with gap closing disabled')).steps.find((s) => s.tool === 'track')?.args.allowGapClosing).toBe(false);
  });

  it('leaves "turn off" of a channel alone', () => {
    expect(normalisedRequest('turn off mCherry and image GFP every 2 min', catalogue)).toBe('turn off mCherry and image GFP every 2 min');
  });
});

describe('an adverb opening a restriction', () => {
  it('is no action left undone', () => {
    const words = 'segment the nuclei, only those larger than 50 px';
    expect(plan(read(words)).steps[0].args.minAreaPx).toBe(50);
    expect(said(read(words))).not.toMatch(/no tool to/);
  });
});

describe('what a step must keep', () => {
  it('is a wish on that step, never a step of its own', () => {
    for (const words of ['get rid of the noise but keep the edges sharp', 'denoise but preserve the fine structure', 'denoise while preserving the fine structure']) {
      expect(toolsOf(read(words)), words).toEqual(['denoise']);
    }
  });
});

describe('an area with no pixel size known', () => {
  it('is said as an area', () => {
    const words = 'segment using a minimum size of 50 square microns';
    expect(plan(read(words)).steps[0].args.minAreaPx).toBe(50);
    expect(said(read(words))).toMatch(/50 µm² was used as 50 px²/);
  });
});

describe('the distance to the nearest neighbour', () => {
  it('is measured per object, never as how far tracks travel', () => {
    for (const words of ['what is the mean nearest-neighbour distance of the nuclei?', 'nearest neighbor distances per frame please', 'measure the nearest neighbour distance of each nucleus']) {
      expect(toolsOf(read(words)), words).toEqual(['segment', 'measure']);
      expect(plan(read(words)).steps[1].args.kind ?? 'objects', words).toBe('objects');
    }
    // (linking by nearest neighbour is a way of tracking, no distance measured)
    expect(toolsOf(read('link the nuclei by nearest neighbour'), [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }])).toEqual(['track']);
  });
});
