// Helper A's microscope words of stop 52, from how microscopists write (Micro-Manager / pymmcore-plus / useq issues,
// live-cell guides), each a general mechanism (plan-only, no movies).
import { beforeAll, describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/route.ts';
import { lightPathChannels } from '../../../src/agent/acquisitionLanguage/lightPathChannels.ts';
import { sampleRhythmApart } from '../../../src/agent/acquisitionLanguage/sampleRhythm.ts';
import { sentencesOf } from '../../../src/agent/acquisitionLanguage/sentences.ts';
import { normaliseText, presetsAsChannels } from '../../../src/agent/acquisitionLanguage/words.ts';
import { loadAcquisitionWords } from '../planner/planOffline.ts';
import { changes, route, start, toolOf } from './runningAcquisition.ts';

beforeAll(loadAcquisitionWords);
const idle = (text: string) => routeMicroscopeRequest(text, {}) as { tool?: string; args?: { plan?: { timePlan?: Record<string, number>; channels?: { config: string }[] } }; ask?: string; notApplied?: string[] } | undefined;
const greenAndRed = start({ channels: [{ config: 'FITC' }, { config: 'Rhodamine' }], timePlan: { intervalS: 300, durationS: 21600 } });
const greenAndBrightfield = start({ channels: [{ config: 'FITC' }, { config: 'Brightfield' }], timePlan: { intervalS: 300, durationS: 21600 } });

describe('a span put at the end of the run is that much more of it, never "end" as a stop', () => {
  it.each([['tack 1 h onto the end of the run', 3600], ['add 30 min to the end', 1800], ['put another 2 hours on to the end of the experiment', 7200]])('%s', (text, extraS) => {
    expect(changes(text, greenAndRed)).toEqual([{ kind: 'extend', extraS }]);
  });
});

describe('a command written as a call in code is its method, of the acquisition when the object is one', () => {
  it('acq.abort() and mmc.mda.cancel() stop the run', () => {
    expect(toolOf('acq.abort() please, the sample dried out', greenAndRed)).toBe('stop_acquisition');
    expect(toolOf('mmc.mda.cancel()', greenAndRed)).toBe('stop_acquisition');
  });
  it('"acq" is the acquisition', () => {
    expect(normaliseText('pause the acq')).toMatch(/pause the acquisition/);
  });
});

describe('"time to next frame" is a question about the run, never a change', () => {
  it.each(['whats the time to next frame?', 'time until next frame?', 'next time point in?'])('%s', (text) => {
    expect(toolOf(text, greenAndRed)).toBe('microscope_status');
  });
  it('with a verb of change it is not read as the question', () => {
    expect(toolOf('reduce the time to the next frame', greenAndRed)).not.toBe('microscope_status');
  });
});

describe("a channel's preset or config (Micro-Manager's channel group) is the channel", () => {
  it('names the channel', () => {
    expect(presetsAsChannels('swap the mCherry preset for Cy5')).toBe('swap the mCherry channel for Cy5');
    expect(presetsAsChannels('load the config file')).toBe('load the config file');
  });
  it('a swap of presets drops one channel and adds the other', () => {
    expect(changes('swap the mCherry preset for Cy5 from the next timepoint', greenAndRed)).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }, { kind: 'addChannel', channel: 'Cy5' }]);
  });
});

describe('channels named by their light path are the run\'s channels of that path', () => {
  it('one widefield fluorescence channel in the run: that one', () => {
    expect(changes('widefield channel off', greenAndBrightfield)).toEqual([{ kind: 'dropChannel', channel: 'FITC' }]);
    expect(changes('epi channel every 3rd frame', greenAndBrightfield)).toEqual([{ kind: 'acquireEvery', channel: 'FITC', every: 3 }]);
  });
  it('one of several asked back, naming them', () => {
    expect(lightPathChannels('widefield channel off', ['FITC', 'Rhodamine'])).toEqual({ ask: expect.stringMatching(/Which channel.*FITC and Rhodamine.*nothing was changed/) });
    expect(route('widefield channel off', greenAndRed)?.tool).toBeUndefined();
  });
  it('said in the plural: every one of them', () => {
    expect(lightPathChannels('drop the fluorescence channels', ['FITC', 'Rhodamine', 'Brightfield'])).toEqual({ text: 'drop the FITC and Rhodamine' });
  });
  it('no light path named: nothing to read', () => {
    expect(lightPathChannels('drop GFP', ['FITC'])).toBeUndefined();
  });
});

describe('3D / 4D said of a recording are its dimensions, never days', () => {
  it('3D time-lapse ... for 12h is 12 h', () => {
    expect(idle('3D time-lapse with DIC and GFP, one frame every 10 min for 12h')?.args?.plan?.timePlan).toEqual({ intervalS: 600, durationS: 43200 });
  });
  it('a span of days stays days', () => {
    expect(idle('GFP every 2 h for 3 d')?.args?.plan?.timePlan).toEqual({ intervalS: 7200, durationS: 259200 });
  });
});

describe('"e.g." and "i.e." end no sentence', () => {
  it('sentencesOf keeps them inside', () => {
    expect(sentencesOf('capture GFP, e.g. once every 5 min, for 8 h. Then stop.')).toEqual(['capture GFP, e.g. once every 5 min, for 8 h.', 'Then stop.']);
  });
  it('the plan is read whole', () => {
    expect(idle('I would like to capture a GFP image periodically, e.g. once every 5 minutes, for 8 hours')?.args?.plan?.timePlan).toEqual({ intervalS: 300, durationS: 28800 });
  });
});

describe('an interval told of the sample beside the one the imaging verb says is named, never the plan\'s', () => {
  it('the imaged interval is the plan\'s, the other named', () => {
    const routed = idle('my E. coli divide roughly every 20 minutes so to be cautious image every 5 min, phase contrast only, for 3 hours');
    expect(routed?.args?.plan?.timePlan).toEqual({ intervalS: 300, durationS: 10800 });
    expect(routed?.notApplied?.join(' ')).toMatch(/every 20 minutes.*sample/);
  });
  it('a channel said before the other interval makes it that channel\'s: nothing taken out', () => {
    expect(sampleRhythmApart('image GFP every 5 min and DAPI every 20 min for 3 h')).toBeUndefined();
    expect(sampleRhythmApart('image GFP every 5 min for 3 h')).toBeUndefined();
    // (phases of the plan: the second interval said after the first)
    expect(sampleRhythmApart('image GFP every 30 s for 10 min, then every 5 min for 2 h')).toBeUndefined();
  });
});

describe('a channel said to go on as it is beside a change is no change', () => {
  it('"turn the 488 laser off, keep red going" drops the 488 only', () => {
    expect(changes('turn the 488 laser off, keep red going', greenAndRed)).toEqual([{ kind: 'dropChannel', channel: 'FITC' }]);
  });
});

describe('a count of planes said after its noun is that many planes', () => {
  it.each([['number of slices: 3', 2], ['change the number of z slices to 5', 4], ['set no. of planes to 9', 8]])('%s', (text, rangeUm) => {
    expect(changes(text, start({ channels: [{ config: 'FITC' }], timePlan: { intervalS: 300, durationS: 21600 }, zPlan: { rangeUm: 6, stepUm: 1 } }))).toEqual([{ kind: 'zPlan', zPlan: { rangeUm, stepUm: 1 } }]);
  });
});

describe("Micro-Manager's Skip Frames of a channel is every (N + 1)th time point", () => {
  it.each(['set skip frames to 2 for mCherry', 'skip 2 frames for mCherry', 'skip frames = 2 on the red channel'])('%s', (text) => {
    expect(changes(text, greenAndRed)).toEqual([{ kind: 'acquireEvery', channel: 'Rhodamine', every: 3 }]);
  });
  it('said of no channel it is left as said', () => {
    expect(normaliseText('skip 2 frames')).toBe('skip 2 frames');
  });
});

describe('the run put on pause, and the camera gain turned up', () => {
  it('"put the acquisition on pause" pauses', () => {
    expect(toolOf('put the acquisition on pause', greenAndRed)).toBe('pause_acquisition');
  });
  it('"turn up the gain" is the camera\'s own setting, said, nothing changed', () => {
    expect(route('turn up the gain', greenAndRed)).toMatchObject({ ask: expect.stringMatching(/camera's gain.*Nothing was changed/) });
    expect(JSON.stringify(route('the cells gain GFP over time', greenAndRed) ?? {})).not.toMatch(/camera's gain/);
  });
});

describe("the run's length grown by a span is that much more of it, never the span as its length", () => {
  it.each(['increase the acquisition duration by 2 hours', 'increase the total time by 2 h', 'make the experiment 2 hours longer'])('%s', (text) => {
    expect(changes(text, greenAndRed)).toEqual([{ kind: 'extend', extraS: 7200 }]);
  });
  it('the interval grown by a span stays the interval', () => {
    expect(changes('increase the interval by 2 min', greenAndRed)).toEqual([{ kind: 'interval', intervalS: 420 }]);
  });
});

describe('a position by its ordinal in figures is that position by number', () => {
  const four = start({ channels: [{ config: 'FITC' }], timePlan: { intervalS: 300, durationS: 21600 }, stagePositions: [0, 1, 2, 3].map((i) => ({ name: `Pos${i}`, xUm: i * 3000, yUm: 0 })) });
  it.each([['remove the 3rd position', '3'], ['remove the 3rd stage position', '3'], ['drop the 2nd field', '2']])('%s', (text, position) => {
    expect(changes(text, four)).toEqual([{ kind: 'dropPosition', position }]);
  });
});

describe('"don\'t bother imaging" and "no need to image" drop what they name', () => {
  const four = start({ channels: [{ config: 'FITC' }, { config: 'Rhodamine' }], timePlan: { intervalS: 300, durationS: 21600 }, stagePositions: [0, 1, 2, 3].map((i) => ({ name: `Pos${i}`, xUm: i * 3000, yUm: 0 })) });
  it('a position', () => {
    expect(changes('position 2 looks dead, don\'t bother imaging it', four)).toEqual([{ kind: 'dropPosition', position: '2' }]);
    expect(changes('no need to image position 2 anymore', four)).toEqual([{ kind: 'dropPosition', position: '2' }]);
  });
  it('a channel', () => {
    expect(changes('no need to image the red any more', four)).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }]);
  });
});

describe('a snap "in all channels" is one picture of each channel', () => {
  it('every channel of the microscope, each a snap', () => {
    const routed = idle('snap an image of the current field in all channels') as { tool?: string; args?: { channel?: string }; then?: { args: { channel?: string } }[] };
    expect([routed.args?.channel, ...(routed.then ?? []).map((s) => s.args.channel)]).toEqual(['DAPI', 'FITC', 'Rhodamine', 'Cy5', 'Brightfield']);
  });
  it('a channel named is that one only', () => {
    expect(idle('snap DAPI')).toMatchObject({ tool: 'snap', args: { channel: 'DAPI' } });
    expect((idle('snap DAPI') as { then?: unknown }).then).toBeUndefined();
  });
});

describe('"laser %" is the power, and a bare number for the power is in %', () => {
  it.each([['488 laser % down to 3', 3], ['488 laser power down to 3', 3]])('%s', (text, powerPercent) => {
    expect(changes(text, greenAndRed)).toEqual([{ kind: 'power', powerPercent, channel: 'FITC' }]);
  });
  it('a number with its own unit keeps it', () => {
    expect(route('laser power to 5 mW', greenAndRed)).toMatchObject({ ask: expect.stringMatching(/not in mW/) });
  });
});
