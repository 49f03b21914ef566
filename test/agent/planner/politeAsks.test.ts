// A request asked politely ("could you please ...?", "would you mind to ...?", "is it possible to ...?") plans as the request.
import { beforeAll, describe, expect, it } from 'vitest';
import { withPoliteAskAsPlease, withPossibleAskAsCanYou, withWishAsPlease } from '../../../src/agent/planner/politeAsks.ts';
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

describe('withWishAsPlease', () => {
  it('reads "I need you to ..." and "I\'d like to ..." as "please ...", never a wish to know', () => {
    expect(withWishAsPlease('I need you to stop please')).toBe('please stop please');
    expect(withWishAsPlease("I'd like to segment and track the nuclei.")).toBe('please segment and track the nuclei.');
    expect(withWishAsPlease("I'd like to know how many cells there are")).toBe("I'd like to know how many cells there are");
    expect(withWishAsPlease('I need to image for 30 more minutes')).toBe('I need to image for 30 more minutes');
  });

  it('plans the wished step alone (no division detection from "I want you to")', () => {
    expect(asSaid.toolsOf('I want you to track only the dividing cells.')).toEqual(asSaid.toolsOf('track only the dividing cells.'));
  });
});
