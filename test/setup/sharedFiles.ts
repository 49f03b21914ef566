// The unit test files that run one after another on a thread that keeps its loaded modules (the
// `planner-shared` project of vitest.config.ts): the planner and acquisition-language tests, which read requests in memory and
// spend most of a fresh process's time loading the planner or the language and their words. Every other unit file runs in
// a fresh process of its own. A planner test belongs in ISOLATED_FILES when it depends on state that a
// file before it in the same thread would change: sharedFiles.test.ts finds the kinds it can see in the
// text and fails on a shared file of that kind left out.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The folders whose test files share a thread (from the repository root, ending in '/'). The acquisition language's
 * tests joined the planner's at stop 32: in a fresh process each, its 26 parser files cost 42 s of CPU, 11 s on the
 * shared thread (the same 564 tests), most of it loading the language and its words again for every file.
 */
export const SHARED_FOLDERS = ['test/agent/planner/', 'test/agent/acquisitionLanguage/'];

/** Each file of those folders that runs in a process of its own, with why it cannot share. */
export const ISOLATED_FILES: Record<string, string> = {
  'test/agent/planner/askedUnitsSweep.test.ts': "imports measuredSession.ts, whose folder is made once per module registry and removed by the first importing file's afterAll",
  'test/agent/planner/judgementQuestions.test.ts': 'imports measuredSession.ts (see askedUnitsSweep)',
  'test/agent/planner/plainWordQuestions.test.ts': 'imports measuredSession.ts (see askedUnitsSweep)',
  'test/agent/planner/scopedQuestions.test.ts': 'imports measuredSession.ts (see askedUnitsSweep)',
  'test/agent/planner/tableAnswersPerCell.test.ts': 'imports measuredSession.ts (see askedUnitsSweep)',
  'test/agent/planner/stepsOfTracks.test.ts': 'imports measuredSession.ts (see askedUnitsSweep)',
  'test/agent/planner/tableAnswersAtScope.test.ts': 'imports measuredSession.ts (see askedUnitsSweep)',
  'test/agent/planner/builders.test.ts': "plans with a catalogue of its own (a tool added): the planner keeps module-wide caches built from a catalogue (toolIndex.ts, normalise.ts by tool names; enums.ts by word and names), not yet shown to be keyed so that no later file reads this one's entries",
  'test/agent/planner/roles.test.ts': 'plans with a catalogue of other tools (see builders)',
};

/** What in a test file's text makes it need a process of its own. */
export const NEEDS_ISOLATION: { pattern: RegExp; why: string }[] = [
  { pattern: /\bvi\.(mock|doMock|unmock|resetModules|spyOn|stubEnv|stubGlobal|useFakeTimers)\(/, why: 'replaces modules, functions, globals or the clock' },
  { pattern: /from '\.\/measuredSession\.ts'/, why: "imports measuredSession.ts (its folder is made once per module registry and removed by the first importer's afterAll)" },
  { pattern: /\bcatalogueFromTools\((?!ALL_TOOLS\))/, why: "plans with a catalogue other than every tool (the planner's module-wide caches built from a catalogue are not yet shown safe to share)" },
  { pattern: /\bhashingReads\b/, why: 'reads the process-wide count of bytes hashed' },
  { pattern: /\bmemoryUsage\(|\bprocess\.chdir\(/, why: "reads the process's memory use or changes its folder" },
];

/** The test files that run on the shared thread (from `root`, the repository root): the shared folders' less the isolated. */
export function sharedFiles(root: string): string[] {
  return SHARED_FOLDERS.flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true })
      .map((f) => `${folder}${String(f)}`)
      .filter((f) => /\.test\.tsx?$/.test(f) && !(f in ISOLATED_FILES)),
  ).sort();
}
