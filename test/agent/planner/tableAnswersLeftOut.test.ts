// A mean asked after tracking said "over 18 tracks" where the track step had reported 20: the
// answer now says which tracks were left out and why (a track of one frame has no speed), and a
// copy of the table exported from the session keeps its unit from the CSV header.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { answerFromTable } from '../../../src/agent/planner/tableAnswers.ts';

const dir = mkdtempSync(join(tmpdir(), 'table-answers-left-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tracksPath = join(dir, 'tracks.csv');
writeTableCsv(tracksPath, {
  columns: ['TRACK_ID', 'NUMBER_SPOTS', 'TRACK_MEAN_SPEED'],
  rows: [
    { TRACK_ID: 1, NUMBER_SPOTS: 3, TRACK_MEAN_SPEED: 2 },
    { TRACK_ID: 2, NUMBER_SPOTS: 4, TRACK_MEAN_SPEED: 1 },
    { TRACK_ID: 3, NUMBER_SPOTS: 1, TRACK_MEAN_SPEED: null },
    { TRACK_ID: 4, NUMBER_SPOTS: 1, TRACK_MEAN_SPEED: null },
  ],
  units: { TRACK_MEAN_SPEED: 'px/frame' },
});

function conversation(values: Record<string, unknown>): Conversation {
  return {
    request: '',
    artifactsAtStart: [{ id: 'table-1', type: 'table', producedBy: 'measure', path: tracksPath }],
    earlier: [{ tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: '', values, artifacts: [{ id: 'table-1', type: 'table' }] }],
    current: [],
    earlierRequests: [],
  };
}

describe('a mean over the tracks that have a value', () => {
  it('names the tracks left out and why: "over 2 tracks; 2 of the 4 tracks are left out: they last a single frame"', () => {
    const answer = answerFromTable('what is the mean speed?', conversation({ lengthUnit: 'px', timeUnit: 'frame' }))!;
    expect(answer).toMatch(/= 1\.5 px\/frame .*over 2 tracks; 2 of the 4 tracks are left out: they last a single frame, so they have no mean speed/);
  });

  it('a table whose step names no units reads the unit its CSV header states', () => {
    const answer = answerFromTable('what is the mean speed?', conversation({}))!;
    expect(answer).toMatch(/= 1\.5 px\/frame/);
  });

  it('says nothing of left-out tracks when every track has a value', () => {
    const full = join(dir, 'full.csv');
    writeFileSync(full, 'TRACK_ID,NUMBER_SPOTS,TRACK_MEAN_SPEED (px/frame)\n1,3,2\n2,4,1\n');
    const c = conversation({ lengthUnit: 'px', timeUnit: 'frame' });
    c.artifactsAtStart[0] = { ...c.artifactsAtStart[0], path: full };
    const answer = answerFromTable('what is the mean speed?', c)!;
    expect(answer).toMatch(/over 2 tracks \(from table-1\)/);
  });
});
