// The channel the objects are found on and the channel measured in them are read apart, and each goes to its step.
import { beforeAll, describe, expect, it } from 'vitest';
import { channelRolesOf } from '../../../src/agent/planner/channelRoles.ts';
import { argsOf, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('channelRolesOf', () => {
  it('reads the objects\' channel from where they are, how they are stained, or what is segmented on', () => {
    expect(channelRolesOf('measure GFP in the nuclei; the nuclei are in the DAPI channel')).toEqual({ objects: 'DAPI', measured: 'GFP' });
    expect(channelRolesOf('Quantify the GFP signal in the nuclei; the nuclei are stained with Hoechst in channel 1.')).toEqual({ objects: 1, measured: 'GFP' });
    expect(channelRolesOf('segment the nuclei on H2B and measure the mCherry in them')).toEqual({ objects: 'H2B', measured: 'mCherry' });
    expect(channelRolesOf('measure the intensity of channel 2 in the nuclei (channel 1)')).toEqual({ objects: 1, measured: 2 });
  });
  it('takes a nuclear marker named anywhere as the objects\' channel when another is measured', () => {
    expect(channelRolesOf('DAPI and GFP movie: measure GFP intensity per nucleus')).toEqual({ objects: 'DAPI', measured: 'GFP' });
  });
  it('takes the number said in brackets after a name', () => {
    expect(channelRolesOf('Already segmented. Measure the GFP (channel 2) in each nucleus and save it to gfp.csv.')).toEqual({ measured: 2 });
  });
  it('says nothing it was not told', () => {
    expect(channelRolesOf('segment the nuclei and measure them')).toEqual({});
    expect(channelRolesOf('measure the mean intensity of the cells')).toEqual({});
    expect(channelRolesOf('segment the nuclei in the GFP channel')).toEqual({ objects: 'GFP' });
  });
});

describe('the steps of a measurement in other objects', () => {
  it('segments the objects\' channel and measures the one asked', () => {
    const r = 'Please measure the intensity of GFP inside of the nucleus. The nucleus are in the DAPI channel.';
    expect(argsOf(r, 'segment').channel).toBe('DAPI');
    expect(argsOf(r, 'measure').channel).toBe('GFP');
  });
  it('never segments the measured channel when the objects\' channel is not said', () => {
    expect(argsOf('measure GFP intensity in the nuclei', 'segment').channel).toBeUndefined();
    expect(argsOf('measure GFP intensity in the nuclei', 'measure').channel).toBe('GFP');
  });
  it('keeps a channel said for segmenting alone', () => {
    expect(argsOf('segment the nuclei in channel 2', 'segment').channel).toBe(2);
  });
});

describe('the movie\'s own channel names', () => {
  const twoChannels = [{ id: 'movie-1', type: 'movie', channelNames: ['DAPI', 'GFP'] }];
  it('find nuclei asked about with another channel on the movie\'s nuclear marker, and measure the named one', () => {
    expect(channelRolesOf('do the nuclei get brighter in GFP over the movie?', ['DAPI', 'GFP'])).toEqual({ objects: 'DAPI', measured: 'GFP' });
    expect(channelRolesOf('how bright is GFP in each nucleus?', ['Hoechst 33342', 'mCherry'])).toEqual({ objects: 'Hoechst 33342', measured: 'GFP' });
    for (const words of ['how bright is GFP in each nucleus?', 'do the nuclei get brighter in GFP over the movie?', 'what is the GFP intensity of the nuclei in the last frame?']) {
      expect(argsOf(words, 'segment', twoChannels).channel, words).toBe('DAPI');
      expect(argsOf(words, 'measure', twoChannels).channel, words).toBe('GFP');
    }
  });
  it('leave nuclei said to be in the named channel there, and a movie with no nuclear marker alone', () => {
    expect(channelRolesOf('segment the nuclei in the GFP channel', ['DAPI', 'GFP'])).toEqual({ objects: 'GFP' });
    expect(channelRolesOf('how bright is GFP in each nucleus?', ['GFP', 'mCherry'])).toEqual({});
    expect(argsOf('count the nuclei in GFP', 'segment', twoChannels).channel).toBe('GFP');
  });
});
