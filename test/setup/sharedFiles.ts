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

/**
 * The folders whose test files share a thread too (project `tools-shared`). Stop 34: the tools, microscope, pipeline,
 * UI, bench and model-training tests, and the files directly in test/agent ('/*': not its subfolders, which are the
 * planner's). test/tools alone cost 77 s of CPU in a fresh process per file, 37 s on a shared thread (the same 141
 * tests). Not test/commands or test/cli: their time is in the cellpilot processes they start, which run side by side
 * in forks and would wait for each other on the threads (vitest runs the shared projects' files one after another on
 * vitest.config.ts SHARED_THREADS threads, beside the two forks), for the little a shared import would save.
 */
export const TOOLS_SHARED_FOLDERS = ['test/tools/', 'test/microscope/', 'test/pipelines/', 'test/ui/', 'test/bench/', 'test/models/', 'test/agent/*'];

/** Every folder of the shared projects. */
export const ALL_SHARED_FOLDERS = [...SHARED_FOLDERS, ...UNIT_SHARED_FOLDERS, ...TOOLS_SHARED_FOLDERS];

/** Each file of those folders that runs in a process of its own, with why it cannot share. */
export const ISOLATED_FILES: Record<string, string> = {
  'test/agent/planner/builders.test.ts': "plans with a catalogue of its own (a tool added): the planner keeps module-wide caches built from a catalogue (toolIndex.ts, normalise.ts by tool names; enums.ts by word and names), not yet shown to be keyed so that no later file reads this one's entries",
  'test/agent/planner/roles.test.ts': 'plans with a catalogue of other tools (see builders)',
  'test/analysis/nlmeans.test.ts': 'runs onnxruntime (native code) itself: kept to a process of its own until shown safe on a shared thread',
  'test/analysis/seg-shape.test.ts': 'runs onnxruntime (see nlmeans)',
  'test/analysis/segmentModel.test.ts': 'sets CELLPILOT_MODELS and runs onnxruntime (see nlmeans)',
  'test/analysis/segmentModel-scale.test.ts': 'mocks a module and runs onnxruntime (see nlmeans)',
  'test/analysis/segmentModel-settings.test.ts': 'spies on a function and runs onnxruntime (see nlmeans)',
  'test/tools/models.test.ts': 'sets CELLPILOT_MODELS and runs onnxruntime (see nlmeans)',
  'test/ui/backend.test.ts': 'sets environment variables the backend reads',
  'test/ui/app.test.tsx': 'waits on the wall clock for screens to settle (Date.now): files before it on the thread would slow it',
  'test/bench/harnessEnv.test.ts': 'sets environment variables the bench harness reads',
  'test/microscope/engine.test.ts': 'measures the wall-clock time of simulated acquisitions (performance.now)',
  'test/microscope/sequence.test.ts': 'measures wall-clock time (performance.now)',
  'test/agent/loop.test.ts': "cancels a step from a 50 ms timer: failed on the shared thread (2 of 3 orders), whether a race with the step or state another file left, not yet found",
  'test/agent/evals-part-1.test.ts': 'an eval part (see evalParts.ts)',
  'test/agent/evals-part-2.test.ts': 'an eval part (see evalParts.ts)',
  'test/agent/evals-part-3.test.ts': 'an eval part (see evalParts.ts)',
  'test/agent/evals-part-4.test.ts': 'an eval part (see evalParts.ts)',
  'test/agent/evals.test.ts': 'sets TMPDIR and CELLPILOT_* variables',
  'test/agent/agentTools.test.ts': 'sets CELLPILOT_PIPELINES',
  'test/agent/commandHint.test.ts': 'sets PATH',
  'test/agent/openai.test.ts': 'sets and deletes environment variables and reads the wall clock',
  'test/agent/planner.test.ts': 'plans with a catalogue of its own (see builders)',
  'test/agent/artifacts.test.ts': 'reads the process-wide count of bytes hashed',
  'test/agent/provenance.test.ts': 'reads the process-wide count of bytes hashed and the wall clock',
  'test/agent/provenanceUserCache.test.ts': 'sets CELLPILOT_CACHE_DIR and reads the count of bytes hashed',
  'test/agent/session.test.ts': 'sets OPENAI_API_KEY and runs onnxruntime',
  'test/image/bombs.test.ts': "reads the process's memory use and listens to process events",
  'test/image/tiff/directRead.test.ts': 'sets CELLPILOT_DIRECT_IO, which every movie read in the process obeys while it is set',
};

/** What in a test file's text makes it need a process of its own. */
export const NEEDS_ISOLATION: { pattern: RegExp; why: string }[] = [
  { pattern: /\bvi\.(mock|doMock|unmock|resetModules|spyOn|stubEnv|stubGlobal|useFakeTimers)\(/, why: 'replaces modules, functions, globals or the clock' },
  // (a file that imports measuredSession.ts shares a thread when it removes the sessions' folder in its own afterAll: the
  // folder is made once per module registry, so a module-level afterAll ran in the first importing file alone)
  { pattern: /^(?![\s\S]*\bafterAll\(removeMeasuredSessions\))[\s\S]*from '\.\/measuredSession\.ts'/, why: "imports measuredSession.ts without removing its folder in the file's own afterAll (afterAll(removeMeasuredSessions))" },
  { pattern: /\bcatalogueFromTools\((?!ALL_TOOLS\))/, why: "plans with a catalogue other than every tool (the planner's module-wide caches built from a catalogue are not yet shown safe to share)" },
  { pattern: /\bhashingReads\b/, why: 'reads the process-wide count of bytes hashed' },
  { pattern: /\bmemoryUsage\(|\bprocess\.chdir\(/, why: "reads the process's memory use or changes its folder" },
  { pattern: /\bprocess\.env\.\w+\s*=(?!=)|\bdelete process\.env\b/, why: 'sets environment variables, which every module in the process reads while they are set' },
  { pattern: /\bonnx\b|\bloadModel\(/, why: 'runs onnxruntime (native code) itself: kept to a process of its own until shown safe on a shared thread' },
  { pattern: /\bprocess\.on(ce)?\(/, why: 'listens to process events' },
  { pattern: /\bperformance\.now\(|\bDate\.now\(/, why: 'reads the wall clock: a timing that the files before it on the same thread could change' },
  { pattern: /\bdescribeEvalPart\(/, why: "an eval part: a long file that runs in a fork beside the others and reads the report folder of the unit project's globalSetup" },
];

/** The test files of one folder entry (from the repository root): 'test/x/' every file under it, 'test/x/*' only those directly in it. */
export function folderFiles(root: string, folder: string): string[] {
  const direct = folder.endsWith('/*');
  const dir = direct ? folder.slice(0, -1) : folder;
  return readdirSync(join(root, dir), { recursive: !direct, withFileTypes: false })
    .map((f) => `${dir}${String(f)}`)
    .filter((f) => /\.test\.tsx?$/.test(f));
}

/** The test files that run on a shared thread (from `root`, the repository root): the folders' (by default the planner's) less the isolated. */
export function sharedFiles(root: string, folders: string[] = SHARED_FOLDERS): string[] {
  return folders.flatMap((folder) => folderFiles(root, folder).filter((f) => !(f in ISOLATED_FILES))).sort();
}
