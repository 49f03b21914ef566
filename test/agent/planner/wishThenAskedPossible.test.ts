// A wish said in full, then a question that only asks whether "this" can be done, is the wish (stop 52, helper A).
import { describe, expect, it } from 'vitest';
import { withWishAskedIfPossibleAsWish } from '../../../src/agent/planner/wishThenAskedPossible.ts';

describe('a wish then "is there a way to do this?" is the wish', () => {
  it.each([
    ['I would like to capture a GFP image periodically, e.g. once every 5 minutes, for 8 hours. Is there an easy way to do this?', 'I would like to capture a GFP image periodically, e.g. once every 5 minutes, for 8 hours.'],
    ['We want to segment the nuclei in every frame. Is that possible?', 'We want to segment the nuclei in every frame.'],
    ["I'd like to track the cells and export a CSV. Can you do that for me?", "I'd like to track the cells and export a CSV."],
  ])('%s', (request, wish) => {
    expect(withWishAskedIfPossibleAsWish(request)).toBe(wish);
  });
  it('a question naming its own object stays a question', () => {
    const asked = 'I would like to track the cells. Is there a way to export as TrackMate XML?';
    expect(withWishAskedIfPossibleAsWish(asked)).toBe(asked);
  });
  it('no wish before it: the words as they are', () => {
    const told = 'The cells divide every 20 min. Is that possible?';
    expect(withWishAskedIfPossibleAsWish(told)).toBe(told);
  });
});

describe('thanks after the question', () => {
  it('is left out with it', () => {
    expect(withWishAskedIfPossibleAsWish('I want to image GFP every 5 min for 8 h. Is there an easy way to do this? cheers')).toBe('I want to image GFP every 5 min for 8 h.');
  });
});
