// A question said as a statement with its subject left out ("curious whether ...", "wondering if ..."): asked of the
// data, never a microscope command read from its verb ("slow down" once changed the acquisition's interval).
import { beforeAll, describe, expect, it } from 'vitest';
import { isAskedForm } from '../../../src/agent/planner/tableAnswers.ts';
import { loadAcquisitionWords, movieAndLabels, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('curious whether / wondering if, without "I am"', () => {
  it('is a question about the data', () => {
    expect(isAskedForm('curious whether the cells slow down towards the end')).toBe(true);
    expect(isAskedForm('wondering if the nuclei get bigger')).toBe(true);
    expect(toolsOf('curious whether the cells slow down towards the end')).toEqual(['segment', 'track', 'measure']);
    expect(toolsOf('curious whether the nuclei get bigger towards the end', movieAndLabels)).toEqual(['measure']);
  });
  it('a request said without them stays a request', () => {
    expect(isAskedForm('segment the nuclei')).toBe(false);
  });
});
