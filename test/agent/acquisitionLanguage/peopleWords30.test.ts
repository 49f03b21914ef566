// People's wording of changes to a running acquisition (brief s30/B), read in general forms, each with
// variants of its class that are in no eval file: a change for a while ("for the next 30 min", "over the
// following hour"), read without its span and made with the time it lasts (the tool sets it back);
// a channel kept in the words of a drop ("switch off the green but keep imaging the red").
import { describe, expect, it } from 'vitest';
import { spanForAWhile } from '../../../src/agent/acquisitionLanguage/forAWhile.ts';
import { changes, route } from './runningAcquisition.ts';

const argsOf = (text: string) => (route(text) as unknown as { tool?: string; args: { changes: Record<string, unknown>[]; forS?: number } });

describe('a change for a while', () => {
  it('is the span cut out of the words, and its length', () => {
    expect(spanForAWhile('image twice as often for the next 30 min')).toEqual({ rest: 'image twice as often', forS: 1800 });
    expect(spanForAWhile('GFP to 5% over the following hour, please')).toEqual({ rest: 'GFP to 5%, please', forS: 3600 });
    expect(spanForAWhile('for the next 2 h drop the DAPI')).toEqual({ rest: 'drop the DAPI', forS: 7200 });
    expect(spanForAWhile('keep going for 30 more minutes')).toBeUndefined();
  });
  it('is made with the time it lasts, for settings that can be set back', () => {
    for (const [text, change, forS] of [
      ['image twice as often for the next 30 min', { kind: 'intervalFactor', factor: 0.5 }, 1800],
      ['every minute for the next hour', { kind: 'interval', intervalS: 60 }, 3600],
      ['drop DAPI during the next 20 minutes', { kind: 'dropChannel', channel: 'DAPI' }, 1200],
      ['halve the 488 power over the coming 2 hours', { kind: 'powerFactor', factor: 0.5, channel: 'FITC' }, 7200],
    ] as const) {
      const r = argsOf(text);
      expect(r.tool, text).toBe('adjust_acquisition');
      expect(r.args.changes, text).toContainEqual(change);
      expect(r.args.forS, text).toBe(forS);
    }
  });
  it('is never a span for what cannot be set back: a pause, an extension keep their own reading', () => {
    expect(route('pause for the next 10 minutes')?.tool).toBe('pause_acquisition');
    expect((route('run for the next 2 hours and then stop') as { args?: { forS?: number } })?.args?.forS).toBeUndefined();
  });
});

describe('a channel kept in the words of a drop', () => {
  it('is no part of the drop, and nothing is asked back', () => {
    expect(changes('switch off the green but keep imaging the red')).toEqual([{ kind: 'dropChannel', channel: 'FITC' }]);
    expect(changes('stop the DAPI, keep acquiring the mCherry')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
    expect(changes('turn the 561 off and carry on imaging with GFP')).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }]);
  });
});
