import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { shuffled } from './test/setup/fileOrder.ts';
import { sharedFiles, TOOLS_SHARED_FOLDERS, UNIT_SHARED_FOLDERS } from './test/setup/sharedFiles.ts';

/**
 * Files known to be long (the eval parts) start first, then vitest's order (failed first, then
 * longest by its cache of durations, else largest): a long file started last would leave the
 * other fork idle at the end, and on a fresh checkout there is no cache to say which are long.
 * Given `--sequence.seed=N`, the files run in an order drawn from N instead: files that share a
 * thread meet other files before them, which shows a file that depends on what ran before it.
 */
class LongFilesFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const seed = this.ctx.config.sequence.seed;
    if (seed !== undefined) return shuffled(files, seed);
    const sorted = await super.sort(files);
    const long = (f: TestSpecification) => /evals-part-\d+\.test\.ts$/.test(f.moduleId);
    return [...sorted.filter(long), ...sorted.filter((f) => !long(f))];
  }
}

/** What every unit file runs with, in either project below. */
const COMMON = {
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // the per-user hash cache (src/agent/provenance.ts) is off: each test hashes as it means to,
  // and nothing is written to the user's ~/.cache; tests of that cache turn it on in a temp folder
  env: { CELLPILOT_CACHE_DIR: '' },
};
/**
 * V8 flags of each fork: garbage collected on the fork's own thread. `npm test` runs on 2 cores with two forks, the shared
 * thread and tsc busy at once, so V8's helper threads for parallel and concurrent collection had no idle core to run on and
 * cost CPU waking and waiting for each other (an eval file's system CPU was mostly futex calls). Stop 36: an executed
 * eval file (tuning-questions-people-13, 95 cases), two pairs run side by side under the same load: 35.1 s of CPU ->
 * 29.6 s and 30.7 s -> 29.6 s.
 * (`npm test` gives vitest's own process, which runs the shared threads, and tsc the same flag.)
 */
const FORK_EXEC_ARGV = ['--single-threaded-gc'];
/**
 * Threads of the shared projects (each keeps its loaded modules from file to file of one project). Stop 54: on one thread
 * the three projects were the run's longest serial path: in a loaded run the two forks had ended the four eval parts and
 * half their other files while the thread was half through planner-shared, with unit-shared and tools-shared still to
 * come, so on 2 cores the last minutes of the vitest part ran that thread alone beside an idle core. On two threads the
 * shared work is split like the forks' and the four workers keep both cores busy to the end, for one more loading of the
 * modules per project (each thread loads what its files import).
 */
const SHARED_THREADS = 2;
const ROOT = fileURLToPath(new URL('.', import.meta.url));
const SHARED = sharedFiles(ROOT);
const UNIT_SHARED = sharedFiles(ROOT, UNIT_SHARED_FOLDERS);
const TOOLS_SHARED = sharedFiles(ROOT, TOOLS_SHARED_FOLDERS);

// Unit and integration tests run two files at a time, each in a fresh process (forks). The
// end-to-end tests in test/e2e drive the real binary (tmux, timing-dependent screens) and run
// afterwards on their own (vitest.e2e.config.ts), so other files' load cannot starve them.
//
// The planner and acquisition-language tests (test/setup/sharedFiles.ts says which) run meanwhile one after another on
// threads that keep their loaded modules (project planner-shared): a fresh process per file
// spent a few seconds of CPU loading the planner and its words for tests that plan in milliseconds.
// The image, analysis, simulator and plot tests do the same (project unit-shared): a fresh
// process per file spent about as much CPU starting and loading modules as testing (89 files: 220 s of CPU -> 120 s).
// The tools, microscope, pipeline, UI, bench and agent tests (the files directly in test/agent) share them too (project
// tools-shared, stop 34): test/tools alone spent 77 s of CPU in a fresh process per file, 37 s on one thread. (Vitest runs
// the three shared projects one after another, each project's files on SHARED_THREADS threads, beside the two forks.)
// Each must leave process.env as it found it (test/setup/envUnchanged.ts).
export default defineConfig({
  test: {
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1, execArgv: FORK_EXEC_ARGV }, threads: { maxThreads: SHARED_THREADS, minThreads: 1, isolate: false } },
    sequence: { sequencer: LongFilesFirst },
    // (a project's include and exclude are its own: with `extends: true` they would add to the root's)
    projects: [
      {
        test: {
          ...COMMON,
          name: 'unit',
          pool: 'forks',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/e2e/**', 'node_modules/**', ...SHARED, ...UNIT_SHARED, ...TOOLS_SHARED],
          // the eval suites run as several files (test/agent/evals-part-N.test.ts) whose scores meet in this run's folder
          globalSetup: ['test/agent/evalReports.globalSetup.ts'],
        },
      },
      {
        test: {
          ...COMMON,
          name: 'planner-shared',
          pool: 'threads',
          include: SHARED,
          poolOptions: { threads: { isolate: false } },
          setupFiles: ['test/setup/envUnchanged.ts'],
        },
      },
      {
        test: {
          ...COMMON,
          name: 'unit-shared',
          pool: 'threads',
          include: UNIT_SHARED,
          poolOptions: { threads: { isolate: false } },
          setupFiles: ['test/setup/envUnchanged.ts'],
        },
      },
      {
        test: {
          ...COMMON,
          name: 'tools-shared',
          pool: 'threads',
          include: TOOLS_SHARED,
          poolOptions: { threads: { isolate: false } },
          setupFiles: ['test/setup/envUnchanged.ts'],
        },
      },
    ],
  },
});
