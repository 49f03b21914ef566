// Helpers the tools' argument readers (`fromRequest`) share: what a measured feature is
// called in measure's table, and a size or distance said in µm for an argument in pixels.
import type { RequestQuantity } from './types.ts';

/**
 * Colour by something other than time: "colour-code the nuclei by their area", "colour the cells by mean intensity". The
 * Temporal-Color Code tints by time only, and no tool paints objects by a measured property (tracks coloured by a feature
 * are plot's). Gives the property said.
 */
export function colouredByAProperty(text: string): string | undefined {
  if (/\b(?:tracks?|paths?|trajector(?:y|ies)|tracked|lineages?)\b/i.test(text)) return undefined;
  const m = /\bcolou?r(?:ed|s|ing)?(?:[- ]?cod(?:e|ed|ing))?\s+(?:[\p{L}-]+\s+){0,4}?(?:by|according\s+to|based\s+on)\s+(?:the\s+|their\s+|its\s+|each\s+(?:one|cell|nucleus)'?s\s+)?((?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)(?=\s*(?:[,.;!?]|$|\s+(?:and|then|please|so)\b))/iu.exec(text);
  if (!m || /\b(?:time|frames?|time ?points?|timing|when)\b/i.test(m[1])) return undefined;
  return m[1].trim();
}

/** The one line that says no tool colours objects by a property, and what can be done instead. */
export function colouredByAPropertyLine(property: string): string {
  return `No tool colours objects by their ${property} (the Temporal-Color Code colours by time only), so that part was not done; I can measure it per object ("measure the ${property} of the nuclei") and plot it as a histogram or over time, or draw the tracks coloured by a feature ("plot the tracks coloured by speed").`;
}

const FEATURES: { value: string; re: RegExp }[] = [
  // (before area: "area fraction" is the per-frame summary's share of the field, measure kind "summary")
  { value: 'area_fraction_percent', re: /\bconfluen\w*|\bcoverage\b|\barea fraction\b|\b(?:fraction|percent(?:age)?|share|proportion) of the (?:field(?: of view)?|image|frame|dish|well|view)\b|\b(?:field|image|frame|dish|well)\s+(?:is\s+)?(?:covered|occupied)\b|\b(?:covered|occupied) by (?:the )?(?:cells|nuclei|objects)\b|\bpercent(?:age)? (?:of (?:the )?)?area\b|%\s*area\b/i },
  { value: 'objects_per_mm2', re: /\bdensit(?:y|ies)\b/i },
  { value: 'area', re: /\bareas?\b|\bsizes?\b/i },
  { value: 'mean_intensity', re: /\bintensit\w*|\bbrightness\b|\bsignal\b|\bfluorescence\b/i },
  { value: 'speed', re: /\bspeeds?\b|\bvelocit\w*|\bhow fast\b/i },
  { value: 'circularity', re: /\bcircularity\b|\broundness\b|\bhow round\b|\bshape\b/i },
  { value: 'volume', re: /\bvolumes?\b|µm³|\bum\^?3\b|\bcubic (?:microns?|micrometres?|micrometers?)\b/i },
  { value: 'displacement', re: /\bdisplacement\b|\bdistance travel\w*/i },
  { value: 'perimeter', re: /\bperimeter\b/i },
  { value: 'eccentricity', re: /\beccentricity\b|\belongation\b/i },
  { value: 'track_length', re: /\btrack lengths?\b|\btrack durations?\b/i },
  // ("cell number over time", "nucleus numbers", "the number of the nuclei": the count of the objects, the noun either side)
  { value: 'count', re: /\bhow many\b|\b(?:cell|nucle(?:us|i|ar)|object)\s+(?:counts?|numbers?)\b|\bnumbers?\s+of\s+(?:the\s+)?(?:cells|nuclei|objects)\b|\bcounts?\b/i },
];

/** The measured feature the words name ("cell size" → area, "how fast" → speed), or undefined. */
export function findFeature(text: string): string | undefined {
  return FEATURES.find((f) => f.re.test(text))?.value;
}

/** The feature the words name last ("measure the area, then the circularity" → circularity), or undefined. */
export function lastFeature(text: string): string | undefined {
  let last: { value: string; at: number } | undefined;
  for (const f of FEATURES) {
    for (const m of text.matchAll(new RegExp(f.re.source, 'gi'))) if (!last || m.index! > last.at) last = { value: f.value, at: m.index! };
  }
  return last?.value;
}

/** measure's table column for a feature word: "area" → area_px, "intensity" → mean_intensity_c1 (channel 1 unless named). */
export function featureColumn(word: string, channel: number | string | undefined): string {
  const feature = findFeature(word) ?? word.toLowerCase();
  if (feature === 'mean_intensity') return `mean_intensity_c${typeof channel === 'number' && channel > 0 ? channel : 1}`;
  if (feature === 'area') return 'area_px';
  if (feature === 'perimeter') return 'perimeter_px';
  return feature;
}

/** A length in µm when the number was said in µm or nm; undefined for pixels and bare numbers. */
export function micrometres(q: RequestQuantity): number | undefined {
  if (q.unit === 'um') return q.value;
  if (q.unit === 'nm') return q.value / 1000;
  return undefined;
}

/**
 * The words before a number with no unit that make it a pixel size in µm ("pixel size 0.33", "pixel size: 0.65"):
 * µm is the unit a pixel size is given in when none is said (as in Fiji's Properties).
 */
export const BARE_PIXEL_SIZE_BEFORE = /\b(?:pixel|px)[\s-]*size\s*(?:is\s+|was\s+|=\s*|:\s*|of\s+)?(?:about\s+|around\s+|~\s*)?$/i;

export const formatNumber = (n: number): string => String(Math.round(n * 100) / 100);

/** A distance in µm as pixels at the movie's pixel size (two decimals), or undefined when the movie does not record it. */
export function pixelsFromMicrometres(valueUm: number, pixelSizeUm: number | undefined): number | undefined {
  return pixelSizeUm === undefined ? undefined : Math.round((valueUm / pixelSizeUm) * 100) / 100;
}

/** Things left out by a vague size word, after a verb ("ignore the tiny stuff", "get rid of the big clumps"), or by a
 * thing whose word says its size ("exclude clumps", "leave out the debris"); "no" leads it too when `withNo`. Group 1: the
 * size word or that thing. */
function vagueSizeLeftOut(withNo: boolean): RegExp {
  return new RegExp(String.raw`\b(?:ignor\w*|drop\w*|skip\w*|exclud\w*|remov\w*|discard\w*|disregard\w*|leav\w*\s+out|throw\w*\s+(?:out|away)|get\s+rid\s+of|filter\w*\s+out|avoid\w*|without|(?:but|and)\s+not|except(?:\s+for)?|apart\s+from|other\s+than${withNo ? '|no' : ''})\s+(?:(?:the|any|all|those|these|of|really|very|super|little)\s+)*(?:(tiny|small|smaller|little|minuscule|teeny|wee|big|bigger|huge|large|giant|massive|oversized)(?:\s+[\w-]+)?\s+(?:stuff|bits?|ones?|things?|junk|debris|specks?|dots?|blobs?|objects?|particles?|clumps?|cells?|nuclei|spots?|fragments?|pieces?)|(clumps?|aggregates?|debris|specks?|dust))\b`, 'i');
}
/** Whether a vague size word (or the thing that says it: "clumps") leaves out the big ones. */
export const SAYS_BIG = /^(?:big|bigger|huge|large|giant|massive|oversized|clumps?|aggregates?)$/i;
/** "ignore the tiny stuff": the segment tool's reading (a verb leads). */
export const VAGUE_SIZE_LEFT_OUT_BY_VERB = vagueSizeLeftOut(false);
/** ... or "no tiny bits": the planner's reading of a clause that leaves things out. */
export const VAGUE_SIZE_LEFT_OUT = vagueSizeLeftOut(true);

/**
 * A size word followed by its number ("ignore tiny debris below 30 pixels", "drop the big clumps over 2000 px"): the
 * number is the bound, so the words are no vague size to choose a bound for. True when `after` (the text right after the
 * size words) opens with a comparison and a number.
 */
export function boundSaidAfter(after: string): boolean {
  return /^\s*(?:(?:that\s+are|that's|which\s+are|with\s+an?\s+(?:area|size)(?:\s+of)?)\s+)?(?:(?:less|smaller|fewer|bigger|larger|greater|more)\s+than|below|under|over|above|beneath|exceeding|<|>|≤|≥)\s*(?:~\s*|about\s+|around\s+)?\d/i.test(after);
}
