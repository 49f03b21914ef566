// Argument builders: one per tool, turning the words of a step's clause into the tool's
// canonical arguments (adaptArgs maps them onto the real schema afterwards).
import type { Catalogue, InputType } from './catalogue.ts';
import type { Conversation } from './conversation.ts';
import {
  findArtifactIds, findChannel, findChannels, findFrames, findName, findOutput,
  findPaths, micrometres, quantities, quantityWithRole,
} from './extract.ts';
import type { PlannedStep, Ref } from './types.ts';
import { microscopeLanguage } from './microscopeLanguage.ts';
import { findEnumValue } from './enums.ts';
import { splitClauses } from './clauses.ts';

/** The value of an enum argument of the step's tool that the words name. */
function named(ctx: BuildContext, arg: string, text = ctx.clause): string | undefined {
  return findEnumValue(ctx.tool, arg, text, ctx.catalogue);
}

/** The typed arguments the acquisition language reads for a microscope tool, or its question ($ask). */
function microscopeArgs(ctx: BuildContext, tool: string): Record<string, unknown> {
  const running = ctx.conversation.earlier.some((r) => r.tool === 'start_acquisition');
  const routed = microscopeLanguage().routeMicroscopeRequest(tool === 'add_rule' ? ctx.text : ctx.clause, { acquisitionRunning: running || tool === 'adjust_acquisition' });
  if (!routed) return { $ask: `I could not read "${ctx.clause.trim()}" as a microscope command.` };
  if (routed.tool === undefined) return { $ask: routed.ask };
  if (routed.tool !== tool) return { $ask: `I read "${ctx.clause.trim()}" as ${routed.tool.replace(/_/g, ' ')}, not ${tool.replace(/_/g, ' ')}: say it on its own.` };
  return routed.args;
}


export interface BuildContext {
  clause: string;
  text: string;
  conversation: Conversation;
  catalogue: Catalogue;
  tool: string;
  previous?: PlannedStep;
  /** The request asks for this step only (so a channel named anywhere applies to it). */
  single?: boolean;
}

export type Builder = (ctx: BuildContext) => Record<string, unknown>;

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

/**
 * "a 128 pixel movie", "128 px, 20 frames": a bare pixel count is the image side, unless
 * it measures something else (drift, radius, speed...).
 */
function imageSidePx(clause: string): number | undefined {
  for (const m of clause.matchAll(/\b(\d+)\s*-?\s*(?:px|pixels?)\b/gi)) {
    const before = clause.slice(Math.max(0, (m.index ?? 0) - 25), m.index);
    const after = clause.slice((m.index ?? 0) + m[0].length);
    if (/\b(?:drift\w*|radius|radii|diameter|sigma|speed|moves?|moving|step|by|of up to|nucle\w*|cells?)\s+(?:\w+\s+)?$/i.test(before)) continue;
    if (/^\s*(?:of\s+)?(?:drift|per|\/|radius|diameter|nucle|cells?|apart|wide nucle|sigma|steps?)/i.test(after)) continue;
    return Number(m[1]);
  }
  return undefined;
}

/** The session movie's lateral pixel size in µm, from its file header (the latest movie that has one). */
export function sessionPixelSizeUm(conversation: Conversation): number | undefined {
  const movies = conversation.artifactsAtStart.filter((a) => a.type === 'movie' && typeof a.pixelSizeUm === 'number' && a.pixelSizeUm > 0);
  return movies.at(-1)?.pixelSizeUm ?? undefined;
}

const formatNumber = (n: number) => String(Math.round(n * 100) / 100);

/**
 * A distance said in µm for a tool that takes pixels: converted with the movie's pixel size,
 * or used as pixels with a note for the answer when the movie does not say its pixel size.
 */
function pixelsFromMicrometres(valueUm: number, what: string, conversation: Conversation): { maxLinkingDistancePx: number; $note: string } {
  const pixelSizeUm = sessionPixelSizeUm(conversation);
  if (pixelSizeUm === undefined) {
    return { maxLinkingDistancePx: valueUm, $note: `The movie does not record its pixel size, so the ${what} of ${formatNumber(valueUm)} µm was used as ${formatNumber(valueUm)} px; set the pixel size (e.g. in Fiji: Image > Properties) and run it again for a true µm distance.` };
  }
  const px = Math.round((valueUm / pixelSizeUm) * 100) / 100;
  return { maxLinkingDistancePx: px, $note: `The ${what} of ${formatNumber(valueUm)} µm is ${formatNumber(px)} px at ${formatNumber(pixelSizeUm)} µm/px.` };
}

/**
 * An object size said in µm, as the radius in pixels the segmenter takes: converted with the
 * movie's pixel size, or named as not applied when the movie does not say its pixel size.
 */
function objectRadiusFromMicrometres(radiusUm: number, conversation: Conversation): Record<string, unknown> {
  const pixelSizeUm = sessionPixelSizeUm(conversation);
  if (pixelSizeUm === undefined) {
    return { $note: `The movie does not record its pixel size, so the object size of ${formatNumber(radiusUm * 2)} µm across was not applied (the size was measured on the movie instead); set the pixel size (e.g. "the pixel size is 0.65 µm") and run it again.` };
  }
  const radiusPx = Math.round((radiusUm / pixelSizeUm) * 100) / 100;
  return { objectRadiusPx: radiusPx, $note: `The object size of ${formatNumber(radiusUm * 2)} µm across is a radius of ${formatNumber(radiusPx)} px at ${formatNumber(pixelSizeUm)} µm/px.` };
}

/** "z drift", "axial drift", "focus drift", "3D drift", "drift in x, y and z". */
const Z_DRIFT = /\bz[- ]?(?:drift|shift|motion|movement)\w*|\bdrift\w* (?:in|along|on) (?:the )?z\b|\b(?:x,? ?y,? (?:and )?z|xyz)\b|\baxial\w*|\b(?:focus|focal|focal[- ]plane)[- ](?:drift|shift)\w*|\bdrift\w* (?:out of|of the|in) focus\b|\bfocus (?:is )?drift\w*|\b3-?d (?:drift|registration|correction)\b|\bdrift\w* in 3-?d\b|\bin 3-?d\b/i;

export const BUILDERS: Record<string, Builder> = {
  load_movie: (ctx) => ({ movie: findPaths(ctx.clause)[0] }),
  movie_info: (ctx) => common(ctx, { channel: false, frames: false, output: false }),
  simulate_movie: (ctx) => {
    const qs = quantities(ctx.clause);
    const args: Record<string, unknown> = {};
    const cells = qs.find((q) => q.kind === 'count' && /^\s*(?:\w+\s+)?(?:dividing\s+|moving\s+|bright\s+|fluorescent\s+)?(?:cells|nuclei|objects)/.test(q.after));
    if (cells) args.cells = cells.value;
    const frames = qs.find((q) => q.kind === 'frames');
    if (frames) args.frames = frames.value;
    const size = /\b(\d+)\s*(?:x|×|by)\s*(\d+)\b/i.exec(ctx.clause);
    if (size) [args.width, args.height] = [Number(size[1]), Number(size[2])];
    const square = /\b(\d+)\s*(?:px|pixels?)\s*(?:square|wide|images?|frames?)\b/i.exec(ctx.clause);
    const sidePx = size || square ? undefined : imageSidePx(ctx.clause);
    if (!size && square) [args.width, args.height] = [Number(square[1]), Number(square[1])];
    if (sidePx !== undefined) [args.width, args.height] = [sidePx, sidePx];
    if (/\bno divisions?\b|\bwithout divisions?\b|\bnon-?dividing\b|\bdo not divide\b|\bdon't divide\b/i.test(ctx.clause)) args.divisionRate = 0;
    const drift = quantityWithRole(qs, ['length', 'count'], /drift/);
    if (drift) args.driftPx = drift.value;
    else if (/\bno drift\b|\bwithout drift\b/i.test(ctx.clause)) args.driftPx = 0;
    const seed = /\bseed\s*(\d+)/i.exec(ctx.clause);
    if (seed) args.seed = Number(seed[1]);
    const output = findOutput(ctx.clause);
    if (output) args.output = output;
    return args;
  },
  correct_drift: movieStep((ctx, args) => {
    const reference = named(ctx, 'reference');
    if (reference) args.reference = reference;
    // axial drift is asked for by name; the tool says in one line when the movie has no z-stack
    if (Z_DRIFT.test(ctx.clause)) args.correctZ = true;
  }),
  align_channels: movieStep((ctx, args) => {
    const m = /\b(?:to|onto|against|on|with)\s+(?:channel\s*(\d+)|(?:the\s+)?(\w+)\s+channel)\b/i.exec(ctx.clause);
    delete args.channel;
    if (m) args.referenceChannel = m[1] ? Number(m[1]) : m[2];
  }),
  correct_bleach: movieStep((ctx, args) => {
    const method = named(ctx, 'method');
    if (method) args.method = method;
  }),
  denoise: movieStep((ctx, args) => {
    const method = named(ctx, 'method');
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
    args.method = named(ctx, 'method', ctx.clause.replace(/\d+\s*min(?:ute)?s?\b/gi, '')) ?? 'max';
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
    if (width) args.widthPx = width.value;
  }),
  segment: movieStep((ctx, args) => {
    const method = named(ctx, 'method');
    if (method) args.method = method;
    const manual = /\bthreshold (?:of |at |=\s*)?(\d+(?:\.\d+)?)\b|\babove (\d+(?:\.\d+)?)\b/i.exec(ctx.clause);
    if (manual) {
      args.method = 'manual';
      args.threshold = Number(manual[1] ?? manual[2]);
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
    if (r) micrometres(r) !== undefined ? Object.assign(args, objectRadiusFromMicrometres(micrometres(r)!, ctx.conversation)) : (args.objectRadiusPx = r.value);
    else if (d) micrometres(d) !== undefined ? Object.assign(args, objectRadiusFromMicrometres(micrometres(d)! / 2, ctx.conversation)) : (args.objectRadiusPx = d.value / 2);
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
    const distanceUm = distance ? micrometres(distance) : undefined;
    if (distance && distanceUm === undefined) args.maxLinkingDistancePx = distance.value;
    if (distanceUm !== undefined) Object.assign(args, pixelsFromMicrometres(distanceUm, 'maximum linking distance', ctx.conversation));
    const gap = qs.find((q) => (q.kind === 'frames' || q.kind === 'count') && /gap|miss|skip|disappear/.test(q.before + q.after));
    if (gap) args.maxFrameGap = gap.value;
    if (/\bno (?:gaps?|gap[- ]closing)\b|\bwithout gap/i.test(ctx.clause)) {
      delete args.maxFrameGap;
      args.allowGapClosing = false;
    }
    const divisionWords = /\bdivi\w*|\bsplit\w*|\blineage|\bmitos[ie]s\b|\bdaughters?\b/i;
    if (divisionWords.test(ctx.text)) args.allowSplitting = true;
    // "don't bother with divisions", "without lineages": the words are in a clause that says not to
    if (splitClauses(ctx.text).some((c) => c.negated && divisionWords.test(c.text))) args.allowSplitting = false;
    if (/\bno (?:divisions|splitting)\b|\bwithout (?:divisions|splitting)\b|\bignore divisions\b|\b(?:don'?t|do not|never|not)\s+(?:allow|want|look for|detect|consider|expect)\s+(?:any\s+)?(?:cell\s+)?(?:divisions|splitting|splits|mitoses)\b/i.test(ctx.text)) args.allowSplitting = false;
    return args;
  },
  measure: (ctx) => {
    const args = common(ctx, { frames: false });
    const kind = named(ctx, 'kind');
    if (kind) args.kind = kind;
    else if (/\bmsd\b|\bmean[- ]square(?:d)? displacement\b|\bdiffusion\b/i.test(ctx.clause)) args.kind = 'msd';
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
    args.method = named(ctx, 'method') ?? 'pca';
    const k = quantities(ctx.clause).find((q) => /^\s*(?:clusters|groups|classes|populations)/.test(q.after));
    if (k) args.k = k.value;
    if (/\bhierarchical\b/i.test(ctx.clause)) args.cluster = 'hierarchical';
    else if (/\bno clustering\b|\bwithout clustering\b|\bdon't cluster\b/i.test(ctx.clause)) args.cluster = 'none';
    args.$needs = ['table'];
    return args;
  },
  evaluate: (ctx) => {
    const args: Record<string, unknown> = {};
    const truth = /\b(?:truth|ground[- ]truth|annotations?|reference)\s+(?:in|at|from|is in|folder)?\s*["'`]?([\w./~-]+\/?)["'`]?/i.exec(ctx.clause)
      ?? /\b(?:against|to|with)\s+["'`]?((?:[\w.~-]+\/)+[\w.~-]*|[\w~-]+_GT|[\w~-]*truth[\w~-]*)["'`]?/i.exec(ctx.clause);
    if (truth && !/^(the|my|our|it)$/i.test(truth[1])) args.groundTruth = truth[1];
    const labelsWanted = /\bsegmentation\b|\bmasks?\b|\blabels?\b/i.test(ctx.clause) && !/\btrack/i.test(ctx.clause);
    const hasTracks = ctx.conversation.artifactsAtStart.some((a) => a.type === 'tracks') || ctx.previous?.tool === 'track';
    const ids = findArtifactIds(ctx.clause).filter((id) => /^(tracks|labels)-/.test(id));
    args.result = ids.length ? ids[0] : { $ref: labelsWanted || !hasTracks ? 'labels' : 'tracks', mode: 'chain' } satisfies Ref;
    // after "simulate ...", the simulator's truth folder is the natural ground truth
    const simulated = [...ctx.conversation.artifactsAtStart, ...ctx.conversation.current.flatMap((r) => r.artifacts)].reverse()
      .find((a) => a.producedBy === 'simulate_movie' && a.type === 'labels' && a.path);
    if (args.groundTruth === undefined && simulated?.path) args.groundTruth = simulated.path.replace(/[\\/]SEG[\\/]?$/, '');
    return args;
  },
  export: (ctx) => {
    const args: Record<string, unknown> = {};
    args.format = named(ctx, 'format') ?? (/\btiff?\b|\bimages?\b|\bmovie\b|\bhyperstack\b|\bfiji\b/i.test(ctx.clause) ? 'tiff' : 'csv');
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
    const kind = named(ctx, 'kind');
    if (kind) args.kind = kind;
    const feature = findFeature(ctx.clause);
    if (feature && feature !== 'count') args.feature = featureColumn(feature, findChannel(ctx.clause));
    const vs = /\b(\w+)\s+(?:versus|vs\.?|against)\s+(\w+)/i.exec(ctx.clause);
    if (vs && normalizeFeature(vs[1]) && normalizeFeature(vs[2])) {
      args.kind = 'scatter';
      args.feature = featureColumn(normalizeFeature(vs[1])!, undefined);
      args.xFeature = featureColumn(normalizeFeature(vs[2])!, undefined);
    }
    const frame = /\b(?:frame|time ?point|t\s*=)\s*(\d+)\b/i.exec(ctx.clause);
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
  // the microscope: the acquisition language gives the typed arguments, or a question to ask back
  start_acquisition: (ctx) => microscopeArgs(ctx, 'start_acquisition'),
  adjust_acquisition: (ctx) => microscopeArgs(ctx, 'adjust_acquisition'),
  add_rule: (ctx) => microscopeArgs(ctx, 'add_rule'),
};

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

export function findFeature(text: string): string | undefined {
  return FEATURES.find((f) => f.re.test(text))?.value;
}

function normalizeFeature(word: string): string | undefined {
  return FEATURES.find((f) => f.re.test(word))?.value;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A step's arguments from its words: the tool's own reading where the planner has one,
 * else what any tool's schema takes (channel, frames, output file); numbers, allowed
 * values and yes/no arguments are read from the schema afterwards (arguments.ts).
 */
export function buildArgs(tool: string, ctx: Omit<BuildContext, 'tool'>): Record<string, unknown> {
  return (BUILDERS[tool] ?? ((c: BuildContext) => common(c)))({ ...ctx, tool });
}
