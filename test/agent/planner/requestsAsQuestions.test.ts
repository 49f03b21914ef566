// Requests worded as questions ("could you denoise the images?") ask for the step, while a
// question about the recording's properties ("could you tell me the pixel size?") asks a value;
// the microscope's own questions, a resumed time-lapse, a verb's object that is a clause of its
// own ("find where cells split in two") and a simulation's ground truth (brief D2, issue 11).
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { asksForAStep } from '../../../src/agent/planner/clauses.ts';
import type { KnownArtifact, PastResult } from '../../../src/agent/planner/conversation.ts';
import { nextAction, planRequest } from '../../../src/agent/planner/planner.ts';
import { catalogue, loadAcquisitionWords, movie } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const tools = (request: string, artifactsAtStart: KnownArtifact[] = [movie]) =>
  planRequest({ request, artifactsAtStart, earlier: [], current: [], earlierRequests: [] }, catalogue).steps.map((s) => s.tool);

describe('asksForAStep', () => {
  it('reads "can you / could you / would you (mind) <verb>" with a verb that acts as a request', () => {
    expect(asksForAStep('could you possibly denoise the images?')).toBe(true);
    expect(asksForAStep('the cells wobble about, can u stabilise them?')).toBe(true);
    expect(asksForAStep('would you mind registering the frames to the first one?')).toBe(true);
    expect(asksForAStep('is there a way to align every frame to the first one?')).toBe(true);
  });

  it('reads a verb of telling as a question for a value', () => {
    expect(asksForAStep('could you tell me the pixel size?')).toBe(false);
    expect(asksForAStep('would you mind telling me the frame interval?')).toBe(false);
    expect(asksForAStep('can you check how many channels there are?')).toBe(false);
    expect(asksForAStep('could you give me the number of z slices?')).toBe(false);
  });

  it('reads "can I get a <thing>" as a request only for a thing made, not one told', () => {
    expect(asksForAStep('can we get a sharper, higher-resolution copy of the stack?')).toBe(true);
    expect(asksForAStep('can I have a list of the channels?')).toBe(false);
    expect(asksForAStep('can I get the image size?')).toBe(false);
  });

  it('is no request after a question word ("what can you do?")', () => {
    expect(asksForAStep('what can you do?')).toBe(false);
    expect(asksForAStep('how many frames can you see?')).toBe(false);
  });
});

describe('questions about the recording against requests worded as questions', () => {
  it('runs the step a request worded as a question asks for, not the file header', () => {
    expect(tools('would you mind stabilising the movie to the first frame?')).toEqual(['correct_drift']);
    expect(tools('can we get a sharper, higher-resolution copy of the stack?')).toEqual(['super_resolve']);
    expect(tools('is there a way to align every frame to the first one?')).toEqual(['correct_drift']);
  });

  it('still answers a property asked politely from the file header', () => {
    expect(tools('would you mind telling me the pixel size?')).toEqual(['movie_info']);
    expect(tools('could you tell me the time resolution?')).toEqual(['movie_info']);
    expect(tools('can you tell me how many frames there are?')).toEqual(['movie_info']);
  });

  it('leaves the light a sample has received to the microscope, with a movie loaded', () => {
    expect(tools('how much light have the cells received so far today?')).toEqual(['dose_report']);
  });
});

describe('the time-lapse at hand', () => {
  it('resumes the acquisition when the words continue the time-lapse, with a movie loaded', () => {
    expect(tools('could you please carry on with the time-lapse')).toEqual(['resume_acquisition']);
    expect(tools('continue the timelapse')).toEqual(['resume_acquisition']);
  });

  it('pauses, resumes or extends the run whatever word the time-lapse is called by', () => {
    expect(tools('right, keep going with the timelapse')).toEqual(['resume_acquisition']);
    expect(tools('keep the time-lapse running for 2 more hours')).toEqual(['adjust_acquisition']);
  });

  it('asks the microscope a setting as it is now, the file one it was recorded with', () => {
    expect(tools('what is the current interval?')).toEqual(['microscope_status']);
    expect(tools("what's the time between frames in this movie?")).toEqual(['movie_info']);
  });

  it('still makes no snapshot from words about the loaded recording', () => {
    expect(tools('make one picture of the whole movie using the brightest pixel')).toEqual(['project']);
  });
});

describe('a verb whose object is a clause of its own', () => {
  const tracked: KnownArtifact[] = [movie, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
  it('finds divisions where the words say where cells divide, not the cells themselves', () => {
    expect(tools('find where cells split in two', tracked)).toEqual(['detect_divisions']);
    expect(tools('find out which nuclei divide', tracked)).toEqual(['detect_divisions']);
  });
});

describe('a simulation and the steps after it', () => {
  it('segments the simulated movie before tracking: its ground-truth masks are no labels to track', () => {
    const request = 'simulate 20 dividing cells, then track them';
    const current: PastResult[] = [];
    const calls: string[] = [];
    for (let i = 0; i < 5; i++) {
      const action = nextAction({ request, artifactsAtStart: [], earlier: [], current, earlierRequests: [] }, catalogue);
      if (action.kind !== 'call') break;
      calls.push(action.tool);
      const produced = ALL_TOOLS.find((t) => t.name === action.tool)?.produces ?? [];
      current.push({ tool: action.tool, args: action.args, ok: true, summary: '', values: {}, artifacts: produced.map((type, k) => ({ id: `${type}-${i + 2}${k}`, type, producedBy: action.tool })) });
    }
    expect(calls).toEqual(['simulate_movie', 'segment', 'track']);
  });
});
