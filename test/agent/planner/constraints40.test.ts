import { beforeAll, describe, expect, it } from 'vitest';
import { statedCalibration } from '../../../src/agent/planner/quantities.ts';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { argsOf, loadAcquisitionWords, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const calibrated: KnownArtifact[] = [{ id: 'movie-1', type: 'movie', pixelSizeUm: 0.5 }];

describe('a setting said as a clause of its own between steps (stop 40)', () => {
  it('goes to the step said before it when the step after takes nothing from it', () => {
    const p = plan('track; max 10 px per frame; then measure speeds', movieAndLabels);
    expect(p.steps.map((s) => s.tool)).toEqual(['track', 'measure']);
    expect(p.steps[0].args.maxLinkingDistancePx).toBe(10);
    expect(said('track; max 10 px per frame; then measure speeds', movieAndLabels)).not.toMatch(/Not applied/);
  });
  it('an object size beside a pixel size is the finding step\'s, never named as no option of the calibration', () => {
    for (const text of ['segment the nuclei; pixel size is 0.65 µm, nuclei about 10 µm wide, then measure area', 'segment the nuclei; pixel size is 0.65 µm and the nuclei are about 10 µm wide; then measure area']) {
      expect(toolsOf(text)).toEqual(['set_calibration', 'segment', 'measure']);
      expect(argsOf(text, 'segment').objectRadiusPx).toBeCloseTo(7.69, 2);
      expect(said(text)).not.toMatch(/Not applied|no tool to and/);
    }
  });
  it('"only cells larger than ..." after the measuring step is the finding step\'s bound, applied once', () => {
    expect(argsOf('segment and measure, only cells larger than 30 µm²', 'segment', calibrated).minAreaPx).toBe(120);
    expect(argsOf('segment and measure, only cells larger than 100 px in area', 'segment').minAreaPx).toBe(100);
    expect(said('segment and measure them, only cells bigger than 100 px')).not.toMatch(/Not applied/);
  });
  it('a setting the later step takes stays there', () => {
    expect(argsOf('denoise, then segment with sigma 2', 'segment').sigmaPx).toBe(2);
    expect(argsOf('segment the nuclei and measure intensity in channel 2', 'measure').channel).toBe(2);
  });
});

describe('a bound said with "no" is no step turned down (stop 40)', () => {
  it('"no smaller than 30 px" bounds the area and names nothing as not run', () => {
    const p = plan('segment the cells; no smaller than 30 px, then track them');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'track']);
    expect(p.steps[0].args.minAreaPx).toBe(30);
    expect(said('segment the cells; no smaller than 30 px, then track them')).not.toMatch(/Not run/);
  });
});

describe('a pixel size in other words (stop 40)', () => {
  it('"px size", "pixelsize=", "1 px = ..." are the calibration, never an object size', () => {
    expect(statedCalibration('px size 0.65um')).toEqual({ pixelSizeUm: 0.65 });
    expect(statedCalibration('pixelsize=0.65um')).toEqual({ pixelSizeUm: 0.65 });
    expect(statedCalibration('1 px = 0.65 µm')).toEqual({ pixelSizeUm: 0.65 });
    expect(statedCalibration('one pixel is 650 nm')).toEqual({ pixelSizeUm: 0.65 });
    for (const text of ['segment cells; px size 0.65um, then measure area', 'segment nuclei, pixelsize=0.65um, measure area', 'segment the nuclei; 1 px = 0.65 µm, then measure area']) {
      expect(toolsOf(text)).toEqual(['set_calibration', 'segment', 'measure']);
      expect(argsOf(text, 'set_calibration').pixelSizeUm).toBe(0.65);
      expect(argsOf(text, 'segment').objectRadiusPx).toBeUndefined();
      expect(said(text)).not.toMatch(/Not applied/);
    }
  });
});

describe('a limit said with a verb of leaving out after the measuring step (stop 40, helper B second task)', () => {
  it('is the finding step\'s bound, never named as not applied at measure', () => {
    for (const [text, min] of [['segment then measure intensity, excluding objects under 50 px', 50], ['segment and then measure intensity but skip objects smaller than 50 px', 50], ['segment the nuclei then measure area, leaving out objects under 20 px', 20]] as const) {
      expect(toolsOf(text)).toEqual(['segment', 'measure']);
      expect(argsOf(text, 'segment').minAreaPx).toBe(min);
      expect(said(text)).not.toMatch(/Not applied/);
    }
  });
  it('a second bound joined by "and" goes with it', () => {
    const args = argsOf('segment and then measure intensity, excluding objects under 50 px and over 2000 px', 'segment');
    expect(args).toMatchObject({ minAreaPx: 50, maxAreaPx: 2000 });
    expect(args.minSeedDistancePx).toBeUndefined();
  });
  it('"leaving out objects under 20 px" is a lower bound', () => {
    expect(argsOf('segment, leaving out objects under 20 px', 'segment')).toMatchObject({ minAreaPx: 20 });
  });
});
