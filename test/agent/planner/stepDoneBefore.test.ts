// A step named in a question as done before it runs first; the question is asked of its movie.
import { beforeAll, describe, expect, it } from 'vitest';
import { stepDoneBefore } from '../../../src/agent/planner/stepDoneBefore.ts';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('the step a question names as done before it', () => {
  it('is read apart from the question, wherever it stands', () => {
    expect(stepDoneBefore('how many cells are there once the background is subtracted?')).toEqual({ step: 'the background is subtracted', question: 'how many cells are there?' });
    expect(stepDoneBefore('after denoising, what is the mean nucleus area?')).toEqual({ step: 'denoising', question: 'what is the mean nucleus area?' });
    expect(stepDoneBefore('following registration of the frames, how fast do the cells move?')?.step).toBe('registration of the frames');
    expect(stepDoneBefore('how many cells are there after frame 20?')).toBeUndefined();
  });

  it('runs first, then the steps the question needs on its movie', () => {
    expect(asSaid.toolsOf('how many cells are there once the background is subtracted?').slice(0, 2)).toEqual(['subtract_background', 'segment']);
    expect(asSaid.toolsOf('after denoising, what is the mean nucleus area?').slice(0, 2)).toEqual(['denoise', 'segment']);
    expect(asSaid.toolsOf('following registration of the frames, how fast do the cells move?').slice(0, 3)).toEqual(['correct_drift', 'segment', 'track']);
    expect(asSaid.toolsOf('after smoothing, how many nuclei are in frame 3?').slice(0, 2)).toEqual(['denoise', 'segment']);
    expect(asSaid.toolsOf('how many nuclei per frame after drift correction?').slice(0, 2)).toEqual(['correct_drift', 'segment']);
  });

  it('leaves a question about the step itself alone', () => {
    expect(asSaid.toolsOf('is there any bleaching?')).toEqual(['correct_bleach']);
    expect(asSaid.toolsOf('how many divisions happen after frame 10?')).not.toContain('denoise');
  });
});
