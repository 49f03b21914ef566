import { it } from 'vitest';
import { answerFromValues } from '../../../src/agent/planner/answers.ts';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';
it('probe', () => {
  const measured: PastResult = { tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: 'Measured 37 tracks.', values: { tracks: 37, meanDuration: 24.5 }, artifacts: [] };
  for (const q of ['mean track duration in minutes pls, frames are 5 min apart?', 'mean track duration?'])
    console.log(q, '=>', answerFromValues(q, { request: q + ' frames are 5 min apart', artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [measured], current: [], earlierRequests: [] }, [measured]));
});
