// The track filter tool: TrackMate's track filters as one step. Keeps the tracks (lineage trees) that last long
// enough (frames, or a duration with the frame interval), move fast or far enough (mean or largest speed, net
// displacement, total distance), go straight enough, were tracked the whole movie (present in the first and the last
// frame), or stay off (or touch) the image border; and the top or bottom N by one of those ("the 3 most motile", "the 10
// longest"). Writes a new tracks artifact; the tracks it read are never changed. Lengths are in µm only where the pixel
// size is known (a bound in µm on an uncalibrated movie is refused), times in s/min/h only with the frame interval.
import { leftOutSaidAfter } from './leftOutAfter.ts';
import { z } from 'zod';
import { InputError } from '../src/errors.ts';
import type { Tracks } from '../src/analysis/tracks.ts';
import type { TrackFilter, TrackMeasure, TrackRule } from '../src/analysis/trackFilter.ts';
import { outputArg, tracksArg } from './common.ts';
import { counted } from './counted.ts';
import { defineTool, type RequestClause, type ToolContext, type ToolSpec } from './types.ts';

// (the ranking's names, without "mean", "max" or "total": a tool's allowed values are words of its own, and those are every
// other tool's words too, "max projection", "mean intensity", "total area")
const MEASURES = ['frames', 'duration', 'speed', 'peak_speed', 'displacement', 'path_length', 'straightness'] as const;
type RankName = (typeof MEASURES)[number];
const MEASURE_OF: Record<RankName, TrackMeasure> = { frames: 'frames', duration: 'duration', speed: 'mean_speed', peak_speed: 'max_speed', displacement: 'displacement', path_length: 'total_distance', straightness: 'straightness' };
const RANK_NAME: Record<TrackMeasure, RankName> = { frames: 'frames', spots: 'frames', duration: 'duration', mean_speed: 'speed', max_speed: 'peak_speed', displacement: 'displacement', total_distance: 'path_length', straightness: 'straightness' };
const SPEED_UNITS = ['um/s', 'um/min', 'um/h', 'um/frame', 'px/frame', 'px/s', 'px/min', 'px/h'] as const;
type SpeedUnit = (typeof SPEED_UNITS)[number];

const schema = z.object({
  tracks: tracksArg,
  minFrames: z.number().int().min(1).optional().describe('Keep tracks that span at least this many frames (first to last frame, inclusive; gaps count)'),
  maxFrames: z.number().int().min(1).optional().describe('Keep tracks that span at most this many frames'),
  minDurationS: z.number().min(0).optional().describe('Keep tracks lasting at least this long, seconds (first to last spot; needs the frame interval)'),
  maxDurationS: z.number().min(0).optional().describe('Keep tracks lasting at most this long, seconds'),
  minMeanSpeed: z.number().min(0).optional().describe('Keep tracks whose mean speed (mean of the steps\' speeds) is at least this, in `speedUnit`'),
  maxMeanSpeed: z.number().min(0).optional().describe('Keep tracks whose mean speed is at most this, in `speedUnit`'),
  minMaxSpeed: z.number().min(0).optional().describe('Keep tracks whose fastest step is at least this fast, in `speedUnit`'),
  maxMaxSpeed: z.number().min(0).optional().describe('Keep tracks whose fastest step is at most this fast, in `speedUnit`'),
  speedUnit: z.enum(SPEED_UNITS).optional().describe('Unit of the speed bounds: "um/s", "um/min", "um/h" (need the pixel size and the frame interval), "um/frame" (needs the pixel size), "px/frame", "px/s", "px/min", "px/h"'),
  minDisplacement: z.number().min(0).optional().describe('Keep tracks whose net displacement (first to last position, straight line) is at least this, in `lengthUnit`'),
  maxDisplacement: z.number().min(0).optional().describe('Keep tracks whose net displacement is at most this, in `lengthUnit`'),
  minTravel: z.number().min(0).optional().describe('Keep tracks whose total distance travelled (sum of the steps) is at least this, in `lengthUnit`'),
  maxTravel: z.number().min(0).optional().describe('Keep tracks whose total distance travelled is at most this, in `lengthUnit`'),
  lengthUnit: z.enum(['um', 'px']).optional().describe('Unit of the displacement and distance bounds: "um" (needs the pixel size) or "px"; default µm when the tracks are calibrated, else px'),
  minStraightness: z.number().min(0).max(1).optional().describe('Keep tracks whose straightness (confinement ratio: net displacement / total distance, 0-1) is at least this'),
  maxStraightness: z.number().min(0).max(1).optional().describe('Keep tracks whose straightness is at most this'),
  presentAtStart: z.boolean().optional().describe('Keep only tracks present in the first frame (with presentAtEnd: tracked the whole movie)'),
  presentAtEnd: z.boolean().optional().describe('Keep only tracks present in the last frame'),
  inFrame: z.enum(['interior', 'peripheral']).optional().describe('"interior": keep only the tracks whose object never touches the image border; "peripheral": only those whose object touches it in some frame (read from the label movie the tracks were made on)'),
  top: z.number().int().min(1).optional().describe('After the bounds, keep only this many tracks, ranked by `rankBy` ("the 3 most motile": top 3 by speed)'),
  rankBy: z.enum(MEASURES).optional().describe('What `top` ranks by: frames, duration, speed (the mean of the steps), peak_speed (the fastest step), displacement (net), path_length (total distance) or straightness'),
  rankFrom: z.enum(['highest', 'lowest']).default('highest').describe('"highest" keeps the largest values (fastest, longest), "lowest" the smallest (slowest, shortest)'),
  output: outputArg.describe('Where to write the kept tracks (.tracks.json); default a new file in the session folder'),
});

// ---------------------------------------------------------------- reading a request

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, fifty: 50, hundred: 100, dozen: 12 };
const NUM = String.raw`(\d+(?:\.\d+)?|${Object.keys(NUMBER_WORDS).join('|')})`;
const numberOf = (s: string) => (/^\d/.test(s) ? Number(s) : NUMBER_WORDS[s.toLowerCase()]);

const LENGTH_UNIT = String.raw`µm|μm|um|microns?|micrometres?|micrometers?|px|pixels?|nm`;
const TIME_UNIT = String.raw`ms|s|sec|secs|seconds?|min|mins|minutes?|h|hr|hrs|hours?`;
const FRAME_UNIT = String.raw`frames?|time[\s-]?points?|timepoints?|tp|spots?|detections?|time\s+steps?`;
const SPEED_UNIT = String.raw`(?:${LENGTH_UNIT})(?:\s*\/\s*|\s+(?:per|an?|each)\s+)(?:${TIME_UNIT}|frames?|time[\s-]?points?)`;
const UNIT = String.raw`(${SPEED_UNIT}|${LENGTH_UNIT}|${FRAME_UNIT}|${TIME_UNIT})?`;

type Op = '<' | '<=' | '>' | '>=';
/** Comparison words before a number, each with what it bounds ("at least 10": >= 10). */
const COMPARISONS: [RegExp, Op][] = [
  [/(?<![a-z])(?:at\s*least|no\s+(?:less|fewer|shorter)\s+than|not\s+(?:less|fewer|shorter)\s+than|min(?:imum|\.)?(?:\s+of)?|>=|≥|=>|upwards\s+of)$/i, '>='],
  [/(?<![a-z])(?:at\s*most|no\s+(?:more|longer|greater)\s+than|not\s+(?:more|longer)\s+than|max(?:imum|\.)?(?:\s+of)?|<=|≤|=<|up\s+to)$/i, '<='],
  [/(?<![a-z])(?:(?:more|longer|greater|bigger|larger|faster|quicker|further|farther|straighter|higher)\s+than|over|above|exceeding|exceeds?|beyond|>)$/i, '>'],
  [/(?<![a-z])(?:(?:less|fewer|shorter|smaller|slower|lower)\s+than|under|below|beneath|<)$/i, '<'],
];
/** Words between a comparison and its number that name what is compared or join them ("speed above 2", "min length 6", "is at least"). */
const BETWEEN_WORDS = /\s*\b(?:a|an|the|of|is|are|be|been|was|were|has|have|had|to|for|in|by|with|should|must|would|will|needs?|set|equals?|(?:(?:mean|average|max(?:imum)?|net|total|track|path)\s+)?(?:speeds?|velocit(?:y|ies)|displacements?|distances?|lengths?|durations?|straightness|confinement\s+ratio|lifetimes?|lifespans?)|moves?|moved|moving|travell?(?:ed|ing)?|travels?|lasts?|lasting|lasted|tracked|present|spanning|spans?)\s*$/i;
/** Words that drop what the comparison names ("drop tracks shorter than 5 frames"): the tracks kept are the others. */
const DROPS = /\b(?:drop\w*|remov\w*|discard\w*|exclud\w*|ignor\w*|throw\w*\s+(?:out|away)|toss\w*|get(?:ting)?\s+rid\s+of|filter\w*\s+out|leav\w*\s+out|left\s+out|skip\w*|reject\w*|delet\w*|omit\w*|eliminat\w*|lose|ditch\w*|without|except|excluding)\b/gi;
const KEEPS = /\b(?:keep\w*|retain\w*|only|just|select\w*|want|use|using|includ\w*|restrict\w*|limit\w*|leave\s+(?:the|only|just))\b/gi;

/** The measure a bound's unit and nearby words name, or undefined (a gap, a linking distance: another step's). */
function measureOf(unit: string, text: string, at: number): TrackMeasure | 'spots' | undefined {
  const near = text.slice(Math.max(0, at - 60), at + 40).toLowerCase();
  const u = unit.toLowerCase();
  if (new RegExp(String.raw`^(?:${SPEED_UNIT})$`, 'i').test(unit)) return /\b(?:max(?:imum)?|peak|top|fastest\s+step|instantaneous)\s+(?:speed|velocity)/.test(near) ? 'max_speed' : 'mean_speed';
  if (/^(?:spots?|detections?)$/.test(u)) return 'spots';
  if (new RegExp(String.raw`^(?:${FRAME_UNIT})$`, 'i').test(unit)) return /\bgaps?\b|\blink\w*\s+distance|\bjump/.test(near) ? undefined : 'frames';
  if (new RegExp(String.raw`^(?:${TIME_UNIT})$`, 'i').test(unit)) return /\binterval\b|\bevery\b|\bper\s+frame/.test(near) ? undefined : 'duration';
  if (new RegExp(String.raw`^(?:${LENGTH_UNIT})$`, 'i').test(unit)) {
    if (/\blink\w*|\bsearch\b|\bradius\b|\bdiameter\b|\bwide\b|\bacross\b|\bfrom\s+the\s+(?:edge|border)/.test(near)) return undefined;
    return /\btravel\w*|\bpath\b|\btotal\s+distance|\bdistance\s+(?:covered|travel\w*)|\bcovered\b|\bcumulative|\brun\s+length|\bcontour/.test(near) ? 'total_distance' : 'displacement';
  }
  // a bare number: by the words before it ("straightness above 0.5", "confinement ratio > 0.3")
  if (/\b(?:speed|velocit)/.test(near)) return /\b(?:max(?:imum)?|peak|top)\s+(?:speed|velocity)/.test(near) ? 'max_speed' : 'mean_speed';
  if (/\bpath\s+length|\btotal\s+distance|\btravel/.test(near)) return 'total_distance';
  if (/\bdisplacement|\bdistance/.test(near)) return 'displacement';
  if (/\bstraightness|\bconfinement|\bdirection(?:ality)?\b|\bdirectness|\bpersistence|\blinearity/.test(near)) return 'straightness';
  if (/\b(?:track\s+)?(?:length|lasting|last|long)\b/.test(near) && !/\bµm|\bum\b|\bpx\b/.test(near)) return 'frames';
  return undefined;
}

function unitOfLength(unit: string): 'um' | 'px' | 'nm' {
  return /^(?:px|pixels?)$/i.test(unit) ? 'px' : /^nm$/i.test(unit) ? 'nm' : 'um';
}

function secondsOf(value: number, unit: string): number {
  const u = unit.toLowerCase();
  if (/^ms$/.test(u)) return value / 1000;
  if (/^(?:s|sec|secs|seconds?)$/.test(u)) return value;
  if (/^(?:h|hr|hrs|hours?)$/.test(u)) return value * 3600;
  return value * 60;
}

function speedUnitOf(unit: string): SpeedUnit {
  const [length, per] = unit.toLowerCase().split(/\s*(?:\/|\bper\b|\ban?\b|\beach\b)\s*/).filter(Boolean);
  const l = /^(?:px|pixels?)$/.test(length) ? 'px' : 'um';
  const t = /^(?:frames?|time[\s-]?points?)$/.test(per) ? 'frame' : /^(?:h|hr|hrs|hours?)$/.test(per) ? 'h' : /^(?:s|sec|secs|seconds?|ms)$/.test(per) ? 's' : 'min';
  return `${l}/${t}` as SpeedUnit;
}

/** Is the comparison at `at` under a verb that drops what it names? The nearest keep or drop word before it decides. */
function dropped(text: string, at: number, end?: number): boolean {
  // ("tracks shorter than 10 frames were excluded", "tracks under 5 frames discarded": the leaving out said after the bound)
  if (end !== undefined && leftOutSaidAfter(text.slice(end))) return true;
  const before = text.slice(0, at);
  let lastDrop = -1;
  let lastKeep = -1;
  for (const m of before.matchAll(DROPS)) lastDrop = m.index!;
  for (const m of before.matchAll(KEEPS)) lastKeep = m.index!;
  return lastDrop > lastKeep;
}

const NEGATE: Record<Op, Op> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<' };

interface Bound {
  measure: TrackMeasure | 'spots';
  op: Op;
  value: number;
  unit: string;
}

/** The bounds said with a number ("at least 10 frames", "faster than 0.5 µm/min", "between 5 and 20 frames", "10 frames or more"). */
export function boundsIn(text: string): Bound[] {
  const out: Bound[] = [];
  const between = new RegExp(String.raw`\bbetween\s+${NUM}\s*(?:and|to|-|–)\s*${NUM}\s*${UNIT}`, 'gi');
  const taken: [number, number][] = [];
  for (const m of text.matchAll(between)) {
    const measure = m[3] ? measureOf(m[3], text, m.index!) : measureOf('', text, m.index!);
    if (!measure) continue;
    const [a, b] = [numberOf(m[1]), numberOf(m[2])].sort((x, y) => x - y);
    out.push({ measure, op: '>=', value: a, unit: m[3] ?? '' }, { measure, op: '<=', value: b, unit: m[3] ?? '' });
    taken.push([m.index!, m.index! + m[0].length]);
  }
  // ("5 < length < 20 frames", "2 ≤ speed ≤ 5 µm/min": a range written as a chain of comparisons, the measure between)
  const chain = new RegExp(String.raw`(?<![\w.])${NUM}\s*(<=?|≤)\s*([\p{L}][\p{L}\s-]{0,24}?)\s*(<=?|≤)\s*${NUM}\s*${UNIT}`, 'giu');
  for (const m of text.matchAll(chain)) {
    if (taken.some(([a, b]) => m.index! >= a && m.index! < b)) continue;
    const unit = m[6] ?? '';
    const measure = measureOf(unit, text, m.index! + m[0].indexOf(m[3]));
    if (!measure) continue;
    out.push({ measure, op: m[2] === '<' ? '>' : '>=', value: numberOf(m[1]), unit }, { measure, op: m[4] === '<' ? '<' : '<=', value: numberOf(m[5]), unit });
    taken.push([m.index!, m.index! + m[0].length]);
  }
  const number = new RegExp(String.raw`(?<![\w.])${NUM}(\s*\+)?\s*${UNIT}(?![\w])(\s+or\s+(?:more|longer|greater|above|over|higher|faster|further|less|fewer|shorter|below|under|lower|slower))?`, 'gi');
  for (const m of text.matchAll(number)) {
    const at = m.index!;
    if (taken.some(([a, b]) => at >= a && at < b)) continue;
    const before = text.slice(Math.max(0, at - 40), at).replace(/\s+$/, '');
    let op: Op | undefined;
    if (m[2]) op = '>=';
    else if (m[4]) op = /more|longer|greater|above|over|higher|faster|further/i.test(m[4]) ? '>=' : '<=';
    else {
      // the comparison just before, allowing the name of what is compared between ("speed above 2", "min length 6 frames")
      // (a setting said with its name, "min max speed = 7", "max path length: 12": the min or max before the name bounds it)
      let lead = before.replace(/\s*[=:]\s*$/, '');
      for (let k = 0; k < 4 && BETWEEN_WORDS.test(lead) && !COMPARISONS.some(([re]) => re.test(lead)); k++) lead = lead.replace(BETWEEN_WORDS, '');
      op = COMPARISONS.find(([re]) => re.test(lead))?.[1];
    }
    if (!op) continue;
    const unit = m[3] ?? '';
    const measure = measureOf(unit, text, at);
    if (!measure) continue;
    out.push({ measure, op: dropped(text, at, at + m[0].length) ? NEGATE[op] : op, value: numberOf(m[1]), unit });
  }
  return out;
}

/** Superlatives that rank tracks by a measure ("the 3 most motile", "the 10 longest"), in order: a longer phrase first. */
const RANKS: [RegExp, TrackMeasure, 'highest' | 'lowest'][] = [
  [/\b(?:travell?ed|went|got|covered|migrated)\s+(?:the\s+)?(?:most|furthest|farthest|longest\s+(?:way|distance))|\blongest\s+(?:paths?|distances?|trajector(?:y|ies)\s+in\s+(?:µm|um|px))|\b(?:largest|biggest|greatest|highest)\s+(?:total\s+)?distances?\b/i, 'total_distance', 'highest'],
  [/\b(?:moved|move|moving|displaced)\s+(?:the\s+)?(?:most|furthest|farthest|further)|\bmost\s+displaced|\b(?:largest|biggest|greatest|highest)\s+(?:net\s+)?displacements?/i, 'displacement', 'highest'],
  [/\b(?:moved|move|moving)\s+(?:the\s+)?least|\bleast\s+displaced|\b(?:smallest|lowest)\s+(?:net\s+)?displacements?/i, 'displacement', 'lowest'],
  [/\b(?:highest|largest|greatest|top)\s+(?:max(?:imum)?|peak)\s+speeds?/i, 'max_speed', 'highest'],
  [/\bmost\s+(?:motile|mobile|migratory|active|dynamic|moving)|\bfastest|\bquickest|\bspeediest|\b(?:highest|largest|greatest|top)\s+(?:mean\s+|average\s+)?(?:speeds?|velocit(?:y|ies)|motility)/i, 'mean_speed', 'highest'],
  [/\bleast\s+(?:motile|mobile|migratory|active|dynamic|moving)|\bslowest|\b(?:lowest|smallest)\s+(?:mean\s+|average\s+)?(?:speeds?|velocit(?:y|ies)|motility)|\bmost\s+(?:static|stationary|immobile)/i, 'mean_speed', 'lowest'],
  [/\bstraightest|\bmost\s+(?:directional|directed|persistent|straight|linear)|\b(?:highest|largest)\s+(?:straightness|confinement\s+ratio|directionality|persistence)/i, 'straightness', 'highest'],
  [/\bleast\s+(?:directional|directed|persistent|straight|linear)|\bmost\s+(?:confined|meandering|tortuous|wiggly|random)|\b(?:lowest|smallest)\s+(?:straightness|confinement\s+ratio|directionality|persistence)/i, 'straightness', 'lowest'],
  [/\blongest(?:[\s-]+(?:lived|lasting|running))?\b|\blasted\s+(?:the\s+)?longest|\bmost\s+(?:frames|time\s?points)|\blongest\s+(?:tracks?|durations?|lifetimes?)/i, 'frames', 'highest'],
  [/\bshortest(?:[\s-]+lived)?\b|\bfewest\s+(?:frames|time\s?points)/i, 'frames', 'lowest'],
];
/** "top 5 by speed", "the best 10 by displacement": a rank said by its measure's name. */
const TOP_BY = new RegExp(String.raw`\b(top|bottom|best|worst|first|highest|lowest)\s+${NUM}\s+(?:[\w-]+\s+){0,2}?(?:by|in|for|on|ranked\s+by|according\s+to|sorted\s+by)\s+(?:their\s+|the\s+|its\s+)?((?:mean\s+|average\s+|max(?:imum)?\s+|net\s+|total\s+)?[\w-]+(?:\s+(?:speed|distance|ratio))?)`, 'i');

function measureByName(words: string): TrackMeasure | undefined {
  const w = words.toLowerCase();
  if (/\bmax(?:imum)?\s+speed|\bpeak/.test(w)) return 'max_speed';
  if (/speed|velocit|motil|fast/.test(w)) return 'mean_speed';
  if (/total|path|travel/.test(w)) return 'total_distance';
  if (/displace|distance|net/.test(w)) return 'displacement';
  if (/straight|confine|direction|persist|linear/.test(w)) return 'straightness';
  if (/duration|lifetime|lifespan/.test(w)) return 'duration';
  if (/length|frames|long/.test(w)) return 'frames';
  return undefined;
}

/** A rank asked ("the 3 most motile cells", "the ten longest tracks", "top 5 by speed"), or why it cannot be read. */
export function rankIn(text: string): { n?: number; measure: TrackMeasure; order: 'highest' | 'lowest' } | undefined {
  const by = TOP_BY.exec(text);
  if (by) {
    const measure = measureByName(by[3]);
    if (measure) return { n: numberOf(by[2]), measure, order: /bottom|worst|lowest/i.test(by[1]) ? 'lowest' : 'highest' };
  }
  for (const [re, measure, order] of RANKS) {
    const m = re.exec(text);
    if (!m) continue;
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    const n = new RegExp(String.raw`\b${NUM}\s+(?:(?:of\s+(?:the|them|those))\s+)?(?:[\w-]+\s+)?$`, 'i').exec(before);
    if (n) return { n: numberOf(n[1]), measure, order };
    // ("the fastest cell", "the single longest track": one; "the fastest cells": how many is not said)
    const after = text.slice(m.index + m[0].length);
    // ("the slowest 5 tracks", "the longest ten": the number after the superlative)
    const nAfter = new RegExp(String.raw`^\s+${NUM}\b(?!\s*(?:%|percent|frames?|time\s?points?|µm|um|px|min|s|h)\b)`, 'i').exec(after);
    if (nAfter) return { n: numberOf(nAfter[1]), measure, order };
    const noun = /^\s+(?:[\w-]+\s+)?(cells?|nucle(?:us|i)|tracks?|trajector(?:y|ies)|objects?|ones?|particles?|spots?)\b/i.exec(after);
    if (noun && /^(?:cell|nucleus|track|trajectory|object|one|particle|spot)$/i.test(noun[1])) return { n: 1, measure, order };
    return { measure, order };
  }
  return undefined;
}

/** "tracked the whole movie", "present in every frame", "full-length tracks", "from the first to the last frame". */
const WHOLE_MOVIE = /\b(?:the\s+)?(?:whole|entire|full|complete)\s+(?:movie|time[\s-]?lapse|video|recording|sequence|acquisition|experiment|time(?:\s+course)?|duration|length|stack)\b|\b(?:every|all(?:\s+the)?|each)\s+(?:frames?|time[\s-]?points?|timepoints?)\b|\bfull[\s-]+length\b|\bcomplete\s+tracks?\b|\bfrom\s+(?:the\s+)?(?:first|start|beginning)\s+(?:frame\s+)?(?:to|till|until|through)\s+(?:the\s+)?(?:last|end)\b|\bstart\s+to\s+(?:finish|end)\b|\bthroughout\b|\bnever\s+(?:lost|dropped)\b/i;
const FIRST_FRAME = /\b(?:start\w*|begin\w*|present|there|appear\w*|seen|exist\w*)\s+(?:at|in|from)\s+(?:the\s+)?(?:first|1st|initial|opening)\s+(?:frame|time[\s-]?point|timepoint)|\b(?:present|there)\s+(?:at|from)\s+the\s+(?:start|beginning)\b|\bfrom\s+(?:frame\s+(?:1|one)|the\s+(?:start|beginning))\b/i;
const LAST_FRAME = /\b(?:end\w*|present|there|seen|exist\w*|last\w*|surviv\w*|remain\w*|still\s+there)\s+(?:at|in|until|till|to)\s+(?:the\s+)?(?:last|final|end)\s*(?:frame|time[\s-]?point|timepoint|of\s+the\s+(?:movie|time[\s-]?lapse|video))?|\b(?:until|till|to)\s+the\s+end\b/i;

/** Tracks at the border as people say it of tracks ("tracks that touch the edge", "cells leaving the field of view"). */
const AT_BORDER = /\b(?:touch\w*|hit\w*|on|at|near|cross\w*|reach\w*|leav\w*|exit\w*|enter\w*)\s+(?:the\s+)?(?:image\s+|frame\s+|field\s+)?(?:borders?|edges?|boundar(?:y|ies))\b|\b(?:leav\w*|exit\w*|enter\w*|out\s+of|move\w*\s+out\s+of)\s+(?:the\s+)?(?:field(?:\s+of\s+view)?|fov|frame|image|view)\b/i;

/** Whether tracks at the border are dropped ('leftOut': under a verb that drops them, or said not to touch it) or kept alone ('only'). */
function borderSaid(text: string): 'leftOut' | 'only' | undefined {
  const m = AT_BORDER.exec(text);
  if (!m) return undefined;
  const negated = /\b(?:not|never|don'?t|doesn'?t|didn'?t|without)\s+(?:\w+\s+)?$/i.test(text.slice(0, m.index)) || /\baway\s+from\b/i.test(text);
  return dropped(text, m.index) !== negated ? 'leftOut' : 'only';
}

/** The rules a request states for filter_tracks: bounds with numbers, the whole movie, the border, a rank. */
export function readFilterRequest(c: RequestClause): Record<string, unknown> {
  const text = c.text;
  const args: Record<string, unknown> = {};
  // (every number argument left unset here on purpose, for the generic reading by its name after this: "max path length = 7")
  for (const k of ['minFrames', 'maxFrames', 'minDurationS', 'maxDurationS', 'minMeanSpeed', 'maxMeanSpeed', 'minMaxSpeed', 'maxMaxSpeed', 'minDisplacement', 'maxDisplacement', 'minTravel', 'maxTravel', 'minStraightness', 'maxStraightness', 'top']) args[k] = undefined;
  const notes: string[] = [];
  for (const b of boundsIn(text)) {
    const lower = b.op === '>' || b.op === '>=';
    const strict = b.op === '>' || b.op === '<';
    const side = lower ? 'min' : 'max';
    if (b.measure === 'frames' || b.measure === 'spots') {
      // (frames are whole: "longer than 10 frames" keeps 11 and more)
      args[`${side}Frames`] = strict ? (lower ? Math.floor(b.value) + 1 : Math.ceil(b.value) - 1) : b.value;
      if (strict) notes.push(`A track of ${lower ? 'more' : 'fewer'} than ${b.value} frames has ${lower ? 'at least' : 'at most'} ${args[`${side}Frames`]}.`);
      if (b.measure === 'spots') notes.push(`The bound on spots was applied to the frames each track spans (a gap closed over a missed frame counts).`);
    } else if (b.measure === 'duration') {
      args[`${side}DurationS`] = +secondsOf(b.value, b.unit).toPrecision(6);
    } else if (b.measure === 'mean_speed' || b.measure === 'max_speed') {
      args[`${side}${b.measure === 'mean_speed' ? 'MeanSpeed' : 'MaxSpeed'}`] = b.value;
      if (b.unit) args.speedUnit = speedUnitOf(b.unit);
    } else if (b.measure === 'displacement' || b.measure === 'total_distance') {
      const unit = unitOfLength(b.unit);
      args[`${side}${b.measure === 'displacement' ? 'Displacement' : 'Travel'}`] = unit === 'nm' ? b.value / 1000 : b.value;
      if (b.unit) args.lengthUnit = unit === 'px' ? 'px' : 'um';
    } else if (b.measure === 'straightness') {
      args[`${side}Straightness`] = b.value > 1 && b.value <= 100 ? b.value / 100 : b.value;
    }
  }
  // ("7 min frames", "10 max frames": a number before the setting's own name, where "min" is no minute)
  const named = /(?<![\w.])(\d+)\s+(min|max)(?:imum)?\s+(?:frames?|time[\s-]?points?)\b/i.exec(text);
  if (named) Object.assign(args, { [`${named[2].toLowerCase()}Frames`]: Number(named[1]), minDurationS: undefined, maxDurationS: undefined });
  const whole = WHOLE_MOVIE.test(text);
  Object.assign(args, { presentAtStart: whole || FIRST_FRAME.test(text), presentAtEnd: whole || LAST_FRAME.test(text) });
  // (said of tracks first, "remove tracks that touch the border"; then as of any objects, "interior cells only")
  const edge = borderSaid(text) ?? c.read.edgeObjects(text);
  // (set either way: the generic reading of yes/no arguments by their names would take "the last frame" or "only ... border" for them)
  args.inFrame = edge === 'leftOut' ? 'interior' : edge === 'only' ? 'peripheral' : undefined;
  const rank = rankIn(text);
  if (rank) {
    args.rankBy = RANK_NAME[rank.measure];
    args.rankFrom = rank.order;
    if (rank.n !== undefined) args.top = rank.n;
    else if (!Object.entries(args).some(([k, v]) => v !== undefined && v !== false && !['rankBy', 'rankFrom'].includes(k))) {
      const what = rank.measure.replace('_', ' ');
      args.$ask = `How many tracks should I keep, ranked by ${what} (${rank.order})? Say e.g. "the 5 ${rank.order === 'highest' ? 'highest' : 'lowest'} by ${what}".`;
    }
  }
  const rule = ruleSaid(args as FilterArgs, { length: c.pixelSizeUm ? 'um' : 'px', speed: c.pixelSizeUm ? 'um/min' : 'px/frame' });
  // (the rule in the answer, whether or not the step runs: "Tracks kept: at least 10 frames long; the tracks read are kept unchanged.")
  if (rule) notes.unshift(`Tracks kept: ${rule} (a new tracks result; the tracks it read are unchanged).`);
  // ("ignore short tracks", "keep the good tracks": tracks picked out with no rule said) named in one line, never run on a guess
  if (!rule && args.$ask === undefined && !/\d/.test(c.request)) args.$decline = `Not applied: "${text.trim().replace(/^(?:and|then|but|,)\s+/i, '')}" — no rule was said for the tracks to keep (a length, a speed, a distance, the whole movie, the border or how many of the fastest/longest); say one, e.g. "keep tracks at least 10 frames long" or "keep the 3 most motile cells".`;
  if (notes.length) args.$note = notes.join(' ');
  return args;
}

// ---------------------------------------------------------------- running

const SECONDS_PER: Record<string, number> = { s: 1, min: 60, h: 3600 };

/** A time in the unit that reads best ("5 min", "90 s", "2.5 h"). */
function timeText(seconds: number): string {
  const unit = seconds >= 7200 ? 'h' : seconds >= 120 ? 'min' : 's';
  return `${+(seconds / SECONDS_PER[unit]).toPrecision(4)} ${unit}`;
}

/** Base units of the tracks (µm or px; s or frames): what one said unit is worth in them, or why it cannot be used. */
function converter(tracks: Tracks) {
  const um = tracks.pixelSizeUm;
  const s = tracks.frameIntervalS;
  const uncalibrated = (what: string, needs: string) => new InputError(`filter_tracks: ${what} cannot be applied: the tracks have no ${needs} (lengths are in px, times in frames); give the bound in ${needs === 'pixel size' ? 'px' : 'frames'}, or set the ${needs} (set_calibration) and filter again`);
  return {
    length(value: number, unit: 'um' | 'px', what: string): number {
      if (unit === 'um') {
        if (!um) throw uncalibrated(`${what} of ${value} µm`, 'pixel size');
        return value;
      }
      return um ? value * um : value;
    },
    time(valueS: number, what: string): number {
      if (!s) throw uncalibrated(`${what} of ${timeText(valueS)}`, 'frame interval');
      return valueS;
    },
    speed(value: number, unit: SpeedUnit, what: string): number {
      const [length, per] = unit.split('/');
      const label = `${what} of ${value} ${unit.replace('um', 'µm')}`;
      if (length === 'um' && !um) throw uncalibrated(label, 'pixel size');
      if (per !== 'frame' && !s) throw uncalibrated(label, 'frame interval');
      // into base units: (µm or px) per (s or frame)
      const lengthBase = length === 'um' ? value : um ? value * um : value;
      if (per === 'frame') return s ? lengthBase / s : lengthBase;
      return lengthBase / SECONDS_PER[per];
    },
  };
}

/** A value in base units as the person reads it ("1.2 µm/min", "14 px", "6 frames"). */
function shown(measure: TrackMeasure, value: number, tracks: Tracks): string {
  const length = tracks.pixelSizeUm ? 'µm' : 'px';
  const r = (v: number) => +v.toPrecision(3);
  if (!Number.isFinite(value)) return 'none';
  if (measure === 'frames') return counted(value, 'frame');
  if (measure === 'duration') return tracks.frameIntervalS ? timeText(value) : counted(value, 'frame');
  if (measure === 'straightness') return String(r(value));
  if (measure === 'displacement' || measure === 'total_distance') return `${r(value)} ${length}`;
  // speeds: per min when the interval is known (a cell's pace reads per minute), else per frame
  return tracks.frameIntervalS ? `${r(value * 60)} ${length}/min` : `${r(value)} ${length}/frame`;
}

const MEASURE_WORDS: Record<TrackMeasure | 'spots', string> = { frames: 'number of frames', spots: 'spots', duration: 'duration', mean_speed: 'mean speed', max_speed: 'top speed', displacement: 'net displacement', total_distance: 'total distance', straightness: 'straightness' };

type FilterArgs = Partial<z.infer<typeof schema>>;

/** "the 3 tracks with the highest mean speed". */
function rankSaid(rank: { measure: TrackMeasure; n: number; order: 'highest' | 'lowest' }): string {
  return `the ${rank.n === 1 ? 'track' : `${rank.n} tracks`} with the ${rank.order} ${MEASURE_WORDS[rank.measure]}`;
}

/**
 * The rule the arguments state, in words ("at least 10 frames long, with net displacement at least 20 µm, tracked the
 * whole movie, then the 3 tracks with the highest mean speed"), in the units given or, where none is, those of `units`.
 */
export function ruleSaid(args: FilterArgs, units: { length: 'um' | 'px'; speed: SpeedUnit }): string {
  const range = (min: string | undefined, max: string | undefined) => (min !== undefined && max !== undefined ? `${min} to ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`);
  const said: string[] = [];
  const bound = <T,>(min: T | undefined, max: T | undefined, text: (v: T) => string, lead: string) => {
    if (min !== undefined || max !== undefined) said.push(`${lead}${range(min === undefined ? undefined : text(min), max === undefined ? undefined : text(max))}`);
  };
  bound(args.minFrames, args.maxFrames, String, '');
  // ("at least 10 frames long (shorter ones removed)": what was removed said in the words people use for it)
  if (said.length) said[0] += ` frames long${args.maxFrames === undefined ? ' (shorter ones removed)' : args.minFrames === undefined ? ' (longer ones removed)' : ''}`;
  bound(args.minDurationS, args.maxDurationS, timeText, 'lasting ');
  const speed = (args.speedUnit ?? units.speed).replace('um', 'µm');
  bound(args.minMeanSpeed, args.maxMeanSpeed, (v) => `${v} ${speed}`, 'with mean speed ');
  bound(args.minMaxSpeed, args.maxMaxSpeed, (v) => `${v} ${speed}`, 'with top speed ');
  const length = (args.lengthUnit ?? units.length) === 'um' ? 'µm' : 'px';
  bound(args.minDisplacement, args.maxDisplacement, (v) => `${v} ${length}`, 'with net displacement ');
  bound(args.minTravel, args.maxTravel, (v) => `${v} ${length}`, 'with total distance ');
  bound(args.minStraightness, args.maxStraightness, String, 'with straightness ');
  if (args.presentAtStart && args.presentAtEnd) said.push('tracked the whole movie (first to last frame)');
  else if (args.presentAtStart) said.push('present in the first frame');
  else if (args.presentAtEnd) said.push('present in the last frame');
  if (args.inFrame) said.push(args.inFrame === 'interior' ? 'never touching the image border' : 'touching the image border');
  if (args.top !== undefined) said.push(`${said.length ? 'then ' : ''}${rankSaid({ measure: MEASURE_OF[args.rankBy ?? 'speed'], n: args.top, order: args.rankFrom ?? 'highest' })}`);
  return said.join(', ');
}

async function borderTracks(ctx: ToolContext, tracks: Tracks): Promise<Set<number>> {
  const { trackIdsTouchingBorder, labelsOnBorder } = await import('../src/analysis/trackFilter.ts');
  const ref = tracks.labelsPath;
  if (!ref) throw new InputError('filter_tracks: which tracks touch the border is read from the label movie the tracks were made on, and these tracks name none (tracks read from a file made elsewhere): filter them by another rule, or track a label movie here');
  if (tracks.spots.some((s) => s.label === undefined)) throw new InputError('filter_tracks: these tracks do not record which object each spot is, so the objects touching the border cannot be found; track a label movie to filter by the border');
  const labels = await ctx.openMovie(ref);
  try {
    if (labels.shape.t !== tracks.frames) throw new InputError(`filter_tracks: the label movie has ${labels.shape.t} frames but the tracks were made on ${tracks.frames}; give the labels they were made on`);
    const { x, y, z } = labels.shape;
    return await trackIdsTouchingBorder(tracks, async (t) => {
      const out = new Set<number>();
      for (let k = 0; k < z; k++) for (const v of labelsOnBorder(await labels.plane(t, k, 0), x, y)) out.add(v);
      ctx.progress(t + 1, tracks.frames, 'frames');
      return out;
    });
  } finally {
    await labels.close();
  }
}

const filterTracksTool = defineTool({
  name: 'filter_tracks',
  summary: 'Keeps tracks by rules on their length, duration, speed, displacement, path length, straightness, the whole movie or the border, or the N best by one of those, as new tracks; the tracks it read are left as they are.',
  // (superlatives, "the 3 most motile", are read by the reader, not declared: a question about the fastest cell is measure's)
  words: ['filter tracks', 'filter the tracks', 'keep tracks', 'keep only tracks', 'only tracks', 'only the tracks', 'drop tracks', 'discard tracks', 'remove tracks', 'exclude tracks', 'ignore tracks', 'throw out tracks', 'short tracks', 'long tracks', 'shorter tracks', 'longer tracks', 'longest tracks', 'shortest tracks', 'most motile', 'least motile', 'fastest tracks', 'slowest tracks', 'fastest cells', 'slowest cells', 'full-length tracks', 'complete tracks', 'tracked throughout', 'top tracks', 'keep trajectories', 'only trajectories', 'drop trajectories', 'discard trajectories', 'remove trajectories', 'throw away trajectories', 'exclude trajectories'],
  examples: ['keep only tracks at least 10 frames long', 'drop tracks shorter than 5 min', 'keep only the 3 most motile cells', 'keep only the tracks that span the whole movie', 'remove tracks that touch the border', 'keep tracks that move more than 20 µm'],
  // (the labels for the border are those the tracks name, as they were made on them: no other input is taken)
  consumes: ['tracks'],
  produces: ['tracks'],
  selects: 'tracks',
  // (the values of its settings name no step: "mean speed", "frames", "um/min" are words of every question about tracks)
  valueWords: { inFrame: { interior: ['interior tracks'], peripheral: ['peripheral tracks'] }, rankBy: Object.fromEntries(MEASURES.map((m) => [m, []])), rankFrom: { highest: [], lowest: [] }, speedUnit: Object.fromEntries(SPEED_UNITS.map((u) => [u, []])), lengthUnit: { um: [], px: [] } },
  results: {
    kept: { about: 'tracks kept', unit: '', example: 24, headline: 'tracks kept', words: ['kept', 'left', 'remain', 'passed'] },
    removed: { about: 'tracks removed', unit: '', example: 13, headline: 'removed', words: ['removed', 'dropped', 'filtered out', 'excluded'] },
    tracksBefore: { about: 'tracks before filtering', unit: '', example: 37 },
  },
  description:
    'Filters tracks as TrackMate\'s track filters do: keeps each track (a lineage tree) whose length in frames, duration, speed (over its steps, or of its fastest step), net displacement, path length and straightness (confinement ratio, 0-1) are within the bounds given, that is present from the start and/or to the end of the movie, and that stays off the image border or touches it; then keeps the N best by one of those ("the 3 most motile" is top 3 by speed). Bounds in µm need the pixel size and times in s the frame interval: one that needs what the tracks lack is refused. Writes a new tracks artifact, which later steps read as any tracks; the input tracks are never changed. Values: kept, removed, tracksBefore, the rule applied.',
  schema,
  fromRequest: readFilterRequest,
  async run(args, ctx) {
    const { loadTracks, saveTracksJson } = await import('../src/analysis/trackio.ts');
    const { filterTracks, ruleName } = await import('../src/analysis/trackFilter.ts');
    const path = ctx.resolve(args.tracks, 'tracks');
    let loaded: Tracks;
    try {
      loaded = await loadTracks(path);
    } catch (err) {
      if (err instanceof RangeError) throw new InputError(err.message);
      throw err;
    }
    const calibration = ctx.calibration?.() ?? {};
    const tracks: Tracks = { ...loaded, pixelSizeUm: calibration.pixelSizeUm ?? loaded.pixelSizeUm, frameIntervalS: calibration.frameIntervalS ?? loaded.frameIntervalS, zStepUm: calibration.zStepUm ?? loaded.zStepUm };
    const convert = converter(tracks);
    const rules: TrackRule[] = [];
    const add = (measure: TrackMeasure, min: number | undefined, max: number | undefined) => {
      if (min === undefined && max === undefined) return;
      if (min !== undefined && max !== undefined && min > max) throw new InputError(`filter_tracks: the ${MEASURE_WORDS[measure]} bounds exclude every track (at least ${min}, at most ${max}); give a minimum below the maximum`);
      rules.push({ measure, min, max });
    };
    add('frames', args.minFrames, args.maxFrames);
    if (args.minDurationS !== undefined || args.maxDurationS !== undefined) {
      add('duration', args.minDurationS === undefined ? undefined : convert.time(args.minDurationS, 'a shortest duration'), args.maxDurationS === undefined ? undefined : convert.time(args.maxDurationS, 'a longest duration'));
    }
    const speedUnit = args.speedUnit ?? (tracks.pixelSizeUm && tracks.frameIntervalS ? 'um/min' : 'px/frame');
    const speedRule = (measure: 'mean_speed' | 'max_speed', min: number | undefined, max: number | undefined) => {
      if (min === undefined && max === undefined) return;
      add(measure, min === undefined ? undefined : convert.speed(min, speedUnit, `a ${MEASURE_WORDS[measure]} bound`), max === undefined ? undefined : convert.speed(max, speedUnit, `a ${MEASURE_WORDS[measure]} bound`));
    };
    speedRule('mean_speed', args.minMeanSpeed, args.maxMeanSpeed);
    speedRule('max_speed', args.minMaxSpeed, args.maxMaxSpeed);
    const lengthUnit = args.lengthUnit ?? (tracks.pixelSizeUm ? 'um' : 'px');
    const lengthRule = (measure: 'displacement' | 'total_distance', min: number | undefined, max: number | undefined) => {
      if (min === undefined && max === undefined) return;
      add(measure, min === undefined ? undefined : convert.length(min, lengthUnit, `a ${MEASURE_WORDS[measure]} bound`), max === undefined ? undefined : convert.length(max, lengthUnit, `a ${MEASURE_WORDS[measure]} bound`));
    };
    lengthRule('displacement', args.minDisplacement, args.maxDisplacement);
    lengthRule('total_distance', args.minTravel, args.maxTravel);
    add('straightness', args.minStraightness, args.maxStraightness);
    const rank = args.top !== undefined ? { measure: MEASURE_OF[args.rankBy ?? 'speed'], n: args.top, order: args.rankFrom } : undefined;
    if (rules.length === 0 && !args.presentAtStart && !args.presentAtEnd && !args.inFrame && !rank) {
      throw new InputError('filter_tracks needs a rule: e.g. minFrames 10 (at least 10 frames), presentAtStart and presentAtEnd (tracked the whole movie), inFrame "interior", minDisplacement 20 with lengthUnit "um", or top 3 with rankBy "speed"');
    }
    const border = args.inFrame === 'interior' ? ('leftOut' as const) : args.inFrame === 'peripheral' ? ('only' as const) : undefined;
    const touchingBorder = border ? await borderTracks(ctx, tracks) : undefined;
    const filter: TrackFilter = { rules, startsAtFirstFrame: args.presentAtStart, endsAtLastFrame: args.presentAtEnd, border, touchingBorder, rank };
    const result = filterTracks(tracks, filter);
    const out = ctx.outputPath(`${(path.split('/').pop() ?? 'tracks').replace(/\.tracks\.json$|\.json$|\.xml$|\.csv$/i, '')}-filtered.tracks.json`, args.output);
    // (saved with the calibration the tracks were read with, so a later measure of them speaks the same units)
    saveTracksJson(out, result.tracks);
    const before = result.measures.size;
    const rankText = rank ? rankSaid(rank) : '';
    const rule = ruleSaid(args, { length: lengthUnit, speed: speedUnit });
    const ref = ctx.addArtifact('tracks', out, `tracks of ${args.tracks} kept by: ${rule}`);
    const listed = rank ? result.kept.map((id) => `track ${id}: ${shown(rank.measure, result.measures.get(id)![rank.measure], tracks)}`).join(', ') : '';
    const byRule = result.removedBy.filter((r) => r.count > 0).map((r) => `${r.count} by ${MEASURE_WORDS[r.rule.split(' ')[0] as TrackMeasure] ?? r.rule.replace(/_/g, ' ')}`);
    const shortOf = rank && result.kept.length < rank.n ? ` Only ${counted(result.kept.length, 'track')} ${result.kept.length === 1 ? 'was' : 'were'} left to rank (${rank.n} asked).` : '';
    const unitsLine = tracks.pixelSizeUm ? '' : ' Lengths are in px: the tracks have no pixel size.';
    const summary = `Kept ${result.kept.length} of ${counted(before, 'track')} (${result.removed.length} removed${byRule.length ? `: ${byRule.join(', ')}` : ''}) by: ${rule}.${listed ? ` ${capitalise(rankText)}: ${listed}.` : ''}${shortOf}${unitsLine} Saved as ${ref.id}; ${args.tracks} is unchanged.`;
    return {
      summary,
      artifacts: [ref],
      values: {
        kept: result.kept.length,
        removed: result.removed.length,
        tracksBefore: before,
        rule,
        did: `filter the tracks${listed ? ` (${listed})` : ''}`,
        keptTrackIds: result.kept.slice(0, 100),
        removedBy: Object.fromEntries(result.removedBy.map((r) => [r.rule, r.count])),
        rules: rules.map(ruleName),
        lengthUnit: tracks.pixelSizeUm ? 'µm' : 'px',
        timeUnit: tracks.frameIntervalS ? 's' : 'frame',
        path: out,
      },
    };
  },
});

function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

export const tools: ToolSpec[] = [filterTracksTool as unknown as ToolSpec];
