// Stop 44, helper D: a new user's analysis requests. A selection of tracks said as a noun phrase is filter_tracks; a
// goal of seeing the objects better is a background subtraction, said so; household things are refused; a fault after
// "get rid of" or "stop ... from" reaches its tool; a verb no tool knows with a file to put things in is the writer.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { isAskedForm } from '../../../src/agent/planner/tableAnswers.ts';
import * as offline from './planOffline.ts';
import { loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const { toolsOf, argsOf, said } = offline.asSaid;
const tracksHeld: KnownArtifact[] = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];

describe('a selection of tracks said as the clause\'s object', () => {
  it('is filter_tracks with the rule its own reader reads, whatever other tools\' words the rule uses', () => {
    expect(toolsOf('tracks that start in the first frame', tracksHeld)).toEqual(['filter_tracks']);
    expect(argsOf('tracks that start in the first frame', 'filter_tracks', tracksHeld)).toMatchObject({ presentAtStart: true });
    expect(argsOf('the longest 10 tracks', 'filter_tracks', tracksHeld)).toMatchObject({ top: 10, rankBy: 'frames' });
    expect(argsOf('top 5 tracks by total distance', 'filter_tracks', tracksHeld)).toMatchObject({ top: 5, rankBy: 'path_length' });
    expect(argsOf('trajectories lasting at least 15 frames', 'filter_tracks', tracksHeld)).toMatchObject({ minFrames: 15 });
  });

  it('leaves a question as it was', () => {
    expect(toolsOf('which are the 3 fastest tracks?', tracksHeld)).not.toContain('filter_tracks');
    // (a question that the selector's words read, with no rule to select by: measured, not a selection refused; lead)
    expect(toolsOf('how long do the tracks last, in minutes?', tracksHeld)).toEqual(['measure']);
    expect(toolsOf('keep the tracks that last the whole movie', tracksHeld)).toEqual(['filter_tracks']);
    expect(isAskedForm('fastest 2 tracks pls')).toBe(true);
    expect(isAskedForm('the longest 10 tracks')).toBe(false);
  });
});

describe('a goal of seeing the objects better', () => {
  it('is a background subtraction, and the answer says which operation was read', () => {
    for (const request of ['boost the contrast', 'make the nuclei easier to see', 'improve the contrast and then segment the nuclei']) {
      expect(toolsOf(request)[0], request).toBe('subtract_background');
      expect(said(request), request).toMatch(/as a background subtraction/);
    }
  });
});

describe('household things', () => {
  it('are refused, in their plurals too', () => {
    for (const request of ['count my coins', 'count the candies in the jar', 'track my cat']) expect(toolsOf(request), request).toEqual([]);
  });
});

describe('a fault said after a verb of putting right or of preventing', () => {
  it('reaches the tool that removes it', () => {
    expect(toolsOf('get rid of the flicker')).toEqual(['correct_bleach']);
    expect(toolsOf('stop the image from jumping around')).toEqual(['correct_drift']);
    expect(toolsOf('stop the acquisition')).toEqual(['stop_acquisition']);
  });
});

describe('a verb no tool knows, with a file to put things in', () => {
  it('is the step that writes copies there', () => {
    expect(toolsOf('count the cells per frame and put the table in results/counts.csv')).toContain('export');
    expect(argsOf('count the cells per frame and put the table in results/counts.csv', 'export')).toMatchObject({ output: 'results/counts.csv' });
  });
});
