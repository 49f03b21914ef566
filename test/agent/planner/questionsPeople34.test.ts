// Kinds of questions from tuning-questions-people-22 (brief s34/A), each test failing when the mechanism behind a
// kind breaks, whatever sentence asks it:
// - a count with a condition on track length ("tracks > 4 frames", "span more than 3 frames") with only a table of
//   objects at hand is counted from the tracks file, the condition applied and said;
// - lab shorthand "n of", "no. of", "nr", "num" before the things counted is "number of", asked of the data at hand;
// - divisions asked in a range of frames: the steps that link over time run on the whole movie, the answer counts the
//   divisions whose daughters start in the frames asked (events or cells);
// - a sentence after the question that asks only the form of the answer ("Quick number.") runs no step.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import { saveTracksJson } from '../../../src/analysis/trackio.ts';
import type { Spot, Tracks } from '../../../src/analysis/tracks.ts';
import type { Conversation, KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { answerFromTable } from '../../../src/agent/planner/tableAnswers.ts';
import { argsOf, loadAcquisitionWords, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const dir = mkdtempSync(join(tmpdir(), 'people-34-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// three tracks seen in 6, 4 and 2 frames; a table of their objects only
function session(): (request: string) => Conversation {
  const spans = [[0, 5], [0, 3], [2, 3]];
  const spots: Spot[] = [];
  const branches = spans.map(([a, b], i) => {
    const ids: number[] = [];
    for (let t = a; t <= b; t++) {
      spots.push({ id: spots.length + 1, t, x: 5 + 10 * i, y: 5, branchId: i + 1, label: i + 1 });
      ids.push(spots.length);
    }
    return { id: i + 1, parent: 0, start: a, end: b, spotIds: ids };
  });
  const tracks: Tracks = { frames: 6, spots, branches };
  const tracksPath = join(dir, 'tracks.json');
  saveTracksJson(tracksPath, tracks);
  const tablePath = join(dir, 'objects.csv');
  writeTableCsv(tablePath, { columns: ['t', 'label', 'area_px'], rows: spots.map((s) => ({ t: s.t, label: s.label!, area_px: 20 })) });
  const artifacts: KnownArtifact[] = [
    { id: 'tracks-1', type: 'tracks', producedBy: 'track', path: tracksPath },
    { id: 'table-1', type: 'table', producedBy: 'measure', path: tablePath },
  ];
  return (request) => ({ request, artifactsAtStart: artifacts, earlier: [], current: [], earlierRequests: [] });
}

describe('a count with a condition on track length', () => {
  const asked = session();
  it('is counted from the tracks file when only a table of objects is at hand', () => {
    for (const [q, n] of [['Tracks >4 frames - how many?', 1], ['how many tracks span more than 3 frames?', 2], ['how many tracks last at least 2 frames?', 3]] as const) {
      const answer = answerFromTable(q, asked(q)) ?? '';
      expect(answer, q).toMatch(new RegExp(`^${n} of 3 tracks`));
      expect(answer, q).toMatch(/frames/);
    }
  });
  it('keeps a condition on the objects\' own sizes on their table', () => {
    expect(answerFromTable('how many objects are bigger than 10 px²?', asked('how many objects are bigger than 10 px²?'))).toMatch(/table-1/);
  });
});

describe('lab shorthand for "number of"', () => {
  const atHand: KnownArtifact[] = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }, { id: 'table-1', type: 'table', producedBy: 'measure' }];
  it('is asked of the tracks at hand, never a tracking run again', () => {
    for (const q of ['n of tracks with length ≥ 5 frames', 'no. of tracks longer than 3 frames', 'nr of cells per frame?']) expect(toolsOf(q, atHand), q).not.toContain('track');
  });
  it('keeps "no" as a refusal', () => {
    expect(toolsOf('segment them, no tracks please')).not.toContain('track');
  });
});

describe('divisions in a range of frames', () => {
  const eight: KnownArtifact[] = [{ id: 'movie-1', type: 'movie', frames: 8 }];
  it('segments and tracks the whole movie, and says the answer counts the frames asked', () => {
    const q = 'how many of the cells divided between frame 4 and frame 8?';
    expect(toolsOf(q, eight)).toContain('track');
    expect(argsOf(q, 'segment', eight).frames).toBeUndefined();
    expect(said(q, eight)).toMatch(/whole movie[^.]*frames 4-8/);
  });
  it('keeps the frames of a request to segment them', () => {
    expect(argsOf('segment frames 4-8', 'segment', eight).frames).toEqual({ first: 4, last: 8 });
  });
  it('counts the divisions whose daughters start in the frames asked', () => {
    const path = join(dir, 'divisions.csv');
    writeTableCsv(path, { columns: ['track_id', 'mother', 'daughter_1', 'daughter_2', 't'], rows: [{ track_id: 1, mother: 1, daughter_1: 4, daughter_2: 5, t: 2 }, { track_id: 2, mother: 2, daughter_1: 6, daughter_2: 7, t: 6 }] });
    const asked = (request: string): Conversation => ({ request, artifactsAtStart: [{ id: 'table-1', type: 'table', producedBy: 'detect_divisions', path }], earlier: [], current: [], earlierRequests: [] });
    const cells = 'how many of the cells divided between frame 4 and frame 8?';
    expect(answerFromTable(cells, asked(cells))).toMatch(/^1 cell divided in frames 4-8[^;]*frames? 7/);
    const events = 'how many divisions in frames 1-3?';
    expect(answerFromTable(events, asked(events))).toMatch(/^1 cell divided in frames 1-3.*2 division events over the whole movie/);
  });
});

describe('the form of the answer asked in a sentence of its own', () => {
  it('runs no step that changes the movie', () => {
    // (correct_bleach may measure, writing no movie: stop 43)
    expect(plan('Bleaching? Quick number.').steps.filter((s) => s.tool === 'correct_bleach' && s.args.writeMovie !== false)).toEqual([]);
    expect(toolsOf('Bleaching? Quick number.')).toEqual(toolsOf('Bleaching?'));
  });
});
