// A step that prepares the movie another step reads, said inside that step's words (stop 47): both run, the preparing
// one first, and a movie named by how it was made is made first when nothing has made it.
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, asSaid, loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a preparing step inside another step\'s clause', () => {
  it('runs first, with the step asked after it', () => {
    expect(toolsOf('segment the nuclei with a median filter first')).toEqual(['denoise', 'segment']);
    expect(argsOf('segment the nuclei with a median filter first', 'denoise').method).toBe('median');
  });
  it('runs first when "before that" closes its clause', () => {
    expect(toolsOf('segment the nuclei, but smooth it with a gaussian before that')).toEqual(['denoise', 'segment']);
  });
  it('keeps the order of the steps said before the clause', () => {
    expect(toolsOf('correct the drift, then segment the nuclei with a gaussian blur first')).toEqual(['correct_drift', 'denoise', 'segment']);
  });
  it('is a step when said in a clause of its own that runs beforehand, named by a value of its choices', () => {
    const request = 'threshold with Li but run a 2 px median over it beforehand';
    expect(toolsOf(request)).toEqual(['denoise', 'segment']);
    expect(argsOf(request, 'denoise')).toMatchObject({ method: 'median', radiusPx: 2 });
    expect(said(request)).not.toMatch(/Not applied: "beforehand"/);
  });
});

describe('a movie named by how it was made', () => {
  it('is made first when nothing has made it, never an action left undone', () => {
    expect(asSaid.toolsOf('on the denoised movie, count the cells in every frame')).toEqual(['denoise', 'segment']);
    expect(asSaid.said('on the denoised movie, count the cells in every frame')).not.toMatch(/no tool to on/);
    expect(asSaid.toolsOf('using the background-subtracted frames, segment the nuclei with otsu')).toEqual(['subtract_background', 'segment']);
    expect(asSaid.toolsOf('Could you track the nuclei, but on a gaussian-smoothed copy of the movie?')).toEqual(['denoise', 'segment', 'track']);
    expect(asSaid.argsOf('Could you track the nuclei, but on a gaussian-smoothed copy of the movie?', 'denoise').method).toBe('gaussian');
  });
  it('is the input said after a verb of using, the step asked after "to"', () => {
    expect(asSaid.toolsOf('use the median-filtered images to segment the nuclei')).toEqual(['denoise', 'segment']);
  });
  it('is made first for a step that reads a movie by choice', () => {
    const labels = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }];
    const plan = asSaid.plan('measure intensities on the background subtracted movie', labels);
    expect(plan.steps.map((s) => s.tool)).toEqual(['subtract_background', 'measure']);
    expect(plan.steps[1].args.movie).toMatchObject({ mode: 'chain' });
  });
  it('is not made again when the session has it', () => {
    const held = [{ id: 'movie-1', type: 'movie' }, { id: 'movie-2', type: 'movie', producedBy: 'denoise' }] as const;
    expect(asSaid.toolsOf('segment the denoised movie', [...held])).toEqual(['segment']);
  });
  it('is the input of the step the rest of the clause names, its channel the made movie\'s', () => {
    const request = "count the nuclei on channel 2's max projection";
    expect(asSaid.toolsOf(request)).toEqual(['project', 'segment']);
    expect(asSaid.argsOf(request, 'project')).toMatchObject({ channel: 2, method: 'max' });
    expect(asSaid.argsOf(request, 'segment').channel).toBeUndefined();
  });
  it('leaves a picture the step makes itself alone', () => {
    const tracks = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
    expect(asSaid.toolsOf('plot the tracks on the max projection', tracks)).toEqual(['plot']);
  });
});
