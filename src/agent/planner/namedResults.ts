// "segment the nuclei, then make a table of their areas", "track them and give me a table": a clause that asks for a
// kind of result by its noun asks for the step that makes it, however many tools share its other words ("area",
// "table"). The nouns are the artifact types' own; which tool makes a type is its declaration (`produces`, main first).
import { type Catalogue, producesOf } from './catalogue.ts';

/** The nouns people use for each kind of result. */
const NOUNS: Record<string, RegExp> = {
  table: /\b(?:table|tables|spreadsheet|csv)\b/i,
  tracks: /\b(?:tracks|trajectories|lineages?)\b/i,
  labels: /\b(?:masks?|label (?:images?|movies?)|segmentations?)\b/i,
  plot: /\b(?:plots?|graphs?|charts?|histograms?)\b/i,
};

/** True when the clause names, by its noun, the kind of result the tool makes first (a table of measurements, a CSV file). */
export function namesWhatItMakes(tool: string, clause: string, catalogue: Catalogue): boolean {
  const main = producesOf(tool, catalogue)[0];
  return !!main && !!NOUNS[main]?.test(clause);
}
