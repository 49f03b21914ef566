// Stop 37 (helper C): requests of several parts, every part done or named. A question beside an output reads the
// results the session holds (never segments again); a calibration said with an analysis runs that analysis too; a
// request for analysis that names no step is asked back; "X first though" runs X first; a file format said as a bare
// noun ("CSV of circularity", "area + intensity csv") is written; a montage of chosen frames is one step.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { argsOf, loadAcquisitionWords, movieAndLabels, plan, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const measured: KnownArtifact[] = [...movieAndLabels, { id: 'table-1', type: 'table', producedBy: 'measure' }];

describe('a question beside an output, the results it asks about already made', () => {
  it.each([
    'how many nuclei are there? also export the masks',
    'what is the nucleus count? and write the segmentation out as PNGs',
    'save the masks as png. how many objects are there?',
    'write the label images out as tiff and tell me how many nuclei there are',
  ])('%s: counts the labels held, segments nothing again', (request) => {
    const tools = toolsOf(request, movieAndLabels);
    expect(tools).toContain('export');
    expect(tools).not.toContain('segment');
    expect(plan(request, movieAndLabels).question).toBeTruthy();
  });
  it('with no labels yet, the nuclei are found first', () => {
    expect(toolsOf('how many nuclei are there? also export the masks')).toEqual(expect.arrayContaining(['segment', 'export']));
  });
});

describe('a calibration said with an analysis', () => {
  it.each([
    ['set the pixel size to 0.65 µm and recompute the areas', 0.65],
    ['pixel size 0.3 um, compute the areas', 0.3],
  ])('%s: calibrates, then measures', (request, size) => {
    const tools = toolsOf(request, measured);
    expect(tools[0]).toBe('set_calibration');
    expect(tools).toContain('measure');
    expect(argsOf(request, 'set_calibration', measured).pixelSizeUm).toBe(size);
  });
  it('a calibration with a fact about the movie asks for no analysis', () => {
    expect(toolsOf('the pixel size is 0.65 µm, the movie has 50 frames', measured)).toEqual(['set_calibration']);
  });
});

describe('analysis asked with no step named', () => {
  it.each(['analyse my movie', 'do the usual', 'please process the data for me', 'just run the standard pipeline on it', 'have a go at analysing this'])('%s: asked back, nothing run', (request) => {
    const p = plan(request);
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/^Which analysis would you like\?.*ran nothing.*I can /);
  });
  it.each([
    ['analyse the drift', 'correct_drift'],
    ['process the movie: segment and track the nuclei', 'track'],
  ])('%s: a step named is run', (request, tool) => {
    expect(toolsOf(request)).toContain(tool);
  });
  it('"do it" points back at something said; a number says what to work on', () => {
    for (const request of ['do it', 'analyse frames 1 to 10']) expect(plan(request).reply ?? '').not.toMatch(/^Which analysis would you like/);
  });
});

describe('"first" closing a clause with a softener after it', () => {
  it.each(['measure intensity per cell over time - bleach-correct first though', 'segment the nuclei, denoise first please'])('%s', (request) => {
    const tools = toolsOf(request);
    expect(tools[0]).toMatch(/^(?:correct_bleach|denoise)$/);
  });
});

describe('a file format said as a bare noun', () => {
  it.each(['histogram and CSV of circularity', 'area + intensity csv AND a histogram of the areas', 'areas and intensities csv'])('%s: measured, and written as CSV', (request) => {
    const p = plan(request, movieAndLabels);
    expect(p.steps.map((s) => s.tool)).toEqual(expect.arrayContaining(['measure', 'export']));
    expect(p.steps.find((s) => s.tool === 'export')?.args.format).toBe('csv');
    expect(p.steps.map((s) => s.tool)).not.toContain('track');
  });
  it('a method named after a verb is no file: "track the nuclei with trackmate"', () => {
    expect(toolsOf('track the nuclei with trackmate', movieAndLabels)).not.toContain('export');
  });
});

describe('a montage of chosen frames', () => {
  it.each([
    ['show frames 2, 4 and 8 side by side', { at: [2, 4, 8] }],
    ['contact sheet of every 3rd frame in 5 columns', { increment: 3, columns: 5 }],
    ['make a montage of the first 6 frames without a scale bar', { frames: { first: 1, last: 6 }, scaleBar: false }],
  ])('%s', (request, args) => {
    expect(toolsOf(request)).toEqual(['montage']);
    expect(argsOf(request, 'montage')).toMatchObject(args);
  });
  it('after a correction, of the corrected movie', () => {
    expect(toolsOf('correct the drift and then make a montage of frames 1, 5 and 9')).toEqual(['correct_drift', 'montage']);
  });
});
