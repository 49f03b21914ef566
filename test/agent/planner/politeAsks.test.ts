// A request asked politely ("could you please ...?", "would you mind to ...?", "is it possible to ...?") plans as the request.
import { beforeAll, describe, expect, it } from 'vitest';
import { withPoliteAskAsPlease, withPossibleAskAsCanYou } from '../../../src/agent/planner/politeAsks.ts';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('withPoliteAskAsPlease', () => {
  it('reads "could you please ...?" and "would you mind to ...?" as "please ..."', () => {
    expect(withPoliteAskAsPlease('Could you please halve the z step?')).toBe('please halve the z step');
    expect(withPoliteAskAsPlease('hi, would you mind to stop GFP?')).toBe('hi, please stop GFP');
    expect(withPoliteAskAsPlease('can you segment in 3D?')).toBe('can you segment in 3D?');
    expect(withPoliteAskAsPlease('could you please segment? and how many are there?')).toBe('please segment? and how many are there?');
  });
});

describe('withPossibleAskAsCanYou', () => {
  it('reads "is it possible to ...?" as "can you ...?"', () => {
    expect(withPossibleAskAsCanYou('Is it possible to track with a max gap of 4 frames?')).toBe('can you track with a max gap of 4 frames?');
    expect(withPossibleAskAsCanYou('would it be possible for you to segment the cells?')).toBe('can you segment the cells?');
  });

  it('plans the step with its setting, as "can you" does', () => {
    expect(asSaid.argsOf('Is it possible to track with a max gap of 4 frames?', 'track')).toMatchObject({ maxFrameGap: 4 });
    expect(asSaid.toolsOf('Is it possible to track with a max gap of 4 frames?')).toEqual(asSaid.toolsOf('can you track with a max gap of 4 frames?'));
  });
});
