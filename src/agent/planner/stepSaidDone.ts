// "once the background is subtracted, segment", "don't segment until the drift has been corrected", "do not track the
// nuclei before the bleaching has been corrected": a step said as done, in the passive, after a word of time, and an
// order said with a negation ("not X until Y" is "X after Y": the negation is of the time, never of the step). Both
// become the "after <gerund> <object>" form the clause grammar reads (clauses.ts AFTER). Before, the passive named no
// step ("only segment once the background is subtracted" ran the subtraction alone), and the negation turned down the
// step it put later ("don't segment until ..." planned nothing).
import { type Catalogue, selfOf } from './catalogue.ts';
import { indexFor } from './toolIndex.ts';
import { meaning, tokenize } from './words.ts';

/** Words of time before a clause saying a step is done. */
const TIME_WORD = String.raw`once|when|whenever|as\s+soon\s+as|until|till|til|before|after`;
/** The passive's auxiliary: "is subtracted", "has been corrected", "gets denoised". */
const PASSIVE = String.raw`(?:is|are|was|were|has\s+been|have\s+been|had\s+been|['’]s\s+been|gets?|got)(?:\s+(?:fully|properly|completely|successfully|all|first))?`;
/** "<time word> [the] <one to three words> <auxiliary> <participle in -ed>". */
const STEP_DONE = new RegExp(String.raw`\b(${TIME_WORD})\s+((?:the\s+|my\s+|our\s+|all\s+(?:the\s+)?)?(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)\s+${PASSIVE}\s+(\p{L}+ed)\b`, 'giu');

/**
 * The verb a participle in -ed is of, when it is the step verb of a tool of the analysis whose words hold the thing it
 * acts on ("the drift ... corrected" -> "correct", "the movie ... denoised" -> "denoise"; "the drug ... added" is none).
 */
function stepVerbOf(participle: string, object: string, catalogue: Catalogue): string | undefined {
  const stem = participle.toLowerCase().slice(0, -2);
  const index = indexFor(catalogue);
  const thing = tokenize(object).at(-1);
  const acts = (verb: string) => (index.stepVerb(verb)?.tools ?? []).filter((tool) => (selfOf(tool, catalogue)?.consumes ?? []).length > 0);
  return [stem, `${stem}e`, stem.replace(/(\p{L})\1$/u, '$1')].find((verb) => thing !== undefined && index.isWordOf(acts(verb), meaning(thing.stem)));
}

/** The -ing form of a verb ("correct" -> "correcting", "denoise" -> "denoising"). */
function gerundOf(verb: string): string {
  return /[^e]e$/.test(verb) ? `${verb.slice(0, -1)}ing` : `${verb}ing`;
}

/**
 * A step said done in the passive after a word of time, as the step's gerund and its object: "once the background is
 * subtracted" -> "after subtracting the background"; "until the drift has been corrected" -> "until correcting the
 * drift" (the negation before it decides what "until" means, below).
 */
function withPassiveStepsAsGerunds(text: string, catalogue: Catalogue): string {
  return text.replace(STEP_DONE, (whole, time: string, object: string, participle: string, at: number) => {
    // (a question keeps its words: "how many cells are there once the background is subtracted?" is read by the question's own reader)
    if (/^[^.;!]*\?/.test(text.slice(at))) return whole;
    const verb = stepVerbOf(participle, object, catalogue);
    if (!verb) return whole;
    const when = /^(?:once|when|whenever|as\s+soon\s+as|after)$/i.test(time) ? 'after' : time;
    return `${when} ${gerundOf(verb)} ${object}`;
  });
}

/** A step in the time clause: its gerund, or a noun of a step ("drift correction", "the segmentation", "denoising"). */
const STEP_AFTER_TIME = String.raw`(?:after\s+)?(?!(?:the\s+)?(?:acquisition|imaging|recording|experiment|run|movie|time-?lapse|session|treatment|end|beginning|start)\b)(?:the\s+|any\s+)?(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+(?:ing|tion|sion|ment|al)\b`;
/**
 * "don't segment until drift correction", "do not track them before correcting the bleaching", "never measure till after
 * the denoising": a negated clause whose step is put after another; the step runs, after that one.
 */
const NEGATED_ORDER = new RegExp(String.raw`(^|[.;!?]\s+|,\s*|\b(?:and|but|so|please|pls)\s+)(?:please\s+)?(?:do\s+not|don['’]?t|never)\s+([^.;!?,]*?)\s+(?:until|till|til|before)\s+(?:after\s+)?(?=${STEP_AFTER_TIME})`, 'giu');

/** The request with steps said done in the passive, and orders said with a negation, in the "after <step>" form. */
export function withStepsSaidDoneAsAfter(text: string, catalogue: Catalogue): string {
  const gerunds = withPassiveStepsAsGerunds(text, catalogue);
  return gerunds.replace(NEGATED_ORDER, (whole, opener: string, asked: string) => {
    // (the step put later must be one: "don't stop until 6 pm" names a time, no step)
    // (a verb of the tools' examples, or a word of their declarations: "threshold", "quantify")
    const index = indexFor(catalogue);
    const verb = tokenize(asked)[0];
    return verb && (index.stepVerb(verb.word) || index.knows(meaning(verb.stem))) ? `${opener}${asked} after ` : whole;
  });
}
