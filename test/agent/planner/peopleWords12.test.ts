// Requests in the shapes of brief R, stop 20 (issue 11): a program named with nothing to write writes the latest result in the
// format the program opens ("dump the result for Fiji" after tracking is TrackMate XML); a kind of things left out that no
// argument takes is named ("drop the short tracks"); what a simulated movie has is its setting, no step ("with drift and
// noise"); a thing from elsewhere kept in a spreadsheet runs nothing; a channel's part ("ch1 is the reference") is a setting;
// a setting said alone after a step ran reruns that step ("bigger search radius, say 20 px").
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownArtifact, PastResult } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { argsOf, catalogue, loadAcquisitionWords, movie, movieAndLabels, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const tracked: KnownArtifact[] = [...movieAndLabels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];

describe('a program named with nothing to write', () => {
  it('writes tracks, the latest result, as TrackMate XML for Fiji (not the movie as TIFF)', () => {
    expect(toolsOf('dump the result for Fiji', tracked)).toEqual(['export']);
    expect(argsOf('dump the result for Fiji', 'export', tracked).format).toBe('trackmate');
    expect(argsOf('track the nuclei and dump the result for Fiji', 'export').format).toBe('trackmate');
  });

  it('writes masks, the latest result, as TIFF; a format or a thing named still decides', () => {
    expect(argsOf('save that for Fiji', 'export', movieAndLabels)).toMatchObject({ format: 'tiff', labels: expect.anything() });
    expect(argsOf('export the movie for Fiji', 'export', tracked).format).toBe('tiff');
    expect(argsOf('save the tracks as csv for Fiji', 'export', tracked).format).toBe('csv');
  });
});

describe('a kind of things left out that no argument takes', () => {
  it('names "drop the short tracks" as not applied (track has no minimum length)', () => {
    expect(toolsOf('track the nuclei and drop the short tracks')).toEqual(['segment', 'track']);
    expect(said('track the nuclei and drop the short tracks')).toMatch(/Not applied: "drop the short tracks"/);
  });

  it('stays silent where a number the step took applies it', () => {
    expect(said('segment the nuclei and remove the nuclei smaller than 30 px')).not.toMatch(/Not applied/);
  });
});

describe('what a simulated movie has', () => {
  it('is its setting, no denoising step', () => {
    expect(toolsOf('simulate a movie with drift and noise', [])).toEqual(['simulate_movie']);
    const args = argsOf('simulate a movie with drift and noise', 'simulate_movie', []);
    expect(args.driftPx).toBeGreaterThan(0);
    expect(args.snr).toBeLessThan(20);
    expect(argsOf('simulate a movie with 40 cells, drift and bleaching', 'simulate_movie', [])).toMatchObject({ cells: 40, bleachRate: expect.any(Number) });
    expect(argsOf('simulate a movie without drift', 'simulate_movie', []).driftPx).toBe(0);
  });
});

describe('things from elsewhere kept in a spreadsheet or made into groups', () => {
  it('run nothing', () => {
    expect(toolsOf('count the votes in the spreadsheet')).toEqual([]);
    expect(toolsOf('segment this customer list into age groups')).toEqual([]);
  });

  it('leave a count in a unit of our settings ours ("at 300 grey levels"), and a count of things from elsewhere not', () => {
    expect(argsOf('threshold manually at 300 grey levels', 'segment')).toMatchObject({ method: 'manual', threshold: 300 });
    expect(toolsOf('plot my 5 marathon times')).toEqual([]);
  });

  it('leave things in a cell ours', () => {
    expect(toolsOf('count the organelles in the cytoplasm')).toContain('segment');
    expect(toolsOf('count the beads in the stack')).toContain('segment');
  });
});

describe("a channel's part in a step", () => {
  it('is the reference channel of the alignment', () => {
    expect(argsOf('align the channels; ch1 is the reference', 'align_channels').referenceChannel).toBe(1);
    expect(argsOf('align the channels. Channel 2 is the reference.', 'align_channels').referenceChannel).toBe(2);
  });

  it('leaves a fact of what a channel shows as context', () => {
    expect(toolsOf('ch2 is DAPI. segment it')).toEqual(['segment']);
  });
});

describe('a setting said alone after a step ran', () => {
  const ran = (tool: string, args: Record<string, unknown>, id: string, type: string): PastResult => ({ tool, args, ok: true, summary: '', values: {}, artifacts: [{ id, type, producedBy: tool }] });
  const after = (request: string, earlier: PastResult[]) => planRequest({ request, artifactsAtStart: [movie], earlier, current: [], earlierRequests: [] }, catalogue);
  const segmentedAndTracked = [ran('segment', { movie: 'movie-1' }, 'labels-1', 'labels'), ran('track', { labels: 'labels-1' }, 'tracks-1', 'tracks')];

  it('reruns the tracking with the bigger search radius', () => {
    const steps = after('bigger search radius, say 20 px', segmentedAndTracked).steps;
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ tool: 'rerun_step', args: { tool: 'track', changes: { maxLinkingDistancePx: 20 } } });
  });

  it('reruns the denoising with the stronger sigma', () => {
    const steps = after('a bit stronger, sigma 3', [ran('denoise', { movie: 'movie-1', method: 'gaussian', sigmaPx: 1 }, 'movie-2', 'movie')]).steps;
    expect(steps[0]).toMatchObject({ tool: 'rerun_step', args: { tool: 'denoise', changes: { sigmaPx: 3 } } });
  });

  it('leaves a new step named by its own verb a new step', () => {
    expect(after('segment frames 1-10', segmentedAndTracked).steps.map((s) => s.tool)).toEqual(['segment']);
  });
});

describe('a value turned down, however said', () => {
  it('aligns with bilinear for "avoid bicubic", and names no constraint as dropped', () => {
    expect(argsOf('please avoid bicubic interpolation when you align the channels', 'align_channels').interpolation).toBe('bilinear');
    expect(said('please avoid bicubic interpolation when you align the channels')).not.toMatch(/Not applied/);
  });

  it('reads "anything but the model" as one clause, with no model listing', () => {
    expect(toolsOf('segment with anything but the model')).toEqual(['segment']);
    expect(argsOf('segment with anything but the model', 'segment').method).not.toBe('model');
  });
});

describe('a method named in a few words', () => {
  it('runs the step and names the method ("with a random forest classifier like Weka")', () => {
    expect(toolsOf('segment with a random forest classifier like Weka')).toEqual(['segment']);
    expect(said('segment with a random forest classifier like Weka')).toMatch(/Weka/);
    expect(toolsOf('track my parcel with DHL')).toEqual([]);
  });
});

describe('shorthand, slips and labels', () => {
  it('sets a switch named by lab shorthand of its words ("excl border")', () => {
    expect(argsOf('seg li, min 30px, excl border', 'segment')).toMatchObject({ method: 'li', minAreaPx: 30, excludeBorder: true });
  });

  it('reads a four-letter tool name with two letters swapped', () => {
    expect(toolsOf('plto the trajectories', tracked)).toEqual(['plot']);
  });

  it('reads a dated experiment label as which data, not a setting or a stage position', () => {
    expect(toolsOf('Experiment 2024-03-07, plate 3, well B4: segment and track the nuclei')).toEqual(['segment', 'track']);
  });

  it('runs a step said "lastly" after every other', () => {
    expect(toolsOf('lastly export as csv; first segment and measure')).toEqual(['segment', 'measure', 'export']);
  });

  it('runs nothing for a question about something from elsewhere', () => {
    expect(toolsOf("what's a good recipe for banana bread?")).toEqual([]);
  });
});

describe('a value set off by a hedge', () => {
  it('is the value of the words before it ("a bigger search radius, say 20 px")', () => {
    expect(argsOf('track with a bigger search radius, say 20 px', 'track', movieAndLabels).maxLinkingDistancePx).toBe(20);
    expect(said('track with a bigger search radius, say 20 px', movieAndLabels)).not.toMatch(/Not applied/);
    expect(argsOf('segment the nuclei, about 40 of them', 'segment').objectRadiusPx).toBeUndefined();
  });
});

describe('a number right after a value of a choice', () => {
  const table: KnownArtifact[] = [...movieAndLabels, { id: 'table-1', type: 'table', producedBy: 'measure' }];
  it('is the one number that value is about ("kmeans 4", "gaussian blur 1.5")', () => {
    expect(argsOf('umap, 20 neighbours, kmeans 4', 'embed', table)).toMatchObject({ method: 'umap', nNeighbors: 20, cluster: 'kmeans', k: 4 });
    expect(argsOf('gaussian blur 1.5', 'denoise')).toMatchObject({ method: 'gaussian', sigmaPx: 1.5 });
  });

  it('goes nowhere when no argument is about that value ("nlmeans 7"), or across a comparison ("intensity above 300")', () => {
    expect(argsOf('nlmeans 7', 'denoise').sigmaPx).toBeUndefined();
    expect(argsOf('segment nuclei and keep only those with mean intensity above 300', 'segment').threshold).toBeUndefined();
  });
});

describe('a setting said alone, and what is not one', () => {
  it('leaves a name with a digit in it to its own step ("keep this as a protocol named n2v-otsu")', () => {
    const earlier: PastResult[] = [{ tool: 'denoise', args: { movie: 'movie-1', method: 'n2v' }, ok: true, summary: '', values: {}, artifacts: [{ id: 'movie-2', type: 'movie', producedBy: 'denoise' }] }];
    const steps = planRequest({ request: 'keep this as a protocol named n2v-otsu', artifactsAtStart: [movie], earlier, current: [], earlierRequests: [] }, catalogue).steps;
    expect(steps.map((s) => s.tool)).not.toContain('rerun_step');
  });
});
