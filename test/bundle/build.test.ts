// The command bundle on a small project of its own (a temporary folder): it runs while it
// matches the sources, is bypassed (and rebuilt in the background) as soon as one changes,
// and keeps each module's own import.meta.url and its modules named by URL.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliBundle, ensureCliBundle, modulesNamedByUrl, scanSources } from '../../src/bundle/build.mjs';
import { cacheDir, freshBundle } from '../../src/bundle/manifest.mjs';

const START = pathToFileURL(fileURLToPath(new URL('../../src/bundle/start.mjs', import.meta.url))).href;
const hasEsbuild = await import('esbuild').then(
  () => true,
  () => false,
);

let root: string;
let clock = Date.now() / 1000 - 3600;

/** Writes a project file with a new modification time (edits within one clock tick must still count). */
function write(rel: string, text: string) {
  const path = join(root, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  clock += 5;
  utimesSync(path, clock, clock);
}

/** Waits for the build a stale start began in the background (no timing asserted: up to a minute on a loaded machine). */
async function backgroundBuild() {
  for (let i = 0; i < 600 && !freshBundle(root); i++) await new Promise((r) => setTimeout(r, 100));
  expect(freshBundle(root)).toBeDefined();
}

/** Runs the project's command line the way bin/cellpilot.js does. */
function run(env: NodeJS.ProcessEnv = {}) {
  const script = `const { startCli } = await import(${JSON.stringify(START)}); const how = await startCli(${JSON.stringify(root)}); console.error('ran from ' + how);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, CELLPILOT_NO_BUNDLE: '', ...env } });
  const ranFrom = /ran from (\w+)/.exec(r.stderr)?.[1];
  return { code: r.status, ranFrom, out: r.status === 0 ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

describe.skipIf(!hasEsbuild)('command bundle', { timeout: 120_000 }, () => {
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'cellpilot-bundle-'));
    write('package.json', '{ "type": "module" }\n');
    write('src/word.ts', "export const word: string = 'one';\n");
    write('src/kernel.ts', 'export const answer: number = 7;\n');
    write(
      'src/cli.ts',
      [
        "import { word } from './word.ts';",
        "const kernel = new URL('./kernel.ts', import.meta.url);",
        'const { answer } = await import(kernel.href);',
        'console.log(JSON.stringify({ word, here: import.meta.url, answer }));',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds the modules the sources name by URL, and the files whose import.meta.url or import(<expression>) it must keep', () => {
    expect(modulesNamedByUrl(root)).toEqual([join(root, 'src', 'kernel.ts')]);
    const { rewritten } = scanSources(root);
    expect(rewritten).toContain(join(root, 'src', 'cli.ts'));
    expect(rewritten).not.toContain(join(root, 'src', 'word.ts'));
  });

  it('runs from the bundle, where each module keeps its own URL and loads its URL-named modules', async () => {
    const built = await ensureCliBundle({ root });
    expect(built.reason).toBeUndefined();
    expect(built.bundle?.modules.get(pathToFileURL(join(root, 'src', 'kernel.ts')).href)).toMatch(/modules\/src\/kernel\.js$/);
    // its .js files are declared ES modules (else Node parses each as CommonJS first)
    expect(JSON.parse(readFileSync(join(built.bundle!.dir, 'package.json'), 'utf8'))).toEqual({ type: 'module' });
    const r = run();
    expect(r.ranFrom).toBe('bundle');
    expect(r.out).toEqual({ word: 'one', here: pathToFileURL(join(root, 'src', 'cli.ts')).href, answer: 7 });
  });

  it('runs the same from the sources when CELLPILOT_NO_BUNDLE=1', () => {
    const r = run({ CELLPILOT_NO_BUNDLE: '1' });
    expect(r.ranFrom).toBe('sources');
    expect(r.out).toEqual({ word: 'one', here: pathToFileURL(join(root, 'src', 'cli.ts')).href, answer: 7 });
  });

  it('never runs an outdated bundle: after an edit the sources run, and the next start runs the rebuilt bundle', async () => {
    write('src/word.ts', "export const word: string = 'two';\n");
    expect(freshBundle(root)).toBeUndefined();
    const r = run();
    expect(r.ranFrom).toBe('sources');
    expect(r.out.word).toBe('two');
    await backgroundBuild();
    const next = run();
    expect(next.ranFrom).toBe('bundle');
    expect(next.out.word).toBe('two');
  });

  it('an edited module named by URL (a worker kernel) makes the bundle stale too', async () => {
    write('src/kernel.ts', 'export const answer: number = 8;\n');
    expect(freshBundle(root)).toBeUndefined();
    expect(run().out.answer).toBe(8);
    await backgroundBuild();
    expect(run()).toMatchObject({ ranFrom: 'bundle', out: { answer: 8 } });
  });

  it('while another process is building, runs the current sources and starts no second build', async () => {
    write('src/word.ts', "export const word: string = 'three';\n");
    const lock = join(cacheDir(root), 'cli.lock');
    writeFileSync(lock, '');
    try {
      const r = run();
      expect(r.ranFrom).toBe('sources');
      expect(r.out.word).toBe('three');
      expect((await buildCliBundle({ root })).reason).toMatch(/another process/);
    } finally {
      unlinkSync(lock);
    }
  });

  it('a deleted input makes the bundle stale', async () => {
    expect((await ensureCliBundle({ root })).bundle).toBeDefined();
    write('src/extra.ts', 'export const extra = 1;\n');
    write('src/cli.ts', "import { extra } from './extra.ts';\nconsole.log(JSON.stringify({ extra }));\n");
    expect((await ensureCliBundle({ root })).bundle).toBeDefined();
    unlinkSync(join(root, 'src', 'extra.ts'));
    expect(freshBundle(root)).toBeUndefined();
  });

  it('a source that does not compile: no bundle, one reason naming the file, no retry until a file changes; tsx reports the error', async () => {
    write('src/cli.ts', 'const x: number = ;\n');
    const failed = await buildCliBundle({ root });
    expect(failed.reason).toMatch(/src\/cli\.ts:1: /);
    expect(existsSync(join(cacheDir(root), 'cli-failed.json'))).toBe(true);
    expect((await ensureCliBundle({ root })).reason).toMatch(/last build failed/);
    const r = run();
    expect(r.ranFrom).toBeUndefined();
    expect(r.code).not.toBe(0);
    write('src/cli.ts', "console.log(JSON.stringify({ word: 'fixed' }));\n");
    expect(run().out.word).toBe('fixed');
    await backgroundBuild();
    expect(run()).toMatchObject({ ranFrom: 'bundle', out: { word: 'fixed' } });
  });
});

// The fast start of `cellpilot tool` (src/bundle/fast.mjs): one CommonJS file with a V8 code
// cache per command; a module with top-level await below a dynamic import stays in the ESM
// chunks; a damaged file falls back to the chunks before the command starts.
describe.skipIf(!hasEsbuild)('fast start of `tool`', { timeout: 120_000 }, () => {
  let fastRoot: string;
  const runTool = (env: NodeJS.ProcessEnv = {}) => {
    const script = `const { startCli } = await import(${JSON.stringify(START)}); const how = await startCli(${JSON.stringify(fastRoot)}); console.error('ran from ' + how);`;
    // process.argv[2] is the command, as for bin/cellpilot.js
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, 'cellpilot', 'tool'], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, CELLPILOT_NO_BUNDLE: '', ...env } });
    const ranFrom = /ran from (\w+)/.exec(r.stderr)?.[1];
    const line = r.stdout.trim().split('\n').pop();
    return { code: r.status, ranFrom, out: line ? JSON.parse(line) : undefined, stderr: r.stderr };
  };
  beforeAll(() => {
    fastRoot = mkdtempSync(join(tmpdir(), 'cellpilot-fast-'));
    const put = (rel: string, text: string) => {
      mkdirSync(join(fastRoot, rel, '..'), { recursive: true });
      writeFileSync(join(fastRoot, rel), text);
    };
    put('package.json', '{ "type": "module" }\n');
    put('src/cli.ts', ["const commands: Record<string, () => Promise<{ run(): Promise<void> }>> = { tool: () => import('./commands/tool.ts'), chat: () => import('./commands/chat.ts') };", 'void commands[process.argv[2] ?? process.argv[1]]?.().then((m) => m.run());'].join('\n'));
    put('src/commands/chat.ts', "export async function run(): Promise<void> { console.log(JSON.stringify({ chat: true })); }\n");
    put('src/commands/tool.ts', ["import { word } from '../word.ts';", 'export async function run(): Promise<void> {', "  const { waited } = await import('../waits.ts');", '  console.log(JSON.stringify({ word, waited, here: import.meta.url }));', '}'].join('\n'));
    put('src/word.ts', "export const word: string = 'fast';\n");
    // top-level await: cannot be CommonJS, loads from the ESM chunks
    put('src/waits.ts', "export const waited: number = await Promise.resolve(42);\n");
  });
  afterAll(() => rmSync(fastRoot, { recursive: true, force: true }));

  it('runs `tool` from the CommonJS file, the module with top-level await from the chunks, and keeps a code cache', async () => {
    const built = await ensureCliBundle({ root: fastRoot });
    expect(built.reason).toBeUndefined();
    expect(built.bundle?.fast).toMatch(/fast\.cjs$/);
    const manifest = JSON.parse(readFileSync(join(cacheDir(fastRoot), 'cli.json'), 'utf8'));
    expect(manifest.fastEsmOnly).toEqual(['src/waits.ts']);
    const cache = join(built.bundle!.dir, 'fast-tool.cache');
    expect(existsSync(cache)).toBe(false);
    const first = runTool();
    expect(first).toMatchObject({ code: 0, ranFrom: 'fast', out: { word: 'fast', waited: 42, here: pathToFileURL(join(fastRoot, 'src', 'commands', 'tool.ts')).href } });
    expect(first.stderr).not.toMatch(/Warning/);
    expect(existsSync(cache)).toBe(true);
    expect(runTool()).toMatchObject({ code: 0, ranFrom: 'fast', out: { word: 'fast', waited: 42 } });
    expect(runTool({ CELLPILOT_FAST_START: '0' })).toMatchObject({ code: 0, ranFrom: 'bundle', out: { word: 'fast', waited: 42 } });
  });

  it('a damaged CommonJS file or code cache: the command still runs, from the chunks or compiled afresh', async () => {
    const built = await ensureCliBundle({ root: fastRoot });
    writeFileSync(join(built.bundle!.dir, 'fast-tool.cache'), 'not a code cache');
    expect(runTool()).toMatchObject({ code: 0, ranFrom: 'fast', out: { word: 'fast', waited: 42 } });
    writeFileSync(built.bundle!.fast!, 'this is not JavaScript (');
    expect(runTool()).toMatchObject({ code: 0, ranFrom: 'bundle', out: { word: 'fast', waited: 42 } });
  });
});
