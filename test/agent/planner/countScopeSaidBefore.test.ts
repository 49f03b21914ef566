// A count asked with no scope of its own after a step said to run "in each time point" is a count per frame: it answered
// the total over the movie ("Objects = 10" for 2-3 spots per frame).
import { describe, expect, it } from 'vitest';
import { answerFromValues } from '../../../src/agent/planner/answers.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';

const segmented = { tool: 'segment', ok: true, args: {}, values: { objects: 10, objectsPerFrameMean: 2.5, objectsPerFrame: [2, 3, 3, 2] }, artifacts: [], summary: 'Found 2.5 spots per frame on average.' } as unknown as PastResult;
const conversation = (request: string) => ({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [], current: [segmented], earlierRequests: [] }) as unknown as Conversation;

describe('a count after a step said per frame', () => {
  it('"detect the spots in each time point and tell me how many there are" gives the count per frame', () => {
    const request = 'detect the spots in each time point and tell me how many there are';
    const answer = answerFromValues('tell me how many there are', conversation(request), [segmented]) ?? '';
    expect(answer).toMatch(/frame 1: 2, frame 2: 3/);
    expect(answer).not.toMatch(/^Objects = 10/);
  });
  it('with no frames said, the count stays the total', () => {
    expect(answerFromValues('tell me how many there are', conversation('detect the spots and tell me how many there are'), [segmented]) ?? '').toMatch(/^Objects = 10/);
  });
});
