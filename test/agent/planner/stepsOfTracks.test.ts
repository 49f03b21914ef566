// A speed at a frame ("in which frame are the cells fastest?") is a property of the steps between frames: with only a
// table of objects or of whole tracks at hand, the steps are read from the tracks; the answer names the frame the
// steps leave, never advises measuring objects, and never answers with a whole-track mean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { asksMotionAtFrames } from '../../../src/agent/planner/stepsOfTracks.ts';
import { answerFromTable, readQuestion } from '../../../src/agent/planner/tableAnswers.ts';
import { afterMeasuring, removeMeasuredSessions } from './measuredSession.ts';

// cells 1 and 2 move 1 and 2 px per frame from frame 1, cell 3 moves 3 px per frame from frame 2 (0.5 µm/px, 1 min per
// frame): the steps leaving frame 1 average 0.75 µm/min, those leaving frames 2-5 1 µm/min
let session: (request: string) => Conversation;
beforeAll(async () => {
  session = await afterMeasuring(true);
});
afterAll(removeMeasuredSessions);

const keeping = (ids: string[]) => (request: string): Conversation => {
  const whole = session(request);
  return { ...whole, artifactsAtStart: whole.artifactsAtStart.filter((a) => a.type !== 'table' || ids.includes(a.id)), earlier: whole.earlier.filter((r) => r.artifacts.every((a) => a.type !== 'table' || ids.includes(a.id))) };
};
const objectsOnly = keeping(['table-1']);
const wholeTracksOnly = keeping(['table-2']);

describe('motion at a frame', () => {
  it('is a speed or a step asked at frames', () => {
    for (const q of ['in which frame are the cells fastest?', 'at which timepoint are cells slowest', 'mean speed in frame 3', 'in what frame do the nuclei move the quickest?']) expect(asksMotionAtFrames(readQuestion(q)), q).toBe(true);
    for (const q of ['which cell is fastest?', 'mean speed of track 2', 'which frame has the most cells?', 'mean area in frame 3', 'speed over time']) expect(asksMotionAtFrames(readQuestion(q)), q).toBe(false);
  });

  it('is answered from the tracks with a table of objects only', () => {
    expect(answerFromTable('at which timepoint are the cells slowest?', objectsOnly('at which timepoint are the cells slowest?'))).toMatch(/^Frame 1 \(the steps from it to frame 2\) has the lowest mean speed: 0\.75 µm\/min .*from the steps between frames of tracks-1/);
    expect(answerFromTable('in which frame are the cells fastest?', objectsOnly('in which frame are the cells fastest?'))).toMatch(/^Frame 2 \(the steps from it to frame 3\) has the highest mean speed: 1 µm\/min/);
  });

  it('is answered from the tracks with a table of whole tracks only, never with a whole-track mean', () => {
    const answer = answerFromTable('in what frame do the nuclei move the quickest?', wholeTracksOnly('in what frame do the nuclei move the quickest?'));
    expect(answer).toMatch(/^Frame 2 \(the steps from it to frame 3\) has the highest mean speed: 1 µm\/min/);
    expect(answer).not.toMatch(/TRACK_MEAN_SPEED|track mean speed/i);
  });

  it('reads a table of steps when there is one, not the tracks again', () => {
    expect(answerFromTable('in which frame are the cells fastest?', session('in which frame are the cells fastest?'))).toMatch(/^Frame 2 \(the steps from it to frame 3\) has the highest mean speed: 1 µm\/min.*from table-3/);
  });
});
