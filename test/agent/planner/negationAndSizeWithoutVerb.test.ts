// Constraints and questions in people's words (brief s30/A, issue 11 items 3-5), in forms of no eval file: a negation that
// never named the step it matched keeps a step asked by name, or is another step's rule; a size bound on the things found,
// with no verb, is the finder's area rule; the asking wrapped in a wish, a speed asked by its unit, an extreme in a noun phrase.
import { beforeAll, describe, expect, it } from 'vitest';
import { isAskedForm, opensWithAnExtreme, plainQuestion } from '../../../src/agent/planner/tableAnswers.ts';
import { argsOf, loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a negated clause that never named the step it matched', () => {
  it('leaves a step the request asks for by name', () => {
    expect(toolsOf("I don't want to count the nuclei, just segment them")).toEqual(['segment']);
    // (a step it names is still left out)
    expect(toolsOf("don't track them, only segment the nuclei")).toEqual(['segment']);
  });
  it('is the rule of the step it describes, and turns down nothing else', () => {
    const request = 'no cells cut off at the edge of the image please, and segment them';
    expect(argsOf(request, 'segment')).toMatchObject({ excludeBorder: true });
    expect(said(request)).not.toMatch(/acquisition/i);
  });
});

describe('things found with a size bound and no verb', () => {
  it('asks for the finder with its area bounds, never a radius nor a measurement', () => {
    expect(toolsOf('cells with an area from 30 to 600 px')).toEqual(['segment']);
    const args = argsOf('nuclei larger than 45 px in area', 'segment');
    expect(args).toMatchObject({ minAreaPx: 45 });
    expect(args).not.toHaveProperty('objectRadiusPx');
  });
  it('leaves a question about them, and a bound on how they move, alone', () => {
    expect(toolsOf('how many nuclei are larger than 45 px?')).toContain('measure');
    expect(toolsOf('cells moving more than 5 um')).toContain('track');
  });
});

describe('questions in people’s words', () => {
  it('reads the asking wrapped in a wish', () => {
    expect(isAskedForm('we were hoping you could tell me the median area')).toBe(true);
    expect(isAskedForm("I'd be grateful if you could check how many divisions there are")).toBe(true);
    expect(isAskedForm('I was hoping you could segment the nuclei')).toBe(false);
  });
  it('reads a length per time asked by its unit as a speed', () => {
    expect(plainQuestion('how many um per minute do the cells crawl?')).toMatch(/what is the average speed in um per minute/);
  });
  it('reads an extreme named first as a question', () => {
    expect(opensWithAnExtreme('brightest cell in the last frame, in grey levels')).toBe(true);
    expect(opensWithAnExtreme('segment the largest nuclei')).toBe(false);
  });
});
