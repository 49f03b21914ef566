// A clause that only compares the step before with a program's way ("like in Fiji") is how that step runs, no file written
// for the program; a method compared with ("like Imaris spots", "the way Imaris does it") is named as "with" names it.
import { beforeAll, describe, expect, it } from 'vitest';
import { comparesOnly } from '../../../src/agent/planner/comparisonClause.ts';
import { loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a clause that only compares', () => {
  it('is read as a comparison', () => {
    expect(comparesOnly('like in Fiji')).toBe(true);
    expect(comparesOnly('as in TrackMate')).toBe(true);
    expect(comparesOnly('the way Imaris does it')).toBe(true);
    expect(comparesOnly('as a tiff')).toBe(false);
    expect(comparesOnly('like in Fiji, export the masks')).toBe(false);
  });
  it('writes no file for the program it names', () => {
    expect(toolsOf('Temporal-Color Code of the whole movie please, like in Fiji')).toEqual(['project']);
    expect(toolsOf('segment the nuclei, like in Fiji')).toEqual(['segment']);
  });
  it('leaves a file asked for the program', () => {
    expect(toolsOf('segment the nuclei, like in Fiji, and save the masks for Fiji')).toEqual(['segment', 'export']);
  });
});

describe('a method compared with', () => {
  it('is named as not applied, as "with" names it', () => {
    expect(said('do it like Imaris spots and track the nuclei')).toMatch(/Not applied: "Imaris spots"/);
    expect(said('track the nuclei, the way Imaris does it')).toMatch(/Not applied: "Imaris"/);
  });
  it('is no method where "like" wants or seems', () => {
    expect(said("I'd like the nuclei segmented")).not.toMatch(/Not applied/);
    expect(said('segment nuclei that look like blobs')).not.toMatch(/Not applied/);
  });
});
