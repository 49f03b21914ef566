// A run's length said by an idiom ("for the weekend", "overnight") is taken to be its usual length and said; a fraction
// of a length unit ("half a millimetre") is a figure as a fraction of a time unit is (brief s50/A).
import { describe, expect, it } from 'vitest';
import { assumedSpanSaid, withoutAssumedSpans } from '../../../src/agent/acquisitionLanguage/assumedSpans.ts';
import { parseAcquisitionRequest, timeSpans } from '../../../src/agent/acquisitionLanguage/requests.ts';
import { normaliseText } from '../../../src/agent/acquisitionLanguage/words.ts';

describe('idioms of a run\'s length', () => {
  it('reads the weekend and the night as lengths, and nothing else', () => {
    expect(assumedSpanSaid('image mCherry every 30 min for the weekend')?.seconds).toBe(60 * 3600);
    expect(assumedSpanSaid('Cy5 every 20 min over the weekend')?.said).toBe('over the weekend');
    expect(assumedSpanSaid('GFP every 10 min all night')?.seconds).toBe(12 * 3600);
    expect(assumedSpanSaid('GFP every 10 min for 2 h')).toBeUndefined();
    expect(withoutAssumedSpans('every 5 min over the weekend').trim()).toBe('every 5 min');
  });
  it('gives a start its length, a span said beside it wins', () => {
    expect(timeSpans('image mCherry every 30 min for the weekend')).toEqual({ intervalS: 1800, durationS: 216000 });
    expect(timeSpans('every 30 min over the weekend, 40 h in total').durationS).toBe(40 * 3600);
  });
  it('says the length it took', () => {
    const plan = parseAcquisitionRequest('image mCherry every 30 min for the weekend');
    expect(plan.notes?.join(' ')).toMatch(/for the weekend" is assumed to mean 60 h/i);
  });
});

describe('a fraction of a length unit', () => {
  it('is a figure in the length symbol', () => {
    expect(normaliseText('move the stage up by half a millimetre')).toBe('move the stage up by 0.5 mm');
    expect(normaliseText('focus down a quarter of a micron')).toBe('focus down 0.25 µm');
    expect(normaliseText('pause for half a minute')).toBe('pause for 0.5 minute');
  });
});
