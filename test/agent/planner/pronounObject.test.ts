// A pronoun object read as the things named before: "outline them" after "find the nuclei" is the same step.
import { beforeAll, describe, expect, it } from 'vitest';
import { withAntecedent } from '../../../src/agent/planner/pronounObject.ts';
import { loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a pronoun object', () => {
  it('is read as the last things the clause before named', () => {
    expect(withAntecedent('and outline them', 'can you find the nuclei')).toBe('and outline the nuclei');
    expect(withAntecedent('and outline them', 'can you help')).toBeUndefined();
  });
  it('says the step before again, or asks its own step', () => {
    expect(toolsOf('could you find the cells and outline them for me')).toEqual(['segment']);
    expect(toolsOf('segment the nuclei and track them')).toEqual(['segment', 'track']);
  });
});
