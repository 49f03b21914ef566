// A move of the stage said in words, relative to where it is.
import { describe, expect, it } from 'vitest';
import { stageOffsetSaid } from '../../src/microscope/stageOffset.ts';

describe('a stage offset in words', () => {
  it('reads a distance and a direction, in µm or mm, and sums the parts', () => {
    expect(stageOffsetSaid('100 µm to the left')).toEqual({ dxUm: -100, dyUm: 0 });
    expect(stageOffsetSaid('by 50 um up')).toEqual({ dxUm: 0, dyUm: -50 });
    expect(stageOffsetSaid('0.5 mm right and 200 microns down')).toEqual({ dxUm: 500, dyUm: 200 });
    expect(stageOffsetSaid('300 microns in x')).toEqual({ dxUm: 300, dyUm: 0 });
  });

  it('finds none where no distance goes with a direction', () => {
    expect(stageOffsetSaid('go to position 2')).toBeUndefined();
    expect(stageOffsetSaid('the cells on the left')).toBeUndefined();
    expect(stageOffsetSaid('image 3 positions')).toBeUndefined();
  });
});
