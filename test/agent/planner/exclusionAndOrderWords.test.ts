// "apart from X" leaves X out as "except X" does (never the calibration's "frames 5 min apart"); "and after to export"
// (a learner's "afterwards") puts the step after the one before it (stop 49, helper C).
import { beforeAll, describe, expect, it } from 'vitest';
import { withExclusionsSaidPlainly } from '../../../src/agent/planner/normalise.ts';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('"apart from"', () => {
  it('is "except", not a distance', () => {
    expect(withExclusionsSaidPlainly('apart from bleaching')).toBe('except bleaching');
    expect(withExclusionsSaidPlainly('the nuclei are far apart from each other')).toBe('the nuclei are far apart from each other');
  });
  it('turns the step down and sets no calibration', () => {
    const request = 'correct the drift and subtract the background - apart from bleaching, which is fine - then segment';
    expect(asSaid.toolsOf(request)).toEqual(['correct_drift', 'subtract_background', 'segment']);
    expect(asSaid.said(request)).toMatch(/Not run, as you asked: correct_bleach/);
  });
});

describe('"after" before an infinitive', () => {
  it('is "afterwards": the step comes after the one before it', () => {
    expect(asSaid.toolsOf('please to make segmentation with Li threshold and after to export the areas like csv')).toEqual(['segment', 'measure', 'export']);
    expect(asSaid.argsOf('please to make segmentation with Li threshold and after to export the areas like csv', 'segment')).toMatchObject({ method: 'li' });
  });
});
