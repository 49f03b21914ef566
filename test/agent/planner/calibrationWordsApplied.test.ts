// Words that state the calibration are read as it, never named as an action left undone (brief s24/W, item 1).
import { beforeAll, describe, expect, it } from 'vitest';
import { statedCalibration } from '../../../src/agent/planner/quantities.ts';
import { argsOf, loadAcquisitionWords, said } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a time per frame said as a plural heading its own clause', () => {
  it('reads "frames/images/stacks every N" after a comma or "and" as the frame interval', () => {
    expect(statedCalibration('0.2 um pixels, stacks every 90 seconds')).toMatchObject({ frameIntervalS: 90 });
    expect(statedCalibration('pixels 0.4 um and images every 45 s')).toMatchObject({ frameIntervalS: 45 });
    // (no interval where the frames are what a step acts on)
    expect(statedCalibration('track the frames every 2 min')).not.toHaveProperty('frameIntervalS');
  });

  it('sets the calibration and reports no action undone for it', () => {
    const request = 'px is 0.3 um, images every 4 minutes. follow the cells and give me their average velocity';
    expect(argsOf(request, 'set_calibration')).toMatchObject({ pixelSizeUm: 0.3, frameIntervalS: 240 });
    expect(said(request)).not.toMatch(/no tool to/);
    // an action no tool does, said beside the calibration, is still named
    expect(said('stacks every 20 s, mirror it then segment')).toMatch(/no tool to mirror/);
  });
});

describe('a calibration told alone', () => {
  it('sets the movie\'s calibration in any unit of time, though the acquisition language reads "interval" as its own', () => {
    expect(argsOf('the interval is 2 minutes', 'set_calibration')).toMatchObject({ frameIntervalS: 120 });
    expect(argsOf('interval is 3 minutes', 'set_calibration')).toMatchObject({ frameIntervalS: 180 });
    expect(argsOf('the interval was 30 seconds', 'set_calibration')).toMatchObject({ frameIntervalS: 30 });
    expect(argsOf('the interval is 2 hours', 'set_calibration')).toMatchObject({ frameIntervalS: 7200 });
  });

  it('is the acquisition\'s setting while one runs, and a command to set it stays one', async () => {
    const { planRequest } = await import('../../../src/agent/planner/planner.ts');
    const { catalogue } = await import('./planOffline.ts');
    const started = { tool: 'start_acquisition', args: {}, ok: true, summary: 'Started.', values: { state: 'running' }, artifacts: [] };
    const running = planRequest({ request: 'the interval is 2 minutes', artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [started], current: [], earlierRequests: ['image GFP every 5 min for 2 h'] }, catalogue);
    expect(running.steps.map((s) => s.tool)).toEqual(['adjust_acquisition']);
    expect(argsOf('set the interval to 2 minutes', 'set_calibration')).toEqual({});
  });
});
