import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

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

// Unit and integration tests run two files at a time. The end-to-end tests in test/e2e
// drive the real binary (tmux, timing-dependent screens) and run afterwards on their own
// (vitest.e2e.config.ts), so other files' load cannot starve them.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // the per-user hash cache (src/agent/provenance.ts) is off: each test hashes as it means to,
    // and nothing is written to the user's ~/.cache; tests of that cache turn it on in a temp folder
    env: { CELLPILOT_CACHE_DIR: '' },
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // the eval suites run as several files (test/agent/evals-part-N.test.ts) whose scores meet in this run's folder
    globalSetup: ['test/agent/evalReports.globalSetup.ts'],
    sequence: { sequencer: LongFilesFirst },
  },
});
