// Stop 46, helper E: follow-ups over several turns. A reference phrase after another ("the nuclei in the stabilised
// one"); a correction of which movie the last step read ("not that one, the drift-corrected one"); the request before
// again on a movie named by its file, on a new file, on another channel; "the other file" as a reference.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownArtifact, PastResult } from '../../../src/agent/planner/conversation.ts';
import { normalisedRequest } from '../../../src/agent/planner/normalise.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { catalogue, loadAcquisitionWords, movie } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const ran = (tool: string, args: Record<string, unknown>, made: KnownArtifact[] = []): PastResult => ({ tool, args, ok: true, summary: `${tool} ran.`, values: {}, artifacts: made });

/** The plan of `request` after `before` ran as `results`, with the movies given open. */
const after = (before: string[], results: PastResult[], request: string, movies: KnownArtifact[] = [movie]) =>
  planRequest({ request: normalisedRequest(request, catalogue), artifactsAtStart: [...movies, ...results.flatMap((r) => r.artifacts)], earlier: results, current: [], earlierRequests: before }, catalogue);

const movieId = (arg: unknown) => (typeof arg === 'string' ? arg : (arg as { id?: string; producers?: string[] } | undefined)?.id ?? (arg as { producers?: string[] } | undefined)?.producers?.join(','));

const drift = ran('correct_drift', { movie: 'movie-1' }, [{ id: 'movie-2', type: 'movie', producedBy: 'correct_drift' }]);
const denoised = ran('denoise', { movie: 'movie-2' }, [{ id: 'movie-3', type: 'movie', producedBy: 'denoise' }]);
const segmented = ran('segment', { movie: 'movie-3' }, [{ id: 'labels-1', type: 'labels', producedBy: 'segment' }]);

describe('a reference phrase after another', () => {
  it('reads "the stabilised one" after "the nuclei in": the movie the drift correction made', () => {
    const p = after(['stabilise the movie', 'denoise'], [drift, denoised], 'segment the nuclei in the stabilised one');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment']);
    expect(movieId(p.steps[0].args.movie)).toBe('correct_drift');
  });
});

describe('which movie the last step read, corrected', () => {
  it('runs the last step again on the movie named by the step that made it', () => {
    for (const request of ['not that one, the drift-corrected one', 'no, use the drift corrected movie instead']) {
      const p = after(['correct the drift', 'denoise', 'segment'], [drift, denoised, segmented], request);
      expect(p.steps.map((s) => s.tool), request).toEqual(['rerun_step']);
      expect(p.steps[0].args, request).toEqual({ tool: 'segment', changes: { movie: 'movie-2' } });
      expect((p.notes ?? []).join(' '), request).toMatch(/segment again on movie-2[^]*instead of movie-3/);
    }
  });

  it('reads "the original" as the movie as recorded, never the one turned down', () => {
    const p = after(['correct the drift', 'denoise', 'segment'], [drift, denoised, segmented], 'use the original instead of the denoised one');
    expect(p.steps[0].args).toEqual({ tool: 'segment', changes: { movie: 'movie-1' } });
  });

  it('leaves a turn that names a step of its own to the planner ("segment the original movie instead")', () => {
    const p = after(['correct the drift', 'denoise'], [drift, denoised], 'segment the original movie instead');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment']);
  });
});

describe('the request before, again, elsewhere', () => {
  const two: KnownArtifact[] = [{ id: 'movie-1', type: 'movie', description: 'input movie pos1.tif (file named by the user)' }, { id: 'movie-2', type: 'movie', description: 'input movie pos2.tif (file named by the user)' }];

  it('on a movie of theirs named by its file, the steps before read by its file too', () => {
    const seg = ran('segment', { movie: 'pos1.tif' }, [{ id: 'labels-1', type: 'labels' }]);
    const p = after(['segment the nuclei in pos1.tif'], [seg], 'do that on pos2.tif too', two);
    expect(p.steps.map((s) => s.tool)).toEqual(['segment']);
    expect(movieId(p.steps[0].args.movie)).toBe('movie-2');
  });

  it('on a file not open yet: opened first, every step of the request before after it', () => {
    const seg = ran('segment', { movie: 'movie-1' }, [{ id: 'labels-1', type: 'labels' }]);
    const tracked = ran('track', { labels: 'labels-1' }, [{ id: 'tracks-1', type: 'tracks' }]);
    const p = after(['segment and track the nuclei'], [seg, tracked], 'do that on data/movie2.tif too');
    expect(p.steps.map((s) => s.tool)).toEqual(['load_movie', 'segment', 'track']);
    expect(p.steps[0].args.movie).toBe('data/movie2.tif');
    expect(movieId(p.steps[1].args.movie)).toBe('load_movie');
  });

  it('never opens a folder named for a run over many files: that is the saved pipeline\'s', () => {
    const seg = ran('segment', { movie: 'movie-1' }, [{ id: 'labels-1', type: 'labels' }]);
    const p = after(['segment the nuclei'], [seg], 'run it on everything in /data/exp3');
    expect(p.steps.map((s) => s.tool)).toEqual(['save_pipeline']);
  });

  it('on another channel: the steps that read a channel read that one', () => {
    const den = ran('denoise', { movie: 'movie-1', channel: 1, method: 'n2v' }, [{ id: 'movie-2', type: 'movie' }]);
    const seg = ran('segment', { movie: 'movie-2' }, [{ id: 'labels-1', type: 'labels' }]);
    const p = after(['denoise channel 1 with n2v then segment it'], [den, seg], 'repeat that for channel 2');
    expect(p.steps.map((s) => s.tool)).toEqual(['denoise', 'segment']);
    expect(p.steps[0].args.channel).toBe(2);
    expect(p.steps[1].args.channel).toBeUndefined();
  });

  it('on the other one, with "repeat on"', () => {
    const den = ran('denoise', { movie: 'movie-1', method: 'gaussian', sigmaPx: 1.5 }, [{ id: 'movie-3', type: 'movie', producedBy: 'denoise' }]);
    const p = after(['denoise movie-1 with a gaussian of sigma 1.5'], [den], 'repeat on the other one', two);
    expect(p.steps.map((s) => s.tool)).toEqual(['denoise']);
    expect(movieId(p.steps[0].args.movie)).toBe('movie-2');
    expect(p.steps[0].args.sigmaPx).toBe(1.5);
  });

  it('reads "the other file" in a step of its own as the other movie, no file to write', () => {
    const seg = ran('segment', { movie: 'pos2.tif' }, [{ id: 'labels-1', type: 'labels' }]);
    const p = after(['segment pos2.tif'], [seg], 'now segment the other file too', two);
    expect(p.steps.map((s) => s.tool)).toEqual(['segment']);
    expect(movieId(p.steps[0].args.movie)).toBe('movie-1');
  });
});

describe('a pipeline saved in the chat, talked about afterwards', () => {
  const seg = ran('segment', { movie: 'movie-1', method: 'otsu' }, [{ id: 'labels-1', type: 'labels', producedBy: 'segment' }]);
  const tracked = ran('track', { labels: 'labels-1' }, [{ id: 'tracks-1', type: 'tracks', producedBy: 'track' }]);
  const saved = ran('save_pipeline', { name: 'lin' }, [{ id: 'pipeline-1', type: 'pipeline', producedBy: 'save_pipeline' }]);
  const before = ['segment and track', 'save as a pipeline called lin'];

  it('a setting changed "in the pipeline": the step again with it, the pipeline saved again, the --set for one run named', () => {
    const p = after(before, [seg, tracked, saved], 'change the tracking gap in the pipeline to 3');
    expect(p.steps.map((s) => s.tool)).toEqual(['rerun_step', 'save_pipeline']);
    expect(p.steps[0].args).toEqual({ tool: 'track', changes: { maxFrameGap: 3 } });
    expect(p.steps[1].args).toEqual({ name: 'lin', overwrite: true });
    expect((p.notes ?? []).join(' ')).toMatch(/--set track_max_frame_gap=3/);
  });

  it('a method the pipeline should use: the same, never a second pipeline with the old setting', () => {
    const p = after(before, [seg, tracked, saved], 'make the pipeline use li instead of otsu');
    expect(p.steps.map((s) => s.tool)).toEqual(['rerun_step', 'save_pipeline']);
    expect(p.steps[0].args).toEqual({ tool: 'segment', changes: { method: 'li' } });
  });

  it('how to run it headless: the command, nothing run', () => {
    for (const request of ['how do I run my pipeline headless?', 'how can I run it from the command line?']) {
      const p = after(before, [seg, tracked, saved], request);
      expect(p.steps, request).toEqual([]);
      expect(p.reply, request).toMatch(/cellpilot run pipelines\/lin\.yaml/);
    }
  });

  it('takes a name after the noun that closes the words, lower-cased ("save as pipeline Lineage2")', () => {
    const p = after(['segment and track'], [seg, tracked], 'save as pipeline Lineage2');
    expect(p.steps.map((s) => s.tool)).toEqual(['save_pipeline']);
    expect(p.steps[0].args.name).toBe('lineage2');
  });
});

describe('what was done, and acting on nothing', () => {
  it('answers "show me the history" from the record, nothing run', () => {
    const seg = ran('segment', { movie: 'movie-1' }, [{ id: 'labels-1', type: 'labels', producedBy: 'segment' }]);
    for (const request of ['show me the history', 'print the log please']) {
      const p = after(['denoise the movie', 'segment it'], [denoised, seg], request);
      expect(p.steps, request).toEqual([]);
      expect(p.reply ?? p.question ?? '', request).not.toMatch(/not something I measure/);
    }
  });

  it('says there is no step to undo when nothing ran, never "not understood"', () => {
    const p = planRequest({ request: normalisedRequest('undo that', catalogue), artifactsAtStart: [movie], earlier: [], current: [], earlierRequests: [] }, catalogue);
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/no analysis step has run in this session yet/);
  });
});
