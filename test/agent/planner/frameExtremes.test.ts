// "Which frame has the most cells?" and "the brightest frame": the frame with an extreme of a
// value per frame, answered from a table of objects, never from a table with one row per
// frame (a drift table counts no objects) and never with another quantity than the one asked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';
import { answerFromTable, countsThings, readQuestion } from '../../../src/agent/planner/tableAnswers.ts';

const dir = mkdtempSync(join(tmpdir(), 'frame-extremes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// a drift table: one row per frame, no objects
const driftPath = join(dir, 'drift.csv');
writeTableCsv(driftPath, { columns: ['t', 'dx_px', 'dy_px'], rows: [0, 1, 2].map((t) => ({ t, dx_px: t, dy_px: 0 })) });
// objects: 2 in frame 1, 3 in frame 2, 1 in frame 3; no intensity column
const objectsPath = join(dir, 'objects.csv');
const counts = [2, 3, 1];
writeTableCsv(objectsPath, {
  columns: ['label', 't', 'area_px'],
  rows: counts.flatMap((n, t) => Array.from({ length: n }, (_, i) => ({ label: i + 1, t, area_px: 50 + i }))),
});

function conversation(tables: { id: string; path: string; tool: string }[]): Conversation {
  const earlier: PastResult[] = tables.map((t) => ({ tool: t.tool, args: {}, ok: true, summary: '', values: {}, artifacts: [{ id: t.id, type: 'table' }] }));
  return {
    request: '',
    artifactsAtStart: tables.map((t) => ({ id: t.id, type: 'table', producedBy: t.tool, path: t.path })),
    earlier,
    current: [],
    earlierRequests: [],
  };
}
const drift = { id: 'table-1', path: driftPath, tool: 'correct_drift' };
const objects = { id: 'table-2', path: objectsPath, tool: 'measure' };

describe('the frame with the most or fewest objects', () => {
  it('is a count of the objects per frame, whatever word names them', () => {
    for (const q of ['which frame has the most cells?', 'which timepoint has the most nuclei?', 'which frame has the fewest objects?']) {
      expect(readQuestion(q).reduce, q).toBe('count');
      expect(countsThings(q), q).toBe(true);
    }
  });

  it('counts rows of a table of objects, never the rows of a drift table', () => {
    expect(answerFromTable('which frame has the most cells?', conversation([drift]))).toBeUndefined();
    const answer = answerFromTable('which frame has the most cells?', conversation([drift, objects]));
    expect(answer).toMatch(/^Frame 2 has the most objects: 3\b/);
    expect(answerFromTable('which frame has the fewest cells?', conversation([objects]))).toMatch(/^Frame 3 has the fewest objects: 1\b/);
  });
});

describe('the brightest frame', () => {
  it('is never answered with the object count when no table has intensities', () => {
    const answer = answerFromTable("what's the brightest frame?", conversation([objects]));
    expect(answer).toMatch(/intensity/);
    expect(answer).not.toMatch(/has the most objects/);
  });
});

describe('the frame of the biggest cell', () => {
  // frame 1: one object of 100 px² (mean 100); frame 2: 10 and 150 px² (mean 80, but the biggest object)
  const sizesPath = join(dir, 'sizes.csv');
  writeTableCsv(sizesPath, { columns: ['label', 't', 'area_px'], rows: [{ label: 1, t: 0, area_px: 100 }, { label: 1, t: 1, area_px: 10 }, { label: 2, t: 1, area_px: 150 }] });
  const sizes = { id: 'table-3', path: sizesPath, tool: 'measure' };

  it('is the frame holding that one object, not the frame whose objects are biggest on average', () => {
    for (const q of ['which frame had the biggest cell?', 'what was the biggest cell and in which frame?']) {
      expect(readQuestion(q).whichFrame, q).toBeUndefined();
      expect(answerFromTable(q, conversation([sizes])), q).toMatch(/frame 2\b.*150/);
    }
  });

  it('"the biggest cells on average" and "the highest cell count" still rank the frames', () => {
    expect(answerFromTable('which frame has the biggest cells on average?', conversation([sizes]))).toMatch(/^Frame 1 has the highest mean area: 100\b/);
    expect(readQuestion('which frame has the highest cell count?').whichFrame).toBe(true);
  });
});
