// Stop 44 (helper A): questions answered from the data. A count that ranks or counts things ("which 3 cells moved the
// most", "the top 5", "3 motile cells") is never a length a tool's own reader takes; a mean answers no median, spread or
// extreme (it is said as the mean, with why the statistic asked is not given); a length compared in µm with a value
// measured in px is converted at the pixel size the session knows; "list the top five fastest" after steps is asked.
import { beforeAll, describe, expect, it } from 'vitest';
import { answerFromValues, composeAnswer } from '../../../src/agent/planner/answers.ts';
import type { Conversation, KnownArtifact, PastResult } from '../../../src/agent/planner/conversation.ts';
import { comparedDeclaredResult } from '../../../src/agent/planner/declaredResults.ts';
import { countOfThings, findQuantities } from '../../../src/agent/planner/quantities.ts';
import { askedPart, isAskedForm } from '../../../src/agent/planner/tableAnswers.ts';
import { findTool } from '../../../src/agent/allTools.ts';
import { asSaid, loadAcquisitionWords, movieAndLabels } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a count that ranks or counts things is no setting', () => {
  it.each([
    ['which 3 cells moved the most? give me their speeds', 3],
    ['tell me which 3 moved the most', 3],
    ['the top 5 tracks', 5],
    ['the 10 fastest', 10],
    ['3 motile cells', 3],
  ])('%s', (text, n) => {
    const q = findQuantities(text).find((x) => x.value === n)!;
    expect(countOfThings(q)).toBe(true);
  });

  it.each(['max distance 3 px', 'cells move up to 3 pixels per frame', 'link within 3'])('keeps a length or a bare bound: %s', (text) => {
    const q = findQuantities(text).find((x) => x.value === 3)!;
    expect(countOfThings(q)).toBe(false);
  });

  it('the tracker keeps its own linking distance when a top-N question rides along', () => {
    for (const q of ['which 3 cells moved the most? give me their speeds', 'track them and tell me which 3 moved the most, with their speeds', 'link the nuclei over time; which 2 tracks are the slowest?']) {
      expect(asSaid.argsOf(q, 'track', movieAndLabels)?.maxLinkingDistancePx, q).toBeUndefined();
    }
    expect(asSaid.argsOf('track them, max distance 12 px', 'track', movieAndLabels)?.maxLinkingDistancePx).toBe(12);
  });
});

const noFile = (id: string): KnownArtifact => ({ id, type: 'table', path: `/nonexistent/cellpilot-44a/${id}.csv`, producedBy: 'measure' });
const measured = (values: Record<string, unknown>): PastResult => ({ tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: 'measure ran.', values, artifacts: [noFile('table-1')] });
const conversationWith = (result: PastResult): Conversation => ({ request: '', artifactsAtStart: [], earlier: [], earlierRequests: [], current: [result] });

describe('a mean answers no median, spread or extreme', () => {
  it.each([
    ['median and IQR of speed', /Mean speed = 1\.8 px\/frame.*that is the mean over all: the 25th and 75th percentiles asked need the rows of table-1, which I could not read/],
    ['what is the spread of speeds?', /that is the mean over all: the spread \(SD\) asked needs the rows of table-1/],
  ])('%s', (q, said) => {
    const result = measured({ meanSpeed: 1.8 });
    expect(answerFromValues(q, conversationWith(result), [result])).toMatch(said);
  });

  it('a mean asked is the mean, with no note', () => {
    const result = measured({ meanSpeed: 1.8 });
    expect(answerFromValues('mean speed?', conversationWith(result), [result])).not.toMatch(/that is the mean over all/);
  });

  it('an extreme with no row to read quotes the mean with its unit, and why', () => {
    const result = measured({ meanSpeed: 1.8 });
    for (const q of ['the slowest track', 'the 5 fastest tracks?']) {
      const answer = composeAnswer({ steps: [{ tool: 'measure', args: { kind: 'tracks' } }], question: q } as never, conversationWith(result));
      expect(answer, q).toMatch(/1\.8 px\/frame.*that is the mean over all: the (?:lowest value|5 highest values) asked needs? the rows of table-1, which I could not read/s);
    }
  });
});

describe('a length compared in µm with a value measured in px', () => {
  const drift: PastResult = { tool: 'correct_drift', args: { writeMovie: false }, ok: true, summary: 'Measured the drift.', values: { maxDriftPx: 6.4 }, artifacts: [] };
  const declaring = (tool: string) => findTool(tool) as never;

  it('is converted at the pixel size known', () => {
    const said = comparedDeclaredResult('did the drift exceed 2 microns?', [drift], declaring, 0.5);
    expect(said).toMatch(/^Yes: .*6\.4 px \(3\.2 µm at 0\.5 µm\/px\), more than 2 µm/);
  });

  it('is said not comparable with no pixel size', () => {
    const said = comparedDeclaredResult('did the drift exceed 2 microns?', [drift], declaring);
    expect(said).toMatch(/^I cannot compare it with 2 µm/);
  });
});

describe('"list" with a ranking is asked', () => {
  it.each(['list the top five fastest', 'list the 5 fastest', 'list the slowest tracks'])('%s', (q) => expect(isAskedForm(q)).toBe(true));

  it('after the steps', () => {
    expect(askedPart('segment and track the nuclei, then list the top five fastest')?.text).toBe('list the top five fastest');
    expect(asSaid.toolsOf('segment and track the nuclei, then list the top five fastest')).toEqual(['segment', 'track', 'measure']);
  });

  it('"list the models" is no question', () => expect(isAskedForm('list the models')).toBe(false));
});
