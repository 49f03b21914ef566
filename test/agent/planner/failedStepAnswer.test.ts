// A reply to the question a failed step asked runs that step again with the setting said: segment stops on a
// brightfield or phase-contrast movie to ask whether the cells are dark or bright, and "they are dark" (or "the
// cells are darker than the background") had been "I did not understand", or bleach correction.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { catalogue, loadAcquisitionWords, movie } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const failedSegment: PastResult = {
  tool: 'segment',
  args: { movie: 'movie-1', method: 'otsu' },
  ok: false,
  summary: 'segment failed: the segmentation would not be meaningful ... Say which the cells are: objects "dark" or objects "bright"',
  error: 'segment failed: the segmentation would not be meaningful ... Say which the cells are: objects "dark" or objects "bright"',
  values: {},
  artifacts: [],
};

const reply = (request: string, earlier: PastResult[] = [failedSegment]) =>
  planRequest({ request, artifactsAtStart: [movie], earlier, current: [], earlierRequests: ['segment the cells and count them'] }, catalogue);

describe('a reply to a failed step', () => {
  it.each(['they are dark', 'the cells are the dark ones', 'cells are darker than the background', 'bright'])('"%s" runs segment again with its arguments and the setting', (request) => {
    const p = reply(request);
    expect(p.steps.map((s) => s.tool)).toEqual(['segment']);
    expect(p.steps[0].args).toMatchObject({ movie: 'movie-1', method: 'otsu', objects: /bright/.test(request) ? 'bright' : 'dark' });
  });

  it('a step that ran but asked in its summary is answered the same way', () => {
    const asked: PastResult = { ...failedSegment, ok: true, error: undefined, summary: 'Unsure which parts are the cells: ... Say which the cells are: objects "dark" (e.g. phase contrast) or objects "bright"; ... Found 3 objects', artifacts: [{ id: 'labels-1', type: 'labels' }] };
    expect(reply('they are dark', [asked]).steps[0]).toMatchObject({ tool: 'segment', args: { objects: 'dark', method: 'otsu' } });
    expect(reply('they are dark', [{ ...asked, summary: 'Found 3 objects per frame' }]).steps.some((s) => s.args.method === 'otsu')).toBe(false);
  });

  it('a request naming a tool, a question, or words without a setting are not a reply', () => {
    // (the failed step's own arguments, method "otsu", are what a reply carries over)
    const rerunOfFailed = (request: string, earlier?: PastResult[]) => reply(request, earlier).steps.some((s) => s.tool === 'segment' && s.args.method === 'otsu');
    expect(rerunOfFailed('track them instead')).toBe(false);
    expect(rerunOfFailed('are they dark?')).toBe(false);
    expect(rerunOfFailed('they are dark', [{ ...failedSegment, ok: true, summary: 'Found 3 objects per frame' }])).toBe(false);
  });
});
