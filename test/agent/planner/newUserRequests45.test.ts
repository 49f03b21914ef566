// Stop 45, helper D: a new user's analysis requests in their own words. An adjective-and-action phrase said as the
// action's verb and the adjective's noun ("upsample the time"); a unit after its number is no value of a setting ("every
// 20 min" is no minimum projection); "over the course of the movie" is a span of time, no plot; the light swinging up
// and down is flicker, not drift; channels said not to line up are misaligned, not a step turned down; a clause that
// only says how a thing is, beside a request, is its reason; "cut out the corner" is a crop; a nuclear marker said to
// be in a channel is the channel the objects are found on.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { channelRolesOf } from '../../../src/agent/planner/channelRoles.ts';
import { withChannelsApartSaidPlainly, withLightSwingsAsFlicker } from '../../../src/agent/planner/normalise.ts';
import * as offline from './planOffline.ts';
import { loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const { toolsOf, argsOf } = offline.asSaid;
const stack: KnownArtifact[] = [{ id: 'movie-1', type: 'movie' }];

describe('an adjective and the action it qualifies, said the other way round', () => {
  it('reads "upsample the time" as temporal upsampling, and leaves "upsample the image" spatial', () => {
    expect(toolsOf('upsample the time')).toEqual(['interpolate_frames']);
    expect(toolsOf('increase the temporal resolution')).toEqual(['interpolate_frames']);
    expect(toolsOf('upsample the image')).toEqual(['super_resolve']);
    // (interpolate_frames' own words: "in time" after the verb)
    expect(toolsOf('upsample the movie in time')).toEqual(['interpolate_frames']);
    expect(toolsOf('give me twice as many frames')).toEqual(['interpolate_frames']);
  });
});

describe('a unit written after its number', () => {
  it('is no value of a setting ("20 min" is no minimum projection)', () => {
    const tools = toolsOf('I only imaged every 20 min, can you fill in the missing frames in between?');
    expect(tools).toContain('interpolate_frames');
    expect(tools).not.toContain('project');
    expect(argsOf('make a min projection', 'project', stack)).toMatchObject({ method: 'min' });
    // (a unit after its number is still a value of a unit argument: the frame interval told sets the calibration)
    expect(toolsOf('frames are every 10 min. measure intensity over the first 2 hours only')).toContain('set_calibration');
  });
});

describe('a span of time said as "over the course of"', () => {
  it('is the span a fault is told over, no figure asked', () => {
    const tools = toolsOf('the cells drift off to the right over the course of the movie, can you hold them still?');
    expect(tools).toEqual(['correct_drift']);
  });
});

describe('the light swinging up and down', () => {
  it('is flicker, with the light as the subject; the image jumping is still drift', () => {
    expect(withLightSwingsAsFlicker('the brightness jumps up and down between frames')).toBe('the brightness flickers between frames');
    expect(withLightSwingsAsFlicker('the intensity fluctuates a lot')).toBe('the intensity flickers a lot');
    expect(withLightSwingsAsFlicker('the image jumps up and down')).toBe('the image jumps up and down');
    expect(toolsOf('my movie shimmers, the brightness jumps up and down between frames - can you fix that?')).toEqual(['correct_bleach']);
    expect(toolsOf('the image jumps up and down, fix it')).toEqual(['correct_drift']);
  });
});

describe('channels said not to line up', () => {
  it('are misaligned, a fault, not a step turned down', () => {
    expect(withChannelsApartSaidPlainly("the red and green channels don't line up")).toBe('the red and green channels are misaligned');
    expect(withChannelsApartSaidPlainly("the cells don't line up in rows")).toBe("the cells don't line up in rows");
    expect(toolsOf("the channels don't line up")).toEqual(['align_channels']);
  });
});

describe('a clause that only says how a thing is', () => {
  it('beside a request, is that request\'s reason and no step of its own', () => {
    expect(toolsOf('the pixels are too big, can you increase the resolution of the image 2x')).toEqual(['super_resolve']);
    expect(toolsOf('cut out just the top left corner, the rest is empty')).toEqual(['crop']);
    expect(argsOf('cut out just the top left corner, the rest is empty', 'crop', stack)).toMatchObject({ region: 'top_left' });
  });
});

describe('a nuclear marker said to be in a channel', () => {
  it('is the channel the objects are found on', () => {
    expect(channelRolesOf('the DAPI is in channel 2').objects).toBe(2);
    expect(channelRolesOf('Hoechst is ch1').objects).toBe(1);
    expect(argsOf('could you outline the nuclei in each timepoint? the DAPI is in channel 2', 'segment', stack)).toMatchObject({ channel: 2 });
  });
});

describe('a fault of the recording told alone', () => {
  it('asks for the step that takes it away; a fault said to be small or absent asks for nothing', () => {
    expect(toolsOf("it's too noisy to see anything")).toEqual(['denoise']);
    expect(toolsOf('my movie shimmers')).toEqual(['correct_bleach']);
    expect(toolsOf('the drift is minor')).toEqual([]);
  });

  it('is turned down when said to be absent ("there\'s no drift"), with the rest still asked', () => {
    expect(toolsOf("there's no drift, just segment the nuclei")).toEqual(['segment']);
    expect(toolsOf("there's hardly any noise, just segment the nuclei")).toEqual(['segment']);
  });
});

describe('a result said to be one image', () => {
  it('is made by a tool that writes one frame, not by one that writes as many as it reads', () => {
    expect(toolsOf('average all the frames into one image')).toEqual(['project']);
    expect(argsOf('average all the frames into one image', 'project', stack)).toMatchObject({ method: 'mean' });
    expect(toolsOf('correct the drift using the mean frame as reference')).toEqual(['correct_drift']);
  });
});

describe('a request that fits no tool', () => {
  it('offers the closest analysis steps first when it names no microscope', async () => {
    const { notUnderstood } = await import('../../../src/agent/planner/answers.ts');
    expect(notUnderstood('deconvolve the images', new Map())).not.toMatch(/I can start a time-lapse/);
  });
});

describe('a word between a verb and its object that names another tool\'s thing', () => {
  it('makes the object that tool\'s ("find the dividing cells" is no "find cells")', () => {
    expect(toolsOf('find the dividing cells')).toContain('detect_divisions');
    expect(toolsOf('find the dividing cells')).not.toEqual(['segment']);
    expect(toolsOf('find the nuclei')).toEqual(['segment']);
    // (a verb of a two-word name, "move" of move_stage, is no such thing)
    expect(toolsOf('detect the moving cells')).toEqual(['segment']);
  });
});

describe('a count of things ranked, said as the object of a step named by its verb', () => {
  const tracksHeld: KnownArtifact[] = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
  it('is that step, run on the selection made first (never the selection alone, nor its count as a speed)', () => {
    expect(toolsOf('measure the speed of the 5 fastest tracks', tracksHeld)).toEqual(['filter_tracks', 'measure']);
    expect(argsOf('measure the speed of the 5 fastest tracks', 'filter_tracks', tracksHeld)).toMatchObject({ top: 5, rankBy: 'speed' });
    expect(toolsOf('plot the 10 longest tracks', tracksHeld)).toEqual(['filter_tracks', 'plot']);
    expect(argsOf('plot the 10 longest tracks', 'filter_tracks', tracksHeld)).toMatchObject({ top: 10, rankBy: 'frames' });
  });

  it('leaves a selection said alone as the selection', () => {
    expect(toolsOf('keep the 5 fastest tracks', tracksHeld)).toEqual(['filter_tracks']);
    expect(toolsOf('the longest 10 tracks', tracksHeld)).toEqual(['filter_tracks']);
  });
});

describe('a clause of one word after a word of order', () => {
  it('is the step that word names, never a word of the step before dropped in silence', () => {
    expect(toolsOf('correct the drift then count')).toEqual(['correct_drift', 'segment']);
    expect(toolsOf('denoise and count')).toEqual(['denoise', 'segment']);
  });
});
