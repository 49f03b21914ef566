// A calibration told with a question after the tracks were measured ("... in um/min? pixels are 0.8 um and frames 5 min
// apart"): both values are read from the question, which is answered from the table at hand with them applied.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { statedCalibration } from '../../../src/agent/planner/quantities.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const dir = mkdtempSync(join(tmpdir(), 'cp-remeasure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tablePath = join(dir, 'tracks.csv');
writeTableCsv(tablePath, { columns: ['TRACK_ID', 'NUMBER_SPOTS', 'TRACK_DURATION', 'TRACK_MEAN_SPEED'], rows: [{ TRACK_ID: 3, NUMBER_SPOTS: 10, TRACK_DURATION: 9, TRACK_MEAN_SPEED: 3.13 }] });

const measured = { tool: 'measure', args: { kind: 'tracks', tracks: 'tracks-1', movie: 'movie-1' }, ok: true, summary: 'Measured 1 track: mean speed 3.13 px/frame.', values: {}, artifacts: [{ id: 'table-1', type: 'table', producedBy: 'measure', path: tablePath }] };
const session = (request: string): Conversation => ({
  request,
  artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 10 }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }, ...measured.artifacts],
  earlier: [measured],
  current: [],
  earlierRequests: ['segment and track the cells', 'which track is the longest?'],
});

describe('a calibration told with a question after a measurement', () => {
  it('a calibration told after the question ("frames 5 min apart") is read whole, for the answer to apply', () => {
    expect(statedCalibration("what's the mean speed of track 3 in um/min? pixels are 0.8 um and frames 5 min apart")).toEqual({ pixelSizeUm: 0.8, frameIntervalS: 300 });
  });

  it('a question without a calibration is answered from the table at hand', () => {
    expect(planRequest(session("what's the mean speed of track 3?"), catalogue).steps).toEqual([]);
  });
});
