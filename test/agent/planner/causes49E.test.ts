// Stop 49 (helper E): three general causes of failing tuned cases, each plan-only.
// - a step that writes copies of results (export) makes nothing another step reads, so it is never moved ahead of a
//   figure said before it ("plot the speeds and save them as csv" draws, then writes the file);
// - the length words said of a span of the calendar ("Long day.") are small talk, no length of tracks asked;
// - a sentence opened by a "before ..." clause whose step was said already ("segment the nuclei; before segmenting,
//   denoise") puts its own step first.
import { beforeAll, describe, expect, it } from 'vitest';
import { splitClauses, orderSteps } from '../../../src/agent/planner/clauses.ts';
import { tokenize } from '../../../src/agent/planner/words.ts';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const before = (tools: string[], a: string, b: string) => tools.indexOf(a) >= 0 && tools.indexOf(a) < tools.indexOf(b);

describe('a figure and a file asked in one breath', () => {
  for (const request of ['plot the speeds and save them as csv', 'histogram of circularity and a CSV of it', 'draw the tracks and export them to TrackMate XML']) {
    it(`draws first, then writes the file: "${request}"`, () => {
      const tools = asSaid.toolsOf(request);
      expect(before(tools, 'plot', 'export')).toBe(true);
    });
  }
  it('measures the speeds from tracks for the figure, not the masks for the file', () => {
    expect(asSaid.toolsOf('plot the speeds and save them as csv')).toContain('track');
  });
});

describe('small talk about the day', () => {
  it('"long" before a span of the calendar is no word at all', () => {
    expect(tokenize('Long day.').map((t) => t.word)).not.toContain('long');
    expect(tokenize('keep the long tracks').map((t) => t.word)).toContain('long');
  });
  for (const request of ['Long day. Just segment the nuclei please, thanks!!', 'Long week. Segment the nuclei please.']) {
    it(`plans only the step asked: "${request}"`, () => {
      expect(asSaid.toolsOf(request)).toEqual(['segment']);
    });
  }
});

describe('a "before ..." clause opening a sentence after its step was said', () => {
  it('orders the clause after it first', () => {
    const clauses = splitClauses('segment the nuclei; before segmenting, denoise the movie');
    expect(orderSteps(clauses, [0, 2])).toEqual([2, 0]);
  });
  it('leaves a "before" clause that is a step of its own to the rule for it', () => {
    const clauses = splitClauses('before segmenting, denoise the movie');
    expect(orderSteps(clauses, [0, 1])).toEqual([1, 0]);
  });
  for (const [request, first, then] of [['segment the nuclei; before segmenting, denoise the movie', 'denoise', 'segment'], ['track the cells; prior to tracking, correct the drift', 'correct_drift', 'track'], ['measure the mean intensity; prior to that measurement, correct the photobleaching', 'correct_bleach', 'measure']] as const) {
    it(`runs ${first} before ${then}: "${request}"`, () => {
      expect(before(asSaid.toolsOf(request), first, then)).toBe(true);
    });
  }
});

describe('a question whose own words planned the step that answers it', () => {
  for (const request of ['segment the cells and track them - how far did the sample drift?', 'denoise and segment the nuclei; is there more than 2 px of drift?']) {
    it(`adds no measurement of the tracks or masks: "${request}"`, () => {
      const tools = asSaid.toolsOf(request);
      expect(tools).toContain('correct_drift');
      expect(tools).not.toContain('measure');
    });
  }
  it('still measures for a question no step of its own answers', () => {
    expect(asSaid.toolsOf('find and track the nuclei, which cell is the fastest?')).toContain('measure');
  });
});

describe('a restriction after a verb ("segment only channel 2")', () => {
  for (const [request, channel] of [['segment only channel 2', 2], ['segment only the GFP channel', 'GFP']] as const) {
    it(`is the verb's own scope, no crop: "${request}"`, () => {
      expect(asSaid.toolsOf(request)).toEqual(['segment']);
      expect(asSaid.argsOf(request, 'segment').channel).toBe(channel);
      expect(asSaid.said(request)).not.toMatch(/Not applied/);
    });
  }
  it('keeps a restriction said alone a crop of the channel', () => {
    expect(asSaid.toolsOf('only channel 2')).toEqual(['crop']);
  });
});
