// When cells divide, from the tracks' lineage: the frame each division's daughters first appear in. Phrasings: the
// words for a division x the ways of asking when, or per frame; a count of dividing cells asks no time.
import { describe, expect, it } from 'vitest';
import type { Tracks } from '../../../src/analysis/tracks.ts';
import { divisionTimeAsked, divisionTimesAnswer, divisionsOf } from '../../../src/agent/planner/divisionTimes.ts';

// branch 1 divides into 2 and 3 (daughters from frame 5), branch 4 into 5 and 6 (from frame 8); branch 7 never divides
// (one spot per branch, in its last frame: a division is read at the mother's last spot)
const branch = (id: number, parent: number, start: number, end: number) => ({ id, parent, start, end, spotIds: [id] });
const spot = (id: number, t: number) => ({ id, t, x: 10 * id, y: 0, branchId: id });
const TRACKS: Tracks = { spots: [spot(1, 3), spot(2, 9), spot(3, 9), spot(4, 6), spot(5, 9), spot(6, 9), spot(7, 9)], frames: 10, branches: [branch(1, 0, 0, 3), branch(2, 1, 4, 9), branch(3, 1, 4, 9), branch(4, 0, 0, 6), branch(5, 4, 7, 9), branch(6, 4, 7, 9), branch(7, 0, 0, 9)] };
const NOUNS = ['division', 'mitosis', 'cell division'];
const VERBS = ['divide', 'split'];

describe('times of division', () => {
  it('reads which time is asked, whatever words name the division', () => {
    for (const n of NOUNS) {
      expect(divisionTimeAsked(`when does the first ${n} happen?`), n).toBe('first');
      expect(divisionTimeAsked(`in which frame is the last ${n}?`), n).toBe('last');
      expect(divisionTimeAsked(`how many ${n === 'mitosis' ? 'mitoses' : `${n}s`} per frame?`), n).toBe('perFrame');
    }
    for (const v of VERBS) {
      expect(divisionTimeAsked(`when do the cells ${v}?`), v).toBe('when');
      expect(divisionTimeAsked(`at what time does the earliest cell ${v}?`), v).toBe('first');
      expect(divisionTimeAsked(`how many cells ${v} over time?`), v).toBe('perFrame');
    }
  });

  it('a count or a share of dividing cells asks no time', () => {
    for (const q of ['how many cells divide?', 'what share of cells divided?', 'which cell divides?', 'what is the mean area?']) expect(divisionTimeAsked(q), q).toBeUndefined();
  });

  it('each division is the frame its daughters first appear in', () => {
    expect(divisionsOf(TRACKS)).toEqual([{ mother: 1, daughters: [2, 3], t: 4 }, { mother: 4, daughters: [5, 6], t: 7 }]);
    expect(divisionTimesAnswer('first', TRACKS, 'tracks-1')).toMatch(/^The first division is in frame 5.*branch 1 into 2 and 3.*2 divisions in all/);
    expect(divisionTimesAnswer('last', TRACKS, 'tracks-1', 60)).toMatch(/^The last division is in frame 8 \(at 7 min\)/);
    expect(divisionTimesAnswer('perFrame', TRACKS, 'tracks-1')).toMatch(/frame 5: 1, frame 8: 1; 2 divisions over 10 frames/);
    expect(divisionTimesAnswer('when', TRACKS, 'tracks-1')).toMatch(/^2 divisions.*frame 5: branch 1 into 2 and 3; frame 8: branch 4 into 5 and 6/);
  });

  it('without divisions says so, never a time', () => {
    const none: Tracks = { ...TRACKS, branches: [branch(7, 0, 0, 9)] };
    expect(divisionTimesAnswer('first', none, 'tracks-2')).toMatch(/^No divisions in tracks-2/);
  });
});

describe('the cell cycle', () => {
  it('is asked by its names, and by the time between divisions', () => {
    for (const q of ['how long does each cell cycle last?', 'what is the cell-cycle length?', 'what is the mean interdivision time?', 'generation time?', 'how much time between two divisions?', 'how long between successive divisions?']) expect(divisionTimeAsked(q), q).toBe('cycle');
    // (a time until division asked in words: not the tracks' duration)
    for (const q of ['how long do cells take to divide on average?', 'how many hours does a nucleus need to divide again?', 'how often do the cells divide?', 'doubling time?']) expect(divisionTimeAsked(q), q).toBe('cycle');
  });

  it("runs from a cell's birth at one division to its own division, whole cycles only", () => {
    // branch 2 (born in frame 5) divides into 8 and 9 (from frame 11): a whole cycle of 6 frames; branch 3 never divides
    const lineage: Tracks = { spots: [...TRACKS.spots, spot(8, 14), spot(9, 14)], frames: 15, branches: [branch(1, 0, 0, 3), { ...branch(2, 1, 4, 9), spotIds: [2] }, branch(3, 1, 4, 14), branch(8, 2, 10, 14), branch(9, 2, 10, 14)] };
    lineage.spots = lineage.spots.map((s) => (s.id === 2 ? { ...s, t: 9 } : s));
    expect(divisionTimesAnswer('cycle', lineage, 'tracks-1', 120)).toMatch(/^Cell cycle \(birth at one division to the cell's own division\): mean 6 frames \(12 min\), over 1 whole cycle \(branches 2\)/);
  });

  it('with no cell seen from birth to division says so, never a track duration', () => {
    expect(divisionTimesAnswer('cycle', TRACKS, 'tracks-1')).toMatch(/^No whole cell cycle in tracks-1: .*of the 2 divisions, none is of a cell seen from its own birth/);
    expect(divisionTimesAnswer('cycle', { ...TRACKS, branches: [branch(7, 0, 0, 9)] }, 'tracks-2')).toMatch(/^No whole cell cycle in tracks-2: .*no branch divides/);
  });
});
