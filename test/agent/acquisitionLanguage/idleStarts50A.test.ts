// Starts on an idle microscope in people's words (brief s50/A): a run's length said by an idiom ("for the weekend",
// "overnight") is taken to be its usual length and said; a fraction of a length unit ("half a millimetre") is a figure as
// a fraction of a time unit is; an end "until tomorrow 9am" / "until 9am tomorrow" is an end, never a start for tomorrow;
// positions from a list made before ("the positions I saved") are named as not applied, never dropped in silence.
import { describe, expect, it } from 'vitest';
import { assumedSpanSaid, withoutAssumedSpans } from '../../../src/agent/acquisitionLanguage/assumedSpans.ts';
import { parseAcquisitionRequest, timeSpans } from '../../../src/agent/acquisitionLanguage/requests.ts';
import { clockEndsAsSpans } from '../../../src/agent/acquisitionLanguage/clockTimes.ts';
import { savedPositionsSaid } from '../../../src/agent/acquisitionLanguage/savedPositions.ts';
import { dayToCome } from '../../../src/agent/acquisitionLanguage/tense.ts';
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

describe('an end on a day to come', () => {
  it('reads the day said before the time', () => {
    const { text, notes } = clockEndsAsSpans('image 640 every 2 min until tomorrow 9am');
    expect(notes.join(' ')).toMatch(/^09:00 tomorrow is /);
    expect(text).not.toMatch(/tomorrow/);
  });
  it('is no start for that day', () => {
    expect(dayToCome('image DAPI every 5 min until 9am tomorrow')).toBeUndefined();
    expect(dayToCome('tomorrow I want DAPI every 5 min for 2 h')).toBe('tomorrow');
  });
});

describe('positions from a list made before', () => {
  it('names the list the words point at', () => {
    expect(savedPositionsSaid('use the positions I saved and image GFP every 10 min')).toBe('positions I saved');
    expect(savedPositionsSaid('image GFP every 10 min at the positions in my XY list')).toBe('my XY list');
    expect(savedPositionsSaid('GFP every 5 min at (100, 200) and (900, 200)')).toBeUndefined();
  });
  it('says in the start that they were not applied', () => {
    expect(parseAcquisitionRequest('image all the saved positions in mCherry every 5 min for 1 h').notes?.join(' ')).toMatch(/Not applied: "all the saved positions"/);
    expect(parseAcquisitionRequest('mCherry every 5 min for 1 h at (100, 200) and (900, 200)').notes ?? []).toEqual([]);
  });
});

describe('a snap of each channel named', () => {
  it('takes each channel\'s own exposure and power, never the first one\'s', async () => {
    const { snapsOfOtherChannels } = await import('../../../src/agent/acquisitionLanguage/snapEach.ts');
    const { DEMO_CONFIG } = await import('../../../src/microscope/config.ts');
    expect(snapsOfOtherChannels('snap brightfield with 20 ms then GFP with 200 ms', { channel: 'Brightfield', exposureMs: 20 }, DEMO_CONFIG)).toEqual([{ channel: 'FITC', exposureMs: 200 }]);
    expect(snapsOfOtherChannels('snap GFP and mCherry at 100 ms', { channel: 'FITC', exposureMs: 100 }, DEMO_CONFIG)).toEqual([{ channel: 'Rhodamine', exposureMs: 100 }]);
    expect(snapsOfOtherChannels('snap DAPI at 50 ms, then GFP', { channel: 'DAPI', exposureMs: 50 }, DEMO_CONFIG)).toEqual([{ channel: 'FITC' }]);
  });
});
