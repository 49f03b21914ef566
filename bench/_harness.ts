// Shared harness for the benchmarks (not a benchmark itself: bench/index.ts skips files
// whose name starts with "_"). Every measurement runs in a fresh child process, ours and
// the peer's alternately (A B A B ...), and the median of each side is reported with the
// machine's load average beside it, so load from other work hits both sides alike and
// nothing one benchmark leaves in memory colours the next.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleDisabled, freshBundle } from '../src/bundle/manifest.mjs';

export const PYTHON = '/usr/bin/python3';

/**
 * The scikit-image peer's segmentation of one frame, as a competent Python user writes it: the recipe of
 * src/analysis/seg-plane.ts with its defaults (Gaussian sigma 2, Otsu, holes filled, min area 20, seeds
 * 4 px apart on the distance map smoothed by 1 px, watershed). Its script imports np, ndi, gaussian,
 * threshold_otsu, label, remove_small_objects, peak_local_max and watershed.
 */
export const PEER_SEGMENT_FRAME = String.raw`def segment(frame):
    img = gaussian(frame, sigma=2, mode='nearest', preserve_range=True)
    mask = ndi.binary_fill_holes(img > threshold_otsu(img))
    cc = remove_small_objects(label(mask), 20)
    mask = cc > 0
    d = gaussian(ndi.distance_transform_edt(mask), sigma=1, mode='nearest', preserve_range=True)
    d[~mask] = 0
    peaks = peak_local_max(d, min_distance=4, labels=cc, exclude_border=False)
    seeds = np.zeros(mask.shape, dtype=bool)
    seeds[tuple(peaks.T)] = True
    return remove_small_objects(watershed(-d, label(seeds), mask=mask), 20)
`;
export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const RUN_TS = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
export const CELLPILOT = fileURLToPath(new URL('../bin/cellpilot.js', import.meta.url));
const BUILD_BUNDLE = fileURLToPath(new URL('../src/bundle/build.mjs', import.meta.url));

/** One side of a comparison: a command line run in a fresh process. */
export interface Side {
  label: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Runs before each start, untimed (e.g. removes the previous output). */
  before?: () => void;
  /** A `cellpilot` command: the command bundle is made fresh before each run (untimed), as a user's second command finds it. */
  bundled?: boolean;
}

/** How long freshCommandBundle keeps trying to build the bundle while the sources keep changing. */
const BUNDLE_WAIT_S = Number(process.env.BENCH_BUNDLE_WAIT_S ?? 300);

/**
 * Builds the command bundle now when it is missing or stale (sources edited): a timed
 * `cellpilot` command must run from it, as every command after a user's first does, never
 * from the TypeScript sources through tsx. Throws when it cannot be built.
 */
export function freshCommandBundle(): void {
  if (bundleDisabled()) throw new Error('CELLPILOT_NO_BUNDLE=1 would time the commands from the sources; unset it to benchmark');
  let reason = '';
  // While others edit the sources, a build is often overtaken by a saved file or another build:
  // keep trying for up to BUNDLE_WAIT_S rather than failing a benchmark that ran for minutes.
  const until = Date.now() + BUNDLE_WAIT_S * 1000;
  for (let attempt = 0; (attempt < 5 || Date.now() < until) && !freshBundle(); attempt++) {
    const r = spawnSync(process.execPath, [BUILD_BUNDLE], { encoding: 'utf8', cwd: ROOT, timeout: 300_000 });
    if (r.status === 0) continue;
    reason = (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').pop() ?? '';
    // another process building it, or a file saved while it was built: wait and try again
    if (!/building|changed/.test(reason)) break;
    spawnSync('sleep', ['2']);
  }
  if (!freshBundle()) throw new Error(`the command bundle cannot be built, so the commands would be timed from the sources: ${reason}`);
}

/** A side that runs `node bin/cellpilot.js ARGS...`, the command a user types, from the command bundle. */
export function commandSide(label: string, args: string[], extra: Partial<Side> = {}): Side {
  return { label, command: process.execPath, args: [CELLPILOT, ...args], bundled: true, ...extra };
}

/** The `--only NAME[,NAME]` (or BENCH_ONLY) filter: true when a row of this key is to run. */
export function wanted(key: string): boolean {
  const i = process.argv.indexOf('--only');
  const list = (i >= 0 ? process.argv[i + 1] : process.env.BENCH_ONLY) ?? '';
  const keys = list.split(',').map((k) => k.trim()).filter(Boolean);
  return keys.length === 0 || keys.includes(key);
}

export interface Sample {
  /** Wall time from spawn to exit: what a user waits for, start-up included. */
  wallS: number;
  /** CPU time (user + system) of the whole child process, start-up and all threads included. */
  cpuS: number;
  /** CPU time of the work alone, when the child reports `cpuSeconds`. */
  workCpuS?: number;
  /** The work alone, as the child reports it on a line `{"seconds": ...}` (undefined when it does not). */
  workS?: number;
  /** The child's other JSON fields (counts, checks). */
  report: Record<string, unknown>;
  /** 1-minute load average when the run started. */
  load: number;
  /** Peak resident memory of the child in MiB (getrusage ru_maxrss). */
  peakMiB: number;
}

/** The bundle each `cellpilot` side last ran from: a side meets a new build with one untimed run. */
const lastBundleDir = new WeakMap<Side, string>();

/**
 * Seconds one measured run may take on an idle machine before it is ended and its row fails
 * (BENCH_TIMEOUT_S, default 900); loadScaledTimeout stretches it by the load.
 */
export const RUN_TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 900);

/**
 * The wall-clock limit of a run started now: RUN_TIMEOUT_S stretched by the 1-minute load per core
 * (never shortened), in whole seconds. The limit is there for a run that hangs; a run that works gets its share of the
 * cores, a 1/(load / cores) of one each: at load 38 on 2 cores (stop 24) the Pillow peer of the LZW
 * row (~45 s of CPU on an idle machine) ran past a fixed 900 s while it worked, and the image area
 * ended with every row after it unmeasured.
 */
export function loadScaledTimeout(baseS = RUN_TIMEOUT_S, load = loadavg()[0], cores = availableParallelism()): number {
  return Math.ceil(baseS * Math.max(1, load / cores));
}

/** Runs a side once; throws with the child's last line of stderr when it fails. */
export function runOnce(side: Side, timeoutS = loadScaledTimeout()): Sample {
  for (let attempt = 0; side.bundled && attempt < 3; attempt++) {
    freshCommandBundle();
    const bundleDir = freshBundle()?.dir;
    // a new build (a source saved meanwhile): its first command writes the code cache and the
    // tool index (src/bundle/fast.mjs, src/commands/toolLookup.ts), which a user's second
    // command finds written: run it once untimed
    if (bundleDir && lastBundleDir.get(side) !== bundleDir) {
      runTimed(side, timeoutS);
      lastBundleDir.set(side, bundleDir);
      if (freshBundle()?.dir !== bundleDir) continue;
    }
    const sample = runTimed(side, timeoutS);
    // a source saved during the run made it start from the sources: measure again
    if (freshBundle()?.dir === bundleDir) return sample;
  }
  return runTimed(side, timeoutS);
}

/**
 * The environment of every measured child: this shell's, less NODE_EXTRA_CA_CERTS where it is
 * set (the development machine sets it: each node process then parses a 214 KiB PEM bundle at
 * start, ~60 ms of CPU that no tool command needs, that a user's shell does not have, and that
 * the Python peers never pay). BENCH_KEEP_CA_CERTS=1 keeps it.
 */
export function childEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (process.env.BENCH_KEEP_CA_CERTS !== '1') delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** The note printed beside the figures about the children's environment. */
export function envNote(): string {
  if (!process.env.NODE_EXTRA_CA_CERTS) return "children run with this shell's environment";
  return process.env.BENCH_KEEP_CA_CERTS === '1'
    ? 'children keep NODE_EXTRA_CA_CERTS (each node start parses its PEM bundle)'
    : 'children run without NODE_EXTRA_CA_CERTS (set here; BENCH_KEEP_CA_CERTS=1 keeps it)';
}

function runTimed(side: Side, timeoutS: number): Sample {
  side.before?.();
  const load = loadavg()[0];
  const start = performance.now();
  // A small Python parent measures the child's CPU time (getrusage of its children).
  const r = spawnSync(PYTHON, ['-c', CPU_WRAPPER, side.command, ...side.args], { encoding: 'utf8', timeout: Math.ceil(timeoutS * 1000), maxBuffer: 256 << 20, cwd: ROOT, env: childEnv(side.env) });
  const wallS = (performance.now() - start) / 1000;
  const cpu = /@cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  if (r.error || r.status !== 0 || !cpu) {
    const why = (r.error?.message ?? r.stderr ?? '').replace(/@cpu [\d. ]+\s*$/, '').trim().split('\n').pop() || `exit ${r.status}`;
    throw new Error(`${side.label} failed: ${r.error && /ETIMEDOUT/.test(r.error.message) ? `ran past its ${timeoutS.toFixed(0)} s limit (BENCH_TIMEOUT_S ${RUN_TIMEOUT_S} s stretched by the load, ${load.toFixed(1)} at its start)` : why}`);
  }
  const line = r.stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  const report = line ? (JSON.parse(line) as Record<string, unknown>) : {};
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return { wallS, cpuS: Number(cpu[1]), workS: num(report.seconds), workCpuS: num(report.cpuSeconds), report, load, peakMiB: Number(cpu[2]) / 1024 };
}

// The measured command runs in its own process group, which the wrapper kills when it is told to end
// (spawnSync's timeout, Ctrl-C): a Pillow peer left running at load 38 (stop 24) read a deleted 3.5 GB movie
// for minutes after its row had failed, on the cores every other measurement shared.
const CPU_WRAPPER = `
import os, resource, signal, subprocess, sys
p = subprocess.Popen(sys.argv[1:], start_new_session=True)
def end(signum, frame):
    try: os.killpg(p.pid, signal.SIGKILL)
    except ProcessLookupError: pass
    sys.exit(128 + signum)
for sig in (signal.SIGTERM, signal.SIGINT): signal.signal(sig, end)
code = p.wait()
r = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stderr.write('\\n@cpu %.4f %d\\n' % (r.ru_utime + r.ru_stime, r.ru_maxrss))
sys.exit(code)
`;

export interface Comparison {
  samples: Sample[][];
  /** Medians per side. */
  wallS: number[];
  cpuS: number[];
  workS: (number | undefined)[];
  workCpuS: (number | undefined)[];
  /** Median peak resident memory per side, MiB. */
  peakMiB: number[];
  load: number;
}

/** Runs every side `rounds` times, alternating, after one untimed warm-up round (disk cache, JIT caches). */
export function alternate(sides: Side[], rounds: number, warmup = true): Comparison {
  if (warmup) for (const s of sides) runOnce(s);
  const samples: Sample[][] = sides.map(() => []);
  for (let r = 0; r < rounds; r++) {
    // Alternate the order too, so neither side always runs right after the other.
    const order = r % 2 === 0 ? sides.map((_, i) => i) : sides.map((_, i) => sides.length - 1 - i);
    for (const i of order) samples[i].push(runOnce(sides[i]));
  }
  return comparisonOf(samples);
}

/** Medians per side and the mean load of a set of runs (samples[side][round]). */
export function comparisonOf(samples: Sample[][]): Comparison {
  const all = samples.flat();
  return {
    samples,
    wallS: samples.map((s) => median(s.map((x) => x.wallS))),
    cpuS: samples.map((s) => median(s.map((x) => x.cpuS))),
    workS: samples.map((s) => (s.every((x) => x.workS !== undefined) ? median(s.map((x) => x.workS!)) : undefined)),
    workCpuS: samples.map((s) => (s.every((x) => x.workCpuS !== undefined) ? median(s.map((x) => x.workCpuS!)) : undefined)),
    peakMiB: samples.map((s) => median(s.map((x) => x.peakMiB))),
    load: all.reduce((a, s) => a + s.load, 0) / all.length,
  };
}

/**
 * Whether the 2-thread rows run their two sides together (runTogether): BENCH_TOGETHER=1 or 0
 * says; otherwise when the machine is oversubscribed (1-minute load at least twice the cores).
 */
export function togetherWanted(): boolean {
  if (process.env.BENCH_TOGETHER === '1') return true;
  if (process.env.BENCH_TOGETHER === '0') return false;
  return loadavg()[0] >= 2 * availableParallelism();
}

/**
 * Runs `rounds` rounds of every side started at the same moment (runTogether), after an untimed
 * run of each `cellpilot` side on a new command bundle. On a machine that other jobs load
 * beyond its cores, runs made one after the other meet different loads (at load 17-21, the same
 * 2-thread drift command took 7.6 to 15.2 s for 1.97-2.11 s of CPU, the peer 10.7 to 38.9 s for
 * 2.9-3.8 s: wall times moved 2x within minutes, and back-to-back ratios by 45% between runs);
 * started together, both sides share the cores with the same other jobs for the same seconds,
 * each thread getting the scheduler's equal share. Not for an idle machine, where the sides
 * would take the cores from each other (togetherWanted).
 */
export function alternateTogether(sides: Side[], rounds: number): Comparison {
  for (const side of sides) {
    if (!side.bundled) continue;
    freshCommandBundle();
    const dir = freshBundle()?.dir;
    if (dir && lastBundleDir.get(side) !== dir) {
      runTimed(side, loadScaledTimeout());
      lastBundleDir.set(side, dir);
    }
  }
  const samples: Sample[][] = sides.map(() => []);
  for (let r = 0; r < rounds; r++) runTogether(sides).forEach((x, i) => samples[i].push(x));
  return comparisonOf(samples);
}

// Starts every command at once. A side that ends while another still runs is started again at
// once (its load stays on the cores) until every side has ended once; runs still going then are
// killed (with their process group) and not counted. Reports every counted run of each side: its
// wall time (start to exit) and its own rusage (os.wait4: CPU and peak memory of that run alone).
const TOGETHER_WRAPPER = `
import json, os, signal, subprocess, sys, time
cmds = json.load(sys.stdin)
runs = [[] for _ in cmds]
started = [0] * len(cmds)
procs = {}
def start(i):
    c = cmds[i]
    k = started[i]
    started[i] += 1
    out, err = '%s.%d' % (c['out'], k), '%s.%d' % (c['err'], k)
    p = subprocess.Popen(c['args'], env=c['env'], cwd=c['cwd'], stdout=open(out, 'w'), stderr=open(err, 'w'), start_new_session=True)
    # p kept: a Popen dropped while its process runs is reaped by the next Popen (subprocess._cleanup), and
    # os.wait4 below would then never see it end (ECHILD, seen at load 30+)
    procs[p.pid] = (i, time.perf_counter(), out, err, p)
def stop_all():
    for pid in list(procs):
        try: os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError: pass
    while procs:
        pid, _, _ = os.wait4(-1, 0)
        procs.pop(pid, None)
def end(signum, frame):
    for pid in list(procs):
        try: os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError: pass
    sys.exit(128 + signum)
# told to end (spawnSync's timeout, Ctrl-C): the runs end with it (see CPU_WRAPPER)
for sig in (signal.SIGTERM, signal.SIGINT): signal.signal(sig, end)
for i in range(len(cmds)): start(i)
while procs:
    pid, status, ru = os.wait4(-1, 0)
    if pid not in procs: continue
    i, began, out, err, _ = procs.pop(pid)
    code = os.waitstatus_to_exitcode(status)
    runs[i].append({'wallS': time.perf_counter() - began, 'cpuS': ru.ru_utime + ru.ru_stime, 'maxrss': ru.ru_maxrss, 'code': code, 'out': out, 'err': err})
    if code != 0:
        stop_all()
        break
    if all(runs): stop_all()
    elif cmds[i]['cover']: start(i)
print(json.dumps(runs))
`;

/** One run's figures as runTogether's wrapper reports them. */
interface TogetherRun {
  wallS: number;
  cpuS: number;
  maxrss: number;
  code: number;
  out: string;
  err: string;
}

/**
 * Runs the sides at the same moment, each in a fresh process; one Sample per side (throws when one fails).
 * With `cover` (the default) a side that ends first is started again while the others still run, so that
 * every side shares the cores with the same company (the other sides and the other jobs) for the whole of
 * every counted run: when the shorter side ended alone, the longer one ran the rest of its time without it,
 * at whatever load the machine then had (segmentation, stop 22: the peer ran 2.2x longer than ours, half of
 * it alone, and its wall time moved 39-156 s between rounds for 7.2-8.3 s of CPU). A side's Sample is the
 * mean of its counted runs (runs still going when the last side ends are killed and not counted); its
 * report (the child's JSON line) is its first run's, with `runs` added.
 */
export function runTogether(sides: Side[], timeoutS = loadScaledTimeout(), cover = true): Sample[] {
  for (const side of sides) side.before?.();
  const dir = mkdtempSync(join(tmpdir(), 'bench-together-'));
  try {
    const cmds = sides.map((side, i) => ({ args: [side.command, ...side.args], env: childEnv(side.env), cwd: ROOT, out: join(dir, `${i}.out`), err: join(dir, `${i}.err`), cover }));
    const load = loadavg()[0];
    const r = spawnSync(PYTHON, ['-c', TOGETHER_WRAPPER], { input: JSON.stringify(cmds), encoding: 'utf8', timeout: Math.ceil(timeoutS * 1000), cwd: ROOT, maxBuffer: 16 << 20 });
    if (r.error || r.status !== 0) throw new Error(`running ${sides.map((x) => x.label).join(' and ')} together failed: ${(r.error?.message ?? r.stderr).trim().split('\n').pop()}`);
    const results = JSON.parse(r.stdout) as TogetherRun[][];
    // the side that failed is named first (the others' runs were stopped with it)
    sides.forEach((side, i) => {
      const failed = results[i].find((x) => x.code !== 0);
      if (failed) throw new Error(`${side.label} failed: ${readFileSync(failed.err, 'utf8').trim().split('\n').pop() ?? `exit ${failed.code}`}`);
    });
    return sides.map((side, i) => togetherSample(side, results[i], load));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A side's Sample from its counted runs: the mean of their figures, the first run's report. */
function togetherSample(side: Side, runs: TogetherRun[], load: number): Sample {
  if (runs.length === 0) throw new Error(`${side.label} did not run to its end (another side failed first)`);
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const reports = runs.map((x) => {
    const line = readFileSync(x.out, 'utf8').trim().split('\n').reverse().find((l) => l.startsWith('{'));
    return line ? (JSON.parse(line) as Record<string, unknown>) : {};
  });
  const mean = (values: (number | undefined)[]) => (values.every((v) => v !== undefined) ? values.reduce((a, v) => a + v!, 0) / values.length : undefined);
  return {
    wallS: mean(runs.map((x) => x.wallS))!,
    cpuS: mean(runs.map((x) => x.cpuS))!,
    workS: mean(reports.map((x) => num(x.seconds))),
    workCpuS: mean(reports.map((x) => num(x.cpuSeconds))),
    report: { ...reports[0], runs: runs.length },
    load,
    peakMiB: Math.max(...runs.map((x) => x.maxrss)) / 1024,
  };
}

/**
 * The ratio of two sides from the runs made back to back: sides[peer] / sides[ours] of the
 * chosen figure in each round, then the median over the rounds. On a shared machine the load
 * moves between rounds (other jobs start and stop), and a 2-thread wall time moves with it;
 * the two runs of a round see nearly the same load, so their ratio carries less of that drift
 * than the ratio of the two sides' medians. Put the two sides next to each other in
 * alternate()'s list so that they run back to back in both orders.
 */
export function pairedRatio(c: Comparison, ours: number, peer: number, figure: (x: Sample) => number | undefined): { ratio: number; low: number; high: number } {
  const ratios = c.samples[ours].map((o, r) => figure(c.samples[peer][r])! / figure(o)!);
  return { ratio: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios) };
}

/**
 * The ratio of the sides' least figures over the rounds: sides[peer] / sides[ours] of each side's
 * minimum. For CPU time on a loaded machine, where other jobs only ever add to a run's time (page
 * faults on fresh memory, shared caches and hyper-threads) and one side's additions are much larger
 * and more erratic than the other's, each side's least run is the closest to what it costs alone.
 */
export function leastRatio(c: Comparison, ours: number, peer: number, figure: (x: Sample) => number | undefined): number {
  const least = (side: number) => Math.min(...c.samples[side].map((x) => figure(x)!));
  return least(peer) / least(ours);
}

/** Every run of a side, for the log: "wall / CPU @ load" per round, so a reader sees which side moved. */
export function samplesNote(c: Comparison, side: number, label: string, work = false): string {
  const runs = c.samples[side].map((x) => `${s(work ? x.workS : x.wallS)} / ${s(work ? x.workCpuS : x.cpuS)} @ ${x.load.toFixed(1)}`);
  return `${label} runs (${work ? 'work' : 'whole command'} wall / CPU @ load): ${runs.join(', ')}`;
}

export function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

export function loadNote(): string {
  return `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores; ${envNote()}`;
}

/** Issue 16's "Done when" criteria a summary row can measure (their words: bench/_summary.ts CRITERIA). */
export type Criterion = 'tiff-rw' | 'projection' | 'drift-2' | 'drift-1' | 'segment-2' | 'segment-1' | 'dense-linking' | 'onnx-core' | 'model-100ms' | 'memory-bounded';

/**
 * One row of the summary table. bench/index.ts collects these lines (prefixed "@row ")
 * from every area and prints them together at the end: the issue's "Done when" rows.
 */
export interface SummaryRow {
  work: string;
  /** The "Done when" criterion the row measures; none for rows beside them (whole analysis, sparse linking, info). */
  criterion?: Criterion;
  /** What the ratio compares, e.g. "CPU s, whole command" or "wall s, work". */
  metric?: string;
  ours: string;
  peer: string;
  /** peer time / our time: above 1, cellpilot is faster. */
  ratio: number | null;
  /** The same ratio measured again from fresh processes right after (the rerun check), when it was. */
  rerun?: number | null;
  /** The load average during the rerun. */
  rerunLoad?: number;
  goal: string;
  load: number;
}

/** A rerun from fresh processes must give the ratio within this fraction of the first run's. */
export const RERUN_TOLERANCE = 0.15;

/** Whether comparisons are measured twice (the rerun check); BENCH_RERUN=0 measures once. */
export function rerunWanted(): boolean {
  return process.env.BENCH_RERUN !== '0';
}

/** "0.97 (+3%)" against the first run's ratio, or "out of 15%: -18%" when a rerun does not reproduce it. */
export function rerunNote(first: number | null, rerun: number | null | undefined): string {
  if (rerun === undefined) return 'not rerun';
  if (rerun === null || first === null || !(first > 0)) return 'n/a';
  const change = rerun / first - 1;
  const percent = `${change >= 0 ? '+' : ''}${(100 * change).toFixed(0)}%`;
  return Math.abs(change) <= RERUN_TOLERANCE ? `${rerun.toFixed(2)} (${percent})` : `${rerun.toFixed(2)} (${percent}, outside ${(100 * RERUN_TOLERANCE).toFixed(0)}%)`;
}

export function summaryRow(row: SummaryRow): void {
  console.log(`@row ${JSON.stringify(row)}`);
}

/** CPU seconds of this process so far (user + system), for a child's report. */
export function cpuSeconds(since?: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
}

/** Seconds, for a table cell. */
export function s(seconds: number | undefined): string {
  return seconds === undefined ? 'n/a' : seconds < 1 ? `${(seconds * 1000).toFixed(0)} ms` : `${seconds.toFixed(2)} s`;
}

/** Whether the Python peer modules can be imported; the reason when not. */
export function pythonPeer(modules: string[]): string | undefined {
  const r = spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8', timeout: 60_000 });
  if (r.error || r.status !== 0) return `python peer unavailable (${(r.error?.message ?? r.stderr).trim().split('\n').pop()}); install: apt-get install -y python3-skimage python3-scipy python3-tifffile`;
  return undefined;
}

/** The child-mode arguments when this file was started as `run-ts.js bench/X.ts --child ...`. */
export function childArgs(): string[] | undefined {
  const i = process.argv.indexOf('--child');
  return i >= 0 ? process.argv.slice(i + 1) : undefined;
}
