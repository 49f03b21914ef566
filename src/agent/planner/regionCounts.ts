// "Which region has the most cells?", "how many nuclei in each quadrant?", "is the left half more crowded than the right?":
// the objects counted by where their centroids fall in the field, per quadrant (or per half when halves or sides are
// asked), as the mean number per frame, from the newest objects table with centroids. The field's size is the movie's;
// unknown, the middle is that of the objects' positions, and the answer says so.
import type { Table } from '../../analysis/table.ts';
import { FIELD_PART_NOUNS, pluralOf } from '../../../tools/regionWords.ts';
import type { Conversation, KnownArtifact } from './conversation.ts';

const NOUNS = FIELD_PART_NOUNS.filter((n) => n !== 'part' && n !== 'side');
const PART = String.raw`(?:${[...NOUNS, 'part', 'side'].flatMap((n) => [n, pluralOf(n)]).join('|')})`;
/** A part of the field asked for: "which region/quadrant/corner/part of the image", "in each quadrant", "per half", "left vs right half". */
const PART_ASKED = new RegExp(
  String.raw`\b(?:which|what)\s+(?:${[...NOUNS, 'part', 'side'].join('|')})\b|\b(?:each|every|per|by|all\s+(?:four|4|two|2)|the\s+(?:four|4|two|2))\s+${PART}\b|\b(?:left|right|top|bottom|upper|lower)\s+(?:half|side|quadrant|corner)\b[^?.]{0,40}\b(?:than|vs\.?|versus|or|compared)\b`,
  'i',
);
/** A count asked ("the most cells", "how many", "crowded", "densest"). */
const COUNT_ASKED = /\b(?:most|fewest|least|more|fewer|how many|number|count|counts|crowded|crowdest|busiest|densest|dense|density|emptiest|empty)\b/i;
/** "which part of the cell", "the part of the track": a part of a thing, not of the field. */
const PART_OF_A_THING = /\b(?:part|region|side|half)\s+of\s+(?:the\s+|a\s+|each\s+)?(?:cells?|nucle(?:us|i)|tracks?|objects?|trajector(?:y|ies)|membrane|cytoplasm)\b/i;

/** One part of the field named in a count ("how many cells in the top half?", "number of nuclei in the bottom left corner"). */
const ONE_PART = /\b(?:how\s+many|number\s+of)\b[^?.]{0,40}?\b(?:in|within|inside|on)\s+(?:the\s+)?((?:top|bottom|upper|lower)[\s-]+(?:left|right)|left|right|top|bottom|upper|lower)\s+(half|side|quadrant|corner|quarter)\b/i;

/** True when the question asks a count per part of the field, or in one part of it. */
export function asksCountPerRegion(question: string): boolean {
  return ((PART_ASKED.test(question) && COUNT_ASKED.test(question)) || ONE_PART.test(question)) && !PART_OF_A_THING.test(question);
}

const HALVES = /\b(?:half|halves|sides?)\b/i;

/** The answer from the newest objects table with centroids, or undefined when no table has them. */
export function regionCountAnswer(question: string, tables: { artifact: KnownArtifact; table: Table }[], conversation: Conversation): string | undefined {
  if (!asksCountPerRegion(question)) return undefined;
  const found = tables.find(({ table }) => table.columns.includes('centroid_x_px') && table.columns.includes('centroid_y_px'));
  if (!found) return undefined;
  const { table, artifact } = found;
  const rows = table.rows.filter((r) => typeof r.centroid_x_px === 'number' && typeof r.centroid_y_px === 'number');
  if (rows.length === 0) return undefined;
  const movie = conversation.artifactsAtStart.filter((a) => a.type === 'movie' && a.width && a.height).at(-1);
  const xs = rows.map((r) => r.centroid_x_px as number);
  const ys = rows.map((r) => r.centroid_y_px as number);
  const midX = movie?.width ? movie.width / 2 : (Math.min(...xs) + Math.max(...xs)) / 2;
  const midY = movie?.height ? movie.height / 2 : (Math.min(...ys) + Math.max(...ys)) / 2;
  const frames = new Set(rows.map((r) => r.t)).size || 1;
  const halves = HALVES.test(question) && !/\bquadrants?|corners?|quarters?\b/i.test(question);
  const parts: { name: string; n: number }[] = halves
    ? [
        { name: 'left half', n: rows.filter((r) => (r.centroid_x_px as number) < midX).length },
        { name: 'right half', n: rows.filter((r) => (r.centroid_x_px as number) >= midX).length },
        { name: 'top half', n: rows.filter((r) => (r.centroid_y_px as number) < midY).length },
        { name: 'bottom half', n: rows.filter((r) => (r.centroid_y_px as number) >= midY).length },
      ]
    : (['top left', 'top right', 'bottom left', 'bottom right'] as const).map((name) => ({
        name: `${name} quarter`,
        n: rows.filter((r) => ((r.centroid_y_px as number) < midY) === name.startsWith('top') && ((r.centroid_x_px as number) < midX) === name.endsWith('left')).length,
      }));
  const perFrame = (n: number) => +(n / frames).toPrecision(3);
  // (the pair of halves asked, or both pairs: "left half or right half?" is no question about the top)
  const sidesAsked = /\b(?:left|right)\b/i.test(question);
  const endsAsked = /\b(?:top|bottom|upper|lower)\b/i.test(question);
  const shown = halves && sidesAsked !== endsAsked ? (sidesAsked ? parts.slice(0, 2) : parts.slice(2)) : parts;
  const ranked = (halves && sidesAsked === endsAsked ? [parts.slice(0, 2), parts.slice(2)] : [shown]).map((group) => [...group].sort((a, b) => b.n - a.n));
  const fewest = /\b(?:fewest|least|emptiest|empty)\b/i.test(question);
  const lead = ranked.map((group) => {
    const pick = fewest ? group.at(-1)! : group[0];
    const tie = group.filter((p) => p.n === pick.n).length > 1;
    return `${tie ? 'a tie: ' : ''}the ${pick.name} has the ${fewest ? 'fewest' : 'most'} objects, ${perFrame(pick.n)} per frame on average`;
  });
  const each = shown.map((p) => `${p.name} ${perFrame(p.n)}`).join(', ');
  const size = movie?.width && movie.height ? `the ${movie.width} x ${movie.height} px field split at x ${midX}, y ${midY}` : `the field split at the middle of the objects' positions (x ${+midX.toFixed(1)}, y ${+midY.toFixed(1)} px; the image size is not known)`;
  // ("how many cells in the top half?": the part named first, its count beside the field's)
  const one = ONE_PART.exec(question);
  const named = one ? `${one[1].toLowerCase().replace(/upper/, 'top').replace(/lower/, 'bottom').replace(/[\s-]+/, ' ')} ${halves ? 'half' : 'quarter'}` : undefined;
  const part = named ? parts.find((p) => p.name === named) : undefined;
  const said = part ? `the ${part.name} has ${perFrame(part.n)} objects per frame on average, of ${perFrame(rows.length)} in the whole field` : lead.join('; ');
  return `${said[0].toUpperCase()}${said.slice(1)}. Per frame on average: ${each} (objects counted by their centroids over ${frames} frame${frames === 1 ? '' : 's'}, ${size}; from ${artifact.id})`;
}
