// A generator of questions: every quantity the measure tool declares among its results (its
// own words and unit) x every scope people ask at x the unit asked or not x a calibrated movie
// or not. Each question is asked after segment, track and measure have run; it must run
// nothing, and its answer must quote the quantity's unit (calibrated, or px and frames with the
// words "no calibration known") and say the scope asked (the frame, the frames, the track, each
// frame, each track, the extreme's track, a ranking, both frames compared), or say in words
// that the quantity has no value at that scope. The quantities come from the tool, not a list
// here: a new declared result is asked about at every scope without an edit to this file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTool } from '../../../src/agent/allTools.ts';
import { composeAnswer } from '../../../src/agent/planner/answers.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { afterMeasuring, removeMeasuredSessions } from './measuredSession.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

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

let conversations: Record<'cal' | 'raw' | 'calSteps' | 'rawSteps' | 'calNow' | 'rawNow', (request: string) => Conversation>;
beforeAll(async () => {
  await loadAcquisitionWords();
  conversations = {
    cal: await afterMeasuring(true),
    raw: await afterMeasuring(false),
    calSteps: await afterMeasuring(true, true),
    rawSteps: await afterMeasuring(false, true),
    calNow: await afterMeasuring(true, false, true),
    rawNow: await afterMeasuring(false, false, true),
  };
});
afterAll(removeMeasuredSessions);

function check(question: string, quantity: Declared, scope: (typeof SCOPES)[number], calibrated: boolean): Failure | undefined {
  const conversation = conversations[calibrated ? 'cal' : 'raw'](question);
  const plan = planRequest(conversation, catalogue);
  if (plan.steps.length) return { question, calibrated, why: `ran ${plan.steps.map((s) => s.tool).join(', ')}`, answer: '' };
  return checkAnswer(question, composeAnswer(plan, conversation), quantity, scope, calibrated);
}

/** What an answer must say of a quantity asked at a scope: its unit (or "no calibration known") and the scope. */
function checkAnswer(question: string, answer: string, quantity: Declared, scope: (typeof SCOPES)[number], calibrated: boolean): Failure | undefined {
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

// The same questions as people type them: no question mark, often behind words that ask ("tell me", "I'd like to
// know", "can you tell me"); asked on their own after the measurements, or in the request that names the steps
// ("segment and track the nuclei, what is the mean speed"): the steps run, then the question is answered from them.
const LEAD_INS = ['', 'tell me ', "I'd like to know ", 'can you tell me ', 'i want to know '];
const STEPS_SAID = ['segment and track the nuclei, ', 'find the cells and track them and ', 'track the nuclei. ', 'segment the nuclei then track them, '];

/** The generated question with its "?" dropped and the lead-in put before a question word ("tell me" + "what is ..."; "list ..." stays as it is). */
const unmarked = (lead: string, question: string) => `${/^(?:what|which|how|is|are)\b/i.test(question) ? lead : ''}${question.replace(/\?\s*$/, '')}`;

describe('the generated questions without a question mark, behind the words people ask with', () => {
  for (const quantity of declaredQuantities())
    it(`answers the ${quantity.words} asked after the measurements, at every scope`, () => {
      const failures: Failure[] = [];
      SCOPES.forEach((scope, i) => {
        for (const calibrated of [true, false]) {
          const question = unmarked(LEAD_INS[(i + (calibrated ? 0 : 1)) % LEAD_INS.length], scope.ask(quantity.words));
          const failure = check(question, quantity, scope, calibrated);
          if (failure) failures.push(failure);
        }
      });
      if (process.env.SCOPED_QUESTIONS_LIST) for (const f of failures) console.log(`${f.calibrated ? 'cal' : 'raw'} unmarked | ${f.question} | ${f.why} | ${f.answer.slice(0, 300).replace(/\n/g, ' / ')}`);
      if (process.env.SCOPED_QUESTIONS_LIST) console.log(`unmarked questions (${quantity.words}): ${failures.length} of ${SCOPES.length * 2} failed`);
      expect(failures).toEqual([]);
    });

  for (const quantity of declaredQuantities())
    it(`plans the steps and then answers the ${quantity.words} asked in the same request`, () => {
      const failures: Failure[] = [];
      SCOPES.forEach((scope, i) => {
        for (const calibrated of [true, false]) {
          const request = STEPS_SAID[i % STEPS_SAID.length] + unmarked(LEAD_INS[(i + (calibrated ? 1 : 2)) % LEAD_INS.length], scope.ask(quantity.words));
          const conversation = conversations[calibrated ? 'calNow' : 'rawNow'](request);
          const plan = planRequest({ ...conversation, current: [] }, catalogue);
          const tools = plan.steps.map((s) => s.tool);
          if (!tools.includes('track') || !tools.includes('measure') || !plan.question) {
            failures.push({ question: request, calibrated, why: `planned ${tools.join(', ') || 'nothing'}${plan.question ? '' : ' and no question'}`, answer: plan.reply ?? '' });
            continue;
          }
          const failure = checkAnswer(request, composeAnswer(plan, conversation), quantity, scope, calibrated);
          if (failure) failures.push(failure);
        }
      });
      if (process.env.SCOPED_QUESTIONS_LIST) for (const f of failures) console.log(`${f.calibrated ? 'cal' : 'raw'} after steps | ${f.question} | ${f.why} | ${f.answer.slice(0, 300).replace(/\n/g, ' / ')}`);
      if (process.env.SCOPED_QUESTIONS_LIST) console.log(`questions after steps (${quantity.words}): ${failures.length} of ${SCOPES.length * 2} failed`);
      expect(failures).toEqual([]);
    });
});
