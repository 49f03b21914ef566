// A sweep of units (issue 11, class "units"): every quantity the measure tool declares among its results x a
// calibration told with the question (the pixel size, the frame interval, both, none) x the unit asked (the
// calibrated one, the raw one, none) x a movie whose header is calibrated or not x the measurements made before
// the question or for it (after set_calibration ran with the calibration told). The answer quotes the unit asked,
// or says in words why it cannot ("no frame interval known"); with no unit asked, the unit it quotes is the one
// the calibration allows (µm and min when both are known, px and frames with "no calibration known" when none).
// The quantities come from the tool's own declaration: a new declared result is swept without an edit here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTool } from '../../../src/agent/allTools.ts';
import { composeAnswer } from '../../../src/agent/planner/answers.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { afterMeasuring, removeMeasuredSessions } from './measuredSession.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

type Dimension = 'area' | 'length' | 'speed' | 'time';
const DIMENSION_OF_UNIT: Record<string, Dimension> = { 'px²': 'area', px: 'length', 'px/frame': 'speed', frames: 'time' };

/** The measure tool's declared means with a unit, in a 2-D movie (no volumes): their words and dimension. */
function declaredQuantities(): { key: string; words: string; dimension: Dimension }[] {
  return Object.entries(findTool('measure')?.results ?? {})
    .filter(([, r]) => /^mean\s/.test(r.about) && (r.unit ?? '') in DIMENSION_OF_UNIT && !/3-D/.test(r.about))
    .map(([key, r]) => ({ key, words: r.about.replace(/^mean\s+/, ''), dimension: DIMENSION_OF_UNIT[r.unit!] }));
}

// The measured session's own calibration (measuredSession.ts): 0.5 µm per pixel, 1 min per frame; told here in people's words.
const TOLD: Record<'none' | 'pixel' | 'interval' | 'both', string[]> = {
  none: [''],
  pixel: [' the pixels are 0.5 µm', ' (0.5 µm per pixel)', ', pixel size 0.5 microns'],
  interval: [' one frame every minute', ' (1 min per frame)', ', frames are 60 s apart'],
  both: [' 0.5 µm per pixel and 1 min per frame', ' pixel size is 0.5 um, one frame a minute', ' (0.5 µm/px, 60 s between frames)'],
};
type Told = keyof typeof TOLD;

/** The unit people ask a dimension in, calibrated and raw, and what an answer in it quotes. */
const ASKED: Record<Dimension, { cal: [string, RegExp]; raw: [string, RegExp] }> = {
  area: { cal: [' in µm²', /\d\s*µm²/], raw: [' in pixels', /\d\s*px²/] },
  length: { cal: [' in microns', /\d\s*µm\b/], raw: [' in pixels', /\d\s*px\b/] },
  speed: { cal: [' in µm/min', /\d\s*µm\/min\b/], raw: [' in px per frame', /\d\s*px\/frame\b/] },
  time: { cal: [' in minutes', /\d\s*min\b/], raw: [' in frames', /\d\s*frames?\b/] },
};

/** Words that say why the unit asked could not be used. */
const CANNOT = /could not be used|no (?:frame interval|pixel size|calibration) known|is not recorded/i;

/** Which parts of the unit a dimension needs: a length, a time, or both. */
const NEEDS: Record<Dimension, { pixel: boolean; interval: boolean }> = { area: { pixel: true, interval: false }, length: { pixel: true, interval: false }, speed: { pixel: true, interval: true }, time: { pixel: false, interval: true } };

interface Failure {
  question: string;
  where: string;
  why: string;
  answer: string;
}

let sessions: Record<'cal' | 'raw' | 'calNow', (request: string) => Conversation>;
beforeAll(async () => {
  await loadAcquisitionWords();
  sessions = { cal: await afterMeasuring(true), raw: await afterMeasuring(false), calNow: await afterMeasuring(true, false, true) };
});
afterAll(removeMeasuredSessions);

/** The calibration step this turn ran for the calibration told, as set_calibration reports it. */
function calibrationRan(told: Told): PastResult {
  const args = { ...(told === 'pixel' || told === 'both' ? { pixelSizeUm: 0.5 } : {}), ...(told === 'interval' || told === 'both' ? { frameIntervalS: 60, timeUnit: 'min' } : {}) };
  return { tool: 'set_calibration', args, ok: true, summary: 'Calibration set.', values: { pixelSizeUm: args.pixelSizeUm ?? null, frameIntervalS: args.frameIntervalS ?? null }, artifacts: [] };
}

function judge(answer: string, dimension: Dimension, asked: 'cal' | 'raw' | 'none', known: { pixel: boolean; interval: boolean }): string | undefined {
  const needs = NEEDS[dimension];
  const calibratedKnown = (!needs.pixel || known.pixel) && (!needs.interval || known.interval);
  if (asked === 'raw') return ASKED[dimension].raw[1].test(answer) ? undefined : 'raw unit asked, not quoted';
  if (asked === 'cal') return ASKED[dimension].cal[1].test(answer) || (!calibratedKnown && CANNOT.test(answer)) ? undefined : calibratedKnown ? 'calibrated unit asked and known, not quoted' : 'calibrated unit asked, not known, not said why';
  if (calibratedKnown) return ASKED[dimension].cal[1].test(answer) ? undefined : 'calibration known, its unit not quoted';
  return /\d\s*(?:px|µm|frames?|min)\b/.test(answer) && /no (?:calibration|frame interval|pixel size) known/.test(answer) ? undefined : 'no calibration: unit or "no calibration known" missing';
}

describe('a calibration told with a question reaches every table the answer reads', () => {
  for (const quantity of declaredQuantities())
    it(`answers the mean ${quantity.words} in the unit asked, or says why it cannot`, () => {
      const failures: Failure[] = [];
      let asked = 0;
      for (const told of Object.keys(TOLD) as Told[])
        TOLD[told].forEach((tail, i) => {
          for (const unit of ['cal', 'raw', 'none'] as const)
            for (const where of ['raw', 'cal', 'now'] as const) {
              // (the measurements made for the question, after set_calibration with both told: the fixture's tables are calibrated in both)
              if (where === 'now' && told !== 'both') continue;
              const unitWords = unit === 'none' ? '' : ASKED[quantity.dimension][unit][0];
              // (every other one as people type it: no question mark, the calibration after the words, "mean speed in µm/min, 0.5 µm per pixel")
              const marked = told === 'none' || asked % 2 === 0;
              const question = marked ? `${['what is the mean', "what's the average", 'mean'][(i + asked) % 3]} ${quantity.words}${unitWords}?${tail}` : `${['the mean', 'average', 'mean'][(i + asked) % 3]} ${quantity.words}${unitWords}${/^\s\w/.test(tail) ? `,${tail}` : tail}`;
              asked++;
              const conversation = where === 'now'
                ? (() => {
                    const c = sessions.calNow(question);
                    return { ...c, artifactsAtStart: c.artifactsAtStart.map((a) => (a.type === 'movie' ? { id: a.id, type: a.type, frames: a.frames } : a)), current: [calibrationRan(told), ...c.current] };
                  })()
                : sessions[where](question);
              const plan = planRequest(where === 'now' ? { ...conversation, current: [] } : conversation, catalogue);
              const answer = composeAnswer(plan, conversation);
              const known = where === 'cal' ? { pixel: true, interval: true } : { pixel: told === 'pixel' || told === 'both', interval: told === 'interval' || told === 'both' };
              // (measured now: the tables carry the calibration set; measured before on a raw movie: only the question's told values)
              const why = judge(answer, quantity.dimension, unit, known);
              if (why) failures.push({ question, where, why, answer });
            }
        });
      if (process.env.UNITS_SWEEP_LIST) for (const f of failures) console.log(`${f.where} | ${f.question} | ${f.why} | ${f.answer.slice(0, 260).replace(/\n/g, ' / ')}`);
      if (process.env.UNITS_SWEEP_LIST) console.log(`units sweep (${quantity.words}): ${failures.length} of ${asked} failed`);
      expect(failures).toEqual([]);
    });
});
