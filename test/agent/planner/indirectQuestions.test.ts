// Questions asked indirectly (brief s29/B): "I was wondering ...", "we'd love to know ...", in forms of no eval file.
import { describe, expect, it } from 'vitest';
import { isAskedForm } from '../../../src/agent/planner/tableAnswers.ts';

describe('an indirect question', () => {
  it('is a question, not a step to run', () => {
    expect(isAskedForm('we were wondering what the median nucleus size is')).toBe(true);
    expect(isAskedForm("I'd love to know how many tracks there are")).toBe(true);
    expect(isAskedForm("we're curious about the mean intensity in frame 2")).toBe(true);
  });
  it('leaves a request a request', () => {
    expect(isAskedForm('segment the nuclei and track them')).toBe(false);
  });
});
