import { describe, expect, it } from 'vitest';
import { cameraPartsApart } from '../../../src/agent/acquisitionLanguage/cameraParts.ts';
import { parseAcquisitionRequest } from '../../../src/agent/acquisitionLanguage/requests.ts';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/route.ts';
import { parseZPlan } from '../../../src/agent/acquisitionLanguage/space.ts';

const RUN = [{ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC' }, { config: 'Rhodamine' }], timePlan: { intervalS: 300, durationS: 28800 } } } }];
const running = (text: string) => routeMicroscopeRequest(text, { acquisitionRunning: true, earlier: RUN });
const idle = (text: string) => routeMicroscopeRequest(text, { acquisitionRunning: false });

describe('the camera\'s own settings and its live mode, taken apart from the rest (stop 38)', () => {
  it('a clause of its own goes whole; in a clause that says more, only its words', () => {
    expect(cameraPartsApart('2x2 binning, mCherry every 2 min for 3 h')).toMatchObject({ text: 'mCherry every 2 min for 3 h', rest: true, notes: [expect.stringMatching(/^Not applied: the camera's binning \("2x2 binning"\)/)] });
    expect(cameraPartsApart('image DAPI every 10 min for 5 h at bin 2')).toMatchObject({ text: 'image DAPI every 10 min for 5 h', notes: [expect.stringMatching(/binning \("at bin 2"\)/)] });
    expect(cameraPartsApart('set a 256 x 256 ROI and image GFP every 10 s for 5 min').text).toBe('image GFP every 10 s for 5 min');
    expect(cameraPartsApart('crop the camera to the centre 512x512 and image mCherry every 30 s for 20 min')).toMatchObject({ text: 'image mCherry every 30 s for 20 min', notes: [expect.stringMatching(/region of interest \(crop\)/)] });
    expect(cameraPartsApart('crop to a 512 ROI to save space')).toMatchObject({ rest: false });
    expect(cameraPartsApart('go live with brightfield so I can focus')).toMatchObject({ live: true, rest: false, notes: [expect.stringMatching(/no live mode.*snap brightfield/)] });
  });
  it('leaves other words alone: live cells, a movie cropped, plain requests', () => {
    for (const t of ['segment the live cells', 'live-cell imaging of GFP every 5 min for 2 h', 'GFP every 5 min for 2 h', ', thanks']) expect(cameraPartsApart(t)).toMatchObject({ text: t, notes: [] });
  });
  it('a start with a camera setting starts, the setting named; alone it is the answer', () => {
    expect(idle('2x2 binning, mCherry every 2 min for 3 h')).toMatchObject({ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'Rhodamine' }], timePlan: { intervalS: 120, durationS: 10800 } } }, notApplied: [expect.stringMatching(/binning/)] });
    expect(idle('DAPI every 15 min for 6 h, crop the sensor to 1024x1024')).toMatchObject({ tool: 'start_acquisition', notApplied: [expect.stringMatching(/crop the sensor to 1024x1024/)] });
    expect(idle('turn on live mode in GFP')).toMatchObject({ ask: expect.stringMatching(/no live mode.*Nothing was started/), start: true });
    expect(running('crop to a 512 ROI to save space')).toMatchObject({ ask: expect.stringMatching(/^I cannot set the camera's region of interest.*Nothing was changed/) });
    expect(running('switch to live for a sec')).toMatchObject({ ask: expect.stringMatching(/no live mode.*Nothing was changed/) });
    expect(running('GFP to 5%, 2x2 binning')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'power', powerPercent: 5, channel: 'FITC' }] }, notApplied: [expect.stringMatching(/binning/)] });
  });
});

describe('numbers and lengths said loosely (stop 38)', () => {
  it('"0.5 steps" is a step size in µm (a number that is no whole number counts no steps)', () => {
    expect(parseZPlan('z ±4 µm, 0.5 steps')).toEqual({ belowUm: 4, aboveUm: 4, stepUm: 0.5 });
    expect(parseZPlan('a 10 µm stack in 5 steps')).not.toMatchObject({ stepUm: 5 });
  });
  it('"overnight" at the start is said to be an assumed length; while running it is asked', () => {
    expect(parseAcquisitionRequest('image H2B-GFP every 20 min overnight').notes).toEqual([expect.stringMatching(/^"Overnight" is assumed to mean 12 h from now/)]);
    expect(parseAcquisitionRequest('overnight: GFP every 20 min for 14 h').notes).toBeUndefined();
    expect(running('let it run overnight')).toMatchObject({ ask: expect.stringMatching(/How long is "overnight"/), command: true });
  });
  it('one channel every Nth time point cut from a clause that says the plan first', () => {
    expect(parseAcquisitionRequest('GFP every 5 min for 6 h and mCherry only every other time point').sequence.channels).toEqual([{ config: 'FITC' }, { config: 'Rhodamine', acquireEvery: 2 }]);
    expect(() => parseAcquisitionRequest('GFP and mCherry every other time point, every 5 min for 2 h')).toThrow(/for which channel/);
  });
  it('"add the current position" is added where the stage is; a dose cap with a plan is the plan\'s question', () => {
    for (const t of ['add the current position', 'add this position to the list', "add the position I'm at now"]) expect(running(t)).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'addPosition' }] } });
    expect(running("what's the current position?")?.tool).toBe('microscope_status');
    expect(idle("GFP every 2 min for 10 h, and don't go over 3 J/cm2 total")).toMatchObject({ ask: expect.stringMatching(/light-dose limit/), start: true });
  });
});
