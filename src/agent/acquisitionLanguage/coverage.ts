// The microscope twin of the planner's silent-drop detector: after a command is read, every
// channel (by dye, laser line, filter band or number), position, plane and count of time
// points it names must be used by the typed changes or plan, or be said back. A part left
// unused is asked about (nothing changes) when the command would drop something, or limit
// light or a channel to a scope no change can take ("GFP to 5% at the top plane only"); a
// channel left unused by a command that adds or sets something is named in one line.
import { describeAdjustment, type Adjustment } from '../../microscope/adjustment.ts';
import { DEMO_CONFIG, type MicroscopeConfig } from '../../microscope/config.ts';
import { filterBands, findChannels } from './words.ts';

/** A part of a command that the typed changes do not use. */
export interface UnusedMention {
  kind: 'channel' | 'filter' | 'position' | 'plane' | 'timePoints';
  /** As written. */
  text: string;
  /** The channel's preset, for a channel named by dye, line or colour. */
  preset?: string;
}

/** "channel 2", "the second channel", "ch3": a channel by its number in the running plan. */
const CHANNEL_NUMBER = /\b(?:channel|ch\.?)\s*#?\s*(\d)\b|\b(?:the\s+)?(first|second|third|fourth|fifth)\s+channel\b/gi;
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5 };
/** "position 2", "pos 3", "field 2", "site 4", "xy point 1": a stage position by its number. */
// ("at time point 100": a time point is no stage point)
const POSITION_NUMBER = /\b(?:(?:stage\s+|xy\s+)?(?:position|pos|field|site|(?<!\btime[\s-]?)point)\s*#?\s*(\d+)(?!\s*(?:x|×|by)\s*\d)|(first|second|third|fourth|fifth|last)\s+(?:position|field|site))\b/gi;
/** One plane of the stack, or planes said as a scope ("at the top plane only", "for the middle slice", "in every other section"). */
const PLANE_SCOPE = /\b(?:(?:at|in|on|for|from)\s+(?:the\s+)?(?:top|bottom|middle|central|centre|center|upper|lower|first|last|focal|lowest|highest|every other|one)\s+(?:z[\s-]?)?(?:planes?|slices?|sections?|levels?))\b/gi;
/** A count of time points a change is said to hold for ("for 3 time points only", "for the next 5 frames"). */
const TIME_POINT_SCOPE = /\bfor\s+(?:the\s+)?(?:next\s+|following\s+|another\s+)?(?:\d+|one|two|three|four|five|ten|a few|a couple of)\s+(?:time[\s-]?points?|timepoints?|frames?|rounds?|loops?|cycles?)\b/gi;
/** Words before a channel that keep it as it is ("keep GFP", "keep imaging the red", "but not DAPI", "instead of mCherry"): no part of the change. */
const LEFT_AS_IT_IS = /\b(?:keep(?:ing)?|leave|leaving|except|but not|not|instead of|rather than|other than|apart from|besides|without touching|same as|like|(?:carry|carrying|go|going|keep going|continue|continuing|stick|stay|proceed)\s+(?:on\s+)?(?:[a-z]+ing\s+)?with|from)\s+(?:[a-z]+ing\s+(?:with\s+|on\s+)?)?(?:the\s+)?(?:[\w-]+\s+)?$/i;

/** Every string and number in the arguments, lower case, at any depth. */
function valuesOf(args: unknown, out: { strings: string[]; keys: Set<string>; channels: string[] } = { strings: [], keys: new Set(), channels: [] }, key = '') {
  if (typeof args === 'string' || typeof args === 'number') {
    out.strings.push(String(args).toLowerCase());
    if (/^(?:channels?|config)$/.test(key)) out.channels.push(String(args).toLowerCase());
  } else if (Array.isArray(args)) args.forEach((a) => valuesOf(a, out, key));
  else if (args && typeof args === 'object') {
    for (const [k, v] of Object.entries(args)) {
      out.keys.add(k);
      valuesOf(v, out, k);
    }
  }
  return out;
}

/** The parts of `words` (the command as the router read it) that `args` (a tool's typed arguments) do not use. */
export function mentionsNotUsed(words: string, args: unknown, config: MicroscopeConfig = DEMO_CONFIG): UnusedMention[] {
  const { keys, channels } = valuesOf(args);
  const out: UnusedMention[] = [];
  for (const c of findChannels(words, config)) {
    if (LEFT_AS_IT_IS.test(words.slice(0, c.index))) continue;
    if (!channels.includes(c.preset.toLowerCase()) && !out.some((o) => o.text === c.text)) out.push({ kind: 'channel', text: c.text, preset: c.preset });
  }
  for (const b of filterBands(words, config)) if (b.preset === undefined) out.push({ kind: 'filter', text: b.text });
  for (const m of words.matchAll(CHANNEL_NUMBER)) {
    const n = m[1] ?? String(ORDINALS[m[2].toLowerCase()]);
    if (LEFT_AS_IT_IS.test(words.slice(0, m.index))) continue;
    // (a number is used when a change names it, or the channel at that number: the router may resolve it)
    if (!channels.includes(n) && !channels.some((c) => !/^\d+$/.test(c))) out.push({ kind: 'channel', text: m[0] });
  }
  // (a position named is used by any change of positions: "image only position 1" drops the others)
  const positionsChanged = ['position', 'onlyAt', 'positions', 'stagePositions', 'xUm', 'dxUm'].some((k) => keys.has(k));
  for (const m of words.matchAll(POSITION_NUMBER)) if (!positionsChanged) out.push({ kind: 'position', text: m[0] });
  for (const m of words.matchAll(PLANE_SCOPE)) {
    if (!['zPlan', 'doStack', 'zOffsetUm', 'zUm', 'axisOrder', 'planes'].some((k) => keys.has(k))) out.push({ kind: 'plane', text: m[0] });
  }
  for (const m of words.matchAll(TIME_POINT_SCOPE)) {
    if (!['loops', 'forS', 'durationS', 'extraS', 'inS', 'acquireEvery', 'every', 'timePlan', 'rule'].some((k) => keys.has(k))) out.push({ kind: 'timePoints', text: m[0] });
  }
  return out;
}

/** A change that takes something out of the run (a channel, a position, the stack, the grid): never made on a partly read command. */
function drops(c: Adjustment): boolean {
  return c.kind === 'dropChannel' || c.kind === 'dropPosition' || (c.kind === 'zPlan' && c.zPlan === null) || (c.kind === 'grid' && c.grid === null) || c.kind === 'onlyChannels' || c.kind === 'positions';
}

/** The changes that hold for every channel the run images (the timing, the run's length, the stack, the grid, a light setting without a channel). */
function ofEveryChannel(c: Adjustment): boolean {
  return ['interval', 'intervalFactor', 'duration', 'extend', 'endIn', 'loops', 'zPlan', 'grid'].includes(c.kind) || ((c.kind === 'exposure' || c.kind === 'exposureFactor' || c.kind === 'power' || c.kind === 'powerFactor') && c.channel === undefined);
}

/**
 * "drop the red and do the green every 2 min", "turn off mCherry; image GFP every 2 min instead": a channel named as the
 * one the run goes on with, beside a change of the whole run, is used by that change when the channels named are every
 * channel left once the changes are made (with another channel left, the change would reach it too, so it is asked).
 * Needs the run's channels now (`channelsNow`, by preset); without them nothing is taken as carried on.
 */
function carriedOn(u: UnusedMention, changes: Adjustment[], channelsNow: string[] | undefined): boolean {
  const left = channelsLeft(changes, channelsNow);
  if (u.kind !== 'channel' || u.preset === undefined || !left) return false;
  const wholeRun = changes.filter((c) => c.kind !== 'dropChannel');
  return wholeRun.length > 0 && wholeRun.every(ofEveryChannel) && left.length === 1 && left[0].toLowerCase() === u.preset.toLowerCase();
}

/** The channels (presets) the run goes on imaging once `changes` drop some; undefined when none is dropped or the run's channels are not known. */
function channelsLeft(changes: Adjustment[], channelsNow: string[] | undefined): string[] | undefined {
  const dropped = new Set(changes.flatMap((c) => (c.kind === 'dropChannel' ? [c.channel.toLowerCase()] : [])));
  if (!dropped.size || !channelsNow?.length) return undefined;
  return channelsNow.filter((c) => !dropped.has(c.toLowerCase()));
}

/**
 * What to do with the unused parts of a change to the running acquisition: a question (nothing
 * changed) when it would drop something or when a scope no change takes was said; else a
 * line naming what was not applied. Undefined when every part is used. `forS`: the changes last that long.
 */
export function coverageOfChanges(words: string, changes: Adjustment[], config: MicroscopeConfig = DEMO_CONFIG, forS?: number, channelsNow?: string[]): { ask: string } | { notApplied: string } | undefined {
  // (changes made for a while use the count of time points they last: "for the next 20 frames")
  const unused = mentionsNotUsed(words, forS !== undefined ? { changes, forS } : changes, config).filter((u) => !carriedOn(u, changes, channelsNow));
  if (!unused.length) return undefined;
  const said = unused.map((u) => `"${u.text}"`).join(', ');
  const done = changes.map(describeAdjustment).join('; ');
  const scopes = unused.filter((u) => u.kind === 'position' || u.kind === 'plane' || u.kind === 'timePoints');
  if (scopes.length) {
    const every = scopes.map((u) => (u.kind === 'position' ? 'position' : u.kind === 'plane' ? 'plane' : 'time point from now on'));
    return { ask: `I can ${done} at every ${[...new Set(every)].join(' and every ')}, not ${scopes.map((u) => `"${u.text}"`).join(', ')} only: no change of the acquisition takes that, so nothing was changed; say it without that part to apply it everywhere.` };
  }
  // ("turn off mCherry; image GFP every 2 min" with DAPI imaged too: the interval is the whole run's, never GFP's alone)
  const staying = channelsLeft(changes, channelsNow);
  if (staying && unused.every((u) => u.kind === 'channel' && u.preset !== undefined && staying.some((c) => c.toLowerCase() === u.preset!.toLowerCase())) && changes.some((c) => c.kind !== 'dropChannel') && changes.filter((c) => c.kind !== 'dropChannel').every(ofEveryChannel)) {
    return { ask: `I read "${words.trim()}" as: ${done}; but ${said} cannot have that on its own: it holds for every channel still imaged (${staying.join(', ')}), so nothing was changed. Say it for the whole run, or drop the other channels too.` };
  }
  // ("make the interval 2 min for GFP only", "GFP exposure ... " read as no channel's: a change of every channel with only some
  // channels named would change the others too, more than was asked: asked, nothing changed (unless those are every channel imaged)
  const named = unused.filter((u) => u.kind === 'channel' && u.preset !== undefined);
  const everyImaged = !!channelsNow?.length && channelsNow.every((c) => named.some((u) => u.preset!.toLowerCase() === c.toLowerCase()));
  if (named.length && named.length === unused.length && changes.every(ofEveryChannel) && !everyImaged) {
    return { ask: `I read "${words.trim()}" as: ${done}, which holds for every channel${channelsNow?.length ? ` imaged (${channelsNow.join(', ')})` : ''}, not for ${said} alone, so nothing was changed. Say it for the whole run, or for one channel as "image ${named[0].preset} every 3rd time point" or "${named[0].preset} exposure 50 ms".` };
  }
  if (changes.some(drops)) return { ask: `I read "${words.trim()}" as: ${done}, but not ${said}, so nothing was changed: say which channel or position to drop, e.g. "drop DAPI" or "drop position 2".` };
  return { notApplied: `Not applied: ${said} (${unused.some((u) => u.kind === 'filter') ? 'no channel of this microscope images through that filter band' : 'no change was read for it'}); I did: ${done}.` };
}

/**
 * The unused parts of a plan to start or of a picture to take, in one line ("Not applied: ..."):
 * nothing runs yet that a question could spare, so what runs is what was read, and the rest is
 * said. Undefined when every part is used.
 */
export function coverageOfPlan(words: string, args: unknown, config: MicroscopeConfig = DEMO_CONFIG): string | undefined {
  const unused = mentionsNotUsed(words, args, config);
  if (!unused.length) return undefined;
  const why = (u: UnusedMention) =>
    u.kind === 'filter' ? 'no channel of this microscope images through that filter band'
    : u.kind === 'position' ? 'no stage position was given in µm, so the current one is imaged'
    : u.kind === 'plane' ? 'the plan has no z-stack to take a plane of'
    : u.kind === 'timePoints' ? 'no count of time points was read for it'
    : 'no setting was read for that channel';
  return `Not applied: ${unused.map((u) => `"${u.text}" (${why(u)})`).join(', ')}.`;
}
