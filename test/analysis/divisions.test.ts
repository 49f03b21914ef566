import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { divisionEvidence, divisionTable, requireMoviesOwnBrightening, type DivisionEvidence, type EvidenceSpot } from '../../src/analysis/divisions.ts';
import { confirmDivisions, estimateTrackingScale, trackLabels } from '../../src/analysis/track.ts';
import { LAP_DEFAULTS, type SpotLink } from '../../src/analysis/lap.ts';
import { evaluateCtc, sequenceFromMovie, sequenceFromTracks } from '../../src/analysis/metrics.ts';
import { segmentMovie } from '../../src/analysis/segment.ts';
import { openMovie } from '../../src/image/index.ts';
import { tableToCsv } from '../../src/analysis/table.ts';
import { simulate } from '../../src/sim/index.ts';

/** A mother (t 0..3, area 400, brightening at t 3) and two objects from t 4 to 4 + daughterFrames - 1. */
function split(daughterAreas: [number, number], options: { daughterFrames?: number; apartPxPerFrame?: number; vanished?: boolean } = {}) {
  const frames = options.daughterFrames ?? 5;
  const spots: EvidenceSpot[] = [];
  const links: SpotLink[] = [];
  const add = (t: number, x: number, area: number, intensity: number) => {
    spots.push({ id: spots.length + 1, t, x, y: 50, features: { area_px: area, mean_intensity: intensity } });
    return spots.length;
  };
  let mother = 0;
  for (let t = 0; t < 4; t++) {
    const id = add(t, 50, 400, t === 3 ? 130 : 100);
    if (mother) links.push({ source: mother, target: id, cost: 0, kind: 'link' });
    mother = id;
  }
  let [a, b] = [mother, mother];
  for (let k = 0; k < frames; k++) {
    const gap = 6 + (options.apartPxPerFrame ?? 2) * k;
    const na = add(4 + k, 50 - gap, daughterAreas[0], 100);
    const nb = add(4 + k, 50 + gap, daughterAreas[1], 100);
    links.push({ source: a, target: na, cost: 0, kind: k === 0 ? 'link' : 'link' }, { source: b, target: nb, cost: 0, kind: k === 0 ? 'split' : 'link' });
    [a, b] = [na, nb];
  }
  if (options.vanished) {
    // a neighbour tracked up to t 3 right beside the mother, then gone (hidden in it)
    let prev = 0;
    for (let t = 0; t < 4; t++) {
      const id = add(t, 62, 250, 100);
      if (prev) links.push({ source: prev, target: id, cost: 0, kind: 'link' });
      prev = id;
    }
  }
  return { spots, links };
}

describe('divisionEvidence', () => {
  it('keeps a mitosis: two alike daughters that last, move apart, and a mother that brightened', () => {
    const { spots, links } = split([250, 240]);
    const [e] = divisionEvidence(spots, links, 20);
    expect(e.accepted).toBe(true);
    expect(e.confidence).toBeGreaterThan(0.5);
  });

  it('a split that comes together again (a daughter ends beside its sister, which grows and stays grown) is a piece of one object', () => {
    const remerging = (areasAfter: number[], daughters: [number, number] = [280, 180], options: { apartPxPerFrame?: number; motherBrightened?: boolean } = {}) => {
      const { spots, links } = split(daughters, { apartPxPerFrame: options.apartPxPerFrame ?? 0 });
      if (options.motherBrightened === false) for (const s of spots) s.features!.mean_intensity = 100;
      // the first daughter goes on after the second ends beside it (t 8)
      let last = spots.filter((s) => s.t === 8 && s.x < 50)[0].id;
      areasAfter.forEach((area, k) => {
        spots.push({ id: spots.length + 1, t: 9 + k, x: 47, y: 50, features: { area_px: area, mean_intensity: 100 } });
        links.push({ source: last, target: spots.length, cost: 0, kind: 'link' });
        last = spots.length;
      });
      return divisionEvidence(spots, links, 20)[0];
    };
    const joined = remerging([460, 470, 490]);
    expect(joined.accepted).toBe(false);
    expect(joined.remergedAt).toBe(9);
    expect(joined.reason).toMatch(/came together again at frame 10/);
    // joined for one frame only (a segmentation that merges true sisters for a frame): still a division
    const once = remerging([480, 280, 270]);
    expect(once.remergedAt).toBe(-1);
    expect(once.accepted).toBe(true);
    // sisters alike in size that the segmentation joins later on (pressed together) stay a division
    const alike = remerging([480, 470, 490], [250, 240]);
    expect(alike.remergedAt).toBe(-1);
    expect(alike.accepted).toBe(true);
    // alike halves that never moved apart, with a mother that did not brighten: one large nucleus cut in two for a while
    // (issue 12: 297 + 292 px halves of a 570 px nucleus for three frames)
    const halves = remerging([480, 470, 490], [250, 240], { motherBrightened: false });
    expect(halves.remergedAt).toBe(9);
    expect(halves.accepted).toBe(false);
    expect(halves.piecesOfOneObject).toBe(true);
    // the same halves moving apart (2 px a frame each way) before they are joined: sisters, still a division
    const parting = remerging([480, 470, 490], [250, 240], { motherBrightened: false, apartPxPerFrame: 2 });
    expect(parting.remergedAt).toBe(-1);
    expect(parting.accepted).toBe(true);
    // without brightness measured (no intensities), alike halves that never moved apart are pieces too
    const { spots, links } = split([250, 240], { apartPxPerFrame: 0 });
    for (const sp of spots) delete sp.features!.mean_intensity;
    let last = spots.filter((sp) => sp.t === 8 && sp.x < 50)[0].id;
    for (const [k, area] of [480, 470, 490].entries()) {
      spots.push({ id: spots.length + 1, t: 9 + k, x: 47, y: 50, features: { area_px: area } });
      links.push({ source: last, target: spots.length, cost: 0, kind: 'link' });
      last = spots.length;
    }
    expect(divisionEvidence(spots, links, 20)[0].remergedAt).toBe(9);
  });

  it('rejects a daughter that lasts a frame, a cell that goes on at full size, and a split beside a vanished cell', () => {
    expect(divisionEvidence(...Object.values(split([250, 240], { daughterFrames: 1 })) as [EvidenceSpot[], SpotLink[]], 20)[0].reason).toMatch(/a daughter does not last \(1 frame\)/);
    expect(divisionEvidence(...Object.values(split([400, 200])) as [EvidenceSpot[], SpotLink[]], 20)[0].reason).toMatch(/not of a half mother's size \(1\.00 and 0\.50 of the mother's area\)/);
    expect(divisionEvidence(...Object.values(split([250, 240], { vanished: true })) as [EvidenceSpot[], SpotLink[]], 20)[0].reason).toMatch(/vanished beside the mother/);
  });

  it('without any sign of mitosis (unequal daughters that stay put, no brightening) it is a fragment, not a division', () => {
    const { spots, links } = split([300, 150], { apartPxPerFrame: 0 });
    for (const s of spots) if (s.features) s.features.mean_intensity = 100;
    // the parts never move apart and nothing brightened: pieces of one object (before that rule: too few signs of a mitosis)
    expect(divisionEvidence(spots, links, 20)[0].reason).toMatch(/keep together as one object/);
    // the same parts with the mother brightened 1.1x (a sign, but one only) are still no division
    for (const s of spots) if (s.features && (s.t === 2 || s.t === 3)) s.features.mean_intensity = 110;
    expect(divisionEvidence(spots, links, 20)[0].reason).toMatch(/too few signs of a mitosis/);
  });

  it('rejects sisters of unlike brightness and a mother that is far bigger than a typical object', () => {
    const unlike = split([250, 240]);
    for (const s of unlike.spots) if (s.t >= 4 && s.x > 50) s.features!.mean_intensity = 40;
    expect(divisionEvidence(unlike.spots, unlike.links, 20)[0].reason).toMatch(/differ in brightness/);
    const huge = split([250, 240]);
    // many small objects elsewhere make the typical object 100 px: the 400 px mother is 4 of them
    for (let k = 0; k < 30; k++) huge.spots.push({ id: 1000 + k, t: k % 9, x: 200 + k, y: 200, features: { area_px: 100, mean_intensity: 100 } });
    expect(divisionEvidence(huge.spots, huge.links, 20)[0].reason).toMatch(/several cells seen as one \(4\.0x a typical object\)/);
  });

  it('rejects a "daughter" larger than a newborn cell (two cells seen as one with a piece cut off beside them)', () => {
    const { spots, links } = split([250, 240]);
    expect(divisionEvidence(spots, links, 20)[0].accepted).toBe(true);
    // the same split in a movie whose typical object is 150 px: daughters of 245 px are 1.6x a typical object
    for (let k = 0; k < 20; k++) spots.push({ id: 1000 + k, t: k % 9, x: 200 + 30 * k, y: 200, features: { area_px: 150, mean_intensity: 100 } });
    const e = divisionEvidence(spots, links, 20)[0];
    expect(e.accepted).toBe(false);
    expect(e.reason).toMatch(/larger than a newborn cell \(1\.6\dx a typical object\)/);
    expect(divisionEvidence(spots, links, 20, { maxDaughterAreaOverTypical: 2 })[0].accepted).toBe(true);
  });

  it('weighs brightness above the background, so a movie stored with another offset and range (8 bits) reads the same', () => {
    // the mother brightens from 100 to 130 in its last frame on a background of 90 (its last two frames 115: on the signal
    // alone 25 over 10)
    const { spots, links } = split([250, 240]);
    const raw = divisionEvidence(spots, links, 20)[0];
    const above = divisionEvidence(spots, links, 20, { backgroundIntensity: 90 })[0];
    expect(raw.mitoticBrightening).toBeCloseTo(1.15, 5);
    expect(above.mitoticBrightening).toBeCloseTo(2.5, 5);
    // the same movie quantised to 8 bits over its range (lowest grey 80 -> 0, 2 grey levels a step): evidence unchanged
    const eightBit = (v: number) => Math.round((v - 80) / 2);
    const spots8 = spots.map((s) => ({ ...s, features: { ...s.features, mean_intensity: eightBit(s.features!.mean_intensity!) } }));
    const above8 = divisionEvidence(spots8, links, 20, { backgroundIntensity: eightBit(90) })[0];
    expect(above8.mitoticBrightening).toBeCloseTo(above.mitoticBrightening, 5);
    expect(above8.intensityRatio).toBeCloseTo(above.intensityRatio, 5);
    expect(above8.accepted).toBe(above.accepted);
    // read as they are, the 8-bit intensities make the same mother brighten 1.75x instead of 1.15x
    expect(divisionEvidence(spots8, links, 20)[0].mitoticBrightening).toBeCloseTo(1.75, 5);
    // objects no brighter than the background have no brightness to compare: not measurable, not a sign either way
    expect(divisionEvidence(spots, links, 20, { backgroundIntensity: 200 })[0].mitoticBrightening).toBeNaN();
  });

  it("asks of every division the brightening this movie's clear mitoses show, and nothing of a movie whose mitoses do not brighten", () => {
    const evidence = (brightening: number, areaRatios: [number, number] = [0.5, 0.5]): DivisionEvidence =>
      ({ mother: 1, daughters: [2, 3], daughterFrames: 5, areaRatios, intensityRatio: 1, vanishedNeighbour: false, remergedAt: -1, motherAreaJump: 1, motherAreaJumpT: -1, grewAtOnce: false, motherAreaOverTypical: 1, mitoticBrightening: brightening, separationGrowthPx: 2, largestSeparationPx: 2, accepted: true, reason: '', confidence: 0.9 });
    // six clear mitoses brightening 1.3x; a proposal with unlike daughters and no brightening
    const bright = [...Array.from({ length: 6 }, () => evidence(1.3)), evidence(1.0, [0.7, 0.3]), evidence(1.2, [0.7, 0.3])];
    expect(requireMoviesOwnBrightening(bright)).toMatchObject({ clear: 6, medianBrightening: 1.3 });
    expect(bright.map((e) => e.accepted)).toEqual([true, true, true, true, true, true, false, true]);
    expect(bright[6].reason).toMatch(/did not brighten as this movie's clear mitoses do \(1\.00x; they brighten 1\.30x\)/);
    // mitoses that do not brighten (another group's simulated HL60 nuclei): nothing is asked
    const dull = [...Array.from({ length: 6 }, () => evidence(1.03)), evidence(1.0, [0.7, 0.3])];
    requireMoviesOwnBrightening(dull);
    expect(dull.every((e) => e.accepted)).toBe(true);
    // too few clear mitoses to know the movie: nothing is asked
    const few = [evidence(1.3), evidence(1.3), evidence(1.0)];
    requireMoviesOwnBrightening(few);
    expect(few.every((e) => e.accepted)).toBe(true);
  });

  it('a mother that grew at once (a neighbour went into it) is two cells separating; the neighbour\'s track is joined to the one that comes out', () => {
    const { spots, links } = split([250, 240]);
    for (const s of spots) if (s.t < 2 && s.x === 50) s.features!.area_px = 220;
    // the neighbour: tracked t 0..1 beside the mother, then hidden in it (the mother grows 220 -> 400 at t 2)
    const a = spots.push({ id: spots.length + 1, t: 0, x: 60, y: 50, features: { area_px: 200, mean_intensity: 100 } });
    const b = spots.push({ id: spots.length + 1, t: 1, x: 59, y: 50, features: { area_px: 200, mean_intensity: 100 } });
    links.push({ source: a, target: b, cost: 0, kind: 'link' });
    const [e] = divisionEvidence(spots, links, 20);
    expect(e.reason).toMatch(/grew at once.*1\.8x in one frame at frame 3/);
    expect(e.grewAtOnce).toBe(true);
    const { links: kept } = confirmDivisions(spots.map((s) => ({ ...s, label: s.id })), links, 20, LAP_DEFAULTS);
    const joined = kept.find((l) => l.source === b)!;
    expect(spots.find((s) => s.id === joined.target)).toMatchObject({ t: 4, x: 56 });
    expect(joined.kind).toBe('gap');
  });

  it('a mother that grew with no neighbour gone (a nucleus stretching in anaphase) still divides', () => {
    const { spots, links } = split([250, 240]);
    for (const s of spots) if (s.t < 2 && s.x === 50) s.features!.area_px = 220;
    const [e] = divisionEvidence(spots, links, 20);
    expect(e.motherAreaJump).toBeCloseTo(400 / 220, 5);
    expect(e.grewAtOnce).toBe(false);
    expect(e.accepted).toBe(true);
  });

  it('weighs the daughters against the mother\'s own size where its last frames outline it in part', () => {
    const { spots, links } = split([250, 240]);
    // the mother (400 px at t 0-1) loses a dim side to the threshold in its last two frames
    for (const s of spots) if (s.t >= 2 && s.t <= 3) s.features!.area_px = 150;
    const [e] = divisionEvidence(spots, links, 20);
    expect(e.areaRatios[0]).toBeCloseTo(250 / 400, 5);
    expect(e.accepted).toBe(true);
    // a daughter at full size beside a mother that was that size all along is still no half mother
    const whole = split([400, 240]);
    expect(divisionEvidence(whole.spots, whole.links, 20)[0].accepted).toBe(false);
  });

  it('a neighbour that vanished while the mother kept its size says nothing against the division', () => {
    const { spots, links } = split([250, 240]);
    const a = spots.push({ id: spots.length + 1, t: 0, x: 62, y: 50, features: { area_px: 250, mean_intensity: 100 } });
    const b = spots.push({ id: spots.length + 1, t: 1, x: 62, y: 50, features: { area_px: 250, mean_intensity: 100 } });
    links.push({ source: a, target: b, cost: 0, kind: 'link' });
    const [e] = divisionEvidence(spots, links, 20);
    expect(e.vanishedNeighbour).toBe(false);
    expect(e.accepted).toBe(true);
  });

  it('confirmDivisions drops an unsupported split and joins the new track to the cell that vanished beside the mother', () => {
    const { spots, links } = split([250, 240], { vanished: true });
    const detected = spots.map((s) => ({ ...s, label: s.id }));
    const { links: kept } = confirmDivisions(detected, links, 20, LAP_DEFAULTS);
    expect(kept.some((l) => l.kind === 'split')).toBe(false);
    // the neighbour's last spot (t 3, x 62) now links to the daughter that appeared at x 56
    const neighbourEnd = detected.find((s) => s.t === 3 && s.x === 62)!;
    const joined = kept.find((l) => l.source === neighbourEnd.id)!;
    expect(detected.find((s) => s.id === joined.target)).toMatchObject({ t: 4, x: 56 });
  });
});

describe('estimateTrackingScale', () => {
  it('derives the linking distance from the objects\' size and step', () => {
    // objects of area 314 (diameter 20 px) moving 2 px per frame: 3/4 of the diameter wins
    const spots = [];
    for (let t = 0; t < 5; t++) for (let k = 0; k < 4; k++) spots.push({ t, x: 40 * k + 2 * t, y: 40 * k, features: { area_px: 314 } });
    const scale = estimateTrackingScale(spots)!;
    expect(scale.diameterPx).toBeCloseTo(20, 0);
    expect(scale.linkingMaxDistancePx).toBeCloseTo(15, 0);
    expect(scale.splittingMaxDistancePx).toBeCloseTo(20, 0);
    // fast objects (8 px per frame): twice their step
    const fast = spots.map((s) => ({ ...s, x: 40 * Math.round(s.y / 40) + 8 * s.t }));
    expect(estimateTrackingScale(fast)!.linkingMaxDistancePx).toBeCloseTo(16, 0);
  });
});

describe('divisions on a simulated movie, classical segmentation + LAP', () => {
  // `unchecked: false` skips the tracking without the evidence check where a test reads only the checked scores (the
  // issue 12 figure): the same checked tracks and scores, one 256x256x100 tracking and CTC evaluation fewer
  async function scores(frames: number, cells: number, seed: number, width: number, { unchecked: withUnchecked = true } = {}) {
    const sim = simulate({ frames, cells, seed, width, height: width });
    const path = join(mkdtempSync(join(tmpdir(), 'cellpilot-div-')), 'labels.tif');
    await segmentMovie(sim.movie, { outputPath: path });
    const labels = await openMovie(path);
    const reference = sequenceFromMovie(sim.labels, sim.lineage);
    const checked = await evaluateCtc(reference, sequenceFromTracks(await trackLabels(labels, { intensity: sim.movie }), labels));
    const unchecked = withUnchecked ? await evaluateCtc(reference, sequenceFromTracks(await trackLabels(labels, { intensity: sim.movie, divisionCheck: false }), labels)) : undefined;
    await labels.close();
    return { checked, unchecked: unchecked! };
  }

  it('the evidence check raises division precision without losing recall (small movie)', async () => {
    const { checked, unchecked } = await scores(50, 30, 11, 192);
    const d = checked.divisions;
    console.log(`divisions 192x192x50: precision ${d.precision.toFixed(2)} recall ${d.recall.toFixed(2)} F1 ${d.f1.toFixed(2)} (${d.result} found, ${d.reference} true); without the check F1 ${unchecked.divisions.f1.toFixed(2)} (${unchecked.divisions.result} found)`);
    expect(d.precision).toBeGreaterThan(unchecked.divisions.precision + 0.2);
    expect(d.recall).toBeGreaterThanOrEqual(unchecked.divisions.recall - 0.15);
    expect(checked.TRA).toBeGreaterThanOrEqual(unchecked.TRA - 0.005);
  }, 60_000);

  // Seed 3 is crowded: most true divisions missed there have a daughter merged with a neighbour by the
  // segmentation (no split for the tracker to weigh), so recall is the segmentation's; precision is ours.
  it('50 cells, 100 frames, seed 3 (not tuned on): what is kept is mostly true', async () => {
    const { checked, unchecked } = await scores(100, 50, 3, 256);
    const d = checked.divisions;
    console.log(`divisions 256x256x100 seed 3: precision ${d.precision.toFixed(3)} recall ${d.recall.toFixed(3)} F1 ${d.f1.toFixed(3)} (${d.result} found, ${d.reference} true); without the check F1 ${unchecked.divisions.f1.toFixed(3)}`);
    expect(d.precision).toBeGreaterThanOrEqual(0.8);
    expect(d.f1).toBeGreaterThan(unchecked.divisions.f1);
  }, 120_000);

  it('issue 12 figure: 50 cells, 100 frames, seed 11: division F1 >= 0.8', async () => {
    const { checked } = await scores(100, 50, 11, 256, { unchecked: false });
    const d = checked.divisions;
    console.log(`divisions 256x256x100 seed 11: precision ${d.precision.toFixed(3)} recall ${d.recall.toFixed(3)} F1 ${d.f1.toFixed(3)} (${d.result} found, ${d.reference} true); TRA ${checked.TRA.toFixed(3)}`);
    expect(d.f1).toBeGreaterThanOrEqual(0.8);
  }, 120_000);

  it('issue 12 movie through the tools (segment, then track, with their defaults; CTC export): seed 11 division F1 >= 0.8', async () => {
    const { evaluateSimulatedDivisions } = await import('../../models/training/eval-tracking.ts');
    // its first 60 of 100 frames (CPU 17 -> 10 s; 92 s of wall time once under load): P 1.00 R 0.86 F1 0.92, 132 objects
    // split, 3 December 06:30 UTC; the whole movie is `eval-tracking.ts sim seeds=11` (P 1.00 R 0.90 F1 0.95, TRA 0.988)
    const [r] = await evaluateSimulatedDivisions(11, { frames: 60 });
    const d = r.divisions;
    // measured: P 1.00 R 0.80 F1 0.89, TRA 0.944 with the track tool's repair over time (229 objects split); without it
    // P 1.00 R 0.70 F1 0.82, TRA 0.905 (before the newborn-size and movie-brightening rules: P 0.58 R 0.70 F1 0.64)
    console.log(`tools path, seed 11: divisions P ${d.precision.toFixed(2)} R ${d.recall.toFixed(2)} F1 ${d.f1.toFixed(2)} (${d.tp} of ${d.reference} true found, ${d.result} reported); TRA ${r.TRA.toFixed(3)}; ${r.track.objectsSplit} split, ${r.track.fragmentsMerged} merged`);
    expect(d.f1).toBeGreaterThanOrEqual(0.85);
    expect(d.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.track.objectsSplit).toBeGreaterThan(0);
  }, 300_000);
});

describe('division table', () => {
  it('says the unit of the frame (the index from 0 every table uses) and the position in its header, beside the calibrated columns', () => {
    const table = divisionTable([{ t: 4, x: 10, y: 20, mother: 1, daughters: [2, 3], trackId: 1 }], { pixelSizeUm: 0.5, frameIntervalS: 60 });
    expect(tableToCsv(table).split('\n')[0]).toBe('t (frame index from 0),x (px),y (px),mother,daughter_1,daughter_2,track_id,t_s,x_um,y_um');
  });
});
