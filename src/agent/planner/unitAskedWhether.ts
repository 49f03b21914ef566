// "mean area? is that number of pixels?", "speed pls, is it in microns?": a yes/no question whether the value just given
// is in a unit. It is answered from the unit that value was given in (yes or no, and which), never as a count of the
// things ("Yes: 20 objects") nor by a value re-measured.

/** Units a yes/no question may ask about, each with the symbol answers write it with. */
const UNITS: [RegExp, string][] = [
  [/^(?:square\s+)?(?:pixels?|px|pix)(?:²|\^?2|\s+squared)?$/i, 'px'],
  [/^(?:square\s+)?(?:µm|μm|um|microns?|micro-?met(?:er|re)s?)(?:²|\^?2|\s+squared)?$/i, 'µm'],
  [/^(?:nm|nanomet(?:er|re)s?)(?:²|\^?2)?$/i, 'nm'],
  [/^(?:frames?|time ?points?|timepoints?)$/i, 'frame'],
  [/^(?:seconds?|secs?|s)$/i, 's'],
  [/^(?:minutes?|mins?|min)$/i, 'min'],
  [/^(?:hours?|hrs?|h)$/i, 'h'],
];

const WHETHER_IN = /^\s*(?:and\s+|so\s+|wait,?\s+)?(?:is|are|was|were)\s+(?:that|this|it|these|those|they|the\s+(?:\p{L}+\s+){0,3}?)\s*(?:in\s+|a\s+|the\s+)?(?:(?:number|count|amount)\s+of\s+)?([\p{L}µμ²^2 ]{1,20}?)\s*[?.!]*\s*$/iu;

/** The unit a yes/no question asks the value to be in ("is that number of pixels?" → px); undefined for any other question. */
export function unitAskedWhether(question: string): string | undefined {
  const m = WHETHER_IN.exec(question);
  if (!m) return undefined;
  return UNITS.find(([re]) => re.test(m[1].trim()))?.[1];
}

/** The first value with its unit an answer quotes ("71.17 µm²", "1.8 px/frame"). */
const QUOTED = /(-?\d[\d.,]*)\s*(px²|px|µm²|µm³|µm|nm²|nm|frames?|s|min|h)(?:\/(frame|s|min|h))?(?![\p{L}])/u;

/** "Yes"/"No" to a unit asked of the value the answer before gave, with the unit it is in; undefined when either is missing. */
export function unitWhetherAnswer(question: string, before: string | undefined): string | undefined {
  const asked = unitAskedWhether(question);
  const quoted = before ? QUOTED.exec(before) : null;
  if (!asked || !quoted) return undefined;
  const unit = `${quoted[2]}${quoted[3] ? `/${quoted[3]}` : ''}`;
  const base = quoted[2].replace(/[²³]$/, '').replace(/s$/, '');
  if (base === asked || (asked === 'frame' && quoted[3] === 'frame')) return `Yes: ${quoted[1]} ${unit} is in ${unit}`;
  const converted = /\(\s*-?\d[\d.,]*\s*px/.test(before!) ? ', converted from px at the pixel size the session knows (the value in px is beside it)' : '';
  return `No: that is ${quoted[1]} ${unit}, in ${unit}, not in ${asked}${converted}`;
}
