// "register the frames, then tell me how many nuclei there are per frame": a count of the things asked, never the drift
// table's shift per frame that the step before made (a number of another quantity given with confidence).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import { composeAnswer } from '../../../src/agent/planner/answers.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';

const dir = mkdtempSync(join(tmpdir(), 'count-not-drift-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, 'drift.csv');
writeTableCsv(path, { columns: ['t', 'dx_px', 'dy_px', 'confidence'], rows: [{ t: 0, dx_px: 0, dy_px: 0, confidence: 1 }, { t: 1, dx_px: 3, dy_px: 4, confidence: 0.9 }, { t: 2, dx_px: 1, dy_px: -1, confidence: 0.9 }] });

const drifted: PastResult = { tool: 'correct_drift', args: { movie: 'movie-1' }, ok: true, summary: 'Corrected drift of up to 5 px over 3 frames; the drift table is table-1.', values: { maxDriftPx: 5 }, artifacts: [{ id: 'movie-2', type: 'movie' }, { id: 'table-1', type: 'table', producedBy: 'correct_drift', path }] };
const segmented: PastResult = { tool: 'segment', args: { movie: 'movie-2' }, ok: true, summary: 'Found 10.3 objects per frame on average.', values: { objectsPerFrame: [10, 11, 10], objectsPerFrameMean: 10.33, objects: 31 }, artifacts: [{ id: 'labels-1', type: 'labels' }] };

function asked(request: string): Conversation {
  return { request, artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 3 }], earlier: [], current: [drifted, segmented], earlierRequests: [] };
}

describe('a count asked after a drift correction', () => {
  // (each step's clause as the planner gives it)
  const asks: [string, string, string][] = [
    ['register the frames, then tell me how many nuclei there are per frame', 'register the frames', 'then tell me how many nuclei there are per frame'],
    ['how many nuclei per frame after drift correction?', 'how many nuclei per frame after drift correction?', 'how many nuclei per frame after drift correction?'],
    ['I think there is some stage wobble, fix the drift first, then count nuclei per frame', 'I think there is some stage wobble, fix the drift first', 'then count nuclei per frame'],
  ];
  for (const [request, driftClause, countClause] of asks) {
    it(`counts the nuclei: "${request}"`, () => {
      const said = composeAnswer({ steps: [{ tool: 'correct_drift', args: {}, clause: driftClause }, { tool: 'segment', args: {}, clause: countClause }], question: request }, asked(request));
      expect(said).not.toMatch(/drift per frame/i);
      expect(said).toMatch(/\b10\b.*\b11\b/);
    });
  }
  it('still answers how far the stage moved from the drift table', () => {
    const request = 'correct drift and tell me how far the stage moved';
    const said = composeAnswer({ steps: [{ tool: 'correct_drift', args: {}, clause: 'correct drift' }], question: request }, { ...asked(request), current: [drifted] });
    expect(said).toMatch(/\b5 px\b/);
  });
});
