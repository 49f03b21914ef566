// An action asked for in a clause of its own is done or named, never dropped in silence: a step whose words many tools
// use gives way to a telling step beside it, but when it opens with its own verb it is named as not done; and an axis a
// tool does not offer (collapsing the channels) is asked back, never replaced by another axis.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a weak step with a verb of its own', () => {
  it('is named as not done when it gives way to the telling step', () => {
    const request = 'average the channels together and then segment';
    expect(toolsOf(request)).toEqual(['segment']);
    expect(said(request)).toMatch(/I have no tool to average \("average the channels together"\): nothing was done for it/);
  });
  it('is not named when it has no verb of its own (an aside naming the same thing)', () => {
    expect(said('make a max projection, a picture of all the frames stacked')).not.toMatch(/no tool/);
  });
});

describe('collapsing the channels', () => {
  it('is asked back, never a time projection instead', () => {
    for (const request of ['average the channels together', 'sum the two channels', 'max project across channels']) {
      expect(toolsOf(request), request).toEqual([]);
      expect(said(request), request).toMatch(/I cannot combine channels: `project` collapses time/);
    }
  });
  it('leaves a projection of one channel over time alone', () => {
    expect(toolsOf('max projection of channel 2 over time')).toEqual(['project']);
    expect(new Set(toolsOf('mean projection of both channels over time'))).toEqual(new Set(['project']));
  });
});
