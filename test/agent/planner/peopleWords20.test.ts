// Analysis requests in people's own words (stop 31, helper E, tuning-analysis-people-20): the channel of the ask after
// facts about the channels, a method called loosely, a sentence of context that names a tool's words.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { argsOf, loadAcquisitionWords, movie, movieAndLabels, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const tracked: KnownArtifact[] = [...movieAndLabels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];

describe('people words 20', () => {
  it('takes the channel said with the verb over the channels of the facts before it', () => {
    expect(argsOf('Two channels: membrane marker in ch1, H2B in ch2. I only care about the nuclei, so segment channel 2 and track.', 'segment', [movie])).toMatchObject({ channel: 2 });
    expect(argsOf('The nuclei are in channel 2. Segment them.', 'segment', [movie])).toMatchObject({ channel: 2 });
  });
  it('reads "the neural net" as the segmentation model', () => {
    expect(argsOf('segment nuclei w/ the neural net pls', 'segment', [movie])).toMatchObject({ method: 'model' });
  });
  it('runs no step for a sentence that only describes the data or a result', () => {
    expect(toolsOf('Phase contrast movie of fibroblasts. Segment the cells and track them.', [movie])).toEqual(['segment', 'track']);
    expect(toolsOf('The tracking looks fine. Could you just plot the tracks?', tracked)).toEqual(['plot']);
    expect(toolsOf('Already segmented. Measure the GFP (channel 2) in each nucleus.', movieAndLabels)).not.toContain('segment');
  });
});

describe('a kymograph line said as a range on one axis (tools/project.ts)', () => {
  it('reads "along x from 0 to 100 at y = 40" and "along y from 10 to 90 at x = 30" as end points', () => {
    expect(argsOf('Kymograph along x from 0 to 100 at y = 40, for channel 2.', 'kymograph', [movie])).toMatchObject({ points: [[0, 40], [100, 40]] });
    expect(argsOf('kymograph along y from 10 to 90 at x = 30', 'kymograph', [movie])).toMatchObject({ points: [[30, 10], [30, 90]] });
  });
});
