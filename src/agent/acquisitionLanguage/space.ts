// Where to image, in words: z-stacks ("11 planes, 0.5 µm apart", "a 10 µm stack in 1 µm
// steps"), stage positions ("at (0, 0), (500, 0) and (1000, 200)", "at 3 positions")
// and tiled grids ("a 3x3 grid with 10% overlap"), as the useq-like plan's values.
import { DEMO_CONFIG, type MicroscopeConfig } from '../../microscope/config.ts';
import { zPositionsUm, type GridPlan, type StagePosition, type ZPlan } from '../../microscope/sequence.ts';
import { DISTANCE_UNIT, NUMBER, toNumber, unitMicrometres } from './words.ts';

const NUM = String.raw`(-?\d+(?:\.\d+)?)`;
const UNIT = String.raw`(${DISTANCE_UNIT.slice(3, -1)})`;

function distance(m: RegExpExecArray | null, valueGroup = 1, unitGroup = 2): number | undefined {
  if (!m) return undefined;
  return Number(m[valueGroup]) * unitMicrometres(m[unitGroup] ?? 'µm');
}

/** Words of a finer or coarser z spacing ("thinner slices", "the steps finer"). */
const SPACING_CHANGE = 'thinner|finer|thicker|coarser|smaller|bigger|larger|closer|denser|wider|tighter';
/** "make the steps finer, 0.25 um", "slices thinner: 0.3 µm": a spacing said finer or coarser, its adjective after the noun. */
const STEP_MADE_FINER = new RegExp(String.raw`\b(?:z[\s-]?)?(?:slices|planes|sections|steps?|spacing)\s+(?:a\s+(?:bit|little)\s+)?(?:${SPACING_CHANGE})\b[^\d]{0,30}?(\d+(?:\.\d+)?)\s*${UNIT}`, 'i');

/**
 * A z-stack in the words, or undefined when none is named. `current`: the z plan running now;
 * what the words leave out is kept from it ("15 slices instead" keeps its step, "0.25 µm steps
 * instead" its range), and a step in µm alone ("use 1 µm steps") is its step.
 */
export function parseZPlan(text: string, current?: ZPlan | null): ZPlan | undefined {
  const t = spelledDistances(text.toLowerCase());
  // ("make the sections 0.5 micron", "slices to 0.3 um": a length given to the planes, with no count of them, is their spacing)
  const spacingOfPlanes = new RegExp(String.raw`(?<!\d\s*)\b(?:the\s+|our\s+|my\s+)?(?:z[\s-]?)?(?:planes|slices|sections)\s+(?:(?:to\s+)?be\s+|are\s+|to\s+|=\s*|:\s*)?(\d+(?:\.\d+)?)\s*${UNIT}(?!\s*(?:-?\s*(?:thick|deep|tall|range|total|z[\s-]?stack|stack|apart)|\s+(?:above|below|either|around)))`, 'i');
  const stepOnly = !!current && (spacingOfPlanes.test(t) || new RegExp(String.raw`\d\s*${UNIT}\s*(?:z[\s-]?)?(?:steps?|spacing|apart|increments?)\b|\b(?:steps?|spacing|step size|increments?)\s*(?:of|to|=|:)?\s*\d+(?:\.\d+)?\s*${UNIT}`, 'i').test(t) || STEP_MADE_FINER.test(t));
  if (!stepOnly && !/\b(?:spacing|steps?|step size)\s+(?:in|along|for)\s+z\b|z[\s-]?stacks?|z[\s-]?series|\bz\s*[:=]?\s*(?:from|between|over|of)\b|\bz\s*[:=]\s*\S|\b(?:in|along|through)\s+z\b|z[\s-]?planes?|\bplanes\b|slices|z[\s-]?range|stack of|\bsections\b|z[\s-]?steps?|\bstacks?\b|\bz[\s-]?(?:coverage|depth|extent|span)\b|above and below|below and above|either side of (?:the )?focus|around (?:the )?focus|(?:±|\+\/-|\+-)\s*\d|\d\s*(?:µm|um|microns?)?\s+(?:above|below)\b.{0,30}?\b\d+(?:\.\d+)?\s*(?:µm|um|microns?)?\s*(?:above|below)\b/.test(t)) return undefined;
  // "from -5 to +5 µm", "5 µm above and below (focus)": a stack around the focus
  const fromTo = new RegExp(String.raw`\b(?:from|between)\s*([-+−]?\d+(?:\.\d+)?)\s*${UNIT}?\s*(?:to|-|–|and)\s*([-+]?\d+(?:\.\d+)?)\s*${UNIT}`, 'i').exec(t);
  const around = new RegExp(String.raw`(\d+(?:\.\d+)?)\s*${UNIT}\s*(?:above and below|below and above|either side of|on (?:each|either) side of|±|up and down)`, 'i').exec(t) ??
    // "±3 µm", "+/- 2 um": the sign before the distance
    new RegExp(String.raw`(?:±|\+\/-|\+-)\s*(\d+(?:\.\d+)?)\s*${UNIT}`, 'i').exec(t);
  // "3 µm above and 2 below (the focus)": a stack around the focus that is not even
  const uneven = new RegExp(String.raw`(\d+(?:\.\d+)?)\s*${UNIT}?\s+(above|below)\b.{0,30}?\b(\d+(?:\.\d+)?)\s*${UNIT}?\s*(above|below)\b`, 'i').exec(t);
  const stepUm =
    distance(new RegExp(String.raw`(\d+(?:\.\d+)?)\s*${UNIT}\s*(?:z[\s-]?)?(?:steps?|spacing|apart|intervals?|increments?|between)`, 'i').exec(t)) ??
    distance(new RegExp(String.raw`(?:steps?|spacing|intervals?|increments?|every)\s*(?:of|size|sizes? of)?\s*(?:(?:to|=|:|at|of)\s*)?(\d+(?:\.\d+)?)\s*${UNIT}`, 'i').exec(t)) ??
    // "step 0.5", "spacing: 1" in words about z: µm
    distance(new RegExp(String.raw`\b(?:z[\s-]?)?(?:step(?:\s*size)?|spacing)\s*(?:of|=|:)?\s*(\d+(?:\.\d+)?)\b(?!\s*(?:%|ms|s\b|sec|min|h\b|x\b|time|frame))`, 'i').exec(t)) ??
    // "20 slices at 0.5 µm", "11 planes spaced by 1 µm", "0.5 µm slices"
    // ("a 7 slices stack at 2 µm": the stack's word between the count and its spacing)
    distance(new RegExp(String.raw`(?:planes|slices|sections)(?:\s+(?:z[\s-]?)?stacks?)?\s+(?:at|of|with|every|spaced(?:\s+by)?|separated\s+by)\s+(\d+(?:\.\d+)?)\s*${UNIT}`, 'i').exec(t)) ??
    // "thinner slices, 0.2 um", "finer steps: 0.3 µm": a finer or coarser spacing is the step
    distance(new RegExp(String.raw`\b(?:${SPACING_CHANGE})\s+(?:z[\s-]?)?(?:slices|planes|sections|steps?|spacing|stacks?)\b[^\d]{0,30}?(\d+(?:\.\d+)?)\s*${UNIT}`, 'i').exec(t)) ??
    // ("make the steps finer, 0.25 um": the adjective after its noun)
    distance(STEP_MADE_FINER.exec(t)) ??
    // "21 slices, 0.25 um", "11 planes / 0.5 µm", "21 planes 0.5 µm": a count of planes and the one distance after it is their step
    distance(new RegExp(String.raw`\d\s*(?:z[\s-]?)?(?:planes|slices|sections)\s*(?:[,;/]\s*|\s)(?:at\s+|each\s+)?(\d+(?:\.\d+)?)\s*${UNIT}(?!\s*(?:-?\s*(?:thick|deep|tall|range|total|z[\s-]?stack|stack)|\s+(?:above|below|either|around)))`, 'i').exec(t)) ??
    distance(new RegExp(String.raw`(\d+(?:\.\d+)?)\s*${UNIT}\s*(?:z[\s-]?)?(?:planes|slices|sections)\b`, 'i').exec(t)) ??
    distance(spacingOfPlanes.exec(t)) ??
    // "11 z planes now, spaced 0.5 µm", "slices separated by 300 nm": the spacing said anywhere
    distance(new RegExp(String.raw`\b(?:spaced|separated)(?:\s+(?:by|at|out\s+by))?\s+(\d+(?:\.\d+)?)\s*${UNIT}`, 'i').exec(t)) ??
    // "0.5 step": a step said before its word, in µm (singular: "5 steps" counts them)
    distance(/(?<![\d.])(\d*\.\d+|\d+)\s+(?:z[\s-]?)?step\b(?!\s*(?:%|ms|s\b|sec|min))/i.exec(t)) ??
    // "±3 µm, 0.5 steps": a number that is no whole number counts no steps; it is their size (µm)
    distance(/(?<![\d.])(\d*\.\d+)\s+(?:z[\s-]?)?steps\b(?!\s*(?:%|ms|s\b|sec|min))/i.exec(t));
  let rangeUm =
    distance(new RegExp(String.raw`(\d+(?:\.\d+)?)\s*${UNIT}\s*(?:-?\s*(?:thick|deep|tall|range|z[\s-]?stack|stack|(?:in\s+)?total|overall|in z\b))`, 'i').exec(t)) ??
    // ("a 5 slice stack 2 um apart": a distance after the stack's word that says a spacing is its step, not its range)
    distance(new RegExp(String.raw`(?:range|stack|series|thickness|depth)\s*(?:of)?\s*(\d+(?:\.\d+)?)\s*${UNIT}(?!\s*(?:z[\s-]?)?(?:steps?|spacing|apart|intervals?|increments?|between)\b)`, 'i').exec(t)) ??
    distance(new RegExp(String.raw`(?:over|across|spanning|span|covering|cover|through)\s*(\d+(?:\.\d+)?)\s*${UNIT}`, 'i').exec(t));
  // ("21 steps of 0.5 µm", as NIS-Elements counts a Z-series: a whole count of steps with their size after it is the count of planes)
  // ("a 5-slice z stack", "a 7 plane stack": the count said as the stack's adjective, in the singular)
  const planesMatch = new RegExp(String.raw`\b${NUMBER}\s*(?:z[\s-]?)?(?:planes|slices|sections|images in z)\b|\b${NUMBER}[\s-]*(?:z[\s-]?)?(?:plane|slice|section)[\s-]+(?:z[\s-]?)?stack`, 'i').exec(t) ?? new RegExp(String.raw`\b(\d+)\s*(?:z[\s-]?)?steps\s+(?:of|at|@)\s*\d+(?:\.\d+)?\s*${UNIT}`, 'i').exec(t);
  // ("fewer slices please, 5 is enough", "more planes: 15": the one bare count said beside more or fewer planes)
  const moreOrFewer = !planesMatch && /\b(?:fewer|less|more)\s+(?:z[\s-]?)?(?:planes|slices|sections)\b/.test(t) ? [...t.matchAll(new RegExp(String.raw`(?<![\d.-])(\d+)(?![\d.]|\s*(?:${UNIT.slice(1, -1)}|%|ms|s\b|sec|min|h\b|x\b))`, 'gi'))] : [];
  // ("Z-stack 20 µm, 41 steps": a whole count of steps beside the stack's range and no step size counts its planes, as
  // Micro-Manager's and NIS-Elements' Z-series count them; 41 planes over 20 µm are 0.5 µm apart)
  const stepsCounted = !planesMatch && !moreOrFewer.length && stepUm === undefined && rangeUm !== undefined ? /(?<![\d.])(\d+)\s*(?:z[\s-]?)?steps\b/i.exec(t) : null;
  const planes = planesMatch ? toNumber(planesMatch[1] ?? planesMatch[2]) : moreOrFewer.length === 1 ? Number(moreOrFewer[0][1]) : stepsCounted ? Number(stepsCounted[1]) : undefined;
  if (rangeUm === undefined && stepUm === undefined && planes === undefined) {
    // "a 10 µm z-stack": the only distance is the range.
    rangeUm = distance(new RegExp(String.raw`(\d+(?:\.\d+)?)\s*${UNIT}`, 'i').exec(t));
  }
  if (fromTo) {
    const [lo, hi] = [Number(fromTo[1].replace('−', '-')) * unitMicrometres(fromTo[2] ?? fromTo[4] ?? 'µm'), Number(fromTo[3]) * unitMicrometres(fromTo[4] ?? 'µm')].sort((a, b) => a - b);
    const step = stepUm ?? (planes !== undefined && planes > 1 ? round6((hi - lo) / (planes - 1)) : 1);
    // (+ 0: a bound at the focus is 0 µm, never -0)
    return lo <= 0 && hi >= 0 ? { belowUm: round6(-lo) + 0, aboveUm: round6(hi) + 0, stepUm: step } : { rangeUm: round6(hi - lo), stepUm: step };
  }
  if (uneven && uneven[3].toLowerCase() !== uneven[6].toLowerCase()) {
    const [first, second] = [Number(uneven[1]) * unitMicrometres(uneven[2] ?? uneven[5] ?? 'µm'), Number(uneven[4]) * unitMicrometres(uneven[5] ?? uneven[2] ?? 'µm')];
    const [aboveUm, belowUm] = uneven[3].toLowerCase() === 'above' ? [first, second] : [second, first];
    return { aboveUm, belowUm, stepUm: stepUm ?? (planes !== undefined && planes > 1 ? round6((aboveUm + belowUm) / (planes - 1)) : 1) };
  }
  if (around) {
    const half = Number(around[1]) * unitMicrometres(around[2] ?? 'µm');
    return { belowUm: half, aboveUm: half, stepUm: stepUm ?? (planes !== undefined && planes > 1 ? round6((2 * half) / (planes - 1)) : 1) };
  }
  if (planes !== undefined && stepUm !== undefined) return { rangeUm: round6((planes - 1) * stepUm), stepUm };
  if (planes !== undefined && rangeUm !== undefined) return { rangeUm, stepUm: planes > 1 ? round6(rangeUm / (planes - 1)) : Math.max(rangeUm, 1) };
  const now = current ? zPositionsUm(current).positionsUm : undefined;
  const nowRange = now && now.length > 1 ? round6(Math.max(...now) - Math.min(...now)) : undefined;
  const nowStep = current && 'stepUm' in current ? current.stepUm : now && now.length > 1 ? round6((Math.max(...now) - Math.min(...now)) / (now.length - 1)) : undefined;
  if (rangeUm !== undefined) return { rangeUm, stepUm: stepUm ?? nowStep ?? 1 };
  if (stepUm !== undefined) return { rangeUm: nowRange ?? round6(10 * stepUm), stepUm };
  if (planes !== undefined) return { rangeUm: round6((planes - 1) * (nowStep ?? 1)), stepUm: nowStep ?? 1 };
  return undefined;
}

/**
 * Distances said as words become numbers with their unit: "half a micron" is 0.5 µm, "a quarter
 * micron" 0.25 µm, "a micron" 1 µm (so "9 slices half a micron apart" reads its step).
 */
export function spelledDistances(text: string): string {
  const fractions: Record<string, string> = { half: '0.5', quarter: '0.25', third: '0.33', tenth: '0.1' };
  return text
    .replace(new RegExp(String.raw`\b(?:a|one)\s+(half|quarter|third|tenth)(?:\s+of)?(?:\s+an?)?\s+(${DISTANCE_UNIT.slice(3, -1)})\b`, 'gi'), (_, f: string, u: string) => `${fractions[f.toLowerCase()]} ${u}`)
    .replace(new RegExp(String.raw`\b(half|quarter|third|tenth)(?:\s+of)?\s+an?\s+(${DISTANCE_UNIT.slice(3, -1)})\b`, 'gi'), (_, f: string, u: string) => `${fractions[f.toLowerCase()]} ${u}`)
    .replace(new RegExp(String.raw`\b(?:a|one)\s+(${DISTANCE_UNIT.slice(3, -1)})\b`, 'gi'), (_, u: string) => `1 ${u}`);
}

/**
 * The one plane wanted instead of the stack, said as a place to go to rather than a stack to stop ("go back to a single focal
 * plane", "one optical section is enough", "image at one plane"); never a count of planes changed ("one slice more",
 * "add one plane").
 */
const ONE_PLANE_WANTED = /(?:^|\b(?:to|at|on|use|with|in|only|just|want|need|take|image|acquire)\s+)(?:a\s+|the\s+|one\s+)?(?:single|one|1|lone)\s+(?:(?:focal|optical|z|image)[\s-]?)?(?:plane|slice|section|layer)\b(?!\s*(?:more|fewer|less|extra|further|added|per|every|at\s+a\s+time))/i;
/** The planes themselves dropped, without a count ("no more slices", "drop the planes", "skip the sections"). */
const PLANES_DROPPED = /\b(?:no|drop|without|stop|skip|lose|remove|ditch|get rid of)\s+(?:more\s+|the\s+|any\s+|all\s+(?:the\s+)?)?(?:z[\s-]?)?(?:slices|planes|sections|z)\b(?!\s*(?:step|range|spacing|[=:]))/i;

/** Words that take the z-stack away ("no z-stack", "single plane", "back to a single focal plane", "no more slices"). */
export function dropsZStack(text: string): boolean {
  return /\b(no|remove|delete|erase|omit|drop|without|stop|skip|turn off|switch off|disable|get rid of|lose|ditch|scrap|cancel)\b.*\b(z[\s-]?stacks?|stacks?)\b|\b(?:no|without|drop|skip|lose|ditch)\s+(?:more\s+)?z\b(?![\s-]*(?:[=:]|\d|step|range|spacing|planes?|slices?))|^\s*z\s+(?:off|out)\b|\b(?:z[\s-]?stacks?|z[\s-]?series|stacks?)\s+(?:off|disabled|no longer needed|not needed)\b|\b(?:take|leave)\s+(?:the\s+)?(?:z[\s-]?stacks?|stacks?)\s+out\b|\b(?:switch|turn|shut)\b.*\bz[\s-]?stacks?\b.*\boff\b|\bsingle (?:z[\s-]?)?(plane|slice)\b|\b(?:just|only) (?:one|a single|the focal|1) (?:z[\s-]?)?(?:plane|slice)\b/i.test(text) || ONE_PLANE_WANTED.test(text) || (PLANES_DROPPED.test(text) && !/\d/.test(text));
}

/** Stage positions written as coordinates: "(0, 0), (500, 0) and (1000, 200)" or "x=0 y=0; x=500 y=0". */
export function parsePositionList(text: string): StagePosition[] {
  const out: StagePosition[] = [];
  // ("(2000 µm, 350 µm)": each coordinate may carry its unit)
  const um = String.raw`\s*(?:µm|um|microns?)?`;
  const tuple = new RegExp(String.raw`\(\s*${NUM}${um}\s*,\s*${NUM}${um}(?:\s*,\s*${NUM}${um})?\s*\)`, 'g');
  let m: RegExpExecArray | null;
  while ((m = tuple.exec(text))) out.push({ xUm: Number(m[1]), yUm: Number(m[2]), ...(m[3] !== undefined ? { zUm: Number(m[3]) } : {}) });
  if (out.length) return out.map((p, i) => ({ name: `Pos${i}`, ...p }));
  const named = new RegExp(String.raw`\bx\s*[=:]?\s*${NUM}\s*(?:µm|um)?\s*,?\s*(?:and\s+)?y\s*[=:]?\s*${NUM}(?:\s*(?:µm|um)?\s*,?\s*z\s*[=:]?\s*${NUM})?`, 'gi');
  while ((m = named.exec(text))) out.push({ xUm: Number(m[1]), yUm: Number(m[2]), ...(m[3] !== undefined ? { zUm: Number(m[3]) } : {}) });
  // "a position at 1500, -300": a pair without brackets, when a position is what the words are about
  // ("a spot at 100, 200 µm with z 50", "at 1500, -300, z = 20": its focus said after the pair)
  const bare = new RegExp(String.raw`\b(?:at|to)\s+${NUM}\s*(?:µm|um)?\s*,\s*${NUM}\s*(?:µm|um)?(?![\d.]|\s*(?:%|ms|s\b|sec|min|h\b))(?:\s*(?:,|and|with|at)?\s*(?:a\s+)?(?:z|focus|height)\s*(?:=|:|of|at)?\s*${NUM})?`, 'i').exec(text);
  if (!out.length && bare && /\b(?:positions?|fields?|sites?|locations?|spots?|points?)\b/i.test(text)) {
    out.push({ xUm: Number(bare[1]), yUm: Number(bare[2]), ...(bare[3] !== undefined ? { zUm: Number(bare[3]) } : {}) });
    // ("positions at 0,0 and 500,500": each further pair joined by "and", a semicolon or "&" is one more position)
    const more = new RegExp(String.raw`^\s*(?:;|&|and|,\s*and)\s+${NUM}\s*(?:µm|um)?\s*,\s*${NUM}\s*(?:µm|um)?(?![\d.]|\s*(?:%|ms|s\b|sec|min|h\b))`, 'i');
    let rest = text.slice(bare.index + bare[0].length);
    for (let next = more.exec(rest); next; next = more.exec(rest)) {
      out.push({ xUm: Number(next[1]), yUm: Number(next[2]) });
      rest = rest.slice(next[0].length);
    }
  }
  // "add xy position 500, -200": the pair right after the word for a position, when it reads as coordinates
  // (a unit, a sign, a decimal or a value past 9: "positions 3, 4" are two positions by number)
  const afterNoun = new RegExp(String.raw`\b(?:xy\s+)?(?:position|point|location|site|spot|coordinates?)\s*[:=]?\s*${NUM}(\s*(?:µm|um))?\s*,\s*${NUM}(\s*(?:µm|um))?(?![\d.]|\s*(?:%|ms|s\b|sec|min|h\b))`, 'i').exec(text);
  if (!out.length && afterNoun && (afterNoun[2] || afterNoun[4] || [afterNoun[1], afterNoun[3]].some((v) => /[-.]/.test(v) || Math.abs(Number(v)) > 9))) out.push({ xUm: Number(afterNoun[1]), yUm: Number(afterNoun[3]) });
  return out.map((p, i) => ({ name: `Pos${i}`, ...p }));
}

/** "at 3 positions", "five fields", "4 stage positions": the count, or undefined. */
export function positionCount(text: string): number | undefined {
  // ("2 by 2 fields", "3x3 fields": the columns of a grid are no count of positions)
  const m = new RegExp(String.raw`(?<!\d\s*(?:x|×|by)\s*)\b${NUMBER}\s+(?:different\s+|separate\s+|stage\s+|xy\s+)?(?:positions|fields(?: of view)?|locations|sites|spots|points on the stage)\b`, 'i').exec(text);
  if (!m) return undefined;
  const n = toNumber(m[1]);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/**
 * N positions the words did not place: a row along x from the current stage position,
 * 1.5 fields apart at the widest field of view, so no two fields overlap at any objective.
 */
export function spreadPositions(count: number, config: MicroscopeConfig = DEMO_CONFIG, originUm = { xUm: 0, yUm: 0 }): { positions: StagePosition[]; spacingUm: number } {
  const widestFieldUm = Math.max(...config.objectives.map((o) => o.pixelSizeUm)) * Math.max(config.sensorWidthPx, config.sensorHeightPx);
  const spacingUm = Math.ceil(widestFieldUm * 1.5);
  return { positions: Array.from({ length: count }, (_, i) => ({ name: `Pos${i}`, xUm: originUm.xUm + i * spacingUm, yUm: originUm.yUm })), spacingUm };
}

/** "a 3x3 grid", "3 by 4 tiles with 10% overlap". */
export function parseGrid(text: string): GridPlan | undefined {
  // "a 3x3 grid", "3 by 4 tiles", or the noun first: "tile 3x3", "a mosaic of 2 x 2"
  const m =
    new RegExp(String.raw`\b${NUMBER}\s*(?:x|×|by)\s*${NUMBER}\s*(?:grid|tiles?|tiled|tiling|mosaic|fields?|montage)`, 'i').exec(text) ??
    // "tile each position 3x3": a few words may stand between the noun and the size
    // ("stitch 2 by 2", "a stitched 3x3": fields taken to be stitched are a grid)
    new RegExp(String.raw`\b(?:grid|tiles?|tiled|tiling|mosaic|montage|stitch(?:ed|ing)?)\s+(?:(?:of|as|in|into|with)\s+)?(?:[a-z]+\s+){0,3}?(?:an?\s+)?${NUMBER}\s*(?:x|×|by)\s*${NUMBER}\b`, 'i').exec(text);
  if (!m) return undefined;
  const overlap = /(\d+(?:\.\d+)?)\s*(?:%|percent)\s*overlap|overlap(?:ping)?\s*(?:of|by)?\s*(\d+(?:\.\d+)?)\s*(?:%|percent)/i.exec(text);
  return { rows: toNumber(m[1]), columns: toNumber(m[2]), overlapPercent: overlap ? Number(overlap[1] ?? overlap[2]) : 0 };
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
