// The quantity a plain-word extreme stands for: "covering ground" is distance travelled, like "going far".
import { describe, expect, it } from 'vitest';
import { quantityOfAdjectives } from '../../../src/agent/planner/tableAnswers.ts';

describe('quantityOfAdjectives', () => {
  it.each([
    'which cell covered the most ground?',
    'which nucleus covers the least ground',
    'the one covering the most distance',
    'which one went farthest?',
  ])('"%s" asks a distance', (question) => {
    expect(quantityOfAdjectives(question)).toBe('distance');
  });

  it('a ground that is not covered is no distance', () => {
    expect(quantityOfAdjectives('which cell is nearest the ground glass?')).toBe('');
  });
});
