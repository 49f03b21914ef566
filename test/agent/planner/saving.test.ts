// Saving the result of the step before in any wording, actions no tool does named as not
// done, and units asked that could not be used (brief J, issue 11 items 4-5).
import { beforeAll, describe, expect, it } from 'vitest';
import { unitsNotUsedNote } from '../../../src/agent/planner/askedUnits.ts';
import { catalogue, loadAcquisitionWords, plan } from './planOffline.ts';
import { indexFor } from '../../../src/agent/planner/toolIndex.ts';
import { notDoneNote, unmatchedAction } from '../../../src/agent/planner/unapplied.ts';

beforeAll(loadAcquisitionWords);

describe('a save clause takes what the step before made', () => {
  it.each([
    ['correct the drift, then save it as tiff', 'correct_drift', 'movie'],
    ['correct the drift and save the aligned stack as a tiff', 'correct_drift', 'movie'],
    ['denoise it and write it out', 'denoise', 'movie'],
    ['denoise the movie, then save the result to denoised.tif', 'denoise', 'movie'],
    ['segment the nuclei and save the masks as a tiff', 'segment', 'labels'],
  ])('%s', (request, first, input) => {
    const p = plan(request);
    expect(p.steps.map((s) => s.tool)).toEqual([first, 'export']);
    expect(p.steps[1].args[input]).toMatchObject({ $ref: input });
  });

  it('reads the path said after "over" as the output (the file policy then refuses an input)', () => {
    const p = plan('denoise it and save the result over link.tif');
    expect(p.steps.map((s) => s.tool)).toEqual(['denoise', 'export']);
    expect(p.steps[0].args.movie).not.toBe('link.tif');
    expect(p.steps[1].args.output).toBe('link.tif');
  });
});

describe('an action no tool does is named, not dropped', () => {
  it('"invert it and write it to ...": nothing runs, both named', () => {
    const p = plan('invert it and write it to inverted.tif');
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/I have no tool to invert \("invert it"\): nothing was done for it; export was not run either/);
  });

  it('"invert the contrast and then segment": the segmentation runs, the inversion is named', () => {
    const p = plan('invert the contrast and then segment the nuclei');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment']);
    expect(p.notes?.join(' ')).toMatch(/no tool to invert/);
  });

  it('a verb no tool knows with only common words matched ("flip the movie") is no step', () => {
    const p = plan('flip the movie horizontally, then save it as flipped.tif');
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/no tool to flip/);
  });

  it('finds the verb only where a clause opens with one acting on something', () => {
    const index = indexFor(catalogue);
    expect(unmatchedAction('invert it', index)).toBe('invert');
    expect(unmatchedAction('and then rotate the movie', index)).toBe('rotate');
    expect(unmatchedAction('please the cells', index)).toBeUndefined();
    expect(unmatchedAction('what is the interval', index)).toBeUndefined();
    expect(unmatchedAction('the cells are HeLa', index)).toBeUndefined();
    expect(notDoneNote({ verb: 'rotate', clause: 'rotate it' })).toBe('I have no tool to rotate ("rotate it"): nothing was done for it.');
  });
});

describe('units asked that could not be used', () => {
  it('names the missing frame interval and what to say, for a speed in px/frame', () => {
    const note = unitsNotUsedNote('mean speed in um per minute', 'Mean speed = 1.8 px/frame (no calibration known) (from measure).');
    expect(note).toMatch(/no frame interval and no pixel size known/);
    // what it tells people to say must set the calibration (a bare 'interval' does not)
    expect(note).toMatch(/'the frame interval is 2 min'/);
    expect(plan('the frame interval is 2 min').steps.map((s) => s.tool)).toEqual(['set_calibration']);
  });

  it('is not said because the answer names the pixel size a step set ("Done: set the pixel size; ...")', () => {
    expect(unitsNotUsedNote('segment the nuclei and measure their area, pixel size 0.65 µm', 'Done: set the pixel size; find nuclei or cells → labels-1; measure objects → table-1.')).toBeUndefined();
    expect(unitsNotUsedNote('area in µm²', 'Mean area = 410 px² over 20 objects.')).toMatch(/no pixel size known/);
  });

  it('a calibration said anywhere in the request runs before the steps that read it', () => {
    const p = plan('segment the nuclei and measure their area, pixel size 0.65 µm');
    expect(p.steps.map((s) => s.tool)).toEqual(['set_calibration', 'segment', 'measure']);
    expect(p.steps[0].args.pixelSizeUm).toBe(0.65);
  });

  it('names only the frame interval when lengths are in µm', () => {
    const note = unitsNotUsedNote('mean speed in µm/min', 'Mean speed = 0.9 µm/frame (from measure).');
    expect(note).toMatch(/no frame interval known/);
    expect(note).not.toMatch(/pixel size/);
  });

  it('says nothing when the units asked were used, or none were asked', () => {
    expect(unitsNotUsedNote('mean speed in um per minute', 'Mean speed = 0.4 µm/min (from measure).')).toBeUndefined();
    expect(unitsNotUsedNote('mean speed', 'Mean speed = 1.8 px/frame (from measure).')).toBeUndefined();
  });

  it('"the frame interval is 2 minutes" sets the calibration; a bare "interval" in a command is the acquisition\'s', () => {
    const p = plan('the frame interval is 2 minutes');
    expect(p.steps.map((s) => s.tool)).toEqual(['set_calibration']);
    expect(p.steps[0].args.frameIntervalS).toBe(120);
    // a bare "interval" drew microscope commands ("double the interval") to the calibration: they stay the acquisition's;
    // an interval told alone, with nothing else said, is the movie's (stop 29: it ran nothing)
    expect(plan('double the interval').steps.map((s) => s.tool)).not.toContain('set_calibration');
    const bare = plan('the interval is 2 minutes');
    expect(bare.steps.map((s) => s.tool)).toEqual(['set_calibration']);
    expect(bare.steps[0].args.frameIntervalS).toBe(120);
  });
});

describe('a pixel size written with the micro sign', () => {
  it('"0.65 µm/px" and "0.65 μm per pixel" set the calibration as "0.65 um/px" does (µ and μ read as u)', () => {
    for (const request of ['segment the nuclei and measure their area; 0.65 µm/px', 'measure nuclear area, 0.65 μm per pixel', 'measure nuclear area, 0.65 um/px']) {
      const p = plan(request);
      expect(p.steps[0], request).toMatchObject({ tool: 'set_calibration', args: { pixelSizeUm: 0.65 } });
    }
  });
});
