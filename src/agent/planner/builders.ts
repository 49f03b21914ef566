// A step's arguments from its words. The planner reads what any tool's schema takes (a
// channel, frames, an output file) and hands the words, with generic readers, to the
// tool's own `fromRequest` (tools/types.ts), which reads what only that tool knows.
// Nothing here knows a tool by name: a tool with a new reading needs no edit here.
import { dirname } from 'node:path';
import { edgeSubsetOf } from './edgeObjects.ts';
import type { RequestClause, RequestReaders } from '../../../tools/types.ts';
import { type Catalogue, catalogueFromTools, isTruth, producesOf, selfOf, writesCopies } from './catalogue.ts';
import { ALL_TOOLS } from '../allTools.ts';
import type { Conversation } from './conversation.ts';
import { findArtifactIds, findChannel, findChannels, findFrames, findOutput, findPaths, quantityWithRole } from './extract.ts';
import { countOfThings, findQuantities, type QuantityKind, statedCalibration, TOLD_PIXEL_SIZE, withAppositiveValues } from './quantities.ts';
import type { PlannedStep } from './types.ts';
import { microscopeLanguage } from './microscopeLanguage.ts';
import { findEnumValue } from './enums.ts';
import { leftOutSpans, splitClauses } from './clauses.ts';
import { meaning, tokenize } from './words.ts';
import { saidRanges } from './rangesForOneValue.ts';
import { frameCounts, multiFrame, needsFrames } from './frames.ts';
import { channelRolesOf } from './channelRoles.ts';

export interface BuildContext {
  clause: string;
  text: string;
  conversation: Conversation;
  catalogue: Catalogue;
  tool: string;
  previous?: PlannedStep;
  /** The request asks for this step only (so a channel named anywhere applies to it). */
  single?: boolean;
  /** The whole request, when `text` is not it (a step added to make another's input reads that step's words). */
  request?: string;
}

/** The session movie's lateral pixel size in µm, from its file header (the latest movie that has one). */
export function sessionPixelSizeUm(conversation: Conversation): number | undefined {
  const movies = conversation.artifactsAtStart.filter((a) => a.type === 'movie' && typeof a.pixelSizeUm === 'number' && a.pixelSizeUm > 0);
  return movies.at(-1)?.pixelSizeUm ?? undefined;
}

/**
 * The pixel size that converts µm said in a request to px: the one the request itself states
 * ("px 0.5 um, segment nuclei 8 um across"), else the latest an earlier step set (the tool that
 * declares it applies to later steps: the calibration), else the movie's file header.
 */
export function requestPixelSizeUm(conversation: Conversation, catalogue: Catalogue): number | undefined {
  const stated = statedCalibration(conversation.request).pixelSizeUm;
  if (stated !== undefined) return stated;
  const set = [...conversation.earlier, ...conversation.current].filter((r) => r.ok && selfOf(r.tool, catalogue)?.appliesToLaterSteps === true && typeof r.args.pixelSizeUm === 'number').at(-1);
  return (set?.args.pixelSizeUm as number | undefined) ?? sessionPixelSizeUm(conversation);
}

/** Frames of the session movie, from its file header (the latest movie that says it): the end of "from frame 10 on". */
export function sessionFrameCount(conversation: Conversation): number | undefined {
  const movies = conversation.artifactsAtStart.filter((a) => a.type === 'movie' && typeof a.frames === 'number' && a.frames > 0);
  return movies.at(-1)?.frames ?? undefined;
}

function singleChannelMention(text: string): boolean {
  const numbered = [...text.matchAll(/\b(?:channel|ch|c)\s*\d+\b/gi)].length;
  return numbered + findChannels(text).length === 1;
}

/**
 * The channel of a step's words that span several sentences: the one said in the last sentence that names one
 * ("membrane marker in ch1, H2B in ch2. ... so segment channel 2": the ask, after the facts, says which).
 */
function channelOfTheAsk(clause: string): number | string | undefined {
  const sentences = clause.split(/(?<=[.!?;])\s+/);
  for (let i = sentences.length - 1; i > 0; i--) {
    const channel = findChannel(sentences[i]);
    if (channel !== undefined) return channel;
  }
  return findChannel(clause);
}

/** The channel objects were found on, said after the finding: "segmented on DAPI", "detected in the Hoechst channel". */
const CHANNEL_THE_MASKS_WERE_MADE_ON = /\b(?:segmented|detected|found|outlined|thresholded|masked|identified|picked\s+out)\s+(?:on|in|from|using|with|by)\s+(?:the\s+)?(?:channel\s*\d+|ch\s*\d+|c\d+|[\w-]+(?:\s+channel)?)/gi;

/** The clause with the channel objects were found on blanked (same length), unless `tool` is the one that finds them. */
export function withoutChannelOfTheMasks(clause: string, tool: string, catalogue: Catalogue): string {
  return producesOf(tool, catalogue).includes('labels') ? clause : clause.replace(CHANNEL_THE_MASKS_WERE_MADE_ON, (m) => ' '.repeat(m.length));
}

/** What any tool's schema takes, read the same way for every tool: a channel, frames, an output file. */
function genericArgs(ctx: BuildContext): Record<string, unknown> {
  const props = ctx.catalogue.get(ctx.tool)?.properties;
  const takes = (arg: string) => !props || arg in props;
  const args: Record<string, unknown> = {};
  if (takes('channel')) {
    // ("measure the GFP intensity in each nucleus segmented on DAPI": the channel the masks were made on is the segmenting
    // step's, never the channel a step that reads the masks measures)
    const clause = withoutChannelOfTheMasks(ctx.clause, ctx.tool, ctx.catalogue);
    const channel = channelOfTheAsk(clause) ?? (ctx.single && singleChannelMention(ctx.text) ? findChannel(ctx.text) : undefined);
    if (channel !== undefined && channel !== -1) args.channel = channel;
    // ("measure the GFP intensity in the nuclei; the nuclei are in DAPI": the step that finds the objects takes their
    // channel, never the measured one; the step that measures objects in a movie takes the measured one)
    // (the movie's own channel names tell which one holds the nuclei: "DAPI", "Hoechst", "H2B-mCherry")
    const movieChannels = ctx.conversation.artifactsAtStart.filter((a) => a.type === 'movie').at(-1)?.channelNames ?? [];
    const roles = channelRolesOf(ctx.text, movieChannels);
    const self = selfOf(ctx.tool, ctx.catalogue);
    if (self?.produces?.includes('labels') && (roles.objects !== undefined || roles.measured !== undefined)) {
      // (a second step of the same tool with its own channel, "segment the nuclei in DAPI and the cells in mCherry", keeps it)
      const ownOfASecond = args.channel !== undefined && ctx.previous?.tool === ctx.tool;
      if (roles.objects !== undefined && !ownOfASecond) args.channel = roles.objects;
      else if (args.channel !== undefined && String(args.channel).toLowerCase() === String(roles.measured).toLowerCase()) delete args.channel;
    } else if (self?.consumes?.includes('labels') && self.produces?.includes('table') && roles.measured !== undefined) args.channel = roles.measured;
  }
  if (takes('frames')) {
    const frames = findFrames(ctx.clause, sessionFrameCount(ctx.conversation));
    if (frames) args.frames = frames;
  }
  if (takes('output')) {
    const output = findOutput(ctx.clause);
    // a format named after "as" ("export as CSV") is no file name
    if (output && !/^(?:ctc|csv|trackmate|xml)$/i.test(output) && fitsWhatItWrites(output, ctx.tool, ctx.catalogue)) args.output = output;
    // ("save the masks next to the movie": a place said by the input, not by a path, is named: outputs go only where a
    // path was typed, never beside raw data by inference)
    const place = output ? undefined : PLACE_BY_THE_INPUT.exec(ctx.clause);
    if (place) {
      const inputPath = ctx.conversation.artifactsAtStart.find((a) => a.type === 'movie' && a.path)?.path;
      const folder = inputPath ? `${dirname(inputPath)}/` : '/data/exp1/';
      args.$note = `${typeof args.$note === 'string' ? `${args.$note} ` : ''}Not applied: "${place[0].trim()}" — I write results only into the session folder or a folder you type; say the folder (e.g. "save it to ${folder}") to put them there.`;
    }
  }
  return args;
}

/** An output place said by where the input is ("next to the movie", "in the same folder as the original"). */
const PLACE_BY_THE_INPUT = /\b(?:next\s+to|beside|alongside|in\s+the\s+same\s+(?:folder|directory|dir|place|location)\s+as|where)\s+(?:(?:the|my|our|this|that)\s+)?(?:(?:original|raw|input|source)\s+)?(?:movie|file|image|stack|tiff?|data|video|recording|input|original)\b(?:\s+(?:is|lives|sits|came\s+from)\b)?/i;

const TABLE_FILE = /\.(?:csv|tsv|xlsx?|json|txt)$/i;
const IMAGE_FILE = /\.(?:tiff?|ome\.tiff?|png|jpe?g)$/i;

/**
 * A file name goes to a step that writes that kind of file: "... as a csv called intensity.csv" names the
 * table of the step that measures, never the movie of the correction before it (its first product, by its declaration).
 */
function fitsWhatItWrites(output: string, tool: string, catalogue: Catalogue): boolean {
  if (writesCopies(tool, catalogue)) return true;
  const first = producesOf(tool, catalogue)[0];
  if (TABLE_FILE.test(output)) return first !== 'movie' && first !== 'labels';
  if (IMAGE_FILE.test(output)) return first !== 'table';
  return true;
}

/**
 * The step's words without a pixel size they tell ("... moved the furthest (pixel size 0.8 um)"): that length
 * calibrates the movie, it is no distance, radius or width of this step, unless the tool takes a pixel size itself.
 */
function ownNumbers(ctx: Pick<BuildContext, 'clause' | 'catalogue'> & { tool?: string }): string {
  if (ctx.tool === undefined || 'pixelSizeUm' in (ctx.catalogue.get(ctx.tool)?.properties ?? {})) return ctx.clause;
  return ctx.clause.replace(TOLD_PIXEL_SIZE, (told) => ' '.repeat(told.length));
}

/**
 * The numbers of the words that each stand for one value: an end of a range ("sized 40 to 400 px", "between 5 and 8 µm")
 * is none (a range bounds a pair of settings, read by the arguments reader, or is named as not applied), so a reader that
 * takes one value ("size 40" as a diameter) never takes one end of it.
 */
export function singleValues(text: string): ReturnType<typeof findQuantities> {
  const ends = new Set(saidRanges(text).flatMap((r) => [r.low.start, r.high.start]));
  return findQuantities(text).filter((q) => !ends.has(q.start));
}

/** A number with no unit right after a thing's noun names that thing ("the distance travelled by track 5", "cell #3"): no setting's value. */
const THING_NOUN_BEFORE = /\b(?:tracks?|cells?|nucle(?:us|i)|objects?|spots?|branch(?:es)?|ids?|labels?)\s*(?:#|no\.?|number)?\s*$/i;
function namesAThing(q: { unit: string; before: string }): boolean {
  return q.unit === '' && THING_NOUN_BEFORE.test(q.before);
}

/** The generic readers a tool's `fromRequest` is lent, bound to this step's words and tool. */
function readers(ctx: BuildContext): RequestReaders {
  const { clause, tool, catalogue, conversation } = ctx;
  return {
    value: (arg, text = clause) => findEnumValue(tool, arg, text, catalogue),
    // (a number that names a thing, "track 5", or counts things, "which 3 cells moved the most? give me their speeds", "the
    // top 5", is none of the lengths and sizes a tool reads this way: "moved" by it is no linking distance of 3)
    quantity: (kinds, role) => quantityWithRole(singleValues(withAppositiveValues(ownNumbers(ctx))).filter((q) => !namesAThing(q) && !countOfThings(q)), kinds as QuantityKind[], role),
    channel: (text = clause) => findChannel(text),
    channels: (text = clause) => findChannels(text),
    output: (text = clause) => findOutput(text),
    artifactIds: (text = clause) => findArtifactIds(text),
    // ("segment and track, and don't split nuclei that touch": a negation that names another tool's switch whole, segment's
    // splitTouching, and none of this tool's, is about that tool: the tracker's divisions stay on)
    // ("ignore dividing cells", "ignore cells that divide", "so turn off splitting": the words a few after a verb that leaves
    // out or switches off, in a clause not negated as a whole, are said not to be looked for too)
    saysNot: (words) => splitClauses(ctx.text).some((c) => (c.negated ? words.test(c.text) : leftOutSpans(c.text).some((w) => words.test(w.text))) && !namesOnlyOthersSwitch(c.text, tool, catalogue)),
    edgeObjects: (text = clause) => {
      const subset = edgeSubsetOf(text);
      return subset ? (subset.negated ? 'leftOut' : 'only') : undefined;
    },
    acquisition: (words, running) => {
      // (with the steps before, whose words point back: "turn off that rule")
      const routed = microscopeLanguage().routeMicroscopeRequest(words, { acquisitionRunning: running, earlier: conversation.earlier.filter((r) => r.ok).map(({ tool, args, values }) => ({ tool, args, values })) });
      const said = clause.trim();
      // (declined, not asked: the other steps of the request run, "Big experiment today. Correct the drift please", and the line says it)
      if (!routed) return { $decline: `I could not read "${said}" as a microscope command, so nothing ran for it.` };
      if (routed.tool === undefined) return { $ask: routed.ask };
      if (routed.tool !== tool) return { $ask: `I read "${said}" as ${routed.tool.replace(/_/g, ' ')}, not ${tool.replace(/_/g, ' ')}: say it on its own.` };
      return routed.args;
    },
  };
}

/** The meanings of the words of each yes/no argument's name of a tool, two words or more ("excludeBorder" → exclude, edge). */
function switchNames(tool: string, catalogue: Catalogue): string[][] {
  return Object.entries(catalogue.get(tool)?.properties ?? {})
    .filter(([, p]) => p.type === 'boolean' || (p.anyOf ?? []).some((a) => a.type === 'boolean'))
    .map(([arg]) => tokenize(arg.replace(/([a-z])([A-Z])/g, '$1 $2')).map((t) => meaning(t.stem)))
    .filter((name) => name.length >= 2);
}

/** The words say every word of another tool's yes/no argument's name, and of none of this tool's. */
function namesOnlyOthersSwitch(text: string, tool: string, catalogue: Catalogue): boolean {
  const said = new Set(tokenize(text).map((t) => meaning(t.stem)));
  const whole = (name: string[]) => name.every((w) => said.has(w));
  if (switchNames(tool, catalogue).some(whole)) return false;
  return [...catalogue.keys()].some((other) => other !== tool && switchNames(other, catalogue).some(whole));
}

/** The words of a step as a tool's own `fromRequest` reads them. */
export function requestClause(ctx: Omit<BuildContext, 'tool'> & { tool?: string }): RequestClause {
  const pixelSizeUm = requestPixelSizeUm(ctx.conversation, ctx.catalogue);
  // the size of the movie the step is drawn on: for a step that needs a time-lapse ("kymograph through the middle"), the
  // latest movie of several frames, never a projection made since
  const movies = ctx.conversation.artifactsAtStart.filter((a) => a.type === 'movie' && typeof a.width === 'number' && typeof a.height === 'number');
  const sized = (ctx.tool && needsFrames(ctx.tool, ctx.catalogue) ? multiFrame(movies, frameCounts(ctx.conversation)).at(-1) : undefined) ?? movies.at(-1);
  const now = ctx.conversation.current.flatMap((r) => r.artifacts);
  return {
    text: ctx.clause,
    request: ctx.request ?? ctx.text,
    quantities: findQuantities(withAppositiveValues(ownNumbers(ctx))).map(({ value, unit, kind, before, after, per }) => ({ value, unit, kind, before, after, ...(per ? { per } : {}) })),
    paths: findPaths(ctx.clause),
    ...(pixelSizeUm !== undefined ? { pixelSizeUm } : {}),
    ...(sized ? { movieSizePx: { width: sized.width!, height: sized.height! } } : {}),
    artifacts: [
      ...ctx.conversation.artifactsAtStart.map(({ id, type, producedBy, path }) => ({ id, type, producedBy, path, ...(isTruth({ type, producedBy }, ctx.catalogue) ? { truth: true } : {}) })),
      ...now.map(({ id, type, producedBy, path }) => ({ id, type, producedBy, path, now: true, ...(isTruth({ type, producedBy }, ctx.catalogue) ? { truth: true } : {}) })),
    ],
    earlier: ctx.conversation.earlier.map(({ tool, ok, values }) => ({ tool, ok, values })),
    ...(ctx.previous ? { previousTool: ctx.previous.tool, previousMakes: producesOf(ctx.previous.tool, ctx.catalogue).filter((t) => !((selfOf(ctx.previous!.tool, ctx.catalogue)?.truth ?? []) as string[]).includes(t)) } : {}),
    read: readers({ ...ctx, tool: ctx.tool ?? '' }),
  };
}

/**
 * A step's arguments from its words: what any tool's schema takes, with the tool's own
 * reading (`fromRequest`) over it; numbers by an argument's name, allowed values and yes/no
 * arguments are read from the schema afterwards (arguments.ts).
 */
export function buildArgs(tool: string, ctx: Omit<BuildContext, 'tool'>): Record<string, unknown> {
  const args = genericArgs({ ...ctx, tool });
  const own = selfOf(tool, ctx.catalogue)?.fromRequest?.(requestClause({ ...ctx, tool }));
  for (const [key, value] of Object.entries(own ?? {})) {
    if (value === undefined) delete args[key];
    else args[key] = value;
  }
  return args;
}

/** A request's words as `tool`'s `fromRequest` gets them in a new conversation (for tests and tools run by hand). */
export function clauseForTool(tool: string, text: string, conversation: Partial<Conversation> = {}, catalogue: Catalogue = catalogueFromTools(ALL_TOOLS)): RequestClause {
  const full: Conversation = { request: text, artifactsAtStart: [], earlier: [], current: [], earlierRequests: [], ...conversation };
  return requestClause({ clause: text, text, conversation: full, catalogue, tool, single: true });
}
