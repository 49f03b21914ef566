// A change said to last a while (brief s31/B): a count of time points is a span too ("for the next 20 frames",
// "for 10 timepoints"), and a "then go back" after it is part of it; "for" alone opens a span only when asked.
import { describe, expect, it } from 'vitest';
import { spanForAWhile } from '../../../src/agent/acquisitionLanguage/forAWhile.ts';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import type { EarlierStep } from '../../../src/agent/acquisitionLanguage/route.ts';
import { RUNNING_PLAN } from './commandFamilies.ts';

const started: EarlierStep[] = [{ tool: 'start_acquisition', args: { plan: RUNNING_PLAN } }];
const argsOf = (text: string) => (routeMicroscopeRequest(text, { acquisitionRunning: true, earlier: started }) as { args?: Record<string, unknown> }).args;
const intervalS = (RUNNING_PLAN.timePlan as { intervalS: number }).intervalS;

describe('spans of time points', () => {
  it('reads a count of time points after "for the next" or "for", and the words without it and its "then go back"', () => {
    expect(spanForAWhile('for the next 12 frames image every minute')).toEqual({ rest: 'image every minute', timePoints: 12 });
    expect(spanForAWhile('use 250 ms exposure for the next eight timepoints, then go back to normal')).toEqual({ rest: 'use 250 ms exposure', timePoints: 8 });
    expect(spanForAWhile('GFP at 3% for 6 time points')).toEqual({ rest: 'GFP at 3%', timePoints: 6 });
    // ("20 more frames" runs longer: no span)
    expect(spanForAWhile('image for 20 more frames')).toBeUndefined();
  });

  it('opens a span with "for" alone only when asked to', () => {
    expect(spanForAWhile('image every 20 s for 10 min')).toBeUndefined();
    expect(spanForAWhile('image every 20 s for 10 min', true)).toEqual({ rest: 'image every 20 s', forS: 600 });
  });
});

describe('changes for a number of time points', () => {
  it('last that many intervals at the interval the change sets, or the run\'s own', () => {
    expect(argsOf('for the next 12 frames image every 2 minutes')).toEqual({ changes: [{ kind: 'interval', intervalS: 120 }], forS: 1440 });
    expect(argsOf('GFP exposure 250 ms for the next 4 timepoints, then go back')).toMatchObject({ changes: [{ kind: 'exposure', exposureMs: 250 }], forS: 4 * intervalS });
  });

  it('reads "for <time>" after a change that reads no other way as a change for that long', () => {
    expect(argsOf('switch to 45 s intervals for 20 min, we are adding nocodazole')).toEqual({ changes: [{ kind: 'interval', intervalS: 45 }], forS: 1200 });
    // (a run made longer stays a run made longer)
    expect(argsOf('run for 40 more minutes')).toEqual({ changes: [{ kind: 'extend', extraS: 2400 }] });
  });
});
