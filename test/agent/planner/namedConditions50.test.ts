// Conditions people add to a request that no argument takes are named in one line, and conditions that are applied are
// not (brief s50/C): a range of plain numbers no argument took ("x axis from 0 to 500"), a test of significance no step
// runs ("give me a p value"), a request nothing runs for quoted whole beside the channel understood ("colocalisation of
// GFP and mCherry"), chat's lone "w" read as "with", and a relative clause ("the tracks which are moving fast") that asks
// no question about a tool. Plan-only.
import { beforeAll, describe, expect, it } from 'vitest';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

const ARTIFACTS = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }] as never;
const tell = (request: string) => {
  const p = asSaid.plan(request, ARTIFACTS);
  return { tools: p.steps.map((s) => s.tool), args: (tool: string) => p.steps.find((s) => s.tool === tool)?.args ?? {}, said: [...(p.notes ?? []), p.reply ?? ''].join(' ') };
};

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a range of plain numbers no argument took is named (constraints.ts bareRanges)', () => {
  it('names an axis range, a display range and a "between ... and ..." bound with the words before them', () => {
    expect(tell('histogram of the areas, x axis from 0 to 500').said).toMatch(/Not applied: "x axis from 0 to 500"/);
    expect(tell('plot intensity over time with the y range between 100 and 4000').said).toMatch(/100 and 4000/);
  });
  it('never names a range a step took: frames, a crop rectangle, a date', () => {
    expect(tell('segment frames 3 to 7').said).not.toMatch(/Not applied/);
    expect(tell('crop x 10-100, y 20-80').said).not.toMatch(/Not applied/);
    expect(tell('segment the nuclei of the 2025-11-30 movie').said).not.toMatch(/Not applied/);
  });
});

describe('a number of things to take and the word a value is of (constraints.ts countedSubset, numbers)', () => {
  it('names "measure 20 cells at random" and "track 3 cells only", never a count an argument took', () => {
    expect(tell('measure 20 cells randomly').said).toMatch(/Not applied: "20 cells randomly"/);
    expect(tell('track 3 cells only').said).toMatch(/Not applied: "3 cells only"/);
    expect(tell('simulate a movie with 30 cells').said).not.toMatch(/Not applied/);
  });
  it('names the value with the word after it that the step does not know ("50% strength")', () => {
    expect(tell('denoise the movie, 50% strength').said).toMatch(/"50% strength"/);
  });
  it('applies "95% CI" as plot\'s mean with its confidence band (plot\'s own value words), naming nothing', () => {
    const { args, said } = tell('plot speed vs time w/ 95% CI');
    expect(args('plot').summary).toBe('mean');
    expect(said).not.toMatch(/Not applied/);
  });
  it('says what a plot does for "publication quality" (its own alwaysDoes), never a silent "Done"', () => {
    expect(tell('make the speed plot publication quality').said).toMatch(/vector SVG/);
  });
});

describe('results pooled over groups of the data are named (constraints.ts acrossGroups)', () => {
  it('names "average across replicates", never "across the movie"', () => {
    expect(tell('count the nuclei and average across replicates').said).toMatch(/"across replicates" — `measure` runs on the one movie/);
    expect(tell('measure the mean intensity across the movie').said).not.toMatch(/Not applied/);
  });
});

describe('a test of significance asked beside steps is named (untestedDifference.ts)', () => {
  it('names "p value" after measuring, never "significant" as a size', () => {
    expect(tell('measure the nuclear area and give me a p value').said).toMatch(/Not applied: "p value" — no step here tests/);
    expect(tell('segment the cells with significant GFP signal').said).not.toMatch(/tests a difference/);
  });
});

describe('nothing run: the request quoted beside what was understood (answers.ts notUnderstood)', () => {
  it('quotes "colocalisation of GFP and mCherry" and calls no channel a method', () => {
    const { tools, said } = tell('colocalisation of GFP and RFP');
    expect(tools).toEqual([]);
    expect(said).toMatch(/"colocalisation of GFP and RFP"/);
    expect(said).not.toMatch(/offers "RFP"/);
  });
});

describe('chat shorthand and relative clauses (planner.ts, explanations.ts)', () => {
  it('reads a lone "w" between words as "with": the method applied, not named as unknown', () => {
    const { args, said } = tell('segment w otsu');
    expect(args('segment').method).toBe('otsu');
    expect(said).not.toMatch(/Not applied/);
  });
  it('keeps "the tracks which are moving fast" a command: the tracks filtered, no question about a tool', () => {
    const { tools, said } = tell('keep only the tracks which are moving fast, more than 2 um per minute');
    expect(tools).toContain('filter_tracks');
    expect(said).not.toMatch(/from its own declaration/);
  });
});
