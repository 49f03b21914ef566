// A bit depth or a print resolution asked of what a step writes ("as a 16-bit tiff", "in 8 bit", "at 300 dpi", "600dpi"):
// a number with its unit that only an argument named for it could take. Where no tool of the plan has such an argument, the
// part is named in one line, never passed over because "8-bit" or "dpi" is written somewhere in a tool's description
// (stop 49, helper B).
import type { Catalogue } from './catalogue.ts';
import type { PlannedStep } from './types.ts';

/** "8-bit", "16 bit", "32bit", "300 dpi", "600dpi", "300 ppi". */
const DEPTH_OR_RESOLUTION = /\b(\d{1,2})[\s-]?bits?\b|\b(\d{2,4})\s?(?:dpi|ppi)\b/gi;

/** Whether the tool has an argument for a bit depth (a "bit" or "depth" in its name) or a resolution ("dpi"). */
function takes(tool: string, what: 'depth' | 'resolution', catalogue: Catalogue): boolean {
  return Object.keys(catalogue.get(tool)?.properties ?? {}).some((k) => (what === 'depth' ? /bit|depth/i.test(k) : /dpi|resolution/i.test(k)));
}

/** One line naming the bit depths and resolutions asked that no step of the plan sets, or undefined (also when the answer says them already). */
export function outputDepthLine(request: string, steps: readonly PlannedStep[], catalogue: Catalogue, said: string): string | undefined {
  if (steps.length === 0) return undefined;
  const missed: { phrase: string; what: 'depth' | 'resolution' }[] = [];
  for (const m of request.matchAll(DEPTH_OR_RESOLUTION)) {
    const what = m[1] !== undefined ? 'depth' : 'resolution';
    if (steps.some((s) => takes(s.tool, what, catalogue))) continue;
    // (said already, by the step's own line: "Not applied: "16-bit tiff" ...")
    const digits = m[1] ?? m[2];
    if (new RegExp(`"[^"]*\\b${digits}[\\s-]?(?:bits?|dpi|ppi)\\b[^"]*"`, 'i').test(said)) continue;
    missed.push({ phrase: m[0], what });
  }
  if (missed.length === 0) return undefined;
  // (the step that writes last: the export, the figure, the projection)
  const tool = steps.at(-1)!.tool;
  const what = [...new Set(missed.map((m) => (m.what === 'depth' ? 'bit depth' : 'print resolution (dpi)')))].join(' or ');
  return `Not applied: ${missed.map((m) => `"${m.phrase}"`).join(', ')} — no option of \`${tool}\` sets the ${what}, so the file has the one it always writes.`;
}
