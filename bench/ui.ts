// Benchmark: how fast the chat answers a person. Spawns the real `node bin/cellpilot.js`
// (the chat under a pseudo-terminal made by util-linux `script`) and measures
//   - `cellpilot --help`, spawn to exit;
//   - the chat's first paint (spawn to the header on screen), module by module and from
//     the pre-built bundle (src/ui/fastStart.ts), and spawn to the agent being ready;
//   - keystroke echo while a tool runs (a 50-frame simulation) vs while idle.
// Peers measured in the same run: bare `node -e 0` and `node --import tsx -e 0` (the
// floor any TypeScript CLI started this way pays), and the idle echo for typing.
// Reports medians; the machine's load average is printed because it skews wall times.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const CLI = join(ROOT, 'bin', 'cellpilot.js');
const RUNS = Number(process.env.BENCH_UI_RUNS ?? 5);
const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]/g, '');

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : NaN;
}

function timeExit(command: string, args: string[]): number {
  const t0 = performance.now();
  spawnSync(command, args, { stdio: 'ignore', cwd: ROOT });
  return performance.now() - t0;
}

interface ChatRun {
  paintMs: number;
  readyMs: number;
  echoIdleMs?: number[];
  echoBusyMs?: number[];
}

/** One chat under `script`: times to the header and to the agent, optionally typing tests. */
function chatRun(env: Record<string, string>, sessions: string, typing: boolean): Promise<ChatRun> {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    // script's pseudo-terminal starts with no size: give it one, as a terminal window would
    const child = spawn('script', ['-qfec', `stty cols 120 rows 40; exec node ${CLI}`, '/dev/null'], {
      cwd: sessions,
      env: { ...process.env, ...env, CELLPILOT_SESSIONS: sessions, TERM: 'xterm-256color', COLUMNS: '120', LINES: '40' },
    });
    let screen = '';
    const result: Partial<ChatRun> = {};
    const waiters: { test: (s: string) => boolean; resolve: () => void }[] = [];
    const waitFor = (test: (s: string) => boolean) => new Promise<void>((r) => (test(screen) ? r() : waiters.push({ test, resolve: r })));
    child.stdout.on('data', (chunk: Buffer) => {
      screen += stripAnsi(chunk.toString('utf8'));
      if (result.paintMs === undefined && screen.includes('model:')) result.paintMs = performance.now() - t0;
      for (const w of [...waiters]) if (w.test(screen)) waiters.splice(waiters.indexOf(w), 1), w.resolve();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the chat did not finish in time; screen:\n${screen.slice(-2000)}`));
    }, 180_000);
    child.on('exit', () => {
      clearTimeout(timer);
      if (result.paintMs === undefined || result.readyMs === undefined) reject(new Error(`the chat exited early; screen:\n${screen.slice(-2000)}`));
      else resolvePromise(result as ChatRun);
    });
    const echo = async (label: string): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 1; i <= 8; i++) {
        const typed = `${label}${'k'.repeat(i)}`;
        const from = screen.length;
        const t = performance.now();
        child.stdin.write(i === 1 ? typed : 'k');
        await waitFor((s) => s.slice(from).includes(typed));
        times.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 120));
      }
      child.stdin.write('\x15'); // ctrl-u: clear the line
      await new Promise((r) => setTimeout(r, 300)); // (a write right after would arrive as one chunk)
      return times;
    };
    (async () => {
      await waitFor((s) => /session: \d{8}-/.test(s));
      result.readyMs = performance.now() - t0;
      if (typing) {
        result.echoIdleMs = await echo('idle');
        child.stdin.write('simulate a movie with 30 nuclei over 50 frames\r');
        await waitFor((s) => /\d+\/50 frames/.test(s));
        result.echoBusyMs = await echo('busy');
        await waitFor((s) => /✓ simulate_movie/.test(s));
      }
      child.stdin.write('/quit\r');
    })().catch(reject);
  });
}

export async function run(): Promise<void> {
  const sessions = mkdtempSync(join(tmpdir(), 'cellpilot-bench-ui-'));
  try {
    if (spawnSync('script', ['--version']).status !== 0) {
      console.log('bench ui: skipped, util-linux `script` (a pseudo-terminal for the chat) is not installed');
      return;
    }
    const load = loadavg()[0].toFixed(1);
    const { buildChatUiBundle } = await import(pathToFileURL(join(ROOT, 'src', 'ui', 'fastStart.ts')).href);
    const nodeBare = median(Array.from({ length: RUNS }, () => timeExit(process.execPath, ['-e', '0'])));
    const nodeTsx = median(Array.from({ length: RUNS }, () => timeExit(process.execPath, ['--import', 'tsx', '-e', '0'])));
    const help = median(Array.from({ length: RUNS }, () => timeExit(process.execPath, [CLI, '--help'])));

    const cold: ChatRun[] = [];
    for (let i = 0; i < RUNS; i++) cold.push(await chatRun({ CELLPILOT_NO_BUNDLE: '1' }, sessions, false));
    // make sure the bundle exists, then measure starts that paint from it before tsx loads
    const built = await buildChatUiBundle();
    const warm: ChatRun[] = [];
    if (built) for (let i = 0; i < RUNS; i++) warm.push(await chatRun({}, sessions, i === 0));
    const typing = warm[0] ?? (await chatRun({ CELLPILOT_NO_BUNDLE: '1' }, sessions, true));

    const rows: [string, number, string, number][] = [
      ['cellpilot --help (spawn to exit)', help, 'node -e 0', nodeBare],
      ['cellpilot --help (spawn to exit)', help, 'node --import tsx -e 0', nodeTsx],
      ['chat first paint, module by module', median(cold.map((r) => r.paintMs)), 'node --import tsx -e 0', nodeTsx],
    ];
    if (warm.length) rows.push(['chat first paint, bundle before tsx', median(warm.map((r) => r.paintMs)), 'node --import tsx -e 0', nodeTsx]);
    rows.push(['chat agent ready (header with session)', median((warm.length ? warm : cold).map((r) => r.readyMs)), 'node --import tsx -e 0', nodeTsx]);
    rows.push(['keystroke echo while simulate_movie runs', median(typing.echoBusyMs ?? []), 'keystroke echo, idle', median(typing.echoIdleMs ?? [])]);

    console.log(`bench ui: medians of ${RUNS} runs; load average ${load} on ${spawnSync('nproc').stdout?.toString().trim()} cores (wall times grow with load)`);
    console.log(`${'measure'.padEnd(44)} ${'ours ms'.padStart(9)}  ${'peer'.padEnd(24)} ${'peer ms'.padStart(9)} ${'ratio'.padStart(7)}`);
    for (const [what, ours, peer, theirs] of rows) {
      console.log(`${what.padEnd(44)} ${ours.toFixed(0).padStart(9)}  ${peer.padEnd(24)} ${theirs.toFixed(0).padStart(9)} ${(ours / theirs).toFixed(2).padStart(7)}`);
    }
    console.log(`target: --help and first paint < 500 ms; the bundle ${built ? 'was built' : 'could not be built (esbuild missing)'}`);
  } finally {
    rmSync(sessions, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
