// The question that closes a rerun's words ("..., do we get more or fewer nuclei?") is what its comparison answers:
// blanked before the words are read as settings, positions kept; words without one are left as they are.
import { describe, expect, it } from 'vitest';
import { withoutQuestionAfterChange } from '../../../src/agent/planner/questionAfterChange.ts';

describe('withoutQuestionAfterChange', () => {
  it('blanks a closing question after a comma, a dash or a semicolon, keeping positions', () => {
    for (const [clause, kept] of [
      ['try it again with triangle, do we get more or fewer nuclei?', 'try it again with triangle'],
      ['redo it with Li - are there more cells now?', 'redo it with Li'],
      ['rerun the tracking with 10 px; how many tracks does that give', 'rerun the tracking with 10 px'],
      ['use otsu instead, and how does the mean area change?', 'use otsu instead'],
    ]) {
      const out = withoutQuestionAfterChange(clause);
      expect(out, clause).toHaveLength(clause.length);
      expect(out.trimEnd(), clause).toBe(kept);
    }
  });

  it('leaves words with no closing question alone', () => {
    for (const clause of ['redo the segmentation with Li', 'try again with a 3 px sigma, 2 frames of gap', 'use li instead of otsu']) expect(withoutQuestionAfterChange(clause)).toBe(clause);
  });
});
