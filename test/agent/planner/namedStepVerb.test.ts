// A verb that, with the word before it, is a step's own name ("bleach correct") is that one step, not a second
// request; "save it" after it saves that step's output (brief s24/W, item 2).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a step named by its two name words', () => {
  it('runs the step once and saves its result, with no action reported undone', () => {
    expect(toolsOf('could you bleach correct this and then save it')).toEqual(['correct_bleach', 'export']);
    expect(toolsOf('background subtract this one and write it out')).toEqual(['subtract_background', 'export']);
    expect(said('could you bleach correct this and then save it')).not.toMatch(/no tool to/);
  });

  it('still cuts two steps said one after the other', () => {
    expect(toolsOf('segment the cells track them')).toEqual(['segment', 'track']);
  });
});
