// The summary table `npm run bench` ends with (not a benchmark itself: bench/index.ts skips files
// whose name starts with "_"): issue 16's "Done when" criteria, each with the rows that measure it,
// its goal beside every figure, whether the goal holds in the first run and in the rerun, and the
// load average; a criterion no row measured is printed as such, never left out. Rows that stand for
// no criterion (the whole analysis, sparse linking, `info`) follow.
import { RERUN_TOLERANCE, rerunNote, type Criterion, type SummaryRow } from './_harness.ts';

/** Issue 16's "Done when" criteria, in the issue's order, as its checklist words them. */
export const CRITERIA: { id: Criterion; text: string }[] = [
  { id: 'tiff-rw', text: 'TIFF read+write >= 1.0x tifffile' },
  { id: 'projection', text: 'max projection >= 1.0x a NumPy page loop' },
  { id: 'drift-2', text: 'drift >= 1.2x on 2 cores' },
  { id: 'drift-1', text: 'drift >= 1.0x on 1 core' },
  { id: 'segment-2', text: 'segmentation >= 1.2x on 2 cores' },
  { id: 'segment-1', text: 'segmentation >= 1.0x on 1 core' },
  { id: 'dense-linking', text: 'dense linking >= 1.0x SciPy' },
  { id: 'onnx-core', text: 'ONNX core within 1.15x of bare session.run' },
  { id: 'model-100ms', text: 'every model under 100 ms per 512² frame' },
  { id: 'memory-bounded', text: 'memory bounded for movies larger than RAM' },
];

/**
 * The least ratio a goal asks for, read from its leading ">= N" (every ratio goal is written so:
 * peer / ours, or the goal's limit / ours); undefined for goals that are not a ratio ("info", "< 50 ms").
 */
export function goalThreshold(goal: string): number | undefined {
  const m = /^>=\s*(\d+(?:\.\d+)?)/.exec(goal.trim());
  return m ? Number(m[1]) : undefined;
}

/**
 * Whether a row meets its goal: "yes" in the first run and the rerun, "no" in neither, or which one
 * ("n/a" for a goal that is no ratio); `fails` when a run missed it.
 */
export function goalHolds(row: SummaryRow): { text: string; fails: boolean } {
  const least = goalThreshold(row.goal);
  if (least === undefined || row.ratio === null || !Number.isFinite(row.ratio)) return { text: 'n/a', fails: false };
  const first = row.ratio >= least;
  if (row.rerun === undefined || row.rerun === null) return first ? { text: 'yes (measured once)', fails: false } : { text: 'no (measured once)', fails: true };
  const again = row.rerun >= least;
  if (first && again) return { text: 'yes', fails: false };
  return { text: !first && !again ? 'no' : first ? 'first run only' : 'rerun only', fails: true };
}

export interface AreaRow {
  area: string;
  row: SummaryRow;
}

const HEADER = '| done when (issue 16) | area | work | cellpilot | peer | ratio | rerun (fresh processes) | measured on | goal | holds? | load (run / rerun) |\n|---|---|---|---|---|---|---|---|---|---|---|';

function line(criterion: string, { area, row }: AreaRow): string {
  const load = row.rerunLoad === undefined ? row.load.toFixed(1) : `${row.load.toFixed(1)} / ${row.rerunLoad.toFixed(1)}`;
  const ratio = row.ratio === null ? 'n/a' : row.ratio.toFixed(2);
  const holds = goalHolds(row);
  return `| ${criterion} | ${area} | ${row.work} | ${row.ours} | ${row.peer} | ${ratio} | ${rerunNote(row.ratio, row.rerun)} | ${row.metric ?? ''} | ${row.goal} | ${holds.fails ? `**${holds.text}**` : holds.text} | ${load} |`;
}

/**
 * The table's lines: every criterion with its rows (or "not measured", with the areas that were to
 * measure it when they failed), then the other rows, then the rerun check's count.
 */
export function summaryLines(rows: AreaRow[], failedAreas: string[] = []): string[] {
  const out = [HEADER];
  for (const { id, text } of CRITERIA) {
    const mine = rows.filter(({ row }) => row.criterion === id);
    if (mine.length === 0) out.push(`| ${text} | | not measured${failedAreas.length ? ` (failed areas: ${failedAreas.join(', ')})` : ''} | | | | | | | **not measured** | |`);
    mine.forEach((r) => out.push(line(text, r)));
  }
  rows.filter(({ row }) => row.criterion === undefined).forEach((r) => out.push(line('(other)', r)));
  const rerun = rows.filter(({ row }) => typeof row.rerun === 'number' && typeof row.ratio === 'number' && row.ratio > 0);
  const outside = rerun.filter(({ row }) => Math.abs(row.rerun! / row.ratio! - 1) > RERUN_TOLERANCE);
  if (rerun.length) out.push(`rerun check (a rerun from fresh processes reproduces the ratio within ${(100 * RERUN_TOLERANCE).toFixed(0)}%): ${rerun.length - outside.length} of ${rerun.length} rows${outside.length ? `; outside: ${outside.map(({ row }) => row.work).join('; ')}` : ''}`);
  const missing = CRITERIA.filter(({ id }) => !rows.some(({ row }) => row.criterion === id));
  const failing = rows.filter(({ row }) => row.criterion !== undefined && goalHolds(row).fails);
  out.push(`done-when criteria: ${CRITERIA.length - missing.length} of ${CRITERIA.length} measured; rows not meeting their goal in both runs: ${failing.length ? failing.map(({ row }) => `${row.work} (${goalHolds(row).text})`).join('; ') : 'none'}${missing.length ? `; not measured: ${missing.map((c) => c.text).join('; ')}` : ''}`);
  return out;
}
