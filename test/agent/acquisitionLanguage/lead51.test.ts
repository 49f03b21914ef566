// The lead's user tries of stop 51 on a running acquisition, each a general mechanism.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords } from '../planner/planOffline.ts';
import { fourPositions, route } from './runningAcquisition.ts';

beforeAll(loadAcquisitionWords);

describe('an autofocus switched on runs before every time point', () => {
  it.each(['turn on autofocus', 'autofocus on please', 'enable AF'])('%s', (request) => {
    expect((route(request) as { args?: unknown } | undefined)?.args).toEqual({ changes: [{ kind: 'autofocusSchedule', everyTimepoints: 1 }] });
  });
  it('"refocus" alone is one autofocus', () => {
    expect((route("refocus") as { args?: unknown } | undefined)?.args).toEqual({ changes: [{ kind: 'autofocus' }] });
  });
});

describe('a span beside "faster" or "slower" that is no time a change lasts is the interval', () => {
  it.each([
    ['faster please, 30 s', 30],
    ['slower, like 10 min', 600],
  ])('%s', (request, intervalS) => {
    expect((route(request, fourPositions) as { args?: unknown } | undefined)?.args).toEqual({ changes: [{ kind: 'interval', intervalS }] });
  });
  it('"go faster for the next 20 min" still lasts 20 min', () => {
    expect((route('go faster for the next 20 min', fourPositions) as { args?: { forS?: number } } | undefined)?.args?.forS).toBe(1200);
  });
  it('"image faster for a while, 30 seconds, then go back" sets 30 s and says no length was given', () => {
    const routed = route('image faster for a while, 30 seconds, then go back', fourPositions) as { args?: unknown; notApplied?: string[] } | undefined;
    expect(routed?.args).toEqual({ changes: [{ kind: 'interval', intervalS: 30 }] });
    expect(routed?.notApplied?.join(' ')).toMatch(/for a while.*no length/);
  });
});
