// Questions answered from the data itself, at the scope asked: the latest result table
// whose columns fit the question's words, filtered to a frame or a track, and reduced to
// a mean, an extreme (with the row it belongs to) or a count; the answer quotes the unit.
import { existsSync } from 'node:fs';
import { readTableCsv, type Table } from '../../analysis/table.ts';
import type { Conversation, KnownArtifact, PastResult } from './conversation.ts';
import { meaning, tokenize } from './words.ts';

type Reduce = 'mean' | 'max' | 'min' | 'count' | 'sum';

const LARGEST = /\b(?:longest|largest|biggest|most|highest|fastest|furthest|farthest|maximum|max|brightest|greatest)\b/i;
const SMALLEST = /\b(?:shortest|smallest|least|lowest|slowest|minimum|min|dimmest|fewest)\b/i;
const ID_COLUMNS = ['TRACK_ID', 'track_id', 'label', 'branch_id', 'cell'];

/** Unit words of a column name: area_um2 → µm², speed_um_per_min → µm/min. */
function unitOfColumn(name: string, lengthUnit?: string, timeUnit?: string): string | undefined {
  const m = /_(px2?|um2?|um_per_\w+|px_per_\w+|s|min|h|rad|frames?)$/i.exec(name);
  if (m) {
    const u = m[1].toLowerCase();
    if (u === 'px') return /area/i.test(name) ? 'px²' : 'px';
    if (u === 'um') return 'µm';
    if (u === 'um2') return 'µm²';
    return u.replace('um', 'µm').replace('_per_', '/');
  }
  if (/SPEED/i.test(name) && lengthUnit) return `${lengthUnit}/${timeUnit ?? 'frame'}`;
  if (/DISTANCE|DISPLACEMENT|LOCATION/i.test(name) && lengthUnit) return lengthUnit;
  if (/DURATION|START|STOP/i.test(name) && timeUnit) return timeUnit;
  return undefined;
}

function words(text: string): Set<string> {
  return new Set(tokenize(text.replace(/_/g, ' ')).map((t) => meaning(t.stem)));
}

/** The column whose name shares most words with the question (calibrated columns first on a tie). */
function bestColumn(table: Table, question: Set<string>, wantsMicrons: boolean): { name: string; score: number } | undefined {
  let best: { name: string; score: number } | undefined;
  for (const name of table.columns) {
    if (ID_COLUMNS.includes(name) || /^(?:t|frame|z)$/.test(name)) continue;
    const own = words(name.replace(/\b(?:px|um|um2|per|track|mean|c\d)\b/gi, ' '));
    let score = 0;
    for (const w of own) if (question.has(w)) score += 1;
    if (score === 0) continue;
    // a plain name wins over its statistics (TRACK_MEAN_SPEED over TRACK_STD_SPEED), µm over px when asked
    if (/_(?:STD|MIN|MAX|MEDIAN)_|^(?:MAX|MIN)_/i.test(name)) score -= 0.3;
    if (/um/i.test(name)) score += wantsMicrons ? 0.5 : 0.1;
    if (/TOTAL_DISTANCE/i.test(name)) score += 0.2;
    if (!best || score > best.score) best = { name, score };
  }
  return best;
}

function format(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}

interface Scope {
  frame?: number;
  track?: number;
  what: string;
}

function scopeOf(question: string): Scope {
  const frame = /\b(?:in|at|on|of|for)?\s*(?:frame|time ?point)\s*#?(\d+)\b/i.exec(question);
  const track = /\b(?:track|cell|nucleus)\s*#?(\d+)\b/i.exec(question);
  return { frame: frame ? Number(frame[1]) : undefined, track: track ? Number(track[1]) : undefined, what: frame ? `in frame ${frame[1]}` : track ? `for ${track[0]}` : '' };
}

function reduceOf(question: string): Reduce {
  if (/\bhow many\b|\bnumber of\b|\bcount\b/i.test(question) && !/\baverage|\bmean\b/i.test(question)) return 'count';
  if (/\btotal\b|\bsum\b/i.test(question) && !/\bdistance\b/i.test(question)) return 'sum';
  if (LARGEST.test(question)) return 'max';
  if (SMALLEST.test(question)) return 'min';
  return 'mean';
}

/** Units the step that made the table reported (lengthUnit, timeUnit), when it did. */
function unitsOf(table: KnownArtifact, results: PastResult[]): { lengthUnit?: string; timeUnit?: string } {
  const maker = results.find((r) => r.artifacts.some((a) => a.id === table.id));
  const v = maker?.values ?? {};
  return { lengthUnit: typeof v.lengthUnit === 'string' ? v.lengthUnit : undefined, timeUnit: typeof v.timeUnit === 'string' ? v.timeUnit : undefined };
}

/**
 * Answers a question from the newest table artifact that has a column for it, or undefined
 * (no table on disk, or no column fits). "which cell travelled the longest distance?" →
 * "Track 7: 123.4 px (TOTAL_DISTANCE_TRAVELED ...)".
 */
export function answerFromTable(question: string, conversation: Conversation): string | undefined {
  const results = [...conversation.earlier, ...conversation.current];
  const tables = [...conversation.artifactsAtStart, ...conversation.current.flatMap((r) => r.artifacts)]
    .filter((a) => a.type === 'table' && a.path && /\.csv$/i.test(a.path) && existsSync(a.path) && a.producedBy !== 'simulate_movie')
    .reverse();
  const asked = words(question.replace(/\b(?:frame|track|cell)\s*#?\d+/gi, ''));
  const wantsMicrons = /µm|um\b|micron/i.test(question);
  for (const artifact of tables) {
    let table: Table;
    try {
      table = readTableCsv(artifact.path!);
    } catch {
      continue;
    }
    const column = bestColumn(table, asked, wantsMicrons);
    const reduce = reduceOf(question);
    if (!column && reduce !== 'count') continue;
    const scope = scopeOf(question);
    let rows = table.rows;
    if (scope.frame !== undefined && table.columns.includes('t')) rows = rows.filter((r) => r.t === scope.frame! - 1);
    const idColumn = ID_COLUMNS.find((c) => table.columns.includes(c));
    if (scope.track !== undefined && idColumn) rows = rows.filter((r) => r[idColumn] === scope.track);
    const { lengthUnit, timeUnit } = unitsOf(artifact, results);
    const source = `from ${artifact.id}${scope.what ? `, ${scope.what}` : ''}`;
    if (reduce === 'count' && (!column || /\bhow many\b/i.test(question))) {
      const n = idColumn ? new Set(rows.map((r) => r[idColumn])).size : rows.length;
      return `${n} ${idColumn === 'TRACK_ID' || idColumn === 'track_id' ? 'tracks' : 'objects'} (${source})`;
    }
    if (!column) continue;
    const values = rows.map((r) => ({ row: r, v: r[column.name] })).filter((x): x is { row: typeof x.row; v: number } => typeof x.v === 'number' && Number.isFinite(x.v));
    if (values.length === 0) return `There are no ${column.name} values ${scope.what || 'in the table'} (${artifact.id}).`;
    const unit = unitOfColumn(column.name, lengthUnit, timeUnit);
    const uncalibrated = unit && /px|frame/.test(unit) && !/µm|min|\bs\b|h\b/.test(unit) ? ' (no calibration known)' : '';
    const withUnit = (v: number) => `${format(v)}${unit ? ` ${unit}` : ''}${uncalibrated}`;
    if (reduce === 'max' || reduce === 'min') {
      const pick = values.reduce((a, b) => ((reduce === 'max' ? b.v > a.v : b.v < a.v) ? b : a));
      const who = idColumn ? `${idColumn.toLowerCase().includes('track') ? 'Track' : 'Object'} ${pick.row[idColumn]}` : 'The row';
      const when = idColumn === 'label' && typeof pick.row.t === 'number' ? ` in frame ${Number(pick.row.t) + 1}` : '';
      return `${who}${when} has the ${reduce === 'max' ? 'largest' : 'smallest'} ${column.name}: ${withUnit(pick.v)} (${source})`;
    }
    const total = values.reduce((a, b) => a + b.v, 0);
    const value = reduce === 'sum' ? total : total / values.length;
    return `${reduce === 'sum' ? 'Total' : 'Mean'} ${column.name} ${scope.what ? `${scope.what} ` : ''}= ${withUnit(value)} over ${values.length} ${idColumn === 'TRACK_ID' ? 'tracks' : 'rows'} (${source})`;
  }
  return undefined;
}
