// The words for a part of the image, one list for every reader of them: the crop tool's regions (its reader and enum),
// the planner's region said as a step's scope (src/agent/planner/regionScope.ts), a question per part of the field
// ("which quadrant has the most cells?", regionCounts.ts) and the errand reader's "a part of the image is ours"
// (foreignClauses.ts).

export const REGIONS = ['top_left', 'top_right', 'bottom_left', 'bottom_right', 'left_half', 'right_half', 'top_half', 'bottom_half', 'centre'] as const;
export type Region = (typeof REGIONS)[number];

/** Words that place a part in the image ("top", "lower", "central"). */
export const PLACE_WORDS = ['top', 'bottom', 'upper', 'lower', 'left', 'right', 'central', 'middle'] as const;
/** The middle of the image, as people spell it. */
export const CENTRE_WORDS = ['centre', 'center', 'middle', 'central'] as const;
/** Nouns for a part of the image ("quarter", "quadrant", "region"); "area", "box", "window" and "square" are also said of other things. */
export const PART_NOUNS = ['half', 'third', 'quarter', 'quadrant', 'corner', 'region', 'side', 'part', 'area', 'square', 'window', 'box', 'section', 'sector', 'zone'] as const;
/** The part nouns that name a part of the field whatever else is said (never a size, a tool's window, a plot's box). */
export const FIELD_PART_NOUNS = PART_NOUNS.filter((n) => !['area', 'square', 'window', 'box'].includes(n));
/** The edges of the image (an edge is a place, never a cut). */
export const EDGE_WORDS = ['edge', 'edges', 'border', 'borders'] as const;

/** A plural of a part noun ("halves", "quadrants"). */
export const pluralOf = (noun: string) => (noun === 'half' ? 'halves' : `${noun}s`);

/** Each region in people's words, the first that matches naming it: "top left", "upper-right", "left half", "the centre". */
export const REGION_WORDS: [RegExp, Region][] = [
  [/\btop[\s-]*left\b|\bupper[\s-]*left\b/i, 'top_left'],
  [/\btop[\s-]*right\b|\bupper[\s-]*right\b/i, 'top_right'],
  [/\bbottom[\s-]*left\b|\blower[\s-]*left\b/i, 'bottom_left'],
  [/\bbottom[\s-]*right\b|\blower[\s-]*right\b/i, 'bottom_right'],
  [/\bleft\s+half\b|\bleft[\s-]hand\s+half\b/i, 'left_half'],
  [/\bright\s+half\b|\bright[\s-]hand\s+half\b/i, 'right_half'],
  [/\b(?:top|upper)\s+half\b/i, 'top_half'],
  [/\b(?:bottom|lower)\s+half\b/i, 'bottom_half'],
  [new RegExp(String.raw`\b(?:${CENTRE_WORDS.join('|')})\b`, 'i'), 'centre'],
];

/** A region in words: "top left" → "the top left quarter", "left_half" → "the left half", "centre" → "the central half". */
export function regionSaid(region: Region): string {
  if (region === 'centre') return 'the central half';
  const place = region.replace(/_(?:half)?$/, '').replace('_', ' ');
  return region.endsWith('half') ? `the ${place} half` : `the ${place} quarter`;
}
