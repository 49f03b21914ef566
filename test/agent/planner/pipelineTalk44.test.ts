// Stop 44, helper E: pipelines and talking about what was done. The request before again on the other movie or without
// one of its steps; whether a method is here, from the tools' declarations; a Snakefile asked for the cluster; a
// pipeline run on a folder named by its path; a choice asked against another ("why li and not otsu?").
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownArtifact, PastResult } from '../../../src/agent/planner/conversation.ts';
import { normalisedRequest } from '../../../src/agent/planner/normalise.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { catalogue, loadAcquisitionWords, movie } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const ran = (tool: string, args: Record<string, unknown>, made: KnownArtifact[] = [], values: Record<string, unknown> = {}): PastResult => ({ tool, args, ok: true, summary: `${tool} ran.`, values, artifacts: made });

/** The plan of `request` after `before` ran as `results`, with the movies given open. */
const after = (before: string, results: PastResult[], request: string, movies: KnownArtifact[] = [movie]) =>
  planRequest({ request: normalisedRequest(request, catalogue), artifactsAtStart: [...movies, ...results.flatMap((r) => r.artifacts)], earlier: results, current: [], earlierRequests: [before] }, catalogue);

const movieId = (arg: unknown) => (typeof arg === 'string' ? arg : (arg as { id?: string } | undefined)?.id);

describe('the request before, again', () => {
  const two: KnownArtifact[] = [{ id: 'movie-1', type: 'movie', description: 'input movie pos1.tif' }, { id: 'movie-2', type: 'movie', description: 'input movie pos2.tif' }];
  const segmentedAndTracked = [ran('segment', { movie: 'movie-1' }, [{ id: 'labels-1', type: 'labels' }]), ran('track', { labels: 'labels-1' }, [{ id: 'tracks-1', type: 'tracks' }])];

  it('on the other movie: every step of it, from that movie', () => {
    for (const request of ['do the same for the other movie', 'now do exactly that on the second movie', 'same for movie-2']) {
      const p = after('segment and track the nuclei in movie-1', segmentedAndTracked, request, two);
      expect(p.steps.map((s) => s.tool), request).toEqual(['segment', 'track']);
      expect(movieId(p.steps[0].args.movie), request).toBe('movie-2');
    }
  });

  it('without a step: the steps after it read what it read', () => {
    const corrected = [ran('correct_drift', { movie: 'movie-1' }, [{ id: 'movie-2', type: 'movie' }]), ran('segment', { movie: 'movie-2' }, [{ id: 'labels-1', type: 'labels' }]), ran('track', { labels: 'labels-1' }, [{ id: 'tracks-1', type: 'tracks' }])];
    const p = after('correct the drift, segment and track the nuclei', corrected, 'again but skip the drift correction');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'track']);
    expect(movieId(p.steps[0].args.movie)).toBe('movie-1');
  });

  it('leaves a change of a setting to the rerun ("again with li")', () => {
    const p = after('segment with otsu and track', segmentedAndTracked, 'same again but with li');
    expect(p.steps.map((s) => s.tool)).not.toContain('track');
  });
});

describe('whether a method is here', () => {
  const reply = (request: string) => planRequest({ request: normalisedRequest(request, catalogue), artifactsAtStart: [movie], earlier: [], current: [], earlierRequests: [] }, catalogue);

  it('says a method a tool stands in for is not here, and what runs in its place, running nothing', () => {
    for (const request of ['can you do cellpose?', 'do you support StarDist?', 'is stardist available?']) {
      const p = reply(request);
      expect(p.steps, request).toEqual([]);
      expect(p.reply, request).toMatch(/not installed[^]*segment[^]*"model"[^]*Nothing was run/);
    }
  });

  it('says a method a tool has is here, running nothing', () => {
    const p = reply('do you have li thresholding?');
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/^Yes: `segment` with method "li"/);
  });

  it('leaves a request to run a method to the planner', () => {
    expect(reply('can you run otsu on it?').steps.map((s) => s.tool)).toEqual(['segment']);
    expect(reply('segment with cellpose').steps.map((s) => s.tool)).toEqual(['segment']);
  });
});

describe('pipelines on a cluster and on folders', () => {
  const segmented = [ran('segment', { movie: 'movie-1' }, [{ id: 'labels-1', type: 'labels' }])];

  it('saves the pipeline with a Snakefile for the cluster or Snakemake, and says nothing ran there', () => {
    for (const request of ['export it for snakemake', 'can I run this on the cluster?', 'write me a Snakefile for this']) {
      const p = after('segment the nuclei', segmented, request);
      expect(p.steps.map((s) => s.tool), request).toEqual(['save_pipeline']);
      expect(p.steps[0].args.snakefile, request).toBe(true);
      expect((p.notes ?? []).join(' '), request).toMatch(/Snakefile[^]*ran nothing on a cluster/);
    }
  });

  it('never reads a cluster of cells as a computer', () => {
    const p = after('segment the nuclei', segmented, 'cluster the cells by their shape into 3 groups');
    expect(p.steps.map((s) => s.tool)).not.toContain('save_pipeline');
  });

  it('names the folder said by its path in the batch command', () => {
    const p = after('segment the nuclei', segmented, 'run it on everything in /data/exp3');
    expect(p.steps.map((s) => s.tool)).toEqual(['save_pipeline']);
    expect((p.notes ?? []).join(' ')).toContain('/data/exp3/*.tif');
  });

  it('answers a saved pipeline asked on a folder with the batch command, running nothing', () => {
    const saved: KnownArtifact[] = [movie, { id: 'pipeline-1', type: 'pipeline', producedBy: 'save_pipeline', description: 'pipeline nuclei-v2' }];
    const p = planRequest({ request: 'run nuclei-v2 on all the movies in data/plate4/', artifactsAtStart: saved, earlier: [], current: [], earlierRequests: [] }, catalogue);
    expect(p.steps).toEqual([]);
    expect(p.reply).toContain('cellpilot run pipelines/nuclei-v2.yaml data/plate4/*.tif');
  });
});
