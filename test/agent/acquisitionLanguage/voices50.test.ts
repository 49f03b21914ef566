// Stop 50 (helper B): commands to a running acquisition in voices not read before: a stop on "it" with one channel
// imaged, a reason joined by "so", a stop or pause said with a question, "also" and a question after "and" as clauses of
// their own, a bare number correcting a timing, "not" + imaging verb, the whole run said not to be meant, an interval
// made longer or shorter with no value, comparatives with "more", and an exposure added with one channel imaged.
import { describe, expect, it } from 'vitest';
import { inUnitNearest } from '../../../src/agent/acquisitionLanguage/route.ts';
import { intervalDirection } from '../../../src/agent/acquisitionLanguage/adjustments.ts';
import { plainComparatives } from '../../../src/agent/acquisitionLanguage/words.ts';
import { asked, changes, route, start, threeChannels } from './runningAcquisition.ts';

const oneChannel = start({ channels: [{ config: 'FITC', exposureMs: 100 }], timePlan: { intervalS: 300, durationS: 21600 } });

describe('a stop on a pronoun', () => {
  it('is the run when it images one channel (its one channel dropped would stop it), asked when it images several', () => {
    for (const text of ['end it', 'as they are all dead now, kill it']) expect(route(text, oneChannel)?.tool, text).toBe('stop_acquisition');
    expect(asked('end it', threeChannels)).toMatch(/stop the whole acquisition, or to stop imaging one channel/);
  });
  it('after a reason joined by "so" is the stop', () => {
    expect(route('the medium has evaporated so please abort', oneChannel)?.tool).toBe('stop_acquisition');
  });
});

describe('a stop or a pause said with a question', () => {
  it('is that tool, then the report, never refused nor folded', () => {
    expect(route('halt it and tell me how much light they got', oneChannel)).toMatchObject({ tool: 'stop_acquisition', then: [{ tool: 'dose_report' }] });
    expect(route('pause and tell me how long is left', oneChannel)).toMatchObject({ tool: 'pause_acquisition', then: [{ tool: 'microscope_status' }] });
  });
});

describe('clauses joined by "also", or a question after "and"', () => {
  it('are read each alone', () => {
    expect(changes('remove DAPI also every 8 min')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }, { kind: 'interval', intervalS: 480 }]);
    // ("also" after a subject or a modal is no clause of its own)
    expect(changes('could you also image the Cy5')).toEqual([{ kind: 'addChannel', channel: 'Cy5' }]);
    expect(changes('take 30 ms off the exposure and how long is left?', oneChannel)).toEqual([{ kind: 'exposure', exposureMs: 70, channel: 'FITC' }, { kind: 'status', about: 'time' }]);
  });
});

describe('a bare number right after a timing was set', () => {
  it('is in the unit nearest the value it corrects', () => {
    expect(inUnitNearest(10, 120)).toBe(600);
    expect(inUnitNearest(10, 30)).toBe(10);
    expect(inUnitNearest(2, 3600)).toBe(7200);
    const after = [...oneChannel, { tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 180 }] } }];
    expect(changes('sorry make that 4', after)).toEqual([{ kind: 'interval', intervalS: 240 }]);
  });
});

describe('"not" with an imaging verb, and the whole run said not to be meant', () => {
  it('drops the channel', () => {
    expect(changes('maybe not record the DAPI from now')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
    expect(changes('please to not acquire anymore the green')).toEqual([{ kind: 'dropChannel', channel: 'FITC' }]);
    expect(changes('halt - not the entire run, just the DAPI')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
  });
});

describe('the interval made longer or shorter', () => {
  it('with no value is asked how much; with a value after it, that interval', () => {
    expect(intervalDirection('lengthen the time step')).toBe('longer');
    expect(intervalDirection('the interval smaller please')).toBe('shorter');
    expect(intervalDirection('lower the laser')).toBeUndefined();
    expect(asked('could the interval be bigger?', oneChannel)).toMatch(/^How much longer\?/);
    expect(changes('interval more short please? say 1 min', oneChannel)).toEqual([{ kind: 'interval', intervalS: 60 }]);
  });
  it('reads a comparative with "more" as the English one', () => {
    expect(plainComparatives('more long, more big and more dim')).toBe('longer, bigger and dimmer');
  });
});

describe('a channel said alone after "and" or "also", right after a change of a channel', () => {
  it('is the same change for it', () => {
    const dropped = [...threeChannels, { tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropChannel', channel: 'DAPI' }] } }];
    expect(changes('and the GFP', dropped)).toEqual([{ kind: 'dropChannel', channel: 'FITC' }]);
    expect(changes('also mCherry pls', dropped)).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }]);
  });
});

describe('a last sentence with its subject dropped before a verb in -ing', () => {
  it('is a remark, never a question that undoes the command before it', () => {
    expect(changes('take out the DAPI? is killing them')).toContainEqual({ kind: 'dropChannel', channel: 'DAPI' });
  });
});
