// `cellpilot simulate --out movie.tif --truth gt/ [options]`: writes a synthetic movie and
// its Cell Tracking Challenge ground truth, frame by frame.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCommandLine } from './commandLine.ts';
import { InputError } from '../errors.ts';
import type { SimOptions } from '../sim/simulate.ts';

/** Numeric flags and the SimOptions field each sets. */
const NUMBER_FLAGS = {
  frames: 'frames',
  cells: 'cells',
  seed: 'seed',
  'drift-px': 'driftPx',
  'bleach-rate': 'bleachRate',
  snr: 'snr',
  'division-rate': 'divisionRate',
  z: 'z',
  'z-step-um': 'zStepUm',
  'pixel-size-um': 'pixelSizeUm',
  'interval-s': 'frameIntervalS',
  'radius-px': 'nucleusRadiusPx',
  'speed-px': 'speedPx',
  crowding: 'crowding',
  'mitosis-frames': 'mitosisFrames',
} as const satisfies Record<string, keyof SimOptions>;

export const OPTIONS_HELP = `options:
  --out FILE.tif          the movie to write (uint16 ImageJ hyperstack)
  --truth DIR             ground truth folder (TRA/, SEG/, drift.csv, clean.tif)
  --frames N              time points (50)
  --size WxH              field of view in pixels (256x256)
  --cells N               cells at the start (30)
  --seed S                random seed; the same seed gives the same movie (1)
  --drift-px D            largest stage drift from frame 0, px (0)
  --bleach-rate R         fraction of fluorescence lost per frame (0)
  --snr S                 peak nucleus signal over noise SD (20)
  --division-rate P       chance per cell per frame of entering mitosis (0.005)
  --brightfield           add a brightfield channel and gt/nuclei.tif
  --z N                   z planes (1), --z-step-um (1.5)
  --pixel-size-um (0.5) --interval-s (60) --radius-px (8) --speed-px (1) --crowding 0..1 (0.2) --mitosis-frames (3)
  --overwrite             replace an existing --out file (refused otherwise: raw data is never overwritten by accident)
  --json                  print the result as one JSON document`;

function parseNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new InputError(`--${flag} expects a number, got "${text}"`);
  return value;
}

function parseSize(text: string): { width: number; height: number } {
  const match = /^\s*(\d+)\s*(?:[x×X,]\s*(\d+))?\s*$/.exec(text);
  if (!match) throw new InputError(`--size expects WIDTHxHEIGHT in pixels (e.g. 256x256), got "${text}"`);
  const width = Number(match[1]);
  return { width, height: match[2] === undefined ? width : Number(match[2]) };
}

/**
 * `--cells -4` reads to util.parseArgs as an option named -4 ("argument is ambiguous"); joined as
 * `--cells=-4` the value reaches the range check, which says what is allowed.
 */
function attachNegativeValues(argv: string[], numberFlags: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i].startsWith('--') ? argv[i].slice(2) : '';
    if (numberFlags.includes(flag) && /^-\d|^-\.\d/.test(argv[i + 1] ?? '')) out.push(`${argv[i]}=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

export interface SimulateArgs {
  out: string;
  truth: string;
  json: boolean;
  /** Replace an existing --out file; without it an existing file is refused. */
  overwrite: boolean;
  options: SimOptions;
}

export function parseSimulateArgs(argv: string[]): SimulateArgs {
  const options = Object.fromEntries(
    [...Object.keys(NUMBER_FLAGS), 'out', 'truth', 'size'].map((name) => [name, { type: 'string' as const }]),
  );
  const parsed = parseCommandLine(
    { args: attachNegativeValues(argv, Object.keys(NUMBER_FLAGS)), options: { ...options, brightfield: { type: 'boolean' }, json: { type: 'boolean' }, overwrite: { type: 'boolean' } }, strict: true, allowPositionals: false },
    'run "cellpilot simulate --help" for the options',
  );
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const out = values.out as string | undefined;
  const truth = values.truth as string | undefined;
  if (!out) throw new InputError('--out is required: name the movie file to write, e.g. --out movie.tif');
  if (!truth) throw new InputError('--truth is required: name the ground-truth folder, e.g. --truth gt/');
  if (!/\.tiff?$/i.test(out)) throw new InputError(`--out must be a .tif file, got "${out}"`);
  const sim: SimOptions = {};
  for (const [flag, field] of Object.entries(NUMBER_FLAGS)) {
    const text = values[flag];
    if (typeof text === 'string') (sim as Record<string, number>)[field] = parseNumber(flag, text);
  }
  if (typeof values.size === 'string') Object.assign(sim, parseSize(values.size));
  if (values.brightfield) sim.brightfield = true;
  return { out, truth, json: values.json === true, overwrite: values.overwrite === true, options: sim };
}

export async function run(argv: string[]): Promise<number> {
  const args = parseSimulateArgs(argv);
  const { resolveSimOptions } = await import('../sim/simulate.ts');
  resolveSimOptions(args.options);
  const { simulateToFiles } = await import('../sim/truth.ts');
  const { rm, stat } = await import('node:fs/promises');
  if (existsSync(args.out) && !args.overwrite) throw new InputError(`--out ${args.out} already exists: choose a new file name, or add --overwrite to replace it`);
  const truthExisted = existsSync(args.truth);
  if (truthExisted && !(await stat(args.truth)).isDirectory()) throw new InputError(`--truth ${args.truth} is a file, not a folder`);
  const showProgress = process.stderr.isTTY && !args.json;
  let files;
  try {
    files = await simulateToFiles(args.options, resolve(args.out), resolve(args.truth), {
      onProgress: showProgress ? (done, total) => process.stderr.write(`\rsimulating frame ${done}/${total}`) : undefined,
    });
  } catch (err) {
    if (!truthExisted) await rm(args.truth, { recursive: true, force: true });
    throw err;
  } finally {
    if (showProgress) process.stderr.write('\n');
  }
  const maxDriftPx = Math.max(...files.drift.map((r) => Math.hypot(r.dxPx, r.dyPx)));
  const report = {
    ok: true,
    movie: files.moviePath,
    truth: files.truthDir,
    frames: files.frames,
    tracks: files.lineage.length,
    divisions: files.divisions,
    cellsFirst: files.cellsFirst,
    cellsLast: files.cellsLast,
    maxDriftPx: Number(maxDriftPx.toFixed(3)),
  };
  if (args.json) process.stdout.write(JSON.stringify(report) + '\n');
  else {
    process.stdout.write(
      `wrote ${args.out} (${files.frames} frames) and ground truth in ${args.truth}: ` +
        `${files.cellsFirst} cells at the start, ${files.cellsLast} at the end, ${files.divisions} divisions, ${files.lineage.length} tracks, drift up to ${report.maxDriftPx} px\n`,
    );
  }
  return 0;
}
export const help = OPTIONS_HELP;
