// "N/C ratio per cell", "the nuclear-to-cytoplasmic ratio of GFP", "nucleocytoplasmic ratio", "the ratio of membrane to
// cytoplasm signal": a ratio between two compartments of one cell needs the signal in each compartment, and the objects
// table measures inside each segmented object only (no ring around a nucleus, no whole cell less its nucleus). Such a
// ratio is named as not measured in one line, never answered by another step's result (a bleach correction, a mean
// inside the nuclei passed off as the ratio); the rest of the request is planned as said.

const NUCLEAR = String.raw`(?:nuclear|nucleus|nuclei|nuc|nucl)`;
const CYTO = String.raw`(?:cytoplasmic|cytoplasm|cytosolic|cytosol|cyto|cyt)`;
const MEMBRANE = String.raw`(?:(?:plasma\s+)?membrane|membranous|cortical|cortex)`;
const WHOLE = String.raw`(?:whole[- ]cell|cellular)`;
const PART = String.raw`(?:${NUCLEAR}|${CYTO}|${MEMBRANE}|${WHOLE})`;
const WORDS = String.raw`(?:\s+(?:signal|intensity|intensities|fluorescence|level|levels|gfp|rfp|yfp|mcherry|[\p{L}\d-]+\s+signal))?`;

/** The phrasings of a ratio between two compartments (each as written, the whole phrase). */
const RATIOS: RegExp[] = [
  // "N/C ratio", "N:C", "C/N ratio", "the NC ratio"
  /\b(?:the\s+)?(?:N\s*[/:]\s*C|C\s*[/:]\s*N|NC|N-C|N-to-C|C-to-N)\s+ratios?\b|\b(?:N\s*[/:]\s*C|C\s*[/:]\s*N)(?![\p{L}\d])/giu,
  // "nucleocytoplasmic ratio", "nucleo-cytoplasmic distribution", "nuclear-cytoplasmic ratio"
  /\b(?:the\s+)?(?:nucleo-?\s?cytoplasmic|nuclear[- ]cytoplasmic|cytoplasmic[- ]nuclear)\s+(?:ratios?|distribution|partitioning|balance)\b/giu,
  // "the nuclear to cytoplasmic (GFP) ratio", "nuclear/cytoplasmic intensity ratio", "membrane over cytoplasm ratio"
  new RegExp(String.raw`\b(?:the\s+)?${PART}${WORDS}(?:\s*-\s*to\s*-\s*|\s*(?:\/|:|-|\bto\b|\bover\b|\bvs\.?|\bversus\b|\band\b)\s*)(?:the\s+)?${PART}${WORDS}(?:\s+[\p{L}\d-]+){0,2}?\s+ratios?\b`, 'giu'),
  // "the ratio of nuclear to cytoplasmic signal", "ratio between the nucleus and the cytoplasm"
  new RegExp(String.raw`\b(?:the\s+)?ratios?\s+(?:of|between)\s+(?:the\s+)?(?:[\p{L}\d-]+\s+)?${PART}${WORDS}\s+(?:to|and|over|vs\.?|versus|divided\s+by)\s+(?:the\s+)?${PART}${WORDS}`, 'giu'),
  // "nuclear signal divided by cytoplasmic signal", "nuclear over cytoplasmic intensity"
  new RegExp(String.raw`\b(?:the\s+)?${PART}${WORDS}\s+(?:divided\s+by|over|relative\s+to|normali[sz]ed\s+(?:to|by))\s+(?:the\s+)?${PART}${WORDS}`, 'giu'),
];

/** Both compartments named are the same one ("nuclear to nuclear"): no ratio between compartments. */
function twoCompartments(phrase: string): boolean {
  if (/\bN\s*[/:]\s*C\b|\bC\s*[/:]\s*N\b|\bNC\b|\bN-C\b|N-to-C|C-to-N|nucleo-?\s?cytoplasmic|nuclear[- ]cytoplasmic|cytoplasmic[- ]nuclear/i.test(phrase)) return true;
  const kinds = new Set<string>();
  for (const m of phrase.matchAll(new RegExp(PART, 'giu'))) {
    const w = m[0].toLowerCase();
    kinds.add(new RegExp(`^${NUCLEAR}$`, 'i').test(w) ? 'nucleus' : new RegExp(`^${CYTO}$`, 'i').test(w) ? 'cytoplasm' : new RegExp(`^${WHOLE}$`, 'i').test(w) ? 'cell' : 'membrane');
  }
  return kinds.size >= 2;
}

/** The phrase that asks a ratio between two compartments, where it is in the text; undefined when none. */
export function compartmentRatioAsked(text: string): { phrase: string; start: number; end: number } | undefined {
  for (const re of RATIOS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) if (twoCompartments(m[0])) return { phrase: m[0].trim(), start: m.index!, end: m.index! + m[0].length };
  }
  return undefined;
}

/** The request without the ratio phrase, and whether anything is left to do or ask in it beyond the ratio's own frame. */
export function withoutCompartmentRatio(text: string, asked: { start: number; end: number }): { rest: string; anythingLeft: boolean } {
  const rest = `${text.slice(0, asked.start)} ${text.slice(asked.end)}`.replace(/\s+/g, ' ').trim();
  // the words that only frame the ratio ("what is the ... of GFP per cell, please", "measure the ...", "compute ...")
  const frame = /\b(?:what|whats|is|are|was|the|a|an|of|for|in|at|on|per|each|every|all|both|my|our|their|its|it|them|these|those|cells?|nuclei|nucleus|objects?|frames?|channels?|ch\d?|channel\s*\d|\d+|gfp|rfp|yfp|cfp|mcherry|dapi|fitc|tritc|cy5|reporter|marker|sensor|probe|protein|stain|label|signal|intensity|intensities|fluorescence|level|levels|please|pls|thanks|thank|you|me|us|i|we|can|could|would|will|give|tell|show|report|get|compute|calculate|quantify|measure|work|out|determine|want|need|like|know|and|over|time|movie|whole|value|values|ratio|ratios|each|one|also|too|just|only|how|does|do|did|change|changes|differ|compare|between)\b/gi;
  const left = rest.replace(/['’]s\b/g, '').replace(/\b(?:per|each|every|for each|for every|of each|in each|by)\s+(?:track|trajectory)s?\b/gi, ' ').replace(frame, ' ').replace(/[^\p{L}]+/gu, ' ').trim();
  return { rest, anythingLeft: left.length > 0 };
}

/** One line: the ratio is not measured, why, and what can be measured instead. */
export function compartmentRatioNote(phrase: string, measurer: string | undefined): string {
  const tool = measurer ? `\`${measurer}\`` : 'the measuring step';
  return `Not measured: the ${phrase.replace(/^the\s+/i, '')} needs the signal in both compartments of each cell, and ${tool} reads each channel only inside the segmented objects (no ring of cytoplasm around a nucleus, no whole cell less its nucleus), so I give no ratio. I can measure the mean intensity inside each nucleus, per cell and per channel.`;
}
