// The safety net of accounted.ts (brief s53/K): after every other reader has named what it left, two kinds of content
// phrase of the request that nothing covers are named in one line each, in the person's own words, never dropped:
// a name of the field (a program, method, format or statistic written as a name: "Kaplan-Meier", "FRET", "HDF5",
// "IdentifyPrimaryObjects", ".nd2") that no running step declares or took, and a condition on which things a step covers
// ("only in the mitotic cells", "whose circularity is above 0.8") that no argument of a step applied.
import type { Catalogue } from './catalogue.ts';
import { allowedValues, selfOf } from './catalogue.ts';
import { isEverydayWord } from './english.ts';
import { isOrdinaryWord } from './constraints.ts';
import type { ToolIndex } from './matcher.ts';
import type { Plan } from './types.ts';
import { isStopWord, meaning, tokenize } from './words.ts';

/** A phrase of the request no step covers: the words as written, and where. */
export interface Unaccounted { text: string; start: number; end: number }

/** Letters and digits only, lower case. */
function plain(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\d]/gu, '');
}

/** A word written as a name: capitals inside ("QuPath", "IdentifyPrimaryObjects"), an acronym ("FRET", "HDF5", "GMM"), a capitalised compound ("Kaplan-Meier", "Mann-Whitney"), or a file extension (".nd2"). */
const NAME_SHAPES = [
  /^\p{Lu}?\p{Ll}+\p{Lu}[\p{L}\d]*$/u,
  /^\p{Lu}[\p{Lu}\d]+s?$/u,
  /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)+$/u,
  /^\.[a-z][a-z\d]{1,5}$/iu,
];

/** A capitalised word inside a sentence ("... as an Excel workbook", "for Blender"): a proper name, not the sentence's first word. */
const CAPITALISED = /^\p{Lu}\p{Ll}{2,}$/u;

/** The words of the request, each with where it stands (a leading dot kept: ".nd2"; a path's parts are one word: "psf_488.tif"). */
const WORD = /(?<![\p{L}\d_./\\-])\.?[\p{L}\d][\p{L}\d_'’-]*(?:[./\\][\p{L}\d_-]+)*/gu;

/** Whether the word opens a sentence (or the request, or a bracket, or a list item). */
function opensSentence(request: string, at: number): boolean {
  return /(?:^|[.!?:;(\n"“]\s*|^\s*[-*•]\s*)$/u.test(request.slice(Math.max(0, at - 4), at)) || at === 0;
}

/** A word written as a name that names a thing of its own (not an emphasised word, "do NOT", nor an axis, "XY", "Z"). */
function isFieldName(word: string, request: string, at: number): boolean {
  if (/[./\\]/.test(word.slice(1)) || /_/.test(word)) return false;
  const lower = word.toLowerCase();
  if (/^[xyztc]+$/i.test(word) || /^\d/.test(word)) return false;
  // ("do NOT track", "ONLY the nuclei", "PLEASE": an everyday word in capitals is said loudly, no name)
  if (/^\p{Lu}+$/u.test(word) && (isEverydayWord(lower) || isOrdinaryWord(lower) || isStopWord(lower))) return false;
  if (NAME_SHAPES.some((shape) => shape.test(word))) return true;
  // (a capitalised word is a name said inside a sentence, after a word of it: "as an Excel workbook", "for Blender"; one after
  // a comma or a greeting, "Kind regards, Margaret", "Hi John", signs or greets)
  const before = /([\p{L}]+)\s+$/u.exec(request.slice(Math.max(0, at - 30), at))?.[1];
  return CAPITALISED.test(word) && !!before && /^\p{Ll}/u.test(before) && !opensSentence(request, at) && !isEverydayWord(lower) && !isOrdinaryWord(lower) && !isStopWord(lower);
}

/**
 * Names of the field the request writes that nothing covers: `covered(name, at)` says whether a running step declares or
 * took it, whether it is a channel, or whether another reader already named it; every other name is returned. Names side
 * by side are one name ("MS Word", "Trainable Weka Segmentation"), covered when all are or one is named already; a name just before the
 * things imaged names those things ("HeLa cells", "the U2OS H2B-GFP nuclei"), unless it is said as a means ("as Imaris spots").
 */
export function uncoveredNames(request: string, covered: (name: string, at: number) => boolean, isThingImaged: (words: string) => boolean = () => false, saidAlready: (name: string) => boolean = () => false): Unaccounted[] {
  const out: Unaccounted[] = [];
  // (a request written in capitals, "SEGMENT THE NUCLEI AND TRACK THEM", shows no name by its shape)
  const letters = request.match(/\p{L}/gu) ?? [];
  if (letters.filter((l) => /\p{Lu}/u.test(l)).length > letters.length / 2) return out;
  const words = [...request.matchAll(WORD)].map((m) => {
    const text = m[0].replace(/['’]s$/u, '').replace(/[-'’]+$/u, '');
    return { text, start: m.index ?? 0, end: (m.index ?? 0) + text.length, name: isFieldName(text, request, m.index ?? 0) };
  });
  for (let i = 0; i < words.length; i++) {
    if (!words[i].name) continue;
    let j = i;
    while (j + 1 < words.length && /^\s+$/.test(request.slice(words[j].end, words[j + 1].start)) && (words[j + 1].name || /^\p{Lu}/u.test(words[j + 1].text))) j++;
    const group = words.slice(i, j + 1);
    const start = group[0].start;
    const text = request.slice(start, group.at(-1)!.end);
    i = j;
    // (covered when each of its names is, or one of them is named already: "MS Word" after "Word"; "Trainable Weka Segmentation" is not)
    if (group.every((w) => covered(w.text, w.start)) || group.some((w) => saidAlready(w.text))) continue;
    const next = request.slice(group.at(-1)!.end).match(/^\s+([\p{L}\d-]+)(?:\s+([\p{L}\d-]+))?/u);
    const asMeans = /\b(?:as|with|using|via|like|in|into|by)\s+(?:(?:an?|the|my|our)\s+)?$/i.test(request.slice(Math.max(0, start - 20), start));
    if (next && !asMeans && isThingImaged([next[1], next[2] ?? ''].join(' '))) continue;
    if (out.some((o) => o.text.toLowerCase() === text.toLowerCase())) continue;
    out.push({ text, start, end: start + text.length });
  }
  return out;
}

/**
 * A condition on which things a step covers, and the words it says: "only in the mitotic cells", "only keeping the
 * daughters of the first division", "whose circularity is above 0.8", "that are GFP-positive", "unless they divide";
 * up to the end of its clause (a comma, "and", "then", a full stop).
 */
const CONDITION = /\b(?:only(?:\s+(?:in|for|on|within|among|of|keeping|keep|using|counting|measuring|consider(?:ing)?|include|including|with))?|whose|unless)\s+(?!(?:if|when|once|after|before|while)\b)((?:(?!(?:and|then|but|so|because|or|please|thanks?)\b)[\p{L}\d'’.%µ-]+\s*){1,7})/giu;

/** Words of a condition that say no condition of their own: which ones ("those", "the"), and how much ("more", "least"). */
function conditionWords(phrase: string, thingWords: Set<string>): { word: string; key: string }[] {
  return tokenize(phrase)
    // (an everyday word still says which ones: "unless they are out of focus", "only the red ones")
    .filter((t) => !t.part && t.word.length >= 3 && !/\d/.test(t.word) && !isStopWord(t.word) && !isOrdinaryWord(t.word))
    .map((t) => ({ word: t.word, key: meaning(t.stem) }))
    .filter((w) => !thingWords.has(w.key));
}

/** The meanings of the things steps run on and find: inputs, targets ("nuclei", "cells"), and the words for them. */
function thingsOfThePlan(plan: Plan, catalogue: Catalogue): Set<string> {
  const words = ['cell', 'cells', 'nucleus', 'nuclei', 'object', 'objects', 'one', 'ones', 'track', 'tracks', 'frame', 'frames', 'spot', 'spots', 'movie', 'image', 'channel', 'time', 'point', 'points', 'timepoint', 'timepoints', 'them', 'those', 'these', 'keep', 'keeping', 'count', 'counting', 'measure', 'measuring', 'include', 'including', 'consider', 'considering'];
  const targets = plan.steps.flatMap((s) => Object.values(catalogue.get(s.tool)?.properties ?? {}).flatMap(allowedValues));
  return new Set(tokenize([...words, ...targets].join(' ')).map((t) => meaning(t.stem)));
}

/** Every value a step was given, as meanings of its words (strings, names of switches turned on, the names of numbers set). */
function appliedMeanings(plan: Plan): Set<string> {
  const out: string[] = [];
  for (const step of plan.steps) {
    for (const [arg, value] of Object.entries(step.args)) {
      if (value && typeof value === 'object') continue;
      const argWords = arg.replace(/([a-z])([A-Z])/g, '$1 $2');
      if (typeof value === 'string') out.push(value.replace(/[_-]+/g, ' '));
      if (value === true || typeof value === 'number') out.push(argWords);
    }
  }
  return new Set(tokenize(out.join(' ')).map((t) => meaning(t.stem)));
}

/** Every number a value holds, at any depth (arguments, frame ranges, typed changes, numbers written in strings). */
export function numbersHeld(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (typeof value === 'string') out.push(...(value.match(/\d+(?:\.\d+)?/g) ?? []).map(Number));
  else if (Array.isArray(value)) for (const v of value) numbersHeld(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) numbersHeld(v, out);
  return out;
}

/**
 * Conditions on which things a step covers that no step applied: a condition is applied when a step holds a number of
 * it, or was given a value, a switch or a setting a word of it names ("only the tracks longer than 10 frames": minFrames
 * 10; "only channel 2"; "only those at the border": inFrame peripheral); one whose words are only of the things
 * ("only the nuclei") or everyday ("only once") says no condition. `skip(at)` leaves a condition another reader owns
 * (said in a context sentence, left to the user, already named).
 */
export function unappliedConditions(request: string, plan: Plan, catalogue: Catalogue, index: ToolIndex, said: string, skip: (phrase: string, at: number) => boolean): Unaccounted[] {
  // (a phrase of the request another line quotes already, "in the centre", "the first hour", is named there)
  const quoted = [...said.matchAll(/"([^"]{3,})"/g)].map((q) => q[1].toLowerCase());
  const things = thingsOfThePlan(plan, catalogue);
  const applied = appliedMeanings(plan);
  const held = new Set(plan.steps.flatMap((s) => numbersHeld(s.args)));
  const ownWords = new Set(plan.steps.flatMap((s) => index.meanings(tokenize((selfOf(s.tool, catalogue)?.words ?? []).join(' ')))));
  const out: Unaccounted[] = [];
  for (const m of request.matchAll(CONDITION)) {
    const at = m.index ?? 0;
    const text = m[0].replace(/[\s,.;:!?'’-]+$/u, '');
    const words = conditionWords(m[1], things);
    if (!words.length || skip(text, at) || quoted.some((q) => text.toLowerCase().includes(q) || q.includes(m[1].trim().toLowerCase()))) continue;
    const numbers = (m[1].match(/\d+(?:\.\d+)?/g) ?? []);
    // (a number held, or said by a note: "50 µm² is 200 px²")
    if (numbers.some((n) => held.has(Number(n)) || new RegExp(`(?<![\\d.])${n.replace('.', '\\.')}(?![\\d])`).test(said))) continue;
    if (words.some((w) => applied.has(w.key))) continue;
    // ("keep only the tracks which are moving fast, more than 2 um per minute": a step made of the condition's words that
    // was given a bound, a switch or a choice applied it)
    // (a word the clause says outside the condition, "segment the nuclei unless ...": target nuclei, is no part of it)
    const outside = request.slice(0, at) + ' ' + request.slice(at + text.length);
    if (plan.steps.some((s) => overlaps(request, s.clause, at, at + text.length) && givenASetting(s.args, outside))) continue;
    // ("only the first half of the movie: segment the nuclei": a scope a step took, frames 1-20, whose numbers are said nowhere else, came from it)
    if (plan.steps.some((s) => Object.values(s.args).some((v) => scopeFromWords(v, outside)))) continue;
    // ("only track them", "only measure the area": a condition opening on what a step does is that step, asked alone)
    const first = tokenize(m[1])[0];
    if (first && m[1].toLowerCase().startsWith(first.word) && ownWords.has(index.meanings([first])[0])) continue;
    out.push({ text, start: at, end: at + text.length });
  }
  return out;
}

/** Whether a step's clause lies over the span of the request. */
function overlaps(request: string, clause: string, start: number, end: number): boolean {
  const from = clause ? request.indexOf(clause) : -1;
  return from >= 0 && from < end && start < from + clause.length;
}

/** Whether a step was given a setting of its own (a number, a switch on, a word), beside what it reads and writes. */
function givenASetting(args: Record<string, unknown>, outside: string): boolean {
  const saidOutside = (v: string) => new RegExp(`(?<![\\p{L}\\d])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\d])`, 'iu').test(outside);
  return Object.entries(args).some(([arg, v]) => arg !== 'output' && (typeof v === 'number' || v === true || (typeof v === 'string' && !/^(?:movie|labels|tracks|table)-\d+$/.test(v) && !saidOutside(v))));
}

/** A scope given as a value of its own (frames { first, last }), none of whose numbers is written in the words outside the condition. */
function scopeFromWords(value: unknown, outside: string): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value) || '$ref' in value) return false;
  const numbers = numbersHeld(value);
  const written = new Set((outside.match(/\d+/g) ?? []).map(Number));
  return numbers.length > 0 && numbers.every((n) => !written.has(n));
}
