// A clause of order alone ("After tracking, ...") names the step to start from: with its result open, no new run.
import { beforeAll, describe, expect, it } from 'vitest';
import { namesOnlyTheOrder } from '../../../src/agent/planner/orderReference.ts';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { loadAcquisitionWords, movie, movieAndLabels, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const tracked: KnownArtifact[] = [...movieAndLabels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];

describe('namesOnlyTheOrder', () => {
  it('is true for a word of order and a gerund or noun of a step alone', () => {
    for (const text of ['After tracking', 'once segmentation is done', 'now that the tracking is finished', 'following tracking,']) expect(namesOnlyTheOrder(text), text).toBe(true);
  });
  it('is false when the clause says more of the step', () => {
    for (const text of ['after tracking the nuclei with LAP', 'track the nuclei', 'after that, segment']) expect(namesOnlyTheOrder(text), text).toBe(false);
  });
});

describe('planning', () => {
  it('does not track again when tracks are open and the request starts "after tracking"', () => {
    expect(toolsOf('After tracking, cluster the cells with UMAP and plot the result', tracked)).not.toContain('track');
  });
  it('still tracks when nothing is tracked yet', () => {
    expect(toolsOf('After tracking, cluster the cells with UMAP and plot the result', [movie])).toContain('track');
  });
});
