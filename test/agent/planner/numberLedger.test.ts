// Every number the person gave is taken or named (brief s54/K), in words of no eval file.
import { beforeAll, describe, expect, it } from 'vitest';
import { givenNumbers, phraseOf, untakenNumbers } from '../../../src/agent/planner/numberLedger.ts';
import { loadAcquisitionWords, movieAndLabels, said } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('numbers given', () => {
  it('reads digits standing alone and counts in words beside a rank word, never a part of a name', () => {
    expect(givenNumbers('measure H2B in U2OS cells, the largest four, in 2D, from psf_488.tif at 10:30').map((n) => n.value)).toEqual([4]);
    expect(givenNumbers('keep the 12 roundest cells and 5min apart').map((n) => n.value)).toEqual([12, 5]);
    // (a count in words with no rank word beside it is an article or a pronoun's: "each one", "two channels")
    expect(givenNumbers('measure each one in both of the two channels')).toEqual([]);
  });

  it('quotes a number with the content words around it', () => {
    const request = 'measure the spots after the wash at timepoint 42 please';
    expect(phraseOf(givenNumbers(request)[0], request)).toBe('timepoint 42');
    const ranked = 'count the seven dimmest blobs in each frame';
    expect(phraseOf(givenNumbers(ranked)[0], ranked)).toBe('seven dimmest blobs');
  });

  it('finds a number taken in another form (a frame before it, a share of 1, seconds) taken', () => {
    const plan = { steps: [{ tool: 'measure', args: { frames: { first: 1, last: 6 } }, clause: '' }] };
    expect(untakenNumbers('measure the blobs before frame 7', plan, '', () => false)).toEqual([]);
    expect(untakenNumbers('measure the blobs before frame 7, skipping the 3 faintest', plan, '', () => false).map((n) => n.value)).toEqual([3]);
    // (said by a line of the answer already, artifact names aside: "table-3" says no 3)
    expect(untakenNumbers('the 3 faintest', { steps: [] }, 'wrote table-3', () => false).map((n) => n.value)).toEqual([3]);
    expect(untakenNumbers('the 3 faintest', { steps: [] }, 'Not applied: "3 faintest"', () => false)).toEqual([]);
  });
});

describe('in the answer', () => {
  it('names a number no step took, in the person\'s words', () => {
    expect(said('measure the intensity of the smallest six blobs per frame', movieAndLabels)).toMatch(/smallest 6 blobs|smallest six blobs/);
    // ("at timepoint 44" is a frame scope since helper Q's moment reading; a rank count no step takes is named)
    expect(said('measure the mean mCherry level of the 5 largest nuclei only', movieAndLabels)).toMatch(/5 largest/);
  });

  it('adds no line when every number was applied', () => {
    expect(said('measure the mean intensity in channel 2 for frames 8 to 31', movieAndLabels)).not.toMatch(/did not apply|not applied/i);
  });
});
