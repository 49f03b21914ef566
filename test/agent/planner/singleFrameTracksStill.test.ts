// "Which cell moved the least?" over a tracks table: a track followed for a single frame cannot have moved, so it is
// left out of a motion's minimum and the answer says how many were (it named a one-frame track, 0 µm, as the answer).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { answerFromTable } from '../../../src/agent/planner/tableAnswers.ts';

const dir = mkdtempSync(join(tmpdir(), 'cp-still-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tablePath = join(dir, 'tracks.csv');
writeTableCsv(tablePath, {
  columns: ['TRACK_ID', 'NUMBER_SPOTS', 'TRACK_TOTAL_DISTANCE_TRAVELED', 'TRACK_MEAN_SPEED'],
  rows: [
    { TRACK_ID: 1, NUMBER_SPOTS: 10, TRACK_TOTAL_DISTANCE_TRAVELED: 30, TRACK_MEAN_SPEED: 3.3 },
    { TRACK_ID: 2, NUMBER_SPOTS: 1, TRACK_TOTAL_DISTANCE_TRAVELED: 0, TRACK_MEAN_SPEED: null },
    { TRACK_ID: 3, NUMBER_SPOTS: 8, TRACK_TOTAL_DISTANCE_TRAVELED: 12, TRACK_MEAN_SPEED: 1.7 },
  ],
});
const measured = { tool: 'measure', args: { kind: 'tracks', tracks: 'tracks-1' }, ok: true, summary: 'Measured 3 tracks.', values: {}, artifacts: [{ id: 'table-1', type: 'table', producedBy: 'measure', path: tablePath }] };
const session = (request: string): Conversation => ({
  request,
  artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 10 }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }, ...measured.artifacts],
  earlier: [measured],
  current: [],
  earlierRequests: ['segment and track the cells'],
});

describe('the least motion over tracks', () => {
  it('leaves out the tracks of a single frame, and says so', () => {
    const answer = answerFromTable('which cell moved the least?', session('which cell moved the least?')) ?? '';
    expect(answer).toMatch(/^Track 3 has the smallest/);
    expect(answer).toMatch(/1 track followed for a single frame is left out/);
  });
  it('the most motion is read as before', () => {
    expect(answerFromTable('which cell moved the most?', session('which cell moved the most?')) ?? '').toMatch(/^Track 1 /);
  });
});
