import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MOCKING_FILES } from './mockingFiles.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Does this source text replace a module (vi.mock or vi.doMock called, not merely named in a comment)? */
function mocksAModule(text: string): boolean {
  return text.split('\n').some((line) => /^\s*(?:await\s+)?vi\.(?:do)?[mM]ock\(/.test(line));
}

describe('the files that run isolated', () => {
  it('are every test file that mocks a module, and no other', () => {
    const files = readdirSync(join(ROOT, 'test'), { recursive: true }).map(String).filter((f) => /\.test\.tsx?$/.test(f) && !f.startsWith('e2e/'));
    const mocking = files.filter((f) => mocksAModule(readFileSync(join(ROOT, 'test', f), 'utf8'))).map((f) => `test/${f}`).sort();
    expect(mocking).toEqual([...MOCKING_FILES].sort());
  });

  it('recognises a call of vi.mock or vi.doMock, not a mention', () => {
    expect(mocksAModule("vi.mock('../a.ts', () => ({}));")).toBe(true);
    expect(mocksAModule("  vi.doMock('../a.ts');")).toBe(true);
    expect(mocksAModule('// a file that calls vi.mock( runs isolated')).toBe(false);
    expect(mocksAModule('vi.fn()')).toBe(false);
  });
});
