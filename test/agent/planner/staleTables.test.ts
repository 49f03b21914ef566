// A table measured before the calibration was set holds lengths in px and times in frames: no later question is answered
// from it (nor from a CSV export of it), so the answer uses the calibration in effect.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';
import { tablesMeasuredBeforeCalibration } from '../../../src/agent/planner/staleTables.ts';
import { answerFromTable } from '../../../src/agent/planner/tableAnswers.ts';

const dir = mkdtempSync(join(tmpdir(), 'stale-tables-'));
const csv = join(dir, 'tracks.csv');
writeFileSync(csv, 'TRACK_ID,TRACK_MEAN_SPEED (px/frame)\n1,2\n2,4\n');
const table = (id: string) => ({ id, type: 'table', path: csv });
const measured: PastResult = { tool: 'measure', args: { kind: 'tracks', tracks: 'tracks-1' }, ok: true, summary: '', values: { meanSpeed: 3 }, artifacts: [table('table-1')] };
const calibrated: PastResult = { tool: 'set_calibration', args: { pixelSizeUm: 1.6, frameIntervalS: 600 }, ok: true, summary: '', values: {}, artifacts: [] };
const exported: PastResult = { tool: 'export', args: { format: 'csv', table: 'table-1' }, ok: true, summary: '', values: {}, artifacts: [table('table-2')] };
const conversation = (earlier: PastResult[]): Conversation => ({ request: '', artifactsAtStart: earlier.flatMap((r) => r.artifacts), earlier, current: [], earlierRequests: [] });

describe('tablesMeasuredBeforeCalibration', () => {
  it('is every table made before the latest calibration step, and every table made since from one of them', () => {
    expect([...tablesMeasuredBeforeCalibration(conversation([measured, calibrated, exported]))]).toEqual(['table-1', 'table-2']);
  });

  it('is none without a calibration step, and none made after it from the tracks', () => {
    expect(tablesMeasuredBeforeCalibration(conversation([measured, exported])).size).toBe(0);
    expect(tablesMeasuredBeforeCalibration(conversation([calibrated, measured])).size).toBe(0);
  });

  it('keeps a question from being answered by an old table', () => {
    expect(answerFromTable('what is the mean speed?', conversation([measured]))).toMatch(/3/);
    expect(answerFromTable('what is the mean speed?', conversation([measured, calibrated]))).toBeUndefined();
  });
});
