// The calibration told in the session stands over the file header's in answers about the recording, and a frame
// interval asked as a rate ("in Hz", "fps") is given as one (before: "frame interval unknown: the file does not record it").
import { describe, expect, it } from 'vitest';
import { recordingAnswer, recordingQuestion, toldCalibration } from '../../../src/agent/planner/recordingQuestions.ts';
import { catalogue } from './planOffline.ts';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';

const header: PastResult = { tool: 'movie_info', args: { movie: 'movie-1' }, ok: true, summary: '', values: { frames: 40, zSlices: 1, channels: 1, widthPx: 8, heightPx: 8 }, artifacts: [] };
const told = (args: Record<string, unknown>): PastResult => ({ tool: 'set_calibration', args, ok: true, summary: '', values: {}, artifacts: [] });

describe('the calibration told in the session', () => {
  it('is read from the step that applies to later steps, the latest value of each key', () => {
    expect(toldCalibration([told({ frameIntervalS: 60 }), told({ pixelSizeUm: 0.3 }), told({ frameIntervalS: 0.5 })])).toEqual({ frameIntervalS: 0.5, pixelSizeUm: 0.3 });
    expect(toldCalibration([{ ...told({ frameIntervalS: 60 }), ok: false }])).toEqual({});
  });

  it('answers the interval and its rate from what was told, never "unknown"', () => {
    const calibration = toldCalibration([told({ frameIntervalS: 0.25 })]);
    expect(recordingAnswer('how many fps is this movie?', header, undefined, calibration)).toMatch(/^4 frames\/s \(0\.25 s between frames\) \(as told in this session\)/);
    expect(recordingAnswer('time between frames?', header, undefined, calibration)).not.toMatch(/unknown/);
    expect(recordingAnswer('how long is the movie in seconds?', header, undefined, calibration)).toMatch(/9\.75 s/);
    expect(recordingAnswer('time between frames?', header)).toMatch(/unknown/);
  });
});

describe('one frame said by its place', () => {
  it('is a scope of the content ("how many were in the first frame?"), never the frame count of the file', () => {
    for (const q of ['remind me, how many were in the first frame?', 'how many in the 3rd timepoint', 'and how many at the final frame?']) expect(recordingQuestion(q, catalogue), q).toBeUndefined();
    expect(recordingQuestion('how many frames are there?', catalogue)?.keys).toEqual(['frames']);
    expect(recordingQuestion('what is the frame rate of the first frame?', catalogue)).toBeDefined();
  });
});
