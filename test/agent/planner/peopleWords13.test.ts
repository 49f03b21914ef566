// Requests of brief R, stop 21 (issue 11): what a person names decides what is written and read, words that only ask
// are no constraints, the kind of imaging is the movie's, a filter turned down is off, sound is no movie, and a scope
// "the first N frames" sets the argument that counts frames from the first.
import { beforeAll, describe, expect, it } from 'vitest';
import { nextAction } from '../../../src/agent/planner/planner.ts';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { argsOf, catalogue, loadAcquisitionWords, movie, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const withTable: KnownArtifact[] = [...movieAndLabels, { id: 'table-1', type: 'table', producedBy: 'measure' }];

describe('what is named to export decides what is written', () => {
  it('writes the drift table correct_drift makes, not a table of objects measured for it', () => {
    const request = 'correct the drift and export the drift table as csv to out/drift.csv';
    expect(toolsOf(request)).toEqual(['correct_drift', 'export']);
    expect(argsOf(request, 'export').table).toEqual({ $ref: 'table', mode: 'producer', producers: ['correct_drift'] });
  });
});

describe('"and plot it" after a step that makes an image', () => {
  it('plots the kymograph made, not a table measured on it', () => {
    const p = plan('make a kymograph from (0,10) to (70,10) and plot it');
    expect(p.steps.map((s) => s.tool)).toEqual(['kymograph', 'plot']);
    expect(p.steps[1].args).toMatchObject({ kind: 'kymograph', movie: { $ref: 'movie', mode: 'producer', producers: ['kymograph'] } });
  });
});

describe('words that only ask', () => {
  it('names no verb of finding out as not applied', () => {
    expect(toolsOf('segment the nuclei and work out how big each one is')).toEqual(['segment', 'measure']);
    expect(said('segment the nuclei and work out how big each one is')).not.toMatch(/not applied/i);
  });
});

describe('an export\'s file is an output', () => {
  it('a later step reads the tracks made, not their TrackMate copy', () => {
    const artifactsAtStart: KnownArtifact[] = [...movieAndLabels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }, { id: 'tracks-2', type: 'tracks', producedBy: 'export' }];
    const action = nextAction({ request: 'evaluate the tracking against the ground truth in ./gt', artifactsAtStart, earlier: [], current: [], earlierRequests: [] }, catalogue);
    expect(action).toMatchObject({ kind: 'call', tool: 'evaluate', args: { result: 'tracks-1' } });
  });
});

describe('shorthand joined from two words', () => {
  it('reads "xcorr" as cross-correlation', () => {
    expect(toolsOf('register with xcorr')).toEqual(['correct_drift']);
    expect(said('register with xcorr')).not.toMatch(/not applied/i);
    expect(argsOf('xcorr intensity vs area, lag 10', 'analyze_timeseries', withTable)).toMatchObject({ analysis: 'cross_correlation', maxLag: 10 });
  });
});

describe('the kind of imaging is the movie\'s', () => {
  it('segments a phase contrast movie with no artificial labelling step and no channel named "Phase"', () => {
    expect(toolsOf('segment the cells in this phase contrast movie')).toEqual(['segment']);
    expect(argsOf('segment the cells in this phase contrast movie', 'segment').channel).toBeUndefined();
    expect(toolsOf('segment the cells, phase contrast')).toEqual(['segment']);
  });

  it('still predicts a label from the brightfield when asked', () => {
    expect(toolsOf('predict the nuclei from the brightfield channel')).toEqual(['predict_label']);
  });
});

describe('a filter turned down', () => {
  it('keeps small objects: the minimum area is 0', () => {
    expect(argsOf('segment the nuclei but don\'t drop small objects', 'segment').minAreaPx).toBe(0);
    expect(argsOf('segment, keep the tiny ones too', 'segment').minAreaPx).toBe(0);
    expect(argsOf('segment the nuclei, remove objects smaller than 30 px', 'segment').minAreaPx).toBe(30);
  });

  it('keeps the objects at the border', () => {
    // (segment has no default: left out, its own default keeps them)
    expect(argsOf('segment but keep the nuclei at the edge of the image', 'segment').excludeBorder).toBeUndefined();
    expect(argsOf('segment, don\'t exclude border objects', 'segment').excludeBorder).toBeUndefined();
    expect(argsOf('segment, exclude border objects', 'segment').excludeBorder).toBe(true);
    // (keeping some only is leaving the others out: never read as keeping the border ones; since stop 41 applied as the border rule)
    expect(argsOf('segment nuclei, keep only those away from the border', 'segment').excludeBorder).toBe(true);
    expect(said('segment nuclei, keep only those away from the border')).not.toMatch(/Not applied/);
  });
});

describe('sound is no movie', () => {
  it('runs nothing for a podcast recording', () => {
    expect(toolsOf('denoise this podcast recording')).toEqual([]);
    expect(said('denoise this podcast recording')).toMatch(/outside what I do/i);
    expect(toolsOf('denoise this recording', [movie])).toEqual(['denoise']);
  });
});

describe('"the first N frames" for a tool without a frame range', () => {
  it('sets the frames counted from the first (the baseline)', () => {
    expect(argsOf('normalise the intensity to the first three frames', 'analyze_timeseries', withTable).baselineFrames).toBe(3);
    expect(argsOf('denoise the first 10 frames', 'denoise').frames).toEqual({ first: 1, last: 10 });
  });
});

describe('a constraint that is an allowed value', () => {
  it('sets the one unset choice it names ("just the mean" → summary: mean), named as missing nowhere', () => {
    const request = 'plot speed over time but not the individual tracks, just the mean';
    const artifacts: KnownArtifact[] = [...movieAndLabels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
    expect(argsOf(request, 'plot', artifacts).summary).toBe('mean');
    expect(said(request, artifacts)).not.toMatch(/not applied/i);
  });
});

describe('frames left out after "all frames"', () => {
  it('names "apart from the first 5" and "but the last 10" as not applied, never as an action', () => {
    expect(said('segment every frame apart from the first 5')).toMatch(/Not applied: "[^"]*apart from the first 5"/);
    expect(said('project all frames but the last 10')).not.toMatch(/no tool to but/);
    expect(said('project all frames but the last 10')).toMatch(/Not applied: "[^"]*but the last 10"/);
  });
});

describe('an operation only an argument of a tool names', () => {
  it('is named as not done, not run as that tool', () => {
    // (background subtraction has its own tool since stop 21: an operation that only an argument names is rarer now)
    expect(toolsOf('subtract the background, then segment')).toEqual(['subtract_background', 'segment']);
    // (a background level the bleach correction reads by its words is its argument, not a rolling ball: the ball reads no number there)
    expect(toolsOf('bleach correction, subtract a background of 100 first')).toEqual(['correct_bleach']);
    expect(argsOf('bleach correction, subtract a background of 100 first', 'correct_bleach').backgroundIntensity).toBe(100);
    expect(argsOf('correct the bleaching, subtract the background with a rolling ball of 20 px', 'subtract_background').radiusPx).toBe(20);
  });
});

describe('"not X but Y"', () => {
  it('is one phrase: the value in place of the one turned down, one step', () => {
    const artifacts: KnownArtifact[] = [...movieAndLabels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
    expect(toolsOf('export the tracks, not as csv but as trackmate', artifacts)).toEqual(['export']);
    expect(argsOf('export the tracks, not as csv but as trackmate', 'export', artifacts).format).toBe('trackmate');
  });
});

describe('a switch that writes a result, turned down by "no" before it', () => {
  it('"no corrected movie" → writeMovie false; saying the movie is wanted keeps it', () => {
    expect(argsOf('just estimate the drift, no corrected movie please', 'correct_drift').writeMovie).toBe(false);
    expect(argsOf('correct the drift', 'correct_drift').writeMovie).toBeUndefined();
  });
});
