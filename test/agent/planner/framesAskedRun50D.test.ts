// A part of the movie asked (stop 50, helper D): one half alone is the frames a question is about, not a comparison of
// halves, and a step that ran on just the frames asked answers with its own value; one that ran on the whole movie never
// answers a part of it.
import { describe, expect, it } from 'vitest';
import { answerFromValues, ranOnTheFramesAsked } from '../../../src/agent/planner/answers.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';
import { halvesCompared, readQuestion } from '../../../src/agent/planner/tableAnswers.ts';

const speedOn = (frames?: { first: number; last: number }): PastResult => ({ tool: 'measure', args: { kind: 'tracks', ...(frames ? { frames } : {}) }, ok: true, summary: 'Measured 37 tracks.', values: { tracks: 37, meanSpeed: 1.8 }, artifacts: [] });
const withMovie = (...earlier: PastResult[]): Conversation => ({ request: '', artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 40 }], earlier, current: [], earlierRequests: [] });

describe('one half of the movie', () => {
  it('is a scope when said alone, a comparison when both halves or a comparative are said', () => {
    expect(halvesCompared('average velocity during the latter half of the recording')).toBe(false);
    expect(halvesCompared('mean intensity in the first half')).toBe(false);
    expect(readQuestion('median displacement in the second half of the video').compare).toBeUndefined();
    expect(halvesCompared('is it brighter in the second half?')).toBe(true);
    expect(halvesCompared('first half vs second half')).toBe(true);
    expect(halvesCompared('how does the first half differ')).toBe(true);
    expect(halvesCompared('compare the halves')).toBe(true);
  });
});

describe('a step that ran on the frames asked', () => {
  it('knows a run on exactly the frames or the frame asked, never a comparison', () => {
    expect(ranOnTheFramesAsked({ args: { frames: { first: 5, last: 9 } } }, { frames: { first: 5, last: 9 } })).toBe(true);
    expect(ranOnTheFramesAsked({ args: { frames: { first: 7, last: 7 } } }, { frame: 7 })).toBe(true);
    expect(ranOnTheFramesAsked({ args: { frames: { first: 5, last: 9 } } }, { frames: { first: 5, last: 10 } })).toBe(false);
    expect(ranOnTheFramesAsked({ args: {} }, { frames: { first: 5, last: 9 } })).toBe(false);
    expect(ranOnTheFramesAsked({ args: { frames: { first: 5, last: 9 } } }, { frames: { first: 5, last: 9 }, compare: 'frames' })).toBe(false);
  });

  it('answers with its value at that scope; a value over the whole movie never answers a half of it', () => {
    const ranOnHalf = speedOn({ first: 21, last: 40 });
    expect(answerFromValues('mean speed in frames 21-40?', withMovie(ranOnHalf), [ranOnHalf])).toMatch(/^Mean speed = 1\.8 px\/frame/);
    expect(answerFromValues('mean speed in the second half?', withMovie(ranOnHalf), [ranOnHalf])).toMatch(/^Mean speed = 1\.8 px\/frame/);
    const whole = speedOn();
    expect(answerFromValues('and the mean speed in the second half?', withMovie(whole), [whole])).toBeUndefined();
  });
});
