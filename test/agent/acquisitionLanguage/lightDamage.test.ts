// Light damage said as a worry while imaging ("the cells look stressed", "we're frying them"): no amount is said, so
// nothing changes and the answer names what would lower the dose; never a stop, never "not understood".
import { describe, expect, it } from 'vitest';
import { AmbiguousCommand, parseAdjustment } from '../../../src/agent/acquisitionLanguage/index.ts';

const NOW = { intervalS: 300, durationS: 43200, positions: 2 };
const SUBJECTS = ['the cells', 'they', 'my HeLa cells'];
const WORRIES = ['look stressed', 'are blebbing', 'are rounding up', "don't look happy", 'look unhappy'];

describe('light damage said as a worry', () => {
  it('asks how to lower the dose and changes nothing', () => {
    for (const said of [...SUBJECTS.flatMap((s) => WORRIES.map((w) => `${s} ${w}`)), "I think we're frying them", 'we are cooking the sample']) {
      let asked: unknown;
      try {
        parseAdjustment(said, undefined, NOW);
      } catch (err) {
        asked = err;
      }
      expect(asked, said).toBeInstanceOf(AmbiguousCommand);
      expect((asked as Error).message, said).toMatch(/lower the dose.*power.*exposure.*less often/);
    }
  });

  it('a command said with the worry is that command, the worry its reason', () => {
    expect(parseAdjustment("cut the DAPI power in half, it's phototoxic", undefined, NOW)).toEqual([{ kind: 'powerFactor', factor: 0.5, channel: 'DAPI' }]);
    expect(parseAdjustment('stop the mCherry, the cells are getting fried', undefined, NOW)).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }]);
  });

  it('a change said with phototoxicity or bleaching as its reason is made, not answered with the dose so far', () => {
    expect(parseAdjustment("halve the DAPI power, it's phototoxic", undefined, NOW)).toEqual([{ kind: 'powerFactor', factor: 0.5, channel: 'DAPI' }]);
    expect(parseAdjustment('halve the 488 power because of phototoxicity', undefined, NOW)).toEqual([{ kind: 'powerFactor', factor: 0.5, channel: 'FITC' }]);
    expect(parseAdjustment('double the interval, the GFP is photobleaching', undefined, NOW)).toEqual([expect.objectContaining({ kind: 'intervalFactor', factor: 2 })]);
    expect(parseAdjustment('how much phototoxicity have we had so far?', undefined, NOW)).toEqual([{ kind: 'status', about: 'dose' }]);
  });

  it('with an amount said, the amount is the change', () => {
    expect(parseAdjustment('the cells look stressed, 488 to 5%', undefined, NOW)).toContainEqual(expect.objectContaining({ kind: 'power', powerPercent: 5 }));
  });
});
