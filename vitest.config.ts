import { defineConfig } from 'vitest/config';

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
  },
});
