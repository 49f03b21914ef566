import { describe, expect, it } from 'vitest';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { lateDaughterSplits } from '../../src/analysis/lateDaughters.ts';
import { trackLabelsWithEvidence } from '../../src/analysis/track.ts';
import { divisionsFromTracks } from '../../src/analysis/divisions.ts';
import type { TrackerSpot } from '../../src/analysis/lap.ts';

// A mother parts at frame PART; one daughter (A) touches a neighbour (N) at its birth and is segmented as part of it for
// HIDDEN frames, then comes out of it. The tracker goes on from the mother into the other daughter (B) and starts A as a
// track of its own with no mother.
const [W, FRAMES, PART, HIDDEN] = [64, 14, 6, 2];

function spots(): { spots: TrackerSpot[]; links: { source: number; target: number; kind: 'link' }[] } {
  const out: TrackerSpot[] = [];
  const links: { source: number; target: number; kind: 'link' }[] = [];
  const chain = (at: (t: number) => { x: number; y: number; area: number } | undefined) => {
    let previous: TrackerSpot | undefined;
    for (let t = 0; t < FRAMES; t++) {
      const p = at(t);
      if (!p) continue;
      const spot = { id: out.length + 1, t, x: p.x, y: p.y, features: { area_px: p.area } };
      out.push(spot);
      if (previous) links.push({ source: previous.id, target: spot.id, kind: 'link' });
      previous = spot;
    }
  };
  chain((t) => ({ x: 20 - (t >= PART ? 2 + 2 * (t - PART) : 0), y: 30, area: t < PART ? 250 : 150 })); // mother, then B
  // N; with A inside it, bigger and its centroid drawn towards A
  chain((t) => (t >= PART && t < PART + HIDDEN ? { x: 36, y: 30, area: 400 } : { x: 44 + (t >= PART ? t - PART : 0), y: 30, area: 250 }));
  chain((t) => (t >= PART + HIDDEN ? { x: 22 + 2 * (t - PART), y: 30, area: 150 } : undefined)); // A, seen late
  chain((t) => (t >= 4 ? { x: 40, y: 56, area: 200 } : undefined)); // a cell coming into view: nothing shrank beside it
  return { spots: out, links };
}

describe('daughters seen late (hidden in a neighbour at birth)', () => {
  it('offers the late daughter as a split of the mother, from the mother\'s last spot before its area fell', () => {
    const { spots: s, links } = spots();
    const splits = lateDaughterSplits(s, links, { splittingMaxDistancePx: 18, maxFrameGap: 2 });
    expect(splits).toHaveLength(1);
    const [mother, daughter] = [s.find((p) => p.id === splits[0].source)!, s.find((p) => p.id === splits[0].target)!];
    expect(mother).toMatchObject({ t: PART - 1, features: { area_px: 250 } });
    expect(daughter).toMatchObject({ t: PART + HIDDEN, x: 22 + 2 * HIDDEN });
  });

  it('offers nothing where no object shrank as the track began, or the mother is beyond the splitting distance', () => {
    const { spots: s, links } = spots();
    expect(lateDaughterSplits(s, links, { splittingMaxDistancePx: 6, maxFrameGap: 2 })).toHaveLength(0);
    // hidden longer than the tracker bridges
    expect(lateDaughterSplits(s, links, { splittingMaxDistancePx: 18, maxFrameGap: 1 })).toHaveLength(0);
  });

  it('the tracker keeps such divisions with evidence, dated when the mother parted (none without the late daughters)', async () => {
    // four scenes like the spots above, drawn as disks: mother r 9 brightening before it parts, daughters r 7, N r 9
    const H = 4 * 40;
    const labels: Uint16Array[] = [];
    const image: Float32Array[] = [];
    for (let t = 0; t < FRAMES; t++) {
      const plane = new Uint16Array(W * H);
      const light = new Float32Array(W * H).fill(10);
      for (let k = 0; k < 4; k++) {
        const cy = 20 + 40 * k;
        const disk = (cx: number, r: number, label: number, value: number) => {
          for (let y = cy - r; y <= cy + r; y++) for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(W - 1, cx + r); x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) (plane[y * W + x] = label), (light[y * W + x] = value);
        };
        const apart = 2 * (t - PART);
        if (t < PART) disk(20, 9, 4 * k + 1, t >= PART - 2 ? 140 : 100);
        else disk(18 - apart, 7, 4 * k + 1, 100);
        disk(46 + Math.max(0, t - PART), 9, 4 * k + 2, 100);
        // A: the neighbour's label while hidden in it
        if (t >= PART) disk(24 + apart, 7, t < PART + HIDDEN ? 4 * k + 2 : 4 * k + 3, 100);
      }
      labels.push(plane);
      image.push(light);
    }
    const shape = { t: FRAMES, z: 1, c: 1, y: H, x: W };
    const movie = { labels: movieFromPlanes(shape, 'uint16', (t) => labels[t]), intensity: movieFromPlanes(shape, 'float32', (t) => image[t]) };
    const options = { intensity: movie.intensity, distancesFromMovie: true };
    const withLate = divisionsFromTracks((await trackLabelsWithEvidence(movie.labels, options)).tracks);
    const without = divisionsFromTracks((await trackLabelsWithEvidence(movie.labels, { ...options, lateDaughters: false })).tracks);
    expect(without).toHaveLength(0);
    expect(withLate.map((d) => d.t)).toEqual(Array(4).fill(PART));
  });
});
