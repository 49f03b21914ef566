// One moment of the movie said in other words than "frame N" (frameMoment.ts).
import { describe, expect, it } from 'vitest';
import { momentSaid } from '../../../src/agent/planner/frameMoment.ts';

const range = (text: string, frameCount?: number, intervalS?: number) => momentSaid(text, frameCount, intervalS)?.range;

describe('a moment of the movie', () => {
  it('by its time index', () => {
    expect(range('what is the mean area at t=10?', 40)).toEqual({ first: 10, last: 10 });
    expect(range('area at t = 3')).toEqual({ first: 3, last: 3 });
  });
  it('by its place in order', () => {
    expect(range('how many nuclei in the 10th frame?', 40)).toEqual({ first: 10, last: 10 });
    expect(range('intensity at the tenth time point', 40)).toEqual({ first: 10, last: 10 });
  });
  it('halfway through the movie', () => {
    expect(range('the mean area halfway through the movie', 40)).toEqual({ first: 20, last: 20 });
    expect(momentSaid('in the middle of the recording')?.range).toBeUndefined();
  });
  it('as a time into the movie with the frame interval known (frame 1 at time 0)', () => {
    expect(range('average area at 30 min', 40, 300)).toEqual({ first: 7, last: 7 });
    expect(momentSaid('average area at 30 min', 40)).toEqual({ said: 'at 30 min', inTime: true });
  });
  it('is no moment for every other frame, an open range, a time with its unit as an index, or an interval', () => {
    expect(momentSaid('segment every 2nd frame', 40)).toBeUndefined();
    expect(momentSaid('from the 5th frame onwards', 40)).toBeUndefined();
    expect(momentSaid('t=5 to t=20', 40)).toBeUndefined();
    expect(momentSaid('from t=5', 40)).toBeUndefined();
    expect(momentSaid('imaged at 5 min intervals', 40, 300)).toBeUndefined();
    expect(range('the 50th frame', 40)).toBeUndefined();
  });
});
