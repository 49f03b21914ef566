// "What is this?" with a movie open asks what the movie is: its facts (movie_info), nothing heavy run.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('asking what the open movie is', () => {
  // (bare "what is this?" is not read so yet: as a word of movie_info it pulled "what is the number of dividing cells" to another tool)
  for (const request of ['what am I looking at', 'so what are we looking at here?', 'what have I got here?', 'what is this movie']) {
    it(`describes the movie and runs nothing else: ${request}`, () => {
      expect(toolsOf(request)).toEqual(['movie_info']);
      expect(plan(request).reply ?? '').not.toMatch(/outside what I do/);
    });
  }
});
