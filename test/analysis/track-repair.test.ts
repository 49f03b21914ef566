import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/index.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { trackLabelsWithEvidence } from '../../src/analysis/track.ts';
import { evaluateCtc, sequenceFromMovie, sequenceFromTracks } from '../../src/analysis/metrics.ts';

// A small simulated movie whose true masks are spoilt the way a segmentation spoils them: in the frame after
// each division the two sisters are one object. Tracked as it is, the division is lost (one daughter lasts a
// frame); repaired over time, the merged object is split again, so the division and the tracks come back.
describe('track with the temporal repair', () => {
  it('finds the divisions again where the sisters are one object in the frame after their birth', async () => {
    const sim = simulate({ frames: 24, cells: 8, width: 96, height: 96, seed: 1, divisionRate: 0.06 });
    const births = sim.lineage.filter((r) => r.parent > 0);
    const sisters = new Map<number, number[]>();
    for (const r of births) sisters.set(r.parent, [...(sisters.get(r.parent) ?? []), r.id]);
    const spoilt = movieFromPlanes(sim.labels.shape, 'uint16', (t) => {
      const plane = Uint16Array.from(sim.labels.planes[t] as Uint16Array);
      for (const kids of sisters.values()) {
        const start = births.find((r) => r.id === kids[0])!.start;
        if (kids.length !== 2 || t !== start + 1) continue;
        for (let i = 0; i < plane.length; i++) if (plane[i] === kids[1]) plane[i] = kids[0];
      }
      return plane;
    });
    const merges = [...sisters.values()].filter((k) => k.length === 2 && births.find((r) => r.id === k[0])!.start + 1 < 24).length;
    expect(merges).toBeGreaterThanOrEqual(3);
    const truth = sequenceFromMovie(sim.labels, sim.lineage);
    const score = async (temporalRepair: boolean) => {
      const r = await trackLabelsWithEvidence(spoilt, { intensity: sim.movie, distancesFromMovie: true, temporalRepair });
      const labels = r.repair?.labels ?? spoilt;
      return { r, scores: await evaluateCtc(truth, sequenceFromTracks(r.tracks, labels)) };
    };
    const plain = await score(false);
    const repaired = await score(true);
    const [p, q] = [plain.scores.divisions, repaired.scores.divisions];
    console.log(`sisters merged in ${merges} frames: divisions without repair ${p.tp} of ${p.reference} (${p.fp} false), with ${q.tp} (${q.fp} false), ${repaired.r.repair!.split} split / ${repaired.r.repair!.merged} merged; TRA ${plain.scores.TRA.toFixed(3)} -> ${repaired.scores.TRA.toFixed(3)}`);
    expect(repaired.r.repair!.split).toBeGreaterThanOrEqual(merges);
    expect(q.tp).toBeGreaterThan(p.tp);
    expect(q.fp).toBeLessThanOrEqual(p.fp);
    expect(repaired.scores.TRA).toBeGreaterThan(plain.scores.TRA);
    // the true masks themselves need no repair
    const clean = await trackLabelsWithEvidence(sim.labels, { intensity: sim.movie, distancesFromMovie: true, temporalRepair: true });
    expect(clean.repair!.split + clean.repair!.merged).toBe(0);
  }, 60_000);
});
