// The per-frame summary of a table of objects, as Fiji's Analyze Particles "Summarize" gives it: for each frame the
// number of objects, their total area, their mean area and their mean intensity. Asked when a question wants several
// of these per frame ("nuclei per frame with total and mean area", "the Analyze Particles summary", "count, summed
// area and mean intensity for each frame"); one quantity per frame is a series of its own (tableAnswers).
import type { Table } from '../../analysis/table.ts';
import { summariseFrames } from '../../analysis/frameSummary.ts';
import { valueText } from './quantities.ts';

/** The measures of a per-frame summary a question names. */
const COUNT = /\b(?:how many|number|numbers|count|counts|n)\b|\b(?:nuclei|nucleus|cells?|objects?|particles?|blobs?)\s+(?:per|in each|in every|for each|for every|at each|each)\s+(?:frame|time ?point|timepoint)\b/i;
const TOTAL = /\b(?:total|sum|summed|combined|overall)\b(?!\s+(?:number|count))/i;
const SIZE = /\b(?:areas?|sizes?|surfaces?)\b/i;
const INTENSITY = /\b(?:intensit(?:y|ies)|brightness|fluorescence|signal)\b/i;
/** Words that ask for the summary itself ("summary", "summarise", Fiji's "Analyze Particles"). */
const SUMMARY = /\bsummar(?:y|ies|i[sz]e[sd]?|i[sz]ing)\b|\banaly[sz]e\s+particles\b/i;
/** Each frame, or the frames one by one. */
const PER_FRAME = /\b(?:per|in each|in every|for each|for every|at each|each|every|by)\s+(?:frame|time ?point|timepoint)\b|\bper-frame\b|\bframe[- ]by[- ]frame\b|\b(?:vs\.?|versus|over|against|through)\s+time\b/i;

/** How many of the summary's measures the question names (count, total area, mean area, intensity). */
function measuresNamed(question: string): number {
  return [COUNT.test(question), TOTAL.test(question) && SIZE.test(question), SIZE.test(question) && !(TOTAL.test(question) && !/\b(?:mean|average|avg|typical)\b/i.test(question)), INTENSITY.test(question)].filter(Boolean).length;
}

/** Whether a question asks the per-frame summary: each frame, and the summary named or two of its measures. */
export function asksFrameSummary(question: string): boolean {
  if (!PER_FRAME.test(question) && !(SUMMARY.test(question) && /\bframes?\b|\btime ?points?\b/i.test(question))) return false;
  return SUMMARY.test(question) || measuresNamed(question) >= 2;
}

/** The columns of the summary in a table: the frame, an object id, an area (µm² before px²) and a mean intensity. */
function summaryColumns(table: Table): { area?: 'area_um2' | 'area_px'; intensity?: string } | undefined {
  if (!table.columns.includes('t') || !table.columns.includes('label')) return undefined;
  const area = (['area_um2', 'area_px'] as const).find((c) => table.columns.includes(c));
  const intensity = table.columns.find((c) => /^mean_intensity(?:_c\d+)?$/.test(c));
  return { area, intensity };
}

/**
 * The summary per frame from the newest table of objects: "Per-frame summary (as Fiji's Analyze Particles Summarize)
 * from table-1: frame 1: 5 objects, total area 412 µm², mean area 82.4 µm², mean intensity 1067 grey levels; ...".
 * The sums are the analysis' own (summariseFrames, the rows measure kind "summary" writes): one fact in one place.
 * Undefined when the question does not ask it or no table has objects per frame.
 */
export function frameSummaryAnswer(question: string, tables: { id: string; table: Table }[]): string | undefined {
  if (!asksFrameSummary(question)) return undefined;
  const found = tables.map((t) => ({ ...t, columns: summaryColumns(t.table) })).find((t) => t.columns);
  if (!found?.columns) return undefined;
  const { table, id } = found;
  const { area, intensity } = found.columns;
  const frames = table.rows.map((r) => r.t).filter((t): t is number => typeof t === 'number');
  if (frames.length === 0) return undefined;
  // every frame from the first to the last of the table, an empty one as 0 objects
  const summary = summariseFrames(table, { frames: [Math.min(...frames), Math.max(...frames)], areaColumn: area === 'area_um2' ? 'area_um2' : 'area_px' });
  const areaUnit = area === 'area_um2' ? 'µm²' : 'px²';
  const [total, mean] = area === 'area_um2' ? ['total_area_um2', 'mean_area_um2'] : ['total_area_px', 'mean_area_px'];
  const said = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? valueText(v) : '-');
  const lines = summary.rows.map((row) => {
    const n = Number(row.count);
    const parts = [`${n} object${n === 1 ? '' : 's'}`];
    if (area) parts.push(`total area ${said(row[total])} ${areaUnit}`, `mean area ${said(row[mean])} ${areaUnit}`);
    if (intensity) parts.push(`mean intensity ${said(row[intensity])} grey levels`);
    return `frame ${Number(row.t) + 1}: ${parts.join(', ')}`;
  });
  const shown = lines.length > 12 ? [...lines.slice(0, 6), '...', ...lines.slice(-5)] : lines;
  const missing = [...(area ? [] : ['area']), ...(intensity ? [] : ['intensity'])];
  const unitNote = area === 'area_px' ? ' Areas in px² (no calibration known).' : '';
  const absent = missing.length ? ` The table has no ${missing.join(' or ')} column, so that part is left out (measure the objects with the movie to add it).` : '';
  return `Per-frame summary (as Fiji's Analyze Particles Summarize) from ${id}: ${shown.join('; ')}.${unitNote}${absent}`;
}

// "How many nuclei are there over the entire movie?", "cell count across the full time-lapse", "how many cells in total
// throughout the recording": the objects counted in every frame, said as a range and a mean over the frames, with the
// objects of all frames together (each thing once per frame it is in) and, where the cells were tracked, the tracks
// (each followed once). Never a figure over time, nor the count of one frame or of all frames alone.

/** The whole movie named as the span of a count. */
const WHOLE_SPAN = new RegExp(
  [
    String.raw`\b(?:over|across|throughout|during|for|through|in|of)\s+(?:the\s+|this\s+|my\s+|our\s+)?(?:whole|entire|full|complete)\s+(?:movie|film|video|recording|time-?lapse|time ?course|time[- ]?series|experiment|sequence|stack|acquisition|imaging|duration|length)\b`,
    String.raw`\b(?:throughout|across)\s+(?:the\s+|this\s+|my\s+|our\s+)?(?:movie|film|video|recording|time-?lapse|time ?course|time[- ]?series|experiment|sequence|stack|acquisition|imaging)\b`,
    String.raw`\b(?:in\s+total|altogether|all\s+together)\b`,
  ].join('|'),
  'i',
);
/** Things found in each frame (not events, not tracks: those are counted over the movie by their own readers). */
const FRAME_THINGS = /\b(?:cells?|nucle(?:us|i)|nucleis?|objects?|blobs?|spots?|detections?)\b/i;
/** Each thing once over the movie ("distinct", "unique"), or what each did: the tracks' readers answer. */
const NOT_PER_FRAME = /\b(?:distinct|different|unique|individual|separate|tracks?|trajector(?:y|ies)|lineages?|divi\w+|mitos[ie]s|split\w*|mov(?:e|es|ed|ing|ement|ements)\b|migrat\w*|stay\w*|span\w*|persist\w*|remain\w*|surviv\w*|appear\w*|disappear\w*|leav\w*|enter\w*)\b/i;

/** True when a count of the things in the frames is asked over the whole movie, with no frame, condition or event of its own. */
export function countsOverTheMovie(question: string): boolean {
  return COUNT.test(question) && WHOLE_SPAN.test(question) && FRAME_THINGS.test(question) && !NOT_PER_FRAME.test(question) && !PER_FRAME.test(question) && !/\b(?:frames?|time ?points?)\s*#?\d/i.test(question);
}

/**
 * "Over the whole movie (6 frames): 2 to 4 nuclei per frame, 3.17 on average (frame 1: 4, ...); 19 in all frames
 * together, each counted again in every frame it is in; 5 tracks follow each one over time (tracks-1)".
 */
export function countOverTheMovieText(things: string, perFrame: number[], firstFrame: number, source: string, tracks?: { n: number; source: string }): string {
  const lo = Math.min(...perFrame);
  const hi = Math.max(...perFrame);
  const total = perFrame.reduce((a, b) => a + b, 0);
  const mean = total / perFrame.length;
  const frames = perFrame.map((n, i) => `frame ${firstFrame + i}: ${n}`);
  const shown = frames.length > 12 ? [...frames.slice(0, 6), '...', ...frames.slice(-5)] : frames;
  const range = lo === hi ? `${lo} ${things} per frame, the same in every frame` : `${lo} to ${hi} ${things} per frame, ${valueText(Math.round(mean * 100) / 100)} on average`;
  const once = tracks
    ? `; ${tracks.n} track${tracks.n === 1 ? '' : 's'} follow each one over time (from ${tracks.source})`
    : '; they are not tracked, so no count of each one once over the movie (track them for that)';
  return `Over the whole movie (${perFrame.length} frame${perFrame.length === 1 ? '' : 's'}): ${range} (${shown.join(', ')}); ${total} in all frames together, each counted again in every frame it is in${once} (from ${source})`;
}
