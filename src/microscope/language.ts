// The language of acquisition commands: plain English to plans, live changes and
// self-driving rules. Deterministic pattern matching over numbers with units, channel
// names (with the aliases in config.ts: GFP/488 = FITC, mCherry/561 = Rhodamine) and a
// small vocabulary of verbs; nothing here is ever executed as code. The agent's offline
// planner calls these for microscope requests; an LLM backend may call them too, and the
// person always sees what was understood (describeAdjustment / describeRule) before a
// rule runs.
import { InputError } from '../errors.ts';
import type { Adjustment } from './adjustment.ts';
import { DEMO_CONFIG, findChannel, type MicroscopeConfig } from './config.ts';
import { describeRule, type Rule, type RuleAction, type TriggerSpec } from './ruleSpec.ts';
import type { SequenceInput, ZPlan } from './sequence.ts';

export { describeRule };

// ---- numbers and units ----------------------------------------------------------

const WORD_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90, hundred: 100,
};

const TIME_UNITS: [RegExp, number][] = [
  [/^(ms|msec|millisecond|milliseconds)$/, 0.001],
  [/^(s|sec|secs|second|seconds)$/, 1],
  [/^(m|min|mins|minute|minutes)$/, 60],
  [/^(h|hr|hrs|hour|hours)$/, 3600],
  [/^(d|day|days)$/, 86400],
];

const NUMBER = String.raw`(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred)`;
const TIME_UNIT = String.raw`(ms|msec|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)`;
const DISTANCE_UNIT = String.raw`(?:µm|μm|um|microns?|micrometers?|micrometres?)`;

function toNumber(word: string): number {
  const w = word.toLowerCase();
  return w in WORD_NUMBERS ? WORD_NUMBERS[w] : Number(w);
}

function unitSeconds(unit: string): number {
  const u = unit.toLowerCase();
  for (const [re, s] of TIME_UNITS) if (re.test(u)) return s;
  return NaN;
}

/** A time span that starts at the beginning of `text` ("5 minutes", "1 h 30 min", "half an hour", "an hour"). */
function leadingDurationS(text: string): { seconds: number; length: number } | undefined {
  const t = text.toLowerCase();
  const half = /^(half an? hour|half hour|30 mins?)\b/.exec(t);
  if (half && half[1].startsWith('half')) return { seconds: 1800, length: half[0].length };
  const re = new RegExp(String.raw`^${NUMBER}\s*-?\s*${TIME_UNIT}\b(?:\s*(?:and\s+)?(\d+(?:\.\d+)?)\s*${TIME_UNIT}\b)?(?:\s+and\s+a\s+half)?`, 'i');
  const m = re.exec(t);
  if (!m) return undefined;
  let seconds = toNumber(m[1]) * unitSeconds(m[2]);
  if (m[3] && m[4]) seconds += Number(m[3]) * unitSeconds(m[4]);
  if (/and a half$/.test(m[0])) seconds += 0.5 * unitSeconds(m[2]);
  return Number.isFinite(seconds) ? { seconds, length: m[0].length } : undefined;
}

/** First duration after a keyword, e.g. after "every" or "for". */
function durationAfter(text: string, keyword: RegExp): number | undefined {
  const re = new RegExp(keyword.source, 'gi');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const rest = text.slice(m.index + m[0].length).trimStart();
    const d = leadingDurationS(rest);
    if (d) return d.seconds;
    // "every minute", "every hour", "every second"
    const bare = /^(second|sec|minute|min|hour|hr|day)\b/i.exec(rest);
    if (bare) return unitSeconds(bare[1]);
  }
  return undefined;
}

function numberBefore(text: string, unit: RegExp): number | undefined {
  const m = new RegExp(String.raw`(\d+(?:\.\d+)?)\s*(?:${unit.source})`, 'i').exec(text);
  return m ? Number(m[1]) : undefined;
}

function percent(text: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*(%|percent|per cent)/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

function exposureMs(text: string): number | undefined {
  const ms = /(\d+(?:\.\d+)?)\s*(ms|msec|milliseconds?)\b/i.exec(text);
  if (ms) return Number(ms[1]);
  const s = /exposures?\s*(?:time\s*)?(?:of|to|at|=|:)?\s*(\d+(?:\.\d+)?)\s*(s|sec|seconds?)\b/i.exec(text);
  return s ? Number(s[1]) * 1000 : undefined;
}

// ---- channels ---------------------------------------------------------------------

interface ChannelMention {
  preset: string;
  index: number;
  text: string;
}

/** Channel presets named in the text, in order of appearance ("GFP", "the 488 laser", "mCherry"). */
export function findChannels(text: string, config: MicroscopeConfig = DEMO_CONFIG): ChannelMention[] {
  const names = new Set<string>();
  for (const c of config.channels) {
    names.add(c.name.toLowerCase());
    for (const a of c.aliases) names.add(a);
  }
  // Bare wavelengths are channels only when not followed by a unit of something else.
  const terms = [...names].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s-]?'));
  const re = new RegExp(String.raw`(?<![\w.])(${terms.join('|')})(?![\w%])(?!\s*(?:%|percent|ms|s\b|sec|µm|um|min|x\b))`, 'gi');
  const out: ChannelMention[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    // "far red" must not also match "red"; "a" etc. are not aliases.
    const preset = findChannel(config, m[1].replace(/[\s-]+/g, ' '));
    if (!preset) continue;
    // Ignore colour words used for other things ("red blood cells") only when no imaging verb is near: keep it simple.
    out.push({ preset: preset.name, index: m.index, text: m[1] });
  }
  return out;
}

function uniquePresets(mentions: ChannelMention[]): string[] {
  return [...new Set(mentions.map((m) => m.preset))];
}

// ---- z plans ------------------------------------------------------------------------

function parseZPlan(text: string): ZPlan | undefined {
  const t = text.toLowerCase();
  if (!/z[\s-]?stack|z[\s-]?stacks|z[\s-]?planes?|slices|z[\s-]?range|stack of|sections?|z[\s-]?steps?/.test(t)) return undefined;
  const step = new RegExp(String.raw`(\d+(?:\.\d+)?)\s*${DISTANCE_UNIT}\s*(?:z[\s-]?)?(?:steps?|spacing|apart|intervals?|increments?)`, 'i').exec(t) ??
    new RegExp(String.raw`(?:steps?|spacing|intervals?|increments?)\s*(?:of|size)?\s*(\d+(?:\.\d+)?)\s*${DISTANCE_UNIT}`, 'i').exec(t);
  const range = new RegExp(String.raw`(\d+(?:\.\d+)?)\s*${DISTANCE_UNIT}\s*(?:-?\s*(?:thick|deep|tall|range|z[\s-]?stack|stack))`, 'i').exec(t) ??
    new RegExp(String.raw`(?:range|stack|thickness|depth)\s*(?:of)?\s*(\d+(?:\.\d+)?)\s*${DISTANCE_UNIT}`, 'i').exec(t) ??
    new RegExp(String.raw`(?:over|across|spanning|covering)\s*(\d+(?:\.\d+)?)\s*${DISTANCE_UNIT}`, 'i').exec(t);
  const planes = /(\d+)\s*(?:z[\s-]?)?(?:planes|slices|sections)/i.exec(t);
  const stepUm = step ? Number(step[1]) : undefined;
  let rangeUm = range ? Number(range[1]) : undefined;
  if (rangeUm === undefined && stepUm === undefined && !planes) {
    // "a 10 µm z-stack": the only distance is the range.
    const any = new RegExp(String.raw`(\d+(?:\.\d+)?)\s*${DISTANCE_UNIT}`, 'i').exec(t);
    if (any) rangeUm = Number(any[1]);
  }
  if (planes && rangeUm === undefined && stepUm !== undefined) return { rangeUm: (Number(planes[1]) - 1) * stepUm, stepUm };
  if (planes && rangeUm !== undefined && stepUm === undefined) {
    const n = Number(planes[1]);
    return { rangeUm, stepUm: n > 1 ? rangeUm / (n - 1) : Math.max(rangeUm, 1) };
  }
  if (rangeUm !== undefined) return { rangeUm, stepUm: stepUm ?? 1 };
  if (stepUm !== undefined && planes) return { rangeUm: (Number(planes[1]) - 1) * stepUm, stepUm };
  if (stepUm !== undefined) return { rangeUm: 10 * stepUm, stepUm };
  if (planes) return { rangeUm: Number(planes[1]) - 1, stepUm: 1 };
  return undefined;
}

// ---- acquisition requests ----------------------------------------------------------------

export interface ParsedRequest {
  sequence: SequenceInput;
  /** Objective the request names ("with the 40x"), to switch to before starting. */
  objective?: string;
  /** What was understood, in words. */
  understood: string;
}

/** "image GFP and DAPI every 5 minutes for 12 hours" → a plan. Throws InputError naming what is missing. */
export function parseAcquisitionRequest(text: string, config: MicroscopeConfig = DEMO_CONFIG): ParsedRequest {
  const t = normaliseText(text);
  const presets = uniquePresets(findChannels(t, config));
  if (presets.length === 0) {
    throw new InputError(`which channel should I image? I understood no channel in "${text.trim()}": say e.g. GFP, DAPI, mCherry, Cy5 or brightfield`);
  }
  const intervalS = durationAfter(t, /\bevery\b|\beach\b|\binterval(?:\s+of)?\b|\bat intervals of\b/) ?? (/\b(continuously|as fast as possible|streaming)\b/.test(t) ? 0 : undefined);
  const durationS = durationAfter(t, /\bfor(?:\s+the\s+next)?\b|\bover\b|\blasting\b|\bduring\b/) ?? (/\bovernight\b/.test(t) ? 12 * 3600 : undefined);
  const framesMatch = /(\d+)\s*(?:time[\s-]?points|frames|timepoints|loops|images per channel)/i.exec(t);
  const loops = framesMatch ? Number(framesMatch[1]) : undefined;
  const exposure = exposureMs(t);
  const power = percent(t);
  const zPlan = parseZPlan(t);
  let timePlan: SequenceInput['timePlan'];
  if (intervalS !== undefined && durationS !== undefined) timePlan = { intervalS, durationS };
  else if (intervalS !== undefined && loops !== undefined) timePlan = { intervalS, loops };
  else if (durationS !== undefined && loops !== undefined) timePlan = { durationS, loops };
  else if (intervalS !== undefined) {
    throw new InputError(`for how long? I understood every ${fmtS(intervalS)} but no duration or number of time points: add e.g. "for 12 hours" or "100 frames"`);
  } else if (durationS !== undefined) {
    throw new InputError(`how often? I understood ${fmtS(durationS)} but no interval: add e.g. "every 5 minutes"`);
  } else if (loops !== undefined) timePlan = { intervalS: 0, loops };
  const objective = /\b(10|20|40)\s*x\b/i.exec(t);
  const sequence: SequenceInput = {
    channels: presets.map((config) => ({ config, ...(exposure !== undefined ? { exposureMs: exposure } : {}), ...(power !== undefined ? { powerPercent: power } : {}) })),
    ...(timePlan ? { timePlan } : {}),
    ...(zPlan ? { zPlan } : {}),
  };
  const parts = [
    `image ${presets.join(' and ')}`,
    exposure !== undefined ? `at ${exposure} ms` : '',
    power !== undefined ? `${power} % power` : '',
    timePlan ? describeTimePlan(timePlan) : 'once',
    zPlan && 'rangeUm' in zPlan ? `with a ${zPlan.rangeUm} µm z-stack in ${zPlan.stepUm} µm steps` : '',
    objective ? `with the ${objective[1]}X objective` : '',
  ].filter(Boolean);
  return { sequence, understood: parts.join(' '), ...(objective ? { objective: `${objective[1]}X` } : {}) };
}

function describeTimePlan(plan: NonNullable<SequenceInput['timePlan']>): string {
  if ('phases' in plan) return `in ${plan.phases.length} phases`;
  if ('intervalS' in plan && 'durationS' in plan) return `every ${fmtS(plan.intervalS)} for ${fmtS(plan.durationS)}`;
  if ('intervalS' in plan) return plan.intervalS > 0 ? `every ${fmtS(plan.intervalS)}, ${plan.loops} time points` : `${plan.loops} time points as fast as possible`;
  return `${plan.loops} time points over ${fmtS(plan.durationS)}`;
}

// ---- live changes --------------------------------------------------------------------------

/**
 * "speed up to every 10 seconds", "drop the 488 laser to 5%", "add a 10 µm z-stack with
 * 1 µm steps", "zoom into cell 12", "pause", "how much longer?" → the changes, in order.
 * Several changes joined by "and"/"then"/";" give several adjustments. Throws InputError
 * saying what was understood when nothing matches.
 */
export function parseAdjustment(text: string, config: MicroscopeConfig = DEMO_CONFIG): Adjustment[] {
  const clauses = normaliseText(text)
    .split(/\s*(?:;|\.\s|,?\s+and then\s+|,?\s+then\s+|,\s*and\s+|\s+and\s+(?=(?:set|add|drop|remove|stop|pause|resume|zoom|switch|change|speed|slow|image|take|use|increase|decrease|lower|raise|reduce|turn|move|refocus|autofocus|extend|run|finish|skip)\b))\s*/)
    .filter((c) => c.trim().length > 0);
  const out: Adjustment[] = [];
  let lastChannel: string | undefined;
  for (const clause of clauses) {
    const adj = parseClause(clause, config);
    if (!adj) continue;
    for (const a of adj) {
      // "... GFP exposure to 150 ms and lower its power to 8%": "its" is the channel just named.
      if ((a.kind === 'power' || a.kind === 'exposure') && a.channel === undefined && lastChannel && /\b(its|it|that channel|the same channel)\b/i.test(clause)) a.channel = lastChannel;
      if ('channel' in a && typeof a.channel === 'string') lastChannel = a.channel;
      out.push(a);
    }
  }
  if (out.length === 0) {
    throw new InputError(
      `I could not turn "${text.trim()}" into a change: I understand intervals ("every 10 s"), exposure ("GFP 50 ms"), power ("488 to 5%"), channels ("add mCherry", "drop DAPI"), z-stacks ("10 µm stack, 1 µm steps"), "zoom into cell 12", pause, resume, stop, finish, extend, and "how much longer?"`,
    );
  }
  return out;
}

function parseClause(clause: string, config: MicroscopeConfig): Adjustment[] | undefined {
  const t = clause.trim().toLowerCase();
  const channels = uniquePresets(findChannels(t, config));
  const channel = channels[0];

  // Questions about the run.
  if (/how (much|long) (longer|more time|time is left|is left|remaining)|time (left|remaining)|when will it (end|finish|be done)|how long until|eta\b|how many .*left/.test(t)) return [{ kind: 'status', about: 'time' }];
  if (/how much (light|dose|exposure|laser)|(light|photo|laser)?\s*dose (so far|used|report)|\bdose\b.*\?|light so far|photobleach|phototox|^(what|show|report|tell)\b.*\b(light )?dose\b/.test(t)) return [{ kind: 'status', about: 'dose' }];
  if (/^(status|what('s| is) (it|the acquisition) doing|how is (it|the acquisition) going|progress)\??$/.test(t) || /\bstatus\b/.test(t)) return [{ kind: 'status', about: 'all' }];

  // Run control.
  if (/^(please\s+)?(pause|hold on|hold it|wait)\b|\bpause (the )?(acquisition|imaging|run|it)\b/.test(t)) return [{ kind: 'pause' }];
  if (/^(please\s+)?(resume|continue|unpause|carry on|go on|keep going)\b(?!.*\bfor\b)/.test(t)) return [{ kind: 'resume' }];
  if (/\bfinish\b|after (this|the current) (time ?point|frame|round)|wrap (it )?up|last time ?point/.test(t)) return [{ kind: 'finish' }];
  if (/^(please\s+)?(stop|abort|cancel|halt|end)\b(?!\s+(imaging|acquiring|taking)\s+\w)/.test(t) && channels.length === 0) return [{ kind: 'stop' }];
  if (/\b(autofocus|auto-focus|refocus|re-focus|find focus|focus again)\b/.test(t)) return [{ kind: 'autofocus' }];

  // Zoom.
  const zoomCell = /\bzoom(?:\s+(?:in|into|on|onto|to))*\s+(?:on\s+|to\s+)?(?:the\s+)?(?:cell|nucleus|object)\s*#?\s*(\d+)/.exec(t) ?? /\b(?:cell|nucleus)\s*#?\s*(\d+)\b.*\bzoom/.exec(t);
  if (zoomCell) {
    const objective = /\b(10|20|40)\s*x\b/.exec(t);
    return [{ kind: 'zoom', cell: Number(zoomCell[1]), ...(objective ? { objective: `${objective[1]}X` } : {}) }];
  }
  const zoomPixel = /\bzoom\b.*?\(?\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*\)?/.exec(t);
  if (zoomPixel && /\bzoom\b/.test(t) && /pixel|px|\(/.test(t)) {
    const objective = /\b(10|20|40)\s*x\b/.exec(t);
    return [{ kind: 'zoom', xPx: Number(zoomPixel[1]), yPx: Number(zoomPixel[2]), ...(objective ? { objective: `${objective[1]}X` } : {}) }];
  }
  const objective = /\b(?:switch|change|go|move)\b.*?\b(10|20|40)\s*x\b|\b(10|20|40)\s*x\s+objective\b|\bzoom\b.*?\b(10|20|40)\s*x\b/.exec(t);
  if (objective) return [{ kind: 'objective', objective: `${objective[1] ?? objective[2] ?? objective[3]}X` }];
  if (/\bzoom (in|out)\b/.test(t)) return [{ kind: 'objective', objective: /zoom out/.test(t) ? '10X' : '40X' }];

  // Stage moves.
  const move = /\bmove\b.*\bstage\b|\bmove (?:by|to)\b|\bgo to (?:x|position)\b/.test(t);
  if (move) {
    const x = new RegExp(String.raw`\bx\s*(?:=|to|by)?\s*(-?\d+(?:\.\d+)?)`).exec(t);
    const y = new RegExp(String.raw`\by\s*(?:=|to|by)?\s*(-?\d+(?:\.\d+)?)`).exec(t);
    const z = new RegExp(String.raw`\bz\s*(?:=|to|by)?\s*(-?\d+(?:\.\d+)?)`).exec(t);
    const relative = /\bby\b|\bshift\b|\bleft\b|\bright\b|\bup\b|\bdown\b/.test(t);
    if (x || y || z) return [{ kind: 'moveStage', relative, ...(x ? { xUm: Number(x[1]) } : {}), ...(y ? { yUm: Number(y[1]) } : {}), ...(z ? { zUm: Number(z[1]) } : {}) }];
    const dist = new RegExp(String.raw`(\d+(?:\.\d+)?)\s*${DISTANCE_UNIT}\s*(?:to the\s+)?(left|right|up|down)`).exec(t);
    if (dist) {
      const d = Number(dist[1]);
      const dir = dist[2];
      return [{ kind: 'moveStage', relative: true, ...(dir === 'left' ? { xUm: -d } : dir === 'right' ? { xUm: d } : dir === 'up' ? { yUm: -d } : { yUm: d }) }];
    }
  }

  // Z plans.
  if (/\b(no|remove|drop|without|stop|skip|turn off|disable)\b.*\b(z[\s-]?stacks?|stacks?)\b|\bsingle (plane|slice)\b|\bjust (one|the focal) plane\b/.test(t)) return [{ kind: 'zPlan', zPlan: null }];
  const z = parseZPlan(t);
  if (z) return [{ kind: 'zPlan', zPlan: z }];

  // Time plan.
  const extend = /\b(extend|another|more|longer|additional)\b/.test(t) ? durationAfter(t, /\bby\b|\bfor\b|\banother\b|\bextend(?:\s+it)?\b|\brun\b/) : undefined;
  if (extend !== undefined && /\b(extend|another|more|longer|additional)\b/.test(t) && !/\bevery\b/.test(t)) return [{ kind: 'extend', extraS: extend }];
  const every = durationAfter(t, /\bevery\b|\binterval(?:\s+(?:to|of))?\b|\bonce (?:a|an|per|every)\b/);
  const acquireEvery = /\bevery\s+(\d+)(?:st|nd|rd|th)?\s*(?:time[\s-]?points?|frames?|timepoints?|rounds?|cycles?)\b|\bevery\s+(other|second|third|fourth|fifth|tenth)\s+(?:time[\s-]?points?|frames?|timepoints?|rounds?)/.exec(t);
  if (acquireEvery && channel) {
    const word: Record<string, number> = { other: 2, second: 2, third: 3, fourth: 4, fifth: 5, tenth: 10 };
    const n = acquireEvery[1] ? Number(acquireEvery[1]) : word[acquireEvery[2]];
    return [{ kind: 'acquireEvery', channel, every: n }];
  }
  if (/\b(speed up|slow down|faster|slower|more often|less often|as often|as fast|interval|every|frame rate|rate)\b/.test(t)) {
    if (every !== undefined) return [{ kind: 'interval', intervalS: every }];
    const twice = /\b(twice|2x|two times) (as )?(fast|often)\b/.test(t) ? 0.5 : /\b(half as often|twice as slow|half the (speed|rate))\b/.test(t) ? 2 : undefined;
    if (twice !== undefined) return [{ kind: 'intervalFactor', factor: twice }];
  }
  const totalFor = /\b(run|image|continue|keep (going|imaging))\b.*\bfor\b/.test(t) ? durationAfter(t, /\bfor(?:\s+a\s+total\s+of)?\b/) : undefined;
  if (totalFor !== undefined && /\btotal\b/.test(t)) return [{ kind: 'duration', durationS: totalFor }];
  if (totalFor !== undefined) return [{ kind: 'extend', extraS: totalFor }];

  // Power and exposure: a percentage is power, milliseconds are exposure.
  const pct = percent(t);
  const exp = exposureMs(t);
  const result: Adjustment[] = [];
  if (pct !== undefined && /\b(power|laser|led|light|intensity|lamp|drop|lower|reduce|raise|increase|set|turn|to|at)\b/.test(t)) {
    result.push({ kind: 'power', powerPercent: pct, ...(channel ? { channel } : {}) });
  }
  const adding = /\b(add|include|also image|start imaging|image also|turn on|bring in)\b/.test(t);
  const dropping = /\b(drop|remove|stop imaging|stop acquiring|no more|skip|exclude|turn off|without|disable)\b/.test(t) && pct === undefined;
  if (adding && channels.length) {
    for (const c of channels) result.push({ kind: 'addChannel', channel: c, ...(exp !== undefined ? { exposureMs: exp } : {}), ...(pct !== undefined ? { powerPercent: pct } : {}) });
    return result.filter((a) => a.kind !== 'power');
  }
  if (dropping && channels.length) {
    for (const c of channels) result.push({ kind: 'dropChannel', channel: c });
    return result;
  }
  if (exp !== undefined && (/\bexpos/.test(t) || channel || /\b(set|change|increase|decrease|lower|raise|reduce|to)\b/.test(t))) {
    result.push({ kind: 'exposure', exposureMs: exp, ...(channel ? { channel } : {}) });
  }
  return result.length ? result : undefined;
}

// ---- rules --------------------------------------------------------------------------------

let ruleCounter = 0;

/**
 * "when a cell divides, image every 10 s for 5 minutes, then go back to every 2 minutes"
 * → a Rule (not yet active: the person confirms describeRule(rule) first).
 */
export function parseRule(text: string, config: MicroscopeConfig = DEMO_CONFIG): Rule {
  const t = normaliseText(text).toLowerCase();
  const lead = String.raw`^(?:when(?:ever)?|if|once|as soon as|each time|every time|after)\s+`;
  const actionVerb = String.raw`(?:image|take|add|also|stop|end|abort|zoom|switch|refocus|autofocus|speed|slow|go|acquire|start|change|set|include|turn)\b`;
  const split =
    new RegExp(lead + String.raw`([^,:;]+?)\s*[,:;—]\s*(.+)$`).exec(t) ??
    new RegExp(lead + String.raw`(.+?)\s+(?:then\s+)?(` + actionVerb + String.raw`.*)$`).exec(t) ??
    new RegExp(lead + String.raw`(.+?)\s*\bthen\b\s*(.+)$`).exec(t) ??
    /^(.+?)\s+(?:when(?:ever)?|if|as soon as|once)\s+(.+)$/.exec(t);
  if (!split) {
    throw new InputError(`I could not read "${text.trim()}" as a rule: say "when <something happens>, <do something>", e.g. "when a cell divides, image every 10 s for 5 minutes, then go back to every 2 minutes"`);
  }
  // "image every 10 s when a cell divides": the clauses come the other way round.
  const leadingCondition = /^(?:when(?:ever)?|if|once|as soon as|each time|every time|after)\b/.test(t);
  const conditionText = leadingCondition ? split[1] : split[2];
  const actionText = leadingCondition ? split[2] : split[1];
  const trigger = parseTrigger(conditionText, config);
  if (!trigger) {
    throw new InputError(`I could not tell what should trigger the rule in "${conditionText}": I understand a cell dividing, the number of cells, the mean intensity, the focus, or a model's score going above or below a value`);
  }
  const { action, holdS, holdFrames, revert, revertIntervalS } = parseRuleAction(actionText, config);
  const minFrames = /at least (\d+) (?:time ?points|frames)/.exec(t);
  const rule: Rule = {
    id: `rule-${++ruleCounter}`,
    text: text.trim(),
    trigger,
    action,
    ...(holdS !== undefined ? { holdS } : {}),
    ...(holdFrames !== undefined ? { holdFrames } : {}),
    revert,
    ...(revertIntervalS !== undefined ? { revertIntervalS } : {}),
    minFramesPerMode: minFrames ? Number(minFrames[1]) : 3,
  };
  return rule;
}

function comparisonOf(text: string): { comparison: 'above' | 'below'; threshold: number; release?: number } | undefined {
  const num = String.raw`(-?\d+(?:\.\d+)?)`;
  const above = new RegExp(String.raw`(?:above|over|exceeds?|more than|greater than|higher than|rises? (?:above|over|past|to)|goes (?:above|over|up to)|reaches|hits|>\s*=?|at least)\s*${num}`).exec(text);
  const below = new RegExp(String.raw`(?:below|under|less than|fewer than|lower than|drops? (?:below|under|to)|falls? (?:below|under|to)|goes (?:below|under|down to)|<\s*=?|at most)\s*${num}`).exec(text);
  const release = new RegExp(String.raw`(?:until|till|back (?:below|above|under|over)|release (?:at|below|above))\s*(?:it\s+)?(?:\w+\s+)?(?:below|above|under|over|to)?\s*${num}`).exec(text);
  const m = above && (!below || above.index < below.index) ? { comparison: 'above' as const, threshold: Number(above[1]) } : below ? { comparison: 'below' as const, threshold: Number(below[1]) } : undefined;
  if (!m) {
    const more = new RegExp(String.raw`${num}\s*(?:or more|\+)`).exec(text);
    if (more) return { comparison: 'above', threshold: Number(more[1]) - 0.5 };
    return undefined;
  }
  return release ? { ...m, release: Number(release[1]) } : m;
}

function parseTrigger(text: string, config: MicroscopeConfig): TriggerSpec | undefined {
  const channel = uniquePresets(findChannels(text, config))[0];
  const ch = channel ? { channel } : {};
  if (/\b(divides?|division|divisions|dividing|mitosis|mitotic|splits?)\b/.test(text) && !/\bscore\b/.test(text)) return { kind: 'division', ...ch };
  if (/\b(focus|blurry|blurred|sharpness)\b/.test(text)) {
    const cmp = comparisonOf(text);
    if (cmp) return { kind: 'focusScore', ...ch, ...cmp };
    // "goes out of focus": a relative drop the engine cannot know in advance; use a conservative absolute floor.
    return { kind: 'focusScore', ...ch, comparison: 'below', threshold: 5, release: 8 };
  }
  const model = /\b(?:model|classifier|network)\s+["']?([\w.-]+)["']?|["']?([\w.-]+)["']?\s+(?:model|score|probability)\b/.exec(text);
  if (model && /\b(score|probability|model|classifier)\b/.test(text)) {
    const cmp = comparisonOf(text);
    const name = model[1] ?? model[2];
    if (cmp && name && !['the', 'a', 'its'].includes(name)) return { kind: 'modelScore', model: name, ...ch, ...cmp };
  }
  if (/\b(cells?|nuclei|nucleus|objects?|count)\b/.test(text)) {
    const cmp = comparisonOf(text);
    if (cmp) return { kind: 'cellCount', ...ch, ...cmp };
  }
  if (/\b(intensity|brightness|bright|signal|fluorescence|mean)\b/.test(text)) {
    const cmp = comparisonOf(text);
    if (cmp) return { kind: 'meanIntensity', ...ch, ...cmp };
  }
  return undefined;
}

function parseRuleAction(text: string, config: MicroscopeConfig): { action: RuleAction; holdS?: number; holdFrames?: number; revert: boolean; revertIntervalS?: number } {
  const [main, ...backParts] = text.split(/\s*,?\s*(?:and\s+)?then\s+|\s*,\s*(?:and\s+)?(?=(?:go|come|switch)\s+back|return\b|revert\b)/);
  const back = backParts.join(' ');
  const backMentioned = /\b(back|return|revert|again|afterwards|resume|restore|previous|original|normal)\b/.test(back + ' ' + main);
  const revertIntervalS = back ? durationAfter(back, /\bevery\b|\bto\b/) : undefined;
  const holdFramesMatch = /\bfor\s+(\d+)\s*(?:time[\s-]?points|frames|timepoints|images|rounds)\b/.exec(main);
  const holdFrames = holdFramesMatch ? Number(holdFramesMatch[1]) : undefined;
  const holdS = holdFrames === undefined ? durationAfter(main, /\bfor\b/) : undefined;
  if (/\b(stop|end|abort|halt)\b/.test(main)) return { action: { kind: 'stop' }, revert: false };
  if (/\b(autofocus|auto-focus|refocus|re-focus|focus)\b/.test(main)) return { action: { kind: 'autofocus' }, revert: false };
  if (/\bzoom\b/.test(main)) {
    const objective = /\b(10|20|40)\s*x\b/.exec(main);
    return { action: { kind: 'zoom', ...(objective ? { objective: `${objective[1]}X` } : {}) }, revert: false };
  }
  const channels = uniquePresets(findChannels(main, config));
  if (/\b(add|include|also image|turn on|image (?:it )?(?:also )?in|take)\b/.test(main) && channels.length && !/\bevery\b/.test(main)) {
    const exposure = exposureMs(main);
    return {
      action: { kind: 'addChannel', channel: channels[0], ...(exposure !== undefined ? { exposureMs: exposure } : {}) },
      holdS,
      holdFrames,
      revert: holdS !== undefined || holdFrames !== undefined || backMentioned,
    };
  }
  const intervalS = durationAfter(main, /\bevery\b|\binterval(?:\s+(?:to|of))?\b/);
  if (intervalS !== undefined) {
    return { action: { kind: 'setInterval', intervalS }, holdS, holdFrames, revert: holdS !== undefined || holdFrames !== undefined || backMentioned || revertIntervalS !== undefined, revertIntervalS };
  }
  throw new InputError(`I could not tell what the rule should do in "${text}": I understand "image every 10 s", "add mCherry for 5 frames", "zoom in", "autofocus" and "stop"`);
}

// ---- helpers -----------------------------------------------------------------------------

function normaliseText(text: string): string {
  if (typeof text !== 'string' || !text.trim()) throw new InputError('empty request: say what to image or change');
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/μ/g, 'µ')
    .replace(/(\d),(\d{3})\b/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

function fmtS(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  if (seconds < 3600) return `${Math.round((seconds / 60) * 10) / 10} min`;
  return `${Math.round((seconds / 3600) * 10) / 10} h`;
}

// ---- routing a request to a microscope tool ------------------------------------------------

export interface MicroscopeToolCall {
  tool: 'microscope_status' | 'snap' | 'move_stage' | 'start_acquisition' | 'adjust_acquisition' | 'pause_acquisition' | 'resume_acquisition' | 'stop_acquisition' | 'add_rule' | 'dose_report';
  args: Record<string, unknown>;
}

/**
 * Which microscope tool a sentence asks for, with its arguments, or undefined when the
 * sentence is not about the microscope. For the offline planner: "image GFP every 5 min
 * for 12 h" → start_acquisition, "when a cell divides, ..." → add_rule (unconfirmed),
 * "speed up to every 10 s" → adjust_acquisition, "how much longer?" → microscope_status.
 */
export function routeMicroscopeRequest(text: string, options: { acquisitionRunning?: boolean; config?: MicroscopeConfig } = {}): MicroscopeToolCall | undefined {
  const config = options.config ?? DEMO_CONFIG;
  const t = normaliseText(text).toLowerCase();
  if (/^(?:when(?:ever)?|if|as soon as|each time|every time|once|after)\b.+,/.test(t) || /\bwhenever\b/.test(t)) {
    try {
      parseRule(text, config);
      return { tool: 'add_rule', args: { rule: text.trim(), confirm: false } };
    } catch {
      // not a rule after all
    }
  }
  const hasChannel = findChannels(t, config).length > 0;
  const timeLapse = /\bevery\b|\binterval\b|\btime[\s-]?lapse\b|\btime ?points\b|\bframes\b/.test(t) && /\bfor\b|\bover\b|\bovernight\b|\d+\s*(?:time ?points|frames)/.test(t);
  if (hasChannel && timeLapse && (/\b(image|acquire|record|start|take|run|film|capture|time[\s-]?lapse|snap)\b/.test(t)) && !options.acquisitionRunning) {
    return { tool: 'start_acquisition', args: { request: text.trim() } };
  }
  if (/\b(snap|take (?:a|an|one) (?:picture|image|snapshot|photo)|single image|one image)\b/.test(t) && !timeLapse) {
    const channel = findChannels(t, config)[0]?.preset;
    const exposure = exposureMs(t);
    const power = percent(t);
    return { tool: 'snap', args: { ...(channel ? { channel } : {}), ...(exposure !== undefined ? { exposureMs: exposure } : {}), ...(power !== undefined ? { powerPercent: power } : {}) } };
  }
  let changes: Adjustment[];
  try {
    changes = parseAdjustment(text, config);
  } catch {
    return /\b(microscope|stage|objective|acquisition|laser)\b/.test(t) ? { tool: 'microscope_status', args: {} } : undefined;
  }
  if (changes.length === 1) {
    const only = changes[0];
    if (only.kind === 'status') return only.about === 'dose' ? { tool: 'dose_report', args: {} } : { tool: 'microscope_status', args: {} };
    if (only.kind === 'pause') return { tool: 'pause_acquisition', args: {} };
    if (only.kind === 'resume') return { tool: 'resume_acquisition', args: {} };
    if (only.kind === 'stop') return { tool: 'stop_acquisition', args: {} };
    if (only.kind === 'finish') return { tool: 'stop_acquisition', args: { finishTimepoint: true } };
    if (!options.acquisitionRunning && only.kind === 'moveStage') return { tool: 'move_stage', args: { xUm: only.xUm, yUm: only.yUm, zUm: only.zUm, relative: only.relative ?? false } };
    if (!options.acquisitionRunning && only.kind === 'objective') return { tool: 'move_stage', args: { objective: only.objective } };
  }
  return { tool: 'adjust_acquisition', args: { command: text.trim() } };
}
