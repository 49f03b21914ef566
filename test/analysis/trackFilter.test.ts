import { describe, expect, it } from 'vitest';
import { tracksFromLinks } from '../../src/analysis/track.ts';
import { filterTracks, labelsOnBorder, trackIdsTouchingBorder, trackMeasures, tracksSubset } from '../../src/analysis/trackFilter.ts';
import { trackIdOfBranch } from '../../src/analysis/tracks.ts';
import { handTracks } from './handTracks.ts';

/** The track id of the track holding spot `spotId`. */
function trackOfSpot(tracks: ReturnType<typeof handTracks>, spotId: number): number {
  const spot = tracks.spots.find((s) => s.id === spotId)!;
  return trackIdOfBranch(tracks).get(spot.branchId)!;
}

describe('trackMeasures', () => {
  it('gives frames, duration, speeds, displacement, distance and straightness in px and frames when uncalibrated', () => {
    const tracks = handTracks();
    const m = trackMeasures(tracks);
    const a = m.get(trackOfSpot(tracks, 1))!;
    const b = m.get(trackOfSpot(tracks, 11))!;
    const c = m.get(trackOfSpot(tracks, 21))!;
    expect([a.frames, a.duration, a.displacement, a.total_distance, a.mean_speed, a.max_speed, a.straightness]).toEqual([6, 5, 15, 15, 3, 3, 1]);
    expect([b.frames, b.duration, b.displacement, b.total_distance, b.mean_speed, b.straightness]).toEqual([3, 2, 0, 10, 5, 0]);
    expect(c.frames).toBe(1);
    expect(Number.isNaN(c.mean_speed)).toBe(true);
  });

  it('gives µm and s when calibrated (0.5 µm/px, 60 s/frame)', () => {
    const tracks = handTracks({ pixelSizeUm: 0.5, frameIntervalS: 60 });
    const a = trackMeasures(tracks).get(trackOfSpot(tracks, 1))!;
    expect(a.duration).toBe(300);
    expect(a.displacement).toBeCloseTo(7.5, 12);
    expect(a.mean_speed).toBeCloseTo(1.5 / 60, 12);
  });
});

describe('filterTracks', () => {
  it('keeps tracks of at least 3 frames', () => {
    const tracks = handTracks();
    const r = filterTracks(tracks, { rules: [{ measure: 'frames', min: 3 }] });
    expect(r.kept).toEqual([trackOfSpot(tracks, 1), trackOfSpot(tracks, 11)].sort((x, y) => x - y));
    expect(r.removed).toEqual([trackOfSpot(tracks, 21)]);
    expect(r.tracks.spots.map((s) => s.id).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 11, 12, 13]);
    expect(r.removedBy).toEqual([{ rule: 'frames >= 3', count: 1 }]);
    // the input is not changed
    expect(tracks.spots).toHaveLength(10);
  });

  it('keeps the tracks present from the first to the last frame (tracked the whole movie)', () => {
    const tracks = handTracks();
    const r = filterTracks(tracks, { startsAtFirstFrame: true, endsAtLastFrame: true });
    expect(r.kept).toEqual([trackOfSpot(tracks, 1)]);
    expect(r.removedBy.map((x) => x.count)).toEqual([2, 0]);
  });

  it('bounds a speed and a displacement, a single spot failing a bound on a speed it does not have', () => {
    const tracks = handTracks();
    expect(filterTracks(tracks, { rules: [{ measure: 'mean_speed', max: 4 }] }).kept).toEqual([trackOfSpot(tracks, 1)]);
    expect(filterTracks(tracks, { rules: [{ measure: 'displacement', min: 10 }] }).kept).toEqual([trackOfSpot(tracks, 1)]);
    expect(filterTracks(tracks, { rules: [{ measure: 'total_distance', min: 10, max: 12 }] }).kept).toEqual([trackOfSpot(tracks, 11)]);
    expect(filterTracks(tracks, { rules: [{ measure: 'straightness', min: 0.5 }] }).kept).toEqual([trackOfSpot(tracks, 1)]);
  });

  it('ranks: the 1 fastest, the 2 longest, the 1 shortest', () => {
    const tracks = handTracks();
    expect(filterTracks(tracks, { rank: { measure: 'mean_speed', n: 1, order: 'highest' } }).kept).toEqual([trackOfSpot(tracks, 11)]);
    expect(filterTracks(tracks, { rank: { measure: 'frames', n: 2, order: 'highest' } }).kept).toEqual([trackOfSpot(tracks, 1), trackOfSpot(tracks, 11)]);
    expect(filterTracks(tracks, { rank: { measure: 'frames', n: 1, order: 'lowest' } }).kept).toEqual([trackOfSpot(tracks, 21)]);
    // the slowest is one with a speed (a single spot has none)
    expect(filterTracks(tracks, { rank: { measure: 'mean_speed', n: 1, order: 'lowest' } }).kept).toEqual([trackOfSpot(tracks, 1)]);
    // more asked than there are: all that have the measure
    expect(filterTracks(tracks, { rank: { measure: 'mean_speed', n: 10, order: 'highest' } }).kept).toHaveLength(2);
  });

  it('leaves out tracks touching the border, or keeps them alone', async () => {
    const tracks = handTracks();
    // a 50 x 50 frame 2 where label 3 lies on column 0
    const plane = new Uint16Array(50 * 50);
    plane[5 * 50 + 0] = 3;
    plane[20 * 50 + 10] = 1;
    expect([...labelsOnBorder(plane, 50, 50)]).toEqual([3]);
    const touching = await trackIdsTouchingBorder(tracks, async (t) => (t === 2 ? labelsOnBorder(plane, 50, 50) : new Set()));
    expect([...touching]).toEqual([trackOfSpot(tracks, 21)]);
    expect(filterTracks(tracks, { border: 'leftOut', touchingBorder: touching }).kept).toHaveLength(2);
    expect(filterTracks(tracks, { border: 'only', touchingBorder: touching }).kept).toEqual([trackOfSpot(tracks, 21)]);
  });

  it('keeps a whole lineage tree when it passes (a division: mother and daughters)', () => {
    const spots = [
      { id: 1, t: 0, x: 0, y: 0 },
      { id: 2, t: 1, x: 1, y: 0 },
      { id: 3, t: 2, x: 2, y: 2 },
      { id: 4, t: 2, x: 2, y: -2 },
      { id: 5, t: 1, x: 30, y: 30 },
    ];
    const tracks = tracksFromLinks(spots, [{ source: 1, target: 2 }, { source: 2, target: 3 }, { source: 2, target: 4 }], 3);
    const r = filterTracks(tracks, { rules: [{ measure: 'frames', min: 2 }] });
    expect(r.tracks.branches).toHaveLength(3);
    expect(r.tracks.spots.map((s) => s.id).sort()).toEqual([1, 2, 3, 4]);
    expect(tracksSubset(tracks, new Set()).spots).toEqual([]);
  });
});
