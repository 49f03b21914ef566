// A step that puts right a fault of the recording, said after the analysis of it with no order word, runs before it
// (preparedFirst.ts); said after it with "then", it stays where it was said.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan, said, toolsOf } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a preparing step said after the analysis it prepares', () => {
  it('runs before it, the analysis reading its result, and the answer says so', () => {
    expect(toolsOf('find the cells and remove the background')).toEqual(['subtract_background', 'segment']);
    expect(plan('find the cells and remove the background').steps[1].args.movie).toEqual({ $ref: 'movie', mode: 'chain' });
    expect(said('find the cells and remove the background')).toMatch(/subtract_background before segment/);
    // (the objects found for the tracking are found on the prepared movie)
    expect(toolsOf('follow the nuclei over time, and the signal fades so fix the fading')).toEqual(['correct_bleach', 'segment', 'track']);
  });

  it('stays after the analysis when the words put it there', () => {
    expect(toolsOf('find the cells, then remove the background')).toEqual(['segment', 'subtract_background']);
  });
});

describe('a preparing step asked as a question', () => {
  it('measures after the steps, and is not moved', () => {
    expect(toolsOf('find the cells and follow them; did the stage move much?')).toEqual(['segment', 'track', 'correct_drift']);
  });
});

describe('a preparing step that reads what the step before makes', () => {
  it('stays after it', () => {
    expect(toolsOf('denoise with N2V, train the network first on this movie')).toEqual(['train_n2v', 'denoise']);
  });
});
