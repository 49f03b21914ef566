// "stop, that's wrong - ...", "wait, before that ...": a halting word before a correction is no command (stop 52 helper E).
import { describe, expect, it } from 'vitest';
import { withoutHaltBeforeCorrection } from '../../../src/agent/planner/haltBeforeCorrection.ts';

describe('a halting word before a correction', () => {
  it('is dropped before a correction or a step to put first', () => {
    expect(withoutHaltBeforeCorrection('Stop! that is not what I asked, the cells please')).toBe('that is not what I asked, the cells please');
    expect(withoutHaltBeforeCorrection('hang on - I meant the red channel')).toBe('I meant the red channel');
    expect(withoutHaltBeforeCorrection('wait, first subtract the background')).toBe('first subtract the background');
  });

  it('is kept alone or before anything else', () => {
    expect(withoutHaltBeforeCorrection('stop')).toBe('stop');
    expect(withoutHaltBeforeCorrection("stop, that's enough imaging")).toBe("stop, that's enough imaging");
    expect(withoutHaltBeforeCorrection('wait 5 minutes, then image GFP')).toBe('wait 5 minutes, then image GFP');
  });
});

describe('"stop" before words that are not a correction', () => {
  it('stays the command ("stop - not all of it, just the red one")', () => {
    expect(withoutHaltBeforeCorrection('stop - not all of it, just the red one')).toBe('stop - not all of it, just the red one');
    expect(withoutHaltBeforeCorrection('stop, my bad, the green one')).toBe('my bad, the green one');
  });
});
