// "Which frame was shifted the most?": a drift table's shift per frame as one length (px, and µm at a known pixel
// size), answered from the table with nothing run again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { withDriftLength } from '../../../src/agent/planner/driftMagnitude.ts';
import { answerFromTable } from '../../../src/agent/planner/tableAnswers.ts';

const dir = mkdtempSync(join(tmpdir(), 'drift-length-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const drift = { columns: ['t', 'dx_px', 'dy_px'], rows: [{ t: 0, dx_px: 0, dy_px: 0 }, { t: 1, dx_px: 3, dy_px: 4 }, { t: 2, dx_px: 1, dy_px: -1 }] };
const path = join(dir, 'drift.csv');
writeTableCsv(path, drift);

function afterDrift(pixelSizeUm?: number): Conversation {
  return {
    request: '',
    artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 3, ...(pixelSizeUm ? { pixelSizeUm } : {}) }, { id: 'table-1', type: 'table', producedBy: 'correct_drift', path }],
    earlier: [{ tool: 'correct_drift', args: { movie: 'movie-1' }, ok: true, summary: '', values: { maxDriftPx: 5 }, artifacts: [{ id: 'table-1', type: 'table' }] }],
    current: [],
    earlierRequests: [],
  };
}

describe('the length of a frame\'s shift', () => {
  it('is added to a drift table, in µm too at a known pixel size', () => {
    expect(withDriftLength(drift).rows.map((r) => r.drift_px)).toEqual([0, 5, Math.SQRT2]);
    expect(withDriftLength(drift, 0.5).rows.map((r) => r.drift_um)).toEqual([0, 2.5, Math.SQRT2 / 2]);
    const objects = { columns: ['t', 'label', 'area_px'], rows: [{ t: 0, label: 1, area_px: 5 }] };
    expect(withDriftLength(objects)).toBe(objects);
  });

  it('answers which frame was shifted the most or the least', () => {
    expect(answerFromTable('which frame was shifted the most?', afterDrift(0.5))).toMatch(/^Frame 2 has the highest drift: 2\.5 µm/);
    expect(answerFromTable('which frame drifted the most?', afterDrift())).toMatch(/^Frame 2 has the highest drift: 5 px/);
    expect(answerFromTable('in which frame was the drift smallest?', afterDrift())).toMatch(/^Frame 1 has the lowest drift: 0 px/);
  });
});
