// set_calibration: the physical calibration of the session's movies (pixel size, z step,
// frame interval, channel names and colours). Kept in the session (session.json) and in
// the provenance log; every movie the session opens carries it, so measurements, plots,
// answers and exports are in µm, µm², min and µm/min instead of px and frames.
import { z } from 'zod';
import { InputError } from '../src/errors.ts';
import { calibrationOf, COLOUR_NAMES, colourRgb, describeCalibration, displayUnits, hasCalibration, mergeCalibration, SECONDS_PER, type Calibration, type TimeUnit } from '../src/image/calibration.ts';
import { movieArg } from './common.ts';
import { BARE_PIXEL_SIZE_BEFORE } from './requestWords.ts';
import { defineTool, type RequestClause, type ToolSpec } from './types.ts';

const TIME_UNITS = ['ms', 's', 'min', 'h'] as const;

const schema = z.object({
  pixelSizeUm: z.number().positive().max(1000).optional().describe('Lateral pixel size, micrometres per pixel (e.g. 0.65)'),
  zStepUm: z.number().positive().max(1000).optional().describe('Distance between z planes, micrometres (e.g. 2)'),
  frameIntervalS: z.number().positive().optional().describe('Time between frames, seconds (e.g. 300 for frames 5 min apart)'),
  timeUnit: z.enum(TIME_UNITS).optional().describe('Unit times and speeds are shown in: "ms", "s", "min" or "h"; default: the one that reads best for the interval (min for 5-min frames)'),
  channelNames: z.array(z.string().min(1)).optional().describe('One name per channel, in order (e.g. ["H2B-GFP", "brightfield"])'),
  channelColors: z.array(z.string().min(1)).optional().describe('One display colour per channel, in order: a colour name or #rrggbb (e.g. ["green", "gray"])'),
  movie: movieArg.optional().describe('A movie whose file header calibration to report (and keep, for the values not given here): an artifact id or a path'),
  clear: z.boolean().default(false).describe('Forget the calibration set so far (movies then use their file headers, or px and frames)'),
  keepHeader: z
    .boolean()
    .optional()
    .describe("Keep the pixel size, z step, frame interval and channel names a movie's own file header carries, and use the values given here only for movies whose header has none (a saved pipeline applies the calibration told for one movie this way to others)"),
});

/** Numbers and words of a calibration sentence ("the pixel size is 0.65 µm and frames are 5 min apart"). */
function calibrationFromRequest(clause: RequestClause): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // a length per pixel ("px 0.65 um", "650 nm pixels") and a time per frame ("2 min/frame", "0.5 Hz") say what they are by their units
  const perPixel = clause.quantities.some((q) => q.per === 'px');
  const perFrame = clause.quantities.some((q) => q.per === 'frame');
  for (const q of clause.quantities) {
    const near = `${q.before} ${q.after}`.toLowerCase();
    if (q.kind === 'length' && (q.unit === 'um' || q.unit === 'nm')) {
      const um = q.unit === 'nm' ? q.value / 1000 : q.value;
      if (q.per === 'px') out.pixelSizeUm = um;
      else if (/\bz\b|z[- ]?step|slice|spacing|section|plane|depth/.test(near) && !/pixel|px/.test(q.after.toLowerCase())) out.zStepUm = um;
      else if (!perPixel) out.pixelSizeUm ??= um;
    } else if (q.unit === '' && BARE_PIXEL_SIZE_BEFORE.test(q.before)) {
      // "pixel size 0.33": µm, the unit of a pixel size said without one
      out.pixelSizeUm ??= q.value;
    } else if (q.kind === 'time' && q.unit in SECONDS_PER && (q.per === 'frame' || !perFrame)) {
      const unit = q.unit as TimeUnit;
      out.frameIntervalS = q.value * SECONDS_PER[unit];
      out.timeUnit = unit;
    }
  }
  // "keep each movie's own header", "unless the file header has one": values for movies without their own
  if (/\bkeep(?:ing)?\s+(?:the\s+|its\s+|their\s+|each\s+movie'?s\s+|a\s+movie'?s\s+)?(?:own\s+)?(?:file\s+)?headers?\b|\bunless\s+the\s+(?:file\s+)?header\b|\bheaders?\s+(?:wins?|first)\b/i.test(clause.text)) out.keepHeader = true;
  const channels = /channels?\s+(?:are|:|=)\s+(.+)$/i.exec(clause.text);
  if (channels) {
    const parts = channels[1].split(/\s*(?:,|\band\b|;)\s*/i).map((p) => p.trim()).filter(Boolean);
    const names: string[] = [];
    const colors: string[] = [];
    for (const part of parts) {
      const m = /^(\S+)(?:\s*(?:in|as|=|:)?\s*\(?\s*(red|green|blue|cyan|magenta|yellow|gr[ae]y|white|#[0-9a-f]{6})\)?)?$/i.exec(part);
      if (!m) continue;
      names.push(m[1]);
      if (m[2]) colors.push(m[2].toLowerCase());
    }
    if (names.length) out.channelNames = names;
    if (colors.length === names.length && colors.length) out.channelColors = colors;
  }
  return out;
}

const setCalibration = defineTool({
  name: 'set_calibration',
  // every later measurement, table and export is in the units it sets
  appliesToLaterSteps: true,
  description:
    'Sets the physical calibration of the session\'s movies: pixel size (µm), z step (µm), frame interval (any time unit) and channel names and colours. From then on every measurement, table, plot axis, answer and export (TrackMate XML, CSV, ImageJ TIFF) is in µm, µm², min and µm/min instead of px and frames. With no values it reports the calibration in effect and what the file header says.',
  summary: 'Sets the pixel size, z step, frame interval and channel names of the movies, so results carry physical units.',
  words: ['calibration', 'calibrate', 'pixel size', 'keep header', 'pixel width', 'microns per pixel', 'µm per pixel', 'um/px', 'frame interval', 'time interval', 'frames apart', 'apart', 'taken apart', 'time between frames', 'z step', 'z spacing', 'voxel size', 'physical units', 'channel names', 'channel colours', 'scale', 'fix the metadata', 'correct the metadata', 'metadata is wrong', 'wrong metadata', 'set the scale', 'set scale'],
  examples: [
    'the pixel size is 0.65 µm and frames are 5 min apart',
    'pixel size 0.325 um, z step 2 um, one frame every 30 s',
    'calibrate: 0.1 µm per pixel, 10 min between frames',
    'the frame interval is 15 minutes',
    'the interval is 2 min',
    'the channels are H2B-GFP in green and brightfield in gray',
    'what is the calibration?',
  ],
  consumes: [],
  produces: [],
  results: {
    pixelSizeUm: { about: 'lateral pixel size', unit: 'µm' },
    zStepUm: { about: 'distance between z planes', unit: 'µm' },
    frameIntervalS: { about: 'time between frames', unit: 's' },
    lengthUnit: { about: 'unit of lengths in results' },
    timeUnit: { about: 'unit of times in results' },
    speedUnit: { about: 'unit of speeds in results' },
    overridesHeader: { about: "whether the values told replace different ones the movie's file header carries" },
  },
  fromRequest: calibrationFromRequest,
  schema,
  async run(args, ctx) {
    if (!ctx.calibration || !ctx.setCalibration) throw new InputError('this context keeps no calibration: run set_calibration inside a session');
    if (args.channelColors && args.channelNames && args.channelColors.length !== args.channelNames.length) {
      throw new InputError(`channelColors has ${args.channelColors.length} colour(s) but channelNames ${args.channelNames.length} name(s): give one colour per channel`);
    }
    const unknown = args.channelColors?.find((c) => !colourRgb(c));
    if (unknown) throw new InputError(`channel colour "${unknown}" is not one I know: use ${COLOUR_NAMES.join(', ')} or #rrggbb`);
    let header: Calibration | undefined;
    // the file's own header, not the movie as the session's calibration shows it
    const headerOf = async (ref: string): Promise<Calibration> => {
      const { openMovie } = await import('../src/image/index.ts');
      const movie = await openMovie(ctx.resolve(ref, ['movie', 'labels']));
      try {
        return calibrationOf(movie.meta);
      } finally {
        await movie.close();
      }
    };
    if (args.movie) header = await headerOf(args.movie);
    // values told over a header that says otherwise: named in the answer, and a saved pipeline keeps them over headers too
    const opened = args.movie ? undefined : ctx.listArtifacts().find((a) => a.type === 'movie' && !a.producedBy);
    const ownHeader = header ?? (opened ? await headerOf(opened.id).catch(() => undefined) : undefined);
    const overridden = ownHeader && !args.keepHeader ? keptFromHeader(ownHeader, { pixelSizeUm: args.pixelSizeUm, zStepUm: args.zStepUm, frameIntervalS: args.frameIntervalS }) : [];
    const previous = args.clear ? {} : ctx.calibration();
    const given: Calibration = {
      pixelSizeUm: args.pixelSizeUm,
      zStepUm: args.zStepUm,
      frameIntervalS: args.frameIntervalS,
      timeUnit: args.timeUnit,
      channelNames: args.channelNames,
      channelColors: args.channelColors,
    };
    const next = mergeCalibration(previous, given, args.keepHeader === true);
    // a new interval without a unit reads in its own natural unit, not the old one's
    if (args.frameIntervalS !== undefined && args.timeUnit === undefined) delete next.timeUnit;
    const changed = args.clear || hasCalibration(given) || given.timeUnit !== undefined;
    if (changed) ctx.setCalibration(next);
    // what the movie's own header carries, where the values given yield to it
    const fallback = next.unlessHeader ?? {};
    // the session's movie's own header fills what was not told (its 3 min per frame are not 'frames')
    const fromHeader = ownHeader ? { pixelSizeUm: ownHeader.pixelSizeUm, zStepUm: ownHeader.zStepUm, frameIntervalS: ownHeader.frameIntervalS } : {};
    const effective: Calibration = { ...fallback, ...definedOnly(fromHeader), ...withoutFallback(next) };
    const units = displayUnits(effective);
    const speedUnit = `${units.length}/${units.time}`;
    const headerText = header ? ` The file header says: ${describeCalibration({ ...header, channelNames: undefined })}.` : '';
    const kept = header ? keptFromHeader(header, fallback) : [];
    const keptText = kept.length ? ` This movie keeps its file header's ${kept.join(' and ')} (the values given are for movies whose header has none).` : '';
    const overText = overridden.length && changed ? ` Used instead of the file header's ${overridden.join(' and ')}${opened ? ` (${opened.id})` : ''}.` : '';
    const missing = [!effective.pixelSizeUm && 'pixel size (lengths stay in px)', !effective.frameIntervalS && 'frame interval (times stay in frames)'].filter(Boolean);
    const summary = changed
      ? `Calibration set: ${describeCalibration(next)}; results are now in ${units.length}, ${units.time} and ${speedUnit}.${missing.length ? ` Not set: ${missing.join(', ')}.` : ''}${keptText}${overText}`
      : `Calibration in effect: ${describeCalibration(effective)}.${headerText}`;
    return {
      summary: changed ? summary + headerText : summary,
      artifacts: [],
      values: {
        pixelSizeUm: effective.pixelSizeUm ?? null,
        zStepUm: effective.zStepUm ?? null,
        frameIntervalS: effective.frameIntervalS ?? null,
        timeUnit: units.time,
        lengthUnit: units.length,
        speedUnit,
        channelNames: effective.channelNames ?? null,
        channelColors: effective.channelColors ?? null,
        ...(header ? { header } : {}),
        ...(overridden.length && changed ? { overridesHeader: true } : {}),
        // (the step named by what it set: "set the frame interval", not the pixel size it did not touch)
        ...(changed && !args.clear ? { did: `set the ${[given.pixelSizeUm !== undefined && 'pixel size', given.zStepUm !== undefined && 'z step', given.frameIntervalS !== undefined && 'frame interval', (given.channelNames ?? given.channelColors) && 'channel names'].filter(Boolean).join(', ').replace(/, ([^,]+)$/, ' and $1') || 'calibration'}` } : {}),
      },
    };
  },
});

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

function withoutFallback(c: Calibration): Calibration {
  const { unlessHeader: _, ...outright } = c;
  return definedOnly(outright);
}

/** "pixel size 0.415 µm" for each value the header carries that differs from one given for header-less movies. */
function keptFromHeader(header: Calibration, fallback: NonNullable<Calibration['unlessHeader']>): string[] {
  const out: string[] = [];
  const differs = (a: number | undefined, b: number | undefined) => a !== undefined && b !== undefined && Math.abs(a - b) > 1e-9 * Math.max(a, b);
  if (differs(header.pixelSizeUm, fallback.pixelSizeUm)) out.push(`pixel size ${+header.pixelSizeUm!.toPrecision(6)} µm`);
  if (differs(header.zStepUm, fallback.zStepUm)) out.push(`z step ${+header.zStepUm!.toPrecision(6)} µm`);
  if (differs(header.frameIntervalS, fallback.frameIntervalS)) out.push(`frame interval ${+header.frameIntervalS!.toPrecision(6)} s`);
  return out;
}

export const tools: ToolSpec[] = [setCalibration] as unknown as ToolSpec[];
