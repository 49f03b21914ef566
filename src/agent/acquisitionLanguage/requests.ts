// "image GFP and DAPI every 5 minutes for 12 hours at 3 positions with 11 planes 0.5 µm
// apart" → the useq-like plan start_acquisition takes, and what was understood in words.
import { InputError } from '../../errors.ts';
import { DEMO_CONFIG, type MicroscopeConfig } from '../../microscope/config.ts';
import { describeZPlan } from '../../microscope/adjustment.ts';
import { spanSaid, timepointsForSpan } from '../../microscope/autofocusSchedule.ts';
import { describeAutofocusPlan, timeDeltasS, type AutofocusPlan, type SequenceInput } from '../../microscope/sequence.ts';
import { assumedSpanSaid, withoutAssumedSpans } from './assumedSpans.ts';
import { savedPositionsLine, savedPositionsSaid } from './savedPositions.ts';
import { autofocusScheduleSaid, type AutofocusScheduleSaid } from './autofocusSchedule.ts';
import { gentleWish, paceOfGoal } from './goalPace.ts';
import { CAMERA_SETTING, cameraSettingName, quantitiesNotCarried, withoutHedges } from './adjustments.ts';
import { axisOrderSaid, channelStackSaid, offsetToPlaneUm, POSITION_STACK, withoutZOffsets, zOffsetsSaid } from './channelPlanes.ts';
import { parseGrid, parsePositionList, parseZPlan, positionCount, spreadPositions } from './space.ts';
import { sampleRhythmApart } from './sampleRhythm.ts';
import { durationsIn, everyNth, EXPOSURE_OF, exposuresIn, unitSeconds, findChannels, fmtS, normaliseText, toNumber, uniquePresets } from './words.ts';

export interface ParsedRequest {
  sequence: SequenceInput;
  /** Objective the request names ("with the 40x"), to switch to before starting. */
  objective?: string;
  /** What was understood, in words. */
  understood: string;
  /** Lines the answer says beside the start: a length assumed ("overnight" taken as 12 h). */
  notes?: string[];
}

/** The plan in the words; InputError naming what is missing (one line). */
export function parseAcquisitionRequest(text: string, config: MicroscopeConfig = DEMO_CONFIG): ParsedRequest {
  const whole = withoutHedges(normaliseText(text));
  // "..., autofocus every 3rd frame": the autofocus schedule's own words are read apart (their "every" is no interval)
  const af = autofocusScheduleSaid(whole, { bareIsEveryTimepoint: true });
  const spoken = af ? `${whole.slice(0, af.index)} ${whole.slice(af.index + af.length)}`.replace(/\s+(?:with|and|plus)\s*$/i, '').trim() : whole;
  // ("the cells divide every 20 min, so image every 5 min": the interval the sample is said to keep is no interval of the plan)
  const rhythm = sampleRhythmApart(spoken);
  const t = rhythm?.text ?? spoken;
  // "GFP but not DAPI", "no DAPI", "without Hoechst": a channel said not to be imaged is left out of the plan
  const excluded = new Set(findChannels(t, config).filter((m) => NOT_THIS_CHANNEL.test(t.slice(Math.max(0, m.index - 24), m.index))).map((m) => m.preset));
  const presets = uniquePresets(findChannels(t, config)).filter((p) => !excluded.has(p));
  if (presets.length === 0) {
    throw new InputError(`which channel should I image? I understood no channel in "${text.trim()}": say e.g. GFP, DAPI, mCherry, Cy5 or brightfield`);
  }
  // ("watch mitosis for 12 h": a duration with no interval takes the pace of what the words say is watched, said; stop 47)
  let paceNote: string | undefined;
  let timePlan: SequenceInput['timePlan'];
  try {
    timePlan = phasedTimePlan(t) ?? singleTimePlan(t);
  } catch (err) {
    const spans = timeSpans(t);
    const pace = spans.intervalS === undefined && spans.durationS !== undefined ? paceOfGoal(t) : undefined;
    if (!pace) throw err;
    timePlan = { intervalS: pace.intervalS, durationS: spans.durationS! };
    paceNote = pace.note;
  }
  const gentle = gentleWish(t);
  const settings = channelSettings(t, config);
  // where each channel sits in z: its focus offset, the middle plane only, the loop order (their distances are no z-stack)
  const offsets = zOffsetsSaid(t, config);
  const unnamed = offsets.find((o) => o.channel === undefined || !presets.includes(o.channel));
  if (unnamed) throw new InputError(`a z offset of ${unnamed.zOffsetUm} µm for which channel? ${unnamed.channel ? `${unnamed.channel} is not in the plan; ` : ''}say e.g. "${presets[presets.length - 1]} with a ${unnamed.zOffsetUm} µm z offset"; nothing was started`);
  const unsigned = offsets.find((o) => o.unsigned);
  if (unsigned) throw new InputError(`is the ${unsigned.channel} focus ${unsigned.zOffsetUm} µm above or below the others'? Say e.g. "${unsigned.channel} with a +${unsigned.zOffsetUm} µm z offset" (above) or "-${unsigned.zOffsetUm} µm" (below); nothing was started`);
  const perPosition = POSITION_STACK.exec(t);
  if (perPosition) throw new InputError(`a z-stack here is one plan for every position (or one channel at the middle plane only, e.g. "brightfield single plane"): it cannot differ at ${perPosition[1].replace(/^the\s+/, '')}; say the plan without that part; nothing was started`);
  const stack = channelStackSaid(t, config);
  const axisOrder = axisOrderSaid(t);
  const zPlan = parseZPlan(withoutZOffsets(t, offsets));
  for (const o of offsets) settings.set(o.channel!, { ...settings.get(o.channel!), zOffsetUm: o.zOffsetUm });
  // (a channel at the top or bottom plane only: the middle plane, moved there by its focus offset)
  const planeOffsetUm = stack?.plane && zPlan ? offsetToPlaneUm(zPlan, stack.plane) : undefined;
  if (stack?.plane && !zPlan) throw new InputError(`${stack.channels.join(' and ')} at the ${stack.plane} plane of which z-stack? The plan has none: say it (e.g. "a 10 µm z-stack in 1 µm steps"); nothing was started`);
  for (const c of stack?.channels ?? []) if (presets.includes(c)) settings.set(c, { ...settings.get(c), doStack: stack!.doStack, ...(planeOffsetUm !== undefined ? { zOffsetUm: planeOffsetUm } : {}) });
  // "brightfield only every 6th frame": a channel imaged every Nth time point, said in its own part of the sentence
  // (a plan of one channel: that one)
  // ("GFP every 5 min for 6 h and mCherry only every other time point": a part naming several channels is cut at its last
  // "and / but / while / with" when the words before it carry numbers of their own, and the channel after it is the one)
  const nthPart = (part: string) => {
    const cut = [...part.matchAll(/\s(?:and|but|while|whereas|with|plus)\s/g)].at(-1);
    if (!cut || !/\d/.test(part.slice(0, cut.index))) return part;
    const after = part.slice(cut.index! + cut[0].length);
    return uniquePresets(findChannels(after, config)).length === 1 && everyNth(after) !== undefined ? after : part;
  };
  const everyNthSaid = t.split(/[,;]|\.\s/).map((whole) => (presets.length === 1 ? whole : nthPart(whole))).map((part) => ({ part, nth: everyNth(part), named: presets.length === 1 ? presets : uniquePresets(findChannels(part, config)).filter((p) => presets.includes(p)) })).filter((p) => p.nth !== undefined && p.nth > 1);
  const unplaced = everyNthSaid.find((p) => p.named.length !== 1);
  if (unplaced) throw new InputError(`"${unplaced.part.trim()}": once every ${unplaced.nth} time points for which channel? Say it of one channel, e.g. "${presets[presets.length - 1]} only every ${unplaced.nth} frames"; nothing was started`);
  for (const p of everyNthSaid) settings.set(p.named[0], { ...settings.get(p.named[0]), acquireEvery: p.nth });
  const grid = parseGrid(t);
  const listed = parsePositionList(t);
  const count = listed.length ? undefined : positionCount(t);
  const spread = count && count > 1 ? spreadPositions(count, config) : undefined;
  const stagePositions = listed.length ? listed : spread?.positions;
  const objective = /\b(10|20|40)\s*x\b(?!\s*\d)/i.exec(t);
  const autofocus = af && !af.off ? autofocusPlanOf(af, timePlan) : undefined;
  const sequence: SequenceInput = {
    channels: presets.map((name) => ({ config: name, ...settings.get(name) })),
    ...(timePlan ? { timePlan } : {}),
    ...(zPlan ? { zPlan } : {}),
    ...(stagePositions ? { stagePositions } : {}),
    ...(grid ? { gridPlan: grid } : {}),
    ...(axisOrder ? { axisOrder } : {}),
    ...(autofocus ? { autofocusPlan: autofocus.plan } : {}),
  };
  const same = (key: 'exposureMs' | 'powerPercent') => new Set(presets.map((p) => settings.get(p)?.[key])).size === 1;
  const shared = (key: 'exposureMs' | 'powerPercent') => (same(key) ? settings.get(presets[0])?.[key] : undefined);
  const each = presets.map((p) => [same('exposureMs') ? '' : settings.get(p)?.exposureMs !== undefined ? `${settings.get(p)!.exposureMs} ms` : '', same('powerPercent') ? '' : settings.get(p)?.powerPercent !== undefined ? `${settings.get(p)!.powerPercent} %` : ''].filter(Boolean).join(' '));
  const parts = [
    `image ${presets.map((p, i) => (each[i] ? `${p} (${each[i]})` : p)).join(' and ')}`,
    shared('exposureMs') !== undefined ? `at ${shared('exposureMs')} ms` : '',
    shared('powerPercent') !== undefined ? `${shared('powerPercent')} % power` : '',
    timePlan ? describeTimePlan(timePlan) : 'once',
    zPlan ? `with a z-stack of ${describeZPlan(zPlan)}` : '',
    listed.length ? `at ${listed.length} position(s) ${listed.map((p) => `(${p.xUm}, ${p.yUm})`).join(', ')} µm` : '',
    spread ? `at ${count} positions ${spread.spacingUm} µm apart (x = ${spread.positions.map((p) => p.xUm).join(', ')} µm, y = 0; no two fields overlap; give coordinates to choose them)` : '',
    grid ? `tiling each position ${grid.rows} x ${grid.columns}${grid.overlapPercent ? ` with ${grid.overlapPercent} % overlap` : ''}` : '',
    objective ? `with the ${objective[1]}X objective` : '',
    ...offsets.map((o) => `${o.channel} focused ${o.zOffsetUm} µm from the others (z offset)`),
    ...everyNthSaid.map((p) => `with ${p.named[0]} only every ${p.nth} time points`),
    stack ? `${stack.channels.join(' and ')} ${stack.doStack ? 'with the whole z-stack' : `at the ${stack.plane ?? 'middle'} plane only${planeOffsetUm ? ` (${planeOffsetUm} µm from the middle)` : ''}`}${zPlan ? '' : ' (the plan has no z-stack)'}` : '',
    autofocus ? `${describeAutofocusPlan(autofocus.plan)}${autofocus.said}` : '',
    af?.off ? 'with no scheduled autofocus' : '',
    axisOrder ? (axisOrder === 'tpgzc' ? 'every channel at each plane, then the next plane' : 'the whole z-stack of each channel, then the next channel') : '',
  ].filter(Boolean);
  // never a silent partial: a number with its unit that the plan does not carry is asked about
  const missing = quantitiesNotCarried(t, [sequence]);
  // nor a setting of the camera itself ("binning 2x2", "EM gain 300", "ROI 512x512"), which no plan here sets
  const camera = CAMERA_SETTING.exec(t.toLowerCase());
  if (camera) throw new InputError(`I understood ${parts.join(' ')}, but the camera's ${cameraSettingName(camera[0])}${camera[0] === cameraSettingName(camera[0]) ? '' : ` ("${camera[0]}")`} is no part of a plan here (a plan sets channels, exposure, light power, timing, z, positions and tiling): set it in the camera's own settings and ask again without it; nothing was started`);
  if (missing.length) throw new InputError(`I understood ${parts.join(' ')}, but not "${missing.join('", "')}": say that part another way (or leave it out); nothing was started`);
  // nor a condition, an exception, a pause or an autofocus schedule, which a plan to start cannot hold
  // ("except DAPI" is a channel left out, above)
  const held = [...t.matchAll(NOT_IN_A_PLAN)].find((m) => !/^except/i.test(m[0]) || !findChannels(t.slice(m.index + m[0].length), config).some((c) => /^\s*(?:for\s+)?(?:the\s+)?$/i.test(t.slice(m.index + m[0].length).slice(0, c.index))));
  if (held) {
    const said = t.slice(held.index).split(/[,;:.]/)[0].trim();
    throw new InputError(`I understood ${parts.join(' ')}, but not "${said}": a plan to start holds no conditions, exceptions, pauses or autofocus schedule; start it without that part, then say it while it runs (e.g. "drop DAPI", "pause for 8 h", or a rule "when ..., ..."); nothing was started`);
  }
  // ("every 20 min overnight": the length "overnight" is taken to be is said, never assumed in silence)
  // ("for the weekend" alike: each idiom of a run's length says the length it was taken to be)
  const idiom = assumedSpanSaid(t);
  const overnight = idiom && timeSpans(withoutAssumedSpans(t)).durationS === undefined && timePlan && 'durationS' in timePlan ? fmtS(timePlan.durationS) : undefined;
  const notes = idiom && overnight ? [`"${idiom.said.charAt(0).toUpperCase()}${idiom.said.slice(1)}" is assumed to mean ${overnight} from now: say another length ("for 16 h", "until 9 am") to change it.`] : [];
  if (paceNote) notes.push(paceNote);
  if (rhythm) notes.push(...rhythm.notes);
  // ("use the positions I saved": a list made before, which no plan here holds, is said, never dropped in silence)
  const saved = stagePositions ? undefined : savedPositionsSaid(t);
  if (saved) notes.push(savedPositionsLine(saved));
  if (gentle) notes.push(gentle);
  // ("at 3 positions" with no place said: where they were put is said, never left to the plan alone)
  if (spread) notes.push(`the ${count} positions were placed for you ${spread.spacingUm} µm apart along x from (0, 0) (${spread.positions.map((p) => `${p.name} at x = ${p.xUm} µm`).join(', ')}; y = 0), more than one field of view apart so no two overlap: give their coordinates to image elsewhere`);
  return { sequence, understood: parts.join(' '), ...(objective ? { objective: `${objective[1]}X` } : {}), ...(notes.length ? { notes } : {}) };
}

/** The plan's autofocus schedule from the words; a span becomes every N time points at the plan's interval, said. */
function autofocusPlanOf(af: AutofocusScheduleSaid, timePlan: SequenceInput['timePlan']): { plan: AutofocusPlan; said: string } {
  if (af.everyS === undefined) return { plan: { everyTimepoints: af.everyTimepoints ?? 1, eachPosition: af.eachPosition }, said: '' };
  const deltas = timeDeltasS(timePlan);
  const intervalS = deltas.length > 1 ? deltas[1] - deltas[0] : 0;
  const { everyTimepoints, exact } = timepointsForSpan(af.everyS, intervalS);
  return { plan: { everyTimepoints, eachPosition: af.eachPosition }, said: spanSaid(af.everyS, intervalS, everyTimepoints, exact) };
}

/** Words just before a channel that say it is not to be imaged ("but not", "no", "without", "except", "skip"). */
const NOT_THIS_CHANNEL = /\b(?:not|no|without|except(?: for)?|excluding|apart from|other than|skip(?:ping)?|minus|leave out|leaving out)\s+(?:the\s+|any\s+)?$/i;

/**
 * What a plan to start cannot hold, in the words: a condition ("unless the cells die", "if ..."),
 * an exception ("except at night", "but skip DAPI after the first hour"), a restriction to a
 * position or a time ("only at position 2"), a pause or an autofocus schedule.
 */
const NOT_IN_A_PLAN = /\b(?:unless|except|skip(?:ping)?\s+(?!(?:the\s+)?(?:z[\s-]?stack|stack)\b)\S+\s+(?:after|before|during|at|for|between|from|every|on)|only\s+(?:at|in|on|during|between|for)\s+(?:position|field|site|night|day|the\s+(?:first|last|night|day))|pause|autofocus(?:ing)?|auto-focus|refocus(?:ing)?|perfect focus|pfs|definite focus|focus lock|at night|every night|overnight pause)\b/gi;

/**
 * The interval and the duration in the words. Each time span takes its role from the words
 * beside it ("every 30 s", "30 s interval", "30 s apart" / "for 2 h", "over 2 h", "2 h long",
 * "overnight"); a span with no such word is the one role still missing ("DAPI, 30 s
 * interval, 2 h" → 2 h is the duration). Exposures (ms) are not time spans here.
 */
export function timeSpans(t: string): { intervalS?: number; durationS?: number } {
  const before = (d: { index: number }) => t.slice(Math.max(0, d.index - 30), d.index).toLowerCase();
  const after = (d: { index: number; length: number }) => t.slice(d.index + d.length).toLowerCase();
  const isInterval = (d: { index: number; length: number }) =>
    /(?:\bevery|\beach|\binterval(?:s)?(?:\s+(?:of|to|=|:))?|\bat intervals of|\bonce every|\bperiod of|\bcadence of)\s*$/.test(before(d)) || /^\s*(?:intervals?|apart|cadence|period|between (?:frames|time ?points|images))\b/.test(after(d));
  const isDuration = (d: { index: number; length: number }) =>
    /(?:\bfor(?:\s+the\s+next)?|\bover(?:\s+the\s+next)?|\blasting|\bduring|\btotal(?:\s+of)?|\bduration(?:\s+of)?|\bin total|\bovernight\s*[(,:-]?)\s*$/.test(before(d)) || /^\s*(?:long|in total|total|duration|of imaging)\b/.test(after(d))
    // ("a 2 h movie of mCherry", "a 48-hour time-lapse": the span said before the run's noun is its length)
    || /^\s*-?\s*(?:(?:long|live[\s-]cell)\s+)?(?:movie|time[\s-]?lapse|timelapse|run|experiment|acquisition|recording|video|imaging session|session|mda)\b/.test(after(d));
  // "every minute": a unit alone is one of it
  const bare = [...t.matchAll(/\b(?:every|each|once an?|once per)\s+(second|sec|minute|min|hour|hr|day|week)\b/gi)].map((m) => ({ seconds: unitSeconds(m[1]), index: m.index + m[0].length - m[1].length, length: m[1].length }));
  // an exposure ("50 ms", "exposure 1 s") is not a time span of the plan, unless it is said to be one ("every 500 ms")
  // "twice an hour", "3 frames a minute", "one image per 30 s": the span a count is counted in is a rate (rateIntervalS), no interval or duration
  const rateUnit = (d: { index: number }) => RATE_BEFORE.test(t.slice(0, d.index));
  const spans = [...durationsIn(t), ...bare]
    .filter((d) => !rateUnit(d))
    .sort((a, b) => a.index - b.index)
    .filter((d) => isInterval(d) || isDuration(d) || (!/ms|msec|milli/i.test(t.slice(d.index, d.index + d.length)) && !new RegExp(String.raw`\bexpos\w*\s*(?:time\s*)?${EXPOSURE_OF}(?:of|to|at|=|:)?\s*$`, 'i').test(t.slice(0, d.index))));
  const interval = spans.find(isInterval);
  const duration = spans.find((d) => d !== interval && isDuration(d));
  let intervalS = interval?.seconds ?? rateIntervalS(t) ?? (/\b(continuously|as fast as possible|streaming)\b/i.test(t) ? 0 : undefined);
  let durationS = duration?.seconds;
  const rest = spans.filter((d) => d !== interval && d !== duration);
  // "GFP, 5 min, 24 h": two spans with no word for either role: the shorter is the interval
  if (intervalS === undefined && durationS === undefined && rest.length === 2 && rest[0].seconds !== rest[1].seconds) {
    const [short, long] = [...rest].sort((a, b) => a.seconds - b.seconds);
    return { intervalS: short.seconds, durationS: long.seconds };
  }
  if (rest.length === 1 && intervalS !== undefined && durationS === undefined) durationS = rest[0].seconds;
  else if (rest.length === 1 && durationS !== undefined && intervalS === undefined && rest[0].seconds < durationS) intervalS = rest[0].seconds;
  // "overnight" is 12 h unless a span says how long ("an overnight MDA: every 20 min, 14 hours")
  // ("for the weekend": another idiom of a run's length, assumedSpans.ts)
  durationS ??= assumedSpanSaid(t)?.seconds;
  return { intervalS, durationS };
}

/** A rate as an interval, s: "2 frames per minute" is every 30 s, "1 fps" every second; undefined when none is said. */
function rateIntervalS(t: string): number | undefined {
  const rate = RATE.exec(t);
  if (rate) return Math.round(((unitSeconds(rate[3]) * (rate[2] ? Number(rate[2]) : 1)) / toNumber(rate[1])) * 1e6) / 1e6;
  const times = TIMES_PER.exec(t);
  if (times) {
    const count = times[1] ? TIMES_WORDS[times[1].toLowerCase()] : toNumber(times[2]);
    const spanS = unitSeconds(times[4]) * (times[3] ? toNumber(times[3]) : 1);
    if (count > 0) return Math.round((spanS / count) * 1e6) / 1e6;
  }
  const fps = /\b(\d+(?:\.\d+)?)\s*fps\b/i.exec(t);
  return fps && Number(fps[1]) > 0 ? Math.round((1 / Number(fps[1])) * 1e6) / 1e6 : undefined;
}

/** "twice an hour", "3 times a day", "once every 2 hours", "four times per minute": a count of time points in a span. */
const TIMES_PER = /\b(?:(once|twice|thrice)|(\d+|one|two|three|four|five|six|ten)\s+times)\s+(?:a|an|per|each|every)\s+(?:(\d+(?:\.\d+)?|two|three|four|five|six|ten)\s+)?(seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?)\b/i;
const TIMES_WORDS: Record<string, number> = { once: 1, twice: 2, thrice: 3 };
/** The words before a span that make it the span of a rate ("twice an hour", "3 frames per minute", "per 30 s", "/ h"). */
const RATE_BEFORE = /(?:\b(?:once|twice|thrice|times)\s+(?:a|an|per|each|every)\s+|\b(?:\d+(?:\.\d+)?|one|two|three|four|five|six|ten)\s+(?:frames?|images?|time ?points?|timepoints?|pictures?|shots?|snaps?)\s+(?:a|an|per|each)\s+|\bper\s+|\/\s*)$/i;
const RATE = /\b(\d+(?:\.\d+)?|one|two|three|four|five|six|ten)\s*(?:frames?|images?|time ?points?|timepoints?|pictures?)\s*(?:per|a|an|each|every|\/)\s*(?:(\d+(?:\.\d+)?)\s*)?(seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?)\b/i;

/** One time plan: interval with duration or count, or a count as fast as possible; InputError naming what is missing. */
function singleTimePlan(t: string): SequenceInput['timePlan'] {
  const { intervalS, durationS } = timeSpans(t);
  // a count of frames, not a rate of them ("2 frames per minute")
  const framesMatch = /(\d+)\s*(?:time[\s-]?points|frames|timepoints|loops|cycles|images per channel)(?!\s*(?:per|a|an|each|every|\/)\s*(?:second|sec|minute|min|hour|hr|day)\b)/i.exec(t);
  const loops = framesMatch ? Number(framesMatch[1]) : undefined;
  // a plan is counted before it runs: "as fast as possible for 10 min" needs its count or an interval
  if (intervalS === 0 && durationS !== undefined && loops === undefined) throw new InputError(`as fast as possible for ${fmtS(durationS)}: how many time points (e.g. "100 frames as fast as possible"), or which interval (e.g. "every 1 s for ${fmtS(durationS)}")?`);
  if (intervalS !== undefined && durationS !== undefined) return { intervalS, durationS };
  if (intervalS !== undefined && loops !== undefined) return { intervalS, loops };
  if (durationS !== undefined && loops !== undefined) return { durationS, loops };
  if (intervalS !== undefined) throw new InputError(`for how long? I understood every ${fmtS(intervalS)} but no duration or number of time points: add e.g. "for 12 hours" or "100 frames"`);
  if (durationS !== undefined) throw new InputError(`how often? I understood ${fmtS(durationS)} but no interval: add e.g. "every 5 minutes"`);
  if (loops !== undefined) return { intervalS: 0, loops };
  return undefined;
}

/** "every 30 s for 10 min, then every 5 min for 2 h": phases one after the other (useq's MultiPhaseTimePlan); undefined for a single phase. */
function phasedTimePlan(t: string): SequenceInput['timePlan'] {
  const parts = t.split(/\s*(?:,|;)?\s*(?:and\s+)?(?:then|followed by|after that|afterwards)\s+/i).filter((p) => /\d|\bevery\b/.test(p));
  if (parts.length < 2) return undefined;
  const phases = parts.map((part) => {
    try {
      return singleTimePlan(part);
    } catch {
      return undefined;
    }
  });
  if (phases.some((p) => p === undefined)) return undefined;
  return { phases: phases as NonNullable<SequenceInput['timePlan']>[] } as SequenceInput['timePlan'];
}

type Settings = { exposureMs?: number; powerPercent?: number; zOffsetUm?: number; doStack?: boolean; acquireEvery?: number };

/**
 * Exposure and power per channel. A value right before a channel ("5% 488", "100 ms for
 * GFP") or right after one ("GFP at 100 ms", "mCherry 200 ms") is that channel's; a single
 * value of a kind said once after all the channels ("GFP and DAPI at 50 ms") is every
 * channel's; any other value belongs to the channel named before it.
 */
type Mentioned = { index: number; preset: string };
const partStart = (text: string, at: number) => Math.max(text.lastIndexOf(',', at), text.lastIndexOf(';', at)) + 1;
const channelsIn = (mentions: Mentioned[], start: number, end: number) => [...new Set(mentions.filter((m) => m.index >= start && m.index < end).map((m) => m.preset))];

/** The channels named in the part of the sentence (between commas or semicolons) that holds a value. */
function ownPart(text: string, v: { start: number; end: number }, mentions: Mentioned[]): string[] {
  const ends = [',', ';'].map((c) => text.indexOf(c, v.end)).filter((i) => i >= 0);
  return channelsIn(mentions, partStart(text, v.start), ends.length ? Math.min(...ends) : text.length);
}

/** The part of the sentence just before the value's own is nothing but channels ("image GFP, mCherry at 100 ms"). */
function listOfChannelsBefore(text: string, v: { start: number }, mentions: (Mentioned & { text: string })[]): boolean {
  const start = partStart(text, v.start);
  if (start === 0) return false;
  const from = partStart(text, start - 2);
  let part = text.slice(from, start - 1);
  for (const m of mentions.filter((m) => m.index >= from && m.index < start - 1)) part = part.slice(0, m.index - from) + ' '.repeat(m.text.length) + part.slice(m.index - from + m.text.length);
  return part !== text.slice(from, start - 1) && /^(?:\s|[+&/]|\b(?:image|imaging|acquire|record|and|the|channels?|of|in|with)\b)*$/i.test(part);
}

export function channelSettings(t: string, config: MicroscopeConfig): Map<string, Settings> {
  const mentions = findChannels(t, config);
  const out = new Map<string, Settings>(uniquePresets(mentions).map((p) => [p, {}]));
  // percentages of something else (tile overlap, the incubator's gases) are no light power
  const text = t.replace(/\d+(?:\.\d+)?\s*(?:%|percent)\s*(?:overlap|co2|co₂|o2|oxygen|humidity|rh\b|confluen\w*)/gi, (m) => ' '.repeat(m.length));
  const values: { key: 'exposureMs' | 'powerPercent'; value: number; start: number; end: number }[] = [];
  for (const e of exposuresIn(text)) values.push({ key: 'exposureMs', value: e.ms, start: e.start, end: e.end });
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*(%|percent|per cent)/gi)) values.push({ key: 'powerPercent', value: Number(m[1]), start: m.index!, end: m.index! + m[0].length });
  // (a channel's other value between it and this one ties them no less: "GFP 100 ms 10%, mCherry 200 ms 20%")
  let plain = text;
  for (const v of values) plain = plain.slice(0, v.start) + ' '.repeat(v.end - v.start) + plain.slice(v.end);
  const filler = String.raw`(?:\s|,|:|=|\(|\)|\b(?:at|with|on|for|of|in|to|the|its|laser|power|exposure|exposure time|intensity|light|channel|and)\b)*`;
  const right = new RegExp(String.raw`^${filler}$`, 'i');
  const last = mentions.length ? mentions[mentions.length - 1] : undefined;
  for (const v of values) {
    const before = mentions.filter((m) => m.index + m.text.length <= v.start);
    const after = mentions.find((m) => m.index >= v.end && right.test(plain.slice(v.end, m.index)) && !/\band\b/.test(text.slice(v.end, m.index)));
    const adjacent = before.length && right.test(plain.slice(before[before.length - 1].index + before[before.length - 1].text.length, v.start)) ? before[before.length - 1] : undefined;
    const sameKind = values.filter((w) => w.key === v.key).length;
    let target: string[];
    // ("Hoechst 20 ms, GFP 40 ms": a value with its channel just before it and a comma after belongs to that channel)
    const closedByComma = adjacent && after && /^[^\w]*[,;]/.test(plain.slice(v.end, after.index));
    if (after && !closedByComma && !(adjacent && /^\s*(?:at|,|:|=|\()/.test(text.slice(adjacent.index + adjacent.text.length, v.start)))) target = [after.preset];
    // ("GFP + brightfield, every 5 min, 10 h, brightfield at 20 ms": a value in a part of its own with the one channel it follows is that channel's)
    // (not a list of channels the value ends: "image GFP, mCherry at 100 ms" may be both)
    else if (adjacent && ownPart(text, v, mentions).length === 1 && mentions.some((m) => m.preset !== adjacent.preset) && !listOfChannelsBefore(text, v, mentions)) target = [adjacent.preset];
    else if (sameKind === 1 && (!last || v.start > last.index)) target = [...out.keys()];
    else if (before.length) target = [before[before.length - 1].preset];
    else target = [...out.keys()];
    for (const p of target) out.get(p)![v.key] ??= v.value;
  }
  return out;
}

function describeTimePlan(plan: NonNullable<SequenceInput['timePlan']>): string {
  if ('phases' in plan) return plan.phases.map((p) => describeTimePlan(p)).join(', then ');
  if ('intervalS' in plan && 'durationS' in plan) return plan.intervalS > 0 ? `every ${fmtS(plan.intervalS)} for ${fmtS(plan.durationS)}` : `as fast as possible for ${fmtS(plan.durationS)}`;
  if ('intervalS' in plan) return plan.intervalS > 0 ? `every ${fmtS(plan.intervalS)}, ${plan.loops} time points` : `${plan.loops} time points as fast as possible`;
  return `${plan.loops} time points over ${fmtS(plan.durationS)}`;
}
