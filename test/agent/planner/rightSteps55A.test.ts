// The right steps, no more and no fewer (stop 55, helper A): a plea beside a fault, a fault and its consequence, what is
// there told, a method's note on its own step, the person's work in a program they name.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('the right steps', () => {
  it('puts a fault right when a plea or a consequence is said beside it', () => {
    expect(toolsOf('help, the cells are bleaching')).toEqual(['correct_bleach']);
    expect(toolsOf('help! everything drifts')).toEqual(['correct_drift']);
    expect(toolsOf('help')).toEqual(['help']);
    expect(toolsOf('the images are super noisy, I can barely see anything')).toEqual(['denoise']);
  });
  it('reads what is there as told', () => {
    expect(toolsOf("ok so there's a movie loaded I think, can you track the stuff that moves in it")).toEqual(['segment', 'track']);
    expect(toolsOf("there's no drift, just segment")).toEqual(['segment']);
  });
  it("names the offers of the step a method was said for", () => {
    expect(said('track with the linear motion tracker')).toMatch(/`track` offers/);
  });
  it('writes the file for work the person does in a program, and runs no figure', () => {
    expect(toolsOf('track the nuclei, I will plot them myself in R')).toEqual(['segment', 'track', 'export']);
    expect(toolsOf("segment and measure the intensities, I'll do the stats in R")).toEqual(['segment', 'measure', 'export']);
  });
});
