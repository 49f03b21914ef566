// A fluorescent channel said as what changes ("is the GFP going up in the nucleus?") is its intensity, measured in the
// objects over the movie, never a reason to track; a name with its own noun after it keeps its words.
import { beforeAll, describe, expect, it } from 'vitest';
import { withChannelChangeAsIntensity } from '../../../src/agent/planner/channelAsIntensity.ts';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a channel named as what changes', () => {
  it('is said as its intensity', () => {
    expect(withChannelChangeAsIntensity('is the GFP going up in the nucleus over time')).toBe('is the GFP intensity going up in the nucleus over time');
    expect(withChannelChangeAsIntensity('does mCherry in the nuclei drop after the drug?')).toBe('does mCherry intensity in the nuclei drop after the drug?');
    expect(withChannelChangeAsIntensity('the DAPI gets brighter')).toBe('the DAPI intensity gets brighter');
  });
  it('keeps a name followed by its own noun, and a verb before the name', () => {
    // (a level falling or fading said of the channel alone is the bleaching's question)
    for (const text of ['does the GFP signal go up', 'the GFP power is going up', 'increase the GFP exposure', 'the GFP channel changes', 'is my GFP fading during the timelapse?', 'does the GFP drop towards the end?'])
      expect(withChannelChangeAsIntensity(text)).toBe(text);
  });
  it('plans segment and measure with that channel, no tracking', () => {
    const request = 'does the GFP in the nucleus increase over time';
    expect(asSaid.toolsOf(request)).toEqual(['segment', 'measure']);
    expect(asSaid.argsOf(request, 'measure').channel).toBe('GFP');
  });
});
