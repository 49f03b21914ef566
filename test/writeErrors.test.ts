// A full disk or a read-only folder: one line that names the file and what to do, never
// "ENOSPC: no space left on device, write", and nothing half-written left beside the results.
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../src/analysis/table.ts';
import { exitCodeOf, oneLine } from '../src/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-write-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasDevFull = existsSync('/dev/full');
if (!hasDevFull) console.warn('skipping the full-disk write test: /dev/full is absent');

const sysError = (code: string, syscall: string, path: string, text: string) => Object.assign(new Error(`${code}: ${text}, ${syscall} '${path}'`), { code, syscall, path });

describe('write errors in words', () => {
  it.skipIf(!hasDevFull)('a CSV written on a full disk: the error names the CSV, the disk is full, and no .partial is left', () => {
    const out = join(dir, 'tracks.csv');
    // the temporary file is /dev/full: every write to it fails with ENOSPC, as on a full disk
    symlinkSync('/dev/full', `${out}.partial`);
    let caught: unknown;
    try {
      writeTableCsv(out, { columns: ['a'], rows: [{ a: 1 }] });
    } catch (err) {
      caught = err;
    }
    expect((caught as { code?: string }).code).toBe('ENOSPC');
    expect(oneLine(caught)).toBe(`cannot write ${out}: the disk is full; free some space or write to another disk; nothing half-written was kept`);
    expect(readdirSync(dir)).not.toContain('tracks.csv.partial');
    expect(existsSync(out)).toBe(false);
  });

  it('a folder that cannot be made under a read-only one names the read-only folder (Node says ENOENT)', () => {
    const err = sysError('ENOENT', 'mkdir', join(dir, 'results', 'movie-1'), 'no such file or directory');
    expect(oneLine(err)).toBe(`cannot create the folder ${join(dir, 'results', 'movie-1')}: ${dir} is read-only or not writable; choose a folder you can write to`);
  });

  it('a read-only file system: the file the writer stood for, not its temporary name; exit 2 (a place to change)', () => {
    const err = sysError('EROFS', 'open', '/data/ro/.labels.tif.9904-0-we6k7aas.tmp', 'read-only file system');
    expect(oneLine(err)).toBe('cannot write /data/ro/labels.tif: the file system is read-only; choose a folder you can write to');
    expect(exitCodeOf(err)).toBe(2);
    // inside a message that already names the file: the reason replaces the code, the path is not repeated
    expect(oneLine(new Error(`segment failed: cannot write /data/ro/labels.tif: ${err.message}`))).toBe('segment failed: cannot write /data/ro/labels.tif: the file system is read-only; choose a folder you can write to');
  });
});
