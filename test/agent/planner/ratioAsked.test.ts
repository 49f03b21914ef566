// A ratio of two channels asked in an order is the first named over the second, whatever the words between.
import { describe, expect, it } from 'vitest';
import { askedChannelRatio } from '../../../src/agent/planner/ratioAsked.ts';

describe('channel ratio asked', () => {
  it.each<[string, [number, number]]>([
    ['what is the ratio of the channel 2 signal to the channel 1 signal?', [2, 1]],
    ['ratio of channel 1 to channel 3 inside the masks', [1, 3]],
    ['the ratio between channel 3 and channel 2', [3, 2]],
    ['channel 2 / channel 1 intensity ratio', [2, 1]],
    ['channel 1:channel 2 ratio per object', [1, 2]],
    ['mean intensity of channel 2 divided by channel 1', [2, 1]],
    ['channel 3 normalised to channel 1, please', [3, 1]],
    ['ch2 over ch1?', [2, 1]],
  ])('"%s" → %j', (q, order) => {
    expect(askedChannelRatio(q)).toEqual(order);
  });

  it.each(['compare channel 1 and channel 2', 'mean intensity in channel 2', 'which channel is brighter, 1 or 2?'])('"%s" asks no ratio in an order', (q) => {
    expect(askedChannelRatio(q)).toBeUndefined();
  });
});
