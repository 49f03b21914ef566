// "At which frame do we first see more than 50 nuclei?", "is there any frame with fewer than 10 cells?", "which frames
// have over 40 nuclei?": a threshold on the number of objects in each frame. The count of each frame is read from the
// rows (objects per frame, or a per-frame summary's count), and the frames that meet the threshold are named: the first
// of them, how many, and where; a yes/no question says yes or no first. Never the frame with the most objects, nor a
// total over the movie, which answer other questions.
import type { Table } from '../../analysis/table.ts';
import { valueText } from './quantities.ts';

/** A threshold on the count in a frame, as the question reads it ("more than 50": '>' 50). */
export interface CountThreshold {
  op: '>' | '<' | '>=' | '<=';
  value: number;
}

/** Words that name frames of the movie as the place a count is asked in ("frame", "time point"). */
const FRAME_WORDS = /\b(?:frames?|time ?points?|timepoints?)\b/i;
/** A question that asks whether (an auxiliary verb first: "is there", "does any frame", "are there ever"). */
const ASKS_WHETHER = /^\W*(?:(?:so|and|but)\s+)?(?:is|are|was|were|do|does|did|has|have|had)\b/i;

const OPERATOR_WORDS: Record<CountThreshold['op'], string> = { '>': 'more than', '<': 'fewer than', '>=': 'at least', '<=': 'at most' };

function meets(n: number, threshold: CountThreshold): boolean {
  return threshold.op === '>' ? n > threshold.value : threshold.op === '<' ? n < threshold.value : threshold.op === '>=' ? n >= threshold.value : n <= threshold.value;
}

/**
 * The number of objects in each frame of a table, 0-based frames: a per-frame summary's count, else the objects (rows)
 * of each frame, the frames between the first and last with no row counted as 0; undefined for a table without frames.
 */
export function countsPerFrame(table: Table): { t: number; n: number }[] | undefined {
  if (!table.columns.includes('t')) return undefined;
  const frames = table.rows.map((r) => r.t).filter((t): t is number => typeof t === 'number');
  if (frames.length === 0) return undefined;
  const first = Math.min(...frames);
  const last = Math.max(...frames);
  const summary = table.columns.includes('count');
  const byFrame = new Map<number, number>();
  for (const row of table.rows) {
    if (typeof row.t !== 'number') continue;
    byFrame.set(row.t, summary ? (typeof row.count === 'number' ? row.count : 0) : (byFrame.get(row.t) ?? 0) + 1);
  }
  return Array.from({ length: last - first + 1 }, (_, i) => ({ t: first + i, n: byFrame.get(first + i) ?? 0 }));
}

/** 1-based frames as runs: "frames 1-12, 15, 20-22" (the first few runs, then how many more). */
export function framesInRuns(frames: number[]): string {
  const runs: [number, number][] = [];
  for (const f of frames) {
    const lastRun = runs.at(-1);
    if (lastRun && f === lastRun[1] + 1) lastRun[1] = f;
    else runs.push([f, f]);
  }
  const shown = runs.slice(0, 6).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
  return `${frames.length === 1 ? 'frame' : 'frames'} ${shown.join(', ')}${runs.length > 6 ? `, ... (${runs.length - 6} more stretches)` : ''}`;
}

/** The question puts a threshold on the count of each frame: a count with a bare number ("more than 50 nuclei") said of frames. */
export function asksFramesOverACount(question: string, threshold: { unit: string; relative?: string } | undefined, countsThings: boolean): boolean {
  return !!threshold && threshold.unit === '' && !threshold.relative && countsThings && FRAME_WORDS.test(question);
}

/**
 * The frames whose count meets the threshold, from the counts of each frame: whether any does (a yes/no question), the
 * first of them and which; when none does, the count nearest to it (the most, or the fewest) and its frame.
 */
export function frameCountConditionAnswer(question: string, threshold: CountThreshold, perFrame: { t: number; n: number }[], source: string): string {
  const rule = `${OPERATOR_WORDS[threshold.op]} ${valueText(threshold.value)} objects`;
  const meeting = perFrame.filter((p) => meets(p.n, threshold));
  const whether = ASKS_WHETHER.test(question.trim());
  const over = `of ${perFrame.length} frames`;
  if (meeting.length === 0) {
    const above = threshold.op === '>' || threshold.op === '>=';
    const nearest = perFrame.reduce((a, b) => ((above ? b.n > a.n : b.n < a.n) ? b : a));
    return `${whether ? 'No: ' : ''}No frame has ${rule}: the ${above ? 'most' : 'fewest'} is ${valueText(nearest.n)} in frame ${nearest.t + 1} (${over}; from ${source})`;
  }
  const first = meeting[0];
  const which = framesInRuns(meeting.map((p) => p.t + 1));
  if (whether) return `Yes: ${meeting.length} ${over} ${meeting.length === 1 ? 'has' : 'have'} ${rule}: ${which}; the first is frame ${first.t + 1} (${valueText(first.n)}) (from ${source})`;
  return `Frame ${first.t + 1} is the first with ${rule} (${valueText(first.n)}); ${meeting.length} ${over} ${meeting.length === 1 ? 'has' : 'have'} ${rule}: ${which} (from ${source})`;
}
