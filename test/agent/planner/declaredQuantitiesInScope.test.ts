// A request that names a quantity some tool declares among its results is never refused as out of scope,
// however it is asked for; everyday words alone ("the date") are no such name.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { catalogueFromBoundTools } from '../../../src/agent/planner/catalogue.ts';
import { isOutOfScope, isTellingQuantityPhrase, namesADeclaredQuantity } from '../../../src/agent/planner/outOfScope.ts';
import { indexFor } from '../../../src/agent/planner/planner.ts';

const catalogue = catalogueFromBoundTools(ALL_TOOLS.map((t) => ({ name: t.name, description: t.description, schema: z.toJSONSchema(t.schema, { io: 'input', unrepresentable: 'any' }) })));
const index = indexFor(catalogue);

/** Every phrase a tool declares for a result value with at least one word outside everyday English and asking words ("how big"). */
const declared = [...new Set(ALL_TOOLS.flatMap((t) => Object.values(t.results ?? {}).flatMap((v) => [v.about, ...(v.words ?? [])])))].filter(isTellingQuantityPhrase);
const askings = ['calculate the {}', 'compute {}', 'get me {}', 'could you work out the {} for me', 'I need the {} please'];

describe('declared quantities are in scope', () => {
  it('the declarations give a real list to sweep', () => {
    expect(declared.length).toBeGreaterThan(50);
  });

  it('never refuses a request naming a declared quantity, however it is asked', () => {
    const refused = declared.flatMap((q) => askings.map((a) => a.replace('{}', q))).filter((text) => isOutOfScope(text, index, catalogue));
    expect(refused).toEqual([]);
  });

  it('keeps a quantity asked together with another step or in other words', () => {
    for (const text of ['work out the mean squared displacement and the diffusion coefficient', 'fit the diffusion coefficient please', 'what is the msd exponent of these tracks', 'estimate the confinement ratio']) {
      expect(isOutOfScope(text, index, catalogue), text).toBe(false);
    }
  });

  it('still refuses everyday requests that share only everyday words with a result', () => {
    for (const text of ['what is the date of the next bank holiday', 'calculate my monthly mortgage payment', 'book a flight for the conference']) {
      expect(namesADeclaredQuantity(text), text).toBe(false);
      expect(isOutOfScope(text, index, catalogue), text).toBe(true);
    }
  });
});

describe('asking words a result declares', () => {
  it('are no sign of a quantity of ours alone', () => {
    for (const text of ['measure how big my flat is', 'work out how often my train is late', 'how long until the weekend']) expect(namesADeclaredQuantity(text), text).toBe(false);
    expect(namesADeclaredQuantity('work out the diffusion coefficient')).toBe(true);
  });
});
