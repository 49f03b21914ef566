// A value asked relative to a reference is related to it or named (brief s54/K), in words of no eval file.
import { beforeAll, describe, expect, it } from 'vitest';
import { referencesSaid } from '../../../src/agent/planner/references.ts';
import { loadAcquisitionWords, movieAndLabels, said } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('references', () => {
  it('reads the relating words and the reference after them, up to the end of its phrase', () => {
    expect(referencesSaid('get the Venus level of each blob normalized against the last timepoint, then plot it').map((r) => r.text)).toEqual(['normalized against the last timepoint']);
    expect(referencesSaid('the area as a fraction of the starting size')[0]?.text).toBe('as a fraction of the starting size');
    expect(referencesSaid('the relative area of the cells')).toEqual([]);
  });

  it('names a reference no step relates the values to, and none a normalising step applied', () => {
    expect(said('measure the brightness of the blobs relative to the first timepoint', movieAndLabels)).toMatch(/relative to the first timepoint/);
    expect(said('measure the mean intensity per cell and normalise the traces to F/F0', movieAndLabels)).not.toMatch(/relates the values/);
  });
});
