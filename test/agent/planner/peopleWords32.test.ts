// Requests in people's own words (brief s32/B, issue 11): a whole acquisition plan asked as a question is a plan to
// start, not a question about the movie open; a negation joined to its verb ("won't be more than") bounds as "not" does;
// smoothing or gap closing turned down set the step's own option; frames or things of a kind skipped are named.
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords, movie, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a whole acquisition plan asked as a question', () => {
  it('starts the acquisition with a movie open, whatever the question mark', () => {
    for (const words of ['Could we set up a time-lapse of the Hoechst channel, one frame every 15 min, for 12 hours please?', 'set up a time-lapse of GFP every 15 min for 12 hours?']) {
      expect(toolsOf(words, [movie]), words).toEqual(['start_acquisition']);
    }
  });

  it('leaves questions about the movie to the movie', () => {
    expect(toolsOf('how many frames does the GFP time-lapse have?', [movie])).toEqual(['movie_info']);
  });
});

describe('a negation joined to its verb', () => {
  it('bounds a value from above as "not" does', () => {
    for (const words of ["correct the drift, it won't be more than 10 px", "correct the drift, it shouldn't be more than 10 px", 'correct the drift, it should not be more than 10 px']) {
      expect(argsOf(words, 'correct_drift').maxDriftPx, words).toBe(10);
    }
  });
});

describe('options turned down in words', () => {
  it('"no smoothing" turns off the smoothing before the threshold, "blurry frames" does not', () => {
    expect(argsOf('threshold the nuclei with otsu and no smoothing at all', 'segment')).toMatchObject({ method: 'otsu', sigmaPx: 0 });
    expect(argsOf('segment, but leave out the blurry frames', 'segment').sigmaPx).toBeUndefined();
  });

  it('"do not bridge gaps" turns off gap closing', () => {
    expect(argsOf('Please track the nuclei; do not bridge gaps where a nucleus disappears.', 'track', movieAndLabels).allowGapClosing).toBe(false);
  });
});

describe('frames or things of a kind skipped', () => {
  it('are named as not applied when no option takes them', () => {
    for (const words of ['measure the nuclei, skipping any out-of-focus frames', 'measure the nuclei, but skip blurry frames']) {
      expect(said(words, movieAndLabels), words).toMatch(/Not applied: "skip[^"]*frames"/);
    }
  });

  it('leaves the frames skipped by their place to the frame range', () => {
    const p = plan('segment but skip the first 5 frames', [{ ...movie, frames: 30 } as typeof movie]);
    expect(p.steps[0].args.frames).toEqual({ first: 6, last: 30 });
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });
});
