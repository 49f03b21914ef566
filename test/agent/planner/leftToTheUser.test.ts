// A step the user says they will do themselves is neither run nor named as a setting of another step; a clause about
// what the user will do with a result asks for that result.
import { beforeAll, describe, expect, it } from 'vitest';
import { leftToTheUser } from '../../../src/agent/planner/leftToTheUser.ts';
import { loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a clause left to the user', () => {
  it('is read from the user as subject, in the future, doing it themselves or later', () => {
    for (const clause of ["I'll do the tracking myself in TrackMate", 'the tracking we will do ourselves', "but I'm going to count them by hand later", 'we can plot them on our own'])
      expect(leftToTheUser(clause), clause).toBe(true);
    for (const clause of ["I'll need the tracks later as CSV", 'we will open them in Fiji ourselves', 'I want to track them myself', 'track them later', 'segment the nuclei'])
      expect(leftToTheUser(clause), clause).toBe(false);
  });
  it('turns its step down, and its words set nothing', () => {
    const request = "I just need the masks as a tiff for Fiji, I'll do the tracking myself in TrackMate";
    expect(toolsOf(request)).toEqual(['segment', 'export']);
    expect(said(request)).not.toMatch(/I did not apply|Not applied/);
    expect(toolsOf('segment the nuclei; the tracking I will do later in TrackMate')).toEqual(['segment']);
  });
  it('leaves a step the user needs the result of', () => {
    expect(toolsOf("segment and track the nuclei, I'll need the tracks later as CSV")).toEqual(['segment', 'track', 'export']);
  });
});
