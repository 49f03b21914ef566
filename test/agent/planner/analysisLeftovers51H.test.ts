// Analysis leftovers of stop 51 (helper H): wrong steps with confidence, each by its general cause.
import { beforeAll, describe, expect, it } from 'vitest';
import { findQuantities } from '../../../src/agent/planner/quantities.ts';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a range with its unit said once', () => {
  it('gives the first end the unit said after the second ("between 60 and 120 min"), never a bare count', () => {
    expect(findQuantities('between 60 and 120 min').map((q) => [q.value, q.unit])).toEqual([[60, 'min'], [120, 'min']]);
    expect(findQuantities('from 2 to 4 h').map((q) => q.unit)).toEqual(['h', 'h']);
    // ("3 and 5 px" with no "between" are two things; "2 and 1 h" is no range)
    expect(findQuantities('track 3 and 5 px').map((q) => q.unit)).toEqual(['', 'px']);
  });

  it('reads no object size from a time window', () => {
    expect(asSaid.argsOf('frame interval 5 min, segment the cells between 30 and 90 min', 'segment')).not.toHaveProperty('objectRadiusPx');
  });
});

describe('a figure of a quantity the table before it lacks', () => {
  it('makes the table that holds it first (speed: tracks, measured as tracks), as the table maker\'s own words say', () => {
    const labels = [{ id: 'movie-1', type: 'movie' as const }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }];
    const steps = asSaid.plan('plot the area over time and also a histogram of the speed', labels).steps;
    const tools = steps.map((s) => s.tool);
    expect(tools.indexOf('track')).toBeGreaterThan(-1);
    const histogram = steps.findIndex((s) => s.args.kind === 'histogram');
    expect(steps.slice(0, histogram).some((s) => s.tool === 'measure' && s.args.kind === 'tracks')).toBe(true);
  });
});

describe('a playback rate of a video written', () => {
  it('is no time between the recording\'s frames ("an mp4 at 10 fps"), while "recorded at 2 fps" still is', () => {
    const withTracks = [{ id: 'movie-1', type: 'movie' as const }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];
    const p = asSaid.plan('render the tracks as an animated gif, 12 fps', withTracks);
    expect(p.steps.map((s) => s.tool)).not.toContain('set_calibration');
    expect(asSaid.argsOf('the video was recorded at 2 fps, track the cells', 'set_calibration', withTracks)).toMatchObject({ frameIntervalS: 0.5 });
  });
});

describe('a file kind no tool writes, of a result the writer does not take', () => {
  it('makes no other file in its place ("plot the area, then save it as svg": no track, no export) and names the kind', () => {
    const labels = [{ id: 'movie-1', type: 'movie' as const }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }];
    const p = asSaid.plan('draw the mean area per frame and then store it as an .eps', labels);
    expect(p.steps.map((s) => s.tool)).not.toContain('export');
    expect(p.steps.map((s) => s.tool)).not.toContain('track');
    expect([...(p.notes ?? []), p.reply ?? ''].join(' ')).toMatch(/eps/i);
  });
});

describe('the displacement of the stage or the field', () => {
  it('is the drift the correction measures, never the tracks\' displacement', () => {
    expect(asSaid.toolsOf('align the frames please. how big was the displacement of the image?')).toEqual(['correct_drift']);
    expect(asSaid.toolsOf('track the cells. what is their mean displacement?', [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }])).toContain('measure');
  });
});

describe('a "possible to <step>" question with a setting and its value', () => {
  it('asks for that run with the setting, no verdict on the movie, the value never dropped', () => {
    const labels = [{ id: 'movie-1', type: 'movie' as const }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }];
    expect(asSaid.argsOf('is it feasible to track them with a maximum gap of 3 frames?', 'track', labels)).toMatchObject({ maxFrameGap: 3 });
  });
});

describe('a method known by a noun phrase that no tool has', () => {
  it('is named as not available ("active contours", "extended depth of field")', () => {
    const labels = [{ id: 'movie-1', type: 'movie' as const }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }];
    const p = asSaid.plan('refine the outlines with active contours', labels);
    expect([...(p.notes ?? []), p.reply ?? ''].join(' ')).toMatch(/active contours/);
  });
});
