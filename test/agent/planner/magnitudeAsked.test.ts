// A size word asked of a length a step reports (the drift), not of the objects, asks how much of it there is
// (src/agent/planner/magnitudeAsked.ts): the step that reports it runs, never a segmentation and the objects' areas.
import { beforeAll, describe, expect, it } from 'vitest';
import { withMagnitudeAsked } from '../../../src/agent/planner/magnitudeAsked.ts';
import { catalogue, loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a size asked of a length a step reports', () => {
  it('is how much of it, and the step that reports it answers', () => {
    expect(withMagnitudeAsked('how big is the shift between the first and last frame?', catalogue)).toBe('how much is the shift between the first and last frame?');
    expect(toolsOf('how big is the shift between the first and last frame?')).toEqual(['correct_drift']);
    expect(toolsOf('how large was the drift?')).toEqual(['correct_drift']);
    expect(toolsOf('correct the drift; how large was it in µm?')).toEqual(['correct_drift']);
    // ("it" is the thing named before the question, said by its word so the answer finds the value)
    expect(withMagnitudeAsked('correct the drift; how large was it in µm?', catalogue)).toBe('correct the drift; how much was the drift in µm?');
    expect(withMagnitudeAsked('segment them; how big is it?', catalogue)).toBe('segment them; how big is it?');
  });

  it('leaves the size of the objects as it is', () => {
    for (const q of ['how big are the nuclei?', 'how big is the biggest nucleus?', 'how big is the cell in the top left?']) expect(withMagnitudeAsked(q, catalogue)).toBe(q);
    expect(toolsOf('how big are the nuclei?')).toEqual(['segment', 'measure']);
  });
});
