// A negation's scope ends at a word of contrast ("just", "only", "instead", "rather", "but") that opens what to do
// instead, with or without a comma before it; never at one said of the thing turned down ("just the bright ones").
import { beforeAll, describe, expect, it } from 'vitest';
import { splitClauses } from '../../../src/agent/planner/clauses.ts';
import { loadAcquisitionWords, said, toolsOf } from './planOffline.ts';
import { negationFamily } from './negationScope.gen.ts';

beforeAll(loadAcquisitionWords);

const parts = (text: string) => splitClauses(text).map((c) => [c.text, c.negated]);

describe('the scope of a negation', () => {
  it('ends where a word of contrast opens another step', () => {
    expect(parts('dont write a new movie just get rid of the wobble')).toEqual([['dont write a new movie', true], ['get rid of the wobble', false]]);
    expect(parts('skip the smoothing instead find the cells')).toEqual([['skip the smoothing', true], ['find the cells', false]]);
    expect(parts('no need to export rather plot the speeds')).toEqual([['no need to export', true], ['plot the speeds', false]]);
  });

  it('keeps a word of contrast said of the thing turned down', () => {
    expect(parts("don't track just the bright ones")).toEqual([["don't track just the bright ones", true]]);
    expect(parts('do not measure only frame 3')).toEqual([['do not measure only frame 3', true]]);
    expect(parts('never use otsu instead of li')).toEqual([['never use otsu instead of li', true]]);
  });

  it('reads the word of contrast after a negated clause as a joiner, not as a word of the step', () => {
    const [, next] = splitClauses('skip the smoothing, instead find the cells');
    expect(next).toMatchObject({ text: 'find the cells', joiner: 'instead', negated: false });
  });

  it('runs the step asked after the negation and not the one turned down, in several phrasings', () => {
    expect(toolsOf('dont write a new movie just get rid of the wobble')).toEqual(['correct_drift']);
    expect(toolsOf('please do not smooth it only find the nuclei')).toEqual(['segment']);
    expect(toolsOf('forget the bleach correction rather stabilise the frames')).toEqual(['correct_drift']);
    expect(said('dont write a new movie just get rid of the wobble')).not.toMatch(/did not understand/);
  });

  it('holds over a generated family: every pair of the tools\' own examples, one turned down, the other asked, no comma', () => {
    const family = negationFamily();
    expect(family.length).toBeGreaterThan(50);
    const wrong = family.filter((c) => { const tools = toolsOf(c.request); return !tools.includes(c.wanted) || tools.includes(c.refused); });
    expect(wrong.map((c) => c.request)).toEqual([]);
  });
});
