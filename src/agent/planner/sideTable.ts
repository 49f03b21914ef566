// A table written in a format ("correct the drift and export a csv") right after a step whose table is a
// by-product beside its main result (the drift table beside the corrected movie): when the words name nothing
// else to write (no tracks, masks or measured quantity), the CSV is that table, and no measuring step is added
// to make another one; the answer says in one line which table it is and how to ask for measurements instead.
import { type Catalogue, type InputType, producesOf, selfOf } from './catalogue.ts';
import { inputsForValues } from './valueInputs.ts';
import type { PlannedStep } from './types.ts';

/** Words that say how or where to write, not what: they leave the choice of table open. */
const FILLER = new Set(
  'a an the it this that them as to in into of for and also too then please pls can could you would i me my us we our give send hand get make write save export exported output dump file files copy one csv tsv spreadsheet excel sheet format too now finally lastly just out so open later result results data after afterwards next first once done'.split(' '),
);

/** The single words of a tool's declared words ('stage shift' → stage, shift). */
function declaredWords(tool: string, catalogue: Catalogue): Set<string> {
  const self = selfOf(tool, catalogue);
  return new Set((self?.words ?? []).flatMap((w) => w.toLowerCase().split(/[^a-z0-9]+/)).filter(Boolean));
}

/**
 * The line to say when `step` writes the side table the step just before it made; undefined when it should not
 * (its format takes no table, the step before made no side table, or its words name what to write).
 * `namesInput` tells whether the words name an input of a type ("the tracks", "the areas").
 */
export function sideTableWritten(step: PlannedStep, before: PlannedStep | undefined, catalogue: Catalogue, namesInput: (clause: string, type: string) => boolean): string | undefined {
  if (!before || before.tool === step.tool || step.args.table !== undefined) return undefined;
  const asked = inputsForValues(step, catalogue);
  if (!asked?.fits.includes('table')) return undefined;
  const made = producesOf(before.tool, catalogue);
  // (a table beside another main result: a measuring step's own table is written the usual way)
  if (!made.includes('table') || made[0] === 'table') return undefined;
  if ((['tracks', 'labels', 'table'] as InputType[]).some((t) => namesInput(step.clause, t))) return undefined;
  const own = declaredWords(before.tool, catalogue);
  const left = (step.clause.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => !FILLER.has(w) && !own.has(w) && !own.has(w.replace(/s$/, '')) && w !== String(asked.value).toLowerCase());
  if (left.length) return undefined;
  return `The ${asked.value} is the table \`${before.tool}\` made beside its ${made[0]}; nothing else was added to make it (for measurements as ${asked.value}, name them: "the areas as ${asked.value}").`;
}

/**
 * A step that writes or draws a table in a format ("csv of the speeds", "the areas to a spreadsheet") whose words
 * name a measured quantity ("the MSD") and no other input, with no measurements made yet: the table is measurements of it
 * (made first), never the tracks or masks the session already has.
 */
export function measuredTableAsked(step: PlannedStep, namedTypes: InputType[], measured: boolean, catalogue: Catalogue, namesAQuantity: (clause: string) => boolean): boolean {
  if (measured || namedTypes.length !== 1 || namedTypes[0] !== 'table') return false;
  const asked = inputsForValues(step, catalogue);
  return !!asked?.fits.includes('table') && namesAQuantity(step.clause);
}

/** The line said when steps were added to measure what a format step names ("csv of the areas": segment and measure added first). */
export function measuredFirstNote(step: PlannedStep, added: string[], catalogue: Catalogue): string {
  const asked = inputsForValues(step, catalogue);
  const what = asked ? `${asked.value} (${step.tool}'s ${asked.arg})` : `\`${step.tool}\``;
  return `${what} is a table of what you named, and none was measured yet, so I added ${added.map((t) => `\`${t}\``).join(' and ')} first and ${step.tool === 'export' ? 'exported' : 'used'} its table.`;
}
