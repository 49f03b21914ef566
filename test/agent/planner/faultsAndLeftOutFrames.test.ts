import { beforeAll, describe, expect, it } from 'vitest';
import { frameScopeSaid } from '../../../src/agent/planner/frameScope.ts';
import { argsOf, loadAcquisitionWords, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const forty = [{ id: 'movie-1', type: 'movie' as const, frames: 40 }];

describe('a verb of putting a fault right asks for the tool that removes the fault (stop 40, helper C)', () => {
  it('reads the fault a tool declares it removes, whichever tool the verb alone names', () => {
    expect(toolsOf('normalise the bleaching then track the nuclei')).toEqual(['correct_bleach', 'segment', 'track']);
    expect(toolsOf('normalize for photobleaching')).toEqual(['correct_bleach']);
    expect(toolsOf('take out the background, then segment')).toEqual(['subtract_background', 'segment']);
    expect(toolsOf('get rid of the jitter')).toEqual(['correct_drift']);
    expect(toolsOf('smooth out the jitter, then segment')).toEqual(['correct_drift', 'segment']);
    expect(toolsOf('remove the flicker and then segment')).toEqual(['correct_bleach', 'segment']);
  });

  it('leaves a verb with an object that is no fault to its own tool', () => {
    expect(toolsOf('segment and track the nuclei, then normalise the intensity traces to F/F0')).toContain('analyze_timeseries');
    expect(toolsOf('smooth the image')).toEqual(['denoise']);
  });
});

describe('frames said as left out are the frames not to run on (stop 40, helper C)', () => {
  it('reads a range left out', () => {
    expect(frameScopeSaid('segment but skip frames 1-5', 40)).toMatchObject({ range: { first: 6, last: 40 }, relative: true });
    expect(frameScopeSaid('leave out frames 30 to 40', 40)).toMatchObject({ range: { first: 1, last: 29 } });
    expect(frameScopeSaid("denoise but don't touch the first 10 frames", 40)).toMatchObject({ range: { first: 11, last: 40 } });
    expect(frameScopeSaid('track but not in frames 10-20', 40)).toMatchObject({ middle: true });
  });

  it('runs on what is left, or names what it could not leave out; never on the frames left out', () => {
    expect(argsOf('segment the nuclei but skip frames 1-5', 'segment', forty)).toMatchObject({ frames: { first: 6, last: 40 } });
    expect(argsOf("make it less noisy but don't touch the first 10 frames", 'denoise', forty)).toMatchObject({ frames: { first: 11, last: 40 } });
    expect(argsOf('track the cells but not in frames 10-20', 'segment', forty)).not.toHaveProperty('frames');
    expect(said('track the cells but not in frames 10-20', forty)).toMatch(/Not applied: "not in frames 10-20"/);
    expect(plan('segment only frames 10-20', forty).steps[0].args).toMatchObject({ frames: { first: 10, last: 20 } });
  });
});

describe('z slices said for a step that cannot pick them (stop 40, helper C)', () => {
  it('are named in one line, and their number is no setting of the step', () => {
    expect(argsOf('segment the nuclei in z-slice 5 only', 'segment')).not.toHaveProperty('objectRadiusPx');
    expect(said('segment the nuclei in z-slice 5 only')).toMatch(/Not applied: "z-slice 5" — `segment` cannot pick z slices/);
    expect(said('segment the middle slice')).toMatch(/Not applied: "the middle slice"/);
    expect(argsOf('segment the nuclei with a radius of 5 px in slice 5', 'segment')).toMatchObject({ objectRadiusPx: 5 });
  });

  it('reads no z scope in a z step, a size or a projection over z', () => {
    expect(said('segment the nuclei with a z step of 2 um')).not.toMatch(/cannot pick z slices/);
    expect(said('max project over z, then segment')).not.toMatch(/cannot pick z slices/);
  });
});
