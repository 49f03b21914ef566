// Argument extraction from one clause of a request: channels, frames, methods, sizes,
// distances, intervals, names, paths and artifact references.
import { withoutEventMoments } from './eventMoment.ts';
import { CHANNEL_NAMES, LASER_CHANNELS } from './lexicon.ts';
import { findFrameRange, findQuantities, framesTakenWithin, LAST_ADJECTIVE, micrometres, parseNumber, type Quantity, seconds, TIME_SPAN_SCOPE } from './quantities.ts';

/** The words before a number of frames that say which frames by their place ("the first", "the last"; "tracks that last" is no place). */
export const FRAMES_BY_PLACE_BEFORE = new RegExp(String.raw`\b(?:first|initial|${LAST_ADJECTIVE})\s*$`, 'i');

const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, last: -1 };
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };

/**
 * Channel names that are also everyday or method words ("using phase correlation", "sir",
 * "the DIC of the fit"): they name a channel only when said as one ("the phase channel",
 * "channel Phase", "phase contrast", "predict from the brightfield").
 */
const WORD_LIKE = new Set(['phase', 'brightfield', 'dic', 'sir']);

/** Where the channel name is said as a channel in the text, or -1. */
function channelNameAt(name: string, text: string): number {
  for (const m of text.matchAll(new RegExp(`\\b${name}\\b`, 'gi'))) {
    const at = m.index ?? 0;
    if (!WORD_LIKE.has(name.toLowerCase())) return at;
    const before = text.slice(Math.max(0, at - 24), at);
    // ("phase contrast" is the name with its kind of imaging: "this phase contrast movie" is how the movie was taken, no channel)
    const after = text.slice(at + m[0].length).replace(/^[\s-]*contrast\b/i, '');
    if (/^[\s-]*(?:channels?|images?|signal)\b/i.test(after) || /\bchannels?\s*$/i.test(before)) return at;
    // "from the brightfield", "on the phase": the name ends the phrase
    if (/\b(?:from|on|in|of)\s+(?:the\s+)?$/i.test(before) && /^\s*(?:$|[.,;:!?)]|and\b|then\b)/i.test(after)) return at;
  }
  return -1;
}

/**
 * The text with the channels and frames it rules out blanked (same length): "denoise, but
 * not the first channel", "everything except channel 2", "skip frames 1-5" name what not
 * to use, never the channel or frames to use.
 */
export function withoutExcludedScope(text: string): string {
  return text.replace(EXCLUDED_SCOPE, (m) => m.replace(/[^\s]/g, '_'));
}

/** The channels and frames the text rules out, as written ("not the first channel", "skip frames 1-5"). */
export function excludedScopes(text: string): string[] {
  return [...text.matchAll(EXCLUDED_SCOPE)].map((m) => m[0]);
}

/** A channel by its name (not the names that are everyday words too: "phase", "SiR"), with "bright field" written apart. */
const CHANNEL_BY_NAME = String.raw`(?:${CHANNEL_NAMES.filter((n) => !/^(?:phase|sir)$/i.test(n)).join('|')}|bright[\s-]field)(?![\w-])`;

/** The words that leave a channel or frames out ("except", "skip", "don't touch"). */
const LEAVING_OUT = String.raw`(?:(?:don'?t|do\s+not|never)\s+(?:touch|change|modify|alter|process|correct|analy[sz]e)|not|except(?:\s+for)?|excluding|without|other\s+than|apart\s+from|skip(?:ping)?|leave\s+out|leaving\s+out|ignor(?:e|ing)|exclud(?:e|ing)|disregard(?:ing)?|omit(?:ting)?|discard(?:ing)?|throw(?:ing)?\s+(?:away|out))`;
const LEADING_LEAVING_OUT = new RegExp(String.raw`^${LEAVING_OUT}\s+`, 'i');

const EXCLUDED_SCOPE = (() => {
  const scope = String.raw`(?:(?:the\s+)?(?:first|second|third|fourth|fifth|last|[1-9](?:st|nd|rd|th))\s+(?:channel|frame)s?|(?:channel|chan|ch|c)\s*#?\s*\d+|(?:frames?|time ?points?)\s*\d+(?:\s*(?:to|-|–|through|until|and)\s*\d+)?|(?:the\s+)?(?:very\s+)?(?:first|last|final|initial)\s+\d+\s+(?:frames?|time ?points?|timepoints?)|(?:the\s+)?(?:very\s+)?(?:final|initial)\s+(?:frame|time ?point|timepoint)s?|(?:the\s+)?[\w-]+\s+channel|(?:the\s+)?${CHANNEL_BY_NAME}(?:\s+channel)?)`;
  // ("don't touch the first channel": a channel or frames not to work on)
  // ("every channel except DAPI", "all but the brightfield": a channel left out by its name)
  // (and the verbs of leaving out: "exclude the first 5 frames", "throw away the last frame"; "drop channel 2" is the microscope's)
  // ("all frames except 1-5": the numbers left out after "all frames" are frames, the frame word said once before them)
  const bareAfterAll = String.raw`(?<=\b(?:all|every)\s+(?:the\s+)?(?:frames?|time ?points?|timepoints?)\s+)(?:except(?:\s+for)?|but|apart\s+from|other\s+than|excluding)\s+(?:(?:the\s+)?(?:first|last)\s+)?\d+(?:\s*(?:to|-|–|through|until|and)\s*\d+)?\b`;
  return new RegExp(String.raw`\b${LEAVING_OUT}\s+(?:the\s+)?${scope}|${bareAfterAll}`, 'gi');
})();

/** The text with the channels and frames it rules out blanked, the words that leave them out kept ("Exclude ____ and anything below 25 px"). */
export function withoutExcludedScopeOnly(text: string): string {
  return text.replace(EXCLUDED_SCOPE, (m) => {
    const verb = LEADING_LEAVING_OUT.exec(m)?.[0] ?? '';
    return verb + m.slice(verb.length).replace(/[^\s]/g, '_');
  });
}

/** A 1-based channel number or a channel name, as written (not one ruled out: "except channel 2"). */
export function findChannel(written: string): number | string | undefined {
  const text = withoutExcludedScope(written);
  // ("channel no. 2", "channel number two", "ch n° 3": the number said with its abbreviation or in words)
  let m = /\b(?:channel|chan|ch|c)\s*(?:#|(?:no|nr|num|number|n°)\.?)?\s*(\d+|one|two|three|four|five|six)\b/i.exec(text);
  if (m) return NUMBER_WORDS[m[1].toLowerCase()] ?? Number(m[1]);
  // ("the 2nd channel": an ordinal in digits too)
  m = /\b(first|second|third|fourth|fifth|[1-9](?=st|nd|rd|th))(?:st|nd|rd|th)?\s+channel\b/i.exec(text);
  if (m) return ORDINALS[m[1].toLowerCase()] ?? Number(m[1]);
  for (const name of CHANNEL_NAMES) {
    if (channelNameAt(name, text) >= 0) return name;
  }
  m = /\b(405|488|561|555|633|640|647)\s*(?:nm)?(?:\s*(?:laser|line|channel|excitation))?\b/i.exec(text);
  if (m && /laser|line|channel|nm|excitation/i.test(text.slice(m.index, m.index + m[0].length + 12))) return LASER_CHANNELS[m[1]];
  m = /\b(nuclear|nuclei|membrane|actin|tubulin|mito\w*)\s+channel\b/i.exec(text);
  if (m) return m[1].toLowerCase();
  // ("the red channel", "in green": a channel by the colour it is shown or emits in, which the tool matches to its names)
  m = /\b(far[\s-]?red|red|green|blue|cyan|magenta|yellow)\s+channel\b/i.exec(text);
  if (m) return m[1].toLowerCase().replace(/\s+/, '-');
  return undefined;
}

/** Every channel name mentioned (for acquisitions: "image GFP and DAPI"), none ruled out. */
export function findChannels(written: string): string[] {
  const text = withoutExcludedScope(written);
  const found: { name: string; at: number }[] = [];
  for (const name of CHANNEL_NAMES) {
    const at = channelNameAt(name, text);
    if (at >= 0) found.push({ name, at });
  }
  for (const m of text.matchAll(/\b(405|488|561|555|633|640|647)\s*(?:nm)?\b/gi)) found.push({ name: LASER_CHANNELS[m[1]], at: m.index ?? 0 });
  const names = found.sort((a, b) => a.at - b.at).map((f) => f.name);
  return [...new Set(names)];
}

/** The frame range to use (not one ruled out: "skip frames 1-5"); open ranges ("from frame 10 on", "the last 5 frames") need the movie's length. */
export function findFrames(text: string, frameCount?: number): { first: number; last: number } | undefined {
  // ("the drug went in at frame 4": a frame that dates an event is no range, eventMoment.ts)
  const kept = withoutEventMoments(withoutExcludedScope(text));
  return fractionOfFrames(kept, frameCount) ?? findFrameRange(rangeAsDigits(kept), frameCount);
}

const PART_OF = { half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4 } as const;
const PART_INDEX: Record<string, number> = { first: 1, second: 2, third: 3, middle: 0, last: -1, final: -1 };

/**
 * A part of the movie said as a fraction: "the first half of the movie", "the second half",
 * "the last third of the time-lapse", "the first quarter". Written so that other readers can
 * blank it (FRACTION_SCOPE); its frames need the movie's length.
 */
export const FRACTION_SCOPE = /\b(?:the\s+)?(first|second|third|middle|last|final)\s+(half|third|quarter)\b(?!\s+(?:a\s+)?dozen)(?:\s+of\s+(?:the\s+|my\s+|this\s+)?(?:movie|recording|time-?lapse|video|stack|frames|experiment|acquisition|data(?:set)?|sequence|series))?/i;

export function fractionOfFrames(text: string, frameCount?: number): { first: number; last: number } | undefined {
  const m = FRACTION_SCOPE.exec(text);
  if (!m || frameCount === undefined || frameCount < 1) return undefined;
  const parts = PART_OF[m[2].toLowerCase() as keyof typeof PART_OF];
  let i = PART_INDEX[m[1].toLowerCase()];
  if (i === -1) i = parts;
  // "the middle third": the middle one of an odd number of parts
  if (i === 0) i = parts % 2 === 1 ? (parts + 1) / 2 : NaN;
  if (!(i >= 1 && i <= parts)) return undefined;
  const first = Math.floor(((i - 1) * frameCount) / parts) + 1;
  const last = Math.floor((i * frameCount) / parts);
  return last >= first ? { first, last } : undefined;
}

/**
 * A span of the movie said in time from one end: "the first hour", "the last 2 h", "the first 30 min of the movie".
 * Its frames need the frame interval (and, from the end, the movie's length): `timeSpanFrames`.
 */
export { TIME_SPAN_SCOPE };

/**
 * The frames of a span said in time ("the first hour": the frames taken in its first 3600 s), given the frame interval
 * in seconds and, for a span from the end, the frame count; undefined when they cannot be worked out.
 */
export function timeSpanFrames(match: RegExpExecArray, intervalS: number | undefined, frameCount?: number): { first: number; last: number } | undefined {
  const span = findQuantities(`${match[2] ?? 1} ${match[3] ?? match[4]}`)[0];
  if (!intervalS || !(intervalS > 0) || span?.kind !== 'time') return undefined;
  // (the frames taken before the span ends: at 3 min a frame, the first hour is frames 1-20, t = 0 to 57 min)
  const n = framesTakenWithin(seconds(span), intervalS);
  if (/first|initial/i.test(match[1])) return { first: 1, last: frameCount !== undefined ? Math.min(n, frameCount) : n };
  return frameCount !== undefined ? { first: Math.max(1, frameCount - n + 1), last: frameCount } : undefined;
}

/**
 * A frame range in the forms people write besides "frames 5-15": "t=5..15", "t = 5…15",
 * "frames ten to twenty" (number words), read as digits; the text keeps its length.
 */
export function rangeAsDigits(text: string): string {
  const word = (w: string) => {
    const n = parseNumber(w);
    return n === undefined || !Number.isInteger(n) ? w : String(n);
  };
  return text
    .replace(/\b(t|frames?|time ?points?|timepoints?)\s*=\s*(\d+)\s*(?:\.{2,3}|…)\s*(\d+)/gi, (_m, t: string, a: string, b: string) => `${t} ${a} to ${b}`)
    // ("between t=5 and t=30", "t5-t30", "from t = 5 to t = 30": each end said with its time index)
    .replace(/\bt\s*=?\s*(\d+)\s*(?:-|–|to|through|until|till|and)\s*t\s*=?\s*(\d+)\b/gi, (_m, a: string, b: string) => `frames ${a} to ${b}`)
    .replace(/\b(frames?|time ?points?|timepoints?)\s+([a-z]+)\s+(to|through|until|till)\s+([a-z]+)\b/gi, (m, f: string, a: string, to: string, b: string) => {
      const [x, y] = [word(a), word(b)];
      return /^\d+$/.test(x) && /^\d+$/.test(y) ? `${f} ${x} ${to} ${y}` : m;
    })
    // "frame seven", "from frame three through frame nine", "the first twenty frames", "frames 5 to twelve": a number word
    // beside a frame word (or after a range's first number) is that number ("a"/"an" stay words)
    .replace(/\b(frames?|time ?points?|timepoints?)\s+([a-z]+(?:-[a-z]+)?)\b/gi, (m, f: string, w: string) => (isWordNumber(w) ? `${f} ${word(w)}` : m))
    .replace(/\b(first|last|initial|final)\s+([a-z]+(?:-[a-z]+)?)\s+(frames?|time ?points?|timepoints?)\b/gi, (m, p: string, w: string, f: string) => (isWordNumber(w) ? `${p} ${word(w)} ${f}` : m))
    .replace(/(\d)\s+(to|through|thru|until|till|and)\s+([a-z]+(?:-[a-z]+)?)\b/gi, (m, d: string, to: string, w: string) => (isWordNumber(w) ? `${d} ${to} ${word(w)}` : m));
}

/** A whole number written as a word ("seven", "twenty"), not "a"/"an". */
function isWordNumber(w: string): boolean {
  if (/^(?:an?|half)$/i.test(w) || /\d/.test(w)) return false;
  const n = parseNumber(w.replace(/-/g, ' '));
  return n !== undefined && Number.isInteger(n) && n >= 0;
}

/** An artifact id written in the text ("movie-2", "tracks-1"). */
export function findArtifactIds(text: string): string[] {
  return [...text.matchAll(/\b(movie|labels|tracks|table|plot|pipeline|model|rule)-(\d+)\b/gi)].map((m) => `${m[1].toLowerCase()}-${m[2]}`);
}

const PATH = /(?:^|[\s"'`(=:])((?:~|\.{1,2})?\/?(?:[\w.@+-]+\/)*[\w.@+{}:-]+\.(?:ome\.tiff?|tiff?|czi|nd2|lif|png|csv|json|xml|ya?ml))(?=$|[\s"'`),;!?]|\.(?:\s|$))/gi;
const FOLDER = /\b(?:to|into|in|under)\s+(?:the\s+|a\s+(?:new\s+)?)?(?:sub-?)?(?:folder|directory|dir)\s+(?:called\s+|named\s+)?["'`]?([\w./~-]+)["'`]?/i;

/**
 * A folder written as a path from the root, the home or the working folder ("/data/exp3/01/", "~/movies/run2",
 * "./frames"): a series of frame files, as the Cell Tracking Challenge stores a movie. Only a path that starts so counts:
 * "dF/F0" and "µm/min" are no folders.
 */
const FOLDER_PATH = /(?:^|[\s"'`(=:])((?:~|\.{1,2})?\/(?:[\w.@+-]+\/)*[\w.@+-]+\/?)(?=$|[\s"'`),;!?]|\.(?:\s|$))/g;

/** File paths named in the text (movies, tables, pipelines), then folders named by a path that are not where a result goes. */
export function findPaths(text: string): string[] {
  const files = [...text.matchAll(PATH)].map((m) => m[1]).filter((p) => !/^(e\.g|i\.e)\./i.test(p));
  const output = findOutput(text);
  const folders = [...text.matchAll(FOLDER_PATH)].map((m) => m[1]).filter((p) => !files.some((f) => f.startsWith(p) || p.startsWith(f)) && p !== output && !PATH_WITH_EXTENSION.test(p) && !UNIT_RATIO.test(p));
  return [...files, ...folders];
}

/** A path ending in a file's extension (a file, read by PATH, or one of a kind no reader takes). */
const PATH_WITH_EXTENSION = /\.[a-z][\w]{0,4}$/i;

/** A path a movie can be read from: a TIFF file, or a folder (a series of frame files). */
export function isMoviePath(path: string): boolean {
  return /\.(?:ome\.)?tiff?$/i.test(path) || (/\//.test(path) && !PATH_WITH_EXTENSION.test(path));
}

/**
 * A unit written with a slash ("nm/s", "µm/min", "px/frame", "um^2/s"): a rate, never a file or folder,
 * even though it has the shape of a relative path.
 */
const UNIT_RATIO = /^(?:[nµμu]m|mm|m|px|pixels?|microns?)(?:\^?[23]|²|³)?\/(?:ms|s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?|days?|frames?)$/i;

/** An output file or folder: "to results/tracks.csv", "into the folder out/". */
export function findOutput(text: string): string | undefined {
  const folder = FOLDER.exec(text);
  if (folder) return folder[1];
  const output = outputNamed(text);
  return output !== undefined && UNIT_RATIO.test(output) ? undefined : output;
}

function outputNamed(text: string): string | undefined {
  const target = String.raw`["'\`]?((?:~|\.{1,2})?\/?(?:[\w.@+-]+\/)+[\w.@+-]*|[\w.@+-]+\.(?:ome\.tiff?|tiff?|csv|json|xml|png|svg|ya?ml))["'\`]?`;
  const m = new RegExp(String.raw`\b(?:to|into|as|under)\s+` + target, 'i').exec(text)
    ?? new RegExp(String.raw`\b(?:save|write|put|store|keep)\b[^.;]{0,40}?\b(?:in|at|over|onto|on top of)\s+` + target, 'i').exec(text)
    // "write tracks.csv", "save results.csv": the file right after the verb
    ?? new RegExp(String.raw`\b(?:save|write|export|store)\s+(?:out\s+)?` + target, 'i').exec(text)
    // ("as a tiff called clean.tif", "a CSV file named speeds.csv": the file named by its kind)
    ?? new RegExp(String.raw`\b(?:file|tiff?|csv|png|xml|table|spreadsheet|stack|movie)\s+(?:called|named)\s+` + target, 'i').exec(text)
    // ("... and masks.tif": a second file named alone, the verb said with the first)
    ?? new RegExp(String.raw`^\s*(?:and|,)\s*(?:also\s+)?` + target + String.raw`\s*$`, 'i').exec(text);
  return m ? m[1] : undefined;
}

/** A name after "called", "named" or "as": for pipelines. */
export function findName(text: string): string | undefined {
  // ("save everything as pipeline 'hela_v3'": the noun of what is named may stand between "as" and the name)
  // ("save it under the name plate-screen", "with the name qc_v2": the name after the noun "name")
  // ("save as pipeline Lineage2", "save as a pipeline: DriftTrack": the noun, then the name closing the words, lower-cased)
  for (const m of text.matchAll(/\b(?:called|named|(?:name|call) (?:it|this|that)|(?:under|with|by|using)\s+(?:the\s+)?name|as)\s+(?:(?:a\s+|the\s+)?(?:pipeline|workflow|recipe|protocol)\s*[:=]?\s+(?=["'`]|[A-Za-z0-9][\w-]*["'`]?\s*(?:[.!;,]|please\b|pls\b|$)))?["'`]?([A-Za-z0-9][\w-]*)["'`]?/gi)) {
    // (as said: "h2b_basic" stays h2b_basic, which a pipeline name may be)
    const name = m[1].toLowerCase();
    if (!['a', 'an', 'the', 'pipeline', 'workflow', 'recipe', 'protocol', 'it', 'this', 'my', 'our', 'well'].includes(name)) return name;
  }
  return undefined;
}

export function quantities(text: string): Quantity[] {
  return findQuantities(text);
}

/** The first quantity of a kind whose preceding words match `role`. */
export function quantityWithRole(qs: Quantity[], kind: Quantity['kind'] | Quantity['kind'][], role: RegExp, window = 32): Quantity | undefined {
  const kinds = Array.isArray(kind) ? kind : [kind];
  // the words by the number, up to a comma, a semicolon or another number: "snr 5, drift 2 px" gives drift the 2
  const edge = /[,;\d]/;
  const before = (q: Quantity) => q.before.slice(-window).split(edge).at(-1) ?? '';
  const after = (q: Quantity) => q.after.slice(0, 16).split(edge)[0] ?? '';
  const fits = qs.filter((q) => kinds.includes(q.kind));
  // the role said before the number is the surer reading ("drift 2 px"), then after it ("2 px of drift")
  return fits.find((q) => role.test(before(q))) ?? fits.find((q) => role.test(after(q)));
}

/** "every 30 s", "every 2 minutes", "every minute", "each 5 min". */
export function findIntervalS(text: string): number | undefined {
  const m = /\b(?:every|each|once every|one frame every|interval (?:of|to)?|at)\s+(\d+(?:[.,]\d+)?|[a-z]+)?\s*(ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)\b/i.exec(text);
  if (!m) return undefined;
  const value = m[1] ? parseNumber(m[1]) : 1;
  if (value === undefined) return undefined;
  const q = findQuantities(`${value} ${m[2]}`)[0];
  return q ? seconds(q) : undefined;
}

/** "for 12 hours", "over 2 h", "for 30 minutes", "during 1 day". */
export function findDurationS(text: string): number | undefined {
  const m = /\b(?:for|over|during|lasting|total of)\s+(?:the next\s+)?(\d+(?:[.,]\d+)?|[a-z]+)\s*(s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?)\b/i.exec(text);
  if (!m) return undefined;
  const value = parseNumber(m[1]);
  if (value === undefined) return undefined;
  const q = findQuantities(`${value} ${m[2]}`)[0];
  return q ? seconds(q) : undefined;
}

export { micrometres, seconds };
