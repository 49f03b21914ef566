// A turn naming a running acquisition's things without a change is asked back in one line naming what was read (brief
// s55/M, issue 11): the channel, the setting and its value now; nothing when the words name none of the run's things.
import { describe, expect, it } from 'vitest';
import { runThingsAskedBack, runThingsNamed } from '../../../src/agent/acquisitionLanguage/runThingsNamed.ts';
import { fourPositions, threeChannels, withStack } from './runningAcquisition.ts';

describe('runThingsNamed', () => {
  it('reads the channels and settings named, a setting of a channel never the whole run', () => {
    expect(runThingsNamed('the 488 channel')).toEqual({ channels: ['FITC'], settings: [] });
    expect(runThingsNamed('the exposure on the red')).toEqual({ channels: ['Rhodamine'], settings: ['exposure'] });
    expect(runThingsNamed('change the interval of the time-lapse')).toEqual({ channels: [], settings: ['interval'] });
    expect(runThingsNamed('the timelapse')).toEqual({ channels: [], settings: ['run'] });
    expect(runThingsNamed('segment the nuclei')).toEqual({ channels: [], settings: [] });
  });
});

describe('runThingsAskedBack', () => {
  it('names what was read, with the value the run has now and examples of changes', () => {
    const channel = runThingsAskedBack('something is off with the mCherry', threeChannels)!;
    expect(channel).toMatch(/Rhodamine channel: its power/);
    expect(channel).toMatch(/drop Rhodamine/);
    expect(runThingsAskedBack('change the interval', threeChannels)).toMatch(/interval \(now 5 min\): to what\?/);
    expect(runThingsAskedBack('the stack', withStack)).toMatch(/z-stack \(now 5 µm in 0\.5 µm steps, 11 planes\)/);
    expect(runThingsAskedBack('can the positions be changed', fourPositions)).toMatch(/positions \(4 now\)/);
    expect(runThingsAskedBack('the Cy5', threeChannels)).toMatch(/Cy5 is not imaged now: add it/);
  });

  it('asks nothing of words that name none of the run things', () => {
    expect(runThingsAskedBack('crop the top left quarter', threeChannels)).toBeUndefined();
  });
});
