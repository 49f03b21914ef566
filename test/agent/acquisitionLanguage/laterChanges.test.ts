// A delay said before or after a change to the running acquisition.
import { describe, expect, it } from 'vitest';
import { delayBeforeChange } from '../../../src/agent/acquisitionLanguage/laterChanges.ts';

describe('a change said to start later', () => {
  it('cuts the delay out of the words, first or last', () => {
    expect(delayBeforeChange('after 1 hour halve the frame rate')).toEqual({ rest: 'halve the frame rate', inS: 3600 });
    expect(delayBeforeChange('in 30 min, switch to every 10 min')).toEqual({ rest: 'switch to every 10 min', inS: 1800 });
    expect(delayBeforeChange('an hour from now add mCherry')).toEqual({ rest: 'add mCherry', inS: 3600 });
    expect(delayBeforeChange('switch to every minute in 10 min')).toEqual({ rest: 'switch to every minute', inS: 600 });
  });

  it('finds no delay in a span that says how often or how long', () => {
    expect(delayBeforeChange('30 min intervals please')).toBeUndefined();
    expect(delayBeforeChange('image every 30 s')).toBeUndefined();
    expect(delayBeforeChange('for the next 20 min image every minute')).toBeUndefined();
  });
});
