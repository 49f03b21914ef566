// A figure asked for in a question's words ("could you show me a histogram of how big the nuclei are?") is drawn by the
// step that draws, never answered as the question inside it; the question alone is still answered from the tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { afterMeasuring, removeMeasuredSessions } from './measuredSession.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

let session: (request: string) => Conversation;
beforeAll(async () => {
  await loadAcquisitionWords();
  session = await afterMeasuring(true);
});
afterAll(removeMeasuredSessions);

describe('a figure asked with a question inside', () => {
  it('plans the plot', () => {
    for (const q of ['could you show me a histogram of how big the nuclei are?', 'can I see a plot of how fast they move?', "I'd like a graph of how the count changes over time", 'give me a chart of how bright the nuclei are?'])
      expect(planRequest(session(q), catalogue).steps.map((s) => s.tool), q).toEqual(['plot']);
  });
  it('the question alone is answered from the tables, nothing run', () => {
    for (const q of ['how big are the nuclei?', 'how fast do they move?']) expect(planRequest(session(q), catalogue).steps, q).toEqual([]);
  });
});
