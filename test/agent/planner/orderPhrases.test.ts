// A step named as a noun after "once ... is done" or an opening "following" is said as "after <step>" (orderPhrases.ts),
// and a preparing step put after the analysis by its own words stays there (preparedFirst.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { withOrderPhrasesAsAfter } from '../../../src/agent/planner/orderPhrases.ts';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('order said around a step named as a noun', () => {
  it('reads "once X is done" and an opening "following X" as "after X", never of the run nor of objects followed', () => {
    expect(withOrderPhrasesAsAfter('count the cells once the denoising has been completed')).toBe('count the cells after the denoising');
    expect(withOrderPhrasesAsAfter('following registration, count them')).toBe('after registration, count them');
    expect(withOrderPhrasesAsAfter('following the cells, count them')).toBe('following the cells, count them');
    expect(withOrderPhrasesAsAfter('stop once the acquisition is done')).toBe('stop once the acquisition is done');
  });

  it('plans the noun step first, the finishing word no stop of the microscope', () => {
    expect(asSaid.toolsOf('link the nuclei over time when background subtraction is finished')).toEqual(['subtract_background', 'segment', 'track']);
    expect(asSaid.toolsOf('correct the bleaching after segmentation')).toEqual(['segment', 'correct_bleach']);
  });
});

describe('a purpose left to the user, and a step whose object is "nothing"', () => {
  it('runs only the steps asked', () => {
    expect(asSaid.toolsOf('segment the nuclei so that I can track them myself in TrackMate afterwards')).toEqual(['segment']);
    expect(asSaid.toolsOf('track the cells, measure nothing, just save the tracks')).toEqual(['segment', 'track', 'export']);
    expect(asSaid.toolsOf('Track the cells across frames and visualise the tracks.')).toEqual(['segment', 'track', 'plot']);
  });
});
