// Arguments read from the schema alone: a number with its unit next to the words of an
// argument's name or description ("a linking distance of 10 px" → maxLinkingDistancePx: 10,
// "the pixel size is 0.65 microns" → pixelSizeUm: 0.65, "30 s apart" → frameIntervalS: 30),
// and an allowed value the words name ("dark cells" → objects: dark). Nothing here knows a
// tool: adding an argument to a schema is enough for it to be read.
import { leftOutSaidAfter } from '../../../tools/leftOutAfter.ts';
import type { Catalogue, PropertyInfo } from './catalogue.ts';
import { findEnumValue } from './enums.ts';
import { FRAMES_BY_PLACE_BEFORE, withoutExcludedScopeOnly } from './extract.ts';
import { countOfThings, findQuantities, parseNumber, type Quantity, seconds } from './quantities.ts';
import { meaning, normalizeWord, tokenize } from './words.ts';
import { namesMeasuredQuantity } from './measuredWords.ts';
import { comparedNumberAt } from './comparedValue.ts';
import { namesAnotherSetting } from './qualifiedSetting.ts';

/** Artifact inputs and outputs: named by references and paths, never by a number. */
const NOT_STATED = new Set(['movie', 'labels', 'tracks', 'table', 'output', 'result', 'truth', 'groundTruth', 'step', 'tool']);

type UnitKind = 'px' | 'um' | 'time_s' | 'time_ms' | 'percent' | 'frames' | 'factor' | 'plain';

/** What an argument's name says about its unit ("maxLinkingDistancePx" → px, "frameIntervalS" → seconds). */
function unitOfArgument(name: string, p: PropertyInfo): UnitKind {
  if (/Px$|Pixels?$/.test(name)) return 'px';
  if (/Um$|Microns?$/.test(name)) return 'um';
  if (/Ms$/.test(name)) return 'time_ms';
  if (/(?:[a-z]S|Seconds?)$/.test(name)) return 'time_s';
  if (/Percent$/.test(name)) return 'percent';
  if (/Factor$|Fold$|^factor$|^zoom$/.test(name)) return 'factor';
  if (/Frames?$|Gap$|Lags?$/.test(name) || /\bframes\b/i.test(p.description ?? '')) return 'frames';
  return 'plain';
}

/** The value of the quantity in the argument's unit, or undefined when the units do not fit. */
function inUnit(q: Quantity, unit: UnitKind, pixelSizeUm?: number): number | undefined {
  switch (unit) {
    // ("it never exceeds 10 µm" at 0.5 µm/px: 20 px, with the movie's pixel size known)
    // (an area is no length: "20 µm²" with no pixel size known fits no argument in pixels; µm² were made px² before when known)
    case 'px': return q.squared ? (q.unit === 'px' ? q.value : undefined) : q.unit === 'px' || q.unit === '' ? q.value : pixelSizeUm && pixelSizeUm > 0 && (q.unit === 'um' || q.unit === 'nm') ? Number(((q.unit === 'nm' ? q.value / 1000 : q.value) / pixelSizeUm).toFixed(2)) : undefined;
    case 'um': return q.unit === 'um' ? q.value : q.unit === 'nm' ? q.value / 1000 : undefined;
    case 'time_s': return q.kind === 'time' ? seconds(q) : undefined;
    case 'time_ms': return q.kind === 'time' ? seconds(q) * 1000 : undefined;
    case 'percent': return q.unit === '%' || q.unit === '' ? q.value : undefined;
    case 'frames': return q.unit === 'frame' || q.unit === '' ? q.value : undefined;
    case 'factor': return q.unit === '' || q.unit === 'x' ? q.value : undefined;
    // "2x" is a factor, never a channel or a count
    default: return q.unit === '' ? q.value : undefined;
  }
}

function meanings(text: string): string[] {
  return tokenize(text).map((t) => meaning(t.stem));
}

/** The words of an argument's name without its unit ("maxLinkingDistancePx" → max, linking, distance). */
export function nameWords(name: string): string[] {
  return meanings(name.replace(/(Px|Pixels?|Um|Ms|S|Seconds?|Percent)$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'));
}

function withinBounds(value: number, p: PropertyInfo & { minimum?: number; maximum?: number; exclusiveMinimum?: number }): boolean {
  if (p.minimum !== undefined && value < p.minimum) return false;
  if (p.exclusiveMinimum !== undefined && value <= p.exclusiveMinimum) return false;
  if (p.maximum !== undefined && value > p.maximum) return false;
  return !(isInteger(p) && !Number.isInteger(value));
}

function isInteger(p: PropertyInfo): boolean {
  return [p.type, ...(p.anyOf ?? []).map((a) => a.type)].flat().includes('integer') && ![p.type, ...(p.anyOf ?? []).map((a) => a.type)].flat().includes('number');
}

function isNumeric(p: PropertyInfo): boolean {
  const types = [p.type, ...(p.anyOf ?? []).map((a) => a.type)].flat();
  return types.includes('number') || types.includes('integer');
}

/**
 * Numbers with units the words tie to the tool's numeric arguments: each quantity goes to
 * the argument whose name words (twice) and description words are nearest it, when its
 * unit fits; each argument takes one number.
 */
export function statedNumbers(tool: string, clause: string, catalogue: Catalogue, used: Set<number> = new Set(), pixelSizeUm?: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [arg, { value }] of Object.entries(statedNumbersScored(tool, clause, catalogue, used, pixelSizeUm))) out[arg] = value;
  return out;
}

/** As statedNumbers, with how many of the argument's own name words stand by each number (2 each) and its description's (0.5 each). */
/**
 * "with a bleach rate of seven", "epochs = twelve": a whole number said as a word right after the word that gives a
 * setting its value, written as digits (a word with a unit after it, "seven pixels", is read as a quantity already).
 */
export function valueWordsAsDigits(text: string): string {
  return text.replace(/\b(of|=|to|is|be|at|equals?)(\s+)([a-z]+(?:-[a-z]+)?)\b(?!\s*(?:px|pixels?|µm|um|microns?|micrometers?|micrometres?|s|sec|seconds?|min|minutes?|ms|h|hours?|frames?|%|percent)\b)/gi, (m, lead: string, space: string, word: string) => {
    if (/^(?:a|an|one)$/i.test(word)) return m;
    const n = parseNumber(word.replace(/-/g, ' '));
    return n !== undefined && Number.isInteger(n) && n >= 0 && !/\d/.test(word) ? `${lead}${space}${n}` : m;
  });
}

/** The things, then words of being there, then "for"/"in" and a comparison: what follows says how long they last. */
const LASTING_BEFORE = /\b(?:cells?|nuclei|nucleus|objects?|tracks?|spots?|blobs?|particles?|ones)\s+(?:(?:that|which|who|only|just|are|is|were|was|there|present|seen|visible|detected|found|appear\w*|last\w*|exist\w*|around|less|fewer|more|under|over|than|at|least|most)\s+)*(?:for|in|over)\s+(?:(?:only|just|about|around|under|over|less|fewer|more|than|at|least|most|up|to)\s+)*(?:\d+(?:\.\d+)?\s*(?:or|to|-|–|and)\s*)?$/i;
/** After a count: the frames it counts (with a second count, "1 or 2 frames"). */
const LASTING_AFTER = /^\s*(?:(?:or|to|-|–|and)\s*\d+\s*)?(?:frames?|time ?points?|timepoints?)\b/i;

export function statedNumbersScored(tool: string, said: string, catalogue: Catalogue, used: Set<number> = new Set(), pixelSizeUm?: number): Record<string, { value: number; score: number }> {
  const clause = valueWordsAsDigits(said);
  const props = catalogue.get(tool)?.properties ?? {};
  const candidates = Object.entries(props).filter(([name, p]) => !NOT_STATED.has(name) && isNumeric(p));
  if (candidates.length === 0) return {};
  const out: Record<string, { value: number; score: number }> = {};
  // the meanings of the tool's allowed values ("lap", "gaussian") and of its arguments' names and descriptions
  const valueMeanings = new Set(Object.values(props).flatMap((p) => [...(p.enum ?? []), ...(p.anyOf ?? []).flatMap((a) => a.enum ?? [])]).filter((v): v is string => typeof v === 'string').flatMap((v) => meanings(v.replace(/_/g, ' '))));
  const argumentMeanings = new Set(Object.entries(props).filter(([name]) => !NOT_STATED.has(name)).flatMap(([name, p]) => [...nameWords(name), ...meanings((p.description ?? '').split(/[;(.]/)[0])]));
  const toolMeanings = new Set([...argumentMeanings, ...valueMeanings, ...meanings(catalogue.get(tool)?.description ?? '')]);
  for (const v of valueMeanings) argumentMeanings.delete(v);
  // a channel or frames ruled out ("except channel 2") is no value to use
  // (the words that leave a scope out stay: "Exclude the first 2 frames and anything below 25 px" leaves the small ones out too)
  const scoped = withoutExcludedScopeOnly(clause);
  const quantities = findQuantities(scoped);
  const ranged = boundsOfRanges(clause, quantities, props, candidates.map(([name]) => name));
  for (const [name, value] of Object.entries(ranged.values)) out[name] = { value, score: 4 };
  // ("was the drift under 50 px?": the number a yes/no question compares with is the question's, never a setting)
  const comparedAt = comparedNumberAt(scoped);
  for (const q of quantities) {
    if (ranged.taken.has(q.start) || q.start === comparedAt) continue;
    // ("cells may disappear for 1 or 2 frames", "gaps of 2-4 frames": the low end of a count of frames said for one value is
    // none, the high end with its unit is the value; never a size)
    if (q.unit === '' && LOW_END_OF_FRAMES.test(q.after)) continue;
    // coordinates and ranges ("(5, 6)", "5 to 9"); "snr 5, drift 2 px" is a list
    // ("t-SNE (perplexity 50)": a number closing a bracket is a coordinate only after another one, "(5, 6)")
    if (q.kind === 'count' && (/^\s*,\s*-?\d|^\s*(?:to|-)\s*\(?\d/.test(q.after) || (/^\s*\)/.test(q.after) && /[(,]\s*-?\d+(?:\.\d+)?\s*[,;]\s*$/.test(q.before)))) continue;
    if (used.has(q.value)) continue; // the tool's own reading took it already
    // "frame 5", "time point 12": a position in the movie, never an amount of frames
    if (/\b(?:frames?|time ?points?|timepoints?)\s*#?\s*(?:(?:from\s+|between\s+)?\d+\s*(?:-|–|to|through|thru|and)\s*)?$/i.test(q.before)) continue;
    // "plate 3", "well 4", "movie 7", "passage 12", "ID 2024": a number that labels which data is no setting
    // ("position 3", "well 4", "site 2", "tile 5", "series 2": which field of a multi-position recording)
    if (q.unit === '' && /\b(?:positions?|pos\.?|wells?|sites?|tiles?|series|rois?|regions?|plates?|dish(?:es)?|experiments?|expts?|replicates?|reps?|samples?|embryos?|movies?|videos?|files?|stacks?|fields?|fovs?|slides?|coverslips?|days?|mice|mouse|animals?|patients?|donors?|figures?|figs?\.?|panels?|conditions?|batch(?:es)?|passages?|ids?|no\.?|#)\s*#?\s*$/i.test(q.before)) continue;
    // "the Dec-2 movie", "day-3": a number joined after a word by a hyphen, or after a month, names which data, no setting
    // ("segment in 3-D", "3-class otsu", "8-connected objects", "a 2-D projection": a number joined before a word by a hyphen,
    // the word no unit and no factor, names a mode or a kind, never a size; "a 2-fold increase" stays a factor)
    if (q.unit === '' && /^-(?!(?:fold|times|x)\b)[\p{L}]/iu.test(q.after)) continue;
    if (/[\p{L}]-$/u.test(q.before) || /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s*$/i.test(q.before)) continue;
    // "skip cells only there for 1 or 2 frames", "nuclei present in fewer than 3 frames": how long the things last is a
    // condition on them, never a setting (no gap, no lag)
    if (LASTING_BEFORE.test(q.before) && (q.unit === 'frame' || LASTING_AFTER.test(q.after))) continue;
    // "the first 10 frames": which frames, for a tool that takes a frame range
    const which = FRAMES_BY_PLACE_BEFORE.test(q.before) && (q.unit === 'frame' || /^\s*(?:frames?|time ?points?|timepoints?)\b/i.test(q.after));
    if (which && 'frames' in props) continue;
    // the words by the number, up to a comma, a conjunction or another number
    const edge = /[,;.\d]|\b(?:and|or|but|then)\b/;
    // (up to 60 characters before: "the splitting max distance should be 2.5 px" names its argument in more than the role's ~32)
    const before = scoped.slice(Math.max(0, q.start - 60), q.start);
    const nearBefore = meanings(before.split(edge).at(-1) ?? '');
    // (words after the number from a negation on are another setting's: "15px no gaps" is no gap distance)
    // ("min area 20 max area 400": words after the number that lead another number are that number's, once this one has
    // words of its own before it)
    const afterWords = q.after.split(edge)[0];
    const leadsNext = nearBefore.length > 0 && /^\d/.test(q.after.slice(afterWords.length));
    const near = new Set([...nearBefore, ...(leadsNext ? [] : meanings(afterWords.split(/\b(?:no|not|without|w\/o)\b/i)[0] ?? ''))]);
    // "keep the ones bigger than 50 px" is a lower bound, "throw away anything larger than 400 px" an upper one
    const said = new Set(near);
    // (the words before the number as far as the argument's words are read: "throw away anything smaller than 10 px" keeps its verb)
    const bound = boundOf(before.split(/[,;.]/).at(-1) ?? '', scoped.slice(q.end));
    if (bound) near.add(meaning(normalizeWord(bound)));
    // ("smaller than 40 px²": a squared unit says the area, and is never a length such as a radius)
    const area = isSquared(q);
    const sizeCompared = q.kind === 'length' && SIZE_COMPARED.test(before.split(/[,;.]/).at(-1) ?? '');
    if (area) {
      near.add(AREA_MEANING);
      said.add(AREA_MEANING);
    }
    // ("circularity above 0.8": a bare number compared on a quantity some tool measures is that quantity's, never a setting
    // whose words do not name it, whatever things the sentence names: "nuclei" is no object radius)
    // ("anything dimmer than 400 is background", "pixels above 1000 are foreground": a bare level said to part the background from
    // the rest is on the pixels' intensity, the setting whose description opens on it, 'Intensity threshold ...')
    const ofPixels = q.unit === '' && !!bound && PARTS_BACKGROUND.test(`${before.split(/[,;.]/).at(-1) ?? ''} ${q.after.split(/[,;.]/)[0]}`);
    const compared = q.unit === '' && bound ? comparedQuantity(before.split(/[,;.]/).at(-1) ?? '') ?? (ofPixels ? INTENSITY_MEANING : undefined) : undefined;
    // "using 8 threads", "3 replicates": a bare number counting a thing of its own (a plural noun after it) is no setting its argument does not name there
    const counted = q.unit === '' ? /^\s*([a-z]{3,}s)\b/i.exec(q.after)?.[1] : undefined;
    // ("the 3 most motile cells", "the 5 largest", "top 10 brightest", "the two biggest nuclei", "3 motile cells": a count of
    // things, ranked or not, is no size, distance or time: only an argument with no unit, named by its own words, takes it)
    const ofThings = countOfThings(q);
    const namedBound = q.kind === 'length' ? /\b(min|max)(?:imum)?\.?\s+(?:[\p{L}-]+\s+)?(?:size|radius|radii|diameter|width)\s*(?:of\s+|=\s*|:\s*|is\s+)?$/iu.exec(before)?.[1].toLowerCase() : undefined;
    // ("a quality threshold of 50", "flow_threshold 0.4": a number of a setting of another quantity, one no word of this tool
    // names, is no argument's: neither the one whose word it shares nor any other)
    if (candidates.some(([name]) => namesAnotherSetting(scoped.slice(Math.max(0, q.start - 60), q.start), nameWords(name), toolMeanings))) continue;
    let best: { name: string; score: number; value: number; compact?: number } | undefined;
    for (const [name, p] of candidates) {
      if (counted && !nameWords(name).includes(meaning(normalizeWord(counted)))) continue;
      // ("movie 3 (2 channels)": a count of the things a 1-based position names is no position)
      if (counted && /\b1-based\b/i.test(p.description ?? '')) continue;
      if (ofThings && unitOfArgument(name, p) !== 'plain') continue;
      // ("cells move no more than 2 µm/min": a length per unit of time is a speed, never a length setting)
      if (q.kind === 'length' && PER_TIME_AFTER.test(q.after) && (unitOfArgument(name, p) === 'px' || unitOfArgument(name, p) === 'um')) continue;
      if (name in out) continue;
      if (area && !nameWords(name).includes(AREA_MEANING)) continue;
      // ("the cells bigger than 40 px": a size compared is on the objects' size, never a distance or a smoothing: only a setting
      // whose name says a size, an area or a radius takes it)
      // (a setting named by its own words stays its: "seed distance no smaller than 7 px")
      if (sizeCompared && !nameWords(name).some((w) => SIZE_MEANINGS.has(w) || said.has(w))) continue;
      // (and only a bound: "nuclei larger than 5 µm in diameter" is no typical object radius; a diameter or radius compared
      // is a length, never an area: the tool's own reading turns it into one)
      if (sizeCompared && !/^(?:min|max)(?:imum)?(?=[A-Z])/.test(name)) continue;
      // ("nuclei under 4 µm diameter", "8 px across": the length of an object, only a setting named for one takes it)
      // (compared, "under 4 µm diameter", it is a bound on the objects' size, which the tool's own reading turns into an area)
      if (q.kind === 'length' && /^\s*(?:across|in\s+diameter|diameter|wide|in\s+radius|radius)\b/i.test(q.after) && (!!bound || sizeCompared || !/radius|diameter|width/i.test(name))) continue;
      if (compared && !nameWords(name).includes(compared) && !meanings((p.description ?? '').split(/[;(.]/)[0]).includes(compared)) continue;
      // ("max radius 12 px", "minimum diameter 10 px": a length said after a bound's word goes only to a setting of that bound)
      if (namedBound && !new RegExp(`(?:^${namedBound}|${namedBound[0].toUpperCase()}${namedBound.slice(1)})(?:imum)?(?=[A-Z])`).test(name)) continue;
      // (a lower bound is never an upper one's value: "only those faster than 2 px per frame" is no max linking distance)
      if ((bound === 'min' && /(?:^max|Max)(?:imum)?(?=[A-Z])/.test(name)) || (bound === 'max' && /(?:^min|Min)(?:imum)?(?=[A-Z])/.test(name))) continue;
      // (a length in µm becomes pixels only for a length: never an area, never the pixel size itself)
      // ("at least 50% IoU", "overlap by 40%": a share in % of a setting that is a fraction, 0..1, is the fraction)
      const raw = q.unit === '%' && isFraction(name, p) ? q.value / 100 : inUnit(q, unitOfArgument(name, p), /area/i.test(name) || q.per ? undefined : pixelSizeUm);
      const value = raw !== undefined && isInteger(p) && q.unit !== '' && q.unit !== 'px' ? Math.round(raw) : raw;
      if (value === undefined || !withinBounds(value, p)) continue;
      const own = nameWords(name);
      const described = meanings((p.description ?? '').split(/[;(.]/)[0]);
      // (of two arguments named as well, the one whose word stands nearer the number: "the nuclei with a sigma of 2" is the sigma's)
      const closest = Math.max(-1, ...own.map((w) => nearBefore.lastIndexOf(w)));
      // (and of two named by as many words, the one whose words all stand nearer: "link the objects with a splitting max distance of 7 px" is the splitting's)
      const farthest = Math.min(...own.map((w) => nearBefore.lastIndexOf(w)).filter((i) => i >= 0));
      const score = 2 * own.filter((w) => near.has(w)).length + 0.5 * new Set(described.filter((w) => near.has(w) && !own.includes(w) && !MODALS.has(w))).size + (closest >= 0 ? 0.25 * (closest + 1) / nearBefore.length : 0);
      const compact = Number.isFinite(farthest) ? farthest : -1;
      // a bare number needs its argument's own words; a number with a unit may lean on the description
      // (the bound a comparison states is no name word by itself: "circularity above 0.8" is no minimum area)
      // ("with a smoothing of 2": a bare number right after a word of the head of the argument's description, "Gaussian smoothing before thresholding")
      const head = meanings((p.description ?? '').split(/[,;(.:]/)[0]).filter((w) => w.length >= 5);
      const lead = nearBefore.filter((w) => !['of', 'is', 'be', 'at', 'to'].includes(w)).at(-1);
      const byHead = q.unit === '' && !!lead && head.includes(lead) && !Object.entries(props).some(([other, op]) => other !== name && meanings((op.description ?? '').split(/[,;(.:]/)[0]).includes(lead));
      const levelOfPixels = ofPixels && !!compared && meanings((p.description ?? '').split(/[,;(.:]/)[0]).includes(compared);
      if (own.every((w) => !said.has(w)) && (q.unit === '' || score === 0) && !byHead && !levelOfPixels) continue;
      // "skip the first 3 frames" is no gap; "the first 5 frames as baseline" is the baseline: which frames, for an argument whose own word is said
      // ("normalise to the first three frames": for a tool without a frame range, the argument whose description counts frames from the first)
      if (which && !own.some((w) => said.has(w) && w !== FRAME_MEANING) && !(own.includes(FRAME_MEANING) && described.includes(FIRST_MEANING))) continue;
      // a bound in frames on something else ("tracks shorter than 5 frames") is no gap or lag: an own word other than the unit and the bound must be said
      if (bound && q.unit === 'frame' && !own.some((w) => said.has(w) && w !== FRAME_MEANING && w !== meaning(normalizeWord(bound)))) continue;
      if (!best || score > best.score || (score === best.score && compact > (best.compact ?? -1))) best = { name, score, value, compact };
    }
    // "tracking: LAP, 12 px", "denoise: gaussian, 2 px": a length or time standing alone in a list of settings, with no word
    // of its own, is the first argument of the tool in its unit (the schema lists a tool's main one first; the others
    // default to it): applied, never dropped
    // ("trk lap 15px": after only a method the tool offers, and words that name none of its arguments, it stands alone too)
    const afterValue = nearBefore.some((w) => valueMeanings.has(w)) && nearBefore.every((w) => valueMeanings.has(w) || !argumentMeanings.has(w)) && /^\s*(?:[,;.)]|$|\b(?:no|and|then|with)\b)/i.test(q.after);
    const alone = q.unit !== '' && q.unit !== 'frame' && ((nearBefore.length === 0 && /^\s*(?:[,;.)]|$)/.test(q.after) && /(?:^|[,:;(]|\b(?:and|with|at|of)\b)\s*$/i.test(before)) || afterValue);
    if (!best && alone && !area) {
      for (const [name, p] of candidates) {
        if (name in out || /area/i.test(name)) continue;
        const value = inUnit(q, unitOfArgument(name, p), q.per ? undefined : pixelSizeUm);
        if (value === undefined || !withinBounds(value, p)) continue;
        best = { name, score: 0, value: isInteger(p) && q.unit !== 'px' ? Math.round(value) : value };
        break;
      }
    }
    if (best) out[best.name] = { value: best.value, score: best.score };
  }
  return out;
}

/**
 * "between 25 and 500 px in area", "areas from 30 to 800 px", "an area of 40-900 px": a range said of the words a
 * pair of arguments shares (minAreaPx / maxAreaPx) gives the pair its two ends; the numbers' starts are returned taken.
 */
function boundsOfRanges(clause: string, qs: Quantity[], props: Record<string, PropertyInfo>, names: string[]): { values: Record<string, number>; taken: Set<number> } {
  const values: Record<string, number> = {};
  const taken = new Set<number>();
  const pairs = names.filter((n) => /^min[A-Z]/.test(n)).map((min) => [min, `max${min.slice(3)}`] as const).filter(([, max]) => names.includes(max));
  if (pairs.length === 0) return { values, taken };
  for (let i = 0; i + 1 < qs.length; i++) {
    const [low, high] = [qs[i], qs[i + 1]];
    const between = clause.slice(low.end, high.start);
    if (!/^\s*(?:px|pixels?|µm²?|um2?|microns?)?\s*(?:and|(?:up\s+)?to|-|–|—|~|through|thru)\s*$/i.test(between) || (low.unit !== '' && high.unit !== '' && low.unit !== high.unit)) continue;
    // ("in frames 5 to 10 measure the cells bigger than 40 px": a range of frames, time points or slices is which ones, no bounds of a setting)
    if (/\b(?:frames?|time\s?points?|timepoints?|slices?|planes?|stacks?)\s*#?\s*(?:from\s+|between\s+)?$/i.test(clause.slice(0, low.start))) continue;
    const near = new Set([...meanings(clause.slice(Math.max(0, low.start - 40), low.start).split(/[,;.]/).at(-1) ?? ''), ...meanings(clause.slice(high.end).split(/[,;.]|\b(?:and|then|but)\b/)[0] ?? '')]);
    // ("objects 8-12 px radius", "a diameter of 10 to 20 px": a range said of a length is no area)
    if (!isSquared(high) && (LENGTH_AFTER_RANGE.test(clause.slice(high.end)) || LENGTH_BEFORE_RANGE.test(clause.slice(Math.max(0, low.start - 40), low.start)))) continue;
    // ("80-400 px²": a squared unit says the area)
    if (isSquared(high)) near.add(AREA_MEANING);
    // ("keep objects between 30 and 800 pixels", "cells from 25 to 600 px": a size of things in pixels is a count of their
    // pixels, their area, as ImageJ's particle sizes are; a size in µm could be a diameter and is left to the words)
    if ((high.unit === 'px' || low.unit === 'px') && THINGS_SIZED_BEFORE.test(clause.slice(Math.max(0, low.start - 40), low.start))) near.add(AREA_MEANING);
    for (const [min, max] of pairs) {
      const shared = nameWords(min).filter((w) => nameWords(max).includes(w));
      if (shared.length === 0 || !shared.every((w) => near.has(w)) || min in values) continue;
      const unitOf = (q: Quantity) => (q.unit === '' ? { ...q, unit: high.unit || low.unit } : q);
      const [a, b] = [inUnit(unitOf(low), unitOfArgument(min, props[min])), inUnit(unitOf(high), unitOfArgument(max, props[max]))];
      if (a === undefined || b === undefined || a >= b || !withinBounds(a, props[min]) || !withinBounds(b, props[max])) continue;
      values[min] = a;
      values[max] = b;
      taken.add(low.start).add(high.start);
    }
  }
  return { values, taken };
}

/** A length named right after a range ("8-12 px radius", "10-20 µm in diameter", "5-8 px across") or just before it ("a radius of"). */
const LENGTH_AFTER_RANGE = /^\s*(?:px|pixels?|µm|um|microns?)?\s*(?:in\s+)?(?:radius|radii|diameter|across|wide|width|long)\b/i;
const LENGTH_BEFORE_RANGE = /\b(?:radius|radii|diameter|width)\s+(?:of\s+|is\s+|=\s*)?(?:between|from|about|around)?\s*$/i;

/** Things, or their size, just before a range ("objects between", "cells from", "anything sized", "things of"). */
const THINGS_SIZED_BEFORE = /\b(?:objects?|cells?|nuclei|nucleus|blobs?|particles?|spots?|things?|anything|ones|those|these|sizes?|sized)\s+(?:(?:that\s+are|which\s+are|are|is|of|with|in)\s+)?(?:(?:sizes?|sized)\s+)?(?:between|from|of)?\s*$/i;
const FRAME_MEANING = meaning(normalizeWord('frame'));
const AREA_MEANING = meaning(normalizeWord('area'));
/** "bigger than", "smaller than", "tinier than": a comparison of size, whose number only a size setting takes. */
const SIZE_COMPARED = /\b(?:bigger|larger|smaller|tinier|wider|narrower)\s+than\s*$|\b(?:bigger|larger|smaller|tinier)\s+(?:than\s+)?(?:about\s+|around\s+|~\s*)?$/i;
const SIZE_MEANINGS = new Set(['area', 'size', 'radius', 'diameter', 'width'].map((w) => meaning(normalizeWord(w))));

/** A length said squared ("40 px²", "40 px^2", "40 pixels squared"): an area. */
function isSquared(q: Quantity): boolean {
  return q.kind === 'length' && /^\s*(?:²|\^\s*2|2\b|squared\b)/i.test(q.after);
}
const FIRST_MEANING = meaning(normalizeWord('first'));
const INTENSITY_MEANING = meaning(normalizeWord('intensity'));
/** Words that say a level parts the background from the rest ("... is background", "... counts as foreground", "background below 300"). */
const PARTS_BACKGROUND = /\b(?:background|foreground)\b/i;

const GREATER = /\b(?:bigger|larger|greater|more|over|above|longer|faster|quicker|brighter|rounder|further|farther|exceed(?:s|ing)?|at\s+least)\s*(?:than\s*)?$|(?:>=?|≥)\s*$/i;
const LESS = /\b(?:smaller|less|fewer|under|below|shorter|tinier|slower|dimmer|darker|fainter|closer|nearer|at\s+most|up\s+to)\s*(?:than\s*)?$|(?:<=?|≤)\s*$/i;
// ("nothing bigger than 3000 px", "no blobs smaller than 20 px": none of those kept)
const EXCLUDING = /\b(?:drop\w*|remov\w*|discard\w*|exclud\w*|ignor\w*|omit\w*|throw\w*\s+(?:away|out)|get\s+rid|filter\w*\s+out|leav(?:e|ing)\s+out|without|except|skip\w*|nothing|none|no\s+(?:\w+\s+)?(?:objects?|nuclei|cells?|blobs?|ones?|spots?|particles?|tracks?))\b/i;

/** Which bound a comparison before a number states ("only bigger than 50" → min, "drop larger than 400" → max), or undefined. */
function boundOf(before: string, after = ''): 'min' | 'max' | undefined {
  // ("objects of 20 px or more", "50 px and up", "100 px+": the bound said after the number)
  // (not a second bound: "larger than 30 px and smaller than 2000")
  if (/^\s*(?:²|\^\s*2)?\s*(?:(?:or|and)\s+(?:more|larger|bigger|greater|above|over|up(?:wards)?|higher|longer)\b(?!\s*(?:than\b|\d))|\+)/i.test(after)) return 'min';
  if (/^\s*(?:²|\^\s*2)?\s*(?:or|and)\s+(?:less|smaller|fewer|below|under|lower|shorter)\b(?!\s*(?:than\b|\d))/i.test(after)) return 'max';
  // "a moving average over 3 frames", "smoothed over 5 frames": the span a window covers, no bound
  if (/\b(?:averag\w*|mean|smooth\w*|sum\w*|window|integrat\w*|filter\w*|project\w*)\s+over\s*$/i.test(before)) return undefined;
  // ("smooth the traces over 3 frames", "average each track over 5 frames": the smoothing verb, its object between)
  if (/\b(?:averag(?:e|es|ed|ing)|smooth\w*|integrat\w*)\s+(?:the|its|their|each|every|all|my|our|these|those|them|it)\s+(?:[\p{L}-]+\s+)?over\s*$/iu.test(before)) return undefined;
  // "it never exceeds 10 µm", "not more than 25 px", "never goes beyond 3": an upper bound however the comparison reads
  // ("it won't be more than 10 px", "shouldn't exceed": a negation joined to its verb, "n't", negates as "not" does)
  if (/(?:\b(?:never|not|no)|n't)\s+(?:\w+\s+)?(?:exceed\w*|go(?:es)?\s+(?:above|over|beyond)|more|bigger|larger|greater|above|over|beyond)\s*(?:than\s*)?$/i.test(before)) return 'max';
  // "I doubt anything moves more than 10 px", "hardly any cell goes beyond 8 px": a comparison doubted is a ceiling too
  if (/\b(?:doubt|doubtful|unlikely|hardly|barely|scarcely|rarely|seldom)\b(?:\s+(?:that|if|whether|any|anything|anyone|ever|they|it|the|a|an|single|of|them|cells?|nuclei|objects?|ones?|\w+(?:s|es)))*\s+(?:\w+\s+)?(?:exceed\w*|go(?:es)?\s+(?:above|over|beyond)|moves?\s+(?:more|over|beyond)|more|bigger|larger|greater|above|over|beyond|further|farther)\s*(?:than\s*)?$/i.test(before)) return 'max';
  // "no smaller than 50 px", "not less than 3": a lower bound however the comparison reads
  if (/(?:\b(?:never|not|no)|n't)\s+(?:\w+\s+)?(?:smaller|less|fewer|under|below|shorter|tinier)\s*(?:than\s*)?$/i.test(before)) return 'min';
  const greater = GREATER.test(before);
  if (!greater && !LESS.test(before)) return undefined;
  // ("if some are tiny (under 20 px) throw them out": the exclusion said after the number, of the things compared)
  // ("Objects smaller than 50 px or touching the border were excluded": the passive of a methods sentence, further on within its clause)
  // ("anything under 30 px discarded", "... should be removed": tools/leftOutAfter.ts)
  const excludedAfter = leftOutSaidAfter(after);
  return greater !== (excludes(before) || excludedAfter) ? 'min' : 'max';
}

const EXCLUDE_MEANING = meaning(normalizeWord('exclude'));
const OBJECT_MEANING = meaning(normalizeWord('object'));

/** The quantity a comparative of a quality compares: brightness is the intensity, quickness the speed, roundness the circularity. */
const QUANTITY_OF_QUALITY: Record<string, string> = { brighter: 'intensity', dimmer: 'intensity', darker: 'intensity', fainter: 'intensity', faster: 'speed', slower: 'speed', quicker: 'speed', rounder: 'circularity' };

/**
 * The quantity a comparison is said of, when some tool measures it ("circularity above", "mean speed over") or the word is
 * formed as a quantity's name ("solidity", "roundness", "aspect ratio"); never the things themselves ("nuclei above").
 */
function comparedQuantity(before: string): string | undefined {
  // ("brighter than 500", "dimmer than 300", "slower than 2": a comparative of a quality names the quantity it compares, never the things)
  const quality = /\b(brighter|dimmer|darker|fainter|faster|slower|quicker|rounder)\s+than\s*$/i.exec(before);
  if (quality) return meaning(normalizeWord(QUANTITY_OF_QUALITY[quality[1].toLowerCase()]));
  const m = /([\p{L}-]+)\s+(?:(?:is|are|of)\s+)?(?:(?:more|less|greater|smaller|larger|bigger|longer|shorter|higher|lower|fewer)\s+than|above|below|over|under|exceeding|at\s+(?:least|most)|[<>≥≤]=?)\s*$/iu.exec(before);
  if (!m) return undefined;
  const word = tokenize(m[1])[0];
  if (!word || meaning(word.stem) === OBJECT_MEANING || (!namesMeasuredQuantity(m[1]) && !/(?:ity|ness|ratio|index|score|length|width|size)$/i.test(m[1]))) return undefined;
  return meaning(word.stem);
}

/** The words leave things out: a verb of the list, or any word the thesaurus reads as excluding ("toss the debris under 15 px"; "leave" only as "leave out"). */
function excludes(before: string): boolean {
  return EXCLUDING.test(before) || tokenize(before).some((t) => meaning(t.stem) === EXCLUDE_MEANING && !/^leav/.test(t.word));
}

/** True when a word of the argument's name stands within three words of the value ("bicubic interpolation", "first as the reference"). */
function nearName(arg: string, value: string, clause: string): boolean {
  const words = meanings(clause);
  const own = nameWords(arg);
  const v = meanings(value.replace(/_/g, ' '));
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== v[0]) continue;
    if (words.slice(Math.max(0, i - 3), i + v.length + 3).some((w) => own.includes(w) && !v.includes(w))) return true;
  }
  return false;
}

/** Of the allowed values said within three words of the argument's name, the closest (after the name on a tie: "target cells"). */
function nearestValue(arg: string, values: string[], clause: string): string | undefined {
  // (the value as written: "cells" and "nuclei" are one meaning, but "target cells" names cells)
  const tokens = tokenize(clause);
  const words = tokens.map((t) => t.stem);
  const own = nameWords(arg);
  // (the argument's name as written: "cells" is no word of "objects", though the thesaurus reads both as things found)
  const literal = tokenize(arg.replace(/([a-z])([A-Z])/g, '$1 $2')).map((t) => t.stem);
  const named = tokens.map((t) => literal.includes(t.stem));
  // (a value counts only beside the argument's name: a clause that does not say the name has none, whatever its values)
  if (!named.includes(true)) return undefined;
  let best: { value: string; distance: number } | undefined;
  for (const value of values) {
    const v = tokenize(value.replace(/_/g, ' ')).map((t) => t.stem);
    if (v.length === 0 || v.some((w) => own.includes(meaning(w)))) continue;
    for (let i = 0; i < words.length; i++) {
      if (words[i] !== v[0] || words.slice(i, i + v.length).join(' ') !== v.join(' ')) continue;
      for (let j = Math.max(0, i - 3); j < Math.min(words.length, i + v.length + 3); j++) {
        if (j >= i && j < i + v.length) continue;
        if (!named[j]) continue;
        const distance = (j < i ? i - j : j - (i + v.length - 1)) + (j < i ? 0 : 0.5);
        if (!best || distance < best.distance) best = { value, distance };
      }
    }
  }
  return best?.value;
}

/**
 * Allowed values said right by their argument's name ("linkage average", "topic drift", "with
 * links as the kind"): the words name both, so the value holds whatever else the words suggest.
 */
export function valuesByName(tool: string, clause: string, catalogue: Catalogue): Record<string, string> {
  const props = catalogue.get(tool)?.properties ?? {};
  const out: Record<string, string> = {};
  for (const [arg, p] of Object.entries(props)) {
    if (NOT_STATED.has(arg)) continue;
    const value = nearestValue(arg, [...(p.enum ?? []), ...(p.anyOf ?? []).flatMap((a) => a.enum ?? [])].filter((v): v is string => typeof v === 'string'), clause);
    if (value !== undefined) out[arg] = value;
  }
  return out;
}

/** Allowed values the words name, for enum arguments (declared value words, or the value itself when it is a rare word). */
export function statedValues(tool: string, clause: string, catalogue: Catalogue, rare: (stem: string) => boolean): Record<string, string> {
  const props = catalogue.get(tool)?.properties ?? {};
  const declared = catalogue.get(tool)?.self?.valueWords ?? {};
  const out: Record<string, string> = {};
  for (const arg of Object.keys(props)) {
    if (NOT_STATED.has(arg)) continue;
    // a value by the tool's words for it, or said as itself beside the argument's name ("first as the reference")
    // ("find nuclei or cells, target cells": the value said next to the argument's name wins over one said elsewhere)
    const bare = nearestValue(arg, [...(props[arg].enum ?? []), ...(props[arg].anyOf ?? []).flatMap((a) => a.enum ?? [])].filter((v): v is string => typeof v === 'string'), clause);
    const value = (bare !== undefined && bare !== props[arg].default ? bare : undefined) ?? findEnumValue(tool, arg, clause, catalogue) ?? bare;
    if (value === undefined || value === props[arg].default) continue;
    // a common word ("mean", "first", "time") names a value through the tool's declared words, or next to the argument's name ("first as the reference")
    if (!declared[arg]?.[value] && !meanings(value.replace(/_/g, ' ')).every(rare) && !nearName(arg, value, clause)) continue;
    out[arg] = value;
  }
  return out;
}

/** After the low end of a count of frames: "or 2 frames", "-4 frames", "to 5 time points". */
const LOW_END_OF_FRAMES = /^\s*(?:or|to|-|–|—)\s*\d+(?:\.\d+)?\s*(?:frames?|time ?points?|timepoints?)\b/i;

/** A setting that is a fraction: no unit in its name and at most 1 by its schema ("minIoU", "minOverlap", 0..1). */
function isFraction(name: string, p: PropertyInfo & { maximum?: number }): boolean {
  return unitOfArgument(name, p) === 'plain' && p.maximum === 1;
}

/** Modal verbs, in a description ("... must bulge beyond ...") and in a request ("objects must be at least 30 px"): no word of what a setting is. */
const MODALS = new Set(['must', 'should', 'might', 'ought', 'may'].map((w) => meaning(normalizeWord(w))));

/** A unit of time after a length: a speed ("2 µm/min", "5 px per hour"). */
const PER_TIME_AFTER = /^\s*(?:\/|per\s+)(?:s|sec|secs|seconds?|min|mins|minutes?|h|hr|hrs|hours?)\b/i;
