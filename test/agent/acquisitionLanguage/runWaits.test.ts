// The run said to wait (its subject, not its object) is a pause, never a question about the movie; a stop said to go on
// later is a pause, never the end of the run (brief s53/M, issue 11).
import { describe, expect, it } from 'vitest';
import { runWaitsAsPause, stopThatGoesOnAsPause } from '../../../src/agent/acquisitionLanguage/runWaits.ts';
import { changes, start, toolOf } from './runningAcquisition.ts';

const gfp = start({ channels: [{ config: 'FITC' }], timePlan: { intervalS: 300, durationS: 21600 } });

describe('the run said to wait', () => {
  it('reads the run as the subject of a verb of waiting as "pause"', () => {
    expect(runWaitsAsPause('could the acquisition wait while I add the drug?')).toBe('pause while I add the drug?');
    expect(runWaitsAsPause('can the time-lapse hold on a moment?')).toBe('pause a moment?');
    expect(runWaitsAsPause('let the movie sit idle for 10 minutes')).toBe('pause for 10 minutes');
    expect(runWaitsAsPause('delay the next time point, I am adding drug')).toBe('pause, I am adding drug');
    expect(runWaitsAsPause('could the movie be exported as AVI?')).toBe('could the movie be exported as AVI?');
  });

  it('routes it to a pause while imaging', () => {
    expect(toolOf('could the acquisition wait while I add the drug?', gfp)).toBe('pause_acquisition');
    expect(toolOf('the recording should take a short break now', gfp)).toBe('pause_acquisition');
  });
});

describe('a stop said to go on later', () => {
  it('is a pause (for the span it goes on in)', () => {
    expect(stopThatGoesOnAsPause("stop it for now, I'll restart it after lunch", 0)).toBe('pause');
    expect(stopThatGoesOnAsPause('halt imaging temporarily', 0)).toBe('pause');
    expect(stopThatGoesOnAsPause('stop for now, we will continue in 20 min', 0)).toBe('pause for 1200 s');
    expect(toolOf("stop it for now, I'll restart after lunch", gfp)).toBe('pause_acquisition');
  });

  it('leaves a stop of a part, a channel named, or a stop with no going on', () => {
    expect(stopThatGoesOnAsPause("stop position 3, I'll add it back later", 0)).toBe("stop position 3, I'll add it back later");
    expect(stopThatGoesOnAsPause("stop the GFP, we'll resume it later", 1)).toBe("stop the GFP, we'll resume it later");
    expect(stopThatGoesOnAsPause('stop the acquisition, the cells died', 0)).toBe('stop the acquisition, the cells died');
    expect(changes("stop imaging position 3, I'll add it back later", start({ channels: [{ config: 'FITC' }], timePlan: { intervalS: 300, durationS: 21600 }, stagePositions: [0, 1, 2, 3].map((i) => ({ name: `Pos${i}`, xUm: i * 3000, yUm: 0 })) }))).toContainEqual({ kind: 'dropPosition', position: '3' });
  });

  it('a pronoun stop asked as a question, with one channel imaged, is the run\'s stop', () => {
    expect(toolOf('can you end it?', gfp)).toBe('stop_acquisition');
  });
});
