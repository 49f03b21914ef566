// The lead's user tries of stop 49: what a first try in fresh words found, each a general cause.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { answerFromTable, readQuestion } from '../../../src/agent/planner/tableAnswers.ts';

const dir = mkdtempSync(join(tmpdir(), 'lead49-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// track 1 goes far along a winding path; track 2 goes less far but straight
const tracksPath = join(dir, 'tracks.csv');
writeTableCsv(tracksPath, {
  columns: ['TRACK_ID', 'TRACK_MEAN_SPEED', 'TOTAL_DISTANCE_TRAVELED', 'TRACK_DISPLACEMENT', 'CONFINEMENT_RATIO'],
  rows: [
    { TRACK_ID: 1, TRACK_MEAN_SPEED: 2, TOTAL_DISTANCE_TRAVELED: 90, TRACK_DISPLACEMENT: 9, CONFINEMENT_RATIO: 0.1 },
    { TRACK_ID: 2, TRACK_MEAN_SPEED: 1, TOTAL_DISTANCE_TRAVELED: 40, TRACK_DISPLACEMENT: 32, CONFINEMENT_RATIO: 0.8 },
  ],
});
const conversation: Conversation = {
  request: '',
  artifactsAtStart: [{ id: 'table-1', type: 'table', producedBy: 'measure', path: tracksPath }],
  earlier: [{ tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: '', values: { lengthUnit: 'µm', timeUnit: 'min' }, artifacts: [{ id: 'table-1', type: 'table' }] }],
  current: [],
  earlierRequests: [],
};

describe('how straight or persistent a path is, said of the motion', () => {
  it('asks no distance: "the most persistent mover" is the straightest track, not the one that went furthest', () => {
    for (const q of ['which one is the most persistent mover?', 'which cell migrates most persistently?', 'which cell moves most directionally?']) {
      expect([...readQuestion(q).quantity], q).not.toContain('distanc');
      expect(answerFromTable(q, conversation), q).toMatch(/^Track 2 has the largest confinement ratio: 0\.8/);
    }
  });

  it('reads the directionality ratio as the confinement ratio (the same d/D)', () => {
    expect(answerFromTable('whats the directionality ratio of track 1', conversation)).toMatch(/confinement ratio for track 1 = 0\.1/);
  });

  it('still reads a movement word alone as the distance travelled', () => {
    expect(answerFromTable('which cell moved the furthest?', conversation)).toMatch(/^Track 1 has the largest total distance travelled: 90 µm/);
  });
});
