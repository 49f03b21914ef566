import { defineConfig } from 'vitest/config';

// End-to-end tests: the real `cellpilot` binary in tmux and through `cellpilot tool`,
// one file at a time, after the rest of the suite (see vitest.config.ts).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    // A tmux server can fail to start when the previous file's server is still going away
    // ("server exited unexpectedly"); one retry of the whole test, not of an assertion.
    retry: 1,
  },
});
