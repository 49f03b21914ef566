// A condition on a step, said in the forms people use besides "Q? if so, A": "if the cells drift, correct it",
// "denoise only if the movie is noisy", "check whether it bleaches and if so correct it", "correct the drift if
// needed". Each is read as the yes/no question and the action conditionalSteps.ts plans ("do the cells drift? if so,
// correct it"), so the action runs only when the answer says yes, or the answer says why it ran anyway. A condition
// with a number is a setting of the step ("only if it drifts more than 2 px": correct_drift's minDriftPx) and stays
// with the step's own reading; one on the objects ("if they are round") is a filter, never a question.
import { selfOf, type Catalogue } from './catalogue.ts';

/** "if needed", "if there is any": the work asked only where it is needed. */
const NEED = /^(?:(?:it\s+is\s+|it's\s+|that's\s+)?(?:needed|necessary|required|appropriate|warranted|useful)|(?:there\s+is|there's|there\s+are)\s+(?:any|some)(?:\s+\w+)?|(?:it|they)\s+(?:is|are)\s+(?:needed|necessary|required)|any|you\s+(?:think\s+)?(?:it's\s+|it\s+is\s+)?(?:need(?:ed)?|necessary)|you\s+see\s+(?:any|some)(?:\s+\w+)?)$/i;
/**
 * "if you can", "if possible": politeness, no condition; with the rest of the step's words after it ("if you can with
 * cellpose", "if possible using channel 2"), a phrase opened by a preposition that belongs to the action, no condition either.
 */
const POLITE = /^(?:you\s+(?:can|could|may|like|want|prefer|don't\s+mind)|possible|at\s+all\s+possible|that's\s+(?:ok|okay|possible|fine)|it'?s\s+(?:ok|okay|possible|fine)|it\s+works|available|you\s+have\s+(?:it|one|time)|convenient|feasible)(?:\s*,?\s+(?:with|using|via|by|through|in|into|as|on|at|from|to|for)\b.*)?$/i;
/** A condition said of the objects one by one: a filter of them, no question ("if they are round", "only if each ..."). */
const ON_OBJECTS = /^(?:they|their|them|those|these|ones?|each|every|any|some|all|it\s+is\s+a\s+cell)\b/i;
/** An "if" that asks ("tell me if they divide", "let me know if"): an embedded question, no condition. */
const ASKS_ABOUT = /\b(?:tell|ask|know|see|check|show|wonder|say|find\s+out|determine|report|test|look|notify|alert|warn|decide|judge|wondering|curious)\s*(?:me|us)?\s*$/i;
/** Words that end the condition's clause and start the next step. */
const NEXT_STEP = /\s*(?:[,;]\s*(?:and\s+)?(?:then|after\s+that|afterwards|next)\b|[;.]\s+|,\s*and\s+(?=\w+\s+(?:the|them|it|each|every|all)\b))/i;

/** "check whether", "see if", "can you find out if": the words that ask a yes/no question as a task. */
const CHECK_WHETHER = /^\s*(?:please\s+)?(?:can\s+you\s+)?(?:check|see|find\s+out|test|look)\s+(?:if|whether)\s+/i;

/** "check whether Q, and if so A": the question (1) and its action (2). */
const CHECKED_THEN = new RegExp(`${CHECK_WHETHER.source}(.+?)\\s*[,;]?\\s*(?:and\\s+)?(?:if\\s+(?:so|yes|it\\s+(?:is|does)|they\\s+(?:are|do)))\\s*[,:]?\\s*(.+)$`, 'i');

/** What "check whether ..." asks, as a yes/no question ("check whether the movie is noisy" -> "is the movie noisy?"); undefined for other words or a number. */
export function checkedQuestion(words: string): string | undefined {
  const m = CHECK_WHETHER.exec(words);
  const condition = m ? words.slice(m[0].length) : undefined;
  return condition && !/\d/.test(condition) ? asQuestion(condition) : undefined;
}

/** The condition as a yes/no question: "the movie is noisy" -> "is the movie noisy?", "the cells drift" -> "do the cells drift?". */
export function asQuestion(condition: string): string {
  const c = condition.trim().replace(/[?.!,;:\s]+$/, '').replace(/^(?:whether|if)\s+/i, '');
  const there = /^there(?:'s|\s+(is|are|was|were))\s+(.+)$/i.exec(c);
  if (there) return `${there[1] ?? 'is'} there ${there[2]}?`;
  const copula = /^((?:\S+\s+){0,3}?\S+?)(?:'s|\s+(is|are|was|were|has|have|gets|get))\s+(.+)$/i.exec(c);
  if (copula) return `${copula[2] ?? 'is'} ${copula[1]} ${copula[3]}?`;
  const words = c.split(/\s+/);
  const verb = words.at(-1) ?? '';
  // (a verb in -s has a subject of one: "the movie drifts" -> "does the movie drift?")
  return /[^s]s$/i.test(verb) && words.length > 1 ? `does ${words.slice(0, -1).join(' ')} ${verb.replace(/e?s$/i, (m) => (/(?:ss|sh|ch|x|z)es$/i.test(verb) ? '' : m === 'es' ? 'e' : ''))}?` : `do ${c}?`;
}

/** The request as read: "Q? if so, A", or (`said`) words planned as they are, with a line for the answer (`note`). */
export interface ConditionRead {
  request: string;
  /** The condition as said ("the segmentation looks good"), when the request was read as a question and its action. */
  condition?: string;
  note?: string;
  said?: boolean;
  /** The steps said after the condition's own clause (", then segment"): they run whatever the answer; a condition's scope is its clause. */
  then?: string;
}

/** A comparison and the one that keeps the other side of its number ("under" -> "at least"). */
const FLIPPED: [RegExp, string][] = [
  [/\b(?:under|below|less\s+than|smaller\s+than|lower\s+than|fewer\s+than|shorter\s+than)\s*/i, 'at least '],
  [/\b(?:over|above|more\s+than|bigger\s+than|larger\s+than|greater\s+than|higher\s+than|longer\s+than|exceeds?|exceeding)\s*/i, 'at most '],
];

/** "skip drift correction if the drift is under 1 px", "correct the drift unless it is below 1 px": the action on the other side of the number. */
function negatedThreshold(request: string): string | undefined {
  const skip = /^\s*(?:please\s+)?(?:skip|don't|do\s+not|no\s+need\s+to|never)\s+(.+?)\s+(?:if|when|whenever)\s+(.+)$/i.exec(request);
  const unless = skip ? undefined : /^(.+?)\s*,?\s+unless\s+(.+)$/i.exec(request);
  const [action, condition] = skip ? [skip[1], skip[2]] : unless ? [unless[1], unless[2]] : [];
  if (!action || !condition || !/\d/.test(condition)) return undefined;
  const flip = FLIPPED.find(([re]) => re.test(condition));
  return flip ? `${action} only if ${condition.replace(flip[0], flip[1])}` : undefined;
}

/** The request with a condition said after its action, or before it, read as "Q? if so, A"; undefined when it has none of these forms. */
export function conditionAsQuestion(request: string, needOf: (action: string) => NeedOf | undefined): ConditionRead | undefined {
  const negated = negatedThreshold(request);
  if (negated) return { request: negated, said: true };
  // "segment with li unless the movie is too dim": a condition that turns the step down, with no number to set; nothing
  // checks it before the step runs, so the step runs as asked and one line names the condition
  const unless = /^(.+?)\s*,?\s+unless\s+(.+)$/i.exec(request);
  if (unless && !/\d/.test(unless[2]) && !ON_OBJECTS.test(unless[2].trim()) && !POLITE.test(unless[2].trim())) {
    const end = NEXT_STEP.exec(unless[2]);
    const condition = (end ? unless[2].slice(0, end.index) : unless[2]).trim().replace(/[?.!,;:\s]+$/, '');
    const need = needOf(unless[1]);
    if (need && condition) return { request: `${unless[1]}${end ? unless[2].slice(end.index) : ''}`, note: `Not applied: the condition "unless ${condition}" — I could not check it (nothing I have measures it before ${need.tool} runs), so ${need.tool} ran as asked.` };
  }
  // "skip the denoising if the movie is clean", "don't bother with drift correction if there's no drift, just track them"
  const down = turnedDownIf(request, needOf);
  if (down) return down;
  // "check whether it bleaches, and if so correct it": the question said as a question
  const checked = CHECKED_THEN.exec(request);
  if (checked && !/\d/.test(checked[1])) return { request: `${asQuestion(checked[1])} if so, ${checked[2]}`, condition: checked[1] };
  // "if the cells drift, correct it (and then track them)"
  const first = /^\s*(?:(?:and|but|so|ok(?:ay)?|please)[,\s]+)?(?:only\s+)?if\s+(.+?)\s*,\s*(?:then\s+)?(?:please\s+)?(.+)$/i.exec(request);
  // (the condition's scope is its own clause: "if it's a z-stack, do a max projection first, then segment" segments anyway)
  if (first) {
    const end = NEXT_STEP.exec(first[2]);
    return asked(first[1], end ? first[2].slice(0, end.index) : first[2], end ? first[2].slice(end.index) : '', needOf);
  }
  // "denoise only if the movie is noisy, then segment", "correct the drift if needed"
  // (a word of its own: the "if" of "tif" is none)
  // ("track them as long as the segmentation looks ok", "assuming the drift is small", "only when it is noisy": the same condition in other words)
  const after = /^(.+?)(?:\s*,)?\s+(?:but\s+)?(?:only\s+)?\b(?:if|in\s+case|provided(?:\s+that)?|(?:as|so)\s+long\s+as|assuming(?:\s+that)?|on\s+(?:the\s+)?condition\s+that|(?<=only\s+)when)\s+(.+)$/i.exec(request);
  // ("track them, and if cells divide keep the lineage": the condition opens the next clause, whose action follows it)
  if (!after || /^\s*(?:is|are|was|were|do|does|did|has|have|can|could|should|would|will|which|what|how|why|when|where|who)\b/i.test(after[1]) || ASKS_ABOUT.test(after[1]) || /(?:,|\b(?:and|then|but|or|so))\s*$/i.test(after[1])) return undefined;
  // ("segment the nuclei (StarDist if possible) then track", "find them - with cellpose if you have it - and count": a condition
  // said inside brackets or between dashes ends where they close; the words after them are the request's, not the condition's)
  const aside = asideOpen(after[1]) ? /\)|\s[-–—]+\s/.exec(after[2]) : null;
  // ("correct drift if needed and track": a condition of need is whole in its words; "and" after it opens the next step)
  const needEnds = /^(?:needed|necessary|required|need\s+be)\b/i.exec(after[2]);
  const end = aside ?? (needEnds ? /^\s*(?:,\s*)?(?:and|then|&)\b/i.exec(after[2].slice(needEnds[0].length)) && { index: needEnds[0].length } : null) ?? NEXT_STEP.exec(after[2]);
  const condition = end ? after[2].slice(0, end.index) : after[2];
  const rest = end ? after[2].slice(end.index) : '';
  // (politeness in an aside is no condition: the request is read as said)
  if (aside && POLITE.test(condition.trim())) return undefined;
  // (an aside that is the condition alone, "denoise (only if it is noisy), then segment", leaves no bracket or dash behind)
  const action = aside ? after[1].replace(/\s*(?:\(|\s[-–—]+)\s*(?:but\s+)?(?:only\s*)?$/i, '') : after[1];
  return asked(condition, action, aside && action !== after[1] ? rest.replace(/^\s*(?:\)|[-–—]+)/, '') : rest, needOf);
}

/** The words end inside an aside: a bracket opened and not closed, or an odd number of spaced dashes ("segment - with X"). */
function asideOpen(words: string): boolean {
  return (words.match(/\(/g) ?? []).length > (words.match(/\)/g) ?? []).length || (words.match(/\s[-–—]+\s/g) ?? []).length % 2 === 1;
}

/**
 * "I would be most grateful if you could measure the areas", "if you would segment them for me": a request put politely,
 * the words after "if you could" are what is asked, no condition to check.
 */
const ASKED_POLITELY = /^you\s+(?:could|can|would|will|might)\s+(?:(?:please|kindly|also|just|possibly|perhaps|maybe)\s+)*(?!not\b|be\b|have\b|see\b|find\b)[a-z]+\s+\S/i;
/** "I would be grateful if the movie could first be corrected for drift": the same request in the passive (stop 51, helper D). */
const ASKED_POLITELY_PASSIVE = /^(?:the|my|our|this|these|those|it|they|each|all)\b(?:\s+[\w-]+){0,3}?\s+(?:could|would|might)\s+(?:(?:please|kindly|also|just|first|then|possibly|perhaps)\s+)*be\s+[a-z]+(?:ed|en|t)\b/i;

/**
 * "in µm² if you know the pixel size", "in microns if calibrated", "if the frame interval is in the metadata": whether
 * the movie's calibration is known decides the unit of the values, never whether the steps run. The steps run as asked;
 * values are in µm and s where the calibration is known, else in px and frames, said so in the answer.
 */
function asksCalibrationKnown(condition: string): boolean {
  const calibration = /\b(?:pixel\s*(?:size|spacing|width)|calibrat\w*|scale|frame\s*(?:interval|rate)|time\s*(?:step|interval)|metadata|voxel\s*size|(?:µm|um|microns?)\s+per\s+(?:pixel|px))\b/i;
  const known = /\b(?:know|knows|known|available|set|stored|recorded|saved|there|present|included|given|exists?|have|has|in\s+the\s+(?:file|header|metadata|tiff?))\b/i;
  return (calibration.test(condition) && known.test(condition)) || /^(?:(?:it|they|the\s+(?:movie|image|images|file|data|stack))\s+(?:is|are|was|were)\s+)?(?:spatially\s+)?calibrated$/i.test(condition.trim());
}

function asked(condition: string, action: string, rest: string, needOf: (action: string) => NeedOf | undefined): ConditionRead | undefined {
  const c = condition.trim().replace(/[?.!,;:\s]+$/, '');
  if (c && asksCalibrationKnown(c) && action.trim().length >= 2) return { request: `${action}${rest}`, said: true };
  if (!c || /\d/.test(c) || ON_OBJECTS.test(c) || POLITE.test(c) || ASKED_POLITELY.test(c) || ASKED_POLITELY_PASSIVE.test(c) || action.trim().length < 2) return undefined;
  if (NEED.test(c)) {
    // ("if there's any drift, correct it": the thing named is what the pronoun of the action stands for)
    const named = /\b(?:any|some)\s+(\w+)$/i.exec(c)?.[1];
    if (named) action = action.replace(/\b(?:it|that|this|them)\b(?!')/i, named);
    // (the step tells by itself whether it is needed: it runs, and the answer says how it decides; else the question
    // of what it removes is asked first: "correct bleaching if needed" -> "is there bleaching? if so, ...")
    const need = needOf(action);
    if (need?.decides) return { request: `${action}${rest}`, note: need.decides };
    if (need?.question) return { request: `${need.question} if so, ${action.trim()}`, ...thenOf(rest) };
    return need ? { request: `${action}${rest}`, note: `I could not check whether ${need.tool} is needed (nothing I have measures that before it runs), so it ran as asked, not only if needed.` } : undefined;
  }
  return { request: `${asQuestion(c)} if so, ${action.trim()}`, condition: c, ...thenOf(rest) };
}

/** The steps said after a condition's clause, as words of their own ("then segment"), when there are any. */
function thenOf(rest: string): { then?: string } {
  const words = rest.replace(/^[\s,;.]+/, '').trim();
  return words.length > 1 ? { then: words } : {};
}

/** "skip", "leave out", "don't bother with", "no need for": a step turned down, whose condition follows. */
const TURNED_DOWN_IF = /^\s*(?:please\s+)?(?:skip|omit|leave\s+out|drop|(?:don't|do\s+not|no\s+need\s+to)\s+(?:bother\s+(?:with|to|doing)\s+|do\s+|run\s+)?|(?:there's\s+|there\s+is\s+)?no\s+need\s+for)\s*(.+?)\s+(?:if|when|whenever|in\s+case)\s+(.+)$/i;

/**
 * A step turned down on a condition with no number ("skip the denoising if the movie is clean", "don't bother with drift
 * correction if there's no drift, just track the nuclei"): the step is asked where it is needed, the condition saying
 * when it is not. A step that tells by itself whether it is needed runs and says how; one with a question that tells
 * asks it first; any other runs, and one line says the condition could not be checked. The steps said after the
 * condition's clause run whatever it says. (With a number, the step's own setting: negatedThreshold.)
 */
function turnedDownIf(request: string, needOf: (action: string) => NeedOf | undefined): ConditionRead | undefined {
  const m = TURNED_DOWN_IF.exec(request);
  if (!m || /\d/.test(m[2])) return undefined;
  const action = m[1].trim();
  const cut = /\s*(?:[,;]|\.\s|\s-+\s)\s*(?:(?:and|but|then|just|only|simply|instead)\s+)*/i.exec(m[2]);
  const condition = (cut ? m[2].slice(0, cut.index) : m[2]).trim().replace(/[?.!\s]+$/, '');
  const rest = cut ? m[2].slice(cut.index + cut[0].length).trim() : '';
  if (!condition || ON_OBJECTS.test(condition) || POLITE.test(condition) || action.length < 3) return undefined;
  const need = needOf(action);
  if (!need) return undefined;
  const after = rest ? `, then ${rest}` : '';
  if (need.decides) return { request: `${action}${after}`, note: need.decides };
  if (need.question) return { request: `${need.question} if so, ${action}`, ...thenOf(rest) };
  return { request: `${action}${after}`, note: `I could not check "${asQuestion(condition).replace(/\?$/, '')}" (nothing I have measures it), so ${need.tool} ran; you asked to skip it only if so.` };
}

/** What the step of an action says about whether it is needed: how it decides by itself, or the question that tells. */
export interface NeedOf {
  tool: string;
  decides?: string;
  question?: string;
}

/** For an action whose plan is one step or more: its first tool, with how it tells whether it is needed (its `decidesNeed`, `needQuestion`). */
export function needDecidedBy(catalogue: Catalogue, toolsOf: (action: string) => string[]): (action: string) => NeedOf | undefined {
  return (action) => {
    const tool = toolsOf(action)[0];
    if (!tool) return undefined;
    const self = selfOf(tool, catalogue);
    return { tool: `\`${tool}\``, decides: self?.decidesNeed, question: self?.needQuestion };
  };
}

/** The plan with one more line for the answer (after its own). */
export function withNote<P extends { notes?: string[] }>(plan: P, note: string): P {
  return { ...plan, notes: [...(plan.notes ?? []), note] };
}

/**
 * The plan of the request as said, when its condition could not be planned as a question ("track the cells, but only if
 * the segmentation looks good"): the condition named in one line unless a line already names it, never dropped.
 */
export function withConditionNamed<P extends { steps: { tool: string }[]; notes?: string[]; reply?: string }>(plan: P, condition: string | undefined, watchesItself: (tool: string) => boolean = () => false): P {
  if (!condition || plan.steps.length === 0) return plan;
  // ("image GFP ... and stop if more than 300 cells": a step that watches the condition itself, a self-driving rule, checks it)
  if (plan.steps.some((s) => watchesItself(s.tool))) return plan;
  const said = [...(plan.notes ?? []), plan.reply ?? ''].join(' ').toLowerCase();
  if (said.includes(condition.toLowerCase()) || condition.split(/\s+/).filter((w) => w.length > 3).every((w) => said.includes(w.toLowerCase()))) return plan;
  const tools = [...new Set(plan.steps.map((s) => `\`${s.tool}\``))].join(', ');
  return withNote(plan, `Not applied: the condition "if ${condition}" — I could not check it, so ${tools} ran anyway.`);
}
