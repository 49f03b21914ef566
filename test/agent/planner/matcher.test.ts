// The matcher: slips of the tools' words are read as those words, real words from elsewhere are not.
import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { catalogueFromTools } from '../../../src/agent/planner/catalogue.ts';
import { ToolIndex } from '../../../src/agent/planner/matcher.ts';
import { indexFor } from '../../../src/agent/planner/toolIndex.ts';
import { meaning, tokenize } from '../../../src/agent/planner/words.ts';

const index = indexFor(catalogueFromTools(ALL_TOOLS));

describe('matcher', () => {
  it('reads a four-letter slip of a tool name ("trak")', () => {
    expect(index.match('trak the cells plz')[0]?.tool).toBe('track');
  });

  it('does not correct a short stem onto another ("filter" is no "film")', () => {
    expect(index.match('smooth the movie with a median filter')[0]?.tool).toBe('denoise');
  });

  it('knows lab shorthand of its words', () => {
    expect(index.abbreviates('corr')).toBe(true);
    expect(index.abbreviates('parcel')).toBe(false);
  });
});

describe('argument words', () => {
  it('finds a tool by a word only its arguments use ("gaps" of maxFrameGap), marked as such', () => {
    const best = index.match('close gaps up to 5 frames')[0];
    expect(best?.tool).toBe('track');
    expect(best?.byArgument).toBe(true);
    expect(index.match('track the nuclei')[0]?.byArgument).toBeUndefined();
  });
});

describe('lab shorthand of tool names (brief R2)', () => {
  it('reads "trk" (consonants) and "seg" (a start) as the tools they abbreviate', () => {
    expect(index.match('trk the nuclei')[0]?.tool).toBe('track');
    expect(index.match('seg nuc')[0]?.tool).toBe('segment');
  });

  it('leaves a start shared by two words alone ("exp": export or exponential)', () => {
    expect(index.match('bleach corr (exp fit)')[0]?.tool).toBe('correct_bleach');
  });
});

describe('lab initials and shortened values (brief R, stop 14)', () => {
  it('reads the initials of a tool name said noun first ("DC" of drift correction, "BC" of bleach correction)', () => {
    expect(index.match('DC')[0]?.tool).toBe('correct_drift');
    expect(index.match('bc')[0]?.tool).toBe('correct_bleach');
  });

  it('reads no unit as initials ("px", "ms")', () => {
    expect(index.match('px').length).toBe(0);
    expect(index.match('ms').length).toBe(0);
  });

  it('reads four letters of a long value word as it ("hist" of histogram), not of a short one ("mode" is no "model")', () => {
    expect(index.match('hist')[0]?.tool).toBe('plot');
    expect(index.match('mode').some((m) => m.matched.includes('model'))).toBe(false);
  });
});

describe('the verbs of the tools\' example requests (stepVerb)', () => {
  it('reads a verb some example opens with, in its plain form and either spelling, and the tools it belongs to', () => {
    expect(index.stepVerb('outline')?.tools).toEqual(['segment']);
    expect(index.stepVerb('Stabilize')?.tools).toEqual(index.stepVerb('stabilise')?.tools);
    for (const form of ['outlined', 'outlines', 'segmentation', 'tracker', 'the', 'spheroid']) expect(index.stepVerb(form), form).toBeUndefined();
  });

  it('tells a thing several steps act on from a quantity one step reads', () => {
    const stem = (w: string) => meaning(tokenize(w)[0].stem);
    expect(index.isSharedObject(stem('nuclei'))).toBe(true);
    expect(index.isSharedObject(stem('speed'))).toBe(false);
  });
});

describe('a summary is everyday English', () => {
  // (stop 40: the crop tool's summary, "written as a new movie", made "new" a word of the domain, and a held-out question
  // with "new" in it was read otherwise; a tool added with an ordinary sentence must not change how other requests read)
  it('does not make the words only a summary writes words of the domain', () => {
    const tool = (name: string, summary: string, words: string[]) => ({ name, description: summary, self: { summary, words, examples: [`${words[0]} the cells`] } });
    const [a, b] = [tool('segment', 'Segments the cells.', ['segment']), tool('track', 'Tracks the cells over time.', ['track'])];
    const withCrop = new ToolIndex([a, b, tool('crop', 'Crops the movie, written as a new movie; the original is left as it is.', ['crop'])]);
    const without = new ToolIndex([a, b]);
    for (const word of ['new', 'original', 'left', 'written']) expect(withCrop.knows(meaning(tokenize(word)[0].stem))).toBe(without.knows(meaning(tokenize(word)[0].stem)));
    expect(withCrop.knows(meaning(tokenize('crop')[0].stem))).toBe(true);
  });
});
