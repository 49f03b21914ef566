// Words of order ("at the end", "in the end", "to finish,") say where a step comes, never a command to end
// (or start) an acquisition; an "after you ..." following a step said to run first comes after it; and a
// question opened by a preposition ("at which time point ...") is a question about the data, no microscope command.
import { beforeAll, describe, expect, it } from 'vitest';
import { withoutOrderOpener } from '../../../src/agent/planner/clauses.ts';
import { loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const tracked = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }] as const;

describe('words of order', () => {
  it('blanks "at the end", "in the end", "at the start" and a lone "to finish," but keeps "at the end of ..."', () => {
    expect(withoutOrderOpener('at the end you track').trim()).toBe('you track');
    expect(withoutOrderOpener('in the end plot it').trim()).toBe('plot it');
    expect(withoutOrderOpener('to finish').trim()).toBe('');
    expect(withoutOrderOpener('stop at the end of this time point')).toContain('at the end of');
    expect(withoutOrderOpener('I want to finish the acquisition')).toContain('to finish');
  });

  it.each([
    ['first you correct drift, after you segment, at the end you track', ['correct_drift', 'segment', 'track']],
    ['segment and track the nuclei and in the end export the tracks as csv', ['segment', 'track', 'export']],
    ['at the start correct the drift, then segment the nuclei', ['correct_drift', 'segment']],
  ])('"%s" runs no microscope command', (request, tools) => {
    expect(toolsOf(request)).toEqual(tools);
  });

  it('"to finish, plot ..." plots and stops nothing', () => {
    const tools = toolsOf('segment and track the nuclei; to finish, plot the speed over time');
    expect(tools).toContain('plot');
    expect(tools).not.toContain('stop_acquisition');
  });

  it('still stops an acquisition asked to end at the end of a time point', () => {
    expect(toolsOf('stop the acquisition at the end of this time point', [])).toEqual(['stop_acquisition']);
  });

  it('keeps "first X, after correcting Y" reading Y first', () => {
    expect(toolsOf('first segment the nuclei, after correcting the drift')).toEqual(['correct_drift', 'segment']);
  });
});

describe('a question opened by a preposition', () => {
  it.each(['at which timepoint does track 4 stop', 'in which frame do the cells stop moving', 'from what frame on does track 2 start'])('"%s" asks nothing of the microscope', (request) => {
    const tools = toolsOf(request, [...tracked]);
    expect(tools.filter((t) => ['stop_acquisition', 'start_acquisition', 'microscope_status', 'adjust_acquisition'].includes(t))).toEqual([]);
  });
});
