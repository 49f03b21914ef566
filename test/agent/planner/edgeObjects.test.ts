// Objects touching the image edge, measured (features.ts touches_edge) and answered from the objects table at the scope
// asked: "how many cells touch the border (in frame 2)?", "what fraction are cut by the edge?", "mean area of the nuclei
// not touching the edge", "which objects touch the border?"; never the count of all of them, never "not measured".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { answerFromTable, readQuestion } from '../../../src/agent/planner/tableAnswers.ts';
import { unmeasuredCountedDoing } from '../../../src/agent/planner/unmeasuredCounts.ts';
import { catalogue, loadAcquisitionWords, movieAndLabels, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const dir = mkdtempSync(join(tmpdir(), 'edge-objects-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 2 frames: frame 1 has labels 1 (at the edge, 40 px²) and 2, 3 (inside, 20 and 30 px²); frame 2 has 1 and 2 at the edge, 3 inside
const objectsPath = join(dir, 'objects.csv');
writeTableCsv(objectsPath, {
  columns: ['label', 't', 'area_px', 'touches_edge'],
  rows: [
    { label: 1, t: 0, area_px: 40, touches_edge: 1 },
    { label: 2, t: 0, area_px: 20, touches_edge: 0 },
    { label: 3, t: 0, area_px: 30, touches_edge: 0 },
    { label: 1, t: 1, area_px: 44, touches_edge: 1 },
    { label: 2, t: 1, area_px: 22, touches_edge: 1 },
    { label: 3, t: 1, area_px: 32, touches_edge: 0 },
  ],
});
const oldPath = join(dir, 'old-objects.csv');
writeTableCsv(oldPath, { columns: ['label', 't', 'area_px'], rows: [{ label: 1, t: 0, area_px: 40 }] });

function conversation(path = objectsPath): Conversation {
  return {
    request: '',
    artifactsAtStart: [...movieAndLabels, { id: 'table-1', type: 'table', producedBy: 'measure', path }],
    // (segment reported the count of all objects: never the answer to a count of those at the edge)
    earlier: [
      { tool: 'segment', args: {}, ok: true, summary: 'Found 21 objects', values: { objects: 21 }, artifacts: [{ id: 'labels-1', type: 'labels' }] },
      { tool: 'measure', args: { kind: 'objects' }, ok: true, summary: '', values: { objects: 6 }, artifacts: [{ id: 'table-1', type: 'table' }] },
    ],
    current: [],
    earlierRequests: [],
  };
}
const ask = (q: string) => answerFromTable(q, conversation());

describe('a question about objects at the image edge keeps the rows by touches_edge', () => {
  it('reads the edge in many wordings as rows kept, and another edge or no edge as none', () => {
    for (const q of ['how many cells are touching the border?', 'how many nuclei touch the image edge in frame 10?', 'what fraction of the nuclei get cut off by the edge of the image?', 'which objects touch the border?', 'what % of cells sit on the edge of the field of view', 'how many nuclei are clipped by the image boundary?', 'count the edge cells', 'how many cells r touching the edges'])
      expect(readQuestion(q).subset, q).toMatchObject({ column: 'touches_edge', negated: false });
    for (const q of ['mean area of the nuclei not touching the edge', 'average area excluding the ones touching the border', 'median area of cells away from the edges', "mean area of the cells that don't touch the border", 'mean area of the non-edge nuclei'])
      expect(readQuestion(q).subset, q).toMatchObject({ column: 'touches_edge', negated: true });
    for (const q of ['how many cells are at the wound edge?', 'how many nuclei are on the edge of the colony?', 'how many cells are there at the end?', 'how many cells leave the field of view?'])
      expect(readQuestion(q).subset?.column, q).toBeUndefined();
  });

  it('is a count the table answers, never "not measured"', () => {
    for (const q of ['how many cells are touching the border?', 'how many cells touch the edge?', 'how many nuclei are cut by the edge of the image?']) expect(unmeasuredCountedDoing(q), q).toBeUndefined();
    // (another doing stays unmeasured)
    expect(unmeasuredCountedDoing('how many cells leave the field of view?')).toBeDefined();
  });

  it('counts, shares and lists the objects kept, at the frame asked', () => {
    expect(ask('how many cells are touching the border?')).toMatch(/^3 of 6 objects touch the image edge \(touches_edge = 1\) \(50%\), counted once per frame .* 2 frames/);
    expect(ask('how many nuclei touch the edge in frame 1?')).toMatch(/^1 of 3 objects in frame 1 touch the image edge/);
    expect(ask('how many cells do not touch the border in the last frame?')).toMatch(/^1 of 3 objects in frame 2 do not touch the image edge \(touches_edge = 0\)/);
    expect(ask('what fraction of the nuclei are cut by the edge in frame 2?')).toMatch(/^66\.7% of the objects in frame 2 touch the image edge/);
    expect(ask('which objects touch the border in frame 2?')).toMatch(/^2 objects in frame 2 touch the image edge \(touches_edge = 1\): labels 1, 2/);
    expect(ask('do any cells touch the edge of the image in frame 1?')).toMatch(/^Yes: 1 of 3/);
  });

  it('gives a statistic of the rows kept, and says which rows', () => {
    expect(ask('mean area of the nuclei not touching the edge')).toMatch(/Mean area .*= 27.33 px².*3 objects that do not touch the image edge \(touches_edge = 0\)/);
    expect(ask('what is the mean area of the cells touching the border in frame 1?')).toMatch(/= 40 px².*touch(?:es)? the image edge/);
  });

  it('says a table measured without the column cannot keep them, and to measure again', () => {
    expect(answerFromTable('how many cells touch the border?', conversation(oldPath))).toMatch(/no touches_edge column.*measure the objects again/);
    expect(answerFromTable('mean area of the nuclei not touching the edge', conversation(oldPath))).toMatch(/no touches_edge column.*measure the objects again/);
  });
});

describe('the plan for it', () => {
  it('measures the objects first, never answering with the count of all of them', () => {
    for (const q of ['how many cells are touching the border?', 'what fraction of the nuclei are cut by the edge?', 'which objects touch the border?']) {
      const p = plan(q, movieAndLabels);
      expect(p.steps.map((s) => s.tool), q).toEqual(['measure']);
      expect(p.steps[0].args.kind ?? 'objects', q).toBe('objects');
    }
    const withCount = planRequest({ ...conversation(), artifactsAtStart: movieAndLabels, earlier: [conversation().earlier[0]], request: 'how many cells touch the border?' }, catalogue);
    expect(withCount.steps.map((s) => s.tool)).toEqual(['measure']);
    expect(withCount.reply ?? '').not.toMatch(/\b21\b/);
  });

  it('answers from the table when it has the column', () => {
    const p = planRequest({ ...conversation(), request: 'how many cells are touching the border?' }, catalogue);
    expect(p.steps).toEqual([]);
  });
});
