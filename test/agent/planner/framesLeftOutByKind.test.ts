// Frames left out by their kind ("drop the blurry frames") restrict the step beside them and are named as not applied; a
// tool's word saying the kind ("blurry" of a blur) names no step (stop 49, helper C).
import { beforeAll, describe, expect, it } from 'vitest';
import { framesLeftOutByKind } from '../../../src/agent/planner/framesLeftOutByKind.ts';
import { loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('frames left out by their kind', () => {
  it('reads the kind between the verb and the frames', () => {
    expect(framesLeftOutByKind('drop the blurry frames')).toBe('blurry');
    expect(framesLeftOutByKind('discard any out-of-focus timepoints')).toBe('out-of-focus');
    expect(framesLeftOutByKind('then remove the noisy time points')).toBe('noisy');
  });
  it('leaves frames said by their place or number, and things taken out of the frames, alone', () => {
    expect(framesLeftOutByKind('skip the first 3 frames')).toBeUndefined();
    expect(framesLeftOutByKind('drop the last ten frames')).toBeUndefined();
    expect(framesLeftOutByKind('remove the noise from the frames')).toBeUndefined();
    expect(framesLeftOutByKind('remove the background')).toBeUndefined();
    expect(framesLeftOutByKind('remove the flicker between frames')).toBeUndefined();
  });
  it('plans no blur for "drop the blurry frames" and names it as not applied', () => {
    const request = 'drop the blurry frames, then segment and track';
    expect(toolsOf(request)).toEqual(['segment', 'track']);
    expect(said(request)).toMatch(/Not applied: "drop the blurry frames"/);
  });
  it('names it as not done when no step is asked beside it', () => {
    expect(toolsOf('get rid of the blurry frames')).toEqual([]);
    expect(said('get rid of the blurry frames')).toMatch(/I have no tool to leave out frames by how they look/);
  });
  it('keeps a denoising asked of the frames', () => {
    expect(toolsOf('remove the noise from the frames and segment')).toEqual(['denoise', 'segment']);
  });
});
