// The offline planner: a request in a biologist's words → a plan of tool calls with
// symbolic references to earlier results, resolved step by step as results arrive.
// Deterministic and local: no network, no model weights.
import { acceptedInputs, adaptArgs, type Catalogue, type InputType, isTruth, MAKER, PRODUCES, requiredInputs } from './catalogue.ts';
import type { Conversation, KnownArtifact, PastResult } from './conversation.ts';
import {
  findArtifactIds, findChannel, findChannels, findDurationS, findFrames, findIntervalS, findMethod, findName, findOutput,
  findPaths, findProducerWords, micrometres, quantities, quantityWithRole, seconds,
} from './extract.ts';
import { INTENTS } from './lexicon.ts';
import { findQuantities } from './quantities.ts';
import { parseAcquisitionRequest, parseAdjustment, parseRule, routeMicroscopeRequest } from '../../microscope/language.ts';

/** Runs the microscope engineer's parser to check the words first; its one-line message becomes the reply. */
function understoodBy(parse: (text: string) => unknown, text: string): string | undefined {
  try {
    parse(text);
    return undefined;
  } catch (err) {
    return (err as Error).message.split('\n')[0];
  }
}

/** A reference to an artifact, resolved when the step is emitted. */
export interface Ref {
  $ref: InputType;
  /** chain: the latest suitable output (this request's steps first); id: a named artifact; producer: made by one of these tools. */
  mode: 'chain' | 'id' | 'producer';
  id?: string;
  producers?: string[];
}

export interface PlannedStep {
  tool: string;
  args: Record<string, unknown>;
  /** The words this step was made from. */
  clause: string;
}

export interface Plan {
  steps: PlannedStep[];
  /** A question to answer from the results (after the steps, if any). */
  question?: string;
  /** Set when nothing can run: what was understood and what to do. */
  reply?: string;
}

export type Action = { kind: 'call'; tool: string; args: Record<string, unknown> } | { kind: 'answer'; text: string };

interface Mention {
  tool: string;
  start: number;
  end: number;
  priority: number;
}

/** Tool mentions in order, overlapping matches resolved by length then priority. */
export function findMentions(original: string): Mention[] {
  const text = maskNames(original);
  const all: Mention[] = [];
  for (const intent of INTENTS) {
    for (const re of intent.patterns) {
      re.lastIndex = 0;
      for (const m of text.matchAll(re)) {
        all.push({ tool: intent.tool, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, priority: intent.priority ?? 0 });
      }
    }
  }
  all.sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Mention[] = [];
  for (const m of all) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  kept.sort((a, b) => a.start - b.start);
  // one step per tool per clause run: "denoise the noisy movie" is one denoise
  return kept.filter((m, i) => i === 0 || kept[i - 1].tool !== m.tool);
}

/**
 * Blanks out names, quoted strings and file paths (same length, so positions hold):
 * "a pipeline called nuclei-tracking" must not ask for tracking.
 */
export function maskNames(text: string): string {
  const blank = (m: string) => m.replace(/[^\s]/g, '_');
  return text
    .replace(/(["'`])[^"'`]*\1/g, blank)
    .replace(/\b((?:called|named|name it)\s+)([\w-]+)/gi, (_m, lead: string, name: string) => lead + blank(name))
    .replace(/\b((?:run|apply|use|reuse|execute)\s+(?:the\s+|my\s+|our\s+)?(?:saved\s+)?)([\w-]+)(?=\s+(?:pipeline|workflow|recipe)\b)/gi, (_m, lead: string, name: string) => lead + blank(name))
    .replace(/\b((?:pipeline|workflow|recipe)\s+)([a-z0-9][\w-]*)(?=\s+(?:on|to|for)\b|\s*$)/gi, (_m, lead: string, name: string) => (/^(on|to|for|the|it)$/i.test(name) ? lead + name : lead + blank(name)))
    .replace(/(?:~|\.{1,2})?\/?(?:[\w.@+-]+\/)+[\w.@+{}:-]*|[\w@+-]+(?:\.[\w-]+)*\.(?:ome\.tiff?|tiff?|czi|nd2|lif|png|csv|json|xml|ya?ml)\b/gi, (m) => (!/\.\w+$|\/$|^[~./]/.test(m) && (m.match(/\//g)?.length ?? 0) < 2 ? m /* "dF/F0" is not a path */ : /\.(ya?ml)$/i.test(m) ? blank(m.slice(0, m.lastIndexOf('.'))) + m.slice(m.lastIndexOf('.')) : blank(m)))
    // "the denoised one", "the drift-corrected movie": references, not requests
    .replace(/\b((?:the|that|this|those|these|my|our)\s+(?:\w+\s+)?)((?:de-?noised|drift[- ]corrected|bleach[- ]corrected|registered|stabili[sz]ed|projected|segmented|tracked|simulated|super[- ]?resolved|interpolated))\b/gi, (_m, lead: string, word: string) => lead + blank(word));
}

const QUESTION_START = /^(?:so\s+|and\s+|ok(?:ay)?[,\s]+|now\s+)?(?:how|what|which|was|were|did|does|do|is|are|were|when|where|who|can you tell|tell me|give me the number|any idea)\b/i;
const MICROSCOPE_TOOLS = new Set(['microscope_status', 'snap', 'move_stage', 'start_acquisition', 'adjust_acquisition', 'pause_acquisition', 'resume_acquisition', 'stop_acquisition', 'add_rule', 'list_rules', 'remove_rule', 'dose_report']);

export function isQuestion(text: string): boolean {
  return /\?\s*$/.test(text.trim()) || QUESTION_START.test(text.trim());
}

/** Builds the plan for the current request. */
export function planRequest(conversation: Conversation, catalogue: Catalogue): Plan {
  const text = conversation.request.replace(/\s+/g, ' ').trim();
  if (!text) return { steps: [], reply: 'Ask me to do something with a movie, e.g. "correct the drift, then segment and track the nuclei".' };
  let mentions = findMentions(text);

  // a rule for the microscope absorbs the actions it names ("when a cell divides, image every 10 s")
  const rule = mentions.find((m) => m.tool === 'add_rule');
  if (rule) mentions = [{ ...rule, start: 0 }];
  // advice questions go to help alone
  const help = mentions.find((m) => m.tool === 'help');
  if (help) mentions = [{ ...help, start: 0 }];
  // "open"/"load" only counts with a file to open
  mentions = mentions.filter((m, i) => m.tool !== 'load_movie' || findPaths(clauseOf(text, mentions, i)).length > 0);
  // microscope status or dose questions stand alone
  if (mentions.some((m) => m.tool === 'dose_report' || m.tool === 'microscope_status') && mentions.every((m) => MICROSCOPE_TOOLS.has(m.tool))) {
    mentions = mentions.filter((m, i) => i === mentions.findIndex((n) => n.tool === m.tool));
  }
  // "simulate a movie with drift and noise": those words describe the simulation, not steps
  const simulate = mentions.find((m) => m.tool === 'simulate_movie');
  if (simulate) {
    mentions = mentions.filter((m) => {
      if (m.start < simulate.end || !['correct_drift', 'correct_bleach', 'denoise', 'detect_divisions', 'segment'].includes(m.tool)) return true;
      if (m.tool === 'segment' && !/\bwith\b[^,.;]*$/i.test(text.slice(simulate.end, m.start))) return true;
      return /\bthen\b|[.;]|\band (?:then )?(?:also )?(?:correct|remove|fix|denoise|detect|find|clean|segment)\b|,\s*(?:correct|remove|fix|denoise|detect|find|clean)\b/i.test(text.slice(simulate.end, m.start));
    });
  }
  // "normalise and smooth the traces": smoothing a time series is not denoising the movie
  if (mentions.some((m) => m.tool === 'analyze_timeseries')) mentions = mentions.filter((m) => !(m.tool === 'denoise' && /^smooth/i.test(text.slice(m.start))));
  // "start imaging ... every 5 min" is one acquisition, not also an adjustment
  if (mentions.some((m) => m.tool === 'start_acquisition')) mentions = mentions.filter((m) => m.tool !== 'adjust_acquisition');

  const question = isQuestion(text) && !help ? text : undefined;
  const proposal = conversation.earlier.at(-1);
  if (proposal?.tool === 'add_rule' && proposal.values.confirmed === false && AFFIRMATIVE.test(text)) {
    return { steps: [{ tool: 'add_rule', args: adaptArgs({ ruleId: proposal.values.ruleId, confirm: true }, catalogue.get('add_rule')), clause: text }] };
  }
  if (mentions.length === 0 && REPEAT.test(text)) {
    const repeated = repeatPlan(text, conversation, catalogue);
    if (repeated) return repeated;
  }
  // the microscope engineer's router knows the acquisition language best
  // (only when no tool words matched: our own matches are more specific)
  if (!help && mentions.length === 0) {
    const routed = routeMicroscopeRequest(text, { acquisitionRunning: acquisitionRunning(conversation) });
    const words = /\bevery\b|\blaser\b|\bpower\b|\bexposure\b|z-?stack|\bzoom\b|\binterval\b|\bfaster\b|\bslower\b|\bchannel\b|\bacquisition\b|\bmicroscope\b|\bstage\b/i;
    if (routed && words.test(text)) {
      const args = routed.tool === 'start_acquisition' || routed.tool === 'adjust_acquisition' || routed.tool === 'add_rule'
        ? BUILDERS[routed.tool]({ clause: text, text, conversation, catalogue, tool: routed.tool, single: true })
        : routed.args;
      if (typeof args.$ask === 'string') return { steps: [], reply: args.$ask };
      return { steps: [{ tool: routed.tool, args: adaptArgs(args, catalogue.get(routed.tool)), clause: text }] };
    }
  }
  if (mentions.length === 0) {
    if (question) return questionPlan(text, conversation, catalogue);
    return { steps: [], reply: notUnderstood(text, catalogue) };
  }
  // "how much did it drift?", "what was the TRA score?": answer from earlier results when they have it
  if (question && !help && /^(?:so\s+|and\s+|ok(?:ay)?,?\s+)?(?:how many|how much|how far|how long|what|which|was|were|did|do)\b/i.test(text) && mentions.every((m) => !MICROSCOPE_TOOLS.has(m.tool) && m.tool !== 'movie_info')) {
    if (answerFromValues(text, conversation, [...conversation.earlier])) return { steps: [], question: text };
  }

  const steps: PlannedStep[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const clause = clauseOf(text, mentions, i);
    const build = BUILDERS[mentions[i].tool] ?? (() => ({}));
    const args = build({ clause, text, conversation, catalogue, tool: mentions[i].tool, previous: steps.at(-1), single: mentions.length === 1 });
    steps.push({ tool: mentions[i].tool, args, clause });
  }
  const ask = steps.find((s) => typeof s.args.$ask === 'string');
  if (ask) return { steps: [], reply: String(ask.args.$ask) };
  const withInputs = addInputs(steps, conversation, catalogue);
  if ('reply' in withInputs) return { steps: [], reply: withInputs.reply };
  return { steps: withInputs.steps, question };
}

const AFFIRMATIVE = /^(?:yes|yep|yeah|ok|okay|sure|confirm\w*|do it|go ahead|activate it|sounds (?:good|right)|correct|please do|that's right|right)\b/i;
const REPEAT = /\b(?:try (?:it |that )?again|redo|re-?run (?:it|that)|repeat (?:it|that|the last step)|same (?:thing )?(?:again|but)|do (?:it|that) again|once more|again with|again on|again for)\b/i;

/** "try again with a sigma of 3": the last step again, with the new values. */
function repeatPlan(text: string, conversation: Conversation, catalogue: Catalogue): Plan | undefined {
  const last = [...conversation.earlier].reverse().find((r) => r.tool !== 'help');
  if (!last) return undefined;
  const build = BUILDERS[last.tool] ?? (() => ({}));
  const fresh = build({ clause: text, text, conversation, catalogue, tool: last.tool, single: true });
  delete fresh.$needs;
  delete fresh.$ask;
  const args: Record<string, unknown> = { ...last.args };
  for (const [k, v] of Object.entries(fresh)) if (!(k === 'method' && last.tool === 'project' && !/\b(max|mean|sum|min|std|median|average)\b/i.test(text))) args[k] = v;
  const ids = findArtifactIds(text);
  for (const id of ids) {
    const type = id.replace(/-\d+$/, '');
    if (type in args) args[type] = id;
  }
  // only canonical names were rebuilt: map them onto the tool's schema like the previous call
  return { steps: [{ tool: last.tool, args: adaptArgs(args, catalogue.get(last.tool)), clause: text }] };
}

/** True when an acquisition was started in this conversation and not stopped since. */
function acquisitionRunning(conversation: Conversation): boolean {
  const events = [...conversation.earlier].filter((r) => r.ok && (r.tool === 'start_acquisition' || r.tool === 'stop_acquisition'));
  return events.at(-1)?.tool === 'start_acquisition' && events.at(-1)?.values.state !== 'done';
}

function clauseOf(text: string, mentions: Mention[], i: number): string {
  const start = i === 0 ? 0 : mentions[i].start;
  const end = i + 1 < mentions.length ? mentions[i + 1].start : text.length;
  return text.slice(start, end);
}

/** Tools whose table input must be measurements (not a drift table). */
const TABLE_CONSUMERS = new Set(['analyze_timeseries', 'embed', 'plot']);
const MEASUREMENT_TOOLS = new Set(['measure', 'analyze_timeseries', 'embed']);

/** Adds the input references each step needs, inserting the steps that make missing inputs (labels ← segment, tracks ← track). */
function addInputs(steps: PlannedStep[], conversation: Conversation, catalogue: Catalogue): { steps: PlannedStep[] } | { reply: string } {
  const available = new Set<string>(conversation.artifactsAtStart.filter((a) => !isTruth(a)).map((a) => a.type));
  let measured = conversation.artifactsAtStart.some((a) => a.type === 'table' && MEASUREMENT_TOOLS.has(a.producedBy ?? ''));
  const out: PlannedStep[] = [];
  const insert = (step: PlannedStep, depth: number): string | undefined => {
    const info = catalogue.get(step.tool);
    const preferred = step.args.$needs as InputType[] | undefined;
    delete step.args.$needs;
    for (const type of requiredInputs(step.tool, info, preferred)) {
      if (step.args[type] !== undefined) continue;
      const named = referenceFor(type, step.clause, conversation, step.tool);
      if (named) {
        step.args[type] = named;
        continue;
      }
      const missing = type === 'table' && TABLE_CONSUMERS.has(step.tool) ? !measured : !available.has(type);
      if (missing) {
        const maker = MAKER[type];
        if (type === 'movie' || !maker || depth > 3) return missingInput(type, step.tool);
        const error = insert({ tool: maker, args: BUILDERS[maker]?.({ clause: step.clause, text: step.clause, conversation, catalogue, tool: maker }) ?? {}, clause: step.clause }, depth + 1);
        if (error) return error;
      }
      step.args[type] = type === 'table' && TABLE_CONSUMERS.has(step.tool)
        ? ({ $ref: 'table', mode: 'producer', producers: [...MEASUREMENT_TOOLS] } satisfies Ref)
        : ({ $ref: type, mode: 'chain' } satisfies Ref);
    }
    // optional inputs that help (measure's intensity movie, plot's tracks): only when they exist
    for (const type of acceptedInputs(step.tool, info)) {
      if (step.args[type] !== undefined || !available.has(type)) continue;
      if (step.tool === 'measure' && type === 'movie') step.args.movie = { $ref: 'movie', mode: 'producer', producers: ['(input)', 'correct_drift', 'correct_bleach', 'align_channels', 'simulate_movie', 'load_movie'] } satisfies Ref;
      if (step.tool === 'measure' && type === 'tracks') step.args.tracks = { $ref: 'tracks', mode: 'chain' } satisfies Ref;
    }
    out.push(step);
    for (const t of PRODUCES[step.tool] ?? []) available.add(t);
    if (MEASUREMENT_TOOLS.has(step.tool)) measured = true;
    return undefined;
  };
  for (const step of steps) {
    const error = insert(step, 0);
    if (error) return { reply: error };
  }
  return { steps: out };
}

/** An input the clause names: an artifact id, a file path, or a description ("the denoised one"). */
function referenceFor(type: InputType, clause: string, conversation: Conversation, tool: string): Ref | string | undefined {
  const ids = findArtifactIds(clause).filter((id) => id.startsWith(`${type}-`));
  if (ids.length) return { $ref: type, mode: 'id', id: ids[0] };
  if (type === 'movie' && tool !== 'load_movie') {
    const paths = findPaths(clause).filter((p) => /\.(ome\.)?tiff?$/i.test(p));
    const output = findOutput(clause);
    const input = paths.find((p) => p !== output);
    if (input) return input;
  }
  if (type === 'table' || type === 'tracks') {
    const paths = findPaths(clause).filter((p) => (type === 'table' ? /\.csv$/i : /\.(xml|json)$/i).test(p));
    if (paths.length && paths[0] !== findOutput(clause)) return paths[0];
  }
  if (type === 'movie') {
    const producers = findProducerWords(clause);
    if (producers) return { $ref: 'movie', mode: 'producer', producers };
  }
  void conversation;
  return undefined;
}

function missingInput(type: InputType, tool: string): string {
  if (type === 'movie') return `I understood that you want to ${verbFor(tool)}, but no movie is open yet. Name a file (e.g. "open cells.tif" or cellpilot ask --movie cells.tif), or say "simulate a movie with 30 dividing nuclei".`;
  return `I understood that you want to ${verbFor(tool)}, but there are no ${type} in this session yet.`;
}

// ---------------------------------------------------------------- argument builders

interface BuildContext {
  clause: string;
  text: string;
  conversation: Conversation;
  catalogue: Catalogue;
  tool: string;
  previous?: PlannedStep;
  /** The request asks for this step only (so a channel named anywhere applies to it). */
  single?: boolean;
}

type Builder = (ctx: BuildContext) => Record<string, unknown>;

function common(ctx: BuildContext, options: { channel?: boolean; frames?: boolean; output?: boolean } = {}): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  if (options.channel !== false) {
    const channel = findChannel(ctx.clause) ?? (ctx.single && singleChannelMention(ctx.text) ? findChannel(ctx.text) : undefined);
    if (channel !== undefined && channel !== -1) args.channel = channel;
  }
  if (options.frames !== false) {
    const frames = findFrames(ctx.clause);
    if (frames) args.frames = frames;
  }
  if (options.output !== false) {
    const output = findOutput(ctx.clause);
    if (output && !/^(?:ctc|csv|trackmate|xml)$/i.test(output)) args.output = output;
  }
  return args;
}

function singleChannelMention(text: string): boolean {
  const numbered = [...text.matchAll(/\b(?:channel|ch|c)\s*\d+\b/gi)].length;
  return numbered + findChannels(text).length === 1;
}

const movieStep = (extra: (ctx: BuildContext, args: Record<string, unknown>) => void = () => {}): Builder => (ctx) => {
  const args = common(ctx);
  extra(ctx, args);
  return args;
};

const BUILDERS: Record<string, Builder> = {
  load_movie: (ctx) => ({ movie: findPaths(ctx.clause)[0] }),
  movie_info: (ctx) => common(ctx, { channel: false, frames: false, output: false }),
  simulate_movie: (ctx) => {
    const qs = quantities(ctx.clause);
    const args: Record<string, unknown> = {};
    const cells = qs.find((q) => q.kind === 'count' && /^\s*(?:\w+\s+)?(?:dividing\s+|moving\s+|bright\s+|fluorescent\s+)?(?:cells|nuclei|objects)/.test(q.after));
    if (cells) args.cells = cells.value;
    const frames = qs.find((q) => q.kind === 'frames');
    if (frames) args.framesCount = frames.value;
    const size = /\b(\d+)\s*(?:x|×|by)\s*(\d+)\b/i.exec(ctx.clause);
    if (size) [args.width, args.height] = [Number(size[1]), Number(size[2])];
    const square = /\b(\d+)\s*(?:px|pixels?)\s*(?:square|wide|images?|frames?)\b/i.exec(ctx.clause);
    if (!size && square) [args.width, args.height] = [Number(square[1]), Number(square[1])];
    if (/\bno divisions?\b|\bwithout divisions?\b|\bnon-?dividing\b|\bdo not divide\b|\bdon't divide\b/i.test(ctx.clause)) args.divisionRate = 0;
    const drift = quantityWithRole(qs, ['length', 'count'], /drift/);
    if (drift) args.drift = drift.value;
    else if (/\bno drift\b|\bwithout drift\b/i.test(ctx.clause)) args.drift = 0;
    const seed = /\bseed\s*(\d+)/i.exec(ctx.clause);
    if (seed) args.seed = Number(seed[1]);
    const output = findOutput(ctx.clause);
    if (output) args.output = output;
    return args;
  },
  correct_drift: movieStep((ctx, args) => {
    const reference = findMethod('correct_drift', ctx.clause);
    if (reference) args.reference = reference;
  }),
  align_channels: movieStep((ctx, args) => {
    const m = /\b(?:to|against|on)\s+(?:channel\s*(\d+)|(?:the\s+)?(\w+)\s+channel)\b/i.exec(ctx.clause);
    delete args.channel;
    if (m) args.referenceChannel = m[1] ? Number(m[1]) : m[2];
  }),
  correct_bleach: movieStep((ctx, args) => {
    const method = findMethod('correct_bleach', ctx.clause);
    if (method) args.method = method;
  }),
  denoise: movieStep((ctx, args) => {
    const method = findMethod('denoise', ctx.clause);
    if (method) args.method = method;
    const sigma = quantityWithRole(quantities(ctx.clause), ['count', 'length'], /sigma|radius|kernel|size/);
    if (sigma) args.sigmaPx = sigma.value;
  }),
  train_n2v: movieStep((ctx, args) => {
    const epochs = quantities(ctx.clause).find((q) => /^\s*epochs?/.test(q.after));
    if (epochs) args.epochs = epochs.value;
  }),
  super_resolve: movieStep((ctx, args) => {
    if (/\bbicubic\b|\bclassical\b|\bno (?:deep learning|model)\b/i.test(ctx.clause)) args.method = 'bicubic';
    const factor = quantities(ctx.clause).find((q) => q.kind === 'factor' || /factor of\s*$/.test(q.before));
    if (factor) args.factor = factor.value;
  }),
  interpolate_frames: movieStep((ctx, args) => {
    if (/\blinear(?:ly)?\b|\bclassical\b/i.test(ctx.clause)) args.method = 'linear';
    const factor = quantities(ctx.clause).find((q) => q.kind === 'factor' || /factor of\s*$/.test(q.before));
    if (factor) args.factor = factor.value;
    else if (/\bdouble\b/i.test(ctx.clause)) args.factor = 2;
    else if (/\btriple\b/i.test(ctx.clause)) args.factor = 3;
  }),
  predict_label: movieStep((_ctx, _args) => {}),
  project: movieStep((ctx, args) => {
    args.method = findMethod('project', ctx.clause.replace(/\bmin(?:ute)?s?\b(?=\s)/gi, '')) ?? 'max';
    if (/\bover time\b|\btime projection\b/i.test(ctx.clause) && args.method === 'max' && !/\bmax/i.test(ctx.clause) && /colou?r/i.test(ctx.clause)) args.method = 'temporal_color';
    if (/\bover time\b|\btime projection\b|\bcolou?r[- ]coded\b|\balong time\b|\ball frames\b|\btemporal\b|\bthrough time\b/i.test(ctx.clause)) args.axis = 't';
    else if (/\bz\b|\bz-?stack\b|\bslices\b|\bfocal planes\b|\bz-?project/i.test(ctx.clause)) args.axis = 'z';
  }),
  kymograph: movieStep((ctx, args) => {
    delete args.channel;
    const clause = ctx.clause;
    const pairs = [...clause.matchAll(/\(?\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*\)?/g)].map((m) => [Number(m[1]), Number(m[2])]);
    if (pairs.length >= 2) args.points = pairs;
    else args.$ask = 'To draw a kymograph I need the line: give its end points in pixels, e.g. "a kymograph from (10, 50) to (200, 50)".';
    const width = quantityWithRole(quantities(clause), ['length', 'count'], /wide|width|thick/) ?? quantities(clause).find((q) => q.kind === 'length' && /^\s*(?:wide|thick)|^\s*(?:line )?width/.test(q.after));
    if (width) args.lineWidthPx = width.value;
  }),
  segment: movieStep((ctx, args) => {
    const method = findMethod('segment', ctx.clause);
    if (method) args.method = method === 'stardist' || method === 'cellpose' ? 'model' : method;
    const manual = /\bthreshold (?:of |at |=\s*)?(\d+(?:\.\d+)?)\b|\babove (\d+(?:\.\d+)?)\b/i.exec(ctx.clause);
    if (manual) {
      args.method = 'manual';
      args.thresholdValue = Number(manual[1] ?? manual[2]);
    }
    if (/\b(?:don't|do not|no|without) split\w*/i.test(ctx.clause)) args.splitTouching = false;
    if (/\bexclude (?:the )?(?:border|edge)|\bdrop (?:cells|nuclei|objects) (?:on|touching) the (?:border|edge)/i.test(ctx.clause)) args.excludeBorder = true;
    const qs = quantities(ctx.clause);
    const radius = quantityWithRole(qs, ['length', 'count'], /radius|radii/) ;
    const diameter = quantityWithRole(qs, ['length', 'count'], /diameter|across|wide|size/);
    const acrossAfter = qs.find((q) => q.kind === 'length' && /^\s*(?:across|in diameter|diameter|wide)/.test(q.after));
    const d = diameter ?? acrossAfter;
    const radiusAfter = qs.find((q) => q.kind === 'length' && /^\s*radius/.test(q.after));
    const r = radius ?? radiusAfter;
    if (r) micrometres(r) !== undefined ? (args.radiusUm = micrometres(r)) : (args.radiusPx = r.value);
    else if (d) micrometres(d) !== undefined ? (args.diameterUm = micrometres(d)) : (args.diameterPx = d.value);
    const minArea = quantityWithRole(qs, ['count', 'length'], /smaller than|min(?:imum)? (?:area|size)|at least/);
    if (minArea && !r && !d) args.minAreaPx = minArea.value;
    if (args.frames === undefined) {
      const frameOnly = /\b(?:in|on|at|of|for)\s+frame\s*(\d+)\b/i.exec(ctx.clause);
      if (frameOnly) args.frames = { first: Number(frameOnly[1]), last: Number(frameOnly[1]) };
    }
  }),
  track: (ctx) => {
    const args = common(ctx, { channel: false });
    const qs = quantities(ctx.clause);
    const distance = quantityWithRole(qs, ['length', 'count'], /distance|displacement|move|moves|jump|search radius|radius|up to|within|link(?:ing)?/);
    if (distance) micrometres(distance) !== undefined ? (args.maxDistanceUm = micrometres(distance)) : (args.maxDistancePx = distance.value);
    const gap = qs.find((q) => (q.kind === 'frames' || q.kind === 'count') && /gap|miss|skip|disappear/.test(q.before + q.after));
    if (gap) args.maxGapFrames = gap.value;
    if (/\bno (?:gaps?|gap[- ]closing)\b|\bwithout gap/i.test(ctx.clause)) {
      delete args.maxGapFrames;
      args.allowGapClosing = false;
    }
    if (/\bdivi\w*|\bsplit\w*|\blineage|\bmitos[ie]s\b|\bdaughters?\b/i.test(ctx.text)) args.allowDivisions = true;
    if (/\bno (?:divisions|splitting)\b|\bwithout (?:divisions|splitting)\b|\bignore divisions\b/i.test(ctx.clause)) args.allowDivisions = false;
    return args;
  },
  measure: (ctx) => {
    const args = common(ctx, { frames: false });
    if (/\bmsd\b|\bmean[- ]square(?:d)? displacement\b|\bdiffusion\b/i.test(ctx.clause)) args.kind = 'msd';
    else if (/\bspeeds?\b|\bvelocit\w*|\bdisplacement\b|\bper track\b|\btrack (?:features|statistics|lengths?)\b|\bstraightness\b|\bmigration\b/i.test(ctx.clause)) args.kind = 'tracks';
    else if (/\blinks?\b|\bsteps? between frames\b/i.test(ctx.clause)) args.kind = 'links';
    args.$needs = args.kind && args.kind !== 'objects' ? ['tracks'] : ['labels'];
    return args;
  },
  detect_divisions: (ctx) => ({ ...common(ctx, { channel: false, frames: false }), $needs: ['tracks'] }),
  analyze_timeseries: (ctx) => {
    const clause = ctx.clause;
    const args: Record<string, unknown> = {};
    if (/\bgranger\b|\bcaus\w*/i.test(clause)) args.analysis = 'granger';
    else if (/\bcross-?correlat\w*|\blag\b|\bcorrelat\w* between\b/i.test(clause)) args.analysis = 'cross_correlation';
    else if (/\bsummar\w*|\bphenotyp\w*|\bper[- ]cell (?:features|variables)\b|\bcellphe\b/i.test(clause)) args.analysis = 'summary';
    else args.analysis = 'transform';
    if (/\b(?:Δ|delta|d)\s*F\s*\/\s*F0?\b/i.test(clause)) args.normalize = 'df_f0';
    else if (/\bF\s*\/\s*F0\b|\bto the first frames?\b|\bbaseline\b/i.test(clause)) args.normalize = 'f_f0';
    else if (/\bz-?scor\w*|\bstandardi[sz]\w*/i.test(clause)) args.normalize = 'zscore';
    else if (/\bmin-?max\b|\bbetween 0 and 1\b|\b0 to 1\b/i.test(clause)) args.normalize = 'minmax';
    else if (/\bnormali[sz]\w*/i.test(clause)) args.normalize = 'f_f0';
    if (/\bsmooth\w*|\bmoving average\b/i.test(clause)) args.smooth = /savitzky|golay/i.test(clause) ? 'savitzky_golay' : 'moving_average';
    if (/\bdetrend\w*/i.test(clause)) args.detrendDegree = 1;
    const features = [...clause.matchAll(/\b(area|intensit\w*|brightness|speed|circularity|perimeter|eccentricity)\b/gi)].map((m) => featureColumn(m[1], findChannel(clause)));
    if (features[0]) args.value = features[0];
    if (features[1] && args.analysis !== 'transform') args.other = features[1];
    const lag = quantities(clause).find((q) => /lag/.test(q.before + q.after));
    if (lag) args.maxLag = lag.value;
    args.$needs = ['table'];
    return args;
  },
  embed: (ctx) => {
    const args: Record<string, unknown> = {};
    args.method = findMethod('embed', ctx.clause) ?? 'pca';
    const k = quantities(ctx.clause).find((q) => /^\s*(?:clusters|groups|classes|populations)/.test(q.after));
    if (k) args.clusters = k.value;
    if (/\bhierarchical\b/i.test(ctx.clause)) args.cluster = 'hierarchical';
    else if (/\bno clustering\b|\bwithout clustering\b|\bdon't cluster\b/i.test(ctx.clause)) args.cluster = 'none';
    args.$needs = ['table'];
    return args;
  },
  evaluate: (ctx) => {
    const args: Record<string, unknown> = {};
    const truth = /\b(?:truth|ground[- ]truth|annotations?|reference)\s+(?:in|at|from|is in|folder)?\s*["'`]?([\w./~-]+\/?)["'`]?/i.exec(ctx.clause)
      ?? /\b(?:against|to|with)\s+["'`]?((?:[\w.~-]+\/)+[\w.~-]*|[\w~-]+_GT|[\w~-]*truth[\w~-]*)["'`]?/i.exec(ctx.clause);
    if (truth && !/^(the|my|our|it)$/i.test(truth[1])) args.truth = truth[1];
    const labelsWanted = /\bsegmentation\b|\bmasks?\b|\blabels?\b/i.test(ctx.clause) && !/\btrack/i.test(ctx.clause);
    const hasTracks = ctx.conversation.artifactsAtStart.some((a) => a.type === 'tracks') || ctx.previous?.tool === 'track';
    const ids = findArtifactIds(ctx.clause).filter((id) => /^(tracks|labels)-/.test(id));
    args.result = ids.length ? ids[0] : { $ref: labelsWanted || !hasTracks ? 'labels' : 'tracks', mode: 'chain' } satisfies Ref;
    // after "simulate ...", the simulator's truth folder is the natural ground truth
    const simulated = [...ctx.conversation.artifactsAtStart, ...ctx.conversation.current.flatMap((r) => r.artifacts)].reverse()
      .find((a) => a.producedBy === 'simulate_movie' && a.type === 'labels' && a.path);
    if (args.truth === undefined && simulated?.path) args.truth = simulated.path.replace(/[\\/]SEG[\\/]?$/, '');
    return args;
  },
  export: (ctx) => {
    const args: Record<string, unknown> = {};
    args.format = findMethod('export', ctx.clause) ?? (/\btiff?\b|\bimages?\b|\bmovie\b|\bhyperstack\b|\bfiji\b/i.test(ctx.clause) ? 'tiff' : 'csv');
    if (/\bmasks?\b|\blabels?\b|\bsegmentation\b/i.test(ctx.clause) && !/\btracks?\b/i.test(ctx.clause)) args.$needs = ['labels'];
    else if (/\btable\b|\bmeasurements?\b|\bfeatures\b/i.test(ctx.clause) && args.format === 'csv') args.$needs = ['table'];
    else if (args.format === 'tiff') args.$needs = ['movie'];
    else args.$needs = ['tracks'];
    const output = findOutput(ctx.clause);
    if (output && !/^(?:ctc|csv|trackmate|xml)$/i.test(output)) args.output = output;
    return args;
  },
  plot: (ctx) => {
    const args: Record<string, unknown> = {};
    const kind = findMethod('plot', ctx.clause);
    if (kind) args.kind = kind;
    const feature = findFeature(ctx.clause);
    if (feature && feature !== 'count') args.feature = featureColumn(feature, findChannel(ctx.clause));
    const vs = /\b(\w+)\s+(?:versus|vs\.?|against)\s+(\w+)/i.exec(ctx.clause);
    if (vs && normalizeFeature(vs[1]) && normalizeFeature(vs[2])) {
      args.kind = 'scatter';
      args.feature = featureColumn(normalizeFeature(vs[1])!, undefined);
      args.xFeature = featureColumn(normalizeFeature(vs[2])!, undefined);
    }
    const frame = /\bframe\s*(\d+)\b/i.exec(ctx.clause);
    if (frame && (kind === 'frame' || kind === undefined)) {
      args.kind = 'frame';
      args.frame = Number(frame[1]);
    }
    const output = findOutput(ctx.clause);
    if (output) args.output = output;
    const needs: Record<string, InputType[]> = { tracks: ['tracks'], projection: ['movie', 'tracks'], frame: ['movie', 'labels'], kymograph: ['movie'] };
    args.$needs = needs[String(args.kind)] ?? ['table'];
    return args;
  },
  save_pipeline: (ctx) => {
    const name = findName(ctx.clause) ?? findName(ctx.text);
    return { name: name ?? 'my-pipeline' };
  },
  run_pipeline: (ctx) => {
    const name = /\b(?:run|apply|use|reuse|execute)\s+(?:the\s+|my\s+|our\s+)?(?:saved\s+)?(?:pipeline|workflow|recipe)?\s*["'`]?([a-z0-9][\w-]*)["'`]?(?=\s+(?:pipeline|workflow|on|to|for)|\s*$)/i.exec(ctx.clause)
      ?? /\b(?:pipeline|workflow|recipe)\s+(?:called\s+|named\s+)?["'`]?([a-z0-9][\w-]*)["'`]?/i.exec(ctx.clause);
    const args: Record<string, unknown> = {};
    const pipelines = findPaths(ctx.clause).filter((p) => /\.ya?ml$/i.test(p));
    if (pipelines.length) args.pipeline = pipelines[0];
    else if (name && !/^(on|to|the|it|this|that|pipeline|workflow)$/i.test(name[1])) args.pipeline = name[1].toLowerCase();
    else {
      const saved = [...ctx.conversation.artifactsAtStart].reverse().find((a) => a.type === 'pipeline');
      if (saved) args.pipeline = saved.id;
    }
    const movie = findPaths(ctx.clause).find((p) => /\.(ome\.)?tiff?$/i.test(p));
    if (movie) args.movie = movie;
    return args;
  },
  help: (ctx) => ({ question: ctx.text }),
  list_models: () => ({}),
  // the microscope: structured values where the words say them, and the words themselves
  microscope_status: () => ({}),
  dose_report: () => ({}),
  list_rules: () => ({}),
  pause_acquisition: () => ({}),
  resume_acquisition: () => ({}),
  stop_acquisition: (ctx) => (/\bafter (?:this|the current)|\bat the end of\b|\bfinish\w*\b|\bonce (?:this|the current)/i.test(ctx.clause) ? { finishTimepoint: true } : {}),
  remove_rule: (ctx) => {
    const id = /\brule[- ]?#?(\d+)\b/i.exec(ctx.clause);
    if (id) return { ruleId: `rule-${id[1]}` };
    const known = [...ctx.conversation.earlier].reverse().find((r) => typeof r.values.ruleId === 'string');
    return known ? { ruleId: known.values.ruleId } : { $ask: 'Which rule? Say its id, e.g. "remove rule-1" (list them with "show the rules").' };
  },
  snap: (ctx) => {
    const args: Record<string, unknown> = {};
    const channel = findChannels(ctx.clause)[0];
    if (channel) args.channel = channel;
    const exposure = quantities(ctx.clause).find((q) => q.unit === 'ms');
    if (exposure) args.exposureMs = exposure.value;
    return args;
  },
  move_stage: (ctx) => {
    const args: Record<string, unknown> = {};
    const x = /\bx\s*=?\s*(-?\d+(?:\.\d+)?)/i.exec(ctx.clause);
    const y = /\by\s*=?\s*(-?\d+(?:\.\d+)?)/i.exec(ctx.clause);
    const pair = /\(?\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\)?/.exec(ctx.clause);
    if (x) args.xUm = Number(x[1]);
    if (y) args.yUm = Number(y[1]);
    if (!x && !y && pair) [args.xUm, args.yUm] = [Number(pair[1]), Number(pair[2])];
    const by = /\bby\s+(-?\d+(?:\.\d+)?)\s*(?:µm|um|microns?)?\s*(left|right|up|down)?/i.exec(ctx.clause);
    if (by && !x && !y && !pair) {
      const d = Number(by[1]);
      const dir = (by[2] ?? 'right').toLowerCase();
      if (dir === 'left' || dir === 'right') args.xUm = dir === 'left' ? -d : d;
      else args.yUm = dir === 'up' ? -d : d;
    }
    if (by || /\brelative\b/i.test(ctx.clause)) args.relative = true;
    return args;
  },
  start_acquisition: (ctx) => {
    const request = ctx.clause.trim();
    const problem = understoodBy(parseAcquisitionRequest, request);
    return problem ? { $ask: capitalize(problem) + '.' } : { request };
  },
  adjust_acquisition: (ctx) => {
    const command = ctx.clause.trim();
    const problem = understoodBy(parseAdjustment, command);
    return problem ? { $ask: capitalize(problem) + '.' } : { command };
  },
  add_rule: (ctx) => {
    const problem = understoodBy(parseRule, ctx.text);
    return problem ? { $ask: capitalize(problem) + '.' } : { rule: ctx.text };
  },
};

function zStack(clause: string): Record<string, unknown> {
  if (!/\bz[- ]?(?:stack|planes|slices)\b|\bsteps?\b/i.test(clause)) return {};
  const qs = findQuantities(clause).filter((q) => q.kind === 'length');
  const out: Record<string, unknown> = {};
  const step = qs.find((q) => /steps?|spacing|apart/.test(q.after + q.before.slice(-12)));
  const range = qs.find((q) => q !== step);
  if (range) out.zRangeUm = micrometres(range) ?? range.value;
  if (step) out.zStepUm = micrometres(step) ?? step.value;
  return out;
}

const FEATURES: { value: string; re: RegExp }[] = [
  { value: 'area', re: /\bareas?\b|\bsizes?\b/i },
  { value: 'mean_intensity', re: /\bintensit\w*|\bbrightness\b|\bsignal\b|\bfluorescence\b/i },
  { value: 'speed', re: /\bspeeds?\b|\bvelocit\w*|\bhow fast\b/i },
  { value: 'circularity', re: /\bcircularity\b|\broundness\b|\bshape\b/i },
  { value: 'displacement', re: /\bdisplacement\b|\bdistance travel\w*/i },
  { value: 'perimeter', re: /\bperimeter\b/i },
  { value: 'eccentricity', re: /\beccentricity\b|\belongation\b/i },
  { value: 'track_length', re: /\btrack lengths?\b|\btrack durations?\b/i },
  { value: 'count', re: /\bcell counts?\b|\bnumber of (?:cells|nuclei)\b|\bcounts?\b/i },
];

/** A measure table column for a feature word: "area" → area_px, "intensity" → mean_intensity_c1 (channel 1 unless named). */
function featureColumn(word: string, channel: number | string | undefined): string {
  const feature = normalizeFeature(word) ?? word.toLowerCase();
  if (feature === 'mean_intensity') return `mean_intensity_c${typeof channel === 'number' && channel > 0 ? channel : 1}`;
  if (feature === 'area') return 'area_px';
  if (feature === 'perimeter') return 'perimeter_px';
  return feature;
}

function findFeature(text: string): string | undefined {
  return FEATURES.find((f) => f.re.test(text))?.value;
}

function normalizeFeature(word: string): string | undefined {
  return FEATURES.find((f) => f.re.test(word))?.value;
}

// ---------------------------------------------------------------- questions and answers

interface ValueTopic {
  re: RegExp;
  keys: RegExp;
  unit?: string;
  /** The tool that computes it, when no earlier result has it. */
  tool?: string;
  phrase: string;
}

const VALUE_TOPICS: ValueTopic[] = [
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
    const parts = keys.slice(0, 3).map((k) => `${humanKey(k)} = ${formatValue(result.values[k])}`);
    return `${capitalize(parts.join(', '))} (from ${result.tool}: ${result.summary})`;
  }
  void conversation;
  return undefined;
}

function questionPlan(text: string, conversation: Conversation, catalogue: Catalogue): Plan {
  if (/\bwhat (?:did|have) (?:you|we) (?:do|done)\b|\bsummar(?:y|i[sz]e)\b|\bwhat happened\b|\bwhat steps\b/i.test(text)) return { steps: [], question: text };
  if (/\bwhere (?:is|are)\b|\bwhich files?\b|\bwhat files?\b|\boutputs?\b/i.test(text)) return { steps: [], question: text };
  const all = [...conversation.earlier];
  if (answerFromValues(text, conversation, all)) return { steps: [], question: text };
  const topic = VALUE_TOPICS.find((t) => t.re.test(text));
  if (topic?.tool) {
    const step: PlannedStep = { tool: topic.tool, args: BUILDERS[topic.tool]?.({ clause: text, text, conversation, catalogue, tool: topic.tool }) ?? {}, clause: text };
    const withInputs = addInputs([step], conversation, catalogue);
    if ('reply' in withInputs) return { steps: [], reply: withInputs.reply };
    return { steps: withInputs.steps, question: text };
  }
  return { steps: [], reply: notUnderstood(text, catalogue) };
}

/** The final answer once every planned step has a result. */
export function composeAnswer(plan: Plan, conversation: Conversation): string {
  const lines: string[] = [];
  for (const r of conversation.current) {
    if (r.ok) lines.push(`${r.summary}${r.artifacts.length ? ` [${r.artifacts.map((a) => a.id).join(', ')}]` : ''}`);
  }
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
    const answer = answerFromValues(plan.question, conversation, all);
    if (answer) return conversation.current.length ? `${answer}.` : `${answer}.`;
    if (lines.length === 0) return `I could not find that in the results so far. ${notUnderstood(plan.question, new Map())}`;
  }
  return lines.join('\n') || 'Done.';
}

/** What the planner does with the conversation so far: the next tool call, or the answer. */
export function nextAction(conversation: Conversation, catalogue: Catalogue): Action {
  const plan = planRequest(conversation, catalogue);
  if (plan.reply) return { kind: 'answer', text: plan.reply };
  const done = conversation.current;
  const failed = done.find((r) => !r.ok);
  if (failed) return { kind: 'answer', text: failureAnswer(failed, done) };
  const k = done.length;
  if (k < plan.steps.length) {
    const step = plan.steps[k];
    const resolved = resolveRefs(step.args, conversation, step.tool);
    if (typeof resolved === 'string') return { kind: 'answer', text: resolved };
    return { kind: 'call', tool: step.tool, args: adaptArgs(resolved, catalogue.get(step.tool)) };
  }
  return { kind: 'answer', text: composeAnswer(plan, conversation) };
}

function failureAnswer(failed: PastResult, done: PastResult[]): string {
  const before = done.filter((r) => r.ok).map((r) => `${r.tool} (${r.artifacts.map((a) => a.id).join(', ') || 'done'})`);
  return `${failed.tool} did not work: ${failed.error ?? failed.summary}${before.length ? ` Finished before it: ${before.join(', ')}.` : ''} Tell me what to change (e.g. another value for the argument named) and I will run it again.`;
}

const DERIVED_VIEWS = new Set(['project', 'kymograph']);

/** Replaces Ref objects by artifact ids; a string is an explanation when something cannot be found. */
function resolveRefs(args: Record<string, unknown>, conversation: Conversation, tool: string): Record<string, unknown> | string {
  const out: Record<string, unknown> = {};
  const currentArtifacts = conversation.current.flatMap((r) => r.artifacts);
  const all: KnownArtifact[] = [...conversation.artifactsAtStart, ...currentArtifacts];
  for (const [key, value] of Object.entries(args)) {
    if (!value || typeof value !== 'object' || !('$ref' in value)) {
      out[key] = value;
      continue;
    }
    const ref = value as Ref;
    let found: KnownArtifact | undefined;
    if (ref.mode === 'id') {
      found = all.find((a) => a.id === ref.id);
      if (!found) return `There is no ${ref.id} in this session (known: ${all.map((a) => a.id).join(', ') || 'none'}).`;
    } else if (ref.mode === 'producer') {
      const wanted = new Set(ref.producers);
      found = [...all].reverse().find((a) => a.type === ref.$ref && (wanted.has(a.producedBy ?? '') || (wanted.has('(input)') && (!a.producedBy || a.producedBy === 'user'))));
      if (!found && key === 'movie' && tool !== 'measure') {
        const what = ref.producers?.[0] === '(input)' ? 'original' : `${ref.producers?.[0]}`;
        return `I could not find the ${what} movie in this session (movies: ${all.filter((a) => a.type === 'movie').map((a) => `${a.id} ${a.description ?? ''}`).join('; ') || 'none'}).`;
      }
      found ??= [...all].reverse().find((a) => a.type === ref.$ref);
    } else {
      // chain: this request's newest suitable output, then the session's
      const results = (list: KnownArtifact[]) => [...list].reverse().filter((a) => a.type === ref.$ref && !isTruth(a));
      found = results(currentArtifacts)[0]
        ?? results(conversation.artifactsAtStart).find((a) => !(ref.$ref === 'movie' && DERIVED_VIEWS.has(a.producedBy ?? '')))
        ?? results(all)[0];
    }
    if (!found) {
      if (key === ref.$ref && ['tracks', 'labels', 'table'].includes(key) && tool !== 'measure') return `There are no ${ref.$ref} in this session yet for ${tool}.`;
      continue;
    }
    out[key] = found.id;
  }
  return out;
}

// ---------------------------------------------------------------- when nothing matches

const VERBS: Record<string, string> = {
  correct_drift: 'correct drift', align_channels: 'align channels', correct_bleach: 'correct bleaching', denoise: 'denoise',
  super_resolve: 'super-resolve', interpolate_frames: 'interpolate frames', predict_label: 'predict a label channel', project: 'make a projection',
  kymograph: 'draw a kymograph', segment: 'segment', track: 'track', measure: 'measure', detect_divisions: 'detect divisions',
  analyze_timeseries: 'analyse time series', embed: 'embed features (PCA/UMAP)', evaluate: 'evaluate against ground truth', export: 'export results',
  plot: 'plot', movie_info: 'describe the movie', train_n2v: 'train a denoiser', run_pipeline: 'run a pipeline', help: 'give method advice',
};

function verbFor(tool: string): string {
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

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export { seconds };
