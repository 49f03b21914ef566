// The acquisition that ended last, kept in the session folder: the simulated microscope runs
// inside the process that started it, so a later command on the same session (a second
// `cellpilot ask`) finds no acquisition running and says which one ended, when, how much it
// imaged and why, instead of only "no acquisition is running".
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AcquisitionStatus } from './acquisitionStatus.ts';

export interface EndedAcquisition {
  name: string;
  /** Wall-clock start and end, ISO 8601. */
  startedAt: string;
  endedAt: string;
  timepointsDone: number;
  /** Time points the plan had when it ended (undefined when unknown). */
  timepointsPlanned?: number;
  imagesAcquired: number;
  channels: string[];
  stopReason?: string;
  /** How to keep the next one running, when what ended it was the command that ran it ending. */
  advice?: string;
  files: string[];
}

/** The record of an acquisition that has ended, from its last status. */
export function endedRecord(status: AcquisitionStatus, startedAtMs: number, endedAtMs: number, timepointsPlanned?: number, advice?: string): EndedAcquisition {
  return {
    name: status.name,
    startedAt: new Date(startedAtMs).toISOString(),
    endedAt: new Date(endedAtMs).toISOString(),
    timepointsDone: status.timepointsDone,
    ...(timepointsPlanned !== undefined ? { timepointsPlanned } : {}),
    imagesAcquired: status.imagesAcquired,
    channels: status.channels.map((c) => c.channel),
    ...(status.stopReason ? { stopReason: status.stopReason } : {}),
    ...(advice ? { advice } : {}),
    files: status.files.map((f) => f.path),
  };
}

export function writeEnded(path: string, record: EndedAcquisition): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(record, null, 2) + '\n');
  renameSync(tmp, path);
}

/** The record at `path`, or undefined when there is none or it cannot be read. */
export function readEnded(path: string): EndedAcquisition | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const r = JSON.parse(readFileSync(path, 'utf8')) as EndedAcquisition;
    return typeof r?.name === 'string' && typeof r.endedAt === 'string' && Number.isFinite(r.timepointsDone) ? r : undefined;
  } catch {
    return undefined;
  }
}

const clockTime = (iso: string) => new Date(iso).toTimeString().slice(0, 8);
const dayOf = (iso: string) => new Date(iso).toDateString();
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * 'the acquisition "GFP" (FITC, started at 00:49:25) ended at 00:49:27 because the command that
 * started it ended, after 1 image in 1 of 31 time points'.
 */
export function describeEnded(r: EndedAcquisition, now = new Date()): string {
  const when = (iso: string) => `${clockTime(iso)}${dayOf(iso) === now.toDateString() ? '' : ` on ${dayOf(iso)}`}`;
  const of = r.timepointsPlanned !== undefined && r.timepointsPlanned > r.timepointsDone ? ` of ${r.timepointsPlanned}` : '';
  const reason = r.stopReason ? ` (${r.stopReason})` : r.timepointsPlanned !== undefined && r.timepointsDone >= r.timepointsPlanned ? ' (all its time points done)' : '';
  const channels = r.channels.length ? `${r.channels.join(', ')}, ` : '';
  return `the acquisition "${r.name}" (${channels}started at ${when(r.startedAt)}) ended at ${when(r.endedAt)}${reason}, after ${plural(r.imagesAcquired, 'image')} in ${r.timepointsDone}${of} ${r.timepointsDone === 1 && !of ? 'time point' : 'time points'}${r.advice ? `; ${r.advice}` : ''}`;
}
