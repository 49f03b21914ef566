import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/route.ts';
import { spanForAWhile } from '../../../src/agent/acquisitionLanguage/forAWhile.ts';

const RUN = [{ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC', powerPercent: 50 }, { config: 'Rhodamine' }], timePlan: { intervalS: 300, durationS: 21600 } } } }];
const running = (text: string) => routeMicroscopeRequest(text, { acquisitionRunning: true, earlier: RUN });

describe('a change for a while, then back to the value the run has now (stop 40)', () => {
  it('"then go back to every 5 min" at 5 min now is the set-back', () => {
    for (const text of ['every 30 s for the next 20 min, then go back to every 5 min', 'every 30 s for 20 min, then go back to every 5 min', 'every 30 s for the next 20 min then back to 5 min intervals']) {
      expect(running(text)).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 30 }], forS: 1200 } });
    }
    expect(running('FITC at 10% for the next hour, then back to 50%')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'power', powerPercent: 10, channel: 'FITC' }], forS: 3600 } });
  });
  it('another value after is a second phase, asked about (nothing changed)', () => {
    expect(running('every 30 s for the next 20 min, then back to every 10 min')).toMatchObject({ ask: expect.stringMatching(/once/), command: true });
    expect(spanForAWhile('every 30 s for the next 20 min, then go back to every 5 min')).toMatchObject({ rest: 'every 30 s', forS: 1200, backTo: 'every 5 min' });
  });
});

describe('an interval said of some channels only (stop 40)', () => {
  it('a whole multiple of the run\'s interval is those channels every Nth time point', () => {
    expect(running('slow down GFP to every 10 min')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'acquireEvery', channel: 'FITC', every: 2 }] } });
    expect(running('image mCherry every 15 min from now')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'acquireEvery', channel: 'Rhodamine', every: 3 }] } });
  });
  it('any other interval of one channel is asked back, never the whole run changed', () => {
    expect(running('can you make the interval 2 min for GFP only?')).toMatchObject({ ask: expect.stringMatching(/every channel/), command: true });
    expect(running('every 10 min')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 600 }] } });
  });
});

describe('a span said with a hedge, or as a clause of its own (stop 40, helper B second task)', () => {
  it('"about 10 min" after "while ..." is how long the change lasts', () => {
    for (const [text, intervalS, forS] of [['go to every 30 s while I add the drug, about 10 min', 30, 600], ['every 10 s for ~5 min while I perfuse', 10, 300], ['speed up to every 20 s while I add nocodazole; should take around 15 min', 20, 900], ['every 30 s while I add the drug (10 min or so)', 30, 600], ['every 30 s while I wash out, it will take 20 min, then back to every 5 min', 30, 1200]] as const) {
      expect(running(text)).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS }], forS } });
    }
  });
  it('a clause of its own with more after it is no span', () => {
    expect(spanForAWhile('every 30 s, 10 min later drop DAPI', true)?.forS).toBeUndefined();
    expect(running('every 10 min')).toMatchObject({ args: { changes: [{ kind: 'interval', intervalS: 600 }] } });
  });
});
