// Questions in people's words answered from the session's tables at the scope asked: a quantity of the thing at an
// extreme said first ("area of the smallest nucleus overall, um2"), a count at frames "frame by frame" for those frames
// only, and tracks that span the movie from the tracks themselves when only objects were measured.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { answerFromTable, asksTheData, isAskedForm } from '../../../src/agent/planner/tableAnswers.ts';
import { afterMeasuring, removeMeasuredSessions } from './measuredSession.ts';

// three cells (squares of 3, 5 and 7 px at 0.5 µm/px) over 6 frames, the third from frame 2 on
let session: (request: string) => Conversation;
beforeAll(async () => {
  session = await afterMeasuring(true);
});
afterAll(removeMeasuredSessions);

const objectsOnly = (request: string): Conversation => {
  const whole = session(request);
  return { ...whole, artifactsAtStart: whole.artifactsAtStart.filter((a) => a.type !== 'table' || a.id === 'table-1'), earlier: whole.earlier.filter((r) => r.artifacts.every((a) => a.type !== 'table' || a.id === 'table-1')) };
};

describe('a quantity of the thing at an extreme, said first', () => {
  it('is a question about the data', () => {
    for (const q of ['area of the smallest nucleus overall, um2', 'area of the smallest nucleus', 'speed of the fastest cell', 'the perimeter of the biggest object in um']) {
      expect(isAskedForm(q), q).toBe(true);
      expect(asksTheData(q), q).toBe(true);
    }
    for (const q of ['segment the smallest nuclei', 'plot the area of the biggest cell', 'area of the nuclei']) expect(asksTheData(q), q).toBe(false);
  });

  it('is answered with the extreme in the unit asked', () => {
    expect(answerFromTable('area of the smallest nucleus overall, um2', session('area of the smallest nucleus overall, um2'))).toMatch(/smallest (?:mean )?area[^:]*: 2\.25 µm²/);
  });
});

describe('a count at frames, frame by frame', () => {
  it('is a question, answered for those frames only', () => {
    const q = 'nuclei count for frames 2 to 4, frame by frame';
    expect(isAskedForm(q)).toBe(true);
    const answer = answerFromTable(q, session(q))!;
    expect(answer).toMatch(/^Objects in frames 2-4 per frame: frame 2: 3, frame 3: 3, frame 4: 3/);
    expect(answer).not.toMatch(/frame [156]:/);
  });
});

describe('tracks that span the movie', () => {
  it('are counted from the tracks when only objects were measured', () => {
    const q = 'how many tracks last the whole movie?';
    expect(answerFromTable(q, objectsOnly(q))).toMatch(/^2 of 3 tracks span the whole movie, from its first to its last frame; the others start later or end earlier \(from tracks-1\)/);
  });
});
