// A word cut short ("thresh", "gauss", "interp") of a value a tool offers or a word it declares is that word,
// never a method of its own named as not applied. The requests are generated from every tool's own
// declarations: each allowed value long enough to shorten, said cut short after one of the tool's examples.
import { beforeAll, describe, expect, it } from 'vitest';
import { allowedValues, selfOf } from '../../../src/agent/planner/catalogue.ts';
import { isShortenedForm } from '../../../src/agent/planner/english.ts';
import { catalogue, loadAcquisitionWords, said } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

/** The value cut to a little over half its letters, as a hurried writer does ("gaussian" → "gauss"). */
const cutShort = (value: string) => value.slice(0, Math.max(4, Math.ceil(value.length / 2) + 1));

/** One request per analysis tool and each of its values of eight letters or more: its first example, "with" the value cut short. */
function shortenedRequests(): { request: string; short: string }[] {
  const out: { request: string; short: string }[] = [];
  for (const [tool, info] of catalogue) {
    const self = selfOf(tool, catalogue);
    const example = self?.examples?.find((e) => !/[?]/.test(e));
    if (!example || self?.domain === 'microscope') continue;
    for (const p of Object.values(info.properties)) {
      for (const value of allowedValues(p).filter((v) => /^[a-z]{8,}$/.test(v))) out.push({ request: `${example.replace(/[.!]+$/, '')} with ${cutShort(value)}`, short: cutShort(value) });
    }
  }
  return out;
}

describe('words cut short', () => {
  it('reads a word as cut short only from its opening letters, at least four and half of it, never a name in capitals', () => {
    expect(isShortenedForm('thresh', 'threshold')).toBe(true);
    expect(isShortenedForm('Gauss', 'gaussian')).toBe(true);
    expect(isShortenedForm('interp', 'interpolation')).toBe(false);
    expect(isShortenedForm('interpol', 'interpolation')).toBe(true);
    expect(isShortenedForm('max', 'maximum')).toBe(false);
    expect(isShortenedForm('CARE', 'careful')).toBe(false);
    expect(isShortenedForm('thresh', 'thresh')).toBe(false);
    expect(isShortenedForm('shold', 'threshold')).toBe(false);
  });

  it('names no value said cut short as a method not applied (generated from every tool\'s allowed values)', () => {
    const requests = shortenedRequests();
    expect(requests.length).toBeGreaterThan(5);
    const named = requests.filter(({ request, short }) => new RegExp(`"[^"]*\\b${short}\\b[^"]*"`, 'i').test(said(request)));
    expect(named.map((r) => r.request)).toEqual([]);
  });

  it('keeps naming a method the tool lacks, and one written in capitals', () => {
    expect(said('denoise the movie with CARE')).toMatch(/"CARE"/);
    expect(said('segment the nuclei with the Sauvola method')).toMatch(/Sauvola/);
  });

  it('reads a shortened word of the method\'s own kind as that kind, in several phrasings', () => {
    for (const request of ['segment the nuclei using otsu thresh', 'seg nuclei w/ li thresh, then track them', 'threshold the cells with a triangle thresh', 'denoise with a Gauss filter', 'denoise it, gauss filter please']) {
      expect(said(request), request).not.toMatch(/"[^"]*\b(?:thresh|gauss)\b[^"]*"/i);
    }
  });
});
