// Extremes and comparisons asked in plain words ("which one moved the most", "the biggest cell", "is the first half
// faster than the second half"), each with and without a question mark, asked after the measurements or in the same
// request as the steps that make them. Three cells of known sizes and speeds (measuredSession.ts: cell i is a square of
// side 2i+1 px moving i px per frame, cell 3 from frame 2 on): the answer names the right one, or both parts compared,
// and quotes the unit, or px with "no calibration known".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeAnswer } from '../../../src/agent/planner/answers.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { afterMeasuring, removeMeasuredSessions } from './measuredSession.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

type Dimension = 'length' | 'speed' | 'area';
/** The unit an answer quotes, calibrated (0.5 µm per px, 1 min per frame) and not. */
const UNIT: Record<Dimension, [RegExp, RegExp]> = {
  length: [/\d\s*µm\b/, /\d\s*px\b/],
  speed: [/µm\/min/, /px\/frame/],
  area: [/µm²/, /px²/],
};

/** A plain-word question, what kind of value it asks and what the answer must say besides its unit. */
const ASKED: { words: string; dimension: Dimension; says: RegExp }[] = [
  { words: 'which one moved the most', dimension: 'length', says: /\btrack 3\b/i },
  { words: 'which cell moved the least', dimension: 'length', says: /\btrack 1\b/i },
  { words: 'which one travelled furthest', dimension: 'length', says: /\btrack 3\b/i },
  { words: 'which cell is the fastest', dimension: 'speed', says: /\btrack 3\b/i },
  { words: 'the slowest one', dimension: 'speed', says: /\btrack 1\b/i },
  { words: 'which nucleus is the biggest', dimension: 'area', says: /\btrack 3\b/i },
  { words: 'the smallest cell', dimension: 'area', says: /\btrack 1\b/i },
  { words: 'is the first half faster than the second half', dimension: 'speed', says: /\bframes 1-3\b.*\bframes 4-6\b/ },
  { words: 'are the cells bigger at the end than at the start', dimension: 'area', says: /\bframe 1\b.*\bframe 6\b/ },
  { words: 'is track 3 faster than track 1', dimension: 'speed', says: /^Yes\b.*\btrack 1\b.*\btrack 3\b/ },
  { words: 'is cell 1 bigger than cell 2', dimension: 'area', says: /^No\b.*\btrack 1\b.*\btrack 2\b/ },
];

const STEPS_SAID = ['segment and track the nuclei, ', 'track the cells and tell me ', 'find the nuclei and follow them. '];

let after: Record<'cal' | 'raw', (request: string) => Conversation>;
let now: Record<'cal' | 'raw', (request: string) => Conversation>;
beforeAll(async () => {
  await loadAcquisitionWords();
  after = { cal: await afterMeasuring(true), raw: await afterMeasuring(false) };
  now = { cal: await afterMeasuring(true, false, true), raw: await afterMeasuring(false, false, true) };
});
afterAll(removeMeasuredSessions);

/** Why the answer misses (its unit, "no calibration known", what it must say), or undefined. */
function miss(answer: string, asked: (typeof ASKED)[number], calibrated: boolean): string | undefined {
  if (!UNIT[asked.dimension][calibrated ? 0 : 1].test(answer)) return 'unit';
  if (!calibrated && !/no calibration known/.test(answer)) return 'no calibration not said';
  if (!asked.says.test(answer)) return 'what it must say';
  if (/Not applied/.test(answer)) return 'a word of the question named as not applied';
  return undefined;
}

describe('extremes and comparisons in plain words', () => {
  it('are answered from the measurements, with and without a question mark, running nothing', () => {
    const failures: string[] = [];
    for (const asked of ASKED)
      for (const mark of ['?', ''])
        for (const calibrated of [true, false]) {
          const conversation = after[calibrated ? 'cal' : 'raw'](asked.words + mark);
          const plan = planRequest(conversation, catalogue);
          const why = plan.steps.length ? `ran ${plan.steps.map((s) => s.tool).join(', ')}` : miss(composeAnswer(plan, conversation), asked, calibrated);
          if (why) failures.push(`${calibrated ? 'cal' : 'raw'} | ${asked.words}${mark} | ${why}`);
        }
    expect(failures).toEqual([]);
  });

  it('are answered after the steps asked for in the same request, with and without a question mark', () => {
    const failures: string[] = [];
    ASKED.forEach((asked, i) => {
      for (const mark of ['?', ''])
        for (const calibrated of [true, false]) {
          const request = STEPS_SAID[i % STEPS_SAID.length] + asked.words + mark;
          const conversation = now[calibrated ? 'cal' : 'raw'](request);
          const plan = planRequest({ ...conversation, current: [] }, catalogue);
          const tools = plan.steps.map((s) => s.tool);
          const why = !tools.includes('track') || !tools.includes('measure') || !plan.question ? `planned ${tools.join(', ')}${plan.question ? '' : ', no question'}` : miss(composeAnswer(plan, conversation), asked, calibrated);
          if (why) failures.push(`${calibrated ? 'cal' : 'raw'} | ${request} | ${why}`);
        }
    });
    expect(failures).toEqual([]);
  });
});
