// A statement said with a question mark read as the yes/no question it is (declarativeQuestion.ts).
import { describe, expect, it } from 'vitest';
import { withDeclarativeQuestionInverted } from '../../../src/agent/planner/declarativeQuestion.ts';

describe('a statement asked as a question', () => {
  it('puts its auxiliary first and leaves off the tag that only asks yes or no', () => {
    expect(withDeclarativeQuestionInverted('the fluorescence is bleaching during the movie or not?')).toBe('is the fluorescence bleaching during the movie?');
    expect(withDeclarativeQuestionInverted('The cells are moving?')).toBe('are the cells moving?');
    expect(withDeclarativeQuestionInverted('there is drift, right?')).toBe('is there drift?');
  });
  it('reads only the last sentence', () => {
    expect(withDeclarativeQuestionInverted('segment the nuclei. the nuclei are getting bigger?')).toBe('segment the nuclei. are the nuclei getting bigger?');
  });
  it('leaves questions, statements and negated statements as they are', () => {
    for (const text of ['is the signal bleaching?', 'the pixel size is 0.65 µm', 'what the signal is?', 'it is not bleaching?', 'segment the nuclei?']) expect(withDeclarativeQuestionInverted(text)).toBe(text);
  });
});

describe('one clause only', () => {
  it('leaves a fact told before a question, or two clauses, as they are', () => {
    for (const text of ['my cells are HeLa, can you count them?', 'the movie is 16 bit and how many frames are there?', 'the nuclei are dim so can you segment them?']) expect(withDeclarativeQuestionInverted(text)).toBe(text);
  });
});
