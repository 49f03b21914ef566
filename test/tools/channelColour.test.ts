// A channel named by its colour ("the red channel"): the one channel whose name is a dye or protein of that colour;
// none or several such channels is an error that names the channels, never a guess.
import { describe, expect, it } from 'vitest';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { channelIndex } from '../../tools/common.ts';

const movieOf = (names: string[]) => movieFromPlanes({ t: 1, z: 1, c: names.length, y: 2, x: 2 }, 'uint8', () => new Uint8Array(4), { channelNames: names });

describe('a channel by its colour', () => {
  it('is the channel of a dye of that colour', () => {
    expect(channelIndex(movieOf(['DAPI', 'H2B-mCherry']), 'red')).toBe(1);
    expect(channelIndex(movieOf(['DAPI', 'EGFP', 'SiR-actin']), 'green')).toBe(1);
    expect(channelIndex(movieOf(['DAPI', 'EGFP', 'SiR-actin']), 'far-red')).toBe(2);
    expect(channelIndex(movieOf(['Hoechst', 'EGFP']), 'blue')).toBe(0);
  });

  it('is an error naming the channels where no one channel has that colour', () => {
    expect(() => channelIndex(movieOf(['C1', 'C2']), 'red')).toThrow(/no channel called "red": the movie's channels are C1, C2/);
    expect(() => channelIndex(movieOf(['mCherry', 'tdTomato']), 'red')).toThrow(/no channel called "red"/);
  });
});

describe('a dye said of a movie with one channel named only by its place', () => {
  it('is that channel', () => {
    expect(channelIndex(movieOf(['C1']), 'GFP')).toBe(0);
    expect(channelIndex(movieOf(['Channel 1']), 'green')).toBe(0);
  });

  it('is that channel where its one name says what it shows and no dye ("nuclei" for "H2B-GFP")', () => {
    expect(channelIndex(movieOf(['nuclei']), 'GFP')).toBe(0);
  });

  it('is still an error where the one channel is named after another dye, or the word is no dye', () => {
    expect(() => channelIndex(movieOf(['mCherry']), 'GFP')).toThrow(/no channel called "GFP"/);
    expect(() => channelIndex(movieOf(['C1']), 'membrane')).toThrow(/no channel called "membrane"/);
  });
});
