// How a step was asked to run, said by an adverb of manner ("segment the nuclei carefully", "roughly segment the cells",
// "denoise channel 1 aggressively", "link them loosely"): a wish no setting of the step's tool is named by, so the answer
// names it in one line with the settings that do say how the step runs, never a "Done" alone (brief s48/C). An adverb
// belongs to the step when it ends the step's words (before a pause, "and", "please") or stands just before the step's
// verb; one before anything else modifies that ("extremely dim", "roughly 10 µm"). Adverbs that say how the person asks,
// when, how much of the data or in which order ("actually", "finally", "separately", "fully") ask nothing of the step.
import { allowedValues, type Catalogue, selfOf } from './catalogue.ts';
import type { ToolIndex } from './matcher.ts';
import type { Plan, PlannedStep } from './types.ts';
import { meaning, stopWords, tokenize } from './words.ts';

/**
 * English adverbs that say nothing of how a step runs: the speaker's stance ("actually", "honestly"), politeness
 * ("kindly"), order and time ("finally", "recently"), how much of the data ("fully", "separately", "individually"),
 * likelihood ("probably"), or that it be done right, which every step is ("properly", "correctly").
 */
const NOT_MANNER = new Set(
  ('only really actually basically simply probably possibly hopefully kindly finally firstly secondly thirdly lastly ' +
    'additionally accordingly respectively separately individually independently fully completely entirely totally wholly ' +
    'automatically normally usually generally typically currently recently previously immediately exactly likewise similarly ' +
    'apparently obviously clearly definitely certainly surely honestly seriously personally ideally preferably optionally ' +
    'alternatively subsequently eventually initially originally early daily weekly monthly hourly nightly yearly likely ' +
    'unlikely properly correctly again especially particularly mainly mostly merely solely purely literally essentially ' +
    'overall nearly almost approximately briefly shortly newly freshly directly instantly promptly asap ' +
    'sequentially consecutively jointly together collectively altogether anyway ' +
    // words ending in "ly" that are no adverbs
    'apply reply supply comply imply multiply family assembly anomaly italy butterfly jelly belly rally bully ally holy ugly ' +
    'silly lovely friendly costly').split(/\s+/),
);

/** Words that may follow an adverb that ends a step's words: a pause, a joining word, politeness. */
const AFTER_THE_STEP = /^\s*(?:$|[,.;:!?)]|-\s|–|—|(?:and|then|but|or|so|because|as|since|please|pls|plz|thanks|thank|thx|ty|cheers|if|for|before|after|while|to)\b)/i;

/** The root of an adverb ("carefully" → careful, "heavily" → heavy, "automatically" → automatic, "reasonably" → reasonable). */
function rootsOf(adverb: string): string[] {
  const w = adverb.toLowerCase();
  const base = w.slice(0, -2);
  return [base, w.endsWith('ily') ? `${w.slice(0, -3)}y` : '', w.endsWith('ically') ? w.slice(0, -4) : '', w.endsWith('bly') ? `${w.slice(0, -1)}e` : '', w.endsWith('lly') ? w.slice(0, -1) : ''].filter((r) => r.length >= 3);
}

/** The words a tool declares (words, examples, value words, allowed values, argument names and descriptions), by meaning. */
function declaredMeanings(tool: string, catalogue: Catalogue): Set<string> {
  const self = selfOf(tool, catalogue) ?? {};
  const props = catalogue.get(tool)?.properties ?? {};
  const texts = [
    catalogue.get(tool)?.description ?? '',
    self.summary ?? '',
    ...(self.words ?? []),
    ...(self.examples ?? []),
    ...Object.values(self.valueWords ?? {}).flatMap((v) => Object.values(v).flat()),
    ...Object.entries(props).flatMap(([name, p]) => [name.replace(/([a-z])([A-Z])/g, '$1 $2'), p.description ?? '', ...allowedValues(p)]),
  ];
  return new Set(tokenize(texts.join(' ')).map((t) => meaning(t.stem)));
}

/** The step's words and where they stand in the request, for the steps made of words the request says. */
function spansOf(request: string, steps: PlannedStep[]): { step: PlannedStep; start: number; end: number }[] {
  return steps.filter((s) => s.clause && request.indexOf(s.clause) >= 0).map((step) => ({ step, start: request.indexOf(step.clause), end: request.indexOf(step.clause) + step.clause.length }));
}

/** An adverb of manner said of a step, and the step. */
export interface MannerWord {
  word: string;
  step: PlannedStep;
}

/**
 * The adverbs of manner the request says of its steps that no word the step's tool declares takes ("carefully" of
 * segment; "manually" is segment's manual method, taken): in written order, each once.
 */
export function mannerWords(request: string, plan: Plan, catalogue: Catalogue, index: ToolIndex): MannerWord[] {
  const spans = spansOf(request, plan.steps);
  const stop = [...stopWords()];
  const out: MannerWord[] = [];
  for (const m of request.matchAll(/(?<![\p{L}\d'’-])\p{L}{3,}ly(?![\p{L}\d'’-])/gu)) {
    const word = m[0];
    const at = m.index ?? 0;
    // (an adverb is made of a word of four letters at least, "care-ful-ly", "rough-ly"; "apply" is none)
    if (word.length < 6 || NOT_MANNER.has(word.toLowerCase()) || out.some((o) => o.word.toLowerCase() === word.toLowerCase())) continue;
    const after = request.slice(at + word.length);
    // (the adverb ends the step's words: "segment the nuclei carefully", "link them quite loosely?")
    const ending = spans.find((s) => at >= s.start && at + word.length <= s.end && AFTER_THE_STEP.test(after) && !/\b(?:that|which|who|whose|where|when|if|while|they)\s+(?:\S+\s+){0,2}$/i.test(request.slice(s.start, at)));
    // (or it stands just before the step's verb: "roughly segment the cells", "carefully threshold the nuclei")
    const next = tokenize(after)[0];
    const before = next ? spans.find((s) => at + 2 >= s.start && at < s.end && index.match(next.word)[0]?.tool === s.step.tool) : undefined;
    const owner = ending ?? before;
    if (!owner) continue;
    // (a word the step's tool declares, or its root: "manually" of the manual method, "automatically" of auto)
    const declared = declaredMeanings(owner.step.tool, catalogue);
    const said = [word, ...rootsOf(word)].flatMap((w) => tokenize(w)).map((t) => meaning(t.stem));
    if (said.some((s) => declared.has(s))) continue;
    // (a word the tools' words know, or a slip of one, is read where it belongs)
    const token = tokenize(word)[0];
    if (token && index.recognizes(token, stop)) continue;
    out.push({ word, step: owner.step });
  }
  return out;
}

/** The settings of a tool that say how it runs (no inputs nor outputs), listed for the line. */
function settingsOf(tool: string, catalogue: Catalogue): string[] {
  const inputs = new Set(['movie', 'labels', 'tracks', 'table', 'output', 'result', 'pipeline', 'groundTruth']);
  return Object.keys(catalogue.get(tool)?.properties ?? {}).filter((k) => !inputs.has(k));
}

/** One line per step for the adverbs of manner it could not take, unless a line already quotes them. */
export function mannerLines(request: string, plan: Plan, catalogue: Catalogue, index: ToolIndex, said: string): string[] {
  if (!plan.steps.length || plan.reply) return [];
  const found = mannerWords(request, plan, catalogue, index).filter((m) => !said.toLowerCase().includes(`"${m.word.toLowerCase()}`) && !new RegExp(`"[^"]*\\b${m.word}\\b[^"]*"`, 'i').test(said));
  const lines: string[] = [];
  for (const step of [...new Set(found.map((m) => m.step))]) {
    const words = found.filter((m) => m.step === step).map((m) => `"${m.word}"`).join(', ');
    const settings = settingsOf(step.tool, catalogue);
    const listed = settings.length > 8 ? `${settings.slice(0, 8).join(', ')}, ...` : settings.join(', ');
    lines.push(`Not applied: ${words} — \`${step.tool}\` has no setting that says that, so it ran with its usual settings${settings.length ? `; say which to change (its settings: ${listed})` : ''}.`);
  }
  return lines;
}
