// "How far apart are the nuclei?", "the spacing between cells", "how close are they to each other?", "the distance between
// neighbouring nuclei": a distance between the objects of one frame, which is each object's distance to its nearest
// neighbour (the objects table's nearest-neighbour column, measured per object and frame), never a distance the cells
// travelled (a track's) nor a reason to track them. Two objects named by number ("how far apart are cells 3 and 5?")
// and frames ("the distance between frame 1 and frame 20") are other questions and keep their words.

const THINGS = String.raw`(?:cells?|nuclei|nucleus|nucleuses|objects?|blobs?|spots?|centroids?|centres|centers|neighbou?rs|ones|they|them)`;
const EACH_OTHER = String.raw`(?:from|to)\s+(?:each\s+other|one\s+another|their\s+(?:nearest\s+|closest\s+)?neighbou?rs?|the\s+(?:nearest|closest|next)\s+(?:one|neighbou?r|cell|nucleus))`;

/** The phrasings of a spacing between the objects of a frame, each as "nearest neighbour distance". */
const SPACING: RegExp[] = [
  // "how far apart are the nuclei (from one another)?", "how far are the cells from each other?"
  new RegExp(String.raw`\bhow\s+far\s+(?:apart\s+)?(?:are|is|were|was)\s+(?:the\s+|my\s+|these\s+|those\s+)?(?:\w+\s+)?${THINGS}\b(?:\s+apart)?(?:\s+${EACH_OTHER})?(?=(?:\s+(?:apart|on average|typically|in|at|per|over|for)\b|[\s?.!,]*$))`, 'gi'),
  // "on average, how far apart are they", "how far apart the nuclei are"
  new RegExp(String.raw`\bhow\s+far\s+apart\s+(?:the\s+)?(?:\w+\s+)?${THINGS}\s+(?:are|is|were|was|sit|lie)\b`, 'gi'),
  // "how close are the cells to each other", "how close together are the nuclei"
  new RegExp(String.raw`\bhow\s+close(?:\s+together)?\s+(?:are|is|were|was)\s+(?:the\s+|my\s+)?(?:\w+\s+)?${THINGS}\b(?:\s+together)?(?:\s+${EACH_OTHER})?`, 'gi'),
  // "the distance between neighbouring nuclei", "distance between adjacent cells", "the spacing between the cells",
  // "the separation of the nuclei", "distance from each nucleus to the closest one"
  new RegExp(String.raw`\b(?:the\s+)?(?:typical\s+|average\s+|mean\s+)?(?:distances?|spacings?|separations?|gaps?)\s+(?:between|among|of)\s+(?:the\s+|two\s+)?(?:neighbou?ring\s+|adjacent\s+|nearby\s+|closest\s+|nearest\s+)?(?:\w+\s+)?(?:cells|nuclei|nucleuses|objects|blobs|spots|neighbou?rs)\b(?!\s*\d)`, 'gi'),
  new RegExp(String.raw`\b(?:the\s+)?(?:distances?|spacing)\s+(?:from|of)\s+(?:each|every|a)\s+(?:cell|nucleus|object)\s+(?:to|and)\s+(?:its|the)\s+(?:nearest|closest|next)\s+(?:one|neighbou?r|cell|nucleus|object)\b`, 'gi'),
  new RegExp(String.raw`\b(?:the\s+)?(?:distances?|spacing)\s+(?:between|from)\s+(?:a|each|every)\s+(?:cell|nucleus|object)\s+and\s+(?:its|the)\s+(?:nearest|closest|next)\s+(?:one|neighbou?r|cell|nucleus|object)\b`, 'gi'),
  // "internuclear distance", "inter-cell spacing", "cell-to-cell distance", "nucleus-nucleus distance"
  /\b(?:the\s+)?(?:inter-?nuclear|inter-?cell(?:ular)?|inter-?object|cell[- ]to[- ]cell|nucle(?:us|i)[- ]to[- ]nucle(?:us|i)|nucleus[- ]nucleus|cell[- ]cell)\s+(?:distances?|spacings?|separations?)\b/gi,
];

/** The text with each phrasing of a spacing between objects written as "nearest neighbour distance". */
export function withSpacingAsNearestNeighbour(text: string): string {
  // (two things named by number, or frames, are another distance)
  if (/\b(?:cells?|nuclei|nucleus|objects?|tracks?)\s*#?\d+\s+(?:and|to|from|vs\.?)\s+(?:(?:cell|nucleus|object|track)\s*)?#?\d+\b/i.test(text)) return text;
  return SPACING.reduce((t, re) => t.replace(re, (m) => `what is the nearest neighbour distance${/\bon average\b|\baverage\b|\bmean\b|\btypical\b/i.test(m) ? ' on average' : ''}`), text);
}
