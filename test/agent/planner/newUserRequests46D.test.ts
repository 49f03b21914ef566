// Stop 46, helper D: a new user's analysis requests in their own words. A tool's phrase with a word said twice ("side by
// side") is no single word; a phrase with a preposition before its last word ("upsample in time") may have the verb's
// object between ("upsample the frames 2x in time"); separating touching or clumped objects is a segmentation (its own
// words), and the adjective that says what it separates is no scope left unapplied; a video file (gif, mp4) is plot's
// movie of the tracks, said as PNG frames, or declined in one line when there are no tracks.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import * as offline from './planOffline.ts';
import { loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const { toolsOf, argsOf, said, plan } = offline.asSaid;
const tracked: KnownArtifact[] = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];

describe('a word said twice in a tool\'s phrase', () => {
  it('reads "side by side" as the montage, and "one side" as no montage', () => {
    expect(toolsOf('the background is uneven, brighter on one side - can you flatten it out')).toEqual(['subtract_background']);
    expect(toolsOf('put frames 2 and 8 side by side')).toEqual(['montage']);
  });
});

describe('a preposition before a phrase\'s last word', () => {
  it('finds "upsample in time" with the verb\'s object and a factor between', () => {
    expect(toolsOf('upsample the frames 2x in time')).toEqual(['interpolate_frames']);
    expect(toolsOf('upsample the stack threefold along time')).not.toContain('interpolate_frames');
    expect(toolsOf('upsample the image 2x')).toEqual(['super_resolve']);
  });

  it('says a two-fold interpolation is what it does, not a value left unapplied', () => {
    expect(said('upsample the frames 2x in time')).not.toMatch(/Not applied/);
    expect(said('upsample the frames 2x in time')).toMatch(/always 2x/);
  });
});

describe('separating touching objects', () => {
  it('is a segmentation that splits them, no division detection', () => {
    expect(toolsOf('split the touching nuclei')).toEqual(['segment']);
    expect(argsOf('split the touching nuclei', 'segment')).toMatchObject({ splitTouching: true });
    expect(toolsOf('seperate the clumped cells when you segment them')).toEqual(['segment']);
  });

  it('names no adjective its own phrase applies as a scope left out', () => {
    expect(said('seperate the clumped cells when you segment them')).not.toMatch(/Not applied/);
    // (an adjective no phrase of the step's own says is still named)
    expect(said('segment the blebbing cells')).toMatch(/Not applied: "blebbing/);
  });
});

describe('a video file asked for', () => {
  it('draws the tracks on every frame as PNG pictures and says no GIF is written', () => {
    const p = plan('make a gif of the tracks', tracked);
    expect(p.steps.map((s) => s.tool)).toEqual(['plot']);
    expect(p.steps[0].args.kind).toBe('movie');
    expect(said('could I get an mp4 with the trajectories drawn on', tracked)).toMatch(/no tool here writes an MP4 file/);
  });

  it('with no tracks, runs nothing for it and says why in one line', () => {
    expect(toolsOf('make a gif')).toEqual([]);
    expect(said('make a gif')).toMatch(/Not done: "GIF"/);
    expect(toolsOf('correct the drift, then a gif of the corrected stack')).toEqual(['correct_drift']);
    expect(said('correct the drift, then a gif of the corrected stack')).toMatch(/GIF/);
  });
});

describe('a program named as where a method comes from', () => {
  it('writes no file for "what Correct 3D Drift does in Fiji", and still does for "open it in Fiji"', () => {
    expect(toolsOf('can you do what Correct 3D Drift does in Fiji?')).toEqual(['correct_drift']);
    expect(toolsOf('correct the drift and open it in Fiji')).toEqual(['correct_drift', 'export']);
  });
});

describe('artificial labelling said by the stain it predicts', () => {
  it('reads "predict a DAPI-like channel" as predict_label, the hyphenated word one word between', () => {
    expect(toolsOf('predict a DAPI-like channel from my phase images')).toEqual(['predict_label']);
  });

  it('takes the stain named as what is predicted, never the channel read, and says so', () => {
    expect(argsOf('predict a DAPI-like channel from my phase images', 'predict_label').channel).not.toMatch(/dapi/i);
    expect(said('predict a DAPI-like channel from my phase images')).toMatch(/"DAPI" is the stain predicted/);
    expect(argsOf('virtual DAPI from the brightfield channel please', 'predict_label')).toMatchObject({ channel: expect.stringMatching(/brightfield/i) });
    expect(argsOf('predict the nuclei from channel 2', 'predict_label')).toMatchObject({ channel: 2 });
  });
});

describe('the effect wished for, said as what the result does better', () => {
  it('is no step of its own ("so it plays back smoother" is no smoothing)', () => {
    expect(toolsOf('interpolate between the timepoints so it plays back smoother')).toEqual(['interpolate_frames']);
    expect(toolsOf('interpolate the frames so the movie runs more smoothly')).toEqual(['interpolate_frames']);
    expect(toolsOf('denoise it so it segments better, then segment')).toEqual(['denoise', 'segment']);
  });
});

describe('a path in Fiji\'s menus', () => {
  it('is the command it ends in, its menus no words of the request', async () => {
    const { withMenuPathsAsCommands } = await import('../../../src/agent/planner/normalise.ts');
    expect(withMenuPathsAsCommands('run Image > Adjust > Bleach Correction')).toBe('run Bleach Correction');
    expect(withMenuPathsAsCommands('Plugins > Registration > StackReg, then segment')).toBe('StackReg, then segment');
    expect(withMenuPathsAsCommands('count cells with > 50 px area')).toBe('count cells with > 50 px area');
    expect(toolsOf('run Image > Adjust > Bleach Correction')).toEqual(['correct_bleach']);
    expect(said('run Image > Adjust > Bleach Correction')).not.toMatch(/Not applied: "Image"/);
  });
});

describe('a method named by its program before "with"', () => {
  it('reads "TrackMate with the LoG detector" as tracking with a detector, no TrackMate file', () => {
    expect(toolsOf('TrackMate with the LoG detector, 5 px radius, then LAP tracking')).toEqual(['segment', 'track']);
    expect(said('TrackMate with the LoG detector, 5 px radius, then LAP tracking')).toMatch(/TrackMate itself is not installed/);
  });
});

describe('noise people name by its kind', () => {
  it('is denoising, never a request outside microscopy ("salt and pepper")', () => {
    expect(toolsOf('remove the salt and pepper noise')).toEqual(['denoise']);
  });
});
