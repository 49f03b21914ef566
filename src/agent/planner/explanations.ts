// "Why did you choose this threshold?", "how did you pick the linking distance?", "what
// parameters did you use?", "which model did you use?": answered from the record of the
// step asked about (the arguments it was given, the values it reported it chose, the model
// folder and sha256, its own account of why), without running anything again.
import { findTool } from '../allTools.ts';
import { type PropertyInfo, selfOf } from './catalogue.ts';
import type { PastResult } from './conversation.ts';
import type { ToolIndex } from './matcher.ts';
import { plainQuestion } from './tableAnswers.ts';
import { meaning, tokenize } from './words.ts';

/** A question about how an earlier step chose what it did. */
const ASKS_WHY = new RegExp(
  [
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?why\s+(?:did|was|were|have|has|is|are|do|does|this|that|these|those|the|such|so)\b`,
    String.raw`\bhow\s+(?:did|do|were|was)\s+(?:you|it|they|the\s+\w+)\s+(?:\w+\s+)?(?:choose|chose|chosen|pick|picked|decide|decided|select|selected|set|determine|determined|find|found|get|got|come up with|arrive at|estimate|estimated)\b`,
    String.raw`\b(?:what|which)\s+(?:parameters?|settings?|values?|options?|arguments?|threshold|method|model|algorithm|sigma|distance|reference|radius)\s+(?:did|do|were|was|have)\s+(?:you|it|they|we)\s+(?:\w+ly\s+)?(?:use|used|pick|choose|chose|apply|applied|run|set)\b`,
    String.raw`\bwhat\s+(?:was|were)\s+the\s+(?:parameters?|settings?|threshold|model|method)\s+(?:you|it)\s+used\b`,
    String.raw`\bhow\s+(?:confident|sure|reliable|certain)\b`,
    String.raw`\bexplain\s+(?:the|your|how|why)\b`,
  ].join('|'),
  'i',
);

/** What a step chooses: its method, model and parameters, in the words people ask about them. */
const CHOICE = String.raw`(?:threshold\w*|smoothing|spacing|frames?|methods?|models?|algorithms?|parameters?|params?|settings?|values?|options?|arguments?|sigma|radius|radii|distances?|references?|cut-?offs?|filters?|kernels?|windows?|lags?|percentiles?|seeds?|channels?|tracker|approach|technique|network|weights|level|size|strength|iterations?|epochs?)`;
/** "what threshold did u use", "which reference did you align to", "what segmentation method was used", "how was the threshold chosen". */
const ASKS_CHOICE = new RegExp(
  [
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?(?:what|which)\b[^?.]{0,40}?\b${CHOICE}\b[^?.]{0,30}?\b(?:did|do|have|had)\s+(?:you|it|they|we|the\s+\w+)\s+(?:\w+\s+)?(?:use|used|pick|picked|choose|chose|apply|applied|set|select|selected|align|aligned|register|segment|track|link|denoise|fit|run|take|go|base|normali[sz]e|correct|allow|employ|assume|give|gave)\w*\b`,
    // "what was the threshold value exactly?": a choice a step made, asked in the past
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?(?:what|which)\s+(?:was|were)\s+(?:the|your|its)\s+(?:\w+\s+)?(?:threshold|method|model|algorithm|sigma|radius|reference|cut-?off|seed|smoothing|tracker|linking distance)\w*(?:\s+(?:values?|level|settings?))?(?:\s+(?:exactly|again|then|used|you used))?\s*\??\s*$`,
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?(?:what|which)\b[^?.]{0,40}?\b${CHOICE}\b[^?.]{0,20}?\b(?:was|were|got|has been|have been|is being)\s+(?:\w+\s+)?(?:used|chosen|picked|applied|selected|set|run|taken)\b`,
    String.raw`\bhow\s+(?:was|were|is|are|did)\s+(?:the|that|this|its|their|your|it)\s+(?:\w+\s+){0,3}(?:chosen|picked|set|determined|selected|decided|computed|estimated|found|calculated|fixed)\b`,
    String.raw`\bwhere\s+did\s+(?:the|that|this)\s+(?:\w+\s+){0,3}come from\b`,
    // "how come you went with ...", "what made you choose ...", "tell me why you chose ...", "on what basis did you ..."
    String.raw`\bhow come\b`,
    String.raw`\bwhat\s+made\s+(?:you|it)\s+(?:\w+\s+)?(?:choose|chose|pick|use|go|select|settle|decide|take)\b`,
    String.raw`\bwhy\s+(?:you|it|they)\s+(?:\w+\s+)?(?:chose|choose|picked|pick|used|use|went|go|selected|set|decided|ran|did)\b`,
    String.raw`\b(?:reasoning|rationale|justification|logic|basis|reason)\s+(?:behind|for|of)\b|\bon what basis\b`,
    String.raw`\b(?:is|was|are|were)\s+(?:the|that|this|your|its)\s+(?:\w+\s+){0,3}(?:reliable|trustworthy|accurate|robust|certain|sure)\b`,
    String.raw`\bexplain\s+(?:what|which)\s+(?:\w+\s+){0,3}${CHOICE}\b`,
  ].join('|'),
  'i',
);

export function asksWhy(text: string): boolean {
  const plain = plainQuestion(text);
  return ASKS_WHY.test(plain) || ASKS_CHOICE.test(plain);
}

/** Values that are bookkeeping, not choices (paths, column lists, long tables). */
const NOT_A_CHOICE = /^(?:path|columns|rows|artifacts?|summary|peaks|perFrame|shifts?|table|output)$/i;
const INPUTS = new Set(['movie', 'labels', 'tracks', 'table', 'output', 'result', 'groundTruth']);
/** Values that say why a step ran the way it did, in any tool's words. */
const TELLING = /method|reason|threshold|model|sha256|folder|reference|sigma|radius|distance|confidence|uncertain|chosen|auto|estimated|seed|percentile|overlap|gap/i;

function formatValue(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  if (Array.isArray(v)) {
    const numbers = v.filter((x): x is number => typeof x === 'number');
    if (numbers.length === v.length && v.length > 3) return `${formatValue(Math.min(...numbers))} to ${formatValue(Math.max(...numbers))} over ${v.length} frames`;
    return v.slice(0, 4).map(formatValue).join(', ') + (v.length > 4 ? ', ...' : '');
  }
  if (v && typeof v === 'object') return JSON.stringify(v).slice(0, 80);
  return String(v);
}

function withUnit(tool: string, key: string, v: unknown): string {
  const unit = findTool(tool)?.results?.[key]?.unit;
  const numbers = Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
  if (Array.isArray(v) && numbers.length === v.length && v.length > 3) return `${formatValue(Math.min(...numbers))} to ${formatValue(Math.max(...numbers))}${unit ? ` ${unit}` : ''} over ${v.length} frames`;
  return `${formatValue(v)}${unit && typeof (Array.isArray(v) ? v[0] : v) === 'number' ? ` ${unit}` : ''}`;
}

/** The step the question is about: the newest whose tool, or whose values, the question names. */
function stepAskedAbout(question: string, earlier: PastResult[], index: ToolIndex): PastResult | undefined {
  // steps that only report (advice, the microscope's status, lists) made no choice to explain
  const reports = (tool: string) => ['advice', 'status', 'list'].includes(selfOf(tool)?.role ?? '');
  const done = [...earlier].reverse().filter((r) => r.ok && !reports(r.tool));
  if (done.length === 0) return undefined;
  const named = new Set(index.match(question).map((m) => m.tool));
  const asked = new Set(index.meanings(tokenize(question)));
  const mentions = (r: PastResult) => Object.keys({ ...r.values, ...r.args }).some((k) => index.meanings(tokenize(k.replace(/([a-z])([A-Z])/g, '$1 $2'))).some((w) => asked.has(w) && w !== meaning('use')));
  return done.find((r) => named.has(r.tool)) ?? done.find(mentions) ?? done[0];
}

/**
 * The explanation of an earlier step from its record, or undefined when the question is
 * not about how a step chose, or nothing has run.
 */
export function explainStep(question: string, earlier: PastResult[], index: ToolIndex, schemaOf: (tool: string) => Record<string, PropertyInfo> = () => ({})): string | undefined {
  if (!asksWhy(question)) return undefined;
  const step = stepAskedAbout(question, earlier, index);
  if (!step) return undefined;
  const asked = new Set(index.meanings(tokenize(question)));
  const given = Object.entries(step.args).filter(([k, v]) => !INPUTS.has(k) && v !== undefined && typeof v !== 'object');
  const relevance = (k: string) => index.meanings(tokenize(k.replace(/([a-z])([A-Z])/g, '$1 $2'))).filter((w) => asked.has(w)).length;
  const chosen = Object.entries(step.values)
    // a sentence the step's own account already says is not repeated
    .filter(([k, v]) => v !== null && v !== undefined && !NOT_A_CHOICE.test(k) && (typeof v !== 'object' || Array.isArray(v)) && (TELLING.test(k) || relevance(k) > 0) && !(typeof v === 'string' && v.length > 40 && step.summary.includes(v)))
    .sort(([a], [b]) => relevance(b) - relevance(a))
    .slice(0, 8);
  const parts: string[] = [];
  parts.push(given.length ? `you (or the plan) set ${given.map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ')}` : 'no arguments were given, so it used its defaults and what it measured on the movie');
  if (chosen.length) parts.push(`it recorded ${chosen.map(([k, v]) => `${k} = ${withUnit(step.tool, k, v)}`).join('; ')}`);
  // what the schema says of the choices it was not given and did not report (the method left at its default)
  const props = schemaOf(step.tool);
  const defaults = Object.entries(props)
    .filter(([k, p]) => !INPUTS.has(k) && step.args[k] === undefined && step.values[k] === undefined && p.default !== undefined && p.description && (k === 'method' || relevance(k) > 0))
    .slice(0, 2);
  for (const [k, p] of defaults) parts.push(`${k} was left at its default ${JSON.stringify(p.default)} (${p.description!.split(/(?<=\.)\s/)[0].replace(/\.$/, '')})`);
  return `I did not re-run anything. From the record of ${step.tool}: ${parts.join('; ')}. Its own account: ${step.summary.replace(/\s+$/, '')} Ask me to run it again with other values if you want to compare.`;
}
