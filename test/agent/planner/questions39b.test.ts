// Kinds of questions from tuning-questions-39A (stop 39, helper A, second task): each test fails when the mechanism
// behind a kind breaks, whatever sentence asks it.
// - a second part that names only a statistic takes the first part's quantity ("..., and the overall mean too");
// - each thing's value and the value over all of them are two parts;
// - a figure asked after a question, naming nothing of its own, is drawn of what the question asks.
import { beforeAll, describe, expect, it } from 'vitest';
import { figureOfTheQuestion } from '../../../src/agent/planner/questionFigure.ts';
import { questionPartsOf } from '../../../src/agent/planner/tableAnswers.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a statistic alone after a question', () => {
  it("takes the first part's quantity", () => {
    expect(questionPartsOf('mean speed per track pls, and the overall mean too')?.[1]).toMatch(/\bmean speed\b/);
    expect(questionPartsOf("what's the mean area, and the median?")?.[1]).toMatch(/\bmedian area\b/);
    expect(questionPartsOf("give me each track's duration, and the average as well")?.[1]).toMatch(/\baverage duration\b/);
  });
  it('leaves one comparison and two quantities as they were', () => {
    expect(questionPartsOf('how many at the start and how many at the end?')).toBeUndefined();
    expect(questionPartsOf('what is the mean speed and the mean area?')?.map((p) => /speed/.test(p))).toEqual([true, false]);
  });
});

describe('a figure asked after a question', () => {
  it('is drawn of what the question asks', () => {
    for (const q of ['how does the number of nuclei change over time? show me a graph', 'how many nuclei are there per frame? graph that please', 'How does the nucleus count evolve through the movie? A plot would be great.']) {
      const figure = figureOfTheQuestion(q);
      expect(figure, q).toMatch(/^plot\b/);
      const steps = plan(figure!).steps;
      expect(steps.map((s) => s.tool), q).not.toContain('track');
      expect(steps.map((s) => s.tool), q).not.toContain('export');
      expect(steps.find((s) => s.tool === 'plot')?.args, q).toMatchObject({ feature: 'count', kind: 'timeseries' });
    }
  });
  it('is not read so for a yes/no question, a figure that names its own thing, or one sentence', () => {
    for (const q of ['is there drift? plot it', 'how many nuclei are there? plot their area over time', 'plot the count per frame', 'how many nuclei are there per frame?']) expect(figureOfTheQuestion(q), q).toBeUndefined();
  });
});
