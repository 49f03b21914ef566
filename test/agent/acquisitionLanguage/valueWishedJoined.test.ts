// A change said without its amount, the amount wished for in a sentence of its own, is one change (brief s53/M, issue 11).
import { describe, expect, it } from 'vitest';
import { valueWishedJoined } from '../../../src/agent/acquisitionLanguage/sentences.ts';
import { changes } from './runningAcquisition.ts';

describe('valueWishedJoined', () => {
  it('joins a sentence that is only an amount wished for to the change before', () => {
    expect(valueWishedJoined('make the interval shorter? 2 min would be good')).toBe('make the interval shorter, 2 min would be good');
    expect(valueWishedJoined('lower the 488. Maybe 5%?')).toBe('lower the 488, Maybe 5%');
  });

  it('leaves sentences that say more, or a change that has its amount', () => {
    expect(valueWishedJoined('set GFP to 10%. 20 ms for DAPI')).toBe('set GFP to 10%. 20 ms for DAPI');
    expect(valueWishedJoined('interval to 2 min. 5% would be good')).toBe('interval to 2 min. 5% would be good');
  });

  it('routes the joined change with its amount while imaging', () => {
    expect(changes('make the interval shorter? 2 min would be good')).toContainEqual({ kind: 'interval', intervalS: 120 });
  });
});
