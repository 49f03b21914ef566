// "segment and track the nuclei" gives the segmentation its target however the request is asked (planner.ts sharedObjects).
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('sharedObjects', () => {
  it('shares the object after "please", "can you" and "I\'d like to" before the verb', () => {
    for (const asked of ['please segment and track the nuclei', 'can you segment and track the nuclei?', "I'd like to segment and track the nuclei.", 'segment and track the nuclei'])
      expect(argsOf(asked, 'segment')).toMatchObject({ target: 'nuclei' });
  });
});
