import { describe, expect, it } from 'vitest';
import { asciiRegexes } from '../../src/bundle/fast.mjs';

/** Runs a script that returns an array of results (what the bundle's code would compute). */
const run = (code: string) => new Function(code)() as unknown[];

describe('asciiRegexes (fast.cjs loads as a one-byte string)', () => {
  it('writes non-ASCII characters of regular expressions (strings are escaped already) as escapes that match the same text', async () => {
    const code = String.raw`const s = "x \u00d7 3 \u00b5m \u201cquoted\u201d \\\u00b5 \ud83d\ude00 \u0394";
return [/[“”]([^“”]+)[“”]/.exec(s)?.[1], /(\d+)\s*(?:x|×)\s*(\d+)/.test("2 \u00d7 3"), /\µ/.test("\u00b5"), /\\µ/.test(s), /😀/u.test(s), /[😀]/u.test(s), /^(?:Δ|delta)$/i.test("\u0394"), s.replace(/µ/g, "u")];`;
    const escaped = await asciiRegexes(code);
    expect(escaped).not.toBe(code);
    expect(/[^\x00-\x7f]/.test(escaped)).toBe(false);
    expect(run(escaped)).toEqual(run(code));
  });

  it('leaves the text as it is when a non-ASCII character lies outside a regular expression (raw template text)', async () => {
    const code = 'const s = String.raw`µm`; return [s, /µ/.test(s)];';
    expect(await asciiRegexes(code)).toBe(code);
  });

  it('leaves ASCII text alone', async () => {
    expect(await asciiRegexes('return [1 / 2, /a\\/b/.source];')).toBe('return [1 / 2, /a\\/b/.source];');
  });
});
