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

const STACK = [{ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC', powerPercent: 50, exposureMs: 4000 }, { config: 'Rhodamine' }], zPlan: { rangeUm: 4, stepUm: 1 }, timePlan: { intervalS: 300, durationS: 28800 } } } }];
const stacked = (text: string) => routeMicroscopeRequest(text, { acquisitionRunning: true, earlier: STACK });

describe('planes added or taken away by a number (stop 39)', () => {
  it('the count changed at the same step; asked when there is no z-stack', () => {
    expect(stacked('add 2 more z slices')).toMatchObject({ args: { changes: [{ kind: 'zPlan', zPlan: { planes: 7, stepUm: 1 } }] } });
    expect(stacked('take another 2 planes')).toMatchObject({ args: { changes: [{ kind: 'zPlan', zPlan: { planes: 7, stepUm: 1 } }] } });
    expect(stacked('2 fewer slices please')).toMatchObject({ args: { changes: [{ kind: 'zPlan', zPlan: { planes: 3, stepUm: 1 } }] } });
    expect(running('add 2 more z slices')).toMatchObject({ ask: expect.stringMatching(/no z-stack/), command: true });
  });
  it('a count said as the count is the z plan\'s, as before', () => {
    expect(stacked('use 15 slices at 0.5 µm')).toMatchObject({ args: { changes: [{ kind: 'zPlan', zPlan: { rangeUm: 7, stepUm: 0.5 } }] } });
  });
});

describe('a share of the light past the limits (stop 39)', () => {
  it('set at the limit and said, where the value now is known', () => {
    expect(stacked('triple the GFP power')).toMatchObject({ args: { changes: [{ kind: 'power', powerPercent: 100, channel: 'FITC' }] }, notApplied: [expect.stringMatching(/3 x 50 % = 150 % is past the 100 % limit/)] });
    expect(stacked('triple the GFP exposure')).toMatchObject({ args: { changes: [{ kind: 'exposure', exposureMs: 10000, channel: 'FITC' }] } });
  });
  it('left to the tool within the limits, or where a channel\'s value is not known', () => {
    expect(stacked('double the GFP power')).toMatchObject({ args: { changes: [{ kind: 'powerFactor', factor: 2, channel: 'FITC' }] } });
    expect(stacked('triple the power')).toMatchObject({ args: { changes: [{ kind: 'powerFactor', factor: 3 }] } });
  });
});
