// A run asked at positions from a list made before ("use the positions I saved", "the points in my XY list", "all the
// marked positions"): the microscope here keeps no list of saved positions and a plan to start holds only the positions
// its words give, so the run images the field where the stage is, and the answer says so in one line, never in silence.

const PLACES = String.raw`(?:stage\s+|xy\s+|x/y\s+)?(?:positions?|points?|locations?|spots?|fields?|sites?|coordinates|xy\s*s)`;
const MADE = String.raw`(?:saved|stored|marked|memori[sz]ed|bookmarked|recorded|remembered|pre-?defined|pre-?set|set\s+up|picked|chose|chosen|selected|defined|added|made|found|clicked|logged)`;

/** The words that name a list of positions made before (group 0); the plan's own positions are never among them. */
const SAVED_LIST = new RegExp(
  [
    // "the saved positions", "all the marked points", "my stored XY positions"
    String.raw`\b(?:the|my|our|all(?:\s+(?:the|my|our))?|those|these)\s+(?:\w+\s+)?${MADE}\s+${PLACES}`,
    // "the positions I saved", "the points we marked earlier", "positions you stored"
    String.raw`\b${PLACES}\s+(?:that\s+|which\s+)?(?:i|we|you)(?:'ve|'d|\s+have|\s+had)?\s+(?:just\s+|already\s+|previously\s+|earlier\s+)?${MADE}`,
    // "my XY list", "the position list", "the stage position list", "the multipoint list", "the point list in NIS"
    String.raw`\b(?:the|my|our)\s+(?:saved\s+)?(?:stage\s+)?(?:xy|x/y|position|positions|point|points|multi-?point|multi-?position)\s+(?:list|table)`,
    // "the same positions as before / last time / yesterday"
    String.raw`\bthe\s+same\s+${PLACES}\s+as\s+(?:before|last\s+time|yesterday|earlier|the\s+last\s+run)`,
  ].join('|'),
  'i',
);

/** The words naming a list of positions made before, or undefined. */
export function savedPositionsSaid(text: string): string | undefined {
  return SAVED_LIST.exec(text)?.[0].trim();
}

/** The line said when the plan could not take such positions: the run images where the stage is. */
export function savedPositionsLine(said: string): string {
  return `Not applied: "${said}" (no list of saved positions is known here: the microscope keeps none and this conversation gave none, so the run images the field where the stage is now; give the positions' coordinates, e.g. "at (100, 200) and (900, 200)", to image them).`;
}
