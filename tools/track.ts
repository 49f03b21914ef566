// Tracking tools: track (TrackMate LAP or label overlap), measure (objects, links,
// tracks, MSD), detect_divisions, evaluate (Cell Tracking Challenge DET/SEG/TRA and
// division F1) and export (tracks to CTC / CSV / TrackMate XML; movies to TIFF; tables to CSV).
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { z } from 'zod';
import { InputError, WorkError } from '../src/errors.ts';
import type { Movie } from '../src/image/movie.ts';
import { isPattern, movieInputExists, movieStem } from '../src/image/moviePath.ts';
import { frameWindow } from '../src/image/views.ts';
import type { Tracks } from '../src/analysis/tracks.ts';
import { channelArg, channelIndex, channelName, frameRange, frameRangeArg, frameRangeInSource, labelsArg, movieArg, movieOfLabels, outputArg, programNamedIn, recordedChannel, segmentationOfLabels, tableArg, tracksArg } from './common.ts';
import { counted } from './counted.ts';
import { defineTool, type RequestClause, type ArtifactRef, type ToolContext, type ToolSelfDescription, type ToolSpec, type TableDeclaration } from './types.ts';
import { findFeature, formatNumber, micrometres, pixelsFromMicrometres } from './requestWords.ts';

/** Runs analysis code, turning its RangeErrors (bad input) into one-line InputErrors. */
async function inputChecked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof RangeError) throw new InputError(err.message);
    throw err;
  }
}

async function openTracks(ctx: ToolContext, ref: string): Promise<{ tracks: Tracks; path: string }> {
  const path = ctx.resolve(ref, 'tracks');
  const { loadTracks } = await import('../src/analysis/trackio.ts');
  const tracks = await inputChecked(() => loadTracks(path));
  // the session's calibration (set_calibration) wins over the one saved with the tracks
  const calibration = ctx.calibration?.() ?? {};
  return {
    tracks: { ...tracks, pixelSizeUm: calibration.pixelSizeUm ?? tracks.pixelSizeUm, frameIntervalS: calibration.frameIntervalS ?? tracks.frameIntervalS, zStepUm: calibration.zStepUm ?? tracks.zStepUm },
    path,
  };
}

const round = (v: number, digits = 4) => (Number.isFinite(v) ? +v.toPrecision(digits) : null);

/** The most frequent reasons, without their details in brackets: "5: a daughter does not last". */
function commonReasons(reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) {
    const kind = r.replace(/\(.*\)/g, '').replace(/\s+/g, ' ').trim();
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, n]) => `${n}: ${k}`).join('; ');
}
// a label movie given as a frame pattern ("lab00?.tif") is named as run names its folder
const stemOf = (path: string) => (isPattern(path) ? movieStem(path) : basename(path, extname(path)).replace(/\.tracks$/, '') || 'movie');

// ---------------------------------------------------------------- track

/** 0-based frames as the user reads them, 1-based in runs: "3-4", "3, 7-9". */
function frameRuns(frames: number[]): string {
  const runs: string[] = [];
  for (let k = 0; k < frames.length; ) {
    let j = k;
    while (j + 1 < frames.length && frames[j + 1] === frames[j] + 1) j++;
    runs.push(j > k ? `${frames[k] + 1}-${frames[j] + 1}` : `${frames[k] + 1}`);
    k = j + 1;
  }
  return runs.join(', ');
}

const onlyLap = (a: Record<string, unknown>) => (a.method === 'overlap' ? 'a LAP setting; the overlap tracker ran' : undefined);
const onlyOverlap = (a: Record<string, unknown>) => (a.method === 'overlap' ? undefined : 'an overlap-tracker setting; the LAP tracker ran');

const trackSchema = z.object({
  labels: labelsArg.describe('The label movie to track (e.g. the output of segment): an artifact id such as "labels-1" or a label TIFF path'),
  movie: movieArg.optional().describe('Optional intensity movie (same size) for the spots\' mean intensity (the division evidence\'s brightness; intensity penalties); an artifact id or path. Default: the movie the labels were made on, where the session made them'),
  channel: channelArg.optional().describe('Channel of the intensity movie, 1-based or by name; default 1 (with no movie given, the channel the labels were segmented on)'),
  method: z.enum(['lap', 'overlap']).default('lap').describe('"lap": TrackMate\'s LAP tracker on object centroids (default); "overlap": link objects whose masks overlap (IoU) from frame to frame'),
  maxLinkingDistancePx: z.number().positive().optional().describe('LAP: largest move between consecutive frames, pixels (TrackMate "max linking distance"; the search radius around each object). Default: from the movie, 3/4 of the objects\' median diameter or twice their usual large step, whichever is larger (the summary says what was chosen)'),
  allowGapClosing: z.boolean().default(true).describe('LAP: bridge frames where an object was missed (TrackMate default true)'),
  gapClosingMaxDistancePx: z.number().positive().optional().describe('LAP: largest move across a gap, pixels. Default: 1.5 x the linking distance'),
  // capped: the linker loops over every gap length, and a gap longer than any movie means nothing
  maxFrameGap: z.number().int().min(1).max(1000).default(2).describe('LAP: most frames a gap may span, frames, at most 1000 (TrackMate default 2)'),
  allowSplitting: z.boolean().default(true).describe('Detect divisions (track splitting). TrackMate\'s default is false; true here because nuclei divide'),
  splittingMaxDistancePx: z.number().positive().optional().describe('LAP: largest distance from a mother to a daughter, pixels. Default: the larger of the linking distance and the objects\' median diameter'),
  drift: tableArg
    .optional()
    .describe('Drift table from correct_drift (t,dx_px,dy_px) of the movie the labels were made on: positions are corrected by it before linking, so the tracks and their speeds are free of stage drift while the labels and a CTC export stay in the movie\'s coordinates. Default: none'),
  checkDivisions: z.boolean().default(true).describe('LAP: keep a division only with evidence (two daughters that last, of plausible size and brightness, no cell vanished beside the mother, and two of: daughters alike, moving apart, mother brightening). Default true; false keeps every split the tracker proposes'),
  repairOverTime: z.boolean().default(true).describe('Repair the segmentation with time before linking: an object cut in two for a frame (both neighbouring frames show it whole) is merged, and an object that is two (two objects of the frame before or after lie on it, and it has a waist or the frames on both sides show them apart) is split along its waist with those objects as markers, and an object missing for a frame or two (or outlined in part) between two frames that show it at the same place is drawn in (whole); the repaired label movie is saved and used for the tracks. Default true; false tracks the labels as they are'),
  allowMerging: z.boolean().default(false).describe('LAP: allow two tracks to merge (TrackMate default false)'),
  mergingMaxDistancePx: z.number().positive().optional().describe('LAP: largest distance for a merge, pixels. Default: the linking distance'),
  alternativeCostFactor: z.number().positive().default(1.05).describe('LAP: "no link" cost as a multiple of the link costs (TrackMate default 1.05; higher links more)'),
  cutoffPercentile: z.number().min(0).max(1).default(0.9).describe('LAP: percentile of gap/split costs the no-link cost is based on, 0..1 (TrackMate default 0.9)'),
  featurePenalties: z
    .record(z.string(), z.number().min(0))
    .optional()
    .describe('LAP: TrackMate feature penalties for linking, e.g. {"area_px": 1, "mean_intensity": 1} (weight per feature; default none)'),
  minIoU: z.number().gt(0).max(1).default(0.3).describe('Overlap: smallest intersection-over-union for a link, 0..1 (default 0.3)'),
  divisionMinOverlap: z.number().gt(0).max(1).default(0.25).describe('Overlap: fraction of a new object inside an object of the previous frame that makes it a daughter, 0..1 (default 0.25)'),
  output: outputArg.describe('Where to write the tracks (.tracks.json); default a new file in the session folder'),
});

const DIVISION_WORDS = /\bdivi\w*|\bsplit\w*|\blineage|\bmitos[ie]s\b|\bdaughters?\b/i;
/** Closing the gaps of a track: "bridge gaps", "close the gaps", "gap closing", "bridging over missed frames". */
const GAP_CLOSING_WORDS = /\b(?:bridg\w*|clos\w*|fill\w*|link\w*)\s+(?:over\s+)?(?:the\s+|any\s+)?(?:gaps?|missed frames|missing frames)\b|\bgap[- ]?(?:closing|bridging)\b/i;

/** A unit of time after a length: a speed ("2 µm/min", "5 px per hour", "3 um min-1"), no move per frame. */
const PER_TIME_AFTER = /^\s*(?:\/|per\s+|an?\s+)(?:s|sec|secs|seconds?|min|mins|minutes?|h|hr|hrs|hours?)\b|^\s*(?:min|h|s)\s*-1\b/i;
/** Things skipped, "skip the cells", "skipping any nuclei": things left out, never frames skipped. */
// ("skipping any that exist fewer than 5 frames": the things left out may be said by a pronoun and what selects them)
const THINGS_SKIPPED = /\bskip(?:ping|s)?\s+(?:(?:the|any|all|those|these)\s+)?(?:[a-z][\w-]*\s+){0,2}?(?:cells?|nuclei|nucleus|objects?|tracks?|spots?|blobs?|particles?)\b|\bskip(?:ping|s)?\s+(?:any|all|those|these|(?:the\s+)?ones)\s+(?:that|which|who|whose|with)\b/gi;
/** Words of an object missed for some frames: a gap, "gaps", "missing", "skip a frame", "disappear", "vanish", "blink out", "get lost", "drop out". */
const GAP_SAID = /gap|miss|skip|disappear|vanish|blink|\blost\b|drop(?:s|ped|ping)?\s+out\b|invisible|undetected/;

/**
 * The largest move (in µm converted with the movie's pixel size, or used as pixels with a
 * note when it has none; a "search radius", never an object's radius: "nuclei are about 8 px in
 * radius" is their size, and set the linking distance to 8), gaps, and divisions: looked for when the request speaks of them,
 * not when it says not to ("but don't bother with divisions").
 */
function readTrackRequest(c: RequestClause): Record<string, unknown> {
  const args: Record<string, unknown> = { channel: undefined };
  // (or a length said as the most per frame: "max 5 µm per frame", a step's bound)
  const said = c.read.quantity(['length', 'count'], /distance|displacement|move|moves|jump|search radius|up to|within|link(?:ing)?/) ?? c.read.quantity(['length'], /\bmax(?:imum)?\b|\bper\s+(?:frame|time ?point|step)\b/);
  // ("only those moving faster than 2 px per frame": a lower bound on the motion picks objects out, it is no largest move;
  // "nothing moves more than 12 px" is one)
  const lowerBound = said && /\b(?:faster|quicker|more|greater|longer|further|farther|over|above|beyond|at\s+least|exceed\w*)\s*(?:than\s*)?$/i.test(said.before) && !/\b(?:no|not|never|nothing|none|n't)\b[^,.;]{0,24}$/i.test(said.before);
  // ("cells move no more than 2 µm/min": a speed per unit of time is no distance per frame; it needs the time between frames,
  // so it is named, never used as a move per frame)
  const perTime = said && PER_TIME_AFTER.exec(said.after);
  if (said && perTime) args.$note = `Not applied: "${formatNumber(said.value)} ${said.unit === 'um' ? 'µm' : said.unit || 'px'}${perTime[0].trim()}" — a speed per unit of time, where the tracker takes the largest move per frame; say it per frame (e.g. "cells move up to 10 px per frame"), from the speed times the time between frames.`;
  const distance = lowerBound || perTime ? undefined : said;
  const distanceUm = distance ? micrometres(distance) : undefined;
  if (distance && distanceUm === undefined) args.maxLinkingDistancePx = distance.value;
  if (distanceUm !== undefined) {
    const px = pixelsFromMicrometres(distanceUm, c.pixelSizeUm);
    args.maxLinkingDistancePx = px ?? distanceUm;
    args.$note = px === undefined
      ? `The movie does not record its pixel size, so the maximum linking distance of ${formatNumber(distanceUm)} µm was used as ${formatNumber(distanceUm)} px; set the pixel size (e.g. in Fiji: Image > Properties) and run it again for a true µm distance.`
      : `The maximum linking distance of ${formatNumber(distanceUm)} µm is ${formatNumber(px)} px at ${formatNumber(c.pixelSizeUm!)} µm/px.`;
  }
  // ("skip cells only there for 1 or 2 frames": skipping things is leaving them out, by how long they last, no gap)
  const gapWords = (q: { before: string; after: string }) => `${q.before} ${q.after}`.replace(THINGS_SKIPPED, ' ');
  const gap = c.quantities.find((q) => (q.kind === 'frames' || q.kind === 'count') && GAP_SAID.test(gapWords(q)) && !/\b(?:first|last|initial|final)\s*$/i.test(q.before));
  // ("may disappear for 1 or 2 frames", "gaps of 2-4 frames": of a range said for the largest gap, its upper end)
  const upper = gap ? /^\s*(?:or|to|-|–|—)\s*(\d+)\b/.exec(gap.after) : null;
  if (gap) args.maxFrameGap = upper && Number(upper[1]) > gap.value ? Number(upper[1]) : gap.value;
  // ("no gap closing", "without gaps", "do not bridge gaps where a nucleus disappears", "don't close gaps": the gaps said not to be bridged)
  if (/\bno (?:gaps?|gap[- ]closing)\b|\bwithout gap/i.test(c.text) || c.read.saysNot(GAP_CLOSING_WORDS)) Object.assign(args, { maxFrameGap: undefined, allowGapClosing: false });
  if (DIVISION_WORDS.test(c.request)) args.allowSplitting = true;
  if (c.read.saysNot(DIVISION_WORDS)) args.allowSplitting = false;
  if (/\bno (?:divisions|splitting)\b|\bwithout (?:divisions|splitting)\b|\bignore divisions\b|\b(?:don'?t|do not|never|not)\s+(?:allow|want|look for|detect|consider|expect)\s+(?:any\s+)?(?:cell\s+)?(?:divisions|splitting|splits|mitoses)\b/i.test(c.request)) args.allowSplitting = false;
  return args;
}

/**
 * The intensity movie the labels were made on (segmentationOfLabels: what the session's segment step read), opened for the
 * brightness the division evidence weighs (a mitotic mother brightens; sisters are alike), when no movie is given: the
 * planner passes the labels alone, and without brightness the division check loses its sign of mitosis. Used only when it
 * matches the labels (same frames, size and slices); of several channels, the one named, else the one the segment step
 * recorded it segmented (by name where it recorded one, else by index), else (labels made before steps recorded it) the
 * one in which the objects stand out most against the rest of the frame (brighter inside than outside). `why` says what
 * kept it out. Undefined for labels the session did not make.
 */
async function intensityOfLabels(ctx: ToolContext, labels: Movie, labelsPath: string, channel: number | string | undefined): Promise<{ movie?: Movie; channel?: number; channelNote?: string; why?: string } | undefined> {
  const made = segmentationOfLabels(ctx.listArtifacts(), labelsPath);
  const path = made?.moviePath;
  if (!path || path === labelsPath || !movieInputExists(path)) return undefined;
  const movie = await ctx.openMovie(path);
  const [a, b] = [movie.shape, labels.shape];
  let why: string | undefined;
  const recorded = made?.channel && recordedChannel(movie, made.channel);
  if (a.x !== b.x || a.y !== b.y || a.t !== b.t || a.z !== b.z) why = `${basename(path)}, the movie the labels were made on, is not the labels' size (${a.x}x${a.y}, ${a.t} frames against ${b.x}x${b.y}, ${b.t} frames)`;
  else if (a.c === 1 || channel !== undefined) return { movie, channel: channelIndex(movie, channel) };
  else if (recorded !== undefined) return { movie, channel: recorded, channelNote: `channel ${recorded + 1} (${channelName(movie, recorded)}), the channel the labels were segmented on` };
  else {
    const stand = await objectContrastByChannel(movie, labels);
    const best = stand.indexOf(Math.max(...stand));
    if (stand[best] > 1) return { movie, channel: best, channelNote: `channel ${best + 1} (${movie.meta.channelNames[best]}), in which the objects stand out most (${stand[best].toFixed(1)}x the rest of the frame)` };
    why = `the objects are not brighter than the rest of the frame in any channel of ${basename(path)}`;
  }
  await movie.close();
  return { why };
}

/** Per channel, the objects' mean intensity over that of the rest of the frame, in the middle frame (middle slice). */
async function objectContrastByChannel(movie: Movie, labels: Movie): Promise<number[]> {
  const [t, z] = [Math.floor(movie.shape.t / 2), Math.floor(movie.shape.z / 2)];
  const mask = await labels.plane(t, z, 0);
  const out: number[] = [];
  for (let c = 0; c < movie.shape.c; c++) {
    const plane = await movie.plane(t, z, c);
    let [inside, nIn, outside, nOut] = [0, 0, 0, 0];
    for (let k = 0; k < plane.length; k++) {
      if (mask[k]) (inside += plane[k]), nIn++;
      else (outside += plane[k]), nOut++;
    }
    out.push(nIn && nOut && outside > 0 ? inside / nIn / (outside / nOut) : NaN);
  }
  return out.map((v) => (Number.isFinite(v) ? v : 0));
}

const track = defineTool({
  name: 'track',
  references: { cite: { lap: ['Jaqaman K et al. (2008) Robust single-particle tracking in live-cell time-lapse sequences. Nat Methods 5:695-702', 'Tinevez JY et al. (2017) TrackMate: an open and extensible platform for single-particle tracking. Methods 115:80-90', 'Ershov D et al. (2022) TrackMate 7: integrating state-of-the-art segmentation algorithms into tracking pipelines. Nat Methods 19:829-832'], overlap: ['Ershov D et al. (2022) TrackMate 7: integrating state-of-the-art segmentation algorithms into tracking pipelines. Nat Methods 19:829-832'] } },
  summary: 'Links the objects of a label movie over time into tracks with divisions (TrackMate\'s LAP tracker or mask overlap).',
  words: ['track', 'tracking', 'link', 'linking', 'follow', 'trajectories', 'lineage', 'lineages', 'trackmate', 'over time', 'through time', 'paths'],
  examples: ['track the nuclei', 'follow the cells over time', 'trace the cells through the time-lapse', 'link the detections into tracks', 'track them with a max linking distance of 20 px', 'build the lineages'],
  consumes: ['labels', 'movie'],
  produces: ['tracks'],
  makes: ['tracks'],
  // (faults people see in the tracks, and the settings that answer them: a complaint runs it again from what it used)
  remedies: [
    { symptom: 'tracks jumping between objects', words: ['jump between', 'jumps between', 'jumping between', 'jump to', 'jumps to', 'identities swapped', 'swapped identities', 'swap identities', 'ids swapped', 'swapped ids', 'switch identity', 'switches identity', 'switch identities', 'mixed up', 'linked to the wrong', 'wrong cell', 'wrong nucleus', 'wrong neighbour', 'wrong neighbor'], changes: [{ arg: 'maxLinkingDistancePx', way: 'lower' }] },
    { symptom: 'tracks broken into short pieces', words: ['broken tracks', 'tracks break', 'tracks are broken', 'break up', 'fragmented', 'too many short tracks', 'short tracks', 'lost track', 'loses track', 'loses the cells', 'loses them', 'not linked', 'gaps'], changes: [{ arg: 'maxLinkingDistancePx', way: 'higher' }, { arg: 'gapClosingMaxDistancePx', way: 'higher' }] },
    { symptom: 'divisions found that are not there', words: ['false divisions', 'fake divisions', 'too many divisions', 'divisions that are not', 'not really dividing', "don't divide", 'do not divide'], changes: [{ arg: 'allowSplitting', to: false }] },
  ],
  insteadOf: {
    trackmate: { args: {}, say: 'TrackMate itself is not installed here: I linked the objects with our own tracker (method "lap", the approach of TrackMate\'s LAP tracker, unless another method was asked).' },
    btrack: { args: {}, say: 'btrack is not installed here: I linked the objects with our own tracker (method "lap", a linear-assignment tracker like TrackMate\'s, unless another method was asked).' },
  },
  needsFrames: true,
  results: { tracks: { about: 'tracks (trees of branches)', unit: '', example: 37, headline: true }, branches: { about: 'branches', unit: '' }, spots: { about: 'spots', unit: '' }, divisions: { about: 'divisions', unit: '', example: 5, headline: true }, meanBranchLengthSpots: { about: 'mean branch length', unit: 'spots', example: 31.2 }, branchesAtLeast10Frames: { about: 'branches of 10 frames or more', unit: '' }, frames: { about: 'frames', unit: 'frames' }, divisionsProposed: { about: 'divisions the tracker proposed before the evidence check', unit: '' }, maxLinkingDistancePx: { about: 'linking distance used', unit: 'px', setting: true }, objectDiameterPx: { about: 'median object diameter', unit: 'px' }, stepPx: { about: 'large frame-to-frame step of the objects (90th percentile)', unit: 'px' }, gapClosingMaxDistancePx: { about: 'gap-closing distance used', unit: 'px', setting: true }, splittingMaxDistancePx: { about: 'mother-to-daughter distance used', unit: 'px', setting: true }, driftStepsNotApplied: { about: 'drift-table steps not borne out by the objects', unit: '' }, linksOverEmptyFrames: { about: 'links bridging empty frames', unit: '' }, objectsSplit: { about: 'objects split by the repair over time (two objects seen as one)', unit: '' }, fragmentsMerged: { about: 'fragments merged by the repair over time', unit: '' }, sistersJoinedInAnaphase: { about: 'daughter pairs still joined in anaphase, taken for the mother', unit: '' }, piecesJoined: { about: 'touching pieces of one object (a split refused as no division) made one object again', unit: '' }, meanBranchConfidence: { about: 'mean branch confidence (0-1)', unit: '' }, lowConfidenceBranches: { about: 'branches with confidence below 0.5', unit: '' } },
  valueWords: { method: { overlap: ['overlap', 'iou', 'mask overlap'], lap: ['lap', 'trackmate', 'linear assignment', 'linear assignment problem'] } },
  description:
    'Links the objects of a label movie over time into tracks, with divisions as lineage. Default: TrackMate\'s LAP tracker (frame-to-frame linking, gap closing, splitting; linking, gap and division distances chosen from the objects\' size and motion in the movie, gaps up to 2 frames; divisions kept only with evidence). Or method "overlap" (mask overlap). Returns a tracks artifact (export it with export, measure it with measure) and counts of tracks, spots and divisions.',
  schema: trackSchema,
  inapplicable: {
    maxLinkingDistancePx: onlyLap,
    allowGapClosing: onlyLap,
    gapClosingMaxDistancePx: onlyLap,
    maxFrameGap: onlyLap,
    splittingMaxDistancePx: onlyLap,
    checkDivisions: onlyLap,
    allowMerging: onlyLap,
    mergingMaxDistancePx: onlyLap,
    alternativeCostFactor: onlyLap,
    cutoffPercentile: onlyLap,
    featurePenalties: onlyLap,
    minIoU: onlyOverlap,
    divisionMinOverlap: onlyOverlap,
  },
  fromRequest: readTrackRequest,
  async run(args, ctx) {
    const labelsPath = ctx.resolve(args.labels, ['labels', 'movie']);
    const labels = await ctx.openMovie(args.labels);
    const madeOn = args.movie ? undefined : await intensityOfLabels(ctx, labels, labelsPath, args.channel);
    const intensity = args.movie ? await ctx.openMovie(args.movie) : madeOn?.movie;
    try {
      const { trackLabelsWithEvidence, PIECES_EVIDENCE } = await import('../src/analysis/track.ts');
      const { OUTLINED_IN_PART } = await import('../src/analysis/temporalRepair.ts');
      const { saveTracksJson } = await import('../src/analysis/trackio.ts');
      const { trackIdOfBranch } = await import('../src/analysis/track.ts');
      const penalties = args.featurePenalties ?? {};
      const driftPx = args.drift ? await readDriftTable(ctx.resolve(args.drift, 'table')) : undefined;
      const tracking = await inputChecked(() =>
        trackLabelsWithEvidence(labels, {
          method: args.method,
          intensity,
          channel: madeOn?.channel ?? (intensity ? channelIndex(intensity, args.channel) : 0),
          labelsPath,
          signal: ctx.signal,
          onProgress: (done, total) => ctx.progress(done, total, 'frames'),
          distancesFromMovie: true,
          driftPx,
          divisionCheck: args.checkDivisions ? {} : false,
          temporalRepair: args.repairOverTime,
          lap: {
            linkingMaxDistance: args.maxLinkingDistancePx,
            linkingFeaturePenalties: penalties,
            allowGapClosing: args.allowGapClosing,
            gapClosingMaxDistance: args.gapClosingMaxDistancePx,
            maxFrameGap: args.maxFrameGap,
            allowSplitting: args.allowSplitting,
            splittingMaxDistance: args.splittingMaxDistancePx,
            allowMerging: args.allowMerging,
            mergingMaxDistance: args.mergingMaxDistancePx,
            alternativeLinkingCostFactor: args.alternativeCostFactor,
            cutoffPercentile: args.cutoffPercentile,
          },
          overlap: { minIoU: args.minIoU, divisionMinOverlap: args.divisionMinOverlap, allowDivisions: args.allowSplitting },
        }),
      );
      const { tracks, scale, divisionEvidence } = tracking;
      if (tracks.spots.length === 0) throw new InputError(`${args.labels} has no objects (every frame is empty), so there is nothing to track: where it comes from a segmentation, that found no object in any frame (check the channel, or segment with other settings); otherwise segment the movie first`);
      // the tracks are made on the repaired labels: saved beside them, and named by them (a CTC export reads it)
      const repair = tracking.repair;
      let repairedRef: ArtifactRef | undefined;
      if (repair && repair.events.length) {
        const { writeMovie } = await import('../src/image/index.ts');
        const repairedPath = ctx.outputPath(`${stemOf(labels.source.path)}-repaired.tif`, undefined);
        await writeMovie(repairedPath, repair.labels);
        repairedRef = ctx.addArtifact('labels', repairedPath, `labels of ${basename(labels.source.path)} repaired over time (${repair.split} split, ${repair.merged} merged${repair.filled ? `, ${repair.filled} drawn in` : ''})`);
        tracks.labelsPath = repairedPath;
      }
      const path = ctx.outputPath(`${stemOf(labels.source.path)}.tracks.json`, args.output);
      saveTracksJson(path, tracks);
      const trees = new Set(trackIdOfBranch(tracks).values()).size;
      const divisions = new Set(tracks.branches.filter((b) => b.parent > 0).map((b) => b.parent)).size;
      const longLived = tracks.branches.filter((b) => b.end - b.start + 1 >= Math.min(10, tracks.frames)).length;
      const meanLength = tracks.branches.reduce((a, b) => a + b.spotIds.length, 0) / tracks.branches.length;
      const linkingPx = args.maxLinkingDistancePx ?? scale?.linkingMaxDistancePx ?? 15;
      const distanceNote =
        args.maxLinkingDistancePx === undefined && scale
          ? `, chosen from the movie: objects ${scale.diameterPx} px across, moving up to ~${scale.stepPx} px per frame; gaps bridged up to ${args.gapClosingMaxDistancePx ?? scale.gapClosingMaxDistancePx} px, daughters up to ${args.splittingMaxDistancePx ?? scale.splittingMaxDistancePx} px from the mother`
          : '';
      const how = args.method === 'lap' ? `the LAP tracker (max ${linkingPx} px per frame${distanceNote})` : `mask overlap (IoU >= ${args.minIoU})`;
      const check = tracking.driftCheck;
      const driftNote = !args.drift
        ? ''
        : check && check.rejectedFrames.length
          ? ` The drift table's shift was applied only where the objects bore it out: ${check.rejectedFrames.length} of ${tracks.frames - 1} frame-to-frame steps (up to ${check.largestRejectedStepPx} px) were left out because the objects showed no such motion (the estimate was likely fooled by moving cells); the labels keep the movie's coordinates.`
          : ' Positions are corrected for the stage drift in the drift table (every step borne out by the objects); the labels keep the movie\'s coordinates.';
      const rejected = divisionEvidence.filter((e) => !e.accepted);
      const divisionNote = rejected.length ? ` ${rejected.length} of ${divisionEvidence.length} divisions the tracker proposed lacked evidence and were not kept (${commonReasons(rejected.map((e) => e.reason))}).` : '';
      const confidences = tracks.branches.map((b) => b.confidence ?? 1);
      const lowConfidence = confidences.filter((c) => c < 0.5).length;
      const meanConfidence = confidences.reduce((a, c) => a + c, 0) / Math.max(1, confidences.length);
      // a track of one frame with no mother and no daughters: most often a piece the segmentation cut off for a frame
      const parents = new Set(tracks.branches.map((b) => b.parent));
      const singleFrame = tracks.branches.filter((b) => b.spotIds.length === 1 && b.parent === 0 && !parents.has(b.id)).length;
      // the tracks to check first: the least confident (a track's confidence is its branches', weighted by their spots)
      const { trackConfidences } = await import('../src/analysis/track.ts');
      const leastConfident = trackConfidences(tracks).filter((c) => c.confidence < 0.5).sort((a, b) => a.confidence - b.confidence).slice(0, 5);
      const leastNote = leastConfident.length ? `; least confident tracks: ${leastConfident.map((c) => `${c.trackId} (${c.confidence})`).join(', ')}` : '';
      const confidenceNote = ` Mean branch confidence ${round(meanConfidence, 2)}${lowConfidence ? `; ${lowConfidence} branch(es) below 0.5 (long jumps, size changes or gaps)` : ''}${leastNote}.${singleFrame && tracks.frames > 2 ? ` ${singleFrame} track(s) last a single frame (likely pieces of objects the segmentation cut off for one frame, or objects seen once).` : ''}`;
      const ref = ctx.addArtifact('tracks', path, `tracks of ${basename(labels.source.path)} (${args.method})`);
      const intensityNote = madeOn?.movie
        ? ` Brightness (the mother's brightening, the daughters' likeness) was read from ${basename(madeOn.movie.source.path)}${madeOn.channelNote ? `, ${madeOn.channelNote}` : ''}, the movie the labels were made on (no movie given).`
        : madeOn?.why
          ? ` No brightness was read for the division evidence: ${madeOn.why}.`
          : '';
      const sistersJoined = repair ? repair.events.filter((e) => e.evidence === 'sisters joined in anaphase').length : 0;
      const piecesJoined = repair ? repair.events.filter((e) => e.evidence === PIECES_EVIDENCE).length : 0;
      const completed = repair ? repair.events.filter((e) => e.evidence === OUTLINED_IN_PART).length : 0;
      const filledIn = (repair?.filled ?? 0) - completed;
      const pairSplits = repair ? repair.events.filter((e) => e.kind === 'split' && e.evidence === 'pair shape').length : 0;
      const splitFrames = repair ? new Set(repair.events.filter((e) => e.kind === 'split').map((e) => e.t)).size : 0;
      const repairNote = !repair
        ? ''
        : repair.skipped
          ? ` The segmentation was not repaired over time (${repair.skipped}).`
          : repairedRef
            ? ` Segmentation repaired with time before linking: ${repair.split} object(s) split in ${splitFrames} frame(s) (two objects of the neighbouring frame lay on each, and it had a waist, both sides showed them apart, or it was shaped as the two end to end${pairSplits ? `: ${pairSplits} by that shape` : ''}) and ${repair.merged - sistersJoined - piecesJoined} fragment(s) merged into the object both neighbouring frames showed whole${filledIn ? `; ${counted(filledIn, 'object')} the segmentation missed for a frame or two drawn in (the frames before and after show it at the same place; its outline moved along the way between them)` : ''}${completed ? `; ${counted(completed, 'object')} outlined in part (under 0.6 of the object both neighbouring frames show there) drawn whole the same way` : ''}; the tracks are on the repaired labels, ${repairedRef.id}.`
            : ' The segmentation agreed with itself over time (nothing to split or merge).';
      const noSplitNote = repair?.noSplits ? ` No object was split over time: ${repair.noSplits}.` : repair?.pairShapeNote && pairSplits ? ` Objects were split by their shape because ${repair.pairShapeNote}.` : '';
      const anaphaseNote = repair?.anaphaseNote ? ` ${repair.anaphaseNote[0].toUpperCase()}${repair.anaphaseNote.slice(1)}.` : '';
      const piecesNote = repair?.piecesNote ? ` ${repair.piecesNote[0].toUpperCase()}${repair.piecesNote.slice(1)}.` : '';
      // gaps closed over frames where the segmentation found nothing (a gap counts only frames with objects)
      const empty = tracking.emptyFrameGaps;
      const emptyNote = empty ? ` ${counted(empty.links, 'link')} bridged ${empty.frames.length === 1 ? 'frame' : 'frames'} ${frameRuns(empty.frames)}, where the segmentation found no object: a frame with nothing segmented is no evidence that the cells left, so a gap counts only frames with objects (up to ${args.maxFrameGap} of them).` : '';
      return {
        summary: `Tracked ${counted(tracks.spots.length, 'object')} in ${counted(tracks.frames, 'frame')} into ${counted(trees, 'track')} (${counted(tracks.branches.length, 'branch', 'branches')}, ${counted(divisions, 'division')}) with ${how}; saved as ${ref.id}.${repairNote}${noSplitNote}${anaphaseNote}${piecesNote}${emptyNote}${driftNote}${divisionNote}${intensityNote}${confidenceNote}`,
        artifacts: repairedRef ? [ref, repairedRef] : [ref],
        values: {
          tracks: trees,
          branches: tracks.branches.length,
          spots: tracks.spots.length,
          divisions,
          divisionsProposed: divisionEvidence.length,
          meanBranchLengthSpots: round(meanLength),
          branchesAtLeast10Frames: longLived,
          frames: tracks.frames,
          method: args.method,
          ...(args.method === 'lap' ? { maxLinkingDistancePx: linkingPx } : {}),
          ...(scale ? { objectDiameterPx: scale.diameterPx, stepPx: scale.stepPx, gapClosingMaxDistancePx: args.gapClosingMaxDistancePx ?? scale.gapClosingMaxDistancePx, splittingMaxDistancePx: args.splittingMaxDistancePx ?? scale.splittingMaxDistancePx } : {}),
          ...(check ? { driftStepsNotApplied: check.rejectedFrames.length } : {}),
          ...(empty ? { linksOverEmptyFrames: empty.links, emptyFramesBridged: empty.frames.map((t) => t + 1) } : {}),
          ...(repair && !repair.skipped ? { objectsSplit: repair.split, fragmentsMerged: repair.merged - sistersJoined - piecesJoined, sistersJoinedInAnaphase: sistersJoined, piecesJoined, objectsFilledIn: filledIn, objectsCompleted: completed } : {}),
          meanBranchConfidence: round(meanConfidence, 3),
          lowConfidenceBranches: lowConfidence,
          leastConfidentTracks: leastConfident.map((c) => ({ track: c.trackId, confidence: c.confidence, weakestBranch: c.weakestBranch })),
          singleFrameTracks: singleFrame,
          ...(intensity ? { intensityMovie: intensity.source.path } : {}),
          // (1-based, as the answer names it: the channel of the labels' movie the brightness was read from)
          ...(madeOn?.movie && madeOn.channel !== undefined ? { intensityChannel: madeOn.channel + 1 } : {}),
          path,
        },
      };
    } finally {
      await labels.close();
      await intensity?.close();
    }
  },
});

// ---------------------------------------------------------------- measure

const measureSchema = z.object({
  kind: z
    .enum(['objects', 'summary', 'links', 'tracks', 'msd'])
    .default('objects')
    .describe('"objects": per object and frame (area, perimeter, circularity, ellipse axes, eccentricity, orientation, centroid, nearest-neighbour distance, whether it touches the image edge (touches_edge 1/0), intensity mean/median/min/max/std/sum; needs labels); "summary": a summary row per frame, as Fiji\'s Analyze Particles "Summarize" (objects, their total and mean area, % of the field covered, objects per mm² when calibrated, mean intensity; needs labels); "links": speed and displacement per step; "tracks": TrackMate track features (duration, displacement, speeds, total distance, confinement ratio, linearity, directional change, gaps, splits); "msd": mean squared displacement vs lag with a diffusion coefficient fit'),
  labels: labelsArg.optional().describe('Label movie, for kinds "objects" and "summary": an artifact id or path; with `tracks` and no labels, the label movie the tracks were made on (after the track step\'s repair over time)'),
  movie: movieArg.optional().describe('Intensity movie for kind "objects" (intensity statistics per channel); optional'),
  channel: channelArg.optional().describe('Kinds "objects" and "summary": only this channel\'s intensities (1-based or name); default all channels'),
  frames: frameRangeArg.optional().describe('Kinds "objects" and "summary": frames to measure, 1-based inclusive; default all'),
  tracks: tracksArg.optional().describe('Tracks, for kinds "links", "tracks" and "msd"; with kind "objects", tracks made from the same labels add track_id and branch_id columns, so values can be followed per cell over time'),
  maxLagFrames: z.number().int().min(1).max(100_000).optional().describe('Kind "msd": largest lag, frames, at most 100000; default a quarter of the longest track'),
  fitLags: z.number().int().min(2).max(1000).default(4).describe('Kind "msd": number of first lags used to fit MSD = 2·d·D·τ + offset, at most 1000 (default 4)'),
  volumes: z.boolean().optional().describe('Kind "objects": volumes were asked for. A z-stack\'s 3-D objects always get their volumes (a second table); on a single z slice the answer says in one line that no volume was measured'),
  output: outputArg.describe('Where to write the table (.csv); default a new file in the session folder'),
});

/** Why a setting of some kinds of measurement does not apply to another, or undefined when it does. */
const onlyKind =
  (...kinds: string[]) =>
  (a: Record<string, unknown>) =>
    kinds.includes(String(a.kind ?? 'objects')) ? undefined : `applies only to kind ${kinds.map((k) => `"${k}"`).join(' or ')}, not "${a.kind}"`;

/** What to measure (objects, tracks, links, MSD) and so what it reads: labels, or tracks. */
function readMeasureRequest(c: RequestClause): Record<string, unknown> {
  // ("the distance to the nearest neighbour", "how far apart are they": how the objects of a frame lie, a column of the objects' table)
  let kind = /\bdistances?\b[^,.;?]*\b(?:nearest|closest)[\s-]+neighbou?rs?\b|\b(?:nearest|closest)[\s-]+neighbou?rs?\s+distances?\b|\bfar\s+apart\b/i.test(c.text) ? 'objects' : c.read.value('kind');
  if (!kind && /\bmsd\b|\bmean[- ]square(?:d)? displacement\b|\bdiffusion\b/i.test(c.text)) kind = 'msd';
  else if (!kind && /\bspeeds?\b|\bvelocit\w*|\bdisplacement\b|\bper track\b|\btrack (?:features|statistics|lengths?)\b|\bstraightness\b|\bmigration\b/i.test(c.text)) kind = 'tracks';
  else if (!kind && /\blinks?\b|\bsteps? between frames\b/i.test(c.text)) kind = 'links';
  // ("count the nuclei per frame and save the counts as csv", "the number of cells at each time point in a spreadsheet"): a table
  // of counts of objects, with no measure of each object named, is one row per frame (a count is of a frame, not of an object)
  // (the objects only named, "the nucleus count", choose no kind; a step added for a writer, whose words are the writer's
  // alone, "in a file I can open in Excel", reads what the request asked to count)
  // (only where a table of them is asked for: "is the count increasing?", "how does the number change? graph" read the
  // objects' table, whose counts per frame the answers and plots already take)
  else if ((!kind || kind === 'objects') && countsOnly(c.text) && TABLE_ASKED.test(c.request)) kind = 'summary';
  else if (!kind && !OF_EACH_OBJECT.test(c.text) && !COUNTS_ASKED.test(c.text) && !/\bmeasur|\bquantif/i.test(c.text) && countsOnly(c.request)) kind = 'summary';
  const volumes = /\bvolumes?\b|µm(?:³|\^?3)|\bcubic micro/i.test(c.text) ? { volumes: true } : {};
  // ("intensity over time for each cell", "how does the area of each nucleus change over time?": values followed per cell need
  // the tracks beside the labels, which add a track id to each object's row)
  const perCellOverTime = (!kind || kind === 'objects') && [...c.request.split(/[.;?!]\s/)].some((sentence) => FOLLOWED_PER_CELL.test(sentence) && OVER_TIME.test(sentence));
  const ofLabels = !kind || kind === 'objects' || kind === 'summary';
  return { frames: undefined, kind, ...volumes, $needs: !ofLabels ? ['tracks'] : perCellOverTime && kind !== 'summary' ? ['labels', 'tracks'] : ['labels'] };
}

/** A table or file of results asked for ("as csv", "in a spreadsheet", "save the counts", "export"). */
const TABLE_ASKED = /\b(?:csv|tsv|excel|xlsx?|spreadsheets?|tables?|files?|save|saved|export\w*|write|prism|graphpad)\b/i;
const COUNTS_ASKED = /\b(?:counts?|counted|counting|tally)\b|\bnumbers?\s+of\s+(?:the\s+)?(?:cells?|nuclei|nucleus|objects?|particles?|blobs?)\b|\b(?:cell|nucleus|nuclei|object)\s+counts?\b/i;
/** Words that name a measure of each object, or what is not an object of the masks (tracks, divisions, steps). */
const OF_EACH_OBJECT = /\b(?:areas?|sizes?|intensit(?:y|ies)|brightness|fluorescence|signal|shapes?|circularit\w*|roundness|perimeters?|eccentricit\w*|solidit\w*|aspect|elongation|centroids?|positions?|features?|morpholog\w*|volumes?|distances?|neighbou?rs?|spacing|tracks?|tracklets?|divisions?|mitos[ei]s|links?|steps?|lineages?|speeds?)\b/i;
/** Counts of objects asked, and no measure of each object. */
const countsOnly = (text: string) => COUNTS_ASKED.test(text) && !OF_EACH_OBJECT.test(text);
const FOLLOWED_PER_CELL = /\b(?:each|every|per|individual|single|the\s+same)\s+(?:cell|nucleus|nuclei|object|track)s?\b|\bcell[- ]by[- ]cell\b|\bper[- ]cell\b/i;
const OVER_TIME = /\b(?:over|through|across|in|with)\s+time\b|\btime[- ]?(?:course|series|traces?)\b|\b(?:single[- ]cell\s+)?traces?\b|\bover\s+(?:the\s+)?(?:movie|frames|time-?lapse)\b|\bframe\s+(?:by|to)\s+frame\b|\bchanges?\s+over\b/i;

/** The columns measure writes, by kind, with typical values (a plan-only eval's stand-in table; a real run measures them). */
const MEASURED_TABLES: Record<string, TableDeclaration> = {
  objects: {
    rows: 'objects',
    columns: {
      area_px: { unit: 'px²', example: 152.3, calibratedName: 'area_um2' },
      perimeter_px: { unit: 'px', example: 46.2, calibratedName: 'perimeter_um' },
      circularity: { unit: '', example: 0.86 },
      centroid_x_px: { unit: 'px', example: 128, calibratedName: 'centroid_x_um' },
      centroid_y_px: { unit: 'px', example: 128, calibratedName: 'centroid_y_um' },
      major_axis_px: { unit: 'px', example: 16.1 },
      minor_axis_px: { unit: 'px', example: 12.2 },
      eccentricity: { unit: '', example: 0.62 },
      nearest_neighbour_px: { unit: 'px', example: 21.5, calibratedName: 'nearest_neighbour_um' },
      mean_intensity_c1: { unit: '', example: 850 },
      max_intensity_c1: { unit: '', example: 1250 },
      sum_intensity_c1: { unit: '', example: 129000 },
    },
  },
  summary: {
    rows: 'frames',
    columns: {
      count: { unit: '', example: 40, whole: true },
      total_area_px: { unit: 'px²', example: 6092 },
      mean_area_px: { unit: 'px²', example: 152.3 },
      area_fraction_percent: { unit: '%', example: 9.3 },
      mean_intensity_c1: { unit: '', example: 850 },
    },
  },
  tracks: {
    rows: 'tracks',
    columns: {
      NUMBER_SPOTS: { unit: '', example: 24, whole: true },
      TRACK_DURATION: { unit: 'frames', example: 24.5, whole: true },
      TRACK_DISPLACEMENT: { unit: 'px', example: 14.2 },
      TRACK_MEAN_SPEED: { unit: 'px/frame', example: 1.8 },
      TRACK_MAX_SPEED: { unit: 'px/frame', example: 4.1 },
      TRACK_MEDIAN_SPEED: { unit: 'px/frame', example: 1.7 },
      TOTAL_DISTANCE_TRAVELED: { unit: 'px', example: 43.1 },
      MAX_DISTANCE_TRAVELED: { unit: 'px', example: 17.3 },
      CONFINEMENT_RATIO: { unit: '', example: 0.62 },
    },
  },
  // (no stand-in of a links table yet: a step sits between two frames, and answers that scope steps to frames
  // ("between frame 5 and 15", "before and after frame 20") must first say which frames the steps reach)
};

const measure = defineTool({
  name: 'measure',
  summary: 'Measures objects (area, intensity, shape per object and frame), links or tracks (speed, displacement, duration) or the mean squared displacement, as a table.',
  words: ['measure', 'measurement', 'measurements', 'quantify', 'features', 'area', 'size', 'intensity', 'shape', 'morphology', 'speed', 'velocity', 'displacement', 'msd', 'mean squared displacement', 'diffusion', 'feature table', 'statistics', 'circularity', 'perimeter', 'centroid', 'density', 'confluence', 'confluency', 'area fraction', 'coverage', 'analyze particles', 'analyse particles', 'particle analysis'],
  examples: ['measure the nuclei', 'quantify area and intensity', 'compute the track speeds', 'mean squared displacement of the tracks', 'extract the features', 'Analyze Particles on the thresholded nuclei'],
  consumes: ['labels', 'movie', 'tracks'],
  produces: ['table'],
  makes: ['table'],
  // intensities from the movie as recorded (never a denoised or projected one), a track id per object
  alsoUses: () => ({ movie: 'recording', tracks: 'latest' }),
  results: { objects: { about: 'objects measured', unit: '', example: 1200 }, meanAreaFractionPct: { about: 'confluence (share of the field covered)', unit: '%' }, meanAreaPx: { about: 'mean object area', unit: 'px²', example: 152.3 }, volumes: { about: '3-D objects measured (a z-stack)', unit: '' }, meanVolumeVoxels: { about: 'mean 3-D object volume', unit: 'voxels' }, meanVolumeUm3: { about: 'mean 3-D object volume', unit: 'µm³' }, links: { about: 'links measured', unit: '' }, meanSpeed: { about: 'mean speed', unit: 'px/frame', example: 1.8, words: ['how fast', 'how quickly', 'quickly', 'quick', 'rapidly'] }, tracks: { about: 'tracks measured', unit: '', example: 37 }, meanDuration: { about: 'mean track duration', unit: 'frames', example: 24.5 }, meanDisplacement: { about: 'mean track displacement', unit: 'px', example: 14.2, words: ['how far', 'far', 'farther', 'further'] }, meanConfinementRatio: { about: 'mean confinement ratio', unit: '', example: 0.62, words: ['straightness', 'persistence', 'persistent', 'directness', 'how straight', 'confinement ratio'] }, meanDirectionDeg: { about: "mean direction of the cells' net displacements, clockwise from the image's right (y down)", unit: '°', words: ['direction', 'which way', 'heading', 'preferred direction', 'same direction'] }, directionalityR: { about: 'directionality of migration: mean resultant length of the net displacement directions (0 every way, 1 all one way)', unit: '', words: ['directed migration', 'chemotaxis', 'biased migration', 'directional migration'] }, directionRayleighP: { about: 'Rayleigh test p of the net displacement directions (a preferred direction when under 0.05)', unit: '' }, splits: { about: 'splits', unit: '' }, diffusionCoefficient: { about: 'diffusion coefficient', unit: 'px²/frame', example: 0.85 }, alpha: { about: 'MSD exponent', unit: '', example: 1.1 } },
  table: (args) => MEASURED_TABLES[typeof args.kind === 'string' ? args.kind : 'objects'],
  valueWords: { kind: { summary: ['per frame summary', 'per-frame summary', 'summary per frame', 'density', 'densities', 'dense', 'how dense', 'confluence', 'confluency', 'area fraction', 'coverage', 'fraction of the image', 'fraction of the field', 'fraction of the frame', 'share of the image', 'share of the field', 'proportion of the field', 'field covered', 'area covered'], objects: ['objects', 'neighbour distance', 'neighbor distance', 'neighbour distances', 'neighbor distances', 'far apart', 'spacing between'], msd: ['msd', 'mean squared displacement', 'mean square displacement', 'diffusion'], tracks: ['speed', 'speeds', 'velocity', 'displacement', 'per track', 'track features', 'track statistics', 'straightness', 'migration', 'motility', 'movement', 'how far', 'moved', 'distance moved', 'distance travelled', 'distance traveled', 'path length', 'total distance', 'directionality', 'directness', 'directed', 'directed migration', 'direction', 'directions', 'which way', 'same way', 'one way', 'chemotaxis', 'chemotactic', 'random motion', 'persistence', 'confinement', 'lifetime', 'lifetimes', 'lifespan', 'duration', 'durations'], links: ['links', 'instantaneous', 'steps between frames', 'every step', 'each step', 'per step', 'single step', 'per link', 'each link', 'frame-to-frame'] } },
  description:
    'Measures objects (kind "objects", from a label movie and optionally an intensity movie), track steps ("links": speed, displacement), whole tracks ("tracks": TrackMate\'s track analyzers) or mean squared displacement ("msd", with diffusion coefficient). Writes a CSV table artifact; values give counts and the key means. Units are µm and s when the movie is calibrated, else pixels and frames. A step\'s speed is the straight-line distance between a cell\'s centroids in two consecutive frames over the time between those frames; a track\'s mean speed is the mean of its steps\' speeds. A track\'s displacement is the straight line from its first to its last position; its total distance is the sum of its steps. An object\'s area is its number of pixels times the area of one pixel; its mean intensity is the mean of its pixels in the movie as recorded.',
  schema: measureSchema,
  inapplicable: {
    channel: onlyKind('objects', 'summary'),
    frames: onlyKind('objects', 'summary'),
    maxLagFrames: onlyKind('msd'),
    fitLags: onlyKind('msd'),
  },
  fromRequest: readMeasureRequest,
  async run(args, ctx) {
    const { writeTableCsv } = await import('../src/analysis/table.ts');
    if (args.kind === 'objects' || args.kind === 'summary') return measureObjectsTool(args, ctx, writeTableCsv);
    if (!args.tracks) throw new InputError(`measure kind "${args.kind}" needs \`tracks\` (e.g. "tracks-1"); run track first`);
    const { tracks, path: tracksPath } = await openTracks(ctx, args.tracks);
    const stem = stemOf(tracksPath);
    if (args.kind === 'links') {
      const { linkTable } = await import('../src/analysis/trackFeatures.ts');
      const { table, units } = linkTable(tracks, { timeUnit: ctx.calibration?.().timeUnit });
      const out = ctx.outputPath(`${stem}-links.csv`, args.output);
      writeTableCsv(out, table);
      const speedColumn = table.columns.find((c) => c.startsWith('speed_'))!;
      const speeds = table.rows.map((r) => r[speedColumn] as number).filter(Number.isFinite);
      const meanSpeed = speeds.reduce((a, b) => a + b, 0) / Math.max(1, speeds.length);
      const ref = ctx.addArtifact('table', out, `link speeds of ${args.tracks}`);
      return {
        summary: `Measured ${counted(table.rows.length, 'step')}; mean speed ${round(meanSpeed, 3)} ${units.length}/${units.time}${uncalibrated(units)}. Table saved as ${ref.id}.`,
        artifacts: [ref],
        values: { links: table.rows.length, meanSpeed: round(meanSpeed), speedUnit: `${units.length}/${units.time}`, lengthUnit: units.length, path: out },
      };
    }
    if (args.kind === 'tracks') {
      const { trackTable } = await import('../src/analysis/trackFeatures.ts');
      const { table, units } = trackTable(tracks, { timeUnit: ctx.calibration?.().timeUnit });
      const out = ctx.outputPath(`${stem}-track-features.csv`, args.output);
      writeTableCsv(out, table);
      const meanOf = (c: string) => {
        const v = table.rows.map((r) => r[c] as number).filter((x) => typeof x === 'number' && Number.isFinite(x));
        return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
      };
      const ref = ctx.addArtifact('table', out, `track features of ${args.tracks}`);
      const meanSpeed = meanOf('TRACK_MEAN_SPEED');
      // (which way the cells go: the net displacements' directions as circular data, src/analysis/directionality.ts)
      const heading = (await import('../src/analysis/directionality.ts')).directionalityOf(tracks);
      // a track of one spot has no step, so no speed: the mean is over the others, and says so
      const single = table.rows.filter((r) => r.NUMBER_SPOTS === 1).length;
      const speedOver = single ? ` over ${table.rows.length - single} track${table.rows.length - single === 1 ? '' : 's'} (${single} last${single === 1 ? 's' : ''} a single frame: no speed)` : '';
      return {
        summary: `Measured ${counted(table.rows.length, 'track')}: mean speed ${round(meanSpeed, 3)} ${units.length}/${units.time}${speedOver}, mean duration ${round(meanOf('TRACK_DURATION'), 3)} ${units.time === 'frame' ? 'frames' : units.time}${uncalibrated(units)}, mean confinement ratio ${round(meanOf('CONFINEMENT_RATIO'), 3)}. Table saved as ${ref.id}.`,
        artifacts: [ref],
        values: {
          tracks: table.rows.length,
          meanSpeed: round(meanSpeed),
          meanDuration: round(meanOf('TRACK_DURATION')),
          meanDisplacement: round(meanOf('TRACK_DISPLACEMENT')),
          meanConfinementRatio: round(meanOf('CONFINEMENT_RATIO')),
          ...(heading ? { meanDirectionDeg: round(heading.meanDirectionDeg, 1), directionalityR: round(heading.meanResultantLength, 3), directionRayleighP: round(heading.rayleighP, 4) } : {}),
          splits: table.rows.reduce((a, r) => a + (r.NUMBER_SPLITS as number), 0),
          lengthUnit: units.length,
          timeUnit: units.time,
          path: out,
        },
      };
    }
    const { describeMsdFit, meanSquaredDisplacement } = await import('../src/analysis/msd.ts');
    const result = await inputChecked(async () => meanSquaredDisplacement(tracks, { maxLag: args.maxLagFrames, fitLags: args.fitLags }));
    const out = ctx.outputPath(`${stem}-msd.csv`, args.output);
    writeTableCsv(out, result.table);
    const ref = ctx.addArtifact('table', out, `mean squared displacement of ${args.tracks}`);
    const D = result.ensemble?.diffusionCoefficient ?? NaN;
    const unit = `${result.units.length}²/${result.units.time}`;
    return {
      summary: result.ensemble
        ? `Ensemble MSD over ${counted(result.perBranch.size, 'branch', 'branches')}: ${describeMsdFit(result.ensemble, result.dimensions, unit)}. Table saved as ${ref.id}.`
        : `Too few steps for an MSD fit; the MSD table is saved as ${ref.id}.`,
      artifacts: [ref],
      values: { diffusionCoefficient: round(D), diffusionUnit: unit, alpha: round(result.ensemble?.alpha ?? NaN), branchesFitted: result.perBranch.size, dimensions: result.dimensions, path: out },
    };
  },
});

/**
 * Adds track_id (TrackMate track: the lineage tree) and branch_id (CTC track) to per-object
 * rows, matched on (frame, label); objects the tracker left out get empty cells.
 */
async function addTrackColumns(table: import('../src/analysis/table.ts').Table, tracks: Tracks): Promise<string> {
  const { trackIdOfBranch } = await import('../src/analysis/track.ts');
  const treeOf = trackIdOfBranch(tracks);
  let branchAt = new Map(tracks.spots.filter((s) => s.label !== undefined).map((s) => [`${s.t}:${s.label}`, s.branchId]));
  let note = '';
  if (branchAt.size === 0) {
    branchAt = branchesByPosition(table, tracks);
    if (branchAt.size === 0) throw new InputError('these tracks carry no label values and none of their spots lies on an object of this label movie, so they cannot be matched to objects: pass the tracks the track step made on these labels');
    note = ` The tracks carry no label values (a TrackMate XML from Fiji keeps none): ${branchAt.size} of ${table.rows.length} objects were matched to a spot of their frame by position (the spot within the object's radius of its centroid).`;
  }
  for (const row of table.rows) {
    const branch = branchAt.get(`${row.t}:${row.label}`);
    row.track_id = branch === undefined ? null : (treeOf.get(branch) ?? branch);
    row.branch_id = branch ?? null;
  }
  table.columns.splice(table.columns.indexOf('label') + 1, 0, 'track_id', 'branch_id');
  return note;
}

/**
 * Each object's branch for tracks without label values (read from a TrackMate XML): the nearest
 * spot of its frame within the object's equivalent radius of its centroid, each spot given once.
 */
function branchesByPosition(table: import('../src/analysis/table.ts').Table, tracks: Tracks): Map<string, number> {
  const spotsAt = new Map<number, Tracks['spots']>();
  for (const s of tracks.spots) {
    const inFrame = spotsAt.get(s.t);
    if (inFrame) inFrame.push(s);
    else spotsAt.set(s.t, [s]);
  }
  const pairs: { key: string; spot: number; branch: number; distancePx: number }[] = [];
  for (const row of table.rows) {
    const [x, y, area] = [row.centroid_x_px, row.centroid_y_px, row.area_px];
    if (typeof x !== 'number' || typeof y !== 'number' || typeof area !== 'number') continue;
    const radiusPx = Math.sqrt(area / Math.PI) + 1;
    for (const s of spotsAt.get(Number(row.t)) ?? []) {
      const distancePx = Math.hypot(s.x - x, s.y - y);
      if (distancePx <= radiusPx) pairs.push({ key: `${row.t}:${row.label}`, spot: s.id, branch: s.branchId, distancePx });
    }
  }
  const out = new Map<string, number>();
  const used = new Set<number>();
  for (const p of pairs.sort((a, b) => a.distancePx - b.distancePx)) {
    if (out.has(p.key) || used.has(p.spot)) continue;
    out.set(p.key, p.branch);
    used.add(p.spot);
  }
  return out;
}

/** The movie the intensities were read from, when a step made it (corrected, background-subtracted): its id and what its maker called it. */
function intensitySourceNote(ctx: ToolContext, path: string): string {
  const made = ctx.listArtifacts().find((r) => r.type === 'movie' && r.path === path && r.producedBy !== undefined && r.producedBy !== 'simulate_movie');
  return made ? ` Intensities were measured on ${made.id}: ${made.description}.` : '';
}

async function measureObjectsTool(args: z.infer<typeof measureSchema>, ctx: ToolContext, writeTableCsv: (path: string, table: import('../src/analysis/table.ts').Table) => void) {
  // with tracks, the objects are measured on the label movie the tracks were made on: the track step's repair over
  // time splits and merges objects and numbers them anew, so the segmentation it started from would give other
  // objects and track ids matched to the wrong ones
  const tracked = args.tracks ? await openTracks(ctx, args.tracks) : undefined;
  const labelsOfTracks = tracked?.tracks.labelsPath && movieInputExists(tracked.tracks.labelsPath) ? tracked.tracks.labelsPath : undefined;
  let labelsRef = args.labels;
  let labelsNote = '';
  if (!labelsRef && labelsOfTracks) {
    labelsRef = labelsOfTracks;
    labelsNote = ` Objects are those of the label movie the tracks were made on (${basename(labelsOfTracks)}).`;
  } else if (labelsRef && labelsOfTracks && basename(labelsOfTracks) === `${stemOf(ctx.resolve(labelsRef, ['labels', 'movie']))}-repaired.tif`) {
    labelsNote = ` Measured on ${basename(labelsOfTracks)}, the labels of ${args.labels} as the track step repaired them over time (the tracks were made on them), not on ${args.labels} itself.`;
    labelsRef = labelsOfTracks;
  }
  if (!labelsRef) throw new InputError('measure kind "objects" needs `labels` (e.g. "labels-1"); run segment first');
  let mod: { measureObjectsAndVolumes?: Function };
  try {
    mod = await import('../src/analysis/features.ts');
  } catch {
    throw new WorkError('object measurement is not available in this build (src/analysis/features.ts is missing)');
  }
  if (typeof mod.measureObjectsAndVolumes !== 'function') throw new WorkError('object measurement is not available in this build (measureObjectsAndVolumes is missing)');
  const labels = await ctx.openMovie(labelsRef);
  const intensity: Movie | undefined = args.movie ? await ctx.openMovie(args.movie) : undefined;
  try {
    const [first, last] = frameRangeInSource(labels, args.frames);
    const channels = intensity && args.channel !== undefined ? [channelIndex(intensity, args.channel)] : undefined;
    const calibration = ctx.calibration?.();
    // on a z-stack, the areas per slice and the 3-D objects' volumes come from one pass over the label planes
    const measured = (await inputChecked(() =>
      mod.measureObjectsAndVolumes!(labels, intensity, {
        frames: [first, last], channels, signal: ctx.signal, onProgress: (d: number, t: number) => ctx.progress(d, t, 'planes'),
        pixelSizeUm: calibration?.pixelSizeUm, zStepUm: calibration?.zStepUm,
      }),
    )) as import('../src/analysis/features.ts').ObjectsAndVolumes;
    const table = measured.objects;
    if (args.kind === 'summary') return frameSummaryResult(table, labels, [first, last], ctx, args.output, writeTableCsv, labelsNote);
    const matchNote = tracked ? await addTrackColumns(table, tracked.tracks) : '';
    const out = ctx.outputPath(`${stemOf(labels.source.path)}-objects.csv`, args.output);
    writeTableCsv(out, table);
    const areas = table.rows.map((r) => r.area_px).filter((v): v is number => typeof v === 'number');
    // (a mean of no objects is none, never 0: "mean area 0 µm²" would read as a measurement)
    const meanArea = areas.length ? areas.reduce((a, b) => a + b, 0) / areas.length : undefined;
    const ref = ctx.addArtifact('table', out, `object measurements of ${basename(labels.source.path)}`);
    const perSlice = labels.shape.z > 1 ? ` (areas per z slice; the objects' volumes follow)` : '';
    const volumes = measured.volumes ? volumeTable(labels, measured.volumes, [first, last], ctx, writeTableCsv) : undefined;
    const noVolume = args.volumes && !volumes ? ' Volumes not measured: the labels are a single z slice (2-D), so there are areas only; a volume needs a z-stack.' : '';
    return {
      summary: `Measured ${counted(table.rows.length, 'object')} in ${counted(last - first + 1, 'frame')}; ${meanArea === undefined ? `no mean area: ${args.labels ?? 'the labels'} hold no objects (the segmentation found nothing; try another method or say whether the cells are bright or dark)` : `mean area ${round(meanArea, 4)} px²${areaInUm(meanArea, labels.meta.pixelSizeUm ?? calibration?.pixelSizeUm)}`}${perSlice}.${labelsNote}${matchNote}${intensity ? intensitySourceNote(ctx, intensity.source.path) : ''} Table saved as ${ref.id}.${volumes ? ` ${volumes.summary}` : noVolume}`,
      artifacts: volumes ? [ref, volumes.ref] : [ref],
      values: { objects: table.rows.length, ...(meanArea === undefined ? {} : { meanAreaPx: round(meanArea) }), columns: table.columns, labels: labels.source.path, path: out, ...volumes?.values },
    };
  } finally {
    await labels.close();
    await intensity?.close();
  }
}

/** Writes the per-frame summary (analysis/frameSummary.ts) of the objects measured on `labels` and says its counts. */
async function frameSummaryResult(objects: import('../src/analysis/table.ts').Table, labels: Movie, frames: [number, number], ctx: ToolContext, output: string | undefined, writeTableCsv: (path: string, table: import('../src/analysis/table.ts').Table) => void, labelsNote: string) {
  const { summariseFrames } = await import('../src/analysis/frameSummary.ts');
  const calibration = ctx.calibration?.();
  const pixelSizeUm = labels.meta.pixelSizeUm ?? calibration?.pixelSizeUm;
  // (the objects' t is the frame of the movie the labels were cut from: labels of frames 3-4 hold t = 2 and 3)
  const { sourceFirstFrame } = await import('../src/image/frameOrigin.ts');
  const origin = sourceFirstFrame(labels.meta);
  const table = summariseFrames(objects, { frames: [frames[0] + origin, frames[1] + origin], fieldAreaPx: labels.shape.x * labels.shape.y, zSlices: labels.shape.z, pixelSizeUm, frameIntervalS: labels.meta.frameIntervalS ?? calibration?.frameIntervalS });
  const out = ctx.outputPath(`${stemOf(labels.source.path)}-frames.csv`, output);
  writeTableCsv(out, table);
  const ref = ctx.addArtifact('table', out, `objects per frame of ${basename(labels.source.path)}`);
  const counts = table.rows.map((r) => r.count as number);
  const [least, most] = [Math.min(...counts), Math.max(...counts)];
  const meanCount = counts.reduce((a, b) => a + b, 0) / counts.length;
  const at = (n: number) => table.rows.filter((r) => r.count === n).map((r) => Number(r.t) + 1);
  const frameList = (ts: number[]) => (ts.length > 3 ? `${ts.slice(0, 3).join(', ')} and ${ts.length - 3} more` : ts.join(', '));
  const empty = least === 0 ? ` ${counted(at(0).length, 'frame')} without any object (${frameList(at(0))}).` : '';
  const spread = least === most ? `${counted(least, 'object')} in every frame` : `${least} to ${most} objects per frame (mean ${round(meanCount, 3)}; fewest in frame ${frameList(at(least))}, most in frame ${frameList(at(most))})`;
  const meanCoverage = table.rows.reduce((a, r) => a + (r.area_fraction_percent as number), 0) / table.rows.length;
  const density = pixelSizeUm ? `, ${round(table.rows.reduce((a, r) => a + (r.objects_per_mm2 as number), 0) / table.rows.length, 4)} objects per mm² on average` : ' (no pixel size known: no density per mm²)';
  return {
    summary: `Counted objects in ${counted(table.rows.length, 'frame')}: ${spread}; they cover ${round(meanCoverage, 3)}% of the field on average${density}.${empty}${labelsNote} Table (one row per frame: count, total and mean area, % area, mean intensity) saved as ${ref.id}.`,
    artifacts: [ref],
    values: { frames: table.rows.length, meanCount: round(meanCount), minCount: least, maxCount: most, meanAreaFractionPct: round(meanCoverage), columns: table.columns, labels: labels.source.path, path: out },
  };
}

/**
 * Writes the volumes of a z-stack label movie's 3-D objects (features.ts measureVolumes; segment links an
 * object's slices into one label) as a second table and says them: voxels, and µm³ when the voxel size is known.
 */
function volumeTable(labels: Movie, volumes: import('../src/analysis/features.ts').Volumes, frames: [number, number], ctx: ToolContext, writeTableCsv: (path: string, table: import('../src/analysis/table.ts').Table) => void) {
  const { table, voxelSizeUm } = volumes;
  const out = ctx.outputPath(`${stemOf(labels.source.path)}-volumes.csv`);
  writeTableCsv(out, table);
  const ref = ctx.addArtifact('table', out, `object volumes of ${basename(labels.source.path)}`);
  const mean = (column: string) => table.rows.reduce((a, r) => a + (r[column] as number), 0) / Math.max(1, table.rows.length);
  const volume = !table.rows.length
    ? 'no mean volume (no objects)'
    : voxelSizeUm
    ? `mean volume ${round(mean('volume_um3'), 4)} µm³ (${round(mean('volume_voxels'), 4)} voxels of ${round(voxelSizeUm.x, 4)} x ${round(voxelSizeUm.y, 4)} x ${round(voxelSizeUm.z, 4)} µm)`
    : `mean volume ${round(mean('volume_voxels'), 4)} voxels (in voxels only: no ${volumes.missing.join(' and no ')} known; give the calibration for µm³)`;
  return {
    ref,
    summary: `Volumes (each object's voxels over the z slices it spans, one label through z): ${counted(table.rows.length, 'object')} in ${counted(frames[1] - frames[0] + 1, 'frame')}, ${volume}; table saved as ${ref.id}.`,
    values: { volumes: table.rows.length, ...(table.rows.length ? { meanVolumeVoxels: round(mean('volume_voxels')), ...(voxelSizeUm ? { meanVolumeUm3: round(mean('volume_um3')) } : {}) } : {}), volumesPath: out },
  };
}

// ---------------------------------------------------------------- detect_divisions

const divisionsSchema = z.object({
  tracks: tracksArg.optional().describe('Tracks with lineage (from track): divisions are the branches with two daughters'),
  labels: labelsArg.optional().describe('Or a label movie, without tracking: an object splitting into two that together keep its area'),
  minOverlap: z.number().gt(0).max(1).default(0.25).describe('Labels only: fraction of each daughter lying on the mother, 0..1 (default 0.25)'),
  frames: frameRangeArg.optional().describe('Frames to count divisions in (a division counts at the frame its daughters first appear), 1-based inclusive; default all'),
  output: outputArg.describe('Where to write the division table (.csv); default a new file in the session folder'),
});

function readDivisionsRequest(c: RequestClause): Record<string, unknown> {
  // ("each daughter should overlap the mother by at least 40%", "find divisions in the masks": the daughters' overlap on the
  // mother is a setting of the label-movie route only, and labels named as where to look ask for that route: no tracks made)
  if (/\boverlap/i.test(c.text) || /\b(?:in|on|from)\s+(?:the\s+)?(?:labels?|label\s+(?:image|movie)s?|masks?|segmentation)\b/i.test(c.text)) return { $needs: ['labels'] };
  return { $needs: ['tracks'] };
}

const detectDivisions = defineTool({
  name: 'detect_divisions',
  summary: 'Detects cell divisions (mitoses) from the tracks\' splits or the label movie, with the frame of each.',
  words: ['divisions', 'division', 'cell division', 'cell divisions', 'dividing cells', 'division events', 'mitotic events', 'mitosis', 'mitoses', 'mitotic', 'dividing', 'divide', 'divided', 'splits', 'split in two', 'splits in two', 'daughters', 'mother cell', 'mother', 'spot divisions', 'pick out divisions', 'find divisions', 'detect divisions', 'identify divisions', 'count divisions', 'cytokinesis', 'anaphase', 'cell splits'],
  examples: ['detect the divisions', 'find the mitoses', 'which cells divided?', 'count the division events', 'when did the cells divide?'],
  consumes: ['tracks', 'labels'],
  produces: ['table'],
  needsFrames: true,
  results: { divisions: { about: 'divisions detected', unit: '', example: 5, words: ['mitosis', 'mitoses', 'mitotic events', 'cell divisions', 'how many divided'] }, framesOneBased: { about: 'frames of the divisions', unit: 'frame' } },
  description:
    'Finds cell divisions: from tracks (a mother branch ending in two daughters) or directly from a label movie (one object becoming two nearby objects whose areas add up to it). Writes a table of events (frame, position, mother, daughters) and returns their number and frames.',
  schema: divisionsSchema,
  fromRequest: readDivisionsRequest,
  async run(args, ctx) {
    const { divisionsFromTracks, divisionsFromLabels, divisionTable } = await import('../src/analysis/divisions.ts');
    const { writeTableCsv } = await import('../src/analysis/table.ts');
    let events;
    let calibration: { pixelSizeUm?: number; frameIntervalS?: number };
    let source: string;
    if (args.tracks) {
      const { tracks, path } = await openTracks(ctx, args.tracks);
      events = divisionsFromTracks(tracks);
      calibration = tracks;
      source = path;
    } else if (args.labels) {
      const labels = await ctx.openMovie(args.labels);
      try {
        events = await inputChecked(() => divisionsFromLabels(labels, { minOverlap: args.minOverlap, signal: ctx.signal, onProgress: (d, t) => ctx.progress(d, t, 'frames') }));
        calibration = labels.meta;
        source = labels.source.path;
      } finally {
        await labels.close();
      }
    } else throw new InputError('detect_divisions needs `tracks` (e.g. "tracks-1") or `labels` (e.g. "labels-1")');
    // ("how many divisions in the first hour?": the events of the frames asked, the window said in the summary)
    const window = args.frames;
    if (window && window.first > window.last) throw new InputError(`frames ${window.first} to ${window.last}: the first comes after the last; give frames ${window.last} to ${window.first}`);
    if (window) events = events.filter((e) => e.t + 1 >= window.first && e.t + 1 <= window.last);
    const inWindow = window ? ` in frames ${window.first}-${window.last}` : '';
    const out = ctx.outputPath(`${stemOf(source)}-divisions.csv`, args.output);
    writeTableCsv(out, divisionTable(events, calibration));
    const ref = ctx.addArtifact('table', out, `divisions in ${basename(source)}`);
    const frames = events.map((e) => e.t + 1);
    return {
      summary: events.length
        ? `Found ${events.length} division${events.length === 1 ? '' : 's'}${args.tracks ? ' in the tracks' : ' in the label movie'}${inWindow}, first at frame ${frames[0]} (1-based). Table saved as ${ref.id}.`
        : `Found no divisions${inWindow}. Table saved as ${ref.id}.`,
      artifacts: [ref],
      values: { divisions: events.length, framesOneBased: frames.slice(0, 50), from: args.tracks ? 'tracks' : 'labels', path: out },
    };
  },
});

// ---------------------------------------------------------------- evaluate

const evaluateSchema = z.object({
  result: z
    .string()
    .min(1)
    .describe('The result: a CTC result folder (res_track.txt + maskNNN.tif) or tracks made on a label movie (artifact id like "tracks-1")'),
  groundTruth: z.string().min(1).describe('Ground-truth folder in CTC layout: TRA/man_track.txt + TRA/man_trackNNN.tif (and SEG/man_segNNN.tif for SEG), e.g. the simulator\'s truth folder; default the folder "<sequence>_GT" beside a CTC sequence opened from its folder, or the truth of a simulation of this session'),
  divisionFrameTolerance: z.number().int().min(0).default(1).describe('Frames by which a division may be early or late and still count as found (default 1)'),
  drift: tableArg
    .optional()
    .describe('When the result was made on a drift-corrected movie: the drift table correct_drift returned (t,dx_px,dy_px, px); the result masks are moved back by it (whole px) into the raw movie\'s coordinates, where the ground truth is. Default: none'),
  output: outputArg.describe('Where to write the scores table (.csv); default a new file in the session folder'),
});

/** Per-frame drift from a drift table (CSV t,dx_px,dy_px as correct_drift and the simulator write it). */
async function readDriftTable(path: string): Promise<{ dxPx: number; dyPx: number }[]> {
  const { readTableCsv } = await import('../src/analysis/table.ts');
  const table = readTableCsv(path);
  for (const column of ['t', 'dx_px', 'dy_px']) {
    if (!table.columns.includes(column)) throw new InputError(`${basename(path)} is not a drift table (columns t,dx_px,dy_px), it has ${table.columns.join(',')}: pass the table correct_drift returned`);
  }
  const drift: { dxPx: number; dyPx: number }[] = [];
  for (const row of table.rows) drift[Number(row.t)] = { dxPx: Number(row.dx_px), dyPx: Number(row.dy_px) };
  return drift;
}

/**
 * The ground truth named ("against truth/", "annotations in GT/"), else the truth of a
 * simulation of this session; and the result scored: labels when the words say masks, else
 * the tracks when there are some.
 */
function readEvaluationRequest(c: RequestClause): Record<string, unknown> {
  const args: Record<string, unknown> = { output: undefined };
  const truth = /\b(?:truth|ground[- ]truth|annotations?|reference)\s+(?:in|at|from|is in|folder)?\s*["'`]?([\w./~-]+\/?)["'`]?/i.exec(c.text)
    ?? /\b(?:against|to|with)\s+["'`]?((?:[\w.~-]+\/)+[\w.~-]*|[\w~-]+_GT|[\w~-]*truth[\w~-]*)["'`]?/i.exec(c.text);
  if (truth && !/^(the|my|our|it)$/i.test(truth[1])) args.groundTruth = truth[1];
  const labelsWanted = /\bsegmentation\b|\bmasks?\b|\blabels?\b/i.test(c.text) && !/\btrack/i.test(c.text);
  const hasTracks = c.artifacts.some((a) => !a.now && a.type === 'tracks') || c.previousTool === 'track';
  const ids = c.read.artifactIds().filter((id) => /^(tracks|labels)-/.test(id));
  args.result = ids.length ? ids[0] : { $ref: labelsWanted || !hasTracks ? 'labels' : 'tracks', mode: 'chain' };
  // after "simulate ...", the simulation's truth folder (its masks are in SEG/) is the natural ground truth
  const truthMasks = [...c.artifacts].reverse().find((a) => a.truth && a.type === 'labels' && a.path);
  if (args.groundTruth === undefined && truthMasks?.path) args.groundTruth = truthMasks.path.replace(/[\\/]SEG[\\/]?$/, '');
  const opened = c.artifacts.find((a) => a.type === 'movie' && a.path && (!a.producedBy || a.producedBy === 'user'))?.path;
  if (opened) args.groundTruth = truthBesideTheMovie(args.groundTruth as string | undefined, opened);
  return args;
}

/**
 * The ground truth of a Cell Tracking Challenge sequence opened from its folder ("…/01"): its annotations are in "…/01_GT"
 * beside it, where none was named; a folder named by itself ("against 02_GT") is looked for beside the movie too. Else as
 * given (undefined: the tool asks for it).
 */
function truthBesideTheMovie(named: string | undefined, moviePath: string): string | undefined {
  const sequence = moviePath.replace(/[\\/]+$/, '');
  if (named === undefined) return existsSync(`${sequence}_GT`) && statSync(`${sequence}_GT`).isDirectory() ? `${sequence}_GT` : undefined;
  const beside = join(sequence, '..', named);
  return !existsSync(named) && !/^[\\/~]/.test(named) && existsSync(beside) ? beside : named;
}

const evaluate = defineTool({
  name: 'evaluate',
  references: { cite: { '*': ['Ulman V et al. (2017) An objective comparison of cell-tracking algorithms. Nat Methods 14:1141-1152', 'Matula P et al. (2015) Cell tracking accuracy measurement based on comparison of acyclic oriented graphs. PLoS One 10:e0144959'] } },
  summary: 'Scores tracks or masks against ground truth with the Cell Tracking Challenge measures (DET, SEG, TRA) and division F1.',
  words: ['evaluate', 'evaluation', 'score', 'accuracy', 'ground truth', 'benchmark', 'compare to truth', 'det', 'seg', 'tra', 'annotations', 'how good', 'f1', 'annotation', 'manual annotation', 'how accurate', 'accurate', 'ctc metrics'],
  examples: ['evaluate the tracking against the ground truth', 'how good is the segmentation?', 'score the tracks against truth/', 'compute the TRA score'],
  consumes: ['tracks', 'labels'],
  produces: ['table'],
  results: { TRA: { about: 'tracking accuracy (CTC TRA)', unit: '', example: 0.93 }, DET: { about: 'detection accuracy (CTC DET)', unit: '', example: 0.95 }, SEG: { about: 'segmentation accuracy (CTC SEG)', unit: '', example: 0.81 }, divisionF1: { about: 'division F1', unit: '' }, firstFrame: { about: 'first frame scored, when the result covers only part of the ground truth', unit: 'frame' }, lastFrame: { about: 'last frame scored', unit: 'frame' } },
  description:
    'Scores a tracking (or segmentation) result against ground truth with the Cell Tracking Challenge measures: TRA (AOGM with weights NS 5, FN 10, FP 1, ED 1, EA 1.5, EC 1), DET, SEG (mean Jaccard) and division F1. 1 is perfect. Returns the scores and the error counts.',
  schema: evaluateSchema,
  fromRequest: readEvaluationRequest,
  async run(args, ctx) {
    const metrics = await import('../src/analysis/metrics.ts');
    const gtPath = ctx.resolve(args.groundTruth);
    const resultPath = ctx.resolve(args.result, ['tracks', 'labels']);
    const resultDrift = args.drift ? await readDriftTable(ctx.resolve(args.drift, 'table')) : undefined;
    const options = { divisionFrameTolerance: args.divisionFrameTolerance, resultDrift, signal: ctx.signal, onProgress: (d: number, t: number) => ctx.progress(d, t, 'frames') };
    let scores;
    // the reference frames the result covers: a result made on part of the movie is scored on those frames, never
    // charged with every other frame as missed (and said so)
    const reference = await inputChecked(async () => metrics.sequenceFromFolder(gtPath));
    const within = (first: number, count: number) => {
      const last = first + count - 1;
      const outside = reference.frames.filter((t) => t < first || t > last).length;
      return { resultFirstFrame: first, ...(outside > 0 ? { frames: { first, last }, framesLeftOut: outside } : {}) };
    };
    let span: ReturnType<typeof within> = { resultFirstFrame: 0 };
    let segmentationOnly = false;
    if (existsSync(resultPath) && statSync(resultPath).isDirectory()) {
      const frames = (await inputChecked(async () => metrics.sequenceFromFolder(resultPath))).frames;
      if (frames.length) span = within(0, frames.at(-1)! + 1);
      scores = await inputChecked(() => metrics.evaluateCtcFolders(resultPath, gtPath, { ...options, ...span }));
    } else if (/\.tiff?$/i.test(resultPath)) {
      // (a label movie alone, a segmentation: each frame's objects scored by DET and SEG; no links, so no TRA worth a word)
      const { openMovie } = await import('../src/image/index.ts');
      const { sourceFirstFrame } = await import('../src/image/frameOrigin.ts');
      const labels = await inputChecked(() => openMovie(resultPath));
      try {
        span = within(sourceFirstFrame(labels.meta), labels.shape.t);
        const sequence = await metrics.sequenceFromSegmentation(labels);
        scores = await inputChecked(() => metrics.evaluateAgainstFolder(sequence, gtPath, { ...options, ...span }));
        segmentationOnly = true;
      } finally {
        await labels.close();
      }
    } else {
      const { loadTracks } = await import('../src/analysis/trackio.ts');
      const tracks = await inputChecked(() => loadTracks(resultPath));
      if (!tracks.labelsPath || !movieInputExists(tracks.labelsPath)) throw new InputError(`${args.result} does not name the label movie it was made on: export it with format "ctc" and evaluate that folder`);
      const { openMovie } = await import('../src/image/index.ts');
      const labels = await openMovie(tracks.labelsPath);
      const tmp = ctx.outputPath(`${stemOf(resultPath)}-ctc`, undefined);
      try {
        const { writeCtcResult } = await import('../src/analysis/ctc.ts');
        const { sourceFirstFrame } = await import('../src/image/frameOrigin.ts');
        span = within(sourceFirstFrame(labels.meta), labels.shape.t);
        await inputChecked(() => writeCtcResult(tracks, labels, tmp, { signal: ctx.signal }));
      } finally {
        await labels.close();
      }
      scores = await inputChecked(() => metrics.evaluateCtcFolders(tmp, gtPath, { ...options, ...span }));
    }
    const windowSaid = span.frames ? `; scored on frames ${span.frames.first + 1}-${span.frames.last + 1}, the ones the result covers (${span.framesLeftOut} other frame${span.framesLeftOut === 1 ? '' : 's'} of the ground truth left out)` : '';
    const { writeTableCsv } = await import('../src/analysis/table.ts');
    const out = ctx.outputPath('ctc-scores.csv', args.output);
    const c = scores.counts;
    const d = scores.divisions;
    const row: Record<string, number | null> = segmentationOnly
      ? { DET: scores.DET, SEG: scores.SEG, ns: c.ns, fn: c.fn, fp: c.fp }
      : { TRA: scores.TRA, DET: scores.DET, SEG: scores.SEG, AOGM: scores.AOGM, AOGM0: scores.AOGM0, ns: c.ns, fn: c.fn, fp: c.fp, ed: c.ed, ea: c.ea, ec: c.ec, division_tp: d.tp, division_fp: d.fp, division_fn: d.fn, division_f1: d.f1 };
    writeTableCsv(out, { columns: Object.keys(row), rows: [row] });
    const ref: ArtifactRef = ctx.addArtifact('table', out, `CTC scores of ${basename(resultPath)}`);
    const seg = scores.SEG === null ? '' : `, SEG ${scores.SEG.toFixed(3)}`;
    return {
      summary: segmentationOnly
        ? `Segmentation scored against ${basename(gtPath)}: DET ${scores.DET.toFixed(4)}${seg} (masks alone, no tracks: TRA and divisions need a tracking; track and evaluate the tracks for them)${resultDrift ? '; result masks moved back by the drift table first' : ''}${windowSaid}.`
        : `TRA ${scores.TRA.toFixed(4)}, DET ${scores.DET.toFixed(4)}${seg}; divisions: ${d.tp} of ${d.reference} found, ${d.fp} false (F1 ${d.f1.toFixed(3)})${resultDrift ? '; result masks moved back by the drift table first' : ''}${windowSaid}.`,
      artifacts: [ref],
      values: { ...(segmentationOnly ? {} : { TRA: scores.TRA, AOGM: scores.AOGM, AOGM0: scores.AOGM0, divisionF1: d.f1, divisions: d }), DET: scores.DET, SEG: scores.SEG, counts: c, ...(span.frames ? { firstFrame: span.frames.first + 1, lastFrame: span.frames.last + 1 } : {}) },
    };
  },
});

/** " (no calibration known: ...)" after a value in px or frames, naming what is missing; "" when calibrated. */
function uncalibrated(units: { length: string; time: string }): string {
  const missing = [...(units.length === 'px' ? ['pixel size'] : []), ...(units.time === 'frame' ? ['frame interval'] : [])];
  return missing.length ? ` (no calibration known: no ${missing.join(' or ')}; set_calibration sets ${missing.length > 1 ? 'them' : 'it'})` : '';
}

/** " (34.7 µm² at 0.5 µm/px)" for an area in px² when the pixel size is known; " (no calibration known)" otherwise. */
function areaInUm(areaPx: number, pixelSizeUm: number | undefined): string {
  return pixelSizeUm ? ` (${round(areaPx * pixelSizeUm ** 2, 4)} µm² at ${+pixelSizeUm.toPrecision(4)} µm/px)` : ' (no calibration known)';
}

// ---------------------------------------------------------------- export

const exportSchema = z.object({
  format: z.enum(['ctc', 'csv', 'trackmate', 'tiff', 'png', 'geojson']).optional().describe('"ctc": Cell Tracking Challenge folder (res_track.txt + maskNNN.tif); "csv": tidy table (one row per spot for tracks); "trackmate": TrackMate XML for Fiji; "tiff": a movie or label movie as an ImageJ TIFF; "png": pictures of a movie or label movie, 8-bit with automatic contrast (one file for one plane, a folder of t001.png ... for more; the grey levels are not kept, use "tiff" to measure); "geojson": the objects of a label movie as outline polygons (a GeoJSON FeatureCollection, one Feature per object and frame, pixel coordinates), which QuPath imports as objects; default by what is exported: "tiff" for a movie or labels, "csv" for tracks or a table'),
  tracks: tracksArg.optional().describe('Tracks to export (formats ctc, csv, trackmate)'),
  labels: labelsArg.optional().describe('Label movie: for "ctc" when the tracks do not name theirs, or to export as "tiff", "png" or "geojson"'),
  movie: movieArg.optional().describe('A movie to export as "tiff" or "png", or the image a "trackmate" file names (default: the movie the tracks\' labels were segmented from)'),
  table: tableArg.optional().describe('A table to export as "csv"'),
  objectType: z.enum(['detection', 'annotation']).optional().describe('For "geojson": the kind of QuPath object each outline becomes: "detection" (many light objects, cells or nuclei; default) or "annotation" (regions you can edit)'),
  frames: frameRangeArg.optional().describe('Frames of a movie or label movie to write as "tiff", "png" or "geojson", 1-based inclusive (Fiji\'s Make Substack: the file\'s frame 1 is the first of them); default all'),
  output: outputArg.describe('Where to write (a folder for "ctc", a file otherwise); default a new name in the session folder'),
});

/** Words that name what to write ("the masks", "the tracks", "as tiff", "to tracks.xml"). */
const NAMES_WHAT = /\btiff?\b|\bimages?\b|\bmovie\b|\bstack\b|\bhyperstack\b|\bmasks?\b|\boutlines?\b|\bcontours?\b|\brois?\b|\blabels?\b|\bsegmentation\b|\btracks?\b|\btrajector|\blineages?\b|\btable\b|\bmeasurements?\b|\bfeatures\b|\.(?:csv|xml|tiff?)\b/i;
/** Words that name a file format of a table or tracks ("to xml", "for excel"). */
const NAMES_FORMAT = /\bcsv\b|\bxml\b|\bctc\b|\bexcel\b|\bspreadsheet\b|\bpngs?\b|\bgeo-?\s?json\b/i;

/**
 * The programs people name as where the files go, and the format each opens for each kind of result (QuPath imports
 * objects as GeoJSON and opens images; Fiji opens tracks as TrackMate XML, masks and movies as TIFF; napari opens a
 * label TIFF as a labels layer, GeoJSON only with a plugin; spreadsheets, Prism and R read CSV).
 */
const OPENS_IN: NonNullable<ToolSelfDescription['opensIn']> = {
  QuPath: { words: ['qupath', 'qu path'], formats: { labels: 'geojson', movie: 'tiff', table: 'csv', tracks: 'csv' } },
  Fiji: { words: ['fiji', 'imagej', 'image j'], formats: { labels: 'tiff', movie: 'tiff', tracks: 'trackmate', table: 'csv' } },
  napari: { words: ['napari'], formats: { labels: 'tiff', movie: 'tiff', tracks: 'csv', table: 'csv' } },
  Excel: { words: ['excel'], formats: { table: 'csv', tracks: 'csv' } },
  Prism: { words: ['prism', 'graphpad'], formats: { table: 'csv', tracks: 'csv' } },
  R: { words: ['R', 'rstudio', 'ggplot'], formats: { table: 'csv', tracks: 'csv' } },
  MATLAB: { words: ['matlab'], formats: { table: 'csv', tracks: 'csv', labels: 'tiff', movie: 'tiff' } },
};

/** Formats asked by a name no format of ours has, and the one written instead, each said in its own line. */
const INSTEAD_OF: NonNullable<ToolSelfDescription['insteadOf']> = {
  excel: { args: { format: 'csv' }, say: 'Excel: I wrote CSV (comma-separated values), which Excel opens; there is no .xlsx writer here.' },
  xlsx: { args: { format: 'csv' }, say: 'Excel (.xlsx): I wrote CSV (comma-separated values), which Excel opens; there is no .xlsx writer here.' },
};

/** The words of each format by its own name (a program's words are added below, to the first format it opens). */
const FORMAT_WORDS: Record<string, string[]> = {
  ctc: ['ctc', 'cell tracking challenge'],
  trackmate: ['trackmate', 'xml'],
  csv: ['csv', 'spreadsheet', 'excel sheet', 'sheet', 'table'],
  tiff: ['tiff', 'tif', 'hyperstack', 'image', 'images'],
  png: ['png', 'pngs', 'png pictures', 'png images'],
  geojson: ['geojson', 'geo json', 'geo-json', 'polygons', 'polygon outlines'],
};

/** The program of OPENS_IN the clause names as where the file goes. */
function programSaid(text: string): string | undefined {
  return programNamedIn(text, OPENS_IN)?.program;
}

/** A format said by its own name ("as csv", "a tiff", "to tracks.xml"), not by a program that opens it. */
function formatByOwnName(text: string): boolean {
  return /\.(?:csv|xml|tiff?|png|geojson)\b/i.test(text) || Object.values(FORMAT_WORDS).flat().filter((w) => !/^(?:image|images|table|sheet)$/.test(w)).some((w) => new RegExp(`(?<![\\p{L}\\d])${w.replace(/\s+/g, '\\s+')}(?![\\p{L}\\d])`, 'iu').test(text));
}

/** The kind of result a clause names ("the masks", "the tracks", "the areas", "the movie"), where it names one. */
function kindNamed(text: string): string | undefined {
  const tracks = text.replace(TRACK_TABLE, ' ');
  if (/\bmasks?\b|\blabels?\b|\bsegmentation\b|\boutlines?\b|\bcontours?\b|\brois?\b|\bdetections?\b|\bannotations?\b/i.test(text) && !/\btracks?\b/i.test(tracks)) return 'labels';
  if (/\btracks?\b|\btrajector|\blineages?\b/i.test(tracks)) return 'tracks';
  // ("the objects' areas for Prism": a quantity of the objects is a table; "the objects for QuPath" the objects themselves)
  if (/\btables?\b|\bmeasurements?\b|\bfeatures\b|\bstatistics\b|\bstats\b|\bnumbers\b|\bvalues\b|\bdata\b|\bresults\b/i.test(text) || (findFeature(text) !== undefined && !/\bmovie\b|\bimages?\b|\bstack\b/i.test(text))) return 'table';
  if (/\bobjects?\b|\bnuclei\b|\bnucleus\b|\bcells?\b/i.test(text)) return 'labels';
  if (/\bmovie\b|\bimages?\b|\bstack\b|\bhyperstack\b|\bprojection\b/i.test(text)) return 'movie';
  return undefined;
}

/**
 * "segment the nuclei, they need to go into QuPath", "save that so I can open it in Fiji", "I'll plot it in Prism": a
 * program named as where the file goes, and no format by its own name: the format that program opens for what is
 * written (named, else what the step before makes, else the latest result), from OPENS_IN. A kind the program opens
 * in no format is written in its usual one, said in one line.
 */
function formatForProgram(c: RequestClause): Record<string, unknown> | undefined {
  const program = programSaid(c.text);
  if (!program || formatByOwnName(c.text)) return undefined;
  const opens = OPENS_IN[program].formats;
  // (the step before in this request has not run yet: what it makes is the latest result)
  const kind = kindNamed(c.text) ?? c.previousMakes?.find((t) => t in opens) ?? c.artifacts.filter((a) => !a.truth && a.producedBy !== 'export' && a.type in opens).at(-1)?.type;
  if (!kind) return undefined;
  const format = opens[kind as keyof typeof opens];
  // (the file is written for the program, which is not opened here: the answer says so, never that it was opened there)
  const written = format === 'trackmate' ? 'TrackMate XML' : format === 'geojson' ? 'GeoJSON' : format?.toUpperCase();
  // (a name the tool stands in for, "excel", says its own line)
  const saysItsOwn = Object.keys(INSTEAD_OF).some((w) => new RegExp(`\\b${w}\\b`, 'i').test(c.text));
  if (format) return { format, $needs: [kind], ...(saysItsOwn ? {} : { $note: `I wrote the ${kind} as ${written}, which ${program} opens; I do not open ${program} myself.` }) };
  const usual = kind === 'tracks' || kind === 'table' ? 'csv' : 'tiff';
  return { format: usual, $needs: [kind], $note: `${program} opens no ${kind} here: I wrote them as ${usual.toUpperCase()}.` };
}

/** "track statistics", "track features": a table of what is measured of the tracks, not the tracks. */
const TRACK_TABLE = /\btrack[\s-]+(?:statistics|stats|features|measurements|metrics|properties|summary|table)\b/gi;

/** The format (CSV unless named, TIFF for images) and what is exported: masks, a table, the movie or the tracks. */
/** An image named to be written as labels: "export the raw movie as a label image", "save the original stack as masks". */
const IMAGE_AS_LABELS = /\b(?:raw|original|intensity|fluorescence|unprocessed)\s+(?:movie|images?|stack|data|frames?|channel)\b.*?\bas\s+(?:an?\s+)?(?:label|mask)s?(?:\s+(?:images?|movies?|stacks?|files?))?\b/i;

/**
 * A table laid out wide, asked in words ("one column per track", "tracks as columns", "each track in its own column", "a
 * wide table"): the CSV written is tidy (one row per spot or object), so the layout is named as not applied, with how to get it.
 */
const WIDE_LAYOUT = /\bcolumns?\s+(?:per|for\s+(?:each|every))\s+(?:track|cell|object|nucleus|trajectory|id|frame|time ?point)s?\b|\b(?:tracks?|cells?|objects?|nuclei|trajector(?:y|ies)|ids?|frames?|time ?points?)\s+(?:as|in|into)\s+(?:separate\s+|their\s+own\s+)?columns\b|\b(?:each|every)\s+(?:track|cell|object|nucleus|trajectory)\s+(?:in|as)\s+(?:its\s+own|a\s+separate|a)\s+column\b|\bwide\s+(?:table|format|layout|form)\b/i;

function readExportRequest(c: RequestClause): Record<string, unknown> {
  const read = readExportParts(c);
  if (!WIDE_LAYOUT.test(c.text) || (read.format !== undefined && read.format !== 'csv')) return read;
  const layout = 'Not applied: one column per track (a wide table) - `export` writes a tidy CSV, one row per spot (or object) with its track id, frame and values; Prism, Excel (PivotTable) or R (pivot_wider) turn it into one column per track.';
  return { ...read, $note: typeof read.$note === 'string' ? `${read.$note} ${layout}` : layout };
}

function readExportParts(c: RequestClause): Record<string, unknown> {
  // ("export the raw movie as a label image": intensities are no labels, each grey level would be an object; the objects are
  // found first and those labels written, said in one line)
  const forProgram = formatForProgram(c);
  if (IMAGE_AS_LABELS.test(c.text)) {
    const said = 'An intensity movie is not a label image (written as labels, each grey level would be an object): I found the objects first (`segment`) and wrote their labels; to write the movie itself, export it as "tiff" without "labels".';
    const format = forProgram?.$needs && (forProgram.$needs as string[])[0] === 'labels' ? forProgram.format : 'tiff';
    return { format, $needs: ['labels'], $note: said };
  }
  if (forProgram) return forProgram;
  // "make a substack of frames 10-30", "crop to frames 1-20 and save": frames of the movie and nothing else named, a TIFF of them
  if (!c.read.value('format') && !NAMES_WHAT.test(c.text) && (/\bsub-?stacks?\b/i.test(c.text) || /\b(?:frames?|time ?points?|timepoints?)\s*\d+\s*(?:-|–|to|through|until)\s*\d+/i.test(c.text))) return { format: 'tiff', $needs: ['movie'] };
  // "save it", "write the result out": no format and nothing named, so what the step before made, in its own format
  if (!c.read.value('format') && !NAMES_WHAT.test(c.text) && !programSaid(c.text)) return {};
  let format = c.read.value('format') ?? (/\btiff?\b|\bimages?\b|\bmovie\b|\bhyperstack\b|\bmasks?\b|\blabel (?:images?|movies?)\b/i.test(c.text) || programSaid(c.text) ? 'tiff' : 'csv');
  // "open the tracks in Fiji": Fiji reads tracks as TrackMate XML; a TIFF is for masks and movies
  if (format === 'tiff' && /\btracks?\b|\btrajector/i.test(c.text) && !/\btiff?\b|\bmasks?\b|\blabels?\b|\bimages?\b|\bmovie\b|\bhyperstack\b/i.test(c.text)) format = 'trackmate';
  // (no input named: the usual one, tracks, or what the step just before made)
  // ("the track statistics", "track features": what is measured of the tracks, a table)
  // ("the track speeds", "speed per track", "each track's displacement" as CSV: a quantity of the tracks, measured, is a table)
  const quantity = findFeature(c.text);
  const tracks = (quantity && quantity !== 'count' && format === 'csv' ? c.text.replace(/\btracks?(?:['’]s?)?\b/gi, ' ') : c.text).replace(TRACK_TABLE, ' ');
  let needs: string[] | undefined = /\btracks?\b|\btrajector|\blineages?\b/i.test(tracks) || format === 'trackmate' || format === 'ctc' ? ['tracks'] : undefined;
  if (/\bmasks?\b|\blabels?\b|\bsegmentation\b|\boutlines?\b|\bcontours?\b|\brois?\b/i.test(c.text) && !/\btracks?\b/i.test(tracks) || format === 'geojson') needs = ['labels'];
  else if (/\btable\b|\bmeasurements?\b|\bfeatures\b|\bstatistics\b|\bstats\b/i.test(c.text) && format === 'csv') needs = ['table'];
  else if (format === 'tiff' || format === 'png') needs = ['movie'];
  return { format, ...(needs ? { $needs: needs } : {}) };
}

/** A movie or label movie as PNG pictures: for slides and notes, not for measuring (8-bit, contrast stretched). */
async function exportPictures(args: z.infer<typeof exportSchema>, ctx: ToolContext) {
  // tracks are drawn on the movie they were made on (or the one given), frame by frame, as TrackMate's overlay
  const tracked = args.tracks ? (await openTracks(ctx, args.tracks)).tracks : undefined;
  const madeOn = tracked?.labelsPath && movieInputExists(tracked.labelsPath) ? movieOfLabels(ctx.listArtifacts(), tracked.labelsPath) : undefined;
  const ref = args.movie ?? args.labels ?? madeOn ?? tracked?.labelsPath;
  if (!ref) throw new InputError(`format "png" needs \`movie\` or \`labels\`${args.tracks ? `: ${args.tracks} does not name the movie it was made on` : ''}`);
  const whole = await ctx.openMovie(ref);
  try {
    const [first, last] = frameRangeInSource(whole, args.frames);
    const movie = frameWindow(whole, first, last);
    const isLabels = !args.movie && !madeOn && (!!args.labels || !!args.tracks);
    const planes = movie.shape.t * movie.shape.z;
    const out = ctx.outputPath(planes === 1 ? `${movieStem(movie.source.path)}.png` : `${movieStem(movie.source.path)}-png`, args.output);
    const { writePlanePictures } = await import('../src/plot/planePictures.ts');
    const written = await inputChecked(() => writePlanePictures(movie, out, { labels: isLabels, tracks: tracked, signal: ctx.signal, onProgress: (d, t) => ctx.progress(d, t, 'pictures') }));
    const artifact = ctx.addArtifact('plot', out, `PNG pictures of ${basename(movie.source.path)}`);
    const stretch = isLabels ? 'objects filled in distinct colours' : `8-bit, contrast stretched between ${written.rangesPerChannel.map(([lo, hi]) => `${+lo.toPrecision(4)} and ${+hi.toPrecision(4)}`).join(' / ')} (0.35% saturated, as Fiji's Auto; the grey levels are not kept: export as TIFF to measure)`;
    const where = `${written.files === 1 ? basename(out) : `${written.files} pictures in ${basename(out)}/`}${tracked ? ` with the ${counted(tracked.branches.length, 'track branch', 'track branches')} drawn up to each frame` : ''}`;
    return { summary: `Wrote ${where} as ${artifact.id}: ${stretch}.`, artifacts: [artifact], values: { path: out, files: written.files, frames: movie.shape.t, format: 'png', did: `write ${ref} as PNG ${basename(out)}` } };
  } finally {
    await whole.close();
  }
}

/** The objects of a label movie as GeoJSON outlines (QuPath's objects): one Feature per object and frame, pixel coordinates. */
/**
 * Refuses an image given as labels: an intensity movie (by its artifact type, or by its first plane, where neighbouring
 * pixels mostly differ) written as a label image makes every grey level an object (50585 "objects" from one raw movie).
 */
async function checkedAsLabels(ref: string, labels: Movie, ctx: ToolContext, format: string): Promise<void> {
  const record = ctx.listArtifacts().find((a) => a.id === ref);
  const what = record?.type === 'movie' ? 'an intensity movie' : undefined;
  let image = what;
  if (!image) {
    const { readsAsLabels } = await import('../src/analysis/outlines.ts');
    const plane = await labels.plane(0, 0, 0);
    if (!readsAsLabels(plane, labels.shape.x, labels.shape.y)) image = 'an intensity image (neighbouring pixels mostly differ; in a label image each object is one number)';
  }
  if (image) {
    throw new InputError(`${ref} is ${image}, not a label image: written as labels (${format}), every grey level would be an object. Segment it first ("segment the nuclei") and export those labels, or export it as an image ("tiff", "png").`);
  }
}

async function exportOutlines(args: z.infer<typeof exportSchema>, ctx: ToolContext) {
  // tracks name the labels they were made on: their objects are the outlines wanted
  const ref = args.labels ?? (args.tracks ? (await openTracks(ctx, args.tracks)).tracks.labelsPath : undefined);
  if (!ref || args.movie) throw new InputError(`format "geojson" writes the objects of a label movie: give \`labels\`${args.movie ? ` (${args.movie} is an image; export it as "tiff")` : ''}`);
  const labels = await ctx.openMovie(ref);
  try {
    await checkedAsLabels(ref, labels, ctx, 'GeoJSON outlines');
    const [first, last] = frameRangeInSource(labels, args.frames);
    const some = first > 0 || last < labels.shape.t - 1 ? ` (frames ${args.frames!.first}-${args.frames!.last} of ${labels.shape.t})` : '';
    const out = ctx.outputPath(`${movieStem(labels.source.path)}${some ? `-frames${args.frames!.first}-${args.frames!.last}` : ''}.geojson`, args.output);
    const { writeLabelsGeoJson } = await import('../src/analysis/outlines.ts');
    const objectType = args.objectType ?? 'detection';
    const written = await inputChecked(() => writeLabelsGeoJson(out, labels, { objectType, frames: [first, last], signal: ctx.signal, onProgress: (d, t) => ctx.progress(d, t, 'planes') }));
    const artifact = ctx.addArtifact('labels', out, `GeoJSON outlines of ${basename(labels.source.path)}${some}`);
    const frames = written.frames > 1 ? ` over ${written.frames} frames (each object on its frame's plane)` : '';
    return {
      summary: `Wrote ${counted(written.objects, 'object outline')}${frames}${some} to ${basename(out)} as ${artifact.id}: QuPath ${objectType}s in pixel coordinates; open the movie in QuPath, then File > Import objects.`,
      artifacts: [artifact],
      values: { path: out, objects: written.objects, frames: written.frames, format: 'geojson', objectType, did: `write the objects of ${ref}${some} as GeoJSON outlines ${basename(out)}` },
    };
  } finally {
    await labels.close();
  }
}

const exportTool = defineTool({
  name: 'export',
  summary: 'Exports results as files other programs open: tracks as Cell Tracking Challenge files, CSV or TrackMate XML, label or other movies as TIFF (or PNG pictures), the objects of a label movie as GeoJSON outlines for QuPath, tables as CSV.',
  words: ['export', 'save', 'write', 'convert', 'keep the result', 'keep the output', 'csv', 'trackmate xml', 'xml', 'ctc', 'cell tracking challenge', 'tiff', 'fiji', 'qupath', 'excel', 'spreadsheet', 'file', 'png', 'substack', 'sub-stack', 'make substack', 'geojson', 'column per track', 'columns per track', 'tracks as columns', 'wide table', 'wide format'],
  examples: ['export the tracks as CSV', 'save the tracks in TrackMate XML', 'write the masks as a TIFF I can open in Fiji', 'export to the CTC format', 'save the table as a spreadsheet', 'save the projection as a PNG', 'export the nuclei outlines for QuPath'],
  consumes: ['tracks', 'labels', 'movie', 'table'],
  produces: ['table'],
  writesCopies: true,
  inapplicable: {
    objectType: (a) => (a.format === 'geojson' ? undefined : 'objectType is the kind of QuPath object of a "geojson" export of outlines'),
    frames: (a) => (a.format === 'tiff' || a.format === 'png' || a.format === 'geojson' || ((a.movie || a.labels) && !a.format && !a.tracks && !a.table) ? undefined : 'frames choose the frames of a movie or label movie written as "tiff", "png" or "geojson"; tracks and tables are written whole'),
  },
  results: { spots: { about: 'spots written', unit: '' }, branches: { about: 'branches written', unit: '' }, frames: { about: 'frames written', unit: 'frames' }, objects: { about: 'object outlines written', unit: '' } },
  insteadOf: INSTEAD_OF,
  readsByValue: { format: { csv: ['table', 'tracks'], trackmate: ['tracks'], ctc: ['tracks'], tiff: ['labels', 'movie'], png: ['movie', 'labels'], geojson: ['labels'] } },
  opensIn: OPENS_IN,
  // (objectType: "annotations" and "detections" are QuPath's words for its two kinds of object)
  // (a program's words are words of the first format it opens: "qupath" of geojson, "prism" of csv; one letter, "R", only its own reader reads)
  valueWords: { objectType: { annotation: ['qupath annotation', 'qupath annotations', 'as annotations', 'annotation objects', 'editable annotations'], detection: ['qupath detection', 'qupath detections', 'as detections', 'detection objects'] }, format: Object.fromEntries(Object.entries(FORMAT_WORDS).map(([format, words]) => [format, [...words, ...Object.values(OPENS_IN).filter((p) => Object.values(p.formats)[0] === format).flatMap((p) => p.words ?? []).filter((w) => w.length > 1 && w === w.toLowerCase())]])) },
  description:
    'Writes results in other tools\' formats: tracks as a Cell Tracking Challenge folder ("ctc"), a tidy CSV ("csv") or TrackMate XML for Fiji ("trackmate"); a movie or label movie as TIFF ("tiff") or as PNG pictures ("png", one picture per frame, 8-bit, automatic contrast); the objects of a label movie as outline polygons in GeoJSON ("geojson", QuPath\'s File > Import objects); a table as CSV. Returns the written file or folder as an artifact.',
  schema: exportSchema,
  fromRequest: readExportRequest,
  async run(given, ctx) {
    const format = given.format ?? (given.tracks || given.table ? 'csv' : given.movie || given.labels ? 'tiff' : undefined);
    if (!format) throw new InputError('export needs something to write: `tracks`, `labels`, `movie` or `table`');
    const args = { ...given, format };
    if (args.format === 'tiff') {
      // tracks name the labels they were made on: those are the masks a user wants as TIFF
      const ref = args.movie ?? args.labels ?? (args.tracks ? (await openTracks(ctx, args.tracks)).tracks.labelsPath : undefined);
      if (!ref) throw new InputError(args.tracks ? `format "tiff" needs \`movie\` or \`labels\`: ${args.tracks} does not name the labels it was made on` : 'format "tiff" needs `movie` or `labels`');
      const movie = await ctx.openMovie(ref);
      try {
        // (an image asked to be written as labels is refused, never registered as a label movie)
        if (!args.movie && args.labels) await checkedAsLabels(ref, movie, ctx, 'a label TIFF');
        const [first, last] = frameRangeInSource(movie, args.frames);
        const part = frameWindow(movie, first, last);
        const some = part !== movie ? ` (frames ${args.frames!.first}-${args.frames!.last} of ${movie.shape.t})` : '';
        const out = ctx.outputPath(`${movieStem(movie.source.path)}${part !== movie ? `-frames${args.frames!.first}-${args.frames!.last}` : ''}.tif`, args.output);
        const { writeMovie } = await import('../src/image/index.ts');
        await writeMovie(out, part, { onProgress: (d, t) => ctx.progress(d, t, 'planes') });
        const artifact = ctx.addArtifact(!args.movie ? 'labels' : 'movie', out, `TIFF export of ${basename(movie.source.path)}${some}`);
        return { summary: `Wrote ${basename(out)} (${part.shape.t} frames${some}) as ${artifact.id}.`, artifacts: [artifact], values: { path: out, frames: part.shape.t, format: 'tiff', did: `write ${ref}${some} as TIFF ${basename(out)}` } };
      } finally {
        await movie.close();
      }
    }
    if (args.format === 'png') return exportPictures(args, ctx);
    if (args.format === 'geojson') return exportOutlines(args, ctx);
    if (args.format === 'csv' && args.table && !args.tracks) {
      const src = ctx.resolve(args.table, 'table');
      const out = ctx.outputPath(basename(src), args.output);
      copyFileSync(src, out);
      const artifact = ctx.addArtifact('table', out, `CSV export of ${basename(src)}`);
      return { summary: `Wrote ${basename(out)} as ${artifact.id}.`, artifacts: [artifact], values: { path: out, format: 'csv', did: `write ${args.table} as CSV ${basename(out)}` } };
    }
    if (!args.tracks) throw new InputError(`format "${args.format}" needs \`tracks\` (e.g. "tracks-1")${args.format === 'csv' ? ' or `table`' : ''}`);
    const { tracks, path: tracksPath } = await openTracks(ctx, args.tracks);
    const stem = stemOf(tracksPath);
    if (args.format === 'csv') {
      const { writeTracksCsv } = await import('../src/analysis/trackio.ts');
      const out = ctx.outputPath(`${stem}-tracks.csv`, args.output);
      writeTracksCsv(out, tracks);
      const artifact = ctx.addArtifact('tracks', out, `tracks of ${args.tracks} as CSV`);
      return { summary: `Wrote ${counted(tracks.spots.length, 'spot')} of ${counted(tracks.branches.length, 'branch', 'branches')} to ${basename(out)} (${artifact.id}).`, artifacts: [artifact], values: { path: out, spots: tracks.spots.length, branches: tracks.branches.length, format: 'csv', did: `write ${args.tracks} as CSV ${basename(out)}` } };
    }
    const labelsRef = args.labels ?? tracks.labelsPath;
    if (args.format === 'trackmate') {
      const { writeTrackMateXml } = await import('../src/analysis/trackmateXml.ts');
      let size = { width: Math.ceil(Math.max(1, ...tracks.spots.map((s) => s.x + 1))), height: Math.ceil(Math.max(1, ...tracks.spots.map((s) => s.y + 1))), slices: 1 };
      if (labelsRef && (args.labels || movieInputExists(labelsRef))) {
        const labels = await ctx.openMovie(labelsRef);
        size = { width: labels.shape.x, height: labels.shape.y, slices: labels.shape.z };
        await labels.close();
      }
      const out = ctx.outputPath(`${stem}.xml`, args.output);
      // TrackMate opens the image the XML names and draws the tracks over it: the intensity movie, not the masks
      const labelsPath = args.labels ? ctx.resolve(args.labels, ['labels', 'movie']) : labelsRef;
      const image = args.movie ? ctx.resolve(args.movie, 'movie') : labelsPath ? movieOfLabels(ctx.listArtifacts(), labelsPath) : undefined;
      writeTrackMateXml(out, tracks, { ...size, imageFile: image, timeUnit: ctx.calibration?.().timeUnit });
      const artifact = ctx.addArtifact('tracks', out, `tracks of ${args.tracks} as TrackMate XML`);
      const { displayUnits } = await import('../src/image/calibration.ts');
      const units = displayUnits({ pixelSizeUm: tracks.pixelSizeUm, frameIntervalS: tracks.frameIntervalS, timeUnit: ctx.calibration?.().timeUnit });
      const calibrated = tracks.pixelSizeUm && tracks.frameIntervalS ? `calibrated: ${+tracks.pixelSizeUm.toPrecision(4)} µm per pixel, ${+units.timePerFrame.toPrecision(6)} ${units.time} per frame` : `in ${units.length} and ${units.time}s (no calibration: set one with set_calibration)`;
      const imageNote = image ? `image ${basename(image)}` : 'no image named: the movie the tracks were made on is not known, give it as `movie`';
      return {
        summary: `Wrote TrackMate XML ${basename(out)} (${tracks.spots.length} spots, ${calibrated}; ${imageNote}; open it in Fiji with Plugins > Tracking > Load a TrackMate file) as ${artifact.id}.`,
        artifacts: [artifact],
        values: { path: out, spots: tracks.spots.length, format: 'trackmate', did: `write ${args.tracks} as TrackMate XML ${basename(out)}`, lengthUnit: units.length, timeUnit: units.time, pixelSizeUm: tracks.pixelSizeUm ?? null, frameIntervalS: tracks.frameIntervalS ?? null },
      };
    }
    if (!labelsRef || (!args.labels && !movieInputExists(labelsRef))) throw new InputError('format "ctc" needs the label movie the tracks were made on: pass `labels`');
    const labels = await ctx.openMovie(labelsRef);
    try {
      const out = ctx.outputPath(`${stem}-ctc`, args.output);
      const created = !existsSync(out);
      mkdirSync(out, { recursive: true });
      const { writeCtcResult } = await import('../src/analysis/ctc.ts');
      // a failure (a full disk) leaves no half CTC folder behind: the one this call made goes
      const { files } = await inputChecked(() => writeCtcResult(tracks, labels, out, { signal: ctx.signal, onProgress: (d, t) => ctx.progress(d, t, 'frames') })).catch((err) => {
        if (created) rmSync(out, { recursive: true, force: true });
        throw err;
      });
      const artifact = ctx.addArtifact('tracks', out, `tracks of ${args.tracks} as a CTC folder`);
      return { summary: `Wrote a Cell Tracking Challenge folder ${basename(out)} (res_track.txt and ${files - 1} masks) as ${artifact.id}.`, artifacts: [artifact], values: { path: out, files, branches: tracks.branches.length, format: 'ctc', did: `write ${args.tracks} as a CTC folder ${basename(out)}`, trackFile: join(out, 'res_track.txt') } };
    } finally {
      await labels.close();
    }
  },
});

export const tools: ToolSpec[] = [track, measure, detectDivisions, evaluate, exportTool] as unknown as ToolSpec[];
