// An autofocus schedule in people's words (issue 11): at start, in the plan; on a running acquisition, as a change.
import { describe, expect, it } from 'vitest';
import { autofocusScheduleSaid } from '../../../src/agent/acquisitionLanguage/autofocusSchedule.ts';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { parseAcquisitionRequest } from '../../../src/agent/acquisitionLanguage/requests.ts';
import { parseSequence } from '../../../src/microscope/sequence.ts';
import { asked, changes, start } from './runningAcquisition.ts';

const dapi = start({ channels: [{ config: 'DAPI' }], timePlan: { intervalS: 360, durationS: 14400 } });

describe('an autofocus schedule in a plan to start', () => {
  it('every time point, in several wordings, beside the plan\'s own interval', () => {
    for (const words of ['film DAPI every 6 min for 4 h, autofocus every time point', 'image DAPI every 6 minutes for 4 hours and refocus before each time point', 'DAPI every 6 min for 4 h with AF at every frame', 'image DAPI every 6 min for 4 h with autofocus']) {
      const parsed = parseAcquisitionRequest(words);
      expect(parsed.sequence.timePlan, words).toEqual({ intervalS: 360, durationS: 14400 });
      expect(parsed.sequence.autofocusPlan, words).toEqual({ everyTimepoints: 1, eachPosition: false });
      expect(parsed.understood, words).toMatch(/autofocus before every time point/);
    }
  });

  it('every Nth time point, never taken for a channel\'s acquire-every', () => {
    for (const words of ['image GFP every 5 min for 2 h, autofocus every 3rd frame', 'GFP every 5 min for 2 h; refocus every third time point', 'image GFP every 5 min for 2 h and AF every 3 frames']) {
      const parsed = parseAcquisitionRequest(words);
      expect(parsed.sequence.autofocusPlan, words).toEqual({ everyTimepoints: 3, eachPosition: false });
      expect(parseSequence(parsed.sequence).channels[0].acquireEvery, words).toBe(1);
    }
  });

  it('an interval of autofocus in minutes becomes every N time points, and says so', () => {
    const parsed = parseAcquisitionRequest('image GFP every 5 min for 6 h, AF every 10 min');
    expect(parsed.sequence.timePlan).toEqual({ intervalS: 300, durationS: 21600 });
    expect(parsed.sequence.autofocusPlan).toEqual({ everyTimepoints: 2, eachPosition: false });
    expect(parsed.understood).toMatch(/every 10 min is every 2 time point\(s\) at the 5 min interval/);
    // said first, its span is still no interval of the plan
    const first = parseAcquisitionRequest('autofocus every hour; image GFP every 10 min for 6 h');
    expect(first.sequence.timePlan).toEqual({ intervalS: 600, durationS: 21600 });
    expect(first.sequence.autofocusPlan?.everyTimepoints).toBe(6);
    expect(parseAcquisitionRequest('image GFP every 4 min for 2 h, autofocus every 10 min').understood).toMatch(/about every 3 time point/);
  });

  it('once at the start, and at each position', () => {
    expect(parseAcquisitionRequest('image GFP every 5 min for 2 h, autofocus once at the start').sequence.autofocusPlan).toEqual({ everyTimepoints: 0, eachPosition: false });
    expect(parseAcquisitionRequest('image GFP every 5 min for 2 h at 3 positions, refocus at each position every time point').sequence.autofocusPlan).toEqual({ everyTimepoints: 1, eachPosition: true });
  });

  it('is routed to start_acquisition with the schedule in its plan', () => {
    const routed = routeMicroscopeRequest('film DAPI every 6 min for 4 h, autofocus every time point', { acquisitionRunning: false, earlier: [] });
    expect(routed && 'tool' in routed ? routed.tool : undefined).toBe('start_acquisition');
    expect(((routed as unknown as { args: { plan: unknown } }).args.plan as { autofocusPlan?: unknown }).autofocusPlan).toEqual({ everyTimepoints: 1, eachPosition: false });
  });

  it('a condition on the focus is still no schedule, nor a focus lock', () => {
    expect(() => parseAcquisitionRequest('image GFP every 5 min for 2 h, refocus if the focus drifts')).toThrow(/autofocus schedule|conditions/);
    expect(() => parseAcquisitionRequest('image GFP every 5 min for 2 h with perfect focus on')).toThrow(/nothing was started/);
  });
});

describe('an autofocus schedule on a running acquisition', () => {
  it('every Nth time point', () => {
    // ("turn the autofocus on, every 3rd frame": the schedule said after a comma, as an aside, stop 48)
    for (const words of ['autofocus every 3rd frame', 'AF every 3 time points from now on', 'refocus every third frame please', 'turn the autofocus on, every 3rd frame', 'switch AF on, every 3 frames']) {
      expect(changes(words, dapi), words).toEqual([{ kind: 'autofocusSchedule', everyTimepoints: 3 }]);
    }
  });

  it('every time point', () => {
    for (const words of ['refocus before each time point', 'autofocus every frame', 'do an AF at each timepoint']) {
      expect(changes(words, dapi), words).toEqual([{ kind: 'autofocusSchedule', everyTimepoints: 1 }]);
    }
  });

  it('every span of time (the acquisition turns it into time points at its interval)', () => {
    for (const words of ['AF every 10 min', 'autofocus every 10 minutes', 'refocus once every 10 min']) {
      expect(changes(words, dapi), words).toEqual([{ kind: 'autofocusSchedule', everyS: 600 }]);
    }
    expect(changes('autofocus every hour at each position', dapi)).toEqual([{ kind: 'autofocusSchedule', everyS: 3600, eachPosition: true }]);
  });

  it('stopped, never the run stopped', () => {
    for (const words of ['stop autofocusing', 'no more autofocus', 'turn off the AF', 'autofocus off', 'stop the autofocus please']) {
      expect(changes(words, dapi), words).toEqual([{ kind: 'noAutofocusSchedule' }]);
    }
  });

  it('a one-time autofocus stays one, and a vague "keep autofocusing" is asked', () => {
    expect(changes('autofocus', dapi)).toEqual([{ kind: 'autofocus' }]);
    expect(changes('refocus now', dapi)).toEqual([{ kind: 'autofocus' }]);
    expect(changes('autofocus once', dapi)).toEqual([{ kind: 'autofocus' }]);
    expect(asked('keep the autofocus on throughout', dapi)).toMatch(/how often should I autofocus/i);
  });

  it('reads only the words around the autofocus word', () => {
    expect(autofocusScheduleSaid('image every 6 min, refocus every 2nd frame')).toMatchObject({ everyTimepoints: 2 });
    expect(autofocusScheduleSaid('image every 6 min')).toBeUndefined();
    expect(autofocusScheduleSaid('refocus whenever the focus drifts every 10 min')).toBeUndefined();
  });
});
