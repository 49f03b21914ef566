// Objects touching the image edge: "how many cells touch the border (in frame 10)?", "what fraction of the nuclei are cut
// by the edge?", "mean area of the nuclei not touching the edge", "which objects touch the border?". The objects table says
// it per object and frame (features.ts, touches_edge 1/0, as Fiji's "exclude on edges" and CellProfiler's border objects
// decide it), so such a question keeps the rows by that column: a subset of the rows (tableAnswers.ts's Subset, with its
// column named), answered from the table, or by measuring the objects first; never an earlier step's total count.
import type { Table } from '../../analysis/table.ts';
import { TOUCHES_EDGE } from '../../analysis/features.ts';
import type { KnownArtifact } from './conversation.ts';
import { valueText } from './quantities.ts';
import { counted } from '../../../tools/counted.ts';

/** The rows a question keeps by a yes/no column: its phrase as written, whether it asks for the rows without it. */
export interface ColumnSubset {
  words: string;
  negated: boolean;
  phrase: string;
  /** The 0/1 column whose 1 rows the words name (touches_edge). */
  column: string;
}

/** The image's edge by name: "the border", "the edge of the image", "the image boundary", "the edges of the field of view". */
const EDGE = String.raw`(?:(?:the|an?|any|its|their|one\s+of\s+the)\s+)?(?:(?:image|frame|picture|field|fov|view|tile|stack)(?:'s)?\s+)?(?:edges?|borders?|boundar(?:y|ies)|margins?|rims?)(?:\s+of\s+(?:the\s+)?(?:image|frame|picture|field(?:\s+of\s+view)?|fov|view|tile|movie|video|stack))?(?!\s+of\s+(?:the\s+)?(?!image|frame|picture|field|fov|view|tile|movie|video|stack)\w)`;
/** Being at it: touching, cut (off) by, clipped by, crossing, on, at, along, partly outside. */
const AT_EDGE = String.raw`(?:touch\w*|contact\w*|cut(?:s|ting)?(?:\s+off)?\s+(?:by|at)|clipped\s+(?:by|at)|truncated\s+(?:by|at)|cross\w*|intersect\w*|overlap\w*(?:\s+with)?|hit\w*|reach\w*|(?:sit\w*|lie|lies|lying|located|found)?\s*(?:on|at|along|against|over))\s+`;
/** A form of be, do or get before it ("are touching", "do not touch", "that get cut by"), with any negation. */
const AUXILIARY = String.raw`(?:(?:that|which|who)\s+)?(?:(?:are|is|were|was|r|do|does|did|get|gets|got|being|be)\s+)?((?:not|never|no\s+longer)\s+|(?:are|is|were|was|do|does|did)(?:n'?t|\s+not)\s+|(?:don'?t|doesn'?t|didn'?t|aren'?t|isn'?t|weren'?t|wasn'?t)\s+)?`;
const AT_THE_EDGE = new RegExp(String.raw`\b${AUXILIARY}(${AT_EDGE}${EDGE})\b`, 'iu');
/** "edge cells", "border nuclei", "edge-touching objects", "non-edge nuclei", "interior cells", "cells away from the edges". */
const EDGE_THINGS = /\b(non-?|not\s+)?((?:edge|border|boundary)(?:-touching|\s+touching)?|interior|inner)\s+(?=(?:cells?|nucle(?:us|i)|objects?|ones|blobs?|particles?)\b)/i;
const AWAY_FROM_EDGE = new RegExp(String.raw`\b(?:away\s+from|(?:well\s+)?inside|clear\s+of|off)\s+${EDGE}\b`, 'iu');
/** Words before it that leave those rows out ("excluding the ones touching the border", "ignoring edge cells", "without"). */
// ("segment the cells, not the ones at the border", "no objects on the edge": "not"/"no" before the things leaves them out)
const LEAVES_OUT = /\b(?:not|no|ignor\w*|exclud\w*|leav\w*\s+out|left\s+out|not\s+count\w*|without(?:\s+count\w*)?|discard\w*|disregard\w*|throw\w*\s+(?:out|away)|filter\w*\s+out|drop\w*|remov\w*|skip\w*|minus|except|apart\s+from|other\s+than|don'?t\s+count|do\s+not\s+count)\b(?:\s+(?:the|those|these|any|all|ones?|objects?|nuclei|nucleus|cells?|blobs?|particles?|that|which|who))*\s*$/i;

/** The rows of objects at the image edge a question names, or those not at it; undefined when it names none. */
export function edgeSubsetOf(text: string): ColumnSubset | undefined {
  const away = AWAY_FROM_EDGE.exec(text);
  if (away) return { words: 'touching the image edge', negated: true, phrase: away[0], column: TOUCHES_EDGE };
  const things = EDGE_THINGS.exec(text);
  if (things) {
    const negated = !!things[1] || /^(?:interior|inner)$/i.test(things[2]) || LEAVES_OUT.test(text.slice(0, things.index));
    return { words: 'touching the image edge', negated, phrase: things[0], column: TOUCHES_EDGE };
  }
  const at = AT_THE_EDGE.exec(text);
  if (!at) return undefined;
  // ("nuclei on the edge of the colony", "cells at the wound edge": another edge than the image's)
  if (/\b(?:colony|wound|scratch|cluster|monolayer|sheet|island|spheroid|organoid|tissue|cell|nucleus|dish|well)\s+(?:edges?|borders?|boundar\w+|margins?|rims?)\b/i.test(at[0])) return undefined;
  // (a bare "on"/"at"/"along" needs the edge right after it: "at the end" or "on frame 3" say no edge)
  const negated = !!at[1] || LEAVES_OUT.test(text.slice(0, at.index));
  return { words: 'touching the image edge', negated, phrase: at[0], column: TOUCHES_EDGE };
}

/** The rows kept, in words: "touch the image edge (touches_edge = 1)", "do not touch the image edge (touches_edge = 0)". */
export function keptInWords(subset: ColumnSubset, plural = true): string {
  return subset.negated ? `${plural ? 'do' : 'does'} not touch the image edge (${subset.column} = 0)` : `${plural ? 'touch' : 'touches'} the image edge (${subset.column} = 1)`;
}

/** Rows of a table kept by the subset's column: with it 1, or 0 when negated. */
export function keptRows(rows: Table['rows'], subset: ColumnSubset): Table['rows'] {
  return rows.filter((r) => typeof r[subset.column] === 'number' && (subset.negated ? r[subset.column] === 0 : (r[subset.column] as number) > 0));
}

/** Why the rows cannot be kept: the table has no such column (measured before it existed, or made by another tool). */
export function noColumnReply(subset: ColumnSubset, artifactId: string): string {
  return `${artifactId} has no ${subset.column} column (whether each object touches the image edge), so I cannot keep only the objects that ${subset.negated ? 'do not touch it' : 'touch it'}: measure the objects again (measure kind "objects") to add it.`;
}

export interface EdgeAsked {
  subset: ColumnSubset;
  reduce: 'count' | 'fraction' | 'which' | 'any';
  frame?: number | 'first' | 'last';
  frames?: { first: number; last: number };
}

/**
 * The count, share or list of the objects kept, from the newest table with the column, at the frame or frames asked
 * ("in frame 10", "in the last frame"); undefined when no table has the column.
 */
export function edgeRowsAnswer(asked: EdgeAsked, tables: { artifact: KnownArtifact; table: Table }[]): string | undefined {
  const { subset } = asked;
  const found = [...tables].reverse().find(({ table }) => table.columns.includes(subset.column));
  if (!found) {
    const objects = [...tables].reverse().find(({ table }) => table.columns.includes('label') && table.columns.includes('area_px'));
    return objects ? noColumnReply(subset, objects.artifact.id) : undefined;
  }
  const { table, artifact } = found;
  const frames = [...new Set(table.rows.map((r) => r.t).filter((t): t is number => typeof t === 'number'))].sort((a, b) => a - b);
  let rows = table.rows.filter((r) => typeof r[subset.column] === 'number');
  let where = '';
  if (asked.frame !== undefined && frames.length) {
    const t = asked.frame === 'first' ? frames[0] : asked.frame === 'last' ? frames.at(-1)! : asked.frame - 1;
    if (!frames.includes(t)) return `There is no frame ${asked.frame} in ${artifact.id} (frames ${frames[0] + 1} to ${frames.at(-1)! + 1}).`;
    rows = rows.filter((r) => r.t === t);
    where = ` in frame ${t + 1}`;
  } else if (asked.frames && frames.length) {
    const { first, last } = asked.frames;
    rows = rows.filter((r) => typeof r.t === 'number' && r.t >= first - 1 && r.t <= last - 1);
    where = ` in frames ${first}-${last}`;
  }
  if (rows.length === 0) return `There are no objects${where} in ${artifact.id}.`;
  const kept = keptRows(rows, subset);
  const shownFrames = new Set(rows.map((r) => r.t)).size;
  const source = `from ${artifact.id}${where ? `,${where}` : ''}`;
  const share = `${valueText(Math.round((kept.length / rows.length) * 1000) / 10)}%`;
  // over several frames each object is a row per frame: said so, with the mean per frame
  const perFrame = shownFrames > 1 ? `, counted once per frame they are in over ${shownFrames} frames (${valueText(Math.round((kept.length / shownFrames) * 10) / 10)} per frame on average)` : '';
  const tracked = ['track_id', 'TRACK_ID'].find((c) => table.columns.includes(c));
  const tracks = tracked && shownFrames > 1 ? trackShare(rows, tracked, subset) : '';
  if (asked.reduce === 'which') {
    if (kept.length === 0) return `No objects${where} ${keptInWords(subset)} (${source}).`;
    const byFrame = new Map<number, number[]>();
    for (const r of kept) byFrame.set(r.t as number, [...(byFrame.get(r.t as number) ?? []), r.label as number]);
    const listed = [...byFrame.entries()].slice(0, 12).map(([t, labels]) => `${shownFrames > 1 ? `frame ${t + 1}: ` : ''}label${labels.length === 1 ? '' : 's'} ${labels.join(', ')}`);
    return `${counted(kept.length, 'object')}${where} ${keptInWords(subset, kept.length !== 1)}: ${listed.join('; ')}${byFrame.size > 12 ? `; and ${byFrame.size - 12} more frames` : ''} (${source})`;
  }
  const verdict = asked.reduce === 'any' ? (kept.length > 0 ? 'Yes: ' : 'No: ') : '';
  const head = asked.reduce === 'fraction' ? `${share} of the objects${where} ${keptInWords(subset)}: ${kept.length} of ${rows.length}` : `${kept.length} of ${rows.length} objects${where} ${keptInWords(subset)} (${share})`;
  return `${verdict}${head}${perFrame}${tracks} (${source})`;
}

/** "; 3 of 12 tracks at some frame": the tracks with any kept row (or, negated, with none at the edge). */
function trackShare(rows: Table['rows'], column: string, subset: ColumnSubset): string {
  const ids = new Map<unknown, boolean>();
  for (const r of rows) if (r[column] !== null && r[column] !== undefined) ids.set(r[column], (ids.get(r[column]) ?? false) || (r[subset.column] as number) > 0);
  const atEdge = [...ids.values()].filter(Boolean).length;
  return subset.negated ? `; ${ids.size - atEdge} of ${ids.size} tracks never touch it` : `; ${atEdge} of ${ids.size} tracks touch it in at least one frame`;
}
