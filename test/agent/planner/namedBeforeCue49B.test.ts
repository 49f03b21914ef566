// Stop 49 (helper B): a method, format or detail no tool offers is named even where no condition word comes before it,
// and a software name in a sentence that only tells how the data was taken is no method asked. Words of no eval file.
import { beforeAll, describe, expect, it } from 'vitest';
import { unappliedWords } from '../../../src/agent/planner/unapplied.ts';
import { inContextSentence } from '../../../src/agent/planner/accounted.ts';
import { indexFor } from '../../../src/agent/planner/toolIndex.ts';
import { catalogue, loadAcquisitionWords, movieAndLabels, said } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('words before any condition word', () => {
  it('names a word no tool knows before the first condition word ("curvelet smoothing of ...")', () => {
    const index = indexFor(catalogue);
    expect(unappliedWords('curvelet denoising of the red channel', index)).toContain('curvelet');
    expect(unappliedWords('run deepcell7 on the nuclei', index)).toContain('deepcell7');
  });

  it('names nothing for a plain request, slips and English words included', () => {
    const index = indexFor(catalogue);
    expect(unappliedWords('segmnet the nuclei quickly please', index)).toEqual([]);
    expect(unappliedWords('denoise the movie', index)).toEqual([]);
    // (a word before a hedge blanked modifies nothing: "thankful if you could denoise")
    expect(unappliedWords('I would be very thankful if you could denoise the movie', index)).toEqual([]);
  });

  it('says the word in the answer of the plan', () => {
    expect(said('curvelet denoising of the red channel')).toMatch(/curvelet/);
  });
});

describe('a sentence that tells how the data was taken', () => {
  it('is context: a name in it is no method asked', () => {
    const request = 'Filmed on the Zeiss with ZEN Blue last week. Please track the nuclei.';
    expect(inContextSentence(request, request.indexOf('ZEN'))).toBe(true);
    expect(inContextSentence(request, request.indexOf('track'))).toBe(false);
    expect(said('Recorded on our Leica with LAS X overnight. Please denoise the movie.')).not.toMatch(/did not apply|not applied|LAS/);
  });
});

describe('a kind of file no tool writes, alone in the request', () => {
  it('is named with the formats there are, never "I did not understand"', () => {
    const answer = said('write the spots to an .ims file please');
    expect(answer).toMatch(/IMS/);
    expect(answer).not.toMatch(/did not understand/);
    expect(said('store the label image as nd2')).toMatch(/ND2/);
  });
});

describe('a word beside a choice given that is foreign to the step', () => {
  it('is named with its noun, not taken as part of the choice ("a histogram ... on a log scale")', () => {
    expect(said('draw a histogram of the areas with log bins', movieAndLabels)).toMatch(/log bins/);
    expect(said('temporal colour-coded max projection, with a colour legend bar')).toMatch(/legend bar/);
    expect(said('plot the speeds over time in a serif font')).toMatch(/serif/);
  });

  it('leaves a word of the step\'s own tool beside its choice alone ("with the otsu based approach")', () => {
    expect(said('segment with the otsu based approach')).not.toMatch(/Not applied/);
  });
});

describe('words that are no foreign detail', () => {
  it('never names an ordinal nor another form of a word the step declares', () => {
    expect(said('a grid of every sixth frame please')).not.toMatch(/Not applied: "sixth"/);
    expect(said('show every 4th frame as a grid with the outlines overlaid', movieAndLabels)).not.toMatch(/Not applied: "overlaid"/);
  });
});
