import { describe, expect, it } from 'vitest';
import { settingAnswer, stepNamingMeanings } from '../../../src/agent/planner/stepSettings.ts';
import { indexFor } from '../../../src/agent/planner/toolIndex.ts';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';

const segmented: PastResult = { tool: 'segment', args: {}, ok: true, summary: 'Found 4 objects per frame in 3 frames.', values: { objects: 12, frames: 3, method: 'otsu', parameters: { sigmaPx: 1.2, minAreaPx: 30 } }, artifacts: [] };
const schema = { sigmaPx: { description: 'Gaussian smoothing or blur before thresholding, pixels (0 = none)' }, minAreaPx: { description: 'Drop objects smaller than this, pixels' }, objectRadiusPx: { description: 'Typical object radius, pixels; default estimated from the movie (smoothing, seed spacing, area limits follow from it)' } };
const index = indexFor(new Map());

describe('a question about a step setting', () => {
  it('is answered from the step record, never another value', () => {
    expect(settingAnswer('what gaussian blur did the segmentation apply?', [segmented], index, () => schema)).toMatch(/sigmaPx = 1\.2 px/);
    expect(settingAnswer('what minimum area did the segmentation keep?', [segmented], index, () => schema)).toMatch(/minAreaPx = 30 px/);
    expect(settingAnswer('what exposure time did the segmentation assume?', [segmented], index, () => schema)).toMatch(/^Not recorded/);
  });
  it('leaves data questions and commands alone', () => {
    expect(settingAnswer('how many nuclei did the segmentation find?', [segmented], index, () => schema)).toBeUndefined();
    expect(settingAnswer('is the mean area bigger in the first half?', [segmented], index, () => schema)).toBeUndefined();
  });
  it('reads the word naming the step as no quantity asked', () => {
    expect([...stepNamingMeanings('sigma of the segmentation?', [segmented], index)].length).toBe(1);
  });
});
