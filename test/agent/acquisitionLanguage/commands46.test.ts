import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/route.ts';
import { spanForAWhile } from '../../../src/agent/acquisitionLanguage/forAWhile.ts';
import { timepointSpan } from '../../../src/agent/acquisitionLanguage/timepointNumbers.ts';

type Step = { tool: string; args: Record<string, unknown> };
const START: Step = { tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC', exposureMs: 100 }, { config: 'DAPI', exposureMs: 50 }], timePlan: { intervalS: 300, durationS: 36000 }, stagePositions: [0, 1, 2].map((i) => ({ name: `Pos${i}`, xUm: i * 768, yUm: 0 })) } } };
const running = (text: string, earlier: Step[] = [START]) => routeMicroscopeRequest(text, { acquisitionRunning: true, earlier });

describe('a change until a count of time points, then set back (stop 46)', () => {
  it('reads "until N frames" as a span of N time points when a set-back follows', () => {
    expect(spanForAWhile('every 20 s until 60 frames then back to 5 min')).toMatchObject({ timePoints: 60, rest: 'every 20 s', backTo: '5 min' });
    expect(spanForAWhile('every 30 s till 50 timepoints, then go back')).toMatchObject({ timePoints: 50 });
    // (with no set-back, "until 60 frames" is the run's own length, read by the end readers)
    expect(spanForAWhile('every 20 s until 60 frames')).toBeUndefined();
  });
  it('makes the change for that many intervals at the new interval, the interval gone back to said as a span alone', () => {
    expect(running('every 20 s until 60 frames then back to 5 min')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 20 }], forS: 1200 } });
    expect(running('every 20 s for 60 frames, then back to 5 min')).toMatchObject({ args: { changes: [{ kind: 'interval', intervalS: 20 }], forS: 1200 } });
    expect(running('image every minute up to 30 frames and then back to normal')).toMatchObject({ args: { changes: [{ kind: 'interval', intervalS: 60 }], forS: 1800 } });
    // (a value gone back to that is not the run's now is a second phase: asked, never half made)
    expect(running('every 20 s for 60 frames then back to 10 min')).toMatchObject({ ask: expect.stringMatching(/back to 10 min/), command: true });
  });
});

describe('the running acquisition\'s latest image asked to be shown (stop 46)', () => {
  it('is its status with the latest image saved, of the position named, never an analysis', () => {
    for (const t of ['show me the most recent frame', 'show me the latest image', 'can I see the last picture it took?', 'what does the current frame look like', 'pull up the newest GFP image']) {
      expect(running(t), t).toMatchObject({ tool: 'microscope_status', args: { latestImage: true } });
    }
    expect(running('show me the latest image at position 2')).toMatchObject({ tool: 'microscope_status', args: { latestImage: true, position: '2' } });
  });
  it('leaves changes said with the last frame, analyses and the words with no run to their readers', () => {
    expect(running('after the last frame, drop GFP')).not.toMatchObject({ args: { latestImage: true } });
    expect(running('segment the latest frame and show me the nuclei')).not.toMatchObject({ args: { latestImage: true } });
    expect(routeMicroscopeRequest('show me the last frame', { acquisitionRunning: false, earlier: [] })).not.toMatchObject({ args: { latestImage: true } });
  });
});

describe('a change from or until a time point by its number (stop 46)', () => {
  it('cuts the numbers out of the words: "after" is after that one, "from" is from that one on, "until" / "till" / "to" end there', () => {
    expect(timepointSpan('after frame 40 switch to every 15 minutes')).toEqual({ rest: 'switch to every 15 minutes', afterTimepoint: 40 });
    expect(timepointSpan('from time point 41 drop DAPI')).toEqual({ rest: 'drop DAPI', afterTimepoint: 40 });
    expect(timepointSpan('every 20 s until frame 60, then back to 5 min')).toEqual({ rest: 'every 20 s', untilTimepoint: 60 });
    expect(timepointSpan('from frame 10 to frame 20 every 30 s')).toEqual({ rest: 'every 30 s', afterTimepoint: 9, untilTimepoint: 20 });
    // (the number said as an ordinal, "the 30th frame", is the same time point, never dropped)
    expect(timepointSpan('from the 30th frame on image every 10 min')).toEqual({ rest: 'image every 10 min', afterTimepoint: 29 });
    expect(timepointSpan('every 30 s until the 60th frame then back')).toEqual({ rest: 'every 30 s', untilTimepoint: 60 });
    // (a count of time points is no time point's number; "to frame 20" alone is no end of a change)
    expect(timepointSpan('for 20 frames every 30 s')).toBeUndefined();
    expect(timepointSpan('go to frame 20')).toBeUndefined();
  });
  it('is adjust_acquisition with afterTimepoint / untilTimepoint, and an end at a time point is the run\'s total', () => {
    expect(running('after frame 40 switch to every 15 minutes')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 900 }], afterTimepoint: 40 } });
    expect(running('from tp 41 on, DAPI at 20 ms')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'exposure', exposureMs: 20, channel: 'DAPI' }], afterTimepoint: 40 } });
    expect(running('after frame 40 stop')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'loops', loops: 40 }] } });
    // (a question with a time point's number changes nothing)
    expect(running('what was the interval after frame 40?')).not.toMatchObject({ args: { afterTimepoint: 40 } });
  });
});

describe('a question about the focus while imaging (stop 46)', () => {
  it('is the run\'s status whatever its subject, "?" or not; a focus said lost is still the one autofocus', () => {
    for (const t of ['is the sample in focus', 'are the cells still in focus?', 'is everything sharp?']) expect(running(t), t).toMatchObject({ tool: 'microscope_status' });
    expect(running('the cells look blurry')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'autofocus' }] } });
  });
});
