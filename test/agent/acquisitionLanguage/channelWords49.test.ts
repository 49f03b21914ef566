// Stop 49 (helper A): a channel said as people say it: by an excitation line a few nm from the configuration's source
// (a light engine's 470 LED, a 638 laser), by a variant's version after a known name (GCaMP6s, mScarlet-I), by dyes the
// microscope's own declaration now names (TMRM, Fluo-4, JF646, "deep red").
import { describe, expect, it } from 'vitest';
import { DEMO_CONFIG, channelOfLine, findChannel } from '../../../src/microscope/config.ts';
import { excitationLines, findChannels, uniquePresets } from '../../../src/agent/acquisitionLanguage/words.ts';

const presets = (text: string) => uniquePresets(findChannels(text));

describe('an excitation line by its wavelength', () => {
  it('is the channel of the nearest source, within a tolerance, one source alone nearest', () => {
    expect(channelOfLine(DEMO_CONFIG, 470)?.name).toBe('FITC');
    expect(channelOfLine(DEMO_CONFIG, 638)?.name).toBe('Cy5');
    expect(channelOfLine(DEMO_CONFIG, 385)?.name).toBe('DAPI');
    expect(channelOfLine(DEMO_CONFIG, 550)?.name).toBe('Rhodamine');
    // (a 514 nm line is neither 488 nor 561; a 445 nm line neither 405 nor 488)
    expect(channelOfLine(DEMO_CONFIG, 514)).toBeUndefined();
    expect(channelOfLine(DEMO_CONFIG, 445)).toBeUndefined();
    expect(findChannel(DEMO_CONFIG, '470 nm')?.name).toBe('FITC');
  });
  it('is read with nm or a word of light after it, or bare after "the" when a few nm off', () => {
    expect(presets('switch off the 470 LED please')).toEqual(['FITC']);
    expect(presets('kill the 635 line')).toEqual(['Cy5']);
    expect(presets('no more 385 LED from here')).toEqual(['DAPI']);
    expect(presets('turn the 638 off')).toEqual(['Cy5']);
    expect(presets('image at 642 nm')).toEqual(['Cy5']);
  });
  it('is no line when a unit follows or nothing says light', () => {
    expect(excitationLines('set the 500 ms exposure')).toEqual([]);
    expect(excitationLines('take the 630 frames')).toEqual([]);
    expect(excitationLines('every 470 s')).toEqual([]);
    expect(excitationLines('the 525/50 filter')).toEqual([]);
    expect(presets('move 470 um left')).toEqual([]);
  });
});

describe("a dye by the microscope's own names", () => {
  it('reads a variant by the name before its version', () => {
    expect(presets('GCaMP6s every 1 s')).toEqual(['FITC']);
    expect(presets('mNeonGreen + mScarlet-I')).toEqual(['FITC', 'Rhodamine']);
    expect(presets('mRuby3 and mTurquoise2')).toEqual(['Rhodamine']);
    expect(findChannel(DEMO_CONFIG, 'GCaMP6s')?.name).toBe('FITC');
    expect(findChannel(DEMO_CONFIG, 'mScarlet-I')?.name).toBe('Rhodamine');
    // (a named channel's own digits stay its own: Cy5 is no "Cy" of version 5, "cy7" no channel)
    expect(findChannel(DEMO_CONFIG, 'cy5')?.name).toBe('Cy5');
    expect(findChannel(DEMO_CONFIG, 'cy7')).toBeUndefined();
  });
  it('reads dyes the declaration names, the longest name first ("deep red" is far red, not red)', () => {
    expect(presets('CellMask Deep Red and Hoechst 33342')).toEqual(['Cy5', 'DAPI']);
    expect(presets('Hoechst and TMRM')).toEqual(['DAPI', 'Rhodamine']);
    expect(presets('Fluo-4 every 2 s')).toEqual(['FITC']);
    expect(presets('ditch the JF646 channel')).toEqual(['Cy5']);
    expect(presets('SYTOX Green plus NucBlue')).toEqual(['FITC', 'DAPI']);
  });
});
