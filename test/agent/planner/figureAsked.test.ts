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

// Stop 36 (helper C2): an output asked beside a question ("plot each cell's brightness; which one gets brightest?") is
// made too, never dropped because the tables at hand already answer the question: at the start of the turn (tables
// of earlier turns) and while the turn's own steps run (the plan stays the same once they have made a table).
describe('a figure, an export or saved masks asked beside a question', () => {
  const cases: [string, string][] = [
    ["plot each cell's brightness over time; which one gets brightest?", 'plot'],
    ['which cell is the biggest? and plot their areas as a histogram', 'plot'],
    ['draw the speed of each track over time, then tell me which cell moves fastest', 'plot'],
    ['export the measurements to csv; which nucleus is the largest?', 'export'],
    ['which cell moves fastest? also save the track table as a csv file', 'export'],
    ['save the masks as tiff; how many nuclei are there?', 'export'],
    ['how many cells are there? and export the segmentation masks', 'export'],
  ];
  let thisTurn: (request: string) => Conversation;
  beforeAll(async () => {
    thisTurn = await afterMeasuring(true, false, true);
  });
  it.each(cases)('%s: the output planned beside the question, tables from earlier turns', (request, tool) => {
    const p = planRequest(session(request), catalogue);
    expect(p.steps.map((s) => s.tool)).toContain(tool);
    expect(p.question).toBeTruthy();
  });
  it.each(cases)("%s: still planned once the turn's own steps have measured", (request, tool) => {
    const p = planRequest(thisTurn(request), catalogue);
    expect(p.steps.map((s) => s.tool)).toContain(tool);
    expect(p.question).toBeTruthy();
  });
  it('the question alone is still answered from the tables, nothing run', () => {
    for (const q of ['which cell is the biggest?', 'how many nuclei are there?', 'which cell moves fastest?']) expect(planRequest(session(q), catalogue).steps, q).toEqual([]);
  });
});
