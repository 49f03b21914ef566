// The calibration options of `cellpilot run`: a number in the option's unit, or a number with
// its own unit converted ("--interval-s 5min" was refused although the help says "5 min apart").
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { positive, run } from '../../src/commands/run.ts';

const LENGTH = { nm: 0.001, um: 1, 'µm': 1 };
const TIME = { s: 1, min: 60, h: 3600 };

describe('run calibration options', () => {
  it('takes a bare number in the option\'s unit, and converts a unit written after it', () => {
    expect(positive('300', '--interval-s', 'seconds', TIME)).toBe(300);
    expect(positive('5min', '--interval-s', 'seconds', TIME)).toBe(300);
    expect(positive(' 2 h ', '--interval-s', 'seconds', TIME)).toBe(7200);
    expect(positive('30 s', '--interval-s', 'seconds', TIME)).toBe(30);
    expect(positive('650nm', '--pixel-size-um', 'micrometres', LENGTH)).toBe(0.65);
    expect(positive('0.65 µm', '--pixel-size-um', 'micrometres', LENGTH)).toBe(0.65);
    expect(positive('0.65UM', '--pixel-size-um', 'micrometres', LENGTH)).toBe(0.65);
    expect(positive(undefined, '--pixel-size-um', 'micrometres', LENGTH)).toBeUndefined();
  });

  it('refuses an unknown unit naming the ones it knows, and a value that is no positive number', () => {
    expect(() => positive('5 fortnights', '--interval-s', 'seconds', TIME)).toThrow(/--interval-s: unknown unit "fortnights" in "5 fortnights" \(seconds\); write a number, or one with s, min, h/);
    expect(() => positive('-2', '--interval-s', 'seconds', TIME)).toThrow(/--interval-s needs a positive number \(seconds\), got "-2"/);
    expect(() => positive('0', '--pixel-size-um', 'micrometres', LENGTH)).toThrow(/positive number/);
    expect(() => positive('abc', '--pixel-size-um', 'micrometres', LENGTH)).toThrow(/positive number/);
  });
});

describe('run --out', () => {
  it('refuses a file as --out in one line before any movie starts (it said "cannot create ... EEXIST ... mkdir")', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-run-out-'));
    const file = join(dir, 'cells.tif');
    writeFileSync(file, 'not a folder');
    const pipeline = fileURLToPath(new URL('../../pipelines/nuclei-tracking.yaml', import.meta.url));
    await expect(run([pipeline, join(dir, 'other.tif'), '--out', file])).rejects.toThrow(/^--out .*cells\.tif is a file: give a folder for the results/);
  });
});
