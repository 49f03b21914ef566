// Kinds of questions from tuning-questions-people-21 (brief s33/A), each test failing when the mechanism behind a
// kind breaks, whatever sentence asks it:
// - a person as the object of a verb ("register me for the conference") and a piece of prose asked for ("write my
//   essay on mitosis") are out of scope, whatever words of ours they contain;
// - "could you tell me whether ...", "would you be able to tell me if ..." ask a value, not for a step;
// - a yes/no question about a change in a measured mean within ±5% is "no clear change", with the figure quoted.
import { beforeAll, describe, expect, it } from 'vitest';
import { withVerdict } from '../../../src/agent/planner/answers.ts';
import { asksAValue } from '../../../src/agent/planner/propertyQuestions.ts';
import { loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('out of scope', () => {
  it('a person put down for something runs nothing', () => {
    for (const r of ['Could you register me for the EMBO microscopy conference in Heidelberg, please?', 'sign us up for the confocal training next week']) {
      expect(toolsOf(r), r).toEqual([]);
      expect(said(r), r).toMatch(/outside what I do/);
    }
  });

  it('a piece of prose asked for runs nothing, whatever its topic', () => {
    for (const r of ['can u write my cell bio essay on mitosis lol', 'compose a short poem on nuclei dividing']) expect(toolsOf(r), r).toEqual([]);
  });

  it('keeps registration of a movie and asking to be shown a result', () => {
    expect(toolsOf('register the movie to the first frame')).toEqual(['correct_drift']);
    expect(toolsOf('show me for each frame the number of nuclei')).not.toEqual([]);
  });
});

describe('asking to be told', () => {
  it('asks a value', () => {
    for (const q of ['could you tell me whether the fluorescence is fading?', 'Would you be able to tell me if the signal fades?', 'can you let me know whether it bleaches?']) expect(asksAValue(q), q).toBe(true);
    expect(asksAValue('could you correct the bleaching?')).toBe(false);
  });

  it('runs no correction to answer it', () => {
    for (const q of ['Would you be able to tell me whether the fluorescence is fading over the course of the movie?', 'could you tell me if the signal is bleaching?']) expect(toolsOf(q), q).not.toContain('correct_bleach');
  });
});

describe('a change within the tolerance', () => {
  const small = 'mean intensity (channel 1): 906.7 grey levels in frame 1 vs 893.5 grey levels in frame 6 (-1.5%): higher earlier (from table-1; means, no statistical test)';
  const large = small.replace('(-1.5%)', '(-12.5%)');
  it('is no clear change, the figure quoted', () => {
    const answer = withVerdict('is intensity lost?', small);
    expect(answer).toMatch(/^No clear change/);
    expect(answer).toMatch(/-1\.5%/);
    expect(answer).toMatch(/±5%/);
  });

  it('keeps the verdict of a larger change and of a count', () => {
    expect(withVerdict('is intensity lost?', large)).toMatch(/^Yes/);
    expect(withVerdict('are there more nuclei in the last frame?', 'objects per frame: 20 in frame 1 vs 20.5 in frame 6 (+2.5%): higher later (from table-1)')).toMatch(/^Yes/);
  });
});
