// The lead's user tries of stop 49 on the simulated microscope: a short while said as an idiom, and "gentler" light.
import { describe, expect, it } from 'vitest';
import { asked, route } from './runningAcquisition.ts';

describe('a pause for "a sec" or "a moment"', () => {
  it('lasts until resumed: the idiom is no span of 1 s, and the rest of the words ("while I add drug") are a remark', () => {
    for (const text of ['hold it there for a sec while I add drug', 'wait a sec', 'pause for a second', 'pause for a moment']) {
      const r = route(text);
      expect(r?.tool, `${text} → ${JSON.stringify(r)}`).toBe('pause_acquisition');
      expect((r as { args: Record<string, unknown> }).args.forS, text).toBeUndefined();
    }
  });

  it('keeps a span said in figures', () => {
    expect((route('pause for 10 minutes') as { args: Record<string, unknown> }).args).toEqual({ forS: 600 });
    expect((route('pause for 1 second') as { args: Record<string, unknown> }).args).toEqual({ forS: 1 });
  });
});

describe('"go a bit gentler on the 488"', () => {
  it('is less light on that channel, asked how much (never "not understood")', () => {
    for (const text of ['can we go a bit gentler on the 488?', 'be a little gentler with the FITC']) expect(asked(text), text).toMatch(/^How much less light on FITC\?/);
  });
});
