// A setting switched off in any everyday form (brief s36/B): "disable X", "deactivate X", "turn X off", "switching off X",
// in a clause of its own after the step, turns that step's setting off and keeps the step (never "I did not understand",
// never the step left out); a pronoun keeps its place, and a microscope channel turned off reads as before.
import { beforeAll, describe, expect, it } from 'vitest';
import { normalisedRequest, withSwitchingOffSaidPlainly } from '../../../src/agent/planner/normalise.ts';
import { catalogue, loadAcquisitionWords, movieAndLabels, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const planned = (words: string, artifacts?: Parameters<typeof plan>[1]) => plan(normalisedRequest(words, catalogue), artifacts);

describe('a verb of switching off in its other forms', () => {
  it('is said as "turn off" before its object', () => {
    expect(withSwitchingOffSaidPlainly('segment but turn the watershed off')).toBe('segment but turn off the watershed');
    expect(withSwitchingOffSaidPlainly('switch gap closing off please')).toBe('switch off gap closing please');
    expect(withSwitchingOffSaidPlainly('segment and disable the watershed')).toBe('segment and turn off the watershed');
    expect(withSwitchingOffSaidPlainly('track, deactivating gap closing')).toBe('track, turn off gap closing');
  });

  it('leaves a pronoun and other words alone', () => {
    expect(withSwitchingOffSaidPlainly('turn it off')).toBe('turn it off');
    expect(withSwitchingOffSaidPlainly('the light was turned off')).toBe('the light was turned off');
  });
});

describe('a setting switched off in a clause after its step', () => {
  it('turns that setting off and keeps the step', () => {
    for (const words of ['segment and disable the watershed', 'segment but turn the watershed off', 'segment, turning off the watershed', 'Segment the nuclei; deactivate the watershed please', 'segment and switch off the watershed']) {
      const p = planned(words);
      expect(p.steps.map((s) => s.tool), words).toEqual(['segment']);
      expect(p.steps[0].args.splitTouching, words).toBe(false);
    }
    for (const words of ['track and disable gap closing', 'track them, gap closing off', 'track, switching gap closing off']) {
      const p = planned(words, movieAndLabels);
      expect(p.steps.find((s) => s.tool === 'track')?.args.allowGapClosing, words).toBe(false);
    }
  });

  it('still leaves out a step the words switch off whole', () => {
    expect(planned('segment, disable tracking').steps.map((s) => s.tool)).toEqual(['segment']);
  });
});
