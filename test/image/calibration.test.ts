// `cellpilot run --pixel-size-um 650`: a pixel of 650 µm was taken as said without a word; it is most likely 650 nm.
import { describe, expect, it } from 'vitest';
import { nanometresDoubt } from '../../src/image/calibration.ts';

describe('calibration given to cellpilot run', () => {
  it('notes a length in µm so large it was most likely nanometres, and says the µm value it goes on with', () => {
    expect(nanometresDoubt(650, '--pixel-size-um')).toBe(
      '--pixel-size-um 650 is 650 µm, larger than a microscope\'s sample pixel or z step; if you meant nanometres, that is --pixel-size-um 0.65 (the run goes on with 650 µm)',
    );
    expect(nanometresDoubt(300, '--z-step-um')).toMatch(/that is --z-step-um 0\.3 /);
    for (const plausible of [0.065, 0.65, 6.5, 20]) expect(nanometresDoubt(plausible, '--pixel-size-um')).toBeUndefined();
    expect(nanometresDoubt(undefined, '--pixel-size-um')).toBeUndefined();
  });
});
