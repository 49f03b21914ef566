// A setting that belongs to one value of a choice implies that value: the tool's own schema says so in the setting's
// description ('Intensity threshold for method "manual"', 'simple_ratio only: ...', '(method gaussian; ...)', 'Kind
// "msd": ...', 'Overlap: smallest intersection-over-union ...'). When the words gave the setting a value and chose no
// value of that choice, the step takes the value the setting is for, and the answer says so in one line; a setting
// given beside another value chosen by name is left to the tool's own rules (inapplicable arguments are named there).
import type { Catalogue, PropertyInfo } from './catalogue.ts';
import { allowedValues } from './catalogue.ts';
import type { PlannedStep } from './types.ts';
import { nameWords } from './arguments.ts';
import { meaning, tokenize } from './words.ts';

/** The choice (an argument with named values) and value a setting's description ties it to, if any. */
export function choiceOfSetting(arg: string, properties: Record<string, PropertyInfo>): { arg: string; value: string } | undefined {
  const description = properties[arg]?.description ?? '';
  const found: { arg: string; value: string }[] = [];
  // (the parts of the description that tie, not those that tell a default per value: 'default 0.15 ... for target "cells"')
  const parts = description.split(/[;]|(?=\()/).filter((part) => !/\bdefault\b/i.test(part));
  for (const [choice, p] of Object.entries(properties)) {
    // (only a choice with a value of its own to leave: one the tool picks from its inputs has nothing the setting implies)
    if (choice === arg || p.default === undefined) continue;
    for (const value of allowedValues(p)) {
      const v = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      // ('simple_ratio only:', 'Overlap:', 'Kind "msd":' heading the description; 'for method "manual"', '(method gaussian;'
      // inside it; never 'not used by method model' nor a value listed among others)
      const tied = new RegExp(`^\\s*(?:${choice}\\s+)?"?${v}"?(?:\\s+only)?\\s*:`, 'i').test(description)
        || parts.some((part) => new RegExp(`(?<!\\bnot\\s+(?:used\\s+)?)\\bfor\\s+${choice}\\s+"?${v}"?(?=[\\s:),.]|$)(?!\\s*(?:and|or)\\s|\\s*,\\s*")`, 'i').test(part)
          || new RegExp(`^\\(${choice}\\s+"?${v}"?\\s*$`, 'i').test(part.trim()));
      if (tied) found.push({ arg: choice, value });
    }
  }
  // (a description that names values of several choices, or several values, ties the setting to none)
  return found.length === 1 ? found[0] : undefined;
}

/** Sets the value each given setting is for where the words chose none; the lines that say so. */
export function impliedChoices(step: PlannedStep, catalogue: Catalogue): string[] {
  const properties = catalogue.get(step.tool)?.properties ?? {};
  const notes: string[] = [];
  for (const arg of Object.keys(step.args)) {
    if (arg.startsWith('$') || step.args[arg] === undefined) continue;
    // (only a setting named by its own name in the words, "threshold 850", "sigma 2": a number read for it from other words,
    // "remove the dim ones below intensity 200", is a filter the answer names, no choice made)
    // (by meaning: "an intensity cut-off of 900" names the threshold by its other name)
    const said = new Set(tokenize(step.clause).map((t) => meaning(t.stem)));
    const words = arg.replace(/(?:Px|Um|Ms|S|Percent)$/, '').split(/(?=[A-Z])/).map((w) => w.toLowerCase()).filter((w) => w.length > 2);
    // (or a level said to part the background from the rest, "anything dimmer than 400 is background": what a threshold is)
    if (!words.some((w) => new RegExp(`\\b${w}`, 'i').test(step.clause)) && !nameWords(arg).some((w) => said.has(w) && w.length > 2) && !(/\bthreshold\b/i.test(properties[arg]?.description ?? '') && /\b(?:background|foreground)\b/i.test(step.clause))) continue;
    const choice = choiceOfSetting(arg, properties);
    if (!choice || step.args[choice.arg] !== undefined) continue;
    const fallback = properties[choice.arg]?.default;
    if (fallback !== undefined && String(fallback) === choice.value) continue;
    step.args[choice.arg] = choice.value;
    notes.push(`Used ${choice.arg} "${choice.value}" for \`${step.tool}\`: the ${arg} you gave is a setting of that ${choice.arg} only.`);
  }
  return notes;
}
