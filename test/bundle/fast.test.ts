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

describe('runFastBundle', () => {
  it('runs fast.cjs written wrapped as a CommonJS function, and one of a bundle built before it was (plain CommonJS)', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { FAST_FILE, FAST_WRAP_HEAD, FAST_WRAP_TAIL, runFastBundle } = await import('../../src/bundle/fast.mjs');
    const body = (n: number) => `globalThis.__fastRan = [${n}, typeof module.exports, __filename.endsWith('fast.cjs'), typeof require];`;
    for (const [n, text] of [[1, FAST_WRAP_HEAD + body(1) + FAST_WRAP_TAIL], [2, body(2)]] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'cellpilot-fast-'));
      try {
        writeFileSync(join(dir, FAST_FILE), text);
        await runFastBundle(dir, 'test');
        expect((globalThis as { __fastRan?: unknown }).__fastRan).toEqual([n, 'object', true, 'function']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
