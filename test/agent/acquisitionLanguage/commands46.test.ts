import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/route.ts';
import { spanForAWhile } from '../../../src/agent/acquisitionLanguage/forAWhile.ts';

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
