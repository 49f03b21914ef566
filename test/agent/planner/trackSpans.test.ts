// One track's start and end: read from a question, answered from a table of whole tracks in frames and times.
import { describe, expect, it } from 'vitest';
import { trackEventOf, trackSpanAnswer } from '../../../src/agent/planner/trackSpans.ts';

const table = {
  columns: ['TRACK_ID', 'NUMBER_SPOTS', 'TRACK_DURATION', 'TRACK_START', 'TRACK_STOP'],
  rows: [
    { TRACK_ID: 1, NUMBER_SPOTS: 6, TRACK_DURATION: 5, TRACK_START: 0, TRACK_STOP: 5 },
    { TRACK_ID: 2, NUMBER_SPOTS: 3, TRACK_DURATION: 2, TRACK_START: 2, TRACK_STOP: 4 },
  ],
};

describe('which end of a track a question asks about', () => {
  it('reads starts and ends in other words, and only with a track and a when', () => {
    for (const q of ['when does track 2 start?', 'which frame does track 2 first appear in?', 'at what time does track 2 begin?']) expect(trackEventOf(q, 2), q).toBe('start');
    for (const q of ['when does track 1 end?', 'when is track 1 last seen?', 'in which frame does track 1 disappear?', 'when does track 1 stop, having started in frame 2?']) expect(trackEventOf(q, 1), q).toBe('stop');
    expect(trackEventOf('when does track 2 start?', undefined)).toBeUndefined();
    expect(trackEventOf('how fast does track 2 start?', 2)).toBeUndefined();
  });
});

describe('the frames of a track', () => {
  it('are times in the table\'s unit over its frame interval, frame 1 at time 0', () => {
    // 1 min per frame: TRACK_START 2 min is frame 3
    const answer = trackSpanAnswer(2, 'start', [{ table, timeUnit: 'min', intervalInTimeUnit: 1 }])!;
    expect(answer).toMatch(/^Track 2 starts in frame 3 \(2 min into the movie\) and ends in frame 5 \(4 min into the movie\), seen in 3 frames/);
    expect(trackSpanAnswer(2, 'stop', [{ table, timeUnit: 'min', intervalInTimeUnit: 1 }])).toMatch(/^Track 2 ends in frame 5/);
  });

  it('are frame indices from 0 when the movie has no frame interval, and nothing for a track no table has', () => {
    expect(trackSpanAnswer(1, 'stop', [{ table, timeUnit: 'frame' }])).toMatch(/^Track 1 ends in frame 6; it started in frame 1/);
    expect(trackSpanAnswer(7, 'start', [{ table, timeUnit: 'min', intervalInTimeUnit: 1 }])).toBeUndefined();
    expect(trackSpanAnswer(1, 'start', [{ table: { columns: ['TRACK_ID'], rows: [{ TRACK_ID: 1 }] } }])).toBeUndefined();
  });
});
