// The test files that replace a module for their own run (vi.mock, vi.doMock). Files share a fork's
// loaded modules (vitest.config.ts: isolate off), where a module one file mocks may already be loaded
// for real by an earlier file, and a mock could reach later ones: these files run isolated instead,
// each on a module registry of its own (test/setup/mockingFiles.test.ts checks the list is whole).
export const MOCKING_FILES = ['test/analysis/segmentModel-scale.test.ts'];
