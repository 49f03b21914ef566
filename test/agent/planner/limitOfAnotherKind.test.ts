// A limit of another kind than the quantity read ("move more than 10 µm in total" against the mean speed) is compared with
// the table's column of its own kind, and a limit that cannot be converted (µm with no pixel size) gives no count: it was
// compared as "10 px/frame" and counted with confidence.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { answerFromTable } from '../../../src/agent/planner/tableAnswers.ts';

const dir = mkdtempSync(join(tmpdir(), 'cp-limit-kind-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function session(request: string, unit: 'µm' | 'px'): Conversation {
  const tablePath = join(dir, `tracks-${unit}.csv`);
  const speed = unit === 'µm' ? 'TRACK_MEAN_SPEED_um_per_min' : 'TRACK_MEAN_SPEED';
  const total = unit === 'µm' ? 'TOTAL_DISTANCE_TRAVELED_um' : 'TOTAL_DISTANCE_TRAVELED';
  const net = unit === 'µm' ? 'TRACK_DISPLACEMENT_um' : 'TRACK_DISPLACEMENT';
  writeTableCsv(tablePath, {
    columns: ['TRACK_ID', 'NUMBER_SPOTS', total, net, speed],
    rows: [
      { TRACK_ID: 1, NUMBER_SPOTS: 10, [total]: 30, [net]: 4, [speed]: 3.3 },
      { TRACK_ID: 2, NUMBER_SPOTS: 9, [total]: 6, [net]: 5, [speed]: 0.7 },
      { TRACK_ID: 3, NUMBER_SPOTS: 8, [total]: 12, [net]: 11, [speed]: 1.7 },
    ],
  });
  const measured = { tool: 'measure', args: { kind: 'tracks', tracks: 'tracks-1' }, ok: true, summary: 'Measured 3 tracks.', values: unit === 'µm' ? { lengthUnit: 'µm', timeUnit: 'min' } : { lengthUnit: 'px', timeUnit: 'frame' }, artifacts: [{ id: 'table-1', type: 'table', producedBy: 'measure', path: tablePath }] };
  return {
    request,
    artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 10, ...(unit === 'µm' ? { pixelSizeUm: 0.5, frameIntervalS: 300 } : {}) }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }, ...measured.artifacts],
    earlier: [measured],
    current: [],
    earlierRequests: ['segment and track the cells'],
  };
}

describe('a limit of another kind than the quantity read', () => {
  it('"move more than 10 um in total" counts the total distance, not the speed, when the table is in µm', () => {
    const q = 'what fraction of the cells move more than 10 um in total?';
    expect(answerFromTable(q, session(q, 'µm')) ?? '').toMatch(/^2 of 3 tracks .* total distance/);
  });
  it('with no pixel size, a limit in µm against pixels gives no count and says what to tell', () => {
    const q = 'what fraction of the cells move more than 10 um in total?';
    const answer = answerFromTable(q, session(q, 'px')) ?? '';
    expect(answer).toMatch(/^Not answered: .*no pixel size is known/);
    expect(answer).not.toMatch(/\d+ of \d+ tracks/);
  });
});
