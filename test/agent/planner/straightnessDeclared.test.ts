// measure declares its mean confinement ratio by the words people ask it by (straightness, persistence) with a typical
// value: "how persistent is their migration?" is answered by it, never by the mean displacement.
import { describe, expect, it } from 'vitest';
import { answerFromValues } from '../../../src/agent/planner/answers.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';
import { findTool } from '../../../src/agent/allTools.ts';

const tracks = { tool: 'measure', ok: true, args: { kind: 'tracks' }, values: { tracks: 37, meanSpeed: 1.8, meanDuration: 24.5, meanDisplacement: 14.2, meanConfinementRatio: 0.62 }, artifacts: [], summary: '' } as unknown as PastResult;
const conversation = { request: '', artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [], current: [tracks], earlierRequests: [] } as unknown as Conversation;

describe('straightness and persistence asked', () => {
  it('are the mean confinement ratio', () => {
    expect(findTool('measure')?.results?.meanConfinementRatio?.example).toBeTypeOf('number');
    expect(answerFromValues('how persistent is their migration?', conversation, [tracks])).toMatch(/confinement ratio = 0\.62/i);
    expect(answerFromValues('how straight are the paths?', conversation, [tracks])).toMatch(/confinement ratio = 0\.62/i);
  });
});
