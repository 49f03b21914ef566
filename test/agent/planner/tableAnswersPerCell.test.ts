// "which cell is the biggest?": with tracks a cell is its track, so the extreme is over each track's mean across the
// frames it was followed (said so), never the largest outline in one frame; without tracks the answer says it is one
// object in one frame. Phrasings: the size adjectives x the nouns people use for a cell.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import { composeAnswer } from '../../../src/agent/planner/answers.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { afterMeasuring, removeMeasuredSessions } from './measuredSession.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

const dir = mkdtempSync(join(tmpdir(), 'per-cell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let session: (request: string) => Conversation;
beforeAll(async () => {
  await loadAcquisitionWords();
  session = await afterMeasuring(true);
});
afterAll(removeMeasuredSessions);

const answer = (conversation: Conversation) => {
  const plan = planRequest(conversation, catalogue);
  expect(plan.steps).toEqual([]);
  return composeAnswer(plan, conversation);
};

const LARGEST = ['biggest', 'largest'];
const SMALLEST = ['smallest', 'tiniest'];
const NOUNS = ['cell', 'nucleus'];

describe('the extreme of a size over cells', () => {
  // the session's three cells are squares of 3, 5 and 7 px a side; the third is followed from the second frame on
  it('with tracks: the track with the largest or smallest mean over its frames', () => {
    for (const noun of NOUNS) {
      for (const adjective of LARGEST) {
        for (const q of [`which ${noun} is the ${adjective}?`, `what's the ${adjective} ${noun}`, `${adjective} ${noun}?`]) {
          const said = answer(session(q));
          expect(said, q).toMatch(/Track 3 has the largest mean area\w* over its frames/);
          expect(said, q).toMatch(/mean of 5 frames/);
          expect(said, q).toMatch(/µm²/);
        }
      }
      for (const adjective of SMALLEST) expect(answer(session(`which ${noun} is the ${adjective}?`))).toMatch(/Track 1 has the smallest mean area\w* over its frames/);
    }
  });

  it('a question about one outline in any frame stays with single objects', () => {
    expect(answer(session('which object is the largest?'))).not.toMatch(/over its frames/);
  });

  it('without tracks: one object in one frame, said so', () => {
    const path = join(dir, 'objects.csv');
    const rows = [0, 1, 2].flatMap((t) => [1, 2].map((label) => ({ label, t, area_px: label * 10 + t })));
    writeTableCsv(path, { columns: ['label', 't', 'area_px'], rows });
    const conversation: Conversation = {
      request: 'which cell is the biggest?',
      artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 3 }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'table-1', type: 'table', producedBy: 'measure', path }],
      earlier: [
        { tool: 'segment', args: { movie: 'movie-1' }, ok: true, summary: 'Done.', values: { objects: 6 }, artifacts: [{ id: 'labels-1', type: 'labels' }] },
        { tool: 'measure', args: { kind: 'objects', labels: 'labels-1' }, ok: true, summary: 'Done.', values: { objects: 6 }, artifacts: [{ id: 'table-1', type: 'table', producedBy: 'measure', path }] },
      ],
      current: [],
      earlierRequests: [],
    };
    const said = answer(conversation);
    expect(said).toMatch(/Object 2 \(frame 3\) has the largest area/);
    expect(said).toMatch(/one object in one frame/);
  });
});
