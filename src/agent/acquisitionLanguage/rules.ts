// Self-driving rules in words: "when a cell divides, image every 30 s for 10 frames, then
// go back to every 2 minutes" → a typed Rule (src/microscope/ruleSpec.ts), shown to the
// person in words (describeRule) before it can run.
import { InputError } from '../../errors.ts';
import { DEMO_CONFIG, type MicroscopeConfig } from '../../microscope/config.ts';
import type { Rule, RuleAction, TriggerSpec } from '../../microscope/ruleSpec.ts';
import { durationAfter, durationsIn, exposureMs, findChannels, normaliseText, uniquePresets } from './words.ts';

let ruleCounter = 0;

/**
 * "when a cell divides, image every 10 s for 5 minutes, then go back to every 2 minutes"
 * → a Rule (not yet active: the person confirms describeRule(rule) first).
 */
export function parseRule(text: string, config: MicroscopeConfig = DEMO_CONFIG, now: { intervalS?: number } = {}): Rule {
  try {
    return parseRuleAsSaid(text, config, now);
  } catch (err) {
    // "every time a cell divides snap a Cy5 image": a condition first and no mark between it and its action;
    // the first cut between words where both halves read (a trigger, then an action) is where the comma goes
    const words = normaliseText(text).split(/\s+/);
    if (/[,:;—]/.test(text) || (!/^(?:when(?:ever)?|if|once|as soon as|each time|every time|on|upon)$/i.test(words[0]) && !/^(?:as soon as|each time|every time)\b/i.test(words.slice(0, 3).join(' ')))) throw err;
    for (let k = 2; k < words.length; k++) {
      try {
        return { ...parseRuleAsSaid(`${words.slice(0, k).join(' ')}, ${words.slice(k).join(' ')}`, config, now), text: text.trim() };
      } catch {
        // (not this cut)
      }
    }
    throw err;
  }
}

function parseRuleAsSaid(text: string, config: MicroscopeConfig, now: { intervalS?: number } = {}): Rule {
  const t = normaliseText(text).toLowerCase();
  // ("on division, zoom in", "upon mitosis image every 30 s": an event said as a noun after "on" is a condition too)
  const lead = String.raw`^(?:when(?:ever)?|if|once|as soon as|each time|every time|after|on|upon|following|at)\s+`;
  // ("if the cells start dividing, ...": "start" before an -ing word is part of the condition)
  const actionVerb = String.raw`(?:image|take|add|also|stop|end|abort|zoom|switch|refocus|autofocus|speed|slow|go|acquire|start(?!\s+(?:to\s+)?[a-z]+ing\b|\s+to\s+(?:divide|die|round|move|bleach|drift|fade))|change|set|include|turn)\b`;
  const split =
    new RegExp(lead + String.raw`([^,:;]+?)\s*[,:;—]\s*(.+)$`).exec(t) ??
    new RegExp(lead + String.raw`(.+?)\s+(?:then\s+)?(` + actionVerb + String.raw`.*)$`).exec(t) ??
    new RegExp(lead + String.raw`(.+?)\s*\bthen\b\s*(.+)$`).exec(t) ??
    /^(.+?)\s+(?:when(?:ever)?|if|as soon as|once)\s+(.+)$/.exec(t);
  if (!split) {
    throw new InputError(`I could not read "${text.trim()}" as a rule: say "when <something happens>, <do something>", e.g. "when a cell divides, image every 10 s for 5 minutes, then go back to every 2 minutes"`);
  }
  // "image every 10 s when a cell divides": the clauses come the other way round.
  const leadingCondition = /^(?:when(?:ever)?|if|once|as soon as|each time|every time|after|on|upon|following|at)\b/.test(t);
  let conditionText = leadingCondition ? split[1] : split[2];
  let actionText = leadingCondition ? split[2] : split[1];
  // "image every 15 s when a cell divides, for 3 minutes": what follows the condition's comma belongs to the action
  const tail = leadingCondition ? undefined : /^(.*?)\s*,\s*((?:for|then|and then|until)\b.*)$/.exec(conditionText);
  if (tail) [conditionText, actionText] = [tail[1], `${actionText} ${tail[2]}`];
  // every figure of the condition is read by the trigger or named: a rule never drops "50" from "when 50 cells have divided"
  notWatchable(conditionText, config);
  const trigger = parseTrigger(conditionText, config);
  if (!trigger) {
    // (an action no rule can take is said too: "if it gets dim, raise the exposure" names both halves)
    let action = '';
    try {
      parseRuleAction(actionText, config, now);
    } catch (err) {
      if (/\ba rule cannot\b/.test((err as Error).message)) action = `; and ${(err as Error).message.replace(/^I could not set up what the rule should do in "[^"]*": /, '')}`;
    }
    throw new InputError(`I could not tell what should trigger the rule in "${conditionText}": I understand a cell dividing, the number of cells, the mean intensity, the focus, or a model's score going above or below a value${action}`);
  }
  const { action, holdS, holdFrames, revert, revertIntervalS } = parseRuleAction(actionText, config, now);
  stopOnASign(conditionText, trigger, action);
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

/**
 * "keep going until there are more than 300 nuclei", "carry on till the count drops below 20, then end it", "until a cell
 * divides, then stop": a running acquisition told to go on until something a trigger can watch is a rule that stops it
 * then. The words as a rule ("when <condition>, stop"), or undefined when they are no such sentence (a clock time or a
 * span, "until 8 pm", "until tomorrow", is the run's end, read elsewhere; a condition no trigger watches is not one).
 */
export function untilAsRule(text: string, config: MicroscopeConfig = DEMO_CONFIG): string | undefined {
  const t = normaliseText(text).toLowerCase().trim();
  const going = String.raw`(?:keep|carry on|continue|go on|run|image|imaging|acquire|record|let it run|let it go)(?:\s+(?:going|imaging|running|acquiring|recording|on|the run|it|the acquisition|the time[\s-]?lapse))*`;
  const end = String.raw`(?:stop|end|finish|abort|halt|quit|we'?re done|that'?s it)(?:\s+(?:it|the run|the acquisition|the experiment|imaging|there|everything))?`;
  const m = new RegExp(String.raw`^(?:(?:ok(?:ay)?|so|please|pls|just|and)[,\s]+)*(?:${going}\s*,?\s+)?(?:until|till|'?til)\s+(.+?)(?:\s*[,;]?\s*(?:and\s+)?(?:then\s+)?${end})?(?:\s*,?\s*(?:please|pls))?\s*[.!]*$`).exec(t);
  if (!m) return undefined;
  const condition = m[1].trim();
  if (durationsIn(condition).length || /\b(?:\d{1,2}(?::\d{2})?\s*(?:am|pm|h|o'?clock)|\d{1,2}:\d{2}|noon|midnight|tomorrow|tonight|morning|evening|the end|done|finished|i (?:say|tell|come|get|am)|further notice)\b/.test(condition)) return undefined;
  if (!parseTrigger(condition, config)) return undefined;
  return `when ${condition}, stop`;
}

/**
 * "keep imaging while the mean intensity is above 1500; once it falls below that, stop", "carry on as long as there are
 * fewer than 200 cells, then end it", "keep going while there are more than 50 nuclei, stop once it falls under": going on
 * while a watched level holds is a rule that stops the run when it no longer does (the comparison turned round, at the
 * same value). A clause after it may only say the stop and refer back to the level ("once it dips below (that)", "when
 * it drops under 1500"): the other way round from the condition and at its value, else the words are no such sentence
 * (undefined: asked, as before). The words as a rule ("when <level turned round>, stop"), or undefined.
 */
export function whileAsRule(text: string, config: MicroscopeConfig = DEMO_CONFIG): string | undefined {
  const t = normaliseText(text).toLowerCase().trim().replace(/[.!]+$/, '');
  const going = String.raw`(?:keep|carry on|continue|go on|run|image|imaging|acquire|record|let it run|let it go)(?:\s+(?:going|imaging|running|acquiring|recording|on|the run|it|the acquisition|the time[\s-]?lapse))*`;
  const m = new RegExp(String.raw`^(?:(?:ok(?:ay)?|so|please|pls|just|and)[,\s]+)*(?:${going}\s*,?\s+)?(?:only\s+)?(?:while|whilst|as long as|so long as)\s+([^,;]+?)(?:\s*(?:[,;]|\band\b|\bthen\b)\s*(.*))?$`).exec(t);
  if (!m) return undefined;
  const condition = m[1].trim();
  if (durationsIn(condition).length) return undefined;
  const trigger = parseTrigger(condition, config);
  if (!trigger || trigger.kind === 'division' || trigger.kind === 'modelScore' || trigger.release !== undefined) return undefined;
  const turned = trigger.comparison === 'above' ? 'below' : 'above';
  // the rest: the stop, and at most the level referred back to, turned round, at the condition's value
  const rest = (m[2] ?? '').replace(/^(?:and\s+)?(?:then\s+)?/, '').trim();
  if (rest) {
    if (!/\b(?:stop|end|finish|abort|halt|quit)\b/.test(rest)) return undefined;
    const said = rest.replace(/\b(?:stop|end|finish|abort|halt|quit)(?:\s+(?:it|the run|the acquisition|the experiment|the time[\s-]?lapse|imaging|there|everything))?\b/g, ' ');
    const left = said.replace(/\b(?:once|when|if|as soon as|after|then|and|it|that|this|the (?:level|value|count|number|intensity|signal|focus)|(?:does|do|goes|go|falls?|drops?|dips?|gets?|sinks?|rises?|climbs?|jumps?|stays?|is|are|no longer|not any ?more|anymore|again|please|pls|doesn'?t|don'?t|isn'?t|aren'?t))\b|[,;]/g, ' ');
    const direction = /\b(?:below|under|less|fewer|lower|beneath)\b/.test(left) ? 'below' : /\b(?:above|over|more|higher|beyond|past)\b/.test(left) ? 'above' : undefined;
    if (direction && direction !== turned) return undefined;
    const figures = [...left.matchAll(/\d+(?:\.\d+)?/g)].map((f) => Number(f[0]));
    if (figures.some((f) => f !== trigger.threshold)) return undefined;
    if (left.replace(/\b(?:below|under|less|fewer|lower|beneath|above|over|more|higher|beyond|past|than)\b|\d+(?:\.\d+)?/g, ' ').trim()) return undefined;
  }
  const channel = 'channel' in trigger && trigger.channel ? ` in ${trigger.channel}` : '';
  const level = trigger.kind === 'cellCount' ? `the number of cells${channel} goes ${turned} ${trigger.threshold}` : trigger.kind === 'focusScore' ? `the focus score${channel} goes ${turned} ${trigger.threshold}` : `the mean intensity${channel} goes ${turned} ${trigger.threshold}`;
  return `when ${level}, stop`;
}

/**
 * A condition that no trigger can watch as said: a span of time ("after 2 hours", "for 10 minutes")
 * or a count of events ("when 50 cells have divided", "after 10 divisions"). A trigger watches each
 * new frame (a division in it, or a level: the number of cells, the intensity, the focus going above
 * or below a value), so such words are named and nothing is set up, never dropped.
 */
function notWatchable(conditionText: string, config: MicroscopeConfig): void {
  const c = conditionText.trim();
  const span = durationsIn(c)[0];
  if (span) {
    const said = c.slice(span.index, span.index + span.length);
    throw new InputError(`a rule cannot wait for a span of time ("${said}"): it fires on what each new frame shows (a cell dividing, the number of cells, the intensity or the focus above or below a value); nothing was set up. For a change later, say it when it is due, or "end it in ${said}" to stop then`);
  }
  // figures that are no part of a channel's name ("the 488 signal"): the trigger's threshold, or a count it cannot keep
  const channelSpans = findChannels(c, config).map((m) => [m.index, m.index + m.text.length]);
  const figures = [...c.matchAll(/(?<![\w.])\d+(?:\.\d+)?(?![\w.])/g)].filter((m) => !channelSpans.some(([a, b]) => m.index! >= a && m.index! < b));
  const trigger = parseTrigger(c, config);
  // ("if they stop dividing, ...", "when no more cells divide": divisions ceasing is the absence of the event the trigger
  // fires on, which it cannot watch; named, nothing set up, never a rule that fires on a division, stop 47)
  const ceased = /\b(?:stop(?:s|ped)?|cease(?:s|d)?|quit(?:s)?|no longer|not|never|don'?t|doesn'?t|haven'?t|hasn'?t|aren'?t|isn'?t|won'?t)\s+(?:\w+\s+)?(?:divid\w*|splitting|going into mitosis|entering mitosis)\b|\bno (?:more |new |further )?(?:(?:cells?|nuclei) )?(?:divisions?|mitos[ie]s|divid\w*)\b/.exec(c.toLowerCase());
  if (trigger?.kind === 'division' && ceased) {
    throw new InputError(`a rule fires when it sees a cell divide; it cannot watch for divisions stopping ("${ceased[0]}"): nothing was set up. Say what to do when a cell divides ("when a cell divides, ..."), or a level to watch ("when there are fewer than 50 cells, ...")`);
  }
  if (trigger?.kind === 'division' && figures.length) {
    throw new InputError(`a rule fires at each cell division it sees; it cannot count them up to ${figures[0][0]}: nothing was set up. Say "when a cell divides, ..." to act on the first one, or use the number of cells ("when there are more than ${figures[0][0]} cells, ...")`);
  }
  if (trigger && trigger.kind !== 'division') {
    const read = [trigger.threshold, trigger.release].filter((v): v is number => v !== undefined);
    const unread = figures.filter((m) => !read.some((v) => Math.abs(v - Number(m[0])) < 1e-9 || Math.abs(v - (Number(m[0]) - 0.5)) < 1e-9));
    if (unread.length) throw new InputError(`I read the trigger as ${trigger.kind === 'cellCount' ? 'the number of cells' : trigger.kind === 'meanIntensity' ? 'the mean intensity' : trigger.kind === 'focusScore' ? 'the focus score' : 'the model score'} ${trigger.comparison} ${trigger.threshold}, but not "${unread.map((m) => m[0]).join('", "')}": nothing was set up; say the condition with one value, e.g. "when there are more than 100 cells, ..."`);
  }
}

/**
 * ("stop automatically if the cells round up": a rule reads cells rounding up as a division about to happen, but a
 * stop on it would end the whole run at the first cell that divides, which is not what a sign of stress asks; named,
 * nothing set up, never a stop on another event than the one said. Other actions on rounding up stay a division's.)
 */
function stopOnASign(conditionText: string, trigger: TriggerSpec, action: { kind: string }): void {
  const c = conditionText.toLowerCase();
  if (trigger.kind !== 'division' || action.kind !== 'stop' || /\b(?:divi\w*|mitos[ie]s|mitotic|splits?|prophase|metaphase|anaphase|cytokinesis)\b/.test(c)) return;
  const sign = /\b(?:round(?:s|ed|ing)?\s+up|rounding)\b/.exec(c);
  if (!sign) return;
  throw new InputError(`a rule cannot watch cells "${sign[0]}" as such: the nearest it sees is a cell dividing (cells round up in mitosis), and a stop on that would end the run at the first division; nothing was set up. Say "stop when a cell divides" for that, or a level to watch ("stop when there are fewer than 50 cells")`);
}

function comparisonOf(text: string): { comparison: 'above' | 'below'; threshold: number; release?: number } | undefined {
  const num = String.raw`(-?\d+(?:\.\d+)?)`;
  const above = new RegExp(String.raw`(?:above|over|exceeds?|more than|greater than|higher than|brighter than|bigger than|larger than|rises? (?:above|over|past|to)|goes (?:above|over|up to|past)|(?:climbs?|gets?|grows?|increases?|is) (?:above|over|past|beyond)|(?:pass(?:es|ed)?|surpass(?:es|ed)?|exceeded|tops|crosses|crossed|goes beyond|beyond) |reaches|hits|>\s*=?|at least)\s*${num}`).exec(text);
  const below = new RegExp(String.raw`(?:below|under|less than|fewer than|lower than|dimmer than|darker than|smaller than|drops? (?:below|under|to)|falls? (?:below|under|to)|(?:dips?|sinks?|gets?|decreases?|is) (?:below|under)|goes (?:below|under|down to)|<\s*=?|at most)\s*${num}`).exec(text);
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
  // (cells round up as they enter mitosis: "once the cells round up" is a division about to happen)
  if (/\b(divides?|division|divisions|dividing|mitosis|mitotic|splits?|round(?:s|ed|ing)? up|rounding|(?:enter|go|goes|going|went) into mitosis|prophase|metaphase|anaphase|cytokinesis)\b/.test(text) && !/\bscore\b/.test(text)) return { kind: 'division', ...ch };
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
  if (/\b(intensity|brightness|bright|brighter|dimmer|darker|signal|fluorescence|mean)\b/.test(text)) {
    const cmp = comparisonOf(text);
    if (cmp) return { kind: 'meanIntensity', ...ch, ...cmp };
  }
  // "once mCherry goes above 800": a channel's level with no other measure named is its intensity
  if (channel) {
    const cmp = comparisonOf(text);
    if (cmp) return { kind: 'meanIntensity', ...ch, ...cmp };
  }
  return undefined;
}

/** Whether the words name a channel. */
function namesChannel(text: string, config: MicroscopeConfig): boolean {
  return findChannels(text, config).length > 0;
}

function parseRuleAction(text: string, config: MicroscopeConfig, now: { intervalS?: number } = {}): { action: RuleAction; holdS?: number; holdFrames?: number; revert: boolean; revertIntervalS?: number } {
  const [main, ...backParts] = text.split(/\s*,?\s*(?:and\s+)?then\s+|\s*,\s*(?:and\s+)?(?=(?:go|come|switch)\s+back|return\b|revert\b)/);
  const back = backParts.join(' ');
  const backMentioned = /\b(back|return|revert|again|afterwards|resume|restore|previous|original|normal)\b/.test(back + ' ' + main);
  const revertIntervalS = back ? durationAfter(back, /\bevery\b|\bto\b/) : undefined;
  const holdFramesMatch = /\bfor\s+(\d+)\s*(?:time[\s-]?points|frames|timepoints|images|rounds)\b/.exec(main);
  const holdFrames = holdFramesMatch ? Number(holdFramesMatch[1]) : undefined;
  const holdS = holdFrames === undefined ? durationAfter(main, /\bfor\b/) : undefined;
  // "stop imaging GFP when ...", "drop the 561 if ...": a channel's end is no action of a rule, and never the end of the whole run
  const stoppedChannel = findChannels(main, config).find((m) => /\b(?:stop|end|halt|drop|remove|skip|switch off|turn off|shut off|kill|cancel|disable|no more|lose)(?:\s+(?:imaging|acquiring|recording|taking|the|a|channel|laser|with))*\s+$/.test(main.slice(0, m.index)) || /^(?:\s+(?:channel|laser|light))*\s+off\b/.test(main.slice(m.index + m.text.length)))?.preset;
  if (stoppedChannel) {
    throw new InputError(`a rule cannot stop imaging one channel (${stoppedChannel}): it can change the interval, add a channel for a while, zoom, autofocus or stop the whole acquisition; nothing was set up. Say "drop ${stoppedChannel}" to stop imaging it now`);
  }
  // "raise the exposure", "lower the 488 power to 5% and image every 10 min": the light is no action of a rule (never dropped
  // beside an interval); a channel added with its exposure is ("add mCherry at 50 ms")
  const light = /\b(?:expos\w*|(?:laser\s+|light\s+)?power|intensity|brightness|illumination|laser|gain)\b|\d\s*(?:%|percent|per cent)(?![\w])/.exec(main);
  if (light && !(namesChannel(main, config) && /\b(?:add|include|also image|turn on|switch on|bring in)\b/.test(main))) {
    const noun = /^(?:\d|%)/.test(light[0]) ? 'light' : /^expos/.test(light[0]) ? 'exposure' : light[0];
    throw new InputError(`I could not set up what the rule should do in "${text}": a rule cannot change the ${noun}; it can change the interval, add a channel for a while, zoom, autofocus or stop the whole acquisition; nothing was set up. To change the ${noun} now, say it as a change (e.g. "${noun === 'exposure' ? 'GFP exposure 200 ms' : 'GFP power to 5%'}")`);
  }
  if (/\b(stop|end|abort|halt)\b/.test(main)) return { action: { kind: 'stop' }, revert: false };
  if (/\b(autofocus|auto-focus|refocus|re-focus|focus)\b/.test(main)) return { action: { kind: 'autofocus' }, revert: false };
  // ("switch to 40x", "go to the 40x objective", "change to a higher magnification": a higher objective on where it fired is a zoom)
  if (/\bzoom\b|\b(?:switch|go|change|move|jump)\s+(?:up\s+)?(?:to|into)\s+(?:the\s+|a\s+)?(?:(?:10|20|40|60|63|100)\s*x\b|higher (?:mag\w*|objective)|(?:high|higher)[\s-]mag\w*)/.test(main)) {
    const objective = /\b(10|20|40)\s*x\b/.exec(main);
    return { action: { kind: 'zoom', ...(objective ? { objective: `${objective[1]}X` } : {}) }, revert: false };
  }
  const channels = uniquePresets(findChannels(main, config));
  // "add mCherry for 10 frames", "snap a Cy5 image" (one time point of it), "add DAPI every frame"
  const snapOnce = /\b(snap|grab|capture|acquire|take)\b.*\b(image|picture|snapshot|frame|shot)\b/.test(main) && holdS === undefined && holdFrames === undefined;
  if (/\b(add|include|also image|turn on|image (?:it )?(?:also )?in|take|snap|grab|capture|acquire)\b/.test(main) && channels.length && !/\bevery\b(?!\s+(?:frame|time ?point|image)\b)/.test(main)) {
    const exposure = exposureMs(main);
    return {
      action: { kind: 'addChannel', channel: channels[0], ...(exposure !== undefined ? { exposureMs: exposure } : {}) },
      holdS,
      holdFrames: snapOnce ? 1 : holdFrames,
      revert: snapOnce || holdS !== undefined || holdFrames !== undefined || backMentioned,
    };
  }
  // "every 10 s", "interval to 10 s", "switch to 15 s intervals"
  const intervalS = durationAfter(main, /\bevery\b|\binterval(?:\s+(?:to|of))?\b/) ?? durationsIn(main).find((d) => /^\s*(?:intervals?|cadence|apart)\b/.test(main.slice(d.index + d.length)))?.seconds ??
    // "go to 1 min", "switch to 20 s": a time span is all a rule's action can go to
    durationAfter(main, /\b(?:go|switch|change|drop|speed up|slow down|move)\s+to\b/);
  const untold = intervalS === undefined ? untoldIntervalS(main, now.intervalS) : undefined;
  if (untold !== undefined) return { action: { kind: 'setInterval', intervalS: untold }, holdS, holdFrames, revert: true, revertIntervalS: now.intervalS };
  if (intervalS !== undefined) {
    const here = /\b(?:at|in|on) (?:that|this|the same|its) (?:position|field|site|spot|well|place)\b|\bthere\b|\bwhere it (?:happen|divid)/.test(main);
    return { action: { kind: 'setInterval', intervalS, ...(here ? { atTriggerPosition: true } : {}) }, holdS, holdFrames, revert: holdS !== undefined || holdFrames !== undefined || backMentioned || revertIntervalS !== undefined, revertIntervalS };
  }
  throw new InputError(`I could not tell what the rule should do in "${text}": I understand "image every 10 s", "add mCherry for 5 frames", "zoom in", "autofocus" and "stop"`);
}


/** "image faster", "more often", "slow down" with no figure: half (or twice) the run's interval; undefined otherwise. */
export function untoldIntervalS(action: string, currentS: number | undefined): number | undefined {
  if (currentS === undefined || currentS <= 0 || /\d/.test(action)) return undefined;
  if (/\b(?:faster|quicker|more often|more frequently|speed up|higher frame rate)\b/.test(action)) return Math.round((currentS / 2) * 1e6) / 1e6;
  if (/\b(?:slower|less often|less frequently|slow down|lower frame rate)\b/.test(action)) return currentS * 2;
  return undefined;
}
