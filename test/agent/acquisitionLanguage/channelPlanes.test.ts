// Where each channel sits in z, in people's words (brief M, stop 19): a channel's focus offset
// (zOffsetUm), a channel at the middle plane only (doStack false) and the loop order of channels
// and planes (axisOrder), read for a running run and for a plan to start; a fraction of a second
// as an exposure; a channel swapped for another; a setting of a channel the run lacks that is wanted.
import { describe, expect, it } from 'vitest';
import { axisOrderSaid, channelStackSaid, offsetToPlaneUm, zOffsetsSaid } from '../../../src/agent/acquisitionLanguage/channelPlanes.ts';
import { parseAcquisitionRequest } from '../../../src/agent/acquisitionLanguage/requests.ts';
import { normaliseText } from '../../../src/agent/acquisitionLanguage/words.ts';
import { asked, changes, fourPositions, start, withStack } from './runningAcquisition.ts';

const stackOf3 = start({ channels: [{ config: 'FITC' }, { config: 'Rhodamine' }, { config: 'Brightfield' }], timePlan: { intervalS: 300, durationS: 43200 }, zPlan: { rangeUm: 10, stepUm: 1 } });

describe('a channel\'s focus offset (zOffsetUm)', () => {
  it('reads the offset with its channel, before or after the words, signed', () => {
    expect(changes('Cy5 needs a z offset of 2 µm', fourPositions)).toEqual([{ kind: 'channelZOffset', channel: 'Cy5', zOffsetUm: 2 }]);
    expect(changes('offset the mCherry focus by 1.5 µm', withStack)).toEqual([{ kind: 'channelZOffset', channel: 'Rhodamine', zOffsetUm: 1.5 }]);
    expect(changes('z offset -1 um for the mCherry', withStack)).toEqual([{ kind: 'channelZOffset', channel: 'Rhodamine', zOffsetUm: -1 }]);
    expect(zOffsetsSaid('gfp 50 ms, cy5 with a +1 µm z offset').map(({ channel, zOffsetUm }) => ({ channel, zOffsetUm }))).toEqual([{ channel: 'Cy5', zOffsetUm: 1 }]);
  });
  it('reads a channel\'s focus said to lie higher or lower than the others\', and asks which way for "off" (stop 20)', () => {
    expect(changes('the mCherry focus is 0.5 µm lower than GFP', withStack)).toEqual([{ kind: 'channelZOffset', channel: 'Rhodamine', zOffsetUm: -0.5 }]);
    expect(changes('mCherry sits 2 µm higher', withStack)).toEqual([{ kind: 'channelZOffset', channel: 'Rhodamine', zOffsetUm: 2 }]);
    expect(asked('the GFP focus is 1 µm off from DAPI, set a z offset')).toMatch(/1 µm above or below.*nothing was changed/);
    // (a distance with no channel is a move of the focus)
    expect(changes('move the focus up 2 µm')).toEqual([{ kind: 'moveStage', relative: true, zUm: 2 }]);
  });
  it('asks which channel when none is named (never an offset of every channel, never a z-stack)', () => {
    expect(asked('z offset 2 µm', withStack)).toMatch(/for which channel.*nothing was changed/);
  });
});

describe('a channel at the middle plane only (doStack)', () => {
  it('drops the stack of the channel named, never of every channel', () => {
    expect(changes('no z-stack for the bright field channel', stackOf3)).toEqual([{ kind: 'channelStack', channel: 'Brightfield', doStack: false }]);
    expect(changes("brightfield doesn't need the stack, just the middle plane", stackOf3)).toEqual([{ kind: 'channelStack', channel: 'Brightfield', doStack: false }]);
    expect(changes('no z-stack', stackOf3)).toEqual([{ kind: 'zPlan', zPlan: null }]);
  });
  it('ties a channel to the plane words only when the words join them', () => {
    expect(channelStackSaid('gfp only, no z-stack')).toBeUndefined();
    expect(channelStackSaid('mcherry with the full z-stack again')).toEqual({ channels: ['Rhodamine'], doStack: true });
  });
  it('reads one plane named during a run: the middle as no stack, the top or bottom as the middle moved there (stop 20)', () => {
    expect(changes('mCherry only at the centre plane', stackOf3)).toEqual([{ kind: 'channelStack', channel: 'Rhodamine', doStack: false }]);
    expect(changes('middle slice only for brightfield', stackOf3)).toEqual([{ kind: 'channelStack', channel: 'Brightfield', doStack: false }]);
    // a 10 µm stack in 1 µm steps centred on the focus: its top plane is 5 µm above the middle one
    expect(changes('only the top slice for brightfield', stackOf3)).toEqual([{ kind: 'channelStack', channel: 'Brightfield', doStack: false }, { kind: 'channelZOffset', channel: 'Brightfield', zOffsetUm: 5 }]);
    expect(changes('brightfield at the bottom plane only', stackOf3)).toEqual([{ kind: 'channelStack', channel: 'Brightfield', doStack: false }, { kind: 'channelZOffset', channel: 'Brightfield', zOffsetUm: -5 }]);
    expect(offsetToPlaneUm({ aboveUm: 3, belowUm: 1, stepUm: 1 }, 'top')).toBe(2);
  });
  it('reads the plane with a verb of imaging, "of the stack", "one slice", and a stack dropped for one channel, never the other channels dropped', () => {
    expect(changes('only image the top plane for brightfield', stackOf3)).toEqual([{ kind: 'channelStack', channel: 'Brightfield', doStack: false }, { kind: 'channelZOffset', channel: 'Brightfield', zOffsetUm: 5 }]);
    expect(changes('image mCherry only in the middle of the stack', stackOf3)).toEqual([{ kind: 'channelStack', channel: 'Rhodamine', doStack: false }]);
    expect(changes('use just one slice for mCherry', stackOf3)).toEqual([{ kind: 'channelStack', channel: 'Rhodamine', doStack: false }]);
    expect(changes('lose the z for brightfield', stackOf3)).toEqual([{ kind: 'channelStack', channel: 'Brightfield', doStack: false }]);
    expect(changes('drop the z-stack', stackOf3)).toEqual([{ kind: 'zPlan', zPlan: null }]);
  });
  it('names a plane asked for in a run without a z-stack, changing nothing', () => {
    expect(asked('mCherry only at the centre plane')).toMatch(/no z-stack.*already imaged at one plane.*nothing was changed/);
  });
  it('names a z-stack of one position, changing nothing', () => {
    expect(asked('no z-stack at position 2', stackOf3)).toMatch(/one plan for every position.*position 2.*nothing was changed/);
  });
});

describe('the loop order of channels and planes (axisOrder)', () => {
  it('reads what is done first, at each of the other, or listed after "order"', () => {
    expect(changes('channels first, then z', stackOf3)).toEqual([{ kind: 'axisOrder', axisOrder: 'tpgzc' }]);
    expect(changes('switch channels at every slice', stackOf3)).toEqual([{ kind: 'axisOrder', axisOrder: 'tpgzc' }]);
    expect(changes('do the whole z stack in each channel before switching', stackOf3)).toEqual([{ kind: 'axisOrder', axisOrder: 'tpgcz' }]);
    expect(axisOrderSaid('order: time, position, slice, channel')).toBe('tpgzc');
    expect(axisOrderSaid('z first, then the channels')).toBe('tpgcz');
    expect(axisOrderSaid('axis order TPCZ')).toBe('tpgcz');
    expect(axisOrderSaid('image gfp every 5 min')).toBeUndefined();
  });
});

describe('a plan to start carries them', () => {
  it('sets zOffsetUm, doStack and axisOrder in the plan, and says so', () => {
    const offset = parseAcquisitionRequest('image GFP and Cy5 every 5 min for 6 h, 10 µm stack in 1 µm steps, Cy5 with a +1 µm z offset');
    expect(offset.sequence.channels.find((c) => c.config === 'Cy5')?.zOffsetUm).toBe(1);
    expect(offset.sequence.zPlan).toEqual({ rangeUm: 10, stepUm: 1 });
    expect(offset.understood).toMatch(/Cy5 focused 1 µm/);
    const single = parseAcquisitionRequest('GFP and brightfield every 10 min for 4 h, z-stack 8 µm at 2 µm steps, brightfield single plane only');
    expect(single.sequence.channels.map((c) => c.doStack)).toEqual([undefined, false]);
    const top = parseAcquisitionRequest('GFP and brightfield every 10 min for 4 h, z-stack 8 µm at 2 µm steps, brightfield top slice only');
    expect(top.sequence.channels[1]).toMatchObject({ config: 'Brightfield', doStack: false, zOffsetUm: 4 });
    const order = parseAcquisitionRequest('z-stack of 6 µm / 1 µm for DAPI and GFP, order: channels first then z, every 15 min for 5 h');
    expect(order.sequence.axisOrder).toBe('tpgzc');
  });
  it('gives each channel the exposure said just before its comma ("Hoechst 20 ms, GFP 1/25 s")', () => {
    const plan = parseAcquisitionRequest('Set up a timelapse: Hoechst 20 ms, GFP 1/25 s, every 10 min, overnight (16 h)').sequence;
    expect(plan.channels).toEqual([{ config: 'DAPI', exposureMs: 20 }, { config: 'FITC', exposureMs: 40 }]);
  });
});

describe('people\'s other forms', () => {
  it('reads a fraction of a second as ms', () => {
    expect(normaliseText('GFP exposure 1/50 s')).toBe('GFP exposure 20 ms');
    expect(changes('set DAPI to 1/100 sec')).toEqual([{ kind: 'exposure', exposureMs: 10, channel: 'DAPI' }]);
  });
  it('swaps one channel for another (the run goes on)', () => {
    expect(changes('swap Cy5 for mCherry', fourPositions)).toEqual([{ kind: 'dropChannel', channel: 'Cy5' }, { kind: 'addChannel', channel: 'Rhodamine' }]);
    expect(changes('use mCherry instead of Cy5', fourPositions)).toEqual([{ kind: 'dropChannel', channel: 'Cy5' }, { kind: 'addChannel', channel: 'Rhodamine' }]);
  });
  it('adds a channel the run lacks when its settings are wanted ("we also need Cy5, 300 ms, 20% power")', () => {
    expect(changes('we also need Cy5, 300 ms, 20% power')).toEqual([{ kind: 'addChannel', channel: 'Cy5', powerPercent: 20, exposureMs: 300 }]);
  });
  it('reads an uneven stack around the focus and a sign before the distance', () => {
    expect(changes('image 3 µm above and 2 below the focus, 0.5 step')).toEqual([{ kind: 'zPlan', zPlan: { aboveUm: 3, belowUm: 2, stepUm: 0.5 } }]);
    expect(changes('add a z stack of ±3 µm in 0.5 µm steps')).toEqual([{ kind: 'zPlan', zPlan: { belowUm: 3, aboveUm: 3, stepUm: 0.5 } }]);
  });
});
