// An operation a step always does (its tool's `alwaysDoes`), asked by name, is said as applied, never as not done.
import { beforeAll, describe, expect, it } from 'vitest';
import { withOperationsDoneByItself } from '../../../src/agent/planner/doneByItself.ts';
import { catalogue, loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('an operation the step always does', () => {
  it('replaces the line that named it as not done', () => {
    const p = withOperationsDoneByItself({ steps: [{ tool: 'segment', args: {}, clause: '' }], notes: ['I have no tool to fill ("fill the holes"): nothing was done for it.'] }, catalogue);
    expect(p.notes).toHaveLength(1);
    expect(p.notes![0]).toMatch(/^Applied: `segment` always fills the holes/);
  });

  it('keeps the other things a line names as not done', () => {
    const p = withOperationsDoneByItself({ steps: [{ tool: 'segment', args: {}, clause: '' }], notes: ['"fill holes" and "order a pizza" are not something cellpilot does (...), so nothing was done for them.'] }, catalogue);
    expect(p.notes).toEqual([expect.stringMatching(/^Applied/), '"order a pizza" is not something cellpilot does (...), so nothing was done for it.']);
  });

  it('leaves a line alone when no step planned does the operation', () => {
    const notes = ['I have no tool to fill ("fill the holes"): nothing was done for it.'];
    expect(withOperationsDoneByItself({ steps: [{ tool: 'track', args: {}, clause: '' }], notes }, catalogue).notes).toEqual(notes);
  });

  it('is said so in a planned request', () => {
    for (const words of ['threshold with otsu and fill holes', 'segment and fill the holes in the masks']) {
      expect(toolsOf(words), words).toEqual(['segment']);
      expect(said(words), words).toMatch(/Applied: `segment` always fills the holes/);
      expect(said(words), words).not.toMatch(/nothing was done/);
    }
  });
});
