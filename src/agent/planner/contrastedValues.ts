// "segment both the nuclei and the cells", "segment the nuclei, then segment the cells": a choice whose values the tool
// declares by other words (segment's target "cells" is said as "whole cells", "cell bodies": "the cells" alone is told
// from the movie) is named by the value's own name when the words beside it name another value of the same choice. The
// two objects are then two steps, each with its value; before, the second was read as the first again and dropped.
import { allowedValues, type Catalogue, selfOf } from './catalogue.ts';
import { findEnumValue } from './enums.ts';
import { indexFor } from './toolIndex.ts';
import { tokenize } from './words.ts';

/** Two values of one argument of a tool, one said in each of two phrases. */
export interface ContrastedValues {
  arg: string;
  first: string;
  second: string;
}

/** The tool's arguments with a closed set of values, each with its values less the schema's default ("auto"). */
function choicesOf(tool: string, catalogue: Catalogue): [string, string[]][] {
  return Object.entries(catalogue.get(tool)?.properties ?? {})
    .map(([arg, p]): [string, string[]] => [arg, allowedValues(p).filter((v) => v !== p.default)])
    .filter(([, values]) => values.length >= 2);
}

/** A value written as its own name in the words ("cells"), where the tool declares other words for it. */
function ownNameSaid(tool: string, arg: string, values: string[], text: string, catalogue: Catalogue): string | undefined {
  const declared = selfOf(tool, catalogue)?.valueWords?.[arg] ?? {};
  const written = new Set(tokenize(text).map((t) => t.stem));
  return values.find((v) => declared[v]?.length && !declared[v].includes(v) && tokenize(v).every((t) => written.has(t.stem)));
}

/**
 * The argument whose values the two phrases name apart: each names one (by the tool's words, or, beside the other named
 * by them, by the value's own name), and they differ. Undefined when no argument is told apart so.
 */
export function contrastedValues(tool: string, first: string, second: string, catalogue: Catalogue): ContrastedValues | undefined {
  for (const [arg, values] of choicesOf(tool, catalogue)) {
    const a = findEnumValue(tool, arg, first, catalogue);
    const b = findEnumValue(tool, arg, second, catalogue);
    const one = a !== undefined && values.includes(a) ? a : undefined;
    const two = b !== undefined && values.includes(b) ? b : undefined;
    // (one of them named by the tool's words: two values said only by their own names tell nothing apart)
    if (one === undefined && two === undefined) continue;
    const firstValue = one ?? ownNameSaid(tool, arg, values.filter((v) => v !== two), first, catalogue);
    const secondValue = two ?? ownNameSaid(tool, arg, values.filter((v) => v !== one), second, catalogue);
    if (firstValue !== undefined && secondValue !== undefined && firstValue !== secondValue) return { arg, first: firstValue, second: secondValue };
  }
  return undefined;
}

/** "VERB [both] [the] X [in <channel>] and/as well as [also] [the] Y": a step verb with two objects joined. */
const TWO_OBJECTS = /\b([\p{L}-]+)\s+((?:both\s+)?(?:the\s+|all\s+(?:the\s+)?)?(?:[\p{L}-]+\s+)?[\p{L}-]+)((?:\s+(?:in|on|from)\s+(?:the\s+)?(?:channel\s+\d|[\p{L}\d-]+(?:\s+channel)?))?)\s+(and|as\s+well\s+as|plus|&)\s+((?:also\s+)?(?:the\s+|all\s+(?:the\s+)?)?(?:[\p{L}-]+\s+)?[\p{L}-]+)(?=\s*(?:$|[,.;!?]|\b(?:in|on|from|with|using|and|then|separately)\b))/giu;

/**
 * The request with a step verb said once over two objects that name two values of one of its tool's choices said twice,
 * once per object ("segment both the nuclei and the cells" -> "segment the nuclei and segment the cells"); other pairs
 * ("segment the nuclei and the debris", "track the cells and the nuclei" of a tool with no such choice) are left as said.
 */
export function withContrastedObjectsApart(text: string, catalogue: Catalogue): string {
  const index = indexFor(catalogue);
  return text.replace(TWO_OBJECTS, (whole, verb: string, first: string, where: string, _joiner: string, second: string) => {
    const tools = index.stepVerb(verb)?.tools ?? [];
    const own = first.replace(/^both\s+/i, '');
    const told = tools.some((tool) => contrastedValues(tool, own, second, catalogue) !== undefined);
    return told ? `${verb} ${own}${where} and ${verb} ${second.replace(/^also\s+/i, '')}` : whole;
  });
}
