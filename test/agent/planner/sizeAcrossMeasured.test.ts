// A size asked as a length across ("the typical nucleus diameter") is the objects' equivalent diameter from their areas:
// the table's maker measures it, never the tracker run for the object size it reads to choose its distances.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, movieAndLabels, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a diameter or width asked', () => {
  it('measures the objects, and tracks nothing', () => {
    expect(toolsOf('whats the typical nucleus diameter here')).toEqual(['segment', 'measure']);
    expect(toolsOf('how wide are the cells?')).toEqual(['segment', 'measure']);
    expect(toolsOf('whats the typical nucleus diameter here', movieAndLabels)).toEqual(['measure']);
  });
});
