// Answers: questions about results from the values of earlier steps, the final answer
// of a request, and what to say when nothing can be mapped.
import { askedFrameNumber } from './askedFrame.ts';
import { unwrittenFileLine } from './fileKinds.ts';
import { existsSync } from 'node:fs';
import { HOW_DO_I, withoutFrameScope } from './clauses.ts';
import { severalFoundNote } from './oneOfSeveral.ts';
import { unitWhetherAnswer } from './unitAskedWhether.ts';
import { askedLengthUnit, inLengthUnit, type LengthUnit } from './askedLength.ts';
import { askedDimension, askedSpeedTimeUnit, asksPhysicalUnits, statedFrameIntervalS, unitsNotUsedNote, withoutToldCalibration } from './askedUnits.ts';
import { type Catalogue, selfOf } from './catalogue.ts';
import { REGION } from './regionScope.ts';
import type { Conversation, PastResult } from './conversation.ts';
import { FRACTION_SCOPE, findArtifactIds, findChannel, findFrames, findPaths } from './extract.ts';
import { CHANNEL_NAMES } from './lexicon.ts';
import { findQuantities, LAST_ADJECTIVE, valueText as numberValueText } from './quantities.ts';
import type { Plan } from './types.ts';
import { withPickedThingNamed } from './pickedReference.ts';
import { countOverTheMovieText, countsOverTheMovie } from './frameSummary.ts';
import { answerFromTable, ordinalText, tablesOf, uncertaintyOfMean, asksTheMeanCount, isAskedForm, knownPixelSizeUm, MSD_ASKED, NO_VALUE_AT_FRAMES, askedPart, countsThings, questionPartsOf, DISTINCT_THINGS, namesQuantity, plainQuestion, readQuestion, withoutUnits, type QuestionScope, framesSaid } from './tableAnswers.ts';
import { ALL_TOOLS, findTool } from '../allTools.ts';
import { indexFor } from './toolIndex.ts';
import { tokenize } from './words.ts';
import { comparedDeclaredResult, declaredResultAnswer } from './declaredResults.ts';
import { dividerAnswer } from './dividerAnswers.ts';
import { sizeAcrossFromMeanArea } from './sizeAcross.ts';
import { countInTheOneFrameRun } from './singleFrameCount.ts';
import { movingVerdictFromMean } from './movingVerdict.ts';
import { measuredOnlyVerdict } from './measuredOnlyVerdict.ts';
import { stepNamingMeanings } from './stepSettings.ts';
import { withEventRate } from './eventRate.ts';
import { answerFromHeader, isYesNoQuestion, recordingAnswer, recordingQuestion, toldCalibration } from './recordingQuestions.ts';
import { notAppliedLine } from '../inapplicable.ts';
import { asksAboutFiles, asksForTheSteps, sessionSummary } from './explanations.ts';
import { averageCompared, quotedVerdict } from './averageCompared.ts';


function formatValue(v: unknown): string {
  if (typeof v === 'number') return numberValueText(v);
  if (Array.isArray(v)) return v.slice(0, 6).map(formatValue).join(', ') + (v.length > 6 ? ', ...' : '');
  if (v && typeof v === 'object') return JSON.stringify(v).slice(0, 120);
  return String(v);
}

function humanKey(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').replace(/\bPx\b/, '(px)').replace(/\bUm\b/, '(µm)').replace(/\bS\b/, '(s)').toLowerCase();
}

/**
 * The unit of a result value as the tool declares it, in the calibrated unit when the step
 * reported one (lengthUnit, timeUnit, speedUnit), and "(no calibration known)" for pixels and frames.
 */
function unitText(result: PastResult, key: string): string {
  if (typeof result.values[key] !== 'number') return '';
  let unit = findTool(result.tool)?.results?.[key]?.unit;
  if (!unit) return '';
  const v = result.values;
  // a unit the step reported for this value ("diffusionUnit" of diffusionCoefficient, "speedUnit" of meanSpeed)
  const reported = Object.entries(v).find(([k, u]) => typeof u === 'string' && /Unit$/.test(k) && k !== 'lengthUnit' && k !== 'timeUnit' && key.toLowerCase().includes(k.replace(/Unit$/, '').toLowerCase()));
  if (reported) unit = reported[1] as string;
  else if (typeof v.speedUnit === 'string' && /\//.test(unit)) unit = v.speedUnit;
  else if (typeof v.lengthUnit === 'string' && typeof v.timeUnit === 'string') unit = unit.replace(/px/g, v.lengthUnit).replace(/frames?/g, v.timeUnit);
  const uncalibrated = /px|frame/.test(unit) && !/µm|um|min|\bs\b|\bh\b/.test(unit) && key !== 'frames';
  return ` ${unit}${uncalibrated ? ' (no calibration known)' : ''}`;
}

/** Each frame said as where a step counts: "in each time point", "for every frame", "per frame". */
const IN_EACH_FRAME = /\b(?:in|for|at|per)\s+(?:each|every)\s+(?:single\s+)?(?:frame|time[\s-]?point|timepoint|image)s?\b|\bper\s+(?:frame|time[\s-]?point|timepoint)s?\b/i;

/**
 * "detect the spots in each time point and tell me how many there are": a count asked with no scope of its own, in a
 * request whose step says each frame, is a count per frame (it answered the total over the movie, "Objects = 10").
 */
function withCountScopeSaidBefore(read: QuestionScope, question: string, request: string): QuestionScope {
  if (read.reduce !== 'count' || read.perFrame || read.frame !== undefined || read.frames !== undefined || read.compare !== undefined) return read;
  if (IN_EACH_FRAME.test(question) || !IN_EACH_FRAME.test(request)) return read;
  return { ...read, perFrame: true };
}

/**
 * Why a value came back empty: a file's fact (a tool that reads the file and makes nothing) is not recorded there; any other
 * step could not compute it, and its own first sentence says why ("Too few steps for an MSD fit": never "set_calibration
 * can set it" for a diffusion coefficient).
 */
function unknownValueReason(result: PastResult, key: string): string {
  const tool = findTool(result.tool);
  const about = tool?.results?.[key]?.about ?? key;
  const readsTheFile = (tool?.produces ?? []).length === 0 && tool?.domain !== 'microscope';
  if (readsTheFile) return `${about} is not recorded in the file; set_calibration can set it`;
  const why = result.summary.split(/(?<=[.;])\s+/)[0]?.replace(/[.;\s]+$/, '');
  return why ? `not computed: ${why.charAt(0).toLowerCase()}${why.slice(1)}` : `${about} was not computed`;
}

/**
 * "name = value unit": a value in pixels shown in µm when the session knows the movie's
 * pixel size and the step did not convert it (px² → µm², px and px/frame → µm, µm/frame).
 */
function valueText(result: PastResult, key: string, pixelSizeUm: number | undefined, time: SpeedTime = {}): string {
  const v = result.values[key];
  if (v === null) return `${humanKey(key)} unknown (${unknownValueReason(result, key)})`;
  const unit = unitText(result, key);
  const speed = typeof v === 'number' ? speedInTime(v, unit, pixelSizeUm, time) : undefined;
  // ("the velocity in nm/s": a length in the unit asked, not the µm it was converted to; askedLength.ts)
  const asked = (value: number, unit: string) => inLengthUnit(value, unit, time.length) ?? { value, unit };
  if (speed) return `${humanKey(key).replace(/\s*\(px\)/, '')} = ${formatValue(asked(speed.value, speed.unit).value)} ${asked(speed.value, speed.unit).unit}${speed.from}`;
  // ("how long are the tracks?" with the frame interval known: a duration in frames said in time, the frames beside it)
  const span = typeof v === 'number' && isDuration(result.tool, key, unit) ? durationInTime(v, time) : undefined;
  if (span) return `${humanKey(key)} = ${span}`;
  const native = typeof v === 'number' ? inLengthUnit(v, unit, time.length) : undefined;
  if (native) return `${humanKey(key)} = ${formatValue(native.value)}${native.unit} (${formatValue(v as number)}${unit})`;
  if (typeof v !== 'number' || pixelSizeUm === undefined || !/px/.test(unit)) return `${humanKey(key)} = ${formatValue(v)}${unit}`;
  const area = /px²|px\^?2/.test(unit);
  const converted = v * (area ? pixelSizeUm ** 2 : pixelSizeUm);
  const shown = unit.replace(' (no calibration known)', '').replace(/px²|px\^?2/, 'µm²').replace(/px/g, 'µm');
  const timeUnknown = /frame/.test(shown) ? ' (no frame interval known)' : '';
  return `${humanKey(key).replace(/\s*\(px\)/, '')} = ${formatValue(asked(converted, shown).value)}${asked(converted, shown).unit}${timeUnknown} (${formatValue(v)} ${unit.replace(' (no calibration known)', '').trim()} at ${formatValue(pixelSizeUm)} µm/px)`;
}

/**
 * The result with each declared value that is a list of one number per channel (not per frame) of a one-channel movie
 * said as that number; the result itself when it holds none.
 */
function singleChannelValues(result: PastResult): PastResult {
  const declared = findTool(result.tool)?.results ?? {};
  const single = Object.entries(result.values).filter(([k, v]) => k in declared && Array.isArray(v) && v.length === 1 && typeof v[0] === 'number' && !/PerFrame$|\b(?:per|each|every)\s+frame\b/i.test(`${k} ${declared[k].about}`));
  return single.length === 0 ? result : { ...result, values: { ...result.values, ...Object.fromEntries(single.map(([k, v]) => [k, (v as number[])[0]])) } };
}

/** A share or change asked in per cent ("the percentage drop", "in %", "how many percent"). */
const PERCENT_ASKED = /%|\bper\s?cent(?:age)?s?\b/i;

/** A value the tool declares in frames that is a time span (a track's duration), not a count or an index of frames. */
function isDuration(tool: string, key: string, unit: string): boolean {
  if (!/^\s*frames\b/.test(unit)) return false;
  const about = findTool(tool)?.results?.[key]?.about ?? '';
  return /\b(?:duration|lifetime|life\s*span|time\s+span|how\s+long)\b/i.test(`${about} ${humanKey(key)}`);
}

/** A span of frames in the time unit asked, else the one that fits it (s under 2 min, min under 2 h, then h), with the frames it was. */
function durationInTime(frames: number, time: SpeedTime): string | undefined {
  if (!time.intervalS) return undefined;
  const seconds = frames * time.intervalS;
  const to = time.asked ?? time.askedSpan ?? (seconds >= 7200 ? 'h' : seconds >= 120 ? 'min' : 's');
  return `${formatValue(seconds / SECONDS_IN[to])} ${to} (${formatValue(frames)} frames at ${timeText(time.intervalS)} per frame)`;
}

/** The time base of a speed answer: the frame interval the session knows (s) and the time unit the question asks speeds in. */
/** The frame interval, the time unit a speed is asked in, and the one a span of time is asked in ("in minutes"). */
type SpeedTime = { intervalS?: number; asked?: 's' | 'min' | 'h'; askedSpan?: 's' | 'min' | 'h'; length?: LengthUnit };
const SECONDS_IN = { s: 1, min: 60, h: 3600 } as const;

/**
 * A speed per frame (px/frame, µm/frame) in a unit of time when the frame interval is known, and a speed per unit of time
 * (µm/min) in the time unit the question asks ("in microns/hour", "um/s"): the value, its unit and what it was converted from;
 * undefined when the value is no speed, or nothing is to convert (a speed per frame with no interval keeps its frames).
 */
function speedInTime(v: number, unit: string, pixelSizeUm: number | undefined, time: SpeedTime): { value: number; unit: string; from: string } | undefined {
  const m = /^\s*(px|µm)\/(frame|s|min|h)\b/.exec(unit);
  if (!m) return undefined;
  const [, length, per] = m;
  const perSecond = per === 'frame' ? (time.intervalS ? v / time.intervalS : undefined) : v / SECONDS_IN[per as 's' | 'min' | 'h'];
  if (perSecond === undefined) return undefined;
  const to = time.asked ?? (per === 'frame' ? (time.intervalS! >= 3600 ? 'h' : time.intervalS! >= 60 ? 'min' : 's') : (per as 's' | 'min' | 'h'));
  if (per === to && !(length === 'px' && pixelSizeUm !== undefined)) return undefined;
  const inMicrons = length === 'px' && pixelSizeUm !== undefined;
  const value = perSecond * SECONDS_IN[to] * (inMicrons ? pixelSizeUm : 1);
  const shownLength = inMicrons ? 'µm' : length;
  const how = [...(inMicrons ? [`${formatValue(pixelSizeUm)} µm/px`] : []), ...(per === 'frame' ? [`${timeText(time.intervalS!)} per frame`] : [])];
  const calibrationNote = shownLength === 'px' ? ' (no pixel size known)' : '';
  return { value, unit: `${shownLength}/${to}${calibrationNote}`, from: ` (${formatValue(v)} ${length}/${per}${how.length ? ` at ${how.join(' and ')}` : ''})` };
}

/** Words of a question that ask for an extreme or an average, and the value names that give one. */
const EXTREME = /\b(?:max(?:imum)?|largest|biggest|greatest|highest|most|min(?:imum)?|smallest|lowest|least)\b/i;
const AVERAGE = /\b(?:mean|average|avg|typical|on average)\b/i;

/** A value a step reports that its tool declares a setting it used or chose, not a measurement of the things. */
function isSettingOf(tool: string, key: string): boolean {
  return findTool(tool)?.results?.[key]?.setting === true;
}

/**
 * A question about a step's setting: it says a word of the setting's name that is no quantity it asks
 * for ("linking" of maxLinkingDistancePx; not "distance" alone), or asks what was used or chosen.
 */
function asksOfTheSetting(question: string, key: string): boolean {
  if (/\b(?:use|used|using|chose|chosen|choose|pick|picked|set|setting|settings|parameters?)\b/i.test(question)) return true;
  const quantity = readQuestion(question).quantity;
  const said = new Set((question.toLowerCase().match(/\p{L}{3,}/gu) ?? []).map((w) => w.slice(0, 5)));
  const words = humanKey(key).toLowerCase().match(/\p{L}{3,}/gu) ?? [];
  return words.some((w) => !/^(?:max|maxim|min|minim|mean|px|um)$/.test(w.slice(0, 5)) && said.has(w.slice(0, 5)) && ![...quantity].some((q) => q.slice(0, 5) === w.slice(0, 5)));
}

/**
 * A step that ran on just the frames a question asks ("mean speed in frames 21-40" after measure ran on frames 21-40,
 * "the area in frame 10" after it ran on frame 10 alone): each of its values is already of those frames, so a value over
 * its run answers the question at that scope; no value per frame is needed. A comparison of parts never is.
 */
export function ranOnTheFramesAsked(result: { args: Record<string, unknown> }, scope: Pick<QuestionScope, 'frame' | 'frames' | 'compare' | 'whichFrame' | 'beforeLast'>, frameCount?: number): boolean {
  const ran = result.args.frames as { first?: unknown; last?: unknown } | undefined;
  if (!ran || typeof ran.first !== 'number' || typeof ran.last !== 'number' || scope.compare !== undefined || scope.whichFrame) return false;
  // ("after frame 4": open to the end, which the step's run closed at the movie's last frame)
  if (scope.frames) return scope.frames.first === ran.first && (scope.frames.last === ran.last || scope.frames.last === Infinity);
  const frame = askedFrameNumber(scope, frameCount);
  return frame !== undefined && frame === ran.first && frame === ran.last;
}

/** The length of the movie the session started from, when its header says it. */
export function startingFrameCount(conversation: Pick<Conversation, 'artifactsAtStart'>): number | undefined {
  return conversation.artifactsAtStart.filter((a) => a.type === 'movie' && typeof a.frames === 'number' && a.frames > 0).at(-1)?.frames;
}

/**
 * Answers a question from the values earlier steps reported: the value whose name and
 * declared meaning (the tool's `results`) share the rarest words with the question, the
 * latest on a tie ("how far did it drift?" → maxDriftPx of correct_drift, "what lag did
 * you find?" → medianPeakLagFrames). Undefined when no value fits.
 */
export function answerFromValues(question: string, conversation: Conversation, results: PastResult[], catalogue: Catalogue = new Map()): string | undefined {
  // one track, or which cell: whole-movie values do not answer it (the tables do); one frame: a value per frame does
  if (/\b(?:track|cell|nucleus)\s*#?\d+|\bwhich (?:cell|track|nucleus|object|one)\b/i.test(question)) return undefined;
  // the mean squared displacement: only an MSD step's own values answer it (never a linking distance)
  // (its summary says the fit, the exponent and whether the motion is diffusive at all)
  if (MSD_ASKED.test(question)) {
    // (an MSD step is the one that reports the MSD exponent, alpha, among its declared results)
    const msd = results.filter((r) => r.ok && r.values !== undefined && 'alpha' in r.values).at(-1);
    return msd ? `${msd.summary.replace(/ Table saved as [\w-]+\.$/, '').replace(/\.$/, '')} (from ${msd.tool}${msd.args.kind ? `, kind ${String(msd.args.kind)}` : ''})` : undefined;
  }
  // a value a step declares, asked by its own words ("what's the bleaching half-life?"): that value, per channel where it is (declaredResults.ts)
  const declaredValue = declaredResultAnswer(question, results, (tool) => findTool(tool), askedTimeUnit(question));
  if (declaredValue) return declaredValue;
  // a frame, frames or both ends of the movie ask for elements of a value per frame; "over time" for the whole series
  const read = withCountScopeSaidBefore(withChannelRunOn(readQuestion(question), results), question, conversation.request);
  // a time in the movie ("at 4 minutes"): the frame nearest to it, when the recording's frame interval is known (frame 1 at time 0)
  const intervalS = read.atTimeS !== undefined ? movieIntervalS(conversation) : undefined;
  const timed: QuestionScope = read.atTimeS !== undefined && intervalS ? { ...read, atTimeS: undefined, frame: Math.round(read.atTimeS / intervalS) + 1 } : read;
  // ("the second half": its frames, when the movie's length is known)
  const fraction = timed.compare === undefined && timed.frames === undefined && timed.frame === undefined ? FRACTION_SCOPE.exec(question) : null;
  const fractionFrames = fraction ? findFrames(fraction[0], startingFrameCount(conversation)) : undefined;
  const timedScope: QuestionScope = fractionFrames ? { ...timed, frames: fractionFrames } : timed;
  // ("mean speed in frames 21-40" after measure ran on frames 21-40): the steps that ran on the frames asked answer with
  // their values, the frames already applied; a count per frame is no total of the objects measured over them
  const onFramesAsked = timedScope.reduce !== 'count' ? results.filter((r) => r.ok && ranOnTheFramesAsked(r, timedScope, startingFrameCount(conversation))) : [];
  if (onFramesAsked.length) results = onFramesAsked;
  // ("and in the second half?" after the mean over the whole movie): a part of the movie that no step ran on is never
  // answered by a value over all of it
  else if (fraction) return undefined;
  const scope: QuestionScope = onFramesAsked.length ? { ...timedScope, frame: undefined, frames: undefined } : timedScope;
  const atTime = timed !== read && !onFramesAsked.length ? ` (${timeText(read.atTimeS!, askedTimeUnit(question) ?? (read.atTimeS! >= 120 ? 'min' : 's'))} into the movie, at ${timeText(intervalS!)} per frame)` : '';
  // a time in the movie, a condition, a share, a list per cell or a channel: only a table answers those
  // (a share a step reports itself in %, "what percentage of the field do the cells cover?", answers a share too)
  if (scope.atTimeS !== undefined || scope.condition || scope.subset || scope.perTrack || scope.channels) return undefined;
  const share = scope.reduce === 'fraction';
  const frame = scope.frame !== undefined || scope.frames !== undefined || scope.compare !== undefined || scope.whichFrame === true;
  const perFrame = (k: string, about: string) => /PerFrame$|per frame|each frame/i.test(`${k} ${about}`);
  // ("how many per frame on average?" is one number, the mean over the frames, not the series)
  const overTime = scope.perFrame && !asksTheMeanCount(question);
  // "when did the first division happen?": a time or frame answers it, not a count
  // ("which frame has the most cells?" asks where a value per frame is at its extreme, not when events happened)
  const asksWhen = /^\s*(?:and\s+|so\s+)?(?:when|at what (?:time|frame|point)|in which frame|which frame)\b/i.test(question) && scope.extreme === undefined;
  const index = indexFor(catalogue);
  const SHARE_WORDS = new Set(index.meanings(tokenize('fraction percent percentage proportion share what of the')));
  // ("how long do they live?", "lifetime", "duration": a time; "how long in frames?" may be a count of spots)
  // (the units are taken off the question before it gets here: the request's own words say them then)
  const unitAskedIsSpatial = ['length', 'area', 'speed'].includes(askedDimension(withoutToldCalibration(question)) ?? askedDimension(withoutToldCalibration(conversation.request)) ?? '');
  const asksATime = /\bhow\s+long\b|\bduration|\blife\s*(?:time|span)|\blive[sd]?\b|\bliving\b|\bsurviv/i.test(question) && !/\b(?:spots?|frames?|time\s*points?|points|px|pixels?|µm|um|microns?)\b/i.test(question);
  // ("how does the count change?", "the count at the start vs the end": a count that names nothing counts the objects)
  const countsUnnamed = countsThings(question) && !/\b(?:cells?|nucle(?:us|i)|objects?|tracks?|trajector(?:y|ies)|blobs?|labels?|divisions?|spots?)\b/i.test(question);
  // ("find the divisions and tell me how many": a count that names nothing counts the things the request named, else the objects)
  const unnamedThings = countsUnnamed ? thingsNamedIn(conversation.request) ?? 'objects' : undefined;
  // ("how many distinct nuclei?": each counted once over the movie, the tracks)
  const asked = new Set(index.meanings(tokenize(unnamedThings ? `${question} ${unnamedThings}` : countsThings(question) && DISTINCT_THINGS.test(question) ? `${question.replace(DISTINCT_THINGS, ' ')} tracks` : question)));
  // (the things counted: "how many divisions in frames 1-10?" is never answered by a value of other things, the objects per frame)
  const thingsAsked = scope.reduce === 'count' ? KINDS_OF_THINGS.filter((k) => k.test(withoutFrameScope(question))) : [];
  const weight = (stem: string) => 1 / Math.max(1, index.spread(stem));
  const naming = stepNamingMeanings(question, results, index);
  let best: { result: PastResult; keys: string[]; score: number } | undefined;
  let bestIsSeries = false;
  // a setting a step made for later steps (the pixel size set) answers only a question that says its own words, not
  // only a word any measurement has ("size", "area"): "what is the mean area?" is never answered by the "lateral pixel size"
  const saidWords = new Set((question.toLowerCase().match(/\p{L}{3,}/gu) ?? []).map((w) => w.slice(0, 5)));
  const saysOwnWords = (about: string) => (about.toLowerCase().match(/\p{L}{3,}/gu) ?? []).some((w) => saidWords.has(w.slice(0, 5)) && !/^(?:mean|avera|media|the|and|per|size|sizes|area|areas|lengt|width|heigh|time|times|value|numbe)$/.test(w.slice(0, 5)));
  const kept = [...results].reverse().filter((r) => r.ok && !(selfOf(r.tool)?.appliesToLaterSteps === true && !saysOwnWords(`${r.tool.replace(/_/g, ' ')} ${(findTool(r.tool)?.words ?? []).join(' ')}`) && Object.entries(findTool(r.tool)?.results ?? {}).every(([k, d]) => !saysOwnWords(`${humanKey(k)} ${d.about}`))));
  // (a value per channel of a movie with one channel, "intensityLossPercent: [21]", is that one number)
  const original = new Map<PastResult, PastResult>();
  const ordered = kept.map((r) => {
    const single = singleChannelValues(r);
    original.set(single, r);
    return single;
  });
  const thisTurn = (r: PastResult) => conversation.current.includes(original.get(r) ?? r);
  for (const result of ordered) {
    const declared = findTool(result.tool)?.results ?? {};
    const scored = Object.keys(result.values)
      .filter((k) => {
        const v = result.values[k];
        const series = Array.isArray(v) && v.every((x) => typeof x === 'number') && perFrame(k, declared[k]?.about ?? '');
        // a frame asks for one element of a value per frame; "over time" for the series; else a number
        if (asksWhen) return /^(?:frames?|s|min|h)$/.test(declared[k]?.unit ?? '') && !/^frames?$/.test(k) && (Array.isArray(v) || typeof v === 'number');
        if (frame) return series;
        // a declared value the step could not find (the frame interval of an uncalibrated movie) answers too: "unknown"
        // (a unit is no answer to "what's the mean speed?": only to a question about units)
        if (/Unit$/.test(k) && !/\bunits?\b/i.test(question)) return false;
        if (share && declared[k]?.unit !== '%') return false;
        return typeof v === 'number' || ((typeof v === 'string' || v === null) && k in declared) || (series && overTime);
      })
      .map((k) => {
        // (and by the words its tool declares people ask it by: "how far" of the displacement, "how quickly" of the speed)
        const own = new Set(index.meanings(tokenize(`${humanKey(k)} ${declared[k]?.about ?? ''} ${(declared[k]?.words ?? []).join(' ')}`)));
        const matched = [...own].filter((w) => asked.has(w));
        let score = matched.reduce((a, w) => a + weight(w), 0);
        // (a share is answered by a value in % that shares a word besides the share's own: "% of the field covered" is no share of cells at the edge)
        if (share && matched.every((w) => SHARE_WORDS.has(w))) score = 0;
        // a value that shares only the word naming the step ("frames segmented" for "the segmentation") is not what the
        // question asks of that step ("what blur did the segmentation apply?" is never "Frames = 3")
        // (a word naming the step that is the value's own name still answers: "when did the first division happen?" → divisionFrames)
        if (matched.every((w) => naming.has(w)) && !index.meanings(tokenize(humanKey(k))).some((w) => matched.includes(w))) score = 0;
        // a setting the step used (track's linking distance) is no measurement of the things: "how far did the cells
        // travel?" is not answered by it, "which linking distance did you use?" is
        if (score > 0 && isSettingOf(result.tool, k) && !asksOfTheSetting(question, k)) score = 0;
        // a question that names a quantity ("how far", "the area") is not answered by another one that only shares "mean"
        // (a value's declared words name it too: "how persistent is the migration?" names the confinement ratio)
        if (score > 0 && scope.quantity.size > 0 && scope.reduce !== 'count' && !namesQuantity(question, `${humanKey(k)} ${declared[k]?.about ?? ''} ${(declared[k]?.words ?? []).join(' ')}`)) score = 0;
        if (score > 0 && thingsAsked.length > 0 && !thingsAsked.some((kind) => kind.test(`${humanKey(k)} ${declared[k]?.about ?? ''}`))) score = 0;
        // a count ("how many cells per frame?") is no length, time or intensity ("step 3.7 px" shares only "per frame")
        if (score > 0 && scope.reduce === 'count' && /px|µm|um\b|\bs\b|min|\bh\b|grey|%|\//.test(declared[k]?.unit ?? '')) score = 0;
        // ("nuclei count per frame", "how many cells in each frame?": a count over the whole movie is no count per frame, said as such
        // it would drop the scope asked; a value per frame, or the table's rows, answer it)
        // (a step that declares a count per frame answers it once it has run: its total stays, as the plan reads it)
        if (score > 0 && overTime && scope.reduce === 'count' && !Array.isArray(result.values[k]) && !perFrame(k, declared[k]?.about ?? '') && !Object.entries(declared).some(([dk, d]) => perFrame(dk, d.about ?? '') && Array.isArray(result.values[dk]))) score = 0;
        // (nor a mean of something per thing, "mean track duration = 24.5 frames" for "how many tracks are there?", unless a mean count is asked)
        // (but a count per frame asked of a step that reported no count of each frame is answered by its mean per frame, said as the mean)
        const seriesHeld = Object.keys(result.values).some((dk) => perFrame(dk, declared[dk]?.about ?? '') && Array.isArray(result.values[dk]));
        if (score > 0 && scope.reduce === 'count' && (/^mean(?=[A-Z])/.test(k) || /^mean\b/i.test(declared[k]?.about ?? '')) && !asksTheMeanCount(question) && !AVERAGE.test(question) && !(overTime && !seriesHeld && perFrame(k, declared[k]?.about ?? ''))) score = 0;
        // a time asked ("how long do cells live?", "the mean track duration") is no count of spots or a length in px:
        // only a value in a unit of time answers it (else the tracks are measured, their durations in min)
        if (score > 0 && asksATime && !/^(?:s|min|h|frames?)$/.test(declared[k]?.unit ?? '')) score = 0;
        // ("the total path length per track in microns": a length, area or speed asked by its unit is never a time, a track's duration in frames)
        if (score > 0 && unitAskedIsSpatial && /^(?:s|min|h|frames?)$/.test(declared[k]?.unit ?? '')) score = 0;
        if (score > 0 && EXTREME.test(question) && /max|min|largest|smallest/i.test(`${k} ${declared[k]?.about ?? ''}`)) score += 0.5;
        if (score > 0 && AVERAGE.test(question) && /mean|median|average/i.test(`${k} ${declared[k]?.about ?? ''}`)) score += 0.5;
        if (score > 0 && k in declared) score += 0.25;
        // ("give me the percentage drop": a value in % before one that only shares a word, "removed motion" for "drop")
        if (score > 0 && PERCENT_ASKED.test(question) && declared[k]?.unit === '%') score += 0.5;
        // a value the tool declares as its headline before a detail that shares its words ("how many tracks end in a
        // division?": the divisions kept, not "divisions the tracker proposed before the evidence check")
        if (score > 0 && declared[k]?.headline) score += 0.1;
        // a value whose own name the question says ("how many cell divisions?" → divisions) before one whose description only mentions it ("pieces ... no division")
        if (score > 0 && index.meanings(tokenize(humanKey(k))).some((w) => asked.has(w))) score += 0.3;
        // a step run for this very question answers it before an older one
        if (score > 0 && thisTurn(result)) score += 0.5;
        return { k, score };
      })
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score);
    // over time: a series answers it, a single number does not
    if (overTime && scored.some((x) => Array.isArray(result.values[x.k]))) scored.splice(0, scored.length, ...scored.filter((x) => Array.isArray(result.values[x.k])));
    // (and a step with a series for it answers before one with a single number, whatever their order: "cell count per frame" after tracking)
    const isSeries = scored.some((x) => Array.isArray(result.values[x.k]));
    if (scored.length === 0 || (best && (overTime && bestIsSeries && !isSeries ? true : !(overTime && isSeries && !bestIsSeries) && scored[0].score <= best.score))) continue;
    // "how many frames and channels?": each value the question names, the best first
    const several = /\band\b/i.test(question) ? 0.5 : 1 - 1e-9;
    best = { result, keys: scored.filter((x) => x.score >= several * scored[0].score).map((x) => x.k).slice(0, 3), score: scored[0].score };
    bestIsSeries = isSeries;
  }
  if (!best) return undefined;
  const { result, keys } = best;
  // "the longest track": a mean does not answer it
  // ("which frame has the most cells?": the frame where a value per frame is at its extreme answers it)
  const perFrameSeries = scope.whichFrame && Array.isArray(result.values[keys[0]]);
  if (EXTREME.test(question) && !perFrameSeries && !keys.some((k) => /max|min|largest|smallest/i.test(`${k} ${findTool(result.tool)?.results?.[k]?.about ?? ''}`))) return undefined;
  // (an earlier step's value the question names is cited shortly; one found only through its description is cited with
  // the step's whole account, so what the step says of the question's words is there to read)
  const named = keys.some((k) => index.meanings(tokenize(humanKey(k))).some((w) => asked.has(w)));
  const source = thisTurn(result) ? result.tool : named ? shortCitation(result) : `${result.tool}: ${result.summary}`;
  if (asksWhen && Array.isArray(result.values[keys[0]])) {
    // frames of events (divisions): the list and the first, or none
    const about = findTool(result.tool)?.results?.[keys[0]]?.about ?? humanKey(keys[0]);
    const events = (result.values[keys[0]] as unknown[]).filter((x): x is number => typeof x === 'number');
    // (in minutes or hours too, when the recording's frame interval is known: frame 1 is time 0)
    const intervalS = movieIntervalS(conversation);
    const first = Math.min(...events);
    const at = intervalS ? `, ${timeText((first - 1) * intervalS, askedTimeUnit(question))} into the movie at ${timeText(intervalS)} per frame` : '';
    return events.length ? `${capitalize(about)}: ${formatValue(events)}; the first at frame ${first}${at} (from ${source})` : `None: ${about} is empty, there were no such events (from ${source})`;
  }
  if (frame || Array.isArray(result.values[keys[0]])) {
    // the step's own summary of the series ("objectsPerFrameMean" beside "objectsPerFrame") leads a whole-series answer
    const summary = Object.keys(result.values).find((k) => k !== keys[0] && k.startsWith(keys[0]) && typeof result.values[k] === 'number');
    const lead = !frame && summary ? `${capitalize(valueText(result, summary, knownPixelSizeUm(conversation), speedTime(question, conversation)))}; ` : '';
    // a step run on some frames only ("how many in frame 3?" segments frame 3): its series starts at the first of them
    const series = result.values[keys[0]] as number[];
    const ran = result.args.frames as { first?: unknown; last?: unknown } | undefined;
    const offset = ran && typeof ran.first === 'number' && typeof ran.last === 'number' && ran.last - ran.first + 1 === series.length ? ran.first - 1 : 0;
    return lead + seriesText(humanKey(keys[0]), series, scope, unitText(result, keys[0]), source, lead !== '', offset) + atTime;
  }
  const parts = keys.map((k) => valueText(result, k, knownPixelSizeUm(conversation), speedTime(question, conversation)));
  // ("median and IQR of speed", "the spread of sizes": a mean answers neither; it is said as the mean, with why)
  const meansOnly = keys.every((k) => /^mean(?=[A-Z])/.test(k) || /^mean\b/i.test(findTool(result.tool)?.results?.[k]?.about ?? ''));
  // a step of this turn has its card in the chat already: name it, don't repeat its summary
  return `${capitalize(parts.join(', '))} (from ${source})${meansOnly ? meanInsteadNote(scope, result) || perFrameNotGiven(scope, result) : ''}`;
}

/** A time in the movie ("at 4 minutes", "after 1 h") as the frame nearest to it, with a note of the conversion; the question as it is when no time or no frame interval is known. */
export function timeAsFrame(question: string, conversation: Conversation): { question: string; note: string } {
  const atTimeS = readQuestion(question).atTimeS;
  const intervalS = atTimeS !== undefined ? movieIntervalS(conversation) : undefined;
  if (atTimeS === undefined || !intervalS) return { question, note: '' };
  const frame = Math.round(atTimeS / intervalS) + 1;
  // ("at t = 2 min": the time written as its variable)
  const phrase = /\b(?:after|at|by|around|about|within)\s*(?:the\s+)?(?:t\s*=\s*)?\d+(?:[.,]\d+)?\s*(?:secs?|seconds?|s|mins?|minutes?|h|hrs?|hours?)\b(?:\s+(?:in|into)(?:\s+the)?\s+(?:movie|film|video|recording))?/i;
  if (!phrase.test(question)) return { question, note: '' };
  return { question: question.replace(phrase, `in frame ${frame}`), note: ` (frame ${frame} is ${timeText(atTimeS, askedTimeUnit(question) ?? (atTimeS >= 120 ? 'min' : 's'))} into the movie, at ${timeText(intervalS)} per frame)` };
}

/** "at what time is the count highest?", "when ... in minutes": the time of the frame an answer names first, when the frame interval is known. */
function withTimeOfFrame(answer: string, question: string, conversation: Conversation): string {
  // ("at which minute ...", "what hour": a time asked in its unit)
  if (!/\bwhen\b|\b(?:what|which)\s+(?:time|moment|minute|hour|second)\b(?![\s-]*points?\b)|\bhow (?:long|late|early)\b/i.test(question)) return answer;
  const m = /^Frame (\d+)\b/.exec(answer);
  const intervalS = m ? movieIntervalS(conversation) : undefined;
  if (!m || !intervalS) return answer;
  const at = (Number(m[1]) - 1) * intervalS;
  return `${answer}; frame ${m[1]} is ${timeText(at, askedTimeUnit(question) ?? (at >= 120 ? 'min' : 's'))} into the movie, at ${timeText(intervalS)} per frame`;
}

/** An answer as the question asked it: the time of the frame it names for "when", the verdict first for a yes/no question (never for a quantity with no value at the frames asked). */
function finishedAnswer(found: string, question: string, conversation: Conversation): string {
  const answer = withTimeOfFrame(found, question, conversation);
  // (the relative change after the verdict, which quotes its own where it judges steadiness by it: never said twice)
  return withRelativeChange(isYesNoQuestion(question) && !answer.includes(NO_VALUE_AT_FRAMES) ? withVerdict(question, answer) : answer);
}

/** A series' trend from its first to its last value ("; down from 909.3 in frame 1 to 610.8 in frame 6"). */
const TREND_ENDS = /;\s*(up|down) from (-?\d+(?:\.\d+)?)\b([^;()]*?) to (-?\d+(?:\.\d+)?)(\s+in frame \d+)?/;

/**
 * A trend quoted from its first to its last value with the relative change said as well ("down from 909.3 in frame 1 to
 * 610.8 in frame 6, a fall of 32.8%"): "has it faded?", "by how much did it drop?" are answered by the share as much as
 * by the two values. An answer that quotes a % of its own, or a series starting at zero, is left as it is.
 */
export function withRelativeChange(answer: string): string {
  const trend = TREND_ENDS.exec(answer);
  if (!trend || /\d\s*%/.test(answer)) return answer;
  const [first, last] = [Number(trend[2]), Number(trend[4])];
  if (first === 0 || first === last) return answer;
  const percent = Number((Math.abs((last - first) / first) * 100).toPrecision(3));
  const end = trend.index + trend[0].length;
  return `${answer.slice(0, end)}, a ${trend[1] === 'up' ? 'rise' : 'fall'} of ${percent}%${answer.slice(end)}`;
}

/** Kinds of things a count names: the objects found, the divisions, the tracks. */
const KINDS_OF_THINGS = [/\b(?:divisions?|divid\w*|mitos[ie]s|mitotic)\b/i, /\b(?:tracks?|trajector(?:y|ies)|lineages?|branch(?:es)?)\b/i];
/** The plural noun each kind of counted thing is asked by, in the order of KINDS_OF_THINGS. */
const KIND_NOUNS = ['divisions', 'tracks'];

/**
 * The things a request counts, by the noun next to its count word ("mitosis count please", "nr of mitoses", "count the
 * mitotic events", "how many splits"): divisions or tracks, as the noun asked; undefined for the objects (cells, nuclei)
 * or when the count names nothing.
 */
export function countedKind(request: string): string | undefined {
  const text = plainQuestion(request);
  const near = [...text.matchAll(/\b(?:count(?:s|ing)?|tally|enumerate|how\s+many|numbers?|(?:nr|no)\.?\s+of|total)\s+(?:of\s+)?((?:[\p{L}-]+\s+){0,3}[\p{L}-]+)|((?:[\p{L}-]+\s+)?[\p{L}-]+)\s+(?:count|counts|tally|number|numbers|total)\b/giu)].map((m) => m[1] ?? m[2]);
  for (const words of near) {
    const kind = KINDS_OF_THINGS.findIndex((k) => k.test(words) || (k === KINDS_OF_THINGS[0] && /\bsplit(?:s|ting)?\b/i.test(words)));
    if (kind >= 0) return KIND_NOUNS[kind];
    if (/\b(?:cells?|nucle(?:us|i)|objects?|blobs?)\b/i.test(words)) return undefined;
  }
  return undefined;
}

/** The kind of things (divisions, tracks) a request names anywhere, for a count that names none ("... and tell me how many"). */
function thingsNamedIn(request: string): string | undefined {
  const said = KINDS_OF_THINGS.map((k) => k.exec(request)?.index ?? -1);
  const last = Math.max(...said);
  return last >= 0 ? KIND_NOUNS[said.indexOf(last)] : undefined;
}

/** The time between frames of the session's movie, s, when its header says. */
export function movieIntervalS(conversation: Conversation): number | undefined {
  // (told with this turn's question: "in minutes pls, frames are 5 min apart")
  const toldNow = statedFrameIntervalS(conversation.request);
  if (toldNow !== undefined && toldNow > 0) return toldNow;
  const told = [...conversation.earlier, ...conversation.current].reverse().find((r) => r.ok && typeof r.values.frameIntervalS === 'number' && (r.values.frameIntervalS as number) > 0);
  if (told) return told.values.frameIntervalS as number;
  const set = intervalSet(conversation);
  if (set !== undefined) return set;
  return conversation.artifactsAtStart.filter((a) => a.type === 'movie' && typeof a.frameIntervalS === 'number' && a.frameIntervalS > 0).at(-1)?.frameIntervalS;
}

/** The time base a speed in the answer is given in: the session's frame interval, and the time unit the question asks speeds in. */
function speedTime(question: string, conversation: Conversation): SpeedTime {
  // (the question's units may have been read off it before it got here: the request's own words say them then)
  const askedSpan = askedTimeUnit(question) ?? askedTimeUnit(conversation.request);
  const length = askedLengthUnit(withoutToldCalibration(question)) ?? askedLengthUnit(withoutToldCalibration(conversation.request));
  return { intervalS: statedFrameIntervalS(question) ?? movieIntervalS(conversation), asked: askedSpeedTimeUnit(question) ?? askedSpeedTimeUnit(conversation.request), ...(askedSpan ? { askedSpan } : {}), ...(length ? { length } : {}) };
}

/** The time unit a question asks for ("in minutes", "how many hours"), or undefined. */
export function askedTimeUnit(question: string): 's' | 'min' | 'h' | undefined {
  const m = /\b(?:in|as|how many|into|(?:which|what)(?:\s+exact)?)\s+(secs?|seconds?|s|mins?|minutes?|h|hrs?|hours?)\b/i.exec(question);
  if (!m) return undefined;
  return /^s/i.test(m[1]) ? 's' : /^m/i.test(m[1]) ? 'min' : 'h';
}

/** A time in s as people say it ("45 s", "7 min", "2.5 h"), or in the unit asked. */
export function timeText(s: number, unit?: 's' | 'min' | 'h'): string {
  const round = (v: number) => Number(v.toPrecision(3));
  if (unit) return `${round(unit === 's' ? s : unit === 'min' ? s / 60 : s / 3600)} ${unit}`;
  return s < 120 ? `${round(s)} s` : s < 7200 ? `${round(s / 60)} min` : `${round(s / 3600)} h`;
}

/**
 * A value per frame at the scope asked: one frame ("in frame 3", "the last time point"), the
 * mean over frames a-b, both ends or halves compared, or the whole series with its trend.
 */
function seriesText(name: string, series: number[], scope: QuestionScope, unit: string, source: string, led = false, offset = 0): string {
  if (offset > 0) return seriesFromFrame(name, series, scope, unit, source, offset);
  const n = series.length;
  const of = (i: number) => `${formatValue(series[i])}${unit}`;
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  if (scope.whichFrame && n > 0) {
    const lowest = (scope.extreme ?? scope.reduce) === 'min';
    const i = series.reduce((best, v, k) => ((lowest ? v < series[best] : v > series[best]) ? k : best), 0);
    // a count per frame ("objects per frame"): the most or fewest of the things counted
    const what = /\s+per frame$/i.test(name) && !unit.trim() ? `${lowest ? 'fewest' : 'most'} ${name.replace(/\s+per frame$/i, '')}` : `${lowest ? 'lowest' : 'highest'} ${name}`;
    return `Frame ${i + 1} has the ${what}: ${of(i)} (per frame ${formatValue(Math.min(...series))} to ${formatValue(Math.max(...series))}; from ${source})`;
  }
  if (scope.frame !== undefined) {
    const i = scope.frame === 'last' ? n - 1 - (scope.beforeLast ?? 0) : scope.frame === 'first' ? 0 : scope.frame - 1;
    if (i < 0 || i >= n) return `There is no frame ${scope.frame}: ${name} has ${n} frames (from ${source})`;
    return `${capitalize(name)} in frame ${i + 1} = ${of(i)} (from ${source})`;
  }
  if (scope.frames) {
    const { last } = scope.frames;
    const first = scope.frames.first < 1 ? Math.max(1, n + scope.frames.first) : scope.frames.first;
    if (first > n) return `There is no frame ${first}: ${name} has ${n} frames (from ${source})`;
    const part = series.slice(first - 1, Math.min(last, n));
    return `${capitalize(name)} in frames ${first}-${Math.min(last, n)}: mean ${formatValue(avg(part))}${unit} (from ${source})`;
  }
  if (scope.compare && n > 1) {
    const half = Math.ceil(n / 2);
    const named = scope.compare === 'frames' ? scope.compareFrames : undefined;
    if (named && named.some((f) => f < 1 || f > n)) return `There is no frame ${named.filter((f) => f < 1 || f > n).join(' or ')}: ${name} has ${n} frames (from ${source})`;
    const [early, late, label] = named
      ? [series[named[0] - 1], series[named[1] - 1], [`frame ${named[0]}`, `frame ${named[1]}`]]
      : scope.compare === 'halves'
      ? [avg(series.slice(0, half)), avg(series.slice(half)), [`frames 1-${half}`, `frames ${half + 1}-${n}`]]
      : [series[0], series[n - 1], ['frame 1', `frame ${n}`]];
    const change = early === 0 ? '' : ` (${late >= early ? '+' : ''}${formatValue(Math.round(((late - early) / early) * 1000) / 10)}%)`;
    return `${capitalize(name)}: ${formatValue(early)}${unit} in ${label[0]} vs ${formatValue(late)}${unit} in ${label[1]}${change} (from ${source})`;
  }
  const shown = series.map((v, i) => `frame ${i + 1}: ${formatValue(v)}`);
  const list = n > 12 ? [...shown.slice(0, 6), '...', ...shown.slice(-5)] : shown;
  const trend = n < 2 ? '' : series[n - 1] > series[0] ? `; up from ${of(0)} to ${of(n - 1)}` : series[n - 1] < series[0] ? `; down from ${of(0)} to ${of(n - 1)}` : '; unchanged';
  const title = led ? 'by frame' : /per frame|each frame/i.test(name) ? capitalize(name) : `${capitalize(name)} per frame`;
  // ("how many per frame on average, and the standard deviation?": the spread over the frames too)
  const m = avg(series);
  const spread = (scope.reduce === 'sd' || scope.stats?.includes('sd')) && n > 1 ? `; mean ${formatValue(Math.round(m * 1000) / 1000)}${unit}, standard deviation ${formatValue(Math.round(Math.sqrt(series.reduce((a, v) => a + (v - m) ** 2, 0) / (n - 1)) * 1000) / 1000)}${unit} over ${n} frames` : '';
  return `${title}${unit ? ` (${unit.trim()})` : ''}: ${list.join(', ')}${trend}${spread} (from ${source})`;
}

/**
 * What was done, in one line: each step's verb and outputs. The steps' summaries are
 * not repeated (the chat shows a card per step, `cellpilot ask` prints them as they finish);
 * a single step without outputs (a status, a microscope action) is answered by its summary.
 */
export function briefAnswer(results: PastResult[]): string {
  const ok = results.filter((r) => r.ok);
  if (ok.length === 0) return 'Done.';
  if (ok.length === 1 && ok[0].artifacts.length === 0) return ok[0].summary;
  // a report or a microscope action: its own summary carries the numbers asked for
  if (ok.length === 1 && findTool(ok[0].tool)?.answersWithSummary) return `${ok[0].summary} (${ok[0].artifacts.map((a) => a.id).join(', ')})`;
  // a step that says what it did in its own words (values.did: "write movie-2 to aligned.tif") is named by them, not by its tool's verb
  // (with the numbers each step declares its account quotes: "segment and track the cells" says how many objects and tracks)
  const headline = (r: PastResult) => {
    const said = Object.entries(findTool(r.tool)?.results ?? {}).filter(([k, d]) => d.headline && typeof r.values?.[k] === 'number').map(([k, d]) => `${formatValue(Math.round((r.values![k] as number) * 100) / 100)} ${typeof d.headline === 'string' ? d.headline : d.about.split(/[:;(]/)[0].trim()}`);
    return said.length ? ` (${said.join(', ')})` : '';
  };
  const steps = ok.map((r) => `${typeof r.values?.did === 'string' ? r.values.did : verbFor(r.tool)}${r.artifacts.length ? ` → ${r.artifacts.map((a) => a.id).join(', ')}` : ''}${headline(r)}`);
  // arguments a step was given that do not apply to it (ToolSpec.inapplicable), named once more in the answer
  const notApplied = ok.flatMap((r) => (Array.isArray(r.values?.notApplied) ? (r.values.notApplied as string[]) : []));
  return `Done: ${steps.join('; ')}.${notAppliedLine(notApplied)}`;
}

/** The final answer once every planned step has a result. */
export function composeAnswer(plan: Plan, conversation: Conversation): string {
  const main = plan.question ? withEndResults(mainAnswer(plan, conversation), conversation) : mainAnswer(plan, conversation);
  // a step that doubted its own result (values.doubt: "unsure which parts are the cells") says so beside every number
  // drawn from it, in the answer read last, not only on its card (a count of halos given with confidence is the worst answer)
  const doubts = conversation.current.filter((r) => r.ok && typeof r.values?.doubt === 'string' && r.values.doubt.length > 0).map((r) => `Check ${r.tool}'s result: ${r.values!.doubt as string}`);
  const said = doubts.length ? `${main}\n${doubts.join('\n')}` : main;
  // "how many divisions per hour?": the count quoted, as a rate over the time the movie spans (eventRate.ts)
  const rated = plan.question ? withEventRate(plan.question, said, conversation, movieIntervalS(conversation)) : said;
  // ("how many cells in the left half?" answered of the whole field: the part named as not applied)
  const regioned = `${rated}${regionNotApplied(conversation.request, conversation.current, rated)}`;
  // ("what's its area over time?" after "segment the nucleus" found several per frame: the value is over all, said; oneOfSeveral.ts)
  const answer = plan.question ? `${regioned}${severalFoundNote(plan.question, conversation, regioned)}` : regioned;
  // "mean speed in um per minute" without a frame interval: why the units differ, then the number asked (last)
  const units = unitsNotUsedNote(conversation.request, answer);
  const withUnits = units ? `${units}\n${answer}` : answer;
  return plan.notes?.length ? `${withUnits} ${plan.notes.join(' ')}` : withUnits;
}

/**
 * The words name a property of the recording by its own phrase and no measured quantity besides ("what's the pixel
 * size?": the calibration, though "size" alone is an object's size), so its header answers, not a table.
 */
function namesOnlyAHeaderFact(question: string): boolean {
  const property = recordingQuestion(question);
  if (!property || property.loose) return false;
  const phrases = property.keys.flatMap((key) => findTool(property.tool)?.results?.[key]?.words ?? []).sort((a, b) => b.length - a.length);
  const left = phrases.reduce((text, phrase) => text.replace(new RegExp(String.raw`\b${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\b`, 'gi'), ' '), question);
  return left !== question && readQuestion(left).quantity.size === 0;
}

/** Kinds of artifact no tool takes in (a figure, a saved pipeline): end results, never a step's input. */
const END_RESULTS = (() => {
  const consumed = new Set<string>(ALL_TOOLS.flatMap((t) => t.consumes ?? []));
  return new Set<string>(ALL_TOOLS.flatMap((t) => t.produces ?? []).filter((type) => !consumed.has(type)));
})();

/** An end result made for a question (the figure of "plot their count per frame"): the answer quotes the data and names it too, never only one of them. */
function withEndResults(answer: string, conversation: Conversation): string {
  // (an answer that is the drawing step's own summary, "Plotted the paths of 20 tracks ...", names it already: never twice)
  const drawn = conversation.current.filter((r) => r.ok && r.artifacts.some((a) => END_RESULTS.has(a.type)) && !r.artifacts.some((a) => answer.includes(a.id)) && !answer.includes(r.summary));
  return drawn.length ? `${answer}\n${drawn.map((r) => `${r.summary} (${r.artifacts.map((a) => a.id).join(', ')})`).join('\n')}` : answer;
}

/**
 * The question without the parts that asked for an end result drawn in this request ("how many cells are in each
 * frame? give me a plot": the figure is named below the answer, its words are no part of what is asked); the parts
 * are sentences or ", and" clauses that are no question and use the words of the tool that drew the result.
 */
const QUESTION_WORD_FIRST = /^\W*(?:how|what|what's|whats|which|who|when|where|why|is|are|was|were|does|do|did)\b/i;
function withoutDrawnParts(question: string, conversation: Conversation): string {
  const drawers = conversation.current.filter((r) => r.ok && r.artifacts.some((a) => END_RESULTS.has(a.type)));
  if (drawers.length === 0) return question;
  const words = drawers.flatMap((r) => findTool(r.tool)?.words ?? []).filter((w) => /^[\p{L} ]+$/u.test(w));
  if (words.length === 0) return question;
  const drawing = new RegExp(String.raw`\b(?:${words.join('|')})(?:s|ed|ted|ting)?\b`, 'i');
  const parts = question.split(/(?<=[.!?;])\s+|,\s*(?:and\s+|also\s+|plus\s+)?(?=(?:(?:and|also|please|pls|then|could you|can you)\s+)*(?:plot|graph|chart|draw|show|give|make|a|an)\b)/i);
  if (parts.length < 2) return question;
  const kept = parts.filter((part) => !(drawing.test(part) && !QUESTION_WORD_FIRST.test(part) && !/\?\s*$/.test(part)));
  return kept.length > 0 && kept.length < parts.length ? kept.join(' ').trim() : question;
}

/**
 * The question without the clauses of steps that made a movie and ask nothing ("I think there is some stage wobble, fix
 * the drift first, then count nuclei per frame": the count is asked, the drift clause only says which movie is counted).
 * Their words would otherwise choose the answer's table: the drift per frame given for a count of nuclei.
 */
function withoutMovieMakingClauses(question: string, plan: Plan, conversation: Conversation): string {
  const makesAMovie = (tool: string) => conversation.current.some((r) => r.ok && r.tool === tool && r.artifacts.some((a) => a.type === 'movie'));
  let kept = question;
  for (const step of plan.steps) {
    const clause = step.clause?.trim();
    if (!clause || clause.length >= kept.trim().length || !kept.includes(clause) || !makesAMovie(step.tool) || isAskedForm(clause) || /\?/.test(clause)) continue;
    kept = kept.replace(clause, ' ');
  }
  kept = kept.replace(/^[\s,;.]*(?:(?:and|then|also|after that|next)\b[\s,]*)*/i, '').replace(/\s{2,}/g, ' ').trim();
  return kept.length > 0 ? kept : question;
}

function mainAnswer(plan: Plan, conversation: Conversation): string {
  if (!plan.question) return answerOf(plan, conversation);
  const whole = withoutDrawnParts(plan.question, conversation);
  const narrowed = withoutMovieMakingClauses(whole, plan, conversation);
  // (the question without those clauses first; when it finds nothing, "correct the drift and tell me the largest shift",
  // the words of the clauses left out say what is asked)
  const first = answerOf({ ...plan, question: narrowed }, conversation);
  const answered = narrowed === whole || !unanswered(first, conversation) ? first : answerOf({ ...plan, question: whole }, conversation);
  // ("how can I export to TrackMate?": a question of how to do the steps, done, that no value answers is answered by them)
  return HOW_DO_I.test(plan.question) && unanswered(answered, conversation) && conversation.current.some((r) => r.ok) ? answerOf({ ...plan, question: undefined }, conversation) : answered;
}

/** An answer that quotes no value: a step's own account, or a line that nothing answers. */
function unanswered(answer: string, conversation: Conversation): boolean {
  return /^I could not find\b|(?:^|\n)Not answered:/.test(answer) || conversation.current.some((r) => r.ok && answer === r.summary);
}

function answerOf(plan: Plan, conversation: Conversation): string {
  const ran = conversation.current.filter((r) => r.ok);
  const help = conversation.current.find((r) => selfOf(r.tool)?.role === 'advice' && r.ok);
  if (help && typeof help.values.answer === 'string' && help.values.answer) {
    const tools = Array.isArray(help.values.tools) ? ` Tools: ${(help.values.tools as string[]).join(', ')}.` : '';
    return `${help.values.title ?? ''}: ${help.values.answer}${tools}`.trim();
  }
  if (plan.question) {
    const all = [...conversation.earlier, ...conversation.current];
    // (a summary of a quantity is no recap of the steps: "summarise the mean fluorescence across the timecourse")
    if (asksForTheSteps(plan.question)) return sessionSummary(all);
    if (asksAboutFiles(plan.question)) {
      const artifacts = [...conversation.artifactsAtStart, ...conversation.current.flatMap((r) => r.artifacts)];
      return artifacts.length ? `Results: ${artifacts.map((a) => `${a.id} (${a.description ?? a.type})${a.path ? ` at ${a.path}` : ''}`).join('; ')}` : 'There are no results in this session yet.';
    }
    // a property of the recording itself, from the header the reporting step read
    for (const result of [...conversation.current].reverse()) {
      const recording = recordingAnswer(plan.question, result, undefined, toldCalibration(all));
      if (recording) return `${recording}.`;
    }
    // (a quantity a table answers is never a header fact: "the confinement ratio per frame" asks no frame count)
    // ("what's the pixel size?": a property's own phrase of two words or more names the header fact, not an object's size)
    const measured = readQuestion(plan.question).quantity.size > 0 && !namesOnlyAHeaderFact(plan.question) && answerFromTable(plan.question, conversation) !== undefined;
    const header = conversation.current.length === 0 && conversation.earlier.some((r) => r.ok) && !measured ? answerFromHeader(plan.question, conversation.artifactsAtStart, undefined, toldCalibration(all)) : undefined;
    if (header) return `${header}.`;
    // ("how many at 4 minutes?": the frame nearest that time, when the frame interval is known; units are left out below)
    // "segment the nuclei and tell me which frame has the fewest": the question after the steps is answered from their results
    const after = conversation.current.length > 0 ? askedPart(plan.question) : undefined;
    const question = after?.text ?? plan.question;
    // "how fast do they move and how big are they?": each part answered on its own
    // ("segment ..., track it and tell me its volume and speed": the parts with the words that ask them, "tell me ...")
    const askingTail = after ? plan.question.slice(after.from).replace(/^[\s,;]*(?:and|then|,)?\s*/i, '') : undefined;
    // ("track the nuclei. the fastest cell: how long is its track?": the question in the last sentence, after the steps asked)
    const sentences = plan.question.split(/(?<=[.!;])\s+/).filter((s) => s.trim());
    const lastSentence = sentences.length > 1 ? sentences.at(-1) : undefined;
    // ("the cell that divided first, how big was it before it split?": the mother of that division, in its last frame before it)
    const divider = dividerAnswer(question, conversation);
    if (divider) return `${divider}.`;
    // "how many nuclei are there over the entire movie?": the count in every frame as a range and a mean, never one total
    const overMovie = countOverTheMovie(question, conversation, all);
    if (overMovie) return `${overMovie}.`;
    const asked = questionPartsOf(question) ?? (askingTail ? questionPartsOf(askingTail) : undefined) ?? (lastSentence ? questionPartsOf(lastSentence) : undefined);
    // (a calibration told with the question is no value asked: "mean area in µm², pixel size 0.65 um" never answers with the pixel size)
    // ("which one moved the farthest and how fast did it go?": "it" of a part is the thing the part before picked, track 7)
    const parts: (string | undefined)[] | undefined = asked ? [] : undefined;
    for (const [i, said] of (asked ?? []).entries()) {
      const part = i > 0 ? withPickedThingNamed(said, parts![i - 1]) : said;
      // ("mean area? is that number of pixels?": the unit of the value the part before gave, yes or no; unitAskedWhether.ts)
      const unitWhether = i > 0 ? unitWhetherAnswer(said, parts![i - 1]) : undefined;
      if (unitWhether) {
        parts!.push(unitWhether);
        continue;
      }
      const partAnswer = fileWrittenFor(part, conversation) ?? answerFromTable(part, conversation) ?? answerFromValues(withoutUnits(withoutToldCalibration(part)), conversation, all);
      // (each part as the whole question is: "when" gets the frame's time, a yes/no question its verdict)
      parts!.push(partAnswer === undefined ? undefined : finishedAnswer(partAnswer, said, conversation));
    }
    // (two parts one value answers are answered once)
    if (parts?.every((a) => a !== undefined)) return [...new Set(parts.map((a) => `${a}.`))].join('\n');
    // "tell me its volume and speed" with a speed only: the speed, and the volume named as not answered (never dropped)
    if (asked && parts?.some((a) => a !== undefined)) return parts.map((a, i) => (a !== undefined ? `${a}.` : notAnsweredPart(asked[i], conversation))).join('\n');
    // ("try it again with triangle, do we get more or fewer nuclei?": a step run again this turn, with what it changed,
    // answers a comparison that names no two parts of the movie: its own account compares the new run with the old one)
    const rerun = conversation.current.find((r) => r.ok && typeof r.args.tool === 'string' && /\bcompared with\b/i.test(r.summary));
    if (rerun && RUN_COMPARED.test(plainQuestion(question)) && readQuestion(question).compare === undefined) return rerun.summary;
    // ("is it bleaching?" with the correction run only to measure: its first-to-last change is the yes or no)
    const measuredOnly = measuredOnlyVerdict(question, ran);
    if (measuredOnly) return withStop(measuredOnly);
    const timed = timeAsFrame(question, conversation);
    // (a value a step declares, asked by its own words, before any table: "how fast does the signal bleach?" is no track speed)
    const found = comparedDeclaredResult(question, all, (tool) => findTool(tool), knownPixelSizeUm(conversation)) ?? declaredResultAnswer(question, all, (tool) => findTool(tool), askedTimeUnit(question)) ?? answerFromTable(question, conversation) ?? (question !== plan.question ? answerFromTable(plan.question, conversation) : undefined) ?? answerFromValues(withoutUnits(withoutToldCalibration(timed.question)), conversation, all);
    // ("whats the typical nucleus diameter?" with no row at hand: the diameter of the circle of the mean area, sizeAcross.ts)
    const across = found ? undefined : sizeAcrossFromMeanArea(question, all, knownPixelSizeUm(conversation));
    if (across) return withStop(across);
    // ("segment with Li and tell me how many there are in frame 5": the step ran on that frame alone, singleFrameCount.ts)
    const oneFrame = found ? undefined : countInTheOneFrameRun(question, ran, startingFrameCount(conversation));
    if (oneFrame) return withStop(oneFrame);
    // ("are the cells moving?" with no row of the tracks to count: the mean net displacement, over or within a centroid's jitter)
    const moving = found ? undefined : movingVerdictFromMean(question, ran, knownPixelSizeUm(conversation));
    if (moving) return withStop(moving);
    // ("is the mean speed above 1 px/frame?" with no row at hand: the mean a step reported, compared with the number)
    const averaged = found ? undefined : averageFromValues(question, conversation, all);
    if (averaged) return withStop(averaged);
    // ("how reliable is that?": an answer with no interval of its own says what is known of its uncertainty)
    const unsure = found && readQuestion(question).uncertainty ? uncertaintyNotGiven(found, conversation, all) : '';
    // ("average speed of tracks longer than 10 frames" with no row at hand: the value over all, and the rows asked named as not picked)
    const unpicked = found && !timed.note ? rowsNotPicked(question, ran) : '';
    if (found) return `${withStop(finishedAnswer(`${found}${timed.note}`, question, conversation))}${unsure}${unpicked}`;
    if (ran.length === 0) return `I could not find that in the results so far. ${notUnderstood(plan.question, new Map())}`;
    // a question a step answered without a value to quote ("what's in this file?"): its summary is the answer; a quantity
    // asked that no value of a measuring step answers is said so, never passed over with the step's account alone
    const last = ran.at(-1)!;
    const measuring = last.artifacts.some((a) => a.type === 'table');
    // ("the 5 biggest nuclei", "the slowest track" and no row of the step's table to read: the mean it reported of that
    // quantity, said as the mean, with why the extreme is not given)
    // ("average speed of tracks longer than 10 frames" and no row to pick them from: the value over all, said so, the rule named)
    const notPicked = measuring ? rowsNotPicked(question, ran) : '';
    const overAll = notPicked && readQuestion(question).quantity.size > 0 ? answerFromValues(`the mean ${[...readQuestion(question).quantity].join(' ')}`, conversation, [last]) : undefined;
    if (overAll) return `${last.summary}\n${withStop(overAll)}${notPicked}`;
    const meanOfIt = measuring && unreadTables(last).length ? meanInsteadOfExtreme(question, conversation, last) : undefined;
    if (meanOfIt) return `${last.summary}\n${withStop(meanOfIt)}`;
    // ("at which frame are there more than 50 nuclei?", "does the cell number go up or down?" and no row of the table to
    // read: the counts per frame it needs are said as not read, never the step's account alone as if it answered)
    const overFrames = readQuestion(question);
    // ("did they slow down after the drug at frame 25?": a quantity compared between parts of the movie needs its rows too)
    const comparedQuantity = overFrames.quantity.size > 0 && overFrames.compare !== undefined;
    if (measuring && unreadTables(last).length && comparedQuantity) {
      return `${last.summary}\nNot answered: "${plainQuestion(question).trim().replace(/[?.!\s]+$/, '')}" compares ${framesSaid(overFrames)}, which needs the values in each frame, from the rows of ${unreadTables(last).join(', ')}, which I could not read, so I give no number for it.`;
    }
    if (measuring && unreadTables(last).length && readQuestion(question).quantity.size === 0 && (overFrames.whichFrame || overFrames.perFrame || overFrames.compare !== undefined || (overFrames.reduce === 'count' && (overFrames.condition !== undefined || overFrames.frame !== undefined || overFrames.frames !== undefined || FRACTION_SCOPE.test(question))))) {
      return `${last.summary}\nNot answered: "${plainQuestion(question).trim().replace(/[?.!\s]+$/, '')}" needs the counts in each frame, from the rows of ${unreadTables(last).join(', ')}, which I could not read, so I give no number for it.`;
    }
    return measuring && readQuestion(question).quantity.size > 0 ? `${last.summary}\nNot answered: no value in ${last.artifacts.filter((a) => a.type === 'table').map((a) => a.id).join(', ')} or in ${last.tool}'s results is "${plainQuestion(question).trim().replace(/[?.!\s]+$/, '')}", so I give none (ask for one of its columns by name).` : last.summary;
  }
  // ("how many cells are in each frame? give me a plot": a question beside the steps, no question of the plan's own, is answered from their results)
  const beside = askedBesideSteps(conversation);
  if (beside) return `${beside}.`;
  return withQuantityAsked(withCountAsked(briefAnswer(ran), conversation), conversation);
}

/**
 * "how many nuclei over the entire movie?", "cell count across the full time-lapse": the objects in every frame, from the
 * newest table of objects per frame, else from a step's own count per frame (a declared value "in each frame"), with
 * the tracks where a step made them (frameSummary.ts says it). Undefined when nothing counted per frame is held.
 */
function countOverTheMovie(question: string, conversation: Conversation, results: PastResult[]): string | undefined {
  const plain = plainQuestion(question);
  if (!countsOverTheMovie(plain) || !countsThings(question)) return undefined;
  const things = /\bnucle/i.test(plain) ? 'nuclei' : /\bcells?\b/i.test(plain) ? 'cells' : 'objects';
  const ok = [...results].reverse().filter((r) => r.ok);
  const made = ok.find((r) => r.artifacts.some((a) => a.type === 'tracks') && typeof r.values.tracks === 'number');
  const tracks = made ? { n: made.values.tracks as number, source: made.artifacts.find((a) => a.type === 'tracks')!.id } : undefined;
  const held = countsPerFrameHeld(conversation, results);
  return held ? countOverTheMovieText(things, held.perFrame, held.first, held.source, tracks) : undefined;
}

/** The objects counted in each frame: from the newest table of objects per frame, else a step's own count per frame (a declared value "in each frame"). */
function countsPerFrameHeld(conversation: Conversation, results: PastResult[]): { perFrame: number[]; first: number; source: string } | undefined {
  const table = tablesOf(conversation).find(({ table: t }) => t.columns.includes('t') && t.columns.includes('label') && t.rows.length > 0);
  if (table) {
    const ts = table.table.rows.map((r) => r.t).filter((t): t is number => typeof t === 'number');
    const [first, last] = [Math.min(...ts), Math.max(...ts)];
    return { perFrame: Array.from({ length: last - first + 1 }, (_, i) => ts.filter((t) => t === first + i).length), first: first + 1, source: table.artifact.id };
  }
  for (const r of [...results].reverse().filter((x) => x.ok)) {
    const declared = findTool(r.tool)?.results ?? {};
    const key = Object.keys(r.values).find((k) => declared[k]?.unit === '' && /\b(?:each|every|per)\s+frame\b/i.test(declared[k]?.about ?? '') && Array.isArray(r.values[k]) && (r.values[k] as unknown[]).length > 0 && (r.values[k] as unknown[]).every((x) => typeof x === 'number'));
    if (key) return { perFrame: r.values[key] as number[], first: 1, source: r.artifacts[0]?.id ?? r.tool };
  }
  return undefined;
}

/**
 * "how reliable is that?" after an answer no spread of values came with (a count a step reported): the count per frame's
 * standard error and confidence interval where one is held, else that none can be given; and every doubt a step that
 * ran recorded of its own result. '' when the answer gave its interval already.
 */
function uncertaintyNotGiven(answer: string, conversation: Conversation, results: PastResult[]): string {
  if (/confidence interval/i.test(answer)) return '';
  const held = /\bper\s+frame\b/i.test(answer) ? countsPerFrameHeld(conversation, results) : undefined;
  const spread = held && held.perFrame.length > 1
    ? `The count per frame over ${held.perFrame.length} frames: ${uncertaintyOfMean(held.perFrame, (v) => numberValueText(v))}; the frames hold mostly the same cells, so they are not independent.`
    : 'No spread of values is held for that number, so I give no standard error or confidence interval: it is one value, as reliable as the step that made it.';
  const doubts = results.filter((r) => r.ok && typeof r.values?.doubt === 'string' && r.values.doubt.length > 0).map((r) => `Check ${r.tool}'s result: ${r.values!.doubt as string}`);
  return `\n${[spread, ...doubts].join('\n')}`;
}

/** The frame interval a step that sets what later steps read was given (set_calibration's frameIntervalS), s; undefined when none. */
function intervalSet(conversation: Conversation): number | undefined {
  const set = [...conversation.earlier, ...conversation.current].filter((r) => r.ok && selfOf(r.tool)?.appliesToLaterSteps === true && typeof r.args.frameIntervalS === 'number' && r.args.frameIntervalS > 0).at(-1);
  return set?.args.frameIntervalS as number | undefined;
}

/**
 * "is the mean speed above 1 px/frame?", "are the nuclei bigger than 100 px on average?" where no table row is at hand:
 * the mean a step reported of the quantity (the question without its number), with the verdict against the number when
 * the units agree (averageCompared.ts); undefined when the question compares no average or no value answers it.
 */
function averageFromValues(question: string, conversation: Conversation, results: PastResult[]): string | undefined {
  const statistic = averageCompared(question, plainQuestion);
  const condition = statistic ? readQuestion(question).condition : undefined;
  if (!statistic || !condition || condition.relative) return undefined;
  const compared = /\b(?:than\s+)?(?:about\s+|around\s+|roughly\s+|~\s*)?\d[\d.,]*\s*(?:[^\s\d?.,;]+(?:\s*(?:\/|per)\s*[^\s?.,;]+)?)?/i;
  const without = plainQuestion(question).replace(/^\W*(?:(?:so|and|ok(?:ay)?|now|also)\W+)*(?:is|are|was|were|does|do|did|has|have)\s+/i, '').replace(compared, ' ').replace(/\b(?:above|over|below|under|exceed\w*|at\s+(?:least|most))\b/gi, ' ');
  const found = answerFromValues(`what is the ${statistic === 'median' ? 'median' : 'mean'} ${without}`.replace(/\s+/g, ' ').trim(), conversation, results);
  if (!found) return undefined;
  return quotedVerdict(found, condition, statistic, { pixelSizeUm: knownPixelSizeUm(conversation), intervalS: movieIntervalS(conversation) ?? intervalSet(conversation) }) ?? `${found}; I could not compare it with ${condition.value}${condition.unit ? ` ${condition.unit}` : ''}: that needs the pixel size and the frame interval to convert, and not both are known (set_calibration sets them)`;
}

/** A sentence ended once: "(table-1)." never "(table-1).." when the answer ends with its own stop. */
function withStop(text: string): string {
  return /[.!?]\s*$/.test(text) ? text.trimEnd() : `${text}.`;
}

/** The one sentence of the request that asks (a question beside the steps asked), answered from a table, or undefined. */
function askedBesideSteps(conversation: Conversation): string | undefined {
  if (!conversation.current.some((r) => r.ok)) return undefined;
  const asked = withoutDrawnParts(conversation.request, conversation).split(/(?<=[.!?;])\s+/).map((x) => x.trim()).filter((x) => x && isAskedForm(x));
  return asked.length === 1 ? answerFromTable(asked[0], conversation) : undefined;
}

/**
 * A part that asks for a file in the format a step of this turn wrote ("give me the tracks as CSV", "... as
 * TrackMate XML"): that step's summary, which names the file, answers it; never a value looked up by its words.
 */
function fileWrittenFor(part: string, conversation: Conversation): string | undefined {
  const wrote = conversation.current.find((r) => r.ok && typeof r.args.format === 'string' && r.args.format.length > 1 && new RegExp(`\\b${r.args.format.replace(/[^\w]/g, (ch) => `\\${ch}`)}\\b`, 'i').test(part));
  if (!wrote) return undefined;
  const summary = wrote.summary.replace(/[.\s]+$/, '');
  const format = String(wrote.args.format);
  return summary.toLowerCase().includes(format.toLowerCase()) ? summary : `${summary} (${format})`;
}

/**
 * One line for a part of a question no result answers: what was asked, and why: what a step run for
 * it said it could not do ("Volumes not measured: the labels are a single z slice"), else that nothing so far holds it.
 */
function notAnsweredPart(part: string, conversation: Conversation): string {
  const asked = `Not answered: "${part.replace(/[?.!\s]+$/, '').replace(/^(?:and|also|so)\s+/i, '')}"`;
  const why = conversation.current.filter((r) => r.ok).flatMap((r) => r.summary.split(/(?<=\.)\s+/)).filter((sentence) => /\b(?:not|needs?|cannot|can't)\b/i.test(sentence));
  return why.length ? `${asked}: ${why.join(' ')}` : `${asked} is in none of the results so far (no table column or step value of that name); ask me to measure it and I will.`;
}

/**
 * The scope without its channel when the steps ran on that channel alone ("segment the nuclei in channel 1 and count them
 * per frame": the counts are channel 1's); a channel no step ran on alone is still for the tables to answer.
 */
function withChannelRunOn(scope: QuestionScope, results: PastResult[]): QuestionScope {
  if (scope.channels?.length !== 1) return scope;
  const ran = results.filter((r) => r.ok && r.args.channel !== undefined);
  return ran.length > 0 && ran.every((r) => Number(r.args.channel) === scope.channels![0]) ? { ...scope, channels: undefined } : scope;
}

/** A request that asks for a count among its steps ("segment the cells in channel 2 and count them", "count the nuclei"). */
const COUNT_ASKED = /\b(?:count|counts|counting|enumerate|tally)\b(?!\s+(?:as|towards?|on)\b)|\bhow many\b|\bnumber of\b|\b(?:nr|no)\.?\s+of\b/i;

/** The count a request asked for, after what ran: the steps' summary alone ("Done: find nuclei → labels-1") does not say it. */
function withCountAsked(brief: string, conversation: Conversation): string {
  if (!COUNT_ASKED.test(conversation.request) || conversation.current.length === 0) return brief;
  // ("mitosis count please", "nr of mitoses": the things the count names, divisions or tracks, else the objects per frame)
  const kind = countedKind(conversation.request);
  const counted = answerFromValues(kind ? `how many ${kind}?` : 'how many objects per frame?', conversation, conversation.current.filter((r) => r.ok));
  return counted && !brief.includes(counted) ? `${brief} ${counted}.` : brief;
}

/**
 * The quantity a request asked for in physical units among its steps ("measure the cell areas in µm² (pixel size 0.2
 * µm)"), after what ran, from the table made: the steps' summary alone ("Done: ... measure objects → table-1") does not
 * quote it, and units asked are a number asked.
 */
function withQuantityAsked(brief: string, conversation: Conversation): string {
  if (!asksPhysicalUnits(conversation.request) || !conversation.current.some((r) => r.ok && r.artifacts.some((a) => a.type === 'table'))) return brief;
  const asked = withoutToldCalibration(conversation.request);
  if (readQuestion(asked).quantity.size === 0) return brief;
  const value = answerFromTable(asked, conversation);
  return value && !brief.includes(value) ? `${brief} ${value}.` : brief;
}

/** A value per frame of a step run on frames offset+1 onwards: the frame asked, or each frame by its own number. */
function seriesFromFrame(name: string, series: number[], scope: QuestionScope, unit: string, source: string, offset: number): string {
  const n = series.length;
  const frames = n === 1 ? `frame ${offset + 1}` : `frames ${offset + 1}-${offset + n}`;
  if (scope.frame !== undefined) {
    const i = scope.frame === 'last' ? n - 1 - (scope.beforeLast ?? 0) : scope.frame === 'first' ? 0 : scope.frame - 1 - offset;
    if (i < 0 || i >= n) return `There is no frame ${scope.frame} in what was measured: ${name} covers ${frames} (from ${source})`;
    return `${capitalize(name)} in frame ${i + 1 + offset} = ${formatValue(series[i])}${unit} (from ${source})`;
  }
  const shown = series.map((v, i) => `frame ${i + 1 + offset}: ${formatValue(v)}`);
  return `${capitalize(name)}${unit ? ` (${unit.trim()})` : ''}, ${frames} only: ${shown.join(', ')} (from ${source})`;
}

/** A change the question asks about, upwards ("more", "bigger", "increasing", "speed up") or downwards ("fewer", "going down", "fade"). */
const UPWARDS = /\b(?:more|bigger|larger|faster|quicker|brighter|higher|longer|greater|further|farther|increas\w*|up|grow\w*|grew|gain\w*|ris(?:e|es|ing)|rose|accelerat\w*)\b/i;
const DOWNWARDS = /\b(?:fewer|less|smaller|slower|dimmer|fainter|lower|shorter|decreas\w*|down|drop\w*|declin\w*|fall\w*|fell|fad(?:e|es|ed|ing)|shr[iau]nk\w*|decay\w*|decelerat\w*|los(?:e|es|ing|t))\b/i;
const START_WORDS = /\b(?:first|start|beginning|initial\w*|earlier|early|onset)\b/i;
const END_WORDS = /\b(?:last|end|final\w*|later|late|second half|latter)\b/i;

/** A comparison of two runs asked ("more or fewer nuclei?", "did it change?", "any difference?"). */
const RUN_COMPARED = /\b(?:more|fewer|less|bigger|smaller|larger|higher|lower|chang\w*|differ\w*|same|as many)\b/i;

/** A change over the movie asked ("going down over time", "by the end", "than we started with"): answered by a change, never by one total. */
const TREND_ASKED = /\bover\s+(?:time|the\s+(?:movie|recording|experiment|time-?lapse|course))\b|\b(?:by|at|towards?)\s+the\s+end\b|\bthan\s+(?:we|it|they|you|i|there)\s+(?:start\w*|beg[ai]n)|\bend(?:s|ed)?\s+up\b|\b(?:going|goes|go|went)\s+(?:up|down)\b|\b(?:increas|decreas|declin|grow|grew|drop|ris|fall|fell)\w*/i;

/** A question whether something stays as it is ("stable", "constant", "stay the same", "unchanged"). */
const STEADY = /\b(?:stable|steady|constant|flat|unchanged|stay(?:s|ed)? (?:the )?same|remain(?:s|ed)? (?:the )?same|stays? put|consistent)\b/i;
/** The largest change, first to last, still read as steady. */
const STEADY_TOLERANCE = 0.05;
/** An answer that compares counts of objects (exact numbers, no noise to tolerate). */
const COUNTED_PER_FRAME = /^\s*(?:objects|nuclei|cells|tracks|divisions) per frame\b|^\s*(?:objects|nuclei|cells)\b[^:]*:\s*\d+\s+in\b/i;

/** The change from the first to the last value an answer quotes ("(+12%)", "down from 1045 in frame 1 to 806 in frame 6"), as a fraction. */
function relativeChange(answer: string): number | undefined {
  const percent = /\(([+-][\d.]+)%\)/.exec(answer);
  if (percent) return Number(percent[1]) / 100;
  const ends = /\b(?:up|down) from (-?[\d.]+)(?:\s*[^\d\s;,]*)?(?: in frame \d+)? to (-?[\d.]+)/.exec(answer);
  if (ends && Number(ends[1]) !== 0) return (Number(ends[2]) - Number(ends[1])) / Number(ends[1]);
  if (/;\s*unchanged\b/.test(answer)) return 0;
  return undefined;
}

/** The direction a yes/no question claims: +1 up, -1 down, 0 any change, undefined none (an existence question). */
function claimedDirection(question: string): number | undefined {
  const q = plainQuestion(question);
  const up = UPWARDS.exec(q);
  const down = DOWNWARDS.exec(q);
  let direction = up && (!down || up.index < down.index) ? 1 : down ? -1 : /\bchang\w*|\bdiffer\w*/i.test(q) ? 0 : undefined;
  // "more at the start than at the end": the start is said to be higher, so it went down
  const start = START_WORDS.exec(q);
  const end = END_WORDS.exec(q);
  if (direction && /\bthan\b/i.test(q) && start && end && start.index < end.index) direction = -direction;
  return direction;
}

/**
 * A yes/no question answered "Yes" or "No" first, the answer as the evidence: a change in the
 * direction asked ("is the area going down?", "more cells at the end than at the start?"), a
 * condition some rows meet ("are any cells faster than ..."), or something there at all ("are
 * there any divisions?", "do the cells divide?"). Unchanged when the answer cannot tell.
 */
export function withVerdict(question: string, answer: string): string {
  // (an answer that gives its own verdict, "Yes: 3 of 4 tracks moved", "No clear preferred direction: ...", keeps that one: one prefix per answer)
  if (/^\s*(?:yes|no)\b\s*[:,.]|^\s*no clear\b/i.test(answer)) return answer;
  const say = (yes: boolean) => `${yes ? 'Yes' : 'No'}: ${answer}`;
  // "is the signal stable?", "does the count stay the same?": the change from the first to the last value, within 5%
  if (STEADY.test(plainQuestion(question))) {
    const change = relativeChange(answer);
    if (change !== undefined) return `${Math.abs(change) <= STEADY_TOLERANCE ? 'Yes' : 'No'}: ${answer} (${change >= 0 ? '+' : ''}${Number((change * 100).toPrecision(3))}% from first to last; within ±${STEADY_TOLERANCE * 100}% counts as steady)`;
  }
  // "is that significant?": the test's verdict, not the direction's ("Yes: ... not significant" read as a yes)
  const tested = /\b(not )?significant at the 5% level\b/.exec(answer);
  if (tested && /\bsignifican/i.test(plainQuestion(question))) return say(!tested[1]);
  const direction = claimedDirection(question);
  // a change between two parts of the movie, or over the whole series
  const change = /\(([+-][\d.]+)%\)/.exec(answer)?.[1] ?? (/;\s*up from\b/.test(answer) ? '1' : /;\s*down from\b/.test(answer) ? '-1' : /;\s*unchanged\b/.test(answer) ? '0' : undefined);
  if (change !== undefined && direction !== undefined) {
    // a measured mean that moved by less than the tolerance is no clear change either way ("is it bleaching?" at -0.6%);
    // a count is exact and keeps its verdict
    const percent = /\(([+-][\d.]+)%\)/.exec(answer)?.[1];
    if (percent !== undefined && Math.abs(Number(percent)) < STEADY_TOLERANCE * 100 && !COUNTED_PER_FRAME.test(answer)) {
      return `No clear change: ${answer}; a change of ${percent}% is within ±${STEADY_TOLERANCE * 100}%, taken as none`;
    }
    const sign = Math.sign(Number(change));
    return say(direction === 0 ? sign !== 0 : sign === direction);
  }
  // ("is the cell number going down over time?" answered by one total, "Objects = 1200": a change asked, none quoted, no verdict
  // from the total's being above zero)
  if (direction !== undefined && change === undefined && !/^\d+ of \d+\b/.test(answer) && (TREND_ASKED.test(plainQuestion(question)) || (START_WORDS.test(plainQuestion(question)) && END_WORDS.test(plainQuestion(question))))) {
    // (one value over the whole movie says nothing of the change: said so, with what would answer it)
    return /=\s*-?[\d.]+/.test(answer) && !/\bframe\b/i.test(answer) ? `${answer.replace(/[.\s]+$/, '')}; that is one value over the whole movie, not how it changed: the change needs the value in each frame (from the first frame to the last), which no result at hand holds` : answer;
  }
  // "3 of 12 tracks have ...": some (or, asked of all, every one)
  const share = /^(\d+) of (\d+)\b/.exec(answer);
  if (share) return say(/\b(?:all|every)\b/i.test(question) ? Number(share[1]) === Number(share[2]) && Number(share[2]) > 0 : Number(share[1]) > 0);
  // "are there any ...", "do they divide?", "are they moving at all?": a count or amount above zero;
  // "are the cells dividing?" answered by a count of events or things: some or none
  const counted = /^(?:(?:divisions?|objects?|tracks?|branches|cells?|nuclei|splits?|gaps?|events?|mitos[ie]s)\b[\w ()]*?=\s*(\d+)\b|(\d+)\s+(?:divisions?|objects?|tracks?|cells?|nuclei|events?|mitos[ie]s)\b)/i.exec(answer);
  if (counted) return say(Number(counted[1] ?? counted[2]) > 0);
  if (/\bany\b|\bat all\b|^\W*(?:(?:so|and|ok(?:ay)?)\W+)?(?:(?:is|are|was|were)\s+there|do|does|did)\b/i.test(plainQuestion(question))) {
    const value = /(?:=|:)\s*(-?[\d.]+)|^(\d+)\s+\w+/.exec(answer);
    const n = Number(value?.[1] ?? value?.[2]);
    if (value && Number.isFinite(n)) return say(n > 0);
  }
  return answer;
}

/** A message that ends by telling the person what to do next: "...: say which channel", "...; start one first". */
const OWN_NEXT_STEP = /[:;]\s*(?:say|start|give|ask|name|choose|add|use|pick)\b[^:;]*[.!]?\s*$/i;

export function failureAnswer(failed: PastResult, done: PastResult[]): string {
  const before = done.filter((r) => r.ok).map((r) => `${r.tool} (${r.artifacts.map((a) => a.id).join(', ') || 'done'})`);
  // a call the person declined (the approval gate) did not fail: say what was not done
  const declined = /(?:^|: )(not done: .*)$/i.exec(failed.error ?? '');
  if (declined) return `${capitalize(withoutToolPrefix(failed.tool, declined[1]))}${before.length ? ` Done before it: ${before.join(', ')}.` : ''}`;
  const why = withoutToolPrefix(failed.tool, failed.error ?? failed.summary);
  // (a failure that already ends with what to do, "...: say what to image to start a new acquisition", needs no second, vaguer one)
  const next = OWN_NEXT_STEP.test(why) ? '' : ' Tell me what to change (e.g. another value for the argument named) and I will run it again.';
  return `${failed.tool} did not work: ${why}${before.length ? ` Finished before it: ${before.join(', ')}.` : ''}${next}`;
}


/**
 * What a tool does, as a verb phrase for answers ("correct stage drift", "draw a kymograph"),
 * from the first words of its own summary: nothing to keep beside the tool.
 */
export function verbFor(tool: string, catalogue?: Catalogue): string {
  const summary = (catalogue?.get(tool)?.self ?? findTool(tool))?.summary;
  if (!summary) return tool.replace(/_/g, ' ');
  // (an aside in brackets is not where the phrase ends: "Predicts a fluorescence (nucleus) channel from ...")
  const text = summary.replace(/\s*\([^)]*\)/g, '');
  const first = text.split(/[.;:(]|,\s|\s(?:and|by|with|from|into|in every|so that|then|when|to match|for|over|as)\s/)[0].trim();
  const [head, ...rest] = first.split(/\s+/);
  // "Corrects" → "correct", "Applies" → "apply", "Undoes" → "undo"
  const verb = head.toLowerCase().replace(/ies$/, 'y').replace(/oes$/, 'o').replace(/(ss|sh|ch|x|z)es$/, '$1').replace(/([^s])s$/, '$1');
  let words = [verb, ...rest.slice(0, 4)];
  // a phrase cut short (by the word limit or a list) ends before its last preposition, on the object of the verb:
  // "embed per-cell features in two" -> "embed per-cell features", "simulate a time-lapse of moving" -> "simulate a time-lapse"
  const cutShort = rest.length > 4 || text.slice(first.length).startsWith(',');
  const lastPreposition = words.findLastIndex((w, i) => i >= 2 && /^(?:of|in|between|from|to|on|at|with|through|across)$/i.test(w));
  if (cutShort && lastPreposition >= 2) words = words.slice(0, lastPreposition);
  // (a phrase cut after its preposition ends on the object before it: "score tracks or masks against" -> "score tracks or masks")
  while (words.length > 1 && /^(?:a|an|the|to|of|on|in|at|its|this|against|between|across|onto|under|below|above|along|per|each|every|or|and)$/i.test(words.at(-1)!)) words.pop();
  return words.join(' ');
}

/** Says what was understood and offers the closest actions. */
/** A range of frames or time points said as the scope of a request ("frames 10 to 20", "the first 5 frames", "timepoints 3-8 only"). */
const FRAME_SCOPE = new RegExp(String.raw`\b(?:(?:frames?|time ?points?|timepoints?)\s+\d+\s*(?:-|–|to|through|until|and)\s*\d+|(?:the\s+)?(?:first|initial|${LAST_ADJECTIVE})\s+\d+\s+(?:frames|time ?points|timepoints))(?:\s+only)?\b`, 'i');

/** A word of leaving out in the words before a frame scope, in the same clause ("ignore nuclei in", "not counting", "except"). */
const LEFT_OUT_BEFORE = /\b(?:ignor\w*|skip\w*|leav\w*\s+out|exclud\w*|except|omit\w*|disregard\w*|drop\w*|discard\w*|remov\w*|delet\w*|cut(?:ting)?\s+out|throw\w*\s+(?:out|away)|toss\w*|get(?:ting)?\s+rid\s+of|not(?:\s+counting|\s+including)?|without|apart\s+from|other\s+than|minus)\b[^.,;:!?]*$/i;

/** Words that name the instrument or an acquisition ("the microscope", "laser", "image every 5 min", "exposure"). */
const MICROSCOPE_SAID = /\b(?:microscope|scope|laser|lasers|power|exposure|acquisition|acquire|acquiring|live\s+imaging|imaging|time-?lapse\s+(?:run|acquisition)|every\s+\d|objective|stage|autofocus|focus|snap|dose|camera|illumination|led|lamp|position|positions)\b/i;

export function notUnderstood(text: string, catalogue: Catalogue): string {
  const understood: string[] = [];
  const qs = findQuantities(text).filter((q) => q.kind !== 'count' || q.value > 1);
  if (qs.length) understood.push(`the numbers ${qs.map((q) => `${q.value}${q.unit ? ' ' + q.unit : ''}`).join(', ')}`);
  const channel = findChannel(text);
  if (channel !== undefined) understood.push(`channel ${channel}`);
  const paths = findPaths(text);
  if (paths.length) understood.push(`the file ${paths[0]}`);
  const ids = findArtifactIds(text);
  if (ids.length) understood.push(ids.join(', '));
  // the closest tools by their own words; else the usual makers of each kind of result
  // (a request about the data, "squash the z-stack", "deconvolve the images", is closest to the analysis steps: a tool that
  // runs the microscope comes first only where the words name the instrument or an acquisition)
  const aboutTheMicroscope = MICROSCOPE_SAID.test(text);
  const domainOf = (t: string) => ((catalogue.get(t)?.self ?? findTool(t)) as { domain?: string } | undefined)?.domain;
  const analysisFirst = (a: string, b: string) => (aboutTheMicroscope ? 0 : Number(domainOf(a) === 'microscope') - Number(domainOf(b) === 'microscope'));
  const close = indexFor(catalogue).match(text).map((m) => m.tool).filter((t) => catalogue.size === 0 || catalogue.has(t)).sort(analysisFirst);
  const makers = (catalogue.size ? [...catalogue.keys()] : ALL_TOOLS.map((t) => t.name)).filter((t) => ((catalogue.get(t)?.self ?? findTool(t))?.makes ?? []).length > 0).sort(analysisFirst);
  const closest = [...new Set([...close, ...makers])].sort(analysisFirst).slice(0, 3).map((t) => verbFor(t, catalogue));
  // a method or program named that no tool offers ("use BM3D", "apply CLAHE"): said, not passed over
  const index = indexFor(catalogue);
  const unknownNames = [...text.matchAll(/[\p{L}\d][\p{L}\d-]*/gu)].map((m) => m[0])
    .filter((w) => (/\p{Lu}/u.test(w.slice(1)) || /\d/.test(w) || /-/.test(w)) && /\p{L}/u.test(w) && tokenize(w).length > 0 && tokenize(w).every((t) => !index.recognizes(t)))
    // (a channel's name is something understood, never a method no tool offers: "colocalisation of GFP and RFP")
    .filter((w) => !CHANNEL_NAMES.some((c) => c.toLowerCase() === w.toLowerCase()));
  const notOffered = unknownNames.length ? ` No tool of mine offers ${[...new Set(unknownNames)].map((w) => `"${w}"`).join(', ')}, so I ran nothing.` : '';
  // a scope of frames with no step named ("analyse frames 10 to 20 only"): ask what to run on them, naming the options
  const scope = FRAME_SCOPE.exec(text);
  // ("ignore nuclei in the first 5 frames", "skip frames 1-4": frames said as left out are asked as left out, never as the ones to run on)
  const leftOut = scope && LEFT_OUT_BEFORE.test(text.slice(0, scope.index));
  if (scope && leftOut) return `Which steps should I run, leaving out ${scope[0].replace(/\s+only$/i, '')}? I can ${closest.join(', ') || 'correct drift, segment, track'}; say, for example, "segment and track the nuclei, leaving out ${scope[0].replace(/\s+only$/i, '')}".`;
  if (scope) return `Which steps should I run on ${scope[0].replace(/\s+only$/i, '')}? I can ${closest.join(', ') || 'correct drift, segment, track'}; say, for example, "segment and track the nuclei in ${scope[0].replace(/\s+only$/i, '')}".`;
  // ("save the masks as OME-Zarr", "the tracks as a .mat file": a kind of file no tool writes is the part not done, named
  // with the formats there are, never "I did not understand")
  const unwritten = unwrittenFileLine(text, catalogue, '');
  if (unwritten) return `${unwritten} I can ${closest.join(', ') || 'correct drift, segment, track'}.`;
  // (what was not understood is the request itself, quoted, beside the parts that were: "colocalisation of GFP and mCherry"
  // names the colocalisation asked, never only the channel)
  const heard = (understood.length ? `I understood ${understood.join(', ')} in "${text.slice(0, 80)}", but not what to do with ${understood.length > 1 ? 'them' : 'it'}.` : `I did not understand "${text.slice(0, 80)}".`) + notOffered;
  return `${heard} I can ${closest.join(', ') || 'correct drift, segment, track'}; for example: "correct the drift, then segment and track the nuclei", or ask "which denoising method should I use?".`;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The executor's errors start with "TOOL failed: "; the answer names the tool already. */
function withoutToolPrefix(tool: string, message: string): string {
  const text = message.startsWith(`${tool} failed: `) ? message.slice(tool.length + 9) : message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * An earlier step cited shortly: its tool and the head of its summary's first sentence (what it found, with the
 * parentheses that close within ~120 characters: "Tracked 30 objects in 6 frames into 5 tracks (5 branches, 0
 * divisions)"), never the whole summary (the step's card holds it).
 */
export function shortCitation(result: { tool: string; summary: string }): string {
  const first = (result.summary.split(/(?<=[.!?])\s+/)[0] ?? '').replace(/[.;:,\s]+$/, '');
  const LIMIT = 120;
  let head = first;
  if (head.length > LIMIT) {
    // the end of the last parenthesis closed within the limit, else before the first one opened, else at a word
    const closed = head.slice(0, LIMIT).lastIndexOf(')');
    const opened = head.indexOf(' (');
    head = closed > 0 && (opened < 0 || closed > opened) ? head.slice(0, closed + 1) : opened > 0 && opened < LIMIT ? head.slice(0, opened) : `${head.slice(0, LIMIT).replace(/\s+\S*$/, '')}...`;
  }
  return head ? `${result.tool}: ${head}` : result.tool;
}

/**
 * A statistic the question asks that a whole-movie mean is not ("the median", "the spread", "the 5 largest", "the slowest"), in
 * words; undefined for a mean, a count or a sum.
 */
function otherStatisticAsked(scope: QuestionScope): string | undefined {
  if (scope.rank !== undefined && (scope.reduce === 'max' || scope.reduce === 'min')) return `the ${ordinalText(scope.rank)} ${scope.reduce === 'min' ? 'lowest' : 'highest'} value`;
  if (scope.top !== undefined && Number.isFinite(scope.top) && (scope.reduce === 'max' || scope.reduce === 'min')) return `the ${scope.top} ${scope.reduce === 'min' ? 'lowest' : 'highest'} values`;
  switch (scope.reduce) {
    case 'median': return 'the median';
    case 'sd': return 'the spread (SD)';
    case 'sem': return 'the standard error of the mean';
    case 'cv': return 'the coefficient of variation';
    case 'range': return 'the range';
    case 'percentile': return scope.percentiles?.length ? `the ${scope.percentiles.map((p) => `${p}th`).join(' and ')} percentile${scope.percentiles.length > 1 ? 's' : ''}` : 'the percentiles';
    case 'max': return 'the highest value';
    case 'min': return 'the lowest value';
    default: return undefined;
  }
}

/**
 * "how many cells in the left half of the field?" answered from values of the whole field (no step cut that part out, and
 * the answer names no part): one line that the part was not applied, never a silent drop.
 */
function regionNotApplied(question: string, ran: PastResult[], answer: string): string {
  const part = REGION.exec(question)?.[0];
  if (!part || ran.some((r) => selfOf(r.tool)?.cutsRegion) || !ran.some((r) => r.ok && r.artifacts.some((a) => a.type === 'table')) || !/\d/.test(answer)) return '';
  if (/\b(?:left|right|top|bottom|upper|lower|centre|center|central|middle|quadrant|corner|half|roi)\b/i.test(answer)) return '';
  return ` Not applied: "${part.trim()}": no step cut that part of the field out, so the value above is of the whole field (ask e.g. "crop the left half, then segment and count").`;
}

const CONDITION_SAID = { '>': 'over', '>=': 'at least', '<': 'under', '<=': 'at most' } as const;

/**
 * The rows a question keeps by a rule ("tracks longer than 10 frames", "the dividing cells"), when the newest measuring step's
 * table cannot be read (a plan not run): one line that they were not picked and the value is over all, never a silent drop.
 */
function rowsNotPicked(question: string, ran: PastResult[]): string {
  const scope = readQuestion(question);
  const measured = [...ran].reverse().find((r) => r.artifacts.some((a) => a.type === 'table'));
  if (!measured || unreadTables(measured).length === 0) return '';
  const c = scope.condition;
  const rule = c && !c.relative ? `${c.excluded ? 'leaving out' : 'only'} the ones ${CONDITION_SAID[c.op]} ${numberValueText(c.value)}${c.unit ? ` ${c.unit}` : ''}` : scope.subset ? `only the ${scope.subset.negated ? 'ones without ' : ''}${scope.subset.words.trim()}${scope.subset.negated ? '' : ' ones'}` : undefined;
  if (!rule) return '';
  // ("the fraction of cells that move more than 10 µm": the share of those rows is what is asked, never their mean)
  if (scope.reduce === 'fraction') return ` Not answered: the fraction (%) of them that are ${rule.replace(/^only the ones /, '')} needs the rows of ${unreadTables(measured).join(', ')} (not read), so I give no share; the value above is over all.`;
  return ` Not applied: ${rule}, which needs the rows of ${unreadTables(measured).join(', ')} (not read), so the value above is over all.`;
}

/** The tables a step wrote that cannot be read back (the file gone, or a step that did not write it: a plan that was not run). */
function unreadTables(result: PastResult): string[] {
  return result.artifacts.filter((a) => a.type === 'table' && (!a.path || !existsSync(a.path))).map((a) => a.id);
}

/**
 * "median and IQR of speed", "the spread of sizes", "the 5 biggest nuclei" when no table row can be read: the mean the step
 * reported is said as the mean, with why the statistic asked is not given, never passed off as it.
 */
function meanInsteadNote(scope: QuestionScope, result: PastResult): string {
  const asked = otherStatisticAsked(scope);
  if (!asked) return '';
  const unread = unreadTables(result);
  const plural = /s$/.test(asked);
  return `; that is the mean over all: ${asked} asked ${unread.length ? `${plural ? 'need' : 'needs'} the rows of ${unread.join(', ')}, which I could not read` : `${plural ? 'are' : 'is'} none of ${result.tool}'s reported values`}`;
}

/**
 * "mean nucleus area per frame" when only the step's mean over the whole movie is known (its table not read): that mean is
 * said as over the whole movie, with why the value of each frame is not given, never passed off as the scope asked.
 */
function perFrameNotGiven(scope: QuestionScope, result: PastResult): string {
  if (!scope.perFrame) return '';
  const unread = unreadTables(result);
  return `; that is the mean over the whole movie, not per frame: the value of each frame ${unread.length ? `needs the rows of ${unread.join(', ')}, which I could not read` : `is none of ${result.tool}'s reported values`}`;
}

/** The mean a step reported of the quantity an extreme or a statistic is asked of, with why that is not given (meanInsteadNote). */
function meanInsteadOfExtreme(question: string, conversation: Conversation, result: PastResult): string | undefined {
  const scope = readQuestion(question);
  if (scope.quantity.size === 0 || !otherStatisticAsked(scope)) return undefined;
  const mean = answerFromValues(`the mean ${[...scope.quantity].join(' ')}`, conversation, [result]);
  return mean && !/that is the mean over all/.test(mean) ? `${mean}${meanInsteadNote(scope, result)}` : mean;
}
