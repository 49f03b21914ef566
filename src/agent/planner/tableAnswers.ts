// Questions answered from the data itself, at the scope asked: the result table whose
// columns fit the question's words, filtered to a frame or a track, and reduced to a mean,
// a median, a spread, an extreme (with the cell it belongs to), a count, a value per frame
// or a comparison between two parts of the movie. A number quotes its unit, and says
// "(no calibration known)" for pixels and frames.
import { changeAtAFrame } from './changeAtAFrame.ts';
import { showsAMadeThing } from './thingShown.ts';
import { existsSync, statSync } from 'node:fs';
import { readTableCsv, type Table } from '../../analysis/table.ts';
import { naturalTimeUnit } from '../../image/calibration.ts';
import type { Conversation, KnownArtifact, PastResult } from './conversation.ts';
import { findFrameRange, findQuantities, parseNumber, seconds, secondsIn, valueText } from './quantities.ts';
import { allowedEdits, editDistance, isStopWord, meaning, tokenize } from './words.ts';
import { type Catalogue, isTruth, selfOf } from './catalogue.ts';
import { askedDimension, asksPerFrame, statedFrameIntervalS, statedPixelSizeUm, withoutToldCalibration, type AskedDimension } from './askedUnits.ts';
import { trackEndsAnswer, trackEndsAsked, trackEventOf, trackSpanAnswer, type TrackEvent } from './trackSpans.ts';
import { asksDisplacementBetweenFrames, asksNetDisplacement, netDisplacementsAnswer, netDisplacementsOfTracks, asksPathLengthBetweenFrames, displacementsAnswer, displacementsBetween, distanceKindOf, pathLengthsAnswer, pathLengthsBetween, type DistanceKind } from './netDisplacement.ts';
import { loadTracksJson } from '../../analysis/trackio.ts';
import { trackTable } from '../../analysis/trackFeatures.ts';
import { incompleteBeta, tQuantile975 } from '../../analysis/seg-stats.ts';
import { CERTAINTY_ASKED, divisionTimeAsked, divisionTimesAnswer } from './divisionTimes.ts';
import type { Tracks } from '../../analysis/tracks.ts';
import { counted } from '../../../tools/counted.ts';
import { withSpacingAsNearestNeighbour } from './spacingWords.ts';
import { readOnce, readOnceCopied } from './textMemo.ts';
import { askedChannelRatio } from './ratioAsked.ts';
import { asksEachOnesEnds, endsOfEach, percentChange } from './eachOnesEnds.ts';
import { namesMeasuredQuantity, opensWithDeclaredQuantity, opensWithOperationName } from './measuredWords.ts';
import { isKnownMethodName } from './methodNames.ts';
import { SIGNIFICANCE } from './untestedDifference.ts';
import { columnInWords, statisticInWords, unitSuffixOf } from './columnWords.ts';
import { withStepsOfTracks } from './stepsOfTracks.ts';
import { withDriftLength } from './driftMagnitude.ts';
import { regionCountAnswer } from './regionCounts.ts';
import { staleAfterCalibration, tablesMeasuredBeforeCalibration } from './staleTables.ts';
import { migrationDirectionAnswer } from './migrationDirection.ts';
import { frameSummaryAnswer } from './frameSummary.ts';
import { asksPosition, asksSeveral, namedThingPosition, orientationAnswer, placeOf, tracksAsTable, type Field } from './objectPosition.ts';
import { edgeRowsAnswer, edgeSubsetOf, keptInWords, keptRows, noColumnReply } from './edgeObjects.ts';
import { averageCompared, relationWords } from './averageCompared.ts';
import { asksFramesOverACount, countsPerFrame, frameCountConditionAnswer, framesInRuns } from './frameCountCondition.ts';

type Reduce = 'mean' | 'median' | 'sd' | 'sem' | 'cv' | 'range' | 'max' | 'min' | 'count' | 'sum' | 'fraction' | 'percentile';
type Row = Table['rows'][number];

/** "longer than 5 min", "above 100 µm²", "at least 3": a comparison with a number in a unit (as written, normalised). */
export interface Condition {
  op: '>' | '<' | '>=' | '<=';
  value: number;
  /** '' when no unit was written; else s, min, h, µm, µm², px, px², frames, %. */
  unit: string;
  /** "faster than average", "bigger than the median": the threshold is that statistic of the rows compared (value unused). */
  relative?: 'mean' | 'median';
  /** "ignore those under 40 px": the rows that meet it are left out and the rest counted (a count with the rule, not a share). */
  excluded?: boolean;
}

/** What a question asks for, read from its words. */
export interface QuestionScope {
  /** 1-based frame, or the first/last frame. */
  frame?: number | 'first' | 'last';
  /** With frame 'last': so many frames before the last ("the penultimate frame", "second-to-last timepoint": 1). */
  beforeLast?: number;
  /** A 1-based inclusive range of frames ("frames 2-4", "between frames 5 and 10"). */
  frames?: { first: number; last: number };
  /** A track or cell number. */
  track?: number;
  /** 1-based channels named ("channel 2", "ch1 and ch2", "C2"): columns of those channels. */
  channels?: number[];
  /** Every channel asked ("of each channel", "per channel", "in both channels"): the columns of every channel the table has. */
  everyChannel?: boolean;
  /** A time in the movie ("after 3 minutes", "at 2 h"), seconds: the frame nearest to it. */
  atTimeS?: number;
  /** A condition on the quantity ("longer than 5 minutes", "bigger than 100 µm²"): rows that meet it are counted. */
  condition?: Condition;
  /** Frames of the movie the tables come from, when known: "the last 3 frames" counts back from its end, not the table's. */
  movieFrames?: number;
  /** The rows a relative clause keeps ("the cells that divided", "tracks without a gap"): those with (or without) an event counted in a column. */
  subset?: Subset;
  /** One value per track or cell listed ("the speed of each track"). */
  perTrack?: boolean;
  /** The rows ranked by the quantity, this many first ("the top 3 fastest cells", "the 5 biggest nuclei"; Infinity: "rank the cells by speed"). */
  top?: number;
  /** One row at a place of the ranking asked by its ordinal ("the second biggest nucleus", "3rd fastest track": 2, 3), with top the same. */
  rank?: number;
  /** The mean over all, with each track's or cell's own value listed after it ("average speed per track"). */
  listsEach?: boolean;
  /** Percentiles asked ("the 90th percentile", "quartiles", "the IQR"), 0-100, with reduce 'percentile'. */
  percentiles?: number[];
  /** Several statistics asked at once ("the mean, min and max area"). */
  stats?: Reduce[];
  /** Asks which frame ("which frame has the most cells?", "when does the intensity peak?"): the frame with the extreme. */
  whichFrame?: boolean;
  /** One track's start or end asked ("when does track 2 start?"): the frames of its first and last spots. */
  trackEvent?: TrackEvent;
  reduce: Reduce;
  /** One value per frame ("in each frame", "over time", "how does ... change"). */
  perFrame: boolean;
  /** Two parts of the movie compared ("first half vs second half", "end vs start", "frame 2 versus frame 5"). */
  compare?: 'halves' | 'ends' | 'frames';
  /** A test of the difference between the parts compared asked ("is that significant?", "p-value?"). */
  significance?: boolean;
  /** How sure a value is asked ("how reliable is that?" after it): its standard error and 95% confidence interval. */
  uncertainty?: boolean;
  /** The two 1-based frames compared ("compare frame 1 and frame 4", "frame 2 vs frame 5"). */
  compareFrames?: [number, number];
  /** Two stretches of frames compared ("the first 10 frames vs the last 10", "frames 1-5 with frames 20-25"), as said. */
  compareRanges?: [FrameStretch, FrameStretch];
  /** Two cells or tracks compared ("is cell 2 faster than cell 5?", "track 3 vs track 7"), the baseline first. */
  compareTracks?: [number, number];
  /** Which end of the extreme a "which frame" question asks ("the fewest cells", "the dimmest frame"). */
  extreme?: 'max' | 'min';
  /** Asks which cell or track ("which cell ...", "the fastest cell"). */
  which: boolean;
  /** Words of the quantity asked for (meanings), without scope and function words. */
  quantity: Set<string>;
}

// ("top speed", "peak intensity": the largest of a quantity named after it; "the top half" is a region, "the top 5" a ranking)
const LARGEST = /\b(?:longest|largest|biggest|most|highest|fastest|quickest|speediest|furthest|farthest|maximum|max|brightest|greatest|busiest|longer|larger|bigger|further|farther|straightest|roundest|straighter|rounder|(?:top|peak)(?=\s+(?:speeds?|velocit\w*|intensit\w*|brightness|signal|fluorescence|areas?|sizes?|displacements?|distances?)\b))\b/i;
/**
 * Two halves of the movie compared: both named, "the halves", early against late, or one half with a comparison
 * ("faster in the second half?", "how does the first half differ"). One half alone with no comparison ("mean speed in
 * the second half") is the frames asked, a scope the steps run on, not a comparison.
 */
export function halvesCompared(text: string): boolean {
  if (/\bhalves\b|\b(?:early|earlier)\b[^?.]*\b(?:late|later)\b|\b(?:late|later)\b[^?.]*\b(?:early|earlier)\b/i.test(text)) return true;
  const first = /\bfirst half\b/i.test(text);
  const second = /\b(?:second|last|latter) half\b/i.test(text);
  if (first && second) return true;
  if (!first && !second) return false;
  return /\b(?:vs\.?|versus|compared?|comparison|against|than|differ\w*|difference|chang(?:e[sd]?|ing)|same|increase[sd]?|decrease[sd]?|drop(?:s|ped)?|rise[sn]?|rose|faster|slower|quicker|bigger|larger|smaller|brighter|dimmer|fainter|higher|lower|longer|shorter|more|less|fewer|greater|further|farther)\b/i.test(text);
}

/** The text without the comparative words a condition with a number is said by, when there is one ("longer than 10 frames"). */
const withoutConditionWords = (text: string, condition: unknown) => (condition ? text.replace(/\b(?:at\s+(?:least|most)|longer|larger|bigger|further|farther|straighter|rounder|more|less|fewer)\b/gi, ' ') : text);
const SMALLEST = /\b(?:shortest|smallest|least|lowest|slowest|minimum|min|dimmest|darkest|fewest|faintest|quietest|tiniest|emptiest)\b/i;

/** "smallest nucleus in frame 3", "the fastest track": a value at its extreme asked in a noun phrase first, no step to run. */
export function opensWithAnExtreme(text: string): boolean {
  return EXTREME_FIRST.test(text.trim()) && !STEP_WORD.test(text) && !SEVERAL_AT_AN_EXTREME.test(text.trim());
}
/**
 * "the longest 10 tracks", "the slowest five trajectories": tracks named with their article, at an extreme and counted, with no
 * question mark, are a selection of them (filter_tracks, which lists those kept with their values), no value asked; said
 * without the article ("fastest 2 tracks pls") it stays a question.
 */
const SEVERAL_AT_AN_EXTREME = /^(?:and\s+|so\s+|now\s+|also\s+|just\s+|only\s+)?the\s+(?:[a-z]+est|most\s+[a-z]+|least\s+[a-z]+)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)\s+(?:[a-z-]+\s+)?(?:tracks|trajectories)\b(?![^?]*\?\s*$)/i;
/** The standard error of the mean by its names ("SEM", "s.e.m.", "standard error", "± SE"). */
const SEM_WORDS = /\bs\.?e\.?m\b\.?|\bstandard errors?\b|±\s*se\b|\+\/-\s*se\b/i;
/** The coefficient of variation by its names ("CV", "coefficient of variation", "relative standard deviation"). */
const CV_WORDS = /\bcv\b|\bcoeff?(?:icient)?\.?\s+of\s+var(?:iation|\.)?|\brelative\s+(?:sd|standard\s+deviation)\b|\brsd\b/i;
/** Words about where, when or how much, not what is measured (removed before the quantity is read). */
const NOT_QUANTITY_WORDS =
  'frames? tracks? cells? nucle(?:us|i) objects? labels? which many count number mean average typical median standard deviation sd spread range vary variation ' +
  'distribution total sum how what is are was were did do does in at on of for each every per over time changed? changes first last half halves second end start ' +
  'beginning middle than more less fewer started starting value values there overall whole movie give tell me show quote unit compare compared between get got become became ' +
  // (a test of the difference asked is how the answer weighs it, no quantity: "(tested for significance)")
  'tested significance significant statistically uncertainty ' +
  // (the spread statistics by their names: "the SEM of the speed", "coefficient of variation of the areas")
  'sem s\\.e\\.m\\.? standard errors? cv coefficients? variance relative ' +
  'longest largest biggest most highest fastest furthest farthest maximum max brightest greatest shortest smallest least lowest slowest minimum min dimmest ' +
  'fewest faintest longer larger bigger further farther higher lower faster slower smaller shorter brighter dimmer quickest speediest speedier busiest darkest quietest emptiest crowded populated who whos ' +
  'going goes go up down increas\\w* decreas\\w* drop\\w* declin\\w* rise rises rising fall\\w* versus vs channels? whole entire full complete film video recording time-?lapse lapse experiment altogether across ' +
  'you they them their its one ones much by from to and or any all some both with between lot overall please pls ' +
  'nuclear percent\\w* proportion fraction share ratio onwards? after before since until till later hours? minutes? mins? seconds? secs? h s µm um px pixels? microns? ' +
  'list individual above below under exceeding least most have has had during throughout course quartiles? interquartile iqr p\\d+ \\d+(?:st|nd|rd|th) ' +
  'trajector(?:y|ies) shr[iau]nk\\w* grow\\w* grew grown swell\\w* swollen becom\\w* getting stay\\w* remain\\w* same stable steady constant last lasts lasted span spans ' +
  // a frame that has, holds or shows the things ("which frame contains the fewest cells?"): where they are, not what is measured
  'contain\\w* hold\\w* includ\\w* see seen visible present found observ\\w* images? pictures? ' +
  // how they were found ("how many did you find?", "how many were detected?"), the variable of time ("at t = 2 min"), a signal's colour: no quantity
  'find finds finding detect(?:s|ed|ing)? identif(?:y|ied|ies) spot(?:ted)? segment(?:ed)? t colou?rs? ' +
  // the recording and its course named in other words ("during the experiment", "from start to finish", "of the time series")
  'experiments? timelapse lapse series serie sequence stack imaging session finish\\w* ended ends ending ' +
  'actual\\w* really truly indeed even just distinct different unique individual separate when where greater smaller exceed\\w* followed proliferat\\w* multipl(?:y|ies|ying|ied) ' +
  // how a value changes or varies ("how does the count evolve?", "how variable are ...", "in terms of"), and a distance covered: no quantity of their own
  'evolv\\w* trends? variab\\w* terms? cover(?:s|ed|ing)? ' +
  // a ranking asked ("the top three", "rank them by"): no quantity of its own
  'top rank\\w* sort\\w* order(?:ed)? two three four five six seven eight nine ten ' +
  // a hedge on the number asked ("roughly", "ballpark", "approx."), a word of adding ("also", "too"), the ends named
  // in other words ("the final frame", "the initial count"): none is what is measured
  'rough\\w* approx\\w* about around ballpark estimated? ish also too';
const NOT_QUANTITY = new RegExp(`\\b(?:${NOT_QUANTITY_WORDS.split(' ').join('|')})\\b`, 'gi');
const NOT_QUANTITY_WORD = new RegExp(`^(?:${NOT_QUANTITY_WORDS.split(' ').join('|')})$`, 'i');

/** A word about where, when, which or how much ("biggest", "last", "mean"), never the quantity itself. */
export function isNotQuantityWord(word: string): boolean {
  return NOT_QUANTITY_WORD.test(word);
}

/** A word as the matcher compares it, plurals made singular first ("speeds" and "speed" are one word). */
function wordKeys(text: string): Set<string> {
  // ("intensities" is "intensity": -ies plurals too)
  return new Set(tokenize(text.replace(/\b(\w{4,})ies\b/gi, '$1y').replace(/\b(\w{3,}[^s])s\b/gi, '$1')).map((t) => meaning(t.stem)));
}

/** Removes units ("µm/min", "px²") so that "min" in a unit does not read as "minimum". */
export function withoutUnits(text: string): string {
  return text
    .replace(/(?<![\p{L}\d])(?:µm|um|μm|px|pixels?|microns?|micrometers?|micrometres?)(?:\s*(?:\/|per)\s*(?:min(?:ute)?|s|sec(?:ond)?|h(?:our)?|frame)|²|\^?2)?(?![\p{L}\d])/giu, ' ')
    // "per minute" is a unit; "per frame" alone is a scope ("how many cells per frame")
    .replace(/\bper\s+(?:min(?:ute)?|second|hour)\b/gi, ' ')
    // "the frame interval is 5 min": a time with its unit, never a minimum
    .replace(/(?<![\p{L}\d])\d+(?:[.,]\d+)?\s*(?:mins?|minutes?)(?![\p{L}\d])/giu, ' ')
    // ("how long is each track in min?": the unit asked, never a minimum; "the min and max" keeps it)
    .replace(/\b(in|into|as)\s+mins?\b(?!\s*(?:and|or|&|\/)\s*max)/gi, '$1 minutes');
}

/** Words of the shape of a path (how straight or persistent it is): a question with one asks no distance. */
const MOTION_SHAPE = /\b(?:straight\w*|persisten\w*|directional\w*|directed|directness|confine\w*|linearity|tortuos\w*)\b/i;

/** "covered the most ground", "covers the greatest distance": the distance travelled, said as a phrase. */
const COVERED_GROUND = /\bcover(?:s|ed|ing)?\s+(?:the\s+)?(?:\w+\s+)?(?:distance|ground)\b/i;

/**
 * The quantity an adjective of size, speed, brightness or distance stands for ("bigger" →
 * area, "the slowest" → speed); "longest" is a distance when the cells travel, else a duration.
 */
export function quantityOfAdjectives(whole: string): string {
  // "the largest number of nuclei", "the highest count": the extreme of a count, no size of the things
  const text = whole.replace(/\b\w+(?=\s+(?:number|count|amount|quantity)\b)/gi, ' ');
  const words: string[] = [];
  // ("does the number of cells grow?", "is the population growing?": the count grows, no size)
  const countGrows = /\b(?:number|count|how many|population|cells? numbers?)\b/i.test(whole) && !/\b(?:big|bigger|biggest|large|larger|largest|small|smaller|smallest|tiny|tiniest|area|size)\b/i.test(text);
  if (/\b(?:big|bigger|biggest|large|larger|largest|small|smaller|smallest|tiny|tiniest)\b/i.test(text) || (!countGrows && /\b(?:grow\w*|grew|grown|shr[iau]nk\w*|swell\w*|swollen)\b/i.test(text))) words.push('area');
  // (how much a cell moves by its degree, "the least motile", "the most mobile": its speed)
  if (/\b(?:fast|faster|fastest|slow|slower|slowest|slowly|quick|quicker|quickest|quickly|rapidly|speedy|speedier|speediest|motile|mobile|motility|mobility)\b/i.test(text)) words.push('speed');
  if (/\b(?:bright|brighter|brightest|dim|dimmer|dimmest|faint|fainter|faintest|dark|darker|darkest|intense|glow\w*)\b/i.test(text)) words.push('intensity');
  // ("how far apart are the nuclei?": the distance between objects, no motion)
  if (/\b(?:far|further|furthest|farther|farthest)\b/i.test(text)) words.push(BETWEEN_OBJECTS.test(text) ? 'nearest neighbour' : 'distance');
  if (/\b(?:round|rounder|roundest|roundness|circular|elongated|oval|irregular)\b/i.test(text)) words.push('circularity');
  if (/\b(?:straighter|straightest)\b/i.test(text)) words.push('straightness');
  // "for how many frames is track 1 followed?": how long it lasts, in frames
  if (/\bhow many (?:frames|time ?points)\b[^?.]*\b(?:track|trajectory)\b|\b(?:track|trajectory)\s*#?\d+\b[^?.]*\bhow many (?:frames|time ?points)\b/i.test(text)) words.push('duration');
  else if (/\b(?:long|longer|longest|short|shorter|shortest)\b/i.test(text)) words.push(/\b(?:travel\w*|mov\w*|migrat\w*|distance|path|go|went)\b/i.test(text) ? 'distance' : 'duration');
  // ("the most persistent mover", "migrates most directionally": how straight, said of the motion, is no distance)
  else if (words.length === 0 && !MOTION_SHAPE.test(text) && (/\b(?:travel\w*|moved?|moving|migrat\w*|wander\w*)\b/i.test(text) || COVERED_GROUND.test(text))) words.push('distance');
  return words.join(' ');
}

/**
 * A distance between the objects of a frame ("the nearest neighbour distance", "how far apart are the nuclei", "spacing
 * between cells"): how they lie in the field, never how far they moved (no tracks, no steps between frames).
 */
export const BETWEEN_OBJECTS = /\b(?:nearest|closest)[\s-]+neighbou?rs?\b|\bneighbou?r(?:ing)?\s+(?:distances?|spacing)\b|\bfar\s+apart\b|\bspacing\b|\bdistances?\s+(?:between|among)\s+(?:the\s+)?(?:neighbou?ring\s+)?(?:cells|nuclei|objects|neighbou?rs)\b|\binter-?(?:nuclear|cell(?:ular)?)\s+distances?\b/i;

/** "For how many hours is the longest track followed?", "how many microns did it go?": an amount in a unit of time or length, never a count of things. */
const HOW_MANY_UNITS = /\bhow many\s+(?:minutes|mins|hours|hrs|seconds|secs|days|pixels|microns|micrometers|micrometres|µm|um)\b/i;

/** An extreme said of a count ("the peak cell count", "maximum number of nuclei"). */
const COUNT_EXTREME = /\b(?:peak|max(?:imum)?|highest|largest|greatest|biggest|lowest|min(?:imum)?|smallest)\s+(?:(?:cell|nuclear|nucleus|nuclei|object)\s+)?(?:count|number)\b/i;

/** Ordinals from "second" on: "first" and "last" name the ends of the movie, read as such. */
/** "how far did each cell travel in total": "in total" says the path, not a sum. */
const HOW_FAR_IN_TOTAL = /\bhow far\b[^?]*\bin total\b/i;
const ORDINAL_WORDS = ['second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];
const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const FRAME_NOUN = String.raw`(frame|time ?point|timepoint)`;
// ("the 2nd track", "the third cell": a thing by its number too; "track two cells" stays a step)
const ORDINAL_FRAME = new RegExp(String.raw`\b(?:the\s+)?(?:(\d{1,5})(?:st|nd|rd|th)|(${ORDINAL_WORDS.join('|')}))\s+(frame|time ?point|timepoint|track|cell|nucleus|object)\b(?!s)`, 'gi');
const FRAME_NUMBER_WORD = new RegExp(String.raw`\b${FRAME_NOUN}\s+(${NUMBER_WORDS.join('|')})\b`, 'gi');

/**
 * A question with the shorthand and slips of chat written out ("hw many r there", "whats
 * the avg", "ch2", "pls"), so that the readers below see the words themselves.
 */
export function plainQuestion(question: string): string {
  return readOnce(plainQuestionOnce, question);
}

function plainQuestionOnce(question: string): string {
  return withSpacingAsNearestNeighbour(withoutSlips(squareUnits(question))
    .replace(/\b(?:hw|hwo|hoe)\b/gi, 'how')
    .replace(/\b(?:wich|whcih|wihch|whihc)\b/gi, 'which')
    .replace(/\b(?:waht|wht)\b/gi, 'what')
    .replace(/\b(?:wat|wht|wut)\b/gi, 'what')
    .replace(/\b(?:whats|wats|what['’]s)\b/gi, 'what is')
    .replace(/\b(how|what|why|where|who|when)['’]d\b/gi, '$1 did')
    // "i.e.", "e.g.": what follows says it again, no word of its own
    .replace(/(?<![\p{L}\d])(?:i\.\s?e\.?|e\.\s?g\.?)(?=[\s,:])/giu, ' ')
    // "how many microns per hour do they move?": a length per time asked by its unit is a speed, no count of things
    .replace(/\bhow many\s+((?:micro(?:n|meter|metre)s?|µm|um|pixels?|px|nano(?:meter|metre)s?|nm|milli(?:meter|metre)s?|mm)\s*(?:per|an?|each|every|\/)\s*(?:hours?|hrs?|h|minutes?|mins?|min|seconds?|secs?|s|frames?))\b/gi, 'what is the average speed in $1')
    // "how long was cell 2 followed for?", "for how long is track 3 tracked", "how long were they visible?": the time a
    // thing is followed, its duration, never a length it travelled
    // ("how long did the longest-lived track last?", "how long do cells survive": the same, said by a verb of lasting)
    .replace(/\b(?:for\s+)?how long\s+(?:was|is|were|are|did|does|do|has|have|had)\s+((?:(?:the|this|that|each|every|my)\s+)?(?:[\p{L}]+(?:-[\p{L}]+)*\s+)?[\p{L}]+(?:\s*#?\d+)?)\s+(?:been\s+)?(?:followed|tracked|seen|visible|present|detected|observed|found|kept|in view|in the (?:movie|frame|field)|around|last(?:ed|s)?|live[ds]?|persist(?:ed|s)?|survive[ds]?|stay(?:ed|s)?)\b(?:\s+for\b)?/giu, 'what is the duration of $1')
    // "how much cells are there": a count of things, as "how many" (non-native English)
    .replace(/\bhow much\s+(?=(?:\w+\s+)?(?:cells|nuclei|objects|tracks|trajectories|blobs|divisions|frames|pixels|channels|slices|planes|timepoints|time points)\b)/gi, 'how many ')
    // "more slow", "more big": the comparative as one word (non-native English)
    .replace(/\bmore\s+(slow|fast|big|small|bright|dim|quick|long|short|large|high|low)\b/gi, (_, w: string) => `${w}${/^(?:big|dim)$/i.test(w) ? w.slice(-1) : ''}${/e$/i.test(w) ? 'r' : 'er'}`)
    // "the mean sped", "velocty": short slips of the quantity ("sped up" stays a change of speed)
    .replace(/\bsped\b(?!\s+up\b)/gi, 'speed')
    .replace(/\bu\b/gi, 'you')
    .replace(/\br\b/gi, 'are')
    .replace(/\b(?:avg|ave|av|avrage|averge|avarage|averag|avergae)\b\.?/gi, 'average')
    .replace(/\b(?:pls|plz|please|pl[sz]e?)\b/gi, ' ')
    // "and the average as well": "as well" is "too", never a plate's well
    .replace(/\bas\s+well(?!\s+as\b)(?=\s*(?:[,.!?;]|$|please|pls|thanks))/gi, ' ')
    .replace(/\bno\.\s*of\b|\b#\s*of\b/gi, 'number of')
    // "the cell density", "nuclear density": the density of the things (objects per mm², measure kind "summary"), never
    // their bare count (a count per field says nothing of the area it is in)
    .replace(/\b(?:the\s+)?(?:cell|cellular|nuclear|nucleus|nuclei)\s+(densit(?:y|ies))\b/gi, 'the $1 of cells')
    // "is the cell population growing?", "the population size": the number of cells too
    .replace(/\b(?:the\s+)?(?:cell\s+|nuclear\s+|nuclei\s+)?population(?:\s+size)?\b(?!\s+(?:of|with)\b)/gi, 'the number of cells')
    // "n per timepoint", "n in frame 3": n is the lab's word for a count
    .replace(/(?<![\p{L}\d'’])n(?=\s+(?:per|in|at|over|for|by)\s)/giu, 'count')
    .replace(/\b(?:ch|chan|chnl|chl|c)\s*(\d)\b/gi, 'channel $1')
    // "channel 1 or 2", "which channel is brighter, 1 or 2?": the word said once for both numbers
    .replace(/\bchannel (\d)\s*(or|and|vs\.?|versus)\s*(\d)\b(?!\s*(?:%|[µu]m|px|pixels?|frames?|mins?|s\b))/gi, 'channel $1 $2 channel $3')
    .replace(/(\b(?:which|what)\s+channel\b[^.?!]{0,40}?[\s,(])(\d)\s*(or|vs\.?|versus)\s*(\d)\b(?!\s*(?:%|[µu]m|px|pixels?|frames?|mins?|s\b))/gi, '$1channel $2 $3 channel $4')
    // lab shorthand of a thing numbered ("trk 2", "traj #3", "fr 5", "tp 4") as its word; of things counted ("trks")
    .replace(/\b(?:trk|trck|trak)\s*#?\s*(\d+)\b(?!\s*(?:px|pixels?|µm|um|frames?)\b)/gi, 'track $1')
    .replace(/\btraj\.?\s*#?\s*(\d+)\b/gi, 'trajectory $1')
    .replace(/\b(?:fr|frm)\.?\s*#?\s*(\d+)\b/gi, 'frame $1')
    .replace(/\btp\s*#?\s*(\d+)\b/gi, 'timepoint $1')
    .replace(/\b(?:trks|trcks)\b/gi, 'tracks')
    // "spot count", "spot numbers": TrackMate's word for the objects found, counted
    .replace(/\bspot\s+(counts?|numbers?)\b/gi, 'object $1')
    // ("..., TrackMate style", "Fiji-like", "à la CellProfiler": a manner of presenting closing the question, no step)
    .replace(/[,;]?\s*(?:(?:in\s+)?(?:the\s+)?[\p{L}][\p{L}\d]*[- ](?:style|like|way)|(?:à|a)\s+la\s+[\p{L}][\p{L}\d]*)\s*(?=[?.!]*\s*$)/giu, '')
    // "the 2nd half", "1st half": the halves by their words
    .replace(/\b1st\s+half\b/gi, 'first half')
    .replace(/\b2nd\s+half\b/gi, 'second half')
    // "the 2nd frame", "the third timepoint", "frame two": the frame by its number ("first" and "last" stay the ends of the movie)
    .replace(ORDINAL_FRAME, (_, digits: string | undefined, word: string | undefined, noun: string) => `${noun} ${digits ?? ORDINAL_WORDS.indexOf(word!.toLowerCase()) + 2}`)
    .replace(FRAME_NUMBER_WORD, (_, noun: string, word: string) => `${noun} ${NUMBER_WORDS.indexOf(word.toLowerCase()) + 1}`)
    .replace(/\s+/g, ' ')
    .trim());
}

/** Areas in words as their symbols: "square pixels", "sq microns", "pixels squared", "um2" → px², µm². */
export function squareUnits(text: string): string {
  return text
    .replace(/\b(?:square|sq\.?)\s+(?:pixels?|px)\b|\b(?:pixels?|px)\s+squared\b/gi, 'px²')
    .replace(/\b(?:square|sq\.?)\s+(?:microns?|micrometers?|micrometres?|µm|μm|um)(?![\p{L}²])|\b(?:microns?|micrometers?|micrometres?|µm|μm|um)\s+squared\b/giu, 'µm²')
    .replace(/(\d\s*)(?:µm|μm|um)2\b/gi, '$1µm²')
    .replace(/(\d\s*)px2\b/gi, '$1px²');
}

/** The words the question reader knows (statistics, extremes, quantities, what is counted): a slip of one ("avrage", "fastes", "velocty") is read as it. */
const READER_WORDS = (
  'which what average median maximum minimum deviation spread range total percentage percentile percentiles quartile quartiles fraction ' +
  'fastest slowest biggest largest smallest longest shortest furthest farthest brightest dimmest highest lowest straightest roundest tiniest ' +
  'faster slower bigger larger smaller longer shorter further brighter dimmer higher lower ' +
  'speed speeds velocity intensity brightness fluorescence signal displacement distance duration lifetime area size number length ' +
  'nuclei nucleus cells tracks track trajectories trajectory frame frames timepoint divisions divided dividing ' +
  'travelled traveled moved migrated straightness circularity perimeter diffusion between compare divide shrinking growing standard first last final ' +
  // the words a question is built of ("how mnay", "teh most", "hwo much"): a slip of one hides the question itself
  // (no word that other words are a slip of: "three" is "there" with two letters swapped)
  'many much the how'
).split(' ');
const READER_SET = new Set(READER_WORDS);

/** Words within a slip of a word the reader knows, written as that word: two letters swapped (three letters or more), or one edit with the same first letter (five or more). */
function withoutSlips(text: string): string {
  return text.replace(/\p{L}{3,}/gu, (word) => {
    const lower = word.toLowerCase();
    if (READER_SET.has(lower) || isStopWord(lower)) return word;
    // two letters swapped ("lsat", "frist", "avergae"): the commonest slip, even in short words
    for (let i = 0; i + 1 < lower.length; i++) {
      const swapped = `${lower.slice(0, i)}${lower[i + 1]}${lower[i]}${lower.slice(i + 2)}`;
      if (swapped !== lower && READER_SET.has(swapped)) return swapped;
    }
    if (lower.length < 5) return word;
    const near = READER_WORDS.find((w) => w[0] === lower[0] && Math.abs(w.length - lower.length) <= 1 && editDistance(lower, w, allowedEdits(w)) <= allowedEdits(w));
    return near ?? word;
  });
}

/** Both ends of the movie named ("first and last frame", "from start to end", "at the end than at the start"). */
const EARLY = /\b(?:first|start|starting|beginning|begin|initial|initially|onset)\b/i;
const LATE = /\b(?:last|end|ending|final|finally|finish|finished)\b/i;

/** A change asked about ("going down", "increasing", "drop", "over the movie"): one value per frame answers it. */
const TREND = /\b(?:over time|through time|get(?:s|ting)\s+(?:more\s+|less\s+)?(?:\w+er|brighter|dimmer|bigger|smaller|faster|slower|fewer)|with time|(?<!\b(?:longest|shortest|longer|shorter|long|short)\s)in (?:the )?time(?![- ]?points?)|as time (?:goes|passes)(?: on| by)?|(?:as|while) the (?:movie|film|video|recording|experiment|time ?course|time-?lapse) (?:goes on|goes|progresses|proceeds|runs|continues)|(?:from )?frame to frame|grow(?:s|ing)?|proliferat\w*|multipl(?:y|ies|ying)|shr[iau]nk(?:s|ing)?|during the (?:movie|film|video|recording|experiment|time ?course|time-?lapse)|becom(?:e|es|ing)|over the (?:movie|film|video|recording|time ?course|time-?lapse)|(?:across|along|throughout|through) the (?:time ?course|time-?lapse|time[- ]?series)|change[sd]?|changing|evolve[sd]?|evolving|trend|frame by frame|going (?:up|down)|go(?:es)? (?:up|down)|increas\w*|decreas\w*|drop\w*|declin\w*|ris(?:e|es|ing)|fall\w*|fad(?:e|es|ed|ing)|decay\w*)\b/i;
/** Speeding up or slowing down: a change of speed over time. */
const SPEED_CHANGE = /\b(?:speed(?:s|ing)?|sped) up\b|\bslow(?:s|ing|ed)? down\b|\baccelerat\w*|\bdecelerat\w*/i;

/** 1-based channels a question names ("channel 2", "channels 1 and 2", "compare channel 1 and channel 2"). */
function channelsOf(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\bchannels?\s*(\d)(?:\s*(?:and|&|,|vs\.?|versus|to|with)\s*(?:channel\s*)?(\d))?/gi)) {
    for (const n of [m[1], m[2]]) if (n && !out.includes(Number(n))) out.push(Number(n));
  }
  return out;
}

/** Every channel asked at once ("mean intensity of each channel", "per channel", "in both channels", "across all channels"). */
// ("between the two channels", "in the 3 channels", "between channels": all of them, compared)
const EVERY_CHANNEL = /\b(?:each|every|per|both(?:\s+the)?|all(?:\s+(?:the|\d+))?|across(?:\s+(?:the|all))?(?:\s+\d+)?|by|for\s+(?:each|every|all|both))\s+(?:of\s+the\s+)?channels?\b|\bchannel\s+by\s+channel\b|\b(?:between|among|across)\s+(?:the\s+|my\s+|our\s+)?(?:(?:two|three|four|[2-9])\s+)?(?:different\s+)?channels\b|\b(?:in|of|for|from|over)\s+(?:the\s+|my\s+|our\s+)?(?:two|three|four|[2-9])\s+(?:different\s+)?channels\b/i;

/** Two frames named apart ("frame 1 and frame 4", "frame 2 versus frame 5", "frame 3 vs 1"). */
/** Two frames compared with "than": "bigger in frame 6 than (in) frame 1". */
/** A stretch of frames said in a comparison: the first or last n, or a range by its numbers (1-based). */
export type FrameStretch = { first: number } | { last: number } | { from: number; to: number };
const STRETCH = String.raw`(?:(?:the\s+)?(?:first|initial)\s+(\d+)(?:\s+(?:frames?|time ?points?|timepoints?))?|(?:the\s+)?(?:last|final)\s+(\d+)(?:\s+(?:frames?|time ?points?|timepoints?))?|(?:frames?|time ?points?|timepoints?)\s*#?(\d+)\s*(?:-|–|to|through)\s*(\d+))`;
/** "the first 10 frames vs the last 10", "frames 1-5 compared with frames 20-25", "faster in the first 3 frames than in the last 3". */
const TWO_STRETCHES = new RegExp(String.raw`${STRETCH}[^?.]{0,40}?\b(?:vs\.?|versus|compared\s+(?:to|with)|against|than|with|and|or)\s+(?:(?:in|at|for|over|during|to|the)\s+)*${STRETCH}`, 'i');
const stretchOf = (m: RegExpExecArray, at: number): FrameStretch | undefined => (m[at] ? { first: Number(m[at]) } : m[at + 1] ? { last: Number(m[at + 1]) } : m[at + 2] && m[at + 3] ? { from: Number(m[at + 2]), to: Number(m[at + 3]) } : undefined);
/** Two stretches of frames a question compares; undefined for one, or for two said with no comparison ("frames 1-5 and 10-15" listed). */
function comparedStretches(text: string): [FrameStretch, FrameStretch] | undefined {
  // ("is the speed different before and after frame 20?", "after frame 10 vs before it": the movie split at a frame, the frames
  // before it against the frames after it)
  const split = SPLIT_AT_FRAME.exec(text);
  const at = split ? Number(split[1] ?? split[2]) : 0;
  if (at > 1) return [{ first: at - 1 }, { from: at + 1, to: Infinity }];
  const m = TWO_STRETCHES.exec(text);
  // ("do they slow down after the drug at frame 25?": a change asked at one frame splits the movie there, changeAtAFrame.ts)
  if (!m) return changeAtAFrame(text);
  const [a, b] = [stretchOf(m, 1), stretchOf(m, 5)];
  if (!a || !b) return undefined;
  const joined = /\b(?:vs\.?|versus|compared|against|than)\b/i.test(m[0]) || /\bcompar|\bdiffer|\bchange|\bor\b|\b(?:faster|slower|bigger|larger|smaller|brighter|dimmer|higher|lower|more|less|fewer)\b/i.test(text);
  return joined ? [a, b] : undefined;
}

const FRAME_WORD = String.raw`(?:frame|time ?point|timepoint|t)\s*#?`;
const SPLIT_AT_FRAME = new RegExp(String.raw`\b(?:before|prior\s+to|pre)\s*(?:-|and|&|vs\.?|versus|or|\/|compared\s+(?:to|with))\s*(?:after|post)\s+${FRAME_WORD}(\d+)\b|\b(?:after|post)\s*(?:-|and|&|vs\.?|versus|or|\/|compared\s+(?:to|with))\s*(?:before|prior\s+to|pre)\s+${FRAME_WORD}(\d+)\b`, 'i');
const THAN_FRAMES = /\b(?:frame|time ?point|timepoint|t)\s*#?(\d+)\b[^?.]{0,40}?\bthan\s+(?:(?:in|at|on|the)\s+)*(?:(?:frame|time ?point|timepoint|t)\s*#?)(\d+)\b/i;
const TWO_FRAMES = /\b(?:frame|time ?point|timepoint|t)\s*#?(\d+)\b[^?.]{0,40}?\b(?:and|or|vs\.?|versus|compared (?:to|with)|against|with|to)\s+(?:(?:in|at|the)\s+)?(?:(?:frame|time ?point|timepoint|t)\s*#?)?(\d+)\b(?!\s*(?:-|–|to)\s*\d)/i;

/** Two frames named in one plural ("frames 2 and 5", "timepoints 1 & 4", "frames 3 vs 6"). */
// ("between frames 3 and 8" is the frames between them)
const PLURAL_TWO_FRAMES = /(?<!\b(?:between|from)\s+(?:the\s+)?)\b(?:frames|time ?points|timepoints)\s*#?(\d+)\s*(?:and|&|vs\.?|versus)\s*#?(\d+)\b(?!\s*(?:-|–|to)\s*\d)/i;

/** Frames open at one end: "from frame 5 onwards", "after frame 5", "before frame 5", "up to frame 5" (Infinity: to the end). */
function openFrameRange(text: string): { first: number; last: number } | undefined {
  // "the last 5 frames": counted back from the end (first <= 0 until the table's frames are known)
  const back = /\b(?:last|final)\s+(\d+)\s+(?:frames?|time ?points?)\b/i.exec(text);
  if (back) return { first: 1 - Number(back[1]), last: Infinity };
  let m: RegExpExecArray | null = /\b(?:from|since|starting (?:at|from))\s+(?:frame|time ?point|t)\s*=?\s*(\d+)\s*(?:on(?:wards?)?|to the end|until the end)?/i.exec(text);
  if (m) return { first: Number(m[1]), last: Infinity };
  // ("at timepoint 2 on average": "on" opens other words, no range)
  m = /\b(?:frame|time ?point)\s*(\d+)\s+(?:on(?:wards?)?|and later|and after)\b(?!\s+(?:average|avg|a\b|the\b|each\b|every\b|its\b|their\b))/i.exec(text);
  if (m) return { first: Number(m[1]), last: Infinity };
  m = /\bafter\s+(?:frame|time ?point)\s*(\d+)/i.exec(text);
  if (m) return { first: Number(m[1]) + 1, last: Infinity };
  m = /\bbefore\s+(?:frame|time ?point)\s*(\d+)/i.exec(text);
  if (m) return { first: 1, last: Math.max(1, Number(m[1]) - 1) };
  m = /\b(?:up to|until|till|through)\s+(?:frame|time ?point)\s*(\d+)/i.exec(text);
  if (m) return { first: 1, last: Number(m[1]) };
  return undefined;
}

/** A time in the movie: "after 3 minutes", "at 2 h", "by 90 s", "30 min in" (seconds), not a speed's unit. */
function timeOf(question: string): number | undefined {
  for (const q of findQuantities(question)) {
    if (q.kind !== 'time' || q.unit === 'ms') continue;
    if (/\b(?:per|\/)\s*$/i.test(q.before) || /^\s*(?:interval|intervals|apart)/i.test(q.after)) continue;
    // ("at t = 2 min", "t=90 s": a time in the movie written as its variable)
    if (/\b(?:after|at|by|around|about|within)\s*(?:the\s+)?$|\bt\s*=\s*$/i.test(q.before) || /^\s*(?:in|into the movie|into the (?:film|video|recording))\b/i.test(q.after)) return seconds(q);
  }
  return undefined;
}

const UNIT_OF: Record<string, string> = { s: 's', min: 'min', h: 'h', px: 'px', um: 'µm', frame: 'frames', '%': '%' };

/** "longer than 5 minutes", "bigger than 100 µm²", "above 0.5", "at least 3 frames", "> 2": a comparison on the quantity. */
function conditionOf(asked: string): Condition | undefined {
  const question = squareUnits(asked);
  // "faster than average", "bigger than the median nucleus": against the rows' own mean or median
  const relative = /\b(more|greater|larger|bigger|longer|faster|quicker|higher|brighter|further|farther|less|fewer|smaller|shorter|slower|lower|dimmer|above|below|under|over)\s+(?:than\s+)?(?:the\s+)?(?:average|mean|typical|median)\b(?!\s+(?:of|for|in)\b)/i.exec(plainQuestion(question));
  if (relative) {
    const op: Condition['op'] = /^(?:less|fewer|smaller|shorter|slower|lower|dimmer|below|under)$/i.test(relative[1]) ? '<' : '>';
    return { op, value: 0, unit: '', relative: /median/i.test(relative[0]) ? 'median' : 'mean' };
  }
  const m = /(\b(?:more|greater|larger|bigger|longer|faster|higher|brighter|further|farther|less|fewer|smaller|shorter|slower|lower|dimmer)\s+than|\b(?:above|over|exceeding|below|under|at least|at most|no more than|no less than|min(?:imum)? of|max(?:imum)? of)|[<>]=?|≥|≤)\s*(\d+(?:[.,]\d+)?)\s*((?:µm|um|μm|microns?|px|pixels?)\s*(?:\/|per)\s*(?:min(?:ute)?|s(?:ec(?:ond)?)?|h(?:our)?|frame)\b|µm²|um²|µm\^?2|um\^?2|px²|px\^?2|µm|um|microns?|px|pixels?|s\b|sec\w*|min\w*|h\b|hours?|frames?|time ?points?|%)?/i.exec(question);
  if (!m) return undefined;
  // "over time", "over 3 frames" of a range are not conditions; a time right after "after"/"at" is a time in the movie
  if (/^over$/i.test(m[1]) && /frames?|time/i.test(m[3] ?? '')) return undefined;
  const word = m[1].toLowerCase();
  const op: Condition['op'] = /^(?:at least|no less than|min|≥|>=)/.test(word) ? '>=' : /^(?:at most|no more than|max|≤|<=)/.test(word) ? '<=' : /^(?:less|fewer|smaller|shorter|slower|lower|dimmer|below|under|<)/.test(word) ? '<' : '>';
  const written = (m[3] ?? '').toLowerCase();
  // a speed: "1 µm/min", "2 px per frame"
  const speed = /^(µm|um|μm|micron\w*|px|pixel\w*)\s*(?:\/|per)\s*(\w+)/.exec(written);
  if (speed) {
    const time = /^min/.test(speed[2]) ? 'min' : /^s/.test(speed[2]) ? 's' : /^h/.test(speed[2]) ? 'h' : 'frame';
    return { op, value: Number(m[2].replace(',', '.')), unit: `${/^(?:px|pixel)/.test(speed[1]) ? 'px' : 'µm'}/${time}`, ...(EXCLUDES_BEFORE.test(question.slice(0, m.index)) ? { excluded: true } : {}) };
  }
  // "ignore those under 40 px", "leaving out anything smaller than 20 µm²": the rows that meet it are left out, the rest counted
  const excluded = EXCLUDES_BEFORE.test(question.slice(0, m.index));
  const area = /²|\^?2$/.test(written);
  const unit = !written ? '' : area ? (/px/.test(written) ? 'px²' : 'µm²') : /^(?:µm|um|micron)/.test(written) ? 'µm' : /^(?:px|pixel)/.test(written) ? 'px' : /^(?:s|sec)/.test(written) ? 's' : /^min/.test(written) ? 'min' : /^(?:h|hour)/.test(written) ? 'h' : /^(?:frame|time)/.test(written) ? 'frames' : written === '%' ? '%' : UNIT_OF[written] ?? written;
  return { op, value: Number(m[2].replace(',', '.')), unit, ...(excluded ? { excluded: true } : {}) };
}

/** Words that leave out what the condition after them names ("if I ignore those", "excluding any", "not counting the ones"). */
const EXCLUDES_BEFORE = /\b(?:ignor\w*|exclud\w*|leav\w*\s+out|left\s+out|not\s+count\w*|without\s+count\w*|discard\w*|disregard\w*|throw\w*\s+(?:out|away)|filter\w*\s+out|drop\w*|remov\w*|skip\w*|minus|except|apart\s+from|other\s+than|don'?t\s+count|do\s+not\s+count)\b(?:\s+[\w'-]+){0,3}?\s+(?:out\s+)?(?:those|ones?|anything|everything|any|all|objects?|nuclei|nucleus|cells?|tracks?|trajector(?:y|ies)|blobs?|spots?|debris|bits?|stuff|them)(?:\s+(?:that|which|who|are|is|were|with|of|whose|having|sized?|size))*\s*$/i;

/** Rows kept by an event they had or lacked: "that divided" keeps rows with a count of divisions above 0. */
export interface Subset {
  /** The words that name the event ("divided", "a gap"). */
  words: string;
  /** "without a division", "that did not divide", "non-dividing": rows with none. */
  negated: boolean;
  /** The phrase as written, removed before the quantity is read. */
  phrase: string;
  /** A 0/1 column of the table that keeps the rows ("touching the border": touches_edge, edgeObjects.ts), when the words name one. */
  column?: string;
}

/** Columns that count events of a track: a relative clause names one of them ("that divided", "with a gap"), else it only describes. */
const EVENT_COLUMNS = ['NUMBER_SPLITS', 'NUMBER_GAPS', 'NUMBER_MERGES'];
export function namesAnEvent(words: string): boolean {
  const asked = [...wordKeys(words)];
  return EVENT_COLUMNS.some((c) => [...columnWords(c)].some((o) => asked.some((w) => o === w || (w.length >= 4 && o.startsWith(w)) || (o.length >= 4 && w.startsWith(o)))));
}

/** A count of events a table of tracks counts ("how many mitoses over the whole experiment?", "number of divisions"). */
export function countsEvents(question: string): boolean {
  const counted = /\b(?:how\s+many|number\s+of|count)\s+(?:of\s+)?(?:the\s+)?([\p{L}-]+)/iu.exec(plainQuestion(question));
  return !!counted && namesAnEvent(counted[1]);
}

const THINGS = String.raw`(?:cells?|tracks?|nucle(?:us|i)|objects?|trajector(?:y|ies)|ones|those|lineages?)`;
/**
 * "the cells that divided", "tracks which had a gap", "cells without a division", "the ones that
 * didn't divide", "non-dividing cells", "dividing cells": the rows a question keeps, by an event.
 */
function subsetOf(text: string): Subset | undefined {
  const byColumn = edgeSubsetOf(text);
  if (byColumn) return byColumn;
  const relative = new RegExp(String.raw`\b${THINGS}\s+(?:that|which|who|with|without|having)\s+((?:(?:did|do|does|have|has|had|ever|never|not|n't|no|any|a|an|one|at least one|undergo|underwent|went through|show|showed|shows)\s+)*)([\p{L}-]{4,})`, 'iu').exec(text);
  if (relative && namesAnEvent(relative[2])) {
    const head = `${relative[0].split(/\s+/)[1]} ${relative[1]}`.toLowerCase();
    const negated = /\b(?:without|never|not|no)\b|n't/.test(head) || /\bdid\s*n['’]?t\b/.test(relative[0]);
    return { words: relative[2], negated, phrase: relative[0].replace(new RegExp(String.raw`^${THINGS}\s+`, 'i'), '') };
  }
  const adjective = new RegExp(String.raw`\b(non-?)?([\p{L}]{4,}ing)\s+(?=${THINGS}\b)`, 'iu').exec(text);
  if (adjective && namesAnEvent(adjective[2]) && (adjective[1] || !/\bhow many\b|\bnumber of\b|\bcount\b/i.test(text)) && !/^(?:moving|remaining|following|existing|resulting|corresponding|migrating|during)$/i.test(adjective[2])) return { words: adjective[2], negated: !!adjective[1], phrase: adjective[0] };
  return undefined;
}

const readQuestions = new Map<string, QuestionScope>();

/** Reads the scope, the reduction and the quantity a question asks for (read once per text: the planner asks several times a turn). */
/** Ordinals from the second, each with its digits ("second", "2nd"), in order. */
const ORDINALS = [['second', '2nd'], ['third', '3rd'], ['fourth', '4th'], ['fifth', '5th'], ['sixth', '6th'], ['seventh', '7th'], ['eighth', '8th'], ['ninth', '9th'], ['tenth', '10th']];

export function readQuestion(question: string): QuestionScope {
  const known = readQuestions.get(question);
  if (known) return known;
  const scope = readScope(question);
  if (readQuestions.size > 256) readQuestions.clear();
  readQuestions.set(question, scope);
  return scope;
}

/**
 * A step done before the measurement, named by its process ("after drift correction", "following registering the frames",
 * "once denoised"): which movie is measured, never the quantity ("how many nuclei per frame after drift correction?" is a
 * count of nuclei, not the drift per frame).
 */
const AFTER_A_STEP = /\b(?:after|following|once|post)\s+(?:(?:the|a|an|my|our|some)\s+)?(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+(?:tion|ment|ing|ed)\b(?:\s+(?:the|my|our)\s+(?:frames?|movie|images?|stack|data))?/giu;

/** The words of the quantity a question asks for: without scope, numbers and function words, with what its adjectives stand for. */
function quantityOf(text: string): Set<string> {
  return wordKeys(`${text.replace(AFTER_A_STEP, ' ').replace(/\b(?:frames?|tracks?|cells?|nucle(?:us|i)|time ?points?|channels?)\s*#?\d+(?:\s*(?:-|–|to|and|through)\s*\d+)?/gi, ' ').replace(/\b\d+(?:\s*(?:-|–)\s*\d+)?\b/g, ' ').replace(/\btime[- ]?points?\b|\btime[- ]?steps?\b/gi, ' ').replace(NOT_QUANTITY, ' ')} ${quantityOfAdjectives(text)}`);
}

/**
 * A frame counted back from the end: "the penultimate frame", "second-to-last timepoint", "the last frame but one",
 * "next to last frame", "third-to-last frame", "the frame before the last" → how many frames before the last (1, 2);
 * undefined when none is said.
 */
const BEFORE_LAST = new RegExp(String.raw`\b(?:(antepenultimate|penultimate|(second|next|third)[- ]+to[- ]+(?:the\s+)?last|(?:very\s+)?last[- ]+but[- ]+(one|two))\s+(?:frame|time ?point|timepoint)|(?:last|final)\s+(?:frame|time ?point|timepoint)\s+but\s+(one|two)|(?:frame|time ?point|timepoint)\s+(?:just\s+|right\s+)?before\s+the\s+(?:very\s+)?(?:last|final)(?:\s+(?:one|frame|time ?point|timepoint))?)\b`, 'i');

export function framesBeforeLast(text: string): number | undefined {
  const m = BEFORE_LAST.exec(text);
  if (!m) return undefined;
  const word = (m[1] ?? '').toLowerCase();
  if (word === 'antepenultimate' || /^third$/i.test(m[2] ?? '') || /^two$/i.test(m[3] ?? m[5] ?? '')) return 2;
  return 1;
}

function readScope(question: string): QuestionScope {
  // (a calibration told with the question, "5 min per frame", is no scope of it)
  const whole = withoutUnits(plainQuestion(withoutToldCalibration(question)));
  // "... of the cells that divided": the rows kept, not the quantity asked
  // (only beside a quantity: "are there any dividing cells?" asks for the event itself; a column that keeps the rows,
  // "how many cells touch the border?", keeps them for a count too)
  const found = subsetOf(whole);
  const rest = found ? whole.replace(found.phrase, ' ').replace(/\s+/g, ' ') : whole;
  const subset = found && (found.column || quantityOf(rest).size > 0) ? found : undefined;
  const text = subset ? rest : whole;
  const frameNumber = /\b(?:in|at|on|of|for|during)?\s*(?:frame|time ?point|timepoint|t)\s*(?:#|=|:|no\.?)?\s*(\d+)\b/i.exec(text);
  // "at the end" alone is the last frame, "at the start" the first (with a comparison they are both ends)
  const lastFrame = /\b(?:the\s+)?(?:last|final)\s+(?:frame|time ?point|timepoint)\b/i.test(text) || /\b(?:at|by) the (?:very )?end\b/i.test(text);
  const firstFrame = /\b(?:the\s+)?(?:first|initial)\s+(?:frame|time ?point|timepoint)\b(?!s)/i.test(text) || /\bat the (?:very )?(?:start|beginning)\b/i.test(text);
  // ("trajectory 3", "lineage 2": a track by another name)
  const track = /\b(?:track|trajectory|tracklet|lineage|cell|nucleus|object|label)\s*(?:number\s*|no\.?\s*|#\s*)?(\d+)\b/i.exec(text);
  // "is nucleus 2 bigger than nucleus 3?", "track 3 vs track 7": two of them, the one after "than" (or the second) the baseline
  const THING = String.raw`(?:track|cell|nucleus|object|label)\s*(?:number\s*|no\.?\s*|#\s*)?(\d+)\b`;
  const twoTracks = new RegExp(String.raw`\b${THING}[^?.]{0,40}?\b(than|vs\.?|versus|compared? (?:to|with)|against|and)\s+(?:(?:that of|the one of|for|in|of|the)\s+)*(?:(?:track|cell|nucleus|object|label)\s*(?:number\s*|no\.?\s*|#\s*)?)?(\d+)\b`, 'i').exec(text);
  const compareTracks: [number, number] | undefined = twoTracks && (/^than$/i.test(twoTracks[2]) ? true : /\b(?:vs\.?|versus|compared?|against|differ\w*|difference)\b/i.test(text)) ? (/^than$/i.test(twoTracks[2]) ? [Number(twoTracks[3]), Number(twoTracks[1])] : [Number(twoTracks[1]), Number(twoTracks[3])]) : undefined;
  // "compare the mean intensity in frame 1 and frame 4", "mean area frame 2 versus frame 5": two frames, not the frames between
  // ("frames 2 and 5": two frames, never the frames between them)
  const twoFrames = TWO_FRAMES.exec(text) ?? PLURAL_TWO_FRAMES.exec(text);
  // "bigger in frame 6 than in frame 1": the frame after "than" is the baseline, the change is towards the other
  const thanFrames = THAN_FRAMES.exec(text);
  const compareFrames: [number, number] | undefined = thanFrames ? [Number(thanFrames[2]), Number(thanFrames[1])] : twoFrames && (PLURAL_TWO_FRAMES.test(text) || /\b(?:vs\.?|versus|compared?|against|differ\w*|difference)\b/i.test(text) || /\bframe\s*\d+\s+(?:and|to)\s+frame\s*\d+/i.test(text) && /\bcompar|\bchange|\bdiffer|\b(?:go(?:es)?|went|gone|going)\s+(?:up|down)\b|\b(?:increas|decreas|ris[ei]|rose|fall|fell|drop|grow|grew|shr[iau]nk|declin)\w*/i.test(text)
    // "bigger in frame 1 or frame 4?": a choice between two frames
    || /\b(?:frame|time ?point|timepoint)\s*#?\d+\s+or\s+(?:(?:in|at)\s+)?(?:the\s+)?(?:frame|time ?point|timepoint)\s*#?\d+/i.test(text)) ? [Number(twoFrames[1]), Number(twoFrames[2])] : undefined;
  // ("the first 10 frames vs the last 10": two stretches compared, no range of the question)
  const compareRanges = compareFrames ? undefined : comparedStretches(text);
  const range = compareFrames || compareRanges ? undefined : findFrameRange(text) ?? openFrameRange(text);
  const frames = range && range.first !== range.last ? range : undefined;
  const condition = conditionOf(question);
  const atTimeS = condition ? undefined : timeOf(question);
  // ("frame 1 compared with the final frame": the first frame by its number, the last by its name, both ends)
  const firstByNumber = frameNumber?.[1] === '1' && !compareFrames && /\b(?:vs\.?|versus|compared?|against|than|differ\w*|difference|and|to)\b/i.test(text);
  const bothEnds = (EARLY.test(text) || firstByNumber) && LATE.test(text) && !frames && !/\b(?:first|last)\s+\d+\b/i.test(text);
  const compare = compareFrames || compareRanges
    ? 'frames'
    // ("faster early or late in the movie?", "earlier vs later": the two halves of it)
    : halvesCompared(text)
    ? 'halves'
    : bothEnds || /\b(?:at the end|end of the movie|at the start|at the beginning|start of the movie|later|earlier)\b.*\b(?:than|vs|versus|compared)\b|\b(?:than|vs|versus|compared to)\b.*\b(?:start|beginning|end)\b/i.test(text)
      // ("do we end up with more nuclei than we started with?": what the movie ends with against what it began with)
      || /\b(?:end(?:s|ed)?\s+up|finish(?:es|ed)?)\s+with\s+(?:more|fewer|less|bigger|smaller)\b|\b(?:more|fewer|less|bigger|smaller|larger|brighter|dimmer|faster|slower)\b[^?.]*\bthan\s+(?:we|it|they|you|i|there)\s+(?:start(?:ed)?|beg[ai]n|were\s+at\s+(?:first|the\s+start))\b/i.test(text)
      // "faster at the end?", "bigger towards the end": a comparative with one end means against the other
      || (/\b(?:faster|slower|quicker|bigger|larger|smaller|brighter|dimmer|fainter|higher|lower|longer|shorter|more|less|fewer|greater|further|farther)\b/i.test(text) && /\b(?:at|towards?|near|by) the (?:end|start|beginning)\b|\blater on\b/i.test(text) && !/\bthan\s+\d/i.test(text))
      // "do the nuclei get smaller over the course of the movie?", "do they slow down over time?": a change asked, the two ends compared
      || (/\b(?:get|gets|getting|got|become|becomes|becoming|grow|grows|growing)\s+(?:any\s+)?(?:faster|slower|quicker|bigger|larger|smaller|brighter|dimmer|fainter|longer|shorter)\b|\b(?:shrink\w*|brighten\w*|fade\w*|fading|speed(?:s|ing)?\s+up|slow(?:s|ing)?\s+down)\b/i.test(text) && /\bover the (?:course of (?:the )?)?(?:movie|recording|experiment|time[\s-]?lapse|video|film)\b|\bas (?:the (?:movie|recording)) (?:goes on|progresses)\b/i.test(text) && !/\bthan\s+\d/i.test(text))
      ? 'ends'
      : undefined;
  // ("the number of distinct nuclei over the movie": each one followed over it, counted once, no value per frame)
  const perFrame = !compare && (/\b(?:in|for|at|per)\s+(?:each|every)\s+(?:frame|time ?point|timepoint)\b|\bper\s+(?:frame|time ?point|timepoint)\b/i.test(text) || ((TREND.test(text) || SPEED_CHANGE.test(text)) && !DISTINCT_THINGS.test(text)));
  const channels = channelsOf(text);
  const everyChannel = channels.length === 0 && EVERY_CHANNEL.test(text);
  let reduce: Reduce = 'mean';
  const percentiles = percentilesOf(text);
  if (percentiles) reduce = 'percentile';
  // ("the confinement ratio of each track": a ratio named by its own word is a quantity, no share)
  // ("the ratio of channel 1 to channel 2": two channels' values divided, no share of the objects)
  else if ((/\b(?:percent(?:age)?|per cent|fraction|proportion|share)\b|%/i.test(text) || /(?:^|\b(?:the|a|what|whats|what's|is|their|its)\s+)ratio of\b/i.test(text)) && !/\b(?:intensity|signal|drop|loss|change)\b/i.test(text) && askedChannelRatio(text) === undefined) reduce = 'fraction';
  // ("for how many frames is track 1 followed?", "how many minutes does cell 3 last?", "how many frames long is each track?": a unit of a track's value, no count)
  // ("the number in the first vs the last frame": a number of things said without them)
  else if (/\bhow many\b|\bnumber of\b|\bcounts?\b|(?:^|\b(?:did|does|do|has|have|is|was|how|so|and|why)\s+)(?:the|their|that|this)\s+numbers?\b(?!\s*(?:of\b|\d|#))|\b(?:cell|nucle(?:us|i|ar)|object)\s+numbers?\b(?!\s*\d)/i.test(text) && !/\baverage\b|\bmean\b/i.test(text) && !((track || /\b(?:each|every|per)\s+(?:track|cell|nucleus|object|trajectory)\b/i.test(text)) && /\bhow many\s+(?:frames|time ?points|timepoints|minutes|mins|hours|seconds|pixels|microns|µm|um)\b/i.test(text)) && !HOW_MANY_UNITS.test(text)) reduce = 'count';
  // ("did anything divide?", "any divisions?", "were there mitoses?": a yes/no about events is their number over the
  // tracks, a sum of the per-track counts, never a mean per track)
  else if (YES_NO_EVENTS.test(plainQuestion(text)) && EVENT_WORDS.test(text) && !/\b(?:mean|average|avg|median|typical|per (?:track|cell))\b/i.test(text)) reduce = 'sum';
  // ("mean speed ± SEM", "the standard error of the mean area", "CV of the intensities": spread statistics by their names)
  else if (SEM_WORDS.test(text)) reduce = 'sem';
  else if (CV_WORDS.test(text)) reduce = 'cv';
  else if (/\bmedian\b/i.test(text)) reduce = 'median';
  else if (/\bstandard deviation\b|\bs\.?d\.?\b|\bspread\b|\bvariab\w*|\bvariation\b|\bvary\b/i.test(text)) reduce = 'sd';
  else if (/\brange\b|\bdistribut\w*/i.test(text) || (!compare && /\bfrom .* to\b/i.test(text))) reduce = 'range';
  // ("how far did each cell go in total?": the path length of each, not a sum over them)
  else if (/\btotal\b|\bsum\b|\bin all\b/i.test(text) && !/\bdistance\b/i.test(text) && !HOW_FAR_IN_TOTAL.test(text)) reduce = 'sum';
  // ("average speed of tracks longer than 10 frames", "tracks lasting at least 15 frames": the comparative of a condition with
  // its number picks the rows, no extreme of them)
  else if (!compare && LARGEST.test(withoutConditionWords(text, condition))) reduce = 'max';
  else if (!compare && SMALLEST.test(withoutConditionWords(text, condition))) reduce = 'min';
  // "the top 3 fastest cells", "the 5 biggest nuclei", "rank the tracks by speed": the rows in order of the quantity, the first few
  const topWords = /\b(?:top|bottom|first|the)\s+(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:(?:most|least)\s+)?([\p{L}-]+)/iu.exec(text);
  // ("the bottom three tracks by speed": the lowest few)
  const bottom = /^bottom$/i.test(topWords?.[0].split(/\s+/)[0] ?? '');
  // ("fastest 2 tracks", "the biggest three nuclei": the number said after the extreme)
  const afterWords = /\b([\p{L}]+est)\s+(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:tracks|cells|nuclei|objects|ones|trajectories)\b/iu.exec(text);
  // ("2 slowest tracks", "which 3 tracks went furthest?": the number first, at the start or after which)
  const leadWords = /(?:^\s*|\b(?:which|what)\s+)(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:(?:most|least)\s+)?([\p{L}-]+)/iu.exec(text);
  const leadN = leadWords && (LARGEST.test(leadWords[2]) || SMALLEST.test(leadWords[2]) || (/^(?:tracks|cells|nuclei|objects|ones|trajectories)$/i.test(leadWords[2]) && (LARGEST.test(text) || SMALLEST.test(text)))) ? parseNumber(leadWords[1]) : undefined;
  const topN = topWords && (LARGEST.test(topWords[2]) || SMALLEST.test(topWords[2]) || /^(?:top|bottom)$/i.test(topWords[0].split(/\s+/)[0])) ? parseNumber(topWords[1]) : afterWords && (LARGEST.test(afterWords[1]) || SMALLEST.test(afterWords[1])) ? parseNumber(afterWords[2]) : leadN;
  // ("list the tracks by duration, longest first": a list in the order of a quantity is a ranking too)
  // ("from longest to shortest", "smallest to biggest": an order said by its two ends, the first end first)
  const span = /\b(?:from\s+)?(?:the\s+)?([\p{L}]+est)\s+(?:to|->|→)\s+(?:the\s+)?([\p{L}]+est)\b/iu.exec(text);
  const spanOrder = span && ((LARGEST.test(span[1]) && SMALLEST.test(span[2])) || (SMALLEST.test(span[1]) && LARGEST.test(span[2]))) ? (SMALLEST.test(span[1]) ? 'min' : 'max') : undefined;
  // ("list the speeds by track" is a value per track; "rank the tracks by track duration" ranks by the duration)
  const ranks = !!spanOrder || /\b(?:rank|ranked|ranking|sort|sorted|order(?:ed)?|list|listed)\b[^?.]*\bby\s+(?!(?:frame|time ?point|timepoint|track|cell|nucleus|object|channel)s?\s*(?:[?.!,;]|$))/i.test(text);
  // ("order the frames by cell count", "rank the timepoints by mean intensity": the frames themselves ranked, by their count or value)
  const ranksFrames = /\b(?:rank|ranked|sort|sorted|order(?:ed)?|list|listed)\s+(?:the\s+|all\s+(?:the\s+)?)?(?:frames?|time ?points?|timepoints?)\s+by\b/i.test(text);
  // ("the second biggest nucleus", "3rd fastest track": one place of the ranking, the rows above it listed with it)
  const ordinal = /\b(second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|seventh|7th|eighth|8th|ninth|9th|tenth|10th)\s+(?:(?:most|least)\s+)?([\p{L}-]+)/iu.exec(text);
  const rank = ordinal && (LARGEST.test(ordinal[2]) || SMALLEST.test(ordinal[2])) ? ORDINALS.findIndex((o) => o.includes(ordinal[1].toLowerCase())) + 2 : undefined;
  const top = topN !== undefined && topN >= 1 ? topN : rank ?? (ranks || ranksFrames ? Infinity : undefined);
  if (spanOrder) reduce = spanOrder;
  else if (top !== undefined && reduce !== 'max' && reduce !== 'min' && !(ranksFrames && reduce === 'count')) reduce = bottom || SMALLEST.test(text) || /\b(?:ascending|increasing order|smallest first|lowest first|slowest first)\b/i.test(text) ? 'min' : 'max';
  const named: [RegExp, Reduce][] = [[/\b(?:mean|average|avg)\b/i, 'mean'], [/\bmedian\b/i, 'median'], [/\b(?:min|minimum|smallest|lowest)\b/i, 'min'], [/\b(?:max|maximum|largest|highest)\b/i, 'max'], [/\b(?:sd|std|standard deviation|spread|variab(?:le|ility)|variation|dispersion)\b|±(?!\s*(?:sem|s\.e\.m|se|standard error)\b)|\+\/-(?!\s*(?:sem|s\.e\.m|se|standard error)\b)/i, 'sd'], [SEM_WORDS, 'sem'], [CV_WORDS, 'cv'], [/\b(?:total|sum)\b/i, 'sum']];
  const stats = named.filter(([re]) => re.test(text)).map(([, r]) => r);
  // ("min, max and mean of the nucleus areas": statistics listed of the things, no one thing picked at an extreme)
  const which = /\b(?:which|what|whose)\s+(?:(?:\w+\s+)?(?:cells?|tracks?|nucle(?:us|i)|objects?|blobs?|trajector(?:y|ies))|one|of (?:the|them|these))\b|\bwho\b/i.test(text) || ((reduce === 'max' || reduce === 'min') && stats.length < 2 && /\b(?:cell|track|nucleus|object|one)\b/i.test(text) && !/\bhow\b/i.test(text));
  const quantityWords = quantityOf(text);
  // "are there more cells at the end?", "cells in frame 3?": no quantity but the things themselves, a count
  if (reduce === 'mean' && quantityWords.size === 0 && !channels.length && /\b(?:cells?|nucle(?:us|i)|objects?|tracks?|blobs?)\b/i.test(text) && /\b(?:are there|is there|were there|more|fewer|less|proliferat\w*|multipl(?:y|ies|ying|ied))\b/i.test(text) && !/\b(?:mean|average|typical)\b/i.test(text)) reduce = 'count';
  // channels hold intensities: "compare ch1 and ch2" asks for them ("how many cells in channel 2?" counts the things seen in it)
  const quantity = quantityWords.size === 0 && channels.length && reduce !== 'count' ? wordKeys('intensity') : quantityWords;
  let whichFrame = ranksFrames || /\b(?:which|what)\s+(?:of\s+the\s+)?(?:frame|time ?point|timepoint|point in time|image|picture)s?\b|\bwhen\b.*\b(?:peak\w*|maxim\w*|minim\w*|most|least|highest|lowest|largest|smallest|fewest)\b/i.test(text)
    // "the brightest frame", "the busiest timepoint": an extreme of the frames themselves
    || new RegExp(`(?:${LARGEST.source}|${SMALLEST.source})\\s+(?:frame|time ?point|timepoint|moment)s?\\b`, 'i').test(text)
    // "the frame with the fewest cells", "timepoint where the count peaks"
    || new RegExp(`\\b(?:frame|time ?point|timepoint)s?\\s+(?:with|that has|that had|having|where|when|in which)\\b[^?.]{0,40}(?:${LARGEST.source}|${SMALLEST.source}|\\bpeak\\w*)`, 'i').test(text)
    // "at what time (in minutes) is the count highest?": the frame of the extreme, said as a time
    || new RegExp(`\\b(?:which|what)\\s+(?:time|moment|minute|hour|second|day)\\b[^?.]{0,60}(?:${LARGEST.source}|${SMALLEST.source}|\\bpeak\\w*)`, 'i').test(text)
    // "the peak cell count", "the lowest number of nuclei": an extreme of a count is that of the frames' counts, so its frame
    || (reduce === 'count' && COUNT_EXTREME.test(text));
  // ("which frame had the biggest cell?", "the brightest nucleus and in which frame": one thing at an extreme, whose
  // frame is said with it; not the frame whose things are biggest on average)
  const oneThingAtAnExtreme = whichFrame && new RegExp(`(?:${LARGEST.source}|${SMALLEST.source})\\s+(?:[a-z]+\\s+)?(?:cell|nucleus|object|blob)\\b(?!\\s+(?:count|number|area|size|intensit))`, 'i').test(text) && !/\b(?:most|fewest|least)\s+(?:cells|nuclei|objects)\b/i.test(text);
  if (oneThingAtAnExtreme) whichFrame = false;
  if (whichFrame && /\bpeak\w*/i.test(text) && reduce === 'mean') reduce = 'max';
  // "which frame has the most cells?", "in which frame are there the fewest?": no quantity, the things themselves (named or not), so their count per frame
  // ("the busiest frame", "the emptiest timepoint": crowded with things, so their count too)
  if (whichFrame && (reduce === 'max' || reduce === 'min') && quantityWords.size === 0 && !channels.length && (/\b(?:most|fewest|least|more|fewer|less)\b/i.test(text) || /\b(?:busiest|busier|emptiest|emptier|(?:most|least) (?:crowded|populated|dense))\b/i.test(text))) reduce = 'count';
  // "at what frame is the number of nuclei lowest": a count, at its lowest
  // ("in what frame there is the less nuclei": "less" and "fewer" ask for the low end of a count too)
  const extreme = !whichFrame ? undefined : reduce === 'min' || (reduce !== 'max' && (SMALLEST.test(text) || (/\b(?:less|fewer)\b/i.test(text) && !LARGEST.test(text)))) ? ('min' as const) : reduce === 'max' || LARGEST.test(text) || /\bpeak\w*/i.test(text) ? ('max' as const) : undefined;
  // ("the total distance each cell moved": the total is the quantity's own name, each cell's value is asked)
  // ("the track durations", "track speeds in µm/min": a value of each track said in the plural, as written, no statistic)
  const perTrack = (reduce === 'mean' && /\b(?:track|trajectory)\s+(?:durations|speeds|velocities|lengths|displacements|distances|lifetimes)\b/i.test(question) && !/\b(?:mean|average|avg|typical|overall|total|sum)\b/i.test(text)) || reduce === 'mean' && !/\b(?:mean|average|typical|overall|total|sum|all together)\b/i.test(text.replace(/\btotal\s+(?:distance|path|displacement)\b/gi, 'distance').replace(HOW_FAR_IN_TOTAL.test(text) ? /\bin total\b/gi : /$^/, '')) && /\b(?:each|every|individual)\s+(?:tracks?|cells?|nucle(?:us|i)|objects?|trajector(?:y|ies))\b|\bper[- ](?:track|cell)\b|\blist\b|\bof\s+all\s+(?:the\s+|my\s+)?(?:tracks|cells|nuclei|objects|trajectories)\b/i.test(text);
  // "average speed per track": the mean over all, and each track's own value after it (both readings answered)
  const listsEach = !perTrack && reduce === 'mean' && /\bper[- ](?:track|cell|trajectory)\b|\b(?:of|for)\s+(?:each|every)\s+(?:track|cell|trajectory)\b|\b(?:each|every)\s+(?:track|cell|trajectory)['’]s\b/i.test(text) && !/\b(?:overall|in total|all together|across (?:all|the) (?:tracks|cells))\b/i.test(text);
  const beforeLast = framesBeforeLast(text);
  const frame = compare || frames ? undefined : frameNumber ? Number(frameNumber[1]) : lastFrame || beforeLast ? ('last' as const) : firstFrame ? ('first' as const) : undefined;
  const trackEvent = track && !compareTracks ? trackEventOf(text, Number(track[1])) : undefined;
  return {
    ...(frame !== undefined ? { frame } : {}),
    ...(frame === 'last' && beforeLast ? { beforeLast } : {}),
    ...(frames ? { frames } : {}),
    ...(track && !compareTracks ? { track: Number(track[1]) } : {}),
    ...(channels.length ? { channels } : {}),
    ...(everyChannel ? { everyChannel } : {}),
    ...(atTimeS !== undefined ? { atTimeS } : {}),
    ...(condition ? { condition } : {}),
    ...(subset ? { subset } : {}),
    ...(perTrack ? { perTrack } : {}),
    ...(top !== undefined ? { top } : {}),
    ...(rank !== undefined && top === rank ? { rank } : {}),
    ...(listsEach ? { listsEach } : {}),
    ...(whichFrame && !trackEvent ? { whichFrame } : {}),
    ...(compare && SIGNIFICANCE.test(text) ? { significance: true } : {}),
    ...(UNCERTAINTY_ASKED.test(text) ? { uncertainty: true } : {}),
    ...(trackEvent ? { trackEvent } : {}),
    ...(stats.length >= 2 && !compare && !percentiles ? { stats } : {}),
    ...(percentiles ? { percentiles } : {}),
    reduce,
    perFrame,
    ...(compare ? { compare } : {}),
    ...(compareFrames ? { compareFrames } : {}),
    ...(compareRanges ? { compareRanges } : {}),
    ...(compareTracks ? { compareTracks } : {}),
    ...(extreme ? { extreme } : {}),
    which: which || top !== undefined,
    // (a track's start and end are times of its span, which a table of tracks holds beside its duration)
    quantity: trackEvent ? new Set([...quantity, ...wordKeys('duration')]) : quantity,
  };
}

/**
 * Percentiles asked: "the 90th percentile", "95 percentile", "p90", "percentile 10", "the
 * quartiles" (25, 50, 75), "the interquartile range" / "IQR" (25, 75), "the top/bottom 10%"
 * is not one (a share). Undefined when none is asked.
 */
export function percentilesOf(text: string): number[] | undefined {
  if (/\b(?:inter-?\s?quartile|iqr)\b/i.test(text)) return [25, 75];
  if (/\bquartiles\b/i.test(text)) return [25, 50, 75];
  if (/\b(?:first|lower|1st|bottom)\s+quartile\b/i.test(text)) return [25];
  if (/\b(?:third|upper|3rd|top)\s+quartile\b/i.test(text)) return [75];
  const found: number[] = [];
  const re = /\b(\d{1,2}(?:\.\d+)?)\s*(?:st|nd|rd|th)?\s*-?\s*(?:and\s+(?:the\s+)?(\d{1,2}(?:\.\d+)?)\s*(?:st|nd|rd|th)?\s*)?percentiles?\b|\bpercentiles?\s+(\d{1,2}(?:\.\d+)?)\b|\bp(\d{1,2})\b/gi;
  for (const m of text.matchAll(re)) for (const v of [m[1], m[2], m[3], m[4]]) if (v !== undefined && Number(v) > 0 && Number(v) < 100) found.push(Number(v));
  return found.length ? [...new Set(found)] : undefined;
}

/** The p-th percentile (0-100) of values, linear between the closest ranks (as numpy's default). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const at = (p / 100) * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

function ordinal(p: number): string {
  const n = Math.round(p);
  if (n !== p) return `${valueText(p)}th`;
  const tens = n % 100;
  return `${n}${tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th'}`;
}

/** A question, or "give me"/"tell me": something to answer rather than a step to run. */
export function isAskedForm(question: string): boolean {
  return readOnce(isAskedFormOnce, question);
}

function isAskedFormOnce(question: string): boolean {
  // a scope said first ("in frames 5-10, what's the mean speed?", "for track 3, ...")
  const text = plainQuestion(question)
    // a hedge or a statistic said before the question word ("on average, how long do the tracks last?", "roughly,
    // how many per frame?", "in general what is ..."): the question after it
    .replace(/^(?:(?:on\s+average|on\s+the\s+whole|in\s+general|generally|overall|typically|roughly|approximately|approx\.?|ballpark|more\s+or\s+less|out\s+of\s+(?:interest|curiosity)|just\s+curious)[,:]?\s+)+(?=(?:how|what|which|when|where|whether|is|are|was|were|do|does|did|has|have)\b)/i, '')
    // a value wished for by its statistic: "we'd like the mean speed", "I need the number of tracks"
    .replace(/^(?:(?:dear|hi|hey|hello)\b[^,]{0,30},\s*)?(?:i|we)(?:'d|\s+would)?\s+(?:like|want|need)\s+(?=(?:the|a|an)\s+(?:mean|average|median|typical|number|count|total|(?:max(?:imum)?|min(?:imum)?)(?!\s+(?:intensity\s+)?proj)|[\p{L}-]+est)\b)/iu, 'what is ')
    // a value asked with a verb of telling, not of working: "report the mean area in µm²", "tabulate the median
    // speed for every track", "state the number of tracks", "quote the total distance": what is asked is the value
    .replace(/^(?:(?:please|pls|kindly)\s+)?(?:report|tabulate|present|provide|state|quote|print|output|display|return|write down|put down)\s+(?:(?:me|us)\s+)?(?=(?:the|a|an|their|its)\s+(?:(?:per[- ](?:track|cell|frame|object)|overall|pooled|nuclear|cellular)\s+)?(?:mean|average|avg|median|typical|number|count|total|sum|(?:max(?:imum)?|min(?:imum)?)(?!\s+(?:intensity\s+)?proj)|[\p{L}-]+est)\b)/iu, 'what is ')
    // the asking wrapped in a wish ("I was hoping you could tell me ...", "we'd be grateful if you could check ...",
    // "I was hoping to find out ..."): the asking verb and what it asks are left
    .replace(/^(?:(?:hi|hey|hello|ok(?:ay)?|so|and|also|now)[,!\s]+)*(?:i|we)\b[^,?.!]{0,40}?\b(?:(?:you|u)\s+(?:could|can|would|might|will|'d)\s+(?:please\s+)?(?=(?:tell|let|give|show|find out|check|work out|figure out)\b)|(?:hop\w*|wish\w*|keen|eager|interested)\s+(?:in\s+|to\s+)?(?=(?:know\w*|find\w* out|learn\w*)\b))/i, '')
    // a question asked indirectly: "I'd like to know ...", "could you tell me ...", "please give me ..."
    // ("list the top five fastest", "list the 3 biggest", "list the slowest tracks": things ranked by a quantity, told)
    .replace(/^(?:(?:hi|hey|hello|ok(?:ay)?|so|and|also|now)[,!\s]+)*(?:please\s+)?(?:(?:i(?:'d| would) (?:like|love)|i want(?:ed)?|i need|we(?:'d| would) (?:like|love)|i(?:'m| am) curious|i wonder(?:ed)?|(?:just\s+|really\s+)?(?:curious|wondering)(?=\s+(?:whether|if|about|how|what|which|when|why)\b)|(?:i|we)(?:'m| am|'re| are| was| were) (?:wondering|curious)(?: about)?|do you know|any idea|let me know|can you|could you|would you|can u|could u|pls|please)\s+)?(?:to\s+)?(?:know|find out|check|tell me|give me|work out|figure out|let me know|list(?:\s+me)?(?=\s+(?:the\s+|all\s+(?:the\s+)?)?(?:(?:top|bottom)\s+(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\b|(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:most\s+|least\s+)?[a-z]{2,}est\b|[a-z]{2,}est\s+(?:\d{1,3}\s+)?(?:tracks|cells|nuclei|objects|ones)\b|(?:[a-z-]+\s+)?(?:mean|average|median|(?:areas?|sizes?|speeds?|velocit(?:y|ies)|intensit(?:y|ies)|brightness|durations?|lifetimes?|displacements?|distances?|circularit(?:y|ies)|perimeters?|lengths?)\b|\w+\s+(?:of|for|per)\s+(?:each|every|all)))))?\s*(?:please\s+)?(?:,\s*)?/i, (prefix) => (/\b(?:know|find out|check|tell me|give me|work out|figure out|curious|wonder(?:ing)?|list)\b/i.test(prefix) ? 'what is ' : prefix))
    // ("I was wondering if ...", "I'd like to know whether ...": a yes/no question asked indirectly, "whether ...")
    // (not "if you could measure ...": a request put politely)
    .replace(/^what is if\b(?!\s+(?:you|u)\s+(?:could|can|would|might|will)\b)/i, 'whether')
    .replace(/^what is (?=(?:if|whether)\s+(?:you|u)\s+(?:could|can|would|might|will)\b)/i, '')
    .replace(/^what is (?=(?:how|what|which|who|whose|when|where|whether|is|are|was|were|do|does|did)\b)/i, '')
    // "describe the distribution of areas", "summarise the spread": the statistics asked for
    // ("could you summarise the mean fluorescence across the timecourse?": a statistic summarised is that statistic asked)
    .replace(/^(?:(?:please|pls|can you|could you)\s+)?(?:describe|summari[sz]e|characteri[sz]e)\s+(?=(?:the\s+|their\s+)?(?:distribution|spread|range|variation|variability|statistics|stats)\b)/i, 'what is ')
    .replace(/^(?:(?:please|pls|can you|could you|would you)\s+)?summari[sz]e\s+(?=(?:the\s+|their\s+)?(?:mean|average|median|typical|total|number|count)\b)/i, 'what is ')
    // ("in the final frame how big ...", "at the very start, what ...": the ends of the movie in any of their words)
    .replace(/^(?:in|for|at|during|on|over|across|after)\s+(?:the\s+)?(?:very\s+)?(?:frames?|time ?points?|timepoints?|tracks?|cells?|nucle(?:us|i)|channels?|first|last|final|initial|penultimate|second[- ]to[- ]last|start|beginning|end|whole|\d+(?:[.,]\d+)?\s*(?:s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?))\b[^,?]{0,40}?(?:,\s*|\s+(?=(?:which|what|who|whose|how|where|when)\b))/i, '');
  // ("median filter 3x3, then segment": a step named by a statistic's word, never the statistic asked)
  if (opensWithOperationName(text) && !/\?\s*$/.test(text)) return false;
  if (SEVERAL_AT_AN_EXTREME.test(text.trim())) return false;
  // "count the nuclei larger than 150 px²": a count of the rows a threshold keeps is asked, not a step
  if (/^(?:and\s+|so\s+|now\s+|then\s+)?count\b/i.test(text) && /\b(?:cells?|nucle(?:us|i)|objects?|tracks?|trajector(?:y|ies)|ones)\b/i.test(text) && conditionOf(question) !== undefined && !/\b(?:then|and then|after that|afterwards)\b/i.test(text)) return true;
  // "area in µm² pls", "speed in um/min?": a quantity in the unit wanted is a question
  // ("speed of track 2 in µm/h", "area of the nuclei in px²": of what, then the unit)
  if (NOUN_QUESTION.test(text) && /^(?:the\s+)?(?:(?:mean|average|median|typical|total)\s+)?[\p{L}-]+(?:\s+[\p{L}-]+)?(?:\s+(?:of|for)\s+(?:the\s+|each\s+|every\s+|all\s+)?(?:(?:track|cell|nucleus|object)\s*#?\d+|cells|nuclei|tracks|objects|(?<=(?:each|every)\s+)(?:track|cell|nucleus|object)))?\s+(?:in|as)\s+(?:square\s+)?(?:µm|um|μm|px|pixels?|microns?|micromet\w+|nm|nanomet\w+|s|secs?|seconds?|min|mins|minutes?|h|hours?|frames|time ?points|timepoints)\S*(?:\s*(?:\/|per)\s*\S+)?(?:[\s,]+(?:please|pls|plz|thanks|thx))?[\s.!?]*$/iu.test(text)) return true;
  // ("when a cell divides, image every 30 s" is a condition and its action, no question)
  if (/^(?:so\s+|and\s+|ok(?:ay)?,?\s+|now\s+|but\s+)?(?:how|by how much|(?:in|at|on|for|during|from|by) (?:which|what)|what|which|who|whose|whether(?!\s+(?:you|u)\s+(?:could|can|would|might|will)\b)|when(?![^?]*(?:[,:;]|\bthen\b)\s*\S[^?]*$)|where|is|are|was|were|has|have|give me|tell me|show me|can you tell|any idea|compare)\b/i.test(text)) return true;
  // "do they speed up?", "did any cells divide": a question; "do the thing with 15 px" is not
  // ("did the number of cells grow during the movie": the subject a quantity of the things, "the number of", "the size of")
  if (/^(?:so\s+|and\s+|ok(?:ay)?,?\s+|now\s+|but\s+)?(?:did|do|does)\s+(?:they|you|we|i|it|these|those|any|all|most|some|more|the\s+(?:cells?|nucle(?:us|i)|tracks?|objects?|signal|intensity)|the\s+(?:number|count|amount|size|area|density|total)\s+of)\b/i.test(text) || (/^(?:did|do|does)\b/i.test(text) && /\?\s*$/.test(text))) return true;
  // a question without a question word: "mean area in frames 2-4?", "speed of track 2?", "slowest one?"
  // "cells per frame pls", "nucleus count over time": the whole request a thing at a scope, with no verb to run
  // "area of the nuclei in the first vs last frame, in um^2": a thing compared between parts of the movie, no verb
  // "each cell's speed", "every track's displacement": a value of each thing
  if (EACH_ONES_VALUE.test(text.trim())) return true;
  // "list the tracks by duration", "rank the nuclei by area": the things in the order of a quantity, told
  if (/^(?:and\s+|so\s+|now\s+|also\s+)?(?:list|rank|sort|order)\s+(?:the\s+|all\s+(?:the\s+)?|my\s+)?(?:tracks|cells|nuclei|objects|trajectories|frames|time ?points?|timepoints?)\s+(?:by\s+|(?=from\s+(?:the\s+)?[\p{L}]+est\s+to\b))/iu.test(text) && !/\b(?:export|save|write|csv|xlsx?|file)\b/i.test(text)) return true;
  if (ONES_VALUE_OR_EXTREME.test(text.trim())) return true;
  // "highest intensity of a nucleus in frame 2", "biggest nucleus area plz": a quantity at its extreme, named first, with no step to run
  // ("fastest cell in µm/s, pixel size 0.4 µm" tells a calibration to set first: a request)
  // "area of the smallest nucleus overall, um2": the quantity named first, then the thing at its extreme
  if (NOUN_QUESTION.test(text) && QUANTITY_OF_EXTREME.test(text) && !STEP_WORD.test(text) && !VALUE_WITH_UNIT.test(withoutUnits(text))) return true;
  if (NOUN_QUESTION.test(text) && EXTREME_FIRST.test(text) && !STEP_WORD.test(text) && !VALUE_WITH_UNIT.test(text) && statedPixelSizeUm(question) === undefined && statedFrameIntervalS(question) === undefined) return true;
  // "net displacement from t=0 to the end", "displacement between frame 1 and frame 20": a quantity over a span, no verb
  // ("track duration per track": a quantity a tool declares, named first, opens with no verb)
  const named = opensWithDeclaredQuantity(text);
  const verbFirst = STEP_VERB.test(text) && !named;
  if (NOUN_QUESTION.test(text) && !verbFirst && (WHOLE_SPAN.test(text) || FRAME_SPAN_LAST.test(text))) return true;
  // "nuclei count for frames 2 to 4, frame by frame", "mean area per frame in frames 3-6": a count or a statistic at frames, no verb
  // (in one sentence: "The nucleus have size around 14 pixel. Please count how many ..." opens with a fact, then asks a step)
  if (NOUN_QUESTION.test(text) && !verbFirst && !STEP_WORD.test(text) && !/[.!?]\s+\S/.test(text.trim()) && /\b(?:count|counts|number|mean|average|avg|median|total)\b/i.test(text) && (() => { const at = readScope(question); return at.frames !== undefined || at.frame !== undefined || at.perFrame; })()) return true;
  // "area distribution - mean ± SD please", "speeds: median, min and max": a quantity with the statistics of it listed, no verb
  if ((NOUN_QUESTION.test(text) || named) && !verbFirst && !STEP_WORD.test(text) && (readQuestion(question).stats?.length ?? 0) >= 2) return true;
  return (NOUN_QUESTION.test(text) || named) && (/\?\s*$/.test(text) || AGGREGATE_FIRST.test(text) || QUANTITY_ALONE.test(text.trim()) || ((THING_AT_A_SCOPE.test(text.trim()) || THING_AT_A_POINT.test(text.trim())) && !verbFirst) || (!verbFirst && /\b(?:vs\.?|versus|compared (?:to|with))\s/i.test(text) && readScope(question).compare !== undefined));
}

/**
 * The question of a long request that gives its context first ("I'm expecting the population
 * to grow - are there more cells at the end than at the start?"): its last sentence or the part
 * after a dash when that is asked; else the whole text.
 */
export function questionClause(text: string): string {
  if (!/\?\s*$/.test(text)) return text;
  const pieces = text.split(/(?<=[.!;])\s+|\s+[-–—]\s+/).map((p) => p.trim()).filter(Boolean);
  const last = pieces.at(-1);
  if (!(pieces.length > 1 && last && isAskedForm(last))) return text;
  // ("the pixel size is 0.65 µm - what's the mean area in um2 then?": a calibration told before the question goes with it)
  const told = pieces.slice(0, -1).filter((p) => statedPixelSizeUm(p) !== undefined || statedFrameIntervalS(p) !== undefined);
  return told.length ? `${last} ${told.join(' ')}` : last;
}

/**
 * A figure asked for ("could you show me a histogram of how big the nuclei are?", "can I see a plot of how fast they move",
 * "I'd like a graph of the count over time"): drawn by the step that draws, never answered as the question inside it.
 */
const FIGURE_ASKED = /\b(?:show|give|make|draw|plot|produce|create|generate|see|want|like|need|get|send)\b[^.?!;]{0,30}?\b(?:histograms?|plots?|graphs?|charts?|figures?|scatter\s*plots?|box\s*plots?|violin\s*plots?|curves?)\s+(?:of|for|showing|with)\b/i;

export function asksForAFigure(text: string): boolean {
  return FIGURE_ASKED.test(text);
}

/** Words that ask to be told ("give me", "tell us"), shared by the readers of an answer asked for. */
const TELL_ME = String.raw`\b(?:tell|give|show|report|send|get)\s+(?:me|us)\b`;
// ("we'd like the mean speed", "I need the number of tracks": a statistic wished for is asked for too)
const WISH = String.raw`\b(?:i|we)(?:'d|\s+would)?\s+(?:like|want|need)(?:\s+to\s+(?:have|get|see|know))?`;

const ASKING = new RegExp(String.raw`${TELL_ME}|\bwhat(?:'s|\s+is|\s+are|\s+was)\b|\bhow\s+(?:big|large|fast|many|much|long|far)\b`, 'i');
/**
 * Where a request starts asking for an answer in words of its own ("segment them and give me the
 * median area", "... . What is the median area?"), or -1.
 */
export function askingAt(text: string): number {
  const at = text.search(ASKING);
  const part = askedPart(text);
  return part && (at < 0 || part.start < at) ? part.start : at;
}

/**
 * Words after a request's steps that ask to be told ("..., and tell me", "then let me know",
 * "and report", "and say"), or a question word opening a clause of its own after them
 * ("segment the nuclei, then which frame has the most?"). The asking words themselves are no
 * part of the question.
 */
/** Where a clause after the steps starts: a comma, "and", "then", a new sentence, and the words that join it ("and then", "also"). */
// ("correct drift - tell me how much it drifted": a spaced dash sets the question off as a comma does)
const AFTER_STEPS_BOUNDARY = String.raw`(?:[,;:]\s*|\s+[-–—]+\s+|\s+(?:and|then|&|\+)\s+|[.!]\s+)(?:(?:and|then|also|now|finally|after that)\s+)*`;
/** Words that ask to be told, before what is asked: "tell me", "let us know", "report back", "I'd like to know", "I wonder". */
const ASKING_WORDS = String.raw`(?:(?:tell|give|show|send|let)\s+(?:me|us)(?:\s+know)?|report(?:\s+(?:back|to me))?|say|find out|work out|figure out|calculate|compute|(?:i|we)(?:'d|\s+would)\s+(?:like|love)\s+to\s+know|(?:i|we)\s+(?:want|need)(?:ed)?\s+to\s+know|(?:i|we)(?:'m|\s+am|'re|\s+are|\s+was|\s+were)\s+(?:curious|wondering)(?:\s+(?:about|to\s+know|to\s+see))?|i\s+wonder(?:ed)?)\b`;
const ASKED_AFTER_STEPS = new RegExp(
  AFTER_STEPS_BOUNDARY +
    String.raw`(?:(?:please|pls|kindly|(?:could|can|would|will) (?:you|u))\s+)?` +
    String.raw`(?:${ASKING_WORDS}[\s,:]*(?:(?:please|pls)\s+)?` +
    String.raw`|(?=(?:which|what|when|how|where|whether|in which|at which|at what|is|are|does|do|did)\b[^.!;]*\?\s*$))`,
  'i',
);
/** Every place a clause may start after the steps, without a question mark to say a question is there. */
const CLAUSE_AFTER_STEPS = new RegExp(AFTER_STEPS_BOUNDARY, 'gi');

/**
 * The question a request asks after the steps it names ("segment the nuclei and tell me which
 * frame has the fewest" → "which frame has the fewest", "track them, then give me their mean
 * speed in µm/h" → "their mean speed in µm/h"), with where it starts; undefined when the request
 * asks nothing after steps (a question on its own starts at 0 and is no such part).
 */
export function askedPart(text: string): AskedPart | undefined {
  return readOnceCopied(askedPartOnce, text, (part) => (part ? { ...part } : undefined));
}

function askedPartOnce(text: string): AskedPart | undefined {
  const m = ASKED_AFTER_STEPS.exec(text);
  if (!m || m.index === 0) return unmarkedAskedPart(text);
  // ("how many at the start and how many at the end?": one question in two parts, no steps before it;
  // "for track 3, what's the mean area?", "between frames 3 and 8, which ...": a scope said first, no step)
  const before = text.slice(0, m.index);
  if (isAskedForm(before) || /^\s*(?:in|for|at|during|on|over|across|between|from|within|of|after|before|until)\b[^,;:]*$/i.test(before)) return undefined;
  const rest = text.slice(m.index + m[0].length).trim();
  // ("track them and show me the tracks on a plot": a thing made, shown, is a figure asked, no question: thingShown.ts)
  if (showsAMadeThing(m[0], rest)) return undefined;
  // (a question word with no asking verb before it asks about the data, not "..., is possible?")
  if (!new RegExp(ASKING_WORDS, 'i').test(m[0]) && !asksOfTheData(rest)) return undefined;
  // something asked: a question word, a quantity or statistic, an extreme or a count (not "and tell me when it is done")
  if (rest.length < 3 || !NOUN_QUESTION.test(rest.replace(/^(?:in|at|for|on)\s+(?=which|what)/i, '').replace(/^(?:which|what|when|how|where|whether|if|in which|at which|at what|is|are|does|do|did)\b.*$/i, 'number')) || /^(?:when|once|after|if)\b[^?]*\b(?:done|finished|ready|over|complete)\b/i.test(rest)) return undefined;
  // (from: where the asking words start, "and tell me ...", for the steps' words to end before)
  return beforeNextStep({ text: rest, start: m.index + m[0].length, from: m.index, end: text.length });
}

/** A clause that asks for a step after the asked words ("..., and save the masks", "; then plot it"): where the asked part ends. */
const STEP_AFTER_ASKED = /(?:[,;]\s*|[.!?]\s+)(?:(?:and|then|also|finally|after\s+that|please)\s+)*(?=(?:save|export|write|store|keep|plot|graph|chart|draw|make|create|send|track|segment|outline|denoise|correct|register|measure|project|open|run)\b)/i;

/** The asked part up to a step asked after it ("their mean area, and save the masks" → "their mean area"). */
function beforeNextStep(part: AskedPart): AskedPart {
  const m = STEP_AFTER_ASKED.exec(part.text);
  if (!m || m.index < 3) return part;
  return { ...part, text: part.text.slice(0, m.index).trim(), end: part.start + m.index };
}

/** The words a request asks after its steps: their text, where they start, where the asking words start and where they end. */
export interface AskedPart {
  text: string;
  start: number;
  from: number;
  end: number;
}
/**
 * A question asked after the steps in the form of one, with no question mark and no words that
 * ask to be told ("segment and track the nuclei, what is their mean speed", "track them. which
 * cell moved the most", "find the cells, mean area per frame"): the first clause after the steps
 * that is worded as a question about the data and names no step of its own.
 */
function unmarkedAskedPart(text: string): AskedPart | undefined {
  for (const m of text.matchAll(CLAUSE_AFTER_STEPS)) {
    if (m.index === 0) continue;
    const before = text.slice(0, m.index);
    if (isAskedForm(before) || /^\s*(?:in|for|at|during|on|over|across|between|from|within|of|after|before|until)\b[^,;:]*$/i.test(before)) return undefined;
    // ("plot the speed histogram and the mean speed over time": a second object of a verb that draws or writes, no question)
    // (not a question of its own: "save the tracks and what is their mean speed")
    if (/^\s+(?:and|&|\+)\s+$/i.test(m[0]) && DRAWING_VERB_FIRST.test(before) && !/^\s*(?:what|which|how|who|when|where|is|are|do|does|did)\b/i.test(text.slice(m.index + m[0].length))) continue;
    const start = m.index + m[0].length;
    const rest = text.slice(start).trim();
    if (rest.length >= 3 && !settingsSaid(rest) && asksOfTheData(rest)) return beforeNextStep({ text: rest, start, from: m.index, end: text.length });
  }
  return undefined;
}

/** A request that opens with a verb that draws or writes what it names ("plot ...", "export ..."): what "and" adds is its object too. */
const DRAWING_VERB_FIRST = /^\W*(?:(?:please|pls|can you|could you|now|then)\s+)*(?:plot|graph|chart|draw|visuali[sz]e|export|save|write)\b/i;

/**
 * Words after the steps that set or name a step rather than ask ("min size 25 px", "max. gap 2 frames", "and the max
 * projection", "then measure them"): a value with its unit, a bound said by "min" or "max", a step's own word.
 */
function settingsSaid(text: string): boolean {
  // ("how many are bigger than 40 px²": a question word first asks, whatever values follow)
  if (/^(?:which|what|what['’]?s|how|is|are|was|were|do|does|did|when|where)\b/i.test(text)) return STEP_WORD.test(text);
  return STEP_WORD.test(text) || VALUE_WITH_UNIT.test(text) || /^(?:the\s+|a\s+)?(?:max|min)\b/i.test(text) || /\bproj\w*|\bprojections?\b/i.test(text);
}

/** Worded as a question for a value of the data: at a scope, an amount or a count ("what is their mean speed", "how many divide"; not "is possible?"). */
function asksOfTheData(text: string): boolean {
  return readOnce(asksOfTheDataOnce, text);
}

function asksOfTheDataOnce(text: string): boolean {
  return isAskedForm(text) && (asksTheData(text) || asksHowMuch(text) || readQuestion(text).reduce === 'count');
}

/** "give me the median area", "tell me the mean speed": a statistic asked for by name. */
/** ("... and tell me the roundest", "give me the fastest one": an extreme asked for by name, as the question reader knows them) */
const TELL_ME_A_STATISTIC = new RegExp(String.raw`(?:${TELL_ME}|${WISH})\s+(?:the\s+|a\s+)?(?:mean|average|median|typical|sd|std|standard deviation|spread|range|total|sum|number|count|(?:max(?:imum)?|min(?:imum)?)(?!\s+(?:intensity\s+)?proj)|percentiles?|distribution)\b|${TELL_ME}\s+(?:the\s+)?(?:${LARGEST.source}|${SMALLEST.source})`, 'i');

/** A verb of finding out with the question it asks as its object ("measure how big they are", "work out which track is longest"). */
const EMBEDDED_QUESTION = /\b(?:quantify|determine|measure|find out|work out|figure out|assess|calculate|compute|estimate|establish)\s+(?:how\s+(?!to\b|it\b|you\b)[a-z]+|which|what|whether)\b/i;

/**
 * A request that asks to be told something besides the steps it names ("count them in every
 * frame and tell me which frame has the most", "count per frame", "segment and say how many"):
 * its answer quotes the data, not only the steps done.
 */
export function asksForAnAnswer(text: string): boolean {
  const plain = plainQuestion(text);
  return /\b(?:tell|say|show|give|let)\s+(?:me|us)\b[^.]*?\b(?:which|what|how many|how much|when|where|whether|if)\b/i.test(plain)
    || /\bcount\b[^.]*\b(?:per|in each|in every|at each|for each|for every|each|every)\s+(?:frame|time ?point|timepoint)s?\b/i.test(plain)
    || /\bhow many\b/i.test(plain)
    // "quantify how bright each nucleus is in frame 7", "find out which cell moves furthest": a question asked inside the step
    || EMBEDDED_QUESTION.test(plain)
    // "segment them and give me the median area", "tell me the mean speed": a statistic asked for by name
    || TELL_ME_A_STATISTIC.test(plain)
    // "count the nuclei in frame 1", "count them in the first and last frame": a count at a scope is the answer
    || /\bcount\b[^.]*\b(?:in|at|for|of)\s+(?:the\s+)?(?:(?:very\s+)?(?:first|last|final|initial|start|end)\b|(?:frame|time ?point|timepoint)s?\s*#?\d+)/i.test(plain)
    // "count the nuclei larger than 150 px²": the count of the rows a threshold keeps is the answer
    || (/\bcount\b/i.test(plain) && conditionOf(text) !== undefined)
    // "find the nuclei and say which timepoint is the most crowded", "segment them and report the mean area": asked after the steps
    || askedPart(text) !== undefined
    // "rank the cells by speed", "sort the nuclei by area": the rows in order are the answer (not a table to write)
    || (/\b(?:rank|sort|order|list)\w*\b[^.]*\bby\b/i.test(plain) && !/\b(?:export|save|write|csv|xlsx?|file)\b/i.test(plain));
}

/** The polite lead of a count said as a step ("please", "can you"), and the opener before it in a follow-up ("now", "ok"). */
export const COUNT_LEAD = String.raw`(?:(?:please|pls|kindly|(?:can|could|would|will) (?:you|u))\s+)*`;
export const FOLLOW_UP_OPENER = String.raw`(?:(?:now|ok(?:ay)?|so|and|then|right)[,\s]+)?`;

/** The request without its closing punctuation, or undefined when more steps are joined to it ("count the divisions, then export"). */
function countRequestAlone(text: string): string | undefined {
  const t = text.trim().replace(/[.!?\s]+$/, '');
  return /[,;:]|\b(?:then|and|after|before|but|plus|also)\b/i.test(t) ? undefined : t;
}

/**
 * A request to count or quantify something, worded as a step ("quantify how many cells divide",
 * "determine the number of dividing cells", "count the cell divisions"), as the question it asks
 * ("how many cells divide?"), so that it is planned and answered as that question; undefined
 * for anything else, and for a request with more steps after it ("count the divisions, then export").
 */
export function countAsQuestion(text: string): string | undefined {
  const t = countRequestAlone(text);
  if (t === undefined) return undefined;
  const lead = `^${COUNT_LEAD}`;
  const told = new RegExp(String.raw`${lead}(?:quantify|determine|estimate|compute|calculate|find out|work out|figure out|assess|measure|count|tally|check|get)\s+(how many\b.+|(?:the\s+)?(?:total\s+)?(?:number|fraction|proportion|percentage|share)\s+of\b.+)$`, 'i').exec(t);
  if (told) return /^how many\b/i.test(told[1]) ? `${told[1]}?` : `what is ${told[1]}?`;
  // "how many cells appear in frame 3?", "how many nuclei show up in the last frame?": things seen in a frame are things
  // there ("show" is no figure, "appear" no segmentation asked again)
  const seen = new RegExp(String.raw`^${FOLLOW_UP_OPENER}(how\s+many\s+(?:[\p{L}-]+\s+)?(?:cells?|nuclei|nucleus|objects?|blobs?|spots?))\s+(?:appear|show\s+up|are\s+seen|can\s+be\s+seen|are\s+detected|(?:can|do)\s+(?:you|we|i)\s+see)\s+((?:in|at|on)\s+(?:the\s+)?(?:(?:very\s+)?(?:first|last|final)\s+(?:frame|time ?point|timepoint)|(?:each|every)\s+(?:frame|time ?point|timepoint)|(?:frame|time ?point|timepoint)\s*#?\d+)\b.*)$`, 'iu').exec(t);
  if (seen) return `${seen[1]} are there ${seen[2]}?`;
  // "count them in each frame", "tally them up frame by frame": the things already found, counted at a scope, are asked for
  // (a pronoun names no new thing to find: the objects of the session's labels)
  const theirs = new RegExp(String.raw`^${FOLLOW_UP_OPENER}${COUNT_LEAD}(?:count|tally|number|enumerate)\s+(?:them|those|these|'em|em|all\s+of\s+them)(?:\s+up)?\s+((?:in|at|for|per|over|across|through|frame|time|each|every)\b.*)$`, 'i').exec(t);
  if (theirs) return `how many objects are there ${theirs[1]}?`;
  // "count the cell divisions", "tally all mitoses": events counted are asked for (the things themselves are a step's count)
  const events = new RegExp(String.raw`${lead}(?:count|tally|quantify|enumerate)\s+(?:the\s+|all\s+(?:the\s+)?)?((?:cell\s+|nuclear\s+)?(?:divisions?|mitos[ie]s|mitotic events|splits|splitting events|cell splits)\b.*)$`, 'i').exec(t);
  return events ? `how many ${events[1]}?` : undefined;
}

/**
 * "count the nuclei in each frame", "now count the cells per frame please", said where the session has labels: things
 * named and counted at a scope of frames are the question of their count at that scope, answered from those labels.
 * (Without labels the request is planned as said: the count is the segmentation's.)
 */
export function countAtFramesAsQuestion(text: string): string | undefined {
  const t = countRequestAlone(text);
  if (t === undefined) return undefined;
  const named = new RegExp(String.raw`^${FOLLOW_UP_OPENER}${COUNT_LEAD}(?:count|tally|enumerate)\s+(?:the\s+|all\s+(?:the\s+)?)?((?:[a-z-]+\s+)?[a-z-]+?)(?:\s+up)?\s+((?:in|at|for|per|over|across|through)\s+(?:each|every|all|the)?\s*(?:frames?|time ?points?|timepoints?|time)\b[^]*?|frame by frame|time ?point by time ?point)(?:\s+(?:please|pls|thanks|thx))?$`, 'i').exec(t);
  return named && !/^(?:them|those|these|it)$/i.test(named[1]) ? `how many ${named[1]} are there ${named[2]}?` : undefined;
}

/** A question for a quantity in a unit ("area in µm² pls", "the speed in um/min?"). */
export function asksInUnits(text: string): boolean {
  return isAskedForm(text) && !/^(?:show|plot|draw|make|export|save)\b/i.test(plainQuestion(text)) && /\b(?:in|as)\s+(?:square\s+)?(?:µm|um|μm|px|pixels?|microns?|micromet\w+|nm\b|nanomet\w+)/iu.test(text);
}

/** A request that opens with a verb of doing ("track cells over time" is a step, "cells per frame" a question). */
const STEP_VERB = /^(?:and\s+|so\s+|now\s+)?(?:track|segment|measure|count|follow|plot|show|find|detect|link|quantify|compute|calculate|get|make|draw|export|save)\b/i;
/** A request that is only a thing (or its count) at a scope: "cells per frame", "nucleus count over time", "speed for each track", "nuclear intensity in channel 2 over time". */
const THING_AT_A_SCOPE = /^(?:and\s+|so\s+|now\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}(?:(?:in|of|for|on)\s+(?:the\s+)?(?:(?:channel|chan|ch)\s*#?\d+|[\w-]+\s+channel)\s+)?(?:per|in each|in every|at each|for each|for every|of each|of every|for all|of all|over|across|through)\s+(?:the\s+)?(?:frames?|time ?points?|timepoints?|time|tracks?|cells?|nucle(?:us|i)|objects?|the movie)(?:\s+(?:in|at|of|for)\s+(?:the\s+)?(?:(?:frame|time ?point|timepoint)\s*#?\d+|(?:first|last|final)\s+(?:frame|time ?point|timepoint))|\s+(?:over|through|across)\s+(?:the\s+)?(?:time|movie|frames|time-?lapse))?[\s.!,]*$/i;

/** A request that is only a thing (or its count) at one point of the movie or of one thing: "cell count at t = 2 min", "nuclear area in frame 3 pls", "radius of cell 2". */
const THING_AT_A_POINT = /^(?:and\s+|so\s+|now\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}(?:(?:of|for)\s+(?:track|cell|nucleus|object|trajectory)\s*#?\d+(?:\s+(?:in|at)\s+(?:the\s+)?(?:(?:frame|time ?point|timepoint)\s*#?\d+|(?:first|last|final)\s+(?:frame|time ?point|timepoint)))?|(?:in|at|on|for|during)\s+(?:the\s+)?(?:(?:frame|time ?point|timepoint)\s*#?\d+|t\s*=?\s*\d+(?:\.\d+)?\s*(?:s|secs?|seconds?|min|mins|minutes?|h|hours?)?|\d+(?:\.\d+)?\s*(?:s|secs?|seconds?|min|mins|minutes?|h|hours?)|(?:first|last|final)\s+(?:frame|time ?point|timepoint)))(?:[\s.!,]+(?:please|pls|plz|thanks|thx))?[\s.!]*$/i;

/** One thing's value said with its possessive, or an extreme of the things named alone: "track 1's displacement", "fastest track pls", "the biggest nucleus". */
const ONES_VALUE_OR_EXTREME = new RegExp(String.raw`^(?:and\s+|so\s+|now\s+)?(?:the\s+)?(?:(?:track|trajectory|cell|nucleus|object)\s*#?\d+['’]s\s+(?:[\p{L}²/-]+\s*){1,4}|(?:${LARGEST.source}|${SMALLEST.source})\s+(?:one|tracks?|trajector(?:y|ies)|cells?|nucle(?:us|i)|objects?|frames?|time ?points?|timepoints?))(?:[\s,]+(?:please|pls|plz|thanks|thx))?[\s.!]*$`, 'iu');

/** A measured quantity named alone, perhaps with a statistic and a word of politeness: "areas pls", "mean speed please", "nuclear sizes?". */
const QUANTITY_ALONE = /^(?:and\s+|so\s+|now\s+)?(?:the\s+|their\s+)?(?:(?:nuclear|cell|nucleus|track|object|mean|average|avg|median|total|max(?:imum)?|min(?:imum)?)\s+){0,2}(?:areas?|sizes?|speeds?|velocit(?:y|ies)|intensit(?:y|ies)|brightness|fluorescence|distances?|displacements?|durations?|lifetimes?|circularit(?:y|ies)|perimeters?|straightness|msd)(?:[\s,]+(?:please|pls|plz|thanks|thx|again))?[\s.!]*$/i;

/** A request that is only each thing's value ("each cell's speed", "every track's mean displacement in µm"). */
const EACH_ONES_VALUE = /^(?:and\s+|so\s+|now\s+)?(?:each|every)\s+(?:tracks?|cells?|nucle(?:us|i)|objects?|trajector(?:y|ies))['’]s?\s+(?:[\p{L}²/-]+\s*){1,4}[\s.!?]*$/iu;

/** Words a question without a question word starts with: an aggregate, an extreme or a measured quantity. */
const AGGREGATE_FIRST = /^(?:and\s+|so\s+|ok(?:ay)?,?\s+|now\s+|also\s+)?(?:the\s+)?(?:(?:top|bottom)\s+(?:\d|two|three|four|five|six|seven|eight|nine|ten)\b|(?:\d{1,2}|two|three|four|five|ten)\s+(?:most\s+|least\s+)?[a-z]+est\b|[a-z]+est\s+(?:\d{1,2}|two|three|four|five|ten)\s+(?:tracks|cells|nuclei|objects|ones|trajectories)\b|mean|average|median|typical|sd|std|standard deviation|standard error|sem|cv|coefficient of variation|spread|range|distribution|total|sum|number of|percent(?:age)?|fraction|proportion|share|ratio|difference|max(?:imum)?|min(?:imum)?|(?:\d{1,2}\s*(?:st|nd|rd|th)?\s*-?\s*)?percentiles?|p\d{1,2}|quartiles?|inter-?\s?quartile|iqr)\b/i;
// a superlative ("biggest", "most", "max"), never a comparative: "bigger search radius, say 20 px" changes a setting
const EXTREME_FIRST = new RegExp(String.raw`^(?:and\s+|so\s+|now\s+|also\s+)?(?:the\s+)?(?=[a-z]+est\b|most\b|least\b|max|min)(?:${LARGEST.source}|${SMALLEST.source})`, 'i');
/** A value with its unit ("20 px", "5 µm"): a setting said, not a question about the data. */
const VALUE_WITH_UNIT = /\d\s*(?:px|pixels?|µm|um|microns?|%|s|sec|min|frames?)\b/i;
/** "area of the smallest nucleus (overall)", "speed of the fastest cell": a quantity of the thing at an extreme, with no verb. */
const QUANTITY_OF_EXTREME = new RegExp(String.raw`^(?:and\s+|so\s+|now\s+|also\s+)?(?:the\s+)?(?:[\p{L}-]+\s+){1,3}(?:of|for)\s+(?:the\s+)?(?:${LARGEST.source}|${SMALLEST.source})\s+(?:one|tracks?|trajector(?:y|ies)|cells?|nucle(?:us|i)|objects?)\b`, 'iu');
const STEP_WORD = /\b(?:segment\w*|track(?:ing|ed)?\s+(?:the|them|my|all)|measure|plot|graph|draw|export|save|detect|correct|run|denoise|project)\b/i;
const NOUN_QUESTION = new RegExp(
  `^(?:and\\s+|so\\s+|ok(?:ay)?,?\\s+|now\\s+|also\\s+)?(?:the\\s+|their\\s+|its\\s+)?(?:(?:nuclear|cellular|cytoplasmic|membrane|net|straight[- ]line|end[- ]to[- ]end|colou?r)\\s+)?(?:${[
    'mean|average|median|typical|sd|std|standard deviation|standard error|sem|cv|coefficient of variation|spread|range|distribution|total|sum|number|count|percent(?:age)?|fraction|proportion|share|ratio|difference|max(?:imum)?|min(?:imum)?',
    '(?:\\d{1,2}\\s*(?:st|nd|rd|th)?\\s*-?\\s*)?percentile|p\\d{1,2}|quartile|inter-?\\s?quartile|iqr',
    // the extremes, as the question reader knows them ("busiest frame?", "roundest one?")
    `${LARGEST.source.replace(/^\\b\(\?:|\)\\b$/g, '')}|${SMALLEST.source.replace(/^\\b\(\?:|\)\\b$/g, '')}`,
    'area|size|speed|velocity|intensity|fluorescence|signal|distance|displacement|duration|lifetime|msd|diffusion|straightness|circularity|perimeter|path length|length',
    // the other shape and signal measures a table of objects holds ("eccentricity of each nucleus in frame 3")
    'eccentricit(?:y|ie)|elongation|aspect ratio|diameter|radius|radii|volume|roundness|brightness|orientation|solidity',
    'cell|nucle(?:us|i)|track|object',
    // "id of the largest cell?", "position of the slowest one": which one it is, or where
    'id|label|identity|position|location|centroid|coordinate',
    // "the frame with the fewest", "the timepoint where the count peaks": a frame at an extreme of what it holds
    `(?:frame|time ?point|timepoint)(?=s?\\s+(?:with|where|that|when|having|holding|containing|showing)\\b[^.!?;]*(?:${LARGEST.source}|${SMALLEST.source}|\\bpeak))`,
    // "top 3 fastest cells", "5 biggest nuclei": a ranking asked
    '(?:top|bottom)\\s+(?:\\d+|two|three|four|five|six|seven|eight|nine|ten)|(?:\\d{1,2}|two|three|four|five|ten)\\s+(?:most\\s+|least\\s+)?[a-z]+est',
  ].join('|')})s?\\b`,
  'i',
);

/**
 * True for a question about the measured data at a scope ("the mean area in frame 10?",
 * "which cell moved furthest?", "did they speed up in the second half?", "the median
 * speed"), as opposed to a request phrased as a question ("can you segment them?").
 */
export function asksTheData(question: string): boolean {
  if (!isAskedForm(question)) return false;
  const scope = readQuestion(question);
  if (scope.trackEvent || trackEndsAsked(question)) return true;
  // ("what share of them is cut by the image border?": the objects a measured column keeps, edgeObjects.ts)
  if (scope.subset?.column) return true;
  // ("where is track 2?", "where are the biggest nuclei?": a thing the data names or picks, placed in the field)
  if (asksPosition(question) && (scope.track !== undefined || /\b(?:track|cell|nucleus|object)\s*#?\s*\d/i.test(question) || scope.reduce === 'max' || scope.reduce === 'min')) return true;
  if (scope.quantity.size === 0 && scope.reduce !== 'count' && !scope.whichFrame) return false;
  return scope.which || scope.compare !== undefined || scope.frame !== undefined || scope.frames !== undefined || scope.track !== undefined || scope.channels !== undefined || scope.everyChannel === true || scope.perFrame || scope.whichFrame === true || scope.atTimeS !== undefined || scope.condition !== undefined || scope.listsEach === true || scope.perTrack === true || scope.top !== undefined || (scope.stats?.length ?? 0) >= 2 || ['median', 'sd', 'sem', 'cv', 'range', 'fraction', 'percentile'].includes(scope.reduce);
}

/**
 * The question as words for the step that makes the table it needs: its scope removed (the
 * answer applies it, the step measures everything) and the quantity its adjectives stand
 * for added ("which cell went furthest?" → "... distance travelled").
 */
export function measuringWords(question: string, vocabulary = ''): string {
  // (a phrase that says the quantity is read as it, never left as words of no option: "covered the most ground")
  const text = withoutUnits(withoutScope(question)).replace(new RegExp(COVERED_GROUND.source, 'gi'), ' ');
  const adjectives = quantityOfAdjectives(question).replace(/\bdistance\b/, 'distance travelled').replace(/\bduration\b/, 'duration per track');
  // the tool's own word for what is asked ("straight" → "straightness"), so that its reading of the words picks the right kind
  const asked = [...readQuestion(question).quantity].filter((w) => w.length >= 5);
  const own = [...new Set(vocabulary.match(/[\p{L}]+/gu) ?? [])].filter((word) => [...wordKeys(word)].some((o) => asked.some((w) => o !== w && o.startsWith(w))));
  // a value per frame, in a frame or compared over time needs a table with a row per frame: for motion, the steps between frames
  const scope = readQuestion(question);
  const overFrames = scope.perFrame || scope.compare !== undefined || scope.frame !== undefined || scope.frames !== undefined;
  const motion = [...scope.quantity].some((w) => [...wordKeys('speed displacement distance')].includes(w)) && !BETWEEN_OBJECTS.test(question);
  // "how many trajectories are there?": a count of tracks is a row per track, so the tracks are measured
  const tracksCounted = scope.reduce === 'count' && /\b(?:tracks?|trajector(?:y|ies)|tracklets?|lineages?)\b/i.test(plainQuestion(question)) && !overFrames;
  // "how many cells move?", "how many stay for the whole movie?": each track's displacement, start and stop
  // ("when does track 2 start?": each track's start and stop, rows of whole tracks)
  const tracksKept = countsMovingCells(question) || countsWholeTracks(question) || scope.trackEvent !== undefined || trackEndsAsked(question) !== undefined;
  // "how many cells in channel 2?": the things are found in that channel (a quantity in a channel is measured in every channel, the answer picks it)
  const where = scope.reduce === 'count' && scope.channels?.length === 1 ? ` in channel ${scope.channels[0]}` : '';
  return `${text} ${adjectives} ${own.join(' ')}${overFrames && motion && !tracksKept ? ' steps between frames' : ''}${tracksCounted || tracksKept ? ' whole tracks' : ''}${where}`.replace(/\s+/g, ' ').trim();
}

/**
 * The question without the frame, frames, channel or cell it is about ("in frame 3", "frames
 * 2-4", "at the last time point", "of cell 2", "in ch2"), the times it compares or follows
 * ("at the end than at the start", "over time", "going down"), the statistic asked ("the
 * mean", "median") and units ("in µm/min"): what is left names the quantity and the steps
 * that measure it, never a step of its own ("mean" is no reference frame, "start" no acquisition).
 */
export function withoutScope(question: string): string {
  // units of an answer (µm/min, µm², px per frame), not a length alone ("the pixel size in µm" is about calibration)
  // (a calibration told with the question, "pixel size 0.65 µm", is the answer's to apply: it asks for no step)
  return plainQuestion(withoutToldCalibration(question))
    .replace(/\b(?:in|for|over|across|during|between)?\s*(?:the\s+)?(?:frames?|time ?points?|timepoints?)\s*\d+\s*(?:-|–|to|through|until|and)\s*\d+\b/gi, ' ')
    .replace(/\b(?:in|for|of|on)?\s*(?:the\s+)?channels?\s*\d+(?:\s*(?:and|&|,|vs\.?|versus|to|with)\s*(?:channel\s*)?\d+)?\b/gi, ' ')
    .replace(/\b(?:at|from|in|by|towards?|near|between)?\s*(?:the\s+)?(?:very\s+)?(?:start|beginning|end|onset)\b(?:\s+of\s+the\s+(?:movie|film|video|recording|experiment))?/gi, ' ')
    .replace(/\b(?:between|from)?\s*(?:the\s+)?(?:first|initial)\s+(?:and|to|vs\.?|versus)\s+(?:the\s+)?(?:last|final)\s+(?:frames?|time ?points?)\b/gi, ' ')
    .replace(/\b(?:at|in|on)?\s*(?:which|what)\s+(?:frame|time ?point|timepoint|point in time|image|picture)s?\b/gi, ' ')
    .replace(/\bpeak(?:s|ed|ing)?\b/gi, ' ')
    // "at the start vs at the end": the comparison is the answer's, not a plot of one thing against another
    .replace(/\b(?:vs\.?|versus|compared (?:to|with)|than)(?=\s|$)/gi, ' ')
    .replace(new RegExp(TREND.source, 'gi'), ' ')
    .replace(/\b(?:in|for|at|per)\s+(?:each|every)\s+(?:frame|time ?point|timepoint)\b|\bper\s+(?:frame|time ?point|timepoint)\b|\bover (?:the )?(?:whole )?(?:movie|film|video|recording)\b/gi, ' ')
    // "in the first half of the film", "during the whole recording": the part of the recording asked about, never a step's word
    .replace(/\b(?:in|during|for|over)?\s*(?:the\s+)?(?:first|second|last|latter|former)\s+half\b(?:\s+of\s+(?:the|this|my)\s+(?:movie|film|video|recording|experiment|time ?course|time-?lapse))?/gi, ' ')
    .replace(/\b(?:of|in|during|through|throughout|across|over)\s+(?:the|this|my)\s+(?:whole\s+|entire\s+)?(?:movie|film|video|recording|experiment|time ?course|time-?lapse|time[- ]?series?|sequence|imaging)\b/gi, ' ')
    // "from start to finish": the whole course
    .replace(/\b(?:from\s+)?(?:the\s+)?(?:start|beginning)\s+(?:to|till|until)\s+(?:the\s+)?(?:finish|end)\b/gi, ' ')
    .replace(/\b(?:the\s+)?(?:mean(?!\s+squared?)|average|median|typical|standard deviation|sd|spread|range)\b/gi, ' ')
    // "speed per hour", "µm an hour": the unit of the answer, never an interval to image at
    .replace(/\b(?:per|an?)\s+(?:h|hr|hrs|hours?|mins?|minutes?|s|secs?|seconds?)\b/gi, ' ')
    .replace(SPEED_CHANGE, ' speed ')
    // "the busiest frame", "the darkest timepoint": the frames are where the extreme is looked for, no step's frame-to-frame
    .replace(new RegExp(`(${LARGEST.source}|${SMALLEST.source})\\s+(?:frame|time ?point|timepoint|moment)s?\\b`, 'gi'), '$1')
    // "the brightest", "furthest": the quantity they stand for ("brightest" is no maximum projection)
    // ("the most crowded", "least populated": how many things a frame holds, as the question reader counts them; no step's words)
    .replace(/\b(?:most|least|more|less)\s+(?:crowded|populated|dense)\b/gi, ' ')
    .replace(new RegExp(`${LARGEST.source}|${SMALLEST.source}`, 'gi'), (word) => ` ${/^(?:long|short)/i.test(word) ? '' : quantityOfAdjectives(word)} `)
    .replace(/(?<![\p{L}\d])(?:µm|um|μm|px|pixels?|microns?|micrometers?|micrometres?)(?:\s*(?:\/|per)\s*(?:min(?:ute)?|s|sec(?:ond)?|h(?:our)?|frame)|²|\^2)(?![\p{L}\d])/giu, ' ')
    .replace(/\b(?:in|at|on|of|for|during)?\s*(?:the\s+)?(?:frame|time ?point|timepoint)\s*#?\s*\d+\b/gi, ' ')
    .replace(/\b(?:in|at|on|of|for|during)?\s*(?:the\s+)?(?:last|final|first|initial)\s+(?:frame|time ?point|timepoint)\b/gi, ' ')
    .replace(/\b(?:of|for)?\s*(?:track|cell|nucleus|object|label)\s*#?\s*\d+\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * True when a text (a tool's own words and description) names the quantity the question
 * asks for ("straight" in "straightness", "duration", "distance travelled").
 */
export function namesQuantity(question: string, text: string): boolean {
  const own = [...wordKeys(text)];
  return [...readQuestion(question).quantity].some((w) => own.some((o) => o === w || (w.length >= 5 && o.startsWith(w)) || (o.length >= 5 && w.startsWith(o))));
}

/** A question for an amount ("how straight", "how far", "the average ...", "bigger"), not for what something is. */
export function asksHowMuch(question: string): boolean {
  // "what's the eccentricity of the nuclei?": a property of the things measured
  const ofTheObjects = /\b(?:what(?:\s+is|\s+are)?|give me|tell me)\s+(?:the\s+|their\s+)?[\p{L}-]+(?:\s+[\p{L}-]+)?\s+of\s+(?:the\s+|these\s+|my\s+)?(?:cells?|nucle(?:i|us)|objects?|tracks?|trajector\w*|blobs?)\b/iu.test(plainQuestion(question));
  return ofTheObjects || quantityOfAdjectives(question) !== '' || /\bhow\s+(?:straight|directed|persistent|fast|far|long|big|large|small|bright|much|quickly|round)\b|\b(?:average|mean|median|typical)\b/i.test(question);
}

/** Said as a question: a question mark or a question word first ("max projection of frames 1-10" reads as asked, but was a step). */
function saidAsQuestion(request: string): boolean {
  return /\?\s*$/.test(request) || /^(?:what|which|who|whose|how|when|where|why|is|are|was|were|do|does|did|can|could)\b/i.test(plainQuestion(request).trim());
}

/**
 * A short follow-up question that names no quantity ("and the median?", "and at the last
 * time point?", "what about track 2?") completed with the quantity of the question before it
 * ("... (nucleus area)", "... (how many cells)"); any other request unchanged.
 */
/** "of those", "for these ones", "among them" closing a question: the rows a question before kept. */
const THOSE_ROWS = /\b(of|for|among|in|across)\s+(?:all\s+)?(?:those|these|them|the\s+ones|those\s+ones|these\s+ones)(?=\s*(?:then|please|pls|now|again)?\s*[?.!]*\s*$)/i;

/** "their mean speed", "their average area" (up to the end of the question): a quantity of the rows a question before kept. */
const THEIR_ROWS = /\btheir\s+([^?.!,;]{2,40}?)(?=\s*(?:then|please|pls|now|again)?\s*[?.!]*\s*$)/i;

/**
 * A question about the rows a question before kept by a condition ("how many nuclei are bigger than 20 µm² in frame 2?",
 * then "and what's the mean area of those?"): the pronoun replaced by the things, the condition and the scope said
 * before ("... of the nuclei bigger than 20 µm² in frame 2?"); undefined when the question refers to no such rows.
 */
function keptRowsReferred(question: string, earlierRequests: string[]): string | undefined {
  const pronoun = THOSE_ROWS.exec(question);
  // ("and their mean speed?" after "how many tracks are faster than 2 µm/min?": "their" in a short question is the rows kept)
  const their = pronoun ? null : THEIR_ROWS.exec(question);
  if ((!pronoun && !their) || conditionOf(question) !== undefined) return undefined;
  if (their && question.trim().split(/\s+/).length > 8) return undefined;
  for (const earlier of [...earlierRequests].reverse().slice(0, 2).map(askedOf)) {
    if (!isAskedForm(earlier) || conditionOf(earlier) === undefined) continue;
    const things = /\b(cells?|nucle(?:us|i)|objects?|tracks?|trajector(?:y|ies)|blobs?|spots?)\s+(?:that\s+|which\s+)?(?:are\s+|were\s+|is\s+|was\s+|have\s+|had\s+|has\s+)?(?:got\s+)?([^?!]*?)\s*[?.!]*\s*$/i.exec(earlier);
    if (!things || !things[2] || conditionOf(things[2]) === undefined) continue;
    if (their) return `${question.slice(0, their.index)}the ${their[1]} of the ${things[1].toLowerCase()} ${things[2]}${question.slice(their.index + their[0].length)}`;
    return `${question.slice(0, pronoun!.index)}${pronoun![1]} the ${things[1].toLowerCase()} ${things[2]}${question.slice(pronoun!.index + pronoun![0].length)}`;
  }
  return undefined;
}

/** A unit of length, area, time or speed as people write it ("pixels", "µm²", "microns per minute", "um/h"). */
const ANY_UNIT = String.raw`(?:square\s+)?(?:µm|um|μm|microns?|micromet\w+|px|pixels?|nm|secs?|seconds?|s|mins?|minutes?|h|hrs?|hours?|frames?)(?:²|2)?(?:\s*(?:\/|per|an?)\s*(?:secs?|seconds?|s|mins?|minutes?|h|hrs?|hours?|frames?))?`;

/** "is that significant?" with no comparison before it to test (completedFollowUp leaves it as asked): one line says what is tested. */
export function significanceAskedAlone(question: string, earlierRequests: string[]): string | undefined {
  if (!SIGNIFICANCE_ONLY.test(question.trim()) || testableComparison(earlierRequests)) return undefined;
  const single = [...earlierRequests].reverse().slice(0, 3).map(askedOf).some((e) => isAskedForm(e) && readQuestion(e).compare !== undefined);
  const why = single ? 'The comparison before is of one value on each side (a count in one frame against another), which no test can weigh' : 'There is no comparison just before this to test';
  return `${why}, so I ran nothing. I test the difference between two parts of the movie with Welch's t-test on their values: ask e.g. "is the mean speed higher in the second half than in the first?" (or "... per frame in the first half vs the second half" for counts), then "is that significant?".`;
}

/** The comparison asked just before whose parts hold several values each (a measured quantity, or counts over halves): the one a test can weigh. */
function testableComparison(earlierRequests: string[]): string | undefined {
  return [...earlierRequests].reverse().slice(0, 3).map(askedOf).find((e) => {
    const scope = isAskedForm(e) ? readQuestion(e) : undefined;
    return scope?.compare !== undefined && (scope.compare === 'halves' || (scope.quantity.size > 0 && scope.reduce !== 'count'));
  });
}

/** Only that, of what was answered just before ("is that significant?", "and is it statistically significant?", "p value?"). */
const SIGNIFICANCE_ONLY = /^(?:(?:and|so|but|ok(?:ay)?|hmm+|right|well)[,\s]+)*(?:(?:is|was|are|were)\s+(?:that|this|it|these|those|they|the\s+(?:difference|change|drop|increase|decrease))\s+)?(?:(?:statistically|actually|really)\s+)?(?:significant(?:ly\s+different)?|real|(?:a\s+)?significan(?:t|ce)|(?:what(?:'s|\s+is)\s+the\s+)?p[\s-]?values?|any\s+significance)\s*(?:though|then|at\s+all)?\s*[?.!]*$/i;

/** Only how sure the answer before is ("how sure are you?", "how confident are you in that?", "are you sure about that?"). */
const CERTAINTY_ONLY = /^(?:(?:and|so|but|ok(?:ay)?|hmm+|right|well)[,\s]+)*(?:how\s+(?:sure|confident|certain)\s+(?:are\s+you|is\s+(?:that|it|this))|are\s+you\s+(?:really\s+)?(?:sure|confident|certain))(?:\s+(?:about|of|in|on)\s+(?:that|this|it|them|those|these)(?:\s+(?:one|ones|answer|number|count))?)?\s*[?.!]*$/i;
/** Words of divisions in a question before ("how many divisions are there?", "when do they divide?"). */
/**
 * "how reliable is that?", "how accurate is that number?", "how confident are you in that?", "error bars?": how sure the
 * value just answered is, asked alone (completedFollowUp asks the question before again, with its uncertainty).
 */
const RELIABILITY_ONLY = /^(?:(?:and|so|but|ok(?:ay)?|hmm+|right|well)[,\s]+)*(?:how\s+(?:reliable|accurate|precise|trustworthy|robust|exact|solid|good)\s+(?:is|are|was|were)\s+(?:that|this|it|these|those|they|the\s+(?:number|value|estimate|result|answer|mean|average|count|figure))(?:\s+(?:number|value|estimate|result|answer|figure))?|how\s+(?:sure|confident|certain)\s+(?:are\s+you|is\s+(?:that|it|this))(?:\s+(?:about|of|in|on)\s+(?:that|this|it|them|those|these)(?:\s+(?:one|ones|answer|number|count|value|estimate|mean|figure))?)?|(?:(?:what(?:'s|\s+is)|what\s+are|give\s+me|any)\s+)?(?:the\s+)?(?:uncertainty|error\s*bars?|errors?|confidence\s+intervals?|ci|sem|standard\s+error)(?:\s+(?:on|of|for)\s+(?:that|this|it|them)(?:\s+(?:number|value|estimate|mean))?)?)\s*(?:then|though)?\s*[?.!]*$/i;
/** The mark completedFollowUp leaves on the question asked again ("... (with its uncertainty)?"), which readQuestion reads. */
const UNCERTAINTY_ASKED = /\(with its uncertainty\)/i;
const DIVISIONS_BEFORE = /\b(?:divi(?:de|des|ded|ding|sion|sions)|mitos[ie]s|mitotic|splits?)\b/i;

export function completedFollowUp(question: string, earlierRequests: string[]): string {
  // "how sure are you?" after a question about divisions: when each happened, with how sure the tracks are of it (each
  // division's own confidence); other answers keep the reading of the step behind them (explanations.ts)
  if (CERTAINTY_ONLY.test(question.trim())) {
    const before = earlierRequests.length ? askedOf(earlierRequests.at(-1)!) : undefined;
    if (before && isAskedForm(before) && DIVISIONS_BEFORE.test(before)) return divisionTimeAsked(before) ? `${before.trim().replace(/[?.!\s]+$/, '')}, and how sure are you?` : 'when do the divisions happen, and how sure are you?';
  }
  // "how reliable is that?" after "what's the mean speed?": that question again, its value with its standard error and
  // 95% confidence interval (a question about divisions keeps the reading above; another answer the step's record)
  if (RELIABILITY_ONLY.test(question.trim())) {
    const before = earlierRequests.length ? askedOf(earlierRequests.at(-1)!) : undefined;
    if (before && isAskedForm(before) && !DIVISIONS_BEFORE.test(before) && !UNCERTAINTY_ASKED.test(before) && (readQuestion(before).quantity.size > 0 || readQuestion(before).reduce === 'count')) return `${before.trim().replace(/[?.!\s]+$/, '')} (with its uncertainty)?`;
  }
  // "is that significant?" after "are they faster at the end than at the start?": the comparison before, with its test
  if (SIGNIFICANCE_ONLY.test(question.trim())) {
    const before = testableComparison(earlierRequests);
    if (before) return `${before.trim().replace(/[?.!\s]+$/, '')} (tested for significance)?`;
  }
  // "and what's the mean area of those?" after "how many nuclei are bigger than 20 µm² in frame 2?": the rows the question
  // before kept, by its condition and at its scope, named in place of the pronoun
  const kept = keptRowsReferred(question, earlierRequests);
  if (kept) return kept;
  // "what unit is that in?", "which units?": the question before, whose answer says its unit
  // ("wait, is that in pixels or microns?": one unit or the other, which the answer before says)
  if (/^(?:(?:and|ok(?:ay)?|so|but|wait|hang on|hold on|hmm+|oh|sorry)\s*[,.!]?\s*)*(?:(?:what|which)\s+units?|units?)(?:\s+(?:is|are|was|were)\s+(?:that|this|it|these|those|they)(?:\s+in)?)?\s*\??\s*$/i.test(question.trim())
    || new RegExp(String.raw`^(?:(?:and|ok(?:ay)?|so|but|wait|hang on|hold on|hmm+|oh|sorry)\s*[,.!]?\s*)*(?:(?:is|are|was|were)\s+(?:that|this|it|these|those|they|the\s+\w+)\s+)?(?:(?:in|as)\s+)?${ANY_UNIT}\s+or\s+(?:in\s+)?${ANY_UNIT}\s*\??\s*$`, 'i').test(question.trim())) {
    const before = [...earlierRequests].reverse().slice(0, 3).find((e) => isAskedForm(e) && readQuestion(e).quantity.size > 0);
    if (before) return before;
  }
  // "in µm per hour?", "and in minutes?", "is that in microns?": the question before, in the unit now asked
  // ("same but in microns per minute", "the same thing, but in µm/h": the same question, only its unit changed)
  const unitOnly = /^(?:(?:and|ok(?:ay)?|so|now|but|also)\s*,?\s*)?(?:(?:what about|how about|(?:the\s+)?same(?:\s+(?:thing|one|question|again))?(?:\s*,?\s*(?:but|only|just))?|(?:is|was|are|were)\s+(?:that|this|it|these|those|they))\s+)?((?:in|as|per)\s+(?:square\s+)?(?:µm|um|μm|microns?|micromet\w+|px|pixels?|nm|secs?|seconds?|s|mins?|minutes?|h|hrs?|hours?)\b[^?]{0,30}?)\s*(?:instead|please|pls)?\s*\??\s*$/i.exec(question.trim());
  if (unitOnly) {
    const before = [...earlierRequests].reverse().slice(0, 3).find((e) => isAskedForm(e) && (readQuestion(e).quantity.size > 0 || readQuestion(e).reduce !== 'mean'));
    if (before) return `${before.trim().replace(/[?.!\s]+$/, '').replace(/\s+(?:in|as)\s+(?:square\s+)?(?:µm|um|μm|microns?|micromet\w+|px|pixels?|nm|secs?|seconds?|s|mins?|minutes?|h|hrs?|hours?|frames?)\b.*$/i, '')} ${unitOnly[1]}?`;
  }
  // "same for the area", "now the same with track 2": after a question, that question again about what is named now
  // ("now for the area", "and for the speed?": the same, said shorter)
  const sameFor = /^(?:(?:and|ok(?:ay)?|so|now)\s*,?\s*)*(?:(?:do|give me|tell me)\s+)?(?:the\s+)?same\s+(?:thing\s+)?(?:for|with)\s+([^?]{1,60}?)\s*(?:please|pls)?\s*[?.!]*$/i.exec(question.trim())
    ?? /^(?:(?:and|ok(?:ay)?|so|now)\s*,?\s*)+for\s+([^?]{1,60}?)\s*(?:please|pls)?\s*[?.!]*$/i.exec(question.trim());
  // ("segment, track and tell me their mean area and speed", then "same for frame 3": the question asked after the steps)
  const before = earlierRequests.length ? askedOf(earlierRequests.at(-1)!) : undefined;
  // "same for frame 3", "same for track 2": the question before at that scope instead of its own
  const atScope = sameFor && before !== undefined && isAskedForm(before) ? sameAtScope(before, sameFor[1]) : undefined;
  if (atScope) return atScope;
  if (sameFor && before !== undefined && isAskedForm(before)) {
    // ("mean intensity per frame" asks the data without a question mark: the same about another quantity)
    const same = asksTheData(before) || saidAsQuestion(before) ? sameQuestionAbout(before, sameFor[1]) : undefined;
    if (same) return same;
    if (saidAsQuestion(before)) return completedFollowUp(`what about ${sameFor[1]}?`, earlierRequests);
  }
  // ("whats the median of that?", "the SD of those values?": a statistic of the value just answered, as "and the median?")
  const statOfThat = STATISTIC_OF_THAT.exec(question.trim());
  if (statOfThat) return completedFollowUp(`and the ${statOfThat[1]}?`, earlierRequests);
  const words = question.trim().split(/\s+/);
  if (words.length > 8 || !isAskedForm(question) && !/\?\s*$/.test(question)) return question;
  // ("per frame?", "in frame 4?", "at the end?": only a scope, the question before at it)
  const scopeOnly = /^(?:per|in|at|for|over|on|by)\s+(?:each\s+|every\s+|the\s+)?(?:(?:very\s+)?(?:first|last|final)\s+)?(?:frames?|time ?points?|timepoints?|tracks?|cells?|channels?|start|end|beginning)\b[^?]{0,20}\?\s*$/i.test(question.trim());
  if (!scopeOnly && !/^(?:and|also|ok(?:ay)?|so|now|what about|how about|same for|then)\b|^(?:the\s+)?(?:mean|average|median|sd|spread|range|total|max|min)\b\W*$/i.test(plainQuestion(question))) return question;
  const said = question.trim().replace(/^(?:and|also|ok(?:ay)?|so|now|then)\b[,\s]*(?:what about|how about|same for)?\s*|^(?:what about|how about|same for)\s*/i, '');
  // ("what about the last frame?", "how about frame 30?": a frame named alone is the scope "in" it)
  // ("how many cells in frame 10?", then "and 20?": a number alone is another of the frame or track the question before named)
  const bareNumber = /^(?:in\s+|at\s+|for\s+)?#?(\d+)\s*\??\s*$/i.exec(said);
  const namedBefore = bareNumber && earlierRequests.length ? readQuestion(askedOf(earlierRequests.at(-1)!)) : undefined;
  const numbered = bareNumber && namedBefore ? (typeof namedBefore.frame === 'number' ? `in frame ${bareNumber[1]}?` : namedBefore.track !== undefined ? `for track ${bareNumber[1]}?` : undefined) : undefined;
  const rest = numbered ?? (/^(?:the\s+)?(?:(?:very\s+)?(?:first|last|final|initial)\s+)?(?:frames?|time ?points?|timepoints?)\b|^the\s+(?:very\s+)?(?:start|end|beginning)\b/i.test(said) ? `in ${said}` : said);
  const own = readQuestion(question);
  // "and the mean intensity?" after "count per frame": another quantity, at the scope of the question before
  if (own.quantity.size > 0 && /^(?:and|also|what about|how about)\b/i.test(question.trim())) return atScopeBefore(question, own, earlierRequests.at(-1));
  // ("and which frame has the most cells?" after the mean area: a count that names the things counted is whole; no
  // quantity of the question before is added to it)
  if (own.quantity.size > 0 || (own.reduce === 'count' && (/\bhow many\b|\bnumber of\b|\bcount\b/i.test(question) || COUNTED_THINGS.test(question)))) return question;
  for (const earlier of [...earlierRequests].reverse().slice(0, 3).map(askedOf)) {
    const before = readQuestion(earlier);
    if (!isAskedForm(earlier)) continue;
    // ("and in frame 4?" after "the mean area and speed": both quantities at that frame, each answered)
    const atScope = before.quantity.size > 0 && questionPartsOf(earlier) ? sameAtScope(earlier, rest.replace(/\?\s*$/, '')) : undefined;
    if (atScope) return atScope;
    if (before.quantity.size > 0) {
      const phrase = quantityPhraseOf(earlier);
      if (phrase) return isAskedForm(rest) ? `${rest.replace(/\?\s*$/, '')} (${phrase})?` : `what is ${rest.replace(/\?\s*$/, '')} (${phrase})?`;
    }
    // (the things the count before named: "how many nuclei in frame 2?", then "what about the last frame?")
    if (before.reduce === 'count') return `how many ${/\btracks?\b/i.test(earlier) ? 'tracks' : /\bnucle(?:us|i)\b/i.test(earlier) ? 'nuclei' : 'cells'} ${rest}`;
  }
  return question;
}

/** The things a count counts, named ("the most cells", "fewest nuclei", "more tracks"). */
const COUNTED_THINGS = /\b(?:cells|nuclei|objects|tracks|trajectories|spots|foci|blobs|divisions|mitoses)\b/i;

/** A statistic asked of the value just answered ("whats the median of that?", "the SD of those values", "max of it?"). */
const STATISTIC_OF_THAT = /^(?:(?:and|so|ok(?:ay)?|now|also)\s*,?\s*)*(?:(?:what(?:'s|\s+is|\s+was|\s+are|\s+about)|whats|how\s+about|give\s+me|tell\s+me|can\s+(?:you|u)\s+give\s+me)\s+)?(?:the\s+)?(mean|average|median|sd|s\.d\.|std|standard deviation|spread|range|total|sum|max(?:imum)?|min(?:imum)?|cv|coefficient of variation)\s+(?:of|for|on)\s+(?:that|this|it|those|these|them)(?:\s+(?:number|numbers|value|values|ones?|counts?))?\s*(?:then|please|pls|too)?\s*[?.!]*$/i;

/** The words a question names its quantity by, in the order said ("mean speed per track" → "speed"); '' for none. */
function quantityPhraseOf(question: string): string {
  const asked = readQuestion(question).quantity;
  if (asked.size === 0) return '';
  const written = tokenize(withoutScope(question)).filter((t) => asked.has(meaning(t.stem.replace(/s$/, ''))) || asked.has(meaning(t.stem))).map((t) => t.word);
  const adjectives = quantityOfAdjectives(question);
  return [...new Set([...written, ...(adjectives ? adjectives.split(' ') : [])])].join(' ');
}

/** What a request asked: its question after the steps ("segment them and tell me the mean area" → "tell me the mean area"), or the whole request. */
function askedOf(request: string): string {
  const part = askedPart(request);
  return part ? request.slice(part.from).replace(/^[\s,;]*(?:(?:and|then|also|so)\b[\s,]*)*/i, '') : request;
}

/**
 * The question before at the scope named instead of its own ("tell me their mean area and speed", then "same for
 * frame 3" → "tell me their mean area and speed in frame 3?"); undefined when what is named is no scope alone.
 */
function sameAtScope(before: string, named: string): string | undefined {
  const own = readQuestion(named);
  // ("same for channel 2" after "mean intensity in channel 1": a channel named alone is a scope, no quantity of its own; it
  // replaces the channel before, the question's other scope kept)
  const channelOnly = (own.channels?.length ?? 0) > 0 && quantityOf(named).size === 0;
  const scoped = own.frame !== undefined || own.frames !== undefined || own.track !== undefined || own.perFrame || own.perTrack || own.compare !== undefined || channelOnly;
  if (!scoped || (own.quantity.size > 0 && !channelOnly) || readQuestion(before).quantity.size === 0) return undefined;
  const said = named.trim().replace(/^(?:the\s+)/i, '');
  const phrase = /^(?:in|at|for|over|on|of|per|across|between|from|during)\b/i.test(said) ? said : `${/^(?:tracks?|cells?|nucle(?:us|i)|objects?|trajector)/i.test(said) ? 'for' : 'in'} ${said}`;
  const unscoped = (channelOnly ? before.replace(CHANNEL_PHRASE, ' ') : before.replace(new RegExp(SCOPE_PHRASE.source, 'gi'), ' ')).replace(/[?.!\s]+$/, '').replace(/\s+/g, ' ').trim();
  return `${unscoped} ${phrase}?`;
}

/** Where in the movie a question asks ("per frame", "in frame 3", "over time", "for frames 2-4", "in the last frame", "of track 2", "for each track"). */
const SCOPE_PHRASE = /\b(?:(?:in|for|at|per)\s+(?:each|every)\s+(?:frame|time ?point|timepoint|track|cell|nucleus)|per\s+(?:frame|time ?point|timepoint|track|cell)|over time|across (?:the )?frames|(?:in|at|for|of)\s+(?:the\s+)?(?:frames?|time ?points?|timepoints?|tracks?|cells?|nucle(?:us|i))\s*#?\d+(?:\s*(?:-|–|to|and|through)\s*\d+)?|(?:in|at)\s+the\s+(?:very\s+)?(?:first|last|final)\s+(?:frame|time ?point|timepoint))\b/i;

/** One channel a question is about ("in channel 1", "of ch2", "for C3"), which a follow-up naming another channel replaces. */
const CHANNEL_PHRASE = /\b(?:in|for|of|on|from)\s+(?:the\s+)?(?:channels?|ch|c)\s*\d\b/gi;

/** A follow-up naming a quantity but no scope, asked at the scope the question before named; as it is when either has none of its own to give. */
function atScopeBefore(question: string, own: QuestionScope, before: string | undefined): string {
  const ownScope = own.frame !== undefined || own.frames !== undefined || own.perFrame || own.track !== undefined || own.compare !== undefined || own.whichFrame || own.perTrack || own.listsEach || own.atTimeS !== undefined;
  const phrase = before && !ownScope ? SCOPE_PHRASE.exec(before)?.[0] : undefined;
  return phrase ? `${question.trim().replace(/[?.!\s]+$/, '')} ${phrase}?` : question;
}

/**
 * The question before about another quantity, at its scope and with its statistic ("mean intensity per frame", then
 * "same for the area" → "mean area per frame"); undefined when either names no quantity.
 */
function sameQuestionAbout(earlier: string, named: string): string | undefined {
  const before = readQuestion(earlier);
  if (before.quantity.size === 0 || readQuestion(named).quantity.size === 0) return undefined;
  const written = tokenize(withoutScope(earlier)).filter((t) => before.quantity.has(meaning(t.stem.replace(/s$/, ''))) || before.quantity.has(meaning(t.stem))).map((t) => t.word);
  if (written.length === 0) return undefined;
  const words = [...new Set(written)].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const replaced = earlier.replace(new RegExp(`\\b(?:${words})\\b(?:\\s+(?:${words})\\b)*`, 'i'), named.replace(/^(?:the|their|its)\s+/i, ''));
  return replaced === earlier ? undefined : replaced;
}

/** A count of the things themselves ("how many cells?", "how many nuclei per frame", "is the cell count increasing?"), not of divisions or gaps. */
export function countsThings(question: string): boolean {
  const scope = readQuestion(question);
  return scope.reduce === 'count' && !countsSomethingElse(scope) && !scope.condition;
}

/** The question keeps the objects by a 0/1 column of the objects table ("how many cells touch the border?", "which nuclei are cut by the edge?"). */
export function keepsRowsByAColumn(question: string): boolean {
  return readQuestion(question).subset?.column !== undefined;
}

/** A count of things that meet a condition ("count the nuclei, ignoring anything under 40 px"): a table of objects answers it. */
export function countsWithACondition(question: string): boolean {
  const scope = readQuestion(question);
  if (scope.reduce !== 'count' || !scope.condition) return false;
  return !countsSomethingElse({ ...scope, quantity: new Set([...scope.quantity].filter((w) => !CONDITION_WORDS.has(w))) });
}

/** A condition's own words ("ignoring anything", "if I leave out those smaller than"): they name nothing else counted. */
const CONDITION_WORDS = new Set(wordKeys('exclude anything something everything those these ones any if i area size'));

/** A count at a scope ("how many cells per frame", "in frame 3", "at the end vs the start"): one value per frame answers it, not a total. */
export function countsAtAScope(question: string): boolean {
  const scope = readQuestion(question);
  return scope.reduce === 'count' && !countsSomethingElse(scope) && (scope.perFrame || scope.compare !== undefined || scope.frame !== undefined || scope.frames !== undefined);
}

/** True when the question asks for a measured quantity (an area, a speed), not only a count: a table answers it, not a step's summary values. */
export function asksAMeasuredQuantity(question: string): boolean {
  const scope = readQuestion(question);
  // ("how many nuclei are bigger than 40 µm²?": a count of the rows a measured quantity keeps)
  // ("how many nuclei have an eccentricity above 0.5?": a quantity without a unit, named by a word of its own)
  // ("when does track 2 start?": the time of its first spot, which a table of tracks holds; "which track ends first?" too)
  if (scope.trackEvent || trackEndsAsked(question)) return true;
  // ("how many of them touch the border?": the objects a measured 0/1 column keeps, touches_edge)
  if (scope.subset?.column) return true;
  return scope.quantity.size > 0 && (scope.reduce !== 'count' || (scope.condition !== undefined && !scope.condition.relative && scope.condition.unit !== 'frames' && (scope.condition.unit !== '' || [...scope.quantity].some((w) => w.length >= 5))));
}

/** Other words for a column than its name says (TrackMate's splits are divisions). */
const COLUMN_WORDS: [RegExp, string][] = [
  [/SPLIT/i, 'division divide'],
  [/DURATION|NUMBER_SPOTS/i, 'duration long lifetime'],
  [/TOTAL_DISTANCE/i, 'distance travel path length'],
  [/DISPLACEMENT/i, 'displacement distance net'],
  // (MEAN_STRAIGHT_LINE_SPEED is a speed: "straight" names it only beside a word of speed, bestColumn)
  [/CONFINEMENT|LINEARITY/i, 'straight straightness directed persistence persistent persistently directness directionality directional directionally'],
  [/intensity/i, 'intensity bright'],
  // a per-frame summary's columns (measure kind "summary")
  [/^area_fraction/i, 'confluence coverage cover fraction percent'],
  [/^objects_per_mm2$/i, 'density'],
];

/** Words of speed in a question's quantity ("speed", "fast", "velocity", "how quickly"). */
const SPEED_WORD = /\b(?:speed\w*|veloc\w*|fast\w*|quick\w*|slow\w*|rapid\w*|pace|motil\w*)/i;

function columnWords(name: string): Set<string> {
  const extra = COLUMN_WORDS.filter(([re]) => re.test(name)).map(([, words]) => words).join(' ');
  const plain = name.replace(/_(?:px2?|um[23]?|voxels|um_per_\w+|px_per_\w+|c\d+)$/i, '').replace(/_/g, ' ').replace(/\b(?:track|mean|number|per)\b/gi, ' ');
  return wordKeys(`${plain} ${extra}`);
}

const ID_COLUMNS = ['TRACK_ID', 'track_id', 'branch_id', 'label', 'cell_id', 'id'];
const SKIP_COLUMNS = /^(?:t|frame|z|time_s|TRACK_START|TRACK_STOP|source_spot|target_spot|kind|TRACK_[XYZ]_LOCATION|centroid_\w+|orientation_rad|NUMBER_COMPLEX|NUMBER_MERGES)$/;

interface Candidate {
  artifact: KnownArtifact;
  table: Table;
  column?: string;
  score: number;
}

function numeric(rows: Row[], column: string): number[] {
  return rows.map((r) => r[column]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/** The column of a table that the question's quantity names best (calibrated first when it has values), or undefined. */
/** The dimension of a column from its name (TRACK_MEAN_SPEED a speed, TRACK_DURATION a time, area_um2 an area), or undefined. */
function columnDimension(name: string): AskedDimension | undefined {
  if (/speed|velocity/i.test(name)) return 'speed';
  if (/area/i.test(name)) return 'area';
  if (/DURATION|^TRACK_START|^TRACK_STOP|^time_/i.test(name)) return 'time';
  if (/DISTANCE|DISPLACEMENT|perimeter|diameter|radius|LENGTH/i.test(name)) return 'length';
  return undefined;
}

/**
 * Words that make a quantity another one ("nearest neighbour distance" is a distance between objects of one frame, never
 * the distance a track travelled): a question that says one is answered only by a column that says it too.
 */
const DISTINGUISHING_WORDS = wordKeys('nearest neighbour');

function bestColumn(table: Table, scope: QuestionScope, wantsMicrons: boolean, written: string[] = [], distanceKind?: DistanceKind, asked?: AskedDimension): { name: string; score: number } | undefined {
  let best: { name: string; score: number } | undefined;
  const distinguishing = [...scope.quantity].filter((w) => DISTINGUISHING_WORDS.has(w));
  for (const name of table.columns) {
    if (ID_COLUMNS.includes(name) || SKIP_COLUMNS.test(name)) continue;
    // a channel named: only that channel's columns ("mean_intensity_c2")
    const ofChannel = /_c(\d+)$/i.exec(name);
    if (scope.channels?.length && ofChannel && !scope.channels.includes(Number(ofChannel[1]))) continue;
    const own = columnWords(name);
    if (distinguishing.length && !distinguishing.some((w) => own.has(w))) continue;
    let score = 0;
    for (const w of own) if (scope.quantity.has(w)) score += 1;
    if (score === 0 || numeric(table.rows, name).length === 0) continue;
    // the word as written in the column's name ("displacement" is TRACK_DISPLACEMENT, not the distance travelled)
    if (written.some((w) => name.toLowerCase().includes(w))) score += 0.5;
    // the plain statistic wins over its spread (TRACK_MEAN_SPEED over TRACK_STD_SPEED), µm over px
    if (/_(?:STD|MIN|MAX|MEDIAN)_|^(?:MAX|MIN)_|^(?:min|max|std|median|sum)_/i.test(name)) score -= 0.3;
    if (scope.reduce === 'max' && /^MAX_|_MAX_/i.test(name) && !/DISTANCE/.test(name)) score += 0.2;
    // µm over px in a table that has both (area_um2 beside area_px); never a reason to prefer another table
    if (/(?:^|_)um(?:[23]|_|$)/i.test(name) && table.columns.some((c) => /(?:^|_)(?:px|voxels)(?:2|_|$)/i.test(c))) score += wantsMicrons ? 0.5 : 0.1;
    // ("bigger than 100 px²": the pixel column, where the threshold's unit is)
    if (/^px/.test(scope.condition?.unit ?? '') && /(?:^|_)px(?:2|_|$)/i.test(name) && table.columns.some((c) => /(?:^|_)um(?:2|_|$)/i.test(c))) score += 0.5;
    // a number of spots stands in for a duration; the duration itself (with its unit) answers first
    if (/^NUMBER_/i.test(name)) score -= 0.1;
    if (/TOTAL_DISTANCE/i.test(name)) score += 0.2;
    // "from its starting point", "net", "as the crow flies": the start-to-end displacement; "in total", "path length": the path
    if (distanceKind && /DISPLACEMENT|DISTANCE/i.test(name)) score += (distanceKind === 'net') === /^TRACK_DISPLACEMENT/i.test(name) ? 1 : -1;
    if (/^mean_intensity/i.test(name)) score += 0.1;
    // the unit asked says which of two columns a word means ("track length in microns": the distance, not the duration)
    const dimension = columnDimension(name);
    if (asked && dimension) score += asked === dimension ? 0.3 : -1;
    // a speed named by a word of its kind only ("how straight do they move?" is no straight-line speed): a speed column
    // answers a question with a word of speed in it
    if (dimension === 'speed' && !SPEED_WORD.test([...scope.quantity].join(' ')) && !SPEED_WORD.test(written.join(' '))) score -= 0.8;
    if (!best || score > best.score) best = { name, score };
  }
  return best;
}


/** Units the step that made the table reported (lengthUnit, timeUnit), when it did. */
function unitsOf(table: KnownArtifact, results: PastResult[]): { lengthUnit?: string; timeUnit?: string } {
  const maker = results.find((r) => r.artifacts.some((a) => a.id === table.id));
  const v = maker?.values ?? {};
  return { lengthUnit: typeof v.lengthUnit === 'string' ? v.lengthUnit : undefined, timeUnit: typeof v.timeUnit === 'string' ? v.timeUnit : undefined };
}

/** Unit of a column: from its name (area_um2 → µm², speed_um_per_min → µm/min), else from the units the step reported. */
export function unitOfColumn(name: string, lengthUnit?: string, timeUnit?: string): string | undefined {
  const u = unitSuffixOf(name);
  if (u) {
    // (a volume: µm³ of a calibrated z-stack, else voxels)
    if (u === 'um3') return 'µm³';
    if (u === 'voxels') return 'voxels';
    if (u === 'px') return /area/i.test(name) ? 'px²' : 'px';
    if (u === 'px2') return 'px²';
    if (u === 'um') return 'µm';
    if (u === 'um2') return 'µm²';
    if (u === 'j_per_cm2') return 'J/cm²';
    if (u === 'percent') return '%';
    return u.replace('um', 'µm').replace('_per_', '/');
  }
  if (/SPEED/i.test(name) && lengthUnit) return `${lengthUnit}/${timeUnit ?? 'frame'}`;
  if (/DISTANCE|DISPLACEMENT/i.test(name) && lengthUnit) return lengthUnit;
  if (/DURATION/i.test(name) && timeUnit) return timeUnit;
  if (/intensity/i.test(name)) return 'grey levels';
  return undefined;
}

const PER_TIME: Record<string, number> = { s: 1, min: 60, h: 3600 };

/** The value in the time unit the question asks for ("in µm per hour" of a µm/min column). */
function inAskedTime(v: number, unit: string | undefined, question: string): { v: number; unit: string | undefined } {
  // a duration ("in seconds", "how many minutes"): s, min or h of a column in another of them
  if (unit && /^(?:s|min|h)$/.test(unit)) {
    const wanted = /\b(?:in|as|how many)\s+(?:secs?|seconds?|s)\b/i.test(question) ? 's' : /\b(?:in|as|how many)\s+(?:mins?|minutes?)\b/i.test(question) ? 'min' : /\b(?:in|as|how many)\s+(?:h|hrs?|hours?)\b/i.test(question) ? 'h' : undefined;
    return wanted && wanted !== unit ? { v: (v * PER_TIME[unit]) / PER_TIME[wanted], unit: wanted } : { v, unit };
  }
  const have = unit ? /\/(s|min|h)$/.exec(unit)?.[1] : undefined;
  const asked = /\b(?:per|\/)\s*(?:h|hr|hour)\b|\/h\b/i.test(question) ? 'h' : /\b(?:per|\/)\s*(?:min|minute)\b|\/min\b/i.test(question) ? 'min' : /\b(?:per|\/)\s*(?:s|sec|second)\b|\/s\b/i.test(question) ? 's' : undefined;
  if (!have || !asked || have === asked) return { v, unit };
  return { v: (v * PER_TIME[asked]) / PER_TIME[have], unit: unit!.replace(/\/(?:s|min|h)$/, `/${asked}`) };
}

/** The value in the length unit the question asks for: µm → px ("in pixels") or px → µm ("in microns"), given the pixel size. */
function inAskedLength(v: number, unit: string | undefined, question: string, pixelSizeUm: number | undefined, pixelSizeTold = false): { v: number; unit: string | undefined } {
  // "in nm per second": micrometres as nanometres (1000 nm each; an area 10⁶ nm²)
  if (unit && /\bnm\b|\bnanomet(?:er|re)s?\b/i.test(question)) {
    const inUm = /^px/.test(unit) && pixelSizeUm && !/frame/.test(unit) ? inAskedLength(v, unit, 'in µm', pixelSizeUm) : { v, unit };
    if (inUm.unit && /^µm/.test(inUm.unit)) return { v: inUm.v * (/²/.test(inUm.unit) ? 1e6 : 1000), unit: inUm.unit.replace('µm', 'nm') };
  }
  if (!unit || !pixelSizeUm) return { v, unit };
  const wantsPx = /\b(?:in|as)\s+(?:square\s+)?(?:pixels?|px)\b|\bpx\s*(?:²|\^?2)?\s*\??\s*$/i.test(question);
  const wantsUm = (pixelSizeTold && !wantsPx) || /\b(?:in|as)\s+(?:square\s+)?(?:µm|um|μm|microns?|micromet\w+)\b/i.test(question);
  const area = /²/.test(unit);
  if (wantsPx && /^µm/.test(unit)) return { v: v / (area ? pixelSizeUm ** 2 : pixelSizeUm), unit: unit.replace('µm', 'px') };
  if (wantsUm && /^px/.test(unit) && !/frame/.test(unit)) return { v: v * (area ? pixelSizeUm ** 2 : pixelSizeUm), unit: unit.replace('px', 'µm') };
  return { v, unit };
}

/**
 * The time between frames a table shows, in its own time unit: a track seen in every frame
 * from its start to its stop (no gaps, splits or merges) lasts (spots - 1) intervals; a table
 * of objects with its frame (t) and time (time_s) gives it directly. Undefined when it shows none.
 */
export function frameIntervalOfTable(table: Table): number | undefined {
  const intervals: number[] = [];
  if (table.columns.includes('TRACK_DURATION') && table.columns.includes('NUMBER_SPOTS')) {
    for (const r of table.rows) {
      const spots = r.NUMBER_SPOTS;
      const duration = r.TRACK_DURATION;
      if (typeof spots !== 'number' || typeof duration !== 'number' || spots < 2 || !(duration > 0)) continue;
      if (['NUMBER_GAPS', 'NUMBER_SPLITS', 'NUMBER_MERGES'].some((c) => typeof r[c] === 'number' && (r[c] as number) > 0)) continue;
      intervals.push(duration / (spots - 1));
    }
  } else {
    const timeColumn = table.columns.find((c) => /^time_(?:s|min|h)$/.test(c));
    if (timeColumn && table.columns.includes('t')) {
      for (const r of table.rows) if (typeof r.t === 'number' && r.t > 0 && typeof r[timeColumn] === 'number') intervals.push((r[timeColumn] as number) / r.t);
    }
  }
  return intervals.length ? median(intervals) : undefined;
}

/** A speed per frame (or a duration in frames) at a time between frames the question told, per minute (in minutes). */
function inToldInterval(unit: string | undefined, intervalS: number | undefined): { v: number; unit: string | undefined } {
  if (!unit || !intervalS) return { v: 1, unit };
  if (/\/frame$/.test(unit)) return { v: 60 / intervalS, unit: unit.replace(/\/frame$/, '/min') };
  if (unit === 'frame' || unit === 'frames') return { v: intervalS / 60, unit: 'min' };
  return { v: 1, unit };
}

/** A speed per minute (or s, h) as the speed per frame asked for, at the frame interval the table shows; unchanged when it shows none. */
function inAskedFrame(v: number, unit: string | undefined, question: string, table: Table): { v: number; unit: string | undefined } {
  // a duration asked in frames ("the median track length in frames"): in intervals between frames, as the table shows them
  if (unit && /^(?:s|min|h)$/.test(unit) && table.columns.includes('TRACK_DURATION') && /\b(?:in|as|how many)\s+(?:frames?|time ?points?|timepoints?)\b/i.test(question)) {
    const interval = frameIntervalOfTable(table);
    return interval ? { v: v / interval, unit: 'frames' } : { v, unit };
  }
  if (!unit || !/\/(?:s|min|h)$/.test(unit) || !asksPerFrame(question)) return { v, unit };
  const interval = frameIntervalOfTable(table);
  if (interval === undefined) return { v, unit };
  // (an objects table's interval is in its time column's unit, seconds for time_s; a tracks table's in its own)
  const perUnit = table.columns.includes('TRACK_DURATION') ? 1 : PER_TIME[unit.split('/')[1]] ? 1 / PER_TIME[unit.split('/')[1]] : 1;
  return { v: v * interval * perUnit, unit: unit.replace(/\/(?:s|min|h)$/, '/frame') };
}

function withUnit(v: number, unit: string | undefined): string {
  if (!unit) return valueText(v);
  const uncalibrated = /px|frame|voxel/.test(unit) && !/µm|\/(?:min|s|h)\b/.test(unit);
  // (px per minute: the frame interval is known, the pixel size is what is missing)
  const noPixelSize = /px|voxel/.test(unit) && /\/(?:min|s|h)\b/.test(unit);
  // "47 frames", "1 frame": a count of frames reads as one
  const written = unit === 'frame' && v !== 1 ? 'frames' : unit;
  return `${valueText(v)} ${written}${uncalibrated ? ' (no calibration known)' : noPixelSize ? ' (no pixel size known)' : ''}`;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function sd(values: number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, values.length - 1));
}

/** The frames of a table's rows (0-based `t`), sorted. */
function framesOf(rows: Row[]): number[] {
  return [...new Set(rows.map((r) => r.t).filter((t): t is number => typeof t === 'number'))].sort((a, b) => a - b);
}

/** "1 track", "3 objects", "1 row": a count of a table's rows in agreement with its number. */
function rowsCounted(n: number, rows: string): string {
  return counted(n, rows.replace(/s$/, ''), rows);
}

/**
 * What one row of a table is, for "over 14 steps": a step between frames (a row with the two
 * spots it links), a division, an object (or spot) in a frame, a whole track, or a plain row.
 */
export function rowsAre(table: Table): 'steps' | 'tracks' | 'objects' | 'divisions' | 'frames' | 'rows' {
  if (table.columns.includes('source_spot') && table.columns.includes('target_spot')) return 'steps';
  if (table.columns.includes('mother') && table.columns.includes('daughter_1')) return 'divisions';
  // a summary row per frame (measure kind "summary"): a frame's count of objects, no object of its own
  if (table.columns.includes('t') && table.columns.includes('count') && !table.columns.some((c) => ID_COLUMNS.includes(c))) return 'frames';
  // (a row per frame with no object's id, a drift table's t, dx_px, dy_px: frames, never objects)
  if (table.columns.includes('t') && !table.columns.some((c) => ID_COLUMNS.includes(c))) return 'frames';
  if (table.columns.includes('t')) return 'objects';
  return idColumnOf(table, true) === 'TRACK_ID' ? 'tracks' : 'rows';
}

function idColumnOf(table: Table, track: boolean): string | undefined {
  const order = track ? ['TRACK_ID', 'track_id', 'branch_id', 'label', 'cell_id', 'id'] : ['TRACK_ID', 'track_id', 'label', 'cell_id', 'id'];
  return order.find((c) => table.columns.includes(c) && table.rows.some((r) => typeof r[c] === 'number'));
}

const readTables = new Map<string, { stamp: string; table: Table }>();

/** A table read once per version of its file (the planner asks several times per turn). */
function readCached(path: string): Table {
  const { mtimeMs, size } = statSync(path);
  const stamp = `${mtimeMs}:${size}`;
  const known = readTables.get(path);
  if (known?.stamp === stamp) return known.table;
  const table = readTableCsv(path);
  if (readTables.size > 32) readTables.clear();
  readTables.set(path, { stamp, table });
  return table;
}

/** Tables of the session on disk, newest first (ground truth of a simulation left out, and tables measured before the calibration changed: staleTables.ts). */
export function tablesOf(conversation: Conversation): { artifact: KnownArtifact; table: Table }[] {
  const out: { artifact: KnownArtifact; table: Table }[] = [];
  const maker = (id: string) => [...conversation.earlier, ...conversation.current].find((r) => r.artifacts.some((a) => a.id === id));
  const stale = tablesMeasuredBeforeCalibration(conversation);
  const artifacts = [...conversation.artifactsAtStart, ...conversation.current.flatMap((r) => r.artifacts)]
    .filter((a) => a.type === 'table' && a.path && /\.csv$/i.test(a.path) && !isTruth(a) && existsSync(a.path))
    .reverse();
  for (const artifact of artifacts) {
    try {
      const table = readCached(artifact.path!);
      const ran = maker(artifact.id)?.args.frames as { first?: unknown; last?: unknown } | undefined;
      // (one made on some frames for an earlier question answers no other: "the typical size at time point 4", then "how
      // many at the last time point?" is no count of frame 4; the values the steps reported, or a new measurement, answer it)
      if (ran && typeof ran.first === 'number' && !conversation.current.some((r) => r.artifacts.some((a) => a.id === artifact.id))) continue;
      if (!stale.has(artifact.id) || !staleAfterCalibration(table)) out.push({ artifact, table });
    } catch {
      // not a table we can read: the next one may answer
    }
  }
  return out;
}

/** A size said as a length across ("the mean nuclear diameter", "radius of cell 3"). */
const SIZE_ACROSS = /\b(?:diameters?|diam|radius|radii|width|how wide)\b/i;

/** A size asked as a length across: the objects' areas answer it (their equivalent diameter), so the table's maker measures it. */
export function asksASizeAcross(question: string): boolean {
  return SIZE_ACROSS.test(question) && !SIZE_GIVEN.test(question);
}

/** A size across told with its number ("roughly 8 px in radius", "a diameter of 12 µm"): given, not asked. */
const SIZE_GIVEN = /\d(?:[\d.]*)\s*(?:px|pixels?|µm|um|microns?)?\s*(?:in\s+|of\s+)?(?:diameters?|diam|radius|radii|width|wide|across)\b|\b(?:diameters?|diam|radius|radii|width)\s+(?:of\s+|is\s+|=\s*|~\s*|(?:is\s+)?(?:about|around|roughly|approx\w*)\s+)?\d/i;

/**
 * Tables of objects with their equivalent diameter and radius (those of the circle of the same area, as
 * regionprops' equivalent_diameter) when the question asks a size across: a table holds areas, not lengths.
 */
function withSizesAsked(tables: { artifact: KnownArtifact; table: Table }[], question: string): { artifact: KnownArtifact; table: Table }[] {
  if (!SIZE_ACROSS.test(question)) return tables;
  return tables.map(({ artifact, table }) => {
    const areas = ['area_um2', 'area_px'].filter((c) => table.columns.includes(c));
    if (areas.length === 0) return { artifact, table };
    const derived = areas.flatMap((c) => {
      const unit = c.slice('area_'.length, -1);
      return [{ name: `equivalent_diameter_${unit}`, from: c, scale: 2 }, { name: `equivalent_radius_${unit}`, from: c, scale: 1 }];
    });
    const rows = table.rows.map((row) => {
      const out = { ...row };
      for (const d of derived) out[d.name] = typeof row[d.from] === 'number' ? d.scale * Math.sqrt((row[d.from] as number) / Math.PI) : null;
      return out;
    });
    return { artifact, table: { ...table, columns: [...table.columns, ...derived.map((d) => d.name)], rows } };
  });
}

/** How well a table suits the scope: a frame needs `t`, a track needs its id. */
function suits(table: Table, scope: QuestionScope): boolean {
  const hasFrames = table.columns.includes('t');
  // ("which frame ..." too: a table of whole tracks has no frame to name)
  if ((scope.frame !== undefined || scope.frames || scope.atTimeS !== undefined || scope.perFrame || scope.compare || scope.whichFrame) && !hasFrames) return false;
  if (scope.track !== undefined && !idColumnOf(table, true)) return false;
  return true;
}

/**
 * The answer from the session's tables (below); a column of a channel after the first that the
 * answer quotes without naming its channel is named ("mean_intensity_c2 is channel 2"): people ask
 * by channel, not by column.
 */
export function answerFromTable(asked: string, conversation: Conversation): string | undefined {
  const answer = tableAnswer(asked, conversation);
  if (!answer) return answer;
  const unnamed = [...new Set([...answer.matchAll(/\b[a-z]+(?:_[a-z]+)*_c(\d+)\b/g)].filter((m) => Number(m[1]) >= 2 && !new RegExp(`\\bchannel ${m[1]}\\b`, 'i').test(answer)).map((m) => `${m[0]} is channel ${m[1]}`))];
  return unnamed.length ? `${answer} (${unnamed.join(', ')})` : answer;
}

/**
 * Answers a question from the newest table artifact that has a column for it, or undefined
 * (no table on disk, or none fits the question and its scope: the planner then makes one).
 * "which cell travelled the longest distance?" → "Track 7 travelled the longest: 123.4 µm ...".
 */
function tableAnswer(asked: string, conversation: Conversation): string | undefined {
  const question = withChannelNumbers(asked, conversation);
  const read = readQuestion(question);
  // ("the last 3 frames" of an 8-frame movie are frames 6-8, whatever the last row of a table of steps between frames)
  const movieFrames = conversation.artifactsAtStart.filter((a) => a.type === 'movie' && typeof a.frames === 'number' && a.frames > 0).at(-1)?.frames ?? undefined;
  const scope: QuestionScope = read.frames && read.frames.first < 1 && movieFrames ? { ...read, movieFrames } : read;
  // "the displacement of every cell between frame 1 and frame 20": each track's positions in the two frames
  const between = displacementBetweenFramesAnswer(question, scope, conversation);
  if (between) return between;
  // "when does the first division happen?", "divisions per frame": the frames the daughters start in, from the tracks' lineage
  const divisionTime = divisionTimeAsked(question);
  const lineage = divisionTime ? newestTracks(conversation) : undefined;
  if (divisionTime && lineage) return divisionTimesAnswer(divisionTime, lineage.tracks, lineage.artifact.id, lineage.tracks.frameIntervalS ?? conversation.artifactsAtStart.filter((a) => a.type === 'movie').at(-1)?.frameIntervalS ?? undefined, CERTAINTY_ASKED.test(question));
  // "which track ends first?", "how many tracks start after frame 1?": the tracks by when they start or end, from a table of
  // whole tracks, else from the tracks themselves
  // ("when does track 1 end?": one track's first and last frames, the same way, with no table made for it)
  const ends = trackEndsAsked(question);
  if (ends || (scope.trackEvent && scope.track !== undefined)) {
    const results = [...conversation.earlier, ...conversation.current];
    const held = tablesOf(conversation).reverse().map(({ artifact, table }) => ({ table, id: artifact.id, timeUnit: unitsOf(artifact, results).timeUnit, intervalInTimeUnit: frameIntervalOfTable(table) }));
    const found = newestTracks(conversation);
    const made = found ? trackTable(found.tracks).table : undefined;
    const own = found && made ? [{ table: made, id: found.artifact.id, timeUnit: made.units?.TRACK_START, intervalInTimeUnit: frameIntervalOfTable(made) }] : [];
    const answer = ends ? trackEndsAnswer(ends, /\b(?:fraction|percent\w*|per\s*cent|proportion|share)\b|%/i.test(question), [...held, ...own]) : trackSpanAnswer(scope.track!, scope.trackEvent!, [...held, ...own]);
    if (answer) return answer;
  }
  const sizedTables = withSizesAsked(tablesOf(conversation), question);
  // "which quadrant has the most cells?": the objects counted by where they are in the field, never a column that shares a word
  const regions = regionCountAnswer(question, sizedTables, conversation);
  if (regions) return regions;
  // "where is track 1?": the named thing placed in the field by its centroids (objectPosition.ts), never a step run again
  const fieldOf = conversation.artifactsAtStart.filter((a) => a.type === 'movie').at(-1);
  // (no table of objects with centroids: the tracks' own spots say where a track is)
  const ownSpots = asksPosition(question) && /\b(?:track|cell|nucleus)\s*#?\s*\d/i.test(question) ? newestTracks(conversation) : undefined;
  const placed = namedThingPosition(question, [...sizedTables.map(({ artifact, table }) => ({ id: artifact.id, table })), ...(ownSpots ? [{ id: ownSpots.artifact.id, table: tracksAsTable(ownSpots.tracks) }] : [])], { width: fieldOf?.width, height: fieldOf?.height });
  if (placed) return placed;
  // "are they moving in any particular direction?": the directions of the tracks' net displacements, with a Rayleigh test
  const heading = migrationDirectionAnswer(question, () => newestTracks(conversation));
  if (heading) return heading;
  // "what's the mean orientation of the nuclei?": an axial mean of the long axes' angles, never a plain mean (objectPosition.ts)
  const oriented = orientationAnswer(question, sizedTables.map(({ artifact, table }) => ({ id: artifact.id, table })));
  if (oriented) return oriented;
  // "net displacement" with no table of whole tracks (a links table has one row per step): from the tracks, never the mean step
  const net = netDisplacementFromTracks(question, scope, conversation, sizedTables);
  if (net) return net;
  // "in which frame are they fastest?": the steps between frames, from the tracks when no table has a speed per frame
  // ("which frame was shifted the most?": a drift table's shift as one length per frame)
  const framed = asksAtFrames(scope) || scope.whichFrame === true ? sizedTables.map((t) => ({ ...t, table: withDriftLength(t.table, knownPixelSizeUm(conversation)) })) : sizedTables;
  const tables = withStepsOfTracks(framed, scope, () => newestTracks(conversation));
  if (tables.length === 0) return undefined;
  // "nuclei per frame with total and mean area", "the Analyze Particles summary": count, total and mean area, mean intensity per frame
  const summary = scope.frame === undefined ? frameSummaryAnswer(question, tables.map(({ artifact, table }) => ({ id: artifact.id, table }))) : undefined;
  if (summary) return summary;
  // "at which frame do we first see more than 50 nuclei?", "any frame with fewer than 10 cells?": a threshold on each frame's count
  if (scope.reduce === 'count' && scope.quantity.size === 0 && !scope.subset && scope.track === undefined && asksFramesOverACount(question, scope.condition, true)) {
    const ofFrames = tables.find(({ table }) => rowsAre(table) === 'objects' || (rowsAre(table) === 'frames' && table.columns.includes('count')));
    const perFrame = ofFrames ? countsPerFrame(ofFrames.table) : undefined;
    if (ofFrames && perFrame) return frameCountConditionAnswer(plainQuestion(question), scope.condition!, perFrame, ofFrames.artifact.id);
  }
  // the mean squared displacement is a curve over lags of its own (measure kind msd, whose values answer it), never a mean of displacements
  if (MSD_ASKED.test(question)) return undefined;
  const results = [...conversation.earlier, ...conversation.current];
  // a table whose making step is no longer in the conversation (a long session's early turns): the units measure used, from the movie's header
  const movie = conversation.artifactsAtStart.filter((a) => a.type === 'movie').at(-1);
  const unitsFor = (artifact: KnownArtifact) => {
    const told = unitsOf(artifact, results);
    if (told.lengthUnit || told.timeUnit || artifact.producedBy !== 'measure' || results.some((r) => r.artifacts.some((x) => x.id === artifact.id)) || !movie) return told;
    return { lengthUnit: movie.pixelSizeUm ? 'µm' : 'px', timeUnit: movie.frameIntervalS ? naturalTimeUnit(movie.frameIntervalS) : 'frame' };
  };
  // the unit of a condition chooses the column too ("bigger than 400 px²" is the pixel column)
  const wantsMicrons = /µm|μm|\bum\b|micron/i.test(question) && !/px|pixel/i.test(scope.condition?.unit ?? '');
  const candidates: Candidate[] = tables.filter(({ table }) => suits(table, scope)).map(({ artifact, table }, i) => {
    const column = bestColumn(table, scope, wantsMicrons, (plainQuestion(question).toLowerCase().match(/\p{L}{5,}/gu) ?? []).map((w) => w.replace(/s$/, '')), distanceKindOf(question), askedDimension(question));
    // "which cell ... the fastest": a table with one row per track answers it before one with a row per step
    const perTrack = scope.which && !scope.frame && !scope.frames && !scope.perFrame && !scope.compare && !table.columns.includes('t') ? 0.2 : 0;
    return { artifact, table, column: column?.name, score: (column?.score ?? 0) + (column ? perTrack : 0) - 0.01 * i };
  });
  let best = candidates.filter((c) => c.column).sort((a, b) => b.score - a.score)[0];
  // "tracks longer than 20 frames", "span at least 6 frames": frames a track is seen in (its spots), not its duration in min
  // "how many trajectories last under 4 minutes?": no quantity named, the condition's unit says which column
  if (!best && scope.condition?.unit && scope.condition.unit !== 'frames') {
    const kind = (u: string) => (/^(?:s|min|h)$/.test(u) ? 'time' : /\//.test(u) ? 'speed' : /²/.test(u) ? 'area' : /^(?:µm|px)$/.test(u) ? 'length' : u);
    // ("ignore those under 40 px", "nuclei over 200 pixels": objects' size in pixels is their area, as in Fiji's
    // Analyze Particles; a length only when a length is named: "perimeter", "longer", "diameter", "travelled")
    const sizeInPixels = kind(scope.condition.unit) === 'length' && !/\b(?:perimeter|length|long|longer|shorter|diameter|wide|wider|width|radius|travel\w*|mov\w*|distance|far|further|farther|displace\w*|drift\w*|step\w*)\b/i.test(question);
    for (const wanted of sizeInPixels ? ['area', 'length'] : [kind(scope.condition.unit)]) {
      for (const c of candidates) {
        const u = unitsFor(c.artifact);
        const fits = c.table.columns.filter((name) => !ID_COLUMNS.includes(name) && !SKIP_COLUMNS.test(name) && !/_(?:STD|MIN|MAX|MEDIAN)_|^(?:MAX|MIN)_/i.test(name) && kind(unitOfColumn(name, u.lengthUnit, u.timeUnit) ?? '') === wanted && numeric(c.table.rows, name).length > 0);
        // (the column in the very unit written first: "below 5 µm²" is area_um2, not area_px beside it)
        const column = fits.find((name) => unitOfColumn(name, u.lengthUnit, u.timeUnit) === scope.condition!.unit) ?? fits[0];
        if (column) { best = { ...c, column }; break; }
      }
      if (best) break;
    }
  }
  if (scope.condition?.unit === 'frames' && (!best || /^(?:s|min|h)$/.test(unitOfColumn(best.column!, unitsFor(best.artifact).lengthUnit, unitsFor(best.artifact).timeUnit) ?? ''))) {
    const spots = (best ? [best] : []).concat(candidates).find((c) => c.table.columns.includes('NUMBER_SPOTS'));
    if (spots) best = { ...spots, column: 'NUMBER_SPOTS' };
    // ("how many tracks span more than 3 frames?" with only a table of objects: each track's frames from the tracks file itself)
    else if (!best || /\btracks?\b|\btrajector|\blineages?\b/i.test(question)) {
      const found = newestTracks(conversation);
      if (found) best = { artifact: found.artifact, table: trackTable(found.tracks).table, column: 'NUMBER_SPOTS', score: 0 };
    }
  }
  // "when does track 2 start?": the frames of its first and last spots
  if (scope.trackEvent && scope.track !== undefined) {
    const spans = tables.map(({ artifact, table }) => {
      const timeUnit = unitsFor(artifact).timeUnit;
      return { table, timeUnit, intervalInTimeUnit: frameIntervalOfTable(table) };
    });
    const span = trackSpanAnswer(scope.track, scope.trackEvent, spans);
    if (span) return span;
  }
  // "how many cells move?", "how many stay in view for the whole film?": tracks that moved, or span the movie, counted
  const moving = movingCellsAnswer(question, tables, results, knownPixelSizeUm(conversation)) ?? wholeTracksAnswer(question, tables, () => newestTracks(conversation));
  if (moving) return moving;
  // "how many cells touch the border?", "which nuclei are cut by the edge?": the objects a 0/1 column keeps, counted or listed
  if (scope.subset?.column && scope.quantity.size === 0) {
    const reduce = scope.reduce === 'fraction' ? 'fraction' : scope.which ? 'which' : scope.reduce === 'count' ? 'count' : /^\W*(?:(?:so|and)\s+)?(?:are|is|were|was|do|does|did)\b/i.test(plainQuestion(question)) ? 'any' : undefined;
    const edge = reduce ? edgeRowsAnswer({ subset: { ...scope.subset, column: scope.subset.column }, reduce, ...(scope.frame !== undefined ? { frame: scope.frame } : {}), ...(scope.frames ? { frames: scope.frames } : {}) }, tables) : undefined;
    if (edge) return edge;
  }
  // "how many cells divided?": the cells (mother branches) that divided, and the events and lineages when they differ
  const dividing = dividingCellsAnswer(question, tables, results, scope);
  if (dividing) return dividing;
  // "what fraction of the cells divide?" with a table of division events and no per-track counts: tracks with an event over all tracks
  if (!best?.column || !/SPLIT/i.test(best.column)) {
    const shared = eventShareAnswer(scope, tables, results);
    if (shared) return shared;
  }
  if (scope.whichFrame) {
    // "the brightest frame" with no intensity in any table: never the frame with the most objects (another quantity)
    const named = quantityOfAdjectives(question);
    if (!best && named && !/\b(?:number|count\w*|how many|amount)\b/i.test(question)) {
      return `None of the tables at hand (${tables.map((t) => t.artifact.id).join(', ')}) has ${named} per object, so I cannot say which frame has the ${scope.extreme === 'min' ? 'lowest' : 'highest'}; measure the objects with the movie first (measure kind objects)`;
    }
    // counting objects per frame needs a table of objects (a drift table's one row per frame counts nothing)
    const ofObjects = candidates.find((c) => c.table.columns.includes('t') && c.table.columns.some((name) => ID_COLUMNS.includes(name)));
    return frameExtremeAnswer(scope, best ?? ofObjects, best ? unitsFor(best.artifact) : {});
  }
  // "the mean track duration in frame 3": a quantity only a table without frames holds (one row per
  // whole track) has no value at a frame: said so, with its value over the whole movie (never a step run again)
  if (scope.reduce !== 'count') {
    const whole = notAtFramesAnswer(question, scope, tables, candidates, wantsMicrons, unitsFor);
    if (whole) return whole;
  }
  // a count of cells or tracks; "the number of divisions" with no column for them is for another step
  if (!best) return scope.reduce === 'count' && !countsSomethingElse(scope) ? countAnswer(question, { ...scope, movieFrames: scope.movieFrames ?? movieFrames }, candidates, tables) : undefined;
  // "how many tracks last longer than 5 min", "what percentage have a division": rows that meet a condition
  // "which cells divided?": the rows with any of a counted event
  // "how many of the tracks have a division?": the rows with the event counted, as a share
  const whichHad = (scope.which && scope.reduce === 'mean' && /SPLIT|^NUMBER_/i.test(best.column!))
    || (scope.reduce === 'count' && /^NUMBER_(?!SPOTS)/i.test(best.column!) && /\bhow many\s+(?:of\s+(?:the|them|these|those|my)\s+)?(?:\w+\s+)?(?:cells?|tracks?|nucle(?:us|i)|objects?|trajector\w+|them|ones)?\s*(?:have|had|has|show\w*|with|contain\w*|undergo\w*|went through|display\w*)\b/i.test(plainQuestion(question)));
  // ("is the speed above 1 µm/min?", "are the nuclei bigger than 100 px on average?": the mean of all against the number, averageCompared.ts)
  const overAll = scope.condition && !scope.condition.relative && !scope.which ? averageCompared(question, plainQuestion) : undefined;
  if (scope.condition || scope.reduce === 'fraction' || whichHad) return conditionAnswer(best, scope, unitsFor(best.artifact), statisticSaid(plainQuestion(question)), overAll, plainQuestion(question));
  if (scope.reduce === 'count' && !/\bhow many\b.*\b(?:pixels?|µm)\b/i.test(question) && !([...wordKeys('division')].some((w) => scope.quantity.has(w)) && /SPLIT/i.test(best.column!))) {
    const counted = countAnswer(question, { ...scope, movieFrames: scope.movieFrames ?? movieFrames }, candidates, tables);
    if (counted) return counted;
  }
  // a pixel size said in the question ("in µm², the pixels are 0.65 µm") is the one used, and said so
  const stated = statedPixelSizeUm(question);
  const pixelSizeUm = stated ?? knownPixelSizeUm(conversation);
  // a table in px measured before the session's calibration was set: its lengths and areas in µm at that pixel size
  const setLater = stated === undefined && pixelSizeUm !== undefined && /(?:^|_)px(?:2|$)/i.test(best.column!) && !best.table.columns.some((c) => /(?:^|_)um(?:2|_|$)/i.test(c));
  const valued = valueAnswer(best, scope, { ...unitsFor(best.artifact), pixelSizeUm, inMicrons: setLater, field: { width: movie?.width, height: movie?.height } }, scope.reduce === 'count' && /SPLIT/i.test(best.column!), question);
  // (px or px/frame of a calibrated movie were asked for: no "no calibration known")
  // (frames with a pixel size known and no interval: the interval is what is missing, said so)
  const intervalKnown = statedFrameIntervalS(question) !== undefined || knownFrameIntervalS(conversation) !== undefined;
  const answer = pixelSizeUm !== undefined ? valued.replace(/(\bframes?|\/frame) \(no calibration known\)/g, intervalKnown ? '$1' : '$1 (no frame interval known)').replace(/ \(no calibration known\)/g, '') : valued;
  const interval = statedFrameIntervalS(question);
  const told = [
    ...(stated !== undefined && /\d\s*µm/.test(answer) ? [`${valueText(stated)} µm/px, the pixel size you gave`] : []),
    ...(setLater && /\d\s*µm/.test(answer) ? [`${valueText(pixelSizeUm!)} µm/px, the pixel size set for this session (${best.column} is in px)`] : []),
    ...(interval !== undefined && !/frame/.test(valued.match(/\d\s*(?:µm|px)\/\w+/)?.[0] ?? 'frame') ? [`${valueText(interval / 60)} min between frames, as you gave`] : []),
  ];
  // (a calibration the session already holds, e.g. set by a step of this same request, needs no telling again)
  const toKeep = [
    ...(stated !== undefined && knownPixelSizeUm(conversation) !== stated ? [`the pixel size is ${valueText(stated)} µm`] : []),
    ...(interval !== undefined && knownFrameIntervalS(conversation) !== interval ? [`the frame interval is ${valueText(interval / 60)} min`] : []),
  ];
  return told.length ? `${answer}; at ${told.join(' and ')}${toKeep.length ? ` (say "${toKeep.join(' and ')}" to keep it for later steps)` : ''}` : answer;
}

/**
 * The pixel size the session knows: the latest a step set for later steps (the calibration, "the pixel size is
 * 0.65 µm"), else the movie's header; a table measured before it was set is in px and is shown in µm with it.
 */
export function knownPixelSizeUm(conversation: Conversation): number | undefined {
  // ("mean area?", then "in µm² please, the pixels are 0.5 µm": told with this turn's question, the user's latest word)
  const toldNow = statedPixelSizeUm(conversation.request);
  if (toldNow !== undefined && toldNow > 0) return toldNow;
  const set = [...conversation.earlier, ...conversation.current].filter((r) => r.ok && selfOf(r.tool)?.appliesToLaterSteps === true && typeof r.args.pixelSizeUm === 'number' && r.args.pixelSizeUm > 0).at(-1);
  return (set?.args.pixelSizeUm as number | undefined) ?? conversation.artifactsAtStart.filter((a) => a.type === 'movie' && typeof a.pixelSizeUm === 'number' && a.pixelSizeUm > 0).at(-1)?.pixelSizeUm ?? undefined;
}

/**
 * The pixel size to state a distance of the tracks in, µm: told in the question, else the one in effect in the session (a
 * calibration set after tracking wins over the movie's header: knownPixelSizeUm), else the tracks' own.
 */
function pixelSizeForTracks(question: string, conversation: Conversation, tracks: Tracks): number | undefined {
  return statedPixelSizeUm(question) ?? knownPixelSizeUm(conversation) ?? (tracks.pixelSizeUm && tracks.pixelSizeUm > 0 ? tracks.pixelSizeUm : undefined);
}

/** The time between frames the session knows, s: the latest a step reported (set_calibration), else the movie's header. */
export function knownFrameIntervalS(conversation: Conversation): number | undefined {
  // ("mean track duration?", then "in minutes pls, frames are 5 min apart": told with this turn's question, the user's latest word)
  const toldNow = statedFrameIntervalS(conversation.request);
  if (toldNow !== undefined && toldNow > 0) return toldNow;
  // (what a step reported, else what a step that sets later steps' calibration was given: "the frame interval is 1 min")
  const toldOf = (r: PastResult) => (typeof r.values.frameIntervalS === 'number' && r.values.frameIntervalS > 0 ? r.values.frameIntervalS : selfOf(r.tool)?.appliesToLaterSteps === true && typeof r.args.frameIntervalS === 'number' && r.args.frameIntervalS > 0 ? r.args.frameIntervalS : undefined);
  const set = [...conversation.earlier, ...conversation.current].filter((r) => r.ok && toldOf(r) !== undefined).at(-1);
  return (set ? toldOf(set) : undefined) ?? conversation.artifactsAtStart.filter((a) => a.type === 'movie' && typeof a.frameIntervalS === 'number' && a.frameIntervalS > 0).at(-1)?.frameIntervalS ?? undefined;
}

/** The words that say a quantity has no value at the frames asked (no yes or no follows from them). */
export const NO_VALUE_AT_FRAMES = 'has no value in';

/** A scope of frames asked: one frame, a range, a time in the movie, each frame, or two frames compared. */
function asksAtFrames(scope: QuestionScope): boolean {
  return scope.frame !== undefined || scope.frames !== undefined || scope.atTimeS !== undefined || scope.perFrame || scope.compare !== undefined;
}

/** The frames a scope names, as the answer says them ("frame 3", "frames 2-4", "each frame", "frames 2 and 5"). */
export function framesSaid(scope: QuestionScope): string {
  if (scope.compareFrames) return `frames ${scope.compareFrames[0]} and ${scope.compareFrames[1]}`;
  if (scope.compareRanges) return scope.compareRanges.map((r) => ('first' in r ? `the first ${r.first} frames` : 'last' in r ? `the last ${r.last} frames` : Number.isFinite(r.to) ? `frames ${r.from}-${r.to}` : `frame ${r.from} to the end`)).join(' and ');
  if (scope.frame !== undefined) return typeof scope.frame === 'number' ? `frame ${scope.frame}` : scope.beforeLast ? `${scope.beforeLast} frame${scope.beforeLast > 1 ? 's' : ''} before the last` : `the ${scope.frame} frame`;
  if (scope.frames) return `frames ${scope.frames.first}-${scope.frames.last}`;
  if (scope.compare === 'halves') return 'each half of the movie';
  return 'each frame';
}

/**
 * A quantity asked at frames that only a table of whole tracks holds (TRACK_DURATION, CONFINEMENT_RATIO:
 * one value per track, no frame column): it has no value at a frame, said so in one line, with its
 * value over the whole movie. Undefined when a table with frames could answer, or none has the quantity.
 */
function notAtFramesAnswer(
  question: string,
  scope: QuestionScope,
  tables: { artifact: KnownArtifact; table: Table }[],
  candidates: Candidate[],
  wantsMicrons: boolean,
  unitsFor: (artifact: KnownArtifact) => { lengthUnit?: string; timeUnit?: string },
): string | undefined {
  if (!asksAtFrames(scope) || scope.whichFrame) return undefined;
  const written = (plainQuestion(question).toLowerCase().match(/\p{L}{5,}/gu) ?? []).map((w) => w.replace(/s$/, ''));
  const whole = tables
    .filter(({ table }) => !table.columns.includes('t'))
    .map(({ artifact, table }) => ({ artifact, table, column: bestColumn(table, scope, wantsMicrons, written, distanceKindOf(question), askedDimension(question)) }))
    .filter((c) => c.column)
    .sort((a, b) => b.column!.score - a.column!.score)[0];
  // (a table with frames answers when its column fits as well: "the mean speed in frame 3" from the steps between frames;
  // an adjective's quantity does not outweigh the one named: "is the track duration bigger in frame 5?" is no area)
  const framed = Math.max(-Infinity, ...candidates.filter((c) => c.column).map((c) => c.score));
  if (!whole || whole.column!.score <= framed + 0.25) return undefined;
  // a speed or a distance has a value at each step between frames: a table of those steps answers it, measured when asked
  // (a duration, a ratio or a count of a whole track has none)
  const dimension = columnDimension(whole.column!.name);
  if (dimension === 'speed' || dimension === 'length') return undefined;
  const overall: QuestionScope = { ...scope, frame: undefined, frames: undefined, atTimeS: undefined, perFrame: false, compare: undefined, compareFrames: undefined };
  const value = valueAnswer({ artifact: whole.artifact, table: whole.table, column: whole.column!.name, score: whole.column!.score }, overall, unitsFor(whole.artifact), false, question);
  const kind = idColumnOf(whole.table, true) === 'TRACK_ID' ? `a value of whole tracks (one per track in ${whole.artifact.id})` : `a value without frames (one per row of ${whole.artifact.id})`;
  return `${whole.column!.name} is ${kind}, so it ${NO_VALUE_AT_FRAMES} ${framesSaid(scope)}; over the whole movie: ${value}`;
}

/** "between frame 1 and frame 20", "from frame 5 to 30" closing the request. */
const FRAME_SPAN_LAST = /\b(?:between|from)\s+(?:the\s+)?(?:frames?|time ?points?|timepoints?|t)\s*=?\s*#?\d+\s*(?:and|to|till|until|-|–)\s*(?:(?:frame|time ?point|timepoint|t)\s*=?\s*)?#?\d+[\s.!?]*$/i;

/** "from t=0 to the end", "from the first frame to the last": the whole movie, start to end. */
const WHOLE_SPAN = /\b(?:t\s*=\s*0|(?:the\s+)?(?:very\s+)?(?:start|beginning|first\s+(?:frame|time ?point|timepoint)))\b[^?.]{0,30}?\b(?:to|till|until|through)\s+(?:the\s+)?(?:very\s+)?(?:end|finish|last(?:\s+(?:frame|time ?point|timepoint))?|final\s+(?:frame|time ?point|timepoint))\b/i;

/**
 * Each track's net displacement between two frames asked ("the displacement of every cell
 * between frame 1 and frame 20", "how far did cell 3 move between frame 5 and 30", "net
 * displacement from t=0 to the end"), from the newest tracks file; undefined when the question
 * asks no such thing or no tracks file is at hand.
 */
function displacementBetweenFramesAnswer(question: string, scope: QuestionScope, conversation: Conversation): string | undefined {
  const path = asksPathLengthBetweenFrames(question);
  if (!(path || asksDisplacementBetweenFrames(question)) || scope.condition || scope.which || scope.top !== undefined) return undefined;
  const whole = WHOLE_SPAN.test(question);
  const span = scope.frames && scope.frames.first >= 1 && typeof scope.frames.last === 'number' && scope.frames.last > scope.frames.first ? scope.frames : undefined;
  if (!span && !whole) return undefined;
  const newest = newestTracks(conversation);
  if (!newest) return undefined;
  const { artifact, tracks } = newest;
  const pixelSizeUm = pixelSizeForTracks(question, conversation, tracks);
  // "total distance travelled from frame 5 to 15", "path length between frames 1 and 20": the steps inside those frames summed
  if (path) {
    const lengths = pathLengthsBetween(tracks, span?.first ?? 1, span?.last ?? tracks.frames, scope.track);
    if (scope.track !== undefined && lengths.lengths.length === 0 && lengths.noStep === 0) return `There is no track ${scope.track} in ${artifact.id}`;
    return pathLengthsAnswer(lengths, pixelSizeUm, artifact.id);
  }
  const found = displacementsBetween(tracks, span?.first ?? 1, span?.last ?? tracks.frames, scope.track);
  if (scope.track !== undefined && found.displacements.length === 0 && found.notInBoth + found.divided === 0) return `There is no track ${scope.track} in ${artifact.id}`;
  return displacementsAnswer(found, pixelSizeUm, artifact.id);
}

/** A question about the mean squared displacement (a curve over lags, measure kind msd). */
export const MSD_ASKED = /\bmsds?\b|\bmean[- ]squared?[- ]displacements?\b/i;

/** The newest tracks file of the conversation, read; undefined when there is none or it cannot be read. */
export function newestTracks(conversation: Conversation): { artifact: KnownArtifact; tracks: Tracks } | undefined {
  const artifact = [...conversation.artifactsAtStart, ...conversation.current.flatMap((r) => r.artifacts)]
    .filter((a) => a.type === 'tracks' && a.path && /\.json$/i.test(a.path) && existsSync(a.path)).at(-1);
  if (!artifact) return undefined;
  try {
    return { artifact, tracks: loadTracksJson(artifact.path!) };
  } catch {
    return undefined;
  }
}

/**
 * Each track's net displacement (first to last position) from the tracks file, when the
 * question asks it and no table at hand has it per track (TRACK_DISPLACEMENT): a table of
 * steps would otherwise answer with the mean step.
 */
function netDisplacementFromTracks(question: string, scope: QuestionScope, conversation: Conversation, tables: { artifact: KnownArtifact; table: Table }[]): string | undefined {
  const extreme = scope.reduce === 'max' || scope.reduce === 'min' ? scope.reduce : undefined;
  if (!asksNetDisplacement(question) || scope.frames || scope.frame || scope.condition || (scope.which && !extreme) || scope.top !== undefined) return undefined;
  if (tables.some(({ table }) => table.columns.includes('TRACK_DISPLACEMENT'))) return undefined;
  const found = newestTracks(conversation);
  if (!found) return undefined;
  const pixelSizeUm = pixelSizeForTracks(question, conversation, found.tracks);
  const steps = tables.find(({ table }) => table.columns.includes('t') && table.columns.some((c) => /^displacement/.test(c)));
  const why = steps ? `; ${steps.artifact.id} has one row per step, whose mean is a step, not a net displacement` : '';
  const net = netDisplacementsOfTracks(found.tracks, scope.track);
  if (scope.track !== undefined && net.displacements.length + net.divided + net.oneSpot === 0) return `There is no track ${scope.track} in ${found.artifact.id}`;
  return netDisplacementsAnswer(net, pixelSizeUm, found.artifact.id, why, 15, scope.track === undefined ? extreme : undefined);
}

/**
 * A channel named by the recording's own channel names ("in the brightfield channel", "the
 * GFP intensity") written as its number ("channel 2"), which the tables' columns carry.
 */
export function withChannelNumbers(question: string, conversation: Conversation): string {
  const names = conversation.artifactsAtStart.find((a) => a.type === 'movie' && (a.channelNames?.length ?? 0) > 1)?.channelNames;
  if (!names) return question;
  let out = question;
  names.forEach((name, i) => {
    if (name.length < 2) return;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // the name with "channel", or before what a channel holds ("the GFP intensity"); "the nuclei" alone are objects
    out = out.replace(new RegExp(`\\b(?:the\\s+)?${escaped}\\s+(?:channel|chan|ch)\\b|\\b${escaped}(?=\\s+(?:intensity|signal|fluorescence|brightness)\\b)`, 'gi'), `channel ${i + 1}`);
  });
  return out;
}

/** Converts a value from one unit to another of the same kind (time, or µm/px with no pixel size: not), or undefined. */
function converted(value: number, from: string, to: string): number | undefined {
  if (from === to) return value;
  const [sf, st] = [secondsIn(from), secondsIn(to)];
  if (sf !== undefined && st !== undefined) return (value * sf) / st;
  // a speed in another time unit of the same length ("µm/h" asked of a µm/min column)
  const [fl, ft] = from.split('/');
  const [tl, tt] = to.split('/');
  const [pf, pt] = [ft ? secondsIn(ft) : undefined, tt ? secondsIn(tt) : undefined];
  if (fl === tl && pf !== undefined && pt !== undefined) return (value / pf) * pt;
  return undefined;
}

/** The statistic a question names in words ("the mean area of ...", "median speed", "total area"); undefined when it names none. */
function statisticSaid(said: string): 'mean' | 'median' | 'sum' | 'sd' | undefined {
  // ("how many cells are faster than average?": a count, the average the condition's threshold)
  // (nor a share, "what % of the nuclei have ...", nor a yes/no about one statistic, "is the average area over 30 µm²?")
  if (/\bhow many\b|\bnumber of\b|\bcount\b|%|\bper ?cent\w*|\bfraction\b|\bproportion\b|\bshare\b|\bratio\b/i.test(said) || /^\s*(?:is|are|was|were|does|do|did)\b/i.test(said)) return undefined;
  // ("mean intensity" names the quantity, no statistic of the rows)
  const text = said.replace(/\b(?:than|above|below|over|under)\s+(?:the\s+)?(?:average|mean|typical|median)\b|\b(?:mean|average)\s+(?:intensit\w*|signal|brightness|fluorescence|gr[ae]y\s+values?)/gi, ' ');
  if (/\bmedian\b/i.test(text)) return 'median';
  if (/\bstandard deviation\b|\bs\.?d\.?\b/i.test(text)) return 'sd';
  if (/\b(?:total|sum)\b/i.test(text) && !HOW_FAR_IN_TOTAL.test(text)) return 'sum';
  return /\b(?:mean|average|typical)\b/i.test(text) ? 'mean' : undefined;
}

/**
 * Rows (objects or tracks) that meet the condition asked, counted and as a share: "3 of 12 tracks have TRACK_DURATION > 5 min";
 * with a statistic named (`statistic`), that statistic of the rows the condition keeps (or leaves, "ignoring those under ..."),
 * when the condition is on the quantity asked: "the mean area of the nuclei bigger than 20 µm² in frame 2".
 */
function conditionAnswer(best: Candidate, scope: QuestionScope, units: { lengthUnit?: string; timeUnit?: string }, statistic?: 'mean' | 'median' | 'sum' | 'sd', overAll?: 'mean' | 'median', question = ''): string {
  const { table, artifact } = best;
  const condition = scope.condition ?? { op: '>' as const, value: 0, unit: '' };
  // (a limit of another kind than the column's, "move more than 10 µm in total" against a speed: the table's column of
  // the limit's kind, a length travelled, answers it; none such is said, never compared across kinds)
  const column = columnOfTheLimitsKind(best, condition.unit, units, question);
  if (column === undefined) return `Not answered: you gave ${condition.value} ${condition.unit}, a ${unitKind(condition.unit)}, but ${columnInWords(best.column!)} is a ${unitKind(unitOfColumn(best.column!, units.lengthUnit, units.timeUnit))} and ${artifact.id} has no ${unitKind(condition.unit)} to compare it with, so I give no count`;
  const scoped = scopedRows(table, scope);
  if (typeof scoped === 'string') return scoped;
  const unit = unitOfColumn(column, units.lengthUnit, units.timeUnit);
  // the threshold in the column's unit; one that cannot be converted (µm against pixels with no pixel size) gives no count
  const columnUnit = unit?.replace(/^frame$/, 'frames');
  const threshold = condition.unit && columnUnit ? converted(condition.value, condition.unit, columnUnit) : condition.value;
  // (a length written for an area, "bigger than 100 px", is the area's unit as Fiji writes areas: compared so, and said)
  const areaWrittenAsLength = unitKind(condition.unit) === 'length' && unitKind(columnUnit) === 'area';
  if (condition.unit && columnUnit && threshold === undefined && !condition.relative && !areaWrittenAsLength) {
    return `Not answered: you gave ${condition.value} ${condition.unit}, but ${columnInWords(column)} is in ${columnUnit} and I cannot convert one into the other (${/px/.test(columnUnit) ? 'no pixel size is known: say it, e.g. "the pixel size is 0.65 µm", or give the limit in px' : 'say the limit in ' + columnUnit}), so I give no count (${artifact.id})`;
  }
  const unitNote = column !== best.column
    ? ` (${columnInWords(column)}: your ${condition.value} ${condition.unit} is a ${unitKind(condition.unit)}, not a ${unitKind(unitOfColumn(best.column!, units.lengthUnit, units.timeUnit))})`
    : areaWrittenAsLength && threshold === undefined ? ` (you wrote ${condition.value} ${condition.unit}; ${columnInWords(column)} is in ${columnUnit}, so I compared with ${condition.value} ${columnUnit})` : '';
  // (against the rows' own mean or median: that value, in the column's unit)
  const relativeTo = condition.relative ? (condition.relative === 'median' ? median : mean)(numeric(scoped.rows, column)) : undefined;
  const limit = relativeTo ?? threshold ?? condition.value;
  const test = (v: number) => (condition.op === '>' ? v > limit : condition.op === '<' ? v < limit : condition.op === '>=' ? v >= limit : v <= limit);
  const values = numeric(scoped.rows, column);
  const meeting = values.filter(test).length;
  const of = rowsAre(table);
  const share = values.length ? ` (${valueText(Math.round((meeting / values.length) * 1000) / 10)}%)` : '';
  // (NUMBER_SPOTS: the frames a track is seen in, the unit of a condition in frames)
  const shownUnit = columnUnit ?? (/^NUMBER_SPOTS$/i.test(column) && condition.unit === 'frames' ? 'frames' : undefined);
  const shown = `${columnInWords(column)} ${condition.op} ${condition.relative ? `the ${condition.relative}, ` : ''}${valueText(limit)}${shownUnit ? ` ${shownUnit}` : ''}`;
  // ("is the speed above 1 µm/min?": the mean of all the rows against the number, its verdict first)
  if (overAll && values.length > 0) {
    const value = overAll === 'median' ? median(values) : mean(values);
    const yes = test(value);
    const u = shownUnit ? ` ${shownUnit}` : '';
    const named = /^mean\b/i.test(columnInWords(column)) && overAll === 'mean' ? columnInWords(column) : `${overAll} ${columnInWords(column)}`;
    return `${yes ? 'Yes' : 'No'}: the ${named} over ${values.length} ${of}${scoped.where ? ` ${scoped.where}` : ''} is ${valueText(value)}${u}, ${yes ? '' : 'not '}${relationWords(condition.op)} ${valueText(limit)}${u} (${meeting} of ${values.length} ${of} are, one by one)${unitNote} (from ${artifact.id})`;
  }
  // "which cells ...": name them
  const id = idColumnOf(table, true);
  const ids = scope.which && id ? scoped.rows.filter((r) => typeof r[column] === 'number' && test(r[column] as number)).map((r) => `${r[id]}${table.columns.includes('t') && typeof r.t === 'number' ? ` (frame ${Number(r.t) + 1})` : ''}`) : [];
  const named = scope.which && id ? (ids.length ? `: ${/track/i.test(id) ? 'tracks' : 'objects'} ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', ...' : ''}` : ': none') : '';
  // (the statistic of the rows kept, when the threshold is in the column's own kind: a size asked of sizes, not of intensities)
  if (statistic && !scope.which && scope.reduce !== 'count' && scope.reduce !== 'fraction' && (condition.relative || !condition.unit || threshold !== undefined)) {
    const kept = values.filter((v) => test(v) !== !!condition.excluded);
    if (!kept.length) return `No ${of}${scoped.where ? ` ${scoped.where}` : ''} ${condition.excluded ? 'are left once those with' : 'have'} ${shown}, so there is no ${statistic} of them (from ${artifact.id})`;
    const value = statistic === 'median' ? median(kept) : statistic === 'sum' ? kept.reduce((a, b) => a + b, 0) : statistic === 'sd' ? sd(kept) : mean(kept);
    const name = statistic === 'sd' ? 'SD' : statistic === 'sum' ? 'Total' : statistic === 'median' ? 'Median' : 'Mean';
    const rows = condition.excluded ? `the ${kept.length} ${of} left once those with ${shown} are left out` : `the ${kept.length} ${of} with ${shown}`;
    return `${name} ${columnInWords(column)} of ${rows}${scoped.where ? ` ${scoped.where}` : ''} = ${valueText(value)}${shownUnit ? ` ${shownUnit}` : ''} (${kept.length} of ${values.length})${unitNote} (from ${artifact.id})`;
  }
  if (condition.excluded && !scope.which) return `${values.length - meeting} ${of}${scoped.where ? ` ${scoped.where}` : ''} once those with ${shown} are left out (${meeting} left out of ${values.length})${unitNote} (from ${artifact.id})`;
  return `${meeting} of ${values.length} ${of}${share} have ${shown}${named}${unitNote}${scoped.where ? ` ${scoped.where}` : ''} (from ${artifact.id})`;
}

/** What a unit measures: a length, an area, a speed or a time (undefined for none or a count). */
function unitKind(unit: string | undefined): 'length' | 'area' | 'speed' | 'time' | undefined {
  if (!unit) return undefined;
  if (unit.includes('/')) return 'speed';
  if (/²|\^2/.test(unit)) return 'area';
  if (/^(?:px|pixels?|µm|um|μm|nm|mm|microns?)$/i.test(unit)) return 'length';
  return secondsIn(unit) !== undefined || /^frames?$/i.test(unit) ? 'time' : undefined;
}

/** A path's whole length asked ("in total", "altogether", "overall", "path length"), not the straight line from start to end. */
const WHOLE_PATH = /\b(?:in\s+total|total|altogether|overall|all\s+together|path\s+length|in\s+all)\b/i;

/**
 * The column a limit is compared with: the one asked when the limit's unit is of its kind (or has none); else the table's
 * column of the limit's kind (a length: the total distance travelled when the whole path is said, else the net
 * displacement); undefined when the table has none.
 */
function columnOfTheLimitsKind(best: Candidate, limitUnit: string, units: { lengthUnit?: string; timeUnit?: string }, question: string): string | undefined {
  const asked = best.column!;
  const want = unitKind(limitUnit);
  const has = unitKind(unitOfColumn(asked, units.lengthUnit, units.timeUnit));
  if (!want || !has || want === has || (want === 'length' && has === 'area')) return asked;
  const ofKind = best.table.columns.filter((c) => unitKind(unitOfColumn(c, units.lengthUnit, units.timeUnit)) === want && !/^(?:x|y|z|t|POSITION_|POS_|frame)/i.test(c));
  if (want === 'length') return ofKind.find((c) => (WHOLE_PATH.test(question) ? /TOTAL_DISTANCE/i : /^TRACK_DISPLACEMENT/i).test(c)) ?? ofKind.find((c) => /DISTANCE|DISPLACEMENT/i.test(c));
  return ofKind[0];
}

/**
 * The share of tracks with a division, from a table of division events (a row per event, its
 * mother and daughters) and the number of tracks the tracking step reported: "2 of 9 tracks
 * (22.2%) have a division". Only for a share asked of divisions; undefined otherwise.
 */
function eventShareAnswer(scope: QuestionScope, tables: { artifact: KnownArtifact; table: Table }[], results: PastResult[]): string | undefined {
  if (scope.reduce !== 'fraction' || ![...wordKeys('division divide divided dividing mitosis split')].some((w) => scope.quantity.has(w))) return undefined;
  const events = [...tables].reverse().find(({ table }) => table.columns.includes('mother') && table.columns.includes('daughter_1'));
  if (!events) return undefined;
  const tracked = [...results].reverse().find((r) => r.ok && typeof r.values.tracks === 'number' && (r.values.tracks as number) > 0);
  if (!tracked) return undefined;
  const total = tracked.values.tracks as number;
  const rows = events.table.rows;
  const idColumn = rows.some((r) => typeof r.track_id === 'number') ? 'track_id' : 'mother';
  const dividing = Math.min(total, new Set(rows.map((r) => r[idColumn]).filter((v) => v !== null && v !== undefined)).size);
  const share = valueText(Math.round((dividing / total) * 1000) / 10);
  return `${dividing} of ${total} tracks (${share}%) have a division (${counted(rows.length, 'division')} in ${events.artifact.id}; ${counted(total, 'track')} from ${tracked.tool})`;
}

/** Words of a division: "divide", "split in two", "undergo mitosis", "mitotic". */
const DIVIDES = /\b(?:divid\w*|divis\w*|split\w*|mitos[ie]s|mitotic|cytokinesis)\b/i;
/**
 * A count of the cells that divide ("how many cells divided?", "how many of the nuclei undergo
 * mitosis?", "number of dividing cells"), not of the division events ("how many divisions?").
 */
export function countsDividingCells(question: string): boolean {
  const q = plainQuestion(question);
  if (!DIVIDES.test(q)) return false;
  // the events themselves are counted: "how many divisions / mitoses / division events"
  if (/\b(?:how many|number of|count(?: of)?|#)\s+(?:the\s+)?(?:\w+\s+)?(?:divisions|mitoses|events|splits|mitotic events)\b/i.test(q)) return false;
  const cellsCounted = /\b(?:how many|number of|count(?: of)?)\s+(?:of\s+(?:the|my|these|those|our)\s+)?(?:(?:the|my|these|those)\s+)?(?:\w+\s+)?(?:cells?|cels?|nuclei|nucleus|nucleis|tracks?|mothers?|ones|of them|lineages?)\b/i.test(q);
  return cellsCounted;
}

/**
 * The cells that divided, from a table of division events (a row per event, its mother branch
 * and daughters): "3 cells divided (3 division events; mother branches 4, 7, 9; in 2 of 9
 * tracks)". A branch ends in at most one division, so cells and events agree unless a row has
 * no mother; lineages (tracks) with a division are said when there are fewer of them.
 */
function dividingCellsAnswer(question: string, tables: { artifact: KnownArtifact; table: Table }[], results: PastResult[], scope?: QuestionScope): string | undefined {
  // ("how many divided between frame 4 and frame 8?": the divisions whose daughters start in those frames, of tracks made over the whole movie)
  const range = scope?.frames && scope.frames.first >= 1 ? { first: scope.frames.first, last: scope.frames.last } : typeof scope?.frame === 'number' ? { first: scope.frame, last: scope.frame } : undefined;
  // (the events counted at a scope too: "how many divisions in frames 2-5?")
  const eventsCounted = range !== undefined && DIVIDES.test(plainQuestion(question)) && /\b(?:how many|number of|count(?: of)?|#)\s+(?:the\s+)?(?:\w+\s+)?(?:divisions|mitoses|events|splits)\b/i.test(plainQuestion(question));
  // ("did anything divide after frame 30?", "were there any mitoses before frame 5?": whether any did in those frames, their count)
  const askedWhether = range !== undefined && DIVIDES.test(plainQuestion(question)) && /^\W*(?:(?:so|and|ok(?:ay)?|but)\W+)?(?:did|do|does|has|have|had|were|was|are|is)\b/i.test(plainQuestion(question));
  if (!countsDividingCells(question) && !eventsCounted && !askedWhether) return undefined;
  const events = [...tables].reverse().find(({ table }) => table.columns.includes('mother') && table.columns.includes('daughter_1'));
  if (!events) return undefined;
  const rows = range ? events.table.rows.filter((r) => typeof r.t === 'number' && r.t + 1 >= range.first && r.t + 1 <= range.last) : events.table.rows;
  if (range) {
    const n = new Set(rows.map((r) => r.mother)).size;
    // (an open end, "after frame 5", is the movie's end)
    const span = Number.isFinite(range.last) ? `in frames ${range.first}-${range.last}` : `from frame ${range.first} on`;
    return `${n} ${n === 1 ? 'cell' : 'cells'} divided ${span} (${counted(rows.length, 'division event')} whose daughters start there${rows.length ? `, in frame${new Set(rows.map((r) => r.t)).size === 1 ? '' : 's'} ${[...new Set(rows.map((r) => (r.t as number) + 1))].sort((a, b) => a - b).join(', ')}` : ''}; ${counted(events.table.rows.length, 'division event')} over the whole movie; from ${events.artifact.id})`;
  }
  const mothers = [...new Set(rows.map((r) => r.mother).filter((v) => v !== null && v !== undefined && v !== ''))];
  const lineages = new Set(rows.map((r) => r.track_id).filter((v) => v !== null && v !== undefined && v !== ''));
  const tracked = [...results].reverse().find((r) => r.ok && typeof r.values.tracks === 'number' && (r.values.tracks as number) > 0);
  const total = tracked ? (tracked.values.tracks as number) : undefined;
  const n = mothers.length;
  const frames = rows.map((r) => r.t).filter((t): t is number => typeof t === 'number');
  const when = frames.length ? `; first in frame ${Math.min(...frames) + 1}` : '';
  const list = n ? `; mother branch${n === 1 ? '' : 'es'} ${mothers.slice(0, 12).join(', ')}${n > 12 ? ', ...' : ''}` : '';
  const inTracks = lineages.size && total ? `; in ${lineages.size} of ${total} tracks (lineages)` : total ? `; of ${total} tracks` : '';
  const eventsSaid = counted(rows.length, 'division event');
  if (n === 0) return `0 cells divided: no division events were found${total ? ` in ${total} tracks` : ''} (from ${events.artifact.id})`;
  return `${n} ${n === 1 ? 'cell' : 'cells'} divided (${n === rows.length ? eventsSaid : `in ${eventsSaid}`}${list}${inTracks}${when}; from ${events.artifact.id})`;
}

/** Cells counted once each over the movie ("how many distinct nuclei"): tracks, not objects per frame. */
export const DISTINCT_THINGS = /\b(?:distinct|different|unique|individual|separate)\s+(?:cells?|nucle(?:us|i)|objects?)\b/i;

/** Cells moving, or staying put. */
const MOVES = /\b(?:mov(?:e|es|ed|ing)|migrat\w*|travel\w*|motile|mobile|wander\w*)\b/i;
// ("still" as an adverb - "still there", "still present", "still moving" - is not standing still)
const STAYS = /\b(?:stationary|static|immobile|non-?motile|motionless|still(?!\s+(?:there|here|present|visible|around|alive|in|on|within|inside|tracked|seen|detect\w*|counted|exist\w*|left|remain\w*|be|being|is|are|have|has|mov\w*|migrat\w*|divid\w*|growing|going))|stay(?:s|ed)?\s+put|(?:do|does|did)(?:n't|\s+not)\s+move)\b/i;
/** Tracks present from the first to the last frame. */
const WHOLE_MOVIE = /\b(?:whole|entire|full|complete)\s+(?:movie|film|video|recording|time-?lapse|experiment|time ?course|duration|length|sequence|time)\b|\b(?:from\s+)?(?:the\s+)?(?:first|start|beginning)\s+(?:frame\s+)?(?:to|till|until)\s+(?:the\s+)?(?:last|end|finish)\b|\bthroughout\b|\b(?:in\s+)?(?:every|all(?:\s+the)?)\s+frames\b/i;
const STAYS_IN_VIEW = /\b(?:stay\w*|span\w*|last\w*|persist\w*|remain\w*|surviv\w*|tracked|followed|present|visible|seen|cover\w*|there)\b/i;

/** A yes/no question whose subject is the things themselves: "are the cells ...", "do the nuclei ...", "do they ...". */
const YES_NO_OF_THINGS = /^(?:(?:so|and|ok(?:ay)?)[,\s]+)?(?:are|were|do|did|have)\s+(?:(?:the|these|those|my|our|all(?:\s+the)?)\s+)?(?:[\p{L}-]+\s+)?(?:cells|nuclei|objects|tracks|trajectories|they)\b/iu;

/** A count, share or yes/no over the cells (not a quantity: "how far", "how fast"). */
function countsCellsThat(question: string): boolean {
  const q = plainQuestion(question);
  const scope = readQuestion(question);
  if (scope.condition || scope.track !== undefined || /\bhow\s+(?:far|fast|much|quickly|long)\b|\b(?:speeds?|distances?|displacements?|velocit\w*)\b/i.test(q)) return false;
  // ("are the cells moving?", "do the nuclei migrate?": a yes/no whose subject is the things asks the same of each of them)
  const counted = /\b(?:how many|number of|count|fraction|percent\w*|proportion|share)\b/i.test(q) || /^(?:(?:so|and|ok(?:ay)?)[,\s]+)?(?:(?:are|is|were|was|do|does|did)\s+(?:there\s+)?(?:any|all|some|most|none)|any)\b/i.test(q.trim()) || YES_NO_OF_THINGS.test(q.trim());
  return counted && /\b(?:cells?|nucle(?:us|i)|objects?|tracks?|trajector(?:y|ies)|ones|them|they)\b/i.test(q);
}

/** "how many cells move?", "are any of the nuclei stationary?", "what fraction of the cells migrate?": tracks that moved, counted. */
export function countsMovingCells(question: string): boolean {
  const q = plainQuestion(question);
  return (MOVES.test(q) || STAYS.test(q)) && !DIVIDES.test(q) && countsCellsThat(question);
}

/** "how many nuclei stay in view for the whole film?", "do all tracks span the entire movie?": tracks from the first to the last frame, counted. */
export function countsWholeTracks(question: string): boolean {
  const q = plainQuestion(question);
  // ("does the number of nuclei stay the same throughout?" asks about the count over time, not about tracks)
  if (/\b(?:same|constant|stable|steady|unchanged|flat)\b/i.test(q) || /\b(?:number|count)\b(?:\s+of\s+[\w\s]{0,20}?)?\s+(?:stay|remain)/i.test(q)) return false;
  // ("how many nuclei are there over the entire movie?": "are there" only says that they exist, counted per frame; "are
  // there for the whole movie" is still staying in view)
  const stays = q.replace(/\b(?:are|is|were|was)\s+there\b(?!\s+(?:for|during)\b)/gi, ' ');
  return WHOLE_MOVIE.test(q) && STAYS_IN_VIEW.test(stays) && !MOVES.test(q) && countsCellsThat(question);
}

/** A yes/no question's opening ("did ...", "were there ...", "any ...", "is there ..."). */
const YES_NO_EVENTS = /^\W*(?:(?:so|and|but)\s+)?(?:did|do|does|were|was|are|is|has|have|any)\b/i;
/** Events a table of tracks counts per track (divisions and splits, merges, gaps). */
const EVENT_WORDS = /\b(?:divi(?:de|ded|des|ding|sions?)|mitos[ie]s|mitotic|split(?:s|ting)?|merg(?:e|ed|es|ing)|gaps?)\b/i;

/** "Yes: ", "No: " before a count that answers a yes/no question ("are any ...?", "do all ...?"). */
function verdict(question: string, some: number, all: number, asksAll: boolean): string {
  if (!/^(?:(?:so|and|ok(?:ay)?)[,\s]+)?(?:are|is|were|was|do|does|did|any)\b/i.test(plainQuestion(question).trim())) return '';
  return (asksAll ? some === all : some > 0) ? 'Yes: ' : 'No: ';
}

/**
 * Tracks that moved (net displacement from first to last position over 2 px, above a
 * centroid's jitter), or that stayed put, from a table of whole tracks: "4 of 5 tracks moved
 * ...". A distance said in the question is a condition instead ("more than 5 µm").
 */
function movingCellsAnswer(question: string, tables: { artifact: KnownArtifact; table: Table }[], results: PastResult[], pixelSizeUm: number | undefined): string | undefined {
  if (!countsMovingCells(question)) return undefined;
  const found = [...tables].reverse().find(({ table }) => table.columns.includes('TRACK_DISPLACEMENT'));
  if (!found) return undefined;
  const { lengthUnit } = unitsOf(found.artifact, results);
  const microns = lengthUnit === 'µm';
  const threshold = microns ? 2 * (pixelSizeUm ?? 0.5) : 2;
  const values = numeric(found.table.rows, 'TRACK_DISPLACEMENT');
  if (values.length === 0) return undefined;
  const moved = values.filter((v) => v > threshold).length;
  const still = values.length - moved;
  const asksStill = STAYS.test(plainQuestion(question));
  const rule = `net displacement from first to last position over ${valueText(threshold)} ${microns ? 'µm' : 'px'}${microns ? ' (2 px)' : ''}`;
  // (the share follows the count it is of, not the other one: "4 of 20 tracks stayed put (20%) ...; 16 moved further")
  const share = /\b(?:fraction|percent\w*|proportion|share)\b/i.test(question) ? ` (${valueText(Math.round(((asksStill ? still : moved) / values.length) * 1000) / 10)}%)` : '';
  const counted = asksStill ? `${still} of ${values.length} tracks stayed put${share} (${rule.replace('over', 'at most')}); ${moved} moved further` : `${moved} of ${values.length} tracks moved${share} (${rule}); ${still} stayed within it`;
  return `${verdict(question, asksStill ? still : moved, values.length, /\ball\b/i.test(question))}${counted} (from ${found.artifact.id}; say a distance, e.g. "more than 5 µm", to count with another threshold)`;
}

/** Tracks present from the first frame of the table to its last: "3 of 5 tracks span the whole movie (frames 1-6)". */
function wholeTracksAnswer(question: string, tables: { artifact: KnownArtifact; table: Table }[], newest: () => { artifact: KnownArtifact; tracks: Tracks } | undefined): string | undefined {
  if (!countsWholeTracks(question)) return undefined;
  // (no table of whole tracks at hand, only objects: each track's start and stop from the tracks themselves)
  const made = () => {
    const found = newest();
    return found ? { artifact: found.artifact, table: trackTable(found.tracks).table } : undefined;
  };
  const found = [...tables].reverse().find(({ table }) => table.columns.includes('TRACK_START') && table.columns.includes('TRACK_STOP')) ?? made();
  if (!found) return undefined;
  const rows = found.table.rows.filter((r) => typeof r.TRACK_START === 'number' && typeof r.TRACK_STOP === 'number');
  if (rows.length === 0) return undefined;
  const start = Math.min(...rows.map((r) => r.TRACK_START as number));
  const stop = Math.max(...rows.map((r) => r.TRACK_STOP as number));
  const whole = rows.filter((r) => r.TRACK_START === start && r.TRACK_STOP === stop).length;
  const share = /\b(?:fraction|percent\w*|proportion|share)\b/i.test(question) ? ` (${valueText(Math.round((whole / rows.length) * 1000) / 10)}%)` : '';
  return `${verdict(question, whole, rows.length, /\ball\b/i.test(question))}${whole} of ${rows.length} tracks span the whole movie, from its first to its last frame${share}${whole < rows.length ? '; the others start later or end earlier' : ''} (from ${found.artifact.id})`;
}

/** The question counts something other than cells, objects or tracks (its quantity words name it). */
function countsSomethingElse(scope: QuestionScope): boolean {
  const counted = new Set([...wordKeys('cell nucleus object blob track trajectory label mask segmentation')]);
  return [...scope.quantity].some((w) => !counted.has(w) && w.length > 2);
}

/** The column that counts the event a subset names ("divided" → NUMBER_SPLITS), or undefined. */
function subsetColumn(table: Table, subset: Subset): string | undefined {
  const asked = [...wordKeys(subset.words)];
  return table.columns.find((c) => /^NUMBER_|_count$|^n_/i.test(c) && !/^NUMBER_SPOTS$/i.test(c) && [...columnWords(c)].some((o) => asked.some((w) => o === w || (w.length >= 4 && o.startsWith(w)) || (o.length >= 4 && w.startsWith(o)))));
}

/** Rows of the frame or track asked for; a message when there are none. */
function scopedRows(table: Table, scope: QuestionScope): { rows: Row[]; where: string } | string {
  let rows = table.rows;
  const parts: string[] = [];
  if (scope.subset?.column) {
    // "the nuclei not touching the edge": the rows a 0/1 column keeps
    const subset = { ...scope.subset, column: scope.subset.column };
    if (!table.columns.includes(subset.column)) return noColumnReply(subset, 'The table');
    rows = keptRows(rows, subset);
    if (rows.length === 0) return `No objects ${keptInWords(subset)}, so there is no ${scope.reduce === 'count' || scope.reduce === 'fraction' ? 'value' : scope.reduce === 'sd' ? 'standard deviation' : scope.reduce} to give.`;
    parts.push(`for the ${counted(rows.length, 'object')} that ${keptInWords(subset, rows.length !== 1)}`);
  } else if (scope.subset) {
    // "the cells that divided": the rows with the event counted; never the whole table in silence
    const column = subsetColumn(table, scope.subset);
    if (!column) return `The table has no column for "${scope.subset.words}" (${table.columns.filter((c) => /^NUMBER_/i.test(c)).join(', ') || 'no counts of events'}), so I cannot keep only the ${scope.subset.negated ? 'rows without it' : 'rows with it'}: measure the tracks (measure kind "tracks") for their divisions and gaps.`;
    rows = rows.filter((r) => typeof r[column] === 'number' && (scope.subset!.negated ? r[column] === 0 : (r[column] as number) > 0));
    const noun = idColumnOf(table, true) === 'TRACK_ID' ? 'tracks' : 'rows';
    if (rows.length === 0) return `No ${noun} have ${columnInWords(column)} ${scope.subset.negated ? '= 0' : '> 0'} (${scope.subset.negated ? 'every one has' : 'none has'} ${scope.subset.words.replace(/^(?:a|an)\s+/i, '')}), so there is no ${scope.reduce === 'count' || scope.reduce === 'fraction' ? 'value' : scope.reduce === 'sd' ? 'standard deviation' : scope.reduce} to give.`;
    parts.push(`for the ${counted(rows.length, noun.replace(/s$/, ''))} with ${columnInWords(column)} ${scope.subset.negated ? '= 0' : '> 0'} ("${scope.subset.phrase.trim()}")`);
  }
  if (scope.frame !== undefined) {
    const frames = framesOf(rows);
    const t = scope.frame === 'last' ? frames.at(-1 - (scope.beforeLast ?? 0)) : scope.frame === 'first' ? frames[0] : scope.frame - 1;
    if (t === undefined || !frames.includes(t)) return `There is no frame ${typeof scope.frame === 'number' ? scope.frame : scope.frame} in the table (frames 1 to ${(frames.at(-1) ?? -1) + 1})`;
    rows = rows.filter((r) => r.t === t);
    parts.push(`in frame ${t + 1}`);
  }
  if (scope.atTimeS !== undefined) {
    // the frame nearest to the time asked, from the table's own time column
    const timeColumn = table.columns.find((c) => /^time_(?:s|min|h)$/.test(c));
    if (!timeColumn) return `The table has no time column (no frame interval known), so I cannot tell which frame is at ${valueText(scope.atTimeS / 60)} min: ask for a frame number instead (${table.columns.includes('t') ? `frames 1 to ${(framesOf(rows).at(-1) ?? -1) + 1}` : 'no frames in this table'}).`;
    const perS = secondsIn(timeColumn.slice(5))!;
    const times = new Map(rows.filter((r) => typeof r.t === 'number' && typeof r[timeColumn] === 'number').map((r) => [r.t as number, (r[timeColumn] as number) * perS]));
    const nearest = [...times.entries()].sort((a, b) => Math.abs(a[1] - scope.atTimeS!) - Math.abs(b[1] - scope.atTimeS!))[0];
    if (!nearest) return `There are no timed rows in the table (${timeColumn}).`;
    rows = rows.filter((r) => r.t === nearest[0]);
    parts.push(`in frame ${nearest[0] + 1} (at ${valueText(nearest[1] / 60)} min)`);
  }
  if (scope.frames) {
    const frames = framesOf(rows);
    const { last } = scope.frames;
    // counted back from the end: "the last 5 frames"
    const end = scope.movieFrames ?? (frames.at(-1) ?? 0) + 1;
    const first = scope.frames.first < 1 ? Math.max(1, end + scope.frames.first) : scope.frames.first;
    rows = rows.filter((r) => typeof r.t === 'number' && r.t >= first - 1 && r.t <= last - 1);
    if (rows.length === 0) return `There are no rows in frames ${first}-${last} (the table has frames 1 to ${(frames.at(-1) ?? -1) + 1}).`;
    const shown = framesOf(rows);
    // a table of steps between frames (a row at its source frame, "frames" to its target) reaches one frame further
    const steps = table.columns.includes('frames') && table.columns.includes('source_spot') ? 1 : 0;
    parts.push(`in frames ${first}-${Math.min(last, shown.at(-1)! + 1 + steps, scope.movieFrames ?? Infinity)}`);
  }
  if (scope.track !== undefined) {
    const id = idColumnOf(table, true)!;
    rows = rows.filter((r) => r[id] === scope.track);
    const noun = thingNoun(id);
    if (rows.length === 0) {
      const ids = [...new Set(table.rows.map((r) => r[id]))];
      return `There is no ${noun} ${scope.track}${parts.length ? ` ${parts.join(' ')}` : ''} in the table: it has ${ids.length} ${noun}${ids.length === 1 ? '' : 's'} (${id} ${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ', ...' : ''})`;
    }
    parts.push(`for ${noun} ${scope.track}`);
  }
  return { rows, where: parts.join(' ') };
}

function statistic(values: number[], reduce: Reduce): { name: string; value: number } {
  switch (reduce) {
    case 'median': return { name: 'Median', value: median(values) };
    case 'sd': return { name: 'Standard deviation', value: sd(values) };
    case 'sem': return { name: 'Standard error of the mean', value: values.length > 1 ? sd(values) / Math.sqrt(values.length) : NaN };
    case 'cv': return { name: 'Coefficient of variation', value: mean(values) !== 0 ? (sd(values) / Math.abs(mean(values))) * 100 : NaN };
    case 'sum': return { name: 'Total', value: values.reduce((a, b) => a + b, 0) };
    case 'max': return { name: 'Largest', value: Math.max(...values) };
    case 'min': return { name: 'Smallest', value: Math.min(...values) };
    default: return { name: 'Mean', value: mean(values) };
  }
}

function valueAnswer(best: Candidate, scope: QuestionScope, units: { lengthUnit?: string; timeUnit?: string; pixelSizeUm?: number; inMicrons?: boolean; field?: Field }, sumOfCounts: boolean, question = ''): string {
  const { table, artifact } = best;
  const column = best.column!;
  // a speed in the time unit asked for ("µm per hour")
  // (else the unit its CSV header states: a copy exported from the session names no step's units)
  const rawUnit = unitOfColumn(column, units.lengthUnit, units.timeUnit) ?? table.units?.[column];
  // a time between frames told in the question ("frames are 2 min apart"): per frame and frames become per minute and minutes
  // (the units asked are read from the question without the calibration it tells: "1 min per frame" asks for no speed per frame)
  const asked = withoutToldCalibration(question);
  // (a speed asked per frame stays per frame, whatever time between frames was told)
  const told = asksPerFrame(asked) ? { v: 1, unit: rawUnit } : inToldInterval(rawUnit, statedFrameIntervalS(question));
  const inTime = inAskedTime(told.v, told.unit, asked);
  // a length or area in the unit asked: px of a calibrated movie ("in pixels"), with the movie's pixel size
  // (a pixel size told in the question asks for µm, unless pixels are asked for by name)
  // (and so does the calibration the session set after the table was measured in px)
  const inLength = inAskedLength(inTime.v, inTime.unit, asked, units.pixelSizeUm, statedPixelSizeUm(question) !== undefined || units.inMicrons === true);
  // a speed asked per frame ("in pixels per frame") of a column per minute: at the frame interval the table itself shows
  const { v: factor, unit } = inAskedFrame(inLength.v, inLength.unit, asked, table);
  const scoped = scopedRows(table, scope);
  // "are the dividing cells slower?" when none divided (or all did): said, with the value over all the rows
  if (typeof scoped === 'string' && scope.subset && /^No \w+ have /.test(scoped)) {
    const { subset: _none, ...all } = scope;
    const overall = valueAnswer(best, all, units, sumOfCounts, question);
    return /^There (?:are|is) no\b/.test(overall) ? scoped : `${scoped.replace(/\.$/, '')}; over all of them: ${overall}`;
  }
  if (typeof scoped === 'string') return scoped;
  // "are the dividing cells faster than the others?": the kept rows against the rest, the rest the baseline
  if (scope.subset && comparesWithTheRest(question)) {
    const rest = scopedRows(table, { ...scope, subset: { ...scope.subset, negated: !scope.subset.negated } });
    const eventColumn = scope.subset.column ?? subsetColumn(table, scope.subset);
    const valuesOf = (rows: Row[]) => numeric(rows, column).map((v) => v * factor);
    if (typeof rest !== 'string' && eventColumn) {
      const [base, kept] = [valuesOf(rest.rows), valuesOf(scoped.rows)];
      if (base.length && kept.length) {
        const [b, k] = [mean(base), mean(kept)];
        const change = b !== 0 ? ` (${k >= b ? '+' : ''}${valueText(Math.round(((k - b) / Math.abs(b)) * 1000) / 10)}%)` : '';
        const noun = idColumnOf(table, true) === 'TRACK_ID' ? 'tracks' : 'rows';
        const op = (negated: boolean) => (negated ? '= 0' : '> 0');
        return `${statisticInWords('Mean', column)}: ${withUnit(b, unit)} for the ${counted(base.length, noun.replace(/s$/, ''))} with ${columnInWords(eventColumn)} ${op(!scope.subset.negated)} vs ${withUnit(k, unit)} for the ${kept.length} with ${columnInWords(eventColumn)} ${op(scope.subset.negated)} ("${scope.subset.phrase.trim()}")${change}: ${k > b ? 'higher' : k < b ? 'lower' : 'the same'} for "${scope.subset.phrase.trim()}" (from ${artifact.id}; means, no statistical test)`;
      }
    }
  }
  const { rows, where } = scoped;
  const source = `from ${artifact.id}${where ? `, ${where}` : ''}`;
  const idColumn = idColumnOf(table, scope.track !== undefined);
  const values = rows.map((r) => ({ row: r, v: r[column] })).filter((x): x is { row: Row; v: number } => typeof x.v === 'number' && Number.isFinite(x.v)).map((x) => ({ row: x.row, v: x.v * factor }));
  if (values.length === 0) return `There are no ${columnInWords(column)} values ${where || 'in the table'} (${artifact.id}).`;
  const of = scope.track !== undefined && table.columns.includes('t') ? 'frames' : rowsAre(table);
  const left = leftOut(rows, values.length, column, of);
  if (scope.stats && !scope.which) {
    const numbers = values.map((x) => x.v);
    // (in a list of statistics the ends are the minimum and the maximum, as a summary table names them)
    const listName = (r: Reduce) => (r === 'min' ? 'minimum' : r === 'max' ? 'maximum' : statistic(numbers, r).name.toLowerCase());
    const parts = scope.stats.map((r) => `${listName(r)} ${r === 'cv' ? `${valueText(statistic(numbers, r).value)}%` : withUnit(statistic(numbers, r).value, unit)}`);
    return `${columnInWords(column)}${where ? ` ${where}` : ''}: ${parts.join(', ')} over ${rowsCounted(numbers.length, of)}${left} (${source})`;
  }
  if ((scope.channels?.length ?? 0) >= 2 && /_c\d+$/i.test(column)) return channelsAnswer(table, column, rows, scope.channels!, unit, source, askedChannelRatio(question));
  // ("mean intensity of each channel": the same quantity in every channel the table has, side by side, with its unit)
  if (scope.everyChannel && /_c\d+$/i.test(column)) {
    const every = table.columns.map((c) => new RegExp(`^${column.replace(/_c\d+$/i, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_c(\\d+)$`, 'i').exec(c)).filter((m): m is RegExpExecArray => !!m).map((m) => Number(m[1]));
    if (every.length >= 2) return channelsAnswer(table, column, rows, every, unit, source, askedChannelRatio(question));
  }
  const total = values.reduce((a, b) => a + b.v, 0);
  if (sumOfCounts) return `${valueText(total)} ${/SPLIT/i.test(column) ? (total === 1 ? 'division' : 'divisions') : column} (sum of ${columnInWords(column)} over ${rowsCounted(values.length, of)}; ${source})`;
  // (halves, first vs last, per frame: in the unit asked, as any other value: "speed first half vs second half, µm/h")
  // ("for each cell, how does its signal at the end compare with the start?": each track's own first and last frame)
  if (idColumn && /track|branch/i.test(idColumn) && table.columns.includes('t') && asksEachOnesEnds(question, scope)) return eachOnesEndsAnswer(column, values, idColumn, unit, source);
  if (scope.compare) return compareAnswer(table, column, rows, scope, unit, artifact.id, factor);
  if (scope.compareTracks && idColumn) return tracksCompared(column, values, idColumn, scope.compareTracks, unit, source);
  if (scope.perTrack && idColumn && !scope.perFrame) return perTrackAnswer(column, values, idColumn, unit, source, table.columns.includes('t'));
  if (scope.perFrame && scope.frame === undefined) return seriesAnswer(column, rows, rawUnit, artifact.id, (group) => mean(numeric(group, column)), `${where ? `${columnInWords(column)} ${where}` : `${statisticInWords('mean', column)}`}`);
  if (scope.top !== undefined && (scope.reduce === 'max' || scope.reduce === 'min')) {
    // "the top 2 tracks by speed" from rows per frame or per step: each track ranked once, by the mean of its rows
    const byTrack = (/\b(?:tracks?|trajector(?:y|ies))\b/i.test(question) || asksAboutCells(question)) && idColumn !== undefined && /track|branch/i.test(idColumn) && new Set(values.map((x) => x.row[idColumn])).size < values.length;
    if (byTrack) return rankedAnswer(`${columnInWords(column)} (mean of each track's ${of})`, meansPerId(values, idColumn), idColumn, scope, unit, source, 'tracks');
    return rankedAnswer(column, values, idColumn, scope, unit, source, of);
  }
  if ((scope.reduce === 'max' || scope.reduce === 'min') && (scope.which || values.length > 1)) {
    // ("which cell moved the least?": a track followed for a single frame cannot have moved, so it is no least-moving cell;
    // such tracks are left out of a motion's minimum, and the answer says how many)
    const stillByConstruction = scope.reduce === 'min' && MOTION_COLUMN.test(column) && table.columns.includes('NUMBER_SPOTS') ? values.filter((x) => x.row.NUMBER_SPOTS === 1) : [];
    if (stillByConstruction.length > 0 && stillByConstruction.length < values.length) {
      const moving = values.filter((x) => !stillByConstruction.includes(x));
      const why = `; ${counted(stillByConstruction.length, 'track')} followed for a single frame ${stillByConstruction.length === 1 ? 'is' : 'are'} left out: ${stillByConstruction.length === 1 ? 'it' : 'they'} could not move`;
      const pick = moving.reduce((a, b) => (b.v < a.v ? b : a));
      return `Track ${pick.row[idColumn ?? 'TRACK_ID']} has the smallest ${columnInWords(column)}: ${withUnit(pick.v, unit)}, of ${moving.length} ${of}${why} (${source})`;
    }
    // "which cell is the biggest?" over rows per object and frame: with tracks a cell is its track, its mean over its frames
    // ("where are the biggest nuclei?": the thing picked, placed in the field by its centroid; objectPosition.ts)
    const place = asksPosition(question) ? (picked: Row[], fieldSaid = true) => placeOf(picked, table, units.field, fieldSaid) : undefined;
    const perCell = idColumn && scope.frame === undefined ? cellExtreme(question, column, values, idColumn, scope.reduce, unit, source, place) : undefined;
    if (perCell) return perCell;
    const ranked = [...values].sort((a, b) => (scope.reduce === 'max' ? b.v - a.v : a.v - b.v));
    const pick = values.reduce((a, b) => ((scope.reduce === 'max' ? b.v > a.v : b.v < a.v) ? b : a));
    const who = idColumn ? `${/track|branch/i.test(idColumn) ? 'Track' : 'Object'} ${pick.row[idColumn]}` : 'One row';
    const frameOf = (row: Row) => (idColumn !== 'TRACK_ID' && typeof row.t === 'number' && scope.frame === undefined ? ` (frame ${Number(row.t) + 1})` : '');
    const when = frameOf(pick.row);
    // (without tracks an object is one outline in one frame: said so, never passed off as a cell followed over time)
    const oneFrame = !/track|branch/i.test(idColumn ?? '') && when && asksAboutCells(question) ? `; without tracks this is one object in one frame, not a cell followed over the movie (track the objects for a value per cell)` : '';
    // ("where are the biggest nuclei?": several asked, the next two placed as well)
    const next = place && asksSeveral(question) ? ranked.filter((x) => x !== pick).slice(0, 2).map((x) => `${idColumn ? `${thingNoun(idColumn)} ${x.row[idColumn]}` : 'a row'}${frameOf(x.row)}, ${withUnit(x.v, unit)},${place([x.row], false)}`) : [];
    const others = next.length ? `; next: ${next.join('; ')}` : '';
    return `${who}${when} has the ${scope.reduce === 'max' ? 'largest' : 'smallest'} ${columnInWords(column)}: ${withUnit(pick.v, unit)}${place ? place([pick.row]) : ''}, of ${values.length} ${of}${oneFrame}${others} (${source})`;
  }
  const numbers = values.map((x) => x.v);
  if (scope.reduce === 'percentile' && scope.percentiles) {
    const parts = scope.percentiles.map((p) => `${ordinal(p)} percentile ${withUnit(percentile(numbers, p), unit)}`);
    const iqr = scope.percentiles.length === 2 && scope.percentiles[0] === 25 && scope.percentiles[1] === 75 ? ` (interquartile range ${withUnit(percentile(numbers, 75) - percentile(numbers, 25), unit)})` : '';
    return `${columnInWords(column)}${where ? ` ${where}` : ''}: ${parts.join(', ')}${iqr}, median ${withUnit(median(numbers), unit)}, over ${rowsCounted(numbers.length, of)} (${source})`;
  }
  if (scope.reduce === 'range') {
    // (the middle half too, with 4 values or more: how they spread, not only their ends)
    const middle = numbers.length >= 4 ? `, middle half ${withUnit(percentile(numbers, 25), unit)} to ${withUnit(percentile(numbers, 75), unit)}` : '';
    return `${columnInWords(column)} ranges from ${withUnit(Math.min(...numbers), unit)} to ${withUnit(Math.max(...numbers), unit)} (median ${withUnit(median(numbers), unit)}${middle}, over ${rowsCounted(numbers.length, of)}; ${source})`;
  }
  if (scope.track !== undefined && numbers.length === 1) return `${columnInWords(column)} ${where} = ${withUnit(numbers[0], unit)} (${source})`;
  // a per-frame summary's one row of the frame asked holds its value itself, no statistic over rows
  if (of === 'frames' && numbers.length === 1 && where) return `${columnInWords(column)} ${where} = ${withUnit(numbers[0], unit)} (${source})`;
  const { name, value } = statistic(numbers, scope.reduce === 'count' ? 'mean' : scope.reduce);
  // ("CV of the intensities": a share of the mean, in %, with the SD and the mean it is made of, in their unit)
  if (scope.reduce === 'cv') return `${name} of ${columnInWords(column)}${where ? ` ${where}` : ''} = ${Number.isFinite(value) ? `${valueText(value)}%` : 'undefined (the mean is 0)'} (SD ${withUnit(sd(numbers), unit)} / mean ${withUnit(mean(numbers), unit)}) over ${rowsCounted(numbers.length, of)}${left} (${source})`;
  // ("mean ± SEM": the mean with its standard error, n said)
  if (scope.reduce === 'sem') return `${statisticInWords('Mean', column)}${where ? ` ${where}` : ''} = ${withUnit(mean(numbers), unit)} ± ${Number.isFinite(value) ? withUnit(value, unit) : 'undefined (one value)'} SEM (standard error of the mean, SD / √n) over ${rowsCounted(numbers.length, of)}${left} (${source})`;
  const spread = scope.reduce === 'mean' && numbers.length > 1 ? ` ± ${valueText(sd(numbers))} SD` : '';
  // ("how reliable is that?": the mean's standard error and 95% confidence interval, and what they leave out)
  if (scope.uncertainty && (scope.reduce === 'mean' || scope.reduce === 'count')) {
    const repeated = idColumn !== undefined && table.columns.includes('t') && new Set(values.map((x) => x.row[idColumn])).size < values.length;
    return `${statisticInWords(name, column)}${where ? ` ${where}` : ''} = ${withUnit(value, unit)}${spread} over ${rowsCounted(numbers.length, of)}${left}; ${uncertaintyOfMean(numbers, (v) => withUnit(v, unit), repeated ? `the same ${/track|branch/i.test(idColumn ?? '') ? 'cell' : 'object'} is counted in several frames, so the values are not independent and the interval is too narrow` : undefined)} (${source})`;
  }
  // ("did anything divide?": the events counted, and the tracks they happened in, first 10)
  const having = scope.reduce === 'sum' && idColumn && YES_NO_EVENTS.test(plainQuestion(question)) && EVENT_WORDS.test(question) ? values.filter((x) => x.v > 0) : [];
  const inWhich = having.length ? `; in ${having.slice(0, 10).map((x) => `${thingNoun(idColumn!)} ${x.row[idColumn!]}${x.v !== 1 ? ` (${valueText(x.v)})` : ''}`).join(', ')}${having.length > 10 ? ` and ${having.length - 10} more` : ''}` : '';
  const each = scope.listsEach && idColumn && numbers.length > 1 ? `; ${perTrackAnswer(column, values, idColumn, unit, source, table.columns.includes('t')).replace(/ \(from [^)]*\)$/, '')}` : '';
  // ("Mean speed", "Total distance travelled": a statistic its column's words already say is said once)
  return `${statisticInWords(name, column)}${where ? ` ${where}` : ''} = ${withUnit(value, unit)}${spread} over ${rowsCounted(numbers.length, of)}${left}${inWhich}${each} (${source})`;
}

/** A column of how a track moved (distance, displacement, speed, path, straightness): none for a track of one frame. */
const MOTION_COLUMN = /DISTANCE|DISPLACEMENT|SPEED|VELOCITY|TRAVEL|PATH|CONFINEMENT|STRAIGHT|LINEARITY|MSD/i;

/**
 * The rows a statistic left out for want of a value, said after "over 18 tracks": "; 2 of the
 * 20 tracks are left out: they last a single frame, so they have no TRACK_MEAN_SPEED" ('' when none).
 */
function leftOut(rows: Row[], kept: number, column: string, of: string): string {
  const missing = rows.length - kept;
  if (missing <= 0) return '';
  const lost = rows.filter((r) => !(typeof r[column] === 'number' && Number.isFinite(r[column])));
  const why = lost.every((r) => r.NUMBER_SPOTS === 1) ? `${missing === 1 ? 'it lasts' : 'they last'} a single frame, so ${missing === 1 ? 'it has' : 'they have'} no ${columnInWords(column)}` : `no ${columnInWords(column)} value`;
  return `; ${missing} of the ${rows.length} ${of} ${missing === 1 ? 'is' : 'are'} left out: ${why}`;
}

/** A comparison of the rows a clause keeps with the others: "faster than the others", "than the rest", "vs the non-dividing ones", "compared to those that don't". */
export function comparesWithTheRest(question: string): boolean {
  const q = plainQuestion(question);
  return /\bthan\s+(?:the\s+)?(?:others?|rest|remaining|other\s+(?:ones|cells|tracks|nuclei)|ones\s+(?:that|which|who)\b|those\s+(?:that|which|who|without)\b|non-?\w+|cells\s+(?:that|which)\b|tracks\s+(?:that|which)\b|nuclei\s+(?:that|which)\b)|\b(?:vs\.?|versus|compared\s+(?:to|with)|against)\s+(?:the\s+)?(?:others?|rest|non-?\w+|ones|those)\b/i.test(q);
}

/** Two cells or tracks compared, the baseline first: "area_um2: 40 µm² for object 3 vs 52 µm² for object 2 (+30%)" (means over frames for per-object tables). */
function tracksCompared(column: string, values: { row: Row; v: number }[], idColumn: string, [base, other]: [number, number], unit: string | undefined, source: string): string {
  const noun = thingNoun(idColumn);
  const of = (id: number) => values.filter((x) => x.row[idColumn] === id).map((x) => x.v);
  const [a, b] = [of(base), of(other)];
  const missing = [base, other].filter((id, i) => [a, b][i].length === 0);
  if (missing.length) return `There is no ${noun} ${missing.join(' or ')} with ${columnInWords(column)} in the table (${source.replace(/^from /, '')})`;
  const [va, vb] = [mean(a), mean(b)];
  const change = va === 0 ? '' : ` (${vb >= va ? '+' : ''}${valueText(Math.round(((vb - va) / va) * 1000) / 10)}%)`;
  const over = (n: number) => (n > 1 ? ` (mean of ${n} frames)` : '');
  return `${columnInWords(column)}: ${withUnit(va, unit)} for ${noun} ${base}${over(a.length)} vs ${withUnit(vb, unit)} for ${noun} ${other}${over(b.length)}${change}: ${vb > va ? `higher for ${noun} ${other}` : vb < va ? `higher for ${noun} ${base}` : 'the same'} (${source})`;
}

/**
 * The rows in order of the quantity, the first few ("the top 3 fastest cells" → "The 3 tracks with
 * the largest TRACK_MEAN_SPEED: track 4: 0.61 µm/min, track 2: 0.55 µm/min, track 7: 0.52 µm/min, of 9 tracks").
 */
function rankedAnswer(column: string, values: { row: Row; v: number }[], idColumn: string | undefined, scope: QuestionScope, unit: string | undefined, source: string, of: string): string {
  const sorted = [...values].sort((a, b) => (scope.reduce === 'min' ? a.v - b.v : b.v - a.v));
  const n = Math.min(sorted.length, scope.top ?? sorted.length, 15);
  const noun = idColumn ? thingNoun(idColumn) : 'object';
  const name = (x: { row: Row }) => (idColumn ? `${noun} ${x.row[idColumn]}${noun === 'object' && typeof x.row.t === 'number' ? ` (frame ${Number(x.row.t) + 1})` : ''}` : 'a row');
  const list = sorted.slice(0, n).map((x) => `${name(x)}: ${withUnit(x.v, unit)}`);
  const more = Number.isFinite(scope.top ?? Infinity) || sorted.length <= n ? '' : `, ... (${sorted.length - n} more)`;
  // ("the second biggest nucleus": that one row, the ones ranked above it after it)
  if (scope.rank && sorted.length >= scope.rank) {
    const at = sorted[scope.rank - 1];
    return `The ${ordinalText(scope.rank)} ${scope.reduce === 'min' ? 'smallest' : 'largest'} ${columnInWords(column)}: ${name(at)}: ${withUnit(at.v, unit)} (above it: ${sorted.slice(0, scope.rank - 1).map((x) => `${name(x)}: ${withUnit(x.v, unit)}`).join(', ')}), of ${values.length} ${of} (${source})`;
  }
  const head = Number.isFinite(scope.top ?? Infinity) ? `The ${n} ${n === 1 ? noun : `${noun}s`} with the ${scope.reduce === 'min' ? 'smallest' : 'largest'} ${columnInWords(column)}` : `${columnInWords(column)}, ${scope.reduce === 'min' ? 'smallest' : 'largest'} first`;
  return `${head}: ${list.join(', ')}${more}, of ${values.length} ${of} (${source})`;
}

/** "2nd", "3rd", "4th", ... */
export function ordinalText(n: number): string {
  return `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** A question about cells, nuclei or tracks as things that live over the movie ("which cell is the biggest?"), not about one outline ("which object", "in any single frame"). */
function asksAboutCells(question: string): boolean {
  const q = plainQuestion(question);
  return /\b(?:cells?|nucle(?:us|i)|tracks?|trajector(?:y|ies)|one)\b/i.test(q) && !/\b(?:objects?|blobs?|detections?|outlines?|masks?|spots?|(?:any|a|one)\s+(?:single\s+)?(?:frame|time ?point|timepoint)|at any (?:time|point|moment)|ever)\b/i.test(q);
}

/**
 * The cell with the largest or smallest value when the rows are objects per frame linked into tracks: each track's
 * mean over its frames ("Track 4 has the largest mean area_um2 over its frames: 61 µm² (mean of 6 frames), of 9 tracks").
 * Undefined when the rows are no tracks over frames, or the question is about single objects.
 */
function cellExtreme(question: string, column: string, values: { row: Row; v: number }[], idColumn: string, reduce: 'max' | 'min', unit: string | undefined, source: string, place?: (rows: Row[]) => string): string | undefined {
  if (!/track|branch/i.test(idColumn) || !values.some((x) => typeof x.row.t === 'number') || !asksAboutCells(question)) return undefined;
  const framesOf = new Map<Row[string], number>();
  for (const { row } of values) framesOf.set(row[idColumn], (framesOf.get(row[idColumn]) ?? 0) + 1);
  if (framesOf.size === values.length) return undefined;
  const means = meansPerId(values, idColumn);
  const pick = means.reduce((a, b) => ((reduce === 'max' ? b.v > a.v : b.v < a.v) ? b : a));
  const n = framesOf.get(pick.row[idColumn]) ?? 1;
  const where = place ? place(values.filter((x) => x.row[idColumn] === pick.row[idColumn]).map((x) => x.row).sort((a, b) => Number(a.t) - Number(b.t))) : '';
  return `Track ${pick.row[idColumn]} has the ${reduce === 'max' ? 'largest' : 'smallest'} ${statisticInWords('mean', column)} over its frames: ${withUnit(pick.v, unit)} (mean of ${counted(n, 'frame')})${where}, of ${means.length} tracks; each cell is a track, its value the mean over the frames it was followed (${source})`;
}

/** The mean value of each id's rows, one row per id (its id alone: no frame). */
function meansPerId(values: { row: Row; v: number }[], idColumn: string): { row: Row; v: number }[] {
  const byId = new Map<Row[string], number[]>();
  for (const { row, v } of values) if (row[idColumn] !== null && row[idColumn] !== undefined) byId.set(row[idColumn], [...(byId.get(row[idColumn]) ?? []), v]);
  return [...byId.entries()].map(([id, vs]) => ({ row: { [idColumn]: id }, v: mean(vs) }));
}

/** One value per track or cell ("the speed of each track"): a short list, means over frames for per-object tables. */
function perTrackAnswer(column: string, values: { row: Row; v: number }[], idColumn: string, unit: string | undefined, source: string, perFrame: boolean): string {
  const byId = new Map<unknown, number[]>();
  for (const { row, v } of values) if (row[idColumn] !== null && row[idColumn] !== undefined) byId.set(row[idColumn], [...(byId.get(row[idColumn]) ?? []), v]);
  const noun = thingNoun(idColumn);
  const list = [...byId.entries()].sort((a, b) => Number(a[0]) - Number(b[0])).map(([id, vs]) => `${noun} ${id}: ${unit ? withUnit(mean(vs), unit).replace(' (no calibration known)', '') : valueText(mean(vs))}`);
  const shown = list.length > 15 ? [...list.slice(0, 15), `... (${list.length - 15} more)`] : list;
  // (a mean over frames only where some id has rows in several: one frame asked has one value each)
  const overFrames = perFrame && [...byId.values()].some((vs) => vs.length > 1);
  return `${columnInWords(column)}${overFrames ? ' (mean over frames)' : ''} per ${noun}${unit ? ` (${withUnit(1, unit).replace(/^1 /, '')})` : ''}: ${shown.join(', ')} (${source})`;
}

/** "which frame has the most cells?", "when does the intensity peak?": a value per frame (objects counted, or the mean of the column) and the frame with its extreme. */
function frameExtremeAnswer(scope: QuestionScope, chosen: Candidate | undefined, units: { lengthUnit?: string; timeUnit?: string }): string | undefined {
  if (!chosen || !chosen.table.columns.includes('t')) return undefined;
  const { table, artifact } = chosen;
  const column = scope.reduce === 'count' || !chosen.column ? undefined : chosen.column;
  const frames = framesOf(table.rows);
  if (frames.length === 0) return undefined;
  // ("the largest total area", "the highest median intensity": that statistic of each frame; else its mean)
  const per = scope.reduce === 'sum' ? 'total' : scope.reduce === 'median' ? 'median' : 'mean';
  const perFrame = frames.map((t) => {
    const rows = table.rows.filter((r) => r.t === t);
    const values = column ? numeric(rows, column) : [];
    return { t, v: column ? (per === 'total' ? values.reduce((a, b) => a + b, 0) : per === 'median' ? median(values) : mean(values)) : rows.length };
  });
  const lowest = (scope.extreme ?? scope.reduce) === 'min';
  const pick = perFrame.reduce((a, b) => ((lowest ? b.v < a.v : b.v > a.v) ? b : a));
  const unit = column ? unitOfColumn(column, units.lengthUnit, units.timeUnit) : undefined;
  // (a table with one row per frame, a drift table: the frame's own value, no statistic of it)
  const onePerFrame = frames.every((t) => table.rows.filter((r) => r.t === t).length === 1);
  const what = column ? `${lowest ? 'lowest' : 'highest'} ${onePerFrame ? columnInWords(column) : statisticInWords(per, column)}` : `${lowest ? 'fewest' : 'most'} objects`;
  const range = `${valueText(Math.min(...perFrame.map((p) => p.v)))} to ${valueText(Math.max(...perFrame.map((p) => p.v)))}`;
  // the frames ranked, the first few when a number was asked ("the 3 busiest frames")
  if (scope.top !== undefined) {
    const ranked = [...perFrame].sort((a, b) => (lowest ? a.v - b.v : b.v - a.v)).slice(0, Number.isFinite(scope.top) ? scope.top : perFrame.length);
    const shown = ranked.slice(0, 12).map((p) => `frame ${p.t + 1}: ${column ? withUnit(p.v, unit) : valueText(p.v)}`).join(', ');
    return `Frames by ${what.replace(/^(?:highest|lowest|most|fewest) /, '')}, ${lowest ? 'lowest' : 'highest'} first: ${shown}${ranked.length > 12 ? ', ...' : ''} (of ${frames.length} frames; from ${artifact.id})`;
  }
  // (a row of a table of steps sits at the frame the step leaves: said, so that "frame 5" is not read as the step into it)
  const leaving = rowsAre(table) === 'steps' ? ` (the steps from it to frame ${pick.t + 2})` : '';
  // (frames tied at the extreme, as counts often are, are named: the first alone would hide them)
  const tied = perFrame.filter((p) => p.v === pick.v && p.t !== pick.t).map((p) => p.t + 1);
  const ties = tied.length ? `; ${framesInRuns(tied)} ${tied.length === 1 ? 'has' : 'have'} the same` : '';
  return `Frame ${pick.t + 1}${leaving} has the ${what}: ${column ? withUnit(pick.v, unit) : valueText(pick.v)} (per frame ${range} over ${counted(frames.length, 'frame')}; from ${artifact.id})${ties}`;
}

/** The same measurement in two or more channels side by side ("compare ch1 and ch2"): means over the same objects, and their ratio. */
function channelsAnswer(table: Table, column: string, rows: Row[], channels: number[], unit: string | undefined, source: string, asked?: [number, number]): string {
  const present = channels.map((c) => ({ c, name: column.replace(/_c\d+$/i, `_c${c}`) })).filter((x) => table.columns.includes(x.name));
  const missing = channels.filter((c) => !present.some((p) => p.c === c));
  const means = present.map((p) => ({ ...p, v: mean(numeric(rows, p.name)), n: numeric(rows, p.name).length }));
  const parts = means.map((m) => `channel ${m.c} ${columnInWords(m.name).replace(/\s*\(channel \d+\)$/, '')} = ${withUnit(m.v, unit)}`);
  // (a ratio asked in an order, "channel 2 to channel 1", is that one: the first named over the second)
  const [top, bottom] = asked && means.some((m) => m.c === asked[0]) && means.some((m) => m.c === asked[1]) ? [means.find((m) => m.c === asked[0])!, means.find((m) => m.c === asked[1])!] : [means[1], means[0]];
  const ratio = (means.length === 2 || (asked && top !== means[1])) && top && bottom && bottom.v !== 0 ? `; ratio channel ${top.c} / channel ${bottom.c} = ${valueText(top.v / bottom.v)}` : '';
  const absent = missing.length ? `; the table has no channel ${missing.join(', ')} (measure with that channel's movie to add it)` : '';
  return `Mean per object: ${parts.join(' vs ')}${ratio} over ${counted(means[0]?.n ?? 0, 'object')}${absent} (${source})`;
}

/** One value per frame, as a short list and its first and last. */
function seriesAnswer(column: string, rows: Row[], unit: string | undefined, id: string, reduceFrame: (rows: Row[]) => number, what: string): string {
  const frames = framesOf(rows);
  const perFrame = frames.map((t) => ({ t, v: reduceFrame(rows.filter((r) => r.t === t)) }));
  const shown = perFrame.length > 12 ? [...perFrame.slice(0, 6), undefined, ...perFrame.slice(-5)] : perFrame;
  const list = shown.map((p) => (p ? `frame ${p.t + 1}: ${valueText(p.v)}` : '...')).join(', ');
  const first = perFrame[0];
  const last = perFrame.at(-1)!;
  const trend = last.v > first.v ? 'up' : last.v < first.v ? 'down' : 'unchanged';
  // (a long movie's list leaves frames out: where the value is lowest and highest is said, so no end hides in the gap)
  const ends = perFrame.length > 12 ? `; lowest ${extremeFrames(perFrame, Math.min)}, highest ${extremeFrames(perFrame, Math.max)}` : '';
  return `${what} per frame${unit ? ` (${unit}${/px|frame/.test(unit) && !/µm/.test(unit) ? ', no calibration known' : ''})` : ''}: ${list}; ${trend} from ${valueText(first.v)} in frame ${first.t + 1} to ${valueText(last.v)} in frame ${last.t + 1}${ends} (from ${id}${column ? '' : ''})`;
}

/** The lowest (or highest) value of a series and the frames it is in, "9 in frames 1-4" or "18 in frame 48". */
function extremeFrames(perFrame: { t: number; v: number }[], pick: (...v: number[]) => number): string {
  const value = pick(...perFrame.map((p) => p.v));
  const at = perFrame.filter((p) => p.v === value).map((p) => p.t + 1);
  const run = at.length > 1 && at.at(-1)! - at[0] === at.length - 1;
  const frames = at.length === 1 ? `frame ${at[0]}` : run ? `frames ${at[0]}-${at.at(-1)}` : at.length <= 4 ? `frames ${at.join(', ')}` : `${at.length} frames, first frame ${at[0]}`;
  return `${valueText(value)} in ${frames}`;
}

/** Each track's value in its own first and last frame, the change and its %, and the mean change over the tracks. */
function eachOnesEndsAnswer(column: string, values: { row: Row; v: number }[], idColumn: string, unit: string | undefined, source: string): string {
  const { ends, oneFrameOnly } = endsOfEach(values, idColumn);
  const plain = (v: number) => (unit ? withUnit(v, unit).replace(' (no calibration known)', '') : valueText(v));
  const noun = thingNoun(idColumn);
  if (ends.length === 0) return `No ${noun} has ${columnInWords(column)} values in two frames or more, so none has a start and an end to compare (${source})`;
  const signed = (p: number | undefined) => (p === undefined ? '' : `, ${p >= 0 ? '+' : ''}${valueText(p)}%`);
  const list = ends.map((e) => `${noun} ${e.id}: ${plain(e.first.v)} (frame ${e.first.t + 1}) → ${plain(e.last.v)} (frame ${e.last.t + 1})${signed(percentChange(e))}`);
  const shown = list.length > 12 ? [...list.slice(0, 12), `... (${list.length - 12} more)`] : list;
  const changes = ends.map((e) => e.last.v - e.first.v);
  const meanChange = changes.reduce((a, b) => a + b, 0) / changes.length;
  const up = changes.filter((c) => c > 0).length;
  const down = changes.filter((c) => c < 0).length;
  const short = oneFrameOnly ? `; ${counted(oneFrameOnly, noun)} seen in one frame only left out` : '';
  const name = columnInWords(column);
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} of each ${noun}, its first frame → its last: ${shown.join('; ')}. Mean change ${meanChange >= 0 ? '+' : ''}${plain(meanChange)} over ${counted(ends.length, noun)} (${up} up, ${down} down${short}; ${source})`;
}

/** Two parts of the movie compared: the frames split in halves, or the first and last frame. */
function compareAnswer(table: Table, column: string | undefined, rows: Row[], scope: QuestionScope, unit: string | undefined, id: string, factor = 1): string {
  const frames = framesOf(rows);
  if (frames.length < 2) return `The table has only one frame (${id}); there is nothing to compare over time.`;
  const half = Math.ceil(frames.length / 2);
  // two frames named: each must be in the table
  if (scope.compare === 'frames' && scope.compareFrames) {
    const missing = scope.compareFrames.filter((f) => !frames.includes(f - 1));
    if (missing.length) return `There is no frame ${missing.join(' or ')} in the table (${id}: frames ${frames[0] + 1}-${frames.at(-1)! + 1}).`;
  }
  // a table of steps between frames (a row at its source frame) reaches one frame further: the halves are the movie's,
  // each with the steps inside it (the step across the middle is in neither)
  const steps = table.columns.includes('frames') && table.columns.includes('source_spot') ? 1 : 0;
  const movieHalf = Math.ceil((frames.length + steps) / 2);
  const halves: [number[], number[]] = steps ? [frames.filter((t) => t + 1 < frames[0] + movieHalf), frames.filter((t) => t >= frames[0] + movieHalf)] : [frames.slice(0, half), frames.slice(half)];
  // ("the first 3 frames vs the last 3": each stretch's frames of the table, the last counted back from its last frame)
  const stretch = (said: FrameStretch) => frames.filter((t) => ('first' in said ? t < frames[0] + said.first : 'last' in said ? t > frames.at(-1)! - said.last : t >= said.from - 1 && t <= said.to - 1));
  const stretches = scope.compareRanges ? [stretch(scope.compareRanges[0]), stretch(scope.compareRanges[1])] : undefined;
  if (stretches?.some((ts) => ts.length === 0)) return `The table (${id}: frames ${frames[0] + 1}-${frames.at(-1)! + 1}) has no frames in one of the stretches compared.`;
  const [earlyFrames, lateFrames] = stretches ? stretches : scope.compare === 'halves' && halves[0].length && halves[1].length ? halves : scope.compare === 'halves' ? [frames.slice(0, half), frames.slice(half)] : scope.compare === 'frames' && scope.compareFrames ? [[scope.compareFrames[0] - 1], [scope.compareFrames[1] - 1]] : [[frames[0]], [frames.at(-1)!]];
  const part = (ts: number[]) => rows.filter((r) => ts.includes(r.t as number));
  const value = (group: Row[], ts: number[]) => (column ? mean(numeric(group, column)) * factor : group.length / ts.length);
  const early = value(part(earlyFrames), earlyFrames);
  const late = value(part(lateFrames), lateFrames);
  const frameLabel = (ts: number[]) => (ts.length === 1 ? `frame ${ts[0] + 1}` : `frames ${ts[0] + 1}-${ts.at(-1)! + 1 + steps}`);
  // ("is the area bigger in the second half?": the halves by their names, as asked, with their frames)
  const halfOf = (ts: number[]) => (ts === earlyFrames ? 'the first half' : 'the second half');
  // (only a table from the movie's first frame on is split in the movie's halves; one of later frames keeps their numbers)
  const movieHalves = scope.compare === 'halves' && frames[0] === 0;
  const label = (ts: number[]) => (movieHalves ? `${halfOf(ts)} (${frameLabel(ts)})` : frameLabel(ts));
  const what = column ? statisticInWords('mean', column) : 'objects per frame';
  const change = early === 0 ? '' : ` (${late >= early ? '+' : ''}${valueText(Math.round(((late - early) / early) * 1000) / 10)}%)`;
  const [a, b] = [label(earlyFrames), label(lateFrames)];
  const verdict = scope.compare === 'frames' ? (late > early ? `higher in ${b}` : late < early ? `higher in ${a}` : 'the same') : movieHalves ? (late > early ? 'higher in the second half' : late < early ? 'higher in the first half' : 'the same') : late > early ? 'higher later' : late < early ? 'higher earlier' : 'the same';
  // ("is that significant?": Welch's two-sided t-test of the values of the two parts, each object or step one value;
  // a count, each frame's count one value)
  const valuesOf = (ts: number[]) => (column ? numeric(part(ts), column).map((v) => v * factor) : ts.map((t) => part([t]).length));
  const test = scope.significance ? welchTest(valuesOf(earlyFrames), valuesOf(lateFrames)) : undefined;
  const tested = !scope.significance ? 'means, no statistical test'
    : test ? `means; Welch's two-sided t-test of the ${column ? 'values' : 'counts per frame'} (n = ${test.n[0]} and ${test.n[1]}): t = ${valueText(Math.round(test.t * 100) / 100)}, p = ${test.p < 0.001 ? '< 0.001' : valueText(Math.round(test.p * 1000) / 1000)}, ${test.p < 0.05 ? 'significant at the 5% level' : 'not significant at the 5% level'}${column ? '; values of one cell in several frames are not independent, so p is optimistic' : ''}`
    : `means; no test: each part needs at least 2 ${column ? 'values' : 'frames'} that vary`;
  return `${what}: ${withUnit(early, unit)} in ${label(earlyFrames)} vs ${withUnit(late, unit)} in ${label(lateFrames)}${change}: ${verdict} (from ${id}; ${tested})`;
}

/** Welch's two-sided t-test of two samples; undefined when either has under 2 values or neither varies. */
export function welchTest(a: number[], b: number[]): { t: number; df: number; p: number; n: [number, number] } | undefined {
  if (a.length < 2 || b.length < 2) return undefined;
  const stats = (x: number[]) => {
    const m = x.reduce((s, v) => s + v, 0) / x.length;
    return { m, v: x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1), n: x.length };
  };
  const [x, y] = [stats(a), stats(b)];
  const se2 = x.v / x.n + y.v / y.n;
  if (!(se2 > 0)) return undefined;
  const t = (y.m - x.m) / Math.sqrt(se2);
  const df = se2 ** 2 / ((x.v / x.n) ** 2 / (x.n - 1) + (y.v / y.n) ** 2 / (y.n - 1));
  return { t, df, p: incompleteBeta(df / (df + t * t), df / 2, 0.5), n: [x.n, y.n] };
}

/** What a row of a table with this id column stands for: a track (a cell followed over time) or an object in one frame. */
function thingNoun(idColumn: string): 'track' | 'object' {
  return /track|branch/i.test(idColumn) ? 'track' : 'object';
}

/**
 * How sure a mean of values is: "standard error 2.1 µm², 95% confidence interval 10.3 to 18.9 µm² (Student's t, 11
 * degrees of freedom); this is the spread of the values measured only: errors of the steps that made them are not in it".
 */
export function uncertaintyOfMean(numbers: number[], said: (v: number) => string, dependence?: string): string {
  if (numbers.length < 2) return 'one value only, so no standard error or confidence interval can be given';
  const m = numbers.reduce((a, b) => a + b, 0) / numbers.length;
  const se = sd(numbers) / Math.sqrt(numbers.length);
  const half = tQuantile975(numbers.length - 1) * se;
  const round = (v: number) => Number(v.toPrecision(4));
  return `standard error ${said(round(se))}, 95% confidence interval ${said(round(m - half))} to ${said(round(m + half))} (Student's t, ${numbers.length - 1} degrees of freedom)${dependence ? `; ${dependence}` : ''}; this is the spread of the values measured only: errors of the steps that made them (objects missed or split) are not in it`;
}

/** The question is about one frame (a number, the first or last, or the frame at a time). */
function oneFrame(scope: QuestionScope): boolean {
  return scope.frame !== undefined || scope.atTimeS !== undefined;
}

/** "how many cells in frame 5 / in each frame / at the end vs the start", "how many tracks": counted rows or ids. */
function countAnswer(question: string, scope: QuestionScope, candidates: Candidate[], tables: { artifact: KnownArtifact; table: Table }[]): string | undefined {
  // ("how many distinct / different / individual cells": each followed over time, a track)
  const aboutTracks = (/\btracks?\b|\btrajector/i.test(question) || DISTINCT_THINGS.test(question)) && !/\bframe\b/i.test(question);
  const pool = candidates.length ? candidates : tables.map((t) => ({ ...t, score: 0 }));
  const chosen = aboutTracks ? pool.find((c) => idColumnOf(c.table, true)?.match(/track/i)) : pool.find((c) => c.table.columns.includes('t') && c.table.columns.includes('label'));
  if (!chosen) return undefined;
  const { table, artifact } = chosen;
  if (!aboutTracks && (scope.perFrame || scope.compare) && !oneFrame(scope)) {
    if (scope.compare) return compareAnswer(table, undefined, table.rows, scope, undefined, artifact.id);
    // ("for frames 2 to 4, frame by frame": the frames asked, said so)
    const framed = scope.frames ? scopedRows(table, { ...scope, track: undefined, subset: undefined, atTimeS: undefined }) : { rows: table.rows, where: '' };
    if (typeof framed === 'string') return framed;
    return seriesAnswer('', framed.rows, undefined, artifact.id, (group) => group.length, framed.where ? `Objects ${framed.where}` : 'Objects');
  }
  const scoped = scopedRows(table, scope);
  if (typeof scoped === 'string') return scoped;
  const idColumn = aboutTracks ? idColumnOf(table, true)! : 'label';
  const n = new Set(scoped.rows.map((r) => (!oneFrame(scope) && !aboutTracks && table.columns.includes('t') ? `${r.t}:${r[idColumn]}` : r[idColumn]))).size;
  if (!aboutTracks && !oneFrame(scope) && table.columns.includes('t')) {
    const frameList = framesOf(scoped.rows);
    const frames = frameList.length;
    const cells = idColumnOf(table, true) === 'track_id' ? `, ${new Set(scoped.rows.map((r) => r.track_id)).size} tracked cells` : '';
    // (the frames counted are named when the table holds only some: "over 4 frames (frames 1-4)")
    const which = !scoped.where && frames > 1 && (frameList[0] > 0 || (scope.movieFrames !== undefined && frames < scope.movieFrames)) ? ` (${framesInRuns(frameList.map((t) => t + 1))})` : '';
    return `${counted(n, 'object')} over ${counted(frames, 'frame')}${which} (${valueText(n / Math.max(1, frames))} per frame on average${cells})${scoped.where ? ` ${scoped.where}` : ''} (from ${artifact.id})`;
  }
  return `${counted(n, aboutTracks ? 'track' : 'object')}${scoped.where ? ` ${scoped.where}` : ''} (from ${artifact.id})`;
}

/**
 * The table a step that draws or reads one feature should take ("plot their speed over time"
 * after measuring objects and then tracking: the objects' table has no speed): the chosen one
 * when a column of it names the feature, else the newest table on disk that has one; null
 * when no table read has it (the step takes its other inputs, the tracks); undefined when the
 * chosen table cannot be read (a stand-in), so the choice stays.
 */
export function tableWithFeature(feature: string, chosen: string, artifacts: KnownArtifact[]): string | null | undefined {
  const scope: QuestionScope = { ...readQuestion(`the ${feature}`), quantity: wordKeys(feature.replace(/_/g, ' ')) };
  const readable = [...artifacts]
    .filter((a) => a.type === 'table' && a.path && /\.csv$/i.test(a.path) && !isTruth(a) && existsSync(a.path))
    .reverse()
    .flatMap((artifact) => { try { return [{ artifact, table: readCached(artifact.path!) }]; } catch { return []; } });
  const chosenTable = readable.find((t) => t.artifact.id === chosen);
  if (!chosenTable) return undefined;
  const names = (t: { table: Table }) => t.table.columns.includes(feature) || bestColumn(t.table, scope, false) !== undefined;
  if (names(chosenTable)) return chosen;
  return readable.find(names)?.artifact.id ?? null;
}

/** Words that lead a quantity's name: a determiner or a statistic ("the", "their", "mean", "max"). */
const QUANTITY_LEAD = /^(?:the|their|its|his|her|my|our|a|an|mean|average|avg|median|typical|total|max(?:imum)?|min(?:imum)?)$/i;
/**
 * Two quantities joined in one question ("tell me its volume and speed", "what is their mean area
 * and speed in frame 3?", "the mean area and the max speed"): the question asked of each, with the
 * words around them (what is asked, the scope) kept for both and a statistic said once shared;
 * undefined when the words joined are not two different quantities ("cells and nuclei", "frames 2 and 5").
 */
function quantitiesJoined(text: string): string[] | undefined {
  // words and what lies between them, alternating: a name's words are separated by spaces only
  const tokens = text.match(/[\p{L}\d²'’-]+|[^\p{L}\d²'’-]+/gu) ?? [];
  const isWord = (i: number) => i >= 0 && i < tokens.length && /^[\p{L}\d²'’-]/u.test(tokens[i]);
  // (a request that asks after its steps: only the quantities of what it asks, never of its steps, "measure area and intensity and tell me ...")
  const askedFrom = askedPart(text)?.from ?? 0;
  const spaced = (i: number) => i >= 0 && i < tokens.length && /^\s+$/.test(tokens[i]);
  for (let j = 0; j < tokens.length; j++) {
    if (!(isWord(j) && /^(?:and|plus)$/i.test(tokens[j])) && !(!isWord(j) && /^\s*&\s*$/.test(tokens[j]))) continue;
    if (tokens.slice(0, j).join('').length < askedFrom) continue;
    // ("area and speed": the word between spaces; "area & speed": the sign with its spaces)
    const step = isWord(j) ? 2 : 1;
    if (step === 2 && (!spaced(j - 1) || !spaced(j + 1))) continue;
    // the name before the join, back to the words that lead it (a determiner, a statistic)
    let leftStart = j - step;
    if (!isWord(leftStart) || !isNameWord(tokens[leftStart])) continue;
    while (leftStart - 2 >= 0 && j - leftStart < 6 && spaced(leftStart - 1) && isNameWord(tokens[leftStart - 2])) leftStart -= 2;
    let leadStart = leftStart;
    while (leadStart - 2 >= 0 && spaced(leadStart - 1) && QUANTITY_LEAD.test(tokens[leadStart - 2])) leadStart -= 2;
    // the name after it, its own lead first when it has one
    let rightStart = j + step;
    const rightLeadStart = rightStart;
    while (isWord(rightStart) && QUANTITY_LEAD.test(tokens[rightStart]) && spaced(rightStart + 1)) rightStart += 2;
    if (!isWord(rightStart) || !isNameWord(tokens[rightStart])) continue;
    let rightEnd = rightStart;
    while (rightEnd - rightStart < 4 && spaced(rightEnd + 1) && isWord(rightEnd + 2) && isNameWord(tokens[rightEnd + 2])) rightEnd += 2;
    const left = tokens.slice(leftStart, j - step + 1).join('');
    const right = tokens.slice(rightStart, rightEnd + 1).join('');
    const [quantityLeft, quantityRight] = [left, right].map((q) => [...quantityOf(q)].sort().join(' '));
    if (!quantityLeft || !quantityRight || quantityLeft === quantityRight) continue;
    // (both names of what the tools measure; "... and plot it", "6 px apart and track": a step after, no second quantity)
    if (!namesMeasuredQuantity(left) || !namesMeasuredQuantity(right) || /^\s+(?:it|them|that|those|these|this)\b/i.test(tokens.slice(rightEnd + 1).join(''))) continue;
    // ("show me a UMAP and a t-SNE": names of methods, each a step to run, no quantities to quote)
    if (isKnownMethodName(left) || isKnownMethodName(right)) continue;
    const head = tokens.slice(0, leadStart).join('');
    const leftLead = tokens.slice(leadStart, leftStart).join('');
    const rightLead = tokens.slice(rightLeadStart, rightStart).join('');
    const rest = tokens.slice(rightEnd + 1).join('');
    const tidy = (t: string) => t.replace(/\s+/g, ' ').trim();
    return [tidy(`${head}${leftLead}${left}${rest}`), tidy(`${head}${rightLead || leftLead}${right}${rest}`)];
  }
  return undefined;
}

/** One of the things named: "tracks" → "track", "nuclei" → "nucleus", "trajectories" → "trajectory". */
function singularOf(things: string): string {
  return things.toLowerCase().replace(/^nuclei$/, 'nucleus').replace(/ies$/, 'y').replace(/(?<!u)s$/, '');
}

/** A word that can be part of a quantity's name ("nuclear", "area", "speed"), not a scope, a statistic or a question word. */
function isNameWord(word: string): boolean {
  if (!/^[\p{L}²-]{3,}$/u.test(word) || QUANTITY_LEAD.test(word)) return false;
  return !isNotQuantityWord(word) || /^(?:nuclear|cell|track|object|nucleus)$/i.test(word);
}

/** A question that counts the things ("how many", "the number of"), whatever statistic it asks of the count. */
const COUNT_ASKED = /\bhow\s+many\b|\b(?:number|count)\s+of\b/i;

/**
 * The mean of a count over the frames, one number: "how many cells are there on average per frame?", "the average
 * number of nuclei per frame". Not the count's course ("how does the mean number per frame change?") and not a mean of
 * a measured quantity in each frame ("the mean area per frame" is a series).
 */
export function asksTheMeanCount(question: string): boolean {
  const scope = readQuestion(question);
  return COUNT_ASKED.test(question) && scope.reduce === 'mean' && scope.quantity.size === 0 && !TREND.test(question) && scope.frame === undefined && scope.frames === undefined && scope.compare === undefined;
}

/** The "and" that joins a second question to the first ("..., and how big are they?", "... and also what ..."): one joiner for every reader of two questions (normalise.ts withQuestionsApart too). */
export const SECOND_QUESTION_JOINER = String.raw`\s*,?\s+and\s+(?:also\s+|then\s+|maybe\s+)?`;
/** Where a question's second part starts: "..., and how big are they?", "... and what is ...", "... and the mean area". */
const SECOND_PART = new RegExp(String.raw`${SECOND_QUESTION_JOINER}(?=(?:how|what|which|where|when|whether|is|are|do|does|did)\b|(?:the|their|its)\s+(?:(?:overall|global|grand|pooled|whole|total)\s+)?(?:mean|average|median|typical|total|number|max(?:imum)?|min(?:imum)?)\b)`, 'i');

/** A statistic said with no quantity of its own ("the overall mean too", "the median?"): the word it ends on. */
const STATISTIC_ALONE = /\b(?:mean|average|avg|median|typical\s+value|sd|standard\s+deviation|spread|range|total|sum|max(?:imum)?|min(?:imum)?)\b(?![\s\S]*\b(?:mean|average|avg|median|typical|sd|deviation|spread|range|total|sum|max(?:imum)?|min(?:imum)?)\b)/i;

/**
 * A second part that names only a statistic takes the first part's quantity: "mean speed per track, and the overall
 * mean too" → "the overall mean speed too"; "what's the mean area, and the median?" → "the median area?". The
 * quantity's own words, in the order the first part said them, follow the statistic's word.
 */
function withQuantityOfFirst(second: string, first: string): string {
  if (readQuestion(second).quantity.size > 0 || COUNT_ASKED.test(second)) return second;
  const phrase = quantityPhraseOf(first);
  const m = STATISTIC_ALONE.exec(second);
  if (!phrase || !m) return second;
  const at = m.index + m[0].length;
  return `${second.slice(0, at)} ${phrase}${second.slice(at)}`;
}

/** A part of a question that asks of the data on its own: an asked form for a value, a quantity, an amount or a count. */
function asksAsAPart(part: string): boolean {
  return isAskedForm(part) && (asksTheData(part) || asksAMeasuredQuantity(part) || asksHowMuch(part) || readQuestion(part).reduce === 'count');
}

/**
 * Questions said as sentences of their own, each ending in "?" ("track the cells. what is their mean speed? how many
 * divide?"): each a part, when each asks of the data and no two ask the same quantity (the words before the first
 * question, steps asked, are no part); undefined otherwise.
 */
function questionSentencesOf(text: string): string[] | undefined {
  const pieces = text.split(/(?<=\?)\s+/).map((p) => p.trim()).filter(Boolean);
  // ("how many are there? and how long is the longest one?": a part joined by "and" is read with the part before it, below)
  if (pieces.length < 2 || !pieces.every((p) => /\?$/.test(p)) || pieces.slice(1).some((p) => /^(?:and|also|plus|or|but|then|so)\b/i.test(p))) return undefined;
  const parts = pieces.map((p) => p.split(/(?<=[.!;:])\s+/).at(-1)!.trim());
  if (!parts.every(asksAsAPart)) return undefined;
  const quantities = parts.map((p) => [...readQuestion(p).quantity].sort().join(' ') || (readQuestion(p).reduce === 'count' ? 'count' : ''));
  return new Set(quantities).size === parts.length ? parts : undefined;
}

/**
 * A question in two parts about two quantities ("how fast do they move on average and how big
 * are they?", "what is the mean speed and the mean area?", "my PI wants two numbers: how fast
 * ... and how big they are."): each part as a question of its own, to plan and answer apart;
 * undefined for one question, or two parts about one quantity ("how many at the start and how
 * many at the end?" is one comparison).
 */
export function questionPartsOf(text: string): string[] | undefined {
  // ("the fastest cell: how long is its track?": the thing named first is picked, the question after is about it)
  const topic = /^\s*(?:(?:and|so|now)[\s,]+)?(the\s+(?:\w+est|most\s+\w+|least\s+\w+))\s+(cell|track|nucleus|object|trajectory)\s*[:,;–-]\s*(.+)$/i.exec(text);
  if (topic && /\b(?:its|it|that one|this one)\b/i.test(topic[3]) && (isAskedForm(topic[3]) || /\?\s*$/.test(topic[3]))) return [`which ${topic[2]} is ${topic[1]}?`, topic[3]];
  const sentences = questionSentencesOf(text);
  if (sentences) return sentences;
  const m = SECOND_PART.exec(text);
  if (!m) {
    // ("register the drift in x, y and z" joins no quantities asked: each part must ask for an answer)
    const joined = quantitiesJoined(text);
    return joined?.every((p) => isAskedForm(p) || asksForAnAnswer(p) || asksTheData(p)) ? joined : undefined;
  }
  // (the sentence, or the part after a colon, that the first part is in; the second up to its own sentence's end)
  const first = text.slice(0, m.index).split(/(?<=[.!?;:])\s+/).at(-1)!.trim();
  const said = text.slice(m.index + m[0].length).split(/(?<=[.!?;])\s+/)[0].trim();
  // ("... and how big are they?": the things the first part named)
  const things = /\b(?:the\s+|my\s+)?(?:cells?|nucle(?:us|i)|tracks?|objects?|trajector(?:y|ies))\b/i.exec(first)?.[0];
  // ("... and how long is the longest one?": one of those things)
  const one = things ? singularOf(things.replace(/^(?:the|my)\s+/i, '')) : undefined;
  const second = things ? said.replace(/\b(?:they|them)\b/i, things).replace(/\btheir\b/i, 'the').replace(/\b((?:the|which)\s+(?:\w+est|most\s+\w+|least\s+\w+))\s+one\b/i, `$1 ${one}`) : said;
  // ("the mean area and the max speed in frame 3?": the scope said at the end is of both parts)
  const trailing = new RegExp(`(?:${SCOPE_PHRASE.source})[\\s?.!]*$`, 'i').exec(second)?.[0];
  // ("..., and the overall mean too": a statistic alone takes the first part's quantity, and is asked as the first part was)
  const carried = withQuantityOfFirst(second, first);
  const asked = carried !== second && !isAskedForm(carried) && isAskedForm(first) ? `what is ${carried}` : carried;
  const parts = [trailing && !SCOPE_PHRASE.test(first) ? `${first.replace(/[\s?.!]+$/, '')} ${trailing.trim()}` : first, asked];
  // ("in which frame did they divide, and how sure are you about that?": how sure is of the first part's answer, no part of its own)
  if (CERTAINTY_ASKED.test(second) && !CERTAINTY_ASKED.test(first) && /^\s*(?:how\s+(?:sure|confident|certain|reliable)|(?:are|were)\s+you\s+(?:sure|confident|certain))\b/i.test(second)) return undefined;
  // ("which is the slowest cell and where is it?": where the thing the first part picks is, a part of its own; objectPosition.ts)
  const placing = (p: string, i: number) => i > 0 && asksPosition(p) && /\b(?:it|its|that one|this one|they|them)\b/i.test(p);
  if (!parts.every((p, i) => placing(p, i) || asksAsAPart(p))) return undefined;
  if (placing(parts[1], 1)) return parts;
  // (a part with no quantity is a count of the things: "what's the mean area and how many nuclei are there?")
  const quantities = parts.map((p) => [...readQuestion(p).quantity].sort().join(' '));
  // ("how many per frame on average, ...": a count of the things, averaged over the frames)
  const each = parts.every((p, i) => quantities[i] !== '' || readQuestion(p).reduce === 'count' || COUNT_ASKED.test(p));
  // ("how many per frame on average, and how does that change over the movie?": one quantity asked twice, its value
  // and its course over time, is two questions; "how many at the start and how many at the end?" is one comparison)
  const course = parts.map((p) => TREND.test(p) && readQuestion(p).compare === undefined && readQuestion(p).frame === undefined);
  // ("mean speed per track, and the overall mean too": one quantity, each track's value and the value over all of them)
  const each2 = parts.map((p) => readQuestion(p).listsEach === true);
  // ("what's the mean area, and the median?": a statistic asked of the same quantity, two values)
  return (quantities[0] !== quantities[1] || course[0] !== course[1] || each2[0] !== each2[1] || carried !== second) && each ? parts : undefined;
}

/**
 * A tool whose main result is a table (its declared `produces` begins with one: measure, a time series), not a
 * correction whose table comes beside its movie (correct_drift's drift table): only the first measures what a
 * question after the steps asks ("which one covered the most ground?").
 */
export function makesATableFirst(tool: string, catalogue?: Catalogue): boolean {
  return (selfOf(tool, catalogue)?.produces ?? [])[0] === 'table';
}
