// The forms of a letter around a request: greetings, polite openers and thanks are no part of it.
import { describe, expect, it } from 'vitest';
import { withoutLetterForms } from '../../../src/agent/planner/letterForms.ts';

describe('withoutLetterForms', () => {
  it('drops a greeting alone and a polite opener before what is asked', () => {
    expect(withoutLetterForms('Hiya! quick question: is the camera cooled?')).toBe('is the camera cooled?');
    expect(withoutLetterForms('hey - sorry to bug you, rotate the image')).toBe('rotate the image');
    expect(withoutLetterForms('kindly when the plate warms up, pause')).toBe('when the plate warms up, pause');
  });

  it('drops thanks at the end with no stop before them', () => {
    expect(withoutLetterForms('crop to the left half thanks so much!')).toBe('crop to the left half');
    expect(withoutLetterForms('flip it vertically (thanks in advance)')).toBe('flip it vertically');
    expect(withoutLetterForms('Dear Ana, flip it. Cheers, Bo')).toBe('flip it.');
  });

  it('drops a clause that only says which form of answer will do, never one asking for a file or a figure', () => {
    expect(withoutLetterForms('could you give me the average nucleus size for every frame? a little table is fine')).toBe('could you give me the average nucleus size for every frame?');
    expect(withoutLetterForms('how fast do they move - a rough number will do')).toBe('how fast do they move');
    expect(withoutLetterForms('mean area per frame, just a list is ok')).toBe('mean area per frame,');
    expect(withoutLetterForms('mean area per frame. A plot would be fine')).toBe('mean area per frame. A plot would be fine');
    expect(withoutLetterForms('export the tracks, a CSV is fine')).toBe('export the tracks, a CSV is fine');
    expect(withoutLetterForms('the table is fine')).toBe('the table is fine');
  });

  it('drops a sentence after the question that only asks the form of its answer', () => {
    expect(withoutLetterForms('Bleaching? Quick number.')).toBe('Bleaching?');
    expect(withoutLetterForms('is it drifting - just a yes or no')).toBe('is it drifting');
    expect(withoutLetterForms('how many cells divide? Short answer please')).toBe('how many cells divide?');
    expect(withoutLetterForms('Export the table. Number the tracks.')).toBe('Export the table. Number the tracks.');
  });

  it('keeps a request that is nothing else, and words that only look like a greeting', () => {
    expect(withoutLetterForms('thanks')).toBe('thanks');
    expect(withoutLetterForms('highlight the hot pixels')).toBe('highlight the hot pixels');
  });
});
