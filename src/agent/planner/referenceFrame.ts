// A frame said as the one the others are compared with ("align to frame 5", "register against the 5th frame", "use
// frame 5 as reference", "reference frame: 12"): applied to a planned step whose schema takes a reference frame (a
// number argument named for a reference frame, or a choice of reference whose "first" is frame 1), else named in one
// line as not applied, with what the step used instead. Never dropped in silence.
import { allowedValues, type Catalogue, type PropertyInfo } from './catalogue.ts';
import type { PlannedStep } from './types.ts';

const FRAME = String.raw`(?:frame|time\s*-?\s*point|timepoint|image|volume|stack)`;
const ORDINAL = String.raw`(\d+)(?:st|nd|rd|th)`;
/** Words that say a frame is the reference, each with the frame number as its one group. */
const SAYINGS: RegExp[] = [
  // "align to frame 5", "register against frame 12", "relative to time point 3" (not the end of a range: "frames 1 to 5")
  new RegExp(String.raw`(?<!\d\s*)\b(?:to|against|onto|on|with|relative\s+to|compared\s+(?:to|with))\s+(?:the\s+)?${FRAME}\s*(?:#|no\.?\s*|number\s+)?(\d+)\b`, 'i'),
  // "register against the 5th frame", "align to the 12th time point"
  new RegExp(String.raw`\b(?:to|against|onto|on|with|relative\s+to|compared\s+(?:to|with))\s+(?:the\s+)?${ORDINAL}\s+${FRAME}\b`, 'i'),
  // "use frame 5 as (the) reference", "with the 5th frame as reference"
  new RegExp(String.raw`\b${FRAME}\s*(?:#|no\.?\s*)?(\d+)\s+as\s+(?:the\s+|a\s+|my\s+)?(?:reference|anchor|template)\b`, 'i'),
  new RegExp(String.raw`\b(?:the\s+)?${ORDINAL}\s+${FRAME}\s+as\s+(?:the\s+|a\s+|my\s+)?(?:reference|anchor|template)\b`, 'i'),
  // "reference frame 5", "reference: frame 5", "reference = 5", "reference frame is 12"
  new RegExp(String.raw`\breference(?:\s+${FRAME})?\s*(?:=|:|is|of|at)?\s*(?:${FRAME}\s*)?(\d+)\b`, 'i'),
];
/** A frame said in words as the one compared with ("against the first one", "relative to the start", "to the last image", "frame 0"). */
const WORDS_SAID = new RegExp(String.raw`\b(?:to|against|onto|with|relative\s+to|compared\s+(?:to|with)|referenced\s+to|based\s+on|using)\s+(?:the\s+)?(?:very\s+)?(?:(first|initial|opening|starting|last|final|middle|central|centre|center)\s+(?:one|${FRAME}|snapshot|picture)|(start|beginning|end)(?:\s+of\s+the\s+(?:movie|recording|time-?lapse|acquisition|video|stack))?|(?:${FRAME}\s*(?:#|no\.?\s*|number\s+)?|t\s*=?\s*)(0)|time\s+(zero))\b`, 'i');
/** The same as the reference: "the first frame as (the) reference", "use the last image as the template". */
const WORDS_AS_REFERENCE = new RegExp(String.raw`\b(?:the\s+)?(first|initial|last|final|middle|central|centre|center)\s+(?:one|${FRAME})\s+as\s+(?:the\s+|a\s+|my\s+)?(?:reference|anchor|template)\b`, 'i');
const WORD_FRAME: Record<string, ReferenceFrame['frame']> = { first: 1, initial: 1, opening: 1, starting: 1, start: 1, beginning: 1, '0': 1, zero: 1, last: 'last', final: 'last', end: 'last', middle: 'middle', central: 'middle', centre: 'middle', center: 'middle' };

/** The request also says what is compared: a registration, an alignment, a reference, drift. */
const ALIGNING = /\b(?:align\w*|regist\w*|referenc\w*|stabili[sz]\w*|drift\w*|anchor\w*|template)\b/i;

export interface ReferenceFrame {
  /** 1-based, as said (frame 0 and "the start" are the first); the last or middle one when said so. */
  frame: number | 'last' | 'middle';
  said: string;
}

/** The frame the request says the others are compared with, 1-based; undefined when it says none. */
export function referenceFrameSaid(text: string): ReferenceFrame | undefined {
  if (!ALIGNING.test(text)) return undefined;
  for (const saying of SAYINGS) {
    const m = saying.exec(text);
    if (m && Number(m[1]) >= 1) return { frame: Number(m[1]), said: m[0].trim() };
  }
  const m = WORDS_SAID.exec(text) ?? WORDS_AS_REFERENCE.exec(text);
  const word = m?.slice(1).find((g) => g !== undefined)?.toLowerCase();
  return m && word && WORD_FRAME[word] !== undefined ? { frame: WORD_FRAME[word], said: m[0].trim() } : undefined;
}

/** The step's arguments that choose its reference in time: named for a reference, described in frames. */
function referenceArguments(step: PlannedStep, catalogue: Catalogue): [string, PropertyInfo][] {
  return Object.entries(catalogue.get(step.tool)?.properties ?? {}).filter(([name, p]) => /reference/i.test(name) && !/channel/i.test(name) && /\bframes?\b/i.test(p.description ?? ''));
}

/**
 * Applies the reference frame said to the steps that take one (in place) and returns the lines for those that cannot:
 * one per step, naming the frame, the step's own choices and what it used.
 */
export function applyReferenceFrame(steps: PlannedStep[], text: string, catalogue: Catalogue, earlierNotes: string[] = []): string[] {
  const said = referenceFrameSaid(text);
  if (!said) return [];
  const notes: string[] = [];
  // (a word of the reference named as no option of the step before it was read here is stale: "beginning", "t0")
  const stale = (n: string) => {
    const quoted = /^Not applied: "([^"]+)"/.exec(n)?.[1]?.toLowerCase();
    return !!quoted && said.said.toLowerCase().includes(quoted) && steps.some((st) => n.includes(`\`${st.tool}\``) && referenceArguments(st, catalogue).length > 0);
  };
  for (let k = earlierNotes.length - 1; k >= 0; k--) if (stale(earlierNotes[k])) earlierNotes.splice(k, 1);
  for (const step of steps) {
    const args = referenceArguments(step, catalogue);
    if (args.length === 0) continue;
    // a frame number the schema takes ("referenceFrame"), 1-based as said
    const numbered = args.find(([, p]) => [p.type ?? []].flat().some((t) => t === 'integer' || t === 'number'));
    if (numbered && typeof said.frame === 'number') {
      step.args[numbered[0]] = said.frame;
      continue;
    }
    const [name, p] = args[0];
    const choices = allowedValues(p);
    if (said.frame === 1 && choices.includes('first')) {
      step.args[name] = 'first';
      continue;
    }
    if (typeof said.frame === 'string' && choices.includes(said.frame)) {
      step.args[name] = said.frame;
      continue;
    }
    const used = String(step.args[name] ?? p.default ?? choices[0] ?? 'its default');
    const which = typeof said.frame === 'number' ? `frame ${said.frame}` : `the ${said.frame} frame`;
    notes.push(`Not applied: ${which} as the reference ("${said.said}") — \`${step.tool}\` compares with no frame chosen ${typeof said.frame === 'number' ? 'by number' : 'that way'} (its ${name} is one of ${choices.join(', ')}); I used ${used}.`);
  }
  return notes;
}
