// A remark and a command run together are read apart (brief s55/M, issue 11); a verb after "to", a modal or a
// subject is no imperative and stays.
import { describe, expect, it } from 'vitest';
import { runOnCommandApart } from '../../../src/agent/acquisitionLanguage/runOnClauses.ts';

describe('runOnCommandApart', () => {
  it('puts a stop before a command run on after a remark', () => {
    expect(runOnCommandApart("we're done shut it down")).toBe("we're done. shut it down");
    expect(runOnCommandApart('The 488 is too strong halve it')).toBe('The 488 is too strong. halve it');
  });

  it('leaves verbs that are no imperative, and words with no remark before', () => {
    expect(runOnCommandApart('we need to stop')).toBeUndefined();
    expect(runOnCommandApart('it is fading, halve the exposure')).toBeUndefined();
    expect(runOnCommandApart('halve the 488 power')).toBeUndefined();
    expect(runOnCommandApart('the cells are dividing and we will stop soon')).toBeUndefined();
  });
});
