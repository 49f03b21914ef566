// A fault said by its verb ("signal is lost") asked "how much" is how much of that fault there is.
import { beforeAll, describe, expect, it } from 'vitest';
import { faultNamedByItsNoun } from '../../../src/agent/planner/faultByItsVerb.ts';
import { loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a fault said by its verb', () => {
  const faults = ['signal loss', 'intensity decay', 'drift'];
  it('is named by its noun', () => {
    expect(faultNamedByItsNoun('how much signal is lost by the last frame?', faults)).toBe('how much signal loss is there by the last frame?');
    expect(faultNamedByItsNoun('how much has the intensity decayed', faults)).toBe('how much intensity decay is there?');
    expect(faultNamedByItsNoun('how much signal loss is there?', faults)).toBeUndefined();
    expect(faultNamedByItsNoun('how much is the area changing?', faults)).toBeUndefined();
  });
  it('is measured by the step that removes it, no segmentation', () => {
    expect(toolsOf('how much signal is lost by the last frame?')).toEqual(['correct_bleach']);
  });
});
