// Stop 43, helper D: a new user's whole analysis requests. Things biologists image named in their own words are no
// everyday objects; "each" after a request that ran nothing says so; a chain of steps closed by a question mark, doubt
// before the steps and a pseudo-cleft of what is wanted are requests; a CamelCase module name reads as its words; a
// bound said to a step that reads objects goes to the step added to find them.
import { beforeAll, describe, expect, it } from 'vitest';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { normalisedRequest } from '../../../src/agent/planner/normalise.ts';
import * as offline from './planOffline.ts';
import { catalogue, loadAcquisitionWords, movie } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const { toolsOf, argsOf, said } = offline.asSaid;

/** The second request's plan, the first asked before it in the same session (nothing of it ran). */
const after = (before: string, request: string) =>
  planRequest({ request: normalisedRequest(request, catalogue), artifactsAtStart: [movie], earlier: [], current: [], earlierRequests: [before] }, catalogue);

describe('things imaged named in a specialist\'s words', () => {
  it('are found, someone\'s own or not', () => {
    for (const request of ['count my colonies', 'count my spheroids', 'count my puncta', 'count my foci', 'measure my vesicles']) expect(toolsOf(request)[0], request).toBe('segment');
  });

  it('while someone\'s own everyday things stay refused', () => {
    for (const request of ['count my socks', 'track my package', 'measure my flat', 'count my votes']) expect(toolsOf(request), request).toEqual([]);
  });
});

describe('"each" after a request that ran nothing', () => {
  it('runs nothing and names the request before and why it was not done', () => {
    const p = after('split the channels', 'save each as a tiff');
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/"each".*split the channels.*not done/);
    expect(after('split channels please', 'now export each of them as png').steps).toEqual([]);
  });

  it('leaves "each" alone after a request that planned steps', () => {
    expect(after('segment the nuclei', 'export each as csv').steps.map((s) => s.tool)).toContain('export');
  });
});

describe('a chain of steps asked tentatively', () => {
  it('plans every step of a chain closed by a question mark', () => {
    expect(toolsOf('subtract the background, then denoise, then find the nuclei?')).toEqual(['subtract_background', 'denoise', 'segment']);
    expect(toolsOf('not sure what\'s best but maybe: background subtraction, then some smoothing, then find the nuclei?')).toEqual(['subtract_background', 'denoise', 'segment']);
  });

  it('keeps a question asked after a step a question', () => {
    expect(toolsOf('sorry, any idea what this is?')).toEqual(['movie_info']);
  });

  it('reads "what I\'d like is ..." and a closing "could you help?" as the request', () => {
    expect(toolsOf('What I\'d like in the end is a plot of how fast each cell moves. Could you help?')).toEqual(['segment', 'track', 'measure', 'plot']);
    expect(toolsOf('All I want is a csv of the tracks. Could you do that?')).toEqual(['segment', 'track', 'export']);
  });
});

describe('other software\'s words', () => {
  it('reads CellProfiler modules by their words', () => {
    expect(toolsOf('I usually do this in CellProfiler: IdentifyPrimaryObjects on the nuclei, then MeasureObjectIntensity')).toEqual(['segment', 'measure']);
  });

  it('gives Analyze Particles\' size to the segmentation added before the measurement', () => {
    expect(argsOf('Analyze Particles with size 50-500 pixels please', 'segment')).toMatchObject({ minAreaPx: 50, maxAreaPx: 500 });
  });

  it('reads patchy illumination evened out as the background, with no dose report', () => {
    expect(toolsOf('the illumination is patchy, even it out before you segment')).toEqual(['subtract_background', 'segment']);
    expect(said('the illumination is patchy, even it out before you segment')).not.toMatch(/event/);
  });
});
