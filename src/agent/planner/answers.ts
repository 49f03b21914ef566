// Answers: questions about results from the values of earlier steps, the final answer
// of a request, and what to say when nothing can be mapped.
import type { Catalogue } from './catalogue.ts';
import type { Conversation, PastResult } from './conversation.ts';
import { findArtifactIds, findChannel, findPaths } from './extract.ts';
import { findQuantities } from './quantities.ts';
import type { Plan } from './types.ts';
import { answerFromTable } from './tableAnswers.ts';
import { findTool } from '../allTools.ts';


interface ValueTopic {
  re: RegExp;
  keys: RegExp;
  unit?: string;
  /** The tool that computes it, when no earlier result has it. */
  tool?: string;
  phrase: string;
}

export const VALUE_TOPICS: ValueTopic[] = [
  { re: /\bdivi\w*|\bmitos[ie]s\b|\bsplit\w*/i, keys: /^(?:divisions|divisionCount|nDivisions|dividedCells|mitoses)$|division/i, tool: 'detect_divisions', phrase: 'divisions' },
  { re: /\bhow many tracks\b|\bnumber of tracks\b|\btracks? (?:were|are|did)\b/i, keys: /^(?:tracks|trackCount|nTracks)$/i, tool: 'track', phrase: 'tracks' },
  { re: /\bdrift\w*|\bmov(?:e|ed) the stage\b|\bshift\w*/i, keys: /drift|shift/i, tool: 'correct_drift', phrase: 'drift' },
  { re: /\bspeed|\bvelocit|\bfast\b/i, keys: /speed|velocity/i, tool: 'measure', phrase: 'speed' },
  { re: /\barea|\bbig\b|\bsize\b|\blarge\b/i, keys: /area|size/i, tool: 'measure', phrase: 'area' },
  { re: /\bintensit|\bbright/i, keys: /intensity|bleach|decay/i, tool: 'measure', phrase: 'intensity' },
  { re: /\bperiod|\boscillat|\bcorrelat/i, keys: /period|lag|correlation|peak/i, tool: 'analyze_timeseries', phrase: 'period' },
  { re: /\baccura|\bscore|\bhow good\b|\bDET\b|\bSEG\b|\bTRA\b|\bf1\b|\bprecision\b|\brecall\b/i, keys: /^(?:DET|SEG|TRA|det|seg|tra|f1|F1|accuracy|precision|recall|jaccard|divisionF1)/, tool: 'evaluate', phrase: 'accuracy' },
  { re: /\btrack lengths?\b|\bhow long (?:are|were) the tracks\b|\bduration\b/i, keys: /length|duration/i, tool: 'track', phrase: 'track length' },
  { re: /\bcells?\b|\bnuclei\b|\bnucleus\b|\bobjects?\b|\bhow many\b/i, keys: /^(?:objects|cells|nuclei|count|objectCount|nObjects|meanObjectsPerFrame|objectsPerFrame|meanCellsPerFrame|cellCount|labels)$|objects|cells/i, tool: 'segment', phrase: 'objects' },
  { re: /\bframes?\b|\btime ?points?\b/i, keys: /^(?:frames|t|nFrames|timepoints)$/i, phrase: 'frames' },
  { re: /\bchannels?\b/i, keys: /^(?:channels|c|nChannels|channelNames)$/i, phrase: 'channels' },
  { re: /\bpixel size\b/i, keys: /pixelSize/i, phrase: 'pixel size' },
];

function formatValue(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
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
  if (typeof v.speedUnit === 'string' && /\//.test(unit)) unit = v.speedUnit;
  else if (typeof v.lengthUnit === 'string' && typeof v.timeUnit === 'string') unit = unit.replace(/px/g, v.lengthUnit).replace(/frames?/g, v.timeUnit);
  const uncalibrated = /px|frame/.test(unit) && !/µm|um|min|\bs\b|\bh\b/.test(unit) && key !== 'frames';
  return ` ${unit}${uncalibrated ? ' (no calibration known)' : ''}`;
}

/** Answers a question from the values of earlier results (latest first), or undefined. */
export function answerFromValues(question: string, conversation: Conversation, results: PastResult[]): string | undefined {
  const topic = VALUE_TOPICS.find((t) => t.re.test(question));
  if (!topic) return undefined;
  for (const result of [...results].reverse()) {
    if (!result.ok) continue;
    const keys = Object.keys(result.values)
      .filter((k) => topic.keys.test(k) && typeof result.values[k] !== 'object')
      .sort((a, b) => Number(/mean/i.test(b)) - Number(/mean/i.test(a)));
    if (keys.length === 0) continue;
    const parts = keys.slice(0, 3).map((k) => `${humanKey(k)} = ${formatValue(result.values[k])}${unitText(result, k)}`);
    // a step of this turn has its card in the chat already: name it, don't repeat its summary
    const source = conversation.current.includes(result) ? result.tool : `${result.tool}: ${result.summary}`;
    return `${capitalize(parts.join(', '))} (from ${source})`;
  }
  return undefined;
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
  const steps = ok.map((r) => `${verbFor(r.tool)}${r.artifacts.length ? ` → ${r.artifacts.map((a) => a.id).join(', ')}` : ''}`);
  return `Done: ${steps.join('; ')}.`;
}

/** The final answer once every planned step has a result. */
export function composeAnswer(plan: Plan, conversation: Conversation): string {
  const answer = mainAnswer(plan, conversation);
  return plan.notes?.length ? `${answer} ${plan.notes.join(' ')}` : answer;
}

function mainAnswer(plan: Plan, conversation: Conversation): string {
  const ran = conversation.current.filter((r) => r.ok);
  const help = conversation.current.find((r) => r.tool === 'help' && r.ok);
  if (help && typeof help.values.answer === 'string' && help.values.answer) {
    const tools = Array.isArray(help.values.tools) ? ` Tools: ${(help.values.tools as string[]).join(', ')}.` : '';
    return `${help.values.title ?? ''}: ${help.values.answer}${tools}`.trim();
  }
  if (plan.question) {
    const all = [...conversation.earlier, ...conversation.current];
    if (/\bwhat (?:did|have) (?:you|we) (?:do|done)\b|\bsummar(?:y|i[sz]e)\b|\bwhat happened\b|\bwhat steps\b/i.test(plan.question)) {
      const done = all.filter((r) => r.ok);
      return done.length ? `So far: ${done.map((r, i) => `${i + 1}. ${r.tool}: ${r.summary}`).join(' ')}` : 'Nothing has run in this session yet.';
    }
    if (/\bwhere (?:is|are)\b|\bwhich files?\b|\bwhat files?\b|\boutputs?\b/i.test(plan.question)) {
      const artifacts = [...conversation.artifactsAtStart, ...conversation.current.flatMap((r) => r.artifacts)];
      return artifacts.length ? `Results: ${artifacts.map((a) => `${a.id} (${a.description ?? a.type})${a.path ? ` at ${a.path}` : ''}`).join('; ')}` : 'There are no results in this session yet.';
    }
    const answer = answerFromTable(plan.question, conversation) ?? answerFromValues(plan.question, conversation, all);
    if (answer) return `${answer}.`;
    if (ran.length === 0) return `I could not find that in the results so far. ${notUnderstood(plan.question, new Map())}`;
    // a question a step answered without a value to quote ("what's in this file?"): its summary is the answer
    return ran.at(-1)!.summary;
  }
  return briefAnswer(ran);
}

export function failureAnswer(failed: PastResult, done: PastResult[]): string {
  const before = done.filter((r) => r.ok).map((r) => `${r.tool} (${r.artifacts.map((a) => a.id).join(', ') || 'done'})`);
  return `${failed.tool} did not work: ${withoutToolPrefix(failed.tool, failed.error ?? failed.summary)}${before.length ? ` Finished before it: ${before.join(', ')}.` : ''} Tell me what to change (e.g. another value for the argument named) and I will run it again.`;
}


const VERBS: Record<string, string> = {
  correct_drift: 'correct drift', align_channels: 'align channels', correct_bleach: 'correct bleaching', denoise: 'denoise',
  super_resolve: 'super-resolve', interpolate_frames: 'interpolate frames', predict_label: 'predict a label channel', project: 'make a projection',
  kymograph: 'draw a kymograph', segment: 'segment', track: 'track', measure: 'measure', detect_divisions: 'detect divisions',
  analyze_timeseries: 'analyse time series', embed: 'embed features (PCA/UMAP)', evaluate: 'evaluate against ground truth', export: 'export results',
  plot: 'plot', movie_info: 'describe the movie', train_n2v: 'train a denoiser', run_pipeline: 'run a pipeline', help: 'give method advice',
};

export function verbFor(tool: string): string {
  return VERBS[tool] ?? tool.replace(/_/g, ' ');
}

const EXAMPLES = [
  ['correct_drift', 'drift shift stage jitter stable align'],
  ['denoise', 'noise noisy clean quality improve image better'],
  ['segment', 'cells nuclei objects find count outline detect'],
  ['track', 'follow move migration trajectories lineage'],
  ['measure', 'size area intensity shape numbers quantify'],
  ['plot', 'graph chart show figure see'],
  ['project', 'projection overview single image summary'],
  ['correct_bleach', 'darker fade signal lost'],
  ['export', 'save file fiji trackmate excel share'],
  ['start_acquisition', 'microscope image acquire record experiment'],
  ['help', 'method choose advice which best'],
];

/** Says what was understood and offers the closest actions. */
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
  const words = new Set(text.toLowerCase().split(/\W+/));
  const ranked = EXAMPLES.map(([tool, keys]) => ({ tool, score: keys.split(' ').filter((k) => words.has(k)).length }))
    .sort((a, b) => b.score - a.score);
  const closest = (ranked[0].score > 0 ? ranked.filter((r) => r.score > 0) : ranked).slice(0, 3)
    .filter((r) => catalogue.size === 0 || catalogue.has(r.tool)).map((r) => verbFor(r.tool));
  const heard = understood.length ? `I understood ${understood.join(', ')}, but not what to do with ${understood.length > 1 ? 'them' : 'it'}.` : `I did not understand "${text.slice(0, 80)}".`;
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
