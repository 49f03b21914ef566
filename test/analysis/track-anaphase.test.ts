import { describe, expect, it } from 'vitest';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { trackLabelsWithEvidence } from '../../src/analysis/track.ts';
import { divisionsFromTracks } from '../../src/analysis/divisions.ts';

// Nuclei that stretch and part in anaphase (Fluo-N2DH-SIM+): the segmentation cuts the stretched mother at its waist two
// frames before the daughters come apart, and the ground truth draws it as one object until they do. Eight mothers (disks)
// stretch into ellipses cut in two halves (frames CUT and CUT + 1, a long shared border) and part at PART (two disks moving
// apart). Where the movie's mitoses do not brighten, the halves still joined are taken for the mother: the divisions are
// dated at PART. Where the halves touch only in the frame of the cut, or the mitoses brighten (they round up: a joined pair
// is then sisters pressed together), nothing is merged.
const [W, H, FRAMES, CUT, PART] = [256, 128, 16, 5, 7];

function movie(options: { joinedFrames: number; brightening: number }) {
  const centres = Array.from({ length: 8 }, (_, k) => [32 + 64 * (k % 4), 32 + 64 * Math.floor(k / 4)]);
  const labels: Uint16Array[] = [];
  const image: Float32Array[] = [];
  for (let t = 0; t < FRAMES; t++) {
    const plane = new Uint16Array(W * H);
    const light = new Float32Array(W * H).fill(10);
    centres.forEach(([cx, cy], k) => {
      const paint = (inside: (x: number, y: number) => boolean, label: number, value: number) => {
        for (let y = cy - 24; y <= cy + 24; y++) for (let x = cx - 30; x <= cx + 30; x++) if (inside(x - cx, y - cy)) (plane[y * W + x] = label), (light[y * W + x] = value);
      };
      if (t < CUT) paint((x, y) => x * x + y * y <= 81, 3 * k + 1, t >= CUT - 2 ? 100 * options.brightening : 100);
      else if (t < CUT + options.joinedFrames) {
        // the stretched mother cut at its waist: two halves of an ellipse sharing a border of its minor axis
        const ellipse = (x: number, y: number) => (x * x) / 196 + (y * y) / 64 <= 1;
        paint((x, y) => ellipse(x, y) && x < 0, 3 * k + 2, 100);
        paint((x, y) => ellipse(x, y) && x >= 0, 3 * k + 3, 100);
      } else {
        const apart = 10 + 2 * (t - CUT - options.joinedFrames);
        paint((x, y) => (x + apart) ** 2 + y * y <= 49, 3 * k + 2, 100);
        paint((x, y) => (x - apart) ** 2 + y * y <= 49, 3 * k + 3, 100);
      }
    });
    labels.push(plane);
    image.push(light);
  }
  const shape = { t: FRAMES, z: 1, c: 1, y: H, x: W };
  return { labels: movieFromPlanes(shape, 'uint16', (t) => labels[t]), intensity: movieFromPlanes(shape, 'float32', (t) => image[t]) };
}

describe('sisters still joined in anaphase', () => {
  it('dates the divisions when the daughters part, where the movie\'s mitoses do not brighten', async () => {
    const m = movie({ joinedFrames: PART - CUT, brightening: 1 });
    const joined = await trackLabelsWithEvidence(m.labels, { intensity: m.intensity, distancesFromMovie: true, temporalRepair: true });
    const cut = await trackLabelsWithEvidence(m.labels, { intensity: m.intensity, distancesFromMovie: true, temporalRepair: { joinSistersInAnaphase: false } });
    const [at, before] = [divisionsFromTracks(joined.tracks), divisionsFromTracks(cut.tracks)];
    expect(before.map((d) => d.t)).toEqual(Array(8).fill(CUT));
    expect(at.map((d) => d.t)).toEqual(Array(8).fill(PART));
    expect(joined.repair!.events.filter((e) => e.evidence === 'sisters joined in anaphase')).toHaveLength(16);
    expect(joined.repair!.anaphaseNote).toMatch(/16 pair/);
    // one object per mother in the joined frames, so each track is one mother and two daughters
    expect(joined.tracks.branches).toHaveLength(24);
  });

  it('leaves daughters that touch only in the frame of the cut, and a movie whose mitoses brighten, as they are', async () => {
    const touching = movie({ joinedFrames: 1, brightening: 1 });
    const a = await trackLabelsWithEvidence(touching.labels, { intensity: touching.intensity, distancesFromMovie: true, temporalRepair: true });
    expect(divisionsFromTracks(a.tracks).map((d) => d.t)).toEqual(Array(8).fill(CUT));
    const bright = movie({ joinedFrames: PART - CUT, brightening: 1.4 });
    const b = await trackLabelsWithEvidence(bright.labels, { intensity: bright.intensity, distancesFromMovie: true, temporalRepair: true });
    expect(divisionsFromTracks(b.tracks).map((d) => d.t)).toEqual(Array(8).fill(CUT));
    expect(b.repair?.anaphaseNote).toBeUndefined();
  });
});
