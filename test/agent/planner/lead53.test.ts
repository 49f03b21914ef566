// The lead's fixes of stop 53 (issue 11): what a simulation is asked to show is set at a value that shows it; a follow-up
// count that names its things is whole; whether the calibration is known decides a unit, not the steps; a stop said to be
// short is a pause.
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, catalogue, loadAcquisitionWords, toolsOf } from './planOffline.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { normalisedRequest } from '../../../src/agent/planner/normalise.ts';
import type { KnownArtifact, PastResult } from '../../../src/agent/planner/conversation.ts';
import { completedFollowUp } from '../../../src/agent/planner/tableAnswers.ts';

beforeAll(loadAcquisitionWords);

describe('a simulation asked for dividing nuclei', () => {
  it('sets a division rate that shows divisions, unless told otherwise', () => {
    const defaultRate = 0.005;
    expect(argsOf('simulate a movie with 20 dividing nuclei', 'simulate_movie', []).divisionRate).toBeGreaterThan(defaultRate);
    expect(argsOf('make a synthetic movie of 10 nuclei, some of them dividing', 'simulate_movie', []).divisionRate).toBeGreaterThan(defaultRate);
    expect(argsOf('simulate nuclei that do not divide', 'simulate_movie', []).divisionRate).toBe(0);
    expect(argsOf('simulate a movie with a division rate of 0.05', 'simulate_movie', []).divisionRate).toBe(0.05);
    expect(argsOf('simulate a movie with drift', 'simulate_movie', []).divisionRate).toBeUndefined();
  });
});

describe('a follow-up count that names the things counted', () => {
  it('is whole: it takes no quantity of the question before', () => {
    const before = ['segment the nuclei and tell me how the average area changes over the movie'];
    expect(completedFollowUp('and which frame has the most cells?', before)).toBe('and which frame has the most cells?');
    expect(completedFollowUp('and which time point had the fewest nuclei?', before)).toBe('and which time point had the fewest nuclei?');
    expect(completedFollowUp('and the median?', before)).toMatch(/area/);
  });
});

describe('a unit asked "if the pixel size is known"', () => {
  it('runs the steps whatever the calibration: it decides the unit, not the steps', () => {
    const uncalibrated: KnownArtifact[] = [{ id: 'movie-1', type: 'movie', producedBy: 'user', frames: 5, pixelSizeUm: null }];
    for (const request of ['outline the cells and give me their areas in µm² if the pixel size is known', 'measure the nuclear area in microns if calibrated', 'segment the cells and measure their areas in um2 if you know the pixel size']) {
      expect(toolsOf(request, uncalibrated), request).toEqual(['segment', 'measure']);
    }
    expect(toolsOf('denoise if it is noisy', uncalibrated)).toEqual(['denoise']);
  });
});

describe('a stop said to be short, or a pause at the end of a time point, while imaging', () => {
  const earlier: PastResult[] = [{ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC' }, { config: 'Rhodamine' }], timePlan: { intervalS: 300, durationS: 43200 } } }, ok: true, summary: 'started', values: { state: 'running' }, artifacts: [] }];
  const toolsWhileImaging = (said: string) => planRequest({ request: normalisedRequest(said, catalogue), artifactsAtStart: [], earlier, current: [], earlierRequests: ['image GFP and mCherry every 5 min for 12 h'] }, catalogue).steps.map((s) => s.tool);
  it('pauses, never stops the run', () => {
    expect(toolsWhileImaging('temporarily stop the time-lapse')).toEqual(['pause_acquisition']);
    expect(toolsWhileImaging('pause after this time point')).toEqual(['pause_acquisition']);
    expect(toolsWhileImaging('stop after this time point')).toEqual(['stop_acquisition']);
  });
  it('keeps "temporarily" as written (no slip of "temporally")', () => {
    expect(normalisedRequest('temporarily stop the time-lapse', catalogue)).toBe('temporarily stop the time-lapse');
  });
});

describe('things skipped by how long they last, said with a pronoun', () => {
  it('leave no gap setting on the tracking', () => {
    const calibrated: KnownArtifact[] = [{ id: 'movie-1', type: 'movie', producedBy: 'user', frames: 50 }];
    expect(argsOf('Work out for me the total distance each nucleus wanders, skipping any that exist fewer than 5 frames', 'track', calibrated).maxFrameGap).toBeUndefined();
    expect(argsOf('track them, nuclei may go missing for 2 frames', 'track', calibrated).maxFrameGap).toBe(2);
  });
});
