// Whether a step has an option, asked of the step and the option in the person's words: answered from the step's own
// schema, nothing run (src/agent/planner/optionQuestions.ts); a request worded as a question still runs.
import { beforeAll, describe, expect, it } from 'vitest';
import { optionAnswer } from '../../../src/agent/planner/optionQuestions.ts';
import { catalogue, loadAcquisitionWords, plan, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a question whether a step has an option', () => {
  it('names the setting of the step that holds its words, and runs nothing', () => {
    const p = plan('is it possible to track with gap closing?');
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/`track`.*allowGapClosing/);
    expect(optionAnswer('can the segmentation split touching nuclei, or do they get merged?', catalogue)).toMatch(/`segment`.*splitTouching/);
    expect(toolsOf('can the segmentation split touching nuclei?')).toEqual([]);
  });

  it('leaves a method the step runs by, a request worded as a question and a question about results to the rest', () => {
    expect(optionAnswer('is it possible to do projection with minimum?', catalogue)).toBeUndefined();
    expect(optionAnswer('could the tracking be redone with a larger linking distance?', catalogue)).toBeUndefined();
    expect(optionAnswer('is it possible to segment frames 1-5 with a radius of 8 px?', catalogue)).toBeUndefined();
    expect(optionAnswer('do the tracks split at divisions?', catalogue)).toBeUndefined();
    expect(optionAnswer('can the cells in frame 3 be counted?', catalogue)).toBeUndefined();
    expect(optionAnswer('does the segmentation look good?', catalogue)).toBeUndefined();
    // (a step that ran is asked how it ran: its record answers)
    expect(optionAnswer('does the tracking use gap closing?', catalogue, (tool) => tool === 'track')).toBeUndefined();
    expect(optionAnswer('does the tracking use gap closing?', catalogue)).toMatch(/allowGapClosing/);
  });
});
