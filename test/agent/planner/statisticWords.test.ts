// A statistic named beside a step that makes a table ("the median speed with the IQR") is computed by the answer from
// the rows: never named as a method the step lacks; a statistic a step that makes images lacks ("median projection") is.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, said } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('statistics asked of a table', () => {
  it('are no method a step lacks', () => {
    expect(said('track the nuclei and tell me the median speed with the IQR')).not.toMatch(/IQR"?\s*(?:—|:)|did not apply "IQR"|Not applied: "IQR"/);
    expect(said('measure the areas and give me the SEM')).not.toMatch(/Not applied: "SEM"|did not apply "SEM"/);
  });

  it('a statistic a step that makes images lacks is still named', () => {
    expect(said('do a median projection')).toMatch(/Not applied: "median projection"/);
  });
});
