// "Where are the biggest nuclei?", "whereabouts is the brightest cell?", "where's the smallest one located?": the thing an
// extreme picks, placed in the field of view: its centroid (µm where the table has it, px too) and which part of the field
// that is, from the same rows the extreme was read from. A cell followed over time (a track) is placed at its mean
// position, with where it started and ended. The field is the movie's width and height; unknown, the part is read
// against the spread of all the objects' centroids, and the answer says so.
import type { Table } from '../../analysis/table.ts';
import { valueText } from './quantities.ts';
import { trackIdOfBranch, type Tracks } from '../../analysis/tracks.ts';

type Row = Table['rows'][number];

/** A question of where a thing is in the image, not of where files are ("where did the labels get saved" is the session's). */
const POSITION_ASKED = /^\s*(?:(?:and|so|ok(?:ay)?|but|then)[,\s]+)*(?:where(?:abouts)?\b|in\s+(?:which|what)\s+(?:part|region|area|corner)\s+of\s+the\s+(?:image|field|frame|fov|view)\b)|\bwhereabouts\b|\b(?:located|positioned|situated)\b|\b(?:position|location|coordinates?|x\s*,?\s*y)\s+(?:of|for)\b/i;

/** True when the question asks where a thing is in the field. */
export function asksPosition(question: string): boolean {
  return POSITION_ASKED.test(question);
}

/** Several things asked ("where are the biggest nuclei?"), not one ("where is the biggest nucleus?"). */
export function asksSeveral(question: string): boolean {
  return /\b(?:are|were)\b[^?.]{0,30}\b(?:cells|nuclei|objects|ones|blobs|tracks)\b/i.test(question) || /\b(?:\w+est|most|least)\s+(?:\w+\s+)?(?:cells|nuclei|objects|ones|blobs|tracks)\b/i.test(question);
}

/** The field's size in px, when the movie's header says it. */
export interface Field {
  width?: number;
  height?: number;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The part of the field a point is in, by thirds: "top left", "centre", "bottom". */
function partOf(x: number, y: number, x0: number, x1: number, y0: number, y1: number): string {
  const third = (v: number, lo: number, hi: number) => (hi > lo ? (v - lo) / (hi - lo) : 0.5);
  const fx = third(x, x0, x1);
  const fy = third(y, y0, y1);
  const vertical = fy < 1 / 3 ? 'top' : fy > 2 / 3 ? 'bottom' : '';
  const horizontal = fx < 1 / 3 ? 'left' : fx > 2 / 3 ? 'right' : '';
  return [vertical, horizontal].filter(Boolean).join(' ') || 'centre';
}

/**
 * Where rows of one thing are: " at x = 25.5, y = 6.6 µm (51, 13 px), in the top right of the field"; for several rows
 * (a track over frames) their mean position, with the first and last. '' when the table has no centroids.
 */
export function placeOf(rows: Row[], table: Table, field: Field = {}, fieldSaid = true): string {
  const xs = rows.map((r) => num(r.centroid_x_px)).filter((v): v is number => v !== undefined);
  const ys = rows.map((r) => num(r.centroid_y_px)).filter((v): v is number => v !== undefined);
  if (xs.length === 0 || xs.length !== ys.length) return '';
  const mean = (vs: number[]) => vs.reduce((a, b) => a + b, 0) / vs.length;
  const [x, y] = [mean(xs), mean(ys)];
  // (the µm of the table itself, where it has them: the same rows' columns in µm)
  const umX = rows.map((r) => num(r.centroid_x_um)).filter((v): v is number => v !== undefined);
  const umY = rows.map((r) => num(r.centroid_y_um)).filter((v): v is number => v !== undefined);
  const round = (v: number) => valueText(Math.round(v * 10) / 10);
  const inUm = umX.length === xs.length && umY.length === ys.length ? `x = ${round(mean(umX))}, y = ${round(mean(umY))} µm (${round(x)}, ${round(y)} px)` : `x = ${round(x)}, y = ${round(y)} px`;
  // the field: the movie's, else the spread of every object's centroid in the table
  const all = table.rows.map((r) => [num(r.centroid_x_px), num(r.centroid_y_px)] as const).filter((p): p is readonly [number, number] => p[0] !== undefined && p[1] !== undefined);
  const known = field.width !== undefined && field.height !== undefined && field.width > 0 && field.height > 0;
  const [x0, x1, y0, y1] = known ? [0, field.width!, 0, field.height!] : [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  const part = partOf(x, y, x0, x1, y0, y1);
  const axes = known ? ` (${field.width} x ${field.height} px, x from the left, y from the top)` : ` (the field's size is not known here; x from the left, y from the top)`;
  const field_ = `${part === 'centre' ? 'the centre' : `the ${part} part`} of ${known ? 'the field' : 'where the objects lie'}${fieldSaid ? axes : ''}`;
  const span = rows.length > 1 ? `, its mean position over ${rows.length} frames, from (${round(xs[0])}, ${round(ys[0])}) to (${round(xs.at(-1)!)}, ${round(ys.at(-1)!)}) px` : '';
  return ` at ${inUm}${span}, in ${field_}`;
}

/** One thing named: "track 3", "cell #2", "nucleus 4", "object 5 in frame 2". */
const NAMED_THING = /\b(track|cell|nucleus|object|label)\s*#?\s*(\d+)(?:\s+(?:in|at|of)\s+(?:frame|time ?point)\s*#?\s*(\d+))?/i;

/**
 * "where is track 1?", "where's cell 3 at the end?", "whereabouts is object 5 in frame 2?": the named thing placed in the
 * field, from the newest table of objects with centroids (a track over its frames, an object in its frame). Undefined
 * when the question names no thing, asks no position, or no table holds it.
 */
export function namedThingPosition(question: string, tables: { id: string; table: Table }[], field: Field = {}): string | undefined {
  if (!asksPosition(question)) return undefined;
  const m = NAMED_THING.exec(question);
  if (!m) return undefined;
  const kind = m[1].toLowerCase();
  const n = Number(m[2]);
  const frame = m[3] !== undefined ? Number(m[3]) - 1 : undefined;
  for (const { id, table } of tables) {
    if (!table.columns.includes('centroid_x_px') || !table.columns.includes('centroid_y_px')) continue;
    // (a track or a cell is a track id over its frames; an object or label is one label, in one frame when named)
    const idColumn = kind === 'object' || kind === 'label' ? 'label' : ['track_id', 'TRACK_ID', 'branch_id'].find((c) => table.columns.includes(c));
    if (!idColumn || !table.columns.includes(idColumn)) continue;
    const rows = table.rows.filter((r) => Number(r[idColumn]) === n && (frame === undefined || r.t === frame)).sort((a, b) => Number(a.t) - Number(b.t));
    if (rows.length === 0) continue;
    const frames = rows.map((r) => Number(r.t) + 1).filter((t) => Number.isFinite(t));
    const when = frames.length === 1 ? ` in frame ${frames[0]}` : frames.length > 1 ? ` (frames ${frames[0]}-${frames.at(-1)})` : '';
    const several = idColumn === 'label' && frame === undefined && rows.length > 1 ? ` (label ${n} in ${rows.length} frames: labels are numbered again in each frame, so name a frame or a track for one object)` : '';
    return `${kind === 'cell' || kind === 'nucleus' ? `${kind[0].toUpperCase()}${kind.slice(1)} ${n} (track ${n})` : `${kind[0].toUpperCase()}${kind.slice(1)} ${n}`}${when} is${placeOf(rows, table, field)}${several} (from ${id})`;
  }
  return undefined;
}

/** The objects' orientation asked ("what's the mean orientation of the nuclei?", "are the cells aligned?"). */
const ORIENTATION_ASKED = /\b(?:orientations?|orient(?:at)?ed|alignment|aligned|angles?\s+of\s+(?:the\s+|their\s+)?(?:long|major)\s+ax[ie]s)\b/i;

/**
 * "what's the mean orientation of the nuclei?", "are the cells aligned?": the axial mean of the objects' long-axis angles
 * (orientation_rad, scikit-image's: from the row axis), by the doubled-angle method, with how aligned they are (the mean
 * resultant length, 0 for no common direction, 1 for all parallel); a plain mean of angles is no answer, 89° and -89°
 * being nearly the same direction. Undefined when not asked or no table has the column.
 */
export function orientationAnswer(question: string, tables: { id: string; table: Table }[]): string | undefined {
  if (!ORIENTATION_ASKED.test(question) || /\b(?:direction\s+of\s+(?:motion|movement|travel)|migrat\w*|mov(?:e|es|ed|ing))\b/i.test(question)) return undefined;
  const frame = /\b(?:frame|time ?point)\s*#?\s*(\d+)/i.exec(question);
  for (const { id, table } of tables) {
    if (!table.columns.includes('orientation_rad')) continue;
    const rows = frame ? table.rows.filter((r) => r.t === Number(frame[1]) - 1) : table.rows;
    const angles = rows.map((r) => num(r.orientation_rad)).filter((v): v is number => v !== undefined);
    if (angles.length === 0) continue;
    const c = angles.reduce((a, v) => a + Math.cos(2 * v), 0) / angles.length;
    const s = angles.reduce((a, v) => a + Math.sin(2 * v), 0) / angles.length;
    const r = Math.hypot(c, s);
    const degrees = (Math.atan2(s, c) / 2) * (180 / Math.PI);
    const said = (v: number) => valueText(Math.round(v * 10) / 10);
    const verdict = r < 0.3 ? 'no common direction' : r < 0.7 ? 'a weak common direction' : 'a strong common direction';
    const over = `${angles.length} object${angles.length === 1 ? '' : 's'}${frame ? ` in frame ${frame[1]}` : table.columns.includes('t') ? ', each counted in every frame it is in' : ''}`;
    return `Mean orientation of the long axis: ${said(degrees)}° from the vertical (row) axis, scikit-image's convention (axial mean by the doubled-angle method over ${over}); alignment ${valueText(Math.round(r * 100) / 100)} (mean resultant length: 0 is no common direction, 1 all parallel): ${verdict}. A plain mean of the angles is not given: 89° and -89° are nearly the same direction (from ${id})`;
  }
  return undefined;
}

/** The spots of tracks as rows of a table with centroids (px, µm where calibrated) and the track each is in: where a track is, with no table measured. */
export function tracksAsTable(tracks: Tracks): Table {
  const trackOf = trackIdOfBranch(tracks);
  const um = tracks.pixelSizeUm;
  const rows = tracks.spots.map((s) => ({ track_id: trackOf.get(s.branchId) ?? s.branchId, branch_id: s.branchId, t: s.t, centroid_x_px: s.x, centroid_y_px: s.y, ...(um ? { centroid_x_um: s.x * um, centroid_y_um: s.y * um } : {}) }));
  return { columns: ['track_id', 'branch_id', 't', 'centroid_x_px', 'centroid_y_px', ...(um ? ['centroid_x_um', 'centroid_y_um'] : [])], rows } as unknown as Table;
}
