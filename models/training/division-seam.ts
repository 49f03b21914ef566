// The seam of each kept division's mother: the mean intensity of its pixels within 2 px of the line through its centroid
// square to the daughters' axis (their first centroids), over the object's mean, in the mother's last 4 frames:
//   node bin/run-ts.js models/training/division-seam.ts SET SEGMENTATION_FILE
// (tracks the kept segmentation as the track tool does). Under 1: a darker band where the daughters will part.
import { openMovie } from '../../src/image/index.ts';
import { trackLabelsWithEvidence } from '../../src/analysis/track.ts';
import { ctcDataset, type DatasetName } from './real-data.ts';
const [set, seg] = process.argv.slice(2);
const labels = await openMovie(seg);
const movie = await openMovie(ctcDataset(set as DatasetName).images);
const r = await trackLabelsWithEvidence(labels, { intensity: movie, distancesFromMovie: true, temporalRepair: true, lap: { allowSplitting: true } });
const src = r.repair?.labels ?? labels;
const W = src.shape.x;
const spots = new Map(r.tracks.spots.map((s) => [s.id, s]));
const prev = new Map<number, number>();
for (const b of r.tracks.branches) for (let k = 1; k < b.spotIds.length; k++) prev.set(b.spotIds[k], b.spotIds[k - 1]);
for (const e of r.divisionEvidence.filter((e) => e.accepted)) {
  const [a, b] = e.daughters.map((d) => spots.get(d)!);
  const out: string[] = [];
  for (let id: number | undefined = e.mother, k = 0; id !== undefined && k < 4; id = prev.get(id), k++) {
    const m = spots.get(id)!;
    const plane = await src.plane(m.t, 0, 0);
    const img = await movie.plane(m.t, 0, 0);
    let [ns, ss, na, sa] = [0, 0, 0, 0];
    const [dx, dy] = [b.x - a.x, b.y - a.y];
    const L = Math.hypot(dx, dy);
    // project onto the axis between the daughters, measured relative to the mother's centroid
    for (let i = 0; i < plane.length; i++) {
      if (plane[i] !== m.label) continue;
      const [x, y] = [i % W, Math.floor(i / W)];
      const u = ((x - m.x) * dx + (y - m.y) * dy) / L;
      na++, (sa += img[i]);
      if (Math.abs(u) < 2) ns++, (ss += img[i]);
    }
    out.push(`t${m.t}:${(ss / ns / (sa / na)).toFixed(3)}`);
  }
  console.log(`div t${a.t} (${Math.round(spots.get(e.mother)!.x)},${Math.round(spots.get(e.mother)!.y)}) ${out.join(' ')}`);
}
process.exit(0);
