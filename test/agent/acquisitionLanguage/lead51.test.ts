// The lead's user tries of stop 51 on a running acquisition, each a general mechanism.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords } from '../planner/planOffline.ts';
import { route } from './runningAcquisition.ts';

beforeAll(loadAcquisitionWords);

describe('an autofocus switched on runs before every time point', () => {
  it.each(['turn on autofocus', 'autofocus on please', 'enable AF'])('%s', (request) => {
    expect((route(request) as { args?: unknown } | undefined)?.args).toEqual({ changes: [{ kind: 'autofocusSchedule', everyTimepoints: 1 }] });
  });
  it('"refocus" alone is one autofocus', () => {
    expect((route("refocus") as { args?: unknown } | undefined)?.args).toEqual({ changes: [{ kind: 'autofocus' }] });
  });
});
