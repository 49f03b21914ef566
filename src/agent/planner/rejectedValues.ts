// Values of a step's choices that the person turned down ("denoise the movie; no gaussian please",
// "segment the nuclei, no otsu", "denoise but not with n2v"): never the value that runs. A turned-down
// value the step would run anyway (said, its default, or the default that stands for it: segment's
// "auto" is Otsu) gives way to another allowed value, and the answer says which.
import { allowedValues, type Catalogue } from './catalogue.ts';
import { findEnumValue } from './enums.ts';
import type { PlannedStep } from './types.ts';
import { nameWords } from './arguments.ts';
import { meaning, tokenize } from './words.ts';

/** A word that turns down what follows, and the value named after it ("no gaussian", "not with n2v", "anything but otsu"; "no bigger than 700 px" is a bound, nothing turned down). */
const TURNED_DOWN = /\b(?:no|not|without|w\/o|don'?t\s+use|do\s+not\s+use|never|avoid(?:ing)?|anything\s+(?:but|except)|except(?:\s+for)?|other\s+than|instead\s+of|rather\s+than|in\s+place\s+of|swap(?:ping)?(?:\s+out)?|replac(?:e|ing)|switch(?:ing)?\s+from|chang(?:e|ing)\s+from|mov(?:e|ing)\s+(?:away\s+)?from)\s+(?!(?:bigger|larger|greater|more|smaller|less|fewer|higher|lower|longer|shorter|wider|narrower|brighter|dimmer)\s+than\b)((?:(?:use|using|with|as|in|via|by|the|a|an|any)\s+){0,2}[\w-]+)/gi;

/**
 * The values of `arg` of `tool` the text turns down, said in the step's own words or in words no other step has
 * ("segment the cells not the nuclei, and measure their area": the nuclei turned down are the segmentation's target, no kind of measuring).
 */
function turnedDown(tool: string, arg: string, text: string, own: string, others: PlannedStep[], catalogue: Catalogue): string[] {
  // (another step's words turn down a value of that step's when its tool has it: "segment and track but do not use otsu" is the segmentation's)
  const theirs = (said: string, value: string) => others.some((o) => o.clause.includes(said) && Object.keys(catalogue.get(o.tool)?.properties ?? {}).some((a) => findEnumValue(o.tool, a, value, catalogue)));
  return [...text.matchAll(TURNED_DOWN)]
    .filter((m) => own.includes(m[0]) || !theirs(m[0], m[1]))
    .map((m) => findEnumValue(tool, arg, m[1], catalogue))
    .filter((v): v is string => !!v);
}

/** Whether the clause turns the words down ("not with a gaussian" turns down "gaussian"). */
export function turnsDown(clause: string, words: string): boolean {
  const said = words.trim().toLowerCase();
  return said.length > 0 && [...clause.matchAll(TURNED_DOWN)].some((m) => m[0].toLowerCase().includes(said));
}

/** A word that turns down the argument by its own name ("no smoothing" of smooth, "without normalisation" of normalize). */
function namesTheChoice(arg: string, clause: string): boolean {
  const own = nameWords(arg);
  return [...clause.matchAll(TURNED_DOWN)].some((m) => {
    const said = tokenize(m[1]).map((t) => meaning(t.stem));
    return said.length > 0 && said.every((w) => own.includes(w));
  });
}

/**
 * Sets another value for each choice of the step whose value would be one the request turned down, and says so.
 * `text` is what the request says about it; `others` its other steps.
 */
export function avoidTurnedDown(step: PlannedStep, text: string, others: PlannedStep[], catalogue: Catalogue): string[] {
  const notes: string[] = [];
  for (const [arg, p] of Object.entries(catalogue.get(step.tool)?.properties ?? {})) {
    // ("detrend the traces, no smoothing": the setting itself turned down, by its own name; with no default, none is made)
    // (a value that is itself the setting off, "without drift" → driftPx 0, stays)
    if (p.default === undefined && step.args[arg] !== undefined && (typeof step.args[arg] === 'string' || (typeof step.args[arg] === 'number' && step.args[arg] !== 0)) && namesTheChoice(arg, step.clause)) {
      delete step.args[arg];
      continue;
    }
    const values = allowedValues(p).filter((v): v is string => typeof v === 'string');
    if (values.length < 2) continue;
    const down = [...new Set(turnedDown(step.tool, arg, text, step.clause, others, catalogue))];
    if (down.length === 0) continue;
    const current = (step.args[arg] ?? p.default) as string | undefined;
    if (current === undefined) continue;
    // (a default that picks among the values, "auto" (default: Otsu ...), stands for the value its description names first)
    const runs = (value: string) => (value === p.default ? new RegExp(`"${value}"\\s*\\(default:?\\s*([\\w-]+)`, 'i').exec(p.description ?? '')?.[1]?.toLowerCase() : undefined) ?? value;
    if (!down.includes(runs(current))) continue;
    // (the first allowed value that is not turned down and needs nothing more said: "manual" needs its threshold)
    // ("swap Otsu for triangle", "replace the network with a linear blend": the value said in its place comes first)
    const allowed = (v: string) => v !== current && !down.includes(v) && !down.includes(runs(v));
    const other = values.find((v) => allowed(v) && new RegExp(String.raw`\b${v.replace(/[_-]/g, '[\\s_-]?')}\b`, 'i').test(text))
      ?? values.find((v) => allowed(v) && !/manual|custom/i.test(v));
    if (!other) {
      notes.push(`Not applied: "no ${down.join(', ')}" — \`${step.tool}\` has no other ${arg} to use; it ran with ${runs(current)}.`);
      continue;
    }
    step.args[arg] = other;
    notes.push(`Not ${down.join(' or ')}, as you asked: \`${step.tool}\` ${arg} ${other}.`);
  }
  return notes;
}
