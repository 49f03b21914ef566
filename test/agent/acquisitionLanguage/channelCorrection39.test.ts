import { describe, expect, it } from 'vitest';
import { channelCorrectionAsSwap } from '../../../src/agent/acquisitionLanguage/adjustments.ts';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/route.ts';

const RUN = [{ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'DAPI' }, { config: 'FITC' }], timePlan: { intervalS: 300, durationS: 28800 } } } }];
const running = (text: string) => routeMicroscopeRequest(text, { acquisitionRunning: true, earlier: RUN });
const swap = (out: string, added: string) => ({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropChannel', channel: out }, { kind: 'addChannel', channel: added }] } });

describe('a channel said before, corrected (stop 39)', () => {
  it('the channel meant first, the one taken back after "not", "rather than", "instead of"', () => {
    expect(running('oops, I meant mCherry not GFP')).toMatchObject(swap('FITC', 'Rhodamine'));
    expect(running('sorry I meant mCherry, not GFP')).toMatchObject(swap('FITC', 'Rhodamine'));
    expect(running('sorry, the second channel should be 561 not 488')).toMatchObject(swap('FITC', 'Rhodamine'));
    expect(running('that should have been Cy5 instead of GFP')).toMatchObject(swap('FITC', 'Cy5'));
    expect(running('ah sorry, I meant DAPI rather than GFP')).toMatchObject(swap('FITC', 'DAPI'));
  });
  it('the channel taken back first: "not GFP - RFP" (the dash is no sign that drops RFP)', () => {
    expect(running('no wait, not GFP - RFP')).toMatchObject(swap('FITC', 'Rhodamine'));
    expect(channelCorrectionAsSwap('not the 488 but the 561')).toBe('swap 488 for 561');
  });
  it('leaves other words alone: a channel dropped, a swap said plainly, more words after', () => {
    expect(channelCorrectionAsSwap('drop GFP, not mCherry')).toBe('drop GFP, not mCherry');
    expect(channelCorrectionAsSwap('I meant mCherry not GFP at 5%')).toBe('I meant mCherry not GFP at 5%');
    expect(running('drop GFP, not mCherry')).toMatchObject({ args: { changes: [{ kind: 'dropChannel', channel: 'FITC' }] } });
    expect(running('swap GFP for DAPI')).toMatchObject(swap('FITC', 'DAPI'));
  });
});
