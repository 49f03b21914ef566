import { beforeAll, describe, expect, it } from 'vitest';
import { unmeasuredCountedDoing } from '../../../src/agent/planner/unmeasuredCounts.ts';
import { loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a count of things doing what no step measures (unmeasuredCounts.ts)', () => {
  it.each([
    ['how many cells leave the field of view?', 'leave the field of view'],
    ['how many nuclei die?', 'die'],
    ['How many of the cells fuse?', 'fuse'],
    ['how many cells enter the frame during the movie?', 'enter the frame'],
    ['how many cells undergo apoptosis?', 'undergo apoptosis'],
    // (a form of be before a verb in -ing is a doing: "are crossing the midline" is no property such as "are round")
    ['how many cells are crossing the midline?', 'are crossing the midline'],
    ['how many nuclei are leaving the field?', 'are leaving the field'],
  ])('%s: says what is not measured, runs nothing, gives no total', (q, doing) => {
    expect(unmeasuredCountedDoing(q)).toBe(doing);
    expect(toolsOf(q)).toEqual([]);
    expect(said(q)).toMatch(new RegExp(`no measurement of which \\w+ "${doing}"`));
    expect(said(q)).not.toMatch(/\d/);
  });
  it.each([
    'how many cells are there?', 'how many cells are in frame 3?', 'how many nuclei are bigger than 40 µm²?', 'how many cells divide?',
    'how many cells move?', 'how many tracks last longer than 5 frames?', 'how many cells stay for the whole movie?', 'how many cells are GFP positive?',
    'how many tracks have a gap?', 'how many nuclei per frame?', 'how many cells do you see in the last frame?', 'how many nuclei were detected?',
    'how many cells get bigger?', 'how many tracks merge?', 'how many cells are touching the border?', 'how many nuclei touch the image edge?', 'how many cells appear in frame 3?', 'how many cells are dividing?', 'how many cells are moving?',
    // (the embedded question's order, and a time word: "there are" and "now" say no doing)
    'could you tell me how many nuclei there are in the last frame', 'tell me how many nuclei there are in each frame', 'how many nuclei now?',
  ])('%s: a count the readers understand stays theirs', (q) => {
    expect(unmeasuredCountedDoing(q)).toBeUndefined();
  });
});
