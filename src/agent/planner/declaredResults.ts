// "What's the bleaching half-life?", "what is the photobleaching rate?", "how fast does the signal bleach?": a question
// for a value a step declares among its results, by that result's own words (`results[key].words` in the tool's file),
// is answered by running that step and reading the value, never by measuring the objects or their tracks.
// "How fast does X <verb>" asks for a rate of the verb, not a speed, where the verb is one of a tool's own words
// (bleach, fade): the rate words of that tool's results answer it. Only steps outside the objects' analysis (what
// segment, track and measure report is the tables' to answer). Nothing here names a tool.
import type { PastResult } from './conversation.ts';
import { COMPARED, COUNTED_THINGS } from './comparedValue.ts';
import { findQuantities, unitBase } from './quantities.ts';
import { plainQuestion } from './tableAnswers.ts';
import { isStopWord, meaning, tokenize } from './words.ts';

/** How fast something happens, asked without the word rate ("how quickly does it fade?"). */
const HOW_FAST = /\bhow\s+(?:fast|quickly|quick|rapidly|slowly|soon)\b|\bat what (?:rate|speed)\b/i;

/** The content words of a text as meanings (stop words and question words left out). */
function contentMeanings(text: string): string[] {
  return tokenize(text).filter((t) => !t.part && !isStopWord(t.word) && !/^(?:how|what|which|fast|quick|quickly|it|its|does|do)$/i.test(t.word)).map((t) => meaning(t.stem));
}

/** What a tool declares about itself that is read here: its own words and its results. */
export interface DeclaringTool {
  words?: string[];
  produces?: readonly string[];
  domain?: string;
  results?: Record<string, { about: string; unit?: string; words?: string[] }>;
}

/** The tool's own one-word names for what it is about ("bleach", "fading"), as meanings. */
function subjectOf(self: DeclaringTool): Set<string> {
  return new Set((self.words ?? []).filter((w) => !/\s/.test(w)).flatMap((w) => contentMeanings(w)));
}

/**
 * The tool and result key a question asks for by the result's declared words, or undefined. A phrase of the result's
 * words answers when each of its content words is asked, a word of the tool's subject standing for any other of them
 * ("photobleaching rate" for "bleaching rate"); "how fast does X <verb>" with the verb among the subject's words asks for its rate.
 */
export function askedDeclaredResult(question: string, tools: Iterable<[string, DeclaringTool | undefined]>): { tool: string; key: string } | undefined {
  const text = plainQuestion(question);
  const asked = new Set(contentMeanings(text));
  const rate = HOW_FAST.test(text);
  let best: { tool: string; key: string; words: number } | undefined;
  for (const [tool, self] of tools) {
    // (a step that makes something and reports a value on its way; a tool that only reports, the file's header, is
    // recordingQuestions.ts's, and the microscope's values are its own)
    // (and no step of the objects' analysis: what segment, track or measure report of the objects is the tables' to answer)
    if (!self || (self.produces ?? []).length === 0 || self.domain === 'microscope' || (self.produces ?? []).some((p) => p === 'labels' || p === 'tracks' || p === 'table')) continue;
    const results = self.results ?? {};
    const subject = subjectOf(self);
    const saysSubject = [...asked].some((w) => subject.has(w));
    for (const [key, result] of Object.entries(results)) {
      for (const phrase of result.words ?? []) {
        const own = contentMeanings(phrase);
        // (two words or more: "duration" alone is any tool's)
        if (own.length < 2 && !(rate && own.length === 1 && subject.has(own[0]))) continue;
        const rateWord = (w: string) => rate && saysSubject && w === meaning('rate');
        // (each word met, and one beyond the subject said or a rate asked: "is there bleaching?" asks for no half-life)
        const met = own.every((w) => asked.has(w) || (subject.has(w) && saysSubject) || rateWord(w))
          && (own.some((w) => !subject.has(w) && (asked.has(w) || rateWord(w))) || (rate && saysSubject && own.every((w) => subject.has(w))));
        if (met && (!best || own.length > best.words)) best = { tool, key, words: own.length };
      }
    }
  }
  return best && { tool: best.tool, key: best.key };
}

/** A list's items are of frames when its name or what it is says so ("bestSlicePerFrame", "... in each frame"), else of channels. */
function itemsOf(key: string, about: string): 'frame' | 'channel' {
  return /PerFrame$|\b(?:per|each|every)\s+frame\b/i.test(`${key} ${about}`) ? 'frame' : 'channel';
}

/** A value as said: a number with the declared unit, a list per channel (or per frame), none where the tool recorded none. */
function said(v: unknown, unit: string | undefined, items: 'frame' | 'channel' = 'channel', timeAsked?: TimeUnit): string {
  if (typeof v === 'number' && unit === 's') return secondsSaid(v, timeAsked);
  if (typeof v === 'number') return `${Number.isInteger(v) ? v : Number(v.toPrecision(3))}${unit ? ` ${unit}` : ''}`;
  if (v === null || v === undefined) return 'none';
  if (Array.isArray(v)) return v.length === 1 ? said(v[0], unit, items, timeAsked) : v.map((x, i) => `${items} ${i + 1}: ${said(x, unit, items, timeAsked)}`).join(', ');
  return String(v);
}

type TimeUnit = 's' | 'min' | 'h';
const SECONDS_IN: Record<TimeUnit, number> = { s: 1, min: 60, h: 3600 };

/** A time in s in the unit the question asks it in, else in the one that fits it (s under 2 min, min under 2 h, then h). */
function secondsSaid(seconds: number, asked?: TimeUnit): string {
  const unit = asked ?? (seconds >= 7200 ? 'h' : seconds >= 120 ? 'min' : 's');
  const value = seconds / SECONDS_IN[unit];
  return `${Math.abs(value) >= 100 ? Math.round(value) : Number(value.toPrecision(3))} ${unit}`;
}

/**
 * The answer to a question for a declared result from the latest step that reported it: the value in its declared unit,
 * with the values that share its name in other units ("halfLifeFrames" with "halfLifeS"), and what "none" means there
 * as the tool declares it ("null where the means do not decay"); undefined when no step reported it.
 */
export function declaredResultAnswer(question: string, results: PastResult[], declaring: (tool: string) => DeclaringTool | undefined, timeAsked?: TimeUnit): string | undefined {
  const tools = [...new Set(results.filter((r) => r.ok).map((r) => r.tool))].map((t): [string, DeclaringTool | undefined] => [t, declaring(t)]);
  const asked = askedDeclaredResult(question, tools);
  if (!asked) return undefined;
  const result = results.filter((r) => r.ok && r.tool === asked.tool && asked.key in r.values).at(-1);
  if (!result) return undefined;
  const declared = declaring(asked.tool)?.results ?? {};
  const stem = asked.key.replace(/[A-Z][a-z]*$/, '');
  const keys = [asked.key, ...Object.keys(declared).filter((k) => k !== asked.key && k.replace(/[A-Z][a-z]*$/, '') === stem && k in result.values)];
  const name = (declared[asked.key].about.split(/[:;(]/)[0] ?? asked.key).trim();
  const values = said(result.values[asked.key], declared[asked.key].unit, itemsOf(asked.key, declared[asked.key].about ?? ''), timeAsked);
  const others = keys.slice(1).map((k) => said(result.values[k], declared[k].unit, itemsOf(k, declared[k].about ?? ''), timeAsked)).filter((v) => !/^none$|: none/.test(v));
  const none = /\bnone\b/.test(values) ? /\(null (where[^)]*)\)/.exec(declared[asked.key].about)?.[1] : undefined;
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}: ${values}${others.length ? ` (${others.join('; ')})` : ''}${none ? ` (none ${none})` : ''} (from ${result.tool})`;
}

/**
 * The answer to a yes/no comparison of one value a step declares with a number ("is the drift more than 2 px?"): the
 * value whose declared words share the most words with what is compared, in the number's unit, and the verdict; undefined
 * when the question compares no such value (things counted one by one are the tables' to answer: "are any cells ...").
 */
export function comparedDeclaredResult(question: string, results: PastResult[], declaring: (tool: string) => DeclaringTool & { consumes?: readonly string[] } | undefined, pixelSizeUm?: number): string | undefined {
  const text = plainQuestion(question);
  const m = COMPARED.exec(text);
  if (!m || COUNTED_THINGS.test(m[1])) return undefined;
  const quantity = findQuantities(text.slice(m.index + m[0].length)).find((q) => q.start === 0);
  const said = quantity && unitBase(quantity.unit);
  if (!quantity || !said) return undefined;
  const asked = new Set(contentMeanings(m[1]));
  if (asked.size === 0) return undefined;
  const greater = !/^(?:less|smaller|lower|shorter|below|under|at\s+most)/i.test(m[2]);
  let best: { rank: number; tool: string; about: string; value: number; unit: string; largest: boolean; lengths: boolean } | undefined;
  for (const r of results.filter((x) => x.ok)) {
    const self = declaring(r.tool);
    // (the objects' analysis is the tables' to answer)
    if (!self || self.domain === 'microscope' || [...(self.produces ?? []), ...(self.consumes ?? [])].some((p) => p === 'labels' || p === 'tracks')) continue;
    const subject = subjectOf(self);
    for (const [key, declared] of Object.entries(self.results ?? {})) {
      const value = r.values[key];
      const unit = unitBase(declared.unit);
      // (a length in px asked in µm, or the reverse, with no pixel size here: said as not comparable, never compared)
      const lengths = !!unit && unit.base !== said.base && [unit.base, said.base].every((b) => b === 'px' || b === 'um');
      if (typeof value !== 'number' || !unit || (unit.base !== said.base && !lengths)) continue;
      const own = new Set([...contentMeanings(declared.about), ...contentMeanings(key.replace(/([A-Z])/g, ' $1')), ...(declared.words ?? []).flatMap(contentMeanings)]);
      const score = [...asked].filter((w) => own.has(w) || (subject.has(w) && [...own].some((o) => subject.has(o)))).length;
      const largest = /\b(?:largest|max\w*|most|greatest|highest)\b/i.test(declared.about);
      const rank = score * 2 - (lengths ? 1 : 0);
      if (score > 0 && (!best || rank > best.rank || (rank === best.rank && largest && !best.largest))) best = { rank, tool: r.tool, about: declared.about.split(/[:;(]/)[0].trim(), value, unit: declared.unit!, largest, lengths };
    }
  }
  if (!best) return undefined;
  const saidUnit = quantity.unit === 'um' ? 'µm' : quantity.unit;
  if (best.lengths && !pixelSizeUm) return `I cannot compare it with ${quantity.value} ${saidUnit}: the ${best.about} is ${Number(best.value.toPrecision(3))} ${best.unit}, and ${best.tool} measured it in ${best.unit} (no pixel size converts it; set_calibration sets one) (from ${best.tool})`;
  // ("did the drift exceed 2 microns?" of a drift in px: at the pixel size the session knows, the movie's or the one set)
  const base = best.value * unitBase(best.unit)!.factor;
  const inSaidBase = !best.lengths ? base : unitBase(best.unit)!.base === 'px' ? base * pixelSizeUm! : base / pixelSizeUm!;
  const inSaidUnit = inSaidBase / said.factor;
  const limit = quantity.value;
  const yes = /at\s+least/i.test(m[2]) ? inSaidUnit >= limit : /at\s+most/i.test(m[2]) ? inSaidUnit <= limit : greater ? inSaidUnit > limit : inSaidUnit < limit;
  const relation = greater ? 'more than' : 'less than';
  const shown = `${Number(best.value.toPrecision(3))} ${best.unit}${best.lengths ? ` (${Number(inSaidUnit.toPrecision(3))} ${saidUnit} at ${Number(pixelSizeUm!.toPrecision(4))} µm/px)` : ''}`;
  return `${yes ? 'Yes' : 'No'}: the ${best.about} is ${shown}, ${yes ? '' : 'not '}${relation} ${quantity.value} ${saidUnit} (from ${best.tool})`;
}
