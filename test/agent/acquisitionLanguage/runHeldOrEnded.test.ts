// The whole run held or ended, read by what is done to it and when (brief s54/M, issue 11): an end for a while is a
// pause, an end at the end of the current time point a finish, "end" inside a time phrase no verb of ending.
import { describe, expect, it } from 'vitest';
import { runHeldOrEnded } from '../../../src/agent/acquisitionLanguage/runHeldOrEnded.ts';
import { start, toolOf } from './runningAcquisition.ts';

const gfp = start({ channels: [{ config: 'FITC' }], timePlan: { intervalS: 300, durationS: 21600 } });

describe('the run held or ended', () => {
  it('reads a hold of the run, by verb or noun, as a pause', () => {
    expect(runHeldOrEnded('give me a break in the imaging', 0)).toEqual({ kind: 'pause' });
    expect(runHeldOrEnded('could the time-lapse take a breather while i change the medium?', 0)).toEqual({ kind: 'pause' });
    expect(runHeldOrEnded('can we pause the time series?', 0)).toEqual({ kind: 'pause' });
  });

  it('reads an end said for a while as a pause, with the span after "for"', () => {
    expect(runHeldOrEnded('stop saving images for a bit', 0)).toEqual({ kind: 'pause' });
    expect(runHeldOrEnded("no frames until i'm back from the cold room", 0)).toEqual({ kind: 'pause' });
    expect(runHeldOrEnded('stop recording for 20 min', 0)).toEqual({ kind: 'pause', forS: 1200 });
  });

  it('never reads "end" inside a time phrase as a stop', () => {
    expect(runHeldOrEnded('pause the recording at the end of this cycle', 0)).toEqual({ kind: 'pause' });
    expect(runHeldOrEnded('end the series at the end of this time point', 0)).toEqual({ kind: 'finish' });
  });

  it('reads the run ended in words other than a stop verb as a stop', () => {
    expect(runHeldOrEnded('no more images please', 0)).toEqual({ kind: 'stop' });
    expect(runHeldOrEnded("ok that's it for the timelapse, we're done", 0)).toEqual({ kind: 'stop' });
    expect(runHeldOrEnded('kill the time series', 0)).toEqual({ kind: 'stop' });
    expect(runHeldOrEnded('end the experiment for good', 0)).toEqual({ kind: 'stop' });
    expect(runHeldOrEnded('we have all the frames we need', 0)).toEqual({ kind: 'stop' });
  });

  it('leaves a part of the run, a negation, a question, a degree and figures to the other readers', () => {
    expect(runHeldOrEnded('stop imaging position 4', 0)).toBeUndefined();
    expect(runHeldOrEnded('stop the gfp images', 1)).toBeUndefined();
    expect(runHeldOrEnded("don't stop it, let it run to the end", 0)).toBeUndefined();
    expect(runHeldOrEnded('when does the recording end?', 0)).toBeUndefined();
    expect(runHeldOrEnded('stop taking pictures so often', 0)).toBeUndefined();
    expect(runHeldOrEnded('stop the movie after 100 frames', 0)).toBeUndefined();
  });

  it('routes them while imaging', () => {
    expect(toolOf('give me a break in the imaging', gfp)).toBe('pause_acquisition');
    expect(toolOf('pause the recording at the end of this cycle', gfp)).toBe('pause_acquisition');
    expect(toolOf('no more images please, the dish is contaminated', gfp)).toBe('stop_acquisition');
  });
});

describe('a break said alone, the making negated, a stop for now', () => {
  it('is a pause', () => {
    expect(runHeldOrEnded('break for 10 minutes', 0)).toEqual({ kind: 'pause', forS: 600 });
    expect(runHeldOrEnded('10 minute break please', 0)).toEqual({ kind: 'pause', forS: 600 });
    expect(runHeldOrEnded("don't take any images for 15 min", 0)).toEqual({ kind: 'pause', forS: 900 });
    expect(runHeldOrEnded('stop the movie for now', 0)).toEqual({ kind: 'pause' });
  });
  it('keeps the session ended by "that\'s it for now"', () => {
    expect(runHeldOrEnded("that's it for now", 0)).toBeUndefined();
  });
});
