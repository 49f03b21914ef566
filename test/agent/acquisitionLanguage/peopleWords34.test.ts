// Microscope commands in people's words (brief s34/B): a polite ask opens a pause as "please" does ("can you pause for
// 10 min" pauses for 10 min, not until resumed); a setting of the run said to stay as it is ("keep the interval as is",
// "don't touch the z-stack") is no change and no part left unread beside the change asked with it.
import { describe, expect, it } from 'vitest';
import { parseAdjustment } from '../../../src/agent/acquisitionLanguage/index.ts';

describe('a pause asked politely', () => {
  it('keeps its span', () => {
    for (const words of ['can you pause for 10 min', 'could you please pause for 10 minutes', 'would you pause it for 10 min?']) {
      expect(parseAdjustment(words), words).toEqual([{ kind: 'pause', forS: 600 }]);
    }
    expect(parseAdjustment('can you pause')).toEqual([{ kind: 'pause' }]);
  });
});

describe('a setting said to stay as it is', () => {
  it('is no part left unread beside a change', () => {
    expect(parseAdjustment('keep the interval as is but add Cy5')).toEqual([expect.objectContaining({ kind: 'addChannel', channel: 'Cy5' })]);
    expect(parseAdjustment("don't touch the z-stack, just drop DAPI")).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
    expect(parseAdjustment('leave the exposure times unchanged and go to every 10 min')).toEqual([{ kind: 'interval', intervalS: 600 }]);
  });

  it('still leaves a part it does not read asked about', () => {
    expect(() => parseAdjustment('keep the interval as is but frobnicate the stage')).toThrow(/understood|could not/);
  });
});
