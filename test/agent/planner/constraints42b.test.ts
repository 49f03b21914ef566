// Constraints no longer dropped in silence (stop 42, helper B, second task): things left out by how many frames they
// last, gap closing turned down by "allow", two area bounds in one clause, kinds joined by a slash, a z-stack to acquire
// with a movie open.
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('constraints left in silence before', () => {
  it('names things left out by how many frames they last, and reads no gap from "skip cells"', () => {
    expect(said('segment and track, skip cells only there for 1 or 2 frames')).toMatch(/Not applied: "skip cells only there for 1 or 2 frames"/);
    expect(argsOf('segment and track, skip cells only there for 1 or 2 frames', 'track').maxFrameGap).toBeUndefined();
    expect(argsOf('track, allow skipping 1 frame', 'track').maxFrameGap).toBe(1);
  });
  it('turns gap closing off when gaps are not allowed', () => {
    expect(argsOf('segment and link them but don\'t allow gaps', 'track').allowGapClosing).toBe(false);
    expect(argsOf('segment the nuclei, link them, gaps not allowed', 'track').allowGapClosing).toBe(false);
    expect(argsOf('segment and track, allow gaps', 'track').allowGapClosing).not.toBe(false);
  });
  it('keeps both bounds said in one clause', () => {
    expect(argsOf('segment, min area 20 max area 400', 'segment')).toMatchObject({ minAreaPx: 20, maxAreaPx: 400 });
  });
  it('names kinds joined by a slash as one kind left out', () => {
    expect(said('segment and count, skip the dead/apoptotic cells')).toMatch(/Not applied: "skip the dead\/apoptotic cells"/);
  });
  it('acquires a z-stack of a channel with its spacing, whatever movie is open; a projection stays one', () => {
    expect(toolsOf('I need a z-stack of DAPI, 15 slices, 0.5 micron steps')).toEqual(['start_acquisition']);
    expect(toolsOf('max projection of the DAPI z-stack')).toEqual(['project']);
  });
});
