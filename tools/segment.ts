// The segment tool: nuclei or cells as a label movie, by a classical pipeline
// (smoothing, Otsu / Li / triangle / manual threshold, fill holes, distance-transform
// watershed to split touching objects, size filters) or by the project's ONNX model.
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { movieStem } from '../src/image/moviePath.ts';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InputError, WorkError } from '../src/errors.ts';
import type { DType, Movie, PlaneData } from '../src/image/movie.ts';
import { chooseSegmentParameters, describeChosen, describeOutlineRule, resolveSegmentMethod, sampleMoviePlanes, sizeWarning, type ChosenParameters, type SamplePlane } from '../src/analysis/seg-auto.ts';
import type { SegmentOptions } from '../src/analysis/seg-plane.ts';
import type { SegmentMovieOptions } from '../src/analysis/segment.ts';
import { median } from '../src/analysis/quickselect.ts';
import { constantValue } from '../src/analysis/threshold.ts';
import { channelArg, channelFact, channelIndex, channelName, frameRange, frameRangeArg, movieArg, outputArg } from './common.ts';
import { counted } from './counted.ts';
import { defineTool, type RequestClause, type RequestQuantity, type ToolContext, type ToolSpec } from './types.ts';
import { boundSaidAfter, formatNumber, micrometres, pixelsFromMicrometres, SAYS_BIG, VAGUE_SIZE_LEFT_OUT_BY_VERB } from './requestWords.ts';

const schema = z.object({
  movie: movieArg,
  channel: channelArg.optional().describe('Channel to segment, 1-based as in Fiji or by name (e.g. "DAPI"); default 1'),
  method: z
    .enum(['auto', 'otsu', 'li', 'triangle', 'manual', 'model', 'log'])
    .default('auto')
    .describe('How to find objects: "auto" (default: Otsu, or triangle where Otsu would miss dim objects, chosen from the movie; see the result\'s methodReason), a global threshold as in Fiji/scikit-image ("otsu", "li", "triangle", "manual" with `threshold`), "model" for the deep-learning nucleus segmenter, or "log" for TrackMate\'s Laplacian of Gaussian detector (blur at objectRadiusPx / sqrt 2 px, local maxima above a quality threshold, each one a disc of radius objectRadiusPx px; default radius 0.2 µm where the pixel size is known, else measured on the movie)'),
  target: z
    .enum(['auto', 'nuclei', 'cells'])
    .default('auto')
    .describe('What the objects are: "nuclei", whole "cells" (a cytoplasmic or membrane label, with protrusions), or "auto" (default: told from the movie, by how convex its objects are; nuclei where unsure). For whole cells, method "auto" runs the whole-cell model where it measured better than the classical pipeline on held-out real frames, and "model" runs it always; the result says which ran and why'),
  objects: z
    .enum(['auto', 'bright', 'dark'])
    .default('auto')
    .describe('Whether objects are "bright" on a dark background (fluorescence) or "dark" on a bright one (phase contrast, brightfield); default detected from the movie, and where bright objects leave most of the signal out as one network (a membrane stain outlining the cells), the dark regions it encloses are taken when they look like cells (the result says so)'),
  membraneStain: z.boolean().optional().describe('Whether the stain marks the cells\' membranes (bright outlines, dim interiors, e.g. a membrane dye or marker): true segments the cells by a seeded watershed on the membrane signal (one seed per cell, as MorphoLibJ\'s Morphological Segmentation or CellProfiler\'s Propagate); default chosen from the movie where a bright network leaves most of the signal out (the result says which rule ran and why)'),
  objectRadiusPx: z.number().positive().max(1000).optional().describe('Typical object radius, pixels; default estimated from the movie (smoothing, seed spacing, area limits and the model\'s input scale follow from it)'),
  threshold: z.number().optional().describe('Intensity threshold for method "manual", in the movie\'s grey levels (pixels brighter than it are objects)'),
  qualityThreshold: z.number().min(0).optional().describe('For method "log": the smallest quality (the LoG response at a spot, grey levels, about half a matched spot\'s amplitude over its surroundings) a spot must have, as TrackMate\'s quality threshold; default 5 times the noise of the response'),
  sigmaPx: z.number().min(0).max(100).optional().describe('Gaussian smoothing or blur before thresholding, pixels (0 = none); default a sixth of the object radius; not used by method "model"'),
  minAreaPx: z.number().min(0).optional().describe('Drop objects smaller than this, pixels (minimum size); default a fifth of a typical object\'s area'),
  maxAreaPx: z.number().min(0).optional().describe('Drop objects larger than this, pixels (maximum size); default 30 typical objects\' area'),
  minTypicalShare: z.number().positive().max(100).optional().describe('Share of a typical object (its area pi r^2, r measured on the movie, or objectRadiusPx) under which objects are dropped, e.g. 0.33 for "drop the tiny ones"; the bound it comes to is said with the result; minAreaPx wins when both are given'),
  maxTypicalShare: z.number().positive().max(1000).optional().describe('Multiple of a typical object (its area pi r^2, r measured on the movie, or objectRadiusPx) over which objects are dropped, e.g. 1.5 for "bigger than a typical nucleus"; the bound it comes to is said with the result; maxAreaPx wins when both are given'),
  minMean: z.number().min(0).optional().describe('Mean intensity floor: objects whose mean over their pixels is under this are dropped (in the movie\'s grey levels, the channel segmented as recorded; e.g. 300 for "leave out anything dimmer than 300"); default none; not used by method "model"'),
  splitTouching: z.boolean().default(true).describe('Split touching objects by a distance-transform watershed (as Fiji\'s Binary > Watershed); default true'),
  splitBy: z
    .enum(['distance', 'intensity'])
    .optional()
    .describe('What separates touching objects: "distance" (shape; maxima of the distance map, default) or "intensity" (bright centres, CellProfiler-style)'),
  minSeedDistancePx: z.number().int().min(1).optional().describe('Seed spacing (seeds: the centres the watershed splits from): smallest distance between the centres of two split objects, pixels (peak_local_max min_distance); default the object radius; not used by method "model"'),
  minSeedDepthPx: z.number().min(0).optional().describe('How far each of two touching pieces must bulge beyond the waist between them to stay two objects, pixels of the distance map (h-maxima); 0 splits at every seed; default 0.15 of the object radius for target "cells", 0 for nuclei; not used by method "model"'),
  excludeBorder: z.boolean().optional().describe('Drop objects touching the image edge; default false'),
  frames: frameRangeArg.optional().describe('Frames to segment, 1-based inclusive as in Fiji; default all'),
  output: outputArg.describe('Where to write the label movie (.tif); default a new file in the session folder'),
});

type Args = z.infer<typeof schema>;

/**
 * "Found 6 objects per frame on average (5 to 7) in 10 frames". A z-stack's slices are segmented one
 * by one and their objects joined through z (src/analysis/seg-zlink.ts), so its counts are of 3-D objects.
 */
/**
 * The parameters a biologist checks, in one phrase: the object size (in µm where the pixel size is known), dark objects,
 * the smoothing and the sizes kept, said as chosen from the movie or given; a doubt about the size stays. How each was
 * chosen is in the result's details.
 */
function keyParameters(chosen: ChosenParameters, byModel: boolean): string {
  const estimated = chosen.sources.objectRadiusPx === 'estimated';
  const radiusUm = chosen.pixelSizeUm ? chosen.objectRadiusPx * chosen.pixelSizeUm : undefined;
  const um = radiusUm === undefined ? '' : ` (${+radiusUm.toPrecision(3)} µm${radiusUm < 0.3 || radiusUm > 50 ? ', implausible for a cell or nucleus: check the pixel size in the file, or give objectRadiusPx' : ''})`;
  const parts = [
    `object radius ${chosen.objectRadiusPx} px${um}`,
    ...(chosen.objects === 'dark' ? ['dark objects on a bright background'] : []),
    ...(byModel ? [] : [`smoothing ${chosen.sigmaPx} px`]),
    `areas ${chosen.minAreaPx}-${Number.isFinite(chosen.maxAreaPx) ? chosen.maxAreaPx : 'any'} px`,
  ];
  return `Parameters${estimated ? ' chosen from the movie' : ''}: ${parts.join(', ')}${sizeWarning(chosen)}`;
}

function foundSentence(counts: ReturnType<typeof summarise>, frames: number, slices: number): string {
  const inFrames = `in ${counted(frames, 'frame')}`;
  if (slices <= 1) return `Found ${counted(counts.mean, 'object')} per frame on average (${counts.min} to ${counts.max}) ${inFrames}`;
  return `Found ${counted(counts.mean, '3-D object')} per frame on average (${counts.min} to ${counts.max}) ${inFrames} x ${slices} z slices (each slice segmented on its own, its objects joined with those they overlap in the next slice)`;
}

/** The one value every pixel of every plane holds, or undefined when the planes show anything. */
function uniformValue(planes: PlaneData[]): number | undefined {
  const values = planes.map(constantValue);
  return values.length > 0 && values.every((v) => v !== undefined && v === values[0]) ? values[0] : undefined;
}

/**
 * A field this much at the file's highest value (255 in 8-bit, 65535 in 16-bit files) is saturated in part: objects
 * there are one flat plateau and the background estimate is off (issue 12, stop 41: MSC-02 with an uneven background
 * added and written as 16-bit clips a third of the field; the defaults then found 147 fragments, TRA 0, and said
 * nothing). Bright nuclei saturating at their cores stay well under it (MSC-02 as stored: 0 %, its brightest 65280).
 */
const SATURATED_SHARE = 0.05;

/** The share of the sampled pixels at the integer type's highest value, where it reaches SATURATED_SHARE; else undefined. */
export function saturatedShare(planes: PlaneData[], dtype: DType): { share: number; value: number } | undefined {
  const value = dtype === 'uint8' ? 255 : dtype === 'uint16' ? 65535 : undefined;
  if (value === undefined) return undefined;
  let at = 0;
  let n = 0;
  for (const p of planes) {
    for (let i = 0; i < p.length; i++) if (p[i] === value) at++;
    n += p.length;
  }
  const share = n ? at / n : 0;
  return share >= SATURATED_SHARE ? { share, value } : undefined;
}

function summarise(objectsPerFrame: number[]) {
  const total = objectsPerFrame.reduce((a, b) => a + b, 0);
  const mean = objectsPerFrame.length ? total / objectsPerFrame.length : 0;
  return { total, mean: +mean.toFixed(2), min: Math.min(...objectsPerFrame), max: Math.max(...objectsPerFrame) };
}

/** The deep-learning route, provided by src/analysis/segmentModel.ts (the ONNX area), at the object scale chosen from the movie. */
async function segmentByModel(movie: Movie, channel: number, frames: [number, number], outputPath: string, args: Args, chosen: ChosenParameters, ctx: ToolContext, modelName?: string) {
  const moduleUrl = new URL('../src/analysis/segmentModel.ts', import.meta.url);
  if (!existsSync(fileURLToPath(moduleUrl))) {
    throw new WorkError('the model segmenter is not installed in this build: use method "otsu" (or "li", "triangle") instead');
  }
  const mod: { segmentWithModel?: Function } = await import(moduleUrl.href);
  if (typeof mod.segmentWithModel !== 'function') throw new WorkError('the model segmenter is not installed in this build: use method "otsu" instead');
  const result = (await mod.segmentWithModel(movie, {
    modelName,
    channel,
    frames,
    outputPath,
    objectRadiusPx: chosen.objectRadiusPx,
    minAreaPx: chosen.minAreaPx,
    maxAreaPx: chosen.maxAreaPx,
    excludeBorder: args.excludeBorder,
    signal: ctx.signal,
    onProgress: (done: number, total: number) => ctx.progress(done, total, 'frames'),
  })) as { path: string; objectsPerFrame: number[]; inputScale?: number; model?: { key: string; folder: string; sha256: string } };
  return { ...result, thresholds: [] as number[] };
}

/** Fewer dark regions per frame than this are no cells enclosed by a stain (a gap or two in a bright layer). */
const MIN_ENCLOSED_PER_FRAME = 3;

/**
 * Cells outlined by a membrane stain (src/analysis/seg-membrane.ts): the cell radius given, or measured on the sampled
 * planes (the regions the membranes enclose), and a seeded watershed on the membrane signal with the size rules.
 */
/**
 * Cells outlined by a membrane stain (src/analysis/seg-membrane.ts): the cell radius given, or measured on the sampled
 * planes (the regions the membranes enclose), and the size rules; the seeded watershed on the membrane signal runs
 * with these options.
 */
async function membraneRoute(args: Args, samples: SamplePlane[], fallbackRadiusPx: number) {
  const { membraneCellRadius } = await import('../src/analysis/seg-membrane.ts');
  const measured = args.objectRadiusPx === undefined ? samples.map((s) => membraneCellRadius(s.plane, s.width, s.height)).filter((r): r is number => r !== undefined && Number.isFinite(r)) : [];
  const radiusPx = +(args.objectRadiusPx ?? (measured.length ? median(measured) : fallbackRadiusPx)).toFixed(2);
  const radiusFrom = args.objectRadiusPx !== undefined ? 'given' : measured.length ? `estimated from the regions the membranes enclose in ${counted(measured.length, 'sample frame')}` : 'from the threshold pipeline\'s size estimate (no enclosed region was found)';
  const cellArea = Math.PI * radiusPx * radiusPx;
  const minAreaPx = args.minAreaPx ?? Math.round(cellArea / 5);
  const maxAreaPx = args.maxAreaPx ?? Math.round(30 * cellArea);
  const parameters = `cell radius ${formatNumber(radiusPx)} px (${radiusFrom}), seeds at least ${Math.round(radiusPx)} px apart, minimum area ${minAreaPx} px${args.minAreaPx === undefined ? ' (a fifth of a cell\'s)' : ''}, maximum area ${maxAreaPx} px`;
  return { radiusPx, minAreaPx, maxAreaPx, parameters, options: { membraneCellRadiusPx: radiusPx, minAreaPx, maxAreaPx } as SegmentOptions };
}

async function segmentMembraneCells(movie: Movie, channel: number, frames: [number, number], outputPath: string, args: Args, settings: Awaited<ReturnType<typeof membraneRoute>>, ctx: ToolContext) {
  const result = await segmentClassical(movie, channel, frames, outputPath, args, settings.options, ctx);
  return { ...settings, result };
}

/** Why the dark regions a bright network encloses were segmented, for the answer. */
const ENCLOSED_NOTE = 'The bright signal is a network that encloses regions (a stain outlining the cells, such as a membrane dye), so the dark regions it encloses were segmented as the cells; say objects "bright" to segment the bright parts instead. ';

/** What the membrane route ran, for the answer. */
const MEMBRANE_HOW = 'a seeded watershed on the membrane signal (cells\' area above a low threshold with their interiors filled, one seed per cell in its interior, flooded up to the membranes)';

function classicalOptions(channel: number, frames: [number, number], outputPath: string, args: Args, options: SegmentOptions & { shapeModel?: string }, ctx: ToolContext): SegmentMovieOptions {
  if (options.method === 'manual' && args.threshold === undefined) {
    throw new InputError('method "manual" needs `threshold`, an intensity in the movie\'s grey levels (or use method "otsu")');
  }
  return {
    ...options,
    channel,
    frames,
    outputPath,
    threshold: args.threshold,
    splitTouching: args.splitTouching,
    splitBy: args.splitBy,
    excludeBorder: args.excludeBorder,
    minMeanIntensity: args.minMean,
    signal: ctx.signal,
    onProgress: (done, total) => ctx.progress(done, total, 'planes'),
  };
}

async function segmentClassical(movie: Movie, channel: number, frames: [number, number], outputPath: string, args: Args, options: SegmentOptions & { shapeModel?: string }, ctx: ToolContext) {
  const { segmentMovie } = await import('../src/analysis/segment.ts');
  try {
    return await segmentMovie(movie, classicalOptions(channel, frames, outputPath, args, options, ctx));
  } catch (err) {
    if (err instanceof RangeError) throw new InputError(err.message);
    throw err;
  }
}

/**
 * A classical route run on the frames its doubt is judged on only (labelCoverage.ts doubtSampleFrames), remembered so
 * that the whole movie's run with the same options does not segment them again; its doubt and its objects per frame.
 */
async function sampleClassical(movie: Movie, channel: number, frames: [number, number], args: Args, options: SegmentOptions & { shapeModel?: string }, ctx: ToolContext, doubtAs: { objects: 'bright' | 'dark'; sigmaPx: number; thresholds: boolean }) {
  const [{ segmentSampleFrames }, { doubtOfPlanes, doubtSampleFrames }] = await Promise.all([import('../src/analysis/segment.ts'), import('../src/analysis/labelCoverage.ts')]);
  const picks = doubtSampleFrames(frames[1] - frames[0] + 1);
  let sampled;
  try {
    sampled = await segmentSampleFrames(movie, classicalOptions(channel, frames, '', args, options, ctx), picks);
  } catch (err) {
    if (err instanceof RangeError) throw new InputError(err.message);
    throw err;
  }
  const doubt = await doubtOfPlanes(picks, sampled.labels, movie, channel, frames[0], 0, doubtAs.thresholds ? sampled.thresholds : [], doubtAs.objects, doubtAs.sigmaPx);
  return { doubt, objectsPerFrame: sampled.counts };
}

/** The limits a person may set that leave objects out by something other than their size: how each is said, and `args` without it. */
const ASKED_LIMITS: { said: (args: Args) => string | undefined; without: (args: Args) => Args }[] = [
  { said: (a) => (a.minMean !== undefined ? `the mean intensity floor (minMean ${formatNumber(a.minMean)}: objects whose mean grey level is under it are dropped)` : undefined), without: (a) => ({ ...a, minMean: undefined }) },
  { said: (a) => (a.excludeBorder ? 'leaving out objects that touch the image border (excludeBorder)' : undefined), without: (a) => ({ ...a, excludeBorder: false }) },
];

/**
 * Where most of the signal was left out of the objects, the limit the person set that did it (a limit whose removal
 * brings the objects back on the doubt's sample frames: the doubt clears, or the objects at least double), said as the
 * cause in place of the size bounds; undefined when none did.
 */
async function askedLimitBlamed(movie: Movie, channel: number, frames: [number, number], args: Args, options: SegmentOptions & { shapeModel?: string }, ctx: ToolContext, doubtAs: { objects: 'bright' | 'dark'; sigmaPx: number; thresholds: boolean }, doubt: { covered?: number; signal?: number }, withLimit: number[]): Promise<string | undefined> {
  const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  for (const limit of ASKED_LIMITS) {
    const said = limit.said(args);
    if (!said) continue;
    const without = await sampleClassical(movie, channel, frames, limit.without(args), options, ctx, doubtAs);
    const kept = total(withLimit);
    const found = total(without.objectsPerFrame);
    if (found === 0 || (without.doubt.kind === 'signal left out' && found < 2 * Math.max(1, kept))) continue;
    const percent = (x: number | undefined) => `${formatNumber(Math.round(100 * (x ?? 0)))}%`;
    const n = withLimit.length;
    return `The objects cover ${percent(doubt.covered)} of the frame, but ${percent(doubt.signal)} is above the threshold: ${said} left ${kept === 0 ? 'every object' : 'most objects'} out (on ${n} sampled frame${n === 1 ? '' : 's'}: ${formatNumber(kept)} object${kept === 1 ? '' : 's'} with it, ${formatNumber(found)} without it), not the size bounds. Lower it or leave it out to keep them.`;
  }
  return undefined;
}

/**
 * The model for the target (src/analysis/segmentModel.ts), chosen by evidence: under "auto" it
 * runs where its own measurement on data we did not make beat the classical pipeline; a whole-cell
 * model runs always when a model is asked for with target "cells".
 */
async function modelByEvidenceFor(target: 'nuclei' | 'cells', asked: boolean): Promise<{ useModel: boolean; key?: string; reason: string }> {
  const { modelByEvidence } = await import('../src/analysis/segmentModel.ts');
  const choice = await modelByEvidence(target);
  if (!asked) return choice;
  if (!choice.key) throw new InputError('no whole-cell segmentation model is installed: use method "auto" for the classical pipeline, or target "nuclei"');
  return { useModel: true, key: choice.key, reason: `asked for; ${choice.reason}` };
}

/** The nucleus shape model (src/analysis/seg-shape.ts), chosen by its own evidence. */
async function shapeModelFor(): Promise<{ useModel: boolean; key?: string; reason: string }> {
  const { shapeModelByEvidence } = await import('../src/analysis/seg-shape.ts');
  return shapeModelByEvidence();
}

/** Arguments the model route does not use, named so the answer can say so. */
function notForModel(args: Args): string[] {
  const unused: string[] = [];
  if (args.sigmaPx !== undefined) unused.push('sigmaPx');
  if (args.minSeedDistancePx !== undefined) unused.push('minSeedDistancePx');
  if (args.minSeedDepthPx !== undefined) unused.push('minSeedDepthPx');
  if (args.splitBy !== undefined) unused.push('splitBy');
  if (args.threshold !== undefined) unused.push('threshold');
  if (args.splitTouching === false) unused.push('splitTouching');
  if (args.minMean !== undefined) unused.push('minMean');
  return unused;
}

/**
 * An object size said in µm, as the radius in pixels: converted with the movie's pixel
 * size, or named as not applied when the movie does not say its pixel size.
 */
function radiusFromMicrometres(radiusUm: number, pixelSizeUm: number | undefined): Record<string, unknown> {
  const radiusPx = pixelsFromMicrometres(radiusUm, pixelSizeUm);
  if (radiusPx === undefined) {
    return { $note: `The movie does not record its pixel size, so the object size of ${formatNumber(radiusUm * 2)} µm across was not applied (the size was measured on the movie instead); set the pixel size (e.g. "the pixel size is 0.65 µm") and run it again.` };
  }
  return { objectRadiusPx: radiusPx, $note: `The object size of ${formatNumber(radiusUm * 2)} µm across is a radius of ${formatNumber(radiusPx)} px at ${formatNumber(pixelSizeUm!)} µm/px.` };
}

/** Words people name the LoG spot detector by (segment's method "log"). */
const LOG_WORDS = ['laplacian of gaussian', 'laplacian of gaussians', 'laplacian', 'log detector', 'log filter', 'log blob detector', 'blob detector', 'blob detection', 'spot detector', 'spot detection'];
/** The method "log" or one of its words, as written ("spots" alone is no name of it: the thesaurus reads it near "spot detection"). */
const LOG_SAID = new RegExp(String.raw`\b(?:log|${LOG_WORDS.map((w) => w.replace(/[\s-]+/g, String.raw`[\s-]+`)).join('|')})\b`, 'i');

/** What ran for a Laplacian of Gaussian detector, by either of its names ("LoG", "Laplacian of Gaussian"). */
const LOG_RAN = 'The spots were found by a Laplacian of Gaussian (LoG) detector, as TrackMate\'s (segment method "log"), each spot a disc of its radius in the label movie.';
/** What ran for a difference of Gaussians detector ("DoG", "difference of Gaussians"). */
const DOG_AS_LOG = 'A difference of Gaussians (DoG) detector, as TrackMate\'s, approximates the Laplacian of Gaussian: I ran the LoG detector itself (segment method "log"), each spot a disc of its radius in the label movie.';

/**
 * The things a spot detector finds, by the words people call them, as what is found ("detect the spots", "count the
 * foci", "track the particles", "diffraction-limited"): segment's method "log" unless nuclei or cells are named. Not
 * Fiji's "Analyze Particles", a threshold and size filter of any objects, nor spots said of something else ("like Imaris
 * spots", "spots can be missing for 3 frames": TrackMate's word for any detection).
 */
const SPOT_OBJECTS = /\b(?:detect|find|count|locate|identify|segment|pick\s+out|quantify|track|follow|link|measure|trace)\w*\s+(?:(?:the|all|each|every|any|my|these|those|of)\s+)*(?:[\w-]+\s+){0,2}?(?:spots?|puncta|punctum|foci|particles?)\b|\bdiffraction[\s-]+limited\b|\bsub-?resolution\b/i;
const NOT_SPOT_OBJECTS = /\banaly[sz]e[\s-]+particles?\b|\bspot\s+(?:nuclei|cells?|the|a|an|any|which|where|what|it|them)\b/gi;
/** Objects named that are no spots ("track the cells, TrackMate calls them spots"): the threshold pipeline's. */
/** TrackMate's "quality" of a spot said beside a threshold ("put the quality threshold manually around 33"): the detector's. */
const QUALITY_SAID = /\bquality\b/i;
const OTHER_OBJECTS = /\b(?:cells?|nuclei|nucleus|bacteria|bacterium|yeast|organoids?|colonies|colony|spheroids?|embryos?)\b/i;
/** "log" as a scale or a transform ("on a log scale", "log-transformed"), no detector. */
const LOG_NOT_METHOD = /\blog[\s-]+(?:scale|scaled|axis|axes|transform\w*|space|units?|ratio|fold|plot|likelihood|file|book)\b/gi;

/**
 * The method read from the words, with spots as a spot detector's: "log" named as a detector (its value words), or the
 * objects called spots, puncta, foci or particles with no other method said and no nuclei or cells named; a threshold
 * number said with it is the detector's quality threshold.
 */
function spotMethod(c: RequestClause, args: Record<string, unknown>): Record<string, unknown> {
  let method = args.method;
  if (method === 'log' && (!LOG_SAID.test(c.text.replace(LOG_NOT_METHOD, ' ')) || c.read.value('method', c.text.replace(LOG_NOT_METHOD, ' ')) !== 'log')) method = undefined;
  LOG_NOT_METHOD.lastIndex = 0;
  const spotsNamed = SPOT_OBJECTS.test(c.text.replace(NOT_SPOT_OBJECTS, ' '));
  if ((method === undefined || method === 'auto') && args.target === undefined && spotsNamed && !OTHER_OBJECTS.test(c.request ?? c.text)) method = 'log';
  if (method !== 'log') return method === args.method ? {} : { method };
  const out: Record<string, unknown> = { method: 'log', ...(args.threshold !== undefined ? { qualityThreshold: args.threshold, threshold: undefined } : {}) };
  return out;
}

const OBJECT_NOUNS = /^(?:cells?|nuclei|nucleus|objects?|spots?|blobs?|bacteria|bacterium|organisms?|yeast|particles?|stain|signal|they|them|these|those)$/i;
const TONE = '(?:bright(?:er)?|light(?:er)?|white|dark(?:er)?|black)';
const SUBJECT = '(they|these|those|cells?|nuclei|nucleus|objects?|spots?|blobs?|bacteria|bacterium|particles?|membranes?|background|halos?|outlines?|borders?|boundaries|edges|cytoplasm|stain|signal)';

/**
 * Whether the request says the objects are bright or dark, read from what each tone word is said of: "the cells are the
 * dark regions between the bright membranes" and "bright membranes, dark cells" are dark objects; a tone said of
 * something else (the background, membranes, halos) is the objects' opposite. Undefined when unsaid or contradictory.
 */
export function objectToneSaid(request: string): 'bright' | 'dark' | undefined {
  const said: { noun: string; tone: string }[] = [];
  // "the cells are (the) dark (regions)", "the membranes look bright"
  for (const m of request.matchAll(new RegExp(`\\b${SUBJECT}(?:\\s+(?:are|is|look|looks|appear|appears|show up|come out|stain)|['’]re|['’]s)\\s+(?:as\\s+)?(?:the\\s+|a\\s+|quite\\s+|very\\s+|rather\\s+)?(${TONE})\\b`, 'gi'))) said.push({ noun: m[1], tone: m[2] });
  // "bright membranes", "dark cells", "a light background"
  for (const m of request.matchAll(new RegExp(`\\b(${TONE})\\s+${SUBJECT}\\b`, 'gi'))) said.push({ noun: m[2], tone: m[1] });
  const votes = new Set(said.map(({ noun, tone }) => {
    const bright = /^(?:bright|light|white)/i.test(tone);
    return OBJECT_NOUNS.test(noun) === bright ? 'bright' : 'dark';
  }));
  return votes.size === 1 ? [...votes][0] : undefined;
}

/** The cells' membranes by name ("membranes", "the plasma membrane"), never a nuclear or mitochondrial one, nor "membrane potential". */
const MEMBRANE_NOUN = String.raw`(?<!\b(?:nuclear|mitochondrial|inner|outer|basement|vacuolar|er)[\s-]+)\bmembranes?\b(?![\s-]+potentials?\b)`;
/** Words that put a label on something: a stain, dye, marker, tag, reporter, probe or fluorescent protein, or its showing ("light up", "fluorescent", "bright"). */
const LABEL_WORD = String.raw`\b(?:stain(?:s|ed|ing)?|dyes?|dyed|label(?:s|led|ed|ling|ing)?|mark(?:s|ed|ers?|ing)?|tag(?:s|ged)?|reporters?|probes?|targeted|anchored|light(?:s)?\s+up|lit\s+up|fluorescent|fluoresce|glow(?:s)?|bright|visible|highlight(?:s|ed)?|(?:e|m|t|td)?(?:gfp|rfp|yfp|cfp|bfp)|mcherry|tdtomato|mneon(?:green)?|mscarlet|halo(?:tag)?|snap(?:-?tag)?)\b`;
/** Up to five words between, within one sentence. */
const NEAR = String.raw`(?:[^\w.;!?\n]+[\w'’-]+){0,5}?[^\w.;!?\n]+`;
/**
 * Words that say the stain marks the cells' membranes, so it outlines the cells: a membrane named beside a labelling word in
 * either order, within a few words of one sentence ("the stain marks the membranes", "membranes are labelled in green",
 * "it's a membrane marker", "a dye that sits in the membranes", "only the membranes light up"), cells "outlined by" a
 * stain, or a membrane dye or marker by its own name (CellMask, FM4-64, WGA, CAAX, Lyn, DiI, PKH, di-8-ANEPPS, a lipophilic dye; DiD only
 * where said as a dye, "stained with DiD", "DiD-labelled", never the verb of "how much did the stage drift").
 */
const MEMBRANE_LABEL = new RegExp(
  [
    `${MEMBRANE_NOUN}${NEAR}${LABEL_WORD}`,
    // ("the membrane channel", "the membrane signal": the channel or signal that shows the membranes)
    String.raw`${MEMBRANE_NOUN}[\s-]+(?:channel|signal|image)s?\b`,
    `${LABEL_WORD}${NEAR}${MEMBRANE_NOUN}`,
    String.raw`\boutlined\s+(?:by|with)\b`,
    String.raw`\bcell\s?mask\b|\bfm\s?[14]-(?:64|43)\b|\bwga\b|\bcaax\b|\blyn[\s-]?(?:gfp|rfp|mcherry|fp)\b|\bdi[io]\b|\bdid\b(?=[\s-]*(?:dyes?|stain\w*|label\w*|membranes?|channel|signal|[),.;]|$))|\b(?:with|using|and|or|by)\s+did\b|\bpkh\s?\d+\b|\bdi-?[48]-?ane?pp?s\b|\blipophilic\s+(?:dye|stain|tracer)s?\b`,
  ].join('|'),
  'i',
);
/** The membranes asked for as the objects themselves ("segment the membranes", "find the cell membranes"). */
const MEMBRANES_AS_OBJECTS = /\b(?:segment|find|detect|outline|trace|extract|measure|quantify|track)\s+(?:the\s+|all\s+|each\s+|every\s+)?(?:cell\s+|plasma\s+)?membranes?\b/i;

/** The method or a manual threshold, splitting and border rules, the object size (radius or diameter). */
function readSegmentRequest(c: RequestClause): Record<string, unknown> {
  // "the nuclei are dark on a bright background, segment them": what the objects look like may be said anywhere in the request
  // ("dark grey on a light background": a shade between dark and its background)
  const dark = /\bdark(?:er)?(?:[\s-]+(?:grey|gray|blobs?|spots?|objects?))?\s+(?:on|against|than)\s+(?:a|the)\s+(?:bright|light|white|pale)|\bdark\s+(?:nuclei|objects|cells|spots|blobs)\b/i;
  const tone = objectToneSaid(c.request) ?? (dark.test(c.text) || dark.test(c.request) ? 'dark' : undefined);
  const args: Record<string, unknown> = { method: c.read.value('method'), ...(tone ? { objects: tone } : {}) };
  // "above 300" is an intensity threshold; "circularity above 0.8" is a condition on another feature (named as not applied)
  // ("a quality threshold of 50", "flow_threshold 0.4", "probability threshold 0.7": a threshold named by another quantity
  // is some other program's setting, no intensity in grey levels; a verb, a determiner or an intensity word before it is ours)
  const manual = /(?<!\b(?!(?:a|an|the|my|our|your|this|that|same|with|at|of|to|by|using|use|set|try|apply|pick|choose|give|put|manual|fixed|global|intensity|grey|gray|greyscale|pixel|brightness|signal|low|lower|high|higher|custom|new|simple|single|hard|absolute|binary)\b)[\p{L}\d]+[\s_-])\bthreshold (?:of |at |=\s*)?(\d+(?:\.\d+)?)\b|(?<!\b(?:circularity|roundness|solidity|eccentricity|area|size|length|speed|diameter|radius|perimeter|(?:mean|average|integrated|total)\s+intensity)\s+(?:is\s+|of\s+)?)\babove (\d+(?:\.\d+)?)\b(?!\s*(?:px|pixels?|µm|μm|um|microns?|%|frames?|s\b|min\b|nm\b)|\s*(?:-|to|and)\s*\d)|\b(?:above|over|brighter than|greater than) (?:an? |the )?(?:(?:pixel )?intensit(?:y|ies)|gr[ae]y[- ]?(?:levels?|values?)|pixel values?) (?:of )?(\d+(?:\.\d+)?)\b/iu.exec(c.text);
  if (manual) Object.assign(args, { method: 'manual', threshold: Number(manual[1] ?? manual[2] ?? manual[3]) });
  if (/\b(?:don't|do not|no|without|skip(?:ping)?|omit(?:ting)?|leave out|turn off|switch off)\s+(?:the\s+|any\s+)?(?:split\w*|watershed\w*|ws\b)/i.test(c.text)) args.splitTouching = false;
  // "no smoothing at all", "don't blur it first": the Gaussian smoothing before the threshold is off (sigmaPx 0 = none)
  if (c.read.saysNot(/\b(?:smooth(?:ing)?|blur(?:ring)?|gaussian(?:\s+(?:blur|smoothing|filter))?|pre-?filter(?:ing)?)\b(?![\w-])/i) && c.read.value('method') !== 'model') args.sigmaPx = 0;
  if (/\bwhole[- ]cells?\b|\bcell bod(?:y|ies)\b|\bcytoplasm|\bcell (?:outlines?|boundaries|borders|membranes?)\b/i.test(c.text)) args.target = 'cells';
  // nuclei said by name (or by a nuclear stain) are nuclei whatever the movie looks like; "the cells" alone is told from the movie
  // ("segment the cells, not the nuclei": nuclei turned down leave whole cells)
  else if (/\b(?:not|no|without|except|than)\s+(?:the\s+|any\s+)?nucle(?:i|us)\b/i.test(c.text)) args.target = 'cells';
  else if (/\b(?:nucle(?:i|us|ar)|dapi|hoechst|h2b)\b/i.test(c.text)) args.target = 'nuclei';
  // "segment the cells, they're outlined by a membrane marker": the stain draws the borders, the cells are the dark regions
  // they enclose (unless the words say which parts are bright, or ask for the nuclei)
  // (the membrane route is the seeded watershed on the membrane signal: membraneStain)
  if (tone !== 'bright' && args.target !== 'nuclei' && MEMBRANE_LABEL.test(c.request) && !MEMBRANES_AS_OBJECTS.test(c.request)) Object.assign(args, { objects: 'dark', target: 'cells', membraneStain: true });
  // ("the cells not touching the border", "nuclei away from the edges", "interior cells only": those at the edge left out)
  if (/\bexclude (?:the )?(?:border|edge)|\bdrop (?:cells|nuclei|objects) (?:on|touching) the (?:border|edge)/i.test(c.text) || c.read.edgeObjects() === 'leftOut') args.excludeBorder = true;
  // ("a search radius of 15 µm", "rolling ball radius 50": a radius of something else is no object's)
  const r = c.read.quantity(['length', 'count'], /(?<!\b(?:search|linking|link|tracking|track|neighbou?rhood|ball|rolling|capture|max(?:imum)?)[\s-]+)\b(?:radius|radii)\b/) ?? c.quantities.find((q) => q.kind === 'length' && /^\s*radius/.test(q.after));
  // ("min size 50 px" is an area bound, no diameter)
  // ("size above 50", "sized over 40 px": a size compared is a bound on the area, read with the schema's words, no diameter)
  // ("size cutoff 40 px", "size filter 50 px": a bound on the area by its name, no diameter)
  const said = c.read.quantity(['length', 'count'], /diameter|across|wide|(?<!(?:min|max)(?:imum)?\s+)size(?![\s-]*(?:cut-?off|filter|threshold|limit|gate|exclusion|selection|range))/);
  // ("nuclei larger than 5 µm in diameter", "drop cells smaller than 8 px across": a length compared bounds the area, no size told)
  const compared = lengthCompared(c);
  const d = (said && said.value !== compared?.q.value && !/\b(?:above|below|over|under|than|least|most|exceeding)\s*$|[<>≥≤]=?\s*$/i.test(said.before) ? said : undefined) ?? c.quantities.find((q) => q !== compared?.q && q.kind === 'length' && /^\s*(?:across|in diameter|diameter|wide)/.test(q.after));
  // a radius said wins over a diameter; in µm it is converted with the movie's pixel size
  const size = r && r.value !== compared?.q.value ? { q: r, half: 1 } : d ? { q: d, half: 2 } : undefined;
  if (compared) Object.assign(args, compared.bound(c.pixelSizeUm, typeof args.$note === 'string' ? `${args.$note} ` : ''));
  const sizeUm = size && micrometres(size.q);
  if (size && sizeUm !== undefined) Object.assign(args, radiusFromMicrometres(sizeUm / size.half, c.pixelSizeUm));
  else if (size) args.objectRadiusPx = size.q.value / size.half;
  // (bounds said as comparisons, "drop those smaller than 40 px" or "keep those smaller than 2000 px", are read from the schema's words with their direction)
  const minArea = c.read.quantity(['count', 'length'], /min(?:imum)? (?:area|size)/);
  if (minArea && !r && !d && !compared) args.minAreaPx = minArea.value;
  Object.assign(args, sizeRangeAsAreas(c.text, c.pixelSizeUm, args));
  // ("ignore the tiny stuff", "drop the huge clumps": a vague size word, no number: the bound chosen from the movie's typical object)
  // ("ignore tiny debris below 30 pixels": a size word with its number is that bound, no vague size)
  const vagueSaid = (text: string) => {
    const m = VAGUE_SIZE_LEFT_OUT_BY_VERB.exec(text);
    return m && !boundSaidAfter(text.slice(m.index + m[0].length)) ? m : null;
  };
  const vague = vagueSaid(c.request ?? c.text) ?? vagueSaid(c.text);
  if (vague && args.minAreaPx === undefined && args.maxAreaPx === undefined) {
    const big = SAYS_BIG.test(vague[1] ?? vague[2]);
    const notes = typeof args.$note === 'string' ? `${args.$note} ` : '';
    // (a third of a typical object's area, over the default fifth; three typical objects, under the default thirty)
    if (big) args.maxTypicalShare = VAGUE_BIG_SHARE;
    else args.minTypicalShare = VAGUE_SMALL_SHARE;
    args.$note = `${notes}"${vague[0].trim()}": objects ${big ? `larger than ${shareOfTypical(VAGUE_BIG_SHARE)}` : `smaller than ${shareOfTypical(VAGUE_SMALL_SHARE)}`} are left out, the typical object measured on the movie (its size and the bound in px are said with the result); say a size (e.g. "${big ? 'drop objects over 2000 px' : 'drop objects under 30 px'}") to set another.`;
  }
  Object.assign(args, dimObjectsLeftOut(c.text, args));
  // ("just segment the big nuclei", "only the small cells", "the bright ones": a size or brightness said of the objects kept)
  if (!VAGUE_SIZE_LEFT_OUT_BY_VERB.test(c.request ?? c.text) && !VAGUE_SIZE_LEFT_OUT_BY_VERB.test(c.text)) Object.assign(args, qualifiedObjectsKept(c.request ?? c.text, args));
  // ("track the mitochondria", "follow the vesicles": things the segmenter has no rules or model for are found as bright objects
  // by the same rules, and the answer says so in one line, never "nuclei" said of them in silence)
  Object.assign(args, spotMethod(c, { ...args, method: args.method === 'manual' && args.threshold !== undefined && (c.read.value('method') === 'log' || (QUALITY_SAID.test(c.text) && SPOT_OBJECTS.test(c.text))) ? 'log' : args.method }));
  const other = NOT_MODELLED.exec(c.text);
  if (other && args.method !== 'log' && args.target === undefined && !new RegExp(String.raw`\b(?:not|no|without|except|ignore|ignoring|exclude|excluding)\s+(?:the\s+|any\s+)?(?:[\w-]+\s+)?${other[0]}`, 'i').test(c.text))
    args.$note = `"${other[0]}": \`segment\` is made for nuclei and whole cells, not ${other[0].toLowerCase()}: it found bright objects by the same rules, so check that they are the ${other[0].toLowerCase()} before using the result.`;
  return { ...args, ...typicalObjectBound(c.text, args) };
}

/** Things people segment and track that are neither nuclei nor whole cells: organelles, vesicles, filaments, small particles. */
const NOT_MODELLED = new RegExp(
  String.raw`\b(?:${['mitochondri(?:a|on|al\s+network)', 'vesicles?', 'organelles?', 'endosomes?', 'lysosomes?', 'peroxisomes?', 'autophagosomes?', 'lipid\s+droplets?', 'granules?', 'puncta', 'foci', 'speckles', 'filaments?', 'microtubules?', 'actin\s+(?:filaments?|fib(?:re|er)s?|cables?)', 'stress\s+fib(?:re|er)s?', 'chromosomes?', 'centrosomes?', 'centrioles?', 'cilia', 'axons?', 'dendrites?', 'neurites?', 'synapses?', 'spines', 'golgi', 'nucleoli', 'telomeres?'].join('|')})\b`,
  'i',
);

/**
 * A size or brightness word said of the objects to find, with no number ("just segment the big nuclei", "only the
 * small cells", "the large, bright nuclei"): its group 1 the words before the noun. Not after a verb that leaves them
 * out ("drop the small ones" is VAGUE_SIZE_LEFT_OUT's), and not a comparison ("bigger than 50 px" is read as a bound).
 */
const QUALIFIER = String.raw`(?!(?:the|a|an|of|my|our|your|their|its|all|only|just|those|these|any|some)\b)[\p{L}-]+`;
const QUALIFIED_OBJECTS = new RegExp(String.raw`\b(?:the|only|just|all|those|these|any|solely|merely|simply)\s+((?:(?:really|very|rather|quite|fairly|relatively|particularly|most|more|extra|super)\s+)?${QUALIFIER}(?:\s*,?\s*(?:and\s+)?${QUALIFIER}){0,2})\s+(?:nuclei|nucleus|cells?|objects?|ones|blobs?|spots?|particles?)\b(?!\s+than\b)`, 'giu');
const KEPT_BIG = /^(?:big|bigger|biggest|large|larger|largest|huge|giant|massive)$/i;
const KEPT_SMALL = /^(?:small|smaller|smallest|tiny|tinier|tiniest|little)$/i;
const KEPT_BRIGHT = /^(?:bright|brighter|brightest|dim|dimmer|dimmest|faint|fainter|faintest|intense|weak|weaker)$/i;

/**
 * The objects kept by a size or brightness word (QUALIFIED_OBJECTS): a size binds to the typical object measured on the
 * movie (big ones: those under two thirds of its area left out; small ones: those over one and a half of it), said with
 * the result; a brightness word keeps the objects brighter than the background (every one of them) and is named, as no
 * floor was said (a number is: "dimmer than 300").
 */
function qualifiedObjectsKept(text: string, args: Record<string, unknown>): Record<string, unknown> {
  if (LEAVES_OUT.test(text) && /\b(?:than|under|over|below|above)\b/i.test(text)) return {};
  const out: Record<string, unknown> = {};
  const notes: string[] = typeof args.$note === 'string' ? [args.$note] : [];
  for (const m of text.matchAll(QUALIFIED_OBJECTS)) {
    const words = m[1].split(/[\s,]+/).filter((w) => w && !/^(?:and|really|very|rather|quite|fairly|relatively|particularly|most|more|extra|super)$/i.test(w));
    // (a verb that leaves the things out just before: "drop the small ones" is read as a bound of those left out)
    if (/\b(?:drop\w*|remov\w*|exclud\w*|ignor\w*|discard\w*|skip\w*|without|no|not|except|leav\w*\s+out|throw\w*\s+(?:out|away)|get\s+rid\s+of|filter\w*\s+out)\s+$/i.test(text.slice(0, m.index))) continue;
    const big = words.some((w) => KEPT_BIG.test(w));
    const small = words.some((w) => KEPT_SMALL.test(w));
    if (big !== small && args.minAreaPx === undefined && args.maxAreaPx === undefined && args.minTypicalShare === undefined && args.maxTypicalShare === undefined && args.objectRadiusPx === undefined) {
      const share = big ? Number((1 / TYPICAL_SPREAD).toFixed(2)) : TYPICAL_SPREAD;
      out[big ? 'minTypicalShare' : 'maxTypicalShare'] = share;
      notes.push(`"${words.find((w) => (big ? KEPT_BIG : KEPT_SMALL).test(w))}" ${m[0].trim().split(/\s+/).at(-1)}: objects ${big ? 'smaller' : 'larger'} than ${shareOfTypical(share)} are left out (a typical object's size measured on the movie, said with the result); say a size to set another, e.g. "${big ? 'drop objects under 200 px' : 'drop objects over 400 px'}".`);
    }
    const bright = words.find((w) => KEPT_BRIGHT.test(w));
    const dim = !!bright && /^(?:dim|faint|weak)/i.test(bright);
    if (bright && args.minMean === undefined) notes.push(dim
      ? `Not applied: "${bright}" as a choice among the objects — \`segment\` has no ceiling on the objects' brightness: it keeps every object brighter than the background, the bright ones too.`
      : `"${bright}" ${m[0].trim().split(/\s+/).at(-1)}: every object brighter than the background is kept, none left out for being dimmer than the others; to leave the dimmer ones out, say a floor on their mean intensity (e.g. "leave out anything dimmer than 300").`);
    break;
  }
  return notes.length > (typeof args.$note === 'string' ? 1 : 0) ? { ...out, $note: notes.join(' ') } : out;
}

/** A verb that leaves out what follows it in the words before a comparison ("drop anything bigger than ..."). */
const LEAVES_OUT_BEFORE = /\b(?:drop\w*|remov\w*|exclud\w*|ignor\w*|discard\w*|skip\w*|filter\w*\s+out|throw\w*\s+(?:out|away)|get\s+rid\s+of|no|not|without)\b[^,;.]*$/i;

/** Words that compare the objects' brightness: less ("dimmer than", "a mean intensity below") or more ("brighter than", "mean intensity over"). */
const DIMMER = String.raw`(?:dimmer|fainter|weaker|darker|less\s+bright|less\s+intense)\s+than`;
const BRIGHTER = String.raw`(?:brighter|more\s+intense|stronger)\s+than`;
const MEAN_LEVEL = String.raw`(?:(?:mean|average|avg)(?:\s+(?:intensity|brightness|signal|gr[ae]y\s+(?:level|value)s?|fluorescence))?|intensity|brightness)`;
const BRIGHTNESS_COMPARED = new RegExp(String.raw`\b(?:(${DIMMER})|(${BRIGHTER})|${MEAN_LEVEL}\s+(?:is\s+|of\s+)?(?:(below|under|(?:less|lower|smaller)\s+than|at\s+most|(?:no|not)\s+(?:more|greater|higher|bigger|larger)\s+than|not\s+(?:above|over)|<=?|≤)|(above|over|(?:greater|higher|more|bigger|larger)\s+than|at\s+least|(?:no|not)\s+(?:smaller|less|lower)\s+than|not\s+(?:below|under)|>=?|≥))|(${MEAN_LEVEL})\s*(?:of\s+)?(?:(<)|(>=?|≥)))\s*(?:an?\s+(?:mean|average)\s+(?:intensity\s+)?of\s+)?(\d+(?:\.\d+)?)(?!\s*(?:%|px|pixels?|µm|um|microns?|frames?|s\b|min))`, 'i');
const NUMBER_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12 };
const MIN_MEAN_NAMED = new RegExp(String.raw`\bmin(?:imum)?\.?\s+mean(?:\s+(?:intensity|brightness|gr[ae]y\s+level))?\s*(?:(?:of|to|is|at|=|:|(?:should|must|will|would)\s+be)\s*)?(\d+(?:\.\d+)?|${Object.keys(NUMBER_WORDS).join('|')})\b`, 'i');
/** A verb or word that leaves out what follows ("excluding anything dimmer than 300", "drop the ones fainter than 200"). */
const LEAVES_OUT = /\b(?:drop\w*|remov\w*|exclud\w*|ignor\w*|discard\w*|skip\w*|reject\w*|filter\w*\s+out|throw\w*\s+(?:out|away)|toss\w*|ditch\w*|get\w*\s+rid\s+of|leav\w*\s+out|without|no|not|nothing|none)\b/i;

/**
 * "excluding anything dimmer than 300", "keep only nuclei brighter than 500", "drop cells with a mean intensity below 150":
 * the objects left out by their brightness, a bound on each object's mean grey level (minMean). Not a level said
 * of the pixels or the background ("pixels brighter than 800 are signal", "anything dimmer than 400 is background"), which
 * is a threshold; an upper bound on brightness is left to be named.
 */
function dimObjectsLeftOut(text: string, args: Record<string, unknown>): Record<string, unknown> {
  // ("a min mean of 7", "minimum mean intensity = 300": the setting by its name; "mean" is a typical object's word too, so
  // the general reading of numbers would give it to minTypicalShare)
  const named = MIN_MEAN_NAMED.exec(text);
  if (named) return { minMean: NUMBER_WORDS[named[1].toLowerCase()] ?? Number(named[1]) };
  const m = BRIGHTNESS_COMPARED.exec(text);
  if (!m || args.threshold === Number(m[8])) return {};
  if (/\b(?:background|foreground|signal\s+is|are\s+signal|is\s+signal)\b/i.test(text) || /\bpixels?\b[^,;.]{0,30}$/i.test(text.slice(0, m.index))) return {};
  const less = !!(m[1] || m[3] || m[6]);
  const leftOut = LEAVES_OUT.test(text.slice(0, m.index).split(/[,;.]|\b(?:and|but|then)\b/).at(-1) ?? '');
  // (fewer is a lower bound when those are left out, more when they are kept: "drop the dim ones under 300", "only those over 300")
  if (less !== leftOut) return {};
  const value = Number(m[8]);
  const notes = typeof args.$note === 'string' ? `${args.$note} ` : '';
  return { minMean: value, $note: `${notes}"${m[0].trim()}": objects whose mean intensity is under ${formatNumber(value)} (the movie's grey levels in the channel segmented, as recorded) are left out.` };
}

/** The word after a length that says it is a diameter or a radius ("5 µm in diameter", "8 px across"). */
const LENGTH_WORD_AFTER = /^\s*(across|in\s+diameter|diameter|wide|in\s+radius|radius)\b/i;

/** A bound named before a length: "min size" (with a diameter or radius after it), "minimum diameter", "max radius", "min. cell width". */
const NAMED_LENGTH_BOUND = /\b(min|max)(?:imum)?\.?\s+(?:(?:object|cell|nucle(?:us|ar|i))\s+)?(size|diameter|radius|width)\s*(?:of\s+|=\s*|:\s*|is\s+)?$/i;

/**
 * A length compared ("larger than 5 µm in diameter", "smaller than 8 px across", "radius over 4 px"): the area bound of
 * a round object that size (pi r^2, px), minimum or maximum by the comparison and whether the words leave those out;
 * in µm converted with the pixel size, else named. Undefined when no length is compared.
 */
function lengthCompared(c: RequestClause): { q: RequestQuantity; bound: (pixelSizeUm: number | undefined, notes: string) => Record<string, unknown> } | undefined {
  // ("min size 5 µm diameter", "minimum diameter 10 px", "max radius 12 px": a length named as a bound)
  const named = (x: RequestQuantity) => {
    const m = NAMED_LENGTH_BOUND.exec(x.before);
    return m && (!/^size$/i.test(m[2]) || LENGTH_WORD_AFTER.test(x.after)) ? m : undefined;
  };
  const q = c.quantities.find((x) => x.kind === 'length' && ((LENGTH_WORD_AFTER.test(x.after) && /(?:\b(?:bigger|larger|greater|wider|smaller|tinier|narrower|over|above|under|below|more|less|exceeding)\s+(?:than\s+)?|\bat\s+(?:most|least)\s+|\bup\s+to\s+|[<>≥≤]=?\s*)$/i.test(x.before)) || !!named(x)));
  if (!q) return undefined;
  const bound = named(q);
  const up = bound ? /^min/i.test(bound[1]) : /(?:bigger|larger|greater|wider|over|above|more|exceeding|at\s+least|>|≥)\s*(?:than\s+)?=?\s*$/i.test(q.before);
  const leftOut = !bound && LEAVES_OUT_BEFORE.test(q.before);
  const key = up !== leftOut ? 'minAreaPx' : 'maxAreaPx';
  const half = /^\s*(?:in\s+radius|radius)\b/i.test(q.after) || (bound && /^radi/i.test(bound[2]) && !LENGTH_WORD_AFTER.test(q.after)) ? 1 : 2;
  return {
    q,
    bound: (pixelSizeUm, notes) => {
      const um = micrometres(q);
      // (in the words said: "5 µm in diameter", so that no word of them is named as left over)
      const lengthWord = LENGTH_WORD_AFTER.exec(q.after)?.[1] ?? bound?.[2] ?? (half === 2 ? 'across' : 'in radius');
      const said = `${formatNumber(q.value)} ${q.unit === '' ? 'px' : q.unit === 'um' ? 'µm' : q.unit} ${lengthWord}`;
      if (um !== undefined && !(pixelSizeUm && pixelSizeUm > 0)) return { $note: `${notes}Not applied: "${said}" — the movie does not record its pixel size, so the size cannot be turned into an area in pixels; set the pixel size (e.g. "the pixel size is 0.65 µm").` };
      const radiusPx = (um !== undefined ? um / pixelSizeUm! : q.value) / half;
      const area = Math.max(1, Math.round(Math.PI * radiusPx * radiusPx));
      // (the length is a bound, no object size: the radius stays the movie's)
      return { [key]: area, objectRadiusPx: undefined, $note: `${notes}Objects ${key === 'minAreaPx' ? 'smaller' : 'larger'} than ${said} (${formatNumber(radiusPx)} px in radius, ${area} px² for a round one) left out.` };
    },
  };
}

const LENGTH_UNIT = String.raw`(px|pixels?|µm|um|microns?|micrometres?|micrometers?)`;
/** "objects 10-20 µm in diameter", "8-12 px radius", "a diameter of 10 to 20 µm", "radius between 5 and 8 px" (not squared). */
const SIZE_RANGE = new RegExp(String.raw`(?:\b(radius|radii|diameters?|width)\s+(?:of\s+|is\s+|=\s*)?(?:between\s+|from\s+|about\s+|around\s+)?)?(\d+(?:\.\d+)?)\s*${LENGTH_UNIT}?\s*(?:-|–|to|and)\s*(\d+(?:\.\d+)?)\s*${LENGTH_UNIT}(?!\s*(?:²|\^?\s*2|squared))\b\s*(?:(?:in\s+)?(radius|radii|diameter|across|wide))?`, 'i');

/**
 * A range of sizes said as a length (a diameter or a radius, in px or µm): the area bounds segment takes (pi r^2 at each
 * end, in px), the object radius the middle of the range; in µm converted with the movie's pixel size, else named with
 * what is needed. Undefined-free: {} when no such range is said.
 */
function sizeRangeAsAreas(text: string, pixelSizeUm: number | undefined, args: Record<string, unknown>): Record<string, unknown> {
  const m = SIZE_RANGE.exec(text);
  if (!m || (!m[1] && !m[6])) return {};
  const radius = /^radi/i.test(m[1] ?? m[6]);
  const micrometres = !/^p/i.test(m[5]) || (m[3] !== undefined && !/^p/i.test(m[3]));
  const notes = typeof args.$note === 'string' && !/ across (?:was not applied|is a radius)/.test(args.$note) ? `${args.$note} ` : '';
  if (micrometres && (!pixelSizeUm || pixelSizeUm <= 0)) {
    return { objectRadiusPx: undefined, $note: `${notes}Not applied: the size range "${m[0].trim()}" — the movie does not record its pixel size, so it cannot be turned into the area bounds in pixels; set the pixel size (e.g. "the pixel size is 0.65 µm") and run it again.` };
  }
  const toPx = micrometres ? 1 / pixelSizeUm! : 1;
  const [low, high] = [Number(m[2]), Number(m[4])].map((v) => (v * toPx) / (radius ? 1 : 2));
  if (!(low > 0 && high > low)) return {};
  const [minAreaPx, maxAreaPx] = [Math.max(1, Math.floor(Math.PI * low * low)), Math.ceil(Math.PI * high * high)];
  const objectRadiusPx = Number(((low + high) / 2).toFixed(1));
  return { minAreaPx, maxAreaPx, objectRadiusPx, $note: `${notes}The size range "${m[0].trim()}" is a radius of ${formatNumber(Number(low.toFixed(2)))}-${formatNumber(Number(high.toFixed(2)))} px${micrometres ? ` at ${formatNumber(pixelSizeUm!)} µm/px` : ''}: objects of ${minAreaPx}-${maxAreaPx} px² kept.` };
}

/** What "the tiny ones" and "the huge clumps" leave out, as shares of a typical object's area. */
const VAGUE_SMALL_SHARE = 0.33;
const VAGUE_BIG_SHARE = 3;
/** How far "bigger than a typical nucleus" is from the typical area measured on the movie (a factor of the area). */
const TYPICAL_SPREAD = 1.5;

/** "a third of a typical object's area", "a typical object's area", "3 typical objects' area". */
function shareOfTypical(share: number): string {
  if (share === 1) return 'a typical object\'s area';
  if (share === VAGUE_SMALL_SHARE) return 'a third of a typical object\'s area';
  if (share === TYPICAL_SPREAD) return 'one and a half typical objects\' area';
  if (share === Number((1 / TYPICAL_SPREAD).toFixed(2))) return 'two thirds of a typical object\'s area';
  return share < 1 ? `${formatNumber(share)} of a typical object's area` : `${formatNumber(share)} typical objects' area`;
}

/**
 * The area bounds in px that minTypicalShare and maxTypicalShare say for objects of radius `radiusPx` (pi r^2 the typical
 * area), and the sentence that says them with the figures; undefined when neither applies (an area in px given wins).
 */
function typicalAreaBounds(args: Args, radiusPx: number): { areas: { minAreaPx?: number; maxAreaPx?: number }; note: string } | undefined {
  const min = args.minAreaPx === undefined ? args.minTypicalShare : undefined;
  const max = args.maxAreaPx === undefined ? args.maxTypicalShare : undefined;
  if ((min === undefined && max === undefined) || !(radiusPx > 0)) return undefined;
  const typicalPx = Math.PI * radiusPx * radiusPx;
  const areas: { minAreaPx?: number; maxAreaPx?: number } = {};
  const parts: string[] = [];
  if (min !== undefined) {
    areas.minAreaPx = Math.max(1, Math.round(min * typicalPx));
    parts.push(`smaller than ${shareOfTypical(min)} (${areas.minAreaPx} px²)`);
  }
  if (max !== undefined) {
    areas.maxAreaPx = Math.max(1, Math.round(max * typicalPx));
    parts.push(`larger than ${shareOfTypical(max)} (${areas.maxAreaPx} px²)`);
  }
  return { areas, note: `A typical object here is ${formatNumber(radiusPx)} px in radius (${Math.round(typicalPx)} px²), so objects ${parts.join(' or ')} were left out.` };
}

/** "drop anything bigger than a typical nucleus", "keep only cells larger than an average one": objects compared with a typical object. */
// ("bigger than usual", "smaller than average": the typical object unnamed)
const THAN_A_TYPICAL = /\b(bigger|larger|greater|smaller|tinier)\s+than\s+(?:(?:a|an|the|one)\s+(?:typical|average|normal|usual|regular|single|median|mean|medium-sized|mid-sized)\s+(?:nucle(?:us|i)|cells?|objects?|ones?|blobs?)\b|(?:usual|normal|average|typical|the\s+median|the\s+mean)\b)/i;

/**
 * The area bound a comparison with a typical object says: with the object's size told (its radius), that object's area
 * (pi r^2) as the upper bound ("drop anything bigger than a typical nucleus") or the lower one ("keep only those bigger");
 * without it, named as not applied (the typical size is measured only when the step runs).
 */
function typicalObjectBound(text: string, args: Record<string, unknown>): Record<string, unknown> {
  const m = THAN_A_TYPICAL.exec(text);
  if (!m) return {};
  const bigger = /^(?:bigger|larger|greater)$/i.test(m[1]);
  const leftOut = LEAVES_OUT_BEFORE.test(text.slice(0, m.index));
  const notes = typeof args.$note === 'string' ? `${args.$note} ` : '';
  const r = args.objectRadiusPx;
  // (the size unsaid: the typical object measured on the movie when the step runs, its area and the bound said with the result)
  // (a typical object is a size objects spread around, the measured radius a scale: "bigger than a typical one" is half as
  // big again, never half of the objects; the bound in px is said with the result)
  const share = bigger === leftOut ? TYPICAL_SPREAD : Number((1 / TYPICAL_SPREAD).toFixed(2));
  if (typeof r !== 'number') return { [bigger === leftOut ? 'maxTypicalShare' : 'minTypicalShare']: share, $note: `${notes}"${m[0]}": objects ${bigger === leftOut ? 'larger' : 'smaller'} than ${shareOfTypical(share)} are left out (a typical object's size measured on the movie, said with the result; objects spread around it); say the size to set another, e.g. "${bigger === leftOut ? 'drop objects over' : 'drop objects under'} 400 px".` };
  const area = Math.round(Math.PI * r * r);
  return { [bigger === leftOut ? 'maxAreaPx' : 'minAreaPx']: area, $note: `${notes}"${m[0]}": a typical one, ${formatNumber(r)} px in radius, is ${area} px² in area, ${bigger === leftOut ? 'the largest kept' : 'the smallest kept'}.` };
}

const segment = defineTool({
  name: 'segment',
  // (what ran is the method in its record: "auto" resolves to otsu or triangle; "model" is our own U-Net, cited by its folder and sha256)
  references: { cite: { log: ['Lindeberg T (1998) Feature detection with automatic scale selection. Int J Comput Vis 30:79-116', 'Tinevez JY et al. (2017) TrackMate: an open and extensible platform for single-particle tracking. Methods 115:80-90'], otsu: ['Otsu N (1979) A threshold selection method from gray-level histograms. IEEE Trans Syst Man Cybern 9:62-66'], li: ['Li CH, Tam PKS (1998) An iterative algorithm for minimum cross entropy thresholding. Pattern Recognit Lett 19:771-776'], triangle: ['Zack GW, Rogers WE, Latt SA (1977) Automatic measurement of sister chromatid exchange frequency. J Histochem Cytochem 25:741-753'], '*': ['Beucher S, Meyer F (1993) The morphological approach to segmentation: the watershed transformation. In: Mathematical Morphology in Image Processing, pp 433-481'] } },
  summary: 'Finds nuclei or cells in every frame and writes a label movie (each object its own number), by a threshold and watershed or a deep-learning model.',
  words: ['binarise', 'binarize', 'make binary', 'binary mask', 'binary masks', 'segment', 'segmentation', 'seg', 'detect nuclei', 'find nuclei', 'identify nuclei', 'outline nuclei', 'mask', 'masks', 'label nuclei', 'threshold', 'thresholding', 'watershed', 'tell apart', 'count nuclei', 'count', 'count cells', 'pick out nuclei', 'pull out nuclei', 'extract nuclei', 'locate nuclei', 'spot nuclei', 'stardist', 'cellpose', 'u-net', 'detect spots', 'find spots', 'spot detection', 'spot detector', 'detect puncta', 'find puncta', 'detect foci', 'find foci', 'detect particles', 'find particles', 'particle detection', 'blob detection', 'blob detector', 'detect blobs', 'find blobs', 'log detector', 'log filter', 'laplacian of gaussian', 'difference of gaussians', 'hessian detector', 'hessian blob detector', 'split touching', 'split clumped', 'declump', 'declumping', 'delineate', 'delineate nuclei', 'primary objects', 'identify primary objects', 'instance segmentation', 'foreground'],
  examples: ['segment the nuclei', 'find the cells', 'detect nuclei with the Li threshold', 'make masks of the nuclei', 'outline every cell', 'count the nuclei in each frame', 'segment with a threshold of 120', 'detect the spots with a LoG detector'],
  consumes: ['movie'],
  framesOut: 'same',
  produces: ['labels'],
  makes: ['labels'],
  // (faults people see in the masks, and the settings that answer them: a complaint runs it again from what it used)
  remedies: [
    { symptom: 'touching objects merged into one', words: ['merged', 'merge', 'merging', 'clumped', 'clumps', 'stuck together', 'fused', 'joined together', 'lumped together', 'under-segmented', 'undersegmented', 'undersegmentation', 'under segmentation', 'not separated', 'not split', 'not splitting', 'counted as one', 'two cells as one', 'two nuclei as one'], changes: [{ arg: 'splitTouching', to: true }, { arg: 'minSeedDistancePx', way: 'lower' }, { arg: 'minSeedDepthPx', way: 'lower' }] },
    { symptom: 'objects cut into pieces', words: ['cut into pieces', 'cut in pieces', 'in pieces', 'over-segmented', 'oversegmented', 'oversegmentation', 'over segmentation', 'split too much', 'split too many', 'too many pieces', 'broken up', 'broken into', 'chopped', 'fragmented', 'shattered', 'counted twice', 'one cell as two', 'one nucleus as two', 'split in half', 'split in two'], changes: [{ arg: 'minSeedDistancePx', way: 'higher' }] },
    { symptom: 'dim objects missed', words: ['missed', 'misses', 'missing', 'not detected', 'undetected', 'not picked up', 'not found', 'dim ones', 'faint ones', 'dimmer ones', 'weak ones', 'too few', 'undercounts', 'undercounting'], changes: [{ arg: 'threshold', way: 'lower' }] },
    { symptom: 'debris or background taken for objects', words: ['debris', 'junk', 'specks', 'speckles', 'dust', 'false positives', 'false detections', 'background picked up', 'noise picked up', 'too many small', 'tiny bits', 'small bits', 'little bits'], changes: [{ arg: 'minAreaPx', way: 'higher' }] },
  ],
  insteadOf: {
    stardist: { args: { method: 'model' }, say: 'StarDist is not installed here, so I used our own nucleus U-Net (segment method "model") instead; its folder and sha256 are in the provenance.' },
    cellpose: { args: { method: 'model' }, say: 'Cellpose is not installed here, so I used our own nucleus U-Net (segment method "model") instead; its folder and sha256 are in the provenance.' },
    log: { args: { method: 'log' }, say: LOG_RAN },
    laplacian: { args: { method: 'log' }, say: LOG_RAN },
    gaussians: { args: { method: 'log' }, say: DOG_AS_LOG },
    dog: { args: { method: 'log' }, say: DOG_AS_LOG },
    hessian: { args: {}, say: 'Not applied: a Hessian (determinant of Hessian) blob detector is not available here, so I found the blobs with `segment` instead (Gaussian smoothing, a threshold and a watershed that splits touching blobs); each blob is one object of the label movie.' },
  },
  results: { objects: { about: 'objects (spots, detections) found over all frames', unit: '', example: 42 }, objectsPerFrameMean: { about: 'mean objects per frame', unit: '', example: 41.5, headline: 'objects per frame on average' }, objectsPerFrame: { about: 'objects (spots) in each frame', unit: '' }, thresholdPerFrame: { about: 'threshold used in each frame', unit: 'grey levels', usedFor: 'threshold', stepFactor: 1.25 }, minAreaPx: { about: 'smallest object area kept', unit: 'px²', setting: true, changedBy: ['minTypicalShare', 'objectRadiusPx'] }, maxAreaPx: { about: 'largest object area kept', unit: 'px²', setting: true, changedBy: ['maxTypicalShare', 'objectRadiusPx'] }, frames: { about: 'frames segmented', unit: 'frames' }, objectRadiusPx: { about: 'typical object radius the parameters were sized from', unit: 'px', words: ['radius', 'nucleus radius', 'object radius', 'object size'] } },
  alwaysDoes: {
    'fill holes': 'Applied: `segment` always fills the holes inside each object it finds by a threshold (part of its pipeline, as Fiji\'s Fill Holes), so those masks have none; the model method (U-Net) draws its own outlines.',
  },
  valueWords: { method: { model: ['u-net', 'unet', 'deep learning', 'neural network', 'neural net', 'deep-learning', 'cnn', 'nucleus model', 'the model', 'ai'], li: ['li', 'minimum cross entropy'], manual: ['manual', 'fixed threshold'], log: LOG_WORDS }, splitBy: { distance: ['distance map', 'distance transform', 'distance-transform', 'distance watershed', 'watershed on the distance'], intensity: ['bright centres', 'bright centers', 'intensity peaks', 'intensity watershed', 'watershed on intensity', 'watershed on the intensity'] }, target: { cells: ['whole cell', 'whole cells', 'whole-cell', 'cell body', 'cell bodies', 'cytoplasm', 'cytoplasmic', 'outline cell', 'outline cells', 'cell outline', 'cell outlines', 'cell membrane', 'cell membranes', 'cell contour', 'cell contours'] } },
  description:
    'Finds nuclei (or cells) in every frame and writes a label movie (each object a number, background 0; not linked over time, use track for that). Classical: Gaussian smoothing, a global threshold (triangle, Otsu, Li or manual), hole filling, a distance-transform watershed that splits touching nuclei, and size filters; or method "model" for the deep-learning segmenter. The object size and whether objects are bright or dark are measured on the movie, and the parameters follow from them unless given. Returns the labels artifact, the object count per frame and the parameters chosen.',
  schema,
  fromRequest: readSegmentRequest,
  async run(args, ctx) {
    // (TrackMate's quality threshold said "manually" plans method manual with no intensity threshold: it is the LoG's)
    if (args.method === 'manual' && args.threshold === undefined && args.qualityThreshold !== undefined) args = { ...args, method: 'log' };
    const movie = await ctx.openMovie(args.movie);
    try {
      const channel = channelIndex(movie, args.channel);
      const frames = frameRange(movie, args.frames);
      const stem = movieStem(movie.source.path);
      const outputPath = ctx.outputPath(`${stem}-labels.tif`, args.output);
      // spots (method "log"): TrackMate's LoG detector, sized from the words, the objects named or the movie (segmentSpots.ts)
      if (args.method === 'log') {
        const spotSamples = await sampleMoviePlanes(movie, channel, frames);
        const { segmentSpots } = await import('./segmentSpots.ts');
        const measured = () => chooseSegmentParameters(spotSamples, { objects: args.objects, pixelSizeUm: movie.meta.pixelSizeUm, shape: args.target === 'cells' ? 'irregular' : 'round' }).chosen.objectRadiusPx;
        return await segmentSpots(movie, args, ctx, channel, frames, outputPath, spotSamples, measured);
      }
      const resolved = resolveSegmentMethod(args.method);
      if (resolved.method === 'model' && args.objects === 'dark') {
        throw new InputError('the nucleus model segments bright (fluorescent) objects: for dark objects use method "auto" or a threshold method');
      }
      const samples = await sampleMoviePlanes(movie, channel, frames);
      const blankNote = uniformValue(samples.map((s) => s.plane));
      const saturated = blankNote === undefined ? saturatedShare(samples.map((s) => s.plane), movie.dtype) : undefined;
      const saturatedNote = saturated
        ? `${Math.round(100 * saturated.share)}% of the sampled pixels are at the file's highest value (${saturated.value}): the image is saturated there, so objects in that part cannot be outlined and the background estimate may be off (a shorter exposure or lower gain would keep them)`
        : '';
      const choose = (shape: 'irregular' | 'round', objects = args.objects) => {
        const once = { ...chooseOnce(shape, objects), typicalNote: undefined as string | undefined };
        // ("drop anything bigger than a typical nucleus": the area bounds as shares of the typical object, once its radius is known)
        const typical = typicalAreaBounds(args, once.chosen.objectRadiusPx);
        return typical ? { ...chooseOnce(shape, objects, typical.areas), typicalNote: typical.note } : once;
      };
      const chooseOnce = (shape: 'irregular' | 'round', objects = args.objects, areas: { minAreaPx?: number; maxAreaPx?: number } = {}) => {
        try {
          return chooseSegmentParameters(samples, {
            method: resolved.method === 'model' ? undefined : resolved.method,
            objects,
            objectRadiusPx: args.objectRadiusPx,
            pixelSizeUm: movie.meta.pixelSizeUm,
            sigmaPx: args.sigmaPx,
            minAreaPx: args.minAreaPx ?? areas.minAreaPx,
            maxAreaPx: args.maxAreaPx ?? areas.maxAreaPx,
            minSeedDistancePx: args.minSeedDistancePx,
            minSeedDepthPx: args.minSeedDepthPx,
            shape,
          });
        } catch (err) {
          if (err instanceof RangeError) throw new InputError(err.message);
          throw err;
        }
      };
      let chosenParameters = choose(args.target === 'cells' ? 'irregular' : 'round');
      // Target "auto" ("the cells", no word for which): whole cells or nuclei told from the movie's objects' shape (dark
      // ones, inverted contrast or phase contrast, measured on the planes inverted).
      const kind = args.target === 'auto' && blankNote === undefined ? (await import('../src/analysis/objectKind.ts')).objectKindOfSamples(samples, chosenParameters.chosen.objectRadiusPx, chosenParameters.chosen.objects) : undefined;
      const target: 'nuclei' | 'cells' = args.target === 'auto' ? (kind?.target ?? 'nuclei') : args.target;
      if (target === 'cells' && args.target === 'auto') chosenParameters = choose('irregular');
      let { options, chosen } = chosenParameters;
      const { typicalNote } = chosenParameters;
      // Brightfield or phase contrast: a threshold of the wrong side outlines texture or halos, so the result leads with the doubt
      // and asks which side the cells are. (Not a refusal: a max projection or a small crop of fluorescence can look two-sided too.)
      const polarityNote = chosen.polarityDoubt
        ? `Unsure which parts are the cells: ${chosen.polarityDoubt}. I segmented the ${chosen.objects} parts; the objects below may be texture or halos. Say which the cells are: objects "dark" (e.g. phase contrast, dark cells in bright halos) or objects "bright"; brightfield cells that are neither darker nor brighter than their surroundings need a stain or another channel. `
        : '';
      // Under "auto" a model runs where its own measurement beat the classical pipeline (never on dark objects: the models
      // see fluorescence); with target "cells" a model asked for is the whole-cell one.
      // Cells outlined by a membrane stain, said so: a seeded watershed on the membrane signal (a threshold method or the
      // model asked by name runs instead, the answer says so)
      const membraneAsked = args.membraneStain === true && args.method === 'auto';
      const evidenceAsked = !membraneAsked && (args.method === 'auto' || (target === 'cells' && resolved.method === 'model'));
      const cellModel = evidenceAsked && existsSync(fileURLToPath(new URL('../src/analysis/segmentModel.ts', import.meta.url))) ? await modelByEvidenceFor(target, resolved.method === 'model') : undefined;
      if (cellModel?.useModel && args.method === 'auto' && chosen.objects === 'dark') Object.assign(cellModel, { useModel: false, reason: `${cellModel.reason}, but the objects are dark and the model sees fluorescence` });
      const byModel = resolved.method === 'model' || cellModel?.useModel === true;
      // Under "auto", bright round nuclei get their outlines redrawn by a shape model where its own measurement beat the classical outlines.
      const shapeChoice = !byModel && args.method === 'auto' && target !== 'cells' && chosen.objects === 'bright' ? await shapeModelFor() : undefined;
      const shapeModel = shapeChoice?.useModel ? shapeChoice.key : undefined;
      let membraneNote = '';
      let enclosedNote = '';
      let membraneSet: Awaited<ReturnType<typeof membraneRoute>> | undefined;
      if (membraneAsked) {
        membraneSet = await membraneRoute(args, samples, chosen.objectRadiusPx);
        membraneNote = 'The stain marks the membranes (as asked), so the cells are the regions they enclose, one per seed. ';
      }
      const { segmentationDoubt } = await import('../src/analysis/labelCoverage.ts');
      // (the doubt of a threshold route is judged on the plane smoothed as it was thresholded; the membrane route's
      // threshold is of the plane smoothed at the membrane's width, 1 px, for the cells' area)
      const doubtAs = (c: typeof chosen) => ({ objects: c.objects, sigmaPx: c.sigmaPx, thresholds: !(byModel || c.flattenBackground || movie.shape.z > 1) });
      const membraneDoubtAs = { objects: 'bright' as const, sigmaPx: 1, thresholds: movie.shape.z === 1 };
      // A bright network that leaves out most of the signal is a stain outlining the cells (a membrane dye): with the tone
      // unsaid, the seeded watershed on the membrane signal is tried first (unless the stain was said not to mark
      // membranes, or a method was asked), then the dark regions the network encloses; each kept when it raises no doubt
      // of its own and finds cells. The rule is chosen on the frames the doubt is judged on (a single-plane movie), and
      // the whole movie is segmented once, by the rule chosen (those frames are not segmented again).
      let darkChoice: ReturnType<typeof choose> | undefined;
      // A limit the person set (a brightness floor, the border) that left the objects out is the cause the doubt names,
      // not the size bounds; and then no other rule (membranes, dark regions) is tried in its place. Judged once, on the
      // doubt's sample frames, by segmenting them without that limit.
      let blamed: Promise<string | undefined> | undefined;
      const limitBlamed = (doubt: { covered?: number; signal?: number }, withLimit: number[]) => (blamed ??= askedLimitBlamed(movie, channel, frames, args, { ...options, shapeModel }, ctx, doubtAs(chosen), doubt, withLimit));
      // (not where which parts are the cells is itself in doubt, brightfield: that doubt is said and asked, never settled by a stain's rule)
      if (!membraneAsked && !byModel && args.objects === 'auto' && chosen.objects === 'bright' && !chosen.polarityDoubt && movie.shape.z === 1) {
        const first = await sampleClassical(movie, channel, frames, args, { ...options, shapeModel }, ctx, doubtAs(chosen));
        if (first.doubt.kind === 'signal left out' && !(await limitBlamed(first.doubt, first.objectsPerFrame))) {
          const shares = `${formatNumber(Math.round(100 * (first.doubt.signal ?? 0)))}% of the frame above the threshold, ${formatNumber(Math.round(100 * (first.doubt.covered ?? 0)))}% in objects`;
          if (args.membraneStain !== false && args.method === 'auto') {
            const set = await membraneRoute(args, samples, chosen.objectRadiusPx);
            const tried = await sampleClassical(movie, channel, frames, args, set.options, ctx, membraneDoubtAs);
            if (!tried.doubt.kind && median(tried.objectsPerFrame) >= MIN_ENCLOSED_PER_FRAME) {
              membraneSet = set;
              membraneNote = `The bright signal is a network that encloses regions and leaves most of the signal out of any cell-sized object (${shares}): a stain outlining the cells, such as a membrane dye, so the cells were segmented by a seeded watershed on the membrane signal; say objects "bright" to segment the bright parts instead. `;
            }
          }
          if (!membraneSet) {
            const dark = choose(target === 'cells' ? 'irregular' : 'round', 'dark');
            const tried = await sampleClassical(movie, channel, frames, args, dark.options, ctx, doubtAs(dark.chosen));
            if (!tried.doubt.kind && median(tried.objectsPerFrame) >= MIN_ENCLOSED_PER_FRAME) {
              darkChoice = dark;
              enclosedNote = ENCLOSED_NOTE;
            }
          }
        }
      }
      if (darkChoice) ({ options, chosen } = darkChoice);
      let membrane = membraneSet ? await segmentMembraneCells(movie, channel, frames, outputPath, args, membraneSet, ctx) : undefined;
      let result = membrane ? membrane.result : byModel ? await segmentByModel(movie, channel, frames, outputPath, args, chosen, ctx, cellModel?.key) : await segmentClassical(movie, channel, frames, outputPath, args, darkChoice ? options : { ...options, shapeModel }, ctx);
      // objects that cannot be the cells (one over most of the frame, most of the signal left out) are said first
      const doubtOf = (r: typeof result, as: ReturnType<typeof doubtAs>) => segmentationDoubt(r.path, movie, channel, frames[0], as.thresholds ? r.thresholds : [], as.objects, as.sigmaPx);
      let doubt = await doubtOf(result, membrane ? membraneDoubtAs : doubtAs(chosen));
      // (a z-stack, whose slices are linked into 3-D objects: the rules are tried on the whole movie, one after another)
      const zRetry = !membrane && !darkChoice && !byModel && args.objects === 'auto' && chosen.objects === 'bright' && !chosen.polarityDoubt && movie.shape.z > 1;
      if (zRetry && doubt.kind === 'signal left out' && args.membraneStain !== false && args.method === 'auto') {
        const membranePath = outputPath.replace(/(\.ome)?\.tiff?$/i, '') + '.membrane.tif';
        const tried = await segmentMembraneCells(movie, channel, frames, membranePath, args, await membraneRoute(args, samples, chosen.objectRadiusPx), ctx);
        const triedDoubt = await doubtOf(tried.result, membraneDoubtAs);
        if (!triedDoubt.kind && median(tried.result.objectsPerFrame) >= MIN_ENCLOSED_PER_FRAME) {
          await rename(membranePath, outputPath);
          membrane = { ...tried, result: { ...tried.result, path: outputPath } };
          result = membrane.result;
          membraneNote = `The bright signal is a network that encloses regions and leaves most of the signal out of any cell-sized object (${formatNumber(Math.round(100 * (doubt.signal ?? 0)))}% of the frame above the threshold, ${formatNumber(Math.round(100 * (doubt.covered ?? 0)))}% in objects): a stain outlining the cells, such as a membrane dye, so the cells were segmented by a seeded watershed on the membrane signal; say objects "bright" to segment the bright parts instead. `;
          doubt = triedDoubt;
        } else await rm(membranePath, { force: true });
      }
      if (zRetry && !membrane && doubt.kind === 'signal left out') {
        const dark = choose(target === 'cells' ? 'irregular' : 'round', 'dark');
        const darkPath = outputPath.replace(/(\.ome)?\.tiff?$/i, '') + '.enclosed.tif';
        const darkResult = await segmentClassical(movie, channel, frames, darkPath, args, dark.options, ctx);
        const darkDoubt = await doubtOf(darkResult, doubtAs(dark.chosen));
        if (!darkDoubt.kind && median(darkResult.objectsPerFrame) >= MIN_ENCLOSED_PER_FRAME) {
          await rename(darkPath, outputPath);
          result = { ...darkResult, path: outputPath };
          ({ options, chosen } = dark);
          enclosedNote = ENCLOSED_NOTE;
          doubt = darkDoubt;
        } else await rm(darkPath, { force: true });
      }
      const picked = (await import('../src/analysis/labelCoverage.ts')).doubtSampleFrames(result.objectsPerFrame.length).map((k) => result.objectsPerFrame[k]);
      const limitNote = doubt.kind === 'signal left out' && !byModel && !membrane && !darkChoice ? await limitBlamed(doubt, picked) : undefined;
      const coverageNote = limitNote ?? doubt.note;
      const counts = summarise(result.objectsPerFrame);
      // the model that ran, by its folder and weights (never a method that did not run)
      const ran = byModel ? (result as { model?: { key: string; folder: string; sha256: string } }).model : undefined;
      // For "auto" the threshold method is chosen from the movie (chosen.method, chosen.methodReason).
      const ranMethod = membrane ? 'membrane watershed' : byModel ? 'model' : chosen.method;
      const methodReason = membrane ? '' : byModel && cellModel ? [kind?.reason, cellModel.reason].filter(Boolean).join('; ') : [kind?.reason, cellModel?.reason, chosen.methodReason || resolved.reason, shapeChoice?.key ? shapeChoice.reason : undefined].filter(Boolean).join('; ');
      const how = membrane
        ? MEMBRANE_HOW
        : byModel
        ? `the ${ran?.key ?? 'nuclei'} model (our U-Net${ran ? `, weights sha256 ${ran.sha256.slice(0, 12)}…` : ''})`
        : `${ranMethod} threshold${args.splitTouching ? ' and watershed splitting' : ''}${shapeModel ? `, outlines by the ${shapeModel} model` : ''}`;
      const ref = ctx.addArtifact('labels', result.path, `${channelName(movie, channel)} objects of ${basename(movie.source.path)} (${how})`, { channel: channelFact(movie, channel) });
      const nFrames = result.objectsPerFrame.length;
      const unused = byModel ? notForModel(args) : [];
      const scale = byModel && 'inputScale' in result && result.inputScale !== 1 ? ` The model saw the frames resized ${(result.inputScale as number).toFixed(2)}x to its training object size.` : '';
      const membraneUnused = args.membraneStain === true && !membrane ? ` Not applied: the seeded watershed for a membrane stain, which runs under method "auto"; method "${args.method}" was asked, so it ran instead.` : '';
      const darkNote = byModel && chosen.objects === 'dark' ? ' The objects looked dark on a bright background, but the model expects fluorescent nuclei: check the result, or use method "auto".' : '';
      return {
        summary:
          (membrane ? '' : polarityNote) + membraneNote + enclosedNote + (coverageNote ? `${coverageNote} ` : '') + foundSentence(counts, nFrames, movie.shape.z) + ` of channel ${channelName(movie, channel)} by ${how}` +
          `; labels saved as ${ref.id}. ${membrane ? `Parameters: ${membrane.parameters}` : keyParameters(chosen, byModel)}.${typicalNote && !membrane ? ` ${typicalNote}` : ''}${scale}${darkNote}${membraneUnused}` +
          (saturatedNote ? ` Check: ${saturatedNote}.` : '') +
          (blankNote !== undefined ? ` The sampled frames are blank (every pixel ${blankNote}): there was nothing to measure, so the sizes above are defaults, not measurements; check the channel and the file.` : '') +
          (unused.length ? ` Not applied: ${unused.join(', ')} (the model does its own filtering and splitting).` : ''),
        artifacts: [ref],
        values: {
          // (how the method and every parameter were chosen, for "why ...?": the summary keeps what a biologist needs)
          details: `${methodReason ? `Method: ${ranMethod}, ${methodReason}. ` : ''}Parameters: ${membrane ? membrane.parameters : describeChosen(chosen, byModel)}.`,
          objects: counts.total,
          objectsPerFrameMean: counts.mean,
          objectsPerFrame: result.objectsPerFrame,
          ...(result.thresholds.length ? { thresholdPerFrame: result.thresholds.map((v) => +v.toPrecision(6)) } : {}),
          frames: nFrames,
          method: ranMethod,
          ...(ran ? { model: ran.key, modelFolder: ran.folder, modelSha256: ran.sha256 } : {}),
          ...(shapeModel ? { outlineModel: shapeModel } : {}),
          ...(byModel ? {} : { outlineRule: membrane ? 'each cell flooded from one seed in its interior up to the membranes, within the cells\' area' : shapeModel ? `each object's outline redrawn by the ${shapeModel} model` : describeOutlineRule(chosen, options.edgeFraction ?? 0) }),
          methodReason: membrane ? membraneNote.trim() : methodReason || 'asked for',
          target: membrane ? 'cells' : target,
          objectRadiusPx: membrane ? membrane.radiusPx : chosen.objectRadiusPx,
          // (the area bounds that ran, for "drop the tiny ones" said after: a rerun compares them)
          minAreaPx: membrane ? membrane.minAreaPx : chosen.minAreaPx,
          ...(Number.isFinite(membrane ? membrane.maxAreaPx : chosen.maxAreaPx) ? { maxAreaPx: membrane ? membrane.maxAreaPx : chosen.maxAreaPx } : {}),
          // ("drop anything bigger than a typical nucleus": the account of the step says the typical object and the bound)
          ...(typicalNote && !membrane ? { did: `find nuclei or cells (${typicalNote.charAt(0).toLowerCase()}${typicalNote.slice(1).replace(/\.$/, '')})` } : {}),
          objectPolarity: membrane ? 'outlined' : chosen.objects,
          parameters: membrane
            ? { cellRadiusPx: membrane.radiusPx, minSeedDistancePx: Math.round(membrane.radiusPx), minAreaPx: membrane.minAreaPx, maxAreaPx: membrane.maxAreaPx }
            : byModel
            ? { minAreaPx: chosen.minAreaPx, maxAreaPx: chosen.maxAreaPx, inputScale: (result as { inputScale?: number }).inputScale ?? 1 }
            : { sigmaPx: chosen.sigmaPx, minAreaPx: chosen.minAreaPx, maxAreaPx: chosen.maxAreaPx, minSeedDistancePx: chosen.minSeedDistancePx, minSeedDepthPx: chosen.minSeedDepthPx, seedSigmaPx: chosen.seedSigmaPx, closeBaysPx: chosen.closeBaysPx, splitOversized: chosen.splitOversized, flattenBackground: chosen.flattenBackground },
          ...(membrane ? {} : { parameterSources: chosen.sources }),
          // (what the final answer must carry beside any number it quotes from these labels)
          ...(coverageNote || saturatedNote || (!membrane && chosen.polarityDoubt) ? { doubt: [!membrane && chosen.polarityDoubt ? `unsure which parts are the cells (${chosen.objects} ones segmented; say objects "dark" or "bright")` : '', coverageNote, saturatedNote ? `${Math.round(100 * saturated!.share)}% of the field saturated` : ''].filter(Boolean).join('; ') } : {}),
          ...(saturated ? { saturatedShare: +saturated.share.toFixed(3) } : {}),
          ...(unused.length ? { notApplied: unused } : {}),
          path: result.path,
        },
      };
    } finally {
      await movie.close();
    }
  },
});

export const tools: ToolSpec[] = [segment] as unknown as ToolSpec[];
