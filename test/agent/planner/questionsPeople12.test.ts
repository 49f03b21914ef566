// Kinds of questions from tuning-questions-people-12 (brief s20/Q): each test fails when the
// mechanism behind a kind breaks, whatever sentence asks it.
// - a step whose object is a question ("quantify how bright each nucleus is in frame 7") is answered from the data;
// - a table of objects segmented from part of the movie names the movie's frames, not the table's;
// - a figure drawn for a question is named beside the numbers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import { composeAnswer } from '../../../src/agent/planner/answers.ts';
import type { Conversation, KnownArtifact, PastResult } from '../../../src/agent/planner/conversation.ts';
import { answerFromTable, asksForAnAnswer } from '../../../src/agent/planner/tableAnswers.ts';

const dir = mkdtempSync(join(tmpdir(), 'people-12-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// objects of frame 7 only (t is 0-based in the movie: labels segmented from frame 7 keep it)
const frame7Path = join(dir, 'frame7.csv');
writeTableCsv(frame7Path, {
  columns: ['label', 't', 'area_um2', 'mean_intensity_c1'],
  rows: [
    { label: 1, t: 6, area_um2: 40, mean_intensity_c1: 1000 },
    { label: 2, t: 6, area_um2: 60, mean_intensity_c1: 1200 },
  ],
});
const frame7Table: KnownArtifact = { id: 'table-1', type: 'table', producedBy: 'measure', path: frame7Path };
const movie: KnownArtifact = { id: 'movie-1', type: 'movie', frames: 8, pixelSizeUm: 0.5 };
const measured = (table: KnownArtifact): PastResult => ({ tool: 'measure', args: { kind: 'objects' }, ok: true, summary: 'Measured.', values: { lengthUnit: 'µm' }, artifacts: [table] });
const asked = (request: string, current: PastResult[], earlier: PastResult[] = []): Conversation => ({ request, artifactsAtStart: [movie], earlier, current, earlierRequests: [] });

describe('a step whose object is a question', () => {
  it('asks for an answer; a step with no question does not', () => {
    for (const q of ['quantify how bright each nucleus is in frame 7', 'measure how big the nuclei are', 'work out which cell moves furthest', 'determine whether the count goes down']) expect(asksForAnAnswer(q), q).toBe(true);
    for (const q of ['measure the nuclei', 'segment and track the nuclei', 'quantify the intensity']) expect(asksForAnAnswer(q), q).toBe(false);
  });
});

describe('objects segmented from part of the movie', () => {
  it('are reported in the movie\'s frame numbers', () => {
    const c = asked('quantify how bright each nucleus is in frame 7', [measured(frame7Table)]);
    expect(answerFromTable('quantify how bright each nucleus is in frame 7', c)).toMatch(/frame 7/);
    expect(answerFromTable('what is the median nucleus size in the last frame?', c)).toMatch(/frame 7\b[\s\S]*µm²|µm²[\s\S]*frame 7\b/);
  });
});

describe('a figure drawn for a question', () => {
  it('is named beside the numbers', () => {
    const segmented: PastResult = { tool: 'segment', args: {}, ok: true, summary: 'Found 4 objects per frame.', values: { objects: 8, objectsPerFrameMean: 4, objectsPerFrame: [3, 5] }, artifacts: [{ id: 'labels-1', type: 'labels' }] };
    const plotted: PastResult = { tool: 'plot', args: { feature: 'count' }, ok: true, summary: 'Plotted count against frame.', values: {}, artifacts: [{ id: 'plot-1', type: 'plot' }] };
    const answer = composeAnswer({ steps: [], question: 'plot their count per frame' }, asked('plot their count per frame', [plotted], [segmented]));
    expect(answer).toMatch(/frame 1: 3, frame 2: 5/);
    expect(answer).toMatch(/Plotted count against frame\. \(plot-1\)/);
  });
});
