// "is it possible to track with gap closing?", "can the segmentation split touching nuclei?", "does the tracker handle
// cells that disappear for a frame?": whether a step has an option, asked of the step (by its own name or words) and of
// the option in the person's words. It is answered from the step's own schema: the argument whose name and description
// hold the option's words is said with its description and default, nothing run. Before this, such a question ran the
// step (and answered another question: "how fast do the cells move?"), since the option's words are the step's own.
// A method among the step's allowed values ("is it possible to project with minimum?") stays a request to run it.
import { allowedValues, type Catalogue, selfOf, type PropertyInfo } from './catalogue.ts';
import { isStopWord, meaning, tokenize } from './words.ts';

const LEAD = String.raw`^\s*(?:(?:so|and|hey|hi|ok(?:ay)?|quick\s+question|also|just\s+wondering)[,!\s]+)*`;
/** The forms of a question whether a step can do something: the words after the form are the step and its option. */
const FORMS = [
  // "is it possible to track with gap closing?", "would it be possible to segment with watershed splitting?"
  new RegExp(String.raw`${LEAD}(?:is|would)\s+it\s+(?:be\s+)?(?:possible|doable|feasible)\s+to\s+(.+?)\s*[?.!]*\s*$`, 'iu'),
  // "can the segmentation split touching nuclei?", "does your tracker handle gaps?", "will the linking bridge a missing frame?"
  new RegExp(String.raw`${LEAD}(?:can|could|does|do|will|would)\s+(?:the|your|this|cellpilot's)\s+(.+?)\s*[?.!]*\s*$`, 'iu'),
];

/** Words of the question that say nothing of the option ("with", "it", "handle", "able"). */
const FORM_WORD = /^(?:with|using|use|by|it|they|them|their|its|able|capable|handle|support|supports|do|does|also|even|actually|option|options|setting|settings|please|pls|get|gets|got|be|can|could|or|and|not|there|feature|here|possible|cell|cells|nucleus|nuclei|object|objects)$/i;

/**
 * A request worded as a question ("could the tracking be redone with a larger distance?", "is it possible to segment
 * frames 1-5 again?"): a number, a passive or a verb of doing again asks for a run, no option.
 */
const ASKS_FOR_A_RUN = /\d|\b(?:be|been|again|instead|redo|rerun|re-run|repeat)\b|\bre[- ]?(?:do|run|segment|track)\w*/i;

/** A step named by its doing ("the segmentation", "the linking") or its doer ("the tracker"), never a thing it makes ("the tracks"). */
const STEP_NOUN = /(?:ion|ing|ment|er|or)$/i;

const content = (text: string) => tokenize(text).filter((t) => !t.part && !isStopWord(t.word) && !FORM_WORD.test(t.word));
const meanings = (text: string) => new Set(content(text).map((t) => meaning(t.stem)));

/** The step a phrase names by its tool name or one of its one-word own words ("segmentation", "linking", "tracker"), with the words that name it. */
function stepNamed(phrase: string, catalogue: Catalogue): { tool: string; naming: Set<string> } | undefined {
  const said = content(phrase);
  for (const [tool] of catalogue) {
    const self = selfOf(tool, catalogue);
    if (!self || self.domain === 'microscope' || self.role) continue;
    const own = new Set([tool, ...tool.split('_'), ...(self.words ?? []).filter((w) => !/\s/.test(w))].flatMap((w) => tokenize(w).map((t) => meaning(t.stem))));
    // ("the tracker", "the segmenter": the agent noun of the step's name)
    const naming = new Set(said.filter((t) => own.has(meaning(t.stem)) || own.has(meaning(t.stem.replace(/er$/, '')))).map((t) => meaning(t.stem)));
    if (naming.size > 0) return { tool, naming };
  }
  return undefined;
}

/** Lower-case words of an argument's name ("allowGapClosing": "allow gap closing"). */
const nameWords = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/Px$|Um$|S$/, '').toLowerCase();

/**
 * The answer to a question whether a step has an option, from that step's schema (nothing run), or undefined when the
 * text is no such question, names no step, names one that ran in the session (its record answers how it ran), or no
 * argument of the step holds its words.
 */
export function optionAnswer(text: string, catalogue: Catalogue, ran: (tool: string) => boolean = () => false): string | undefined {
  const plain = text.replace(/\s+/g, ' ').trim();
  const asked = FORMS.map((f) => f.exec(plain)).find(Boolean)?.[1];
  if (!asked || ASKS_FOR_A_RUN.test(asked)) return undefined;
  const byVerb = FORMS[0].test(plain);
  const step = stepNamed(byVerb ? asked : asked.split(/\s+/)[0], catalogue);
  if (!step || (!byVerb && !STEP_NOUN.test(asked.split(/\s+/)[0]))) return undefined;
  if (!step) return undefined;
  const info = catalogue.get(step.tool);
  // (a step that ran in this session is asked how it ran: "does the tracking use gap closing?" is its record's, stepSettings.ts)
  if (!info || ran(step.tool)) return undefined;
  const option = new Set([...meanings(asked)].filter((m) => !step.naming.has(m)));
  if (option.size === 0) return undefined;
  // ("is it possible to project with minimum?": a value the step runs by is a request for it, said as one)
  const values = Object.values(info.properties).flatMap((p) => allowedValues(p)).filter((v) => v.length > 2);
  if (values.some((v) => [...meanings(v)].some((m) => option.has(m)))) return undefined;
  let best: { name: string; property: PropertyInfo; hits: number } | undefined;
  for (const [name, property] of Object.entries(info.properties)) {
    if (['movie', 'labels', 'tracks', 'table', 'output', 'frames', 'channel'].includes(name)) continue;
    const own = meanings(`${nameWords(name)} ${property.description ?? ''}`);
    const hits = [...option].filter((m) => own.has(m)).length;
    // (the argument's own name said counts most: "gap closing" is allowGapClosing before gapClosingMaxDistancePx)
    const named = [...meanings(nameWords(name))].filter((m) => option.has(m)).length;
    const score = hits + named * 0.5 + (property.type === 'boolean' ? 0.25 : 0);
    // (a word of the argument's own name, or two of its description: "does the segmentation look good?" asks a verdict, no option)
    if (hits > 0 && (named > 0 || hits >= 2) && (!best || score > best.hits)) best = { name, property, hits: score };
  }
  // (one word of the option met, of two or more said, is too little to say it is there)
  if (!best || (best.hits < 1.5 && option.size > 2)) return undefined;
  const about = (best.property.description ?? '').replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  const byDefault = best.property.default === true ? ' It is on by default.' : best.property.default === false ? ' It is off unless asked for.' : '';
  return `Yes: \`${step.tool}\` has the setting \`${best.name}\`${about ? ` (${about})` : ''}.${byDefault} Nothing was run; ask for the step on your movie to use it.`;
}
