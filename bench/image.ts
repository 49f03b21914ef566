// Movie I/O benchmark, every figure from fresh processes, ours and the peer's alternately
// (medians), with the load average beside it. The movie is a simulated 300 x 512 x 512
// uint16 recording of moving, dividing nuclei with stage drift.
// The `cellpilot` commands run from the command bundle, built before each timed run when
// stale (as every command after a user's first finds it). Rows (keys for --only):
// rw: read + write back with library calls (the child reports the work alone) against
//     tifffile (TiffFile pages -> TiffWriter, ImageJ hyperstack, contiguous).
// export: `cellpilot tool export` (format tiff) against the same Python script, whole commands,
//     the movie's content hash known from an earlier command (a user's second command on it);
//     export-first: the same as the first command on the movie (it hashes the movie while reading).
// project, project-first: `cellpilot tool project` (max over time) against a NumPy page loop, the same way.
// real: the same projection of a real shared recording (a CTC folder of TIFF frames, from
//     ../shared/data; skipped when absent) against tifffile reading file by file.
// deflate: the same frames as one multi-page Deflate (zlib) TIFF, strips of 6 rows as in the
//     frames (written once, untimed, by tifffile), against the tifffile page loop (Python's zlib);
//     deflate-predictor: the same with horizontal differencing (predictor 2).
// info: `cellpilot info` against tifffile opening the file and reading its first and last page.
// big: (opt-in: CELLPILOT_BENCH_BIG=1 or --big) read-invert-write of a > 4 GiB BigTIFF and
//     its max projection by the whole command (first command and repeat), and that of a ~3.8 GB
//     multi-page LZW TIFF, every run from the disk (the file dropped from the page cache first),
//     alternating with NumPy / Pillow page loops, with peak resident memory (goal: bounded, < 500 MB).
// Run: npm run bench -- image [--only project,export,project-first,export-first] [--big]
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMovieWriter, openMovie, writeMovie, type PlaneData } from '../src/image/index.ts';
import { formatBytes } from '../src/image/info.ts';
import { simulate } from '../src/sim/index.ts';
import { alternate, childArgs, commandSide, cpuSeconds, leastRatio, loadNote, pairedRatio, PYTHON, pythonPeer, rerunNote, rerunWanted, ROOT, RUN_TS, runOnce, s, samplesNote, summaryRow, wanted, type Comparison, type Criterion, type Side } from './_harness.ts';

const FRAMES = Number(process.env.BENCH_IMAGE_FRAMES ?? 300);
const SIZE = 512;
// 15 rounds (5 until stop 26, 9 until stop 43): the median of more rounds' ratios moves less between fresh runs (with 9,
// the first-command export row moved 25% on an idle machine in stop 43); a round is ~1 s of CPU here
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

const PEER = String.raw`
import sys, time, json
t0 = time.perf_counter(); c0 = time.process_time()
import numpy as np, tifffile
mode = sys.argv[1]
if mode == 'rw':
    src, dst = sys.argv[2], sys.argv[3]
    with tifffile.TiffFile(src) as tf, tifffile.TiffWriter(dst, imagej=True) as tw:
        for page in tf.pages:
            tw.write(page.asarray(), contiguous=True)
elif mode == 'max':
    src, dst = sys.argv[2], sys.argv[3]
    out = None
    with tifffile.TiffFile(src) as tf:
        for page in tf.pages:
            a = page.asarray()
            if out is None: out = a.copy()
            else: np.maximum(out, a, out=out)
    tifffile.imwrite(dst, out, imagej=True)
elif mode == 'maxdir':
    import glob, os
    try:
        import imagecodecs  # tifffile decodes LZW with it
        read = tifffile.imread
    except ImportError:  # Debian has no python3-imagecodecs: Pillow decodes LZW
        from PIL import Image
        read = lambda f: np.asarray(Image.open(f))
    out = None
    for f in sorted(glob.glob(os.path.join(sys.argv[2], '*.tif'))):
        a = read(f)
        if out is None: out = a.copy()
        else: np.maximum(out, a, out=out)
    tifffile.imwrite(sys.argv[3], out, imagej=True)
elif mode == 'makedeflate':
    import glob, os
    from PIL import Image
    frames = np.stack([np.asarray(Image.open(f)) for f in sorted(glob.glob(os.path.join(sys.argv[2], '*.tif')))])
    predictor = len(sys.argv) > 4 and sys.argv[4] == 'predictor'
    tifffile.imwrite(sys.argv[3], frames, imagej=True, compression='zlib', predictor=predictor, rowsperstrip=6, metadata={'axes': 'TYX'})
elif mode == 'pages':
    # the movie as a Python user saves it: tifffile.imwrite of the array, one page (and IFD) per plane
    tifffile.imwrite(sys.argv[3], tifffile.imread(sys.argv[2]))
elif mode == 'info':
    with tifffile.TiffFile(sys.argv[2]) as tf:
        s = tf.series[0]
        first, last = tf.pages[0].asarray(), tf.pages[len(tf.pages) - 1].asarray()
        print(s.shape, s.dtype, s.axes)
print(json.dumps({'seconds': time.perf_counter() - t0, 'cpuSeconds': time.process_time() - c0}))
`;

/**
 * Child mode: our library doing the same work as the peer's 'rw', or ('invert') reading a movie
 * plane by plane into one reused buffer, inverting it and writing it out (the bounded-memory row).
 */
async function child(args: string[]): Promise<void> {
  const [mode, src, dst] = args;
  const start = performance.now();
  const cpu = process.cpuUsage();
  if (mode === 'rw') {
    const movie = await openMovie(src);
    await writeMovie(dst, movie);
    await movie.close();
  } else if (mode === 'invert') await invertMovie(src, dst);
  else throw new Error(`unknown child mode ${mode} (rw or invert)`);
  console.log(JSON.stringify({ seconds: (performance.now() - start) / 1000, cpuSeconds: cpuSeconds(cpu) }));
}

/** Reads a uint16 movie plane by plane into one buffer, inverts each plane and writes it to `dst`. */
export async function invertMovie(src: string, dst: string): Promise<void> {
  const m = await openMovie(src);
  const w = await createMovieWriter(dst, { shape: m.shape, dtype: m.dtype, meta: m.meta });
  let buffer: PlaneData | undefined;
  for (let t = 0; t < m.shape.t; t++) {
    const p = (buffer = await m.plane(t, 0, 0, buffer)) as Uint16Array;
    for (let i = 0; i < p.length; i++) p[i] = 65535 - p[i];
    await w.writePlane(p);
  }
  await w.close();
  await m.close();
}

async function makeMovie(path: string): Promise<void> {
  const sim = simulate({ width: SIZE, height: SIZE, frames: FRAMES, cells: 120, driftPx: 20, seed: 7 });
  await writeMovie(path, sim.movie);
}

/**
 * The ratio a row reports: peer CPU time / ours (whole processes, or the work alone), the median over the
 * rounds of each round's ratio (pairedRatio: alternate() runs a round's two sides back to back, in both
 * orders). Until stop 26 it was the ratio of each side's least run (leastRatio, printed beside it), which
 * an extreme run moves: `tool project` repeat at load 6-7 gave 1.50 / 1.17 (-22%), 1.34 / 1.41, 1.00 / 1.13
 * in three fresh runs with reruns, where the medians' ratios of the same runs were 1.09-1.14.
 */
function cpuRatio(c: Comparison, work: boolean): number {
  return pairedRatio(c, 0, 1, (x) => (work ? x.workCpuS : x.cpuS)).ratio;
}

function leastCpuRatio(c: Comparison, work: boolean): number {
  return leastRatio(c, 0, 1, (x) => (work ? x.workCpuS : x.cpuS));
}

/**
 * Measures ours against the peer (alternating fresh processes, medians), then, for the rerun
 * check, again from fresh processes (BENCH_RERUN=0: once).
 */
function measure(sides: Side[]): { c: Comparison; rerun?: Comparison } {
  const c = alternate(sides, ROUNDS);
  return { c, rerun: rerunWanted() ? alternate(sides, ROUNDS, false) : undefined };
}

/**
 * One table row: wall and CPU medians of both sides and peak memory; the ratio is on CPU
 * time (robust to other load on a shared machine, and equal to wall time on an idle one for
 * this single-threaded work), with the rerun's ratio beside it. `work` picks the in-process
 * work figures instead of whole processes.
 */
function ratioRow(label: string, { c, rerun }: { c: Comparison; rerun?: Comparison }, peerName: string, criterion: Criterion | undefined, work = false): string {
  const wall = work ? c.workS : c.wallS;
  const cpu = work ? c.workCpuS : c.cpuS;
  const ratio = cpuRatio(c, work);
  const again = rerun && cpuRatio(rerun, work);
  const metric = `CPU, ${work ? 'work in the process' : 'whole command'}, median of ${c.samples[0].length} rounds' ratios`;
  for (const x of rerun ? [c, rerun] : [c]) [0, 1].forEach((i) => console.log(samplesNote(x, i, i === 0 ? `${label}: cellpilot` : `${label}: ${peerName}`, work)));
  const mib = (side: number) => `${c.peakMiB[side].toFixed(0)} MiB`;
  summaryRow({ work: label, criterion, metric, ours: `${s(wall[0])} wall, ${s(cpu[0])} CPU, ${mib(0)}`, peer: `${peerName} ${s(wall[1])} wall, ${s(cpu[1])} CPU, ${mib(1)}`, ratio, rerun: again, rerunLoad: rerun?.load, goal: '>= 1.0', load: c.load });
  const load = rerun ? `${c.load.toFixed(1)} / ${rerun.load.toFixed(1)}` : c.load.toFixed(1);
  return `| ${label} | ${s(wall[0])} / ${s(cpu[0])} / ${mib(0)} | ${peerName} ${s(wall[1])} / ${s(cpu[1])} / ${mib(1)} | ${ratio.toFixed(2)} (least runs ${leastCpuRatio(c, work).toFixed(2)}, medians ${(cpu[1]! / cpu[0]!).toFixed(2)}, wall ${(wall[1]! / wall[0]!).toFixed(2)}) | ${rerunNote(ratio, again)} | ${load} |`;
}

/** The rows; `--only rw,export,project,real,info` (or BENCH_ONLY) runs some of them. */
async function compare(dir: string, input: string): Promise<void> {
  const out = (name: string) => join(dir, name);
  const clean = (...names: string[]) => () => names.forEach((n) => rmSync(out(n), { force: true }));
  // Each command opens a new session. Its input's content hash is known from an earlier command
  // (the per-user hash cache, here a folder of the benchmark's own) in a "repeat" row, as for a
  // user's second command on a movie; a "first" row empties that cache before each run, so the
  // command hashes the movie while it reads it, as the first command on a new movie does.
  const repeatCache = join(dir, 'hash-cache');
  const firstCache = join(dir, 'hash-cache-first');
  const env = { CELLPILOT_SESSIONS: join(dir, 'sessions'), CELLPILOT_CACHE_DIR: repeatCache };
  const py = (label: string, ...args: string[]): Side => ({ label, command: PYTHON, args: ['-c', PEER, ...args] });
  const tool = (label: string, name: string, args: object, remove: string, first = false): Side =>
    commandSide(label, ['tool', name, '--args', JSON.stringify(args)], {
      env: first ? { ...env, CELLPILOT_CACHE_DIR: firstCache } : env,
      before: () => {
        clean(remove)();
        if (first) rmSync(firstCache, { recursive: true, force: true });
      },
    });
  console.log(`| work (${FRAMES} x ${SIZE}² uint16, ${existsSync(input) ? formatBytes((await stat(input)).size) : "not made: no row here reads it"}) | cellpilot wall / CPU / peak memory | peer wall / CPU / peak memory | ratio (CPU, median of the rounds' ratios) | rerun from fresh processes | load |`);
  console.log('|---|---|---|---|---|---|');

  if (wanted('rw')) {
    const rw = measure([{ label: 'cellpilot read+write', command: process.execPath, args: [RUN_TS, 'bench/image.ts', '--child', 'rw', input, out('ours-rw.tif')], before: clean('ours-rw.tif') }, { ...py('tifffile read+write', 'rw', input, out('peer-rw.tif')), before: clean('peer-rw.tif') }]);
    console.log(ratioRow('TIFF read + write back, library calls (work in the process, start-up excluded)', rw, 'tifffile', 'tiff-rw', true));
  }
  for (const first of [false, true]) {
    const when = first ? 'first command on the movie (hashes it while reading)' : "repeat (the movie's hash known from an earlier command)";
    if (wanted(first ? 'export-first' : 'export')) {
      const exp = measure([tool('cellpilot tool export', 'export', { movie: input, format: 'tiff', output: out('export.tif') }, 'export.tif', first), { ...py('tifffile script', 'rw', input, out('peer-rw.tif')), before: clean('peer-rw.tif') }]);
      console.log(ratioRow(`TIFF read + write back, \`cellpilot tool export\` (tiff), whole commands, ${when}`, exp, 'tifffile script', 'tiff-rw'));
    }
    if (wanted(first ? 'project-first' : 'project')) {
      const max = measure([tool('cellpilot tool project', 'project', { movie: input, method: 'max', output: out('max.tif') }, 'max.tif', first), { ...py('NumPy page loop', 'max', input, out('peer-max.tif')), before: clean('peer-max.tif') }]);
      console.log(ratioRow(`max projection, \`cellpilot tool project\`, whole commands, ${when}`, max, 'NumPy page loop', 'projection'));
    }
  }
  if (wanted('project-pages')) {
    // the same movie as tifffile.imwrite saves it (a plain multi-page TIFF: one IFD per plane, the IFDs after the
    // pixels), not cellpilot's own ImageJ file whose planes are read as one contiguous run: every plane's IFD and
    // layout is read, as for most files from other tools; first command (the movie hashed while it is read)
    const pages = out('pages.tif');
    const made = spawnSync(PYTHON, ['-c', PEER, 'pages', input, pages], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`the multi-page movie could not be written: ${made.stderr.trim().split('\n').pop()}`);
    const max = measure([tool('cellpilot tool project', 'project', { movie: pages, method: 'max', output: out('pages-max.tif') }, 'pages-max.tif', true), { ...py('NumPy page loop', 'max', pages, out('peer-pages-max.tif')), before: clean('peer-pages-max.tif') }]);
    console.log(ratioRow('max projection of the same movie as tifffile.imwrite writes it (one IFD per plane), `cellpilot tool project`, whole commands, first command on the movie', max, 'NumPy page loop', 'projection'));
    await rm(pages, { force: true });
  }
  if (wanted('real')) {
    // a real recording as it is shared: a Cell Tracking Challenge folder of one TIFF per frame
    const folder = join(ROOT, '..', 'shared', 'data', 'ctc-Fluo-N2DH-SIMplus', '01');
    if (!existsSync(folder)) console.log(`| max projection of a real movie: skipped, ${folder} is absent | | | | | |`);
    else {
      const frames = readdirSync(folder).filter((f) => f.endsWith('.tif')).length;
      const real = measure([tool('cellpilot tool project', 'project', { movie: folder, method: 'max', output: out('real-max.tif') }, 'real-max.tif'), { ...py('tifffile (or Pillow) per file', 'maxdir', folder, out('peer-real-max.tif')), before: clean('peer-real-max.tif') }]);
      console.log(ratioRow(`max projection of a real movie (Fluo-N2DH-SIM+ 01, a folder of ${frames} TIFF frames), whole commands`, real, 'tifffile (or Pillow) per file', 'projection'));
    }
  }
  for (const predictor of [false, true]) {
    if (!wanted(predictor ? 'deflate-predictor' : 'deflate')) continue;
    // the same real frames as one Deflate-compressed multi-page TIFF (as tifffile, bfconvert or Fiji write zlib);
    // deflate-predictor: with horizontal differencing (predictor 2, as libtiff's tiffcp -c zip:2 writes it)
    const folder = join(ROOT, '..', 'shared', 'data', 'ctc-Fluo-N2DH-SIMplus', '01');
    const deflated = out('real-deflate.tif');
    const made = existsSync(folder) && spawnSync(PYTHON, ['-c', PEER, 'makedeflate', folder, deflated, predictor ? 'predictor' : 'none'], { encoding: 'utf8' }).status === 0;
    const what = `a Deflate movie${predictor ? ' with horizontal differencing (predictor 2)' : ''}`;
    if (!made) console.log(`| max projection of ${what}: skipped, ${folder} is absent or tifffile/Pillow could not write it | | | | | |`);
    else {
      const defl = measure([tool('cellpilot tool project', 'project', { movie: deflated, method: 'max', output: out('deflate-max.tif') }, 'deflate-max.tif'), { ...py('tifffile page loop', 'max', deflated, out('peer-deflate-max.tif')), before: clean('peer-deflate-max.tif') }]);
      console.log(ratioRow(`max projection of ${what} (the Fluo-N2DH-SIM+ 01 frames as one multi-page zlib TIFF, ${formatBytes((await stat(deflated)).size)}), whole commands`, defl, 'tifffile page loop', 'projection'));
      await rm(deflated, { force: true });
    }
  }
  if (wanted('info')) {
    const info = measure([commandSide('cellpilot info', ['info', input]), py('tifffile info', 'info', input)]);
    console.log(ratioRow('`cellpilot info` (reads first and last plane), whole commands', info, 'tifffile', undefined));
  }
}

/**
 * Read-invert-write of a > 4 GiB movie in a fresh process (bench/image.ts --child invert), with that
 * process's peak resident memory (ru_maxrss: Node, tsx and all), then the big projections.
 */
async function benchBig(dir: string): Promise<void> {
  const size = 2048;
  const frames = 520; // 520 x 8 MiB = 4.06 GiB of pixels
  const input = join(dir, 'big-in.tif');
  const output = join(dir, 'big-out.tif');
  try {
    const plane = new Uint16Array(size * size);
    for (let i = 0; i < plane.length; i++) plane[i] = (i * 2654435761) >>> 20;
    const w0 = await createMovieWriter(input, { shape: { t: frames, z: 1, c: 1, y: size, x: size }, dtype: 'uint16', meta: { channelNames: ['C1'] } });
    for (let t = 0; t < frames; t++) await w0.writePlane(plane);
    await w0.close();
    const inSize = (await stat(input)).size;
    const run = runOnce({ label: 'cellpilot read-invert-write', command: process.execPath, args: [RUN_TS, 'bench/image.ts', '--child', 'invert', input, output], before: () => rmSync(output, { force: true }) });
    const seconds = run.workS!;
    console.log(`\nread-invert-write, ${size}x${size}x${frames} uint16 BigTIFF (${formatBytes(inSize)}), library calls in a fresh process`);
    console.log(`throughput ${((2 * inSize) / 2 ** 20 / seconds).toFixed(0)} MiB/s (read + write), ${seconds.toFixed(1)} s (${s(run.workCpuS)} CPU); peak resident memory of the process ${run.peakMiB.toFixed(0)} MiB (goal < 500 MB); load ${run.load.toFixed(1)}`);
    summaryRow({ criterion: 'memory-bounded', work: `read-invert-write of a ${formatBytes(inSize)} BigTIFF, peak resident memory of the process`, metric: 'memory, library calls, fresh process', ours: `${run.peakMiB.toFixed(0)} MiB (${seconds.toFixed(1)} s)`, peer: 'goal 500 MB', ratio: 500e6 / 2 ** 20 / run.peakMiB, goal: '>= 1.0 (bounded, < 500 MB)', load: run.load });
    await rm(output, { force: true });
    await bigProjections(dir, input, output);
  } finally {
    await rm(input, { force: true });
    await rm(output, { force: true });
    await rm(join(dir, 'big-peer.tif'), { force: true });
    await rm(join(dir, 'big-lzw.tif'), { force: true });
  }
}

/** Drops a file from the page cache (written back first), so the next read comes from the disk. */
function evictFromPageCache(path: string): void {
  const code = 'import os, sys\nfd = os.open(sys.argv[1], os.O_RDONLY)\nos.fsync(fd)\nos.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)';
  const r = spawnSync(PYTHON, ['-c', code, path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cannot drop ${path} from the page cache: ${r.stderr.trim().split('\n').pop()}`);
}

// A multi-page LZW TIFF of 2048² uint16 frames (Pillow's LZW encoder, 4 frames of a smooth scene with
// noise), assembled to `frames` pages by copying their strips: 1200 pages are ~3.8 GB on disk, 9.4 GiB of pixels.
const LZW_MOVIE = String.raw`
import io, struct, sys
import numpy as np
from PIL import Image, TiffImagePlugin
import tifffile
n, dst = int(sys.argv[1]), sys.argv[2]
size = 2048
yy, xx = np.mgrid[0:size, 0:size]
base = (200 + 800 * (np.sin(xx / 37.0) * np.cos(yy / 53.0) > 0.6)).astype(np.uint16)
rng = np.random.default_rng(1)
pages = []
for t in range(4):
    buf = io.BytesIO()
    Image.fromarray(base + rng.integers(0, 16, size=(size, size), dtype=np.uint16) + t).save(buf, format='TIFF', compression='tiff_lzw')
    with tifffile.TiffFile(io.BytesIO(buf.getvalue())) as tf:
        p = tf.pages[0]
        pages.append([buf.getvalue()[o:o + c] for o, c in zip(p.dataoffsets, p.databytecounts)])
with open(dst, 'wb') as out:
    out.write(b'II*\0' + struct.pack('<I', 0))
    link = 4
    for i in range(n):
        strips = pages[i % len(pages)]
        offsets = []
        for s in strips:
            offsets.append(out.tell()); out.write(s)
        if out.tell() % 2: out.write(b'\0')
        k = len(strips)
        at = out.tell(); out.write(struct.pack('<%dI' % k, *offsets))
        counts = out.tell(); out.write(struct.pack('<%dI' % k, *[len(s) for s in strips]))
        ifd = out.tell()
        tags = [(256, 3, 1, size), (257, 3, 1, size), (258, 3, 1, 16), (259, 3, 1, 5), (262, 3, 1, 1), (273, 4, k, at), (277, 3, 1, 1), (278, 3, 1, size // k), (279, 4, k, counts), (284, 3, 1, 1)]
        out.write(struct.pack('<H', len(tags)))
        for code, typ, count, val in tags:
            out.write(struct.pack('<HHI', code, typ, count) + (struct.pack('<HH', val, 0) if typ == 3 else struct.pack('<I', val)))
        following = out.tell(); out.write(struct.pack('<I', 0))
        out.seek(link); out.write(struct.pack('<I', ifd)); out.seek(0, 2)
        link = following
`;

// The Python user's page loop over a multi-page LZW file (tifffile needs imagecodecs for LZW, which Debian lacks).
const PIL_MAX = String.raw`
import sys, json, numpy as np, tifffile
from PIL import Image, ImageSequence
out = None
with Image.open(sys.argv[1]) as im:
    for page in ImageSequence.Iterator(im):
        a = np.asarray(page)
        if out is None: out = a.copy()
        else: np.maximum(out, a, out=out)
tifffile.imwrite(sys.argv[2], out, imagej=True)
`;

/**
 * Max projections of movies larger than this machine's fair share of memory, whole commands, every run
 * reading from the disk (the file dropped from the page cache before it, as a movie that does not fit
 * in memory is read), ours and the peer's alternately: the plain uint16 BigTIFF as a first command (its
 * hash taken while it is read) and as a repeat, and a ~3.8 GB multi-page LZW file (9.4 GiB of pixels).
 */
async function bigProjections(dir: string, input: string, output: string): Promise<void> {
  const rounds = Number(process.env.BENCH_BIG_ROUNDS ?? 2);
  const peerOut = join(dir, 'big-peer.tif');
  const removeOutputs = () => [output, peerOut].forEach((f) => rmSync(f, { force: true }));
  const cold = (path: string) => () => (removeOutputs(), evictFromPageCache(path));
  const env = { CELLPILOT_SESSIONS: join(dir, 'sessions'), CELLPILOT_CACHE_DIR: join(dir, 'hash-cache') };
  const firstCache = join(dir, 'hash-cache-first');
  const project = (label: string, movie: string, first: boolean): Side =>
    commandSide(label, ['tool', 'project', '--args', JSON.stringify({ movie, method: 'max', output })], {
      env: first ? { ...env, CELLPILOT_CACHE_DIR: firstCache } : env,
      before: () => (first && rmSync(firstCache, { recursive: true, force: true }), cold(movie)()),
    });
  const numpy: Side = { label: 'NumPy page loop', command: PYTHON, args: ['-c', PEER, 'max', input, peerOut], before: cold(input) };
  const row = (label: string, c: Comparison, peerName: string) => {
    const [ours, peer] = [0, 1].map((i) => `${s(c.wallS[i])} wall, ${s(c.cpuS[i])} CPU, peak ${c.peakMiB[i].toFixed(0)} MiB`);
    const wall = pairedRatio(c, 0, 1, (x) => x.wallS);
    const cpu = pairedRatio(c, 0, 1, (x) => x.cpuS);
    console.log(`${label}: cellpilot ${ours}; ${peerName} ${peer}; ratio (CPU) ${cpu.ratio.toFixed(2)}, wall ${wall.ratio.toFixed(2)} (rounds ${wall.low.toFixed(2)}-${wall.high.toFixed(2)}); load ${c.load.toFixed(1)}`);
    [0, 1].forEach((i) => console.log(`  ${samplesNote(c, i, i ? peerName : 'cellpilot')}`));
    summaryRow({ criterion: 'memory-bounded', work: `${label}, peak resident memory`, metric: `memory, whole command, cold page cache, ${c.samples[0].length} runs`, ours: `${c.peakMiB[0].toFixed(0)} MiB (${s(c.wallS[0])} wall, ${s(c.cpuS[0])} CPU)`, peer: `${peerName} ${c.peakMiB[1].toFixed(0)} MiB (${s(c.wallS[1])} wall, ${s(c.cpuS[1])} CPU; wall ratio ${wall.ratio.toFixed(2)}, CPU ${cpu.ratio.toFixed(2)})`, ratio: 500e6 / 2 ** 20 / c.peakMiB[0], goal: '>= 1.0 (bounded, < 500 MB)', load: c.load });
  };
  const size = formatBytes((await stat(input)).size);
  // the first command's warm-up run also fills the repeat rows' hash cache
  runOnce(project('warm-up', input, false));
  row(`max projection of the ${size} BigTIFF, first command (hashes it while reading)`, alternate([project('cellpilot tool project', input, true), numpy], rounds, false), 'NumPy page loop');
  row(`max projection of the ${size} BigTIFF, repeat (its hash known)`, alternate([project('cellpilot tool project', input, false), numpy], rounds, false), 'NumPy page loop');
  if (pythonPeer(['PIL'])) return void console.log('(the multi-page LZW row needs Pillow: apt-get install -y python3-pil)');
  const lzw = join(dir, 'big-lzw.tif');
  const made = spawnSync(PYTHON, ['-c', LZW_MOVIE, String(Number(process.env.BENCH_BIG_LZW_FRAMES ?? 1200)), lzw], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`the LZW movie could not be written: ${made.stderr.trim().split('\n').pop()}`);
  const pil: Side = { label: 'Pillow page loop', command: PYTHON, args: ['-c', PIL_MAX, lzw, peerOut], before: cold(lzw) };
  row(`max projection of a ${formatBytes((await stat(lzw)).size)} multi-page LZW TIFF (1200 x 2048² uint16), first command`, alternate([project('cellpilot tool project', lzw, true), pil], 1, false), 'Pillow page loop');
  await rm(lzw, { force: true });
}

/** Prints why the > 4 GiB rows stopped, and a summary row that says so (no figure), instead of ending the area. */
function bigRowFailed(err: Error): void {
  console.log(`\nthe > 4 GiB rows stopped: ${err.message}`);
  summaryRow({ criterion: 'memory-bounded', work: `> 4 GiB rows (bounded memory, big projections): stopped, ${err.message}`, metric: 'memory / CPU, whole command', ours: 'n/a', peer: 'n/a', ratio: null, goal: '>= 1.0 (bounded, < 500 MB)', load: loadavg()[0] });
}

export async function run(): Promise<void> {
  const missing = pythonPeer(['numpy', 'tifffile']);
  const dir = await mkdtemp(join(tmpdir(), 'cellpilot-bench-image-'));
  const big = (process.env.CELLPILOT_BENCH_BIG === '1' || process.argv.includes('--big')) && wanted('big');
  try {
    // the 300-frame rows first, the > 4 GiB rows (minutes of disk reads, and at load 30 more than the
    // 900 s a run was given: stop 24 lost every row after them) last; every figure is a fresh process's
    const input = join(dir, 'sim.tif');
    // (the rows of the real movie alone need no simulated one)
    if (['rw', 'export', 'export-first', 'project', 'project-first', 'project-pages', 'info'].some(wanted)) await makeMovie(input);
    console.log(`movie I/O: fresh process per run, ${ROUNDS} rounds of both sides back to back (alternating order) after one warm-up, the median of the rounds' ratios; ${loadNote()}`);
    if (missing) console.log(missing);
    else await compare(dir, input);
    await rm(input, { force: true });
    // a big row that fails (a side past its timeout) is reported as such
    if (big) await benchBig(dir).catch((err: Error) => bigRowFailed(err));
    else console.log('(> 4 GiB read-invert-write skipped: set CELLPILOT_BENCH_BIG=1 or pass --big)');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const args = childArgs();
if (args) await child(args);
else if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) await run();
