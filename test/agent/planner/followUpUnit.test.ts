// "same but in microns per minute" after a question: that question again, only its unit changed (before: a new
// measurement of the objects was run and its table named, the question lost).
import { describe, expect, it } from 'vitest';
import { completedFollowUp } from '../../../src/agent/planner/tableAnswers.ts';

describe('the same question in another unit', () => {
  it('keeps the question before and puts the unit now asked in place of its own', () => {
    expect(completedFollowUp('same but in microns per minute', ['mean speed in px per frame?'])).toBe('mean speed in microns per minute?');
    expect(completedFollowUp('the same thing, but in µm/h please', ['what is the median displacement?'])).toBe('what is the median displacement in µm/h?');
    expect(completedFollowUp('same, just in square microns?', ['average nucleus area'])).toBe('average nucleus area in square microns?');
  });
});
