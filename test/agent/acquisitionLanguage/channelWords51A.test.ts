// Stop 51 (helper A): channels of a running acquisition said by their place in the plan, and the boundary between a
// stop of the run, a pause and a drop of one channel. Plan-only, no movies.
import { describe, expect, it } from 'vitest';
import { channelsByPlace } from '../../../src/agent/acquisitionLanguage/channelPlaces.ts';
import { speakersWorry } from '../../../src/agent/acquisitionLanguage/sentences.ts';
import { asked, changes, route, start, toolOf } from './runningAcquisition.ts';

const hoechstGfp = start({ channels: [{ config: 'DAPI' }, { config: 'FITC' }], timePlan: { intervalS: 300, durationS: 21600 } });

describe('a channel said by its place in the plan is read as that channel, and given to the tool by its place', () => {
  it('reads ordinals, numerals, "channel N", "chN", Fiji\'s "CN" and the last one against the run', () => {
    expect(changes('lose the second channel', hoechstGfp)).toEqual([{ kind: 'dropChannel', channel: '2' }]);
    expect(changes('C1 off please', hoechstGfp)).toEqual([{ kind: 'dropChannel', channel: '1' }]);
    expect(changes('ch2 exposure 40 ms', hoechstGfp)).toEqual([{ kind: 'exposure', exposureMs: 40, channel: '2' }]);
    // (read as a name first: "every 4th time point" of the first channel, not the interval four times longer)
    expect(changes('only image the 1st channel every 4th time point', hoechstGfp)).toEqual([{ kind: 'acquireEvery', channel: '1', every: 4 }]);
    expect(changes('final channel to 3%', hoechstGfp)).toEqual([{ kind: 'power', powerPercent: 3, channel: '2' }]);
  });

  it('names the channel read in the text it parses', () => {
    expect(channelsByPlace('drop the second channel', { channels: ['DAPI', 'FITC'] }).text).toBe('drop the FITC channel');
  });

  it('a place said without its list, in a command not otherwise read, is asked about by name', () => {
    expect(asked('forget the last one', hoechstGfp)).toMatch(/"the last one": the FITC channel \(channel 2 of DAPI, FITC\)\?.*nothing was changed/);
  });

  it('a place past the run\'s last channel is said back, nothing changed', () => {
    expect(asked('drop the third channel', hoechstGfp)).toMatch(/no channel 3 in this run.*1 DAPI, 2 FITC/);
  });

  it('a new channel, a plate well and a run whose channels are unknown are no place', () => {
    const run = { channels: ['DAPI', 'FITC'] };
    expect(channelsByPlace('add a second channel, Cy5', run).text).toBe('add a second channel, Cy5');
    expect(channelsByPlace('go to well C2', run).text).toBe('go to well C2');
    expect(channelsByPlace('drop the second channel', {}).text).toBe('drop the second channel');
    expect(channelsByPlace('drop C5', run).text).toBe('drop C5');
  });
});

describe('a stop for a short while is a pause until resumed', () => {
  it.each(['stop for a bit', 'stop a sec while I swap the dish', 'stop for a moment, I have to add medium', 'stop imaging for a few minutes'])('%s', (text) => {
    expect(route(text)).toEqual({ tool: 'pause_acquisition', args: {} });
  });

  it('"stop for now" is still asked, a bare stop still stops', () => {
    expect(toolOf('stop for now')).toBeUndefined();
    expect(toolOf('stop imaging')).toBe('stop_acquisition');
  });
});

describe("a channel's light said to stop is that channel dropped", () => {
  it('"stop the DAPI exposure", "no more UV exposure" drop the channel', () => {
    expect(changes('stop the DAPI exposure', hoechstGfp)).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
    expect(changes('no more UV exposure please', hoechstGfp)).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
  });

  it('a change of the light is no drop', () => {
    expect(JSON.stringify(route('stop the GFP exposure going up'))).not.toMatch(/dropChannel/);
  });
});

describe("the speaker's worry beside a command is context", () => {
  it('is no command and no referent of a pronoun', () => {
    expect(speakersWorry("I'm worried it kills them")).toBe(true);
    expect(speakersWorry('we are a bit concerned about phototoxicity')).toBe(true);
    expect(speakersWorry('I worry the DAPI is toxic')).toBe(false);
    expect(changes('could we stop the blue light? I worry it harms the cells.', hoechstGfp)).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
  });
});

describe('an end idiom with interjections and thanks around it ends the run', () => {
  it.each(["perfect, we're done here, thanks!", "ok I think we're done for today", "brilliant, that's all, cheers"])('%s', (text) => {
    expect(toolOf(text)).toBe('stop_acquisition');
  });

  it('thanks alone ends nothing', () => {
    expect(toolOf('great, thanks')).toBeUndefined();
  });
});

describe('one channel changed into another is a swap', () => {
  it.each([
    ['change the red channel to cy5', 'Rhodamine', 'Cy5'],
    ['switch mCherry over to far red', 'Rhodamine', 'Cy5'],
    ['instead of the red use far red', 'Rhodamine', 'Cy5'],
    ['in place of mCherry, image Cy5', 'Rhodamine', 'Cy5'],
    ['swap the GFP out for DAPI', 'FITC', 'DAPI'],
  ])('%s', (text, out, added) => {
    expect(changes(text, start({ channels: [{ config: 'FITC' }, { config: 'Rhodamine' }], timePlan: { intervalS: 300, durationS: 21600 } }))).toEqual([{ kind: 'dropChannel', channel: out }, { kind: 'addChannel', channel: added }]);
  });

  it('a value given to a channel is no swap; two names of one channel are said back', () => {
    expect(changes('switch GFP to 50 ms')).toEqual([{ kind: 'exposure', exposureMs: 50, channel: 'FITC' }]);
    expect(asked('swap GFP out for YFP')).toMatch(/same channel \(FITC\).*nothing was changed/);
  });
});
