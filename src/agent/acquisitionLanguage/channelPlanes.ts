// Where each channel sits in z, in people's words: a channel's focus offset ("Cy5 needs a z
// offset of 2 µm", "+1 µm z offset for Cy5": useq's z_offset), a channel imaged at the middle
// plane only ("no z-stack for brightfield", "mCherry only at the centre plane": do_stack
// false), and the loop order of channels and planes ("channels first, then z", "the whole
// stack in each channel before switching": axis_order tpgzc / tpgcz). Read the same way for
// a plan to start and for a change to a running one.
import { DEMO_CONFIG, type MicroscopeConfig } from '../../microscope/config.ts';
import { zPositionsUm, type ZPlan } from '../../microscope/sequence.ts';
import { DISTANCE_UNIT, findChannels, unitMicrometres } from './words.ts';

const UNIT = DISTANCE_UNIT.slice(3, -1);
/** A signed distance: "+1 µm", "-2 um", "minus 1.5 microns", "1 µm". */
const SIGNED_DISTANCE = String.raw`([+\-−]|minus\s+|plus\s+)?\s*(\d+(?:\.\d+)?)\s*(${UNIT})`;
const OFFSET_WORDS = String.raw`(?:z[\s-]?offset|focus[\s-]?offset|offset\s+in\s+(?:z|focus)|(?:z|focus)\s+shift)`;
/** "z offset of 2 µm", "z-offset: +1 µm", "a 2 µm focus offset", "offset the mCherry focus by -1.5 µm". */
const OFFSET_SAID = [
  new RegExp(String.raw`\b${OFFSET_WORDS}\s*(?:of|to|by|=|:|at)?\s*${SIGNED_DISTANCE}`, 'gi'),
  new RegExp(String.raw`(?<![\w.])${SIGNED_DISTANCE}\s+(?:z[\s-]?|focus\s+)?(?:offset|shift)\b(?:\s+in\s+(?:z|focus))?`, 'gi'),
  new RegExp(String.raw`\b(?:offset|shift)\s+(?:the\s+)?(?:([\w-]+(?:\s+[\w-]+)?)\s+)?(?:focus|focal plane|z)\s+(?:by|of)\s+${SIGNED_DISTANCE}`, 'gi'),
];

/**
 * A channel's focus said to lie a distance from the others': "the GFP focus is 1 µm higher than DAPI's",
 * "mCherry sits 0.5 µm below", "the Cy5 plane is 2 µm off" (off: which way is not said).
 */
const FOCUS_APART = new RegExp(String.raw`\b(?:focus|focal plane|plane|sits|lies|is|are)\b[^,.;]{0,20}?(\d+(?:\.\d+)?)\s*(${UNIT})\s+(higher|above|up|lower|below|deeper|down|off|out|away)\b`, 'gi');

/**
 * A channel's focus moved, the way before the distance: "shift the mCherry focus down by 1 µm", "move the
 * focus for brightfield up 3 µm", "raise the GFP plane by 0.5 µm" (with no channel named, a move of the focus).
 */
const FOCUS_MOVED = new RegExp(String.raw`\b(?:focus|focal plane|plane)\b(?:\s+(?:for|of|in|on)\s+(?:the\s+)?[\w-]+(?:\s+(?:channel|image|images))?)?\s+(up|down|higher|lower|deeper|upwards?|downwards?)\s+(?:by\s+)?(\d+(?:\.\d+)?)\s*(${UNIT})`, 'gi');

/** "raise the GFP plane by 0.5 µm", "lower the Cy5 focus 1 µm": the way said by the verb. */
const FOCUS_RAISED = new RegExp(String.raw`\b(raise|lift|lower|drop)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:focus|focal plane|plane)\s+(?:by\s+)?(\d+(?:\.\d+)?)\s*(${UNIT})`, 'gi');

export interface ZOffsetSaid {
  /** The channel preset it is said of, when one is named in the same part of the sentence. */
  channel?: string;
  zOffsetUm: number;
  /** True when the words do not say which way ("1 µm off"): asked, never guessed. */
  unsigned?: true;
  /** Where the words are in the text, so that no other reader takes their distance for a z-stack. */
  index: number;
  length: number;
}

/** The parts of a sentence a setting of one channel stays within ("GFP 50 ms, Cy5 with a +1 µm z offset"). */
function segmentAround(t: string, index: number, length: number): { start: number; end: number } {
  const before = Math.max(t.lastIndexOf(',', index), t.lastIndexOf(';', index), t.lastIndexOf('. ', index));
  const ends = [',', ';', '. '].map((c) => t.indexOf(c, index + length)).filter((i) => i >= 0);
  return { start: before + 1, end: ends.length ? Math.min(...ends) : t.length };
}

/** The one channel named in the part of the sentence around a phrase: the nearest before it, else the first after it. */
function channelAround(t: string, index: number, length: number, config: MicroscopeConfig): string | undefined {
  const { start, end } = segmentAround(t, index, length);
  const mentions = findChannels(t.slice(start, end), config).map((m) => ({ ...m, index: m.index + start }));
  const before = mentions.filter((m) => m.index < index);
  return before.length ? before[before.length - 1].preset : mentions.find((m) => m.index >= index)?.preset;
}

/** Focus offsets of channels in the words, each with the channel it is said of (undefined when none is named). */
export function zOffsetsSaid(text: string, config: MicroscopeConfig = DEMO_CONFIG): ZOffsetSaid[] {
  const out: ZOffsetSaid[] = [];
  for (const re of OFFSET_SAID) {
    for (const m of text.matchAll(re)) {
      if (out.some((o) => m.index! < o.index + o.length && o.index < m.index! + m[0].length)) continue;
      const [sign, value, unit] = m.slice(-3);
      const negative = !!sign && /^[-−]|minus/i.test(sign.trim());
      // (+ 0: an offset of zero is 0 µm, never -0)
      const zOffsetUm = Math.round((negative ? -1 : 1) * Number(value) * unitMicrometres(unit) * 1e6) / 1e6 + 0;
      out.push({ channel: channelAround(text, m.index!, m[0].length, config), zOffsetUm, index: m.index!, length: m[0].length });
    }
  }
  for (const m of text.matchAll(FOCUS_APART)) {
    if (out.some((o) => m.index! < o.index + o.length && o.index < m.index! + m[0].length)) continue;
    const channel = channelAround(text, m.index!, m[0].length, config);
    // (a distance with no channel to hold it is a move of the focus or a z-stack, read elsewhere)
    if (!channel) continue;
    const [, value, unit, way] = m;
    const sign = /^(?:lower|below|deeper|down)$/i.test(way) ? -1 : 1;
    const zOffsetUm = Math.round(sign * Number(value) * unitMicrometres(unit) * 1e6) / 1e6 + 0;
    out.push({ channel, zOffsetUm, index: m.index!, length: m[0].length, ...(/^(?:off|out|away)$/i.test(way) ? { unsigned: true as const } : {}) });
  }
  for (const m of [...text.matchAll(FOCUS_MOVED), ...text.matchAll(FOCUS_RAISED)]) {
    if (out.some((o) => m.index! < o.index + o.length && o.index < m.index! + m[0].length)) continue;
    const channel = channelAround(text, m.index!, m[0].length, config);
    if (!channel) continue;
    const [, way, value, unit] = m;
    const sign = /^(?:lower|deeper|down|drop)/i.test(way) ? -1 : 1;
    out.push({ channel, zOffsetUm: Math.round(sign * Number(value) * unitMicrometres(unit) * 1e6) / 1e6 + 0, index: m.index!, length: m[0].length });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The words with the focus offsets said blanked out (the other readers never see their distances). */
export function withoutZOffsets(text: string, offsets: ZOffsetSaid[]): string {
  let out = text;
  for (const o of offsets) out = out.slice(0, o.index) + ' '.repeat(o.length) + out.slice(o.index + o.length);
  return out;
}

/** "no z-stack", "the middle plane only", "a single plane only", "doesn't need the stack": one plane, not the stack ("GFP, single plane" may mean the whole run). */
const ONE_PLANE = /\b(?:no|without|skip(?:ping)?|(?:does|do)(?:n'?t| not) need|no need for|not in|not through|drop|lose|remove|ditch|disable|turn off|switch off|stop)\s+(?:the\s+|a\s+|any\s+)?(?:z[\s-]?stacks?|stacks?|z\b|z[\s-]?planes?|z[\s-]?slices?)|\b(?:take|leave)\s+(?:the\s+)?(?:z[\s-]?)?stacks?\s+out\b/i;
/** The plane words: which plane of the stack each names. */
const PLANE_NAMED = String.raw`(middle|centre|center|central|mid|top|upper|uppermost|upmost|highest|bottom|lowest|lower|bottommost)`;
const PLANE_WORD = String.raw`(?:(?:z[\s-]?)?(?:plane|slice|section|level)|of\s+the\s+(?:z[\s-]?)?stack)`;
/** "only image", "just take", "only use": a verb of imaging between "only" and the plane. */
const IMAGING_VERB = String.raw`(?:(?:image|take|acquire|do|use|keep|shoot|grab|record)\s+)?`;
/**
 * One plane of the stack for a channel: "mCherry only at the centre plane", "just in the middle slice",
 * "only the top slice for brightfield", "brightfield at the bottom plane only", "single plane only"
 * (the middle one). Group 1 or 2 is the plane's word (none: the middle).
 */
// (a plane named after "at"/"in"/"on" is one plane whatever stands before it, "only acquire the GFP at the mid
// plane"; a single plane placed in the stack, "bf: single slice in the middle", likewise)
const NAMED_PLANE_ONLY = new RegExp(String.raw`\b(?:only|just)\s+${IMAGING_VERB}(?:at\s+|in\s+|on\s+)?(?:the\s+)?${PLANE_NAMED}\s+${PLANE_WORD}|\b${PLANE_NAMED}\s+${PLANE_WORD}\s+only\b|\b(?:single|one|1)\s+${PLANE_WORD}\s+only\b|\b(?:only|just)\s+${IMAGING_VERB}(?:at\s+|in\s+|on\s+)?(?:a\s+single|one|1|a)\s+(?:z[\s-]?)?(?:plane|slice|section)\b|\b(?:at|in|on)\s+(?:the\s+)?${PLANE_NAMED}\s+${PLANE_WORD}|\b(?:a\s+)?(?:single|one|1)\s+(?:z[\s-]?)?(?:plane|slice|section)\s+(?:in|at|from)\s+the\s+${PLANE_NAMED}\b|(?:^|[:,]\s*|\b(?:the|use)\s+)${PLANE_NAMED}\s+(?:z[\s-]?)?(?:plane|slice|section)\b`, 'i');

/** Which plane a plane word names. */
function planeOf(word: string | undefined): PlaneNamed {
  if (!word) return 'middle';
  if (/^(?:top|upper|uppermost|upmost|highest)$/i.test(word)) return 'top';
  if (/^(?:bottom|lowest|lower|bottommost)$/i.test(word)) return 'bottom';
  return 'middle';
}

/** "the whole stack for brightfield again", "mCherry with the full z-stack": the stack in that channel. */
const WHOLE_STACK = /\b(?:whole|full|entire|complete)\s+(?:z[\s-]?)?stack\b|\b(?:z[\s-]?stack|stack)\s+(?:in|for)\s+(?:it|that|this)\s+(?:channel\s+)?(?:too|as well|again)\b/i;

/** Words between a channel and the plane words after it that tie them ("brightfield doesn't need", "mCherry only at the"). */
const TIED_BEFORE = /^\s*(?:(?:channel|laser|only|just|at|on|in|with|the|a|should|be|is|can|could|go|to|needs?|(?:does|do)(?:n'?t| not)|will|[:-])\s*)*$/i;
/** Words between the plane words and a channel after them ("no z-stack for the bright field channel"). */
const TIED_AFTER = /^\s*(?:for|in|on|of|with)\s+(?:the\s+)?(?:(?:[\w-]+|,|and)\s+)?$/i;

/** A plane of the z-stack named in words. */
export type PlaneNamed = 'middle' | 'top' | 'bottom';

export interface ChannelStackSaid {
  channels: string[];
  doStack: boolean;
  /** The one plane they are imaged at when not the whole stack ("the top slice"; default the middle). */
  plane?: PlaneNamed;
}

/**
 * The channels said to be imaged at the middle plane only ("no z-stack for the brightfield channel"),
 * at one plane named ("mCherry only at the centre plane", "the top slice only for brightfield"),
 * or with the whole stack again; undefined when no channel is named beside those words (a z-stack
 * dropped for every channel is the z plan, read elsewhere).
 */
export function channelStackSaid(text: string, config: MicroscopeConfig = DEMO_CONFIG): ChannelStackSaid | undefined {
  for (const [re, doStack] of [[ONE_PLANE, false], [NAMED_PLANE_ONLY, false], [WHOLE_STACK, true]] as [RegExp, boolean][]) {
    const m = re.exec(text);
    if (!m) continue;
    // (a stack of so many planes or µm is a z plan, not a channel's share of one: "GFP with a 10 µm stack")
    const { start, end } = segmentAround(text, m.index, m[0].length);
    const part = text.slice(start, end);
    if (new RegExp(String.raw`\d\s*(?:${UNIT}|planes|slices)`, 'i').test(part)) continue;
    // (only a channel the words tie to the plane: "no z-stack for brightfield", "mCherry only at the centre plane";
    // "GFP only, single plane" keeps GFP and drops the stack for all)
    const phraseAt = m.index - start;
    const tied = findChannels(part, config).filter((c) => (c.index < phraseAt ? TIED_BEFORE.test(part.slice(c.index + c.text.length, phraseAt)) : TIED_AFTER.test(part.slice(phraseAt + m[0].length, c.index))));
    const channels = [...new Set(tied.map((c) => c.preset))];
    if (!channels.length) continue;
    const plane = re === NAMED_PLANE_ONLY ? planeOf(m.slice(1).find(Boolean)) : undefined;
    return { channels, doStack, ...(plane && plane !== 'middle' ? { plane } : {}) };
  }
  return undefined;
}

/**
 * The focus offset that puts a channel imaged at one plane (useq do_stack false: the stack's middle
 * plane) at the plane named instead: the top (highest z) or bottom plane of `zPlan`, µm from its middle.
 */
export function offsetToPlaneUm(zPlan: ZPlan, plane: PlaneNamed): number {
  const { positionsUm } = zPositionsUm(zPlan);
  const middle = positionsUm[Math.floor(positionsUm.length / 2)];
  const at = plane === 'top' ? Math.max(...positionsUm) : plane === 'bottom' ? Math.min(...positionsUm) : middle;
  return Math.round((at - middle) * 1e6) / 1e6 + 0;
}

/** "no z-stack at position 2", "skip the stack in field 3": a z plan of one position, which a plan here cannot hold. */
export const POSITION_STACK = /\b(?:no|without|skip(?:ping)?|only|just|add|(?:does|do)(?:n'?t| not) need)\s+(?:the\s+|a\s+)?(?:z[\s-]?stacks?|stacks?)\s+(?:at|for|in|on)\s+((?:the\s+)?(?:position|pos|field|site|well|spot)s?\s*#?\s*\d+(?:\s*(?:,|and|&)\s*\d+)*)/i;

type AxisOrder = 'tpgcz' | 'tpgzc';
const CHANNEL = String.raw`(?:channels?|colou?rs?|wavelengths?|lasers?|filters?|fluorophores?|dyes?)`;
const PLANE = String.raw`(?:z[\s-]?(?:planes?|slices?|sections?|steps?|positions?|levels?)|planes?|slices?|sections?|focal planes?|depths?|z)`;
const STACK = String.raw`(?:(?:whole|full|entire|complete)\s+)?(?:z[\s-]?)?stacks?`;
/** Each form of words, and the loop order it says (the inner loop is what is done "first", "at each" of the other). */
const ORDER_SAID: [RegExp, AxisOrder][] = [
  // "channels first, then z", "z first, then the channels", "do the stack first"
  [new RegExp(String.raw`\b${CHANNEL}\s+first\b`, 'i'), 'tpgzc'],
  [new RegExp(String.raw`\b(?:${STACK}|${PLANE})\s+first\b`, 'i'), 'tpgcz'],
  // "all channels at each z plane", "every colour per slice"
  [new RegExp(String.raw`\b(?:all|every|each|both)\s+(?:the\s+|of\s+the\s+)?${CHANNEL}\b.{0,25}?\b(?:at|on|per|for|in)\s+(?:each|every|one|a|the same)\s+${PLANE}\b`, 'i'), 'tpgzc'],
  // "switch channels at every slice" / "switch channels after each stack"
  [new RegExp(String.raw`\b(?:switch|change|alternate|cycle|swap)\w*\s+(?:the\s+|between\s+(?:the\s+)?)?${CHANNEL}\b.{0,20}?\b(?:at|on|after|for|per|with)\s+(?:each|every)\s+${PLANE}\b`, 'i'), 'tpgzc'],
  [new RegExp(String.raw`\b(?:switch|change|alternate|cycle|swap)\w*\s+(?:the\s+|between\s+(?:the\s+)?)?${CHANNEL}\b.{0,20}?\b(?:at|on|after|for|per|with)\s+(?:each|every|the)\s+${STACK}\b`, 'i'), 'tpgcz'],
  // "all the slices for GFP before switching channel", "every channel before moving to the next plane": what is done
  // whole before the other changes is the inner loop
  [new RegExp(String.raw`\b(?:all|every|each|whole|full|entire)\s+(?:of\s+)?(?:the\s+)?(?:${STACK}|${PLANE})\b.{0,30}?\bbefore\s+(?:switching|changing|moving|going|swapping)\s+(?:on\s+)?(?:to\s+)?(?:the\s+|a\s+)?(?:next\s+|another\s+|other\s+)?${CHANNEL}`, 'i'), 'tpgcz'],
  [new RegExp(String.raw`\b(?:all|every|each)\s+(?:of\s+)?(?:the\s+)?${CHANNEL}\b.{0,30}?\bbefore\s+(?:switching|changing|moving|going|stepping)\s+(?:on\s+)?(?:to\s+)?(?:the\s+|a\s+)?(?:next\s+|another\s+|other\s+)?${PLANE}`, 'i'), 'tpgzc'],
  // "the whole z stack in each channel before switching", "z-stack per channel"
  [new RegExp(String.raw`\b${STACK}\b.{0,20}?\b(?:in|for|of|per|with)\s+(?:each|every|one|a)?\s*${CHANNEL}\b`, 'i'), 'tpgcz'],
];

/** "channels first, then z" in one clause ("channels first before z"): a reader that splits at "then" would take "z" for a command of its own. */
export function orderInOneClause(text: string): string {
  return text.replace(new RegExp(String.raw`\b(${CHANNEL}|${STACK}|${PLANE})\s+first\s*,?\s*(?:and\s+)?then\s+(?:the\s+|all\s+(?:the\s+)?)?(?=(?:${CHANNEL}|${STACK}|${PLANE})\b)`, 'gi'), '$1 first before ');
}

/**
 * The loop order of channels and planes said in the words, or undefined. Besides the forms
 * above, an order listed outermost first after "order" ("order: time, position, slice,
 * channel", Micro-Manager's menu) and useq's own names ("tpgzc", "TPZC") are read.
 */
export function axisOrderSaid(text: string): AxisOrder | undefined {
  const code = /\b(?:t?p?g?)(cz|zc)\b/i.exec(text);
  if (code && /\b(?:order|axis|loop)\b/i.test(text) && /\bt/i.test(code[0])) return code[1].toLowerCase() === 'zc' ? 'tpgzc' : 'tpgcz';
  for (const [re, order] of ORDER_SAID) if (re.test(text)) return order;
  const listed = /\border\b\s*(?:is|of|:|=)?\s*(.*)$/i.exec(text);
  if (listed) {
    const channelAt = listed[1].search(new RegExp(String.raw`\b${CHANNEL}\b`, 'i'));
    const planeAt = listed[1].search(new RegExp(String.raw`\b(?:${PLANE}|${STACK})\b`, 'i'));
    if (channelAt >= 0 && planeAt >= 0) return planeAt < channelAt ? 'tpgzc' : 'tpgcz';
  }
  return undefined;
}
