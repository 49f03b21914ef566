// Numbers said without a unit: a pixel size ("pixel size 0.33", µm implied) and a thing's number ("track 5"), which is no
// setting's value (tools/requestWords.ts BARE_PIXEL_SIZE_BEFORE, src/agent/planner/builders.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { statedCalibration } from '../../../src/agent/planner/quantities.ts';
import { argsOf, loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a pixel size told without a unit is in µm', () => {
  it.each([
    ['what is the mean speed? pixel size 0.33', 0.33],
    ['track them; pixel size: 0.65', 0.65],
    ['the pixel size is 1.2', 1.2],
  ])('%s', (request, um) => {
    expect(statedCalibration(request).pixelSizeUm).toBe(um);
  });

  it('is set by the calibration step', () => {
    expect(argsOf('what is the total distance travelled by track 5 in microns? pixel size 0.33', 'set_calibration')).toMatchObject({ pixelSizeUm: 0.33 });
  });

  it('a number with another unit, or none near "pixel size", is not one', () => {
    expect(statedCalibration('pixel size 5 px wide objects').pixelSizeUm).toBeUndefined();
    expect(statedCalibration('track 5 nuclei').pixelSizeUm).toBeUndefined();
  });
});

describe("a thing's number is no setting", () => {
  it('"track 5" is no linking distance', () => {
    expect(argsOf('what is the total distance travelled by track 5 in microns? pixel size 0.33', 'track').maxLinkingDistancePx).toBeUndefined();
  });
  it('a distance said with or without a unit still is one', () => {
    expect(argsOf('track the nuclei with a max distance of 12', 'track').maxLinkingDistancePx).toBe(12);
    expect(argsOf('link cells within 8 px', 'track').maxLinkingDistancePx).toBe(8);
  });
});

describe('a clause that only leaves a channel or frame out of the step before', () => {
  it.each([
    ["do a bleach correction with histogram matching, don't touch the first channel", 'correct_bleach', "don't touch the first channel"],
    ['do a bleach correction with histogram matching, except the first channel', 'correct_bleach', 'except the first channel'],
    ["segment the nuclei, don't touch the first frame", 'segment', "don't touch the first frame"],
  ])('%s: named once as not applied, no microscope step named', (request, tool, phrase) => {
    expect(toolsOf(request)).toEqual([tool]);
    const words = said(request);
    expect(words.split(`"${phrase}"`).length - 1).toBe(1);
    // (frames left out are a frame scope (stop 40): with the movie's length unknown, it says so and how to name the frames)
    expect(words).toMatch(new RegExp(`\`${tool}\` cannot leave a channel or frames out|I do not know how many frames the movie has, so \`${tool}\``));
    expect(words).not.toMatch(/adjust_acquisition/);
  });

  it('frames left out of a movie whose length is known are the frames run on (stop 40, helper C)', () => {
    expect(argsOf("segment the nuclei, don't touch the first frame", 'segment', [{ id: 'movie-1', type: 'movie', frames: 40 }])).toMatchObject({ frames: { first: 2, last: 40 } });
  });
});

describe('a pixel size told without a unit is no setting of a step', () => {
  it('never becomes a radius or an area ("segment nuclei bigger than 20 um2 (pixel size 0.5)")', () => {
    for (const request of ['segment nuclei bigger than 20 um2 (pixel size 0.5)', 'segment nuclei bigger than 20 um2, pixel size 0.5']) {
      const args = argsOf(request, 'segment');
      expect(args.minAreaPx, request).toBe(80);
      expect(args.objectRadiusPx, request).toBeUndefined();
      expect(args.maxAreaPx, request).toBeUndefined();
    }
  });
});

describe('an area in µm² with no pixel size known', () => {
  it('is never taken as pixels, and is named with what to say', () => {
    for (const request of ['segment nuclei bigger than 20 um2', 'segment nuclei bigger than 20 µm²', 'drop nuclei smaller than 20 square microns']) {
      expect(argsOf(request, 'segment').minAreaPx, request).toBeUndefined();
      expect(said(request), request).toMatch(/takes areas in pixels and the movie's pixel size is not known/);
    }
    // an area in px² is one
    expect(argsOf('segment nuclei bigger than 80 px2', 'segment').minAreaPx).toBe(80);
  });
});
