import { describe, expect, it } from 'vitest';
import { areasInPixels, findFrameRange, findQuantities, micrometres, parseNumber, plainUnits, seconds, statedCalibration } from '../../../src/agent/planner/quantities.ts';
import { leadingDurationS, toNumber } from '../../../src/agent/acquisitionLanguage/words.ts';

const one = (text: string) => {
  const qs = findQuantities(text);
  expect(qs, text).toHaveLength(1);
  return qs[0];
};

describe('numbers as people write them', () => {
  it.each([
    ['12', 12], ['0.65', 0.65], ['0,65', 0.65], ['12,5', 12.5], ['1,000', 1000], ['12,500', 12500],
    ['5e-3', 0.005], ['1.5e2', 150], ['6.5E-1', 0.65], ['½', 0.5], ['2½', 2.5], ['¼', 0.25],
    ['a dozen', 12], ['half a dozen', 6], ['dozen', 12], ['one and a half', 1.5], ['2 and a quarter', 2.25], ['twenty', 20],
  ])('%s is %d', (text, value) => {
    expect(parseNumber(text)).toBeCloseTo(value, 9);
  });

  it('reads no number in words that are none', () => {
    expect(parseNumber('channel')).toBeUndefined();
    expect(parseNumber('1.2.3')).toBeUndefined();
  });

  it('the acquisition words read numbers with the same reader', () => {
    for (const text of ['2½', '5e1', 'a dozen', 'one and a half', '0,5']) expect(toNumber(text)).toBe(parseNumber(text));
    expect(leadingDurationS('4 and a half hours')?.seconds).toBe(16200);
    expect(leadingDurationS('an hour and a half')?.seconds).toBe(5400);
    expect(leadingDurationS('two and a quarter days')?.seconds).toBe(2.25 * 86400);
  });
});

describe('units', () => {
  it('reads scientific notation, fractions and dozens with their unit', () => {
    expect(one('sigma 1.5e0 px')).toMatchObject({ value: 1.5, unit: 'px' });
    expect(one('min area 1.5e2 px')).toMatchObject({ value: 150, unit: 'px' });
    expect(one('radius 2½ px')).toMatchObject({ value: 2.5, unit: 'px' });
    expect(one('a dozen pixels')).toMatchObject({ value: 12, unit: 'px' });
    expect(one('half a dozen frames')).toMatchObject({ value: 6, unit: 'frame' });
    expect(seconds(one('half a minute'))).toBe(30);
    expect(seconds(one('for an hour and a half'))).toBe(5400);
  });

  it('reads mm as µm and nm as nm', () => {
    expect(micrometres(one('0.008 mm across'))).toBeCloseTo(8, 9);
    expect(micrometres(one('they move 5e-3 mm per frame'))).toBeCloseTo(5, 9);
    expect(micrometres(one('3000 nm radius'))).toBeCloseTo(3, 9);
  });

  it('reads a rate as the time between frames, and says it was a rate', () => {
    expect(one('at 0.5 Hz')).toMatchObject({ kind: 'time', unit: 's', value: 2, per: 'frame', rate: { value: 0.5, unit: 'Hz' } });
    expect(seconds(one('the movie is 30 fps'))).toBeCloseTo(1 / 30, 5);
    expect(seconds(one('2 frames per second'))).toBe(0.5);
    expect(seconds(one('10 frames per minute'))).toBe(6);
  });

  it('tells a length per pixel and a time per frame from a plain length or time', () => {
    for (const text of ['px 0.65 um', 'pixel = 0.65 microns', 'these are 650 nm pixels', '0,65 µm/px', 'pixel size: 6.5e-1 um', '0.325 um per pixel', 'each pixel is 0.2 microns wide', '108 nm/px', 'scale: 1 px = 0.5 µm', 'pixel size 0.00065 mm']) {
      expect(findQuantities(text).find((q) => q.kind === 'length' && q.unit !== 'px')?.per, text).toBe('px');
    }
    for (const text of ['2min/frame', '3 minutes per frame', '1 frame every 2 min', 'one image every 30 s', 'it was imaged every 120 s', 'the cells were recorded once every 5 min', 'the frames are every 15 minutes', 'our images were taken every 2 min']) {
      expect(findQuantities(text).find((q) => q.kind === 'time')?.per, text).toBe('frame');
    }
    expect(one('nuclei 8 um across').per).toBeUndefined();
    expect(one('for 2 h').per).toBeUndefined();
    expect(one('every 120 s').per).toBeUndefined();
    expect(one('image GFP every 2 min').per).toBeUndefined();
  });

  it('states the calibration its units say, and none where they say none', () => {
    // ("dt 30 s", the time step, is the frame interval in lab shorthand)
    expect(statedCalibration('px 0.108 um, dt 30 s')).toEqual({ pixelSizeUm: 0.108, frameIntervalS: 30 });
    expect(statedCalibration('these are 650 nm pixels, 2 min/frame')).toEqual({ pixelSizeUm: 0.65, frameIntervalS: 120 });
    expect(statedCalibration('acquired at 0.2 Hz').frameIntervalS).toBe(5);
    expect(statedCalibration('segment nuclei 8 um across, track for 2 h')).toEqual({});
  });
});

describe('frame ranges', () => {
  it.each([
    ['frames 10–20', 10, 20], ['frames 10—20', 10, 20], ['frames 10 to 20', 10, 20], ['timepoints 5 thru 15', 5, 15],
    ['between frame 3 and frame 9', 3, 9], ['from frame 20 to 5', 5, 20], ['the first 6 frames', 1, 6], ['the first half dozen frames', 1, 6],
  ])('%s is %d..%d', (text, first, last) => {
    expect(findFrameRange(text)).toEqual({ first, last });
  });

  it('reads open ranges with the movie length, and only then', () => {
    expect(findFrameRange('segment from frame 10 on', 40)).toEqual({ first: 10, last: 40 });
    expect(findFrameRange('denoise frame 25 onwards', 40)).toEqual({ first: 25, last: 40 });
    expect(findFrameRange('from frame 5 to the end', 40)).toEqual({ first: 5, last: 40 });
    expect(findFrameRange('the last 5 frames', 40)).toEqual({ first: 36, last: 40 });
    expect(findFrameRange('the final ten frames', 40)).toEqual({ first: 31, last: 40 });
    expect(findFrameRange('only the last frame', 40)).toEqual({ first: 40, last: 40 });
    expect(findFrameRange('segment from frame 10 on')).toBeUndefined();
    expect(findFrameRange('the last 5 frames')).toBeUndefined();
    // a start past the end is no range
    expect(findFrameRange('from frame 50 on', 40)).toBeUndefined();
  });
});

describe('plain units for the command reader', () => {
  it.each([
    ['image GFP at 0.5 Hz for 10 min', 'image GFP every 2 s for 10 min'],
    ['acquire mCherry at 2 fps for 1 min', 'acquire mCherry every 0.5 s for 1 min'],
    ['set the frame rate to 1 fps', 'set the interval to 1 s'],
    ['make it 3 min/frame', 'make it every 3 min'],
    ['GFP exposure 5e1 ms', 'GFP exposure 50 ms'],
    ['every ½ min', 'every 0.5 min'],
    ['power to 7,5 %', 'power to 7.5 %'],
    ['for a dozen hours', 'for 12 hours'],
    ['move 0.1 mm to the right', 'move 100 µm to the right'],
  ])('%s → %s', (text, plain) => {
    expect(plainUnits(text)).toBe(plain);
    expect(plainUnits(plain)).toBe(plain);
  });

  it('leaves lists, thousands and concentrations alone', () => {
    for (const text of ['positions 1,2 and 3', '1,000 frames', 'add 5 mM drug']) expect(plainUnits(text)).toBe(text);
  });
});

describe('areas in µm² for arguments in px', () => {
  it('says an area in µm² in px² at the pixel size, with a note', () => {
    for (const written of ['10 µm²', '10 um^2', '10 um2', '10 square microns', '10 sq. µm', '10 microns squared', '1e1 µm²']) {
      expect(areasInPixels(`drop anything smaller than ${written}`, 0.5), written).toEqual({ text: 'drop anything smaller than 40 px²', notes: ['10 µm² is 40 px² at 0.5 µm/px.'] });
    }
  });

  it('leaves the text as it is with no pixel size, and lengths alone', () => {
    expect(areasInPixels('smaller than 10 µm²', undefined)).toEqual({ text: 'smaller than 10 µm²', notes: [] });
    expect(areasInPixels('nuclei 8 µm across, 2 µm steps', 0.5)).toEqual({ text: 'nuclei 8 µm across, 2 µm steps', notes: [] });
  });
});

describe('how often a recording was made, with what was imaged between', () => {
  it('is the frame interval told', () => {
    expect(statedCalibration('we imaged HeLa H2B-mCherry every 5 min overnight').frameIntervalS).toBe(300);
    expect(statedCalibration('the cells were imaged every 2 min').frameIntervalS).toBe(120);
  });
});

describe('areas', () => {
  it('are read as the unit squared, never a length or a bare count', () => {
    for (const text of ['bigger than 20 um2', 'bigger than 20 µm²', 'bigger than 20 square microns', 'bigger than 20 um^2']) {
      const [q] = findQuantities(text);
      expect(q, text).toMatchObject({ value: 20, unit: 'um', squared: true });
      expect(text.slice(q.start, q.end), text).toMatch(/^20\s*(?:um2|µm²|square microns|um\^2)$/);
    }
    expect(findQuantities('a radius of 20 um')[0].squared).toBeUndefined();
  });
});
