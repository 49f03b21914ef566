// The checks of drift.ts's steps (checkSteps) on hand-made registrations and objects: where image registration is
// noise (large, textured nuclei: a weak correlation peak anywhere in the frame) and the objects pair only loosely,
// no wild step may reach the table.
import { describe, expect, it } from 'vitest';
import { checkSteps, hasCommonMotion, objectStepVariance, type Position, type StepSource } from '../../src/analysis/drift.ts';
import type { Link } from '../../src/analysis/drift-kernel.ts';
import type { FrameObjects, ObjectShift } from '../../src/analysis/driftObjects.ts';
import { mulberry32 } from '../../src/random.ts';

const FRAMES = 13;
/** The stage's step per frame, px. */
const STEP = { dx: 1, dy: 0.5 };

/** Six large nuclei (radius 30 px) that follow the stage and move on their own by ownPx (SD per axis) per frame; frames in `sparse` keep only two of them. */
function nuclei(ownPx: number, sparse: number[]): FrameObjects[] {
  const random = mulberry32(11);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const own = Array.from({ length: 6 }, (_, k) => [100 + 150 * (k % 3), 120 + 200 * Math.floor(k / 3)]);
  return Array.from({ length: FRAMES }, (_, t) => {
    if (t > 0) for (const p of own) (p[0] += ownPx * gauss()), (p[1] += ownPx * gauss());
    const kept = sparse.includes(t) ? own.slice(0, 2) : own;
    const area = Math.PI * 30 ** 2;
    return {
      centroids: Float32Array.from(kept.flatMap(([x, y]) => [x + STEP.dx * t, y + STEP.dy * t])),
      areasPx: Float32Array.from(kept.map(() => area)),
      masses: Float32Array.from(kept.map(() => area * 100)),
    };
  });
}

/** Registered positions whose steps are the given ones, with weak correlation peaks (10 SD: not clear of noise on a large frame). */
function registration(steps: { dx: number; dy: number }[]): { positions: Position[]; links: Link[] } {
  const positions: Position[] = [{ dxPx: 0, dyPx: 0, dzPx: 0 }];
  for (let t = 1; t < FRAMES; t++) positions.push({ dxPx: positions[t - 1].dxPx + steps[t].dx, dyPx: positions[t - 1].dyPx + steps[t].dy, dzPx: 0 });
  const links = positions.slice(1).map((p, k) => ({ index: k + 1, key: k, dxPx: steps[k + 1].dx, dyPx: steps[k + 1].dy, peakSd: 10, resembles: true }));
  return { positions, links };
}

const largestStep = (positions: Position[]) => Math.max(...positions.slice(1).map((p, k) => Math.hypot(p.dxPx - positions[k].dxPx, p.dyPx - positions[k].dyPx)));

describe('checkSteps where image registration is noise', () => {
  // hundreds of px this way and that, as phase correlation gives on noise
  const random = mulberry32(5);
  const wild = Array.from({ length: FRAMES }, (_, t) => (t === 0 ? { dx: 0, dy: 0 } : { dx: (random() - 0.5) * 800, dy: (random() - 0.5) * 800 }));
  const sparse = [4, 5, 9];

  it('applies no wild step, says the table was guessed at most steps, and uses the objects\' typical step where nothing checked the image', () => {
    const { positions, links } = registration(wild);
    const checked = checkSteps(positions, links, nuclei(3, sparse));
    expect(largestStep(checked.positions)).toBeLessThan(10);
    expect(checked.common.tooUnsure).toBe(true);
    expect(checked.common.applied).toBe(false);
    // steps 4-5 and 9-10 had fewer than 3 objects on one side: image registration alone, which was wrong wherever checked
    for (const t of [4, 5, 9, 10]) {
      expect(checked.sources[t]).toBe('interpolated');
      expect(checked.reasons[t]).toMatch(/disagreed with the objects at \d+ of the \d+ steps they could check/);
    }
  });

  it('still follows image registration where the objects confirm it, and an unchecked step of it then', () => {
    const steps = Array.from({ length: FRAMES }, (_, t) => (t === 0 ? { dx: 0, dy: 0 } : STEP));
    const { positions, links } = registration(steps);
    const checked = checkSteps(positions, links, nuclei(0.3, sparse));
    expect(checked.common.tooUnsure).toBe(false);
    expect(checked.common.applied).toBe(true);
    const last = checked.positions[FRAMES - 1];
    expect(Math.hypot(last.dxPx - STEP.dx * (FRAMES - 1), last.dyPx - STEP.dy * (FRAMES - 1))).toBeLessThan(0.5);
    expect(checked.sources[4]).toBe('image');
  });
});

describe('checkSteps where neither estimate is sure of most steps', () => {
  // Large nuclei sampled coarsely under uneven light: image registration is pulled one way at every step (the
  // nuclei's own motion and the shading, not the stage), the objects pin a step down only loosely, and at a third
  // of the steps too few of them pair up to check anything. Fewer than half the steps are guessed outright.
  const pulled = Array.from({ length: FRAMES }, (_, t) => (t === 0 ? { dx: 0, dy: 0 } : { dx: -3, dy: -2.5 }));
  const sparse = [2, 6, 10];

  it('writes no table from steps that are guessed or loosely pinned down on the whole, and says how sure they were', () => {
    const { positions, links } = registration(pulled);
    const checked = checkSteps(positions, links, nuclei(0.8, sparse));
    const steps = checked.confidence.slice(1);
    // not guessed at most steps: the older rule alone applied this table
    expect(checked.common.unsureSteps).toBeLessThanOrEqual(steps.length / 2);
    expect(checked.common.meanStepConfidence).toBeLessThan(0.5);
    expect(checked.common.tooUnsure).toBe(true);
    expect(checked.common.applied).toBe(false);
    expect(checked.positions.every((p) => p.dxPx === 0 && p.dyPx === 0)).toBe(true);
  });
});

describe('objectStepVariance: how sure the objects\' steps are', () => {
  const random = mulberry32(7);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const shift = (dx: number, dy: number): ObjectShift => ({ dxPx: dx, dyPx: dy, medianDxPx: dx, medianDyPx: dy, matched: 20, spreadPx: 0.2, standardErrorPx: 0.05, pairedShare: 1 });
  /** Object steps that are the stage's plus noiseSd, image steps the stage's plus imageSd; index 0 is no step. */
  function steps(stage: { dx: number; dy: number }[], noiseSd: number, imageSd: number) {
    const chosen = stage.map((s, i) => (i === 0 ? s : { dx: s.dx + noiseSd * gauss(), dy: s.dy + noiseSd * gauss() }));
    const image = stage.map((s, i) => (i === 0 ? s : { dx: s.dx + imageSd * gauss(), dy: s.dy + imageSd * gauss() }));
    const sources: StepSource[] = stage.map((_, i) => (i === 0 ? 'image' : 'objects'));
    return { chosen, image, sources, byObjects: chosen.map((c, i) => (i === 0 ? undefined : shift(c.dx, c.dy))) };
  }

  it('a stage that wanders at random (independent steps of 2 px SD) leaves the objects as sure as their gap to image registration says, and its motion is found', () => {
    const stage = Array.from({ length: 24 }, (_, i) => (i === 0 ? { dx: 0, dy: 0 } : { dx: 2 * gauss(), dy: 2 * gauss() }));
    const { chosen, image, sources, byObjects } = steps(stage, 0.15, 0.05);
    const variance = objectStepVariance(image, chosen, sources, byObjects);
    // the successive differences alone would give about 2² = 4 px² (the drift's own change)
    expect(variance).toBeLessThan(0.1);
    expect(variance).toBeGreaterThan(0.005);
    expect(hasCommonMotion(chosen, chosen.map((_, i) => (i === 0 ? 0 : variance)))).toBe(true);
  });

  it('a steady drift with image registration pulled 1.5 px off by the cells keeps the smaller bound: the scatter from step to step', () => {
    const stage = Array.from({ length: 24 }, (_, i) => (i === 0 ? { dx: 0, dy: 0 } : { dx: 0.8, dy: -0.4 }));
    const { chosen, image, sources, byObjects } = steps(stage, 0.15, 1.5);
    const variance = objectStepVariance(image, chosen, sources, byObjects);
    expect(variance).toBeLessThan(0.1);
    expect(variance).toBeGreaterThan(0.005);
  });

  it('cells that move on their own (and pull image registration further) with no stage drift make up common motion in few of 20 movies', () => {
    const stage = Array.from({ length: 24 }, () => ({ dx: 0, dy: 0 }));
    let found = 0;
    for (let movie = 0; movie < 20; movie++) {
      const { chosen, image, sources, byObjects } = steps(stage, 0.4, 1);
      const variance = objectStepVariance(image, chosen, sources, byObjects);
      if (hasCommonMotion(chosen, chosen.map((_, i) => (i === 0 ? 0 : variance)))) found++;
    }
    // the test for common motion is set so that noise of known variance passes none in 20; this variance is estimated
    expect(found).toBeLessThanOrEqual(2);
  });

  it('is 0 (no bound) with fewer than 3 object steps', () => {
    const stage = Array.from({ length: 3 }, (_, i) => (i === 0 ? { dx: 0, dy: 0 } : { dx: 5, dy: 5 }));
    const { chosen, image, sources, byObjects } = steps(stage, 0.5, 0.5);
    expect(objectStepVariance(image, chosen, sources, byObjects)).toBe(0);
  });
});

describe('checkSteps on a few large cells found as many pieces, each cell moving its own way (issue 12)', () => {
  // five lobed cells of six pieces each (80 px² each, strewn over 120 px), each cell moving 30-60 px a step in a
  // direction of its own; image registration follows one of them (a fifth of the objects' area), with a clear correlation peak
  const random = mulberry32(12);
  const cells = Array.from({ length: 5 }, (_, k) => [300 + 500 * (k % 3), 300 + 500 * Math.floor(k / 3)]);
  const lobes = cells.map(() => Array.from({ length: 6 }, () => [120 * (random() - 0.5), 120 * (random() - 0.5)]));
  const moves: number[][][] = [];
  const frames: FrameObjects[] = [];
  for (let t = 0; t < FRAMES; t++) {
    if (t > 0) {
      moves.push(cells.map(() => { const [a, r] = [2 * Math.PI * random(), 30 + 30 * random()]; return [r * Math.cos(a), r * Math.sin(a)]; }));
      cells.forEach((c, k) => ((c[0] += moves[t - 1][k][0]), (c[1] += moves[t - 1][k][1])));
    }
    const pieces = cells.flatMap(([x, y], k) => lobes[k].map(([ox, oy]) => [x + ox, y + oy, 80]));
    frames.push({ centroids: Float32Array.from(pieces.flatMap(([x, y]) => [x, y])), areasPx: Float32Array.from(pieces.map((p) => p[2])), masses: Float32Array.from(pieces.map((p) => p[2] * 100)) });
  }
  const followed = [{ dx: 0, dy: 0 }, ...moves.map((m) => ({ dx: m[0][0], dy: m[0][1] }))];

  it('applies nothing: the pieces of the cell image registration followed are no independent cells confirming it', () => {
    const positions: Position[] = [{ dxPx: 0, dyPx: 0, dzPx: 0 }];
    for (let t = 1; t < FRAMES; t++) positions.push({ dxPx: positions[t - 1].dxPx + followed[t].dx, dyPx: positions[t - 1].dyPx + followed[t].dy, dzPx: 0 });
    const links = positions.slice(1).map((p, k) => ({ index: k + 1, key: k, dxPx: followed[k + 1].dx, dyPx: followed[k + 1].dy, peakSd: 40, resembles: true }));
    const checked = checkSteps(positions, links, frames);
    // before: the 6 pieces of the followed cell paired (±0 px) and confirmed its steps, and its path was applied
    expect(checked.common.applied).toBe(false);
    expect(checked.positions.every((p) => p.dxPx === 0 && p.dyPx === 0)).toBe(true);
    expect(checked.reasons.filter((r) => /moves only \d+% of the objects. area/.test(r)).length).toBeGreaterThan(FRAMES / 2);
  });
});
