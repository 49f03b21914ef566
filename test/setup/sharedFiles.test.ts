import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_SHARED_FOLDERS, ISOLATED_FILES, NEEDS_ISOLATION } from './sharedFiles.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** The test files of the shared folders, from the repository root. */
function sharedFolderFiles(): string[] {
  return ALL_SHARED_FOLDERS.flatMap((folder) =>
    readdirSync(join(ROOT, folder), { recursive: true })
      .map((f) => `${folder}${String(f)}`)
      .filter((f) => /\.test\.tsx?$/.test(f)),
  ).sort();
}

describe('files that share a thread', () => {
  it('lists as isolated every file of the shared folders whose text shows it needs a process of its own', () => {
    const missing = sharedFolderFiles()
      .filter((f) => !(f in ISOLATED_FILES))
      .flatMap((f) => {
        const text = readFileSync(join(ROOT, f), 'utf8');
        return NEEDS_ISOLATION.filter((n) => n.pattern.test(text)).map((n) => `${f}: ${n.why}`);
      });
    expect(missing).toEqual([]);
  });

  it('names as isolated only files that exist in a shared folder', () => {
    expect(Object.keys(ISOLATED_FILES).filter((f) => !existsSync(join(ROOT, f)) || !ALL_SHARED_FOLDERS.some((d) => f.startsWith(d)))).toEqual([]);
  });

  it('finds a module mock, a measured session, another catalogue and a memory reading in a text', () => {
    const needs = (text: string) => NEEDS_ISOLATION.filter((n) => n.pattern.test(text)).length;
    expect(needs("vi.mock('../../src/x.ts', () => ({}))")).toBe(1);
    expect(needs("import { afterMeasuring } from './measuredSession.ts';")).toBe(1);
    expect(needs('const catalogue = catalogueFromTools([...ALL_TOOLS, countFoci]);')).toBe(1);
    expect(needs('export const catalogue = catalogueFromTools(ALL_TOOLS);')).toBe(0);
    expect(needs('const rssBytes = process.memoryUsage().rss;')).toBe(1);
    expect(needs("import { it } from 'vitest';")).toBe(0);
    expect(needs('process.env.CELLPILOT_DIRECT_IO = "0";')).toBe(1);
    expect(needs('delete process.env.CELLPILOT_MODELS;')).toBe(1);
    expect(needs("if (process.env.CELLPILOT_NO_DRIFT_KERNEL !== '1') {")).toBe(0);
    expect(needs("const { loadModel } = await import('../../src/onnx/index.ts'); await loadModel(key);")).toBe(1);
    expect(needs("process.on('warning', onWarning);")).toBe(1);
  });
});
