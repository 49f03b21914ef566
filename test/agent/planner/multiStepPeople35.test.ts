// Stop 35 (helper C): multi-step requests in people's words — each mechanism in several wordings.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';

const withTracks = [...movieAndLabels, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];
const withTable = [...movieAndLabels, { id: 'table-1', type: 'table' as const, producedBy: 'measure' }];
beforeAll(loadAcquisitionWords);

describe('combining channels is an operation no tool does: named, never a tracking setting', () => {
  it.each([
    'merge the two channels and then segment',
    'merge both channels, then segment the nuclei and track them',
    'Combine both fluorescence channels into one image and then segment it.',
  ])('%s', (request) => {
    const p = plan(request);
    expect(p.steps.some((s) => s.args.allowMerging === true)).toBe(false);
    expect(said(request)).toMatch(/no tool to (?:merge|combine)/i);
  });
  it.each(['track and allow tracks to merge', 'link them and let tracks merge'])('merging tracks is still a tracking setting: %s', (request) => {
    expect(plan(request, movieAndLabels).steps.find((s) => s.tool === 'track')?.args.allowMerging).toBe(true);
  });
});

describe('normalising each frame is a per-frame (bleach) normalisation step before the tracking', () => {
  it.each([
    'normalise each frame to its mean and then track',
    'Per-frame normalisation to the frame mean, then tracking.',
    'Scale every frame to the same mean intensity, then segment and track.',
    'equalise the frames first, then segment',
  ])('%s', (request) => {
    const tools = toolsOf(request);
    expect(tools[0]).toBe('correct_bleach');
    expect(tools).toContain('segment');
    expect(tools).not.toContain('analyze_timeseries');
    expect(tools).not.toContain('set_calibration');
  });
  it('a per-cell trace normalised to its first frames stays a time-series step', () => {
    expect(toolsOf('normalise the traces to the first 10 frames (dF/F0) and plot them', withTable)[0]).toBe('analyze_timeseries');
  });
});

describe('frames said as a count a setting took are no frame range named as not applied', () => {
  it.each([
    ['normalize the intensity with the first 5 frame (F/F0) and make a plot', 5],
    ['normalise the traces to the first 10 frames (dF/F0) and plot them', 10],
    ['F/F0 with the first 3 frames as baseline', 3],
  ] as const)('%s', (request, frames) => {
    const p = plan(request, withTable);
    expect(p.steps.find((s) => s.tool === 'analyze_timeseries')?.args.baselineFrames).toBe(frames);
    expect(said(request, withTable)).not.toMatch(/Not applied/);
  });
});

describe('"leave the X as they are" turns down the step that makes X', () => {
  it.each([
    'MSD out to lag 20 frames, fit the first 5 lags, and plot it; leave the tracks as they are.',
    'plot the speeds but leave the tracks as they are',
    'measure the speeds and keep the tracks as they are',
  ])('%s', (request) => {
    expect(toolsOf(request, withTracks)).not.toContain('track');
  });
});

describe('an order word said after its clause ("..., after that") is no action left undone', () => {
  it.each(['segment, and export as csv after that', 'segment the nuclei, and track them afterwards', 'denoise, and segment later'])('%s', (request) => {
    expect(said(request)).not.toMatch(/no tool to (?:after|afterwards|later)/i);
  });
});

describe('"redo the <step> with less <setting>" with nothing run before runs that step, not the setting word\'s tool', () => {
  it.each([
    'redo the segmentation with less smoothing',
    'redo the segmentation with a bit less smoothing please',
    'redo the segmentation using less smoothing',
  ])('%s', (request) => {
    const tools = toolsOf(request);
    expect(tools).toContain('segment');
    expect(tools).not.toContain('denoise');
  });
});

describe('results pointed at as already made ("the masks we have") ask for no step that makes them again', () => {
  it.each([
    'use the masks we have and link them',
    'use the existing masks and link them',
    'with the labels we already have, track the nuclei',
    "use the masks we have, don't resegment. link them and give me speeds.",
  ])('%s', (request) => {
    expect(toolsOf(request, movieAndLabels)).not.toContain('segment');
    expect(toolsOf(request, movieAndLabels)).toContain('track');
    expect(said(request, movieAndLabels)).not.toMatch(/Not applied: "(?:existing|already)/);
  });
  it('masks used for a step of their own are still that step', () => {
    expect(toolsOf('use the masks to measure the area', movieAndLabels)).toContain('measure');
  });
});

describe('"before you <step>, A and B after that": A and B run before the step, whatever its arguments share with A', () => {
  it.each([
    ['before you track, register the frames and segment after that', ['correct_drift', 'segment', 'track']],
    ['before tracking, register the frames, then segment', ['correct_drift', 'segment', 'track']],
    ['before you track, please stabilise the movie, and segment afterwards', ['correct_drift', 'segment', 'track']],
  ] as const)('%s', (request, tools) => {
    expect(toolsOf(request)).toEqual(tools);
  });
});

describe('a remark opened by an interjection ("hmm they look ... merged") is context, no tracking setting', () => {
  it.each(['hmm they look a bit blobby and merged', 'um the nuclei look merged', 'ugh the cells look blurry and merged'])('%s', (request) => {
    expect(toolsOf(request)).not.toContain('track');
  });
});
