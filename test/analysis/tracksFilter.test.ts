// Tracks left out by how long they last (src/analysis/tracks.ts tracksLastingAtLeast), as TrackMate's track filter.
import { describe, expect, it } from 'vitest';
import { tracksLastingAtLeast, type Tracks } from '../../src/analysis/tracks.ts';

/** A mother (frames 0-2) dividing into two daughters (3-5), and a lone track of frames 2-3. */
function lineageAndShortTrack(): Tracks {
  const spots = Array.from({ length: 11 }, (_, i) => ({ id: i + 1, t: [0, 1, 2, 3, 4, 5, 3, 4, 5, 2, 3][i], x: i, y: 0, label: i + 1 }));
  return {
    frames: 6,
    spots: spots as Tracks['spots'],
    branches: [
      { id: 1, start: 0, end: 2, parent: 0, spotIds: [1, 2, 3] },
      { id: 2, start: 3, end: 5, parent: 1, spotIds: [4, 5, 6] },
      { id: 3, start: 3, end: 5, parent: 1, spotIds: [7, 8, 9] },
      { id: 4, start: 2, end: 3, parent: 0, spotIds: [10, 11] },
    ],
  };
}

describe('tracksLastingAtLeast', () => {
  it('keeps a whole lineage by its span, first frame of the mother to the last of the daughters', () => {
    const { tracks, removed } = tracksLastingAtLeast(lineageAndShortTrack(), 3);
    expect(removed).toBe(1);
    expect(tracks.branches.map((b) => b.id)).toEqual([1, 2, 3]);
    expect(tracks.spots.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps a track lasting exactly the minimum, and leaves out every track under it', () => {
    expect(tracksLastingAtLeast(lineageAndShortTrack(), 2).removed).toBe(0);
    expect(tracksLastingAtLeast(lineageAndShortTrack(), 6).removed).toBe(1);
    expect(tracksLastingAtLeast(lineageAndShortTrack(), 7).tracks.branches).toEqual([]);
  });
});
