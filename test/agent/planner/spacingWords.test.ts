// A distance between the objects of one frame, in the words people use for it, reads as the nearest-neighbour distance;
// a distance two numbered objects or frames name, and a distance travelled, keep their words.
import { describe, expect, it } from 'vitest';
import { withSpacingAsNearestNeighbour } from '../../../src/agent/planner/spacingWords.ts';

describe('spacing between objects', () => {
  it.each([
    'how far apart are the nuclei?',
    'on average, how far apart are the cells from one another?',
    'How far are the nuclei from each other in frame 3?',
    'how close are the cells to each other?',
    'how close together are my nuclei',
    'what is the distance between neighbouring nuclei?',
    'typical spacing between adjacent cells',
    'the separation of the nuclei per frame',
    'what is the internuclear distance?',
    'cell-to-cell distance please',
    'the distance from each nucleus to its nearest neighbour',
  ])('"%s" asks the nearest-neighbour distance', (q) => {
    expect(withSpacingAsNearestNeighbour(q)).toMatch(/nearest neighbour distance/);
  });

  it.each([
    'how far apart are cells 3 and 5?',
    'distance between frame 1 and frame 20',
    'how far did the cells travel?',
    'how far did each nucleus move in total?',
    'what is the total distance of track 2?',
  ])('"%s" keeps its words', (q) => {
    expect(withSpacingAsNearestNeighbour(q)).toBe(q);
  });
});
