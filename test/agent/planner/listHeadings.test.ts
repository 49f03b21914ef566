// A heading over a list of steps ("Steps:", "To do:", "plan") and the list's numbers and bullets are structure: the
// planner runs the listed steps, never a step of the heading's word ("steps" is no step length to measure).
import { beforeAll, describe, expect, it } from 'vitest';
import { isContext, isListHeading } from '../../../src/agent/planner/clauses.ts';
import { perturb } from '../../../src/agent/planner/perturbations.ts';
import { loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a heading over a list of steps', () => {
  it('is structure, with or without its colon and the first line\'s number', () => {
    for (const heading of ['Steps:', 'steps', 'To do:', 'todo', 'Plan:', 'Workflow -', 'the steps:', "Here's what I need:", 'steps\n1', 'Steps:\n- 1']) expect(isListHeading(heading), heading).toBe(true);
    expect(isContext('Steps:')).toBe(true);
  });

  it('is no heading when it says more than the structure', () => {
    for (const text of ['measure the step lengths', 'plan the acquisition', 'steps of 2 µm']) expect(isListHeading(text), text).toBe(false);
  });

  it('plans only the listed steps, in several ways of writing the list', () => {
    expect(toolsOf('Steps:\n- 1. segment\n- 2. track')).toEqual(['segment', 'track']);
    expect(toolsOf('steps\n1) blur the movie\n2) find the nuclei')).toEqual(['denoise', 'segment']);
    expect(toolsOf('To do:\n* stabilise the frames\n* outline the cells')).toEqual(['correct_drift', 'segment']);
    expect(toolsOf('Plan:\n1. correct drift\n2. segment\n3. track')).toEqual(['correct_drift', 'segment', 'track']);
  });

  it('keeps the heading\'s word as a step where it asks for one', () => {
    expect(toolsOf('measure the step lengths of the tracks')).toContain('measure');
  });
});

describe('perturb listed', () => {
  it('writes the steps joined by words of order as a list, one a line', () => {
    const out = perturb('Correct the drift, then segment the nuclei. After that, track them.', 'listed', 1)!;
    expect(out.split('\n').filter((l) => /\p{L}/u.test(l.replace(/^(?:steps|to do|plan|workflow):?$/i, ''))).map((l) => l.replace(/^[-*\d.)\s]+/, ''))).toEqual(['correct the drift', 'segment the nuclei', 'track them']);
    expect(perturb('segment the nuclei and track them', 'listed', 1)).toBeUndefined();
    expect(perturb('what is the speed then?', 'listed', 1)).toBeUndefined();
  });
});
