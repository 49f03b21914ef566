// Words of hurry around a request are how fast, never what: left out before any reader, so the plan is the plain request's.
import { beforeAll, describe, expect, it } from 'vitest';
import { withoutHurry } from '../../../src/agent/planner/hurryWords.ts';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('withoutHurry', () => {
  it('leaves out a hurried opening and closing', () => {
    expect(withoutHurry('pls segment the nuclei asap')).toBe('segment the nuclei');
    expect(withoutHurry('quick q: how many nuclei are there?')).toBe('how many nuclei are there?');
    expect(withoutHurry('export the tracks as CSV, quick pls')).toBe('export the tracks as CSV');
    expect(withoutHurry('urgent: denoise channel 1 - urgent')).toBe('denoise channel 1');
    expect(withoutHurry('track them asap thx')).toBe('track them');
  });

  it('keeps "as soon as" with a condition, a quick look, and a request that is nothing else', () => {
    expect(withoutHurry('as soon as you see a mitosis go to 20 s intervals')).toBe('as soon as you see a mitosis go to 20 s intervals');
    expect(withoutHurry('take a quick look at the drift')).toBe('take a quick look at the drift');
    expect(withoutHurry('asap')).toBe('asap');
  });

  it('plans a hurried request as the plain one', () => {
    expect(asSaid.toolsOf('export the tracks as CSV, TrackMate XML and a CTC folder, quick pls')).toEqual(asSaid.toolsOf('export the tracks as CSV, TrackMate XML and a CTC folder'));
    expect(asSaid.argsOf('predict the nuclei from the brightfield asap pls', 'predict_label')).toEqual(asSaid.argsOf('predict the nuclei from the brightfield', 'predict_label'));
  });
});
