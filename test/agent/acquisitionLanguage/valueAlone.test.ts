// A value said alone to the running acquisition: its unit names the setting, or it is asked back (brief s54/M).
import { describe, expect, it } from 'vitest';
import { valueAlone } from '../../../src/agent/acquisitionLanguage/valueAlone.ts';

describe('a value said alone', () => {
  it('is the interval for seconds and minutes', () => {
    expect(valueAlone('10 min would be better', {})).toEqual({ change: { kind: 'interval', intervalS: 600 } });
    expect(valueAlone("let's do 30 s", {})).toEqual({ change: { kind: 'interval', intervalS: 30 } });
  });
  it('is the one channel imaged for ms and %, asked with several', () => {
    expect(valueAlone('50 ms please', { channels: ['FITC'] })).toEqual({ change: { kind: 'exposure', exposureMs: 50, channel: 'FITC' } });
    expect(valueAlone('5%', { channels: ['FITC'] })).toEqual({ change: { kind: 'power', powerPercent: 5, channel: 'FITC' } });
    expect(valueAlone('5% please', { channels: ['FITC', 'DAPI'] })).toHaveProperty('ask');
  });
  it('asks for hours, and leaves more words than a value alone', () => {
    expect(valueAlone('3 h', {})).toHaveProperty('ask');
    expect(valueAlone('10 min for the gfp', {})).toBeUndefined();
    expect(valueAlone('every 10 min', {})).toBeUndefined();
  });
});
