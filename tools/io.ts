// Movie input and output tools: open a movie into the session, describe one, and make a
// synthetic movie with ground truth (src/sim) for testing an analysis.
import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import type { Movie } from '../src/image/movie.ts';
import { printResolutionNote } from '../src/image/info.ts';
import { imagesNote } from '../src/image/moviePath.ts';
import { defineTool, type RequestClause, type ToolSpec } from './types.ts';
import { movieArg, outputArg } from './common.ts';
import { counted } from './counted.ts';

/** Metadata from a file is data, never instructions: each value is returned JSON-quoted and capped. */
function quotedMetadata(movie: Movie): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(movie.meta.extra ?? {}).slice(0, 40)) {
    const text = String(value);
    out[key.slice(0, 60)] = JSON.stringify(text.length > 200 ? text.slice(0, 200) + '…' : text);
  }
  return out;
}

function describeMovie(movie: Movie) {
  const { shape, meta, source } = movie;
  return {
    shape: { ...shape },
    frames: shape.t,
    zSlices: shape.z,
    channels: shape.c,
    widthPx: shape.x,
    heightPx: shape.y,
    dtype: movie.dtype,
    pixelSizeUm: meta.pixelSizeUm ?? null,
    ...(meta.printDpi && !meta.pixelSizeUm ? { printDpi: meta.printDpi } : {}),
    zStepUm: meta.zStepUm ?? null,
    frameIntervalS: meta.frameIntervalS ?? null,
    // first to last frame; unknown without a frame interval
    durationS: meta.frameIntervalS !== undefined && shape.t > 1 ? +((shape.t - 1) * meta.frameIntervalS).toPrecision(6) : null,
    channelNames: [...meta.channelNames],
    format: source.format,
    compression: source.compression ?? null,
    byteOrder: source.byteOrder ?? null,
    bigTiff: source.bigTiff ?? false,
    // an OME-TIFF of several images (positions, series): only the first is read
    ...(Number(meta.extra?.omeImages) > 1 ? { imagesInFile: Number(meta.extra?.omeImages) } : {}),
  };
}


function calibrationText(info: ReturnType<typeof describeMovie>): string {
  const parts = [
    `${info.frames} frame${info.frames === 1 ? '' : 's'}`,
    ...(info.zSlices > 1 ? [`${info.zSlices} z slices`] : []),
    `${info.channels} channel${info.channels === 1 ? '' : 's'} (${info.channelNames.map((n) => JSON.stringify(n)).join(', ')})`,
    `${info.widthPx}x${info.heightPx} px`,
    info.dtype,
  ];
  const calibration = [
    info.pixelSizeUm !== null ? `${+info.pixelSizeUm.toPrecision(4)} µm/px` : `pixel size unknown${info.printDpi ? ` (${printResolutionNote(info.printDpi)})` : ''}`,
    ...(info.zSlices > 1 ? [info.zStepUm !== null ? `z step ${+info.zStepUm.toPrecision(4)} µm` : 'z step unknown'] : []),
    ...(info.frames > 1 ? [info.frameIntervalS !== null ? `${+info.frameIntervalS.toPrecision(4)} s between frames` : 'frame interval unknown'] : []),
    ...(info.durationS !== null ? [`${durationText(info.durationS)} from first to last frame`] : []),
  ];
  const note = imagesNote(info.imagesInFile);
  return `${parts.join(', ')}; ${calibration.join(', ')}${note ? `. Note: ${note}` : ''}`;
}

/** A duration in the largest unit that keeps it readable: 90 s, 12.5 min, 3.2 h. */
function durationText(seconds: number): string {
  if (seconds < 120) return `${+seconds.toPrecision(4)} s`;
  if (seconds < 7200) return `${+(seconds / 60).toPrecision(4)} min`;
  return `${+(seconds / 3600).toPrecision(4)} h`;
}

/** The movie file the words name. */
function readLoadRequest(c: RequestClause): Record<string, unknown> {
  // ("load my movie", "how do I open a file?": no file named, so which one is asked, with the kinds opened)
  const kind = /\.([a-z0-9]{2,5})\b/i.exec(c.text)?.[1];
  const readable = !kind || /^(?:tiff?|ome|btf)$/i.test(kind);
  if (!c.paths[0]) return { $ask: `${readable ? '' : `.${kind} files are not read here: save it as OME-TIFF first (Fiji: open it with Bio-Formats, then File > Save As > OME-TIFF). `}Which file should I open? Give its path, e.g. "load ~/data/cells.tif" (TIFF, OME-TIFF, an ImageJ hyperstack, or a folder of one TIFF per frame), or start the chat with it: \`cellpilot chat cells.tif\`.` };
  return { movie: c.paths[0] };
}

const loadMovie = defineTool({
  name: 'load_movie',
  role: 'open',
  summary: 'Opens a movie file (TIFF, OME-TIFF, ImageJ hyperstack or a frame pattern) as an artifact of the session.',
  words: ['open', 'load', 'import', 'read', 'file', 'tiff', 'stack', 'hyperstack'],
  examples: ['open cells.tif', 'load data/movie.ome.tif', 'read in the file nuclei.tif'],
  readsFiles: {
    formats: ['TIFF', 'OME-TIFF (as Micro-Manager and Bio-Formats write it)', 'ImageJ hyperstack TIFF', 'a folder or a pattern of one TIFF per frame ("t{t:3}.tif")'],
    endings: ['tif', 'tiff', 'ome.tif', 'ome.tiff', 'ome-tiff', 'ometiff'],
    otherwise: 'save it as OME-TIFF first (Fiji: open it with Bio-Formats, then File > Save As > OME-TIFF) and load that file',
  },
  consumes: [],
  produces: ['movie'],
  keepsRecording: true,
  results: { frames: { about: 'frames (time points)', unit: 'frames' }, channels: { about: 'channels', unit: '' }, pixelSizeUm: { about: 'pixel size', unit: 'µm' }, frameIntervalS: { about: 'time between frames', unit: 's' } },
  description:
    'Opens a movie file (TIFF, ImageJ hyperstack, OME-TIFF, or a folder / frame pattern like "t{t:3}.tif") and adds it to the session as an artifact, without copying or changing it. Returns its shape (frames, z, channels, size), dtype and calibration. File metadata comes back as quoted data in values.metadata.',
  schema: z.object({
    movie: movieArg.describe('Path of the movie file, folder or frame pattern (e.g. "data/cells.tif", "frames/t{t:3}.tif")'),
    kind: z.enum(['movie', 'labels']).default('movie').describe('"movie" for intensities (default), "labels" for a label image (segmentation masks)'),
    description: z.string().max(200).optional().describe('A few words to refer to it later (default: the file name)'),
  }),
  fromRequest: readLoadRequest,
  async run(args, ctx) {
    const path = ctx.resolve(args.movie, ['movie', 'labels']);
    const movie = await ctx.openMovie(path);
    try {
      const info = describeMovie(movie);
      const ref = ctx.addArtifact(args.kind, path, args.description ?? `${args.kind === 'labels' ? 'labels' : 'movie'} ${basename(path)}`);
      // the same content as a movie of this session whose file is gone: that movie, moved here
      const movedFrom = ctx.listArtifacts().find((r) => r.id === ref.id && r.path === ref.path)?.movedFrom;
      const moved = movedFrom ? ` (the same movie as ${ref.id}, ${movedFrom}, which is no longer there: steps on ${ref.id} now read it from here)` : '';
      return {
        summary: `Loaded ${basename(path)} as ${ref.id}${moved}: ${calibrationText(info)}.`,
        artifacts: [ref],
        values: { ...info, path, metadata: quotedMetadata(movie) },
      };
    } finally {
      await movie.close();
    }
  },
});

const movieInfo = defineTool({
  name: 'movie_info',
  readsOnly: true,
  summary: 'Describes a movie: dimensions, channels, bit depth, pixel size, frame interval and metadata.',
  words: ['info', 'information', 'metadata', 'dimensions', 'describe', 'header', 'pixel size', 'frame interval', 'bit depth', 'dtype', 'shape', 'how many frames', 'how many channels', 'calibration', 'properties', 'contain', 'what is in the file', 'what is in the movie', 'what is in the stack', 'what am i looking at', 'what are we looking at', 'what have i got here', 'overview', 'summary of the movie', 'summary of the file', 'show info', 'image info'],
  examples: ['what is in this movie?', 'how many frames does it have?', 'what is the pixel size?', 'describe the file', 'show the metadata', 'what does the stack contain'],
  consumes: ['movie'],
  produces: [],
  results: {
    frames: { about: 'frames (time points)', unit: 'frames', example: 40, words: ['frames', 'time points', 'timepoints', 'time frames', 'how many images', 'in frames', 'timelapse', 'time lapse', 'time series'] },
    zSlices: { about: 'z slices (planes) of the z-stack', unit: '', example: 1, words: ['z', 'z slices', 'slices', 'planes', 'z planes', 'focal planes', 'optical sections', 'sections', '3d', '2d', 'z stack', 'zstack', 'z dimension', 'volume', 'volumetric'] },
    channels: { about: 'channels', unit: '', example: 2, words: ['channels', 'colours', 'colors', 'wavelengths', 'fluorophores', 'multichannel', 'multi channel'] },
    channelNames: { about: 'names of the channels', words: ['channel names', 'channels called', 'channels named', 'names of the channels', 'which channels', 'what channels', 'which channel', 'channel'] },
    widthPx: { about: 'image width', unit: 'px', example: 256, words: ['image size', 'size', 'how many pixels', 'size of the images', 'size of the image', 'frame size', 'how big', 'how large', 'width', 'wide', 'field of view', 'fov', 'xy size', 'resolution'] },
    heightPx: { about: 'image height', unit: 'px', example: 256, words: ['height', 'tall'] },
    dtype: { about: 'pixel data type and bit depth', words: ['bit depth', 'bitdepth', '8 bit', '16 bit', '32 bit', 'data type', 'dtype', 'pixel type', 'float', 'integer'] },
    pixelSizeUm: { about: 'calibrated pixel size', unit: 'µm', example: 0.5, words: ['pixel size', 'microns per pixel', 'micron per pixel', 'um per pixel', 'nm per pixel', 'calibration', 'calibrated', 'uncalibrated', 'scale', 'pixel spacing', 'xy resolution', 'spatial resolution', 'pixel width'] },
    zStepUm: { about: 'z step', unit: 'µm', words: ['z step', 'z spacing', 'z interval', 'slice spacing', 'step size', 'z resolution', 'axial resolution', 'section thickness', 'slice thickness', 'spacing between slices', 'distance between planes'] },
    frameIntervalS: { about: 'time between frames', unit: 's', words: ['frame interval', 'how long between', 'time interval', 'imaging interval', 'acquisition interval', 'interval', 'time between frames', 'time between timepoints', 'time between time points', 'how often', 'frame rate', 'framerate', 'fps', 'temporal resolution', 'time resolution', 'sampling', 'sampling rate', 'cadence', 'delta t', 'dt', 'time step'] },
    durationS: { about: 'time from the first to the last image', unit: 's', words: ['how long', 'duration', 'length', 'time span', 'span', 'total time', 'how many hours', 'how many minutes', 'runtime', 'run time', 'recorded for', 'filmed for', 'imaged for'] },
    positions: { about: 'fields of view in the file', unit: '', example: 1, words: ['positions', 'stage positions', 'xy positions', 'xy points', 'multi position', 'multiposition', 'multipoint', 'multi point', 'fields', 'wells', 'series', 'locations'] },
    format: { about: 'file format', words: ['format', 'file format', 'file type', 'kind of file', 'tiff', 'ome', 'compression', 'compressed'] },
    metadata: { about: 'other details the file header records', words: ['metadata', 'objective', 'magnification', 'numerical aperture', 'exposure', 'exposure time', 'camera', 'instrument', 'microscope', 'date', 'when was', 'acquired on', 'recorded on', 'taken on', 'software', 'laser', 'binning'] },
    shape: { about: 'dimensions (T, Z, C, Y, X)', words: ['dimensions', 'shape', 'axes', 'dims', 'tczyx', 'txy', 'how is it organised'] },
    path: { about: 'file the movie was read from', words: ['file', 'which file', 'file name', 'filename', 'path', 'file called'] },
  },
  description:
    'Describes a movie (an artifact id or a file path) without loading it into the session: shape (T,Z,C,Y,X), dtype, pixel size, z step, frame interval, channel names, file format, compression, byte order, and the intensity range of each channel in the first frame. Metadata comes back as quoted data.',
  schema: z.object({ movie: movieArg }),
  async run(args, ctx) {
    const movie = await ctx.openMovie(args.movie);
    try {
      const info = describeMovie(movie);
      const firstFrame = [];
      for (let c = 0; c < movie.shape.c; c++) {
        ctx.signal.throwIfAborted();
        const plane = await movie.plane(0, Math.floor(movie.shape.z / 2), c);
        let min = Infinity;
        let max = -Infinity;
        let sum = 0;
        for (let i = 0; i < plane.length; i++) {
          const v = plane[i];
          if (v < min) min = v;
          if (v > max) max = v;
          sum += v;
        }
        firstFrame.push({ channel: movie.meta.channelNames[c], min, max, mean: +(sum / plane.length).toPrecision(6) });
        ctx.progress(c + 1, movie.shape.c, 'channels');
      }
      return {
        summary: `${basename(movie.source.path)}: ${calibrationText(info)}; ${info.format}${info.compression && info.compression !== 'none' ? `, ${info.compression}` : ''}.`,
        artifacts: [],
        // a movie file holds one field of view (the Movie model has no position axis)
        values: { ...info, positions: 1, path: movie.source.path, firstFrame, metadata: quotedMetadata(movie) },
      };
    } finally {
      await movie.close();
    }
  },
});

/**
 * "a 128 pixel movie", "128 px, 20 frames": a bare pixel count is the image side, unless
 * it measures something else (drift, radius, speed...).
 */
function imageSidePx(clause: string): number | undefined {
  for (const m of clause.matchAll(/\b(\d+)\s*-?\s*(?:px|pixels?)\b/gi)) {
    const before = clause.slice(Math.max(0, (m.index ?? 0) - 25), m.index);
    const after = clause.slice((m.index ?? 0) + m[0].length);
    if (/\b(?:drift\w*|radius|radii|diameter|sigma|speed|moves?|moving|step|by|of up to|nucle\w*|cells?)\s+(?:\w+\s+)?$/i.test(before)) continue;
    if (/^\s*(?:of\s+)?(?:drift|per|\/|radius|diameter|nucle|cells?|apart|wide nucle|sigma|steps?)/i.test(after)) continue;
    return Number(m[1]);
  }
  return undefined;
}

/** Drift, bleaching and noise at values that show in a movie, for a simulation asked to have them with no number said. */
const SHOWN = { driftPx: 10, bleachRate: 0.02, snr: 5, divisionRate: 0.02 };

/** A simulation from its words: nuclei, frames (a count, not a range), image size, drift, bleaching, noise, divisions, seed. */
function readSimulationRequest(c: RequestClause): Record<string, unknown> {
  const qs = c.quantities;
  const args: Record<string, unknown> = {};
  const cells = qs.find((q) => q.kind === 'count' && /^\s*(?:\w+\s+)?(?:dividing\s+|moving\s+|bright\s+|fluorescent\s+)?(?:cells|nuclei|objects)/.test(q.after));
  if (cells) args.cells = cells.value;
  args.frames = qs.find((q) => q.kind === 'frames')?.value;
  const size = /\b(\d+)\s*(?:x|×|by)\s*(\d+)\b/i.exec(c.text);
  if (size) [args.width, args.height] = [Number(size[1]), Number(size[2])];
  const square = /\b(\d+)\s*(?:px|pixels?)\s*(?:square|wide|images?|frames?)\b/i.exec(c.text);
  const sidePx = size || square ? undefined : imageSidePx(c.text);
  if (!size && square) [args.width, args.height] = [Number(square[1]), Number(square[1])];
  if (sidePx !== undefined) [args.width, args.height] = [sidePx, sidePx];
  if (/\bno divisions?\b|\bwithout divisions?\b|\bnon-?dividing\b|\bdo not divide\b|\bdon't divide\b/i.test(c.text)) args.divisionRate = 0;
  // "20 dividing nuclei", "cells that divide", "with mitoses": divisions asked for, at a rate that shows them in the movie
  // (the default, 0.005 per cell per frame, often gives none in a short movie)
  else if (/\b(?:dividing|divid(?:e|es)|divisions?|mitos[ie]s|mitotic|proliferat\w*)\b/i.test(c.text) && !c.read.saysNot(/\bdivi|\bmitos/i) && !qs.some((q) => /divi\w*(?:\s+rate)?\s*(?:of|=|:)?\s*$/i.test(q.before))) args.divisionRate = SHOWN.divisionRate;
  const drift = c.read.quantity(['length', 'count'], /drift/);
  if (drift) args.driftPx = drift.value;
  else if (/\bno drift\b|\bwithout drift\b/i.test(c.text)) args.driftPx = 0;
  // "with drift and noise", "a noisy, bleaching movie": what the movie has, said without a number, at a value that shows it
  // (the defaults have none of it: no drift, no bleaching, SNR 20)
  else if (/\bdrift(?:s|ing)?\b/i.test(c.text) && !c.read.saysNot(/\bdrift/i)) args.driftPx = SHOWN.driftPx;
  if (/\bbleach(?:es|ed|ing)?\b|\bfading\b/i.test(c.text) && !c.read.saysNot(/\bbleach|\bfading/i) && !c.quantities.some((q) => /bleach\w*(?:\s+rate)?\s*(?:of|=|:)?\s*$/i.test(q.before) || /^\s*%?\s*(?:per\s+frame\s+)?bleach/i.test(q.after))) args.bleachRate = SHOWN.bleachRate;
  if (/\bnois(?:e|y)\b/i.test(c.text) && !c.read.saysNot(/\bnois/i) && !c.quantities.some((q) => /(?:snr|nois\w*)\s*(?:of|=|:)?\s*$/i.test(q.before) || /^\s*(?:snr|nois)/i.test(q.after))) args.snr = SHOWN.snr;
  const seed = /\bseed\s*(\d+)/i.exec(c.text);
  if (seed) args.seed = Number(seed[1]);
  return args;
}

const simulateMovie = defineTool({
  name: 'simulate_movie',
  summary: 'Simulates a time-lapse of moving, dividing, bleaching nuclei with drift and camera noise, with its ground truth (CTC masks, tracks, drift).',
  words: ['simulate', 'simulation', 'synthetic', 'generate data', 'generate test data', 'fake', 'demo', 'toy', 'test movie', 'sample data', 'artificial movie', 'make a movie', 'mock', 'mock data', 'mock movie', 'dummy', 'dummy data', 'phantom', 'synthetic data', 'artificial data', 'made-up data'],
  examples: ['simulate a movie with 30 dividing nuclei', 'generate a synthetic time-lapse of 50 frames', 'make me a demo movie, 128 px, 20 frames', 'create some fake data with drift'],
  consumes: [],
  produces: ['movie', 'labels', 'table'],
  truth: ['labels', 'table'],
  keepsRecording: true,
  results: { frames: { about: 'frames simulated', unit: 'frames' }, cellsFirst: { about: 'nuclei in the first frame', unit: '' }, cellsLast: { about: 'nuclei in the last frame', unit: '' }, divisions: { about: 'divisions', unit: '' }, maxDriftPx: { about: 'largest stage drift', unit: 'px' } },
  description:
    'Makes a synthetic live-cell movie with known ground truth, to test or compare analysis steps: fluorescent nuclei that move, grow and divide, with optional stage drift, photobleaching, camera noise at a chosen SNR, a brightfield channel and z planes. Writes the movie (uint16 ImageJ TIFF) and a Cell Tracking Challenge truth folder (TRA/man_track.txt lineage, SEG masks, drift.csv, clean.tif). Returns the movie and the masks as artifacts and the truth folder path in values.truthDir.',
  schema: z.object({
    frames: z.number().int().min(1).max(100000).optional().describe('Number of time points; default 50'),
    width: z.number().int().min(16).max(16384).optional().describe('Image width, px; default 256'),
    height: z.number().int().min(16).max(16384).optional().describe('Image height, px; default 256'),
    cells: z.number().int().min(0).max(60000).optional().describe('Cells at the start; default 30'),
    seed: z.number().int().optional().describe('Random seed: the same seed and options give the same movie; default 1'),
    driftPx: z.number().min(0).optional().describe('Largest stage drift from the first frame, px (sub-pixel random walk plus trend); default 0'),
    bleachRate: z.number().min(0).lt(1).optional().describe('Fraction of fluorescence lost per frame (exponential photobleaching); default 0'),
    snr: z.number().gt(0).optional().describe('Signal-to-noise ratio: peak nucleus signal over the noise SD; default 20'),
    divisionRate: z.number().min(0).max(1).optional().describe('Chance per cell per frame of entering mitosis (it divides mitosisFrames later); default 0.005'),
    brightfield: z.boolean().optional().describe('Add a brightfield channel (and truth/nuclei.tif, the true nuclei signal, for artificial labelling); default false'),
    z: z.number().int().min(1).max(500).optional().describe('Number of z planes; default 1'),
    zStepUm: z.number().gt(0).optional().describe('Distance between z planes, µm; default 1.5'),
    pixelSizeUm: z.number().gt(0).optional().describe('Pixel size, µm; default 0.5'),
    frameIntervalS: z.number().gt(0).optional().describe('Time between frames, s; default 60'),
    nucleusRadiusPx: z.number().min(1).optional().describe('Mean nucleus radius at birth, px; default 8'),
    speedPx: z.number().min(0).optional().describe('RMS cell speed, px per frame; default 1'),
    crowding: z.number().min(0).max(1).optional().describe('0 = cells spread out, 1 = clustered and touching; default 0.2'),
    mitosisFrames: z.number().int().min(1).max(1000).optional().describe('Frames a cell spends rounded and bright in mitosis before it splits; default 3'),
    output: outputArg.describe('Where to write the movie (.tif); default: a new file in the session folder'),
    truth: z.string().min(1).optional().describe('Folder for the ground truth; default: next to the movie, named after it with "-truth"'),
  }),
  fromRequest: readSimulationRequest,
  async run(args, ctx) {
    const { simulateToFiles } = await import('../src/sim/truth.ts');
    const { resolveSimOptions } = await import('../src/sim/simulate.ts');
    const { output, truth, ...options } = args;
    const resolved = resolveSimOptions(options);
    const moviePath = ctx.outputPath(`simulated-seed${resolved.seed}.tif`, output);
    const truthDir = ctx.outputPath('truth', truth ?? join(dirname(moviePath), `${basename(moviePath, extname(moviePath))}-truth`));
    const files = await simulateToFiles(options, moviePath, truthDir, {
      signal: ctx.signal,
      onProgress: (done, total) => ctx.progress(done, total, 'frames'),
    });
    const movieRef = ctx.addArtifact('movie', moviePath, `simulated movie (seed ${resolved.seed})`);
    const labelsRef = ctx.addArtifact('labels', join(truthDir, 'SEG'), `true nucleus masks of the simulated movie (seed ${resolved.seed})`);
    const driftRef = ctx.addArtifact('table', join(truthDir, 'drift.csv'), `true drift of the simulated movie (seed ${resolved.seed})`);
    const maxDriftPx = Math.max(...files.drift.map((r) => Math.hypot(r.dxPx, r.dyPx)));
    return {
      summary:
        `Simulated ${counted(files.frames, 'frame')} of ${resolved.width}x${resolved.height} px with ${files.cellsFirst} nuclei` +
        `${files.divisions > 0 ? ` growing to ${files.cellsLast} (${files.divisions} division${files.divisions === 1 ? '' : 's'})` : ' (no divisions)'}${maxDriftPx > 0 ? `, drift up to ${maxDriftPx.toFixed(1)} px` : ''}${resolved.bleachRate > 0 ? `, bleaching ${(resolved.bleachRate * 100).toPrecision(3)}% per frame` : ''}, SNR ${resolved.snr}; the ground truth is in ${truthDir}.`,
      artifacts: [movieRef, labelsRef, driftRef],
      values: {
        moviePath,
        truthDir,
        manTrack: join(truthDir, 'TRA', 'man_track.txt'),
        driftCsv: join(truthDir, 'drift.csv'),
        cleanMovie: join(truthDir, 'clean.tif'),
        ...(resolved.brightfield ? { nucleiMovie: join(truthDir, 'nuclei.tif') } : {}),
        frames: files.frames,
        tracks: files.lineage.length,
        divisions: files.divisions,
        cellsFirst: files.cellsFirst,
        cellsLast: files.cellsLast,
        maxDriftPx: +maxDriftPx.toFixed(3),
        seed: resolved.seed,
        snr: resolved.snr,
      },
    };
  },
});

export const tools: ToolSpec[] = [loadMovie, movieInfo, simulateMovie] as unknown as ToolSpec[];
