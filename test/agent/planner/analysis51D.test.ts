// Analysis requests in people's own words (stop 51, helper D, issue 11): a writer's verb said once for two results, a step
// said under "before <doing another step>", a step told done already with where, a filter's bare name with its size, and
// times read at the interval an earlier turn set.
import { beforeAll, describe, expect, it } from 'vitest';
import { asSaid, catalogue, loadAcquisitionWords } from './planOffline.ts';
import { isContext } from '../../../src/agent/planner/clauses.ts';
import { withFilterSizesNamed } from '../../../src/agent/planner/filterSizes.ts';
import { normalisedRequest } from '../../../src/agent/planner/normalise.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a writer said once for two results', () => {
  it('writes each result the nouns after "and" name', () => {
    const steps = asSaid.plan('segment + track and save the masks and the tracks').steps;
    expect(steps.map((s) => s.tool)).toEqual(['segment', 'track', 'export', 'export']);
    expect(steps.filter((s) => s.tool === 'export').map((s) => Object.keys(s.args).find((k) => k === 'labels' || k === 'tracks'))).toEqual(['labels', 'tracks']);
  });

  it('is one step where the nouns are settings of one result', () => {
    expect(asSaid.toolsOf('measure the area and the intensity').filter((t) => t === 'measure')).toHaveLength(1);
  });
});

describe('a step said under "before <doing another step>"', () => {
  it('runs ahead of that step, said earlier in the sentence', () => {
    expect(asSaid.toolsOf('track the nuclei, but prior to tracking subtract the background')).toEqual(['subtract_background', 'segment', 'track']);
    expect(asSaid.toolsOf('track the nuclei, but before tracking, subtract the background')).toEqual(['subtract_background', 'segment', 'track']);
  });

  it('leaves "segment before tracking" as said', () => {
    expect(asSaid.toolsOf('segment the nuclei before tracking them')).toEqual(['segment', 'track']);
  });
});

describe('a step told done already', () => {
  it('is context with where or how it was done', () => {
    expect(isContext('bleaching was already corrected in ZEN')).toBe(true);
    expect(isContext('the drift has been already corrected with StackReg')).toBe(true);
    expect(asSaid.toolsOf('background was already subtracted in Fiji, segment the nuclei')).toEqual(['segment']);
  });
});

describe("a filter's bare name with its size", () => {
  it('is the filter the tools declare by "<name> filter"', () => {
    expect(withFilterSizesNamed('Median with radius 2, then Li', catalogue)).toBe('Median filter with radius 2, then Li');
    expect(withFilterSizesNamed('median 3x3 then otsu', catalogue)).toBe('median filter 3x3 then otsu');
    expect(withFilterSizesNamed('a 2 px median then segment', catalogue)).toBe('a 2 px median filter then segment');
    expect(asSaid.plan('Process > Filters > Median with radius 2, then Li').steps.map((s) => [s.tool, s.args.method])).toEqual([['denoise', 'median'], ['segment', 'li']]);
  });

  it('stays a statistic without a size', () => {
    expect(withFilterSizesNamed('what is the median speed', catalogue)).toBe('what is the median speed');
    expect(withFilterSizesNamed('median of 3 frames', catalogue)).toBe('median of 3 frames');
  });
});

describe('one frame at an end', () => {
  it('is the scope of a step said "in the last frame", never "to the first frame"', () => {
    const movie40 = [{ id: 'movie-1', type: 'movie' as const, frames: 40 }];
    expect(asSaid.argsOf('find the nuclei and tell me how many nuclei are in the last frame', 'segment', movie40).frames).toEqual({ first: 40, last: 40 });
    expect(asSaid.argsOf('segment only the first time point', 'segment', movie40).frames).toEqual({ first: 1, last: 1 });
    expect(asSaid.argsOf('register the movie to the first frame', 'correct_drift', movie40).frames).toBeUndefined();
  });
});

describe('an aim said before the steps that reach it', () => {
  it('runs after them, once', () => {
    expect(asSaid.toolsOf('I want to quantify migration. Could you correct the drift, segment with Otsu and track?')).toEqual(['correct_drift', 'segment', 'track', 'measure']);
    expect(asSaid.toolsOf('For the revision the reviewers asked us to quantify migration, so I would be grateful if the movie could first be corrected for drift, the nuclei then segmented with Otsu, tracked, and finally the mean speed per track reported in a CSV.')).toEqual(['correct_drift', 'segment', 'track', 'measure', 'export']);
  });

  it('leaves two asked steps of one tool both', () => {
    expect(asSaid.toolsOf('I need a max and a mean projection')).toEqual(['project', 'project']);
  });
});

describe('a quantity said before a file format', () => {
  it('is measured and written, never the tracks alone', () => {
    const steps = asSaid.plan('track them and give me the mean speed per track as CSV').steps;
    expect(steps.map((s) => s.tool)).toEqual(['segment', 'track', 'measure', 'export']);
    expect(steps.find((s) => s.tool === 'measure')?.args.kind).toBe('tracks');
  });
});

describe('a request put politely in the passive', () => {
  it('is no condition to check', () => {
    const p = asSaid.plan('I would be grateful if the movie could first be corrected for stage drift and the nuclei then segmented');
    expect(p.steps.map((s) => s.tool)).toEqual(['correct_drift', 'segment']);
    expect((p.notes ?? []).join(' ')).not.toMatch(/condition/);
  });
});

describe('times in a command', () => {
  it('are frames at the interval an earlier turn set', () => {
    const request = normalisedRequest('segment the nuclei from 60 to 120 min', catalogue);
    const p = planRequest({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 40 }], earlier: [{ tool: 'set_calibration', args: { frameIntervalS: 300 }, ok: true, summary: '', values: {}, artifacts: [] }], current: [], earlierRequests: ['the frame interval is 5 min'] }, catalogue);
    expect(p.steps.find((s) => s.tool === 'segment')?.args.frames).toEqual({ first: 13, last: 25 });
  });
});
