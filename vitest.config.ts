import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { MOCKING_FILES } from './test/setup/mockingFiles.ts';

/**
 * Files known to be long (the eval parts) start first, then vitest's order (failed first, then
 * longest by its cache of durations, else largest): a long file started last would leave the
 * other fork idle at the end, and on a fresh checkout there is no cache to say which are long.
 */
class LongFilesFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const long = (f: TestSpecification) => /evals-part-\d+\.test\.ts$/.test(f.moduleId);
    return [...sorted.filter(long), ...sorted.filter((f) => !long(f))];
  }
}

/** What every unit file runs with, in either project below. */
const COMMON = {
  exclude: ['test/e2e/**', 'node_modules/**'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // the per-user hash cache (src/agent/provenance.ts) is off: each test hashes as it means to,
  // and nothing is written to the user's ~/.cache; tests of that cache turn it on in a temp folder
  env: { CELLPILOT_CACHE_DIR: '' },
  pool: 'forks' as const,
  // fails a file that leaves an environment variable changed for the files after it in its fork
  setupFiles: ['test/setup/envUnchanged.ts'],
};

// Unit and integration tests run two files at a time. The end-to-end tests in test/e2e
// drive the real binary (tmux, timing-dependent screens) and run afterwards on their own
// (vitest.e2e.config.ts), so other files' load cannot starve them.
export default defineConfig({
  test: {
    // A fork runs file after file without re-loading the modules they share (the planner, the tools,
    // vite-node's transforms): a fresh fork and module registry per file cost ~1.2 s of CPU each, some
    // 6 minutes of the 2-core suite. Tests restore the environment variables they set; a file that
    // mocks a module runs isolated (the second project), on a module registry of its own.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1, isolate: false } },
    sequence: { sequencer: LongFilesFirst },
    // (a project's include and exclude are its own: with `extends: true` they would add to the root's)
    projects: [
      {
        test: {
          ...COMMON,
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: [...COMMON.exclude, ...MOCKING_FILES],
          poolOptions: { forks: { isolate: false } },
          // the eval suites run as several files (test/agent/evals-part-N.test.ts) whose scores meet in this run's folder
          globalSetup: ['test/agent/evalReports.globalSetup.ts'],
        },
      },
      { test: { ...COMMON, name: 'unit-isolated', include: MOCKING_FILES, poolOptions: { forks: { isolate: true } } } },
    ],
  },
});
