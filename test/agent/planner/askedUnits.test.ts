// Units and calibrations said inside a question (brief s15/Q): a pixel size or a time between
// frames told with the question is read, applied by the answer, and never asks for a step.
import { describe, expect, it } from 'vitest';
import { asksPerFrame, statedFrameIntervalS, statedPixelSizeUm, unitsNotUsedNote, withoutToldCalibration } from '../../../src/agent/planner/askedUnits.ts';

describe('a calibration told inside a question', () => {
  it('reads the pixel size and the time between frames as people write them', () => {
    expect(statedPixelSizeUm('mean speed in µm/min? the pixels are 0.65 µm and frames are 2 min apart')).toBe(0.65);
    expect(statedPixelSizeUm('With 1.2 micron pixels and a 10 minute interval, how fast?')).toBe(1.2);
    expect(statedFrameIntervalS('mean speed in µm/min? the pixels are 0.65 µm and frames are 2 min apart')).toBe(120);
    expect(statedFrameIntervalS('With 1.2 micron pixels and a 10 minute interval, how fast?')).toBe(600);
    expect(statedFrameIntervalS('pixel size is 0.5 um and we imaged every 3 min - the speed in um per hour?')).toBe(180);
    // (stop 16: "one frame every 5 min" was left in the words, and its 5 became the tracker's linking distance)
    expect(statedFrameIntervalS('how fast do the cells move? pixel size is 0.8 um and one frame every 5 min')).toBe(300);
    expect(statedFrameIntervalS('mean speed? 5 min between frames')).toBe(300);
    expect(withoutToldCalibration('how fast do the cells move? one frame every 5 min')).not.toMatch(/\d/);
    expect(statedFrameIntervalS('how fast do they go? frame interval is 5 min')).toBe(300);
    expect(statedFrameIntervalS('average speed per track given 2 min frames?')).toBe(120);
    // a duration or a condition is no interval; a size is no pixel size
    expect(statedFrameIntervalS('how many tracks last longer than 5 min?')).toBeUndefined();
    expect(statedPixelSizeUm('the nuclei are 8 µm across, how many?')).toBeUndefined();
  });

  it('leaves the calibration out of the words that choose a step, and keeps the rest of the question', () => {
    expect(withoutToldCalibration("what's the mean cell area in µm²? pixel size 0.65 µm")).toBe("what's the mean cell area in µm²?");
    expect(withoutToldCalibration("what's the mean cell speed in µm/min? the pixels are 0.65 µm and frames are 2 min apart")).toBe("what's the mean cell speed in µm/min?");
    expect(withoutToldCalibration('how many tracks last longer than 5 min?')).toBe('how many tracks last longer than 5 min?');
    expect(asksPerFrame('mean speed in pixels per frame please')).toBe(true);
  });
});

describe('units asked that the answer could not use', () => {
  it('names a missing pixel size when an area is asked in µm² written the way people type it', () => {
    for (const asked of ['give me their areas in um2', 'areas in um^2 please', 'mean area in µm²', 'area in square microns']) {
      expect(unitsNotUsedNote(asked, 'Mean area = 1065 px² (no calibration known)'), asked).toMatch(/no pixel size/);
    }
    expect(unitsNotUsedNote('give me their areas', 'Mean area = 1065 px² (no calibration known)')).toBeUndefined();
  });
});
