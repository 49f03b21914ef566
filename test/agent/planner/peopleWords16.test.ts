// Analysis requests in people's own words (brief s29/A, tuning-people-16): pictures over images and animations,
// steps named by a statistic's word, stand-in sizes, tables named by what is measured, formats read as another,
// switches said by their object, several objects of one drawing verb.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, movie, movieAndLabels, plan, said } from './planOffline.ts';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';

beforeAll(loadAcquisitionWords);
const tracked: KnownArtifact[] = [...movieAndLabels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
const steps = (request: string, artifacts: KnownArtifact[] = [movie]) => plan(request, artifacts).steps.map((s) => [s.tool, s.args.kind ?? s.args.method ?? s.args.format]);

describe('pictures over images and animations', () => {
  it('draws the paths over a max projection it makes itself, with no earlier projection to find', () => {
    expect(steps('draw the paths on top of the max projection', tracked)).toEqual([['plot', 'projection']]);
    expect(steps('make a still image of the paths on top of the max projection', tracked)).toEqual([['plot', 'projection']]);
  });
  it('reads an animation of the tracks as the tracks movie', () => {
    expect(steps('give me an animation of their trajectories', tracked)).toEqual([['plot', 'movie']]);
    expect(steps('animate the tracked nuclei frame by frame', tracked)).toEqual([['plot', 'movie']]);
  });
  it('reads the feature that colours the paths, and a named frame with the tracks', () => {
    expect(plan('color the tracks by their speed', tracked).steps[0].args).toMatchObject({ colorBy: 'speed' });
    expect(plan('show the tracks drawn over frame 20', tracked).steps[0].args).toMatchObject({ kind: 'frame', frame: 20 });
    expect(said('plot the tracks on frame 5 with the outlines', tracked)).not.toMatch(/not applied/i);
  });
});

describe('steps named by a statistic\'s word and stand-ins', () => {
  it('runs "median filter 3x3, then segment" as the median filter (radius 1, the window said) then segmentation', () => {
    const p = plan('median filter 3x3, then segment');
    expect(p.steps.map((s) => s.tool)).toEqual(['denoise', 'segment']);
    expect(p.steps[0].args).toMatchObject({ method: 'median', radiusPx: 1 });
    expect(p.notes?.join(' ')).toMatch(/Median filter of radius 1 px[\s\S]*3x3/);
  });
  it('says that Excel is written as CSV', () => {
    expect(steps('export to excel', tracked).at(-1)).toEqual(['export', 'csv']);
    expect(said('export to excel', tracked)).toMatch(/Excel/);
    expect(said('export the tracks as xlsx', tracked)).toMatch(/\.xlsx\): I wrote CSV/);
  });
});

describe('tables named by what is measured', () => {
  it('measures the MSD and exports its table', () => {
    expect(steps('save the MSD as a CSV', tracked)).toEqual([['measure', 'msd'], ['export', 'csv']]);
  });
  it('exports the track statistics, not the tracks', () => {
    expect(steps('export the track statistics (speed, straightness) as csv', tracked)).toEqual([['measure', 'tracks'], ['export', 'csv']]);
    expect(steps('save the tracks as csv', tracked)).toEqual([['export', 'csv']]);
  });
});

describe('several parts of one request', () => {
  it('gives a drawing verb both objects joined by "and"', () => {
    expect(steps('plot the speed histogram and the mean speed over time', tracked).filter(([t]) => t === 'plot')).toEqual([['plot', 'histogram'], ['plot', 'timeseries']]);
  });
  it('writes a file in a format only the export writes after a tracking clause, and reads "no merging"', () => {
    const p = plan('track the nuclei with LAP, no merging, and give me a trackmate file');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'track', 'export']);
    expect(p.steps[1].args.allowMerging).toBe(false);
    expect(p.steps[2].args.format).toBe('trackmate');
  });
  it('counts by tally', () => {
    expect(plan('tally the nuclei in each frame').steps.map((s) => s.tool)).toContain('segment');
  });
});

describe('one numbered thing', () => {
  it('names "for track 5 only" as not applied where the tool takes no track', async () => {
    const { catalogue } = await import('./planOffline.ts');
    const { indexFor } = await import('../../../src/agent/planner/toolIndex.ts');
    const { unappliedConstraints } = await import('../../../src/agent/planner/constraints.ts');
    const said = (tool: string, clause: string) => unappliedConstraints({ tool, args: {}, clause }, catalogue, indexFor(catalogue)).map((i) => clause.slice(i.start, i.end));
    expect(said('plot', 'plot area over time for track 5 only')).toEqual(['for track 5 only']);
    expect(said('plot', 'what is the speed of track 5?')).toEqual([]);
  });
});
