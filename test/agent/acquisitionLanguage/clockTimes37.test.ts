import { describe, expect, it } from 'vitest';
import { clockEndsAsSpans } from '../../../src/agent/acquisitionLanguage/clockTimes.ts';

const at = (h: number, m: number) => new Date(2026, 11, 5, h, m, 0, 0);

describe('an end said as a time of day (stop 37)', () => {
  it('becomes a span from now, said in one line', () => {
    expect(clockEndsAsSpans('image DAPI every 10 minutes until 3 pm', at(12, 10))).toEqual({ text: 'image DAPI every 10 minutes, end in 170 min', notes: [expect.stringMatching(/^15:00 is 2 h 50 min from now/)] });
    expect(clockEndsAsSpans('GFP every 5 min, stop at 17:30', at(17, 0)).text).toBe('GFP every 5 min, end in 30 min');
    expect(clockEndsAsSpans('stop at 5pm', at(16, 0)).text).toBe('end in 60 min');
    expect(clockEndsAsSpans('keep it going till midnight', at(22, 0)).text).toBe('keep it going, end in 120 min');
    expect(clockEndsAsSpans('pause until 3 pm', at(14, 0))).toEqual({ text: 'pause for 60 min', notes: [expect.stringMatching(/the pause is planned to end then/)] });
  });
  it('a time already past today is tomorrow', () => {
    expect(clockEndsAsSpans('run until 9 am', at(21, 0))).toEqual({ text: 'run, end in 720 min', notes: [expect.stringMatching(/^09:00 tomorrow is 12 h/)] });
  });
  it('leaves days, bare hours and starts alone', () => {
    for (const t of ['keep going until tomorrow morning', 'stop at 5', 'start at 9 pm', 'every 1:30 min for 2 h']) expect(clockEndsAsSpans(t, at(12, 0))).toEqual({ text: t, notes: [] });
  });
});
