// Counts at a scope asked as a table ("the number of nuclei in every frame as a table") are the table maker's rows (measure's
// per-frame summary), on the labels held: never a segmentation run again for its count said in the answer alone.
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords, movieAndLabels, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('counts per frame asked as a table', () => {
  it('are measured as a per-frame summary table', () => {
    expect(toolsOf('give me the number of nuclei in every frame as a table', movieAndLabels)).toEqual(['measure']);
    expect(argsOf('give me the number of nuclei in every frame as a table', 'measure', movieAndLabels).kind).toBe('summary');
    expect(toolsOf('give me a table of the number of nuclei in every frame')).toEqual(['segment', 'measure']);
  });
});
