// A question asked after steps that correct the movie first (drift, noise, bleaching): the correction's own table
// (the drift per frame) holds no quantity of the objects, so the objects or tracks are measured for the question, and
// the correction asked for in words of its own runs too; never a plan that ends on the tracking with the question unanswered.
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, loadAcquisitionWords, plan } from './planOffline.ts';
import { makesATableFirst } from '../../../src/agent/planner/tableAnswers.ts';

beforeAll(loadAcquisitionWords);

// prior steps as said, and the tools they name
const PRIORS: [string, string[]][] = [
  ['', []],
  ['correct the drift, then ', ['correct_drift']],
  ['first remove the noise, then ', ['denoise']],
  ['fix the photobleaching, then ', ['correct_bleach']],
  ['register the frames and denoise, then ', ['correct_drift', 'denoise']],
];
const STEPS = ['find the cells and follow them', 'segment and track the nuclei', 'detect and link the nuclei over time'];
// questions over tracks and over objects: extremes and means (each measured after the steps)
const QUESTIONS = [
  'which one covered the most ground?',
  'which cell went the farthest?',
  'which track is the slowest?',
  'what is their average speed?',
  'which nucleus is the smallest?',
  'what is the median nucleus area?',
  'which cell moved the least?',
];

describe('a question after correcting steps', () => {
  it('is measured from the objects or tracks, and every correction asked runs', () => {
    const wrong: string[] = [];
    for (const [prior, corrections] of PRIORS) for (const steps of STEPS) for (const question of QUESTIONS) {
      const request = `${prior}${steps}; ${question}`;
      const p = plan(request);
      const tools = p.steps.map((s) => s.tool);
      const notes = (p.notes ?? []).join(' ');
      if (!p.question || !tools.includes('measure') || !corrections.every((t) => tools.includes(t)) || /Not applied/.test(notes)) wrong.push(`${request} -> ${tools.join(',')} ${notes}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a table beside a corrected movie is no measurement; a tool whose main result is a table is', () => {
    expect(makesATableFirst('correct_drift', catalogue)).toBe(false);
    expect(makesATableFirst('measure', catalogue)).toBe(true);
    expect(makesATableFirst('segment', catalogue)).toBe(false);
  });

  it('a question about the data still runs no image step it only names', () => {
    // (correct_bleach measures it, writing no movie: stop 43)
    expect(plan('is there photobleaching?').steps.filter((s) => s.tool === 'correct_bleach' && s.args.writeMovie !== false)).toEqual([]);
  });
});
