import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_SHARED_FOLDERS, folderFiles, ISOLATED_FILES, NEEDS_ISOLATION } from './sharedFiles.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** The test files of the shared folders, from the repository root. */
function sharedFolderFiles(): string[] {
  return ALL_SHARED_FOLDERS.flatMap((folder) => folderFiles(ROOT, folder)).sort();
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
    const files = new Set(sharedFolderFiles());
    expect(Object.keys(ISOLATED_FILES).filter((f) => !existsSync(join(ROOT, f)) || !files.has(f))).toEqual([]);
  });

  it('finds a module mock, a measured session, another catalogue and a memory reading in a text', () => {
    const needs = (text: string) => NEEDS_ISOLATION.filter((n) => n.pattern.test(text)).length;
    expect(needs("vi.mock('../../src/x.ts', () => ({}))")).toBe(1);
    expect(needs("import { afterMeasuring } from './measuredSession.ts';")).toBe(1);
    expect(needs("import { afterMeasuring, removeMeasuredSessions } from './measuredSession.ts';\nafterAll(removeMeasuredSessions);")).toBe(0);
    expect(needs("import { afterMeasuring, removeMeasuredSessions } from './measuredSession.ts';\nafterAll(() => undefined);")).toBe(1);
    expect(needs('const catalogue = catalogueFromTools([...ALL_TOOLS, countFoci]);')).toBe(1);
    expect(needs('export const catalogue = catalogueFromTools(ALL_TOOLS);')).toBe(0);
    expect(needs('const rssBytes = process.memoryUsage().rss;')).toBe(1);
    expect(needs("import { it } from 'vitest';")).toBe(0);
    expect(needs('process.env.CELLPILOT_DIRECT_IO = "0";')).toBe(1);
    expect(needs('delete process.env.CELLPILOT_MODELS;')).toBe(1);
    expect(needs("if (process.env.CELLPILOT_NO_DRIFT_KERNEL !== '1') {")).toBe(0);
    expect(needs("const { loadModel } = await import('../../src/onnx/index.ts'); await loadModel(key);")).toBe(1);
    expect(needs("process.on('warning', onWarning);")).toBe(1);
    expect(needs('const started = performance.now();')).toBe(1);
    expect(needs('if (Date.now() > end) throw new Error();')).toBe(1);
    expect(needs('const stamp = new Date().toISOString();')).toBe(0);
    expect(needs('describeEvalPart(3);')).toBe(1);
  });

  it("takes a folder's subfolders, or with '/*' only the files directly in it", () => {
    const direct = folderFiles(ROOT, 'test/agent/*');
    expect(direct).toContain('test/agent/loop.test.ts');
    expect(direct.filter((f) => f.startsWith('test/agent/planner/'))).toEqual([]);
    expect(folderFiles(ROOT, 'test/agent/')).toContain('test/agent/planner/accounted.test.ts');
  });
});
