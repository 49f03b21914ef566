// A step said done in the passive after a word of time, and an order said with a negation ("don't X until Y"), are read
// as "X after Y" (stepSaidDone.ts): both steps run, Y first.
import { beforeAll, describe, expect, it } from 'vitest';
import { withStepsSaidDoneAsAfter } from '../../../src/agent/planner/stepSaidDone.ts';
import { asSaid, catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a step said done, and an order said with a negation', () => {
  it('reads the passive as the step\'s gerund, and "not X until Y" as "X after Y"', () => {
    expect(withStepsSaidDoneAsAfter('only segment the cells once the background is subtracted', catalogue)).toBe('only segment the cells after subtracting the background');
    expect(withStepsSaidDoneAsAfter("don't segment until the drift has been corrected", catalogue)).toBe('segment after correcting the drift');
    expect(withStepsSaidDoneAsAfter("don't stop until 6 pm", catalogue)).toBe("don't stop until 6 pm");
    expect(withStepsSaidDoneAsAfter("don't image until the drug has been added", catalogue)).toBe("don't image until the drug has been added");
  });

  it('plans both steps, the one said done first', () => {
    expect(asSaid.toolsOf("don't segment until the drift has been corrected")).toEqual(['correct_drift', 'segment']);
    expect(asSaid.toolsOf('do not track the nuclei before the bleaching has been corrected')).toEqual(['correct_bleach', 'segment', 'track']);
    expect(asSaid.toolsOf('segment the nuclei once the movie has been denoised')).toEqual(['denoise', 'segment']);
  });
});
