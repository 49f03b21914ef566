// Every part of a request is accounted for (brief s23/R): after a plan is made, the parts that
// most often go missing in silence are checked against what the plan does and says. A method
// named (one of ours for a step it did not reach, or one we lack), a negation nothing obeyed,
// and a thing a view was asked to show that it cannot draw each end in one named line ("I did
// not apply ..."), never in a "Done" alone. A value of a step's own choice said elsewhere in
// the request ("cluster the cells and show a UMAP") is applied to that step instead.
import { untestedDifferenceLine } from './untestedDifference.ts';
import { saidOfAStepLeftToTheUser } from './leftToTheUser.ts';
import { isContext } from './clauses.ts';
import { allowedValues, type Catalogue, INPUT_TYPES, producesOf, selfOf } from './catalogue.ts';
import { CHANNEL_NAMES, METHOD_NAMES } from './lexicon.ts';
import type { ToolIndex } from './matcher.ts';
import { statedNumbers, statedValues } from './arguments.ts';
import { settingsAlone } from './settingClauses.ts';
import { findQuantities, seconds } from './quantities.ts';
import { isOrdinaryWord, statisticOfATable } from './constraints.ts';
import { isEverydayWord, isShortenedForm } from './english.ts';
import { withoutHedges } from './unapplied.ts';
import { unwrittenFileLine } from './fileKinds.ts';
import { outputDepthLine } from './outputDepth.ts';
import type { Plan, PlannedStep } from './types.ts';
import { meaning, normalizeWord, stopWords, tokenize } from './words.ts';
import { readOnceCopied } from './textMemo.ts';
import { mannerLines } from './mannerWords.ts';
import { lackedMethodPhrases } from './methodPhrases.ts';
import { chosenOnlyByItsObject, fromItsVerb } from './methodAsAction.ts';
import { computeLine } from './computeWords.ts';
import { numbersHeld, unappliedConditions, uncoveredNames } from './unaccounted.ts';
import { namesAThingImaged } from './outOfScope.ts';
import { phraseOf, untakenNumbers } from './numberLedger.ts';
import { unappliedReferences } from './references.ts';
import { inToldPart } from './toldParts.ts';
import { unaccountedPhrases } from './accountedWords.ts';

import { KNOWN_METHODS, plainName as plain } from './methodNames.ts';

/** Each known name's pattern as written (two-word names with a space or hyphen or none, one-word ones as a whole word), built once. */
const KNOWN_METHOD_PATTERNS = METHOD_NAMES.map((name) => {
  const words = name.split(/[\s-]+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s-]*');
  return { name, key: plain(name), words, pattern: new RegExp(`(?<![\\p{L}\\d_-])${words}(?![\\p{L}\\d_])`, 'giu') };
});

/**
 * Whether any known name is said at all: one pattern of every name's words as alternatives, between the same lookarounds,
 * matches where one of the patterns above matches (an alternative that fails the lookahead gives way to the next), so a
 * request it does not match needs none of them tried (most requests name no method: ~2% of a plan-only eval's CPU).
 */
const ANY_KNOWN_METHOD = new RegExp(`(?<![\\p{L}\\d_-])(?:${KNOWN_METHOD_PATTERNS.map((p) => p.words).join('|')})(?![\\p{L}\\d_])`, 'iu');

/** A name after a word that introduces a method: a capital inside it or digits ("StarDist", "UMAP", "N2V"), or a capitalised word before "method", "filter", "model"... */
const NAMED_METHOD = /\b(?:with|using|via|by|through|w\/)\s+(?:(?:the|a|an|our|my|some)\s+)?((?:\p{Lu}[\p{L}\d]*[\p{Lu}\d][\p{L}\d]*(?:-[\p{L}\d]+)*)|(?:\p{Lu}[\p{L}\d]*-[\p{L}\d]+)|(?:\p{Lu}\p{Ll}+(?=\s+(?:method|algorithm|model|filter|tracker|network|net|approach|plugin|classifier|segmenter|detector))))/gu;

/** Where a method name is said in the request, as written. */
export interface NamedMethod { name: string; start: number; end: number }

/**
 * The method names a request says: any known name of the field (ours or not, lexicon.METHOD_NAMES),
 * and any name written as one (capitals inside, digits) after "with", "using", "via", "by".
 * Channel names and artifact ids are no methods.
 */
export function namedMethods(request: string): NamedMethod[] {
  return readOnceCopied(namedMethodsOnce, request, (named) => named.map((m) => ({ ...m })));
}

/** The channel names as plain words (made on first use: CHANNEL_NAMES may still be loading when this module is). */
let plainChannelNames: Set<string> | undefined;
function channelNames(): Set<string> {
  return (plainChannelNames ??= new Set(CHANNEL_NAMES.map(plain)));
}

function namedMethodsOnce(request: string): NamedMethod[] {
  const out: NamedMethod[] = [];
  const channels = channelNames();
  const add = (name: string, start: number) => {
    // (a fluorophore or a tagged protein, "EGFP", "H2B-GFP", "mCherry2", is a channel)
    if (channels.has(plain(name)) || [...channels].some((c) => c.length >= 3 && plain(name).endsWith(c)) || /\d$/.test(name) && /^[a-z]+-?\d+$/i.test(name) && !KNOWN_METHODS.has(plain(name))) return;
    if (out.some((m) => start < m.end && start + name.length > m.start)) return;
    out.push({ name, start, end: start + name.length });
  };
  for (const m of request.matchAll(NAMED_METHOD)) add(m[1], (m.index ?? 0) + m[0].length - m[1].length);
  // (a known name anywhere: "show a UMAP", "Kalman filter tracking"; two-word names as written, one-word ones as a whole word)
  for (const { name, key, pattern } of ANY_KNOWN_METHOD.test(request) ? KNOWN_METHOD_PATTERNS : []) {
    for (const m of request.matchAll(pattern)) {
      // (a short name, "Li", "LoG", or an everyday word, "BaSiC", "CARE", counts only as written, with its capitals)
      if ((key.length <= 3 || isEverydayWord(key) || isOrdinaryWord(key)) && m[0] !== name) continue;
      add(m[0], m.index ?? 0);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The words and values a tool declares (its words, value words, allowed values, insteadOf names, description), as plain names. */
function declaredNames(tool: string, catalogue: Catalogue): Set<string> {
  const self = selfOf(tool, catalogue) ?? {};
  const props = catalogue.get(tool)?.properties ?? {};
  const texts = [...(self.words ?? []), ...Object.keys(self.insteadOf ?? {}), ...Object.values(self.valueWords ?? {}).flatMap((v) => Object.values(v).flat()), ...Object.values(props).flatMap(allowedValues)];
  const description = `${catalogue.get(tool)?.description ?? ''} ${self.summary ?? ''}`;
  return new Set([...texts.map(plain), ...(description.match(/[\p{L}\d-]+/gu) ?? []).map(plain)]);
}

/** The allowed value of one of the tool's choices that the name says (by the value or its declared words). */
function valueNamed(tool: string, name: string, catalogue: Catalogue): { arg: string; value: string } | undefined {
  const said = plain(name);
  const words = selfOf(tool, catalogue)?.valueWords ?? {};
  for (const [arg, p] of Object.entries(catalogue.get(tool)?.properties ?? {})) {
    for (const value of allowedValues(p)) {
      if (plain(value) === said || (words[arg]?.[value] ?? []).some((w) => plain(w) === said)) return { arg, value };
    }
  }
  // ("a Gauss filter": a value's name cut short, "gauss" of gaussian, is that value; only when it shortens one value alone)
  if (isAcronym(name)) return undefined;
  const shortened = Object.entries(catalogue.get(tool)?.properties ?? {}).flatMap(([arg, p]) => allowedValues(p).filter((value) => isShortenedForm(said, plain(value))).map((value) => ({ arg, value })));
  return shortened.length === 1 ? shortened[0] : undefined;
}

/** The name is a word the tool declares, as written or cut short ("thresh" of threshold). */
function declaresName(tool: string, name: string, catalogue: Catalogue): boolean {
  const names = declaredNames(tool, catalogue);
  const said = plain(name);
  return names.has(said) || (!isAcronym(name) && [...names].some((n) => isShortenedForm(said, n)));
}

/** A name in capitals ("CARE", "LoG" aside): a name of its own, never a word cut short. */
function isAcronym(name: string): boolean {
  return /^\p{Lu}[\p{Lu}\d]+$/u.test(name);
}

/** The value a step runs with: the one planned, else the schema's default. */
function valueOf(step: PlannedStep, arg: string, catalogue: Catalogue): unknown {
  return step.args[arg] ?? catalogue.get(step.tool)?.properties[arg]?.default;
}

/** The step whose words hold the position, else the step of the nearest words before it, else the first. */
function stepAt(steps: PlannedStep[], request: string, at: number): PlannedStep {
  const held = steps.filter((s) => s.clause && request.indexOf(s.clause) >= 0);
  return held.find((s) => request.indexOf(s.clause) <= at && at < request.indexOf(s.clause) + s.clause.length) ?? held.filter((s) => request.indexOf(s.clause) <= at).at(-1) ?? steps[0];
}

/**
 * The step a method's name was said for: of the steps whose clause holds it (a tracking and the segmentation run to feed
 * it share "track with the linear motion tracker"), the one whose tool the name's own words name ("tracker": track).
 */
function stepOfName(steps: PlannedStep[], request: string, at: number, name: string, index: ToolIndex): PlannedStep {
  const step = stepAt(steps, request, at);
  const sharing = steps.filter((s) => s.clause === step.clause);
  if (sharing.length < 2) return step;
  const named = index.match(name).find((m) => !m.byArgument && sharing.some((s) => s.tool === m.tool));
  return sharing.find((s) => s.tool === named?.tool) ?? step;
}

/** The choices a step offers for a method, said in the answer: "(it offers method: pca, umap, tsne)". */
function offers(step: PlannedStep, catalogue: Catalogue): string {
  const props = catalogue.get(step.tool)?.properties ?? {};
  const arg = ['method', 'kind', 'mode', 'format'].find((a) => allowedValues(props[a] ?? {}).length > 0);
  if (!arg) return `\`${step.tool}\` has no choice of method`;
  return `\`${step.tool}\` offers ${arg}: ${allowedValues(props[arg]).join(', ')}; it ran with ${String(valueOf(step, arg, catalogue) ?? 'its default')}`;
}

/** True when the answer already says the words (a note of the planner's own, a reply). */
function alreadySaid(said: string, words: string): boolean {
  const p = plain(words);
  return p.length >= 4 ? plain(said).includes(p) : new RegExp(`(?<![\\p{L}\\d])${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\d])`, 'iu').test(said);
}

/**
 * A step that runs an earlier step again (rerun_step: its schema names the tool to act on) seen as that tool with the
 * changes as its arguments (the same object: a value set on it is a change), so that "try it again with triangle" has
 * its method applied; any other step as it is.
 */
function asRunAgain(step: PlannedStep, catalogue: Catalogue): PlannedStep {
  const { tool, changes } = step.args;
  if (!('tool' in (catalogue.get(step.tool)?.properties ?? {})) || typeof tool !== 'string' || !catalogue.has(tool) || !changes || typeof changes !== 'object') return step;
  return { ...step, tool, args: changes as Record<string, unknown> };
}

/** Whether the position lies in a sentence of the request that only tells (isContext: how the data was taken, thanks, a greeting). */
export function inContextSentence(request: string, at: number): boolean {
  let from = 0;
  for (const sentence of request.split(/(?<=[.!?])\s+/)) {
    const start = request.indexOf(sentence, from);
    const end = start + sentence.length;
    from = end;
    if (at >= start && at < end) return isContext(sentence.replace(/[.!?]+$/, ''));
  }
  return false;
}

/**
 * Method names: applied when a step's choice takes the name (set here when that choice was left
 * unset and one step of that tool runs), named otherwise. Returns the lines to add.
 */
function methodsAccounted(request: string, plan: Plan, catalogue: Catalogue, said: string, index: ToolIndex): string[] {
  const lines: string[] = [];
  // (advice talks about methods, it runs none; the microscope's words are the acquisition language's)
  if (plan.steps.some((s) => selfOf(s.tool, catalogue)?.role === 'advice' || selfOf(s.tool, catalogue)?.domain === 'microscope')) return lines;
  // (and a method said by a phrase whose last word is its kind, "the linear motion tracker", no tool offers: as a name)
  const names = namedMethods(request);
  const phrases = lackedMethodPhrases(request, catalogue, plan.steps.map((s) => s.tool)).filter((p) => !names.some((n) => n.start < p.end && p.start < n.end));
  for (const { name, start } of [...names, ...phrases].sort((a, b) => a.start - b.start)) {
    // (a name said already by another note is left to it, unless its clause's step is none of it: "refine the outlines with active contours")
    const saidAlready = alreadySaid(said, name) || lines.some((l) => l.includes(`"${name}"`));
    if (saidAlready && !chosenOnlyByItsObject(stepAt(plan.steps, request, start), request, start, plan, catalogue, index)) continue;
    // (a name turned down, "not with Otsu", "instead of Otsu", is no method asked for)
    if (/\b(?:not|no|never|without|instead\s+of|rather\s+than|except|avoid|don'?t\s+use)\s+(?:(?:with|using|use|the|a|an)\s+){0,2}$/i.test(request.slice(Math.max(0, start - 30), start))) continue;
    // (a name in a step the user will do themselves, "I'll do the tracking myself in TrackMate", is no method asked of us)
    if (saidOfAStepLeftToTheUser(request, start)) continue;
    // (a name in a sentence that tells how the data was taken, "Acquired on our Nikon with NIS Elements.", is no method asked)
    if (inContextSentence(request, start) || inToldPart(request, start)) continue;
    // one of our choices: applied, or applied now to the one step of the tool that has it
    let handled = false;
    const viewed = plan.steps.map((s) => asRunAgain(s, catalogue));
    // ("export to trackmate, but track with overlap": a name one step ran with is applied, whichever other tool knows it too)
    if (viewed.some((s) => {
      const named = valueNamed(s.tool, name, catalogue);
      return named !== undefined && valueOf(s, named.arg, catalogue) === named.value;
    })) continue;
    for (const step of viewed) {
      const named = valueNamed(step.tool, name, catalogue);
      if (!named) continue;
      handled = true;
      const same = viewed.filter((s) => s.tool === step.tool);
      // ("export as csv and trackmate": one step per value, one of them runs with it)
      if (same.some((s) => valueOf(s, named.arg, catalogue) === named.value)) break;
      // (a value the step's reader filled in, its default, that its own words did not say: "cluster the cells" is no "PCA")
      const unsaid = step.args[named.arg] === undefined || (step.args[named.arg] === catalogue.get(step.tool)?.properties[named.arg]?.default && !alreadySaid(step.clause, String(step.args[named.arg])));
      if (unsaid && same.length === 1) {
        step.args[named.arg] = named.value;
        break;
      }
      if (!saidAlready) lines.push(`I did not apply "${name}": \`${step.tool}\` ran with ${named.arg} ${String(valueOf(step, named.arg, catalogue))}; ask for it on its own ("${name} only") to run it that way.`);
      break;
    }
    if (handled) continue;
    // ("the median speed with the IQR": a statistic of a table a step makes, computed by the answer)
    if (plan.steps.some((s) => statisticOfATable(s, name, catalogue))) continue;
    // a word of a step's own tool (TrackMate of the export, watershed of the segmentation): what it is or does
    if (plan.steps.some((s) => declaresName(s.tool, name, catalogue))) continue;
    // (a word cut short of one the request says in full, "thresh" after "threshold", is that word again)
    if (!isAcronym(name) && (request.toLowerCase().match(/\p{L}{5,}/gu) ?? []).some((w) => isShortenedForm(plain(name), w))) continue;
    // a method of a tool the plan did not run ("segment with UMAP")
    const owner = [...catalogue.keys()].find((t) => valueNamed(t, name, catalogue));
    const step = stepOfName(plan.steps, request, start, name, index);
    if (owner) {
      if (!saidAlready) lines.push(`I did not apply "${name}": it is a method of \`${owner}\`, which this request did not run; ${offers(step, catalogue)}.`);
      continue;
    }
    // ("refine the nucleus outlines with active contours": the method is the action, which the step its object chose does not do)
    if (chosenOnlyByItsObject(step, request, start, plan, catalogue, index)) {
      plan.steps.splice(plan.steps.indexOf(step), 1);
      // (a note that said the step ran without it is about a step that no longer runs)
      if (plan.notes) plan.notes = plan.notes.filter((n) => !n.includes(`\`${step.tool}\``));
      lines.push(`I did not apply "${name}": it is not available here, and no tool of mine does "${fromItsVerb(step.clause)}", so I ran nothing for it.`);
      continue;
    }
    if (!saidAlready) lines.push(`I did not apply "${name}": it is not available here; ${offers(step, catalogue)}.`);
  }
  return lines;
}

/** A negation and the few words it turns down ("don't write a new file", "without gap closing", "never export"), up to a word that ends its scope ("... just get rid of the wobble"). */
const NEGATED = /\b(?:don'?t|do\s+not|dont|never|without|w\/o|no\s+need\s+to|skip|avoid)\s+((?:(?!(?:and|but|then|or|so|because|as|if|just|only|instead|rather)\b)[\p{L}\d'’-]+\s*){1,5})/giu;

/** The meanings of a yes/no argument's name ("writeMovie" → write, movie). */
function switchWords(arg: string): string[] {
  return tokenize(arg.replace(/([a-z])([A-Z])/g, '$1 $2')).map((t) => meaning(t.stem));
}

/**
 * Negations nothing obeyed: the words turned down name a yes/no setting of a step by its first
 * word ("don't write a new file": correct_drift's writeMovie) that still runs on, or the tool
 * of a step that still runs with nothing said. Returns the lines to add.
 */
function negationsAccounted(request: string, plan: Plan, catalogue: Catalogue, index: ToolIndex, said: string): string[] {
  const lines: string[] = [];
  const stop = new Set([...stopWords()]);
  for (const m of request.matchAll(NEGATED)) {
    const phrase = m[0].trim();
    const words = tokenize(m[1]).filter((t) => !t.part && !stop.has(t.word));
    if (!words.length || alreadySaid(said, m[1].trim())) continue;
    const meanings = new Set(index.meanings(words));
    // a switch named by the words and turned off already obeys them ("track them, don't split them": allowSplitting false)
    if (plan.steps.some((step) => Object.entries(step.args).some(([arg, v]) => v === false && switchWords(arg).some((w) => meanings.has(w))))) continue;
    // a step switch named by its first word (a verb: "write", "split", "allow"), still on
    const kept = plan.steps.flatMap((step) => Object.entries(catalogue.get(step.tool)?.properties ?? {})
      .filter(([arg, p]) => (p.type === 'boolean' || (p.anyOf ?? []).some((a) => a.type === 'boolean')) && meanings.has(switchWords(arg)[0]) && valueOf(step, arg, catalogue) === true)
      .map(([arg]) => ({ step, arg })));
    if (kept.length === 1) {
      // (turned off, as asked, when the words name no other result than the switch's own: "don't write the drift table" is no writeMovie)
      const { step, arg } = kept[0];
      const others = INPUT_TYPES.filter((t) => !switchWords(arg).includes(meaning(normalizeWord(t)))).map((t) => meaning(normalizeWord(t)));
      if (catalogue.get(step.tool)?.properties[arg]?.default === true && !others.some((t) => meanings.has(t))) {
        step.args[arg] = false;
        lines.push(`Turned off, as you asked ("${phrase}"): \`${step.tool}\` ${arg}: false.`);
      } else lines.push(`I did not apply "${phrase}": \`${step.tool}\` ran with ${arg}: true.`);
      continue;
    }
    // a step the words name by its tool's own telling words (its name's verb), which still runs
    // (named by the verb of its name, "don't save ...", "never export ...", and asked nowhere else in the request)
    const named = index.match(m[1])[0];
    const verb = named ? meaning(normalizeWord(named.tool.split('_')[0])) : '';
    const elsewhere = named && index.meanings(tokenize(request.slice(0, m.index ?? 0) + ' '.repeat(m[0].length) + request.slice((m.index ?? 0) + m[0].length))).includes(verb);
    const ran = named && meanings.has(verb) && !elsewhere ? plan.steps.find((s) => s.tool === named.tool) : undefined;
    if (!ran || alreadySaid(said, named.tool) || alreadySaid(said, named.tool.split('_')[0])) continue;
    // a step no other step reads from is left out, as asked; one the others need still runs, and says so
    const needed = plan.steps.some((s) => s !== ran && (selfOf(s.tool, catalogue)?.consumes ?? []).some((type) => producesOf(ran.tool, catalogue).includes(type)));
    if (!needed) {
      plan.steps.splice(plan.steps.indexOf(ran), 1);
      lines.push(`Not run, as you asked ("${phrase}"): ${ran.tool}.`);
    } else lines.push(`I did not apply "${phrase}": \`${ran.tool}\` still ran, as the other steps need what it makes (${producesOf(ran.tool, catalogue).join(', ')}).`);
  }
  return lines;
}

/** Things left out by what they are: "but not the ones at the edge", "except those touching the border", "apart from the dim cells". */
const THINGS_LEFT_OUT = /\b(?:but\s+not|except(?:\s+for)?|apart\s+from|other\s+than|excluding|leaving\s+out)\s+(?:the\s+|those\s+|these\s+|any\s+)?((?:[\p{L}-]+\s+){0,2}?(?:ones|cells?|nuclei|nucleus|objects?|tracks?|blobs?|spots?)(?:\s+(?:that|which|who|at|on|near|along|touching|by|with|in|over|under|below|above|smaller|bigger|larger|dimmer|brighter|shorter|longer)\b(?:\s+[\p{L}\d.-]+){1,4})?)/giu;

/**
 * Things left out by a quality no step applied ("measure the nuclei but not the ones at the edge": measure leaves
 * nothing out by where it is): named in one line. Applied when a step's yes/no setting names a word of them and is on
 * (segment's excludeBorder), or a step took a number of theirs.
 */
function exclusionsAccounted(request: string, plan: Plan, catalogue: Catalogue, index: ToolIndex, said: string): string[] {
  const lines: string[] = [];
  const stop = new Set([...stopWords()]);
  const things = /^(?:ones|cells?|nuclei|nucleus|objects?|tracks?|blobs?|spots?)$/i;
  for (const m of request.matchAll(THINGS_LEFT_OUT)) {
    const phrase = m[0].trim();
    const words = tokenize(m[1]).filter((t) => !t.part && !stop.has(t.word) && !things.test(t.word));
    // ("except channel 2", "but not the tracks": a channel, frames or a whole step turned down are other readers')
    if (!words.length || alreadySaid(said, m[1].trim())) continue;
    const meanings = new Set(index.meanings(words));
    // ("excluding nuclei smaller than 10 µm²": an area the plan read in px² at the pixel size, as its note says, is that number too)
    const inPixels = new Map([...(plan.notes ?? []).join(' ').matchAll(/(\d+(?:\.\d+)?) µm² is (\d+(?:\.\d+)?) px²/g)].map((c) => [Number(c[1]), Number(c[2])]));
    const numbers = (m[1].match(/\d+(?:\.\d+)?/g) ?? []).map(Number).flatMap((n) => (inPixels.has(n) ? [n, inPixels.get(n)!] : [n]));
    const applied = plan.steps.some((step) => Object.entries(step.args).some(([arg, v]) => (v === true && switchWords(arg).some((w) => meanings.has(w))) || (typeof v === 'number' && numbers.includes(v))));
    if (applied) continue;
    const step = plan.steps.find((s) => s.clause && request.indexOf(s.clause) >= 0 && request.indexOf(s.clause) < (m.index ?? 0)) ?? plan.steps.at(-1)!;
    lines.push(`I did not apply "${phrase}": \`${step.tool}\` has no option that leaves things out by that, so it covered all of them.`);
  }
  return lines;
}

/** The meanings of the words the plan's tools declare as their own (their words and examples, not their descriptions). */
export function ownWordsOf(steps: PlannedStep[], catalogue: Catalogue, index: ToolIndex): Set<string> {
  return new Set(steps.flatMap((s) => index.meanings(tokenize([...(selfOf(s.tool, catalogue)?.words ?? []), ...(selfOf(s.tool, catalogue)?.examples ?? [])].join(' ')))));
}

/** A thing asked to be made or shown: the verb, then a phrase of up to three words ending before "of", "for", a comma or the end. */
const MADE = /\b(?:draw|plot|make|show|create|generate|render|produce|build|give\s+me|display|visuali[sz]e)\s+(?:me\s+)?(?:a|an|the|some|my)\s+((?:[\p{L}\d-]+\s+){0,2}?[\p{L}\d-]+)(?=\s+(?:of|for|from|with|showing|per|across|over|and|then|that|to)\b|\s*[,.;!?]|\s*$)/giu;

/**
 * A thing asked for with no verb, the request's sentence opening on it or on a wish ("a heat map of where the cells go",
 * "I'd like a violin plot of the areas", "can I get a rose plot of the tracks"): the same phrase as after a verb.
 */
const WISHED = /(?:^|[.;!?]\s+)(?:(?:hi|hello|hey|please|pls|so|ok|okay)[,\s]+)*(?:(?:i\s+(?:want|need|would\s+like|'d\s+like)|can\s+i\s+(?:get|have)|could\s+i\s+(?:get|have))\s+)?(?:a|an)\s+((?:[\p{L}\d-]+\s+){0,2}?[\p{L}\d-]+)(?=\s+(?:of|for|from|with|showing|per|across|over|and|then|that|to)\b|\s*[,.;!?]|\s*$)/giu;

/** A thing to make said in words, which no tool makes: the words, and where they are said. */
export interface UnknownThing { phrase: string; start: number; end: number }

/**
 * Things asked to be made or shown that no tool knows how to make ("draw the lineage tree", "a violin
 * plot", "make a heatmap of the speeds"): the phrase's last word is no word of any tool, or a tool's own
 * word ("plot") with a word before it that no tool knows. Things under the microscope ("show the HeLa
 * cells", "the hemocytes") are no things to make.
 */
export function unknownThings(request: string, index: ToolIndex, isSubject: (word: string) => boolean, ownWords: Set<string> = new Set()): UnknownThing[] {
  const stop = [...stopWords()];
  const out: UnknownThing[] = [];
  // ("give me a rough idea of how many ...": a hedge is how it is asked, nothing to make)
  for (const m of [...withoutHedges(request).matchAll(MADE), ...withoutHedges(request).matchAll(WISHED)]) {
    const words = tokenize(m[1]).filter((t) => !t.part && !/\d/.test(t.word));
    if (!words.length || words.some((t) => isSubject(m[1].slice(t.start, t.end)))) continue;
    const unknown = words.filter((t) => t.word.length >= 3 && !index.recognizes(t, stop) && !KNOWN_METHODS.has(plain(t.word)));
    const head = words.at(-1)!;
    // ("build the lineage trees": a word of a planned step's own, "lineage" of the tracking, says it is that step's result)
    if (words.some((t) => t !== head && !unknown.includes(t) && ownWords.has(index.meanings([t])[0]))) continue;
    if (unknown.includes(head) || (unknown.length > 0 && index.recognizes(head, stop))) out.push({ phrase: m[1], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}

/**
 * "measure the objects. I want links for the kind.": a value of a step's own choice said in words no step
 * took (a sentence of its own, a clause read as another step's), applied to the one step whose tool offers
 * it, when its own words left that choice unset. Read as the step's own words are (statedValues).
 */
function valuesSaidElsewhere(request: string, plan: Plan, catalogue: Catalogue, index: ToolIndex): void {
  const rest = plan.steps.reduce((t, s) => {
    const at = s.clause ? t.indexOf(s.clause) : -1;
    return at < 0 ? t : t.slice(0, at) + ' '.repeat(s.clause.length) + t.slice(at + s.clause.length);
  }, request);
  if (!/\p{L}/u.test(rest)) return;
  const offered = plan.steps.map((step) => ({ step, values: statedValues(step.tool, rest, catalogue, (stem) => index.spread(stem) <= 2) }));
  for (const { step, values } of offered) {
    for (const [arg, value] of Object.entries(values)) {
      if (step.args[arg] !== undefined || plan.steps.filter((s) => s.tool === step.tool).length > 1) continue;
      // (one step only may take it: a value two tools offer is no telling word)
      if (offered.some((o) => o.step !== step && Object.values(o.values).includes(value))) continue;
      step.args[arg] = value;
    }
  }
}

/**
 * "with a drift of 7 pixels, simulate ...", "set the upsample factor to 7 and correct the drift": a number said by the
 * name words of an argument, in words no step took (a clause of settings alone), applied to the one step whose tool
 * takes it, when its own words left it unset and no other step's tool reads the same number there.
 */
function numbersSaidElsewhere(request: string, plan: Plan, catalogue: Catalogue): void {
  const rest = plan.steps.reduce((t, s) => {
    const at = s.clause ? t.indexOf(s.clause) : -1;
    return at < 0 ? t : t.slice(0, at) + ' '.repeat(s.clause.length) + t.slice(at + s.clause.length);
  }, request);
  // (only a part that states a setting alone: a number said with a question or a description is read where it stands, a diameter halved)
  const settings = settingsAlone(rest).join(', ');
  if (!settings || plan.steps.some((s) => selfOf(s.tool, catalogue)?.domain === 'microscope')) return;
  const held = new Set(plan.steps.flatMap((s) => numbersHeld(s.args)));
  const offered = plan.steps.map((step) => ({ step, numbers: statedNumbers(step.tool, settings, catalogue) }));
  for (const { step, numbers } of offered) {
    if (plan.steps.filter((s) => s.tool === step.tool).length > 1) continue;
    for (const [arg, value] of Object.entries(numbers)) {
      if (step.args[arg] !== undefined || held.has(value)) continue;
      if (offered.some((o) => o.step !== step && Object.values(o.numbers).includes(value))) continue;
      step.args[arg] = value;
    }
  }
}

/**
 * Numbers with a unit of time, length or share ("5 µm", "every 3 min", "10%") that no step took (as said, or
 * converted to seconds, milliseconds, pixels) and no line of the answer names: each named in one line.
 */
function numbersAccounted(request: string, plan: Plan, catalogue: Catalogue, said: string): string[] {
  // (only numbers in words no step was made of: a step's own words were read by its reader, which names what it left;
  // the microscope's numbers are the acquisition language's)
  if (plan.steps.some((s) => selfOf(s.tool, catalogue)?.domain === 'microscope' || !s.clause || request.indexOf(s.clause) < 0)) return [];
  const inStep = (at: number) => plan.steps.some((s) => request.indexOf(s.clause) <= at && at < request.indexOf(s.clause) + s.clause.length);
  const held = plan.steps.flatMap((s) => numbersHeld(s.args)).map(Math.abs);
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
  const lines: string[] = [];
  for (const q of findQuantities(request)) {
    if (!['time', 'length', 'percent'].includes(q.kind) || q.per || inStep(q.start)) continue;
    // (a wavelength of light, "at 488 nm", names a channel, no length to set)
    if (q.unit === 'nm' && q.value >= 300 && q.value <= 900) continue;
    const written = request.slice(q.start, q.end).trim();
    const number = /[\d.,]+/.exec(written)?.[0] ?? '';
    if (!number || alreadySaid(said, number) || alreadySaid(said, written)) continue;
    const forms = [q.value, q.value / 2, q.unit === 'nm' ? q.value / 1000 : NaN, q.kind === 'time' ? seconds(q) : NaN, q.kind === 'time' ? seconds(q) * 1000 : NaN, q.kind === 'time' ? seconds(q) / 60 : NaN];
    if (held.some((h) => forms.some((f) => Number.isFinite(f) && close(h, f)))) continue;
    // (a length in µm becomes pixels at a pixel size the step knows: any length argument set counts)
    if (q.kind === 'length' && q.unit !== 'px' && plan.steps.some((s) => Object.entries(s.args).some(([k, v]) => /Px$/.test(k) && typeof v === 'number'))) continue;
    lines.push(`I did not apply "${written}": no step took it; say which setting it is for (e.g. "${plan.steps[0].tool.replace(/_/g, ' ')} with ... of ${written}").`);
  }
  return lines;
}

/** A clause said after a step with a word of order ("..., then a gif of the corrected stack", "and afterwards a picture of ..."). */
const AFTER_A_STEP = /\b(?:then|afterwards|after\s+that|once\s+(?:that'?s|that\s+is|it'?s)\s+done)\s+([^,.;!?]+)/giu;

/** A clause that asks for something: a verb of making, showing or saving, or a noun of an output (a movie, a figure, a file, a table). */
const ASKS_FOR_SOMETHING = /^(?:(?:please|pls|also|just)\s+)*(?:make|show|save|create|produce|generate|render|write|export|draw|plot|send|upload|print|e-?mail|share|give\s+me)\b|\b(?:movies?|videos?|animations?|gifs?|mp4s?|avis?|figures?|pictures?|images?|plots?|graphs?|charts?|files?|tables?|spreadsheets?|montages?|renderings?|projections?|snapshots?|slides?)\b/iu;

/**
 * "correct the drift, then a gif of the corrected stack", "segment the nuclei and then an mp4 for the lab meeting": a clause
 * after a step that asks for something and that no planned step was made of is named in one line, never dropped in
 * silence. A clause that only gives a reason or a setting ("for my presentation", "please") asks for nothing.
 */
function trailingAsksAccounted(request: string, plan: Plan, said: string): string[] {
  const lines: string[] = [];
  const spans = plan.steps.filter((s) => s.clause && request.indexOf(s.clause) >= 0).map((s) => ({ start: request.indexOf(s.clause), end: request.indexOf(s.clause) + s.clause.length }));
  for (const m of withoutHedges(request).matchAll(AFTER_A_STEP)) {
    const start = (m.index ?? 0) + m[0].length - m[1].length;
    const text = request.slice(start, start + m[1].length).replace(/\s+(?:please|pls|thanks?)\s*$/i, '').trim();
    // (a step made of these words, its own clause opening in them, or a value of a step said in them, "save it as out.tif", covers them;
    // a step whose clause only runs on through them, "segment the nuclei and then an mp4", does not)
    const strings = plan.steps.flatMap((s) => Object.values(s.args)).filter((v): v is string => typeof v === 'string' && v.length >= 3);
    if (!ASKS_FOR_SOMETHING.test(text) || spans.some((s) => s.start >= (m.index ?? 0) && s.start < start + text.length) || strings.some((v) => text.includes(v) || text.includes(v.replace(/^.*[\\/]/, '')))) continue;
    // (a line of the answer already names it: "I did not apply "3D rendering" ...")
    const stop = new Set(stopWords());
    if (alreadySaid(said, text) || (text.match(/[\p{L}\d]{3,}/gu) ?? []).some((w) => !stop.has(w.toLowerCase()) && new RegExp(`"[^"]*\\b${w}\\b[^"]*"`, 'i').test(said))) continue;
    lines.push(`Not done: "${text}": no step was made of it (I could not tell which tool makes it), so nothing was made for it; ask for it on its own to have it.`);
  }
  return lines;
}

/**
 * The lines that name the parts of the request the plan neither applied nor named (and values of
 * a step's own choice said elsewhere in the request, applied to it). Only for plans that run steps.
 */
export function accountForRequest(request: string, plan: Plan, catalogue: Catalogue, index: ToolIndex, isSubject: (word: string) => boolean = () => false): string[] {
  if (!plan.steps.length || plan.reply) return [];
  const said = [...(plan.notes ?? []), plan.reply ?? ''].join(' ');
  if (!plan.question) valuesSaidElsewhere(request, plan, catalogue, index);
  if (!plan.question) numbersSaidElsewhere(request, plan, catalogue);
  const methods = methodsAccounted(request, plan, catalogue, said, index);
  const negations = negationsAccounted(request, plan, catalogue, index, [said, ...methods].join(' '));
  const things = unknownThings(request, index, isSubject, ownWordsOf(plan.steps, catalogue, index))
    .filter((t) => !alreadySaid(said, t.phrase))
    .map((t) => {
      // (the step made of those words says what it made instead: "`plot` offers kind: ...; it ran with timeseries")
      const made = plan.steps.filter((s) => s.clause.includes(t.phrase)).at(-1);
      return `I did not apply "${t.phrase}": no tool here makes one; ${made ? offers(made, catalogue) : 'the other steps ran as asked'}.`;
    });
  const left = plan.question ? [] : exclusionsAccounted(request, plan, catalogue, index, [said, ...methods, ...negations, ...things].join(' '));
  const numbers = plan.question ? [] : numbersAccounted(request, plan, catalogue, [said, ...methods, ...negations, ...things, ...left].join(' '));
  // ("correct the drift, then a gif of the corrected stack": a kind of file no tool writes, named with the formats there are)
  const files = [unwrittenFileLine(request, catalogue, [said, ...methods, ...negations, ...things, ...left, ...numbers].join(' '))].filter((l): l is string => !!l);
  // ("export the masks as tiff in 8-bit", "the plot at 300 dpi": a bit depth or resolution no argument sets, outputDepth.ts)
  const depth = plan.question ? undefined : outputDepthLine(request, plan.steps, catalogue, [said, ...methods, ...negations, ...things, ...left, ...numbers, ...files].join(' '));
  if (depth) files.push(depth);
  const asks = plan.question ? [] : trailingAsksAccounted(request, plan, [said, ...methods, ...negations, ...things, ...left, ...numbers, ...files].join(' '));
  // ("segment the nuclei carefully", "roughly segment the cells": how a step was asked to run, which no setting says, mannerWords.ts)
  const manner = mannerLines(request, plan, catalogue, index, [said, ...methods, ...negations, ...things, ...left, ...numbers, ...files, ...asks].join(' '));
  // ("measure the areas and give me a p value": a test of significance no step runs, untestedDifference.ts)
  const tested = untestedDifferenceLine(request, plan, catalogue, [said, ...methods, ...negations, ...things, ...left, ...numbers, ...files, ...asks, ...manner].join(' '));
  // ("segment the cells on GPU (gpu=True)", "in parallel on 8 cores": how a step runs, which no tool sets, computeWords.ts)
  const compute = computeLine(request, [said, ...methods, ...negations, ...things, ...left, ...numbers, ...files, ...asks, ...manner, ...(tested ? [tested] : [])].join(' '));
  const lines = [...methods, ...negations, ...things, ...left, ...numbers, ...files, ...asks, ...manner, ...(tested ? [tested] : []), ...(compute ? [compute] : [])];
  // (the safety net: a name of the field or a condition that nothing above covered nor named, unaccounted.ts)
  return [...lines, ...safetyNet(request, plan, catalogue, index, [said, ...lines].join(' '))];
}

/** Whether the words at a position are no part asked of the steps: turned down, left to the user, or in a sentence that only tells. */
function notAskedAt(request: string, at: number): boolean {
  return /\b(?:not|no|never|without|instead\s+of|rather\s+than|except|avoid|don'?t\s+use)\s+(?:(?:with|using|use|the|a|an|in|of)\s+){0,2}$/i.test(request.slice(Math.max(0, at - 30), at)) || saidOfAStepLeftToTheUser(request, at) || inContextSentence(request, at) || inToldPart(request, at);
}

/**
 * "compute the FRET ratio", "a survival (Kaplan-Meier) curve", "measure only in the mitotic cells": a name of the field
 * no running step declares or took, and a condition no argument applied, each named in one line in the person's words.
 */
function safetyNet(request: string, plan: Plan, catalogue: Catalogue, index: ToolIndex, said: string): string[] {
  if (plan.steps.some((s) => selfOf(s.tool, catalogue)?.role === 'advice' || selfOf(s.tool, catalogue)?.domain === 'microscope')) return [];
  const strings = plan.steps.flatMap((s) => numbersAndStrings(s.args)).map(plain).filter((v) => v.length >= 2);
  const channels = channelNames();
  const covered = (name: string, at: number): boolean => {
    const p = plain(name);
    return alreadySaid(said, name) || notAskedAt(request, at) || channels.has(p) || [...channels].some((c) => c.length >= 3 && (p.endsWith(c) || p.startsWith(c)))
      || strings.some((v) => v === p || v.includes(p)) || plan.steps.some((s) => declaresName(s.tool, name, catalogue) || valueNamed(s.tool, name, catalogue) !== undefined || statisticOfATable(s, name, catalogue))
      || widelyDeclared(p, catalogue) || knownToASteps(name) || plan.steps.some((s) => inDeclaredPhrases(s.tool, name, catalogue));
  };
  // ("plot speed vs time w/ 95% CI": a name the thesaurus knows as a word a running step declares, CI of its confidence band)
  const declared = new Set(plan.steps.flatMap((s) => index.meanings(tokenize([...declaredNames(s.tool, catalogue)].join(' ')))));
  const knownToASteps = (name: string) => index.meanings(tokenize(name)).some((m) => declared.has(m));
  // (a question's names are its answer's: "what is the FRET ratio" asks for a value, read by the answer builders)
  const names = (plan.question ? [] : uncoveredNames(request, covered, (words) => namesAThingImaged(words, index), (name) => alreadySaid(said, name))).map((n) => `I did not apply "${n.text}": no step here offers it; ${plan.steps.length === 1 ? `\`${plan.steps[0].tool}\` ran as it does by default` : 'the other steps ran as asked'}.`);
  const conditions = unappliedConditions(request, plan, catalogue, index, said, (phrase, at) => alreadySaid(said, phrase) || notAskedAt(request, at))
    .map((c) => `I did not apply "${c.text}": no step restricts itself to that, so it covered all of them.`);
  // ("measure mean intensity normalised to frame 1": a reference no step relates the values to, references.ts)
  const references = unappliedReferences(request, plan, catalogue).filter((r) => !alreadySaid(said, r.text) && !notAskedAt(request, r.start))
    .map((r) => `I did not apply "${r.text}": no step here relates the values to a reference, so they are as measured.`);
  // ("the largest five nuclei", "after the drug at frame 30": a number no step took and no line says, numberLedger.ts)
  const before = [said, ...names, ...conditions, ...references].join(' ');
  const numbers = plan.question ? [] : untakenNumbers(request, plan, before, (at) => notAskedAt(request, at), catalogue);
  const phrases = [...new Set(numbers.map((n) => phraseOf(n, request)))].filter((p) => !alreadySaid(before, p));
  const ran = [...new Set(plan.steps.map((s) => `\`${s.tool}\``))].join(', ');
  const untaken = phrases.length ? [`I did not apply ${phrases.map((p) => `"${p}"`).join(', ')}: no step took ${phrases.length > 1 ? 'these numbers' : 'this number'}, so ${ran} ran without ${phrases.length > 1 ? 'them' : 'it'}.`] : [];
  // ("export the table to excel with a separate sheet for each frame": content words no step, value or line accounts for, accountedWords.ts)
  const phrases2 = unaccountedPhrases(request, plan, catalogue, index, [before, ...untaken].join(' '), (w) => namesAThingImaged(w, index), (at) => notAskedAt(request, at));
  const words = phrases2.length ? [`Not applied: ${phrases2.map((p) => `"${p.text}"`).join(', ')} (no step offers ${phrases2.length > 1 ? 'them' : 'it'}).`] : [];
  return [...names, ...conditions, ...references, ...untaken, ...words];
}

/** A word of a phrase the tool declares (its words, value words and examples: "95% CI" of plot's summary mean), as a whole word. */
function inDeclaredPhrases(tool: string, name: string, catalogue: Catalogue): boolean {
  const self = selfOf(tool, catalogue) ?? {};
  const phrases = [...(self.words ?? []), ...(self.examples ?? []), ...Object.values(self.valueWords ?? {}).flatMap((v) => Object.values(v).flat())];
  const word = plain(name);
  return phrases.some((phrase) => (phrase.match(/[\p{L}\d]+/gu) ?? []).some((w) => plain(w) === word));
}

/** The strings a step's arguments hold, at any depth (a channel, a path, a typed change's words). */
function numbersAndStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) numbersAndStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) numbersAndStrings(v, out);
  return out;
}

const WIDELY = new WeakMap<Catalogue, Map<string, number>>();
/** A name three or more tools declare ("Fiji", "ImageJ", "TrackMate"): a name of the field the tools are made after, no method of one. */
function widelyDeclared(name: string, catalogue: Catalogue): boolean {
  let counts = WIDELY.get(catalogue);
  if (!counts) {
    counts = new Map();
    for (const tool of catalogue.keys()) for (const n of declaredNames(tool, catalogue)) counts.set(n, (counts.get(n) ?? 0) + 1);
    WIDELY.set(catalogue, counts);
  }
  return (counts.get(name) ?? 0) >= 3;
}
