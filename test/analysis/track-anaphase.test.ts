import { describe, expect, it } from 'vitest';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { trackLabelsWithEvidence } from '../../src/analysis/track.ts';
import { divisionsFromTracks } from '../../src/analysis/divisions.ts';

// Nuclei that stretch and part in anaphase (Fluo-N2DH-SIM+): the segmentation cuts the stretched mother at its waist two
// frames before the daughters come apart, and the ground truth draws it as one object until they do. Eight mothers (disks)
// stretch into ellipses cut in two halves (frames CUT and CUT + 1, a long shared border) and part at PART (two disks moving
// apart). Where the movie's mitoses do not brighten, the halves still joined are taken for the mother: the divisions are
// dated at PART. Halves of one stretched nucleus (no waist between them) that part in the frame after the cut are the
// mother in the cut's frame too. Daughters that only touch at birth (two disks side by side), or a movie whose mitoses
// brighten (they round up: a joined pair is then sisters pressed together), are left as they are.
// With pressedFrames, every other mother is not cut in anaphase: its daughters are one object without a waist (two disks
// end to end, the gap between them filled) for that many frames from PART, then move apart (sisters the segmentation
// keeps as one after their birth).
const [W, FRAMES, CUT, PART] = [256, 16, 5, 7];

function movie(options: { joinedFrames: number; brightening: number; pressedFrames?: number; mothers?: number; disksAtCut?: boolean }) {
  const mothers = options.mothers ?? 8;
  const H = 64 * Math.ceil(mothers / 4);
  const centres = Array.from({ length: mothers }, (_, k) => [32 + 64 * (k % 4), 32 + 64 * Math.floor(k / 4)]);
  const labels: Uint16Array[] = [];
  const image: Float32Array[] = [];
  for (let t = 0; t < FRAMES; t++) {
    const plane = new Uint16Array(W * H);
    const light = new Float32Array(W * H).fill(10);
    centres.forEach(([cx, cy], k) => {
      const paint = (inside: (x: number, y: number) => boolean, label: number, value: number) => {
        for (let y = cy - 24; y <= cy + 24; y++) for (let x = cx - 30; x <= cx + 30; x++) if (inside(x - cx, y - cy)) (plane[y * W + x] = label), (light[y * W + x] = value);
      };
      const pressed = k % 2 === 1 ? (options.pressedFrames ?? 0) : 0;
      if (t < (pressed ? PART : CUT)) paint((x, y) => x * x + y * y <= 81, 3 * k + 1, t >= CUT - 2 ? 100 * options.brightening : 100);
      else if (pressed && t < PART + pressed) paint((x, y) => Math.abs(y) <= 7 && (Math.abs(x) <= 7 || (Math.abs(x) - 7) ** 2 + y * y <= 49), 3 * k + 2, 100);
      else if (pressed) {
        const apart = 9 + 2 * (t - PART - pressed);
        paint((x, y) => (x + apart) ** 2 + y * y <= 49, 3 * k + 2, 100);
        paint((x, y) => (x - apart) ** 2 + y * y <= 49, 3 * k + 3, 100);
      }
      else if (t < CUT + options.joinedFrames && options.disksAtCut) {
        // daughters born apart: two disks side by side, touching at a point
        paint((x, y) => (x + 7) ** 2 + y * y <= 49, 3 * k + 2, 100);
        paint((x, y) => (x - 7) ** 2 + y * y <= 49, 3 * k + 3, 100);
      } else if (t < CUT + options.joinedFrames) {
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

  it('cuts sisters kept as one waistless object after their birth back along their shape, all but the two frames taken for anaphase', async () => {
    // 12 mothers: the 6 cut in anaphase are the movie's clear mitoses (no brightening: they stretch); the other 6 stay
    // round until PART, then their daughters are one object for 4 frames
    const m = movie({ joinedFrames: PART - CUT, brightening: 1, pressedFrames: 4, mothers: 12 });
    const r = await trackLabelsWithEvidence(m.labels, { intensity: m.intensity, distancesFromMovie: true, temporalRepair: true });
    const byMother = divisionsFromTracks(r.tracks).sort((a, b) => a.t - b.t).map((d) => d.t);
    // without the shape rule the pressed sisters divide when they part (PART + 4); cut back along their shape, the join
    // takes their first two frames for a mother in anaphase (as it must where a stretched mother is cut at its waist),
    // and what was cut beyond stays two objects
    expect(byMother).toEqual([...Array(6).fill(PART), ...Array(6).fill(PART + 2)]);
    expect(r.repair!.events.filter((e) => e.evidence === 'pair shape')).toHaveLength(24);
    expect(r.repair!.pairShapeNote).toMatch(/pressed together/);
    expect(r.tracks.branches).toHaveLength(36);
  });

  it('takes halves without a waist that part in the next frame for the mother in the cut\'s frame', async () => {
    const touching = movie({ joinedFrames: 1, brightening: 1 });
    const a = await trackLabelsWithEvidence(touching.labels, { intensity: touching.intensity, distancesFromMovie: true, temporalRepair: true });
    expect(divisionsFromTracks(a.tracks).map((d) => d.t)).toEqual(Array(8).fill(CUT + 1));
    expect(a.repair!.events.filter((e) => e.evidence === 'sisters joined in anaphase')).toHaveLength(8);
  });

  it('leaves daughters that touch only at birth, and a movie whose mitoses brighten, as they are', async () => {
    const apart = movie({ joinedFrames: 1, brightening: 1, disksAtCut: true });
    const a = await trackLabelsWithEvidence(apart.labels, { intensity: apart.intensity, distancesFromMovie: true, temporalRepair: true });
    expect(divisionsFromTracks(a.tracks).map((d) => d.t)).toEqual(Array(8).fill(CUT));
    expect(a.repair?.anaphaseNote).toBeUndefined();
    const bright = movie({ joinedFrames: PART - CUT, brightening: 1.4 });
    const b = await trackLabelsWithEvidence(bright.labels, { intensity: bright.intensity, distancesFromMovie: true, temporalRepair: true });
    expect(divisionsFromTracks(b.tracks).map((d) => d.t)).toEqual(Array(8).fill(CUT));
    expect(b.repair?.anaphaseNote).toBeUndefined();
  });
});
