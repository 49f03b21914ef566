import { describe, expect, it } from 'vitest';
import { asksWhyTheDataChanges, dataCauseReply } from '../../../src/agent/planner/dataCauses.ts';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';

const result = (tool: string, values: Record<string, unknown>): PastResult => ({ tool, args: {}, ok: true, summary: `${tool} ran.`, values, artifacts: [] });

describe('why the data changes', () => {
  it('is told from a question about how a step chose', () => {
    for (const q of ['why do you think the count goes up?', 'why does the number of cells increase?', 'how come the signal is fading?', 'why are the cells slowing down at the end?', 'why are there more cells at the end?']) expect(asksWhyTheDataChanges(q), q).toBe(true);
    for (const q of ['why did you choose this threshold?', 'why was the threshold set so high?', 'why did you use otsu?', 'why is it so slow?', 'what is the mean area?']) expect(asksWhyTheDataChanges(q), q).toBe(false);
  });

  it('names the usual causes with what the record says of them, and runs nothing', () => {
    const done = [result('segment', { thresholdPerFrame: [9584, 10000, 13940] }), result('track', { divisions: 3 })];
    const reply = dataCauseReply('why does the count go up?', done);
    expect(reply).toMatch(/do not tell the cause/);
    expect(reply).toMatch(/found 3 divisions/);
    expect(reply).toMatch(/9584 to 13940/);
    expect(dataCauseReply('why is the signal fading?', [])).toMatch(/photobleaching/);
    expect(dataCauseReply('why are the cells slowing down?', [])).toMatch(/drift/);
  });
});

describe('"it" in a why-question', () => {
  it('is what the request before measured', () => {
    expect(asksWhyTheDataChanges('why is it going down at the end?', ['count the nuclei in each frame'])).toBe(true);
    expect(dataCauseReply('why is it going down at the end?', [], ['count the nuclei in each frame'])).toMatch(/count falling/);
    expect(asksWhyTheDataChanges('why is it going down at the end?', [])).toBe(false);
  });
});
