// A question after the steps about what one of them reports is answered from that step's values:
// no segmentation or measurement is added to answer "the largest shift" after a drift correction.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const movie = [{ id: 'movie-1', type: 'movie', frames: 5 }];

describe('a question about what a step asked before it reports', () => {
  it('adds no step: the drift step answers "the largest shift"', () => {
    expect(toolsOf('correct the drift and tell me the largest shift', movie)).toEqual(['correct_drift']);
    expect(toolsOf('register the frames to the first one and save the result as reg.tif, then tell me the largest shift in microns', movie)).toEqual(['correct_drift']);
    expect(toolsOf('correct the drift, then tell me the biggest drift in microns', movie)).toEqual(['correct_drift']);
  });

  it('keeps the steps a question about other things needs', () => {
    expect(toolsOf('correct the drift and tell me the mean nucleus area', movie)).toEqual(expect.arrayContaining(['correct_drift', 'segment', 'measure']));
    expect(toolsOf('segment the nuclei and tell me their mean area', movie)).toEqual(['segment', 'measure']);
  });

  it('takes no calibration told beside the question for the step it asks about', () => {
    // (the calibration step was taken for the one asked about, and the tracks were never measured)
    expect(toolsOf('track the cells and tell me which one moved the furthest, in microns (pixel size 0.8 um, one frame every 5 min)', movie))
      .toEqual(['set_calibration', 'segment', 'track', 'measure']);
    expect(toolsOf('correct the drift and tell me the largest shift in microns (pixel size 0.5 um)', movie)).toEqual(['set_calibration', 'correct_drift']);
  });
});
