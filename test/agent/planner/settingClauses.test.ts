import { beforeAll, describe, expect, it } from 'vitest';
import { settingsAlone } from '../../../src/agent/planner/settingClauses.ts';
import { argsOf, loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a clause that only states settings is the setting of the step asked in another clause', () => {
  it('reads settings said after "use" or "with", joined by "and", with what they are for', () => {
    expect(settingsAlone('use a sigma of 2 for smoothing and min area of 30 px, then segment')).toEqual(['use a sigma of 2 for smoothing and min area of 30 px']);
    expect(settingsAlone('use min area 40 px and max area 900 px; segment the cells')).toEqual(['use min area 40 px and max area 900 px']);
    // a step with its own object is no setting
    expect(settingsAlone('use the u-net for the nuclei and track them')).toEqual([]);
  });

  it('gives the settings to the step that takes them, never to the tool a setting\'s word names', () => {
    // (before: denoise with patchSizePx 30 from the "min area", and segment with nothing)
    expect(toolsOf('use a sigma of 2 for smoothing and min area of 30 px, then segment')).toEqual(['segment']);
    expect(argsOf('use a sigma of 2 for smoothing and min area of 30 px, then segment', 'segment')).toMatchObject({ sigmaPx: 2, minAreaPx: 30 });
    expect(argsOf('use min area 40 px and max area 900 px; segment the cells', 'segment')).toMatchObject({ minAreaPx: 40, maxAreaPx: 900 });
    // a step asked with its setting keeps it
    expect(toolsOf('denoise with sigma 2, then segment')).toEqual(['denoise', 'segment']);
  });
});
