// "Median with radius 2", "median 3x3", "a 2 px median": a filter named by its bare name with its kernel size (stop 51,
// helper D). The bare name is also a statistic ("the median speed"), so it names the filter only with a size beside it;
// which bare names are filters is read from the tools' own words ("median filter", "mean filter"), never listed here.
import type { Catalogue } from './catalogue.ts';

/** A kernel size after the name: "3x3", "radius 2", "with radius 2", "of 3 px", "(r=2)", "2 px", "sigma 1". */
const SIZE_AFTER = String.raw`(?=\s*(?:\(\s*)?(?:(?:with|of|at)\s+)?(?:(?:a|an)\s+)?(?:(?:radius|r|size|kernel(?:\s+size)?|window)\s*[=:]?\s*)?\d+(?:\.\d+)?\s*(?:(?:x|×|\*)\s*\d+|px\b|pixels?\b|µm\b|um\b)|\s*(?:\(\s*)?(?:(?:with|of|at)\s+)?(?:(?:a|an)\s+)?(?:radius|r|size|kernel(?:\s+size)?|window)\s*[=:]?\s*\d)`;
/** A kernel size before the name: "a 2 px median", "3x3 median". */
const SIZE_BEFORE = String.raw`(?<=\b\d+(?:\.\d+)?\s*(?:(?:x|×|\*)\s*\d+|-?\s*(?:px|pixels?))\s+)`;

const cache = new WeakMap<Catalogue, string[]>();

/** The bare names of filters the tools declare by "<name> filter" among their words. */
function filterNames(catalogue: Catalogue): string[] {
  let names = cache.get(catalogue);
  if (!names) {
    const words = [...catalogue.values()].flatMap((t) => t.self?.words ?? []);
    names = [...new Set(words.map((w) => /^([a-z]+)\s+filter$/i.exec(w)?.[1]?.toLowerCase()).filter((w): w is string => !!w))];
    cache.set(catalogue, names);
  }
  return names;
}

/** The request with a filter's bare name said with its size written as the filter ("median 3x3" → "median filter 3x3"). */
export function withFilterSizesNamed(text: string, catalogue: Catalogue): string {
  let out = text;
  for (const name of filterNames(catalogue)) {
    if (!new RegExp(String.raw`\b${name}\b`, 'i').test(out)) continue;
    out = out.replace(new RegExp(String.raw`\b(${name})\b(?!\s+filter)${SIZE_AFTER}`, 'gi'), '$1 filter');
    out = out.replace(new RegExp(String.raw`${SIZE_BEFORE}\b(${name})\b(?!\s+filter)`, 'gi'), '$1 filter');
  }
  return out;
}
