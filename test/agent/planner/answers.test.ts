// Answers from the values earlier steps reported quote their unit, in µm when the movie's pixel size is known.
import { describe, expect, it } from 'vitest';
import { answerFromValues, notUnderstood } from '../../../src/agent/planner/answers.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';

const measured: PastResult = { tool: 'measure', args: { kind: 'objects' }, ok: true, summary: 'Measured 10 objects.', values: { objects: 10, meanAreaPx: 100 }, artifacts: [] };
const conversation = (pixelSizeUm?: number): Conversation => ({
  request: '',
  artifactsAtStart: [{ id: 'movie-1', type: 'movie', ...(pixelSizeUm ? { pixelSizeUm } : {}) }],
  earlier: [measured],
  current: [],
  earlierRequests: [],
});

describe('answers from values', () => {
  it('converts pixels to µm with the pixel size the movie records, and says when none is known', () => {
    expect(answerFromValues('what is the mean area?', conversation(0.5), [measured])).toMatch(/^Mean area = 25 µm² \(100 px² at 0\.5 µm\/px\)/);
    expect(answerFromValues('what is the mean area?', conversation(), [measured])).toMatch(/100 px² \(no calibration known\)/);
  });
});

describe('requests nothing can do', () => {
  it('names the method or program asked for that no tool offers', () => {
    expect(notUnderstood('use BM3D', new Map())).toMatch(/No tool of mine offers "BM3D", so I ran nothing\./);
    expect(notUnderstood('deconvolve it with Richardson-Lucy', new Map())).toContain('"Richardson-Lucy"');
    expect(notUnderstood('hello there', new Map())).not.toMatch(/No tool of mine/);
  });
});
