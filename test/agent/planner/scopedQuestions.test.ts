// A generator of questions: every quantity the measure tool declares among its results (its
// own words and unit) x every scope people ask at x the unit asked or not x a calibrated movie
// or not. Each question is asked after segment, track and measure have run; it must run
// nothing, and its answer must quote the quantity's unit (calibrated, or px and frames with the
// words "no calibration known") and say the scope asked (the frame, the frames, the track, each
// frame, each track, the extreme's track, a ranking, both frames compared), or say in words
// that the quantity has no value at that scope. The quantities come from the tool, not a list
// here: a new declared result is asked about at every scope without an edit to this file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureObjects } from '../../../src/analysis/features.ts';
import { writeTableCsv, type Table } from '../../../src/analysis/table.ts';
import { linkTable, trackTable } from '../../../src/analysis/trackFeatures.ts';
import { saveTracksJson } from '../../../src/analysis/trackio.ts';
import type { Spot, Tracks } from '../../../src/analysis/tracks.ts';
import { findTool } from '../../../src/agent/allTools.ts';
import { composeAnswer } from '../../../src/agent/planner/answers.ts';
import type { Conversation, KnownArtifact, PastResult } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { MemoryMovie } from '../../../src/image/movie.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

const dir = mkdtempSync(join(tmpdir(), 'scoped-questions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FRAMES = 6;
const SIZE = 64;
const PIXEL_UM = 0.5;
const INTERVAL_S = 60;

// three cells as squares of side 3, 5 and 7 px, cell i moving i px per frame to the right, cell 3 from frame 2 on
function cellsOf(): { spots: Spot[]; branches: Tracks['branches'] } {
  const spots: Spot[] = [];
  const branches = [1, 2, 3].map((i) => {
    const ids: number[] = [];
    for (let t = i === 3 ? 1 : 0; t < FRAMES; t++) {
      spots.push({ id: spots.length + 1, t, x: 6 + 14 * (i - 1) + i * t, y: 10 + 12 * (i - 1), branchId: i, label: i });
      ids.push(spots.length);
    }
    return { id: i, parent: 0, start: i === 3 ? 1 : 0, end: FRAMES - 1, spotIds: ids };
  });
  return { spots, branches };
}

function labelMovie(spots: Spot[], calibrated: boolean): MemoryMovie {
  const planes = Array.from({ length: FRAMES }, () => new Uint16Array(SIZE * SIZE));
  for (const s of spots) {
    const half = (s.label! * 2 + 1 - 1) / 2;
    for (let y = s.y - half; y <= s.y + half; y++) for (let x = s.x - half; x <= s.x + half; x++) planes[s.t][y * SIZE + x] = s.label!;
  }
  return new MemoryMovie({ t: FRAMES, z: 1, c: 1, y: SIZE, x: SIZE }, 'uint16', planes, { channelNames: ['C1'], ...(calibrated ? { pixelSizeUm: PIXEL_UM, frameIntervalS: INTERVAL_S } : {}) });
}

const ran = (tool: string, args: Record<string, unknown>, artifact: KnownArtifact, values: Record<string, unknown> = {}): PastResult => ({ tool, args, ok: true, summary: 'Done.', values, artifacts: [artifact] });

/**
 * The session after "segment, track and measure the objects, the tracks and their steps", as measure
 * reports it; with `stepsOnly`, after measuring the steps between frames alone (measure kind links).
 */
async function afterMeasuring(calibrated: boolean, stepsOnly = false): Promise<(request: string) => Conversation> {
  const { spots, branches } = cellsOf();
  const tracks: Tracks = { frames: FRAMES, spots, branches, ...(calibrated ? { pixelSizeUm: PIXEL_UM, frameIntervalS: INTERVAL_S } : {}) };
  const tag = calibrated ? 'cal' : 'raw';
  const tracksPath = join(dir, `${tag}.tracks.json`);
  saveTracksJson(tracksPath, tracks);
  const timeUnit = calibrated ? 'min' : undefined;
  const objects: Table = await measureObjects(labelMovie(spots, calibrated));
  // the track id of each object, as measure adds it
  for (const row of objects.rows) row.track_id = row.label;
  objects.columns.splice(1, 0, 'track_id');
  const write = (name: string, table: Table) => {
    const path = join(dir, `${tag}-${name}.csv`);
    writeTableCsv(path, table);
    return path;
  };
  const byTrack = trackTable(tracks, { timeUnit });
  const steps = linkTable(tracks, { timeUnit });
  const movie: KnownArtifact = { id: 'movie-1', type: 'movie', frames: FRAMES, ...(calibrated ? { pixelSizeUm: PIXEL_UM, frameIntervalS: INTERVAL_S } : {}) };
  const labels: KnownArtifact = { id: 'labels-1', type: 'labels', producedBy: 'segment' };
  const tracked: KnownArtifact = { id: 'tracks-1', type: 'tracks', producedBy: 'track', path: tracksPath };
  const objectTable: KnownArtifact = { id: 'table-1', type: 'table', producedBy: 'measure', path: write('objects', objects) };
  const trackFeatures: KnownArtifact = { id: 'table-2', type: 'table', producedBy: 'measure', path: write('tracks', byTrack.table) };
  const links: KnownArtifact = { id: 'table-3', type: 'table', producedBy: 'measure', path: write('links', steps.table) };
  const units = { lengthUnit: byTrack.units.length, timeUnit: byTrack.units.time };
  const earlier = [
    ran('segment', { movie: 'movie-1' }, labels, { objects: objects.rows.length }),
    ran('track', { labels: 'labels-1' }, tracked, { tracks: 3 }),
    ran('measure', { kind: 'objects', labels: 'labels-1' }, objectTable, { objects: objects.rows.length, meanAreaPx: 25 }),
    ran('measure', { kind: 'tracks', tracks: 'tracks-1' }, trackFeatures, { tracks: 3, meanSpeed: 2, meanDuration: 4.7, meanDisplacement: 9, meanConfinementRatio: 1, ...units }),
    ran('measure', { kind: 'links', tracks: 'tracks-1' }, links, { links: steps.table.rows.length, meanSpeed: 2, speedUnit: `${units.lengthUnit}/${units.timeUnit}`, lengthUnit: units.lengthUnit }),
  ];
  if (stepsOnly) return (request) => ({ request, artifactsAtStart: [movie, labels, tracked, links], earlier: [earlier[0], earlier[1], earlier[4]], current: [], earlierRequests: [] });
  return (request) => ({ request, artifactsAtStart: [movie, labels, tracked, objectTable, trackFeatures, links], earlier, current: [], earlierRequests: [] });
}

/** A quantity the measure tool declares: its words (its `about` less the statistic) and its unit. */
interface Declared {
  key: string;
  words: string;
  dimension: 'area' | 'length' | 'speed' | 'time' | 'none';
}

const DIMENSION_OF_UNIT: Record<string, Declared['dimension']> = { 'px²': 'area', px: 'length', 'px/frame': 'speed', frames: 'time', '': 'none' };

/** The measure tool's declared means of one measured quantity each, in a 2-D movie (no volumes). */
function declaredQuantities(): Declared[] {
  const results = findTool('measure')?.results ?? {};
  return Object.entries(results)
    .filter(([, r]) => /^mean\s/.test(r.about) && (r.unit ?? '') in DIMENSION_OF_UNIT && !/3-D/.test(r.about))
    .map(([key, r]) => ({ key, words: r.about.replace(/^mean\s+/, ''), dimension: DIMENSION_OF_UNIT[r.unit ?? ''] }));
}

/** The unit an answer quotes for a dimension, calibrated (µm, min) or not (px, frames). */
const UNIT_SAID: Record<Declared['dimension'], [RegExp, RegExp]> = {
  area: [/µm²/, /px²/],
  length: [/\d\s*µm\b|\(µm\b/, /\d\s*px\b|\(px\b/],
  speed: [/µm\/min/, /px\/frame/],
  time: [/\d\s*min\b|\(min\b/, /\d\s*frames?\b|\(frames?\b/],
  none: [/./, /./],
};
/** The unit a person writes after a question of each dimension. */
const UNIT_ASKED: Record<Declared['dimension'], string> = { area: ' in µm²', length: ' in microns', speed: ' in µm/min', time: ' in minutes', none: '' };

/** Scopes people ask at: the question for a quantity's words, and what the answer must say of the scope. */
// (a ranking names two different tracks: rows of one track ranked apart are no ranking of tracks)
const SCOPES: { name: string; ask: (q: string) => string; says: RegExp }[] = [
  { name: 'whole movie', ask: (q) => `what is the mean ${q}?`, says: /\bmean\b/i },
  { name: 'whole movie', ask: (q) => `average ${q}`, says: /\bmean\b/i },
  { name: 'frame N', ask: (q) => `what is the mean ${q} in frame 3?`, says: /\bframe 3\b/ },
  { name: 'frame N', ask: (q) => `whats the average ${q} at time point 3`, says: /\bframe 3\b/ },
  { name: 'frames A-B', ask: (q) => `mean ${q} in frames 2-4?`, says: /\bframes? 2\s*(?:-|–|to)\s*(?:frame\s*)?4\b/ },
  { name: 'frames A-B', ask: (q) => `average ${q} between frames 2 and 4`, says: /\bframes? 2\s*(?:-|–|to|and)\s*(?:frame\s*)?4\b/ },
  { name: 'track N', ask: (q) => `what is the ${q} of track 2?`, says: /\btrack 2\b/ },
  { name: 'track N', ask: (q) => `${q} for cell 2 please`, says: /\btrack 2\b/ },
  { name: 'per frame', ask: (q) => `what is the mean ${q} per frame?`, says: /frame 1\b[^;]*frame 2\b/s },
  { name: 'per frame', ask: (q) => `how does the ${q} change over time?`, says: /frame 1\b[^;]*frame 2\b/s },
  { name: 'per track', ask: (q) => `${q} per track?`, says: /track 1\b[^;]*track 2\b/s },
  { name: 'per track', ask: (q) => `list the ${q} of each track`, says: /track 1\b[^;]*track 2\b/s },
  { name: 'extreme', ask: (q) => `which track has the largest ${q}?`, says: /\btrack \d\b/i },
  { name: 'extreme', ask: (q) => `which cell has the smallest ${q}?`, says: /\btrack \d\b/i },
  { name: 'rank', ask: (q) => `top 2 tracks by ${q}?`, says: /\btrack (\d)\b.*\btrack (?!\1)\d\b/is },
  { name: 'rank', ask: (q) => `rank the tracks by ${q}`, says: /\btrack (\d)\b.*\btrack (?!\1)\d\b/is },
  { name: 'compare two frames', ask: (q) => `compare the mean ${q} in frame 2 and frame 5`, says: /\bframe 2\b.*\bframe 5\b/s },
  { name: 'compare two frames', ask: (q) => `is the ${q} bigger in frame 5 than in frame 2?`, says: /\bframe 2\b.*\bframe 5\b|\bframe 5\b.*\bframe 2\b/s },
];

/** Words that say the quantity has no value at the scope asked (a whole-track quantity in one frame). */
const NOT_AT_SCOPE = /\b(?:is a value of (?:a )?whole tracks?|per track, not per frame|has no value (?:in|per|at) )/i;

interface Failure {
  question: string;
  calibrated: boolean;
  why: string;
  answer: string;
}

let conversations: Record<'cal' | 'raw' | 'calSteps' | 'rawSteps', (request: string) => Conversation>;
beforeAll(async () => {
  await loadAcquisitionWords();
  conversations = { cal: await afterMeasuring(true), raw: await afterMeasuring(false), calSteps: await afterMeasuring(true, true), rawSteps: await afterMeasuring(false, true) };
});

function check(question: string, quantity: Declared, scope: (typeof SCOPES)[number], calibrated: boolean): Failure | undefined {
  const conversation = conversations[calibrated ? 'cal' : 'raw'](question);
  const plan = planRequest(conversation, catalogue);
  if (plan.steps.length) return { question, calibrated, why: `ran ${plan.steps.map((s) => s.tool).join(', ')}`, answer: '' };
  const answer = composeAnswer(plan, conversation);
  if (NOT_AT_SCOPE.test(answer)) return undefined;
  const [withCalibration, without] = UNIT_SAID[quantity.dimension];
  if (!(calibrated ? withCalibration : without).test(answer)) return { question, calibrated, why: 'unit', answer };
  if (!calibrated && quantity.dimension !== 'none' && !/no calibration known|could not be used/.test(answer)) return { question, calibrated, why: 'no calibration not said', answer };
  if (!scope.says.test(answer)) return { question, calibrated, why: `scope ${scope.name}`, answer };
  return undefined;
}

describe('questions from the measure tool\'s own quantities at every scope', () => {
  it('declares the quantities asked (a 2-D movie: no volumes)', () => {
    expect(declaredQuantities().map((q) => q.dimension)).toEqual(expect.arrayContaining(['area', 'speed', 'time', 'length']));
  });

  // (one test per quantity: each a fifth of the questions, well inside the time limit on a loaded machine)
  for (const quantity of declaredQuantities())
    it(`answers the ${quantity.words} at every scope asked, with its unit, running nothing`, () => {
      const failures: Failure[] = [];
      let asked = 0;
      for (const scope of SCOPES)
        for (const unitAsked of [false, true])
          for (const calibrated of [true, false]) {
            // (the unit asked at one wording of each scope: the other wording is asked bare)
            if (unitAsked && SCOPES.findIndex((s) => s.name === scope.name) !== SCOPES.indexOf(scope)) continue;
            const question = scope.ask(quantity.words).replace(/\?$|$/, `${unitAsked ? UNIT_ASKED[quantity.dimension] : ''}?`).replace(/\?\?$/, '?');
            asked++;
            const failure = check(question, quantity, scope, calibrated);
            if (failure) failures.push(failure);
          }
      if (process.env.SCOPED_QUESTIONS_LIST) for (const f of failures) console.log(`${f.calibrated ? 'cal' : 'raw'} | ${f.question} | ${f.why} | ${f.answer.slice(0, 300).replace(/\n/g, ' / ')}`);
      if (process.env.SCOPED_QUESTIONS_LIST) console.log(`scoped questions (${quantity.words}): ${failures.length} of ${asked} failed`);
      expect(failures.length).toBe(0);
    });

  it('answers a speed from the steps between frames alone in their words (steps, never objects), with its unit', () => {
    const speed = declaredQuantities().find((q) => q.dimension === 'speed')!;
    const failures: Failure[] = [];
    for (const scope of SCOPES.filter((s) => !/track/.test(s.name)))
      for (const calibrated of [true, false]) {
        const question = scope.ask(speed.words).replace(/\?$|$/, `${UNIT_ASKED.speed}?`).replace(/\?\?$/, '?');
        const conversation = conversations[calibrated ? 'calSteps' : 'rawSteps'](question);
        const plan = planRequest(conversation, catalogue);
        if (plan.steps.length) continue;
        const answer = composeAnswer(plan, conversation);
        if (!UNIT_SAID.speed[calibrated ? 0 : 1].test(answer)) failures.push({ question, calibrated, why: 'unit', answer });
        else if (/\bobjects?\b/.test(answer)) failures.push({ question, calibrated, why: 'steps called objects', answer });
        else if (scope.name === 'rank' && !scope.says.test(answer)) failures.push({ question, calibrated, why: 'rank', answer });
      }
    if (process.env.SCOPED_QUESTIONS_LIST) for (const f of failures) console.log(`${f.calibrated ? 'cal' : 'raw'} steps | ${f.question} | ${f.why} | ${f.answer.slice(0, 300).replace(/\n/g, ' / ')}`);
    expect(failures).toEqual([]);
  });
});
