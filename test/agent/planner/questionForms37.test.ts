// Forms of questions read at stop 37 (issue 11 items 5-6): a frame counted back from the end, "who" asked of the cells,
// "which model ran", and events asked as a rate. Each with wordings of its own, not the eval's.
import { describe, expect, it } from 'vitest';
import { framesBeforeLast, isAskedForm, plainQuestion, readQuestion } from '../../../src/agent/planner/tableAnswers.ts';
import { withWhoAsWhichCell } from '../../../src/agent/planner/normalise.ts';
import { asksWhy } from '../../../src/agent/planner/explanations.ts';
import { withEventRate } from '../../../src/agent/planner/eventRate.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';

describe('a frame counted back from the end', () => {
  it.each([
    ['mean area in the penultimate timepoint?', 1],
    ['how many nuclei in the next-to-last frame', 1],
    ['count at the last time point but one', 1],
    ['the third to last frame: median intensity', 2],
    ['the time point just before the final one', 1],
  ])('%s', (q, n) => {
    expect(framesBeforeLast(q)).toBe(n);
    const scope = readQuestion(q);
    expect(scope.frame).toBe('last');
    expect(scope.beforeLast).toBe(n);
  });
  it('the last frame itself is no frame before it', () => {
    expect(framesBeforeLast('mean area in the final frame')).toBeUndefined();
    expect(readQuestion('mean area in the final frame').beforeLast).toBeUndefined();
  });
});

describe('"who" asked of the cells', () => {
  it.each([
    ["who's the fastest one?", 'which cell is the fastest one?'],
    ['and who divided last?', 'and which cell divided last?'],
    ['who travelled furthest', 'which cell travelled furthest'],
  ])('%s', (q, plain) => expect(withWhoAsWhichCell(q)).toBe(plain));
  it('a "who" about people keeps its words', () => {
    expect(withWhoAsWhichCell('who wrote this software?')).toBe('who wrote this software?');
    expect(withWhoAsWhichCell('who should I ask about the microscope?')).toBe('who should I ask about the microscope?');
  });
});

describe('a scope said before the question word', () => {
  it.each(['at the very start, how many nuclei are there', 'in the initial frame what is the mean area'])('%s', (q) => expect(isAskedForm(q)).toBe(true));
});

describe('which model ran', () => {
  it.each(['what model actually ran?', 'which segmentation algorithm ran?', 'so which network did the work'])('%s', (q) => expect(asksWhy(q)).toBe(true));
});

describe('events asked as a rate', () => {
  const conversation = { artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 13 }], earlier: [], current: [] } as unknown as Conversation;
  it('a count over the movie span, in the unit asked', () => {
    // 13 frames 5 min apart: 60 min; 6 divisions -> 6 per hour, 0.1 per minute
    expect(withEventRate('mitoses per hour?', 'Divisions = 6 (from track)', conversation, 300)).toMatch(/^6 divisions per hour: 6 in 60 min of movie \(13 frames, 300 s apart\)/);
    expect(withEventRate('divisions a minute', 'Divisions = 6 (from track)', conversation, 300)).toMatch(/^0\.1 divisions per minute/);
  });
  it('no rate without a frame interval (said so, per frame), nor for a speed', () => {
    expect(withEventRate('divisions per hour?', 'Divisions = 6', conversation, undefined)).toMatch(/^Divisions = 6\nNot given per hour: no frame interval is known .*\(0\.5 per frame: 6 over 13 frames\)/);
    expect(withEventRate('speed per hour of the dividing cells', 'Divisions = 6', conversation, 300)).toBe('Divisions = 6');
  });
});

describe('statistics listed of a quantity', () => {
  it('no one thing is picked at an extreme, and the list is a question', () => {
    const scope = readQuestion('give me min, max and mean of the nucleus areas');
    expect(scope.which).toBe(false);
    expect(scope.stats).toEqual(['mean', 'min', 'max']);
    expect(isAskedForm('intensity distribution - median ± SD please')).toBe(true);
    expect(readQuestion('intensity distribution - median ± SD please').stats).toEqual(['median', 'sd']);
  });
});

describe('how long a thing was followed', () => {
  it.each([
    ['how long was nucleus 4 tracked?', 'what is the duration of nucleus 4?'],
    ['for how long were the cells visible', 'what is the duration of the cells'],
  ])('%s', (q, plain) => expect(plainQuestion(q)).toBe(plain));
  it('"how long did it take" stays a question about run time', () => {
    expect(plainQuestion('how long did the tracking take?')).toBe('how long did the tracking take?');
  });
});

describe('a change between two frames', () => {
  it.each(['did the cell count rise or fall between frame 2 and frame 7?', 'is the nuclear area going down from frame 1 to frame 4'])('%s', (q) => {
    expect(readQuestion(q).compare).toBe('frames');
    expect(readQuestion(q).frames).toBeUndefined();
  });
  it('a span with no change asked stays a span', () => {
    expect(readQuestion('how many divisions between frame 3 and frame 9?').frames).toEqual({ first: 3, last: 9 });
  });
});
