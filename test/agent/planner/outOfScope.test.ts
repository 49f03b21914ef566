// Requests with no microscopy or analysis meaning are told apart from requests that name a method we lack.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { catalogueFromBoundTools } from '../../../src/agent/planner/catalogue.ts';
import { isOutOfScope } from '../../../src/agent/planner/outOfScope.ts';
import { indexFor } from '../../../src/agent/planner/planner.ts';

const catalogue = catalogueFromBoundTools(ALL_TOOLS.map((t) => ({ name: t.name, description: t.description, schema: z.toJSONSchema(t.schema, { io: 'input', unrepresentable: 'any' }) })));
const index = indexFor(catalogue);

describe('out of scope', () => {
  it('refuses requests from elsewhere', () => {
    for (const text of ['track my package from Amazon', 'what will the weather be like in Heidelberg tomorrow?', 'draft an email to my supervisor asking for holidays', 'write me a python script that sorts a list of strings']) {
      expect(isOutOfScope(text, index, catalogue), text).toBe(true);
    }
  });

  it('reads who asks ("my boss wants", "the reviewer asks") as no evidence only around a request of ours', () => {
    for (const text of ['write an email to my boss', 'email my supervisor the results', 'my boss wants a raise']) {
      expect(isOutOfScope(text, index, catalogue), text).toBe(true);
    }
    for (const text of ['my boss wants the tracks as CSV by friday', 'the reviewer asks for MSD curves', 'my PI needs the nuclei counted per frame']) {
      expect(isOutOfScope(text, index, catalogue), text).toBe(false);
    }
  });

  it('refuses a tool word acting on a thing from elsewhere, when nothing under the microscope is named', () => {
    for (const text of ['track the parcel I ordered', 'can you track my shipment from DHL?', 'measure my monthly expenses']) {
      expect(isOutOfScope(text, index, catalogue), text).toBe(true);
    }
    for (const text of ['do an MSD analysis', 'bleach corr', 'track these using a Kalman filter please', 'export the tracks as an Imaris file', 'build the lineage trees', 'segment everything']) {
      expect(isOutOfScope(text, index, catalogue), text).toBe(false);
    }
  });

  it('refuses a tool verb whose object, right after it, is an everyday thing and nothing imaged (stop 42, helper C)', () => {
    for (const text of ['export my contacts to csv', 'segment the market by age group', 'count the votes', 'project the sales for next quarter']) {
      expect(isOutOfScope(text, index, catalogue), text).toBe(true);
    }
    // (a pronoun, a thing imaged in a biologist's word, a quantity or the session's own things stay ours)
    for (const text of ['count them', 'export it', 'track the worms', 'count the beads', 'count the spots', 'track the movement', 'measure the distance', 'export my results', 'count my spots', 'track my particles', 'count the foci', 'export my settings', 'plot my histogram', 'measure the size', 'track the larvae']) {
      expect(isOutOfScope(text, index, catalogue), text).toBe(false);
    }
  });

  it('keeps requests that name a method we lack, misspell our words or talk about cells', () => {
    for (const text of ['track the cells using the Hungarian algorithm', 'denoise with a wavelet filter', 'could you denoise this using BM3D?', 'segmnet teh cels please', 'hmm, redo it with Li', 'get rid of the stage wobble', 'segment the nuclei', 'count the blobs in each timepoint']) {
      expect(isOutOfScope(text, index, catalogue), text).toBe(false);
    }
  });

  it('needs microscopy context before a word spelled like ours counts as ours (a name, finance, shopping)', () => {
    for (const text of ['how is the Illumina share price doing?', 'should I buy Illumina stock this week', 'what is the Nikon stock price']) {
      expect(isOutOfScope(text, index, catalogue), text).toBe(true);
    }
    for (const text of ['how many cels are there?', 'trak the nucleii over time', 'denoise the Hela movie', 'is the Illumination even across the field?']) {
      expect(isOutOfScope(text, index, catalogue), text).toBe(false);
    }
  });
});

describe('out of scope, by the words as written', () => {
  it('reads no slip into a whole word far from ours, and no cells into a tool name', () => {
    for (const text of ['segment my customers by spending', 'can you segment our customer database into groups by age?', 'give me a recipe for banana bread']) {
      expect(isOutOfScope(text, index, catalogue), text).toBe(true);
    }
    for (const text of ['sgement the cells', 'segmnet teh nucleii', 'segment the spheroids by size', 'track the puncta']) {
      expect(isOutOfScope(text, index, catalogue), text).toBe(false);
    }
  });

  it("refuses one thing of someone's own that is nothing imaged, but not things imaged in numbers", () => {
    for (const text of ['track my package', 'measure my flat for new carpets', 'filter my inbox for spam emails please']) expect(isOutOfScope(text, index, catalogue), text).toBe(true);
    expect(isOutOfScope('track my worms', index, catalogue)).toBe(false);
  });

  it('refuses a thing from elsewhere whose topic is cells, and keeps questions about cells', () => {
    for (const text of ['write me a poem about cells', 'tell me a joke about microscopes']) expect(isOutOfScope(text, index, catalogue), text).toBe(true);
    for (const text of ['what do you know about the nuclei?', 'give me a report about the tracks', 'how about segmenting the nuclei']) expect(isOutOfScope(text, index, catalogue), text).toBe(false);
  });

  it('refuses a request with not one word of ours, and keeps chat and analyses we lack', () => {
    for (const text of ['can you do my taxes', 'play some music', 'do a sentiment analysis of my tweets']) expect(isOutOfScope(text, index, catalogue), text).toBe(true);
    for (const text of ['hello', 'perfect, cheers', 'nevermind', 'sholl analysis', 'BM3D please', 'undo', 'continue', 'flip it', 'invert', 'skeletonize', 'the slowest one?', 'and the SD?', 'the roundest?']) expect(isOutOfScope(text, index, catalogue), text).toBe(false);
  });

  it('refuses advice about things no tool knows, whatever cells it names, and keeps advice about our steps', () => {
    for (const text of ['when should I passage my HeLa cells?', 'what medium should I grow my U2OS cells in?', 'how much lipofectamine should I use for transfection?']) expect(isOutOfScope(text, index, catalogue), text).toBe(true);
    for (const text of ['should I correct drift before tracking?', 'which exposure should I use for GFP?', 'which denoising method should I use?', 'should I segment my HeLa cells with the model?']) expect(isOutOfScope(text, index, catalogue), text).toBe(false);
  });
});

// Stop 35: buying is outside what we do, whatever is bought (the microscope's own parts and dyes too); "order" that sorts stays ours.
describe('a purchase asked', () => {
  it('runs nothing, whatever is bought', async () => {
    const { loadAcquisitionWords, plan } = await import('./planOffline.ts');
    await loadAcquisitionWords();
    for (const text of ['can you order us a new 63x oil objective from the Zeiss website?', 'purchase a 40x objective for the scope', 'could you buy me some more DAPI?', 'pls order 3 more boxes of dishes', 'rent a confocal for next week']) {
      const p = plan(text);
      expect(p.steps, text).toEqual([]);
      expect(p.reply, text).toMatch(/outside what I do/);
    }
  });
  it('sorting with "order" is no purchase', () => {
    for (const text of ['order the tracks by speed', 'track the nuclei and order them by speed', 'plot the area in order of frames']) expect(isOutOfScope(text, index, catalogue), text).toBe(false);
  });
  it('reads a word of ours said for a thing from elsewhere as out of scope ("a recipe for stew"), never for a thing we hold or a name', () => {
    for (const text of ['what is a nice recipe for goulash?', 'a good protocol for kombucha please']) expect(isOutOfScope(text, index, catalogue), text).toBe(true);
    for (const text of ["what's a good pipeline for my movies?", "what's a good workflow for HeLa?", 'save a recipe for later', 'which method is best for noisy data?', 'save the pipeline for tomorrow', 'make a plot for the grant', 'a histogram for the poster']) expect(isOutOfScope(text, index, catalogue), text).toBe(false);
  });
});
