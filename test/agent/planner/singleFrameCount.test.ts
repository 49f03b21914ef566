// A count asked in one frame, from a step that ran on that frame alone: its objects are that frame's (singleFrameCount.ts).
import { describe, expect, it } from 'vitest';
import { countInTheOneFrameRun } from '../../../src/agent/planner/singleFrameCount.ts';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';

const seg = (frames: unknown) => ({ tool: 'segment', ok: true, args: { method: 'li', frames }, values: { objects: 42, objectsPerFrameMean: 42 }, artifacts: [], summary: '' }) as unknown as PastResult;

describe('a count in the one frame a step ran on', () => {
  it('is the objects that step found', () => {
    expect(countInTheOneFrameRun('how many there are in frame 5', [seg({ first: 5, last: 5 })])).toBe('42 objects in frame 5 (from segment, run on frame 5 alone)');
  });
  it('is no answer from a step run on other frames, nor for a quantity', () => {
    expect(countInTheOneFrameRun('how many there are in frame 5', [seg({ first: 1, last: 40 })])).toBeUndefined();
    expect(countInTheOneFrameRun('how many there are in frame 5', [seg(undefined)])).toBeUndefined();
    expect(countInTheOneFrameRun('what is the mean area in frame 5', [seg({ first: 5, last: 5 })])).toBeUndefined();
  });
});

describe('a count in an end frame of the movie', () => {
  it('is answered by a step run on that frame once the movie length is known', () => {
    expect(countInTheOneFrameRun('how many cells are in the first frame', [seg({ first: 1, last: 1 })])).toBe('42 objects in frame 1 (from segment, run on frame 1 alone)');
    expect(countInTheOneFrameRun('how many cells are in the last frame', [seg({ first: 40, last: 40 })], 40)).toBe('42 objects in frame 40 (from segment, run on frame 40 alone)');
    expect(countInTheOneFrameRun('how many cells are in the last frame', [seg({ first: 40, last: 40 })])).toBeUndefined();
  });
});
