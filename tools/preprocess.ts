// Pre-processing tools: drift correction, channel alignment and bleach correction.
// Thin wrappers over src/analysis/drift.ts and src/analysis/bleach.ts.
import { z } from 'zod';
import { channelArg, channelIndex, frameRange, frameRangeArg, movieArg, outputArg } from './common.ts';
import { defineTool, type RequestClause, type ToolSpec } from './types.ts';
import type { DriftEstimate } from '../src/analysis/drift.ts';
import { formatNumber, micrometres, pixelsFromMicrometres } from './requestWords.ts';

const interpolationArg = z
  .enum(['bilinear', 'bicubic'])
  .default('bilinear')
  .describe('Resampling for sub-pixel shifts: "bilinear" (default, as Fast4DReg) or "bicubic" (sharper; ImageJ\'s cubic kernel)');

const upsampleArg = z
  .number()
  .int()
  .min(1)
  .max(1000)
  .default(20)
  .describe('Sub-pixel precision: shifts are found to 1/upsampleFactor px (default 20, i.e. 0.05 px; scikit-image phase_cross_correlation upsample_factor)');

const round = (v: number, digits = 3) => Number(v.toFixed(digits));

/** How a channel's mean intensity changed from the first to the last frame, in words ("fell by 12.5%", "rose by 0.7%"). */
export function describeIntensityChange(lossPercent: number): string {
  if (Math.abs(lossPercent) < 0.05) return 'stayed the same';
  return lossPercent > 0 ? `fell by ${lossPercent}%` : `rose by ${round(-lossPercent, 1)}%`;
}

/**
 * The bleach tool's sentence. Where no channel's mean fell there was nothing to correct, and the
 * written movie is only the frames rescaled to the first frame's mean: said so, not "Corrected".
 */
export function bleachSummary(method: string, channels: number, lossPercent: number[], deviationPercent: number[]): string {
  const change = `mean intensity ${lossPercent.map(describeIntensityChange).join(', ')} from the first to the last frame`;
  const after = `frame means stay within ${deviationPercent.join(', ')}% of the first`;
  if (lossPercent.every((p) => p <= 0))
    return `No bleaching found in ${channels} channel(s): ${change}. The movie written is the frames rescaled by ${method} (after it ${after}); keep using the original movie unless you want its frame means equalised.`;
  return `Corrected bleaching (${method}) in ${channels} channel(s): ${change}; after correction ${after}.`;
}

/** What the checks of the drift estimate found, in a sentence or two (frames 1-based). */
export function describeDriftChecks(result: DriftEstimate, movieWritten = true): string {
  const { objectCheck, unsureFrames, common } = result;
  const parts: string[] = [];
  if (common.tooUnsure) {
    const steps = result.confidence.length - 1;
    const why =
      (common.unsureSteps ?? 0) > steps / 2
        ? `the drift could not be pinned down at ${common.unsureSteps} of ${steps} frame-to-frame steps`
        : `image registration and the objects found agreed at ${common.confirmedSteps ?? 0} of the ${steps} frame-to-frame steps (${result.objectCheck.steps} measured by both), and the steps were sure by ${round(common.meanStepConfidence ?? 0, 2)} on average (0 guessed, 1 confirmed; ${common.unsureSteps} of ${steps} guessed)`;
    return `Not corrected: ${why} (image registration and the objects found disagree, too few objects pair up, or the step moves only a small share of the objects found, as when it follows one of a few large cells), so no shift was applied rather than a guessed one (the steps would have added up to ${round(common.measuredPx, 1)} px). Check the movie by eye; the track step links the cells without a drift table.`;
  }
  if (!common.applied) {
    return `No common motion found: the frame-to-frame steps add up to at most ${round(common.measuredPx, 1)} px, within their own uncertainty (±${round(common.uncertaintyPx, 1)} px over the movie), as when cells move on their own and the stage stays put; no shift was applied.`;
  }
  if (result.rows.length > 1) parts.push(removedMotion(result, movieWritten ? 'Removed' : 'Measured (the movie is left as recorded)'));
  if (objectCheck.steps > 0 && !objectCheck.objectsLed) parts.push(`Objects confirmed ${objectCheck.agreed} of ${objectCheck.steps} frame-to-frame steps.`);
  // An applied table whose steps are sure by less than half on average is a rough estimate: said before the details
  if ((common.meanStepConfidence ?? 1) < 0.5) {
    parts.push(`Rough estimate: the frame-to-frame steps were sure by ${round(common.meanStepConfidence ?? 0, 2)} on average (0 guessed, 1 confirmed by image registration and the objects), and each frame's drift adds up the steps before it; read the table's later frames with that in mind.`);
  }
  if (unsureFrames.length) {
    const shown = unsureFrames.slice(0, 3).map((f) => `frame ${f.t + 1}: ${f.reason}`);
    const more = unsureFrames.length > 3 ? ` (and ${unsureFrames.length - 3} more)` : '';
    parts.push(`Unsure at ${unsureFrames.length} frame(s), where the image registration was not used${more}: ${shown.join('; ')}.`);
  }
  return parts.join(' ');
}

/** What an applied table removed, told apart: the motion of the whole field, or the mean displacement of the cells (objectsLed). */
export function removedKind(result: DriftEstimate): 'whole field' | 'cells' {
  return result.objectCheck.steps > 0 && result.objectCheck.objectsLed ? 'cells' : 'whole field';
}

/**
 * What an applied correction removed, first and in numbers, so that a biologist sees whether it was the stage:
 * the mean displacement of the cells where they move on their own (then stage drift and cells migrating together
 * look the same), else the motion of the whole field.
 */
function removedMotion(result: DriftEstimate, verb: string): string {
  const last = result.rows[result.rows.length - 1];
  const extent = `up to ${round(result.maxDriftPx, 1)} px over ${result.rows.length} frames (x ${round(last.dxPx, 1)}, y ${round(last.dyPx, 1)} px by the last frame)`;
  if (removedKind(result) === 'cells') {
    const { cellMotionPxPerFrame, uncertaintyPx } = result.objectCheck;
    return `${verb}: the cells' common motion, ${extent}. The cells move on their own (${round(cellMotionPxPerFrame, 2)} px per frame), so each step is the mean displacement of the nuclei found (each cell once), uncertain by at least ±${round(uncertaintyPx, 1)} px. This is stage drift only if the stage moved: cells that migrate together move the same way, and the image cannot tell the two apart. If the cells migrate together, this correction removes that migration too: then keep the movie as recorded and give the drift table to track (its drift argument) instead.`;
  }
  return `${verb}: the motion of the whole field, ${extent}.`;
}

/** "z drift", "axial drift", "focus drift", "3D drift", "drift in x, y and z". */
const Z_DRIFT = /\bz[- ]?(?:drift|shift|motion|movement)\w*|\bdrift\w* (?:in|along|on) (?:the )?z\b|\b(?:x,? ?y,? (?:and )?z|xyz)\b|\baxial\w*|\b(?:focus|focal|focal[- ]plane)[- ](?:drift|shift)\w*|\bdrift\w* (?:out of|of the|in) focus\b|\bfocus (?:is )?drift\w*|\b3-?d (?:drift|registration|correction)\b|\bdrift\w* in 3-?d\b|\bin 3-?d\b/i;

/** The reference frame named, and axial drift asked for by name (the tool says in one line when the movie has no z-stack). */
function readDriftRequest(c: RequestClause): Record<string, unknown> {
  return { reference: c.read.value('reference'), ...(Z_DRIFT.test(c.text) ? { correctZ: true } : {}) };
}

const correctDrift = defineTool({
  name: 'correct_drift',
  references: { cite: { '*': ['Guizar-Sicairos M, Thurman ST, Fienup JR (2008) Efficient subpixel image registration algorithms. Opt Lett 33:156-158', 'Pylvanainen JW et al. (2023) Fast4DReg: fast registration of 4D microscopy datasets. J Cell Sci 136:jcs260728'] } },
  summary: 'Corrects stage drift (the whole field moving) by registering every frame, as Fast4DReg or StackReg do; writes the stabilised movie and a drift table.',
  words: ['drift', 'align', 'align time points', 'stabilise', 'stabilize', 'register', 'registration', 'align frames', 'jitter', 'wobble', 'shaky', 'shake', 'vibration', 'vibrating', 'unstable stage', 'stage is unstable', 'stage instability', 'field of view wanders', 'stage shift', 'stage movement', 'stage displacement', 'displacement of the stage', 'field displacement', 'displacement of the field', 'image displacement', 'displacement of the image', 'motion correction', 'fast4dreg', 'stackreg', 'turboreg', 'keeps moving', 'jumping around', 'jumps around', 'jumping', 'hold still', 'keep still', 'hold steady', 'keep steady', 'stay still', 'field slides', 'sample slides', 'image slides', 'field moves', 'sample moves', 'image moves', 'whole image moves', 'translation', 'z-shift', 'shift', 'xy drift', 'axial shift', 'focus drift', 'creep', 'creeping', 'stage creep', 'sample creeps', 'rigid registration', 'rigid-body registration', 'translation correction', 'dejitter', 'de-jitter'],
  removes: ['drift', 'stage drift', 'xy drift', 'jitter', 'wobble', 'wobbling', 'shake', 'shaking', 'vibration', 'wiggle', 'stage movement', 'stage shift', 'jumping', 'jumps'],
  examples: ['correct the drift', 'stabilise this movie', 'remove the jitter', 'register the frames to the first frame', 'the stage keeps moving, fix it', 'fix the xy drift'],
  consumes: ['movie'],
  framesOut: 'same',
  produces: ['movie', 'table'],
  keepsRecording: true,
  needsFrames: true,
  decidesNeed: '`correct_drift` decides it by itself: it shifts the frames only by the common motion it finds beyond the uncertainty of its own estimate, and leaves a field that holds still as recorded.',
  results: { maxDriftPx: { about: 'largest drift of any frame', unit: 'px', example: 6.4, words: ['displacement of the stage', 'stage displacement', 'stage moved', 'stage shifted', 'displacement of the field', 'field displacement', 'field moved', 'field shifted', 'shift of the field', 'displacement of the image', 'image displacement', 'image moved', 'image shifted', 'shift of the image', 'sample moved', 'displacement of the sample'] }, finalDxPx: { about: 'x drift of the last frame', unit: 'px' }, finalDyPx: { about: 'y drift of the last frame', unit: 'px' }, maxDzPx: { about: 'largest z drift', unit: 'px' }, frames: { about: 'frames corrected', unit: 'frames', example: 40 }, emptyFrames: { about: 'empty frames', unit: '' }, unsureFrames: { about: 'frames where the drift estimate is unsure (1-based)', unit: '' }, meanConfidence: { about: 'mean confidence of the drift steps (0-1)', unit: '' }, cellMotionPxPerFrame: { about: 'the cells\' own motion between frames', unit: 'px/frame' }, largestStepPx: { about: 'largest drift step between two frames', unit: 'px' }, fieldLostPercent: { about: 'share of the field not covered by every frame after correction', unit: '%' }, removedMotion: { about: 'the motion the correction removed: of the whole field, the cells\' common motion (stage drift and collective migration look alike), or none', unit: '' } },
  valueWords: { reference: { previous: ['previous frame', 'previous one', 'preceding frame', 'frame-to-frame', 'consecutive'], first: ['first frame', 'first image', 'first time point', 'first timepoint', 'initial frame', 'starting frame'], mean: ['mean frame', 'average frame', 'average image', 'mean of the frames', 'average of the frames'] } },
  insteadOf: {
    stackreg: { args: {}, say: 'StackReg (Fiji) is not installed here, so I registered the frames by phase correlation with sub-pixel refinement instead (translation only, as Fast4DReg; rotation is not corrected).' },
    turboreg: { args: {}, say: 'TurboReg (Fiji) is not installed here, so I registered the frames by phase correlation with sub-pixel refinement instead (translation only, as Fast4DReg; rotation and scaling are not corrected).' },
  },
  description:
    'Removes stage drift from a time-lapse movie (translation, as Fast4DReg): estimates the drift by phase correlation with sub-pixel refinement on one channel and shifts every channel back. Writes the corrected movie and a drift table (CSV t,dx_px,dy_px[,dz_px],confidence; t 0-based: the sample\'s displacement from the reference in pixels; confidence 0 where the frame\'s step was guessed, 1 where image registration and the objects found agreed). Use before segmentation or tracking when the field of view wanders.',
  schema: z.object({
    movie: movieArg,
    channel: channelArg.optional().describe('Channel to estimate the drift on (1-based as in Fiji, or a name); the correction is applied to all channels. Default 1'),
    reference: z
      .enum(['follow', 'first', 'previous', 'mean'])
      .default('follow')
      .describe('What each frame is compared with: "follow" (default: a recent key frame that still looks like it, so moving and dividing cells do not mislead it), "first" frame (Fast4DReg; for static samples), "previous" frame (accumulated) or "mean" of the aligned frames (less noise; drift reported from the mean position). Every step is checked against the displacement of the nuclei found'),
    upsampleFactor: upsampleArg,
    timeAveraging: z.number().int().min(1).default(1).describe('Frames averaged per estimate, for dim or noisy movies (Fast4DReg time averaging, default 1 = every frame); drift is interpolated in between'),
    maxDriftPx: z.number().positive().optional().describe('Largest drift in pixels to look for between compared frames (Fast4DReg "max expected drift"); default no limit'),
    minDriftPx: z.number().nonnegative().optional().describe('Correct only when the largest drift found is at least this many pixels ("only if it drifts more than 2 px"); under it no corrected movie is written, the step says so and later steps read the movie as recorded. Default: always correct'),
    correctZ: z.boolean().default(false).describe('Also correct axial (z) drift, estimated on XZ projections as Fast4DReg does; needs a z-stack. Default false'),
    interpolation: interpolationArg,
    writeMovie: z.boolean().default(true).describe('Write the corrected movie (default true); false only estimates the drift table, e.g. to give to track for drift-corrected linking while results stay on the movie as recorded'),
    output: outputArg.describe('Where to write the corrected movie (.tif); default a new file in the session folder'),
  }),
  fromRequest: readDriftRequest,
  async run(args, ctx) {
    const { driftTable, estimateDrift, fieldLost, slicesAsFrames, writeTranslated } = await import('../src/analysis/drift.ts');
    const { writeTableCsv } = await import('../src/analysis/table.ts');
    const opened = await ctx.openMovie(args.movie);
    // A plain stack (one time point, many slices) is registered slice to slice, as StackReg does
    const stackAsTime = !args.correctZ && opened.shape.t === 1 && opened.shape.z > 1;
    const movie = stackAsTime ? slicesAsFrames(opened) : opened;
    try {
      const channel = channelIndex(movie, args.channel);
      const moviePath = args.writeMovie ? ctx.outputPath('drift-corrected.tif', args.output) : undefined;
      const options = {
        channel,
        reference: args.reference,
        upsampleFactor: args.upsampleFactor,
        timeAveraging: args.timeAveraging,
        maxDriftPx: args.maxDriftPx,
        correctZ: args.correctZ,
        interpolation: args.interpolation,
        signal: ctx.signal,
        onProgress: (done: number, total: number, label?: string) => ctx.progress(done, total, label),
      };
      const result = await estimateDrift(movie, options);
      // (a drift under the least asked is left as recorded: the movie itself is this step's movie, nothing written)
      const keptAsRecorded = moviePath !== undefined && args.minDriftPx !== undefined && result.maxDriftPx < args.minDriftPx;
      if (moviePath && !keptAsRecorded) await writeTranslated(movie, moviePath, (t) => result.rows[t], options);
      const tablePath = ctx.outputPath('drift.csv');
      writeTableCsv(tablePath, driftTable(result.rows, result.confidence));
      const movieRef = keptAsRecorded ? ctx.addArtifact('movie', ctx.resolve(args.movie, 'movie'), `the movie as recorded (drift up to ${round(result.maxDriftPx, 2)} px, under the ${args.minDriftPx} px asked: not corrected)`) : moviePath ? ctx.addArtifact('movie', moviePath, 'drift-corrected movie') : undefined;
      const tableRef = ctx.addArtifact('table', tablePath, 'drift table (t, dx_px, dy_px and confidence per frame)');
      const last = result.rows[result.rows.length - 1];
      const maxDz = result.rows.reduce((m, r) => Math.max(m, Math.abs(r.dzPx ?? 0)), 0);
      const note = stackAsTime ? ' The file has one time point, so its slices were treated as frames.' : '';
      const empty = result.emptyFrames.length ? ` ${result.emptyFrames.length} empty frame(s) took the drift of their neighbours.` : '';
      const lostPercent = round(100 * fieldLost(result.rows, movie.shape.y, movie.shape.x), 1);
      return {
        summary: keptAsRecorded ? `Not corrected: the drift found is up to ${round(result.maxDriftPx, 2)} px over ${movie.shape.t} frames, under the ${args.minDriftPx} px asked, so the movie is left as recorded (${movieRef!.id} is the recording itself; estimated on channel ${channel + 1}, reference ${args.reference}); the drift table is ${tableRef.id}. ${describeDriftChecks(result, false)}${empty}${note}` : !result.common.applied
          ? // nothing was shifted (no common motion, or a table too unsure to apply): say so first, not "Corrected ... 0 px"
            `${describeDriftChecks(result, moviePath !== undefined)} The drift table is ${tableRef.id} (every row 0)${movieRef ? `; ${movieRef.id} is the movie unshifted` : ''} (estimated on channel ${channel + 1}, reference ${args.reference}).${empty}${note}`
          : `${moviePath ? 'Corrected' : 'Estimated (movie left as recorded)'} drift of up to ${round(result.maxDriftPx, 2)} px over ${movie.shape.t} frames (estimated on channel ${channel + 1}, reference ${args.reference}); the drift table is ${tableRef.id}. ${describeDriftChecks(result, moviePath !== undefined)} ${moviePath ? `${lostPercent}% of the field is not covered by every frame after the shift; uncovered borders are filled with each plane's median (its background level), not 0, so later thresholds are not pulled down by them.` : ''}${empty}${note}`,
        artifacts: movieRef ? [movieRef, tableRef] : [tableRef],
        values: {
          maxDriftPx: round(result.maxDriftPx),
          finalDxPx: round(last.dxPx),
          finalDyPx: round(last.dyPx),
          ...(args.correctZ ? { maxDzPx: round(maxDz) } : {}),
          frames: movie.shape.t,
          emptyFrames: result.emptyFrames.length,
          unsureFrames: result.unsureFrames.map((f) => f.t + 1),
          meanConfidence: round(result.confidence.reduce((a, c) => a + c, 0) / result.confidence.length, 2),
          cellMotionPxPerFrame: round(result.objectCheck.cellMotionPxPerFrame, 2),
          fieldLostPercent: keptAsRecorded ? 0 : lostPercent,
          // whether any shift was applied (the steps showed common motion beyond their uncertainty), and the largest frame-to-frame step in the table
          commonMotionApplied: result.common.applied,
          removedMotion: result.common.applied ? removedKind(result) : 'none',
          // the one-line account says that nothing was shifted (briefAnswer reads values.did), not "correct stage drift"
          ...(keptAsRecorded || !result.common.applied ? { did: `measure the drift (none applied: ${keptAsRecorded ? `under the ${args.minDriftPx} px asked` : result.common.tooUnsure ? 'too unsure to apply' : 'no common motion'})` } : {}),
          largestStepPx: round(result.rows.slice(1).reduce((m, r, k) => Math.max(m, Math.hypot(r.dxPx - result.rows[k].dxPx, r.dyPx - result.rows[k].dyPx)), 0)),
        },
      };
    } finally {
      await movie.close();
    }
  },
});

/** The reference channel: "to channel 1", "onto the DAPI channel". */
function readAlignRequest(c: RequestClause): Record<string, unknown> {
  const m = /\b(?:to|onto|against|on|with)\s+(?:channel\s*(\d+)|(?:the\s+)?(\w+)\s+channel)\b/i.exec(c.text);
  return m ? { referenceChannel: m[1] ? Number(m[1]) : m[2] } : {};
}

const alignChannels = defineTool({
  name: 'align_channels',
  summary: 'Aligns the colour channels to a reference channel (chromatic shift), as a registration between channels.',
  words: ['align channels', 'channel alignment', 'chromatic', 'chromatic shift', 'chromatic aberration', 'misaligned', 'channel offset', 'channel registration', 'register channels', 'colour shift', 'color shift', 'channels line up', 'channels lined up', 'channels overlap', 'shift between the channels', 'offset between the channels', 'co-register', 'coregister', 'co-registration', 'misregistration', 'channel misregistration', 'channels are offset', 'channels shifted', 'register the channels'],
  removes: ['chromatic shift', 'chromatic aberration', 'channel offset', 'channel shift', 'colour shift', 'color shift', 'misalignment', 'misregistration'],
  examples: ['align the channels to channel 1', 'fix the chromatic shift', 'the two channels are misaligned'],
  consumes: ['movie'],
  framesOut: 'same',
  produces: ['movie', 'table'],
  keepsRecording: true,
  results: { maxOffsetPx: { about: 'largest channel offset', unit: 'px' } },
  description:
    'Removes a fixed offset between the channels of a movie (chromatic or camera misregistration): estimates each channel\'s shift from the reference channel by phase correlation on time-averaged images and shifts it back. Writes the aligned movie and a table of offsets (channel, dx_px, dy_px).',
  schema: z.object({
    movie: movieArg,
    referenceChannel: channelArg.optional().describe('Channel the others are aligned to (1-based as in Fiji, or a name). Default 1'),
    frames: frameRangeArg.optional().describe('Frames averaged for the estimate, 1-based inclusive; default all'),
    upsampleFactor: upsampleArg,
    interpolation: interpolationArg,
    output: outputArg.describe('Where to write the aligned movie (.tif); default a new file in the session folder'),
  }),
  fromRequest: readAlignRequest,
  async run(args, ctx) {
    const { alignChannels } = await import('../src/analysis/drift.ts');
    const { writeTableCsv } = await import('../src/analysis/table.ts');
    const movie = await ctx.openMovie(args.movie);
    try {
      const referenceChannel = channelIndex(movie, args.referenceChannel);
      const frames = frameRange(movie, args.frames);
      const moviePath = ctx.outputPath('channels-aligned.tif', args.output);
      const offsets = await alignChannels(movie, moviePath, {
        referenceChannel,
        frames,
        upsampleFactor: args.upsampleFactor,
        interpolation: args.interpolation,
        signal: ctx.signal,
        onProgress: (done, total, label) => ctx.progress(done, total, label),
      });
      const tablePath = ctx.outputPath('channel-offsets.csv');
      writeTableCsv(tablePath, {
        columns: ['channel', 'name', 'dx_px', 'dy_px'],
        rows: offsets.map((o) => ({ channel: o.channel + 1, name: movie.meta.channelNames[o.channel] ?? `C${o.channel + 1}`, dx_px: o.dxPx, dy_px: o.dyPx })),
      });
      const movieRef = ctx.addArtifact('movie', moviePath, 'channel-aligned movie');
      const tableRef = ctx.addArtifact('table', tablePath, 'channel offsets (channel, dx_px, dy_px)');
      const largest = offsets.reduce((m, o) => Math.max(m, Math.hypot(o.dxPx, o.dyPx)), 0);
      return {
        summary: `Aligned ${offsets.length} channels to channel ${referenceChannel + 1}; the largest offset removed was ${round(largest, 2)} px.`,
        artifacts: [movieRef, tableRef],
        values: { maxOffsetPx: round(largest), offsets: offsets.map((o) => ({ channel: o.channel + 1, dxPx: round(o.dxPx), dyPx: round(o.dyPx) })) },
      };
    } finally {
      await movie.close();
    }
  },
});

function readBleachRequest(c: RequestClause): Record<string, unknown> {
  return { method: c.read.value('method') };
}

const correctBleach = defineTool({
  name: 'correct_bleach',
  references: { cite: { '*': ['Miura K (2020) Bleach correction ImageJ plugin for compensating the photobleaching of time-lapse sequences. F1000Research 9:1494'] } },
  summary: 'Corrects photobleaching (intensity fading over time) by simple ratio, exponential fit or histogram matching, as Fiji\'s Bleach Correction.',
  needQuestion: 'is there photobleaching?',
  words: ['bleach', 'bleaching', 'photobleaching', 'fading', 'fade', 'dimming', 'gets dimmer', 'getting dimmer', 'dimmer over time', 'fainter over time', 'faint at the end', 'faint last frames', 'dim last frames', 'dark last frames', 'fainter towards the end', 'weaker over time', 'dimmer at the end', 'darker at the end', 'gets darker', 'getting darker', 'darker over time', 'intensity decay', 'intensity loss', 'signal loss', 'signal decay', 'bleach correction', 'normalise each frame', 'normalize each frame', 'normalise every frame', 'normalize every frame', 'per-frame normalisation', 'per-frame normalization', 'scale every frame', 'scale each frame', 'equalise the frames', 'equalize the frames', 'flicker', 'flickering', 'flickery', 'shimmer', 'shimmering', 'intensity fluctuations', 'signal drops', 'intensity drops', 'signal goes down', 'intensity goes down', 'signal decreases', 'intensity decreases', 'declining signal', 'drop in fluorescence', 'drop in signal', 'drop in intensity', 'loss of fluorescence', 'loss of signal', 'losing signal', 'losing fluorescence', 'fluorescence loss', 'fluorescence decay'],
  removes: ['bleaching', 'photobleaching', 'bleach', 'fading', 'fade', 'dimming', 'dimmer', 'fainter', 'darker over time', 'signal loss', 'intensity loss', 'intensity decay', 'signal decay', 'flicker', 'flickering', 'shimmer', 'shimmering'],
  examples: ['correct the bleaching', 'the signal fades over time, correct it', 'photobleaching correction with histogram matching', 'it gets darker over time'],
  consumes: ['movie'],
  framesOut: 'same',
  produces: ['movie'],
  keepsRecording: true,
  needsFrames: true,
  results: {
    intensityLossPercent: { about: 'intensity lost from the first to the last frame', unit: '%', example: 23.5, words: ['drop', 'fall', 'decrease', 'decline', 'loss'] },
    maxDeviationAfterPercent: { about: 'largest deviation of frame means after correction', unit: '%' },
    halfLifeFrames: { about: 'bleaching half-life per channel: frames for the decaying part of an exponential fit a·e^(−b·t)+c to the frame means to halve, ln 2 / b (null where the means do not decay)', unit: 'frames', words: ['half-life', 'half life', 'bleaching half-life', 'bleaching rate', 'bleach rate', 'decay rate', 'decay constant', 'how fast it bleaches'] },
    halfLifeS: { about: 'the bleaching half-life in seconds, where the movie records its frame interval', unit: 's' },
    // (its description is short: a result's words decide which step a question asks, bleachMeasured says how it is found)
    bleaching: { about: 'whether it bleaches', verdict: true },
  },
  valueWords: { method: { exponential: ['exponential', 'exp fit', 'exponential fit', 'decay fit'], histogram: ['histogram matching', 'histogram'], simple_ratio: ['ratio', 'simple ratio', 'mean intensity ratio'] } },
  description:
    'Compensates photobleaching (the fading of fluorescence over time) with the methods of Fiji\'s Bleach Correction plugin: "simple_ratio" (scales each frame to the first frame\'s mean, after subtracting a background), "exponential" (fits a·e^(−b·t)+c to the frame means and divides it out; fails clearly when the intensity does not decay), or "histogram" (matches each frame\'s histogram to the first frame; good for segmentation, not for intensity measurements). Each channel is corrected on its own.',
  schema: z.object({
    movie: movieArg,
    method: z
      .enum(['simple_ratio', 'exponential', 'histogram'])
      .default('simple_ratio')
      .describe('Correction method as in Fiji\'s Bleach Correction: "simple_ratio" (default), "exponential" fit, or "histogram" matching'),
    backgroundIntensity: z.number().min(0).default(0).describe('simple_ratio only: background intensity in grey levels subtracted before taking the ratio (Fiji default 0)'),
    writeMovie: z.boolean().default(true).describe('Write the corrected movie (default true); false only measures the bleaching (each channel\'s mean intensity change first to last frame and the fitted half-life) and leaves the movie as recorded, e.g. to answer "is there much photobleaching?"'),
    output: outputArg.describe('Where to write the corrected movie (.tif); default a new file in the session folder'),
  }),
  inapplicable: {
    backgroundIntensity: (a) => (a.method === 'simple_ratio' ? undefined : `a background applies only to method simple_ratio, not ${a.method}`),
  },
  fromRequest: readBleachRequest,
  async run(args, ctx) {
    const { correctBleach, backgroundFreeHalfLifeFrames, bleachHalfLifeFrames, halfLifeOfFit, frameIntensities } = await import('../src/analysis/bleach.ts');
    const movie = await ctx.openMovie(args.movie);
    try {
      // (measure only: the frame means' change and the fitted half-life, nothing written; the movie stays as recorded)
      if (!args.writeMovie) {
        const { means, objectSignal } = await frameIntensities(movie, { objects: true, signal: ctx.signal });
        return bleachMeasured(means, movie.meta.frameIntervalS, movie.meta.channelNames, bleachHalfLifeFrames, objectSignal && { signal: objectSignal, halfLife: backgroundFreeHalfLifeFrames });
      }
      const moviePath = ctx.outputPath('bleach-corrected.tif', args.output);
      const result = await correctBleach(movie, moviePath, {
        method: args.method,
        backgroundIntensity: args.backgroundIntensity,
        signal: ctx.signal,
        onProgress: (done, total, label) => ctx.progress(done, total, label),
      });
      const ref = ctx.addArtifact('movie', moviePath, `bleach-corrected movie (${args.method})`);
      const lossPercent = result.meansBefore.map(lossPercentOf);
      const deviationPercent = result.meansAfter.map((m) => round(100 * Math.max(...m.map((v) => Math.abs(v / m[0] - 1))), 2));
      const fitText = result.fits ? ` Fitted decay rates: ${result.fits.map((f) => `${round(f.b, 4)}/frame (R² ${round(f.rSquared, 3)})`).join(', ')}.` : '';
      // (whatever the method, the frame means say how fast the movie bleaches: Fiji's exponential fit, reported; the
      // exponential method's own fit of the same means is used where it ran)
      const halfLives = result.meansBefore.map((means, c) => (result.fits ? halfLifeOfFit(result.fits[c]) : bleachHalfLifeFrames(means)));
      const intervalS = movie.meta.frameIntervalS;
      const halfLifeText = halfLives.some((h) => h !== null) ? ` Bleaching half-life: ${halfLives.map((h) => (h === null ? 'none (no decay)' : `${round(h, 1)} frames${intervalS ? ` (${formatNumber(round(h * intervalS, 0))} s)` : ''}`)).join(', ')}.` : '';
      return {
        summary: bleachSummary(args.method, movie.shape.c, lossPercent, deviationPercent) + fitText + halfLifeText,
        artifacts: [ref],
        values: {
          // the one-line account says that no bleaching was found (briefAnswer reads values.did), not "correct photobleaching"
          ...(lossPercent.every((p) => p <= 0) ? { did: `measure the bleaching (none found: mean intensity ${lossPercent.map(describeIntensityChange).join(', ')}; ${ref.id} only has its frame means equalised)` } : {}),
          method: args.method,
          intensityLossPercent: lossPercent,
          maxDeviationAfterPercent: deviationPercent,
          halfLifeFrames: halfLives.map((h) => (h === null ? null : round(h, 2))),
          ...(intervalS ? { halfLifeS: halfLives.map((h) => (h === null ? null : round(h * intervalS, 1))) } : {}),
          ...(result.fits ? { fits: result.fits.map((f) => ({ a: round(f.a, 4), bPerFrame: round(f.b, 6), c: round(f.c, 4), rSquared: round(f.rSquared, 4) })) } : {}),
        },
      };
    } finally {
      await movie.close();
    }
  },
});

/** A half-life in frames, with its time where the frame interval is known ("12.3 frames (6.2 min)"). */
function halfLifeWords(frames: number | null, intervalS: number | undefined): string {
  if (frames === null) return 'no decay to fit';
  const seconds = intervalS ? frames * intervalS : undefined;
  const time = seconds === undefined ? '' : seconds >= 120 ? ` (${formatNumber(round(seconds / 60, 1))} min)` : ` (${formatNumber(round(seconds, 1))} s)`;
  return `half-life ${formatNumber(round(frames, 1))} frames${time}`;
}

/**
 * correct_bleach with writeMovie false: how much each channel's mean intensity changed from the first to the last frame
 * (%) and the half-life of an exponential fit to the frame means, in one line; no movie is written or named. With
 * `objects` (the objects' brightness above background per frame, and its half-life), a channel whose frame mean does not show a decay
 * but whose objects fade (by at least OBJECT_FADE_PERCENT, with a fitted decay) is bleaching hidden by more or bigger
 * objects: found and said so, its half-life from the objects.
 */
export function bleachMeasured(means: number[][], intervalS: number | undefined, channelNames: string[] = [], halfLife: (m: number[]) => number | null, objects?: { signal: number[][]; halfLife: (m: number[]) => number | null }) {
  const objectSignal = objects?.signal;
  const lossPercent = means.map(lossPercentOf);
  const frameHalfLives = means.map((m) => halfLife(m));
  const objectLossPercent = objectSignal?.map((m) => (m[0] > 0 ? lossPercentOf(m) : null));
  const hidden = means.map((_, c) => {
    const objectLoss = objectLossPercent?.[c];
    const decaying = lossPercent[c] > 0 && frameHalfLives[c] !== null;
    return !decaying && objectLoss != null && objectLoss >= OBJECT_FADE_PERCENT && objects!.halfLife(objectSignal![c]) !== null;
  });
  const halfLives = means.map((_, c) => (hidden[c] ? objects!.halfLife(objectSignal![c]) : frameHalfLives[c]));
  const frames = means[0]?.length ?? 0;
  const perChannel = means.map((_, c) => {
    const name = means.length > 1 ? `channel ${c + 1}${channelNames[c] ? ` (${channelNames[c]})` : ''}: ` : '';
    const change = hidden[c]
      ? `whole-frame mean intensity ${describeIntensityChange(lossPercent[c])}, but the objects' own brightness (above background) fell by ${objectLossPercent![c]}%: more or bigger objects hide the bleaching in the frame mean`
      : `whole-frame mean intensity ${describeIntensityChange(lossPercent[c])}`;
    return `${name}${change}, ${halfLifeWords(halfLives[c], intervalS)}`;
  });
  // (bleaching found where a channel's mean fell and an exponential decay fits its frame means, or where its objects fade
  // so; a fall the fit does not hold is no clear decay)
  const found = lossPercent.some((p, c) => (p > 0 && frameHalfLives[c] !== null) || hidden[c]);
  const verdict = found ? 'Bleaching found' : lossPercent.every((p) => p <= 0) ? 'No bleaching found' : 'No clear bleaching';
  return {
    summary: `${verdict} over ${frames} frames (first to last frame; measured only, the movie is left as recorded): ${perChannel.join('; ')}.${intervalS ? '' : ' The movie records no frame interval, so the half-life is in frames only.'}`,
    artifacts: [],
    values: {
      bleaching: found,
      intensityLossPercent: lossPercent,
      halfLifeFrames: halfLives.map((h) => (h === null ? null : round(h, 2))),
      ...(intervalS ? { halfLifeS: halfLives.map((h) => (h === null ? null : round(h * intervalS, 1))) } : {}),
    },
  };
}

/** Per cent lost from the first to the last value (negative: a rise), to 0.1. */
function lossPercentOf(series: number[]): number {
  return round(100 * (1 - series[series.length - 1] / series[0]), 1);
}

/** The least fall (%) of the objects' brightness, first to last frame, read as bleaching that the frame mean hides. */
const OBJECT_FADE_PERCENT = 5;

/**
 * Objects dark on a bright field: "light background", "dark cells on a bright background", "brightfield", "darker than the background",
 * and the same said as a fact of the image ("the background is bright", "the background looks white", "background is brighter than the cells"; a background
 * "too bright" is too much background, not a light one).
 */
const LIGHT_BACKGROUND = /\b(?:light|bright|white|pale)[\s-]+background\b|\bbackground\s+(?:is|looks|appears|seems)\s+(?:(?:quite|rather|fairly|pretty|mostly|very)\s+)?(?:light|bright|white|pale|brighter\s+than)\b|\bdark(?:er)?\s+(?:\w+\s+)?(?:on|against)\s+(?:a|the)\s+(?:light|bright|white|pale)\b|\bdarker\s+than\s+(?:the\s+)?background\b|\bbright[\s-]?field\b|\btransmitted[\s-]light\b/i;
/** The background itself asked for, not the movie with it removed: Fiji's "create background". */
const BACKGROUND_ITSELF = /\bcreate\s+(?:the\s+)?background\b|\bbackground\s+(?:image|itself|only|alone|estimate)\b|\b(?:show|save|write|export|give|keep)\s+(?:me\s+)?(?:just\s+|only\s+)?the\s+(?:[\w-]+\s+)?background\b(?!\s+(?:subtract|remov|correct))|\bno\s+subtraction\b|\bwithout\s+subtracting\s+it\b/i;
/** A goal of seeing the objects better ("boost the contrast", "easier to see", "more visible"), said instead of the operation. */
const SEEING_BETTER = /\bcontrast\b|\b(?:easier|hard|harder|difficult)\s+to\s+(?:see|make\s+out)\b|\bbarely\s+see\b|\bmore\s+visible\b/i;
/** Words the ball's radius is said with: "rolling ball 30", "radius 25 px", "r=20", "a 12 px ball". */
const RADIUS_WORDS = /\bball\b|\bradius\b|\br\s*=?\s*$|\brolling\b|\bparaboloid\b|\btop[\s-]?hat\b/i;

/** The ball radius (in px; µm converted with the pixel size, or named as not applied), light background and create background. */
function readBackgroundRequest(c: RequestClause): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  // ("boost the contrast", "make the nuclei easier to see": a goal, not the operation; said which operation answers it)
  if (SEEING_BETTER.test(c.text) && !/\bbackground\b/i.test(c.text)) args.$note = `Read "${c.text.trim().replace(/^(?:and|then|,)\s+/i, '')}" as a background subtraction (rolling ball): it lifts the objects above the uneven background around them, which raises their contrast in the data; the display's brightness and contrast are set in the viewer, no step here. If the images are noisy rather than hazy, ask to denoise them instead.`;
  if (LIGHT_BACKGROUND.test(c.text) || LIGHT_BACKGROUND.test(c.request)) args.lightBackground = true;
  if (BACKGROUND_ITSELF.test(c.text)) args.createBackground = true;
  const radius = c.read.quantity(['length', 'count'], RADIUS_WORDS) ?? c.quantities.find((q) => (q.kind === 'length' || q.kind === 'count') && (RADIUS_WORDS.test(q.before) || /^\s*(?:-?\s*(?:px|pixels?)\s+)?(?:ball|radius)\b/i.test(q.after)));
  if (!radius) return args;
  const radiusUm = micrometres(radius);
  if (radiusUm === undefined) return { ...args, radiusPx: radius.value };
  const radiusPx = pixelsFromMicrometres(radiusUm, c.pixelSizeUm);
  if (radiusPx === undefined) return { ...args, $note: `The movie does not record its pixel size, so the ball radius of ${formatNumber(radiusUm)} µm was not applied (the radius was chosen from the objects' size instead); set the pixel size (e.g. "the pixel size is 0.65 µm") and run it again.` };
  return { ...args, radiusPx, $note: `The ball radius of ${formatNumber(radiusUm)} µm is ${formatNumber(radiusPx)} px at ${formatNumber(c.pixelSizeUm!)} µm/px.` };
}

const subtractBackground = defineTool({
  name: 'subtract_background',
  references: { cite: { '*': ['Sternberg SR (1983) Biomedical image processing. Computer 16:22-34'] } },
  summary: 'Removes the uneven background (glow, haze, illumination gradients) under the objects with a rolling ball, as Fiji\'s Process > Subtract Background; writes the movie with the background subtracted, or the background itself.',
  words: ['subtract background', 'background subtraction', 'remove background', 'remove the background', 'background removal', 'background correction', 'correct the background', 'background subtract', 'background-subtract', 'background-subtracted', 'rolling ball', 'rolling-ball', 'ball radius', 'uneven background', 'background is uneven', 'uneven illumination', 'illumination is uneven', 'flatten the background', 'background haze', 'haze', 'background fluorescence', 'autofluorescence background', 'background glow', 'top-hat', 'top hat', 'create background', 'bg subtraction', 'bkg', 'shading', 'shading correction', 'correct the shading', 'vignetting', 'patchy', 'patchy illumination', 'illumination is patchy', 'patchy background', 'non-uniform illumination', 'inhomogeneous illumination', 'uneven lighting', 'even out', 'even out the illumination', 'stand out', 'stand out from the background', 'even out the background', 'boost the contrast', 'improve the contrast', 'enhance the contrast', 'increase the contrast', 'enhance contrast', 'contrast enhancement', 'more contrast', 'better contrast', 'easier to see', 'hard to see', 'harder to see', 'barely see', 'more visible', 'hard to make out', 'glow', 'diffuse glow', 'diffuse background'],
  removes: ['background', 'uneven background', 'uneven illumination', 'illumination', 'shading', 'vignetting', 'haze', 'background haze'],
  examples: ['subtract the background', 'remove the background and then segment', 'rolling ball 30', 'background subtraction with a 25 pixel radius', 'subtract the background, the cells are dark on a light background', 'create the background with a 50 px ball'],
  consumes: ['movie'],
  framesOut: 'same',
  produces: ['movie'],
  // a correction of the recording, as bleach correction: segment and measure read the subtracted movie
  keepsRecording: true,
  results: {
    radiusPx: { about: 'rolling ball radius', unit: 'px', example: 25, words: ['ball radius', 'ball size'] },
    meanBackground: { about: 'mean background level removed, per channel', unit: 'grey levels', words: ['background level', 'how much background'] },
    meanBefore: { about: 'mean intensity before, per channel', unit: 'grey levels' },
    meanAfter: { about: 'mean intensity after, per channel', unit: 'grey levels' },
  },
  insteadOf: {
    paraboloid: { args: {}, say: 'The sliding paraboloid is not implemented here, so I rolled a ball of the same radius instead (Fiji\'s default; the two differ mainly on steep slopes and around thin bright structures).' },
    basic: { args: {}, say: 'BaSiC is not installed here, so I subtracted the uneven background (the shading) with a rolling ball instead; BaSiC divides by an estimated flat field, which this does not.' },
  },
  description:
    'Subtracts a smooth, uneven background from every plane with the rolling-ball algorithm (Sternberg 1983), as Fiji\'s Process > Subtract Background: a ball of the given radius (px) rolled under the intensity surface; what it cannot reach (objects smaller than the ball) is kept, the rest is background. Each channel, slice and frame on its own; the movie keeps its data type (uint16 stays uint16, clipped at 0, never wrapping). Balls over 10 px run on a shrunk plane as in Fiji. Light background: for dark objects on a bright field. Create background: writes the background instead. Not a flat-field correction (dividing by an image of the illumination) nor a constant offset.',
  schema: z.object({
    movie: movieArg,
    radiusPx: z.number().positive().max(500).optional().describe('Rolling ball radius in pixels, larger than the largest object that is not background (Fiji\'s default 50); default 3x the objects\' radius measured on the first frame, or 50 px when no objects are found'),
    lightBackground: z.boolean().default(false).describe('Objects dark on a light background (brightfield, Fiji\'s "light background"); default false'),
    createBackground: z.boolean().default(false).describe('Write the background itself instead of the subtracted movie (Fiji\'s "create background"); default false'),
    output: outputArg.describe('Where to write the result (.tif); default a new file in the session folder'),
  }),
  fromRequest: readBackgroundRequest,
  async run(args, ctx) {
    const { subtractBackground: subtract } = await import('../src/analysis/background.ts');
    const movie = await ctx.openMovie(args.movie);
    try {
      const what = args.createBackground ? 'background' : 'background-subtracted';
      const moviePath = ctx.outputPath(`${what}.tif`, args.output);
      const result = await subtract(movie, moviePath, {
        radiusPx: args.radiusPx,
        lightBackground: args.lightBackground,
        createBackground: args.createBackground,
        signal: ctx.signal,
        onProgress: (done, total, label) => ctx.progress(done, total, label),
      });
      const method = `rolling ball, radius ${result.radiusPx} px${args.lightBackground ? ', light background' : ''}`;
      const ref = ctx.addArtifact('movie', moviePath, args.createBackground ? `rolling-ball background (${method})` : `background-subtracted movie (${method})`);
      const levels = result.meanBackground.map((v) => round(v, 1)).join(', ');
      const change = result.meanBefore.map((b, c) => `${round(b, 1)} -> ${round(result.meanAfter[c], 1)}`).join(', ');
      const summary = args.createBackground
        ? `Wrote the rolling-ball background (${result.radiusPx} px) of ${result.planes} plane(s): mean background ${levels} grey levels per channel; nothing was subtracted. The ${result.radiusReason}.`
        : `Subtracted the background with a rolling ball (Sternberg 1983, as Fiji's Subtract Background) from ${result.planes} plane(s), each channel on its own${args.lightBackground ? ' (light background: objects dark on bright)' : ''}: mean background ${levels} grey levels; mean intensity ${change} per channel. The ${result.radiusReason}. Intensities measured on this movie are background-subtracted.`;
      return {
        summary,
        artifacts: [ref],
        values: { method: 'rolling_ball', radiusPx: result.radiusPx, radiusChosen: result.radiusReason, lightBackground: args.lightBackground, createBackground: args.createBackground, meanBackground: result.meanBackground.map((v) => round(v, 2)), meanBefore: result.meanBefore.map((v) => round(v, 2)), meanAfter: result.meanAfter.map((v) => round(v, 2)) },
      };
    } finally {
      await movie.close();
    }
  },
});

export const tools: ToolSpec[] = [correctDrift, alignChannels, correctBleach, subtractBackground] as unknown as ToolSpec[];
