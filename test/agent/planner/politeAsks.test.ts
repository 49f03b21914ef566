// A request asked politely ("could you please ...?", "would you mind to ...?", "I need you to ...") plans as the request.
import { beforeAll, describe, expect, it } from 'vitest';
import { withPoliteAskAsPlease, withWishAsPlease } from '../../../src/agent/planner/politeAsks.ts';
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

describe('withWishAsPlease', () => {
  it('reads "I need you to ..." as "please ...", never a wish to know nor a goal without "you"', () => {
    expect(withWishAsPlease('I need you to stop please')).toBe('please stop please');
    expect(withWishAsPlease("I'd like you to segment and track the nuclei.")).toBe('please segment and track the nuclei.');
    expect(withWishAsPlease("I'd like to follow each nucleus. Can you denoise and then track them?")).toBe("I'd like to follow each nucleus. Can you denoise and then track them?");
    expect(withWishAsPlease("I'd like to know how many cells there are")).toBe("I'd like to know how many cells there are");
    expect(withWishAsPlease('I need to image for 30 more minutes')).toBe('I need to image for 30 more minutes');
  });

  it('plans the wished step alone (no division detection from "I want you to")', () => {
    expect(asSaid.toolsOf('I want you to track only the dividing cells.')).toEqual(asSaid.toolsOf('track only the dividing cells.'));
  });
});
