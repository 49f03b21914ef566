// The clause grammar: arrows order steps like "then".
import { describe, expect, it } from 'vitest';
import { isContext, splitClauses, statesLabelling, withoutWishedEffects } from '../../../src/agent/planner/clauses.ts';

describe('clauses', () => {
  it('splits at arrows, each joined by "then"', () => {
    const clauses = splitClauses('drift -> segment → track => csv');
    expect(clauses.map((c) => c.text)).toEqual(['drift', 'segment', 'track', 'csv']);
    expect(clauses.slice(1).map((c) => c.joiner)).toEqual(['then', 'then', 'then']);
  });

  it('keeps "before that" closing a clause inside it, where runsFirst reads it (stop 47)', () => {
    expect(splitClauses('segment the nuclei, but smooth it with a gaussian before that').map((c) => c.text)).toEqual(['segment the nuclei', 'but smooth it with a gaussian before that']);
    expect(splitClauses('Before that, correct the bleaching').map((c) => c.text)).toEqual(['Before that, correct the bleaching']);
  });

  it('keeps negative numbers and hyphens inside a clause', () => {
    expect(splitClauses('move the focus to -5 µm').map((c) => c.text)).toEqual(['move the focus to -5 µm']);
    expect(splitClauses('a time-lapse of nuclei').length).toBe(1);
  });

  it('keeps a short aside in brackets whole: its commas and "and" list things of one clause', () => {
    expect(splitClauses('export the track statistics (speed, straightness) as csv').length).toBe(1);
    expect(splitClauses('export the track statistics (speed and straightness) as csv').length).toBe(1);
    expect(splitClauses('segment the nuclei, then track them').length).toBe(2);
  });

  it('ends a sentence at "min." after a number or "per" (a unit), but not at "min." shortening "minimum"', () => {
    expect(splitClauses('give me the speeds in um per min. pixel size 0.65 um').map((c) => c.text)).toEqual(['give me the speeds in um per min', 'pixel size 0.65 um']);
    expect(splitClauses('image every 3 min. keep the laser low').length).toBe(2);
    expect(splitClauses('segment with min. area 30 px').length).toBe(1);
  });
});

describe('context', () => {
  it('reads descriptions of the data as context, commands not', async () => {
    const { isContext } = await import('../../../src/agent/planner/clauses.ts');
    for (const text of ['ok so I imaged these cells overnight', 'and the stage drifted quite a bit', 'My images are super noisy', 'the drift is fine']) expect(isContext(text), text).toBe(true);
    for (const text of ['correct the drift', 'the pixel size is 0.65 µm', 'track the nuclei']) expect(isContext(text), text).toBe(false);
  });
});

describe('state of a result and participles of manner (stop 31, helper E)', () => {
  it('reads a result said to be done as context, a request about it not', async () => {
    const { isContext } = await import('../../../src/agent/planner/clauses.ts');
    for (const text of ['Tracks are done', 'the segmentation is finished', 'ok, the masks have been made', "tracking's done"]) expect(isContext(text), text).toBe(true);
    for (const text of ['make sure the tracking is done', 'segmentation is done with Li', 'track the nuclei', 'how much bleaching is there', 'what tracks are there']) expect(isContext(text), text).toBe(false);
  });
  it('reads "Already segmented", a result judged fine, and the data said as a noun phrase as context', async () => {
    const { isContext } = await import('../../../src/agent/planner/clauses.ts');
    for (const text of ['Already segmented', "they're already tracked", 'The tracking looks fine', 'the masks seem good to me', 'Phase contrast movie of fibroblasts', 'a 2-channel confocal time-lapse of HeLa cells']) expect(isContext(text), text).toBe(true);
    for (const text of ['segment the phase contrast movie of fibroblasts', 'already segment it', 'make the tracking look fine', 'max projection of the stack']) expect(isContext(text), text).toBe(false);
  });
  it('keeps "coloured by X" after a comma with the clause before it, but cuts before "followed by"', () => {
    expect(splitClauses('draw the paths on the max projection, coloured by speed').map((c) => c.text)).toEqual(['draw the paths on the max projection, coloured by speed']);
    expect(splitClauses('a histogram of the areas, grouped by frame').length).toBe(1);
    expect(splitClauses('segment the nuclei, followed by tracking').length).toBe(2);
  });
});

describe('frame scope', () => {
  it('blanks the frames a step runs on, keeping positions and a reference frame', async () => {
    const { withoutFrameScope } = await import('../../../src/agent/planner/clauses.ts');
    const text = 'I need the nuclear areas for the first 10 frames';
    expect(withoutFrameScope(text)).toHaveLength(text.length);
    expect(withoutFrameScope(text).trim()).toBe('I need the nuclear areas for');
    expect(withoutFrameScope('track nuclei from frame 5 onwards').trim()).toBe('track nuclei');
    expect(withoutFrameScope('segment frames 10-20').trim()).toBe('segment');
    expect(withoutFrameScope('align to the first frame')).toBe('align to the first frame');
  });
});

describe('clause breaks of brief R', () => {
  it('keeps "between A and B" in one clause', async () => {
    const { splitClauses } = await import('../../../src/agent/planner/clauses.ts');
    expect(splitClauses('test Granger causality between area and mean intensity').map((c) => c.text)).toEqual(['test Granger causality between area and mean intensity']);
    expect(splitClauses('denoise > segment').map((c) => [c.text, c.joiner])).toEqual([['denoise', ''], ['segment', 'then']]);
    expect(splitClauses('a max projection as well as a mean projection').map((c) => [c.text, c.joiner])).toEqual([['a max projection', ''], ['a mean projection', 'and']]);
  });
});

describe('Fiji menu paths (brief R2)', () => {
  it('keeps "Image > Stacks > Z Project" one clause, while "denoise > segment" still splits', () => {
    expect(splitClauses('Image > Stacks > Z Project, max intensity').map((c) => c.text)).toEqual(['Image > Stacks > Z Project', 'max intensity']);
    expect(splitClauses('denoise > segment > track').map((c) => c.text)).toEqual(['denoise', 'segment', 'track']);
  });
});

describe('a clause of scope alone (brief R, stop 14)', async () => {
  const { isFrameScopeOnly, withoutFrameScope } = await import('../../../src/agent/planner/clauses.ts');
  it('knows a clause that only says which frames', () => {
    expect(isFrameScopeOnly('only the first half of the movie')).toBe(true);
    expect(isFrameScopeOnly('just frames 10-20')).toBe(true);
    expect(isFrameScopeOnly('segment the first half of the movie')).toBe(false);
    expect(isFrameScopeOnly('segment the nuclei')).toBe(false);
  });

  it('blanks a fraction of the movie for the matcher, keeping the length', () => {
    const text = 'max projection of the second half of the movie';
    expect(withoutFrameScope(text).trim()).toBe('max projection of');
    expect(withoutFrameScope(text).length).toBe(text.length);
  });
});

describe('clauses written without punctuation or joiners (withVerbPhrasesApart)', async () => {
  const { withVerbPhrasesApart, orderSteps } = await import('../../../src/agent/planner/clauses.ts');
  const { indexFor } = await import('../../../src/agent/planner/toolIndex.ts');
  const index = indexFor(new Map());
  const parts = (text: string) => withVerbPhrasesApart(splitClauses(text), index).map((c) => c.text);

  it('cuts where a second step\'s verb starts a verb phrase: before its object, another verb, or a word no tool knows', () => {
    expect(parts('register frames outline spheroids follow them write csv')).toEqual(['register frames', 'outline spheroids', 'follow them', 'write csv']);
    expect(parts('subtract background outline the bacteria link those')).toEqual(['subtract background', 'outline the bacteria', 'link those']);
    expect(parts('denoise register segment')).toEqual(['denoise', 'register', 'segment']);
    // (a verb another step shares starts a step by its own step's word after it; "with" says how a step runs)
    expect(parts('register frames correct the fading outline spheroids with Li')).toEqual(['register frames', 'correct the fading', 'outline spheroids with Li']);
  });

  it('keeps nouns that are also verbs, participles and a second verb of the same step in one clause', () => {
    for (const text of ['measure mean track speed', 'quantify track persistence', 'compare track speeds', 'make a track plot', 'calculate the segment perimeter', 'export tracked spheroids', 'plot segmented spheroid sizes', 'report segment count', 'denoise smooth', 'how long is each track', 'can you track them', 'I want to follow spheroids']) {
      expect(parts(text), text).toEqual([text]);
    }
  });

  it('reads a negation per verb phrase, and a perfect participle as done before the clause it is joined to', () => {
    const negated = withVerbPhrasesApart(splitClauses('never outline spheroids follow them'), index);
    expect(negated.map((c) => [c.text, c.negated])).toEqual([['never outline spheroids', true], ['follow them', false]]);
    const clauses = withVerbPhrasesApart(splitClauses('outline spheroids having registered the frames'), index);
    expect(clauses.map((c) => c.text)).toEqual(['outline spheroids', 'having registered the frames']);
    expect(orderSteps(clauses, [0, 1])).toEqual([1, 0]);
  });
});

describe('statesLabelling', () => {
  it('reads how the objects are labelled as a fact about the sample, not a step', () => {
    expect(statesLabelling("they're outlined by a membrane marker -")).toBe(true);
    expect(statesLabelling('the nuclei are stained with Hoechst in channel 2')).toBe(true);
    expect(statesLabelling('and the cells were labelled with CellTracker')).toBe(true);
    expect(statesLabelling('show frame 5 with the cells outlined in red')).toBe(false);
    expect(statesLabelling('outline the nuclei')).toBe(false);
  });
});

describe('an effect wished for after a command', () => {
  it('is blanked, same length: it says why, never a step ("so the cells stop jumping" stops nothing)', () => {
    const text = 'register the stack so the cells stop jumping around';
    expect(withoutWishedEffects(text)).toBe(`register the stack${' '.repeat(text.length - 'register the stack'.length)}`);
    expect(withoutWishedEffects('denoise it so that the nuclei look smoother, then segment')).toMatch(/^denoise it\s+, then segment$/);
  });
  it('keeps one that holds a number, a unit or a format, which may be a setting', () => {
    for (const text of ['track the cells so the speed is in um/min', 'segment so the masks are 16-bit tiff']) expect(withoutWishedEffects(text)).toBe(text);
  });
});

describe('how often a recording was made, told in a narrative', () => {
  it('is a fact about the movie, never a microscope step', () => {
    expect(isContext('we imaged HeLa H2B-mCherry every 5 min overnight.')).toBe(true);
    expect(isContext('we imaged the cells at 10 min intervals for 2 days')).toBe(true);
    // (an order to image is no narrative)
    expect(isContext('image GFP every 5 min')).toBe(false);
  });
});
