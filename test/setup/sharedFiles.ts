// The unit test files that run one after another on a thread that keeps its loaded modules: the planner and
// acquisition-language tests (project `planner-shared` of vitest.config.ts), which read requests in memory and spend most
// of a fresh process's time loading the planner or the language and their words; and the image, analysis, simulator and
// plot tests (project `unit-shared`), pure computation on small movies whose fresh processes spent about as much CPU
// starting and loading modules as testing. Every other unit file runs in a fresh process of its own. A planner test belongs in ISOLATED_FILES when it depends on state that a
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

/**
 * The folders whose test files share a second thread (project `unit-shared`). Stop 33: the 89 files of these folders
 * that can share cost 220 s of CPU in a fresh process each, 120 s on one thread (the same 569 tests).
 */
export const UNIT_SHARED_FOLDERS = ['test/analysis/', 'test/image/', 'test/sim/', 'test/plot/'];

/** Every folder of either shared project. */
export const ALL_SHARED_FOLDERS = [...SHARED_FOLDERS, ...UNIT_SHARED_FOLDERS];

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
  'test/analysis/nlmeans.test.ts': 'runs onnxruntime (native code) itself: kept to a process of its own until shown safe on a shared thread',
  'test/analysis/seg-shape.test.ts': 'runs onnxruntime (see nlmeans)',
  'test/analysis/segmentModel.test.ts': 'sets CELLPILOT_MODELS and runs onnxruntime (see nlmeans)',
  'test/analysis/segmentModel-scale.test.ts': 'mocks a module and runs onnxruntime (see nlmeans)',
  'test/analysis/segmentModel-settings.test.ts': 'spies on a function and runs onnxruntime (see nlmeans)',
  'test/image/bombs.test.ts': "reads the process's memory use and listens to process events",
  'test/image/tiff/directRead.test.ts': 'sets CELLPILOT_DIRECT_IO, which every movie read in the process obeys while it is set',
};

/** What in a test file's text makes it need a process of its own. */
export const NEEDS_ISOLATION: { pattern: RegExp; why: string }[] = [
  { pattern: /\bvi\.(mock|doMock|unmock|resetModules|spyOn|stubEnv|stubGlobal|useFakeTimers)\(/, why: 'replaces modules, functions, globals or the clock' },
  { pattern: /from '\.\/measuredSession\.ts'/, why: "imports measuredSession.ts (its folder is made once per module registry and removed by the first importer's afterAll)" },
  { pattern: /\bcatalogueFromTools\((?!ALL_TOOLS\))/, why: "plans with a catalogue other than every tool (the planner's module-wide caches built from a catalogue are not yet shown safe to share)" },
  { pattern: /\bhashingReads\b/, why: 'reads the process-wide count of bytes hashed' },
  { pattern: /\bmemoryUsage\(|\bprocess\.chdir\(/, why: "reads the process's memory use or changes its folder" },
  { pattern: /\bprocess\.env\.\w+\s*=(?!=)|\bdelete process\.env\b/, why: 'sets environment variables, which every module in the process reads while they are set' },
  { pattern: /\bonnx\b|\bloadModel\(/, why: 'runs onnxruntime (native code) itself: kept to a process of its own until shown safe on a shared thread' },
  { pattern: /\bprocess\.on(ce)?\(/, why: 'listens to process events' },
];

/** The test files that run on a shared thread (from `root`, the repository root): the folders' (by default the planner's) less the isolated. */
export function sharedFiles(root: string, folders: string[] = SHARED_FOLDERS): string[] {
  return folders.flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true })
      .map((f) => `${folder}${String(f)}`)
      .filter((f) => /\.test\.tsx?$/.test(f) && !(f in ISOLATED_FILES)),
  ).sort();
}
