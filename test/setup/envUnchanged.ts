// Files share a fork and its process (vitest.config.ts: isolate off), so an environment variable a
// file sets and leaves set would reach the files run after it there. Each file must leave process.env
// as it found it: this setup file, run before every test file, fails the file that does not.
import { afterAll, expect } from 'vitest';

/** Variables vitest itself sets per file and worker. */
const OWN = /^VITEST|^TINYPOOL/;

/** The names of the variables whose values differ between two copies of the environment (vitest's own left out), sorted. */
export function changedVariables(before: Record<string, string | undefined>, after: Record<string, string | undefined>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => !OWN.test(name) && before[name] !== after[name]).sort();
}

// taken when the setup file runs: before the test file's own top-level code, which may set a variable it restores in afterAll
const found = { ...process.env };
afterAll(() => {
  expect(changedVariables(found, { ...process.env }), 'environment variables this file left changed (files after it in its fork would see them)').toEqual([]);
});
