// Stop 49 (helper A): a change of one channel the running acquisition does not image is said back, nothing changed,
// never made on another channel or left to do nothing in silence.
import { describe, expect, it } from 'vitest';
import { channelNotImaged } from '../../../src/agent/acquisitionLanguage/channelsImaged.ts';
import { asked, changes, start, threeChannels } from './runningAcquisition.ts';

const greenRed = start({ channels: [{ config: 'FITC' }, { config: 'Rhodamine' }], timePlan: { intervalS: 300, durationS: 21600 } });

describe('a channel the run does not image', () => {
  it('is said back with the channels imaged, nothing changed', () => {
    expect(asked('drop the Cy5', greenRed)).toMatch(/^Cy5 is not imaged in this run \(it images FITC, Rhodamine\), so nothing was changed/);
    expect(asked('lose the Alexa 647', greenRed)).toMatch(/^Cy5 is not imaged/);
    expect(asked('set the DAPI exposure to 20 ms', greenRed)).toMatch(/^DAPI is not imaged.*"add DAPI"/);
  });
  it('leaves a channel imaged, one added, or one given by its number to the change', () => {
    expect(changes('drop the mCherry', greenRed)).toContainEqual({ kind: 'dropChannel', channel: 'Rhodamine' });
    expect(changes('add Cy5', greenRed)).toContainEqual(expect.objectContaining({ kind: 'addChannel', channel: 'Cy5' }));
    expect(changes('drop DAPI', threeChannels)).toContainEqual({ kind: 'dropChannel', channel: 'DAPI' });
    expect(channelNotImaged([{ kind: 'dropChannel', channel: '3' }], ['FITC', 'Rhodamine'])).toBeUndefined();
    // (without the run's channels known, nothing is judged)
    expect(channelNotImaged([{ kind: 'dropChannel', channel: 'Cy5' }], undefined)).toBeUndefined();
  });
});
