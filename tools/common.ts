// Argument fragments shared by every tool, so the same thing is named, described and
// validated the same way everywhere. Channels and frames are 1-based as in Fiji's
// dialogs (C=1, frame 1 is the first); src/ functions take 0-based indices.
import { z } from 'zod';
import type { Movie } from '../src/image/movie.ts';
import { InputError } from '../src/errors.ts';
import { sourceFirstFrame } from '../src/image/frameOrigin.ts';
import { isGenericChannelName } from '../src/image/calibration.ts';
import type { ArtifactChannel, ArtifactRecord, ToolSelfDescription } from './types.ts';

export const movieArg = z
  .string()
  .min(1)
  .describe('The movie: an artifact id from this session (e.g. "movie-2") or a file path (TIFF, OME-TIFF, or a frame pattern like "t{t:3}.tif")');

export const labelsArg = z.string().min(1).describe('A label movie: an artifact id (e.g. "labels-1") or the path of a label TIFF');
export const tracksArg = z.string().min(1).describe('Tracks: an artifact id (e.g. "tracks-1") or a tracks file (.tracks.json, CTC folder or TrackMate XML)');
export const tableArg = z.string().min(1).describe('A table: an artifact id (e.g. "table-2") or a CSV path');

export const outputArg = z
  .string()
  .min(1)
  .optional()
  .describe('Where to write the result (file or folder). Default: a new file in the session folder. Never an input file.');

export const channelArg = z
  .union([z.number().int().min(1), z.string().min(1)])
  .describe('Channel, by 1-based number as in Fiji (1 = first) or by name (e.g. "DAPI", "GFP")');

export const frameRangeArg = z
  .object({
    first: z.number().int().min(1).describe('First frame, 1-based, inclusive'),
    last: z.number().int().min(1).describe('Last frame, 1-based, inclusive'),
  })
  .describe('A range of frames, 1-based and inclusive as in Fiji');

/** The name of a 0-based channel as the movie's header gives it, else "C1", "C2", ... as Fiji shows them. */
export function channelName(movie: Movie, channel: number): string {
  return movie.meta.channelNames[channel] ?? `C${channel + 1}`;
}

/** Turns a channel argument (1-based number or name) into a 0-based index, or a one-line InputError. */
/** The dyes and fluorescent proteins people call by their colour ("the red channel"), as channel names hold them. */
const COLOUR_DYES: Record<string, RegExp> = {
  red: /mcherry|\brfp|tdtomato|rhodamine|tritc|\bcy3|mscarlet|mkate|texas|alexa\s*(?:568|594)|\b(?:561|555|594)\b|\bred\b/i,
  green: /gfp|fitc|mneongreen|venus|alexa\s*488|\b488\b|\bgreen\b/i,
  blue: /dapi|hoechst|\bbfp|\b405\b|\bblue\b/i,
  'far-red': /\bcy5|\bsir|alexa\s*647|\b(?:633|640|647)\b|far[\s-]?red|irfp/i,
  cyan: /\bcfp|cerulean|turquoise|\bcyan\b/i,
  yellow: /\byfp|citrine|venus|\byellow\b/i,
  magenta: /\bmagenta\b/i,
};

/** A channel name that says only its place ("C1", "Channel 1", "ch0", none): the file does not say what it shows. */
const GENERIC_CHANNEL_NAME = /^\s*(?:(?:c|ch|chan|channel)\s*[-_ ]?\s*)?\d*\s*$/i;

/** Whether a channel asked for is a dye, a fluorescent protein or a colour (a name COLOUR_DYES knows). */
function isADyeOrColour(name: string): boolean {
  return Object.values(COLOUR_DYES).some((dyes) => dyes.test(name));
}

export function channelIndex(movie: Movie, channel: number | string | undefined): number {
  if (channel === undefined) return 0;
  if (typeof channel === 'number') {
    if (channel < 1 || channel > movie.shape.c) {
      throw new InputError(`channel ${channel} does not exist: the movie has ${movie.shape.c} channel(s) (${movie.meta.channelNames.join(', ')})`);
    }
    return channel - 1;
  }
  const want = channel.trim().toLowerCase();
  const names = movie.meta.channelNames.map((n) => n.toLowerCase());
  let i = names.indexOf(want);
  if (i < 0 && /^(c|ch|channel)\s*\d+$/.test(want)) i = Number(want.replace(/\D/g, '')) - 1;
  // ("the red channel": the one channel whose name is a dye or protein of that colour)
  const dyes = COLOUR_DYES[want.replace(/\s+/, '-')];
  if (i < 0 && dyes) {
    const matching = names.flatMap((n, k) => (dyes.test(n) ? [k] : []));
    if (matching.length === 1) i = matching[0];
  }
  // ("whole-cell GFP, segment the cells" on a movie of one channel named only by its number, "C1": the stain said is that
  // channel, as the result's "channel C1" then says; a single channel named after another dye is still no match)
  // (nor does a name that says what the channel shows, "nuclei", "membrane", with no dye: "nuclei (H2B-GFP)" is that channel)
  const only = movie.meta.channelNames[0] ?? '';
  if (i < 0 && movie.shape.c === 1 && (GENERIC_CHANNEL_NAME.test(only) || !isADyeOrColour(only)) && isADyeOrColour(want)) i = 0;
  if (i < 0 || i >= movie.shape.c) {
    throw new InputError(`no channel called "${channel}": the movie's channels are ${movie.meta.channelNames.join(', ')}`);
  }
  return i;
}

/** Turns a 1-based inclusive frame range into 0-based [first, last], checked against the movie. */
export function frameRange(movie: Movie, range: { first: number; last: number } | undefined): [number, number] {
  if (!range) return [0, movie.shape.t - 1];
  if (range.first > range.last) {
    throw new InputError(`frames ${range.first} to ${range.last}: the first comes after the last; give frames ${range.last} to ${range.first}`);
  }
  if (range.last > movie.shape.t) {
    const fits = range.first <= movie.shape.t ? ` (e.g. ${range.first} to ${movie.shape.t})` : '';
    throw new InputError(`frames ${range.first} to ${range.last} are outside the movie's 1 to ${movie.shape.t}: give frames within 1 to ${movie.shape.t}${fits}`);
  }
  return [range.first - 1, range.last - 1];
}

/**
 * frameRange of a movie made from part of a longer one (a label movie segmented from frames 7-9; see
 * image/frameOrigin.ts), the range given in the longer movie's frame numbers, as the user said them.
 */
export function frameRangeInSource(movie: Movie, range: { first: number; last: number } | undefined): [number, number] {
  const offset = sourceFirstFrame(movie.meta);
  if (!range || offset === 0) return frameRange(movie, range);
  const [from, to] = [offset + 1, offset + movie.shape.t];
  if (range.first > range.last) return frameRange(movie, range);
  if (range.first < from || range.last > to) {
    throw new InputError(`frames ${range.first} to ${range.last} are outside frames ${from} to ${to}, the frames this movie was made from: give frames within ${from} to ${to}, or make it from the frames wanted`);
  }
  return [range.first - from, range.last - from];
}

/** The channel a tool read, as its artifact records it (ArtifactRecord.channel): the index, and the name where the movie names it. */
export function channelFact(movie: Movie, channel: number): ArtifactChannel {
  const name = movie.meta.channelNames[channel];
  return isGenericChannelName(name) ? { index: channel } : { index: channel, name };
}

/** The 0-based channel of `movie` a step recorded it read: by its name where one was recorded and the movie has it, else by index; undefined when the movie has no such channel. */
export function recordedChannel(movie: Movie, recorded: ArtifactChannel): number | undefined {
  const byName = recorded.name === undefined ? -1 : movie.meta.channelNames.findIndex((n) => n.toLowerCase() === recorded.name!.toLowerCase());
  if (byName >= 0) return byName;
  return recorded.index >= 0 && recorded.index < movie.shape.c ? recorded.index : undefined;
}

/**
 * The intensity movie a label movie was made from, as the session recorded it: the movie the
 * segment step read (through a repair over time, which reads labels and makes labels), else the
 * raw movie at the root of its chain; with the channel the segment step recorded it segmented
 * (undefined for labels made before steps recorded it). Undefined for labels the session did not make.
 */
export function segmentationOfLabels(artifacts: ArtifactRecord[], labelsPath: string): { moviePath: string; channel?: ArtifactChannel } | undefined {
  const byId = new Map(artifacts.map((r) => [r.id, r]));
  const seen = new Set<string>();
  let record = artifacts.find((r) => r.path === labelsPath);
  let channel: ArtifactChannel | undefined;
  const found = (moviePath: string | undefined) => (moviePath === undefined ? undefined : { moviePath, ...(channel ? { channel } : {}) });
  while (record && !seen.has(record.id)) {
    seen.add(record.id);
    channel ??= record.channel;
    const inputs = (record.madeFrom ?? []).map((ref) => byId.get(ref) ?? ref);
    const movie = inputs.find((i) => typeof i !== 'string' && i.type === 'movie') as ArtifactRecord | undefined;
    if (movie) return found(movie.path);
    const labels = inputs.find((i) => typeof i !== 'string' && i.type === 'labels') as ArtifactRecord | undefined;
    const rawPath = inputs.find((i): i is string => typeof i === 'string' && i !== labelsPath);
    if (!labels) return found(rawPath ?? (record.source && record.source.path !== labelsPath && !record.madeFrom ? record.source.path : undefined));
    record = labels;
  }
  return undefined;
}

/** The intensity movie a label movie was made from (segmentationOfLabels), its path alone. */
export function movieOfLabels(artifacts: ArtifactRecord[], labelsPath: string): string | undefined {
  return segmentationOfLabels(artifacts, labelsPath)?.moviePath;
}

/**
 * The program of a tool's `opensIn` that the words name as where the files go ("into QuPath", "for Prism", "in R"), and
 * where its word starts: each program's words, in any case, or as written for a word in capitals; a word of one letter
 * ("R") only after "in", "into", "for", "with", "using" or "to". Undefined when none is named.
 */
export function programNamedIn(text: string, opensIn: ToolSelfDescription['opensIn']): { program: string; at: number } | undefined {
  for (const [name, program] of Object.entries(opensIn ?? {})) {
    for (const word of program.words ?? [name]) {
      const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
      const pattern = word.length === 1
        ? new RegExp(`(?<=\\b(?:in|into|for|with|using|to)\\s+)${escaped}(?![\\p{L}\\d])`, 'u')
        : new RegExp(`(?<![\\p{L}\\d])${escaped}(?![\\p{L}\\d])`, /[A-Z]/.test(word) ? 'u' : 'iu');
      const found = pattern.exec(text);
      if (found) return { program: name, at: found.index };
    }
  }
  return undefined;
}
