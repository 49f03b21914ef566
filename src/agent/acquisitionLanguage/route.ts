// Which microscope tool a sentence asks for, with its typed arguments, or a question to
// ask back. The offline planner calls this; an LLM fills the same schemas itself.
import { type Adjustment, formatDuration, toZPlan } from '../../microscope/adjustment.ts';
import { DEMO_CONFIG, type MicroscopeConfig } from '../../microscope/config.ts';
import { MAX_Z_PLANES, parseSequence, type ZPlan } from '../../microscope/sequence.ts';
import { carries, toolCarrying } from './toolCommands.ts';
import { AmbiguousCommand, MixedRequest, PLACE_KEPT, POSITION_BEING_IMAGED, channelCorrectionAsSwap, isRemark, parseAdjustment, withoutHedges, withoutNegatedStops } from './adjustments.ts';
import { parseAcquisitionRequest, timeSpans } from './requests.ts';
import { commandBeforeSnap, picturesOfEachChannel, snapsOfOtherChannels, withoutSharedOut } from './snapEach.ts';
import { parseRule, untilAsRule, whileAsRule } from './rules.ts';
import { namesRuleByKind, rulesMeant } from './ruleReference.ts';
import { runStateOf } from './runState.ts';
import { intervalTooShort } from './intervalFloor.ts';
import { DEFAULT_LIMITS } from '../../microscope/limits.ts';
import { coverageOfChanges, coverageOfPlan } from './coverage.ts';
import { focusAtAPositionNote, onePositionNamed } from './focusAtAPosition.ts';
import { withSignedChannels } from './signedChannels.ts';
import { spanForAWhile } from './forAWhile.ts';
import { delayBeforeChange } from './laterChanges.ts';
import { timepointSpan } from './timepointNumbers.ts';
import { AUTOFOCUS_PLANES } from '../../microscope/autofocus.ts';
import { changesUndone, takesBackTheLast, undoLast } from './undo.ts';
import { retargetedChange } from './retargetedChange.ts';
import { bareHourEndQuestion, clockEndsAsSpans, dayPartEndQuestion } from './clockTimes.ts';
import { positionVisit } from './positionVisit.ts';
import { planQuestion } from './planQuestions.ts';
import { dayToCome, laterStartLine, regretLine, regretSaid } from './tense.ts';
import { gentleWish, paceOfGoal } from './goalPace.ts';
import { unitsSaidOnce } from './channelValues.ts';
import { cameraPartsApart } from './cameraParts.ts';
import { doseCapRefusal, scaledWithinLimits, stageMoveRefusal, withinLightLimits } from './lightLimits.ts';
import { canBeSetBack } from '../../microscope/temporaryChange.ts';
import { commandOfSentences, reportsThePast, sentencesOf, withNumberedObjects, withoutCourtesy } from './sentences.ts';
import { durationsIn, exposureMs, findChannels, normaliseText, percent, uniquePresets, unknownFluorophores } from './words.ts';
import { channelNotImaged } from './channelsImaged.ts';
import { phasedChanges } from './phasedChanges.ts';
import { backToStart } from './stageStart.ts';
import { idleStageMove } from './idleStageMove.ts';
import { lightPathChannels } from './lightPathChannels.ts';
import { stopThatGoesOnAsPause } from './runWaits.ts';
import { valueAlone } from './valueAlone.ts';
import { runAsSubject } from './runAsSubject.ts';

export { toolCarrying };

export type MicroscopeRoute =
  /**
   * `fallback`: not read as a command, only named the microscope (a status is the best guess).
   * `sure`: words only the microscope has a meaning for (a stage move with its distance or coordinates, an objective by name).
   */
  /** `notApplied`: lines naming parts of the words that no argument uses (the answer says them). */
  | { tool: string; args: Record<string, unknown>; understood?: string; fallback?: true; sure?: true; then?: { tool: string; args: Record<string, unknown> }[]; notApplied?: string[] }
  /** The words could mean different things, or lack something: ask this (one line). */
  /** `start`: the question is about a plan to start (channels and a time plan were said): only the microscope has a meaning for it. */
  /** `command`: the words were heard as a command to the microscope that lacks something (an amount, a value), or names a setting no tool sets. */
  /** `answered`: the words asked about a plan not started ("how many images would that be?") and the line answers them. */
  | { tool?: undefined; ask: string; start?: true; command?: true; answered?: true };

/**
 * Words that ask for another acquisition than the one running: a verb of starting with a noun of a run ("start a
 * time-lapse", "kick off an experiment", "set off an acquisition"), or a run said to be new or other ("a fresh MDA",
 * "another recording", "a second experiment", "a separate time-lapse").
 */
const NEW_RUN =
  /\b(?:start|begin|launch|set up|set off|kick off|fire up|queue|schedule|new|another|second|fresh|separate|parallel)\b.*\b(?:time[\s-]?lapse|acquisition|experiment|run|imaging|mda|nd acquisition|recording|job|movie)\b/;

/** Another sample or another run than the one imaging: "another dish", "a new experiment", "the next slide", "a second plate". */
const OTHER_RUN = /\b(?:new|another|second|fresh|separate|different|next|other)\s+(?:(?:well[\s-]?)?plate|dish|slide|sample|coverslip|chamber|flask|experiment|acquisition|time[\s-]?lapse|mda|recording|nd acquisition)\b/;

/**
 * A new acquisition asked while one runs: the microscope runs one at a time, so nothing is started or changed; the line
 * names the new plan as read and the running one, and how to go on (stop it first, with a person approving, or add the
 * channel to the running one).
 */
function newRunWhileRunning(text: string, config: MicroscopeConfig, earlier: EarlierStep[]): string {
  let asked = '';
  let channel: string | undefined;
  try {
    const parsed = parseAcquisitionRequest(text, config);
    asked = ` (${parsed.understood})`;
    channel = parsed.sequence.channels?.[0]?.config;
  } catch {
    // the new plan is named by its words only
  }
  const started = [...earlier].reverse().find((s) => carries(s.tool, 'start'));
  const plan = (started?.args.plan ?? {}) as { channels?: { config?: string }[]; timePlan?: { intervalS?: number } };
  const running = plan.channels?.length ? ` (${plan.channels.map((c) => c.config).join(', ')}${plan.timePlan?.intervalS !== undefined ? ` every ${formatDuration(plan.timePlan.intervalS)}` : ''})` : '';
  return `An acquisition is already running${running}, and the microscope runs one at a time, so the new one${asked} was not started and the running one was not changed. Say "stop the acquisition" to end the running one first (I will ask you to confirm), then ask again; or say what to add to the running one${channel ? ` ("add ${channel}")` : ''}.`;
}

/** What a rule can watch, by its nouns: divisions, the number of cells, the intensity, the focus, a model's score. */
const TRIGGER_NOUN = /\b(?:divi\w+|mitos[ie]s|mitotic|cells?|count|number|nuclei|intensity|signal|brightness|focus|score)\b/i;

/** Words that take a rule away; stopping and ending count only when the words say "rule". */
const REMOVES_RULE = /\b(?:remove|delete|cancel|drop|disable|deactivate|turn off|switch off|turn (?:it|that|this|that one|this one|them) off|switch (?:it|that|this|that one|this one|them) off|get rid of|forget|scrap|undo|ditch|bin|lose)\b/;
/** Words that say a thing is to be no more: "no more", "no longer", "enough (with)", "(turned) off", "not anymore". */
const NO_MORE = /\b(?:no more|no longer|not any ?more|enough (?:with|of)|(?:rules?|them|all)\s+off|any ?more\s*(?:please|thanks)?\s*[.!]*$)/;

/** A proposal declined, said alone: "no", "nope, don't activate it", "no thanks", "don't turn it on". */
const DECLINES = /^(?:no|nope|nah|no thanks|no thank you|not now|(?:(?:no|nope|nah|actually|hmm+)[,.!\s]+)*(?:(?:please\s+)?(?:don'?t|do not|never mind,?\s*(?:don'?t)?)\s+(?:activate|enable|add|use|confirm|apply|turn on|switch on|start|do)\s*(?:it|that|this|the rule|that rule|this rule|that one)?|leave it|forget (?:it|that)|scrap (?:it|that)))(?:[,\s]+(?:please|thanks|thank you))?\s*[.!]*$/;

/** Words that point at something said before: "it", "that one", "the last one". */
const POINTS_AT = /\b(?:it|that|this|them|(?:that|this|the (?:last|latest|newest|first|second|third|previous|other)) one|the one (?:about|for|with|on|that|which|where|watching))\b/;

/**
 * A rule removed: by its id ("cancel rule-1"), by words that say "rule" ("turn off that rule", "delete
 * the division rule", "remove all rules"), or by words pointing back right after a rule was added
 * or listed ("remove the last one", "switch it off"); several rules removed one after the other.
 */
function ruleRemoved(t: string, earlier: EarlierStep[]): MicroscopeRoute | undefined {
  if (/^(?:when(?:ever)?|if|once|as soon as|each time|every time)\b/.test(t)) return undefined;
  // ("no more rules please", "rules off", "enough with the rules": the rules said to be no more are removed, a person approving)
  const saysRule = /\brules?\b/.test(t) && (REMOVES_RULE.test(t) || /\b(?:stop|kill|end|abort)\b/.test(t) || NO_MORE.test(t));
  const last = earlier.at(-1);
  // "no, don't activate it", "nope", "no thanks" right after a rule was proposed: it stays inactive, said so (nothing runs)
  const proposed = last && carries(last.tool, 'proposeRule') && last.args.confirm !== true && last.values?.confirmed !== true;
  if (proposed && DECLINES.test(t)) {
    const meant = rulesMeant('it', earlier);
    const id = 'ruleIds' in meant ? meant.ruleIds[0] : 'the rule';
    return { ask: `OK: ${id} was not activated, and nothing was changed (say "remove ${id === 'the rule' ? 'rule-1' : id}" to take it off the list).` };
  }
  const afterRule = !!last && (carries(last.tool, 'proposeRule') || carries(last.tool, 'listRules')) && REMOVES_RULE.test(t) && POINTS_AT.test(t);
  // "delete the division one", "scrap the cell count one": a rule of this conversation by what it watches or does
  const byKind = REMOVES_RULE.test(t) && namesRuleByKind(t, earlier);
  if (!saysRule && !afterRule && !byKind) return undefined;
  const id = /\brule[- ]?#?(\d+)\b/.exec(t);
  if (id) return { tool: toolCarrying('removeRule'), args: { ruleId: `rule-${id[1]}` } };
  // ("no more rules": every rule said in the plural is no more)
  const meant = rulesMeant(NO_MORE.test(t) && /\brules\b/.test(t) && !id ? 'remove all rules' : t, earlier);
  if ('ask' in meant) return { ask: meant.ask, command: true };
  const [first, ...more] = meant.ruleIds.map((ruleId) => ({ tool: toolCarrying('removeRule'), args: { ruleId } }));
  return { ...first, ...(more.length ? { then: more } : {}) };
}

/** The typed arguments of one microscope tool for `text`, or undefined when it is not about the microscope. */
/** A microscope step that ran earlier in the conversation: its tool and arguments. */
export interface EarlierStep {
  tool: string;
  args: Record<string, unknown>;
  /** The values it reported, where known (a rule's id). */
  values?: Record<string, unknown>;
}

/**
 * `earlier`: the steps that ran before, oldest first, for words that point back: "the same for
 * the 561" (the last changes again, for the channels named), "back to the old interval".
 */
export function routeMicroscopeRequest(said: string, options: { acquisitionRunning?: boolean; config?: MicroscopeConfig; earlier?: EarlierStep[] } = {}): MicroscopeRoute | undefined {
  // (the same words and steps asked again: a copy of the first answer, see wholeRoutes)
  const key = options.config ? undefined : routeKey(said, options);
  const kept = key === undefined ? undefined : wholeRoutes.get(key);
  if (kept) return kept.of === undefined ? undefined : structuredClone(kept.of);
  // an end at a time of day ("until 3 pm", "stop at 17:30") is a span from now, and the answer says it
  const clock = clockEndsAsSpans(said);
  const notes = clock.notes;
  // ("stop at 5", "at 11 stop": an end at an hour that could be morning or evening is asked, with both as spans from now)
  const whichHalf = options.acquisitionRunning && !notes.length ? bareHourEndQuestion(said) : undefined;
  if (whichHalf) return { ask: whichHalf, command: true };
  // ("until tomorrow morning", "till the end of the day": a part of a day with no hour is asked, never read as another number)
  // (while imaging, an end at a clock time or a day is asked by the change reader as before)
  const dayPart = notes.length || options.acquisitionRunning ? undefined : dayPartEndQuestion(said);
  if (dayPart) return { ask: dayPart, start: true };
  // a unit said once for a list of channels ("DAPI 50 ms, GFP 200") is every channel's
  const said1 = unitsSaidOnce(clock.text, options.config ?? DEMO_CONFIG);
  // ("widefield channel off", "drop the fluorescence channels": channels named by their light path are the run's of that path)
  const lightPath = options.acquisitionRunning ? lightPathChannels(said1, runStateOf(options.earlier ?? [], (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change')).channels ?? [], options.config ?? DEMO_CONFIG) : undefined;
  if (lightPath && 'ask' in lightPath) return { ask: lightPath.ask, command: true };
  const text = lightPath?.text ?? said1;
  // ("how many images would GFP every 5 min for 12 h be?": a question about a plan not started is answered, nothing started)
  const planAnswer = options.acquisitionRunning ? undefined : planQuestion(text, options.config ?? DEMO_CONFIG);
  const route = planAnswer ? { ask: planAnswer, start: true as const, answered: true as const } : cameraPartsNamed(text, options) ?? routeRead(text, options);
  const whole = withWhileUnmeasured(said, inTense(said, notes.length && route?.tool !== undefined ? { ...route, notApplied: [...notes, ...(route.notApplied ?? [])] } : route, options));
  // (words with a time of day depend on the clock: read afresh each time)
  if (key !== undefined && !notes.length && clock.text === said) {
    if (wholeRoutes.size >= ROUTES_KEPT) wholeRoutes.delete(wholeRoutes.keys().next().value!);
    wholeRoutes.set(key, { of: whole === undefined ? undefined : structuredClone(whole) });
  }
  return whole;
}

/** "for a while", "for a bit", "temporarily": a change said to last a time nobody measured. */
const WHILE_UNMEASURED = /\b(?:for\s+(?:a\s+(?:while|bit|little(?:\s+while)?)|some\s+time|the\s+time\s+being)|temporar(?:il)?y)\b/i;

/**
 * "image faster for a while, 30 seconds, then go back": a change of the running acquisition said to last a while with no
 * length is made until changed again, and the answer says so in one line (never set back at a time guessed).
 */
function withWhileUnmeasured(said: string, route: MicroscopeRoute | undefined): MicroscopeRoute | undefined {
  if (!route?.tool || !carries(route.tool, 'change') || !WHILE_UNMEASURED.test(said)) return route;
  const args = route.args as { forS?: number; changes?: Adjustment[] };
  if (args.forS !== undefined || !args.changes?.length || args.changes.some((c) => c.kind === 'pause')) return route;
  const line = `"${WHILE_UNMEASURED.exec(said)![0]}": no length was said, so the change stays until you change it back (say e.g. "for 20 min" and it goes back by itself)`;
  return { ...route, notApplied: [...(route.notApplied ?? []), line] };
}

/**
 * A start for a day to come ("tomorrow I'll image mCherry every 5 min") is not made now, and a change said as a regret
 * ("I should have used 10 s intervals") is not made by itself: each is said in one line, nothing runs.
 */
function inTense(said: string, route: MicroscopeRoute | undefined, options: { acquisitionRunning?: boolean }): MicroscopeRoute | undefined {
  if (route?.tool === undefined) return route;
  const day = !options.acquisitionRunning && carries(route.tool, 'start') ? dayToCome(said) : undefined;
  if (day) return { ask: laterStartLine(day, route.understood), start: true };
  const regret = options.acquisitionRunning && carries(route.tool, 'change') && Array.isArray(route.args.changes) ? regretSaid(said) : undefined;
  if (regret) return { ask: regretLine(said, regret, route.args.changes as Adjustment[]), command: true };
  return route;
}

/**
 * Whole routes by the words as said (before clock times, units said once and the camera's parts are read: ~1.5% of
 * a plan-only suite's CPU, asked ~2.3 times per distinct question), kept like `routes` below; words with a time of
 * day are never kept (their route depends on the clock).
 */
const wholeRoutes = new Map<string, { of: MicroscopeRoute | undefined }>();

/**
 * The camera's own settings (binning, a sensor crop / ROI, gain, readout) and its live mode said with a request: the
 * rest is read as usual and the camera's parts are named in one line ("2x2 binning, mCherry every 2 min for 3 h" starts
 * the plan, the binning named); said alone (to the microscope), the line is the answer and nothing changes. Undefined
 * when the words name none, or when they are an analysis request ("crop the movie, then segment").
 */
function cameraPartsNamed(text: string, options: { acquisitionRunning?: boolean; config?: MicroscopeConfig; earlier?: EarlierStep[] }): MicroscopeRoute | undefined {
  const apart = cameraPartsApart(text, options.config ?? DEMO_CONFIG);
  if (!apart.notes.length) return undefined;
  const t = normaliseText(text).toLowerCase();
  // ("save this position as a new point": the place the stage is at, kept; no analysis saved)
  if (ANALYSIS_WORD.test(t) || (ANALYSIS_START.test(t) && !/^crop/.test(t) && !PLACE_KEPT.test(t))) return undefined;
  const rest = apart.rest ? routeRead(apart.text, options) : undefined;
  if (rest?.tool !== undefined && !rest.fallback) return { ...rest, notApplied: [...apart.notes, ...(rest.notApplied ?? [])] };
  if (rest?.tool === undefined && rest?.ask) return { ...rest, ask: `${rest.ask} ${apart.notes.join(' ')}` };
  if (apart.rest) return undefined;
  return { ask: `${apart.notes.map((n) => n.replace(/^Not applied: the /, 'I cannot set the ').replace(/^Not applied: /, 'I cannot do ')).join(' ')} Nothing was ${options.acquisitionRunning ? 'changed' : 'started'}.`, command: true, ...(options.acquisitionRunning ? {} : { start: true as const }) };
}

function routeRead(text: string, options: { acquisitionRunning?: boolean; config?: MicroscopeConfig; earlier?: EarlierStep[] }): MicroscopeRoute | undefined {
  // (a config of the caller's may change between calls: read afresh)
  if (options.config) return routeWithinLimits(text, options);
  const key = routeKey(text, options);
  if (key === undefined) return routeWithinLimits(text, options);
  let route = routes.get(key);
  if (route === undefined) {
    route = { of: routeWithinLimits(text, options) };
    if (routes.size >= ROUTES_KEPT) routes.delete(routes.keys().next().value!);
    routes.set(key, route);
  }
  // a copy: callers may change what they are given
  return route.of === undefined ? undefined : structuredClone(route.of);
}

/**
 * Routes already read, by the words, whether imaging runs and the steps before (as JSON): the planner asks
 * the same of several of its readings of one turn (about 2.3 calls per distinct question in the evaluation
 * suites, 16% of a plan-only suite's CPU). The route depends on nothing else (the demo config; rule ids are
 * dropped), so a repeat gives a copy of the first answer. Oldest first out past ROUTES_KEPT.
 */
const routes = new Map<string, { of: MicroscopeRoute | undefined }>();
const ROUTES_KEPT = 512;

/** The words, whether imaging runs and the steps before, as JSON; undefined for steps JSON cannot say whole (read afresh). */
function routeKey(text: string, options: { acquisitionRunning?: boolean; earlier?: EarlierStep[] }): string | undefined {
  try {
    const key = JSON.stringify([text, options.acquisitionRunning ?? null, options.earlier ?? null]);
    return key.length <= KEY_CHARS_KEPT ? key : undefined;
  } catch {
    return undefined;
  }
}
/** Longer keys (steps that reported large values) are not kept. */
const KEY_CHARS_KEPT = 20_000;

function routeWithinLimits(text: string, options: { acquisitionRunning?: boolean; config?: MicroscopeConfig; earlier?: EarlierStep[] }): MicroscopeRoute | undefined {
  let route = routeCovered(text, options);
  if (route?.tool === undefined) return route;
  // a share of a channel's light past the limits ("triple the GFP power" at 50 %) is that light at the limit, and said
  if (carries(route.tool, 'change') && Array.isArray(route.args.changes)) {
    const scaled = scaledWithinLimits(route.args.changes as Adjustment[], runStateOf(options.earlier ?? [], (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change')));
    if (scaled.notes.length) route = { ...route, args: { ...route.args, changes: scaled.changes }, notApplied: [...(route.notApplied ?? []), ...scaled.notes] };
  }
  // an interval shorter than one time point takes is refused with the shortest the plan keeps (the run as it will be after the changes)
  if (carries(route.tool, 'change') && Array.isArray(route.args.changes)) {
    const after = runStateOf([...(options.earlier ?? []), { tool: route.tool, args: route.args }], (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change'));
    const short = intervalTooShort(route.args.changes as Adjustment[], after);
    if (short) return { ask: capitalise(short), command: true };
    // ("exposure 0 ms": no image; refused with the range, never left to fail at run time)
    const none = (route.args.changes as Adjustment[]).find((c) => c.kind === 'exposure' && c.exposureMs <= 0);
    if (none) return { ask: `An exposure must be more than 0 ms (the camera takes ${DEFAULT_LIMITS.minExposureMs} to ${DEFAULT_LIMITS.maxExposureMs} ms), so nothing was changed: say the exposure in that range, e.g. "GFP exposure 50 ms".`, command: true };
    // ("600 slices at 0.1 µm": more planes than a stack may have, refused with the limit, never left to fail at run time)
    const deep = (route.args.changes as Adjustment[]).find((c) => c.kind === 'zPlan' && c.zPlan !== null && planesOf(toZPlan(c.zPlan)) > MAX_Z_PLANES);
    if (deep?.kind === 'zPlan' && deep.zPlan) return { ask: `A z-stack may have at most ${MAX_Z_PLANES} planes, and this one would have ${planesOf(toZPlan(deep.zPlan))}, so nothing was changed: use a larger step or a smaller range.`, command: true };
  }
  // a stage move past the stage's travel is refused with it (never left to fail, or to clamp, at run time)
  const moves = carries(route.tool, 'change') && Array.isArray(route.args.changes) ? (route.args.changes as Adjustment[]).filter((c) => c.kind === 'moveStage') : ['xUm', 'yUm', 'zUm'].some((k) => typeof route!.args[k] === 'number') ? [route.args] : [];
  const beyond = stageMoveRefusal(moves as { xUm?: unknown; yUm?: unknown; zUm?: unknown; relative?: unknown }[]);
  if (beyond) return { ask: beyond, command: true };
  // a power or exposure past the safety limits is planned at the limit, and said
  const limited = withinLightLimits({ args: route.args, then: route.then });
  if (!limited.notes.length) return route;
  return { ...route, args: limited.args.args, ...(limited.args.then ? { then: limited.args.then } : {}), notApplied: [...(route.notApplied ?? []), ...limited.notes] };
}

/** The route of the words, with every channel, position, plane and count of time points named used by it, asked about or named. */
function routeCovered(text: string, options: { acquisitionRunning?: boolean; config?: MicroscopeConfig; earlier?: EarlierStep[] }): MicroscopeRoute | undefined {
  const config = options.config ?? DEMO_CONFIG;
  // ("no wait, not GFP - RFP": a channel corrected is read before a dash can be read as a sign)
  if (options.acquisitionRunning || (options.earlier ?? []).some((s) => carries(s.tool, 'start'))) text = channelCorrectionAsSwap(text, config);
  // "+brightfield", "-dapi": a channel added or dropped by its sign
  text = withSignedChannels(text, config);
  let route = routeWords(text, options, config);
  // "the next time-point", "cut the frame-rate in half": words joined by a hyphen read as the words apart, when
  // only that reading is a command (a name with a hyphen, "far-red", "SiR-DNA", stays a name)
  const spaced = text.replace(HYPHENATED, (m, a: string, b: string) => (findChannels(m, config).length ? m : `${a} ${b}`));
  if (spaced !== text && (route === undefined || (route.tool === undefined && !route.start) || ('fallback' in route && route.fallback))) {
    const again = routeWords(spaced, options, config);
    if (again?.tool !== undefined && !again.fallback) route = again;
  }
  // every channel, position, plane and count of time points named is used by the changes, or asked about, or named
  if (route?.tool === undefined) return route;
  const words = normaliseText(commandOfSentences(withNumberedObjects(afterCorrection(text)), config));
  if (carries(route.tool, 'start') || carries(route.tool, 'takeImage')) {
    // ("snap GFP and mCherry": a picture of each channel named, one after the other)
    const { tool, args } = route;
    const then = [...(route.then ?? [])];
    if (carries(tool, 'takeImage') && typeof args.channel === 'string') {
      for (const each of snapsOfOtherChannels(words, args, config)) then.push({ tool, args: each });
    }
    const taken = then.length ? { ...route, then } : route;
    const note = coverageOfPlan(words, [args, ...then.map((s) => s.args)], config);
    // ("image GFP every 2 min for 10 h until the cells die": an end no rule watches is named, never dropped)
    const until = carries(tool, 'start') && !then.length ? /\b(?:until|till)\s+([^,;.]+)/.exec(words) : null;
    // (an end the time plan read, "until 6 h from now", "till 8 pm", is no condition)
    const untilNote = until && !durationsIn(until[1]).length && !/\d\s*(?:am|pm|h\b|o'?clock)|\d:\d\d|\b(?:noon|midnight|tomorrow|tonight|morning|evening)\b/.test(until[1]) ? `Not applied: "${until[0].trim()}" (the run goes on for the time planned; a rule can stop it only on what the frames show: a cell dividing, the number of cells, the mean intensity or the focus above or below a value).` : undefined;
    const notes = [note, untilNote].filter((n): n is string => n !== undefined);
    return notes.length ? { ...taken, notApplied: [...(route.notApplied ?? []), ...notes] } : taken;
  }
  if (!carries(route.tool, 'change') || !Array.isArray(route.args.changes)) return route;
  const runNow = runStateOf(options.earlier ?? [], (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change'));
  const channelsNow = runNow.channels;
  // ("drop the Cy5" while GFP and mCherry run: said, nothing changed, never another channel)
  const notImaged = channelNotImaged(route.args.changes as Adjustment[], channelsNow, config);
  if (notImaged) return { ask: notImaged, command: true };
  // ("slow GFP down to every 10 min" at 5 min, mCherry imaged too: an interval said of some channels only, a whole multiple of the
  // run's, is those channels imaged every Nth time point; any other interval of some channels is asked about below)
  const only = route.args.changes as Adjustment[];
  const named = uniquePresets(findChannels(words, config));
  if (only.length === 1 && only[0].kind === 'interval' && only[0].onlyAt === undefined && route.args.forS === undefined && runNow.intervalS && channelsNow?.length && named.length
    && named.every((c) => channelsNow.some((n) => n.toLowerCase() === c.toLowerCase())) && channelsNow.some((n) => !named.some((c) => c.toLowerCase() === n.toLowerCase()))) {
    const n = only[0].intervalS / runNow.intervalS;
    if (Number.isInteger(n) && n >= 2) return { ...route, args: { ...route.args, changes: named.map((channel) => ({ kind: 'acquireEvery', channel, every: n })) } };
  }
  // (a focus problem said of one position: the autofocus's own line names that position, so it is no part left unused)
  const focusAt = only.length === 1 && only[0].kind === 'autofocus' && FOCUS_LOST.test(words) ? onePositionNamed(words) : undefined;
  const covered = coverageOfChanges(focusAt?.rest ?? words, route.args.changes as Adjustment[], config, route.args.forS as number | undefined, channelsNow);
  if (!covered) return route;
  return 'ask' in covered ? { ask: covered.ask, command: true } : { ...route, notApplied: [...(route.notApplied ?? []), covered.notApplied] };
}

/** A verb of choosing and nothing else once the channels are taken out ("use the", "switch to the ... filter instead"). */
/** Every channel said with no name: "in all channels", "every channel", "each colour", "all the filters". */
const EVERY_CHANNEL = /\b(?:(?:in|of|with|for|using)\s+)?(?:all|every|each)\s+(?:(?:the|my|our|of the)\s+)?(?:channels?|colou?rs?|filters?|wavelengths?|lasers?)\b/;

const CHOOSES_ONLY = /^(?:(?:ok(?:ay)?|so|now|please|pls|then)[,\s]+)*(?:use|switch (?:over )?to|go (?:over )?to|change (?:over )?to|move to|select|pick|choose|let'?s (?:use|go with|try)|go with|try)\s+(?:(?:the|a|an|and|or|,|&|\+)\s*)*(?:(?:filter|channel|laser|line|cube|set)s?\s*)?(?:(?:instead|now|please|then|from now on)\s*)*[.!]*$/;

/** Two words of three letters or more joined by a hyphen ("time-point", "frame-rate"). */
const HYPHENATED = /(?<![\w-])([a-z]{3,})-([a-z]{3,})(?![\w-])/gi;

function routeWords(text: string, options: { acquisitionRunning?: boolean; config?: MicroscopeConfig; earlier?: EarlierStep[] }, config: MicroscopeConfig): MicroscopeRoute | undefined {
  // (the turn as said, its correction words kept: "no, I meant the other channel" moves the last change, pointsBack)
  const asSaid = withoutHedges(normaliseText(text).toLowerCase());
  // "The 488 is too strong. Halve it.": the command, with what its pronoun points back at
  // ("stop it for now, I'll restart it after lunch": a stop said to go on later is a pause, read before the speaker's own doing is set aside)
  text = stopThatGoesOnAsPause(text, findChannels(text, config).length);
  text = commandOfSentences(withNumberedObjects(afterCorrection(text)), config);
  // "oops, I meant mCherry not GFP", "the second channel should be 561 not 488": with a plan made, a channel corrected is swapped
  if (options.acquisitionRunning || (options.earlier ?? []).some((s) => carries(s.tool, 'start'))) text = channelCorrectionAsSwap(text, config);
  // "if it's not too much trouble, could you ...", "is it possible to ...", "would you mind dropping ...": the request itself
  text = sentencesOf(text).map(withoutCourtesy).filter(Boolean).join(' ') || text;
  // ("the movie should be 3 h longer", "the recording needs 2 more hours": while imaging, the run as the subject of what should happen to it)
  if (options.acquisitionRunning) text = sentencesOf(text).map(runAsSubject).join(' ') || text;
  // "trigger: division -> interval 20 s", "count > 100 → stop": a condition and its action written with an arrow are a rule (never the action now)
  text = text.replace(/^\s*(?:(?:rule|trigger|condition|if|when)\s*:?\s*)?(.+?)\s*(?:->|→|=>|⇒)\s*(.+)$/i, (whole, left: string, right: string) => (TRIGGER_NOUN.test(left) ? `when ${left}, ${right}` : whole));
  // "should the count exceed 300, end the experiment", "in case the cells die, stop": a condition said another way is a condition (never a stop now)
  // ("in case of division, add mCherry", "in the event of a mitosis, ...": an event said as a noun, as "upon division")
  text = text.replace(/^\s*(?:in (?:the )?case of|in the event of)\s+(?=(?:a\s+|any\s+|each\s+|every\s+)?(?:cell\s+)?(?:divi\w+|mitos[ie]s|mitotic)\b)/i, 'upon ');
  text = text.replace(/^\s*(?:should|in case|in the event that|provided that|supposing)\s+(?=(?:the|there|it|they|any|a|an|more|fewer|less|cells?|nuclei|focus|intensity|signal|count)\b[^,]*,)/i, 'if ');
  // "zoom to 40x on any dividing cell", "refocus for every mitotic cell": the event said as the action's object is its condition
  // ("add mCherry after a division", "image faster only after the first mitosis": the event after the action is its condition, never dropped)
  text = text.replace(/^\s*(.+?)\s+(?:(?:only|just)\s+)?(?:on|for|at|onto|into|in|after|upon|following)\s+(?:any|every|each|a|an|the next|the first|the)\s+(?:(?:dividing|mitotic)\s+cells?|cells?\s+(?:that|which)\s+(?:divides?|is dividing|enters? mitosis)|mitos[ie]s|divisions?)\s*[.!]*$/i, (whole, action: string) => (/^(?:when(?:ever)?|if|once|as soon as)\b|^(?:please\s+)?(?:segment|track|measure|count|quantify|analy[sz]e|plot|detect|export|save|show|find|label)\b/i.test(action) ? whole : `whenever a cell divides, ${action}`));
  // ("end the run once we have 100 frames", "stop when it reaches 50 time points": a count of time points the run itself
  // keeps, its length, never a rule on what the images show)
  text = text.replace(/\b(?:once|when|as soon as|after)\s+(?:we(?:'ve|\s+have)?|you(?:'ve|\s+have)?|it(?:'s|\s+has)?|there\s+are|the\s+(?:run|acquisition|movie)\s+(?:has|reaches|hits))\s+(?:got(?:ten)?\s+|reach(?:ed|es)?\s+|hit(?:s)?\s+|acquired\s+|taken\s+|collected\s+|recorded\s+|done\s+)?(\d+)\s+(frames|time\s?points|timepoints|images)\b/gi, 'after $1 $2');
  const t = withoutHedges(normaliseText(text).toLowerCase());
  // "forget it", "never mind", "scratch that": a request taken back, nothing to do (never a stop)
  // ("scratch that" right after a change made: that change is taken back, below)
  const changeJustMade = !!options.earlier?.length && carries(options.earlier.at(-1)!.tool, 'change');
  if (!(changeJustMade && options.acquisitionRunning && takesBackTheLast(t)) && /^(?:(?:ok(?:ay)?|oh|ah|actually|no|sorry|hmm+)[,\s]+)*(?:forget (?:it|that|about it)|never ?mind|nevermind|scratch that|ignore (?:that|it|me)|cancel that request)(?:[,\s]+(?:sorry|thanks|please))?\s*[.!]*$/.test(t)) return { ask: 'OK, I changed nothing.' };
  // "we imaged every 5 min", "yesterday we imaged at 10 min intervals": how an earlier recording was made, never a change
  // (while imaging, said so in one line; otherwise the words are the planner's, a fact about the movie)
  if (reportsThePast(t)) return options.acquisitionRunning ? { ask: 'That tells how an earlier recording was made, so I changed nothing in the running acquisition: to change it, say what to do from now (e.g. "image every 10 min from now").' } : undefined;
  const removed = ruleRemoved(t, options.earlier ?? []);
  if (removed) return removed;
  // ("after 1 hour, halve the frame rate", "switch to every minute in 10 min": a change the tool makes at that time, read below)
  // (read once: the change's own reading below takes it when no change for a while is read first)
  const delayed = options.acquisitionRunning ? laterChanges(text, config, runStateOf(options.earlier ?? [], (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change'))) : undefined;
  const madeLater = !QUESTION.test(t) ? delayed : undefined;
  // ("after frame 40 switch to every 15 min", "every 20 s until time point 60, then back": the acquisition counts its time points)
  const numbered = options.acquisitionRunning && !QUESTION.test(t) && !madeLater ? changesAtTimepoints(text, config, runStateOf(options.earlier ?? [], (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change'))) : undefined;
  if (numbered) return { tool: toolCarrying('change'), args: numbered };
  const unseen = options.acquisitionRunning && !QUESTION.test(t) && !madeLater ? changeWhenUnseen(t) ?? changeForLater(t) : undefined;
  if (unseen) return { ask: unseen, command: true };
  // "turn PFS on", "engage the Perfect Focus", "lock the focus": a hardware focus lock this microscope does not have; the software
  // autofocus is offered (it takes its own images, light the cells get), never put in its place unasked
  // ("PFS lost the coverslip, refocus please", "do one hardware autofocus now": a refocus asked for is the command, read below)
  const refocus = /\b(?:re-?focus|auto-?focus)\b/.test(t) && !/\b(?:on|engage\w*|enable|keep|switch|turn)\b/.test(t);
  if (options.acquisitionRunning && HARDWARE_FOCUS.test(t) && !QUESTION.test(t) && !refocus) {
    return { ask: `This microscope has no hardware focus lock (PFS, Definite Focus, ZDC), so nothing was changed: its software autofocus can run before every time point instead ("autofocus every time point"; each one takes ${AUTOFOCUS_PLANES} images of its own), or once now ("autofocus now").`, command: true };
  }
  // (nothing running: "turn on the perfect focus system" said alone is named the same way, with how a plan gets its autofocus; stop 47)
  if (!options.acquisitionRunning && HARDWARE_FOCUS.test(t) && !QUESTION.test(t) && !/\?\s*$/.test(t) && !findChannels(t, config).length && !refocus && !/\b(?:re-?focus|auto-?focus)\b/.test(t)) {
    return { ask: `This microscope has no hardware focus lock (PFS, Definite Focus, ZDC), so nothing was started: its software autofocus runs with a time-lapse when the plan says so ("GFP every 5 min for 6 h, autofocus every time point"; each one takes ${AUTOFOCUS_PLANES} images of its own).`, command: true, start: true };
  }
  // "save the images", "make sure the data is stored": the running acquisition writes every frame to its files as it comes, so
  // where they are is the answer (never an export of something else)
  if (options.acquisitionRunning && /^(?:(?:please|pls|can you|could you|make sure (?:you|to)?|don'?t forget to)\s+)*(?:save|store|write|keep|record)\s+(?:all\s+)?(?:the|my|our|these|those|its)?\s*(?:raw\s+)?(?:images?|frames?|data|stacks?|acquisition|time[\s-]?lapse|movie|files?)(?:\s+(?:please|pls|too|as well|somewhere|to disk))*\s*[.!]*$/.test(t)) return { tool: toolCarrying('status'), args: {}, sure: true };
  // "show me the latest image", "can I see the most recent frame?", "pull up the last picture it took": while imaging, the
  // run's latest image is what is asked for (its status saves it as a picture), never an analysis of an open movie
  if (options.acquisitionRunning && LOOK_AT.test(t) && LATEST_IMAGE.test(t) && !ANALYSIS_WORD.test(t) && !SOMETHING_CHANGED.test(t)) {
    const at = /\b(?:position|pos|xy|field|site|point)\s*#?\s*(\d+)\b/.exec(t);
    return { tool: toolCarrying('status'), args: { latestImage: true, ...(at ? { position: at[1] } : {}) }, sure: true };
  }
  // "it's out of focus", "the image looks blurry", "focus has drifted": said of the running acquisition, the one remedy it has
  // is its autofocus, once before the next time point (said, with what it costs); a question about it is read as one
  if (options.acquisitionRunning && FOCUS_LOST.test(t) && !QUESTION.test(t) && !/\?\s*$/.test(t) && !/\b(?:re-?focus|auto-?focus|focus (?:up|down)|z\b|planes?|slices?|stack)\b/.test(t) && !findChannels(t, config).length && !SOMETHING_DONE.test(t)) {
    return { tool: toolCarrying('change'), args: { changes: [{ kind: 'autofocus' }] }, notApplied: [`read as a focus problem: one autofocus before the next time point (it takes ${AUTOFOCUS_PLANES} images of its own); "autofocus every time point" keeps refocusing`] };
  }
  // ("we lost focus on pos 1", "position 2 is out of focus": the same focus problem said of one position; the answer names it)
  const atOne = options.acquisitionRunning && FOCUS_LOST.test(t) && !QUESTION.test(t) && !/\?\s*$/.test(t) ? onePositionNamed(t) : undefined;
  if (atOne && !/\b(?:re-?focus|auto-?focus|focus (?:up|down)|z\b|planes?|slices?|stack)\b/.test(atOne.rest) && !findChannels(atOne.rest, config).length && !SOMETHING_DONE.test(atOne.rest.replace(/\b(?:the|this|that|my|our|an?)\s+(?:image|picture|frame)s?\b/g, ' '))) {
    return { tool: toolCarrying('change'), args: { changes: [{ kind: 'autofocus' }] }, notApplied: [focusAtAPositionNote(atOne.position, AUTOFOCUS_PLANES)] };
  }
  // "keep the light dose under 20 J/cm²": a ceiling no command sets, said (never a report or a change in its place)
  // (with a plan to start, "GFP every 2 min for 10 h, and don't go over 3 J/cm2": the plan's question, never another tool's step)
  const capped = doseCapRefusal(t);
  if (capped) return { ask: capped, command: true, ...(!options.acquisitionRunning && findChannels(t, config).length && timeSpans(t).intervalS !== undefined ? { start: true as const } : {}) };
  // "let it run overnight": how long a night is, from now, is asked while imaging (a start says the 12 h it takes)
  if (options.acquisitionRunning && /\bovernight\b/.test(t) && !durationsIn(t).length && !/\?\s*$/.test(t) && !CONDITION.test(t)) return { ask: 'How long is "overnight" from now? Say it as a span ("run 14 h more", "end in 12 h") or a time ("until 9 am"); nothing was changed.', command: true };
  // "change that rule to every 2 min": a rule is not edited in place (and never read as a change to the run itself)
  if (/\b(?:that|this|the|my|last|first|second|division|count|intensity|focus)\s+(?:\w+\s+)?rule\b/.test(t) && /\b(?:change|edit|modify|update|make|set|adjust|alter|tweak|switch)\b/.test(t) && !/\?\s*$/.test(t)) {
    const meant = rulesMeant(t, options.earlier ?? []);
    const id = 'ruleIds' in meant && meant.ruleIds.length === 1 ? meant.ruleIds[0] : 'the rule';
    return { ask: `I cannot change a rule in place, and nothing in the running acquisition was changed: remove it ("remove ${id === 'the rule' ? 'rule-1' : id}") and say the rule as it should be (e.g. "if a cell divides, image every 2 min").`, command: true };
  }
  // ("300 ms for the next 10 time points, then go back": going back at the end of a change for a while is part of it, no revert now)
  const back = options.acquisitionRunning && options.earlier && !spanForAWhile(t) ? pointsBack(t, options.earlier, config, asSaid) : undefined;
  if (back) return back;
  // ("10 min would be better", "50 ms please": a value said alone is the one setting its unit names, or asked back)
  const alone = options.acquisitionRunning ? valueAlone(t, runStateOf(options.earlier ?? [], (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change'))) : undefined;
  if (alone && 'ask' in alone) return { ask: `${alone.ask}.`, command: true };
  if (alone) return { tool: toolCarrying('change'), args: { changes: [alone.change] } };
  // "go to position 2", "move to the second position", "jump to xy 3": the stage to one of the run's positions (never a change of the plan)
  const visit = positionVisit(t, options.earlier ?? [], config);
  if (visit) return visit;
  // "go back to where we started": the conversation's stage moves undone as one move (asked when the start is not known)
  const home = backToStart(t, options.earlier ?? []);
  if (home && 'ask' in home) return { ask: home.ask, command: true };
  if (home) {
    const by = Object.fromEntries(Object.entries(home).filter(([, v]) => v !== 0));
    return options.acquisitionRunning ? { tool: toolCarrying('change'), args: { changes: [{ kind: 'moveStage', ...by, relative: true }] } } : { tool: toolCarrying('move'), args: { ...by, relative: true }, sure: true };
  }
  // a well of a plate ("go to well B3", "image wells A1 to A6"): the configuration places no plate, so where it is is asked, never guessed
  // a whole plate ("the 96-well plate", "every well"): where its wells are is asked, never guessed
  if (/\b(?:6|12|24|48|96|384|1536)[\s-]?wells?\b|\b(?:whole|entire) plate\b|\b(?:all|every|each) (?:the )?wells?\b/.test(t)) return { ask: 'I do not know where the wells are: the microscope\'s configuration has no plate layout, so I changed nothing. Give the stage positions in µm instead, e.g. "at (1000, 2000) and (5500, 2000)".' };
  const well = wellNamed(t);
  if (well) return { ask: `I do not know where well ${well} is: the microscope's configuration has no plate layout, so I changed nothing. Give the stage positions in µm instead, e.g. "at (1000, 2000) and (5500, 2000)".` };
  // the rules: which there are, what they do
  // (a rule by its other names: "which automatic triggers are set?", "any automations running?")
  // ("show me the triggers you've set up", "what rules have I got set up?": a verb of making said of the rules made already asks about them)
  const aboutRules = t.replace(/\b(?:you|we|i|they)(?:'ve|'d| have| had)?\s+(?:just\s+|already\s+)?(?:set up|set|added|created|made|put in|defined|configured)\b|\b(?:already|currently)\s+(?:set up|added|created|made|defined)\b|\b(?:have|had|did)\s+(?:you|we|i|they)\s+(?:got\s+|just\s+|already\s+)*(?:set up|set|added|created|made|put in|defined|configured)\b/g, '');
  if ((/\brules?\b/.test(t) || /\b(?:triggers|automations?|(?:automatic|smart|self-driving|event-driven)\s+(?:triggers?|actions?|conditions?))\b/.test(t)) && /\b(which|what|list|show|any|active|do|does|did|has|have|are there|tell me|fired?|triggered|kicked in)\b/.test(t) && !/\b(remove|delete|cancel|drop|disable|stop|add|create|make|set up)\b/.test(aboutRules) && !/^(?:when(?:ever)?|if)\b/.test(t)) return { tool: toolCarrying('listRules'), args: {}, sure: true };
  // a rule: the condition first ("when a cell divides, ..."), or after the action ("stop when there are more than 100 cells");
  // parseRule refuses words whose condition is nothing it can measure ("stop once this time point is done")
  // nothing running, a whole plan and a rule in one message ("image 488 every 5 min for 12 h and stop if more than 300 cells"): the start, then the rule to confirm
  if (!options.acquisitionRunning && CONDITION.test(t) && !QUESTION.test(t)) {
    const both = startThenRule(text, config);
    if (both) return both;
  }
  // ("image GFP every 2 min for 10 h until there are more than 300 cells": the plan, then the rule that stops it then; never the plan alone)
  const untilAt = !options.acquisitionRunning && !QUESTION.test(t) ? /\s*,?\s+(?=(?:until|till)\s)/.exec(text) : null;
  const untilRule = untilAt ? untilAsRule(text.slice(untilAt.index + untilAt[0].length), config) : undefined;
  if (untilAt && untilRule) {
    const both = startThenRule(`${text.slice(0, untilAt.index)}; ${untilRule}`, config);
    if (both) return both;
  }
  // "keep going until there are more than 300 nuclei": going on until a watched condition is a rule that stops the run then;
  // "keep imaging while the intensity is above 2000; once it dips below, stop": going on while a level holds, one that stops it when it no longer does
  const until = options.acquisitionRunning && !QUESTION.test(t) ? untilAsRule(text, config) ?? whileAsRule(text, config) : undefined;
  if (until) {
    try {
      const { id: _id, ...rule } = parseRule(until, config);
      return { tool: toolCarrying('proposeRule'), args: { rule: { ...rule, text: text.trim() }, confirm: false } };
    } catch (err) {
      return { ask: capitalise((err as Error).message), command: true };
    }
  }
  if ((((/^(?:when(?:ever)?|if|as soon as|each time|every time|once|after)\b.+[,:]|\bwhenever\b|^(?:add|set up|create|make) (?:a )?rule\b/.test(t) || /(?:^|.\s)(?:when(?:ever)?|if|as soon as|each time|every time|once)\s/.test(t)) && CONDITION.test(t)) || (options.acquisitionRunning && !madeLater && (AFTER_SPAN.test(t) || new RegExp(AFTER_EVENTS).test(t)))) && !QUESTION.test(t)) {
    try {
      // ("if the cells start dividing, image faster": no figure said, the rule proposes half the run's interval, and says so)
      const intervalS = runStateOf(options.earlier ?? [], (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change')).intervalS;
      const { id: _id, ...rule } = parseRule(text.replace(/^\s*(?:add|set up|create|make) (?:a )?rule:?\s*/i, ''), config, { intervalS });
      const guessed = rule.action.kind === 'setInterval' && intervalS !== undefined && rule.revertIntervalS === intervalS && !/\d/.test(t.replace(CONDITION_FIGURES, ''))
        ? [`You did not say how often: the rule I propose images every ${rule.action.intervalS} s (${rule.action.intervalS < intervalS ? 'half' : 'twice'} the current ${intervalS} s) while it is on; say e.g. "every 1 min" for another interval.`]
        : [];
      return { tool: toolCarrying('proposeRule'), args: { rule, confirm: false }, ...(guessed.length ? { notApplied: guessed } : {}) };
    } catch (err) {
      // a command on a condition that cannot be watched ("stop GFP once it is bleached"): asked, never done at once without its condition;
      // an analysis for later ("when it's done, track the cells") is the planner's
      if (ANALYSIS_WORD.test(t)) return undefined;
      if (CONDITION.test(t) || AFTER_SPAN.test(t)) return { ask: capitalise((err as Error).message), command: true };
    }
  }
  const hasChannel = findChannels(t, config).length > 0;
  // "image CFP and YFP ...", "add mTurquoise": a dye no channel images is named, never left out of the plan
  const unknown = unknownFluorophores(text, config);
  if (unknown.length && !ANALYSIS_START.test(t) && !ANALYSIS_WORD.test(t) && (options.acquisitionRunning ? !QUESTION.test(t) && /\b(?:add|image|imaging|acquire|use|switch|swap|replace|include|take|record|set|start)\b/.test(t) : IMAGING_VERB.test(t) || (timeSpans(t).intervalS !== undefined && /\b(?:image|imaging|acquire|record|start|run|film|capture|time[\s-]?lapse|mda)\b/.test(t)))) {
    return { ask: `${unknown.join(' and ')} ${unknown.length > 1 ? 'are' : 'is'} imaged by no channel of this microscope (it has ${config.channels.map((c) => c.name).join(', ')}; GFP/488 = FITC, mCherry/561 = Rhodamine, far red/640 = Cy5): say which of these to use; nothing was ${options.acquisitionRunning ? 'changed' : 'started'}.`, command: true, ...(options.acquisitionRunning ? {} : { start: true as const }) };
  }
  const spans = timeSpans(t);
  // ("one image each of DAPI and GFP", "a frame for every channel": words that share out among channels are no rate)
  const rated = withoutSharedOut(t);
  const timeLapse = RATE_SAID.test(t) || /\bevery\b|\bintervals?\b|\btime[\s-]?(?:lapse|series)\b|\btime ?points\b|\bframes\b|\bcycles\b|\bcontinuous(?:ly)?\b|\bas fast as possible\b|\bstream(?:ing)?\b/.test(rated) && (/\bfor\b|\bover\b|\bovernight\b|\d+\s*(?:time ?points|frames|cycles)/.test(t) || (spans.intervalS !== undefined && spans.durationS !== undefined));
  // nothing running, channels and a whole time plan (interval and duration or count): an acquisition to start, whatever the verb ("follow GFP for 48 h, one frame every 15 min")
  const wholeTimePlan = spans.intervalS !== undefined && (spans.durationS !== undefined || /\d+\s*(?:time ?points|frames|timepoints|cycles)\b/.test(t));
  // "start a new time-lapse of DAPI ..." while one runs: the start tool says one is running (never read as a change to the running one)
  const newStart = options.acquisitionRunning && hasChannel && wholeTimePlan && NEW_RUN.test(t);
  // (the microscope runs one acquisition at a time: the new one is asked about, named with the running one, nothing started
  // nor changed; never read as a change of the running one, nor stopped for it without a person saying so)
  if (newStart) return { ask: newRunWhileRunning(text, config, options.earlier ?? []), command: true };
  // ("I want to image another dish now", "let's do a new experiment": another sample or run, no plan said, asked the same way)
  if (options.acquisitionRunning && !QUESTION.test(t) && !/\?\s*$/.test(t) && OTHER_RUN.test(t)) return { ask: newRunWhileRunning(text, config, options.earlier ?? []), command: true };
  // a start at a clock time ("... starting at 10 pm"): acquisitions start when asked, never later by themselves; asked, nothing started
  const at = START_AT_CLOCK.exec(t);
  if (at && hasChannel && (timeLapse || wholeTimePlan)) return { ask: `I start an acquisition when you ask, not at a time of day ("${at[1]}"): say "start" then, or leave the time out to start now; nothing was started.`, command: true };
  // ("I need a z-stack of DAPI, 15 slices, 0.5 micron steps": a channel, a z-stack and its spacing in µm, nothing running: a stack
  // to acquire, whatever movie is open; a movie's slices have no step to set, and a projection says its verb)
  const stackToAcquire = !options.acquisitionRunning && hasChannel && Z_STACK_SAID.test(t) && Z_SPACING_SAID.test(t) && !ANALYSIS_WORD.test(t);
  // ("I want to watch mitosis in the GFP cells for 12 h": a duration and what is watched, whose pace gives the interval; stop 47)
  const goalPaced = !options.acquisitionRunning && hasChannel && spans.intervalS === undefined && spans.durationS !== undefined && !ANALYSIS_WORD.test(t) && paceOfGoal(t) !== undefined
    // ("follow the dividing nuclei over 12 h" with a movie open may be its tracking: only a verb that makes images, or a wish to spare the cells the light, says a run)
    && (/\b(?:image|imaging|record|recording|film|filming|capture|acquire|watch|observe|monitor|time[\s-]?lapse|mda|scope|microscope)\b/.test(t) || gentleWish(t) !== undefined);
  // ("image GFP each 5 minute during 2 hour": an interval and a duration the time plan reads are a time-lapse, whatever words said them)
  if (hasChannel && (newStart || timeLapse || wholeTimePlan || stackToAcquire || goalPaced) && (newStart || /\b(image|acquire|record|start|take|run|film|capture|time[\s-]?lapse|snap|imaging|follow|monitor|watch|observe|mda|stream)\b/.test(t) || wholeTimePlan || stackToAcquire) && !ANALYSIS_START.test(t) && (!options.acquisitionRunning || newStart)) {
    try {
      const parsed = parseAcquisitionRequest(text, config);
      return { tool: toolCarrying('start'), args: { plan: parseSequenceChecked(parsed.sequence), ...(parsed.objective ? { objective: parsed.objective } : {}) }, understood: parsed.understood, ...(parsed.notes ? { notApplied: parsed.notes } : {}), ...(stackToAcquire && !timeLapse && !wholeTimePlan ? { sure: true as const } : {}) };
    } catch (err) {
      // ("image GFP and RFP every 5 min, but not DAPI": an imperative to image channels at an interval is a plan to start that lacks
      // something, never a fact about the movie open)
      return { ask: capitalise((err as Error).message), ...(wholeTimePlan || (IMAGING_VERB.test(t) && spans.intervalS !== undefined && !ANALYSIS_WORD.test(t)) ? { start: true as const } : {}) };
    }
  }
  // ("image 4 positions every 5 min for 2 h with a 5-slice stack": nothing running, a command to image with a whole time plan and
  // no channel named is a start that lacks its channel: asked, never a change of a run not there nor a movie's calibration)
  if (!options.acquisitionRunning && !hasChannel && wholeTimePlan && IMAGING_VERB.test(t) && !ANALYSIS_WORD.test(t)) return { ask: channelAskedForStart(text, config), start: true };
  if ((/\b(snap|snapshot|take (?:a|an|one) (?:picture|image|snapshot|photo)|single (?:image|frame|shot|picture)|one (?:image|frame|picture))\b|\b(?:take|grab|get|acquire|capture|shoot|record)\s+(?:me\s+)?(?:a|an|one)\s+(?:(?:single|quick|new|fresh|\S+)\s+){0,2}(?:picture|image|snapshot|photo|frame|shot)\b/.test(t) || picturesOfEachChannel(t, config)) && !timeLapse && !/\b(?:every|each|per|interval|fps|rate)\b/.test(rated) && !MADE_INTO_ONE_IMAGE.test(t) && !ANALYSIS_START.test(t)) {
    const channel = findChannels(t, config)[0]?.preset;
    const exposure = exposureMs(t);
    const power = percent(t);
    // ("switch to the 10x and snap a brightfield image": the objective said with the snap is switched first, never dropped; stop 47)
    const objective = !options.acquisitionRunning ? /\b(10|20|40)\s*x\b(?!\s*\d)/.exec(t) : null;
    const snapArgs = { ...(channel ? { channel } : {}), ...(exposure !== undefined ? { exposureMs: exposure } : {}), ...(power !== undefined ? { powerPercent: power } : {}) };
    if (objective) return { tool: toolCarrying('move'), args: { objective: `${objective[1]}X` }, then: [{ tool: toolCarrying('takeImage'), args: snapArgs }], sure: true };
    // ("move 300 µm to the left and take a brightfield picture": a stage or focus move said first is made first, never dropped)
    const head = !options.acquisitionRunning ? commandBeforeSnap(t) : undefined;
    const move = head ? routeRead(head, options) : undefined;
    if (move?.tool !== undefined && carries(move.tool, 'move') && !move.fallback) return { tool: move.tool, args: move.args, then: [{ tool: toolCarrying('takeImage'), args: snapArgs }], sure: true };
    // (a move said first that is asked back, "go up 5 microns then snap", holds the picture back too: never a snap from the wrong place)
    if (move && move.tool === undefined && typeof move.ask === 'string') return { ask: `${move.ask.replace(/[.;\s]*$/, '')}; no picture was taken either.`, command: true };
    // ("snap the current field in all channels", "one image of every channel": no channel named but all of them, one picture each)
    const every = !channel && EVERY_CHANNEL.test(t) ? config.channels.map((c) => c.name) : [];
    if (every.length > 1) return { tool: toolCarrying('takeImage'), args: { ...snapArgs, channel: every[0] }, then: every.slice(1).map((c) => ({ tool: toolCarrying('takeImage'), args: { ...snapArgs, channel: c } })), sure: true };
    // taking a picture is something only the microscope does ("grab a brightfield image" is no analysis of brightfield)
    return { tool: toolCarrying('takeImage'), args: { ...(channel ? { channel } : {}), ...(exposure !== undefined ? { exposureMs: exposure } : {}), ...(power !== undefined ? { powerPercent: power } : {}) }, sure: true };
  }
  // a rule proposed earlier, activated by its id ("activate rule-1"): a person still approves it
  const activate = /\b(?:activate|enable|confirm|turn on|switch on|apply|start)\b.*\brule[- ]?#?(\d+)\b/.exec(t);
  if (activate) return { tool: toolCarrying('activateRule'), args: { ruleId: `rule-${activate[1]}`, confirm: true } };
  // "tell me the interval", "show me the channel settings", "can you check whether the 561 is on": while imaging,
  // a request to be told a setting of the run is a question about it (its report answers it)
  if (options.acquisitionRunning && TELL_ME.test(t) && RUN_SETTING.test(t)) return { tool: toolCarrying(/\b(?:dose|light so far)\b/.test(t) ? 'dose' : 'status'), args: {} };
  // "for the next 90 min every minute, then every 10 min": the first change now, the second when the span is over
  const phased = options.acquisitionRunning && !QUESTION.test(t) ? phasedChanges(text, (words) => parseAdjustment(words, config, runStateOf(options.earlier ?? [], (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change')))) : undefined;
  if (phased) return { tool: toolCarrying('change'), args: { changes: phased.now }, then: [{ tool: toolCarrying('change'), args: { changes: phased.later, inS: phased.inS } }] };
  let changes: Adjustment[];
  // "image twice as often for the next 30 min": a change for a while, read without its span (the tool sets it back after)
  let forS: number | undefined;
  // "after 1 hour, halve the frame rate": a change made later, read without its delay
  let inS: number | undefined;
  try {
    const state = runStateOf(options.earlier ?? [], (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change'));
    let timed = options.acquisitionRunning ? timedChanges(text, config, state) : undefined;
    const later = !timed ? delayed : undefined;
    if (later) {
      changes = later.changes;
      inS = later.inS;
      if (later.forS !== undefined) timed = { changes: later.changes, forS: later.forS };
    } else if (timed) changes = timed.changes;
    else {
      try {
        changes = parseAdjustment(text, config, state);
      } catch (err) {
        // ("image every 30 s for 15 min", "go to 30 s intervals for 15 min while the drug goes in": words that read no other
        // way, with a span after a plain "for", are a change for that long)
        // (not words that name a channel: "image GFP every 5 min for 2 h" may be a new plan, asked about; but a channel
        // paused, dropped or set for a span, "pause DAPI for an hour", "GFP at 2% for 20 min", is no plan: it is that change for a while)
        timed = options.acquisitionRunning ? timedChanges(text, config, state, true) : undefined;
        if (timed && findChannels(t, config).length && !timed.changes.every(ofOneChannel)) timed = undefined;
        if (!timed) throw err;
        changes = timed.changes;
      }
    }
    forS = timed?.forS;
  } catch (err) {
    // "what's the GFP power, and should I lower it?", "is DAPI on? and how long is left?": questions only, however many, change nothing
    const parts = t.split(/\s*(?:,\s*(?:and|but|or|also)\s+|\?\s*|;\s*|\.\s+)\s*/).map((p) => p.trim().replace(LEAD_WORDS, '')).filter((p) => p.length > 0);
    // ("should we lower the power?", "should I stop?": a question for advice, answered from the run's report, never a command asked back)
    const asksOnly = /\?\s*$/.test(t) && (parts.length > 1 ? parts.every((p) => ASKS_ONLY.test(p)) : /^(?:should|shall)\s+(?:i|we)\b/.test(parts[0] ?? ''));
    if (options.acquisitionRunning && asksOnly) return { tool: toolCarrying(/\b(?:light|dose|laser|power|exposure|bleach\w*|phototox\w*|percent)\b|%/.test(t) ? 'dose' : 'status'), args: {} };
    // (a command heard that lacks something, or sets what no tool sets: a question of the microscope's, never "outside what I do")
    if (err instanceof AmbiguousCommand) return { ask: capitalise(err.message), command: true };
    // "use the 525/50", "switch to the 561": a channel chosen with no word of how is asked about (added, or the only one?)
    const chosen = uniquePresets(findChannels(t, config));
    if (options.acquisitionRunning && chosen.length && CHOOSES_ONLY.test(findChannels(t, config).reduceRight((w, c) => w.slice(0, c.index) + w.slice(c.index + c.text.length), t).replace(/\s+/g, ' ').trim() + ' ')) {
      return { ask: `Use ${chosen.join(' and ')} how: imaged besides the other channels ("add ${chosen[0]}"), or the only ${chosen.length > 1 ? 'ones' : 'one'} from now on ("only ${chosen.join(' and ')}")? Nothing was changed.`, command: true };
    }
    // words to stop something that were not understood while imaging: asked back, never left to a guess that could end the run
    if (options.acquisitionRunning && STOP_WORD.test(withoutNegatedStops(t)) && !(err instanceof MixedRequest)) return { ask: `I am not sure what to stop in "${text.trim()}": say "stop the acquisition" to end it (I will ask you to confirm), or name a channel ("drop DAPI"), the z-stack or the grid` };
    // the stage's unwanted motion ("any wobble in the stage", "the stage drifted") is a property of the images, no command to the microscope
    if (STAGE_MOTION.test(t)) return undefined;
    // a question about the run ("is anything wrong with the run?", "how's the time-lapse looking?"): its report answers it
    // ("is the sample in focus", "are the cells still sharp?": the focus is the run's, whatever the subject; its report says its autofocus runs)
    if (options.acquisitionRunning && ASKS_ONLY.test((sentencesOf(t).at(-1) ?? t).replace(LEAD_WORDS, '')) && /\b(?:run|acquisition|imaging|time[\s-]?lapse|microscope|scope|experiment|it|things|everything|anything|in\s+focus|focus(?:ed|sed|ing)?|sharp|blurr(?:y|ed))\b/.test(t)) return { tool: toolCarrying('status'), args: {}, sure: true };
    // words to the running acquisition that are no question and were not understood ("do the thing with the laser"): nothing runs, said in one line
    if (options.acquisitionRunning && /\b(laser|lasers|light|lamp|acquisition|objective)\b/.test(t) && !/\?\s*$/.test(t) && !/^(?:what|which|how|when|where|why|who|whose|is|are|was|were|am|does|did|has|have|should|could i|can i|will)\b/.test(t.replace(LEAD_WORDS, '')) && !/\b(?:status|report|progress|tell me|show me|dose|budget|so far|bleach\w*|left|remaining|summary|overview)\b/.test(t)) return { ask: `I did not understand "${text.trim()}" as a change to the acquisition, so nothing was changed: say what to change, e.g. "488 to 5%", "halve the GFP exposure", "every 10 min", "drop DAPI" or "pause for 20 min"` };
    return /\b(microscope|stage|objective|acquisition|laser)\b/.test(t) ? { tool: toolCarrying('status'), args: {}, fallback: true } : undefined;
  }
  // a question ("is 5% on the 488 too much?", "what would happen if I went to every minute?") changes nothing:
  // the run's report answers it (its light dose when it asks about light)
  const sentences = sentencesOf(t);
  const lastSentence = sentences.at(-1) ?? t;
  const lastAsked = lastSentence.replace(LEAD_WORDS, '');
  // ("remove the red? is bleaching": a last sentence with its subject dropped before a verb in -ing, and no question mark, is a remark)
  const remark = !/\?\s*$/.test(lastSentence) && /^(?:is|are)\s+\w+ing\b/.test(lastAsked) && sentences.length > 1;
  // ("drop GFP. how long is left?": a command in a sentence before the question is made, and the question answered with it;
  // never one the question asks about, "GFP at 5%. is that too much?")
  const commandBefore = !/\b(?:that|this)\b/.test(lastSentence) && sentences.slice(0, -1).some((s) => !/\?\s*$/.test(s) && !ASKS_ONLY.test(s.replace(LEAD_WORDS, '')) && !isRemark(s, options.config ?? DEMO_CONFIG));
  if (!remark && !commandBefore && ASKS_ONLY.test(lastAsked) && changes.some((c) => c.kind !== 'status')) return { tool: toolCarrying(/\b(?:light|dose|laser|power|exposure|bleach\w*|phototox\w*|percent)\b|%/.test(t) ? 'dose' : 'status'), args: {} };
  // ("drop GFP and mCherry" with those the only channels imaged: every channel dropped is a stop, asked, never half done)
  const imaged = options.acquisitionRunning ? runStateOf(options.earlier ?? [], (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change')).channels : undefined;
  const dropped = new Set(changes.flatMap((c) => (c.kind === 'dropChannel' ? [c.channel] : [])));
  if (imaged?.length && imaged.every((c) => dropped.has(c)) && !changes.some((c) => c.kind === 'addChannel' || c.kind === 'onlyChannels')) return { ask: EVERY_CHANNEL_DROPPED, command: true };
  let told = toolFor(changes, options.acquisitionRunning ?? false);
  // ("stop once it's done with the position it's on": a run ends after a whole time point, every position of it, and the answer says so)
  if (told.tool !== undefined && carries(told.tool, 'stop') && told.args.finishTimepoint === true && POSITION_BEING_IMAGED.test(t)) told = { ...told, notApplied: ['Not applied: a stop right after the position being imaged (a run stops after its current time point, every position of it, so that is when it stops).'] };
  const route = (forS !== undefined || inS !== undefined) && told.tool === toolCarrying('change') ? { ...told, args: { ...told.args, ...(forS !== undefined ? { forS } : {}), ...(inS !== undefined ? { inS } : {}) } } : told;
  // nothing running and the words state how a recording was timed ("the interval is 2 minutes", "it was imaged every
  // 120 s"): a fact about a movie, never a change to an acquisition that does not exist
  if (!options.acquisitionRunning && route.tool === toolCarrying('change') && changes.every((c) => c.kind === 'interval') && STATES_TIMING.test(t) && !COMMANDS_TIMING.test(t)) return undefined;
  // a question about the microscope itself ("what is the scope doing?", "where is the stage?") has no meaning for data
  if (changes.every((c) => c.kind === 'status') && route.tool !== undefined && /\b(?:microscope|scope|stage|objectives?|lasers?|acquisition|time[\s-]?lapse)\b/.test(t)) return { ...route, sure: true };
  // ("I want a 3x3 tile of this area in GFP", "montage 2 by 2 around here with DAPI": with nothing running, a grid of a channel
  // wished for, or the grid's own noun said as the verb, is that grid acquired)
  // nothing running, a channel and a z-stack (or positions, a grid) with a verb of taking images ("take a z-stack of GFP: 21 slices
  // at 0.5 µm"): one time point of that plan, started
  if (!options.acquisitionRunning && route.tool === toolCarrying('change') && hasChannel && changes.every((c) => c.kind === 'zPlan' || c.kind === 'positions' || c.kind === 'grid') && changes.some((c) => c.kind !== 'zPlan' || c.zPlan !== null) && (/\b(?:take|acquire|grab|image|snap|shoot|capture|record|do|get|collect|run)\b/.test(t) || GRID_WISHED.test(t) && changes.some((c) => c.kind === 'grid')) && !ANALYSIS_START.test(t)) {
    try {
      const parsed = parseAcquisitionRequest(text, config);
      return { tool: toolCarrying('start'), args: { plan: parseSequenceChecked(parsed.sequence), ...(parsed.objective ? { objective: parsed.objective } : {}) }, understood: parsed.understood, ...(parsed.notes ? { notApplied: parsed.notes } : {}), sure: true };
    } catch (err) {
      return { ask: capitalise((err as Error).message) };
    }
  }
  // the light a sample has received is the microscope's ledger, never something a movie says
  // ("how much 561 exposure have the cells had", "dose of 488 at position 3?": the light named by its channel or laser line too)
  if (route.tool !== undefined && changes.every((c) => c.kind === 'status' && c.about === 'dose') && (/\b(?:light|dose|illumination|exposure|laser)\b/.test(t) || hasChannel) && /\b(?:had|received|got|gotten|get|gets|given|delivered|absorbed|seen|so far|today|in total|total|cumulative)\b|\bdose\b/.test(t)) return { ...route, sure: true };
  // nothing running and the words start a plan ("image GFP every 2 minutes"): a start that lacks something
  if (route.tool === toolCarrying('change') && !options.acquisitionRunning && hasChannel && IMAGING_VERB.test(t)) {
    try {
      const parsed = parseAcquisitionRequest(text, config);
      return { tool: toolCarrying('start'), args: { plan: parseSequenceChecked(parsed.sequence), ...(parsed.objective ? { objective: parsed.objective } : {}) }, understood: parsed.understood, ...(parsed.notes ? { notApplied: parsed.notes } : {}) };
    } catch (err) {
      // (an imperative to image channels is a plan to start: asked about, never read as a fact about the movie open; not when
      // the words ask for analysis too, "we imaged ... every 5 min overnight. Can you segment the nuclei?", which are the planner's)
      return { ask: capitalise((err as Error).message), ...(ANALYSIS_WORD.test(t) ? {} : { start: true as const }) };
    }
  }
  return route;
}

/** The changes a command makes from or until a time point by its number, with those numbers; undefined when it says none or reads no other way. */
function changesAtTimepoints(text: string, config: MicroscopeConfig, state: ReturnType<typeof runStateOf>): { changes: Adjustment[]; afterTimepoint?: number; untilTimepoint?: number } | undefined {
  const span = timepointSpan(text) ?? timepointSpan(normaliseText(text));
  if (!span) return undefined;
  try {
    const changes = parseAdjustment(span.rest, config, state);
    // ("after frame 40 stop", "end it after time point 100": the run's end said by a time point's number is its total of time points)
    if (changes.length === 1 && (changes[0].kind === 'stop' || changes[0].kind === 'finish') && span.afterTimepoint !== undefined && span.untilTimepoint === undefined) return { changes: [{ kind: 'loops', loops: span.afterTimepoint }] };
    // (only settings are made or set back at a time point; an end, a pause or a question keep their own readers)
    if (!changes.length || !changes.every((c) => MADE_LATER.has(c.kind))) return undefined;
    if (span.untilTimepoint !== undefined && !changes.every(canBeSetBack)) return undefined;
    return { changes, ...(span.afterTimepoint !== undefined ? { afterTimepoint: span.afterTimepoint } : {}), ...(span.untilTimepoint !== undefined ? { untilTimepoint: span.untilTimepoint } : {}) };
  } catch {
    return undefined;
  }
}

/** The kinds of change made later by a delay said before them; the run's end, pauses and questions have readers of their own. */
const MADE_LATER = new Set<Adjustment['kind']>(['interval', 'intervalFactor', 'exposure', 'exposureFactor', 'power', 'powerFactor', 'addChannel', 'dropChannel', 'onlyChannels', 'acquireEvery', 'zPlan', 'addPosition', 'dropPosition', 'grid', 'autofocus']);

/** The changes a command makes after a delay said first ("after 1 hour, halve the frame rate") and the delay, s; else undefined. */
function laterChanges(text: string, config: MicroscopeConfig, state: ReturnType<typeof runStateOf>): { changes: Adjustment[]; inS: number; forS?: number } | undefined {
  const delay = delayBeforeChange(text) ?? delayBeforeChange(normaliseText(text));
  if (!delay) return undefined;
  // ("in 5 min, image every 30 s for 10 minutes": a change for a while, made later)
  const timed = timedChanges(delay.rest, config, state) ?? timedChanges(delay.rest, config, state, true);
  try {
    const changes = timed?.changes ?? parseAdjustment(delay.rest, config, state);
    return changes.length && changes.every((c) => MADE_LATER.has(c.kind)) ? { changes, inS: delay.inS, ...(timed ? { forS: timed.forS } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/** The changes a command makes for a while ("for the next 30 min") and how long, when every one can be set back; else undefined (read as a whole). */
function timedChanges(text: string, config: MicroscopeConfig, state: ReturnType<typeof runStateOf>, plain = false): { changes: Adjustment[]; forS: number } | undefined {
  // (the words as the readers see them: "for 3 time ppints" is a span too)
  const span = spanForAWhile(text, plain) ?? spanForAWhile(normaliseText(text), plain);
  if (!span || !span.rest) return undefined;
  try {
    const changes = parseAdjustment(span.rest, config, state);
    if (!changes.length || !changes.every(canBeSetBack)) return undefined;
    // ("every 30 s for 20 min, then back to every 5 min": the value gone back to is the setting's value now, so it is the
    // set-back; another value is a second phase, read as a whole and asked about)
    // ("GFP at 10 % for an hour, then back to 50 %": a value with no channel is of the one channel changed)
    const changedChannels = [...new Set(changes.flatMap((c) => ('channel' in c && c.channel ? [c.channel] : [])))];
    const ofChanged = (c: Adjustment): Adjustment => ((c.kind === 'exposure' || c.kind === 'power') && !c.channel && changedChannels.length === 1 ? { ...c, channel: changedChannels[0] } : c);
    // ("then back to 50 %": a value alone, read as the changed channel's)
    const backTo = (): Adjustment[] => {
      // ("1 min interval for the next hour, then back to 5": a bare number after an interval is in the unit it was said in)
      const bare = /^\s*(\d+(?:\.\d+)?)\s*[.!]*$/.exec(span.backTo ?? '');
      if (bare && changes.some((c) => c.kind === 'interval')) return parseAdjustment(`every ${bare[1]} ${/\d\s*(ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)\b/i.exec(span.rest)?.[1] ?? 'min'}`, config, state);
      // ("every 20 s for 60 frames, then back to 5 min": a span alone after an interval is the interval gone back to)
      const said = (span.backTo ?? '').replace(/[\s.!]+$/, '');
      if (changes.some((c) => c.kind === 'interval' || c.kind === 'intervalFactor') && durationsIn(said).some((d) => d.index === 0 && d.length === said.length)) return parseAdjustment(`every ${said}`, config, state);
      try {
        return parseAdjustment(span.backTo!, config, state);
      } catch (err) {
        if (changedChannels.length !== 1) throw err;
        return parseAdjustment(`${changedChannels[0]} ${span.backTo}`, config, state);
      }
    };
    if (span.backTo !== undefined && !backTo().every((c) => isSettingNow(ofChanged(c), state))) return undefined;
    const forS = span.forS ?? timePointsLastS(span.timePoints, changes, state.intervalS);
    // ("faster please, 30 s": a span that ends before one new interval has passed is no time a change lasts; it is the
    // interval itself, read as the words' own value below)
    if (forS !== undefined && forS < newIntervalS(changes, state.intervalS)) return undefined;
    return forS === undefined ? undefined : { changes, forS };
  } catch {
    return undefined;
  }
}

/** The interval (s) the changes set, or 0 when they set none. */
function newIntervalS(changes: Adjustment[], intervalNowS: number | undefined): number {
  const timing = changes.find((c) => c.kind === 'interval' || c.kind === 'intervalFactor');
  if (timing?.kind === 'interval') return timing.intervalS;
  return timing?.kind === 'intervalFactor' && intervalNowS !== undefined ? intervalNowS * timing.factor : 0;
}

/** Whether a change sets what the run has now (the interval, a channel's exposure or power as the conversation tells them). */
function isSettingNow(c: Adjustment, state: ReturnType<typeof runStateOf>): boolean {
  if (c.kind === 'interval') return c.onlyAt === undefined && state.intervalS === c.intervalS;
  if (c.kind === 'exposure' || c.kind === 'power') {
    const now = c.kind === 'exposure' ? state.exposureMs : state.powerPercent;
    const value = c.kind === 'exposure' ? c.exposureMs : c.powerPercent;
    const channels = c.channel ? [c.channel] : (state.channels ?? []);
    return channels.length > 0 && channels.every((ch) => now?.[ch] === value);
  }
  return false;
}

/** A change of one channel's imaging (dropped, its light, every Nth time point), which no plan to start reads as. */
function ofOneChannel(c: Adjustment): boolean {
  return (c.kind === 'dropChannel' || c.kind === 'acquireEvery' || ((c.kind === 'exposure' || c.kind === 'power' || c.kind === 'exposureFactor' || c.kind === 'powerFactor') && c.channel !== undefined));
}

/**
 * How long a count of time points lasts ("for the next 20 frames"): that many intervals at the interval the
 * changes set (every 1 min for 20 frames: 20 min), or the run's own; undefined when the conversation does not tell it.
 */
function timePointsLastS(timePoints: number, changes: Adjustment[], intervalNowS: number | undefined): number | undefined {
  let intervalS = intervalNowS;
  for (const c of changes) {
    if (c.kind === 'interval') intervalS = c.intervalS;
    else if (c.kind === 'intervalFactor' && intervalS !== undefined) intervalS *= c.factor;
  }
  return intervalS !== undefined && intervalS > 0 ? Math.round(timePoints * intervalS * 1e6) / 1e6 : undefined;
}

/**
 * A plan to start and a rule said in one message: the words cut at a clause boundary (";", ". ", ", ",
 * " and ") into a start (channels and a whole time plan, no condition) and a rule (a condition that
 * can be watched); undefined when no cut gives both.
 */
function startThenRule(text: string, config: MicroscopeConfig): MicroscopeRoute | undefined {
  for (const cut of text.matchAll(/\s*(?:;|\.\s+|,\s*(?:and\s+)?(?:then\s+)?|\s+and\s+(?:then\s+)?|\s+then\s+)/g)) {
    const head = text.slice(0, cut.index);
    const tail = text.slice(cut.index! + cut[0].length);
    const h = normaliseText(head).toLowerCase();
    if (CONDITION.test(h) || !CONDITION.test(normaliseText(tail).toLowerCase()) || !findChannels(h, config).length) continue;
    const spans = timeSpans(h);
    if (spans.intervalS === undefined || (spans.durationS === undefined && !/\d+\s*(?:time ?points|frames|timepoints|cycles)\b/.test(h))) continue;
    try {
      const parsed = parseAcquisitionRequest(head, config);
      const { id: _id, ...rule } = parseRule(tail, config);
      return { tool: toolCarrying('start'), args: { plan: parseSequenceChecked(parsed.sequence), ...(parsed.objective ? { objective: parsed.objective } : {}) }, understood: parsed.understood, ...(parsed.notes ? { notApplied: parsed.notes } : {}), then: [{ tool: toolCarrying('proposeRule'), args: { rule, confirm: false } }] };
    } catch {
      continue;
    }
  }
  return undefined;
}

/** A start at a time of day: "starting at 10 pm", "begin at 22:00", "from 9 tomorrow morning". */
const START_AT_CLOCK = /\b(?:start(?:ing|s)?|begin(?:ning|s)?|from|kick(?:ing)? off|commenc\w*)\s+(?:at\s+|by\s+|around\s+)?(\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock)|\d{1,2}:\d{2}|noon|midnight|tonight|tomorrow(?: morning| evening| afternoon)?|this (?:evening|afternoon))\b/;

/** Words that point back at earlier steps: the same changes for other channels, or the interval before the last change. */
/** Words that keep something rather than change it: "keep DAPI", "leave the DAPI in", "don't drop DAPI after all". */
const KEEPS_CHANNEL = /\b(?:keep|retain|hang on to|hold on to)\b|\bleave\s+(?:\S+\s+){1,3}?(?:in|on)\b|\b(?:don'?t|do not|no need to|let'?s not)\s+(?:drop|remove|lose|skip|cut|stop)\b/;

/** "cancel", "cancel it", "ok cancel everything": a cancel that names no change. */
const BARE_CANCEL = /^(?:(?:please|pls|ok(?:ay)?|just)[,\s]+)*cancel(?:\s+(?:it|everything|all|now|please))*\s*[.!]*$/;

function pointsBack(t: string, earlier: EarlierStep[], config: MicroscopeConfig, asSaid = t): MicroscopeRoute | undefined {
  const lastAdjust = [...earlier].reverse().find((s) => carries(s.tool, 'change'));
  const previous = Array.isArray(lastAdjust?.args.changes) ? (lastAdjust.args.changes as Adjustment[]) : [];
  // "undo that" right after a change of channels: the channels as they were
  const last = earlier.at(-1);
  const lastChanges = last && carries(last.tool, 'change') && Array.isArray(last.args.changes) ? (last.args.changes as Adjustment[]) : [];
  // "no, the other channel", "not that one, the DAPI": the last change moved to the channel meant
  const moved = retargetedChange(asSaid, earlier, config);
  if (moved) return moved;
  // "undo the last two changes", "undo both of those": the run as it was before the first of them
  const several = changesUndone(t);
  if (several !== undefined) {
    const undone = undoLast(earlier, several);
    return 'ask' in undone ? { ask: undone.ask, command: true } : { tool: toolCarrying('change'), args: { changes: undone.changes } };
  }
  // ("cancel" with no change made since the start: Micro-Manager's Cancel, the acquisition itself, which the stop reader asks to confirm)
  if (!lastAdjust && BARE_CANCEL.test(t)) return undefined;
  if (takesBackTheLast(t)) {
    // (a setting changed is set back to the value it had just before, as the conversation tells it)
    const state = runStateOf(earlier.slice(0, -1), (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change'));
    const intervals = intervalHistory(earlier.slice(0, -1));
    const before = (c: Adjustment): Adjustment | undefined => {
      if ((c.kind === 'exposure' || c.kind === 'exposureFactor') && c.channel && state.exposureMs?.[c.channel] !== undefined) return { kind: 'exposure', exposureMs: state.exposureMs[c.channel], channel: c.channel };
      if ((c.kind === 'power' || c.kind === 'powerFactor') && c.channel && state.powerPercent?.[c.channel] !== undefined) return { kind: 'power', powerPercent: state.powerPercent[c.channel], channel: c.channel };
      if ((c.kind === 'interval' || c.kind === 'intervalFactor') && intervals.length) return { kind: 'interval', intervalS: intervals[intervals.length - 1] };
      if (c.kind === 'zPlan' && state.zPlan !== undefined) return { kind: 'zPlan', zPlan: state.zPlan };
      return undefined;
    };
    const inverse = lastChanges.map((c): Adjustment | undefined => (c.kind === 'dropChannel' ? { kind: 'addChannel', channel: c.channel } : c.kind === 'addChannel' ? { kind: 'dropChannel', channel: c.channel } : before(c)));
    if (inverse.length && inverse.every(Boolean)) return { tool: toolCarrying('change'), args: { changes: inverse as Adjustment[] } };
    // (the last change as the run's state before it tells it, whatever came after it: a duration, a channel list, a light setting)
    const undone = undoLast(earlier, 1);
    if ('changes' in undone) return { tool: toolCarrying('change'), args: { changes: undone.changes } };
    return { ask: 'I can undo a change of channels, or of a setting whose earlier value this conversation tells, right after it ("drop DAPI" → "undo that"), not this one: say the value you want back, e.g. "interval 5 min" or "GFP to 10%"; nothing was changed' };
  }
  // "never mind, keep DAPI after all", "no wait, leave the DAPI in": channels said to be kept that a change since the start
  // dropped are added back (a channel still imaged is no change)
  const keptNamed = KEEPS_CHANNEL.test(t) && !/\?\s*$/.test(t) ? uniquePresets(findChannels(t, config)) : [];
  if (keptNamed.length) {
    const state = runStateOf(earlier, (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change'));
    const startAt = earlier.map((s) => carries(s.tool, 'start')).lastIndexOf(true);
    const droppedSince = new Set(earlier.slice(startAt + 1).flatMap((s) => (carries(s.tool, 'change') && Array.isArray(s.args.changes) ? (s.args.changes as Adjustment[]) : [])).flatMap((c) => (c.kind === 'dropChannel' ? [c.channel] : [])));
    const gone = keptNamed.filter((c) => state.channels && !state.channels.includes(c) && droppedSince.has(c));
    if (gone.length === keptNamed.length) return { tool: toolCarrying('change'), args: { changes: gone.map((channel) => ({ kind: 'addChannel', channel })) } };
  }
  // "put it back", "raise it to 10%" right after a change of one channel: "it" is that channel (never for words that stop something)
  const named = [...new Set(lastChanges.flatMap((c) => ('channel' in c && typeof c.channel === 'string' ? [c.channel] : c.kind === 'onlyChannels' ? c.channels : [])))];
  if (named.length === 1 && !findChannels(t, config).length && !STOP_WORD.test(t) && /\b(?:it|that one|this one)\b(?!['’]s)/.test(t)) {
    // ("lower it to 60" after "mCherry exposure 100 ms": "it" is the setting just changed too, so a bare number is in its unit)
    const settings = new Set(lastChanges.map((c) => (c.kind === 'exposure' || c.kind === 'exposureFactor' ? 'exposure' : c.kind === 'power' || c.kind === 'powerFactor' ? 'power' : 'other')));
    const setting = settings.size === 1 && !settings.has('other') && !/\b(?:expos\w*|power|laser|intensity)\b/.test(t) ? ` ${[...settings][0]}` : '';
    const resolved = routeMicroscopeRequest(t.replace(/\b(?:it|that one|this one)\b(?!['’]s)/, `the ${named[0]}${setting}`), { acquisitionRunning: true, config });
    if (resolved?.tool !== undefined) return resolved;
  }
  // "same again", "do it again", "once more": a change by a factor made again (a value set again changes nothing)
  if (/^(?:(?:ok(?:ay)?|yes|yeah|hmm+)[,\s]+)*(?:(?:the\s+)?same again|(?:do|try)\s+(?:it|that|this)\s+again|again|once more|one more time|repeat (?:it|that|this)|and again)(?:\s*,?\s*please)?\s*[.!]*$/.test(t) && lastChanges.length && lastChanges.every((c) => c.kind === 'exposureFactor' || c.kind === 'powerFactor' || c.kind === 'intervalFactor')) return { tool: toolCarrying('change'), args: { changes: lastChanges } };
  const again = sameForChannels(t, previous, config);
  if (again) return { tool: toolCarrying('change'), args: { changes: again } };
  const corrected = correctedValue(t, earlier);
  if (corrected) return { tool: toolCarrying('change'), args: { changes: [corrected] } };
  if (/\b(?:back|revert|return|restore|undo)\b.*\b(?:interval|rate|speed|frame rate|timing|cadence)\b|\b(?:interval|frame rate|timing|cadence)\b.*\b(?:back to (?:what it was|how it was|before|the old one|the original|normal|the previous)|as (?:it was|before))\b|\b(?:old|previous|original|initial|former) (?:interval|rate|frame rate|speed|timing)\b|\bundo the (?:speed-?up|slow-?down)\b/.test(t) || INTERVAL_BACK.test(t)) {
    const history = intervalHistory(earlier);
    if (history.length >= 2) return { tool: toolCarrying('change'), args: { changes: [{ kind: 'interval', intervalS: history[/\b(?:original|initial|first)\b/.test(t) ? 0 : history.length - 2] }] } };
    // ("restore the original interval" with none changed: said so, never read as anything else, a restoration of the images)
    if (history.length === 1) return { ask: `The interval has not been changed: it is still every ${formatDuration(history[0])}, so nothing was changed.`, command: true };
    return { ask: 'I do not know what the interval was before in this conversation, so I changed nothing: say the value, e.g. "every 5 min".', command: true };
  }
  // "restore the original settings", "reset everything to how it started": every setting changed since the start, set back
  // only when nothing was changed (said so); otherwise which to set back is asked, never guessed
  if (/\b(?:restore|reset|revert|roll\s+back|go\s+back|put\s+(?:everything|it\s+all|all)\s+back|back)\b.*\b(?:(?:original|initial|starting|old|previous|default)\s+(?:settings?|plan|parameters|config(?:uration)?)|everything|all\s+(?:the\s+)?settings|(?:the\s+)?start)\b/.test(t)) {
    const startAt = earlier.map((s) => carries(s.tool, 'start')).lastIndexOf(true);
    const changed = earlier.slice(startAt + 1).flatMap((s) => (carries(s.tool, 'change') && Array.isArray(s.args.changes) ? (s.args.changes as Adjustment[]) : []));
    if (startAt >= 0 && changed.length === 0) return { ask: 'Nothing has been changed since the acquisition started, so nothing was changed.', command: true };
    return { ask: `I set back one setting at a time, so nothing was changed: say which to put back, e.g. "interval back to the original", "GFP exposure back to what it was", or "undo that" right after a change.`, command: true };
  }
  // "put the DAPI exposure back to what it was", "488 power back to the original": the value that channel setting had before
  const light = /\bexpos/.test(t) ? 'exposure' : /\b(?:power|laser|intensity)\b/.test(t) ? 'power' : undefined;
  // ("revert the GFP exposure", "undo the 488 power change", "restore the DAPI exposure": a verb of undoing says "the value before" by itself)
  if (light && (/\b(?:back|revert|return|restore|reset|undo)\b|\b(?:old|previous|original|initial|former)\s+(?:\S+\s+)?(?:exposure|power|value|setting)\b/.test(t) && /\b(?:what it was|how it was|before|old|original|previous|initial|former|as it was|at the start|the start|earlier|default)\b|\bback\s*[.!]*$/.test(t) || UNDOES_A_SETTING.test(t))) {
    const said = uniquePresets(findChannels(t, config));
    const lastNamed = [...earlier].reverse().flatMap((s) => (carries(s.tool, 'change') && Array.isArray(s.args.changes) ? (s.args.changes as Adjustment[]) : [])).find((c) => (c.kind === 'exposure' || c.kind === 'exposureFactor' || c.kind === 'power' || c.kind === 'powerFactor') && typeof c.channel === 'string') as { channel?: string } | undefined;
    const channel = said.length === 1 ? said[0] : said.length === 0 ? lastNamed?.channel : undefined;
    const state = runStateOf(earlier, (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change'));
    const history = channel ? (light === 'exposure' ? state.exposureHistory : state.powerHistory)?.[channel] : undefined;
    if (channel && history?.length === 1) return { ask: `The ${channel} ${light} has not been changed: it is still ${history[0]} ${light === 'exposure' ? 'ms' : '%'}, so nothing was changed`, command: true };
    if (!channel || !history || history.length < 2) return { ask: `I do not know what the ${channel ?? ''}${channel ? ' ' : ''}${light} was before in this conversation, so I changed nothing: say the value, e.g. "${channel ?? 'GFP'} ${light === 'exposure' ? 'exposure 100 ms' : 'power 10%'}"`.replace(/\s+/g, ' '), command: true };
    const value = history[/\b(?:original|initial|first|at the start|the start|default)\b/.test(t) ? 0 : history.length - 2];
    return { tool: toolCarrying('change'), args: { changes: [light === 'exposure' ? { kind: 'exposure', exposureMs: value, channel } : { kind: 'power', powerPercent: value, channel }] } };
  }
  return undefined;
}

/** A bare number of a timing, s, in the unit (s, min or h) that makes it nearest the value it corrects (10 after 2 min: 10 min; 10 after 30 s: 10 s). */
export function inUnitNearest(n: number, beforeS: number): number {
  const units = [1, 60, 3600];
  const gap = (u: number) => Math.abs(Math.log((n * u) / beforeS));
  return n * units.reduce((best, u) => (gap(u) < gap(best) ? u : best));
}

/**
 * "actually make that 3 min", "sorry, I meant 1%", "a bit more, say 70": the change just made, with the value
 * corrected. Only when the step just before was that one change and the words give one value
 * of its unit (a percentage for a power, ms for an exposure, a time span for a timing).
 */
function correctedValue(t: string, earlier: EarlierStep[]): Adjustment | undefined {
  // ("a bit more, say 70", "try 40", "more like 2%", "let's go with 60", "hmm, 70 then": another value offered for the one just set)
  if (!/\b(?:make (?:that|it)|i meant|i mean|actually|instead|rather|correction|say|try|more like|go with|let'?s do|then|back to)\b|^(?:no|sorry|oops)\b|\ba (?:bit|little|touch|tad) (?:more|less|higher|lower|longer|shorter|brighter|dimmer)\b/.test(t)) return undefined;
  const last = earlier.at(-1);
  const changes = last && carries(last.tool, 'change') && Array.isArray(last.args.changes) ? (last.args.changes as Adjustment[]) : [];
  if (changes.length !== 1) return undefined;
  const [c] = changes;
  const spans = durationsIn(t).filter((d) => !/ms|milli/.test(t.slice(d.index, d.index + d.length)));
  // "oops, I meant 60" after an exposure or a power: the number alone, in the unit of the value it corrects
  const bare = findChannels(t).length ? undefined : /^(?:\D*?\s)?(\d+(?:\.\d+)?)\s*[.!]*$/.exec(t);
  const pct = percent(t) ?? (bare && c.kind === 'power' ? Number(bare[1]) : undefined);
  const ms = exposureMs(t) ?? (bare && c.kind === 'exposure' ? Number(bare[1]) : undefined);
  if (c.kind === 'power' && pct !== undefined && ms === undefined && spans.length === 0) return { ...c, powerPercent: pct };
  if (c.kind === 'exposure' && ms !== undefined && pct === undefined) return { ...c, exposureMs: ms };
  // ("every 2 min" → "actually make it 10": a bare number for a timing is in the unit nearest the value it corrects, 10 min)
  const timing = c.kind === 'interval' ? c.intervalS : c.kind === 'duration' ? c.durationS : c.kind === 'extend' ? c.extraS : c.kind === 'endIn' ? c.inS : undefined;
  if (bare && spans.length === 0 && pct === undefined && timing !== undefined && timing > 0 && Number(bare[1]) > 0) spans.push({ seconds: inUnitNearest(Number(bare[1]), timing), index: 0, length: 0 } as (typeof spans)[number]);
  if (spans.length !== 1 || pct !== undefined) return undefined;
  const seconds = spans[0].seconds;
  if (c.kind === 'interval') return { ...c, intervalS: seconds };
  if (c.kind === 'duration') return { ...c, durationS: seconds };
  if (c.kind === 'extend') return { ...c, extraS: seconds };
  if (c.kind === 'endIn') return { ...c, inS: seconds };
  return undefined;
}

/**
 * The interval said to go back with no value ("put the interval back", "interval back please", "reset the interval"): the one before
 * the last change of it.
 */
const INTERVAL_BACK = /^(?!.*\d)(?:.*\b(?:interval|frame rate|timing|cadence)\b(?:\s+\w+)?\s+back\b|.*\breset\s+(?:the\s+)?(?:interval|frame rate|timing|cadence)\b)/;

/** A verb that undoes a setting named after it ("revert the GFP exposure", "undo the power change", "roll back the 488 laser"). */
const UNDOES_A_SETTING = /^(?:(?:ok(?:ay)?|no|sorry|oops|actually|hmm+|ah|argh|ugh)[,.!\s]+)*(?:(?:please|pls|can you|could you|would you)\s+)*(?:revert|restore|undo|reverse|roll\s+back|un-?do)\s+(?:the\s+|my\s+|that\s+|this\s+|our\s+)?(?:last\s+)?(?:[\w-]+\s+){0,3}(?:exposure|power|laser|intensity)(?:\s+(?:time|setting|level|change|value))?s?(?:\s+(?:change|setting))?(?:\s*,?\s*(?:please|pls|again|too))*\s*[.!?]*$/;

/** The intervals the running acquisition has had, first to current, from the start and the interval changes since (s). */
function intervalHistory(earlier: EarlierStep[]): number[] {
  const startAt = earlier.map((s) => carries(s.tool, 'start')).lastIndexOf(true);
  if (startAt < 0) return [];
  const plan = earlier[startAt].args.plan as { timePlan?: Record<string, unknown> } | undefined;
  const first = phasesOfPlan(plan?.timePlan)[0];
  const history = first ? [first] : [];
  for (const step of earlier.slice(startAt + 1)) {
    for (const c of (carries(step.tool, 'change') && Array.isArray(step.args.changes) ? step.args.changes : []) as Adjustment[]) {
      if (c.kind === 'interval') history.push(c.intervalS);
      else if (c.kind === 'intervalFactor' && history.length) history.push(Math.round(history[history.length - 1] * c.factor * 1e6) / 1e6);
    }
  }
  return history;
}

/** The interval of a plan's first phase, s (a count over a duration gives its spacing). */
function phasesOfPlan(timePlan: Record<string, unknown> | undefined): number[] {
  if (!timePlan) return [];
  const phase = (Array.isArray(timePlan.phases) ? timePlan.phases[0] : timePlan) as Record<string, number>;
  if (typeof phase?.intervalS === 'number') return [phase.intervalS];
  if (typeof phase?.durationS === 'number' && typeof phase.loops === 'number' && phase.loops > 1) return [phase.durationS / (phase.loops - 1)];
  return [];
}

/** "the same for the 561", "DAPI too", "likewise for mCherry": the previous channel changes again, for the channels named. */
function sameForChannels(t: string, previous: Adjustment[], config: MicroscopeConfig): Adjustment[] | undefined {
  // a value of its own ("the 561 to 3%") is a new change, not the same one
  // ("and mCherry", "also the red" right after a change of a channel: the same change, for the channels said alone after the joining word)
  const rest = findChannels(t, config).reduceRight((w, c) => w.slice(0, c.index) + w.slice(c.index + c.text.length), t);
  const joinedAlone = /^\s*(?:and|also|plus|\+|&)\b/.test(t) && /^[\s,.!]*(?:(?:and|also|plus|\+|&|the|too|as well|please|pls|then|channel)\b[\s,.!]*)+$/.test(rest);
  if (!joinedAlone && !/\b(same|likewise|ditto|too|as well|also for|for .+ as well)\b/.test(t) || /\d+(?:\.\d+)?\s*(?:%|percent|ms|s\b|sec|min|h\b|hours?|µm|um|x\b)/.test(t)) return undefined;
  const channels = uniquePresets(findChannels(t, config));
  const perChannel = previous.filter((c) => 'channel' in c && typeof c.channel === 'string');
  if (!channels.length || !perChannel.length) return undefined;
  return channels.flatMap((channel) => perChannel.map((c) => ({ ...c, channel }) as Adjustment));
}

/**
 * The words after a correction said in passing ("set GFP... no wait, DAPI to 5%" → "DAPI to 5%");
 * a correction of one value or one channel only is that value or channel in the words before it
 * ("GFP to 10%... scratch that, 5%" → "GFP to 5%", "drop DAPI, no wait, mCherry" → "drop mCherry");
 * the words themselves otherwise.
 */
export function afterCorrection(text: string): string {
  const m = /^(.*\S)\s*(?:\.{2,}|,|;|-{1,2}|—)?\s*\b(?:no wait|wait,? no|no,? sorry|sorry,? i mean|i mean|i meant|scratch that|correction|make that|(?<!(?:'d|would|i|we)\s)rather(?!\s+(?:not|than)\b)|no,? make it|no,? let'?s (?:do|say|go with)|actually,? no)\b\s*[,:]?\s*(\S.*)$/i.exec(text);
  // "sorry, I meant 1%": nothing before the correction but an apology is no words to drop
  // ("no wait, make that 2%": several such words are no words either)
  if (!m || /^(?:(?:sorry|oops|no|ok(?:ay)?|wait|ah|oh|hmm|actually)[\s,.!]*)+$/i.test(m[1])) return apologyCorrection(text) ?? text;
  // ("... 5%... sorry, I meant": the apology and the dots before it are not part of the words corrected)
  const before = m[1].replace(/(?:[\s.,;:!—-]|\b(?:no|sorry|wait|oops)\b)+$/i, '');
  return replacedIn(before, m[2]) ?? m[2];
}

/**
 * "set GFP to 8%. Sorry - 6%.", "drop DAPI. oops, mCherry": an apology followed by one value or
 * one channel only corrects the words before it; undefined when it says more than that.
 */
function apologyCorrection(text: string): string | undefined {
  const m = /^(.*\S)\s*(?:\.{1,}|,|;|-{1,2}|—|!)\s*\b(?:sorry|oops|whoops|typo)\b\s*[,:!.\-—]*\s*(\S.*)$/i.exec(text);
  if (!m) return undefined;
  const before = m[1].replace(/[\s.,;:!—-]+$/, '');
  return replacedIn(before, m[2]);
}

/** The kind of a unit, for a correction that replaces a value of the same kind. */
function unitKind(unit: string): string {
  const u = unit.toLowerCase();
  if (/^(?:%|percent|per cent)$/.test(u)) return 'percent';
  if (/^(?:ms|msec|milliseconds?)$/.test(u)) return 'ms';
  if (/^(?:µm|um|microns?|micrometers?|micrometres?|mm|nm)$/.test(u)) return 'distance';
  return 'time';
}

const CORRECTED_VALUE = /(\d+(?:\.\d+)?)\s*(%|percent|per cent|ms|msec|milliseconds?|s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?|µm|um|microns?|mm|nm)(?!\w)/gi;

/**
 * The words before a correction with the one value or channel the correction gives put in place
 * of the last one of its kind; undefined when the correction says more than that (it then stands alone).
 */
function replacedIn(before: string, correction: string): string | undefined {
  const said = correction.replace(/^(?:it'?s|it is|make (?:it|that)|to|at|the|use)\s+/i, '').replace(/\s*(?:,?\s*not\s+(?:the\s+)?\S+(?:\s+\S+)?|instead|please|sorry|then)\s*[.!]*$/i, '').replace(/[\s.!]+$/, '').trim();
  const value = new RegExp(`^${CORRECTED_VALUE.source}$`, 'i').exec(said);
  if (value) {
    const kind = unitKind(value[2]);
    const spots = [...before.matchAll(CORRECTED_VALUE)].filter((v) => unitKind(v[2]) === kind);
    const last = spots.at(-1);
    return last ? before.slice(0, last.index) + said + before.slice(last.index! + last[0].length) : undefined;
  }
  // "interval 4 min - no, make it 6": a bare number takes the unit of the one value said before it
  // (a wavelength alone is a channel: "no sorry, the 561")
  const bare = findChannels(said).length ? undefined : /^(\d+(?:\.\d+)?)$/.exec(said);
  const spots = bare ? [...before.matchAll(CORRECTED_VALUE)] : [];
  if (bare && spots.length === 1) return before.slice(0, spots[0].index) + `${bare[1]} ${spots[0][2]}` + before.slice(spots[0].index! + spots[0][0].length);
  const channels = findChannels(said);
  const channelOnly = channels.length === 1 && said.replace(channels[0].text, '').replace(/\b(?:the|channel|laser|line|one)\b/gi, '').trim() === '';
  if (channelOnly) {
    const last = findChannels(before).at(-1);
    return last ? before.slice(0, last.index) + channels[0].text + before.slice(last.index + last.text.length) : undefined;
  }
  return undefined;
}

/** A well named as on a multi-well plate ("well B3", "wells A1 to A6", "the C12 well"), upper case, or undefined. */
function wellNamed(t: string): string | undefined {
  const m = /\bwells?\s+([a-p])\s*-?\s*(\d{1,2})\b|\b([a-p])(\d{1,2})\s+wells?\b/.exec(t);
  return m ? `${(m[1] ?? m[3]).toUpperCase()}${m[2] ?? m[4]}` : undefined;
}

/** Words that ask to be told something ("tell me", "show me", "check whether", "let me know", "I'd like to know"). */
const TELL_ME = /^(?:(?:so|ok(?:ay)?|hey|hi|please|pls|quick(?: question)?|just)[,:\s]+)*(?:(?:can|could|would|will) you\s+(?:please\s+)?|please\s+)?(?:tell me|show me|let me know|remind me(?: of)?|check(?: for me)?(?:\s+(?:if|whether|what|which|how))?|confirm(?:\s+(?:if|whether|what|which))?|give me|list|report|i(?:'d| would) like to know|i want to know|i need to know|do you know)\b(?!.*\b(?:to|and)\s+(?:set|change|make|drop|add|stop|pause|switch|turn|lower|raise|reduce|increase)\b)/;
/** A setting or state of the run one can be told about. */
const RUN_SETTING = /\b(?:interval|exposures?|exposure times?|power|laser power|channels?|settings?|positions?|fields?|z[\s-]?stacks?|z[\s-]?step|step size|planes|slices|objective|plan|rules?|time left|time remaining|how (?:long|much longer|many)|progress|status|frame rate|time ?points?|frames|is (?:on|off|running|paused|active)|are (?:on|off|running|active))\b|\b(?:on|off|active|running|paused)\s*[?.!]*$/;

/** Unwanted motion of the stage or the field: drift, wobble, jitter, shaking, vibration. */
const STAGE_MOTION = /\b(?:drift\w*|wobbl\w*|jitter\w*|shak(?:e|es|y|ing|iness)|vibrat\w*|judder\w*|wander\w*|jump(?:s|y|ing)?|unstable|instabilit\w*|stabili[sz]\w*|mov(?:ed|ing|ement) around)\b/;

/** Words before a question that do not change what it asks ("so", "ok", "quick question,"). */
const LEAD_WORDS = /^(?:(?:so|and|but|ok(?:ay)?|hmm+|right|well|quick question|just wondering|out of curiosity|just curious|question)[,:\s]+)+/;

/**
 * Words that only ask (a question about the run, or for advice), never ask for a change: a question
 * word, or "is/are/did/should I ..."; not a request worded as a question ("can you ...", "could we
 * ...", "how about ...", "shall we ...").
 */
// ("do the whole stack in each channel" is a request; "do the cells look ok?" asks)
const ASKS_ONLY = /^(?:what(?!\s+about\b)|which|how(?!\s+about\b)|when|where|why|who|whose|(?:is|are|was|were|isn'?t|aren'?t|wasn'?t|weren'?t)\b|(?:does|did|don'?t|doesn'?t|didn'?t|have|has|had|haven'?t|hasn'?t)\s+(?:you|we|i|it|they|the|this|that|these|those|my|our)\b|do\s+(?:you|we|i|it|they)\b|do\s+(?:the|this|that|these|those|my|our)\b(?=.*\?\s*$)|(?:should|could|can|may|might|must)\s+i\b|should\s+we\b|would\s+(?:it|that|this|there)\b|will\s+(?:it|that|this|there|the)\b|am\s+i\b)/;

/** "sum the frames into one image", "collapse the stack to a single frame": one image made of the data, no picture to take. */
const MADE_INTO_ONE_IMAGE = /\b(?:into|to|as|in)\s+(?:a\s+|one\s+)?(?:single|one)?\s*(?:image|frame|picture)\b/;
/** Words that begin a request for analysis ("measure GFP every 5 frames for 10 frames" is not an acquisition). */
const ANALYSIS_START = /^(?:please\s+|can you\s+|could you\s+)*(?:segment|track|measure|plot|project|denoise|correct|export|save|detect|count|quantify|analy[sz]e|compute|calculate|register|align|filter|smooth|crop|subtract|normali[sz]e|threshold|classify|graph|chart|show)\b/;

/** A condition on a command ("once it is bleached"), not a time point or a courtesy ("once this time point is done", "if you can"). */
// ("I'll tell you when to resume it", "when I say so": an indirect question or the person's own word, nothing a frame shows)
// ("stop once it's done with the position it's on": the run's own progress, no condition a frame shows)
const NOT_A_CONDITION = String.raw`(?:it(?:'s|’s| is| has)?\s+(?:done|finished|through)\s+with\s+(?:this|the|that)\b|this|the current|the present|the last|possible|you can|needed|necessary|required|ok|okay|that'?s ok|will|is|does|do|did|was|are|can|should|would|to|i\s+(?:say|tell|ask))\b`;
/**
 * "after 10 divisions ...", "after 50 cells have divided, ...", "after the first mitosis": a condition on
 * events said with "after" (a span, "after 2 hours, ...", is read with the rules too and named there;
 * "after this time point", "after that" are no condition).
 */
const AFTER_EVENTS = String.raw`^(?:after|on|upon|following|at)\s+(?:each\s+|every\s+|any\s+|the\s+first\s+|the\s+|\d+\s+(?:more\s+)?|a\s+|one\s+)?(?:cells?\s+(?:ha(?:s|ve)\s+)?)?(?:divi\w+|mitos[ie]s|mitotic|splits?|cell divisions?)\b`;
/** "after 2 hours, image every 10 min": a change said for later, at a span from now, that is no end of the run. */
const AFTER_SPAN = /^after\s+(?:another\s+|a further\s+)?(?:\d+(?:\.\d+)?|an?|one|half an?)\s*(?:s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?|days?)(?:\s*,\s*|\s+)(?!(?:then\s+|please\s+|just\s+)*(?:stop|end|finish|quit|abort|halt|resume|unpause|continue|carry on|go on|wrap|keep)\b)[a-z]/;
/** A question ("when will it finish?", "if I stop now, is the file complete?"), not a rule. */
// ("is the dose ok if we keep going like this", "what would happen if I went to every minute": a question word first asks, "?" or not)
/**
 * A change said to start at a moment the microscope cannot see or count from here, so never made now (it would change
 * more than was asked, or at the wrong time): after something the person does ("after the drug goes in, go to every
 * 30 s", "every 30 s after the washout"), or up to a time point by its number ("every minute until time point 50"), or
 * every channel dropped (which is a stop: "drop both channels"). The question back, or undefined.
 */
function changeWhenUnseen(t: string): string | undefined {
  const event = USER_EVENT.exec(t);
  if (event && CHANGE_WORD.test(t.replace(event[0], ' '))) return `I cannot see the moment you mean ("${event[0].trim()}"), so I changed nothing now: say the change when it is time (e.g. "every 30 s from now"), or how long from now.`;
  const until = UNTIL_TIME_POINT.exec(t);
  if (until && CHANGE_WORD.test(t.replace(until[0], ' '))) return `I cannot tell from here which time point the run is at, so I cannot start or end a change at time point ${until[1]}; nothing was changed: say how long it should last ("for the next 20 min", "for the next 10 time points"), or ask how many time points are done.`;
  // (not an amount of light, "drop all lasers by 30%", nor all but some, "stop all channels but DAPI")
  if (ALL_CHANNELS_DROPPED.test(t) && !/\d|%|\bhalf\b|\b(?:by|to)\s+(?:a|one)\s+(?:third|quarter|fifth|tenth)\b|\b(?:power|exposure|intensity|brightness|light\s+level)\b|\b(?:but|except|apart\s+from|other\s+than|besides|save)\b/.test(t)) return EVERY_CHANNEL_DROPPED;
  return undefined;
}

/** A span from now: "in an hour", "in 10 min", "30 min from now" (group 1, 2 or 3 the span). */
const LATER_SPAN_WORDS = String.raw`(?:another\s+|about\s+|around\s+|roughly\s+|~\s*)?((?:\d+(?:\.\d+)?|an?|one|half an?)\s*(?:s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?))`;
const LATER_SPAN = new RegExp(String.raw`^(?:in|within)\s+${LATER_SPAN_WORDS}\s*(?:from now|time)?\s*,?\s+(?=\S)|^${LATER_SPAN_WORDS}\s+from\s+now\s*,?\s+(?=\S)|\s(?:in|within)\s+${LATER_SPAN_WORDS}\s*(?:from now|time)?\s*(?:please|pls)?\s*[.!]*$`);

/**
 * "in an hour, drop to every 10 min", "switch to every minute in 10 min", "30 min from now, drop mCherry": a change said for a
 * moment later, which no command waits for, is never made now (the delay dropped) nor later: named, nothing changed. An end
 * ("stop in 2 h"), a pause or a resume at a span are commands of their own (read elsewhere).
 */
function changeForLater(t: string): string | undefined {
  const later = LATER_SPAN.exec(t);
  if (!later || /\b(?:stop|end|finish|quit|wrap|abort|halt|terminate|call it|pack it|pause|break|hold|resume|unpause|continue|carry on|back|for)\b/.test(t)) return undefined;
  if (!CHANGE_WORD.test(t.replace(later[0], ' '))) return undefined;
  const span = (later[1] ?? later[2] ?? later[3]).trim();
  return `I make a change when you say it, not later by itself ("in ${span}"), so nothing was changed: say it when it is due, or say how long a change should last (e.g. "every 1 min for the next 30 min").`;
}

const EVERY_CHANNEL_DROPPED = 'Dropping every channel would leave nothing to image, which is stopping the acquisition; nothing was changed: to stop it, say "stop the acquisition" (you will be asked to confirm), or name the channels to drop.';

/** Something the person does, after which a change is said to start ("after the drug goes in", "once I've added nocodazole", "after the washout"). */
const USER_EVENT = /\b(?:right\s+|straight\s+|just\s+)?(?:after|once|when|as soon as)\s+((?:i|we)(?:'ve|'ll|\s+have|\s+will)?\s+(?:add|put|spike|inject|perfuse|wash|treat|change|swap|pipette|apply|apply|give)\w*(?:\s+[\w-]+){0,3}|the\s+(?:drug|compound|treatment|inhibitor|stimulus|media|medium|buffer|wash(?:[\s-]?out)?|[\w-]+)\s+(?:goes|went|is|has\s+been|gets|got|are|have\s+been)\s+(?:in|added|on|applied|done|washed\s+out)|(?:the\s+)?(?:wash[\s-]?out|drug\s+addition|addition\s+of\s+[\w-]+|media\s+change|medium\s+change|injection|perfusion|treatment))\b/;
/** A change that lasts up to a time point said by its number ("until time point 50", "till frame 40"). */
const UNTIL_TIME_POINT = /\b(?:until|till|til|up\s+to|through|from|starting\s+(?:at|from|with)|beginning\s+(?:at|with)|after)\s+(?:time[\s-]?point|timepoint|frame|tp|cycle|loop)\s*#?\s*(\d+)\b/;
/** Words of a change to the run (an interval, a setting of light, channels, z). */
const CHANGE_WORD = /\bevery\b|\d\s*(?:s|sec|seconds?|min|mins|minutes?|h|hours?|ms|%)\b|\b(?:faster|slower|interval|exposure|power|laser|add|drop|remove|pause|resume|speed|slow|switch|image|imaging|z[\s-]?stack)\b/;
/** Every channel dropped at once ("drop both channels", "turn off all the channels", "stop every channel"). */
const ALL_CHANNELS_DROPPED = /\b(?:drop|remove|stop|kill|lose|ditch|cut|turn\s+off|switch\s+off|shut\s+off|get\s+rid\s+of|take\s+out)\s+(?:both|all|every|each)\s+(?:of\s+)?(?:the\s+|my\s+|our\s+)?(?:channels?|colou?rs|lasers|wavelengths|fluorophores)\b|\b(?:turn|switch|shut)\s+(?:both|all)\s+(?:of\s+)?(?:the\s+)?(?:channels?|colou?rs|lasers)\s+off\b/;

/** A complaint said with what to do about it, or of one part of the run ("position 2 is blurry, drop it"): the command is read, not the complaint. */
const SOMETHING_DONE = /\b(?:remove|drop|skip|stop|delete|don'?t|do not|exclude|lose|kill|add|change|set|lower|raise|increase|decrease|reduce|image|imaging|take|pause|move|go|switch|turn|use|keep|leave|ignore|forget|positions?|pos\s*\d|fields?|sites?|points?|xy\s*\d)\b/;
/** The focus said to be lost: "out of focus", "blurry", "not sharp", "the focus drifted", "lost focus", "gone soft". */
const FOCUS_LOST = /\b(?:out of focus|not in focus|not (?:sharp|focused)|unfocused|defocused|blurr(?:y|ed|ier)|fuzzy|lost (?:the )?focus|focus(?:\s+(?:has|is|seems|looks))?\s+(?:drift(?:ed|ing)|off|gone|lost|bad|wrong|shifted)|drift(?:ed|ing) out of focus|(?:looks?|looking|are|is|gone|going|getting)\s+soft)\b/;
/** A hardware focus lock by its makers' names ("PFS", "Perfect Focus", "Definite Focus", "ZDC", "CRISP", "focus lock"). */
const HARDWARE_FOCUS = /\b(?:pfs|perfect[\s-]?focus|definite[\s-]?focus|focus[\s-]?lock|lock (?:the |in the )?focus|zdc|crisp|hardware (?:auto[\s-]?)?focus\w*)\b/;
const QUESTION = /\?\s*$|^(?:when|if)\s+(?:will|is|does|do|did|was|are|can|should|would)\b|^(?:(?:so|and|but|ok(?:ay)?|hmm+|quick question)[,:\s]+)*(?:what(?!\s+about\b)|which|how(?!\s+about\b)|why|who|whose|(?:is|are|was|were|isn'?t|aren'?t)\s+(?:the|it|this|that|we|my|our|there)\b|would\s+(?:it|that|this|there)\b|(?:should|could|can|may|might)\s+i\b)/;
const CONDITION = new RegExp(String.raw`\b(?:when(?:ever)?|if|as soon as|each time|every time)\s+(?!${NOT_A_CONDITION}|points?\b)\w|\bonce\s+(?!${NOT_A_CONDITION}|(?:every|(?:a|an)(?!\s+(?:cell|mitos[ie]s|mitotic|divi\w+|nucleus|new cell)\b)|per|each|more(?!\s+than)|again|daily|hourly)\b)\w|${AFTER_EVENTS}`);

/** A word that asks for an analysis anywhere in the words. */
/** A z-stack said: "z-stack", "z stack", "15 slices", "9 planes". */
const Z_STACK_SAID = /\bz[\s-]?stacks?\b|\b\d+\s*(?:z[\s-]?)?(?:slices|planes|sections)\b/;
/** Its spacing or range in µm: "0.5 micron steps", "1 um apart", "2 µm spacing", "a 10 µm range". */
const Z_SPACING_SAID = /\d(?:[.,]\d+)?\s*(?:µm|μm|um|microns?|micrometres?|micrometers?)\b/;
/** A verb of looking at something ("show me", "can I see", "display", "pull up", "have a look at", "what does ... look like"). */
const LOOK_AT = /\b(?:show|see|display|view|look(?:\s+at|\s+like)?|peek|glance|open|pull\s+up|bring\s+up|preview|visuali[sz]e)\b/;
/** The run's newest image: "the latest image", "the most recent frame", "the last picture (it took)", "the current image". */
const LATEST_IMAGE = /\b(?:latest|last|most\s+recent|newest|recent|current|new)\s+(?:[\w-]+\s+)?(?:images?|frames?|pictures?|pics?|snaps?(?:hots?)?|shots?|acquisitions?\s+(?:image|frame)s?|time[\s-]?points?)\b/;
/** Words of a change to the run or a move, which a request to look at an image does not carry ("after the last frame, drop GFP"). */
const SOMETHING_CHANGED = /\b(?:drop|add|remove|stop|pause|resume|change|set|lower|raise|increase|decrease|reduce|switch|turn|every|interval|exposure|power|move|go\s+to|zoom)\b/;
const ANALYSIS_WORD = /\b(?:segment\w*|track(?:ing)?|measure|plot|project|denoise|export|quantify|analy[sz]e|kymograph|detect)\b/;

/** A rate of imaging ("twice an hour", "3 times a day", "4 frames per minute", "2 fps"): a time-lapse as much as "every ...". */
const RATE_SAID = /\b(?:once|twice|thrice|(?:\d+|one|two|three|four|five|six|ten)\s+times|(?:\d+|one|two|three|four|five|six|ten)\s+(?:frames?|images?|time ?points?|pictures?))\s+(?:a|an|per|each)\s+(?:\d+\s*)?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?)\b|\b\d+(?:\.\d+)?\s*fps\b/;

/** The figures a condition says ("more than 200 cells", "below 300"), which say nothing of the interval. */
const CONDITION_FIGURES = /\b(?:above|below|over|under|more than|less than|fewer than|exceeds?|reaches|drops? below|rises? above|>|<)\s*\d+(?:\.\d+)?/g;

/** A word that could end the acquisition. */
/** A timing stated as a fact ("is", "was imaged every", "frames were taken 90 s apart"), and the verbs that ask for a change. */
const STATES_TIMING = /\b(?:is|was|were|are|'s|has been|had been)\b|\b(?:imaged|acquired|recorded|taken|filmed|captured|sampled|shot)\b/;
const COMMANDS_TIMING = /^(?:please\s+)?(?:set|change|make|put|go|switch|double|halve|triple|increase|decrease|raise|lower|reduce|slow|speed|shorten|lengthen|extend|bump|drop|cut|move|adjust)\b|\b(?:to|instead|from now on|going forward)\b(?=[^.]*\d)|\bcan (?:you|we)\b|\b(?:should|let'?s)\b/;
const STOP_WORD = /\b(stop|end|halt|abort|cancel|kill|terminate|quit|cease|finish|shut|wrap)\b/;

/** Words that begin a new acquisition, not a change to one. */
/** A grid wished for ("I want", "I'd like", "we need") or its own noun as the verb ("tile 3x3 here", "montage 2 by 2"). */
const GRID_WISHED = /\b(?:want|wanna|like|need|needs|tile|montage|mosaic|stitch|scan)\b/;
const IMAGING_VERB = /^(?:please\s+)?(?:image|acquire|record|film|capture|start (?:a )?(?:time[\s-]?lapse|imaging|acquisition|acquiring)|time[\s-]?lapse)\b(?!.*\b(?:instead|from now|anymore|any more)\b)/;

/** The start's question back when no channel is named: the start tool's own reading says what is missing. */
function channelAskedForStart(text: string, config: MicroscopeConfig): string {
  try {
    parseAcquisitionRequest(text, config);
  } catch (err) {
    return `${capitalise((err as Error).message).replace(/[.\s]+$/, '')}; nothing was started.`;
  }
  return 'Which channel should I image (e.g. GFP, DAPI, mCherry, Cy5 or brightfield)? Nothing was started.';
}

/** One tool call for the changes: run control and questions have their own tools; the rest is adjust_acquisition. */
function toolFor(changes: Adjustment[], running: boolean): MicroscopeRoute {
  // ("stop it and give me the total light dose", "pause and tell me the dose so far": a stop, pause or resume said with questions
  // is that tool, then the report that answers them, never a refusal or a question folded into the change)
  const asked = changes.filter((c) => c.kind === 'status');
  const control = changes.filter((c) => c.kind !== 'status');
  if (asked.length && control.length && control.every((c) => c.kind === 'stop' || c.kind === 'finish' || c.kind === 'pause' || c.kind === 'resume')) {
    const first = toolFor(control, running);
    if (first.tool !== undefined) return { ...first, then: [...(first.then ?? []), toolFor(asked, running) as { tool: string; args: Record<string, unknown> }] };
  }
  const only = changes.length === 1 ? changes[0] : undefined;
  if (changes.some((c) => c.kind === 'stop' || c.kind === 'finish')) {
    // ("finish after this time point and stop": one end said twice, the one with its time point is the one meant)
    if (changes.every((c) => c.kind === 'stop' || c.kind === 'finish')) return { tool: toolCarrying('stop'), args: changes.some((c) => c.kind === 'finish') ? { finishTimepoint: true } : {} };
    if (changes.length > 1) return { ask: 'Stopping the acquisition is asked for on its own, so nothing was changed: say "stop the acquisition" (you will be asked to confirm), then the other changes.', command: true };
    return { tool: toolCarrying('stop'), args: only!.kind === 'finish' ? { finishTimepoint: true } : {} };
  }
  // questions only ("Am I frying my cells? How much 488 have they had?"): one report answers them (the dose one when any asks about light)
  if (changes.length > 0 && changes.every((c) => c.kind === 'status')) return changes.some((c) => c.kind === 'status' && c.about === 'dose') ? { tool: toolCarrying('dose'), args: {} } : { tool: toolCarrying('status'), args: {} };
  if (only?.kind === 'pause') return { tool: toolCarrying('pause'), args: only.forS !== undefined ? { forS: only.forS } : {} };
  if (only?.kind === 'resume') return { tool: toolCarrying('resume'), args: {} };
  if (!running && only?.kind === 'moveStage') return { tool: toolCarrying('move'), args: { ...(only.xUm !== undefined ? { xUm: only.xUm } : {}), ...(only.yUm !== undefined ? { yUm: only.yUm } : {}), ...(only.zUm !== undefined ? { zUm: only.zUm } : {}), relative: only.relative ?? false }, sure: true };
  if (!running && only?.kind === 'objective') return { tool: toolCarrying('move'), args: { objective: only.objective }, sure: true };
  const oneMove = running ? undefined : idleStageMove(changes);
  if (oneMove) return { tool: toolCarrying('move'), args: oneMove, sure: true };
  return { tool: toolCarrying('change'), args: { changes } };
}

/** How many planes a z plan has. */
function planesOf(z: ZPlan): number {
  const count = (span: number, step: number) => Math.floor(span / step + 1e-9) + 1;
  if ('rangeUm' in z) return count(z.rangeUm, z.stepUm);
  if ('topUm' in z) return count(Math.abs(z.topUm - z.bottomUm), z.stepUm);
  if ('aboveUm' in z) return count(z.aboveUm + z.belowUm, z.stepUm);
  return 'relativeUm' in z ? z.relativeUm.length : z.absoluteUm.length;
}

/** The plan as the tool will check it (so a refusal, e.g. a 10^9-plane stack, is asked back at once). */
function parseSequenceChecked(sequence: unknown): unknown {
  parseSequence(sequence);
  return sequence;
}

function capitalise(s: string): string {
  const line = s.split('\n')[0];
  return line.charAt(0).toUpperCase() + line.slice(1) + (/[.?!]$/.test(line) ? '' : '.');
}
